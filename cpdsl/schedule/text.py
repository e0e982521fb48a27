"""The schedule as text: a heading, then one line an entry, the date, its weekday and
its mark in aligned columns, then what falls due and its source:

    2026-01-12 Mon  done  initial conference  (the plan, line 12)
"""

from __future__ import annotations

import datetime as dt

from cpdsl import model as m
from cpdsl.citations import for_people
from cpdsl.schedule.event import Event, one_line

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # not strftime: no locale


def heading(plan: m.Plan, path: str, today: dt.date) -> str:
    """`Amy Example (CP-2026-0042): dates as of 2026-03-01`; the file's name where the
    plan has no title, `no reference` where it has none."""
    title = one_line(plan.title.value) if plan.title is not None else ""
    reference = one_line(plan.reference.value) if plan.reference is not None else ""
    return (f"{title or one_line(path)} ({reference or 'no reference'}): dates as of "
            f"{today} {_WEEKDAYS[today.weekday()]}")


def listing(plan: m.Plan, path: str, today: dt.date, entries: list[Event]) -> str:
    """The whole listing, each line ended."""
    width = max((len(entry.status) for entry in entries), default=0)
    lines = [heading(plan, path, today)]
    lines += [f"{entry.day} {_WEEKDAYS[entry.day.weekday()]}  {entry.status:<{width}}  "
              f"{one_line(entry.what)}  ({for_people(one_line(entry.source))})"
              for entry in entries]
    if not entries:
        lines.append("(the plan holds no dates yet)")
    return "\n".join(lines) + "\n"

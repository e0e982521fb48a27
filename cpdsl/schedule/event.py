"""One dated entry of a plan's schedule, how it is marked as of a day, and how its source
is named; shared by the parts of cpdsl.schedule that find the dates."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from cpdsl import dates
from cpdsl import model as m
from cpdsl.hidden import escaped
from cpdsl.profile import Profile

# What an entry is marked as of the day the schedule is made for.
DONE, DUE, LATE, CANCELLED = "done", "due", "late", "cancelled"
# A date gone by that the plan cannot record as met (an outcome's `by`, an assessment's
# `due`): calling it done or late would claim what the plan does not say.
PAST = "past"

# The kinds of entry, in the order entries of one day are listed.
KINDS = (
    "conference", "core-group", "first-core-group", "review-due", "joint-report",
    "minutes", "notes", "action", "outcome", "milestone", "assessment", "plan-end",
    "child-in-need",
)


class Event(NamedTuple):
    """A date of the plan: the day, what falls on it (plain words, plan text as written),
    how it stands, where the date comes from, and a key naming it for as long as it is the
    same thing (the calendar's UID), never its date where the date can move."""

    day: dt.date
    kind: str  # one of KINDS
    what: str
    status: str  # DONE, DUE, LATE, CANCELLED or PAST
    source: str
    key: str


def held_status(day: dt.date, today: dt.date) -> str:
    """A meeting recorded: done once its day has come (as facts.held_records counts a
    record held), due before."""
    return DONE if day <= today else DUE


def deadline_status(day: dt.date, today: dt.date) -> str:
    """A deadline nothing has met yet: due up to and on its day, late the day after."""
    return LATE if day < today else DUE


def unmet_before_stop(day: dt.date, today: dt.date, stop: dt.date | None) -> str | None:
    """A deadline nothing has met yet in a plan that may have stopped: None (no entry) when
    it falls on or after the stop, as the rules judge none there (CP401, CP405, CP411)."""
    if stop is not None and day >= stop:
        return None
    return deadline_status(day, today)


def unrecorded_status(day: dt.date, today: dt.date) -> str:
    """A date the plan has no way to record as met: due up to its day, past after."""
    return PAST if day < today else DUE


def from_setting(profile: Profile, key: str) -> str:
    """`the england profile's `minutes`, 10 working days: 004_256d3034f79780c2.txt`, as the
    joint report's timetable names a setting (cpdsl.facts.joint_report)."""
    limit = profile.duration(key)
    said = f"the {profile.name} profile's `{key}`"
    if limit is not None:
        said += f", {dates.describe(limit)}"
    ref = profile.ref(key)
    return f"{said}: {ref}" if ref else said


def from_plan(written: m.Placed | m.Node | None) -> str:
    """`the plan, line 12`: where the plan itself states a date (or an interval)."""
    span = getattr(written, "span", None)
    return f"the plan, line {span.line}" if span is not None else "the plan"


def one_line(text: str) -> str:
    """Plan text on one line, its hidden characters shown (`<U+202E>`, cpdsl.hidden), so
    that no line of the schedule shows other text than the plan holds."""
    return " ".join(escaped(text).split())


def text_of(text: m.Text | None) -> str:
    """A text of the plan as it goes into an entry's words ("" for none)."""
    return text.value if text is not None else ""

"""What the timescale rules (CP4) share for their messages: how long in a setting's unit,
which of two intervals is longer, what a profile says and allows (and, for the first core
group and the first review, by when after the initial conference), how conferences and
the plan's stop are named. The dates themselves are facts (cpdsl.facts)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from cpdsl import dates
from cpdsl import facts
from cpdsl import model as m
from cpdsl.profile import Profile
from cpdsl.rules.naming import setting_source

# Nominal lengths in days, to say which of two intervals in different units is longer.
_NOMINAL_DAYS = {"working-days": 7 / 5, "days": 1, "weeks": 7, "months": 365.25 / 12}


def _whole_months(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and dates.add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def how_long(start: dt.date, end: dt.date, unit: str, nation: str) -> str:
    """The time from `start` to `end` in a setting's unit: `14 working days`,
    `8 weeks and 3 days`, `3 months and 12 days`."""
    if unit == "working-days":
        return _plural(dates.working_days_between(start, end, nation), "working day")
    days = (end - start).days
    if unit == "weeks":
        whole, rest = divmod(days, 7)
        unit_text = _plural(whole, "week")
    elif unit == "months":
        whole = _whole_months(start, end)
        rest = (end - dates.add_months(start, whole)).days
        unit_text = _plural(whole, "month")
    else:
        return _plural(days, "day")
    if rest == 0:
        return unit_text
    return f"{unit_text} and {_plural(rest, 'day')}" if whole else _plural(rest, "day")


def longer(one: m.Duration, other: m.Duration) -> bool:
    """Whether interval `one` is longer than `other`: by count in one unit, else by their
    nominal lengths (a month is longer than 4 weeks, 10 working days are 2 weeks)."""
    if one.unit == other.unit:
        return one.count > other.count
    return one.count * _NOMINAL_DAYS[one.unit] > other.count * _NOMINAL_DAYS[other.unit]


def says(profile: Profile, key: str, text: str) -> str:
    """What the profile says, with the source of its figure: `the bolton profile allows 10
    (000_5146a52aabc1ef30.txt, section 3)`; an inherited figure's source names the
    profile it is from (`(from the england profile: ...)`)."""
    source = setting_source(profile, key)
    return f"the {profile.name} profile {text}" + (f" ({source})" if source else "")


def allows(profile: Profile, key: str, limit: m.Duration) -> str:
    """`the bolton profile allows 10 working days (...)`: the number with its unit."""
    return says(profile, key, f"allows {dates.describe(limit)}")


class FromInitial(NamedTuple):
    """The time a profile setting allows after the initial conference, for the first core
    group (CP401) and the first review conference (CP405)."""

    initial: m.Conference
    limit: m.Duration
    last: dt.date  # the last day still in time
    allows: str  # what the profile allows, with the source of its figure: `allows`'s


def from_initial(plan: m.Plan, profile: Profile, key: str) -> FromInitial | None:
    """The time the profile's setting `key` allows after the plan's initial conference;
    None where the profile has no such setting, the plan no initial conference, or the
    last day in time would fall past the calendar's end."""
    limit = profile.duration(key)
    initial = facts.initial_conference(plan)
    if limit is None or initial is None:
        return None
    last = facts.last_in_time(initial.date.value, limit, profile.nation)
    if last is None:
        return None
    return FromInitial(initial, limit, last, allows(profile, key, limit))


def day(date: m.Date | None) -> dt.date | None:
    """The day a date names; None for no date, or one that names no day."""
    return date.value if date is not None else None


def stopped_on(plan: m.Plan) -> str:
    """How the plan stopped, for a message: `the plan ended on 2026-02-02` or `the child
    moved to another area on 2026-02-02`."""
    stop = facts.plan_stops(plan)
    if facts.stopped_by(plan) == "ended":
        return f"the plan ended on {stop}"
    return f"the child moved to another area on {stop}"


def on(conference: m.Conference) -> str:
    """`the review conference on 2026-04-14`."""
    return f"the {conference.kind.text} conference on {conference.date.value}"


def mark(conference: m.Conference) -> str:
    """What follows a review conference's date in a message: ` (reconvened)` for a
    conference reconvened early, which counts as a review; nothing for a review."""
    return " (reconvened)" if conference.kind.text == "reconvened" else ""

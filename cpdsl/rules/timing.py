"""What the timescale rules (CP4) share: counting against a profile's settings, saying
how long in the setting's unit, and the plan's conferences and core groups in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cpdsl import dates
from cpdsl import model as m
from cpdsl.profile import Profile
from cpdsl.rules import facts
from cpdsl.vocabulary import CONFERENCE_KINDS, MEETING_KINDS

# How many planned core group dates CP412 works out in one stretch between conferences:
# far more than any plan holds (ten years of weekly meetings), a bound for nonsense dates.
_MOST_PLANNED = 520
# Nominal lengths in days, to say which of two intervals in different units is longer.
_NOMINAL_DAYS = {"working-days": 7 / 5, "days": 1, "weeks": 7, "months": 365.25 / 12}


# -- counting ---------------------------------------------------------------------------------


def _last_in_time(day: dt.date, duration: m.Duration, nation: str) -> dt.date | None:
    """The last day still within `duration` of `day`; None past the calendar's end."""
    try:
        return dates.add_duration(day, duration, nation)
    except (OverflowError, ValueError):
        return None


def _after(start: dt.date, end: dt.date, duration: m.Duration, nation: str) -> bool:
    """Whether `end` is more than `duration` after `start` (the last day is in time)."""
    last = _last_in_time(start, duration, nation)
    return last is not None and end > last


def _not_before(day: dt.date, event: dt.date, duration: m.Duration, nation: str) -> bool:
    """Whether `day` is not at least `duration` before `event` (ready a day before is
    1 day before)."""
    last = _last_in_time(day, duration, nation)
    return last is None or last > event


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


def _longer(one: m.Duration, other: m.Duration) -> bool:
    """Whether interval `one` is longer than `other`: by count in one unit, else by their
    nominal lengths (a month is longer than 4 weeks, 10 working days are 2 weeks)."""
    if one.unit == other.unit:
        return one.count > other.count
    return one.count * _NOMINAL_DAYS[one.unit] > other.count * _NOMINAL_DAYS[other.unit]


def _says(profile: Profile, key: str, text: str) -> str:
    """What the profile says, with the setting's source: `the bolton profile allows 10
    (000_5146a52aabc1ef30.txt, section 3)`."""
    ref = profile.ref(key)
    return f"the {profile.name} profile {text}" + (f" ({ref})" if ref else "")


def _allows(profile: Profile, key: str, limit: m.Duration) -> str:
    """`the bolton profile allows 10 working days (...)`: the number with its unit."""
    return _says(profile, key, f"allows {dates.describe(limit)}")


# -- planned core groups ----------------------------------------------------------------------


def _planned_interval(plan: m.Plan, profile: Profile) -> m.Duration | None:
    """How often core groups are planned: the plan's `core-groups every ...`, else the
    profile's `core-group-interval`; None where neither gives a usable interval."""
    every = getattr(plan.core_groups, "every", None)
    if every is None:
        every = profile.duration("core-group-interval")
    return every if every is not None and every.count > 0 else None


def _planned_dates(anchor: dt.date, every: m.Duration, nation: str, end: dt.date | None,
                   stop: dt.date | None,
                   today: dt.date | None) -> Iterator[tuple[dt.date, int]]:
    """The planned core group dates after `anchor`, before `end` and before the plan
    stops (`stop`: it `ended` or the child `moved`), each with how many days either side
    of it a record is near it (half an interval); with `today`, only those that can be
    judged as of today (that half interval after them has passed)."""
    planned = anchor
    for count in range(1, _MOST_PLANNED + 1):
        if every.unit == "months":  # from the anchor, so month ends do not drift
            planned = _last_in_time(anchor, m.Duration(every.count * count, "months"), nation)
        else:
            planned = _last_in_time(planned, every, nation)
        following = _last_in_time(planned, every, nation) if planned is not None else None
        if planned is None or following is None:
            return
        if (end is not None and planned >= end) or (stop is not None and planned >= stop):
            return
        near = (following - planned).days // 2
        if today is not None and planned + dt.timedelta(days=near) >= today:
            return
        yield planned, near


# -- facts of this family ---------------------------------------------------------------------


def _day(date: m.Date | None) -> dt.date | None:
    return date.value if date is not None else None


def _has_text(text: m.Text | None) -> bool:
    return text is not None and bool(text.value.strip())


_KINDS = {m.Meeting: MEETING_KINDS, m.Conference: CONFERENCE_KINDS}


def _all_read(*groups) -> bool:
    """Whether every meeting and conference was read whole: a kind cplint knows and a date
    that names a day. One that was not could be the record a check looks for."""
    return all(_day(item.date) is not None
               and getattr(item.kind, "text", None) in _KINDS[type(item)]
               for items in groups for item in items)


def _held_core_groups(plan: m.Plan, initial: m.Conference | None) -> list[m.Meeting]:
    """The core groups held, in date order, from the initial conference on (if any)."""
    held = facts.held(facts.core_group_meetings(plan))
    if initial is None:
        return held
    return [x for x in held if x.date.value >= initial.date.value]


def _conferences(plan: m.Plan) -> list[m.Conference]:
    """The initial conference (if any) and the review conferences after it, reconvened
    ones among them, in date order."""
    initial = facts.initial_conference(plan)
    reviews = facts.reviewing_conferences(plan)
    if initial is None:
        return reviews
    return [initial, *(r for r in reviews if r.date.value > initial.date.value)]


def _reviews(plan: m.Plan) -> list[m.Conference]:
    """The review conferences after the initial conference (all of them without one),
    reconvened ones among them."""
    return [c for c in _conferences(plan) if c.kind.text in facts.REVIEW_KINDS]


def _stops(plan: m.Plan) -> dt.date | None:
    """The day the plan's timescales stop: it `ended`, or the child `moved` (the earlier)."""
    return facts.plan_stops(plan)


def _stopped_on(plan: m.Plan) -> str:
    """How the plan stopped, for a message: `the plan ended on 2026-02-02` or `the child
    moved to another area on 2026-02-02`."""
    stop = facts.plan_stops(plan)
    if _day(plan.ended) == stop:
        return f"the plan ended on {stop}"
    return f"the child moved to another area on {stop}"


def _on(conference: m.Conference) -> str:
    return f"the {conference.kind.text} conference on {conference.date.value}"


def _mark(conference: m.Conference) -> str:
    """What follows a review conference's date in a message: ` (reconvened)` for a
    conference reconvened early, which counts as a review; nothing for a review."""
    return " (reconvened)" if conference.kind.text == "reconvened" else ""

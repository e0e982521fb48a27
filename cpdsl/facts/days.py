"""Counting time as the guidance words it, for the facts and the rules: the last day
still within a duration, and working days between two dates (cpdsl.dates counts them).

Day 0 is the day counted from; "within N" means on or before the Nth day (week, month)
after it, so "more than N after" is strict.
"""

from __future__ import annotations

import datetime as dt

from cpdsl import dates
from cpdsl import model as m

# How far back `latest_start` looks, in days per unit of the duration: more than any
# unit spans (a month, or a working day beside a fortnight of bank holidays).
_DAYS_PER_UNIT_BOUND = 32


def last_in_time(day: dt.date, duration: m.Duration, nation: str) -> dt.date | None:
    """The last day still within `duration` of `day`; None past the calendar's end."""
    try:
        return dates.add_duration(day, duration, nation)
    except (OverflowError, ValueError):
        return None


def more_than_after(start: dt.date, end: dt.date, duration: m.Duration, nation: str) -> bool:
    """Whether `end` is more than `duration` after `start` (the last day is in time)."""
    last = last_in_time(start, duration, nation)
    return last is not None and end > last


def not_before(day: dt.date, event: dt.date, duration: m.Duration, nation: str) -> bool:
    """Whether `day` is not at least `duration` before `event` (ready a day before is
    1 day before)."""
    last = last_in_time(day, duration, nation)
    return last is None or last > event


def latest_start(event: dt.date, duration: m.Duration, nation: str) -> dt.date | None:
    """The last day that is still at least `duration` before `event`: the day a joint
    report is due by, for one. None before the calendar's start."""
    try:
        low = event - dt.timedelta(days=_DAYS_PER_UNIT_BOUND * (duration.count + 1))
    except OverflowError:
        return None
    if not_before(low, event, duration, nation):
        return None
    high = event  # not_before(low) is False; find the last such day up to `event`
    while low < high:  # `not_before` only turns True as the day moves later
        middle = low + (high - low + dt.timedelta(days=1)) // 2
        if not_before(middle, event, duration, nation):
            high = middle - dt.timedelta(days=1)
        else:
            low = middle
    return low


def working_days_between(start: dt.date, end: dt.date, nation: str) -> int:
    """How many working days after `start` `end` is, in the nation's working days
    (weekends and its bank holidays skipped): 0 when `end` is on or before `start`. The
    guidance counts its working-day timescales so (000_5146a52aabc1ef30.txt, section 3:
    "within 10 working days")."""
    return dates.working_days_between(start, end, nation)

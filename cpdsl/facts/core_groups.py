"""Facts about a plan's core groups: the meeting records, those held, the first held,
who chaired, the planned dates (from `core-groups every ...` or the profile) and each
meeting's deadline for its minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from cpdsl import model as m
from cpdsl.facts.conferences import conferences_in_order, initial_conference
from cpdsl.facts.days import last_in_time
from cpdsl.facts.stops import plan_stops
from cpdsl.profile import Profile

# How many planned core group dates are worked out in one stretch between conferences:
# far more than any plan holds (ten years of weekly meetings), a bound for nonsense dates.
MOST_PLANNED = 520


def core_group_meetings(plan: m.Plan) -> list[m.Meeting]:
    """Core group meeting records with real dates, in date order (cancelled ones too)."""
    meetings = [x for x in plan.meetings if x.kind and x.kind.text == "core-group"
                and x.date and x.date.value]
    return sorted(meetings, key=lambda x: x.date.value)


def held(meetings: list[m.Meeting]) -> list[m.Meeting]:
    """The meetings that took place or are to: not `cancelled`."""
    return [x for x in meetings if x.cancelled is None]


def held_records(meetings: tuple[m.Meeting, ...], today: dt.date) -> list[m.Meeting]:
    """The records of meetings that took place as of `today`: not cancelled, not dated
    after today (a record whose date names no day counts as held)."""
    return [meeting for meeting in meetings
            if meeting.cancelled is None and not _ahead(meeting, today)]


def _ahead(meeting: m.Meeting, today: dt.date) -> bool:
    date = meeting.date
    return date is not None and date.value is not None and date.value > today


def held_core_groups(plan: m.Plan) -> list[m.Meeting]:
    """The core groups held (not cancelled), in date order, from the initial conference
    on (all of them in a plan without one)."""
    meetings = held(core_group_meetings(plan))
    initial = initial_conference(plan)
    if initial is None:
        return meetings
    return [x for x in meetings if x.date.value >= initial.date.value]


def first_held_core_group(plan: m.Plan) -> m.Meeting | None:
    """"The first core group": the first held on or after the initial conference
    (000_5146a52aabc1ef30.txt, section 3); None before one is."""
    return next(iter(held_core_groups(plan)), None)


def meeting_chair(plan: m.Plan, meeting: m.Meeting) -> m.Ident | None:
    """Who chaired a meeting: its own `chair`, or else the plan's `chair`."""
    return meeting.chair if meeting.chair is not None else plan.chair


def minutes_due(meeting: m.Meeting, profile: Profile) -> dt.date | None:
    """The last day a core group's minutes are in time: the profile's `minutes` after the
    meeting (002_107d890e8677bac8.txt, section 2: 5 working days; 004_256d3034f79780c2.txt:
    10 working days). None where the profile sets no time or the date names no day."""
    limit = profile.duration("minutes")
    day = meeting.date.value if meeting.date is not None else None
    if limit is None or day is None:
        return None
    return last_in_time(day, limit, profile.nation)


# 003_53fa38a38afc9856.txt, chair and note taker: the note taker "should provide a written
# copy to the social worker within 5 days"; no profile sets it, and 003 gives no unit, so
# calendar days, as the profiles read 003's "5 days prior to RCPC" (PACK.md section 7.5).
NOTES_TO_SOCIAL_WORKER = m.Duration(5, "days")


def notes_due(meeting_day: dt.date, nation: str) -> dt.date | None:
    """The last day the note taker's copy is due with the social worker (003's 5 days)."""
    return last_in_time(meeting_day, NOTES_TO_SOCIAL_WORKER, nation)


# -- planned core groups ----------------------------------------------------------------


def planned_interval(plan: m.Plan, profile: Profile) -> m.Duration | None:
    """How often core groups are planned: the plan's `core-groups every ...`, else the
    profile's `core-group-interval`; None where neither gives a usable interval."""
    every = getattr(plan.core_groups, "every", None)
    if every is None:
        every = profile.duration("core-group-interval")
    return every if every is not None and every.count > 0 else None


def planned_dates(anchor: dt.date, every: m.Duration, nation: str, end: dt.date | None,
                  stop: dt.date | None,
                  today: dt.date | None) -> Iterator[tuple[dt.date, int]]:
    """The planned core group dates after `anchor`, before `end` and before the plan
    stops (`stop`), each with how many days either side of it a record is near it (half
    an interval); with `today`, only those that can be judged as of today (that half
    interval after them has passed). Monthly dates count from the anchor, so month ends
    do not drift."""
    planned: dt.date | None = anchor
    for count in range(1, MOST_PLANNED + 1):
        if every.unit == "months":
            planned = last_in_time(anchor, m.Duration(every.count * count, "months"), nation)
        else:
            planned = last_in_time(planned, every, nation)
        following = last_in_time(planned, every, nation) if planned is not None else None
        if planned is None or following is None:
            return
        if (end is not None and planned >= end) or (stop is not None and planned >= stop):
            return
        near = (following - planned).days // 2
        if today is not None and planned + dt.timedelta(days=near) >= today:
            return
        yield planned, near


class PlannedCoreGroup(NamedTuple):
    """One planned core group date, how near it a record must be to be its record, and
    the core group held that the dates of its stretch count from."""

    date: dt.date
    near: int
    anchor: m.Meeting


def core_group_schedule(plan: m.Plan, profile: Profile,
                        judged_by: dt.date | None = None) -> list[PlannedCoreGroup]:
    """The planned core groups: every interval (`planned_interval`) from the first core
    group held after each conference, up to the next conference, none once the plan
    stops (RULES.md: "Planned core groups fall every interval from the first core group
    held, up to the next review conference, and none after `ended`";
    000_5146a52aabc1ef30.txt, section 4). With `judged_by`, only the dates whose half
    interval after them has passed by that day."""
    every = planned_interval(plan, profile)
    if every is None:
        return []
    conferences = conferences_in_order(plan)
    bounds: list[dt.date | None] = [c.date.value for c in conferences]
    if not (conferences and conferences[0].kind.text == "initial"):
        bounds.insert(0, None)  # no initial conference: the plan runs before the first review
    meetings = held(core_group_meetings(plan))
    stop = plan_stops(plan)
    schedule = []
    for start, end in zip(bounds, [*bounds[1:], None], strict=True):
        anchor = next((x for x in meetings if (start is None or x.date.value >= start)
                       and (end is None or x.date.value < end)), None)
        if anchor is None:
            continue
        schedule += [PlannedCoreGroup(day, near, anchor) for day, near in planned_dates(
            anchor.date.value, every, profile.nation, end, stop, judged_by)]
    return schedule


def next_planned_core_group(plan: m.Plan, profile: Profile, today: dt.date) -> dt.date | None:
    """The next core group as of `today`: the earliest record of one not cancelled dated
    on or after today, or else the first planned date on or after today; None where
    neither is known (no core group held yet, nothing planned, the plan stopped)."""
    stop = plan_stops(plan)
    if stop is not None and stop <= today:
        return None
    recorded = next((x.date.value for x in held(core_group_meetings(plan))
                     if x.date.value >= today), None)
    planned = next((p.date for p in core_group_schedule(plan, profile) if p.date >= today),
                   None)
    found = [day for day in (recorded, planned) if day is not None]
    return min(found, default=None)

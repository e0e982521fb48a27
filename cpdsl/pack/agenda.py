"""Which agenda a core group gets (../shared/design/PACK.md section 1; 003's AGENDAS).

For a day D (a core group record not cancelled, or a planned date):
- the *first core group* when D is on or after the initial conference and no core group
  was held from that date up to D (a cancelled one does not use up "first": CP401);
- the *core group prior to the review* when D is before the next review R and the next
  core group falls on or after R: a core group recorded as held between D and R makes D
  not the last (CP410); else the schedule decides (CP412's planned dates, D matched to
  the planned date within half an interval, a planned date on R's day counting as after
  R); the first core group that is also the last before R gets the first agenda, with a
  warning (PACK.md section 7.9);
- a *subsequent core group* otherwise.
R is the first review conference dated after D; where the plan records none, the last
day the profile allows (`first-review` after the initial conference, or
`review-interval` after the last review), shown as provisional ("review due by").
No pack for a cancelled meeting, a day after the plan stopped, or before the initial
conference.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import NamedTuple

from cpdsl import model as m
from cpdsl.facts import initial_conference, plan_stops, review_conferences
from cpdsl.facts.core_groups import (
    core_group_meetings,
    core_group_schedule,
    held,
    held_core_groups,
    planned_interval,
)
from cpdsl.facts.days import last_in_time
from cpdsl.profile import Profile


class AgendaKind(enum.Enum):
    FIRST = "AGENDA FOR FIRST CORE GROUP"
    SUBSEQUENT = "AGENDA FOR SUBSEQUENT CORE GROUP"
    BEFORE_REVIEW = ("AGENDA FOR THE CORE GROUP PRIOR TO REVIEW CHILD PROTECTION "
                     "CONFERENCE – PRODUCTION OF THE RCPC PRE-MEETING REPORT")


class Review(NamedTuple):
    date: dt.date
    provisional: bool  # no review recorded after D: the last day the profile allows


class Agenda(NamedTuple):
    day: dt.date
    kind: AgendaKind
    record: m.Meeting | None  # the meeting's record, if the plan has one for the day
    review: Review | None
    next_core_group: dt.date | None
    warning: str | None = None


class NoPack(NamedTuple):
    reason: str


def review_after(plan: m.Plan, profile: Profile, day: dt.date) -> Review | None:
    """R: the first review conference dated after `day`, else the last day the profile
    allows for the next one; None where neither is known."""
    reviews = review_conferences(plan)
    recorded = next((c.date.value for c in reviews if c.date.value > day), None)
    if recorded is not None:
        return Review(recorded, False)
    before = [c.date.value for c in reviews if c.date.value <= day]
    initial = initial_conference(plan)
    if before:
        start, allowed = before[-1], profile.duration("review-interval")
    elif initial is not None:
        start, allowed = initial.date.value, profile.duration("first-review")
    else:
        return None
    due = last_in_time(start, allowed, profile.nation) if allowed is not None else None
    return Review(due, True) if due is not None and due > day else None


def agenda_for(plan: m.Plan, profile: Profile, day: dt.date) -> Agenda | NoPack:
    """The agenda of the core group on `day`, or why no pack is made for it."""
    initial = initial_conference(plan)
    if initial is None:
        return NoPack("the plan records no initial conference")
    if day < initial.date.value:
        return NoPack(f"it is before the initial conference on {initial.date.value}")
    stop = plan_stops(plan)
    if stop is not None and day > stop:
        return NoPack(f"the plan stopped on {stop}")
    on_the_day = [x for x in core_group_meetings(plan) if x.date.value == day]
    record = next((x for x in on_the_day if x.cancelled is None), None)
    if on_the_day and record is None:
        return NoPack("the core group on this day was cancelled")
    first = not any(initial.date.value <= x.date.value < day for x in held_core_groups(plan))
    review = review_after(plan, profile, day)
    following = _next_core_group(plan, profile, day)
    last_before_review = review is not None and (
        following is None or following >= review.date) and not any(
        day < x.date.value < review.date for x in held(core_group_meetings(plan)))
    if first:
        warning = ("this first core group is also the last before the review conference: "
                   "the pre-review items (joint report, recommendation) are not on its agenda"
                   if last_before_review else None)
        return Agenda(day, AgendaKind.FIRST, record, review, following, warning)
    kind = AgendaKind.BEFORE_REVIEW if last_before_review else AgendaKind.SUBSEQUENT
    return Agenda(day, kind, record, review, following)


def _next_core_group(plan: m.Plan, profile: Profile, day: dt.date) -> dt.date | None:
    """The core group after `day`: the next record held, else by the schedule (the
    planned date after the one `day` stands for, within half an interval; else `day`
    and one interval)."""
    recorded = next((x.date.value for x in held(core_group_meetings(plan))
                     if x.date.value > day), None)
    every = planned_interval(plan, profile)
    schedule = core_group_schedule(plan, profile)
    planned = None
    matched = next((i for i, p in enumerate(schedule) if abs((p.date - day).days) <= p.near),
                   None)
    if matched is not None and matched + 1 < len(schedule) and \
            schedule[matched + 1].anchor is schedule[matched].anchor:
        planned = schedule[matched + 1].date
    elif every is not None:
        planned = last_in_time(day, every, profile.nation)
    found = [d for d in (recorded, planned) if d is not None]
    return min(found, default=None)

"""A plan's schedule: every date and deadline it holds or the profile sets, each marked
done, due or late as of a day (see cpdsl.schedule.event for the marks)."""

from __future__ import annotations

import datetime as dt

from cpdsl import model as m
from cpdsl.profile import Profile
from cpdsl.schedule.core_groups import core_group_events
from cpdsl.schedule.event import KINDS, Event
from cpdsl.schedule.plan_dates import plan_date_events
from cpdsl.schedule.reviews import conference_events

_ORDER = {kind: place for place, kind in enumerate(KINDS)}


def events(plan: m.Plan, profile: Profile, today: dt.date) -> list[Event]:
    """Every dated entry of the plan as of `today`, in date order; entries of one day in
    the order of KINDS, then in the order found (a timetable's steps stay in order)."""
    found = [*conference_events(plan, profile, today), *core_group_events(plan, profile, today),
             *plan_date_events(plan, profile, today)]
    return sorted(_distinct_keys(found), key=lambda event: (event.day, _ORDER[event.kind]))


def _distinct_keys(found: list[Event]) -> list[Event]:
    """The entries with a key each: one a plan names twice (two actions of one id, two
    meetings on one day, which the linter reports) gets `#2`, `#3` in the order found."""
    seen: dict[str, int] = {}
    distinct = []
    for event in found:
        seen[event.key] = seen.get(event.key, 0) + 1
        count = seen[event.key]
        distinct.append(event._replace(key=f"{event.key}#{count}") if count > 1 else event)
    return distinct

"""The core group dates of a schedule: the first core group's deadline, each meeting
recorded, each planned date no record stands for, and each meeting's minutes and notes."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator

from cpdsl import dates
from cpdsl import model as m
from cpdsl.facts import (
    core_group_meetings,
    core_group_schedule,
    first_held_core_group,
    initial_conference,
    last_in_time,
    minutes_due,
    notes_due,
    plan_stops,
)
from cpdsl.facts.core_groups import PlannedCoreGroup
from cpdsl.pack.agenda import review_after
from cpdsl.profile import Profile
from cpdsl.schedule.event import (
    CANCELLED,
    DONE,
    DUE,
    LATE,
    Event,
    deadline_status,
    from_plan,
    from_setting,
    held_status,
    text_of,
    unmet_before_stop,
    unrecorded_status,
)

# 003_53fa38a38afc9856.txt, chair and note taker, as cpdsl.facts.notes_due reads it.
NOTES_SOURCE = ("003_53fa38a38afc9856.txt, chair and note taker: “should provide a "
                "written copy to the social worker within 5 days”")


def core_group_events(plan: m.Plan, profile: Profile, today: dt.date) -> Iterator[Event]:
    """Every core group date of the plan, as of `today`."""
    yield from _first_core_group(plan, profile, today)
    for meeting in core_group_meetings(plan):
        yield _record(meeting, today)
        if meeting.cancelled is None:
            yield from _minutes(meeting, profile, today)
            yield _notes(meeting, profile, today)
    source = _interval_source(plan, profile)
    late = {p.date for p in core_group_schedule(plan, profile, judged_by=today)}
    for planned, ordinal in planned_core_groups(plan, profile, today):
        yield Event(planned.date, "core-group", _planned_words(planned, late, today),
                    LATE if planned.date in late else DUE, source,
                    f"planned-core-group:{planned.anchor.date.value}:{ordinal}")


def _planned_words(planned: PlannedCoreGroup, late: set[dt.date], today: dt.date) -> str:
    """A planned date is late once half an interval has passed with no record near it, as
    CP412 judges it: until then a meeting moved a few days later still stands for it."""
    if planned.date in late:
        return f"core group planned, no record within {planned.near} days of it"
    if planned.date < today:
        last = planned.date + dt.timedelta(days=planned.near)
        return f"core group planned, no record yet (one by {last} stands for it)"
    return "core group planned"


def _interval_source(plan: m.Plan, profile: Profile) -> str:
    """Where the planned dates' interval comes from: the plan's own, else the profile's."""
    own = getattr(plan.core_groups, "every", None)
    if own is None:
        return from_setting(profile, "core-group-interval")
    return f"the plan's `core-groups every {dates.describe(own)}`, " + from_plan(
        own).removeprefix("the plan, ")


def _first_core_group(plan: m.Plan, profile: Profile, today: dt.date) -> Iterator[Event]:
    """The first core group's deadline, met by the first held in time (CP401's reading;
    a `delay-reason` explains a late one but does not make it in time)."""
    initial = initial_conference(plan)
    limit = profile.duration("first-core-group")
    if initial is None or limit is None:
        return
    last = last_in_time(initial.date.value, limit, profile.nation)
    if last is None:
        return
    first = first_held_core_group(plan)
    if first is not None and first.date.value <= last:
        status = held_status(first.date.value, today)
    elif first is not None:
        status = LATE  # held after the time allowed, as CP401 finds it whatever the day
    else:
        status = unmet_before_stop(last, today, plan_stops(plan))
    what = "first core group due"
    if status == LATE and plan.delay_reason is not None:
        what += " (the plan's `delay-reason` says why it is later)"
    if status is not None:
        yield Event(last, "first-core-group", what, status,
                    from_setting(profile, "first-core-group"), "first-core-group-due")


def _record(meeting: m.Meeting, today: dt.date) -> Event:
    day = meeting.date.value
    if meeting.cancelled is not None:
        why = text_of(meeting.cancelled.why)
        return Event(day, "core-group", "core group, cancelled" + (f": {why}" if why else ""),
                     CANCELLED, from_plan(meeting.date), f"core-group:{day}")
    return Event(day, "core-group", "core group", held_status(day, today),
                 from_plan(meeting.date), f"core-group:{day}")


def _minutes(meeting: m.Meeting, profile: Profile, today: dt.date) -> Iterator[Event]:
    """The minutes' deadline, met by `minutes-circulated` on or before it (CP407)."""
    due = minutes_due(meeting, profile)
    if due is None:
        return
    day = meeting.date.value
    circulated = meeting.minutes_circulated
    what = f"minutes of the core group on {day} circulated"
    if circulated is not None and circulated.value is not None:
        what += f" (on {circulated.value})"
        status = DONE if circulated.value <= due else LATE
    else:
        status = deadline_status(due, today)
    yield Event(due, "minutes", what, status, from_setting(profile, "minutes"),
                f"minutes:{day}")


def _notes(meeting: m.Meeting, profile: Profile, today: dt.date) -> Event:
    """The note taker's copy to the social worker: the plan records no such copy, but
    minutes circulated by then were made from it."""
    day = meeting.date.value
    due = notes_due(day, profile.nation)
    circulated = meeting.minutes_circulated
    if circulated is not None and circulated.value is not None and circulated.value <= due:
        status = DONE
    else:
        status = unrecorded_status(due, today)
    return Event(due, "notes", f"note taker's notes of the core group on {day} to the "
                 "social worker", status, NOTES_SOURCE, f"notes:{day}")


def planned_core_groups(plan: m.Plan, profile: Profile,
                        today: dt.date) -> list[tuple[PlannedCoreGroup, int]]:
    """The planned core group dates (facts.core_group_schedule) that no record stands for
    (a meeting or its cancellation within half an interval, as CP412 matches them), each
    with its place in its stretch (1 for the first planned after the stretch's first core
    group). A stretch with no conference after it runs up to the next review (recorded or
    provisional: pack.agenda.review_after), else to the first date on or after today."""
    records = sorted(x.date.value for x in core_group_meetings(plan))
    found: list[tuple[PlannedCoreGroup, int]] = []
    ordinal, anchor, horizon, past_today = 0, None, None, False
    for planned in core_group_schedule(plan, profile):
        if planned.anchor is not anchor:
            anchor, ordinal, past_today = planned.anchor, 0, False
            review = review_after(plan, profile, anchor.date.value)
            horizon = review.date if review is not None else None
        ordinal += 1
        if (horizon is not None and planned.date >= horizon) or past_today:
            continue
        past_today = horizon is None and planned.date >= today
        near = dt.timedelta(days=planned.near)
        low = bisect.bisect_left(records, planned.date - near)
        if not (low < len(records) and records[low] <= planned.date + near):
            found.append((planned, ordinal))
    return found

"""The dates the plan itself sets: each action's `due`, each outcome's `by` and each
milestone's, each assessment's `due`, the day the plan stopped, and the child in need
meeting after it ended (CP413)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cpdsl import model as m
from cpdsl.facts import is_open, overdue_actions, plan_stops
from cpdsl.facts.child_in_need import cin_meeting_due
from cpdsl.profile import Profile
from cpdsl.schedule.event import (
    DONE,
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


def plan_date_events(plan: m.Plan, profile: Profile, today: dt.date) -> Iterator[Event]:
    """Every date the plan sets, as of `today`. What falls due after the plan stopped is
    left out where the facts leave it out: an open action due then is no longer this
    plan's (CP411), nor an outcome, milestone or assessment."""
    stop = plan_stops(plan)
    yield from _actions(plan, today, stop)
    for outcome in plan.outcomes:
        name = outcome.id.name
        if _dated(outcome.by, stop):
            yield Event(outcome.by.value, "outcome",
                        f"outcome `{name}` by: {text_of(outcome.text)}",
                        unrecorded_status(outcome.by.value, today), from_plan(outcome.by),
                        f"outcome:{name}")
        for place, milestone in enumerate(outcome.milestones, start=1):
            if _dated(milestone.by, stop):
                yield Event(milestone.by.value, "milestone",
                            f"milestone of outcome `{name}`: {text_of(milestone.text)}",
                            unrecorded_status(milestone.by.value, today),
                            from_plan(milestone.by), f"milestone:{name}:{place}")
    for place, assessment in enumerate(plan.assessments, start=1):
        if _dated(assessment.due, stop):
            yield Event(assessment.due.value, "assessment",
                        f"assessment due: {text_of(assessment.text)}",
                        unrecorded_status(assessment.due.value, today),
                        from_plan(assessment.due), f"assessment:{place}")
    yield from _stop_and_after(plan, profile, today)


def _dated(date: m.Date | None, stop: dt.date | None) -> bool:
    """Whether a date names a day before the plan stopped (if it did)."""
    return date is not None and date.value is not None and (stop is None
                                                            or date.value < stop)


def _actions(plan: m.Plan, today: dt.date, stop: dt.date | None) -> Iterator[Event]:
    """Each action's `due`: done or dropped, late as CP411 finds it (facts.overdue_actions),
    else due."""
    overdue = {id(action) for action in overdue_actions(plan, today)}
    for action in plan.actions:
        due = action.due
        if due is None or due.value is None:
            continue
        name, text = action.id.name, text_of(action.text)
        word = getattr(getattr(action.status, "value", None), "text", None)
        if word in ("done", "dropped"):
            how = "" if word == "done" else " (dropped" + (
                f": {text_of(action.status.why)})" if action.status.why else ")")
            yield Event(due.value, "action", f"action `{name}` due{how}: {text}", DONE,
                        from_plan(due), f"action:{name}")
            continue
        if id(action) in overdue:
            status = LATE
        elif is_open(action):
            status = unmet_before_stop(due.value, today, stop)
        else:  # a status cplint does not know (CP105's): never called overdue
            status = None if stop is not None and due.value >= stop else \
                unrecorded_status(due.value, today)
        if status is not None:
            yield Event(due.value, "action", f"action `{name}` due: {text}", status,
                        from_plan(due), f"action:{name}")


def _stop_and_after(plan: m.Plan, profile: Profile, today: dt.date) -> Iterator[Event]:
    """The day the plan ended or its child moved, and after `ended` the child in need
    meeting: due the profile's `cin-meeting` after it, met by a `cin-meeting` no later
    (CP413, which reads `ended` only)."""
    ended = plan.ended.value if plan.ended is not None else None
    if ended is not None:
        yield Event(ended, "plan-end", "plan ended", held_status(ended, today),
                    from_plan(plan.ended), "ended")
    moved = getattr(plan.moved, "date", None)
    if moved is not None and moved.value is not None:
        to = text_of(plan.moved.to)
        yield Event(moved.value, "plan-end",
                    "child moved to another area" + (f": {to}" if to else ""),
                    held_status(moved.value, today), from_plan(moved), "moved")
    meeting = plan.cin_meeting
    held = meeting.value if meeting is not None else None
    if held is not None:
        yield Event(held, "child-in-need", "child in need meeting", held_status(held, today),
                    from_plan(meeting), "cin-meeting")
    due = cin_meeting_due(plan, profile)
    if due is not None:
        status = (DONE if held <= due else LATE) if held is not None else \
            deadline_status(due, today)
        yield Event(due, "child-in-need", "child in need meeting due", status,
                    from_setting(profile, "cin-meeting"), "cin-meeting-due")

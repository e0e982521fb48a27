"""The conference dates of a schedule: each conference and its `report-ready`, each
review's deadline (CP405, CP406), each review's final report (CP408), and the joint
report's timetable for the next review (PACK.md section 5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cpdsl import model as m
from cpdsl.facts import (
    conferences_in_order,
    core_group_meetings,
    held,
    initial_conference,
    last_in_time,
    plan_stops,
    reviews_after_initial,
)
from cpdsl.facts.joint_report import Step, final_report_due, joint_report_timetable
from cpdsl.pack.agenda import Agenda, AgendaKind, Review, agenda_for, review_after
from cpdsl.profile import Profile
from cpdsl.schedule.core_groups import planned_core_groups
from cpdsl.schedule.event import (
    DONE,
    DUE,
    LATE,
    Event,
    deadline_status,
    from_plan,
    from_setting,
    held_status,
    unmet_before_stop,
    unrecorded_status,
)


def conference_keys(plan: m.Plan) -> dict[int, str]:
    """Each dated conference's key, by `id()`: the initial one, then the reviewing ones by
    their place after it (a review moved to another day is still the same review)."""
    keys = {}
    for place, conference in enumerate(conferences_in_order(plan)):
        keys[id(conference)] = "conference:initial" if conference.kind.text == "initial" \
            else f"conference:{place}"
    for conference in plan.conferences:  # any other: a review before the initial one
        if id(conference) not in keys and conference.date and conference.date.value:
            keys[id(conference)] = f"conference:{conference.kind.text if conference.kind else ''}" \
                                   f":{conference.date.value}"
    return keys


def conference_events(plan: m.Plan, profile: Profile, today: dt.date) -> Iterator[Event]:
    """Every conference date of the plan, as of `today`."""
    keys = conference_keys(plan)
    for conference in plan.conferences:
        key = keys.get(id(conference))
        if key is None:
            continue
        day, kind = conference.date.value, conference.kind.text if conference.kind else ""
        yield Event(day, "conference", f"{kind} conference".strip(), held_status(day, today),
                    from_plan(conference.date), key)
        ready = conference.report_ready
        if ready is not None and ready.value is not None:
            yield Event(ready.value, "joint-report",
                        f"joint report ready for the {kind} conference on {day}", DONE,
                        from_plan(ready), f"report-ready:{key}")
    yield from _review_deadlines(plan, profile, today, keys)
    yield from _final_reports(plan, profile, today, keys)
    yield from _next_joint_report(plan, profile, today, keys)


def _review_deadlines(plan: m.Plan, profile: Profile, today: dt.date,
                      keys: dict[int, str]) -> Iterator[Event]:
    """The last day for each review: the first `first-review` after the initial
    conference, each later one `review-interval` after the one before, a `reconvened`
    conference counting as a review (CP405, CP406); and the next after the last recorded,
    unless that one recommended `end` or the plan stopped in time."""
    initial = initial_conference(plan)
    reviews = reviews_after_initial(plan)
    counted = [(review, "review-interval") for review in reviews]
    if initial is not None:
        counted.insert(0, (initial, "first-review"))
    else:
        reviews = reviews[1:]  # each review counts from the one before; the first from none
    stop = plan_stops(plan)
    for place, (start, setting) in enumerate(counted):
        limit = profile.duration(setting)
        last = last_in_time(start.date.value, limit, profile.nation) if limit else None
        if last is None:
            continue
        what = ("first review conference due by" if setting == "first-review" else
                f"review conference after the one on {start.date.value} due by")
        if place < len(reviews):
            day = reviews[place].date.value
            status = held_status(day, today) if day <= last else LATE
        elif getattr(getattr(start.recommendation, "value", None), "text", None) == "end":
            continue  # the conference recommended that the plan end: no review follows
        else:
            status = unmet_before_stop(last, today, stop)
            what += " (provisional: none recorded)"
        if status is not None:
            yield Event(last, "review-due", what, status, from_setting(profile, setting),
                        f"review-due:{keys[id(start)]}")


def _final_reports(plan: m.Plan, profile: Profile, today: dt.date,
                   keys: dict[int, str]) -> Iterator[Event]:
    """Each review conference's final report, due the profile's `review-report` before it
    and met by a `report-ready` no later (CP408; not for a `reconvened` conference, nor
    one after the plan stopped)."""
    stop = plan_stops(plan)
    for review in reviews_after_initial(plan):
        day = review.date.value
        if review.kind.text != "review" or (stop is not None and day > stop):
            continue
        step = final_report_due(day, profile)
        if step is not None:
            yield _final_report(step, Review(day, False), review.report_ready, today,
                                keys[id(review)])


def _final_report(step: Step, review: Review, ready: m.Date | None, today: dt.date,
                  key: str) -> Event:
    if ready is not None and ready.value is not None:
        status = DONE if ready.value <= step.day else LATE
    else:
        status = deadline_status(step.day, today)
    return Event(step.day, "joint-report", f"{_for(review)}: {step.what}", status,
                 step.source, f"final-report:{key}")


def _for(review: Review) -> str:
    if review.provisional:
        return f"joint report for the review due by {review.date} (provisional)"
    return f"joint report for the review on {review.date}"


def _next_joint_report(plan: m.Plan, profile: Profile, today: dt.date,
                       keys: dict[int, str]) -> Iterator[Event]:
    """The joint report's timetable for the next review R (on or after today, recorded
    or provisional): forward from the core group before R (the one whose agenda is the
    pre-review one), and 003's latest day for that core group, 4 weeks before R."""
    review = review_after(plan, profile, today - dt.timedelta(days=1))
    stop = plan_stops(plan)
    if review is None or (stop is not None and review.date > stop):
        return
    recorded = next((c for c in reviews_after_initial(plan) if c.date.value == review.date
                     and c.kind.text == "review"), None)
    key = keys[id(recorded)] if recorded is not None else "conference:next"
    ready = recorded.report_ready if recorded is not None else None
    core_group = _pre_review_core_group(plan, profile, today, review)
    # Without a core group to count from, the review's own day stands in: only the dates
    # counted back from the review are used then.
    timetable = joint_report_timetable(core_group[0] if core_group else review.date,
                                       review.date, profile)
    if review.provisional and timetable.final_report is not None:
        yield _final_report(timetable.final_report, review, None, today, key)
    by = timetable.core_group_by
    if by is not None:
        if core_group is not None and core_group[0] <= by.day:
            status = held_status(core_group[0], today) if core_group[1] else DUE
        else:
            status = deadline_status(by.day, today)
        yield Event(by.day, "joint-report", f"{_for(review)}: {by.what}", status, by.source,
                    f"joint-report:{key}:core-group")
    if core_group is None:
        return
    done = ready is not None and ready.value is not None and ready.value <= today
    names = ("draft", "amendments", "finalised", "authorised")
    for place, step in enumerate(timetable.forward):
        last = place == len(timetable.forward) - 1
        what = f"{_for(review)}: {step.what}"
        if done:
            status = DONE
        elif last and timetable.late:
            status = LATE
        else:
            status = unrecorded_status(step.day, today)
        if last and timetable.late and timetable.final_report is not None:
            what += f" (after the final report is due on {timetable.final_report.day})"
        yield Event(step.day, "joint-report", what, status, step.source,
                    f"joint-report:{key}:{names[place]}")


def _pre_review_core_group(plan: m.Plan, profile: Profile, today: dt.date,
                           review: Review) -> tuple[dt.date, bool] | None:
    """The core group before `review` whose agenda is the pre-review one (or the first
    core group, where it is also the last before the review: pack.agenda.agenda_for),
    and whether it is a record held; None where none is known."""
    recorded = {x.date.value for x in held(core_group_meetings(plan))}
    planned = {p.date for p, _ in planned_core_groups(plan, profile, today)}
    for day in sorted(recorded | planned, reverse=True):
        if day >= review.date:
            continue
        agenda = agenda_for(plan, profile, day)
        if not isinstance(agenda, Agenda) or agenda.review is None or \
                agenda.review.date != review.date:
            continue
        if agenda.kind is AgendaKind.BEFORE_REVIEW or (
                agenda.kind is AgendaKind.FIRST and agenda.warning):
            return day, day in recorded and day <= today
        return None  # the latest core group before R is not the last before it
    return None

"""Facts about a plan that several rules ask for, worked out one way for all of them."""

from __future__ import annotations

import datetime as dt

from cpdsl import model as m
from cpdsl.vocabulary import FAMILY_ROLES

# The kinds of conference that review the plan for the timescales (CP4): a `reconvened`
# conference, called early, reviews it as a review conference does, and the next review
# counts from it.
REVIEW_KINDS = ("review", "reconvened")


def live_actions(plan: m.Plan) -> list[m.Action]:
    """The actions still in the plan: not dropped."""
    return [a for a in plan.actions if a.status is None or a.status.value.text != "dropped"]


def initial_conference(plan: m.Plan) -> m.Conference | None:
    """The first `conference initial` with a real date."""
    return next((c for c in plan.conferences if c.kind and c.kind.text == "initial"
                 and c.date and c.date.value), None)


def review_conferences(plan: m.Plan) -> list[m.Conference]:
    """The review conferences with real dates, in date order: the planned reviews, which
    hear the assessment (CP514) and judge the outcomes' progress (CP212)."""
    return _dated(plan, ("review",))


def reviewing_conferences(plan: m.Plan) -> list[m.Conference]:
    """The conferences that review the plan for the timescales, with real dates, in date
    order: the review conferences and those `reconvened` early."""
    return _dated(plan, REVIEW_KINDS)


def _dated(plan: m.Plan, kinds: tuple[str, ...]) -> list[m.Conference]:
    found = [c for c in plan.conferences if c.kind and c.kind.text in kinds
             and c.date and c.date.value]
    return sorted(found, key=lambda c: c.date.value)


def next_review(plan: m.Plan, today: dt.date) -> m.Conference | None:
    """"The next review conference": the first one on or after today (RULES.md)."""
    return next((c for c in review_conferences(plan) if c.date.value >= today), None)


def plan_stops(plan: m.Plan) -> dt.date | None:
    """The day the plan's timescales stop: the earlier of the day it `ended` and the day
    the child `moved` to another area (the plan then transfers to the receiving
    authority, whose timescales are not this plan's)."""
    days = [date.value for date in (plan.ended, getattr(plan.moved, "date", None))
            if date is not None and date.value is not None]
    return min(days, default=None)


def core_group_meetings(plan: m.Plan) -> list[m.Meeting]:
    """Core group meeting records with real dates, in date order (cancelled ones too)."""
    meetings = [x for x in plan.meetings if x.kind and x.kind.text == "core-group"
                and x.date and x.date.value]
    return sorted(meetings, key=lambda x: x.date.value)


def held(meetings: list[m.Meeting]) -> list[m.Meeting]:
    """The meetings that took place (not cancelled)."""
    return [x for x in meetings if x.cancelled is None]


def members_by_id(plan: m.Plan) -> dict[str, m.Member]:
    return {member.id.name: member for member in plan.members}


def is_family(member: m.Member | m.Exclusion) -> bool:
    return member.role is not None and member.role.text in FAMILY_ROLES


def lead(plan: m.Plan) -> m.Member | None:
    return next((member for member in plan.members if member.lead), None)

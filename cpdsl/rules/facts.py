"""Facts about a plan that several rules ask for, worked out one way for all of them."""

from __future__ import annotations

import datetime as dt

from cpdsl import model as m
from cpdsl.vocabulary import FAMILY_ROLES


def initial_conference(plan: m.Plan) -> m.Conference | None:
    """The first `conference initial` with a real date."""
    return next((c for c in plan.conferences if c.kind and c.kind.text == "initial"
                 and c.date and c.date.value), None)


def review_conferences(plan: m.Plan) -> list[m.Conference]:
    """The review conferences with real dates, in date order."""
    reviews = [c for c in plan.conferences if c.kind and c.kind.text == "review"
               and c.date and c.date.value]
    return sorted(reviews, key=lambda c: c.date.value)


def next_review(plan: m.Plan, today: dt.date) -> m.Conference | None:
    """"The next review conference": the first one on or after today (RULES.md)."""
    return next((c for c in review_conferences(plan) if c.date.value >= today), None)


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

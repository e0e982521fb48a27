"""Facts about a plan's conferences: the initial conference, the reviews in order, the
next review, and when a review's joint report is due."""

from __future__ import annotations

import datetime as dt

from cpdsl import model as m
from cpdsl.facts.days import latest_start, working_days_between
from cpdsl.profile import Profile

# The kinds of conference that review the plan for the timescales (CP4): a `reconvened`
# conference, called early, reviews it as a review conference does, and the next review
# counts from it (000_5146a52aabc1ef30.txt, section 4).
REVIEW_KINDS = ("review", "reconvened")


def initial_conference(plan: m.Plan) -> m.Conference | None:
    """The first `conference initial` with a real date; None without one."""
    return next((c for c in plan.conferences if c.kind and c.kind.text == "initial"
                 and c.date and c.date.value), None)


def review_conferences(plan: m.Plan) -> list[m.Conference]:
    """The review conferences with real dates, in date order: the planned reviews, which
    hear the assessment (003_53fa38a38afc9856.txt, flow chart) and judge the outcomes'
    progress (002_107d890e8677bac8.txt, section 3)."""
    return _dated(plan, ("review",))


def reviewing_conferences(plan: m.Plan) -> list[m.Conference]:
    """The conferences that review the plan for the timescales, with real dates, in date
    order: the review conferences and those `reconvened` early."""
    return _dated(plan, REVIEW_KINDS)


def _dated(plan: m.Plan, kinds: tuple[str, ...]) -> list[m.Conference]:
    found = [c for c in plan.conferences if c.kind and c.kind.text in kinds
             and c.date and c.date.value]
    return sorted(found, key=lambda c: c.date.value)


def conferences_in_order(plan: m.Plan) -> list[m.Conference]:
    """The initial conference (if any) and the reviewing conferences after it, reconvened
    ones among them, in date order; without an initial conference, every reviewing one."""
    initial = initial_conference(plan)
    reviews = reviewing_conferences(plan)
    if initial is None:
        return reviews
    return [initial, *(r for r in reviews if r.date.value > initial.date.value)]


def reviews_after_initial(plan: m.Plan) -> list[m.Conference]:
    """The reviewing conferences after the initial conference (all of them without one),
    reconvened ones among them, in date order: the first is "the first review"
    (003_53fa38a38afc9856.txt, flow chart)."""
    return [c for c in conferences_in_order(plan) if c.kind.text in REVIEW_KINDS]


def next_review(plan: m.Plan, today: dt.date) -> m.Conference | None:
    """"The next review conference": the first review conference on or after today
    (RULES.md); None when none is planned."""
    return next((c for c in review_conferences(plan) if c.date.value >= today), None)


def joint_report_due(review: m.Conference, profile: Profile) -> dt.date | None:
    """The last day a review conference's joint report is in time: the profile's
    `review-report` before the conference (000_5146a52aabc1ef30.txt, section 1: 24 hours;
    003_53fa38a38afc9856.txt, joint report: 5 days). None where the profile sets no
    time or the review has no real date."""
    limit = profile.duration("review-report")
    day = review.date.value if review.date is not None else None
    if limit is None or day is None:
        return None
    return latest_start(day, limit, profile.nation)


def joint_report_ready(review: m.Conference) -> dt.date | None:
    """The day the review's joint report was ready (`report-ready`), if recorded."""
    ready = review.report_ready
    return ready.value if ready is not None else None


def working_days_after_initial(plan: m.Plan, day: dt.date, nation: str) -> int | None:
    """Which working day after the initial conference `day` is (the conference is day 0;
    000_5146a52aabc1ef30.txt, section 3 counts the first core group so): 7 for the
    seventh working day. None without an initial conference or before it."""
    initial = initial_conference(plan)
    if initial is None or day < initial.date.value:
        return None
    return working_days_between(initial.date.value, day, nation)

"""CP4, the review conferences: the first in time after the initial conference, each later
one in time after the one before (CP405, CP406)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from cpdsl import dates, facts
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import timing
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.reading import all_read


@rule("CP405", "first-review-late", Severity.WARNING,
      "the first review conference later than allowed after the initial conference")
def first_review_late(context: Context) -> Iterator[Finding]:
    """The first review conference later after the initial conference than the profile
    allows.

    The review conference decides whether the plan is working and whether the child still
    needs it; the first comes soon, while the plan is new.

    Source: the flow chart in 003_53fa38a38afc9856.txt: "INITIAL CHILD PROTECTION
    CONFERENCE", "3 months", "REVIEW CHILD PROTECTION CONFERENCE"; nationally, "The first
    RCPC takes place within three months of the ICPC" (Working Together 2023, as the
    england profile cites it); in Scotland, where the first review comes later, "Review
    CPPMs should be held within six months of the CPPM" (Highland's child protection
    procedures 2024, adapted from the National Guidance, as the scotland profile cites it).

    Severity: warning ("should be held within six months", Highland's procedures, as the
    scotland profile cites them). The five local documents give the timetable with no such
    word.

    Reading: the first review conference is the first after the initial conference; a
    `reconvened` conference counts as one, so a conference reconvened early meets the
    first review. Where none is recorded and the time allowed has passed as of today, the
    finding points at the initial conference; a plan that `ended`, or whose child `moved`
    to another area, within the time needs none (the receiving authority reviews the
    plan it takes on).

    Profile setting: `first-review`: 3 months (england, wales, northern-ireland, bolton,
    west-midlands, english-partnership, english-local-authority), 6 months (scotland).

    Fails:
        conference initial 2026-01-12
        conference review 2026-04-20

    Passes:
        conference initial 2026-01-12
        conference review 2026-04-08

    Passes:
        conference initial 2026-01-12
        conference reconvened 2026-02-20 { reason "Kerry's new partner moved in" }
    """
    plan = context.plan
    due = timing.from_initial(plan, context.profile, "first-review")
    if due is None or not all_read(plan.conferences):
        return
    initial, start = due.initial, due.initial.date.value
    reviews = facts.reviews_after_initial(plan)
    if reviews:
        first = reviews[0]
        day = first.date.value
        if day > due.last:
            late = timing.how_long(start, day, due.limit.unit, context.profile.nation)
            yield Finding(first.date.span,
                          f"first review conference on {day}{timing.mark(first)} is {late} "
                          f"after the initial conference on {start}; {due.allows}",
                          (Related(timing.on(initial), initial.date.span),), within=plan.span)
    elif due.last < facts.judged_as_of(plan, context.today):  # due while the plan ran
        yield Finding(initial.date.span,
                      f"no review conference after the initial conference on {start}; the "
                      f"first was due by {due.last}, {dates.describe(due.limit)} after it; "
                      f"{due.allows}",
                      within=plan.span)


@rule("CP406", "review-interval", Severity.WARNING,
      "a review conference later than allowed after the one before")
def review_interval(context: Context) -> Iterator[Finding]:
    """A review conference later after the review before it than the profile allows.

    After the first review, the plan is reviewed at least every six months for as long
    as the child needs it.

    Source: the flow chart in 003_53fa38a38afc9856.txt: "REVIEW CHILD PROTECTION
    CONFERENCE", "6 months", "REVIEW CHILD PROTECTION CONFERENCE"; nationally, "then
    again, at least every six months" (Working Together 2023, as the england profile cites
    it); in Scotland, "Thereafter, reviews should take place six-monthly" (Highland's child
    protection procedures 2024, as the scotland profile cites them).

    Severity: warning ("should take place six-monthly", Highland's procedures, as the
    scotland profile cites them). The five local documents give the timetable with no such
    word.

    Reading: each review conference is measured from the review before it; a
    `reconvened` conference is a review, so the next review counts from it. Where the
    last review did not recommend `end`, no later one is recorded and the time allowed
    has passed as of today, the finding points at the last review; a plan that `ended`,
    or whose child `moved` to another area, within the time needs no other.

    Profile setting: `review-interval`: 6 months (every shipped profile).

    Fails:
        conference initial 2026-01-12
        conference review 2026-04-08
        conference review 2026-10-20

    Passes:
        conference initial 2026-01-12
        conference review 2026-04-08
        conference review 2026-10-07

    Fails:
        # The review is counted from the reconvened conference, the last review before it.
        conference initial 2026-01-12
        conference review 2026-04-08
        conference reconvened 2026-06-01 { reason "Police were called to the home again" }
        conference review 2026-12-07
    """
    plan = context.plan
    limit = context.profile.duration("review-interval")
    if limit is None:
        return
    nation = context.profile.nation
    allows = timing.allows(context.profile, "review-interval", limit)
    reviews = facts.reviews_after_initial(plan)
    if not all_read(plan.conferences):
        return
    for before, review in pairwise(reviews):
        start, day = before.date.value, review.date.value
        if facts.more_than_after(start, day, limit, nation):
            yield Finding(review.date.span,
                          f"review conference on {day}{timing.mark(review)} is "
                          f"{timing.how_long(start, day, limit.unit, nation)} after the review "
                          f"conference on {start}{timing.mark(before)}; {allows}",
                          (Related(timing.on(before), before.date.span),), within=plan.span)
    if not reviews:
        return
    latest = reviews[-1]
    recommendation = latest.recommendation
    if recommendation is not None and getattr(recommendation.value, "text", None) == "end":
        return
    last = facts.last_in_time(latest.date.value, limit, nation)
    if last is not None and last < facts.judged_as_of(plan, context.today):
        yield Finding(latest.date.span,
                      f"no review conference since the one on {latest.date.value}"
                      f"{timing.mark(latest)}; the next "
                      f"was due by {last}, {dates.describe(limit)} after it; {allows}",
                      within=plan.span)


RULES = (first_review_late, review_interval)

"""CP4, the joint report for a review conference, ready in time before it (CP408)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import dates, facts
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import timing
from cpdsl.rules.base import Context, Finding, rule


@rule("CP408", "review-report-late", Severity.WARNING,
      "the joint report for a review conference not ready in time")
def review_report_late(context: Context) -> Iterator[Finding]:
    """The joint report for a review conference ready later than the profile allows
    before it, or not recorded when it can no longer be ready in time.

    The review conference and the family need time to read the core group's single
    report before the conference decides.

    Source: 000_5146a52aabc1ef30.txt, section 1: the single report "should be completed 24
    hours prior to the Review Conference"; 003_53fa38a38afc9856.txt, joint report process:
    "to allow the final report to be available 5 days prior to the Review Child Protection
    Conference".

    Severity: warning ("should be completed 24 hours prior", 000_5146a52aabc1ef30.txt,
    section 1).

    Reading: the report is in time when it is ready at least the profile's time before
    the conference (24 hours is 1 day: ready the day before). A review conference with no
    `report-ready` is reported, at its header, once it is too late for a report to be
    ready in time as of today: every review in the past without one, and the next one
    from the day its report is due. Reviews after the plan `ended`, or after its child
    `moved` to another area, are not judged; nor is a `reconvened` conference, called
    early, often urgently, when the joint report process (003_53fa38a38afc9856.txt: a
    draft "within 5 working days", the final "5 days prior") cannot run.

    Profile setting: `review-report`: 1 day (england, wales, scotland, northern-ireland,
    bolton, west-midlands, english-partnership), 5 days (english-local-authority).

    Fails:
        conference initial 2026-01-12
        conference review 2026-02-23 { report-ready 2026-02-23 }

    Passes:
        conference initial 2026-01-12
        conference review 2026-02-23 { report-ready 2026-02-20 }
    """
    plan = context.plan
    limit = context.profile.duration("review-report")
    if limit is None:
        return
    nation = context.profile.nation
    asks = timing.says(context.profile, "review-report",
                 f"asks for it {dates.describe(limit)} before the conference")
    stop = facts.plan_stops(plan)
    for review in facts.reviews_after_initial(plan):
        day = review.date.value
        if review.kind.text != "review" or (stop is not None and day > stop):
            continue
        ready = review.report_ready
        if ready is not None:
            if ready.value is not None and facts.not_before(ready.value, day, limit, nation):
                early = ("not before it" if ready.value >= day else
                         f"{timing.how_long(ready.value, day, limit.unit, nation)} before it")
                yield Finding(ready.span,
                              f"joint report for the review conference on {day} ready on "
                              f"{ready.value}, {early}; {asks}",
                              (Related(timing.on(review), review.date.span),))
            continue
        if facts.not_before(context.today, day, limit, nation):
            yield Finding(review.header,
                          f"review conference on {day} has no `report-ready`, and as of "
                          f"{context.today} it is too late for its joint report to be ready "
                          f"in time; {asks}",
                          within=review.span)


RULES = (review_report_late,)

"""CP4, recommendations to the review and from it: no early end without exceptional
circumstances, a core group before each review with its recommendation, and a decision
recorded at each review after the first (CP409, CP410, CP414)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import timing
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.reading import all_read


@rule("CP409", "early-end-recommendation", Severity.WARNING,
      "ending the plan recommended at the first review conference without exceptional "
      "circumstances")
def early_end_recommendation(context: Context) -> Iterator[Finding]:
    """The first review conference recommending that the plan end (`recommendation end`),
    whatever its date, with no `exceptional` circumstances recorded.

    The first review comes too soon for change to be shown and to last; the plan ends
    there only for an exceptional reason (the child has moved away for good).

    Source: 000_5146a52aabc1ef30.txt, section 4: "The issue of de-registration should not
    be considered at the first Review Conference due to the short period of time (under 3
    months) unless there are exceptional circumstances, ie the child has moved away
    permanently"; and then: "In subsequent Review Conferences de-registration should be
    considered at each meeting."

    Severity: warning ("should not be considered", 000_5146a52aabc1ef30.txt, section 4).

    Reading: the rule judges the first review conference, whatever its date, a
    `reconvened` conference among them (it reviews the plan): "(under 3
    months)" gives the reason the first review is too soon, not a condition, so a first
    review held 3 months or more after the initial conference is judged too, and a later
    review, however soon, is not (de-registration "should be considered at each" later
    one; CP414). The first review conference is the first after the initial conference;
    a plan with no initial conference recorded, or with a conference whose kind or date
    cannot be read, is not judged, since which review is the first is then not known.
    Empty `exceptional ""` text records no circumstances.

    No profile setting: the `early-end` setting (3 months in every shipped profile), which
    this rule read while it judged only reviews under 3 months after the initial
    conference, is no longer read, and no source needs it.

    Fails:
        conference initial 2025-11-30
        conference review 2026-02-28 { recommendation end }

    Passes:
        conference initial 2025-11-30
        conference review 2026-02-28 {
          recommendation end { exceptional "Kerry and Amy have moved to Australia for good" }
        }
    """
    plan = context.plan
    initial = facts.initial_conference(plan)
    reviews = facts.reviews_after_initial(plan)
    if initial is None or not reviews or not all_read(plan.conferences):
        return
    first = reviews[0]
    recommendation = first.recommendation
    value = getattr(recommendation, "value", None)
    if value is None or value.text != "end" or facts.has_text(recommendation.exceptional):
        return
    yield Finding(value.span,
                  f"the first review conference, on {first.date.value}{timing.mark(first)}, "
                  "recommends ending the plan with no exceptional circumstances recorded: "
                  "de-registration should not be considered at the first review conference "
                  "unless there are exceptional circumstances (record them in "
                  "`exceptional \"...\"`) (000_5146a52aabc1ef30.txt, section 4)",
                  (Related(timing.on(initial), initial.date.span),), within=plan.span)


@rule("CP410", "no-pre-review-core-group", Severity.WARNING,
      "no core group before a review conference, or no recommendation from it")
def no_pre_review_core_group(context: Context) -> Iterator[Finding]:
    """A review conference with no core group held since the conference before it, or
    whose last core group made no `recommendation` to it.

    The final core group before a review analyses the plan's progress and agrees the
    recommendation the review conference hears: continue the plan or end it.

    Source: 004_256d3034f79780c2.txt: "The final core group before the conference should
    provide a recommendation to the Review Conference" (bold in the source);
    003_53fa38a38afc9856.txt: "There should be agreement by core group members regarding
    the recommendation to be made to the Review Child Protection Conference".

    Severity: warning ("should provide a recommendation", 004_256d3034f79780c2.txt).

    Reading: review conferences that have passed (on or before today) are judged. The
    next one (the first on or after today) is judged as soon as its last core group has
    been held, while a missing recommendation can still be put right: once a core group
    has been held since the conference before it, no core group record is dated after
    today, and the next planned core group after the latest record falls on or after the
    review's day (a core group on the day of the review is not before it). Planned core
    groups fall every interval (the plan's `core-groups every ...`, else the profile's
    `core-group-interval`) from the first core group held since the conference before the
    review, as CP412 counts them; a planned date within half an interval of a record is
    that record's. At the latest, the next review is judged once its joint report is due
    (the profile's `review-report` time before it), since the report comes from the
    pre-review core group: so also where nothing can be planned (no core group held since
    the conference before, or no interval) or a planned core group has no record. The
    core groups before a review are those held on or after the conference before it and
    before the review. Reviews after the plan `ended`, or after its child `moved` to
    another area, are not judged. A `reconvened` conference is not judged (it is called
    early, often urgently, when no final core group can be held before it), but it is
    the conference before the next review: the core groups before that review are those
    since it.

    Fails:
        # As of 2026-03-01 the next core group planned, on 2026-03-12, falls after the
        # review: the one on 2026-02-12 was the last before it.
        conference initial 2025-12-08
        conference review 2026-03-06
        core-groups every 4 weeks
        meeting core-group 2025-12-18
        meeting core-group 2026-01-15
        meeting core-group 2026-02-12

    Passes:
        conference initial 2025-12-08
        conference review 2026-03-06
        core-groups every 4 weeks
        meeting core-group 2025-12-18
        meeting core-group 2026-01-15
        meeting core-group 2026-02-12 { recommendation continue }
    """
    plan = context.plan
    today = context.today
    stop = facts.plan_stops(plan)
    conferences = facts.conferences_in_order(plan)
    next_review = facts.next_review(plan, today)
    records = facts.core_group_meetings(plan)
    if not all_read(plan.meetings, plan.conferences):
        return
    for index, review in enumerate(conferences):
        day = review.date.value
        if review.kind.text != "review" or (stop is not None and day > stop):
            continue
        before = conferences[index - 1] if index > 0 else None
        start = before.date.value if before is not None else None
        stretch = [x for x in records if (start is None or x.date.value >= start)
                   and x.date.value < day]
        if day > today and (review is not next_review
                            or not _pre_review_over(context, stretch, day)):
            continue  # not yet held, and its core groups may still give a recommendation
        meetings = facts.held(stretch)
        if not meetings:
            between = f"between {timing.on(before)} and" if before is not None else "before"
            related = (Related(timing.on(before), before.date.span),) if before is not None else ()
            yield Finding(review.header,
                          f"no core group held {between} the review conference on {day}: "
                          "the final core group before a review gives it a recommendation "
                          "(004_256d3034f79780c2.txt)",
                          related, within=plan.span)
            continue
        last = meetings[-1]
        if last.recommendation is None:
            yield Finding(last.header,
                          f"core group on {last.date.value}, the last before the review "
                          f"conference on {day}, has no `recommendation` to it: the final "
                          "core group before a review gives it a recommendation "
                          "(`recommendation continue` or `recommendation end`) "
                          "(004_256d3034f79780c2.txt)",
                          (Related(timing.on(review), review.date.span),), within=plan.span)


def _pre_review_over(context: Context, stretch: list[m.Meeting], review_day: dt.date) -> bool:
    """Whether, as of today, the core groups before the next review (`stretch`, their
    records since the conference before it) are over: its last core group has been held,
    or its joint report is due."""
    every = facts.planned_interval(context.plan, context.profile)
    held = facts.held(stretch)
    if held and every is not None:
        anchor = held[0].date.value  # planned dates count from the first held (RULES.md)
        if _last_core_group_held(context, stretch, anchor, every, review_day):
            return True
    report = context.profile.duration("review-report")
    return report is not None and facts.not_before(context.today, review_day, report,
                                              context.profile.nation)


def _last_core_group_held(context: Context, stretch: list[m.Meeting], anchor: dt.date,
                          every: m.Duration, review_day: dt.date) -> bool:
    """Whether no core group is still to come before the review: no record is dated after
    today, and every planned date before the review is on or before the latest record, or
    near it (within half an interval)."""
    latest = stretch[-1].date.value
    if latest > context.today:
        return False
    nation = context.profile.nation
    return all(planned <= latest + dt.timedelta(days=near)
               for planned, near in facts.planned_dates(anchor, every, nation, review_day,
                                                   facts.plan_stops(context.plan), None))


@rule("CP414", "review-without-recommendation", Severity.WARNING,
      "a review conference after the first with no recommendation recorded")
def review_without_recommendation(context: Context) -> Iterator[Finding]:
    """A review conference after the first one, held (its date on or before today), that
    records no `recommendation` (`continue` or `end`).

    After the first review, each review conference decides whether the child still needs
    the protection plan; the plan's record says what it decided, so the core group knows
    whether to carry on and the next review knows what the last one found.

    Source: 000_5146a52aabc1ef30.txt, section 4: "In subsequent Review Conferences
    de-registration should be considered at each meeting."

    Severity: warning ("should be considered at each meeting", 000_5146a52aabc1ef30.txt,
    section 4).

    Reading: "subsequent" review conferences are those after the first: at the first,
    de-registration is not considered save in exceptional circumstances (CP409), so it
    needs no recommendation. Considering de-registration is recorded as the conference's
    `recommendation continue` or `recommendation end`. Every review after the earliest
    review recorded (after the initial conference, where there is one) is judged; without
    an initial conference the earliest review recorded may itself be a later one, and is
    not judged. A `reconvened` conference is a review: judged as any other after the
    first. A review not yet held (after today), or held after the plan `ended` or its
    child `moved` to another area, is not judged; a `recommendation` whose value is
    unknown is CP105's.

    Fails:
        conference initial 2025-06-02
        conference review 2025-08-26 { recommendation continue }
        conference review 2026-02-23

    Passes:
        conference initial 2025-06-02
        conference review 2025-08-26 { recommendation continue }
        conference review 2026-02-23 { recommendation continue }
    """
    plan = context.plan
    stop = facts.plan_stops(plan)
    reviews = facts.reviews_after_initial(plan)
    for review in reviews[1:]:
        day = review.date.value
        if day > context.today or (stop is not None and day > stop):
            continue
        if review.recommendation is None:
            yield Finding(review.header,
                          f"review conference on {day}{timing.mark(review)} records no "
                          "`recommendation`: after the first review conference, "
                          "de-registration should be considered at each one (record what it "
                          "decided, `recommendation continue` or `recommendation end`) "
                          "(000_5146a52aabc1ef30.txt, section 4)",
                          (Related(f"the first review conference, on {reviews[0].date.value}"
                                   f"{timing.mark(reviews[0])}", reviews[0].date.span),),
                          within=review.span)


RULES = (early_end_recommendation, no_pre_review_core_group, review_without_recommendation)

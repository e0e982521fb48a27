"""CP4, timescales of the review conferences, their recommendations and the plan's end
(CP405, CP406, CP408, CP409, CP410, CP413, CP414). The readings shared with the core
group's timescales are in cpdsl/rules/timescales.py.

A `reconvened` conference, called early because the core group can no longer carry out
the plan or a new concern arose (000_5146a52aabc1ef30.txt, section 4: "A discussion
should take place to consider if the conference is reconvened if the core group is
unable to implement the Child Protection Plan"), reviews the plan: it counts as a review
conference for the timescales (CP405, CP406, CP409, CP414), and the next review counts
from it. It is not prepared as a planned review is (CP408's joint report, CP410's
pre-review core group): an urgent conference cannot wait for either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import pairwise

from cpdsl import dates
from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import facts
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.timing import (
    _after,
    _all_read,
    _allows,
    _conferences,
    _day,
    _has_text,
    _last_in_time,
    _mark,
    _not_before,
    _on,
    _planned_dates,
    _planned_interval,
    _reviews,
    _says,
    _stops,
    how_long,
)

# -- CP405, CP406: review conferences ---------------------------------------------------------


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
    limit = context.profile.duration("first-review")
    initial = facts.initial_conference(plan)
    if limit is None or initial is None:
        return
    nation = context.profile.nation
    start = initial.date.value
    last = _last_in_time(start, limit, nation)
    if last is None:
        return
    allows = _allows(context.profile, "first-review", limit)
    reviews = _reviews(plan)
    if not _all_read(plan.conferences):
        return
    if reviews:
        first = reviews[0]
        if first.date.value > last:
            yield Finding(first.date.span,
                          f"first review conference on {first.date.value}{_mark(first)} is "
                          f"{how_long(start, first.date.value, limit.unit, nation)} after the "
                          f"initial conference on {start}; {allows}",
                          (Related(_on(initial), initial.date.span),), within=plan.span)
        return
    stop = _stops(plan)
    if last < context.today and (stop is None or stop > last):
        yield Finding(initial.date.span,
                      f"no review conference after the initial conference on {start}; the "
                      f"first was due by {last}, {dates.describe(limit)} after it; {allows}",
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
    allows = _allows(context.profile, "review-interval", limit)
    reviews = _reviews(plan)
    if not _all_read(plan.conferences):
        return
    for before, review in pairwise(reviews):
        start, day = before.date.value, review.date.value
        if _after(start, day, limit, nation):
            yield Finding(review.date.span,
                          f"review conference on {day}{_mark(review)} is "
                          f"{how_long(start, day, limit.unit, nation)} after the review "
                          f"conference on {start}{_mark(before)}; {allows}",
                          (Related(_on(before), before.date.span),), within=plan.span)
    if not reviews:
        return
    latest = reviews[-1]
    recommendation = latest.recommendation
    if recommendation is not None and getattr(recommendation.value, "text", None) == "end":
        return
    last = _last_in_time(latest.date.value, limit, nation)
    stop = _stops(plan)
    if last is not None and last < context.today and (stop is None or stop > last):
        yield Finding(latest.date.span,
                      f"no review conference since the one on {latest.date.value}"
                      f"{_mark(latest)}; the next "
                      f"was due by {last}, {dates.describe(limit)} after it; {allows}",
                      within=plan.span)


# -- CP408: the joint report -------------------------------------------------------------------


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
    asks = _says(context.profile, "review-report",
                 f"asks for it {dates.describe(limit)} before the conference")
    stop = _stops(plan)
    for review in _reviews(plan):
        day = review.date.value
        if review.kind.text != "review" or (stop is not None and day > stop):
            continue
        ready = review.report_ready
        if ready is not None:
            if ready.value is not None and _not_before(ready.value, day, limit, nation):
                early = ("not before it" if ready.value >= day else
                         f"{how_long(ready.value, day, limit.unit, nation)} before it")
                yield Finding(ready.span,
                              f"joint report for the review conference on {day} ready on "
                              f"{ready.value}, {early}; {asks}",
                              (Related(_on(review), review.date.span),))
            continue
        if _not_before(context.today, day, limit, nation):
            yield Finding(review.header,
                          f"review conference on {day} has no `report-ready`, and as of "
                          f"{context.today} it is too late for its joint report to be ready "
                          f"in time; {asks}",
                          within=review.span)


# -- CP409, CP410, CP414: recommendations to the review and from it ----------------------------


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
    reviews = _reviews(plan)
    if initial is None or not reviews or not _all_read(plan.conferences):
        return
    first = reviews[0]
    recommendation = first.recommendation
    value = getattr(recommendation, "value", None)
    if value is None or value.text != "end" or _has_text(recommendation.exceptional):
        return
    yield Finding(value.span,
                  f"the first review conference, on {first.date.value}{_mark(first)}, "
                  "recommends ending the "
                  "plan with no exceptional circumstances recorded: de-registration should "
                  "not be considered at the first review conference unless there are "
                  "exceptional circumstances (000_5146a52aabc1ef30.txt, section 4): record "
                  "them in `exceptional \"...\"`",
                  (Related(_on(initial), initial.date.span),), within=plan.span)


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
    stop = _stops(plan)
    conferences = _conferences(plan)
    next_review = facts.next_review(plan, today)
    records = facts.core_group_meetings(plan)
    if not _all_read(plan.meetings, plan.conferences):
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
            between = f"between {_on(before)} and" if before is not None else "before"
            related = (Related(_on(before), before.date.span),) if before is not None else ()
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
                          f"conference on {day}, has no `recommendation` (`continue` or "
                          "`end`) to it (004_256d3034f79780c2.txt)",
                          (Related(_on(review), review.date.span),), within=plan.span)


def _pre_review_over(context: Context, stretch: list[m.Meeting], review_day: dt.date) -> bool:
    """Whether, as of today, the core groups before the next review (`stretch`, their
    records since the conference before it) are over: its last core group has been held,
    or its joint report is due."""
    every = _planned_interval(context.plan, context.profile)
    held = facts.held(stretch)
    if held and every is not None:
        anchor = held[0].date.value  # planned dates count from the first held (RULES.md)
        if _last_core_group_held(context, stretch, anchor, every, review_day):
            return True
    report = context.profile.duration("review-report")
    return report is not None and _not_before(context.today, review_day, report,
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
               for planned, near in _planned_dates(anchor, every, nation, review_day,
                                                   _stops(context.plan), None))


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
    stop = _stops(plan)
    reviews = _reviews(plan)
    for review in reviews[1:]:
        day = review.date.value
        if day > context.today or (stop is not None and day > stop):
            continue
        if review.recommendation is None:
            yield Finding(review.header,
                          f"review conference on {day}{_mark(review)} records no "
                          "`recommendation`: after the "
                          "first review conference, de-registration should be considered at "
                          "each one (000_5146a52aabc1ef30.txt, section 4): record what it "
                          "decided, `recommendation continue` or `recommendation end`",
                          (Related(f"the first review conference, on {reviews[0].date.value}"
                                   f"{_mark(reviews[0])}", reviews[0].date.span),),
                          within=review.span)


# -- CP413: after the plan ends ---------------------------------------------------------------


@rule("CP413", "cin-meeting-late", Severity.WARNING,
      "no child in need meeting in time after the plan ended")
def cin_meeting_late(context: Context) -> Iterator[Finding]:
    """A plan that `ended` with its child in need meeting later than the profile allows,
    or with none recorded once that time has passed.

    When a child no longer needs a protection plan, a child in need plan usually carries
    on the support; the meeting that agrees it keeps the work from stopping dead.

    Source: 002_107d890e8677bac8.txt, section 5: "Where a child ceases to be subject of a
    Child Protection Plan, if appropriate an inter-agency meeting should be held within 20
    working days to agree/define the Child in Need Plan." Where a child in need plan is
    not appropriate, accept the finding with a suppression comment that says why.

    Severity: warning ("should be held within 20 working days", 002_107d890e8677bac8.txt,
    section 5).

    Reading: a `cin-meeting` later than the time allowed after `ended` is reported at its
    date; no `cin-meeting` is reported at `ended`, judged only once the time allowed has
    passed as of today. Only `ended` is read, not `moved`: the plan of a child who moved
    to another area transfers to the receiving authority, which plans what follows it.

    Profile setting: `cin-meeting`: 20 working days (every shipped profile).

    Fails:
        ended 2026-01-05
        cin-meeting 2026-02-09

    Passes:
        ended 2026-01-05
        cin-meeting 2026-01-26
    """
    plan = context.plan
    limit = context.profile.duration("cin-meeting")
    ended = _day(plan.ended)
    if limit is None or ended is None:
        return
    nation = context.profile.nation
    allows = _allows(context.profile, "cin-meeting", limit)
    meeting = plan.cin_meeting
    if meeting is not None:
        if meeting.value is not None and _after(ended, meeting.value, limit, nation):
            yield Finding(meeting.span,
                          f"child in need meeting on {meeting.value} is "
                          f"{how_long(ended, meeting.value, limit.unit, nation)} after the "
                          f"plan ended on {ended}; {allows}",
                          (Related(f"the plan ended on {ended}", plan.ended.span),))
        return
    last = _last_in_time(ended, limit, nation)
    if last is not None and last < context.today:
        yield Finding(plan.ended.span,
                      f"the plan ended on {ended} with no `cin-meeting`; a child in need "
                      f"meeting was due by {last}, {dates.describe(limit)} after it; {allows}",
                      within=plan.span)

RULES = (
    first_review_late,
    review_interval,
    review_report_late,
    early_end_recommendation,
    no_pre_review_core_group,
    cin_meeting_late,
    review_without_recommendation,
)

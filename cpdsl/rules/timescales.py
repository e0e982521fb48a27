"""CP4, timescales of the core group: the first core group, the interval, the schedule,
minutes, overdue actions and missed meetings (CP401-CP404, CP407, CP411, CP412); the
review conferences and the plan's end are in cpdsl/rules/reviews.py.

Every number comes from the profile (`cpdsl/profiles/*.toml`); a profile that lacks a
setting leaves its rule silent. Dates are counted with `cpdsl.dates` in the profile's
nation: day 0 is the event counted from, and "more than N" is strict, so the Nth working
day (week, month) after it is still in time. Messages give the dates, the count in the
setting's unit and the profile with its source.

Readings shared by the rules of this family (each rule's documentation repeats the ones it
takes):

- "The first core group" is the first core group held (not `cancelled`) on or after the
  initial conference.
- "The next review conference" is the first one on or after today (RULES.md).
- A `reconvened` conference, called early, counts as a review conference: the core
  groups after it count from it as they do from a review.
- The timescales stop when the plan `ended` or its child `moved` to another area,
  whichever came first: the plan of a child who moved transfers to the receiving
  authority, and what is due after the move is theirs.
- A check that counts from a date up to today (nothing held yet, minutes not yet out)
  judges only once the whole time allowed has passed as of today, so a plan is never
  blamed for what it may still do in time.
- A finding that rests on what the plan does not record (no core group yet, none between
  two dates, which meeting is the first or the last) could be caused by a record a syntax
  error hid (a misspelt `meeting`), so it is dropped when the plan has one; and such
  checks stay silent while a meeting or conference has a date that names no day (CP104)
  or a kind cplint does not know (CP105).
"""

from __future__ import annotations

import bisect
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
    _held_core_groups,
    _last_in_time,
    _longer,
    _on,
    _planned_dates,
    _reviews,
    _says,
    _stopped_on,
    _stops,
    how_long,
)
from cpdsl.vocabulary import ROLES

# -- CP401 to CP404: the first core group and the interval ------------------------------------


@rule("CP401", "first-core-group-late", Severity.ERROR,
      "the first core group later than allowed after the initial conference")
def first_core_group_late(context: Context) -> Iterator[Finding]:
    """The first core group held later after the initial conference than the profile
    allows, with no `delay-reason` recorded.

    The first core group turns the outline plan from the conference into the detailed
    plan; until it meets, nobody has agreed who does what.

    Source: 000_5146a52aabc1ef30.txt, section 3: the first core group "must be held within
    10 working days (if this is not possible, the reason for the delay should be
    recorded)"; also 001_0cf4b60ac317783c.txt ("within 10 working days from the child
    protection conference"), 002_107d890e8677bac8.txt, section 2, and
    004_256d3034f79780c2.txt.

    Severity: error ("must be held within 10 working days", 000_5146a52aabc1ef30.txt,
    section 3).

    Reading: the first core group is the first held (not `cancelled`) on or after the
    initial conference. Where none has been held and the time allowed has passed as of
    today, the finding points at the initial conference; a plan that `ended`, or whose
    child `moved` to another area, within the time needs none. Any `delay-reason` keeps
    the rule silent.

    Profile setting: `first-core-group`: 10 working days (england, wales,
    northern-ireland, bolton, west-midlands, english-partnership,
    english-local-authority), 15 working days (scotland).

    Fails:
        conference initial 2026-01-12
        meeting core-group 2026-01-30

    Passes:
        conference initial 2026-01-12
        delay-reason "The health visitor was on leave until 2026-01-29"
        meeting core-group 2026-01-30
    """
    plan = context.plan
    limit = context.profile.duration("first-core-group")
    initial = facts.initial_conference(plan)
    if limit is None or initial is None or plan.delay_reason is not None:
        return
    nation = context.profile.nation
    start = initial.date.value
    last = _last_in_time(start, limit, nation)
    if last is None:
        return
    allows = _allows(context.profile, "first-core-group", limit)
    held = _held_core_groups(plan, initial)
    if not _all_read(plan.meetings):
        return
    if held:
        first = held[0]
        if first.date.value > last:
            yield Finding(first.date.span,
                          f"first core group on {first.date.value} is "
                          f"{how_long(start, first.date.value, limit.unit, nation)} after the "
                          f"initial conference on {start}; {allows}: record why in "
                          "`delay-reason`",
                          (Related(_on(initial), initial.date.span),), within=plan.span)
        return
    stop = _stops(plan)
    if last < context.today and (stop is None or stop > last):
        yield Finding(initial.date.span,
                      f"no core group held since the initial conference on {start}; the "
                      f"first was due by {last}, {dates.describe(limit)} after it; {allows}: "
                      "record the meeting, or why it is late in `delay-reason`",
                      within=plan.span)


@rule("CP402", "first-core-group-same-day", Severity.WARNING,
      "the first core group on the day of the initial conference")
def first_core_group_same_day(context: Context) -> Iterator[Finding]:
    """The first core group held on the day of the initial conference.

    Straight after a conference everyone is tired and the family may be shocked or upset;
    a few days to reflect make the first core group work better.

    Source: 002_107d890e8677bac8.txt, section 2: "This meeting should not be held
    immediately after the child protection conference. At this time everyone is likely to
    be tired and family members may be shocked or upset."

    Severity: warning ("should not be held", 002_107d890e8677bac8.txt, section 2).

    Reading: "immediately after" is read as on the same day; the first core group is the
    first held (not `cancelled`) on or after the initial conference.

    Fails:
        conference initial 2026-01-12
        meeting core-group 2026-01-12

    Passes:
        conference initial 2026-01-12
        meeting core-group 2026-01-15
    """
    plan = context.plan
    initial = facts.initial_conference(plan)
    if initial is None:
        return
    held = _held_core_groups(plan, initial)
    if held and held[0].date.value == initial.date.value:
        yield Finding(held[0].date.span,
                      f"first core group on {initial.date.value} is on the day of the initial "
                      "conference; it should not be held immediately after it, while everyone "
                      "is tired and the family may be upset (002_107d890e8677bac8.txt, "
                      "section 2)",
                      (Related(_on(initial), initial.date.span),))


@rule("CP403", "core-group-interval", Severity.WARNING,
      "core groups planned or held further apart than allowed, without agreement")
def core_group_interval(context: Context) -> Iterator[Finding]:
    """Core groups planned (`core-groups every ...`) or held further apart than the
    profile allows, without the agreement of the keyworker's line manager (a member with
    role `team-manager`) and the reason recorded.

    Core groups are where the plan is checked and changed; long gaps leave a child's plan
    unwatched. A longer interval is allowed where the keyworker's line manager agrees and
    the reason is written down.

    Source: 000_5146a52aabc1ef30.txt, section 3: "Subsequent meetings should be held at
    4-6 weekly intervals or more frequently if necessary", "Under special circumstances
    (with the agreement of the keyworker's line manager) core groups may be convened at
    longer intervals", "Clear recording of the reasons for this is required"; its
    practice guide: "Core Groups may be convened at longer intervals with the agreement of
    a manager - reasons for this should be recorded"; 004_256d3034f79780c2.txt: "at a
    frequency of every 4 weeks"; the flow chart of 003_53fa38a38afc9856.txt: "6 weeks".

    Severity: warning ("should be held", 000_5146a52aabc1ef30.txt, section 3).

    Reading: two checks. The plan's `core-groups every N` longer than the profile's
    interval needs `agreed-by` and a `reason` in its block, and `agreed-by` must name a
    member whose role is `team-manager`: "the keyworker's line manager" (and the practice
    guide's "a manager") is the social work team manager, so a parent, a teacher or the
    social worker agreeing does not count. An `agreed-by` that names nobody is CP103's,
    and a member whose role is missing or unknown is CP106's or CP105's, so those are not
    reported again here. A gap between two core groups held (`cancelled` ones are records,
    not the ends of gaps) longer than the longer of the profile's interval and the plan's
    own is reported at the later meeting (a gap the plan's own longer interval allows is
    that interval's fault, reported once at `core-groups`). Where a review conference (or
    a `reconvened` one) falls between the two, the gap runs from it, as in the flow chart of
    003_53fa38a38afc9856.txt (core group, 4 weeks, review conference, 6 weeks, core
    group). The gap from the initial conference to the first core group is CP401's; a gap
    before a review conference with no core group in it is CP410's and CP412's. Intervals
    in different units are compared by their nominal length (a month is longer than 4
    weeks).

    Profile setting: `core-group-interval`: 6 weeks (england, wales, northern-ireland,
    bolton, english-partnership, english-local-authority), 4 weeks (scotland,
    west-midlands).

    Fails:
        profile west-midlands
        core-groups every 6 weeks

    Fails:
        profile west-midlands
        member kim { name "Kim Sample" role parent }
        core-groups every 6 weeks {
          agreed-by kim
          reason "Kim works shifts; six-weekly meetings let her attend every one"
        }

    Passes:
        profile west-midlands
        member tm { name "Alex Sample" role team-manager }
        core-groups every 6 weeks {
          agreed-by tm
          reason "Kerry works shifts; six-weekly meetings let her attend every one"
        }
    """
    plan = context.plan
    profile = context.profile
    allowed = profile.duration("core-group-interval")
    if allowed is None:
        return
    schedule = plan.core_groups
    every = getattr(schedule, "every", None)
    if every is not None and every.count <= 0:
        every = None  # an interval of 0 is CP105's
    limit = allowed
    if every is not None and _longer(every, allowed):
        limit = every
        yield from _longer_interval_not_agreed(context, schedule, allowed)
    if not _all_read(plan.meetings, plan.conferences):
        return
    nation = profile.nation
    if limit is allowed:
        allows = _allows(profile, "core-group-interval", allowed)
    else:
        allows = (f"the plan's `core-groups every {dates.describe(every)}` allows "
                  f"{dates.describe(every)}, and "
                  + _says(profile, "core-group-interval", dates.describe(allowed)))
    initial = facts.initial_conference(plan)
    reviews = _reviews(plan)
    held = _held_core_groups(plan, initial)
    for before, meeting in pairwise(held):
        day = meeting.date.value
        start, span, what = before.date.value, before.date.span, "the core group"
        for review in reviews:
            if start <= review.date.value <= day:
                start, span = review.date.value, review.date.span
                what = f"the {review.kind.text} conference"
        if _after(start, day, limit, nation):
            yield Finding(meeting.date.span,
                          f"core group on {day} is {how_long(start, day, limit.unit, nation)} "
                          f"after {what} on {start}; {allows}",
                          (Related(f"{what} on {start}", span),), within=plan.span)


def _longer_interval_not_agreed(context: Context, schedule: m.Schedule,
                                allowed: m.Duration) -> Iterator[Finding]:
    """The plan's own interval, longer than the profile's, without `agreed-by` or a
    `reason`, or agreed by someone who is not the keyworker's line manager."""
    every = schedule.every
    allows = _says(context.profile, "core-group-interval",
                   f"allows {dates.describe(allowed)}")
    agreed_by = schedule.agreed_by
    missing = [f"`{keyword}`" for keyword, given in (
        ("agreed-by", agreed_by is not None), ("reason", _has_text(schedule.reason)))
        if not given]
    if missing:
        yield Finding(every.span,
                      f"core groups planned every {dates.describe(every)}; {allows} unless "
                      "the keyworker's line manager (a member with role `team-manager`) "
                      f"agrees and the reason is recorded: add {' and '.join(missing)} to the "
                      "`core-groups` block",
                      within=schedule.span)
    who = _not_line_manager(context, agreed_by) if agreed_by is not None else None
    if who is not None:
        yield Finding(agreed_by.span,
                      f"core groups planned every {dates.describe(every)} are agreed by {who}, "
                      f"whose agreement does not count: {allows} unless the keyworker's line "
                      "manager agrees: make `agreed-by` name the line manager, a member with "
                      "role `team-manager`",
                      within=schedule.span)


def _not_line_manager(context: Context, agreed_by: m.Ident) -> str | None:
    """Who `agreed-by` names, in words, when that is not a member whose role is
    `team-manager`; None when it is one, or when CP103, CP105 or CP106 already has the
    fault (an id nobody has, a role missing or unknown)."""
    found = context.index.lookup(agreed_by.name)
    if found is None:
        return None
    person = found.node
    name = getattr(person, "name", None)
    who = f"`{agreed_by.name}`" + (f" ({name.value})" if name is not None and name.value
                                   else "")
    if found.kind == "child":
        return f"{who}, a child of the plan"
    if found.kind == "excluded":
        return f"{who}, who is excluded from the core group"
    role = person.role
    if role is None or role.text not in ROLES or role.text == "team-manager":
        return None
    return f"{who}, a member with role `{role.text}`"


@rule("CP404", "core-groups-not-scheduled", Severity.WARNING,
      "core group dates not set in advance")
def core_groups_not_scheduled(context: Context) -> Iterator[Finding]:
    """A plan whose core groups have met with no `core-groups every ...`: the dates of
    the meetings up to the next review conference are not set in advance.

    Dates set in advance let every member, the family included, keep them free; the
    first core group agrees them.

    Source: 000_5146a52aabc1ef30.txt, section 4: members ensure that "Dates for meetings
    are set in advance"; section 1: "At the first core group meeting a Child Protection
    Plan will be formulated which will cover the following areas", among them "establish
    the dates and frequency of core group meetings"; 004_256d3034f79780c2.txt: "All
    subsequent Core Groups due to be held between conferences are arranged at the first
    core group meeting after the conference"; 003_53fa38a38afc9856.txt, first core group
    agenda, item 11: "DATES, TIMES AND VENUES FOR CORE GROUP MEETINGS UNTIL SECOND REVIEW
    CONFERENCE".

    Severity: warning ("will cover", 000_5146a52aabc1ef30.txt, section 1).

    Reading: the schedule is set at the first core group, so the rule judges once a core
    group has been held; before that, a plan without one is not yet at fault (CP401
    watches the first meeting).

    Fails:
        conference initial 2026-01-12
        meeting core-group 2026-01-22

    Passes:
        conference initial 2026-01-12
        core-groups every 4 weeks
        meeting core-group 2026-01-22
    """
    plan = context.plan
    if plan.core_groups is None and facts.held(facts.core_group_meetings(plan)):
        yield Finding(plan.header,
                      "no `core-groups every ...`: the dates of core group meetings up to the "
                      "next review conference are not set in advance "
                      "(000_5146a52aabc1ef30.txt, section 4; 004_256d3034f79780c2.txt)",
                      within=plan.span)


# -- CP407, CP411, CP412: minutes and the record as of today ---------------------------------


@rule("CP407", "minutes-late", Severity.WARNING,
      "minutes of a core group circulated later than allowed")
def minutes_late(context: Context) -> Iterator[Finding]:
    """Minutes of a core group circulated later than the profile allows after the
    meeting, or not yet circulated when that time has passed.

    Members act on the minutes: what was agreed, who does what by when. Late minutes
    leave the plan's changes unknown to those who must carry them out.

    Source: 002_107d890e8677bac8.txt, section 2: "All Core Group meetings should: ... Be
    minuted by a nominated member of the group (not the chair) and minutes circulated
    within 5 working days"; 004_256d3034f79780c2.txt: "Notes will be distributed within 10
    working days of the Core Group"; 003_53fa38a38afc9856.txt: a written copy "to the
    social worker within 5 days".

    Severity: warning ("All Core Group meetings should", 002_107d890e8677bac8.txt,
    section 2).

    Reading: every core group held is judged. One with `minutes-circulated` later than
    allowed is reported at that date; one without it, once the time allowed has passed as
    of today, at the meeting's header. A `cancelled` meeting has no minutes.

    Profile setting: `minutes`: 10 working days (england, scotland, northern-ireland,
    bolton, west-midlands), 5 working days (wales, english-partnership,
    english-local-authority).

    Fails:
        meeting core-group 2026-01-22 {
          minutes-circulated 2026-02-12
        }

    Passes:
        meeting core-group 2026-01-22 {
          minutes-circulated 2026-01-29
        }
    """
    limit = context.profile.duration("minutes")
    if limit is None:
        return
    nation = context.profile.nation
    allows = _allows(context.profile, "minutes", limit)
    for meeting in facts.held(facts.core_group_meetings(context.plan)):
        day = meeting.date.value
        circulated = meeting.minutes_circulated
        if circulated is not None:
            if circulated.value is not None and _after(day, circulated.value, limit, nation):
                yield Finding(circulated.span,
                              f"minutes of the core group on {day} circulated on "
                              f"{circulated.value}, "
                              f"{how_long(day, circulated.value, limit.unit, nation)} after "
                              f"it; {allows}",
                              (Related(f"the core group on {day}", meeting.date.span),))
            continue
        last = _last_in_time(day, limit, nation)
        if last is not None and last < context.today:
            yield Finding(meeting.header,
                          f"core group on {day} has no `minutes-circulated`, and the "
                          f"{dates.describe(limit)} for its minutes ended on {last}; {allows}",
                          within=meeting.span)


@rule("CP411", "overdue-action", Severity.WARNING, "an open action past its due date")
def overdue_action(context: Context) -> Iterator[Finding]:
    """An open action (no `status`, or `status open`) whose due date has passed.

    An action past its date is either done and not recorded, or not done, and the core
    group must know which to review the plan.

    Source: 004_256d3034f79780c2.txt: "Actions arising from the Core Group will be reviewed
    at subsequent meetings."; the plan's actions are "SMART (specific, measureable,
    achievable, relevant and time-bound)".

    Severity: warning ("will be reviewed", 004_256d3034f79780c2.txt).

    Reading: judged as of today, or as of the day the plan `ended` or its child `moved`
    to another area if that was earlier (an action due after the plan ended was
    overtaken by the end, and one due after the move is the receiving authority's). An
    action due today is not yet overdue. An unknown status is CP105's.

    Fails:
        action book-review "Book Amy's developmental review" { due 2026-02-01 }

    Passes:
        action book-review "Book Amy's developmental review" {
          due 2026-02-01
          status done
        }
    """
    today = context.today
    stop = _stops(context.plan)
    as_of = min(today, stop) if stop is not None else today
    when = f"as of {today}" if as_of == today else f"when {_stopped_on(context.plan)}"
    for action in context.plan.actions:
        due = _day(action.due)
        status = getattr(getattr(action.status, "value", None), "text", None)
        if action.status is not None and status != "open":
            continue
        if due is not None and due < as_of:
            name = getattr(action.id, "name", "")
            yield Finding(action.due.span,
                          f"action `{name}` was due on {due} and is still open {when}: record "
                          "`status done`, `status dropped \"why\"`, or a new `due` date "
                          "(004_256d3034f79780c2.txt)")


@rule("CP412", "missed-core-group", Severity.WARNING,
      "a planned core group date passed with no record of the meeting")
def missed_core_group(context: Context) -> Iterator[Finding]:
    """A planned core group date that has passed with no record near it of the meeting
    or its cancellation.

    Dates set in advance are kept: a meeting that silently did not happen leaves the
    plan unreviewed and nobody accountable.

    Source: 000_5146a52aabc1ef30.txt, section 4: "Dates for meetings are set in advance";
    004_256d3034f79780c2.txt: core groups "should only be cancelled or re-arranged in
    'exceptional circumstances'".

    Severity: warning ("should only be cancelled", 004_256d3034f79780c2.txt).

    Reading: the planned dates fall every interval of `core-groups every ...` (the
    profile's interval where the plan sets none) from the first core group held on or
    after each conference (a `reconvened` one too), up to the next conference, and none
    on or after the day the plan `ended` or its child `moved` to another area: RULES.md's
    "from the first core group held, up to the next review
    conference" is read for each stretch between conferences. The core groups "between
    conferences" are arranged at the first one after each (004_256d3034f79780c2.txt).
    A record is near a planned date when it is within half an interval of it (2 weeks for
    4-weekly meetings); a `cancelled` meeting is a record. A planned date is judged once
    that half interval after it has passed as of today, so a date more than a few days in
    the past is one half an interval past. The finding points at the
    `core-groups` interval, or at the core group the dates count from where the plan
    sets none.

    Profile setting: `core-group-interval`, where the plan has no `core-groups`: 6 weeks
    (england, wales, northern-ireland, bolton, english-partnership,
    english-local-authority), 4 weeks (scotland, west-midlands).

    Fails:
        conference initial 2026-01-12
        core-groups every 2 weeks
        meeting core-group 2026-01-22
        meeting core-group 2026-02-19

    Passes:
        conference initial 2026-01-12
        core-groups every 2 weeks
        meeting core-group 2026-01-22
        meeting core-group 2026-02-05 { cancelled "Snow closed the school" }
        meeting core-group 2026-02-19
    """
    plan = context.plan
    profile = context.profile
    schedule = plan.core_groups
    every = getattr(schedule, "every", None)
    if schedule is None or every is None:
        every = profile.duration("core-group-interval")
        schedule = None
    if every is None or every.count <= 0 or not _all_read(plan.meetings, plan.conferences):
        return
    nation = profile.nation
    records = sorted(x.date.value for x in plan.meetings)
    held = facts.held(facts.core_group_meetings(plan))
    conferences = _conferences(plan)
    bounds: list[dt.date | None] = [c.date.value for c in conferences]
    if not (conferences and conferences[0].kind.text == "initial"):
        bounds.insert(0, None)  # no initial conference: the plan runs before the first review
    ends = [*bounds[1:], None]
    stop = _stops(plan)
    if schedule is not None:
        whose = ""
    else:
        ref = profile.ref("core-group-interval")
        whose = (f", the {profile.name} profile's interval" + (f" ({ref})" if ref else "")
                 + ", as the plan sets no `core-groups`")
    for start, end in zip(bounds, ends, strict=True):
        anchor = next((x for x in held if (start is None or x.date.value >= start)
                       and (end is None or x.date.value < end)), None)
        if anchor is None:
            continue
        for planned, near in _planned_dates(anchor.date.value, every, nation, end, stop,
                                            context.today):
            low = bisect.bisect_left(records, planned - dt.timedelta(days=near))
            if low < len(records) and records[low] <= planned + dt.timedelta(days=near):
                continue
            message = (f"no record of the core group planned for {planned} (every "
                       f"{dates.describe(every)} from the core group on {anchor.date.value}"
                       f"{whose}), nor of its cancellation, within {near} days of it")
            if schedule is not None:
                yield Finding(every.span, message,
                              (Related(f"the core group on {anchor.date.value}, planned "
                                       "dates count from it", anchor.date.span),),
                              within=plan.span)
            else:
                yield Finding(anchor.date.span, message, within=plan.span)


RULES = (
    first_core_group_late,
    first_core_group_same_day,
    core_group_interval,
    core_groups_not_scheduled,
    minutes_late,
    overdue_action,
    missed_core_group,
)

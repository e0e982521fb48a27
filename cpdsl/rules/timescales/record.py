"""CP4, the record as of today: minutes circulated in time, actions not left overdue,
and no planned core group missed (CP407, CP411, CP412)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator

from cpdsl import dates, facts
from cpdsl.citations import B, M
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import timing
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.reading import all_read

# What CP412 rests on where the plan sets its own interval.
_KEPT = f"{B}, section 4; {M}"


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
    allows = timing.allows(context.profile, "minutes", limit)
    for meeting in facts.held(facts.core_group_meetings(context.plan)):
        day = meeting.date.value
        circulated = meeting.minutes_circulated
        if circulated is not None:
            if (circulated.value is not None
                    and facts.more_than_after(day, circulated.value, limit, nation)):
                yield Finding(circulated.span,
                              f"minutes of the core group on {day} circulated on "
                              f"{circulated.value}, "
                              f"{timing.how_long(day, circulated.value, limit.unit, nation)}"
                              f" after it; {allows}",
                              (Related(f"the core group on {day}", meeting.date.span),))
            continue
        last = facts.minutes_due(meeting, context.profile)
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
    as_of = facts.judged_as_of(context.plan, today)
    when = f"as of {today}" if as_of == today else f"when {timing.stopped_on(context.plan)}"
    for action in facts.overdue_actions(context.plan, today):
        name = getattr(action.id, "name", "")
        yield Finding(action.due.span,
                      f"action `{name}` was due on {action.due.value} and is still open {when}: "
                      "record `status done`, `status dropped \"why\"`, or a new `due` date "
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
    every = facts.planned_interval(plan, profile)
    if every is None or not all_read(plan.meetings, plan.conferences):
        return
    own = getattr(plan.core_groups, "every", None) is not None  # else the profile's interval
    records = sorted(x.date.value for x in plan.meetings)
    if own:
        why = ("core groups meet on the dates set in advance, and are cancelled only in "
               f"exceptional circumstances ({_KEPT})")
    else:
        why = ("the plan sets no `core-groups`, so "
               + timing.says(profile, "core-group-interval",
                             f"has core groups every {dates.describe(every)}"))
    for planned in facts.core_group_schedule(plan, profile, judged_by=context.today):
        day, near, anchor = planned
        low = bisect.bisect_left(records, day - dt.timedelta(days=near))
        if low < len(records) and records[low] <= day + dt.timedelta(days=near):
            continue
        message = (f"no record of the core group planned for {day} (every "
                   f"{dates.describe(every)} from the core group on {anchor.date.value}), nor "
                   f"of its cancellation, within {near} days of it: {why}")
        if own:
            yield Finding(every.span, message,
                          (Related(f"the core group on {anchor.date.value}, planned "
                                   "dates count from it", anchor.date.span),),
                          within=plan.span)
        else:
            yield Finding(anchor.date.span, message, within=plan.span)


RULES = (minutes_late, overdue_action, missed_core_group)

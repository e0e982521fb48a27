"""CP4, after the plan ends: the child in need meeting in time (CP413)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import dates, facts
from cpdsl.facts.child_in_need import cin_meeting_due
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import timing
from cpdsl.rules.base import Context, Finding, rule


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
    ended = timing.day(plan.ended)
    if limit is None or ended is None:
        return
    nation = context.profile.nation
    allows = timing.allows(context.profile, "cin-meeting", limit)
    meeting = plan.cin_meeting
    if meeting is not None:
        if meeting.value is not None and facts.more_than_after(ended, meeting.value, limit, nation):
            yield Finding(meeting.span,
                          f"child in need meeting on {meeting.value} is "
                          f"{timing.how_long(ended, meeting.value, limit.unit, nation)} after the "
                          f"plan ended on {ended}; {allows}",
                          (Related(f"the plan ended on {ended}", plan.ended.span),))
        return
    last = cin_meeting_due(plan, context.profile)
    if last is not None and last < context.today:
        yield Finding(plan.ended.span,
                      f"the plan ended on {ended} with no `cin-meeting`; a child in need "
                      f"meeting was due by {last}, {dates.describe(limit)} after it; {allows}",
                      within=plan.span)


RULES = (cin_meeting_late,)

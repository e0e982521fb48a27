"""CP4, the first core group: held in time after the initial conference, and not on its
day (CP401, CP402)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import timing
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.reading import all_read


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
    due = timing.from_initial(plan, context.profile, "first-core-group")
    if due is None or plan.delay_reason is not None or not all_read(plan.meetings):
        return
    initial, start = due.initial, due.initial.date.value
    held = facts.held_core_groups(plan)
    if held:
        day = held[0].date.value
        if day > due.last:
            late = timing.how_long(start, day, due.limit.unit, context.profile.nation)
            yield Finding(held[0].date.span,
                          f"first core group on {day} is {late} after the initial conference "
                          f"on {start}, and no `delay-reason` says why; {due.allows}",
                          (Related(timing.on(initial), initial.date.span),), within=plan.span)
    elif due.last < facts.judged_as_of(plan, context.today):  # due while the plan ran
        yield Finding(initial.date.span,
                      f"no core group held since the initial conference on {start}, though "
                      f"the first was due by {due.last}, and no `delay-reason` says why; "
                      f"{due.allows}",
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
    held = facts.held_core_groups(plan)
    if held and held[0].date.value == initial.date.value:
        yield Finding(held[0].date.span,
                      f"first core group on {initial.date.value} is on the day of the initial "
                      "conference; it should not be held immediately after it, while everyone "
                      "is tired and the family may be upset (002_107d890e8677bac8.txt, "
                      "section 2)",
                      (Related(timing.on(initial), initial.date.span),))


RULES = (first_core_group_late, first_core_group_same_day)

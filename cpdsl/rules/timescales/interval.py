"""CP4, how often core groups meet: the interval planned or held, agreed where longer than
the profile's, and the dates set in advance (CP403, CP404)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from cpdsl import dates, facts
from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import timing
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.reading import all_read
from cpdsl.vocabulary import ROLES


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
    if every is not None and timing.longer(every, allowed):
        limit = every
        yield from _longer_interval_not_agreed(context, schedule, allowed)
    if not all_read(plan.meetings, plan.conferences):
        return
    nation = profile.nation
    if limit is allowed:
        allows = timing.allows(profile, "core-group-interval", allowed)
    else:
        allows = (f"the plan's `core-groups every {dates.describe(every)}` allows "
                  f"{dates.describe(every)}, and "
                  + timing.says(profile, "core-group-interval", dates.describe(allowed)))
    reviews = facts.reviews_after_initial(plan)
    held = facts.held_core_groups(plan)
    for before, meeting in pairwise(held):
        day = meeting.date.value
        start, span, what = before.date.value, before.date.span, "the core group"
        for review in reviews:
            if start <= review.date.value <= day:
                start, span = review.date.value, review.date.span
                what = f"the {review.kind.text} conference"
        if facts.more_than_after(start, day, limit, nation):
            yield Finding(meeting.date.span,
                          f"core group on {day} is "
                          f"{timing.how_long(start, day, limit.unit, nation)} after {what} on "
                          f"{start}; {allows}",
                          (Related(f"{what} on {start}", span),), within=plan.span)


def _longer_interval_not_agreed(context: Context, schedule: m.Schedule,
                                allowed: m.Duration) -> Iterator[Finding]:
    """The plan's own interval, longer than the profile's, without `agreed-by` or a
    `reason`, or agreed by someone who is not the keyworker's line manager."""
    every = schedule.every
    unless = (f"allows {dates.describe(allowed)} unless the keyworker's line manager (a member "
              "with role `team-manager`) agrees")
    agreed_by = schedule.agreed_by
    missing = [f"`{keyword}`" for keyword, given in (
        ("agreed-by", agreed_by is not None), ("reason", facts.has_text(schedule.reason)))
        if not given]
    if missing:
        allows = timing.says(context.profile, "core-group-interval",
                             f"{unless} and the reason is recorded")
        yield Finding(every.span,
                      f"core groups planned every {dates.describe(every)}, with no "
                      f"{' or '.join(missing)} in the `core-groups` block; {allows}",
                      within=schedule.span)
    who = _not_line_manager(context, agreed_by) if agreed_by is not None else None
    if who is not None:
        allows = timing.says(context.profile, "core-group-interval", unless)
        yield Finding(agreed_by.span,
                      f"core groups planned every {dates.describe(every)} are agreed by {who}, "
                      f"whose agreement does not count: {allows}",
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
    if found.kind != "member":
        return None  # a need, an outcome or an action: CP103 reports the wrong kind of id
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


RULES = (core_group_interval, core_groups_not_scheduled)

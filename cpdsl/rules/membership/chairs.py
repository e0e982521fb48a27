"""CP3, the chairs: who chairs the core group and stands in for the chair, and the team
manager who chairs the first core group where the profile asks for it (CP309-CP312)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.citations import B, F, T, W
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.naming import setting_source, who
from cpdsl.rules.reading import unread
from cpdsl.vocabulary import ROLES


@rule("CP309", "chair-not-member", Severity.WARNING,
      "a chair or second chair who is not a core group member")
def chair_not_member(context: Context) -> Iterator[Finding]:
    """A chair or second chair (of the plan, or a meeting's own chair) who is not a core
    group member: an excluded person or a child of the plan.

    The core group is chaired from within it, by someone who shares the work of the plan.

    Source: 002_107d890e8677bac8.txt, section 2: the core group meeting should "Be chaired
    by a member of the Core Group."

    Severity: warning ("should: ... Be chaired by a member of the Core Group",
    002_107d890e8677bac8.txt, section 2).

    Reading: a meeting's own chair is judged as the plan's is, cancelled or not. An id
    that is defined nowhere is CP103, not this rule.

    Fails:
        child amy { name "Amy Example" born 2015-04-12 }
        member sam { name "Sam Patel" role social-worker lead }
        excluded dan { name "Dan Example" role parent reason "A court order" informed-by sam }
        chair sam
        second-chair dan

    Passes:
        child amy { name "Amy Example" born 2015-04-12 }
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        excluded dan { name "Dan Example" role parent reason "A court order" informed-by sam }
        chair sam
        second-chair jo
    """
    plan = context.plan
    chairs = [("chair", plan.chair), ("second-chair", plan.second_chair)]
    chairs += [("chair", meeting.chair) for meeting in plan.meetings]
    for keyword, ident in chairs:
        if ident is None:
            continue
        definition = context.index.lookup(ident.name)
        if definition is None or definition.kind not in ("excluded", "child"):
            continue
        what = ("is excluded from the core group" if definition.kind == "excluded"
                else "is a child of the plan, not a member of the core group")
        yield Finding(ident.span,
                      f"`{keyword} {ident.name}`: `{ident.name}` {what}; the chair should be "
                      f"a core group member ({T}, section 2)",
                      (Related(f"`{ident.name}` is defined here", definition.id.span),))


@rule("CP310", "second-chair-is-chair", Severity.WARNING, "the second chair is the chair")
def second_chair_is_chair(context: Context) -> Iterator[Finding]:
    """The second chair is the chair, so nobody is named to chair when the chair cannot.

    The second chair exists to cover the chair's absence; the same person cannot.

    Source: 000_5146a52aabc1ef30.txt, section 1: "a second chair should be identified, in
    advance, in the event of the keyworker's absence".

    Severity: warning ("should be identified", 000_5146a52aabc1ef30.txt, section 1).

    Reading: a second chair who is the chair names nobody to cover, so this is reported
    instead of CP302.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        chair sam
        second-chair sam

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        chair sam
        second-chair jo
    """
    plan = context.plan
    chair, second = plan.chair, plan.second_chair
    if chair is None or second is None or chair.name != second.name:
        return
    yield Finding(second.span,
                  f"`{second.name}` is both the chair and the second chair: the second chair "
                  f"covers the chair's absence, so name another member ({B}, section 1)",
                  (Related(f"`{chair.name}` is the chair here", chair.span),))


@rule("CP311", "lead-not-social-worker", Severity.WARNING,
      "the lead is not a social worker")
def lead_not_social_worker(context: Context) -> Iterator[Finding]:
    """The member marked `lead` is not a social worker (role `social-worker`).

    The lead professional for a child protection plan is the child's social worker, who
    co-ordinates the plan, attends every core group and updates the plan.

    Source: 003_53fa38a38afc9856.txt, chair and note taker: "The Social Worker, as Lead
    Professional, should be in attendance at each core group". 001_0cf4b60ac317783c.txt,
    core group membership: "the care and support protection co-ordinator (social
    worker)". 002_107d890e8677bac8.txt, section 2: "the Lead Social Worker".

    Severity: warning ("will include: ... the care and support protection co-ordinator
    (social worker)", 001_0cf4b60ac317783c.txt, core group membership; "should be in
    attendance", 003_53fa38a38afc9856.txt).

    Reading: the sources name the lead a social worker without a "must". Every member
    marked `lead` is judged. A lead without a role, or with a role that is not a
    known role, is left to CP106 and CP105. Reported instead of CP301.

    Fails:
        member jo { name "Jo Lee" role health-visitor lead }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
    """
    for member in context.plan.members:
        role = member.role
        if not member.lead or role is None or role.text not in ROLES:
            continue
        if role.text == "social-worker":
            continue
        yield Finding(role.span,
                      f"the lead, {who(member)}, has role `{role.text}`: the lead professional "
                      "should be the child's social worker (role `social-worker`) "
                      f"({F}, chair and note taker; {W}, core group membership)")


@rule("CP312", "first-core-group-chair", Severity.INFO,
      "the first core group not chaired by a team manager, where the profile asks for it")
def first_core_group_chair(context: Context) -> Iterator[Finding]:
    """The first core group is not chaired by a member with role `team-manager`, where the
    plan's profile says the first core group is (`first-core-group-chaired-by-team-manager`,
    true only in `english-local-authority`).

    That procedure's flow chart puts the team manager in the chair of the first core
    group, where the outline plan becomes the detailed plan (and has them attend the
    second).

    Source: 003_53fa38a38afc9856.txt, flow chart for frequency of core groups: "FIRST
    CORE GROUP - chaired by Team Manager".

    Severity: info (the flow chart says "chaired by Team Manager" with no "must" or
    "should", 003_53fa38a38afc9856.txt, flow chart).

    Reading: the rule is silent where the profile's setting is false or absent (every
    shipped profile but `english-local-authority`). The first core group is the
    `meeting core-group` with the earliest date that was not `cancelled`, held or still
    ahead (its chair is already given out); its chair is its own `chair`, or else the
    plan's. Not judged: a first core group with no chair (CP603), a chair who is not a
    member (CP103, CP309) or whose role is missing or not a known role (CP106, CP105),
    and a plan with a core group meeting whose date cannot be read (CP104), which may be
    the first.

    Fails:
        profile english-local-authority
        member sam { name "Sam Patel" role social-worker lead }
        member alex { name "Alex Sample" role team-manager }
        meeting core-group 2026-01-20 { chair sam notes alex }

    Passes:
        profile english-local-authority
        member sam { name "Sam Patel" role social-worker lead }
        member alex { name "Alex Sample" role team-manager }
        meeting core-group 2026-01-20 { chair alex notes sam }
        meeting core-group 2026-03-03 { chair sam notes alex }
    """
    setting = "first-core-group-chaired-by-team-manager"
    if not context.profile.flag(setting):
        return
    plan = context.plan
    first = _first_core_group(plan)
    if first is None or unread(context, (first.span,)):
        return
    chair = facts.meeting_chair(plan, first)
    if chair is None:
        return
    definition = context.index.lookup(chair.name)
    if definition is None or definition.kind != "member":
        return
    role = definition.node.role
    if role is None or role.text not in ROLES or role.text == "team-manager":
        return
    message = (f"the first core group, on {first.date.text}, is chaired by "
               f"{who(definition.node)}, role `{role.text}`: this profile's procedure has the "
               "first core group chaired by the team manager (a member with role "
               f"`team-manager`) ({setting_source(context.profile, setting)})")
    if first.chair is not None:
        yield Finding(first.chair.span, message, within=first.span)
    else:
        yield Finding(first.header, message,
                      (Related(f"`{chair.name}` is the plan's chair, so chairs this meeting",
                               chair.span),),
                      within=first.span)


def _first_core_group(plan: m.Plan) -> m.Meeting | None:
    """The earliest core group not cancelled; None where a core group's date cannot be
    read (it may be the first)."""
    for meeting in plan.meetings:
        kind, date = meeting.kind, meeting.date
        if kind is not None and kind.text == "core-group" and meeting.cancelled is None:
            if date is None or date.value is None:
                return None
    return next(iter(facts.held(facts.core_group_meetings(plan))), None)


RULES = (chair_not_member, second_chair_is_chair, lead_not_social_worker, first_core_group_chair)

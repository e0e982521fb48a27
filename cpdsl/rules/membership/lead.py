"""CP3, the lead and the tasks: who leads, who stands in for the chair, who takes the
notes, and each member's task (CP301-CP304)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.citations import B, F, M, T, W
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.edits import insert_into_plan, skeleton
from cpdsl.rules.naming import who
from cpdsl.rules.reading import unread
from cpdsl.vocabulary import ROLES


# Members who take part without a task of their own in the plan (CP304): the child, who
# is heard; the advocate, who speaks for the child; the interpreter, who lets others take
# part.
NO_TASK_ROLES = ("child", "advocate", "interpreter")


@rule("CP301", "missing-lead", Severity.WARNING,
      "no member marked `lead` (keyworker, lead social worker, co-ordinator)")
def missing_lead(context: Context) -> Iterator[Finding]:
    """No core group member is marked `lead`: the plan names no keyworker, lead social
    worker or care and support protection plan co-ordinator.

    The lead convenes the core group, co-ordinates the plan and pulls the members' work
    together for the review conference; a plan without one leaves that to nobody.

    Source: 000_5146a52aabc1ef30.txt, appendix: "Membership of the Core Groups, including
    Keyworker will be identified at the Initial Child Protection Conference."
    001_0cf4b60ac317783c.txt, core group membership: "Membership is decided at the time
    of registration and will include: ... the care and support protection co-ordinator
    (social worker)". 002_107d890e8677bac8.txt, section 2 gives the "Lead Social Worker"
    the plan's reports.

    Severity: warning ("will be identified", 000_5146a52aabc1ef30.txt, appendix).

    Reading: no source says "must" of the lead; like every rule whose strongest word is
    "will" ("will be identified", "will include"), this one is a warning. A lead who is
    not a social worker is CP311, not this rule.

    Fails:
        member sam { name "Sam Patel" role social-worker }
        member kerry { name "Kerry Example" role parent }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member kerry { name "Kerry Example" role parent }
    """
    plan = context.plan
    if any(member.lead for member in plan.members):
        return
    if unread(context, (member.span for member in plan.members)):
        return
    yield Finding(plan.header,
                  "no member of the core group is marked `lead`: name the lead social worker "
                  "(keyworker, co-ordinator) with `lead` in their member block "
                  f"({B}, appendix; {W}, core group membership)")


@rule("CP302", "missing-second-chair", Severity.WARNING,
      "no `second-chair` (vice chair) named in advance")
def missing_second_chair(context: Context) -> Iterator[Finding]:
    """The plan names no second chair (`second-chair` or `vice-chair`) to chair the core
    group when the chair cannot.

    The keyworker normally chairs; when they are away the meeting should still go ahead,
    chaired by someone agreed beforehand rather than whoever is in the room.

    Source: 000_5146a52aabc1ef30.txt, section 1: "a second chair should be identified, in
    advance, in the event of the keyworker's absence"; section 3: "A second chair should
    be identified to cover in the absence of a keyworker." 004_256d3034f79780c2.txt,
    arranging and attending core groups: "Core Groups will appoint a vice chair".

    Severity: warning ("should be identified", 000_5146a52aabc1ef30.txt, sections 1 and
    3; "will appoint", 004_256d3034f79780c2.txt).

    Reading: a second chair who is the chair is CP310, not this rule; `vice-chair` names
    the second chair too.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        chair sam

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        chair sam
        second-chair jo
    """
    plan = context.plan
    if plan.second_chair is not None or unread(context):
        return
    fix = None
    second = likeliest_second_chair(plan)
    if second is not None:
        chair = [plan.chair] if plan.chair is not None else []
        fix = skeleton(f"Name `{second.id.name}` the second chair",
                       insert_into_plan(context, f"second-chair {second.id.name}", chair))
    yield Finding(plan.header,
                  "the plan names no second chair to chair the core group when the chair "
                  "cannot: add `second-chair` (or `vice-chair`) with a member's id "
                  f"({B}, sections 1 and 3; {M})", fix=fix)


def likeliest_second_chair(plan: m.Plan) -> m.Member | None:
    """Whom a fix names second chair: a member (CP309) who is not the chair (CP310) nor
    the keyworker they stand in for, and a professional with a known role, not family, a
    child or whoever speaks or interprets for them; the keyworker's line manager (role
    `team-manager`) first, else the first written. None where no one is."""
    taken = {ident.name for ident in (plan.chair,) if ident is not None}
    taken |= {member.id.name for member in plan.members if member.lead}
    eligible = [member for member in plan.members if member.id.name not in taken
                and member.role is not None and member.role.text in ROLES
                and not facts.is_family(member) and member.role.text not in NO_TASK_ROLES]
    managers = [member for member in eligible if member.role.text == "team-manager"]
    return next(iter(managers or eligible), None)


@rule("CP303", "chair-takes-notes", Severity.WARNING,
      "the same person chairs and takes the notes")
def chair_takes_notes(context: Context) -> Iterator[Finding]:
    """The person who takes a meeting's notes also chairs it: the meeting's own `chair`,
    or, for a meeting without one, the plan's `chair`.

    Chairing and minuting cannot both be done well at once, so the guidance gives them to
    two people.

    Source: 002_107d890e8677bac8.txt, section 2: "Be minuted by a nominated member of the
    group (not the chair)". 003_53fa38a38afc9856.txt, chair and note taker: "there should
    not be an expectation that the same practitioner both chairs and minutes core group
    meetings. Both tasks cannot be undertaken effectively and robustly at the same time."

    Severity: warning ("should: ... Be minuted by a nominated member of the group (not
    the chair)", 002_107d890e8677bac8.txt, section 2).

    Reading: a meeting without its own `chair` is chaired by the plan's `chair`. A
    cancelled meeting was not chaired or minuted, so it is not judged; a meeting dated
    after today is, for the roles are already given out.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        chair sam
        meeting core-group 2026-01-22 { notes sam attended sam }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        chair sam
        meeting core-group 2026-01-22 { notes jo attended sam jo }
    """
    plan = context.plan
    for meeting in plan.meetings:
        chair = facts.meeting_chair(plan, meeting)
        notes = meeting.notes
        if meeting.cancelled is not None or chair is None or notes is None:
            continue
        if chair.name != notes.name:
            continue
        own = meeting.chair is not None
        where = ("chairs this meeting here" if own
                 else "is the plan's chair, so chairs this meeting")
        yield Finding(notes.span,
                      f"`{notes.name}` both chairs this meeting and takes its notes: the notes "
                      f"should be taken by another member, not the chair ({T}, section 2; "
                      f"{F}, chair and note taker)",
                      (Related(f"`{chair.name}` {where}", chair.span),))


@rule("CP304", "member-without-task", Severity.ERROR,
      "a core group member with no task: no action, contact or assessment")
def member_without_task(context: Context) -> Iterator[Finding]:
    """A core group member who owns no action and supports none: each member must have a
    specific task in the plan.

    The core group is the people who do the plan's work; a member with no task either
    has work the plan does not record or need not be in the group.

    Source: 000_5146a52aabc1ef30.txt, section 2: "Each member must have a specific task to
    undertake in relation to the Child Protection Plan"; section 4: "specifying the
    responsibilities of each member of the core group, including family members".

    Severity: error ("Each member must have a specific task", 000_5146a52aabc1ef30.txt,
    section 2).

    Reading: a task is an action the member is the `owner` of or gives `support` to;
    seeing a child (`contact CHILD by PERSON`) and carrying out an assessment
    (`assessment "..." { by PERSON }`) are tasks too, for the plan assigns them to that
    person (section 1 asks the plan to "determine how, when, where and who will see each
    family member"). Family members are judged like professionals (section 4:
    "including family members"). Members with role `child`, `advocate` or `interpreter`
    are not judged: section 2 speaks of family members, carers and "those professionals
    who have an active part to play in the implementation" of the plan; a child is there
    to be heard, an advocate speaks for the child and an interpreter lets the family take
    part (section 4: "interpretation facilities"). A member whose role is missing or not
    a known role is left to CP106 and CP105.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        member ria { name "Ria Khan" role teacher }
        action visit "Visit Amy at home every week" { owner sam }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member ria { name "Ria Khan" role teacher }
        action visit "Visit Amy at home every week" { owner sam support ria }
    """
    plan = context.plan
    if unread(context, (task.span for task in (*plan.actions, *plan.contacts,
                                               *plan.assessments))):
        return
    tasked = set()
    for action in plan.actions:
        if action.owner is not None:
            tasked.add(action.owner.name)
        tasked.update(ident.name for ident in action.support)
    tasked.update(task.by.name for task in (*plan.contacts, *plan.assessments)
                  if task.by is not None)
    for member in plan.members:
        role = member.role
        if role is None or role.text not in ROLES or role.text in NO_TASK_ROLES:
            continue
        if member.id.name in tasked:
            continue
        yield Finding(member.header,
                      f"member {who(member)} has no task in the plan (no action they own or "
                      "support, no child they see, no assessment): each core group member "
                      "must have a specific task; make them the `owner` of an action or add "
                      f"them to one's `support` ({B}, section 2)",
                      within=member.span)


RULES = (missing_lead, missing_second_chair, chair_takes_notes, member_without_task)

"""CP6, what was heard: the voice of the child at each core group, and the views of a
family member or child who did not attend (CP606, CP607)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.citations import B, F
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.meetings.shared import FAMILY_AND_CHILD_ROLES, called, position
from cpdsl.rules.naming import who
from cpdsl.vocabulary import VIEWS_GROUPS


# Whose `views` are the voice of the child: the groups, a child, or a member who is a
# child or speaks for one.
CHILD_GROUPS = ("child", "children")
CHILD_ROLES = ("child", "advocate")

# The `views` groups that record an absent family member's views, by their role (CP607);
# their own id always does, and a child's by the child's id or their advocate's.
FAMILY_VIEWS_GROUPS = {
    "parent": ("parents", "family"),
    "carer": ("parents", "carers", "family"),
    "relative": ("family",),
    "child": CHILD_GROUPS,
}

# The group a CP607 message suggests beside the member's id.
SUGGESTED_GROUP = {"parent": "parents", "carer": "parents", "child": "child"}


@rule("CP606", "meeting-without-child-views", Severity.WARNING,
      "a core group record with no voice of the child")
def meeting_without_child_views(context: Context) -> Iterator[Finding]:
    """A record of a core group that took place with no `views` of a child: the voice of
    the child was not recorded.

    Each core group keeps the child's daily life in view; what the child says, or what
    direct work with the child shows, belongs in every meeting's record.

    Source: 003_53fa38a38afc9856.txt, the voice of the child: "Within each core group
    there should be a focus on what life is like for the child living in their current
    home circumstances." 000_5146a52aabc1ef30.txt, appendix: "If family members or
    children do not attend Core Groups ensure their views are accurately recorded and
    included in each meeting."

    Severity: warning ("there should be a focus on what life is like for the child",
    003_53fa38a38afc9856.txt, the voice of the child).

    Reading: the voice of the child is a meeting's `views` of `child` or `children`, of a
    child of the plan, or of a member with role `child` or `advocate`; a `views` of an id
    that is not defined (CP103) may be the child's and counts. A plan with no child yet
    born is not judged, nor is a cancelled meeting or one dated after today.

    Fails:
        child amy { name "Amy Example" born 2019-04-12 }
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        meeting core-group 2026-01-22 { chair sam notes jo attended sam jo }

    Passes:
        child amy { name "Amy Example" born 2019-04-12 }
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        meeting core-group 2026-01-22 {
          chair sam notes jo attended sam jo
          views amy "Amy told Sam she likes her new bedroom"
        }
    """
    plan = context.plan
    if not _child_views_judged(plan):
        return
    for meeting in facts.held_records(plan.meetings, context.today):
        if _has_child_voice(context, meeting):
            continue
        yield Finding(meeting.header,
                      f"the record of {called(meeting)} has no views of a child: record the "
                      "voice of the child at each core group (`views child \"...\"` or "
                      f"`views` with the child's id) ({F}, the voice of the child)",
                      within=meeting.span)


def _child_views_judged(plan: m.Plan) -> bool:
    """Whether CP606 asks for the voice of the child: the plan has a child born (or one
    not recorded as expected)."""
    return any(child.born is not None or child.expected is None for child in plan.children)


def _has_child_voice(context: Context, meeting: m.Meeting) -> bool:
    return any(_child_voice(context, view) for view in meeting.views)


def _child_voice(context: Context, view: m.Views) -> bool:
    subject = view.subject.name
    if subject in VIEWS_GROUPS:
        return subject in CHILD_GROUPS
    definition = context.index.lookup(subject)
    if definition is None:
        return True  # an undefined id is CP103: it may be the child's
    if definition.kind == "child":
        return True
    role = getattr(definition.node, "role", None)
    return definition.kind == "member" and role is not None and role.text in CHILD_ROLES


@rule("CP607", "absent-family-views", Severity.WARNING,
      "a parent, carer, relative or child absent from a core group whose views that meeting "
      "does not record")
def absent_family_views(context: Context) -> Iterator[Finding]:
    """A parent, carer, relative or child in the core group who sent apologies for a core
    group, or did not come, and whose views the record of that meeting does not hold.

    A family member who misses a meeting still has a say in the plan for their family;
    the record carries their views to the others, as a written report carries an absent
    professional's (CP601).

    Source: 000_5146a52aabc1ef30.txt, appendix (practice guide, contingencies): "If family
    members or children do not attend Core Groups ensure their views are accurately
    recorded and included in each meeting." 003_53fa38a38afc9856.txt, the voice of the
    child: "Direct work undertaken with the child and their wishes and views about their
    life and future should be shared."

    Severity: warning ("should be shared", 003_53fa38a38afc9856.txt, the voice of the
    child; 000_5146a52aabc1ef30.txt's "ensure their views are accurately recorded" is an
    instruction with neither "must" nor "should").

    Reading: judged are members with role `parent`, `carer`, `relative` or `child` listed
    in a held meeting's `apologies` or `absent`; a written report (`{ report received }`)
    is not their views in the record. Their views are recorded by a `views` of their own
    id; a parent's or carer's also by `views parents` (a carer's by `views carers` too),
    any family member's by `views family`; a child's by `views child` or `views
    children`, by the id of the child of the plan they are (their `for`, or the child of
    their name, or the plan's only child), or by the id of an advocate for that child (or
    for every child). A `views` of an id that is not defined (CP103) may be theirs and
    counts. An absent child in a meeting that records no voice of any child is CP606, not
    also this rule. A person listed who is not a member (an excluded person, a child of
    the plan) is not judged, nor is a cancelled meeting or one dated after today. Each
    member is reported once a meeting, at its header, however often they are listed.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        member kerry { name "Kerry Example" role parent }
        meeting core-group 2026-01-22 { chair sam attended sam apologies kerry }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member kerry { name "Kerry Example" role parent }
        meeting core-group 2026-01-22 {
          chair sam attended sam apologies kerry
          views parents "Kerry told Sam by phone she wants the meetings after school"
        }
    """
    plan, index = context.plan, context.index
    for meeting in facts.held_records(plan.meetings, context.today):
        subjects = {view.subject.name for view in meeting.views}
        if any(name not in VIEWS_GROUPS and index.lookup(name) is None for name in subjects):
            continue  # an undefined id (CP103) may be anyone's views
        no_child_voice = _child_views_judged(plan) and not _has_child_voice(context, meeting)
        for member, absence, what in _absent_family(meeting, index):
            role = member.role.text
            if role == "child" and no_child_voice:
                continue  # CP606 reports the meeting
            whose = _views_of(member, plan)
            if subjects & whose:
                continue
            group = SUGGESTED_GROUP.get(role)
            other = f' or `views {group} "..."`' if group else ""
            yield Finding(meeting.header,
                          f"{who(member)}, a {role} in the core group, {what} "
                          f"{called(meeting)} and its record holds no views of theirs: when "
                          "family members or children do not attend, record their views "
                          f'(`views {member.id.name} "..."`{other}) ({B}, appendix)',
                          (Related(f"`{member.id.name}` is listed here", absence.member.span),),
                          within=meeting.span)


def _absent_family(meeting: m.Meeting, index) -> Iterator[tuple[m.Member, m.Absence, str]]:
    """The members with a family or child role absent from a meeting, each once (where
    first listed), with their entry and what the record says of them."""
    entries = [(absence, "sent apologies for") for absence in meeting.apologies]
    entries += [(absence, "did not attend") for absence in meeting.absent]
    entries.sort(key=lambda entry: position(entry[0].member.span))
    seen = set()
    for absence, what in entries:
        name = absence.member.name
        definition = index.lookup(name)
        if name in seen or definition is None or definition.kind != "member":
            continue
        role = definition.node.role
        if role is None or role.text not in FAMILY_AND_CHILD_ROLES:
            continue
        seen.add(name)
        yield definition.node, absence, what


def _views_of(member: m.Member, plan: m.Plan) -> set[str]:
    """The `views` subjects that record an absent family member's or child's views."""
    role = member.role.text
    whose = {member.id.name, *FAMILY_VIEWS_GROUPS[role]}
    if role == "child":
        children = _children_they_are(member, plan)
        whose |= children
        whose |= {advocate.id.name for advocate in plan.members
                  if advocate.role is not None and advocate.role.text == "advocate"
                  and (advocate.for_child is None or advocate.for_child.name in children)}
    return whose


def _children_they_are(member: m.Member, plan: m.Plan) -> set[str]:
    """The ids of the children of the plan a member with role `child` is: their `for`, or
    the children of their name, or the plan's only child."""
    if member.for_child is not None:
        return {member.for_child.name}
    named = {child.id.name for child in plan.children if facts.same_name(member, child)}
    if not named and len(plan.children) == 1:
        return {plan.children[0].id.name}
    return named


RULES = (meeting_without_child_views, absent_family_views)

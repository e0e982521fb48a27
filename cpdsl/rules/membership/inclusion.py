"""CP3, who the core group includes: the children of an age to take part, and the family
(CP307, CP308)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.citations import B, T, W
from cpdsl.diagnostics import Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.reading import unread
from cpdsl.vocabulary import FAMILY_ROLES


@rule("CP307", "child-not-represented", Severity.WARNING,
      "a child of core group age neither a member, nor represented by an advocate, nor "
      "excluded with a reason")
def child_not_represented(context: Context) -> Iterator[Finding]:
    """A child of the plan old enough to take part (12 years old or older today, the
    profile's `core-group-member-age`) who is not in the core group (a member with role
    `child`), has no advocate in it (a member with role `advocate`), and is not recorded
    as excluded.

    The core group plans the child's life; a child of sufficient age and understanding
    takes part, or someone speaks for them, or the plan records why not.

    Source: 001_0cf4b60ac317783c.txt, core group membership: "Membership is decided at the
    time of registration and will include: ... the child (and / or advocate".
    002_107d890e8677bac8.txt, section 2: the core group is for "Working with parents,
    wider family members, and children of sufficient age and understanding"; section 6.4:
    "it is essential that they are enabled to contribute their views", by attending with
    advocacy or "Having someone else represent their views".

    Severity: warning ("will include: ... the child (and / or advocate",
    001_0cf4b60ac317783c.txt, core group membership).

    Reading: the guidance names no age for "sufficient age and understanding", so the
    profile carries one: `core-group-member-age`, 12 in the shipped profiles, which is
    cplint's reading, not the guidance's. A child is asked for from the day they turn that
    age, judged as of today (`--today`); a younger child, an unborn child (`expected`, no
    `born`) and a child without a `born` date (or with one that does not exist, CP104)
    are not asked for, and excluding one needs no informant (CP306). Wales makes the
    advocate depend on the child's agreement, so a child may rightly be kept out; the plan
    then says so with `excluded`. A child is represented by a member with role `child`
    that is `for` them (or, without `for`, has their name, or is the plan's only child),
    or by a member with role `advocate` that is `for` them or has no `for` (an advocate
    for every child). A child is excluded by an `excluded` entry with role `child` and the
    child's name (or any, where the plan has one child); an exclusion without a reason is
    CP305, not this rule. Where a child's or advocate's `for` names no child (CP103), or
    someone's role is missing or not a known role (CP106, CP105), this rule stays silent:
    who is represented is unknown.

    Fails:
        child amy { name "Amy Example" born 2014-03-01 }
        member sam { name "Sam Patel" role social-worker lead }

    Passes:
        child amy { name "Amy Example" born 2014-03-01 }
        member sam { name "Sam Patel" role social-worker lead }
        member tariq { name "Tariq Sample" role advocate for amy }

    Passes:
        child leo { name "Leo Example" born 2023-06-01 }
        member sam { name "Sam Patel" role social-worker lead }
    """
    plan = context.plan
    age = facts.core_group_member_age(context.profile)
    children = [child for child in plan.children if facts.asked_for(child, context.today, age)]
    if not children:
        return
    people = (*plan.members, *plan.exclusions)
    if facts.any_role_unknown(people) or unread(context, (person.span for person in people)):
        return
    index = context.index
    only_child = len(plan.children) == 1
    for child in children:
        if _represented(child, plan, index, only_child):
            continue
        name = f" ({child.name.value})" if child.name is not None and child.name.value else ""
        years = facts.age_on(child.born.value, context.today)
        yield Finding(child.header,
                      f"child `{child.id.name}`{name}, {years} years old, is not in the core "
                      "group, has no advocate in it and is not recorded as excluded: a child "
                      f"of {age} years or older (the profile's `core-group-member-age`) takes "
                      "part or is represented; add a member with role `child` or `advocate` "
                      f"`for {child.id.name}`, or an `excluded` entry with the reason ({W}, "
                      f"core group membership; {T}, sections 2 and 6.4)",
                      within=child.span)


def _represented(child: m.Child, plan: m.Plan, index, only_child: bool) -> bool:
    names = facts.names_of_child(child)
    for member in plan.members:
        role = member.role.text if member.role is not None else None
        if role not in ("child", "advocate"):
            continue
        target = member.for_child
        if target is not None:
            definition = index.lookup(target.name)
            if definition is None or definition.kind != "child":
                return True  # `for` names no child (CP103): who they represent is unknown
            if target.name == child.id.name:
                return True
        elif role == "advocate" or only_child or facts.has_name_in(member, names):
            return True
    for exclusion in plan.exclusions:
        if exclusion.role is not None and exclusion.role.text == "child":
            if only_child or facts.has_name_in(exclusion, names):
                return True
    return False


@rule("CP308", "no-family-member", Severity.WARNING,
      "no parent, carer or relative in the core group and none excluded with a reason")
def no_family_member(context: Context) -> Iterator[Finding]:
    """The core group has no parent, carer or relative as a member, and the plan records no
    parent, carer or relative excluded from it.

    The plan is negotiated with the family and carried out largely by them; a core group
    of professionals alone cannot do that, unless the family's exclusion is recorded.

    Source: 000_5146a52aabc1ef30.txt, section 2: "Membership of the core group consists of
    appropriate family members and carers together with those professionals who have an
    active part to play". 001_0cf4b60ac317783c.txt, core group membership: membership
    "will include ... relevant family members (including other children)".

    Severity: warning ("will include ... relevant family members",
    001_0cf4b60ac317783c.txt, core group membership; 000_5146a52aabc1ef30.txt says
    "consists of", with no "must").

    Reading: both sources qualify the family ("appropriate", "relevant"). A family member
    is a member with role `parent`, `carer` or `relative`. Any `excluded` entry with one
    of those roles keeps the rule silent: without a reason it is CP305. So does a member
    or excluded person whose role is missing or not a known role (CP106, CP105): they may
    be family.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        member kerry { name "Kerry Example" role parent }
    """
    plan = context.plan
    people = (*plan.members, *plan.exclusions)
    if any(facts.is_family(person) for person in people) or facts.any_role_unknown(people):
        return
    if unread(context, (person.span for person in people)):
        return
    roles = ", ".join(f"`{role}`" for role in FAMILY_ROLES)
    yield Finding(plan.header,
                  f"the core group has no family member (role {roles}) and no parent, carer "
                  "or relative is recorded as excluded: add the family as members, or record "
                  f"each exclusion and its reason ({B}, section 2; {W}, core group membership)")


RULES = (child_not_represented, no_family_member)

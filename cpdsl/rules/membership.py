"""CP3, membership and roles: who is in the core group, who leads, chairs and takes notes.

Facts here shared with the meeting rules (cpdsl/rules/meetings.py): `meeting_chair` (a
meeting without its own chair is chaired by the plan's chair), `unread` (whether a syntax
error may have hidden what a plan-wide absence is about), `who` (a member or excluded
person as messages name them) and `same_name` (a person who has a child's name).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import attrs

from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.facts import core_group_meetings, held, is_family
from cpdsl.vocabulary import FAMILY_ROLES, ROLES

B = "000_5146a52aabc1ef30.txt"
W = "001_0cf4b60ac317783c.txt"
T = "002_107d890e8677bac8.txt"
F = "003_53fa38a38afc9856.txt"
M = "004_256d3034f79780c2.txt"

# Members who take part without a task of their own in the plan (CP304): the child, who
# is heard; the advocate, who speaks for the child; the interpreter, who lets others take
# part.
NO_TASK_ROLES = ("child", "advocate", "interpreter")

# The age from which a child is asked for in the core group (CP307) where a profile does not
# say: cplint's reading of "children of sufficient age and understanding" (T, section 2).
CORE_GROUP_MEMBER_AGE = 12


# Shared facts ----------------------------------------------------------------------


def meeting_chair(plan: m.Plan, meeting: m.Meeting) -> m.Ident | None:
    """Who chaired a meeting: its own `chair`, or else the plan's `chair`."""
    return meeting.chair if meeting.chair is not None else plan.chair


def unread(context: Context, spans: Iterable[m.Span] = ()) -> bool:
    """Whether a syntax error may hide what a plan-wide check looks for: an error inside
    one of `spans` (the blocks the check reads), or an error outside every statement of
    the plan that was read (a whole statement may be lost)."""
    errors = context.syntax_errors
    if not errors:
        return False
    relevant = [span for span in spans if span is not None]
    statements = list(_statement_spans(context.plan))
    for error in errors:
        if any(span.contains(error.line, error.column) for span in relevant):
            return True
        if not any(span.contains(error.line, error.column) for span in statements):
            return True
    return False


def _statement_spans(plan: m.Plan) -> Iterator[m.Span]:
    for field in attrs.fields(m.Plan):
        if field.name in ("span", "header"):
            continue
        value = getattr(plan, field.name)
        for item in value if isinstance(value, tuple) else (value,):
            span = getattr(item, "span", None)
            if span is not None:
                yield span


def who(member: m.Member | m.Exclusion) -> str:
    """`kerry` (Kerry Example): the id, and the name where there is one."""
    name = f" ({member.name.value})" if member.name is not None and member.name.value else ""
    return f"`{member.id.name}`{name}"


def same_name(person: m.Member | m.Exclusion, child: m.Child) -> bool:
    """Whether a member or excluded person has a child's name or known-as (case and
    surrounding spaces aside)."""
    return _named(person, _names(child))


def _role_unknown(people: Iterable[m.Member | m.Exclusion]) -> bool:
    """Whether someone's role is missing or not a known role (CP106, CP105): they may be
    the person a check looks for."""
    return any(person.role is None or person.role.text not in ROLES for person in people)


def _blank(text: m.Text | None) -> bool:
    return text is None or not text.value.strip()


# The lead ------------------------------------------------------------------------------


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
    yield Finding(plan.header,
                  "the plan names no second chair to chair the core group when the chair "
                  "cannot: add `second-chair` (or `vice-chair`) with a member's id "
                  f"({B}, sections 1 and 3; {M})")


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
        chair = meeting_chair(plan, meeting)
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


# Exclusions --------------------------------------------------------------------------


@rule("CP305", "exclusion-without-reason", Severity.ERROR,
      "an excluded parent, carer or child with no recorded reason")
def exclusion_without_reason(context: Context) -> Iterator[Finding]:
    """A parent, carer or child kept out of the core group (`excluded`) with no `reason`
    recorded.

    Keeping a parent or child out of the group that plans their family's life is a
    serious decision; the reason has to be on the record.

    Source: 000_5146a52aabc1ef30.txt, section 2: "the reason for exclusion must be
    recorded"; appendix: "If parent/carer or child is not included in the Core Group the
    reason for exclusion must be recorded".

    Severity: error ("the reason for exclusion must be recorded",
    000_5146a52aabc1ef30.txt, section 2).

    Reading: a reason of blank text is no reason.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        excluded dan { name "Dan Example" role parent informed-by sam }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        excluded dan {
          name "Dan Example"
          role parent
          reason "A non-molestation order prevents contact with Kerry"
          informed-by sam
        }
    """
    for exclusion in context.plan.exclusions:
        if exclusion.reason is None:
            yield Finding(exclusion.header,
                          f"{who(exclusion)} is excluded from the core group with no reason: "
                          f'the reason must be recorded (`reason "..."`) ({B}, section 2)',
                          within=exclusion.span)
        elif _blank(exclusion.reason):
            yield Finding(exclusion.reason.span,
                          f"the reason {who(exclusion)} is excluded is blank: the reason must "
                          f"be recorded ({B}, section 2)")


@rule("CP306", "exclusion-without-informant", Severity.ERROR,
      "an exclusion with no member named to tell them the process and outcome")
def exclusion_without_informant(context: Context) -> Iterator[Finding]:
    """An exclusion with no core group member named (`informed-by`) to tell the excluded
    person about the meetings and what they decide.

    An excluded parent or child still has a right to know what the core group is doing;
    someone has to be given that job.

    Source: 000_5146a52aabc1ef30.txt, section 2: "the reason for exclusion must be
    recorded and a decision reached regarding the most appropriate member/s to inform
    both parents and children of the process and outcome of the meeting"; appendix: "a
    decision made about who informs the excluded member of the decisions and process of
    meetings".

    Severity: error ("must be recorded and a decision reached", 000_5146a52aabc1ef30.txt,
    section 2: the "must" covers the decision too).

    Reading: `informed-by` must name a member: naming an excluded person or a child who
    is not a member is reported at that id; an id that is not defined at all is CP103.
    An excluded child whom the core group does not ask for (CP307: younger than the
    profile's `core-group-member-age`, unborn, or without a `born` date) is not judged:
    nobody need tell a baby about the meetings. An excluded child is the plan's child of
    that name, or the plan's only child; one who matches no child is judged.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        excluded dan { name "Dan Example" role parent reason "A court order" }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        excluded dan { name "Dan Example" role parent reason "A court order" informed-by sam }

    Passes:
        child kit { name "Kit Example" born 2025-01-01 }
        member sam { name "Sam Patel" role social-worker lead }
        excluded kit-x { name "Kit Example" role child reason "Kit is one year old" }
    """
    index = context.index
    plan = context.plan
    for exclusion in plan.exclusions:
        if _excludes_child_not_asked_for(exclusion, plan, context):
            continue
        informant = exclusion.informed_by
        if informant is None:
            yield Finding(exclusion.header,
                          f"no member is named to tell {who(exclusion)} about the core "
                          "group's meetings and decisions: add `informed-by` with a member's "
                          f"id ({B}, section 2)",
                          within=exclusion.span)
            continue
        definition = index.lookup(informant.name)
        if definition is None or definition.kind == "member":
            continue
        what = "is excluded too" if definition.kind == "excluded" else "is a child of the plan"
        yield Finding(informant.span,
                      f"`informed-by {informant.name}`: `{informant.name}` {what}, not a core "
                      f"group member; name a member to tell {who(exclusion)} about the "
                      f"meetings and decisions ({B}, section 2)",
                      (Related(f"`{informant.name}` is defined here", definition.id.span),))


def _excludes_child_not_asked_for(exclusion: m.Exclusion, plan: m.Plan,
                                  context: Context) -> bool:
    """Whether an exclusion with role `child` is of children the core group does not ask
    for (CP307): every child it can be is too young, unborn or without a `born` date."""
    if exclusion.role is None or exclusion.role.text != "child":
        return False
    if len(plan.children) == 1:
        children = list(plan.children)
    else:
        children = [child for child in plan.children if same_name(exclusion, child)]
    age = _member_age(context)
    return bool(children) and not any(_asked_for(child, context.today, age)
                                      for child in children)


# Who the core group includes --------------------------------------------------------


def _member_age(context: Context) -> int:
    """The age from which a child is asked for in the core group: the profile's
    `core-group-member-age`."""
    return context.profile.number("core-group-member-age", CORE_GROUP_MEMBER_AGE)


def _age_on(born: dt.date, today: dt.date) -> int:
    """A person's age in whole years on `today` (one born on 29 February turns a year
    older on 1 March in other years)."""
    before_birthday = (today.month, today.day) < (born.month, born.day)
    return today.year - born.year - before_birthday


def _asked_for(child: m.Child, today: dt.date, age: int) -> bool:
    """Whether the core group asks for a child (CP307): born on a date that exists and
    `age` years old or older today."""
    born = child.born
    return born is not None and born.value is not None and _age_on(born.value, today) >= age


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
    age = _member_age(context)
    children = [child for child in plan.children if _asked_for(child, context.today, age)]
    if not children:
        return
    people = (*plan.members, *plan.exclusions)
    if _role_unknown(people) or unread(context, (person.span for person in people)):
        return
    index = context.index
    only_child = len(plan.children) == 1
    for child in children:
        if _represented(child, plan, index, only_child):
            continue
        name = f" ({child.name.value})" if child.name is not None and child.name.value else ""
        years = _age_on(child.born.value, context.today)
        yield Finding(child.header,
                      f"child `{child.id.name}`{name}, {years} years old, is not in the core "
                      "group, has no advocate in it and is not recorded as excluded: a child "
                      f"of {age} years or older (the profile's `core-group-member-age`) takes "
                      "part or is represented; add a member with role `child` or `advocate` "
                      f"`for {child.id.name}`, or an `excluded` entry with the reason ({W}, "
                      f"core group membership; {T}, sections 2 and 6.4)",
                      within=child.span)


def _represented(child: m.Child, plan: m.Plan, index, only_child: bool) -> bool:
    names = _names(child)
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
        elif role == "advocate" or only_child or _named(member, names):
            return True
    for exclusion in plan.exclusions:
        if exclusion.role is not None and exclusion.role.text == "child":
            if only_child or _named(exclusion, names):
                return True
    return False


def _names(child: m.Child) -> set[str]:
    """A child's name and known-as, as `_named` compares them."""
    return {text.value.strip().casefold() for text in (child.name, child.known_as)
            if text is not None and text.value.strip()}


def _named(person: m.Member | m.Exclusion, names: set[str]) -> bool:
    return person.name is not None and person.name.value.strip().casefold() in names


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
    if any(is_family(person) for person in people) or _role_unknown(people):
        return
    if unread(context, (person.span for person in people)):
        return
    roles = ", ".join(f"`{role}`" for role in FAMILY_ROLES)
    yield Finding(plan.header,
                  f"the core group has no family member (role {roles}) and no parent, carer "
                  "or relative is recorded as excluded: add the family as members, or record "
                  f"each exclusion and its reason ({B}, section 2; {W}, core group membership)")


# Chairs -------------------------------------------------------------------------------


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
    chair = meeting_chair(plan, first)
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
               f"`team-manager`) ({context.profile.ref(setting)})")
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
    return next(iter(held(core_group_meetings(plan))), None)


RULES = (missing_lead, missing_second_chair, chair_takes_notes, member_without_task,
         exclusion_without_reason, exclusion_without_informant, child_not_represented,
         no_family_member, chair_not_member, second_chair_is_chair, lead_not_social_worker,
         first_core_group_chair)

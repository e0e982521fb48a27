"""CP6, the record of each meeting: who chaired, who took notes, who came, and what was heard.

A meeting record is judged once the meeting has happened: not when it is `cancelled`
(only CP605 reads a cancellation) and not when its date is after today (a meeting written
in ahead of time). A meeting whose date cannot be read is judged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.facts import lead
from cpdsl.rules.membership import meeting_chair, same_name, unread, who
from cpdsl.vocabulary import FAMILY_ROLES, ROLES, VIEWS_GROUPS

B = "000_5146a52aabc1ef30.txt"
T = "002_107d890e8677bac8.txt"
F = "003_53fa38a38afc9856.txt"
M = "004_256d3034f79780c2.txt"

# Whose `views` are the voice of the child: the groups, a child, or a member who is a
# child or speaks for one.
CHILD_GROUPS = ("child", "children")
CHILD_ROLES = ("child", "advocate")

# The members whose absence asks for their views rather than a written report (CP601,
# CP607): the family and the child.
FAMILY_AND_CHILD_ROLES = (*FAMILY_ROLES, "child")

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


def held_records(meetings: tuple[m.Meeting, ...], today: dt.date) -> list[m.Meeting]:
    """The meeting records of meetings that took place: not cancelled, not after today."""
    return [meeting for meeting in meetings
            if meeting.cancelled is None and not _ahead(meeting, today)]


def _ahead(meeting: m.Meeting, today: dt.date) -> bool:
    date = meeting.date
    return date is not None and date.value is not None and date.value > today


def _position(span: m.Span | None) -> tuple[int, int]:
    return (span.line, span.column) if span is not None else (0, 0)


def _called(meeting: m.Meeting) -> str:
    if meeting.date is not None and meeting.date.value is not None:
        return f"the core group on {meeting.date.text}"
    return "this core group"


@rule("CP601", "absent-without-report", Severity.WARNING,
      "a professional who sent apologies or did not attend, with no written report")
def absent_without_report(context: Context) -> Iterator[Finding]:
    """A professional in the core group who sent apologies for a core group, or did not
    come, and whose written report was not received (`apologies` or `absent` without
    `{ report received }`).

    The core group reviews everyone's part of the plan at each meeting; a professional
    who is not there has to send in what they would have said.

    Source: 000_5146a52aabc1ef30.txt, section 4: "If core group members know in advance
    that they cannot attend, they should produce a written report for the core group".
    003_53fa38a38afc9856.txt, reports provided by non-attendees: "It is not acceptable
    for an agency to not attend a core group meeting and not provide any written
    information". 004_256d3034f79780c2.txt: "If a professional is unable to attend a core
    group meeting a written report should be submitted."

    Severity: warning ("a written report should be submitted",
    004_256d3034f79780c2.txt; "they should produce a written report",
    000_5146a52aabc1ef30.txt, section 4).

    Reading: only professionals are asked for a report (004_256d3034f79780c2.txt: "If a
    professional is unable to attend"): a member with role `parent`, `carer`, `relative`
    or `child` is not, for what the guidance asks when family members or children do not
    attend is that their views be recorded (CP607). Every other known role is a
    professional's (`advocate`, `interpreter` and `other` too); a member whose role is
    missing or not a known role is left to CP106 and CP105. A person listed who is not a
    member (an excluded person, a child of the plan) is not judged; an undefined id is
    CP103. A member listed more than once in a meeting is reported once, where first
    listed, and not at all if any of the entries has `{ report received }`.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        member ria { name "Ria Khan" role teacher }
        meeting core-group 2026-01-22 { attended sam  apologies ria }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member ria { name "Ria Khan" role teacher }
        member kerry { name "Kerry Example" role parent }
        meeting core-group 2026-01-22 {
          attended sam
          apologies ria { report received }
          absent kerry
          views kerry "Kerry told Sam by phone that the new bus route helps"
        }
    """
    index = context.index
    for meeting in held_records(context.plan.meetings, context.today):
        entries = [(absence, "sent apologies for") for absence in meeting.apologies]
        entries += [(absence, "did not attend") for absence in meeting.absent]
        entries.sort(key=lambda entry: _position(entry[0].member.span))
        received = {absence.member.name for absence, _ in entries if absence.report_received}
        reported = set()
        for absence, what in entries:
            name = absence.member.name
            if name in received or name in reported:
                continue
            definition = index.lookup(name)
            if definition is None or not _professional(definition):
                continue
            reported.add(name)
            yield Finding(absence.member.span,
                          f"`{name}` {what} {_called(meeting)} and no written report from "
                          "them was received: a professional who cannot attend should send "
                          f"one (write `{{ report received }}` once it came) ({B}, section 4; "
                          f"{F}, reports provided by non-attendees; {M})",
                          within=meeting.span)


def _professional(definition) -> bool:
    """Whether a definition is a core group member with a known role that is neither the
    family's nor a child's."""
    role = getattr(definition.node, "role", None)
    return (definition.kind == "member" and role is not None and role.text in ROLES
            and role.text not in FAMILY_AND_CHILD_ROLES)


@rule("CP602", "meeting-without-notes", Severity.ERROR,
      "a meeting record with no note taker")
def meeting_without_notes(context: Context) -> Iterator[Finding]:
    """A record of a core group that took place with no note taker (`notes`).

    Notes are the only record of what the core group agreed; the record says who took
    them.

    Source: 000_5146a52aabc1ef30.txt, section 4: "Notes of core group meetings must be
    recorded. The keyworker will have responsibility for negotiating the most appropriate
    person for taking notes". 002_107d890e8677bac8.txt, section 2: "Be minuted by a
    nominated member of the group (not the chair)". 003_53fa38a38afc9856.txt: every agenda
    starts with "IDENTIFICATION OF NOTE TAKER".

    Severity: error ("Notes of core group meetings must be recorded",
    000_5146a52aabc1ef30.txt, section 4).

    Reading: a record that names its note taker shows the notes were taken. A cancelled
    meeting, or one dated after today, needs no note taker.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        meeting core-group 2026-01-22 { chair sam attended sam jo }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        meeting core-group 2026-01-22 { chair sam notes jo attended sam jo }
    """
    for meeting in held_records(context.plan.meetings, context.today):
        if meeting.notes is None:
            yield Finding(meeting.header,
                          f"the record of {_called(meeting)} does not say who took the notes: "
                          f"add `notes` with the note taker's id ({B}, section 4; {T}, "
                          "section 2)",
                          within=meeting.span)


@rule("CP603", "meeting-without-chair", Severity.WARNING,
      "a meeting record with no chair")
def meeting_without_chair(context: Context) -> Iterator[Finding]:
    """A record of a core group that took place with no chair: the meeting names no
    `chair`, and the plan has no `chair` to fall back on.

    Someone has to lead the meeting through the plan; the record says who.

    Source: 002_107d890e8677bac8.txt, section 2: the meeting should "Be chaired by a member
    of the Core Group." 003_53fa38a38afc9856.txt, chair and note taker: "At the beginning
    of each core group members should determine who chairs the meeting and who will take
    the minutes."

    Severity: warning ("should: ... Be chaired by a member of the Core Group",
    002_107d890e8677bac8.txt, section 2).

    Reading: a meeting without its own `chair` is chaired by the plan's `chair`. A
    cancelled meeting, or one dated after today, needs no chair.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        meeting core-group 2026-01-22 { notes jo attended sam jo }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        meeting core-group 2026-01-22 { chair sam notes jo attended sam jo }
    """
    plan = context.plan
    meetings = [meeting for meeting in held_records(plan.meetings, context.today)
                if meeting_chair(plan, meeting) is None]
    if not meetings or unread(context):  # an unreadable top-level `chair` may be the answer
        return
    for meeting in meetings:
        yield Finding(meeting.header,
                      f"the record of {_called(meeting)} does not say who chaired it, and the "
                      "plan names no `chair`: add `chair` with the chair's id "
                      f"({T}, section 2; {F}, chair and note taker)",
                      within=meeting.span)


@rule("CP604", "lead-absent", Severity.WARNING,
      "the lead social worker did not attend a core group")
def lead_absent(context: Context) -> Iterator[Finding]:
    """The lead (the member marked `lead`) did not attend a core group that took place.

    The lead social worker co-ordinates the plan and updates it after each meeting; they
    need to hear the discussion first-hand.

    Source: 003_53fa38a38afc9856.txt, chair and note taker: "The Social Worker, as Lead
    Professional, should be in attendance at each core group, however if an unavoidable
    situation arises the core group should still proceed following the agreed format."

    Severity: warning ("should be in attendance at each core group",
    003_53fa38a38afc9856.txt, chair and note taker).

    Reading: the lead was there if the record lists them in `attended`, or as the
    meeting's own `chair` or `notes`. They were not if they are listed in `apologies` or
    `absent`, or if the record lists who attended without them; a record that says
    nothing of attendance is not judged. A cancelled meeting, or one dated after today,
    is not judged; a plan without a lead is CP301.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        member ria { name "Ria Khan" role teacher }
        meeting core-group 2026-01-22 { chair jo notes ria attended jo ria }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        member ria { name "Ria Khan" role teacher }
        meeting core-group 2026-01-22 { chair jo notes ria attended sam jo ria }
    """
    the_lead = lead(context.plan)
    if the_lead is None:
        return
    name = the_lead.id.name
    for meeting in held_records(context.plan.meetings, context.today):
        present = {ident.name for ident in meeting.attended}
        present.update(ident.name for ident in (meeting.chair, meeting.notes) if ident)
        if name in present:
            continue
        away = {absence.member.name for absence in (*meeting.apologies, *meeting.absent)}
        if not meeting.attended and name not in away:
            continue
        yield Finding(meeting.header,
                      f"the lead, `{name}`, did not attend {_called(meeting)}: the social "
                      "worker, as lead professional, should attend each core group "
                      f"({F}, chair and note taker)",
                      (Related(f"`{name}` is marked `lead` here", the_lead.header),),
                      within=meeting.span)


@rule("CP605", "cancelled-without-reason", Severity.WARNING,
      "a cancelled core group with no reason")
def cancelled_without_reason(context: Context) -> Iterator[Finding]:
    """A core group recorded as `cancelled` without the reason in quotes.

    Core groups are cancelled only in exceptional circumstances; the record says what
    they were.

    Source: 004_256d3034f79780c2.txt, arranging and attending core groups: "Core Group
    Meetings should be given absolute professional priority and should only be cancelled
    or re-arranged in 'exceptional circumstances'."

    Severity: warning ("should only be cancelled or re-arranged in 'exceptional
    circumstances'", 004_256d3034f79780c2.txt, arranging and attending core groups).

    Reading: the record says what the exceptional circumstances were; a reason of blank
    text is no reason.

    Fails:
        meeting core-group 2026-02-19 { cancelled }

    Passes:
        meeting core-group 2026-02-19 { cancelled "Snow closed the school; moved to 2026-02-26" }
    """
    for meeting in context.plan.meetings:
        cancelled = meeting.cancelled
        if cancelled is None:
            continue
        if cancelled.why is None or not cancelled.why.value.strip():
            yield Finding(cancelled.span,
                          f"{_called(meeting)} was cancelled with no reason: core groups are "
                          "cancelled only in exceptional circumstances, so record them "
                          f'(`cancelled "why"`) ({M})')


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
    for meeting in held_records(plan.meetings, context.today):
        if _has_child_voice(context, meeting):
            continue
        yield Finding(meeting.header,
                      f"the record of {_called(meeting)} has no views of a child: record the "
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
    for meeting in held_records(plan.meetings, context.today):
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
                          f"{_called(meeting)} and its record holds no views of theirs: when "
                          "family members or children do not attend, record their views "
                          f'(`views {member.id.name} "..."`{other}) ({B}, appendix)',
                          (Related(f"`{member.id.name}` is listed here", absence.member.span),),
                          within=meeting.span)


def _absent_family(meeting: m.Meeting, index) -> Iterator[tuple[m.Member, m.Absence, str]]:
    """The members with a family or child role absent from a meeting, each once (where
    first listed), with their entry and what the record says of them."""
    entries = [(absence, "sent apologies for") for absence in meeting.apologies]
    entries += [(absence, "did not attend") for absence in meeting.absent]
    entries.sort(key=lambda entry: _position(entry[0].member.span))
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
    named = {child.id.name for child in plan.children if same_name(member, child)}
    if not named and len(plan.children) == 1:
        return {plan.children[0].id.name}
    return named


RULES = (absent_without_report, meeting_without_notes, meeting_without_chair, lead_absent,
         cancelled_without_reason, meeting_without_child_views, absent_family_views)

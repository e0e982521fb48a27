"""CP6, who came: a professional who could not attend sends a written report, and the
lead social worker attends each core group (CP601, CP604)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl.citations import B, F, M
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.meetings.shared import FAMILY_AND_CHILD_ROLES, called, position
from cpdsl.vocabulary import ROLES


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
    for meeting in facts.held_records(context.plan.meetings, context.today):
        entries = [(absence, "sent apologies for") for absence in meeting.apologies]
        entries += [(absence, "did not attend") for absence in meeting.absent]
        entries.sort(key=lambda entry: position(entry[0].member.span))
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
                          f"`{name}` {what} {called(meeting)} and no written report from "
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
    the_lead = facts.lead(context.plan)
    if the_lead is None:
        return
    name = the_lead.id.name
    for meeting in facts.held_records(context.plan.meetings, context.today):
        present = {ident.name for ident in meeting.attended}
        present.update(ident.name for ident in (meeting.chair, meeting.notes) if ident)
        if name in present:
            continue
        away = {absence.member.name for absence in (*meeting.apologies, *meeting.absent)}
        if not meeting.attended and name not in away:
            continue
        yield Finding(meeting.header,
                      f"the lead, `{name}`, did not attend {called(meeting)}: the social "
                      "worker, as lead professional, should attend each core group "
                      f"({F}, chair and note taker)",
                      (Related(f"`{name}` is marked `lead` here", the_lead.header),),
                      within=meeting.span)


RULES = (absent_without_report, lead_absent)

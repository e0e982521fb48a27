"""The pack's prefills from the plan's record and arrangements (PACK.md section 2):
reports from those unable to attend, the previous meeting, the copies checklist, the
assessments, the written contributions to the joint report, the concerns."""

from __future__ import annotations

import datetime as dt

from cpdsl import model as m
from cpdsl.facts import conferences_in_order, core_group_meetings, held, is_family
from cpdsl.pack.agenda import Agenda, AgendaKind



def reports(agenda: Agenda, person) -> list[str]:
    """This meeting's apologies and absences recorded in advance, and whether each
    report came."""
    record = agenda.record
    if record is None:
        return []
    said = [(a, "apologies") for a in record.apologies] + [(a, "absent") for a in record.absent]
    return [f"- {person(a.member)} ({why}): "
            + ("report received" if a.report_received else "no report recorded")
            for a, why in said]


def previous_meeting(plan: m.Plan, agenda: Agenda, person, text) -> list[str]:
    """The core group before this one: its date, minutes and who came; and the actions
    whose `due` date fell since it."""
    earlier = [x for x in held(core_group_meetings(plan)) if x.date.value < agenda.day]
    if not earlier:
        return []
    last = earlier[-1]
    minutes = (f"minutes circulated {last.minutes_circulated.value}"
               if last.minutes_circulated and last.minutes_circulated.value
               else "no minutes circulated recorded")
    lines = [f"Previous core group: {last.date.value}; {minutes}"]
    if last.attended:  # a Markdown line break (two spaces) keeps the two lines apart
        lines = [lines[0] + "  ", "Attended: " + ", ".join(person(i) for i in last.attended)]
    due = [a for a in plan.actions if a.due and a.due.value
           and last.date.value < a.due.value <= agenda.day]
    if due:
        lines += ["", "Actions due since then:"]
        lines += [f"- `{a.id.name}` {text(a.text)}: due {a.due.value}, "
                  f"{a.status.value.text if a.status else 'open'}" for a in due]
    return lines


def copies(plan: m.Plan, agenda: Agenda, person, text) -> list[str]:
    """A checklist of members, with the signatures and the family's format."""
    signed = {s.member.name: s.date.value for s in plan.signatures if s.date is not None}
    lines = []
    for member in plan.members:
        mark = (f" (signed {signed[member.id.name]})"
                if agenda.kind is not AgendaKind.FIRST and member.id.name in signed else "")
        lines.append(f"- [ ] {person(member.id)}{mark}")
    wants = [f"language: {text(plan.language)}" if plan.language else "",
             f"format: {text(plan.accessible_format)}" if plan.accessible_format else ""]
    wants = [w for w in wants if w]
    if wants:
        lines += ["", "The family's copy: " + "; ".join(wants)]
    return lines


def assessments(plan: m.Plan, agenda: Agenda, person, text) -> list[str]:
    """Each assessment, who completes it and by when (past dates marked), the needs as
    areas to assess at the first core group, and the review it is to be complete by."""
    lines = []
    for assessment in plan.assessments:
        due = assessment.due.value if assessment.due and assessment.due.value else None
        late = ", past its date" if due and due < agenda.day and agenda.kind is not \
            AgendaKind.FIRST else ""
        lines.append(f"- {text(assessment.text)}: by "
                     + (person(assessment.by) if assessment.by else "no one named")
                     + (f", due {due}{late}" if due else ", no date"))
    if agenda.kind is AgendaKind.FIRST and plan.needs:
        lines += ["", "Areas to assess (the plan's needs):"]
        lines += [f"- `{n.id.name}` {text(n.text)}"
                  + (f" ({', '.join(d.text for d in n.domains)})" if n.domains else "")
                  for n in plan.needs]
    if agenda.review is not None:
        lines += ["", f"To be complete by the review conference on {agenda.review.date}"
                      + (" (provisional)" if agenda.review.provisional else "")]
    return lines


def contributions(plan: m.Plan, person) -> list[str]:
    """One line per professional member (not family, not a child), to mark whether
    their form has come in."""
    return [f"- [ ] {person(member.id)}: agency contribution form received"
            for member in plan.members
            if not is_family(member) and getattr(member.role, "text", None) != "child"]


def concerns(plan: m.Plan, day: dt.date, text, initial_only: bool = False) -> list[str]:
    """The conferences' reasons for concern, as the risks found so far."""
    found = [c for c in conferences_in_order(plan) if c.date.value <= day]
    if initial_only:
        found = [c for c in found if c.kind and c.kind.text == "initial"]
    return [f"- {text(concern)} ({c.kind.text} conference, {c.date.value})"
            for c in found for concern in c.concerns]

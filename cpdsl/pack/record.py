"""The pack's prefills from the plan's record and arrangements (PACK.md section 2):
reports from those unable to attend, the previous meeting, the copies checklist, the
assessments, the written contributions to the joint report, the concerns."""

from __future__ import annotations

import datetime as dt

from cpdsl import model as m
from cpdsl.facts import conferences_in_order, core_group_meetings, held, is_family
from cpdsl.pack.agenda import Agenda, AgendaKind
from cpdsl.pack.document import Block, Bullets, Inline, Para, ident, line, plain
from cpdsl.pack.people import People, one_line


def reports(agenda: Agenda, people: People) -> list[Block]:
    """This meeting's apologies and absences recorded in advance, and whether each
    report came."""
    record = agenda.record
    if record is None:
        return []
    said = [(a, "apologies") for a in record.apologies] + [(a, "absent") for a in record.absent]
    items = [line(people.short(a.member), f" ({why}): "
                  + ("report received" if a.report_received else "no report recorded"))
             for a, why in said]
    return [Bullets(tuple(items))] if items else []


def previous_meeting(plan: m.Plan, agenda: Agenda, people: People) -> list[Block]:
    """The core group before this one: its date, minutes and who came; and the actions
    whose `due` date fell since it."""
    earlier = [x for x in held(core_group_meetings(plan)) if x.date.value < agenda.day]
    if not earlier:
        return []
    last = earlier[-1]
    minutes = (f"minutes circulated {last.minutes_circulated.value}"
               if last.minutes_circulated and last.minutes_circulated.value
               else "no minutes circulated recorded")
    lines = [plain(f"Previous core group: {last.date.value}; {minutes}")]
    if last.attended:
        came: list = ["Attended: "]
        for number, who in enumerate(last.attended):
            came += [", " if number else "", people.short(who)]
        lines.append(line(*came))
    blocks: list[Block] = [Para(tuple(lines))]
    due = [a for a in plan.actions if a.due and a.due.value
           and last.date.value < a.due.value <= agenda.day]
    if due:
        blocks.append(Bullets(tuple(
            line(ident(a.id.name), f" {one_line(a.text)}: due {a.due.value}, "
                 f"{a.status.value.text if a.status else 'open'}") for a in due),
            lead=plain("Actions due since then:")))
    return blocks


def copies(plan: m.Plan, agenda: Agenda, people: People) -> list[Block]:
    """A checklist of members, with the signatures and the family's format."""
    signed = {s.member.name: s.date.value for s in plan.signatures if s.date is not None}
    items = []
    for member in plan.members:
        mark = (f" (signed {signed[member.id.name]})"
                if agenda.kind is not AgendaKind.FIRST and member.id.name in signed else "")
        items.append(line(people.short(member.id), mark))
    blocks: list[Block] = [Bullets(tuple(items), ticks=True)] if items else []
    wants = [f"language: {one_line(plan.language)}" if plan.language else "",
             f"format: {one_line(plan.accessible_format)}" if plan.accessible_format else ""]
    wants = [w for w in wants if w]
    if wants:
        blocks.append(Para((plain("The family's copy: " + "; ".join(wants)),)))
    return blocks


def assessments(plan: m.Plan, agenda: Agenda, people: People) -> list[Block]:
    """Each assessment, who completes it and by when (past dates marked), the needs as
    areas to assess at the first core group, and the review it is to be complete by."""
    items = []
    for assessment in plan.assessments:
        due = assessment.due.value if assessment.due and assessment.due.value else None
        late = ", past its date" if due and due < agenda.day and agenda.kind is not \
            AgendaKind.FIRST else ""
        items.append(line(f"{one_line(assessment.text)}: by ",
                          people.short(assessment.by) if assessment.by else "no one named",
                          f", due {due}{late}" if due else ", no date"))
    blocks: list[Block] = [Bullets(tuple(items))] if items else []
    if agenda.kind is AgendaKind.FIRST and plan.needs:
        blocks.append(Bullets(tuple(
            line(ident(n.id.name), f" {one_line(n.text)}"
                 + (f" ({', '.join(d.text for d in n.domains)})" if n.domains else ""))
            for n in plan.needs), lead=plain("Areas to assess (the plan's needs):")))
    if agenda.review is not None:
        blocks.append(Para((plain(
            f"To be complete by the review conference on {agenda.review.date}"
            + (" (provisional)" if agenda.review.provisional else "")),)))
    return blocks


def professionals(plan: m.Plan) -> list[m.Member]:
    """The members who write an agency contribution: not family, not a child."""
    return [member for member in plan.members
            if not is_family(member) and getattr(member.role, "text", None) != "child"]


def agencies(plan: m.Plan) -> list[tuple[str, list[m.Member]]]:
    """The professional members grouped by agency, in the plan's order (a member with
    no agency is one of their own): one contribution form each."""
    groups: dict[str, list[m.Member]] = {}
    for member in professionals(plan):
        key = one_line(member.agency) or one_line(member.name) or member.id.name
        groups.setdefault(key, []).append(member)
    return list(groups.items())


def contributions(plan: m.Plan, people: People) -> list[Block]:
    """One line per member agency, to mark whether its form has come in."""
    items = []
    for agency, members in agencies(plan):
        who: list = [f"{agency} ("]
        for number, member in enumerate(members):
            who += ["; " if number else "", people.short(member.id)]
        items.append(line(*who, "): agency contribution form received"))
    return [Bullets(tuple(items), ticks=True)] if items else []


def concerns(plan: m.Plan, day: dt.date, initial_only: bool = False) -> list[Inline]:
    """The conferences' reasons for concern up to `day`, as the risks found so far, each
    with the conference it was raised at."""
    found = [c for c in conferences_in_order(plan) if c.date.value <= day]
    if initial_only:
        found = [c for c in found if c.kind and c.kind.text == "initial"]
    return [plain(f"{one_line(concern)} ({c.kind.text} conference, {c.date.value})")
            for c in found for concern in c.concerns]

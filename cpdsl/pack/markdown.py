"""The minutes pack as Markdown: the agenda, then the notes laid out item by item, each
with what the plan already knows of it (PACK.md sections 2 and 6).

First slice: every item's heading, verbatim; prefilled so far are the chair and note
taker, who is expected and the apologies recorded, the children's and the parents'
views, the membership proforma, the action review table (overdue actions marked as of
the meeting's day) with the contact arrangements and the contingency plan
(cpdsl.pack.tables), the reports of those unable to attend, the previous meeting and the
actions due since, the copies checklist, the assessments, the written contributions, the
conferences' concerns (cpdsl.pack.record), and the dates to come up to the review. The
items 003 leaves to the meeting say so; the joint report's timetable is still to come
and has room to write. Numbers are literal
text, as 003 numbers them.
"""

from __future__ import annotations

import datetime as dt
import re

from cpdsl import model as m
from cpdsl.facts import core_group_meetings, held, is_family
from cpdsl import dates
from cpdsl.facts.core_groups import core_group_schedule, planned_interval
from cpdsl.facts.days import last_in_time
from cpdsl.pack.agenda import Agenda, AgendaKind
from cpdsl.pack import record, tables
from cpdsl.pack.items import ITEMS, TITLE_NOTES
from cpdsl.profile import Profile

AT_THE_MEETING = "*Written at the meeting.*"
SPACE = "____"  # room to write, where the plan's part is not filled in yet (PACK.md section 2)
# The items 003 leaves wholly to the meeting (PACK.md section 2, "written at the meeting").
WRITTEN_AT_THE_MEETING = frozenset({
    "PURPOSE OF THE MEETING AND EXPLANATION TO FAMILY MEMBERS ABOUT THE ROLE OF THE CORE "
    "GROUP", "PURPOSE OF THE MEETING",
    "ANY FURTHER RELEVANT INFORMATION WITH REGARD TO THE CHILD’S SAFETY AND WELFARE",
    "MULTI-AGENCY ANALYSIS/RECOMMENDATION TO REVIEW CONFERENCE"})
FAMILY_VIEWS = ("parents", "carers", "family")
CHILDREN_VIEWS = ("child", "children")


def render_markdown(plan: m.Plan, profile: Profile, agenda: Agenda) -> str:
    items = ITEMS[agenda.kind]
    out = [f"# {agenda.kind.value}", ""]
    if agenda.kind in TITLE_NOTES:
        out += [f"*{TITLE_NOTES[agenda.kind]}*", ""]
    out += _header(plan, agenda)
    if agenda.warning:
        out += [f"> Warning: {agenda.warning}", ""]
    out += [f"{number}. {title}" for number, title in enumerate(items, 1)]
    out += ["", f"# NOTES OF CORE GROUP MEETING HELD ({_when(agenda)})", ""]
    for number, title in enumerate(items, 1):
        empty = AT_THE_MEETING if title in WRITTEN_AT_THE_MEETING else SPACE
        out += [f"## {number}. {title}", "", *(_prefill(plan, profile, agenda, title)
                                                 or [empty]), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _header(plan: m.Plan, agenda: Agenda) -> list[str]:
    reference = plan.reference.value if plan.reference else "no reference recorded"
    lines = [f"Plan: {_text(plan.title)} · reference {reference} · core group on "
             f"{_day(agenda.day)}"]
    if agenda.review is not None:
        said = "review due by" if agenda.review.provisional else "review conference on"
        lines.append(f"Next: {said} {_day(agenda.review.date)}"
                     + (" (provisional: no review conference is recorded)"
                        if agenda.review.provisional else ""))
    return [*(f"{line}  " for line in lines[:-1]), lines[-1], ""]


def _when(agenda: Agenda) -> str:
    record = agenda.record
    time = record.time.text if record is not None and record.time is not None else "TIME"
    venue = record.venue.value if record is not None and record.venue is not None else "VENUE"
    return f"{time}, {agenda.day.isoformat()}, {venue}"


def _prefill(plan: m.Plan, profile: Profile, agenda: Agenda, title: str) -> list[str]:
    if title == "IDENTIFICATION OF NOTE TAKER":
        return _note_taker(plan, agenda)
    if title == "INTRODUCTIONS AND APOLOGIES":
        return _attendance(plan, agenda)
    if title == "CHILD’S VIEWS":
        return _views(plan, agenda, children=True)
    if title in ("PARENT’S VIEWS", "PARENTS/CARERS VIEWS"):
        return _views(plan, agenda, children=False)
    if title.startswith("DATES, TIMES"):
        return _dates(plan, profile, agenda)
    if title.startswith(("REVIEW OF PROGRESS", "REVIEW OF THE PROGRESS")):
        review = tables.action_review(plan, agenda.day, lambda i: _person(plan, i, short=True),
                                      _text)
        extra = tables.contacts(plan, lambda i: _person(plan, i, short=True))
        if plan.contingency is not None:
            extra.append(f"- Contingency plan: {_text(plan.contingency)}")
        return review + (["", *extra] if extra else [])
    if title.startswith("CONFIRMATION OF CORE GROUP MEMBERSHIP"):
        return tables.proforma(plan, _text)
    short = lambda ident: _person(plan, ident, short=True)  # noqa: E731
    if title == "REPORTS PROVIDED BY THOSE UNABLE TO ATTEND":
        return record.reports(agenda, short)
    if title == "NOTES OF PREVIOUS MEETING/MATTERS ARISING":
        return record.previous_meeting(plan, agenda, short, _text)
    if title.startswith("CHECK MEMB"):  # 003 spells it "MEMBES" once
        return record.copies(plan, agenda, short, _text)
    if "ASSESSMENT" in title:
        return record.assessments(plan, agenda, short, _text)
    if title == "WRITTEN CONTRIBUTIONS TO THE JOINT REPORT":
        return record.contributions(plan, lambda ident: _person(plan, ident))
    if title == "IDENTIFICATION OF RISK FACTORS/PROTECTIVE FACTORS":
        return [*record.concerns(plan, agenda.day, _text), "", AT_THE_MEETING]
    if title.startswith("ANY FURTHER") and agenda.kind is AgendaKind.FIRST:
        found = record.concerns(plan, agenda.day, _text, initial_only=True)
        return ["The initial conference's concerns, for reference:", *found, "",
                AT_THE_MEETING] if found else []
    return []


def _note_taker(plan: m.Plan, agenda: Agenda) -> list[str]:
    chair = agenda.record.chair if agenda.record and agenda.record.chair else plan.chair
    lines = [f"Chair: {_person(plan, chair)}" if chair else "Chair: not named in the plan"]
    if plan.second_chair is not None:
        lines.append(f"Second chair: {_person(plan, plan.second_chair)}")
    lines.append("Note taker (name, agency): ____ (not the chair)")
    earlier = [x for x in held(core_group_meetings(plan))
               if x.date.value < agenda.day and x.notes is not None]
    if earlier and agenda.kind is not AgendaKind.FIRST:
        lines.append("Notes taken before: " + "; ".join(
            f"{x.date.value} {_person(plan, x.notes)}" for x in earlier))
    return [f"{line}  " for line in lines[:-1]] + lines[-1:]


def _attendance(plan: m.Plan, agenda: Agenda) -> list[str]:
    lines = ["Who attended (name, agency)"]
    lines += [f"- [ ] {_person(plan, member.id)}" for member in plan.members]
    apologies = agenda.record.apologies if agenda.record is not None else ()
    lines += ["", "Apologies"]
    lines += [f"- {_person(plan, a.member)}" + (": report received" if a.report_received
                                                else "") for a in apologies] or ["- ____"]
    return lines


def _views(plan: m.Plan, agenda: Agenda, children: bool) -> list[str]:
    child_ids = {child.id.name for child in plan.children}
    lines = []
    if children:
        lines += [f"- {_text(c.name)} `{c.id.name}`" + (f", born {c.born.value}"
                                                     if c.born and c.born.value else "")
                  for c in plan.children]
    wanted = (lambda s: s in child_ids or s in CHILDREN_VIEWS) if children else (
        lambda s: s in FAMILY_VIEWS or _is_family_id(plan, s))
    said = [(v, "in the plan") for v in plan.views if wanted(v.subject.name)]
    last = _last_meeting(plan, agenda)
    if last is not None:
        said += [(v, f"at the core group on {last.date.value}") for v in last.views
                 if wanted(v.subject.name)]
    names = {c.id.name: _text(c.name) for c in plan.children}
    names.update({x.id.name: _text(x.name) for x in plan.members})
    lines += [f"- {names.get(v.subject.name) or v.subject.name}: “{_text(v.text)}” ({where})"
              for v, where in said]
    return lines


def _dates(plan: m.Plan, profile: Profile, agenda: Agenda) -> list[str]:
    end = agenda.review.date if agenda.review is not None else None
    planned = [p.date for p in core_group_schedule(plan, profile)
               if p.date > agenda.day and (end is None or p.date < end)]
    if agenda.next_core_group and agenda.next_core_group not in planned and (
            end is None or agenda.next_core_group < end):
        planned = sorted({*planned, agenda.next_core_group})
    lines = [f"- {_day(day)}: time and venue to agree" for day in planned]
    if agenda.review is not None:
        said = "review due by" if agenda.review.provisional else "review conference"
        lines.append(f"- {_day(agenda.review.date)}: {said}")
        every = planned_interval(plan, profile)
        after = last_in_time(agenda.review.date, every, profile.nation) if every else None
        if agenda.kind is AgendaKind.BEFORE_REVIEW and after is not None:
            lines.append(f"- {_day(after)}: the next core group, if the plan continues "
                         f"(every {dates.describe(every)} from the review)")
    return lines or ["No dates are planned yet: agree them at the meeting."]


def _last_meeting(plan: m.Plan, agenda: Agenda) -> m.Meeting | None:
    earlier = [x for x in held(core_group_meetings(plan)) if x.date.value < agenda.day]
    return earlier[-1] if earlier else None


def _is_family_id(plan: m.Plan, name: str) -> bool:
    member = next((x for x in plan.members if x.id.name == name), None)
    return member is not None and is_family(member)


def _person(plan: m.Plan, ident: m.Ident, short: bool = False) -> str:
    """A member (or child) by name, role and agency, and their id; `short`: the name."""
    member = next((x for x in plan.members if x.id.name == ident.name), None)
    child = next((x for x in plan.children if x.id.name == ident.name), None)
    if member is None:
        named = _text(child.name) if child is not None else ""
        return f"{named} `{ident.name}`" if named else f"`{ident.name}`"
    if short:
        return f"{_text(member.name)} `{ident.name}`"
    parts = [_text(member.name)]
    if member.role is not None:
        parts.append(("lead " if member.lead else "") + member.role.text.replace("-", " "))
    if member.agency is not None:
        parts.append(_text(member.agency))
    return ", ".join(p for p in parts if p) + f" `{ident.name}`"


def _text(text: m.Text | None) -> str:
    """A text of the plan on one line, with what Markdown would read as markup escaped."""
    if text is None or not text.value:
        return ""
    return _MARKUP.sub(r"\\\g<0>", " ".join(text.value.split()))


_MARKUP = re.compile(r"[\\`*_\[\]<>#|]")


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y} ({day.isoformat()})"

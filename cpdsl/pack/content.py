"""The minutes pack for one core group, as data (cpdsl.pack.document): the plan's
findings that bear on the meeting, the agenda, the notes laid out heading by heading
with what the plan knows under each (PACK.md sections 2 and 3), and the forms after them
(section 4). Every format renders this one Pack."""

from __future__ import annotations

from collections.abc import Iterable

from cpdsl import model as m
from cpdsl.citations import for_people
from cpdsl.diagnostics import Diagnostic
from cpdsl.pack import forms, prefill, record, tables
from cpdsl.pack.agenda import Agenda, AgendaKind
from cpdsl.pack.document import AtMeeting, Block, Bullets, Finding, Pack, Para, Section, \
    Space, long_day, plain
from cpdsl.pack.items import ITEMS, TITLE_NOTES, Topic, notes_headings, topic_of
from cpdsl.pack.people import People, one_line
from cpdsl.profile import Profile

# The items 003 leaves wholly to the meeting (PACK.md section 2, "written at the meeting").
AT_THE_MEETING = frozenset({Topic.PURPOSE, Topic.FURTHER, Topic.RISKS,
                            Topic.RECOMMENDATION})
# The language's own findings (CP1: syntax, names, suppressions) are about the file, not
# the meeting; every other family is the core group's business.
NOT_FOR_THE_MEETING = "CP1"


def build_pack(plan: m.Plan, profile: Profile, agenda: Agenda,
               diagnostics: Iterable[Diagnostic] = ()) -> Pack:
    people = People(plan)
    review = None
    if agenda.review is not None:
        review = (f"review due by {long_day(agenda.review.date)} (provisional: no "
                  "review conference is recorded)" if agenda.review.provisional else
                  f"review conference on {long_day(agenda.review.date)}")
    warnings = [agenda.warning] if agenda.warning else []
    if plan.reference is None:
        warnings.append("the plan records no `reference`: the pack's header says so")
    notes = tuple(Section(number, title, tuple(_notes(plan, profile, agenda, people, title)))
                  for number, title in notes_headings(agenda.kind))
    attachments = []
    if agenda.kind is AgendaKind.FIRST:
        attachments.append(forms.membership_proforma(plan))
    if agenda.kind is AgendaKind.BEFORE_REVIEW:
        attachments += forms.agency_forms(plan, agenda, people)
    return Pack(
        kind=agenda.kind.value, title_note=TITLE_NOTES.get(agenda.kind),
        plan_title=one_line(plan.title), reference=plan.reference.value
        if plan.reference else None, day=agenda.day, review=review,
        warnings=tuple(warnings), findings=tuple(_findings(diagnostics)),
        agenda=tuple(enumerate(ITEMS[agenda.kind], 1)),
        notes_title=f"NOTES OF CORE GROUP MEETING HELD ({_when(agenda)})",
        notes_note="FORMAT FOR NOTES: FIRST CORE GROUP"
        if agenda.kind is AgendaKind.FIRST else None,
        notes=notes, attachments=tuple(attachments))


def _findings(diagnostics: Iterable[Diagnostic]) -> list[Finding]:
    return [Finding(d.code, d.name, d.span.line, d.span.column, for_people(d.message))
            for d in sorted(diagnostics, key=lambda d: d.sort_key)
            if not d.code.startswith(NOT_FOR_THE_MEETING)]


def _when(agenda: Agenda) -> str:
    record_ = agenda.record
    time = record_.time.text if record_ is not None and record_.time is not None else "TIME"
    venue = (one_line(record_.venue) if record_ is not None and record_.venue is not None
             else "") or "VENUE"
    return f"{time}, {agenda.day.isoformat()}, {venue}"


def _notes(plan: m.Plan, profile: Profile, agenda: Agenda, people: People,
           title: str) -> list[Block]:
    topic = topic_of(title)
    blocks = _prefill(plan, profile, agenda, people, topic)
    if topic in AT_THE_MEETING:
        return [*blocks, AtMeeting()] if topic is not Topic.RECOMMENDATION else \
            [AtMeeting(), *blocks]
    return blocks or [Space()]


def _prefill(plan: m.Plan, profile: Profile, agenda: Agenda, people: People,
             topic: Topic) -> list[Block]:
    match topic:
        case Topic.NOTE_TAKER:
            return prefill.note_taker(plan, agenda, people)
        case Topic.PURPOSE:
            return prefill.purpose(plan, agenda, people)
        case Topic.ATTENDANCE:
            return prefill.attendance(plan, agenda, people)
        case Topic.CHILD_VIEWS | Topic.PARENT_VIEWS:
            return prefill.views(plan, agenda, people, topic is Topic.CHILD_VIEWS)
        case Topic.DATES:
            return prefill.dates_to_come(plan, profile, agenda)
        case Topic.PLAN_REVIEW:
            return [*tables.action_review(plan, agenda.day, people),
                    *tables.contacts(plan, people)]
        case Topic.MEMBERSHIP:
            return _membership()
        case Topic.REPORTS:
            return record.reports(agenda, people)
        case Topic.PREVIOUS:
            return record.previous_meeting(plan, agenda, people)
        case Topic.COPIES:
            return record.copies(plan, agenda, people)
        case Topic.ASSESSMENT:
            return record.assessments(plan, agenda, people)
        case Topic.CONTRIBUTIONS:
            return [*record.contributions(plan, people),
                    Para((plain("The agency contribution forms follow the notes."),))]
        case Topic.RISKS:
            found = record.concerns(plan, agenda.day)
            return [Bullets(tuple(found))] if found else []
        case Topic.FURTHER if agenda.kind is AgendaKind.FIRST:
            found = record.concerns(plan, agenda.day, initial_only=True)
            return [Bullets(tuple(found), lead=plain(
                "The initial conference's concerns, for reference:"))] if found else []
        case Topic.RECOMMENDATION:
            return prefill.recommendation(plan, profile, agenda)
        case Topic.JOINT_REPORT:
            return prefill.joint_report(profile, agenda)
    return []


def _membership() -> list[Block]:
    return [Para((plain(f"The proforma ({tables.PROFORMA_TITLE}) follows the notes: "
                        "correct it at the meeting. Changes to membership:"),)), Space()]

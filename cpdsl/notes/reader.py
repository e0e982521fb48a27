"""A pack's filled-in notes, read back as a NotesRecord (PACK.md section 3).

The reader reads what the pack writes (cpdsl.pack.prefill, cpdsl.pack.tables): the
`Plan:` line (its reference must be the plan's), the notes heading's time, date and venue,
then each `## N. TITLE` section, its heading matched to the meeting's agenda
(cpdsl.pack.items.notes_headings) and read by its topic. Every problem is collected with
its place, and the notes are rejected (NotesRejected) if there is any: nothing half read
reaches the plan.
"""

from __future__ import annotations

import datetime as dt
import re

from cpdsl import model as m
from cpdsl.notes import actions
from cpdsl.notes.notes_record import Absence, NotesError, NotesRecord, NotesRejected, View
from cpdsl.notes.people import Roster, Unknown
from cpdsl.notes.sections import (
    Line,
    NotesText,
    Section,
    is_blank_space,
    paragraphs,
    split_notes,
    unescape,
)
from cpdsl.pack.agenda import AgendaKind, NoPack, agenda_for
from cpdsl.pack.items import Topic, notes_headings, topic_of
from cpdsl.profile import Profile

NO_REFERENCE = "no reference recorded"  # what the pack's Plan line says of a plan without
SAID_HERE = "Said at this meeting:"
CHAIR, NOTE_TAKER = "Chair:", "Note taker (name, agency):"
RECOMMENDATION = "Recommendation:"
WRITTEN_AT_THE_MEETING = "*Written at the meeting.*"
_READ = frozenset({Topic.NOTE_TAKER, Topic.ATTENDANCE, Topic.REPORTS, Topic.CHILD_VIEWS,
                   Topic.PARENT_VIEWS, Topic.PLAN_REVIEW, Topic.RECOMMENDATION})
_PLAN_LINE = re.compile(r"Plan: (?P<title>.*) · reference (?P<reference>.*?) · core group on ")
_WHEN = re.compile(r"\((?P<inside>.*)\)\s*\Z")
_TIME = re.compile(r"\d{1,2}:\d{2}\Z")  # the grammar's TIME
_TICK = re.compile(r"[-*+][ \t]+\[(?P<mark>[ xX])\][ \t]*(?P<person>.*)\Z")
_BULLET = re.compile(r"[-*+][ \t]+(?P<item>.*)\Z")
_RECEIVED = re.compile(r"(?P<person>.*?)(?:[ \t]*\((?P<why>apologies|absent)\))?:[ \t]*"
                       r"(?P<said>report received|no report recorded|no report)[ \t.]*\Z",
                       re.IGNORECASE)
_VIEW_OF = re.compile(r"(?P<name>[^`:]*?)[ \t]*`(?P<id>[^`]+)`[ \t]*:[ \t]*(?P<text>.*)\Z",
                      re.DOTALL)
_PROMPT = re.compile(r"\s*\([^()]*\)\s*\Z")


def read_notes(text: str, plan: m.Plan, profile: Profile) -> NotesRecord:
    """The record the notes in `text` give for `plan`; NotesRejected with every problem."""
    notes = split_notes(text)
    errors: list[NotesError] = []
    _check_plan_line(notes, plan, errors)
    if notes.heading is None:
        raise NotesRejected([*errors, NotesError(1, 1, "no notes heading `# NOTES OF CORE "
                                                 "GROUP MEETING HELD (TIME, DATE, VENUE)`: "
                                                 "is this a pack's Markdown?")])
    when = _read_heading(notes.heading, errors)
    if when is None:
        raise NotesRejected(errors)
    time, day, venue = when
    agenda = agenda_for(plan, profile, day)
    if isinstance(agenda, NoPack):
        column = notes.heading.column_of(day.isoformat())
        raise NotesRejected([*errors, NotesError(notes.heading.number, column,
                                                 f"no core group to record on {day}: "
                                                 f"{agenda.reason}")])
    if agenda.record is not None and agenda.record.attended:
        raise NotesRejected([*errors, NotesError(
            notes.heading.number, 1, f"the core group on {day} is already recorded (its "
            "record says who attended): change the plan itself")])
    reader = _Reader(plan, agenda.kind, errors, _prefilled(plan, profile, agenda))
    for section in notes.sections:
        reader.read(section)
    record = reader.record(day, notes.heading, time, venue)
    if errors:
        raise NotesRejected(errors)
    return record


def _prefilled(plan: m.Plan, profile: Profile, agenda) -> dict[tuple, frozenset[str]]:
    """The lines the pack itself prints under each heading for this meeting, so that
    only what was written at the meeting counts as left in the minutes."""
    from cpdsl.pack.content import build_pack
    from cpdsl.pack.markdown import render_markdown

    rendered = split_notes(render_markdown(build_pack(plan, profile, agenda)))
    return {(section.number, heading_key(section.title)):
            frozenset(line.stripped for line in section.body)
            for section in rendered.sections}


def _check_plan_line(notes: NotesText, plan: m.Plan, errors: list[NotesError]) -> None:
    """The notes must be of this plan: the Plan line's reference is the plan's."""
    line = notes.plan_line
    found = _PLAN_LINE.match(line.stripped) if line is not None else None
    if found is None:
        errors.append(NotesError(line.number if line else 1, 1,
                                 "no `Plan: TITLE · reference REF · core group on DATE` line "
                                 "before the notes: the pack's header says which plan the "
                                 "notes are of"))
        return
    said = unescape(found.group("reference").strip())
    ours = plan.reference.value if plan.reference is not None else NO_REFERENCE
    if " ".join(said.split()) != " ".join(ours.split()):
        mine = f"reference {ours}" if plan.reference is not None else NO_REFERENCE
        errors.append(NotesError(line.number, line.column_of(found.group("reference")),
                                 f"these notes are of reference {said}, but the plan has "
                                 f"{mine}: are they this plan's?"))


def _read_heading(line: Line, errors: list[NotesError]
                  ) -> tuple[str | None, dt.date, str | None] | None:
    """The notes heading's (TIME, DATE, VENUE): a time and venue left as the words are
    not given; the venue may hold commas."""
    found = _WHEN.search(line.text)
    parts = found.group("inside").split(",", 2) if found else []
    if len(parts) < 2:
        errors.append(NotesError(line.number, 1, "the notes heading gives no (TIME, DATE, "
                                 "VENUE): write the date as YYYY-MM-DD"))
        return None
    time, date = parts[0].strip(), parts[1].strip()
    venue = unescape(" ".join(parts[2].split())) if len(parts) > 2 else ""
    try:
        day = dt.date.fromisoformat(date) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
    except ValueError:
        day = None
    if day is None:
        errors.append(NotesError(line.number, line.column_of(date), f"the notes heading's "
                                 f"date reads {date!r}: write it as YYYY-MM-DD"))
        return None
    if time.upper() == "TIME" or not time:
        time = None
    elif not _TIME.fullmatch(time):
        errors.append(NotesError(line.number, line.column_of(time), f"the notes heading's "
                                 f"time reads {time!r}: write it as 10:30"))
        time = None
    return time, day, None if venue.upper() in ("VENUE", "") else venue


def heading_key(title: str) -> str:
    """A heading as the reader compares it: case, runs of spaces, ’ against ' and a
    trailing bracketed prompt ignored."""
    words = " ".join(unescape(title).replace("’", "'").split()).upper()
    while True:
        shorter = _PROMPT.sub("", words)
        if shorter == words or not shorter:
            return words
        words = shorter


class _Reader:
    """Reads the sections one by one into what the record will hold."""

    def __init__(self, plan: m.Plan, kind: AgendaKind, errors: list[NotesError],
                 prefilled: dict[tuple, frozenset[str]]) -> None:
        self.plan, self.kind, self.errors = plan, kind, errors
        self.prefilled = prefilled
        self.roster = Roster(plan)
        self.headings = {(n, heading_key(t)): t for n, t in notes_headings(kind)}
        self.seen: dict[str, Section] = {}
        self.chair = self.notes = self.recommendation = None
        self.no_recommendation: str | None = None
        self.ticked: dict[str, bool] = {}
        self.apologies: dict[str, bool] = {}
        self.reports: dict[str, Line] = {}
        self.views: list[View] = []
        self.reviewed = actions.Reviewed((), ())
        self.minutes: list[str] = []
        self.attendance_line: Line | None = None

    def read(self, section: Section) -> None:
        title = self.headings.get((section.number, heading_key(section.title)))
        if title is None:
            self._error(section.heading, 1, f"not a heading of these notes "
                        f"({self.kind.value}): \"{section.shown}\"")
            return
        if title in self.seen:
            self._error(section.heading, 1, f"\"{section.shown}\" is given twice (first on "
                        f"line {self.seen[title].heading.number})")
            return
        self.seen[title] = section
        topic = topic_of(title)
        if topic not in _READ:
            printed = self.prefilled.get((section.number, heading_key(section.title)), ())
            if any(_is_written(line) and line.stripped not in printed
                   for line in section.body):
                self.minutes.append(f"{section.number}. {title}")
            return
        match topic:
            case Topic.NOTE_TAKER:
                self._note_taker(section)
            case Topic.ATTENDANCE:
                self._attendance(section)
            case Topic.REPORTS:
                self._reports(section)
            case Topic.CHILD_VIEWS | Topic.PARENT_VIEWS:
                self._views(section, title, topic is Topic.CHILD_VIEWS)
            case Topic.PLAN_REVIEW:
                self.reviewed = actions.read_review(section, self.plan, self.roster,
                                                    self.errors)
            case Topic.RECOMMENDATION:
                self._recommendation(section)

    # -- the topics read back ------------------------------------------------------------

    def _note_taker(self, section: Section) -> None:
        for line in section.body:
            for label in (CHAIR, NOTE_TAKER):
                if line.stripped.startswith(label):
                    written = line.stripped[len(label):].strip()
                    if is_blank_space(written) or written == "not named in the plan":
                        continue
                    who = self._member(line, written)
                    if label == CHAIR:
                        self.chair = who
                    else:
                        self.notes = who

    def _attendance(self, section: Section) -> None:
        self.attendance_line = section.heading
        under_apologies = False
        for line in section.body:
            if line.stripped.lower().rstrip(":") == "apologies":
                under_apologies = True
                continue
            ticked = _TICK.match(line.stripped)
            if ticked is not None and not under_apologies:
                who = self._member(line, ticked.group("person"))
                if who is not None:
                    self.ticked[who] = self.ticked.get(who, False) or \
                        ticked.group("mark") in "xX"
                continue
            bullet = _BULLET.match(line.stripped)
            if bullet is None or not under_apologies or is_blank_space(bullet.group("item")):
                continue
            item = bullet.group("item")
            received = _RECEIVED.match(item)
            person = received.group("person") if received else item
            who = self._member(line, person)
            if who is not None:
                self.apologies[who] = bool(received) and \
                    received.group("said").lower() == "report received"

    def _reports(self, section: Section) -> None:
        for line in section.body:
            bullet = _BULLET.match(line.stripped)
            received = _RECEIVED.match(bullet.group("item")) if bullet else None
            if received is None or received.group("said").lower() != "report received":
                continue
            who = self._member(line, received.group("person"))
            if who is not None:
                self.reports[who] = line

    def _views(self, section: Section, title: str, children: bool) -> None:
        said = next((i for i, line in enumerate(section.body)
                     if line.stripped == SAID_HERE), None)
        if said is None:
            if any(_is_written(line) and not _BULLET.match(line.stripped)
                   for line in section.body):
                self.minutes.append(f"{section.number}. {title} (no `{SAID_HERE}` line)")
            return
        for paragraph in paragraphs(section.body[said + 1:]):
            text = " ".join(line.stripped for line in paragraph)
            if is_blank_space(text):
                continue
            opened = _VIEW_OF.match(text)
            if opened is None:
                self.views.append(View("child" if children else "parents", text))
                continue
            ident, line = opened.group("id").strip(), paragraph[0]
            column = line.column_of(f"`{opened.group('id')}`")
            if not self._whose_views(ident, children):
                whose = ("a child of the plan (or a child's advocate)" if children else
                         "a member of the plan")
                self._error(line, column, f"`{ident}` is not {whose}: a paragraph under "
                            f"\"{section.shown}\" opens with their name and id")
            elif not opened.group("text").strip():
                self._error(line, column, f"no view after `{ident}`:")
            else:
                self.views.append(View(ident, opened.group("text").strip()))

    def _whose_views(self, ident: str, children: bool) -> bool:
        member = self.roster.members.get(ident)
        if not children:
            return member is not None
        role = member.role.text if member is not None and member.role is not None else None
        return ident in self.roster.children or role in ("child", "advocate")

    def _recommendation(self, section: Section) -> None:
        line = next((x for x in section.body if x.stripped.startswith(RECOMMENDATION)), None)
        if line is None:
            self.no_recommendation = f"the notes have no `{RECOMMENDATION}` line"
            return
        said = line.stripped[len(RECOMMENDATION):].strip()
        word = said.rstrip(".").strip().lower()
        if word in ("continue", "end"):
            self.recommendation = word
        elif is_blank_space(said) or not said:
            self.no_recommendation = "the notes leave it blank (continue or end)"
        else:
            self.no_recommendation = (f"\"{RECOMMENDATION} {said}\" says neither continue "
                                      "nor end")

    # -- the record ----------------------------------------------------------------------

    def record(self, day: dt.date, heading: Line, time: str | None,
               venue: str | None) -> NotesRecord:
        members = [x.id.name for x in self.plan.members]
        attended = tuple(x for x in members if self.ticked.get(x))
        where = self.attendance_line or heading
        for who in attended:
            if who in self.apologies:
                self._error(where, 1, f"`{who}` is ticked as attended and listed under "
                            "apologies: keep one")
        if not attended:
            self._error(where, 1, "no one is ticked as attended (`- [x]`): the notes are of "
                        "a meeting held")
        for who, line in self.reports.items():
            if who in attended:
                self._error(line, 1, f"`{who}` attended: a report is recorded only for "
                            "those unable to attend")
        apologies = tuple(Absence(x, self.apologies[x] or x in self.reports)
                          for x in members if x in self.apologies and x not in attended)
        absent = tuple(Absence(x, x in self.reports) for x in members
                       if x not in attended and x not in self.apologies)
        no_recommendation = self.no_recommendation
        if self.kind is AgendaKind.BEFORE_REVIEW and not any(
                topic_of(t) is Topic.RECOMMENDATION for t in self.seen):
            no_recommendation = "the notes have no recommendation heading"
        return NotesRecord(
            day=day, kind=self.kind, heading_line=heading.number, time=time, venue=venue,
            chair=self.chair, notes=self.notes, attended=attended, apologies=apologies,
            absent=absent, views=tuple(self.views), recommendation=self.recommendation,
            no_recommendation=no_recommendation, changes=self.reviewed.changes,
            new_actions=self.reviewed.new_actions, minutes_only=tuple(self.minutes))

    def _member(self, line: Line, written: str) -> str | None:
        try:
            return self.roster.member(written)
        except Unknown as unknown:
            self._error(line, line.column_of(written.strip()), str(unknown))
            return None

    def _error(self, line: Line, column: int, message: str) -> None:
        self.errors.append(NotesError(line.number, column, message))


def _is_written(line: Line) -> bool:
    """Whether a line holds text beyond the pack's room to write and its markers."""
    text = line.stripped
    return bool(text) and not is_blank_space(text) and text != WRITTEN_AT_THE_MEETING

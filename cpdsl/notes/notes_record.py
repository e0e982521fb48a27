"""What a meeting's filled-in notes say, as data: the record to add to the plan, the
changes to its actions, and the problems found while reading them (each at its place in
the notes)."""

from __future__ import annotations

import datetime as dt

import attrs

from cpdsl.pack.agenda import AgendaKind


@attrs.frozen
class NotesError:
    """A problem in the notes, at a 1-based line and column of the notes file."""

    line: int
    column: int
    message: str


class NotesRejected(Exception):
    """The notes cannot be recorded into the plan; nothing is written."""

    def __init__(self, errors: list[NotesError] | tuple[NotesError, ...]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = tuple(sorted(errors, key=lambda e: (e.line, e.column)))


@attrs.frozen
class Absence:
    """A member who sent apologies or did not come, and whether their report came."""

    member: str
    report_received: bool = False


@attrs.frozen
class View:
    subject: str  # a child's or member's id, or `child` / `parents`
    text: str


@attrs.frozen
class ActionChange:
    """A new status and/or due date for one of the plan's actions."""

    action: str
    status: str | None = None  # open, done or dropped
    why: str | None = None  # a dropped action's reason
    due: dt.date | None = None


@attrs.frozen
class NewAction:
    """An action agreed at the meeting (a row with a new id and `new`)."""

    id: str
    text: str
    outcome: str | None
    owner: str
    support: tuple[str, ...] = ()
    due: dt.date | None = None
    status: str | None = None
    why: str | None = None


@attrs.frozen
class NotesRecord:
    """One core group's notes as read: the `meeting` record and the action edits."""

    day: dt.date
    kind: AgendaKind
    heading_line: int  # the `# NOTES OF CORE GROUP MEETING HELD (...)` line
    time: str | None = None
    venue: str | None = None
    chair: str | None = None
    notes: str | None = None
    attended: tuple[str, ...] = ()
    apologies: tuple[Absence, ...] = ()
    absent: tuple[Absence, ...] = ()
    views: tuple[View, ...] = ()
    recommendation: str | None = None
    no_recommendation: str | None = None  # why there is none, where the agenda asks one
    changes: tuple[ActionChange, ...] = ()
    new_actions: tuple[NewAction, ...] = ()
    minutes_only: tuple[str, ...] = ()  # "3. PURPOSE OF THE MEETING": headings with text

"""A NotesRecord into the plan's text, as edits (cpdsl.fixes.Edit) found through the
syntax tree: the `meeting core-group DATE { ... }` block added among the meeting records
in date order (or the day's record, not cancelled and not yet held, completed: its
statements kept where the notes say nothing), each action's own `status` and `due`
changed or added, and the new actions after the plan's last action. The result is not
laid out: cpdsl.notes.command gives it to the formatter."""

from __future__ import annotations

import attrs

from cpdsl.analysis import Analysis
from cpdsl.edit_text import remove, replace
from cpdsl.fixes import Edit, apply_edits
from cpdsl.lines import Lines
from cpdsl.model import Span
from cpdsl.notes.notes_record import (
    Absence,
    ActionChange,
    NewAction,
    NotesRecord,
)
from cpdsl.parsing.syntax import PlanSyntax, Statement

LONG_TEXT = 80  # a text longer than this goes in a `"""` block
_END = ("ended", "moved", "cin_meeting")  # the statements that close a plan's text
# The record's statements the notes give, by the grammar's rule names.
_SCALARS = ("venue", "time", "chair", "notes", "meeting_recommendation")
_ATTENDANCE = ("attended", "apologies", "absent")


@attrs.frozen
class Change:
    """One change made to the plan, as `cplint record` reports it."""

    said: str


def record_into_plan(record: NotesRecord, analysis: Analysis) -> tuple[str, tuple[Change, ...]]:
    """The plan's text with the record made, and what changed."""
    syntax = analysis.syntax
    assert syntax is not None and not analysis.syntax_errors, "a plan that parses, with its tree"
    text, lines = analysis.text, analysis.lines
    edits: list[Edit] = []
    inserts: dict[int, list[str]] = {}
    changes: list[Change] = []
    meetings = [s for s in syntax.statements if isinstance(s, Statement) and s.rule == "meeting"]
    existing = _record_of_day(meetings, record)
    if existing is not None:
        edits += _complete(existing, record, text, lines)
        changes.append(Change(f"completed the record meeting core-group {record.day} "
                              "(its own statements kept where the notes say nothing)"))
    else:
        at = _meeting_place(syntax, meetings, record, lines)
        inserts.setdefault(at, []).append("\n" + "\n".join(_meeting_block(record)) + "\n")
        changes.append(Change(f"added meeting core-group {record.day}: "
                              + _meeting_summary(record)))
    actions = {s.tokens[1].text: s for s in syntax.statements
               if isinstance(s, Statement) and s.rule == "action" and len(s.tokens) > 1}
    for change in record.changes:
        edits += _change_action(actions[change.action], change, lines)
        changes.append(Change(_change_said(change, analysis)))
    if record.new_actions:
        at = _new_actions_place(syntax, lines)
        inserts.setdefault(at, []).insert(0, "".join(
            "\n" + "\n".join(_new_action(a, record)) + "\n" for a in record.new_actions))
        changes += [Change(_new_said(a)) for a in record.new_actions]
    edits += [Edit.insert(at, "".join(parts)) for at, parts in inserts.items()]
    return apply_edits(text, edits), tuple(changes)


# -- the meeting record -----------------------------------------------------------------


def _record_of_day(meetings: list[Statement], record: NotesRecord) -> Statement | None:
    """The day's record, if the plan has one that is not cancelled (the reader has refused
    a cancelled day, and a record that already says who attended)."""
    day = record.day.isoformat()
    for meeting in meetings:
        rules = [s.rule for s in meeting.block or () if isinstance(s, Statement)]
        if any(t.kind == "DATE" and t.text == day for t in meeting.tokens) and \
                "cancelled" not in rules:
            return meeting
    return None


def _meeting_place(syntax: PlanSyntax, meetings: list[Statement], record: NotesRecord,
                   lines: Lines) -> int:
    """Where the new record goes: after the last meeting record dated before it, else
    before the first one, else before the plan's end statements or its `}`."""
    day = record.day.isoformat()
    dated = [(next((t.text for t in m.tokens if t.kind == "DATE"), ""), m) for m in meetings]
    before = [m for date, m in dated if date and date < day]
    if before:
        return _end_of(before[-1], lines)
    if meetings:
        return _start_of(meetings[0], lines)
    ending = next((s for s in syntax.statements
                   if isinstance(s, Statement) and s.rule in _END), None)
    if ending is not None:
        return _start_of(ending, lines)
    return lines.offset(syntax.close.line, syntax.close.column)


def _meeting_block(record: NotesRecord) -> list[str]:
    return [f"meeting core-group {record.day.isoformat()} {{", *_statements(record), "}"]


def _statements(record: NotesRecord) -> list[str]:
    """The record's statements, in the order of docs/language.md's example."""
    out = [s for s in _scalars(record) if not s.startswith("recommendation")]
    out += _attendance(record)
    out += [f"views {v.subject} {quote(v.text)}" for v in record.views]
    if record.recommendation is not None:
        out.append(f"recommendation {record.recommendation}")
    return out


def _scalars(record: NotesRecord) -> list[str]:
    said = [("venue", quote(record.venue, long=False) if record.venue else None),
            ("time", record.time), ("chair", record.chair), ("notes", record.notes),
            ("recommendation", record.recommendation)]
    return [f"{keyword} {value}" for keyword, value in said if value is not None]


def _attendance(record: NotesRecord) -> list[str]:
    out = [f"attended {' '.join(record.attended)}"] if record.attended else []
    for keyword, people in (("apologies", record.apologies), ("absent", record.absent)):
        out += _absences(keyword, people)
    return out


def _absences(keyword: str, people: tuple[Absence, ...]) -> list[str]:
    """One statement for those whose report came, another for those whose did not (the
    block applies to everyone in its statement)."""
    received = [a.member for a in people if a.report_received]
    not_received = [a.member for a in people if not a.report_received]
    out = [f"{keyword} {' '.join(received)} {{ report received }}"] if received else []
    return out + ([f"{keyword} {' '.join(not_received)}"] if not_received else [])


def _complete(meeting: Statement, record: NotesRecord, text: str, lines: Lines) -> list[Edit]:
    """Edits completing the day's record: the notes' time, venue, chair, note taker and
    recommendation replace the record's; its apologies and absences give way to the
    notes' attendance; its views stay and the notes' are added."""
    inner = [s for s in meeting.block or () if isinstance(s, Statement)]
    edits: list[Edit] = []
    wanted = dict(zip(_SCALARS, [None] * len(_SCALARS)))
    for line in _scalars(record):
        keyword = line.split(" ", 1)[0]
        wanted["meeting_recommendation" if keyword == "recommendation" else keyword] = line
    added: list[str] = []
    for rule, line in wanted.items():
        if line is None:
            continue
        found = next((s for s in inner if s.rule == rule), None)
        if found is None:
            added.append(line)
        else:
            edits.append(replace(lines, _span(found), line))
    for statement in inner:
        if statement.rule in ("apologies", "absent"):
            edits.append(remove(text, lines, _span(statement)))
    views = {_view_of(s) for s in inner if s.rule == "views"}
    added = [*[a for a in added if not a.startswith("recommendation")], *_attendance(record),
             *[f"views {v.subject} {quote(v.text)}" for v in record.views
               if (v.subject, v.text) not in views],
             *[a for a in added if a.startswith("recommendation")]]
    if added:
        edits.append(_add_to_block(meeting, added, lines))
    return edits


def _view_of(statement: Statement) -> tuple[str, str]:
    from cpdsl.parsing.transform import normalise_block, unescape

    subject, token = statement.tokens[1].text, statement.tokens[2]
    body = token.text
    value = normalise_block(body[3:-3]) if body.startswith('"""') else unescape(body[1:-1])
    return subject, value


def _meeting_summary(record: NotesRecord) -> str:
    parts = [f"{len(record.attended)} attended"]
    if record.apologies:
        parts.append(f"{len(record.apologies)} apologies")
    if record.absent:
        parts.append(f"{len(record.absent)} absent")
    if record.views:
        parts.append(f"{len(record.views)} views")
    if record.recommendation:
        parts.append(f"recommendation {record.recommendation}")
    return ", ".join(parts)


# -- the actions ------------------------------------------------------------------------


def _change_action(action: Statement, change: ActionChange, lines: Lines) -> list[Edit]:
    inner = [s for s in action.block or () if isinstance(s, Statement)]
    edits, added = [], []
    if change.status is not None:
        status = _status(change.status, change.why)
        found = next((s for s in inner if s.rule == "status"), None)
        if found is None:
            added.append(status)
        else:
            edits.append(replace(lines, _span(found), status))
    if change.due is not None:
        found = next((s for s in inner if s.rule == "due"), None)
        date = next((t for t in found.tokens if t.kind == "DATE"), None) if found else None
        if date is None:
            added.append(f"due {change.due.isoformat()}")
        else:
            edits.append(replace(lines, Span(date.line, date.column, date.end_line,
                                             date.end_column), change.due.isoformat()))
    if added:
        edits.append(_add_to_block(action, added, lines))
    return edits


def _status(status: str, why: str | None) -> str:
    return f"status {status}" + (f" {quote(why)}" if why else "")


def _change_said(change: ActionChange, analysis: Analysis) -> str:
    action = next(a for a in analysis.plan.actions if a.id.name == change.action)
    said = []
    if change.status is not None:
        was = action.status.value.text if action.status is not None else "open"
        said.append(f"status {change.status}" + (f" ({change.why})" if change.why else "")
                    + f", was {was}")
    if change.due is not None:
        was = action.due.value.isoformat() if action.due and action.due.value else "none"
        said.append(f"due {change.due.isoformat()}, was {was}")
    return f"action {change.action}: " + "; ".join(said)


def _new_actions_place(syntax: PlanSyntax, lines: Lines) -> int:
    """After the plan's last action; else after its last outcome or need; else before its
    meeting records, end statements or `}`."""
    statements = [s for s in syntax.statements if isinstance(s, Statement)]
    for rules in (("action",), ("outcome",), ("need",)):
        found = [s for s in statements if s.rule in rules]
        if found:
            return _end_of(found[-1], lines)
    later = next((s for s in statements if s.rule in ("meeting", *_END)), None)
    if later is not None:
        return _start_of(later, lines)
    return lines.offset(syntax.close.line, syntax.close.column)


def _new_action(action: NewAction, record: NotesRecord) -> list[str]:
    inner = [f"outcome {action.outcome}"] if action.outcome else []
    inner.append(f"owner {action.owner}")
    if action.support:
        inner.append(f"support {' '.join(action.support)}")
    inner.append(f"agreed {record.day.isoformat()}")
    if action.due is not None:
        inner.append(f"due {action.due.isoformat()}")
    if action.status is not None:
        inner.append(_status(action.status, action.why))
    return [f"action {action.id} {quote(action.text)} {{", *inner, "}"]


def _new_said(action: NewAction) -> str:
    parts = [f"outcome {action.outcome}" if action.outcome else "no outcome",
             f"owner {action.owner}",
             f"due {action.due.isoformat()}" if action.due else "no due date"]
    return f"new action {action.id}: " + ", ".join(parts)


# -- places and text --------------------------------------------------------------------


def _add_to_block(statement: Statement, added: list[str], lines: Lines) -> Edit:
    """Statements added at the end of a statement's block (a block made if it has none)."""
    if statement.close is not None:
        at = lines.offset(statement.close.line, statement.close.column)
        return Edit.insert(at, "\n" + "\n".join(added) + "\n")
    return Edit.insert(_end_of(statement, lines), " {\n" + "\n".join(added) + "\n}")


def _span(statement: Statement) -> Span:
    first, last = statement.tokens[0], statement.close or statement.tokens[-1]
    return Span(first.line, first.column, last.end_line, last.end_column)


def _end_of(statement: Statement, lines: Lines) -> int:
    span = _span(statement)
    return lines.offset(span.end_line, span.end_column)


def _start_of(statement: Statement, lines: Lines) -> int:
    """The start of the statement's line: a statement put there goes before it."""
    return lines.line_start(statement.line)


def quote(text: str, long: bool = True) -> str:
    """Plan text as the language writes it (docs/language.md, lexical rules): a string,
    `"` and `\\` escaped; with `long`, a `\"\"\"` block for a text over LONG_TEXT
    characters or holding a quote, where a block can hold it (no `\"\"\"`, not ending in
    `"`, one line). The formatter lays the block out."""
    blockable = '"""' not in text and not text.endswith('"') and "\n" not in text \
        and "\r" not in text and text == text.strip()
    if long and blockable and (len(text) > LONG_TEXT or '"' in text):
        return f'"""\n{text}\n"""'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

"""The action review table read back (PACK.md sections 3 and 6): under each group line
(`**Outcome `id`: ...**` or `**Actions for no outcome**`) a table whose columns are
action, owner, support, due, status, status now or new due, update. A row opens with its
action's `id`; the sixth cell says what changed: a status (`open`, `done`, `dropped: why`
or `dropped "why"`) and/or a new due date, or `new` for an action agreed at the meeting."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from cpdsl import model as m
from cpdsl.notes.notes_record import ActionChange, NewAction, NotesError
from cpdsl.notes.people import Roster, Unknown, split_people
from cpdsl.notes.sections import Line, Section, unescape
from cpdsl.suggest import did_you_mean

COLUMNS = 7  # the pack's tables.REVIEW_COLUMNS
CHANGE_COLUMN = "status now or new due"
_ID = re.compile(r"`([^`]*)`")
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")  # the grammar's IDENT
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_SEPARATOR = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\Z")
_OUTCOME = re.compile(r"Outcome\s+`([^`]+)`")
_NO_OUTCOME = "Actions for no outcome"
_CELL_BREAK = re.compile(r"(?<!\\)\|")
_SPLIT = re.compile(r"[\s,;]+")


@attrs.frozen
class Reviewed:
    changes: tuple[ActionChange, ...]
    new_actions: tuple[NewAction, ...]


@attrs.frozen
class _Change:
    status: str | None = None
    why: str | None = None
    due: dt.date | None = None
    new: bool = False


def read_review(section: Section, plan: m.Plan, roster: Roster,
                errors: list[NotesError]) -> Reviewed:
    """The changes to the plan's actions and the new actions the table records."""
    actions = {a.id.name: a for a in plan.actions}
    taken = _ids_of(plan)
    outcome: str | None = None
    changes: list[ActionChange] = []
    new: list[NewAction] = []
    for line in section.body:
        plain = line.stripped.replace("**", "").strip()
        group = _OUTCOME.match(plain)
        if group is not None:
            outcome = group.group(1).strip()
            continue
        if plain.startswith(_NO_OUTCOME):
            outcome = None
            continue
        if not line.stripped.startswith("|") or _SEPARATOR.fullmatch(line.stripped):
            continue
        cells = _cells(line.stripped)
        if cells and cells[0].strip().lower() == "action":
            continue  # the header row
        row = _row(line, cells, actions, taken, outcome, roster, errors)
        if isinstance(row, ActionChange):
            changes.append(row)
        elif isinstance(row, NewAction):
            new.append(row)
    return Reviewed(tuple(changes), tuple(new))


def _row(line: Line, cells: list[str], actions: dict[str, m.Action], taken: dict[str, str],
         outcome: str | None, roster: Roster,
         errors: list[NotesError]) -> ActionChange | NewAction | None:
    if len(cells) < 6:
        errors.append(NotesError(line.number, 1, f"this row of the action review table has "
                                 f"{len(cells)} cells; the pack's has {COLUMNS}"))
        return None
    first = cells[0].strip()
    ident = _ID.match(first)
    if ident is None:
        errors.append(NotesError(line.number, line.column_of(first) if first else 1,
                                 "a row of the action review table opens with its action's "
                                 "id in backticks (`id`)"))
        return None
    name = ident.group(1).strip()
    change = _change(cells[5], line, errors)
    if change is None:
        return None
    column = line.column_of(f"`{ident.group(1)}`")
    if name in actions:
        if change.new:
            errors.append(NotesError(line.number, column, f"`{name}` is already an action of "
                                     "the plan: `new` is for an action agreed at this meeting"))
            return None
        return _edit(actions[name], change)
    if not change.new:
        errors.append(NotesError(line.number, column, f"no action `{name}` in the plan"
                                 + did_you_mean(name, actions)
                                 + f" (a new action says `new` in the {CHANGE_COLUMN} column)"))
        return None
    return _new_action(line, column, name, first[ident.end():], cells, change, taken, outcome,
                       roster, errors)


def _edit(action: m.Action, change: _Change) -> ActionChange | None:
    """The change, leaving out what the plan already says."""
    status_now = action.status.value.text if action.status is not None else None
    why_now = action.status.why.value if action.status and action.status.why else None
    status = why = None
    if change.status is not None and (change.status, change.why) != (status_now, why_now) \
            and not (change.status == "open" and status_now is None):
        status, why = change.status, change.why
    due_now = action.due.value if action.due is not None else None
    due = change.due if change.due is not None and change.due != due_now else None
    if status is None and due is None:
        return None
    return ActionChange(action.id.name, status, why, due)


def _new_action(line: Line, column: int, name: str, text: str, cells: list[str],
                change: _Change, taken: dict[str, str], outcome: str | None, roster: Roster,
                errors: list[NotesError]) -> NewAction | None:
    problems = []
    if not _IDENT.fullmatch(name) or _is_keyword(name):
        problems.append(f"`{name}` cannot be an id: letters, digits, `-` and `_`, starting "
                        "with a letter, and not one of the language's words")
    elif name in taken:
        problems.append(f"`{name}` is already the id of {taken[name]} in the plan: give the "
                        "new action an id of its own")
    words = unescape(" ".join(text.split()))
    if not words:
        problems.append(f"the new action `{name}` has no text: write what is to be done "
                        "after its id")
    owner = support = None
    try:
        owner = roster.member(cells[1].strip()) if cells[1].strip() else None
        if owner is None:
            problems.append(f"the new action `{name}` has no owner: write their id in the "
                            "owner column")
        support = tuple(roster.member(p) for p in split_people(cells[2]))
    except Unknown as unknown:
        problems.append(f"the new action `{name}`: {unknown}")
    due = change.due
    due_cell = cells[3].strip()
    if due_cell and due_cell.lower() != "no date":
        due = _date(due_cell)
        if due is None:
            problems.append(f"the new action `{name}`: its due date reads {due_cell!r}; "
                            "write it as YYYY-MM-DD")
    errors.extend(NotesError(line.number, column, p) for p in problems)
    if problems or owner is None or support is None:
        return None
    return NewAction(name, words, outcome, owner, support, due, change.status, change.why)


def _change(cell: str, line: Line, errors: list[NotesError]) -> _Change | None:
    """What the sixth cell says changed (an empty cell: nothing), or None if it cannot be
    read (reported)."""
    said = unescape(cell.strip())
    column = line.column_of(cell.strip()) if said else 1
    if said.lower().startswith("dropped"):
        why = _why(said[len("dropped"):].strip())
        if not why:
            errors.append(NotesError(line.number, column, "a dropped action needs its reason: "
                                     "`dropped: why` or `dropped \"why\"` (CP106)"))
            return None
        return _Change(status="dropped", why=why)
    change = _Change()
    for word in (w for w in _SPLIT.split(said) if w):
        lowered = word.lower()
        if lowered in ("open", "done"):
            change = attrs.evolve(change, status=lowered)
        elif lowered == "new":
            change = attrs.evolve(change, new=True)
        elif _date(word) is not None:
            change = attrs.evolve(change, due=_date(word))
        else:
            errors.append(NotesError(line.number, column, f"cannot read {word!r} in the "
                                     f"{CHANGE_COLUMN} column: write open, done, `dropped: "
                                     "why`, a new due date (YYYY-MM-DD) or `new`"))
            return None
    return change


def _why(rest: str) -> str:
    if rest.startswith(":"):
        return rest[1:].strip()
    if len(rest) >= 2 and rest[0] == '"' and rest[-1] == '"':
        return rest[1:-1].strip()
    return ""


def _date(text: str) -> dt.date | None:
    if not _DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _cells(row: str) -> list[str]:
    """A table row's cells, `\\|` inside a cell kept as `|`."""
    inner = row[1:] if row.startswith("|") else row
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [cell.replace("\\|", "|") for cell in _CELL_BREAK.split(inner)]


def _ids_of(plan: m.Plan) -> dict[str, str]:
    """Every id the plan defines (one namespace, CP102), with what it names."""
    kinds = (("a child", plan.children), ("a member", plan.members),
             ("an excluded person", plan.exclusions), ("a need", plan.needs),
             ("an outcome", plan.outcomes), ("an action", plan.actions))
    return {x.id.name: kind for kind, found in kinds for x in found}


def _is_keyword(word: str) -> bool:
    from cpdsl.parsing.grammar import is_keyword

    return is_keyword(word)

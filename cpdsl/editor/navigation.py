"""Where an id is defined and used, and renaming it: go to definition, find references,
document highlights and rename (with prepareRename) for the language server.

Every answer reads the analysis's model: the ids the index defines (`member sam`), the
references cpdsl.index knows (`owner sam`, `attended sam jo`, `views amy "..."`) and the
ids of statements given twice (`owner jo` after `owner sam`: kept as a Repeat, still
text that names `jo`). Spans are the model's, so a block with a syntax error still
answers for what recovery kept of it; a statement the parser dropped whole (`signed sam`
with no date) holds no id the plan can see, and is left alone.

The cursor is on an id when it is inside the id or just after its last character (the
word just typed), as cpdsl.parsing.lookup.token_at has it.

A rename keeps the plan's meaning or is refused with a plain message (`RenameRefused`):
the new name must be an id of the grammar, not a keyword (which a list of ids would read
as the keyword), not a `views` group for what `views` may name (a person), and not a
name the plan already uses, defined or not; an id never defined cannot be renamed (its
references name nothing). The edits replace the id's characters and nothing else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

import attrs

from cpdsl.fixes import Edit
from cpdsl.index import PEOPLE, references
from cpdsl.model import Ident, Plan, Span
from cpdsl.node import walk
from cpdsl.parsing.grammar import get_grammar, is_keyword
from cpdsl.parsing.lookup import token_at
from cpdsl.vocabulary import VIEWS_GROUPS

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis

WRITE = "write"  # where an id is defined (LSP DocumentHighlightKind.Write)
READ = "read"  # where it is referred to (DocumentHighlightKind.Read)

ONLY_DEFINED = "Only an id defined in the plan can be renamed"

# How a refusal names the kind of thing an id is defined as (cpdsl.index's kinds).
_KIND_WORDS = {
    "child": "a child", "member": "a member", "excluded": "an excluded person",
    "need": "a need", "outcome": "an outcome", "action": "an action",
}


class Highlight(NamedTuple):
    """One place an id is written: `kind` is WRITE where it is defined, READ where it is
    referred to."""

    span: Span
    kind: str


class RenameRefused(NamedTuple):
    """Why the id at the cursor cannot be renamed (to that name), in a sentence the
    editor shows as it is."""

    message: str


class Occurrence(NamedTuple):
    """An id written in the plan: its name and span, whether it defines a thing there or
    refers to one, and the keyword it follows (`member`, `owner`, `attended`)."""

    name: str
    span: Span
    defines: bool
    keyword: str


def definition_at(analysis: Analysis, line: int, column: int) -> tuple[Span, ...]:
    """The span of each definition of the id at the place (the id in `member sam {`), in
    file order: several when it is defined more than once, none when it is defined
    nowhere or the place is on no id."""
    found = _occurrence_at(analysis, line, column)
    if found is None:
        return ()
    return tuple(o.span for o in _uses(analysis, found.name) if o.defines)


def references_at(analysis: Analysis, line: int, column: int,
                  include_declaration: bool = True) -> tuple[Span, ...]:
    """Every place the id at the place is referred to, in file order, with its
    definitions among them when `include_declaration`; none off an id."""
    found = _occurrence_at(analysis, line, column)
    if found is None:
        return ()
    return tuple(o.span for o in _uses(analysis, found.name)
                 if include_declaration or not o.defines)


def highlights_at(analysis: Analysis, line: int, column: int) -> tuple[Highlight, ...]:
    """The places of the id at the place, in file order, each marked WRITE (defined
    there) or READ (referred to); none off an id."""
    found = _occurrence_at(analysis, line, column)
    if found is None:
        return ()
    return tuple(Highlight(o.span, WRITE if o.defines else READ)
                 for o in _uses(analysis, found.name))


def prepare_rename(analysis: Analysis, line: int, column: int) -> Span | RenameRefused:
    """The span of the id at the place, which a rename would replace, or why it cannot
    be renamed: the place is on no id, or on one the plan never defines."""
    found = _renamable(analysis, line, column)
    return found if isinstance(found, RenameRefused) else found.span


def rename_edits(analysis: Analysis, line: int, column: int,
                 new_name: str) -> tuple[Edit, ...] | RenameRefused:
    """The edits that rename the id at the place to `new_name` at its definitions and
    every reference, in file order (none when the name is unchanged), or why the rename
    is refused (see the module's docstring)."""
    found = _renamable(analysis, line, column)
    if isinstance(found, RenameRefused):
        return found
    if new_name == found.name:
        return ()
    uses = _uses(analysis, found.name)
    refusal = _refuse_name(analysis, new_name, uses)
    if refusal is not None:
        return refusal
    edits = []
    for use in uses:
        start, end = analysis.lines.offsets(use.span)
        if analysis.text[start:end] != found.name:  # never edit what is not the id itself
            return RenameRefused(f"`{found.name}` is not where the analysis of the plan "
                                 f"places it on line {use.span.line}: analyse it again")
        edits.append(Edit(start, end, new_name))
    return tuple(edits)


# -- the refusals ------------------------------------------------------------------------

def _renamable(analysis: Analysis, line: int, column: int) -> Occurrence | RenameRefused:
    """The id at the place, if the plan defines it."""
    found = _occurrence_at(analysis, line, column)
    if found is None:
        return RenameRefused(_not_an_id(analysis, line, column))
    if not any(o.defines for o in _uses(analysis, found.name)):
        return RenameRefused(f"{ONLY_DEFINED}: `{found.name}` is not defined (define it, or "
                             "correct the reference, first)")
    return found


def _refuse_name(analysis: Analysis, new_name: str,
                 uses: tuple[Occurrence, ...]) -> RenameRefused | None:
    """Why `new_name` cannot replace the id written at `uses`, or None."""
    if not new_name:
        return RenameRefused("An id cannot be empty")
    if not _ident_pattern().fullmatch(new_name):
        return RenameRefused(f"`{new_name}` is not an id: an id starts with a letter and holds "
                             "only letters, digits, `_` and `-`")
    if is_keyword(new_name):
        return RenameRefused(f"`{new_name}` is a keyword of the language: in a list of ids "
                             "it would be read as the keyword")
    # `views parents` names the group, so a person (or anything `views` refers to) with
    # that id could no longer be named there.
    if new_name in VIEWS_GROUPS and any(o.keyword in (*PEOPLE, "views") for o in uses):
        return RenameRefused(f"`{new_name}` is a group `views` names: `views {new_name}` "
                             f"would not name `{uses[0].name}`")
    taken = _uses(analysis, new_name)
    defined = next((o for o in taken if o.defines), None)
    if defined is not None:
        return RenameRefused(f"`{new_name}` is already the id of {_KIND_WORDS[defined.keyword]} "
                             f"on line {defined.span.line}: choose another name")
    if taken:
        used = taken[0]
        return RenameRefused(f"`{new_name}` is already used on line {used.span.line} "
                             f"(`{used.keyword} {new_name}`) and defined nowhere: renamed to "
                             f"it, `{uses[0].name}` would take that reference too; "
                             "choose another name")
    return None


def _not_an_id(analysis: Analysis, line: int, column: int) -> str:
    """Why the place is not a renamable id: a keyword says so, anything else is just not
    an id the plan defines or uses."""
    syntax = analysis.syntax
    if syntax is not None:
        token = token_at(syntax, line, column)
        if token is not None and token.kind != "IDENT" and is_keyword(token.text):
            return f"{ONLY_DEFINED}: `{token.text}` is a keyword"
    return ONLY_DEFINED


@functools.cache
def _ident_pattern() -> re.Pattern:
    """The grammar's IDENT terminal (matched whole with fullmatch)."""
    return re.compile(next(t.pattern for t in get_grammar().terminals if t.name == "IDENT"))


# -- the ids of a plan -------------------------------------------------------------------

class _Table(NamedTuple):
    """The ids of one analysis: their occurrences by name, each list in file order, and
    by line, for the lookup at a place."""

    by_name: dict[str, tuple[Occurrence, ...]]
    by_line: dict[int, tuple[Occurrence, ...]]


# The last analysis asked about, and its table: an editor asks many questions of one
# analysis (highlights on every cursor move), and an analysis is never changed.
_last: tuple[Analysis, _Table] | None = None


def _table(analysis: Analysis) -> _Table:
    global _last
    if _last is not None and _last[0] is analysis:
        return _last[1]
    table = _make_table(analysis)
    _last = (analysis, table)
    return table


def _make_table(analysis: Analysis) -> _Table:
    found = occurrences(analysis)
    by_name: dict[str, list[Occurrence]] = {}
    by_line: dict[int, list[Occurrence]] = {}
    last = None
    for occurrence in found:
        place = occurrence.span.line, occurrence.span.column
        if place == last:  # one id reached twice: a place is written once
            continue
        last = place
        by_name.setdefault(occurrence.name, []).append(occurrence)
        by_line.setdefault(place[0], []).append(occurrence)
    return _Table({name: tuple(uses) for name, uses in by_name.items()},
                  {line: tuple(uses) for line, uses in by_line.items()})


def occurrences(analysis: Analysis) -> list[Occurrence]:
    """Every id written in the plan, in file order (a definition before a reference at
    the same place, which no well-made model has)."""
    found = []
    for ident, defines, keyword in _idents(analysis):
        span = ident.span
        if span is not None:
            found.append(Occurrence(ident.name, span, defines, keyword))
    found.sort(key=_place)
    return found


def _place(occurrence: Occurrence) -> tuple[int, int, bool]:
    return occurrence.span.line, occurrence.span.column, not occurrence.defines


def _idents(analysis: Analysis) -> Iterator[tuple[Ident, bool, str]]:
    """Each id of the model: the ident, whether it is a definition, its keyword."""
    for defs in analysis.index.by_id.values():
        for definition in defs:
            yield definition.id, True, definition.kind
    for reference in references(analysis.plan):
        yield reference.ident, False, reference.keyword
    yield from _repeated(analysis.plan)


def _repeated(plan: Plan) -> Iterator[tuple[Ident, bool, str]]:
    """The ids in statements given twice where a block takes one (`owner jo` after
    `owner sam`), which the model keeps as Repeats and cpdsl.index does not read."""
    for node in _blocks(plan):
        for repeat in node.repeats:
            for inner in walk(repeat.value):
                if type(inner) is Ident:
                    yield inner, False, repeat.keyword


def _blocks(plan: Plan) -> Iterator[object]:
    """The plan and its top-level statements that have a block of statements (`repeats`):
    the only places a statement naming an id can be given twice (a repeated `core-groups`
    is walked whole, its own repeats with it)."""
    yield plan
    for field in attrs.fields(Plan):
        value = getattr(plan, field.name)
        for node in value if type(value) is tuple else (value,):
            if getattr(node, "repeats", None):
                yield node


def _uses(analysis: Analysis, name: str) -> tuple[Occurrence, ...]:
    return _table(analysis).by_name.get(name, ())


def _occurrence_at(analysis: Analysis, line: int, column: int) -> Occurrence | None:
    """The id the place is in, else the one that ends there."""
    ending = None
    for occurrence in _table(analysis).by_line.get(line, ()):
        span = occurrence.span
        if span.column <= column < span.end_column:
            return occurrence
        if span.end_column == column:
            ending = occurrence
    return ending

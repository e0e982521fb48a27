"""Completion: what may be written at a place, read from the syntax tree of the text as it
stands, syntax errors and all.

- at the start of a statement: the keywords of the block the place is in
  (cpdsl.meanings.keywords_in), each inserting its statement as a snippet with a
  placeholder for each slot; in the plan's block also whole blocks (a member, an
  outcome, an action, ...) with the fields the rules ask for (cpdsl.editor.snippets);
  after a list of ids or values on the same line (`attended sam |`), more of them first;
- in a statement's slot (cpdsl.editor.slots): the ids of the people, needs or outcomes
  it may name, the values of its fixed list with their meanings, the shipped profiles,
  a duration's units, the word the grammar expects (`by`, `every`), or today's date;
- in a text in quotes, a comment, the plan's header or after unreadable text on the
  line: nothing.

Every completion replaces the part of the word typed before the place; they come in
the order offered, unfiltered by what is typed (the client matches the typed word).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from cpdsl import meanings
from cpdsl.editor import slots as s
from cpdsl.editor import snippets
from cpdsl.editor.descriptions import (
    describe,
    detail,
    long_date,
    meaning_documentation,
)
from cpdsl.model import Span
from cpdsl.parsing.lookup import error_at, token_at
from cpdsl.vocabulary import VIEWS_GROUPS

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis

# Completion kinds (the server maps them to the client's): a keyword or a word of a
# statement, a person's, outcome's or need's id, a value of a fixed list, a shipped
# profile, and a whole block. No statement refers to an action's id, so none is offered.
KEYWORD, PERSON, OUTCOME, NEED, VALUE, PROFILE, SNIPPET = (
    "keyword", "person", "outcome", "need", "value", "profile", "snippet")
_ID_KINDS = {"child": PERSON, "member": PERSON, "excluded": PERSON, "need": NEED,
             "outcome": OUTCOME}
_WORD_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_UNIT_WORDS = ("weeks", "working days", "days", "months", "week", "working day", "day",
               "month")


class Completion(NamedTuple):
    """One thing that may be written at the place.

    `insert_text` replaces the text in `replace` (the part of the word typed before the
    place); it is LSP snippet syntax (`${1:default}`, `${1|a,b|}`, `$0`, `\\}` for a
    brace) when `is_snippet`. `detail` is one plain line (a statement's shape, a
    person's name and role); `documentation` is Markdown."""

    label: str
    kind: str
    detail: str
    documentation: str
    insert_text: str
    is_snippet: bool
    replace: Span


def complete_at(analysis: Analysis, line: int, column: int) -> tuple[Completion, ...]:
    """What may be written at a 1-based place (code points); none where nothing may."""
    syntax = analysis.syntax
    if syntax is None:
        return ()
    lines, text = analysis.lines, analysis.text
    line, column, offset = s.clamped(lines, text, line, column)
    line_start = lines.line_start(line)
    start = offset
    while start > line_start and text[start - 1] in _WORD_CHARACTERS:
        start -= 1
    word_column = column - (offset - start)
    if _in_text_or_comment(analysis, line, column, offset):
        return ()
    where = s.place_in_plan(syntax, text[line_start:start], line, word_column)
    if where is None:
        return ()
    replace = Span(line, word_column, line, column)
    if where.slot is not None:
        return tuple(_values(analysis, where, where.slot, replace))
    rest = text[offset:lines.line_end(line, text)].lstrip("".join(_WORD_CHARACTERS))
    alone = not rest.strip() or rest.lstrip().startswith(("}", "#"))
    found = list(_going_on(analysis, where, replace))
    found.extend(_keywords(analysis, where.block, replace, alone))
    if where.block == s.PLAN and alone:
        found.extend(_blocks(analysis, replace))
    return tuple(found)


def _in_text_or_comment(analysis: Analysis, line: int, column: int, offset: int) -> bool:
    syntax = analysis.syntax
    if any(c.line == line and c.column < column for c in syntax.comments):
        return True
    token = token_at(syntax, line, column)
    if token is not None and token.kind in ("STRING", "BLOCK_STRING"):
        return (token.line, token.column) < (line, column) < (token.end_line, token.end_column)
    # Only a text with syntax errors has error nodes, which take a walk of the tree to find.
    error = error_at(syntax, line, column) if analysis.syntax_errors else None
    if error is None:
        return False
    before = offset - analysis.lines.offset(error.line, error.column)
    return _ends_in_text(error.text[:before])


def _ends_in_text(text: str) -> bool:
    """Whether unreadable text ends inside a text in quotes, as the lexer reads them (a
    `"` text ends at its line's end, a `\"\"\"` one runs on)."""
    i = 0
    while i < len(text):
        if text.startswith('"""', i):
            close = text.find('"""', i + 3)
            if close < 0:
                return True
            i = close + 3
        elif text[i] == '"':
            i += 1
            while i < len(text) and text[i] not in '"\n':
                i += 2 if text[i] == "\\" else 1
            if i >= len(text):
                return True
            i += 1
        else:
            i += 1
    return False


# -- at the start of a statement -------------------------------------------------------------


def _going_on(analysis: Analysis, where: s.PlaceInPlan, replace: Span):
    """After a list on the same line (`attended sam |`, `domain health |`): more of it."""
    before = where.statement
    if before is None or before.close is not None:
        return
    slots = s.slots_of(s.keyword_of(before), where.block)
    words = tuple(s.written(before.tokens[1:]))
    if slots and slots[-1].repeats and len(words) >= len(slots):
        yield from _values(analysis, s.PlaceInPlan(where.block, slots[-1], before, words),
                           slots[-1], replace)


def _keywords(analysis: Analysis, block: str, replace: Span, alone: bool):
    if block == s.FILE:
        plan = meanings.meaning("plan", meanings.KEYWORD, s.FILE)
        yield Completion("plan", KEYWORD, 'plan "TITLE"', meaning_documentation(plan),
                         snippets.plan_snippet(), True, replace)
        return
    for word in meanings.keywords_in(block):
        slots = s.slots_of(word, block)
        meaning = meanings.meaning(word, meanings.KEYWORD, block)
        snippet = alone and bool(slots)
        insert = snippets.keyword_snippet(analysis, word, block) if snippet else word
        yield Completion(word, KEYWORD, _shape(word, slots), meaning_documentation(meaning),
                         insert, snippet, replace)


def _blocks(analysis: Analysis, replace: Span):
    for snippet in snippets.BLOCK_SNIPPETS:
        fields = ", ".join(f"`{field}`" for field in snippet.fields)
        yield Completion(f"{snippet.keyword} block", SNIPPET,
                         f"{snippet.keyword} with {', '.join(snippet.fields)}",
                         f"A `{snippet.keyword}` block with {fields}: what the rules ask of "
                         f"it ({snippet.codes})",
                         snippets.block_snippet(analysis, snippet), True, replace)


def _shape(keyword: str, slots: tuple[s.Slot, ...]) -> str:
    """A statement's shape, for the detail: `owner MEMBER`, `status STATUS ["TEXT"]`."""
    return " ".join([keyword, *(_slot_shape(slot) for slot in slots)])


def _slot_shape(slot: s.Slot) -> str:
    if slot.holds == s.WORD:
        shape = slot.word
    elif slot.holds == s.TEXT:
        shape = '"TEXT"'
    elif slot.holds == s.ID:
        shape = slot.kinds[0].upper() if len(slot.kinds) == 1 else "PERSON"
    elif slot.holds == s.VIEWS_GROUP:
        shape = "WHOSE"
    else:
        shape = {s.NEW_ID: "ID", meanings.CONFERENCE_KIND: "KIND",
                 meanings.MEETING_KIND: "KIND"}.get(slot.holds, slot.holds.upper())
    if slot.repeats:
        shape += "..."
    return f"[{shape}]" if slot.optional else shape


# -- in a slot -------------------------------------------------------------------------------


def _values(analysis: Analysis, where: s.PlaceInPlan, slot: s.Slot, replace: Span):
    listed = {word.text for word in where.words} if slot.repeats else set()
    holds = slot.holds
    if holds == s.WORD:
        word = meanings.meaning(slot.word, meanings.WORD, s.keyword_of(where.statement))
        yield Completion(slot.word, KEYWORD, word.description, meaning_documentation(word),
                         slot.word, False, replace)
    elif holds == s.DATE:
        today = analysis.settings.today
        yield Completion(today.isoformat(), VALUE, f"today, {long_date(today)}", "",
                         today.isoformat(), False, replace)
    elif holds == s.UNIT:
        yield from _units(where, replace)
    elif holds in meanings.VALUE_LISTS:
        if holds == s.VIEWS_GROUP:
            yield from _listed(VIEWS_GROUPS, holds, VALUE, listed, replace)
        else:
            kind = PROFILE if holds == meanings.PROFILE else VALUE
            yield from _listed(meanings.VALUE_LISTS[holds], holds, kind, listed, replace)
    if holds in (s.ID, s.VIEWS_GROUP):
        yield from _ids(analysis, slot.kinds, listed, replace)


def _listed(words, kind: str, completion_kind: str, listed: set[str], replace: Span):
    for word in words:
        if word not in listed:
            value = meanings.meaning(word, kind)
            yield Completion(word, completion_kind, value.description,
                             meaning_documentation(value), word, False, replace)


def _units(where: s.PlaceInPlan, replace: Span):
    """A duration's units; after `working`, the word that ends `working days`."""
    after_working = bool(where.words) and where.words[-1].text == "working"
    for unit in ("days", "day") if after_working else _UNIT_WORDS:
        described = "working" if after_working or unit.startswith("working") else unit
        meaning = meanings.meaning(described, meanings.UNIT)
        yield Completion(unit, VALUE, meaning.description, meaning_documentation(meaning),
                         unit, False, replace)


def _ids(analysis: Analysis, kinds: tuple[str, ...], listed: set[str], replace: Span):
    index = analysis.index
    for name in snippets.ids_for(analysis, kinds):
        if name in listed:
            continue
        definition = index.by_id[name][0]
        yield Completion(name, _ID_KINDS[definition.kind], detail(definition),
                         describe(definition, analysis), name, False, replace)

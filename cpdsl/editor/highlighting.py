"""Semantic tokens: what each word of a plan is, for an editor to colour it by meaning
rather than by the shape a TextMate grammar sees.

From the syntax tree's tokens (`Analysis.syntax`), so a half-typed plan is coloured as
far as it was read; text the parser skipped (an error node) gets no token. A token's kind
is its grammar terminal (grammar/cpdsl.lark) where that decides it: a keyword, a text, a
date. An IDENT is an id or a value from a fixed list (docs/language.md: "Values that come
from a fixed list ... are parsed as identifiers"), told apart by the statement it is in:
`role parent` holds a value, `owner sam` an id, `member sam` defines one.

The legend is the standard LSP token types and modifiers only, so that every theme
colours them. The tokens come in file order, none overlapping another and each on one
line (a triple-quoted text over several lines is one token a line): the order the LSP
relative encoding needs, which the server does (`line` and `column` here are cpdsl's
1-based places in code points; the server makes them deltas in the client's units).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from cpdsl.model import Span
from cpdsl.parsing.syntax import ErrorNode, PlanSyntax, Statement, Token
from cpdsl.vocabulary import VIEWS_GROUPS

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis

# The legend, in the order the server declares it (`SemanticTokensLegend`).
TOKEN_TYPES = ("keyword", "variable", "string", "number", "comment", "enumMember")
TOKEN_MODIFIERS = ("declaration",)
# A type's index in the legend, and a modifier's bit in the set LSP encodes modifiers as.
TOKEN_TYPE_INDEX = {kind: index for index, kind in enumerate(TOKEN_TYPES)}
TOKEN_MODIFIER_BIT = {modifier: 1 << index for index, modifier in enumerate(TOKEN_MODIFIERS)}

KEYWORD, VARIABLE, STRING, NUMBER, COMMENT, ENUM_MEMBER = TOKEN_TYPES
DECLARATION = "declaration"
_DECLARED = (DECLARATION,)


class SemanticToken(NamedTuple):
    """One coloured stretch on one line: 1-based line and column, its length in code
    points, its type (one of TOKEN_TYPES) and modifiers (of TOKEN_MODIFIERS)."""

    line: int
    column: int
    length: int
    kind: str
    modifiers: tuple[str, ...] = ()


# Terminals of values; every other terminal the grammar names is a keyword.
_VALUE_TERMINALS = {
    "STRING": STRING, "OPEN_STRING": STRING, "BLOCK_STRING": STRING,
    "OPEN_BLOCK_STRING": STRING, "DATE": NUMBER, "TIME": NUMBER, "NUMBER": NUMBER,
}
# Braces are punctuation, which the standard types do not colour; JUNK is no word of the
# language (the parser only reads it to report it).
_UNCOLOURED = frozenset({"LBRACE", "RBRACE", "JUNK"})
# The words of a duration's unit (the grammar's `unit` rule): part of a value, like its
# number, not keywords (cpdsl.meanings tells them apart the same way: kind "unit").
UNIT_WORDS = frozenset({"working", "day", "days", "week", "weeks", "month", "months"})

# Statements whose first id defines it.
_DEFINING = frozenset({"child", "member", "excluded", "need", "outcome", "action"})
# Statements whose ids are values from a fixed list (cpdsl.vocabulary): a profile's name,
# categories, a conference's or meeting's kind, recommendations, roles, domains, statuses.
_VALUED = frozenset({"profile", "category", "conference", "meeting", "recommendation",
                     "meeting_recommendation", "role", "domain", "status"})
# The statements that hold a duration, whose unit is a value's part.
_DURATIONS = frozenset({"contact", "core_groups"})


def semantic_tokens(analysis: Analysis, span: Span | None = None) -> tuple[SemanticToken, ...]:
    """Every token of the plan with its meaning, in file order; with `span`, only those
    that overlap it (a range request: a token half in the range is given whole)."""
    syntax = analysis.syntax
    if syntax is None:
        return ()
    code: list[SemanticToken] = []
    _add_tokens(code, syntax.header, "plan")
    _add_statements(code, syntax.statements, span)
    return tuple(_in_order(code, _comment_tokens(syntax), span))


def _in_order(code: list[SemanticToken], comments: list[SemanticToken],
              span: Span | None) -> list[SemanticToken]:
    """The code's tokens and the comments merged in file order (each list is in order),
    those outside the span left out, and any that would start inside the one before
    (which a well-formed tree never has) dropped, so that none overlaps another."""
    found: list[SemanticToken] = []
    end = (0, 0)  # where the last token given ends: nothing may start before it
    later = iter(comments)
    comment = next(later, None)
    for token in code:
        while comment is not None and comment < token:
            end = _give(found, comment, end, span)
            comment = next(later, None)
        end = _give(found, token, end, span)
    while comment is not None:
        end = _give(found, comment, end, span)
        comment = next(later, None)
    return found


def _give(found: list[SemanticToken], token: SemanticToken, end: tuple[int, int],
          span: Span | None) -> tuple[int, int]:
    if (token.line, token.column) < end or (span is not None and not _overlaps(token, span)):
        return end
    found.append(token)
    return token.line, token.column + token.length


def _overlaps(token: SemanticToken, span: Span) -> bool:
    start = (token.line, token.column)
    stop = (token.line, token.column + token.length)
    low, high = (span.line, span.column), (span.end_line, span.end_column)
    if low == high:  # an empty range: the token it is in
        return start <= low < stop
    return start < high and low < stop


def _add_statements(found: list[SemanticToken], items: Sequence[Statement | ErrorNode],
                    span: Span | None) -> None:
    for item in items:
        if type(item) is not Statement or (span is not None and not _may_reach(item, span)):
            continue  # text the parser skipped has no meaning to colour
        _add_tokens(found, item.tokens, item.rule)
        if item.block:
            _add_statements(found, item.block, span)
        # A block's `}`, like the plan's, is a brace: not coloured.


def _may_reach(statement: Statement, span: Span) -> bool:
    """Whether a statement's lines meet the span's (a cheap test that skips the rest of a
    long plan for a range request)."""
    return statement.line <= span.end_line and statement.end_line >= span.line


def _add_tokens(found: list[SemanticToken], tokens: Sequence[Token], rule: str) -> None:
    """The semantic tokens of a statement's written tokens, one a line of each."""
    first_ident = True
    for token in tokens:
        kind = token.kind
        modifiers: tuple[str, ...] = ()
        if kind == "IDENT":
            if rule in _DEFINING and first_ident:
                meaning, modifiers = VARIABLE, _DECLARED
            elif rule in _VALUED or (rule == "views" and token.text in VIEWS_GROUPS):
                meaning = ENUM_MEMBER
            else:
                meaning = VARIABLE
            first_ident = False
        elif kind in _VALUE_TERMINALS:
            meaning = _VALUE_TERMINALS[kind]
        elif kind in _UNCOLOURED:
            continue
        elif token.text in UNIT_WORDS and rule in _DURATIONS:
            meaning = NUMBER
        else:
            meaning = KEYWORD
        text = token.text
        if not text:
            continue  # inserted by recovery: nothing written to colour
        if "\n" in text:
            _add_lines(found, token, meaning, modifiers)
        else:  # a text left open runs to its line's end, `\r` of a `\r\n` included
            length = len(text) - text.endswith("\r")
            found.append(SemanticToken(token.line, token.column, length, meaning, modifiers))


def _add_lines(found: list[SemanticToken], token: Token, kind: str,
               modifiers: tuple[str, ...]) -> None:
    """The part of a token on each of its lines (a triple-quoted text): on the lines after
    the first, from the first character that is not indentation; never the line's end."""
    for offset, part in enumerate(token.text.split("\n")):
        part = part.removesuffix("\r")
        column = token.column
        if offset:
            indent = len(part) - len(part.lstrip(" \t\f"))
            column, part = 1 + indent, part[indent:]
        if part:
            found.append(SemanticToken(token.line + offset, column, len(part), kind, modifiers))


def _comment_tokens(syntax: PlanSyntax) -> list[SemanticToken]:
    """The comments, suppression comments (`# cplint: ignore[...]`) among them, in order."""
    found = []
    for comment in syntax.comments:
        text = comment.text.removesuffix("\r")
        if text:
            found.append(SemanticToken(comment.line, comment.column, len(text), COMMENT))
    return sorted(found)

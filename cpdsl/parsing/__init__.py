"""Text to model: outline the plan, parse each piece with recovery, build the model.

Lark's types stay inside this package; what leaves it is the model, the comments and
the syntax errors with their places.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any, NamedTuple

from cpdsl import model as m
from cpdsl.parsing.assemble import assemble_plan
from cpdsl.parsing.chunks import Chunk, outline
from cpdsl.parsing.grammar import get_grammar
from cpdsl.parsing.lalr import parse_tree
from cpdsl.parsing.recovery import GiveUp, Recovery, SyntaxProblem
from cpdsl.parsing.transform import ModelBuilder, Piece


class SyntaxFinding(NamedTuple):
    """A place where the text does not parse: CP100, or CP101 for an unknown keyword."""

    code: str
    message: str
    span: m.Span


class ParseResult(NamedTuple):
    plan: m.Plan
    syntax_errors: tuple[SyntaxFinding, ...]
    comments: tuple[m.Comment, ...]


_LONE_CR = re.compile(r"\r(?!\n)")


def with_line_feeds(text: str) -> str:
    """The text with each lone carriage return (old Mac files, some Word exports) made a
    line feed: a line end, as in LSP. One character for one, so every place is the same;
    `\r\n` is left as it is, which the parser reads as one line end."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def parse(text: str, cache: PieceCache | None = None) -> ParseResult:
    """Parse a whole plan; never raises on any text.

    With a `cache` (the language server keeps one per document), pieces whose text is
    unchanged since the last parse are not parsed again, only placed.
    """
    if text.startswith("\ufeff"):  # a byte order mark is no part of the plan
        text = text[1:]
    text = with_line_feeds(text)
    grammar = get_grammar()
    layout = outline(text, grammar.top_level, grammar.top_level_only)
    errors = [SyntaxFinding("CP100", p.message, p.span) for p in layout.problems]
    pieces = []
    chunks = list(layout.chunks)
    parsed = [None] * len(chunks)
    for i, chunk in enumerate(chunks):
        result = parsed[i] or parse_piece(text[chunk.start:chunk.end], chunk, cache)
        if result.unfinished and i + 1 < len(chunks) and chunks[i + 1].start == chunk.end:
            result, parsed[i + 1] = _maybe_join(text, chunk, chunks[i + 1], result, cache)
        errors.extend(result.errors)
        if result.piece is not None:
            pieces.append(result.piece)
    plan = assemble_plan(pieces, _end_of(text))
    return ParseResult(plan, _one_per_place(errors), layout.comments)


def _maybe_join(text: str, chunk: Chunk, following: Chunk, result: ParsedPiece,
                cache: PieceCache | None) -> tuple[ParsedPiece, ParsedPiece | None]:
    """A statement left unfinished may go on in the next piece (`views` then `child "..."`
    on the line below, where `child` also starts a statement): read the two as one when
    that gives fewer syntax errors than reading them apart."""
    alone = parse_piece(text[following.start:following.end], following, cache)
    joined = chunk._replace(end=following.end)
    together = parse_piece(text[joined.start:joined.end], joined, cache)
    if len(together.errors) < len(result.errors) + len(alone.errors):
        return together, ParsedPiece(None, [], False)
    return result, alone


def _one_per_place(errors: list[SyntaxFinding]) -> tuple[SyntaxFinding, ...]:
    """In order; where the outline and a piece both saw a fault at one place, the first."""
    seen: dict[tuple[int, int], SyntaxFinding] = {}
    for error in errors:
        seen.setdefault((error.span.line, error.span.column), error)
    return tuple(sorted(seen.values(), key=lambda e: (e.span.line, e.span.column)))


class PieceCache:
    """Parsed pieces, most recently used kept, in memory only.

    Two kinds of entry: a piece's parse tree by its text, reused wherever the piece
    moves; and the built piece by its text and place, reused while it stays put (as
    every piece does while a line is being typed in)."""

    def __init__(self, size: int = 8192) -> None:
        self.size = size
        self._entries: OrderedDict[tuple, Any] = OrderedDict()

    def get(self, key: tuple) -> Any:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: tuple, value: Any) -> None:
        self._entries[key] = value
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)


class ParsedPiece(NamedTuple):
    piece: Piece | None
    errors: list[SyntaxFinding]
    unfinished: bool  # the piece ended in the middle of a statement


def parse_piece(text: str, chunk: Chunk, cache: PieceCache | None = None) -> ParsedPiece:
    """Parse one piece of a plan; positions are shifted to where the piece starts."""
    if cache is None:
        return _place(_parse_tree(text, chunk.start_symbol), chunk)
    placed_key = (text, chunk.start_symbol, chunk.line, chunk.column)
    placed = cache.get(placed_key)
    if placed is None:
        tree_key = (text, chunk.start_symbol)
        parsed = cache.get(tree_key)
        if parsed is None:
            parsed = _parse_tree(text, chunk.start_symbol)
            cache.put(tree_key, parsed)
        placed = _place(parsed, chunk)
        cache.put(placed_key, placed)
    return placed


def _place(parsed: tuple, chunk: Chunk) -> ParsedPiece:
    """A parsed piece's model and errors, at the piece's place in the file."""
    tree, problems, unfinished = parsed
    line_offset, column_offset = chunk.line - 1, chunk.column - 1
    errors = []
    for p in problems:
        span = _shift(p.line, p.column, p.end_line, p.end_column, line_offset, column_offset)
        errors.append(SyntaxFinding(p.code, p.message.replace("{line}", str(span.line)), span))
    if tree is None:
        return ParsedPiece(None, errors, unfinished)
    return ParsedPiece(ModelBuilder(line_offset, column_offset).transform(tree), errors, unfinished)


def _parse_tree(text: str, start_symbol: str) -> tuple[Any, tuple[SyntaxProblem, ...], bool]:
    """The Lark tree of one piece (None if unreadable), its syntax problems, and whether
    it ended in the middle of a statement."""
    recovery = Recovery()
    try:
        tree = parse_tree(text, start_symbol, recovery)
    except GiveUp:
        tree = None
    return tree, tuple(recovery.problems), recovery.unfinished


def _shift(line, column, end_line, end_column, line_offset, column_offset) -> m.Span:
    if line == 1:
        column += column_offset
    if end_line == 1:
        end_column += column_offset
    return m.Span(line + line_offset, column, end_line + line_offset, end_column)


def _end_of(text: str) -> tuple[int, int]:
    # Counted, not split: a list of every line would hold the whole text twice.
    return text.count("\n") + 1, len(text) - text.rfind("\n")

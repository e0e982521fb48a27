"""Text to model: outline the plan, parse each piece with recovery, build the model.

Lark's types stay inside this package; what leaves it is the model, the comments, the
syntax errors with their places (and fixes), and on request the syntax tree.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, NamedTuple

from cpdsl import model as m
from cpdsl.parsing.assemble import assemble_plan
from cpdsl.parsing.chunks import Chunk, Problem, outline
from cpdsl.parsing.grammar import get_grammar
from cpdsl.parsing.lalr import parse_tree
from cpdsl.parsing.recovery import GiveUp, Mend, Recovery, SyntaxProblem
from cpdsl.parsing.transform import ModelBuilder, Piece

if TYPE_CHECKING:  # the tree and the fixes are imported where they are made: not in a lint
    from cpdsl.fixes import Fix
    from cpdsl.parsing.piece_syntax import PieceSyntax
    from cpdsl.parsing.syntax import PlanSyntax


class SyntaxFinding(NamedTuple):
    """A place where the text does not parse: CP100, or CP101 for an unknown keyword;
    with the fix, where one edit surely mends it."""

    code: str
    message: str
    span: m.Span
    fix: Fix | None = None


class ParseResult(NamedTuple):
    plan: m.Plan
    syntax_errors: tuple[SyntaxFinding, ...]
    comments: tuple[m.Comment, ...]
    syntax: PlanSyntax | None = None  # made when asked for: parse(..., syntax=True)


_LONE_CR = re.compile(r"\r(?!\n)")


def with_line_feeds(text: str) -> str:
    """The text with each lone carriage return (old Mac files, some Word exports) made a
    line feed: a line end, as in LSP. One character for one, so every place is the same;
    `\r\n` is left as it is, which the parser reads as one line end."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def parse(text: str, cache: PieceCache | None = None, *, syntax: bool = False) -> ParseResult:
    """Parse a whole plan; never raises on any text.

    With a `cache` (the language server keeps one per document), pieces whose text is
    unchanged since the last parse are not parsed again, only placed. With `syntax`, the
    result also holds the syntax tree (cpdsl.parsing.syntax), made from the same parse
    of each piece, for any text: the formatter and an editor read it; a lint does not.
    """
    if text.startswith("\ufeff"):  # a byte order mark is no part of the plan
        text = text[1:]
    text = with_line_feeds(text)
    grammar = get_grammar()
    layout = outline(text, grammar.top_level, grammar.top_level_only)
    errors = [SyntaxFinding("CP100", p.message, p.span, _plan_close_fix(text, layout.problems)
                            if p.plan_unclosed else None)
              for p in layout.problems]
    pieces = []
    placed: list[tuple[int, int, PieceSyntax]] = []
    chunks = list(layout.chunks)
    parsed: list[ParsedPiece | None] = [None] * len(chunks)
    for i, chunk in enumerate(chunks):
        result = parsed[i] or parse_piece(text[chunk.start:chunk.end], chunk, cache, syntax)
        end = chunk.end
        if result.unfinished and i + 1 < len(chunks) and chunks[i + 1].start == chunk.end:
            result, parsed[i + 1], joined = _maybe_join(text, chunk, chunks[i + 1], result,
                                                        cache, syntax)
            end = chunks[i + 1].end if joined else end
        errors.extend(_with_fixes(result, text, chunk.start))
        if result.piece is not None:
            pieces.append(result.piece)
        if result.syntax is not None:
            placed.append((chunk.start, end, result.syntax))
    plan = assemble_plan(pieces, _end_of(text))
    tree = None
    if syntax:
        from cpdsl.parsing.piece_syntax import plan_syntax

        tree = plan_syntax(text, placed, layout.comments)
    return ParseResult(plan, _one_per_place(errors), layout.comments, tree)


def _plan_close_fix(text: str, problems: tuple[Problem, ...]) -> Fix | None:
    from cpdsl.parsing.mending import plan_close_fix

    return plan_close_fix(text, problems)


def _maybe_join(text: str, chunk: Chunk, following: Chunk, result: ParsedPiece,
                cache: PieceCache | None,
                syntax: bool) -> tuple[ParsedPiece, ParsedPiece, bool]:
    """A statement left unfinished may go on in the next piece (`views` then `child "..."`
    on the line below, where `child` also starts a statement): read the two as one when
    that gives fewer syntax errors than reading them apart. The third value says whether
    they were joined."""
    alone = parse_piece(text[following.start:following.end], following, cache, syntax)
    joined = chunk._replace(end=following.end)
    together = parse_piece(text[joined.start:joined.end], joined, cache, syntax)
    if len(together.errors) < len(result.errors) + len(alone.errors):
        return together, _NOTHING, True
    return result, alone, False


def _with_fixes(result: ParsedPiece, text: str, start: int) -> list[SyntaxFinding]:
    """The piece's findings, each with the fix its mend makes at the piece's offset."""
    if not result.mends:
        return result.errors
    from cpdsl.parsing.mending import fix_for

    errors = list(result.errors)
    for index, mend in result.mends:
        errors[index] = errors[index]._replace(fix=fix_for(mend, text, start))
    return errors


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
        self._used = 0  # entries found or added since the last trim

    def get(self, key: tuple) -> Any:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            self._used += 1
        return found

    def put(self, key: tuple, value: Any) -> None:
        self._entries[key] = value
        self._used += 1
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def trim(self, spare: int = 64) -> None:
        """Keep the entries the last parse used (the most recently used) and `spare`
        more: a document typed in for hours holds what its text needs, not every
        version of every piece it ever had."""
        keep = self._used + spare
        while len(self._entries) > keep:
            self._entries.popitem(last=False)
        self._used = 0

    def release_trees(self) -> None:
        """Drop the pieces' parse trees, keeping the built pieces: the most memory, and
        needed only when a piece moves (a line added above it). For a document not
        being edited; its next edit parses again the pieces it moves."""
        for key in [key for key in self._entries if len(key) == 2]:
            del self._entries[key]


class ParsedTree(NamedTuple):
    """One piece parsed, before it is placed: its Lark tree (None if unreadable), its
    syntax problems, whether it ended in the middle of a statement, and what recovery
    left out of the tree and fed at the end (which the syntax tree shows)."""

    tree: Any
    problems: tuple[SyntaxProblem, ...]
    unfinished: bool
    skipped: tuple[Any, ...] = ()
    end_insertions: int = 0


class ParsedPiece(NamedTuple):
    piece: Piece | None
    errors: list[SyntaxFinding]
    unfinished: bool  # the piece ended in the middle of a statement
    syntax: PieceSyntax | None = None  # when asked for
    mends: tuple[tuple[int, Mend], ...] = ()  # (index in errors, mend), in piece offsets


_NOTHING = ParsedPiece(None, [], False)


def parse_piece(text: str, chunk: Chunk, cache: PieceCache | None = None,
                syntax: bool = False) -> ParsedPiece:
    """Parse one piece of a plan; positions are shifted to where the piece starts."""
    if cache is None:
        return _place(text, _parse_tree(text, chunk.start_symbol), chunk, syntax)
    placed_key = (text, chunk.start_symbol, chunk.line, chunk.column)
    placed = cache.get(placed_key)
    if placed is None or (syntax and placed.syntax is None):
        tree_key = (text, chunk.start_symbol)
        parsed = cache.get(tree_key)
        if parsed is None:
            parsed = _parse_tree(text, chunk.start_symbol)
            cache.put(tree_key, parsed)
        if placed is None:
            placed = _place(text, parsed, chunk, syntax)
        else:  # placed for a lint before: add the tree
            placed = placed._replace(syntax=_syntax(text, parsed, chunk))
        cache.put(placed_key, placed)
    return placed


def _place(text: str, parsed: ParsedTree, chunk: Chunk, syntax: bool) -> ParsedPiece:
    """A parsed piece's model, errors (and syntax), at the piece's place in the file."""
    tree, problems, unfinished = parsed.tree, parsed.problems, parsed.unfinished
    line_offset, column_offset = chunk.line - 1, chunk.column - 1
    errors = []
    mends = []
    for p in problems:
        span = _shift(p.line, p.column, p.end_line, p.end_column, line_offset, column_offset)
        if p.mend is not None:
            mends.append((len(errors), p.mend))
        errors.append(SyntaxFinding(p.code, p.message.replace("{line}", str(span.line)), span))
    piece_tree = _syntax(text, parsed, chunk) if syntax else None
    piece = None if tree is None else ModelBuilder(line_offset, column_offset).transform(tree)
    return ParsedPiece(piece, errors, unfinished, piece_tree, tuple(mends))


def _syntax(text: str, parsed: ParsedTree, chunk: Chunk) -> PieceSyntax:
    from cpdsl.parsing.piece_syntax import piece_syntax

    return piece_syntax(text, parsed.tree, parsed.skipped, parsed.end_insertions,
                        chunk.line - 1, chunk.column - 1)


def _parse_tree(text: str, start_symbol: str) -> ParsedTree:
    """One piece parsed with recovery; the mends recovery found are tried."""
    recovery = Recovery()
    try:
        tree = parse_tree(text, start_symbol, recovery)
    except GiveUp:
        tree = None
    problems = tuple(recovery.problems)
    if any(p.mend is not None for p in problems):
        from cpdsl.parsing.mending import tried

        problems = tried(text, start_symbol, problems)
    return ParsedTree(tree, problems, recovery.unfinished, tuple(recovery.skipped),
                      recovery.end_insertions)


def _shift(line, column, end_line, end_column, line_offset, column_offset) -> m.Span:
    if line == 1:
        column += column_offset
    if end_line == 1:
        end_column += column_offset
    return m.Span(line + line_offset, column, end_line + line_offset, end_column)


def _end_of(text: str) -> tuple[int, int]:
    # Counted, not split: a list of every line would hold the whole text twice.
    return text.count("\n") + 1, len(text) - text.rfind("\n")

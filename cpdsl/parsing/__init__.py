"""Text to model: outline the plan, parse each piece with recovery, build the model.

Lark's types stay inside this package; what leaves it is the model, the comments and
the syntax errors with their places.
"""

from __future__ import annotations

import attrs
from lark.exceptions import UnexpectedInput

from cpdsl import model as m
from cpdsl.parsing.assemble import assemble_plan
from cpdsl.parsing.chunks import Chunk, outline
from cpdsl.parsing.grammar import get_parser, top_level_only_keywords
from cpdsl.parsing.recovery import GiveUp, Recovery
from cpdsl.parsing.transform import ModelBuilder, Piece


@attrs.frozen
class SyntaxFinding:
    """A place where the text does not parse: CP100, or CP101 for an unknown keyword."""

    code: str
    message: str
    span: m.Span


@attrs.frozen
class ParseResult:
    plan: m.Plan
    syntax_errors: tuple[SyntaxFinding, ...]
    comments: tuple[m.Comment, ...]


def parse(text: str) -> ParseResult:
    """Parse a whole plan; never raises on any text."""
    layout = outline(text, top_level_only_keywords())
    errors = [SyntaxFinding("CP100", p.message, p.span) for p in layout.problems]
    pieces = []
    for chunk in layout.chunks:
        piece, piece_errors = parse_piece(text[chunk.start:chunk.end], chunk)
        errors.extend(piece_errors)
        if piece is not None:
            pieces.append(piece)
    plan = assemble_plan(pieces, _end_of(text))
    return ParseResult(plan, _one_per_place(errors), layout.comments)


def _one_per_place(errors: list[SyntaxFinding]) -> tuple[SyntaxFinding, ...]:
    """In order; where the outline and a piece both saw a fault at one place, the first."""
    seen: dict[tuple[int, int], SyntaxFinding] = {}
    for error in errors:
        seen.setdefault((error.span.line, error.span.column), error)
    return tuple(sorted(seen.values(), key=lambda e: (e.span.line, e.span.column)))


def parse_piece(text: str, chunk: Chunk) -> tuple[Piece | None, list[SyntaxFinding]]:
    """Parse one piece of a plan; positions are shifted to where the piece starts."""
    recovery = Recovery(chunk.line - 1)
    tree = None
    try:
        tree = get_parser().parse(text, start=chunk.start_symbol, on_error=recovery)
    except GiveUp:
        pass
    except UnexpectedInput as error:  # recovery could not mend it: keep what it reported
        if not recovery.problems:
            recovery.problems.append(_unmendable(error))
    line_offset, column_offset = chunk.line - 1, chunk.column - 1
    errors = [
        SyntaxFinding(p.code, p.message, _shift(p.line, p.column, p.end_line, p.end_column,
                                              line_offset, column_offset))
        for p in recovery.problems
    ]
    if tree is None:
        return None, errors
    return ModelBuilder(line_offset, column_offset).transform(tree), errors


def _shift(line, column, end_line, end_column, line_offset, column_offset) -> m.Span:
    if line == 1:
        column += column_offset
    if end_line == 1:
        end_column += column_offset
    return m.Span(line + line_offset, column, end_line + line_offset, end_column)


def _unmendable(error: UnexpectedInput):
    from cpdsl.parsing.recovery import SyntaxProblem

    line, column = getattr(error, "line", 1) or 1, getattr(error, "column", 1) or 1
    return SyntaxProblem("CP100", "this statement cannot be read", line, column, line, column + 1)


def _end_of(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1

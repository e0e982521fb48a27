"""The stretches of a plan an editor can fold: blocks, triple-quoted texts and runs of
comment lines, from the syntax tree (`Analysis.syntax`), so they exist while the text has
syntax errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from cpdsl.parsing.syntax import ErrorNode, PlanSyntax, Statement, Token

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis

Place = tuple[int, int]


class Fold(NamedTuple):
    """A stretch of lines an editor can fold, 1-based and inclusive: the start line stays
    shown, the lines after it up to `end_line` fold away. A block's fold ends on the line
    before its `}` when the `}` begins its line, so the brace stays in sight, as editors
    fold code; `end_line` is always after `start_line`."""

    start_line: int
    end_line: int
    kind: str  # "region" (a block, a triple-quoted text) or "comment"


def folding_ranges(analysis: Analysis) -> tuple[Fold, ...]:
    """What an editor can fold, in order of start line: every block over more than one
    line (the plan's too), every triple-quoted text over several lines, and every run of
    two or more lines that hold nothing but a comment. A stretch that would fold no line
    (a block whose `}` is on the line after its `{`) is left out."""
    syntax = analysis.syntax
    if syntax is None:
        return ()
    folds: list[Fold] = []
    if syntax.header:
        _fold_block(folds, analysis, syntax.header[0].line, syntax.close)
    _fold_items(folds, analysis, syntax.header, syntax.statements)
    _fold_comments(folds, syntax)
    return tuple(sorted(set(folds)))


def _fold_items(folds: list[Fold], analysis: Analysis, header: Sequence[Token],
                items: Sequence[Statement | ErrorNode]) -> None:
    _fold_texts(folds, analysis, header)
    for item in items:
        if not isinstance(item, Statement):
            continue
        _fold_texts(folds, analysis, item.tokens)
        if item.close is not None:
            _fold_block(folds, analysis, item.line, item.close)
            _fold_items(folds, analysis, (), item.block or ())


def _fold_block(folds: list[Fold], analysis: Analysis, start_line: int, close: Token) -> None:
    _fold_to(folds, analysis, start_line, (close.line, close.column))


def _fold_texts(folds: list[Fold], analysis: Analysis, tokens: Sequence[Token]) -> None:
    """Triple-quoted texts over several lines: to their closing quotes, as a block to its
    `}` (one left open runs to its end)."""
    for token in tokens:
        if token.end_line == token.line:
            continue
        if token.kind == "BLOCK_STRING":
            _fold_to(folds, analysis, token.line, (token.end_line, token.end_column - 3))
        elif token.kind == "OPEN_BLOCK_STRING":
            folds.append(Fold(token.line, token.end_line, "region"))


def _fold_to(folds: list[Fold], analysis: Analysis, start_line: int, closer: Place) -> None:
    """The fold from a line to the line of what closes it (a `}`, the closing quotes),
    or to the line before when the closer begins its line, so that it stays in sight."""
    end_line = closer[0]
    if _begins_its_line(analysis, closer):
        end_line -= 1
    if end_line > start_line:
        folds.append(Fold(start_line, end_line, "region"))


def _begins_its_line(analysis: Analysis, place: Place) -> bool:
    """Whether nothing but spaces comes before the place on its line."""
    lines, text = analysis.lines, analysis.text
    line, column = place
    return not text[lines.line_start(line):lines.offset(line, column)].strip()


def _fold_comments(folds: list[Fold], syntax: PlanSyntax) -> None:
    """Runs of consecutive lines each holding only a comment."""
    run_start = run_end = None
    for comment in syntax.comments:
        if not comment.own_line:
            continue
        if run_end is not None and comment.line == run_end + 1:
            run_end = comment.line
            continue
        if run_start is not None and run_end > run_start:
            folds.append(Fold(run_start, run_end, "comment"))
        run_start = run_end = comment.line
    if run_start is not None and run_end > run_start:
        folds.append(Fold(run_start, run_end, "comment"))

"""One parsed piece as the neutral syntax tree (cpdsl.parsing.syntax), from the Lark tree
its model is built from, and the pieces joined into one PlanSyntax.

The piece's positions are shifted to its place in the file here, once. What recovery
did shows in the tree: tokens it skipped become error nodes (next to each other, one
node), in the innermost block that holds them; its placeholders become inserted tokens,
at the token it read next or, for those it fed at the end of the piece to close it, at
the piece's end (so the cursor on the blank line after an unclosed block is in it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from lark import Token as LarkToken
from lark import Tree

from cpdsl.model import Comment
from cpdsl.parsing.syntax import CommentSyntax, ErrorNode, PlanSyntax, Statement, Token
from cpdsl.parsing.transform import shared_text

_ONLY_SPACE_AND_COMMENTS = re.compile(r"(?:\s+|#[^\n]*)*")
# Texts too long to repeat often: kept as they are, not looked up.
_OWN_TEXT = frozenset({"STRING", "BLOCK_STRING"})

Item = Statement | ErrorNode


class PieceSyntax(NamedTuple):
    """A piece's part of the tree: the plan's header tokens (a header piece only), and
    its top-level statements and error nodes in order."""

    header: tuple[Token, ...] | None
    items: tuple[Item, ...]


def piece_syntax(text: str, tree: Tree | None, skipped: Sequence[LarkToken],
                 end_insertions: int, line_offset: int, column_offset: int) -> PieceSyntax:
    """The syntax of one piece (`text`, parsed to `tree`, None when it could not be read)."""
    placer = _Placer(line_offset, column_offset)
    if tree is None:
        return PieceSyntax(None, tuple(_unread(text, placer)))
    if end_insertions:
        placer.at_end = _last_inserted(tree, end_insertions)
        placer.end_place = _place_in(text, len(text))
    errors = [placer.error(text[start:end], line, column)
              for start, end, line, column in _runs(text, skipped)]
    if tree.data == "plan_header":
        return PieceSyntax(tuple(map(placer.token, _leaves(tree))), tuple(errors))
    items: tuple[Item, ...] = tuple(placer.statement(child) for child in tree.children
                                    if isinstance(child, Tree))
    for error in errors:
        items = _with_error(items, error)
    return PieceSyntax(None, items)


class _Placer:
    """One piece's Lark tokens as syntax tokens at their place in the file (the piece's
    first line starts mid-line). One int object for each line (a number past 256 is an
    object of its own, 32 bytes); texts are shared through transform's table."""

    __slots__ = ("line_offset", "column_offset", "lines", "at_end", "end_place")

    def __init__(self, line_offset: int, column_offset: int) -> None:
        self.line_offset = line_offset
        self.column_offset = column_offset
        self.lines: dict[int, int] = {}
        self.at_end: frozenset[int] = frozenset()  # ids of placeholders fed at the end
        self.end_place = (1, 1)

    def statement(self, tree: Tree) -> Statement:
        tokens: list[Token] = []
        block: list[Item] | None = None
        close = None
        for child in tree.children:
            if isinstance(child, LarkToken) and child.type == "LBRACE" and block is None:
                tokens.append(self.token(child))
                block = []
            elif isinstance(child, LarkToken) and child.type == "RBRACE" and block is not None:
                close = self.token(child)
            elif block is not None:
                block.append(self.statement(child))
            elif isinstance(child, Tree):  # a part of the statement: a duration, `by DATE`
                tokens.extend(map(self.token, _leaves(child)))
            else:
                tokens.append(self.token(child))
        return Statement(shared_text(tree.data), tuple(tokens),
                         None if block is None else tuple(block), close)

    def token(self, token: LarkToken) -> Token:
        if not token:  # a placeholder recovery fed
            line, column = self.end_place if id(token) in self.at_end else (
                token.line, token.column)
            return Token(token.type, "", *self.place(line, column))
        text = str(token) if token.type in _OWN_TEXT else shared_text(token)
        return Token(token.type, text, *self.place(token.line, token.column))

    def error(self, text: str, line: int, column: int) -> ErrorNode:
        return ErrorNode(text, *self.place(line, column))

    def place(self, line: int, column: int) -> tuple[int, int]:
        """The file's line and column for a place in the piece."""
        found = self.lines.get(line)
        if found is None:
            found = self.lines[line] = line + self.line_offset
        return found, column + (self.column_offset if line == 1 else 0)


def _leaves(tree: Tree) -> list[LarkToken]:
    return list(tree.scan_values(lambda v: isinstance(v, LarkToken)))


def _last_inserted(tree: Tree, count: int) -> frozenset[int]:
    """The last `count` placeholders of the tree: those fed at the end of the piece (the
    tree holds every token fed, in the order fed)."""
    placeholders = [t for t in tree.scan_values(lambda v: isinstance(v, LarkToken)) if not t]
    return frozenset(map(id, placeholders[-count:]))


def _runs(text: str, skipped: Sequence[LarkToken]) -> list[tuple[int, int, int, int]]:
    """The skipped tokens as stretches of text (start, end, line, column): tokens on one
    line with only spaces between them make one."""
    runs: list[list[int]] = []
    for token in skipped:
        between = text[runs[-1][1]:token.start_pos] if runs else "\n"
        if not between.strip() and "\n" not in between:
            runs[-1][1] = token.end_pos
        else:
            runs.append([token.start_pos, token.end_pos, token.line, token.column])
    return [(start, end, line, column) for start, end, line, column in runs]


def _unread(text: str, placer: _Placer) -> list[ErrorNode]:
    """A piece the parser gave up on: one error node from its first word to its last."""
    start = _ONLY_SPACE_AND_COMMENTS.match(text).end()
    end = len(text.rstrip())
    if start >= end:
        return []
    return [placer.error(text[start:end], *_place_in(text, start))]


def _place_in(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset of `text`."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _with_error(items: tuple[Item, ...], error: ErrorNode) -> tuple[Item, ...]:
    """`items` with `error` in the innermost block that holds it, in order of place."""
    place = (error.line, error.column)
    for i, item in enumerate(items):
        if isinstance(item, Statement) and item.block is not None and item.close is not None:
            brace = item.tokens[-1]
            if (brace.end_line, brace.end_column) <= place < (item.close.line,
                                                              item.close.column):
                inner = item._replace(block=_with_error(item.block, error))
                return items[:i] + (inner,) + items[i + 1:]
    at = sum(1 for item in items if _start(item) <= place)
    return items[:at] + (error,) + items[at:]


def _start(item: Item) -> tuple[int, int]:
    first = item.tokens[0] if isinstance(item, Statement) else item
    return first.line, first.column


# -- the pieces joined ------------------------------------------------------------------

# The parts of text outside every piece: comments, line breaks, other spaces, strings,
# braces and other words.
_GAP_PART = re.compile(r'(#[^\n]*)|(\n)|(\})|\s+|"""[\s\S]*?(?:"""|\Z)|"(?:[^"\\\n]|\\.)*"?'
                       r'|[^\s#"{}]+|\{')


def plan_syntax(text: str, pieces: Sequence[tuple[int, int, PieceSyntax]],
                comments: Sequence[Comment]) -> PlanSyntax:
    """The plan's tree from its pieces (start, end, syntax), in order. Text outside every
    piece is the plan's `}` (the last thing in the file, alone on its line), else an
    error node: a `}` too many, a first word that was not `plan`."""
    header: tuple[Token, ...] = ()
    statements: list[Item] = []
    done = 0
    for start, end, syntax in pieces:
        statements.extend(_gap(text, done, start))
        if syntax.header is not None:
            header = syntax.header
        statements.extend(syntax.items)
        done = end
    rest = _gap(text, done, len(text))
    if rest and rest[-1].text == "}":
        last = rest.pop()
        close = Token("RBRACE", "}", last.line, last.column)
    else:
        close = Token("RBRACE", "", *_place_in(text, len(text)))
    statements.extend(rest)
    return PlanSyntax(header, tuple(statements), close, _comments(text, comments))


def _gap(text: str, start: int, end: int) -> list[ErrorNode]:
    """Error nodes for what stands between pieces: each `}` one, and one for each other
    stretch of a line up to a comment."""
    runs: list[list[int]] = []
    open_run = False
    for match in _GAP_PART.finditer(text, start, end):
        if match.group(3) is not None:
            runs.append([match.start(), match.end()])
            open_run = False
        elif match.group(1) is not None or match.group(2) is not None:
            open_run = False
        elif not match.group().isspace():
            if open_run:
                runs[-1][1] = match.end()
            else:
                runs.append([match.start(), match.end()])
                open_run = True
    return [ErrorNode(text[a:b], *_place_in(text, a)) for a, b in runs]


def _comments(text: str, comments: Sequence[Comment]) -> tuple[CommentSyntax, ...]:
    """The comments, each with whether it has its line to itself. The comments come in
    file order, so the start of each one's line is found from the one before: no list of
    every line's start, which for a big file is bigger than the file."""
    found = []
    line, line_start = 1, 0
    for comment in comments:
        while line < comment.span.line:
            line_start = text.index("\n", line_start) + 1
            line += 1
        found.append(CommentSyntax(comment.text, comment.span.line, comment.span.column,
                                   _own_line(text, line_start, comment.span.column)))
    return tuple(found)


def _own_line(text: str, line_start: int, column: int) -> bool:
    return not text[line_start:line_start + column - 1].strip()

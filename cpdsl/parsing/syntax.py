"""A plan's text as a neutral syntax tree: statements, their tokens and the comments.

What the formatter needs from the parser, in plain classes (no Lark type leaves this
package): every token as written with its place in the file, statements nested as their
blocks nest, and the comments the grammar ignores. Only text with no syntax error has
one: `read_syntax` returns None for anything else.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lark import Token as LarkToken
from lark import Tree

from cpdsl.parsing.chunks import Chunk, outline
from cpdsl.parsing.grammar import get_grammar
from cpdsl.parsing.lalr import parse_tree
from cpdsl.parsing.recovery import GiveUp, Recovery


class Token(NamedTuple):
    """One token as written: kind (a terminal name), text, and 1-based places in the
    file (end exclusive)."""

    kind: str
    text: str
    line: int
    column: int
    end_line: int
    end_column: int


class Statement(NamedTuple):
    """A statement: its tokens up to and including a block's `{`, the statements in the
    block (None when it has none) and the block's `}`."""

    rule: str  # the grammar rule: `member`, `second_chair`, ...
    tokens: tuple[Token, ...]
    block: tuple[Statement, ...] | None = None
    close: Token | None = None

    @property
    def line(self) -> int:
        return self.tokens[0].line

    @property
    def end_line(self) -> int:
        return (self.close or self.tokens[-1]).end_line

    def all_tokens(self) -> list[Token]:
        found = list(self.tokens)
        for inner in self.block or ():
            found.extend(inner.all_tokens())
        if self.close is not None:
            found.append(self.close)
        return found


class CommentSyntax(NamedTuple):
    text: str
    line: int
    column: int
    own_line: bool  # nothing but spaces before it on its line


class PlanSyntax(NamedTuple):
    header: tuple[Token, ...]  # `plan`, the title, `{`
    statements: tuple[Statement, ...]
    close: Token  # the plan's `}`
    comments: tuple[CommentSyntax, ...]


def read_syntax(text: str) -> PlanSyntax | None:
    """The syntax tree of a plan, or None when the text has any syntax error. A lone
    carriage return ends a line, as for parse()."""
    from cpdsl.parsing import with_line_feeds

    text = with_line_feeds(text)
    grammar = get_grammar()
    layout = outline(text, grammar.top_level, grammar.top_level_only)
    if layout.problems or not layout.chunks or layout.chunks[0].start_symbol != "plan_header":
        return None
    header_tree = _tree(text, layout.chunks[0])
    if header_tree is None:
        return None
    header = tuple(_tokens(header_tree, layout.chunks[0]))
    statements = _statements(text, layout.chunks[1:])
    close = _plan_close(text, layout.chunks[-1].end)
    if statements is None or close is None:
        return None
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    comments = tuple(CommentSyntax(c.text, c.span.line, c.span.column,
                                   _own_line(text, line_starts[c.span.line - 1], c.span.column))
                     for c in layout.comments)
    return PlanSyntax(header, statements, close, comments)


def _statements(text: str, chunks: tuple[Chunk, ...]) -> tuple[Statement, ...] | None:
    """Every top-level statement; a piece that only parses joined to the next (a
    statement continued on a line that begins with a top-level word) is joined."""
    found: list[Statement] = []
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        tree = _tree(text, chunk)
        if tree is None and i + 1 < len(chunks) and chunks[i + 1].start == chunk.end:
            chunk = chunk._replace(end=chunks[i + 1].end)
            tree = _tree(text, chunk)
            i += 1
        if tree is None:
            return None
        found.extend(_statement(child, chunk) for child in tree.children)
        i += 1
    return tuple(found)


def _tree(text: str, chunk: Chunk) -> Tree | None:
    recovery = Recovery()
    try:
        tree = parse_tree(text[chunk.start:chunk.end], chunk.start_symbol, recovery)
    except GiveUp:
        return None
    if recovery.problems or recovery.unfinished:
        return None
    return tree


def _statement(tree: Tree, chunk: Chunk) -> Statement:
    tokens: list[Token] = []
    block: list[Statement] | None = None
    close = None
    for child in tree.children:
        if isinstance(child, LarkToken) and child.type == "LBRACE" and block is None:
            tokens.append(_token(child, chunk))
            block = []
        elif isinstance(child, LarkToken) and child.type == "RBRACE" and block is not None:
            close = _token(child, chunk)
        elif block is not None:
            block.append(_statement(child, chunk))
        elif isinstance(child, Tree):  # a part of the statement: a duration, `by DATE`
            tokens.extend(_tokens(child, chunk))
        else:
            tokens.append(_token(child, chunk))
    return Statement(str(tree.data), tuple(tokens), None if block is None else tuple(block), close)


def _tokens(tree: Tree, chunk: Chunk) -> list[Token]:
    return [_token(t, chunk) for t in tree.scan_values(lambda v: isinstance(v, LarkToken))]


def _token(token: LarkToken, chunk: Chunk) -> Token:
    """A token at its place in the file (the piece's first line starts mid-line)."""
    line_offset, column_offset = chunk.line - 1, chunk.column - 1
    column = token.column + (column_offset if token.line == 1 else 0)
    end_column = token.end_column + (column_offset if token.end_line == 1 else 0)
    return Token(token.type, str(token), token.line + line_offset, column,
                 token.end_line + line_offset, end_column)


def _plan_close(text: str, after: int) -> Token | None:
    """The plan's `}`: the first thing after the last piece but spaces and comments."""
    i = after
    while i < len(text):
        if text[i] == "#":
            newline = text.find("\n", i)
            i = len(text) if newline < 0 else newline
        elif text[i].isspace():
            i += 1
        else:
            break
    if i >= len(text) or text[i] != "}":
        return None
    line = text.count("\n", 0, i) + 1
    column = i - (text.rfind("\n", 0, i) + 1) + 1
    return Token("RBRACE", "}", line, column, line, column + 1)


def _own_line(text: str, line_start: int, column: int) -> bool:
    return not text[line_start:line_start + column - 1].strip()

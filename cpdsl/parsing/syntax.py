"""A plan's text as a neutral syntax tree: statements, their tokens and the comments.

What the formatter needs from the parser, in plain classes (no Lark type leaves this
package): every token as written with its place in the file, statements nested as their
blocks nest, and the comments the grammar ignores. Only text with no syntax error has
one: `read_syntax` returns None for anything else.
"""

from __future__ import annotations

from typing import NamedTuple

from lark import Token as LarkToken
from lark import Tree

from cpdsl.model import Comment
from cpdsl.parsing.chunks import Chunk, outline
from cpdsl.parsing.grammar import get_grammar
from cpdsl.parsing.lalr import parse_tree
from cpdsl.parsing.recovery import GiveUp, Recovery


class Token(NamedTuple):
    """One token as written: kind (a terminal name), text, and 1-based places in the
    file (end exclusive).

    The end is worked out from the text when asked for, as the lexer counts it: a syntax
    tree holds every token of the file, and two more fields would make each a fifth
    bigger."""

    kind: str
    text: str
    line: int
    column: int

    @property
    def end_line(self) -> int:
        return self.line + self.text.count("\n")

    @property
    def end_column(self) -> int:
        last_newline = self.text.rfind("\n")
        if last_newline < 0:
            return self.column + len(self.text)
        return len(self.text) - last_newline


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
    texts: dict[str, str] = {}
    header = tuple(_tokens(header_tree, _Placer(layout.chunks[0], texts)))
    statements = _statements(text, layout.chunks[1:], texts)
    close = _plan_close(text, layout.chunks[-1].end)
    if statements is None or close is None:
        return None
    return PlanSyntax(header, statements, close, _comments(text, layout.comments))


def _statements(text: str, chunks: tuple[Chunk, ...],
                texts: dict[str, str]) -> tuple[Statement, ...] | None:
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
        placer = _Placer(chunk, texts)
        found.extend(_statement(child, placer) for child in tree.children)
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


def _statement(tree: Tree, placer: _Placer) -> Statement:
    tokens: list[Token] = []
    block: list[Statement] | None = None
    close = None
    for child in tree.children:
        if isinstance(child, LarkToken) and child.type == "LBRACE" and block is None:
            tokens.append(placer.token(child))
            block = []
        elif isinstance(child, LarkToken) and child.type == "RBRACE" and block is not None:
            close = placer.token(child)
        elif block is not None:
            block.append(_statement(child, placer))
        elif isinstance(child, Tree):  # a part of the statement: a duration, `by DATE`
            tokens.extend(_tokens(child, placer))
        else:
            tokens.append(placer.token(child))
    return Statement(placer.shared(tree.data), tuple(tokens),
                     None if block is None else tuple(block), close)


def _tokens(tree: Tree, placer: _Placer) -> list[Token]:
    return [placer.token(t) for t in tree.scan_values(lambda v: isinstance(v, LarkToken))]


# Texts too long to repeat often: kept as they are, not looked up.
_OWN_TEXT = frozenset({"STRING", "BLOCK_STRING"})


class _Placer:
    """One piece's Lark tokens as syntax tokens at their place in the file (the piece's
    first line starts mid-line).

    A syntax tree holds every token of the file, so what repeats is shared: one string for
    each keyword, id, date or brace as written (`texts`, for the whole file), and one int
    object for each line (a number past 256 is an object of its own, 32 bytes).
    """

    __slots__ = ("line_offset", "column_offset", "texts", "lines")

    def __init__(self, chunk: Chunk, texts: dict[str, str]) -> None:
        self.line_offset = chunk.line - 1
        self.column_offset = chunk.column - 1
        self.texts = texts
        self.lines: dict[int, int] = {}

    def token(self, token: LarkToken) -> Token:
        column = token.column + (self.column_offset if token.line == 1 else 0)
        text = str(token) if token.type in _OWN_TEXT else self.shared(token)
        return Token(token.type, text, self.line(token.line), column)

    def shared(self, text: str) -> str:
        """`text` as a plain string, the same object wherever it is written."""
        found = self.texts.get(text)
        if found is None:
            found = self.texts[text] = str(text)
        return found

    def line(self, line: int) -> int:
        """The file's line number for a line of the piece."""
        found = self.lines.get(line)
        if found is None:
            found = self.lines[line] = line + self.line_offset
        return found


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
    return Token("RBRACE", "}", line, column)


def _comments(text: str, comments: tuple[Comment, ...]) -> tuple[CommentSyntax, ...]:
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

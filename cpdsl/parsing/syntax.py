"""A plan's text as a neutral syntax tree: statements, their tokens, the comments, and
error nodes where the text could not be read.

What the formatter and an editor need from the parser, in plain classes (no Lark type
leaves this package): every token as written with its place in the file, statements
nested as their blocks nest, and the comments the grammar ignores. `parse(text,
syntax=True)` builds it from the same parse as the model (cpdsl.parsing.piece_syntax),
for any text: what recovery skipped, or a piece it could not read at all, is an
`ErrorNode` holding that text; a token recovery inserted (a missing `}`, a keyword, a
value) is a `Token` with no text. cpdsl.parsing.lookup answers questions about places.
"""

from __future__ import annotations

from typing import NamedTuple


class Token(NamedTuple):
    """One token as written: kind (a terminal name), text, and 1-based places in the
    file (end exclusive).

    The end is worked out from the text when asked for, as the lexer counts it: a syntax
    tree holds every token of the file, and two more fields would make each a fifth
    bigger. For the same reason an inserted token is marked by its empty text (every
    token the lexer reads has some), not by a field."""

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

    @property
    def inserted(self) -> bool:
        """Put in by error recovery (a `}` or keyword that was missing): zero-width."""
        return not self.text


class ErrorNode(NamedTuple):
    """Text the parser could not read (skipped by recovery, or a whole piece given up
    on), as written, at its place; it stands in the innermost block that holds it."""

    text: str
    line: int
    column: int

    # Its end as a token's: worked out from the text.
    end_line = Token.end_line
    end_column = Token.end_column


class Statement(NamedTuple):
    """A statement: its tokens up to and including a block's `{`, the statements in the
    block (None when it has none) and the block's `}`.

    Only a text with syntax errors has error nodes among the statements of a block (and
    of the plan) and inserted tokens."""

    rule: str  # the grammar rule: `member`, `second_chair`, ...
    tokens: tuple[Token, ...]
    block: tuple[Statement | ErrorNode, ...] | None = None
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
            if isinstance(inner, Statement):
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
    """The whole tree. Error nodes in the header's text (`plan "T" junk {`) come first
    among the statements."""

    header: tuple[Token, ...]  # `plan`, the title, `{`; empty when the text has no header
    statements: tuple[Statement | ErrorNode, ...]
    close: Token  # the plan's `}` (inserted, at the end of the text, when never written)
    comments: tuple[CommentSyntax, ...]


def read_syntax(text: str) -> PlanSyntax | None:
    """The syntax tree of a plan, or None when the text has any syntax error (the
    formatter's question). A lone carriage return ends a line, as for parse()."""
    from cpdsl.parsing import parse

    parsed = parse(text, syntax=True)
    return None if parsed.syntax_errors else parsed.syntax

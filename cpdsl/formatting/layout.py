"""The canonical layout of a plan's syntax tree.

Two-space indentation and one statement a line; a block that fits in the line length
and holds no comment and no triple-quoted text stays on one line. Blank lines are kept
(one at most) only between top-level statements and comments, where the author had
them. Words are never changed, only the whitespace between them.
"""

from __future__ import annotations

from collections.abc import Sequence

from cpdsl.formatting.comments import Attachments
from cpdsl.formatting.sorting import sorted_statements
from cpdsl.formatting.text_blocks import INDENT, reindent
from cpdsl.parsing.syntax import CommentSyntax, PlanSyntax, Statement, Token


def lay_out(plan: PlanSyntax, line_length: int, sort: bool = False) -> str:
    """The plan laid out; with `sort`, its top-level statements in the recommended order
    (cpdsl.formatting.sorting), each with its comments."""
    tokens = list(plan.header) + [t for s in plan.statements for t in s.all_tokens()]
    writer = _Writer(Attachments(plan, tokens + [plan.close]), line_length)
    writer.plan(plan, sort)
    if writer.attachments.left():
        raise AssertionError("a comment found no place in the layout")
    return "\n".join(writer.lines) + "\n"


class _Writer:
    def __init__(self, attachments: Attachments, line_length: int) -> None:
        self.attachments = attachments
        self.line_length = line_length
        self.lines: list[str] = []
        self.last_line: int | None = None  # where the last top-level item ended, as written

    def plan(self, plan: PlanSyntax, sort: bool = False) -> None:
        self._comments_before(plan.header[0], 0)
        self._gap(plan.header[0].line)
        self.line(0, plan.header)
        # A blank line goes before a statement (or its comments) where the author had one
        # after the statement before it in the file: sorted, it may follow another.
        statements = plan.statements
        came_after = {id(s): statements[i - 1].end_line if i else None
                      for i, s in enumerate(statements)}
        for n, statement in enumerate(sorted_statements(statements) if sort else statements):
            self.last_line = came_after[id(statement)] if n else None  # none after `{`
            self._comments_before(statement.tokens[0], 1)
            self._gap(statement.line)
            self.statement(statement, 1)
        self.last_line = statements[-1].end_line if statements else None
        self._comments_before(plan.close, 1)
        self.line(0, [plan.close])
        self.last_line = plan.close.line
        for comment in self.attachments.trailing:
            self._gap(comment.line)
            self._comment(0, comment)
        self.attachments.trailing = []

    def _comments_before(self, token: Token, depth: int) -> None:
        """Own-line comments before a top-level item, with the author's blank lines."""
        for comment in self.attachments.take_before(token):
            self._gap(comment.line)
            self._comment(depth, comment)

    def _gap(self, line: int) -> None:
        if self.last_line is not None and line > self.last_line + 1:
            self.lines.append("")
        self.last_line = line

    def statement(self, statement: Statement, depth: int) -> None:
        if statement.block is None or self._fits_on_one_line(statement, depth):
            self.line(depth, statement.all_tokens())
            return
        self.line(depth, statement.tokens)
        for inner in statement.block:
            self.statement(inner, depth + 1)
        self.line(depth, [statement.close], leading_depth=depth + 1)

    def _fits_on_one_line(self, statement: Statement, depth: int) -> bool:
        tokens = statement.all_tokens()
        if any(t.kind == "BLOCK_STRING" for t in tokens):
            return False
        inside = tokens[len(statement.tokens) - 1:]  # from the `{` to the `}`
        if self.attachments.has_any(inside, before_first=False, after_last=False):
            return False
        return len(INDENT * depth + _joined(tokens, depth)) <= self.line_length

    def line(self, depth: int, tokens: Sequence[Token], leading_depth: int | None = None) -> None:
        """One line of tokens. Comments that belonged among them go on lines of their
        own before it, in their order; one after the last token stays at its end."""
        take = self.attachments
        for comment in take.take_before(tokens[0]):
            self._comment(depth if leading_depth is None else leading_depth, comment)
        moved: list[CommentSyntax] = []
        for i, token in enumerate(tokens):
            if i:
                moved.extend(take.take_before(token))
            if i < len(tokens) - 1 and (after := take.take_after(token)) is not None:
                moved.append(after)
        for comment in moved:
            self._comment(depth, comment)
        text = INDENT * depth + _joined(tokens, depth)
        end = take.take_after(tokens[-1])
        if end is not None:
            text += "  " + end.text.rstrip()
        self.lines.append(text)

    def _comment(self, depth: int, comment: CommentSyntax) -> None:
        self.lines.append(INDENT * depth + comment.text.rstrip())


def _joined(tokens: Sequence[Token], depth: int) -> str:
    parts: list[str] = []
    for i, token in enumerate(tokens):
        if i and not (token.kind == "RBRACE" and tokens[i - 1].kind == "LBRACE"):
            parts.append(" ")
        parts.append(reindent(token.text, depth) if token.kind == "BLOCK_STRING" else token.text)
    return "".join(parts)

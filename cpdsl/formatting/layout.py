"""The canonical layout of a plan's syntax tree.

Two-space indentation and one statement a line; a block that fits in the line length
(in display columns: a wide character counts two) and holds no comment and no
triple-quoted text stays on one line. Blank lines are kept (one at most) only between
top-level statements and comments, where the author had them. Words are never changed, only the whitespace between them.

A suppression comment (`# cplint: ignore[...]`) covers lines, so the layout must not
move a token onto or off a line it covers: a statement with a token on such a line keeps
the author's line breaks (statements sharing a line with it too), only re-indented; and
the blank line that ends the reach of an own-line suppression is kept, even in a block.
"""

from __future__ import annotations

from collections.abc import Sequence

from cpdsl.formatting.comments import Attachments, is_line_suppression, suppressed_lines
from cpdsl.formatting.sorting import sorted_statements
from cpdsl.formatting.text_blocks import INDENT, reindent
from cpdsl.parsing.syntax import CommentSyntax, PlanSyntax, Statement, Token


def lay_out(plan: PlanSyntax, line_length: int, sort: bool = False) -> str:
    """The plan laid out; with `sort`, its top-level statements in the recommended order
    (cpdsl.formatting.sorting), each with its comments."""
    tokens = list(plan.header) + [t for s in plan.statements for t in s.all_tokens()]
    writer = _Writer(Attachments(plan, tokens + [plan.close]), line_length,
                     suppressed_lines(plan))
    writer.plan(plan, sort)
    if writer.attachments.left():
        raise AssertionError("a comment found no place in the layout")
    return "\n".join(writer.lines) + "\n"


class _Writer:
    def __init__(self, attachments: Attachments, line_length: int,
                 pinned: frozenset[int] = frozenset()) -> None:
        self.attachments = attachments
        self.line_length = line_length
        self.pinned = pinned  # the lines a suppression comment covers
        self.lines: list[str] = []
        self.last_line: int | None = None  # where the last top-level item ended, as written

    def plan(self, plan: PlanSyntax, sort: bool = False) -> None:
        self._comments_before(plan.header[0], 0)
        self._gap(plan.header[0].line)
        whole = Statement("plan", plan.header, plan.statements, plan.close)
        if self._shares_a_pinned_line(whole):
            self._by_lines(_with_depths(whole, 0))
        else:
            self._plan_body(plan, sort)
        self.last_line = plan.close.line
        for comment in self.attachments.trailing:
            self._gap(comment.line)
            self._comment(0, comment)
        self.attachments.trailing = []

    def _plan_body(self, plan: PlanSyntax, sort: bool) -> None:
        if plan.header[0].line < plan.header[-1].line and self._on_pinned_lines(plan.header):
            self._by_lines([(token, 0) for token in plan.header])
        else:
            self.line(0, plan.header)
        # A blank line goes before a statement (or its comments) where the author had one
        # after the statement before it in the file: sorted, it may follow another.
        statements = plan.statements
        came_after = {id(s): statements[i - 1].end_line if i else None
                      for i, s in enumerate(statements)}
        ordered = sorted_statements(statements, self.pinned) if sort else statements
        for n, run in enumerate(self._runs(ordered)):
            self.last_line = came_after[id(run[0])] if n else None  # none after `{`
            self._comments_before(run[0].tokens[0], 1)
            self._gap(run[0].line)
            self._run(run, 1)
        self.last_line = statements[-1].end_line if statements else None
        self._comments_before(plan.close, 1)
        self.line(0, [plan.close])

    def _shares_a_pinned_line(self, plan: Statement) -> bool:
        """Whether the plan's `{` or `}` shares a line a suppression covers with what
        follows or precedes it: then the whole plan keeps its line breaks."""
        opening = plan.tokens[-1].line
        after_opening = plan.block[0].line if plan.block else plan.close.line
        before_close = plan.block[-1].end_line if plan.block else opening
        return ((opening == after_opening and opening in self.pinned)
                or (before_close == plan.close.line and before_close in self.pinned))

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
        for run in self._runs(statement.block):
            self._run(run, depth + 1)
        self.line(depth, [statement.close], leading_depth=depth + 1)

    def _runs(self, statements: Sequence[Statement]) -> list[list[Statement]]:
        """The statements, those that share a line covered by a suppression together."""
        runs: list[list[Statement]] = []
        for statement in statements:
            if runs and statement.line == runs[-1][-1].end_line in self.pinned:
                runs[-1].append(statement)
            else:
                runs.append([statement])
        return runs

    def _run(self, run: list[Statement], depth: int) -> None:
        if len(run) == 1 and not self._is_pinned(run[0]):
            self.statement(run[0], depth)
            return
        # A suppression covers a line of these statements: keep the author's line breaks.
        self._by_lines([pair for statement in run for pair in _with_depths(statement, depth)])

    def _by_lines(self, placed: list[tuple[Token, int]]) -> None:
        """Tokens (each with its depth) on the lines they were on, re-indented."""
        start = 0
        for i in range(1, len(placed) + 1):
            if i == len(placed) or placed[i][0].line > placed[i - 1][0].end_line:
                first, line_depth = placed[start]
                leading = line_depth + 1 if first.kind == "RBRACE" else None
                self.line(line_depth, [t for t, _ in placed[start:i]], leading_depth=leading)
                start = i

    def _is_pinned(self, statement: Statement) -> bool:
        if not self.pinned:
            return False
        if statement.block is None and statement.line == statement.end_line:
            return False  # alone on its line: laid out as it was
        return self._on_pinned_lines(statement.all_tokens())

    def _on_pinned_lines(self, tokens: Sequence[Token]) -> bool:
        """Whether a token is on a line a suppression covers."""
        return any(line in self.pinned
                   for token in tokens for line in range(token.line, token.end_line + 1))

    def _fits_on_one_line(self, statement: Statement, depth: int) -> bool:
        tokens = statement.all_tokens()
        if any(t.kind == "BLOCK_STRING" for t in tokens):
            return False
        inside = tokens[len(statement.tokens) - 1:]  # from the `{` to the `}`
        if self.attachments.has_any(inside, before_first=False, after_last=False):
            return False
        return display_width(INDENT * depth + _joined(tokens, depth)) <= self.line_length

    def line(self, depth: int, tokens: Sequence[Token], leading_depth: int | None = None) -> None:
        """One line of tokens. Comments that belonged among them go on lines of their
        own before it, in their order; one after the last token stays at its end."""
        take = self.attachments
        self._own_line_comments(depth if leading_depth is None else leading_depth,
                                take.take_before(tokens[0]), tokens[0])
        for i, token in enumerate(tokens):
            if i:
                self._own_line_comments(depth, take.take_before(token), token)
            if i < len(tokens) - 1 and (after := take.take_after(token)) is not None:
                self._comment(depth, after)
        text = INDENT * depth + _joined(tokens, depth)
        end = take.take_after(tokens[-1])
        if end is not None:
            text += "  " + end.text.rstrip()
        self.lines.append(text)

    def _own_line_comments(self, depth: int, comments: list[CommentSyntax],
                           token: Token) -> None:
        """Comments that stood on lines of their own before `token`. A blank line after a
        suppression ends its reach (cpdsl.suppressions): it is kept, even in a block."""
        for i, comment in enumerate(comments):
            self._comment(depth, comment)
            following = comments[i + 1].line if i + 1 < len(comments) else token.line
            if following > comment.line + 1 and is_line_suppression(comment):
                self.lines.append("")

    def _comment(self, depth: int, comment: CommentSyntax) -> None:
        self.lines.append(INDENT * depth + comment.text.rstrip())


def display_width(text: str) -> int:
    """How many columns a terminal or editor gives the text: East Asian wide and
    full-width characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    from unicodedata import combining, east_asian_width

    return sum(0 if combining(c) else 2 if east_asian_width(c) in "WF" else 1 for c in text)


def _with_depths(statement: Statement, depth: int) -> list[tuple[Token, int]]:
    """Every token of a statement with the depth of the statement it belongs to."""
    found = [(token, depth) for token in statement.tokens]
    for inner in statement.block or ():
        found.extend(_with_depths(inner, depth + 1))
    if statement.close is not None:
        found.append((statement.close, depth))
    return found


def _joined(tokens: Sequence[Token], depth: int) -> str:
    parts: list[str] = []
    for i, token in enumerate(tokens):
        if i and not (token.kind == "RBRACE" and tokens[i - 1].kind == "LBRACE"):
            parts.append(" ")
        parts.append(reindent(token.text, depth) if token.kind == "BLOCK_STRING" else token.text)
    return "".join(parts)

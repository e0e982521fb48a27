"""Cut a plan's text into top-level pieces before parsing.

One fast scan (strings, comments and braces only) finds the plan header, the start of
every top-level statement and the plan's closing brace. Each piece is then parsed on its
own, so a syntax error stays inside its piece, and the language server can re-parse just
the pieces an edit touched. The scan also collects comments, which the grammar ignores.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

from cpdsl.model import Comment, Span

# What the scan must see: block strings, strings, comments, braces and newlines.
_SIGNIFICANT = re.compile(r'"""[\s\S]*?(?:"""|\Z)|"(?:[^"\\\n]|\\.)*"?|#[^\r\n]*|[{}]|\n')
_LINE_START = re.compile(r"[ \t\f\r]*([A-Za-z][A-Za-z0-9_-]*|[^\s#}])?")
_INDENT = re.compile(r"[ \t\f\r]*")
_ONLY_SPACE_AND_COMMENTS = re.compile(r"(?:\s+|#[^\n]*)*")
_FIRST_WORD = re.compile(r"[^\s{}\"#]+|[{}\"]")


class Chunk(NamedTuple):
    """A piece of text to parse with one start symbol: `plan_header` or `plan_items`."""

    start: int
    end: int
    line: int
    column: int
    start_symbol: str


class Problem(NamedTuple):
    """A fault in the plan's outline, found before any piece is parsed."""

    message: str
    span: Span
    plan_unclosed: bool = False  # the plan's `{` is never closed


class Outline(NamedTuple):
    chunks: tuple[Chunk, ...]
    comments: tuple[Comment, ...]
    problems: tuple[Problem, ...]


def outline(text: str, top_level: Collection[str], top_level_only: Collection[str]) -> Outline:
    """Find the pieces of `text`.

    A piece starts at each line that begins with a keyword in `top_level` (a line that
    begins otherwise continues the statement above). A line inside a block that begins
    with a keyword in `top_level_only` (never valid in a block), indented no deeper than
    the block's first line, means the block was never closed.
    """
    return _Scanner(text, top_level, top_level_only).run()


class _Scanner:
    def __init__(self, text: str, top_level: Collection[str],
                 top_level_only: Collection[str]) -> None:
        self.text = text
        self.top_level = top_level
        self.top_level_only = top_level_only
        self.chunks: list[Chunk] = []
        self.comments: list[Comment] = []
        self.problems: list[Problem] = []
        self.line = 1
        self.line_start = 0
        self.chunk_start: tuple[int, int, int] | None = None  # offset, line, column
        self.parse_header = True  # False when the header's first word was not `plan`

    def run(self) -> Outline:
        first = _ONLY_SPACE_AND_COMMENTS.match(self.text).end()
        word = _FIRST_WORD.match(self.text, first)
        if word is None:
            self._collect_comments_only()
            what = "holds only comments" if self.comments else "is empty"
            self.problems.append(Problem(
                f'the file {what}: a plan starts with `plan "Title" {{`', Span(1, 1, 1, 1)))
            return self._outline()
        has_header = word.group() == "plan"
        if not has_header:
            self.problems.append(Problem(
                f'a plan file starts with `plan "Title" {{`, not `{word.group()}`',
                self._span_at(word.start(), word.end())))
            # `title "..." {` is a plan header with a slip in its first word
            line_end = self.text.find("\n", word.start())
            first_line = self.text[word.start():line_end if line_end >= 0 else len(self.text)]
            self.parse_header = False
            has_header = word.group() not in self.top_level and "{" in first_line
        self._scan(has_header)
        return self._outline()

    def _outline(self) -> Outline:
        return Outline(tuple(self.chunks), tuple(self.comments), tuple(self.problems))

    def _scan(self, has_header: bool) -> None:
        text = self.text
        depth = 0 if has_header else 1
        opened: list[int] = []  # indentation of the lines that opened the open braces
        plan_brace: int | None = None if has_header else -1
        closed_at: int | None = None
        if not has_header:
            self._begin(0)
        for match in _SIGNIFICANT.finditer(text):
            start = match.start()
            char = text[start]
            if char == "\n":
                self._newline(match.end())
                if depth >= 1:
                    depth = self._maybe_split(depth, opened)
            elif char == "{":
                depth += 1
                opened.append(self._indent())
                if plan_brace is None:
                    plan_brace = start
                    if self.parse_header:
                        self._add(0, start + 1, 1, 1, "plan_header")
                    self._begin(start + 1)
            elif char == "}":
                if opened:
                    opened.pop()
                depth -= 1
                if depth == 0 and plan_brace is not None and closed_at is None:
                    closed_at = start
                    self._end(start)
                    self._begin(start + 1)
                depth = max(depth, 0)
            elif char == "#":
                self.comments.append(self._comment(start, match.end()))
            elif match.group().startswith('"""'):
                self._advance_lines(start, match.end())
        self._finish(has_header, plan_brace, closed_at, depth)

    def _finish(self, has_header: bool, plan_brace: int | None, closed_at: int | None,
                depth: int) -> None:
        text = self.text
        if plan_brace is None:  # `plan ...` with no `{` at all: parse it as a header
            if self.parse_header:
                self._add(0, len(text), 1, 1, "plan_header")
            return
        last = self._final_brace()
        if closed_at is None and has_header:
            if last is not None and last > plan_brace and self._column_of(last) == 1:
                self._end(last)  # the last `}` closes the plan; an inner block is unclosed
                return
            self.problems.append(Problem(
                "this `{` that opens the plan is never closed: add `}` at the end of the file",
                self._span_at(plan_brace, plan_brace + 1), plan_unclosed=True))
        if closed_at is None:
            self._end(len(text))
            return
        stray = _ONLY_SPACE_AND_COMMENTS.match(text, closed_at + 1).end()
        if stray < len(text):
            word = _FIRST_WORD.match(text, stray)
            line = self._line_of(closed_at)
            self.problems.append(Problem(
                f"text after the end of the plan (the `}}` on line {line} closes it); "
                "is there one `}` too many above?",
                self._span_at(stray, word.end() if word else stray + 1)))
        # The file's last `}` was meant to close the plan: leave it out of the stray text.
        self._end(last if last is not None and last > closed_at else len(text))

    def _final_brace(self) -> int | None:
        """Where the file's last `}` is, if nothing but spaces and comments follow it."""
        last = self.text.rstrip().rfind("}")
        if last >= 0 and _ONLY_SPACE_AND_COMMENTS.fullmatch(self.text, last + 1):
            return last
        return None

    def _maybe_split(self, depth: int, opened: list[int]) -> int:
        """At a line start: a top-level statement begins here, or an unclosed block ends."""
        word = _LINE_START.match(self.text, self.line_start).group(1)
        if word is None:
            return depth
        if depth == 1:
            if word in self.top_level:
                self._split()
        elif word in self.top_level_only and opened and self._indent() <= opened[-1]:
            del opened[1:]
            self._split()
            return 1
        return depth

    def _indent(self) -> int:
        """How far the current line is indented: an unclosed block shows in it."""
        return _INDENT.match(self.text, self.line_start).end() - self.line_start

    def _newline(self, after: int) -> None:
        self.line += 1
        self.line_start = after

    def _advance_lines(self, start: int, end: int) -> None:
        newlines = self.text.count("\n", start, end)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", start, end) + 1

    def _begin(self, offset: int) -> None:
        self.chunk_start = (offset, self.line, offset - self.line_start + 1)

    def _end(self, offset: int) -> None:
        if self.chunk_start is not None:
            start, line, column = self.chunk_start
            if offset > start:
                self._add(start, offset, line, column, "plan_items")
        self.chunk_start = None

    def _split(self) -> None:
        if self.chunk_start is not None:
            self._end(self.line_start)
            self._begin(self.line_start)

    def _add(self, start: int, end: int, line: int, column: int, symbol: str) -> None:
        if symbol == "plan_items" and not _has_content(self.text, start, end):
            return
        self.chunks.append(Chunk(start, end, line, column, symbol))

    def _collect_comments_only(self) -> None:
        for match in _SIGNIFICANT.finditer(self.text):
            if match.group() == "\n":
                self._newline(match.end())
            elif match.group().startswith("#"):
                self.comments.append(self._comment(match.start(), match.end()))

    def _comment(self, start: int, end: int) -> Comment:
        column = start - self.line_start + 1
        span = Span(self.line, column, self.line, column + end - start)
        return Comment(self.text[start:end], span)

    def _line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def _column_of(self, offset: int) -> int:
        return offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def _span_at(self, start: int, end: int) -> Span:
        line, column = self._line_of(start), self._column_of(start)
        end_line = line + self.text.count("\n", start, end)
        end_column = self._column_of(end) if end_line != line else column + (end - start)
        return Span(line, column, end_line, end_column)


def _has_content(text: str, start: int, end: int) -> bool:
    return _ONLY_SPACE_AND_COMMENTS.match(text, start, end).end() < end

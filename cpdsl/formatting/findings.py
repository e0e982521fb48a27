"""The check that formatting changes no verdict: the same findings, on the same statements.

A layout moves tokens between lines, and findings are reported by line and suppressed by
line (`# cplint: ignore[...]`), so a plan's findings could change although its model did
not. Each finding is compared by its code, its message and the places it points at, each
place taken as what lies there rather than as a line and column:

- unsorted, a place is the number of characters other than whitespace and comments
  before it, which only words can change, and the formatter changes none (it moves some
  comments, so they are not counted);
- sorted, a place is the top-level statement it lies in (its words) and that count from
  the statement's start;
- a place at a comment is that comment: unsorted, the how-manyth; sorted, its text (the
  sorted check has already seen each comment kept with its statement).

A line number in a message ("already defined on line 12") moves with the layout: it is
left out of the comparison, as the places are compared.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cpdsl.diagnostics import Diagnostic
from cpdsl.formatting.comments import words_of
from cpdsl.model import Comment
from cpdsl.parsing import ParseResult
from cpdsl.parsing.syntax import PlanSyntax

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis

_LINE_IN_MESSAGE = re.compile(r"\bline (\d+)")
Place = tuple[int, int]  # line, column: 1-based


def findings_problem(before: Analysis, after: ParseResult, after_text: str,
                     sorted_syntax: tuple[PlanSyntax, PlanSyntax | None] | None = None
                     ) -> str | None:
    """Why the findings of the formatted text differ from the original's, or None. The
    formatted text is checked as the original was (its settings)."""
    from cpdsl.analysis import analyse_parsed
    from cpdsl.parsing import with_line_feeds

    before_text = with_line_feeds(before.text)  # places are counted by line feeds
    kept = _compared(before.diagnostics, before_text, before.comments,
                     sorted_syntax[0] if sorted_syntax else None)
    found_after = analyse_parsed(after, after_text, **before.settings._asdict()).diagnostics
    found = _compared(found_after, after_text, after.comments,
                      sorted_syntax[1] if sorted_syntax else None)
    if kept == found:
        return None
    lost = sorted(kept - found)
    gained = sorted(found - kept)
    if lost:
        return f"the formatted text would lose the finding {lost[0][0]} ({lost[0][1]})"
    return f"the formatted text would gain the finding {gained[0][0]} ({gained[0][1]})"


def _compared(diagnostics: Sequence[Diagnostic], text: str, comments: Sequence[Comment],
              syntax: PlanSyntax | None) -> Counter:
    places = _Places(text, comments, syntax, _every_place(diagnostics))
    found: Counter = Counter()
    for d in diagnostics:
        message = _LINE_IN_MESSAGE.sub("line N", d.message)
        related = tuple((r.message, places.of((r.span.line, r.span.column)))
                        for r in d.related)
        start = places.of((d.span.line, d.span.column))
        end = None if start[0] == "comment" else places.of((d.span.end_line, d.span.end_column))
        found[d.code, message, start, end, related] += 1
    return found


def _every_place(diagnostics: Sequence[Diagnostic]) -> list[Place]:
    wanted: list[Place] = []
    for d in diagnostics:
        wanted += [(d.span.line, d.span.column), (d.span.end_line, d.span.end_column)]
        wanted += [(r.span.line, r.span.column) for r in d.related]
    return wanted


class _Places:
    """Places as what lies there; counts of words' characters found in one pass."""

    def __init__(self, text: str, comments: Sequence[Comment], syntax: PlanSyntax | None,
                 wanted: list[Place]) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.syntax = syntax
        groups: list[tuple[Place, Place, tuple[str, ...]]] = []
        if syntax is not None:
            for tokens in (syntax.header, *(s.all_tokens() for s in syntax.statements),
                           (syntax.close,)):
                groups.append(((tokens[0].line, tokens[0].column),
                               (tokens[-1].end_line, tokens[-1].end_column),
                               tuple(map(words_of, tokens))))
            wanted = wanted + [start for start, _, _ in groups]
        self.groups = sorted(groups)
        self.comments = {(c.span.line, c.span.column): (i, c.text)
                         for i, c in enumerate(comments)}
        self.words = self._without_comments(comments)
        self.counts = self._count(sorted(set(map(self._offset, wanted))))

    def of(self, place: Place) -> tuple:
        offset = self._offset(place)
        if place in self.comments:
            number, text = self.comments[place]
            return ("comment", text if self.syntax else number)
        if self.syntax is None:
            return ("words before", self._words_before(offset))
        i = bisect.bisect_right(self.groups, (place, (1 << 62, 0), ())) - 1
        if i < 0 or place > self.groups[i][1]:
            return ("between statements",)
        start, _, words = self.groups[i]
        return (words, self._words_before(offset) - self._words_before(self._offset(start)))

    def _offset(self, place: Place) -> int:
        line, column = place
        if line > len(self.line_starts):
            return len(self.text)
        return min(self.line_starts[line - 1] + column - 1, len(self.text))

    def _words_before(self, offset: int) -> int:
        return self.counts[offset]

    def _without_comments(self, comments: Sequence[Comment]) -> str:
        """The text with each comment blanked out, as long as it was."""
        parts, done = [], 0
        for comment in comments:
            start = self._offset((comment.span.line, comment.span.column))
            parts += [self.text[done:start], " " * len(comment.text)]
            done = start + len(comment.text)
        return "".join(parts) + self.text[done:]

    def _count(self, offsets: list[int]) -> dict[int, int]:
        counts: dict[int, int] = {}
        done, total = 0, 0
        for offset in offsets:
            if offset < done:  # asked for later, out of order: count from the start
                done, total = 0, 0
            total += len("".join(self.words[done:offset].split()))
            done = offset
            counts[offset] = total
        return counts

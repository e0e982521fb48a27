"""Which token each comment belongs to.

An own-line comment (nothing but spaces before it on its line) belongs before the next
token in the file: the next statement's keyword, or the `}` it stands before. An
end-of-line comment belongs after the last token before it on its line. Comments after
the plan's `}` on lines of their own belong to the end of the file.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from cpdsl.parsing.syntax import CommentSyntax, PlanSyntax, Token


class Attachments:
    """The comments by token, taken out as they are written so none is written twice."""

    def __init__(self, plan: PlanSyntax, tokens: Iterable[Token]) -> None:
        self.before: dict[tuple[int, int], list[CommentSyntax]] = {}
        self.after: dict[tuple[int, int], CommentSyntax] = {}
        self.trailing: list[CommentSyntax] = []  # after the plan, on lines of their own
        ordered = sorted(tokens, key=lambda t: (t.line, t.column))
        starts = [(t.line, t.column) for t in ordered]
        for comment in plan.comments:
            place = (comment.line, comment.column)
            i = bisect.bisect(starts, place)
            if not comment.own_line and i > 0:
                self.after[starts[i - 1]] = comment
            elif i < len(ordered):
                self.before.setdefault(starts[i], []).append(comment)
            else:
                self.trailing.append(comment)

    def take_before(self, token: Token) -> list[CommentSyntax]:
        return self.before.pop((token.line, token.column), [])

    def take_after(self, token: Token) -> CommentSyntax | None:
        return self.after.pop((token.line, token.column), None)

    def has_any(self, tokens: Iterable[Token], before_first: bool, after_last: bool) -> bool:
        """Whether comments belong among `tokens` (at either end only when asked)."""
        tokens = list(tokens)
        for i, token in enumerate(tokens):
            key = (token.line, token.column)
            if key in self.before and (i > 0 or before_first):
                return True
            if key in self.after and (i < len(tokens) - 1 or after_last):
                return True
        return False

    def left(self) -> int:
        return sum(map(len, self.before.values())) + len(self.after) + len(self.trailing)

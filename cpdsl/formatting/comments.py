"""Which token each comment belongs to.

An own-line comment (nothing but spaces before it on its line) belongs before the next
token in the file: the next statement's keyword, or the `}` it stands before. An
end-of-line comment belongs after the last token before it on its line. Comments after
the plan's `}` on lines of their own belong to the end of the file.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

from cpdsl.parsing.syntax import CommentSyntax, PlanSyntax, Token
from cpdsl.parsing.transform import normalise_block


def is_line_suppression(comment: CommentSyntax) -> bool:
    """An `ignore[...]` suppression, as cpdsl.suppressions reads it (an `ignore-file`
    covers no line in particular)."""
    from cpdsl.suppressions import covers_lines

    return covers_lines(comment.text)


def suppressed_lines(plan: PlanSyntax) -> frozenset[int]:
    """The lines the plan's `ignore[...]` comments cover (cpdsl.suppressions): an
    end-of-line one its own; one alone on its line the next line that is not a comment."""
    own_lines = {c.line for c in plan.comments if c.own_line}
    covered = set()
    for comment in filter(is_line_suppression, plan.comments):
        line = comment.line
        if comment.own_line:
            line += 1
            while line in own_lines:
                line += 1
        covered.add(line)
    return frozenset(covered)


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


def comments_by_statement(plan: PlanSyntax) -> Counter[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each top-level statement (as its words) with the comments that belong to it, in
    order; the plan's header, its `}` and the end of the file count as statements too.

    Sorting moves statements with their comments: this is what it must keep. A
    triple-quoted text counts by its value, as the formatter re-indents it."""
    groups = [list(plan.header), *([*s.all_tokens()] for s in plan.statements), [plan.close]]
    attachments = Attachments(plan, [t for group in groups for t in group])
    found: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter()
    for group in groups:
        texts: list[str] = []
        for token in group:
            texts.extend(c.text.rstrip() for c in attachments.take_before(token))
            if (after := attachments.take_after(token)) is not None:
                texts.append(after.text.rstrip())
        found[tuple(map(words_of, group)), tuple(texts)] += 1
    found[("<end of file>",), tuple(c.text.rstrip() for c in attachments.trailing)] += 1
    return found


def words_of(token: Token) -> str:
    """A token's words: a triple-quoted text by its value, which re-indenting keeps."""
    if token.kind == "BLOCK_STRING":
        return normalise_block(token.text[3:-3].replace("\r\n", "\n"))
    return token.text

"""The check every formatting passes: nothing meant and no comment lost.

The formatted text must parse without a syntax error to a plan equal to the original's
(spans are out of the model's equality), with the same comments in the same order
(trailing spaces aside: the formatter strips them).

Sorted (`sorted_syntax` given), the comments are compared as a multiset, since moving
statements moves them, and each must still be with its statement: the comments that
belong to each top-level statement (cpdsl.formatting.comments) must be the same.
"""

from __future__ import annotations

from collections import Counter

from cpdsl.formatting.comments import comments_by_statement
from cpdsl.parsing import ParseResult
from cpdsl.parsing.syntax import PlanSyntax


def check_same(before: ParseResult, after: ParseResult,
               sorted_syntax: tuple[PlanSyntax, PlanSyntax | None] | None = None) -> str | None:
    """Why `after` does not say what `before` says, or None when it does. For a sorted
    layout, `sorted_syntax` is the syntax of the text before and after."""
    if after.syntax_errors:
        error = after.syntax_errors[0]
        return (f"the formatted text would not parse (line {error.span.line}: "
                f"{error.message})")
    if after.plan != before.plan:
        return "the formatted text would change the plan's meaning"
    kept = [c.text.rstrip() for c in before.comments]
    found = [c.text.rstrip() for c in after.comments]
    if sorted_syntax is not None:
        return _check_sorted(kept, found, *sorted_syntax)
    if kept != found:
        missing = next((c for c, f in zip(kept, found, strict=False) if c != f),
                       kept[len(found)] if len(kept) > len(found) else None)
        what = f" (first: {missing!r})" if missing is not None else ""
        return f"the formatted text would lose or move a comment{what}"
    return None


def _check_sorted(kept: list[str], found: list[str], before: PlanSyntax,
                  after: PlanSyntax | None) -> str | None:
    if Counter(kept) != Counter(found):
        missing = sorted((Counter(kept) - Counter(found)) or (Counter(found) - Counter(kept)))
        return f"the formatted text would lose or add a comment (first: {missing[0]!r})"
    if after is None or comments_by_statement(before) != comments_by_statement(after):
        return "the formatted text would move a comment away from its statement"
    return None

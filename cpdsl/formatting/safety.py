"""The check every formatting passes: nothing meant and no comment lost, and a layout
that formatting again leaves as it is (black's stability check: a formatter that moves
things on every run would have `fmt --check` fail on the text it wrote).

The formatted text must parse without a syntax error to a plan equal to the original's
(spans are out of the model's equality), with the same comments in the same order
(trailing spaces aside: the formatter strips them).

Sorted (`sorted_syntax` given), the comments are compared as a multiset, since moving
statements moves them, and each must still be with its statement: the comments that
belong to each top-level statement (cpdsl.formatting.comments) must be the same. The
plan's repeated statements are compared by keyword, the order sorting keeps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import attrs

from cpdsl.formatting.comments import comments_by_statement
from cpdsl.model import Plan
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
    if _plan(after, sorted_syntax) != _plan(before, sorted_syntax):
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


def check_stable(formatted: str, again: Callable[[], str]) -> str | None:
    """Why formatting `formatted` once more (`again()`) would change it, or None."""
    try:
        second = again()
    except AssertionError as error:  # the layout's own check, as for the first formatting
        return f"formatting the formatted text again would fail: {error}"
    if second == formatted:
        return None
    first, then = formatted.split("\n"), second.split("\n")
    line = next((n for n, (a, b) in enumerate(zip(first, then, strict=False), 1) if a != b),
                min(len(first), len(then)) + 1)
    return f"formatting the formatted text again would change it (first at line {line})"


def _plan(parsed: ParseResult, sorted_syntax) -> Plan:
    """The plan to compare. Sorted, statements given twice (`chair a` ... `chair b`) keep
    their order within each keyword, but not across keywords: compare them by keyword."""
    plan = parsed.plan
    if sorted_syntax is None or not plan.repeats:
        return plan
    by_keyword = sorted(plan.repeats, key=lambda repeat: repeat.keyword)  # stable
    return attrs.evolve(plan, repeats=tuple(by_keyword))


def _check_sorted(kept: list[str], found: list[str], before: PlanSyntax,
                  after: PlanSyntax | None) -> str | None:
    if Counter(kept) != Counter(found):
        missing = sorted((Counter(kept) - Counter(found)) or (Counter(found) - Counter(kept)))
        return f"the formatted text would lose or add a comment (first: {missing[0]!r})"
    if after is None or comments_by_statement(before) != comments_by_statement(after):
        return "the formatted text would move a comment away from its statement"
    return None

"""The check every formatting passes: nothing meant and no comment lost.

The formatted text must parse without a syntax error to a plan equal to the original's
(spans are out of the model's equality), with the same comments in the same order
(trailing spaces aside: the formatter strips them).
"""

from __future__ import annotations

from cpdsl.parsing import ParseResult


def check_same(before: ParseResult, after: ParseResult) -> str | None:
    """Why `after` does not say what `before` says, or None when it does."""
    if after.syntax_errors:
        error = after.syntax_errors[0]
        return (f"the formatted text would not parse (line {error.span.line}: "
                f"{error.message})")
    if after.plan != before.plan:
        return "the formatted text would change the plan's meaning"
    kept = [c.text.rstrip() for c in before.comments]
    found = [c.text.rstrip() for c in after.comments]
    if kept != found:
        missing = next((c for c, f in zip(kept, found, strict=False) if c != f),
                       kept[len(found)] if len(kept) > len(found) else None)
        what = f" (first: {missing!r})" if missing is not None else ""
        return f"the formatted text would lose or move a comment{what}"
    return None

""""Did you mean ...?" for misspelt keywords, values and ids."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, if one is close enough to be a likely slip."""
    options = list(candidates)
    folded = {c.lower().replace("_", "-"): c for c in options}
    key = word.lower().replace("_", "-")
    if key in folded:
        return folded[key]
    import difflib  # only on a slip: it is slow to import

    match = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.7)
    return folded[match[0]] if match else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`; did you mean `x`?` or nothing."""
    match = closest(word, candidates)
    return f"; did you mean `{match}`?" if match else ""

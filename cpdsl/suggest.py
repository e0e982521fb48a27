""""Did you mean ...?" for misspelt keywords, values and ids."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, if one is close enough to be a likely slip."""
    matches = close_matches(word, candidates)
    return matches[0] if matches else None


def only_match(word: str, candidates: Iterable[str]) -> str | None:
    """The one candidate close enough to `word` to be what was meant, or None when there
    is none or several: only then is replacing the word safe."""
    matches = close_matches(word, candidates)
    return matches[0] if len(matches) == 1 else None


def close_matches(word: str, candidates: Iterable[str]) -> list[str]:
    """The candidates close enough to `word` to be a likely slip, likeliest first; only
    the one differing in case or `_` for `-`, when there is one."""
    folded = {c.lower().replace("_", "-"): c for c in candidates}
    key = word.lower().replace("_", "-")
    if key in folded:
        return [folded[key]]
    import difflib  # only on a slip: it is slow to import

    return [folded[m] for m in difflib.get_close_matches(key, list(folded), n=3, cutoff=0.7)]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`; did you mean `x`?` or nothing."""
    match = closest(word, candidates)
    return f"; did you mean `{match}`?" if match else ""

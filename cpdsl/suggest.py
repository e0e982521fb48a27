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

    # One slip of a finger (a letter missed, added, changed, or two swapped: `rai` for
    # `ria`) is likely whatever the similarity ratio says of a short word; then the ratio.
    slips = [c for c in folded if len(key) >= 3 and _one_slip(key, c)]
    similar = difflib.get_close_matches(key, list(folded), n=3, cutoff=0.7)
    ordered = sorted(slips, key=lambda c: -difflib.SequenceMatcher(None, key, c).ratio())
    return [folded[m] for m in dict.fromkeys([*ordered, *similar])][:3]


def _one_slip(word: str, other: str) -> bool:
    """Whether `other` is `word` with one letter missed, added or changed, or two
    neighbours swapped (an edit distance of one, transpositions counted as one)."""
    if word == other or abs(len(word) - len(other)) > 1:
        return False
    if len(word) == len(other):
        differ = [i for i, (a, b) in enumerate(zip(word, other)) if a != b]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and word[differ[0]] == other[differ[1]]
                                    and word[differ[1]] == other[differ[0]])
    shorter, longer = sorted((word, other), key=len)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1:] == shorter:
            return True
    return False


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`; did you mean `x`?` or nothing."""
    match = closest(word, candidates)
    return f"; did you mean `{match}`?" if match else ""

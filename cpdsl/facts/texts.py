"""Facts about the free text of a plan: whether a text says anything, and whether it is
still the placeholder an unsafe fix leaves for the author to fill in."""

from __future__ import annotations

from cpdsl import model as m

# What an unsafe skeleton fix writes where only the author knows the words.
PLACEHOLDER = "..."


def has_text(text: m.Text | None) -> bool:
    """Whether a text is there and says something: `""` and spaces do not."""
    return text is not None and bool((text.value or "").strip())


def is_placeholder(text: m.Text | None) -> bool:
    """Whether a text is a placeholder left to fill in: dots (or an ellipsis, as a word
    processor writes three dots) and spaces only: `"..."`, `" . . . "`, a triple-quoted
    block holding `...`. An empty text is not a placeholder: it says nothing, which the
    rules for empty text report."""
    if text is None:
        return False
    value = (text.value or "").strip()
    return bool(value) and not value.translate(_DOTS).strip()


_DOTS = str.maketrans("", "", ".\u2026")

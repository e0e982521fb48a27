"""Fixes as data: what would mend a finding, as edits of the plan's text (as ruff has them).

An `Edit` replaces the characters from `start` to `end` (offsets, end exclusive, into the
plan's text after any byte order mark, as cpdsl.lines counts them) with `new_text`; inserting is an empty range, deleting an empty
text. A `Fix` is a title and the edits made together, with its applicability:

- `safe`: the meaning is kept, applying it cannot be wrong (a misspelt id that has one
  likely meaning, a suppression that suppresses nothing);
- `unsafe`: a skeleton the author must fill in, or a change of meaning they must check
  (a `second-chair` naming the likeliest member, a suppression with a reason to write).

`cplint check --fix` applies the safe ones, `--unsafe-fixes` all; the language server
offers each as a quick fix.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import NamedTuple


class Applicability(enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(NamedTuple):
    start: int
    end: int
    new_text: str

    @classmethod
    def insert(cls, at: int, text: str) -> Edit:
        return cls(at, at, text)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")


class Fix(NamedTuple):
    title: str  # what it does, in a few words: "Replace `sma` with `sam`"
    edits: tuple[Edit, ...]
    applicability: Applicability

    @classmethod
    def safe(cls, title: str, *edits: Edit) -> Fix:
        return cls(title, tuple(sorted(edits)), Applicability.SAFE)

    @classmethod
    def unsafe(cls, title: str, *edits: Edit) -> Fix:
        return cls(title, tuple(sorted(edits)), Applicability.UNSAFE)

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with non-overlapping edits made (sorted here; they must not overlap)."""
    pieces, at = [], 0
    for edit in sorted(edits):
        if edit.start < at:
            raise ValueError(f"edits overlap at offset {edit.start}")
        pieces.append(text[at:edit.start])
        pieces.append(edit.new_text)
        at = edit.end
    pieces.append(text[at:])
    return "".join(pieces)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply as many of `fixes` as do not overlap one another, in order of place (the
    first wins where two touch one stretch of text, as in ruff: the others are tried again
    on the next pass, against the new text). Returns the text and the fixes applied."""
    chosen: list[Fix] = []
    taken_to = -1
    seen: set[tuple[Edit, ...]] = set()
    for fix in sorted(fixes, key=lambda f: (f.start, f.end, f.title)):
        if fix.edits in seen:  # two findings with one cure (a typo used twice on a line)
            continue
        if fix.start <= taken_to and chosen:
            continue
        chosen.append(fix)
        seen.add(fix.edits)
        taken_to = fix.end
    edits = [edit for fix in chosen for edit in fix.edits]
    return apply_edits(text, edits), chosen


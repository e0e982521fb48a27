"""A new text as edits of the old one, for an editor to apply: the fewest characters
replaced (so the cursor, folds and undo history of untouched text stay where they were),
and formatting as edits of whole lines, for range formatting."""

from __future__ import annotations

from cpdsl.fixes import Edit
from cpdsl.lines import Lines


def one_edit(old: str, new: str) -> tuple[Edit, ...]:
    """One edit replacing what differs between the texts (none when they are equal): the
    common start and end are kept."""
    if old == new:
        return ()
    start = 0
    shortest = min(len(old), len(new))
    while start < shortest and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return (Edit(start, end_old, new[start:end_new]),)


def line_edits(old: str, new: str, first_line: int = 1,
               last_line: int | None = None) -> tuple[Edit, ...]:
    """The changes from `old` to `new` as edits of whole lines, keeping only those that
    touch lines `first_line` to `last_line` of `old` (1-based, inclusive; all by default).

    A formatter changes lines, not characters: each run of changed lines is one edit, so
    formatting a selection changes that selection and leaves the rest as written."""
    import difflib  # only range formatting needs it: not on the lint path

    table = Lines(old)
    old_lines, new_lines = _split(old, table), _split(new, Lines(new))
    last_line = len(old_lines) if last_line is None else last_line
    edits: list[Edit] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            continue
        touched_first, touched_last = i1 + 1, max(i2, i1 + 1)
        if touched_last < first_line or touched_first > last_line:
            continue
        start = table.line_start(i1 + 1) if i1 < len(old_lines) else len(old)
        end = table.line_start(i2 + 1) if i2 < len(old_lines) else len(old)
        edits.append(Edit(start, end, "".join(new_lines[j1:j2])))
    return tuple(edits)


def _split(text: str, table: Lines) -> list[str]:
    """The lines of a text with their line ends, broken where cpdsl.lines breaks them
    (never at `\\v`, `\\f` or U+2028, as `str.splitlines` would)."""
    ends = [*table.starts[1:], len(text)]
    return [text[start:end] for start, end in zip(table.starts, ends, strict=True)
            if end > start]

"""Edits that mend a plan's text: replace a word, remove a statement or a comment.

Each takes the text (after any byte order mark) and its line table and returns an
`Edit` (cpdsl.fixes) in character offsets. A removal takes the whole line where the
removed text is all the line holds, so no blank line or trailing space is left behind.
"""

from __future__ import annotations

from cpdsl.fixes import Edit
from cpdsl.lines import Lines
from cpdsl.model import Span


def replace(lines: Lines, span: Span, new_text: str) -> Edit:
    start, end = lines.offsets(span)
    return Edit(start, end, new_text)


def remove(text: str, lines: Lines, span: Span) -> Edit:
    """Remove the text at `span`: with its whole lines when nothing else is on them,
    else with the spaces before it (and, at the start of a line, those after it)."""
    start, end = lines.offsets(span)
    line_start = lines.line_start(span.line)
    line_end = lines.line_end(span.end_line, text)
    before, after = text[line_start:start], text[end:line_end]
    if not before.strip() and not after.strip():
        next_line = lines.line_start(span.end_line + 1) if span.end_line < len(lines) else len(text)
        return Edit(line_start, next_line, "")
    if not before.strip():  # first on its line: keep the indentation, drop spaces after
        return Edit(start, end + len(after) - len(after.lstrip(" \t")), "")
    return Edit(start - (len(before) - len(before.rstrip(" \t"))), end, "")


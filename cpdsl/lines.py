"""Where each line of a text starts: places (line, column) to character offsets and back.

A span keeps its place as line and column (four numbers, the fewest a plan's thousands
of spans can hold); an edit is made in character offsets. One table per text converts
between them, built once per analysis. Lines end at `\n`, `\r\n` or a lone `\r`, as the
parser counts them; columns count code points. The text is the plan's after any byte
order mark, which is no part of the plan (without_bom).
"""

from __future__ import annotations

import bisect
import re

from cpdsl.model import Span

_LINE_END = re.compile(r"\r\n|\r|\n")


class Lines:
    """The offsets at which the lines of `text` start."""

    __slots__ = ("starts", "ends", "length")

    def __init__(self, text: str) -> None:
        breaks = list(_LINE_END.finditer(text))
        self.starts = [0, *(match.end() for match in breaks)]
        self.ends = [*(match.start() for match in breaks), len(text)]  # before each break
        self.length = len(text)

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based place; a place past the end of its line (its line
        break) or of the text is clamped to it (as an editor clamps a position)."""
        if line < 1:
            return self.starts[0]
        if line > len(self.starts):
            return self.length
        return min(self.starts[line - 1] + max(column, 1) - 1, self.ends[line - 1])

    def offsets(self, span: Span) -> tuple[int, int]:
        """A span's start and end as offsets (end exclusive)."""
        return self.offset(span.line, span.column), self.offset(span.end_line, span.end_column)

    def place(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of an offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        index = max(index, 0)
        return index + 1, offset - self.starts[index] + 1

    def line_start(self, line: int) -> int:
        return self.starts[min(max(line, 1), len(self.starts)) - 1]

    def line_end(self, line: int, text: str) -> int:
        """The offset of the end of a line's text (before its line break)."""
        if line >= len(self.starts):
            return self.length
        end = self.starts[line]
        if text[end - 1:end] == "\n":
            end -= 1
        if text[end - 1:end] == "\r":
            end -= 1
        return end

    def __len__(self) -> int:
        return len(self.starts)


def without_bom(text: str) -> tuple[str, str]:
    """The byte order mark (or "") and the plan's text after it, which edits count in."""
    return ("\ufeff", text[1:]) if text.startswith("\ufeff") else ("", text)

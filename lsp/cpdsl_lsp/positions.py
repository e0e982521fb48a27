"""Positions at the server's edge: the library's places (1-based lines and columns in code
points) and offsets against the client's (0-based lines, columns in the negotiated units).

One line table for the parser and the server (cpdsl.lines): lines end at `\\r\\n`, `\\r` or
`\\n` only, as LSP says, never at the other breaks `str.splitlines` knows (`\\v`, `\\f`,
U+2028...), which text pasted from Word can carry. Columns are counted in UTF-8 bytes,
UTF-16 code units or code points (UTF-32) as the client and server agreed. A byte order
mark is no part of the plan (the library's offsets count after it) but is a character of
the client's first line.
"""

from __future__ import annotations

from cpdsl.lines import Lines
from cpdsl.model import Span

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"

Position = tuple[int, int]  # the client's (line, character), both 0-based


def units(text: str, encoding: str) -> int:
    """How many of the encoding's units `text` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if char > "\uffff")


def _unit_width(char: str, encoding: str) -> int:
    if encoding == UTF32:
        return 1
    if encoding == UTF8:
        return len(char.encode("utf-8", "surrogatepass"))
    return 2 if char > "\uffff" else 1


class PositionMap:
    """Converts places and offsets of one text (the plan's, after any byte order mark)
    to the client's positions and back."""

    __slots__ = ("text", "lines", "encoding", "bom", "ascii")

    def __init__(self, text: str, encoding: str = UTF16, bom: bool = False,
                 lines: Lines | None = None) -> None:
        self.text = text
        self.lines = lines or Lines(text)
        self.encoding = encoding
        self.bom = bom  # the client's first line starts with U+FEFF, one character more
        self.ascii = text.isascii()  # then a column is a column in every encoding

    def _line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        return self.text[self.lines.line_start(line):self.lines.line_end(line, self.text)]

    def _bom_units(self, line: int) -> int:
        return units("\ufeff", self.encoding) if self.bom and line == 1 else 0

    # -- out: library -> client ------------------------------------------------------

    def position(self, line: int, column: int) -> Position:
        """The client's position of a 1-based place (clamped to the text)."""
        lines = self.lines
        if self.ascii and 1 <= line <= len(lines.starts):
            start = lines.starts[line - 1]
            width = lines.ends[line - 1] - start
            return line - 1, min(max(column, 1) - 1, width) + self._bom_units(line)
        return self.position_of_offset(lines.offset(line, column))

    def position_of_offset(self, offset: int) -> Position:
        offset = min(max(offset, 0), len(self.text))
        line, column = self.lines.place(offset)
        start = self.lines.line_start(line)
        character = units(self.text[start:start + column - 1], self.encoding)
        return line - 1, character + self._bom_units(line)

    def range(self, span: Span) -> tuple[Position, Position]:
        return self.position(span.line, span.column), self.position(span.end_line,
                                                                    span.end_column)

    def offsets_range(self, start: int, end: int) -> tuple[Position, Position]:
        return self.position_of_offset(start), self.position_of_offset(end)

    # -- in: client -> library -------------------------------------------------------

    def place(self, position: Position) -> tuple[int, int]:
        """The library's 1-based place of a client's position. A position past the end of
        its line is at the line's end, one past the last line at the end of the text, one
        inside a character (half a surrogate pair, a byte within UTF-8) at its start."""
        return self.lines.place(self.offset(position))

    def offset(self, position: Position) -> int:
        line_index, character = position
        if line_index < 0:
            return 0
        if line_index >= len(self.lines):
            return len(self.text)
        line = line_index + 1
        character -= self._bom_units(line)
        written = self._line_text(line)
        start = self.lines.line_start(line)
        if character <= 0:
            return start
        if self.encoding == UTF32 or written.isascii():
            return start + min(character, len(written))
        counted = 0
        for index, char in enumerate(written):
            counted += _unit_width(char, self.encoding)
            if counted > character:
                return start + index
        return start + len(written)

    def end(self) -> Position:
        return self.position_of_offset(len(self.text))

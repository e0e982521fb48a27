"""The notes file's Markdown as the reader needs it: the `Plan:` line, the notes heading
`# NOTES OF CORE GROUP MEETING HELD (...)` and the notes' `## N. TITLE` sections up to the
next level-1 heading (the forms after the notes) or the end of the file. Everything
before the notes heading but the Plan line is the agenda and the pack's findings: not
read. Every line keeps its number, so that a problem is reported where it is."""

from __future__ import annotations

import re

import attrs

NOTES_HEADING = "NOTES OF CORE GROUP MEETING HELD"
PLAN_LINE = "Plan:"
_LINE_END = re.compile(r"\r\n|\r|\n")  # as the plan's lines end (cpdsl.lines)
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\Z")
_NUMBERED = re.compile(r"(\d+)\.[ \t]*(.*)\Z")
# The escapes the pack writes into plan text (cpdsl.pack.markdown): read back as the text.
_ESCAPED = re.compile(r"\\([\\`*_\[\]<>#|])")


@attrs.frozen
class Line:
    number: int  # 1-based
    text: str  # as written, without its line end

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def column_of(self, part: str) -> int:
        """The 1-based column where `part` starts on this line (1 if it is not there)."""
        found = self.text.find(part) if part else -1
        return found + 1 if found >= 0 else 1


@attrs.frozen
class Section:
    """One `## N. TITLE` heading of the notes and the lines below it."""

    number: int | None  # None: the heading has no number
    title: str  # as written, without the number
    heading: Line
    body: tuple[Line, ...]

    @property
    def shown(self) -> str:
        """The heading as a reader names it: `3. PURPOSE OF THE MEETING`."""
        return f"{self.number}. {self.title}" if self.number is not None else self.title


@attrs.frozen
class NotesText:
    plan_line: Line | None  # the pack's `Plan: ...` line before the notes, if any
    heading: Line | None  # the notes heading, if any
    sections: tuple[Section, ...]


def split_notes(text: str) -> NotesText:
    """The parts of a notes file the reader reads."""
    lines = [Line(number, body) for number, body in
             enumerate(_LINE_END.split(text.removeprefix("\ufeff")), 1)]
    plan_line = heading = None
    sections: list[Section] = []
    current: tuple[int | None, str, Line] | None = None
    body: list[Line] = []
    for line in lines:
        found = _HEADING.match(line.text)
        level = len(found.group(1)) if found else 0
        if heading is None:
            if level == 1 and unescape(found.group(2)).upper().startswith(NOTES_HEADING):
                heading = line
            elif plan_line is None and line.stripped.startswith(PLAN_LINE):
                plan_line = line
            continue
        if level in (1, 2) and current is not None:
            sections.append(Section(*current, tuple(body)))
            current, body = None, []
        if level == 1:
            break  # the forms after the notes
        if level == 2:
            numbered = _NUMBERED.match(found.group(2))
            current = ((int(numbered.group(1)), numbered.group(2).strip(), line) if numbered
                       else (None, found.group(2).strip(), line))
        elif current is not None:
            body.append(line)
    if current is not None:
        sections.append(Section(*current, tuple(body)))
    return NotesText(plan_line, heading, tuple(sections))


def unescape(text: str) -> str:
    """Text the pack wrote from the plan, its Markdown escapes undone."""
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def paragraphs(lines: tuple[Line, ...] | list[Line]) -> list[tuple[Line, ...]]:
    """The lines in paragraphs: a blank line separates them."""
    found: list[tuple[Line, ...]] = []
    current: list[Line] = []
    for line in lines:
        if line.stripped:
            current.append(line)
        elif current:
            found.append(tuple(current))
            current = []
    if current:
        found.append(tuple(current))
    return found


def is_blank_space(text: str) -> bool:
    """The pack's room to write, left as it was: `____`, perhaps with its prompt."""
    return _SPACE.fullmatch(text.strip()) is not None


_SPACE = re.compile(r"_{4,}(?:[ \t]*\(.*\))?")

"""The minutes pack as data, before it is Markdown, HTML or Word: what every format
renders alike (PACK.md section 6). Text from the plan stays plain text here; each
renderer escapes it for its format, so no plan text is ever read as markup.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple, Union


class Span(NamedTuple):
    """A run of text in one style: "" plain, "id" a plan id or keyword (code), "strong",
    "em", or "blank": room to write on the line (`____`)."""
    text: str
    style: str = ""


Inline = tuple[Span, ...]


class Para(NamedTuple):
    """Lines shown together, each on its own line (one line: a plain paragraph)."""
    lines: tuple[Inline, ...]


class Bullets(NamedTuple):
    """A list; `ticks`: a checklist with a box before each item, to tick at the meeting;
    `lead`: the line that introduces it, shown right above it."""
    items: tuple[Inline, ...]
    ticks: bool = False
    lead: Inline | None = None


class Table(NamedTuple):
    """A table with a header row (repeated on every page where the format can)."""
    columns: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]


class Space(NamedTuple):
    """Room to write at the meeting; `prompt` says what goes there, if anything."""
    prompt: str = ""


class AtMeeting(NamedTuple):
    """The plan cannot know it: written at the meeting (PACK.md section 2)."""


Block = Union[Para, Bullets, Table, Space, AtMeeting]


class Section(NamedTuple):
    """An agenda item's notes, a form's heading: its number as 003 prints it (None for a
    heading 003 does not number), title, and what the pack puts under it."""
    number: int | None
    title: str
    blocks: tuple[Block, ...]


class Attachment(NamedTuple):
    """A form after the notes (the proforma, an agency contribution form), on a page of
    its own: its title, a line saying whose it is, and its headings."""
    title: str
    subtitle: Inline
    sections: tuple[Section, ...]


class Finding(NamedTuple):
    """One of the plan's findings that bears on the meeting, as a person reads it."""
    code: str
    name: str
    line: int
    column: int
    message: str


class Pack(NamedTuple):
    kind: str  # the agenda's title, as 003 prints it
    title_note: str | None  # the flow chart's note under the title
    plan_title: str
    reference: str | None
    day: dt.date
    review: str | None  # "review conference on ..." / "review due by ... (provisional ...)"
    warnings: tuple[str, ...]
    findings: tuple[Finding, ...]
    agenda: tuple[tuple[int, str], ...]
    notes_title: str  # "NOTES OF CORE GROUP MEETING HELD (TIME, DATE, VENUE)", filled
    notes_note: str | None  # "FORMAT FOR NOTES: FIRST CORE GROUP" for the first's
    notes: tuple[Section, ...]
    attachments: tuple[Attachment, ...]

    @property
    def reference_shown(self) -> str:
        return self.reference or "no reference recorded"


def long_day(day: dt.date) -> str:
    """`Thursday 19 March 2026 (2026-03-19)`: the weekday for people, the date for
    machines (the notes reader reads it)."""
    return f"{day:%A} {day.day} {day:%B %Y} ({day.isoformat()})"


def plain(text: str) -> Inline:
    return (Span(text),) if text else ()


def line(*parts: str | Span | Inline) -> Inline:
    """One line from strings (plain), spans and inlines."""
    spans: list[Span] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                spans.append(Span(part))
        elif isinstance(part, Span):
            spans.append(part)
        else:
            spans.extend(part)
    return tuple(spans)


def ident(name: str) -> Span:
    return Span(name, "id")


def text_of(inline: Inline) -> str:
    """The words of a line, without styles (ids in backticks), for tests and summaries."""
    return "".join(f"`{s.text}`" if s.style == "id" else s.text for s in inline)


BLANK = Span("____", "blank")


def with_code(text: str) -> Inline:
    """A message of cplint's own, its `backticked` words as code."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an odd backtick: show the text as it is
        return plain(text)
    return tuple(Span(part, "id" if number % 2 else "") for number, part in enumerate(parts)
                 if part)

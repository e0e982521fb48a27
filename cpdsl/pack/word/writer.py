"""The content of the Word pack, in the Markdown pack's order, appended to the
document's body; and the widths of its tables' columns."""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from cpdsl.pack.document import AtMeeting, Block, Bullets, Inline, Pack, Para, Section, \
    Space, Span, Table, long_day, text_of, with_code
from cpdsl.pack.word.page import SIDES, border, clean
from cpdsl.pack.word.styles import ID_STYLE, NEEDED_STYLES

AT_THE_MEETING = "Written at the meeting."
BLANK = "____"  # room to write on the line, as in the Markdown pack
TICK_BOX = "☐ "
# Room to write in a box: empty lines inside it.
SPACE_LINES = 3
PROMPT_GREY = RGBColor(0x59, 0x59, 0x59)
AGENDA_INDENT = Mm(10)  # the agenda's hanging indent: the numbers sit in it
# Table column widths are reckoned in characters of about this width (11 pt text,
# bold headers); a column wants its longest text, up to WIDEST, and one with nothing
# in it WRITING_ROOM.
CHARACTER = Mm(2.3)
CELL_PADDING, WIDEST, WRITING_ROOM = 3, 60, 30


class Writer:
    """Appends the pack to the document's body. The styles are looked up by name once:
    python-docx's lookup by name reads through every style each time."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.style_ids = {name: document.styles[name].style_id
                          for name in (*NEEDED_STYLES, ID_STYLE)}
        section = document.sections[-1]
        self.room = section.page_width - section.left_margin - section.right_margin

    def pack(self, pack: Pack) -> None:
        self.styled(pack.kind, "Heading 1")
        if pack.title_note:
            self.paragraph(((Span(pack.title_note, "em"),),))
        summary = [(Span(f"Plan: {pack.plan_title} · reference {pack.reference_shown} · "
                         f"core group on {long_day(pack.day)}"),)]
        if pack.review:
            summary.append((Span(f"Next: {pack.review}"),))
        self.paragraph(tuple(summary))
        for warning in pack.warnings:
            self.paragraph(((Span("Warning: ", "strong"), *with_code(warning)),))
        self.findings(pack)
        for number, title in pack.agenda:
            self.agenda_item(number, title)
        self.styled(pack.notes_title, "Heading 1")
        if pack.notes_note:
            self.paragraph(((Span(pack.notes_note, "em"),),))
        for section in pack.notes:
            self.section(section)
        for attachment in pack.attachments:
            self.styled(attachment.title, "Heading 1").paragraph_format.page_break_before = True
            self.paragraph((attachment.subtitle,))
            for section in attachment.sections:
                self.section(section)

    def styled(self, text: str, style: str) -> Paragraph:
        """A paragraph of plain text in one of the pack's styles."""
        paragraph = self.document.add_paragraph(clean(text))
        paragraph._p.style = self.style_ids[style]
        return paragraph

    def findings(self, pack: Pack) -> None:
        if not pack.findings:
            self.paragraph(((Span("Findings for this meeting:", "strong"), Span(" none: "),
                             Span("cplint check", "id"),
                             Span(" finds nothing in the plan that bears on it.")),))
            return
        self.paragraph(((Span("Findings for this meeting", "strong"),
                         Span(f" ({len(pack.findings)}, from "), Span("cplint check", "id"),
                         Span(" as of the day the pack was made):")),), keep_with_next=True)
        self.bullets(Bullets(tuple(
            (Span(f"{f.code} (line {f.line}, column {f.column}): "), *with_code(f.message))
            for f in pack.findings)))

    def agenda_item(self, number: int, title: str) -> None:
        """`N.`, a tab, the title: the hanging indent is the tab's stop, so that titles
        that run over a line stay clear of the numbers."""
        layout = self.document.add_paragraph(clean(f"{number}.\t{title}")).paragraph_format
        layout.left_indent, layout.first_line_indent = AGENDA_INDENT, -AGENDA_INDENT
        layout.space_after = Pt(2)

    def section(self, section: Section) -> None:
        if section.title:
            number = f"{section.number}. " if section.number is not None else ""
            self.styled(number + section.title, "Heading 2")
        blocks = section.blocks
        for number, block in enumerate(blocks):
            # A line that introduces a table or a list stays on its page.
            follows = blocks[number + 1] if number + 1 < len(blocks) else None
            self.block(block, keep_with_next=isinstance(follows, (Table, Bullets)))

    def block(self, block: Block, keep_with_next: bool = False) -> None:
        if isinstance(block, Para):
            self.paragraph(block.lines, keep_with_next)
        elif isinstance(block, Bullets):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Space):
            self.space(block)
        elif isinstance(block, AtMeeting):
            self.paragraph(((Span(AT_THE_MEETING, "em"),),))
        else:
            raise TypeError(f"not a block of the pack: {block!r}")

    def paragraph(self, lines: tuple[Inline, ...], keep_with_next: bool = False) -> None:
        """Lines in one paragraph, each after a line break."""
        paragraph = self.document.add_paragraph()
        for number, inline in enumerate(lines):
            if number:
                paragraph.add_run().add_break()
            self.runs(paragraph, inline)
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True

    def bullets(self, block: Bullets) -> None:
        if block.lead:
            self.paragraph((block.lead,), keep_with_next=True)
        for item in block.items:
            paragraph = self.styled(TICK_BOX if block.ticks else "", "List Bullet")
            self.runs(paragraph, item)

    def table(self, block: Table) -> None:
        """A grid whose header row repeats on every page; no row splits across pages."""
        table = self.document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
        table._tbl.tblStyle_val = self.style_ids["Table Grid"]
        for cell, column in zip(table.rows[0].cells, block.columns):
            self.runs(cell.paragraphs[0], (Span(column, "strong"),))
        for row, cells in zip(table.rows[1:], block.rows):
            for cell, inline in zip(row.cells, cells):
                self.runs(cell.paragraphs[0], inline)
        for number, row in enumerate(table.rows):
            properties = row._tr.get_or_add_trPr()
            # cantSplit comes before tblHeader in w:trPr (ECMA-376 17.4.82).
            properties.append(OxmlElement("w:cantSplit"))
            if number == 0:
                properties.append(OxmlElement("w:tblHeader"))
        for column, width in zip(table.columns, column_widths(block, self.room)):
            column.width = width
            for cell in column.cells:
                cell.width = width
        self.document.add_paragraph()  # a line after it, as in the Markdown

    def space(self, block: Space) -> None:
        """Room to write: a box of empty lines, with what goes there, if anything."""
        paragraph = self.document.add_paragraph()
        if block.prompt:
            run = paragraph.add_run(clean(block.prompt))
            run.italic = True
            run.font.color.rgb = PROMPT_GREY
        for _ in range(SPACE_LINES):
            paragraph.add_run().add_break()
        for side in SIDES:
            border(paragraph, side)

    def runs(self, paragraph: Paragraph, inline: Inline) -> None:
        """One run per span. An id inside a bold phrase (`Outcome x: ...`) is bold too."""
        for number, span in enumerate(inline):
            if span.style == "blank":
                paragraph.add_run(BLANK)
                continue
            run = paragraph.add_run(clean(span.text))
            if span.style == "strong":
                run.bold = True
            elif span.style == "em":
                run.italic = True
            elif span.style == "id":
                run._r.style = self.style_ids[ID_STYLE]
                if _inside_strong(inline, number):
                    run.bold = True


def column_widths(block: Table, room: int) -> list[int]:
    """Widths that share `room` after what the columns hold, reckoned in characters:
    where it all fits, each column as wide as its longest text; else each column its
    longest word (header or cell: a date, an id) unbroken, and the width left over where
    the text is longer. A column left blank for the meeting is room to write in."""
    if not block.columns:
        return []
    least, wanted = [], []
    for number, column in enumerate(block.columns):
        cells = [text_of(row[number]) for row in block.rows if number < len(row)]
        words = [len(word) for text in (column, *cells) for word in text.split()]
        least.append(max(words, default=0) + CELL_PADDING)
        written = max((len(text) for text in cells), default=0)
        wanted.append(WRITING_ROOM if written == 0 else min(written, WIDEST))
    wanted = [max(w, m) for w, m in zip(wanted, least)]
    if sum(wanted) <= room / CHARACTER:  # every column as wide as its text
        shares = wanted
    else:  # the longest words first, then the rest where the text is longer
        spare = max(room / CHARACTER - sum(least), 0)
        extra = [w - m for w, m in zip(wanted, least)]
        shares = [m + (spare * e / sum(extra) if sum(extra) else 0)
                  for m, e in zip(least, extra)]
    return [int(room * share / sum(shares)) for share in shares]


def _inside_strong(inline: Inline, number: int) -> bool:
    return any(s.style == "strong" for s in inline[:number]) and \
        any(s.style == "strong" for s in inline[number + 1:])

"""The minutes pack as a Word document (PACK.md section 6): the same content, in the
same order, as the Markdown pack, with Word's own structure under it. Headings use the
built-in Heading styles (the navigation pane and a table of contents work); numbers
are literal text, as 003 prints them (its notes use the number 2 twice); tables repeat
their header row on every page and keep each row on one page; each form starts on a
page of its own; every page's header names the plan's reference, the meeting and
"Page N of M". Text from the plan goes into runs as plain text, never as markup.

The base document is `pack.docx` from the local authority's template folder (its
styles, its letterhead in the page header), else python-docx's default document. The
document is the same, byte for byte, for the same pack: the package's dates are the
meeting's day, and nothing of the machine (its user, its clock) is written into it.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import zipfile

import docx
from lxml import etree
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from cpdsl.pack.items import short_kind
from cpdsl.pack.document import AtMeeting, Block, Bullets, Inline, Pack, Para, Section, \
    Space, Span, Table, long_day, text_of, with_code
from cpdsl.pack.templates import template_path

TEMPLATE = "pack.docx"
AT_THE_MEETING = "Written at the meeting."
BLANK = "____"  # room to write on the line, as in the Markdown pack
TICK_BOX = "☐ "
HEADER_SEPARATOR = " · "
HEADER_SIZE = Pt(9)  # one line on A4, with a long reference
# Ids in a fixed-width face, in a character style a template can restyle. Consolas
# ships with Word; where it is missing (LibreOffice on Linux), the font table's
# altName, family and pitch say which face stands in for it.
ID_STYLE = "Plan Id"
ID_FONT = "Consolas"
ID_FONT_FALLBACK = "Courier New"
# The styles the pack uses. A template saved by Word holds only the styles its text
# uses (the rest are latent), so the missing ones are copied from python-docx's default.
NEEDED_STYLES = ("Heading 1", "Heading 2", "List Bullet", "Table Grid")
# Room to write in a box: empty lines inside it.
SPACE_LINES = 3
PROMPT_GREY = RGBColor(0x59, 0x59, 0x59)
AGENDA_INDENT = Mm(10)  # the agenda's hanging indent: the numbers sit in it
# Table column widths are reckoned in characters of about this width (11 pt text,
# bold headers); a column wants its longest text, up to WIDEST, and one with nothing
# in it WRITING_ROOM.
CHARACTER = Mm(2.3)
CELL_PADDING, WIDEST, WRITING_ROOM = 3, 60, 30
# Characters XML 1.0 cannot hold (C0 controls but tab, newline and carriage return;
# U+FFFE, U+FFFF; lone surrogates): shown as U+FFFD, so the reader sees something
# was there.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def render_docx(pack: Pack, template_dir: str | None) -> bytes:
    """The pack as the bytes of a .docx file."""
    document, templated = _base_document(template_dir)
    _borrow_missing_styles(document)
    _id_style(document)
    section = document.sections[-1]
    if not templated:
        _a4(section)
    _page_header(section, pack)
    _Writer(document).pack(pack)
    _properties(document, pack)
    out = io.BytesIO()
    document.save(out)
    return _settled(out.getvalue(), pack.day)


def clean(text: str) -> str:
    """Plan text as XML can hold it."""
    return _NOT_XML.sub(REPLACEMENT, text)


def kind_short(pack: Pack) -> str:
    return short_kind(pack.kind)


def day_words(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


# -- the base document and its styles ------------------------------------------------

def _base_document(template_dir: str | None) -> tuple[Document, bool]:
    """The local authority's pack.docx if its folder (or the shipped one) has it, and
    whether it was one: a template keeps its own page size and margins."""
    path = template_path(TEMPLATE, template_dir)
    if os.path.isfile(path):
        return docx.Document(path), True
    return docx.Document(), False


def _borrow_missing_styles(document: Document) -> None:
    """Copy the styles the pack uses, and the styles they are based on or linked to,
    from python-docx's default document into one that lacks them."""
    have = {style.name for style in document.styles}
    missing = [name for name in NEEDED_STYLES if name not in have]
    if not missing:
        return
    default = docx.Document()
    target = document.styles.element
    for name in missing:
        pending = [default.styles[name].element]
        while pending:
            element = pending.pop()
            if target.get_by_id(element.styleId) is not None:
                continue
            borrowed = copy.deepcopy(element)
            target.append(borrowed)
            if borrowed.name_val == "List Bullet":
                _borrow_bullet_numbering(document, default, borrowed)
            for tag in ("w:basedOn", "w:link", "w:next"):
                ref = element.find(qn(tag))
                if ref is not None:
                    source = default.styles.element.get_by_id(ref.get(qn("w:val")))
                    if source is not None:
                        pending.append(source)


def _borrow_bullet_numbering(document: Document, default: Document, style) -> None:
    """The bullet of a borrowed List Bullet style: its numbering definition, copied
    under new ids into the document's numbering (or the default's whole numbering part
    where the document has none)."""
    num_id = style.find(qn("w:pPr") + "/" + qn("w:numPr") + "/" + qn("w:numId"))
    if num_id is None:
        return
    source = default.part.numbering_part.element
    try:
        numbering = document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        document.part.relate_to(default.part.numbering_part, RT.NUMBERING)
        return
    num = source.num_having_numId(int(num_id.get(qn("w:val"))))
    abstract_id = num.abstractNumId.val
    abstract = copy.deepcopy(source.xpath(f"w:abstractNum[@w:abstractNumId='{abstract_id}']")[0])
    used = [int(a.get(qn("w:abstractNumId"))) for a in numbering.xpath("w:abstractNum")]
    new_abstract_id = max(used, default=-1) + 1
    abstract.set(qn("w:abstractNumId"), str(new_abstract_id))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # every abstractNum comes before the nums
    else:
        numbering.append(abstract)
    num_id.set(qn("w:val"), str(numbering.add_num(new_abstract_id).numId))


def _id_style(document: Document) -> None:
    """The character style of ids, unless the template has its own."""
    if ID_STYLE in {style.name for style in document.styles}:
        return
    style = document.styles.add_style(ID_STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.name = ID_FONT  # ascii and hAnsi
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:cs", "w:eastAsia"):
        fonts.set(qn(slot), ID_FONT)


def _a4(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(20)
    section.header_distance = section.footer_distance = Mm(12.5)


# -- the page header -----------------------------------------------------------------

def _page_header(section, pack: Pack) -> None:
    """Reference, meeting and page on every page, under the template's own header
    (its letterhead), if it has one."""
    header = section.header
    header.is_linked_to_previous = False
    last = header.paragraphs[-1] if header.paragraphs else None
    paragraph = last if last is not None and not last.text.strip() and \
        not last._p.xpath(".//w:drawing") else header.add_paragraph()
    paragraph.add_run(clean(HEADER_SEPARATOR.join((
        pack.reference_shown, f"{kind_short(pack)}, {day_words(pack.day)}", "Page "))))
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES", "1")
    for run in paragraph.runs:
        run.font.size = HEADER_SIZE
    _border(paragraph, "bottom")


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A field Word computes as it lays out the pages (the `shown` result until then)."""
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run(shown)
    char("end")


# -- the content, in the Markdown pack's order ---------------------------------------

class _Writer:
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
        for side in _SIDES:
            _border(paragraph, side)

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


_BORDER_FOLLOWERS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                     "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                     "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                     "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                     "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                     "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                     "w:pPrChange")
_SIDES = ("top", "left", "bottom", "right")


def _border(paragraph: Paragraph, side: str) -> None:
    """A single line on one side of the paragraph (w:pBdr, its sides in schema order)."""
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.insert_element_before(borders, *_BORDER_FOLLOWERS)
    line = OxmlElement(f"w:{side}")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"),
                        ("w:color", "auto")):
        line.set(qn(name), value)
    later = [borders.find(qn(f"w:{s}")) for s in _SIDES[_SIDES.index(side) + 1:]]
    later = [x for x in later if x is not None]
    if later:
        later[0].addprevious(line)
    else:
        borders.append(line)


# -- the package ---------------------------------------------------------------------

def _properties(document: Document, pack: Pack) -> None:
    """Title and dates from the pack; "cplint" as the author, never the machine's user.
    The title names the plan by its reference, as the page header does."""
    properties = document.core_properties
    properties.title = clean(f"Core group pack: {pack.reference_shown}, "
                             f"{kind_short(pack).lower()}, {pack.day.isoformat()}")
    properties.subject = clean(pack.kind)
    properties.author = properties.last_modified_by = "cplint"
    properties.comments = properties.keywords = properties.category = ""
    properties.revision = 1
    moment = dt.datetime.combine(pack.day, dt.time())
    properties.created = properties.modified = moment
    if properties.last_printed is not None:  # a template's, from its author's printer
        properties.last_printed = moment


def _settled(package: bytes, day: dt.date) -> bytes:
    """The package with every member dated the meeting's day (the same input makes the
    same file), and the id font's stand-in named in the font table."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "word/fontTable.xml":
                data = _with_fallback_font(data)
            info = zipfile.ZipInfo(member.filename, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()


def _with_fallback_font(font_table: bytes) -> bytes:
    fonts = parse_xml(font_table)
    if any(f.get(qn("w:name")) == ID_FONT for f in fonts.findall(qn("w:font"))):
        return font_table
    font = OxmlElement("w:font")
    font.set(qn("w:name"), ID_FONT)
    for tag, value in (("w:altName", ID_FONT_FALLBACK), ("w:family", "modern"),
                       ("w:pitch", "fixed")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        font.append(child)
    fonts.append(font)
    return etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)

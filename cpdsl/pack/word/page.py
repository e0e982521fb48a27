"""The page header of the Word pack (the plan's reference, the meeting, "Page N of M"),
the fields Word computes in it, and paragraph borders; with the plain text every part
of the document writes: plan text as XML can hold it, the meeting in words."""

from __future__ import annotations

import datetime as dt
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from cpdsl.pack.items import short_kind
from cpdsl.pack.document import Pack

HEADER_SEPARATOR = " · "
HEADER_SIZE = Pt(9)  # one line on A4, with a long reference
# Characters XML 1.0 cannot hold (C0 controls but tab, newline and carriage return;
# U+FFFE, U+FFFF; lone surrogates): shown as U+FFFD, so the reader sees something
# was there.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean(text: str) -> str:
    """Plan text as XML can hold it."""
    return _NOT_XML.sub(REPLACEMENT, text)


def kind_short(pack: Pack) -> str:
    return short_kind(pack.kind)


def day_words(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def page_header(section, pack: Pack) -> None:
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
    border(paragraph, "bottom")


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


_BORDER_FOLLOWERS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                     "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                     "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                     "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                     "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                     "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                     "w:pPrChange")
SIDES = ("top", "left", "bottom", "right")


def border(paragraph: Paragraph, side: str) -> None:
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
    later = [borders.find(qn(f"w:{s}")) for s in SIDES[SIDES.index(side) + 1:]]
    later = [x for x in later if x is not None]
    if later:
        later[0].addprevious(line)
    else:
        borders.append(line)

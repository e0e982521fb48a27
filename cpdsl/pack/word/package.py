"""The Word pack's package: its core properties from the pack, never from the machine
(its user, its clock), every member dated the meeting's day, and the id font's
stand-in named in the font table."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree
from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from cpdsl.pack.document import Pack
from cpdsl.pack.word.page import clean, kind_short
from cpdsl.pack.word.styles import ID_FONT, ID_FONT_FALLBACK


def properties(document: Document, pack: Pack) -> None:
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


def settled(package: bytes, day: dt.date) -> bytes:
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

"""The base document of the Word pack and its styles: the local authority's `pack.docx`
(else python-docx's default document, set to A4), the pack's styles borrowed into it
where it lacks them (with the bullet's numbering), and the character style of ids."""

from __future__ import annotations

import copy
import os

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm

from cpdsl.pack.templates import template_path

TEMPLATE = "pack.docx"
# Ids in a fixed-width face, in a character style a template can restyle. Consolas
# ships with Word; where it is missing (LibreOffice on Linux), the font table's
# altName, family and pitch say which face stands in for it.
ID_STYLE = "Plan Id"
ID_FONT = "Consolas"
ID_FONT_FALLBACK = "Courier New"
# The styles the pack uses. A template saved by Word holds only the styles its text
# uses (the rest are latent), so the missing ones are copied from python-docx's default.
NEEDED_STYLES = ("Heading 1", "Heading 2", "List Bullet", "Table Grid")


def base_document(template_dir: str | None) -> tuple[Document, bool]:
    """The local authority's pack.docx if its folder (or the shipped one) has it, and
    whether it was one: a template keeps its own page size and margins."""
    path = template_path(TEMPLATE, template_dir)
    if os.path.isfile(path):
        return docx.Document(path), True
    return docx.Document(), False


def borrow_missing_styles(document: Document) -> None:
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


def id_style(document: Document) -> None:
    """The character style of ids, unless the template has its own."""
    if ID_STYLE in {style.name for style in document.styles}:
        return
    style = document.styles.add_style(ID_STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.name = ID_FONT  # ascii and hAnsi
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:cs", "w:eastAsia"):
        fonts.set(qn(slot), ID_FONT)


def a4(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(20)
    section.header_distance = section.footer_distance = Mm(12.5)


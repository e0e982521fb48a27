"""The minutes pack as a Word document (PACK.md section 6): the same content, in the
same order, as the Markdown pack, with Word's own structure under it (built-in Heading
styles, header rows that repeat, a page of its own for each form, "Page N of M" in
every page's header). Text from the plan goes into runs as plain text, never as markup.

The base document is `pack.docx` from the local authority's template folder, else
python-docx's default document. The document is the same, byte for byte, for the same
pack: nothing of the machine (its user, its clock) is written into it.

This package is imported only for `--format docx`, so python-docx stays off the lint
path."""

from __future__ import annotations

import io

from cpdsl.pack.document import Pack
from cpdsl.pack.word.package import properties, settled
from cpdsl.pack.word.page import page_header
from cpdsl.pack.word.styles import a4, base_document, borrow_missing_styles, id_style
from cpdsl.pack.word.writer import Writer


def render_docx(pack: Pack, template_dir: str | None) -> bytes:
    """The pack as the bytes of a .docx file."""
    document, templated = base_document(template_dir)
    borrow_missing_styles(document)
    id_style(document)
    section = document.sections[-1]
    if not templated:
        a4(section)
    page_header(section, pack)
    Writer(document).pack(pack)
    properties(document, pack)
    out = io.BytesIO()
    document.save(out)
    return settled(out.getvalue(), pack.day)

"""The minutes pack as one self-contained HTML page, for a browser to show and print
(PACK.md section 6): the same content as the Markdown pack, in the same order, laid out
by Jinja2 templates a local authority can copy and change (`--copy-templates DIR`, then
`--template DIR`). Every template is autoescaped: text from the plan is never markup.

This module is imported only for `--format html`, so Jinja2 stays off the lint path."""

from __future__ import annotations

import functools

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from cpdsl.pack import items
from cpdsl.pack.document import AtMeeting, Block, Bullets, Pack, Para, Space, Table, \
    long_day, with_code
from cpdsl.pack.tables import PROFORMA_COLUMNS, REVIEW_COLUMNS
from cpdsl.pack.templates import template_folders

PAGE = "pack.html.j2"

# The stylesheet's names for the pack's two kinds of table, by their columns.
TABLE_CLASSES = {REVIEW_COLUMNS: "action-review", PROFORMA_COLUMNS: "proforma"}

BLOCK_KINDS = ((Para, "para"), (Bullets, "bullets"), (Table, "table"), (Space, "space"),
               (AtMeeting, "at_meeting"))


def render_html(pack: Pack, template_dir: str | None) -> str:
    """The page, from `pack.html.j2` in `template_dir` if it has one, else the shipped
    one (and likewise for every file the page includes)."""
    return _environment(template_dir).get_template(PAGE).render(pack=pack)


@functools.lru_cache(maxsize=8)
def _environment(template_dir: str | None) -> Environment:
    """One environment per folder, so that a folder of plans compiles the templates
    once; Jinja2 still reloads a template whose file has changed since (auto_reload)."""
    environment = Environment(
        loader=FileSystemLoader(template_folders(template_dir)),
        autoescape=True,  # every template, whatever its name ends with
        undefined=StrictUndefined,  # a misspelt field fails rather than printing nothing
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=True)
    environment.globals.update(
        block_kind=block_kind, long_day=long_day, short_kind=short_kind,
        table_class=table_class, with_code=with_code)
    return environment


def block_kind(block: Block) -> str:
    """The name the templates' macros know a block by."""
    for kind, name in BLOCK_KINDS:
        if isinstance(block, kind):
            return name
    raise TypeError(f"not a block of the pack: {block!r}")


def table_class(table: Table) -> str:
    """`action-review`, `proforma`, or "" for a table the stylesheet has no name for."""
    return TABLE_CLASSES.get(table.columns, "")


def short_kind(pack: Pack) -> str:
    """`First core group` for 003's "AGENDA FOR FIRST CORE GROUP", and so on."""
    return items.short_kind(pack.kind)

"""Edits that add a statement where the house style puts it, for the rules' skeleton fixes:
into a block before its `}`, or into the plan after the statements of its kind.

Each takes the rule's context (the text, after any byte order mark, and its line table)
and returns an `Edit` (cpdsl.fixes) in character offsets; None where the place cannot be
found in the text as written (a block cut short by a syntax error). A statement added on
a line of its own takes the indentation of the block's first line plus two spaces, and
the line ending the text already uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from cpdsl import model as m
from cpdsl.fixes import Edit, Fix
from cpdsl.rules.base import Context

INDENT = "  "  # one level of the house style's indentation (STYLE.md)


def line_ending(text: str) -> str:
    """The line ending the text uses: that of its first line (`\\n` for a text of one)."""
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def indentation(context: Context, line: int) -> str:
    """The spaces and tabs that begin a line."""
    start = context.lines.line_start(line)
    text = context.lines.line_end(line, context.text)
    written = context.text[start:text]
    return written[:len(written) - len(written.lstrip(" \t"))]


def _closing_brace(context: Context, span: m.Span) -> int | None:
    """The offset of the `}` that closes the block at `span`, if it ends with one."""
    start, end = context.lines.offsets(span)
    written = context.text[start:end].rstrip()
    return start + len(written) - 1 if written.endswith("}") else None


def insert_into_block(context: Context, block: m.Span, statement: str) -> Edit | None:
    """Add `statement` as the last of a block's statements: on a line of its own, at the
    block's indentation and two spaces more, where the block spans lines; ` statement`
    before ` }` where the block is on one line. A statement written without a block
    (`member kerry`) gains one: `member kerry { statement }`."""
    text, lines = context.text, context.lines
    brace = _closing_brace(context, block)
    if brace is None:
        if block.line != block.end_line:
            return None  # a block cut short: where it ends is not known
        return Edit.insert(lines.offsets(block)[1], f" {{ {statement} }}")
    before = text[:brace].rstrip(" \t")
    if block.line == block.end_line:  # one space each side, whatever was before the `}`
        return Edit(len(before), brace, f" {statement} ")
    inner = inner_indentation(context, block)
    newline = line_ending(text)
    close_line, _ = lines.place(brace)
    if not text[lines.line_start(close_line):brace].strip():  # `}` on a line of its own
        return Edit.insert(lines.line_start(close_line), f"{inner}{statement}{newline}")
    outer = indentation(context, block.line)  # `... last }`: the `}` gets a line too
    return Edit(len(before), brace, f"{newline}{inner}{statement}{newline}{outer}")


def insert_into_plan(context: Context, statement: str,
                     after: Sequence[object] = ()) -> Edit | None:
    """Add a top-level `statement` to the plan: on the line after the last of `after`
    (the statements of its kind, in any order), at its indentation; where there are none,
    as the plan's last statement, before its closing `}`."""
    placed = [node.span for node in after if getattr(node, "span", None) is not None]
    if not placed:
        return insert_into_block(context, context.plan.span, statement)
    last = max(placed, key=lambda span: (span.end_line, span.end_column))
    lines = context.lines
    end = lines.line_end(last.end_line, context.text)
    rest = context.text[lines.offsets(last)[1]:end].strip()
    if rest and not rest.startswith("#"):
        return None  # another statement follows it on its line: no line of its own
    return Edit.insert(end, f"{line_ending(context.text)}"
                            f"{indentation(context, last.line)}{statement}")


def plan_statement_indentation(context: Context) -> str:
    """The indentation of the plan's statements (see inner_indentation)."""
    return inner_indentation(context, context.plan.span)


def inner_indentation(context: Context, block: m.Span) -> str:
    """The indentation of the statements in a block that spans lines: that of its first
    statement's line as written (tabs stay tabs), else the block's own and one step more
    (a tab where the block is indented with tabs, else two spaces)."""
    outer = indentation(context, block.line)
    for line in range(block.line + 1, block.end_line):
        written = context.text[context.lines.line_start(line):
                               context.lines.line_end(line, context.text)]
        if written.strip() and not written.lstrip().startswith(("}", "#")):
            own = indentation(context, line)
            if len(own) > len(outer) and own.startswith(outer):
                return own
            break
    return outer + ("\t" if "\t" in outer else INDENT)


def text_block(context: Context, keyword: str, indent: str) -> str:
    """A statement of triple-quoted text holding the placeholder, as the formatter lays
    one out: the quotes at the statement's indentation, the text two spaces in."""
    newline = line_ending(context.text)
    step = "\t" if "\t" in indent else INDENT
    return f'{keyword} """{newline}{indent}{step}...{newline}{indent}"""'


def skeleton(title: str, edit: Edit | None) -> Fix | None:
    """An unsafe fix that adds what is missing, with placeholders for the author to fill
    in (CP109 reports each until they do); None where no edit could be placed."""
    return Fix.unsafe(title, edit) if edit is not None else None

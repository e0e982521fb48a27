"""The minutes pack as Markdown (the default format, and the one `cplint record` reads
back, so its layout is fixed rather than a template's): the pack's header and the
findings that bear on the meeting, the agenda, then the notes heading by heading, then
the forms. Numbers are literal text, as 003 numbers them; text from the plan is
escaped, so nothing the plan says is read as Markdown."""

from __future__ import annotations

import re

from cpdsl.pack.document import AtMeeting, Block, Bullets, Inline, Pack, Para, Section, \
    Space, Table, long_day, with_code

AT_THE_MEETING = "*Written at the meeting.*"
SPACE = "____"  # room to write (PACK.md section 2)
BREAK = "  "  # a Markdown line break: two spaces at the end of a line


def render_markdown(pack: Pack) -> str:
    out = [f"# {pack.kind}", ""]
    if pack.title_note:
        out += [f"*{pack.title_note}*", ""]
    header = [f"Plan: {_escape(pack.plan_title)} · reference "
              f"{_escape(pack.reference_shown)} · core group on {long_day(pack.day)}"]
    if pack.review:
        header.append(f"Next: {pack.review}")
    out += [f"{BREAK}\n".join(header), ""]
    out += [f"> Warning: {_inline(with_code(w))}" for w in pack.warnings]
    out += [""] if pack.warnings else []
    out += _findings(pack)
    out += [f"{number}. {title}" for number, title in pack.agenda] + [""]
    out += [f"# {_escape(pack.notes_title)}", ""]
    if pack.notes_note:
        out += [f"*{pack.notes_note}*", ""]
    for section in pack.notes:
        out += _section(section, "##")
    for attachment in pack.attachments:
        out += [f"# {attachment.title}", "", _inline(attachment.subtitle), ""]
        for section in attachment.sections:
            out += _section(section, "##")
    return "\n".join(out).rstrip("\n") + "\n"


def _findings(pack: Pack) -> list[str]:
    if not pack.findings:
        return ["**Findings for this meeting:** none: `cplint check` finds nothing in the "
                "plan that bears on it.", ""]
    lines = [f"**Findings for this meeting** ({len(pack.findings)}, from `cplint check` as "
             "of the day the pack was made):", ""]
    lines += [f"- {f.code} (line {f.line}, column {f.column}): {_inline(with_code(f.message))}"
              for f in pack.findings]
    return [*lines, ""]


def _section(section: Section, level: str) -> list[str]:
    out = []
    if section.title:
        number = f"{section.number}. " if section.number is not None else ""
        out += [f"{level} {number}{section.title}", ""]
    for block in section.blocks:
        out += [*_block(block), ""]
    return out


def _block(block: Block) -> list[str]:
    if isinstance(block, Para):
        return [f"{BREAK}\n".join(_inline(x) for x in block.lines)]
    if isinstance(block, Bullets):
        mark = "- [ ] " if block.ticks else "- "
        lead = [_inline(block.lead)] if block.lead else []
        return [*lead, *(mark + _inline(item) for item in block.items)]
    if isinstance(block, Table):
        return [_row(block.columns), _row(("---",) * len(block.columns)),
                *(_row(tuple(_inline(cell) for cell in row)) for row in block.rows)]
    if isinstance(block, Space):
        return [SPACE + (f" ({block.prompt})" if block.prompt else "")]
    if isinstance(block, AtMeeting):
        return [AT_THE_MEETING]
    raise TypeError(f"not a block of the pack: {block!r}")


def _inline(spans: Inline) -> str:
    out = []
    for strong, run in _runs(spans):
        text = "".join(_span(span) for span in run)
        out.append(_wrap("**", text) if strong else text)
    return "".join(out)


def _runs(spans: Inline):
    """The spans in runs: bold text with the ids inside it (`**Outcome `x`: ...**`) is
    one run, so that Markdown sees one bold phrase; every other span is a run of one."""
    run: list = []
    for span in spans:
        if span.style in ("strong", "id") and (run or span.style == "strong"):
            run.append(span)
            continue
        if run:
            yield from _close(run)
            run = []
        if span.style == "strong":
            run.append(span)
        else:
            yield False, [span]
    yield from _close(run)


def _close(run: list):
    """A bold run, less the ids that trail it (they are shown as they are)."""
    if not run:
        return
    last = max(i for i, span in enumerate(run) if span.style == "strong")
    yield True, run[:last + 1]
    for span in run[last + 1:]:
        yield False, [span]


def _span(span) -> str:
    if span.style == "id":
        return f"`{span.text}`"  # ids and keywords: letters, digits, hyphens
    if span.style == "blank":
        return SPACE
    if span.style == "em":
        return _wrap("*", _escape(span.text))
    return _escape(span.text)


def _wrap(mark: str, text: str) -> str:
    """Emphasis around the words only: Markdown ignores `** text**`."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core[0])
    return f"{text[:start]}{mark}{core}{mark}{text[start + len(core):]}"


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"


def _escape(text: str) -> str:
    """Plan text on one line with what Markdown would read as markup escaped."""
    return _MARKUP.sub(r"\\\g<0>", _SPACES.sub(" ", text))


_MARKUP = re.compile(r"[\\`*_\[\]<>#|]")
_SPACES = re.compile(r"\s+")

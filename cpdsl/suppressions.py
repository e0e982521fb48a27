"""Suppression comments: a finding accepted where it stands, with the reason written down.

- `# cplint: ignore[CP302] reason` suppresses findings with those codes on its own line;
  a suppression alone on its line (nothing but spaces before the `#`) also covers the
  next line of the plan, past any comment lines between;
- `# cplint: ignore-file[CP5] reason`, anywhere, covers the whole file.

Inside the brackets: codes, prefixes or rule names, separated by commas. The reason is
required. CP107 reports a suppression that suppresses nothing, or that gives no reason,
at the comment; CP107 itself cannot be suppressed in a comment (only by the
configuration's `select` and `ignore`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from cpdsl.diagnostics import Diagnostic
from cpdsl.fixes import Edit, Fix
from cpdsl.lines import Lines
from cpdsl.model import Comment, Span
from cpdsl.rules import RULES_BY_CODE
from cpdsl.selection import resolve, unknown_selector

UNUSED = "CP107"
_DIRECTIVE = re.compile(r"#\s*cplint\s*:(.*)", re.DOTALL)
_FORM = re.compile(r"\s*(ignore-file|ignore)\s*\[([^\]]*)\](.*)", re.DOTALL)
_REASON_PUNCTUATION = " \t\r\n\f\v-:;,.\u2013\u2014"
_FORMS = "`# cplint: ignore[CODE] reason` or `# cplint: ignore-file[CODE] reason`"


def covers_lines(comment: str) -> bool:
    """Whether a comment is an `ignore[...]` suppression, which covers lines (its own, or
    the next): the formatter must then keep those lines as they are."""
    directive = _DIRECTIVE.match(comment) if "cplint" in comment else None
    form = _FORM.fullmatch(directive.group(1)) if directive else None
    return form is not None and form.group(1) == "ignore"


class Suppression(NamedTuple):
    span: Span  # the comment's
    text: str  # the comment's
    file_wide: bool
    lines: frozenset[int]  # the lines it covers (none for a file-wide one)
    target: int  # the plan line it is about: its own, or the next for one alone on its line
    items: tuple[tuple[str, frozenset[str]], ...]  # each selector as written, and its codes
    reason: str


def apply(diagnostics: Sequence[Diagnostic], comments: Sequence[Comment], text: str,
          enabled: Callable[[str], bool], lines: Lines | None = None) -> list[Diagnostic]:
    """The findings no suppression covers, and CP107's findings (when CP107 is enabled),
    with the fix that removes what suppresses nothing. `text` is the plan's after any
    byte order mark, `lines` its line table."""
    directives = [c for c in comments if "cplint" in c.text and _DIRECTIVE.match(c.text)]
    if not directives:
        return list(diagnostics)
    problems: list[tuple[Span, str, Fix | None]] = []
    suppressions = list(_read(directives, comments, text, problems))
    used: set[tuple[int, int]] = set()
    kept = []
    for d in diagnostics:
        covering = [(i, j) for i, s in enumerate(suppressions)
                    if s.file_wide or d.span.line in s.lines
                    for j, (_, codes) in enumerate(s.items) if d.code in codes]
        used.update(covering)
        if not covering:
            kept.append(d)
    if not enabled(UNUSED):
        return kept
    for i, s in enumerate(suppressions):
        unused = [selector for j, (selector, codes) in enumerate(s.items)
                  if (i, j) not in used and any(enabled(code) for code in codes)]
        if unused:
            fix = _removal(s, unused, text, lines or Lines(text))
            problems.append((s.span, _unused(unused, s), fix))
        if not s.reason:
            problems.append((s.span, "this suppression gives no reason: say after the `]` "
                                     "why the finding is accepted, and who agreed", None))
    rule = RULES_BY_CODE[UNUSED]
    kept.extend(Diagnostic(UNUSED, rule.name, rule.severity, message, span, fix=fix)
                for span, message, fix in problems)
    return kept


def _removal(suppression: Suppression, unused: list[str], text: str, lines: Lines) -> Fix:
    """Remove the suppression, or the selectors in it that suppress nothing: what it
    hides is the same either way."""
    from cpdsl.edit_text import remove

    kept = [selector for selector, _ in suppression.items if selector not in unused]
    if not kept:
        return Fix.safe("Remove the unused suppression",
                        remove(text, lines, suppression.span))
    opening = suppression.text.index("[")
    closing = suppression.text.index("]", opening)
    start = lines.offset(suppression.span.line, suppression.span.column)
    listed = ", ".join(f"`{selector}`" for selector in unused)
    return Fix.safe(f"Remove {listed} from the suppression",
                    Edit(start + opening + 1, start + closing, ", ".join(kept)))


def _read(directives: list[Comment], comments: Sequence[Comment], text: str,
          problems: list[tuple[Span, str, Fix | None]]):
    lines = text.split("\n")  # as the parser counts lines
    alone = {c.span.line for c in comments
             if not lines[c.span.line - 1][:c.span.column - 1].strip()}
    for comment in directives:
        form = _FORM.fullmatch(_DIRECTIVE.match(comment.text).group(1))
        if form is None:
            problems.append((comment.span, f"not a suppression cplint reads: write {_FORMS}",
                             None))
            continue
        kind, listed, reason = form.groups()
        items = tuple(_items(listed, comment.span, problems))
        if not items:
            continue
        line = comment.span.line
        target = line
        if line in alone:
            target = line + 1
            while target in alone:
                target += 1
        file_wide = kind == "ignore-file"
        covered = frozenset() if file_wide else frozenset((line, target))
        yield Suppression(comment.span, comment.text, file_wide, covered, target, items,
                          reason.strip(_REASON_PUNCTUATION))


def _items(listed: str, span: Span, problems: list[tuple[Span, str, Fix | None]]):
    selectors = [s.strip() for s in listed.split(",") if s.strip()]
    if not selectors:
        problems.append((span, f"this suppression names no rule: write {_FORMS}", None))
    for selector in selectors:
        found = resolve(selector)
        if found is None:
            problems.append((span, f"{unknown_selector(selector)}: the suppression of it "
                                   "suppresses nothing", None))
            continue
        codes = found[0] - {UNUSED}
        if not codes:
            problems.append((span, f"{UNUSED} cannot be suppressed in a comment: turn it off "
                                   'with `ignore = ["CP107"]` in the configuration', None))
            continue
        yield selector, codes


def _unused(selectors: list[str], suppression: Suppression) -> str:
    named = ", ".join(f"`{s}`" for s in selectors)
    if suppression.file_wide:
        where = "in this file"
    elif suppression.target == suppression.span.line:
        where = "on this line"
    else:
        where = f"on line {suppression.target}"
    return (f"this suppression of {named} suppresses nothing: there is no such finding "
            f"{where}; remove it")


def suppression_fix(diagnostic: Diagnostic, text: str, lines: Lines) -> Fix | None:
    """A suppression of this finding, to be completed with its reason (unsafe: the
    finding is accepted, not mended; `...` stands for the reason, and CP107 reports it
    until it is written). The comment goes alone on the line above the finding's, at its
    indentation; where that line starts inside a triple-quoted text, at the end of the
    finding's line. None for CP107, which cannot be suppressed in a comment, and where
    the line already ends in a comment."""
    if diagnostic.code == UNUSED:
        return None
    line = diagnostic.span.line
    start = lines.line_start(line)
    end = lines.line_end(line, text)
    directive = f"# cplint: ignore[{diagnostic.code}] ..."
    title = f"Suppress {diagnostic.code} ({diagnostic.name}) on line {line}, with a reason"
    if text.count('"""', 0, start) % 2 == 0:
        own = text[start:end]
        indent = own[:len(own) - len(own.lstrip(" \t"))]
        newline = "\r\n" if text.startswith("\r\n", end) else "\n"  # as the file has it
        return Fix.unsafe(title, Edit.insert(start, f"{indent}{directive}{newline}"))
    if "#" in text[start:end]:
        return None  # a comment may be there already (or a # in a text): not a safe guess
    return Fix.unsafe(title, Edit.insert(end, f"  {directive}"))

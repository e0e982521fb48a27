"""Text in, diagnostics out: the check of one plan for the command line, with no file or
terminal in sight. The work is cpdsl.analysis's; these are its command-line shapes."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import NamedTuple

from cpdsl.analysis import Analysis, analyse, analyse_parsed
from cpdsl.config import DEFAULT_OPTIONS, LintOptions
from cpdsl.diagnostics import Diagnostic, Severity
from cpdsl.parsing import ParseResult, with_line_feeds
from cpdsl.profile import Profile
from cpdsl.rules import ALL_RULES
from cpdsl.rules.base import Rule


class LintResult(NamedTuple):
    """The findings for one file, with the source lines they point at (for display)."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    lines: dict[int, str] | None = None  # line number -> text, for the lines found at
    error: str | None = None  # the file could not be linted at all (unreadable, not UTF-8)
    fail_on: Severity = Severity.INFO  # findings below this do not make the exit code 1
    places: dict[int, tuple[int, int]] | None = None  # fixes' offsets -> (line, column)
    # With --fix: (code, name) of each finding mended, the diff (--diff), the text as
    # mended (for standard input), and a note on a file not written (exit 1).
    fixed: tuple[tuple[str, str], ...] = ()
    diff: str = ""
    fixed_text: str | None = None
    note: str | None = None


def lint_text(text: str, today: dt.date, rules: Iterable[Rule] = ALL_RULES,
              profile: Profile | None = None, relative_to: str = ".",
              options: LintOptions = DEFAULT_OPTIONS) -> tuple[Diagnostic, ...]:
    """Every finding in a plan's text: syntax errors first found, then the rules', less
    those suppressed in comments, at the severities the profile and configuration set
    (cpdsl.analysis.analyse says more)."""
    return analyse(text, today=today, rules=rules, profile=profile, relative_to=relative_to,
                   options=options, syntax=False).diagnostics


def lint_parsed(parsed: ParseResult, text: str, today: dt.date,
                rules: Iterable[Rule] = ALL_RULES, profile: Profile | None = None,
                relative_to: str = ".",
                options: LintOptions = DEFAULT_OPTIONS) -> tuple[Diagnostic, ...]:
    """lint_text for a text already parsed (`parsed` is `parse(text)`)."""
    return analyse_parsed(parsed, text, today=today, rules=rules, profile=profile,
                          relative_to=relative_to, options=options).diagnostics


def lint_result(path: str, text: str, today: dt.date, profile: Profile | None = None,
                options: LintOptions = DEFAULT_OPTIONS) -> LintResult:
    analysis = analyse(text, today=today, profile=profile,
                       relative_to=os.path.dirname(path) or ".", options=options, syntax=False)
    return result_of(path, analysis, options)


def result_of(path: str, analysis: Analysis, options: LintOptions = DEFAULT_OPTIONS,
              **fixing) -> LintResult:
    """An analysis as the command line reports it: the findings, the lines they are on,
    and the places of their fixes' edits (for JSON and SARIF); `fixing` gives the
    fields --fix fills in."""
    diagnostics = analysis.diagnostics
    offsets = {offset for d in diagnostics if d.fix is not None
               for edit in d.fix.edits for offset in (edit.start, edit.end)}
    places = {offset: analysis.lines.place(offset) for offset in offsets} or None
    return LintResult(path, diagnostics, shown_lines(analysis.text, diagnostics),
                      fail_on=options.fail_on, places=places, **fixing)


def shown_lines(text: str, diagnostics: Iterable[Diagnostic]) -> dict[int, str]:
    """The lines the findings are on, by number, for display (lone carriage returns end
    lines, as the parser counts them)."""
    wanted = {d.span.line for d in diagnostics}
    if not wanted:
        return {}
    text = with_line_feeds(text)
    return {number: line.rstrip("\r")
            for number, line in enumerate(text.split("\n"), start=1) if number in wanted}

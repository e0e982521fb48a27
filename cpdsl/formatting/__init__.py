"""`cplint fmt`'s core: one canonical layout for every plan, and proof that nothing is lost.

`format_text(text)` lays a plan out again (cpdsl.formatting.layout), from the syntax tree
of the one parse that also checks the text, and then checks the result like black does
(cpdsl.formatting.safety): it must parse to the same model, keep every comment, in order,
come out of a second formatting unchanged, and get the same findings on the same
statements (cpdsl.formatting.findings: suppression comments work by line), or the
original is given back with the reason. Text with a syntax error is never formatted.

`format_text(text, sort=True)` also puts the top-level statements in the recommended
order of a plan (cpdsl.formatting.sorting), each with its comments; the check then takes
the comments in any order, but each still with its statement.

Line endings become `\\n` (a lone `\\r`, as old Mac files have, ends a line too) and the
result ends with one. A UTF-8 byte order mark at the start is dropped: cplint reads files
as UTF-8 with or without one, and the canonical file has none.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from cpdsl.formatting.findings import findings_problem
from cpdsl.formatting.layout import lay_out
from cpdsl.formatting.safety import check_same, check_stable
from cpdsl.parsing import SyntaxFinding, parse

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis

DEFAULT_LINE_LENGTH = 100


class FormatResult(NamedTuple):
    """The formatted text, or the original untouched when it could not be formatted:
    then `syntax_errors` (the plan does not parse) or `problem` (the safety check
    failed) says why."""

    text: str
    changed: bool
    syntax_errors: tuple[SyntaxFinding, ...] = ()
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return not self.syntax_errors and self.problem is None


def format_text(text: str, line_length: int = DEFAULT_LINE_LENGTH,
                sort: bool = False, today: dt.date | None = None) -> FormatResult:
    """The plan in `text` in its canonical layout; with `sort`, its top-level statements
    in the recommended order. The findings are compared as of `today` (default: today)."""
    from cpdsl.analysis import analyse

    result = format_analysis(analyse(text, today=today), line_length, sort)
    if not result.ok:
        return result._replace(text=text)  # the original as given, byte order mark and all
    return result._replace(changed=result.text != text)


def format_analysis(analysis: Analysis, line_length: int = DEFAULT_LINE_LENGTH,
                    sort: bool = False) -> FormatResult:
    """format_text for a text already analysed (the language server keeps one per open
    document): its parse and findings are the "before" of the safety checks."""
    text = analysis.text
    before = analysis.parsed
    if before.syntax_errors:
        return FormatResult(text, False, before.syntax_errors)
    if before.syntax is None:  # analysed without the tree: read it
        before = parse(text, syntax=True)
    try:
        formatted = lay_out(before.syntax, line_length, sort)
    except AssertionError as error:
        return _refused(text, str(error))
    after = parse(formatted, syntax=True)
    sorted_syntax = None
    if sort:
        sorted_syntax = (before.syntax, None if after.syntax_errors else after.syntax)
    problem = check_same(before, after, sorted_syntax)
    if problem is None:
        problem = check_stable(formatted, lambda: lay_out(after.syntax, line_length, sort))
    if problem is None:
        problem = findings_problem(analysis, after, formatted, sorted_syntax)
    if problem is not None:
        return _refused(text, problem)
    return FormatResult(formatted, formatted != text)


def _refused(text: str, why: str) -> FormatResult:
    return FormatResult(text, False, (), f"not formatted, the file is left as it was: {why}")

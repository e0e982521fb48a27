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
from typing import NamedTuple

from cpdsl.formatting.findings import findings_problem
from cpdsl.formatting.layout import lay_out
from cpdsl.formatting.safety import check_same, check_stable
from cpdsl.parsing import SyntaxFinding, parse, with_line_feeds
from cpdsl.parsing.syntax import PlanSyntax

DEFAULT_LINE_LENGTH = 100
_BOM = "\ufeff"


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
    source = with_line_feeds(text[1:] if text.startswith(_BOM) else text)
    before = parse(source, syntax=True)
    if before.syntax_errors:
        return FormatResult(text, False, before.syntax_errors)
    try:
        formatted = _lay_out(before.syntax, line_length, sort)
    except AssertionError as error:
        return _refused(text, str(error))
    if not sort:  # only sorting needs the tree after the layout: free it before the re-parse
        before = before._replace(syntax=None)
    after = parse(formatted, syntax=True)
    sorted_syntax = None
    if sort:
        sorted_syntax = (before.syntax, None if after.syntax_errors else after.syntax)
    problem = check_same(before, after, sorted_syntax)
    if problem is None:
        problem = check_stable(formatted, lambda: _lay_out(after.syntax, line_length, sort))
        after = after._replace(syntax=None)  # sorted_syntax keeps it where it is needed
    if problem is None:
        problem = findings_problem(before, source, after, formatted,
                                   today or dt.date.today(), sorted_syntax)
    if problem is not None:
        return _refused(text, problem)
    return FormatResult(formatted, formatted != text)


def _lay_out(syntax: PlanSyntax, line_length: int, sort: bool) -> str:
    # Called with two arguments when not sorting, as it always was (tests replace it).
    return lay_out(syntax, line_length, sort) if sort else lay_out(syntax, line_length)


def _refused(text: str, why: str) -> FormatResult:
    return FormatResult(text, False, (), f"not formatted, the file is left as it was: {why}")

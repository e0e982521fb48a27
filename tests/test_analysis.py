"""One analysis of a document: what it holds, and that the linter and the formatter are
thin wrappers over it. Every name is invented."""

from __future__ import annotations

import datetime as dt

from cpdsl.analysis import analyse
from cpdsl.formatting import format_analysis, format_text
from cpdsl.lint import lint_text
from cpdsl.parsing import PieceCache
from cpdsl.parsing.lookup import statements_at, token_at

TODAY = dt.date(2026, 3, 1)
HALF_TYPED = """\
plan "Northtown review" {
  member sam { name "Sam Patel" role social-worker lead
  chair sma
}
"""


def test_an_analysis_holds_the_parse_the_index_the_tree_and_the_findings():
    analysis = analyse(HALF_TYPED, today=TODAY)
    assert [m.id.name for m in analysis.plan.members] == ["sam"]
    assert analysis.index.lookup("sam").kind == "member"
    assert [(e.code, e.span.line) for e in analysis.syntax_errors] == [("CP100", 2)]
    assert analysis.diagnostics == lint_text(HALF_TYPED, TODAY)
    # the tree is there although the text has a syntax error: a keyword keeps its place
    assert token_at(analysis.syntax, 2, 52) == ("LEAD", "lead", 2, 52)
    assert [s.rule for s in statements_at(analysis.syntax, 2, 52)] == ["member", "lead"]
    # the findings carry their fixes, in offsets into the text
    (missing,) = [d for d in analysis.diagnostics if d.code == "CP100"]
    assert missing.fix is not None and missing.fix.is_safe
    assert analysis.lines.offset(3, 9) == HALF_TYPED.index("sma")


def test_without_the_tree_for_the_command_line():
    assert analyse(HALF_TYPED, today=TODAY, syntax=False).syntax is None


def test_another_text_is_analysed_as_the_first_was():
    first = analyse(HALF_TYPED, today=TODAY, syntax=False)
    second = first.again(HALF_TYPED.replace("chair sma", "chair sam"))
    assert second.settings == first.settings and second.syntax is None
    assert not any(d.code == "CP103" for d in second.diagnostics)
    assert any(d.code == "CP103" for d in first.diagnostics)


def test_the_piece_cache_gives_the_same_analysis():
    cache = PieceCache()
    analyse(HALF_TYPED, cache, today=TODAY)
    edited = HALF_TYPED.replace("chair sma", "chair sam")
    assert analyse(edited, cache, today=TODAY).diagnostics == analyse(
        edited, today=TODAY).diagnostics


def test_format_text_is_the_formatting_of_an_analysis():
    text = 'plan "T" {\n      chair sam\n}\n'
    analysis = analyse(text, today=TODAY)
    assert format_analysis(analysis) == format_text(text, today=TODAY)
    assert format_analysis(analysis).text == 'plan "T" {\n  chair sam\n}\n'
    assert format_analysis(analyse(HALF_TYPED)).syntax_errors  # never formatted

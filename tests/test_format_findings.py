"""Formatting never changes a verdict: the findings of fmt(x) are those of x, statement by
statement, however suppression comments lie (issue 8, defect 1).

Findings are compared here by what they point at, found independently of
cpdsl.formatting.findings: the how-manyth token (or comment) the span starts at.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from test_formatting import PLAN_FILES, relaid_plan
from test_properties import laid_out_plan

from cpdsl.formatting import format_text
from cpdsl.lint import lint_text
from cpdsl.parsing import parse
from cpdsl.parsing.syntax import read_syntax

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 3, 1)
AMY = (ROOT / "examples" / "amy.cp").read_text(encoding="utf-8")
CODES = ["CP302", "CP411", "CP508", "CP107", "CP105", "CP206", "CP3", "CP5", "CP606"]


def findings(text: str) -> Counter:
    """Each finding as (code, message without line numbers, what its span starts at)."""
    syntax = read_syntax(text)
    assert syntax is not None
    tokens = [*syntax.header, *(t for s in syntax.statements for t in s.all_tokens()),
              syntax.close]
    starts = [(t.line, t.column) for t in tokens]
    comments = {(c.line, c.column): i for i, c in enumerate(syntax.comments)}
    found: Counter = Counter()
    for d in lint_text(text, TODAY):
        place = (d.span.line, d.span.column)
        at = ("comment", comments[place]) if place in comments else (
            "token", bisect.bisect_right(starts, place) - 1)
        found[d.code, re.sub(r"line \d+", "line N", d.message), at] += 1
    return found


def codes(text: str) -> list[str]:
    return sorted(d.code for d in lint_text(text, TODAY))


def assert_same_findings(text: str) -> None:
    result = format_text(text, today=TODAY)
    assert result.ok, result.problem
    assert findings(result.text) == findings(text)


# -- the two reproductions of the issue ----------------------------------------------------

ONE_LINE_ACTION = re.sub(
    r"  action book-review (.*?)\n  \}\n",
    lambda m: ("  action book-review " + " ".join(m.group(1).split())
               + " }  # cplint: ignore[CP411] rebooked by phone\n"), AMY, flags=re.S)
TWO_LINE_MEMBER = AMY.replace(
    '  member kerry { name "Kerry Example" role parent }',
    '  member kerry { name "Kerry Example"\n'
    "    role parent }  # cplint: ignore[CP508] signs next week")


def test_a_block_on_one_line_with_a_suppression_at_its_end_is_not_split():
    assert "CP411" not in codes(ONE_LINE_ACTION)
    result = format_text(ONE_LINE_ACTION, today=TODAY)
    assert result.ok, result.problem
    assert "CP411" not in codes(result.text) and "CP107" not in codes(result.text)
    assert ("  action book-review \"Book Amy's developmental review and take her to it\" { "
            "outcome appointments owner kerry support jo due 2026-02-01 }  "
            "# cplint: ignore[CP411] rebooked by phone\n") in result.text
    assert_same_findings(ONE_LINE_ACTION)


def test_a_block_over_two_lines_with_a_suppression_at_its_end_is_not_joined():
    assert codes(TWO_LINE_MEMBER).count("CP508") == 4 and "CP107" in codes(TWO_LINE_MEMBER)
    result = format_text(TWO_LINE_MEMBER, today=TODAY)
    assert result.ok, result.problem
    assert ('  member kerry { name "Kerry Example"\n'
            "    role parent }  # cplint: ignore[CP508] signs next week\n") in result.text
    assert_same_findings(TWO_LINE_MEMBER)


def test_a_suppression_above_a_split_block_keeps_it_split():
    text = AMY.replace("  action book-review", "  # cplint: ignore[CP411] rebooked\n"
                                               "  action book-review")
    assert "CP411" in codes(text) and "CP107" in codes(text)  # it covers the first line only
    result = format_text(text, today=TODAY)
    assert result.ok, result.problem
    assert "    due 2026-02-01\n" in result.text
    assert_same_findings(text)


def test_a_suppression_above_a_long_block_keeps_it_on_one_line():
    text = ONE_LINE_ACTION.replace(
        "  action book-review", "  # cplint: ignore[CP411] rebooked by phone\n"
                                "  action book-review").replace(
        "due 2026-02-01 }  # cplint: ignore[CP411] rebooked by phone", "due 2026-02-01 }")
    result = format_text(text, line_length=60, today=TODAY)
    assert result.ok, result.problem
    assert "CP411" not in codes(result.text)
    assert_same_findings(text)


def test_the_blank_line_that_ends_a_suppressions_reach_is_kept_in_a_block():
    text = AMY.replace("    support jo\n", "    # cplint: ignore[CP211] agreed\n\n"
                                           "    support jo\n")
    result = format_text(text, today=TODAY)
    assert result.ok, result.problem
    assert "    # cplint: ignore[CP211] agreed\n\n    support jo\n" in result.text
    assert_same_findings(text)


def test_statements_sharing_a_suppressed_line_stay_on_it():
    text = AMY.replace(
        '  member kerry { name "Kerry Example" role parent }',
        "  member kerry {\n"
        '    name "Kerry Example" role parent  # cplint: ignore[CP105] local\n  }')
    result = format_text(text, today=TODAY)
    assert result.ok, result.problem
    assert '    name "Kerry Example" role parent  # cplint: ignore[CP105] local\n' in result.text
    assert_same_findings(text)


def test_a_safety_check_refuses_a_layout_that_changes_the_findings(monkeypatch):
    import cpdsl.formatting as formatting

    # The layout before the fix: the one-line action split whatever its comment says.
    split = format_text(ONE_LINE_ACTION.replace("# cplint", "# cpl")).text.replace(
        "# cpl", "# cplint")
    assert "    due 2026-02-01\n  }  # cplint: ignore[CP411]" in split
    monkeypatch.setattr(formatting, "lay_out", lambda syntax, width, sort=False: split)
    result = format_text(ONE_LINE_ACTION, today=TODAY)
    assert not result.ok and result.text == ONE_LINE_ACTION
    assert result.problem == (
        "not formatted, the file is left as it was: the formatted text would gain the "
        "finding CP107 (this suppression of `CP411` suppresses nothing: there is no such "
        "finding on this line; remove it)")


# -- properties ----------------------------------------------------------------------------

@st.composite
def with_suppressions(draw, plans) -> str:
    """A plan with suppression comments put in after or before any of its tokens."""
    text = draw(plans)
    syntax = read_syntax(text)
    assume(syntax is not None)
    tokens = [*syntax.header, *(t for s in syntax.statements for t in s.all_tokens()),
              syntax.close]
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    chosen = draw(st.lists(st.integers(0, len(tokens) - 1), min_size=1, max_size=4,
                           unique=True))
    inserts = []
    for i in chosen:
        token = tokens[i]
        code = draw(st.sampled_from(CODES))
        comment = f"# cplint: ignore[{code}] agreed with the manager"
        if draw(st.booleans()):  # at the end of the token's line
            end = offsets[token.end_line - 1] + token.end_column - 1
            inserts.append((end, f"  {comment}\n"))
        else:  # alone on a line before it, perhaps with a blank line
            start = offsets[token.line - 1] + token.column - 1
            inserts.append((start, f"\n{comment}\n" + draw(st.sampled_from(["", "\n"]))))
    for offset, insert in sorted(inserts, reverse=True):
        text = text[:offset] + insert + text[offset:]
    assume(not parse(text).syntax_errors)
    return text


def _repository_plan(path: Path) -> str:
    return path.read_text(encoding="utf-8").lstrip("\ufeff")


REPOSITORY_PLANS = st.sampled_from(PLAN_FILES).map(_repository_plan)


@pytest.mark.parametrize("text", [ONE_LINE_ACTION, TWO_LINE_MEMBER])
def test_the_reproductions_hold_at_every_line_length(text):
    for width in (40, 60, 100, 200):
        result = format_text(text, width, today=TODAY)
        assert result.ok, result.problem
        assert findings(result.text) == findings(text)


@given(with_suppressions(REPOSITORY_PLANS))
def test_suppressions_anywhere_in_a_repository_plan_keep_their_findings(text):
    assert_same_findings(text)


@given(with_suppressions(relaid_plan()))
def test_suppressions_anywhere_in_a_relaid_plan_keep_their_findings(text):
    assert_same_findings(text)


@given(with_suppressions(laid_out_plan()))
def test_suppressions_anywhere_in_a_generated_plan_keep_their_findings(text):
    assert_same_findings(text)


@given(with_suppressions(REPOSITORY_PLANS))
def test_sorting_keeps_the_findings_of_suppressions_too(text):
    result = format_text(text, sort=True, today=TODAY)
    assert result.ok, result.problem
    assert sorted(codes(result.text)) == sorted(codes(text))

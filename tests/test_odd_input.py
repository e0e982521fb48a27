"""Odd input gets one clear finding, in plain words (issue 8, defect 8)."""

from __future__ import annotations

import datetime as dt

import pytest

from cpdsl.formatting import format_text
from cpdsl.formatting.layout import display_width
from cpdsl.lint import lint_text

TODAY = dt.date(2026, 3, 1)


def found(text: str) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.span.line, d.span.column, d.message) for d in lint_text(text, TODAY)]


@pytest.mark.parametrize("text", ["", "\n", "   \n\t\n", "\ufeff"])
def test_an_empty_file_gives_one_finding_that_says_so(text):
    assert found(text) == [
        ("CP100", 1, 1, 'the file is empty: a plan starts with `plan "Title" {`')]


def test_a_file_of_comments_gives_one_finding_that_says_so():
    assert found("# a note\n") == [
        ("CP100", 1, 1, 'the file holds only comments: a plan starts with `plan "Title" {`')]


def test_the_year_0_is_named_as_what_does_not_exist():
    text = 'plan "A" {\n  conference initial 0000-01-01\n}\n'
    assert ("CP104", 2, 22, "0000-01-01 is not a date: there is no year 0: years start at 0001"
            ) in found(text)


def test_display_width_counts_wide_characters_twice_and_marks_not_at_all():
    assert display_width("abc") == 3
    assert display_width("中文") == 4
    assert display_width("ｆｕｌｌ") == 8  # full-width forms
    assert display_width("e\u0301") == 1  # e and a combining acute accent
    assert display_width("é") == 1


def test_a_block_of_wide_characters_is_split_where_it_would_not_fit_on_a_screen():
    name = "陈" * 30  # 30 characters, 60 columns
    text = f'plan "A" {{\n  member sam {{ name "{name}" role social-worker }}\n}}\n'
    line = f'  member sam {{ name "{name}" role social-worker }}'
    assert len(line) < 80 < display_width(line)
    result = format_text(text, line_length=80)
    assert result.ok, result.problem
    assert result.text == (f'plan "A" {{\n  member sam {{\n    name "{name}"\n'
                           "    role social-worker\n  }\n}\n")
    assert format_text(text, line_length=110).text == text

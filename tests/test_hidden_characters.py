"""Hidden characters: CP108 flags them in a plan, and no output format shows them raw
(issue 8: NUL and bidirectional controls, the "Trojan Source" problem)."""

from __future__ import annotations

import datetime as dt
import json
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from cpdsl.cli import main
from cpdsl.hidden import escaped, json_escaped
from cpdsl.lint import lint_text

TODAY = dt.date(2026, 3, 1)
RLO, NUL, ESC = "\u202e", "\x00", "\x1b"
RAW = (RLO, NUL, ESC, "\u2066", "\x9b")


def plan(*lines: str) -> str:
    return 'plan "Hidden" {\n' + "".join(f"  {line}\n" for line in lines) + "}\n"


def hidden(text: str) -> list[tuple[int, int, str]]:
    return [(d.span.line, d.span.column, d.message) for d in lint_text(text, TODAY)
            if d.code == "CP108"]


BIDI_MESSAGE = ("a bidirectional control character (U+202E RIGHT-TO-LEFT OVERRIDE) in the "
                "plan: it can make an editor, a terminal or a code review show the text in "
                'another order than it is read ("Trojan Source"); remove it')


def test_a_bidirectional_override_in_a_string_is_flagged_at_it():
    text = plan(f'views child "Amy likes{RLO} school"')
    assert hidden(text) == [(2, 25, BIDI_MESSAGE)]


def test_a_nul_in_a_comment_is_flagged():
    assert hidden(plan(f"chair sam  # agreed{NUL}")) == [
        (2, 22, "a control character (U+0000 NUL) in the plan: it cannot be seen, and some "
                "programs stop reading at it or act on it; remove it")]


@pytest.mark.parametrize("character, name", [
    (ESC, "U+001B ESCAPE"), ("\x9b", "U+009B CONTROL SEQUENCE INTRODUCER"),
    ("\x7f", "U+007F DELETE"), ("\x01", "U+0001 a control character"),
    ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"), ("\u202c", "U+202C POP DIRECTIONAL FORMATTING"),
])
def test_each_kind_is_named(character, name):
    (found,) = hidden(plan(f'communication "By{character} email"'))
    assert name in found[2]


def test_one_finding_a_word_at_the_first():
    text = plan(f'views child "a{RLO}b{RLO}c d{NUL}"', f"chair sam  # {ESC}{ESC}")
    assert [(line, column) for line, column, _ in hidden(text)] == [(2, 17), (2, 23), (3, 16)]


@pytest.mark.parametrize("character", ["\t", "\f", "\u200e", "\u200f", "\u061c", "é", "中"])
def test_whitespace_marks_and_letters_are_not_flagged(character):
    assert hidden(plan(f'communication "By{character}email"')) == []


def test_a_clean_plan_has_no_cp108():
    assert hidden(plan('chair sam', 'views child "Amy"')) == []


def test_escaped_writes_each_hidden_character_as_its_code_point():
    assert escaped(f"a{RLO}b{NUL}c{ESC}[31m\r") == "a<U+202E>b<U+0000>c<U+001B>[31m<U+000D>"
    assert escaped("plain text, é and 中") == "plain text, é and 中"
    assert json.loads(json_escaped(json.dumps(f"a{RLO}b", ensure_ascii=False))) == f"a{RLO}b"


# -- no format shows them raw --------------------------------------------------------------

TEXT = plan("member sam { name \"Sam Patel\" role social-worker lead }",
            f'views child "Amy likes{RLO} school"  # {NUL}{ESC}[2J',
            f"chair sma{ESC}")


@pytest.fixture
def hidden_plan(tmp_path):
    path = tmp_path / f"odd{RLO}name.cp"
    path.write_text(TEXT, encoding="utf-8")
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["--today", "2026-03-01", *args])
    assert result.exit_code == 1, result.output
    return result.output


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "github", "sarif", "junit"])
def test_no_format_writes_a_hidden_character_raw(hidden_plan, fmt):
    output = run("--format", fmt, str(hidden_plan))
    assert not any(character in output for character in RAW), ascii(output)
    if fmt in ("json", "sarif"):
        assert RLO in json.dumps(json.loads(output), ensure_ascii=False)  # the same values
    if fmt == "junit":
        ElementTree.fromstring(output)


def test_the_text_format_shows_the_line_escaped_with_the_marker_under_the_place(hidden_plan):
    output = run("--format", "text", str(hidden_plan))
    assert (f"{escaped(str(hidden_plan))}:3:25: CP108 [hidden-character] {BIDI_MESSAGE}\n"
            "  |\n"
            '3 |   views child "Amy likes<U+202E> school"  # <U+0000><U+001B>[2J\n'
            "  | " + " " * 24 + "^" * 8 + "\n") in output


def test_explain_shows_the_example_escaped():
    result = CliRunner().invoke(main, ["explain", "CP108"])
    assert result.exit_code == 0
    assert 'views child "Amy says she likes school<U+202E> dinners"' in result.output
    assert RLO not in result.output

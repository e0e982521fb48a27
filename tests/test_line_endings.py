"""A lone carriage return ends a line, as LF and CRLF do: in the parser, in the places
findings are reported at, in the lines shown and in the formatter (issue 8, defect 6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from cpdsl.cli import main
from cpdsl.formatting import format_text
from cpdsl.lint import lint_result, lint_text
from cpdsl.parsing import parse, with_line_feeds

ROOT = Path(__file__).resolve().parents[1]
AMY = (ROOT / "examples" / "amy.cp").read_text(encoding="utf-8")
TODAY = dt.date(2026, 3, 1)


def findings(text: str) -> list[tuple]:
    return [(d.code, d.span.line, d.span.column, d.span.end_line, d.span.end_column,
             d.message) for d in lint_text(text, TODAY)]


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_a_plan_with_other_line_endings_has_the_findings_of_the_lf_plan(ending):
    assert findings(AMY.replace("\n", ending)) == findings(AMY)


def test_without_its_first_comment_a_cr_plan_is_still_read_whole():
    text = AMY.split("\n", 1)[1].replace("\n", "\r")
    codes = [f[0] for f in findings(text)]
    assert "CP301" not in codes and "CP302" not in codes and "CP501" not in codes
    assert findings(text) == findings(AMY.split("\n", 1)[1])


def test_mixed_line_endings_count_each_as_one_line():
    text = 'plan "Mixed" {\r  member sam { name "Sam Patel" role sw }\r\n  chair sma\n}\n'
    found = {(f[0], f[1], f[2]) for f in findings(text)}
    assert ("CP105", 2, 38) in found and ("CP103", 3, 9) in found


def test_with_line_feeds_keeps_every_place():
    text = "a\rb\r\nc\n\r"
    assert with_line_feeds(text) == "a\nb\r\nc\n\n"
    assert len(with_line_feeds(text)) == len(text)


def test_comments_end_at_a_lone_carriage_return():
    parsed = parse('plan "A" {  # one\r  chair sam  # two\r}\r')
    assert [(c.text, c.span.line) for c in parsed.comments] == [("# one", 1), ("# two", 2)]


def test_the_lines_shown_are_the_lines_of_the_plan():
    text = AMY.replace("\n", "\r")
    result = lint_result("cr.cp", text, TODAY)
    assert result.lines[17] == ('  member ria { name "Ria Khan" role teacher '
                                'agency "Northtown Primary School" }')
    assert all("\r" not in line for line in result.lines.values())


def test_the_formatter_writes_a_cr_plan_with_line_feeds():
    result = format_text(AMY.replace("\n", "\r"))
    assert result.ok, result.problem
    assert result.text == AMY


def test_cplint_and_fmt_on_a_cr_file(tmp_path):
    path = tmp_path / "cr.cp"
    path.write_bytes(AMY.replace("\n", "\r").encode())
    runner = CliRunner()
    checked = runner.invoke(main, ["--today", "2026-03-01", "--format", "concise", str(path)])
    expected = runner.invoke(main, ["--today", "2026-03-01", "--format", "concise",
                                    str(ROOT / "examples" / "amy.cp")])
    assert checked.exit_code == 1
    assert checked.output.replace(str(path), "X") == expected.output.replace(
        str(ROOT / "examples" / "amy.cp"), "X")
    formatted = runner.invoke(main, ["fmt", str(path)])
    assert formatted.exit_code == 0, formatted.output
    assert path.read_text(encoding="utf-8") == AMY


def test_a_non_utf8_byte_in_a_cr_file_is_placed_on_its_line(tmp_path):
    path = tmp_path / "latin.cp"
    path.write_bytes(b'plan "A" {\r  chair sam\r  views child "caf\xe9"\r}\r')
    result = CliRunner().invoke(main, [str(path)])
    assert result.exit_code == 2
    assert f"cplint: {path}:3:19: not UTF-8 text (byte 0xe9)" in result.output


def test_fmt_shows_the_line_of_a_syntax_error_in_a_cr_file(tmp_path):
    path = tmp_path / "broken.cp"
    original = b'plan "A" {\r  chair sam\r  action a "Act" { due 2026-2-1 }\r}\r'
    path.write_bytes(original)
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.exit_code == 1
    assert '3 |   action a "Act" { due 2026-2-1 }\n' in result.output
    assert path.read_bytes() == original

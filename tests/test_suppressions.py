"""Suppression comments, and CP107 for those that suppress nothing or give no reason.

Only the CP1 rules are enabled, so that the other families' findings do not move these
tests. Every name in the plans is invented.
"""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from cpdsl.cli import main
from cpdsl.config import LintOptions
from cpdsl.lint import lint_text
from cpdsl.rules import RULES_BY_CODE

TODAY = dt.date(2026, 3, 1)
CP1 = frozenset(code for code in RULES_BY_CODE if code.startswith("CP1"))


def found(text: str, enabled: frozenset[str] = CP1) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(text, TODAY, options=LintOptions(enabled))]


def messages(text: str, code: str = "CP107") -> list[str]:
    return [d.message for d in lint_text(text, TODAY, options=LintOptions(CP1)) if d.code == code]


def plan(*lines: str) -> str:
    return 'plan "Northtown review" {\n' + "".join(f"  {line}\n" for line in lines) + "}\n"


MEMBER = 'member sam { name "Sam Patel" role key-worker }'  # CP105: not a role


def test_without_suppressions_the_findings_stand():
    assert found(plan(MEMBER, "chair sma")) == [(2, "CP105"), (3, "CP103")]


def test_on_the_findings_line():
    text = plan(MEMBER + "  # cplint: ignore[CP105] a local role agreed with the manager",
                "chair sma")
    assert found(text) == [(3, "CP103")]


def test_alone_on_the_line_above():
    text = plan("# cplint: ignore[CP105] a local role agreed with the manager", MEMBER,
                "chair sma")
    assert found(text) == [(4, "CP103")]


def test_above_a_run_of_comment_lines():
    text = plan("# cplint: ignore[CP105] a local role agreed with the manager",
                "# cplint: ignore[CP106] the name is on the file",
                "# (Sam is the keyworker)",
                "member sam { role key-worker }", "chair sam")
    assert found(text) == []
    assert sorted(found(plan("member sam { role key-worker }", "chair sam"))) == [
        (2, "CP105"), (2, "CP106")]


def test_a_blank_line_ends_the_reach_of_a_suppression_above():
    text = plan("# cplint: ignore[CP105] a local role agreed with the manager", "", MEMBER,
                "chair sam")
    assert found(text) == [(2, "CP107"), (4, "CP105")]


def test_a_trailing_suppression_does_not_cover_the_next_line():
    text = plan("chair sam  # cplint: ignore[CP105] a local role agreed with the manager",
                MEMBER)
    assert found(text) == [(2, "CP107"), (3, "CP105")]


def test_nor_a_line_further_down():
    text = plan("# cplint: ignore[CP103] agreed", MEMBER, "chair sma")
    assert found(text) == [(2, "CP107"), (3, "CP105"), (4, "CP103")]


def test_several_codes_prefixes_and_names():
    text = plan(MEMBER, 'chair sma  # cplint: ignore[CP105,undefined-reference] agreed')
    assert found(text) == [(2, "CP105"), (3, "CP107")]  # CP105 is on the line above
    text = plan(MEMBER + '  # cplint: ignore[CP10] agreed', "chair sma")
    assert found(text) == [(3, "CP103")]
    text = plan("# cplint: ignore[ invalid-value , CP103 ] agreed", MEMBER, "chair sma")
    assert found(text) == [(2, "CP107"), (4, "CP103")]
    assert messages(text) == ["this suppression of `CP103` suppresses nothing: there is no "
                              "such finding on line 3; remove it"]


def test_ignore_file_anywhere_covers_the_whole_file():
    text = plan(MEMBER, "chair sma", "# cplint: ignore-file[CP103, CP105] a training plan")
    assert found(text) == []
    before = '# cplint: ignore-file[CP1] a training plan\n' + plan(MEMBER, "chair sma")
    assert found(before) == []


def test_a_suppression_without_a_reason_still_suppresses_but_is_reported():
    text = plan(MEMBER + "  # cplint: ignore[CP105]", "chair sam")
    assert found(text) == [(2, "CP107")]
    assert messages(text) == ["this suppression gives no reason: say after the `]` why the "
                              "finding is accepted, and who agreed"]
    assert found(plan(MEMBER + "  # cplint: ignore[CP105] - ", "chair sam")) == [(2, "CP107")]


def test_unused_suppression_is_reported_at_the_comment():
    text = plan(MEMBER, "chair sam  # cplint: ignore[CP103] the chair is agreed")
    diagnostics = [d for d in lint_text(text, TODAY, options=LintOptions(CP1))
                   if d.code == "CP107"]
    assert len(diagnostics) == 1
    span = diagnostics[0].span
    assert (span.line, span.column, span.end_line) == (3, 14, 3)
    assert span.end_column == span.column + len("# cplint: ignore[CP103] the chair is agreed")
    assert diagnostics[0].message == ("this suppression of `CP103` suppresses nothing: there "
                                      "is no such finding on this line; remove it")
    assert diagnostics[0].severity.value == "warning"


def test_unused_file_wide_suppression():
    text = plan(MEMBER, "# cplint: ignore-file[CP105, CP104] a training plan")
    assert messages(text) == ["this suppression of `CP104` suppresses nothing: there is no "
                              "such finding in this file; remove it"]


def test_unknown_code_is_reported_with_a_suggestion():
    text = plan(MEMBER + "  # cplint: ignore[CP1O5] agreed", "chair sam")
    assert found(text) == [(2, "CP105"), (2, "CP107")]
    assert messages(text) == ["`CP1O5` is no rule code, prefix or name; did you mean `CP105`?"
                              ": the suppression of it suppresses nothing"]


@pytest.mark.parametrize("comment", [
    "# cplint: ignore CP105 agreed",
    "# cplint: ignroe[CP105] agreed",
    "# cplint: ignore[] agreed",
    "#cplint:ignore[CP105",
])
def test_a_malformed_suppression_is_reported_and_suppresses_nothing(comment):
    text = plan(MEMBER + "  " + comment, "chair sam")
    assert (2, "CP105") in found(text)
    assert (2, "CP107") in found(text)


def test_spacing_and_case_of_the_directive():
    assert found(plan(MEMBER + "  #cplint:ignore[CP105]agreed", "chair sam")) == []
    assert found(plan(MEMBER + "  #   cplint :  ignore [CP105]  agreed", "chair sam")) == []


def test_cp107_cannot_be_suppressed_in_a_comment():
    text = plan("# cplint: ignore-file[CP107] we know", MEMBER + "  # cplint: ignore[CP105]",
                "chair sam")
    assert found(text) == [(2, "CP107"), (3, "CP107")]
    assert messages(text)[0] == ('CP107 cannot be suppressed in a comment: turn it off with '
                                 '`ignore = ["CP107"]` in the configuration')
    # A prefix that covers CP107 covers the others only.
    assert found(plan("# cplint: ignore-file[CP1] a training plan", MEMBER + "  # cplint: "
                      "ignore[CP105]", "chair sam")) == [(3, "CP107")]


def test_cp107_is_turned_off_by_the_configuration_only():
    text = plan(MEMBER + "  # cplint: ignore[CP105]", "chair sam  # cplint: ignore[CP103] x")
    assert found(text, CP1 - {"CP107"}) == []


def test_a_suppression_of_a_rule_the_configuration_turns_off_is_not_reported():
    text = plan(MEMBER, "chair sma  # cplint: ignore[CP103] agreed")
    assert found(text, frozenset({"CP105", "CP107"})) == [(2, "CP105")]


def test_suppressions_inside_text_are_not_comments():
    text = plan('need safety "Sam said # cplint: ignore[CP105] in a meeting"', MEMBER)
    assert found(text) == [(3, "CP105")]


def test_comments_that_are_not_suppressions_change_nothing():
    text = plan("# cplint is run in CI on every plan", MEMBER + "  # expect: CP105",
                "chair sma  # the chair's id, cplint: checks it")
    assert found(text) == [(3, "CP105"), (4, "CP103")]


def test_suppressions_apply_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cplint.toml").write_text('select = ["CP1"]\n', encoding="utf-8")
    (tmp_path / "a.cp").write_text(
        plan(MEMBER + "  # cplint: ignore[CP105] a local role agreed with the manager",
             "chair sam"), encoding="utf-8")
    result = CliRunner().invoke(main, ["a.cp"])
    assert (result.exit_code, result.stdout) == (0, "All checks passed (1 file).\n")


def test_windows_line_endings():
    text = plan("# cplint: ignore[CP105] a local role agreed with the manager", MEMBER,
                "chair sma  # cplint: ignore[CP103]").replace("\n", "\r\n")
    assert found(text) == [(4, "CP107")]
    assert messages(text) == ["this suppression gives no reason: say after the `]` why the "
                              "finding is accepted, and who agreed"]

"""`cplint rules`, `cplint explain`, `cplint profiles`, and `--profile` on check.

Every name in the plans and profiles is invented.
"""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from cpdsl.cli import main
from cpdsl.profile import shipped_profiles
from cpdsl.rules import ALL_RULES, RULES_BY_CODE
from cpdsl.rules.docs import body

TWO_FINDINGS = """\
plan "Northtown review" {
  profile england
  member sam { name "Sam Patel" role socal-worker }
  chair sma
}
"""

NORTHTOWN = """\
name = "northtown"
extends = "bolton"
description = "Northtown: an invented local procedure"

[settings.minutes]
value = "3 working days"
ref = "Northtown procedure, section 2"
source = "\\"Notes go out within 3 working days\\" (Northtown procedure, section 2)"

[severity]
CP105 = "info"
"""


def run(*args: str, **kwargs):
    kwargs.setdefault("catch_exceptions", False)
    return CliRunner().invoke(main, list(args), **kwargs)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cplint.toml").write_text('select = ["CP1"]\n', encoding="utf-8")
    return tmp_path


# -- rules ---------------------------------------------------------------------------------


def test_rules_table_lists_every_rule_once():
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "CHECKS"]
    assert len(lines) == len(ALL_RULES) + 1
    for line, rule in zip(lines[1:], ALL_RULES, strict=True):
        assert line.split()[:3] == [rule.code, rule.name, rule.severity.value]
        assert line.endswith(f"  {rule.summary}")
    # The columns line up: every name starts where the header's NAME does.
    assert {line.index(rule.name) for line, rule in zip(lines[1:], ALL_RULES, strict=True)} \
        == {lines[0].index("NAME")}


def test_rules_json():
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert [item["code"] for item in items] == [rule.code for rule in ALL_RULES]
    assert items[list(RULES_BY_CODE).index("CP107")] == {
        "code": "CP107", "name": "unused-suppression", "severity": "warning",
        "summary": RULES_BY_CODE["CP107"].summary}


# -- explain -------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["CP105", "cp105", "invalid-value"])
def test_explain_by_code_or_name(word):
    result = run("explain", word)
    assert result.exit_code == 0
    rule = RULES_BY_CODE["CP105"]
    assert result.stdout == f"CP105 invalid-value\n\n{body(rule)}"
    assert "- Severity: error" in result.stdout
    assert "```cp\nmember sam" in result.stdout  # the failing example, fenced


@pytest.mark.parametrize(("word", "hint"), [
    ("CP1O5", "; did you mean `CP105`?"),
    ("invalid-valeu", "; did you mean `invalid-value`?"),
    ("frobnicate", ""),
])
def test_explain_unknown_rule_exits_2_with_did_you_mean(word, hint):
    result = run("explain", word)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"cplint: no rule has the code or name `{word}`{hint} "
                             "(`cplint rules` lists them)\n")


def test_explain_needs_a_rule():
    result = run("explain")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


# -- profiles ------------------------------------------------------------------------------


def test_profiles_lists_each_shipped_profile_with_nation_extends_and_settings():
    result = run("profiles")
    assert result.exit_code == 0
    blocks = result.stdout.split("\n\n")
    assert [block.split(":")[0] for block in blocks] == shipped_profiles()
    bolton = blocks[shipped_profiles().index("bolton")]
    assert "  nation: england\n  extends: england\n" in bolton
    assert ("    core-group-interval = 6 weeks  (000_5146a52aabc1ef30.txt, section 3)"
            in bolton.splitlines())
    # Settings it takes from what it extends say so.
    assert any(line.startswith("    first-review = 3 months  (from england; ")
               for line in bolton.splitlines())
    england = blocks[shipped_profiles().index("england")]
    assert "  extends: (nothing)\n" in england
    assert "    categories-required = true  (" in england


def test_profiles_one_by_name_shows_full_sources():
    result = run("profiles", "west-midlands")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("west-midlands")
    assert "  nation: england" in lines
    index = lines.index(next(line for line in lines if line.startswith("    minutes = ")))
    assert lines[index + 1] == ("      means: minutes circulated within this of the meeting "
                                "(CP407)")
    assert lines[index + 2] == "      figure: this profile's own"
    assert lines[index + 3].startswith("      source: ")
    assert "004_256d3034f79780c2.txt" in lines[index + 3]


def test_profiles_one_by_path_with_its_severities(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "northtown.toml").write_text(NORTHTOWN, encoding="utf-8")
    result = run("profiles", os.path.join("profiles", "northtown.toml"))
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("northtown: Northtown: an invented local procedure\n")
    assert "  extends: bolton\n" in text
    assert "    minutes = 3 working days  (Northtown procedure, section 2)\n" in text
    assert "      source: \"Notes go out within 3 working days\"" in text
    assert "    core-group-interval = 6 weeks  (from bolton; " in text
    assert text.endswith("  severity:\n    CP105 = info\n")


def test_profiles_unknown_exits_2_with_the_profile_error():
    result = run("profiles", "northtown")
    assert result.exit_code == 2
    assert result.stderr.startswith("cplint: no profile named `northtown`; the profiles are: ")
    assert result.stderr.count("\n") == 1


# -- --profile on check, and `cplint PATH` --------------------------------------------------


def test_profile_option_overrides_the_plans_profile(workdir):
    (workdir / "northtown.toml").write_text(NORTHTOWN, encoding="utf-8")
    (workdir / "a.cp").write_text(TWO_FINDINGS, encoding="utf-8")
    plain = json.loads(run("a.cp", "--format", "json").stdout)
    assert {(i["code"], i["severity"]) for i in plain} == {("CP103", "error"),
                                                          ("CP105", "error")}
    result = run("a.cp", "--format", "json", "--profile", "northtown.toml")
    assert result.exit_code == 1
    assert {(i["code"], i["severity"]) for i in json.loads(result.stdout)} == {
        ("CP103", "error"), ("CP105", "info")}


def test_profile_option_with_a_shipped_name(workdir):
    (workdir / "a.cp").write_text(TWO_FINDINGS, encoding="utf-8")
    result = run("a.cp", "--profile", "scotland", "--format", "concise")
    assert result.exit_code == 1


@pytest.mark.parametrize(("name", "message"), [
    ("northtown", "cplint: --profile: no profile named `northtown`; the profiles are: "),
    ("nowhere/northtown.toml", "cplint: --profile: nowhere/northtown.toml: no such profile "
                               "file"),
])
def test_bad_profile_option_exits_2_with_the_profile_error(workdir, name, message):
    (workdir / "a.cp").write_text(TWO_FINDINGS, encoding="utf-8")
    result = run("a.cp", "--profile", name)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def test_profile_option_with_a_bad_severity_table_exits_2(workdir):
    (workdir / "loud.toml").write_text('extends = "england"\n[severity]\nCP105 = "loud"\n',
                                       encoding="utf-8")
    (workdir / "a.cp").write_text(TWO_FINDINGS, encoding="utf-8")
    result = run("a.cp", "--profile", "loud.toml")
    assert result.exit_code == 2
    assert result.stderr == ('cplint: --profile: loud.toml: `severity.CP105` must be one of '
                             '"error", "warning", "info", not "loud"\n')


def test_a_bare_path_still_means_check(workdir):
    (workdir / "a.cp").write_text(TWO_FINDINGS, encoding="utf-8")
    assert run("a.cp", "--format", "json").stdout == \
        run("check", "a.cp", "--format", "json").stdout
    # A plan folder that happens to be called like a command needs `check` or ./
    (workdir / "rules").mkdir()
    (workdir / "rules" / "b.cp").write_text(TWO_FINDINGS, encoding="utf-8")
    assert run("check", "rules", "--format", "concise").exit_code == 1
    assert run(os.path.join(".", "rules"), "--format", "concise").exit_code == 1


def test_help_lists_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("check", "rules", "explain", "profiles"):
        assert f"  {command} " in result.stdout


def test_explain_a_word_of_the_language():
    from click.testing import CliRunner

    from cpdsl.cli import main

    result = CliRunner().invoke(main, ["explain", "second-chair"])
    assert (result.exit_code, result.output) == (0, (
        "`second-chair` (keyword in `plan`): The member named in advance to chair a meeting "
        "when the chair cannot\n  source: Bolton core group guidance, s3\n"))
    role = CliRunner().invoke(main, ["explain", "social-worker"])
    assert role.output.startswith("`social-worker` (role, after `role`): The child's social "
                                  "worker")
    unknown = CliRunner().invoke(main, ["explain", "zzz"])
    assert unknown.exit_code == 2

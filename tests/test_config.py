"""The configuration: where it is found, what each key does, and every way it can be wrong.

Plans and configurations are written into tmp_path; every name in them is invented.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import sys
import tomllib

import pytest
from click.testing import CliRunner

from cpdsl import config as config_module
from cpdsl.cli import main
from cpdsl.config import ConfigError, ConfigFinder, glob_pattern, parse_config
from cpdsl.diagnostics import Severity
from cpdsl.lint import lint_text
from cpdsl.rules import RULES_BY_CODE

TODAY = dt.date(2026, 3, 1)

# CP105 (an unknown role) on line 2, CP103 (a chair nobody is) on line 3.
TWO_FINDINGS = """\
plan "Northtown review" {
  member sam { name "Sam Patel" role socal-worker }
  chair sma
}
"""


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: pathlib.Path, text: str) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, **kwargs):
    kwargs.setdefault("catch_exceptions", False)
    return CliRunner().invoke(main, list(args), **kwargs)


def findings(result) -> list[tuple[str, str, int]]:
    """(file, code, line) of each finding in `--format json` output."""
    return [(item["file"], item["code"], item["line"]) for item in json.loads(result.stdout)]


def codes(result) -> set[str]:
    return {code for _, code, _ in findings(result)}


# -- where the configuration is found ------------------------------------------------------


def test_found_from_the_plans_folder_upwards_and_the_nearest_wins(workdir):
    write(workdir / "cplint.toml", 'select = ["CP105"]\n')
    write(workdir / "north" / "cplint.toml", 'select = ["CP103"]\n')
    write(workdir / "north" / "deeper" / "a.cp", TWO_FINDINGS)
    write(workdir / "south" / "b.cp", TWO_FINDINGS)
    result = run("north", "south", "--format", "json")
    assert result.exit_code == 1
    assert findings(result) == [
        (os.path.join("north", "deeper", "a.cp"), "CP103", 3),
        (os.path.join("south", "b.cp"), "CP105", 2),
    ]


def test_cplint_toml_wins_over_pyproject_in_the_same_folder(workdir):
    write(workdir / "cplint.toml", 'select = ["CP105"]\n')
    write(workdir / "pyproject.toml", '[tool.cplint]\nselect = ["CP103"]\n')
    write(workdir / "a.cp", TWO_FINDINGS)
    assert codes(run("a.cp", "--format", "json")) == {"CP105"}


def test_pyproject_tool_cplint_is_read(workdir):
    write(workdir / "pyproject.toml",
          '[project]\nname = "northtown-plans"\n\n[tool.cplint]\nselect = ["CP103"]\n')
    write(workdir / "a.cp", TWO_FINDINGS)
    assert codes(run("a.cp", "--format", "json")) == {"CP103"}


@pytest.mark.parametrize(("text", "expected"), [
    ('[tool]\ncplint = { select = ["CP103"] }\n', {("CP103", "error")}),
    ('tool.cplint.select = ["CP103"]\n', {("CP103", "error")}),
    ('[tool.cplint.severity]\nCP105 = "info"\n[tool.cplint]\nselect = ["CP103", "CP105"]\n',
     {("CP103", "error"), ("CP105", "info")}),
])
def test_pyproject_tool_cplint_in_any_toml_spelling(workdir, text, expected):
    write(workdir / "pyproject.toml", text)
    write(workdir / "a.cp", TWO_FINDINGS)
    items = json.loads(run("a.cp", "--format", "json").stdout)
    assert {(item["code"], item["severity"]) for item in items} == expected


def test_a_pyproject_without_tool_cplint_does_not_count(workdir):
    write(workdir / "cplint.toml", 'select = ["CP105"]\n')
    write(workdir / "plans" / "pyproject.toml",
          '[project]\nname = "northtown-plans"\n[project.scripts]\ncplint = "x"\n'
          '[tool.ruff]\nline-length = 100  # not cplint\n')
    write(workdir / "plans" / "a.cp", TWO_FINDINGS)
    assert codes(run("plans", "--format", "json")) == {"CP105"}


def test_no_configuration_means_every_rule(workdir):
    write(workdir / "a.cp", TWO_FINDINGS)
    assert {"CP103", "CP105"} <= codes(run("a.cp", "--format", "json"))


def test_standard_input_uses_the_configuration_of_its_name_or_the_current_folder(workdir):
    write(workdir / "cplint.toml", 'select = ["CP105"]\n')
    write(workdir / "north" / "cplint.toml", 'select = ["CP103"]\n')
    here = run("-", "--format", "json", input=TWO_FINDINGS)
    assert codes(here) == {"CP105"}
    named = run("-", "--stdin-filename", os.path.join("north", "typed.cp"), "--format", "json",
                input=TWO_FINDINGS)
    assert codes(named) == {"CP103"}


def test_each_folder_is_read_once_however_many_plans_it_holds(workdir, monkeypatch):
    write(workdir / "cplint.toml", 'select = ["CP1"]\n')
    for number in range(12):
        write(workdir / "plans" / f"p{number}" / "a.cp", TWO_FINDINGS)
        write(workdir / "plans" / f"p{number}" / "b.cp", TWO_FINDINGS)
    read: list[str] = []
    looked: list[str] = []
    original_read, original_look = config_module._read_bytes, config_module.read_config_in
    monkeypatch.setattr(config_module, "_read_bytes",
                        lambda path, *a: read.append(path) or original_read(path, *a))
    monkeypatch.setattr(config_module, "read_config_in",
                        lambda folder: looked.append(folder) or original_look(folder))
    result = run("plans", "--format", "concise", "-j", "1")
    assert result.exit_code == 1
    assert read == [str(workdir / "cplint.toml")]
    assert len(looked) == len(set(looked))  # no folder looked at twice
    assert str(workdir / "plans" / "p3") in looked


def test_finder_caches_per_folder(tmp_path):
    write(tmp_path / "cplint.toml", 'select = ["CP103"]\n')
    finder = ConfigFinder()
    first = finder.config_for(str(tmp_path / "a" / "x.cp"))
    assert finder.config_for(str(tmp_path / "a" / "y.cp")) is first
    assert finder.options_for(str(tmp_path / "a" / "x.cp")) is \
        finder.options_for(str(tmp_path / "a" / "y.cp"))
    assert first.enabled == {"CP103"}


# -- select, ignore, extend-select ---------------------------------------------------------


def enabled(text: str, tmp_path: pathlib.Path) -> set[str]:
    path = write(tmp_path / "cplint.toml", text)
    return set(parse_config(tomllib.loads(text), str(path)).enabled)


CP1 = {code for code in RULES_BY_CODE if code.startswith("CP1")}


@pytest.mark.parametrize(("text", "expected"), [
    ('select = ["CP1"]\n', CP1),
    ('select = ["CP10"]\n', CP1),
    ('select = ["CP103", "invalid-value"]\n', {"CP103", "CP105"}),
    ('select = ["CP1"]\nignore = ["CP103", "missing-field"]\n', CP1 - {"CP103", "CP106"}),
    # The more specific selector wins, whichever list it is in.
    ('select = ["CP105"]\nignore = ["CP1"]\n', {"CP105"}),
    ('select = ["CP1"]\nignore = ["CP1"]\n', set()),  # a tie: ignore wins
    ('select = ["CP103"]\nextend-select = ["CP105"]\n', {"CP103", "CP105"}),
    ('select = []\n', set()),
])
def test_select_ignore_extend_select(tmp_path, text, expected):
    assert enabled(text, tmp_path) == expected


def test_extend_select_adds_to_the_default_of_every_rule(tmp_path):
    assert enabled('extend-select = ["CP105"]\n', tmp_path) == set(RULES_BY_CODE)
    assert enabled('ignore = ["CP1"]\n', tmp_path) == set(RULES_BY_CODE) - CP1


def test_ignored_rules_are_not_reported(workdir):
    write(workdir / "cplint.toml", 'select = ["CP1"]\nignore = ["undefined-reference"]\n')
    write(workdir / "a.cp", TWO_FINDINGS)
    assert codes(run("a.cp", "--format", "json")) == {"CP105"}


def test_per_file_ignores(workdir):
    write(workdir / "cplint.toml",
          'select = ["CP1"]\n[per-file-ignores]\n"drafts/**" = ["CP103"]\n'
          '"old-*.cp" = ["invalid-value"]\n"north/a.cp" = ["CP1"]\n')
    for name in ("drafts/deep/a.cp", "drafts/b.cp", "old-plan.cp", "south/old-x.cp",
                 "north/a.cp", "north/b.cp", "plan.cp"):
        write(workdir / name, TWO_FINDINGS)
    result = run(".", "--format", "json")
    found: dict[str, set[str]] = {}
    for file, code, _ in findings(result):
        found.setdefault(pathlib.PurePath(file).as_posix(), set()).add(code)
    assert found == {
        "drafts/deep/a.cp": {"CP105"},
        "drafts/b.cp": {"CP105"},
        "old-plan.cp": {"CP103"},
        "south/old-x.cp": {"CP103"},  # a pattern without / matches the file's name anywhere
        "north/b.cp": {"CP103", "CP105"},
        "plan.cp": {"CP103", "CP105"},
    }


@pytest.mark.parametrize(("pattern", "path", "matches"), [
    ("*.cp", "a.cp", True),
    ("*.cp", "north/a.cp", False),  # (the file name alone is tried too, by the caller)
    ("north/*.cp", "north/a.cp", True),
    ("north/*.cp", "north/deep/a.cp", False),
    ("north/**/*.cp", "north/deep/er/a.cp", True),
    ("north/**/*.cp", "north/a.cp", True),
    ("**/a.cp", "x/y/a.cp", True),
    ("north", "north/deep/a.cp", True),  # a folder: everything under it
    ("north/", "north/a.cp", True),
    ("nor?h/a.cp", "north/a.cp", True),
    ("[ab].cp", "b.cp", True),
    ("[!ab].cp", "b.cp", False),
    ("a+b.cp", "a+b.cp", True),  # regex characters are literal
    ("a+b.cp", "aab.cp", False),
])
def test_glob_patterns(pattern, path, matches):
    assert bool(glob_pattern(pattern).fullmatch(path)) is matches


# -- severity, profile, fail-on ------------------------------------------------------------


def test_severity_overrides(workdir):
    write(workdir / "cplint.toml",
          'select = ["CP1"]\n[severity]\nCP1 = "info"\nundefined-reference = "warning"\n')
    write(workdir / "a.cp", TWO_FINDINGS)
    items = json.loads(run("a.cp", "--format", "json").stdout)
    assert {(i["code"], i["severity"]) for i in items} == {("CP103", "warning"),
                                                          ("CP105", "info")}


def test_an_exact_code_beats_a_prefix_whatever_the_order(tmp_path):
    text = '[severity]\nCP105 = "info"\nCP1 = "warning"\n'
    config = parse_config(tomllib.loads(text), str(tmp_path / "cplint.toml"))
    assert config.severity["CP105"] is Severity.INFO
    assert config.severity["CP103"] is Severity.WARNING


MY_PROFILE = """\
name = "northtown"
extends = "england"

[severity]
CP105 = "warning"
CP103 = "info"
"""


def test_profile_severities_then_the_configurations(workdir):
    write(workdir / "profiles" / "northtown.toml", MY_PROFILE)
    write(workdir / "cplint.toml",
          'select = ["CP1"]\nprofile = "profiles/northtown.toml"\n[severity]\nCP103 = "error"\n')
    write(workdir / "a.cp", TWO_FINDINGS)  # names no profile: the configuration's applies
    items = json.loads(run("a.cp", "--format", "json").stdout)
    assert {(i["code"], i["severity"]) for i in items} == {("CP103", "error"),
                                                          ("CP105", "warning")}


def test_the_plans_own_profile_wins_over_the_configurations(workdir):
    write(workdir / "profiles" / "northtown.toml", MY_PROFILE)
    write(workdir / "cplint.toml", 'select = ["CP1"]\nprofile = "profiles/northtown.toml"\n')
    write(workdir / "a.cp", TWO_FINDINGS.replace("{\n", "{\n  profile england\n", 1))
    items = json.loads(run("a.cp", "--format", "json").stdout)
    assert {i["severity"] for i in items} == {"error"}  # england sets no severities


def test_a_profile_severity_table_in_lint_text(tmp_path):
    write(tmp_path / "northtown.toml", MY_PROFILE)
    plan = TWO_FINDINGS.replace("{\n", '{\n  profile "northtown.toml"\n', 1)
    found = {(d.code, d.severity) for d in lint_text(plan, TODAY, relative_to=str(tmp_path))
             if d.code in ("CP103", "CP105")}
    assert found == {("CP103", Severity.INFO), ("CP105", Severity.WARNING)}


def test_a_plans_profile_with_a_bad_severity_table_is_not_used(tmp_path):
    write(tmp_path / "northtown.toml", 'extends = "england"\n[severity]\nCP105 = "loud"\n')
    plan = TWO_FINDINGS.replace("{\n", '{\n  profile "northtown.toml"\n', 1)
    found = [d for d in lint_text(plan, TODAY, relative_to=str(tmp_path)) if d.code == "CP105"]
    assert any("cannot be used" in d.message and "`severity.CP105`" in d.message
               for d in found)


@pytest.mark.parametrize(("fail_on", "exit_code"), [
    ("info", 1), ("warning", 1), ("error", 0),
])
def test_fail_on(workdir, fail_on, exit_code):
    write(workdir / "cplint.toml",
          f'select = ["CP1"]\nfail-on = "{fail_on}"\n[severity]\nCP1 = "warning"\n')
    write(workdir / "a.cp", TWO_FINDINGS)
    result = run("a.cp", "--format", "concise")
    assert result.exit_code == exit_code
    assert len(result.stdout.splitlines()) == 2  # still printed


def test_fail_on_is_per_configuration(workdir):
    write(workdir / "strict" / "cplint.toml", 'select = ["CP1"]\n[severity]\nCP1 = "info"\n')
    write(workdir / "lenient" / "cplint.toml",
          'select = ["CP1"]\nfail-on = "error"\n[severity]\nCP1 = "info"\n')
    write(workdir / "strict" / "a.cp", TWO_FINDINGS)
    write(workdir / "lenient" / "a.cp", TWO_FINDINGS)
    assert run("lenient", "--format", "concise").exit_code == 0
    assert run("strict", "lenient", "--format", "concise").exit_code == 1


def test_help_uri_is_kept(tmp_path):
    text = 'help-uri = "https://git.example.org/team/cpdsl/blob/v0.1.0/docs/rules.md"\n'
    config = parse_config(tomllib.loads(text), str(tmp_path / "cplint.toml"))
    assert config.help_uri == "https://git.example.org/team/cpdsl/blob/v0.1.0/docs/rules.md"


@pytest.mark.parametrize(("text", "expected"), [("", 100), ("line-length = 40\n", 40),
                                                ("line-length = 400\n", 400)])
def test_line_length_is_kept(tmp_path, text, expected):
    config = parse_config(tomllib.loads(text), str(tmp_path / "cplint.toml"))
    assert config.line_length == expected


def test_line_length_in_pyproject_is_found_from_a_plans_folder(workdir):
    write(workdir / "pyproject.toml", "[tool.cplint]\nline-length = 72\n")
    assert ConfigFinder().config_for(str(workdir / "north" / "a.cp")).line_length == 72


# -- a bad configuration: exit 2, one line naming the file, the key and what is allowed ----


BAD = [
    ('selct = ["CP1"]\n',
     "cplint.toml: unknown key `selct`; did you mean `select`? (the keys are: select, "
     "ignore, extend-select, per-file-ignores, severity, profile, fail-on, help-uri, "
     "line-length)"),
    ('select = "CP1"\n',
     'cplint.toml: `select` must be a list of rule codes, prefixes or names, like ["CP1", '
     '"CP105", "missing-field"] (see `cplint rules`)'),
    ('ignore = ["CP10", 5]\n', "cplint.toml: `ignore` must be a list of rule codes"),
    ('select = ["CP1O5"]\n',
     "cplint.toml: `select`: `CP1O5` is no rule code, prefix or name; did you mean `CP105`? "
     "(`cplint rules` lists them)"),
    ('extend-select = ["invalid-valeu"]\n',
     "cplint.toml: `extend-select`: `invalid-valeu` is no rule code, prefix or name; did you "
     "mean `invalid-value`?"),
    ('fail-on = "fatal"\n',
     'cplint.toml: `fail-on` must be one of "error", "warning", "info", not "fatal"'),
    ('fail-on = ["error"]\n',
     'cplint.toml: `fail-on` must be one of "error", "warning", "info", not ["error"]'),
    ('[severity]\nCP105 = "loud"\n',
     'cplint.toml: `severity.CP105` must be one of "error", "warning", "info", not "loud"'),
    ('[severity]\nCP999 = "info"\n',
     "cplint.toml: `severity.CP999`: `CP999` is no rule code, prefix or name"),
    ('severity = ["CP105"]\n', "cplint.toml: `severity` must be a table of rule codes"),
    ('per-file-ignores = ["a.cp"]\n',
     "cplint.toml: `per-file-ignores` must be a table of file patterns to lists of rules"),
    ('[per-file-ignores]\n"drafts/*" = "CP1"\n',
     'cplint.toml: `per-file-ignores."drafts/*"` must be a list of rule codes'),
    ('[per-file-ignores]\n"[z-a].cp" = ["CP1"]\n',
     'cplint.toml: `per-file-ignores."[z-a].cp"` is not a file pattern'),
    ('profile = "nowhere"\n',
     "cplint.toml: `profile` cannot be used: no profile named `nowhere`; the profiles are:"),
    ('profile = 3\n', "cplint.toml: `profile` must be a profile name"),
    ('help-uri = "docs/rules.md"\n',
     "cplint.toml: `help-uri` must be the absolute http(s) address of a copy of cplint's "
     "docs/rules.md"),
    ('help-uri = "https://git.example.org/rules.md#cp105"\n',
     "cplint.toml: `help-uri` must be"),
    ('line-length = 39\n',
     "cplint.toml: `line-length` must be a whole number of characters from 40 to 400, like "
     "100, not 39"),
    ('line-length = 401\n', "cplint.toml: `line-length` must be a whole number"),
    ('line-length = "100"\n', 'cplint.toml: `line-length` must be a whole number of characters '
                              'from 40 to 400, like 100, not "100"'),
    ('line-length = 88.5\n', "cplint.toml: `line-length` must be a whole number"),
    ('line-length = true\n', "cplint.toml: `line-length` must be a whole number"),
    ('select = [\n', "cplint.toml: not valid TOML: "),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[text.split("\n")[0] for text, _ in BAD])
def test_bad_configuration_exits_2_with_one_line(workdir, text, message):
    write(workdir / "cplint.toml", text)
    write(workdir / "a.cp", TWO_FINDINGS)
    result = run("a.cp")
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing is linted under a bad configuration
    assert result.stderr.startswith(f"cplint: {message}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_bad_pyproject_names_the_key_under_tool_cplint(workdir):
    write(workdir / "pyproject.toml", '[tool.cplint]\nfail-on = "never"\n')
    write(workdir / "a.cp", TWO_FINDINGS)
    result = run("a.cp")
    assert result.exit_code == 2
    assert result.stderr == ('cplint: pyproject.toml: `tool.cplint.fail-on` must be one of '
                             '"error", "warning", "info", not "never"\n')


def test_tool_cplint_that_is_not_a_table(workdir):
    write(workdir / "pyproject.toml", '[tool]\ncplint = "strict"\n')
    write(workdir / "a.cp", TWO_FINDINGS)
    result = run("a.cp")
    assert (result.exit_code, result.stderr) == (
        2, "cplint: pyproject.toml: `tool.cplint` must be a table\n")


def test_configuration_not_utf8(workdir):
    (workdir / "cplint.toml").write_bytes(b'select = ["CP1"]  # caf\xe9\n')
    write(workdir / "a.cp", TWO_FINDINGS)
    result = run("a.cp")
    assert (result.exit_code, result.stderr) == (
        2, "cplint: cplint.toml: not UTF-8 text; save the file as UTF-8\n")


def test_bad_configuration_in_a_subfolder_names_its_path(workdir):
    write(workdir / "north" / "cplint.toml", 'fail-on = "sometimes"\n')
    write(workdir / "north" / "a.cp", TWO_FINDINGS)
    result = run("north")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cplint: {os.path.join('north', 'cplint.toml')}: "
                                     "`fail-on` must be")


def test_a_bad_configuration_that_applies_to_no_plan_linted_is_not_read(workdir):
    write(workdir / "north" / "cplint.toml", 'fail-on = "sometimes"\n')
    write(workdir / "south" / "a.cp", TWO_FINDINGS)
    assert run("south", "--format", "concise").exit_code == 1


def test_config_error_directly(tmp_path):
    with pytest.raises(ConfigError, match="unknown key `colour`"):
        parse_config({"colour": "red"}, str(tmp_path / "cplint.toml"))


def test_profile_severities_along_the_extends_chain(tmp_path):
    write(tmp_path / "base.toml", 'extends = "bolton"\n[severity]\nCP105 = "warning"\n'
                                  'CP103 = "info"\n')
    write(tmp_path / "child.toml", 'extends = "base.toml"\n\n[severity]\nCP103 = "error"\n')
    write(tmp_path / "other.toml", 'extends = "base.toml"\n\n[severity]\nCP1 = "info"\n')

    def severities(profile: str) -> set[tuple[str, Severity]]:
        plan = TWO_FINDINGS.replace("{\n", f'{{\n  profile "{profile}"\n', 1)
        return {(d.code, d.severity) for d in lint_text(plan, TODAY, relative_to=str(tmp_path))
                if d.code in ("CP103", "CP105")}

    assert severities("base.toml") == {("CP103", Severity.INFO), ("CP105", Severity.WARNING)}
    assert severities("child.toml") == {("CP103", Severity.ERROR), ("CP105", Severity.WARNING)}
    # A profile's table goes over its base's whole: a prefix covers the base's codes too.
    assert severities("other.toml") == {("CP103", Severity.INFO), ("CP105", Severity.INFO)}


def test_profile_extends_read_without_severity_table(tmp_path):
    from cpdsl.profile import load_profile
    from cpdsl.selection import profile_extends

    write(tmp_path / "northtown.toml", '# a comment\nname = "northtown"\n  extends   =  '
                                       "'bolton'  # Bolton's, with our minutes\n[settings]\n")
    profile = load_profile("northtown.toml", str(tmp_path))
    assert profile_extends(profile) == "bolton"
    assert profile_extends(load_profile("england")) is None


def test_jobs_2_carries_each_files_configuration(workdir):
    write(workdir / "north" / "cplint.toml", 'select = ["CP103"]\n[severity]\nCP103 = "info"\n')
    write(workdir / "south" / "cplint.toml", 'select = ["CP105"]\n')
    for number in range(12):
        write(workdir / "north" / f"n{number:02d}.cp", TWO_FINDINGS)
        write(workdir / "south" / f"s{number:02d}.cp", TWO_FINDINGS)
    one = run("north", "south", "--format", "json", "-j", "1")
    two = run("north", "south", "--format", "json", "-j", "2")
    assert one.stdout == two.stdout
    items = json.loads(two.stdout)
    assert {(pathlib.PurePath(i["file"]).parts[0], i["code"], i["severity"]) for i in items} \
        == {("north", "CP103", "info"), ("south", "CP105", "error")}


def test_the_lint_path_imports_only_what_it_needs(tmp_path):
    import subprocess
    import sys

    write(tmp_path / "cplint.toml", 'select = ["CP1"]\n')
    write(tmp_path / "clean.cp", 'plan "Northtown review" {\n  member sam { name "Sam Patel" '
                                 'role social-worker lead }\n  chair sam\n}\n')
    script = ("import sys\nfrom cpdsl.cli import main\ntry:\n    main(['clean.cp'])\n"
              "except SystemExit as done:\n    assert done.code == 0, done.code\n"
              "print(' '.join(sorted(sys.modules)))\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, check=True)
    loaded = set(result.stdout.split())
    assert "cpdsl.config" in loaded
    for lazy in ("json", "xml.etree.ElementTree", "cpdsl.suppressions", "cpdsl.sarif",
                 "cpdsl.junit", "cpdsl.commands", "cpdsl.rules.docs", "difflib",
                 "urllib.parse", "concurrent.futures"):
        assert lazy not in loaded, f"{lazy} is imported on the lint path"


@pytest.mark.parametrize("body, why", [
    ("x = " + "9" * 5000 + "\n",
     f"a number of more than {sys.get_int_max_str_digits()} digits is too long to read"),
    ("x = " + "[" * 3000 + "]" * 3000 + "\n", "lists or tables nested too deeply to read"),
])
def test_toml_that_python_cannot_read_is_a_clear_error(tmp_path, body, why):
    (tmp_path / "cplint.toml").write_text(body, encoding="utf-8")
    (tmp_path / "a.cp").write_text('plan "A" {\n}\n', encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path / "a.cp")])
    assert result.exit_code == 2
    assert result.output.strip().endswith(f"cplint.toml: not valid TOML: {why}")
    assert "Traceback" not in result.output and "internal error" not in result.output

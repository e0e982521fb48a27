"""The SARIF and JUnit formats of `cplint check`.

The SARIF output is validated against the SARIF 2.1.0 JSON schema (tests/data/sarif-schema-
2.1.0.json, as OASIS publishes it in the sarif-spec repository) when the `jsonschema`
package is installed; the structure GitHub code scanning needs is checked by hand in any
case. Every name in the plans is invented.
"""

from __future__ import annotations

import json
import os
import pathlib
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from cpdsl import __version__
from cpdsl.cli import main
from cpdsl.diagnostics import Diagnostic, Related, Severity
from cpdsl.junit import render_junit
from cpdsl.lint import LintResult
from cpdsl.model import Span
from cpdsl.rules import ALL_RULES
from cpdsl.rules.docs import body
from cpdsl.sarif import render_sarif

SCHEMA = pathlib.Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
HELP = "https://git.example.org/team/cpdsl/blob/v0.1.0/docs/rules.md"

# CP105 on line 2 (columns 38-50), CP103 on line 3, CP102 on line 4 (first defined on 2).
THREE_FINDINGS = """\
plan "Northtown review" {
  member sam { name "Sam Patel" role socal-worker }
  chair zed
  member sam { name "Sam Other" role teacher }
}
"""
CLEAN = """\
plan "Northtown review" {
  member sam { name "Sam Patel" role social-worker lead }
  chair sam
}
"""


def run(*args: str, **kwargs):
    kwargs.setdefault("catch_exceptions", False)
    return CliRunner().invoke(main, list(args), **kwargs)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cplint.toml").write_text('select = ["CP1"]\n', encoding="utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "bad.cp").write_text(THREE_FINDINGS, encoding="utf-8")
    (tmp_path / "plans" / "clean.cp").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def sarif(*args: str) -> dict:
    result = run(*args, "--format", "sarif")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# -- SARIF -----------------------------------------------------------------------------------


def test_sarif_log_and_tool(workdir):
    log = sarif("plans")
    assert log["$schema"].startswith("https://") and log["$schema"].endswith(
        "sarif-schema-2.1.0.json")
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == (
        "cplint", __version__, __version__)
    assert run_["columnKind"] == "unicodeCodePoints"
    root = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root == pathlib.Path(workdir).as_uri() + "/"


def test_sarif_describes_every_rule_with_its_documentation(workdir):
    rules = sarif("plans")["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.code for rule in ALL_RULES]
    for described, rule in zip(rules, ALL_RULES, strict=True):
        assert described["name"] == rule.name
        assert described["shortDescription"] == {"text": rule.summary}
        full = described["fullDescription"]["text"]
        assert full and len(full) <= 1024  # GitHub shows at most 1024 characters
        assert full.split()[:3] == rule.doc.split()[:3]
        assert described["help"] == {"text": rule.doc, "markdown": body(rule)}
        assert described["defaultConfiguration"]["level"] == {
            "error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        assert "helpUri" not in described  # no published address is configured


def test_sarif_help_uri_from_the_configuration(workdir):
    (workdir / "cplint.toml").write_text(f'select = ["CP1"]\nhelp-uri = "{HELP}"\n',
                                         encoding="utf-8")
    driver = sarif("plans")["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == HELP
    assert driver["rules"][0]["helpUri"] == f"{HELP}#{ALL_RULES[0].code.lower()}"
    assert {r["helpUri"] for r in driver["rules"]} == {
        f"{HELP}#{rule.code.lower()}" for rule in ALL_RULES}


def test_sarif_results(workdir):
    log = sarif("plans")
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    expected = json.loads(run("plans", "--format", "json").stdout)
    assert len(results) == len(expected) == 3
    for result, item in zip(results, expected, strict=True):
        assert result["ruleId"] == item["code"]
        assert rules[result["ruleIndex"]]["id"] == item["code"]
        assert result["level"] == "error"
        assert result["message"] == {"text": item["message"]}
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": "plans/bad.cp", "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {
            "startLine": item["line"], "startColumn": item["column"],
            "endLine": item["end_line"], "endColumn": item["end_column"]}
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2, "startColumn": 38, "endLine": 2, "endColumn": 50}


def test_sarif_fixes(workdir):
    """A finding cplint can mend carries the fix, as SARIF's `fixes` (validated with the
    rest of the log against the schema below); the others carry none."""
    results = sarif("plans")["runs"][0]["results"]
    assert results[0]["fixes"] == [{
        "description": {"text": "Replace `socal-worker` with `social-worker`"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "plans/bad.cp", "uriBaseId": "%SRCROOT%"},
            "replacements": [{
                "deletedRegion": {"startLine": 2, "startColumn": 38,
                                  "endLine": 2, "endColumn": 50},
                "insertedContent": {"text": "social-worker"}}],
        }],
    }]
    assert [("fixes" in result) for result in results] == [True, False, False]


def test_sarif_related_locations(workdir):
    results = sarif("plans")["runs"][0]["results"]
    (duplicate,) = [r for r in results if r["ruleId"] == "CP102"]
    (related,) = duplicate["relatedLocations"]
    assert related["id"] == 1
    assert related["message"] == {"text": "`sam` is first defined here"}
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "plans/bad.cp"
    assert related["physicalLocation"]["region"]["startLine"] == 2
    assert "relatedLocations" not in [r for r in results if r["ruleId"] == "CP105"][0]


def test_sarif_levels_follow_the_severity_in_force(workdir):
    (workdir / "cplint.toml").write_text(
        'select = ["CP1"]\n[severity]\nCP103 = "info"\nCP105 = "warning"\n', encoding="utf-8")
    levels = {r["ruleId"]: r["level"] for r in sarif("plans")["runs"][0]["results"]}
    assert levels == {"CP105": "warning", "CP103": "note", "CP102": "error"}


def test_sarif_with_no_findings(workdir):
    log = sarif(os.path.join("plans", "clean.cp"))
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(ALL_RULES)


def test_sarif_uri_of_a_file_outside_the_current_folder_and_odd_names(workdir, tmp_path):
    far = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    far.mkdir()
    (far / "far away.cp").write_text(THREE_FINDINGS, encoding="utf-8")
    (workdir / "plans" / "zoë plan #2.cp").write_text(THREE_FINDINGS, encoding="utf-8")
    results = sarif(str(far / "far away.cp"), os.path.join("plans", "zoë plan #2.cp"))[
        "runs"][0]["results"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert locations[0] == {"uri": (far / "far away.cp").as_uri()}
    assert locations[-1] == {"uri": "plans/zo%C3%AB%20plan%20%232.cp", "uriBaseId": "%SRCROOT%"}


def test_sarif_columns_count_code_points(workdir):
    text = THREE_FINDINGS.replace('"Sam Patel"', '"Zoë Patel"')
    (workdir / "plans" / "bad.cp").write_text(text, encoding="utf-8")
    results = sarif("plans")["runs"][0]["results"]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (38, 50)  # as for "Sam"


def test_sarif_from_results_directly():
    finding = Diagnostic("CP102", "duplicate-id", Severity.INFO, 'a "quoted" <message> & more',
                         Span(4, 10, 4, 13), (Related("first here", Span(2, 10, 2, 13)),))
    log = json.loads(render_sarif([LintResult("plans/a.cp", (finding,))], HELP))
    (result,) = log["runs"][0]["results"]
    assert result["level"] == "note"
    assert result["message"]["text"] == 'a "quoted" <message> & more'
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_sarif_validates_against_the_schema(workdir):
    import jsonschema  # in the test extra: the check must not skip quietly
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    (workdir / "cplint.toml").write_text(f'select = ["CP1"]\nhelp-uri = "{HELP}"\n',
                                         encoding="utf-8")
    for log in (sarif("plans"), sarif(os.path.join("plans", "clean.cp"))):
        jsonschema.Draft4Validator(schema).validate(log)
    # The schema does not check the URI formats: absolute where SARIF requires it.
    driver = log["runs"][0]["tool"]["driver"]
    for uri in [driver["informationUri"], *(rule["helpUri"] for rule in driver["rules"])]:
        assert uri.startswith("https://")


def test_the_schema_catches_what_it_should():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render_sarif([]))
    log["runs"][0]["columnKind"] = "characters"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(log)


# -- JUnit -----------------------------------------------------------------------------------


def junit(*args: str) -> ElementTree.Element:
    result = run(*args, "--format", "junit")
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ElementTree.fromstring(result.stdout.split("\n", 1)[1])


def test_junit_one_testsuite_per_file_one_testcase_per_rule(workdir):
    root = junit("plans")
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "3", "0")
    bad, clean = root.findall("testsuite")
    assert bad.get("name") == os.path.join("plans", "bad.cp")
    assert (bad.get("tests"), bad.get("failures")) == ("3", "3")
    names = [case.get("name") for case in bad.findall("testcase")]
    assert names == ["CP102 duplicate-id", "CP103 undefined-reference", "CP105 invalid-value"]
    failure = bad.find("testcase[@name='CP105 invalid-value']/failure")
    where = os.path.join("plans", "bad.cp")
    assert failure.get("type") == "CP105"
    assert failure.get("message") == (f"{where}:2:38: error: `socal-worker` is not a role; "
                                      "did you mean `social-worker`?")
    assert failure.text == failure.get("message")
    assert clean.get("name") == os.path.join("plans", "clean.cp")
    (case,) = clean.findall("testcase")
    assert (case.get("name"), case.find("failure")) == ("cplint", None)
    assert (clean.get("tests"), clean.get("failures")) == ("1", "0")


def test_junit_several_findings_of_one_rule_are_one_failure(workdir):
    text = THREE_FINDINGS.replace("chair zed", "chair zed\n  second-chair jo")
    (workdir / "plans" / "bad.cp").write_text(text, encoding="utf-8")
    root = junit(os.path.join("plans", "bad.cp"))
    failure = root.find("testsuite/testcase[@name='CP103 undefined-reference']/failure")
    where = os.path.join("plans", "bad.cp")
    assert failure.text.splitlines() == [
        f"{where}:3:9: error: `chair zed`: no member, child or excluded person has the id "
        "`zed`",
        f"{where}:4:16: error: `second-chair jo`: no member, child or excluded person has "
        "the id `jo`"]
    assert failure.get("message").endswith(" (and 1 more)")


def test_junit_findings_below_fail_on_do_not_fail(workdir):
    (workdir / "cplint.toml").write_text(
        'select = ["CP1"]\nfail-on = "error"\n[severity]\nCP103 = "warning"\n', encoding="utf-8")
    root = junit("plans")
    case = root.find("testsuite/testcase[@name='CP103 undefined-reference']")
    assert case.find("failure") is None
    assert case.find("system-out").text.endswith("has the id `zed`")
    assert root.get("failures") == "2"


def test_junit_escapes_what_xml_cannot_hold():
    message = 'a "quoted" <message> & \x01 more\x1b'
    finding = Diagnostic("CP100", "syntax-error", Severity.ERROR, message, Span(1, 1, 1, 2))
    text = render_junit([LintResult("plans/<odd> & \"x\".cp", (finding,))])
    root = ElementTree.fromstring(text.split("\n", 1)[1])
    suite = root.find("testsuite")
    assert suite.get("name") == 'plans/<odd> & "x".cp'
    failure = suite.find("testcase/failure")
    assert failure.get("message").endswith('a "quoted" <message> & <U+0001> more<U+001B>')


def test_junit_with_nothing_linted():
    root = ElementTree.fromstring(render_junit([]).split("\n", 1)[1])
    assert (root.tag, root.get("tests"), list(root)) == ("testsuites", "0", [])


def test_the_exit_code_does_not_depend_on_the_format(workdir):
    for fmt in ("text", "sarif", "junit"):
        assert run("plans", "--format", fmt).exit_code == 1
        assert run(os.path.join("plans", "clean.cp"), "--format", fmt).exit_code == 0

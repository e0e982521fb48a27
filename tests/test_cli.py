"""The `cplint` command through click's test runner: paths, formats, colour, exit codes.

Every plan is written into tmp_path; every name in them is invented. The working folder
holds a cplint.toml that selects the CP1 rules only, so that these tests of the command
are not moved by the other families' findings.
"""

from __future__ import annotations

import json
import os
import pathlib
import re

import pytest
from click.testing import CliRunner

import cpdsl
from cpdsl.cli import main

ANSI = re.compile(r"\x1b\[[0-9;]*m")

CLEAN = """\
plan "Northtown review" {
  profile england
  category neglect
  child amy { name "Amy Example" born 2019-04-12 }
  member sam { name "Sam Patel" role social-worker lead }
  chair sam
}
"""

# Two findings: an unknown role (CP105) and a chair nobody is (CP103).
TWO_FINDINGS = """\
plan "Northtown review" {
  member sam { name "Sam Patel" role socal-worker }
  chair zed
}
"""

SYNTAX_ERROR = """\
plan "Northtown review" {
  member sam { name "Sam Patel" role social-worker }
  chair sam
  action visit "Visit Kerry at home" { owner sam due tomorrow }
}
"""

FIRST = ("bad.cp:2:38: CP105 [*] [invalid-value] `socal-worker` is not a role; "
         "did you mean `social-worker`?")
SECOND = ("bad.cp:3:9: CP103 [undefined-reference] `chair zed`: "
          "no member, child or excluded person has the id `zed`")

TWO_FINDINGS_TEXT = f"""\
{FIRST}
  |
2 |   member sam {{ name "Sam Patel" role socal-worker }}
  |                                      ^^^^^^^^^^^^
  fix: Replace `socal-worker` with `social-worker`

{SECOND}
  |
3 |   chair zed
  |         ^^^

Found 2 problems in 1 file (2 errors).
[*] 1 fixable with `cplint check --fix`.
"""

TWO_FINDINGS_CONCISE = f"{FIRST}\n{SECOND}\n"


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """Run in tmp_path, so that paths in the output are the short names given."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cplint.toml").write_text('select = ["CP1"]\n', encoding="utf-8")
    return tmp_path


def write(path: pathlib.Path, text: str) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, **kwargs):
    kwargs.setdefault("catch_exceptions", False)
    return CliRunner().invoke(main, list(args), **kwargs)


# -- what is linted ------------------------------------------------------------------------


def test_bare_file_and_check_file_give_the_same_result(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    bare = run("bad.cp", "--today", "2026-03-01")
    check = run("check", "bad.cp", "--today", "2026-03-01")
    assert bare.exit_code == check.exit_code == 1
    assert bare.stdout == check.stdout == TWO_FINDINGS_TEXT


def test_clean_plan_exits_0_with_the_summary(workdir):
    write(workdir / "clean.cp", CLEAN)
    result = run("clean.cp")
    assert result.exit_code == 0
    assert result.stdout == "All checks passed (1 file).\n"
    assert result.stderr == ""


def test_directory_is_searched_for_cp_files_only_skipping_hidden_directories(workdir):
    write(workdir / "plans" / "a.cp", TWO_FINDINGS)
    write(workdir / "plans" / "north" / "b.cp", TWO_FINDINGS)
    write(workdir / "plans" / "north" / "deeper" / "c.cp", CLEAN)
    write(workdir / "plans" / "notes.txt", TWO_FINDINGS)
    write(workdir / "plans" / "a.cp.bak", TWO_FINDINGS)
    write(workdir / "plans" / ".drafts" / "d.cp", TWO_FINDINGS)
    write(workdir / "plans" / "north" / ".git" / "e.cp", TWO_FINDINGS)
    result = run("plans", "--format", "concise")
    assert result.exit_code == 1
    files = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert files == {os.path.join("plans", "a.cp"), os.path.join("plans", "north", "b.cp")}
    text = run("plans")
    assert text.stdout.endswith("Found 4 problems in 2 files (4 errors).\n"
                                "[*] 2 fixable with `cplint check --fix`.\n")
    clean_only = run(os.path.join("plans", "north", "deeper"))
    assert (clean_only.exit_code, clean_only.stdout) == (0, "All checks passed (1 file).\n")


def test_standard_input(workdir):
    result = run("-", "--format", "concise", input=TWO_FINDINGS)
    assert result.exit_code == 1
    assert result.stdout == TWO_FINDINGS_CONCISE.replace("bad.cp:", "<stdin>:")
    named = run("-", "--stdin-filename", "plans/kerry.cp", "--format", "concise",
                input=TWO_FINDINGS)
    assert named.stdout == TWO_FINDINGS_CONCISE.replace("bad.cp:", "plans/kerry.cp:")
    clean = run("-", input=CLEAN)
    assert (clean.exit_code, clean.stdout) == (0, "All checks passed (1 file).\n")


def test_standard_input_with_files(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", "-", "--stdin-filename", "typed.cp", "--format", "concise",
                 input=TWO_FINDINGS)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == (
        TWO_FINDINGS_CONCISE.replace("bad.cp:", "typed.cp:")
        + TWO_FINDINGS_CONCISE).splitlines()


# -- formats ---------------------------------------------------------------------------------


def test_text_format(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", "--format", "text")
    assert result.stdout == TWO_FINDINGS_TEXT
    assert result.stdout == run("bad.cp").stdout  # the default


def test_text_format_summary_in_the_singular(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS.replace("chair zed", "chair sam"))
    result = run("bad.cp")
    assert result.stdout.splitlines()[-2:] == ["Found 1 problem in 1 file (1 error).",
                                               "[*] 1 fixable with `cplint check --fix`."]


def test_text_format_caret_under_a_span_after_a_tab(workdir):
    write(workdir / "bad.cp", 'plan "Northtown review" {\n\tchair\tzed\n}\n')
    lines = run("bad.cp").stdout.splitlines()
    assert lines[0].startswith("bad.cp:2:8: CP103 [undefined-reference]")
    source, caret = lines[2], lines[3]
    assert source == "2 |  chair zed"
    assert caret == "  |        ^^^"
    assert source.index("zed") == caret.index("^")


def test_concise_format(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", "--format", "concise")
    assert result.exit_code == 1
    assert result.stdout == TWO_FINDINGS_CONCISE
    clean = run("-", "--format", "concise", input=CLEAN)
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_json_format(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", "--format", "json")
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert isinstance(items, list) and len(items) == 2
    keys = {"file", "line", "column", "end_line", "end_column", "code", "name", "severity",
            "message", "fix"}
    for item in items:
        assert set(item) == keys
    assert items[0] == {
        "file": "bad.cp", "line": 2, "column": 38, "end_line": 2, "end_column": 50,
        "code": "CP105", "name": "invalid-value", "severity": "error",
        "message": "`socal-worker` is not a role; did you mean `social-worker`?",
        "fix": {"message": "Replace `socal-worker` with `social-worker`",
                "applicability": "safe",
                "edits": [{"content": "social-worker", "location": {"row": 2, "column": 38},
                           "end_location": {"row": 2, "column": 50}}]},
    }
    assert (items[1]["code"], items[1]["line"], items[1]["column"]) == ("CP103", 3, 9)
    assert items[1]["fix"] is None
    assert json.loads(run("-", "--format", "json", input=CLEAN).stdout) == []


def test_github_format(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=bad.cp,line=2,col=38,endLine=2,endColumn=50,title=CP105 invalid-value::"
        "`socal-worker` is not a role; did you mean `social-worker`?\n"
        "::error file=bad.cp,line=3,col=9,endLine=3,endColumn=12,title=CP103 "
        "undefined-reference::`chair zed`: no member, child or excluded person has the id "
        "`zed`\n"
    )


def test_github_format_escapes_properties_and_message(workdir):
    text = 'plan "Northtown review" {\n  chair %sam\n  second-chair """Jo\nLee"""\n}\n'
    result = run("-", "--stdin-filename", "north,town:v2.cp", "--format", "github",
                 input=text)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        "::error file=north%2Ctown%3Av2.cp,line=2,col=9,endLine=2,endColumn=13,"
        "title=CP100 syntax-error::expected an id like `sam` after `chair`, found `%25sam`",
        "::error file=north%2Ctown%3Av2.cp,line=3,col=16,endLine=4,endColumn=7,"
        "title=CP100 syntax-error::expected an id like `sam` after `second-chair`, "
        "found text in quotes",
    ]


def test_github_format_escapes_line_breaks_in_messages():
    from cpdsl.diagnostics import Diagnostic, Severity
    from cpdsl.lint import LintResult
    from cpdsl.model import Span
    from cpdsl.report import render_github

    finding = Diagnostic("CP100", "syntax-error", Severity.ERROR, "one\r\ntwo 100%",
                         Span(1, 1, 1, 2))
    assert render_github([LintResult("a.cp", (finding,))]) == (
        "::error file=a.cp,line=1,col=1,endLine=1,endColumn=2,"
        "title=CP100 syntax-error::one%0D%0Atwo 100%25\n"
    )




def test_concise_format_is_one_line_a_finding_even_when_a_message_quotes_lines(workdir):
    text = 'plan "Northtown review" {\n  chair """Jo\nLee"""\n}\n'
    result = run("-", "--format", "concise", input=text)
    findings = json.loads(run("-", "--format", "json", input=text).stdout)
    assert len(findings) == 1
    assert len(result.stdout.splitlines()) == len(findings)


def test_bad_format_is_refused(workdir):
    write(workdir / "clean.cp", CLEAN)
    result = run("clean.cp", "--format", "xml")
    assert result.exit_code == 2
    assert "--format" in result.stderr and result.stdout == ""


# -- colour ----------------------------------------------------------------------------------


def test_no_colour_when_not_a_terminal(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", env={"NO_COLOR": None})
    assert not ANSI.search(result.output)
    # Even where click would pass colour through, `auto` asks whether stdout is a terminal.
    auto = run("bad.cp", "--color", "auto", env={"NO_COLOR": None}, color=True)
    assert not ANSI.search(auto.output)
    assert auto.stdout == TWO_FINDINGS_TEXT


def test_colour_with_color_always_on_a_terminal(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", "--color", "always", env={"NO_COLOR": None}, color=True)
    assert result.exit_code == 1
    assert ANSI.search(result.stdout)
    first = result.stdout.splitlines()[0]
    assert "\x1b[31m" in first  # the code is red: an error
    assert ANSI.sub("", result.stdout) == TWO_FINDINGS_TEXT


def test_no_colour_when_no_color_is_set_even_with_color_always(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", "--color", "always", env={"NO_COLOR": "1"}, color=True)
    assert not ANSI.search(result.output)
    assert result.stdout == TWO_FINDINGS_TEXT


def test_no_colour_with_color_never(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", "--color", "never", env={"NO_COLOR": None}, color=True)
    assert not ANSI.search(result.output)




def test_colour_with_color_always_when_piped(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", "--color", "always", env={"NO_COLOR": None})  # not a terminal
    assert ANSI.search(result.stdout)


# -- exit codes and failures ----------------------------------------------------------------


def test_syntax_error_exits_1(workdir):
    write(workdir / "broken.cp", SYNTAX_ERROR)
    result = run("broken.cp", "--format", "concise")
    assert result.exit_code == 1
    assert result.stdout == (
        "broken.cp:4:54: CP100 [syntax-error] expected a date like 2026-01-12 after `due`, "
        "found `tomorrow`\n"
    )


def test_missing_file_exits_2_and_names_it(workdir):
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("bad.cp", "nowhere.cp", "--format", "concise")
    assert result.exit_code == 2
    assert result.stderr == "cplint: nowhere.cp: no such file or directory\n"
    assert result.stdout == TWO_FINDINGS_CONCISE  # the files that could be read are reported




def test_missing_file_is_not_reported_as_all_checks_passed(workdir):
    result = run("nowhere.cp")
    assert result.exit_code == 2
    assert "All checks passed" not in result.output


def test_unreadable_file_in_a_directory_exits_2(workdir):
    write(workdir / "plans" / "a.cp", TWO_FINDINGS)
    locked = workdir / "plans" / "locked.cp"
    if os.geteuid() != 0:
        write(locked, CLEAN).chmod(0)
    elif os.path.exists("/proc/self/mem"):
        locked.symlink_to("/proc/self/mem")  # root reads any file, but not this one
    else:
        pytest.skip("no way to make a file unreadable for root here")
    try:
        result = run("plans", "--format", "concise", "-j", "1")
    finally:
        if not locked.is_symlink():
            locked.chmod(0o644)
    assert result.exit_code == 2
    name = os.path.join("plans", "locked.cp")
    assert re.fullmatch(rf"cplint: {re.escape(name)}: cannot be read \([A-Za-z /-]+\)\n",
                        result.stderr), result.stderr
    assert result.stdout == TWO_FINDINGS_CONCISE.replace("bad.cp", os.path.join("plans", "a.cp"))
    assert "Traceback" not in result.output


def test_dangling_link_in_a_directory_exits_2(workdir):
    write(workdir / "plans" / "a.cp", CLEAN)
    (workdir / "plans" / "gone.cp").symlink_to(workdir / "elsewhere.cp")
    result = run("plans")
    assert result.exit_code == 2
    assert result.stderr == (f"cplint: {os.path.join('plans', 'gone.cp')}: "
                             "a symbolic link to a missing file\n")
    assert "Traceback" not in result.output


def test_non_utf8_file_exits_2_naming_file_line_and_column(workdir):
    (workdir / "latin.cp").write_bytes(
        b'plan "Northtown review" {\n  member kerry { name "Kerry Example" role parent }\n'
        b"  chair \xe9sam\n}\n")
    write(workdir / "bad.cp", TWO_FINDINGS)
    result = run("latin.cp", "bad.cp", "--format", "concise")
    assert result.exit_code == 2
    assert result.stderr == (
        "cplint: latin.cp:3:9: not UTF-8 text (byte 0xe9); save the file as UTF-8\n")
    assert result.stdout == TWO_FINDINGS_CONCISE
    assert "Traceback" not in result.output


def test_non_utf8_standard_input_exits_2_with_its_name(workdir):
    result = run("-", "--stdin-filename", "typed.cp", input=b'plan "T" {\n\xff\n}\n')
    assert result.exit_code == 2
    assert result.stderr == (
        "cplint: typed.cp:2:1: not UTF-8 text (byte 0xff); save the file as UTF-8\n")




def test_non_utf8_column_is_counted_in_characters(workdir):
    (workdir / "latin.cp").write_bytes(
        'plan "Northtown review" {\n  member zoe { name "Zoë Example" role @ }\n}\n'
        .encode().replace(b"@", b"\xff"))
    result = run("latin.cp")
    # `  member zoe { name "Zoë Example" role ` is 39 characters (40 bytes).
    assert result.stderr == (
        "cplint: latin.cp:2:40: not UTF-8 text (byte 0xff); save the file as UTF-8\n")


def test_utf8_byte_order_mark_is_accepted(workdir):
    (workdir / "clean.cp").write_bytes(b"\xef\xbb\xbf" + CLEAN.encode("utf-8"))
    (workdir / "bad.cp").write_bytes(b"\xef\xbb\xbf" + TWO_FINDINGS.encode("utf-8"))
    clean = run("clean.cp")
    assert (clean.exit_code, clean.stdout) == (0, "All checks passed (1 file).\n")
    bad = run("bad.cp", "--format", "concise")
    assert (bad.exit_code, bad.stdout) == (1, TWO_FINDINGS_CONCISE)  # columns unmoved
    piped = run("-", "--format", "concise", "--stdin-filename", "bad.cp",
                input=b"\xef\xbb\xbf" + TWO_FINDINGS.encode("utf-8"))
    assert (piped.exit_code, piped.stdout) == (1, TWO_FINDINGS_CONCISE)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"cplint, version {cpdsl.__version__}\n"


def test_today_is_accepted(workdir):
    write(workdir / "clean.cp", CLEAN)
    result = run("clean.cp", "--today", "2026-03-01")
    assert (result.exit_code, result.stdout) == (0, "All checks passed (1 file).\n")


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "01/03/2026", "2026-02-30"])
def test_bad_today_exits_2(workdir, bad):
    write(workdir / "clean.cp", CLEAN)
    result = run("clean.cp", "--today", bad)
    assert result.exit_code == 2
    assert f"Invalid value for '--today': '{bad}' is not a date like 2026-01-12" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("args", [
    ["--frobnicate", "clean.cp"],
    ["clean.cp", "--jobs", "0"],
    ["clean.cp", "--color", "sometimes"],
    ["clean.cp", "--today"],
])
def test_bad_option_exits_2(workdir, args):
    write(workdir / "clean.cp", CLEAN)
    result = run(*args)
    assert result.exit_code == 2
    assert "Error:" in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


# -- many files --------------------------------------------------------------------------------


def test_jobs_2_gives_the_same_output_as_jobs_1(workdir):
    for number in range(20):
        text = TWO_FINDINGS if number % 3 == 0 else CLEAN
        if number % 4 == 1:
            text = SYNTAX_ERROR
        write(workdir / "plans" / f"group-{number // 5}" / f"plan-{number:02d}.cp",
              text.replace("Sam Patel", f"Sam Patel {number}"))
    for fmt in ("text", "json"):
        one = run("plans", "--format", fmt, "-j", "1")
        two = run("plans", "--format", fmt, "-j", "2")
        assert one.exit_code == two.exit_code == 1
        assert one.stdout == two.stdout
    names = [item["file"] for item in json.loads(one.stdout)]
    assert names == sorted(names)
    assert len(set(names)) > 8


# -- internal errors -------------------------------------------------------------------------

INTERNAL_ERROR = ("cplint: internal error (RuntimeError); please report it (--verbose shows "
                  "the trace, which may quote the plan)\n")


def _break_analysis(monkeypatch):
    import cpdsl.lint

    def boom(*args, **kwargs):
        raise RuntimeError("a bug in cplint")

    monkeypatch.setattr(cpdsl.lint, "analyse", boom)


def _break_a_rule(monkeypatch):
    from cpdsl.rules.base import Rule

    def boom(self, context):
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(Rule, "run", boom)


@pytest.mark.parametrize("breaker", [_break_analysis, _break_a_rule])
def test_internal_error_is_one_line_and_exits_2(workdir, monkeypatch, breaker):
    write(workdir / "clean.cp", CLEAN)
    breaker(monkeypatch)
    result = run("clean.cp", "-j", "1", catch_exceptions=True)
    assert result.exit_code == 2
    assert result.stderr == INTERNAL_ERROR
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("breaker", [_break_analysis, _break_a_rule])
def test_internal_error_trace_only_with_verbose(workdir, monkeypatch, breaker):
    write(workdir / "clean.cp", CLEAN)
    breaker(monkeypatch)
    result = run("clean.cp", "-j", "1", "--verbose", catch_exceptions=True)
    assert result.exit_code == 2
    assert result.stderr.startswith(INTERNAL_ERROR)
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: a bug in" in result.stderr

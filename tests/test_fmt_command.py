"""`cplint fmt`: rewriting in place, --check, --diff, standard input, and every refusal.

Plans are written into tmp_path; every name in them is invented.
"""

from __future__ import annotations

import os
import pathlib
import stat

import pytest
from click.testing import CliRunner

from cpdsl import fmt as fmt_module
from cpdsl.cli import main

MESSY = 'plan "Westbury review" {\n  member  ola { name "Ola Nowak"   role social-worker }\n}\n'
TIDY = 'plan "Westbury review" {\n  member ola { name "Ola Nowak" role social-worker }\n}\n'
BROKEN = 'plan "Westbury review" {\n  member {{ name "Ola Nowak" }\n}\n'
OLD = 1_000_000_000  # a modification time in 2001

# A member too long for 40 characters a line, short enough for 100.
LONG = ('plan "Westbury review" {\n'
        '  member ola { name "Ola Nowak" role social-worker agency "Westbury Council" }\n}\n')

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"


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


def test_rewrites_in_place_and_sums_up(workdir):
    write(workdir / "plans" / "a.cp", MESSY)
    write(workdir / "plans" / "b.cp", TIDY)
    write(workdir / "plans" / "c.cp", TIDY)
    result = run("fmt", "plans")
    assert result.exit_code == 0, result.output
    assert (workdir / "plans" / "a.cp").read_text() == TIDY
    assert result.stdout == ""
    assert result.stderr == ("reformatted plans/a.cp\n"
                             "1 file reformatted, 2 files left unchanged\n")
    assert sorted(p.name for p in (workdir / "plans").iterdir()) == ["a.cp", "b.cp", "c.cp"]


def test_an_unchanged_file_is_not_written(workdir):
    plan = write(workdir / "a.cp", TIDY)
    os.utime(plan, (OLD, OLD))
    result = run("fmt", "a.cp")
    assert result.exit_code == 0
    assert result.stderr == "1 file left unchanged\n"
    assert plan.stat().st_mtime == OLD


def test_a_rewrite_keeps_the_permission_bits(workdir):
    plan = write(workdir / "a.cp", MESSY)
    plan.chmod(0o640)
    assert run("fmt", "a.cp").exit_code == 0
    assert plan.read_text() == TIDY
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640


def test_crlf_and_a_byte_order_mark_are_layout(workdir):
    plan = workdir / "a.cp"
    plan.write_bytes(b"\xef\xbb\xbf" + TIDY.replace("\n", "\r\n").encode())
    result = run("fmt", "--check", "a.cp")
    assert result.exit_code == 1
    assert run("fmt", "a.cp").exit_code == 0
    assert plan.read_bytes() == TIDY.encode()


def test_check_changes_nothing_and_exits_1(workdir):
    messy = write(workdir / "plans" / "a.cp", MESSY)
    write(workdir / "plans" / "b.cp", TIDY)
    os.utime(messy, (OLD, OLD))
    result = run("fmt", "--check", "plans")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ("would reformat plans/a.cp\n"
                             "1 file would be reformatted, 1 file would be left unchanged\n")
    assert messy.read_text() == MESSY
    assert messy.stat().st_mtime == OLD


def test_check_exits_0_when_everything_is_tidy(workdir):
    write(workdir / "a.cp", TIDY)
    result = run("fmt", "--check", "a.cp")
    assert result.exit_code == 0
    assert result.stderr == "1 file would be left unchanged\n"


def test_diff_prints_a_unified_diff_and_changes_nothing(workdir):
    messy = write(workdir / "plans" / "a.cp", MESSY)
    result = run("fmt", "--diff", "plans/a.cp")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/plans/a.cp\n"
        "+++ b/plans/a.cp\n"
        "@@ -1,3 +1,3 @@\n"
        ' plan "Westbury review" {\n'
        '-  member  ola { name "Ola Nowak"   role social-worker }\n'
        '+  member ola { name "Ola Nowak" role social-worker }\n'
        " }\n")
    assert "would reformat plans/a.cp" in result.stderr
    assert messy.read_text() == MESSY


def test_diff_of_a_tidy_file_is_empty_and_exits_0(workdir):
    write(workdir / "a.cp", TIDY)
    result = run("fmt", "--diff", "a.cp")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_diff_marks_a_missing_final_newline(workdir):
    write(workdir / "a.cp", TIDY.rstrip("\n"))
    result = run("fmt", "--diff", "a.cp")
    assert result.exit_code == 1
    assert "-}\n\\ No newline at end of file\n+}\n" in result.stdout


def test_stdin_to_stdout(workdir):
    result = run("fmt", "-", input=MESSY)
    assert result.exit_code == 0
    assert result.stdout == TIDY
    assert result.stderr == ""


def test_stdin_check_and_diff(workdir):
    assert run("fmt", "--check", "-", input=MESSY).exit_code == 1
    assert run("fmt", "--check", "-", input=TIDY).exit_code == 0
    result = run("fmt", "--diff", "-", "--stdin-filename", "plans/a.cp", input=MESSY)
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/plans/a.cp\n+++ b/plans/a.cp\n")


def test_stdin_uses_the_configuration_of_its_name(workdir):
    write(workdir / "north" / "cplint.toml", "line-length = 40\n")
    narrow = run("fmt", "-", "--stdin-filename", "north/a.cp", input=LONG)
    wide = run("fmt", "-", "--stdin-filename", "south/a.cp", input=LONG)
    assert narrow.exit_code == wide.exit_code == 0
    assert narrow.stdout != wide.stdout
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 40


def test_stdin_with_syntax_errors_prints_nothing_on_stdout(workdir):
    result = run("fmt", "-", "--stdin-filename", "a.cp", input=BROKEN)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "a.cp:2:10: CP100 [syntax-error]" in result.stderr


def test_a_file_with_syntax_errors_is_left_alone(workdir):
    broken = write(workdir / "plans" / "broken.cp", BROKEN)
    write(workdir / "plans" / "messy.cp", MESSY)
    before = broken.read_bytes()
    result = run("fmt", "plans")
    assert result.exit_code == 1
    assert broken.read_bytes() == before
    assert (workdir / "plans" / "messy.cp").read_text() == TIDY
    lint = run("--format", "text", "plans/broken.cp")
    assert lint.exit_code == 1
    assert lint.stdout in result.stderr  # exactly as `cplint` reports it, summary too
    assert "plans/broken.cp:2:10: CP100 [syntax-error]" in result.stderr
    assert result.stderr.endswith(
        "1 file reformatted, 1 file with syntax errors not formatted\n")


def test_a_read_only_file_that_needs_reformatting_is_reported(workdir):
    plan = write(workdir / "a.cp", MESSY)
    write(workdir / "b.cp", MESSY)
    plan.chmod(0o444)  # cplint honours the bits itself, so this holds even as root
    try:
        result = run("fmt", "a.cp", "b.cp")
    finally:
        plan.chmod(0o644)
    assert result.exit_code == 2
    assert plan.read_text() == MESSY
    assert (workdir / "b.cp").read_text() == TIDY  # the others are still formatted
    assert ("cplint: a.cp: needs reformatting but cannot be written (the file is read-only)\n"
            in result.stderr)
    assert "Traceback" not in result.output
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".")] == []


def test_a_read_only_tidy_file_is_fine(workdir):
    plan = write(workdir / "a.cp", TIDY)
    plan.chmod(0o444)
    assert run("fmt", "a.cp").exit_code == 0


def test_a_failed_replace_leaves_the_file_and_no_temporary_behind(workdir, monkeypatch):
    plan = write(workdir / "a.cp", MESSY)

    def refuse(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fmt_module.os, "replace", refuse)
    result = run("fmt", "a.cp")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "cplint: a.cp: needs reformatting but cannot be written (Permission denied)\n")
    assert plan.read_text() == MESSY
    assert sorted(p.name for p in workdir.iterdir()) == ["a.cp"]


def test_a_safety_check_failure_leaves_the_file_and_exits_2(workdir, monkeypatch):
    from cpdsl.formatting import FormatResult

    plan = write(workdir / "a.cp", MESSY)

    def unsafe(text, line_length=100, sort=False):
        return FormatResult(text, False, (), "not formatted, the file is left as it was: "
                                             "comment 1 is lost")

    monkeypatch.setattr("cpdsl.formatting.format_text", unsafe)
    result = run("fmt", "a.cp")
    assert result.exit_code == 2
    assert plan.read_text() == MESSY
    assert result.stderr.startswith(
        "cplint: a.cp: not formatted, the file is left as it was: comment 1 is lost "
        "(a bug in cplint fmt; please report it)\n")


def test_line_length_from_the_configuration_and_the_option(workdir):
    plan = write(workdir / "north" / "a.cp", LONG)
    write(workdir / "north" / "cplint.toml", "line-length = 40\n")
    assert run("fmt", "--check", "north").exit_code == 1  # 40 characters: it must be split
    assert run("fmt", "--check", "--line-length", "100", "north").exit_code == 0
    assert run("fmt", "north").exit_code == 0
    assert max(len(line) for line in plan.read_text().splitlines()) <= 40


def test_a_bad_configuration_exits_2_and_touches_nothing(workdir):
    plan = write(workdir / "a.cp", MESSY)
    write(workdir / "cplint.toml", "line-length = 20\n")
    result = run("fmt", "a.cp")
    assert result.exit_code == 2
    assert result.stderr == ("cplint: cplint.toml: `line-length` must be a whole number of "
                             "characters from 40 to 400, like 100, not 20\n")
    assert plan.read_text() == MESSY


@pytest.mark.parametrize("value", ["39", "401", "wide"])
def test_a_bad_line_length_option_exits_2(workdir, value):
    write(workdir / "a.cp", MESSY)
    result = run("fmt", "--line-length", value, "a.cp")
    assert result.exit_code == 2
    assert "--line-length" in result.stderr


def test_a_missing_file_exits_2_and_touches_nothing(workdir):
    plan = write(workdir / "a.cp", MESSY)
    result = run("fmt", "a.cp", "nowhere.cp")
    assert result.exit_code == 2
    assert result.stderr == "cplint: nowhere.cp: no such file or directory\n"
    assert plan.read_text() == MESSY


def test_a_file_not_utf8_exits_2(workdir):
    (workdir / "a.cp").write_bytes(b'plan "Caf\xe9" {\n}\n')
    result = run("fmt", "a.cp")
    assert result.exit_code == 2
    assert "cplint: a.cp:1:10: not UTF-8 text (byte 0xe9)" in result.stderr


def test_fmt_without_paths_is_a_usage_error(workdir):
    assert run("fmt").exit_code == 2


def test_cplint_path_still_lints(workdir):
    write(workdir / "a.cp", BROKEN)
    result = run("a.cp")
    assert result.exit_code == 1
    assert "a.cp:2:10: CP100" in result.stdout


def test_fmt_has_its_own_help(workdir):
    assert "--check" in run("fmt", "--help").stdout


def test_the_examples_are_formatted():
    result = run("fmt", "--check", str(EXAMPLES))
    assert result.exit_code == 0, result.output


def test_a_symbolic_link_stays_a_link_to_the_rewritten_file(workdir):
    target = write(workdir / "real" / "a.cp", MESSY)
    link = workdir / "a.cp"
    link.symlink_to(target)
    assert run("fmt", "a.cp").exit_code == 0
    assert link.is_symlink()
    assert target.read_text() == TIDY


def test_fmt_is_listed_in_the_help(workdir):
    assert "fmt" in run("--help").stdout


def test_syntax_errors_take_the_configured_severity(workdir):
    write(workdir / "cplint.toml", '[severity]\nCP100 = "warning"\n')
    write(workdir / "a.cp", BROKEN)
    result = run("fmt", "a.cp")
    assert result.exit_code == 1
    assert run("--format", "text", "a.cp").stdout in result.stderr
    assert "(1 warning)" in result.stderr


UNSORTED = ('plan "Westbury review" {\n  member ola { name "Ola Nowak" role social-worker }\n'
            '  child zed { name "Zed Nowak" born 2020-01-02 }\n}\n')


def test_sort_is_opt_in(workdir):
    plan = write(workdir / "a.cp", UNSORTED)
    assert run("fmt", "--check", "a.cp").exit_code == 0  # the author's order is kept
    assert run("fmt", "--sort", "a.cp").exit_code == 0
    assert plan.read_text().index("child zed") < plan.read_text().index("member ola")


def test_a_folder_without_plans_says_so(workdir):
    (workdir / "empty").mkdir()
    result = run("fmt", "empty")
    assert result.exit_code == 0
    assert result.stderr == "No plans found.\n"

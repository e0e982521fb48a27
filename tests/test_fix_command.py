"""`cplint check --fix` end to end (issue 10): what it mends and writes, what it reports,
--diff, --show-fixes, --unsafe-fixes, standard input, -j, the other formats, the
configuration, and the file system: syntax errors, read-only plans, plans changed while
they are fixed, links, and runs killed at random moments.

Plans are written into tmp_path with a `cplint.toml` selecting the CP1 rules only (see
fix_plans), and judged as of one date. Every name in them is invented. A test that runs
cplint in a process of its own gives it a timeout, so that a regression fails instead of
hanging; no test is timed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import pathlib
import random
import re
import signal
import stat
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import cpdsl.analysis
import cpdsl.fix_files
from cpdsl.cli import main
from cpdsl.config import LintOptions
from cpdsl.fixes import apply_fixes
from cpdsl.lint import lint_text
from cpdsl.rules import RULES_BY_CODE
from fix_plans import (
    CHAIR_TYPO,
    CP1_ONLY,
    JONAH,
    MEANT,
    MISTAKES,
    REPEATED,
    ROLE_TYPO,
    SAMIRA,
    TODAY,
    TWICE_REPEATED,
    UNUSED_SUPPRESSION,
    mistyped,
    plan,
)

ROOT = pathlib.Path(__file__).resolve().parent.parent
_INSTALLED = pathlib.Path(sys.executable).with_name("cplint")
# The real command, in a process of its own: the virtual environment's `cplint`.
CPLINT = [str(_INSTALLED)] if _INSTALLED.exists() else [sys.executable, "-m", "cpdsl"]
TIMEOUT = 30  # seconds: only so that a hang fails the test
TEMPORARY = re.compile(r"\.cplint-fmt-")
OLD = 1_000_000_000  # a modification time in 2001
TODAY_DATE = dt.date.fromisoformat(TODAY)
CP1 = LintOptions(frozenset(code for code in RULES_BY_CODE if code.startswith("CP1")))
ADDED = "# added while cplint was fixing the plan\n"
CHANGED = ("cplint: a.cp: changed while it was being fixed; left as it is "
           "(run cplint check --fix again)\n")

TYPOS = mistyped([ROLE_TYPO, CHAIR_TYPO])
# Two slips mended, one left: `nobody` is like no id in the plan.
WITH_ONE_LEFT = TYPOS.replace("second-chair jonah", "second-chair nobody")
# A slip --fix could mend, in a plan with a syntax error it cannot.
BROKEN = mistyped([CHAIR_TYPO])[:-2] + '  member {{ name "Ola Nowak" }\n}\n'

MEMBER_BROKEN = (
    "a.cp:6:10: CP100 [syntax-error] expected an id like `sam` after `member`, found `{`\n"
    "  |\n"
    '6 |   member {{ name "Ola Nowak" }\n'
    "  |          ^\n")
CHAIR_SAMRIA = (
    "a.cp:4:9: CP103 [*] [undefined-reference] `chair samria`: no member, child or excluded "
    "person has the id `samria`; did you mean `samira`?\n"
    "  |\n"
    "4 |   chair samria\n"
    "  |         ^^^^^^\n"
    "  fix: Replace `samria` with `samira`\n")
UNMARKED_SAMRIA = CHAIR_SAMRIA.replace(" [*] ", " ")  # in a plan --fix leaves as it is
NOBODY_LEFT = (
    "a.cp:5:16: CP103 [undefined-reference] `second-chair nobody`: no member, child or "
    "excluded person has the id `nobody`\n"
    "  |\n"
    "5 |   second-chair nobody\n"
    "  |                ^^^^^^\n")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "cplint.toml", CP1_ONLY)
    return tmp_path


def write(path: pathlib.Path, text: str) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))  # as given: no line ends translated
    return path


def run(*args: str, **kwargs):
    kwargs.setdefault("catch_exceptions", False)
    return CliRunner().invoke(main, ["check", "--today", TODAY, *args], **kwargs)


def temporaries(folder: pathlib.Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if TEMPORARY.match(p.name))


def append_to(path: pathlib.Path, text: str = ADDED) -> None:
    with open(path, "a", encoding="utf-8") as file:
        file.write(text)


def once(action):
    """`action`, the first time only."""
    done = []

    def act(*args):
        if not done:
            done.append(True)
            action(*args)
    return act


def _wait_for(condition, timeout: float = TIMEOUT) -> None:
    give_up = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < give_up, "gave up waiting"
        time.sleep(0.01)


# -- --fix: mend, write, report what is left ----------------------------------------------


def test_fix_mends_the_plan_and_reports_what_is_left(workdir):
    plan_file = write(workdir / "a.cp", WITH_ONE_LEFT)
    result = run("--fix", "a.cp")
    assert result.stdout == NOBODY_LEFT + (
        "\n"
        "Found 3 problems (2 fixed, 1 remaining, in 1 file: 1 error).\n")
    assert result.stderr == ""
    assert result.exit_code == 1
    assert plan_file.read_text() == plan(SAMIRA, JONAH, "chair samira", "second-chair nobody")
    assert temporaries(workdir) == []


def test_fix_of_everything_exits_0_and_show_fixes_lists_what_was_fixed(workdir):
    plan_file = write(workdir / "a.cp", TYPOS)
    result = run("--fix", "--show-fixes", "a.cp")
    assert result.stdout == ("All checks passed (1 file) after 2 fixes.\n"
                             "Fixed 2 problems:\n"
                             "- a.cp:\n"
                             "    1 \u00d7 CP103 (undefined-reference)\n"
                             "    1 \u00d7 CP105 (invalid-value)\n")
    assert result.stderr == ""
    assert result.exit_code == 0
    assert plan_file.read_text() == MEANT


def test_the_summary_counts_fixes_over_several_files(workdir):
    write(workdir / "plans" / "a.cp", WITH_ONE_LEFT)
    write(workdir / "plans" / "b.cp", mistyped([REPEATED, UNUSED_SUPPRESSION]))
    write(workdir / "plans" / "c.cp", MEANT)
    result = run("--fix", "--show-fixes", "plans")
    assert result.stdout == NOBODY_LEFT.replace("a.cp", "plans/a.cp") + (
        "\n"
        "Found 5 problems (4 fixed, 1 remaining, in 1 file: 1 error).\n"
        "Fixed 4 problems:\n"
        "- plans/a.cp:\n"
        "    1 \u00d7 CP103 (undefined-reference)\n"
        "    1 \u00d7 CP105 (invalid-value)\n"
        "- plans/b.cp:\n"
        "    1 \u00d7 CP102 (duplicate-id)\n"
        "    1 \u00d7 CP107 (unused-suppression)\n")
    assert result.exit_code == 1
    assert (workdir / "plans" / "b.cp").read_text() == MEANT


def test_show_fixes_says_when_nothing_was_fixed(workdir):
    write(workdir / "a.cp", MEANT)
    result = run("--fix", "--show-fixes", "a.cp")
    assert result.stdout == "All checks passed (1 file).\nNo problems fixed.\n"
    assert result.exit_code == 0


def test_without_fix_the_fixable_findings_are_marked_and_nothing_is_written(workdir):
    plan_file = write(workdir / "a.cp", mistyped([CHAIR_TYPO]))
    os.utime(plan_file, (OLD, OLD))
    result = run("a.cp")
    assert result.stdout == CHAIR_SAMRIA + (
        "\n"
        "Found 1 problem in 1 file (1 error).\n"
        "[*] 1 fixable with `cplint check --fix`.\n")
    assert result.exit_code == 1
    assert plan_file.read_text() == mistyped([CHAIR_TYPO])
    assert plan_file.stat().st_mtime == OLD


# -- passes: fixes that make room for others; a second --fix changes nothing -----------------


@pytest.mark.parametrize("mistakes, fixed", [
    ([TWICE_REPEATED], "2 \u00d7 CP102 (duplicate-id)"),  # three identical lines
    ([TWICE_REPEATED, ROLE_TYPO, CHAIR_TYPO],  # the repeated line holds a typo
     "2 \u00d7 CP102 (duplicate-id)\n    1 \u00d7 CP103 (undefined-reference)\n"
     "    2 \u00d7 CP105 (invalid-value)"),
], ids=["three-identical-lines", "repeats-holding-a-typo"])
def test_fixes_needing_several_passes_converge(workdir, mistakes, fixed):
    text = mistyped(mistakes)
    found = lint_text(text, TODAY_DATE, options=CP1)
    one_pass, _ = apply_fixes(text, [d.fix for d in found if d.fix])
    assert one_pass != MEANT  # what one pass cannot mend: the next must
    plan_file = write(workdir / "a.cp", text)
    result = run("--fix", "--show-fixes", "a.cp")
    count = sum(int(n) for n in re.findall(r"(\d+) \u00d7", fixed))
    assert result.stdout == (f"All checks passed (1 file) after {count} fixes.\n"
                             f"Fixed {count} problems:\n"
                             "- a.cp:\n"
                             f"    {fixed}\n")
    assert result.exit_code == 0
    assert plan_file.read_text() == MEANT


def test_a_second_fix_changes_nothing(workdir):
    plan_file = write(workdir / "a.cp", mistyped(MISTAKES))
    first = run("--fix", "a.cp")
    assert (first.stdout, first.exit_code) == ("All checks passed (1 file) after 6 fixes.\n", 0)
    assert plan_file.read_text() == MEANT
    os.utime(plan_file, (OLD, OLD))
    second = run("--fix", "--show-fixes", "a.cp")
    assert second.stdout == "All checks passed (1 file).\nNo problems fixed.\n"
    assert second.stderr == ""
    assert second.exit_code == 0
    assert plan_file.read_text() == MEANT
    assert plan_file.stat().st_mtime == OLD  # not written again


@pytest.fixture(scope="module")
def cp1_plan_name(tmp_path_factory) -> str:
    """A plan's name in a folder whose configuration selects the CP1 rules."""
    folder = tmp_path_factory.mktemp("cp1")
    write(folder / "cplint.toml", CP1_ONLY)
    return str(folder / "a.cp")


@given(st.sets(st.sampled_from(MISTAKES + (TWICE_REPEATED,)), min_size=1))
def test_fix_mends_any_mix_of_safe_slips_and_a_second_fix_does_nothing(cp1_plan_name,
                                                                        mistakes):
    if REPEATED in mistakes and TWICE_REPEATED in mistakes:
        mistakes = mistakes - {REPEATED}
    text = mistyped(mistakes)
    first = run("--fix", "-", "--stdin-filename", cp1_plan_name, input=text)
    again = run("--fix", "-", "--stdin-filename", cp1_plan_name, input=first.stdout)
    assert first.stdout == MEANT  # the plan as it was meant, whatever the mix
    assert re.fullmatch(r"All checks passed \(1 file\) after \d+ fix(es)?\.\n", first.stderr)
    assert first.exit_code == 0
    assert (again.stdout, again.stderr, again.exit_code) == (
        MEANT, "All checks passed (1 file).\n", 0)


# -- --diff -----------------------------------------------------------------------------------


def test_diff_prints_what_fix_would_change_and_writes_nothing(workdir):
    plan_file = write(workdir / "plans" / "a.cp", TYPOS)
    os.utime(plan_file, (OLD, OLD))
    result = run("--diff", "plans/a.cp")
    assert result.stdout == (
        "--- a/plans/a.cp\n"
        "+++ b/plans/a.cp\n"
        "@@ -1,6 +1,6 @@\n"
        ' plan "Northtown review" {\n'
        '-  member samira { name "Samira Example" role socal-worker }\n'
        '+  member samira { name "Samira Example" role social-worker }\n'
        '   member jonah { name "Jonah Example" role teacher }\n'
        "-  chair samria\n"
        "+  chair samira\n"
        "   second-chair jonah\n"
        " }\n")
    assert result.stderr == "Would fix 2 problems in 1 file.\n"
    assert result.exit_code == 1
    assert plan_file.read_bytes() == TYPOS.encode()
    assert plan_file.stat().st_mtime == OLD
    assert temporaries(workdir) == []


def test_diff_of_several_files_counts_them(workdir):
    write(workdir / "a.cp", TYPOS)
    write(workdir / "b.cp", MEANT)
    write(workdir / "c.cp", mistyped([TWICE_REPEATED]))
    result = run("--diff", "a.cp", "b.cp", "c.cp")
    assert result.stdout.count("--- a/") == 2
    assert "--- a/b.cp" not in result.stdout
    assert result.stdout.endswith(
        "--- a/c.cp\n"
        "+++ b/c.cp\n"
        "@@ -1,6 +1,4 @@\n"
        ' plan "Northtown review" {\n'
        f"-  {SAMIRA}\n"
        f"-  {SAMIRA}\n"
        f"   {SAMIRA}\n"
        f"   {JONAH}\n"
        "   chair samira\n")
    assert result.stderr == "Would fix 4 problems in 2 files.\n"
    assert result.exit_code == 1


def test_diff_with_nothing_to_fix_exits_0(workdir):
    plan_file = write(workdir / "a.cp", WITH_ONE_LEFT.replace("socal", "social").replace(
        "samria", "samira"))
    result = run("--diff", "a.cp")
    assert (result.stdout, result.stderr, result.exit_code) == ("", "No fixes to apply.\n", 0)
    assert plan_file.read_text() == plan(SAMIRA, JONAH, "chair samira", "second-chair nobody")


def test_diff_removes_no_temporary_file_and_fix_does(workdir):
    write(workdir / "a.cp", TYPOS)
    stale = write(workdir / ".cplint-fmt-ab12cd34.tmp", MEANT)
    os.utime(stale, (OLD, OLD))
    assert run("--diff", "a.cp").exit_code == 1
    assert stale.exists()
    result = run("--fix", "a.cp")
    assert result.stderr == ("cplint: removed a temporary file left by an interrupted run: "
                             ".cplint-fmt-ab12cd34.tmp\n")
    assert result.exit_code == 0
    assert not stale.exists()


# -- what is never written --------------------------------------------------------------------


def test_a_plan_with_a_syntax_error_no_fix_mends_is_never_touched(workdir):
    broken = write(workdir / "a.cp", BROKEN)
    good = write(workdir / "b.cp", TYPOS)
    os.utime(broken, (OLD, OLD))
    result = run("--fix", "a.cp", "b.cp")
    assert result.stdout == UNMARKED_SAMRIA + "\n" + MEMBER_BROKEN + (
        "\n"
        "Found 4 problems (2 fixed, 2 remaining, in 1 file: 2 errors).\n"
        "(1 file with fixes left as it is by --fix: a syntax error there has no fix; mend it "
        "by hand first.)\n")
    assert result.stderr == "cplint: a.cp: not fixed: it has syntax errors cplint cannot mend\n"
    assert result.exit_code == 1
    assert broken.read_bytes() == BROKEN.encode()
    assert broken.stat().st_mtime == OLD
    assert good.read_text() == MEANT  # the others are still fixed


def test_a_plan_with_only_a_syntax_error_is_reported_as_check_reports_it(workdir):
    text = BROKEN.replace("samria", "samira")
    broken = write(workdir / "a.cp", text)
    result = run("--fix", "a.cp")
    assert result.stdout == run("a.cp").stdout == MEMBER_BROKEN + (
        "\n"
        "Found 1 problem in 1 file (1 error).\n")
    assert result.stderr == ""
    assert result.exit_code == 1
    assert broken.read_bytes() == text.encode()


def test_diff_of_a_plan_with_a_syntax_error_shows_nothing(workdir):
    write(workdir / "a.cp", BROKEN)
    result = run("--diff", "a.cp")
    assert result.stdout == ""
    assert result.stderr == ("No fixes to apply.\n"
                             "cplint: a.cp: not fixed: it has syntax errors cplint cannot mend\n")


def test_a_clean_plan_is_not_written(workdir):
    plan_file = write(workdir / "a.cp", MEANT)
    os.utime(plan_file, (OLD, OLD))
    inode = plan_file.stat().st_ino
    result = run("--fix", "a.cp")
    assert (result.stdout, result.stderr, result.exit_code) == (
        "All checks passed (1 file).\n", "", 0)
    assert plan_file.stat().st_mtime == OLD
    assert plan_file.stat().st_ino == inode


def test_a_plan_with_findings_but_no_fix_is_not_written(workdir):
    text = MEANT.replace("second-chair jonah", "second-chair nobody")
    plan_file = write(workdir / "a.cp", text)
    os.utime(plan_file, (OLD, OLD))
    result = run("--fix", "a.cp")
    assert result.stdout == NOBODY_LEFT + "\nFound 1 problem in 1 file (1 error).\n"
    assert result.exit_code == 1
    assert plan_file.stat().st_mtime == OLD


def test_a_read_only_plan_that_needs_fixing_exits_2(workdir):
    plan_file = write(workdir / "a.cp", TYPOS)
    other = write(workdir / "b.cp", TYPOS)
    plan_file.chmod(0o444)  # cplint honours the bits itself, so this holds even as root
    try:
        result = run("--fix", "a.cp", "b.cp")
    finally:
        plan_file.chmod(0o644)
    # its findings are reported as they stand, with why it was not fixed
    assert result.stdout == run("a.cp").stdout.replace(
        "Found 2 problems in 1 file (2 errors).",
        "Found 4 problems (2 fixed, 2 remaining, in 1 file: 2 errors).")
    assert result.stderr == ("cplint: a.cp: needs fixing but cannot be written "
                             "(the file is read-only)\n")
    assert result.exit_code == 2
    assert plan_file.read_text() == TYPOS
    assert other.read_text() == MEANT  # the others are still fixed
    assert temporaries(workdir) == []


def test_a_read_only_plan_with_nothing_to_fix_is_fine(workdir):
    plan_file = write(workdir / "a.cp", MEANT)
    plan_file.chmod(0o444)
    try:
        result = run("--fix", "a.cp")
    finally:
        plan_file.chmod(0o644)
    assert (result.stdout, result.stderr, result.exit_code) == (
        "All checks passed (1 file).\n", "", 0)


# -- a plan that changes while it is fixed ----------------------------------------------------


def test_a_plan_changed_while_it_is_fixed_is_left_as_the_other_program_made_it(
        workdir, monkeypatch):
    plan_file = write(workdir / "a.cp", mistyped([CHAIR_TYPO]))
    other = write(workdir / "b.cp", TYPOS)
    real_fix = cpdsl.fix_files.fix_analysis
    add = once(lambda: append_to(plan_file))

    def fix_and_append(*args, **kwargs):
        fixed = real_fix(*args, **kwargs)
        add()  # another program appends to a.cp while cplint mends it
        return fixed

    monkeypatch.setattr(cpdsl.fix_files, "fix_analysis", fix_and_append)
    result = run("--fix", "a.cp", "b.cp")
    assert plan_file.read_text() == mistyped([CHAIR_TYPO]) + ADDED
    assert other.read_text() == MEANT
    assert result.stdout == CHAIR_SAMRIA + (
        "\n"
        "Found 3 problems (2 fixed, 1 remaining, in 1 file: 1 error).\n"
        "[*] 1 fixable with `cplint check --fix`.\n")
    assert result.stderr == CHANGED
    assert result.exit_code == 1
    assert temporaries(workdir) == []


def test_a_change_while_the_mended_text_is_written_is_kept(workdir, monkeypatch):
    plan_file = write(workdir / "a.cp", TYPOS)
    real_fsync = os.fsync
    add = once(lambda: append_to(plan_file))

    def append_then_fsync(descriptor):
        add()  # the plan changes after it was mended, as the new text is written
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", append_then_fsync)
    result = run("--fix", "a.cp")
    assert plan_file.read_text() == TYPOS + ADDED
    assert result.stderr == CHANGED
    assert result.exit_code == 1
    assert temporaries(workdir) == []


APPENDER = """
import os, sys, time
path, stop = sys.argv[1], sys.argv[2]
count = 0
while not os.path.exists(stop) and count < 20000:
    with open(path, "a", encoding="utf-8") as file:  # as `echo ... >> plan` does
        file.write(f"# line {count}\\n")
    count += 1
    time.sleep(0.0005)
print(count)
"""


def test_a_plan_appended_to_by_another_process_loses_no_line(workdir):
    plan_file = write(workdir / "a.cp", mistyped(MISTAKES))
    stop = workdir / "stop"
    appender = subprocess.Popen([sys.executable, "-c", APPENDER, str(plan_file), str(stop)],
                                stdout=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: "# line 3\n" in plan_file.read_text(encoding="utf-8"))
        fixing = subprocess.run([*CPLINT, "check", "--today", TODAY, "--fix", "a.cp"],
                                capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        stop.touch()
        written = int(appender.communicate(timeout=TIMEOUT)[0])
    after = plan_file.read_text()
    numbers = [int(n) for n in re.findall(r"^# line (\d+)$", after, re.MULTILINE)]
    assert numbers == list(range(written)), fixing.stderr  # every line, once, in order
    plan_part = after[:after.index("# line 0\n")]
    if fixing.stderr == CHANGED:  # the usual case: left as the appender made it
        assert (plan_part, fixing.returncode) == (mistyped(MISTAKES), 1)
    else:  # cplint read, mended and wrote between two appends
        assert (plan_part, fixing.stderr, fixing.returncode) == (MEANT, "", 0)
    assert temporaries(workdir) == []


# -- links and permissions --------------------------------------------------------------------


def test_a_fix_keeps_the_permission_bits(workdir):
    plan_file = write(workdir / "a.cp", TYPOS)
    plan_file.chmod(0o640)
    assert run("--fix", "a.cp").exit_code == 0
    assert plan_file.read_text() == MEANT
    assert stat.S_IMODE(plan_file.stat().st_mode) == 0o640


def test_every_name_of_a_hard_linked_plan_sees_the_fix(workdir):
    plan_file = write(workdir / "a.cp", TYPOS)
    other = workdir / "elsewhere" / "same.cp"
    other.parent.mkdir()
    os.link(plan_file, other)
    inode = plan_file.stat().st_ino
    result = run("--fix", "a.cp")
    assert (result.stdout, result.stderr, result.exit_code) == (
        "All checks passed (1 file) after 2 fixes.\n", "", 0)
    assert plan_file.read_text() == other.read_text() == MEANT
    assert plan_file.stat().st_ino == other.stat().st_ino == inode  # written in place
    assert temporaries(workdir) == []


def test_a_symbolic_link_stays_a_link_to_the_fixed_plan(workdir):
    target = write(workdir / "real" / "a.cp", TYPOS)
    link = workdir / "a.cp"
    link.symlink_to(target)
    assert run("--fix", "a.cp").exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == MEANT


def test_a_fix_keeps_a_byte_order_mark_and_crlf(workdir):
    plan_file = workdir / "a.cp"
    plan_file.write_bytes(b"\xef\xbb\xbf" + TYPOS.replace("\n", "\r\n").encode())
    assert run("--fix", "a.cp").exit_code == 0
    assert plan_file.read_bytes() == b"\xef\xbb\xbf" + MEANT.replace("\n", "\r\n").encode()


def test_a_fix_keeps_lone_carriage_returns(workdir):
    plan_file = workdir / "a.cp"
    plan_file.write_bytes(TYPOS.replace("\n", "\r").encode())
    diff = run("--diff", "a.cp")
    # a lone carriage return ends a line: two lines out, two in, each ending its line
    assert (diff.stdout.count("\n-"), diff.stdout.count("\n+")) == (2, 3)  # and +++ b/a.cp
    assert "No newline" not in diff.stdout
    assert run("--fix", "a.cp").exit_code == 0
    assert plan_file.read_bytes() == MEANT.replace("\n", "\r").encode()


# -- standard input ---------------------------------------------------------------------------


def test_fix_of_standard_input_prints_the_mended_text_and_the_findings_beside_it(workdir):
    result = run("--fix", "-", "--stdin-filename", "a.cp", input=WITH_ONE_LEFT)
    assert result.stdout == plan(SAMIRA, JONAH, "chair samira", "second-chair nobody")
    assert result.stderr == NOBODY_LEFT + (
        "\n"
        "Found 3 problems (2 fixed, 1 remaining, in 1 file: 1 error).\n")
    assert result.exit_code == 1
    assert sorted(p.name for p in workdir.iterdir()) == ["cplint.toml"]


def test_fix_of_clean_standard_input_passes_it_on_as_it_came(workdir):
    result = run("--fix", "-", input=MEANT)
    assert (result.stdout, result.stderr, result.exit_code) == (
        MEANT, "All checks passed (1 file).\n", 0)


def test_fix_of_standard_input_with_a_syntax_error_passes_it_on_unmended(workdir):
    result = run("--fix", "-", "--stdin-filename", "a.cp", input=BROKEN)
    assert result.stdout == BROKEN
    assert result.stderr == UNMARKED_SAMRIA + "\n" + MEMBER_BROKEN + (
        "\n"
        "Found 2 problems in 1 file (2 errors).\n"
        "(1 file with fixes left as it is by --fix: a syntax error there has no fix; mend it "
        "by hand first.)\n"

        "cplint: a.cp: not fixed: it has syntax errors cplint cannot mend\n")
    assert result.exit_code == 1


def test_standard_input_without_fix_is_checked_as_before(workdir):
    result = run("-", "--stdin-filename", "a.cp", input=mistyped([CHAIR_TYPO]))
    assert result.stdout == CHAIR_SAMRIA + (
        "\n"
        "Found 1 problem in 1 file (1 error).\n"
        "[*] 1 fixable with `cplint check --fix`.\n")
    assert result.stderr == ""
    assert result.exit_code == 1


def test_diff_of_standard_input(workdir):
    result = run("--diff", "-", "--stdin-filename", "plans/a.cp", input=mistyped([CHAIR_TYPO]))
    assert result.stdout == (
        "--- a/plans/a.cp\n"
        "+++ b/plans/a.cp\n"
        "@@ -1,6 +1,6 @@\n"
        ' plan "Northtown review" {\n'
        f"   {SAMIRA}\n"
        f"   {JONAH}\n"
        "-  chair samria\n"
        "+  chair samira\n"
        "   second-chair jonah\n"
        " }\n")
    assert result.stderr == "Would fix 1 problem in 1 file.\n"
    assert result.exit_code == 1


# -- many plans, in several processes ---------------------------------------------------------


def test_fix_in_two_processes_fixes_every_plan_and_reports_them_in_order(workdir):
    texts = [mistyped(combination) for size in (1, 2)
             for combination in itertools.combinations(MISTAKES, size)]
    texts = [text.replace("second-chair jonah", "second-chair nobody")
             if "jonha" not in text else text for text in texts]
    assert len(texts) > 16  # enough for -j 2 to share them out
    for number, text in enumerate(texts):
        write(workdir / "plans" / f"plan-{number:02d}.cp", text)
    result = run("--fix", "-j", "2", "--format", "concise", "plans")
    left = [number for number, text in enumerate(texts) if "nobody" in text]
    assert result.stdout == "".join(
        f"plans/plan-{number:02d}.cp:5:16: CP103 [undefined-reference] `second-chair nobody`: "
        "no member, child or excluded person has the id `nobody`\n" for number in left)
    assert result.stderr == ""
    assert result.exit_code == 1
    meant_with_nobody = MEANT.replace("second-chair jonah", "second-chair nobody")
    for number, text in enumerate(texts):
        now = (workdir / "plans" / f"plan-{number:02d}.cp").read_text()
        assert now == (meant_with_nobody if number in left else MEANT), number


# -- the other formats ------------------------------------------------------------------------


def test_json_after_fix_describes_what_is_left(workdir):
    write(workdir / "a.cp", WITH_ONE_LEFT)
    result = run("--fix", "--format", "json", "a.cp")
    assert json.loads(result.stdout) == [{
        "file": "a.cp", "line": 5, "column": 16, "end_line": 5, "end_column": 22,
        "code": "CP103", "name": "undefined-reference", "severity": "error",
        "message": "`second-chair nobody`: no member, child or excluded person has the id "
                   "`nobody`",
        "fix": None,
    }]
    assert result.exit_code == 1


def test_json_after_a_refused_fix_keeps_the_fix(workdir):
    write(workdir / "a.cp", BROKEN)
    result = run("--fix", "--format", "json", "a.cp")
    findings = json.loads(result.stdout)
    assert [(f["code"], f["line"]) for f in findings] == [("CP103", 4), ("CP100", 6)]
    assert findings[0]["fix"] == {
        "message": "Replace `samria` with `samira`",
        "applicability": "safe",
        "edits": [{"content": "samira", "location": {"row": 4, "column": 9},
                   "end_location": {"row": 4, "column": 15}}],
    }
    assert result.stderr == "cplint: a.cp: not fixed: it has syntax errors cplint cannot mend\n"


def test_sarif_after_fix_describes_what_is_left(workdir):
    write(workdir / "a.cp", WITH_ONE_LEFT)
    result = run("--fix", "--format", "sarif", "a.cp")
    (run_log,) = json.loads(result.stdout)["runs"]
    assert run_log["results"] == [{
        "ruleId": "CP103",
        "ruleIndex": 3,
        "level": "error",
        "message": {"text": "`second-chair nobody`: no member, child or excluded person has "
                            "the id `nobody`"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a.cp", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 5, "startColumn": 16, "endLine": 5, "endColumn": 22}}}],
    }]
    assert result.exit_code == 1


def test_sarif_without_fix_carries_the_fixes(workdir):
    write(workdir / "a.cp", mistyped([CHAIR_TYPO]))
    result = run("--format", "sarif", "a.cp")
    (run_log,) = json.loads(result.stdout)["runs"]
    (finding,) = run_log["results"]
    assert finding["fixes"] == [{
        "description": {"text": "Replace `samria` with `samira`"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "a.cp", "uriBaseId": "%SRCROOT%"},
            "replacements": [{
                "deletedRegion": {"startLine": 4, "startColumn": 9,
                                  "endLine": 4, "endColumn": 15},
                "insertedContent": {"text": "samira"}}],
        }],
    }]


def test_concise_marks_what_fix_would_mend(workdir):
    write(workdir / "a.cp", WITH_ONE_LEFT)
    result = run("--format", "concise", "a.cp")
    assert result.stdout == (
        "a.cp:2:46: CP105 [*] [invalid-value] `socal-worker` is not a role; did you mean "
        "`social-worker`?\n"
        "a.cp:4:9: CP103 [*] [undefined-reference] `chair samria`: no member, child or "
        "excluded person has the id `samria`; did you mean `samira`?\n"
        "a.cp:5:16: CP103 [undefined-reference] `second-chair nobody`: no member, child or "
        "excluded person has the id `nobody`\n")
    fixed = run("--fix", "--format", "concise", "a.cp")
    assert fixed.stdout == (
        "a.cp:5:16: CP103 [undefined-reference] `second-chair nobody`: no member, child or "
        "excluded person has the id `nobody`\n")
    assert fixed.exit_code == 1


def test_concise_marks_nothing_in_a_plan_fix_leaves_for_its_syntax_error(workdir):
    write(workdir / "a.cp", BROKEN)
    result = run("--fix", "--format", "concise", "a.cp")
    assert result.stdout == (
        "a.cp:4:9: CP103 [undefined-reference] `chair samria`: no member, child or "
        "excluded person has the id `samria`; did you mean `samira`?\n"
        "a.cp:6:10: CP100 [syntax-error] expected an id like `sam` after `member`, found `{`\n")
    assert result.exit_code == 1


# -- the configuration ------------------------------------------------------------------------


def test_a_rule_turned_off_is_not_fixed(workdir):
    write(workdir / "cplint.toml", CP1_ONLY + 'ignore = ["CP105"]\n')
    plan_file = write(workdir / "a.cp", TYPOS)
    result = run("--fix", "--show-fixes", "a.cp")
    assert result.stdout == ("All checks passed (1 file) after 1 fix.\n"
                             "Fixed 1 problem:\n"
                             "- a.cp:\n"
                             "    1 \u00d7 CP103 (undefined-reference)\n")
    assert result.exit_code == 0
    assert plan_file.read_text() == TYPOS.replace("chair samria", "chair samira")


def test_a_rule_turned_off_for_some_files_is_not_fixed_in_them(workdir):
    write(workdir / "cplint.toml", CP1_ONLY + '[per-file-ignores]\n"old/*.cp" = ["CP103"]\n')
    old = write(workdir / "old" / "a.cp", TYPOS)
    new = write(workdir / "new" / "a.cp", TYPOS)
    assert run("--fix", "old", "new").exit_code == 0
    assert old.read_text() == TYPOS.replace("socal-worker", "social-worker")
    assert new.read_text() == MEANT


def test_a_suppressed_finding_is_not_fixed(workdir):
    text = TYPOS.replace("  chair samria\n",
                         "  chair samria  # cplint: ignore[CP103] the chair's id, agreed\n")
    plan_file = write(workdir / "a.cp", text)
    assert run("--fix", "a.cp").stdout == "All checks passed (1 file) after 1 fix.\n"
    assert plan_file.read_text() == text.replace("socal-worker", "social-worker")


def test_a_bad_configuration_exits_2_and_touches_nothing(workdir):
    write(workdir / "cplint.toml", 'select = ["CP1"]\nfail-on = "sometimes"\n')
    plan_file = write(workdir / "a.cp", TYPOS)
    result = run("--fix", "a.cp")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("cplint: cplint.toml: ")
    assert plan_file.read_text() == TYPOS


# -- --unsafe-fixes ---------------------------------------------------------------------------


def _plans_of_the_repository() -> list[pathlib.Path]:
    return sorted([*(ROOT / "examples").rglob("*.cp"), *(ROOT / "tests" / "fixtures").glob("*.cp")])


def _fixes(text: str) -> tuple[int, int]:
    """How many findings of the whole rule set have a safe fix, and how many an unsafe one."""
    found = lint_text(text, TODAY_DATE)
    return (sum(1 for d in found if d.fix and d.fix.is_safe),
            sum(1 for d in found if d.fix and not d.fix.is_safe))


def _fixes_offered(text: str) -> tuple[int, int]:
    """_fixes, as the summary counts them: none in a plan with a syntax error that has no
    fix (--fix leaves it as it is)."""
    found = lint_text(text, TODAY_DATE)
    if any(d.code in ("CP100", "CP101") and d.fix is None for d in found):
        return 0, 0
    return _fixes(text)


def test_without_unsafe_fixes_no_unsafe_fix_is_applied(tmp_path, monkeypatch):
    """Whatever the unsafe fixes are: a plan whose only fixes are unsafe is not touched by
    --fix, and one with safe fixes keeps every finding whose fix is unsafe."""
    monkeypatch.chdir(tmp_path)
    plans = _plans_of_the_repository()
    copies = []
    for number, source in enumerate(plans):
        copy = write(tmp_path / "plans" / f"{number:03d}-{source.name}",
                     source.read_text(encoding="utf-8"))
        os.utime(copy, (OLD, OLD))
        copies.append(copy)
    result = run("--fix", "--format", "json", "plans")
    assert result.exit_code in (0, 1), result.stderr
    left = json.loads(result.stdout)
    for source, copy in zip(plans, copies, strict=True):
        before = source.read_text(encoding="utf-8")
        safe, unsafe = _fixes(before)
        unsafe_left = sum(1 for f in left if f["file"] == f"plans/{copy.name}" and f["fix"]
                          and f["fix"]["applicability"] == "unsafe")
        if safe == 0:
            assert copy.read_bytes() == before.encode(), source
            assert copy.stat().st_mtime == OLD, source
            assert unsafe_left == unsafe, source
        assert not any(f["file"] == f"plans/{copy.name}" and f["fix"]
                       and f["fix"]["applicability"] == "safe"
                       and f"cplint: plans/{copy.name}:" not in result.stderr
                       for f in left), source  # nothing safe is left, unless said why


def test_the_summary_counts_the_unsafe_fixes_apart(tmp_path, monkeypatch):
    """Whatever the unsafe fixes are: the summary's counts are lint_text's."""
    monkeypatch.chdir(tmp_path)
    for source in _plans_of_the_repository():
        text = source.read_text(encoding="utf-8")
        safe, unsafe = _fixes_offered(text)
        shown = run("-", input=text).stdout
        unsafe_too = run("--unsafe-fixes", "-", input=text).stdout
        assert (f"\n[*] {safe} fixable with `cplint check --fix`.\n" in shown) == bool(safe)
        more = "more fix" if unsafe == 1 else "more fixes"
        assert (f"\n({unsafe} {more} with `--unsafe-fixes`: skeletons to fill in and changes "
                "to check.)\n" in shown) == bool(unsafe), source
        both = safe + unsafe
        assert (f"\n[*] {both} fixable with `cplint check --fix --unsafe-fixes`.\n"
                in unsafe_too) == bool(both), source


@pytest.fixture
def unsafe_suppressions(monkeypatch):
    """Every CP103 without a fix of its own is given the unsafe one that suppresses it with
    a reason still to write (cpdsl.suppressions.suppression_fix), so that the tests below
    hold whichever rules have unsafe fixes of their own."""
    from cpdsl.suppressions import suppression_fix

    real = cpdsl.analysis.analyse_parsed

    def with_unsafe_fixes(*args, **kwargs):
        analysis = real(*args, **kwargs)
        diagnostics = tuple(
            d._replace(fix=suppression_fix(d, analysis.text, analysis.lines))
            if d.code == "CP103" and d.fix is None else d for d in analysis.diagnostics)
        return analysis._replace(diagnostics=diagnostics)

    monkeypatch.setattr(cpdsl.analysis, "analyse_parsed", with_unsafe_fixes)


NOBODY_UNSAFE = NOBODY_LEFT + (
    "  fix (unsafe): Suppress CP103 (undefined-reference) on line 5, with a reason\n")


def test_fix_leaves_an_unsafe_fix_unapplied_and_says_how_to_apply_it(
        workdir, unsafe_suppressions):
    text = MEANT.replace("second-chair jonah", "second-chair nobody")
    plan_file = write(workdir / "a.cp", text)
    os.utime(plan_file, (OLD, OLD))
    result = run("--fix", "a.cp")
    assert result.stdout == NOBODY_UNSAFE + (
        "\n"
        "Found 1 problem in 1 file (1 error).\n"
        "(1 more fix with `--unsafe-fixes`: skeletons to fill in and changes to check.)\n")
    assert result.exit_code == 1
    assert plan_file.read_bytes() == text.encode()
    assert plan_file.stat().st_mtime == OLD
    assert run("--diff", "a.cp").stderr == "No fixes to apply.\n"


def test_unsafe_fixes_apply_with_fix_and_not_without(workdir, unsafe_suppressions):
    plan_file = write(workdir / "a.cp", WITH_ONE_LEFT)
    alone = run("--unsafe-fixes", "a.cp")  # without --fix: a check, and nothing written
    assert alone.stdout.endswith(
        "Found 3 problems in 1 file (3 errors).\n"
        "[*] 3 fixable with `cplint check --fix --unsafe-fixes`.\n")
    assert plan_file.read_text() == WITH_ONE_LEFT
    diff = run("--diff", "--unsafe-fixes", "a.cp")
    assert diff.stderr == "Would fix 3 problems in 1 file.\n"
    assert plan_file.read_text() == WITH_ONE_LEFT
    result = run("--fix", "--unsafe-fixes", "--show-fixes", "a.cp")
    assert plan_file.read_text() == plan(
        SAMIRA, JONAH, "chair samira", "# cplint: ignore[CP103] ...", "second-chair nobody")
    assert result.stdout == (
        "a.cp:5:3: CP107 [unused-suppression] this suppression gives no reason: say after the "
        "`]` why the finding is accepted, and who agreed\n"
        "  |\n"
        "5 |   # cplint: ignore[CP103] ...\n"
        "  |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        "\n"
        "Found 4 problems (3 fixed, 1 remaining, in 1 file: 1 warning).\n"
        "Fixed 3 problems:\n"
        "- a.cp:\n"
        "    2 \u00d7 CP103 (undefined-reference)\n"
        "    1 \u00d7 CP105 (invalid-value)\n")
    assert result.exit_code == 1


# -- signals: cplint check --fix in a process of its own --------------------------------------


def test_linting_imports_nothing_of_fixing(workdir):
    write(workdir / "a.cp", MEANT)
    script = ("import signal, sys\nfrom cpdsl.cli import main\n"
              "try:\n    main(['check', 'a.cp'])\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in ('cpdsl.writing', 'cpdsl.fixing', 'cpdsl.fix_files', "
              "'difflib') if m in sys.modules), "
              "signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=TIMEOUT)
    assert result.stdout.splitlines()[-1] == "[] True", result.stderr


def test_fix_puts_the_signal_handlers_back(workdir):
    write(workdir / "a.cp", TYPOS)
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    assert run("--fix", "a.cp").exit_code == 0
    assert {signum: signal.getsignal(signum) for signum in before} == before


# cplint check --fix, held while it writes the mended text, until the test sends a signal.
HELD_WHILE_WRITING = """
import os, pathlib, sys, time
real_fsync = os.fsync
def fsync_and_wait(descriptor):
    real_fsync(descriptor)
    pathlib.Path(sys.argv[1]).touch()  # the temporary file is there: send the signal now
    time.sleep(60)
os.fsync = fsync_and_wait
from cpdsl.cli import main
main(["check", "--fix", *sys.argv[2:]])
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_writing_removes_the_temporary_file(workdir, signum):
    plan_file = write(workdir / "plans" / "a.cp", TYPOS)
    ready = workdir / "ready"
    process = subprocess.Popen(
        [sys.executable, "-c", HELD_WHILE_WRITING, str(ready), "--today", TODAY, "plans"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(ready.exists)
        assert len(temporaries(workdir)) == 1  # what the signal must not leave behind
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode in (-signum, 128 + signum), stderr
    name = signal.Signals(signum).name
    assert (stdout, stderr) == (
        "", f"cplint: interrupted ({name}); no plan was left half written\n")
    assert temporaries(workdir) == []
    assert plan_file.read_text() == TYPOS


def _plans_to_kill() -> list[str]:
    """Every mix of up to three slips: 41 plans, each mended into MEANT."""
    return [mistyped(combination) for size in (1, 2, 3)
            for combination in itertools.combinations(MISTAKES, size)]


def _write_plans(folder: pathlib.Path, texts: list[str]) -> None:
    for number, text in enumerate(texts):
        write(folder / f"plan-{number:02d}.cp", text)


def _fix_in_the_background(folder: pathlib.Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen([*CPLINT, "check", "--today", TODAY, "--fix", *options,
                             str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _children(pid: int) -> list[int]:
    """The processes `pid` started (its -j workers), as Linux lists them; [] elsewhere."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    children = []
    for task in tasks:
        try:
            children += [int(n) for n in
                         pathlib.Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
        except OSError:
            continue
    return children


def _running(pid: int) -> bool:
    """Whether `pid` is alive (a zombie, ended but not yet reaped, is not)."""
    try:
        state = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _end(pids: list[int]) -> None:
    """End the worker processes this test started that are still there."""
    for pid in pids:
        if _running(pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def _kill_at(process: subprocess.Popen, moment: float, signum: int) -> list[int]:
    """Send `signum` to `process` `moment` seconds after it started; the workers it had
    started by then (which SIGKILL does not reach)."""
    workers: list[int] = []
    give_up = time.monotonic() + moment
    while time.monotonic() < give_up and process.poll() is None:
        workers = sorted(set(workers) | set(_children(process.pid)))
        time.sleep(0.005)
    workers = sorted(set(workers) | set(_children(process.pid)))
    process.send_signal(signum)
    process.wait(timeout=TIMEOUT)
    return workers


def test_a_run_killed_at_random_moments_leaves_each_plan_as_it_was_or_fixed(workdir):
    texts = _plans_to_kill()
    calibration = workdir / "calibration"
    _write_plans(calibration, texts)
    start = time.monotonic()
    assert _fix_in_the_background(calibration).wait(timeout=TIMEOUT) == 0
    duration = time.monotonic() - start  # so that the kills land within one run
    assert all(path.read_text() == MEANT for path in calibration.glob("*.cp"))
    random.seed(10)  # the same moments every run
    folders, left = [], 0
    trials = [(signal.SIGKILL, "-j1"), (signal.SIGTERM, "-j1"),  # one process
              (signal.SIGKILL, "-j2"), (signal.SIGTERM, "-j2")]  # workers too, where 2 cores
    for trial, (signum, jobs) in enumerate(trials):
        folder = workdir / f"trial-{trial}"
        _write_plans(folder, texts)
        process = _fix_in_the_background(folder, jobs)
        workers: list[int] = []
        try:  # start-up is the first part of a run
            workers = _kill_at(process, duration * random.uniform(0.3, 1.0), signum)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            _end(workers)  # after SIGKILL they are left running (see the test below)
        for number, text in enumerate(texts):
            now = (folder / f"plan-{number:02d}.cp").read_text()
            assert now in (text, MEANT), (trial, number)
            left += now != MEANT
        if signum == signal.SIGTERM:
            assert temporaries(folder) == [], trial
        folders.append(str(folder))
    stale = [os.path.join(folder, name) for folder in folders
             for name in temporaries(pathlib.Path(folder))]
    rerun = subprocess.run([*CPLINT, "check", "--today", TODAY, "--fix", *folders],
                           capture_output=True, text=True, timeout=TIMEOUT)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stderr == "".join(
        f"cplint: removed a temporary file left by an interrupted run: {path}\n"
        for path in sorted(stale))
    assert re.fullmatch(rf"All checks passed \({len(trials) * len(texts)} files\)"
                        rf"( after \d+ fix(es)?)?\.\n", rerun.stdout), rerun.stdout
    assert ("after" in rerun.stdout) == bool(left)
    assert temporaries(workdir) == []
    for folder in folders:
        for number in range(len(texts)):
            assert (pathlib.Path(folder) / f"plan-{number:02d}.cp").read_text() == MEANT


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="lists processes by /proc")
def test_the_workers_of_a_killed_run_end_with_it(workdir):
    texts = _plans_to_kill() * 2
    _write_plans(workdir / "plans", texts)
    process = _fix_in_the_background(workdir / "plans", "-j2")
    workers: list[int] = []
    try:
        _wait_for(lambda: len(_children(process.pid)) == 2 or process.poll() is not None)
        if process.poll() is not None:
            pytest.skip("the run ended before its workers could be seen")
        workers = _children(process.pid)
        process.kill()
        process.wait(timeout=TIMEOUT)
        give_up = time.monotonic() + 3  # long enough to end; not a measure of speed
        while any(map(_running, workers)) and time.monotonic() < give_up:
            time.sleep(0.05)
        assert not any(map(_running, workers))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        _end(workers)

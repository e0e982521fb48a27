"""`cplint pack`: the minutes pack for one core group, as a user runs it. The expected
packs are tests/data/pack/*.md, read through by hand (every heading as 003 prints it;
the plan's people, views and dates under the items that take them); UPDATE_GOLDEN=1
rewrites them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cpdsl.cli import main
from golden import check_golden

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "good" / "neglect.cp"
EXPECTED = ROOT / "tests" / "data" / "pack"


def pack(*args: str):
    return CliRunner().invoke(main, ["pack", "--today", "2026-03-01", *args])


@pytest.mark.parametrize("day", ["2026-01-22", "2026-02-19", "2026-03-19"])
def test_the_pack_of_each_kind_of_core_group(day):
    result = pack("--meeting", day, str(PLAN))
    assert (result.exit_code, result.stderr) == (0, "")
    check_golden(EXPECTED / f"neglect-{day}.md", result.stdout)


def test_the_next_core_group_by_default_is_the_one_before_the_review():
    result = pack(str(PLAN))
    assert result.exit_code == 0
    assert result.stdout == (EXPECTED / "neglect-2026-03-19.md").read_text(encoding="utf-8")


def test_the_pack_written_to_a_file(tmp_path):
    out = tmp_path / "pack.md"
    result = pack("--meeting", "2026-02-19", "-o", str(out), str(PLAN))
    assert (result.exit_code, result.stdout) == (0, "")
    assert out.read_text(encoding="utf-8").startswith("# AGENDA FOR SUBSEQUENT CORE GROUP\n")


@pytest.mark.parametrize(("args", "message"), [
    (["--meeting", "2026-01-05"],
     "cplint: {plan}: no pack for 2026-01-05: it is before the initial conference on "
     "2026-01-12\n"),
    (["--meeting", "19/03/2026"],
     "cplint: --meeting must be `next` or a date like 2026-03-19, not '19/03/2026'\n"),
    (["-o", "{plan}"], "cplint: {plan} is the plan itself: write it somewhere else\n"),
    (["--format", "docx"], "cplint: a Word pack needs a file: give -o FILE.docx\n"),
])
def test_what_cannot_be_packed_is_said_and_exits_2(args, message):
    plan = str(PLAN)
    result = pack(*[a.format(plan=plan) for a in args], plan)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == message.format(plan=plan)
    assert PLAN.read_text(encoding="utf-8").startswith("# A plan written as the guidance asks")


def test_a_plan_that_cannot_be_read(tmp_path):
    result = pack(str(tmp_path / "missing.cp"))
    assert result.exit_code == 2 and result.stderr.startswith("cplint: ")
    assert "Traceback" not in result.stderr


def test_a_plan_with_nothing_ahead_names_the_way_to_choose(tmp_path):
    plan = tmp_path / "ended.cp"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        "  core-groups every 4 weeks\n", "  core-groups every 4 weeks\n  ended 2026-02-20\n"),
        encoding="utf-8")
    result = pack(str(plan))
    assert result.exit_code == 2
    assert result.stderr == (f"cplint: {plan}: no core group is recorded or planned on or "
                             "after 2026-03-01; name one with --meeting YYYY-MM-DD\n")


def test_plan_text_cannot_break_the_tables(tmp_path):
    plan = tmp_path / "odd.cp"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        '"Text Kerry two days before each of Amy\'s appointments"',
        '"Text Kerry | *twice* a week"'), encoding="utf-8")
    result = pack("--meeting", "2026-03-19", str(plan))
    assert result.exit_code == 0
    assert ("| `remind` Text Kerry \\| \\*twice\\* a week | Jo Lee `jo` |  | 2026-03-06 | "
            "open, overdue |  |  |") in result.stdout.splitlines()


def test_a_plan_with_syntax_errors_gets_its_errors_not_a_pack(tmp_path):
    plan = tmp_path / "broken.cp"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        "  core-groups every 4 weeks\n", "  core-groups every 4 weeks {\n", 1), encoding="utf-8")
    out = tmp_path / "pack.md"
    result = pack("-o", str(out), str(plan))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[-1] == (
        f"cplint: {plan} has 1 syntax error: no pack is made until they are mended")
    assert result.stderr.startswith(f"{plan}:")
    assert not out.exists()


def test_a_pack_already_there_is_kept_without_force(tmp_path):
    out = tmp_path / "pack.md"
    out.write_text("notes written at the meeting\n", encoding="utf-8")
    result = pack("--meeting", "2026-02-19", "-o", str(out), str(PLAN))
    assert (result.exit_code, result.stderr) == (
        2, f"cplint: {out}: is already there; --force writes over it\n")
    assert out.read_text(encoding="utf-8") == "notes written at the meeting\n"
    result = pack("--meeting", "2026-02-19", "-o", str(out), "--force", str(PLAN))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# AGENDA FOR SUBSEQUENT CORE GROUP\n")


def test_the_findings_that_bear_on_the_meeting_open_the_pack():
    result = pack(str(ROOT / "examples" / "amy.cp"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = lines.index(
        "**Findings for this meeting** (8, from `cplint check` as of the day the pack was "
        "made):")
    assert lines[start + 2].startswith("- CP")
    assert any(line.startswith("- CP411 (line 42, column 9): action `book-review` was due on 2026-02-01 "
                               "and is still open as of 2026-03-01") for line in lines)
    assert lines.index("1. IDENTIFICATION OF NOTE TAKER") > start


def test_a_folder_of_plans_gets_one_pack_each(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("neglect.cp", "siblings.cp"):
        (plans / name).write_text((ROOT / "examples" / "good" / name).read_text(
            encoding="utf-8"), encoding="utf-8")
    (plans / "ended.cp").write_text(PLAN.read_text(encoding="utf-8").replace(
        "  core-groups every 4 weeks\n", "  core-groups every 4 weeks\n  ended 2026-02-20\n"),
        encoding="utf-8")
    out = tmp_path / "packs"
    result = pack(str(plans), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["neglect.md", "siblings.md"]
    assert (out / "neglect.md").read_text(encoding="utf-8") == (
        EXPECTED / "neglect-2026-03-19.md").read_text(encoding="utf-8")
    assert result.stderr == (f"cplint: passed over: {plans / 'ended.cp'}: no core group is "
                             "recorded or planned on or after 2026-03-01; name one with "
                             "--meeting YYYY-MM-DD\n")


def _folder_of_plans(tmp_path, count: int):
    plans = tmp_path / "plans"
    plans.mkdir()
    text = PLAN.read_text(encoding="utf-8")
    for number in range(count):
        (plans / f"plan-{number}.cp").write_text(text, encoding="utf-8")
    return plans


def test_a_folder_shows_a_progress_bar_on_a_terminal_only(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    plans = _folder_of_plans(tmp_path, 3)
    command = [sys.executable, "-m", "cpdsl", "pack", "--today", "2026-03-01", str(plans)]
    main_end, terminal = pty.openpty()
    env = {**os.environ, "TERM": "xterm"}
    done = subprocess.run([*command, "-o", str(tmp_path / "on-a-terminal")],
                          stderr=terminal, stdout=subprocess.DEVNULL, env=env, timeout=120)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(main_end, 4096)
        except OSError:  # the terminal's other end is closed: all of it is read
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_end)
    assert done.returncode == 0
    assert b"Packing" in shown and b"3/3" in shown
    piped = subprocess.run([*command, "-o", str(tmp_path / "piped")], capture_output=True,
                           env=env, timeout=120)
    assert (piped.returncode, piped.stderr) == (0, b"")
    assert len(list((tmp_path / "piped").iterdir())) == 3

"""`cplint pack`: the minutes pack for one core group, as a user runs it. The expected
packs are tests/data/pack/*.md, read through once by hand (every heading as 003 prints
it; the plan's people, views and dates under the items that take them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cpdsl.cli import main

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "good" / "neglect.cp"
EXPECTED = ROOT / "tests" / "data" / "pack"


def pack(*args: str):
    return CliRunner().invoke(main, ["pack", "--today", "2026-03-01", *args])


@pytest.mark.parametrize("day", ["2026-01-22", "2026-02-19", "2026-03-19"])
def test_the_pack_of_each_kind_of_core_group(day):
    result = pack("--meeting", day, str(PLAN))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (EXPECTED / f"neglect-{day}.md").read_text(encoding="utf-8")


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
    (["-o", "{plan}"], "cplint: {plan} is the plan itself: write the pack somewhere else\n"),
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

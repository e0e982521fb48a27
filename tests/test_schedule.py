"""`cplint schedule`: the listing a user reads, for the examples (tests/data/schedule/*.txt,
read through by hand: each date against the profile and 003, each mark against the
rules) and for small plans written out here; the marks at their boundaries; what stops
the command.

UPDATE_GOLDEN=1 writes the expected listings again from the command's output; read the
change before keeping it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cpdsl.analysis import analyse, plan_profile
from cpdsl.cli import main
from cpdsl.facts.child_in_need import cin_meeting_due
from cpdsl.parsing import parse
from cpdsl.profile import load_profile, shipped_profiles
from cpdsl.schedule.events import events

ROOT = Path(__file__).resolve().parents[1]
NEGLECT = ROOT / "examples" / "good" / "neglect.cp"
AMY = ROOT / "examples" / "amy.cp"
EXPECTED = ROOT / "tests" / "data" / "schedule"


def schedule(*args: str):
    return CliRunner().invoke(main, ["schedule", *args])


@pytest.mark.parametrize(("plan", "today"), [
    (NEGLECT, "2026-03-01"), (NEGLECT, "2026-04-10"), (AMY, "2026-03-01"),
])
def test_the_examples_listed_in_full(plan, today):
    result = schedule("--today", today, str(plan))
    assert (result.exit_code, result.stderr) == (0, "")
    expected = EXPECTED / f"{plan.stem}-{today}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


def write_plan(folder: Path, *lines: str, title: str = "Ada Sample") -> Path:
    plan = folder / "plan.cp"
    plan.write_text(f'plan "{title}" {{\n' + "".join(f"  {line}\n" for line in lines) + "}\n",
                    encoding="utf-8")
    return plan


# A plan with a cancelled core group, that ended (the action due after it is left out, as
# CP411 leaves it), and whose child in need meeting came later than the profile's 20
# working days, Easter's two bank holidays skipped (CP413).
ENDED = (
    'reference "CP-2026-0101"',
    "conference initial 2026-01-12",
    'member sam { name "Sam Ode" role social-worker lead }',
    "meeting core-group 2026-01-22 { minutes-circulated 2026-02-12 }",
    'meeting core-group 2026-03-05 { cancelled "Snow closed the school" }',
    'action visit "Sam visits Ada at home" { owner sam due 2026-02-02 }',
    'action course "Book the parenting course" { owner sam due 2026-03-20 }',
    "ended 2026-03-10",
    "cin-meeting 2026-04-14",
)


def test_a_cancelled_meeting_and_an_ended_plan(tmp_path):
    result = schedule("--today", "2026-05-01", str(write_plan(tmp_path, *ENDED)))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Ada Sample (CP-2026-0101): dates as of 2026-05-01 Fri\n"
        "2026-01-12 Mon  done       initial conference  (the plan, line 3)\n"
        "2026-01-22 Thu  done       core group  (the plan, line 5)\n"
        "2026-01-26 Mon  done       first core group due  (the england profile's "
        "`first-core-group`, 10 working days: Working Together 2023; "
        "Bolton core group guidance, s3)\n"
        "2026-01-27 Tue  past       note taker's notes of the core group on 2026-01-22 to "
        "the social worker  (Core group flow chart and agendas, chair and note taker: “should provide "
        "a written copy to the social worker within 5 days”)\n"
        "2026-02-02 Mon  late       action `visit` due: Sam visits Ada at home  "
        "(the plan, line 7)\n"
        "2026-02-05 Thu  late       minutes of the core group on 2026-01-22 circulated "
        "(on 2026-02-12)  (the england profile's `minutes`, 10 working days: "
        "West Midlands core groups briefing)\n"
        "2026-03-05 Thu  cancelled  core group, cancelled: Snow closed the school  "
        "(the plan, line 6)\n"
        "2026-03-10 Tue  done       plan ended  (the plan, line 9)\n"
        "2026-04-09 Thu  late       child in need meeting due  (the england profile's "
        "`cin-meeting`, 20 working days: Partnership plans and core groups procedure, s5)\n"
        "2026-04-14 Tue  done       child in need meeting  (the plan, line 10)\n")


def entries_of(text: str, today: str):
    plan = parse(text).plan
    profile, problem = plan_profile(plan, ".")
    assert problem is None
    return events(plan, profile, dt.date.fromisoformat(today))


def status_of(text: str, today: str, key: str) -> str:
    return next(entry.status for entry in entries_of(text, today) if entry.key == key)


NEGLECT_TEXT = NEGLECT.read_text(encoding="utf-8")


@pytest.mark.parametrize(("key", "last_day"), [
    ("action:remind", "2026-03-06"),  # an action's due
    ("minutes:2026-02-19", "2026-03-05"),  # minutes not circulated, once taken away below
    ("review-due:conference:1", "2026-10-08"),  # the next review, provisional
    ("assessment:1", "2026-03-27"),  # a date the plan cannot record as met: past, not late
])
def test_a_deadline_is_due_on_its_day_and_late_the_day_after(key, last_day):
    text = NEGLECT_TEXT.replace("    minutes-circulated 2026-02-24\n", "")
    day = dt.date.fromisoformat(last_day)
    after = "past" if key.startswith("assessment") else "late"
    assert status_of(text, last_day, key) == "due"
    assert status_of(text, str(day + dt.timedelta(days=1)), key) == after


def test_a_meeting_is_done_on_its_day_and_due_before():
    assert status_of(NEGLECT_TEXT, "2026-04-07", "conference:1") == "due"
    assert status_of(NEGLECT_TEXT, "2026-04-08", "conference:1") == "done"


def test_minutes_circulated_on_their_last_day_are_in_time_and_a_day_later_are_late():
    on_time = NEGLECT_TEXT.replace("minutes-circulated 2026-02-24", "minutes-circulated 2026-03-05")
    late = NEGLECT_TEXT.replace("minutes-circulated 2026-02-24", "minutes-circulated 2026-03-06")
    assert status_of(on_time, "2026-03-01", "minutes:2026-02-19") == "done"
    assert status_of(late, "2026-03-01", "minutes:2026-02-19") == "late"


def test_a_planned_core_group_is_late_once_cp412_would_report_it():
    # 4-weekly: a record within 14 days of 2026-03-19 stands for it, so CP412 waits.
    assert status_of(NEGLECT_TEXT, "2026-04-02", "planned-core-group:2026-01-22:2") == "due"
    assert status_of(NEGLECT_TEXT, "2026-04-03", "planned-core-group:2026-01-22:2") == "late"


def test_plan_text_shows_on_one_line_with_its_hidden_characters_escaped(tmp_path):
    plan = write_plan(tmp_path, "conference initial 2026-01-12",
                      'action visit """\n    Sam visits\n    Ada \u202eat home\n  """ '
                      "{ due 2026-02-02 }", title="Ada \x1b[2J Sample")
    result = schedule("--today", "2026-01-20", str(plan))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "Ada <U+001B>[2J Sample (no reference): dates as of 2026-01-20 Tue")
    assert "2026-02-02 Mon  due   action `visit` due: Sam visits Ada <U+202E>at home  " \
           "(the plan, line 6)" in result.stdout.splitlines()  # where its due is


def test_a_plan_with_syntax_errors_is_not_listed(tmp_path):
    plan = write_plan(tmp_path, "conference initial 2026-01-12 {", "meeting core-group")
    result = schedule("--today", "2026-03-01", str(plan))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"cplint: {plan} has 2 syntax errors (`cplint check` shows "
                             "them)\n")


@pytest.mark.parametrize(("lines", "message"), [
    (("profile northtown",),
     "cplint: {plan}: its profile cannot be used: no profile named `northtown`; the "
     "profiles are: bolton, england, english-local-authority, english-partnership, "
     "northern-ireland, scotland, wales, west-midlands (or a path to a .toml file)\n"),
    (('profile "missing.toml"',),
     "cplint: {plan}: its profile cannot be used: {folder}/missing.toml: no such profile "
     "file\n"),
])
def test_a_plan_whose_profile_cannot_be_used_exits_2(tmp_path, lines, message):
    plan = write_plan(tmp_path, *lines)
    result = schedule("--today", "2026-03-01", str(plan))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == message.format(plan=plan, folder=tmp_path)


def test_a_plan_that_cannot_be_read_exits_2(tmp_path):
    result = schedule(str(tmp_path / "missing.cp"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"cplint: {tmp_path / 'missing.cp'}")
    assert "Traceback" not in result.stderr
    binary = tmp_path / "binary.cp"
    binary.write_bytes(b"plan \xff\xfe {\x00}")
    result = schedule(str(binary))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"cplint: {binary}:1:6: not UTF-8 text")


@pytest.mark.parametrize(("target", "message"), [
    ("{plan}", "cplint: {plan} is the plan itself: write it somewhere else\n"),
    ("{there}", "cplint: {there}: is already there; --force writes over it\n"),
    ("{folder}", "cplint: {folder}: is not a regular file, so it is not written over\n"),
    ("{folder}/no/such/dir.ics", "cplint: {folder}/no/such/dir.ics: cannot be written "
                                 "(No such file or directory)\n"),
])
def test_an_ics_file_that_is_refused_exits_2_and_prints_nothing(tmp_path, target, message):
    plan = tmp_path / "neglect.cp"
    plan.write_text(NEGLECT_TEXT, encoding="utf-8")
    there = tmp_path / "there.ics"
    there.write_text("mine\n", encoding="utf-8")
    names = {"plan": plan, "there": there, "folder": tmp_path}
    result = schedule("--today", "2026-03-01", "--ics", target.format(**names), str(plan))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == message.format(**names)
    assert plan.read_text(encoding="utf-8") == NEGLECT_TEXT
    assert there.read_text(encoding="utf-8") == "mine\n"


# -- the schedule's deadlines are the rules' ----------------------------------------------

PROFILES = [load_profile(name) for name in shipped_profiles()]
DAYS = st.dates(dt.date(2016, 1, 1), dt.date(2039, 11, 30))


def codes(text: str, profile, today: dt.date) -> set[str]:
    return {d.code for d in analyse(text, today=today, profile=profile).diagnostics}


@given(DAYS, st.sampled_from(PROFILES))
def test_the_child_in_need_meeting_due_is_cp413_s_last_day(ended, profile):
    def plan(meeting: dt.date) -> str:
        return f'plan "Ada Sample" {{\n  ended {ended}\n  cin-meeting {meeting}\n}}\n'

    due = cin_meeting_due(parse(plan(ended)).plan, profile)
    later = due + dt.timedelta(days=1)
    assert "CP413" not in codes(plan(due), profile, later)
    assert "CP413" in codes(plan(later), profile, later)
    for meeting, status in ((due, "done"), (later, "late")):
        [entry] = [e for e in events(parse(plan(meeting)).plan, profile, later)
                   if e.key == "cin-meeting-due"]
        assert (entry.day, entry.status) == (due, status)


@given(DAYS, st.sampled_from(PROFILES))
def test_the_first_core_group_due_is_cp401_s_last_day(initial, profile):
    def plan(meeting: dt.date) -> str:
        return (f'plan "Ada Sample" {{\n  conference initial {initial}\n'
                f"  meeting core-group {meeting}\n}}\n")

    [due] = [e.day for e in events(parse(plan(initial)).plan, profile, initial)
             if e.key == "first-core-group-due"]
    later = due + dt.timedelta(days=1)
    assert "CP401" not in codes(plan(due), profile, later)
    assert "CP401" in codes(plan(later), profile, later)
    for meeting, status in ((due, "done"), (later, "late")):
        [entry] = [e for e in events(parse(plan(meeting)).plan, profile, later)
                   if e.key == "first-core-group-due"]
        assert (entry.day, entry.status) == (due, status)


def test_the_calendar_package_is_imported_only_for_ics():
    script = ("import datetime, sys\n"
              "from cpdsl.schedule.command import run_schedule\n"
              f"code = run_schedule({str(NEGLECT)!r}, datetime.date(2026, 3, 1), None, False,\n"
              "                    lambda text: None, sys.stderr.write)\n"
              "assert code == 0 and 'icalendar' not in sys.modules, code\n")
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)

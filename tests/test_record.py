"""`cplint record NOTES.md --into PLAN` (cpdsl.notes.command): a meeting's filled-in
notes recorded into a copy of examples/good/neglect.cp, as a user runs it: the meeting
block and the action edits written out in full, the plan laid out as `cplint fmt` lays it
out; every refusal with its message and the plan left byte for byte as it was; `--diff`
writing nothing; and any view typed into the notes coming back as the plan's text. All
names are invented."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cpdsl.analysis import analyse
from cpdsl.cli import main
from cpdsl.diffs import unified_diff
from cpdsl.formatting import format_text
from cpdsl.notes.command import run_record
from cpdsl.notes.into_plan import record_into_plan
from cpdsl.notes.reader import read_notes
from cpdsl.parsing import parse

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "good" / "neglect.cp"
NOTES = ROOT / "tests" / "data" / "notes"
PRE_REVIEW = (NOTES / "pre-review-filled.md").read_text(encoding="utf-8")
ORIGINAL = PLAN.read_text(encoding="utf-8")

# What recording tests/data/notes/pre-review-filled.md makes of the plan.
EDITED_ACTIONS = """\
  action book-review "Book Amy's developmental review and take her to it" {
    outcome appointments
    owner kerry
    support jo
    due 2026-04-03
  }
  action remind "Text Kerry two days before each of Amy's appointments" {
    outcome appointments
    owner jo
    due 2026-03-06
    status done
  }
"""
NEW_ACTION = """\
  action dentist "Book Amy a dental check-up" {
    outcome appointments
    owner kerry
    support jo
    agreed 2026-03-19
    due 2026-04-01
  }
"""
MEETING = '''\
  meeting core-group 2026-03-19 {
    venue "Northtown Primary School, Room 2"
    time 15:30
    chair sam
    notes jo
    attended sam jo kerry
    apologies ria { report received }
    absent tom { report received }
    views amy """
      Amy told Tom she has breakfast at the club every day and that her mum came to sports day.
    """
    views parents """
      Kerry says the transport help works and asks for "later" appointments.
    """
    recommendation continue
  }
'''


def recorded_plan() -> str:
    """neglect.cp as recording the pre-review notes leaves it, built from the original."""
    start = ORIGINAL.index('  action book-review')
    end = ORIGINAL.index('  action food-bank')
    text = ORIGINAL[:start] + EDITED_ACTIONS + ORIGINAL[end:]
    after_last_action = text.index("    status done\n  }\n\n  contact") + len("    status done\n  }\n")
    text = text[:after_last_action] + NEW_ACTION + text[after_last_action:]
    assert text.endswith("  }\n}\n")
    return text[:-2] + MEETING + "}\n"


@pytest.fixture
def plan(tmp_path) -> Path:
    copy = tmp_path / "neglect.cp"
    copy.write_bytes(PLAN.read_bytes())
    return copy


def record(notes: Path | str, plan: Path, *args: str):
    return CliRunner().invoke(main, ["record", str(notes), "--into", str(plan), *args])


def run(notes: Path, plan: Path, diff: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_record(str(notes), str(plan), diff, out.write, err.write,
                      today=dt.date(2026, 3, 19))
    return code, out.getvalue(), err.getvalue()


def test_the_notes_recorded_into_the_plan(plan):
    code, out, err = run(NOTES / "pre-review-filled.md", plan)
    assert (code, err) == (0, "")
    assert out == (
        f"recorded the core group on 2026-03-19 into {plan}:\n"
        "- added meeting core-group 2026-03-19: 3 attended, 1 apologies, 1 absent, 2 views, "
        "recommendation continue\n"
        "- action book-review: due 2026-04-03, was 2026-03-20\n"
        "- action remind: status done, was open\n"
        "- new action dentist: outcome appointments, owner kerry, due 2026-04-01\n"
        "- left in the minutes: 3. PURPOSE OF THE MEETING\n"
        f"{plan}: 0 findings after recording\n")
    assert plan.read_text(encoding="utf-8") == recorded_plan()


def test_the_recorded_plan_is_laid_out_and_parses(plan):
    assert record(NOTES / "pre-review-filled.md", plan).exit_code == 0
    fmt = CliRunner().invoke(main, ["fmt", "--check", str(plan)])
    assert fmt.exit_code == 0, fmt.output
    check = CliRunner().invoke(main, ["check", "--today", "2026-03-19", str(plan)])
    assert (check.exit_code, check.stdout) == (0, "All checks passed (1 file).\n")


def test_diff_shows_the_change_and_writes_nothing(plan):
    before = plan.stat()
    code, out, err = run(NOTES / "pre-review-filled.md", plan, diff=True)
    assert code == 0
    assert plan.read_bytes() == PLAN.read_bytes()
    assert plan.stat().st_mtime_ns == before.st_mtime_ns
    assert out == unified_diff(ORIGINAL, recorded_plan(), str(plan))
    assert out.startswith(f"--- a/{str(plan).lstrip('/')}\n+++ b/{str(plan).lstrip('/')}\n")
    assert err.startswith(f"would record the core group on 2026-03-19 into {plan}:\n")


def pack_notes(tmp_path: Path) -> str:
    """The pack of the core group on 2026-03-19, as `cplint pack` writes it."""
    out = tmp_path / "pack.md"
    made = CliRunner().invoke(main, ["pack", "--today", "2026-03-01", "--meeting", "2026-03-19",
                                     "-o", str(out), str(PLAN)])
    assert made.exit_code == 0, made.output
    return out.read_text(encoding="utf-8")


def fill_in(pack: str) -> str:
    """What a note taker writes into the pack, section by section."""
    out, section = [], None
    for line in pack.split("\n"):
        heading = re.match(r"## (\d+)\. ", line)
        if line.startswith("# "):
            section = None
        if heading:
            section = int(heading.group(1))
        if line.startswith("# NOTES OF CORE GROUP MEETING HELD"):
            line = "# NOTES OF CORE GROUP MEETING HELD (16:00, 2026-03-19, Northtown Library)"
        elif section == 1 and line.startswith("Note taker (name, agency): "):
            line = "Note taker (name, agency): Ria Khan, Northtown Primary School `ria`"
        elif section == 2 and line.startswith("- [ ] ") and line.endswith(
                ("`sam`", "`ria`", "`kerry`")):
            line = "- [x] " + line[len("- [ ] "):]
        elif section == 2 and line == "- ____":
            line = "- Jo Lee `jo`: report received"
        elif section == 7 and line == "____":
            line = "Amy Example `amy`: Amy says she eats breakfast at the club every day."
        elif section == 11 and line.startswith("| `remind` "):
            cells = line.split(" | ")
            cells[5] = "done"
            line = " | ".join(cells)
        elif section == 13 and line.startswith("Recommendation: "):
            line = "Recommendation: end"
        out.append(line)
    return "\n".join(out)


def test_a_packs_notes_filled_in_and_read_back(tmp_path, plan):
    notes = tmp_path / "notes.md"
    notes.write_text(fill_in(pack_notes(tmp_path)), encoding="utf-8")
    result = record(notes, plan)
    assert result.exit_code == 0, result.output
    text = plan.read_text(encoding="utf-8")
    assert text.endswith("""\
  meeting core-group 2026-03-19 {
    venue "Northtown Library"
    time 16:00
    chair sam
    notes ria
    attended sam ria kerry
    apologies jo { report received }
    absent tom
    views amy "Amy says she eats breakfast at the club every day."
    recommendation end
  }
}
""")
    assert """\
  action remind "Text Kerry two days before each of Amy's appointments" {
    outcome appointments
    owner jo
    due 2026-03-06
    status done
  }
""" in text
    assert CliRunner().invoke(main, ["fmt", "--check", str(plan)]).exit_code == 0
    check = CliRunner().invoke(main, ["check", "--today", "2026-03-19", str(plan)])
    assert "CP100" not in check.stdout and "CP101" not in check.stdout


@pytest.mark.parametrize(("old", "new", "message"), [
    ("- [ ] Tom Field, advocate, Northtown Advocacy `tom`", "- [x] Dana Nobody `dana`",
     "{notes}:27:7: no member `dana` in the plan\n"),
    ("| `remind` Text", "| `reminder` Text",
     "{notes}:70:3: no action `reminder` in the plan; did you mean `remind`? (a new action "
     "says `new` in the status now or new due column)\n"),
    ("reference CP-2026-0042", "reference CP-2025-0007",
     "{notes}:5:31: these notes are of reference CP-2025-0007, but the plan has reference "
     "CP-2026-0042: are they this plan's?\n"),
])
def test_notes_that_do_not_fit_are_refused_and_nothing_written(tmp_path, plan, old, new,
                                                               message):
    notes = tmp_path / "notes.md"
    notes.write_text(PRE_REVIEW.replace(old, new), encoding="utf-8")
    result = record(notes, plan)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == message.format(notes=notes) + f"cplint: nothing recorded into {plan}\n"
    assert plan.read_bytes() == PLAN.read_bytes()


def test_a_cancelled_meeting_is_not_recorded(tmp_path):
    plan = tmp_path / "neglect.cp"
    cancelled = ORIGINAL[:-2] + '  meeting core-group 2026-03-19 { cancelled "Snow" }\n}\n'
    plan.write_text(cancelled, encoding="utf-8")
    result = record(NOTES / "pre-review-filled.md", plan)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{NOTES / 'pre-review-filled.md'}:11:44: no core group to record on 2026-03-19: the "
        "core group on this day was cancelled\n"
        f"cplint: nothing recorded into {plan}\n")
    assert plan.read_text(encoding="utf-8") == cancelled


def test_a_meeting_already_recorded_is_refused(tmp_path, plan):
    notes = tmp_path / "notes.md"
    notes.write_text(PRE_REVIEW.replace("(15:30, 2026-03-19,", "(15:30, 2026-02-19,"),
                     encoding="utf-8")
    result = record(notes, plan)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{notes}:11:1: the core group on 2026-02-19 is already recorded (its record says who "
        "attended): change the plan itself\n")
    assert plan.read_bytes() == PLAN.read_bytes()


def test_the_days_record_made_in_advance_is_completed(tmp_path):
    """Apologies recorded before the meeting give way to the notes' attendance; a view
    and the minutes' date already recorded stay; the venue is the notes'."""
    plan = tmp_path / "neglect.cp"
    plan.write_text(ORIGINAL[:-2] + """\
  meeting core-group 2026-03-19 {
    venue "Northtown Town Hall"
    apologies ria
    views kerry "Kerry phoned to say she will come"
    minutes-circulated 2026-03-24
  }
}
""", encoding="utf-8")
    code, out, err = run(NOTES / "pre-review-filled.md", plan)
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == ("- completed the record meeting core-group 2026-03-19 (its "
                                   "own statements kept where the notes say nothing)")
    assert plan.read_text(encoding="utf-8").endswith('''\
  meeting core-group 2026-03-19 {
    venue "Northtown Primary School, Room 2"
    views kerry "Kerry phoned to say she will come"
    minutes-circulated 2026-03-24
    time 15:30
    chair sam
    notes jo
    attended sam jo kerry
    apologies ria { report received }
    absent tom { report received }
    views amy """
      Amy told Tom she has breakfast at the club every day and that her mum came to sports day.
    """
    views parents """
      Kerry says the transport help works and asks for "later" appointments.
    """
    recommendation continue
  }
}
''')


def test_unreadable_notes_exit_2(tmp_path, plan):
    result = record(tmp_path / "missing.md", plan)
    assert (result.exit_code, result.stderr) == (
        2, f"cplint: {tmp_path / 'missing.md'}: no such file\n")
    assert plan.read_bytes() == PLAN.read_bytes()


def test_a_plan_with_syntax_errors_is_not_recorded_into(tmp_path):
    plan = tmp_path / "broken.cp"
    broken = ORIGINAL.replace("  chair sam\n  second-chair jo\n", "  chair sam {\n")
    plan.write_text(broken, encoding="utf-8")
    result = record(NOTES / "pre-review-filled.md", plan)
    assert result.exit_code == 1
    assert result.stderr.endswith(f"cplint: {plan} has 1 syntax error: nothing recorded (mend "
                                  "the plan first)\n")
    assert plan.read_text(encoding="utf-8") == broken


_ANALYSIS = analyse(ORIGINAL, today=dt.date(2026, 3, 19))
_TYPED = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1)


@settings(max_examples=60)
@given(_TYPED)
def test_any_view_typed_comes_back_as_the_plans_text(typed):
    said = typed.strip()
    assume(said)
    notes = PRE_REVIEW.replace(
        'Kerry says the transport help works and asks for "later" appointments.',
        f"Kerry Example `kerry`: {said}")
    edited, _ = record_into_plan(read_notes(notes, _ANALYSIS.plan, _ANALYSIS.profile),
                                 _ANALYSIS)
    formatted = format_text(edited, today=dt.date(2026, 3, 19))
    assert formatted.ok, formatted.problem or formatted.syntax_errors
    meeting = parse(formatted.text).plan.meetings[-1]
    assert [(v.subject.name, v.text.value) for v in meeting.views] == [
        ("amy", "Amy told Tom she has breakfast at the club every day and that her mum came "
                "to sports day."),
        ("kerry", said)]

"""`cplint schedule --ics`: the calendar parsed back with icalendar holds every entry of
the schedule on its day; its UIDs stay the same from run to run and when a date moves;
the same --today makes the same bytes; it is written only where it may be."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cpdsl.analysis import plan_profile
from cpdsl.citations import for_people
from cpdsl.cli import main
from cpdsl.parsing import parse
from cpdsl.schedule.events import events
from cpdsl.schedule.ics import calendar, uid

ROOT = Path(__file__).resolve().parents[1]
NEGLECT_TEXT = (ROOT / "examples" / "good" / "neglect.cp").read_text(encoding="utf-8")
TODAY = "2026-03-01"


def run(folder: Path, text: str = NEGLECT_TEXT, *args: str, today: str = TODAY):
    """The schedule of `text` (saved as plan.cp in `folder`) with --ics plan.ics."""
    plan = folder / "plan.cp"
    plan.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["schedule", "--today", today, "--ics",
                                     str(folder / "plan.ics"), *args, str(plan)])


def vevents(path: Path) -> list:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def entries(text: str, today: str = TODAY):
    plan = parse(text).plan
    profile, _ = plan_profile(plan, ".")
    return events(plan, profile, dt.date.fromisoformat(today))


def test_every_entry_is_an_all_day_event_on_its_day(tmp_path):
    result = run(tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    calendar_file = icalendar.Calendar.from_ical((tmp_path / "plan.ics").read_bytes())
    assert (str(calendar_file["VERSION"]), str(calendar_file["PRODID"])) == (
        "2.0", "-//cpdsl//cplint schedule//EN")
    expected = entries(NEGLECT_TEXT)
    found = vevents(tmp_path / "plan.ics")
    assert len(found) == len(expected) == 26
    for entry, event in zip(expected, found, strict=True):
        assert event.decoded("DTSTART") == entry.day
        assert event.decoded("DTEND") == entry.day + dt.timedelta(days=1)
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert str(event["UID"]) == uid("CP-2026-0042", entry.key)
        assert str(event["SUMMARY"]) == f"{entry.what} ({entry.status})"
        assert str(event["DESCRIPTION"]) == (
            f"{entry.status}; source: {for_people(entry.source)}")
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    # The listing on standard output is printed as well.
    assert result.stdout.splitlines()[0] == (
        "Amy Example (CP-2026-0042): dates as of 2026-03-01 Sun")


def test_one_event_written_out(tmp_path):
    run(tmp_path)
    text = (tmp_path / "plan.ics").read_bytes().decode("utf-8")
    start = text.index("BEGIN:VEVENT\r\nSUMMARY:action `remind`")
    assert text[start:text.index("END:VEVENT\r\n", start)] == (
        "BEGIN:VEVENT\r\n"
        "SUMMARY:action `remind` due: Text Kerry two days before each of Amy's appo\r\n"
        " intments (due)\r\n"
        "DTSTART;VALUE=DATE:20260306\r\n"
        "DTEND;VALUE=DATE:20260307\r\n"
        "DTSTAMP:20260301T000000Z\r\n"
        f"UID:{uid('CP-2026-0042', 'action:remind')}\r\n"
        "CATEGORIES:action\r\n"
        "DESCRIPTION:due\\; source: the plan\\, line 50\r\n")


def test_the_uid_is_a_hash_of_the_reference_and_the_key_and_holds_no_plan_text():
    made = uid("CP-2026-0042", "action:remind")
    assert len(made) == len("@cpdsl") + 32 and made.endswith("@cpdsl")
    assert int(made[:32], 16) >= 0  # hexadecimal
    assert "remind" not in made and "CP-2026" not in made
    assert made != uid("CP-2026-0043", "action:remind") != uid("CP-2026-0042", "action:visit")


def test_uids_are_the_same_across_runs_and_when_a_due_date_moves(tmp_path):
    first = tmp_path / "one"
    second = tmp_path / "two"
    first.mkdir()
    second.mkdir()
    run(first)
    moved = NEGLECT_TEXT.replace("    due 2026-03-06\n", "    due 2026-03-13\n")
    assert moved != NEGLECT_TEXT
    run(second, moved)
    before = {str(e["UID"]): e.decoded("DTSTART") for e in vevents(first / "plan.ics")}
    after = {str(e["UID"]): e.decoded("DTSTART") for e in vevents(second / "plan.ics")}
    assert before.keys() == after.keys()
    remind = uid("CP-2026-0042", "action:remind")
    assert (before[remind], after[remind]) == (dt.date(2026, 3, 6), dt.date(2026, 3, 13))
    assert {k: v for k, v in before.items() if k != remind} == {
        k: v for k, v in after.items() if k != remind}


def test_the_same_today_gives_the_same_bytes(tmp_path):
    run(tmp_path)
    once = (tmp_path / "plan.ics").read_bytes()
    assert run(tmp_path, NEGLECT_TEXT, "--force").exit_code == 0
    assert (tmp_path / "plan.ics").read_bytes() == once
    assert run(tmp_path, NEGLECT_TEXT, "--force", today="2026-03-02").exit_code == 0
    assert (tmp_path / "plan.ics").read_bytes() != once  # its stamps and marks are today's


def test_a_file_there_is_written_over_only_with_force(tmp_path):
    (tmp_path / "plan.ics").write_text("someone's calendar\n", encoding="utf-8")
    refused = run(tmp_path)
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (f"cplint: {tmp_path / 'plan.ics'}: is already there; --force "
                              "writes over it\n")
    assert (tmp_path / "plan.ics").read_text(encoding="utf-8") == "someone's calendar\n"
    forced = run(tmp_path, NEGLECT_TEXT, "--force")
    assert (forced.exit_code, forced.stderr) == (0, "")
    assert len(vevents(tmp_path / "plan.ics")) == 26


def test_never_over_the_plan_even_with_force(tmp_path):
    plan = tmp_path / "plan.cp"
    plan.write_text(NEGLECT_TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["schedule", "--today", TODAY, "--ics", str(plan),
                                       "--force", str(plan)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"cplint: {plan} is the plan itself: write it somewhere else\n"
    assert plan.read_text(encoding="utf-8") == NEGLECT_TEXT


def test_a_cancelled_meeting_is_a_cancelled_event(tmp_path):
    text = NEGLECT_TEXT.replace(
        "  meeting core-group 2026-02-19 {\n",
        '  meeting core-group 2026-02-12 { cancelled "The school was closed" }\n'
        "  meeting core-group 2026-02-19 {\n")
    assert run(tmp_path, text).exit_code == 0
    cancelled = [e for e in vevents(tmp_path / "plan.ics") if "STATUS" in e]
    assert [(str(e["STATUS"]), str(e["SUMMARY"]), e.decoded("DTSTART")) for e in cancelled] == [
        ("CANCELLED", "core group, cancelled: The school was closed (cancelled)",
         dt.date(2026, 2, 12))]
    assert [str(c) for e in cancelled for c in e["CATEGORIES"].cats] == ["core-group"]


def test_without_a_reference_the_uids_come_from_the_path_with_a_warning(tmp_path):
    text = NEGLECT_TEXT.replace('  reference "CP-2026-0042"\n', "")
    result = run(tmp_path, text)
    assert result.exit_code == 0
    plan = tmp_path / "plan.cp"
    assert result.stderr == (f"cplint: {plan} has no `reference`: the calendar's events are "
                             "named from the file's path, so importing the calendar of a "
                             "copy elsewhere adds them again\n")
    found = {str(e["UID"]) for e in vevents(tmp_path / "plan.ics")}
    assert uid(str(plan), "action:remind") in found


@given(st.dates(dt.date(2025, 12, 1), dt.date(2026, 12, 31)))
def test_every_entry_has_a_uid_of_its_own_whatever_the_day(today):
    found = entries(NEGLECT_TEXT, today.isoformat())
    written = icalendar.Calendar.from_ical(calendar(found, "CP-2026-0042", "Amy", today))
    uids = [str(e["UID"]) for e in written.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == len(found)
    assert [e.decoded("DTSTART") for e in written.walk("VEVENT")] == [e.day for e in found]

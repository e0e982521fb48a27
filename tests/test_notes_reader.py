"""The notes reader (cpdsl.notes.reader): a pack's filled-in notes, written by hand in
tests/data/notes/ as the pack lays them out, read back as the record they give for
examples/good/neglect.cp; and each way notes can fail to fit the plan, with its message
and place. All names are invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cpdsl.analysis import analyse
from cpdsl.notes.notes_record import (
    Absence,
    ActionChange,
    NewAction,
    NotesRecord,
    NotesRejected,
    View,
)
from cpdsl.notes.reader import heading_key, read_notes
from cpdsl.notes.sections import split_notes
from cpdsl.pack.agenda import AgendaKind

ROOT = Path(__file__).resolve().parents[1]
PLAN = (ROOT / "examples" / "good" / "neglect.cp").read_text(encoding="utf-8")
NOTES = ROOT / "tests" / "data" / "notes"
PRE_REVIEW = (NOTES / "pre-review-filled.md").read_text(encoding="utf-8")
FIRST = (NOTES / "first-filled.md").read_text(encoding="utf-8")


def without_meetings(plan: str) -> str:
    """The plan with its meeting records taken out: its first core group still to hold."""
    start = plan.index("  meeting core-group 2026-01-22")
    return plan[:start] + "}\n"


def read(notes: str, plan: str = PLAN) -> NotesRecord:
    analysis = analyse(plan, today=dt.date(2026, 3, 1))
    return read_notes(notes, analysis.plan, analysis.profile)


def rejected(notes: str, plan: str = PLAN) -> list[tuple[int, int, str]]:
    with pytest.raises(NotesRejected) as caught:
        read(notes, plan)
    return [(e.line, e.column, e.message) for e in caught.value.errors]


def test_the_pre_review_notes_read_back_as_written():
    assert read(PRE_REVIEW) == NotesRecord(
        day=dt.date(2026, 3, 19), kind=AgendaKind.BEFORE_REVIEW, heading_line=11,
        time="15:30", venue="Northtown Primary School, Room 2", chair="sam", notes="jo",
        attended=("sam", "jo", "kerry"), apologies=(Absence("ria", True),),
        absent=(Absence("tom", True),),
        views=(View("amy", "Amy told Tom she has breakfast at the club every day and that "
                           "her mum came to sports day."),
               View("parents", 'Kerry says the transport help works and asks for "later" '
                               "appointments.")),
        recommendation="continue",
        changes=(ActionChange("book-review", due=dt.date(2026, 4, 3)),
                 ActionChange("remind", status="done")),
        new_actions=(NewAction("dentist", "Book Amy a dental check-up", "appointments",
                               "kerry", ("jo",), dt.date(2026, 4, 1)),),
        # 15 holds only what the pack printed there: nothing was written at the meeting
        minutes_only=("3. PURPOSE OF THE MEETING",))


def test_the_first_core_groups_own_notes_format_reads_back():
    """003's FORMAT FOR NOTES (its numbers, 2 twice); a heading in other case and spacing;
    a member by exact name; a `\\|` in a table cell; a dropped action with its reason;
    views without an id, and an advocate's for the child."""
    assert read(FIRST, without_meetings(PLAN)) == NotesRecord(
        day=dt.date(2026, 1, 22), kind=AgendaKind.FIRST, heading_line=7, chair="sam",
        attended=("sam", "jo", "ria"), apologies=(Absence("kerry"),),
        absent=(Absence("tom"),),
        views=(View("child", "Amy drew her home with the heating on."),
               View("tom", "Amy wants to stay at her school.")),
        changes=(ActionChange("breakfast-club", status="dropped",
                              why="Amy has a place at the club already"),),
        new_actions=(NewAction("heating", "Chase the landlord about the heating | boiler",
                               None, "sam", (), dt.date(2026, 2, 5)),),
        minutes_only=("10. DATES, TIMES, VENUES FOR CORE GROUP MEETING UNTIL SECOND REVIEW "
                      "CONFERENCE",))


def test_headings_compare_without_case_spacing_apostrophes_or_a_trailing_prompt():
    assert heading_key("CHILD’S  VIEWS") == heading_key("child's views") == "CHILD'S VIEWS"
    assert heading_key("NOTE TAKER (name, agency)") == "NOTE TAKER"
    assert heading_key("REVIEW OF PROGRESS OF THE PROTECTION PLAN AND UPDATES REQUIRED ( "
                       "agree key action points with timescales )") == (
        "REVIEW OF PROGRESS OF THE PROTECTION PLAN AND UPDATES REQUIRED")


def test_the_notes_end_at_the_forms_after_them():
    sections = split_notes(PRE_REVIEW).sections
    assert [s.shown for s in sections][-1] == "15. DATES, TIMES, VENUES FOR FUTURE CORE GROUPS"
    assert all("never read" not in line.text for s in sections for line in s.body)


def test_an_unknown_member_is_reported_never_guessed():
    notes = PRE_REVIEW.replace("- [ ] Tom Field, advocate, Northtown Advocacy `tom`",
                               "- [x] Dana Nobody, Northtown Advocacy `dana`")
    assert rejected(notes) == [
        (27, 7, "no member `dana` in the plan")]


def test_an_unknown_member_by_name_alone():
    notes = PRE_REVIEW.replace("Chair: Sam Patel, lead social worker, Northtown Children's "
                               "Social Care `sam`", "Chair: Sam Pattel")
    assert rejected(notes) == [
        (15, 8, 'no member named "Sam Pattel" in the plan (write their id in backticks, as '
                "the pack does)")]


def test_a_misspelt_id_with_no_name_to_match_gets_a_suggestion():
    notes = PRE_REVIEW.replace("- [X] Jo Lee, health visitor, Northtown NHS Trust `jo`",
                               "- [X] `joe`")
    assert rejected(notes) == [(24, 7, "no member `joe` in the plan; did you mean `jo`?")]


def test_an_unknown_action_without_new_is_an_error():
    notes = PRE_REVIEW.replace("| `remind` Text Kerry", "| `remnid` Text Kerry")
    assert rejected(notes) == [
        (70, 3, "no action `remnid` in the plan; did you mean `remind`? (a new action says "
                "`new` in the status now or new due column)")]


def test_dropped_needs_its_reason():
    notes = PRE_REVIEW.replace("| open, overdue | done |", "| open, overdue | dropped |")
    assert rejected(notes) == [
        (70, 114, "a dropped action needs its reason: `dropped: why` or `dropped \"why\"` "
                  "(CP106)")]


def test_the_reference_must_be_the_plans():
    notes = PRE_REVIEW.replace("reference CP-2026-0042", "reference CP-2026-0099")
    assert rejected(notes) == [
        (5, 31, "these notes are of reference CP-2026-0099, but the plan has reference "
                "CP-2026-0042: are they this plan's?")]


def test_a_cancelled_day_is_not_recorded():
    plan = PLAN.replace("  }\n}\n", '  }\n  meeting core-group 2026-03-19 { cancelled "The '
                        'school was closed by snow" }\n}\n')
    assert rejected(PRE_REVIEW, plan) == [
        (11, 44, "no core group to record on 2026-03-19: the core group on this day was "
                 "cancelled")]


def test_a_day_before_the_initial_conference_is_not_recorded():
    notes = PRE_REVIEW.replace("(15:30, 2026-03-19,", "(15:30, 2026-01-05,")
    assert rejected(notes) == [
        (11, 44, "no core group to record on 2026-01-05: it is before the initial "
                 "conference on 2026-01-12")]


def test_a_heading_of_another_agenda_is_not_read():
    notes = PRE_REVIEW.replace("## 5. NOTES OF PREVIOUS MEETING/MATTERS ARISING",
                               "## 5. VOICE OF THE CHILD")
    assert rejected(notes) == [
        (42, 1, "not a heading of these notes (AGENDA FOR THE CORE GROUP PRIOR TO REVIEW "
                "CHILD PROTECTION CONFERENCE – PRODUCTION OF THE RCPC PRE-MEETING REPORT): "
                '"5. VOICE OF THE CHILD"')]


def test_every_problem_is_reported_at_once():
    notes = (PRE_REVIEW.replace("`remind` Text", "`remnid` Text")
             .replace("(15:30,", "(3pm,"))
    assert [(line, message) for line, _, message in rejected(notes)] == [
        (11, "the notes heading's time reads '3pm': write it as 10:30"),
        (70, "no action `remnid` in the plan; did you mean `remind`? (a new action says "
             "`new` in the status now or new due column)")]


def test_no_one_ticked_is_not_a_meeting_held():
    notes = PRE_REVIEW.replace("- [x]", "- [ ]").replace("- [X]", "- [ ]")
    assert rejected(notes) == [
        (20, 1, "no one is ticked as attended (`- [x]`): the notes are of a meeting held")]


def test_a_report_for_someone_who_came():
    notes = PRE_REVIEW.replace("- Tom Field `tom`: report received",
                               "- Sam Patel `sam`: report received")
    assert rejected(notes) == [
        (40, 1, "`sam` attended: a report is recorded only for those unable to attend")]


def test_a_view_must_open_with_the_right_kind_of_id():
    notes = PRE_REVIEW.replace("Amy Example `amy`: Amy told", "Kerry Example `kerry`: Amy told")
    assert rejected(notes) == [
        (54, 15, "`kerry` is not a child of the plan (or a child's advocate): a paragraph "
                 "under \"7. CHILD’S VIEWS\" opens with their name and id")]


@pytest.mark.parametrize(("line", "said"), [
    ("Recommendation: ____ (continue or end)", "the notes leave it blank (continue or end)"),
    ("Recommendation: members did not agree",
     '"Recommendation: members did not agree" says neither continue nor end'),
])
def test_no_recommendation_is_said_why(line, said):
    record = read(PRE_REVIEW.replace("Recommendation: continue", line))
    assert (record.recommendation, record.no_recommendation) == (None, said)


def test_notes_with_no_plan_line_are_refused():
    notes = PRE_REVIEW.replace("Plan: Amy Example", "Amy Example")
    assert rejected(notes) == [
        (1, 1, "no `Plan: TITLE · reference REF · core group on DATE` line before the notes: "
               "the pack's header says which plan the notes are of")]


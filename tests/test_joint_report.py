"""cpdsl.facts.joint_report: the joint report's timetable over bank holidays, date by date
(England and Scotland keep different ones at Easter and at New Year), when the chain is
late, and that CP408, CP407 and the schedule count the same days as the facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpdsl import facts
from cpdsl.analysis import analyse
from cpdsl.facts.joint_report import final_report_due, joint_report_timetable
from cpdsl.parsing import parse
from cpdsl.profile import Setting, load_profile, shipped_profiles
from cpdsl.schedule.core_groups import planned_core_groups
from cpdsl.schedule.events import events

D = dt.date
ENGLAND, SCOTLAND = load_profile("england"), load_profile("scotland")


def with_review_report(profile, value: str):
    """The profile with its `review-report` set to `value`."""
    settings = dict(profile.settings)
    settings["review-report"] = Setting(value, "a test's own figure", "test", "")
    return profile._replace(settings=settings)


def chain(core_group: D, review: D, profile) -> list[tuple[str, D]]:
    timetable = joint_report_timetable(core_group, review, profile)
    return [(step.what, step.day) for step in timetable.forward]


STEPS = ("draft report to core group members and parents",
         "amendments back to the social worker",
         "report finalised and sent to the Team Manager",
         "Team Manager authorises the report")


@pytest.mark.parametrize(("profile", "days"), [
    # Core group Thursday 26 March 2026; Good Friday is 3 April in both nations, Easter
    # Monday (6 April) a bank holiday in England only.
    (ENGLAND, (D(2026, 4, 2), D(2026, 4, 13), D(2026, 4, 15), D(2026, 4, 20))),
    (SCOTLAND, (D(2026, 4, 2), D(2026, 4, 10), D(2026, 4, 14), D(2026, 4, 17))),
])
def test_the_chain_across_easter(profile, days):
    # England: 27, 30, 31 March, 1, 2 April; then 7, 8, 9, 10, 13 April (3 and 6 April
    # skipped); 14, 15; 16, 17, 20. Scotland works 6 April, so everything after is a day
    # sooner.
    assert chain(D(2026, 3, 26), D(2026, 5, 6), profile) == list(zip(STEPS, days, strict=True))


@pytest.mark.parametrize(("profile", "days"), [
    # Core group Thursday 17 December 2026: Christmas Day (Friday), Boxing Day observed on
    # Monday 28th and New Year's Day in both; Scotland also keeps Monday 4 January 2027
    # (2 January observed).
    (ENGLAND, (D(2026, 12, 24), D(2027, 1, 5), D(2027, 1, 7), D(2027, 1, 12))),
    (SCOTLAND, (D(2026, 12, 24), D(2027, 1, 6), D(2027, 1, 8), D(2027, 1, 13))),
])
def test_the_chain_across_christmas_and_new_year(profile, days):
    # England: 18, 21, 22, 23, 24 December; 29, 30, 31 December, 4, 5 January; 6, 7;
    # 8, 11, 12. Scotland: 29, 30, 31 December, 5, 6 January; 7, 8; 11, 12, 13.
    assert chain(D(2026, 12, 17), D(2027, 2, 3), profile) == list(zip(STEPS, days, strict=True))


def test_the_dates_counted_back_from_the_review():
    timetable = joint_report_timetable(D(2026, 3, 19), D(2026, 4, 8), ENGLAND)
    assert timetable.core_group_by.day == D(2026, 3, 11)  # 4 weeks before
    assert timetable.final_report.day == D(2026, 4, 7)  # england: 1 day before
    elsewhere = with_review_report(ENGLAND, "5 days")
    assert joint_report_timetable(D(2026, 3, 19), D(2026, 4, 8), elsewhere).final_report.day == (
        D(2026, 4, 3))  # calendar days: Good Friday is no matter
    in_working_days = with_review_report(ENGLAND, "2 working days")
    # The latest day from which 2 working days still end by the review: Easter Monday
    # itself (7 and 8 April follow it), as PACK.md counts back and CP408 judges.
    assert final_report_due(D(2026, 4, 8), in_working_days).day == D(2026, 4, 6)


def test_the_final_report_names_its_setting():
    step = final_report_due(D(2026, 4, 8), ENGLAND)
    assert step.source == ("the england profile's `review-report`, 1 day: "
                           "000_5146a52aabc1ef30.txt section 1")


@pytest.mark.parametrize(("core_group", "late"), [
    (D(2026, 3, 5), False),  # ends Thursday 26 March, well before 7 April
    (D(2026, 3, 13), False),  # 20, 27, 31 March, 7 April: on the day, in time
    (D(2026, 3, 16), True),  # 23, 30 March, 1 April, 8 April: a day after it
    (D(2026, 3, 19), True),
])
def test_the_chain_is_late_when_it_ends_after_the_final_report_is_due(core_group, late):
    timetable = joint_report_timetable(core_group, D(2026, 4, 8), ENGLAND)
    assert timetable.late is late
    assert (timetable.forward[-1].day > timetable.final_report.day) is late


def test_the_chain_is_late_both_ways_round_a_longer_review_report():
    # Five calendar days before: the same core group is in time for a later review and
    # late for an earlier one.
    profile = with_review_report(ENGLAND, "5 days")
    # The chain from 5 March ends on 26 March.
    assert joint_report_timetable(D(2026, 3, 5), D(2026, 3, 31), profile).late is False
    assert joint_report_timetable(D(2026, 3, 5), D(2026, 3, 30), profile).late is True


def test_no_final_report_date_without_a_setting():
    settings = {k: v for k, v in ENGLAND.settings.items() if k != "review-report"}
    timetable = joint_report_timetable(D(2026, 3, 19), D(2026, 4, 8),
                                       ENGLAND._replace(settings=settings))
    assert (timetable.final_report, timetable.late) == (None, False)


# -- the rules and the schedule count as the facts do ---------------------------------------

PROFILES = [load_profile(name) for name in shipped_profiles()]
REVIEW_REPORTS = st.builds(lambda count, unit: f"{count} {unit}", st.integers(1, 15),
                           st.sampled_from(["days", "working days", "weeks"]))


def codes(text: str, profile, today: D) -> set[str]:
    analysis = analyse(text, today=today, profile=profile)
    return {d.code for d in analysis.diagnostics}


def review_plan(review: D, ready: D) -> str:
    return ('plan "Ada Sample" {\n'
            f"  conference initial {review - dt.timedelta(days=60)}\n"
            f"  conference review {review} {{ report-ready {ready} }}\n"
            "}\n")


@given(st.dates(D(2016, 1, 1), D(2039, 12, 31)), st.sampled_from(PROFILES),
       st.one_of(st.none(), REVIEW_REPORTS))
def test_cp408_agrees_with_the_final_report_due(review, profile, own):
    if own is not None:
        profile = with_review_report(profile, own)
    due = final_report_due(review, profile).day
    assert "CP408" not in codes(review_plan(review, due), profile, review)
    assert "CP408" in codes(review_plan(review, due + dt.timedelta(days=1)), profile, review)


def minutes_plan(meeting: D, circulated: D) -> str:
    return ('plan "Ada Sample" {\n'
            f"  meeting core-group {meeting} {{ minutes-circulated {circulated} }}\n"
            "}\n")


@given(st.dates(D(2016, 1, 1), D(2039, 12, 31)), st.sampled_from(PROFILES))
def test_cp407_and_the_schedule_agree_with_minutes_due(meeting, profile):
    plan = parse(minutes_plan(meeting, meeting)).plan
    due = facts.minutes_due(plan.meetings[0], profile)
    in_time, late = minutes_plan(meeting, due), minutes_plan(meeting, due + dt.timedelta(days=1))
    assert "CP407" not in codes(in_time, profile, due)
    assert "CP407" in codes(late, profile, due)
    for text, status in ((in_time, "done"), (late, "late")):
        [entry] = [e for e in events(parse(text).plan, profile, meeting) if e.kind == "minutes"]
        assert (entry.day, entry.status) == (due, status)


NEGLECT = parse((Path(__file__).resolve().parents[1] / "examples" / "good" / "neglect.cp")
                .read_text(encoding="utf-8")).plan


@pytest.mark.parametrize("today", [D(2026, 1, 20), D(2026, 3, 1), D(2026, 3, 30),
                                   D(2026, 4, 10)])
def test_the_schedule_s_dates_are_the_facts(today):
    found = events(NEGLECT, ENGLAND, today)
    minutes = [e.day for e in found if e.kind == "minutes"]
    assert minutes == [facts.minutes_due(x, ENGLAND) for x in facts.held(
        facts.core_group_meetings(NEGLECT))] == [D(2026, 2, 5), D(2026, 3, 5)]
    planned = [e.day for e in found if e.key.startswith("planned-core-group:")]
    schedule = facts.core_group_schedule(NEGLECT, ENGLAND)
    assert planned == [p.date for p, _ in planned_core_groups(NEGLECT, ENGLAND, today)] == [
        p.date for p in schedule if p.date != D(2026, 2, 19)] == [D(2026, 3, 19)]


def test_the_schedule_s_joint_report_is_the_timetable_from_the_pre_review_core_group():
    found = {e.key: e.day for e in events(NEGLECT, ENGLAND, D(2026, 3, 1))}
    timetable = joint_report_timetable(D(2026, 3, 19), D(2026, 4, 8), ENGLAND)
    steps = ("draft", "amendments", "finalised", "authorised")
    assert [found[f"joint-report:conference:1:{s}"] for s in steps] == [
        step.day for step in timetable.forward]
    assert found["joint-report:conference:1:core-group"] == timetable.core_group_by.day
    assert found["final-report:conference:1"] == timetable.final_report.day

"""cpdsl.facts: what each fact is for small plans written out, edge cases included (no
initial conference, a plan that moved, a meeting without a date)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpdsl import facts
from cpdsl.dates import add_duration, working_days_between
from cpdsl.model import Duration
from cpdsl.parsing import parse
from cpdsl.profile import Setting, load_profile

D = dt.date
ENGLAND = load_profile("england")


def plan_of(*lines: str):
    """The model of a plan holding `lines`; the text must parse without an error unless
    the test says otherwise."""
    text = 'plan "Ada Sample" {\n' + "".join(f"  {line}\n" for line in lines) + "}\n"
    parsed = parse(text)
    assert not parsed.syntax_errors, parsed.syntax_errors
    return parsed.plan


def with_setting(key: str, value: str):
    """The england profile with one setting changed (or taken away, for None)."""
    settings = dict(ENGLAND.settings)
    if value is None:
        settings.pop(key)
    else:
        settings[key] = Setting(value, "a test's own figure", "test", "")
    return ENGLAND._replace(settings=settings)


def dates_of(items) -> list[str]:
    return [item.date.text for item in items]


# -- conferences ------------------------------------------------------------------------------

CONFERENCES = (
    "conference review 2026-04-14",
    "conference reconvened 2026-03-02 { reason \"Ada was hurt at home\" }",
    "conference initial 2026-01-12",
    "conference review 2025-12-01",
)


def test_the_initial_conference_is_the_first_with_a_real_date():
    assert facts.initial_conference(plan_of(*CONFERENCES)).date.text == "2026-01-12"
    assert facts.initial_conference(plan_of("conference initial 2026-02-30",
                                            "conference initial 2026-01-19")).date.text == (
        "2026-01-19")


def test_a_plan_without_an_initial_conference_has_none():
    assert facts.initial_conference(plan_of("conference review 2026-04-14")) is None


def test_the_kinds_that_review_the_plan():
    assert facts.REVIEW_KINDS == ("review", "reconvened")


def test_the_reviews_in_date_order():
    plan = plan_of(*CONFERENCES)
    assert dates_of(facts.review_conferences(plan)) == ["2025-12-01", "2026-04-14"]
    assert dates_of(facts.reviewing_conferences(plan)) == ["2025-12-01", "2026-03-02",
                                                           "2026-04-14"]
    assert dates_of(facts.conferences_in_order(plan)) == ["2026-01-12", "2026-03-02",
                                                          "2026-04-14"]
    assert dates_of(facts.reviews_after_initial(plan)) == ["2026-03-02", "2026-04-14"]


def test_without_an_initial_conference_every_review_counts():
    plan = plan_of("conference review 2026-04-14", "conference review 2026-02-30",
                   "conference reconvened 2026-03-02 { reason \"Ada was hurt\" }")
    assert dates_of(facts.conferences_in_order(plan)) == ["2026-03-02", "2026-04-14"]
    assert dates_of(facts.reviews_after_initial(plan)) == ["2026-03-02", "2026-04-14"]


@pytest.mark.parametrize(("today", "expected"), [
    (D(2025, 11, 30), "2025-12-01"),
    (D(2026, 1, 1), "2026-04-14"),  # the reconvened conference is no planned review
    (D(2026, 4, 14), "2026-04-14"),  # on its day it is still the next
    (D(2026, 4, 15), None),
])
def test_the_next_review_is_the_first_on_or_after_today(today, expected):
    review = facts.next_review(plan_of(*CONFERENCES), today)
    assert (review.date.text if review else None) == expected


@pytest.mark.parametrize(("value", "due"), [
    ("1 day", D(2026, 4, 13)),  # 24 hours before (Bolton)
    ("5 days", D(2026, 4, 9)),  # 5 days before (the flow chart)
    ("2 working days", D(2026, 4, 12)),  # a Sunday: the 13th and 14th are the two
    ("1 weeks", D(2026, 4, 7)),
    ("1 months", D(2026, 3, 14)),
])
def test_the_joint_report_is_due_the_profile_s_time_before_the_review(value, due):
    review = facts.review_conferences(plan_of("conference review 2026-04-14"))[0]
    assert facts.joint_report_due(review, with_setting("review-report", value)) == due


def test_the_england_joint_report_is_due_the_day_before_even_after_easter():
    # 24 hours before a Wednesday review after Easter Monday: the Tuesday.
    review = facts.review_conferences(plan_of("conference review 2026-04-08"))[0]
    assert facts.joint_report_due(review, ENGLAND) == D(2026, 4, 7)
    # 2 working days before it: Easter Monday itself is the last day two working days
    # (the 7th and the 8th) still separate from the review.
    assert facts.joint_report_due(review, with_setting("review-report", "2 working days")) == (
        D(2026, 4, 6))


def test_the_joint_report_due_date_needs_a_setting_and_a_real_date():
    plan = plan_of("conference review 2026-04-14 { report-ready 2026-04-10 }",
                   "conference review 2026-02-30")
    dated, undated = plan.conferences
    assert facts.joint_report_due(dated, with_setting("review-report", None)) is None
    assert facts.joint_report_due(undated, ENGLAND) is None
    assert facts.joint_report_ready(dated) == D(2026, 4, 10)
    assert facts.joint_report_ready(undated) is None


def test_which_working_day_after_the_initial_conference():
    plan = plan_of("conference initial 2026-01-12")
    assert facts.working_days_after_initial(plan, D(2026, 1, 21), "england") == 7
    assert facts.working_days_after_initial(plan, D(2026, 1, 12), "england") == 0
    assert facts.working_days_after_initial(plan, D(2026, 1, 11), "england") is None
    assert facts.working_days_after_initial(plan_of(), D(2026, 1, 21), "england") is None


# -- core groups ------------------------------------------------------------------------------

MEETINGS = (
    "conference initial 2026-01-12",
    "member sam { name \"Sam Patel\" role social-worker lead }",
    "member jo { name \"Jo Lee\" role health-visitor }",
    "chair sam",
    "meeting core-group 2026-01-26 { chair jo }",
    "meeting core-group 2026-01-08",
    "meeting core-group 2026-01-22 { cancelled \"Snow closed the school\" }",
    "meeting core-group 2026-02-30",
    "meeting core-group 2026-03-19",
)


def test_the_core_group_records_and_those_held():
    plan = plan_of(*MEETINGS)
    records = facts.core_group_meetings(plan)
    assert dates_of(records) == ["2026-01-08", "2026-01-22", "2026-01-26", "2026-03-19"]
    assert dates_of(facts.held(records)) == ["2026-01-08", "2026-01-26", "2026-03-19"]
    assert dates_of(facts.held_core_groups(plan)) == ["2026-01-26", "2026-03-19"]
    assert facts.first_held_core_group(plan).date.text == "2026-01-26"


def test_without_an_initial_conference_every_core_group_held_counts():
    plan = plan_of(*MEETINGS[1:])
    assert dates_of(facts.held_core_groups(plan)) == ["2026-01-08", "2026-01-26", "2026-03-19"]
    assert facts.first_held_core_group(plan).date.text == "2026-01-08"
    assert facts.first_held_core_group(plan_of("conference initial 2026-01-12")) is None


def test_records_held_as_of_today_keep_a_meeting_without_a_date():
    parsed = parse('plan "Ada Sample" {\n  meeting core-group { notes sam }\n'
                   "  meeting core-group 2026-01-26\n  meeting core-group 2026-03-19\n"
                   '  meeting core-group 2026-01-22 { cancelled "Snow" }\n}\n')
    assert len(parsed.syntax_errors) == 1  # the date is missing
    held = facts.held_records(parsed.plan.meetings, D(2026, 3, 1))
    assert [x.date.text if x.date else None for x in held] == [None, "2026-01-26"]
    assert dates_of(facts.core_group_meetings(parsed.plan)) == ["2026-01-22", "2026-01-26",
                                                                "2026-03-19"]


def test_a_record_with_an_impossible_date_counts_as_held_but_is_no_dated_meeting():
    plan = plan_of("meeting core-group 2026-02-30 { notes sam }",
                   "meeting core-group 2026-03-19",
                   'meeting core-group 2026-02-12 { cancelled "Sam was ill" }')
    held = facts.held_records(plan.meetings, D(2026, 3, 1))
    assert [x.date.text for x in held] == ["2026-02-30"]
    assert dates_of(facts.held_records(plan.meetings, D(2026, 3, 19))) == ["2026-02-30",
                                                                           "2026-03-19"]
    assert dates_of(facts.core_group_meetings(plan)) == ["2026-02-12", "2026-03-19"]
    assert facts.first_held_core_group(plan).date.text == "2026-03-19"


def test_a_core_group_cancelled_on_the_initial_conference_day_is_not_the_first():
    plan = plan_of("conference initial 2026-01-12",
                   'meeting core-group 2026-01-12 { cancelled "The room was double-booked" }',
                   "meeting core-group 2026-01-19")
    assert facts.first_held_core_group(plan).date.text == "2026-01-19"
    assert facts.working_days_after_initial(plan, D(2026, 1, 19), "england") == 5


def test_a_meeting_is_chaired_by_its_own_chair_or_the_plan_s():
    plan = plan_of(*MEETINGS)
    own, without, *_ = plan.meetings
    assert facts.meeting_chair(plan, own).name == "jo"
    assert facts.meeting_chair(plan, without).name == "sam"
    assert facts.meeting_chair(plan_of("meeting core-group 2026-01-26"),
                               plan_of("meeting core-group 2026-01-26").meetings[0]) is None


def test_each_meeting_s_minutes_are_due_the_profile_s_time_after_it():
    plan = plan_of("meeting core-group 2026-01-22", "meeting core-group 2026-02-30")
    dated, undated = plan.meetings
    assert facts.minutes_due(dated, ENGLAND) == D(2026, 2, 5)  # 10 working days
    assert facts.minutes_due(dated, load_profile("english-partnership")) == D(2026, 1, 29)
    assert facts.minutes_due(dated, with_setting("minutes", None)) is None
    # 003's 5 days for the note taker's copy are calendar days, in any nation
    assert facts.notes_due(D(2026, 1, 22), "england") == D(2026, 1, 27)
    assert facts.notes_due(D(2026, 12, 24), "scotland") == D(2026, 12, 29)
    assert facts.minutes_due(undated, ENGLAND) is None


@pytest.mark.parametrize(("lines", "every"), [
    (("core-groups every 4 weeks",), Duration(4, "weeks")),
    ((), Duration(6, "weeks")),  # the england profile's
    (("core-groups every 0 weeks",), None),
])
def test_the_planned_interval(lines, every):
    assert facts.planned_interval(plan_of(*lines), ENGLAND) == every


SCHEDULE = (
    "conference initial 2026-01-12",
    "conference review 2026-04-14",
    "core-groups every 4 weeks",
    "meeting core-group 2026-01-22",
    "meeting core-group 2026-04-20",
    "ended 2026-06-01",
)


def test_the_schedule_counts_from_the_first_core_group_after_each_conference():
    schedule = facts.core_group_schedule(plan_of(*SCHEDULE), ENGLAND)
    assert [(p.date, p.near, p.anchor.date.text) for p in schedule] == [
        (D(2026, 2, 19), 14, "2026-01-22"),
        (D(2026, 3, 19), 14, "2026-01-22"),  # 16 April is after the review
        (D(2026, 5, 18), 14, "2026-04-20"),  # 15 June is after the plan ended
    ]


def test_the_planned_core_groups_are_named_tuples_of_date_near_and_anchor():
    plan = plan_of("conference initial 2026-01-12", "core-groups every 2 weeks",
                   "meeting core-group 2026-01-22", "ended 2026-02-20")
    anchor = plan.meetings[0]
    assert facts.core_group_schedule(plan, ENGLAND) == [
        facts.PlannedCoreGroup(D(2026, 2, 5), 7, anchor),
        facts.PlannedCoreGroup(D(2026, 2, 19), 7, anchor),
    ]


@pytest.mark.parametrize(("anchor", "every", "end", "stop", "today", "expected"), [
    # monthly dates count from the anchor: the 31st comes back after February
    (D(2026, 1, 31), Duration(1, "months"), None, D(2026, 6, 1), None,
     [(D(2026, 2, 28), 14), (D(2026, 3, 31), 15), (D(2026, 4, 30), 15),
      (D(2026, 5, 31), 15)]),
    # none on or after the next conference (`end`)
    (D(2026, 1, 22), Duration(2, "weeks"), D(2026, 3, 19), None, None,
     [(D(2026, 2, 5), 7), (D(2026, 2, 19), 7), (D(2026, 3, 5), 7)]),
    # none on or after the plan stops; with today, only those judged by then
    (D(2026, 1, 22), Duration(2, "weeks"), None, D(2026, 3, 5), D(2026, 2, 26),
     [(D(2026, 2, 5), 7)]),
    # working days skip Good Friday, Easter Monday and the early May bank holiday
    (D(2026, 3, 30), Duration(5, "working-days"), D(2026, 4, 30), None, None,
     [(D(2026, 4, 8), 3), (D(2026, 4, 15), 3), (D(2026, 4, 22), 3), (D(2026, 4, 29), 4)]),
    # at the calendar's end the dates stop, with no error
    (D(9999, 10, 1), Duration(1, "months"), None, None, None, [(D(9999, 11, 1), 15)]),
])
def test_the_planned_dates(anchor, every, end, stop, today, expected):
    assert list(facts.planned_dates(anchor, every, "england", end, stop, today)) == expected


def test_the_schedule_judged_by_a_day_holds_the_dates_whose_half_interval_passed():
    schedule = facts.core_group_schedule(plan_of(*SCHEDULE), ENGLAND, judged_by=D(2026, 3, 10))
    assert [p.date for p in schedule] == [D(2026, 2, 19)]


def test_no_schedule_before_a_core_group_is_held_or_without_an_interval():
    assert facts.core_group_schedule(plan_of("conference initial 2026-01-12"), ENGLAND) == []
    assert facts.core_group_schedule(
        plan_of("meeting core-group 2026-01-22"), with_setting("core-group-interval", None)) == []


@pytest.mark.parametrize(("today", "expected"), [
    (D(2026, 3, 1), D(2026, 3, 19)),  # planned
    (D(2026, 3, 20), D(2026, 4, 20)),  # the record written ahead comes first
    (D(2026, 4, 21), D(2026, 5, 18)),
    (D(2026, 6, 1), None),  # the plan ended
])
def test_the_next_core_group(today, expected):
    assert facts.next_planned_core_group(plan_of(*SCHEDULE), ENGLAND, today) == expected


def test_no_next_core_group_is_known_before_one_is_held_or_once_the_child_moved():
    assert facts.next_planned_core_group(plan_of("conference initial 2026-01-12"), ENGLAND,
                                         D(2026, 1, 13)) is None
    moved = plan_of("meeting core-group 2026-01-22", 'moved 2026-02-02 { to "Southtown" }')
    assert facts.next_planned_core_group(moved, ENGLAND, D(2026, 2, 1)) is None  # 5 March
    assert facts.next_planned_core_group(moved, ENGLAND, D(2026, 2, 3)) is None


# -- actions ----------------------------------------------------------------------------------

ACTIONS = (
    'action visit "Sam visits Ada at home" { due 2026-02-01 }',
    'action book "Jo books the review" { due 2026-02-01 status done }',
    'action nursery "Find a nursery place" { due 2026-02-01 status dropped "Ada moved" }',
    'action school "Ria talks to the school" { due 2026-03-10 }',
    'action check "Jo checks Ada\'s weight" { due 2026-02-20 status open }',
    'action plan "Sam writes the plan" { status open }',
)


def names(actions) -> list[str]:
    return [action.id.name for action in actions]


def test_the_live_and_open_actions():
    plan = plan_of(*ACTIONS)
    assert names(facts.live_actions(plan)) == ["visit", "book", "school", "check", "plan"]
    assert [facts.is_open(action) for action in plan.actions] == [True, False, False, True,
                                                                   True, True]


def test_the_actions_overdue_as_of_today():
    assert names(facts.overdue_actions(plan_of(*ACTIONS), D(2026, 3, 1))) == ["visit", "check"]
    assert names(facts.overdue_actions(plan_of(*ACTIONS), D(2026, 2, 1))) == []


def test_the_actions_overdue_when_the_child_moved():
    plan = plan_of(*ACTIONS, 'moved 2026-02-10 { to "Southtown Council" }')
    assert names(facts.overdue_actions(plan, D(2026, 3, 1))) == ["visit"]


# -- when the plan stops ----------------------------------------------------------------------

@pytest.mark.parametrize(("lines", "stops", "by"), [
    ((), None, None),
    (("ended 2026-03-02",), D(2026, 3, 2), "ended"),
    (('moved 2026-02-02 { to "Southtown Council" }',), D(2026, 2, 2), "moved"),
    (("ended 2026-03-02", 'moved 2026-02-02 { to "Southtown Council" }'), D(2026, 2, 2),
     "moved"),
    (("ended 2026-02-02", 'moved 2026-02-02 { to "Southtown Council" }'), D(2026, 2, 2),
     "ended"),
    (("ended 2026-02-30",), None, None),  # a date that names no day is not read
])
def test_when_and_how_the_plan_stops(lines, stops, by):
    plan = plan_of(*lines)
    assert facts.plan_stops(plan) == stops
    assert facts.stopped_by(plan) == by
    today = D(2026, 3, 1)
    assert facts.judged_as_of(plan, today) == (min(stops, today) if stops else today)


# -- people -----------------------------------------------------------------------------------

PEOPLE = (
    'child ada { name "Ada Sample" known-as "Addy" born 2014-03-01 }',
    'child ben { name "Ben Sample" expected 2026-06-01 }',
    'member sam { name "Sam Patel" role social-worker }',
    'member kerry { name "Kerry Sample" role parent }',
    'member addy { name " addy " role child for ada }',
    'excluded dan { name "Dan Sample" role relative reason "A court order" informed-by sam }',
)


def test_members_by_id_and_who_is_family():
    plan = plan_of(*PEOPLE)
    assert list(facts.members_by_id(plan)) == ["sam", "kerry", "addy"]
    assert [facts.is_family(p) for p in (*plan.members, *plan.exclusions)] == [
        False, True, False, True]


def test_the_lead_social_worker():
    plan = plan_of(*PEOPLE)
    assert facts.lead(plan) is None
    assert facts.lead_social_workers(plan) == {"sam"}  # no one marked: the social workers
    marked = plan_of('member jo { name "Jo Lee" role health-visitor lead }', *PEOPLE[2:])
    assert facts.lead(marked).id.name == "jo"
    assert facts.lead_social_workers(marked) == {"jo"}


def test_children_unborn_their_names_and_their_age():
    plan = plan_of(*PEOPLE)
    ada, ben = plan.children
    assert [facts.is_unborn(ada), facts.is_unborn(ben)] == [False, True]
    assert facts.names_of_child(ada) == {"ada sample", "addy"}
    assert [facts.same_name(member, ada) for member in plan.members] == [False, False, True]
    assert facts.age_on(D(2014, 3, 1), D(2026, 2, 28)) == 11
    assert facts.age_on(D(2012, 2, 29), D(2025, 3, 1)) == 13


def test_which_children_the_core_group_asks_for():
    plan = plan_of(*PEOPLE)
    ada, ben = plan.children
    age = facts.core_group_member_age(ENGLAND)
    assert age == facts.CORE_GROUP_MEMBER_AGE == 12
    assert facts.asked_for(ada, D(2026, 3, 1), age)
    assert not facts.asked_for(ada, D(2026, 2, 28), age)
    assert not facts.asked_for(ben, D(2040, 1, 1), age)  # no `born` date
    assert facts.core_group_member_age(with_setting("core-group-member-age", 10)) == 10


def test_a_person_s_name_among_names_is_compared_casefolded_and_stripped():
    plan = plan_of(*PEOPLE, 'member nia { role teacher }')
    sam, kerry, addy, nia = plan.members
    dan, = plan.exclusions
    assert facts.has_name_in(sam, {"sam patel"})
    assert not facts.has_name_in(sam, {"Sam Patel"})  # the names are given casefolded
    assert facts.has_name_in(addy, {"addy"})
    assert facts.has_name_in(dan, {"dan sample", "ada sample"})
    assert not facts.has_name_in(nia, {"", "nia"})  # no name at all
    assert not facts.same_name(dan, plan.children[0])


def test_a_child_born_on_an_impossible_date_is_not_asked_for():
    child = plan_of('child cy { name "Cy Sample" born 2010-02-30 }').children[0]
    assert not facts.is_unborn(child)
    assert not facts.asked_for(child, D(2026, 3, 1), 12)


def test_a_role_missing_or_unknown_may_be_anyone():
    assert not facts.any_role_unknown(plan_of(*PEOPLE).members)
    assert facts.any_role_unknown(plan_of('member kim { name "Kim Sample" }').members)


# -- texts ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "says", "placeholder"), [
    ('"Ada goes to nursery"', True, False),
    ('""', False, False),
    ('"   "', False, False),
    ('"..."', True, True),
    ('" . . . "', True, True),
    ('"\u2026"', True, True),
    ('"... and more"', True, False),
    ('"""\n    ...\n  """', True, True),
])
def test_text_that_says_something_and_placeholders(written, says, placeholder):
    text = plan_of(f"contingency {written}").contingency
    assert facts.has_text(text) is says
    assert facts.is_placeholder(text) is placeholder


def test_the_placeholder_is_three_dots():
    assert facts.PLACEHOLDER == "..."
    assert facts.is_placeholder(plan_of(f'contingency "{facts.PLACEHOLDER}"').contingency)


def test_no_text_is_neither():
    assert not facts.has_text(None) and not facts.is_placeholder(None)


# -- counting ---------------------------------------------------------------------------------

DURATIONS = st.builds(Duration, st.integers(0, 40),
                      st.sampled_from(["working-days", "days", "weeks", "months"]))
DAYS = st.dates(D(2016, 1, 1), D(2039, 12, 31))


@given(DAYS, DURATIONS)
def test_latest_start_is_the_last_day_still_that_long_before(event, duration):
    start = facts.latest_start(event, duration, "england")
    assert add_duration(start, duration, "england") <= event
    assert add_duration(start + dt.timedelta(days=1), duration, "england") > event
    assert not facts.not_before(start, event, duration, "england")
    assert facts.not_before(start + dt.timedelta(days=1), event, duration, "england")


@given(DAYS, DAYS, DURATIONS)
def test_more_than_after_is_past_the_last_day_in_time(start, end, duration):
    last = facts.last_in_time(start, duration, "england")
    assert facts.more_than_after(start, end, duration, "england") is (end > last)


def test_counting_past_the_calendar_s_end_gives_no_day():
    assert facts.last_in_time(D(9999, 12, 1), Duration(2, "months"), "england") is None
    assert not facts.more_than_after(D(9999, 12, 1), D(9999, 12, 31), Duration(2, "months"),
                                     "england")
    assert facts.latest_start(D(1, 1, 5), Duration(1, "weeks"), "england") is None


@given(DAYS, DAYS)
def test_working_days_are_cpdsl_dates_counting(start, end):
    assert facts.working_days_between(start, end, "scotland") == working_days_between(
        start, end, "scotland")


# -- every public name ------------------------------------------------------------------------


def test_every_public_name_is_exercised_by_a_test_here():
    used = set(re.findall(r"\bfacts\.(\w+)", Path(__file__).read_text(encoding="utf-8")))
    assert sorted(set(facts.__all__) - used) == []
    assert sorted(set(facts.__all__)) == sorted(facts.__all__)  # no name listed twice
    assert all(hasattr(facts, name) for name in facts.__all__)

"""Hover (cpdsl.editor.hover): what an editor shows over each kind of word of a plan,
written out in full, on plans that parse and plans half typed; and, over every place of
the example plans and of generated texts, that it never raises."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import fragment_text, mutated_example

from cpdsl.analysis import analyse
from cpdsl.editor.hover import Hover, hover_at
from cpdsl.model import Span

TODAY = dt.date(2026, 3, 1)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").rglob("*.cp"))

PLAN = '''\
plan "Northtown review" {
  profile england
  category neglect
  child amy { name "Amy Example" known-as "Ames" born 2019-04-12 }
  child bea { name "Bea Example" expected 2026-05-01 }
  conference initial 2026-01-12
  member sam {
    name "Sam Okafor"
    role social-worker
    agency "Northtown Children's Services"
    contact "sam.okafor@example.org"
    lead
  }
  member jo { name "Jo *Lee*_ [x]" role health-visitor agency "Northtown  NHS Trust" }
  member kim { role gp interpreter "Polish" }
  member ben { name "Ben Example" role advocate for amy accessible-format "easy read" }
  excluded dan { name "Dan Example" role parent reason "A court order" informed-by sam }
  chair sam
  need health "Amy's health needs are not met" { domain health basic-care }
  outcome appointments "Amy attends every appointment" {
    need health
    measure "All appointments attended"
    by 2026-04-01
  }
  action book "Book Amy's review" {
    outcome appointments
    owner jo
    support sam kim
    due 2026-02-01
  }
  action visit "Visit Amy at home" { owner sam due 2026-02-01 status done }
  action course "Find a parenting course" { status dropped "No place this term" }
  # cplint: ignore[CP302, CP5, missing-lead, ALL, nothing] the second chair is coming
  contact amy by sam every 2 working days { alone }
  amended 2026-02-30
  views nobody "Words"
}
'''


def hover(text: str, line: int, column: int, **settings) -> Hover | None:
    return hover_at(analyse(text, today=TODAY, **settings), line, column)


def at(word: str, text: str = PLAN, nth: int = 1, into: int = 0) -> tuple[int, int]:
    """The place of the `nth` whole `word` in the text, `into` characters into it."""
    start = -1
    for _ in range(nth):
        start = text.index(word, start + 1)
    before = text[:start]
    return before.count("\n") + 1, start - (before.rfind("\n") + 1) + 1 + into


def span_of(word: str, text: str = PLAN, nth: int = 1) -> Span:
    line, column = at(word, text, nth)
    return Span(line, column, line, column + len(word))


def test_the_plan_is_read_without_syntax_errors():
    assert analyse(PLAN, today=TODAY).syntax_errors == ()


# -- ids ------------------------------------------------------------------------------------


def test_a_member_where_defined():
    assert hover(PLAN, *at("sam {")) == Hover(
        "**Sam Okafor** — lead social worker, Northtown Children's Services\n\n"
        "Contact: sam.okafor@example.org",
        span_of("sam"))


def test_a_member_where_referred_to_with_their_text_escaped():
    line, column = at("owner jo", into=6)
    assert hover(PLAN, line, column) == Hover(
        r"**Jo \*Lee\*\_ \[x\]** — health visitor, Northtown NHS Trust",
        Span(line, column, line, column + 2))


def test_a_member_with_no_name_and_an_interpreter():
    assert hover(PLAN, *at("kim {")) == Hover(
        "`kim` (no name) — GP\n\nNeeds an interpreter in Polish", span_of("kim"))


def test_an_advocate_for_a_child_who_needs_an_accessible_format():
    assert hover(PLAN, *at("ben {")) == Hover(
        "**Ben Example** — advocate\n\nFor Amy Example (`amy`)\n\nNeeds the plan in easy read",
        span_of("ben"))


def test_a_child_with_their_age_as_of_today():
    assert hover(PLAN, *at("amy {")) == Hover(
        "**Amy Example** (known as Ames) — child, born Friday 12 April 2019, 6 years old "
        "as of Sunday 1 March 2026",
        span_of("amy"))


def test_a_child_referred_to_in_a_contact():
    line, column = at("contact amy", into=8)
    assert hover(PLAN, line, column).markdown.startswith("**Amy Example** (known as Ames)")


def test_an_unborn_child():
    assert hover(PLAN, *at("bea")) == Hover(
        "**Bea Example** — child, expected Friday 1 May 2026, not yet born", span_of("bea"))


def test_an_excluded_person_with_the_reason():
    assert hover(PLAN, *at("dan")) == Hover(
        "**Dan Example** — parent, excluded from the core group\n\n"
        "Reason: A court order\n\nInformed by Sam Okafor (`sam`)",
        span_of("dan"))


def test_a_need_where_an_outcome_refers_to_it():
    line, column = at("need health\n", into=5)
    assert hover(PLAN, line, column) == Hover(
        "**Need**: Amy's health needs are not met\n\nDomains: health, basic-care",
        Span(line, column, line, column + 6))


def test_an_outcome_with_its_measure_and_date():
    assert hover(PLAN, *at("appointments \"")) == Hover(
        "**Outcome**: Amy attends every appointment\n\n"
        "Measure: All appointments attended\n\nBy: Wednesday 1 April 2026",
        span_of("appointments"))


def test_an_open_action_past_its_due_date():
    assert hover(PLAN, *at("book")) == Hover(
        "**Action**: Book Amy's review\n\nOwner: Jo \\*Lee\\*\\_ \\[x\\] (`jo`)\n\n"
        "Support: Sam Okafor (`sam`), `kim`\n\nDue: Sunday 1 February 2026\n\n"
        "Status: open, overdue since Monday 2 February 2026",
        span_of("book"))


def test_an_action_done_is_not_overdue():
    assert hover(PLAN, *at("visit \"")) == Hover(
        "**Action**: Visit Amy at home\n\nOwner: Sam Okafor (`sam`)\n\n"
        "Due: Sunday 1 February 2026\n\nStatus: done",
        span_of("visit", nth=2))


def test_a_dropped_action_with_why():
    assert hover(PLAN, *at("course")) == Hover(
        "**Action**: Find a parenting course\n\nStatus: dropped (No place this term)",
        span_of("course"))


def test_an_action_is_not_overdue_before_its_date():
    text = PLAN.replace("2026-02-01\n", "2026-03-02\n")
    assert hover(text, *at("book", text)).markdown.endswith("Status: open")


def test_past_the_end_of_a_line_and_with_other_line_ends():
    line, column = at("lead\n")
    expected = Hover(
        "`lead` (keyword): Marks the lead social worker: the keyworker, or care and support "
        "protection plan co-ordinator\n\nSource: Bolton core group guidance, s3; Wales core "
        "group procedure, core group membership", Span(line, column, line, column + 4))
    assert hover(PLAN, line, column + 30) == expected
    assert hover(PLAN.replace("\n", "\r\n"), line, column + 30) == expected
    assert hover(PLAN.replace("\n", "\r"), line, column) == expected


def test_an_id_never_defined_has_no_hover():
    assert hover(PLAN, *at("nobody")) is None


# -- keywords and values ----------------------------------------------------------------------


def test_a_keyword_with_its_source():
    line, column = at("owner jo")
    assert hover(PLAN, line, column) == Hover(
        "`owner` (keyword): The member who carries out the action\n\n"
        "Source: Core group flow chart and agendas, update outline protection plan",
        Span(line, column, line, column + 5))


def test_one_keyword_in_two_blocks():
    top = hover(PLAN, *at("need health \""))
    inner = hover(PLAN, *at("need health\n"))
    assert top.markdown == (
        "`need` (keyword): A need of the child that the assessment found: an id, the need "
        "in quotes, then its domains\n\nSource: Partnership plans and core groups procedure, s3")
    assert inner.markdown == (
        "`need` (keyword): The ids of the needs the outcome answers\n\n"
        "Source: Partnership plans and core groups procedure, s6.3")


def test_the_plan_keyword():
    assert hover(PLAN, 1, 1) == Hover(
        "`plan` (keyword): The plan: its title in quotes, then all its statements in braces; "
        "one plan a file\n\nSource: Partnership plans and core groups procedure, s3",
        Span(1, 1, 1, 5))


@pytest.mark.parametrize(("context", "expected"), [
    ("social-worker\n", "`social-worker` (role): The child's social worker; mark the lead "
                        "social worker with `lead`\n\nSource: Wales core group procedure, "
                        "core group membership"),
    ("neglect\n", "`neglect` (category of abuse or neglect): Neglect: the child's basic needs "
                  "are persistently not met"),
    ("basic-care }", "`basic-care` (Assessment Framework domain): Meeting the child's physical "
                     "needs: food, warmth, shelter, hygiene, health care\n\nSource: Bolton "
                     "core group guidance, s6"),
    ("done }", "`done` (action status): Carried out"),
    ("initial 2026", "`initial` (kind of conference): The initial child protection "
                     "conference, which made the plan\n\nSource: Bolton core group guidance, "
                     "s1"),
    ("england\n", "`england` (profile): England: Working Together to Safeguard Children 2023"),
    ("working days", "`working` (unit of a duration): Counts working days only, skipping "
                     "weekends and the nation's bank holidays: `10 working days`"),
    ("days {", "`days` (unit of a duration): Calendar days: `5 days`"),
    ("every 2", "`every` (word): How often: a number and a unit, such as `every 2 weeks`\n\n"
                "Source: Bolton core group guidance, s1 and s3"),
    ("alone }", "`alone` (keyword): The child is seen alone\n\nSource: Partnership plans and "
                "core groups procedure, s3"),
])
def test_a_value_or_word_with_its_meaning(context, expected):
    word = context.split()[0]
    line, column = at(context)
    assert hover(PLAN, line, column) == Hover(expected, Span(line, column, line,
                                                             column + len(word)))


def test_the_word_by_in_a_contact():
    line, column = at("by sam every")
    assert hover(PLAN, line, column) == Hover(
        "`by` (word): The member who sees the child\n\nSource: Bolton core group guidance, s1",
        Span(line, column, line, column + 2))


def test_a_word_that_is_no_value_has_no_hover():
    text = PLAN.replace("role gp", "role doctor")
    assert hover(text, *at("doctor", text)) is None


# -- suppression comments -------------------------------------------------------------------


def test_a_rule_code_in_a_suppression():
    line, column = at("CP302")
    assert hover(PLAN, line, column + 2) == Hover(
        "**CP302** `missing-second-chair` (warning): no `second-chair` (vice chair) named in "
        "advance", Span(line, column, line, column + 5))


def test_a_rule_name_in_a_suppression():
    line, column = at("missing-lead")
    assert hover(PLAN, line, column) == Hover(
        "**CP301** `missing-lead` (warning): no member marked `lead` (keyworker, lead social "
        "worker, co-ordinator)", Span(line, column, line, column + 12))


def test_a_prefix_in_a_suppression_lists_its_rules():
    line, column = at("CP5,")
    found = hover(PLAN, line, column)
    assert found.span == Span(line, column, line, column + 3)
    listed = found.markdown.split("\n")
    assert listed[:3] == ["`CP5`: 16 rules", "",
                          "- **CP501** `missing-contingency` (warning): no contingency plan"]
    assert len(listed) == 18 and listed[-1].startswith("- **CP516**")


def test_all_rules_in_a_suppression():
    line, column = at("ALL")
    assert hover(PLAN, line, column).markdown == "`ALL`: every rule cplint has (73)"


def test_the_form_of_a_suppression():
    line, column = at("ignore[")
    assert hover(PLAN, line, column) == Hover(
        "`ignore` (suppression): `# cplint: ignore[CODE] reason` accepts a finding on the "
        "comment's line, or on the next line when the comment has a line of its own",
        Span(line, column, line, column + 6))


def test_no_hover_on_an_unknown_selector_or_the_reason_or_a_plain_comment():
    assert hover(PLAN, *at("nothing")) is None
    assert hover(PLAN, *at("coming")) is None
    text = PLAN.replace("# cplint: ignore", "# a note about CP302 ignore")
    assert hover(text, *at("CP302", text)) is None


# -- dates ----------------------------------------------------------------------------------


def test_a_date_after_the_initial_conference():
    line, column = at("2026-02-01")
    assert hover(PLAN, line, column + 4) == Hover(
        "Sunday 1 February 2026\n\n"
        "14 working days after the initial conference on Monday 12 January 2026",
        Span(line, column, line, column + 10))


def test_the_initial_conference_and_a_date_before_it_have_only_their_weekday():
    assert hover(PLAN, *at("2026-01-12")).markdown == "Monday 12 January 2026"
    assert hover(PLAN, *at("2019-04-12")).markdown == "Friday 12 April 2019"


def test_a_date_that_names_no_day():
    assert hover(PLAN, *at("2026-02-30")).markdown == "2026-02-30 (no such day)"


@pytest.mark.parametrize(("profile", "days"), [("england", "3 working days"),
                                               ("scotland", "2 working days")])
def test_working_days_are_the_profiles_nations(profile, days):
    # 2 January is a bank holiday in Scotland only.
    text = (f'plan "T" {{\n  profile {profile}\n  conference initial 2025-12-30\n'
            "  amended 2026-01-05\n}\n")
    assert hover(text, *at("2026-01-05", text)).markdown == (
        f"Monday 5 January 2026\n\n{days} after the initial conference on "
        "Tuesday 30 December 2025")


def test_one_working_day():
    text = 'plan "T" {\n  conference initial 2026-01-12\n  amended 2026-01-13\n}\n'
    assert hover(text, *at("2026-01-13", text)).markdown == (
        "Tuesday 13 January 2026\n\n1 working day after the initial conference on "
        "Monday 12 January 2026")


# -- nothing to say -------------------------------------------------------------------------


@pytest.mark.parametrize("place", [
    at("Northtown review"), at("Sam Okafor"), (at("sam {")[0], 1), at("{ name \"Amy"),
    at("# cplint"),
])
def test_nothing_over_spaces_texts_braces_and_the_comment_sign(place):
    assert hover(PLAN, *place) is None


def test_a_half_typed_plan():
    text = 'plan "T" {\n  member sam { name "Sam Okafor" role so\n  action a "x" {\n    owner sa'
    analysis = analyse(text, today=TODAY)
    assert analysis.syntax_errors
    assert hover_at(analysis, 2, 10) == Hover("**Sam Okafor** — so", Span(2, 10, 2, 13))
    assert hover_at(analysis, 2, 39) is None  # `so` is no role
    assert hover_at(analysis, 4, 5).markdown.startswith("`owner` (keyword)")


@pytest.mark.parametrize("text", ["", "\n\n", 'plan "T" {', "# only a comment\n", "}}}{{{"])
def test_texts_with_little_in_them(text):
    analysis = analyse(text, today=TODAY)
    assert [hover_at(analysis, 1, column) for column in range(1, 4)] == (
        [Hover("`plan` (keyword): The plan: its title in quotes, then all its statements in "
               "braces; one plan a file\n\nSource: Partnership plans and core groups "
               "procedure, s3", Span(1, 1, 1, 5))] * 3 if text.startswith("plan") else [None] * 3)


def test_without_a_syntax_tree_there_is_no_hover():
    assert hover_at(analyse(PLAN, today=TODAY, syntax=False), *at("sam {")) is None


# -- never raises ---------------------------------------------------------------------------


def clamped(lines: list[str], line: int, column: int) -> tuple[int, int]:
    """A place as an editor clamps it: into the text, and to its line's end."""
    line = min(max(line, 1), len(lines))
    return line, min(max(column, 1), len(lines[line - 1]) + 1)


def assert_hovers_everywhere(text: str, places) -> None:
    analysis = analyse(text, today=TODAY)
    lines = re.split(r"\r\n|\r|\n", analysis.text)
    for line, column in places:
        found = hover_at(analysis, line, column)
        if found is not None:
            assert found.markdown and "<" not in found.markdown.replace("\\<", "")
            place = clamped(lines, line, column)
            start = (found.span.line, found.span.column)
            assert start <= place <= (found.span.end_line, found.span.end_column)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_every_place_of_every_example(path):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert_hovers_everywhere(text, [(number, column) for number, line in enumerate(lines, 1)
                                    for column in range(1, len(line) + 2)])


@given(st.one_of(fragment_text(), mutated_example()), st.integers(-2, 90),
       st.integers(-2, 140))
def test_any_text_at_any_place(text, line, column):
    assert_hovers_everywhere(text, [(line, column)])

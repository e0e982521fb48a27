"""Inlay hints: written out in full for small plans, checked against the findings of the
rules they anticipate (CP401, CP407, CP411), and safe on any text."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from test_properties import fragment_text, laid_out_plan, mutated_example

from cpdsl.analysis import analyse
from cpdsl.editor.hints import InlayHint, inlay_hints
from cpdsl.model import Span

TODAY = dt.date(2026, 3, 1)

# The first core group late (CP401), one meeting's minutes circulated late and another's
# not yet (CP407), an action overdue (CP411); one due today, one done, a meeting
# cancelled: no hint for any of those.
PLAN = '''\
plan "Finn Notreal" {
  profile england
  conference initial 2026-01-12
  action visit "Take Finn to the dentist" { due 2026-02-02 }
  action call "Call the school" { due 2026-03-01 }
  action book "Book the review" { due 2026-01-20  status done }
  meeting core-group 2026-01-30 {
    minutes-circulated 2026-02-20
  }
  meeting core-group 2026-02-05 { cancelled "Snow closed the school" }
  meeting core-group 2026-02-12
}
'''

ENGLAND_FIRST = ("the england profile allows 10 working days (Working Together 2023; Bolton "
                 "core group guidance, s3)")
ENGLAND_MINUTES = "the england profile allows 10 working days (West Midlands core groups briefing)"


def analysed(text: str, today: dt.date = TODAY):
    return analyse(text, today=today)


def findings(analysis, code: str) -> list:
    return [d for d in analysis.diagnostics if d.code == code]


def test_the_hints_of_a_plan_in_full():
    assert inlay_hints(analysed(PLAN)) == (
        InlayHint(4, 59, "overdue",
                  "action `visit` was due on 2026-02-02 and is still open as of 2026-03-01"),
        InlayHint(7, 32, "day 14",
                  "first core group on 2026-01-30 is 14 working days after the initial "
                  f"conference on 2026-01-12; {ENGLAND_FIRST}"),
        InlayHint(7, 32, "minutes due by 2026-02-13",
                  f"minutes of the core group on 2026-01-30 are due by 2026-02-13: "
                  f"{ENGLAND_MINUTES}"),
        InlayHint(11, 32, "day 23",
                  "core group on 2026-02-12 is 23 working days after the initial conference "
                  "on 2026-01-12"),
        InlayHint(11, 32, "minutes due by 2026-02-26",
                  f"minutes of the core group on 2026-02-12 are due by 2026-02-26: "
                  f"{ENGLAND_MINUTES}"),
    )


def test_the_hints_state_the_figures_the_rules_report():
    analysis = analysed(PLAN)
    hints = inlay_hints(analysis)
    # CP401: the same count of working days from the same conference, at the same date.
    (late,) = findings(analysis, "CP401")
    figure = "14 working days after the initial conference on 2026-01-12"
    assert figure in late.message
    (day,) = [h for h in hints if h.label.startswith("day") and (h.line, h.column) == (
        late.span.end_line, late.span.end_column)]
    assert day.label == "day 14" and figure in day.tooltip
    # CP407, no minutes yet: the rule's last day is the hint's.
    missing = [d for d in findings(analysis, "CP407") if "no `minutes-circulated`" in d.message]
    assert [d.message.split("ended on ")[1][:10] for d in missing] == ["2026-02-26"]
    assert InlayHint(11, 32, "minutes due by 2026-02-26",
                     "minutes of the core group on 2026-02-12 are due by 2026-02-26: "
                     f"{ENGLAND_MINUTES}") in hints
    # CP411: an overdue hint just after each overdue action's date, and nowhere else.
    assert [(d.span.end_line, d.span.end_column) for d in findings(analysis, "CP411")] == [
        (h.line, h.column) for h in hints if h.label == "overdue"]


def test_minutes_on_the_day_the_hint_names_are_in_time_and_a_day_later_late():
    template = ('plan "T" {\n  conference initial 2026-01-12\n'
                '  meeting core-group 2026-01-30 { minutes-circulated %s }\n}\n')
    assert "minutes due by 2026-02-13" in [h.label for h in inlay_hints(analysed(
        template % "2026-02-13"))]
    assert findings(analysed(template % "2026-02-13"), "CP407") == []
    assert len(findings(analysed(template % "2026-02-14"), "CP407")) == 1


def test_the_first_core_group_on_the_last_day_the_hint_allows_is_in_time():
    template = 'plan "T" {\n  conference initial 2026-01-12\n  meeting core-group %s\n}\n'
    in_time, late = analysed(template % "2026-01-26"), analysed(template % "2026-01-27")
    assert [h.label for h in inlay_hints(in_time)][0] == "day 10"
    assert findings(in_time, "CP401") == []
    assert [h.label for h in inlay_hints(late)][0] == "day 11"
    assert len(findings(late, "CP401")) == 1


def test_a_profile_decides_the_limits():
    # Scotland allows 15 working days for the first core group, which here is on the day
    # of the conference; the second is a later core group, without the limit.
    text = ('plan "T" {\n  profile scotland\n  conference initial 2026-01-12\n'
            '  meeting core-group 2026-01-12\n  meeting core-group 2026-01-30\n}\n')
    scotland = ("the scotland profile allows 10 working days (National Guidance 2021 (2023), "
                "Appendix D)")
    assert inlay_hints(analysed(text)) == (
        InlayHint(4, 32, "day 0",
                  "first core group on 2026-01-12 is on the day of the initial conference on "
                  "2026-01-12; the scotland profile allows 15 working days (National Guidance "
                  "2021 (2023), Appendix D)"),
        InlayHint(4, 32, "minutes due by 2026-01-26",
                  f"minutes of the core group on 2026-01-12 are due by 2026-01-26: {scotland}"),
        InlayHint(5, 32, "day 14",
                  "core group on 2026-01-30 is 14 working days after the initial conference "
                  "on 2026-01-12"),
        InlayHint(5, 32, "minutes due by 2026-02-13",
                  f"minutes of the core group on 2026-01-30 are due by 2026-02-13: {scotland}"),
    )


def test_an_action_overdue_when_the_plan_ended():
    # Wales allows 5 working days for minutes; the action is judged as of the end.
    text = ('plan "T" {\n  profile wales\n  conference initial 2026-01-12\n'
            '  action a "A" { due 2026-02-02 }\n  meeting core-group 2026-01-22\n'
            '  ended 2026-02-10\n}\n')
    analysis = analysed(text)
    assert inlay_hints(analysis) == (
        InlayHint(4, 32, "overdue",
                  "action `a` was due on 2026-02-02 and is still open when the plan ended on "
                  "2026-02-10"),
        InlayHint(5, 32, "day 8",
                  "first core group on 2026-01-22 is 8 working days after the initial "
                  "conference on 2026-01-12; the wales profile allows 10 working days (Wales "
                  "core group procedure)"),
        InlayHint(5, 32, "minutes due by 2026-01-29",
                  "minutes of the core group on 2026-01-22 are due by 2026-01-29: the wales "
                  "profile allows 5 working days (cplint's reading of the Wales Safeguarding "
                  "Procedures)"),
    )
    assert "when the plan ended on 2026-02-10" in findings(analysis, "CP411")[0].message


def test_no_day_count_before_the_initial_conference_or_without_one():
    before = ('plan "T" {\n  conference initial 2026-01-12\n  meeting core-group 2026-01-05\n'
              '}\n')
    assert [h.label for h in inlay_hints(analysed(before))] == ["minutes due by 2026-01-19"]
    without = 'plan "T" {\n  meeting core-group 2026-01-05\n}\n'
    assert [h.label for h in inlay_hints(analysed(without))] == ["minutes due by 2026-01-19"]


def test_a_range_gives_the_hints_placed_in_it():
    analysis = analysed(PLAN)
    assert inlay_hints(analysis, Span(7, 1, 7, 32)) == inlay_hints(analysis)[1:3]
    assert inlay_hints(analysis, Span(4, 1, 4, 58)) == ()
    assert inlay_hints(analysis, Span(1, 1, 12, 2)) == inlay_hints(analysis)


def test_empty_header_only_and_half_typed_texts():
    assert inlay_hints(analysed("")) == ()
    assert inlay_hints(analysed('plan "T" {')) == ()
    # The meeting's block is not closed and its minutes date not typed yet.
    text = ('plan "Half" {\n  conference initial 2026-01-12\n'
            '  meeting core-group 2026-01-22 {\n    minutes-circulated\n')
    assert inlay_hints(analysed(text)) == (
        InlayHint(3, 32, "day 8",
                  "first core group on 2026-01-22 is 8 working days after the initial "
                  f"conference on 2026-01-12; {ENGLAND_FIRST}"),
        InlayHint(3, 32, "minutes due by 2026-02-05",
                  f"minutes of the core group on 2026-01-22 are due by 2026-02-05: "
                  f"{ENGLAND_MINUTES}"),
    )


# -- properties --------------------------------------------------------------------------

_LINE_END = re.compile(r"\r\n|\r|\n")


def assert_hints_agree_with_the_rules(text: str) -> None:
    analysis = analysed(text)
    hints = inlay_hints(analysis)
    lines = _LINE_END.split(analysis.text)
    assert list(hints) == sorted(hints, key=lambda h: (h.line, h.column))
    for hint in hints:
        assert 1 <= hint.line <= len(lines), hint
        assert 1 <= hint.column <= len(lines[hint.line - 1]) + 1, hint
        assert hint.label and hint.tooltip, hint
    overdue = [(h.line, h.column) for h in hints if h.label == "overdue"]
    assert overdue == [(d.span.end_line, d.span.end_column)
                       for d in findings(analysis, "CP411")]
    due = {h.label.removeprefix("minutes due by ") for h in hints
           if h.label.startswith("minutes due by ")}
    for finding in findings(analysis, "CP407"):
        if "ended on " in finding.message:
            assert finding.message.split("ended on ")[1][:10] in due, finding.message


@given(fragment_text())
def test_fragments_never_break_the_hints(text):
    assert_hints_agree_with_the_rules(text)


@given(mutated_example())
def test_in_mutations_of_the_example_the_hints_agree_with_the_rules(text):
    assert_hints_agree_with_the_rules(text)


@given(laid_out_plan())
def test_in_plans_from_the_grammar_the_hints_agree_with_the_rules(text):
    assert_hints_agree_with_the_rules(text)

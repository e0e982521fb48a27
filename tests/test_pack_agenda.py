"""Which agenda a core group gets (PACK.md section 1), on the trainers' good plan: first
core group 2026-01-22, every 4 weeks, review conference 2026-04-08."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpdsl.analysis import analyse
from cpdsl.pack.agenda import Agenda, AgendaKind, NoPack, Review, agenda_for

D = dt.date
PLAN = (Path(__file__).resolve().parents[1] / "examples" / "good" / "neglect.cp").read_text(
    encoding="utf-8")


def agenda(text: str, day: dt.date) -> Agenda | NoPack:
    found = analyse(text, today=D(2026, 3, 1))
    return agenda_for(found.plan, found.profile, day)


def shown(found: Agenda) -> tuple:
    return (found.kind, found.record is not None, found.review, found.next_core_group,
            found.warning)


def test_the_first_core_group_gets_the_first_agenda():
    assert shown(agenda(PLAN, D(2026, 1, 22))) == (
        AgendaKind.FIRST, True, Review(D(2026, 4, 8), False), D(2026, 2, 19), None)


def test_a_core_group_with_another_planned_before_the_review_is_subsequent():
    assert shown(agenda(PLAN, D(2026, 2, 19))) == (
        AgendaKind.SUBSEQUENT, True, Review(D(2026, 4, 8), False), D(2026, 3, 19), None)


def test_the_last_planned_before_the_review_gets_the_pre_review_agenda():
    # 2026-03-19 is planned, not yet recorded; the next planned date, 2026-04-16, is
    # after the review on 2026-04-08
    assert shown(agenda(PLAN, D(2026, 3, 19))) == (
        AgendaKind.BEFORE_REVIEW, False, Review(D(2026, 4, 8), False), D(2026, 4, 16), None)


def test_a_day_near_a_planned_date_stands_for_it():
    assert agenda(PLAN, D(2026, 3, 20)).kind is AgendaKind.BEFORE_REVIEW
    assert agenda(PLAN, D(2026, 2, 20)).kind is AgendaKind.SUBSEQUENT


def test_a_core_group_recorded_between_the_day_and_the_review_makes_it_not_the_last():
    text = PLAN.replace("  meeting core-group 2026-02-19 {",
                        "  meeting core-group 2026-03-30 { chair sam notes jo }\n"
                        "  meeting core-group 2026-02-19 {")
    assert agenda(text, D(2026, 3, 19)).kind is AgendaKind.SUBSEQUENT
    assert agenda(text, D(2026, 3, 30)).kind is AgendaKind.BEFORE_REVIEW


def test_without_a_recorded_review_the_last_day_allowed_is_provisional():
    text = PLAN.replace("  conference review 2026-04-08 { report-ready 2026-04-01 }\n", "")
    found = agenda(text, D(2026, 2, 19))
    assert found.review == Review(D(2026, 4, 12), True)  # england: within 3 months


def test_a_first_core_group_that_is_also_the_last_before_the_review_is_warned_of():
    text = PLAN.replace("conference review 2026-04-08", "conference review 2026-02-10")
    found = agenda(text, D(2026, 1, 22))
    assert found.kind is AgendaKind.FIRST
    assert found.warning == ("this first core group is also the last before the review "
                             "conference: the pre-review items (joint report, "
                             "recommendation) are not on its agenda")


@pytest.mark.parametrize(("text", "day", "reason"), [
    (PLAN, D(2026, 1, 5), "it is before the initial conference on 2026-01-12"),
    (PLAN.replace("conference initial 2026-01-12", "conference review 2026-01-12"),
     D(2026, 2, 19), "the plan records no initial conference"),
    (PLAN.replace("  meeting core-group 2026-02-19 {",
                  '  meeting core-group 2026-03-05 { cancelled "Snow" }\n'
                  "  meeting core-group 2026-02-19 {"),
     D(2026, 3, 5), "the core group on this day was cancelled"),
    (PLAN.replace("  core-groups every 4 weeks\n", "  core-groups every 4 weeks\n  ended 2026-03-01\n"),
     D(2026, 3, 19), "the plan stopped on 2026-03-01"),
])
def test_no_pack(text, day, reason):
    assert agenda(text, day) == NoPack(reason)


@given(st.sampled_from([PLAN, PLAN.replace("  core-groups every 4 weeks\n", ""),
                        PLAN.replace("conference review 2026-04-08", "conference review 2026-01-20")]),
       st.dates(D(2025, 1, 1), D(2027, 12, 31)))
def test_every_day_gets_an_agenda_or_a_reason(text, day):
    found = agenda(text, day)
    assert isinstance(found, NoPack) or (
        found.day == day and (found.review is None or found.review.date > day)
        and (found.next_core_group is None or found.next_core_group > day))


@given(st.sampled_from([PLAN, PLAN.replace("  core-groups every 4 weeks\n", ""),
                        PLAN.replace("    owner ria\n", "").replace("  contingency", "  # ")]),
       st.dates(D(2026, 1, 12), D(2026, 12, 31)))
def test_every_pack_has_its_agendas_items_in_order(text, day):
    from cpdsl.pack.content import build_pack
    from cpdsl.pack.items import ITEMS, notes_headings
    from cpdsl.pack.markdown import render_markdown

    found = analyse(text, today=D(2026, 3, 1))
    chosen = agenda_for(found.plan, found.profile, day)
    if isinstance(chosen, NoPack):
        return
    pack = render_markdown(build_pack(found.plan, found.profile, chosen))
    lines = pack.splitlines()
    notes = lines.index(next(x for x in lines if x.startswith("# NOTES OF CORE GROUP")))
    agenda_lines = [x for x in lines[:notes] if x[:1].isdigit()]
    assert agenda_lines == [f"{n}. {title}" for n, title in enumerate(ITEMS[chosen.kind], 1)]
    forms = next((i for i, x in enumerate(lines) if i > notes and x.startswith("# ")),
                 len(lines))
    headings = [x for x in lines[notes:forms] if x.startswith("## ")]
    assert headings == [f"## {n}. {title}" for n, title in notes_headings(chosen.kind)]

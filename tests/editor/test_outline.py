"""The outline (document symbols) and folding ranges of a plan: written out in full for
small plans, a half-typed one included, and their invariants on any text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from test_properties import fragment_text, laid_out_plan, mutated_example

from cpdsl.analysis import analyse
from cpdsl.editor.folding import Fold, folding_ranges
from cpdsl.editor.outline import KINDS, Symbol, document_symbols
from cpdsl.model import Span

TODAY = dt.date(2026, 3, 1)

SMALL = '''\
# Invented plan for the outline tests
# (every name in it is made up)
plan "Maya Testwell" {
  reference "CP-2026-0101"
  child maya { name "Maya Testwell"  born 2018-06-02 }
  conference initial 2026-01-12
  member sam {
    name "Sam Okafor"
    role social-worker
    lead
  }
  member jo { name "Jo Lee"  role health-visitor }
  excluded lee { name "Lee Testwell"  role parent }
  need health "Maya's health needs are not met" { domain health }
  outcome seen "Maya sees the dentist" {
    need health
    milestone "Registered with a dentist" by 2026-02-01
  }
  action book "Book the dentist" { outcome seen  owner sam  due 2026-02-01 }
  contact maya by sam every 2 weeks { alone }
  assessment "A health assessment" { by jo  due 2026-03-01 }
  contingency """
    If Maya misses an appointment, Sam calls a core group.
  """
  meeting core-group 2026-01-22 {
    venue "Northtown School"
    views child "Maya wants her teeth to stop hurting"
  }
}
'''

# A plan being typed: an open string, a `role` and an `owner` with no value yet, and
# neither block nor the plan closed.
HALF_TYPED = '''\
plan "Half typed" {
  member sam {
    name "Sam Okafor
  }
  member jo { role
  action call "Call the school" { owner
'''


def analysed(text: str):
    return analyse(text, today=TODAY)


# -- the outline -------------------------------------------------------------------------


def test_a_small_plan_outlined_in_full():
    assert document_symbols(analysed(SMALL)) == (
        Symbol("Maya Testwell", "CP-2026-0101", "plan", Span(3, 1, 29, 2), Span(3, 6, 3, 21), (
            Symbol("reference", "CP-2026-0101", "other", Span(4, 3, 4, 27), Span(4, 3, 4, 12)),
            Symbol("maya", "Maya Testwell, born 2018-06-02", "child", Span(5, 3, 5, 55),
                   Span(5, 9, 5, 13)),
            Symbol("initial conference 2026-01-12", "", "conference", Span(6, 3, 6, 32),
                   Span(6, 14, 6, 21)),
            Symbol("sam", "Sam Okafor, lead social worker", "member", Span(7, 3, 11, 4),
                   Span(7, 10, 7, 13)),
            Symbol("jo", "Jo Lee, health visitor", "member", Span(12, 3, 12, 51),
                   Span(12, 10, 12, 12)),
            Symbol("lee", "Lee Testwell, parent", "excluded", Span(13, 3, 13, 52),
                   Span(13, 12, 13, 15)),
            Symbol("health", "Maya's health needs are not met", "need", Span(14, 3, 14, 66),
                   Span(14, 8, 14, 14)),
            Symbol("seen", "Maya sees the dentist", "outcome", Span(15, 3, 18, 4),
                   Span(15, 11, 15, 15), (
                       Symbol("milestone", "Registered with a dentist by 2026-02-01", "other",
                              Span(17, 5, 17, 56), Span(17, 5, 17, 14)),
                   )),
            Symbol("book", "Book the dentist, due 2026-02-01", "action", Span(19, 3, 19, 77),
                   Span(19, 10, 19, 14)),
            Symbol("maya by sam", "every 2 weeks, alone", "contact", Span(20, 3, 20, 46),
                   Span(20, 11, 20, 15)),
            Symbol("assessment", "A health assessment, by jo, due 2026-03-01", "assessment",
                   Span(21, 3, 21, 61), Span(21, 3, 21, 13)),
            Symbol("contingency", "If Maya misses an appointment, Sam calls a core group.",
                   "other", Span(22, 3, 24, 6), Span(22, 3, 22, 14)),
            Symbol("core group 2026-01-22", "Northtown School", "meeting", Span(25, 3, 28, 4),
                   Span(25, 11, 25, 21), (
                       Symbol("views child", "Maya wants her teeth to stop hurting", "views",
                              Span(27, 5, 27, 55), Span(27, 11, 27, 16)),
                   )),
        )),
    )


def test_a_recommendation_is_its_conferences_or_meetings_detail():
    text = ('plan "T" {\n  conference review 2026-04-08 {\n'
            '    recommendation continue { exceptional "The family asked for more time" }\n'
            '  }\n  meeting core-group 2026-03-20 { recommendation end  cancelled }\n}\n')
    assert document_symbols(analysed(text))[0].children == (
        Symbol("review conference 2026-04-08", "recommends continue", "conference",
               Span(2, 3, 4, 4), Span(2, 14, 2, 20)),
        Symbol("core group 2026-03-20", "cancelled, recommends end", "meeting",
               Span(5, 3, 5, 66), Span(5, 11, 5, 21)),
    )


def test_a_half_typed_plan_is_outlined_as_far_as_it_was_read():
    # The open string leaves sam's name unread; jo's block and the action run on to where
    # recovery closed them, the end of the text.
    assert document_symbols(analysed(HALF_TYPED)) == (
        Symbol("Half typed", "", "plan", Span(1, 1, 7, 1), Span(1, 6, 1, 18), (
            Symbol("sam", "", "member", Span(2, 3, 4, 4), Span(2, 10, 2, 13)),
            Symbol("jo", "", "member", Span(5, 3, 6, 1), Span(5, 10, 5, 12)),
            Symbol("call", "Call the school", "action", Span(6, 3, 7, 1), Span(6, 10, 6, 14)),
        )),
    )


def test_a_text_without_a_plan_header_has_its_statements_at_the_top():
    text = 'member sam { name "Sam Okafor"  role social-worker }\nchair sam\n'
    assert document_symbols(analysed(text)) == (
        Symbol("sam", "Sam Okafor, social worker", "member", Span(1, 1, 1, 53),
               Span(1, 8, 1, 11)),
        Symbol("chair", "sam", "other", Span(2, 1, 2, 10), Span(2, 1, 2, 6)),
    )


def test_an_empty_text_and_a_lone_header():
    assert document_symbols(analysed("")) == ()
    assert document_symbols(analysed('plan "Only a header" {')) == (
        Symbol("Only a header", "", "plan", Span(1, 1, 1, 23), Span(1, 6, 1, 21)),
    )
    # An untitled plan is still named: LSP refuses a symbol without a name.
    assert document_symbols(analysed('plan "" {\n}\n')) == (
        Symbol("plan", "", "plan", Span(1, 1, 2, 2), Span(1, 6, 1, 8)),
    )


def test_without_a_syntax_tree_there_is_no_outline():
    analysis = analyse(SMALL, today=TODAY, syntax=False)
    assert document_symbols(analysis) == ()
    assert folding_ranges(analysis) == ()


def test_a_statement_the_model_lacks_is_named_from_its_tokens():
    # Half-typed: recovery inserts the rest of each (an id, a duration), the model holds
    # neither, and the tokens written name them: the contact by its child, the member,
    # whose id is not typed yet, by its keyword.
    contact = analysed('plan "T" {\n  contact amy by\n}\n')
    assert contact.plan.contacts == ()
    assert document_symbols(contact)[0].children == (
        Symbol("amy", "by", "contact", Span(2, 3, 3, 1), Span(2, 11, 2, 14)),
    )
    member = analysed('plan "T" {\n  member\n}\n')
    assert member.plan.members == ()
    assert document_symbols(member)[0].children == (
        Symbol("member", "", "member", Span(2, 3, 3, 1), Span(2, 3, 2, 9)),
    )


# -- folding -----------------------------------------------------------------------------


def test_the_folds_of_a_small_plan():
    # Comments on lines 1-2; the plan's block and each block over several lines, each up
    # to the line before its `}`; the contingency text up to its closing quotes' line.
    assert folding_ranges(analysed(SMALL)) == (
        Fold(1, 2, "comment"),
        Fold(3, 28, "region"),
        Fold(7, 10, "region"),
        Fold(15, 17, "region"),
        Fold(22, 23, "region"),
        Fold(25, 27, "region"),
    )


def test_a_closing_brace_after_text_on_its_line_folds_with_it():
    text = ('plan "T" {\n  member sam { name "Sam"\n    role parent }\n'
            '  views child """Amy said\n  so"""\n}\n')
    assert folding_ranges(analysed(text)) == (
        Fold(1, 5, "region"),
        Fold(2, 3, "region"),
        Fold(4, 5, "region"),
    )


def test_only_runs_of_two_or_more_own_line_comments_fold():
    text = ('# one\nplan "T" {  # beside the header\n  # two\n  # three\n\n  # four\n'
            '  chair sam  # beside\n  # five\n}\n')
    assert folding_ranges(analysed(text)) == (
        Fold(2, 8, "region"),
        Fold(3, 4, "comment"),
    )


def test_half_typed_folds():
    # jo's block was closed by recovery at the start of line 6: it folds no line.
    assert folding_ranges(analysed(HALF_TYPED)) == (Fold(1, 6, "region"), Fold(2, 3, "region"))
    assert folding_ranges(analysed("")) == ()
    assert folding_ranges(analysed('plan "T" {')) == ()


# -- properties --------------------------------------------------------------------------


def _inside(inner: Span, outer: Span) -> bool:
    return ((outer.line, outer.column) <= (inner.line, inner.column)
            and (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column))


def assert_well_formed(symbols: tuple[Symbol, ...], parent: Span | None = None) -> None:
    for symbol in symbols:
        assert symbol.name and symbol.kind in KINDS, symbol
        start, end = symbol.range, symbol.range
        assert (start.line, start.column) <= (end.end_line, end.end_column), symbol
        assert _inside(symbol.selection, symbol.range), symbol
        if parent is not None:
            assert _inside(symbol.range, parent), (symbol, parent)
        assert_well_formed(symbol.children, symbol.range)


def assert_outline_invariants(text: str) -> None:
    analysis = analysed(text)
    assert_well_formed(document_symbols(analysis))
    folds = folding_ranges(analysis)
    assert list(folds) == sorted(set(folds))
    line_count = len(analysis.lines)
    for fold in folds:
        assert 1 <= fold.start_line < fold.end_line <= line_count, fold
        assert fold.kind in ("region", "comment"), fold


def test_the_property_check_catches_a_child_outside_its_parent():
    """A control for the properties below: the check does fail on a bad tree."""
    import pytest

    child = Symbol("jo", "", "member", Span(5, 1, 5, 9), Span(5, 1, 5, 3))
    with pytest.raises(AssertionError):
        assert_well_formed((Symbol("T", "", "plan", Span(1, 1, 4, 2), Span(1, 1, 1, 5),
                                   (child,)),))
    with pytest.raises(AssertionError):
        assert_well_formed((Symbol("jo", "", "member", Span(5, 1, 5, 9), Span(6, 1, 6, 3)),))


@given(fragment_text())
def test_fragments_never_break_the_outline(text):
    assert_outline_invariants(text)


@given(fragment_text(), fragment_text())
def test_fragments_inside_a_plan_never_break_the_outline(before, after):
    assert_outline_invariants('plan "Northtown review" {\n' + before + "\n}\n" + after)


@given(mutated_example())
def test_mutations_of_the_example_never_break_the_outline(text):
    assert_outline_invariants(text)


@given(laid_out_plan())
def test_plans_from_the_grammar_in_any_layout_keep_the_outline_invariants(text):
    assert_outline_invariants(text)

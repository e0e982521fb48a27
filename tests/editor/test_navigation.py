"""Go to definition, find references, document highlights and rename over one analysis
(cpdsl.editor.navigation). Every name in these plans is invented."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from test_properties import IDENTS, fragment_text, laid_out_plan, mutated_example

from cpdsl.analysis import analyse
from cpdsl.editor.navigation import (
    ONLY_DEFINED, READ, WRITE, Highlight, RenameRefused, definition_at, highlights_at,
    occurrences, prepare_rename, references_at, rename_edits,
)
from cpdsl.fixes import Edit, apply_edits
from cpdsl.model import Span
from cpdsl.vocabulary import VIEWS_GROUPS

TODAY = dt.date(2026, 3, 1)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [path.read_text(encoding="utf-8")
            for path in sorted((ROOT / "examples").glob("**/*.cp"))]

PLAN = '''plan "Navigation example" {
  child amy { name "Amy Example" born 2019-04-12 }
  member sam { name "Sam Patel" role social-worker lead }
  member jo { name "Jo Lee" role health-visitor for amy }
  chair sam
  second-chair jo
  need health "Amy's health needs are not met" { domain health }
  outcome seen "Amy is seen by her doctor" { need health by 2026-04-01 }
  action book "Book Amy's review" {
    outcome seen
    owner sam
    support jo sam
    due 2026-02-01
  }
  views amy "Amy likes school dinners"
  meeting core-group 2026-01-22 {
    chair sam
    notes jo
    attended sam jo
  }
}
'''
# Where `sam` is written in PLAN: defined on line 3, referred to five times.
SAM = (Span(3, 10, 3, 13), Span(5, 9, 5, 12), Span(11, 11, 11, 14), Span(12, 16, 12, 19),
       Span(17, 11, 17, 14), Span(19, 14, 19, 17))


def analysis(text: str = PLAN, syntax: bool = True):
    return analyse(text, today=TODAY, syntax=syntax)


def offset(text: str, line: int, column: int) -> int:
    """A place's offset, counted here from the text's own lines."""
    return sum(len(lines) for lines in text.splitlines(keepends=True)[:line - 1]) + column - 1


# -- definition ----------------------------------------------------------------------------

@pytest.mark.parametrize("place", [
    (11, 11),  # `owner sam`, on its first letter
    (11, 13),  # inside it
    (11, 14),  # just after it: the word just typed
    (3, 10),  # the definition itself
    (19, 14),  # `attended sam jo`
])
def test_definition_of_an_id_wherever_it_is_written(place):
    assert definition_at(analysis(), *place) == (Span(3, 10, 3, 13),)


def test_definition_of_each_kind_of_reference():
    found = analysis()
    assert definition_at(found, 4, 53) == (Span(2, 9, 2, 12),)  # `for amy`: a child
    assert definition_at(found, 6, 16) == (Span(4, 10, 4, 12),)  # `second-chair jo`
    assert definition_at(found, 8, 51) == (Span(7, 8, 7, 14),)  # an outcome's `need`
    assert definition_at(found, 10, 13) == (Span(8, 11, 8, 15),)  # an action's `outcome`
    assert definition_at(found, 15, 9) == (Span(2, 9, 2, 12),)  # `views amy`
    assert definition_at(found, 18, 11) == (Span(4, 10, 4, 12),)  # a meeting's `notes`


@pytest.mark.parametrize("place", [
    (11, 5),  # the keyword `owner`
    (7, 57),  # `domain health`: a value from a fixed list, not the need `health`
    (3, 39),  # `role social-worker`
    (13, 9),  # a date
    (1, 1),  # `plan`
    (8, 24),  # inside the text "Amy is seen by her doctor"
    (21, 2),  # after the plan's `}`
    (40, 1),  # past the end of the text
    (0, 0),
    (-3, -7),
])
def test_no_definition_off_an_id(place):
    assert definition_at(analysis(), *place) == ()


def test_an_id_defined_twice_has_both_definitions():
    text = ('plan "Twice" {\n'
            '  member sam { name "Sam Patel" }\n'
            '  need sam "Sam needs a name of its own"\n'
            '  chair sam\n'
            '}\n')
    assert definition_at(analysis(text), 4, 9) == (Span(2, 10, 2, 13), Span(3, 8, 3, 11))


def test_an_undefined_id_has_no_definition_but_has_its_references():
    text = ('plan "Undefined" {\n'
            '  chair bob\n'
            '  action call "Call the family" { owner bob }\n'
            '}\n')
    found = analysis(text)
    assert definition_at(found, 2, 9) == ()
    assert references_at(found, 2, 9) == (Span(2, 9, 2, 12), Span(3, 41, 3, 44))


def test_the_id_wins_over_the_brace_just_after_it():
    text = 'plan "Brace" {\n  member jo {}\n  action call "Call" {owner jo}\n}\n'
    assert definition_at(analysis(text), 3, 31) == (Span(2, 10, 2, 12),)


# -- references and highlights ---------------------------------------------------------------

def test_references_with_and_without_the_definition():
    found = analysis()
    assert references_at(found, 12, 16) == SAM
    assert references_at(found, 12, 16, include_declaration=False) == SAM[1:]
    assert references_at(found, 12, 13) == (
        Span(4, 10, 4, 12), Span(6, 16, 6, 18), Span(12, 13, 12, 15), Span(18, 11, 18, 13),
        Span(19, 18, 19, 20))
    assert references_at(found, 7, 8) == (Span(7, 8, 7, 14), Span(8, 51, 8, 57))


def test_no_references_off_an_id():
    assert references_at(analysis(), 7, 57) == ()
    assert references_at(analysis(), 7, 57, include_declaration=False) == ()


def test_highlights_mark_the_definition_written_and_references_read():
    assert highlights_at(analysis(), 5, 12) == (
        Highlight(Span(3, 10, 3, 13), WRITE), Highlight(Span(5, 9, 5, 12), READ),
        Highlight(Span(11, 11, 11, 14), READ), Highlight(Span(12, 16, 12, 19), READ),
        Highlight(Span(17, 11, 17, 14), READ), Highlight(Span(19, 14, 19, 17), READ))
    assert (WRITE, READ) == ("write", "read")
    assert highlights_at(analysis(), 11, 5) == ()


def test_a_statement_given_twice_still_names_its_id():
    text = ('plan "Repeated" {\n'
            '  member sam { name "Sam Patel" }\n'
            '  member jo { name "Jo Lee" }\n'
            '  action call "Call the family" {\n'
            '    owner sam\n'
            '    owner jo\n'
            '  }\n'
            '  chair sam\n'
            '  chair jo\n'
            '}\n')
    found = analysis(text)
    assert highlights_at(found, 3, 10) == (
        Highlight(Span(3, 10, 3, 12), WRITE), Highlight(Span(6, 11, 6, 13), READ),
        Highlight(Span(9, 9, 9, 11), READ))
    assert definition_at(found, 6, 11) == (Span(3, 10, 3, 12),)


def test_references_inside_a_block_with_a_syntax_error():
    text = ('plan "Broken" {\n'
            '  member sam { name "Sam Patel"\n'
            '  action call "Call the family" {\n'
            '    owner sam\n'
            '    due 2026-2-1\n'
            '    support sam\n'
            '  chair sam\n')
    found = analysis(text)
    assert [(e.code, e.span) for e in found.syntax_errors] == [
        ("CP100", Span(1, 15, 1, 16)), ("CP100", Span(2, 14, 2, 15)),
        ("CP100", Span(3, 33, 3, 34)), ("CP100", Span(5, 9, 5, 17))]
    assert references_at(found, 2, 10) == (
        Span(2, 10, 2, 13), Span(4, 11, 4, 14), Span(6, 13, 6, 16), Span(7, 9, 7, 12))


def test_without_the_syntax_tree_the_answers_are_the_same():
    found = analysis(syntax=False)
    assert found.syntax is None
    assert references_at(found, 11, 11) == SAM
    assert prepare_rename(found, 11, 5) == RenameRefused(ONLY_DEFINED)


@pytest.mark.parametrize("text", ["", 'plan "Only a header" {', 'plan "Empty" {\n}\n', "}}}"])
def test_a_text_with_no_ids_answers_nothing(text):
    found = analysis(text)
    for line, column in [(1, 1), (1, 5), (1, 15), (2, 1)]:
        assert definition_at(found, line, column) == ()
        assert references_at(found, line, column) == ()
        assert highlights_at(found, line, column) == ()
        assert isinstance(prepare_rename(found, line, column), RenameRefused)
        assert isinstance(rename_edits(found, line, column, "sam"), RenameRefused)


# -- prepare rename ------------------------------------------------------------------------

def test_prepare_rename_gives_the_id_under_the_cursor():
    assert prepare_rename(analysis(), 12, 19) == Span(12, 16, 12, 19)
    assert prepare_rename(analysis(), 3, 10) == Span(3, 10, 3, 13)


def test_prepare_rename_refuses_what_is_not_a_defined_id():
    found = analysis()
    assert prepare_rename(found, 11, 6) == RenameRefused(
        "Only an id defined in the plan can be renamed: `owner` is a keyword")
    assert prepare_rename(found, 7, 58) == RenameRefused(
        "Only an id defined in the plan can be renamed")
    assert prepare_rename(found, 20, 1) == RenameRefused(
        "Only an id defined in the plan can be renamed")
    undefined = analysis('plan "Undefined" {\n  chair bob\n}\n')
    assert prepare_rename(undefined, 2, 10) == RenameRefused(
        "Only an id defined in the plan can be renamed: `bob` is not defined (define it, or "
        "correct the reference, first)")


# -- rename --------------------------------------------------------------------------------

def test_rename_replaces_the_definition_and_every_reference():
    edits = rename_edits(analysis(), 17, 12, "sam-p")
    assert edits == tuple(Edit(offset(PLAN, s.line, s.column), offset(PLAN, s.line, s.end_column),
                               "sam-p") for s in SAM)
    assert apply_edits(PLAN, edits) == '''plan "Navigation example" {
  child amy { name "Amy Example" born 2019-04-12 }
  member sam-p { name "Sam Patel" role social-worker lead }
  member jo { name "Jo Lee" role health-visitor for amy }
  chair sam-p
  second-chair jo
  need health "Amy's health needs are not met" { domain health }
  outcome seen "Amy is seen by her doctor" { need health by 2026-04-01 }
  action book "Book Amy's review" {
    outcome seen
    owner sam-p
    support jo sam-p
    due 2026-02-01
  }
  views amy "Amy likes school dinners"
  meeting core-group 2026-01-22 {
    chair sam-p
    notes jo
    attended sam-p jo
  }
}
'''


def test_rename_leaves_values_spelt_like_the_id_alone():
    """`domain health` is a value, and the texts mention health: only the need changes."""
    edits = rename_edits(analysis(), 8, 53, "care")
    assert apply_edits(PLAN, edits).splitlines()[6:8] == [
        '''  need care "Amy's health needs are not met" { domain health }''',
        '''  outcome seen "Amy is seen by her doctor" { need care by 2026-04-01 }''']
    assert edits == (Edit(offset(PLAN, 7, 8), offset(PLAN, 7, 14), "care"),
                     Edit(offset(PLAN, 8, 51), offset(PLAN, 8, 57), "care"))


def test_rename_to_the_same_name_changes_nothing():
    assert rename_edits(analysis(), 3, 11, "sam") == ()


@pytest.mark.parametrize(("new_name", "message"), [
    ("", "An id cannot be empty"),
    ("1st-visit", "`1st-visit` is not an id: an id starts with a letter and holds only letters, "
                  "digits, `_` and `-`"),
    ("_sam", "`_sam` is not an id: an id starts with a letter and holds only letters, digits, "
             "`_` and `-`"),
    ("sam patel", "`sam patel` is not an id: an id starts with a letter and holds only "
                  "letters, digits, `_` and `-`"),
    ("zoë", "`zoë` is not an id: an id starts with a letter and holds only letters, digits, "
            "`_` and `-`"),
    ("owner", "`owner` is a keyword of the language: in a list of ids it would be read as "
              "the keyword"),
    ("vice-chair", "`vice-chair` is a keyword of the language: in a list of ids it would be "
                   "read as the keyword"),
    ("weeks", "`weeks` is a keyword of the language: in a list of ids it would be read as "
              "the keyword"),
    ("parents", "`parents` is a group `views` names: `views parents` would not name `sam`"),
    ("jo", "`jo` is already the id of a member on line 4: choose another name"),
    ("book", "`book` is already the id of an action on line 9: choose another name"),
])
def test_rename_refuses_a_name_that_would_change_the_plan(new_name, message):
    assert rename_edits(analysis(), 3, 10, new_name) == RenameRefused(message)


def test_rename_refuses_a_name_used_but_never_defined():
    text = ('plan "Typo" {\n'
            '  member sam { name "Sam Patel" }\n'
            '  chair sma\n'
            '}\n')
    assert rename_edits(analysis(text), 2, 10, "sma") == RenameRefused(
        "`sma` is already used on line 3 (`chair sma`) and defined nowhere: renamed to it, "
        "`sam` would take that reference too; choose another name")


def test_rename_refuses_an_undefined_id():
    text = 'plan "Undefined" {\n  chair bob\n}\n'
    assert rename_edits(analysis(text), 2, 9, "rob") == RenameRefused(
        "Only an id defined in the plan can be renamed: `bob` is not defined (define it, or "
        "correct the reference, first)")


def test_a_views_group_may_name_what_views_cannot_refer_to():
    text = ('plan "Family" {\n'
            '  need home "The home is cold"\n'
            '  outcome warm "The home is warm" { need home }\n'
            '}\n')
    edits = rename_edits(analysis(text), 2, 8, "family")
    assert apply_edits(text, edits) == ('plan "Family" {\n'
                                        '  need family "The home is cold"\n'
                                        '  outcome warm "The home is warm" { need family }\n'
                                        '}\n')


def test_rename_of_an_id_defined_twice_renames_both():
    text = ('plan "Twice" {\n'
            '  member sam { name "Sam Patel" }\n'
            '  member sam { name "Sam Green" }\n'
            '  chair sam\n'
            '}\n')
    assert apply_edits(text, rename_edits(analysis(text), 4, 9, "sam-g")) == (
        'plan "Twice" {\n'
        '  member sam-g { name "Sam Patel" }\n'
        '  member sam-g { name "Sam Green" }\n'
        '  chair sam-g\n'
        '}\n')


def test_rename_in_a_text_with_other_line_ends_and_wide_characters():
    text = ('plan "Zoë 🙂" {\r\n'
            '  member zoe { name "Zoë 🙂 Ng" }\r'
            '  chair zoe  # 🙂 zoe\n'
            '  action call "Ring Zoë" {owner zoe}\r\n'
            '}\r\n')
    edits = rename_edits(analysis(text), 3, 11, "zoe-ng")
    assert apply_edits(text, edits) == ('plan "Zoë 🙂" {\r\n'
                                        '  member zoe-ng { name "Zoë 🙂 Ng" }\r'
                                        '  chair zoe-ng  # 🙂 zoe\n'
                                        '  action call "Ring Zoë" {owner zoe-ng}\r\n'
                                        '}\r\n')


def test_rename_inside_blocks_with_syntax_errors():
    text = ('plan "Broken" {\n'
            '  member sam { name "Sam Patel"\n'
            '  action call "Call the family" {\n'
            '    owner sam\n'
            '    due 2026-2-1\n'
            '    support sam\n'
            '  chair sam\n')
    assert apply_edits(text, rename_edits(analysis(text), 7, 9, "sam-p")) == (
        'plan "Broken" {\n'
        '  member sam-p { name "Sam Patel"\n'
        '  action call "Call the family" {\n'
        '    owner sam-p\n'
        '    due 2026-2-1\n'
        '    support sam-p\n'
        '  chair sam-p\n')


def test_rename_takes_a_statement_given_twice_with_it():
    text = ('plan "Repeated" {\n'
            '  member sam { name "Sam Patel" }\n'
            '  member jo { name "Jo Lee" }\n'
            '  action call "Call" { owner sam owner jo }\n'
            '}\n')
    assert apply_edits(text, rename_edits(analysis(text), 3, 10, "jo-lee")) == (
        'plan "Repeated" {\n'
        '  member sam { name "Sam Patel" }\n'
        '  member jo-lee { name "Jo Lee" }\n'
        '  action call "Call" { owner sam owner jo-lee }\n'
        '}\n')


# -- properties ------------------------------------------------------------------------------

def shifted(edits: tuple[Edit, ...], at: int) -> int:
    """Where an offset of the text before the edits lands after them."""
    return at + sum(len(e.new_text) - (e.end - e.start) for e in edits if e.end <= at)


def diagnostics_as_offsets(found) -> list[tuple[str, int, int, str]]:
    return [(d.code, *found.lines.offsets(d.span), d.message) for d in found.diagnostics]


def defined_ids(found) -> list[tuple[str, Span]]:
    return [(name, defs[0].id.span) for name, defs in found.index.by_id.items()]


@given(data=st.data())
def test_renaming_in_an_example_keeps_its_findings_and_renaming_back_undoes_it(data):
    text = data.draw(st.sampled_from(EXAMPLES))
    before = analysis(text)
    name, span = data.draw(st.sampled_from(defined_ids(before)))
    new_name = data.draw(IDENTS)
    edits = rename_edits(before, span.line, span.column, new_name)
    if isinstance(edits, RenameRefused):  # only a name the plan uses, or a `views` group
        assert new_name in {o.name for o in occurrences(before)} | set(VIEWS_GROUPS), edits
        return
    renamed = apply_edits(text, edits)
    after = analysis(renamed)
    whole_word = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    expected = [(code, shifted(edits, start), shifted(edits, end),
                 whole_word.sub(new_name, message))
                for code, start, end, message in diagnostics_as_offsets(before)]
    assert diagnostics_as_offsets(after) == expected
    line, column = after.lines.place(shifted(edits, before.lines.offset(span.line, span.column)))
    assert apply_edits(renamed, rename_edits(after, line, column, name)) == text


def places(found, defined: bool = False) -> st.SearchStrategy[tuple[int, int]]:
    """Any place near the text, or the start or end of an id in it (of an id the plan
    defines, when `defined`)."""
    count = len(found.lines)
    anywhere = st.tuples(st.integers(-1, count + 1), st.integers(-1, 80))
    ids = [place for o in occurrences(found) if not defined or o.name in found.index.by_id
           for place in ((o.span.line, o.span.column), (o.span.line, o.span.end_column))]
    return st.one_of(anywhere, st.sampled_from(ids)) if ids else anywhere


def any_text() -> st.SearchStrategy[str]:
    return st.one_of(st.text(), fragment_text(), mutated_example(), laid_out_plan())


def written(found, span: Span) -> str:
    start, end = found.lines.offsets(span)
    return found.text[start:end]


@given(data=st.data())
def test_on_any_text_the_answers_are_consistent_and_never_raise(data):
    text = data.draw(any_text())
    found = analysis(text)
    line, column = data.draw(places(found))
    definitions = definition_at(found, line, column)
    every = references_at(found, line, column)
    others = references_at(found, line, column, include_declaration=False)
    highlights = highlights_at(found, line, column)
    assert set(definitions) <= set(every)
    assert others == tuple(s for s in every if s not in definitions)
    assert highlights == tuple(Highlight(s, WRITE if s in definitions else READ) for s in every)
    assert list(every) == sorted(every, key=lambda s: (s.line, s.column))
    assert len({written(found, s) for s in every}) <= 1  # one id, written alike everywhere
    prepared = prepare_rename(found, line, column)
    if isinstance(prepared, Span):
        assert prepared in every and definitions
        assert (prepared.line, prepared.column) <= (line, column) <= (
            prepared.end_line, prepared.end_column)
    else:
        assert isinstance(prepared.message, str) and prepared.message


def assert_rename_edits_only_the_id_and_can_be_undone(found, line, column, new_name):
    """The edits of a rename replace the id's characters and nothing else; analysed again,
    the renamed text has the new id at each edited place, and renaming it back gives the
    text as it was. Returns the refusal, if the rename was refused."""
    edits = rename_edits(found, line, column, new_name)
    if isinstance(edits, RenameRefused):
        assert edits.message
        return edits
    old = written(found, prepare_rename(found, line, column))
    assert [found.text[e.start:e.end] for e in edits] == [old] * len(edits)
    assert all(e.new_text == new_name for e in edits)
    assert list(edits) == sorted(edits)
    if not edits:
        assert new_name == old
        return None
    renamed = apply_edits(found.text, edits)
    after = found.again(renamed)
    first = after.lines.place(shifted(edits, edits[0].start))
    assert references_at(after, *first) == tuple(
        Span(*after.lines.place(shifted(edits, e.start)),
             *after.lines.place(shifted(edits, e.start) + len(new_name))) for e in edits)
    assert apply_edits(renamed, rename_edits(after, *first, old)) == found.text
    return None


@given(data=st.data())
def test_on_any_text_a_rename_edits_only_the_id_and_can_be_undone(data):
    text = data.draw(any_text())
    found = analysis(text)
    line, column = data.draw(places(found, defined=True))
    new_name = data.draw(st.one_of(IDENTS, st.text(max_size=4)))
    assert_rename_edits_only_the_id_and_can_be_undone(found, line, column, new_name)


@given(data=st.data())
def test_renaming_a_defined_id_of_a_broken_or_generated_plan(data):
    """On plans that define ids (a mutated example, a plan from the grammar), at an id
    the plan defines, with a well-formed new name: refused only for a name in use or a
    `views` group."""
    found = analysis(data.draw(st.one_of(mutated_example(), laid_out_plan())))
    defined = [o for o in occurrences(found) if o.name in found.index.by_id]
    assume(defined)
    at = data.draw(st.sampled_from(defined)).span
    line, column = at.line, data.draw(st.sampled_from([at.column, at.end_column]))
    new_name = data.draw(IDENTS)
    refused = assert_rename_edits_only_the_id_and_can_be_undone(found, line, column, new_name)
    if refused is not None:
        assert new_name in {o.name for o in occurrences(found)} | set(VIEWS_GROUPS), refused

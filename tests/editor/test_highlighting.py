"""Semantic tokens: every token of small plans written out in full, the legend, range
requests, and the order and shape of the tokens on any text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import fragment_text, keywords, laid_out_plan, mutated_example

from cpdsl.analysis import analyse
from cpdsl.editor.highlighting import (
    TOKEN_MODIFIER_BIT,
    TOKEN_MODIFIERS,
    TOKEN_TYPE_INDEX,
    TOKEN_TYPES,
    UNIT_WORDS,
    SemanticToken,
    semantic_tokens,
)
from cpdsl.model import Span
from cpdsl.parsing.syntax import Statement, Token

TODAY = dt.date(2026, 3, 1)
DECLARATION = ("declaration",)

PLAN = '''\
plan "Ana Notreal" {  # cplint: ignore[CP508] signatures come at the review
  profile wales
  child ana { born 2019-04-12 }
  member sam { role social-worker  lead }
  action call "Call" { owner sam  due 2026-02-01  status open }
  contact ana by sam every 10 working days
  views child """Ana likes
    her school"""
  meeting core-group 2026-01-22 { time 10:30  views ana "Fine" }
}
'''

PLAN_TOKENS = (
    SemanticToken(1, 1, 4, "keyword"),  # plan
    SemanticToken(1, 6, 13, "string"),  # "Ana Notreal"
    SemanticToken(1, 23, 53, "comment"),  # the suppression comment, a comment like any
    SemanticToken(2, 3, 7, "keyword"),  # profile
    SemanticToken(2, 11, 5, "enumMember"),  # wales: a shipped profile's name
    SemanticToken(3, 3, 5, "keyword"),  # child
    SemanticToken(3, 9, 3, "variable", DECLARATION),  # ana
    SemanticToken(3, 15, 4, "keyword"),  # born
    SemanticToken(3, 20, 10, "number"),  # 2019-04-12
    SemanticToken(4, 3, 6, "keyword"),  # member
    SemanticToken(4, 10, 3, "variable", DECLARATION),  # sam
    SemanticToken(4, 16, 4, "keyword"),  # role
    SemanticToken(4, 21, 13, "enumMember"),  # social-worker
    SemanticToken(4, 36, 4, "keyword"),  # lead
    SemanticToken(5, 3, 6, "keyword"),  # action
    SemanticToken(5, 10, 4, "variable", DECLARATION),  # call
    SemanticToken(5, 15, 6, "string"),  # "Call"
    SemanticToken(5, 24, 5, "keyword"),  # owner
    SemanticToken(5, 30, 3, "variable"),  # sam: a reference
    SemanticToken(5, 35, 3, "keyword"),  # due
    SemanticToken(5, 39, 10, "number"),  # 2026-02-01
    SemanticToken(5, 51, 6, "keyword"),  # status
    SemanticToken(5, 58, 4, "enumMember"),  # open
    SemanticToken(6, 3, 7, "keyword"),  # contact
    SemanticToken(6, 11, 3, "variable"),  # ana
    SemanticToken(6, 15, 2, "keyword"),  # by
    SemanticToken(6, 18, 3, "variable"),  # sam
    SemanticToken(6, 22, 5, "keyword"),  # every
    SemanticToken(6, 28, 2, "number"),  # 10
    SemanticToken(6, 31, 7, "number"),  # working: a duration's unit is part of the value
    SemanticToken(6, 39, 4, "number"),  # days
    SemanticToken(7, 3, 5, "keyword"),  # views
    SemanticToken(7, 9, 5, "enumMember"),  # child: a group whose views these are
    SemanticToken(7, 15, 12, "string"),  # """Ana likes
    SemanticToken(8, 5, 13, "string"),  # her school""" (without the indentation)
    SemanticToken(9, 3, 7, "keyword"),  # meeting
    SemanticToken(9, 11, 10, "enumMember"),  # core-group
    SemanticToken(9, 22, 10, "number"),  # 2026-01-22
    SemanticToken(9, 35, 4, "keyword"),  # time
    SemanticToken(9, 40, 5, "number"),  # 10:30
    SemanticToken(9, 47, 5, "keyword"),  # views
    SemanticToken(9, 53, 3, "variable"),  # ana: a child's id
    SemanticToken(9, 57, 6, "string"),  # "Fine"
)


def analysed(text: str):
    return analyse(text, today=TODAY)


def test_every_token_of_a_small_plan():
    assert semantic_tokens(analysed(PLAN)) == PLAN_TOKENS


def test_the_legend_is_of_standard_lsp_types_and_modifiers():
    # LSP 3.17's SemanticTokenTypes and SemanticTokenModifiers, which every theme colours.
    standard_types = {
        "namespace", "type", "class", "enum", "interface", "struct", "typeParameter",
        "parameter", "variable", "property", "enumMember", "event", "function", "method",
        "macro", "keyword", "modifier", "comment", "string", "number", "regexp", "operator",
        "decorator",
    }
    standard_modifiers = {
        "declaration", "definition", "readonly", "static", "deprecated", "abstract", "async",
        "modification", "documentation", "defaultLibrary",
    }
    assert TOKEN_TYPES == ("keyword", "variable", "string", "number", "comment", "enumMember")
    assert set(TOKEN_TYPES) <= standard_types
    assert TOKEN_MODIFIERS == ("declaration",)
    assert set(TOKEN_MODIFIERS) <= standard_modifiers
    assert TOKEN_TYPE_INDEX == {"keyword": 0, "variable": 1, "string": 2, "number": 3,
                                "comment": 4, "enumMember": 5}
    assert TOKEN_MODIFIER_BIT == {"declaration": 1}


def test_the_unit_words_are_the_languages_units():
    from cpdsl.meanings import UNIT, all_meanings

    assert UNIT_WORDS == {meaning.word for meaning in all_meanings() if meaning.kind == UNIT}


def test_an_id_spelt_like_a_keyword_and_a_profile_named_by_path():
    text = ('plan "T" {\n  profile "local/northtown.toml"\n  member time { role parent }\n'
            '  copy time 2026-01-02\n}')
    assert semantic_tokens(analysed(text)) == (
        SemanticToken(1, 1, 4, "keyword"),
        SemanticToken(1, 6, 3, "string"),
        SemanticToken(2, 3, 7, "keyword"),
        SemanticToken(2, 11, 22, "string"),
        SemanticToken(3, 3, 6, "keyword"),
        SemanticToken(3, 10, 4, "variable", DECLARATION),
        SemanticToken(3, 17, 4, "keyword"),
        SemanticToken(3, 22, 6, "enumMember"),
        SemanticToken(4, 3, 4, "keyword"),
        SemanticToken(4, 8, 4, "variable"),
        SemanticToken(4, 13, 10, "number"),
    )


def test_line_ends_are_no_part_of_a_token():
    # Windows line ends: a comment and each line of a text end before the `\r`, and the
    # blank line inside the text gets no token.
    text = ('plan "T" {\r\n  contingency """\r\n    Line one\r\n\r\n    Line two"""  # note\r\n'
            "}\r\n")
    assert semantic_tokens(analysed(text)) == (
        SemanticToken(1, 1, 4, "keyword"),
        SemanticToken(1, 6, 3, "string"),
        SemanticToken(2, 3, 11, "keyword"),
        SemanticToken(2, 15, 3, "string"),
        SemanticToken(3, 5, 8, "string"),
        SemanticToken(5, 5, 11, "string"),
        SemanticToken(5, 18, 6, "comment"),
    )


def test_a_half_typed_plan_is_coloured_as_far_as_it_was_read():
    # The open string is text the parser skipped: it gets no token (the editor's own
    # grammar still colours it).
    text = 'plan "Half typed" {\n  member sam {\n    name "Sam Okafor\n  }\n  member jo { role\n'
    assert semantic_tokens(analysed(text)) == (
        SemanticToken(1, 1, 4, "keyword"),
        SemanticToken(1, 6, 12, "string"),
        SemanticToken(2, 3, 6, "keyword"),
        SemanticToken(2, 10, 3, "variable", DECLARATION),
        SemanticToken(3, 5, 4, "keyword"),
        SemanticToken(5, 3, 6, "keyword"),
        SemanticToken(5, 10, 2, "variable", DECLARATION),
        SemanticToken(5, 15, 4, "keyword"),
    )


def test_an_empty_text_a_lone_header_and_no_syntax_tree():
    assert semantic_tokens(analysed("")) == ()
    assert semantic_tokens(analysed('plan "T" {')) == (
        SemanticToken(1, 1, 4, "keyword"), SemanticToken(1, 6, 3, "string"))
    assert semantic_tokens(analyse(PLAN, today=TODAY, syntax=False)) == ()


def test_a_range_gives_the_tokens_that_overlap_it_whole():
    analysis = analysed(PLAN)
    # From inside `role` to inside `social-worker`, on line 4.
    assert semantic_tokens(analysis, Span(4, 18, 4, 25)) == (
        SemanticToken(4, 16, 4, "keyword"), SemanticToken(4, 21, 13, "enumMember"))
    # Lines 7 to 8 of the text over two lines, and nothing past the end of line 8.
    assert semantic_tokens(analysis, Span(7, 1, 9, 1)) == (
        SemanticToken(7, 3, 5, "keyword"), SemanticToken(7, 9, 5, "enumMember"),
        SemanticToken(7, 15, 12, "string"), SemanticToken(8, 5, 13, "string"))
    # An empty range: the token it is in; none in the space between two.
    assert semantic_tokens(analysis, Span(2, 12, 2, 12)) == (
        SemanticToken(2, 11, 5, "enumMember"),)
    assert semantic_tokens(analysis, Span(2, 10, 2, 10)) == ()
    # The comment on line 1, from a range that starts in it.
    assert semantic_tokens(analysis, Span(1, 30, 2, 1)) == (
        SemanticToken(1, 23, 53, "comment"),)


# -- properties --------------------------------------------------------------------------

_LINE_END = re.compile(r"\r\n|\r|\n")


def _overlaps(token: SemanticToken, span: Span) -> bool:
    start, stop = (token.line, token.column), (token.line, token.column + token.length)
    low, high = (span.line, span.column), (span.end_line, span.end_column)
    if low == high:
        return start <= low < stop
    return start < high and low < stop


def assert_tokens_well_formed(text: str) -> tuple[SemanticToken, ...]:
    analysis = analysed(text)
    tokens = semantic_tokens(analysis)
    check_tokens(tokens, _LINE_END.split(analysis.text))
    return tokens


def check_tokens(tokens: tuple[SemanticToken, ...], lines: list[str]) -> None:
    """In file order, none overlapping the one before, each inside one line."""
    end = (0, 0)
    for token in tokens:
        assert token.kind in TOKEN_TYPES and set(token.modifiers) <= set(TOKEN_MODIFIERS)
        assert token.length >= 1, token
        assert (token.line, token.column) >= end, ("out of order or overlapping", token)
        assert 1 <= token.line <= len(lines), token
        assert token.column >= 1 and token.column + token.length - 1 <= len(
            lines[token.line - 1]), ("past the end of its line", token)
        end = (token.line, token.column + token.length)


def test_the_property_check_catches_bad_tokens():
    """A control for the properties below: the check does fail on bad tokens."""
    lines = ['plan "T" {', "}"]
    check_tokens((SemanticToken(1, 1, 4, "keyword"), SemanticToken(1, 6, 3, "string")), lines)
    for bad in (
        (SemanticToken(1, 1, 4, "keyword"), SemanticToken(1, 3, 4, "string")),  # overlap
        (SemanticToken(1, 6, 3, "string"), SemanticToken(1, 1, 4, "keyword")),  # order
        (SemanticToken(2, 1, 2, "keyword"),),  # past the end of its line
        (SemanticToken(1, 1, 4, "type"),),  # not in the legend
    ):
        with pytest.raises(AssertionError):
            check_tokens(bad, lines)


@given(fragment_text())
def test_fragments_give_ordered_tokens_on_one_line_each(text):
    assert_tokens_well_formed(text)


@given(mutated_example(), st.integers(1, 70), st.integers(1, 90), st.integers(0, 8),
       st.integers(1, 90))
def test_a_range_gives_exactly_the_tokens_that_overlap_it(text, line, column, lines, end):
    tokens = assert_tokens_well_formed(text)
    span = Span(line, column, line + lines, end if lines else max(end, column))
    wanted = tuple(token for token in tokens if _overlaps(token, span))
    assert semantic_tokens(analysed(text), span) == wanted


def _written_tokens(items) -> list[Token]:
    found = []
    for item in items:
        if isinstance(item, Statement):
            found += [t for t in item.tokens if not t.inserted]
            found += _written_tokens(item.block or ())
    return found


@given(laid_out_plan())
def test_in_a_plan_from_the_grammar_each_terminal_has_its_type(text):
    # Every keyword of the grammar is a keyword but a duration's unit, part of its
    # number; texts are strings, dates, times and numbers numbers. (The generated ids are
    # never spelt like keywords.)
    analysis = analysed(text)
    by_place = {(t.line, t.column): t.kind for t in assert_tokens_well_formed(text)}
    for token in _written_tokens(analysis.syntax.statements):
        kind = by_place.get((token.line, token.column))
        if token.text in keywords():
            assert kind == "keyword" or (token.text in UNIT_WORDS and kind == "number"), token
        elif token.kind in ("STRING", "BLOCK_STRING"):
            assert kind == "string", token
        elif token.kind in ("DATE", "TIME", "NUMBER"):
            assert kind == "number", token
        elif token.kind == "IDENT":
            assert kind in ("variable", "enumMember"), token

"""Positions at the server's edge: the library's places against the client's units."""

from __future__ import annotations

import pytest
from cpdsl_lsp.positions import UTF8, UTF16, UTF32, PositionMap, units
from hypothesis import given
from hypothesis import strategies as st

from cpdsl.lines import Lines
from cpdsl.model import Span

ENCODINGS = (UTF8, UTF16, UTF32)
# "Zoë 👋 said" : ë is one UTF-16 unit and two UTF-8 bytes, 👋 two units and four bytes.
LINE = 'views amy "Zoë 👋 said"'


@pytest.mark.parametrize(("encoding", "after_wave"), [(UTF8, 22), (UTF16, 19), (UTF32, 18)])
def test_columns_after_wide_characters(encoding, after_wave):
    text = f"plan \"T\" {{\n  {LINE}\n}}\n"
    positions = PositionMap(text, encoding)
    said = text.index(" said")  # the library counts code points: column 19 of line 2
    assert Lines(text).place(said) == (2, 19)
    assert positions.position_of_offset(said) == (1, after_wave)
    assert positions.offset((1, after_wave)) == said
    assert positions.range(Span(2, 19, 2, 24)) == ((1, after_wave), (1, after_wave + 5))


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_position_inside_a_character_is_at_its_start(encoding):
    text = "a👋b"
    positions = PositionMap(text, encoding)
    inside = {UTF8: (0, 3), UTF16: (0, 2), UTF32: (0, 1)}[encoding]
    assert positions.offset(inside) == 1
    assert positions.offset((0, units("a👋", encoding))) == 2


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_positions_past_the_end_are_clamped(encoding):
    text = "ab\ncd"
    positions = PositionMap(text, encoding)
    assert positions.offset((0, 99)) == 2  # the end of line 0, not into line 1
    assert positions.offset((7, 0)) == len(text)
    assert positions.offset((-1, 5)) == 0
    assert positions.end() == (1, 2)


@pytest.mark.parametrize("breaker", ["\v", "\f", "\x1c", "\x85", "\u2028", "\u2029"])
def test_only_cr_and_lf_end_lines(breaker):
    """Text pasted from Word can hold these: LSP does not break lines at them, nor may we."""
    text = f"one{breaker}two\nthree"
    positions = PositionMap(text, UTF16)
    assert positions.position_of_offset(text.index("two")) == (0, 4)
    assert positions.position_of_offset(text.index("three")) == (1, 0)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_every_line_ending_counts_once(ending):
    text = f"a{ending}b{ending}"
    positions = PositionMap(text, UTF16)
    assert positions.position_of_offset(text.index("b")) == (1, 0)
    assert positions.end() == (2, 0)


def test_a_byte_order_mark_is_a_character_of_the_clients_first_line():
    text = "plan"  # the library's text, after the mark
    positions = PositionMap(text, UTF16, bom=True)
    assert positions.position(1, 1) == (0, 1)
    assert positions.offset((0, 1)) == 0 and positions.offset((0, 0)) == 0
    assert PositionMap(text, UTF8, bom=True).position(1, 2) == (0, 4)  # U+FEFF: 3 bytes


texts = st.text(alphabet=st.sampled_from(list("ab é👋\n\r\v\u2028\t\"{}")), max_size=40)


@given(texts, st.sampled_from(ENCODINGS), st.data())
def test_every_offset_goes_out_and_back(text, encoding, data):
    positions = PositionMap(text, encoding)
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1  # between CR and LF is no place in a line
    assert positions.offset(positions.position_of_offset(offset)) == offset


@given(texts, st.sampled_from(ENCODINGS), st.integers(-2, 12), st.integers(-2, 60))
def test_any_client_position_lands_on_its_line_at_or_before_it(text, encoding, line, character):
    positions = PositionMap(text, encoding)
    offset = positions.offset((line, character))
    assert 0 <= offset <= len(text)
    landed = positions.position_of_offset(offset)
    if 0 <= line < len(Lines(text)):
        assert landed[0] == line and landed[1] <= max(character, 0)
    elif line < 0:
        assert landed == (0, 0)
    else:
        assert landed == positions.end()

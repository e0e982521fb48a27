"""The formatter: golden files, its safety properties, and what it refuses.

Golden files are `tests/formatting/NAME.in.cp` and the expected `NAME.out.cp`;
`UPDATE_GOLDEN=1` writes the outputs from the formatter (read the diff before
committing them). The number of hypothesis examples comes from tests/conftest.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from test_properties import laid_out_plan

from cpdsl.formatting import FormatResult, format_text
from cpdsl.formatting.text_blocks import reindent
from cpdsl.parsing import parse
from cpdsl.parsing.syntax import read_syntax

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "formatting"
INPUTS = sorted(GOLDEN.glob("*.in.cp"))
PLAN_FILES = sorted([*(ROOT / "examples").rglob("*.cp"), *(ROOT / "tests").rglob("*.cp")])


def assert_safe(text: str, result: FormatResult, line_length: int = 100) -> None:
    """The result means what the text means, keeps its comments and is a fixed point."""
    assert result.ok, result.problem
    before, after = parse(text.lstrip("\ufeff")), parse(result.text)
    assert after.syntax_errors == ()
    assert after.plan == before.plan
    assert [c.text.rstrip() for c in after.comments] == [c.text.rstrip() for c in before.comments]
    assert format_text(result.text, line_length).text == result.text


# -- golden files --------------------------------------------------------------------------

@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.name.removesuffix(".in.cp"))
def test_golden(source: Path):
    text = source.read_text(encoding="utf-8")
    result = format_text(text)
    assert_safe(text, result)
    expected = source.with_name(source.name.replace(".in.cp", ".out.cp"))
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(result.text, encoding="utf-8")
    assert result.text == expected.read_text(encoding="utf-8")


def test_every_golden_input_has_its_output():
    assert len(INPUTS) >= 7
    for source in INPUTS:
        assert source.with_name(source.name.replace(".in.cp", ".out.cp")).exists(), source


def test_a_narrow_line_length_splits_every_block():
    text = 'plan "T" {\n  member sam { name "Sam Patel" role social-worker }\n}\n'
    assert format_text(text, line_length=52).text == text
    assert format_text(text, line_length=51).text == (
        'plan "T" {\n  member sam {\n    name "Sam Patel"\n    role social-worker\n  }\n}\n')


# -- line endings, byte order mark, refusals ----------------------------------------------

def test_crlf_becomes_lf_and_a_final_newline_is_added():
    text = 'plan "T" {\r\n  chair sam\r\n  # note\r\n}'
    assert format_text(text).text == 'plan "T" {\n  chair sam\n  # note\n}\n'


def test_a_byte_order_mark_is_dropped():
    result = format_text('\ufeffplan "T" {\n  chair sam\n}\n')
    assert result.ok and result.changed
    assert result.text == 'plan "T" {\n  chair sam\n}\n'


def test_a_block_in_a_crlf_file_is_written_with_lf_and_keeps_its_value():
    """The parser reads a CRLF file's block as the LF file's, so the block can be laid out
    anew with `\n` (it was once kept as written: a blank `\r` line blocked the dedent)."""
    block = '"""\r\n    a\r\n\r\n    b\r\n  """'
    text = f'plan "T" {{\r\n  contingency {block}\r\n}}\r\n'
    result = format_text(text)
    assert_safe(text, result)
    assert '"""\n    a\n\n    b\n  """' in result.text and "\r" not in result.text


def test_reindent_moves_a_block_and_keeps_its_value():
    block = '"""\n      one\n        two\n\n      three\n    """'
    assert reindent(block, 1) == '"""\n    one\n      two\n\n    three\n  """'
    assert reindent('"""one line"""', 3) == '"""one line"""'


def test_an_unchanged_plan_is_not_changed():
    text = 'plan "T" {\n  chair sam\n}\n'
    assert format_text(text) == FormatResult(text, False)


@pytest.mark.parametrize("text", [
    'plan "T" {\n  chair\n}\n',
    'plan "T" {\n  member sam { name "Sam Patel" \n}\n',
    'plan "T" {\n  chair sam\n',
    'plan "T" {\n  chair sam\n}\nchair jo\n',
    "# only a comment\n",
    "",
])
def test_a_plan_with_syntax_errors_is_refused_unchanged(text):
    result = format_text(text)
    assert not result.ok and result.syntax_errors
    assert result.text == text and not result.changed
    assert read_syntax(text) is None


def test_the_safety_check_refuses_a_layout_that_changes_the_plan(monkeypatch):
    import cpdsl.formatting as formatting

    text = 'plan "T" {\n  chair sam\n}\n'
    monkeypatch.setattr(formatting, "lay_out", lambda syntax, length: text.replace("sam", "jo"))
    result = format_text(text)
    assert result.text == text and not result.changed
    assert "change the plan's meaning" in result.problem


def test_the_safety_check_refuses_a_layout_that_drops_a_comment(monkeypatch):
    import cpdsl.formatting as formatting

    text = 'plan "T" {\n  chair sam  # agreed\n}\n'
    dropped = 'plan "T" {\n  chair sam\n}\n'
    monkeypatch.setattr(formatting, "lay_out", lambda syntax, length: dropped)
    result = format_text(text)
    assert result.text == text and "comment" in result.problem


# -- properties ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_plan_in_the_repository_is_formatted_safely(path: Path):
    text = path.read_text(encoding="utf-8")
    result = format_text(text)
    if parse(text.lstrip("\ufeff")).syntax_errors:
        assert result.text == text and result.syntax_errors
    else:
        assert_safe(text, result)


SEPARATORS = [" ", "  ", "\t", "\n", "\n  ", "\n\n    ", "\r\n", " \n\n\n "]


@st.composite
def relaid_plan(draw) -> str:
    """A plan of the repository with its tokens and comments laid out anew."""
    path = draw(st.sampled_from(PLAN_FILES))
    text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    syntax = read_syntax(text)
    assume(syntax is not None)
    tokens = [*syntax.header, *(t for s in syntax.statements for t in s.all_tokens()),
              syntax.close]
    items = sorted([(t.line, t.column, t.text, False) for t in tokens]
                   + [(c.line, c.column, c.text, True) for c in syntax.comments])
    out: list[str] = []
    after_comment = False
    for _, _, word, is_comment in items:
        if out:
            sep = draw(st.sampled_from(SEPARATORS))
            out.append(sep if "\n" in sep or not after_comment else "\n" + sep)
        out.append(word)
        after_comment = is_comment
    return "".join(out) + draw(st.sampled_from(["", "\n", "\n\n"]))


@given(relaid_plan())
def test_a_relaid_plan_of_the_repository_is_formatted_safely(text):
    assume(parse(text).syntax_errors == ())
    assert_safe(text, format_text(text))


@given(laid_out_plan(), st.sampled_from([30, 60, 100]))
def test_a_plan_from_the_grammar_is_formatted_safely(text, line_length):
    assert_safe(text, format_text(text, line_length), line_length)

"""The formatter: golden files, its safety properties, and what it refuses.

Golden files are `tests/formatting/NAME.in.cp` and the expected `NAME.out.cp`
(`tests/formatting/sorted/` for `sort=True`);
`UPDATE_GOLDEN=1` writes the outputs from the formatter (read the diff before
committing them). The number of hypothesis examples comes from tests/conftest.py.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from test_properties import laid_out_plan

from cpdsl.formatting import FormatResult, format_text
from cpdsl.formatting.comments import comments_by_statement
from cpdsl.formatting.sorting import SECTION_OF
from cpdsl.formatting.text_blocks import reindent
from cpdsl.parsing import parse
from cpdsl.parsing.syntax import read_syntax

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "formatting"
INPUTS = sorted(GOLDEN.glob("*.in.cp"))
SORTED_INPUTS = sorted((GOLDEN / "sorted").glob("*.in.cp"))
# Every plan in the repository, less the caseload's odd files (a dangling link, a file
# that is not UTF-8: what cplint check must survive, not plans).
PLAN_FILES = sorted([*(ROOT / "examples").rglob("*.cp"),
                     *(p for p in (ROOT / "tests").rglob("*.cp")
                       if (ROOT / "tests" / "data" / "caseload" / "odd") not in p.parents)])


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
    assert len(INPUTS) >= 7 and SORTED_INPUTS
    for source in INPUTS + SORTED_INPUTS:
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


@pytest.mark.parametrize("odd", ["\x1f", "\x0c", "\x0b", "\u2028", "\x85"])
def test_reindent_keeps_a_block_with_an_odd_space_as_written(odd):
    # str.strip() takes these for spaces, and so does the value's normalising: moving the
    # block would drop the character unseen (and the CP108 finding it has)
    block = f'"""{odd}\n      one\n    """'
    assert reindent(block, 1) == block
    text = f'plan "T" {{\n  reference {block}\n}}\n'
    result = format_text(text)
    assert result.ok, result.problem
    assert odd in result.text


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
    monkeypatch.setattr(formatting, "lay_out", lambda syntax, length, sort=False: text.replace("sam", "jo"))
    result = format_text(text)
    assert result.text == text and not result.changed
    assert "change the plan's meaning" in result.problem


def test_the_safety_check_refuses_a_layout_that_drops_a_comment(monkeypatch):
    import cpdsl.formatting as formatting

    text = 'plan "T" {\n  chair sam  # agreed\n}\n'
    dropped = 'plan "T" {\n  chair sam\n}\n'
    monkeypatch.setattr(formatting, "lay_out", lambda syntax, length, sort=False: dropped)
    result = format_text(text)
    assert result.text == text and "comment" in result.problem


def test_the_safety_check_refuses_a_layout_that_is_not_stable(monkeypatch):
    """Black's stability check: formatting the result again must change nothing. This
    layout means the same each time, but puts a blank line after the header only when
    there was none, so each formatting undoes the last."""
    import cpdsl.formatting as formatting
    from cpdsl.formatting.layout import lay_out

    def unstable(syntax, length, sort=False):
        first, rest = lay_out(syntax, length, sort).split("\n", 1)
        gap = "\n" if syntax.statements[0].line == syntax.header[0].line + 1 else ""
        return f"{first}\n{gap}{rest}"

    text = 'plan "T" {\n  chair sam\n}\n'
    monkeypatch.setattr(formatting, "lay_out", unstable)
    result = format_text(text)
    assert result == FormatResult(text, False, (), (
        "not formatted, the file is left as it was: formatting the formatted text again "
        "would change it (first at line 2)"))


def test_the_stability_check_reads_the_tree_of_the_formatted_text(monkeypatch):
    import cpdsl.formatting as formatting
    from cpdsl.formatting.layout import lay_out

    seen = []

    def recording(syntax, length, sort=False):
        seen.append(syntax)
        return lay_out(syntax, length, sort)

    monkeypatch.setattr(formatting, "lay_out", recording)
    text = 'plan "T" {\n      chair sam\n}\n'
    assert format_text(text).text == 'plan "T" {\n  chair sam\n}\n'
    assert [tree.statements[0].tokens[0].column for tree in seen] == [7, 3]


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


# -- sorting -------------------------------------------------------------------------------

def assert_sorted_safely(text: str, result: FormatResult, line_length: int = 100) -> None:
    """Sorted, the result means what the text means, keeps every comment with its
    statement, and is a fixed point."""
    assert result.ok, result.problem
    before, after = parse(text.lstrip("\ufeff")), parse(result.text)
    assert after.syntax_errors == ()
    # Statements given twice keep their order within a keyword, not across keywords.
    assert _by_keyword(after.plan) == _by_keyword(before.plan)
    assert (Counter(c.text.rstrip() for c in after.comments)
            == Counter(c.text.rstrip() for c in before.comments))
    assert (comments_by_statement(read_syntax(result.text))
            == comments_by_statement(read_syntax(text.lstrip("\ufeff"))))
    assert format_text(result.text, line_length, sort=True).text == result.text


def _by_keyword(plan):
    import attrs

    return attrs.evolve(plan, repeats=tuple(sorted(plan.repeats, key=lambda r: r.keyword)))


def test_sorting_statements_given_twice_keeps_them_in_order_within_their_keyword():
    text = 'plan "x" {\n  chair a\n  profile england\n  chair b\n  profile wales\n}\n'
    result = format_text(text, sort=True)
    assert result.ok, result.problem
    assert result.text == ('plan "x" {\n  profile england\n  profile wales\n  chair a\n'
                           '  chair b\n}\n')


def test_sorting_moves_statements_sharing_a_suppressed_line_together():
    # Split by sorting, `chair sam second-chair jo` would stay on one line the first time
    # (the suppression covered it) and be split the next: the stability check refused it.
    text = ('plan "Northtown review" {\n'
            '  chair sam  second-chair jo  core-groups  # cplint: ignore[CP302] agreed\n'
            '    every 4 weeks\n'
            '  member sam { name "Sam Patel" } member jo { name "Jo Lee" }\n'
            '  signed sam 2026-01-19\n'
            '}\n')
    result = format_text(text, sort=True)
    assert result.ok, result.problem
    assert result.text == (
        'plan "Northtown review" {\n'
        '  member sam { name "Sam Patel" }\n'
        '  member jo { name "Jo Lee" }\n'
        '  chair sam second-chair jo core-groups  # cplint: ignore[CP302] agreed\n'
        '  every 4 weeks\n'
        '  signed sam 2026-01-19\n'
        '}\n')
    assert format_text(result.text, sort=True).text == result.text


def top_level_rules(text: str) -> list[str]:
    return [s.rule for s in read_syntax(text).statements]


@pytest.mark.parametrize("source", SORTED_INPUTS, ids=lambda p: p.name.removesuffix(".in.cp"))
def test_golden_sorted(source: Path):
    text = source.read_text(encoding="utf-8")
    result = format_text(text, sort=True)
    assert_sorted_safely(text, result)
    expected = source.with_name(source.name.replace(".in.cp", ".out.cp"))
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(result.text, encoding="utf-8")
    assert result.text == expected.read_text(encoding="utf-8")
    sections = [SECTION_OF[rule] for rule in top_level_rules(result.text)]
    assert sections == sorted(sections)


@pytest.mark.parametrize("source", INPUTS + SORTED_INPUTS, ids=lambda p: p.name)
def test_sort_false_is_the_layout_without_sorting(source: Path):
    text = source.read_text(encoding="utf-8")
    assert format_text(text, sort=False) == format_text(text)


def test_every_top_level_statement_has_a_section():
    from cpdsl.parsing.assemble import _MANY, _ONCE

    assert set(_ONCE) | set(_MANY) | {"category"} <= set(SECTION_OF)


def test_sorting_is_stable_within_a_section():
    text = ('plan "T" {\n  need b "B" { domain health }\n  profile england\n'
            '  category neglect\n  need a "A" { domain health }\n  reference "R"\n}\n')
    assert format_text(text, sort=True).text == (
        'plan "T" {\n  profile england\n  category neglect\n  reference "R"\n'
        '  need b "B" { domain health }\n  need a "A" { domain health }\n}\n')


def test_the_sorted_check_refuses_a_comment_moved_to_another_statement(monkeypatch):
    import cpdsl.formatting as formatting

    text = 'plan "T" {\n  chair sam  # agreed\n  profile england\n}\n'
    moved = 'plan "T" {\n  profile england  # agreed\n  chair sam\n}\n'
    monkeypatch.setattr(formatting, "lay_out", lambda *args: moved)
    result = format_text(text, sort=True)
    assert result.text == text and "away from its statement" in result.problem


def test_the_sorted_check_refuses_a_lost_comment(monkeypatch):
    import cpdsl.formatting as formatting

    text = 'plan "T" {\n  chair sam  # agreed\n  profile england\n}\n'
    monkeypatch.setattr(formatting, "lay_out",
                        lambda *args: 'plan "T" {\n  profile england\n  chair sam\n}\n')
    result = format_text(text, sort=True)
    assert result.text == text and "lose or add a comment" in result.problem


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_plan_in_the_repository_is_sorted_safely(path: Path):
    text = path.read_text(encoding="utf-8")
    if not parse(text.lstrip("\ufeff")).syntax_errors:
        assert_sorted_safely(text, format_text(text, sort=True))


@given(relaid_plan(), st.randoms(use_true_random=False))
def test_a_relaid_and_shuffled_plan_is_sorted_safely(text, random):
    """Top-level statements shuffled (with the comments before them and at their end)
    where that keeps the model: sorting puts them back in order, losing nothing."""
    assume(parse(text).syntax_errors == ())
    shuffled = shuffle_statements(format_text(text).text, random)
    assume(shuffled is not None and parse(shuffled).plan == parse(text).plan)
    assert_sorted_safely(shuffled, format_text(shuffled, sort=True))


@given(laid_out_plan(), st.sampled_from([30, 60, 100]))
def test_a_plan_from_the_grammar_is_sorted_safely(text, line_length):
    result = format_text(text, line_length, sort=True)
    assert_sorted_safely(text, result, line_length)
    sections = [SECTION_OF[rule] for rule in top_level_rules(result.text)]
    assert sections == sorted(sections)


def shuffle_statements(text: str, random) -> str | None:
    """A formatted plan's top-level statements (each with its lines of comments before
    it) in a new order, the same kind of statement keeping its order."""
    lines = text.split("\n")
    syntax = read_syntax(text)
    if syntax is None or not syntax.statements:
        return None
    starts = [s.line for s in syntax.statements]
    ends = [s.end_line for s in syntax.statements]
    header_end, close = syntax.header[-1].line, syntax.close.line
    if len(set(starts)) != len(starts) or starts[0] <= header_end:
        return None
    pieces = []  # from after the previous statement to the end of this one
    start = header_end
    for end in ends:
        pieces.append(lines[start:end])
        start = end
    rest = lines[start:close - 1]
    keys = [random.random() for _ in pieces]
    rules = [s.rule for s in syntax.statements]
    order = sorted(range(len(pieces)), key=lambda i: keys[i])
    by_rule: dict[str, list[int]] = {}
    for i in range(len(pieces)):
        by_rule.setdefault(rules[i], []).append(i)
    slots = {rule: iter(indexes) for rule, indexes in by_rule.items()}
    order = [next(slots[rules[i]]) for i in order]  # same kind: file order kept
    body = [line for i in order for line in pieces[i]]
    return "\n".join(lines[:header_end] + body + rest + lines[close - 1:])

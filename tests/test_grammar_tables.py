"""The pre-analysed parser tables match the grammar they were made from."""

from pathlib import Path

from cpdsl.parsing import grammar, parse_piece
from cpdsl.parsing.chunks import Chunk

EXAMPLE = (Path(__file__).parents[1] / "examples" / "amy.cp").read_text(encoding="utf-8")


def test_tables_are_made_from_the_current_grammar():
    tables = grammar.read_tables()
    text = grammar.grammar_text()
    assert tables is not None, "run `make tables`"
    assert tables["grammar_sha256"] == grammar.grammar_hash(text), (
        "grammar/cpdsl.lark changed: run `make tables` to regenerate the parser tables"
    )


def test_our_lexer_and_larks_contextual_lexer_agree():
    from cpdsl.parsing.lalr import parse_tree
    from cpdsl.parsing.recovery import Recovery

    body = EXAMPLE[EXAMPLE.index("{") + 1:EXAMPLE.rindex("}")]
    recovery = Recovery()
    ours = parse_tree(body, "plan_items", recovery)
    assert recovery.problems == []
    assert ours == grammar.get_parser().parse(body, start="plan_items")


def test_loaded_tables_equal_a_fresh_analysis():
    fresh = grammar.analyse(grammar.grammar_text())
    loaded = grammar.read_tables()["grammar"]
    assert loaded.keywords == fresh.keywords
    assert loaded.terminals == fresh.terminals
    assert loaded.top_level_only == fresh.top_level_only
    assert len(loaded.parse_table.states) == len(fresh.parse_table.states)


def test_a_single_block_parses_on_its_own():
    text = 'action book "Book the review" {\n  owner kerry\n  due 2026-02-01\n}\n'
    parsed = parse_piece(text, Chunk(0, len(text), 40, 3, "plan_items"))
    assert not parsed.unfinished
    assert parsed.errors == []
    assert parsed.syntax is None  # made only when asked for
    action = parsed.piece.fields[0].value
    assert action.id.name == "book"
    assert (action.span.line, action.span.column) == (40, 3)
    assert (action.due.span.line, action.due.span.column) == (42, 7)

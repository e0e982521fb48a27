"""Properties of the parser, the linter and the command over generated text.

(a) no text of any kind makes `parse` or `lint_text` raise;
(b) mutations of the bundled example never raise, and every finding points inside the text;
(c) text generated from the grammar parses with no syntax error;
(d) the command never shows a traceback, whatever bytes a file holds.

The number of examples comes from the hypothesis profile chosen in conftest.py.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from cpdsl.cli import main
from cpdsl.lint import lint_text
from cpdsl.parsing import parse, with_line_feeds
from cpdsl.parsing.grammar import build_parser, get_parser, grammar_path

TODAY = dt.date(2026, 3, 1)
ROOT = Path(__file__).resolve().parents[1]
AMY = (ROOT / "examples" / "amy.cp").read_text(encoding="utf-8")


@functools.cache
def keywords() -> tuple[str, ...]:
    """Every keyword of the language, read from the parser's terminals."""
    return tuple(sorted(
        t.pattern.value for t in get_parser().terminals
        if t.pattern.type == "str" and t.pattern.value[:1].isalpha()
    ))


def test_the_keywords_are_read_from_the_grammar():
    expected = {"plan", "member", "name", "contact", "every", "working", "vice-chair"}
    assert expected <= set(keywords())


# -- (a) any text ----------------------------------------------------------------------------

FRAGMENTS = [
    "{", "}", "{}", '"', '"""', '""', "#", "# note", "\n", "\r\n", "\r", " ", "  ", "\t",
    "\\", '\\"', "-", ":", "\x00", "\ufeff", "\u2028", "\x0c", "é", "🙂",
    'plan "Northtown review" {', 'plan "T" {\n', '"Sam Patel"', '"""Kerry\nsaid so"""',
    "2026-01-12", "2026-2-1", "2026-02-30", "0000-00-00", "9999-99-99", "2026-01-12x",
    "٢٠٢٦-٠١-١٢", "10:30", "99:99", "1:2", "0", "42", "007", "2", "sam", "jo", "kerry",
    "Sam", "working", "days", "weeks", "social-worker", "parent", "neglect", "england",
]


def fragment_text() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(keywords()) if keywords() else st.nothing(),
        st.text(max_size=3),
    )
    return st.lists(piece, max_size=60).map("".join)


def assert_never_raises(text: str) -> None:
    parse(text)
    lint_text(text, TODAY)


@given(st.text())
def test_any_text_never_raises(text):
    assert_never_raises(text)


@given(fragment_text())
def test_text_of_language_fragments_never_raises(text):
    assert_never_raises(text)


@given(fragment_text(), fragment_text())
def test_fragments_around_a_plan_header_never_raise(before, after):
    assert_never_raises(before + 'plan "Northtown review" {\n' + after)
    assert_never_raises('plan "Northtown review" {\n' + before + "\n}\n" + after)


# -- (b) mutations of the example ------------------------------------------------------------

TOKENS = ["{", "}", '"', '"""', "#", "\n", " ", "member", "plan", "by", "every", "2026-2-1",
          "2026-02-30", "sam", "42", "weeks", '"Sam Patel"', "\t", "\\", "é", "🙂"]


@st.composite
def mutated_example(draw) -> str:
    text = AMY
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            units = text.splitlines(keepends=True)
        else:
            units = list(text)
        n = len(units)
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 40)))
        if op == "delete":
            units[i:j] = []
        elif op == "duplicate":
            units[i:i] = units[i:j]
        elif op == "swap":
            k = draw(st.integers(j, min(n, j + 40)))
            units[i:k] = units[j:k] + units[i:j]
        else:
            units[i:i] = [draw(st.sampled_from(TOKENS) | st.sampled_from(keywords()))]
        text = "".join(units)
    return text


def assert_span_inside(span, lines: list[str], what: str) -> None:
    count = len(lines)
    assert 1 <= span.line <= count, what
    assert 1 <= span.end_line <= count, what
    assert span.column >= 1 and span.end_column >= 1, what
    assert (span.end_line, span.end_column) >= (span.line, span.column), what
    assert span.column <= len(lines[span.line - 1]) + 1, what
    assert span.end_column <= len(lines[span.end_line - 1]) + 1, what


def assert_findings_inside(text: str) -> None:
    plain = text.removeprefix("\ufeff")  # one byte order mark is no part of the plan
    lines = with_line_feeds(plain).split("\n")  # as the parser counts lines
    for error in parse(text).syntax_errors:
        assert_span_inside(error.span, lines, f"{error.code} {error.span} {error.message}")
    for d in lint_text(text, TODAY):
        assert_span_inside(d.span, lines, f"{d.code} {d.span} {d.message}")
        for related in d.related:
            assert_span_inside(related.span, lines, f"{d.code} related {related.span}")


def test_the_example_itself_is_clean():
    assert parse(AMY).syntax_errors == ()
    assert_findings_inside(AMY)


@given(mutated_example())
def test_mutated_example_never_raises_and_findings_point_inside_it(text):
    assert_findings_inside(text)


@given(fragment_text())
def test_findings_in_fragment_text_point_inside_it(text):
    assert_findings_inside(text)


def test_span_check_catches_a_span_outside_the_text():
    """A control for the property above: the check does fail on a bad span."""
    from cpdsl.model import Span

    with pytest.raises(AssertionError):
        assert_span_inside(Span(3, 1, 3, 2), ["a", "b"], "past the last line")
    with pytest.raises(AssertionError):
        assert_span_inside(Span(1, 5, 1, 6), ["abc"], "past the end of the line")
    with pytest.raises(AssertionError):
        assert_span_inside(Span(1, 3, 1, 2), ["abc"], "ends before it starts")


# -- (c) text from the grammar -------------------------------------------------------------

IDENTS = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,12}", fullmatch=True).filter(
    lambda word: word not in keywords())
STRINGS = st.builds(
    lambda parts: '"' + "".join(parts) + '"',
    st.lists(st.one_of(
        # A string holds no line end: neither `\n` nor a lone `\r` (which ends a line too).
        st.characters(blacklist_characters='"\\\n\r', blacklist_categories=("Cs",)),
        st.sampled_from(['\\"', "\\\\", "\\n", "#", "{", "}"]),
    ), max_size=20),
)
BLOCK_STRINGS = st.builds(
    lambda body: '"""' + body + '"""',
    st.text(st.characters(blacklist_characters='"', blacklist_categories=("Cs",)), max_size=40),
)
DATES = st.dates().map(dt.date.isoformat)
TIMES = st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
NUMBERS = st.integers(0, 10_000).map(str)
VALUES = {"IDENT": IDENTS, "STRING": STRINGS, "BLOCK_STRING": BLOCK_STRINGS, "DATE": DATES,
          "TIME": TIMES, "NUMBER": NUMBERS}


@functools.cache
def grammar_parser():
    """A Lark instance built from the grammar's text (from_lark needs its grammar)."""
    return build_parser(grammar_path().read_text(encoding="utf-8"))


def spaced(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return strategy.map(lambda token: token + " ")


@functools.cache
def lark_text() -> st.SearchStrategy[str]:
    parser = grammar_parser()
    used = {t.name for t in parser.terminals}
    explicit = {
        t.name: st.just(t.pattern.value + " ")
        for t in parser.terminals if t.pattern.type == "str"
    }
    explicit.update({name: spaced(s) for name, s in VALUES.items() if name in used})
    # Ignored tokens may come anywhere, each followed by the space every token gets.
    explicit["WS"] = st.sampled_from([" ", "\t", "\n", "\r\n  "])
    explicit["COMMENT"] = st.just("# a note {\n")
    return from_lark(parser, start="start", explicit=explicit)


@given(st.data())
def test_text_from_the_grammar_via_from_lark_parses_cleanly(data):
    text = data.draw(lark_text())
    assert parse(text).syntax_errors == ()
    lint_text(text, TODAY)


MAX_DEPTH = 12


@functools.cache
def grammar_rules() -> tuple[dict[str, list[tuple]], dict[str, str], dict[str, int]]:
    """The rules by nonterminal, the keyword of each keyword terminal, and how deep
    each nonterminal must at least go to reach only terminals."""
    parser = grammar_parser()
    rules: dict[str, list[tuple]] = {}
    for rule in parser.rules:
        rules.setdefault(rule.origin.name, []).append(tuple(rule.expansion))
    words = {t.name: t.pattern.value for t in parser.terminals if t.pattern.type == "str"}
    height: dict[str, int] = {}
    changed = True
    while changed:
        changed = False
        for name, expansions in rules.items():
            for expansion in expansions:
                inner = [0 if s.is_term else height.get(s.name) for s in expansion]
                if None in inner:
                    continue
                h = 1 + max(inner, default=0)
                if h < height.get(name, 1 << 30):
                    height[name] = h
                    changed = True
    return rules, words, height


def _need(expansion, height: dict[str, int]) -> int:
    return max((height.get(s.name, 0) for s in expansion if not s.is_term), default=0)


SEPARATORS = [" ", "  ", "\t", "\n", "\n  ", "\n\n    ", "  # a note {\n  ", "\r\n"]


@st.composite
def laid_out_plan(draw) -> str:
    """A plan from the grammar's rules with any layout: newlines are not significant, so
    any whitespace or comment may separate two tokens."""
    from lark.grammar import NonTerminal

    rules, words, height = grammar_rules()
    out: list[str] = []

    def expand(symbol, depth: int) -> None:
        if symbol.is_term:
            if out:
                out.append(draw(st.sampled_from(SEPARATORS)))
            out.append(draw(VALUES[symbol.name]) if symbol.name in VALUES
                       else words[symbol.name])
            return
        options = rules[symbol.name]
        if "_star_" in symbol.name or "_plus_" in symbol.name:  # `x*` or `x+`: a list
            (item,) = next(e for e in options if len(e) == 1)
            for _ in range(draw(st.integers(1, 6 if depth < MAX_DEPTH // 2 else 1))):
                expand(item, depth + 1)
            return
        fitting = [e for e in options if depth + 1 + _need(e, height) <= MAX_DEPTH]
        if not fitting:
            least = min(_need(e, height) for e in options)
            fitting = [e for e in options if _need(e, height) == least]
        for child in draw(st.sampled_from(fitting)):
            expand(child, depth + 1)

    expand(NonTerminal("start"), 0)
    return "".join(out) + draw(st.sampled_from(["", "\n", "\n# end\n"]))


@given(laid_out_plan())
def test_text_from_the_grammar_laid_out_parses_cleanly(text):
    assert parse(text).syntax_errors == ()
    assert_findings_inside(text)


def test_generated_plans_have_statements_and_line_breaks():
    """A control: the generator reaches blocks, several statements and new lines."""
    from hypothesis import find

    plan = find(laid_out_plan(), lambda t: t.count("{") >= 4 and "\n" in t and "member" in t)
    assert parse(plan).syntax_errors == ()
    last = plan.rfind("}")  # the plan's closing brace: nothing after it holds one
    assert parse(plan[:last] + plan[last + 1:]).syntax_errors != ()


@pytest.mark.parametrize("statement", [
    'views child\n    "Amy says she likes school dinners"',
    "contact amy by sam\n    every 2 weeks",
    'member sam\n  {\n    name "Sam Patel" role social-worker\n  }',
    "core-groups\n  every\n  4\n  weeks",
    'need housing\n  "Kerry needs a home"\n  { domain housing }',
])
def test_statement_continued_on_the_next_line(statement):
    text = (
        'plan "Northtown review" {\n'
        '  child amy { name "Amy Example" born 2019-04-12 }\n'
        '  member jo { name "Jo Lee" role health-visitor }\n'
        f"  {statement}\n"
        "  chair jo\n"
        "}\n"
    )
    result = parse(text)
    assert result.syntax_errors == ()
    assert result.plan.chair.name == "jo"




def test_statement_continued_on_a_line_starting_with_a_keyword_spelt_value():
    text = (
        'plan "Northtown review" {\n'
        '  child amy { name "Amy Example" born 2019-04-12 }\n'
        "  views\n"
        '    child "Amy says she likes school dinners"\n'
        "}\n"
    )
    assert parse(text).syntax_errors == ()


# -- (d) the command on any bytes ------------------------------------------------------------

def file_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=300),
        fragment_text().map(lambda t: t.encode("utf-8")),
        mutated_example().map(lambda t: t.encode("utf-8")),
        st.tuples(mutated_example(), st.binary(max_size=5), st.integers(0, 2000)).map(
            lambda x: x[0].encode("utf-8")[:x[2]] + x[1] + x[0].encode("utf-8")[x[2]:]),
        st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xc3", b"\xed\xa0\x80"]),
    )


def assert_clean_exit(result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@given(data=file_bytes())
def test_command_on_any_file_never_shows_a_traceback(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "plan.cp"
    path.write_bytes(data)
    for fmt in ("text", "json"):
        result = CliRunner().invoke(main, [str(path), "--today", "2026-03-01", "-j", "1",
                                           "--format", fmt])
        assert_clean_exit(result)


@given(data=file_bytes())
def test_command_on_any_standard_input_never_shows_a_traceback(data):
    result = CliRunner().invoke(main, ["-", "--today", "2026-03-01", "--format", "github"],
                                input=data)
    assert_clean_exit(result)


def test_clean_exit_check_catches_an_internal_error(monkeypatch, tmp_path):
    """A control for the two properties above: a crash in the linter is caught by them."""
    import cpdsl.lint

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cpdsl.lint, "analyse", broken)
    path = tmp_path / "plan.cp"
    path.write_text(AMY, encoding="utf-8")
    result = CliRunner().invoke(main, [str(path), "-j", "1"])
    with pytest.raises(AssertionError):
        assert_clean_exit(result)

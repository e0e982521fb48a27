"""The syntax tree `parse(text, syntax=True)` builds from the one parse of the model.

A complete plan's tree is the one Lark's own whole-file parser (its own lexer, no pieces,
no recovery) reads; a half-typed plan's tree is written out in full; any text at all
gives a tree whose every token is the text at its place. Every name here is invented.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lark import Token as LarkToken
from lark import Tree

from cpdsl.lines import Lines
from cpdsl.parsing import PieceCache, parse, with_line_feeds
from cpdsl.parsing.grammar import get_parser
from cpdsl.parsing.lookup import error_at, statement_at, statements_at, token_at
from cpdsl.parsing.syntax import ErrorNode, PlanSyntax, Statement, Token, read_syntax

ROOT = Path(__file__).resolve().parents[1]
# Every plan in the repository, less the caseload's odd files (a dangling link, a file
# that is not UTF-8: what cplint check must survive, not plans).
PLAN_FILES = sorted([*(ROOT / "examples").rglob("*.cp"),
                     *(p for p in (ROOT / "tests").rglob("*.cp")
                       if (ROOT / "tests" / "data" / "caseload" / "odd") not in p.parents)])
AMY = (ROOT / "examples" / "amy.cp").read_text(encoding="utf-8")


def plan(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# -- complete plans: the tree Lark's own parser reads --------------------------------------

def lark_statement(tree: Tree) -> Statement:
    """A statement from Lark's whole-file tree, in the shape the formatter reads."""
    tokens: list[Token] = []
    block: list[Statement] | None = None
    close = None
    for child in tree.children:
        if isinstance(child, LarkToken) and child.type == "LBRACE" and block is None:
            tokens.append(lark_token(child))
            block = []
        elif isinstance(child, LarkToken) and child.type == "RBRACE" and block is not None:
            close = lark_token(child)
        elif isinstance(child, LarkToken):
            tokens.append(lark_token(child))
        elif block is not None:
            block.append(lark_statement(child))
        else:
            tokens.extend(map(lark_token, child.scan_values(lambda v: isinstance(v, LarkToken))))
    return Statement(tree.data, tuple(tokens), None if block is None else tuple(block), close)


def lark_token(token: LarkToken) -> Token:
    return Token(token.type, str(token), token.line, token.column)


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_complete_plan_has_the_tree_lark_reads(path: Path):
    text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    parsed = parse(text, syntax=True)
    if parsed.syntax_errors:
        assert read_syntax(text) is None
        return
    whole = get_parser().parse(text, start="start").children[0]  # `plan`
    header, *items, close = whole.children
    tree = parsed.syntax
    assert tree.header == tuple(map(lark_token, header.children))
    assert tree.statements == tuple(map(lark_statement, items))
    assert tree.close == lark_token(close)
    assert read_syntax(text) == tree


def test_the_plain_parse_makes_no_tree():
    assert parse(AMY).syntax is None
    assert parse(AMY, syntax=True).plan == parse(AMY).plan


# -- half-typed plans, written out ---------------------------------------------------------

def render(tree: PlanSyntax) -> str:
    """The tree one node a line: tokens as `text line:column`, inserted ones as
    `+KIND line:column`, error nodes with their text."""
    out = [f"header {_tokens(tree.header)}"]
    _render(tree.statements, 1, out)
    out.append(f"close {_token(tree.close)}")
    return "\n".join(out) + "\n"


def _render(items, depth: int, out: list[str]) -> None:
    for item in items:
        pad = "  " * depth
        if isinstance(item, ErrorNode):
            out.append(f"{pad}error {item.text!r} {item.line}:{item.column}")
            continue
        out.append(f"{pad}{item.rule}: {_tokens(item.tokens)}")
        if item.block is not None:
            _render(item.block, depth + 1, out)
            out.append(f"{pad}{_token(item.close)}")


def _tokens(tokens) -> str:
    return " ".join(map(_token, tokens))


def _token(token: Token) -> str:
    if token.inserted:
        return f"+{token.kind} {token.line}:{token.column}"
    return f"{token.text} {token.line}:{token.column}"


HALF_TYPED = [
    pytest.param(plan("""
        plan "Northtown review" {
          member sam {
            name "Sam Patel"

          member jo { name "Jo Lee" }
        }
    """), """\
header plan 1:1 "Northtown review" 1:6 { 1:25
  member: member 2:3 sam 2:10 { 2:14
    name: name 3:5 "Sam Patel" 3:10
  +RBRACE 5:1
  member: member 5:3 jo 5:10 { 5:13
    name: name 5:15 "Jo Lee" 5:20
  } 5:29
close } 6:1
""", id="unclosed-block-before-the-next-statement"),
    pytest.param('plan "Northtown review" {\n  member sam {\n    name "Sam Patel"\n    ', """\
header plan 1:1 "Northtown review" 1:6 { 1:25
  member: member 2:3 sam 2:10 { 2:14
    name: name 3:5 "Sam Patel" 3:10
  +RBRACE 4:5
close +RBRACE 4:5
""", id="unclosed-block-and-plan-at-the-end-of-the-file"),
    pytest.param(plan("""
        plan "Northtown review" {
          action call "Call Kerry" {
            owner sam
            due
          }
          chair
        }
    """), """\
header plan 1:1 "Northtown review" 1:6 { 1:25
  action: action 2:3 call 2:10 "Call Kerry" 2:15 { 2:28
    owner: owner 3:5 sam 3:11
    due: due 4:5 +DATE 5:3
  } 5:3
  chair: chair 6:3 +IDENT 7:1
close } 7:1
""", id="missing-values"),
    pytest.param(plan("""
        plan "Northtown review" {
          member sam { name "Sam Patel" }
          Kerry will attend
          ???
          chair sam
        }
    """), """\
header plan 1:1 "Northtown review" 1:6 { 1:25
  member: member 2:3 sam 2:10 { 2:14
    name: name 2:16 "Sam Patel" 2:21
  } 2:33
  error 'Kerry will attend' 3:3
  error '???' 4:3
  chair: chair 5:3 sam 5:9
close } 6:1
""", id="garbage-lines"),
    pytest.param(plan("""
        plan "Northtown review" {
          contact amy sam every 2 weeks { alone }
          member sam { nmae "Sam Patel" lead }
          action call "Call Kerry" { due tomorrow monitoring }
        }
    """), """\
header plan 1:1 "Northtown review" 1:6 { 1:25
  contact: contact 2:3 amy 2:11 +BY 2:15 sam 2:15 every 2:19 2 2:25 weeks 2:27 { 2:33
    alone: alone 2:35
  } 2:41
  member: member 3:3 sam 3:10 { 3:14
    error 'nmae "Sam Patel"' 3:16
    lead: lead 3:33
  } 3:38
  action: action 4:3 call 4:10 "Call Kerry" 4:15 { 4:28
    due: due 4:30 +DATE 4:34
    error 'tomorrow' 4:34
    monitoring: monitoring 4:43
  } 4:54
close } 5:1
""", id="missing-keyword-misspelt-keyword-bad-value"),
    pytest.param(plan("""
        # The Example family
        title "Northtown review" {
          chair sam
        }
        }
    """), """\
header 
  error 'title "Northtown review" {' 2:1
  chair: chair 3:3 sam 3:9
  error '}' 4:1
close } 5:1
""", id="no-plan-header-and-a-brace-too-many"),
    pytest.param("", "header \nclose +RBRACE 1:1\n", id="empty-file"),
]


@pytest.mark.parametrize(("text", "expected"), HALF_TYPED)
def test_a_half_typed_plan_has_its_tree(text: str, expected: str):
    parsed = parse(text, syntax=True)
    assert parsed.syntax_errors  # these plans are broken
    assert render(parsed.syntax) == expected


def test_a_piece_the_parser_gives_up_on_is_one_error_node():
    junk = "".join(f"    ? line {n}\n" for n in range(25))
    text = f'plan "Northtown review" {{\n  member sam {{\n{junk}  }}\n  chair sam\n}}\n'
    tree = parse(text, syntax=True).syntax
    (unread, chair) = tree.statements
    assert unread == ErrorNode("member sam {\n" + junk + "  }", 2, 3)
    assert render(tree).endswith("  chair: chair 29:3 sam 29:9\nclose } 30:1\n")


# -- lookups at a place --------------------------------------------------------------------

LOOKED_AT = plan("""
    plan "Northtown review" {
      member sam {
        name "Sam Patel"

      action call "Call Kerry" { owner sam due tomorrow }
    }
""")


@pytest.mark.parametrize(("place", "token", "rules"), [
    ((1, 1), "plan", []),
    ((2, 3), "member", ["member"]),
    ((2, 9), "member", ["member"]),  # just after the word: still on it
    ((3, 7), "name", ["member", "name"]),
    ((4, 1), None, ["member"]),  # the blank line of a block never closed is in it
    ((5, 37), "sam", ["action", "owner"]),
    ((5, 44), None, ["action", "due"]),  # at the unreadable `tomorrow`
    ((5, 54), "}", []),  # just after a written `}`: out of the block
    ((6, 1), "}", []),
])
def test_what_is_at_a_place(place, token, rules):
    tree = parse(LOOKED_AT, syntax=True).syntax
    found = token_at(tree, *place)
    assert (found.text if found else None) == token
    assert [s.rule for s in statements_at(tree, *place)] == rules
    innermost = statement_at(tree, *place)
    assert (innermost.rule if innermost else None) == (rules[-1] if rules else None)


def test_the_error_node_at_a_place():
    tree = parse(LOOKED_AT, syntax=True).syntax
    assert error_at(tree, 5, 47) == ErrorNode("tomorrow", 5, 44)
    assert error_at(tree, 5, 20) is None


FLAGS = plan("""
    plan "Northtown review" {
      member sam { name "Sam Patel" role social-worker lead }
      action call "Call Kerry" { owner sam monitoring }
      contact amy by sam every 2 weeks { alone }
      meeting core 2026-02-01 { apologies ria { report received } }
    }
""")


@pytest.mark.parametrize(("place", "word", "rules"), [
    ((2, 52), "lead", ["member", "lead"]),
    ((3, 40), "monitoring", ["action", "monitoring"]),
    ((4, 22), "every", ["contact"]),
    ((4, 30), "weeks", ["contact"]),
    ((4, 38), "alone", ["contact", "alone"]),
    ((5, 29), "apologies", ["meeting", "apologies"]),
    ((5, 45), "report", ["meeting", "apologies", "report"]),
    ((5, 52), "received", ["meeting", "apologies", "report"]),
])
def test_every_keyword_and_flag_has_its_place(place, word, rules):
    tree = parse(FLAGS, syntax=True).syntax
    found = token_at(tree, *place)
    assert (found.text, found.line, found.column) == (word, *place)
    assert [s.rule for s in statements_at(tree, *place)] == rules


# -- the piece cache -----------------------------------------------------------------------

def test_the_cache_reuses_the_tree_of_unchanged_pieces():
    cache = PieceCache()
    first = parse(AMY, cache, syntax=True).syntax
    edited = AMY.replace('reference "CP-2026-0042"', 'reference "CP-2026-0043"')
    second = parse(edited, cache, syntax=True).syntax
    assert second == parse(edited, syntax=True).syntax
    changed = [a for a, b in zip(first.statements, second.statements, strict=True)
               if a is not b]
    assert [s.rule for s in changed] == ["reference"]


def test_a_tree_asked_for_after_a_lint_reuses_the_parsed_pieces():
    cache = PieceCache()
    parse(AMY, cache)
    trees = [key for key in cache._entries if len(key) == 2]
    assert parse(AMY, cache, syntax=True).syntax == parse(AMY, syntax=True).syntax
    assert [key for key in cache._entries if len(key) == 2] == trees


# -- any text ------------------------------------------------------------------------------

FRAGMENTS = ['plan "T" {', "plan", '"T"', "{", "}", " ", "\n", "  ", "\r\n", "\r", "\t",
             "member", "sam", "name", '"Sam Patel"', "chair", "action", "owner", "due",
             "2026-01-12", "tomorrow", "# a note\n", '"""', '"', "contact", "by", "every",
             "2", "weeks", "alone", "lead", "monitoring", "report", "received", "nmae",
             "???", "views", "child", "\ufeff", "é", "\u00a0"]
FIXTURE_TEXTS = [p.read_text(encoding="utf-8") for p in PLAN_FILES[:60]]


@st.composite
def any_text(draw) -> str:
    kind = draw(st.sampled_from(["fragments", "characters", "mutated plan"]))
    if kind == "fragments":
        return "".join(draw(st.lists(st.sampled_from(FRAGMENTS), max_size=60)))
    if kind == "characters":
        return draw(st.text(max_size=80))
    text = draw(st.sampled_from(FIXTURE_TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text)))
        end = min(len(text), start + draw(st.integers(0, 12)))
        text = text[:start] + draw(st.sampled_from(["", *FRAGMENTS])) + text[end:]
    return text


def walk(tree: PlanSyntax) -> tuple[list[Token], list[ErrorNode]]:
    """Every token in the tree's order, and every error node."""
    tokens, errors = list(tree.header), []

    def visit(items) -> None:
        for item in items:
            if isinstance(item, ErrorNode):
                errors.append(item)
                continue
            tokens.extend(item.tokens)
            visit(item.block or ())
            if item.close is not None:
                tokens.append(item.close)

    visit(tree.statements)
    tokens.append(tree.close)
    return tokens, errors


@given(any_text())
def test_any_text_has_a_tree_true_to_the_text(text: str):
    tree = parse(text, syntax=True).syntax
    # as the parser reads it: no byte order mark, a lone carriage return a line feed
    source = with_line_feeds(text[1:] if text.startswith("\ufeff") else text)
    lines = Lines(source)

    def at(node) -> str:
        start = lines.offset(node.line, node.column)
        return source[start:start + len(node.text)]

    tokens, errors = walk(tree)
    ends = []
    for token in tokens:
        assert token.inserted or at(token) == token.text
        ends.append(((token.line, token.column), (token.end_line, token.end_column)))
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))  # in order, none overlapping
    written = [span for span, token in zip(ends, tokens) if not token.inserted]
    for error in errors:
        assert error.text and at(error) == error.text
        start, end = (error.line, error.column), (error.end_line, error.end_column)
        assert not any(a < end and start < b for a, b in written)
    for comment in tree.comments:
        assert at(comment) == comment.text

"""Fixes from the parser: a missing `}` or keyword put in, a misspelt keyword replaced.

Each fix is written out for the cases below; and for every fixture, and plans mutated
by hypothesis (a `}` deleted, a keyword misspelt), applying any one syntax fix removes
its finding and adds no syntax finding. Every name here is invented.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from cpdsl.fixes import Applicability, Edit, apply_fixes
from cpdsl.lines import Lines
from cpdsl.parsing import SyntaxFinding, parse

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted([*(ROOT / "tests" / "fixtures").glob("*.cp"), *(ROOT / "examples").rglob("*.cp")])
TEXTS = [path.read_text(encoding="utf-8") for path in PLANS]


def plan(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def fixed(text: str) -> list[tuple[str, int, str, tuple[Edit, ...]]]:
    """Each syntax finding's code and line, and its fix's title and edits (or None)."""
    return [(f.code, f.span.line, f.fix.title if f.fix else None, f.fix.edits if f.fix else ())
            for f in parse(text).syntax_errors]


def test_every_fix_is_safe():
    fixes = [f.fix for text in TEXTS for f in parse(text).syntax_errors if f.fix]
    assert fixes and all(fix.applicability is Applicability.SAFE for fix in fixes)


# -- a missing `}` -------------------------------------------------------------------------

def test_a_one_line_block_gets_its_brace_at_the_end_of_the_line():
    text = plan("""
        plan "Northtown review" {
          member sam { name "Sam Patel" role social-worker  # the lead
          member jo { name "Jo Lee" }
        }
    """)
    at = text.index("social-worker") + len("social-worker")
    assert fixed(text) == [("CP100", 2, "Add the missing `}`", (Edit(at, at, " }"),))]


def test_a_block_on_several_lines_gets_its_brace_on_a_line_of_its_own():
    text = plan("""
        plan "Northtown review" {
            member sam {
              name "Sam Patel"
              role social-worker  # the lead
            chair sam
        }
    """)
    at = text.index("# the lead") + len("# the lead")
    assert fixed(text) == [("CP100", 2, "Add the missing `}`", (Edit(at, at, "\n    }"),))]
    assert apply_fixes(text, [parse(text).syntax_errors[0].fix])[0] == plan("""
        plan "Northtown review" {
            member sam {
              name "Sam Patel"
              role social-worker  # the lead
            }
            chair sam
        }
    """)


def test_the_brace_keeps_the_files_line_endings():
    text = 'plan "T" {\r\n  member sam {\r\n    name "Sam"\r\n  chair sam\r\n}\r\n'
    at = text.index('"Sam"') + len('"Sam"')
    assert fixed(text) == [("CP100", 2, "Add the missing `}`", (Edit(at, at, "\r\n  }"),))]


def test_the_plans_brace_goes_at_the_end_of_the_file():
    text = 'plan "Northtown review" {\n  chair sam\n'
    assert fixed(text) == [("CP100", 1, "Add the `}` that closes the plan",
                            (Edit(len(text), len(text), "}\n"),))]
    text = 'plan "Northtown review" {\n  chair sam  # to check'
    assert fixed(text)[0][3] == (Edit(len(text), len(text), "\n}\n"),)


def test_two_blocks_left_open_get_no_fix():
    text = plan("""
        plan "Northtown review" {
          conference initial 2026-01-12 {
            recommendation plan {
              exceptional "Agreed by the chair"
          member jo { name "Jo Lee" }
        }
    """)
    # the inner block is reported; two `}` would be needed, so there is no one fix
    assert fixed(text) == [("CP100", 3, None, ())]


# -- a missing keyword, a misspelt one -----------------------------------------------------

def test_a_missing_keyword_is_put_in():
    text = 'plan "T" {\n  contact amy sam every 2 weeks\n}\n'
    at = text.index("sam")
    assert fixed(text) == [("CP100", 2, "Insert `by`", (Edit(at, at, "by "),))]


def test_a_misspelt_keyword_with_one_likely_meaning_is_replaced():
    text = 'plan "T" {\n  member sam { nmae "Sam Patel" }\n}\n'
    at = text.index("nmae")
    assert fixed(text) == [("CP101", 2, "Replace `nmae` with `name`",
                            (Edit(at, at + 4, "name"),))]


def test_a_misspelt_keyword_with_two_likely_meanings_is_not():
    text = 'plan "T" {\n  meting review 2026-02-01 { venue "Northtown" }\n}\n'
    (finding,) = parse(text).syntax_errors
    assert "did you mean `meeting`?" in finding.message
    assert finding.fix is None  # `cin-meeting` is as close


def test_a_replacement_that_leaves_an_error_is_not_offered():
    # `rol` is most like `role`, but `role "Sam"` would not parse either
    text = 'plan "T" {\n  member sam { rol "Social worker" }\n}\n'
    (finding,) = parse(text).syntax_errors
    assert finding.code == "CP101" and finding.fix is None


# -- applying a fix removes its finding and adds none --------------------------------------

_LINE = re.compile(r"\bline \d+")


def _findings(text: str, findings, edit: Edit | None = None) -> Counter:
    """Findings by code, message (line numbers masked) and offset (moved by `edit`)."""
    lines = Lines(text)
    found: Counter = Counter()
    for finding in findings:
        offset = lines.offset(finding.span.line, finding.span.column)
        if edit is not None and offset >= edit.end:
            offset += len(edit.new_text) - (edit.end - edit.start)
        found[finding.code, _LINE.sub("line N", finding.message), offset] += 1
    return found


def assert_each_fix_works(text: str) -> int:
    """Apply each syntax fix alone: its finding goes, no other comes. How many there were."""
    before = parse(text).syntax_errors
    for finding in before:
        if finding.fix is None:
            continue
        (edit,) = finding.fix.edits
        mended, applied = apply_fixes(text, [finding.fix])
        assert applied == [finding.fix]
        expected = _findings(text, before, edit) - _findings(text, [finding], edit)
        assert _findings(mended, parse(mended).syntax_errors) == expected, (finding, mended)
    return sum(1 for f in before if f.fix is not None)


def test_every_fixtures_fixes_work():
    assert sum(map(assert_each_fix_works, TEXTS)) >= 15


KEYWORDS = ("name", "role", "member", "chair", "owner", "due", "action", "outcome", "need",
            "contact", "lead", "alone", "monitoring", "report", "received", "agency",
            "status", "measure", "child", "born", "meeting", "attended", "venue", "support")
_KEYWORD = re.compile(r"\b(?:%s)\b" % "|".join(KEYWORDS))


@st.composite
def mutated_plan(draw) -> str:
    """A fixture or example with a `}` deleted or a keyword misspelt (a letter dropped,
    doubled or swapped with the next)."""
    text = draw(st.sampled_from(TEXTS))
    if draw(st.booleans()):
        braces = [m.start() for m in re.finditer(r"\}", text)]
        at = draw(st.sampled_from(braces))
        return text[:at] + text[at + 1:]
    words = list(_KEYWORD.finditer(text))
    assume(words)
    word = draw(st.sampled_from(words))
    i = draw(st.integers(0, len(word.group()) - 1))
    spelling = word.group()
    how = draw(st.sampled_from(["drop", "double", "swap"]))
    if how == "drop":
        spelling = spelling[:i] + spelling[i + 1:]
    elif how == "double":
        spelling = spelling[:i] + spelling[i] + spelling[i:]
    else:
        spelling = spelling[:i] + spelling[i + 1:i + 2] + spelling[i] + spelling[i + 2:]
    return text[:word.start()] + spelling + text[word.end():]


@given(mutated_plan())
def test_a_fix_of_a_mutated_plan_works(text: str):
    assert_each_fix_works(text)


def test_a_deleted_brace_of_a_one_line_top_level_block_is_fixed_back_to_the_plan():
    text = (ROOT / "examples" / "amy.cp").read_text(encoding="utf-8")
    one_line = [m.end() - 1 for m in re.finditer(r"(?m)^  [a-z][^{}\n]*\{[^{}\n]*\}", text)]
    assert len(one_line) > 5
    for at in one_line:
        broken = text[:at] + text[at + 1:]
        (finding,) = parse(broken).syntax_errors
        assert "is never closed" in finding.message and finding.fix is not None
        mended = apply_fixes(broken, [finding.fix])[0]
        assert parse(mended).syntax_errors == ()
        assert parse(mended).plan == parse(text).plan


def test_a_finding_without_a_fix_is_as_it_was():
    finding = SyntaxFinding("CP100", "expected `}`", parse("").syntax_errors[0].span)
    assert finding.fix is None

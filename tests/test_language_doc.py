"""docs/language.md is the language reference: its examples must parse, and it must keep
up with the grammar (every keyword shown in an example) and the fixed value lists (every
value named); its tables of meanings, between marker comments, are exactly
cpdsl/meanings.py's (`make language-doc` writes them).

A ```cp block that does not start with `plan` (after any leading comments) is a fragment
of a plan and is checked wrapped as `plan "Example" { ... }`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from lark.exceptions import LarkError

from cpdsl import vocabulary
from cpdsl.lint import lint_text
from cpdsl.parsing import parse
from cpdsl.parsing.grammar import get_parser

DOC = Path(__file__).resolve().parents[1] / "docs" / "language.md"
TODAY = dt.date(2026, 3, 1)

_CP_BLOCK = re.compile(r"^```cp[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_STARTS_WITH_PLAN = re.compile(r"\A(?:\s*#[^\n]*\n)*\s*plan\b")


def cp_blocks(text: str) -> list[tuple[int, str]]:
    """Every ```cp block of the doc, with the line its code starts on."""
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in _CP_BLOCK.finditer(text)]


def as_plan(block: str) -> str:
    if _STARTS_WITH_PLAN.match(block):
        return block
    return f'plan "Example" {{\n{block}\n}}\n'


def keyword_words() -> dict[str, str]:
    """The grammar's keywords: terminal name -> the word."""
    return {
        t.name: t.pattern.value
        for t in get_parser().terminals
        if t.pattern.type == "str" and t.pattern.value[:1].isalpha()
    }


def keywords_used(plan_text: str, keywords: dict[str, str]) -> set[str]:
    """The keywords the parser reads as keywords in `plan_text` (not ids, not quoted text)."""
    tree = get_parser().parse(plan_text, start="start")
    return {keywords[token.type] for token in tree.scan_values(lambda v: True)
            if getattr(token, "type", None) in keywords}


def vocabulary_values() -> dict[str, tuple[str, ...]]:
    """Every fixed list in cpdsl.vocabulary: a module-level tuple of strings."""
    return {
        name: value for name, value in vars(vocabulary).items()
        if name.isupper() and isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    }


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def blocks(doc: str) -> list[tuple[int, str]]:
    return cp_blocks(doc)


def test_the_doc_has_examples(blocks):
    assert len(blocks) >= 20
    assert any(_STARTS_WITH_PLAN.match(block) for _, block in blocks), \
        "the doc has no complete example plan (a ```cp block starting with `plan`)"


def test_every_example_parses(blocks):
    failures = []
    for line, block in blocks:
        errors = parse(as_plan(block)).syntax_errors
        if errors:
            listed = "\n".join(f"    {e.code} line {e.span.line}:{e.span.column}: {e.message}"
                               for e in errors)
            failures.append(f"block at docs/language.md:{line}:\n{block}\n  errors:\n{listed}")
    assert not failures, "examples in docs/language.md do not parse:\n\n" + "\n\n".join(failures)


def test_examples_use_only_valid_values_and_dates(blocks):
    """A reader copies the examples: every role, domain, status ... in them must be right."""
    failures = []
    for line, block in blocks:
        found = [d for d in lint_text(as_plan(block), TODAY, relative_to=str(DOC.parent))
                 if d.code in ("CP104", "CP105")]
        if found:
            failures.append(f"block at docs/language.md:{line}: "
                            + "; ".join(f"{d.code} {d.message}" for d in found))
    assert not failures, "\n".join(failures)


def test_complete_examples_are_sound(blocks):
    """The complete plans define everything they refer to and lack nothing required."""
    codes = {"CP100", "CP101", "CP102", "CP103", "CP104", "CP105", "CP106"}
    failures = []
    for line, block in blocks:
        if not _STARTS_WITH_PLAN.match(block):
            continue
        found = [d for d in lint_text(block, TODAY) if d.code in codes]
        if found:
            failures.append(f"plan at docs/language.md:{line}: " + "; ".join(
                f"{d.code} line {d.span.line}: {d.message}" for d in found))
    assert not failures, "\n".join(failures)


def test_every_keyword_appears_in_an_example(blocks):
    keywords = keyword_words()
    assert len(keywords) > 50, "the grammar's keywords were not found"
    used: set[str] = set()
    for _, block in blocks:
        try:
            used |= keywords_used(as_plan(block), keywords)
        except LarkError:
            continue  # test_every_example_parses reports it
    missing = sorted(set(keywords.values()) - used)
    assert not missing, f"keywords with no example in docs/language.md: {missing}"


@pytest.mark.parametrize("name", sorted(vocabulary_values()))
def test_every_value_is_named(doc, name):
    values = vocabulary_values()[name]
    assert values
    missing = [v for v in values if f"`{v}`" not in doc]
    assert not missing, (
        f"vocabulary.{name}: not named (in backquotes) in docs/language.md: {missing}")


def test_the_vocabulary_lists_are_found():
    names = set(vocabulary_values())
    assert {"ROLES", "CATEGORIES", "DOMAINS", "ACTION_STATUSES", "CONFERENCE_KINDS",
            "MEETING_KINDS", "RECOMMENDATIONS", "PROFILES"} <= names


def test_the_text_rules_are_as_documented(doc, blocks):
    """The doc shows what a string with escapes and a triple-quoted block read as."""
    strings = next(parse(as_plan(b)).plan for _, b in blocks if "Shared folder" in b)
    agency, contact = strings.members[0].agency.value, strings.members[0].contact.value
    assert f"agency reads `{agency}`" in doc
    assert f"contact\n`{contact}`" in doc
    block = next(parse(as_plan(b)).plan for _, b in blocks if "Kerry will be told" in b)
    shown = re.search(r"The contingency plan reads[^\n]*\n\n```text\n(.*?)```", doc, re.DOTALL)
    assert shown, "the doc no longer shows what the contingency block reads as"
    assert shown.group(1) == block.contingency.value + "\n"


def top_level_words() -> set[str]:
    """The keywords that start a top-level statement, from the grammar's `plan_item`."""
    from lark.parsers.grammar_analysis import calculate_sets

    parser = get_parser()
    first, _, _ = calculate_sets(parser.rules)
    starts = {t.name for rule in parser.rules if rule.origin.name == "plan_item"
              for t in first.get(rule.expansion[0], ())}
    keywords = keyword_words()
    return {keywords[name] for name in starts if name in keywords}


def test_the_layout_rule_lists_every_top_level_word(doc):
    """The words that always start a new top-level statement are listed in full."""
    layout = re.search(r"\*\*Layout\.\*\*(.*?)\n\n", doc, re.DOTALL)
    assert layout, "the doc has no **Layout.** paragraph"
    listed = re.search(r"starts a top-level statement \((.*?)\)", layout.group(1), re.DOTALL)
    assert listed, "the Layout paragraph no longer lists the top-level words"
    words = set(re.findall(r"`([a-z-]+)`", listed.group(1)))
    expected = top_level_words()
    assert len(expected) > 20
    assert words == expected, (f"missing: {sorted(expected - words)}, "
                               f"not top-level: {sorted(words - expected)}")


# --- The tables of meanings: written from cpdsl/meanings.py by `make language-doc` ---

_MEANINGS_TABLE = re.compile(r"<!-- meanings: ([a-z -]+?) -->\n(.*?)<!-- /meanings -->",
                             re.DOTALL)


def meaning_tables(text: str) -> list[tuple[list[str], list[list[str]], str]]:
    """Each marked table: the kinds its marker names, its rows (header and separator
    dropped) split into cells, and the text after the table."""
    tables = []
    for match in _MEANINGS_TABLE.finditer(text):
        lines = match.group(2).splitlines()
        rows = [[cell.strip() for cell in line.strip().strip("|").split(" | ")]
                for line in lines[2:] if line.startswith("|")]
        after = "\n".join(line for line in lines[2:] if not line.startswith("|")).strip()
        tables.append((match.group(1).split(), rows, after))
    return tables


def test_every_kind_of_meaning_has_one_table(doc):
    from cpdsl.meanings import all_meanings

    kinds = [kind for listed, _, _ in meaning_tables(doc) for kind in listed]
    assert len(kinds) == len(set(kinds)), f"a kind with two tables: {kinds}"
    assert set(kinds) == {m.kind for m in all_meanings()}


def test_each_table_lists_exactly_the_meanings_with_their_descriptions(doc):
    from cpdsl import meanings

    places = {meanings.KEYWORD, meanings.WORD, meanings.UNIT}
    failures = []
    for kinds, rows, _ in meaning_tables(doc):
        placed = set(kinds) <= places
        shown = []
        for cells in rows:
            word = cells[0].strip("`")
            where = (tuple("file" if w == "the file" else w for w in cells[1].split(", "))
                     if placed else None)
            shown.append((word, where, *cells[-2:]))
        expected = [(m.word, m.where if placed else None, m.description, m.source)
                    for m in meanings.all_meanings() if m.kind in kinds]
        if shown != expected:
            missing = [e for e in expected if e not in shown]
            extra = [s for s in shown if s not in expected]
            failures.append(f"table of {' '.join(kinds)}: missing or different {missing}, "
                            f"not in cpdsl/meanings.py {extra}, or out of order")
    assert not failures, "run `make language-doc`:\n" + "\n".join(failures)


def test_the_roles_table_names_the_family_roles(doc):
    after = next(after for kinds, _, after in meaning_tables(doc) if kinds == ["role"])
    family = ", ".join(f"`{role}`" for role in vocabulary.FAMILY_ROLES)
    assert after == f"The family roles (the family in the core group, CP308): {family}."


def test_the_tables_show_a_few_meanings_as_a_reader_reads_them(doc):
    """Spot checks of rows written out."""
    assert ("| `second-chair` | plan | The member named in advance to chair a meeting when "
            "the chair cannot | Bolton core group guidance, s3 |") in doc
    assert ("| `name` | child, member, excluded | The person's full name, in quotes |  |"
            in doc)
    assert ("| `ensuring-safety` | Keeping the child safe from harm and danger, at home and "
            "away | Bolton core group guidance, s6 |") in doc
    assert "| `dropped` | Given up; write why in quotes after it |  |" in doc

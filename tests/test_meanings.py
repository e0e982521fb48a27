"""cpdsl/meanings.py gives every word of the language a meaning: each keyword of the grammar
in each block it is written in, each word inside a statement, each unit, and each value of
every list in cpdsl/vocabulary.py; the keyword lists come from the grammar, so a keyword
added to it without a meaning fails here."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpdsl import meanings, vocabulary
from cpdsl.citations import SHORT_NAMES
from cpdsl.lint import lint_text
from cpdsl.meanings import AmbiguousWord, Meaning, all_meanings, keywords_in, meaning
from cpdsl.parsing.grammar import get_parser
from cpdsl.profile import load_profile

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "language.md"


# --- What the grammar says: its keywords, its blocks, the words inside its statements ---

def keyword_terminals() -> dict[str, str]:
    """The grammar's keywords: terminal name -> the word."""
    return {t.name: t.pattern.value for t in get_parser().terminals
            if t.pattern.type == "str" and t.pattern.value[:1].isalpha()}


def _rules() -> dict[str, list]:
    by_origin = defaultdict(list)
    for rule in get_parser().rules:
        by_origin[rule.origin.name].append(rule)
    return by_origin


def _first_keywords(symbol) -> set[str]:
    from lark.parsers.grammar_analysis import calculate_sets

    first, _, _ = calculate_sets(get_parser().rules)
    keywords = keyword_terminals()
    return {keywords[t.name] for t in first.get(symbol, ()) if t.name in keywords}


def grammar_blocks() -> dict[str, set[str]]:
    """Each block, named by the keyword of the statement that opens it (`file` holds
    `plan`, and `plan` the top-level statements), and the keywords that start a statement
    in it. A keyword that opened two different blocks would make the name ambiguous."""
    keywords = keyword_terminals()
    rules = _rules()
    found = {"file": _first_keywords(rules["start"][0].origin),
             "plan": _first_keywords(rules["plan_item"][0].origin)}
    for rule in get_parser().rules:
        symbols = rule.expansion
        for before, after in zip(symbols, symbols[1:], strict=False):
            if before.name == "LBRACE" and not after.is_term and rule.origin.name != "plan":
                owner = keywords[symbols[0].name]
                inside = _first_keywords(after)
                assert found.setdefault(owner, inside) == inside, f"two `{owner}` blocks"
    return found


def _statement_origins(symbol: str, seen: set[str]) -> set[str]:
    """The rules a block's contents are made of that start with a keyword: its statements."""
    rules = _rules()
    keywords = keyword_terminals()
    found: set[str] = set()
    for rule in rules[symbol]:
        for s in rule.expansion:
            if s.is_term or s.name in seen:
                continue
            seen.add(s.name)
            if all(r.expansion and r.expansion[0].name in keywords for r in rules[s.name]):
                found.add(s.name)
            else:
                found |= _statement_origins(s.name, seen)
    return found


def _words_within(symbol: str, seen: set[str]) -> set[str]:
    rules = _rules()
    keywords = keyword_terminals()
    found: set[str] = set()
    for rule in rules[symbol]:
        for s in rule.expansion:
            if s.is_term:
                found |= {keywords[s.name]} if s.name in keywords else set()
            elif s.name not in seen:
                seen.add(s.name)
                found |= _words_within(s.name, seen)
    return found


def words_inside_statements() -> dict[str, set[str]]:
    """Each keyword written inside a statement, after its first word and before any block
    (`by` and `every` in `contact`), with the statements it is written in."""
    rules = _rules()
    keywords = keyword_terminals()
    contents = {"plan_item"} | {
        after.name for rule in get_parser().rules
        for before, after in zip(rule.expansion, rule.expansion[1:], strict=False)
        if before.name == "LBRACE" and not after.is_term}
    statements = set().union(*(_statement_origins(c, set()) for c in contents))
    found: dict[str, set[str]] = defaultdict(set)
    for origin in statements:
        for rule in rules[origin]:
            head = rule.expansion[0]
            for s in rule.expansion[1:]:
                if s.name == "LBRACE":
                    break
                words = ({keywords[s.name]} if s.name in keywords else set()) if s.is_term \
                    else _words_within(s.name, set())
                for word in words:
                    found[word].add(keywords[head.name])
    return dict(found)


def unit_words() -> set[str]:
    return _words_within("unit", set())


def test_the_grammar_is_read():
    blocks = grammar_blocks()
    assert {"file", "plan", "member", "meeting", "recommendation", "apologies"} <= set(blocks)
    assert blocks["file"] == {"plan"}
    assert blocks["contact"] == {"alone"}
    assert words_inside_statements()["every"] == {"contact", "core-groups"}
    assert unit_words() == {"working", "day", "days", "week", "weeks", "month", "months"}


# --- Every word the grammar has has a meaning, where the grammar writes it ---

def test_every_keyword_of_the_grammar_has_a_meaning():
    described = {m.word for m in all_meanings()
                 if m.kind in (meanings.KEYWORD, meanings.WORD, meanings.UNIT)}
    keywords = set(keyword_terminals().values())
    assert len(keywords) > 70
    assert keywords - described == set(), "grammar keywords without a meaning"
    assert described - keywords == set(), "meanings of keywords the grammar does not have"


def test_the_blocks_are_the_grammars():
    assert set(meanings.blocks()) == set(grammar_blocks())
    assert meanings.blocks()[:3] == ("file", "plan", "child")


@pytest.mark.parametrize("block", sorted(grammar_blocks()))
def test_each_block_holds_the_keywords_the_grammar_gives_it(block):
    held = keywords_in(block)
    assert len(held) == len(set(held)), f"a keyword listed twice in `{block}`: {held}"
    assert set(held) == grammar_blocks()[block]
    for word in held:
        assert meaning(word, meanings.KEYWORD, block).word == word


def test_every_word_inside_a_statement_has_a_meaning_there():
    expected = {(word, statement)
                for word, statements in words_inside_statements().items()
                if word not in unit_words() for statement in statements}
    described = {(m.word, place) for m in all_meanings() if m.kind == meanings.WORD
                 for place in m.where}
    assert described == expected


def test_the_units_are_the_grammars_and_written_where_durations_are():
    inside = words_inside_statements()
    units = [m for m in all_meanings() if m.kind == meanings.UNIT]
    assert {m.word for m in units} == unit_words()
    for m in units:
        assert set(m.where) == inside[m.word], m.word


# --- The documentation's order ---

def _doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_the_top_level_keywords_are_in_the_order_of_a_plan():
    section = re.search(r"## The order of a plan\n(.*?)\nWithin a section", _doc(), re.DOTALL)
    assert section, "docs/language.md has no list of the order of a plan"
    assert keywords_in("plan") == tuple(re.findall(r"`([a-z-]+)`", section.group(1)))


def glance_rows() -> dict[str, list[str]]:
    """"Statements at a glance": each statement with a block, and the keywords its block
    holds in the order the row lists them."""
    section = re.search(r"## Statements at a glance\n(.*?)\n## ", _doc(), re.DOTALL)
    assert section, "docs/language.md has no Statements at a glance"
    rows: dict[str, list[str]] = {}
    for line in section.group(1).splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) != 3 or "block:" not in cells[2]:
            continue
        held = [item.split()[0] for item in
                re.findall(r"`([^`]+)`", cells[2].split("block:", 1)[1])]
        for statement in re.findall(r"`([a-z-]+)`", cells[0]):
            rows[statement] = held
    return rows


def test_each_blocks_keywords_are_in_the_order_statements_at_a_glance_gives():
    rows = glance_rows()
    assert set(rows) == set(meanings.blocks()) - {"file", "plan"}
    for block, held in rows.items():
        assert list(keywords_in(block)) == held, block


# --- Every value of every fixed list has a meaning ---

# The kind of meaning each list of cpdsl/vocabulary.py holds; a list added there without one
# fails the next test.
KIND_OF_LIST = {
    "ROLES": meanings.ROLE, "FAMILY_ROLES": meanings.ROLE, "CATEGORIES": meanings.CATEGORY,
    "DOMAINS": meanings.DOMAIN, "ACTION_STATUSES": meanings.STATUS,
    "CONFERENCE_KINDS": meanings.CONFERENCE_KIND, "MEETING_KINDS": meanings.MEETING_KIND,
    "RECOMMENDATIONS": meanings.RECOMMENDATION, "VIEWS_GROUPS": meanings.VIEWS_GROUP,
    "PROFILES": meanings.PROFILE,
}


def vocabulary_lists() -> dict[str, tuple[str, ...]]:
    """Every fixed list in cpdsl.vocabulary: a module-level tuple of strings."""
    return {name: value for name, value in vars(vocabulary).items()
            if name.isupper() and isinstance(value, tuple)
            and all(isinstance(v, str) for v in value)}


def test_every_list_of_the_vocabulary_is_known():
    assert set(vocabulary_lists()) == set(KIND_OF_LIST)


@pytest.mark.parametrize("name", sorted(KIND_OF_LIST))
def test_every_value_has_a_meaning(name):
    values = vocabulary_lists()[name]
    kind = KIND_OF_LIST[name]
    described = [m.word for m in all_meanings() if m.kind == kind]
    assert values
    assert [v for v in values if v not in described] == []
    if name != "FAMILY_ROLES":  # a subset of the roles
        assert described == list(values), "not the list's values in the list's order"


def test_the_value_lists_are_the_vocabularys():
    for kind, values in meanings.VALUE_LISTS.items():
        assert [m.word for m in all_meanings() if m.kind == kind] == list(values)
        assert all(m.where == (meanings.VALUE_PLACES[kind],)
                   for m in all_meanings() if m.kind == kind)


def test_each_profile_is_described_by_its_own_file():
    for name in vocabulary.PROFILES:
        m = meaning(name, meanings.PROFILE)
        written = load_profile(name).description
        assert written.startswith(m.description)
        cited = re.search(r"\((\d{3}_[0-9a-f]{16}\.txt)\)$", written)
        assert m.source == (SHORT_NAMES[cited.group(1)] if cited else "")
    assert meaning("bolton", meanings.PROFILE) == Meaning(
        "bolton", "profile", "Bolton: Child Protection Core Groups guidance",
        "Bolton core group guidance", ("profile",))


@pytest.mark.parametrize("m", [m for m in all_meanings() if m.kind == meanings.SUPPRESSION],
                         ids=lambda m: m.word)
def test_each_suppression_word_is_one_cplint_reads(m):
    def unread(word: str) -> list[str]:
        text = ('plan "A" {\n  member sam { name "Sam Patel" role social-worker lead }\n'
                f'  # cplint: {word}[CP302] agreed by phone\n  chair sam\n}}\n')
        return [d.message for d in lint_text(text, dt.date(2026, 3, 1))
                if d.code == "CP107" and d.message.startswith("not a suppression")]

    assert unread(m.word) == []
    assert unread(m.word + "s") != []  # the check can tell


# --- What a description and a source are ---

@pytest.mark.parametrize("m", all_meanings(), ids=lambda m: f"{m.kind}-{m.word}-{m.where}")
def test_a_description_is_one_short_line_without_a_full_stop(m):
    text = m.description
    assert text and text == text.strip() and "\n" not in text
    assert len(text) <= 140, "too long for one line of a hover or a completion list"
    assert text[0].isupper() or text[0] == "`"
    assert not text.endswith("."), "descriptions end without a full stop"
    assert "|" not in text and "|" not in m.source  # a table cell in docs/language.md


# Every capitalised word in the descriptions and sources (after the first): places,
# documents and terms of the guidance. A person's name would not be here: a word added to
# a description that is not one fails until it is checked and added.
PROPER = {
    "Assessment", "Framework", "Braille", "English", "England", "Wales", "Scotland",
    "Northern", "Ireland", "West", "Midlands", "Bolton", "Partnership", "Core", "Child",
    "Children", "Protection", "Plans", "Groups", "Guidance", "National", "Procedures",
    "Safeguarding", "Safeguard", "Working", "Together", "Co-operating", "SBNI", "Developing",
    "Practice", "Briefing", "RCPC",
}


def test_no_description_or_source_names_a_person():
    found: dict[str, str] = {}
    for m in all_meanings():
        for text in (m.description, m.source):
            words = re.findall(r"(?<![\w'-])[A-Z][\w'-]*", re.sub(r"`[^`]*`", "", text))
            for word in words[1:]:
                found.setdefault(word, m.word)
    assert {word: where for word, where in found.items() if word not in PROPER} == {}


# The sections of the guidance that number them, as the files do (checked against
# ../shared/guidance when written; nothing here reads it).
SECTIONS = {
    "Bolton core group guidance": {"1", "2", "3", "4", "5", "6", "7", "appendix"},
    "Partnership plans and core groups procedure": {"1", "2", "3", "4", "5", "6", "6.1",
                                                    "6.2", "6.3", "6.4"},
}


def citations(source: str) -> list[tuple[str, str]]:
    """A source's citations: each the guidance's short name and the place in it."""
    found = []
    for citation in source.split("; "):
        name = next((n for n in SHORT_NAMES.values() if citation.startswith(n)), None)
        assert name, f"{citation!r} names no guidance cplint knows"
        place = citation[len(name):]
        assert place == "" or place.startswith(", "), citation
        found.append((name, place[2:]))
    return found


@pytest.mark.parametrize("m", [m for m in all_meanings() if m.source],
                         ids=lambda m: f"{m.kind}-{m.word}-{m.where}")
def test_every_source_names_guidance_cplint_knows(m):
    assert ".txt" not in m.source, "a source names the guidance by its short name"
    for name, place in citations(m.source):
        if name in SECTIONS:
            numbered = re.fullmatch(r"s(\d+(?:\.\d+)?)(?: and s(\d+(?:\.\d+)?))*", place)
            sections = re.findall(r"s(\d+(?:\.\d+)?)", place) if numbered else [place]
            # a profile is the whole document; anything else names its section
            assert place or m.kind == meanings.PROFILE, m.source
            assert all(s in SECTIONS[name] for s in sections if s), m.source
        else:  # the others name a part by its heading
            assert place == "" or re.fullmatch(r"[a-z][a-zA-Z -]*[a-z]", place), m.source


def test_most_keywords_say_where_the_guidance_defines_them():
    keywords = [m for m in all_meanings() if m.kind == meanings.KEYWORD]
    assert sum(bool(m.source) for m in keywords) > len(keywords) * 3 // 4
    assert all(m.source == "" for m in all_meanings() if m.kind == meanings.CATEGORY), \
        "no guidance cplint ships defines the categories"


# --- Lookups ---

def test_spot_checks():
    assert meaning("second-chair") == Meaning(
        "second-chair", "keyword",
        "The member named in advance to chair a meeting when the chair cannot",
        "Bolton core group guidance, s3", ("plan",))
    assert meaning("reason", block="excluded") == Meaning(
        "reason", "keyword", "Why the person is kept out of the core group, in quotes",
        "Bolton core group guidance, s2", ("excluded",))
    assert meaning("reason", block="core-groups").description == (
        "Why the core group meets less often than the profile allows, in quotes")
    assert meaning("name") == Meaning(
        "name", "keyword", "The person's full name, in quotes", "",
        ("child", "member", "excluded"))
    assert meaning("by", block="contact") == Meaning(
        "by", "word", "The member who sees the child", "Bolton core group guidance, s1",
        ("contact",))
    assert meaning("housing", kind="domain") == Meaning(
        "housing", "domain", "Whether the home is safe, suitable and secure for the child",
        "Bolton core group guidance, s6", ("domain",))
    assert meaning("housing", block="role").description == "A housing officer"
    assert meaning("reconvened") == Meaning(
        "reconvened", "conference-kind",
        "A conference called early, when the core group cannot carry out the plan or a new "
        "concern arises; it counts as a review", "Bolton core group guidance, s4 and s5",
        ("conference",))
    assert meaning("recommendation", block="meeting").source == (
        "West Midlands core groups briefing, meeting recording")
    assert meaning("weeks") == Meaning("weeks", "unit", "Weeks of seven days: `2 weeks`", "",
                                       ("contact", "core-groups"))
    assert meaning("neglect").source == ""


def test_keywords_in_a_block_for_completion():
    assert keywords_in("file") == ("plan",)
    assert keywords_in("child") == ("name", "known-as", "born", "expected")
    assert keywords_in("apologies") == keywords_in("absent") == ("report",)
    assert keywords_in("recommendation") == ("exceptional",)
    assert keywords_in("nowhere") == ()


def test_a_word_of_several_meanings_needs_its_kind_or_block():
    with pytest.raises(AmbiguousWord) as raised:
        meaning("child")
    assert str(raised.value) == ("`child` has 3 meanings (keyword in plan; role in role; "
                                 "views-group in views): give the kind or the block")
    assert meaning("child", kind="keyword").where == ("plan",)
    assert meaning("child", block="views").kind == "views-group"
    assert len(meanings.meanings_of("reason")) == 4
    with pytest.raises(KeyError, match="no meaning of `reason` in `meeting`"):
        meaning("reason", block="meeting")


def test_a_word_and_its_place_name_one_meaning():
    seen: dict[tuple[str, str], Meaning] = {}
    for m in all_meanings():
        assert m.where, f"{m.word} is written nowhere"
        for place in m.where:
            assert (m.word, place) not in seen, (m, seen[(m.word, place)])
            seen[(m.word, place)] = m
            assert meaning(m.word, block=place) is m


@given(st.text(max_size=20))
def test_a_word_the_language_does_not_have_has_no_meaning(word):
    known = {m.word for m in all_meanings()}
    if word in known:
        assert meanings.meanings_of(word)
        return
    assert meanings.meanings_of(word) == ()
    with pytest.raises(KeyError):
        meaning(word)


def test_the_lint_path_does_not_import_the_meanings(tmp_path):
    (tmp_path / "plan.cp").write_text(
        'plan "Northtown review" {\n  member sam { name "Sam Patel" role socialworker }\n}\n',
        encoding="utf-8")
    script = ("import sys\nfrom cpdsl.cli import main\ntry:\n    main(['plan.cp'])\n"
              "except SystemExit as done:\n    assert done.code == 1, done.code\n"
              "print('cpdsl.meanings' in sys.modules, 'cpdsl.rules' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, check=True)
    assert "socialworker" in result.stdout  # the rules ran, and found it
    assert result.stdout.splitlines()[-1] == "False True"

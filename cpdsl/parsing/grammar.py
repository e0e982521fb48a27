"""The analysed grammar/cpdsl.lark: LALR tables, terminals and keywords, loaded once.

Lark analyses the grammar; cplint then drives Lark's LALR parser state with its own
lexer (cpdsl.parsing.lalr), which is what lets one compiled regex serve every parser
state. Analysing the grammar takes ~100 ms, more than the rest of a lint, so the
result is generated ahead of time into `tables.pickle` (`make tables`) with the
grammar's hash and Lark's version. When either differs (the grammar was just edited,
or another Lark is installed) it is analysed from the grammar file instead: slower,
never wrong. Nothing is ever written at run time.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import re
from typing import NamedTuple

import attrs
import lark
from lark import Lark
from lark.lark import PostLex

GRAMMAR_NAME = "cpdsl.lark"
START_SYMBOLS = ["start", "plan_header", "plan_items"]
_HERE = os.path.dirname(os.path.abspath(__file__))
TABLES_PATH = os.path.join(_HERE, "tables.pickle")
TABLES_FORMAT = 2  # raise when what tables.pickle holds changes shape

# Terminals no rule uses, kept so that the lexer can produce them: a word out of place
# arrives as one whole unexpected token ("ownr", "2026-2-1", an unclosed string) that
# the error handler can name.
ERROR_TERMINALS = ("JUNK", "OPEN_STRING", "OPEN_BLOCK_STRING")


class _KeepErrorTerminals(PostLex):
    always_accept = ERROR_TERMINALS

    def process(self, stream):
        return stream


class Terminal(NamedTuple):
    name: str
    pattern: str  # a regular expression
    priority: int


@attrs.frozen(eq=False)
class Grammar:
    """What the parser needs: the LALR table, the rules, and how to lex."""

    parse_table: object  # lark's ParseTable
    rules: list
    terminals: tuple[Terminal, ...]  # everything the lexer matches, in priority order
    ignore: frozenset[str]
    keywords: dict[str, str]  # keyword text -> terminal name
    top_level: frozenset[str]  # keywords that start a top-level statement
    top_level_only: frozenset[str]  # ... and never a statement inside a block

    @functools.cached_property
    def keyword_texts(self) -> dict[str, str]:
        return {name: word for word, name in self.keywords.items()}


def grammar_path():
    """The grammar file as a pathlib.Path (for tools; the lint path avoids pathlib)."""
    from pathlib import Path

    return Path(_grammar_file())


def _grammar_file() -> str:
    """The grammar inside an installed wheel, else the one at the top of the source tree."""
    package = os.path.dirname(_HERE)
    packaged = os.path.join(package, "grammar", GRAMMAR_NAME)
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(package), "grammar", GRAMMAR_NAME)


def grammar_text() -> str:
    with open(_grammar_file(), encoding="utf-8") as file:
        return file.read()


def grammar_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_parser(text: str, lexer: str = "basic") -> Lark:
    """A Lark parser for the grammar (the tables come from it; tools may use it whole)."""
    return Lark(
        text,
        parser="lalr",
        lexer=lexer,
        start=START_SYMBOLS,
        keep_all_tokens=True,
        maybe_placeholders=False,
        postlex=_KeepErrorTerminals(),
    )


def analyse(text: str) -> Grammar:
    """The Grammar from grammar text (slow: the LALR analysis)."""
    parser = build_parser(text)
    identifier = re.compile(next(t.pattern.to_regexp() for t in parser.terminals
                                 if t.name == "IDENT"))
    keywords, terminals = {}, []
    for t in parser.terminals:
        if t.pattern.type == "str" and identifier.fullmatch(t.pattern.value):
            keywords[t.pattern.value] = t.name
        else:
            terminals.append(Terminal(t.name, t.pattern.to_regexp(), t.priority))
    terminals.sort(key=lambda t: -t.priority)  # stable: the grammar's order breaks ties
    top_level, inner = _statement_keywords(parser)
    return Grammar(parser.parser.parser.parser.parse_table, parser.rules, tuple(terminals),
                   frozenset(parser.lexer_conf.ignore), keywords, top_level,
                   top_level - inner)


@functools.cache
def get_grammar() -> Grammar:
    tables = read_tables()
    text = grammar_text()
    if tables and tables.get("format") == TABLES_FORMAT and (
        tables["grammar_sha256"] == grammar_hash(text)
    ) and tables["lark_version"] == lark.__version__:
        return tables["grammar"]
    return analyse(text)


def read_tables() -> dict | None:
    try:
        with open(TABLES_PATH, "rb") as file:
            return pickle.load(file)
    except Exception:  # unreadable, or made by another Lark: analyse the grammar instead
        return None


def render_tables() -> bytes:
    """The contents of `tables.pickle`: the analysed grammar and what it was made from."""
    text = grammar_text()
    tables = {
        "format": TABLES_FORMAT,
        "grammar_sha256": grammar_hash(text),
        "lark_version": lark.__version__,
        "grammar": analyse(text),
    }
    buffer = io.BytesIO()
    _TablePickler(buffer, protocol=4).dump(tables)
    return buffer.getvalue()


class _TablePickler(pickle.Pickler):
    """Pickles Lark's Shift and Reduce as references: its parser tests them by identity."""

    def reducer_override(self, obj):
        from lark.parsers.lalr_analysis import Action

        if isinstance(obj, Action):
            return _lark_action, (obj.name,)
        return NotImplemented


def _lark_action(name: str):
    from lark.parsers.lalr_analysis import Reduce, Shift

    return Shift if name == "Shift" else Reduce


@functools.cache
def get_parser() -> Lark:
    """A whole Lark parser with its own contextual lexer, for tools and tests."""
    return build_parser(grammar_text(), lexer="contextual")


def _statement_keywords(parser: Lark) -> tuple[frozenset[str], frozenset[str]]:
    """The keywords that start top-level statements, and those that start statements in
    blocks."""
    from lark.parsers.grammar_analysis import calculate_sets

    first, _, _ = calculate_sets(parser.rules)
    top: set[str] = set()
    for rule in parser.rules:
        if rule.origin.name == "plan_item" and rule.expansion:
            top |= {t.name for t in first.get(rule.expansion[0], ())}
    inner: set[str] = set()
    for rule in parser.rules:
        for before, after in zip(rule.expansion, rule.expansion[1:], strict=False):
            if before.name == "LBRACE" and not after.is_term:
                inner |= {t.name for t in first.get(after, ())}
    words = {t.name: t.pattern.value for t in parser.terminals if t.pattern.type == "str"}
    return (frozenset(words[n] for n in top if n in words),
            frozenset(words[n] for n in inner if n in words))


def keyword_text(terminal_name: str) -> str | None:
    """The word a keyword terminal stands for (`__ANON_4` -> `second-chair`)."""
    return get_grammar().keyword_texts.get(terminal_name)


def is_keyword(word: str) -> bool:
    return word in get_grammar().keywords

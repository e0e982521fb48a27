"""The Lark parser for grammar/cpdsl.lark, made once per process on first use.

Analysing the grammar takes ~100 ms, more than the rest of a lint, so the analysed
tables are generated ahead of time into `tables.pickle` (`python -m cpdsl.parsing.build_tables`)
together with the grammar's hash and Lark's version (a pickle, not a Python module, because
loading it is fast even where no bytecode cache is kept). When either differs (the grammar
was just edited, or another Lark is installed) the parser is built from the grammar
file instead: slower, never wrong. Nothing is ever written at run time.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import os

import lark
from lark import Lark
from lark.lark import PostLex

GRAMMAR_NAME = "cpdsl.lark"
START_SYMBOLS = ["start", "plan_header", "plan_items"]
_HERE = os.path.dirname(os.path.abspath(__file__))
TABLES_PATH = os.path.join(_HERE, "tables.pickle")

# Value terminals the lexer may produce in every parser state, so that a word out of
# place arrives as one whole unexpected token ("ownr", "2026-2-1") that the error
# handler can name, instead of being split into keywords or failing mid-word.
ALWAYS_LEXED = (
    "IDENT", "JUNK", "STRING", "BLOCK_STRING", "OPEN_STRING", "OPEN_BLOCK_STRING",
    "DATE", "TIME", "NUMBER", "LBRACE", "RBRACE",
)


class _AlwaysLexed(PostLex):
    always_accept = ALWAYS_LEXED

    def process(self, stream):
        return stream


def grammar_path() -> str:
    """The grammar inside an installed wheel, else the one at the top of the source tree."""
    package = os.path.dirname(_HERE)
    packaged = os.path.join(package, "grammar", GRAMMAR_NAME)
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(package), "grammar", GRAMMAR_NAME)


def grammar_text() -> str:
    with open(grammar_path(), encoding="utf-8") as file:
        return file.read()


def grammar_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_parser(text: str) -> Lark:
    return Lark(
        text,
        parser="lalr",
        lexer="contextual",
        start=START_SYMBOLS,
        keep_all_tokens=True,
        maybe_placeholders=False,
        postlex=_AlwaysLexed(),
    )


@functools.cache
def get_parser() -> Lark:
    tables = current_tables()
    if tables is not None:
        return Lark._load_from_dict(tables["data"], tables["memo"], postlex=_AlwaysLexed())
    return build_parser(grammar_text())


@functools.cache
def current_tables() -> dict | None:
    """The shipped tables, if they were made from this grammar by this Lark."""
    tables = read_tables()
    if tables and tables["grammar_sha256"] == grammar_hash(grammar_text()) and (
        tables["lark_version"] == lark.__version__
    ):
        return tables
    return None


def read_tables() -> dict | None:
    try:
        with open(TABLES_PATH, "rb") as file:
            return pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError):
        return None


@functools.cache
def top_level_only_keywords() -> frozenset[str]:
    """Keywords that start a top-level statement and nothing inside a block.

    Such a word at the start of a line inside a block means the block was never closed.
    """
    tables = current_tables()
    if tables is not None:
        return frozenset(tables["top_level_only"])
    return _top_level_only(get_parser())


def _top_level_only(parser: Lark) -> frozenset[str]:
    from lark.parsers.grammar_analysis import calculate_sets  # only when tables are rebuilt

    first, _, _ = calculate_sets(parser.rules)
    starts = {}
    for rule in parser.rules:
        starts.setdefault(rule.origin.name, set()).add(rule.expansion[0] if rule.expansion else None)
    top: set[str] = set()
    for symbol in starts.get("plan_item", ()):
        top |= {t.name for t in first.get(symbol, ())}
    inner: set[str] = set()
    for rule in parser.rules:
        for before, after in zip(rule.expansion, rule.expansion[1:]):
            if before.name == "LBRACE" and not after.is_term:
                inner |= {t.name for t in first.get(after, ())}
    words = {t.name: t.pattern.value for t in parser.terminals if t.pattern.type == "str"}
    return frozenset(words[name] for name in top - inner if name in words)


def keyword_text(terminal_name: str) -> str | None:
    """The word a keyword terminal stands for (`SECOND_CHAIR` -> `second-chair`)."""
    return _keyword_texts().get(terminal_name)


def is_keyword(word: str) -> bool:
    return word in _keyword_words()


@functools.cache
def _keyword_words() -> frozenset[str]:
    return frozenset(_keyword_texts().values())


@functools.cache
def _keyword_texts() -> dict[str, str]:
    return {
        t.name: t.pattern.value
        for t in get_parser().terminals
        if t.pattern.type == "str" and t.pattern.value[:1].isalpha()
    }


def render_tables() -> bytes:
    """The contents of `tables.pickle`: the analysed parser and what it was made from."""
    text = grammar_text()
    parser = build_parser(text)
    data, memo = parser.memo_serialize([lark.lexer.TerminalDef, lark.grammar.Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k != "postlex"}
    tables = {
        "grammar_sha256": grammar_hash(text),
        "lark_version": lark.__version__,
        "data": data,
        "memo": memo,
        "top_level_only": sorted(_top_level_only(parser)),
    }
    return pickle.dumps(tables, protocol=4)


"""Lex a piece of plan text and drive Lark's LALR parser state over it.

One regex, built from the grammar's terminals, lexes every token. Whether a word is a
keyword depends on where it stands, as with Lark's contextual lexer: a word is the
keyword only where the parser can take that keyword, and an id (IDENT) everywhere
else, so `views child` and `role child` work beside `child amy { ... }`.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator

from lark import Token, Tree
from lark.exceptions import UnexpectedToken
from lark.parse_tree_builder import ParseTreeBuilder
from lark.parsers.lalr_parser_state import ParseConf, ParserState

from cpdsl.parsing.grammar import Grammar, get_grammar


@functools.cache
def _lexer(grammar: Grammar) -> re.Pattern:
    # Characters no terminal matches (a no-break space pasted from a word processor) are
    # passed over like spaces.
    return re.compile("|".join(f"(?P<{t.name}>{t.pattern})" for t in grammar.terminals))


@functools.cache
def _callbacks(grammar: Grammar) -> dict:
    builder = ParseTreeBuilder(grammar.rules, Tree, False, False, False)
    return builder.create_callback(None)


class Cursor:
    """A parser state with the questions error recovery asks of it."""

    __slots__ = ("state",)

    def __init__(self, state: ParserState) -> None:
        self.state = state

    @classmethod
    def start(cls, grammar: Grammar, start_symbol: str) -> Cursor:
        conf = ParseConf(grammar.parse_table, _callbacks(grammar), start_symbol)
        return cls(ParserState(conf, None))

    @property
    def value_stack(self) -> list:
        return self.state.value_stack

    def choices(self) -> dict:
        """Terminals the current state has an action for (a superset of what it accepts)."""
        return self.state.parse_conf.states[self.state.state_stack[-1]]

    def accepts(self) -> set[str]:
        """Terminals the parser can really take next (merged LALR states offer more)."""
        taken = set()
        for name in self.choices():
            if name.isupper():
                try:
                    self.trial().feed(Token(name, ""))
                except UnexpectedToken:
                    continue
                taken.add(name)
        return taken

    def trial(self) -> Cursor:
        """A copy to try tokens on. It builds no trees: Lark's tree callbacks extend the
        children lists of trees already on the stack, which a trial must not touch."""
        state = self.state
        trial_conf = copy.copy(state.parse_conf)
        trial_conf.callbacks = {}
        return Cursor(ParserState(trial_conf, None, list(state.state_stack),
                                  list(state.value_stack)))

    def feed(self, token: Token):
        return self.state.feed_token(token, token.type == "$END")


def parse_tree(text: str, start_symbol: str, recovery) -> Tree | None:
    """The tree of one piece; `recovery` mends (and records) every syntax error."""
    grammar = get_grammar()
    cursor = Cursor.start(grammar, start_symbol)
    last = None
    for token in tokens(text, grammar, cursor):
        if token.type not in cursor.choices():
            # Refused before any reduction: skip Lark's exception (it lists every
            # terminal of the state), which a long line of junk would raise per token.
            recovery.mend(cursor, token, last)
        else:
            try:
                cursor.feed(token)
            except UnexpectedToken:
                recovery.mend(cursor, token, last)
        last = token
    end = Token.new_borrow_pos("$END", "", last) if last else Token("$END", "", 0, 1, 1, 1, 1, 0)
    for _ in range(2):
        try:
            return cursor.feed(end)
        except UnexpectedToken:
            if not recovery.close_at_end(cursor, end, last):
                return None
    return None


def tokens(text: str, grammar: Grammar, cursor: Cursor) -> Iterator[Token]:
    """The tokens of `text`; words become keywords where the cursor's state takes them."""
    keywords = grammar.keywords
    ignore = grammar.ignore
    line, line_start = 1, 0
    for match in _lexer(grammar).finditer(text):
        kind = match.lastgroup
        value = match.group()
        start, end = match.span()
        newlines = value.count("\n")
        end_line = line + newlines
        if newlines:
            end_column = len(value) - value.rfind("\n")
        else:
            end_column = end - line_start + 1
        if kind not in ignore:
            if kind == "IDENT":
                keyword = keywords.get(value)
                if keyword is not None and keyword in cursor.choices():
                    kind = keyword
            yield Token(kind, value, start, line, start - line_start + 1, end_line, end_column, end)
        if newlines:
            line = end_line
            line_start = start + value.rfind("\n") + 1

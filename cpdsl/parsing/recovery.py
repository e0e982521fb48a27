"""Syntax errors in plain words, and recovery so that one mistake hides nothing else.

The parser calls `Recovery.mend` at each unexpected token. It reports the error (at most
one a line, so one slip does not become a cascade), then mends the parse in the cheapest
way that lets the token be read: close a block that was never closed, insert the one
missing keyword, stand a placeholder in for a missing or malformed value, or else skip
the token. Placeholders are empty tokens; the model builder reads them as "absent".

Where one insertion (a `}`, a keyword) or one replacement (a misspelt keyword with one
likely meaning) would mend the text itself, the problem carries it as a `Mend`; the
parser keeps it only once it has seen the mended piece parse (cpdsl.parsing.mending).
"""

from __future__ import annotations

from typing import NamedTuple

from lark import Token, Tree
from lark.exceptions import UnexpectedToken

from cpdsl.parsing.grammar import get_grammar, is_keyword, keyword_text
from cpdsl.suggest import closest, only_match

MAX_ERRORS_PER_PIECE = 20

# Terminals that stand for a value, and the words that describe them.
VALUE_TERMINALS = {
    "DATE": "a date like 2026-01-12",
    "STRING": 'text in quotes ("like this")',
    "BLOCK_STRING": 'text in quotes ("like this")',
    "IDENT": "an id like `sam`",
    "NUMBER": "a number",
    "TIME": "a time like 10:30",
}
_PLACEHOLDER_ORDER = ("STRING", "DATE", "IDENT", "NUMBER", "TIME")


class Mend(NamedTuple):
    """What would mend a problem, in offsets into its piece: `text` in place of the
    characters from `start` to `end`.

    With `indent_of` (a `}` that goes on a line of its own), the text goes at the end of
    the line `start` is on, after a line break and the indentation of the line that the
    offset `indent_of` is on: known only in the whole file, as a piece may start mid-line.
    """

    title: str
    start: int
    end: int
    text: str
    indent_of: int | None = None


class SyntaxProblem(NamedTuple):
    """A syntax error at a line and column of one parsed piece (1-based, end exclusive).

    The message is a template: `{line}` stands for the error's line in the whole file,
    known only once the piece is placed (so a parsed piece can be reused anywhere).
    """

    code: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    mend: Mend | None = None


class GiveUp(Exception):
    """Too many errors in one piece to go on usefully."""


class Recovery:
    def __init__(self) -> None:
        self.problems: list[SyntaxProblem] = []
        self.unfinished = False  # the piece ended in the middle of a statement
        self.skipped: list[Token] = []  # tokens left out of the tree, in order
        self.end_insertions = 0  # placeholders fed at the end of the piece
        self._last_line = 0
        self._accepted: tuple[tuple, tuple] | None = None  # the last state's, see _accepts
        self._skip: tuple | None = None  # the last skip's state, token kind, keyword column

    # -- mending -------------------------------------------------------------------

    def mend(self, cursor, token: Token, previous: Token | None = None) -> None:
        """After `cursor` refused `token` (`previous` the token before it): report it,
        then mend the parse or skip the token."""
        if len(self.problems) >= MAX_ERRORS_PER_PIECE:
            raise GiveUp
        expected, keywords, values = self._accepts(cursor)
        if self._skip is not None and token.line == self._last_line:
            state, kind, column = self._skip
            if (state is self._accepted and kind == token.type
                    and (column is None or token.column > column)):
                self.skipped.append(token)  # as the last token: the same state, kind, line
                return
        stack = cursor.value_stack
        opener = _unclosed_block(stack)
        keyword = _block_keyword(stack)
        if "RBRACE" in expected and opener and keyword and _starts_line(stack, token) and (
            token.column <= keyword.column
        ):
            if _try(cursor, ["RBRACE"], token):
                closing = None
                if previous is not None and previous.end_line < token.line:
                    closing = _closing(opener, keyword, previous)
                self._report_unclosed(opener, closing)
                return
        reported = self._report(cursor, token, expected)
        if len(keywords) == 1 and _try(cursor, keywords, token):
            if reported and expected == set(keywords):  # nothing else could stand here
                word = keyword_text(keywords[0])
                self._attach(Mend(f"Insert `{word}`", token.start_pos, token.start_pos,
                                  f"{word} "))
            return
        if values and not keywords:
            if _try(cursor, values[:1], token):
                return
            if token.type in VALUE_TERMINALS or token.type in ("JUNK", "OPEN_STRING"):
                _feed(cursor, values[:1], token, replace=True)  # stands in for the bad value
        self.skipped.append(token)
        # Skipped in this state: so is the next token of the kind on the line, unless it
        # stands left of the block's keyword (where a missing `}` is tried first).
        self._skip = (self._accepted, token.type,
                      keyword.column if "RBRACE" in expected and opener and keyword else None)

    def _accepts(self, cursor) -> tuple[set[str], list[str], list[str]]:
        """What the parser can take next (all, the keywords, the values), worked out once
        per parser state: a line of junk is skipped token by token in one state, and
        trying every terminal on each of a million tokens would take minutes."""
        state = tuple(cursor.state.state_stack)
        if self._accepted is None or self._accepted[0] != state:
            expected = cursor.accepts()
            self._accepted = (state, (expected, [t for t in expected if keyword_text(t)],
                                      [t for t in _PLACEHOLDER_ORDER if t in expected]))
        return self._accepted[1]

    def close_at_end(self, cursor, end: Token, last: Token | None = None) -> bool:
        """At the end of the piece with blocks still open: report, then close them.
        `last` is the piece's last token."""
        opener = _unclosed_block(cursor.value_stack)
        keyword = _block_keyword(cursor.value_stack)
        reported = False
        if opener is not None:
            reported = self._report_unclosed(opener)
        else:
            self.unfinished = True
            self._report(cursor, end, cursor.accepts())
        fed: list[str] = []
        at_end = _after(last) if last is not None else end
        for _ in range(50):
            choices = cursor.choices()
            if "$END" in choices:
                if reported and fed == ["RBRACE"] and last is not None:
                    self._attach(_closing(opener, keyword or opener, last))
                return True
            mend = "RBRACE" if "RBRACE" in choices else next(
                (t for t in _PLACEHOLDER_ORDER if t in choices), None)
            if mend is None:
                mend = next((t for t in choices if keyword_text(t)), None)
            if mend is None:
                return False
            _feed(cursor, [mend], at_end, replace=True)
            fed.append(mend)
            self.end_insertions += 1
        return False

    def _attach(self, mend: Mend) -> None:
        """Give the problem just reported the mend that would cure it."""
        self.problems[-1] = self.problems[-1]._replace(mend=mend)

    # -- reporting -----------------------------------------------------------------

    def _report(self, cursor, token: Token, expected: set[str]) -> bool:
        if token.line == self._last_line:
            return False  # one error a line: the line's first says what is wrong
        previous = _last_token(cursor.value_stack)
        keyword = _block_keyword(cursor.value_stack)
        code, message = describe(token, expected, previous,
                                 keyword_text(keyword.type) if keyword else None)
        end_line = getattr(token, "end_line", None) or token.line
        end_column = getattr(token, "end_column", None) or token.column + len(token)
        if token.type == "OPEN_BLOCK_STRING":
            end_line, end_column = token.line, token.column + 3
        reported = self._report_at(code, message, token.line, token.column, end_line,
                                   end_column)
        if reported and code == "CP101":
            match = only_match(token, filter(None, map(keyword_text, expected)))
            if match:
                self._attach(Mend(f"Replace `{token}` with `{match}`", token.start_pos,
                                  token.end_pos, match))
        return reported

    def _report_unclosed(self, opener: Token, mend: Mend | None = None) -> bool:
        if opener.line == self._last_line:
            return False  # an error on its own line (an unclosed string) already explains it
        return self._report_at(
            "CP100", "this `{` opened on line {line} is never closed: add `}` where the block ends",
            opener.line, opener.column, opener.line, opener.column + 1, always=True, mend=mend)

    def _report_at(self, code: str, message: str, line: int, column: int, end_line: int,
                   end_column: int, always: bool = False, mend: Mend | None = None) -> bool:
        if line == self._last_line and not always:
            return False
        self._last_line = line
        self.problems.append(SyntaxProblem(code, message, line, column, end_line, end_column,
                                           mend))
        return True


def _closing(opener: Token, keyword: Token, last: Token) -> Mend:
    """The `}` a block lacks, after its last token: on that line when the block is on one
    line, else on a line of its own, level with the block's statement."""
    title = "Add the missing `}`"
    if last.end_line == opener.line:
        return Mend(title, last.end_pos, last.end_pos, " }")
    return Mend(title, last.end_pos, last.end_pos, "}", indent_of=keyword.start_pos)


def _try(cursor, inserted: list[str], token: Token) -> bool:
    """Insert `inserted` before `token` if the parse can then read the token."""
    try:
        _feed(cursor.trial(), inserted, token)
    except UnexpectedToken:
        return False
    _feed(cursor, inserted, token)
    return True


def _feed(cursor, inserted: list[str], token: Token, replace: bool = False) -> None:
    """Feed placeholders (empty tokens where `token` starts) for `inserted`, then `token`
    itself unless the placeholders replace it."""
    for name in inserted:
        cursor.feed(_placeholder(name, token.start_pos, token.line, token.column))
    if not replace:
        cursor.feed(_as_keyword_if_taken(cursor, token))


def _placeholder(name: str, offset: int, line: int, column: int) -> Token:
    """An empty token: it ends where it starts, so a statement it ends (a block whose `}`
    was missing) ends there too, not at the end of the token it was put before."""
    return Token(name, "", offset, line, column, line, column, offset)


def _after(token: Token) -> Token:
    """An empty token just after `token`: where placeholders go at the end of a piece."""
    return _placeholder("$END", token.end_pos, token.end_line, token.end_column)


def _as_keyword_if_taken(cursor, token: Token) -> Token:
    """The lexer typed the word for the state before the mend; the mended state may take
    it as a keyword (`chair` after the `}` a block was missing)."""
    if token.type == "IDENT":
        keyword = get_grammar().keywords.get(str(token))
        if keyword is not None and keyword in cursor.choices():
            return Token.new_borrow_pos(keyword, token, token)
    return token


def describe(token: Token, expected: set[str], previous: Token | None,
             block: str | None) -> tuple[str, str]:
    """The code and plain-words message for an unexpected token."""
    if token.type == "OPEN_STRING":
        return "CP100", 'this text in quotes is never closed: add `"` at its end'
    if token.type == "OPEN_BLOCK_STRING":
        return "CP100", 'this `"""` block is never closed: add `"""` where the text ends'
    after = f" after `{_shown(previous)}`" if previous else ""
    keywords = sorted(filter(None, (keyword_text(t) for t in expected)))
    wanted = _describe_expected(expected, keywords)
    found = _describe_token(token)
    article = "an" if block and block[0] in "aeiou" else "a"
    where = f" in {article} `{block}` block" if block else ""
    at_statement_start = "RBRACE" in expected or "$END" in expected
    known = keyword_text(token.type) or (token.type == "IDENT" and is_keyword(token))
    if known and at_statement_start:
        return "CP100", f"`{token}` does not belong{where or ' here'}: expected {wanted}"
    if token.type == "IDENT" and keywords and at_statement_start:
        match = closest(token, keywords)
        if match:
            return "CP101", f"unknown keyword `{token}`{where}; did you mean `{match}`?"
        return "CP101", f"unknown keyword `{token}`{where}: expected {wanted}"
    if token.type == "$END":  # the end of this statement's piece, not always of the file
        return "CP100", f"expected {wanted}{after}"
    return "CP100", f"expected {wanted}{after}, found {found}"


def _describe_expected(expected: set[str], keywords: list[str]) -> str:
    values = (VALUE_TERMINALS[t] for t in sorted(expected) if t in VALUE_TERMINALS)
    parts = list(dict.fromkeys(values))
    if keywords:
        shown = ", ".join(f"`{k}`" for k in keywords[:8])
        more = ", ..." if len(keywords) > 8 else ""
        parts.append(f"`{keywords[0]}`" if len(keywords) == 1 else f"one of {shown}{more}")
    if "RBRACE" in expected:
        parts.append("`}` to close the block")
    if "LBRACE" in expected and not parts:
        parts.append("`{`")
    if "$END" in expected and not parts:
        parts.append("the end of the file")
    return " or ".join(parts) if parts else "something else"


def _describe_token(token: Token) -> str:
    if token.type in ("STRING", "BLOCK_STRING") and (len(token) > 30 or "\n" in token):
        return "text in quotes"
    if token.type == "DATE":
        return f"the date `{token}`"
    return f"`{_shown(token)}`"


def _shown(token: Token) -> str:
    """A token as a message quotes it: one line, not too long."""
    text = str(token)
    if "\n" in text or len(text) > 40:
        text = text.split("\n", 1)[0][:40] + " ..."
    return text


def _last_token(stack: list) -> Token | None:
    for value in reversed(stack):
        while isinstance(value, Tree) and value.children:
            value = value.children[-1]
        if isinstance(value, Token) and value:
            return value
    return None


def _open_brace_index(stack: list) -> int | None:
    """Where the innermost `{` still open sits on the stack (a block's tokens stay there
    until the block is reduced, which may be after its `}`)."""
    closed = 0
    for index in range(len(stack) - 1, -1, -1):
        value = stack[index]
        if isinstance(value, Token) and value.type == "RBRACE":
            closed += 1
        elif isinstance(value, Token) and value.type == "LBRACE":
            if not closed:
                return index
            closed -= 1
    return None


def _unclosed_block(stack: list) -> Token | None:
    """The innermost `{` still open, if it was written (not a placeholder)."""
    index = _open_brace_index(stack)
    return stack[index] if index is not None and stack[index] else None


def _block_keyword(stack: list) -> Token | None:
    """The keyword token of the statement whose block is open (`member` in `member sam {`)."""
    index = _open_brace_index(stack)
    if index is None:
        return None
    keyword = None
    for value in reversed(stack[:index]):
        if isinstance(value, Token) and value.type != "LBRACE":
            keyword = value if keyword_text(value.type) else keyword
        elif not (isinstance(value, Tree) and value.data == "duration"):
            break
    return keyword


def _starts_line(stack: list, token: Token) -> bool:
    previous = _last_token(stack)
    return previous is None or (previous.end_line or previous.line) < token.line

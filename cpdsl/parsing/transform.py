"""Parse tree to model: the one place where Lark's tree becomes the plan's classes.

Spans are taken from the tokens here (not from Lark's `propagate_positions`, which nearly
doubles parse time), shifted by where the parsed piece starts in the file. Placeholder
tokens left by error recovery are empty strings and read as "absent".
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import textwrap
from typing import Any, NamedTuple

from lark import Token, Transformer

from cpdsl import model as m


class Field(NamedTuple):
    """One statement inside a block (or at the top level), before it finds its place.

    Its span and keyword are worked out only when asked for: only a statement given twice
    keeps them (as a Repeat), and most fields are dropped as soon as their block is built.
    """

    key: str
    value: Any
    first: Any  # the statement's first and last parts: tokens, nodes or fields
    last: Any
    builder: ModelBuilder  # which knows where the piece starts in the file

    @property
    def span(self) -> m.Span:
        return self.builder._span(self.first, self.last)

    @property
    def keyword(self) -> str:
        """As written (`vice-chair` for a second_chair); one string for each keyword."""
        return sys.intern(str(self.first)) if isinstance(self.first, Token) else ""


class TopField(NamedTuple):
    """A top-level statement, kept by its piece until the plan is assembled: its span
    and keyword worked out, so that it holds none of the parse's tokens."""

    key: str
    value: Any
    span: m.Span
    keyword: str


class Piece(NamedTuple):
    """What one parsed piece of a plan holds: its statements, or the plan's title."""

    fields: tuple[TopField, ...]
    title: m.Text | None = None
    header: m.Span | None = None


_ESCAPE = re.compile(r'\\(["\\])')

_UNITS = {"working": "working-days", "day": "days", "week": "weeks", "month": "months"}

# Block statements given once; a second one is kept as a Repeat (CP102 reports it).
_SINGLE = {
    "name", "born", "expected", "known_as", "report_ready", "recommendation", "role",
    "agency", "lead", "contact_detail", "for_child", "reason", "informed_by", "measure",
    "by_date", "owner", "due", "status", "monitoring", "agreed", "by_member", "agreed_by",
    "venue", "time", "chair", "notes", "minutes_circulated", "cancelled",
    "meeting_recommendation", "exceptional", "alone", "interpreter", "accessible_format",
    "copy_format", "moved_to",
}


class ModelBuilder(Transformer):
    def __init__(self, line_offset: int = 0, column_offset: int = 0) -> None:
        super().__init__(visit_tokens=False)
        self.line_offset = line_offset
        self.column_offset = column_offset
        self._lines: dict[int, int] = {}

    def _line(self, line: int) -> int:
        """The file's line for a line of the piece, one int object for each: the spans on
        a line share it (a number past 256 is an object of its own, 32 bytes)."""
        found = self._lines.get(line)
        if found is None:
            found = self._lines[line] = line + self.line_offset
        return found

    # -- positions -------------------------------------------------------------------

    def _start(self, item: Any) -> tuple[int, int]:
        if isinstance(item, Token):
            column = item.column + (self.column_offset if item.line == 1 else 0)
            return self._line(item.line), column
        if isinstance(item, Field):
            return self._start(item.first)
        span = item.span
        return span.line, span.column

    def _end(self, item: Any) -> tuple[int, int]:
        if isinstance(item, Token):
            line = item.end_line if item.end_line is not None else item.line
            column = item.end_column if item.end_column is not None else item.column
            if line == 1:
                column += self.column_offset
            return self._line(line), column
        if isinstance(item, Field):
            return self._end(item.last)
        span = item.span
        return span.end_line, span.end_column

    def _span(self, first: Any, last: Any | None = None) -> m.Span:
        return m.Span(*self._start(first), *self._end(first if last is None else last))

    def _place(self, token: Token) -> tuple[int, int, int, int]:
        """Where a token is in the file, as a leaf node keeps it (no Span made)."""
        return *self._start(token), *self._end(token)

    def _header(self, children: list) -> m.Span:
        """From the keyword to the last thing before the block's `{`."""
        brace = next((i for i, c in enumerate(children)
                      if isinstance(c, Token) and c.type == "LBRACE"), len(children))
        return self._span(children[0], children[max(brace - 1, 0)])

    # -- values ----------------------------------------------------------------------

    def _text(self, token: Token) -> m.Text | None:
        if not token:
            return None
        if token.type == "BLOCK_STRING":
            return m.Text(normalise_block(token[3:-3]), True, self._place(token))
        return m.Text(unescape(token[1:-1]), False, self._place(token))

    def _ident(self, token: Token) -> m.Ident | None:
        return m.Ident(shared_text(token), self._place(token)) if token else None

    def _word(self, token: Token) -> m.Word | None:
        return m.Word(shared_text(token), self._place(token)) if token else None

    def _date(self, token: Token) -> m.Date | None:
        if not token:
            return None
        try:
            value = dt.date.fromisoformat(token)
        except ValueError:
            value = None
        return m.Date(shared_text(token), value, self._place(token))

    def _field(self, key: str, children: list, value: Any) -> Field:
        return Field(key, value, children[0], children[-1], self)

    def _idents(self, children: list) -> tuple[m.Ident, ...]:
        return tuple(self._ident(c) for c in children if isinstance(c, Token)
                     and c.type == "IDENT" and c)

    # -- the plan ----------------------------------------------------------------------

    def plan_items(self, children: list) -> Piece:
        return Piece(tuple(TopField(c.key, c.value, c.span, c.keyword)
                           for c in children if isinstance(c, Field)))

    def plan_header(self, children: list) -> Piece:
        title = next((self._text(c) for c in children[1:]
                      if isinstance(c, Token) and c.type in ("STRING", "BLOCK_STRING")), None)
        return Piece((), title, self._header(children))

    def profile(self, c):
        value = c[1]
        if value and value.type == "STRING":
            return self._field("profile", c, m.Word(unescape(value[1:-1]), self._place(value)))
        return self._field("profile", c, self._word(value))

    def reference(self, c): return self._field("reference", c, self._text(c[1]))
    def language(self, c): return self._field("language", c, self._text(c[1]))
    def accessible_format(self, c): return self._field("accessible_format", c, self._text(c[1]))

    def category(self, c):
        return self._field("category", c, tuple(self._word(t) for t in c[1:] if t))

    def child(self, c):
        f = self._block(c)
        return self._entity("child", c, m.Child(
            self._ident(c[1]), f.get("name"), f.get("born"), f.get("expected"),
            f.get("known_as"), f["repeats"], self._span(c[0], c[-1]), self._header(c)))

    def conference(self, c):
        f = self._block(c)
        return self._entity("conference", c, m.Conference(
            self._word(c[1]), self._date(c[2]), tuple(f.get("concern", ())),
            f.get("recommendation"), f.get("report_ready"), f.get("reason"), f["repeats"],
            self._span(c[0], c[-1]), self._header(c)))

    def recommendation(self, c):
        f = self._block(c)
        value = m.Recommendation(self._word(c[1]), f.get("exceptional"), f["repeats"],
                                 self._span(c[0], c[-1]))
        return self._field("recommendation", c, value if value.value else None)

    def member(self, c):
        f = self._block(c)
        return self._entity("member", c, m.Member(
            self._ident(c[1]), f.get("name"), f.get("role"), f.get("agency"),
            f.get("lead", False), f.get("contact_detail"), f.get("for_child"),
            f.get("interpreter"), f.get("accessible_format"), f["repeats"],
            self._span(c[0], c[-1]), self._header(c)))

    def excluded(self, c):
        f = self._block(c)
        return self._entity("excluded", c, m.Exclusion(
            self._ident(c[1]), f.get("name"), f.get("role"), f.get("reason"),
            f.get("informed_by"), f["repeats"], self._span(c[0], c[-1]), self._header(c)))

    def need(self, c):
        f = self._block(c)
        return self._entity("need", c, m.Need(
            self._ident(c[1]), self._optional_text(c), tuple(w for d in f.get("domain", ())
                                                         for w in d),
            self._span(c[0], c[-1]), self._header(c)))

    def outcome(self, c):
        f = self._block(c)
        return self._entity("outcome", c, m.Outcome(
            self._ident(c[1]), self._optional_text(c),
            tuple(i for group in f.get("outcome_need", ()) for i in group),
            f.get("measure"), f.get("by_date"), tuple(f.get("milestone", ())), f["repeats"],
            self._span(c[0], c[-1]), self._header(c)))

    def action(self, c):
        f = self._block(c)
        return self._entity("action", c, m.Action(
            self._ident(c[1]), self._optional_text(c),
            tuple(i for group in f.get("action_outcome", ()) for i in group), f.get("owner"),
            tuple(i for group in f.get("support", ()) for i in group), f.get("due"),
            f.get("status"), f.get("monitoring", False), f.get("agreed"), f["repeats"],
            self._span(c[0], c[-1]), self._header(c)))

    def contact(self, c):
        f = self._block(c)
        duration = next((x for x in c if isinstance(x, m.Duration)), None)
        if not c[1] or not c[3]:
            return self._field("contact", c, None)
        return self._entity("contact", c, m.Contact(
            self._ident(c[1]), self._ident(c[3]), duration, f.get("alone", False),
            self._span(c[0], c[-1]), self._header(c)))

    def assessment(self, c):
        f = self._block(c)
        text = self._text(c[1])
        value = m.Assessment(text, f.get("by_member"), f.get("due"), f["repeats"],
                             self._span(c[0], c[-1]), self._header(c)) if text else None
        return self._field("assessment", c, value)

    def views(self, c):
        text = self._text(c[2])
        value = m.Views(self._ident(c[1]), text, self._span(c[0], c[-1])) if c[1] and text else None
        return self._field("views", c, value)

    def disagreement(self, c):
        f = self._block(c)
        text = self._text(c[1])
        value = m.Disagreement(text, f.get("by_member"), f.get("reason"), f["repeats"],
                               self._span(c[0], c[-1]), self._header(c)) if text else None
        return self._field("disagreement", c, value)

    def signed(self, c):
        value = m.Signature(self._ident(c[1]), self._date(c[2]), self._span(c[0], c[-1]))
        return self._field("signed", c, value if c[1] and c[2] else None)

    def copy(self, c):
        f = self._block(c)
        value = m.Copy(self._ident(c[1]), self._date(c[2]), f.get("copy_format"), f["repeats"],
                       self._span(c[0], c[-1]), self._header(c))
        return self._field("copy", c, value if c[1] and c[2] else None)

    def amended(self, c):
        date = self._date(c[1])
        return self._field("amended", c, m.Amendment(date, self._span(c[0], c[-1]))
                           if date else None)

    def moved(self, c):
        f = self._block(c)
        date = self._date(c[1])
        value = m.Move(date, f.get("moved_to"), f["repeats"], self._span(c[0], c[-1]),
                       self._header(c)) if date else None
        return self._field("moved", c, value)

    def core_groups(self, c):
        f = self._block(c)
        duration = next((x for x in c if isinstance(x, m.Duration)), None)
        value = m.Schedule(duration, f.get("agreed_by"), f.get("reason"), f["repeats"],
                           self._span(c[0], c[-1]), self._header(c)) if duration else None
        return self._field("core_groups", c, value)

    def meeting(self, c):
        f = self._block(c)
        return self._entity("meeting", c, m.Meeting(
            self._word(c[1]), self._date(c[2]), f.get("venue"), f.get("time"), f.get("chair"),
            f.get("notes"), tuple(i for group in f.get("attended", ()) for i in group),
            tuple(a for group in f.get("apologies", ()) for a in group),
            tuple(a for group in f.get("absent", ()) for a in group),
            tuple(v for v in f.get("views", ()) if v), f.get("minutes_circulated"),
            f.get("cancelled"), f.get("meeting_recommendation"), f["repeats"],
            self._span(c[0], c[-1]), self._header(c)))

    # -- statements inside blocks ----------------------------------------------------

    def name(self, c): return self._field("name", c, self._text(c[1]))
    def reason(self, c): return self._field("reason", c, self._text(c[1]))
    def born(self, c): return self._field("born", c, self._date(c[1]))
    def expected(self, c): return self._field("expected", c, self._date(c[1]))
    def known_as(self, c): return self._field("known_as", c, self._text(c[1]))
    def concern(self, c): return self._field("concern", c, self._text(c[1]))
    def exceptional(self, c): return self._field("exceptional", c, self._text(c[1]))
    def report_ready(self, c): return self._field("report_ready", c, self._date(c[1]))
    def role(self, c): return self._field("role", c, self._word(c[1]))
    def agency(self, c): return self._field("agency", c, self._text(c[1]))
    def lead(self, c): return self._field("lead", c, True)
    def contact_detail(self, c): return self._field("contact_detail", c, self._text(c[1]))
    def for_child(self, c): return self._field("for_child", c, self._ident(c[1]))
    def interpreter(self, c): return self._field("interpreter", c, self._text(c[1]))
    def copy_format(self, c): return self._field("copy_format", c, self._text(c[1]))
    def moved_to(self, c): return self._field("moved_to", c, self._text(c[1]))
    def informed_by(self, c): return self._field("informed_by", c, self._ident(c[1]))
    def chair(self, c): return self._field("chair", c, self._ident(c[1]))
    def second_chair(self, c): return self._field("second_chair", c, self._ident(c[1]))
    def domain(self, c): return self._field("domain", c, tuple(self._word(t) for t in c[1:] if t))
    def outcome_need(self, c): return self._field("outcome_need", c, self._idents(c[1:]))
    def measure(self, c): return self._field("measure", c, self._text(c[1]))
    def by_date(self, c): return self._field("by_date", c, self._date(c[1]))
    def action_outcome(self, c): return self._field("action_outcome", c, self._idents(c[1:]))
    def owner(self, c): return self._field("owner", c, self._ident(c[1]))
    def support(self, c): return self._field("support", c, self._idents(c[1:]))
    def due(self, c): return self._field("due", c, self._date(c[1]))
    def monitoring(self, c): return self._field("monitoring", c, True)
    def agreed(self, c): return self._field("agreed", c, self._date(c[1]))
    def monitoring_only(self, c): return self._field("monitoring_only", c, self._text(c[1]))
    def alone(self, c): return self._field("alone", c, True)
    def communication(self, c): return self._field("communication", c, self._text(c[1]))
    def contingency(self, c): return self._field("contingency", c, self._text(c[1]))
    def services(self, c): return self._field("services", c, self._text(c[1]))
    def resources(self, c): return self._field("resources", c, self._text(c[1]))
    def by_member(self, c): return self._field("by_member", c, self._ident(c[1]))
    def agreed_by(self, c): return self._field("agreed_by", c, self._ident(c[1]))
    def delay_reason(self, c): return self._field("delay_reason", c, self._text(c[1]))
    def venue(self, c): return self._field("venue", c, self._text(c[1]))
    def time(self, c): return self._field("time", c, self._word(c[1]))
    def notes(self, c): return self._field("notes", c, self._ident(c[1]))
    def attended(self, c): return self._field("attended", c, self._idents(c[1:]))
    def minutes_circulated(self, c): return self._field("minutes_circulated", c, self._date(c[1]))
    def ended(self, c): return self._field("ended", c, self._date(c[1]))
    def cin_meeting(self, c): return self._field("cin_meeting", c, self._date(c[1]))
    def report(self, c): return self._field("report", c, True)

    def meeting_recommendation(self, c):
        return self._field("meeting_recommendation", c, self._word(c[1]))

    def milestone(self, c):
        by = next((x for x in c if isinstance(x, Field)), None)
        text = self._text(c[1])
        ok = text is not None and by is not None and by.value is not None
        return self._field("milestone", c, m.Milestone(text, by.value, self._span(c[0], c[-1]))
                           if ok else None)

    def status(self, c):
        why = self._text(c[2]) if len(c) > 2 else None
        value = m.Status(self._word(c[1]), why, self._span(c[0], c[-1])) if c[1] else None
        return self._field("status", c, value)

    def cancelled(self, c):
        why = self._text(c[1]) if len(c) > 1 else None
        return self._field("cancelled", c, m.Cancellation(why, self._span(c[0], c[-1])))

    def apologies(self, c): return self._absences("apologies", c)
    def absent(self, c): return self._absences("absent", c)

    def _absences(self, key: str, c: list) -> Field:
        received = any(isinstance(x, Field) and x.key == "report" for x in c)
        value = tuple(m.Absence(i, received, i.span) for i in self._idents(c[1:]))
        return self._field(key, c, value)

    def duration(self, c):
        count, unit = c[0], c[1]
        if not count or not unit.value:
            return None
        return m.Duration(int(count), unit.value, self._span(count, unit))

    def unit(self, c):
        words = [str(t) for t in c if t]
        value = _UNITS.get(words[0], words[0]) if words else None
        return self._field("unit", c, value)

    # -- helpers -----------------------------------------------------------------------

    def _optional_text(self, c: list) -> m.Text | None:
        if len(c) > 2 and isinstance(c[2], Token) and c[2].type in ("STRING", "BLOCK_STRING"):
            return self._text(c[2])
        return None

    def _entity(self, key: str, c: list, value: Any) -> Field:
        """A top-level definition; None when recovery left it without its id."""
        if getattr(value, "id", True) is None:
            value = None
        return self._field(key, c, value)

    def _block(self, children: list) -> dict[str, Any]:
        """Collect a block's statements: first of a single one wins, the rest repeat."""
        found: dict[str, Any] = {}
        repeats: list[m.Repeat] = []
        for item in children:
            if not isinstance(item, Field) or item.value is None:
                continue
            if item.key not in _SINGLE:
                found.setdefault(item.key, []).append(item.value)
            elif item.key in found:
                repeats.append(m.Repeat(item.keyword, item.value, item.span))
            else:
                found[item.key] = item.value
        found["repeats"] = tuple(repeats)
        return found


# Ids, words and dates repeat through a plan (`owner sam`, `role teacher`): the model
# keeps one string for each. The table serves every piece and every plan read in the
# process, and is emptied when full, so a language server running for days keeps at most
# this many strings.
_SHARED_MAX = 1 << 16
_shared_strings: dict[str, str] = {}


def shared_text(token: Token) -> str:
    """The token's text as a plain string, the same object wherever it is written."""
    found = _shared_strings.get(token)
    if found is None:
        if len(_shared_strings) >= _SHARED_MAX:
            _shared_strings.clear()
        found = str(token)  # the key too: a Lark token would keep its own copy alive
        _shared_strings[found] = found
    return found


def unescape(body: str) -> str:
    r"""The text of a "string": `\"` and `\\` stand for `"` and `\`."""
    if "\\" not in body:
        return body
    return _ESCAPE.sub(r"\1", body)


def normalise_block(body: str) -> str:
    """A triple-quoted block's text: common indentation and edge blank lines removed.

    Text on the line of the opening quotes is kept as the first line; the lines after
    it lose the indentation they share.
    """
    body = body.replace("\r\n", "\n")  # a CRLF file's block reads as an LF file's does
    first, _, rest = body.partition("\n")
    lines = [first.strip()] + textwrap.dedent(rest).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(line.rstrip() for line in lines)

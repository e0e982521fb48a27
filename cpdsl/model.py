"""The plan as data: frozen classes named from the domain.

Every node carries its span, kept out of equality so that two plans that say the same
thing compare equal wherever they are written. Block nodes also carry `header`, the span
of their first line up to the `{`, where "missing field" findings point.
"""

from __future__ import annotations

import datetime as dt

import attrs

from cpdsl.node import Node, leaf, node

# The leaf nodes' __init__ sets each slot as attrs does for a frozen class.
_set = object.__setattr__


@leaf
class Span(Node):
    """A stretch of source text: 1-based line and column, end exclusive, in code points."""

    __slots__ = ("line", "column", "end_line", "end_column")
    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "end_line", end_line)
        _set(self, "end_column", end_column)

    def contains(self, line: int, column: int) -> bool:
        after_start = (line, column) >= (self.line, self.column)
        return after_start and (line, column) < (self.end_line, self.end_column)


def _span() -> attrs.Attribute:
    return attrs.field(eq=False, repr=False, default=None)


class Placed(Node):
    """A leaf node (an id, a word, a text, a date, a comment): its span is four numbers
    in slots of its own, and `span` makes the Span when asked, as a finding does.

    A plan has a leaf for every value written in it: a Span object each would take 64
    bytes more, an eighth of the model. A leaf is made with a Span, with None, or, by the
    parser, with the four numbers (line, column, end line, end column) as a tuple.
    """

    __slots__ = ("_line", "_column", "_end_line", "_end_column")

    @property
    def span(self) -> Span | None:
        if self._line is None:
            return None
        return Span(self._line, self._column, self._end_line, self._end_column)


def _place(leaf: Placed, span: Span | tuple[int, int, int, int] | None) -> None:
    if span is None:
        line = column = end_line = end_column = None
    elif type(span) is tuple:
        line, column, end_line, end_column = span
    else:
        line, column, end_line, end_column = (span.line, span.column, span.end_line,
                                              span.end_column)
    _set(leaf, "_line", line)
    _set(leaf, "_column", column)
    _set(leaf, "_end_line", end_line)
    _set(leaf, "_end_column", end_column)


@leaf
class Ident(Placed):
    """An id, where it is defined (`member sam`) or referred to (`owner sam`)."""

    __slots__ = ("name",)
    name: str

    def __init__(self, name: str, span: Span | tuple | None = None) -> None:
        _set(self, "name", name)
        _place(self, span)


@leaf
class Word(Placed):
    """A value from a fixed list (a role, category, domain, status, kind)."""

    __slots__ = ("text",)
    text: str

    def __init__(self, text: str, span: Span | tuple | None = None) -> None:
        _set(self, "text", text)
        _place(self, span)


@leaf
class Text(Placed):
    """Free text from a "string" or a triple-quoted block (stored normalised)."""

    __slots__ = ("value", "triple_quoted")
    _not_compared = ("triple_quoted",)
    value: str
    triple_quoted: bool

    def __init__(self, value: str, triple_quoted: bool = False,
                 span: Span | tuple | None = None) -> None:
        _set(self, "value", value)
        _set(self, "triple_quoted", triple_quoted)
        _place(self, span)


@leaf
class Date(Placed):
    """A date as written; `value` is None when no such day exists (2026-02-30)."""

    __slots__ = ("text", "value")
    text: str
    value: dt.date | None

    def __init__(self, text: str, value: dt.date | None,
                 span: Span | tuple | None = None) -> None:
        _set(self, "text", text)
        _set(self, "value", value)
        _place(self, span)


@node
class Duration(Node):
    """`10 working days`, `4 weeks`, `3 months`; unit is working-days, days, weeks or months."""

    count: int
    unit: str
    span: Span = _span()


@node
class Repeat(Node):
    """A statement given again in a block that takes it once; kept so nothing is lost."""

    keyword: str
    value: object
    span: Span = _span()


@node
class Child(Node):
    id: Ident
    name: Text | None = None
    born: Date | None = None
    expected: Date | None = None
    known_as: Text | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Recommendation(Node):
    value: Word
    exceptional: Text | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()


@node
class Conference(Node):
    kind: Word | None
    date: Date | None
    concerns: tuple[Text, ...] = ()
    recommendation: Recommendation | None = None
    report_ready: Date | None = None
    reason: Text | None = None  # why a conference was reconvened
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Member(Node):
    id: Ident
    name: Text | None = None
    role: Word | None = None
    agency: Text | None = None
    lead: bool = False
    contact: Text | None = None
    for_child: Ident | None = None
    interpreter: Text | None = None  # the language they need an interpreter in
    accessible_format: Text | None = None  # the format they need the plan in
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Exclusion(Node):
    id: Ident
    name: Text | None = None
    role: Word | None = None
    reason: Text | None = None
    informed_by: Ident | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Need(Node):
    id: Ident
    text: Text | None = None
    domains: tuple[Word, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Milestone(Node):
    text: Text
    by: Date
    span: Span = _span()


@node
class Outcome(Node):
    id: Ident
    text: Text | None = None
    needs: tuple[Ident, ...] = ()
    measure: Text | None = None
    by: Date | None = None
    milestones: tuple[Milestone, ...] = ()
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Status(Node):
    value: Word
    why: Text | None = None
    span: Span = _span()


@node
class Action(Node):
    id: Ident
    text: Text | None = None
    outcomes: tuple[Ident, ...] = ()
    owner: Ident | None = None
    support: tuple[Ident, ...] = ()
    due: Date | None = None
    status: Status | None = None
    monitoring: bool = False
    agreed: Date | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Contact(Node):
    """How often a child is seen, by whom, and whether alone."""

    child: Ident
    by: Ident
    every: Duration | None  # None when the interval could not be read
    alone: bool = False
    span: Span = _span()
    header: Span = _span()


@node
class Assessment(Node):
    text: Text
    by: Ident | None = None
    due: Date | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Views(Node):
    """Wishes and feelings: `views child`, `views parents` or `views CHILD-ID`."""

    subject: Ident
    text: Text
    span: Span = _span()


@node
class Disagreement(Node):
    text: Text
    by: Ident | None = None
    reason: Text | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Signature(Node):
    member: Ident
    date: Date
    span: Span = _span()


@node
class Copy(Node):
    """A copy of the plan given to a person on a date, in a language or format (none:
    the standard copy, in English)."""

    person: Ident
    date: Date
    format: Text | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Amendment(Node):
    """The plan amended at the core group on a date."""

    date: Date
    span: Span = _span()


@node
class Move(Node):
    """The child moved to another area on a date, the plan transferring to the receiving
    authority (`to`)."""

    date: Date
    to: Text | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Schedule(Node):
    """`core-groups every 4 weeks`, with who agreed a longer interval and why."""

    every: Duration
    agreed_by: Ident | None = None
    reason: Text | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Absence(Node):
    """A member who sent apologies or was absent, and whether their report came."""

    member: Ident
    report_received: bool = False
    span: Span = _span()


@node
class Cancellation(Node):
    why: Text | None = None
    span: Span = _span()


@node
class Meeting(Node):
    """The record of one core group meeting."""

    kind: Word | None
    date: Date | None
    venue: Text | None = None
    time: Word | None = None
    chair: Ident | None = None
    notes: Ident | None = None
    attended: tuple[Ident, ...] = ()
    apologies: tuple[Absence, ...] = ()
    absent: tuple[Absence, ...] = ()
    views: tuple[Views, ...] = ()
    minutes_circulated: Date | None = None
    cancelled: Cancellation | None = None
    recommendation: Word | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@node
class Plan(Node):
    """One child protection plan: settings, people, the plan itself and its record."""

    title: Text | None = None
    profile: Word | None = None
    reference: Text | None = None
    language: Text | None = None
    accessible_format: Text | None = None
    categories: tuple[Word, ...] = ()
    children: tuple[Child, ...] = ()
    conferences: tuple[Conference, ...] = ()
    members: tuple[Member, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    chair: Ident | None = None
    second_chair: Ident | None = None
    needs: tuple[Need, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    actions: tuple[Action, ...] = ()
    monitoring_only: Text | None = None
    contacts: tuple[Contact, ...] = ()
    communication: Text | None = None
    contingency: Text | None = None
    services: tuple[Text, ...] = ()
    resources: tuple[Text, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    views: tuple[Views, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    signatures: tuple[Signature, ...] = ()
    copies: tuple[Copy, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    core_groups: Schedule | None = None
    delay_reason: Text | None = None
    meetings: tuple[Meeting, ...] = ()
    ended: Date | None = None
    moved: Move | None = None
    cin_meeting: Date | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@leaf
class Comment(Placed):
    """A `#` comment; kept for suppressions and for the formatter."""

    __slots__ = ("text",)
    text: str

    def __init__(self, text: str, span: Span | tuple | None = None) -> None:
        _set(self, "text", text)
        _place(self, span)

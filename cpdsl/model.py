"""The plan as data: frozen classes named from the domain.

Every node carries its span, kept out of equality so that two plans that say the same
thing compare equal wherever they are written. Block nodes also carry `header`, the span
of their first line up to the `{`, where "missing field" findings point.
"""

from __future__ import annotations

import datetime as dt

import attrs


class _Node:
    """Equality, hashing and repr for every node, written once.

    attrs would generate them for each class, compiling code per class on every start-up
    (most of the cost of importing this module); these read the same attrs metadata:
    fields with eq=False (spans) stay out of equality and hashing, repr=False out of repr.
    """

    __slots__ = ()

    def _key(self) -> tuple:
        return tuple(getattr(self, name) for name in _eq_fields(type(self)))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._key()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}"
                          for f in attrs.fields(type(self)) if f.repr)
        return f"{type(self).__name__}({shown})"


_EQ_FIELDS: dict[type, tuple[str, ...]] = {}


def _eq_fields(kind: type) -> tuple[str, ...]:
    names = _EQ_FIELDS.get(kind)
    if names is None:
        names = _EQ_FIELDS[kind] = tuple(f.name for f in attrs.fields(kind) if f.eq)
    return names


# Without __slots__ (attrs would make each class twice) and with the methods above: attrs
# then only writes each class's __init__.
_node = attrs.frozen(slots=False, eq=False, repr=False)


@_node
class Span(_Node):
    """A stretch of source text: 1-based line and column, end exclusive, in code points."""

    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        after_start = (line, column) >= (self.line, self.column)
        return after_start and (line, column) < (self.end_line, self.end_column)


def _span() -> attrs.Attribute:
    return attrs.field(eq=False, repr=False, default=None)


@_node
class Ident(_Node):
    """An id, where it is defined (`member sam`) or referred to (`owner sam`)."""

    name: str
    span: Span = _span()


@_node
class Word(_Node):
    """A value from a fixed list (a role, category, domain, status, kind)."""

    text: str
    span: Span = _span()


@_node
class Text(_Node):
    """Free text from a "string" or a triple-quoted block (stored normalised)."""

    value: str
    triple_quoted: bool = attrs.field(default=False, eq=False)
    span: Span = _span()


@_node
class Date(_Node):
    """A date as written; `value` is None when no such day exists (2026-02-30)."""

    text: str
    value: dt.date | None
    span: Span = _span()


@_node
class Duration(_Node):
    """`10 working days`, `4 weeks`, `3 months`; unit is working-days, days, weeks or months."""

    count: int
    unit: str
    span: Span = _span()


@_node
class Repeat(_Node):
    """A statement given again in a block that takes it once; kept so nothing is lost."""

    keyword: str
    value: object
    span: Span = _span()


@_node
class Child(_Node):
    id: Ident
    name: Text | None = None
    born: Date | None = None
    expected: Date | None = None
    known_as: Text | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@_node
class Recommendation(_Node):
    value: Word
    exceptional: Text | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()


@_node
class Conference(_Node):
    kind: Word | None
    date: Date | None
    concerns: tuple[Text, ...] = ()
    recommendation: Recommendation | None = None
    report_ready: Date | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@_node
class Member(_Node):
    id: Ident
    name: Text | None = None
    role: Word | None = None
    agency: Text | None = None
    lead: bool = False
    contact: Text | None = None
    for_child: Ident | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@_node
class Exclusion(_Node):
    id: Ident
    name: Text | None = None
    role: Word | None = None
    reason: Text | None = None
    informed_by: Ident | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@_node
class Need(_Node):
    id: Ident
    text: Text | None = None
    domains: tuple[Word, ...] = ()
    span: Span = _span()
    header: Span = _span()


@_node
class Milestone(_Node):
    text: Text
    by: Date
    span: Span = _span()


@_node
class Outcome(_Node):
    id: Ident
    text: Text | None = None
    needs: tuple[Ident, ...] = ()
    measure: Text | None = None
    by: Date | None = None
    milestones: tuple[Milestone, ...] = ()
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@_node
class Status(_Node):
    value: Word
    why: Text | None = None
    span: Span = _span()


@_node
class Action(_Node):
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


@_node
class Contact(_Node):
    """How often a child is seen, by whom, and whether alone."""

    child: Ident
    by: Ident
    every: Duration | None  # None when the interval could not be read
    alone: bool = False
    span: Span = _span()
    header: Span = _span()


@_node
class Assessment(_Node):
    text: Text
    by: Ident | None = None
    due: Date | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@_node
class Views(_Node):
    """Wishes and feelings: `views child`, `views parents` or `views CHILD-ID`."""

    subject: Ident
    text: Text
    span: Span = _span()


@_node
class Disagreement(_Node):
    text: Text
    by: Ident | None = None
    reason: Text | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@_node
class Signature(_Node):
    member: Ident
    date: Date
    span: Span = _span()


@_node
class Schedule(_Node):
    """`core-groups every 4 weeks`, with who agreed a longer interval and why."""

    every: Duration
    agreed_by: Ident | None = None
    reason: Text | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@_node
class Absence(_Node):
    """A member who sent apologies or was absent, and whether their report came."""

    member: Ident
    report_received: bool = False
    span: Span = _span()


@_node
class Cancellation(_Node):
    why: Text | None = None
    span: Span = _span()


@_node
class Meeting(_Node):
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


@_node
class Plan(_Node):
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
    core_groups: Schedule | None = None
    delay_reason: Text | None = None
    meetings: tuple[Meeting, ...] = ()
    ended: Date | None = None
    cin_meeting: Date | None = None
    repeats: tuple[Repeat, ...] = ()
    span: Span = _span()
    header: Span = _span()


@_node
class Comment(_Node):
    """A `#` comment; kept for suppressions and for the formatter."""

    text: str
    span: Span = _span()


def walk(node: object):
    """Every model node under `node` (itself included), depth first in field order."""
    stack = [node]
    while stack:
        current = stack.pop()
        if type(current) is tuple:
            stack.extend(reversed(current))
            continue
        names = _node_fields(type(current))
        if names is None:
            continue  # a str, int, bool, date or None: not a node
        yield current
        stack.extend(reversed([getattr(current, name) for name in names]))


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _node_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a node class that may hold other nodes (None: not a node class)."""
    try:
        return _FIELDS[kind]
    except KeyError:
        pass
    names = None
    if attrs.has(kind) and kind is not Span:
        names = tuple(f.name for f in attrs.fields(kind) if f.name not in ("span", "header"))
    _FIELDS[kind] = names
    return names

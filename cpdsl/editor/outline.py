"""The outline of a plan: an editor's document symbols (the stretches it can fold are
cpdsl.editor.folding's).

It comes from the syntax tree (`Analysis.syntax`), so it exists while the text has
syntax errors: a statement recovery kept is in the outline whatever else is broken. The
names and details come from the model where it holds the statement (`member sam` is
`sam`, "Sam Okafor, lead social worker"); a statement the model lacks is named from its
own tokens. Places are cpdsl's: 1-based lines and columns in code points, spans end
exclusive.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from cpdsl import dates
from cpdsl import model as m
from cpdsl.model import Span
from cpdsl.parsing.syntax import ErrorNode, PlanSyntax, Statement, Token

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis

# The kinds of symbol, and the LSP SymbolKind the server shows each as (the numbers are
# lsprotocol's `SymbolKind`): plan Module (2), child Object (19), member Variable (13),
# excluded Variable (13), need Interface (11), outcome Struct (23), action Function (12),
# meeting Event (24), conference Event (24), contact Method (6), assessment Field (8),
# views String (15), other Property (7).
KINDS = ("plan", "child", "member", "excluded", "need", "outcome", "action", "meeting",
         "conference", "contact", "assessment", "views", "other")

# The statements with a kind of their own; every other is "other", named by its keyword.
_KIND_OF_RULE = {rule: rule for rule in KINDS if rule not in ("plan", "other")}

# Inside a block, only what one looks for in an outline is a symbol: a voice heard at a
# meeting, an outcome's milestones. A block's fields (`name`, `role`, `due`, a
# `recommendation`) are its symbol's detail, or nothing, but not symbols.
_NESTED_SYMBOLS = frozenset({"views", "milestone"})

# How many quotes a text token opens and closes with (an open one never closes).
_OPENING_QUOTES = {"STRING": 1, "OPEN_STRING": 1, "BLOCK_STRING": 3, "OPEN_BLOCK_STRING": 3}
_CLOSING_QUOTES = {"STRING": 1, "OPEN_STRING": 0, "BLOCK_STRING": 3, "OPEN_BLOCK_STRING": 0}


class Symbol(NamedTuple):
    """One entry of the outline: `range` is the whole statement (its block included),
    `selection` the word that names it (its id, else its keyword), inside `range`; the
    children's ranges are inside this one's. `name` is never empty (LSP refuses an
    empty name); `detail` may be."""

    name: str
    detail: str
    kind: str  # one of KINDS
    range: Span
    selection: Span
    children: tuple[Symbol, ...] = ()


Place = tuple[int, int]


# -- the outline ---------------------------------------------------------------------------


def document_symbols(analysis: Analysis) -> tuple[Symbol, ...]:
    """The plan as a tree of symbols: the plan, holding each top-level statement, each
    holding the nested statements worth finding (a meeting's `views`, an outcome's
    `milestone`). Without a `plan` header, the statements
    read are the top of the tree; without a syntax tree, there is no outline."""
    syntax = analysis.syntax
    if syntax is None:
        return ()
    nodes = _model_nodes(analysis.plan)
    symbols, extent = _symbols_in(syntax.statements, nodes, top=True)
    if not syntax.header:
        return tuple(symbols)
    return (_plan_symbol(syntax, analysis.plan, symbols, extent),)


def _plan_symbol(syntax: PlanSyntax, plan: m.Plan, symbols: list[Symbol],
                 extent: tuple[Place, Place] | None) -> Symbol:
    header = syntax.header
    title = next((t for t in header if t.kind in _OPENING_QUOTES and not t.inserted), None)
    extent = _union(extent, _token_extent(header + (syntax.close,)))
    name = _first_line(plan.title.value) if plan.title is not None else ""
    if not name and title is not None:
        name = _text_of(title)
    reference = _first_line(plan.reference.value) if plan.reference is not None else ""
    return Symbol(name or "plan", reference, "plan", _span(extent),
                  _token_span(title or header[0]), tuple(symbols))


def _symbols_in(items: Sequence[Statement | ErrorNode], nodes: dict[Place, object],
                top: bool) -> tuple[list[Symbol], tuple[Place, Place] | None]:
    """The symbols of a block's statements, and the stretch all its items cover (every
    item, not only the first and last: recovery's inserted tokens and error nodes keep
    no promise of order). Runs for every statement of the plan: kept to plain loops."""
    symbols: list[Symbol] = []
    low = high = None
    for item in items:
        if type(item) is Statement:
            first, last = item.tokens[0], item.close or item.tokens[-1]
            start, end = (first.line, first.column), (last.end_line, last.end_column)
            inner: list[Symbol] = []
            if item.block:
                inner, inner_extent = _symbols_in(item.block, nodes, False)
                if inner_extent is not None:
                    start, end = min(start, inner_extent[0]), max(end, inner_extent[1])
            if top or item.rule in _NESTED_SYMBOLS:
                symbols.append(_symbol(item, nodes.get((first.line, first.column)),
                                       (start, end), tuple(inner)))
            elif inner:
                symbols.extend(inner)  # what a field's block holds belongs to its statement
        else:
            start, end = (item.line, item.column), (item.end_line, item.end_column)
        if low is None or start < low:
            low = start
        if high is None or end > high:
            high = end
    return symbols, (low, high) if low is not None else None


def _symbol(statement: Statement, node: object, extent: tuple[Place, Place],
            children: tuple[Symbol, ...]) -> Symbol:
    kind = _KIND_OF_RULE.get(statement.rule, "other")
    keyword = statement.tokens[0]
    name_token = _naming_token(statement, kind)
    described = _described(kind, node)
    if described is None:
        name, detail = _from_tokens(statement, name_token)
    else:
        name, detail = described
    fallback = keyword.text or statement.rule.replace("_", "-")
    return Symbol(name or fallback, detail, kind, _span(extent), _token_span(name_token),
                  children)


def _naming_token(statement: Statement, kind: str) -> Token:
    """The token that names a statement: its first id (a member's, a meeting's kind, a
    contact's child, whose views), else its keyword; a written one over an inserted."""
    keyword = statement.tokens[0]
    if kind in ("other", "assessment"):
        return keyword
    ident = next((t for t in statement.tokens[1:] if t.kind == "IDENT"), None)
    if ident is None or (ident.inserted and not keyword.inserted):
        return keyword
    return ident


def _from_tokens(statement: Statement, name_token: Token) -> tuple[str, str]:
    """A name and detail for a statement the model does not hold: the naming word, and
    the rest of the statement's header as written (its texts unquoted)."""
    words = (_text_of(t) for t in statement.tokens[1:]
             if t is not name_token and t.kind != "LBRACE" and not t.inserted)
    return name_token.text, " ".join(w for w in words if w)


# -- names and details from the model ------------------------------------------------------


def _model_nodes(plan: m.Plan) -> dict[Place, object]:
    """The model's nodes of the statements that get a detail, by where they start (a
    statement and its node start at its keyword)."""
    found: dict[Place, object] = {}
    groups: Iterable[Iterable[object]] = (
        plan.children, plan.members, plan.exclusions, plan.needs, plan.outcomes,
        plan.actions, plan.conferences, plan.meetings, plan.contacts, plan.assessments,
        plan.views, *(meeting.views for meeting in plan.meetings),
    )
    for group in groups:
        for node in group:
            span = getattr(node, "span", None)
            if span is not None:
                found.setdefault((span.line, span.column), node)
    return found


def _described(kind: str, node: object) -> tuple[str, str] | None:
    """The name and detail the model gives a statement of this kind; None where the
    model holds no such node for it."""
    describe = _DESCRIBERS.get(kind)
    expected = _NODE_CLASSES.get(kind)
    if describe is None or expected is None or not isinstance(node, expected):
        return None
    return describe(node)


def _child(child: m.Child) -> tuple[str, str]:
    return child.id.name, _joined(_value(child.name), _dated("born", child.born),
                                  _dated("expected", child.expected))


def _member(member: m.Member) -> tuple[str, str]:
    role = _words(member.role)
    if member.lead:
        role = f"lead {role}" if role else "lead"
    return member.id.name, _joined(_value(member.name), role)


def _excluded(exclusion: m.Exclusion) -> tuple[str, str]:
    return exclusion.id.name, _joined(_value(exclusion.name), _words(exclusion.role))


def _need(need: m.Need) -> tuple[str, str]:
    return need.id.name, _value(need.text)


def _outcome(outcome: m.Outcome) -> tuple[str, str]:
    return outcome.id.name, _joined(_value(outcome.text), _dated("by", outcome.by))


def _action(action: m.Action) -> tuple[str, str]:
    status = getattr(getattr(action.status, "value", None), "text", "")
    return action.id.name, _joined(_value(action.text), _dated("due", action.due), status)


def _conference(conference: m.Conference) -> tuple[str, str]:
    kind = conference.kind.text if conference.kind is not None else ""
    date = conference.date.text if conference.date is not None else ""
    name = " ".join(w for w in (kind, "conference", date) if w)
    recommended = getattr(getattr(conference.recommendation, "value", None), "text", "")
    return name, f"recommends {recommended}" if recommended else ""


def _meeting(meeting: m.Meeting) -> tuple[str, str]:
    kind = _words(meeting.kind) or "meeting"
    date = meeting.date.text if meeting.date is not None else ""
    held = "cancelled" if meeting.cancelled is not None else _value(meeting.venue)
    recommended = getattr(meeting.recommendation, "text", "")
    recommends = f"recommends {recommended}" if recommended else ""
    return " ".join(w for w in (kind, date) if w), _joined(held, recommends)


def _contact(contact: m.Contact) -> tuple[str, str]:
    people = (getattr(contact.child, "name", ""), getattr(contact.by, "name", ""))
    how_often = f"every {dates.describe(contact.every)}" if contact.every is not None else ""
    return " by ".join(p for p in people if p), _joined(how_often,
                                                      "alone" if contact.alone else "")


def _assessment(assessment: m.Assessment) -> tuple[str, str]:
    by = f"by {assessment.by.name}" if assessment.by is not None else ""
    return "assessment", _joined(_value(assessment.text), by, _dated("due", assessment.due))


def _views(views: m.Views) -> tuple[str, str]:
    return f"views {views.subject.name}", _value(views.text)


_DESCRIBERS = {
    "child": _child, "member": _member, "excluded": _excluded, "need": _need,
    "outcome": _outcome, "action": _action, "conference": _conference, "meeting": _meeting,
    "contact": _contact, "assessment": _assessment, "views": _views,
}
_NODE_CLASSES = {
    "child": m.Child, "member": m.Member, "excluded": m.Exclusion, "need": m.Need,
    "outcome": m.Outcome, "action": m.Action, "conference": m.Conference,
    "meeting": m.Meeting, "contact": m.Contact, "assessment": m.Assessment, "views": m.Views,
}


def _value(text: m.Text | None) -> str:
    return _first_line(text.value) if text is not None else ""


def _words(word: m.Word | None) -> str:
    """A value from a fixed list as words: `social-worker` is "social worker"."""
    return word.text.replace("-", " ") if word is not None else ""


def _dated(what: str, date: m.Date | None) -> str:
    return f"{what} {date.text}" if date is not None and date.text else ""


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def _first_line(text: str) -> str:
    """The first line of a text that holds more than spaces, stripped."""
    if "\n" not in text:
        return text.strip()
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def _text_of(token: Token) -> str:
    """A token as a word of a detail: a text without its quotes, its first line only."""
    if token.kind not in _OPENING_QUOTES:
        return token.text
    end = len(token.text) - _CLOSING_QUOTES[token.kind]
    return _first_line(token.text[_OPENING_QUOTES[token.kind]:max(end, 0)])


# -- places --------------------------------------------------------------------------------


def _token_extent(tokens: Sequence[Token]) -> tuple[Place, Place] | None:
    if not tokens:
        return None
    start = min((t.line, t.column) for t in tokens)
    end = max((t.end_line, t.end_column) for t in tokens)
    return start, end


def _union(one: tuple[Place, Place] | None,
           other: tuple[Place, Place] | None) -> tuple[Place, Place] | None:
    if one is None:
        return other
    if other is None:
        return one
    return min(one[0], other[0]), max(one[1], other[1])


def _span(extent: tuple[Place, Place] | None) -> Span:
    if extent is None:
        return Span(1, 1, 1, 1)
    (line, column), (end_line, end_column) = extent
    return Span(line, column, end_line, end_column)


def _token_span(token: Token) -> Span:
    return Span(token.line, token.column, token.end_line, token.end_column)

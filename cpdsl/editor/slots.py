"""What each word of a statement is, and where in the plan a place is: what hover and
completion read from the syntax tree (cpdsl.parsing.syntax).

A statement is its keyword, then its slots: `owner` takes a member's id, `support` one
or more, `contact` a child's id, the word `by`, a member's id, `every` and a duration.
The grammar (grammar/cpdsl.lark) says which tokens come where but reads every id and
every value of a fixed list as an IDENT; the slots say what each names, as the checker
reads it (cpdsl/index.py's references for ids, cpdsl/meanings.py's lists for values).

`token_role` says what a written token is (a keyword, a value, an id, a date...);
`place_in_plan` where a place stands: at the start of a statement in a block, or in a
slot of a statement, with the words before it. Both work on the tree of any text,
recovery's error nodes and inserted tokens included.
"""

from __future__ import annotations

from typing import NamedTuple

from cpdsl.lines import Lines
from cpdsl.meanings import (
    CATEGORY,
    CONFERENCE_KIND,
    DOMAIN,
    MEETING_KIND,
    PROFILE,
    RECOMMENDATION,
    ROLE,
    STATUS,
    VIEWS_GROUP,
)
from cpdsl.parsing.grammar import keyword_text
from cpdsl.parsing.lookup import statements_at
from cpdsl.parsing.syntax import ErrorNode, PlanSyntax, Statement, Token

# What a slot holds, besides a value of a fixed list (named by its meanings kind: ROLE,
# DOMAIN, ...; VIEWS_GROUP is a group or an id of `kinds`).
NEW_ID = "new-id"  # the id a definition gives: `member sam`
ID = "id"  # a reference to a definition of one of `kinds`
TEXT = "text"
DATE = "date"
TIME = "time"
NUMBER = "number"
UNIT = "unit"  # a duration's unit: `weeks`, `working days`
WORD = "word"  # a fixed word inside a statement (`by`, `every`, `received`): `word`

FILE = "file"  # the block outside the plan, which holds `plan` (as cpdsl/meanings.py names it)
PLAN = "plan"


class Slot(NamedTuple):
    holds: str
    kinds: tuple[str, ...] = ()  # for ID and VIEWS_GROUP: the definitions it may name
    word: str = ""  # for WORD
    repeats: bool = False  # one or more: `support jo ria`
    optional: bool = False  # left out of a keyword's snippet (`status done` needs no text)


# The people a reference names (cpdsl/index.py lets any of child, member and excluded
# stand, CP103). Chairs, owners, note takers and informants are members of the core
# group (CP211, CP309); a child attends, gets a copy, disagrees or has views; an excluded
# person may disagree, have views and get a copy.
_MEMBER = Slot(ID, ("member",))
_MEMBERS = Slot(ID, ("member",), repeats=True)
_CHILD = Slot(ID, ("child",))
_ANYONE = Slot(ID, ("member", "child", "excluded"))
_TEXT = Slot(TEXT)
_DATE = Slot(DATE)
_DURATION = (Slot(NUMBER), Slot(UNIT))

# Each keyword's slots where they are the same in every block it is written in.
_SLOTS: dict[str, tuple[Slot, ...]] = {
    "plan": (_TEXT,),
    "profile": (Slot(PROFILE),),
    "category": (Slot(CATEGORY, repeats=True),),
    "child": (Slot(NEW_ID),), "born": (_DATE,), "expected": (_DATE,),
    "conference": (Slot(CONFERENCE_KIND), _DATE), "recommendation": (Slot(RECOMMENDATION),),
    "report-ready": (_DATE,),
    "member": (Slot(NEW_ID),), "role": (Slot(ROLE),), "lead": (), "for": (_CHILD,),
    "excluded": (Slot(NEW_ID),), "informed-by": (_MEMBER,),
    "chair": (_MEMBER,), "second-chair": (_MEMBER,), "vice-chair": (_MEMBER,),
    "domain": (Slot(DOMAIN, repeats=True),),
    "milestone": (_TEXT, Slot(WORD, word="by"), _DATE),
    "action": (Slot(NEW_ID), _TEXT), "owner": (_MEMBER,), "support": (_MEMBERS,),
    "due": (_DATE,), "status": (Slot(STATUS), Slot(TEXT, optional=True)), "monitoring": (),
    "agreed": (_DATE,), "alone": (),
    "views": (Slot(VIEWS_GROUP, ("child", "member", "excluded")), _TEXT),
    "signed": (_MEMBER, _DATE), "copy": (_ANYONE, _DATE), "amended": (_DATE,),
    "core-groups": (Slot(WORD, word="every"), *_DURATION), "agreed-by": (_MEMBER,),
    "meeting": (Slot(MEETING_KIND), _DATE), "time": (Slot(TIME),), "notes": (_MEMBER,),
    "attended": (Slot(ID, ("member", "child"), repeats=True),),
    "apologies": (_MEMBERS,), "absent": (_MEMBERS,), "report": (Slot(WORD, word="received"),),
    "minutes-circulated": (_DATE,), "ended": (_DATE,), "moved": (_DATE,),
    "cin-meeting": (_DATE,),
}
# The rest take one text: `name "..."`, `reason "..."`, `communication "..."`.
_TEXT_ONLY = ("reference", "language", "accessible-format", "name", "known-as", "concern",
              "exceptional", "reason", "agency", "interpreter", "measure", "monitoring-only",
              "communication", "contingency", "services", "resources", "assessment",
              "disagreement", "format", "delay-reason", "venue", "cancelled", "to")
# Keywords whose slots depend on the block they are written in.
_SLOTS_IN_BLOCK: dict[tuple[str, str], tuple[Slot, ...]] = {
    ("need", PLAN): (Slot(NEW_ID), _TEXT),
    ("need", "outcome"): (Slot(ID, ("need",), repeats=True),),
    ("outcome", PLAN): (Slot(NEW_ID), _TEXT),
    ("outcome", "action"): (Slot(ID, ("outcome",), repeats=True),),
    ("contact", PLAN): (_CHILD, Slot(WORD, word="by"), _MEMBER, Slot(WORD, word="every"),
                        *_DURATION),
    ("contact", "member"): (_TEXT,),
    ("by", "outcome"): (_DATE,),
    ("by", "assessment"): (_MEMBER,),
    ("by", "disagreement"): (_ANYONE,),
}


def slots_of(keyword: str, block: str) -> tuple[Slot, ...]:
    """The slots of a statement starting with `keyword` in `block` (named as
    cpdsl/meanings.py names blocks); none for a word that starts no statement there."""
    found = _SLOTS_IN_BLOCK.get((keyword, block))
    if found is not None:
        return found
    if keyword in _TEXT_ONLY:
        return (_TEXT,)
    return _SLOTS.get(keyword, ())


def slot_at(slots: tuple[Slot, ...], index: int) -> Slot | None:
    """The slot of the `index`th word after the keyword (0: the first), the last slot
    standing for the rest of a repeated one; a duration's unit takes two words
    (`working days`)."""
    if index < len(slots):
        return slots[index]
    if slots and (slots[-1].repeats or (slots[-1].holds == UNIT and index == len(slots))):
        return slots[-1]
    return None


def clamped(lines: Lines, text: str, line: int, column: int) -> tuple[int, int, int]:
    """A place as an editor clamps it, into the text and to the end of its line (before
    the line break), with its offset in the text."""
    line = min(max(line, 1), len(lines))
    start = lines.line_start(line)
    column = min(max(column, 1), lines.line_end(line, text) - start + 1)
    return line, column, start + column - 1


# -- what a token is ----------------------------------------------------------------------


class TokenRole(NamedTuple):
    """A written token and what it is in its statement."""

    statement: Statement
    block: str  # the block the statement is written in
    keyword: bool  # the statement's keyword (its first token)
    slot: Slot | None  # for a word after the keyword: its slot (None past the slots)


def token_role(plan: PlanSyntax, token: Token) -> TokenRole | None:
    """What a statement's token is; None for the plan's header and `}`, a block's braces
    and an inserted token."""
    if token.inserted or token.kind in ("LBRACE", "RBRACE"):
        return None
    chain = statements_at(plan, token.line, token.column)
    for depth in range(len(chain), 0, -1):
        statement = chain[depth - 1]
        if token not in statement.tokens:
            continue
        block = block_name(chain[:depth])
        index = statement.tokens.index(token)
        if index == 0:
            return TokenRole(statement, block, True, None)
        # Counted with the words recovery inserted, each in the slot it was missing from.
        slots = slots_of(keyword_of(statement), block)
        return TokenRole(statement, block, False, slot_at(slots, index - 1))
    return None


# -- where a place is ----------------------------------------------------------------------


class PlaceInPlan(NamedTuple):
    """Where a place (the start of the word being typed) stands: at the start of a
    statement in `block` (`slot` None), or in `slot` of `statement`, written in `block`.

    At a statement's start, `statement` is the one just before the place on its line, if
    any (`attended sam |` may go on with another id); in a slot, `words` are the
    statement's words after its keyword before the place."""

    block: str
    slot: Slot | None
    statement: Statement | None = None
    words: tuple[Token, ...] = ()


def place_in_plan(plan: PlanSyntax, text_before: str, line: int,
                  column: int) -> PlaceInPlan | None:
    """Where the place stands; None where nothing can be written: in the plan's header,
    after its `}`, past a statement's last slot, or after text that could not be read on
    the same line. `text_before` is the text of the place's line before the place."""
    place = (line, column)
    chain = statements_at(plan, line, column)
    if chain:
        innermost = chain[-1]
        first = innermost.tokens[0]
        if place == (first.line, first.column):  # on its keyword: a statement's start
            chain = chain[:-1]
        elif not _in_block(innermost, place):
            return _in_slot(innermost, block_name(chain), place)
    if chain:
        block, items = keyword_of(chain[-1]), chain[-1].block or ()
    elif not plan.header:
        block, items = FILE, plan.statements
    elif place < _end(plan.header[-1]) or (not plan.close.inserted
                                           and place >= _end(plan.close)):
        return None
    else:
        block, items = PLAN, plan.statements
    return _at_statement_start(block, items, text_before, place)


def keyword_of(statement: Statement) -> str:
    """A statement's keyword (as the grammar spells it, where recovery inserted it)."""
    first = statement.tokens[0]
    return first.text or keyword_text(first.kind) or ""


def block_name(chain: tuple[Statement, ...]) -> str:
    """The block the last statement of `chain` (outermost first) is written in, named
    by the keyword of the statement that opens it: `plan` for a top-level statement."""
    return keyword_of(chain[-2]) if len(chain) > 1 else PLAN


def _in_block(statement: Statement, place: tuple[int, int]) -> bool:
    brace = statement.tokens[-1]
    return brace.kind == "LBRACE" and place >= _end(brace)


def _in_slot(statement: Statement, block: str, place: tuple[int, int]) -> PlaceInPlan | None:
    # A word recovery inserted where the place is stands for the word being typed.
    before = tuple(t for t in statement.tokens[1:]
                   if _end(t) < place or (not t.inserted and _end(t) == place))
    slot = slot_at(slots_of(keyword_of(statement), block), len(before))
    if slot is None:
        return None
    return PlaceInPlan(block, slot, statement, tuple(t for t in before if not t.inserted))


def _at_statement_start(block: str, items, text_before: str,
                        place: tuple[int, int]) -> PlaceInPlan | None:
    previous = None
    for item in items:
        if (item.line, _column(item)) >= place:
            break
        previous = item
    if previous is None or _last_line(previous) < place[0]:
        return PlaceInPlan(block, None)
    if isinstance(previous, Statement):
        last = previous.close or (written(previous.tokens) or previous.tokens)[-1]
        follows = last.end_line == place[0] and not text_before[last.end_column - 1:].strip()
        return PlaceInPlan(block, None, previous if follows else None)
    # Typing a word recovery could not read (`ow`) is typing a statement's keyword; after
    # other unreadable text on the line, nothing can be told.
    inside = place <= (previous.end_line, previous.end_column)
    start = previous.column if previous.line == place[0] else 1
    if inside and not text_before[start - 1:].strip():
        return PlaceInPlan(block, None)
    return None


def written(tokens) -> list[Token]:
    """The tokens as written: not those recovery inserted."""
    return [token for token in tokens if not token.inserted]


def _end(token: Token) -> tuple[int, int]:
    return token.end_line, token.end_column


def _column(item: Statement | ErrorNode) -> int:
    return item.tokens[0].column if isinstance(item, Statement) else item.column


def _last_line(item: Statement | ErrorNode) -> int:
    """The line an item's written text ends on (a `}` recovery inserted on a later line,
    or a word it inserted there, does not count)."""
    if isinstance(item, ErrorNode):
        return item.end_line
    if item.close is not None and not item.close.inserted:
        return item.close.end_line
    return max((t.end_line for t in written(item.all_tokens())), default=item.line)

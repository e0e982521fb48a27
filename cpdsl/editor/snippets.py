"""What a completion inserts for a keyword or a whole block: LSP snippets, each slot a
placeholder whose default text parses (ids of the plan to choose from, today's date, the
placeholder text `"..."` that CP109 asks the author to fill in), so that a snippet
accepted as it comes never makes a syntax error.

A block's snippet holds the fields the rules ask of it (docs/rules.md), so that once its
placeholders are filled in nothing is reported missing: a child's `name` and `born`, a
member's `name` and `role` (CP106); an excluded person's `name`, `role` (CP106), `reason`
(CP305) and `informed-by` (CP306); an outcome's text (CP106), `need` (CP203), `measure`
(CP201) and `by` (CP202); an action's text (CP106), `outcome` (CP208), `owner` (CP206)
and `due` (CP207); a core group meeting's `chair` (CP603), `notes` (CP602), `attended`
and the child's `views` (CP606). A need's snippet has its text (CP106) and a `domain`,
which no rule asks for but the Assessment Framework gives every need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from cpdsl import meanings
from cpdsl.editor import slots as s
from cpdsl.facts import PLACEHOLDER
from cpdsl.vocabulary import FAMILY_ROLES, VIEWS_GROUPS

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis

_UNITS = ("weeks", "working days", "days", "months")


class BlockSnippet(NamedTuple):
    keyword: str  # a top-level statement's
    fields: tuple[str, ...]  # the keywords of the statements in its block, in order
    codes: str  # the rules that ask for them


BLOCK_SNIPPETS = (
    BlockSnippet("child", ("name", "born"), "CP106"),
    BlockSnippet("member", ("name", "role"), "CP106"),
    BlockSnippet("excluded", ("name", "role", "reason", "informed-by"), "CP106, CP305, CP306"),
    BlockSnippet("need", ("domain",), "CP106"),
    BlockSnippet("outcome", ("need", "measure", "by"), "CP106, CP201, CP202, CP203"),
    BlockSnippet("action", ("outcome", "owner", "due"), "CP106, CP206, CP207, CP208"),
    BlockSnippet("meeting", ("chair", "notes", "attended", "views"), "CP602, CP603, CP606"),
)


def keyword_snippet(analysis: Analysis, keyword: str, block: str) -> str:
    """A statement with a placeholder for each of its slots: `owner ${1|sam,jo|}`."""
    return _statement(analysis, keyword, block, [0])


def block_snippet(analysis: Analysis, snippet: BlockSnippet) -> str:
    """A top-level block with its fields, one a line: `member ${1:id} {` ... `}`."""
    count = [0]
    lines = [_statement(analysis, snippet.keyword, s.PLAN, count) + " {"]
    lines.extend("  " + _statement(analysis, field, snippet.keyword, count)
                 for field in snippet.fields)
    return "\n".join([*lines, "\\}"])


def plan_snippet() -> str:
    return f'plan "${{1:{PLACEHOLDER}}}" {{\n  $0\n\\}}'


def _statement(analysis: Analysis, keyword: str, block: str, count: list[int]) -> str:
    parts = [keyword]
    for slot in s.slots_of(keyword, block):
        if slot.optional:
            continue
        if slot.holds == s.WORD:
            parts.append(slot.word)
            continue
        count[0] += 1
        parts.append(_placeholder(analysis, slot, count[0], keyword, block))
    return " ".join(parts)


def _placeholder(analysis: Analysis, slot: s.Slot, number: int, keyword: str,
                 block: str) -> str:
    holds = slot.holds
    if holds == s.TEXT:
        return f'"${{{number}:{PLACEHOLDER}}}"'
    if holds == s.DATE:
        return f"${{{number}:{analysis.settings.today.isoformat()}}}"
    if holds == s.TIME:
        return f"${{{number}:10:00}}"
    if holds in (s.NUMBER, s.UNIT):
        count, unit = _interval(analysis, keyword)
        if holds == s.NUMBER:
            return f"${{{number}:{count}}}"
        return _choice(number, (unit, *(u for u in _UNITS if u != unit)))
    if holds == s.ID:
        ids = ids_for(analysis, slot.kinds, keyword)
        return _choice(number, ids) if ids else f"${{{number}:id}}"
    if holds == s.VIEWS_GROUP:
        return _choice(number, VIEWS_GROUPS)
    if holds in meanings.VALUE_LISTS:
        if (keyword, block) == ("role", "excluded"):  # those a core group can leave out
            return _choice(number, (*FAMILY_ROLES, "child"))
        return _choice(number, meanings.VALUE_LISTS[holds])
    return f"${{{number}:id}}"  # NEW_ID: the author names it


def ids_for(analysis: Analysis, kinds: tuple[str, ...], keyword: str = "") -> list[str]:
    """The ids of the plan's definitions of `kinds`, kind by kind in file order; for
    `notes`, the plan's chair last (the chair does not take the notes: CP303), and for
    `chair`, the plan's chair first."""
    found = [name for kind in kinds for name, definitions in analysis.index.by_id.items()
             if definitions[0].kind == kind]
    chair = analysis.plan.chair.name if analysis.plan.chair is not None else None
    if chair in found and keyword in ("chair", "notes"):
        found.remove(chair)
        found.insert(0 if keyword == "chair" else len(found), chair)
    return found


def _interval(analysis: Analysis, keyword: str) -> tuple[int, str]:
    """A duration to start from: the profile's core group interval for `core-groups`
    (what CP403 allows), else two weeks."""
    every = analysis.profile.duration("core-group-interval") if keyword == "core-groups" else None
    if every is None or every.count < 1:
        return 2, "weeks"
    return every.count, every.unit.replace("-", " ")


def _choice(number: int, options) -> str:
    """`${1|a,b|}`; the options are ids and words of the language, which hold none of
    the characters a choice escapes."""
    return f"${{{number}|{','.join(options)}|}}"

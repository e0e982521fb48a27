"""Hover: what the word at a place is, in Markdown.

- an id, where it is defined or referred to: the person (name, role, agency, contact; a
  child's date of birth and age as of the analysis's today; why someone is excluded),
  the need, the outcome (its measure and date) or the action (owner, due date, status,
  and since when it is overdue, as CP411 judges it);
- a keyword or a value of a fixed list: its meaning and source (cpdsl.meanings);
- a rule code, prefix or name inside a suppression comment: the rules it names;
- a date: its weekday, and which working day after the initial conference it is (in
  the profile's nation's working days, as the rules count them).

The findings at a place are not repeated: the server shows diagnostics itself.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, NamedTuple

from cpdsl import facts
from cpdsl.editor import slots
from cpdsl.editor.descriptions import describe, long_date, meaning_markdown, written_date
from cpdsl.index import Definition
from cpdsl.meanings import KEYWORD, SUPPRESSION, UNIT, WORD, Meaning, meaning
from cpdsl.model import Date, Span
from cpdsl.parsing.lookup import token_at
from cpdsl.parsing.syntax import CommentSyntax, Token
from cpdsl.rules import ALL_RULES, RULES_BY_CODE
from cpdsl.rules.base import Rule
from cpdsl.selection import resolve

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis

# `# cplint: ignore[CP307, CP5] reason`: the form's word, and the selectors in brackets.
_SUPPRESSION = re.compile(r"#\s*cplint\s*:\s*(ignore-file|ignore)\s*\[([^\]]*)\]")
_SELECTOR = re.compile(r"[^,\s]+")
_TEN_YEARS = dt.timedelta(days=3653)


class Hover(NamedTuple):
    """What to show over a place: Markdown (plain: no HTML), and the stretch of text it
    is about (the word hovered)."""

    markdown: str
    span: Span


def hover_at(analysis: Analysis, line: int, column: int) -> Hover | None:
    """The hover at a 1-based place (code points), or None where there is nothing to say:
    spaces, punctuation, free text, a word with no meaning there, an id never defined."""
    syntax = analysis.syntax
    if syntax is None:
        return None
    line, column, _ = slots.clamped(analysis.lines, analysis.text, line, column)
    comment = next((c for c in syntax.comments if c.line == line
                    and c.column <= column <= c.column + len(c.text)), None)
    if comment is not None:
        return _in_comment(comment, column)
    token = token_at(syntax, line, column)
    if token is None:
        return None
    if token in syntax.header:
        found = _meaning("plan", KEYWORD, slots.FILE) if token.kind == "PLAN" else None
        return _hover(meaning_markdown(found), token) if found else None
    if token.kind == "DATE":
        return _hover(_date(analysis, token), token)
    role = slots.token_role(syntax, token)
    if role is None:
        return None
    text = _about(analysis, token, role)
    return _hover(text, token) if text else None


def _about(analysis: Analysis, token: Token, role: slots.TokenRole) -> str | None:
    keyword = slots.keyword_of(role.statement)
    if role.keyword:
        found = _meaning(token.text, KEYWORD, role.block)
        return meaning_markdown(found) if found else None
    slot = role.slot
    if slot is None:
        return None
    if slot.holds in (slots.WORD, slots.UNIT):
        found = _meaning(token.text, WORD if slot.holds == slots.WORD else UNIT, keyword)
        return meaning_markdown(found) if found else None
    if token.kind != "IDENT":  # a text, a number, a time: nothing to add to it
        return None
    if slot.holds in (slots.NEW_ID, slots.ID):
        return _definition(analysis, token)
    found = _meaning(token.text, slot.holds)  # a value of a fixed list
    if found is not None:
        return meaning_markdown(found)
    return _definition(analysis, token) if slot.kinds else None  # `views amy`


def _definition(analysis: Analysis, token: Token) -> str | None:
    """The thing an id names: where the id is defined twice, the definition at hand."""
    found: tuple[Definition, ...] = analysis.index.by_id.get(token.text, ())
    here = next((d for d in found if d.id.span is not None
                 and (d.id.span.line, d.id.span.column) == (token.line, token.column)), None)
    definition = here or (found[0] if found else None)
    return describe(definition, analysis) if definition is not None else None


def _date(analysis: Analysis, token: Token) -> str:
    """The day's weekday, and which working day after the initial conference it is
    (within ten years of it: further out, the bank holidays of every year between would
    have to be worked out while the editor waits)."""
    try:
        day = dt.date.fromisoformat(token.text)
    except ValueError:
        return written_date(Date(token.text, None))
    text = long_date(day)
    initial = facts.initial_conference(analysis.plan)
    if initial is not None and dt.timedelta(0) < day - initial.date.value <= _TEN_YEARS:
        count = facts.working_days_after_initial(analysis.plan, day, analysis.profile.nation)
        days = f"{count} working day{'' if count == 1 else 's'}"
        text += (f"\n\n{days} after the initial conference on "
                 f"{long_date(initial.date.value)}")
    return text


def _in_comment(comment: CommentSyntax, column: int) -> Hover | None:
    """In a suppression comment: its form's word, or the rules a selector names."""
    form = _SUPPRESSION.match(comment.text)
    if form is None:
        return None
    at = column - comment.column  # the offset in the comment's text
    if form.start(1) <= at <= form.end(1):
        found = _meaning(form.group(1), SUPPRESSION)
        span = _comment_span(comment, *form.span(1))
        return Hover(meaning_markdown(found), span) if found else None
    for selector in _SELECTOR.finditer(form.group(2)):
        start, end = form.start(2) + selector.start(), form.start(2) + selector.end()
        if start <= at <= end:
            text = _rules_named(selector.group())
            return Hover(text, _comment_span(comment, start, end)) if text else None
    return None


def _rules_named(selector: str) -> str | None:
    found = resolve(selector)
    if found is None:
        return None
    codes = found[0]
    if len(codes) == 1:
        return _rule_line(RULES_BY_CODE[next(iter(codes))])
    if len(codes) == len(ALL_RULES):
        return f"`{selector}`: every rule cplint has ({len(codes)})"
    listed = "\n".join(f"- {_rule_line(RULES_BY_CODE[code])}" for code in sorted(codes))
    return f"`{selector}`: {len(codes)} rules\n\n{listed}"


def _rule_line(rule: Rule) -> str:
    return f"**{rule.code}** `{rule.name}` ({rule.severity.value}): {rule.summary}"


def _meaning(word: str, kind: str, block: str | None = None) -> Meaning | None:
    """The word's meaning of that kind there, if the language gives it one."""
    try:
        return meaning(word, kind, block)
    except LookupError:  # none there, or (never for a kind and a block) several
        return None


def _hover(text: str, token: Token) -> Hover:
    return Hover(text, Span(token.line, token.column, token.end_line, token.end_column))


def _comment_span(comment: CommentSyntax, start: int, end: int) -> Span:
    return Span(comment.line, comment.column + start, comment.line, comment.column + end)

"""What an editor says about the things of a plan, in Markdown for hover and a completion's
documentation, and on one plain line for a completion's detail: a person, need, outcome
or action by its id, a word's meaning, a date.

Text from the plan is shown as written: on one line, hidden characters escaped as
everywhere in cplint (cpdsl.hidden), and every character Markdown could read as markup
escaped, so that a name with `*` or `_` in it is not shown in italics. No HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from cpdsl import facts
from cpdsl import model as m
from cpdsl.hidden import escaped
from cpdsl.index import Definition
from cpdsl.meanings import Meaning
from cpdsl.vocabulary import ROLES

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
# What CommonMark may read as markup (`&` starts an entity, `<` a tag or an autolink).
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~&!])")
_SPACES = re.compile(r"\s+")
# How a meaning's kind is named after its word: `social-worker` (role).
_KIND_NAMES = {
    "keyword": "keyword", "word": "word", "unit": "unit of a duration",
    "suppression": "suppression", "role": "role", "category": "category of abuse or neglect",
    "domain": "Assessment Framework domain", "status": "action status",
    "conference-kind": "kind of conference", "meeting-kind": "kind of meeting",
    "recommendation": "recommendation", "views-group": "whose views", "profile": "profile",
}


def one_line(text: str) -> str:
    """Plan text on one line, its runs of white space one space, hidden characters
    escaped: for a completion's detail, which is plain text."""
    return escaped(_SPACES.sub(" ", text).strip())


def markdown_text(text: str) -> str:
    """Plan text for Markdown: on one line, with every markup character escaped."""
    return _MARKUP.sub(r"\\\1", one_line(text))


def long_date(day: dt.date) -> str:
    """`Monday 12 January 2026` (not strftime, which follows the process's locale)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def written_date(date: m.Date) -> str:
    """A date of the plan in words, or as written where it names no day."""
    return long_date(date.value) if date.value is not None else f"{date.text} (no such day)"


def meaning_markdown(meaning: Meaning) -> str:
    """`owner` (keyword): its description, then its source in the guidance if any."""
    kind = _KIND_NAMES.get(meaning.kind, meaning.kind)
    text = f"`{meaning.word}` ({kind}): {meaning.description}"
    return f"{text}\n\nSource: {meaning.source}" if meaning.source else text


def meaning_documentation(meaning: Meaning) -> str:
    """A completion's documentation of a word: its description, then its source."""
    source = f"\n\nSource: {meaning.source}" if meaning.source else ""
    return f"{meaning.description}{source}"


# -- the things ids name -------------------------------------------------------------------


def describe(definition: Definition, analysis: Analysis) -> str:
    """What a definition is, in Markdown (the hover of its id), as of the analysis's
    today."""
    return _DESCRIBERS[definition.kind](definition.node, analysis)


def detail(definition: Definition) -> str:
    """A definition on one plain line: `Sam Patel, lead social worker`, a need's text."""
    node = definition.node
    if definition.kind in ("need", "outcome", "action"):
        return one_line(node.text.value) if node.text is not None else "no text"
    name = one_line(node.name.value) if node.name is not None else "no name"
    if definition.kind == "child":
        return f"{name}, child"
    role = role_phrase(node)
    if definition.kind == "excluded":
        return f"{name}, {role + ', ' if role else ''}excluded"
    return f"{name}, {role}" if role else name


def role_phrase(person: m.Member | m.Exclusion) -> str:
    """A person's role in words (`health visitor`, `GP`), as written where it is not a
    known role; `lead social worker` for the lead."""
    role = person.role.text if person.role is not None else ""
    words = ("GP" if role == "gp" else role.replace("-", " ")) if role in ROLES else one_line(role)
    if not getattr(person, "lead", False):
        return words
    if role == "social-worker":
        return "lead social worker"
    return f"{words} (lead)" if words else "lead"


def _member(member: m.Member, analysis: Analysis) -> str:
    role = markdown_text(role_phrase(member))
    agency = markdown_text(member.agency.value) if member.agency is not None else ""
    what = ", ".join(part for part in (role, agency) if part)
    lines = [f"{_title(member)} — {what}" if what else _title(member)]
    if member.contact is not None:
        lines.append(f"Contact: {markdown_text(member.contact.value)}")
    if member.for_child is not None:
        lines.append(f"For {_named(member.for_child, analysis)}")
    if member.interpreter is not None:
        lines.append(f"Needs an interpreter in {markdown_text(member.interpreter.value)}")
    if member.accessible_format is not None:
        lines.append(f"Needs the plan in {markdown_text(member.accessible_format.value)}")
    return "\n\n".join(lines)


def _child(child: m.Child, analysis: Analysis) -> str:
    title = _title(child)
    if child.known_as is not None:
        title += f" (known as {markdown_text(child.known_as.value)})"
    parts = ["child"]
    if child.born is not None:
        parts.append(f"born {written_date(child.born)}")
        if child.born.value is not None:
            parts.append(_age(child.born.value, analysis.settings.today))
    elif child.expected is not None:
        parts.append(f"expected {written_date(child.expected)}, not yet born")
    return f"{title} — {', '.join(parts)}"


def _age(born: dt.date, today: dt.date) -> str:
    years = facts.age_on(born, today)
    if years < 0:
        age = "not yet born"
    elif years == 0:
        age = "under a year old"
    else:
        age = f"{years} year{'s' if years > 1 else ''} old"
    return f"{age} as of {long_date(today)}"


def _excluded(person: m.Exclusion, analysis: Analysis) -> str:
    role = markdown_text(role_phrase(person))
    lines = [f"{_title(person)} — {role + ', ' if role else ''}excluded from the core group"]
    if person.reason is not None:
        lines.append(f"Reason: {markdown_text(person.reason.value)}")
    if person.informed_by is not None:
        lines.append(f"Informed by {_named(person.informed_by, analysis)}")
    return "\n\n".join(lines)


def _need(need: m.Need, analysis: Analysis) -> str:
    lines = [_headed("Need", need.text)]
    if need.domains:
        lines.append("Domains: " + ", ".join(markdown_text(d.text) for d in need.domains))
    return "\n\n".join(lines)


def _outcome(outcome: m.Outcome, analysis: Analysis) -> str:
    lines = [_headed("Outcome", outcome.text)]
    if outcome.measure is not None:
        lines.append(f"Measure: {markdown_text(outcome.measure.value)}")
    if outcome.by is not None:
        lines.append(f"By: {written_date(outcome.by)}")
    return "\n\n".join(lines)


def _action(action: m.Action, analysis: Analysis) -> str:
    lines = [_headed("Action", action.text)]
    if action.owner is not None:
        lines.append(f"Owner: {_named(action.owner, analysis)}")
    if action.support:
        lines.append("Support: " + ", ".join(_named(ident, analysis) for ident in action.support))
    if action.due is not None:
        lines.append(f"Due: {written_date(action.due)}")
    lines.append(f"Status: {_status(action, analysis)}")
    return "\n\n".join(lines)


def _status(action: m.Action, analysis: Analysis) -> str:
    status = action.status
    said = markdown_text(status.value.text) if status is not None else "open"
    if status is not None and status.why is not None:
        said += f" ({markdown_text(status.why.value)})"
    overdue = facts.overdue_actions(analysis.plan, analysis.settings.today)
    if any(late is action for late in overdue):
        said += f", overdue since {long_date(action.due.value + dt.timedelta(days=1))}"
    return said


def _title(person: m.Member | m.Exclusion | m.Child) -> str:
    if person.name is not None and person.name.value.strip():
        return f"**{markdown_text(person.name.value)}**"
    return f"`{person.id.name}` (no name)"


def _headed(kind: str, text: m.Text | None) -> str:
    if text is None:
        return f"**{kind}** with no text"
    return f"**{kind}**: {markdown_text(text.value)}"


def _named(ident: m.Ident, analysis: Analysis) -> str:
    """A person referred to: `Kerry Example (`kerry`)`, or the id alone."""
    found = analysis.index.lookup(ident.name)
    person = found.node if found is not None else None
    name = getattr(person, "name", None)
    if not isinstance(name, m.Text) or not name.value.strip():
        return f"`{ident.name}`"
    return f"{markdown_text(name.value)} (`{ident.name}`)"


_DESCRIBERS: dict[str, Callable[[object, Analysis], str]] = {
    "member": _member, "child": _child, "excluded": _excluded,
    "need": _need, "outcome": _outcome, "action": _action,
}

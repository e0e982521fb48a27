"""People and texts of the plan as the pack shows them: a member by name, role and
agency, then their id (which the notes reader matches first, PACK.md section 3)."""

from __future__ import annotations

from cpdsl import model as m
from cpdsl.pack.document import Inline, Span, ident


def one_line(text: m.Text | None) -> str:
    """A text of the plan on one line (runs of spaces and line breaks as one space)."""
    return " ".join(text.value.split()) if text is not None and text.value else ""


def role_words(role: m.Ident | None) -> str:
    return role.text.replace("-", " ") if role is not None else ""


class People:
    """Who the plan's ids name, for one plan."""

    def __init__(self, plan: m.Plan) -> None:
        self.members = {x.id.name: x for x in plan.members}
        self.children = {x.id.name: x for x in plan.children}

    def name(self, ident_: m.Ident) -> str:
        found = self.members.get(ident_.name) or self.children.get(ident_.name)
        return one_line(found.name) if found is not None else ""

    def short(self, ident_: m.Ident) -> Inline:
        """`Name `id``: the name and the id."""
        named = self.name(ident_)
        return (Span(f"{named} "), ident(ident_.name)) if named else (ident(ident_.name),)

    def full(self, ident_: m.Ident) -> Inline:
        """`Name, role, agency `id``, as far as the plan says them."""
        member = self.members.get(ident_.name)
        if member is None:
            return self.short(ident_)
        parts = [one_line(member.name)]
        if member.role is not None:
            parts.append(("lead " if member.lead else "") + role_words(member.role))
        parts.append(one_line(member.agency))
        words = ", ".join(p for p in parts if p)
        return (Span(f"{words} "), ident(ident_.name)) if words else (ident(ident_.name),)

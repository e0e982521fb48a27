"""The people the notes name, matched to the plan's members (PACK.md section 3): the pack
writes a member as `Name, role, agency `id`` or `Name `id``. The id in backticks is
matched first, then an exact member name; a person neither matches is reported, never
guessed."""

from __future__ import annotations

import re

from cpdsl import model as m
from cpdsl.notes.sections import unescape
from cpdsl.suggest import did_you_mean

_WITH_ID = re.compile(r"(?P<before>.*?)`(?P<id>[^`]*)`\s*\Z", re.DOTALL)


class Unknown(Exception):
    """No member of the plan is the person written; the message says who was looked for."""


class Roster:
    """The plan's members (and children), by id and by name."""

    def __init__(self, plan: m.Plan) -> None:
        self.members = {x.id.name: x for x in plan.members}
        self.children = {x.id.name: x for x in plan.children}
        self._named: dict[str, list[str]] = {}
        for member in plan.members:
            if member.name is not None:
                self._named.setdefault(_one_line(member.name.value), []).append(member.id.name)

    def member(self, written: str) -> str:
        """The id of the member `written` names (Unknown if none, or several, do)."""
        found = _WITH_ID.match(written)
        if found is not None and found.group("id").strip() in self.members:
            return found.group("id").strip()
        before = unescape((found.group("before") if found else written).strip()).rstrip(", ")
        for name in dict.fromkeys([before, before.split(",")[0].strip()]):
            ids = self._named.get(name, [])
            if len(ids) == 1:
                return ids[0]
            if len(ids) > 1:
                raise Unknown(f"{len(ids)} members are named \"{name}\" "
                              f"({', '.join(f'`{i}`' for i in ids)}): write the id")
        if found is not None:
            ident = found.group("id").strip()
            raise Unknown(f"no member `{ident}` in the plan"
                          + did_you_mean(ident, self.members))
        raise Unknown(f"no member named \"{before}\" in the plan (write their id in "
                      "backticks, as the pack does)")


def split_people(cell: str) -> list[str]:
    """The people of a list (`Jo Lee `jo`, Sam Patel `sam``): at each comma after an id,
    else at every comma."""
    if "`" in cell:
        return [p.strip(" ,") for p in re.findall(r"[^`]*`[^`]*`", cell) if p.strip(" ,")]
    return [p.strip() for p in cell.split(",") if p.strip()]


def _one_line(text: str) -> str:
    return " ".join(text.split())

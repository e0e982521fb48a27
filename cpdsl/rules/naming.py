"""How messages name people: by id, with the name where the plan gives one."""

from __future__ import annotations

from cpdsl import facts
from cpdsl import model as m


def who(person: m.Member | m.Exclusion) -> str:
    """`kerry` (Kerry Example): the id, and the name where there is one (not a
    placeholder still to be written, which would read `kerry` (...))."""
    given = person.name
    name = f" ({given.value})" if given is not None and given.value and not (
        facts.is_placeholder(given)) else ""
    return f"`{person.id.name}`{name}"

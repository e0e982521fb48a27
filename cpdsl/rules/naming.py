"""How messages name things: people, by id with the name where the plan gives one; the
block a statement is written in; and where a profile's figure comes from."""

from __future__ import annotations

from cpdsl import facts
from cpdsl import model as m
from cpdsl.profile import Profile


def who(person: m.Member | m.Exclusion) -> str:
    """`kerry` (Kerry Example): the id, and the name where there is one (not a
    placeholder still to be written, which would read `kerry` (...))."""
    given = person.name
    name = f" ({given.value})" if given is not None and given.value and not (
        facts.is_placeholder(given)) else ""
    return f"`{person.id.name}`{name}"


def setting_source(profile: Profile, key: str) -> str:
    """Where the figure of a profile's setting comes from, for the parentheses that end a
    message: the setting's `ref` (`000_5146a52aabc1ef30.txt, section 3`), and for a
    figure the profile inherits, whose it is first (`from the england profile:
    000_5146a52aabc1ef30.txt section 1`), so that a message under `wales` does not give
    England's figure as Wales's own. Empty where the profile has no such setting."""
    setting = profile.settings.get(key)
    if setting is None:
        return ""
    if setting.profile == profile.name:
        return setting.ref
    return f"from the {setting.profile} profile: {setting.ref}"


# The blocks whose fields may be written twice (model.Repeat), by what they are called.
_NAMED_BY_ID = {m.Child: "child", m.Member: "member", m.Exclusion: "excluded person",
                m.Outcome: "outcome", m.Action: "action"}


def block(node: object, plan: m.Plan) -> str:
    """The block a statement is written in, as a message names it: action `book`, the
    review conference on 2026-04-08, the plan."""
    noun = _NAMED_BY_ID.get(type(node))
    if noun is not None:
        return f"{noun} `{node.id.name}`"
    match node:
        case m.Conference(kind=kind, date=date):
            named = f"{kind.text} conference" if kind is not None else "conference"
            return f"the {named}{_on(date)}"
        case m.Meeting(date=date):
            return f"the core group{_on(date)}"
        case m.Recommendation():
            held_at = next((c for c in plan.conferences if c.recommendation is node), None)
            of = f" of {block(held_at, plan)}" if held_at is not None else ""
            return f"the `recommendation`{of}"
        case m.Assessment(text=text):
            said = getattr(text, "value", None)  # None where the text could not be read
            return f'the assessment "{said}"' if said else "an assessment"
        case m.Disagreement(by=by):
            return "the disagreement" + (f" by `{by.name}`" if by is not None else "")
        case m.Copy(person=person, date=date):
            return f"the copy for `{person.name}`{_on(date)}"
        case m.Move():
            return "`moved`"
        case m.Schedule():
            return "`core-groups`"
    return "the plan"


def _on(date: m.Date | None) -> str:
    return f" on {date.text}" if date is not None else ""

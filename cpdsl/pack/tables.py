"""The pack's tables, as Markdown: the action review table (PACK.md section 6: a group
row per outcome, then the actions with owner, support, due and status, and two columns
left for the meeting) and the membership proforma (003's "CORE GROUP MEMBERSHIP AND
CONTACT DETAILS", with the excluded people below it)."""

from __future__ import annotations

import datetime as dt

from cpdsl import dates
from cpdsl import model as m
from cpdsl.facts import live_actions, overdue_actions

REVIEW_COLUMNS = ("action", "owner", "support", "due", "status",
                  "status now or new due", "update")
PROFORMA_TITLE = "CORE GROUP MEMBERSHIP AND CONTACT DETAILS"
PROFORMA_COLUMNS = ("NAME", "AGENCY", "CONTACT DETAILS (address, telephone number, e-mail "
                    "address)", "HOW WILL INFORMATION BE SHARED SECURELY?")


def action_review(plan: m.Plan, day: dt.date, person, text) -> list[str]:
    """The action review table as of the meeting's day: open actions past their `due`
    marked in words (CP411's reading). `person` and `text` show an id and a text."""
    overdue = {a.id.name for a in overdue_actions(plan, day)}
    actions = live_actions(plan)
    lines: list[str] = []
    for outcome in plan.outcomes:
        mine = [a for a in actions if outcome.id.name in {o.name for o in a.outcomes}]
        facts = [f"measure: {text(outcome.measure)}" if outcome.measure else "no measure",
                 f"by {outcome.by.value}" if outcome.by and outcome.by.value else "no date"]
        lines += [f"**Outcome `{outcome.id.name}`: {text(outcome.text)}** ({'; '.join(facts)})",
                  "", *_table(mine, overdue, person, text), ""]
    loose = [a for a in actions if not a.outcomes]
    if loose:
        lines += ["**Actions for no outcome**", "", *_table(loose, overdue, person, text), ""]
    return lines[:-1] if lines else ["The plan has no outcomes or actions yet."]


def _table(actions: list[m.Action], overdue: set[str], person, text) -> list[str]:
    rows = [_row(REVIEW_COLUMNS), _row(("---",) * len(REVIEW_COLUMNS))]
    for action in actions:
        status = action.status.value.text if action.status is not None else "open"
        if action.id.name in overdue:
            status += ", overdue"
        rows.append(_row((
            f"`{action.id.name}` {text(action.text)}",
            person(action.owner) if action.owner else "no owner",
            ", ".join(person(s) for s in action.support),
            action.due.value.isoformat() if action.due and action.due.value else "no date",
            status, "", "")))
    return rows if actions else ["No action for it yet."]


def contacts(plan: m.Plan, person) -> list[str]:
    """Each child's contact arrangement, for the plan review item."""
    return [f"- Contact with {person(c.child)}: {person(c.by)}"
            + (f" every {dates.describe(c.every)}" if c.every else "")
            + (", seen alone" if c.alone else "") for c in plan.contacts]


def proforma(plan: m.Plan, text) -> list[str]:
    """The membership proforma, its secure-sharing column from the plan's `communication`;
    the excluded people, with the reason and who tells them, below it."""
    sharing = text(plan.communication) if plan.communication else ""
    lines = [f"**{PROFORMA_TITLE}**", "", _row(PROFORMA_COLUMNS),
             _row(("---",) * len(PROFORMA_COLUMNS))]
    for member in plan.members:
        role = f" ({member.role.text.replace('-', ' ')})" if member.role is not None else ""
        lines.append(_row((f"{text(member.name)}{role} `{member.id.name}`",
                           text(member.agency), text(member.contact), sharing)))
    if plan.exclusions:
        lines += ["", "Not members of the core group:"]
        for excluded in plan.exclusions:
            role = f" ({excluded.role.text})" if excluded.role is not None else ""
            told = f"; told by `{excluded.informed_by.name}`" if excluded.informed_by else ""
            lines.append(f"- {text(excluded.name)}{role} `{excluded.id.name}`: "
                         f"{text(excluded.reason) or 'no reason recorded'}{told}")
    return lines


def _row(cells) -> str:
    return "| " + " | ".join(cells) + " |"

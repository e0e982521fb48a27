"""The pack's tables: the action review table (PACK.md section 6: a group row per
outcome, then the actions with owner, support, due and status, and two columns left for
the meeting) and the membership proforma (003's "CORE GROUP MEMBERSHIP AND CONTACT
DETAILS", with the excluded people below it)."""

from __future__ import annotations

import datetime as dt

from cpdsl import dates
from cpdsl import model as m
from cpdsl.facts import live_actions, overdue_actions
from cpdsl.pack.document import Block, Bullets, Para, Span, Table, ident, line, plain, \
    with_code
from cpdsl.pack.people import People, one_line, role_words

REVIEW_COLUMNS = ("action", "owner", "support", "due", "status",
                  "status now or new due", "update")
NEW_ROWS = ("A new action: a row with a new id, its owner's id and due date, and `new` in "
            "the status now column.")
PROFORMA_TITLE = "CORE GROUP MEMBERSHIP AND CONTACT DETAILS"
PROFORMA_COLUMNS = ("NAME", "AGENCY", "CONTACT DETAILS (address, telephone number, e-mail "
                    "address)", "HOW WILL INFORMATION BE SHARED SECURELY?")


def action_review(plan: m.Plan, day: dt.date, people: People) -> list[Block]:
    """The action review table as of the meeting's day: open actions past their `due`
    marked in words (CP411's reading)."""
    overdue = {a.id.name for a in overdue_actions(plan, day)}
    actions = live_actions(plan)
    blocks: list[Block] = []
    for outcome in plan.outcomes:
        mine = [a for a in actions if outcome.id.name in {o.name for o in a.outcomes}]
        facts = [f"measure: {one_line(outcome.measure)}" if outcome.measure else "no measure",
                 f"by {outcome.by.value}" if outcome.by and outcome.by.value else "no date"]
        heading = line(Span("Outcome ", "strong"), ident(outcome.id.name),
                       Span(f": {one_line(outcome.text)}", "strong"), f" ({'; '.join(facts)})")
        blocks += [Para((heading,)), _table(mine, overdue, people)]
    loose = [a for a in actions if not a.outcomes]
    if loose:
        blocks += [Para(((Span("Actions for no outcome", "strong"),),)),
                   _table(loose, overdue, people)]
    if not blocks:
        return [Para((plain("The plan has no outcomes or actions yet."),))]
    return [*blocks, Para((with_code(NEW_ROWS),))]


def _table(actions: list[m.Action], overdue: set[str], people: People) -> Block:
    if not actions:
        return Para((plain("No action for it yet."),))
    rows = []
    for action in actions:
        status = action.status.value.text if action.status is not None else "open"
        if action.id.name in overdue:
            status += ", overdue"
        support: list[Span] = []
        for number, who in enumerate(action.support):
            support += [*([Span(", ")] if number else []), *people.short(who)]
        rows.append((
            line(ident(action.id.name), f" {one_line(action.text)}"),
            people.short(action.owner) if action.owner else plain("no owner"),
            tuple(support),
            plain(action.due.value.isoformat() if action.due and action.due.value
                  else "no date"),
            plain(status), (), ()))
    return Table(REVIEW_COLUMNS, tuple(rows))


def contacts(plan: m.Plan, people: People) -> list[Block]:
    """Each child's contact arrangement, for the plan review item."""
    items = [line("Contact with ", people.short(c.child), ": ", people.short(c.by),
                  f" every {dates.describe(c.every)}" if c.every else "",
                  ", seen alone" if c.alone else "") for c in plan.contacts]
    if plan.contingency is not None:
        items.append(plain(f"Contingency plan: {one_line(plan.contingency)}"))
    return [Bullets(tuple(items))] if items else []


def proforma(plan: m.Plan) -> list[Block]:
    """The membership proforma, its secure-sharing column from the plan's `communication`;
    the excluded people, with the reason and who tells them, below it."""
    sharing = plain(one_line(plan.communication)) if plan.communication else ()
    rows = []
    for member in plan.members:
        role = f" ({role_words(member.role)})" if member.role is not None else ""
        rows.append((line(f"{one_line(member.name)}{role} ", ident(member.id.name)),
                     plain(one_line(member.agency)), plain(one_line(member.contact)),
                     sharing))
    blocks: list[Block] = [Table(PROFORMA_COLUMNS, tuple(rows))]
    if plan.exclusions:
        items = []
        for excluded in plan.exclusions:
            role = f" ({excluded.role.text})" if excluded.role is not None else ""
            told = (line("; told by ", ident(excluded.informed_by.name))
                    if excluded.informed_by else ())
            items.append(line(f"{one_line(excluded.name)}{role} ", ident(excluded.id.name),
                              f": {one_line(excluded.reason) or 'no reason recorded'}", told))
        blocks.append(Bullets(tuple(items), lead=plain("Not members of the core group:")))
    return blocks

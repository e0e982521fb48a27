"""CP106 missing-field: a definition without what it cannot be without."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl.diagnostics import Severity
from cpdsl.rules.base import Context, Finding, rule


@rule("CP106", "missing-field", Severity.ERROR, "a definition without what it cannot be without")
def missing_field(context: Context) -> Iterator[Finding]:
    """A definition that lacks what it cannot be without.

    - a member or excluded person without `name` or `role`;
    - a child without `name` (unless not yet born) or without `born` or `expected`;
    - a need, outcome or action without its text in quotes;
    - a dropped action without the reason it was dropped (`status dropped "why"`);
    - a member with role `child` and no `for`, where the plan has several children;
    - a `reconvened` conference without the `reason` it was reconvened early;
    - a child who `moved` to another area without the receiving authority (`to`), which
      the plan transfers to.

    Where another rule covers a missing field (an action's `owner` and `due`, an
    outcome's `measure` and `by`, an exclusion's `reason`), that rule reports it instead.

    Severity: error. The catalogue makes every rule of the language and its references (CP1)
    an error: what cplint cannot read or resolve, it cannot check.

    Fails:
        member kerry { role parent }

    Passes:
        member kerry { name "Kerry Example" role parent }
    """
    plan = context.plan
    for what, people in (("member", plan.members), ("excluded person", plan.exclusions)):
        for person in people:
            yield from _lacking(person, what, name=person.name, role=person.role)
    for child in plan.children:
        if child.name is None and child.expected is None:
            yield Finding(child.header, f"child `{child.id.name}` has no `name`",
                          within=child.span)
        if child.born is None and child.expected is None:
            yield Finding(child.header, f"child `{child.id.name}` has no `born` date "
                                        "(or `expected` for an unborn child)", within=child.span)
    for kind, items in (("need", plan.needs), ("outcome", plan.outcomes),
                        ("action", plan.actions)):
        for item in items:
            if item.text is None:
                example = f'`{kind} {item.id.name} "..."`'
                yield Finding(item.header, f"{kind} `{item.id.name}` has no text: say what it "
                                           f"is in quotes after the id ({example})",
                              within=item.header)
    for action in plan.actions:
        status = action.status
        if status is not None and status.value.text == "dropped" and status.why is None:
            yield Finding(status.span, f"action `{action.id.name}` is dropped without a reason: "
                                       'write `status dropped "why"`', within=status.span)
    if len(plan.children) > 1:
        for member in plan.members:
            if member.role is not None and member.role.text == "child" and member.for_child is None:
                yield Finding(member.header, f"member `{member.id.name}` is a child: say which "
                                             "child with `for`", within=member.span)
    for conference in plan.conferences:
        kind = conference.kind
        if kind is not None and kind.text == "reconvened" and conference.reason is None:
            date = f" on {conference.date.text}" if conference.date is not None else ""
            yield Finding(conference.header,
                          f"reconvened conference{date} has no `reason`: say why it was "
                          "reconvened early (`reason \"...\"` in its block)",
                          within=conference.span)
    moved = plan.moved
    if moved is not None and moved.to is None:
        yield Finding(moved.header,
                      f"`moved {moved.date.text}` has no `to`: name the receiving authority "
                      "the plan transfers to (`to \"...\"` in its block)",
                      within=moved.span)


def _lacking(node, what: str, **fields) -> Iterator[Finding]:
    missing = [f"`{name}`" for name, value in fields.items() if value is None]
    if missing:
        yield Finding(node.header, f"{what} `{node.id.name}` has no {' or '.join(missing)}",
                      within=node.span)


RULES = (missing_field,)

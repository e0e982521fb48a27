"""CP106 missing-field: a definition without what it cannot be without."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl.diagnostics import Severity
from cpdsl.fixes import Edit, Fix
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.edits import insert_into_block, skeleton

# What a fix writes for a missing text: the placeholder CP109 asks the author to fill in.
_TEXT = '"..."'


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
            yield from _lacking(context, person, what, name=person.name, role=person.role)
    for child in plan.children:
        if child.name is None and child.expected is None:
            yield Finding(child.header, f"child `{child.id.name}` has no `name`",
                          within=child.span, fix=_add(context, child.span, "name"))
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
                              within=item.header, fix=_after(context, item.id.span, "text"))
    for action in plan.actions:
        status = action.status
        if status is not None and status.value.text == "dropped" and status.why is None:
            yield Finding(status.span, f"action `{action.id.name}` is dropped without a reason: "
                                       'write `status dropped "why"`', within=status.span,
                          fix=_after(context, status.span, "reason"))
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
                          within=conference.span, fix=_add(context, conference.span, "reason"))
    moved = plan.moved
    if moved is not None and moved.to is None:
        yield Finding(moved.header,
                      f"`moved {moved.date.text}` has no `to`: name the receiving authority "
                      "the plan transfers to (`to \"...\"` in its block)",
                      within=moved.span, fix=_add(context, moved.span, "to"))


def _lacking(context: Context, node, what: str, **fields) -> Iterator[Finding]:
    missing = [f"`{name}`" for name, value in fields.items() if value is None]
    if missing:
        # Only a missing name has a skeleton: a role is a word from a fixed list, which no
        # placeholder can stand for (CP105 would reject it), so the author writes it; and
        # where both are missing the skeleton would not mend the finding, so none.
        fix = _add(context, node.span, "name") if missing == ["`name`"] else None
        yield Finding(node.header, f"{what} `{node.id.name}` has no {' or '.join(missing)}",
                      within=node.span, fix=fix)


def _add(context: Context, block, keyword: str) -> Fix | None:
    """A fix that adds `keyword "..."` to a block, for the author to fill in."""
    return skeleton(f"Add `{keyword} \"...\"` to fill in",
                    insert_into_block(context, block, f"{keyword} {_TEXT}"))


def _after(context: Context, span, what: str) -> Fix | None:
    """A fix that writes the placeholder text after `span` (an id, `status dropped`)."""
    if span is None:
        return None
    return Fix.unsafe(f"Add the {what} as `\"...\"` to fill in",
                      Edit.insert(context.lines.offsets(span)[1], f" {_TEXT}"))


RULES = (missing_field,)

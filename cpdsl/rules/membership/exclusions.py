"""CP3, exclusions: a parent, carer or child kept out of the core group, with the reason
and who tells them (CP305, CP306)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.citations import B
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.naming import who


@rule("CP305", "exclusion-without-reason", Severity.ERROR,
      "an excluded parent, carer or child with no recorded reason")
def exclusion_without_reason(context: Context) -> Iterator[Finding]:
    """A parent, carer or child kept out of the core group (`excluded`) with no `reason`
    recorded.

    Keeping a parent or child out of the group that plans their family's life is a
    serious decision; the reason has to be on the record.

    Source: 000_5146a52aabc1ef30.txt, section 2: "the reason for exclusion must be
    recorded"; appendix: "If parent/carer or child is not included in the Core Group the
    reason for exclusion must be recorded".

    Severity: error ("the reason for exclusion must be recorded",
    000_5146a52aabc1ef30.txt, section 2).

    Reading: a reason of blank text is no reason.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        excluded dan { name "Dan Example" role parent informed-by sam }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        excluded dan {
          name "Dan Example"
          role parent
          reason "A non-molestation order prevents contact with Kerry"
          informed-by sam
        }
    """
    for exclusion in context.plan.exclusions:
        if exclusion.reason is None:
            yield Finding(exclusion.header,
                          f"{who(exclusion)} is excluded from the core group with no reason: "
                          f'the reason must be recorded (`reason "..."`) ({B}, section 2)',
                          within=exclusion.span)
        elif _blank(exclusion.reason):
            yield Finding(exclusion.reason.span,
                          f"the reason {who(exclusion)} is excluded is blank: the reason must "
                          f"be recorded ({B}, section 2)")


@rule("CP306", "exclusion-without-informant", Severity.ERROR,
      "an exclusion with no member named to tell them the process and outcome")
def exclusion_without_informant(context: Context) -> Iterator[Finding]:
    """An exclusion with no core group member named (`informed-by`) to tell the excluded
    person about the meetings and what they decide.

    An excluded parent or child still has a right to know what the core group is doing;
    someone has to be given that job.

    Source: 000_5146a52aabc1ef30.txt, section 2: "the reason for exclusion must be
    recorded and a decision reached regarding the most appropriate member/s to inform
    both parents and children of the process and outcome of the meeting"; appendix: "a
    decision made about who informs the excluded member of the decisions and process of
    meetings".

    Severity: error ("must be recorded and a decision reached", 000_5146a52aabc1ef30.txt,
    section 2: the "must" covers the decision too).

    Reading: `informed-by` must name a member: naming an excluded person or a child who
    is not a member is reported at that id; an id that is not defined at all is CP103.
    An excluded child whom the core group does not ask for (CP307: younger than the
    profile's `core-group-member-age`, unborn, or without a `born` date) is not judged:
    nobody need tell a baby about the meetings. An excluded child is the plan's child of
    that name, or the plan's only child; one who matches no child is judged.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        excluded dan { name "Dan Example" role parent reason "A court order" }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        excluded dan { name "Dan Example" role parent reason "A court order" informed-by sam }

    Passes:
        child kit { name "Kit Example" born 2025-01-01 }
        member sam { name "Sam Patel" role social-worker lead }
        excluded kit-x { name "Kit Example" role child reason "Kit is one year old" }
    """
    index = context.index
    plan = context.plan
    for exclusion in plan.exclusions:
        if _excludes_child_not_asked_for(exclusion, plan, context):
            continue
        informant = exclusion.informed_by
        if informant is None:
            yield Finding(exclusion.header,
                          f"no member is named to tell {who(exclusion)} about the core "
                          "group's meetings and decisions: add `informed-by` with a member's "
                          f"id ({B}, section 2)",
                          within=exclusion.span)
            continue
        definition = index.lookup(informant.name)
        if definition is None or definition.kind == "member":
            continue
        what = "is excluded too" if definition.kind == "excluded" else "is a child of the plan"
        yield Finding(informant.span,
                      f"`informed-by {informant.name}`: `{informant.name}` {what}, not a core "
                      f"group member; name a member to tell {who(exclusion)} about the "
                      f"meetings and decisions ({B}, section 2)",
                      (Related(f"`{informant.name}` is defined here", definition.id.span),))


def _excludes_child_not_asked_for(exclusion: m.Exclusion, plan: m.Plan,
                                  context: Context) -> bool:
    """Whether an exclusion with role `child` is of children the core group does not ask
    for (CP307): every child it can be is too young, unborn or without a `born` date."""
    if exclusion.role is None or exclusion.role.text != "child":
        return False
    if len(plan.children) == 1:
        children = list(plan.children)
    else:
        children = [child for child in plan.children if facts.same_name(exclusion, child)]
    age = facts.core_group_member_age(context.profile)
    return bool(children) and not any(facts.asked_for(child, context.today, age)
                                      for child in children)


def _blank(text: m.Text | None) -> bool:
    return text is None or not text.value.strip()


RULES = (exclusion_without_reason, exclusion_without_informant)

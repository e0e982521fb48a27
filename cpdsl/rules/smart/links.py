"""CP2, what ties the plan together: each outcome answers a need, each action works
towards an outcome, each outcome and need is worked on (CP203, CP208, CP209, CP210)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl.diagnostics import Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.missing import missing_field


@rule("CP203", "outcome-without-need", Severity.WARNING, "an outcome tied to no assessed need",
      ref="002_107d890e8677bac8.txt, sections 3 and 6.3")
def outcome_without_need(context: Context) -> Iterator[Finding]:
    """An outcome that names no `need`: it answers nothing the assessment found.

    Planned outcomes should be "Related to the assessed needs of the child / young
    person" (002_107d890e8677bac8.txt, section 6.3); the plan "should clearly identify
    what the need is for the child; what outcomes are desired for the child"
    (003_53fa38a38afc9856.txt).

    Severity: warning ("should be", 002_107d890e8677bac8.txt, section 6.3).

    Reading: a plan with no need at all is CP513's; its outcomes, which have no need to
    name, are not also reported here.

    Fails:
        need health "Amy's health needs are not being met"
        outcome appointments "Amy attends every health appointment"

    Passes:
        need health "Amy's health needs are not being met"
        outcome appointments "Amy attends every health appointment" { need health }
    """
    if not context.plan.needs:
        return
    for outcome in context.plan.outcomes:
        if not outcome.needs:
            yield missing_field(outcome, "outcome", "`need`", "name the assessed need it answers "
                           "(`need ID`)")


@rule("CP208", "action-without-outcome", Severity.WARNING, "an action tied to no outcome",
      ref="004_256d3034f79780c2.txt; 003_53fa38a38afc9856.txt")
def action_without_outcome(context: Context) -> Iterator[Finding]:
    """An action that names no `outcome`: work that is not tied to the plan's aims.

    "actions correlate to the plan, are centred around risk and are SMART"
    (004_256d3034f79780c2.txt); the plan "should clearly identify what the need is for
    the child; what outcomes are desired for the child; and what actions are required"
    (003_53fa38a38afc9856.txt).

    Severity: warning ("should clearly identify", 003_53fa38a38afc9856.txt).

    Reading: a plan with no outcome at all is CP513's; its actions, which have no outcome
    to name, are not also reported here.

    Fails:
        outcome appointments "Amy attends every health appointment"
        action book-review "Book Amy's developmental review"

    Passes:
        outcome appointments "Amy attends every health appointment"
        action book-review "Book Amy's developmental review" { outcome appointments }
    """
    if not context.plan.outcomes:
        return
    for action in facts.live_actions(context.plan):
        if not action.outcomes:
            yield missing_field(action, "action", "`outcome`", "name the outcome it works towards "
                           "(`outcome ID`)")


@rule("CP209", "outcome-without-action", Severity.WARNING, "an outcome no action works towards",
      ref="002_107d890e8677bac8.txt, section 3")
def outcome_without_action(context: Context) -> Iterator[Finding]:
    """An outcome that no action (other than a dropped one) names: nothing is being done
    to reach it.

    The plan "should include ... Realistic strategies and specific actions to achieve the
    planned outcomes" (002_107d890e8677bac8.txt, section 3).

    Severity: warning ("should include", 002_107d890e8677bac8.txt, section 3).

    Reading: a plan with no action at all (or only dropped ones) is CP513's; its
    outcomes are not also reported here.

    Fails:
        outcome appointments "Amy attends every health appointment"
        outcome meals "Amy has breakfast every day"
        action breakfast-club "Enrol Amy in the breakfast club" { outcome meals }

    Passes:
        outcome appointments "Amy attends every health appointment"
        action book-review "Book Amy's developmental review" { outcome appointments }
    """
    actions = facts.live_actions(context.plan)
    if not actions:
        return
    worked_on = {ident.name for action in actions for ident in action.outcomes}
    for outcome in context.plan.outcomes:
        if outcome.id.name not in worked_on:
            yield Finding(outcome.header, f"no action works towards outcome "
                                          f"`{outcome.id.name}`: add one with "
                                          f"`outcome {outcome.id.name}`",
                          within=context.plan.span)


@rule("CP210", "need-without-outcome", Severity.WARNING, "an assessed need no outcome answers",
      ref="002_107d890e8677bac8.txt, section 3")
def need_without_outcome(context: Context) -> Iterator[Finding]:
    """A need that no outcome names: an assessed need the plan does nothing about.

    The plan "should include ... Identification of the child's needs derived from the
    findings of the Single Assessment" and "Specific, achievable, child-focused outcomes"
    (002_107d890e8677bac8.txt, section 3); it "should clearly identify what the need is
    for the child; what outcomes are desired for the child" (003_53fa38a38afc9856.txt).

    Severity: warning ("should include", 002_107d890e8677bac8.txt, section 3).

    Reading: a plan with no outcome at all is CP513's; its needs are not also reported
    here.

    Fails:
        need health "Amy's health needs are not being met"
        need food "Amy is often hungry at school"
        outcome meals "Amy has breakfast every day" { need food }

    Passes:
        need health "Amy's health needs are not being met"
        outcome appointments "Amy attends every health appointment" { need health }
    """
    if not context.plan.outcomes:
        return
    answered = {ident.name for outcome in context.plan.outcomes for ident in outcome.needs}
    for need in context.plan.needs:
        if need.id.name not in answered:
            yield Finding(need.header, f"no outcome answers need `{need.id.name}`: add one "
                                       f"with `need {need.id.name}`", within=context.plan.span)


RULES = (outcome_without_need, action_without_outcome, outcome_without_action, need_without_outcome)

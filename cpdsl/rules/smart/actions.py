"""CP2, each action: owned by a core group member, dated, and more than monitoring
(CP206, CP207, CP211, CP214)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.edits import insert_into_block, skeleton
from cpdsl.rules.missing import missing_field


@rule("CP206", "unassigned-action", Severity.WARNING, "an action with no `owner`",
      ref="003_53fa38a38afc9856.txt; 000_5146a52aabc1ef30.txt, section 4")
def unassigned_action(context: Context) -> Iterator[Finding]:
    """An action with no `owner`: a task nobody is responsible for is nobody's task.

    The plan "should clearly identify ... who will be responsible for undertaking the
    action" (003_53fa38a38afc9856.txt); the members ensure that "The tasks identified for
    each core group member in the Child Protection Plan are undertaken as agreed"
    (000_5146a52aabc1ef30.txt, section 4).

    Severity: warning ("should clearly identify", 003_53fa38a38afc9856.txt).

    Fails:
        action book-review "Book Amy's developmental review" { due 2026-02-01 }

    Passes:
        member kerry { name "Kerry Example" role parent }
        action book-review "Book Amy's developmental review" { owner kerry due 2026-02-01 }
    """
    for action in facts.live_actions(context.plan):
        if action.owner is None:
            owner = likeliest_owner(context.plan)
            fix = None if owner is None else skeleton(
                f"Make `{owner}` the owner", insert_into_block(context, action.span,
                                                               f"owner {owner}"))
            yield missing_field(action, "action", "`owner`", "say who does it (`owner ID`)",
                                fix)


@rule("CP207", "action-without-due-date", Severity.WARNING, "an action with no `due` date",
      ref="004_256d3034f79780c2.txt; 000_5146a52aabc1ef30.txt, section 1")
def action_without_due_date(context: Context) -> Iterator[Finding]:
    """An action with no `due` date: it can never be late, so it may never be done.

    Core groups "agree key action points with timescales" (003_53fa38a38afc9856.txt,
    agendas) and the plan "should clearly identify ... when it will be achieved"
    (003_53fa38a38afc9856.txt); actions are "time-bound" (004_256d3034f79780c2.txt); the
    plan "will cover ... time-scales for pieces of work" (000_5146a52aabc1ef30.txt,
    section 1).

    Severity: warning ("should clearly identify", 003_53fa38a38afc9856.txt; "will cover",
    000_5146a52aabc1ef30.txt, section 1).

    Fails:
        action book-review "Book Amy's developmental review"

    Passes:
        action book-review "Book Amy's developmental review" { due 2026-03-20 }
    """
    for action in facts.live_actions(context.plan):
        if action.due is None:
            due = likeliest_due(context, action)
            fix = None if due is None else skeleton(
                f"Make it due {due}", insert_into_block(context, action.span, f"due {due}"))
            yield missing_field(action, "action", "`due` date", "say when it is to be done "
                                "(`due 2026-02-01`)", fix)


def likeliest_owner(plan: m.Plan) -> str | None:
    """Whom a fix makes an action's owner: the lead social worker, who co-ordinates the
    plan (the member marked `lead`, else its one social worker); None where no one is."""
    leads = sorted(facts.lead_social_workers(plan))
    return leads[0] if len(leads) == 1 else None


def likeliest_due(context: Context, action: m.Action) -> dt.date | None:
    """The date a fix makes an action due by, one the rules accept: not past (CP411), not
    before the initial conference or the day it was agreed (CP213). The next core group,
    which reviews the actions (004_256d3034f79780c2.txt), else the earliest `by` of the
    outcomes it works towards, else the next review conference; None without any."""
    plan = context.plan
    initial = facts.initial_conference(plan)
    starts = [context.today, initial.date.value if initial is not None else None,
              action.agreed.value if action.agreed is not None else None]
    earliest = max(day for day in starts if day is not None)
    outcomes = {ident.name for ident in action.outcomes}
    review = facts.next_review(plan, earliest)
    candidates = [facts.next_planned_core_group(plan, context.profile, context.today),
                  min((o.by.value for o in plan.outcomes if o.id.name in outcomes
                       and o.by is not None and o.by.value is not None
                       and o.by.value >= earliest), default=None),
                  review.date.value if review is not None else None]
    return next((day for day in candidates if day is not None and day >= earliest), None)


@rule("CP211", "owner-not-member", Severity.WARNING,
      "an action owned by someone excluded or not in the core group",
      ref="000_5146a52aabc1ef30.txt, sections 2 and 4")
def owner_not_member(context: Context) -> Iterator[Finding]:
    """An action whose `owner` is an excluded person or a child (the `child` block), not a
    core group member.

    The core group's members "should be working directly and actively with the child
    and/or family on a specific task outlined in the plan", and "Members of the core
    group share responsibility for the implementation of the Child Protection Plan"
    (000_5146a52aabc1ef30.txt, section 2): the plan's tasks are its members'. Someone
    excluded takes no part in the core group; a child who takes part is a member with
    role `child`, and that member owns the task. An owner that is not defined at all is
    CP103's.

    Severity: warning ("should be working", 000_5146a52aabc1ef30.txt, section 2).

    Fails:
        excluded dan { name "Dan Example" role parent reason "A court order" }
        action course "Attend the parenting course" { owner dan }

    Passes:
        member kerry { name "Kerry Example" role parent }
        action course "Attend the parenting course" { owner kerry }
    """
    for action in facts.live_actions(context.plan):
        owner = action.owner
        definition = context.index.lookup(owner.name) if owner is not None else None
        if definition is None or definition.kind not in ("excluded", "child"):
            continue
        if definition.kind == "excluded":
            why = "is excluded from the core group; give the task to a member"
        else:
            why = "is a child, not a core group member; " + _child_member_hint(
                context.plan, owner.name)
        yield Finding(owner.span, f"`owner {owner.name}`: `{owner.name}` {why}",
                      (Related(f"`{owner.name}` is defined here", definition.id.span),))


def _child_member_hint(plan: m.Plan, child: str) -> str:
    member = next((x for x in plan.members if x.role is not None and x.role.text == "child"
                   and x.for_child is not None and x.for_child.name == child), None)
    if member is not None:
        return f"write `owner {member.id.name}`, the member who is `{child}`"
    return "make them a member (`role child`) or give the task to a member"


@rule("CP214", "monitoring-only-plan", Severity.INFO,
      "every action is monitoring, with no recorded reason",
      ref="000_5146a52aabc1ef30.txt, sections 4 and 5")
def monitoring_only_plan(context: Context) -> Iterator[Finding]:
    """A plan whose every action is `monitoring`, with no `monitoring-only "reason"`.

    A plan of monitoring alone changes nothing for the child. The guidance allows it
    only "in extreme cases, ie, non co-operation by parents", when "the Child Protection
    Plan may only consist of monitoring by core group members" (000_5146a52aabc1ef30.txt,
    section 5; "in the extreme", section 4): record why with `monitoring-only`.

    Severity: info. The guidance says when such a plan "may" be made, and no source says
    it "must" or "should" not be made otherwise, or that the reason be recorded: asking
    for the reason is good practice.

    Fails:
        action weigh "Weigh Leo monthly" { monitoring }

    Passes:
        action weigh "Weigh Leo monthly" { monitoring }
        monitoring-only "Ana declines every service offered; legal advice is being sought"
    """
    plan = context.plan
    actions = facts.live_actions(plan)
    if actions and plan.monitoring_only is None and all(a.monitoring for a in actions):
        count = f"{len(actions)} action" + ("s" if len(actions) > 1 else "")
        yield Finding(plan.header, f"every action in the plan ({count}) only "
                                   "monitors: add actions that change things for the child, or "
                                   'record why the plan only monitors (`monitoring-only '
                                   '"reason"`)', within=plan.span)


RULES = (unassigned_action, action_without_due_date, owner_not_member, monitoring_only_plan)

"""Facts about a plan's actions: those still in it, those open, those overdue."""

from __future__ import annotations

import datetime as dt

from cpdsl import model as m
from cpdsl.facts.stops import judged_as_of


def live_actions(plan: m.Plan) -> list[m.Action]:
    """The actions still in the plan: not dropped (`status dropped "why"`)."""
    return [a for a in plan.actions if a.status is None or a.status.value.text != "dropped"]


def is_open(action: m.Action) -> bool:
    """Whether an action is still to be done: no `status`, or `status open`."""
    status = action.status
    return status is None or getattr(status.value, "text", None) == "open"


def overdue_actions(plan: m.Plan, today: dt.date) -> list[m.Action]:
    """The open actions whose `due` date has passed as of `today`, or as of the day the
    plan stopped if earlier (004_256d3034f79780c2.txt: "actions reviewed at subsequent
    meetings")."""
    as_of = judged_as_of(plan, today)
    return [action for action in plan.actions if is_open(action)
            and action.due is not None and action.due.value is not None
            and action.due.value < as_of]

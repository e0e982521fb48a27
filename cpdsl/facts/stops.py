"""When a plan's timescales stop: it ended, or the child moved to another area."""

from __future__ import annotations

import datetime as dt

from cpdsl import model as m


def plan_stops(plan: m.Plan) -> dt.date | None:
    """The day the plan's timescales stop: the earlier of the day it `ended` and the day
    the child `moved` to another area (the plan then transfers to the receiving
    authority, whose timescales are not this plan's: 000_5146a52aabc1ef30.txt, section 4);
    None while it runs. A date that names no day is not read."""
    days = [date.value for date in (plan.ended, getattr(plan.moved, "date", None))
            if date is not None and date.value is not None]
    return min(days, default=None)


def stopped_by(plan: m.Plan) -> str | None:
    """What stopped the plan: `ended` or `moved` (the earlier; `ended` where both fall on
    one day); None while it runs."""
    stop = plan_stops(plan)
    if stop is None:
        return None
    ended = plan.ended.value if plan.ended is not None else None
    return "ended" if ended == stop else "moved"


def judged_as_of(plan: m.Plan, today: dt.date) -> dt.date:
    """The day the plan's record is judged as of: today, or the day it stopped if
    earlier (what falls due after a move is the receiving authority's)."""
    stop = plan_stops(plan)
    return min(today, stop) if stop is not None else today

"""The child in need meeting after a plan ends: by when it is due (CP413's reading)."""

from __future__ import annotations

import datetime as dt

from cpdsl import model as m
from cpdsl.facts.days import last_in_time
from cpdsl.profile import Profile


def cin_meeting_due(plan: m.Plan, profile: Profile) -> dt.date | None:
    """The last day for the child in need meeting: the profile's `cin-meeting` after the
    day the plan `ended` (002_107d890e8677bac8.txt, section 5: "within 20 working days").
    Only `ended` is read, not `moved`: the receiving authority plans what follows a move.
    None without `ended` (or one that names no day), or where the profile sets no time."""
    limit = profile.duration("cin-meeting")
    ended = plan.ended.value if plan.ended is not None else None
    if limit is None or ended is None:
        return None
    return last_in_time(ended, limit, profile.nation)

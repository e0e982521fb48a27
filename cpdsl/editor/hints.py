"""Inlay hints: the dates a plan's timescales turn on, shown beside the dates they follow
from, so an author sees them while writing rather than when a rule fires.

- beside each held core group's date, which working day after the initial conference
  it is (`day 8`), and for the first, the profile's limit for it (CP401);
- beside each held core group's date, the last day its minutes are in time (CP407);
- beside an open action's due date that has passed, `overdue` (CP411).

Every date comes from cpdsl.facts, the functions the rules use, and the figures are
worded as the rules' messages word them (what the profile allows by cpdsl.rules.timing,
the guidance by its short name), so a hint and a finding never disagree. The hints read
the model, which holds what the parser could read of a half-typed plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from cpdsl import dates, facts
from cpdsl import model as m
from cpdsl.citations import for_people
from cpdsl.model import Span
from cpdsl.rules import timing

if TYPE_CHECKING:
    from cpdsl.analysis import Analysis


class InlayHint(NamedTuple):
    """A short label shown at a place (1-based line and column in code points: just
    after the date it is about, so the server pads it on the left), with the full
    sentence as its tooltip."""

    line: int
    column: int
    label: str
    tooltip: str


def inlay_hints(analysis: Analysis, span: Span | None = None) -> tuple[InlayHint, ...]:
    """The plan's hints in order of place (those at one place in the order above); with
    `span`, only those whose place is in it, its end included (a range request)."""
    wanted = _Wanted(span)
    hints = [*_core_group_days(analysis, wanted), *_minutes_deadlines(analysis, wanted),
             *_overdue_actions(analysis, wanted)]
    return tuple(sorted(hints, key=lambda hint: (hint.line, hint.column)))


def _hint(place: tuple[int, int], label: str, tooltip: str) -> InlayHint:
    """A hint whose tooltip names the guidance as a finding's message does (the short
    name and section: "Bolton core group guidance, s3")."""
    return InlayHint(place[0], place[1], label, for_people(tooltip))


class _Wanted:
    """Where a hint may go: just after a date, and in the span asked about (if any).
    Asked before a hint's dates are worked out, so a range request over a long plan
    counts no working days for the meetings outside it."""

    def __init__(self, span: Span | None) -> None:
        self.low = self.high = None
        if span is not None:
            self.low, self.high = (span.line, span.column), (span.end_line, span.end_column)

    def place_after(self, date: m.Date) -> tuple[int, int] | None:
        """The place just after a date, or None if it has none or it is not wanted."""
        span = date.span
        if span is None:
            return None
        place = (span.end_line, span.end_column)
        if self.low is not None and not self.low <= place <= self.high:
            return None
        return place


def _core_group_days(analysis: Analysis, wanted: _Wanted) -> list[InlayHint]:
    """`day N` beside every core group held (not `cancelled`) on or after the initial
    conference; the first says, as CP401 does, what the profile allows."""
    plan, profile = analysis.plan, analysis.profile
    initial = facts.initial_conference(plan)
    if initial is None:
        return []
    start = initial.date.value
    first = facts.first_held_core_group(plan)
    limit = profile.duration("first-core-group")
    hints = []
    for meeting in facts.held(facts.core_group_meetings(plan)):
        place = wanted.place_after(meeting.date)
        if place is None:
            continue
        day = meeting.date.value
        count = facts.working_days_after_initial(plan, day, profile.nation)
        if count is None:
            continue
        if day == start:
            after = f"on the day of the initial conference on {start}"
        else:
            after = (f"{dates.describe(m.Duration(count, 'working-days'))} after the initial "
                     f"conference on {start}")
        if meeting is first:
            tooltip = f"first core group on {day} is {after}"
            if limit is not None:
                tooltip += f"; {timing.allows(profile, 'first-core-group', limit)}"
        else:
            tooltip = f"core group on {day} is {after}"
        hints.append(_hint(place, f"day {count}", tooltip))
    return hints


def _minutes_deadlines(analysis: Analysis, wanted: _Wanted) -> list[InlayHint]:
    """The last day in time for the minutes of each core group held (not `cancelled`),
    the day CP407 judges them by."""
    profile = analysis.profile
    limit = profile.duration("minutes")
    if limit is None:
        return []
    allows = timing.allows(profile, "minutes", limit)
    hints = []
    for meeting in facts.held(facts.core_group_meetings(analysis.plan)):
        place = wanted.place_after(meeting.date)
        last = facts.minutes_due(meeting, profile) if place is not None else None
        if last is None:
            continue
        hints.append(_hint(place, f"minutes due by {last}",
                         f"minutes of the core group on {meeting.date.value} are due "
                         f"by {last}: {allows}"))
    return hints


def _overdue_actions(analysis: Analysis, wanted: _Wanted) -> list[InlayHint]:
    """`overdue` beside the due date of each open action past it, as of the day CP411
    judges by (today, or the day the plan stopped if earlier)."""
    plan, today = analysis.plan, analysis.settings.today
    when = (f"as of {today}" if facts.judged_as_of(plan, today) == today
            else f"when {timing.stopped_on(plan)}")
    hints = []
    for action in facts.overdue_actions(plan, today):
        place = wanted.place_after(action.due)
        if place is None:
            continue
        name = getattr(action.id, "name", "")
        hints.append(_hint(place, "overdue", f"action `{name}` was due on {action.due.value} "
                           f"and is still open {when}"))
    return hints

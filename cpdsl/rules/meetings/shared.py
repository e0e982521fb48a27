"""What the meeting rules (CP6) share: how a meeting is named in a message, the order of
its absences, and whose absence asks for their views rather than a report."""

from __future__ import annotations

from cpdsl import model as m
from cpdsl.vocabulary import FAMILY_ROLES

# The members whose absence asks for their views rather than a written report (CP601,
# CP607): the family and the child.
FAMILY_AND_CHILD_ROLES = (*FAMILY_ROLES, "child")


def position(span: m.Span | None) -> tuple[int, int]:
    """Where a span starts, to list entries in the order they are written."""
    return (span.line, span.column) if span is not None else (0, 0)


def called(meeting: m.Meeting) -> str:
    """`the core group on 2026-01-22`, or `this core group` for one without a real date."""
    if meeting.date is not None and meeting.date.value is not None:
        return f"the core group on {meeting.date.text}"
    return "this core group"

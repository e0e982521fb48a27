"""CP6, who ran a meeting and why one did not happen: its note taker and chair, and the
reason a core group was cancelled (CP602, CP603, CP605)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl.citations import B, F, M, T
from cpdsl.diagnostics import Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.meetings.shared import called
from cpdsl.rules.reading import unread


@rule("CP602", "meeting-without-notes", Severity.ERROR,
      "a meeting record with no note taker")
def meeting_without_notes(context: Context) -> Iterator[Finding]:
    """A record of a core group that took place with no note taker (`notes`).

    Notes are the only record of what the core group agreed; the record says who took
    them.

    Source: 000_5146a52aabc1ef30.txt, section 4: "Notes of core group meetings must be
    recorded. The keyworker will have responsibility for negotiating the most appropriate
    person for taking notes". 002_107d890e8677bac8.txt, section 2: "Be minuted by a
    nominated member of the group (not the chair)". 003_53fa38a38afc9856.txt: every agenda
    starts with "IDENTIFICATION OF NOTE TAKER".

    Severity: error ("Notes of core group meetings must be recorded",
    000_5146a52aabc1ef30.txt, section 4).

    Reading: a record that names its note taker shows the notes were taken. A cancelled
    meeting, or one dated after today, needs no note taker.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        meeting core-group 2026-01-22 { chair sam attended sam jo }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        meeting core-group 2026-01-22 { chair sam notes jo attended sam jo }
    """
    for meeting in facts.held_records(context.plan.meetings, context.today):
        if meeting.notes is None:
            yield Finding(meeting.header,
                          f"the record of {called(meeting)} does not say who took the notes: "
                          f"add `notes` with the note taker's id ({B}, section 4; {T}, "
                          "section 2)",
                          within=meeting.span)


@rule("CP603", "meeting-without-chair", Severity.WARNING,
      "a meeting record with no chair")
def meeting_without_chair(context: Context) -> Iterator[Finding]:
    """A record of a core group that took place with no chair: the meeting names no
    `chair`, and the plan has no `chair` to fall back on.

    Someone has to lead the meeting through the plan; the record says who.

    Source: 002_107d890e8677bac8.txt, section 2: the meeting should "Be chaired by a member
    of the Core Group." 003_53fa38a38afc9856.txt, chair and note taker: "At the beginning
    of each core group members should determine who chairs the meeting and who will take
    the minutes."

    Severity: warning ("should: ... Be chaired by a member of the Core Group",
    002_107d890e8677bac8.txt, section 2).

    Reading: a meeting without its own `chair` is chaired by the plan's `chair`. A
    cancelled meeting, or one dated after today, needs no chair.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        meeting core-group 2026-01-22 { notes jo attended sam jo }

    Passes:
        member sam { name "Sam Patel" role social-worker lead }
        member jo { name "Jo Lee" role health-visitor }
        meeting core-group 2026-01-22 { chair sam notes jo attended sam jo }
    """
    plan = context.plan
    meetings = [meeting for meeting in facts.held_records(plan.meetings, context.today)
                if facts.meeting_chair(plan, meeting) is None]
    if not meetings or unread(context):  # an unreadable top-level `chair` may be the answer
        return
    for meeting in meetings:
        yield Finding(meeting.header,
                      f"the record of {called(meeting)} does not say who chaired it, and the "
                      "plan names no `chair`: add `chair` with the chair's id "
                      f"({T}, section 2; {F}, chair and note taker)",
                      within=meeting.span)


@rule("CP605", "cancelled-without-reason", Severity.WARNING,
      "a cancelled core group with no reason")
def cancelled_without_reason(context: Context) -> Iterator[Finding]:
    """A core group recorded as `cancelled` without the reason in quotes.

    Core groups are cancelled only in exceptional circumstances; the record says what
    they were.

    Source: 004_256d3034f79780c2.txt, arranging and attending core groups: "Core Group
    Meetings should be given absolute professional priority and should only be cancelled
    or re-arranged in 'exceptional circumstances'."

    Severity: warning ("should only be cancelled or re-arranged in 'exceptional
    circumstances'", 004_256d3034f79780c2.txt, arranging and attending core groups).

    Reading: the record says what the exceptional circumstances were; a reason of blank
    text is no reason.

    Fails:
        meeting core-group 2026-02-19 { cancelled }

    Passes:
        meeting core-group 2026-02-19 { cancelled "Snow closed the school; moved to 2026-02-26" }
    """
    for meeting in context.plan.meetings:
        cancelled = meeting.cancelled
        if cancelled is None:
            continue
        if cancelled.why is None or not cancelled.why.value.strip():
            yield Finding(cancelled.span,
                          f"{called(meeting)} was cancelled with no reason: core groups are "
                          "cancelled only in exceptional circumstances, so record them "
                          f'(`cancelled "why"`) ({M})')


RULES = (meeting_without_notes, meeting_without_chair, cancelled_without_reason)

"""Whether the plan was read whole enough to judge what it lacks: a check that rests on
something not recorded (no lead, no core group between two dates) could be misled by a
statement a syntax error hid, or by a record whose date or kind could not be read.

Shared by the rule families; each check that asks says so in its documentation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from cpdsl import model as m
from cpdsl.rules.base import Context
from cpdsl.vocabulary import CONFERENCE_KINDS, MEETING_KINDS


def unread(context: Context, spans: Iterable[m.Span] = ()) -> bool:
    """Whether a syntax error may hide what a plan-wide check looks for: an error inside
    one of `spans` (the blocks the check reads), or an error outside every statement of
    the plan that was read (a whole statement may be lost)."""
    errors = context.syntax_errors
    if not errors:
        return False
    relevant = [span for span in spans if span is not None]
    statements = list(_statement_spans(context.plan))
    for error in errors:
        if any(span.contains(error.line, error.column) for span in relevant):
            return True
        if not any(span.contains(error.line, error.column) for span in statements):
            return True
    return False


def _statement_spans(plan: m.Plan) -> Iterator[m.Span]:
    for field in attrs.fields(m.Plan):
        if field.name in ("span", "header"):
            continue
        value = getattr(plan, field.name)
        for item in value if isinstance(value, tuple) else (value,):
            span = getattr(item, "span", None)
            if span is not None:
                yield span


_KINDS = {m.Meeting: MEETING_KINDS, m.Conference: CONFERENCE_KINDS}


def all_read(*groups) -> bool:
    """Whether every meeting and conference was read whole: a kind cplint knows and a date
    that names a day. One that was not could be the record a check looks for."""
    return all(item.date is not None and item.date.value is not None
               and getattr(item.kind, "text", None) in _KINDS[type(item)]
               for items in groups for item in items)

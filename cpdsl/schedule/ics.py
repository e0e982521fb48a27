"""The schedule as an iCalendar file (RFC 5545, written by the `icalendar` package, which
only `--ics` imports): one all-day event an entry, each with a UID that stays the same
from one run to the next, so that a calendar importing the file again updates its events
rather than adding them twice."""

from __future__ import annotations

import datetime as dt
import hashlib

from cpdsl.citations import for_people
from cpdsl.schedule.event import CANCELLED, Event, one_line

PRODID = "-//cpdsl//cplint schedule//EN"


def uid(plan_id: str, key: str) -> str:
    """An entry's UID: a hash of the plan's identity (its reference, else its file's
    absolute path) and the entry's key, so that no plan text shows in it."""
    digest = hashlib.sha256(f"{plan_id}\n{key}".encode("utf-8")).hexdigest()
    return f"{digest[:32]}@cpdsl"


def calendar(entries: list[Event], plan_id: str, name: str, today: dt.date) -> bytes:
    """The iCalendar file's bytes; the same for the same entries and `today` (DTSTAMP is
    `today`, not the clock)."""
    import icalendar  # slow to import, and only --ics needs it

    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    file = icalendar.Calendar()
    file.add("prodid", PRODID)
    file.add("version", "2.0")
    file.add("x-wr-calname", one_line(name))
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", uid(plan_id, entry.key))
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + dt.timedelta(days=1))
        event.add("summary", f"{one_line(entry.what)} ({entry.status})")
        event.add("description", f"{entry.status}; source: {for_people(one_line(entry.source))}")
        event.add("categories", [entry.kind])
        if entry.status == CANCELLED:
            event.add("status", "CANCELLED")
        file.add_component(event)
    return file.to_ical()

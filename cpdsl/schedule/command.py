"""`cplint schedule PLAN [--ics FILE]`: the plan's dates on standard output, and with
`--ics` as an iCalendar file too."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from cpdsl.exits import EXIT_CLEAN, EXIT_FAILED, EXIT_FINDINGS

if TYPE_CHECKING:
    from cpdsl.model import Plan
    from cpdsl.schedule.event import Event

Write = Callable[[str], None]


def run_schedule(path: str, today: dt.date, ics: str | None, force: bool, out: Write,
                 err: Write) -> int:
    """Print the schedule of the plan at `path` as of `today`, and write it to `ics` if
    given (over a file there only with `force`, never over the plan). 0 when done; 1 when
    the plan has syntax errors (the dates they hide would be missing); 2 when it cannot be
    done: the plan unreadable, its profile unusable, the --ics file refused."""
    from cpdsl.analysis import plan_profile
    from cpdsl.config import ConfigError, ConfigFinder
    from cpdsl.lines import without_bom
    from cpdsl.parsing import parse
    from cpdsl.schedule.events import events
    from cpdsl.schedule.text import listing
    from cpdsl.source import SourceError, read_source

    try:
        text = read_source(path)
        options = ConfigFinder().options_for(path)
    except (SourceError, ConfigError) as error:
        err(f"cplint: {error}\n")
        return EXIT_FAILED
    except OSError as error:
        err(f"cplint: {path}: cannot be read ({error.strerror or error})\n")
        return EXIT_FAILED
    parsed = parse(without_bom(text)[1])
    if parsed.syntax_errors:
        count = len(parsed.syntax_errors)
        err(f"cplint: {path} has {count} syntax error{'s' if count > 1 else ''} "
            "(`cplint check` shows them)\n")
        return EXIT_FINDINGS
    plan, profile = parsed.plan, options.profile
    if profile is None:
        folder = os.path.dirname(os.path.abspath(path))
        profile, problem = plan_profile(plan, folder, options.default_profile)
        if problem is not None:
            err(f"cplint: {path}: its profile cannot be used: {problem}\n")
            return EXIT_FAILED
    entries = events(plan, profile, today)
    if ics is not None:
        code = _write_calendar(path, plan, entries, ics, force, today, err)
        if code != EXIT_CLEAN:
            return code
    out(listing(plan, path, today, entries))
    return EXIT_CLEAN


def _write_calendar(path: str, plan: Plan, entries: list[Event], ics: str, force: bool,
                    today: dt.date, err: Write) -> int:
    """Write the calendar to `ics`; its UIDs are made from the plan's reference, else (with
    a warning: the same plan elsewhere would get other UIDs) from its file's path."""
    from cpdsl.output_files import OutputError, write_output
    from cpdsl.schedule.ics import calendar

    reference = plan.reference.value.strip() if plan.reference is not None else ""
    if not reference:
        err(f"cplint: {path} has no `reference`: the calendar's events are named from the "
            "file's path, so importing the calendar of a copy elsewhere adds them again\n")
    plan_id = reference or os.path.abspath(path)
    name = plan.title.value if plan.title is not None else os.path.basename(path)
    try:
        write_output(ics, calendar(entries, plan_id, name, today), force, plans=(path,))
    except OutputError as error:
        err(f"cplint: {error}\n")
        return EXIT_FAILED
    return EXIT_CLEAN

"""`cplint pack PLAN`: the minutes pack for one core group of a plan."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

from cpdsl.exits import EXIT_CLEAN, EXIT_FAILED

Write = Callable[[str], None]


def run_pack(path: str, meeting: str, today: dt.date, output: str, out: Write,
             err: Write) -> int:
    """Write the pack for the core group `meeting` (`next`: the next after `today`, or a
    date) to `output` (`-`: standard output). 0 when written, 2 when it cannot be (the
    plan unreadable, no such core group, a day that gets no pack)."""
    from cpdsl.analysis import analyse
    from cpdsl.config import ConfigError, ConfigFinder
    from cpdsl.facts.core_groups import next_planned_core_group
    from cpdsl.pack.agenda import NoPack, agenda_for
    from cpdsl.pack.markdown import render_markdown
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
    analysis = analyse(text, today=today, relative_to=os.path.dirname(os.path.abspath(path)),
                       options=options, syntax=False)
    if analysis.syntax_errors:
        count = len(analysis.syntax_errors)
        err(f"cplint: {path} has {count} syntax error{'s' if count > 1 else ''} "
            "(`cplint check` shows them): the pack leaves out what they hide\n")
    plan, profile = analysis.plan, analysis.profile
    if meeting == "next":
        day = next_planned_core_group(plan, profile, today)
        if day is None:
            err(f"cplint: {path}: no core group is recorded or planned on or after {today}; "
                "name one with --meeting YYYY-MM-DD\n")
            return EXIT_FAILED
    else:
        try:
            day = dt.date.fromisoformat(meeting)
        except ValueError:
            err(f"cplint: --meeting must be `next` or a date like 2026-03-19, not {meeting!r}\n")
            return EXIT_FAILED
    agenda = agenda_for(plan, profile, day)
    if isinstance(agenda, NoPack):
        err(f"cplint: {path}: no pack for {day}: {agenda.reason}\n")
        return EXIT_FAILED
    if agenda.warning:
        err(f"cplint: {agenda.warning}\n")
    pack = render_markdown(plan, profile, agenda)
    if output == "-":
        out(pack)
        return EXIT_CLEAN
    if os.path.exists(output) and os.path.samefile(output, path):
        err(f"cplint: {output} is the plan itself: write the pack somewhere else\n")
        return EXIT_FAILED
    try:
        with open(output, "w", encoding="utf-8") as file:
            file.write(pack)
    except OSError as error:
        err(f"cplint: {output}: cannot be written ({error.strerror or error})\n")
        return EXIT_FAILED
    return EXIT_CLEAN

"""`cplint record NOTES.md --into PLAN`: a meeting's filled-in notes read back into the
plan (PACK.md section 3), laid out as `cplint fmt` lays plans out, then linted.

Exit codes (cpdsl.exits): 0 when the plan is written or, with `diff`, the change shown;
1 when the notes do not fit the plan (each problem printed as `NOTES.md:LINE:COL:
message`), the plan has syntax errors, or the plan changed while it was being recorded
(left as the other program made it); 2 when a file cannot be read or written. Nothing is
written on any error: the plan is replaced whole and atomically (cpdsl.writing), or not
at all.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

from cpdsl.exits import EXIT_CLEAN, EXIT_FAILED, EXIT_FINDINGS

Write = Callable[[str], None]


def run_record(notes_path: str, plan_path: str, diff: bool, out: Write, err: Write,
               today: dt.date | None = None) -> int:
    """Record the notes at `notes_path` into the plan at `plan_path` (with `diff`, print
    the change as a unified diff and write nothing). The findings after are counted as of
    `today` (default: today)."""
    from cpdsl.analysis import analyse
    from cpdsl.config import ConfigError, ConfigFinder
    from cpdsl.formatting import format_text
    from cpdsl.notes.into_plan import record_into_plan
    from cpdsl.notes.notes_record import NotesRejected
    from cpdsl.notes.reader import read_notes
    from cpdsl.source import SourceError, decode, read_plan, read_source

    today = today or dt.date.today()
    try:
        notes_text = read_source(notes_path)
        data, status = read_plan(plan_path)
        plan_text = decode(data, plan_path)
        finder = ConfigFinder()
        options = finder.options_for(plan_path)
        line_length = finder.config_for(plan_path).line_length
    except (SourceError, ConfigError) as error:
        err(f"cplint: {error}\n")
        return EXIT_FAILED
    analysis = analyse(plan_text, today=today, options=options,
                       relative_to=os.path.dirname(os.path.abspath(plan_path)))
    if analysis.syntax_errors:
        for error in analysis.syntax_errors:
            err(f"{plan_path}:{error.span.line}:{error.span.column}: {error.code} "
                f"{error.message}\n")
        count = len(analysis.syntax_errors)
        err(f"cplint: {plan_path} has {count} syntax error{'s' if count > 1 else ''}: "
            "nothing recorded (mend the plan first)\n")
        return EXIT_FINDINGS
    try:
        record = read_notes(notes_text, analysis.plan, analysis.profile)
        edited, changes = record_into_plan(record, analysis)
    except NotesRejected as rejected:
        for error in rejected.errors:
            err(f"{notes_path}:{error.line}:{error.column}: {error.message}\n")
        err(f"cplint: nothing recorded into {plan_path}\n")
        return EXIT_FINDINGS
    formatted = format_text(edited, line_length, today=today)
    if not formatted.ok:  # the edits are cplint's: a plan they break is cplint's bug
        why = formatted.problem or "; ".join(e.message for e in formatted.syntax_errors)
        err(f"cplint: {plan_path}: the recorded plan could not be laid out ({why}); nothing "
            "recorded (a bug in cplint record; please report it)\n")
        return EXIT_FAILED
    said = [f"- {c.said}" for c in changes] + _notes_said(record)
    if diff:
        from cpdsl.diffs import unified_diff

        out(unified_diff(plan_text, formatted.text, plan_path))
        err(f"would record the core group on {record.day} into {plan_path}:\n"
            + "".join(f"{line}\n" for line in said))
        return EXIT_CLEAN
    code = _write(plan_path, formatted.text.encode("utf-8"), data, status, err)
    if code != EXIT_CLEAN:
        return code
    after = analysis.again(formatted.text, syntax=False)
    count = len(after.diagnostics)
    out(f"recorded the core group on {record.day} into {plan_path}:\n"
        + "".join(f"{line}\n" for line in said)
        + f"{plan_path}: {count} finding{'' if count == 1 else 's'} after recording"
        + (f" (`cplint check {plan_path}` lists them)\n" if count else "\n"))
    return EXIT_CLEAN


def _notes_said(record) -> list[str]:
    """What the notes left out of the record, said so."""
    lines = []
    if record.no_recommendation is not None:
        lines.append(f"- no recommendation: {record.no_recommendation}")
    if record.minutes_only:
        lines.append("- left in the minutes: " + ", ".join(record.minutes_only))
    return lines


def _write(path: str, data: bytes, old: bytes, status: os.stat_result, err: Write) -> int:
    from cpdsl.writing import ChangedMeanwhile, ChangedTwice, Snapshot, replace_checked

    try:
        replace_checked(path, data, Snapshot.of(old, status))
    except ChangedMeanwhile:
        err(f"cplint: {path}: changed while the notes were being recorded; left as it is "
            "(run cplint record again)\n")
        return EXIT_FINDINGS
    except ChangedTwice:
        err(f"cplint: {path}: changed twice while the notes were being recorded, in the same "
            "instant: check that the changes made then are all there\n")
        return EXIT_FAILED
    except OSError as error:
        err(f"cplint: {path}: cannot be written ({error.strerror or error}); nothing "
            "recorded\n")
        return EXIT_FAILED
    return EXIT_CLEAN

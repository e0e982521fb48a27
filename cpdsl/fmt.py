"""`cplint fmt`: find plans, lay each out anew (cpdsl.formatting), and write, check or diff.

A file is rewritten only when its bytes would change, and only if it is still what was
read (another program may have changed it meanwhile: then it is left as it is), by
cpdsl.writing: atomically, through a temporary file in the same folder that then replaces
the plan, with its permission bits, owner and group; a plan with several hard links is
written in place. An unchanged file is not written at all, so its modification time is
kept. Temporary files left by a killed run are removed by the next run in their folder.

Named pipes, sockets and devices are not plans: skipped under a folder, refused by name.

Exit codes, as for `cplint` (cpdsl.exits):
- 0: every plan is (now) in its canonical layout;
- 1: a plan has syntax errors (printed as `cplint` prints CP100/CP101, the file untouched),
  a plan changed while it was being formatted (left as the other program made it), or,
  with `--check` or `--diff`, a plan would be reformatted;
- 2: cplint could not do its job: a missing, unreadable or non-UTF-8 file, a named pipe or
  the like named as a plan, a bad configuration, a file that cannot be written
  (read-only), or a formatter that failed its own safety check (a bug in cplint, not in
  the plan: the file is left as it was).

Messages (`reformatted x`, `would reformat x`, errors, the summary) go to standard error;
standard output carries only diffs and, for `-`, the formatted text.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

from cpdsl.diffs import unified_diff
from cpdsl.exits import EXIT_CLEAN, EXIT_FAILED, EXIT_FINDINGS
from cpdsl.lint import LintResult

Echo = Callable[[str], None]


class _Counts:
    def __init__(self) -> None:
        self.changed = 0
        self.unchanged = 0
        self.syntax = 0
        self.failed = 0
        self.changed_meanwhile = 0  # by another program, after cplint read it: left so
        self.would_change = False  # with --check or --diff
        self.syntax_results: list[LintResult] = []


class _Settings(NamedTuple):
    check: bool
    diff: bool
    sort: bool
    lengths: dict[str, int]  # each plan's line length
    severities: dict[str, dict]  # each plan's configured severities

    @property
    def dry(self) -> bool:
        return self.check or self.diff


def run_fmt(paths: Sequence[str], *, check: bool = False, diff: bool = False,
            line_length: int | None = None, sort: bool = False,
            stdin_filename: str | None = None, out: Echo, err: Echo) -> int:
    """Format the plans at `paths` (`-`: standard input to standard output); the exit code.
    With `sort`, top-level statements are put in the recommended order.
    `out` and `err` print a piece of text (its own newlines included)."""
    from cpdsl.runner import gather

    started_ns = time.time_ns()  # a temporary file older than this is no run's at work
    files, missing = gather(paths, skipped=lambda note: err(f"cplint: {note}\n"))
    if missing:  # nothing is touched when a path named is not there
        for message in missing:
            err(f"cplint: {message}\n")
        return EXIT_FAILED
    stdin_name = stdin_filename or "<stdin>"
    names = ([stdin_name] if "-" in paths else []) + files
    settings = _configure(names, line_length, check, diff, sort, err)
    if settings is None:
        return EXIT_FAILED
    if not settings.dry:
        _remove_stale_temporaries(files, started_ns, err)
    counts = _Counts()
    if "-" in paths:
        _format_stdin(stdin_name, settings, counts, out, err)
    for path in files:
        _format_file(path, settings, counts, out, err)
    return _finish(counts, settings, bool(files) or "-" not in paths, err)


def _configure(names: list[str], line_length: int | None, check: bool, diff: bool,
               sort: bool, err: Echo) -> _Settings | None:
    """Every plan's configuration first: a bad one stops the run before anything is
    formatted (None, said on `err`)."""
    from cpdsl.config import ConfigError, ConfigFinder

    finder = ConfigFinder()
    try:
        lengths = {name: line_length or finder.config_for(name).line_length for name in names}
        severities = {name: finder.config_for(name).severity for name in names}
    except ConfigError as error:
        err(f"cplint: {error}\n")
        return None
    return _Settings(check, diff, sort, lengths, severities)


def _format_stdin(name: str, settings: _Settings, counts: _Counts, out: Echo,
                  err: Echo) -> None:
    outcome = _format_one(name, sys.stdin.buffer.read(), settings, counts, err)
    if outcome is None:
        return
    old, new = outcome
    if settings.diff:
        out(unified_diff(old, new, name))
    elif not settings.check:
        out(new)
    counts.would_change = counts.would_change or old != new


def _format_file(path: str, settings: _Settings, counts: _Counts, out: Echo,
                 err: Echo) -> None:
    from cpdsl.source import SourceError, read_plan

    try:
        data, status = read_plan(path)
    except SourceError as error:
        counts.failed += 1
        err(f"cplint: {error}\n")
        return
    outcome = _format_one(path, data, settings, counts, err)
    if outcome is None or outcome[0] == outcome[1]:
        return
    old, new = outcome
    if settings.dry:
        counts.would_change = True
        if settings.diff:
            out(unified_diff(old, new, path))
        err(f"would reformat {path}\n")
        return
    _write_one(path, new.encode("utf-8"), data, status, counts, err)


def _finish(counts: _Counts, settings: _Settings, summarise: bool, err: Echo) -> int:
    if counts.syntax_results:
        from cpdsl.report import render_text

        err(render_text(counts.syntax_results))
    if summarise:
        err(_summary(counts, settings.dry) + "\n")
    if counts.failed:
        return EXIT_FAILED
    if counts.syntax or counts.changed_meanwhile or (counts.would_change and settings.dry):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _remove_stale_temporaries(files: list[str], started_ns: int, err: Echo) -> None:
    """Remove what a killed run left in the folders this run may write in, and say so."""
    from cpdsl.writing import folders_written, remove_stale_temporaries

    for message in remove_stale_temporaries(folders_written(files), started_ns):
        err(f"cplint: {message}\n")


def _write_one(path: str, new: bytes, old: bytes, status: os.stat_result, counts: _Counts,
               err: Echo) -> None:
    """Write the reformatted plan `path`, unless it changed since it was read (`old`, when
    it had `status`); report either way."""
    from cpdsl.writing import FORMATTING, write_back

    written, why, failed = write_back(path, new, old, status, FORMATTING)
    if written:
        err(f"reformatted {path}\n")
        return
    counts.changed -= 1
    if failed:
        counts.failed += 1
    else:
        counts.changed_meanwhile += 1
    err(f"cplint: {why}\n")


def _format_one(name: str, data: bytes, settings: _Settings, counts: _Counts,
                err: Echo) -> tuple[str, str] | None:
    """(the text as it is, as it should be), or None when it cannot be formatted (counted
    and reported)."""
    from cpdsl.formatting import format_text
    from cpdsl.source import SourceError, decode

    try:
        plain = decode(data, name)  # the text as cplint reads it: no byte order mark
    except SourceError as error:
        counts.failed += 1
        err(f"cplint: {error}\n")
        return None
    text = data.decode("utf-8")  # with its byte order mark, if any: the formatter drops it
    result = format_text(text, settings.lengths[name], sort=settings.sort)
    if result.syntax_errors:
        counts.syntax += 1
        counts.syntax_results.append(_syntax_result(name, plain, result.syntax_errors,
                                                    settings.severities[name]))
        return None
    if result.problem is not None:
        counts.failed += 1
        err(f"cplint: {name}: {result.problem} (a bug in cplint fmt; please report it)\n")
        return None
    if result.changed:
        counts.changed += 1
    else:
        counts.unchanged += 1
    return text, result.text


def _syntax_result(name: str, text: str, errors, severity: dict) -> LintResult:
    """The syntax errors as `cplint` reports them (at the configuration's severities; they
    are reported even where the configuration turns CP100 off: they stop formatting)."""
    from cpdsl.diagnostics import Diagnostic
    from cpdsl.lint import shown_lines
    from cpdsl.parsing import with_line_feeds
    from cpdsl.rules import RULES_BY_CODE

    rules = [RULES_BY_CODE[e.code] for e in errors]
    diagnostics = tuple(sorted(
        (Diagnostic(e.code, rule.name, severity.get(e.code, rule.severity), e.message, e.span)
         for e, rule in zip(errors, rules, strict=True)), key=lambda d: d.sort_key))
    return LintResult(name, diagnostics, shown_lines(with_line_feeds(text), diagnostics))


def _summary(counts: _Counts, dry: bool) -> str:
    def files(n: int) -> str:
        return f"{n} file{'s' if n != 1 else ''}"

    parts = []
    if counts.changed:
        parts.append(f"{files(counts.changed)} "
                     f"{'would be reformatted' if dry else 'reformatted'}")
    if counts.unchanged:
        parts.append(f"{files(counts.unchanged)} "
                     f"{'would be left unchanged' if dry else 'left unchanged'}")
    if counts.changed_meanwhile:
        left = "left as it is" if counts.changed_meanwhile == 1 else "left as they are"
        parts.append(f"{files(counts.changed_meanwhile)} changed while being formatted ({left})")
    if counts.syntax:
        parts.append(f"{files(counts.syntax)} with syntax errors not formatted")
    if counts.failed:
        parts.append(f"{files(counts.failed)} failed")
    return ", ".join(parts) if parts else "No plans found."

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

With `-j N` the plans are formatted (and written) in up to N processes (cpdsl.runner), each
plan by `format_file`, which returns what is to be printed and counted: the parent prints
it in the order of the paths, so that the output, the exit code and the files are those
of `-j 1`. On a terminal a progress bar shows on standard error, cleared while anything
else is printed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from cpdsl.diffs import unified_diff
from cpdsl.exits import EXIT_CLEAN, EXIT_FAILED, EXIT_FINDINGS
from cpdsl.lint import LintResult

if TYPE_CHECKING:
    from cpdsl.formatting import FormatResult
    from cpdsl.progress import Progress, _NoProgress

    Bar = Progress | _NoProgress

Echo = Callable[[str], None]


class Mode(NamedTuple):
    """What is done with every plan formatted."""

    check: bool = False
    diff: bool = False
    sort: bool = False

    @property
    def dry(self) -> bool:
        return self.check or self.diff


class Job(NamedTuple):
    """One plan to format, as its configuration says (a worker is sent it: it pickles)."""

    path: str
    line_length: int
    severity: dict  # the configured severities, by code, for its syntax errors


class Formatted(NamedTuple):
    """What formatting one plan came to: what is printed for it (`diff` first) and the one
    count it adds to. Only this comes back from a worker: no plan's text but its diff."""

    tally: str  # a count of _Counts: changed, unchanged, syntax, failed or changed_meanwhile
    diff: str = ""  # for standard output (--diff)
    message: str = ""  # for standard error, its own newline included
    syntax: LintResult | None = None  # its syntax errors, reported after every plan
    would_change: bool = False  # with --check or --diff


class _Counts:
    def __init__(self) -> None:
        self.changed = 0
        self.unchanged = 0
        self.syntax = 0
        self.failed = 0
        self.changed_meanwhile = 0  # by another program, after cplint read it: left so
        self.would_change = False  # with --check or --diff
        self.syntax_results: list[LintResult] = []

    def add(self, outcome: Formatted) -> None:
        setattr(self, outcome.tally, getattr(self, outcome.tally) + 1)
        self.would_change = self.would_change or outcome.would_change
        if outcome.syntax is not None:
            self.syntax_results.append(outcome.syntax)


def run_fmt(paths: Sequence[str], *, check: bool = False, diff: bool = False,
            line_length: int | None = None, sort: bool = False,
            stdin_filename: str | None = None, jobs: int | None = None,
            progress: bool = False, out: Echo, err: Echo) -> int:
    """Format the plans at `paths` (`-`: standard input to standard output); the exit code.
    With `sort`, top-level statements are put in the recommended order; in up to `jobs`
    processes (None: one per core, as cpdsl.runner.worker_count allows); with `progress`,
    a progress bar on standard error (the caller knows it is a terminal's). `out` and
    `err` print a piece of text (its own newlines included)."""
    import contextlib

    from cpdsl.runner import gather

    started_ns = time.time_ns()  # a temporary file older than this is no run's at work
    files, missing = gather(paths, skipped=lambda note: err(f"cplint: {note}\n"))
    if missing:  # nothing is touched when a path named is not there
        for message in missing:
            err(f"cplint: {message}\n")
        return EXIT_FAILED
    stdin_name = stdin_filename or "<stdin>"
    names = ([stdin_name] if "-" in paths else []) + files
    configured = _configure(names, line_length, err)
    if configured is None:
        return EXIT_FAILED
    mode = Mode(check, diff, sort)
    if not mode.dry:
        _remove_stale_temporaries(files, started_ns, err)
    counts = _Counts()
    if "-" in paths:
        _format_stdin(configured[0], mode, counts, out, err)
    outcomes = _outcomes(configured[len(names) - len(files):], mode, jobs)
    with contextlib.closing(outcomes), _progress(progress, len(files), err) as bar:
        for outcome in outcomes:  # closed on the way out: an interruption stops the workers
            _report(outcome, counts, bar, out, err)
    return _finish(counts, mode, bool(files) or "-" not in paths, err)


def _configure(names: list[str], line_length: int | None, err: Echo) -> list[Job] | None:
    """Every plan's configuration first: a bad one stops the run before anything is
    formatted (None, said on `err`)."""
    from cpdsl.config import ConfigError, ConfigFinder

    finder = ConfigFinder()
    try:
        return [Job(name, line_length or config.line_length, config.severity)
                for name, config in ((name, finder.config_for(name)) for name in names)]
    except ConfigError as error:
        err(f"cplint: {error}\n")
        return None


def _outcomes(jobs: list[Job], mode: Mode, processes: int | None) -> Iterator[Formatted]:
    """What each plan of `jobs` came to, in their order, formatted in up to `processes`
    processes. A plan met a second time (named twice, or through a link) is formatted
    then, here, once the first is done, as with -j 1: never by two workers at once."""
    import functools

    from cpdsl.processes import in_processes
    from cpdsl.runner import worker_count

    work = functools.partial(format_file, mode=mode)
    count = worker_count(processes, len(jobs))
    if count == 1:
        yield from map(work, jobs)
        return
    from cpdsl.parsing.grammar import get_grammar

    get_grammar()  # loaded once here; forked workers inherit it
    firsts = _first_of_each_file([job.path for job in jobs])
    parallel = in_processes(work, [job for job, first in zip(jobs, firsts) if first], count)
    try:
        for job, first in zip(jobs, firsts, strict=True):
            yield next(parallel) if first else work(job)
        next(parallel, None)  # to its end, where the pool is shut down as usual
    finally:
        parallel.close()  # before the end (interrupted): stops the workers


def _first_of_each_file(paths: list[str]) -> list[bool]:
    """For each path, whether it is the first of `paths` to name its file (by device and
    inode: a symbolic or hard link names the same file). One that cannot be looked at
    counts as a file of its own (reading it will say why)."""
    seen: set[tuple[int, int]] = set()
    firsts = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            firsts.append(True)
            continue
        identity = (status.st_dev, status.st_ino)
        firsts.append(identity not in seen)
        seen.add(identity)
    return firsts


def _progress(shown: bool, total: int, err: Echo) -> Bar:
    """A progress bar on standard error when asked for, else one that shows nothing. The
    messages go to the bar's own stream, so it is cleared before each (shares_screen)."""
    from cpdsl.progress import NO_PROGRESS, Progress

    if not shown or total < 2:
        return NO_PROGRESS
    return Progress(total, "formatted", err, shares_screen=True)


def _report(outcome: Formatted, counts: _Counts, bar: Bar, out: Echo, err: Echo) -> None:
    """Count a plan's outcome and print what it says, the progress bar out of the way."""
    counts.add(outcome)
    if outcome.diff or outcome.message:
        with bar.hidden():
            if outcome.diff:
                out(outcome.diff)
            if outcome.message:
                err(outcome.message)
    bar.step(len(outcome.syntax.diagnostics) if outcome.syntax is not None else 0)


def _format_stdin(job: Job, mode: Mode, counts: _Counts, out: Echo, err: Echo) -> None:
    formatted = _format_data(job, sys.stdin.buffer.read(), mode.sort)
    if isinstance(formatted, Formatted):
        counts.add(formatted)
        if formatted.message:
            err(formatted.message)
        return
    text, result = formatted
    counts.add(Formatted("changed" if result.changed else "unchanged",
                         would_change=result.changed))
    if mode.diff:
        out(unified_diff(text, result.text, job.path))
    elif not mode.check:
        out(result.text)


def format_file(job: Job, mode: Mode) -> Formatted:
    """Format the plan `job` names, and diff or write it as `mode` says: what it came to.
    What a -j worker runs."""
    from cpdsl.source import SourceError, read_plan

    try:
        data, status = read_plan(job.path)
    except SourceError as error:
        return Formatted("failed", message=f"cplint: {error}\n")
    formatted = _format_data(job, data, mode.sort)
    if isinstance(formatted, Formatted):
        return formatted
    text, result = formatted
    if not result.changed:
        return Formatted("unchanged")
    if mode.dry:
        return Formatted("changed", unified_diff(text, result.text, job.path) if mode.diff else "",
                         f"would reformat {job.path}\n", would_change=True)
    return _write_one(job.path, result.text.encode("utf-8"), data, status)


def _format_data(job: Job, data: bytes, sort: bool) -> tuple[str, FormatResult] | Formatted:
    """(the text as it is, its formatting), or what it came to when it cannot be
    formatted."""
    from cpdsl.formatting import format_text
    from cpdsl.source import SourceError, decode

    try:
        plain = decode(data, job.path)  # the text as cplint reads it: no byte order mark
    except SourceError as error:
        return Formatted("failed", message=f"cplint: {error}\n")
    text = data.decode("utf-8")  # with its byte order mark, if any: the formatter drops it
    result = format_text(text, job.line_length, sort=sort)
    if result.syntax_errors:
        return Formatted("syntax", syntax=_syntax_result(job.path, plain, result.syntax_errors,
                                                         job.severity))
    if result.problem is not None:
        return Formatted("failed", message=f"cplint: {job.path}: {result.problem} (a bug in "
                                           "cplint fmt; please report it)\n")
    return text, result


def _write_one(path: str, new: bytes, old: bytes, status: os.stat_result) -> Formatted:
    """Write the reformatted plan `path`, unless it changed since it was read (`old`, when
    it had `status`)."""
    from cpdsl.writing import FORMATTING, write_back

    written, why, failed = write_back(path, new, old, status, FORMATTING)
    if written:
        return Formatted("changed", message=f"reformatted {path}\n")
    return Formatted("failed" if failed else "changed_meanwhile", message=f"cplint: {why}\n")


def _finish(counts: _Counts, mode: Mode, summarise: bool, err: Echo) -> int:
    if counts.syntax_results:
        from cpdsl.report import render_text

        err(render_text(counts.syntax_results))
    if summarise:
        err(_summary(counts, mode.dry) + "\n")
    if counts.failed:
        return EXIT_FAILED
    if counts.syntax or counts.changed_meanwhile or (counts.would_change and mode.dry):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _remove_stale_temporaries(files: list[str], started_ns: int, err: Echo) -> None:
    """Remove what a killed run left in the folders this run may write in, and say so."""
    from cpdsl.writing import folders_written, remove_stale_temporaries

    for message in remove_stale_temporaries(folders_written(files), started_ns):
        err(f"cplint: {message}\n")


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

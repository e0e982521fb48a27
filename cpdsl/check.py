"""`cplint check`: find plans, lint (or fix) each, print the findings, set the exit code.

With `--fix` the safe fixes are applied (`--unsafe-fixes`: all) and the findings left are
reported; `--diff` prints what `--fix` would change and writes nothing. Standard input
(`-`) with `--fix` prints the mended text on standard output, the findings on standard
error. Exit codes: cpdsl.exits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

from cpdsl.exits import EXIT_CLEAN, EXIT_FAILED, EXIT_FINDINGS


class CheckOptions(NamedTuple):
    fmt: str = "text"
    profile_name: str | None = None
    today: dt.date | None = None
    stdin_filename: str | None = None
    jobs: int | None = None
    colour: bool = False
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    show_fixes: bool = False
    statistics: bool = False  # a count per rule instead of the findings
    quiet: bool = False  # the findings only: no summary, no progress bar
    exit_zero: bool = False  # exit 0 with findings (2 still when cplint cannot run)
    output_file: str | None = None  # where the report goes, written when it is whole
    progress: bool = False  # a progress bar on standard error (a terminal's)
    shares_screen: bool = False  # standard output is the same terminal as the bar's


class _Failed(Exception):
    """cplint cannot do its job: the message says why, in one line (exit 2)."""


def run_check(paths: Sequence[str], options: CheckOptions, out: Callable[[str], None],
              err: Callable[[str], None]) -> int:
    """Check the plans at `paths`; the exit code. `out` and `err` print a piece of text
    (its own newlines included). Each file's findings are printed as its result comes,
    in the order of the paths; only counts are kept."""
    from cpdsl.config import ConfigError, ConfigFinder
    from cpdsl.runner import gather, iter_lint_files
    from cpdsl.tally import Tally

    today = options.today or dt.date.today()
    files, failures = gather(paths)
    stdin_name = options.stdin_filename or "<stdin>"
    names = ([stdin_name] if "-" in paths else []) + files  # stdin: its name's folder, or here
    finder = ConfigFinder()
    try:  # every configuration first: a bad one stops the run before anything is linted
        profile = _cli_profile(options.profile_name)
        configured = [finder.options_for(name, profile) for name in names]
    except (ConfigError, _Failed) as error:
        err(f"cplint: {error}\n")
        return EXIT_FAILED
    mode = None
    if options.fix or options.diff:
        from cpdsl.fix_files import FixMode

        mode = FixMode(unsafe=options.unsafe_fixes, write=not options.diff)
    if mode is not None and mode.write:
        _remove_stale_temporaries(files, err)
    help_uri = next(filter(None, (finder.config_for(name).help_uri for name in names)), None)
    stdin_fixed = "-" in paths and mode is not None and not options.diff
    results = iter_lint_files(files, today, options.jobs, configured[-len(files):]
                              if files else [], mode)
    if "-" in paths:
        stdin = _check_stdin(stdin_name, today, configured[0], mode)
        if stdin.error:
            failures.insert(0, stdin.error)
        else:
            results = _first(stdin, results)
    if options.output_file is not None and _is_one_of(options.output_file, files):
        err(f"cplint: {options.output_file} is a plan being checked: write the report "
            "somewhere else\n")
        return EXIT_FAILED
    try:
        sink = _Sink(options, out, err, stdin_fixed)
    except OSError as error:
        err(f"cplint: {options.output_file}: cannot be written ({error.strerror or error})\n")
        return EXIT_FAILED
    tally = Tally(options.unsafe_fixes)
    notes: list[str] = []
    # closing: the workers are stopped here, whatever ends the run (the reader gone, an
    # interruption), not whenever the generator happens to be collected
    with sink, contextlib.closing(results):
        with _progress(options, len(names), err) as progress:
            report = _Report(options, help_uri, sink, failures, err)
            for result in results:
                if result.error:
                    failures.append(result.error)
                if result.error and not result.diagnostics:
                    progress.step(0)
                    continue  # a plan --fix cannot write shows its findings; others just fail
                if result.note:
                    notes.append(result.note)
                tally.add(result)
                report.add(result, progress)
                progress.step(len(result.diagnostics))
        report.finish(tally)  # the bar cleared first: the report's end never lands on it
    for failure in failures:
        err(f"cplint: {failure}\n")
    for note in notes:
        err(f"cplint: {note}\n")
    if failures:
        return EXIT_FAILED
    if options.diff:
        return EXIT_FINDINGS if report.diffs and not options.exit_zero else EXIT_CLEAN
    return EXIT_FINDINGS if tally.failing and not options.exit_zero else EXIT_CLEAN


def _is_one_of(path: str, files: list[str]) -> bool:
    """Whether `path` is (the same file as) one of `files`."""
    import os

    if not os.path.exists(path):
        return False
    return any(os.path.samefile(path, plan) for plan in files if os.path.exists(plan))


def _first(result, rest):
    yield result
    yield from rest


class _Sink:
    """Where the report goes: standard output (with --fix on standard input, standard
    error, since the mended text goes to standard output), or --output-file, written
    under a temporary name and renamed once the report is whole, so that a run cut short
    never leaves a file that looks complete."""

    def __init__(self, options: CheckOptions, out, err, stdin_fixed: bool) -> None:
        self.file = None
        if options.output_file is not None:
            from cpdsl.output_files import AtomicFile

            self.file = AtomicFile(options.output_file, text=True, prefix=".cplint-report-")
            self.write = self.file.write
        else:
            self.write = err if stdin_fixed else out
        self.out = out

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace) -> None:
        if self.file is None:
            return
        if kind is None:
            self.file.commit()
        else:
            self.file.discard()


def _progress(options: CheckOptions, total: int, err):
    """A progress bar on standard error when asked for (a terminal's; not --quiet), else
    one that shows nothing."""
    from cpdsl.progress import NO_PROGRESS, Progress

    if not options.progress or options.quiet or total < 2:
        return NO_PROGRESS
    return Progress(total, "checked", err, options.shares_screen)


class _Report:
    """The findings (or the diffs, or the statistics) written as results come."""

    def __init__(self, options: CheckOptions, help_uri, sink: _Sink, failures, err) -> None:
        from cpdsl.writers import writer_for

        self.options, self.sink, self.failures, self.err = options, sink, failures, err
        self.diffs = self.would_fix = 0  # --diff: files it would change, and findings
        self.fixed: list = []  # --show-fixes: each file mended, its findings left out
        self.started = False
        self.writer = writer_for(options.fmt, sink.write, options.colour and sink.file is None,
                                 help_uri, options.unsafe_fixes, options.quiet)

    def add(self, result, progress) -> None:
        if result.fixed_text is not None and not self.options.diff:
            self.sink.out(result.fixed_text)  # standard input, mended
        if self.options.diff:
            if result.diff:
                self.diffs += 1
                self.would_fix += len(result.fixed)
                with progress.hidden():
                    self.sink.out(result.diff)
            return
        if result.fixed:
            self.fixed.append(result._replace(diagnostics=(), lines=None))
        if self.options.statistics:
            return
        with progress.hidden():
            self._start()
            self.writer.add(result)

    def _start(self) -> None:
        if not self.started:
            self.started = True
            self.writer.start()

    def finish(self, tally) -> None:
        from cpdsl.report import render_fixes, would_fix
        from cpdsl.tally import statistics

        if self.options.diff:
            self.err(would_fix(self.diffs, self.would_fix) + "\n")
            return
        if self.options.statistics:
            self.sink.write(statistics(tally))
            return
        if not self.started and self.failures and not tally.files:
            return  # nothing was linted: only the failures are said
        self._start()
        self.writer.finish(tally)
        if self.options.show_fixes and self.options.fmt in ("text", "concise"):
            self.sink.write(render_fixes(self.fixed))


def _check_stdin(name: str, today: dt.date, options, mode):
    from cpdsl.fix_files import fix_text
    from cpdsl.lint import LintResult, lint_result
    from cpdsl.source import SourceError, decode

    try:
        text = decode(sys.stdin.buffer.read(), name)
    except SourceError as error:
        return LintResult(name, (), error=str(error))
    if mode is None:
        return lint_result(name, text, today, options=options)
    result = fix_text(name, text, today, options, mode)
    if result.fixed_text is None and mode.write:
        result = result._replace(fixed_text=text)  # the text goes on as it came
    return result


def _remove_stale_temporaries(files: list[str], err: Callable[[str], None]) -> None:
    """Remove what a killed run left in the folders this run may write in, and say so."""
    import time

    from cpdsl.writing import folders_written, remove_stale_temporaries

    started_ns = time.time_ns()
    for message in remove_stale_temporaries(folders_written(files), started_ns):
        err(f"cplint: {message}\n")


def _cli_profile(name: str | None):
    """The profile --profile names (a path is relative to the current folder), or None."""
    if name is None:
        return None
    from cpdsl.profile import ProfileError, load_profile
    from cpdsl.selection import profile_severity

    try:
        profile = load_profile(name, ".")
        profile_severity(profile)
    except ProfileError as error:
        raise _Failed(f"--profile: {error}") from None
    return profile

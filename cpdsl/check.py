"""`cplint check`: find plans, lint (or fix) each, print the findings, set the exit code.

With `--fix` the safe fixes are applied (`--unsafe-fixes`: all) and the findings left are
reported; `--diff` prints what `--fix` would change and writes nothing. Standard input
(`-`) with `--fix` prints the mended text on standard output, the findings on standard
error. Exit codes: cpdsl.exits.
"""

from __future__ import annotations

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


class _Failed(Exception):
    """cplint cannot do its job: the message says why, in one line (exit 2)."""


def run_check(paths: Sequence[str], options: CheckOptions, out: Callable[[str], None],
              err: Callable[[str], None]) -> int:
    """Check the plans at `paths`; the exit code. `out` and `err` print a piece of text
    (its own newlines included)."""
    from cpdsl.config import ConfigError, ConfigFinder
    from cpdsl.lint import LintResult
    from cpdsl.runner import gather, lint_files

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
    results: list[LintResult] = []
    if "-" in paths:
        stdin = _check_stdin(stdin_name, today, configured.pop(0), mode)
        if stdin.error:
            failures.insert(0, stdin.error)
        else:
            results.append(stdin)
    for result in lint_files(files, today, options.jobs, configured, mode):
        if result.error:
            failures.append(result.error)
        if not result.error or result.diagnostics:  # a plan --fix cannot write: its findings
            results.append(result)
    help_uri = next(filter(None, (finder.config_for(name).help_uri for name in names)), None)
    if options.diff:
        _print_diffs(results, out, err)
    else:
        _print_findings(results, failures, options, help_uri, "-" in paths and mode, out, err)
    for failure in failures:
        err(f"cplint: {failure}\n")
    for result in results:
        if result.note:
            err(f"cplint: {result.note}\n")
    if failures:
        return EXIT_FAILED
    if options.diff:
        return EXIT_FINDINGS if any(r.diff for r in results) else EXIT_CLEAN
    return EXIT_FINDINGS if _failing(results) else EXIT_CLEAN


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


def _print_findings(results, failures, options: CheckOptions, help_uri, stdin_fixed,
                    out, err) -> None:
    from cpdsl.report import render, render_fixes

    if stdin_fixed:
        out(results[0].fixed_text or "")
        out = err  # the text goes to standard output; the findings go beside it
    if results or not failures:
        output = render(results, options.fmt, options.colour, help_uri=help_uri,
                        unsafe=options.unsafe_fixes)
        out(output)
        if options.show_fixes and options.fmt in ("text", "concise"):
            out(render_fixes(results))


def _print_diffs(results, out, err) -> None:
    from cpdsl.report import would_fix

    for result in results:
        if result.diff:
            out(result.diff)
    err(would_fix(results) + "\n")


def _failing(results) -> bool:
    from cpdsl.selection import RANK

    return any(r.note for r in results) or any(
        RANK[d.severity] >= RANK[r.fail_on] for r in results for d in r.diagnostics)


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

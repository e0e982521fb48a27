"""`cplint fmt`: find plans, lay each out anew (cpdsl.formatting), and write, check or diff.

A file is rewritten only when its bytes would change, and only if it is still what was
read (another program may have changed it meanwhile: then it is left as it is), by
cpdsl.writing: atomically, through a temporary file in the same folder that then replaces
the plan, with its permission bits, owner and group; a plan with several hard links is
written in place. An unchanged file is not written at all, so its modification time is
kept. Temporary files left by a killed run are removed by the next run in their folder.

Named pipes, sockets and devices are not plans: skipped under a folder, refused by name.

Exit codes, as for `cplint`:
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

import difflib
import os
import sys
import time
from collections.abc import Callable, Sequence

from cpdsl.lint import LintResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2


class _Counts:
    def __init__(self) -> None:
        self.changed = 0
        self.unchanged = 0
        self.syntax = 0
        self.failed = 0
        self.changed_meanwhile = 0  # by another program, after cplint read it: left so


def run_fmt(paths: Sequence[str], *, check: bool = False, diff: bool = False,
            line_length: int | None = None, sort: bool = False,
            stdin_filename: str | None = None,
            out: Callable[[str], None], err: Callable[[str], None]) -> int:
    """Format the plans at `paths` (`-`: standard input to standard output); the exit code.
    With `sort`, top-level statements are put in the recommended order.
    `out` and `err` print a piece of text (its own newlines included)."""
    from cpdsl.config import ConfigError, ConfigFinder
    from cpdsl.runner import find_plans
    from cpdsl.source import SourceError, read_plan

    started_ns = time.time_ns()  # a temporary file older than this is no run's at work
    files: list[str] = []
    missing: list[str] = []
    for path in paths:
        if path != "-":
            for found in find_plans([path], skipped=lambda note: err(f"cplint: {note}\n")):
                if isinstance(found, SourceError):
                    missing.append(str(found))
                else:
                    files.append(found)
    if missing:  # nothing is touched when a path named is not there
        for message in missing:
            err(f"cplint: {message}\n")
        return EXIT_FAILED
    stdin_name = stdin_filename or "<stdin>"
    finder = ConfigFinder()
    try:  # every configuration first: a bad one stops the run before anything is formatted
        names = ([stdin_name] if "-" in paths else []) + files
        lengths = {name: line_length or finder.config_for(name).line_length for name in names}
        severities = {name: finder.config_for(name).severity for name in names}
    except ConfigError as error:
        err(f"cplint: {error}\n")
        return EXIT_FAILED

    if not (check or diff):
        _remove_stale_temporaries(files, started_ns, err)
    counts = _Counts()
    syntax_results: list[LintResult] = []
    would_change = False
    if "-" in paths:
        data = sys.stdin.buffer.read()
        outcome = _format_one(stdin_name, data, lengths[stdin_name], severities[stdin_name],
                              sort, counts, syntax_results, err)
        if outcome is not None:
            old, new = outcome
            if diff:
                out(unified_diff(old, new, stdin_name))
            elif not check:
                out(new)
            would_change = would_change or old != new
    for path in files:
        try:
            data, status = read_plan(path)
        except SourceError as error:
            counts.failed += 1
            err(f"cplint: {error}\n")
            continue
        outcome = _format_one(path, data, lengths[path], severities[path], sort, counts,
                              syntax_results, err)
        if outcome is None:
            continue
        old, new = outcome
        if old == new:
            continue
        if check or diff:
            would_change = True
            if diff:
                out(unified_diff(old, new, path))
            err(f"would reformat {path}\n")
            continue
        _write_one(path, new.encode("utf-8"), data, status, counts, err)

    if syntax_results:
        from cpdsl.report import render_text

        err(render_text(syntax_results))
    if files or "-" not in paths:
        err(_summary(counts, check or diff) + "\n")
    if counts.failed:
        return EXIT_FAILED
    if counts.syntax or counts.changed_meanwhile or (would_change and (check or diff)):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _remove_stale_temporaries(files: list[str], started_ns: int,
                              err: Callable[[str], None]) -> None:
    """Remove what a killed run left in the folders this run may write in, and say so."""
    from cpdsl.writing import remove_stale_temporaries

    for message in remove_stale_temporaries(_folders_written(files), started_ns):
        err(f"cplint: {message}\n")


def _folders_written(files: list[str]) -> list[str]:
    """The folders the plans `files` are written in (a linked plan's, its target's), each
    once, named as the user named them where that is the same folder."""
    folders: dict[str, str] = {}
    for path in files:
        named = os.path.dirname(path)
        real = os.path.dirname(os.path.realpath(path))
        folders.setdefault(real, named if os.path.realpath(named or ".") == real else real)
    return list(folders.values())


def _write_one(path: str, new: bytes, old: bytes, status: os.stat_result, counts: _Counts,
               err: Callable[[str], None]) -> None:
    """Write the reformatted plan `path`, unless it changed since it was read (`old`, when
    it had `status`); report either way."""
    from cpdsl.writing import ChangedMeanwhile, ChangedTwice, Snapshot, replace_checked

    try:
        replace_checked(path, new, Snapshot.of(old, status))
    except ChangedMeanwhile:
        counts.changed -= 1
        counts.changed_meanwhile += 1
        err(f"cplint: {path}: changed while it was being formatted; left as it is "
            "(run cplint fmt again)\n")
    except ChangedTwice:
        counts.changed -= 1
        counts.failed += 1
        err(f"cplint: {path}: changed twice while it was being formatted, in the same "
            "instant: check that the changes made then are all there\n")
    except OSError as error:
        counts.changed -= 1
        counts.failed += 1
        err(f"cplint: {path}: needs reformatting but cannot be written "
            f"({error.strerror or error})\n")
    else:
        err(f"reformatted {path}\n")


def _format_one(name: str, data: bytes, line_length: int, severity: dict, sort: bool,
                counts: _Counts,
                syntax_results: list[LintResult],
                err: Callable[[str], None]) -> tuple[str, str] | None:
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
    result = format_text(text, line_length, sort=True) if sort else format_text(text, line_length)
    if result.syntax_errors:
        counts.syntax += 1
        syntax_results.append(_syntax_result(name, plain, result.syntax_errors, severity))
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


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff from the text as it is to the text as it should be; headers as git
    writes them (`a/tmp/x.cp` for /tmp/x.cp, not `a//tmp/x.cp`)."""
    lines = []
    shown = name.lstrip("/")
    for line in difflib.unified_diff(old.splitlines(keepends=True),
                                     new.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"):
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)

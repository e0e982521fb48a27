"""Lint (or fix) many files: find them, read them, and share them out over processes."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from cpdsl.config import DEFAULT_OPTIONS, LintOptions
from cpdsl.lint import LintResult, lint_result
from cpdsl.source import SourceError, not_a_plan, read_source, why_unreadable

if TYPE_CHECKING:
    from cpdsl.fix_files import FixMode

# Below this many files, starting processes costs more than it saves.
_MIN_FILES_PER_PROCESS = 8
# However many are asked for: each process holds the grammar and its share of the plans.
MAX_JOBS = 64


def find_plans(paths: Iterable[str],
               skipped: Callable[[str], None] | None = None) -> Iterator[str | SourceError]:
    """Each file named, and every `*.cp` under each directory named (hidden ones skipped).

    A named pipe, a socket or a device is not a plan, and is never opened (a named pipe
    would block): under a directory it is skipped, and `skipped` is given a note saying so
    (by default, printed on standard error); named, it is a SourceError, as a missing file
    is."""
    note = skipped or _note_on_stderr
    for path in paths:
        if os.path.isdir(path):
            yield from _plans_under(path, note)
        else:
            yield _named_plan(path)


def _plans_under(folder: str, note: Callable[[str], None]) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".cp"):
                path = os.path.join(root, name)
                kind = _not_a_plan_at(path)
                if kind is None:
                    yield path
                else:
                    note(f"{path}: skipped: {kind}, not a plan file")


def _not_a_plan_at(path: str) -> str | None:
    try:
        return not_a_plan(os.stat(path).st_mode)
    except OSError:  # a broken link, say: reading it will say why, as for any plan
        return None


def _named_plan(path: str) -> str | SourceError:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return SourceError(f"{path}: a symbolic link to a missing file")
        return SourceError(f"{path}: no such file or directory")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return SourceError(f"{path}: a symbolic link loop")
        return SourceError(why_unreadable(path, error))
    kind = not_a_plan(mode)
    return path if kind is None else SourceError(f"{path}: {kind}, not a plan file")


def gather(paths: Iterable[str],
           skipped: Callable[[str], None] | None = None) -> tuple[list[str], list[str]]:
    """The plan files at `paths` (`-`, standard input, is left to the caller), and a
    message for each path that is not there or cannot be a plan."""
    files: list[str] = []
    failures: list[str] = []
    for path in paths:
        if path == "-":
            continue
        for found in find_plans([path], skipped):
            if isinstance(found, SourceError):
                failures.append(str(found))
            else:
                files.append(found)
    return files, failures


def _note_on_stderr(message: str) -> None:
    sys.stderr.write(f"cplint: {message}\n")


def available_cores() -> int:
    """The cores this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def worker_count(requested: int | None, files: int) -> int:
    """How many processes to lint `files` files in, for `-j requested` (None: one per core):
    never more than the cores, MAX_JOBS, or one per _MIN_FILES_PER_PROCESS files."""
    cores = available_cores()
    return max(1, min(requested or cores, cores, MAX_JOBS, files // _MIN_FILES_PER_PROCESS))


def lint_file(path: str, today: dt.date, options: LintOptions = DEFAULT_OPTIONS) -> LintResult:
    try:
        text = read_source(path)
    except SourceError as error:
        return LintResult(path, (), error=str(error))
    return lint_result(path, text, today, options=options)


def _lint_one(work: tuple[str, LintOptions], today: dt.date,
              fix: FixMode | None = None) -> LintResult:
    path, options = work
    if fix is None:
        return lint_file(path, today, options)
    from cpdsl.fix_files import fix_file

    return fix_file(path, today, options, fix)


def lint_files(paths: list[str], today: dt.date, jobs: int | None = None,
               options: list[LintOptions] | None = None,
               fix: FixMode | None = None) -> list[LintResult]:
    """Every result at once, in the order of `paths` (iter_lint_files says more)."""
    return list(iter_lint_files(paths, today, jobs, options, fix))


def iter_lint_files(paths: list[str], today: dt.date, jobs: int | None = None,
                    options: list[LintOptions] | None = None,
                    fix: FixMode | None = None) -> Iterator[LintResult]:
    """Results one by one as they are ready, in the order of `paths`, each linted with its
    `options` (what its configuration decides), and mended as `fix` says
    (cpdsl.fix_files); in up to `jobs` processes (None: one per core), as many as
    worker_count allows. The plans are sent out in small chunks, so that results come
    back from the start of the run, and none is held longer than it takes to print it."""
    work = list(zip(paths, options or [DEFAULT_OPTIONS] * len(paths), strict=True))
    jobs = worker_count(jobs, len(work))
    from cpdsl.processes import collecting_less, in_processes  # runs over several plans

    if jobs == 1:
        with collecting_less(len(work) >= _MIN_FILES_PER_PROCESS):
            for item in work:
                yield _lint_one(item, today, fix)
        return
    import functools

    from cpdsl.parsing.grammar import get_grammar

    get_grammar()  # loaded once here; forked workers inherit it
    yield from in_processes(functools.partial(_lint_one, today=today, fix=fix), work, jobs)

"""Lint many files: find them, read them, and share them out over processes."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator

from cpdsl.config import DEFAULT_OPTIONS, LintOptions
from cpdsl.lint import LintResult, lint_result
from cpdsl.source import SourceError, read_source

# Below this many files, starting processes costs more than it saves.
_MIN_FILES_PER_PROCESS = 8


def find_plans(paths: Iterable[str]) -> Iterator[str | SourceError]:
    """Each file named, and every `*.cp` under each directory named (hidden ones skipped)."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(".cp"):
                        yield os.path.join(root, name)
        elif os.path.exists(path):
            yield path
        else:
            yield SourceError(f"{path}: no such file or directory")


def lint_file(path: str, today: dt.date, options: LintOptions = DEFAULT_OPTIONS) -> LintResult:
    try:
        text = read_source(path)
    except SourceError as error:
        return LintResult(path, (), error=str(error))
    return lint_result(path, text, today, options=options)


def _lint_batch(batch: list[tuple[str, LintOptions]], today: dt.date) -> list[LintResult]:
    return [lint_file(path, today, options) for path, options in batch]


def lint_files(paths: list[str], today: dt.date, jobs: int,
               options: list[LintOptions] | None = None) -> list[LintResult]:
    """Results in the order of `paths`, each linted with its `options` (what its
    configuration decides); with `jobs` > 1, in that many processes."""
    work = list(zip(paths, options or [DEFAULT_OPTIONS] * len(paths), strict=True))
    jobs = max(1, min(jobs, len(work) // _MIN_FILES_PER_PROCESS))
    if jobs == 1:
        return _lint_batch(work, today)
    from concurrent.futures import ProcessPoolExecutor  # only when working in parallel

    from cpdsl.parsing.grammar import get_grammar

    get_grammar()  # loaded once here; forked workers inherit it
    batches = [work[i::jobs * 4] for i in range(jobs * 4)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        done = list(pool.map(_lint_batch, batches, [today] * len(batches)))
    by_path: dict[int, LintResult] = {}
    for i, batch_results in enumerate(done):
        for j, result in enumerate(batch_results):
            by_path[i + j * jobs * 4] = result
    return [by_path[i] for i in range(len(paths))]

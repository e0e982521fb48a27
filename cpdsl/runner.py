"""Lint (or fix) many files: find them, read them, and share them out over processes."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from cpdsl.config import DEFAULT_OPTIONS, LintOptions
from cpdsl.lint import LintResult, lint_result
from cpdsl.source import SourceError, not_a_plan, read_source, why_unreadable

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from cpdsl.fix_files import FixMode

T = TypeVar("T")
R = TypeVar("R")

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
    if jobs == 1:
        with _collecting_less(len(work) >= _MIN_FILES_PER_PROCESS):
            for item in work:
                yield _lint_one(item, today, fix)
        return
    import functools

    from cpdsl.parsing.grammar import get_grammar

    get_grammar()  # loaded once here; forked workers inherit it
    yield from in_processes(functools.partial(_lint_one, today=today, fix=fix), work, jobs)


def in_processes(function: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """`function` of each of `items`, yielded one by one as they are ready, in the order of
    `items`, worked out in `jobs` processes (how many, worker_count decides). `function` and
    the items must pickle; what is loaded before the first result is asked for (the
    grammar), forked workers inherit. The items go out in small chunks, so that results
    come back from the start of the run. Interrupted, or closed by the caller before the
    end, it stops the workers (_stop_workers): a plan being written is finished or left as
    it was. At most _CHUNKS_OUT chunks a worker are out at a time, so that what the run
    holds for the work in hand does not grow with the number of items."""
    import collections
    from concurrent.futures import ProcessPoolExecutor  # only when working in parallel

    size = _chunk_size(len(items), jobs)
    chunks = (items[start:start + size] for start in range(0, len(items), size))
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                               initargs=(os.getpid(),))
    try:
        out = collections.deque(pool.submit(_run_chunk, function, chunk) for chunk in
                                itertools.islice(chunks, jobs * _CHUNKS_OUT))
        while out:
            done = out.popleft().result()
            for chunk in itertools.islice(chunks, 1):
                out.append(pool.submit(_run_chunk, function, chunk))
            yield from done
    except BaseException:  # interrupted (or the caller stopped): stop now
        _stop_workers(pool)
        raise
    pool.shutdown()


def _run_chunk(function: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    return [_as_task(function, item) for item in chunk]


_CHUNKS_OUT = 16  # a worker's chunks in hand or queued, at the most


def _chunk_size(files: int, jobs: int) -> int:
    """Plans per message to a worker: enough to keep the cost of sending them small, few
    enough that the first results come back soon and the work ends evenly."""
    return max(1, min(_MAX_CHUNK, files // (jobs * 16)))


_MAX_CHUNK = 32


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Interrupted: cancel what has not started and pass the interruption on to each
    worker (SIGTERM), waiting a moment for them: a plan a worker is writing is then
    finished or left as it was, its temporary file removed. Left to die with the run,
    they would be killed mid-write (end_with_parent) and leave the file behind."""
    import signal
    import time

    workers = list(getattr(pool, "_processes", None) or {})  # pids; private, but stable
    pool.shutdown(wait=False, cancel_futures=True)
    for pid in workers:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 5
    for pid in workers:
        while time.monotonic() < deadline:
            try:
                if os.waitpid(pid, os.WNOHANG) != (0, 0):
                    break
            except ChildProcessError:
                break
            time.sleep(0.01)


@contextlib.contextmanager
def _collecting_less(wanted: bool) -> Iterator[None]:
    """Many plans in this process: the collector set as a worker's is (_start_worker),
    and put back after."""
    if not wanted:
        yield
        return
    import gc

    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(_WORKER_GC_THRESHOLD, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


_busy = False  # in a worker: whether it is working on a task (a plan) now


def _as_task(function: Callable[[T], R], item: T) -> R:
    """One task in a worker, marked busy while it runs (see _worker_interrupted)."""
    global _busy
    _busy = True
    try:
        return function(item)
    finally:
        _busy = False


def _worker_interrupted(signum: int, frame: object) -> None:
    """SIGINT or SIGTERM in a worker. Busy, the task is interrupted as the run would be
    (a plan being written is finished or left as it was; its temporary file goes); idle,
    the worker just ends, rather than print the pool's traceback of an interruption."""
    import signal

    for each in (signal.SIGINT, signal.SIGTERM):  # the clean-up is not cut short
        signal.signal(each, _ignored)
    if not _busy:
        os._exit(128 + signum)
    from cpdsl.writing import Interrupted

    raise Interrupted(signum)


def _ignored(signum: int, frame: object) -> None:
    """A handler that does nothing (not SIG_IGN, which Python may refuse in a race)."""


def _start_worker(parent: int) -> None:
    """In a worker, once: end with the run (end_with_parent), take interruptions as a
    worker should (_worker_interrupted), and keep the cyclic garbage collector off what
    the worker inherited and out of each plan's way."""
    import gc
    import signal

    end_with_parent(parent)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _worker_interrupted)
    # The grammar, its tables and the modules, inherited from the parent, live as long as
    # the worker: frozen, the collector never visits them (nor, touching them, copies
    # their pages). A plan's analysis makes tens of thousands of objects but no cycles to
    # speak of, and is dropped once its result is sent: with the default threshold (700)
    # it would set off dozens of collections a plan.
    gc.freeze()
    gc.set_threshold(_WORKER_GC_THRESHOLD, 50, 100)


_WORKER_GC_THRESHOLD = 10_000  # as the language server has it (lsp/cpdsl_lsp/server.py)


def end_with_parent(parent: int) -> None:
    """In a worker: end when the run that started it ends, even killed (SIGKILL gives it
    no chance to end its workers, which would go on mending plans, then wait for ever).
    On Linux the kernel sends SIGKILL when the parent dies (not SIGTERM: the worker has the
    parent's handler for it, which the pool would catch as one more failed task); elsewhere
    a thread watches. A plan being written then is left whole: it is replaced atomically,
    and the next run removes the temporary file."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)

"""Work shared out over processes, for runs over many plans (cplint check, cplint fmt):
the pool fed a few chunks at a time, its workers set up to end with the run and to take
an interruption cleanly, and the garbage collector set for many plans in one process."""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")


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
def collecting_less(wanted: bool) -> Iterator[None]:
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
    (a plan being written is finished or left as it was; its temporary file goes). Idle,
    it is let be: the run, stopping, shuts the pool down and the worker ends when told.
    (Neither ending it here, which could cut a result short in the pipe and leave the
    pool waiting for ever, nor raising, which prints the pool's traceback.)"""
    import signal

    if not _busy:
        return
    for each in (signal.SIGINT, signal.SIGTERM):  # the clean-up is not cut short
        signal.signal(each, _ignored)
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

"""Plans too large to analyse on the server's event loop: analysed in a worker process,
so that a 20 MB document, or one with a line of a million characters, never stops the
server answering (the editor's other documents, a cancel, a shutdown).

One job at a time per document: while one runs, edits only mark the document; when it
ends, a result for a version that is no longer current is dropped and the newest text
analysed instead. Such a document gets diagnostics only (no hover, completion or outline).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

from cpdsl.analysis import analyse
from cpdsl.diagnostics import Diagnostic

from cpdsl_lsp.judging import Judging


def diagnostics_of(text: str, judging: Judging) -> tuple[Diagnostic, ...]:
    """In the worker: the findings of a text (no syntax tree: nothing else is asked)."""
    return analyse(text, today=judging.today, relative_to=judging.relative_to,
                   options=judging.options, syntax=False).diagnostics


class LargeDocuments:
    """The worker and the job of each large document."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._running: dict[str, Future] = {}
        self._again: set[str] = set()

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing

            from cpdsl.processes import end_with_parent

            # spawn, not fork: the server has threads (pygls reads stdin in one)
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=end_with_parent, initargs=(os.getpid(),))
        return self._pool

    def analyse(self, key: str, text: str, judging: Judging,
                done: Callable[[tuple[Diagnostic, ...] | None], None]) -> None:
        """Analyse `text` in the worker, then call `done` on the event loop with its
        findings (None when the worker failed); if a job for the document is running,
        `done` is called for the newest text once it ends (via `resubmit`)."""
        if key in self._running:
            self._again.add(key)
            return
        loop = asyncio.get_running_loop()
        job = self._workers().submit(diagnostics_of, text, judging)
        self._running[key] = job

        def finished(job: Future) -> None:
            error = job.exception()
            found = None if error is not None else job.result()
            loop.call_soon_threadsafe(self._finish, key, found, done)

        job.add_done_callback(finished)

    def _finish(self, key: str, found, done) -> None:
        self._running.pop(key, None)
        done(found)

    def wanted_again(self, key: str) -> bool:
        """Whether the text changed while its job ran (the caller submits the newest)."""
        if key in self._again:
            self._again.discard(key)
            return True
        return False

    def forget(self, key: str) -> None:
        self._again.discard(key)
        job = self._running.pop(key, None)
        if job is not None:
            job.cancel()

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

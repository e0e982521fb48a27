"""A progress bar on standard error, for runs long enough to want one: files done of
all, findings so far, the rate and the time left, redrawn at most ten times a second and
only once the run has taken a second (a short run never shows one). It is cleared
before anything else is printed, and drawn again after.

Shown only where the caller says the terminal can take it (stderr a terminal, TERM not
`dumb`, not --quiet): cpdsl.cli decides. No library: a line of text and a carriage
return are all it needs, and nothing is imported for it on runs that show none.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator

DELAY = 1.0  # seconds before the bar first shows
INTERVAL = 0.1  # seconds between redraws
CLEAR = "\r\033[K"  # back to the line's start, and the line cleared


class Progress:
    def __init__(self, total: int, done_word: str, write: Callable[[str], None],
                 shares_screen: bool = True,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """`shares_screen`: what else is printed goes to the same terminal (standard
        output is one too), so the bar is cleared before it."""
        self.total, self.done_word, self.write, self.clock = total, done_word, write, clock
        self.shares_screen = shares_screen
        self.started = clock()
        self.done = self.findings = 0
        self.drawn = False
        self.last = 0.0

    def step(self, findings: int) -> None:
        """One more file done, with its findings."""
        self.done += 1
        self.findings += findings
        now = self.clock()
        if now - self.started >= DELAY and (not self.drawn or now - self.last >= INTERVAL):
            self._draw(now)

    @contextlib.contextmanager
    def hidden(self) -> Iterator[None]:
        """Print something else: the bar is cleared first and drawn again after."""
        if not self.drawn or not self.shares_screen:
            yield
            return
        self.write(CLEAR)
        self.drawn = False
        try:
            yield
        finally:
            self._draw(self.clock())

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self.drawn:
            self.write(CLEAR)
            self.drawn = False

    def line(self, now: float) -> str:
        """`checked 1,200/10,000 files · 345 findings · 480 files/s · 18 s left`."""
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        return (f"{self.done_word} {self.done:,}/{self.total:,} files · {self.findings:,} "
                f"finding{'' if self.findings == 1 else 's'} · {rate:,.0f} files/s · "
                f"{_duration(left)} left")

    def _draw(self, now: float) -> None:
        self.write(CLEAR + self.line(now))
        self.drawn = True
        self.last = now


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s"


class _NoProgress:
    """Shows nothing."""

    def step(self, findings: int) -> None:
        pass

    @contextlib.contextmanager
    def hidden(self) -> Iterator[None]:
        yield

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc) -> None:
        pass


NO_PROGRESS = _NoProgress()

"""The open documents: each one's text, version, piece cache and one memoised analysis, and
the coalescing of edits into as few analyses as the typing allows.

An edit only stores the text and, unless the document's analysis is already scheduled,
schedules it; the scheduled run reads the newest text when it runs. However fast the
client sends changes, there is at most one analysis waiting per document (never one per
keystroke: diagnostics would trail the typing). Everything runs on the server's event
loop, one thing at a time, so no state here needs a lock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from urllib.parse import unquote

from cpdsl.analysis import Analysis
from cpdsl.lines import without_bom
from cpdsl.parsing import PieceCache

from cpdsl_lsp.positions import PositionMap


class DocumentState:
    """One open document."""

    __slots__ = ("uri", "version", "text", "bom", "cache", "_analysis", "_key", "has_trees")

    def __init__(self, uri: str, text: str, version: int | None) -> None:
        self.uri = uri  # exactly as the client sent it: answers use the client's own string
        self.cache = PieceCache()
        self._analysis: Analysis | None = None
        self._key: tuple | None = None
        self.has_trees = False  # the cache holds the pieces' parse trees
        self.update(text, version)

    def update(self, text: str, version: int | None) -> None:
        bom, self.text = without_bom(text)
        self.bom = bool(bom)
        self.version = version

    def analysis(self, analyse: Callable[[DocumentState], Analysis], generation: int) -> Analysis:
        """The analysis of the current text, made once per version and settings
        generation (whoever asks first makes it: the diagnostics or a request)."""
        key = (self.version, self.text if self.version is None else None, generation)
        if self._analysis is None or self._key != key:
            self._analysis = analyse(self)
            self._key = key
            self.cache.trim()  # what this text needs, not every version typed
            self.has_trees = True
        return self._analysis

    def positions(self, analysis: Analysis, encoding: str) -> PositionMap:
        return PositionMap(analysis.text, encoding, self.bom, analysis.lines)


def uri_key(uri: str) -> str:
    """A document's key: its URI percent-decoded, as pygls 2.1 keys them (VS Code sends
    `file:///c%3A/...` on Windows where others send `file:///c:/...`)."""
    return unquote(uri)


class Documents:
    """Open documents by URI, and the analyses scheduled for them."""

    # Documents whose pieces' parse trees stay cached: those most recently analysed. The
    # trees are half of a document's memory and serve only its next edits.
    KEEP_TREES = 3

    def __init__(self) -> None:
        self._open: dict[str, DocumentState] = {}
        self._scheduled: dict[str, asyncio.Handle] = {}
        self._recent: list[str] = []  # keys, the most recently analysed first

    def get(self, uri: str) -> DocumentState | None:
        return self._open.get(uri_key(uri))

    def __iter__(self):
        return iter(list(self._open.values()))

    def open(self, uri: str, text: str, version: int | None) -> DocumentState:
        state = self._open.get(uri_key(uri))
        if state is None:
            state = self._open[uri_key(uri)] = DocumentState(uri, text, version)
        else:
            state.update(text, version)
        return state

    def change(self, uri: str, text: str, version: int | None) -> DocumentState:
        return self.open(uri, text, version)

    def analysed(self, state: DocumentState) -> None:
        """`state` was just asked for its analysis: the documents analysed longest ago
        let their parse trees go."""
        key = uri_key(state.uri)
        if self._recent[:1] == [key]:
            return
        if key in self._recent:
            self._recent.remove(key)
        self._recent.insert(0, key)
        for older in self._recent[self.KEEP_TREES:]:
            other = self._open.get(older)
            if other is not None and other.has_trees:
                other.cache.release_trees()
                other.has_trees = False
        del self._recent[self.KEEP_TREES * 4:]

    def close(self, uri: str) -> None:
        key = uri_key(uri)
        if key in self._recent:
            self._recent.remove(key)
        self._open.pop(uri_key(uri), None)
        handle = self._scheduled.pop(uri_key(uri), None)
        if handle is not None:
            handle.cancel()

    def schedule(self, uri: str, run: Callable[[str], None], delay: float = 0.0) -> None:
        """Run `run(uri)` once, after `delay` seconds, unless a run is already waiting:
        that one will read the newest text."""
        key = uri_key(uri)
        if key in self._scheduled:
            return
        loop = asyncio.get_running_loop()

        def fire() -> None:
            self._scheduled.pop(key, None)
            if key in self._open:
                run(uri)

        self._scheduled[key] = loop.call_later(delay, fire)

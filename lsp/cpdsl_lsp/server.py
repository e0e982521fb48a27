"""The cplint language server (`cplint lsp`): the server, its state and diagnostics.

Its handlers are registered from cpdsl_lsp.lifecycle (start, settings, configuration
files, the workspace's plans), cpdsl_lsp.sync (documents opened, changed, saved and
closed; pulled diagnostics), cpdsl_lsp.editing (code actions, formatting, commands) and
cpdsl_lsp.features (hover, completion, navigation, outline...). pygls is imported by
these modules only, and they only by `cplint lsp`. Handlers are thin: each finds the document, reads its
one memoised analysis (cpdsl_lsp.documents) and converts what a library function answers
(cpdsl_lsp.convert). Plain `def` handlers run on the event loop in message order, and so
does every analysis: the piece cache is not thread-safe and threads would bring no speed.
A handler that fails logs the failure and answers empty; the server never goes down for
one plan.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
import os

from lsprotocol import types as t
from pygls.exceptions import JsonRpcException, JsonRpcMethodNotFound
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from cpdsl import __version__
from cpdsl.analysis import Analysis, analyse
from cpdsl.config import ConfigFinder
from cpdsl.profile import forget_profiles

from cpdsl_lsp import caseload
from cpdsl_lsp.convert import ClientFeatures, diagnostic
from cpdsl_lsp.documents import Documents, DocumentState, uri_key
from cpdsl_lsp.judging import Judging, judging_for
from cpdsl_lsp.large import LargeDocuments
from cpdsl_lsp.logs import quiet_library_logs
from cpdsl_lsp.positions import UTF16, PositionMap
from cpdsl_lsp.settings import Settings, read_settings

log = logging.getLogger("cplint.lsp")

# Above this, a document is analysed in a worker process, for its diagnostics only (a
# 10,000-line plan takes about 0.3 s to analyse, which the event loop would wait for at
# every keystroke; real plans are a few hundred lines).
LIVE_LIMIT = 300_000  # characters
WATCHED = ("**/cplint.toml", "**/pyproject.toml", "**/*.toml", "**/*.cp")


class CplintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("cplint", __version__,
                         text_document_sync_kind=t.TextDocumentSyncKind.Full)
        self.docs = Documents()
        self.settings = Settings()
        self.client = ClientFeatures(t.ClientCapabilities())
        self.finder = ConfigFinder()
        self.generation = 0  # bumped when settings or configuration files change
        self._said: set[str] = set()  # problems already logged, each once
        self.from_disk: set[str] = set()  # plans not open whose diagnostics were pushed
        self.large = LargeDocuments()
        self.large_results: dict[str, tuple[int | None, list[t.Diagnostic]]] = {}
        self._stamps: dict[str, tuple] = {}  # folder -> its configuration files' mtimes
        self.initial_settings: dict = {}
        self.settings_ready = asyncio.Event()  # set once the client's settings are known

    # -- state -------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or UTF16)

    def judging(self, uri: str) -> Judging:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path and not self.client.watch_files:
            self._check_configuration(os.path.dirname(os.path.abspath(path)))
        judging = judging_for(path, self.settings, self.finder, dt.date.today())
        if judging.problem:
            self.say_once(judging.problem)
        return judging

    def analysis(self, state: DocumentState) -> Analysis:
        judging = self.judging(state.uri)
        found = state.analysis(lambda _: self._analyse(state, judging),
                               hash((self.generation, judging.today)))
        self.docs.analysed(state)
        return found

    def _analyse(self, state: DocumentState, judging: Judging) -> Analysis:
        return analyse(state.text, state.cache, today=judging.today,
                       relative_to=judging.relative_to, options=judging.options)

    def _check_configuration(self, folder: str) -> None:
        """For clients that cannot watch files (Neovim): judge anew when a configuration
        file from the plan's folder upwards has appeared, gone or changed."""
        stamp = _configuration_stamp(folder)
        known = self._stamps.get(folder)
        self._stamps[folder] = stamp
        if known is not None and known != stamp:
            self._stamps = {folder: stamp}
            self.configuration_changed()

    def say_once(self, problem: str) -> None:
        if problem not in self._said:
            self._said.add(problem)
            log.warning("%s", problem)

    def settings_changed(self, value: object, *, initial: bool = False) -> None:
        """New settings from the client: those of `initializationOptions` (`initial`),
        then any it sends or is asked for, each over the first (an editor may give the
        profile in one place and `ignore` in another)."""
        if initial:
            self.initial_settings = value if isinstance(value, dict) else {}
        elif isinstance(value, dict):
            value = {**self.initial_settings, **value}
        self.settings, problems = read_settings(value)
        for problem in problems:
            self.say_once(problem)
        quiet_library_logs(self.settings.log_level)
        if not initial:
            self.configuration_changed()

    def configuration_changed(self) -> None:
        """Settings or a configuration or profile file changed: judge everything anew."""
        self.finder = ConfigFinder()
        forget_profiles()
        self.generation += 1
        self._said.clear()
        for state in self.docs:
            self.schedule(state.uri)
        self.refresh()

    def refresh(self) -> None:
        """Ask a pulling client to pull again, if it takes the request (Neovim 0.11 pulls
        but refuses it)."""
        if self.client.pull and self.client.refresh:
            self.workspace_diagnostic_refresh(None)

    # -- diagnostics -------------------------------------------------------------------

    def schedule(self, uri: str) -> None:
        self.docs.schedule(uri, self.publish, self.settings.lint_delay)

    def lsp_diagnostics(self, state: DocumentState) -> list[t.Diagnostic]:
        if not self.settings.enable:
            return []
        if len(state.text) > LIVE_LIMIT:  # the worker's, if it has done this version
            version, found = self.large_results.get(uri_key(state.uri), (None, []))
            return found if version == state.version else []
        analysis = self.analysis(state)
        positions = state.positions(analysis, self.encoding)
        help_uri = self.judging(state.uri).help_uri
        return [diagnostic(found, positions, state.uri, self.client, help_uri)
                for found in analysis.diagnostics]

    def publish(self, uri: str) -> None:
        """Push the diagnostics of the document's current version (clients that pull
        ask for them instead)."""
        state = self.docs.get(uri)
        if state is not None and len(state.text) > LIVE_LIMIT and self.settings.enable:
            self._analyse_large(state)
            return
        if state is None or self.client.pull:
            return
        found = _safely(lambda: self.lsp_diagnostics(state), [], "diagnostics")
        self.text_document_publish_diagnostics(
            t.PublishDiagnosticsParams(uri=state.uri, version=state.version, diagnostics=found))

    def _analyse_large(self, state: DocumentState) -> None:
        key, version, text = uri_key(state.uri), state.version, state.text
        judging = self.judging(state.uri)

        def done(found) -> None:
            current = self.docs.get(key)
            if current is None:
                return  # closed meanwhile
            if found is not None and current.version == version and current.text is text:
                positions = PositionMap(text, self.encoding, current.bom)
                self.large_results[key] = (version, [
                    diagnostic(d, positions, current.uri, self.client, judging.help_uri)
                    for d in found])
                if self.client.pull:
                    self.refresh()
                else:
                    self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
                        uri=current.uri, version=version,
                        diagnostics=self.large_results[key][1]))
            elif found is None:
                log.error("a large plan could not be analysed in the worker")
            if self.large.wanted_again(key) or current.version != version:
                self._analyse_large(current)

        self.large.analyse(key, text, judging, done)

    def clear(self, uri: str) -> None:
        if not self.client.pull or uri_key(uri) in self.from_disk:
            self.from_disk.discard(uri_key(uri))
            self.text_document_publish_diagnostics(
                t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def publish_from_disk(self, path: str) -> bool:
        """Push the diagnostics of a plan that is not open, as its file holds it; False
        when it is open or cannot be read."""
        uri = from_fs_path(path)
        if uri is None or self.docs.get(uri) is not None:
            return False
        text = caseload.read_plan(path, LIVE_LIMIT)
        if text is None:
            return False
        judging = self.judging(uri)
        analysis = analyse(text, today=judging.today, relative_to=judging.relative_to,
                           options=judging.options, syntax=False)
        positions = PositionMap(analysis.text, self.encoding, text.startswith("\ufeff"),
                                analysis.lines)
        found = [diagnostic(d, positions, uri, self.client, judging.help_uri)
                 for d in analysis.diagnostics]
        self.from_disk.add(uri_key(uri))
        self.text_document_publish_diagnostics(
            t.PublishDiagnosticsParams(uri=uri, diagnostics=found))
        return True

    def folders(self) -> list[str]:
        found = [to_fs_path(folder.uri) for folder in self.workspace.folders.values()]
        if not found and self.workspace.root_uri:
            found = [to_fs_path(self.workspace.root_uri)]
        return [folder for folder in found if folder and os.path.isdir(folder)]

    def report_server_error(self, error: Exception, source) -> None:
        # pygls' default shows the user a pop-up for every failed notification.
        if isinstance(error, JsonRpcMethodNotFound):  # a client asking: no fault of ours
            log.debug("asked for a method cplint does not serve")
            return
        log.error("internal error (%s): %s", getattr(source, "__name__", source),
                  type(error).__name__)


def _configuration_stamp(folder: str) -> tuple:
    """The modification times of every configuration file from `folder` upwards."""
    stamp = []
    while True:
        for name in ("cplint.toml", "pyproject.toml"):
            try:
                stamp.append((folder, name, os.stat(os.path.join(folder, name)).st_mtime_ns))
            except OSError:
                pass
        parent = os.path.dirname(folder)
        if parent == folder:
            return tuple(stamp)
        folder = parent


def _safely(answer, empty, what: str):
    """The answer, or `empty` when making it fails: the failure is logged (its traceback,
    without the plan's text) and the server carries on."""
    try:
        return answer()
    except JsonRpcException:
        raise  # an answer of its own: a refusal the editor shows
    except Exception as error:  # noqa: BLE001 - one failing request must not stop the server
        log.error("cplint could not answer %s: %s", what, type(error).__name__,
                  exc_info=log.isEnabledFor(logging.DEBUG))
        return empty


def handler(empty=None):
    """A request handler that answers `empty` when it fails (see _safely)."""

    def wrap(function):
        @functools.wraps(function)
        def safe(ls: CplintServer, params):
            return _safely(lambda: function(ls, params), empty, function.__name__)

        return safe

    return wrap


server = CplintServer()


def _document(ls: CplintServer, uri: str) -> tuple[DocumentState, Analysis] | None:
    """An open document and its analysis; None for a document the client has not opened
    (pygls would read it from disk) or one too large to analyse live."""
    state = ls.docs.get(uri)
    if state is None or len(state.text) > LIVE_LIMIT:
        return None
    return state, ls.analysis(state)


def start(tcp: tuple[str, int] | None = None) -> None:
    """Serve over stdin and stdout, or on a TCP port (for debugging)."""
    quiet_library_logs("info")
    # Every keystroke makes an analysis that lives till the next one: with the default
    # thresholds the collector would visit every object the server holds every tenth
    # keystroke (65 ms for one 3,000-line plan, 0.6 s with twenty). The analyses make no
    # cycles to collect; the modules' objects never die (frozen out of its way).
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 50, 100)
    if tcp is None:
        server.start_io()
    else:
        server.start_tcp(*tcp)


# The handlers, registered on `server` as they are imported.
from cpdsl_lsp import editing, features, lifecycle, sync  # noqa: E402, F401, I001

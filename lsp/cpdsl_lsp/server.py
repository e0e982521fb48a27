"""The cplint language server (`cplint lsp`): live diagnostics, quick fixes and formatting
for plans open in an editor.

The only module that imports pygls. Handlers are thin: each finds the document, reads its
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
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from cpdsl import __version__
from cpdsl.analysis import Analysis, analyse
from cpdsl.config import ConfigFinder
from cpdsl.editor.changes import line_edits, one_edit
from cpdsl.profile import forget_profiles

from cpdsl_lsp import actions
from cpdsl_lsp.convert import ClientFeatures, diagnostic, text_edits
from cpdsl_lsp.documents import Documents, DocumentState
from cpdsl_lsp.judging import Judging, judging_for
from cpdsl_lsp.logs import quiet_library_logs
from cpdsl_lsp.positions import UTF16
from cpdsl_lsp.settings import Settings, read_settings

log = logging.getLogger("cplint.lsp")

# Above this, a document is not analysed as it is typed (a 30,000-line plan takes over a
# second; real plans are a few hundred lines): it gets one finding saying so.
LIVE_LIMIT = 2_000_000  # characters
WATCHED = ("**/cplint.toml", "**/pyproject.toml", "**/*.toml", "**/*.cp")
PARENT_POLL = 5.0  # seconds between checks that the client's process is still there


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

    # -- state -------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or UTF16)

    def judging(self, uri: str) -> Judging:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        judging = judging_for(path, self.settings, self.finder, dt.date.today())
        if judging.problem:
            self.say_once(judging.problem)
        return judging

    def analysis(self, state: DocumentState) -> Analysis:
        judging = self.judging(state.uri)
        return state.analysis(lambda _: self._analyse(state, judging),
                              hash((self.generation, judging.today)))

    def _analyse(self, state: DocumentState, judging: Judging) -> Analysis:
        text = state.text if len(state.text) <= LIVE_LIMIT else ""
        return analyse(text, state.cache, today=judging.today,
                       relative_to=judging.relative_to, options=judging.options)

    def say_once(self, problem: str) -> None:
        if problem not in self._said:
            self._said.add(problem)
            log.warning("%s", problem)

    def settings_changed(self, value: object) -> None:
        self.settings, problems = read_settings(value)
        for problem in problems:
            self.say_once(problem)
        quiet_library_logs(self.settings.log_level)
        self.configuration_changed()

    def configuration_changed(self) -> None:
        """Settings or a configuration or profile file changed: judge everything anew."""
        self.finder = ConfigFinder()
        forget_profiles()
        self.generation += 1
        self._said.clear()
        for state in self.docs:
            self.schedule(state.uri)
        if self.client.pull:
            self.workspace_diagnostic_refresh(None)

    # -- diagnostics -------------------------------------------------------------------

    def schedule(self, uri: str) -> None:
        self.docs.schedule(uri, self.publish, self.settings.lint_delay)

    def lsp_diagnostics(self, state: DocumentState) -> list[t.Diagnostic]:
        if not self.settings.enable:
            return []
        if len(state.text) > LIVE_LIMIT:
            return [_too_large(state)]
        analysis = self.analysis(state)
        positions = state.positions(analysis, self.encoding)
        help_uri = self.judging(state.uri).help_uri
        return [diagnostic(found, positions, state.uri, self.client, help_uri)
                for found in analysis.diagnostics]

    def publish(self, uri: str) -> None:
        """Push the diagnostics of the document's current version (clients that pull
        ask for them instead)."""
        state = self.docs.get(uri)
        if state is None or self.client.pull:
            return
        found = _safely(lambda: self.lsp_diagnostics(state), [], "diagnostics")
        self.text_document_publish_diagnostics(
            t.PublishDiagnosticsParams(uri=state.uri, version=state.version, diagnostics=found))

    def clear(self, uri: str) -> None:
        if not self.client.pull:
            self.text_document_publish_diagnostics(
                t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def report_server_error(self, error: Exception, source) -> None:
        # pygls' default shows the user a pop-up for every failed notification.
        log.error("internal error (%s): %s", getattr(source, "__name__", source),
                  type(error).__name__)


def _too_large(state: DocumentState) -> t.Diagnostic:
    size = len(state.text) / 1_000_000
    return t.Diagnostic(
        range=t.Range(t.Position(0, 0), t.Position(0, 0)), severity=t.DiagnosticSeverity.Information,
        source="cplint", message=f"This plan is too large ({size:.1f} million characters) to "
                                 "check as it is typed: run `cplint` on it.")


def _safely(answer, empty, what: str):
    """The answer, or `empty` when making it fails: the failure is logged (its traceback,
    without the plan's text) and the server carries on."""
    try:
        return answer()
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


# -- lifecycle ---------------------------------------------------------------------------


@server.feature(t.INITIALIZE)
@handler(None)
def initialize(ls: CplintServer, params: t.InitializeParams) -> None:
    ls.client = ClientFeatures(params.capabilities)
    options = params.initialization_options
    settings = options.get("settings") if isinstance(options, dict) else None
    ls.settings_changed(settings)
    if params.process_id:
        asyncio.get_running_loop().create_task(_watch_client(params.process_id))


@server.feature(t.INITIALIZED)
async def initialized(ls: CplintServer, params: t.InitializedParams) -> None:
    if ls.client.watch_files:
        watchers = [t.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
        await ls.client_register_capability_async(t.RegistrationParams(registrations=[
            t.Registration(id="cplint-watch", method=t.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                           register_options=t.DidChangeWatchedFilesRegistrationOptions(
                               watchers=watchers))]))
    await _pull_settings(ls)


async def _pull_settings(ls: CplintServer) -> None:
    if not ls.client.configuration:
        return
    try:
        values = await ls.workspace_configuration_async(
            t.ConfigurationParams(items=[t.ConfigurationItem(section="cplint")]))
    except Exception as error:  # noqa: BLE001 - a client that fails it keeps the old ones
        log.warning("the client did not give its settings: %s", type(error).__name__)
        return
    if values and values[0] is not None:
        ls.settings_changed(values[0])


async def _watch_client(pid: int) -> None:
    """Exit when the client's process has gone (pygls keeps its id but never looks): a
    server left running would hold plans in memory for nobody."""
    if os.name != "posix":
        return  # os.kill(pid, 0) is Ctrl+C on Windows: stdin's end is the signal there
    while True:
        await asyncio.sleep(PARENT_POLL)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            log.info("the editor's process has gone: stopping")
            os._exit(0)
        except PermissionError:
            pass  # it exists, as another user's


@server.feature(t.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def configuration_changed(ls: CplintServer, params: t.DidChangeConfigurationParams) -> None:
    if ls.client.configuration:
        await _pull_settings(ls)
    else:  # Neovim 0.7 and others send the settings themselves
        settings = params.settings
        ls.settings_changed(settings.get("cplint", settings) if isinstance(settings, dict)
                            else settings)


@server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def watched_files_changed(ls: CplintServer, params: t.DidChangeWatchedFilesParams) -> None:
    if any(change.uri.endswith(".toml") for change in params.changes):
        ls.configuration_changed()


# -- documents ---------------------------------------------------------------------------


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CplintServer, params: t.DidOpenTextDocumentParams) -> None:
    document = params.text_document
    ls.docs.open(document.uri, document.text, document.version)
    ls.schedule(document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CplintServer, params: t.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    changes = params.content_changes
    if changes and isinstance(changes[-1], t.TextDocumentContentChangeWholeDocument):
        text = changes[-1].text
    else:  # sync is Full, but take what pygls made of anything else
        text = ls.workspace.get_text_document(uri).source
    ls.docs.change(uri, text, params.text_document.version)
    if ls.settings.lint_run == "onType":
        ls.schedule(uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE, t.SaveOptions(include_text=False))
def did_save(ls: CplintServer, params: t.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if uri.endswith(".toml"):
        ls.configuration_changed()
    elif ls.docs.get(uri) is not None:
        ls.schedule(uri)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CplintServer, params: t.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.docs.close(uri)
    ls.clear(uri)


@server.feature(t.TEXT_DOCUMENT_DIAGNOSTIC,
                t.DiagnosticOptions(identifier="cplint", inter_file_dependencies=False,
                                    workspace_diagnostics=False))
@handler(t.FullDocumentDiagnosticReport(items=[]))
def pull_diagnostics(ls: CplintServer, params: t.DocumentDiagnosticParams):
    state = ls.docs.get(params.text_document.uri)
    if state is None:
        return t.FullDocumentDiagnosticReport(items=[])
    result_id = f"{state.version}-{ls.generation}-{ls.judging(state.uri).today}"
    if state.version is not None and params.previous_result_id == result_id:
        return t.UnchangedDocumentDiagnosticReport(result_id=result_id)
    return t.FullDocumentDiagnosticReport(items=ls.lsp_diagnostics(state), result_id=result_id)


# -- code actions and formatting ---------------------------------------------------------


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                t.CodeActionOptions(code_action_kinds=list(actions.KINDS), resolve_provider=True))
@handler([])
def code_action(ls: CplintServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    found = _document(ls, params.text_document.uri)
    if found is None:
        return []
    state, analysis = found
    positions = state.positions(analysis, ls.encoding)
    kinds = actions.wanted_kinds(params.context.only)
    help_uri = ls.judging(state.uri).help_uri
    answer: list[t.CodeAction] = []
    if t.CodeActionKind.QuickFix in kinds:
        answer += actions.quick_fixes(
            analysis, positions, state.uri, state.version, params.range, ls.client,
            ls.settings.unsafe_fixes,
            lambda d: diagnostic(d, positions, state.uri, ls.client, help_uri))
    if actions.FIX_ALL in kinds and ls.settings.fix_all and any(
            d.fix is not None and d.fix.is_safe for d in analysis.diagnostics):
        edits = None if ls.client.resolve_edit else actions.fix_all_edits(analysis, positions)
        answer.append(actions.source_action(actions.FIX_ALL, "Fix all safe problems (cplint)",
                                            state.uri, state.version, edits, ls.client))
    if actions.SORT_PLAN in kinds and not analysis.syntax_errors:
        judging = ls.judging(state.uri)
        edits = (None if ls.client.resolve_edit
                 else actions.sort_edits(analysis, positions, judging.line_length))
        if edits != []:
            answer.append(actions.source_action(actions.SORT_PLAN, "Sort the plan (cplint)",
                                                state.uri, state.version, edits, ls.client))
    return answer


@server.feature(t.CODE_ACTION_RESOLVE)
@handler(None)
def resolve_code_action(ls: CplintServer, action: t.CodeAction) -> t.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    found = _document(ls, str(data.get("uri", "")))
    if found is None:
        return action
    state, analysis = found
    if data.get("version") != state.version:
        return action  # made for a text that has changed since: nothing to apply
    positions = state.positions(analysis, ls.encoding)
    if action.kind == actions.FIX_ALL:
        edits = actions.fix_all_edits(analysis, positions)
    elif action.kind == actions.SORT_PLAN:
        edits = actions.sort_edits(analysis, positions, ls.judging(state.uri).line_length)
    else:
        return action
    return actions.source_action(action.kind, action.title, state.uri, state.version, edits,
                                 ls.client)


@server.feature(t.TEXT_DOCUMENT_FORMATTING)
@handler(None)
def formatting(ls: CplintServer, params: t.DocumentFormattingParams):
    return _format(ls, params.text_document.uri, None)


@server.feature(t.TEXT_DOCUMENT_RANGE_FORMATTING)
@handler(None)
def range_formatting(ls: CplintServer, params: t.DocumentRangeFormattingParams):
    return _format(ls, params.text_document.uri, params.range)


def _format(ls: CplintServer, uri: str, asked: t.Range | None) -> list[t.TextEdit] | None:
    """The formatter's changes as edits: none (None) when the plan has syntax errors or
    the formatter refuses; for a range, only the changed lines it touches."""
    from cpdsl.formatting import format_analysis

    found = _document(ls, uri)
    if found is None:
        return None
    state, analysis = found
    result = format_analysis(analysis, ls.judging(uri).line_length)
    if not result.ok:
        return None
    positions = state.positions(analysis, ls.encoding)
    if asked is None:
        return text_edits(positions, one_edit(analysis.text, result.text))
    first = positions.place((asked.start.line, asked.start.character))[0]
    last = positions.place((asked.end.line, asked.end.character))[0]
    if asked.end.character == 0 and asked.end.line > asked.start.line:
        last -= 1  # a selection of whole lines ends at the start of the next
    return text_edits(positions, line_edits(analysis.text, result.text, first, last))


def start(tcp: tuple[str, int] | None = None) -> None:
    """Serve over stdin and stdout, or on a TCP port (for debugging)."""
    quiet_library_logs("info")
    if tcp is None:
        server.start_io()
    else:
        server.start_tcp(*tcp)

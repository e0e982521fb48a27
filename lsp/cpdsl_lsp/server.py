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
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from cpdsl import __version__
from cpdsl.analysis import Analysis, analyse
from cpdsl.config import ConfigFinder
from cpdsl.editor.changes import line_edits, one_edit
from cpdsl.profile import forget_profiles

from cpdsl_lsp import actions, caseload
from cpdsl_lsp.convert import ClientFeatures, diagnostic, text_edits, workspace_edit
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
        self.from_disk: set[str] = set()  # plans not open whose diagnostics were pushed
        self.large = LargeDocuments()
        self.large_results: dict[str, tuple[int | None, list[t.Diagnostic]]] = {}
        self._stamps: dict[str, tuple] = {}  # folder -> its configuration files' mtimes

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
        return state.analysis(lambda _: self._analyse(state, judging),
                              hash((self.generation, judging.today)))

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
            self.configuration_changed(schedule=False)

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

    def configuration_changed(self, schedule: bool = True) -> None:
        """Settings or a configuration or profile file changed: judge everything anew."""
        self.finder = ConfigFinder()
        forget_profiles()
        self.generation += 1
        self._said.clear()
        if not schedule:
            return
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
                    self.workspace_diagnostic_refresh(None)
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
    asyncio.get_running_loop().create_task(_check_caseload(ls))
    asyncio.get_running_loop().create_task(_new_day(ls))


async def _new_day(ls: CplintServer) -> None:
    """Judge the open plans anew just after each midnight: what is overdue, late or due
    depends on the date (unless the settings fix `today`)."""
    while True:
        now = dt.datetime.now()
        tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 0, 1))
        await asyncio.sleep((tomorrow - now).total_seconds())
        if ls.settings.today is None:
            ls.configuration_changed()


async def _check_caseload(ls: CplintServer) -> None:
    """Push the diagnostics of every plan in the workspace folders, one plan at a time
    with the editor's requests between, reporting progress where the client shows it."""
    if not ls.settings.enable:
        return
    plans = list(caseload.plans_in(ls.folders()))
    if not plans:
        return
    token = None
    if ls.client.progress:
        token = f"cplint-caseload-{ls.generation}"
        try:
            await ls.work_done_progress.create_async(token)
            ls.work_done_progress.begin(token, t.WorkDoneProgressBegin(
                title="cplint", message=f"checking {len(plans)} plans", percentage=0))
        except Exception as error:  # noqa: BLE001 - no progress shown, the work goes on
            log.info("no progress shown: %s", type(error).__name__)
            token = None
    checked = 0
    for number, path in enumerate(plans, 1):
        await asyncio.sleep(0)  # let edits and requests go first
        if _safely(lambda: ls.publish_from_disk(path), False, "a plan of the workspace"):
            checked += 1
        if token is not None and (number % 10 == 0 or number == len(plans)):
            ls.work_done_progress.report(token, t.WorkDoneProgressReport(
                message=f"{number} of {len(plans)} plans",
                percentage=number * 100 // len(plans)))
    if token is not None:
        ls.work_done_progress.end(token, t.WorkDoneProgressEnd(message=f"{checked} plans checked"))
    log.info("checked %d plans of the workspace", checked)


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


@server.feature(t.SHUTDOWN)
def shutdown(ls: CplintServer, params: None) -> None:
    ls.large.shutdown()


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
    for change in params.changes:
        if not change.uri.endswith(".cp") or ls.docs.get(change.uri) is not None:
            continue
        if change.type == t.FileChangeType.Deleted:
            ls.clear(change.uri)  # no stale problems for a plan that is gone
        elif uri_key(change.uri) in ls.from_disk or change.type == t.FileChangeType.Created:
            _safely(lambda: ls.publish_from_disk(to_fs_path(change.uri)), False, "a changed plan")


# -- documents ---------------------------------------------------------------------------


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CplintServer, params: t.DidOpenTextDocumentParams) -> None:
    document = params.text_document
    ls.docs.open(document.uri, document.text, document.version)
    if ls.client.pull and uri_key(document.uri) in ls.from_disk:
        ls.clear(document.uri)  # the client pulls an open plan's: no second set
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
    ls.large.forget(uri_key(uri))
    ls.large_results.pop(uri_key(uri), None)
    path = to_fs_path(uri) if uri.startswith("file:") else None
    in_workspace = path and any(os.path.abspath(path).startswith(os.path.join(folder, ""))
                                for folder in ls.folders())
    if not (in_workspace and ls.publish_from_disk(path)):
        ls.clear(uri)  # else its problems as saved stay in the caseload


@server.feature(t.TEXT_DOCUMENT_DIAGNOSTIC,
                t.DiagnosticOptions(identifier="cplint", inter_file_dependencies=False,
                                    workspace_diagnostics=False))
@handler(t.FullDocumentDiagnosticReport(items=[]))
def pull_diagnostics(ls: CplintServer, params: t.DocumentDiagnosticParams):
    state = ls.docs.get(params.text_document.uri)
    if state is None:
        return t.FullDocumentDiagnosticReport(items=[])
    result_id = f"{state.version}-{ls.generation}-{ls.judging(state.uri).today}"
    if len(state.text) > LIVE_LIMIT and ls.large_results.get(
            uri_key(state.uri), (None,))[0] != state.version:
        ls.schedule(state.uri)  # the worker's result comes with a refresh
        return t.FullDocumentDiagnosticReport(items=[], result_id=f"{result_id}-pending")
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


# -- commands (for editors' own menus and key bindings) ----------------------------------


@server.command("cplint.applyFixAll")
def apply_fix_all(ls: CplintServer, uri: str) -> None:
    """Apply every safe fix to an open plan (the client is asked to make the edit)."""
    found = _document(ls, uri)
    if found is not None:
        state, analysis = found
        edits = actions.fix_all_edits(analysis, state.positions(analysis, ls.encoding))
        _apply(ls, state, edits, "cplint: fix all safe problems")


@server.command("cplint.applyFormat")
def apply_format(ls: CplintServer, uri: str) -> None:
    """Format an open plan."""
    state = ls.docs.get(uri)
    edits = _format(ls, uri, None)
    if state is not None and edits:
        _apply(ls, state, edits, "cplint: format")


def _apply(ls: CplintServer, state: DocumentState, edits: list[t.TextEdit], label: str) -> None:
    if edits:
        ls.workspace_apply_edit(t.ApplyWorkspaceEditParams(
            edit=workspace_edit(state.uri, state.version, edits, ls.client), label=label))


@server.command("cplint.printDebugInformation")
def debug_information(ls: CplintServer) -> str:
    """What the server runs with, for a bug report: versions, encoding, settings and, for
    each open plan, the configuration that applies (no plan text)."""
    import platform
    import sys
    from importlib.metadata import version

    lines = [f"cplint {__version__}, pygls {version('pygls')}, "
             f"Python {platform.python_version()} ({sys.executable})",
             f"position encoding {ls.encoding}; diagnostics "
             f"{'pulled' if ls.client.pull else 'pushed'}; settings {ls.settings._asdict()}"]
    for state in ls.docs:
        judging = ls.judging(state.uri)
        lines.append(f"{state.uri}: version {state.version}, configuration "
                     f"{judging.config_path or 'none (defaults)'}, today {judging.today}")
    text = "\n".join(lines)
    log.info("%s", text)
    return text


def start(tcp: tuple[str, int] | None = None) -> None:
    """Serve over stdin and stdout, or on a TCP port (for debugging)."""
    quiet_library_logs("info")
    if tcp is None:
        server.start_io()
    else:
        server.start_tcp(*tcp)


from cpdsl_lsp import features  # noqa: E402, F401 - registers the language features on `server`

"""Documents opened, changed, saved and closed, and diagnostics pulled."""

from __future__ import annotations

import asyncio
import contextlib
import os

from lsprotocol import types as t
from pygls.uris import to_fs_path

from cpdsl_lsp.documents import uri_key
from cpdsl_lsp.server import LIVE_LIMIT, CplintServer, handler, server

SETTINGS_WAIT = 2.0  # seconds a first pull waits for the client's settings

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
async def pull_diagnostics(ls: CplintServer, params: t.DocumentDiagnosticParams):
    # The first pull may come before the settings asked for in `initialized` are known;
    # a client that cannot be asked to pull again would keep what it got till the next edit.
    if not ls.settings_ready.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ls.settings_ready.wait(), SETTINGS_WAIT)
    return _pulled(ls, params)


@handler(t.FullDocumentDiagnosticReport(items=[]))
def _pulled(ls: CplintServer, params: t.DocumentDiagnosticParams):
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

"""The server's life: initialize (the client's capabilities and settings), initialized
(file watchers, settings pulled, the workspace's plans checked), settings and
configuration files changing, the day changing, the editor's process going, shutdown.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os

from lsprotocol import types as t
from pygls.uris import to_fs_path

from cpdsl_lsp import caseload
from cpdsl_lsp.convert import ClientFeatures
from cpdsl_lsp.documents import uri_key
from cpdsl_lsp.server import WATCHED, CplintServer, _safely, handler, server

log = logging.getLogger("cplint.lsp")
PARENT_POLL = 5.0  # seconds between checks that the client's process is still there

@server.feature(t.INITIALIZE)
@handler(None)
def initialize(ls: CplintServer, params: t.InitializeParams) -> None:
    ls.client = ClientFeatures(params.capabilities)
    options = params.initialization_options
    settings = options.get("settings") if isinstance(options, dict) else None
    ls.settings_changed(settings, initial=True)
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
    ls.settings_ready.set()
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

"""The whole caseload in the problems panel, configuration files changing, commands."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsp_client import SERVER, TODAY, example, open_plan, shown, slipped_plan
from lsprotocol import types as t
from pytest_lsp import LanguageClient, client_capabilities

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture
def caseload(tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "amy.cp").write_text(slipped_plan(), encoding="utf-8")
    (tmp_path / "team" / "clean.cp").write_text(example("good/neglect.cp"), encoding="utf-8")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "ignored.cp").write_text("not a plan", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a plan", encoding="utf-8")
    return tmp_path


async def wait_for(condition, seconds: float = 20) -> None:
    async def poll():
        while not condition():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), seconds)


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def in_folder(lsp_client: LanguageClient, caseload):
    lsp_client.feature(t.WINDOW_WORK_DONE_PROGRESS_CREATE)  # pytest-lsp records progress
    await lsp_client.initialize_session(t.InitializeParams(
        capabilities=client_capabilities("visual_studio_code"),
        workspace_folders=[t.WorkspaceFolder(uri=caseload.as_uri(), name="caseload")],
        initialization_options={"settings": {"today": TODAY}}))
    yield lsp_client
    await lsp_client.shutdown_session()


async def test_every_plan_of_the_folder_is_checked_on_start(in_folder, caseload):
    amy = (caseload / "team" / "amy.cp").as_uri()
    clean = (caseload / "team" / "clean.cp").as_uri()
    await wait_for(lambda: any(getattr(p, "kind", None) == "end"
                               for reports in in_folder.progress_reports.values()
                               for p in reports))
    assert [row[1] for row in shown(in_folder.published[amy][-1].diagnostics)] == [
        "CP302", "CP304", "CP103"]
    assert list(in_folder.published[clean][-1].diagnostics) == []
    assert not any("ignored" in uri for uri in in_folder.published)
    (progress,) = in_folder.progress_reports.values()
    assert [getattr(p, "kind", None) for p in progress] == ["begin", "report", "end"]
    assert progress[0].message == "checking 2 plans" and progress[-1].message == "2 plans checked"


async def test_closing_a_plan_of_the_folder_shows_it_as_saved(in_folder, caseload):
    path = caseload / "team" / "amy.cp"
    uri = path.as_uri()
    await wait_for(lambda: uri in in_folder.published)
    edited = slipped_plan().replace("owner riaa", "owner ria")
    await open_plan(in_folder, uri, edited)
    in_folder.text_document_did_close(t.DidCloseTextDocumentParams(
        t.TextDocumentIdentifier(uri=uri)))
    await wait_for(lambda: in_folder.published[uri][-1].version is None
                   and len(in_folder.published[uri][-1].diagnostics) == 3)


async def test_a_deleted_plan_loses_its_problems(in_folder, caseload):
    path = caseload / "team" / "amy.cp"
    uri = path.as_uri()
    await wait_for(lambda: uri in in_folder.published)
    path.unlink()
    in_folder.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(
        changes=[t.FileEvent(uri=uri, type=t.FileChangeType.Deleted)]))
    await wait_for(lambda: list(in_folder.published[uri][-1].diagnostics) == [])


async def test_a_configuration_file_changing_rejudges_open_plans(own_client, tmp_path):
    uri = (tmp_path / "plan.cp").as_uri()
    found = await open_plan(own_client, uri, slipped_plan())
    assert [d.code for d in found] == ["CP302", "CP304", "CP103"]
    (tmp_path / "cplint.toml").write_text('ignore = ["CP3"]\n', encoding="utf-8")
    before = len(own_client.published[uri])
    own_client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(
        changes=[t.FileEvent(uri=(tmp_path / "cplint.toml").as_uri(),
                             type=t.FileChangeType.Created)]))
    await wait_for(lambda: len(own_client.published[uri]) > before)
    assert [d.code for d in own_client.published[uri][-1].diagnostics] == ["CP103"]


async def test_debug_information_names_the_configuration(own_client, tmp_path):
    uri = (tmp_path / "plan.cp").as_uri()
    await open_plan(own_client, uri, slipped_plan())
    text = await own_client.workspace_execute_command_async(t.ExecuteCommandParams(
        command="cplint.printDebugInformation"))
    assert text.startswith("cplint 0.1.0, pygls 2.")
    assert f"{uri}: version 1, configuration none (defaults), today {TODAY}" in text
    assert "Amy" not in text  # no plan text


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def neovim(lsp_client: LanguageClient):
    """Neovim 0.11: it pulls diagnostics but cannot be asked to pull again."""
    await lsp_client.initialize_session(t.InitializeParams(
        capabilities=client_capabilities("neovim"),
        initialization_options={"settings": {"today": TODAY, "profile": "bolton"}}))
    yield lsp_client
    await lsp_client.shutdown_session()


async def test_no_refresh_asked_of_a_client_that_refuses_it(neovim, tmp_path):
    uri = (tmp_path / "plan.cp").as_uri()
    await open_plan(neovim, uri, slipped_plan())
    neovim.set_configuration({"ignore": ["CP3"]}, section="cplint")
    neovim.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings=None))
    for _ in range(200):  # the server asks for the settings, then judges anew
        report = await neovim.text_document_diagnostic_async(t.DocumentDiagnosticParams(
            t.TextDocumentIdentifier(uri=uri)))
        if [d.code for d in report.items] == ["CP103"]:
            break
        await asyncio.sleep(0.02)
    assert [d.code for d in report.items] == ["CP103"]
    assert neovim.diagnostic_refresh_count == 0


async def test_settings_asked_for_go_over_the_initial_ones(neovim, tmp_path):
    neovim.set_configuration({"ignore": ["CP103"]}, section="cplint")
    neovim.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings=None))
    uri = (tmp_path / "plan.cp").as_uri()
    await open_plan(neovim, uri, slipped_plan())
    text = await neovim.workspace_execute_command_async(t.ExecuteCommandParams(
        command="cplint.printDebugInformation"))
    assert "'profile': 'bolton'" in text and "'ignore': ('CP103',)" in text

"""The language server end to end: `cplint lsp` in a subprocess, driven by pytest-lsp's
client with the captured capabilities of real editors."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsp_client import CLIENTS, SERVER, start
from pytest_lsp import LanguageClient, client_capabilities


# One server per test module and client: starting one takes a second. Tests open
# documents of their own (tmp_path URIs) and leave the settings as they found them.
@pytest_lsp.fixture(params=CLIENTS, config=SERVER, scope="module")
async def each_client(lsp_client: LanguageClient, request):
    """A server and a client, once for each captured editor."""
    await start(lsp_client, client_capabilities(request.param))
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient):
    """A server and a client with VS Code's capabilities (UTF-16, pushed diagnostics)."""
    await start(lsp_client, client_capabilities("visual_studio_code"))
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def own_client(lsp_client: LanguageClient):
    """A server of the test's own (for tests that change its settings), on the module's
    event loop as the other fixtures."""
    await start(lsp_client, client_capabilities("visual_studio_code"))
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.fixture
def plan_uri(tmp_path) -> str:
    return (tmp_path / "plan.cp").as_uri()

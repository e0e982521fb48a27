"""Driving `cplint lsp` from tests: the client, its start, and waiting for diagnostics."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types as t
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

TODAY = "2026-03-01"  # the examples' date: their findings are the same every day
EXAMPLES = Path(__file__).parents[2] / "examples"


def example(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


def slipped_plan() -> str:
    """examples/good/neglect.cp (clean) with two slips: a misspelt owner (a safe fix) and
    the second chair left out (an unsafe one)."""
    text = example("good/neglect.cp")
    assert "    owner ria\n" in text and "  second-chair jo\n" in text
    return text.replace("    owner ria\n", "    owner riaa\n").replace("  second-chair jo\n", "")



def _record_published(client: LanguageClient, params: t.PublishDiagnosticsParams) -> None:
    """Keep every push with its version (pytest-lsp's client keeps the last, without)."""
    client.diagnostics[params.uri] = params.diagnostics
    client.published.setdefault(params.uri, []).append(params)


def _accept_registration(client: LanguageClient, params: t.RegistrationParams) -> None:
    client.registrations = [*getattr(client, "registrations", []), *params.registrations]


def make_client() -> LanguageClient:
    features = {**DEFAULT_CLIENT_FEATURES,
                t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record_published,
                # the server registers file watchers with clients that allow it
                t.CLIENT_REGISTER_CAPABILITY: _accept_registration}
    client = LanguageClient(converter_factory=default_converter)
    client.published = {}
    register_lsp_features(client, features)
    return client


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "cpdsl", "lsp"],
                            client_factory=make_client)
# VS Code 1.65 and Neovim 0.7 speak UTF-16 and push; Neovim 0.11 offers UTF-8 first and
# pulls; Emacs 29 offers UTF-32 first.
CLIENTS = ["visual_studio_code", "neovim@v0.7.0", "neovim", "emacs"]


async def start(client: LanguageClient, capabilities: t.ClientCapabilities,
                settings: dict | None = None) -> None:
    await client.initialize_session(t.InitializeParams(
        capabilities=capabilities,
        initialization_options={"settings": {"today": TODAY, **(settings or {})}}))


def pulls(client: LanguageClient) -> bool:
    document = client.capabilities.text_document if client.capabilities else None
    return bool(document and document.diagnostic)


async def open_plan(client: LanguageClient, uri: str, text: str, version: int = 1
                    ) -> list[t.Diagnostic]:
    """Open a document and wait for the diagnostics of that version."""
    waiting = _published(client, uri, version)
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        t.TextDocumentItem(uri=uri, language_id="cpdsl", version=version, text=text)))
    return await diagnostics(client, uri, waiting)


async def change_plan(client: LanguageClient, uri: str, text: str, version: int
                      ) -> list[t.Diagnostic]:
    waiting = _published(client, uri, version)
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        t.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [t.TextDocumentContentChangeWholeDocument(text=text)]))
    return await diagnostics(client, uri, waiting)


def _published(client: LanguageClient, uri: str, version: int):
    """A wait for the diagnostics the server pushes for this version; None for a client
    that pulls them."""
    if pulls(client):
        return None

    async def wait() -> list[t.Diagnostic]:
        while True:
            for params in reversed(client.published.get(uri, [])):
                if params.version == version:
                    return list(params.diagnostics)
            await asyncio.sleep(0.01)

    return asyncio.ensure_future(asyncio.wait_for(wait(), 20))


async def diagnostics(client: LanguageClient, uri: str, waiting=None) -> list[t.Diagnostic]:
    if waiting is not None:
        return await waiting
    report = await client.text_document_diagnostic_async(t.DocumentDiagnosticParams(
        t.TextDocumentIdentifier(uri=uri)))
    return list(report.items)


def shown(found: list[t.Diagnostic]) -> list[tuple]:
    """Diagnostics as a user reads them: place (0-based line:character range), code,
    severity and message."""
    return [(f"{d.range.start.line}:{d.range.start.character}-"
             f"{d.range.end.line}:{d.range.end.character}", d.code, d.severity.name, d.message)
            for d in found]

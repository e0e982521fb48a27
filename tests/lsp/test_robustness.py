"""The server stays up and answering: huge documents, long lines, odd requests, a log
without plan text, an editor that goes away."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import pytest
from lsp_client import change_plan, example, open_plan, slipped_plan
from lsprotocol import types as t




def huge_plan(lines: int) -> str:
    """A valid plan of about `lines` lines: the example's actions, repeated."""
    text = example("good/neglect.cp")
    head, _, tail = text.rpartition("\n}")
    action = '  action extra{n} "Call Kerry about appointment {n}" {{\n    outcome appointments\n' \
             '    owner jo\n    due 2026-03-20\n  }}\n'
    return head + "\n" + "".join(action.format(n=n) for n in range(lines // 5)) + "}" + tail


@pytest.mark.asyncio(loop_scope="module")
async def test_a_large_plan_gets_diagnostics_and_the_server_keeps_answering(client, tmp_path):
    big = huge_plan(45_000).replace("    owner ria\n", "    owner riaa\n")
    assert len(big) > 1_000_000
    small = (tmp_path / "small.cp").as_uri()
    large = (tmp_path / "large.cp").as_uri()
    waiting = asyncio.ensure_future(open_plan(client, large, big))
    started = time.monotonic()
    # while the large plan is analysed, a small one is answered at once
    found = await open_plan(client, small, slipped_plan())
    assert [d.code for d in found] == ["CP302", "CP304", "CP103"]
    assert time.monotonic() - started < 5  # not waiting behind the large one
    found = await waiting
    assert [(d.code, d.range.start.line) for d in found] == [("CP304", 19), ("CP103", 60)]
    symbols = await client.text_document_document_symbol_async(t.DocumentSymbolParams(
        t.TextDocumentIdentifier(uri=large)))
    assert list(symbols) == []  # diagnostics only, for a document this size


@pytest.mark.asyncio(loop_scope="module")
async def test_a_line_of_a_million_characters(client, tmp_path):
    uri = (tmp_path / "long-line.cp").as_uri()
    text = example("good/neglect.cp").replace("  category neglect\n",
                                              "  " + "zz " * 333_334 + "\n")
    found = await open_plan(client, uri, text)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == [
        ("CP101", 7, 2)]


@pytest.mark.asyncio(loop_scope="module")
async def test_edits_to_a_large_plan_end_with_the_last_versions_diagnostics(client, tmp_path):
    uri = (tmp_path / "large.cp").as_uri()
    big = huge_plan(12_000)
    await open_plan(client, uri, big)
    for version in range(2, 6):  # faster than the worker: only the last one must be shown
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [t.TextDocumentContentChangeWholeDocument(text=big + "#" * version)]))
    found = await change_plan(client, uri, big.replace("    owner ria\n", "    owner riaa\n"),
                              version=6)
    assert [d.code for d in found] == ["CP304", "CP103"]


@pytest.mark.asyncio(loop_scope="module")
async def test_requests_on_a_half_typed_plan_answer_what_they_can(client, plan_uri):
    text = example("good/neglect.cp").replace("    owner ria\n", "    owner \n").replace(
        "  member tom {", "  member tom {\n  member")
    found = await open_plan(client, plan_uri, text)
    assert "CP100" in {d.code for d in found}
    symbols = await client.text_document_document_symbol_async(t.DocumentSymbolParams(
        t.TextDocumentIdentifier(uri=plan_uri)))
    assert symbols and symbols[0].name == "Amy Example"
    far = await client.text_document_definition_async(t.DefinitionParams(
        t.TextDocumentIdentifier(uri=plan_uri), t.Position(10_000, 500)))
    assert list(far) == []


@pytest.mark.asyncio(loop_scope="module")
async def test_an_empty_document_and_no_workspace(client, tmp_path):
    uri = (tmp_path / "empty.cp").as_uri()
    await open_plan(client, uri, "")
    for request in (client.text_document_document_symbol_async(t.DocumentSymbolParams(
                        t.TextDocumentIdentifier(uri=uri))),
                    client.text_document_folding_range_async(t.FoldingRangeParams(
                        t.TextDocumentIdentifier(uri=uri)))):
        assert list(await request) == []


def _message(body: dict) -> bytes:
    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def _run_server(messages: list[dict], settings: dict, timeout: float = 60) -> str:
    """Run `cplint lsp` on a fixed conversation; its stderr (the log)."""
    conversation = [{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "capabilities": {}, "initializationOptions": {"settings": settings}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}}, *messages,
        {"jsonrpc": "2.0", "id": 99, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"}]
    done = subprocess.run([sys.executable, "-m", "cpdsl", "lsp"],
                          input=b"".join(map(_message, conversation)), capture_output=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr.decode()
    return done.stderr.decode()


SECRET = "Quillon Vantreece"  # an invented name that must never reach the log


@pytest.mark.parametrize(("level", "logged"), [("info", False), ("debug", True)])
def test_no_plan_text_in_the_log_above_debug(level, logged):
    text = example("good/neglect.cp").replace("Kerry Example", SECRET).replace(
        "    owner ria\n", "    owner riaa\n")
    uri = "file:///tmp/secret.cp"
    log = _run_server([
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "cpdsl", "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/formatting", "params": {
            "textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}}},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol", "params": {
            "textDocument": {"uri": uri}}},
        {"jsonrpc": "2.0", "method": "no/suchMethod", "params": {"text": SECRET}},
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri}, "position": {"line": "x", "character": SECRET}}},
    ], {"today": "2026-03-01", "logLevel": level})
    assert (SECRET in log) is logged, log[-3000:]


def test_the_server_exits_when_the_editor_has_gone():
    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    server = subprocess.Popen([sys.executable, "-m", "cpdsl", "lsp"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        server.stdin.write(_message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                     "params": {"processId": editor.pid, "capabilities": {}}}))
        server.stdin.flush()  # stdin stays open: only the editor's going can end the server
        time.sleep(1)
        assert server.poll() is None
        editor.kill()
        editor.wait()
        assert server.wait(timeout=20) == 0
    finally:
        editor.kill()
        server.kill()
        server.wait()


def test_tcp_address_is_checked():
    done = subprocess.run([sys.executable, "-m", "cpdsl", "lsp", "--tcp", "localhost"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "'localhost' is not an address like 127.0.0.1:2087" in done.stderr
    assert "Traceback" not in done.stderr  # the command's own message


def test_a_failing_handler_answers_empty_and_logs_no_plan_text(caplog):
    from cpdsl_lsp.server import handler

    @handler([])
    def broken(ls, params):
        raise KeyError(SECRET)  # as a bug might, quoting a plan

    with caplog.at_level("INFO"):
        assert broken(None, None) == []
    assert [record.getMessage() for record in caplog.records] == [
        "cplint could not answer broken: KeyError"]

"""Diagnostics through a real client: what a practitioner sees underlined as they type."""


from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from lsp_client import change_plan, example, open_plan, pulls, shown, slipped_plan
import pytest
from lsprotocol import types as t

pytestmark = pytest.mark.asyncio(loop_scope="module")

PLAN = slipped_plan()

EXPECTED = [
    ("2:0-2:18", "CP302", "Warning",
     "the plan names no second chair to chair the core group when the chair cannot: add "
     "`second-chair` (or `vice-chair`) with a member's id (Bolton core group guidance, s1 and "
     "s3; West Midlands core groups briefing)"),
    ("19:2-19:12", "CP304", "Error",
     "member `ria` (Ria Khan) has no task in the plan (no action they own or support, no "
     "child they see, no assessment): each core group member must have a specific task; make "
     "them the `owner` of an action or add them to one's `support` (Bolton core group "
     "guidance, s2)"),
    ("59:10-59:14", "CP103", "Error",
     "`owner riaa`: no member, child or excluded person has the id `riaa`; did you mean "
     "`ria`?"),
]


async def test_diagnostics_on_open_for_every_client(each_client, plan_uri):
    found = await open_plan(each_client, plan_uri, PLAN)
    assert shown(found) == EXPECTED
    assert {d.source for d in found} == {"cplint"}


async def test_diagnostics_follow_the_edits_and_their_version(each_client, plan_uri):
    await open_plan(each_client, plan_uri, PLAN)
    mended = PLAN.replace("owner riaa", "owner ria")
    found = await change_plan(each_client, plan_uri, mended, version=2)
    assert shown(found) == EXPECTED[:1]
    half_typed = mended.replace("  chair sam\n", "  chair \n")
    found = await change_plan(each_client, plan_uri, half_typed, version=3)
    assert shown(found)[:1] == [("23:2-23:7", "CP100", "Error", "expected an id like `sam` after `chair`")]


async def test_closing_a_document_clears_its_diagnostics(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    client.text_document_did_close(t.DidCloseTextDocumentParams(
        t.TextDocumentIdentifier(uri=plan_uri)))
    # the server answers requests in order: once this one is answered, the close is done
    await client.text_document_formatting_async(t.DocumentFormattingParams(
        t.TextDocumentIdentifier(uri=plan_uri), t.FormattingOptions(2, True)))
    assert list(client.published[plan_uri][-1].diagnostics) == []
    assert client.published[plan_uri][-1].version is None


async def test_each_diagnostic_links_to_its_rule(client, plan_uri):
    found = await open_plan(client, plan_uri, PLAN)
    links = [d.code_description.href for d in found]
    assert [link.rpartition("#")[2] for link in links] == ["cp302", "cp304", "cp103"]
    page = Path(url2pathname(urlparse(links[0]).path))
    assert page.name == "rules.md" and "## CP302" in page.read_text(encoding="utf-8")


async def test_a_fixable_diagnostic_carries_its_fix_in_data(client, plan_uri):
    found = await open_plan(client, plan_uri, PLAN)
    assert [d.data for d in found] == [
        {"fixes": [{"title": "Name `jo` the second chair", "applicability": "unsafe",
                    "edits": [{"range": {"start": {"line": 23, "character": 11},
                                         "end": {"line": 23, "character": 11}},
                               "newText": "\n  second-chair jo"}]}]},
        None,
        {"fixes": [{"title": "Replace `riaa` with `ria`", "applicability": "safe",
                    "edits": [{"range": {"start": {"line": 59, "character": 10},
                                         "end": {"line": 59, "character": 14}},
                               "newText": "ria"}]}]},
    ]


async def test_related_places_arrive_as_related_information(each_client, tmp_path):
    uri = (tmp_path / "late.cp").as_uri()
    found = await open_plan(each_client, uri, example("mistakes/late-first-core-group.cp"))
    late = next(d for d in found if d.code == "CP401")
    capabilities = each_client.capabilities.text_document.publish_diagnostics
    if capabilities and capabilities.related_information:
        assert [(r.location.uri, r.location.range.start.line, r.location.range.start.character,
                 r.message) for r in late.related_information] == [
            (uri, 13, 21, "the initial conference on 2026-01-12")]
        assert "\n(line" not in late.message
    else:  # Emacs 29 shows no related places: the message says it
        assert late.related_information is None
        assert late.message.endswith("\n(line 14: the initial conference on 2026-01-12)")


async def test_an_unused_suppression_is_marked_unnecessary(client, plan_uri):
    text = PLAN.replace("  profile england\n",
                        "  profile england\n  # cplint: ignore[CP401] no core group yet\n")
    found = await open_plan(client, plan_uri, text)
    unused = [d for d in found if d.code == "CP107"]
    assert [(d.range.start.line, list(d.tags)) for d in unused] == [
        (4, [t.DiagnosticTag.Unnecessary])]


async def test_pull_diagnostics_unchanged_until_the_text_changes(each_client, plan_uri):
    if not pulls(each_client):
        return
    await open_plan(each_client, plan_uri, PLAN)
    first = await each_client.text_document_diagnostic_async(t.DocumentDiagnosticParams(
        t.TextDocumentIdentifier(uri=plan_uri)))
    again = await each_client.text_document_diagnostic_async(t.DocumentDiagnosticParams(
        t.TextDocumentIdentifier(uri=plan_uri), previous_result_id=first.result_id))
    assert first.result_id and again.kind == "unchanged"
    await change_plan(each_client, plan_uri, PLAN.replace("riaa", "ria"), version=2)
    after = await each_client.text_document_diagnostic_async(t.DocumentDiagnosticParams(
        t.TextDocumentIdentifier(uri=plan_uri), previous_result_id=first.result_id))
    assert after.kind == "full" and shown(after.items) == EXPECTED[:1]


async def test_a_document_never_opened_has_no_diagnostics(client, tmp_path):
    """pygls would read an unknown document from disk: the server must not lint it."""
    path = tmp_path / "on-disk.cp"
    path.write_text(PLAN, encoding="utf-8")
    report = await client.text_document_diagnostic_async(t.DocumentDiagnosticParams(
        t.TextDocumentIdentifier(uri=path.as_uri())))
    assert list(report.items) == []


async def test_diagnostics_for_an_empty_document(each_client, plan_uri):
    found = await open_plan(each_client, plan_uri, "")
    assert shown(found) == [("0:0-0:0", "CP100", "Error",
                              "the file is empty: a plan starts with `plan \"Title\" {`")]


async def test_a_finding_after_wide_characters_has_the_clients_columns(each_client, tmp_path):
    """"Zoë 👋 said": ë is two UTF-8 bytes, 👋 two UTF-16 units and four bytes."""
    uri = (tmp_path / "zoe.cp").as_uri()
    line = '  need food "Amy is not given enough to eat at home" { domain basic-care }'
    assert line in PLAN
    text = PLAN.replace(line, '  need food "Zoë 👋 said" { domain basic-kare }')
    found = await open_plan(each_client, uri, text)
    general = each_client.capabilities.general
    offered = (general.position_encodings if general else None) or ["utf-16"]
    # `basic-kare` starts after `  need food "Zoë 👋 said" { domain `: 34 code points
    start = {"utf-8": 38, "utf-16": 35, "utf-32": 34}[offered[0]]
    (wrong,) = [d for d in found if d.code == "CP105"]
    number = PLAN.split("\n").index(line)
    assert (wrong.range.start.line, wrong.range.start.character, wrong.range.end.character) \
        == (number, start, start + 10)

"""The language features through a real client: outline, folding, colours, hints,
navigation and rename."""

from __future__ import annotations

import pytest
from lsp_client import example, open_plan
from lsprotocol import types as t
from pygls.exceptions import JsonRpcException

pytestmark = pytest.mark.asyncio(loop_scope="module")

PLAN = example("good/neglect.cp")
LINES = PLAN.split("\n")


def where(text: str, occurrence: int = 0) -> t.Position:
    """The position of the start of `text` (its n-th occurrence) in PLAN."""
    seen = 0
    for number, line in enumerate(LINES):
        column = line.find(text)
        while column >= 0:
            if seen == occurrence:
                return t.Position(number, column)
            seen += 1
            column = line.find(text, column + 1)
    raise AssertionError(text)


def document(uri: str) -> t.TextDocumentIdentifier:
    return t.TextDocumentIdentifier(uri=uri)


def placed(found) -> list[str]:
    return [f"{r.start.line}:{r.start.character}-{r.end.line}:{r.end.character}"
            for r in (getattr(f, "range", f) for f in found)]


async def test_go_to_the_member_an_owner_names(each_client, plan_uri):
    await open_plan(each_client, plan_uri, PLAN)
    owner = where("owner ria")
    found = await each_client.text_document_definition_async(t.DefinitionParams(
        document(plan_uri), t.Position(owner.line, owner.character + 7)))
    member = where("member ria")
    assert [(f.uri, f.range.start.line, f.range.start.character) for f in found] == [
        (plan_uri, member.line, member.character + 7)]


async def test_every_reference_to_a_member(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    on = where("member jo")
    found = await client.text_document_references_async(t.ReferenceParams(
        text_document=document(plan_uri), position=t.Position(on.line, on.character + 7),
        context=t.ReferenceContext(include_declaration=True)))
    lines = [f.range.start.line + 1 for f in found]
    assert lines == [19, 25, 44, 49, 81, 92, 93, 101, 102]


async def test_highlights_mark_the_definition_as_written(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    on = where("member tom")
    found = await client.text_document_document_highlight_async(t.DocumentHighlightParams(
        document(plan_uri), t.Position(on.line, on.character + 8)))
    assert [(h.range.start.line + 1, h.kind) for h in found] == [
        (22, t.DocumentHighlightKind.Write), (62, t.DocumentHighlightKind.Read),
        (84, t.DocumentHighlightKind.Read), (93, t.DocumentHighlightKind.Read),
        (102, t.DocumentHighlightKind.Read)]


async def test_rename_a_member_everywhere(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    on = where("member tom")
    position = t.Position(on.line, on.character + 8)
    ready = await client.text_document_prepare_rename_async(t.PrepareRenameParams(
        document(plan_uri), position))
    assert placed([ready]) == [f"{on.line}:{on.character + 7}-{on.line}:{on.character + 10}"]
    edit = await client.text_document_rename_async(t.RenameParams(
        document(plan_uri), position, "tomas"))
    edits = (edit.document_changes[0].edits if edit.document_changes
             else edit.changes[plan_uri])
    assert [(e.range.start.line + 1, e.new_text) for e in edits] == [
        (22, "tomas"), (62, "tomas"), (84, "tomas"), (93, "tomas"), (102, "tomas")]


async def test_a_rename_onto_another_id_is_refused_with_a_reason(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    on = where("member tom")
    with pytest.raises(JsonRpcException) as refused:
        await client.text_document_rename_async(t.RenameParams(
            document(plan_uri), t.Position(on.line, on.character + 8), "jo"))
    assert "`jo` is already the id of a member on line 19: choose another name" in str(
        refused.value)


async def test_the_outline_is_a_tree(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    (plan,) = await client.text_document_document_symbol_async(t.DocumentSymbolParams(
        document(plan_uri)))
    assert (plan.name, plan.kind) == ("Amy Example", t.SymbolKind.Module)
    members = [(s.name, s.detail) for s in plan.children if s.kind == t.SymbolKind.Variable]
    assert members[:2] == [("sam", "Sam Patel, lead social worker"),
                           ("jo", "Jo Lee, health visitor")]


async def test_blocks_fold(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    folds = await client.text_document_folding_range_async(t.FoldingRangeParams(
        document(plan_uri)))
    starts = {f.start_line + 1: (f.end_line + 1, f.kind) for f in folds}
    assert starts[1] == (2, "comment")
    assert starts[12] == (14, "region")  # the initial conference, its `}` left in sight


async def test_semantic_tokens_in_the_clients_units(each_client, tmp_path):
    uri = (tmp_path / "zoe.cp").as_uri()
    text = 'plan "Zoë 👋" {\n  member zoe { name "Zoë" }\n}\n'
    await open_plan(each_client, uri, text)
    legend = (await each_client.text_document_semantic_tokens_full_async(
        t.SemanticTokensParams(document(uri)))).data
    rows = [legend[i:i + 5] for i in range(0, len(legend), 5)]
    general = each_client.capabilities.general
    offered = (general.position_encodings if general else None) or ["utf-16"]
    # `"Zoë 👋"`: 7 code points, 8 UTF-16 units, 11 UTF-8 bytes
    title = {"utf-8": 11, "utf-16": 8, "utf-32": 7}[offered[0]]
    assert [tuple(row) for row in rows[:4]] == [
        (0, 0, 4, 0, 0), (0, 5, title, 2, 0), (1, 2, 6, 0, 0), (0, 7, 3, 1, 1)]


async def test_inlay_hints_beside_core_group_dates(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    found = await client.text_document_inlay_hint_async(t.InlayHintParams(
        document(plan_uri), t.Range(t.Position(0, 0), t.Position(len(LINES), 0))))
    labels = [(h.position.line + 1, h.label) for h in found]
    assert labels == [(88, "day 8"), (88, "minutes due by 2026-02-05"),
                      (97, "day 28"), (97, "minutes due by 2026-03-05")]


async def test_hover_on_a_member_says_who_that_is(each_client, plan_uri):
    await open_plan(each_client, plan_uri, PLAN)
    owner = where("owner ria")
    found = await each_client.text_document_hover_async(t.HoverParams(
        document(plan_uri), t.Position(owner.line, owner.character + 7)))
    hover = each_client.capabilities.text_document.hover
    if t.MarkupKind.Markdown in (hover.content_format or ()):
        assert found.contents.value == "**Ria Khan** — teacher, Northtown Primary School"
    else:
        assert found.contents == "Ria Khan — teacher, Northtown Primary School"
    assert placed([found]) == [f"{owner.line}:{owner.character + 6}-"
                               f"{owner.line}:{owner.character + 9}"]


async def test_completion_offers_the_core_group_after_owner(each_client, plan_uri):
    half_typed = PLAN.replace("    owner ria\n", "    owner \n")
    await open_plan(each_client, plan_uri, half_typed)
    owner = where("owner ria")
    found = await each_client.text_document_completion_async(t.CompletionParams(
        document(plan_uri), t.Position(owner.line, owner.character + 6)))
    assert [(item.label, item.kind, item.detail) for item in found.items] == [
        ("sam", t.CompletionItemKind.Variable, "Sam Patel, lead social worker"),
        ("jo", t.CompletionItemKind.Variable, "Jo Lee, health visitor"),
        ("ria", t.CompletionItemKind.Variable, "Ria Khan, teacher"),
        ("kerry", t.CompletionItemKind.Variable, "Kerry Example, parent"),
        ("tom", t.CompletionItemKind.Variable, "Tom Field, advocate"),
    ]
    edit = found.items[2].text_edit
    assert (edit.new_text, edit.range.start.character) == ("ria", owner.character + 6)

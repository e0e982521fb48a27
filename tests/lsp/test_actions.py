"""Quick fixes, source actions and formatting through a real client."""

from __future__ import annotations

import pytest
from lsp_client import change_plan, example, open_plan, shown, slipped_plan
from lsprotocol import types as t

pytestmark = pytest.mark.asyncio(loop_scope="module")

PLAN = slipped_plan()


def apply(text: str, edits) -> str:
    """Apply LSP text edits (UTF-16 positions; these plans are ASCII) to a text."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(position: t.Position) -> int:
        return offsets[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def edits_of(action: t.CodeAction, uri: str) -> list[t.TextEdit]:
    if action.edit.document_changes:
        (change,) = action.edit.document_changes
        assert change.text_document.uri == uri
        return list(change.edits)
    return list(action.edit.changes[uri])


async def actions_at(client, uri, line, character, only=None) -> list[t.CodeAction]:
    here = t.Range(t.Position(line, character), t.Position(line, character))
    return await client.text_document_code_action_async(t.CodeActionParams(
        t.TextDocumentIdentifier(uri=uri), here,
        t.CodeActionContext(diagnostics=[], only=only)))


async def test_a_misspelt_owner_has_a_preferred_quick_fix(each_client, plan_uri):
    await open_plan(each_client, plan_uri, PLAN)
    found = await actions_at(each_client, plan_uri, 59, 11, only=["quickfix"])
    assert [(a.title, a.kind, a.is_preferred) for a in found] == [
        ("Fix CP103: Replace `riaa` with `ria`", "quickfix", True),
        ("Suppress CP103 (undefined-reference) on line 60, with a reason", "quickfix", None),
    ]
    assert [d.code for d in found[0].diagnostics] == ["CP103"]
    mended = apply(PLAN, edits_of(found[0], plan_uri))
    assert mended == PLAN.replace("owner riaa", "owner ria")
    after = await change_plan(each_client, plan_uri, mended, version=2)
    assert [row[1] for row in shown(after)] == ["CP302"]


async def test_a_suppression_goes_on_the_line_above(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    suppress = (await actions_at(client, plan_uri, 59, 11, only=["quickfix"]))[1]
    mended = apply(PLAN, edits_of(suppress, plan_uri))
    assert "    # cplint: ignore[CP103] ...\n    owner riaa\n" in mended


async def test_skeletons_wait_for_unsafe_fixes(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    found = await actions_at(client, plan_uri, 2, 3, only=["quickfix"])
    assert [a.title for a in found] == [
        "Suppress CP302 (missing-second-chair) on line 3, with a reason"]


async def test_unsafe_fixes_when_the_settings_allow(own_client, plan_uri):
    own_client.set_configuration({"unsafeFixes": True, "today": "2026-03-01"},
                                 section="cplint")
    own_client.workspace_did_change_configuration(
        t.DidChangeConfigurationParams(settings=None))
    await open_plan(own_client, plan_uri, PLAN)
    found = await actions_at(own_client, plan_uri, 2, 3, only=["quickfix"])
    assert [(a.title, a.is_preferred) for a in found] == [
        ("Fix CP302: Name `jo` the second chair", None),
        ("Suppress CP302 (missing-second-chair) on line 3, with a reason", None),
    ]
    mended = apply(PLAN, edits_of(found[0], plan_uri))
    assert "  chair sam\n  second-chair jo\n" in mended


async def test_fix_all_is_resolved_when_asked(each_client, plan_uri):
    await open_plan(each_client, plan_uri, PLAN)
    found = await actions_at(each_client, plan_uri, 0, 0, only=["source"])
    fix_all = next(a for a in found if a.kind == "source.fixAll.cplint")
    assert fix_all.title == "Fix all safe problems (cplint)"
    if fix_all.edit is None:  # the client resolves edits lazily
        fix_all = await each_client.code_action_resolve_async(fix_all)
    assert apply(PLAN, edits_of(fix_all, plan_uri)) == PLAN.replace("owner riaa", "owner ria")


async def test_without_only_every_kind_is_offered(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    found = await actions_at(client, plan_uri, 59, 11)
    assert [a.kind for a in found] == ["quickfix", "quickfix", "source.fixAll.cplint",
                                       "source.sortPlan.cplint"]


async def test_sort_the_plan(client, plan_uri):
    text = example("good/neglect.cp")
    moved = text.replace("  category neglect\n", "").replace(
        "  core-groups every 4 weeks\n", "  core-groups every 4 weeks\n  category neglect\n")
    await open_plan(client, plan_uri, moved)
    found = await actions_at(client, plan_uri, 0, 0, only=["source.sortPlan"])
    (sort,) = found
    if sort.edit is None:
        sort = await client.code_action_resolve_async(sort)
    assert apply(moved, edits_of(sort, plan_uri)).count("category neglect") == 1


async def test_resolving_for_a_changed_text_applies_nothing(client, plan_uri):
    await open_plan(client, plan_uri, PLAN)
    (fix_all,) = [a for a in await actions_at(client, plan_uri, 0, 0, only=["source.fixAll"])]
    await change_plan(client, plan_uri, PLAN + "\n", version=2)
    resolved = await client.code_action_resolve_async(fix_all)
    assert resolved.edit is None


async def test_formatting_gives_the_formatters_layout(each_client, plan_uri):
    text = example("good/neglect.cp")
    messy = text.replace("  chair sam\n", "  chair    sam\n").replace(
        "    due 2026-03-20\n", "      due 2026-03-20\n")
    await open_plan(each_client, plan_uri, messy)
    edits = await each_client.text_document_formatting_async(t.DocumentFormattingParams(
        t.TextDocumentIdentifier(uri=plan_uri), t.FormattingOptions(2, True)))
    assert apply(messy, edits) == text


async def test_range_formatting_changes_only_the_lines_asked(client, plan_uri):
    text = example("good/neglect.cp")
    messy = text.replace("  chair sam\n", "  chair    sam\n").replace(
        "    due 2026-03-20\n", "      due 2026-03-20\n")
    await open_plan(client, plan_uri, messy)
    line = messy.split("\n").index("      due 2026-03-20")
    edits = await client.text_document_range_formatting_async(
        t.DocumentRangeFormattingParams(
            t.TextDocumentIdentifier(uri=plan_uri),
            t.Range(t.Position(line, 0), t.Position(line + 1, 0)), t.FormattingOptions(2, True)))
    assert apply(messy, edits) == text.replace("  chair sam\n", "  chair    sam\n")


async def test_no_formatting_while_the_plan_has_syntax_errors(client, plan_uri):
    broken = example("good/neglect.cp").replace("  chair sam\n", "  chair \n")
    await open_plan(client, plan_uri, broken)
    edits = await client.text_document_formatting_async(t.DocumentFormattingParams(
        t.TextDocumentIdentifier(uri=plan_uri), t.FormattingOptions(2, True)))
    assert edits is None

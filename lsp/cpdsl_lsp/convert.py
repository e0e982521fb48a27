"""The library's answers as lsprotocol types, in the client's positions: the one place the
two meet, so that lsprotocol appears only in the server."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

from lsprotocol import types as t

import cpdsl
from cpdsl.diagnostics import Diagnostic, Severity
from cpdsl.fixes import Edit, Fix
from cpdsl.model import Span

from cpdsl_lsp.positions import PositionMap

SOURCE = "cplint"
_SEVERITY = {Severity.ERROR: t.DiagnosticSeverity.Error,
             Severity.WARNING: t.DiagnosticSeverity.Warning,
             Severity.INFO: t.DiagnosticSeverity.Information}
_UNNECESSARY = frozenset({"CP107"})  # a suppression that suppresses nothing: greyed out


def lsp_range(positions: PositionMap, span: Span) -> t.Range:
    start, end = positions.range(span)
    return t.Range(t.Position(*start), t.Position(*end))


def offsets_range(positions: PositionMap, start: int, end: int) -> t.Range:
    first, last = positions.offsets_range(start, end)
    return t.Range(t.Position(*first), t.Position(*last))


def text_edit(positions: PositionMap, edit: Edit) -> t.TextEdit:
    return t.TextEdit(offsets_range(positions, edit.start, edit.end), edit.new_text)


def text_edits(positions: PositionMap, edits: Iterable[Edit]) -> list[t.TextEdit]:
    return [text_edit(positions, edit) for edit in edits]


class ClientFeatures:
    """What the client says it can show, read once from its capabilities."""

    def __init__(self, capabilities: t.ClientCapabilities) -> None:
        document = capabilities.text_document
        publish = document.publish_diagnostics if document else None
        self.related_information = bool(publish and publish.related_information)
        self.tags = bool(publish and publish.tag_support)
        self.code_description = bool(publish and publish.code_description_support)
        self.pull = bool(document and document.diagnostic)
        action = document.code_action if document else None
        resolve = action.resolve_support if action else None
        self.resolve_edit = bool(resolve and "edit" in (resolve.properties or ()))
        workspace = capabilities.workspace
        edit = workspace.workspace_edit if workspace else None
        self.document_changes = bool(edit and edit.document_changes)
        self.configuration = bool(workspace and workspace.configuration)
        refresh = workspace.diagnostics if workspace else None
        self.refresh = bool(refresh and refresh.refresh_support)
        watched = workspace.did_change_watched_files if workspace else None
        self.watch_files = bool(watched and watched.dynamic_registration)
        window = capabilities.window
        self.progress = bool(window and window.work_done_progress)
        completion = document.completion if document else None
        item = completion.completion_item if completion else None
        self.snippets = bool(item and item.snippet_support)
        self.completion_markdown = bool(
            item and t.MarkupKind.Markdown in (item.documentation_format or ()))
        hover = document.hover if document else None
        self.hover_markdown = bool(hover and t.MarkupKind.Markdown in (hover.content_format or ()))


def diagnostic(found: Diagnostic, positions: PositionMap, uri: str, client: ClientFeatures,
               help_uri: str | None = None) -> t.Diagnostic:
    message = found.message
    related = None
    if found.related:
        if client.related_information:
            related = [t.DiagnosticRelatedInformation(
                t.Location(uri, lsp_range(positions, place.span)), place.message)
                for place in found.related]
        else:  # Emacs 29 and others would lose the second place: say it in the message
            message += "".join(f"\n(line {place.span.line}: {place.message})"
                               for place in found.related)
    link = rule_link(found.code, help_uri)
    return t.Diagnostic(
        range=lsp_range(positions, found.span), message=message,
        severity=_SEVERITY[found.severity], code=found.code,
        code_description=t.CodeDescription(href=link) if link else None, source=SOURCE,
        tags=[t.DiagnosticTag.Unnecessary] if found.code in _UNNECESSARY else None,
        related_information=related,
        data=fix_data(found.fix, positions) if found.fix else None)


def fix_data(fix: Fix, positions: PositionMap) -> dict:
    """A diagnostic's fix in its `data`, as ruff sends it: a shortcut for clients that
    return it in code action requests (the server still checks it against its analysis)."""
    return {"fixes": [{"title": fix.title, "applicability": fix.applicability.value,
                       "edits": [{"range": _range_json(text_edit(positions, edit).range),
                                  "newText": edit.new_text} for edit in fix.edits]}]}


def _range_json(found: t.Range) -> dict:
    return {"start": {"line": found.start.line, "character": found.start.character},
            "end": {"line": found.end.line, "character": found.end.character}}


@functools.cache  # one per code and address: every finding has one
def rule_link(code: str, help_uri: str | None) -> str | None:
    """Where a rule's documentation is: the configured copy of docs/rules.md, else the
    page the package ships."""
    if help_uri:
        return f"{help_uri}#{code.lower()}"
    page = rules_page()
    return f"{page.as_uri()}#{code.lower()}" if page else None


@functools.cache
def rules_page() -> Path | None:
    """docs/rules.md: inside the package of a wheel, beside it in a checkout."""
    package = Path(cpdsl.__file__).resolve().parent
    for candidate in (package / "docs" / "rules.md", package.parent / "docs" / "rules.md"):
        if candidate.is_file():
            return candidate
    return None


def workspace_edit(uri: str, version: int | None, edits: Sequence[t.TextEdit],
                   client: ClientFeatures) -> t.WorkspaceEdit:
    """Edits of one document, versioned when the client takes `documentChanges` (so an
    edit made for an older text is refused, not misapplied)."""
    if client.document_changes:
        return t.WorkspaceEdit(document_changes=[t.TextDocumentEdit(
            t.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), list(edits))])
    return t.WorkspaceEdit(changes={uri: list(edits)})


# -- language features -------------------------------------------------------------------

_SYMBOL_KINDS = {
    "plan": t.SymbolKind.Module, "child": t.SymbolKind.Object,
    "member": t.SymbolKind.Variable, "excluded": t.SymbolKind.Variable,
    "need": t.SymbolKind.Interface, "outcome": t.SymbolKind.Struct,
    "action": t.SymbolKind.Function, "meeting": t.SymbolKind.Event,
    "conference": t.SymbolKind.Event, "contact": t.SymbolKind.Method,
    "assessment": t.SymbolKind.Field, "views": t.SymbolKind.String,
}


def symbol(positions: PositionMap, found) -> t.DocumentSymbol:
    """An outline entry (cpdsl.editor.outline.Symbol) and its children."""
    return t.DocumentSymbol(
        name=found.name, detail=found.detail or None,
        kind=_SYMBOL_KINDS.get(found.kind, t.SymbolKind.Property),
        range=lsp_range(positions, found.range),
        selection_range=lsp_range(positions, found.selection),
        children=[symbol(positions, child) for child in found.children] or None)


def fold(found) -> t.FoldingRange:
    """A fold (cpdsl.editor.folding.Fold): lines, which need no encoding."""
    kind = t.FoldingRangeKind.Comment if found.kind == "comment" else t.FoldingRangeKind.Region
    return t.FoldingRange(start_line=found.start_line - 1, end_line=found.end_line - 1,
                          kind=kind)


def semantic_data(positions: PositionMap, tokens) -> list[int]:
    """Semantic tokens (cpdsl.editor.highlighting, in file order, one line each) in LSP's
    relative encoding, positions and lengths in the client's units."""
    from cpdsl.editor.highlighting import TOKEN_MODIFIER_BIT, TOKEN_TYPE_INDEX

    data: list[int] = []
    last_line = last_start = 0
    for token in tokens:
        line, start = positions.position(token.line, token.column)
        _, end = positions.position(token.line, token.column + token.length)
        data += [line - last_line, start - last_start if line == last_line else start,
                 end - start, TOKEN_TYPE_INDEX[token.kind],
                 sum(TOKEN_MODIFIER_BIT[modifier] for modifier in token.modifiers)]
        last_line, last_start = line, start
    return data


def inlay_hint(positions: PositionMap, found) -> t.InlayHint:
    """A hint (cpdsl.editor.hints.InlayHint), shown just after what it is about."""
    line, character = positions.position(found.line, found.column)
    return t.InlayHint(position=t.Position(line, character), label=found.label,
                       tooltip=found.tooltip or None, padding_left=True)


def markup(text: str, markdown: bool) -> t.MarkupContent | str:
    """Text written as markdown; for a client that shows no markdown, a plain string (which
    every client takes) without the emphasis marks and escapes."""
    if markdown:
        return t.MarkupContent(kind=t.MarkupKind.Markdown, value=text)
    return text.replace("**", "").replace("\\", "")

"""The language features: outline, folding, colours, hints, navigation and rename, each a
thin handler over one function of cpdsl.editor on the document's analysis.

Registered on the server when cpdsl_lsp.server imports this module.
"""

from __future__ import annotations

from lsprotocol import types as t
from pygls.exceptions import JsonRpcException

from cpdsl.editor import folding, highlighting, hints, navigation, outline
from cpdsl.model import Span

from cpdsl_lsp import convert
from cpdsl_lsp.server import CplintServer, _document, handler, server

LEGEND = t.SemanticTokensLegend(token_types=list(highlighting.TOKEN_TYPES),
                                token_modifiers=list(highlighting.TOKEN_MODIFIERS))


def _opened(ls: CplintServer, uri: str):
    """The document, its analysis and its position map; None for a document that is not
    open (or too large to analyse as it is typed)."""
    found = _document(ls, uri)
    if found is None:
        return None
    state, analysis = found
    return state, analysis, state.positions(analysis, ls.encoding)


def _at(ls: CplintServer, uri: str, position: t.Position):
    """_opened, and the library's place of a client position."""
    found = _opened(ls, uri)
    if found is None:
        return None
    return *found, found[2].place((position.line, position.character))


def _span_of(positions, asked: t.Range) -> Span:
    start = positions.place((asked.start.line, asked.start.character))
    end = positions.place((asked.end.line, asked.end.character))
    return Span(*start, *end)


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@handler([])
def document_symbols(ls: CplintServer, params: t.DocumentSymbolParams):
    found = _opened(ls, params.text_document.uri)
    if found is None:
        return []
    _, analysis, positions = found
    return [convert.symbol(positions, symbol) for symbol in outline.document_symbols(analysis)]


@server.feature(t.TEXT_DOCUMENT_FOLDING_RANGE)
@handler([])
def folding_ranges(ls: CplintServer, params: t.FoldingRangeParams):
    found = _document(ls, params.text_document.uri)
    if found is None:
        return []
    return [convert.fold(fold) for fold in folding.folding_ranges(found[1])]


@server.feature(t.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, LEGEND)
@handler(t.SemanticTokens(data=[]))
def semantic_tokens_full(ls: CplintServer, params: t.SemanticTokensParams):
    return _semantic_tokens(ls, params.text_document.uri, None)


@server.feature(t.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE, LEGEND)
@handler(t.SemanticTokens(data=[]))
def semantic_tokens_range(ls: CplintServer, params: t.SemanticTokensRangeParams):
    return _semantic_tokens(ls, params.text_document.uri, params.range)


def _semantic_tokens(ls: CplintServer, uri: str, asked: t.Range | None) -> t.SemanticTokens:
    """The document's tokens (those overlapping `asked`, if given) in LSP's encoding."""
    found = _opened(ls, uri)
    if found is None:
        return t.SemanticTokens(data=[])
    _, analysis, positions = found
    span = _span_of(positions, asked) if asked is not None else None
    return t.SemanticTokens(data=convert.semantic_data(
        positions, highlighting.semantic_tokens(analysis, span)))


@server.feature(t.TEXT_DOCUMENT_INLAY_HINT)
@handler([])
def inlay_hints(ls: CplintServer, params: t.InlayHintParams):
    found = _opened(ls, params.text_document.uri)
    if found is None:
        return []
    _, analysis, positions = found
    return [convert.inlay_hint(positions, hint)
            for hint in hints.inlay_hints(analysis, _span_of(positions, params.range))]


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
@handler([])
def definition(ls: CplintServer, params: t.DefinitionParams):
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return []
    state, analysis, positions, place = found
    return [t.Location(state.uri, convert.lsp_range(positions, span))
            for span in navigation.definition_at(analysis, *place)]


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
@handler([])
def references(ls: CplintServer, params: t.ReferenceParams):
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return []
    state, analysis, positions, place = found
    spans = navigation.references_at(analysis, *place,
                                     include_declaration=params.context.include_declaration)
    return [t.Location(state.uri, convert.lsp_range(positions, span)) for span in spans]


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
@handler([])
def document_highlight(ls: CplintServer, params: t.DocumentHighlightParams):
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return []
    _, analysis, positions, place = found
    kinds = {navigation.WRITE: t.DocumentHighlightKind.Write,
             navigation.READ: t.DocumentHighlightKind.Read}
    return [t.DocumentHighlight(convert.lsp_range(positions, found.span), kinds[found.kind])
            for found in navigation.highlights_at(analysis, *place)]


@server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
@handler(None)
def prepare_rename(ls: CplintServer, params: t.PrepareRenameParams):
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    _, analysis, positions, place = found
    answer = navigation.prepare_rename(analysis, *place)
    if isinstance(answer, navigation.RenameRefused):
        raise _Refused(answer.message)
    return convert.lsp_range(positions, answer)


@server.feature(t.TEXT_DOCUMENT_RENAME)
def rename(ls: CplintServer, params: t.RenameParams):
    # Not through `handler`: a refusal must reach the user as the request's error.
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    state, analysis, positions, place = found
    answer = navigation.rename_edits(analysis, *place, params.new_name)
    if isinstance(answer, navigation.RenameRefused):
        raise _Refused(answer.message)
    return convert.workspace_edit(state.uri, state.version,
                                  convert.text_edits(positions, answer), ls.client)


class _Refused(JsonRpcException):
    """A request refused with a message the editor shows ("`jo` is already the id of a
    member on line 4: choose another name")."""

    CODE = -32803  # RequestFailed (LSP 3.17)


# -- hover and completion ----------------------------------------------------------------

_COMPLETION_KINDS = {
    "keyword": t.CompletionItemKind.Keyword, "person": t.CompletionItemKind.Variable,
    "outcome": t.CompletionItemKind.Struct, "need": t.CompletionItemKind.Interface,
    "action": t.CompletionItemKind.Function, "value": t.CompletionItemKind.EnumMember,
    "profile": t.CompletionItemKind.Module, "snippet": t.CompletionItemKind.Snippet,
}


@server.feature(t.TEXT_DOCUMENT_HOVER)
@handler(None)
def hover(ls: CplintServer, params: t.HoverParams):
    from cpdsl.editor.hover import hover_at

    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    _, analysis, positions, place = found
    answer = hover_at(analysis, *place)
    if answer is None:
        return None
    return t.Hover(contents=convert.markup(answer.markdown, ls.client.hover_markdown),
                   range=convert.lsp_range(positions, answer.span))


@server.feature(t.TEXT_DOCUMENT_COMPLETION,
                t.CompletionOptions(trigger_characters=[" "], resolve_provider=False))
@handler(t.CompletionList(is_incomplete=False, items=[]))
def completion(ls: CplintServer, params: t.CompletionParams):
    from cpdsl.editor.completion import complete_at

    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return t.CompletionList(is_incomplete=False, items=[])
    _, analysis, positions, place = found
    snippets = ls.client.snippets
    items = []
    for rank, offered in enumerate(complete_at(analysis, *place)):
        if offered.is_snippet and not snippets:
            continue  # a client without snippets would insert the placeholders as written
        items.append(t.CompletionItem(
            label=offered.label, kind=_COMPLETION_KINDS.get(offered.kind),
            detail=offered.detail or None,
            documentation=convert.markup(offered.documentation, ls.client.completion_markdown)
            if offered.documentation else None,
            sort_text=f"{rank:04d}",  # the library's order: likeliest first
            insert_text_format=(t.InsertTextFormat.Snippet if offered.is_snippet
                                else t.InsertTextFormat.PlainText),
            text_edit=t.TextEdit(convert.lsp_range(positions, offered.replace),
                                 offered.insert_text)))
    return t.CompletionList(is_incomplete=False, items=items)

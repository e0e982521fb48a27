"""Code actions, formatting and the commands editors bind to keys: all through the core's
fixes and formatter."""

from __future__ import annotations

import logging

from lsprotocol import types as t

from cpdsl import __version__
from cpdsl.editor.changes import line_edits, one_edit

from cpdsl_lsp import actions
from cpdsl_lsp.convert import diagnostic, text_edits, workspace_edit
from cpdsl_lsp.documents import DocumentState
from cpdsl_lsp.server import CplintServer, _document, handler, server

log = logging.getLogger("cplint.lsp")

@server.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                t.CodeActionOptions(code_action_kinds=list(actions.KINDS), resolve_provider=True))
@handler([])
def code_action(ls: CplintServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    found = _document(ls, params.text_document.uri)
    if found is None:
        return []
    state, analysis = found
    positions = state.positions(analysis, ls.encoding)
    kinds = actions.wanted_kinds(params.context.only)
    help_uri = ls.judging(state.uri).help_uri
    answer: list[t.CodeAction] = []
    if t.CodeActionKind.QuickFix in kinds:
        answer += actions.quick_fixes(
            analysis, positions, state.uri, state.version, params.range, ls.client,
            ls.settings.unsafe_fixes,
            lambda d: diagnostic(d, positions, state.uri, ls.client, help_uri))
    if actions.FIX_ALL in kinds and ls.settings.fix_all and any(
            d.fix is not None and d.fix.is_safe for d in analysis.diagnostics):
        edits = None if ls.client.resolve_edit else actions.fix_all_edits(analysis, positions)
        answer.append(actions.source_action(actions.FIX_ALL, "Fix all safe problems (cplint)",
                                            state.uri, state.version, edits, ls.client))
    if actions.SORT_PLAN in kinds and not analysis.syntax_errors:
        judging = ls.judging(state.uri)
        edits = (None if ls.client.resolve_edit
                 else actions.sort_edits(analysis, positions, judging.line_length))
        if edits != []:
            answer.append(actions.source_action(actions.SORT_PLAN, "Sort the plan (cplint)",
                                                state.uri, state.version, edits, ls.client))
    return answer


@server.feature(t.CODE_ACTION_RESOLVE)
@handler(None)
def resolve_code_action(ls: CplintServer, action: t.CodeAction) -> t.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    found = _document(ls, str(data.get("uri", "")))
    if found is None:
        return action
    state, analysis = found
    if data.get("version") != state.version:
        return action  # made for a text that has changed since: nothing to apply
    positions = state.positions(analysis, ls.encoding)
    if action.kind == actions.FIX_ALL:
        edits = actions.fix_all_edits(analysis, positions)
    elif action.kind == actions.SORT_PLAN:
        edits = actions.sort_edits(analysis, positions, ls.judging(state.uri).line_length)
    else:
        return action
    return actions.source_action(action.kind, action.title, state.uri, state.version, edits,
                                 ls.client)


@server.feature(t.TEXT_DOCUMENT_FORMATTING)
@handler(None)
def formatting(ls: CplintServer, params: t.DocumentFormattingParams):
    return _format(ls, params.text_document.uri, None)


@server.feature(t.TEXT_DOCUMENT_RANGE_FORMATTING)
@handler(None)
def range_formatting(ls: CplintServer, params: t.DocumentRangeFormattingParams):
    return _format(ls, params.text_document.uri, params.range)


def _format(ls: CplintServer, uri: str, asked: t.Range | None) -> list[t.TextEdit] | None:
    """The formatter's changes as edits: none (None) when the plan has syntax errors or
    the formatter refuses; for a range, only the changed lines it touches."""
    from cpdsl.formatting import format_analysis

    found = _document(ls, uri)
    if found is None:
        return None
    state, analysis = found
    result = format_analysis(analysis, ls.judging(uri).line_length)
    if not result.ok:
        return None
    positions = state.positions(analysis, ls.encoding)
    if asked is None:
        return text_edits(positions, one_edit(analysis.text, result.text))
    first = positions.place((asked.start.line, asked.start.character))[0]
    last = positions.place((asked.end.line, asked.end.character))[0]
    if asked.end.character == 0 and asked.end.line > asked.start.line:
        last -= 1  # a selection of whole lines ends at the start of the next
    return text_edits(positions, line_edits(analysis.text, result.text, first, last))


# -- commands (for editors' own menus and key bindings) ----------------------------------


@server.command("cplint.applyFixAll")
def apply_fix_all(ls: CplintServer, uri: str) -> None:
    """Apply every safe fix to an open plan (the client is asked to make the edit)."""
    found = _document(ls, uri)
    if found is not None:
        state, analysis = found
        edits = actions.fix_all_edits(analysis, state.positions(analysis, ls.encoding))
        _apply(ls, state, edits, "cplint: fix all safe problems")


@server.command("cplint.applyFormat")
def apply_format(ls: CplintServer, uri: str) -> None:
    """Format an open plan."""
    state = ls.docs.get(uri)
    edits = _format(ls, uri, None)
    if state is not None and edits:
        _apply(ls, state, edits, "cplint: format")


def _apply(ls: CplintServer, state: DocumentState, edits: list[t.TextEdit], label: str) -> None:
    if edits:
        ls.workspace_apply_edit(t.ApplyWorkspaceEditParams(
            edit=workspace_edit(state.uri, state.version, edits, ls.client), label=label))


@server.command("cplint.printDebugInformation")
def debug_information(ls: CplintServer) -> str:
    """What the server runs with, for a bug report: versions, encoding, settings and, for
    each open plan, the configuration that applies (no plan text)."""
    import platform
    import sys
    from importlib.metadata import version

    lines = [f"cplint {__version__}, pygls {version('pygls')}, "
             f"Python {platform.python_version()} ({sys.executable})",
             f"position encoding {ls.encoding}; diagnostics "
             f"{'pulled' if ls.client.pull else 'pushed'}; settings {ls.settings._asdict()}"]
    for state in ls.docs:
        judging = ls.judging(state.uri)
        lines.append(f"{state.uri}: version {state.version}, configuration "
                     f"{judging.config_path or 'none (defaults)'}, today {judging.today}")
    text = "\n".join(lines)
    log.info("%s", text)
    return text

"""Code actions from the core's fixes: a quick fix per finding that has one, "suppress with
a reason" for any finding, every safe fix at once (`source.fixAll.cplint`) and the plan in
its recommended order (`source.sortPlan.cplint`).

The fixes come from the document's own analysis, found by the finding's code and range:
a diagnostic's `data` is only a shortcut that few clients send back.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types as t

from cpdsl.analysis import Analysis
from cpdsl.diagnostics import Diagnostic
from cpdsl.editor.changes import one_edit
from cpdsl.fixes import Fix

from cpdsl_lsp.convert import ClientFeatures, lsp_range, text_edits, workspace_edit
from cpdsl_lsp.positions import PositionMap

FIX_ALL = "source.fixAll.cplint"
SORT_PLAN = "source.sortPlan.cplint"
KINDS = (t.CodeActionKind.QuickFix, FIX_ALL, SORT_PLAN)


def wanted_kinds(only: Sequence[str] | None) -> set[str]:
    """The kinds asked for: `only` matches by prefix (`source` selects both source
    actions, `quickfix` the quick fixes)."""
    if not only:
        return {t.CodeActionKind.QuickFix, FIX_ALL, SORT_PLAN}
    return {kind for kind in KINDS if any(kind == asked or kind.startswith(f"{asked}.")
                                          for asked in only)}


def _overlaps(found: t.Range, asked: t.Range) -> bool:
    start, end = (found.start.line, found.start.character), (found.end.line, found.end.character)
    first = (asked.start.line, asked.start.character)
    last = (asked.end.line, asked.end.character)
    return start <= last and first <= end


def quick_fixes(analysis: Analysis, positions: PositionMap, uri: str, version: int | None,
                asked: t.Range, client: ClientFeatures, unsafe: bool,
                diagnostic_of) -> list[t.CodeAction]:
    """A quick fix for each finding on the range that has a fix (unsafe ones only with
    `unsafe`), then a suppression for each. `diagnostic_of` turns a finding into the
    lsprotocol diagnostic the action says it fixes."""
    from cpdsl.suppressions import suppression_fix

    actions: list[t.CodeAction] = []
    suppressions: list[t.CodeAction] = []
    for found in analysis.diagnostics:
        if not _overlaps(lsp_range(positions, found.span), asked):
            continue
        if found.fix is not None and (unsafe or found.fix.is_safe):
            actions.append(_action(f"Fix {found.code}: {found.fix.title}", found, found.fix,
                                   positions, uri, version, client, diagnostic_of))
        suppression = suppression_fix(found, analysis.text, analysis.lines)
        if suppression is not None:
            suppressions.append(_action(suppression.title, found, suppression, positions,
                                        uri, version, client, diagnostic_of))
    return actions + suppressions


def _action(title: str, found: Diagnostic, fix: Fix, positions: PositionMap, uri: str,
            version: int | None, client: ClientFeatures, diagnostic_of) -> t.CodeAction:
    return t.CodeAction(title=title, kind=t.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic_of(found)], is_preferred=fix.is_safe or None,
                        edit=workspace_edit(uri, version, text_edits(positions, fix.edits),
                                            client))


def fix_all_edits(analysis: Analysis, positions: PositionMap, unsafe: bool = False
                  ) -> list[t.TextEdit]:
    """Every safe fix (and the unsafe ones with `unsafe`), applied and checked as
    `cplint check --fix` applies them, as the fewest edits."""
    from cpdsl.fixing import fix_analysis

    fixed = fix_analysis(analysis, unsafe)
    return text_edits(positions, one_edit(analysis.text, fixed.analysis.text))


def sort_edits(analysis: Analysis, positions: PositionMap, line_length: int) -> list[t.TextEdit]:
    """The plan's top-level statements in the recommended order (`cplint fmt --sort`);
    nothing when the plan has syntax errors or the formatter refuses."""
    from cpdsl.formatting import format_analysis

    result = format_analysis(analysis, line_length, sort=True)
    return text_edits(positions, one_edit(analysis.text, result.text)) if result.ok else []


def source_action(kind: str, title: str, uri: str, version: int | None,
                  edits: list[t.TextEdit] | None, client: ClientFeatures) -> t.CodeAction:
    """A source action; with `edits` None its edit is left for codeAction/resolve."""
    action = t.CodeAction(title=title, kind=kind, data={"uri": uri, "version": version})
    if edits is not None:
        action.edit = workspace_edit(uri, version, edits, client)
    return action

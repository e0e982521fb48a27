"""Applying fixes to a plan's text until nothing more can be mended, and checking each
pass (what `cplint check --fix` does to a file, before it writes anything).

A pass applies every fix wanted that does not overlap another (cpdsl.fixes.apply_fixes),
then analyses the result again. The result of a pass is kept only if it parses as well as
before (no syntax error gained) and the findings it set out to mend are gone (of each
code mended, as many fewer as were mended); otherwise its fixes are tried one at a time
and the first that passes is kept. A mended value may let other rules judge what they
could not before (a role spelt right is a role the membership rules read): those
findings are new, not the fix's failure, and are reported. Passes repeat, since one fix
can make room for another, up to MAX_PASSES.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from cpdsl.analysis import Analysis
from cpdsl.diagnostics import Diagnostic
from cpdsl.fixes import Fix, apply_fixes

MAX_PASSES = 10


class Fixed(NamedTuple):
    analysis: Analysis  # of the text as mended (the text as it was, if nothing was)
    applied: tuple[Diagnostic, ...]  # the findings mended, in the order they were
    refused: tuple[Diagnostic, ...]  # findings whose fix failed its check (a cplint bug)


def wanted(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and (unsafe or fix.is_safe)


def fix_analysis(analysis: Analysis, unsafe: bool = False,
                 reanalyse: Callable[[str], Analysis] | None = None) -> Fixed:
    """Mend what can be mended in an analysed text. Each new text is analysed as the first
    was (Analysis.again), or by `reanalyse`."""
    reanalyse = reanalyse or analysis.again
    applied: list[Diagnostic] = []
    refused: list[Diagnostic] = []
    for _ in range(MAX_PASSES):
        candidates = [d for d in analysis.diagnostics
                      if wanted(d, unsafe) and d not in refused]
        if not candidates:
            break
        after, mended = _pass(analysis, candidates, reanalyse)
        if not mended:  # one of them fails its check: try each alone, keep the first good
            after = None
            for candidate in candidates:
                alone, mended = _pass(analysis, [candidate], reanalyse)
                if mended:
                    after = alone
                    break
                refused.append(candidate)
            if after is None:
                break
        analysis = after
        applied.extend(mended)
    return Fixed(analysis, tuple(applied), tuple(refused))


def _pass(analysis: Analysis, candidates: list[Diagnostic],
          reanalyse: Callable[[str], Analysis]) -> tuple[Analysis, list[Diagnostic]]:
    """The analysis after applying the candidates' fixes, and the findings mended; (the
    analysis as it was, []) when the result fails its check."""
    by_fix: dict[Fix, list[Diagnostic]] = {}
    for d in candidates:
        by_fix.setdefault(d.fix, []).append(d)
    text, chosen = apply_fixes(analysis.text, by_fix)
    if not chosen or text == analysis.text:
        return analysis, []
    after = reanalyse(text)
    mended = [d for fix in chosen for d in by_fix[fix]]
    if not _holds(analysis, after, mended):
        return analysis, []
    return after, mended


def _holds(before: Analysis, after: Analysis, mended: list[Diagnostic]) -> bool:
    """Whether a pass did what it set out to: no syntax error gained, and of each code
    mended, as many findings fewer as were mended."""
    if len(after.syntax_errors) > len(before.syntax_errors) - _syntax_mended(mended):
        return False
    was = Counter(d.code for d in before.diagnostics)
    now = Counter(d.code for d in after.diagnostics)
    gone = Counter(d.code for d in mended)
    return all(now[code] <= was[code] - count for code, count in gone.items())


def _syntax_mended(mended: list[Diagnostic]) -> int:
    return sum(1 for d in mended if d.code in ("CP100", "CP101"))

"""What a run needs of its results once they are printed: counts only (the summary line,
the exit code, `--statistics`), so that no result is kept after its findings are out."""

from __future__ import annotations

from cpdsl.diagnostics import Diagnostic, Severity
from cpdsl.lint import LintResult


def fixable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (unsafe or d.fix.is_safe)


def blocked(result: LintResult) -> bool:
    """Whether --fix leaves this file as it is whatever its fixes: a syntax error in it
    has no fix (cplint never writes a plan it cannot parse)."""
    return any(d.code in ("CP100", "CP101") and d.fix is None for d in result.diagnostics)


class Tally:
    """Counts over the results added so far."""

    def __init__(self, unsafe: bool = False) -> None:
        self.unsafe = unsafe
        self.files = 0  # results added (files linted, standard input included)
        self.found = 0
        self.by_severity = {severity: 0 for severity in Severity}
        self.files_with_findings = 0
        self.fixed = 0
        self.fixable = 0  # what --fix would mend (with the flags given)
        self.hidden = 0  # fixes only --unsafe-fixes would apply
        self.waiting = 0  # files with fixes --fix leaves: a syntax error there
        self.failing = False  # a finding at or above its file's fail-on, or a note
        self.by_rule: dict[tuple[str, str], list[int]] = {}  # (code, name) -> [n, fixable]

    def add(self, result: LintResult) -> None:
        from cpdsl.selection import RANK

        self.files += 1
        self.fixed += len(result.fixed)
        if result.note:
            self.failing = True
        if not result.diagnostics:
            return
        self.files_with_findings += 1
        self.found += len(result.diagnostics)
        held = blocked(result)
        if held and any(d.fix for d in result.diagnostics):
            self.waiting += 1
        for d in result.diagnostics:
            self.by_severity[d.severity] += 1
            if RANK[d.severity] >= RANK[result.fail_on]:
                self.failing = True
            mended = not held and fixable(d, self.unsafe)
            if mended:
                self.fixable += 1
            elif not held and d.fix is not None:
                self.hidden += 1
            counts = self.by_rule.setdefault((d.code, d.name), [0, 0])
            counts[0] += 1
            counts[1] += mended


def statistics(tally: Tally) -> str:
    """`--statistics`: a line per rule that fired, the most found first, as ruff prints
    them: the count, the code, `[*]` if --fix mends some of them, the name."""
    if not tally.by_rule:
        return ""
    rows = sorted(tally.by_rule.items(), key=lambda item: (-item[1][0], item[0][0]))
    width = max(len(str(counts[0])) for _, counts in rows)
    code_width = max(len(code) for (code, _), _ in rows)
    return "".join(f"{counts[0]:>{width}}\t{code:<{code_width}}\t"
                   f"{'[*]' if counts[1] else '[ ]'} {name}\n"
                   for (code, name), counts in rows)

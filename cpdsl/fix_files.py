"""`cplint check --fix` for one plan: read it, mend it (cpdsl.fixing), write it back.

The plan is written only when a fix was applied, every syntax error is mended (a plan
with a syntax error cplint cannot mend is never touched) and it is still what was read
(cpdsl.writing: atomically, as `cplint fmt` writes). What is left is reported as the
findings of the text as written.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import NamedTuple

from cpdsl.analysis import analyse
from cpdsl.config import LintOptions
from cpdsl.fixing import fix_analysis
from cpdsl.lint import LintResult, result_of
from cpdsl.source import SourceError, decode, read_plan

_BOM = b"\xef\xbb\xbf"


class FixMode(NamedTuple):
    unsafe: bool = False  # --unsafe-fixes: apply the unsafe fixes too
    write: bool = True  # False for --diff: say what would change, write nothing


def fix_file(path: str, today: dt.date, options: LintOptions, mode: FixMode) -> LintResult:
    try:
        data, status = read_plan(path)
        text = decode(data, path)
    except SourceError as error:
        return LintResult(path, (), error=str(error))
    return fix_text(path, text, today, options, mode, (data, status))


def fix_text(name: str, text: str, today: dt.date, options: LintOptions, mode: FixMode,
             written_from: tuple[bytes, os.stat_result] | None = None) -> LintResult:
    """Mend `text` (the plan `name`, standard input when `written_from` is None: then the
    mended text is in the result's `fixed_text`, never written)."""
    first = analyse(text, today=today, relative_to=os.path.dirname(name) or ".",
                    options=options, syntax=False)
    fixed = fix_analysis(first, mode.unsafe)
    note = _refused(name, fixed.refused)
    if not fixed.applied:
        return result_of(name, first, options, note=note)
    if fixed.analysis.syntax_errors:
        return result_of(name, first, options,
                         note=f"{name}: not fixed: it has syntax errors cplint cannot mend")
    mended = fixed.analysis.text
    done = tuple((d.code, d.name) for d in fixed.applied)
    if not mode.write:
        from cpdsl.diffs import unified_diff

        return result_of(name, fixed.analysis, options, fixed=done, note=note,
                         diff=unified_diff(text, mended, name))
    if written_from is None:
        return result_of(name, fixed.analysis, options, fixed=done, note=note,
                         fixed_text=mended)
    from cpdsl.writing import FIXING, write_back

    data, status = written_from
    bom = _BOM if data.startswith(_BOM) else b""
    written, why, failed = write_back(name, bom + mended.encode("utf-8"), data, status, FIXING)
    if not written:
        if failed:  # reported with its findings as they stand, and exit 2
            return result_of(name, first, options)._replace(error=why)
        return result_of(name, first, options, note=why)
    return result_of(name, fixed.analysis, options, fixed=done, note=note)


def _refused(name: str, refused) -> str | None:
    if not refused:
        return None
    codes = ", ".join(sorted({d.code for d in refused}))
    return (f"{name}: a fix for {codes} did not mend its finding and was not applied "
            "(a bug in cplint; please report it)")

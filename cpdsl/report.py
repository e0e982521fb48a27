"""The output formats: each a small function from results to text.

Text from a plan (a message quoting it, a line shown, a path) is written with its hidden
characters escaped (cpdsl.hidden), never raw, in every format.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from cpdsl.diagnostics import Diagnostic, Severity
from cpdsl.hidden import escaped, json_escaped
from cpdsl.lint import LintResult

FORMATS = ("text", "concise", "json", "github", "sarif", "junit")
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(results: Sequence[LintResult], fmt: str, colour: bool = False,
           help_uri: str | None = None, unsafe: bool = False) -> str:
    """The results in a format; `help_uri` is the address of docs/rules.md, for SARIF.
    With `unsafe` (--unsafe-fixes), unsafe fixes count as fixable in the text formats."""
    if fmt == "sarif":
        from cpdsl.sarif import render_sarif  # only some runs need these formats

        return render_sarif(results, help_uri)
    if fmt == "junit":
        from cpdsl.junit import render_junit

        return render_junit(results)
    if fmt == "json":
        return render_json(results)
    if fmt == "github":
        return render_github(results)
    return {"text": render_text, "concise": render_concise}[fmt](results, colour, unsafe)


def _location(result: LintResult, d: Diagnostic) -> str:
    return f"{escaped(result.path)}:{d.span.line}:{d.span.column}"


def _fixable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (unsafe or d.fix.is_safe)


def blocked(result: LintResult) -> bool:
    """Whether --fix leaves this file as it is whatever its fixes: a syntax error in it
    has no fix (cplint never writes a plan it cannot parse)."""
    return any(d.code in ("CP100", "CP101") and d.fix is None for d in result.diagnostics)


def _marks(result: LintResult, unsafe: bool):
    """`[*] ` before each finding `--fix` would mend (with the flags given), as ruff marks
    it; none in a file --fix would not write."""
    if blocked(result):
        return lambda d: ""
    return lambda d: "[*] " if _fixable(d, unsafe) else ""


def render_concise(results: Sequence[LintResult], colour: bool = False,
                   unsafe: bool = False) -> str:
    out = []
    for result in results:
        mark = _marks(result, unsafe)
        for d in result.diagnostics:
            out.append(f"{_location(result, d)}: {d.code} {mark(d)}[{d.name}] "
                       f"{escaped(d.message)}")
    return "".join(line + "\n" for line in out)


def render_text(results: Sequence[LintResult], colour: bool = False,
                unsafe: bool = False) -> str:
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if colour else text

    out = []
    for result in results:
        mark = _marks(result, unsafe)
        for d in result.diagnostics:
            where = style(_location(result, d), bold=True)
            code = style(d.code, fg=_COLOURS[d.severity], bold=True)
            out.append(f"{where}: {code} {mark(d)}[{d.name}] {escaped(d.message)}")
            out.extend(_excerpt(result, d, style))
            for related in d.related:
                out.append(f"  note: {escaped(result.path)}:{related.span.line}:"
                           f"{related.span.column}: {escaped(related.message)}")
            if d.fix is not None:
                safety = "" if d.fix.is_safe else " (unsafe)"
                out.append(f"  fix{safety}: {escaped(d.fix.title)}")
            out.append("")
    out.append(summary(results, unsafe))
    return "\n".join(out) + "\n"


def _excerpt(result: LintResult, d: Diagnostic, style) -> list[str]:
    line = (result.lines or {}).get(d.span.line)
    if line is None:
        return []
    number = str(d.span.line)
    gutter = " " * len(number)
    start = d.span.column - 1
    end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(line)
    plain = line.expandtabs(1)  # a tab shown as one space keeps the columns
    shown = escaped(plain)
    start, end = len(escaped(plain[:start])), len(escaped(plain[:end]))  # past escapes
    marker = " " * start + "^" * max(end - start, 1)
    marker = style(marker, fg=_COLOURS[d.severity])
    return [f"{gutter} |", f"{number} | {shown}", f"{gutter} | {marker}"]


def _count(n: int, what: str, plural: str | None = None) -> str:
    return f"{n} {what if n == 1 else plural or what + 's'}"


def summary(results: Sequence[LintResult], unsafe: bool = False) -> str:
    """The last line of the text format: what was found (and fixed), and what `--fix`
    would mend."""
    found = [d for r in results for d in r.diagnostics]
    fixed = sum(len(r.fixed) for r in results)
    files = sum(1 for r in results if r.diagnostics)
    if not found:
        checked = len(results)
        done = f" after {_count(fixed, 'fix', 'fixes')}" if fixed else ""
        return f"All checks passed ({_count(checked, 'file')}){done}."
    counts = {s: sum(1 for d in found if d.severity is s) for s in Severity}
    detail = ", ".join(_count(n, s.value, "info" if s is Severity.INFO else None)
                       for s, n in counts.items() if n)
    line = f"Found {_count(len(found), 'problem')} in {_count(files, 'file')} ({detail})."
    if fixed:
        line = (f"Found {_count(len(found) + fixed, 'problem')} ({fixed} fixed, "
                f"{len(found)} remaining, in {_count(files, 'file')}: {detail}).")
    open_ = [d for r in results if not blocked(r) for d in r.diagnostics]
    fixable = sum(1 for d in open_ if _fixable(d, unsafe))
    hidden = sum(1 for d in open_ if d.fix is not None and not _fixable(d, unsafe))
    waiting = sum(1 for r in results if blocked(r) and any(d.fix for d in r.diagnostics))
    if fixable:
        flags = "--fix --unsafe-fixes" if unsafe else "--fix"
        line += f"\n[*] {fixable} fixable with `cplint check {flags}`."
    if hidden:
        line += (f"\n({_count(hidden, 'more fix', 'more fixes')} with `--unsafe-fixes`: "
                 "skeletons to fill in and changes to check.)")
    if waiting:
        line += (f"\n({_count(waiting, 'file')} with fixes left as "
                 f"{'it is' if waiting == 1 else 'they are'} by --fix: a syntax error there "
                 "has no fix; mend it by hand first.)")
    return line


def render_fixes(results: Sequence[LintResult]) -> str:
    """What --fix mended, file by file and rule by rule (--show-fixes)."""
    done = [r for r in results if r.fixed]
    if not done:
        return "No problems fixed.\n"
    total = sum(len(r.fixed) for r in done)
    out = [f"Fixed {_count(total, 'problem')}:"]
    for result in done:
        out.append(f"- {escaped(result.path)}:")
        counts: dict[tuple[str, str], int] = {}
        for code_name in result.fixed:
            counts[code_name] = counts.get(code_name, 0) + 1
        for (code, name), n in sorted(counts.items()):
            out.append(f"    {n} \u00d7 {code} ({name})")
    return "\n".join(out) + "\n"


def would_fix(results: Sequence[LintResult]) -> str:
    """What --diff says on standard error, after the diffs."""
    changed = [r for r in results if r.diff]
    if not changed:
        return "No fixes to apply."
    total = sum(len(r.fixed) for r in changed)
    return f"Would fix {_count(total, 'problem')} in {_count(len(changed), 'file')}."


def fix_json(result: LintResult, d: Diagnostic) -> dict | None:
    """A finding's fix as JSON (ruff's shape): title, applicability, and each edit's
    content with its start and end places (1-based line and column)."""
    if d.fix is None:
        return None
    places = result.places or {}
    return {
        "message": d.fix.title,
        "applicability": d.fix.applicability.value,
        "edits": [{"content": edit.new_text,
                   "location": _place_json(places.get(edit.start)),
                   "end_location": _place_json(places.get(edit.end))}
                  for edit in d.fix.edits],
    }


def _place_json(place: tuple[int, int] | None) -> dict | None:
    return None if place is None else {"row": place[0], "column": place[1]}


def render_json(results: Sequence[LintResult], colour: bool = False) -> str:
    import json
    items = [
        {
            "file": result.path,
            "line": d.span.line,
            "column": d.span.column,
            "end_line": d.span.end_line,
            "end_column": d.span.end_column,
            "code": d.code,
            "name": d.name,
            "severity": d.severity.value,
            "message": d.message,
            "fix": fix_json(result, d),
        }
        for result in results
        for d in result.diagnostics
    ]
    return json_escaped(json.dumps(items, indent=2, ensure_ascii=False)) + "\n"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github(results: Sequence[LintResult], colour: bool = False) -> str:
    out = []
    for result in results:
        for d in result.diagnostics:
            props = ",".join([
                f"file={_escape_property(result.path)}", f"line={d.span.line}",
                f"col={d.span.column}", f"endLine={d.span.end_line}",
                f"endColumn={d.span.end_column}",
                f"title={_escape_property(f'{d.code} {d.name}')}",
            ])
            out.append(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(d.message)}")
    return "".join(line + "\n" for line in out)


def _escape_data(text: str) -> str:
    return escaped(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")

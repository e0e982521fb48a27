"""The output formats: each a small function from one result to its text, so that a run
prints each file's findings as they come (cpdsl.writers puts them in their document and
adds the summary from the counts, cpdsl.tally).

Text from a plan (a message quoting it, a line shown, a path) is written with its hidden
characters escaped (cpdsl.hidden), never raw, in every format.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from cpdsl.diagnostics import Diagnostic, Severity
from cpdsl.hidden import escaped
from cpdsl.lint import LintResult
from cpdsl.tally import Tally, blocked, fixable

FORMATS = ("text", "concise", "json", "github", "sarif", "junit")
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(results: Sequence[LintResult], fmt: str, colour: bool = False,
           help_uri: str | None = None, unsafe: bool = False) -> str:
    """The results in a format, as one text; `help_uri` is the address of docs/rules.md,
    for SARIF. With `unsafe` (--unsafe-fixes), unsafe fixes count as fixable in the text
    formats. A run streams the same text through cpdsl.writers."""
    from cpdsl.writers import render_all

    return render_all(results, fmt, colour, help_uri, unsafe)


def _location(result: LintResult, d: Diagnostic) -> str:
    return f"{escaped(result.path)}:{d.span.line}:{d.span.column}"


def _marks(result: LintResult, unsafe: bool):
    """`[*] ` before each finding `--fix` would mend (with the flags given), as ruff marks
    it; none in a file --fix would not write."""
    if blocked(result):
        return lambda d: ""
    return lambda d: "[*] " if fixable(d, unsafe) else ""


def concise_of(result: LintResult, colour: bool = False, unsafe: bool = False) -> str:
    mark = _marks(result, unsafe)
    return "".join(f"{_location(result, d)}: {d.code} {mark(d)}[{d.name}] "
                   f"{escaped(d.message)}\n" for d in result.diagnostics)


def render_concise(results: Sequence[LintResult], colour: bool = False,
                   unsafe: bool = False) -> str:
    return "".join(concise_of(result, colour, unsafe) for result in results)


def text_of(result: LintResult, colour: bool = False, unsafe: bool = False) -> str:
    """One file's findings in the text format, each with its line and a blank line."""
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if colour else text

    out = []
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
    return "".join(line + "\n" for line in out)


def render_text(results: Sequence[LintResult], colour: bool = False,
                unsafe: bool = False) -> str:
    tally = Tally(unsafe)
    for result in results:
        tally.add(result)
    return "".join(text_of(r, colour, unsafe) for r in results) + summary(tally) + "\n"


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


def summary(tally: Tally) -> str:
    """The last line of the text format: what was found (and fixed), and what `--fix`
    would mend."""
    found, fixed, files = tally.found, tally.fixed, tally.files_with_findings
    if not found:
        done = f" after {_count(fixed, 'fix', 'fixes')}" if fixed else ""
        return f"All checks passed ({_count(tally.files, 'file')}){done}."
    detail = ", ".join(_count(n, s.value, "info" if s is Severity.INFO else None)
                       for s, n in tally.by_severity.items() if n)
    line = f"Found {_count(found, 'problem')} in {_count(files, 'file')} ({detail})."
    if fixed:
        line = (f"Found {_count(found + fixed, 'problem')} ({fixed} fixed, "
                f"{found} remaining, in {_count(files, 'file')}: {detail}).")
    fixable, hidden, waiting = tally.fixable, tally.hidden, tally.waiting
    if fixable:
        flags = "--fix --unsafe-fixes" if tally.unsafe else "--fix"
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


def would_fix(files: int, findings: int) -> str:
    """What --diff says on standard error, after the diffs: how many findings in how many
    files its fixes would mend."""
    if not files:
        return "No fixes to apply."
    return f"Would fix {_count(findings, 'problem')} in {_count(files, 'file')}."


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


def json_items(result: LintResult) -> list[dict]:
    """One file's findings as the JSON format's items."""
    return [
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
        for d in result.diagnostics
    ]


def render_json(results: Sequence[LintResult], colour: bool = False) -> str:
    return render(results, "json")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github_of(result: LintResult, colour: bool = False, unsafe: bool = False) -> str:
    out = []
    for d in result.diagnostics:
        props = ",".join([
            f"file={_escape_property(result.path)}", f"line={d.span.line}",
            f"col={d.span.column}", f"endLine={d.span.end_line}",
            f"endColumn={d.span.end_column}",
            f"title={_escape_property(f'{d.code} {d.name}')}",
        ])
        out.append(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(d.message)}")
    return "".join(line + "\n" for line in out)


def render_github(results: Sequence[LintResult], colour: bool = False) -> str:
    return "".join(github_of(result) for result in results)


def _escape_data(text: str) -> str:
    return escaped(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")

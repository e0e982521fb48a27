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
           help_uri: str | None = None) -> str:
    """The results in a format; `help_uri` is the address of docs/rules.md, for SARIF."""
    if fmt == "sarif":
        from cpdsl.sarif import render_sarif  # only some runs need these formats

        return render_sarif(results, help_uri)
    if fmt == "junit":
        from cpdsl.junit import render_junit

        return render_junit(results)
    return {"text": render_text, "concise": render_concise, "json": render_json,
            "github": render_github}[fmt](results, colour)


def _location(result: LintResult, d: Diagnostic) -> str:
    return f"{escaped(result.path)}:{d.span.line}:{d.span.column}"


def render_concise(results: Sequence[LintResult], colour: bool = False) -> str:
    out = []
    for result in results:
        for d in result.diagnostics:
            out.append(f"{_location(result, d)}: {d.code} [{d.name}] {escaped(d.message)}")
    return "".join(line + "\n" for line in out)


def render_text(results: Sequence[LintResult], colour: bool = False) -> str:
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if colour else text

    out = []
    for result in results:
        for d in result.diagnostics:
            where = style(_location(result, d), bold=True)
            code = style(d.code, fg=_COLOURS[d.severity], bold=True)
            out.append(f"{where}: {code} [{d.name}] {escaped(d.message)}")
            out.extend(_excerpt(result, d, style))
            for related in d.related:
                out.append(f"  note: {escaped(result.path)}:{related.span.line}:"
                           f"{related.span.column}: {escaped(related.message)}")
            out.append("")
    out.append(summary(results))
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


def summary(results: Sequence[LintResult]) -> str:
    found = [d for r in results for d in r.diagnostics]
    files = sum(1 for r in results if r.diagnostics)
    if not found:
        checked = len(results)
        return f"All checks passed ({checked} file{'s' if checked != 1 else ''})."
    counts = {s: sum(1 for d in found if d.severity is s) for s in Severity}
    detail = ", ".join(f"{n} {s.value}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    return (f"Found {len(found)} problem{'s' if len(found) != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''} ({detail}).")


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

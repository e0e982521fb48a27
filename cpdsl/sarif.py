"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

Every rule is described in `runs[0].tool.driver.rules`, with its documentation as help
(GitHub shows `help.markdown` beside an alert); each finding is a result pointing at its
rule by id and index. Paths are relative to the current folder (`%SRCROOT%`) where they
can be; columns count code points (`columnKind`), 1-based, the end exclusive, as ours do.
`helpUri` and `informationUri` must be absolute URIs (SARIF 2.1.0, 3.49.12 and 3.19.17), so
they are given only when the configuration's `help-uri` says where docs/rules.md is
published.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

from cpdsl import __version__
from cpdsl.diagnostics import Diagnostic, Severity
from cpdsl.fixes import Fix
from cpdsl.hidden import json_escaped
from cpdsl.lint import LintResult
from cpdsl.model import Span
from cpdsl.rules import ALL_RULES
from cpdsl.rules.base import Rule
from cpdsl.rules.docs import body

SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
          "sarif-schema-2.1.0.json")
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_DESCRIPTION_LIMIT = 1024  # GitHub shows at most this much of a rule's descriptions
RULE_INDEX = {rule.code: number for number, rule in enumerate(ALL_RULES)}


RESULTS_HERE = "@@cplint: the results go here@@"


def render_sarif(results: Sequence[LintResult], help_uri: str | None = None) -> str:
    from cpdsl.writers import render_all

    return render_all(results, "sarif", help_uri=help_uri)


def sarif_frame(help_uri: str | None = None) -> tuple[str, str, str]:
    """The log around its results, for writing them as they come: the text up to and
    including the results' `[`, the indentation of each result, and the text after the
    results' `]`. The rest of the log is what it would be with the results in place."""
    driver: dict = {"name": "cplint", "version": __version__, "semanticVersion": __version__}
    if help_uri:
        driver["informationUri"] = help_uri
    driver["rules"] = [descriptor(rule, help_uri) for rule in ALL_RULES]
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"uri": _folder_uri(os.getcwd())}},
        "columnKind": "unicodeCodePoints",
        "results": [RESULTS_HERE],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    text = json_escaped(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
    before, after = text.split(json.dumps(RESULTS_HERE))
    opening, indent = before.rsplit("\n", 1)
    closing = after.split("]", 1)[1]
    return opening, indent, closing


def sarif_results(linted: LintResult) -> list[dict]:
    """One file's findings as SARIF results."""
    return [_result(linted, d, RULE_INDEX) for d in linted.diagnostics]


def descriptor(rule: Rule, help_uri: str | None = None) -> dict:
    """A rule as a SARIF reportingDescriptor."""
    described = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _shortened(rule.doc.split("\n\n")[0].replace("\n", " "))},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "help": {"text": rule.doc, "markdown": body(rule)},
    }
    if help_uri:
        described["helpUri"] = f"{help_uri}#{rule.code.lower()}"
    return described


def _result(linted: LintResult, d: Diagnostic, index: dict[str, int]) -> dict:
    path = linted.path
    result: dict = {"ruleId": d.code}
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    result.update({
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [_location(path, d.span)],
    })
    if d.related:
        result["relatedLocations"] = [
            {"id": number, **_location(path, related.span), "message": {"text": related.message}}
            for number, related in enumerate(d.related, start=1)]
    if d.fix is not None and linted.places:
        result["fixes"] = [_fix(path, d.fix, linted.places)]
    return result


def _fix(path: str, fix: Fix, places: dict[int, tuple[int, int]]) -> dict:
    """A fix as SARIF has it: each edit a deleted region (empty for an insertion) and the
    text inserted there. Whether it is safe is said in the description, since SARIF has
    no field for it."""
    safety = "" if fix.is_safe else " (unsafe: check it, and fill in what it leaves)"
    return {
        "description": {"text": fix.title + safety},
        "artifactChanges": [{
            "artifactLocation": artifact_location(path),
            "replacements": [{"deletedRegion": _region(places[edit.start], places[edit.end]),
                              "insertedContent": {"text": edit.new_text}}
                             for edit in fix.edits],
        }],
    }


def _region(start: tuple[int, int], end: tuple[int, int]) -> dict:
    return {"startLine": start[0], "startColumn": start[1],
            "endLine": end[0], "endColumn": end[1]}


def _location(path: str, span: Span) -> dict:
    return {"physicalLocation": {
        "artifactLocation": artifact_location(path),
        "region": {"startLine": span.line, "startColumn": span.column,
                   "endLine": span.end_line, "endColumn": span.end_column},
    }}


def artifact_location(path: str) -> dict:
    """A path relative to the current folder (%SRCROOT%) where it is under it, else a file URI."""
    from urllib.parse import quote

    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive, on Windows
        relative = os.pardir
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": _file_uri(absolute)}
    return {"uri": quote(relative.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def _file_uri(path: str) -> str:
    import pathlib

    return pathlib.Path(path).as_uri()


def _folder_uri(path: str) -> str:
    uri = _file_uri(path)
    return uri if uri.endswith("/") else uri + "/"


def _shortened(text: str) -> str:
    if len(text) <= _DESCRIPTION_LIMIT:
        return text
    return text[:_DESCRIPTION_LIMIT - 3].rsplit(" ", 1)[0] + "..."

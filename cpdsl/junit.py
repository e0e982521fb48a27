"""JUnit XML, as CI systems read test reports: one testsuite per file, one testcase per rule
that fired there (or one `cplint` testcase for a clean file).

A rule's findings are one failure, each on a line `file:line:col: severity: message`.
Findings below the configuration's `fail-on` do not fail: they are kept in the testcase's
`system-out`, so the report agrees with the exit code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cpdsl.diagnostics import Diagnostic
from cpdsl.hidden import escaped
from cpdsl.lint import LintResult
from cpdsl.selection import RANK

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_junit(results: Sequence[LintResult]) -> str:
    from cpdsl.writers import render_all

    return render_all(results, "junit")


def junit_suite(result: LintResult) -> tuple[str, int, int]:
    """One file's testsuite as text, indented as it stands in the report, with its
    testcases and failures counted."""
    from xml.etree import ElementTree

    suite = ElementTree.Element("testsuite", name=_clean(result.path), tests="0",
                                failures="0", errors="0", skipped="0")
    by_rule: dict[str, list[Diagnostic]] = {}
    for d in result.diagnostics:
        by_rule.setdefault(d.code, []).append(d)
    if not by_rule:
        ElementTree.SubElement(suite, "testcase", name="cplint", classname=_clean(result.path),
                               file=_clean(result.path))
    failed = 0
    for code in sorted(by_rule):
        failed += _testcase(suite, result, by_rule[code])
    cases = max(len(by_rule), 1)
    suite.set("tests", str(cases))
    suite.set("failures", str(failed))
    ElementTree.indent(suite, level=1)
    return ElementTree.tostring(suite, encoding="unicode"), cases, failed


def junit_opening(tests: int, failures: int, empty: bool) -> str:
    """The report's declaration and its `testsuites` element's start (the whole of it,
    when there is no testsuite)."""
    from xml.etree import ElementTree

    element = ElementTree.Element("testsuites", name="cplint", tests=str(tests),
                                  failures=str(failures), errors="0")
    tag = ElementTree.tostring(element, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + (tag if empty else tag[:-3] + ">")


JUNIT_CLOSING = "\n</testsuites>\n"


def _testcase(suite, result: LintResult, found: list[Diagnostic]) -> int:
    """One rule's testcase in one file; 1 if it failed."""
    from xml.etree import ElementTree

    first = found[0]
    path = _clean(result.path)
    case = ElementTree.SubElement(suite, "testcase", name=f"{first.code} {first.name}",
                                  classname=path, file=path)
    lines = [f"{path}:{d.span.line}:{d.span.column}: {d.severity.value}: {_clean(d.message)}"
             for d in found]
    if all(RANK[d.severity] < RANK[result.fail_on] for d in found):
        ElementTree.SubElement(case, "system-out").text = "\n".join(lines)
        return 0
    message = lines[0] + (f" (and {len(found) - 1} more)" if len(found) > 1 else "")
    failure = ElementTree.SubElement(case, "failure", message=message, type=first.code)
    failure.text = "\n".join(lines)
    return 1


def _clean(text: str) -> str:
    """Hidden characters escaped as in every format; then what XML cannot hold."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", escaped(text))

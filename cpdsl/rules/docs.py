"""The rules' documentation as Markdown: docs/rules.md, `cplint explain`, SARIF's help.

One function, `body`, makes a rule's text for all three, so they cannot disagree.

    python -m cpdsl.rules.docs docs/rules.md   # or: make rules-doc
"""

from __future__ import annotations

import sys

from cpdsl.hidden import escaped
from cpdsl.rules import ALL_RULES
from cpdsl.rules.base import Rule

DOC_PATH = "docs/rules.md"
_HEADER = """\
# Rules

<!-- Generated from the rules' documentation by `make rules-doc`: edit the rules, not this
file; a test fails while it is stale. -->

Every rule cplint has: what it checks, why, and an example that fails and one that passes.
`cplint explain CODE` (or the rule's name) prints the same text, and `cplint rules` lists
the rules. A project chooses rules and changes severities in its configuration, and a plan
accepts a finding where it stands with a suppression comment that gives the reason (see
CP107 and the README).

**Severities.** One policy decides every rule's default severity: the strongest word among the sources
the rule cites. `must` or `shall` make it an **error**; `should`, `will` or `is expected
to` a **warning**; good practice with no such word **info**. Each rule's documentation
quotes that word, with its source, in its `Severity:` line, or says why it departs (the
language's own rules, CP1, are errors: what cplint cannot read it cannot check). A
project's configuration or a profile's `[severity]` table may change any of them.
"""


def body(rule: Rule) -> str:
    """A rule's documentation in Markdown, as `cplint explain` prints it (an example of a
    hidden character shown escaped, as cplint shows them everywhere)."""
    return (f"- Name: `{rule.name}`\n- Severity: {rule.severity.value}\n"
            f"- Checks: {escaped(rule.summary)}\n\n{escaped(markdown(rule.doc))}\n")


def explanation(rule: Rule) -> str:
    """What `cplint explain` prints: the code, then the same text as docs/rules.md."""
    return f"{rule.code} {rule.name}\n\n{body(rule)}"


def section(rule: Rule) -> str:
    """A rule's section of docs/rules.md; its heading gives the anchor `#cp302`."""
    return f"## {rule.code}\n\n{body(rule)}"


def rules_markdown(rules: tuple[Rule, ...] = ALL_RULES) -> str:
    """The whole of docs/rules.md: an index table, then a section per rule."""
    rows = ["| code | name | severity | checks |", "| --- | --- | --- | --- |"]
    for rule in rules:
        summary = rule.summary.replace("|", "\\|")
        rows.append(f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` | "
                    f"{rule.severity.value} | {summary} |")
    sections = "\n".join(section(rule) for rule in rules)
    return f"{_HEADER}\n" + "\n".join(rows) + f"\n\n{sections}"


def markdown(doc: str) -> str:
    """A rule's docstring as Markdown: the indented examples under a line that ends in `:`
    (`Fails:`, `Passes:`) become fenced `cp` blocks, which Markdown would otherwise run
    into the line above."""
    lines = doc.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if not (line.endswith(":") and not line.startswith((" ", "-", "*"))
                and i < len(lines) and lines[i].startswith("    ")):
            continue
        block: list[str] = []
        while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
            block.append(lines[i][4:])
            i += 1
        while block and not block[-1].strip():
            block.pop()
        out.extend(["", "```cp", *block, "```"])
        if i < len(lines):
            out.append("")
    return "\n".join(out).strip("\n")


def main(argv: list[str]) -> int:
    text = rules_markdown()
    if not argv:
        sys.stdout.write(text)
        return 0
    with open(argv[0], "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""What every rule is: metadata, a check over the plan, and its documentation.

A check yields `Finding`s that point at spans taken from the model; it never works out
a line or column itself. The rule's docstring is its documentation, with an example
that fails and one that passes under the headings `Fails:` and `Passes:`.
"""

from __future__ import annotations

import datetime as dt
import functools
import textwrap
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from cpdsl.citations import for_people
from cpdsl.diagnostics import Diagnostic, Related, Severity
from cpdsl.index import PlanIndex
from cpdsl.lines import Lines
from cpdsl.model import Plan, Span
from cpdsl.node import walk
from cpdsl.profile import Profile

if TYPE_CHECKING:
    from cpdsl.fixes import Fix


class Context(NamedTuple):
    """What a check may look at: the plan, its index of ids, every node (walked once for
    all rules), the date to judge by, and the profile whose numbers apply."""

    plan: Plan
    index: PlanIndex
    nodes: tuple[object, ...]
    today: dt.date
    profile: Profile
    syntax_errors: tuple[Span, ...] = ()
    profile_problem: str | None = None  # why the plan's own profile could not be used
    text: str = ""  # the plan's text as linted (for CP108, and for fixes' edits)
    lines: Lines | None = None  # where the text's lines start: places to offsets

    @classmethod
    def of(cls, plan: Plan, today: dt.date, profile: Profile,
           syntax_errors: tuple[Span, ...] = (), profile_problem: str | None = None,
           text: str = "", lines: Lines | None = None) -> Context:
        return cls(plan, PlanIndex.of(plan), tuple(walk(plan)), today, profile, syntax_errors,
                   profile_problem, text, lines or Lines(text))

    def is_broken(self, span: Span) -> bool:
        """Whether a syntax error lies inside `span` (or at it, for the empty span of an
        empty file): what is missing there may just be unread."""
        start = (span.line, span.column)
        return any(span.contains(e.line, e.column) or (e.line, e.column) == start
                   for e in self.syntax_errors)


class Finding(NamedTuple):
    """A fault at `at`. A finding that something is missing from a block gives the
    block's span as `within`; it is dropped when a syntax error lies inside that block."""

    at: Span
    message: str
    related: tuple[Related, ...] = ()
    within: Span | None = None
    fix: Fix | None = None  # what would mend it (cpdsl.fixes)


Check = Callable[[Context], Iterable[Finding]]


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    summary: str
    docstring: str  # as written; `doc` is it without its indentation
    check: Check | None = None  # None for the rules the parser reports (CP100, CP101)
    ref: str = ""  # the guidance in a few words, added to messages that do not cite it

    def run(self, context: Context) -> Iterator[Diagnostic]:
        if self.check is None:
            return
        for finding in self.check(context):
            if finding.within is not None and context.is_broken(finding.within):
                continue
            message = finding.message
            if self.ref and ".txt" not in message:
                message = f"{message} ({self.ref})"
            related = tuple(r._replace(message=for_people(r.message)) for r in finding.related)
            yield Diagnostic(self.code, self.name, self.severity, for_people(message),
                             finding.at, related, finding.fix)

    @property
    def doc(self) -> str:
        """The documentation: the docstring without its indentation (worked out when asked
        for, not at import: sixty docstrings would cost every run a couple of ms)."""
        return cleandoc(self.docstring)

    def examples(self, heading: str) -> list[str]:
        """The code blocks under `Fails:` or `Passes:` in the documentation."""
        return _examples(self.doc, heading)


def rule(code: str, name: str, severity: Severity, summary: str,
         ref: str = "") -> Callable[[Check], Rule]:
    """Make a check function into a Rule; its docstring becomes the documentation."""

    def make(check: Check) -> Rule:
        return Rule(code, name, severity, summary, check.__doc__ or "", check, ref)

    return make


@functools.cache
def cleandoc(doc: str) -> str:
    """A docstring without its indentation (inspect.cleandoc, without importing inspect)."""
    first, _, rest = doc.strip("\n").partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()


def _examples(doc: str, heading: str) -> list[str]:
    blocks: list[str] = []
    lines = doc.splitlines()
    for number, line in enumerate(lines):
        if line.strip() != heading:
            continue
        body = []
        for following in lines[number + 1:]:
            if following.strip() and not following.startswith("    "):
                break
            body.append(following[4:])
        blocks.append("\n".join(body).strip("\n") + "\n")
    return blocks

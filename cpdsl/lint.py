"""Text in, diagnostics out: the whole check of one plan, with no file or terminal in sight."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import NamedTuple

from cpdsl.diagnostics import Diagnostic
from cpdsl.model import Plan
from cpdsl.parsing import parse
from cpdsl.profile import DEFAULT_PROFILE, Profile, ProfileError, load_profile
from cpdsl.rules import ALL_RULES, RULES_BY_CODE
from cpdsl.rules.base import Context, Rule


class LintResult(NamedTuple):
    """The findings for one file, with the source lines they point at (for display)."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    lines: dict[int, str] | None = None  # line number -> text, for the lines found at
    error: str | None = None  # the file could not be linted at all (unreadable, not UTF-8)


def lint_text(text: str, today: dt.date, rules: Iterable[Rule] = ALL_RULES,
              profile: Profile | None = None, relative_to: str = ".") -> tuple[Diagnostic, ...]:
    """Every finding in a plan's text: syntax errors first found, then the rules'.

    `profile` overrides the plan's own; a profile path in the plan is read relative to
    `relative_to` (the plan's folder).
    """
    parsed = parse(text)
    diagnostics = [
        _syntax_diagnostic(error.code, error.message, error.span) for error in parsed.syntax_errors
    ]
    problem = None
    if profile is None:
        profile, problem = plan_profile(parsed.plan, relative_to)
    context = Context.of(parsed.plan, today, profile,
                         tuple(e.span for e in parsed.syntax_errors), problem)
    for rule in rules:
        diagnostics.extend(rule.run(context))
    return tuple(sorted(diagnostics, key=lambda d: d.sort_key))


def lint_result(path: str, text: str, today: dt.date,
                profile: Profile | None = None) -> LintResult:
    diagnostics = lint_text(text, today, profile=profile,
                            relative_to=os.path.dirname(path) or ".")
    wanted = {d.span.line for d in diagnostics}
    lines = {}
    if wanted:
        for number, line in enumerate(text.split("\n"), start=1):  # as the parser counts
            if number in wanted:
                lines[number] = line.rstrip("\r")
    return LintResult(path, diagnostics, lines)


def plan_profile(plan: Plan, relative_to: str) -> tuple[Profile, str | None]:
    """The profile the plan names (or the default), and why the named one cannot be used."""
    if plan.profile is None:
        return load_profile(DEFAULT_PROFILE), None
    try:
        return load_profile(plan.profile.text, relative_to), None
    except ProfileError as error:
        return load_profile(DEFAULT_PROFILE), str(error)


def _syntax_diagnostic(code, message, span) -> Diagnostic:
    rule = RULES_BY_CODE[code]
    return Diagnostic(code, rule.name, rule.severity, message, span)

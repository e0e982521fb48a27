"""Text in, diagnostics out: the whole check of one plan, with no file or terminal in sight."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import NamedTuple

from cpdsl.config import DEFAULT_OPTIONS, LintOptions
from cpdsl.diagnostics import Diagnostic, Severity
from cpdsl.model import Plan
from cpdsl.parsing import ParseResult, parse, with_line_feeds
from cpdsl.profile import DEFAULT_PROFILE, Profile, ProfileError, load_profile
from cpdsl.rules import ALL_RULES, RULES_BY_CODE
from cpdsl.rules.base import Context, Rule
from cpdsl.selection import profile_severity


class LintResult(NamedTuple):
    """The findings for one file, with the source lines they point at (for display)."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    lines: dict[int, str] | None = None  # line number -> text, for the lines found at
    error: str | None = None  # the file could not be linted at all (unreadable, not UTF-8)
    fail_on: Severity = Severity.INFO  # findings below this do not make the exit code 1


def lint_text(text: str, today: dt.date, rules: Iterable[Rule] = ALL_RULES,
              profile: Profile | None = None, relative_to: str = ".",
              options: LintOptions = DEFAULT_OPTIONS) -> tuple[Diagnostic, ...]:
    """Every finding in a plan's text: syntax errors first found, then the rules', less
    those suppressed in comments, at the severities the profile and configuration set.

    `profile` (or `options.profile`) overrides the plan's own; a profile path in the plan
    is read relative to `relative_to` (the plan's folder). `options` carries what the
    configuration decides: the rules enabled, severities, a default profile.
    """
    text = with_line_feeds(text)
    return lint_parsed(parse(text), text, today, rules, profile, relative_to, options)


def lint_parsed(parsed: ParseResult, text: str, today: dt.date,
                rules: Iterable[Rule] = ALL_RULES, profile: Profile | None = None,
                relative_to: str = ".",
                options: LintOptions = DEFAULT_OPTIONS) -> tuple[Diagnostic, ...]:
    """lint_text for a text already parsed (`parsed` is `parse(text)`, `text` with line
    feeds for lone carriage returns: cpdsl.parsing.with_line_feeds)."""
    enabled = options.enabled
    diagnostics = [
        _syntax_diagnostic(error.code, error.message, error.span)
        for error in parsed.syntax_errors if enabled is None or error.code in enabled
    ]
    problem = None
    profile = profile or options.profile
    if profile is None:
        profile, problem = plan_profile(parsed.plan, relative_to, options.default_profile)
    context = Context.of(parsed.plan, today, profile,
                         tuple(e.span for e in parsed.syntax_errors), problem,
                         text.removeprefix("\ufeff"))
    for rule in rules:
        if enabled is None or rule.code in enabled:
            diagnostics.extend(rule.run(context))
    if any("cplint" in comment.text for comment in parsed.comments):
        from cpdsl.suppressions import apply

        diagnostics = apply(diagnostics, parsed.comments, text,
                            lambda code: enabled is None or code in enabled)
    severity = _severities(profile, options)
    if severity:
        diagnostics = [d._replace(severity=severity[d.code]) if d.code in severity else d
                       for d in diagnostics]
    return tuple(sorted(diagnostics, key=lambda d: d.sort_key))


def lint_result(path: str, text: str, today: dt.date, profile: Profile | None = None,
                options: LintOptions = DEFAULT_OPTIONS) -> LintResult:
    text = with_line_feeds(text)
    diagnostics = lint_text(text, today, profile=profile,
                            relative_to=os.path.dirname(path) or ".", options=options)
    return LintResult(path, diagnostics, shown_lines(text, diagnostics),
                      fail_on=options.fail_on)


def shown_lines(text: str, diagnostics: Iterable[Diagnostic]) -> dict[int, str]:
    """The lines the findings are on, by number, for display (`text` with line feeds for
    lone carriage returns, as the parser counts lines)."""
    wanted = {d.span.line for d in diagnostics}
    if not wanted:
        return {}
    return {number: line.rstrip("\r")
            for number, line in enumerate(text.split("\n"), start=1) if number in wanted}


def plan_profile(plan: Plan, relative_to: str,
                 default: Profile | None = None) -> tuple[Profile, str | None]:
    """The profile the plan names (or `default`, or cplint's default), and why the named
    one cannot be used."""
    if plan.profile is None:
        return default or load_profile(DEFAULT_PROFILE), None
    try:
        profile = load_profile(plan.profile.text, relative_to)
        profile_severity(profile)  # a bad [severity] table makes the profile unusable
        return profile, None
    except ProfileError as error:
        return default or load_profile(DEFAULT_PROFILE), str(error)


def _severities(profile: Profile, options: LintOptions) -> dict[str, Severity]:
    """The profile's severities, then the configuration's over them."""
    own = profile_severity(profile)
    if not options.severity:
        return own
    return {**own, **options.severity}


def _syntax_diagnostic(code, message, span) -> Diagnostic:
    rule = RULES_BY_CODE[code]
    return Diagnostic(code, rule.name, rule.severity, message, span)

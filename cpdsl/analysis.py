"""One analysis of a plan's text: the parse, the index of ids, the line table and the
diagnostics with their fixes, made once and shared.

The command line lints with it, `--fix` applies the fixes it holds, and the language
server keeps one per open document (with its piece cache, so an edit re-parses only the
pieces that changed); the minutes pack renders from its model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from cpdsl.config import DEFAULT_OPTIONS, LintOptions
from cpdsl.diagnostics import Diagnostic, Severity
from cpdsl.index import PlanIndex
from cpdsl.lines import Lines, without_bom
from cpdsl.model import Comment, Plan
from cpdsl.parsing import ParseResult, PieceCache, SyntaxFinding, parse, with_line_feeds
from cpdsl.profile import DEFAULT_PROFILE, Profile, ProfileError, load_profile
from cpdsl.rules import ALL_RULES, RULES_BY_CODE
from cpdsl.rules.base import Context, Rule
from cpdsl.selection import profile_severity

if TYPE_CHECKING:
    from cpdsl.parsing.syntax import PlanSyntax


class Settings(NamedTuple):
    """How a text was analysed, so that another text (the same plan edited, mended or
    formatted) is analysed alike."""

    today: dt.date
    profile: Profile | None  # None: the plan's own (or the configuration's default)
    relative_to: str  # the plan's folder: a profile path in the plan is read from there
    options: LintOptions
    rules: tuple[Rule, ...]


class Analysis(NamedTuple):
    """Everything cplint knows about one text. Offsets (fixes' edits, `lines`) count in
    `text`, the plan's text after any byte order mark, its line ends as written (a lone
    carriage return stays one: fixes applied to it change nothing else)."""

    text: str
    parsed: ParseResult  # with the syntax tree when analysed with `syntax=True`
    index: PlanIndex
    lines: Lines
    profile: Profile  # the one the plan was judged by
    diagnostics: tuple[Diagnostic, ...]
    settings: Settings

    @property
    def plan(self) -> Plan:
        return self.parsed.plan

    @property
    def comments(self) -> tuple[Comment, ...]:
        return self.parsed.comments

    @property
    def syntax_errors(self) -> tuple[SyntaxFinding, ...]:
        return self.parsed.syntax_errors

    @property
    def syntax(self) -> PlanSyntax | None:
        """The statement/token tree (cpdsl.parsing.syntax), error nodes where recovery
        skipped text; None when analysed without it."""
        return self.parsed.syntax

    def again(self, text: str, cache: PieceCache | None = None,
              syntax: bool | None = None) -> Analysis:
        """Another text analysed as this one was (same date, profile, configuration; the
        syntax tree if this one has it, unless `syntax` says)."""
        if syntax is None:
            syntax = self.parsed.syntax is not None
        return analyse(text, cache, syntax=syntax, **self.settings._asdict())


def analyse(text: str, cache: PieceCache | None = None, *, today: dt.date | None = None,
            profile: Profile | None = None, relative_to: str = ".",
            options: LintOptions = DEFAULT_OPTIONS, rules: Iterable[Rule] = ALL_RULES,
            syntax: bool = True) -> Analysis:
    """Parse and check a plan's text; never raises on any text.

    `today` is the date to judge by (default: today). `profile` (or `options.profile`)
    overrides the plan's own; a profile path in the plan is read relative to
    `relative_to` (the plan's folder). `options` carries what the configuration decides:
    the rules enabled, severities, a default profile. With a `cache`, pieces unchanged
    since the last analysis with it are not parsed again. `syntax=False` leaves out the
    syntax tree, which only editors and the formatter need (the command line's lint).
    """
    _, text = without_bom(text)
    return analyse_parsed(parse(text, cache, syntax=syntax), text, today=today,
                          profile=profile, relative_to=relative_to, options=options,
                          rules=rules)


def analyse_parsed(parsed: ParseResult, text: str, *, today: dt.date | None = None,
                   profile: Profile | None = None, relative_to: str = ".",
                   options: LintOptions = DEFAULT_OPTIONS,
                   rules: Iterable[Rule] = ALL_RULES) -> Analysis:
    """analyse() for a text already parsed: `parsed` is `parse(text)`, `text` the plan's
    after any byte order mark (lone carriage returns may stay: one character for one)."""
    _, text = without_bom(text)
    today = today or dt.date.today()
    settings = Settings(today, profile, relative_to, options, tuple(rules))
    enabled = options.enabled
    diagnostics = [_syntax_diagnostic(error) for error in parsed.syntax_errors
                   if enabled is None or error.code in enabled]
    problem = None
    profile = profile or options.profile
    if profile is None:
        profile, problem = plan_profile(parsed.plan, relative_to, options.default_profile)
    lines = Lines(text)
    plain = with_line_feeds(text)  # as the parser read it: one character for one
    context = Context.of(parsed.plan, today, profile,
                         tuple(e.span for e in parsed.syntax_errors), problem, plain, lines)
    for rule in settings.rules:
        if enabled is None or rule.code in enabled:
            diagnostics.extend(rule.run(context))
    if any("cplint" in comment.text for comment in parsed.comments):
        from cpdsl.suppressions import apply

        diagnostics = apply(diagnostics, parsed.comments, plain,
                            lambda code: enabled is None or code in enabled, lines)
    severity = _severities(profile, options)
    if severity:
        diagnostics = [d._replace(severity=severity[d.code]) if d.code in severity else d
                       for d in diagnostics]
    if "\r" in text and _lone_carriage_returns(text):
        diagnostics = [_with_carriage_returns(d) for d in diagnostics]
    return Analysis(text, parsed, context.index, lines, profile,
                    tuple(sorted(diagnostics, key=lambda d: d.sort_key)), settings)


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


def _syntax_diagnostic(error: SyntaxFinding) -> Diagnostic:
    rule = RULES_BY_CODE[error.code]
    return Diagnostic(error.code, rule.name, rule.severity, error.message, error.span,
                      fix=getattr(error, "fix", None))


def _lone_carriage_returns(text: str) -> bool:
    """Whether the text's lines end in a lone carriage return (its first line's does)."""
    end = text.find("\r")
    newline = text.find("\n")
    return end >= 0 and (newline < 0 or newline > end + 1)


def _with_carriage_returns(diagnostic: Diagnostic) -> Diagnostic:
    """A fix made on the text as the parser reads it (each lone CR a line feed) writes its
    line ends as the file does: a lone CR each, so the file's line ends stay one kind."""
    fix = diagnostic.fix
    if fix is None or not any("\n" in edit.new_text for edit in fix.edits):
        return diagnostic
    edits = tuple(edit._replace(new_text=edit.new_text.replace("\r\n", "\n").replace("\n", "\r"))
                  for edit in fix.edits)
    return diagnostic._replace(fix=fix._replace(edits=edits))

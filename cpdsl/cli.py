"""The `cplint` command: a thin layer that reads, lints, prints and sets the exit code."""

from __future__ import annotations

import datetime as dt
import os
import sys

import click

from cpdsl import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2


class _LintByDefault(click.Group):
    """`cplint PATH...` means `cplint check PATH...`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        own = ("--help", "-h", "--version")
        if not args or (args[0] not in self.commands and args[0] not in own):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _parse_today(ctx, param, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-01-12") from None


@click.group(cls=_LintByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cplint")
def main() -> None:
    """Lint child protection plans written in cpdsl against the guidance."""


FORMATS = ["text", "concise", "json", "github", "sarif", "junit"]


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="How to print the findings.")
@click.option("--profile", "profile_name", metavar="NAME|PATH",
              help="Judge every plan by this profile, whatever the plan names.")
@click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD",
              help="The date to judge overdue and missed things by (default: today).")
@click.option("--stdin-filename", metavar="NAME", help="The name to give text read from `-`.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Lint in up to this many processes (default: one per core; never more "
                   "than the cores, 64, or one per 8 files).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the text format (never when NO_COLOR is set).")
@click.option("-v", "--verbose", is_flag=True, help="On an internal error, print the trace.")
def check(paths, fmt, profile_name, today, stdin_filename, jobs, color, verbose) -> None:
    """Lint plans: files, directories (every *.cp under them) or - for standard input."""
    try:
        code = _check(paths or (".",), fmt, profile_name, today, stdin_filename,
                      jobs, _use_colour(color))
    except Exception as error:  # a bug in cplint, not in the plan: say so, ask for a report
        click.echo(f"cplint: internal error ({type(error).__name__}); please report it "
                   "(--verbose shows the trace, which may quote the plan)", err=True)
        if verbose:
            import traceback

            traceback.print_exc()
        code = EXIT_FAILED
    sys.exit(code)


class _Failed(Exception):
    """cplint cannot do its job: the message says why, in one line (exit 2)."""


def _check(paths, fmt, profile_name, today, stdin_filename, jobs, colour) -> int:
    from cpdsl.config import ConfigError, ConfigFinder
    from cpdsl.lint import LintResult, lint_result
    from cpdsl.report import render
    from cpdsl.runner import find_plans, lint_files
    from cpdsl.selection import RANK
    from cpdsl.source import SourceError, decode

    failures: list[str] = []
    files: list[str] = []
    for path in paths:
        if path != "-":
            for found in find_plans([path]):
                if isinstance(found, SourceError):
                    failures.append(str(found))
                else:
                    files.append(found)
    stdin_name = stdin_filename or "<stdin>"
    names = ([stdin_name] if "-" in paths else []) + files  # stdin: its name's folder, or here
    finder = ConfigFinder()
    try:  # every configuration first: a bad one stops the run before anything is linted
        profile = _cli_profile(profile_name)
        options = [finder.options_for(name, profile) for name in names]
    except (ConfigError, _Failed) as error:
        click.echo(f"cplint: {error}", err=True)
        return EXIT_FAILED
    results: list[LintResult] = []
    if "-" in paths:
        stdin_options = options.pop(0)
        try:
            text = decode(sys.stdin.buffer.read(), stdin_name)
            results.append(lint_result(stdin_name, text, today, options=stdin_options))
        except SourceError as error:
            failures.insert(0, str(error))
    for result in lint_files(files, today, jobs, options):
        if result.error:
            failures.append(result.error)
        else:
            results.append(result)
    help_uri = next(filter(None, (finder.config_for(name).help_uri for name in names)), None)
    output = render(results, fmt, colour, help_uri=help_uri) if results or not failures else ""
    if output:
        click.echo(output, nl=False, color=colour)
    for failure in failures:
        click.echo(f"cplint: {failure}", err=True)
    if failures:
        return EXIT_FAILED
    failing = any(RANK[d.severity] >= RANK[r.fail_on] for r in results for d in r.diagnostics)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _cli_profile(name: str | None):
    """The profile --profile names (a path is relative to the current folder), or None."""
    if name is None:
        return None
    from cpdsl.profile import ProfileError, load_profile
    from cpdsl.selection import profile_severity

    try:
        profile = load_profile(name, ".")
        profile_severity(profile)
    except ProfileError as error:
        raise _Failed(f"--profile: {error}") from None
    return profile


def _use_colour(choice: str) -> bool:
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return choice == "always" or sys.stdout.isatty()


@main.command("fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--check", is_flag=True,
              help="Change nothing; exit 1 when a plan would be reformatted.")
@click.option("--diff", is_flag=True,
              help="Print what would change as a unified diff; change nothing.")
@click.option("--line-length", type=click.IntRange(40, 400), metavar="N",
              help="Fit lines into N characters (default: the configuration's, or 100).")
@click.option("--sort", is_flag=True,
              help="Put top-level statements in the recommended order (default: keep yours).")
@click.option("--stdin-filename", metavar="NAME",
              help="The name to give text read from `-` (its configuration is found from it).")
@click.option("-v", "--verbose", is_flag=True, help="On an internal error, print the trace.")
def fmt_command(paths, check, diff, line_length, sort, stdin_filename, verbose) -> None:
    """Lay plans out canonically, in place: files, directories (every *.cp under them) or -
    (standard input to standard output). A plan with syntax errors is never touched."""
    from cpdsl.fmt import run_fmt
    from cpdsl.writing import Interrupted, exit_as_interrupted, interruptible

    try:
        with interruptible():  # SIGINT, SIGTERM: the temporary file being written goes too
            code = run_fmt(paths, check=check, diff=diff, line_length=line_length, sort=sort,
                           stdin_filename=stdin_filename,
                           out=lambda text: click.echo(text, nl=False),
                           err=lambda text: click.echo(text, nl=False, err=True))
    except Interrupted as interruption:
        import signal

        name = signal.Signals(interruption.signum).name
        click.echo(f"cplint: interrupted ({name}); no plan was left half written", err=True)
        exit_as_interrupted(interruption.signum)
    except Exception as error:  # a bug in cplint: say so, ask for a report
        click.echo(f"cplint: internal error ({type(error).__name__}); please report it "
                   "(--verbose shows the trace, which may quote the plan)", err=True)
        if verbose:
            import traceback

            traceback.print_exc()
        code = EXIT_FAILED
    sys.exit(code)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A table, or JSON.")
def rules_command(fmt: str) -> None:
    """List every rule: code, name, default severity and what it checks."""
    from cpdsl.commands import rules_json, rules_table

    click.echo(rules_json() if fmt == "json" else rules_table(), nl=False)


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a rule's documentation: RULE is its code (CP302) or name."""
    from cpdsl.commands import find_rule
    from cpdsl.rules.docs import explanation

    found = find_rule(rule)
    if isinstance(found, str):
        click.echo(f"cplint: {found}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(explanation(found), nl=False)


@main.command()
@click.argument("profile", required=False, metavar="[NAME|PATH]")
def profiles(profile: str | None) -> None:
    """List the shipped profiles, or show one (a name, or a path to a profile file) in full."""
    from cpdsl.commands import profile_detail, profiles_listing
    from cpdsl.profile import ProfileError

    try:
        text = profiles_listing() if profile is None else profile_detail(profile)
    except ProfileError as error:
        click.echo(f"cplint: {error}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(text, nl=False)

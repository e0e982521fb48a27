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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "concise", "json", "github"]),
              default="text", show_default=True, help="How to print the findings.")
@click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD",
              help="The date to judge overdue and missed things by (default: today).")
@click.option("--stdin-filename", metavar="NAME", help="The name to give text read from `-`.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Lint in this many processes (default: one per core).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the text format (never when NO_COLOR is set).")
@click.option("-v", "--verbose", is_flag=True, help="On an internal error, print the trace.")
def check(paths, fmt, today, stdin_filename, jobs, color, verbose) -> None:
    """Lint plans: files, directories (every *.cp under them) or - for standard input."""
    try:
        code = _check(paths or (".",), fmt, today, stdin_filename,
                      jobs or os.cpu_count() or 1, _use_colour(color))
    except Exception as error:  # a bug in cplint, not in the plan: say so, ask for a report
        click.echo(f"cplint: internal error ({type(error).__name__}); please report it "
                   "(--verbose shows the trace, which may quote the plan)", err=True)
        if verbose:
            import traceback

            traceback.print_exc()
        code = EXIT_FAILED
    sys.exit(code)


def _check(paths, fmt, today, stdin_filename, jobs, colour) -> int:
    from cpdsl.lint import LintResult, lint_result
    from cpdsl.report import render
    from cpdsl.runner import find_plans, lint_files
    from cpdsl.source import SourceError, decode

    results: list[LintResult] = []
    failures: list[str] = []
    files: list[str] = []
    for path in paths:
        if path == "-":
            name = stdin_filename or "<stdin>"
            try:
                text = decode(sys.stdin.buffer.read(), name)
            except SourceError as error:
                failures.append(str(error))
                continue
            results.append(lint_result(name, text, today))
            continue
        for found in find_plans([path]):
            if isinstance(found, SourceError):
                failures.append(str(found))
            else:
                files.append(found)
    for result in lint_files(files, today, jobs):
        if result.error:
            failures.append(result.error)
        else:
            results.append(result)
    output = render(results, fmt, colour) if results or not failures else ""
    if output:
        click.echo(output, nl=False, color=colour)
    for failure in failures:
        click.echo(f"cplint: {failure}", err=True)
    if failures:
        return EXIT_FAILED
    return EXIT_FINDINGS if any(r.diagnostics for r in results) else EXIT_CLEAN


def _use_colour(choice: str) -> bool:
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return choice == "always" or sys.stdout.isatty()

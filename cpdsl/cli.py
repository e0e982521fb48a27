"""The `cplint` command: a thin layer that reads, lints, prints and sets the exit code."""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import NoReturn

import click

from cpdsl import __version__
from cpdsl.exits import EXIT_FAILED


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
@click.option("--fix", is_flag=True, help="Apply the safe fixes, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, apply the unsafe fixes too (skeletons to fill in).")
@click.option("--diff", is_flag=True,
              help="Print what --fix would change as a unified diff; change nothing.")
@click.option("--show-fixes", is_flag=True, help="With --fix, list what was fixed.")
@click.option("--statistics", is_flag=True,
              help="Print a count of the findings per rule instead of the findings.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print the findings only: no summary line, no progress bar.")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even with findings (2 still when cplint cannot run).")
@click.option("-o", "--output-file", metavar="FILE",
              help="Write the report to FILE (whole, or not at all) instead of standard "
                   "output.")
@click.option("-v", "--verbose", is_flag=True, help="On an internal error, print the trace.")
def check(paths, fmt, profile_name, today, stdin_filename, jobs, color, fix, unsafe_fixes,
          diff, show_fixes, statistics, quiet, exit_zero, output_file, verbose) -> None:
    """Lint plans: files, directories (every *.cp under them) or - for standard input."""
    from cpdsl.check import CheckOptions, run_check

    options = CheckOptions(fmt, profile_name, today, stdin_filename, jobs,
                           _use_colour(color) and output_file is None, fix, unsafe_fixes,
                           diff, show_fixes, statistics, quiet, exit_zero, output_file,
                           progress=shows_progress(), shares_screen=_is_terminal(sys.stdout))
    _run(lambda: run_check(paths or (".",), options, out=_out(options.colour), err=_err),
         verbose, writes=fix and not diff)


def shows_progress() -> bool:
    """Whether a progress bar may be drawn on standard error: a terminal, not a dumb one."""
    return _is_terminal(sys.stderr) and os.environ.get("TERM") != "dumb"


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _out(colour: bool):
    return lambda text: click.echo(text, nl=False, color=colour)


def _err(text: str) -> None:
    click.echo(text, nl=False, err=True)


def _run(command, verbose: bool, writes: bool = False) -> NoReturn:
    """Run a command and exit with its code; a bug in cplint is said in one line (exit 2).
    A command that `writes` plans is interruptible: on SIGINT or SIGTERM the temporary
    file being written goes too, and cplint exits by the signal."""
    from cpdsl.exits import internal_error

    try:
        if not writes:
            sys.exit(command())
        from cpdsl.writing import Interrupted, exit_as_interrupted, interruptible

        try:
            with interruptible():
                code = command()
        except Interrupted as interruption:
            import signal

            name = signal.Signals(interruption.signum).name
            _err(f"cplint: interrupted ({name}); no plan was left half written\n")
            exit_as_interrupted(interruption.signum)
    except BrokenPipeError:  # the reader went (`cplint plans/ | head`): stop, quietly
        _quiet_stdout()
        code = EXIT_FAILED
    except Exception as error:  # a bug in cplint, not in the plan: say so, ask for a report
        code = internal_error(error, verbose, lambda text: _err(text + "\n"))
    sys.exit(code)


def _quiet_stdout() -> None:
    """Standard output onto /dev/null, so that flushing it at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Format in up to this many processes (default: one per core; never more "
                   "than the cores, 64, or one per 8 files).")
@click.option("-v", "--verbose", is_flag=True, help="On an internal error, print the trace.")
def fmt_command(paths, check, diff, line_length, sort, stdin_filename, jobs, verbose) -> None:
    """Lay plans out canonically, in place: files, directories (every *.cp under them) or -
    (standard input to standard output). A plan with syntax errors is never touched."""
    from cpdsl.fmt import run_fmt

    _run(lambda: run_fmt(paths, check=check, diff=diff, line_length=line_length, sort=sort,
                         stdin_filename=stdin_filename, jobs=jobs, progress=shows_progress(),
                         out=_out(False), err=_err),
         verbose, writes=not (check or diff))


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
    """Print a rule's documentation (RULE is its code, CP302, or name), or what a word of
    the language means (a keyword, role, category, ...: `cplint explain second-chair`)."""
    from cpdsl.commands import find_rule
    from cpdsl.rules.docs import explanation

    found = find_rule(rule)
    if isinstance(found, str):
        from cpdsl.commands import word_explanation

        meaning = word_explanation(rule)
        if meaning is None:
            click.echo(f"cplint: {found}", err=True)
            sys.exit(EXIT_FAILED)
        click.echo(meaning, nl=False)
        return
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


def _parse_address(ctx, param, value: str | None) -> tuple[str, int] | None:
    if value is None:
        return None
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"{value!r} is not an address like 127.0.0.1:2087")
    return host, int(port)


@main.command("lsp")
@click.option("--tcp", callback=_parse_address, metavar="HOST:PORT",
              help="Listen on a TCP port instead of stdin and stdout (for debugging).")
@click.option("--stdio", is_flag=True, hidden=True,
              help="Serve over stdin and stdout (the default; some clients pass it).")
def lsp_command(tcp: tuple[str, int] | None, stdio: bool) -> None:
    """Run the language server: diagnostics, quick fixes and formatting in an editor."""
    from cpdsl_lsp.server import start  # pygls is imported only here, never on the lint path

    start(tcp)


@main.command("pack")
@click.argument("plan", type=click.Path(), required=False)
@click.option("--meeting", default="next", show_default=True, metavar="next|YYYY-MM-DD",
              help="The core group: the next one after --today, or its date.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default="md",
              show_default=True, help="Markdown, one self-contained HTML page, or Word.")
@click.option("--template", type=click.Path(file_okay=False, exists=True), metavar="DIR",
              help="A folder of templates to use instead of the shipped ones (copy them "
                   "from `cplint pack --copy-templates DIR`).")
@click.option("--copy-templates", "copy_to", type=click.Path(), metavar="DIR",
              help="Copy the shipped templates into DIR to change them, and stop.")
@click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD",
              help="The date to judge by (default: today).")
@click.option("-o", "--output", default="-", metavar="FILE|DIR",
              help="Where to write the pack (default: standard output; a folder of plans "
                   "needs a folder).")
@click.option("--force", is_flag=True, help="Overwrite a pack that is already there.")
@click.option("-v", "--verbose", is_flag=True, help="On an internal error, print the trace.")
def pack_command(plan, meeting, fmt, template, copy_to, today, output, force, verbose) -> None:
    """The minutes pack for one core group of PLAN (or of every plan in a folder): the
    plan's findings that matter for the meeting, the agenda that fits it (003's first,
    subsequent or pre-review agenda), the notes laid out item by item with what the plan
    already says under each, and the proforma or the agency contribution forms."""
    from cpdsl.pack.command import PackRequest, run_pack

    request = PackRequest(plan, meeting, fmt, template, copy_to, today, output, force)
    _run(lambda: run_pack(request, out=_out(False), err=_err), verbose, writes=True)


@main.command("schedule")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("--ics", metavar="FILE",
              help="Also write the dates as an iCalendar file (imported again, it updates "
                   "the events rather than adding them twice).")
@click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD",
              help="The date to mark dates done, due or late by (default: today).")
@click.option("--force", is_flag=True, help="Overwrite the --ics file if it is there.")
@click.option("-v", "--verbose", is_flag=True, help="On an internal error, print the trace.")
def schedule_command(plan, ics, today, force, verbose) -> None:
    """Every date and deadline of PLAN in date order, each with its source, marked done,
    due or late as of --today."""
    from cpdsl.schedule.command import run_schedule

    _run(lambda: run_schedule(plan, today, ics, force, out=_out(False), err=_err), verbose,
         writes=True)


@main.command("record")
@click.argument("notes", type=click.Path(dir_okay=False))
@click.option("--into", "plan", required=True, type=click.Path(dir_okay=False),
              metavar="PLAN", help="The plan the notes are of.")
@click.option("--diff", is_flag=True, help="Show the change to the plan; write nothing.")
@click.option("-v", "--verbose", is_flag=True, help="On an internal error, print the trace.")
def record_command(notes, plan, diff, verbose) -> None:
    """Read the filled-in notes of a Markdown pack back into PLAN: the meeting's record
    and the actions' new status and dates, laid out as `cplint fmt` lays them out."""
    from cpdsl.notes.command import run_record

    _run(lambda: run_record(notes, plan, diff, out=_out(False), err=_err), verbose,
         writes=True)

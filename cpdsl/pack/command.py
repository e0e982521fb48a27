"""`cplint pack PLAN|FOLDER`: the minutes pack for one core group of a plan, or for the
next core group of every plan in a folder."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from typing import NamedTuple

from cpdsl.exits import EXIT_CLEAN, EXIT_FAILED, EXIT_FINDINGS

Write = Callable[[str], None]
SUFFIXES = {"md": ".md", "html": ".html", "docx": ".docx"}


class PackRequest(NamedTuple):
    path: str | None  # a plan, or a folder of plans (None only with copy_to)
    meeting: str  # `next` or YYYY-MM-DD
    fmt: str  # md, html, docx
    template: str | None  # a folder of templates to use instead of the shipped ones
    copy_to: str | None  # copy the shipped templates here, and stop
    today: dt.date
    output: str  # `-` (standard output), a file, or a folder (for a folder of plans)
    force: bool


class Refused(Exception):
    """No pack for this plan: the message says why (exit 2)."""


class NoMeeting(Refused):
    """The plan has no core group to pack (ended, none planned, a cancelled date): in a
    folder of plans it is passed over with a note, not a failure."""


class HasSyntaxErrors(Exception):
    """The plan's syntax errors, as lines to print (exit 1: they are findings)."""


def run_pack(request: PackRequest, out: Write, err: Write) -> int:
    """0 when every pack is written, 1 when a plan has syntax errors (they are printed,
    and no pack is made of it), 2 when a pack cannot be made or written."""
    from cpdsl.output_files import OutputError, check_writable, write_output

    if request.copy_to is not None:
        return _copy_templates(request, err)
    if request.path is None:
        err("cplint: pack needs a PLAN (or a folder of plans)\n")
        return EXIT_FAILED
    if os.path.isdir(request.path):
        return _run_folder(request, err)
    try:
        if request.fmt == "docx" and request.output == "-":
            raise Refused("a Word pack needs a file: give -o FILE.docx")
        if request.output != "-":
            check_writable(request.output, request.force, (request.path,))
        data = make_pack(request.path, request)
    except HasSyntaxErrors as errors:
        err(str(errors))
        return EXIT_FINDINGS
    except (Refused, OutputError) as error:
        err(f"cplint: {error}\n")
        return EXIT_FAILED
    if request.output == "-":
        out(data.decode("utf-8"))
        return EXIT_CLEAN
    try:
        write_output(request.output, data, request.force, (request.path,))
    except OutputError as error:
        err(f"cplint: {error}\n")
        return EXIT_FAILED
    return EXIT_CLEAN


def make_pack(path: str, request: PackRequest, warn: Write | None = None) -> bytes:
    """The pack of the plan at `path`, rendered (Refused, HasSyntaxErrors)."""
    from cpdsl.analysis import analyse
    from cpdsl.config import ConfigError, ConfigFinder
    from cpdsl.facts.core_groups import next_planned_core_group
    from cpdsl.pack.agenda import NoPack, agenda_for
    from cpdsl.pack.content import build_pack
    from cpdsl.profile import ProfileError
    from cpdsl.source import SourceError, read_source

    warn = warn or (lambda text: sys.stderr.write(text))
    try:
        text = read_source(path)
        options = ConfigFinder().options_for(path)
        analysis = analyse(text, today=request.today,
                           relative_to=os.path.dirname(os.path.abspath(path)),
                           options=options, syntax=False)
    except (SourceError, ConfigError, ProfileError) as error:
        raise Refused(str(error)) from None
    except OSError as error:
        raise Refused(f"{path}: cannot be read ({error.strerror or error})") from None
    if analysis.syntax_errors:
        raise HasSyntaxErrors(_syntax_errors(path, analysis))
    plan, profile = analysis.plan, analysis.profile
    if request.meeting == "next":
        day = next_planned_core_group(plan, profile, request.today)
        if day is None:
            raise NoMeeting(f"{path}: no core group is recorded or planned on or after "
                          f"{request.today}; name one with --meeting YYYY-MM-DD")
    else:
        try:
            day = dt.date.fromisoformat(request.meeting)
        except ValueError:
            raise Refused("--meeting must be `next` or a date like 2026-03-19, not "
                          f"{request.meeting!r}") from None
    agenda = agenda_for(plan, profile, day)
    if isinstance(agenda, NoPack):
        raise NoMeeting(f"{path}: no pack for {day}: {agenda.reason}")
    pack = build_pack(plan, profile, agenda, analysis.diagnostics)
    for warning in pack.warnings:
        warn(f"cplint: {path}: {warning}\n")
    return render(pack, request.fmt, request.template)


def render(pack, fmt: str, template: str | None) -> bytes:
    """The pack in one format (each format's library imported only when it is used)."""
    if fmt == "html":
        from cpdsl.pack.html import render_html

        return render_html(pack, template).encode("utf-8")
    if fmt == "docx":
        from cpdsl.pack.word import render_docx

        return render_docx(pack, template)
    from cpdsl.pack.markdown import render_markdown

    return render_markdown(pack).encode("utf-8")


def _syntax_errors(path: str, analysis) -> str:
    from cpdsl.citations import for_people

    lines = [f"{path}:{d.span.line}:{d.span.column}: {d.code} {for_people(d.message)}\n"
             for d in analysis.diagnostics if d.code in ("CP100", "CP101")]
    count = len(analysis.syntax_errors)
    lines.append(f"cplint: {path} has {count} syntax error{'s' if count > 1 else ''}: "
                 "no pack is made until they are mended\n")
    return "".join(lines)


def _run_folder(request: PackRequest, err: Write) -> int:
    """One pack per plan of the folder, in the folder `output`, named after the plan and
    the meeting's day; a progress bar on a terminal."""
    from cpdsl.output_files import OutputError, write_output
    from cpdsl.runner import gather

    if request.output == "-":
        err("cplint: a folder of plans needs a folder for its packs: give -o FOLDER\n")
        return EXIT_FAILED
    files, failures = gather([request.path])
    for failure in failures:
        err(f"cplint: {failure}\n")
    try:
        os.makedirs(request.output, exist_ok=True)
    except OSError as error:
        err(f"cplint: {request.output}: cannot be made ({error.strerror or error})\n")
        return EXIT_FAILED
    code = EXIT_FAILED if failures else EXIT_CLEAN
    notes: list[str] = []  # said after the bar, so that it is not broken up
    with _progress(files) as bar:
        for path in bar:
            try:
                data = make_pack(path, request, warn=notes.append)
                name = os.path.splitext(os.path.basename(path))[0]
                target = os.path.join(request.output, name + SUFFIXES[request.fmt])
                write_output(target, data, request.force, (path,))
            except HasSyntaxErrors as errors:
                notes.append(str(errors))
                code = max(code, EXIT_FINDINGS)
            except NoMeeting as error:
                notes.append(f"cplint: passed over: {error}\n")
            except (Refused, OutputError) as error:
                notes.append(f"cplint: {error}\n")
                code = EXIT_FAILED
    for note in notes:
        err(note)
    return code


def _progress(files: list[str]):
    """A progress bar on stderr when it is a terminal (and TERM is not `dumb`), else the
    files as they are."""
    import contextlib

    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb" or len(files) < 2:
        return contextlib.nullcontext(files)
    import click

    return click.progressbar(files, label="Packing", file=sys.stderr, show_pos=True,
                             show_eta=True)


def _copy_templates(request: PackRequest, err: Write) -> int:
    from cpdsl.pack.templates import copy_templates

    try:
        for path in copy_templates(request.copy_to, request.force):
            err(f"cplint: wrote {path}\n")
    except OSError as error:
        err(f"cplint: {request.copy_to}: {error.strerror or error}\n")
        return EXIT_FAILED
    return EXIT_CLEAN

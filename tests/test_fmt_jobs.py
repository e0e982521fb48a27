"""`cplint fmt -j N` (issue 13, item 5): plans formatted in several processes print, exit
and leave the files exactly as one process does, in path order; interrupted, they leave
every plan whole; on a terminal a progress bar shows on standard error, out of the way of
everything else printed, and never on a pipe or a dumb terminal.

Plans are written into tmp_path, from the project's own examples and formatting cases;
every name in them is invented. The real command runs in a process of its own, with a
timeout only so that a hang fails instead of blocking; nothing is timed.
"""

from __future__ import annotations

import os
import pathlib
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cpdsl import processes, runner
from cpdsl.cli import main
from cpdsl.fmt import run_fmt
from cpdsl.formatting import format_text
from cpdsl.progress import CLEAR

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "formatting").glob("*.in.cp"))  # each laid out badly
TIDY_CASES = sorted((ROOT / "tests" / "formatting").glob("*.out.cp"))
EXAMPLES = sorted((ROOT / "examples").rglob("*.cp"))  # each laid out canonically
ODD = ROOT / "tests" / "data" / "caseload" / "odd"
TIMEOUT = 60  # seconds: only so that a hang fails the test; no test is timed
TEMPORARY = re.compile(r"\.cplint-fmt-")

# cplint as if on two cores (whatever this machine has), so that -j 2 means two workers.
ON_TWO_CORES = """
import sys
import cpdsl.runner
cpdsl.runner.available_cores = lambda: 2
from cpdsl.cli import main
main(sys.argv[1:])
"""
# ... and with the progress bar drawn from the first plan on, so that a short run shows it.
BAR_AT_ONCE = ON_TWO_CORES.replace("import cpdsl.runner\n",
                                   "import cpdsl.runner, cpdsl.progress\n"
                                   "cpdsl.progress.DELAY = 0\n")
BAR = re.compile(r"formatted (\d+)/(\d+) files · (\d+) findings? · [\d,]+ files/s · "
                 r"(\d+ s|\d+ min \d\d s) left")


def messy(text: str) -> str:
    """`text` laid out badly: every line pushed right, the way a careless paste does."""
    return "\n".join("   " + line if line.strip() else line for line in text.split("\n"))


def write(path: pathlib.Path, text: str) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_caseload(folder: pathlib.Path) -> pathlib.Path:
    """Forty plans, half of them to reformat, beside a syntax error, a file that is not
    UTF-8, a symbolic and a hard link to plans to reformat (each named straight after
    it), and a folder whose configuration wants lines of 40 characters."""
    for case in CASES:
        write(folder / f"case-{case.name.removesuffix('.in.cp')}.cp", case.read_text())
    for case in TIDY_CASES:
        text = case.read_text()
        write(folder / f"tidy-{case.name.removesuffix('.out.cp')}.cp", text)
        write(folder / f"untidy-{case.name.removesuffix('.out.cp')}.cp", messy(text))
    for example in EXAMPLES:
        text = example.read_text()
        write(folder / f"example-{example.stem}.cp", text)
        write(folder / f"messy-{example.stem}.cp", messy(text))
    write(folder / "broken.cp", (ODD / "broken.cp").read_text())
    (folder / "not-utf8.cp").write_bytes((ODD / "not-utf8.cp").read_bytes())
    (folder / "messy-amy.cp.link.cp").symlink_to("messy-amy.cp")
    os.link(folder / "messy-neglect.cp", folder / "messy-neglect.cp.again.cp")
    write(folder / "north" / "cplint.toml", "line-length = 40\n")
    for example in EXAMPLES[:3]:
        write(folder / "north" / f"{example.stem}.cp", example.read_text())
    return folder


def cplint(*args: str, cwd: pathlib.Path, script: str = ON_TWO_CORES,
           **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, *args], cwd=cwd,
                          capture_output=True, timeout=TIMEOUT, **kwargs)


def files_in(folder: pathlib.Path) -> dict[str, bytes | str]:
    """Every file under `folder`: its bytes, or where a symbolic link points."""
    return {str(path.relative_to(folder)): os.readlink(path) if path.is_symlink()
            else path.read_bytes() for path in sorted(folder.rglob("*")) if not path.is_dir()}


def temporaries(folder: pathlib.Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*") if TEMPORARY.match(p.name))


# -- the same output, exit code and files as one process ------------------------------------


@pytest.mark.parametrize("mode", [[], ["--check"], ["--diff"]], ids=["write", "check", "diff"])
def test_two_processes_do_what_one_does(tmp_path, mode):
    one = make_caseload(tmp_path / "one")
    two = make_caseload(tmp_path / "two")
    by_one = cplint("fmt", "-j", "1", *mode, ".", cwd=one)
    by_two = cplint("fmt", "-j", "2", *mode, ".", cwd=two)
    assert (by_two.stdout, by_two.stderr, by_two.returncode) == (
        by_one.stdout, by_one.stderr, by_one.returncode)
    assert files_in(two) == files_in(one)
    assert by_one.returncode == 2  # not UTF-8: cplint could not do its whole job
    summary = ("29 files would be reformatted, 16 files would be left unchanged" if mode
               else "27 files reformatted, 18 files left unchanged")  # the links found tidy
    assert by_one.stderr.decode().splitlines()[-1] == (
        f"{summary}, 1 file with syntax errors not formatted, 1 file failed")
    assert (b"+++ b/./messy-amy.cp\n" in by_one.stdout) == (mode == ["--diff"])


def test_two_processes_format_every_plan_in_full(tmp_path):
    before = files_in(make_caseload(tmp_path / "before"))
    plans = make_caseload(tmp_path / "plans")
    result = cplint("fmt", "-j", "2", ".", cwd=plans)
    assert result.returncode == 2, result.stderr
    after = files_in(plans)
    for name, was in before.items():
        if not name.endswith(".cp") or isinstance(was, str) or name in (
                "broken.cp", "not-utf8.cp"):
            assert after[name] == was, name  # configurations, links, refusals: untouched
            continue
        length = 40 if name.startswith("north") else 100
        assert after[name] == format_text(was.decode(), length).text.encode(), name
    assert temporaries(plans) == []


def test_a_plan_named_twice_is_formatted_once_then_found_tidy(tmp_path):
    for number in range(16):
        write(tmp_path / f"plan-{number:02d}.cp", messy(TIDY_CASES[number % 8].read_text()))
    result = cplint("fmt", "-j", "2", ".", "plan-03.cp", "./plan-07.cp", cwd=tmp_path)
    assert result.stdout == b""
    assert result.stderr.decode() == "".join(
        f"reformatted ./plan-{number:02d}.cp\n" for number in range(16)) + (
        "16 files reformatted, 2 files left unchanged\n")
    assert result.returncode == 0


def test_the_check_of_a_small_folder_says_all_of_this(tmp_path):
    for case in CASES:
        write(tmp_path / case.name, case.read_text())
    for case in TIDY_CASES:
        write(tmp_path / case.name, case.read_text())
    write(tmp_path / "broken.cp", (ODD / "broken.cp").read_text())
    (tmp_path / "not-utf8.cp").write_bytes((ODD / "not-utf8.cp").read_bytes())
    result = cplint("fmt", "--check", "-j", "2", ".", cwd=tmp_path)
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "would reformat ./blank_lines.in.cp\n"
        "would reformat ./comments.in.cp\n"
        "would reformat ./constructs.in.cp\n"
        "would reformat ./continued_statements.in.cp\n"
        "cplint: ./not-utf8.cp:1:11: not UTF-8 text (byte 0xff); save the file as UTF-8\n"
        "would reformat ./odd_comment_places.in.cp\n"
        "would reformat ./several_on_a_line.in.cp\n"
        "would reformat ./short_and_long_blocks.in.cp\n"
        "would reformat ./triple_quoted.in.cp\n"
        "./broken.cp:1:15: CP100 [syntax-error] this `{` that opens the plan is never "
        "closed: add `}` at the end of the file\n"
        "  |\n"
        '1 | plan "Broken" {\n'
        "  |               ^\n"
        "\n"
        "./broken.cp:2:14: CP100 [syntax-error] this `{` opened on line 2 is never closed: "
        "add `}` where the block ends\n"
        "  |\n"
        '2 |   member sam { name "Sam" role social-worker\n'
        "  |              ^\n"
        "\n"
        "Found 2 problems in 1 file (2 errors).\n"
        "8 files would be reformatted, 8 files would be left unchanged, "
        "1 file with syntax errors not formatted, 1 file failed\n")
    assert result.returncode == 2


def test_the_work_is_really_shared_out_over_two_processes(tmp_path, monkeypatch):
    make_caseload(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(runner, "available_cores", lambda: 2)
    shared: list[tuple[int, int]] = []
    in_processes = processes.in_processes

    def recorded(function, items, jobs):
        shared.append((jobs, len(items)))
        return in_processes(function, items, jobs)

    monkeypatch.setattr(processes, "in_processes", recorded)
    one = CliRunner().invoke(main, ["fmt", "--diff", "-j", "1", "."])
    assert shared == []
    two = CliRunner().invoke(main, ["fmt", "--diff", "-j", "2", "."])
    assert shared == [(2, 45)]  # 47 plans; the two links are formatted in the parent
    assert (two.stdout, two.stderr, two.exit_code) == (one.stdout, one.stderr, 2)


def test_standard_input_comes_first_as_with_one_process(tmp_path):
    make_caseload(tmp_path)
    text = messy((ROOT / "examples" / "amy.cp").read_text()).encode()
    by_one = cplint("fmt", "--diff", "-j", "1", "-", ".", cwd=tmp_path, input=text)
    by_two = cplint("fmt", "--diff", "-j", "2", "-", ".", cwd=tmp_path, input=text)
    assert (by_two.stdout, by_two.stderr, by_two.returncode) == (
        by_one.stdout, by_one.stderr, 2)
    assert by_one.stdout.startswith(b"--- a/<stdin>\n+++ b/<stdin>\n")


PLAN_TEXTS = ([case.read_text() for case in CASES] + [case.read_text() for case in TIDY_CASES]
              + [(ODD / "broken.cp").read_text()])


@st.composite
def folders(draw) -> list[bytes | int]:
    """Sixteen to twenty-four plans, in path order: each its bytes (a plan, laid out well
    or not, with a byte order mark or not, broken, or not UTF-8), or the number of an
    earlier one it is a symbolic link to."""
    entries: list[bytes | int] = []
    for number in range(draw(st.integers(16, 24))):
        if number and draw(st.integers(0, 9)) == 0:
            entries.append(draw(st.integers(0, number - 1)))
            continue
        text = draw(st.sampled_from(PLAN_TEXTS))
        data = (messy(text) if draw(st.booleans()) else text).encode()
        kind = draw(st.sampled_from(["plain", "plain", "bom", "not utf-8"]))
        entries.append({"plain": data, "bom": b"\xef\xbb\xbf" + data,
                        "not utf-8": data + b"# \xff\n"}[kind])
    return entries


@settings(max_examples=12)
@given(entries=folders(), mode=st.sampled_from(["check", "diff", "write"]))
def test_any_folder_gets_from_two_processes_what_it_gets_from_one(entries, mode):
    def run(folder: pathlib.Path, jobs: int) -> tuple[list[str], list[str], int, dict]:
        for number, entry in enumerate(entries):
            path = folder / f"plan-{number:02d}.cp"
            if isinstance(entry, int):
                path.symlink_to(f"plan-{entry:02d}.cp")
            else:
                path.write_bytes(entry)
        out: list[str] = []
        err: list[str] = []
        code = run_fmt([str(folder)], check=mode == "check", diff=mode == "diff", jobs=jobs,
                       out=out.append, err=err.append)
        report = [piece.replace(str(folder), "FOLDER") for piece in out], \
            [piece.replace(str(folder), "FOLDER") for piece in err]
        return (*report, code, files_in(folder))

    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as where:
        patch.setattr(runner, "available_cores", lambda: 2)
        (pathlib.Path(where) / "one").mkdir()
        (pathlib.Path(where) / "two").mkdir()
        assert run(pathlib.Path(where) / "two", 2) == run(pathlib.Path(where) / "one", 1)


# -- interrupted ----------------------------------------------------------------------------


def _plans_to_format() -> list[str]:
    """Forty-eight plans, each laid out badly."""
    return [messy(path.read_text()) for path in [*TIDY_CASES, *EXAMPLES]] * 3


def _write_plans(folder: pathlib.Path, texts: list[str]) -> None:
    for number, text in enumerate(texts):
        write(folder / f"plan-{number:02d}.cp", text)


def _fmt_in_the_background(folder: pathlib.Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", ON_TWO_CORES, "fmt", "-j", "2",
                             str(folder)], stderr=subprocess.DEVNULL)


def test_two_processes_killed_at_random_moments_leave_each_plan_whole(tmp_path):
    texts = _plans_to_format()
    tidy = [format_text(text).text for text in texts]
    _write_plans(tmp_path / "calibration", texts)
    start = time.monotonic()
    assert _fmt_in_the_background(tmp_path / "calibration").wait(timeout=TIMEOUT) == 0
    duration = time.monotonic() - start  # so that the signals land within one run
    random.seed(13)  # the same moments every run
    folders_done = []
    for trial, signum in enumerate([signal.SIGTERM] * 4 + [signal.SIGKILL]):
        folder = tmp_path / f"trial-{trial}"
        _write_plans(folder, texts)
        process = _fmt_in_the_background(folder)
        try:  # start-up is the first part of a run
            time.sleep(duration * random.uniform(0.3, 1.0))
            process.send_signal(signum)
            process.wait(timeout=TIMEOUT)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        if signum == signal.SIGKILL:  # its workers end with it (end_with_parent)
            time.sleep(0.5)
        for number, text in enumerate(texts):
            now = (folder / f"plan-{number:02d}.cp").read_text()
            assert now in (text, tidy[number]), (trial, number)
        if signum == signal.SIGTERM:
            assert temporaries(folder) == [], trial
        folders_done.append(str(folder))
    stale = [path for folder in folders_done for path in temporaries(pathlib.Path(folder))]
    rerun = subprocess.run([sys.executable, "-c", ON_TWO_CORES, "fmt", "-j", "2",
                            *folders_done], capture_output=True, text=True, timeout=TIMEOUT)
    assert rerun.returncode == 0, rerun.stderr
    removed = [line for line in rerun.stderr.splitlines() if "temporary file" in line]
    assert removed == [f"cplint: removed a temporary file left by an interrupted run: {path}"
                       for path in stale]
    assert temporaries(tmp_path) == []
    for folder in folders_done:
        for number in range(len(texts)):
            assert (pathlib.Path(folder) / f"plan-{number:02d}.cp").read_text() == tidy[number]


# cplint fmt -j 2, a worker held while it writes plans/z/plan.cp (its temporary file made),
# and the run interrupted while it prints that plans/plan-00.cp was reformatted.
INTERRUPTED_WHILE_PRINTING = ON_TWO_CORES.replace("from cpdsl.cli import main\n", """
import os, pathlib, signal, time
import cpdsl.cli
real_fsync = os.fsync
def fsync_and_wait(descriptor):
    real_fsync(descriptor)
    if os.path.dirname(os.readlink(f"/proc/self/fd/{descriptor}")).endswith("/z"):
        pathlib.Path("ready").touch()
        time.sleep(60)
os.fsync = fsync_and_wait
real_err = cpdsl.cli._err
def err_then_interrupted(text):
    real_err(text)
    if text.startswith("reformatted"):
        while not os.path.exists("ready"):
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGTERM)
cpdsl.cli._err = err_then_interrupted
from cpdsl.cli import main
""")


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="finds the file by /proc")
def test_interrupted_while_printing_the_workers_are_stopped_too(tmp_path):
    tidy = TIDY_CASES[0].read_text()
    write(tmp_path / "plans" / "plan-00.cp", messy(tidy))
    for number in range(1, 16):
        write(tmp_path / "plans" / f"plan-{number:02d}.cp", tidy)
    held = write(tmp_path / "plans" / "z" / "plan.cp", messy(tidy))
    result = cplint("fmt", "-j", "2", "plans", cwd=tmp_path, script=INTERRUPTED_WHILE_PRINTING)
    assert result.returncode == -signal.SIGTERM
    said = result.stderr.decode().splitlines()
    assert "Traceback" not in result.stderr.decode()  # an idle worker ends quietly
    assert (said[0], said[-1]) == (
        "reformatted plans/plan-00.cp",
        "cplint: interrupted (SIGTERM); no plan was left half written")
    assert temporaries(tmp_path) == []  # the held worker's, removed as it was stopped
    assert held.read_text() == messy(tidy)
    assert (tmp_path / "plans" / "plan-00.cp").read_text() == tidy


# -- the progress bar -----------------------------------------------------------------------


def _on_a_terminal(args: list[str], cwd: pathlib.Path,
                   term: str = "xterm") -> tuple[bytes, bytes, int]:
    """Run cplint (the bar drawn from the start) with standard error on a pseudo-terminal:
    its standard output, what the terminal was sent, and the exit code."""
    import pty

    main_end, terminal = pty.openpty()
    shown = bytearray()

    def read_all() -> None:  # as it comes, so that a full terminal never holds cplint up
        while True:
            try:
                chunk = os.read(main_end, 4096)
            except OSError:  # the terminal's other end is closed: all of it is read
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=read_all)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-c", BAR_AT_ONCE, *args], cwd=cwd,
                              stdout=subprocess.PIPE, stderr=terminal,
                              env={**os.environ, "TERM": term}, timeout=TIMEOUT)
    finally:
        os.close(terminal)
        reader.join(timeout=TIMEOUT)
        os.close(main_end)
    return done.stdout, bytes(shown), done.returncode


def screen(shown: bytes) -> tuple[list[str], list[str]]:
    """The lines the terminal is left with, and each line that was wiped (the bars)."""
    text = shown.decode().replace("\r\n", "\n")  # the terminal ends its lines so
    lines: list[str] = []
    wiped: list[str] = []
    current = ""
    for index, piece in enumerate(text.split(CLEAR)):
        if index:  # the line so far is wiped
            wiped.append(current)
            current = ""
        *ended, current = (current + piece).split("\n")
        lines.extend(ended)
    assert current == "", "the bar is still on the screen at the end"
    return lines, [line for line in wiped if line]


@pytest.mark.parametrize("mode", [[], ["--check"], ["--diff"]], ids=["write", "check", "diff"])
def test_the_bar_shows_on_a_terminal_and_never_among_what_else_is_said(tmp_path, mode):
    piped = cplint("fmt", "-j", "2", *mode, ".", cwd=make_caseload(tmp_path / "piped"),
                   script=BAR_AT_ONCE)
    assert CLEAR.encode() not in piped.stderr  # never on a pipe
    stdout, shown, code = _on_a_terminal(["fmt", "-j", "2", *mode, "."],
                                         make_caseload(tmp_path / "terminal"))
    assert (stdout, code) == (piped.stdout, piped.returncode)
    lines, bars = screen(shown)
    assert lines == piped.stderr.decode().splitlines()  # every message whole, in order
    assert bars, "no bar was drawn"
    counts = []
    for bar in bars:
        drawn = BAR.fullmatch(bar)
        assert drawn, bar
        assert drawn[2] == "47"  # every plan, the two links too
        counts.append((int(drawn[1]), int(drawn[3])))
    assert counts == sorted(counts) and counts[-1][0] <= 47
    assert counts[-1][1] == 2 or counts[-1][0] < 47  # broken.cp's two syntax errors


def test_no_bar_on_a_dumb_terminal(tmp_path):
    piped = cplint("fmt", "--check", "-j", "2", ".", cwd=make_caseload(tmp_path))
    stdout, shown, code = _on_a_terminal(["fmt", "--check", "-j", "2", "."], tmp_path,
                                         term="dumb")
    assert (stdout, code) == (piped.stdout, 2)
    assert shown.replace(b"\r\n", b"\n") == piped.stderr

"""Which files are plans (issue 8): named pipes, sockets and devices are not, and are never
opened; symbolic link loops and broken links are named as such; `-j` is kept sane.

A named pipe blocks whoever opens it, so every test that could meet one runs cplint in a
process of its own with a timeout: a regression fails instead of hanging the suite.
Every name in the plans is invented.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import socket
import subprocess
import sys

import pytest

from cpdsl import runner
from cpdsl.lint import LintResult

PLAN = 'plan "Northtown review" {\n  member  sam { name "Sam Patel" role social-worker lead }\n}\n'
TIDY = 'plan "Northtown review" {\n  member sam { name "Sam Patel" role social-worker lead }\n}\n'
CPLINT = [sys.executable, "-m", "cpdsl"]
TIMEOUT = 20  # seconds: only so that a hang fails the test; no test is timed
TODAY = dt.date(2026, 3, 1)

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.cp").write_text(PLAN, encoding="utf-8")
    return tmp_path


def cplint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CPLINT, *args], capture_output=True, text=True, timeout=TIMEOUT)


def make_fifo(path: pathlib.Path) -> None:
    os.mkfifo(path)


def make_socket(path: pathlib.Path) -> socket.socket:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(os.path.relpath(path))  # relative: a socket's path has a short limit
    return server


# -- named pipes, sockets and devices ---------------------------------------------------

B = os.path.join("d", "b.cp")


@needs_fifo
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_named_pipe_in_a_folder_is_skipped_with_a_note_by_check(workdir, jobs):
    make_fifo(workdir / "d" / "b.cp")
    alone = cplint("--format", "concise", os.path.join("d", "a.cp"))
    result = cplint("--format", "concise", "-j", jobs, "d")
    assert result.returncode == alone.returncode
    assert result.stdout == alone.stdout
    assert result.stderr == f"cplint: {B}: skipped: a named pipe, not a plan file\n"


@needs_fifo
def test_a_named_pipe_in_a_folder_is_skipped_with_a_note_by_fmt(workdir):
    make_fifo(workdir / "d" / "b.cp")
    result = cplint("fmt", "d")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (f"cplint: {B}: skipped: a named pipe, not a plan file\n"
                             f"reformatted {os.path.join('d', 'a.cp')}\n"
                             "1 file reformatted\n")
    assert (workdir / "d" / "a.cp").read_text() == TIDY


@needs_fifo
@pytest.mark.parametrize("command", [[], ["fmt"], ["fmt", "--check"], ["-j", "2"]])
def test_a_named_pipe_given_by_name_is_refused(workdir, command):
    make_fifo(workdir / "d" / "b.cp")
    result = cplint(*command, B, os.path.join("d", "a.cp"))
    assert result.returncode == 2
    assert f"cplint: {B}: a named pipe, not a plan file\n" in result.stderr
    assert (workdir / "d" / "a.cp").read_text() == PLAN  # fmt touches nothing then


def test_a_socket_is_skipped_in_a_folder_and_refused_by_name(workdir):
    server = make_socket(workdir / "d" / "b.cp")
    try:
        walked = cplint("fmt", "--check", "d")
        named = cplint("fmt", "--check", B)
    finally:
        server.close()
    assert f"cplint: {B}: skipped: a socket, not a plan file\n" in walked.stderr
    assert walked.returncode == 1  # a.cp would be reformatted
    assert named.returncode == 2
    assert f"cplint: {B}: a socket, not a plan file\n" in named.stderr


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_a_link_to_a_device_is_skipped_in_a_folder_and_refused_by_name(workdir):
    (workdir / "d" / "b.cp").symlink_to("/dev/null")
    walked = cplint("d")
    named = cplint(B)
    assert f"cplint: {B}: skipped: a character device, not a plan file\n" in walked.stderr
    assert named.returncode == 2
    assert named.stderr == f"cplint: {B}: a character device, not a plan file\n"


@needs_fifo
def test_reading_a_named_pipe_does_not_block_even_when_asked_to(workdir):
    # The second guard: a pipe that slipped past the walk (made after it) is not waited on.
    make_fifo(workdir / "d" / "b.cp")
    script = ("import sys\nfrom cpdsl.source import SourceError, read_source\n"
              "try:\n    read_source(sys.argv[1])\nexcept SourceError as error:\n"
              "    print(error)\n")
    result = subprocess.run([sys.executable, "-c", script, B], capture_output=True,
                            text=True, timeout=TIMEOUT)
    assert result.stdout == f"{B}: a named pipe, not a plan file\n", result.stderr


# -- symbolic links ----------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["fmt"]])
def test_a_symbolic_link_loop_given_by_name_is_called_so(workdir, command):
    (workdir / "loop.cp").symlink_to("loop.cp")
    result = cplint(*command, "loop.cp")
    assert result.returncode == 2
    assert result.stderr == "cplint: loop.cp: a symbolic link loop\n"


def test_a_symbolic_link_loop_in_a_folder_is_called_so(workdir):
    (workdir / "d" / "loop.cp").symlink_to("loop.cp")
    result = cplint("d")
    assert result.returncode == 2
    assert f"cplint: {os.path.join('d', 'loop.cp')}: a symbolic link loop\n" in result.stderr


@pytest.mark.parametrize("command", [[], ["fmt"]])
def test_a_broken_symbolic_link_given_by_name_is_called_so(workdir, command):
    (workdir / "gone.cp").symlink_to("nowhere.cp")
    result = cplint(*command, "gone.cp")
    assert result.returncode == 2
    assert result.stderr == "cplint: gone.cp: a symbolic link to a missing file\n"


def test_a_missing_file_is_still_no_such_file(workdir):
    result = cplint("nowhere.cp")
    assert result.returncode == 2
    assert result.stderr == "cplint: nowhere.cp: no such file or directory\n"


def test_a_link_to_a_plan_is_a_plan(workdir):
    (workdir / "link.cp").symlink_to(os.path.join("d", "a.cp"))
    assert list(runner.find_plans(["link.cp"])) == ["link.cp"]


# -- -j ----------------------------------------------------------------------------------


class _RecordingPool:
    """A stand-in for ProcessPoolExecutor: notes how many workers were asked for, and
    does the work here."""

    asked: list[int] = []

    def __init__(self, max_workers, initializer=None, initargs=()):
        self.asked.append(max_workers)

    def shutdown(self, wait=True, cancel_futures=False):
        pass

    def submit(self, function, *args):
        from concurrent.futures import Future

        done = Future()
        done.set_result(function(*args))
        return done


@pytest.fixture
def recording_pool(monkeypatch):
    import concurrent.futures

    _RecordingPool.asked = []
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _RecordingPool)
    monkeypatch.setattr(runner, "_lint_one",
                        lambda work, today, fix=None: LintResult(work[0], ()))
    return _RecordingPool.asked


def test_jobs_are_capped_at_a_sane_maximum(recording_pool):
    paths = [f"plan-{number}.cp" for number in range(5000)]
    results = runner.lint_files(paths, TODAY, jobs=100_000)
    assert [r.path for r in results] == paths
    assert recording_pool and 1 <= recording_pool[0] <= min(64, runner.available_cores())


def test_jobs_are_capped_by_the_number_of_files(recording_pool):
    results = runner.lint_files(["a.cp", "b.cp", "c.cp"], TODAY, jobs=64)
    assert [r.path for r in results] == ["a.cp", "b.cp", "c.cp"]
    assert recording_pool == []  # three files: no processes at all


def test_available_cores_counts_what_this_process_may_use():
    cores = runner.available_cores()
    if hasattr(os, "sched_getaffinity"):
        assert cores == len(os.sched_getaffinity(0))
    assert cores >= 1


def test_a_huge_jobs_option_lints_as_one_job_does(workdir):
    for number in range(20):
        (workdir / "d" / f"p{number:02d}.cp").write_text(PLAN.replace("Sam", f"Sam{number}"))
    one = cplint("--format", "concise", "-j", "1", "d")
    many = cplint("--format", "concise", "-j", "1000000", "d")
    assert (many.returncode, many.stdout, many.stderr) == (one.returncode, one.stdout,
                                                            one.stderr)

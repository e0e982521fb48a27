"""`cplint fmt` and the file system (issue 8): a plan that changes while it is formatted,
interrupted runs and their temporary files, owners, hard links, and --diff of absolute paths.

Plans are written into tmp_path; every name in them is invented. A test that runs cplint in
a process of its own gives it a timeout, so that a regression fails instead of hanging.
"""

from __future__ import annotations

import os
import pathlib
import random
import re
import signal
import stat
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from cpdsl.cli import main
from cpdsl.formatting import format_text

MESSY = 'plan "Westbury review" {\n  member  ola { name "Ola Nowak"   role social-worker }\n}\n'
TIDY = 'plan "Westbury review" {\n  member ola { name "Ola Nowak" role social-worker }\n}\n'
ADDED = "# added while cplint fmt was at work\n"
CHANGED = ("cplint: a.cp: changed while it was being formatted; left as it is "
           "(run cplint fmt again)\n")

ROOT = pathlib.Path(__file__).resolve().parent.parent
CPLINT = [sys.executable, "-m", "cpdsl"]  # the real command, in a process of its own
TIMEOUT = 20  # seconds: only so that a hang fails the test; no test is timed
TEMPORARY = re.compile(r"\.cplint-fmt-")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: pathlib.Path, text: str) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, **kwargs):
    kwargs.setdefault("catch_exceptions", False)
    return CliRunner().invoke(main, list(args), **kwargs)


def temporaries(folder: pathlib.Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if TEMPORARY.match(p.name))


def append_to(path: pathlib.Path, text: str = ADDED) -> None:
    with open(path, "a", encoding="utf-8") as file:
        file.write(text)


def once(action):
    """`action`, the first time only."""
    done = []

    def act(*args):
        if not done:
            done.append(True)
            action(*args)
    return act


# -- 2. a plan that changes while it is formatted -----------------------------------------


def test_lines_appended_while_formatting_are_kept(workdir, monkeypatch):
    import cpdsl.formatting

    plan = write(workdir / "a.cp", MESSY)
    write(workdir / "b.cp", MESSY)
    real_format = cpdsl.formatting.format_text
    add = once(lambda: append_to(plan))

    def format_and_append(text, *args, **kwargs):
        result = real_format(text, *args, **kwargs)
        add()  # another process appends to a.cp while cplint formats it
        return result

    monkeypatch.setattr(cpdsl.formatting, "format_text", format_and_append)
    result = run("fmt", "a.cp", "b.cp")
    assert plan.read_text() == MESSY + ADDED
    assert (workdir / "b.cp").read_text() == TIDY  # the others are still formatted
    assert result.exit_code == 1
    assert CHANGED in result.stderr
    assert "reformatted a.cp" not in result.stderr
    assert result.stderr.endswith(
        "1 file reformatted, 1 file changed while being formatted (left as it is)\n")
    assert temporaries(workdir) == []


def test_a_change_while_the_new_text_is_written_is_kept(workdir, monkeypatch):
    plan = write(workdir / "a.cp", MESSY)
    real_fsync = os.fsync
    add = once(lambda: append_to(plan))

    def append_then_fsync(descriptor):
        add()  # the plan changes after it was formatted, as the new text is written
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", append_then_fsync)
    result = run("fmt", "a.cp")
    assert plan.read_text() == MESSY + ADDED
    assert result.exit_code == 1
    assert CHANGED in result.stderr
    assert temporaries(workdir) == []


def test_a_change_in_the_moment_before_the_replace_is_put_back(workdir, monkeypatch):
    plan = write(workdir / "a.cp", MESSY)
    real_replace = os.replace
    add = once(lambda: append_to(plan))

    def append_then_replace(source, target):
        add()  # after every check, in the instant before the rename
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", append_then_replace)
    result = run("fmt", "a.cp")
    assert plan.read_text() == MESSY + ADDED
    assert result.exit_code == 1
    assert CHANGED in result.stderr
    assert temporaries(workdir) == []


def test_a_plan_changed_before_and_after_the_replace_is_reported(workdir, monkeypatch):
    plan = write(workdir / "a.cp", MESSY)
    real_replace = os.replace
    calls = []

    def append_around_the_replace(source, target):
        calls.append(source)
        if len(calls) == 1:
            append_to(plan)  # to the plan as it was
            real_replace(source, target)
            append_to(plan, "# and again\n")  # to the new text, straight after
        else:
            real_replace(source, target)

    monkeypatch.setattr(os, "replace", append_around_the_replace)
    result = run("fmt", "a.cp")
    assert result.exit_code == 2
    assert ("cplint: a.cp: changed twice while it was being formatted, in the same instant: "
            "check that the changes made then are all there\n") in result.stderr
    assert plan.read_text() == TIDY + "# and again\n"  # the later change is kept
    assert temporaries(workdir) == []


def test_a_rewrite_of_the_same_size_and_time_is_noticed_by_its_bytes(workdir, monkeypatch):
    import cpdsl.formatting

    plan = write(workdir / "a.cp", MESSY)
    before = plan.stat()
    other = MESSY.replace("Ola Nowak", "Ola Nowek")
    real_format = cpdsl.formatting.format_text

    def rewrite_in_place(path):
        with open(path, "r+", encoding="utf-8") as file:  # the same file, the same size
            file.write(other)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    rewrite = once(rewrite_in_place)

    def format_and_rewrite(text, *args, **kwargs):
        result = real_format(text, *args, **kwargs)
        rewrite(plan)
        return result

    monkeypatch.setattr(cpdsl.formatting, "format_text", format_and_rewrite)
    result = run("fmt", "a.cp")
    assert plan.read_text() == other
    assert result.exit_code == 1
    assert CHANGED in result.stderr


def test_a_plan_replaced_by_another_file_is_noticed(workdir, monkeypatch):
    import cpdsl.formatting

    plan = write(workdir / "a.cp", MESSY)
    real_format = cpdsl.formatting.format_text

    def swap(path):  # an editor that saves by writing a new file and renaming it
        write(workdir / "new.cp.part", MESSY)
        os.replace(workdir / "new.cp.part", path)

    replace = once(swap)

    def format_and_swap(text, *args, **kwargs):
        result = real_format(text, *args, **kwargs)
        replace(plan)
        return result

    monkeypatch.setattr(cpdsl.formatting, "format_text", format_and_swap)
    result = run("fmt", "a.cp")
    assert plan.read_text() == MESSY  # the editor's file, as it saved it
    assert result.exit_code == 1
    assert CHANGED in result.stderr


APPENDER = """
import os, sys, time
path, stop = sys.argv[1], sys.argv[2]
count = 0
while not os.path.exists(stop) and count < 20000:
    with open(path, "a", encoding="utf-8") as file:  # as `echo ... >> plan` does
        file.write(f"# line {count}\\n")
    count += 1
    time.sleep(0.0005)
print(count)
"""


def test_a_plan_appended_to_by_another_process_loses_no_line(workdir):
    plan = write(workdir / "a.cp", _messy((ROOT / "examples" / "good" / "siblings.cp")
                                          .read_text(encoding="utf-8")))
    stop = workdir / "stop"
    appender = subprocess.Popen([sys.executable, "-c", APPENDER, str(plan), str(stop)],
                                stdout=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: "# line 3\n" in plan.read_text(encoding="utf-8"))
        fmt = subprocess.run([*CPLINT, "fmt", "a.cp"], capture_output=True, text=True,
                             timeout=TIMEOUT)
    finally:
        stop.touch()
        written = int(appender.communicate(timeout=TIMEOUT)[0])
    numbers = [int(n) for n in re.findall(r"^# line (\d+)$", plan.read_text(), re.MULTILINE)]
    assert numbers == list(range(written)), fmt.stderr  # every line, once, in order
    assert (fmt.returncode, CHANGED in fmt.stderr) in {(1, True), (0, False)}, fmt.stderr
    assert temporaries(workdir) == []


def _wait_for(condition, timeout: float = TIMEOUT) -> None:
    give_up = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < give_up, "gave up waiting"
        time.sleep(0.01)


# -- 5. interrupted runs and temporary files ----------------------------------------------

# cplint fmt, held while it writes the new text, until the test sends it a signal.
HELD_WHILE_WRITING = """
import os, pathlib, sys, time
real_fsync = os.fsync
def fsync_and_wait(descriptor):
    real_fsync(descriptor)
    pathlib.Path(sys.argv[1]).touch()  # the temporary file is there: send the signal now
    time.sleep(60)
os.fsync = fsync_and_wait
from cpdsl.cli import main
main(["fmt", *sys.argv[2:]])
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_writing_removes_the_temporary_file(workdir, signum):
    plans = workdir / "plans"
    plan = write(plans / "a.cp", MESSY)
    ready = workdir / "ready"
    process = subprocess.Popen([sys.executable, "-c", HELD_WHILE_WRITING, str(ready), "plans"],
                               stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(ready.exists)
        assert len(temporaries(plans)) == 1  # what the signal must not leave behind
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode in (-signum, 128 + signum), stderr
    assert temporaries(plans) == []
    assert plan.read_text() == MESSY
    assert "Traceback" not in stderr


def test_fmt_puts_the_signal_handlers_back(workdir):
    write(workdir / "a.cp", MESSY)
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    assert run("fmt", "a.cp").exit_code == 0
    assert {signum: signal.getsignal(signum) for signum in before} == before


def test_linting_leaves_signals_alone(workdir):
    write(workdir / "a.cp", TIDY)
    script = ("import signal, sys\nfrom cpdsl.cli import main\n"
              "try:\n    main(['a.cp'])\nexcept SystemExit:\n    pass\n"
              "print('cpdsl.writing' in sys.modules, "
              "signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=TIMEOUT)
    assert result.stdout.splitlines()[-1] == "False True", result.stderr


def test_temporary_files_left_by_a_killed_run_are_removed_and_reported(workdir):
    plans = workdir / "plans"
    write(plans / "a.cp", MESSY)
    write(plans / "b.cp", TIDY)
    stale = write(plans / ".cplint-fmt-ab12cd_9.tmp", TIDY)
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    result = run("fmt", "plans")
    assert result.exit_code == 0
    assert not stale.exists()
    assert ("cplint: removed a temporary file left by an interrupted run: "
            f"{os.path.join('plans', '.cplint-fmt-ab12cd_9.tmp')}\n") in result.stderr
    assert (plans / "a.cp").read_text() == TIDY


def test_only_cplints_own_old_temporary_files_are_removed(workdir):
    plans = workdir / "plans"
    write(plans / "a.cp", MESSY)
    others = [".cplint-fmt-ab12cd34.tmp.keep", "cplint-fmt-ab12cd34.tmp",
              ".cplint-fmt-ab12cd34.txt", ".cplint-fmt-ab12.tmp", ".cplint-fmt-AB12CD34.tmp",
              ".cplint-fmt-ab12cd34x.tmp", ".other-ab12cd34.tmp"]
    for name in others:
        os.utime(write(plans / name, TIDY), (1_000_000_000, 1_000_000_000))
    fresh = write(plans / ".cplint-fmt-newer123.tmp", TIDY)  # another run's, newer than this
    later = time.time() + 3600
    os.utime(fresh, (later, later))
    (plans / ".cplint-fmt-linked12.tmp").symlink_to(plans / "a.cp")  # not a regular file
    result = run("fmt", "plans")
    assert result.exit_code == 0
    assert "removed" not in result.stderr
    assert sorted(p.name for p in plans.iterdir()) == sorted(
        [*others, "a.cp", ".cplint-fmt-newer123.tmp", ".cplint-fmt-linked12.tmp"])


def test_check_and_diff_remove_nothing(workdir):
    write(workdir / "a.cp", MESSY)
    stale = write(workdir / ".cplint-fmt-ab12cd34.tmp", TIDY)
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    assert run("fmt", "--check", "a.cp").exit_code == 1
    assert run("fmt", "--diff", "a.cp").exit_code == 1
    assert stale.exists()


def _messy(text: str) -> str:
    """`text` laid out badly: every line pushed right, the way a careless paste does."""
    return "\n".join("   " + line if line.strip() else line for line in text.split("\n"))


def _messy_plans() -> list[str]:
    """About forty small plans, each laid out badly."""
    sources = sorted((ROOT / "tests" / "formatting").glob("*.out.cp"))
    sources.append(ROOT / "examples" / "amy.cp")
    return [_messy(source.read_text(encoding="utf-8")) for source in sources] * 4


def _write_plans(folder: pathlib.Path, texts: list[str]) -> None:
    for number, text in enumerate(texts):
        write(folder / f"plan-{number:02d}.cp", text)


def _fmt_in_the_background(folder: pathlib.Path, jobs: str = "-j1") -> subprocess.Popen:
    return subprocess.Popen([*CPLINT, "fmt", jobs, str(folder)], stderr=subprocess.DEVNULL)


def _whole_run_takes(folder: pathlib.Path, texts: list[str], jobs: str) -> float:
    """How long a run on `texts` takes here (so that the kills land within one)."""
    _write_plans(folder, texts)
    start = time.monotonic()
    _fmt_in_the_background(folder, jobs).wait(timeout=TIMEOUT)
    return time.monotonic() - start


@pytest.mark.parametrize("jobs", ["-j1", "-j2"])  # -j2: two workers, where two cores
def test_a_run_killed_at_random_moments_leaves_each_plan_whole(workdir, jobs):
    messy = _messy_plans()
    formatted = {text: format_text(text) for text in set(messy)}
    tidy = [formatted[text] for text in messy]
    assert all(result.ok and result.changed for result in tidy)
    duration = _whole_run_takes(workdir / "calibration", messy, jobs)
    random.seed(8)  # the same moments every run
    folders = []
    for trial, signum in enumerate([signal.SIGKILL, signal.SIGTERM] * 2):
        folder = workdir / f"trial-{trial}"
        _write_plans(folder, messy)
        process = _fmt_in_the_background(folder, jobs)
        try:
            time.sleep(duration * random.uniform(0.3, 1.0))  # start-up is the first part
            process.send_signal(signum)
            process.wait(timeout=TIMEOUT)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        for number, text in enumerate(messy):
            now = (folder / f"plan-{number:02d}.cp").read_bytes()
            assert now in (text.encode(), tidy[number].text.encode()), (trial, number)
        if signum == signal.SIGTERM:
            assert temporaries(folder) == [], trial
        folders.append(str(folder))
    rerun = subprocess.run([*CPLINT, "fmt", *folders], capture_output=True, text=True,
                           timeout=TIMEOUT)
    assert rerun.returncode == 0, rerun.stderr
    assert temporaries(workdir) == []
    for folder in folders:
        for number in range(len(messy)):
            now = (pathlib.Path(folder) / f"plan-{number:02d}.cp").read_bytes()
            assert now == tidy[number].text.encode()


# -- 7. owners and hard links -------------------------------------------------------------

NOBODY = 65534  # nobody:nogroup


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_rewrite_as_root_keeps_the_owner_and_group(workdir):
    plan = write(workdir / "a.cp", MESSY)
    plan.chmod(0o640)
    os.chown(plan, NOBODY, NOBODY)
    assert run("fmt", "a.cp").exit_code == 0
    assert plan.read_text() == TIDY
    after = plan.stat()
    assert (after.st_uid, after.st_gid) == (NOBODY, NOBODY)
    assert stat.S_IMODE(after.st_mode) == 0o640


def test_a_rewrite_keeps_the_owner_it_can_keep(workdir):
    plan = write(workdir / "a.cp", MESSY)
    before = plan.stat()
    assert run("fmt", "a.cp").exit_code == 0
    assert (plan.stat().st_uid, plan.stat().st_gid) == (before.st_uid, before.st_gid)


def test_every_name_of_a_hard_linked_plan_sees_the_new_text(workdir):
    plan = write(workdir / "a.cp", MESSY)
    other = workdir / "elsewhere" / "same.cp"
    other.parent.mkdir()
    os.link(plan, other)
    plan.chmod(0o640)
    inode = plan.stat().st_ino
    result = run("fmt", "a.cp")
    assert result.exit_code == 0, result.stderr
    assert plan.read_text() == other.read_text() == TIDY
    assert plan.stat().st_ino == other.stat().st_ino == inode  # written in place
    assert plan.stat().st_nlink == 2
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert temporaries(workdir) == []


def test_a_hard_linked_plan_that_changes_while_formatted_is_left(workdir, monkeypatch):
    import cpdsl.formatting

    plan = write(workdir / "a.cp", MESSY)
    os.link(plan, workdir / "b.cp.link")
    real_format = cpdsl.formatting.format_text
    add = once(lambda: append_to(plan))

    def format_and_append(text, *args, **kwargs):
        result = real_format(text, *args, **kwargs)
        add()
        return result

    monkeypatch.setattr(cpdsl.formatting, "format_text", format_and_append)
    result = run("fmt", "a.cp")
    assert plan.read_text() == MESSY + ADDED
    assert result.exit_code == 1
    assert CHANGED in result.stderr


def test_a_hard_linked_plan_that_cannot_be_written_in_full_gets_its_text_back(
        workdir, monkeypatch):
    plan = write(workdir / "a.cp", MESSY)
    os.link(plan, workdir / "b.cp.link")
    real_truncate = os.ftruncate
    calls = []

    def disk_full_once(descriptor, length):
        calls.append(length)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real_truncate(descriptor, length)

    monkeypatch.setattr(os, "ftruncate", disk_full_once)
    result = run("fmt", "a.cp")
    assert result.exit_code == 2
    assert plan.read_text() == MESSY
    assert "cannot be written (No space left on device)" in result.stderr


def test_a_read_only_hard_linked_plan_is_refused(workdir):
    plan = write(workdir / "a.cp", MESSY)
    os.link(plan, workdir / "b.cp.link")
    plan.chmod(0o444)
    try:
        result = run("fmt", "a.cp")
    finally:
        plan.chmod(0o644)
    assert result.exit_code == 2
    assert plan.read_text() == MESSY
    assert "cannot be written (the file is read-only)" in result.stderr


def test_a_symbolic_link_keeps_pointing_at_the_rewritten_plan(workdir):
    target = write(workdir / "real" / "a.cp", MESSY)
    link = workdir / "a.cp"
    link.symlink_to(target)
    result = run("fmt", "a.cp")
    assert result.exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == TIDY
    assert temporaries(workdir) == []


# -- 8. --diff of an absolute path --------------------------------------------------------


def test_diff_of_an_absolute_path_has_headers_as_git_writes_them(workdir):
    plan = write(workdir / "a.cp", MESSY)
    result = run("fmt", "--diff", str(plan))
    relative = str(plan).lstrip("/")
    assert result.stdout.startswith(f"--- a/{relative}\n+++ b/{relative}\n")


def test_diff_of_a_relative_path_is_as_before(workdir):
    write(workdir / "plans" / "a.cp", MESSY)
    result = run("fmt", "--diff", "plans/a.cp")
    assert result.stdout.startswith("--- a/plans/a.cp\n+++ b/plans/a.cp\n")

"""Issue 13: `cplint check` over a whole caseload streams its report.

As a user runs it (`python -m cpdsl`, in a subprocess): every format prints what it
printed before the streaming change (tests/data/caseload/expected), in the same order
with one process or two; the JSON, SARIF and JUnit documents are whole and laid out as
the whole document serialised at once; -o/--output-file is written whole or not at all;
--statistics, --quiet and --exit-zero behave as ruff's do; the progress bar shows on a
terminal only; and what a run keeps does not grow with the number of plans (counted
with gc and tracemalloc, never timed).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import pickle
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpdsl import progress as progress_module
from cpdsl import runner, writers
from cpdsl.check import CheckOptions, run_check
from cpdsl.hidden import json_escaped
from cpdsl.lint import LintResult
from cpdsl.progress import CLEAR, Progress
from cpdsl.report import json_items
from cpdsl.sarif import sarif_results

ROOT = Path(__file__).resolve().parent.parent
CASELOAD = Path("tests", "data", "caseload")  # relative: the paths printed are
EXPECTED = ROOT / CASELOAD / "expected"
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
TODAY = "2026-03-01"
PLAN = ROOT / "examples" / "amy.cp"
CLEAN_PLAN = "examples/good/neglect.cp"  # no findings on TODAY
GOLDEN_FORMATS = ("text", "concise", "github", "json", "junit")  # SARIF has no golden file
FORMATS = (*GOLDEN_FORMATS, "sarif")
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
ODD_ERRORS = (
    "cplint: tests/data/caseload/odd/dangling.cp: a symbolic link to a missing file\n"
    "cplint: tests/data/caseload/odd/not-utf8.cp:1:11: not UTF-8 text (byte 0xff); save the "
    "file as UTF-8\n")
CASELOAD_SUMMARY = (
    "Found 32 problems in 8 files (7 errors, 25 warnings).\n"
    "[*] 2 fixable with `cplint check --fix`.\n"
    "(4 more fixes with `--unsafe-fixes`: skeletons to fill in and changes to check.)\n")


def cplint(*args: str, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess[bytes]:
    """`cplint check --today TODAY ARGS` as a user runs it, its output captured."""
    kwargs.setdefault("capture_output", True)
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    return subprocess.run([sys.executable, "-m", "cpdsl", "check", "--today", TODAY, *args],
                          cwd=cwd, env={**env, **kwargs.pop("env", {})}, timeout=300,
                          **kwargs)


def caseload(*args: str) -> subprocess.CompletedProcess[bytes]:
    return cplint(*args, str(CASELOAD / "odd"), "examples")


def expected(name: str) -> bytes:
    return (EXPECTED / name).read_bytes()


def copies(folder: Path, count: int, plan: Path = PLAN) -> list[str]:
    """`count` copies of a plan in `folder`, named alike (plan-000.cp...): their paths."""
    folder.mkdir(parents=True)
    text = plan.read_bytes()
    for number in range(count):
        (folder / f"plan-{number:03d}.cp").write_bytes(text)
    return sorted(str(path) for path in folder.iterdir())


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith(".cplint-"))


# -- the caseload prints what it printed before, in every format, -j 1 and -j 2 -------------


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", GOLDEN_FORMATS)
def test_the_caseload_prints_what_it_printed_before(fmt, jobs):
    done = caseload("--format", fmt, "-j", jobs)
    assert done.stdout == expected(f"{fmt}.out")
    assert done.stderr == expected(f"{fmt}.err") == ODD_ERRORS.encode()
    assert done.returncode == 2  # the dangling link: cplint could not read every plan


def test_the_caseload_in_sarif_is_the_same_with_two_processes():
    one, two = caseload("--format", "sarif", "-j", "1"), caseload("--format", "sarif", "-j", "2")
    assert (two.stdout, two.stderr, two.returncode) == (one.stdout, one.stderr, 2)
    results = json.loads(one.stdout)["runs"][0]["results"]
    assert len(results) == 32  # as the text format's summary counts them


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    """About forty plans, some in a subfolder, with odd ones spread through them: not
    UTF-8, a syntax error, a dangling link, a named pipe (skipped, never opened)."""
    folder = tmp_path_factory.mktemp("mixed")
    plans = sorted(ROOT.glob("examples/**/*.cp")) + sorted(ROOT.glob("tests/fixtures/*.cp"))[:28]
    odd = ROOT / CASELOAD / "odd"
    for number, plan in enumerate(plans):
        where = folder / ("sub" if number % 5 == 4 else "") / f"{number:02d}-{plan.name}"
        where.parent.mkdir(exist_ok=True)
        shutil.copyfile(plan, where)
    shutil.copyfile(odd / "not-utf8.cp", folder / "03-not-utf8.cp")
    shutil.copyfile(odd / "broken.cp", folder / "sub" / "14-broken.cp")
    os.symlink("nowhere.cp", folder / "23-dangling.cp")
    os.mkfifo(folder / "31-pipe.cp")
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_processes_print_what_one_prints_over_a_mixed_folder(mixed_folder, fmt):
    one = cplint("--format", fmt, "-j", "1", ".", cwd=mixed_folder)
    two = cplint("--format", fmt, "-j", "2", ".", cwd=mixed_folder)
    assert one.stderr == (
        b"cplint: ./31-pipe.cp: skipped: a named pipe, not a plan file\n"
        b"cplint: ./03-not-utf8.cp:1:11: not UTF-8 text (byte 0xff); save the file as UTF-8\n"
        b"cplint: ./23-dangling.cp: a symbolic link to a missing file\n")
    assert (two.stdout, two.stderr, two.returncode) == (one.stdout, one.stderr, 2)
    assert b"14-broken.cp" in one.stdout  # its syntax error is a finding, in its place


def test_the_mixed_folder_is_really_shared_out_over_two_processes(mixed_folder):
    files, failures = runner.gather([str(mixed_folder)], skipped=lambda message: None)
    assert len(files) == 39 and len(failures) == 0
    assert runner.worker_count(2, len(files)) == min(2, runner.available_cores())


def _lint_slowly(work, today, fix=None):
    """runner._lint_one, the plans first in the list taking the longest: a worker with
    later plans finishes them first."""
    import time

    path, _ = work
    time.sleep(0.002 * (40 - int(Path(path).name[:2])))
    return _LINT_ONE(work, today, fix)


_LINT_ONE = runner._lint_one


def test_results_come_in_path_order_whatever_the_workers_do(mixed_folder, monkeypatch):
    monkeypatch.setattr(runner, "_lint_one", _lint_slowly)  # forked workers inherit it
    files, _ = runner.gather([str(mixed_folder)], skipped=lambda message: None)
    results = list(runner.iter_lint_files(files, dt.date(2026, 3, 1), jobs=2))
    assert [result.path for result in results] == files


# -- JSON, SARIF and JUnit over the fixtures: whole documents, laid out as before -----------


@pytest.fixture(scope="module")
def fixtures_report():
    """Each format's report over tests/fixtures (a couple of hundred plans)."""
    return {fmt: cplint("--format", fmt, "tests/fixtures") for fmt in ("text", "json", "sarif",
                                                                        "junit")}


def as_before_json(text: str) -> str:
    """The document parsed and serialised whole, as cplint printed it before streaming."""
    return json_escaped(json.dumps(json.loads(text), indent=2, ensure_ascii=False)) + "\n"


def as_before_junit(text: str) -> str:
    root = ElementTree.fromstring(text.encode("utf-8"))
    ElementTree.indent(root)
    return DECLARATION + ElementTree.tostring(root, encoding="unicode") + "\n"


def found_in(text_report: bytes) -> int:
    return int(re.search(rb"^Found (\d+) problems", text_report, re.M).group(1))


def test_the_fixtures_in_json_are_one_array_laid_out_as_before(fixtures_report):
    done = fixtures_report["json"]
    out = done.stdout.decode("utf-8")
    assert (done.returncode, done.stderr) == (1, b"")
    assert as_before_json(out) == out
    items = json.loads(out)
    assert len(items) == found_in(fixtures_report["text"].stdout) > 500


def test_the_fixtures_in_sarif_validate_and_are_laid_out_as_before(fixtures_report):
    import jsonschema  # in the test extra: the check must not skip quietly

    done = fixtures_report["sarif"]
    out = done.stdout.decode("utf-8")
    assert (done.returncode, done.stderr) == (1, b"")
    assert as_before_json(out) == out
    log = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert len(log["runs"][0]["results"]) == found_in(fixtures_report["text"].stdout)


def test_the_fixtures_in_junit_parse_and_are_laid_out_as_before(fixtures_report):
    done = fixtures_report["junit"]
    out = done.stdout.decode("utf-8")
    assert (done.returncode, done.stderr) == (1, b"")
    assert as_before_junit(out) == out
    root = ElementTree.fromstring(done.stdout)
    suites = root.findall("testsuite")
    assert len(suites) == len(list((ROOT / "tests" / "fixtures").glob("*.cp")))
    assert root.get("tests") == str(sum(int(suite.get("tests")) for suite in suites))
    assert root.get("failures") == str(len(root.findall("testsuite/testcase/failure")))


@pytest.fixture(scope="module")
def fixture_results() -> list[LintResult]:
    plans = sorted(str(path) for path in (ROOT / "tests" / "fixtures").glob("*.cp"))[:40]
    return runner.lint_files(plans, dt.date(2026, 3, 1), jobs=1)


def streamed(results, fmt: str) -> str:
    """What a run writes for `results`, a piece at a time."""
    return writers.render_all(results, fmt)


@given(picked=st.lists(st.integers(0, 39), max_size=8))
def test_a_streamed_json_array_is_the_whole_array_dumped_at_once(fixture_results, picked):
    results = [fixture_results[number] for number in picked]
    whole = [item for result in results for item in json_items(result)]
    assert streamed(results, "json") == json_escaped(
        json.dumps(whole, indent=2, ensure_ascii=False)) + "\n"


@given(picked=st.lists(st.integers(0, 39), max_size=8))
def test_streamed_sarif_results_are_the_whole_log_dumped_at_once(fixture_results, picked):
    results = [fixture_results[number] for number in picked]
    text = streamed(results, "sarif")
    assert as_before_json(text) == text
    assert json.loads(text)["runs"][0]["results"] == [
        item for result in results for item in sarif_results(result)]


@given(picked=st.lists(st.integers(0, 39), max_size=8))
def test_streamed_junit_is_the_whole_tree_serialised_at_once(fixture_results, picked):
    results = [fixture_results[number] for number in picked]
    text = streamed(results, "junit")
    assert as_before_junit(text) == text
    names = [suite.get("name") for suite in ElementTree.fromstring(text.encode()).iter(
        "testsuite")]
    assert names == [result.path for result in results]


# -- empty reports --------------------------------------------------------------------------


def test_a_clean_plan_in_json_is_an_empty_array():
    done = cplint("--format", "json", CLEAN_PLAN)
    assert (done.stdout, done.stderr, done.returncode) == (b"[]\n", b"", 0)


def test_a_clean_plan_in_sarif_has_no_results_and_validates():
    import jsonschema

    done = cplint("--format", "sarif", CLEAN_PLAN)
    out = done.stdout.decode("utf-8")
    assert (done.stderr, done.returncode) == (b"", 0)
    assert as_before_json(out) == out
    assert '\n      "results": []\n' in out
    log = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert log["runs"][0]["results"] == []


def test_a_clean_plan_in_junit_is_one_passing_testsuite():
    done = cplint("--format", "junit", CLEAN_PLAN)
    assert done.stdout.decode("utf-8") == (
        DECLARATION
        + '<testsuites name="cplint" tests="1" failures="0" errors="0">\n'
        '  <testsuite name="examples/good/neglect.cp" tests="1" failures="0" errors="0" '
        'skipped="0">\n'
        '    <testcase name="cplint" classname="examples/good/neglect.cp" '
        'file="examples/good/neglect.cp" />\n'
        "  </testsuite>\n"
        "</testsuites>\n")
    assert (done.stderr, done.returncode) == (b"", 0)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_missing_path_and_no_plan_prints_nothing_on_stdout(fmt):
    done = cplint("--format", fmt, "nowhere.cp")
    assert (done.stdout, done.returncode) == (b"", 2)
    assert done.stderr == b"cplint: nowhere.cp: no such file or directory\n"


@pytest.mark.parametrize(("fmt", "report"), [
    ("text", "All checks passed (0 files).\n"),
    ("json", "[]\n"),
    ("junit", DECLARATION + '<testsuites name="cplint" tests="0" failures="0" errors="0" />\n'),
    ("concise", ""),
])
def test_an_empty_folder_is_an_empty_report(tmp_path, fmt, report):
    done = cplint("--format", fmt, str(tmp_path))
    assert (done.stdout.decode("utf-8"), done.stderr, done.returncode) == (report, b"", 0)


# -- -o/--output-file ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_output_file_holds_what_stdout_would(tmp_path, fmt):
    report = tmp_path / "report"
    done = caseload("--format", fmt, "-o", str(report))
    assert (done.stdout, done.stderr, done.returncode) == (b"", ODD_ERRORS.encode(), 2)
    if fmt == "sarif":
        assert report.read_bytes() == caseload("--format", fmt).stdout
    else:
        assert report.read_bytes() == expected(f"{fmt}.out")
    assert leftovers(tmp_path) == []
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(report.stat().st_mode) == 0o666 & ~mask  # as any new file


def test_the_output_file_is_never_coloured(tmp_path):
    report = tmp_path / "report.txt"
    done = caseload("--color", "always", "-o", str(report))
    assert report.read_bytes() == expected("text.out")
    assert done.returncode == 2


def test_an_output_file_that_cannot_be_written_is_said(tmp_path):
    done = cplint("-o", "no-such-folder/report.txt", CLEAN_PLAN)
    assert (done.stdout, done.returncode) == (b"", 2)
    assert done.stderr == (b"cplint: no-such-folder/report.txt: cannot be written "
                           b"(No such file or directory)\n")


class Broken(RuntimeError):
    """What the writer raises part-way through the report."""


def break_after_the_first(writer_class, monkeypatch) -> None:
    """The format's writer `add`s one result, then fails."""
    add = writer_class.add
    calls = []

    def add_once(self, result):
        if calls:
            raise Broken("the run stops here")
        calls.append(result.path)
        add(self, result)

    monkeypatch.setattr(writer_class, "add", add_once)


@pytest.mark.parametrize(("fmt", "writer_class"), [
    ("text", writers._PerResult), ("json", writers._Json), ("sarif", writers._Sarif),
    ("junit", writers._Junit)])
def test_a_run_cut_short_leaves_no_output_file(tmp_path, monkeypatch, fmt, writer_class):
    plans = copies(tmp_path / "plans", 3)
    report = tmp_path / "report"
    options = CheckOptions(fmt, today=dt.date(2026, 3, 1), jobs=1, output_file=str(report))
    out: list[str] = []
    run_check(plans, options, out.append, out.append)
    whole = report.read_text(encoding="utf-8")
    assert out == [] and whole
    report.unlink()

    break_after_the_first(writer_class, monkeypatch)
    with pytest.raises(Broken):
        run_check(plans, options, out.append, out.append)
    assert not report.exists()
    assert leftovers(tmp_path) == [] and out == []

    report.write_text("the report of the last whole run\n", encoding="utf-8")
    with pytest.raises(Broken):
        run_check(plans, options, out.append, out.append)
    assert report.read_text(encoding="utf-8") == "the report of the last whole run\n"
    assert leftovers(tmp_path) == []

    monkeypatch.undo()
    assert run_check(plans, options, out.append, out.append) == 1
    assert report.read_text(encoding="utf-8") == whole  # replaced once the run is whole
    assert leftovers(tmp_path) == [] and out == []


# -- --statistics, --quiet, --exit-zero -----------------------------------------------------

CASELOAD_STATISTICS = """\
8\tCP508\t[ ] unsigned-plan
2\tCP100\t[*] syntax-error
2\tCP204\t[ ] vague-outcome
2\tCP304\t[ ] member-without-task
2\tCP411\t[ ] overdue-action
2\tCP512\t[ ] missing-assessment
2\tCP606\t[ ] meeting-without-child-views
1\tCP201\t[ ] outcome-without-measure
1\tCP202\t[ ] outcome-without-date
1\tCP205\t[ ] outcome-not-child-focused
1\tCP206\t[ ] unassigned-action
1\tCP207\t[ ] action-without-due-date
1\tCP208\t[ ] action-without-outcome
1\tCP302\t[ ] missing-second-chair
1\tCP303\t[ ] chair-takes-notes
1\tCP305\t[ ] exclusion-without-reason
1\tCP306\t[ ] exclusion-without-informant
1\tCP401\t[ ] first-core-group-late
1\tCP407\t[ ] minutes-late
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_statistics_of_the_caseload(jobs):
    done = caseload("--statistics", "-j", jobs)
    assert done.stdout.decode("utf-8") == CASELOAD_STATISTICS
    assert (done.stderr.decode("utf-8"), done.returncode) == (ODD_ERRORS, 2)


def test_statistics_keep_the_exit_code_and_go_to_the_output_file(tmp_path):
    assert cplint("--statistics", "examples").returncode == cplint("examples").returncode == 1
    assert cplint("--statistics", CLEAN_PLAN).stdout == b""
    report = tmp_path / "statistics.txt"
    done = caseload("--statistics", "-o", str(report))
    assert (done.stdout, done.returncode) == (b"", 2)
    assert report.read_text(encoding="utf-8") == CASELOAD_STATISTICS


def test_statistics_count_every_finding():
    counts = sum(int(line.split("\t")[0]) for line in CASELOAD_STATISTICS.splitlines())
    assert counts == found_in(expected("text.out")) == 32


def test_quiet_prints_the_findings_without_the_summary():
    done = caseload("-q")
    assert done.stdout.decode("utf-8") + CASELOAD_SUMMARY == expected(
        "text.out").decode("utf-8")
    assert (done.stderr.decode("utf-8"), done.returncode) == (ODD_ERRORS, 2)
    assert caseload("--quiet", "--format", "json").stdout == expected("json.out")
    assert cplint("--quiet", CLEAN_PLAN).stdout == b""


def test_exit_zero_exits_0_with_findings_and_still_prints_them():
    done = cplint("--exit-zero", "examples")
    assert (done.stdout, done.returncode) == (cplint("examples").stdout, 0)
    broken = str(CASELOAD / "odd" / "broken.cp")  # a syntax error is a finding, as in ruff
    assert (cplint(broken).returncode, cplint("--exit-zero", broken).returncode) == (1, 0)


def test_exit_zero_still_exits_2_when_cplint_cannot_run(tmp_path):
    done = caseload("--exit-zero")
    assert (done.stdout, done.stderr, done.returncode) == (
        expected("text.out"), ODD_ERRORS.encode(), 2)
    assert cplint("--exit-zero", "nowhere.cp").returncode == 2
    assert cplint("--exit-zero", "--profile", "no-such-profile", "examples").returncode == 2
    assert cplint("--exit-zero", "-o", "no-such-folder/r", "examples").returncode == 2


def test_exit_zero_with_fix_exits_0_with_findings_left(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "examples" / "mistakes", plans)
    assert cplint("--fix", "--exit-zero", str(plans)).returncode == 0
    assert cplint(str(plans)).returncode == 1  # findings are left after the fixes


def test_exit_zero_with_diff_exits_0_as_ruff(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "examples" / "mistakes", plans)
    assert cplint("--diff", "--unsafe-fixes", str(plans)).returncode == 1
    assert cplint("--diff", "--unsafe-fixes", "--exit-zero", str(plans)).returncode == 0


# -- the progress bar -----------------------------------------------------------------------


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def bar(total: int = 10, shares_screen: bool = True):
    clock, written = Clock(), []
    return Progress(total, "checked", written.append, shares_screen, clock), clock, written


def steps(progress, clock, at: list[tuple[float, int]]) -> None:
    for seconds, findings in at:
        clock.now = 100.0 + seconds
        progress.step(findings)


FIVE_DONE = [(0.2, 1), (0.4, 0), (0.6, 2), (0.9, 0)]


def test_nothing_is_drawn_in_the_first_second():
    progress, clock, written = bar()
    steps(progress, clock, FIVE_DONE)
    assert written == []
    with progress:
        pass
    assert written == []  # nothing drawn, nothing to clear


def test_the_bar_is_drawn_after_a_second():
    progress, clock, written = bar()
    steps(progress, clock, [*FIVE_DONE, (1.0, 0)])
    assert written == [CLEAR + "checked 5/10 files · 3 findings · 5 files/s · 1 s left"]


def test_the_bar_is_redrawn_at_most_every_tenth_of_a_second():
    progress, clock, written = bar()
    steps(progress, clock, [*FIVE_DONE, (1.0, 0), (1.05, 1), (1.08, 0), (1.15, 0)])
    assert written == [CLEAR + "checked 5/10 files · 3 findings · 5 files/s · 1 s left",
                       CLEAR + "checked 8/10 files · 4 findings · 7 files/s · 0 s left"]


def test_hidden_clears_the_bar_and_draws_it_again_on_a_shared_screen():
    progress, clock, written = bar()
    steps(progress, clock, [*FIVE_DONE, (1.0, 0)])
    clock.now = 102.0
    with progress.hidden():
        written.append("a finding\n")
    assert written[1:] == [CLEAR, "a finding\n",
                           CLEAR + "checked 5/10 files · 3 findings · 2 files/s · 2 s left"]
    with progress:
        pass
    assert written[-1] == CLEAR


def test_hidden_leaves_the_bar_alone_when_the_report_goes_elsewhere():
    progress, clock, written = bar(shares_screen=False)
    steps(progress, clock, [*FIVE_DONE, (1.0, 0)])
    with progress.hidden():
        written.append("a finding\n")
    assert written == [CLEAR + "checked 5/10 files · 3 findings · 5 files/s · 1 s left",
                       "a finding\n"]


def test_hidden_draws_nothing_before_the_bar_shows():
    progress, clock, written = bar()
    steps(progress, clock, [(0.5, 1)])
    with progress.hidden():
        written.append("a finding\n")
    assert written == ["a finding\n"]


@pytest.mark.parametrize(("done", "findings", "seconds", "line"), [
    (1_200, 345, 2.5, "checked 1,200/10,000 files · 345 findings · 480 files/s · 18 s left"),
    (10, 1, 10.0, "checked 10/10,000 files · 1 finding · 1 files/s · 166 min 30 s left"),
    (9_000, 0, 60.0, "checked 9,000/10,000 files · 0 findings · 150 files/s · 7 s left"),
    (100, 12, 1.0, "checked 100/10,000 files · 12 findings · 100 files/s · 1 min 39 s left"),
])
def test_the_bar_line(done, findings, seconds, line):
    progress, clock, _ = bar(total=10_000)
    progress.done, progress.findings = done, findings
    assert progress.line(100.0 + seconds) == line


BAR = re.compile(r"checked ([\d,]+)/([\d,]+) files · ([\d,]+) findings? · [\d,]+ files/s · "
                 r"(\d+ s|\d+ min \d\d s) left")


@given(st.lists(st.tuples(st.floats(0, 0.3), st.integers(0, 5)), min_size=1, max_size=60))
def test_the_bar_shows_late_seldom_and_true(gaps):
    progress, clock, written = bar(total=len(gaps))
    draws, seconds, found = [], 0.0, 0
    for number, (gap, findings) in enumerate(gaps, 1):
        seconds += gap
        found += findings
        before = len(written)
        steps(progress, clock, [(seconds, findings)])
        if len(written) > before:
            (text,) = written[before:]
            done, total, shown, _ = BAR.fullmatch(text.removeprefix(CLEAR)).groups()
            assert (int(done), int(total), int(shown)) == (number, len(gaps), found)
            draws.append(seconds)
        elif seconds >= 1.0 and not draws:
            pytest.fail("a second has passed and no bar was drawn")
    assert all(when >= 1.0 for when in draws)
    assert all(later - earlier >= 0.1 - 1e-9 for earlier, later in zip(draws, draws[1:]))
    with progress:
        pass
    assert written[-1:] == ([CLEAR] if draws else [])


def screen_faults(log: list[tuple[str, str]]) -> list[str]:
    """What was printed onto the bar's line (stdout and stderr on one terminal), and
    the bar itself if it is left on the screen at the end."""
    faults, drawn = [], ""
    for stream, text in log:
        if stream == "err" and text.startswith(CLEAR):
            drawn = text.removeprefix(CLEAR)
        elif drawn:
            faults.append(text)
    return faults + ([drawn] if drawn else [])


# The end of the report (the summary, JSON's `]`, all of JUnit, the statistics) is
# written once the bar is cleared.
@pytest.mark.parametrize(("fmt", "statistics"), [
    ("concise", False), ("json", False), ("text", False), ("junit", False), ("text", True)])
def test_nothing_is_printed_over_the_bar(tmp_path, monkeypatch, fmt, statistics):
    monkeypatch.setattr(progress_module, "DELAY", 0.0)  # the bar from the first plan
    plans = copies(tmp_path / "plans", 12)
    log: list[tuple[str, str]] = []
    options = CheckOptions(fmt, today=dt.date(2026, 3, 1), jobs=1, progress=True,
                           shares_screen=True, statistics=statistics)
    run_check(plans, options, lambda text: log.append(("out", text)),
              lambda text: log.append(("err", text)))
    assert any(stream == "err" and BAR.search(text) for stream, text in log)
    assert screen_faults(log) == []


def test_quiet_draws_no_bar(tmp_path, monkeypatch):
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    plans = copies(tmp_path / "plans", 12)
    errors: list[str] = []
    options = CheckOptions(today=dt.date(2026, 3, 1), jobs=1, progress=True, quiet=True)
    assert run_check(plans, options, lambda text: None, errors.append) == 1
    assert errors == []


SLOW_RUN = 600  # copies of a plan: a few seconds with one process, long enough for the bar


@pytest.fixture(scope="module")
def slow_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("slow") / "plans"
    copies(folder, SLOW_RUN)
    return folder


def on_a_terminal(args: list[str], env: dict[str, str], stdout) -> tuple[int, str]:
    """Run cplint with its standard error on a pseudo-terminal: its exit code, and what
    the terminal was sent."""
    import pty

    main_end, terminal = pty.openpty()
    done = cplint(*args, stderr=terminal, stdout=stdout, capture_output=False, env=env)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(main_end, 4096)
        except OSError:  # the terminal's other end is closed: all of it is read
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_end)
    return done.returncode, shown.decode("utf-8")


def test_a_slow_run_shows_the_bar_on_a_terminal_and_clears_it(slow_folder, tmp_path):
    with open(tmp_path / "stdout", "wb") as stdout:
        code, shown = on_a_terminal(["-j", "1", "--format", "concise", str(slow_folder)],
                                    {"TERM": "xterm"}, stdout)
    assert code == 1
    assert shown.startswith(CLEAR) and shown.endswith(CLEAR)
    lines = shown.split(CLEAR)[1:-1]
    assert lines and all(BAR.fullmatch(line) for line in lines)
    done = [int(BAR.fullmatch(line).group(1).replace(",", "")) for line in lines]
    assert done == sorted(done) and done[-1] <= SLOW_RUN
    assert {BAR.fullmatch(line).group(2) for line in lines} == {f"{SLOW_RUN}"}
    piped = cplint("-j", "1", "--format", "concise", str(slow_folder))
    assert (tmp_path / "stdout").read_bytes() == piped.stdout  # the bar is not in the report


@pytest.mark.parametrize(("args", "env"), [
    (["-j", "1"], {"TERM": "dumb"}),
    (["-j", "1", "--quiet"], {"TERM": "xterm"}),
])
def test_no_bar_on_a_dumb_terminal_or_with_quiet(slow_folder, args, env):
    code, shown = on_a_terminal([*args, str(slow_folder)], env, subprocess.DEVNULL)
    assert (code, shown) == (1, "")


def test_no_bar_when_stderr_is_a_pipe(slow_folder):
    done = cplint("-j", "1", str(slow_folder), env={"TERM": "xterm"})
    assert (done.returncode, done.stderr) == (1, b"")


# -- memory: what is kept does not grow with the number of plans ---------------------------


def test_what_a_worker_sends_back_is_small_and_the_same_whatever_the_run(tmp_path):
    today = dt.date(2026, 3, 1)
    few = list(runner.iter_lint_files(copies(tmp_path / "a", 10), today, jobs=2))
    many = list(runner.iter_lint_files(copies(tmp_path / "b", 300), today, jobs=2))
    assert runner.worker_count(2, 300) == min(2, runner.available_cores())  # pickled back
    sizes = {len(pickle.dumps(result)) for result in few + many}
    assert len(sizes) == 1  # the same plan, the same size, in a run of 10 or of 300
    for result in (few[0], many[-1]):
        shown = {d.span.line for d in result.diagnostics} | {
            related.span.line for d in result.diagnostics for related in d.related}
        assert set(result.lines) == shown  # of the plan's text, only the lines shown
        assert (result.fixed_text, result.diff, result.places) == (None, "", None)


def live_results(folder: Path) -> int:
    """How many results of plans in `folder` are alive (others' are a fixture's)."""
    gc.collect()
    return sum(1 for thing in gc.get_objects()
               if isinstance(thing, LintResult) and thing.path.startswith(str(folder)))


def test_a_run_keeps_no_result_once_it_is_written(tmp_path):
    plans = copies(tmp_path / "plans", 300)
    today = dt.date(2026, 3, 1)
    held = runner.lint_files(plans[:50], today, jobs=1)
    assert live_results(tmp_path) == 50  # the count sees results that are kept
    del held
    assert live_results(tmp_path) == 0
    during: list[int] = []
    writes = 0

    def out(text: str) -> None:
        nonlocal writes
        writes += 1
        if writes % 100 == 1:
            during.append(live_results(tmp_path))

    assert run_check(plans, CheckOptions("concise", today=today, jobs=1), out,
                     lambda text: None) == 1
    assert writes == 300 and during == [1, 1, 1]  # only the result being written
    assert live_results(tmp_path) == 0


# Run in a process of its own, so that nothing another test left (its garbage, a
# library's state) is allocated or freed inside the measured run. The report is counted
# and dropped (with "keep": kept, as a run that held it would). The cyclic garbage each
# plan leaves is collected every 25 pieces written: otherwise the peak would measure when
# Python last ran a full collection, not what the run holds.
MEASURE = """
import datetime as dt, gc, os, sys, tracemalloc
from cpdsl.check import CheckOptions, run_check

fmt, keep, folder = sys.argv[1], sys.argv[2] == "keep", sys.argv[3]
plans = sorted(os.path.join(folder, name) for name in os.listdir(folder))
options = CheckOptions(fmt, today=dt.date(2026, 3, 1), jobs=1)

def peak(plans):
    written = []
    def out(text):
        written.append(text if keep else "")
        if len(written) % 25 == 0:
            gc.collect()
    gc.collect()
    tracemalloc.start()
    run_check(plans, options, out, lambda text: None)
    found = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return found

run_check(plans[:30], options, lambda text: None, lambda text: None)  # grammar, caches
print(peak(plans[:30]), peak(plans))
"""


def peak_memory(folder: Path, fmt: str, keep: bool = False) -> tuple[int, int]:
    """tracemalloc's peak (bytes allocated at once; a counter, not a timer) over a run of
    the first 30 plans in `folder`, and over all of them."""
    done = subprocess.run([sys.executable, "-c", MEASURE, fmt, "keep" if keep else "drop",
                           str(folder)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    few, many = done.stdout.split()
    return int(few), int(many)


@pytest.fixture(scope="module")
def three_hundred(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("memory") / "plans"
    copies(folder, 300)
    return folder


@pytest.mark.parametrize("fmt", ["text", "sarif"])  # JSON streams as SARIF does
def test_peak_memory_does_not_grow_with_the_number_of_plans(three_hundred, fmt):
    few, many = peak_memory(three_hundred, fmt)
    assert many <= 1.5 * few, (few, many)


def test_the_peak_grows_when_a_run_keeps_its_report(three_hundred):
    few, many = peak_memory(three_hundred, "text", keep=True)
    assert many > 3 * few, (few, many)  # what the test above would see of kept results


def test_a_reader_that_stops_early_ends_the_run_quietly():
    """`cplint plans/ | head`: no traceback, no internal error, exit 2 (cut short)."""
    process = subprocess.Popen([sys.executable, "-m", "cpdsl", "check", "--today",
                                "2026-03-01", str(ROOT / "tests" / "fixtures")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # as `head -1` does
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 2
    assert stderr == b""


def test_the_report_is_never_written_over_a_plan(tmp_path):
    plan = tmp_path / "amy.cp"
    shutil.copy(ROOT / "examples" / "amy.cp", plan)
    before = plan.read_bytes()
    result = cplint("-o", str(plan), str(tmp_path))
    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        2, b"", f"cplint: {plan} is a plan being checked: write the report somewhere else\n")
    assert plan.read_bytes() == before

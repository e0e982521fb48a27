"""Snapshots of what users read: `cplint check` on every fixture and example, and the diffs
of `--fix`.

For every plan `P.cp` under tests/fixtures/ and examples/ (found by walking, as cplint
walks a folder), three snapshots may sit beside it:

- `P.cp.out`: what `cplint check --today 2026-03-01 --color never P.cp` prints, run from
  the repository root (so paths are relative), standard output then standard error as a
  terminal shows them: source lines, carets, `[*]` marks, `fix:` lines, notes, the summary.
- `P.cp.fix.diff`: what `cplint check --today 2026-03-01 --diff P.cp` prints (the diff of
  the safe fixes, then "Would fix ..." and any note); absent when it says only "No fixes
  to apply.". It is a patch as it stands: `git apply` and `patch -p1` skip the lines
  after the last hunk.
- `P.cp.unsafe.diff`: the same with `--unsafe-fixes`; absent when it would print what
  `P.cp.fix.diff` holds (no unsafe fix changes more).

cplint's walk reads only `*.cp`, so no snapshot is ever taken for a plan (a test checks
it). A plan without its snapshot, a snapshot that differs, and a snapshot left for a plan
that no longer has it (or no longer exists) all fail; `UPDATE_SNAPSHOTS=1` (or `make
snapshots`) rewrites them from cplint and removes the stale ones: read the diff before
committing it.

The diffs are checked beyond their text: applying a snapshot's patch to the plan gives the
text `--fix` writes, and `--fix` on that text changes nothing more. For the trainers'
mistakes this is the golden `--fix`: what each plan becomes with the safe fixes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpdsl.check import CheckOptions, run_check
from cpdsl.config import ConfigFinder
from cpdsl.diffs import unified_diff
from cpdsl.fix_files import FixMode, fix_text
from cpdsl.report import would_fix
from cpdsl.runner import find_plans
from cpdsl.source import decode

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("tests/fixtures", "examples")  # relative to ROOT: where the snapshotted plans are
TODAY = dt.date(2026, 3, 1)  # the date the fixtures and examples are written to be judged on
UPDATE = bool(os.environ.get("UPDATE_SNAPSHOTS"))
CHECK, SAFE, UNSAFE = ".out", ".fix.diff", ".unsafe.diff"
SUFFIXES = (CHECK, SAFE, UNSAFE)
NOTHING_TO_FIX = would_fix(0, 0) + "\n"  # what --diff says when it prints no diff
HOW_TO_UPDATE = ("run `make snapshots` (UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest "
                 "tests/test_snapshots.py) and read the diff before committing it")


def plans_under(folders: tuple[str, ...]) -> list[str]:
    """Every plan under `folders`, as a path relative to ROOT (how the snapshots name it)."""
    found = []
    for folder in folders:
        for root, dirs, files in os.walk(ROOT / folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [Path(root, name).relative_to(ROOT).as_posix()
                      for name in sorted(files) if name.endswith(".cp")]
    return sorted(found)


PLANS = plans_under(FOLDERS)
MISTAKES = [plan for plan in PLANS if plan.startswith("examples/mistakes/")]


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the output are relative to the repository root


# -- running cplint as a user does ---------------------------------------------------------

def transcript(plan: str, **flags) -> str:
    """What `cplint check --today 2026-03-01 --color never [flags] PLAN` shows on a
    terminal: both streams, in the order they were written."""
    shown: list[str] = []
    run_check([plan], CheckOptions(today=TODAY, colour=False, **flags), shown.append,
              shown.append)
    return "".join(shown)


def snapshots_of(plan: str) -> dict[str, str | None]:
    """Each snapshot `plan` should have, by suffix: its text, or None where there should
    be none."""
    safe = transcript(plan, diff=True)
    unsafe = transcript(plan, diff=True, unsafe_fixes=True)
    return {
        CHECK: transcript(plan),
        SAFE: None if safe == NOTHING_TO_FIX else safe,
        UNSAFE: None if unsafe in (safe, NOTHING_TO_FIX) else unsafe,
    }


def fixed(plan: str, text: str, unsafe: bool = False) -> str:
    """The text `cplint check --fix` (`--unsafe-fixes`) would write for `plan` had it
    held `text`: `text` itself where nothing is fixed."""
    options = ConfigFinder().options_for(plan, None)
    result = fix_text(plan, text, TODAY, options, FixMode(unsafe=unsafe, write=True))
    return text if result.fixed_text is None else result.fixed_text


# -- applying a unified diff (to check a snapshot against --fix, independently of it) ------

_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_NO_NEWLINE = "\\ No newline at end of file"


def apply_patch(text: str, patch: str) -> str:
    """`text` with the hunks of a one-file unified diff applied; lines after the last hunk
    (what cplint prints after the diff) are ignored, as `patch` ignores them. A hunk that
    does not match `text` fails the test."""
    old = text.splitlines(keepends=True)
    lines = patch.splitlines(keepends=True)
    new: list[str] = []
    copied = 0  # how many lines of `old` are done with
    at = 0
    while at < len(lines):
        match = _HUNK.match(lines[at])
        at += 1
        if not match:
            continue  # the headers, and what follows the diff
        start, length = int(match.group(1)), int(match.group(2) or 1)
        first = start - 1 if length else start  # an empty range names the line before it
        new += old[copied:first]
        copied = first
        removed = added = 0
        while removed < length or added < int(match.group(4) or 1):
            kind, line = lines[at][0], lines[at][1:]
            at += 1
            if at < len(lines) and lines[at].rstrip("\n") == _NO_NEWLINE:
                line = line.removesuffix("\n")
                at += 1
            if kind in " -":
                assert copied < len(old) and old[copied] == line, (
                    f"the patch does not match line {copied + 1}: {line!r}")
                copied += 1
                removed += 1
            if kind in " +":
                new.append(line)
                added += 1
    return "".join(new + old[copied:])


_LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "", "d", "\n"]), max_size=12)


@given(_LINES, _LINES)
def test_applying_a_diff_gives_the_text_it_was_made_to(old, new):
    old_text, new_text = "".join(old), "".join(new)
    patch = unified_diff(old_text, new_text, "tests/x.cp") + "Would fix 1 problem in 1 file.\n"
    assert apply_patch(old_text, patch) == new_text


def test_a_patch_that_does_not_match_fails():
    patch = unified_diff("a\nb\n", "a\nc\n", "x.cp")
    with pytest.raises(AssertionError, match="does not match line 2"):
        apply_patch("a\nd\n", patch)


# -- the snapshots ---------------------------------------------------------------------------

def _differences(path: Path, expected: str, actual: str) -> str:
    import difflib

    diff = difflib.unified_diff(expected.splitlines(keepends=True),
                                actual.splitlines(keepends=True),
                                f"{path.name} (snapshot)", f"{path.name} (cplint now)")
    return "".join(line if line.endswith("\n") else line + "\n" for line in diff)


def compare(plan: str, suffix: str, actual: str | None) -> str | None:
    """What is wrong with the snapshot `plan + suffix`, which should hold `actual` (be
    absent where `actual` is None), or None; with UPDATE_SNAPSHOTS=1 it is made so."""
    path = ROOT / (plan + suffix)
    if UPDATE:
        if actual is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(actual, encoding="utf-8", newline="")
        return None
    if actual is None:
        return f"{path.name}: a stale snapshot ({plan} has nothing to show there)" \
            if path.exists() else None
    if not path.exists():
        return f"{path.name}: missing"
    expected = path.read_bytes().decode("utf-8")
    if expected != actual:
        return (f"{path.name} differs from what cplint prints now:\n"
                f"{_differences(path, expected, actual)}")
    return None


def test_there_are_plans_to_snapshot():
    assert len(PLANS) >= 100 and len(MISTAKES) >= 5


def test_cplint_walks_the_same_plans_and_no_snapshot():
    assert sorted(Path(p).as_posix() for p in find_plans(FOLDERS)) == PLANS


@pytest.mark.parametrize("plan", PLANS)
def test_snapshots(plan: str):
    problems = [problem for suffix, actual in snapshots_of(plan).items()
                if (problem := compare(plan, suffix, actual))]
    if problems:
        pytest.fail(f"{plan}: {HOW_TO_UPDATE}\n\n" + "\n".join(problems), pytrace=False)


@pytest.mark.parametrize("plan, flags, suffix", [
    ("examples/amy.cp", [], CHECK),
    ("tests/fixtures/cp103_undefined_reference.cp", ["--diff"], SAFE),
    ("tests/fixtures/syntax_errors.cp", ["--diff"], SAFE),  # a note on standard error
])
def test_the_command_line_prints_what_the_snapshot_holds(plan, flags, suffix):
    """The snapshots come from run_check; `cplint check` itself prints the same."""
    from click.testing import CliRunner

    from cpdsl.cli import main

    result = CliRunner().invoke(main, ["check", "--today", TODAY.isoformat(), "--color",
                                       "never", *flags, plan])
    assert result.output == (ROOT / (plan + suffix)).read_bytes().decode("utf-8")


def test_no_snapshot_is_left_without_its_plan():
    planned = set(PLANS)
    orphans = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.cp.*")):
            name = path.relative_to(ROOT).as_posix()
            suffix = next((s for s in SUFFIXES if name.endswith(".cp" + s)), None)
            if suffix is not None and name.removesuffix(suffix) not in planned:
                orphans.append(path)
    if UPDATE:
        for path in orphans:
            path.unlink()
        return
    assert not orphans, f"snapshots of plans that are gone: {orphans}; {HOW_TO_UPDATE}"


# -- the diffs are what --fix does -----------------------------------------------------------

def _snapshot(plan: str, *suffixes: str) -> str:
    """The first of the snapshots named that `plan` has; "" (no change) where it has none."""
    for suffix in suffixes:
        path = ROOT / (plan + suffix)
        if path.exists():
            return path.read_bytes().decode("utf-8")
    return ""


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("plan", PLANS)
def test_the_diff_is_what_fix_writes_and_fixing_again_changes_nothing(plan: str, unsafe: bool):
    """For the trainers' mistakes this is the golden `--fix`: each plan with its
    `.fix.diff` applied (the plan itself where it has none) is what `--fix` writes."""
    text = decode((ROOT / plan).read_bytes(), plan)  # as cplint reads it: line ends kept
    patch = _snapshot(plan, UNSAFE, SAFE) if unsafe else _snapshot(plan, SAFE)
    mended = fixed(plan, text, unsafe)
    assert apply_patch(text, patch) == mended
    assert fixed(plan, mended, unsafe) == mended

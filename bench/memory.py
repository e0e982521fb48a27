"""Peak memory of whole cplint runs: checking and `fmt --check` on the benchmark plans.

    .venv/bin/python bench/memory.py              # 3,000 and 30,000 lines, and a 20 MB plan
    .venv/bin/python bench/memory.py --no-big     # without the 20 MB plan (minutes to run)
    .venv/bin/python bench/memory.py --big-lines 100000

Each figure is the peak resident memory (RSS) of the whole process, as `/usr/bin/time -v`
reports it ("Maximum resident set size"): the kernel's count for the finished child, read
with os.wait4 by a small Python started for each run, so that neither this process nor an
earlier child is counted in. The floor is
Python with cplint's dependencies imported. The plans are the ones in bench/data (same
generator, same seeds) plus a big one of about 20 MB, all written to a temporary folder
that is removed afterwards. Run by hand; no test runs it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (bench/ is not a package)

BIN = Path(sys.executable).parent  # .venv/bin: cplint lives beside this Python
TODAY = "2026-03-01"
BIG_LINES = 690_000  # about 20 MB of plan text
SEEDS = {name: seed for seed, name in enumerate(generate.SIZES, start=1)}  # as bench/data


class Peak:
    """One command's peak RSS (KiB) and wall seconds, the median of its runs."""

    def __init__(self, kib: list[int], seconds: list[float]) -> None:
        self.kib = statistics.median(kib)
        self.seconds = statistics.median(seconds)


# Run by a small fresh Python: a child's peak also counts the process it was started from
# (until its exec), and this one holds the plans' text. It prints exit code, KiB, seconds.
_MEASURE = """\
import os, sys, time
out = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=out)
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, time.perf_counter() - start)
"""


def peak_of(argv: list[str], runs: int) -> Peak:
    # As installed tools run: with a bytecode cache (see docs/performance.md, Bytecode).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    kib, seconds = [], []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", _MEASURE, *argv], env=env,
                              capture_output=True, text=True, check=True)
        code, peak, elapsed = done.stdout.split()
        if int(code) not in (0, 1):  # 1: findings, or a plan fmt would change
            raise SystemExit(f"{' '.join(argv)} failed with exit code {code}")
        kib.append(int(peak))  # ru_maxrss is in KiB on Linux
        seconds.append(float(elapsed))
    return Peak(kib, seconds)


def write_plans(folder: Path, big_lines: int | None) -> list[Path]:
    """The 3,000- and 30,000-line bench plans (as bench/data has them) and a big one."""
    plans = [(name, SEEDS[name], generate.SIZES[name]) for name in ("plan-3000.cp",
                                                                     "plan-30000.cp")]
    if big_lines:
        plans.append((f"plan-{big_lines}.cp", len(SEEDS) + 1, big_lines))
    paths = []
    for name, seed, lines in plans:
        path = folder / name
        path.write_text(generate.plan_text(seed, lines), encoding="utf-8")
        paths.append(path)
    return paths


def measure(plans: list[Path], runs: int = 3) -> list[str]:
    """The table's lines: the floor, then each plan's check and fmt peaks."""
    cplint = str(BIN / "cplint")
    floor = peak_of([sys.executable, "-c", "import lark, click, attrs"], runs)
    floor_label = 'python -c "import lark, click, attrs"'
    out = [f"  {'':<38}{'check':>10}{'fmt --check':>13}   seconds (check, fmt)",
           f"  {floor_label:<38}{_mb(floor.kib):>10}{'':>13}   floor"]
    for plan in plans:
        text = plan.read_text(encoding="utf-8")
        big = len(text) > 5_000_000
        times = 1 if big else runs  # the big plan takes minutes
        check = peak_of([cplint, "--today", TODAY, str(plan)], times)
        fmt = peak_of([cplint, "fmt", "--check", str(plan)], times)
        label = f"{text.count(chr(10)):,} lines, {len(text.encode()) / 1e6:.1f} MB"
        out.append(f"  {label:<38}{_mb(check.kib):>10}{_mb(fmt.kib):>13}   "
                   f"{check.seconds:.1f} s, {fmt.seconds:.1f} s")
    return out


def _mb(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-big", action="store_true", help="skip the 20 MB plan")
    parser.add_argument("--big-lines", type=int, default=BIG_LINES,
                        help=f"lines in the big plan (default {BIG_LINES:,}, about 20 MB)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each small plan")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cplint-memory-") as folder:
        plans = write_plans(Path(folder), None if args.no_big else args.big_lines)
        print("peak resident memory, whole process (median of runs; the big plan once)\n")
        print("\n".join(measure(plans, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

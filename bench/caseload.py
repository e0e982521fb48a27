"""A whole caseload in one run: N generated 150-line plans in one folder, checked as a
local authority checks every open plan at once (`cplint -j J DIR --today 2026-03-01`).

    .venv/bin/python bench/caseload.py 1000 10000          # -j 2 for each
    .venv/bin/python bench/caseload.py 1000 --jobs 1 2     # -j 1 and -j 2
    .venv/bin/python bench/run.py --caseload 1000 10000    # as section (g) of the bench

For each run it reports the wall time, plans a second, the time to the first byte of the
report (standard output is read as it comes, through a pipe) and the peak resident memory
of the largest process, parent or worker. That peak is the kernel's count for the finished
run, read with os.wait4 by a small fresh Python that starts cplint: `ru_maxrss`, the
largest high-water mark (VmHWM) of cplint and of every worker it waited for, the way
`/usr/bin/time -v` reports it. A fresh Python starts it, because a child's figure also
counts the process it was started from (until its exec), and this one may hold more than
cplint does. While it runs, the same small Python also reads /proc/PID/status (VmHWM) of
cplint and of its workers every tenth of a second, to say which of them the peak was.

The plans come from bench/generate.py with seeds of their own (a tenth carry a
deliberate mistake, as the corpus's do), written to a temporary folder that is removed
afterwards. Run by hand; no test runs it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (bench/ is not a package)

BIN = Path(sys.executable).parent  # .venv/bin: cplint lives beside this Python
TODAY = "2026-03-01"
PLAN_LINES = 150
FIRST_SEED = 100_000  # not the corpus's seeds (10,000 on): a caseload of its own
# The targets of issue 13: memory in MB (10^6 bytes), as the issue gives it.
PEAK_MB, PEAK_GROWTH, FIFTY_THOUSAND_S, FIRST_OUTPUT_S = 150, 1.5, 90.0, 3.0


class Run(NamedTuple):
    """One whole `cplint` run over a caseload."""

    plans: int
    jobs: int
    exit_code: int
    seconds: float
    first_output: float | None  # seconds to the first byte on standard output; None: none
    output_bytes: int
    peak_kib: int  # ru_maxrss: the largest process, cplint or a worker
    parent_kib: int  # VmHWM of cplint itself, last seen
    worker_kib: int  # the largest VmHWM of a worker, last seen (0: no workers)
    cpu: float  # user + system seconds of cplint and its workers

    @property
    def per_second(self) -> float:
        return self.plans / self.seconds


# Run by a small fresh Python (see the docstring). It prints one line of figures.
_MEASURE = """\
import os, select, sys, time

def hwm(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass  # ended between the listing and the read
    return 0

def workers(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(p) for p in children.read().split()]
    except OSError:
        return []

read_end, write_end = os.pipe()
actions = [(os.POSIX_SPAWN_DUP2, write_end, 1), (os.POSIX_SPAWN_CLOSE, read_end),
           (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=actions)
os.close(write_end)
first, size, parent, peaks = None, 0, 0, {}
while True:
    ready, _, _ = select.select([read_end], [], [], 0.1)
    if ready:
        chunk = os.read(read_end, 1 << 16)
        if not chunk:
            break
        if first is None:
            first = time.perf_counter() - start
        size += len(chunk)
    parent = max(parent, hwm(pid))
    for worker in workers(pid):
        peaks[worker] = max(peaks.get(worker, 0), hwm(worker))
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
print(os.waitstatus_to_exitcode(status), elapsed, -1 if first is None else first, size,
      usage.ru_maxrss, parent, max(peaks.values(), default=0),
      usage.ru_utime + usage.ru_stime)
"""


def write_caseload(folder: Path, plans: int) -> None:
    for i in range(plans):
        text = generate.plan_text(FIRST_SEED + i, PLAN_LINES, slip=i % 10 == 0)
        (folder / f"plan-{i:05d}.cp").write_text(text, encoding="utf-8")


def run_once(folder: Path, plans: int, jobs: int) -> Run:
    """`cplint -j JOBS FOLDER --today TODAY`, measured from a small fresh Python."""
    # As installed tools run: with a bytecode cache (see docs/performance.md, Bytecode).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    argv = [str(BIN / "cplint"), "-j", str(jobs), str(folder), "--today", TODAY]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *argv], env=env,
                          capture_output=True, text=True, check=True)
    code, seconds, first, size, peak, parent, worker, cpu = done.stdout.split()
    if int(code) not in (0, 1):  # 1 only means findings
        raise SystemExit(f"{' '.join(argv)} failed with exit code {code}")
    return Run(plans, jobs, int(code), float(seconds),
               None if float(first) < 0 else float(first), int(size), int(peak),
               int(parent), int(worker), float(cpu))


def measure(sizes: list[int], jobs: list[int], runs: int = 1) -> list[Run]:
    """Each size with each -j, `runs` times (the run of median time kept); the plans are
    written once a size, which leaves them in the disk cache, and one plan is checked
    first so that the bytecode cache is written."""
    results = []
    for plans in sizes:
        with tempfile.TemporaryDirectory(prefix="cplint-caseload-") as name:
            folder = Path(name)
            write_caseload(folder, plans)
            subprocess.run([str(BIN / "cplint"), str(folder / "plan-00000.cp")],
                           capture_output=True, check=False)
            for j in jobs:
                timed = sorted((run_once(folder, plans, j) for _ in range(runs)),
                               key=lambda run: run.seconds)
                results.append(timed[(len(timed) - 1) // 2])
    return results


def table(results: list[Run]) -> list[str]:
    """The caseload's lines, each against the targets of issue 13."""
    out = [f"  {'':<26}{'time':>9}{'plans/s':>9}{'peak':>10}{'first out':>11}"
           "   largest process: parent, worker (VmHWM); cpu; output"]
    smallest = {}
    for run in sorted(results, key=lambda r: r.plans):
        smallest.setdefault(run.jobs, run)
    for run in results:
        first = "none" if run.first_output is None else f"{run.first_output:.2f} s"
        label = f"cplint -j {run.jobs}, {run.plans:,} plans"
        out.append(f"  {label:<26}{run.seconds:>7.1f} s{run.per_second:>9,.0f}"
                   f"{_mib(run.peak_kib):>10}{first:>11}   {_mib(run.parent_kib)}, "
                   f"{_mib(run.worker_kib)}; cpu {run.cpu:.1f} s; "
                   f"{run.output_bytes / 1e6:,.1f} MB")
        out.append(f"  {'':<26}{_verdicts(run, smallest[run.jobs])}")
    return out


def _verdicts(run: Run, smallest: Run) -> str:
    peak_mb = run.peak_kib * 1024 / 1e6
    growth = run.peak_kib / smallest.peak_kib
    notes = [f"peak {peak_mb:.0f} MB < {PEAK_MB} MB: {_verdict(peak_mb < PEAK_MB)}"]
    if run is not smallest:
        notes.append(f"{growth:.2f}x the {smallest.plans:,}'s peak, <= {PEAK_GROWTH}x: "
                     f"{_verdict(growth <= PEAK_GROWTH)}")
    if run.plans >= 50_000:
        scaled = run.seconds * 50_000 / run.plans
        notes.append(f"50,000 < {FIFTY_THOUSAND_S:.0f} s: {_verdict(scaled < FIFTY_THOUSAND_S)}")
    first_ok = run.first_output is not None and run.first_output <= FIRST_OUTPUT_S
    notes.append(f"first output <= {FIRST_OUTPUT_S:.0f} s: {_verdict(first_ok)}")
    return "; ".join(notes)


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def _mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int, help="plans in a caseload")
    parser.add_argument("--jobs", nargs="+", type=int, default=[2], help="-j for cplint")
    parser.add_argument("--runs", type=int, default=1, help="runs of each (the median kept)")
    args = parser.parse_args()
    print(f"caseload of {PLAN_LINES}-line plans, cplint DIR --today {TODAY}; {_load()}\n")
    print("\n".join(table(measure(args.sizes, args.jobs, args.runs))))
    print(f"\n{_load()}")
    return 0


def _load() -> str:
    """Other work on a shared machine shows here: near 2 on 2 cores, -j 2 has one."""
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())

"""Time cplint against its floors and targets, side by side in one run.

    .venv/bin/python bench/run.py           # or: make bench
    .venv/bin/python bench/run.py --quick   # fewer runs, rougher figures

(a) one small plan, whole process, against importing cplint's dependencies;
(b) text to checked model in process, against one regex scan of the same text;
(c) a corpus of 2,000 plans with one and two processes;
(d) re-parsing one top-level block, as the language server does per keystroke;
(e) formatting the 3,000-line plan in process, as `cplint fmt` does;
(f) the peak memory of `cplint` and `cplint fmt --check` on the 3,000- and 30,000-line plans
    (bench/memory.py, which also measures a 20 MB plan);
(g) with --caseload N [N ...] only: a caseload of N 150-line plans in one folder, `cplint -j 2`
    (and -j 1 with --caseload-jobs 1 2): time, plans/s, peak memory of the largest process
    and time to the first output (bench/caseload.py, which can also be run alone).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import caseload  # noqa: E402  (bench/ is not a package)
import generate  # noqa: E402
import memory  # noqa: E402

BIN = Path(sys.executable).parent  # .venv/bin: cplint lives beside this Python
DATA = generate.DATA
TODAY = dt.date(2026, 6, 1)  # fixed, so the findings do not change from day to day
# The pure-Python floor for reading a plan: every token of it, found by one regex.
TOKENS = re.compile(r'"""[\s\S]*?"""|"[^"\n]*"|#[^\n]*|[{}]|[^\s{}"#]+')
ONE_PLAN_FLOOR, THREE_THOUSAND_MS, CORPUS_S = 1.5, 150.0, 12.0


def machine() -> str:
    import lark

    model = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{model}, {usable} cores usable ({os.cpu_count()} online); "
            f"Python {platform.python_version()}, lark {lark.__version__}")


def load() -> str:
    """Other work on a shared machine shows here, and in the spread of the figures."""
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


class Row:
    """One line of the table: what was timed, its times, and how it compares."""

    def __init__(self, label: str, times: list[float], note: str = "") -> None:
        self.label, self.times, self.note = label, times, note
        self.cpu: list[float] = []  # for whole processes: their user + system seconds

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def time_commands(commands: dict[str, list[str]], runs: int) -> dict[str, Row]:
    """Wall seconds per run; the commands take turns so that noise falls on both alike."""
    # As installed tools run: bytecode is cached (the first, dropped, turn writes it).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    rows = {name: Row(name, []) for name in commands}
    for turn in range(runs + 1):  # the first turn warms the caches and is dropped
        for name, argv in commands.items():
            cpu_before = _children_cpu()
            start = time.perf_counter()
            done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            elapsed = time.perf_counter() - start
            if done.returncode not in (0, 1):  # 1 only means findings
                raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr.decode()}")
            if turn:
                rows[name].times.append(elapsed)
                rows[name].cpu.append(_children_cpu() - cpu_before)
    return rows


def _children_cpu() -> float:
    """User + system seconds of every finished child (and its workers) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_call(call: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def time_per_call(call: Callable[[], object], batches: int, per_batch: int) -> list[float]:
    """Seconds per call, one figure per batch: a single call is too short to time alone."""
    times = []
    for _ in range(batches):
        start = time.perf_counter()
        for _ in range(per_batch):
            call()
        times.append((time.perf_counter() - start) / per_batch)
    return times


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "MISSED"


def lines_in(path: Path) -> int:
    return path.read_text(encoding="utf-8").count("\n")


def one_plan(runs: int) -> list[Row]:
    plan = DATA / "plan-150.cp"
    floor_label = 'python -c "import lark, click, attrs"'
    rows = time_commands({floor_label: [sys.executable, "-c", "import lark, click, attrs"],
                          f"cplint plan-150.cp ({lines_in(plan)} lines)":
                          [str(BIN / "cplint"), str(plan)]}, runs)
    floor, cplint = rows.values()
    ratio = cplint.median / floor.median
    floor.note = "floor"
    target = f"target <= {ONE_PLAN_FLOOR}x: {verdict(ratio, ONE_PLAN_FLOOR)}"
    cplint.note = f"{ratio:.2f}x floor; {target}"
    return [floor, cplint]


def in_process(name: str, runs: int) -> list[Row]:
    from cpdsl.lint import lint_text
    from cpdsl.parsing import parse

    text = (DATA / name).read_text(encoding="utf-8")
    lines = text.count("\n")
    syntax = [d for d in lint_text(text, TODAY) if d.code in ("CP100", "CP101")]
    if syntax:  # a generated plan must parse; timing error recovery would mislead
        first = syntax[0]
        raise SystemExit(f"{name}:{first.span.line}: {first.code} {first.message}")
    scan = Row(f"regex scan, {lines:,} lines", time_call(lambda: TOKENS.findall(text), runs))
    rows = [scan,
            Row(f"parse, {lines:,} lines", time_call(lambda: parse(text), runs)),
            Row(f"lint_text, {lines:,} lines", time_call(lambda: lint_text(text, TODAY), runs))]
    for row in rows:
        speed = f"{lines / row.median:,.0f} lines/s"
        ratio = "floor" if row is scan else f"{row.median / scan.median:,.0f}x floor"
        row.note = f"{speed}; {ratio}"
    if name == "plan-3000.cp":
        ms = rows[2].median * 1000
        rows[2].note += f"; target <= {THREE_THOUSAND_MS:.0f} ms: {verdict(ms, THREE_THOUSAND_MS)}"
    return rows


def corpus(runs: int) -> list[Row]:
    folder = DATA / "corpus"
    count = len(list(folder.glob("*.cp")))
    cplint = str(BIN / "cplint")
    one, two = time_commands({f"cplint -j {j}, {count:,} plans": [cplint, "-j", str(j), str(folder)]
                              for j in (1, 2)}, runs).values()
    # cpu near wall for -j 2 means the second core was busy with other work
    cpu = "cpu {:.1f} s".format
    one.note = f"{count / one.median:,.0f} plans/s; {cpu(statistics.median(one.cpu))}"
    two.note = (f"{one.median / two.median:.2f}x -j 1, {cpu(statistics.median(two.cpu))}; "
                f"target <= {CORPUS_S:.0f} s: {verdict(two.median, CORPUS_S)}")
    return [one, two]


def one_block(batches: int) -> list[Row]:
    from cpdsl.parsing import parse_piece
    from cpdsl.parsing.chunks import outline
    from cpdsl.parsing.grammar import get_grammar

    text = (DATA / "plan-3000.cp").read_text(encoding="utf-8")
    grammar = get_grammar()
    keywords = grammar.top_level, grammar.top_level_only
    chunks = outline(text, *keywords).chunks
    action = next(c for c in chunks if text[c.start:c.end].lstrip().startswith("action "))
    piece = text[action.start:action.end]
    lines = piece.strip("\n").count("\n") + 1
    rows = [Row(f"parse_piece, one action ({lines} lines)",
                time_per_call(lambda: parse_piece(piece, action), batches, 200), "per keystroke"),
            Row(f"outline, {text.count(chr(10)):,} lines",
                time_per_call(lambda: outline(text, *keywords), batches, 10),
                "finding the pieces of the whole file")]
    return rows + cached_reparse(text, text.index('"', action.start) + 1, batches)


def cached_reparse(text: str, at: int, batches: int) -> list[Row]:
    """parse() with the language server's cache, after typing one character at `at`."""
    try:
        from cpdsl.parsing import PieceCache, parse
    except ImportError:  # no cache in this version of cpdsl
        return []
    cache, per_batch = PieceCache(), 10
    parse(text, cache)
    edits = iter([f"{text[:at]}{n}{text[at:]}" for n in range(batches * per_batch)])
    return [Row(f"parse with PieceCache, {text.count(chr(10)):,} lines, 1 piece edited",
                time_per_call(lambda: parse(next(edits), cache), batches, per_batch),
                "whole document re-read, one piece parsed")]


def formatting(runs: int) -> list[Row]:
    """format_text on the 3,000-line plan: layout, then the safety check's second parse."""
    from cpdsl.formatting import format_text

    text = (DATA / "plan-3000.cp").read_text(encoding="utf-8")
    lines = text.count("\n")
    result = format_text(text)  # also the warm-up
    if not result.ok:
        raise SystemExit(f"plan-3000.cp: {result.problem or result.syntax_errors[0].message}")
    row = Row(f"format_text, {lines:,} lines", time_call(lambda: format_text(text), runs))
    row.note = f"{lines / row.median:,.0f} lines/s; parses the text twice"
    return [row]


def show(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1e3:.0f} ms"
    return f"{seconds * 1e3:.2f} ms"


def table(sections: list[tuple[str, list[Row]]]) -> str:
    width = max(len(row.label) for _, rows in sections for row in rows) + 2
    head = f"  {'':<{width}}{'median':>9}{'min':>9}{'max':>9}  vs floor / target"
    out = [head]
    for title, rows in sections:
        out.append(title)
        for row in rows:
            figures = "".join(f"{show(t):>9}" for t in (row.median, min(row.times), max(row.times)))
            out.append(f"  {row.label:<{width}}{figures}  {row.note}")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs: a rough look")
    parser.add_argument("--caseload", nargs="+", type=int, default=[], metavar="N",
                        help="also (g): caseloads of N plans each (minutes for 10,000)")
    parser.add_argument("--caseload-jobs", nargs="+", type=int, default=[2], metavar="J",
                        help="-j for the caseloads (default 2)")
    args = parser.parse_args()
    quick = args.quick
    if generate.write_all():
        print(f"generated the plans in {DATA}")
    start_load = load()
    print(f"machine: {machine()}\n", flush=True)
    sections = [
        ("(a) one plan, whole process", one_plan(5 if quick else 15)),
        ("(b) text to checked model, in process", in_process("plan-3000.cp", 3 if quick else 9)
         + in_process("plan-30000.cp", 1 if quick else 3)),
        ("(c) corpus, whole process", corpus(1 if quick else 3)),
        ("(d) language server, per edit", one_block(5 if quick else 15)),
        ("(e) cplint fmt, in process", formatting(3 if quick else 9)),
    ]
    print(table(sections))
    plans = [DATA / "plan-3000.cp", DATA / "plan-30000.cp"]
    print("\n(f) peak memory, whole process (bench/memory.py)")
    print("\n".join(memory.measure(plans, 1 if quick else 3)))
    if args.caseload:
        print("\n(g) caseload, whole process (bench/caseload.py)")
        print("\n".join(caseload.table(caseload.measure(args.caseload, args.caseload_jobs))))
    print(f"\n{load()} (at the start: {start_load.removeprefix('load average ')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

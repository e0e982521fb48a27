"""Where the time goes: cProfile of lint_text (or parse) on one generated plan.

    .venv/bin/python bench/hotspots.py                      # lint plan-3000.cp
    .venv/bin/python bench/hotspots.py --parse-only plan-30000.cp
    .venv/bin/python bench/hotspots.py --startup            # one cplint run, imports and all

The parser is built and one lint run first, so that the profile shows steady work, not
start-up (unless --startup, which profiles exactly that).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
from run import TODAY  # noqa: E402


def profile_steady(name: str, parse_only: bool) -> cProfile.Profile:
    from cpdsl.lint import lint_text
    from cpdsl.parsing import parse

    text = (generate.DATA / name).read_text(encoding="utf-8")
    work = (lambda: parse(text)) if parse_only else (lambda: lint_text(text, TODAY))
    work()  # warm: parser tables loaded, lexer patterns compiled
    profiler = cProfile.Profile()
    profiler.runcall(work)
    return profiler


def profile_startup(name: str) -> cProfile.Profile:
    """One whole `cplint PLAN` inside this process: fresh imports, as a command line has."""
    if any(module.startswith(("cpdsl", "lark", "click", "attr")) for module in sys.modules):
        raise SystemExit("--startup needs a process that has not imported cpdsl yet")
    profiler = cProfile.Profile()
    sys.argv = ["cplint", str(generate.DATA / name)]
    profiler.enable()
    try:
        from cpdsl.cli import main
        main()
    except SystemExit:
        pass
    finally:
        profiler.disable()
    return profiler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plan", nargs="?", default="plan-3000.cp", help="a file in bench/data")
    parser.add_argument("--parse-only", action="store_true", help="profile parse, not lint_text")
    parser.add_argument("--startup", action="store_true", help="profile one cplint process")
    parser.add_argument("--top", type=int, default=25, help="how many functions to list")
    args = parser.parse_args()
    generate.write_all()
    if args.startup:
        profiler = profile_startup("plan-150.cp" if args.plan == "plan-3000.cp" else args.plan)
    else:
        profiler = profile_steady(args.plan, args.parse_only)
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(args.top)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())

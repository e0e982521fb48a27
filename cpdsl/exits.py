"""How every cplint command ends: its exit codes (as ruff's) and the message for a bug.

- 0: clean (nothing found, nothing to change);
- 1: findings (a syntax error is one), or with `--check`/`--diff` something would change;
- 2: cplint could not do its job (a missing or unreadable file, a bad configuration, a
  file that cannot be written, a bug in cplint).
"""

from __future__ import annotations

from collections.abc import Callable

EXIT_CLEAN, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2


def internal_error(error: BaseException, verbose: bool, echo: Callable[[str], None]) -> int:
    """Say that cplint failed (not the plan), ask for a report; with `verbose`, print the
    trace, which may quote the plan and so is never printed unasked. EXIT_FAILED."""
    echo(f"cplint: internal error ({type(error).__name__}); please report it "
         "(--verbose shows the trace, which may quote the plan)")
    if verbose:
        import traceback

        traceback.print_exception(error)
    return EXIT_FAILED

"""The plans of the workspace folders that are not open, so that the editor's problems
panel shows the whole caseload: found on start (and when a watched plan changes), each
read and analysed in turn between the editor's own requests."""

from __future__ import annotations

import os
from collections.abc import Iterator

from cpdsl.source import SourceError, read_source

SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules",
                             "__pycache__", ".tox", ".mypy_cache", ".pytest_cache"})
MAX_PLANS = 5_000  # a folder with more is not a caseload (a home folder opened by mistake)


def plans_in(folders: list[str]) -> Iterator[str]:
    """The `.cp` files under the folders, in a stable order, at most MAX_PLANS; hidden
    folders, virtual environments and dependencies are not looked in, nor links followed."""
    found = 0
    for folder in folders:
        for root, folders_here, files in os.walk(folder):
            folders_here[:] = sorted(name for name in folders_here
                                     if name not in SKIPPED_FOLDERS and not name.startswith("."))
            for name in sorted(files):
                if name.endswith(".cp"):
                    yield os.path.join(root, name)
                    found += 1
                    if found >= MAX_PLANS:
                        return


def read_plan(path: str, limit: int) -> str | None:
    """A plan's text as the command line reads it, or None when it cannot be read, is
    not UTF-8, or is longer than `limit` characters."""
    try:
        if os.path.getsize(path) > 4 * limit:
            return None
        text = read_source(path)
    except (OSError, SourceError):
        return None
    return text if len(text) <= limit else None

"""Golden files: a test's expected output kept in a file beside the tests. With
UPDATE_GOLDEN=1 the tests rewrite them instead (read the diff before committing)."""

from __future__ import annotations

import os
from pathlib import Path


def check_golden(path: Path, actual: str) -> None:
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run the test with UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")

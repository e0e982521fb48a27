"""Every plan under tests/fixtures/ gives exactly the findings written inline in it.

A finding is expected with a comment on its line: `# expect: CP103` (several: `CP103,
CP105`). A fixture may limit which codes it is about with a first-lines comment
`# select: CP1` (code prefixes), so later rules do not disturb it.
"""

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from cpdsl.lint import lint_text

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.cp"))
TODAY = dt.date(2026, 3, 1)
_EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")
_SELECT = re.compile(r"#\s*select:\s*([A-Z0-9, ]+)")


def expected_findings(text: str) -> Counter:
    found = Counter()
    for number, line in enumerate(text.split("\n"), start=1):
        match = _EXPECT.search(line)
        if match:
            for code in filter(None, (c.strip() for c in match.group(1).split(","))):
                found[(number, code)] += 1
    return found


def selected_prefixes(text: str) -> tuple[str, ...]:
    match = _SELECT.search(text)
    if not match:
        return ("CP",)
    return tuple(filter(None, (c.strip() for c in match.group(1).split(","))))


def test_there_are_fixtures():
    assert len(FIXTURES) >= 7


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture(path: Path):
    text = path.read_text(encoding="utf-8")
    prefixes = selected_prefixes(text)
    actual = Counter(
        (d.span.line, d.code) for d in lint_text(text, TODAY) if d.code.startswith(prefixes)
    )
    expected = expected_findings(text)
    missing = sorted(expected - actual)
    unexpected = sorted(actual - expected)
    assert not missing and not unexpected, f"missing {missing}, unexpected {unexpected}"

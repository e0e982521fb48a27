"""The trainers' examples: the good plans give no finding at all, and each plan of
mistakes gives exactly the findings written inline on its lines (`# expect: CODE`)."""

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from test_fixtures import expected_findings

from cpdsl.lint import lint_text

EXAMPLES = Path(__file__).parents[1] / "examples"
TODAY = dt.date(2026, 3, 1)  # the date the examples are written to be judged on
GOOD = sorted((EXAMPLES / "good").glob("*.cp"))
MISTAKES = sorted((EXAMPLES / "mistakes").glob("*.cp"))


def lint(path: Path):
    return lint_text(path.read_text(encoding="utf-8"), TODAY, relative_to=str(path.parent))


def test_there_are_examples_of_each_kind():
    assert len(GOOD) >= 2 and len(MISTAKES) >= 5


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_good_plans_give_no_finding(path):
    found = [f"{d.span.line}: {d.code} {d.message}" for d in lint(path)]
    assert found == []


@pytest.mark.parametrize("path", MISTAKES, ids=lambda p: p.stem)
def test_each_mistake_is_found_where_the_file_says(path):
    text = path.read_text(encoding="utf-8")
    actual = Counter((d.span.line, d.code) for d in lint(path))
    expected = expected_findings(text)
    assert expected, "a plan of mistakes marks each one with `# expect: CODE`"
    assert actual == expected, (f"missing {sorted(expected - actual)}, "
                                f"unexpected {sorted(actual - expected)}")


def test_every_example_is_described_for_trainers():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in [*GOOD, *MISTAKES, EXAMPLES / "amy.cp"]:
        assert str(path.relative_to(EXAMPLES)) in readme, path


def test_the_readme_shows_what_make_demo_prints():
    from click.testing import CliRunner

    from cpdsl.cli import main

    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    command = ".venv/bin/cplint --today 2026-03-01 examples/amy.cp; status=$?; test $status -le 1\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(main, ["--today", "2026-03-01", "--color", "never",
                                       str(EXAMPLES / "amy.cp")])
    assert result.output.replace(str(EXAMPLES / "amy.cp"), "examples/amy.cp") == shown

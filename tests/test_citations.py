"""Messages cite the guidance by the short name a practitioner recognises; the
documentation keeps the file (issue 9, numbers and citations a reader can trace)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from cpdsl.citations import SHORT_NAMES, for_people
from cpdsl.cli import main
from cpdsl.lint import lint_text

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted([*(ROOT / "examples").rglob("*.cp"), *(ROOT / "tests" / "fixtures").glob("*.cp")])


@pytest.mark.parametrize("written, shown", [
    ("(000_5146a52aabc1ef30.txt, section 3)", "(Bolton core group guidance, s3)"),
    ("(000_5146a52aabc1ef30.txt section 4)", "(Bolton core group guidance, s4)"),
    ("(002_107d890e8677bac8.txt, section 6.3)",
     "(Partnership plans and core groups procedure, s6.3)"),
    ("(002_107d890e8677bac8.txt, sections 2 and 6.4)",
     "(Partnership plans and core groups procedure, s2 and s6.4)"),
    ("(001_0cf4b60ac317783c.txt; 003_53fa38a38afc9856.txt, first core group agenda)",
     "(Wales core group procedure; Core group flow chart and agendas, first core group "
     "agenda)"),
    ("(004_256d3034f79780c2.txt)", "(West Midlands core groups briefing)"),
    ("(Working Together 2023)", "(Working Together 2023)"),
])
def test_a_file_is_named_by_its_short_name_and_a_section_as_s(written, shown):
    assert for_people(f"no second chair {written}") == f"no second chair {shown}"


def test_every_guidance_file_has_a_short_name():
    assert len(SHORT_NAMES) == 5


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_no_message_names_a_guidance_file(path):
    for d in lint_text(path.read_text(encoding="utf-8"), dt.date(2026, 3, 1)):
        assert ".txt" not in d.message, d.message
        assert all(".txt" not in r.message for r in d.related)


def test_explain_keeps_the_file_for_whoever_checks():
    result = CliRunner().invoke(main, ["explain", "CP302"])
    assert "000_5146a52aabc1ef30.txt" in result.output

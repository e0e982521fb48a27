"""Every rule is documented, and its documented examples do what they say."""

import datetime as dt
import re

import pytest

from cpdsl.lint import lint_text
from cpdsl.rules import ALL_RULES, RULES_BY_CODE, RULES_BY_NAME

TODAY = dt.date(2026, 3, 1)


def as_plan(example: str) -> str:
    if example.lstrip().startswith("plan"):
        return example
    return 'plan "Example" {\n' + example + "}\n"


def codes(text: str) -> set[str]:
    return {d.code for d in lint_text(as_plan(text), TODAY)}


def test_registry_is_consistent():
    assert len(RULES_BY_CODE) == len(ALL_RULES) == len(RULES_BY_NAME)
    assert [r.code for r in ALL_RULES] == sorted(r.code for r in ALL_RULES)
    for rule in ALL_RULES:
        assert re.fullmatch(r"CP[1-6]\d\d", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
        assert rule.summary and rule.doc


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_failing_example_fires(rule):
    examples = rule.examples("Fails:")
    assert examples, f"{rule.code} documents no failing example"
    for example in examples:
        assert rule.code in codes(example), example


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_passing_example_is_clean_for_the_rule(rule):
    examples = rule.examples("Passes:")
    assert examples, f"{rule.code} documents no passing example"
    for example in examples:
        assert rule.code not in codes(example), example

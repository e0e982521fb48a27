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


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_every_rule_states_its_severity_by_the_policy(rule):
    """docs/rules.md's policy: each rule's `Severity:` line names its default severity and
    quotes the word that decides it (or says why it departs, as CP1 does)."""
    lines = [line for line in rule.doc.splitlines() if line.startswith("Severity:")]
    assert len(lines) == 1, f"{rule.code} has no single `Severity:` line"
    assert lines[0].startswith(f"Severity: {rule.severity.value}"), lines[0]
    severity_paragraph = rule.doc.split("Severity:", 1)[1].split("\n\n", 1)[0]
    words = {"error": ("must", "shall"), "warning": ("should", "will", "is expected to")}
    if rule.code.startswith("CP1"):
        assert rule.severity.value in ("error", "warning")
    elif rule.severity.value in words and rule.code != "CP511":  # CP511: the choice
        wanted = words[rule.severity.value]
        assert any(word in severity_paragraph.lower() for word in wanted), (
            f"{rule.code}: its `Severity:` line quotes no {' or '.join(wanted)}")

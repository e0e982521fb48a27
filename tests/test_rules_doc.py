"""docs/rules.md is generated from the rules, and says what `cplint explain` says."""

from __future__ import annotations

import pathlib
import re

import pytest
from click.testing import CliRunner

from cpdsl.cli import main
from cpdsl.rules import ALL_RULES
from cpdsl.rules.base import _examples
from cpdsl.rules.docs import body, markdown, rules_markdown

DOC = pathlib.Path(__file__).parents[1] / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `make rules-doc` and commit the result")


def test_the_index_links_every_rule_to_its_section():
    text = rules_markdown()
    for rule in ALL_RULES:
        assert f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` |" in text
        # The heading is the code alone, so that Markdown's anchor is `#cp302`.
        assert re.search(rf"^## {rule.code}$", text, re.MULTILINE)
    assert len(re.findall(r"^## ", text, re.MULTILINE)) == len(ALL_RULES)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_explain_prints_the_same_text_as_the_docs(rule):
    result = CliRunner().invoke(main, ["explain", rule.code])
    assert result.exit_code == 0
    heading, _, text = result.stdout.partition("\n\n")
    assert heading == f"{rule.code} {rule.name}"
    assert text == body(rule)
    assert f"## {rule.code}\n\n{text}" in rules_markdown()  # which docs/rules.md must equal


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_every_example_is_a_fenced_block_in_the_markdown(rule):
    text = markdown(rule.doc)
    for heading in ("Fails:", "Passes:"):
        for example in _examples(rule.doc, heading):
            assert f"{heading}\n\n```cp\n{example}```" in text
    assert text.count("```") % 2 == 0


def test_markdown_fences_indented_examples_and_keeps_the_rest():
    doc = ("A rule.\n\n- a list item:\n  its second line\n\nFails:\n    one\n\n      two\n\n"
           "Passes:\n    three\nAfter.")
    assert markdown(doc) == ("A rule.\n\n- a list item:\n  its second line\n\nFails:\n\n"
                             "```cp\none\n\n  two\n```\n\nPasses:\n\n```cp\nthree\n```\n\n"
                             "After.")

"""CP2, SMART outcomes and actions: the readings the fixtures cannot show.

The fixtures (tests/fixtures/cp2*.cp) hold each rule's cases; here are the profile's word
list, text blocks over several lines, `--today`, related places and syntax errors.
"""

import datetime as dt
from pathlib import Path

import pytest

from cpdsl.diagnostics import Severity
from cpdsl.lint import lint_text
from cpdsl.profile import load_profile
from cpdsl.rules import RULES_BY_CODE

TODAY = dt.date(2026, 3, 1)
AMY = (Path(__file__).parents[1] / "examples" / "amy.cp").read_text(encoding="utf-8")


def findings(body: str, code: str, today: dt.date = TODAY, profile=None):
    text = 'plan "Example" {\n' + body + "}\n"
    return [d for d in lint_text(text, today, profile=profile) if d.code == code]


def test_the_example_plan_meets_every_smart_rule():
    assert [d for d in lint_text(AMY, TODAY) if d.code.startswith("CP2")] == []


def test_an_impossible_timescale_is_an_error_and_the_rest_are_warnings():
    smart = [RULES_BY_CODE[f"CP2{n:02d}"] for n in range(1, 15)]
    assert {r.code for r in smart if r.severity is Severity.ERROR} == {"CP213"}
    assert all(r.severity is Severity.WARNING for r in smart if r.code != "CP213")


def _profile(tmp_path, name, words):
    listed = ", ".join(f'"{w}"' for w in words)
    (tmp_path / f"{name}.toml").write_text(
        'name = "local"\nextends = "england"\n[settings]\n'
        f'vague-words = {{ value = [{listed}], source = "Local procedure, section 4" }}\n',
        encoding="utf-8")
    return load_profile(f"{name}.toml", str(tmp_path))


def test_vague_words_come_from_the_profile(tmp_path):
    body = 'action a "Kerry to engage as required"\naction b "Dates to be confirmed"\n'
    assert [d.span.line for d in findings(body, "CP204")] == [2]
    local = _profile(tmp_path, "tbc", ["to be confirmed"])
    assert [d.span.line for d in findings(body, "CP204", profile=local)] == [3]
    assert findings(body, "CP204", profile=_profile(tmp_path, "none", [])) == []


def test_a_vague_phrase_may_run_over_lines_in_a_block():
    body = ('member ria { name "Ria Khan" role teacher }\n'
            'member kerry { name "Kerry Example" role parent }\n'
            'action a """\n    Ria will continue\n    to work with Kerry\n  """\n')
    [finding] = findings(body, "CP204")
    assert '"continue to", "work with"' in finding.message
    assert finding.span.line == 4


def test_names_of_people_are_not_named_services():
    body = ('member jo { name "Jo Lee" role health-visitor }\n'
            'action a "Kerry to engage with Jo Lee"\n'
            'action b "Kerry to engage with Sure Start"\n')
    assert [d.span.line for d in findings(body, "CP204")] == [3]


def test_the_next_review_is_judged_from_today():
    body = ('conference review 2026-04-08\nconference review 2026-10-07\n'
            'action a "Book the review" { due 2026-05-01 }\n')
    assert len(findings(body, "CP212", today=dt.date(2026, 3, 1))) == 1
    assert findings(body, "CP212", today=dt.date(2026, 4, 9)) == []  # next review: October
    assert findings(body, "CP212", today=dt.date(2026, 10, 8)) == []  # no review ahead


def test_due_after_review_points_at_the_review_too():
    body = 'conference review 2026-04-08\naction a "Book the review" { due 2026-05-01 }\n'
    [finding] = findings(body, "CP212")
    assert (finding.span.line, finding.related[0].span.line) == (3, 2)


def test_owner_not_member_points_at_the_definition():
    body = ('excluded dan { name "Dan Example" role parent }\n'
            'action a "Attend the programme" { owner dan }\n')
    [finding] = findings(body, "CP211")
    assert finding.related[0].span.line == 2
    assert "excluded" in finding.message


def test_an_undefined_owner_is_only_undefined():
    body = 'action a "Attend the programme" { owner dna }\n'
    codes = [d.code for d in lint_text('plan "x" {\n' + body + "}\n", TODAY)]
    assert "CP103" in codes and "CP211" not in codes and "CP206" not in codes


@pytest.mark.parametrize(("agreed", "due", "event"), [
    ("2026-02-10", "2026-01-05", "before it was agreed"),
    ("2026-01-01", "2026-01-05", "before the initial conference"),
])
def test_an_impossible_timescale_is_one_finding(agreed, due, event):
    body = (f'conference initial 2026-01-12\n'
            f'action a "Book the review" {{ agreed {agreed} due {due} }}\n')
    [finding] = findings(body, "CP213")
    assert event in finding.message


@pytest.mark.parametrize("code", ["CP209", "CP210", "CP214"])
def test_findings_about_the_whole_plan_wait_for_its_syntax_errors(code):
    # The statement that would answer them may be the one that did not parse.
    body = 'need n "A need"\noutcome o "Amy is fed"\naction a "Weigh Amy" { monitoring }\n'
    assert len(findings(body, code)) == 1
    assert findings(body + 'action b "Feed Amy" { outcome o due 2026-13 }\n', code) == []

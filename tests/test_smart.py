"""CP2, SMART outcomes and actions: the readings the fixtures cannot show.

The fixtures (tests/fixtures/cp2*.cp) hold each rule's cases; here are the profile's word
list, text blocks over several lines, `--today`, related places and syntax errors.
"""

import datetime as dt
import re
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


SMART = [RULES_BY_CODE[f"CP2{n:02d}"] for n in range(1, 15)]


def test_severities_follow_the_words_of_the_guidance():
    # No source of these rules says "must" of what they check; CP212 and CP214 are good
    # practice ("may only consist of monitoring"; review points the reviews already are).
    infos = {"CP212", "CP214"}
    for r in SMART:
        assert r.severity == (Severity.INFO if r.code in infos else Severity.WARNING), r.code


@pytest.mark.parametrize("rule", SMART, ids=lambda r: r.code)
def test_documentation_quotes_the_word_its_severity_follows(rule):
    [line] = [x for x in rule.doc.splitlines() if x.startswith("Severity: ")]
    assert line.startswith(f"Severity: {rule.severity.value}")
    if rule.severity is Severity.WARNING:
        assert re.match(r'Severity: warning \("(should|will)[^"]*", 00\d_', line), line


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


REVIEWS = 'conference review 2026-04-08\nconference review 2026-10-07\n'
STEP = '  milestone "Amy is in bed by 8pm three nights a week" by 2026-05-01\n'


def outcome_due(by: str, steps: str = "") -> str:
    return f'outcome bedtime "Amy is in bed by 8pm" {{\n  by {by}\n{steps}}}\n'


def test_the_next_review_is_judged_from_today():
    body = REVIEWS + outcome_due("2026-12-01", STEP)
    assert len(findings(body, "CP212", today=dt.date(2026, 3, 1))) == 1  # next: April
    assert findings(body, "CP212", today=dt.date(2026, 4, 9)) == []  # October: the step
    body = REVIEWS + outcome_due("2026-12-01")
    assert len(findings(body, "CP212", today=dt.date(2026, 4, 9))) == 1
    assert findings(body, "CP212", today=dt.date(2026, 10, 8)) == []  # no review ahead


def test_no_review_point_message_and_the_review_it_is_after():
    [finding] = findings(REVIEWS + outcome_due("2026-06-30"), "CP212")
    assert finding.severity is Severity.INFO
    assert (finding.span.line, finding.span.column) == (5, 6)
    assert finding.message == (
        "outcome `bedtime` is due 2026-06-30, after the next review conference (2026-04-08), "
        "and has no milestone on or before it: add a step the review can judge progress by "
        '(`milestone "..." by DATE`) (Partnership plans and core groups procedure, s3)')
    [related] = finding.related
    assert (related.message, related.span.line) == (
        "the next review conference is on 2026-04-08", 2)


@pytest.mark.parametrize("action", [
    'action course "Kerry completes the 12-week parenting course" { due 2026-06-30 }',
    'action course "Kerry completes the 12-week parenting course" { due 2026-06-30 '
    'status open }',
])
def test_an_action_due_after_the_review_is_not_a_fault(action):
    assert findings(REVIEWS + action + "\n", "CP212") == []


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


def test_monitoring_only_message_counts_the_actions():
    one = 'action weigh "Weigh Leo monthly" { monitoring }\n'
    [finding] = findings(one, "CP214")
    assert finding.severity is Severity.INFO
    assert finding.message == (
        "every action in the plan (1 action) only monitors: add actions that change things "
        'for the child, or record why the plan only monitors (`monitoring-only "reason"`) '
        "(Bolton core group guidance, s4 and s5)")
    [finding] = findings(one + 'action visit "Visit Leo" { monitoring }\n', "CP214")
    assert "(2 actions)" in finding.message


# -- CP204: a vague word in the name of a role or a service is not what will be done ------

PEOPLE = ('child amy { name "Amy Example" born 2019-04-12 }\n'
          'member kerry { name "Kerry Example" role parent }\n'
          'member fay { name "Fay Green" role other agency "Northtown Family Hub" }\n')

# (an action's text, the vague words quoted, or None for no finding)
PHRASINGS = [
    # Roles and services, in lower case and in capitals: no finding.
    ("Kerry meets her family support worker", None),
    ("The family support worker shows Kerry the bedtime routine", None),
    ("Family support worker to go through the tenancy forms with Kerry", None),
    ("Fay, family support worker, helps Kerry write the shopping list", None),
    ("Kerry's support-worker helps with the benefit forms", None),
    ("Kerry sees the drug support worker about her use", None),
    ("Kerry uses the substance misuse support service", None),
    ("Kerry joins a parents' support group", None),
    ("Kerry talks to the support co-ordinator about housing", None),
    ("The engagement officer phones Kerry", None),
    ("The monitoring officer checks Kerry's tenancy", None),
    ("Kerry sees the support and recovery team", None),
    ("Kerry is seen by the Support and Recovery Team", None),
    ("Support and Recovery Team to see Kerry", None),
    ("Family Support Service to go through the bedtime routine with Kerry", None),
    ("Kerry talks to the Family Support Service", None),
    ("Kerry and Fay meet the Improvement Team", None),
    # A vague word used for what will be done: a finding, the role not quoted.
    ("Kerry to engage with the family support worker", ['"engage"']),
    ("Kerry to be supported by the family support worker", ['"supported"']),
    ("The support and recovery team to support Kerry", ['"support"']),
    ("Kerry to engage with support services as required", ['"engage"', '"as required"']),
    ("Kerry to continue to work with her support worker", ['"continue to"', '"work with"']),
    ("Fay to support Kerry", ['"support"']),
    ("Support Kerry with the bedtime routine", ['"Support"']),
    ("Kerry gets family support", ['"support"']),
    ("Kerry to receive appropriate support", ['"appropriate"', '"support"']),
    ("Kerry to receive a support package", ['"support"']),
    ("Kerry to have an ongoing support worker", ['"ongoing"']),
    ("Kerry to seek support, the worker to follow up", ['"support"']),
    ("Fay to monitor and support staff", ['"monitor"']),
    ("Fay to support and engage Kerry", ['"support"', '"engage"']),
    ("Kerry to get support from the substance misuse support service", ['"support"']),
    ("Kerry to improve home conditions", ['"improve"']),
    # A role with something concrete beside a vague word: no finding.
    ("Kerry to engage with the family support worker weekly", None),
    ("Fay to support Kerry to attend the housing appointment", None),
]


@pytest.mark.parametrize(("text", "quoted"), PHRASINGS, ids=[t for t, _ in PHRASINGS])
def test_vague_words_in_the_names_of_roles_and_services(text, quoted):
    found = findings(PEOPLE + f'action a "{text}"\n', "CP204")
    if quoted is None:
        assert found == []
    else:
        [finding] = found
        assert finding.message == (f"action `a` is vague: {', '.join(quoted)} with nothing "
                                   "concrete; say what will be done or be different, by whom, "
                                   "how often or how much (Partnership plans and core "
                                   "groups procedure, s6.3; West Midlands core groups briefing)")


def test_a_role_in_a_measure_is_not_vague_but_the_outcome_still_is():
    body = PEOPLE + ('outcome health "Amy\'s health improves" {\n'
                     '  measure "Notes of the family support worker"\n}\n')
    [finding] = findings(body, "CP204")
    assert (finding.span.line, finding.span.column) == (5, 16)
    assert finding.message.startswith('outcome `health` is vague: "improves" with nothing')


def test_role_words_come_after_the_vague_word_not_before():
    # "worker support" is no role: the word after the vague word decides.
    [finding] = findings(PEOPLE + 'action a "Fay to give worker support"\n', "CP204")
    assert '"support"' in finding.message


# -- the parts of the plan missing altogether are CP513's ---------------------------------

@pytest.mark.parametrize(("body", "quiet"), [
    ('need n "Amy is hungry"\n', "CP210"),
    ('outcome o "Amy is fed"\naction a "Feed Amy" { outcome o status dropped "x" }\n', "CP209"),
    ('outcome o "Amy is fed"\naction a "Feed Amy" { outcome o }\n', "CP203"),
    ('action a "Feed Amy"\n', "CP208"),
])
def test_a_part_missing_altogether_is_not_reported_part_by_part(body, quiet):
    assert findings(body, quiet) == []
    assert len(findings(body, "CP513")) == 1

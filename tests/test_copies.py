"""CP515 and CP516, copies of the plan: the messages a user reads, where they point, and
the readings the fixtures cannot show (related places, what counts as a copy).

Every name in these plans is invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cpdsl.diagnostics import Severity
from cpdsl.lint import lint_text
from cpdsl.rules import copies

TODAY = dt.date(2026, 3, 1)
KERRY = 'member kerry { name "Kerry Example"  role parent  interpreter "Polish" }'
SAM = 'member sam { name "Sam Patel"  role social-worker  lead }'


def plan(*lines: str) -> str:
    return 'plan "Ada Sample" {\n' + "\n".join(f"  {x}" for x in lines) + "\n}\n"


def findings(text: str, code: str) -> list:
    return [d for d in lint_text(text, TODAY, copies.RULES) if d.code == code]


def at(finding) -> tuple[int, int]:
    return finding.span.line, finding.span.column


def test_the_family_is_cp515_and_cp516():
    assert [(r.code, r.name, r.severity) for r in copies.RULES] == [
        ("CP515", "copy-not-accessible", Severity.ERROR),
        ("CP516", "amended-plan-not-recirculated", Severity.WARNING)]


# -- CP515 ---------------------------------------------------------------------------------------

INTERPRETER = (
    "member `kerry` (Kerry Example) needs an interpreter in Polish and has no copy {which}: "
    "the family should be given a copy in their preferred language, and care must be taken "
    "to give a copy in a format accessible to them; give one and record it (`copy kerry DATE "
    "{{ format \"Polish\" }}`) (Partnership plans and core groups procedure, s3)")


def test_a_member_who_needs_an_interpreter_and_has_only_the_standard_copy():
    [finding] = findings(plan(KERRY, "copy kerry 2026-01-22"), "CP515")
    assert finding.message == INTERPRETER.format(which="of the plan in Polish")
    assert at(finding) == (2, 3) and finding.span.end_column == 15  # the member's header
    assert finding.related == ()
    assert findings(plan(KERRY, 'copy kerry 2026-01-22 { format "Polish" }'), "CP515") == []


def test_a_member_who_needs_an_accessible_format():
    text = plan('member ana { name "Ana Example"  role parent  accessible-format "Easy read" }')
    [finding] = findings(text, "CP515")
    assert finding.message == (
        "member `ana` (Ana Example) needs the plan in \"Easy read\" and has no copy of the plan "
        "in \"Easy read\": care must be taken to give them a copy of the plan in a format that "
        "is accessible to them; give one and record it (`copy ana DATE { format \"Easy read\" "
        "}`) (Partnership plans and core groups procedure, s3)")


@pytest.mark.parametrize(("given", "meets"), [
    ("Polish", True), ("polish", True), ("  POLISH ", True), ("Pol ish", True),
    ("Polish translation", False), ("English", False), ("", False),
])
def test_a_format_meets_the_need_case_spaces_and_hyphens_aside(given, meets):
    text = plan(KERRY, f'copy kerry 2026-01-22 {{ format "{given}" }}')
    assert (findings(text, "CP515") == []) is meets


def test_after_an_amendment_the_copy_must_be_of_the_amended_plan():
    text = plan(KERRY, 'copy kerry 2026-01-22 { format "Polish" }', "amended 2026-02-19")
    [finding] = findings(text, "CP515")
    assert finding.message == INTERPRETER.format(
        which="in Polish of the plan as amended on 2026-02-19")
    assert [(r.span.line, r.span.column, r.message) for r in finding.related] == [
        (4, 3, "the plan was amended on 2026-02-19"),
        (3, 3, "the copy in Polish given on 2026-01-22, before the amendment")]
    again = text.replace("\n}", '\n  copy kerry 2026-02-19 { format "Polish" }\n}')
    assert findings(again, "CP515") == []


def test_both_needs_unmet_are_two_findings_and_a_name_is_optional():
    text = plan('member lou { role relative  interpreter "Urdu"  accessible-format "Braille" }')
    messages = [d.message for d in findings(text, "CP515")]
    assert [m.split(" and has")[0] for m in messages] == [
        "member `lou` needs an interpreter in Urdu", 'member `lou` needs the plan in "Braille"']


def test_a_quote_in_the_format_is_escaped_in_the_statement_to_add():
    text = plan('member ana { name "Ana Example"  role parent  '
                'accessible-format "Easy read \\"with pictures\\"" }')
    [finding] = findings(text, "CP515")
    assert finding.message.endswith(
        '(`copy ana DATE { format "Easy read \\"with pictures\\"" }`) (Partnership plans and '
        'core groups procedure, s3)')


def test_a_syntax_error_in_the_plan_drops_the_finding():
    # The copy may be the statement the error hid.
    text = plan(KERRY, 'copy kerry 2026-01-22 { fromat "Polish" }')
    assert findings(text, "CP515") == []


# -- CP516 ---------------------------------------------------------------------------------------

RECIRCULATE = (
    "the plan amended on 2026-02-19 has not been {faults}: the amended copy should be signed "
    "and circulated; record {statements}, dated on or after 2026-02-19 (Partnership plans "
    "and core groups procedure, s3)")


def test_one_finding_at_the_latest_amendment_lists_the_members():
    text = plan(SAM, 'member jo { name "Jo Lee"  role health-visitor }',
                'member ria { name "Ria Khan"  role teacher }',
                "signed sam 2026-01-22", "signed jo 2026-01-22", "signed ria 2026-01-22",
                "copy sam 2026-01-22", "copy jo 2026-01-22",
                "amended 2026-01-29", "amended 2026-02-19",
                "signed sam 2026-02-19", "copy ria 2026-02-20")
    [finding] = findings(text, "CP516")
    assert finding.message == RECIRCULATE.format(
        faults="signed again by `jo` and `ria`, nor given to `sam` and `jo`",
        statements="`signed jo DATE`, `signed ria DATE`, `copy sam DATE` and `copy jo DATE`")
    assert at(finding) == (11, 3) and finding.span.end_column == 21  # `amended 2026-02-19`
    assert [(r.span.line, r.message) for r in finding.related] == [
        (2, "`sam` has not been given the amended plan"),
        (3, "`jo` has neither signed the amended plan nor been given it"),
        (4, "`ria` has not signed the amended plan")]


def test_only_the_signatures_missing():
    text = plan(SAM, "signed sam 2026-01-22", "amended 2026-02-19", "copy sam 2026-02-19")
    [finding] = findings(text, "CP516")
    assert finding.message == RECIRCULATE.format(faults="signed again by `sam`",
                                                 statements="`signed sam DATE`")


def test_a_member_who_never_signed_is_cp508_s_and_an_interpreter_is_asked_nothing():
    text = plan(SAM, 'member ifor { name "Ifor Price"  role interpreter }',
                "amended 2026-02-19", "copy sam 2026-02-19")
    assert findings(text, "CP516") == []
    assert [d.code for d in lint_text(text, TODAY) if d.code == "CP508"] == ["CP508"]


def test_a_member_with_a_need_and_no_copy_since_is_cp515_s_alone():
    text = plan(KERRY, "signed kerry 2026-02-19", "amended 2026-02-19")
    assert findings(text, "CP516") == []
    assert len(findings(text, "CP515")) == 1


def test_an_amendment_whose_date_names_no_day_is_not_read():
    text = plan(SAM, "signed sam 2026-01-22", "copy sam 2026-01-22", "amended 2026-02-30")
    assert findings(text, "CP516") == []

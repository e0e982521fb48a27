"""CP3, membership and roles: what the rules compute, where they point, what they say."""

import datetime as dt

import pytest

from cpdsl.diagnostics import Severity
from cpdsl.lint import lint_text
from cpdsl.parsing import parse
from cpdsl.profile import load_profile
from cpdsl.rules import membership
from cpdsl.rules.base import Context
from cpdsl.rules.membership import meeting_chair, unread

TODAY = dt.date(2026, 3, 1)

FULL = """\
plan "Lena Example" {
  child lena { name "Lena Example" known-as "Lenny" born 2016-02-02 }
  member sam { name "Sam Patel" role social-worker lead }
  member jo { name "Jo Lee" role health-visitor }
  member ria { name "Ria Khan" role teacher }
  member kerry { name "Kerry Example" role parent }
  member lenny { name "lenny" role child }
  excluded dan { name "Dan Example" role parent reason "A court order" informed-by sam }
  chair sam
  second-chair jo
  action visit "Sam visits Lena every week" { owner sam support kerry }
  action check "Ria checks Lena has eaten" { owner ria }
  contact lena by jo every 4 weeks
  meeting core-group 2026-01-20 { chair sam notes ria attended sam jo ria kerry }
  meeting core-group 2026-01-27 { notes jo attended sam jo ria kerry }
}
"""


def findings(text: str, *codes: str):
    rules = [r for r in membership.RULES if r.code.startswith(codes or ("CP3",))]
    return lint_text(text, TODAY, rules=rules)


def context_of(text: str) -> Context:
    parsed = parse(text)
    return Context.of(parsed.plan, TODAY, load_profile("england"),
                      tuple(e.span for e in parsed.syntax_errors))


def test_a_full_plan_is_clean():
    assert findings(FULL) == ()


def test_rules_are_in_code_order_and_cover_the_family():
    assert [r.code for r in membership.RULES] == [f"CP3{n:02d}" for n in range(1, 12)]


@pytest.mark.parametrize("code, severity", [
    ("CP301", Severity.ERROR), ("CP302", Severity.WARNING), ("CP303", Severity.WARNING),
    ("CP304", Severity.ERROR), ("CP305", Severity.ERROR), ("CP306", Severity.ERROR),
    ("CP307", Severity.WARNING), ("CP308", Severity.WARNING), ("CP309", Severity.WARNING),
    ("CP310", Severity.WARNING), ("CP311", Severity.WARNING),
])
def test_severity_follows_the_wording_of_the_source(code, severity):
    rule = next(r for r in membership.RULES if r.code == code)
    assert rule.severity is severity
    assert "Source:" in rule.doc and "Reading:" in rule.doc


def test_every_prefix_of_a_plan_is_judged_without_raising():
    for end in range(len(FULL) + 1):
        findings(FULL[:end])  # a partial model: fields None, tuples empty


# -- the shared facts -------------------------------------------------------------------


def test_meeting_chair_is_the_meetings_own_else_the_plans():
    plan = parse(FULL).plan
    first, second = plan.meetings
    assert meeting_chair(plan, first).name == "sam"
    assert meeting_chair(plan, second) is plan.chair
    no_chair = parse('plan "X" { meeting core-group 2026-01-20 { notes jo } }').plan
    assert meeting_chair(no_chair, no_chair.meetings[0]) is None


def test_unread_without_syntax_errors_is_false():
    context = context_of(FULL)
    assert not unread(context, [m.span for m in context.plan.members])


def test_unread_with_an_error_inside_a_given_block():
    text = FULL.replace("role teacher }", "role teacher leed }")
    context = context_of(text)
    ria = context.plan.members[2]
    assert unread(context, [ria.span])
    assert not unread(context, [context.plan.members[0].span])
    assert not unread(context)  # the error is inside a statement that was read


def test_unread_with_a_lost_top_level_statement():
    context = context_of(FULL.replace("  second-chair jo", "  secnd-chair jo"))
    assert unread(context)
    assert unread(context, [context.plan.members[0].span])


# -- where findings point, and what they say --------------------------------------------


def test_plan_wide_absences_point_at_the_plan_line():
    text = 'plan "Empty" {\n}\n'
    found = findings(text)
    assert sorted(d.code for d in found) == ["CP301", "CP302", "CP308"]
    assert {(d.span.line, d.span.column) for d in found} == {(1, 1)}


def test_chair_takes_notes_relates_the_plans_chair_or_the_meetings_own():
    text = FULL.replace("notes jo attended", "notes sam attended")
    (finding,) = findings(text, "CP303")
    plan = parse(text).plan
    assert finding.span == plan.meetings[1].notes.span
    assert finding.related[0].span == plan.chair.span
    assert "the plan's chair" in finding.related[0].message
    text = FULL.replace("chair sam notes ria", "chair ria notes ria")
    (finding,) = findings(text, "CP303")
    meeting = parse(text).plan.meetings[0]
    assert (finding.span, finding.related[0].span) == (meeting.notes.span, meeting.chair.span)


def test_member_without_task_names_the_member_and_the_source():
    text = FULL.replace("owner ria", "owner sam")
    (finding,) = findings(text, "CP304")
    assert finding.span == parse(text).plan.members[2].header
    assert "`ria` (Ria Khan)" in finding.message
    assert "000_5146a52aabc1ef30.txt, section 2" in finding.message


def test_contact_and_assessment_are_tasks():
    without_contact = FULL.replace("  contact lena by jo every 4 weeks\n", "")
    assert [d.code for d in findings(without_contact, "CP304")] == ["CP304"]
    with_assessment = without_contact.replace(
        "  meeting core-group 2026-01-20",
        '  assessment "Health assessment" { by jo }\n  meeting core-group 2026-01-20')
    assert findings(with_assessment, "CP304") == ()


def test_informant_who_is_excluded_is_reported_at_the_id_with_its_definition():
    text = FULL.replace(
        "  chair sam\n",
        '  excluded lee { name "Lee Example" role carer reason "Away" informed-by dan }\n'
        "  chair sam\n")
    (finding,) = findings(text, "CP306")
    plan = parse(text).plan
    assert finding.span == plan.exclusions[1].informed_by.span
    assert finding.related[0].span == plan.exclusions[0].id.span
    assert "is excluded too" in finding.message


def test_child_member_matches_by_known_as_ignoring_case():
    two = FULL.replace("  member sam", '  child ben { name "Ben Example" born 2018-01-01 }\n'
                                       '  member ben-a { name "Bo" role advocate for ben }\n'
                                       "  member sam")
    assert findings(two, "CP307") == ()  # lenny matches "Lenny" although not `for lena`
    renamed = two.replace('name "lenny" role child', 'name "Lenny Sample" role child')
    (finding,) = findings(renamed, "CP307")
    assert finding.span == parse(renamed).plan.children[0].header
    assert "`lena` (Lena Example)" in finding.message


def test_second_chair_who_is_the_chair_is_cp310_alone():
    text = FULL.replace("second-chair jo", "second-chair sam")
    found = findings(text)
    assert [d.code for d in found] == ["CP310"]
    assert found[0].related[0].span == parse(text).plan.chair.span


def test_lead_who_is_not_a_social_worker_is_cp311_alone_at_the_role():
    text = FULL.replace("role social-worker lead", "role social-worker").replace(
        "role health-visitor }", "role health-visitor lead }")
    found = findings(text)
    assert [d.code for d in found] == ["CP311"]
    assert found[0].span == parse(text).plan.members[1].role.span
    assert "`health-visitor`" in found[0].message


def test_chair_not_member_says_who_and_points_at_the_id():
    text = FULL.replace("  chair sam\n", "  chair dan\n")
    (finding,) = findings(text, "CP309")
    plan = parse(text).plan
    assert finding.span == plan.chair.span
    assert "is excluded from the core group" in finding.message
    assert finding.related[0].span == plan.exclusions[0].id.span


def test_undefined_ids_are_left_to_cp103():
    text = FULL.replace("  chair sam\n", "  chair nobody\n").replace(
        "informed-by sam", "informed-by nobody")
    assert findings(text, "CP309", "CP306") == ()

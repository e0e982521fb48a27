"""CP6, the record of each meeting: which records are judged, where findings point, what
they say."""

import datetime as dt

import pytest

from cpdsl.diagnostics import Severity
from cpdsl.facts import held_records
from cpdsl.lint import lint_text
from cpdsl.parsing import parse
from cpdsl.rules import meetings

TODAY = dt.date(2026, 3, 1)

FULL = """\
plan "Mira Example" {
  child mira { name "Mira Example" born 2015-09-09 }
  member sam { name "Sam Patel" role social-worker lead }
  member jo { name "Jo Lee" role health-visitor }
  member ria { name "Ria Khan" role teacher }
  member tariq { name "Tariq Sample" role advocate }
  chair sam
  meeting core-group 2026-01-20 {
    notes jo
    attended sam jo
    apologies ria { report received }
    views mira "Mira wants to stay at her school"
  }
  meeting core-group 2026-02-17 {
    chair jo
    notes ria
    attended sam jo ria
    absent tariq { report received }
    views tariq "Tariq's report says Mira is sleeping better"
  }
  meeting core-group 2026-02-24 { cancelled "Snow closed the school" }
}
"""


def findings(text: str, *codes: str, today: dt.date = TODAY):
    rules = [r for r in meetings.RULES if r.code.startswith(codes or ("CP6",))]
    return lint_text(text, today, rules=rules)


def test_a_full_record_is_clean():
    assert findings(FULL) == ()


def test_rules_are_in_code_order_and_cover_the_family():
    assert [r.code for r in meetings.RULES] == [f"CP60{n}" for n in range(1, 8)]


@pytest.mark.parametrize("code, severity", [
    ("CP601", Severity.WARNING), ("CP602", Severity.ERROR), ("CP603", Severity.WARNING),
    ("CP604", Severity.WARNING), ("CP605", Severity.WARNING), ("CP606", Severity.WARNING),
    ("CP607", Severity.WARNING),
])
def test_severity_follows_the_wording_of_the_source(code, severity):
    rule = next(r for r in meetings.RULES if r.code == code)
    assert rule.severity is severity
    assert "Source:" in rule.doc and "Reading:" in rule.doc
    assert f"Severity: {severity.value} (" in rule.doc  # quoting the word that decides


def test_every_prefix_of_a_plan_is_judged_without_raising():
    for end in range(len(FULL) + 1):
        findings(FULL[:end])


# -- which records are judged -----------------------------------------------------------


def test_held_records_leave_out_cancelled_and_future_meetings():
    plan = parse("""\
plan "X" {
  meeting core-group 2026-02-28
  meeting core-group 2026-03-01
  meeting core-group 2026-03-02
  meeting core-group 2026-02-27 { cancelled "Snow" }
  meeting core-group 2026-02-30
}
""").plan
    held = held_records(plan.meetings, TODAY)
    assert [x.date.text for x in held] == ["2026-02-28", "2026-03-01", "2026-02-30"]
    assert [x.date.text for x in held_records(plan.meetings, dt.date(2026, 3, 2))] == [
        "2026-02-28", "2026-03-01", "2026-03-02", "2026-02-30"]


def test_a_meeting_on_today_is_judged_and_one_tomorrow_is_not():
    text = FULL.replace("notes ria\n", "")
    assert [d.code for d in findings(text, "CP602", today=dt.date(2026, 2, 17))] == ["CP602"]
    assert findings(text, "CP602", today=dt.date(2026, 2, 16)) == ()


# -- where findings point, and what they say --------------------------------------------


def test_absent_without_report_points_at_the_person_and_says_what_happened():
    text = FULL.replace("apologies ria { report received }", "apologies ria").replace(
        "absent tariq { report received }", "absent tariq")
    first, second = findings(text, "CP601")
    plan = parse(text).plan
    assert first.span == plan.meetings[0].apologies[0].member.span
    assert "`ria` sent apologies for the core group on 2026-01-20" in first.message
    assert second.span == plan.meetings[1].absent[0].member.span
    assert "`tariq` did not attend the core group on 2026-02-17" in second.message
    assert first.message == (
        "`ria` sent apologies for the core group on 2026-01-20 and no written report from "
        "them was received: a professional who cannot attend should send one (write "
        "`{ report received }` once it came) (Bolton core group guidance, s4; "
        "Core group flow chart and agendas, reports provided by non-attendees; "
        "West Midlands core groups briefing)")


@pytest.mark.parametrize("role", ["parent", "carer", "relative", "child", "teachr", None])
def test_absent_without_report_asks_no_report_of_family_children_or_unknown_roles(role):
    text = FULL.replace("role teacher", f"role {role}" if role else "").replace(
        "apologies ria { report received }", "apologies ria")
    assert findings(text, "CP601") == ()


@pytest.mark.parametrize("role", ["advocate", "interpreter", "other", "police", "gp"])
def test_absent_without_report_asks_a_report_of_every_professional(role):
    text = FULL.replace("role teacher", f"role {role}").replace(
        "apologies ria { report received }", "apologies ria")
    assert [d.code for d in findings(text, "CP601")] == ["CP601"]


def test_absent_listed_twice_is_one_finding():
    text = FULL.replace("absent tariq { report received }", "absent tariq\n    apologies tariq")
    (finding,) = findings(text, "CP601")
    assert finding.span == parse(text).plan.meetings[1].absent[0].member.span


def test_meeting_without_chair_uses_the_plans_chair():
    assert findings(FULL, "CP603") == ()
    text = FULL.replace("  chair sam\n", "")
    (finding,) = findings(text, "CP603")
    assert finding.span == parse(text).plan.meetings[0].header
    assert "2026-01-20" in finding.message


def test_lead_absent_relates_the_lead_and_reads_apologies():
    text = FULL.replace("attended sam jo ria", "attended jo ria")
    (finding,) = findings(text, "CP604")
    plan = parse(text).plan
    assert finding.span == plan.meetings[1].header
    assert finding.related[0].span == plan.members[0].header
    assert "the lead, `sam`, did not attend the core group on 2026-02-17" in finding.message
    text = FULL.replace("attended sam jo\n", "apologies sam\n")
    assert [d.span.line for d in findings(text, "CP604")] == [8]


def test_lead_absent_is_silent_where_attendance_is_not_recorded():
    text = FULL.replace("attended sam jo\n", "")
    assert findings(text, "CP604") == ()


def test_cancelled_without_reason_points_at_cancelled():
    text = FULL.replace('cancelled "Snow closed the school"', "cancelled")
    (finding,) = findings(text, "CP605")
    plan = parse(text).plan
    assert finding.span == plan.meetings[2].cancelled.span
    assert "2026-02-24 was cancelled with no reason" in finding.message
    assert "West Midlands core groups briefing" in finding.message


def test_child_views_counts_advocates_and_children_not_parents():
    text = FULL.replace('views tariq "', 'views parents "')
    (finding,) = findings(text, "CP606")
    assert finding.span == parse(text).plan.meetings[1].header
    text = FULL.replace('views tariq "', 'views ria "')
    assert [d.code for d in findings(text, "CP606")] == ["CP606"]


def test_no_child_no_child_views_needed():
    text = FULL.replace('  child mira { name "Mira Example" born 2015-09-09 }\n', "")
    text = text.replace('views mira "', 'views jo "')
    assert findings(text, "CP606") == ()


# -- CP607: an absent family member's or child's views ----------------------------------

FAMILY = """\
plan "Uzo Example" {
  child uzo { name "Uzo Example" born 2012-05-05 }
  member sam { name "Sam Patel" role social-worker lead }
  member ria { name "Ria Khan" role teacher }
  member kerry { name "Kerry Example" role parent }
  member uzo-m { name "Uzo" role child }
  chair sam
  meeting core-group 2026-01-20 {
    notes ria
    attended sam ria
    apologies kerry
    views child "Uzo wants the meetings after school"
  }
}
"""


def test_absent_family_views_points_at_the_meeting_and_relates_the_entry():
    (finding,) = findings(FAMILY, "CP607")
    meeting = parse(FAMILY).plan.meetings[0]
    assert finding.span == meeting.header
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "`kerry` (Kerry Example), a parent in the core group, sent apologies for the core "
        "group on 2026-01-20 and its record holds no views of theirs: when family members or "
        'children do not attend, record their views (`views kerry "..."` or `views parents '
        '"..."`) (Bolton core group guidance, appendix)')
    assert finding.related[0].span == meeting.apologies[0].member.span
    assert finding.related[0].message == "`kerry` is listed here"


@pytest.mark.parametrize(("whose", "codes"), [
    ("kerry", []), ("parents", []), ("family", []), ("carers", ["CP607"]),
    ("children", ["CP607"]), ("ria", ["CP607"]), ("uzo", ["CP607"]),
    ("kery", []),  # an undefined id (CP103) may be Kerry's
])
def test_absent_parent_views_by_id_or_group(whose, codes):
    text = FAMILY.replace('    views child "', f'    views {whose} "Kerry agrees"\n'
                                                '    views child "')
    assert [d.code for d in findings(text, "CP607")] == codes


def test_absent_child_views_and_the_voice_of_the_child():
    text = FAMILY.replace("apologies kerry", "absent uzo-m")
    assert findings(text, "CP607") == ()  # `views child`
    for whose in ("uzo", "uzo-m", "children"):
        assert findings(text.replace("views child", f"views {whose}"), "CP607") == ()
    text = text.replace("views child", "views kerry")
    (finding,) = findings(text)  # no voice of any child: CP606's, not also CP607's
    assert finding.code == "CP606"
    relative = FAMILY.replace("role parent", "role relative").replace("views child", "views uzo")
    (finding,) = findings(relative, "CP607")
    assert '(`views kerry "..."`) (Bolton core group guidance, appendix)' in finding.message
    assert "a relative in the core group" in finding.message


def test_absent_professional_is_cp601_not_cp607():
    text = FAMILY.replace("apologies kerry", "apologies ria").replace("attended sam ria",
                                                                      "attended sam kerry")
    assert [d.code for d in findings(text)] == ["CP601"]

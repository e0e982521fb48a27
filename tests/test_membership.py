"""CP3, membership and roles: what the rules compute, where they point, what they say."""

import datetime as dt

import pytest

from cpdsl.diagnostics import Severity
from cpdsl.facts import age_on, meeting_chair
from cpdsl.lint import lint_text
from cpdsl.parsing import parse
from cpdsl.profile import load_profile, shipped_profiles
from cpdsl.rules import membership
from cpdsl.rules.base import Context
from cpdsl.rules.reading import unread

TODAY = dt.date(2026, 3, 1)

FULL = """\
plan "Lena Example" {
  child lena { name "Lena Example" known-as "Lenny" born 2012-02-02 }
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
    assert [r.code for r in membership.RULES] == [f"CP3{n:02d}" for n in range(1, 13)]


@pytest.mark.parametrize("code, severity", [
    ("CP301", Severity.WARNING), ("CP302", Severity.WARNING), ("CP303", Severity.WARNING),
    ("CP304", Severity.ERROR), ("CP305", Severity.ERROR), ("CP306", Severity.ERROR),
    ("CP307", Severity.WARNING), ("CP308", Severity.WARNING), ("CP309", Severity.WARNING),
    ("CP310", Severity.WARNING), ("CP311", Severity.WARNING), ("CP312", Severity.INFO),
])
def test_severity_follows_the_wording_of_the_source(code, severity):
    rule = next(r for r in membership.RULES if r.code == code)
    assert rule.severity is severity
    assert "Source:" in rule.doc and "Reading:" in rule.doc
    assert f"Severity: {severity.value} (" in rule.doc  # quoting the word that decides


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
    assert "Bolton core group guidance, s2" in finding.message


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



# -- CP307: the core group member age (the profile's `core-group-member-age`) ----------

ONE_CHILD = """\
plan "Ama Example" {
  child ama { name "Ama Example" born 2014-03-01 }
  member sam { name "Sam Patel" role social-worker lead }
}
"""


def findings_on(today: dt.date, text: str, *codes: str, profile=None):
    rules = [r for r in membership.RULES if r.code.startswith(codes)]
    return lint_text(text, today, rules=rules, profile=profile)


def test_a_child_is_asked_for_from_their_12th_birthday_as_of_today():
    assert findings_on(dt.date(2026, 2, 28), ONE_CHILD, "CP307") == ()  # 11 years old
    (finding,) = findings_on(dt.date(2026, 3, 1), ONE_CHILD, "CP307")
    assert (finding.span.line, finding.span.column) == (2, 3)
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "child `ama` (Ama Example), 12 years old, is not in the core group, has no advocate in "
        "it and is not recorded as excluded: a child of 12 years or older (the profile's "
        "`core-group-member-age`) takes part or is represented; add a member with role "
        "`child` or `advocate` `for ama`, or an `excluded` entry with the reason "
        "(Wales core group procedure, core group membership; Partnership plans and core "
        "groups procedure, s2 and s6.4)")
    (finding,) = findings_on(dt.date(2030, 3, 1), ONE_CHILD, "CP307")
    assert "`ama` (Ama Example), 16 years old," in finding.message


@pytest.mark.parametrize(("born", "today", "age"), [
    ("2014-03-01", "2026-02-28", 11), ("2014-03-01", "2026-03-01", 12),
    ("2012-02-29", "2024-02-28", 11), ("2012-02-29", "2024-02-29", 12),
    ("2012-02-29", "2025-02-28", 12), ("2012-02-29", "2025-03-01", 13),  # 1 March, not 28 Feb
    ("2026-03-02", "2026-03-01", -1),
])
def test_age_in_whole_years(born, today, age):
    assert age_on(dt.date.fromisoformat(born), dt.date.fromisoformat(today)) == age


@pytest.mark.parametrize("child", [
    'child ama { name "Ama Example" expected 2026-06-01 }',  # unborn
    'child ama { name "Ama Example" }',  # no born date
    'child ama { name "Ama Example" born 2014-02-30 }',  # a date that does not exist (CP104)
    'child ama { name "Ama Example" born 2026-06-01 }',  # born after today
])
def test_children_of_no_known_age_are_not_asked_for(child):
    text = ONE_CHILD.replace('child ama { name "Ama Example" born 2014-03-01 }', child)
    assert findings(text, "CP307") == ()


def test_the_age_is_the_profiles(tmp_path):
    (tmp_path / "p.toml").write_text(
        'name = "northtown"\nextends = "england"\n[settings]\n'
        'core-group-member-age = { value = 14, source = "Northtown procedure, section 2" }\n',
        encoding="utf-8")
    fourteen = load_profile("p.toml", str(tmp_path))
    assert findings_on(TODAY, ONE_CHILD, "CP307", profile=fourteen) == ()
    (finding,) = findings_on(dt.date(2028, 3, 1), ONE_CHILD, "CP307", profile=fourteen)
    assert "a child of 14 years or older" in finding.message


def test_the_shipped_profiles_ask_for_children_from_12_as_cplints_own_reading():
    for name in ("england", "wales", "scotland", "northern-ireland"):
        profile = load_profile(name)
        setting = profile.settings["core-group-member-age"]
        assert (setting.value, setting.profile) == (12, name)  # each nation gives it
        assert setting.source.startswith("cplint's own reading, not the guidance's")
        assert '"children of sufficient age and understanding"' in setting.source
        assert setting.ref == "cplint's reading of 002_107d890e8677bac8.txt, section 2"
    for name in ("bolton", "west-midlands", "english-partnership", "english-local-authority"):
        assert load_profile(name).number("core-group-member-age") == 12  # inherited


# -- CP306: excluding a child the core group does not ask for ---------------------------


@pytest.mark.parametrize(("born", "codes"), [
    ("born 2014-03-02", []),  # 11 years old: nobody need tell them
    ("born 2014-03-01", ["CP306"]),  # 12 years old today
    ("expected 2026-06-01", []),
    ("", []),
])
def test_excluding_a_child_too_young_to_be_asked_for_needs_no_informant(born, codes):
    text = ONE_CHILD.replace("born 2014-03-01", born).replace(
        "  member sam", '  excluded ama-x { name "Ama" role child reason "Too young" }\n'
                        "  member sam")
    assert [d.code for d in findings(text, "CP306", "CP307")] == codes


def test_an_excluded_child_matched_to_no_child_is_judged():
    text = ONE_CHILD.replace("born 2014-03-01", "born 2020-01-01").replace(
        "  member sam", '  child bo { name "Bo Example" born 2021-01-01 }\n'
                        '  excluded zed { name "Zed Example" role child reason "Away" }\n'
                        "  member sam")
    (finding,) = findings(text, "CP306")
    assert finding.message == (
        "no member is named to tell `zed` (Zed Example) about the core group's meetings and "
        "decisions: add `informed-by` with a member's id (Bolton core group guidance, "
        "s2)")


# -- CP312: the first core group's chair -----------------------------------------------

FIRST = """\
plan "Ona Example" {
  profile english-local-authority
  member sam { name "Sam Patel" role social-worker lead }
  member alex { name "Alex Sample" role team-manager }
  chair sam
  meeting core-group 2026-01-27 { chair alex notes sam }
  meeting core-group 2026-01-20 { chair sam notes alex }
}
"""


def test_first_core_group_chair_points_at_the_chair_and_cites_the_profile():
    (finding,) = findings(FIRST, "CP312")
    plan = parse(FIRST).plan
    assert finding.span == plan.meetings[1].chair.span
    assert finding.severity is Severity.INFO
    assert finding.related == ()
    assert finding.message == (
        "the first core group, on 2026-01-20, is chaired by `sam` (Sam Patel), role "
        "`social-worker`: this profile's procedure has the first core group chaired by the "
        "team manager (a member with role `team-manager`) (Core group flow chart and agendas, flow "
        "chart)")


def test_first_core_group_without_a_chair_of_its_own_is_the_plans_chairs():
    text = FIRST.replace("{ chair sam notes alex }", "{ notes alex }")
    (finding,) = findings(text, "CP312")
    plan = parse(text).plan
    assert finding.span == plan.meetings[1].header
    assert finding.related[0].span == plan.chair.span
    assert finding.related[0].message == "`sam` is the plan's chair, so chairs this meeting"
    assert findings(text.replace("  chair sam\n", "  chair alex\n"), "CP312") == ()


@pytest.mark.parametrize("change", [
    ("profile english-local-authority", "profile england"),  # the setting is absent
    ("profile english-local-authority", "profile bolton"),
    ("{ chair sam notes alex }", "{ chair alex notes sam }"),
    ("{ chair sam notes alex }", "{ notes alex }"),  # ...and no plan chair, below: CP603
    ("{ chair sam notes alex }", "{ chair nobody notes alex }"),  # CP103
    ("{ chair sam notes alex }", "{ chair dan notes alex }"),  # excluded: CP309
    ("{ chair sam notes alex }", "{ chair sam notes alex leed }"),  # unread
])
def test_first_core_group_chair_is_silent(change):
    text = FIRST.replace(*change).replace("  chair sam\n", "").replace(
        "  member alex", '  excluded dan { name "Dan Example" role parent reason "Court" }\n'
                         "  member alex")
    assert [d.code for d in findings(text, "CP312") if d.code == "CP312"] == []


def test_first_core_group_chair_setting_is_only_in_the_local_authoritys_profile():
    key = "first-core-group-chaired-by-team-manager"
    for name in shipped_profiles():
        profile = load_profile(name)
        assert profile.flag(key) is (name == "english-local-authority"), name
    setting = load_profile("english-local-authority").settings[key]
    assert '"FIRST CORE GROUP - chaired by Team Manager"' in setting.source


def test_first_core_group_chair_is_false_where_a_profile_says_so(tmp_path):
    (tmp_path / "p.toml").write_text(
        'name = "p"\nextends = "english-local-authority"\n[settings]\n'
        'first-core-group-chaired-by-team-manager = { value = false, source = "Ours, 2" }\n',
        encoding="utf-8")
    profile = load_profile("p.toml", str(tmp_path))
    assert findings_on(TODAY, FIRST, "CP312", profile=profile) == ()


"""CP4 timescales: what they count, under which profile, over which bank holidays.

Every name in these plans is invented. Today is fixed per test, so results never depend on
the real date.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import re

import pytest

from cpdsl import dates
from cpdsl.dates import add_working_days, working_days_between
from cpdsl.facts import planned_dates
from cpdsl.lint import lint_text
from cpdsl.model import Duration
from cpdsl.profile import Profile, load_profile, shipped_profiles
from cpdsl.rules import reviews, timescales
from cpdsl.rules.timing import how_long

RULES = tuple(sorted((*timescales.RULES, *reviews.RULES), key=lambda r: r.code))

D = dt.date
TODAY = D(2026, 3, 1)


def findings(text: str, code: str, today: dt.date = TODAY, profile: Profile | None = None):
    return [d for d in lint_text(text, today, profile=profile) if d.code == code]


def plan(*lines: str, profile: str | None = None) -> str:
    head = [f"  profile {profile}"] if profile else []
    return 'plan "Ada Sample" {\n' + "\n".join(head + [f"  {x}" for x in lines]) + "\n}\n"


# -- the family ----------------------------------------------------------------------------------


def test_the_family_is_cp401_to_cp414_in_order():
    assert [r.code for r in RULES] == [f"CP4{n:02d}" for n in range(1, 15)]


SETTINGS = {"CP401": "first-core-group", "CP403": "core-group-interval",
            "CP405": "first-review", "CP406": "review-interval", "CP407": "minutes",
            "CP408": "review-report", "CP412": "core-group-interval", "CP413": "cin-meeting"}


@pytest.mark.parametrize(("code", "key"), SETTINGS.items())
def test_the_documented_profile_settings_are_the_shipped_ones(code, key):
    """`Profile setting:` names each shipped profile beside the value it really has."""
    rule = next(r for r in RULES if r.code == code)
    paragraph = rule.doc.split("Profile setting:", 1)[1].split("\n\n", 1)[0]
    paragraph = " ".join(paragraph.split())
    assert f"`{key}`" in paragraph
    for name in shipped_profiles():
        value = load_profile(name).settings[key].value
        every = "(every shipped profile)"
        assert re.search(rf"{value} \([^)]*\b{name}\b", paragraph) or (
            f"{value} {every}" in paragraph), f"{code}: {name} has {value}"


# -- the brief's message, and the two profiles compared ------------------------------------------


def test_first_core_group_message_gives_the_facts_and_the_profile():
    text = plan("conference initial 2026-01-12", "meeting core-group 2026-01-30",
                profile="bolton")
    [finding] = findings(text, "CP401")
    assert finding.message == (
        "first core group on 2026-01-30 is 14 working days after the initial conference on "
        "2026-01-12, and no `delay-reason` says why; the bolton profile allows 10 working "
        "days (Bolton core group guidance, s3)")
    assert finding.span.line == 4  # the meeting's date
    [related] = finding.related
    assert related.span.line == 3 and "initial conference on 2026-01-12" in related.message


INTERVAL = ("conference initial 2026-01-05", "core-groups every 4 weeks",
            "meeting core-group 2026-01-15", "meeting core-group 2026-02-26")


def test_the_same_gap_is_late_under_west_midlands():
    [finding] = findings(plan(*INTERVAL, profile="west-midlands"), "CP403")
    assert finding.message == (
        "core group on 2026-02-26 is 6 weeks after the core group on 2026-01-15; the "
        "west-midlands profile allows 4 weeks (West Midlands core groups briefing)")


def test_the_same_gap_is_in_time_under_bolton():
    assert findings(plan(*INTERVAL, profile="bolton"), "CP403") == []


@pytest.mark.parametrize(("profile", "late"), [
    ("west-midlands", True), ("scotland", True),
    ("bolton", False), ("england", False), ("wales", False), ("english-local-authority", False),
])
def test_five_weeks_between_core_groups(profile, late):
    text = plan("conference initial 2026-01-05", "core-groups every 4 weeks",
                "meeting core-group 2026-01-15", "meeting core-group 2026-02-19",
                profile=profile)
    assert bool(findings(text, "CP403")) is late


@pytest.mark.parametrize(("every", "late"), [
    ("6 weeks", False), ("7 weeks", True), ("42 days", False), ("43 days", True),
    ("1 month", False), ("2 months", True), ("30 working days", False),
    ("31 working days", True),
])
def test_a_planned_interval_compared_with_bolton_s_six_weeks(every, late):
    text = plan(f"core-groups every {every}", profile="bolton")
    assert bool(findings(text, "CP403")) is late


def test_a_month_is_longer_than_four_weeks():
    assert findings(plan("core-groups every 1 month", profile="west-midlands"), "CP403")
    assert not findings(plan("core-groups every 4 weeks", profile="west-midlands"), "CP403")


# -- bank holidays: Easter and Christmas, England and Scotland -----------------------------------


def minutes_plan(meeting: str, circulated: str, profile: str) -> str:
    return plan(f"meeting core-group {meeting} {{ minutes-circulated {circulated} }}",
                profile=profile)


@pytest.mark.parametrize(("profile", "meeting", "circulated", "late"), [
    # Good Friday 3 April and Easter Monday 6 April 2026 in England; Scotland has no Easter
    # Monday, so 17 April is the 10th working day in England and the 11th in Scotland.
    ("england", "2026-04-01", "2026-04-17", None),
    ("scotland", "2026-04-01", "2026-04-17", "11 working days"),
    ("scotland", "2026-04-01", "2026-04-16", None),
    # 25 and 28 December, 1 January in England; Scotland adds 4 January 2027 (for the 2nd).
    ("england", "2026-12-21", "2027-01-07", None),
    ("england", "2026-12-21", "2027-01-08", "11 working days"),
    ("scotland", "2026-12-21", "2027-01-07", None),
    ("scotland", "2026-12-21", "2027-01-08", None),
    ("scotland", "2026-12-21", "2027-01-11", "11 working days"),
])
def test_minutes_over_easter_and_christmas(profile, meeting, circulated, late):
    found = findings(minutes_plan(meeting, circulated, profile), "CP407", today=D(2027, 6, 1))
    if late is None:
        assert found == []
    else:
        [finding] = found
        assert (f"circulated on {circulated}, {late} after it; the {profile} profile allows 10 "
                "working days") in finding.message


@pytest.mark.parametrize(("nation", "start", "end", "count"), [
    ("england", D(2026, 4, 1), D(2026, 4, 17), 10),
    ("scotland", D(2026, 4, 1), D(2026, 4, 17), 11),
    ("england", D(2026, 12, 21), D(2027, 1, 8), 11),
    ("scotland", D(2026, 12, 21), D(2027, 1, 8), 10),
    ("northern-ireland", D(2026, 3, 16), D(2026, 3, 18), 1),
    ("england", D(2026, 3, 16), D(2026, 3, 18), 2),
])
def test_working_days_counted_per_nation(nation, start, end, count):
    assert working_days_between(start, end, nation) == count


def test_first_core_group_over_easter_under_scotland_s_fifteen_working_days():
    last = dates.add_working_days(D(2026, 3, 27), 15, "scotland")  # over Good Friday only
    assert last == D(2026, 4, 20)
    ok = plan("conference initial 2026-03-27", f"meeting core-group {last}", profile="scotland")
    assert findings(ok, "CP401", today=D(2026, 6, 1)) == []
    late = plan("conference initial 2026-03-27", "meeting core-group 2026-04-21",
                profile="scotland")
    [finding] = findings(late, "CP401", today=D(2026, 6, 1))
    assert "16 working days after" in finding.message and \
        "scotland profile allows 15 working days" in finding.message
    # Under England's 10, with Easter Monday as well, the 10th working day is 14 April.
    england = plan("conference initial 2026-03-27", "meeting core-group 2026-04-14")
    assert findings(england, "CP401", today=D(2026, 6, 1)) == []


# -- "more than N" is strict: the last day is in time, the next is not ---------------------------


def boundary_cases():
    starts = [D(2026, 1, 12), D(2026, 4, 1), D(2026, 12, 18), D(2026, 1, 31), D(2025, 8, 29)]
    for profile in ("england", "scotland", "wales", "northern-ireland", "bolton",
                    "west-midlands", "english-partnership", "english-local-authority"):
        for start in starts:
            yield profile, start


def limit(profile: str, key: str) -> Duration:
    return load_profile(profile).duration(key)


@pytest.mark.parametrize(("profile", "start"), list(boundary_cases()))
def test_strict_at_exactly_the_limit(profile, start):
    nation = load_profile(profile).nation
    today = D(2028, 1, 1)
    cases = [
        ("CP401", "first-core-group",
         lambda day: plan(f"conference initial {start}", f"meeting core-group {day}",
                          profile=profile)),
        ("CP405", "first-review",
         lambda day: plan(f"conference initial {start}", f"conference review {day}",
                          profile=profile)),
        ("CP406", "review-interval",
         lambda day: plan(f"conference review {start}",
                          f"conference review {day} {{ recommendation end }}",
                          profile=profile)),
        ("CP407", "minutes",
         lambda day: plan(f"meeting core-group {start} {{ minutes-circulated {day} }}",
                          profile=profile)),
        ("CP413", "cin-meeting",
         lambda day: plan(f"ended {start}", f"cin-meeting {day}", profile=profile)),
    ]
    for code, key, make in cases:
        last = dates.add_duration(start, limit(profile, key), nation)
        assert findings(make(last), code, today) == [], (code, last)
        assert len(findings(make(last + dt.timedelta(days=1)), code, today)) == 1, (code, last)


@pytest.mark.parametrize("profile", ["bolton", "english-local-authority"])
def test_report_ready_exactly_the_time_before_is_in_time(profile):
    review = D(2026, 2, 23)
    asked = limit(profile, "review-report")
    days = asked.count
    ready_in_time = review - dt.timedelta(days=days)
    for ready, late in ((ready_in_time, False), (ready_in_time + dt.timedelta(days=1), True)):
        text = plan("conference initial 2025-12-01",
                    f"conference review {review} {{ report-ready {ready} }}", profile=profile)
        assert bool(findings(text, "CP408")) is late, ready


# -- judged as of today ----------------------------------------------------------------------------


def test_no_minutes_is_judged_only_when_the_time_has_passed():
    text = plan("meeting core-group 2026-01-12")
    last = D(2026, 1, 26)  # the 10th working day
    assert findings(text, "CP407", today=last) == []
    [finding] = findings(text, "CP407", today=last + dt.timedelta(days=1))
    assert finding.span.line == 2 and "ended on 2026-01-26" in finding.message


def test_no_cin_meeting_is_judged_only_when_the_time_has_passed():
    text = plan("ended 2026-01-05")
    last = dates.add_working_days(D(2026, 1, 5), 20, "england")
    assert findings(text, "CP413", today=last) == []
    assert len(findings(text, "CP413", today=last + dt.timedelta(days=1))) == 1


def test_no_first_core_group_is_judged_only_when_the_time_has_passed():
    text = plan("conference initial 2026-01-12")
    assert findings(text, "CP401", today=D(2026, 1, 26)) == []
    [finding] = findings(text, "CP401", today=D(2026, 1, 27))
    assert finding.span.line == 2 and "due by 2026-01-26" in finding.message
    assert findings(plan("conference initial 2026-01-12", 'delay-reason "Snow"'), "CP401",
                    today=D(2026, 1, 27)) == []


def test_no_report_ready_is_judged_once_it_is_too_late_for_one():
    text = plan("conference initial 2026-01-05", "conference review 2026-03-30", profile="bolton")
    assert findings(text, "CP408", today=D(2026, 3, 29)) == []
    assert len(findings(text, "CP408", today=D(2026, 3, 30))) == 1


def test_the_next_review_is_judged_for_its_pre_review_core_group_once_the_report_is_due():
    # The core group planned for 2026-02-26 (6 weeks on) has no record, so the last core
    # group may not have been held yet: the report's date is the latest the rule waits.
    text = plan("conference initial 2026-01-05", "conference review 2026-03-30",
                "meeting core-group 2026-01-15", profile="english-local-authority")
    assert findings(text, "CP410", today=D(2026, 3, 25)) == []  # 5 days before: still time
    [finding] = findings(text, "CP410", today=D(2026, 3, 26))
    assert "core group on 2026-01-15, the last before the review conference" in finding.message


def test_a_planned_core_group_is_missed_once_half_an_interval_has_passed():
    text = plan("conference initial 2026-01-05", "core-groups every 4 weeks",
                "meeting core-group 2026-01-15")
    # planned 2026-02-12; a record within 14 days of it would count
    assert findings(text, "CP412", today=D(2026, 2, 26)) == []
    [finding] = findings(text, "CP412", today=D(2026, 2, 27))
    assert "planned for 2026-02-12" in finding.message and "within 14 days" in finding.message
    near = text.replace("}\n", '  meeting core-group 2026-02-26 { cancelled "Snow" }\n}\n')
    assert findings(near, "CP412", today=D(2026, 3, 1)) == []
    far = text.replace("}\n", '  meeting core-group 2026-02-27 { cancelled "Snow" }\n}\n')
    assert len(findings(far, "CP412", today=D(2026, 3, 1))) == 1


def test_overdue_is_as_of_today():
    text = plan('action book "Book the review" { due 2026-02-01 }')
    assert findings(text, "CP411", today=D(2026, 2, 1)) == []
    assert len(findings(text, "CP411", today=D(2026, 2, 2))) == 1


# -- CP409: the first review conference, whatever its date ----------------------------------------

EARLY_END = ("the first review conference, on {day}, recommends ending the plan with no "
             "exceptional circumstances recorded: de-registration should not be considered at "
             "the first review conference unless there are exceptional circumstances "
             "(record them in `exceptional \"...\"`) (Bolton core group guidance, s4)")


def at(finding) -> tuple[int, int]:
    return finding.span.line, finding.span.column


def test_ending_the_plan_at_the_first_review_exactly_three_months_on_is_reported():
    text = plan("conference initial 2025-11-30",
                "conference review 2026-02-28 { recommendation end }")
    [finding] = findings(text, "CP409")
    assert finding.message == EARLY_END.format(day="2026-02-28")
    assert at(finding) == (3, 49)  # the recommendation's value
    [related] = finding.related
    assert related.span.line == 2 and related.message == (
        "the initial conference on 2025-11-30")


@pytest.mark.parametrize("day", ["2025-12-15", "2026-02-27", "2026-02-28", "2026-03-01",
                                 "2026-05-30", "2027-01-04"])
def test_the_first_review_is_judged_whatever_its_date(day):
    text = plan("conference initial 2025-11-30",
                f"conference review {day} {{ recommendation end }}")
    [finding] = findings(text, "CP409", today=D(2027, 6, 1))
    assert finding.message == EARLY_END.format(day=day)


def test_a_later_review_may_recommend_the_end_however_soon():
    text = plan("conference initial 2025-11-30",
                "conference review 2025-12-15 { recommendation continue }",
                "conference review 2026-01-05 { recommendation end }")
    assert findings(text, "CP409") == []


@pytest.mark.parametrize("exceptional", ['"The family has moved abroad permanently"',
                                         '"""\n    The family has moved abroad\n    """'])
def test_exceptional_circumstances_recorded_keep_the_rule_silent(exceptional):
    text = plan("conference initial 2025-11-30", "conference review 2026-02-28 {",
                f"  recommendation end {{ exceptional {exceptional} }}", "}")
    assert findings(text, "CP409") == []
    assert len(findings(text.replace(exceptional, '"  "'), "CP409")) == 1


def test_which_review_is_the_first_must_be_known():
    end = "conference review 2026-02-23 { recommendation end }"
    assert findings(plan(end), "CP409") == []  # no initial conference
    unread = plan("conference initial 2025-11-30", "conference reveiw 2026-01-05", end)
    assert findings(unread, "CP409") == []  # an earlier review may be the misspelt one
    hidden = plan("conference initial 2025-11-30", "confernce review 2026-01-05", end)
    assert findings(hidden, "CP409") == []  # a syntax error may hide the first review


def test_the_first_review_needs_no_profile_setting(tmp_path):
    path = tmp_path / "bare.toml"
    path.write_text('name = "bare"\nnation = "england"\n', encoding="utf-8")
    text = plan("conference initial 2025-11-30",
                "conference review 2026-02-28 { recommendation end }")
    assert len(findings(text, "CP409", profile=load_profile(str(path)))) == 1


# -- CP403: only the keyworker's line manager agrees a longer interval ---------------------------


def longer_interval(person: str, *, reason: bool = True) -> str:
    lines = [person, "core-groups every 8 weeks {", "  agreed-by kim"]
    if reason:
        lines.append('  reason "Kim works away for weeks at a time"')
    return plan(*lines, "}", profile="bolton")


NOT_THE_MANAGER = (
    "core groups planned every 8 weeks are agreed by {who}, whose agreement does not count: "
    "the bolton profile allows 6 weeks unless the keyworker's line manager (a member with "
    "role `team-manager`) agrees (Bolton core group guidance, s3)")


@pytest.mark.parametrize(("person", "who"), [
    ('member kim { name "Kim Sample" role parent }',
     "`kim` (Kim Sample), a member with role `parent`"),
    ('member kim { name "Kim Sample" role teacher }',
     "`kim` (Kim Sample), a member with role `teacher`"),
    ('member kim { name "Kim Sample" role social-worker lead }',
     "`kim` (Kim Sample), a member with role `social-worker`"),
    ('member kim { role carer }', "`kim`, a member with role `carer`"),
    ('child kim { name "Kim Sample" born 2012-05-01 }', "`kim` (Kim Sample), a child of the plan"),
    ('excluded kim { name "Kim Sample" role team-manager reason "Not to know the venue" }',
     "`kim` (Kim Sample), who is excluded from the core group"),
])
def test_an_agreement_by_anyone_but_a_team_manager_does_not_count(person, who):
    [finding] = findings(longer_interval(person), "CP403")
    assert finding.message == NOT_THE_MANAGER.format(who=who)
    assert at(finding) == (5, 15)  # the id after `agreed-by`


def test_a_team_manager_s_agreement_counts():
    assert findings(longer_interval('member kim { name "Kim Sample" role team-manager }'),
                    "CP403") == []


@pytest.mark.parametrize(("person", "code"), [
    ("", "CP103"),                                       # nobody has the id
    ('member kim { name "Kim Sample" role team-manger }', "CP105"),  # an unknown role
    ('member kim { name "Kim Sample" }', "CP106"),       # no role
])
def test_a_fault_another_rule_reports_is_not_reported_again(person, code):
    text = longer_interval(person)
    assert findings(text, "CP403") == []
    assert findings(text, code)


def test_an_agreement_by_a_parent_without_a_reason_gives_both_findings():
    missing, wrong = findings(longer_interval('member kim { name "Kim Sample" role parent }',
                                              reason=False), "CP403")
    assert missing.message == (
        "core groups planned every 8 weeks, with no `reason` in the `core-groups` block; the "
        "bolton profile allows 6 weeks unless the keyworker's line manager (a member with "
        "role `team-manager`) agrees and the reason is recorded (Bolton core group guidance, "
        "s3)")
    assert at(missing) == (4, 21)
    assert wrong.message == NOT_THE_MANAGER.format(
        who="`kim` (Kim Sample), a member with role `parent`")


def test_a_gap_the_plan_s_own_interval_does_not_allow_gives_both_numbers_with_units():
    text = plan("conference initial 2025-09-01",
                'member tm { name "Alex Sample" role team-manager }',
                "core-groups every 8 weeks {", "  agreed-by tm",
                '  reason "Kim works away for weeks at a time"', "}",
                "meeting core-group 2025-09-11", "meeting core-group 2026-01-08",
                profile="bolton")
    [finding] = findings(text, "CP403")
    assert finding.message == (
        "core group on 2026-01-08 is 17 weeks after the core group on 2025-09-11; the plan's "
        "`core-groups every 8 weeks` allows 8 weeks, and the bolton profile 6 weeks "
        "(Bolton core group guidance, s3)")


# -- CP410: judged once the last core group before the review has been held ----------------------


def pre_review(review: str, *meetings: str) -> str:
    meetings = meetings or ("2026-02-26",)
    return plan("conference initial 2025-11-24", f"conference review {review}",
                "core-groups every 4 weeks", "meeting core-group 2025-12-04",
                "meeting core-group 2026-01-01", "meeting core-group 2026-01-29",
                *(f"meeting core-group {day}" for day in meetings))


def test_the_next_review_is_judged_on_the_day_its_last_core_group_is_held():
    text = pre_review("2026-03-26")  # the next core group would be planned for 2026-03-26
    assert findings(text, "CP410", today=D(2026, 2, 25)) == []  # it is still to come
    [finding] = findings(text, "CP410", today=D(2026, 2, 26))
    assert finding.message == (
        "core group on 2026-02-26, the last before the review conference on 2026-03-26, has "
        "no `recommendation` to it: the final core group before a review gives it a "
        "recommendation (`recommendation continue` or `recommendation end`) (West Midlands "
        "core groups briefing)")
    assert at(finding) == (8, 3)
    [related] = finding.related
    assert related.span.line == 3 and related.message == (
        "the review conference on 2026-03-26")


@pytest.mark.parametrize(("review", "judged"), [
    ("2026-03-19", True), ("2026-03-25", True),
    ("2026-03-26", True),   # a core group planned on the review's day is not before it
    ("2026-03-27", False),  # the one planned for 2026-03-26 is still to come
])
def test_the_next_planned_core_group_on_or_after_the_review_day(review, judged):
    assert bool(findings(pre_review(review), "CP410", today=D(2026, 3, 1))) is judged


@pytest.mark.parametrize(("early", "judged"), [
    ("2026-02-12", True),   # 14 days before the planned 2026-02-26: that date's record
    ("2026-02-11", False),  # 15 days before: the core group of 2026-02-26 is still to come
])
def test_a_record_within_half_an_interval_of_a_planned_date_is_that_date_s(early, judged):
    text = pre_review("2026-03-20", early)
    assert bool(findings(text, "CP410", today=D(2026, 3, 1))) is judged


def test_a_cancelled_last_core_group_leaves_the_one_before_it_the_last_held():
    text = pre_review("2026-03-20").replace(
        "meeting core-group 2026-02-26", 'meeting core-group 2026-02-26 { cancelled "Snow" }')
    [finding] = findings(text, "CP410", today=D(2026, 3, 1))
    assert finding.message.startswith("core group on 2026-01-29, the last before the review")


def test_a_recommendation_from_the_last_core_group_passes():
    text = pre_review("2026-03-20").replace(
        "meeting core-group 2026-02-26", "meeting core-group 2026-02-26 { recommendation end }")
    assert findings(text, "CP410", today=D(2026, 3, 1)) == []


# -- CP414: later review conferences record their recommendation ---------------------------------


def test_a_later_review_without_a_recommendation_gives_the_full_message():
    text = plan("conference initial 2025-03-03", "conference review 2025-05-27",
                "conference review 2025-11-24 { report-ready 2025-11-20 }")
    [finding] = findings(text, "CP414")
    assert finding.message == (
        "review conference on 2025-11-24 records no `recommendation`: after the first review "
        "conference, de-registration should be considered at each one (record what it "
        "decided, `recommendation continue` or `recommendation end`) (Bolton core group "
        "guidance, s4)")
    assert at(finding) == (4, 3)  # the conference's header
    [related] = finding.related
    assert related.span.line == 3 and related.message == (
        "the first review conference, on 2025-05-27")


def test_a_later_review_is_judged_from_its_day():
    text = plan("conference initial 2025-03-03", "conference review 2025-05-27",
                "conference review 2026-03-01")
    assert findings(text, "CP414", today=D(2026, 2, 28)) == []
    assert len(findings(text, "CP414", today=D(2026, 3, 1))) == 1


def test_a_recommendation_cplint_cannot_read_is_not_reported_as_missing():
    base = ("conference initial 2025-03-03", "conference review 2025-05-27")
    unknown = plan(*base, "conference review 2025-11-24 { recommendation contnue }")
    assert findings(unknown, "CP414") == [] and findings(unknown, "CP105")
    misspelt = plan(*base, "conference review 2025-11-24 { recommendaton continue }")
    assert findings(misspelt, "CP414") == []


# -- severity and units (issue 9, item 10) ---------------------------------------------------------

_POLICY = {"error": ("must", "shall"), "warning": ("should", "will", "is expected to")}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_the_severity_is_documented_with_the_word_that_decides_it(rule):
    """`Severity: warning ("should ...", source).`: the rule's severity, and the policy's
    word for it, quoted from the rule's Source passage."""
    match = re.search(r'^Severity: (error|warning|info) \("([^"]+)", ', rule.doc, re.MULTILINE)
    assert match, f"{rule.code} documents no `Severity:` line"
    severity, quote = match.groups()
    assert severity == rule.severity.value
    assert any(re.search(rf"\b{word}\b", quote) for word in _POLICY[severity]), quote
    source = " ".join(rule.doc.split("\nSeverity:", 1)[0].split())
    assert quote in source, f"{rule.code}: {quote!r} is not quoted in its Source"


_NOT_A_COUNT = re.compile(r"\d{4}-\d{2}-\d{2}|\d{3}_[0-9a-f]+\.txt|section \d+(\.\d+)?"
                          r"|\b(19|20)\d\d\b")
_UNITLESS = re.compile(r"\b\d+\b(?! (working days?|days?|weeks?|months?)\b)")
FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def test_every_number_in_a_cp4_message_carries_its_unit():
    texts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("cp4*.cp"))]
    texts.append(longer_interval('member kim { name "Kim Sample" role parent }', reason=False))
    messages = [d.message for text in texts for d in lint_text(text, TODAY)
                if d.code.startswith("CP4")]
    assert len(messages) > 40
    for message in messages:
        assert not _UNITLESS.search(_NOT_A_COUNT.sub("", message)), message


# -- partial models and odd input never raise ------------------------------------------------------


ODD_PLANS = [
    plan("conference initial 2026-02-30", "meeting core-group 2026-02-31",
         "conference review 2026-13-01 { report-ready 2026-02-30 }"),
    plan("conference initial 2026-01-12", "meeting core-group 2026-02-30",
         "meeting core-group 2026-03-12"),
    plan("conference initial 9999-12-30", "conference review 9999-12-31 { recommendation end }",
         "meeting core-group 9999-12-31 { minutes-circulated 9999-12-31 }",
         "core-groups every 10000 months", "ended 9999-12-31", "cin-meeting 9999-12-31",
         'action a "Check" { due 9999-12-31 }'),
    plan("conference initial 0001-01-01", "conference review 9999-12-31",
         "core-groups every 1 day", "meeting core-group 0001-01-02",
         "meeting core-group 9999-12-30 { minutes-circulated 9999-12-31 }",
         "ended 0001-01-01", "cin-meeting 9999-12-31"),
    plan("core-groups every 0 weeks", "meeting core-group 2025-01-01",
         "meeting core-group 2026-01-01"),
    plan("core-groups every 10000 working days", "meeting core-group 0001-01-01"),
    plan("conference initial", "conference review { recommendation }", "meeting core-group {",
         "}", "core-groups every", "ended", "cin-meeting"),
    plan("conference review 2026-01-05 { recommendation end }",
         "meeting core-group 2025-10-01", "meeting core-group 2025-12-30"),
]


@pytest.mark.parametrize("text", ODD_PLANS)
def test_odd_plans_never_raise_or_stall(text):
    # No timing assertion (the machines are shared): a count that stepped day by day
    # over such spans would stall the suite instead.
    for today in (TODAY, D(1, 1, 1), D(9999, 12, 31)):
        lint_text(text, today)


def test_a_record_whose_date_names_no_day_keeps_the_record_checks_silent():
    text = plan("conference initial 2026-01-12", "core-groups every 2 weeks",
                "meeting core-group 2026-02-30")
    assert findings(text, "CP401") == [] and findings(text, "CP412") == []


def test_a_profile_without_the_settings_leaves_the_rules_silent(tmp_path):
    path = tmp_path / "bare.toml"
    path.write_text('name = "bare"\nnation = "england"\n', encoding="utf-8")
    bare = load_profile(str(path))
    assert bare.settings == {}
    text = plan("conference initial 2025-01-06", "conference review 2025-12-01",
                "meeting core-group 2025-03-03", "meeting core-group 2025-09-01",
                'action a "Check the dates" { due 2025-02-01 }', "ended 2025-12-01")
    found = {d.code for d in lint_text(text, TODAY, profile=bare) if d.code.startswith("CP4")}
    assert found == {"CP404", "CP410", "CP411"}  # the checks that need no number


# -- counting helpers ---------------------------------------------------------------------------


def _step_between(start, end, nation):
    """Working days after `start` up to `end`, counted one day at a time."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += dates.is_working_day(day, nation)
    return count


def _step_add(start, count, nation):
    day = start
    while count > 0:
        day += dt.timedelta(days=1)
        count -= dates.is_working_day(day, nation)
    return day


@pytest.mark.parametrize("nation", ["england", "wales", "scotland", "northern-ireland"])
def test_fast_working_days_agree_with_counting_day_by_day(nation):
    start = D(2025, 12, 1)
    for offset in range(0, 800, 7):
        for length in (0, 1, 2, 5, 6, 13, 40, 200, 500):
            a = start + dt.timedelta(days=offset % 400)
            b = a + dt.timedelta(days=length + offset % 5)
            assert working_days_between(a, b, nation) == _step_between(a, b, nation)
    assert working_days_between(D(2026, 1, 5), D(2026, 1, 1), nation) == 0


@pytest.mark.parametrize("nation", ["england", "scotland", "northern-ireland"])
def test_fast_adding_of_working_days_agrees_with_counting_day_by_day(nation):
    for offset in range(0, 740, 11):
        start = D(2025, 1, 1) + dt.timedelta(days=offset)
        for count in (0, 1, 5, 10, 11, 12, 20, 47, 100, 260, 1000):
            assert add_working_days(start, count, nation) == \
                _step_add(start, count, nation), (start, count)


def test_working_days_over_centuries_are_counted_without_stepping():
    assert working_days_between(D(1, 1, 1), D(9999, 12, 31), "england") > 2_500_000


@pytest.mark.parametrize(("start", "end", "unit", "text"), [
    (D(2026, 1, 12), D(2026, 1, 30), "working-days", "14 working days"),
    (D(2026, 1, 12), D(2026, 1, 13), "working-days", "1 working day"),
    (D(2026, 1, 1), D(2026, 2, 12), "weeks", "6 weeks"),
    (D(2026, 1, 1), D(2026, 2, 15), "weeks", "6 weeks and 3 days"),
    (D(2026, 1, 1), D(2026, 1, 9), "weeks", "1 week and 1 day"),
    (D(2026, 1, 1), D(2026, 1, 4), "weeks", "3 days"),
    (D(2026, 1, 31), D(2026, 4, 30), "months", "3 months"),
    (D(2026, 1, 12), D(2026, 4, 20), "months", "3 months and 8 days"),
    (D(2026, 1, 31), D(2026, 3, 1), "months", "1 month and 1 day"),
    (D(2026, 1, 1), D(2026, 1, 2), "days", "1 day"),
])
def test_how_long_in_the_setting_s_unit(start, end, unit, text):
    assert how_long(start, end, unit, "england") == text


def test_planned_dates_do_not_drift_at_month_ends():
    planned = [day for day, _ in planned_dates(
        D(2025, 1, 31), Duration(1, "months"), "england", None, None, D(2025, 7, 1))]
    assert planned[:4] == [D(2025, 2, 28), D(2025, 3, 31), D(2025, 4, 30), D(2025, 5, 31)]


# -- a child who moved, a conference reconvened ---------------------------------------------------

MOVED = 'moved 2026-02-02 { to "Southtown Council" }'


@pytest.mark.parametrize(("ended", "moved", "stops"), [
    (None, None, None),
    ("2026-03-02", None, D(2026, 3, 2)),
    (None, "2026-02-02", D(2026, 2, 2)),
    ("2026-03-02", "2026-02-02", D(2026, 2, 2)),
    ("2026-01-05", "2026-02-02", D(2026, 1, 5)),
    ("2026-02-30", "2026-02-02", D(2026, 2, 2)),  # a date that names no day is not read
])
def test_the_plan_stops_at_the_earlier_of_ended_and_moved(ended, moved, stops):
    from cpdsl.parsing import parse
    from cpdsl.facts import plan_stops

    lines = ([f"ended {ended}"] if ended else []) + (
        [f'moved {moved} {{ to "Southtown Council" }}'] if moved else [])
    assert plan_stops(parse(plan(*lines)).plan) == stops


def test_an_action_is_judged_as_of_the_day_the_child_moved():
    text = plan('action book "Book the review" { due 2026-01-12 }', MOVED)
    [finding] = findings(text, "CP411")
    assert finding.message == (
        "action `book` was due on 2026-01-12 and is still open when the child moved to another "
        "area on 2026-02-02: record `status done`, `status dropped \"why\"`, or a new `due` "
        "date (West Midlands core groups briefing)")
    assert at(finding) == (2, 39)


def test_an_action_is_judged_as_of_the_end_when_the_plan_ended_first():
    text = plan('action book "Book the review" { due 2026-01-12 }', "ended 2026-01-26", MOVED)
    [finding] = findings(text, "CP411")
    assert "still open when the plan ended on 2026-01-26:" in finding.message


def test_a_move_stops_the_review_timescales_but_not_the_child_in_need_meeting():
    # As of 2026-03-01 the first review (due by 2025-12-01) and the child in need meeting
    # (20 working days after the end) are both late; after a move only `ended` asks.
    late = plan("conference initial 2025-09-01", "ended 2026-01-05")
    moved = plan("conference initial 2025-09-01", 'moved 2025-11-28 { to "Southtown Council" }',
                 "ended 2026-01-05")
    assert findings(late, "CP405") and findings(late, "CP413")
    assert findings(moved, "CP405") == [] and len(findings(moved, "CP413")) == 1


def test_a_move_without_the_receiving_authority_is_a_missing_field():
    [finding] = findings(plan("moved 2026-02-20 {\n  }"), "CP106")
    assert finding.message == (
        "`moved 2026-02-20` has no `to`: name the receiving authority the plan transfers to "
        "(`to \"...\"` in its block)")
    assert at(finding) == (2, 3) and finding.span.end_column == 19  # its header
    assert findings(plan('moved 2026-02-20 { to "Southtown Council" }'), "CP106") == []


def test_a_reconvened_conference_without_its_reason_is_a_missing_field():
    [finding] = findings(plan("conference reconvened 2026-02-16"), "CP106")
    assert finding.message == (
        "reconvened conference on 2026-02-16 has no `reason`: say why it was reconvened early "
        "(`reason \"...\"` in its block)")
    assert at(finding) == (2, 3)
    given = plan('conference reconvened 2026-02-16 { reason "Police were called again" }',
                 'conference review 2026-04-08 { reason "Held on the date planned" }')
    assert findings(given, "CP106") == [] and findings(given, "CP105") == []


RECONVENED = 'conference reconvened {day} {{ reason "Police were called to the home again" }}'


def test_a_late_reconvened_first_review_is_named_as_reconvened():
    text = plan("conference initial 2025-09-01", RECONVENED.format(day="2025-12-15"))
    [finding] = findings(text, "CP405")
    assert finding.message == (
        "first review conference on 2025-12-15 (reconvened) is 3 months and 14 days after the "
        "initial conference on 2025-09-01; the england profile allows 3 months (Working "
        "Together 2023; Core group flow chart and agendas, flow chart)")
    assert at(finding) == (3, 25)
    assert [r.message for r in finding.related] == ["the initial conference on 2025-09-01"]


def test_the_next_review_counts_from_a_reconvened_conference():
    text = plan("conference initial 2025-05-12",
                "conference review 2025-06-30 { recommendation continue }",
                RECONVENED.format(day="2025-08-04"))
    [finding] = findings(text, "CP406")
    assert finding.message == (
        "no review conference since the one on 2025-08-04 (reconvened); the next was due by "
        "2026-02-04, 6 months after it; the england profile allows 6 months (Working "
        "Together 2023; Core group flow chart and agendas, flow chart)")
    assert at(finding) == (4, 25)
    later = plan("conference initial 2025-01-12", RECONVENED.format(day="2025-02-16"),
                 "conference review 2025-09-01 { recommendation continue }")
    [finding] = findings(later, "CP406")
    assert finding.message == (
        "review conference on 2025-09-01 is 6 months and 16 days after the review conference "
        "on 2025-02-16 (reconvened); the england profile allows 6 months (Working Together "
        "2023; Core group flow chart and agendas, flow chart)")
    assert [r.message for r in finding.related] == ["the reconvened conference on 2025-02-16"]


def test_a_reconvened_first_review_recommending_the_end_needs_exceptional_circumstances():
    text = plan("conference initial 2025-12-01",
                'conference reconvened 2026-01-19 { reason "Kerry asked"  recommendation end }')
    [finding] = findings(text, "CP409")
    assert finding.message == (
        "the first review conference, on 2026-01-19 (reconvened), recommends ending the plan "
        "with no exceptional circumstances recorded: de-registration should not be considered "
        "at the first review conference unless there are exceptional circumstances (record "
        "them in `exceptional \"...\"`) (Bolton core group guidance, s4)")


def test_a_reconvened_conference_after_the_first_review_records_its_recommendation():
    text = plan("conference initial 2025-03-03", "conference review 2025-05-27",
                RECONVENED.format(day="2025-08-11"))
    [finding] = findings(text, "CP414")
    assert finding.message == (
        "review conference on 2025-08-11 (reconvened) records no `recommendation`: after the "
        "first review conference, de-registration should be considered at each one (record "
        "what it decided, `recommendation continue` or `recommendation end`) (Bolton core "
        "group guidance, s4)")
    assert at(finding) == (4, 3)
    assert [(r.span.line, r.message) for r in finding.related] == [
        (3, "the first review conference, on 2025-05-27")]


def test_a_reconvened_conference_asks_no_report_nor_pre_review_core_group():
    text = plan("profile bolton", "conference initial 2025-06-02",
                RECONVENED.format(day="2025-07-14"), "core-groups every 4 weeks")
    assert findings(text, "CP408") == [] and findings(text, "CP410") == []


def test_the_core_groups_before_a_review_are_those_since_a_reconvened_conference():
    text = plan("profile bolton", "conference initial 2025-06-02",
                RECONVENED.format(day="2025-07-14"), "conference review 2025-09-01",
                "core-groups every 4 weeks",
                "meeting core-group 2025-06-12 { recommendation continue }")
    [finding] = findings(text, "CP410")
    assert finding.message == (
        "no core group held between the reconvened conference on 2025-07-14 and the review "
        "conference on 2025-09-01: the final core group before a review gives it a "
        "recommendation (West Midlands core groups briefing)")
    assert at(finding) == (5, 3)
    assert [(r.span.line, r.message) for r in finding.related] == [
        (4, "the reconvened conference on 2025-07-14")]


def test_a_gap_across_a_reconvened_conference_runs_from_it():
    text = plan("profile english-local-authority", "conference initial 2025-09-01",
                RECONVENED.format(day="2025-10-30"), "core-groups every 6 weeks",
                "meeting core-group 2025-09-11", "meeting core-group 2026-01-05")
    [finding] = findings(text, "CP403")
    assert finding.message == (
        "core group on 2026-01-05 is 9 weeks and 4 days after the reconvened conference on "
        "2025-10-30; the english-local-authority profile allows 6 weeks (Core group flow "
        "chart and agendas, flow chart)")
    assert [(r.span.line, r.message) for r in finding.related] == [
        (4, "the reconvened conference on 2025-10-30")]


def test_a_reconvened_conference_is_no_planned_review_for_the_assessment_or_milestones():
    # CP514 and CP212 read the planned review conferences: an urgent reconvened conference
    # next week does not bring an assessment's date or an outcome's milestone forward.
    text = plan(RECONVENED.format(day="2026-03-09"), "conference review 2026-04-08",
                'assessment "Parenting assessment of Kerry" { due 2026-04-01 }',
                'outcome bedtime "Amy is in bed by 8pm" { by 2026-04-08 }')
    assert findings(text, "CP514") == [] and findings(text, "CP212") == []


def test_core_groups_agreed_by_an_outcome_is_a_wrong_reference_not_a_crash():
    """`agreed-by` naming a need, outcome or action is CP103's (found by hypothesis: the
    CP403 check read the outcome's role)."""
    text = ('plan "T" {\n  outcome a "A"\n  core-groups every 8 weeks { agreed-by a }\n}\n')
    found = [(d.code, d.span.line, d.span.column, d.message)
             for d in lint_text(text, TODAY) if d.code in ("CP103", "CP403")]
    assert found == [
        ("CP403", 3, 21, "core groups planned every 8 weeks, with no `reason` in the "
                         "`core-groups` block; the england profile allows 6 weeks unless the "
                         "keyworker's line manager (a member with role `team-manager`) agrees "
                         "and the reason is recorded (Bolton core group guidance, s3; Core "
                         "group flow chart and agendas, flow chart)"),
        ("CP103", 3, 41, "`agreed-by a`: `a` is an outcome; `agreed-by` takes a child or a "
                         "member or an excluded person")]

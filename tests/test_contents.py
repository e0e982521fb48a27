"""CP5, what the plan must contain: each rule against a complete plan with one part taken
out, the readings the fixtures cannot show (related places, profiles), and plans cut short."""

import datetime as dt
import re
from pathlib import Path

import pytest

from cpdsl import model as m
from cpdsl.diagnostics import Severity
from cpdsl.lint import lint_text
from cpdsl.profile import load_profile
from cpdsl.rules import contents
from cpdsl.rules.base import Context

TODAY = dt.date(2026, 3, 1)
COMPLETE = (Path(__file__).parent / "fixtures" / "cp5_complete_plan.cp").read_text("utf-8")


def findings(text: str, profile=None) -> list:
    return [d for d in lint_text(text, TODAY, contents.RULES, profile=profile)
            if d.code.startswith("CP5")]


def found(text: str, profile=None) -> set[tuple[int, str]]:
    return {(d.span.line, d.code) for d in findings(text, profile)}


def line_of(text: str, snippet: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if snippet in line)


def test_the_family_is_cp501_to_cp514_in_code_order():
    assert [r.code for r in contents.RULES] == [f"CP5{n:02d}" for n in range(1, 15)]


def test_severities_follow_the_words_of_the_guidance():
    # The plan "should include" its parts (002, section 3); no source says "must" of them.
    assert all(r.severity is Severity.WARNING for r in contents.RULES)


@pytest.mark.parametrize("rule", contents.RULES, ids=lambda r: r.code)
def test_documentation_cites_its_source(rule):
    national = rule.code == "CP511"  # national guidance, as PROFILES.md quotes it
    assert "Source:" in rule.doc and ("PROFILES.md" if national else ".txt") in rule.doc
    assert rule.examples("Fails:") and rule.examples("Passes:")


@pytest.mark.parametrize("rule", contents.RULES, ids=lambda r: r.code)
def test_documentation_quotes_the_word_its_severity_follows(rule):
    [line] = [x for x in rule.doc.splitlines() if x.startswith("Severity: ")]
    if rule.code == "CP511":  # the national sources give no such word: the catalogue's
        assert line.startswith("Severity: warning. The national texts name the categories")
    else:
        assert re.match(r'Severity: warning \("(should|will)[^"]*", 00\d_', line), line


def test_the_complete_plan_is_clean():
    assert found(COMPLETE) == set()


# (what to take out of the complete plan, the line that then has the finding, the code)
TAKEN_OUT = [
    ('  contingency """\n    If the children are found alone again, Lee holds a strategy '
     'discussion the same day.\n  """\n', 'plan "', "CP501"),
    ('  views nia-m "Nia wants her nan to visit more"\n', "child nia ", "CP502"),
    ('    views tal "Tal says Owen laughs when his sister reads to him"\n', "child owen ",
     "CP502"),
    ('  views gwen "Gwen agrees the plan"\n', 'plan "', "CP503"),
    ("  contact nia by lee every 2 weeks { alone }\n", "child nia ", "CP504"),
    ("  contact owen by lee every 2 weeks { alone }\n", "child owen ", "CP505"),
    ('  communication "Members phone Lee the same day with any new worry"\n', 'plan "', "CP506"),
    ('  language "Welsh"\n', 'plan "', "CP507"),
    ("  signed gwen 2026-01-20\n", "member gwen ", "CP508"),
    ("  signed tal 2026-01-20\n", "member tal ", "CP508"),
    ("  signed nia-m 2026-01-20\n", "member nia-m ", "CP508"),
    ('    reason "Gwen says the neighbour looks in on them"\n', "disagreement ", "CP509"),
    ('    concern "Nia and Owen are often left without an adult in the evenings"\n',
     "conference initial", "CP510"),
    ("  category neglect\n", 'plan "', "CP511"),
    ("  due 2026-03-20 }", "assessment ", "CP512"),
    ('  action rota "Gwen and Ivy agree a written rota of evenings" { outcome cared-for }\n',
     'plan "', "CP513"),
]


@pytest.mark.parametrize("part, where, code", TAKEN_OUT, ids=[c for _, _, c in TAKEN_OUT])
def test_taking_a_part_out_gives_its_finding_where_the_gap_is(part, where, code):
    assert part in COMPLETE
    text = COMPLETE.replace(part, "" if part.endswith("\n") else " }", 1)
    assert found(text) == {(line_of(text, where), code)}


def test_a_child_member_signs_and_an_interpreter_is_not_asked_to():
    text = COMPLETE.replace("  signed nia-m 2026-01-20\n", "")
    [finding] = findings(text)
    assert (finding.code, finding.span.line) == ("CP508", line_of(text, "member nia-m"))
    assert finding.message == (
        "member `nia-m` has not signed the plan: every member of the core group, family and "
        "children included, should sign it (`signed nia-m DATE`) (Partnership plans and core "
        "groups procedure, s3)")
    text = COMPLETE.replace("role interpreter", "role other")
    assert found(text) == {(line_of(text, "member ifor"), "CP508")}


def test_views_child_with_several_children_names_no_one_and_is_shown():
    text = COMPLETE.replace('views nia-m "', 'views child "')
    [finding] = findings(text)
    assert (finding.code, finding.span.line) == ("CP502", line_of(text, "child nia "))
    assert "`views child` does not say which" in finding.message
    [related] = finding.related
    assert related.span.line == line_of(text, "views child")


def test_views_children_speaks_for_every_child():
    text = COMPLETE.replace('views nia-m "', 'views children "').replace("views tal", "views lee")
    assert found(text) == set()


def test_a_child_the_lead_never_sees_alone_shows_the_arrangements():
    text = COMPLETE.replace("owen by lee every 2 weeks { alone }", "owen by lee every 2 weeks")
    [finding] = findings(text)
    assert (finding.code, finding.span.line) == ("CP505", line_of(text, "child owen "))
    assert finding.message == (
        "no arrangement for the lead social worker `lee` to see child `owen` alone: add "
        "`{ alone }` to `lee`'s contact arrangement with `owen`, or add one in which `owen` is "
        "seen alone (Partnership plans and core groups procedure, s3)")
    assert [(r.message, r.span.line) for r in finding.related] == [
        ("`owen` is seen here by `lee`, not alone", line_of(text, "contact owen by lee")),
        ("`owen` is seen here not alone, by `tal`, who is not the lead social worker",
         line_of(text, "contact owen by tal"))]


def test_someone_else_seeing_the_child_alone_is_not_the_lead():
    text = COMPLETE.replace("  contact owen by lee every 2 weeks { alone }\n", "").replace(
        "owen by tal every 1 month", "owen by tal every 1 month { alone }")
    [finding] = findings(text)
    assert finding.message == (
        "no arrangement for the lead social worker `lee` to see child `owen` alone: add "
        "`contact owen by lee every 2 weeks { alone }` (or as often as agreed) "
        "(Partnership plans and core groups procedure, s3)")
    [related] = finding.related
    assert related.message == (
        "`owen` is seen here alone, by `tal`, who is not the lead social worker")


def test_with_no_lead_marked_a_social_worker_counts():
    text = COMPLETE.replace("role social-worker lead", "role social-worker")
    assert found(text) == set()
    text = text.replace("role social-worker", "role health-visitor")
    got = findings(text)
    assert {(d.code, d.span.line) for d in got} == {("CP505", line_of(text, "child nia ")),
                                                   ("CP505", line_of(text, "child owen "))}
    assert got[0].message == (
        "no arrangement for the lead social worker to see child `nia` alone, and no member is "
        "marked `lead`: mark the lead social worker `lead` and add `{ alone }` to their contact "
        "arrangement with `nia` (Partnership plans and core groups procedure, s3)")


def test_an_unborn_child_is_asked_for_nothing_until_born():
    text = COMPLETE.replace("child bump { expected 2026-06-30 }",
                            "child bump { expected 2026-02-10 born 2026-02-12 }")
    where = line_of(text, "child bump")
    assert found(text) == {(where, "CP502"), (where, "CP504")}


@pytest.mark.parametrize("profile, required", [
    ("england", True), ("wales", True), ("bolton", True), ("west-midlands", True),
    ("scotland", False),
])
def test_the_category_is_asked_for_where_the_profile_requires_it(profile, required):
    text = COMPLETE.replace("  category neglect\n", "")
    got = {code for _, code in found(text, load_profile(profile))}
    assert got == ({"CP511"} if required else set())


def test_the_category_message_names_the_profile_and_its_source():
    [finding] = findings(COMPLETE.replace("  category neglect\n", ""))
    assert finding.message.endswith(
        "the england profile asks the plan to name one (`category neglect`) "
        "(Working Together 2023)")


@pytest.mark.parametrize("profile", ["wales", "northern-ireland", "bolton"])
def test_an_inherited_category_setting_is_cited_as_the_england_profile_s(profile):
    """Wales, Northern Ireland and Bolton take `categories-required` from England: the
    message says whose figure it is rather than give Working Together as their own."""
    [finding] = findings(COMPLETE.replace("  category neglect\n", ""), load_profile(profile))
    assert finding.message == (
        f"no category of abuse or neglect: the {profile} profile asks the plan to name one "
        "(`category neglect`) (from the england profile: Working Together 2023)")


def test_every_message_gives_its_source():
    for finding in findings('plan "Empty" {\n  member lee { name "Lee Rowe" role gp }\n'
                            '  disagreement "x" { by lee }\n  assessment "y"\n}\n'):
        assert finding.message.endswith(")") and "(" in finding.message, finding.message


def test_a_syntax_error_anywhere_hides_what_is_missing_from_the_whole_plan():
    text = 'plan "x" {\n  child ada { name "Ada Sample" born 2012-01-15 }\n  membr lee\n}\n'
    assert found(text) == set()
    assert {code for _, code in found(text.replace("  membr lee\n", ""))} == {
        "CP501", "CP502", "CP503", "CP504", "CP506", "CP507", "CP510", "CP511", "CP512",
        "CP513"}


def cut_short(text: str):
    lines = text.split("\n")
    for n in range(len(lines)):
        yield "\n".join(lines[:n])  # the plan cut off after each line
        yield "\n".join(lines[:n] + lines[n + 1:])  # one line left out
    for n in range(0, len(text), 7):
        yield text[:n]


def test_plans_cut_short_never_break_the_rules():
    for text in cut_short(COMPLETE):
        findings(text)  # must not raise


def test_rules_guard_a_model_with_gaps():
    """Models that a parser under repair might build: ids, roles and texts absent."""
    span = m.Span(1, 1, 1, 2)
    plan = m.Plan(
        children=(m.Child(m.Ident("ada", span), born=m.Date("2012-01-15", None, span),
                          span=span, header=span),),
        members=(m.Member(m.Ident("kid", span), role=None, span=span, header=span),),
        contacts=(m.Contact(None, None, None, span=span, header=span),),  # type: ignore[arg-type]
        views=(m.Views(None, m.Text("x", span=span), span=span),  # type: ignore[arg-type]
               m.Views(m.Ident("kid", span), m.Text(None, span=span), span=span)),  # type: ignore[arg-type]
        signatures=(m.Signature(None, None, span=span),),  # type: ignore[arg-type]
        disagreements=(m.Disagreement(m.Text("x", span=span), span=span, header=span),),
        assessments=(m.Assessment(m.Text("y", span=span), span=span, header=span),),
        conferences=(m.Conference(None, None, concerns=(m.Text(None, span=span),),  # type: ignore[arg-type]
                                  span=span, header=span),),
        span=span, header=span,
    )
    context = Context.of(plan, TODAY, load_profile("england"))
    codes = {r.code for r in contents.RULES for _ in r.check(context)}
    assert codes == {"CP501", "CP502", "CP503", "CP504", "CP506", "CP507", "CP508", "CP509",
                     "CP510", "CP511", "CP512", "CP513"}


def test_messages_of_what_the_plan_should_include():
    text = COMPLETE.replace('  contingency """\n    If the children are found alone again, Lee '
                            'holds a strategy discussion the same day.\n  """\n', "").replace(
        "  contact nia by lee every 2 weeks { alone }\n", "").replace("  category neglect\n", "")
    got = {d.code: d for d in findings(text)}
    assert set(got) == {"CP501", "CP504", "CP511"}
    assert all(d.severity is Severity.WARNING for d in got.values())
    assert got["CP501"].message == (
        "no contingency plan: the plan should say what is done if circumstances change "
        'significantly and need prompt action (`contingency "..."`) '
        "(Partnership plans and core groups procedure, s3)")
    assert got["CP504"].message == (
        "no contact arrangement for child `nia`: say who sees `nia` and how often (`contact "
        "nia by WHO every 2 weeks`) (Partnership plans and core groups procedure, s3)")
    assert got["CP511"].message == (
        "no category of abuse or neglect: the england profile asks the plan to name one "
        "(`category neglect`) (Working Together 2023)")


# (what replaces the complete plan's needs, outcomes and actions, what CP513 says is missing)
MISSING_PARTS = [
    ("", "no need, no outcome and no action"),
    ('  need evenings "x"\n', "no outcome and no action"),
    ('  outcome o "x"\n  action a "y" { outcome o }\n', "no need"),
    ('  need n "x"\n  outcome o "x" { need n }\n', "no action"),
    ('  need n "x"\n  outcome o "x" { need n }\n  action a "y" { status dropped "z" }\n',
     "no action that is not dropped"),
    ('  need n "x"\n  action a "y"\n', "no outcome"),
]


@pytest.mark.parametrize(("parts", "missing"), MISSING_PARTS, ids=[m for _, m in MISSING_PARTS])
def test_missing_outcomes_is_one_finding_that_names_what_is_missing(parts, missing):
    start = COMPLETE.index("  need evenings")
    end = COMPLETE.index("\n", COMPLETE.index("  action rota")) + 1
    text = COMPLETE[:start] + parts + COMPLETE[end:]
    [finding] = findings(text)
    assert (finding.code, finding.span.line, finding.span.column) == (
        "CP513", line_of(text, 'plan "'), 1)
    assert finding.message == (
        f"the plan has {missing}: it should include the child's needs, the outcomes wanted "
        "for the child and the actions to reach them (`need`, `outcome` and `action`) "
        "(Partnership plans and core groups procedure, s3)")


def test_an_assessment_due_after_the_first_review_points_at_its_date_and_the_review():
    text = COMPLETE.replace("due 2026-03-20", "due 2026-04-02")
    [finding] = findings(text)
    where = line_of(text, "assessment ")
    assert (finding.code, finding.span.line) == ("CP514", where)
    assert text.split("\n")[where - 1][finding.span.column - 1:].startswith("2026-04-02")
    assert finding.message == (
        "this assessment is due 2026-04-02, after the first review conference (2026-04-01), "
        "which is to hear it completed: bring its due date forward to 2026-04-01 or before "
        "(Core group flow chart and agendas, flow chart; Partnership plans and core groups "
        "procedure, s2)")
    [related] = finding.related
    assert (related.message, related.span.line) == (
        "the first review conference is on 2026-04-01", line_of(text, "conference review"))
    assert found(COMPLETE.replace("due 2026-03-20", "due 2026-04-01")) == set()  # on the day


def test_the_first_review_is_the_earliest_whatever_the_order_written():
    text = COMPLETE.replace("  conference review 2026-04-01\n",
                            "  conference review 2026-09-30\n  conference review 2026-04-01\n")
    text = text.replace("due 2026-03-20", "due 2026-05-01")
    assert found(text) == {(line_of(text, "assessment "), "CP514")}

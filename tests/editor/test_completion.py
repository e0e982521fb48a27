"""Completion (cpdsl.editor.completion): what an editor offers at each kind of place,
written out in full, in plans that parse and plans half typed (a block never closed, a
word half written, the end of the file); nothing in a text, a comment or the header.
Properties: it never raises at any place of the examples or of generated texts; a
keyword or block accepted on an empty line of a block makes no syntax error; a block
from a snippet, its placeholders filled, lacks nothing the rules ask for."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_hover import clamped
from test_properties import fragment_text, mutated_example

from cpdsl.analysis import analyse
from cpdsl.editor.completion import Completion, complete_at
from cpdsl.meanings import blocks, keywords_in
from cpdsl.model import Span
from cpdsl.parsing.syntax import Statement

TODAY = dt.date(2026, 3, 1)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").rglob("*.cp"))
KINDS = {"keyword", "person", "outcome", "need", "action", "value", "profile", "snippet"}

BASE = '''\
plan "Northtown review" {
  child amy { name "Amy Example" born 2019-04-12 }
  child ben { name "Ben Example" born 2012-06-01 }
  member sam { name "Sam Okafor" role social-worker lead }
  member jo { name "Jo Lee" role health-visitor }
  excluded dan { name "Dan Example" role parent reason "A court order" informed-by sam }
  chair sam
  need health "Amy's health needs are not met" { domain health }
  outcome appointments "Amy attends every appointment" {
    need health
    measure "All attended"
    by 2026-04-01
  }
'''
ROLES = ("social-worker,team-manager,health-visitor,school-nurse,gp,teacher,"
         "designated-safeguarding-lead,police,probation,housing,substance-misuse-worker,"
         "parent,carer,relative,child,advocate,interpreter,other")
DOMAINS = ("health,education,emotional-and-behavioural-development,identity,"
           "family-and-social-relationships,social-presentation,self-care-skills,basic-care,"
           "ensuring-safety,emotional-warmth,stimulation,guidance-and-boundaries,stability,"
           "family-history-and-functioning,wider-family,housing,employment,income,"
           "family-social-integration,community-resources")


def complete(text: str, line: int | None = None, column: int | None = None):
    """Completions at a place, or at the end of the text."""
    if line is None:
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
    return complete_at(analyse(text, today=TODAY), line, column)


def shown(completions) -> list[tuple[str, str, str]]:
    """What a user reads in the list: label, kind, detail."""
    return [(c.label, c.kind, c.detail) for c in completions]


# -- a slot's ids ---------------------------------------------------------------------------


def test_the_owner_of_an_action_never_closed():
    text = BASE + '  action book "Book the review" {\n    owner '
    assert complete(text) == (
        Completion("sam", "person", "Sam Okafor, lead social worker",
                   "**Sam Okafor** — lead social worker", "sam", False, Span(15, 11, 15, 11)),
        Completion("jo", "person", "Jo Lee, health visitor", "**Jo Lee** — health visitor",
                   "jo", False, Span(15, 11, 15, 11)),
    )


def test_the_owner_half_typed_with_the_blocks_closed_after():
    text = BASE + '  action book "Book the review" {\n    owner s\n}\n'
    assert [(c.label, c.replace) for c in complete(text, 15, 12)] == [
        ("sam", Span(15, 11, 15, 12)), ("jo", Span(15, 11, 15, 12))]
    assert complete(text, 15, 40) == complete(text, 15, 12)  # past the line's end: at it
    assert complete(text.replace("\n", "\r\n"), 15, 12) == complete(text, 15, 12)


def test_the_outcomes_of_an_action_and_the_needs_of_an_outcome():
    action = BASE + '  action book "Book the review" {\n    outcome \n  }\n}\n'
    assert shown(complete(action, 15, 13)) == [
        ("appointments", "outcome", "Amy attends every appointment")]
    outcome = BASE + '  outcome more "More" {\n    need \n  }\n}\n'
    assert complete(outcome, 15, 10) == (
        Completion("health", "need", "Amy's health needs are not met",
                   "**Need**: Amy's health needs are not met\n\nDomains: health", "health",
                   False, Span(15, 10, 15, 10)),)


def test_the_child_a_member_speaks_for():
    text = BASE + "  member kit { role advocate for "
    assert shown(complete(text)) == [("amy", "person", "Amy Example, child"),
                                     ("ben", "person", "Ben Example, child")]


def test_people_who_attended_go_on_after_those_listed():
    text = BASE + "  meeting core-group 2026-02-10 {\n    attended sam \n  }\n}\n"
    assert shown(complete(text, 15, 18)) == [
        ("jo", "person", "Jo Lee, health visitor"),
        ("amy", "person", "Amy Example, child"),
        ("ben", "person", "Ben Example, child"),
        ("venue", "keyword", 'venue "TEXT"'),
        ("time", "keyword", "time TIME"),
        ("chair", "keyword", "chair MEMBER"),
        ("notes", "keyword", "notes MEMBER"),
        ("attended", "keyword", "attended PERSON..."),
        ("apologies", "keyword", "apologies MEMBER..."),
        ("absent", "keyword", "absent MEMBER..."),
        ("views", "keyword", 'views WHOSE "TEXT"'),
        ("minutes-circulated", "keyword", "minutes-circulated DATE"),
        ("cancelled", "keyword", 'cancelled "TEXT"'),
        ("recommendation", "keyword", "recommendation RECOMMENDATION"),
    ]


def test_whose_views():
    assert shown(complete(BASE + "  views ")) == [
        ("child", "value", "The child's own wishes and feelings (each child's, where there "
                           "are several)"),
        ("children", "value", "The wishes and feelings of all the children of the plan"),
        ("parents", "value", "The parents' views"),
        ("carers", "value", "The carers' views"),
        ("family", "value", "The family's views, as a whole"),
        ("amy", "person", "Amy Example, child"),
        ("ben", "person", "Ben Example, child"),
        ("sam", "person", "Sam Okafor, lead social worker"),
        ("jo", "person", "Jo Lee, health visitor"),
        ("dan", "person", "Dan Example, parent, excluded"),
    ]


# -- a contact, word by word ----------------------------------------------------------------


def test_a_contact_word_by_word():
    start = BASE + "  contact "
    assert shown(complete(start)) == [("amy", "person", "Amy Example, child"),
                                      ("ben", "person", "Ben Example, child")]
    assert complete(start + "amy ") == (
        Completion("by", "keyword", "The member who sees the child",
                   "The member who sees the child\n\nSource: Bolton core group guidance, s1",
                   "by", False, Span(14, 15, 14, 15)),)
    assert shown(complete(start + "amy by ")) == [
        ("sam", "person", "Sam Okafor, lead social worker"),
        ("jo", "person", "Jo Lee, health visitor")]
    assert [c.label for c in complete(start + "amy by sam ")] == ["every"]
    assert complete(start + "amy by sam every ") == ()  # a number: nothing to offer
    assert shown(complete(start + "amy by sam every 2 ")) == [
        ("weeks", "value", "Weeks of seven days: `2 weeks`"),
        ("working days", "value", "Counts working days only, skipping weekends and the "
                                  "nation's bank holidays: `10 working days`"),
        ("days", "value", "Calendar days: `5 days`"),
        ("months", "value", "Calendar months: `3 months`"),
        ("week", "value", "One week of seven days: `1 week`"),
        ("working day", "value", "Counts working days only, skipping weekends and the "
                                 "nation's bank holidays: `10 working days`"),
        ("day", "value", "One calendar day: `1 day`"),
        ("month", "value", "One calendar month: `1 month`"),
    ]
    assert [c.label for c in complete(start + "amy by sam every 2 working ")] == ["days", "day"]


# -- values of fixed lists ------------------------------------------------------------------


def test_roles_with_their_meanings():
    text = BASE + "  member kit { role "
    assert shown(complete(text)) == [
        ("social-worker", "value", "The child's social worker; mark the lead social worker "
                                   "with `lead`"),
        ("team-manager", "value", "The social worker's team manager"),
        ("health-visitor", "value", "A health visitor, the nurse who works with families of "
                                    "children under five"),
        ("school-nurse", "value", "A school nurse"),
        ("gp", "value", "The family's general practitioner (doctor)"),
        ("teacher", "value", "A teacher at the child's school or nursery"),
        ("designated-safeguarding-lead", "value", "The member of a school's or nursery's "
                                                  "staff who leads on safeguarding"),
        ("police", "value", "A police officer"),
        ("probation", "value", "A probation officer working with an adult in the family"),
        ("housing", "value", "A housing officer"),
        ("substance-misuse-worker", "value", "A worker from a drug or alcohol service"),
        ("parent", "value", "A parent of the child"),
        ("carer", "value", "A carer: a foster carer, or another adult who looks after the "
                           "child"),
        ("relative", "value", "Another member of the family, such as a grandparent or an "
                              "older brother or sister"),
        ("child", "value", "The child of the plan, or another child of the family, taking "
                           "part in the core group"),
        ("advocate", "value", "An advocate who speaks for a child, with the child's "
                              "agreement"),
        ("interpreter", "value", "An interpreter, for a family member or a professional"),
        ("other", "value", "Any other role; `agency` says where they come from"),
    ]
    social_worker = complete(text)[0]
    assert social_worker == Completion(
        "social-worker", "value",
        "The child's social worker; mark the lead social worker with `lead`",
        "The child's social worker; mark the lead social worker with `lead`\n\n"
        "Source: Wales core group procedure, core group membership",
        "social-worker", False, Span(14, 21, 14, 21))


def test_statuses_half_typed():
    text = BASE + '  action book "Book the review" {\n    status d\n  }\n}\n'
    assert complete(text, 15, 13) == (
        Completion("open", "value", "Still to be done", "Still to be done", "open", False,
                   Span(15, 12, 15, 13)),
        Completion("done", "value", "Carried out", "Carried out", "done", False,
                   Span(15, 12, 15, 13)),
        Completion("dropped", "value", "Given up; write why in quotes after it",
                   "Given up; write why in quotes after it", "dropped", False,
                   Span(15, 12, 15, 13)),
    )


def test_domains_go_on_without_those_given():
    text = BASE + '  need safety "Safety" { domain health ensuring-safety  }\n}\n'
    found = complete(text, 14, 56)
    assert [c.label for c in found] == [
        *(d for d in DOMAINS.split(",") if d not in ("health", "ensuring-safety")), "domain"]
    assert set(c.kind for c in found[:-1]) == {"value"}
    assert shown(found[:1]) == [("education", "value", "The child's learning, attendance at "
                                                       "school or nursery, and progress")]
    assert found[-1].insert_text == "domain ${1|" + DOMAINS + "|}"


def test_the_shipped_profiles():
    assert shown(complete('plan "T" {\n  profile ')) == [
        ("bolton", "profile", "Bolton: Child Protection Core Groups guidance"),
        ("england", "profile", "England: Working Together to Safeguard Children 2023"),
        ("english-local-authority", "profile", "An English local authority's core group flow "
                                               "chart and joint report process"),
        ("english-partnership", "profile", "An English partnership's Child Protection Plans "
                                           "and Core Groups procedure"),
        ("northern-ireland", "profile", "Northern Ireland: Co-operating to Safeguard Children "
                                        "2017, SBNI procedures 2017"),
        ("scotland", "profile", "Scotland: National Guidance for Child Protection 2021, "
                                "updated 2023"),
        ("wales", "profile", "Wales: Wales Safeguarding Procedures 2019/20"),
        ("west-midlands", "profile", "West Midlands: Developing Practice Briefing 1, Core "
                                     "Groups"),
    ]


def test_a_date_half_typed_is_offered_today():
    text = BASE + '  action book "Book the review" {\n    due 2026-0\n  }\n}\n'
    assert complete(text, 15, 15) == (
        Completion("2026-03-01", "value", "today, Sunday 1 March 2026", "", "2026-03-01",
                   False, Span(15, 9, 15, 15)),)


# -- keywords -------------------------------------------------------------------------------

MEMBER_FIELDS = [
    ("name", "keyword", 'name "TEXT"'),
    ("role", "keyword", "role ROLE"),
    ("agency", "keyword", 'agency "TEXT"'),
    ("contact", "keyword", 'contact "TEXT"'),
    ("lead", "keyword", "lead"),
    ("for", "keyword", "for CHILD"),
    ("interpreter", "keyword", 'interpreter "TEXT"'),
    ("accessible-format", "keyword", 'accessible-format "TEXT"'),
]


@pytest.mark.parametrize("after", ["", " ", "\n", "\n  ", "\n\n"])
def test_a_member_block_with_nothing_after_its_brace(after):
    assert shown(complete(BASE + "  member kit {" + after)) == MEMBER_FIELDS


def test_a_keyword_inserts_its_statement_as_a_snippet():
    found = complete(BASE + "  member kit {\n    ")
    assert found[1] == Completion(
        "role", "keyword", "role ROLE",
        "The person's role, from the roles list, such as `social-worker` or `parent`\n\n"
        "Source: Wales core group procedure, core group membership",
        "role ${1|" + ROLES + "|}", True, Span(15, 5, 15, 5))
    assert found[4] == Completion(
        "lead", "keyword", "lead",
        "Marks the lead social worker: the keyworker, or care and support protection plan "
        "co-ordinator\n\nSource: Bolton core group guidance, s3; Wales core group procedure, "
        "core group membership",
        "lead", False, Span(15, 5, 15, 5))
    assert [c.insert_text for c in found if c.label in ("name", "for")] == [
        'name "${1:...}"', "for ${1|amy,ben|}"]


ACTION_FIELDS = [
    ("outcome", "keyword", "outcome OUTCOME..."),
    ("owner", "keyword", "owner MEMBER"),
    ("support", "keyword", "support MEMBER..."),
    ("agreed", "keyword", "agreed DATE"),
    ("due", "keyword", "due DATE"),
    ("status", "keyword", 'status STATUS ["TEXT"]'),
    ("monitoring", "keyword", "monitoring"),
]


def test_a_keyword_half_typed_in_an_action():
    text = BASE + '  action book "Book the review" {\n    ow\n  }\n}\n'
    found = complete(text, 15, 7)
    assert shown(found) == ACTION_FIELDS
    assert {c.replace for c in found} == {Span(15, 5, 15, 7)}
    assert [c.insert_text for c in found] == [
        "outcome ${1|appointments|}", "owner ${1|sam,jo|}", "support ${1|sam,jo|}",
        "agreed ${1:2026-03-01}", "due ${1:2026-03-01}", "status ${1|open,done,dropped|}",
        "monitoring"]


def test_in_the_middle_of_a_word_with_text_after_it_the_keyword_alone():
    text = BASE + '  action book "Book the review" {\n    owner jo\n  }\n}\n'
    found = complete(text, 15, 8)
    assert shown(found) == ACTION_FIELDS
    assert [(c.insert_text, c.is_snippet, c.replace) for c in found[:2]] == [
        ("outcome", False, Span(15, 5, 15, 8)), ("owner", False, Span(15, 5, 15, 8))]


PLAN_STATEMENTS = [
    ("profile", "keyword", "profile PROFILE"),
    ("reference", "keyword", 'reference "TEXT"'),
    ("language", "keyword", 'language "TEXT"'),
    ("accessible-format", "keyword", 'accessible-format "TEXT"'),
    ("category", "keyword", "category CATEGORY..."),
    ("child", "keyword", "child ID"),
    ("conference", "keyword", "conference KIND DATE"),
    ("member", "keyword", "member ID"),
    ("excluded", "keyword", "excluded ID"),
    ("chair", "keyword", "chair MEMBER"),
    ("second-chair", "keyword", "second-chair MEMBER"),
    ("vice-chair", "keyword", "vice-chair MEMBER"),
    ("need", "keyword", 'need ID "TEXT"'),
    ("outcome", "keyword", 'outcome ID "TEXT"'),
    ("action", "keyword", 'action ID "TEXT"'),
    ("monitoring-only", "keyword", 'monitoring-only "TEXT"'),
    ("contact", "keyword", "contact CHILD by MEMBER every NUMBER UNIT"),
    ("communication", "keyword", 'communication "TEXT"'),
    ("contingency", "keyword", 'contingency "TEXT"'),
    ("services", "keyword", 'services "TEXT"'),
    ("resources", "keyword", 'resources "TEXT"'),
    ("assessment", "keyword", 'assessment "TEXT"'),
    ("views", "keyword", 'views WHOSE "TEXT"'),
    ("disagreement", "keyword", 'disagreement "TEXT"'),
    ("signed", "keyword", "signed MEMBER DATE"),
    ("copy", "keyword", "copy PERSON DATE"),
    ("amended", "keyword", "amended DATE"),
    ("core-groups", "keyword", "core-groups every NUMBER UNIT"),
    ("delay-reason", "keyword", 'delay-reason "TEXT"'),
    ("meeting", "keyword", "meeting KIND DATE"),
    ("ended", "keyword", "ended DATE"),
    ("moved", "keyword", "moved DATE"),
    ("cin-meeting", "keyword", "cin-meeting DATE"),
    ("child block", "snippet", "child with name, born"),
    ("member block", "snippet", "member with name, role"),
    ("excluded block", "snippet", "excluded with name, role, reason, informed-by"),
    ("need block", "snippet", "need with domain"),
    ("outcome block", "snippet", "outcome with need, measure, by"),
    ("action block", "snippet", "action with outcome, owner, due"),
    ("meeting block", "snippet", "meeting with chair, notes, attended, views"),
]


def test_at_the_end_of_a_file_never_closed():
    assert shown(complete(BASE)) == PLAN_STATEMENTS
    assert shown(complete(BASE + "  ")) == PLAN_STATEMENTS


def test_the_plans_statements_as_snippets():
    found = {c.label: c for c in complete(BASE + "}\n", 14, 1)}
    assert found["contact"].insert_text == (
        "contact ${1|amy,ben|} by ${2|sam,jo|} every ${3:2} ${4|weeks,working days,days,"
        "months|}")
    assert found["core-groups"].insert_text == (  # the england profile's interval
        "core-groups every ${1:6} ${2|weeks,working days,days,months|}")
    assert found["views"].insert_text == (
        'views ${1|child,children,parents,carers,family|} "${2:...}"')
    assert found["action block"] == Completion(
        "action block", "snippet", "action with outcome, owner, due",
        "A `action` block with `outcome`, `owner`, `due`: what the rules ask of it "
        "(CP106, CP206, CP207, CP208)",
        'action ${1:id} "${2:...}" {\n  outcome ${3|appointments|}\n  owner ${4|sam,jo|}\n'
        "  due ${5:2026-03-01}\n\\}", True, Span(14, 1, 14, 1))
    assert found["meeting block"].insert_text == (
        "meeting ${1|core-group|} ${2:2026-03-01} {\n  chair ${3|sam,jo|}\n"
        "  notes ${4|jo,sam|}\n  attended ${5|sam,jo,amy,ben|}\n"
        '  views ${6|child,children,parents,carers,family|} "${7:...}"\n\\}')
    assert found["excluded block"].insert_text == (
        'excluded ${1:id} {\n  name "${2:...}"\n  role ${3|parent,carer,relative,child|}\n'
        '  reason "${4:...}"\n  informed-by ${5|sam,jo|}\n\\}')


def test_an_empty_file_is_offered_a_plan():
    def plan(line: int, column: int, start: int) -> Completion:
        return Completion(
            "plan", "keyword", 'plan "TITLE"',
            "The plan: its title in quotes, then all its statements in braces; one plan a "
            "file\n\nSource: Partnership plans and core groups procedure, s3",
            'plan "${1:...}" {\n  $0\n\\}', True, Span(line, start, line, column))

    assert complete("", 1, 1) == (plan(1, 1, 1),)
    assert complete("\n\n", 3, 1) == (plan(3, 1, 1),)
    assert complete("pl", 1, 3) == (plan(1, 3, 1),)


def test_a_text_with_only_a_header():
    assert shown(complete('plan "Northtown review" {')) == PLAN_STATEMENTS
    assert shown(complete('plan "Northtown review" {\n')) == PLAN_STATEMENTS


# -- nothing --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "line", "column"), [
    (BASE + '  action book "Book the review" {\n', 14, 22),  # in a text
    (BASE + '  action book "Book the rev', 14, 28),  # in a text never closed
    (BASE + '  contingency """\n    If Amy misses\n', 15, 10),  # in a block of text
    (BASE + "  # a note about ow", 14, 20),  # in a comment
    (BASE + "  chair sam  # ", 14, 16),
    ('plan "Northtown review" {\n}\n', 1, 25),  # in the header
    ("# a note\nplan \"T\" {\n}\n", 1, 1),  # before the header
    ('plan "Northtown review" {\n}\n', 2, 2),  # after the plan's `}`
    ('plan "T" {\n}\n\n', 3, 1),
    (BASE + '  "unreadable" ', 14, 17),  # after text that could not be read
    (BASE + '  action book "x"  { }\n}\n', 14, 19),  # past the last slot
    (BASE + "  member ", 14, 10),  # a new id: only the author knows it
])
def test_nothing_is_offered(text, line, column):
    assert complete(text, line, column) == ()


def test_without_a_syntax_tree_nothing_is_offered():
    assert complete_at(analyse(BASE, today=TODAY, syntax=False), 14, 1) == ()


# -- properties -----------------------------------------------------------------------------


def assert_completes(text: str, places) -> None:
    analysis = analyse(text, today=TODAY)
    lines = re.split(r"\r\n|\r|\n", analysis.text)
    for line, column in places:
        found = complete_at(analysis, line, column)
        place = clamped(lines, line, column)
        for completion in found:
            assert completion.kind in KINDS and completion.label
            span = completion.replace
            assert (span.end_line, span.end_column) == place
            assert span.line == place[0] and span.column <= place[1]
            assert completion.is_snippet or "$" not in completion.insert_text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_every_place_of_every_example(path):
    text = path.read_text(encoding="utf-8")
    assert_completes(text, [(number, column) for number, line in enumerate(text.split("\n"), 1)
                            for column in range(1, len(line) + 2)])


@given(st.one_of(fragment_text(), mutated_example()), st.integers(-2, 90),
       st.integers(-2, 140))
def test_any_text_at_any_place(text, line, column):
    assert_completes(text, [(line, column)])


_PLACEHOLDER = re.compile(r"\$\{\d+:([^}]*)\}|\$\{\d+\|([^|]*)\|\}|\$\d+|\\([\\$}])")


def resolved(snippet: str, text=lambda default: default, new_id: str = "id") -> str:
    """A snippet as accepted: each placeholder its default (a choice its first option), or
    filled in (`text` for a text's placeholder, `new_id` for an id to name)."""
    def one(match: re.Match) -> str:
        default, choices, escaped = match.groups()
        if default == "...":
            return text(default)
        if default == "id":
            return new_id
        if default is not None:
            return default
        if choices is not None:
            return choices.split(",")[0]
        return escaped or ""
    return _PLACEHOLDER.sub(one, snippet)


def test_the_test_resolves_snippets_as_an_editor_does():
    assert resolved('a ${1:id} "${2:...}" ${3|x,y|} $0 \\} \\$ \\\\') == 'a id "..." x  } $ \\'


@functools.cache
def statement_lines(text: str) -> list[tuple[int, str]]:
    """The lines that start with a statement in a block (the plan's or another's
    written over several lines), with their indentation."""
    analysis = analyse(text, today=TODAY)
    lines = text.split("\n")
    found = []

    def visit(items, opened_on: int) -> None:
        for item in items:
            if not isinstance(item, Statement):
                continue
            first = item.tokens[0]
            indent = lines[first.line - 1][:first.column - 1]
            if first.line > opened_on and not indent.strip():
                found.append((first.line, indent))
            if item.block:
                visit(item.block, item.tokens[-1].line)

    visit(analysis.syntax.statements, analysis.syntax.header[-1].line)
    return found


PARSED_EXAMPLES = [text for text in (path.read_text(encoding="utf-8") for path in EXAMPLES)
                   if not analyse(text, today=TODAY).syntax_errors]


def test_the_examples_for_the_insertion_property():
    assert len(PARSED_EXAMPLES) >= 3
    assert all(statement_lines(text) for text in PARSED_EXAMPLES)


@given(st.sampled_from(PARSED_EXAMPLES), st.data())
def test_a_keyword_accepted_on_an_empty_line_of_a_block_makes_no_syntax_error(text, data):
    line, indent = data.draw(st.sampled_from(statement_lines(text)))
    lines = text.split("\n")
    with_line = "\n".join([*lines[:line - 1], indent, *lines[line - 1:]])
    offered = complete(with_line, line, len(indent) + 1)
    assert offered and {c.kind for c in offered} <= {"keyword", "snippet"}
    accepted = data.draw(st.sampled_from(offered))
    lines = with_line.split("\n")
    lines[line - 1] = indent + resolved(accepted.insert_text)
    after = "\n".join(lines)
    assert analyse(after, today=TODAY).syntax_errors == (), after


# The statements that open each block of the language, outermost first.
OPENING = {
    "plan": [], "child": ["child amy {"], "conference": ["conference review 2026-04-08 {"],
    "recommendation": ["conference review 2026-04-08 {", "recommendation end {"],
    "member": ["member sam {"], "excluded": ["excluded dan {"], "need": ['need n "N" {'],
    "outcome": ['outcome o "O" {'], "action": ['action a "A" {'],
    "contact": ["contact amy by sam every 2 weeks {"], "assessment": ['assessment "X" {'],
    "disagreement": ['disagreement "D" {'], "copy": ["copy sam 2026-02-02 {"],
    "core-groups": ["core-groups every 4 weeks {"], "meeting": ["meeting core-group 2026-02-02 {"],
    "moved": ["moved 2026-02-02 {"],
    "apologies": ["meeting core-group 2026-02-02 {", "apologies sam {"],
    "absent": ["meeting core-group 2026-02-02 {", "absent sam {"],
}


def test_the_opening_statements_cover_every_block():
    assert set(OPENING) == set(blocks()) - {"file"}


@pytest.mark.parametrize("block", sorted(OPENING))
def test_every_keyword_of_every_block_accepted_on_an_empty_line_parses(block):
    depth = len(OPENING[block]) + 1
    lines = ['plan "T" {', *("  " * (level + 1) + opening
                             for level, opening in enumerate(OPENING[block])),
             "  " * depth, *("  " * level + "}" for level in range(depth - 1, -1, -1)), ""]
    text = "\n".join(lines)
    line = depth + 1
    offered = complete(text, line, 2 * depth + 1)
    assert [c.label for c in offered if c.kind == "keyword"] == list(keywords_in(block))
    for completion in offered:
        accepted = lines.copy()
        accepted[line - 1] = "  " * depth + resolved(completion.insert_text)
        assert analyse("\n".join(accepted), today=TODAY).syntax_errors == (), completion.label


# The findings of something missing from a block (docs/rules.md).
MISSING = {"CP106", "CP201", "CP202", "CP203", "CP206", "CP207", "CP208", "CP305", "CP306",
           "CP602", "CP603", "CP606"}


SNIPPETS = [label for label, kind, _ in PLAN_STATEMENTS if kind == "snippet"]


def with_block(label: str, fields: bool = True) -> str:
    """The example plan with a block from a snippet added at its end, its placeholders
    filled in (with `fields` False, only the block's first line, closed at once)."""
    amy = (ROOT / "examples" / "amy.cp").read_text(encoding="utf-8")
    lines = amy.split("\n")
    end = lines.index("}")  # the plan's `}`
    with_line = "\n".join([*lines[:end], "  ", *lines[end:]])
    snippet = next(c for c in complete(with_line, end + 1, 3) if c.label == label)
    filled = resolved(snippet.insert_text, text=lambda _: "Kerry takes Amy to the clinic",
                      new_id="added")
    if not fields:
        filled = filled.split("\n")[0] + " }"
    return "\n".join([*lines[:end], "  " + filled, *lines[end:]])


def missing_in_block(text: str) -> list[str]:
    """The findings of something missing in the block added before the plan's `}`."""
    analysis = analyse(text, today=TODAY)
    assert analysis.syntax_errors == ()
    lines = text.split("\n")
    first = next(number for number, line in enumerate(lines, 1) if "added" in line
                 or line.startswith("  meeting core-group 2026-03-01"))
    last = lines.index("}")
    return [d.code for d in analysis.diagnostics
            if d.code in MISSING and first <= d.span.line <= last]


@pytest.mark.parametrize("label", SNIPPETS)
def test_a_block_from_a_snippet_filled_in_lacks_nothing(label):
    assert missing_in_block(with_block(label)) == []


@pytest.mark.parametrize(("label", "codes"), [
    ("child block", ["CP106", "CP106"]),
    ("member block", ["CP106"]),
    ("excluded block", ["CP106", "CP305", "CP306"]),
    ("outcome block", ["CP201", "CP202", "CP203"]),
    ("action block", ["CP206", "CP207", "CP208"]),
    ("meeting block", ["CP602", "CP606"]),
])
def test_without_the_snippets_fields_the_rules_find_them_missing(label, codes):
    assert sorted(missing_in_block(with_block(label, fields=False))) == codes

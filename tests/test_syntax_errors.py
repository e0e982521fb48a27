"""Broken plans and the exact syntax findings cplint gives for each.

Every case names the code, the place (line, column, end line, end column: 1-based, end
exclusive) and the message, and the members that must still be read: after a syntax
error the rest of the plan is built, so the other rules can still check it.

Every name in these plans is invented.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from cpdsl.parsing import parse


def plan(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def found(text: str) -> list[tuple[str, int, int, int, int, str]]:
    return [
        (e.code, e.span.line, e.span.column, e.span.end_line, e.span.end_column, e.message)
        for e in parse(text).syntax_errors
    ]


def member_ids(text: str) -> list[str]:
    return [member.id.name for member in parse(text).plan.members]


TOP_LEVEL_LIST = (
    "one of `accessible-format`, `action`, `amended`, `assessment`, `category`, `chair`, "
    "`child`, `cin-meeting`, ..."
)
MEMBER_FIELDS = ("one of `accessible-format`, `agency`, `contact`, `for`, `interpreter`, "
                 "`lead`, `name`, `role`")
UNCLOSED = "this `{{` opened on line {} is never closed: add `}}` where the block ends"
PLAN_UNCLOSED = "this `{` that opens the plan is never closed: add `}` at the end of the file"
EMPTY = 'the file is empty: a plan starts with `plan "Title" {`'



CASES = [
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { name "Sam Patel" role social-worker
              member jo { name "Jo Lee" role teacher }
              chair sam
            }
        """),
        [("CP100", 2, 14, 2, 15, UNCLOSED.format(2))],
        ["sam", "jo"],
        id="block-not-closed-then-another-member",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam {
                name "Sam Patel"
                role social-worker
              chair sam
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 2, 14, 2, 15, UNCLOSED.format(2))],
        ["sam", "jo"],
        id="block-not-closed-then-chair",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member jo { name "Jo Lee" role teacher }
              member sam {
                name "Sam Patel"
                role social-worker
            }
        """),
        [("CP100", 3, 14, 3, 15, UNCLOSED.format(3))],
        ["jo", "sam"],
        id="block-not-closed-before-the-plan-closes",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member jo { name "Jo Lee" role teacher }
              member sam { name "Sam Patel" role social-worker
        """),
        [
            ("CP100", 1, 25, 1, 26, PLAN_UNCLOSED),
            ("CP100", 3, 14, 3, 15, UNCLOSED.format(3)),
        ],
        ["jo", "sam"],
        id="block-not-closed-at-end-of-file",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member jo { name "Jo Lee" role teacher }
              member sam { name "Sam Patel" role social-worker }
        """),
        [("CP100", 1, 25, 1, 26, PLAN_UNCLOSED)],
        ["jo", "sam"],
        id="plan-not-closed",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member jo { name "Jo Lee" role teacher }
            }
            }
        """),
        [("CP100", 4, 1, 4, 2,
          "text after the end of the plan (the `}` on line 3 closes it); "
          "is there one `}` too many above?")],
        ["jo"],
        id="one-brace-too-many-at-the-end",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member jo { name "Jo Lee" role teacher }
              }
              member sam {
                name "Sam Patel"
                role social-worker
              }
            }
        """),
        [("CP100", 4, 3, 4, 9,
          "text after the end of the plan (the `}` on line 3 closes it); "
          "is there one `}` too many above?")],
        ["jo", "sam"],
        id="one-brace-too-many-then-a-block",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member jo { name "Jo Lee" role teacher }
              }
              chair jo
            }
        """),
        [("CP100", 4, 3, 4, 8,
          "text after the end of the plan (the `}` on line 3 closes it); "
          "is there one `}` too many above?")],
        ["jo"],
        id="one-brace-too-many-then-a-statement",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              membr sam { name "Sam Patel" role social-worker }
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP101", 2, 3, 2, 8, "unknown keyword `membr`; did you mean `member`?")],
        ["jo"],
        id="misspelt-top-level-keyword",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { nmae "Sam Patel" role social-worker }
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP101", 2, 16, 2, 20,
          "unknown keyword `nmae` in a `member` block; did you mean `name`?")],
        ["sam", "jo"],
        id="misspelt-keyword-in-a-block",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { due 2026-02-01 name "Sam Patel" role social-worker }
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 2, 16, 2, 19,
          f"`due` does not belong in a `member` block: expected {MEMBER_FIELDS} "
          "or `}` to close the block")],
        ["sam", "jo"],
        id="keyword-in-the-wrong-block",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { name "Sam Patel" role social-worker }
              action call "Call Kerry" { owner sam role teacher }
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 3, 40, 3, 44,
          "`role` does not belong in an `action` block: expected one of `agreed`, `due`, "
          "`monitoring`, `outcome`, `owner`, `status`, `support` or `}` to close the block")],
        ["sam", "jo"],
        id="keyword-in-the-wrong-block-an-action",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              frobnicate sam
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP101", 2, 3, 2, 13, f"unknown keyword `frobnicate`: expected {TOP_LEVEL_LIST}")],
        ["jo"],
        id="unknown-word-at-top-level",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              action call "Call Kerry" {
                owner sam
                due 2026-2-1
              }
              member sam { name "Sam Patel" role social-worker }
            }
        """),
        [("CP100", 4, 9, 4, 17,
          "expected a date like 2026-01-12 after `due`, found `2026-2-1`")],
        ["sam"],
        id="date-without-leading-zeros",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              action call "Call Kerry" {
                owner sam
                due tomorrow
              }
              member sam { name "Sam Patel" role social-worker }
            }
        """),
        [("CP100", 4, 9, 4, 17,
          "expected a date like 2026-01-12 after `due`, found `tomorrow`")],
        ["sam"],
        id="date-as-a-word",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam {
                name Sam Patel
                role social-worker
              }
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 3, 10, 3, 13,
          'expected text in quotes ("like this") after `name`, found `Sam`')],
        ["sam", "jo"],
        id="unquoted-words",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              reference CP-2026-0042
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 2, 13, 2, 25,
          'expected text in quotes ("like this") after `reference`, found `CP-2026-0042`')],
        ["jo"],
        id="unquoted-reference",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              contact amy sam every 2 weeks
              member sam { name "Sam Patel" role social-worker }
            }
        """),
        [("CP100", 2, 15, 2, 18, "expected `by` after `amy`, found `sam`")],
        ["sam"],
        id="contact-without-by",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              contact amy by sam every 2 fortnights
              member sam { name "Sam Patel" role social-worker }
            }
        """),
        [("CP100", 2, 30, 2, 40,
          "expected one of `day`, `days`, `month`, `months`, `week`, `weeks`, `working` "
          "after `2`, found `fortnights`")],
        ["sam"],
        id="bad-duration-unit",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { name "Sam Patel" role social-worker } 42
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 2, 54, 2, 56,
          f"expected {TOP_LEVEL_LIST} after `}}`, found `42`")],
        ["sam", "jo"],
        id="stray-number-after-a-block",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { name "Sam Patel" role social-worker }
              ---
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 3, 3, 3, 6, f"expected {TOP_LEVEL_LIST} after `}}`, found `---`")],
        ["sam", "jo"],
        id="stray-text-line",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              chair sam
              Kerry will attend
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP101", 3, 3, 3, 8, f"unknown keyword `Kerry`: expected {TOP_LEVEL_LIST}")],
        ["jo"],
        id="stray-sentence-line",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { name "Sam Patel" role social-worker }
              Kerry will attend
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP101", 3, 3, 3, 8, f"unknown keyword `Kerry`: expected {TOP_LEVEL_LIST}")],
        ["sam", "jo"],
        id="stray-sentence-line-after-a-block",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { ??? name "Sam Patel" role social-worker }
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 2, 16, 2, 19,
          f"expected {MEMBER_FIELDS} or `}}` to close the block after `{{`, found `???`")],
        ["sam", "jo"],
        id="stray-text-in-a-block",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { name "Sam Patel role social-worker }
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 2, 21, 2, 52, 'this text in quotes is never closed: add `"` at its end')],
        ["sam", "jo"],
        id="unclosed-string",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam {
                name "Sam Patel
                role social-worker
              }
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 3, 10, 3, 20, 'this text in quotes is never closed: add `"` at its end')],
        ["sam", "jo"],
        id="unclosed-string-at-end-of-line",
    ),
    pytest.param(
        plan('''
            plan "Northtown review" {
              member jo { name "Jo Lee" role teacher }
              contingency """
                If Kerry misses two appointments, Jo will call a core group.
              member sam { name "Sam Patel" role social-worker }
            }
        '''),
        # Everything after `"""` is the unclosed text, so `member sam` is not read.
        [("CP100", 3, 15, 3, 18,
          'this `"""` block is never closed: add `"""` where the text ends')],
        ["jo"],
        id="unclosed-triple-quoted-block",
    ),
    pytest.param("", [("CP100", 1, 1, 1, 1, EMPTY)], [], id="empty-file"),
    pytest.param("  \n\n\t\n", [("CP100", 1, 1, 1, 1, EMPTY)], [], id="blank-file"),
    pytest.param(
        "# Plan for the Example family\n# to be written after the conference\n",
        [("CP100", 1, 1, 1, 1,
          'the file holds only comments: a plan starts with `plan "Title" {`')],
        [],
        id="comments-only-file",
    ),
    pytest.param(
        plan("""
            member sam { name "Sam Patel" role social-worker }
            member jo { name "Jo Lee" role teacher }
        """),
        [("CP100", 1, 1, 1, 7, 'a plan file starts with `plan "Title" {`, not `member`')],
        ["sam", "jo"],
        id="no-plan-header",
    ),
    pytest.param(
        plan("""
            # The Example family
            title "Northtown review" {
              member jo { name "Jo Lee" role teacher }
            }
        """),
        [("CP100", 2, 1, 2, 6, 'a plan file starts with `plan "Title" {`, not `title`')],
        ["jo"],
        id="another-word-instead-of-plan",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              child amy { name "Amy Example" born 2019-4-12 }
              member sam { nmae "Sam Patel" role social-worker }
              member jo { name "Jo Lee" role health-visitor }
              action call "Call Kerry" {
                owner sam
                due tomorrow
              }
              chair sam
            }
        """),
        [
            ("CP100", 2, 39, 2, 48,
             "expected a date like 2026-01-12 after `born`, found `2019-4-12`"),
            ("CP101", 3, 16, 3, 20,
             "unknown keyword `nmae` in a `member` block; did you mean `name`?"),
            ("CP100", 7, 9, 7, 17, "expected a date like 2026-01-12 after `due`, found `tomorrow`"),
        ],
        ["sam", "jo"],
        id="three-separate-errors",
    ),
]


@pytest.mark.parametrize(("text", "expected", "members"), CASES)
def test_syntax_findings(text, expected, members):
    assert found(text) == expected
    assert member_ids(text) == members


def test_the_cases_are_really_broken_and_the_fixed_plan_is_clean():
    """A control: the plan the cases break parses without a finding."""
    text = plan("""
        plan "Northtown review" {
          child amy { name "Amy Example" born 2019-04-12 }
          member sam { name "Sam Patel" role social-worker }
          member jo { name "Jo Lee" role health-visitor }
          action call "Call Kerry" {
            owner sam
            due 2026-02-01
          }
          contact amy by sam every 2 weeks
          chair sam
        }
    """)
    assert found(text) == []
    assert member_ids(text) == ["sam", "jo"]


# -- what is still read after an error ---------------------------------------------------


def test_three_errors_leave_the_rest_of_the_plan_read():
    result = parse(CASES[-1].values[0])
    plan_ = result.plan
    assert [c.id.name for c in plan_.children] == ["amy"]
    assert plan_.children[0].name.value == "Amy Example"
    assert plan_.children[0].born is None  # the bad date is absent, not invented
    sam, jo = plan_.members
    assert sam.role.text == "social-worker" and sam.name is None
    assert (jo.name.value, jo.role.text) == ("Jo Lee", "health-visitor")
    (action,) = plan_.actions
    assert (action.id.name, action.owner.name, action.due) == ("call", "sam", None)
    assert plan_.chair.name == "sam"


def test_unquoted_name_keeps_the_rest_of_the_block():
    text = CASES[[p.id for p in CASES].index("unquoted-words")].values[0]
    sam, jo = parse(text).plan.members
    assert sam.name is None
    assert sam.role.text == "social-worker"
    assert jo.name.value == "Jo Lee"


def test_missing_by_is_mended_and_the_contact_kept():
    text = CASES[[p.id for p in CASES].index("contact-without-by")].values[0]
    (contact,) = parse(text).plan.contacts
    assert (contact.child.name, contact.by.name) == ("amy", "sam")
    assert (contact.every.count, contact.every.unit) == (2, "weeks")


def test_bad_date_keeps_the_action_and_its_owner():
    text = CASES[[p.id for p in CASES].index("date-without-leading-zeros")].values[0]
    (action,) = parse(text).plan.actions
    assert action.text.value == "Call Kerry"
    assert action.owner.name == "sam"
    assert action.due is None


def test_unclosed_block_at_end_of_file_keeps_its_fields():
    text = CASES[[p.id for p in CASES].index("block-not-closed-at-end-of-file")].values[0]
    jo, sam = parse(text).plan.members
    assert (sam.name.value, sam.role.text) == ("Sam Patel", "social-worker")


# -- the keywords a message offers ----------------------------------------------------------

MEMBER_KEYWORDS = {"accessible-format", "agency", "contact", "for", "interpreter", "lead",
                   "name", "role"}
ACTION_KEYWORDS = {"agreed", "due", "monitoring", "outcome", "owner", "status", "support"}
TOP_LEVEL_KEYWORDS = {
    "profile", "reference", "language", "accessible-format", "category", "child",
    "conference", "member", "excluded", "chair", "second-chair", "vice-chair", "need",
    "outcome", "action", "monitoring-only", "contact", "communication", "contingency",
    "services", "resources", "assessment", "views", "disagreement", "signed", "copy",
    "amended", "core-groups", "delay-reason", "meeting", "ended", "moved", "cin-meeting",
}


def offered(message: str) -> set[str]:
    """The keywords a message suggests after `expected`."""
    _, _, after = message.partition("expected")
    return set(re.findall(r"`([a-z][a-z-]*)`", after))


@pytest.mark.parametrize(("text", "allowed"), [
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { due 2026-02-01 name "Sam Patel" role social-worker }
            }
        """),
        MEMBER_KEYWORDS, id="member-block-first-field",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              frobnicate sam
            }
        """),
        TOP_LEVEL_KEYWORDS, id="top-level-first-statement",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { name "Sam Patel" role social-worker due 2026-02-01 }
            }
        """),
        MEMBER_KEYWORDS, id="member-block-after-a-shared-field",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              action call "Call Kerry" { owner sam due 2026-02-01 role teacher }
            }
        """),
        ACTION_KEYWORDS, id="action-block-after-due",
    ),
    pytest.param(
        plan("""
            plan "Northtown review" {
              member sam { name "Sam Patel" role social-worker }
              chair sam Patel
            }
        """),
        TOP_LEVEL_KEYWORDS, id="top-level-after-chair",
    ),
])
def test_message_offers_only_keywords_the_block_holds(text, allowed):
    (error,) = parse(text).syntax_errors
    assert offered(error.message)
    assert offered(error.message) <= allowed



# -- a value left out ------------------------------------------------------------------------


def test_missing_value_at_the_end_of_the_file_says_so():
    text = 'plan "Northtown review" {\n  member jo { name "Jo Lee" role teacher }\n  chair'
    assert found(text) == [
        ("CP100", 1, 25, 1, 26, PLAN_UNCLOSED),
        ("CP100", 3, 3, 3, 8, "expected an id like `sam` after `chair`"),
    ]




def test_missing_value_in_the_middle_of_the_file_does_not_say_end_of_file():
    text = plan("""
        plan "Northtown review" {
          views child
          member jo { name "Jo Lee" role teacher }
          chair
          member sam { name "Sam Patel" role social-worker }
        }
    """)
    errors = parse(text).syntax_errors
    assert [(e.code, e.span.line, e.span.column) for e in errors] == [
        ("CP100", 2, 9), ("CP100", 4, 3)]
    assert errors[0].message.startswith('expected text in quotes ("like this") after `child`')
    assert errors[1].message.startswith("expected an id like `sam` after `chair`")
    for error in errors:
        assert "end of the file" not in error.message
    assert member_ids(text) == ["jo", "sam"]

"""cplint's language server in a real Neovim, headless: the set-up docs/editors.md gives
Neovim 0.7 users (tests/editors/init.lua), and what a person then sees and does in a plan —
the problems underlined, K over a member, gd from an owner, the code action menu on a
slip, completing a half-typed owner, renaming a member, formatting a plan laid out anyhow, a
cplint.toml added while the plan is open — read back from Neovim itself by
tests/editors/probe.lua.

One Neovim run per plan (a second or two each). Skipped when `nvim` is missing, except in
CI, where it must be installed; $CPLINT_TEST_NVIM names another Neovim to test with.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest
from headless_nvim import find_nvim, probe, step

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


class Seen(NamedTuple):
    """A diagnostic as Neovim holds it: lines from 0, byte columns from 0."""

    line: int
    col: int
    end_line: int
    end_col: int
    severity: str
    code: str
    message: str


def seen(diagnostics: list[dict]) -> list[Seen]:
    assert all(d["source"] == "cplint" for d in diagnostics)
    return [Seen(d["line"], d["col"], d["end_line"], d["end_col"], d["severity"], d["code"],
                 d["message"]) for d in diagnostics]


@pytest.fixture(scope="module")
def nvim() -> str:
    return find_nvim()


# -- examples/amy.cp: diagnostics, hover, go to definition --------------------------------

# What `cplint --today 2026-03-01 --format json examples/amy.cp` says, as Neovim holds it.
AMY = [
    Seen(1, 0, 1, 18, "WARN", "CP512",
         "no assessment arranged: say what assessment the plan needs, who completes it and by "
         "when (`assessment \"...\" { by WHO due DATE }`) (Bolton core group guidance, s6; "
         "Wales core group procedure; Core group flow chart and agendas, first core group "
         "agenda)"),
    Seen(14, 2, 14, 12, "WARN", "CP508",
         "member `sam` has not signed the plan: every member of the core group, family and "
         "children included, should sign it (`signed sam DATE`) (Partnership plans and core "
         "groups procedure, s3)"),
    Seen(15, 2, 15, 11, "WARN", "CP508",
         "member `jo` has not signed the plan: every member of the core group, family and "
         "children included, should sign it (`signed jo DATE`) (Partnership plans and core "
         "groups procedure, s3)"),
    Seen(16, 2, 16, 12, "ERROR", "CP304",
         "member `ria` (Ria Khan) has no task in the plan (no action they own or support, no "
         "child they see, no assessment): each core group member must have a specific task; "
         "make them the `owner` of an action or add them to one's `support` (Bolton core group "
         "guidance, s2)"),
    Seen(16, 2, 16, 12, "WARN", "CP508",
         "member `ria` has not signed the plan: every member of the core group, family and "
         "children included, should sign it (`signed ria DATE`) (Partnership plans and core "
         "groups procedure, s3)"),
    Seen(17, 2, 17, 14, "WARN", "CP508",
         "member `kerry` has not signed the plan: every member of the core group, family and "
         "children included, should sign it (`signed kerry DATE`) (Partnership plans and core "
         "groups procedure, s3)"),
    Seen(41, 8, 41, 18, "WARN", "CP411",
         "action `book-review` was due on 2026-02-01 and is still open as of 2026-03-01: "
         "record `status done`, `status dropped \"why\"`, or a new `due` date (West Midlands "
         "core groups briefing)"),
    Seen(57, 2, 57, 31, "WARN", "CP606",
         "the record of the core group on 2026-01-22 has no views of a child: record the voice "
         "of the child at each core group (`views child \"...\"` or `views` with the child's id) "
         "(Core group flow chart and agendas, the voice of the child)"),
]


@pytest.fixture(scope="module")
def amy(nvim, tmp_path_factory) -> dict:
    workspace = tmp_path_factory.mktemp("amy")
    plan = workspace / "amy.cp"
    shutil.copy(EXAMPLES / "amy.cp", plan)
    found = probe(nvim, plan, [
        step("diagnostics"),
        step("hover", line=41, col=12),  # `support jo`, on `jo`
        step("definition", line=40, col=10),  # `owner kerry`, on `kerry`
        # Neovim cannot watch files for the server: it looks at the configuration itself
        step("write_file", path=str(workspace / "cplint.toml"), lines=['ignore = ["CP508"]']),
        step("append_line", text="# signatures are collected at the next core group"),
        step("diagnostics"),
    ], workspace)
    return {**found, "plan": plan}


def test_neovim_shows_what_the_command_line_finds(amy):
    assert seen(amy["steps"][0]) == AMY


def test_each_problem_links_to_its_rule(amy):
    for diagnostic in amy["steps"][0]:
        link = urlparse(diagnostic["link"])
        assert link.scheme == "file" and link.fragment == diagnostic["code"].lower()
        assert Path(url2pathname(link.path)).name == "rules.md"
        assert Path(url2pathname(link.path)).is_file()


def test_hover_over_a_member_gives_their_name_role_and_agency(amy):
    assert amy["steps"][1] == {
        "supported": True,
        "result": {
            "contents": {"kind": "markdown",
                         "value": "**Jo Lee** — health visitor, Northtown NHS Trust"},
            "range": {"start": {"line": 40, "character": 12},
                      "end": {"line": 40, "character": 14}},
        },
    }


def test_go_to_definition_from_an_owner_jumps_to_the_member(amy):
    definition = amy["steps"][2]
    assert definition["result"] == [{
        "uri": amy["plan"].as_uri(),
        "range": {"start": {"line": 17, "character": 9}, "end": {"line": 17, "character": 14}},
    }]
    # `  member kerry {`: the cursor on `kerry` (line from 1, byte column from 0)
    assert definition["cursor"] == [18, 9]


def test_a_cplint_toml_made_while_the_plan_is_open_applies_from_the_next_edit(amy):
    assert seen(amy["steps"][5]) == [found for found in AMY if found.code != "CP508"]


# -- a slip and its quick fix, on a line with a wide character ------------------------------

SLIP_BEFORE = '  member jo { name "Jo Lee" role health-visitor agency "Northtown NHS Trust" }\n'
SLIPPED = '  member jo { name "Zoë Lee" role helth-visitor agency "Northtown NHS Trust" }\n'
MENDED = '  member jo { name "Zoë Lee" role health-visitor agency "Northtown NHS Trust" }'


@pytest.fixture(scope="module")
def slip(nvim, tmp_path_factory) -> dict:
    """examples/good/neglect.cp (no findings) with Jo renamed Zoë (a character of two bytes
    in UTF-8, one unit in UTF-16) and her role misspelt on the same line."""
    workspace = tmp_path_factory.mktemp("slip")
    text = (EXAMPLES / "good" / "neglect.cp").read_text(encoding="utf-8")
    assert SLIP_BEFORE in text
    (workspace / "plan.cp").write_text(text.replace(SLIP_BEFORE, SLIPPED), encoding="utf-8")
    return probe(nvim, workspace / "plan.cp", [
        step("diagnostics"),
        step("code_action", line=19, col=40,
             title="Fix CP105: Replace `helth-visitor` with `health-visitor`"),
        step("diagnostics"),
    ], workspace)


def test_the_slip_is_underlined_where_it_is(slip):
    # `helth-visitor` starts at character 34 of the line, byte 35 (ë is two bytes)
    assert seen(slip["steps"][0]) == [
        Seen(18, 35, 18, 48, "ERROR", "CP105",
             "`helth-visitor` is not a role; did you mean `health-visitor`?"),
    ]


def test_the_code_action_menu_offers_the_fix_first(slip):
    assert slip["steps"][1]["offered"] == [
        "Fix CP105: Replace `helth-visitor` with `health-visitor`",
        "Suppress CP105 (invalid-value) on line 19, with a reason",
        "Fix all safe problems (cplint)",
        "Sort the plan (cplint)",
    ]


def test_choosing_the_fix_mends_the_line_and_clears_the_problem(slip):
    lines = slip["steps"][1]["lines"]
    original = (EXAMPLES / "good" / "neglect.cp").read_text(encoding="utf-8").splitlines()
    assert lines[18] == MENDED
    assert lines[:18] + lines[19:] == original[:18] + original[19:]
    assert slip["steps"][2] == []


# -- completing a half-typed owner ---------------------------------------------------------

OWNED = "    owner ria\n"
HALF_TYPED = "    owner \n"


@pytest.fixture(scope="module")
def typing(nvim, tmp_path_factory) -> dict:
    """examples/good/neglect.cp with the breakfast club's owner not yet typed: `    owner `
    on line 61, the cursor after its space as someone typing leaves it."""
    workspace = tmp_path_factory.mktemp("completion")
    text = (EXAMPLES / "good" / "neglect.cp").read_text(encoding="utf-8")
    assert text.count(OWNED) == 1
    plan = workspace / "plan.cp"
    plan.write_text(text.replace(OWNED, HALF_TYPED), encoding="utf-8")
    assert plan.read_text(encoding="utf-8").splitlines()[60] == HALF_TYPED.rstrip("\n")
    return probe(nvim, plan, [
        step("diagnostics"),  # the server has the plan before the menu is asked for
        step("completion", line=61, col=len(HALF_TYPED) - 1),
    ], workspace)


def test_completion_after_owner_offers_the_core_group_in_the_plans_order(typing):
    assert typing["steps"][1] == {
        "supported": True,
        "items": [
            {"label": "sam", "kind": "Variable", "detail": "Sam Patel, lead social worker"},
            {"label": "jo", "kind": "Variable", "detail": "Jo Lee, health visitor"},
            {"label": "ria", "kind": "Variable", "detail": "Ria Khan, teacher"},
            {"label": "kerry", "kind": "Variable", "detail": "Kerry Example, parent"},
            {"label": "tom", "kind": "Variable", "detail": "Tom Field, advocate"},
        ],
    }


# -- renaming a member ----------------------------------------------------------------------

# examples/amy.cp after renaming `sam` to `sam-patel`: every line that changed, numbered from
# 1 as Neovim shows them. "Sam Patel", and Sam in the prose, are not the id and stay.
RENAMED = {
    15: '  member sam-patel { name "Sam Patel" role social-worker agency "Northtown Children\'s '
        'Social Care" lead }',
    24: "    informed-by sam-patel",
    27: "  chair sam-patel",
    45: "  contact amy by sam-patel every 2 weeks { alone }",
    60: "    chair sam-patel",
    62: "    attended sam-patel jo kerry",
}


@pytest.fixture(scope="module")
def renamed(nvim, tmp_path_factory) -> dict:
    """examples/amy.cp (eight findings), `sam` renamed from `  member sam` with
    `:lua vim.lsp.buf.rename("sam-patel")`."""
    workspace = tmp_path_factory.mktemp("rename")
    plan = workspace / "amy.cp"
    shutil.copy(EXAMPLES / "amy.cp", plan)
    return probe(nvim, plan, [
        step("diagnostics"),
        step("rename", line=15, col=10, new_name="sam-patel"),  # on `sam`
        step("diagnostics"),
    ], workspace)


def test_rename_changes_every_use_of_the_id_and_nothing_else(renamed):
    original = (EXAMPLES / "amy.cp").read_text(encoding="utf-8").splitlines()
    lines = renamed["steps"][1]["lines"]
    assert len(lines) == len(original)
    changed = {number: line for number, (line, was) in enumerate(zip(lines, original), 1)
               if line != was}
    assert changed == RENAMED


def test_after_a_rename_the_same_problems_are_on_the_same_lines(renamed):
    before, after = seen(renamed["steps"][0]), seen(renamed["steps"][2])
    assert before == AMY
    assert [(d.line, d.code) for d in after] == [(d.line, d.code) for d in before]
    # the one finding that named `sam` names the member by the new id
    assert after[1] == Seen(
        14, 2, 14, 18, "WARN", "CP508",
        "member `sam-patel` has not signed the plan: every member of the core group, family "
        "and children included, should sign it (`signed sam-patel DATE`) (Partnership plans "
        "and core groups procedure, s3)")


# -- formatting a plan laid out anyhow, with a cplint.toml above it -------------------------

# The member line ends in three spaces (kept visible by the escaped line end).
UNTIDY = '''\
plan "Bo Example"{
profile england
      category   neglect



  child bo {name "Bo Example" born 2020-06-01}
member lee { name "Lee Shaw"  role social-worker lead }   \n\
  chair lee   second-chair lee
   }
'''

# `line-length = 40` from caseload/cplint.toml: the blocks no longer fit on one line.
TIDY = [
    'plan "Bo Example" {',
    "  profile england",
    "  category neglect",
    "",
    "  child bo {",
    '    name "Bo Example"',
    "    born 2020-06-01",
    "  }",
    "  member lee {",
    '    name "Lee Shaw"',
    "    role social-worker",
    "    lead",
    "  }",
    "  chair lee",
    "  second-chair lee",
    "}",
]

NO_FAMILY = ("the core group has no family member (role `parent`, `carer`, `relative`) and no "
             "parent, carer or relative is recorded as excluded: add the family as members, or "
             "record each exclusion and its reason (Bolton core group guidance, s2; Wales core "
             "group procedure, core group membership)")
NO_TASK = ("member `lee` (Lee Shaw) has no task in the plan (no action they own or support, no "
           "child they see, no assessment): each core group member must have a specific task; "
           "make them the `owner` of an action or add them to one's `support` (Bolton core "
           "group guidance, s2)")
SAME_CHAIR = ("`lee` is both the chair and the second chair: the second chair covers the "
              "chair's absence, so name another member (Bolton core group guidance, s1)")


@pytest.fixture(scope="module")
def untidy(nvim, tmp_path_factory) -> dict:
    """A plan two folders below its cplint.toml (only the CP3 rules, lines of 40), opened
    from the workspace's root as a person opens one plan of a caseload."""
    workspace = tmp_path_factory.mktemp("formatting")
    (workspace / "caseload" / "bo").mkdir(parents=True)
    (workspace / "caseload" / "cplint.toml").write_text(
        'select = ["CP3"]\nline-length = 40\n', encoding="utf-8")
    plan = workspace / "caseload" / "bo" / "plan.cp"
    plan.write_text(UNTIDY, encoding="utf-8")
    return probe(nvim, plan, [step("diagnostics"), step("format"), step("diagnostics")],
                 workspace)


def test_the_configuration_above_the_plan_chooses_the_rules(untidy):
    assert seen(untidy["steps"][0]) == [
        Seen(0, 0, 0, 17, "WARN", "CP308", NO_FAMILY),
        Seen(7, 0, 7, 10, "ERROR", "CP304", NO_TASK),
        Seen(8, 27, 8, 30, "WARN", "CP310", SAME_CHAIR),
    ]
    same_chair = untidy["steps"][0][2]
    assert same_chair["related"] == [
        {"line": 8, "character": 8, "message": "`lee` is the chair here"}]


def test_formatting_lays_the_plan_out_to_the_configured_line_length(untidy):
    assert untidy["steps"][1]["lines"] == TIDY


def test_after_formatting_the_problems_are_where_the_lines_went(untidy):
    assert seen(untidy["steps"][2]) == [
        Seen(0, 0, 0, 17, "WARN", "CP308", NO_FAMILY),
        Seen(8, 2, 8, 12, "ERROR", "CP304", NO_TASK),
        Seen(14, 15, 14, 18, "WARN", "CP310", SAME_CHAIR),
    ]

"""Where each profile setting's figure comes from: `cplint profiles NAME` says whose figure
each setting is (this profile's own, inherited, or cplint's reading), and every shipped
setting's source can be traced (a guidance file, cplint's reading, or its national source).

Every name in the invented profiles here is invented.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from cpdsl.cli import main
from cpdsl.commands import figure_of, is_reading
from cpdsl.profile import load_profile, shipped_profiles, shown

GUIDANCE_FILES = ("000_5146a52aabc1ef30.txt", "001_0cf4b60ac317783c.txt",
                  "002_107d890e8677bac8.txt", "003_53fa38a38afc9856.txt",
                  "004_256d3034f79780c2.txt")
# Each nation's own guidance, as the nation profiles name it.
NATIONAL_SOURCES = {"england": "Working Together 2023",
                    "wales": "Wales Safeguarding Procedures",
                    "scotland": "National Guidance",
                    "northern-ireland": "SBNI procedures"}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# -- cplint profiles NAME: the whole text of one profile --------------------------------------

FILE_LINE = f"  file: {shown(load_profile('northern-ireland').path)}"

NORTHERN_IRELAND = [
    ('northern-ireland: Northern Ireland: Co-operating to Safeguard Children 2017, SBNI'
     ' procedures 2017'),
    '  nation: northern-ireland',
    '  extends: england',
    FILE_LINE,
    '  settings:',
    ('    first-core-group = 10 working days  (from england; Working Together 2023;'
     ' 000_5146a52aabc1ef30.txt section 3)'),
    '      means: the first core group within this of the initial conference (CP401)',
    '      figure: inherited from england (no northern-ireland figure given)',
    ('      source: Working Together 2023 as local procedures restate it: the core group'
     ' should "meet within 10 working days of the Initial Child Protection Conference"'
     " (Medway's core group guidance, a local page, PROFILES.md E2); also"
     ' 000_5146a52aabc1ef30.txt section 3, 002_107d890e8677bac8.txt section 2,'
     ' 004_256d3034f79780c2.txt'),
    ('    core-group-interval = 6 weeks  (from england; 000_5146a52aabc1ef30.txt section'
     ' 3; 003_53fa38a38afc9856.txt, flow chart)'),
    '      means: the longest gap between core groups without agreement (CP403)',
    ("      figure: inherited from england, where it is cplint's reading (no"
     ' northern-ireland figure given)'),
    ("      source: cplint's reading: no national figure, so the most lenient local one:"
     ' "4-6 weekly intervals" (000_5146a52aabc1ef30.txt section 3), "6 weeks"'
     ' (003_53fa38a38afc9856.txt flow chart)'),
    '    first-review = 3 months  (SBNI procedures 2017)',
    '      means: the first review conference within this of the initial one (CP405)',
    "      figure: this profile's own",
    ('      source: "initially after three months of the decision to place the'
     ' child/young person\'s name on the Register" (SBNI procedures, PROFILES.md N1)'),
    '    review-interval = 6 months  (SBNI procedures 2017)',
    '      means: later review conferences within this of the one before (CP406)',
    "      figure: this profile's own",
    ('      source: "formally reviewed at least every six months" (SBNI procedures,'
     ' PROFILES.md N1)'),
    '    minutes = 10 working days  (from england; 004_256d3034f79780c2.txt)',
    '      means: minutes circulated within this of the meeting (CP407)',
    ("      figure: inherited from england, where it is cplint's reading (no"
     ' northern-ireland figure given)'),
    ("      source: cplint's reading: no national figure, so the most lenient local one,"
     ' West Midlands\': "Notes will be distributed within 10 working days of the Core'
     ' Group" (004_256d3034f79780c2.txt)'),
    '    review-report = 1 day  (from england; 000_5146a52aabc1ef30.txt section 1)',
    '      means: the joint report ready at least this before the review (CP408)',
    ("      figure: inherited from england, where it is cplint's reading (no"
     ' northern-ireland figure given)'),
    ("      source: cplint's reading: no national figure, so the most lenient local one,"
     ' Bolton\'s: a single report that "should be completed 24 hours prior to the Review'
     ' Conference" (000_5146a52aabc1ef30.txt section 1); 24 hours is 1 day'),
    ('    cin-meeting = 20 working days  (from england; 002_107d890e8677bac8.txt section'
     ' 5)'),
    '      means: a child in need meeting within this of the plan ending (CP413)',
    ("      figure: inherited from england, where it is cplint's reading (no"
     ' northern-ireland figure given)'),
    ("      source: cplint's reading: no national figure, so the English partnership"
     ' procedure\'s: "an inter-agency meeting should be held within 20 working days to'
     ' agree/define the Child in Need Plan" (002_107d890e8677bac8.txt section 5)'),
    '    categories-required = true  (from england; Working Together 2023)',
    '      means: whether a plan must name a category of abuse or neglect (CP511)',
    '      figure: inherited from england (no northern-ireland figure given)',
    ('      source: Working Together 2023 as a local page restates it: a plan names the'
     ' category of abuse or neglect, "Physical, Emotional, Neglect or Sexual abuse" (NYAS'
     ' on child protection conferences, a local page, PROFILES.md E5)'),
    ('    vague-words = "improve", "engage", "monitor", "as required", "as necessary",'
     ' "ongoing", "appropriate", "support", "work with", "continue to"  (from england;'
     ' 002_107d890e8677bac8.txt section 6.3; 004_256d3034f79780c2.txt)'),
    '      means: words that make an outcome or action vague unless it says more (CP204)',
    ("      figure: inherited from england, where it is cplint's reading (no"
     ' northern-ireland figure given)'),
    ("      source: cplint's reading: no procedure lists vague words; these are words"
     ' that say nothing on their own, where outcomes should be "Specific"'
     ' (002_107d890e8677bac8.txt section 6.3, DoH 2000) and actions "SMART (specific,'
     ' measureable, achievable, relevant and time-bound)" (004_256d3034f79780c2.txt)'),
    ("    core-group-member-age = 12  (cplint's reading of 002_107d890e8677bac8.txt,"
     ' section 2)'),
    ("      means: the age in years, on today's date, from which a child is asked for in"
     ' the core group (CP307)'),
    "      figure: cplint's reading",
    ("      source: cplint's own reading, not the guidance's: the core group works with"
     ' "children of sufficient age and understanding" (002_107d890e8677bac8.txt section'
     ' 2) and no procedure shipped with cplint names an age, so cplint asks for a child'
     " in the core group from their 12th birthday; Northern Ireland's own procedures are"
     ' not read for this figure'),
]


def test_the_northern_ireland_profile_in_full():
    result = run("profiles", "northern-ireland")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == NORTHERN_IRELAND


# -- whose figure: own, inherited (from which profile), cplint's reading ---------------------

NORTHTOWN_BASE = """\
name = "northtown-base"
extends = "bolton"

[settings.minutes]
value = "3 working days"
source = "Northtown procedure, section 2: \\"minutes within three working days\\""
"""
NORTHTOWN = """\
name = "northtown"
extends = "northtown-base.toml"

[settings.core-group-interval]
value = "4 weeks"
source = "cplint's reading: Northtown's procedure says \\"monthly\\""
"""


@pytest.fixture
def northtown(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "northtown-base.toml").write_text(NORTHTOWN_BASE, encoding="utf-8")
    (tmp_path / "northtown.toml").write_text(NORTHTOWN, encoding="utf-8")
    return load_profile("northtown.toml")


@pytest.mark.parametrize(("key", "figure"), [
    ("core-group-interval", "cplint's reading"),
    ("minutes", "inherited from northtown-base (no northtown figure given)"),
    ("first-core-group", "inherited from bolton through northtown-base (no northtown figure "
                         "given)"),
    ("cin-meeting", "inherited from england through northtown-base, bolton, where it is "
                    "cplint's reading (no northtown figure given)"),
    ("first-review", "inherited from england through northtown-base, bolton (no northtown "
                     "figure given)"),
])
def test_whose_figure_each_setting_is(northtown, key, figure):
    assert figure_of(northtown, key) == figure


def test_a_profile_file_shows_whose_figure_after_what_it_means(northtown):
    lines = run("profiles", "northtown.toml").stdout.splitlines()
    index = lines.index("    minutes = 3 working days  (from northtown-base; "
                        "northtown-base.toml)")
    assert lines[index + 1:index + 4] == [
        "      means: minutes circulated within this of the meeting (CP407)",
        "      figure: inherited from northtown-base (no northtown figure given)",
        '      source: Northtown procedure, section 2: "minutes within three working days"']


@pytest.mark.parametrize(("source", "reading"), [
    ("cplint's reading: no national figure, so ...", True),
    ("cplint's own reading, not the guidance's: ...", True),
    ("  Cplint’s reading of the flow chart", True),
    ("\"Notes will be distributed within 10 working days\" (cplint's reading)", False),
    ("cplint's readings", False),
    ("no national figure; the most lenient local one", False),
])
def test_a_reading_is_a_source_that_begins_by_saying_so(source, reading):
    assert is_reading(source) is reading


# -- every shipped setting's source can be traced ------------------------------------------


def own_settings() -> list:
    """Each setting of each shipped profile that the profile's own file gives."""
    return [pytest.param(profile, key, id=f"{profile.name}-{key}")
            for profile in map(load_profile, shipped_profiles())
            for key, setting in profile.settings.items() if setting.profile == profile.name]


@pytest.mark.parametrize(("profile", "key"), own_settings())
def test_every_shipped_setting_names_a_guidance_file_its_national_source_or_a_reading(
        profile, key):
    source = profile.settings[key].source
    assert (any(file in source for file in GUIDANCE_FILES) or is_reading(source)
            or NATIONAL_SOURCES[profile.nation] in source), source


@pytest.mark.parametrize(("profile", "key"), own_settings())
def test_a_figure_no_procedure_gives_for_the_place_is_called_cplints_reading(profile, key):
    source = profile.settings[key].source
    if re.search(r"no (?:national|\w+) figure|most lenient|own figure was not found", source):
        assert is_reading(source), source


@pytest.mark.parametrize(("profile", "key"), own_settings())
def test_every_shipped_setting_quotes_its_passage(profile, key):
    # The quote itself is checked against the guidance by tools/check_quotes.py.
    assert re.search(r'"[^"]+"', profile.settings[key].source), profile.settings[key].source


def test_the_guidance_files_named_are_those_shipped_with_the_project():
    named = set()
    for name in shipped_profiles():
        for setting in load_profile(name).settings.values():
            named.update(re.findall(r"\d{3}_[0-9a-f]{16}\.txt", setting.source + setting.ref))
    assert named <= set(GUIDANCE_FILES)

"""A malformed profile file, through every way a profile is named: `cplint profiles FILE`,
`--profile FILE`, `profile = "FILE"` in cplint.toml, and a plan's `profile "FILE"`.

The first three stop the run with exit 2 and one line naming the file, the key and what
is allowed; a plan that names a bad file gets a CP105 finding at its `profile` statement,
and every other plan of the run is still checked. Every name in the plans and profiles is
invented.
"""

from __future__ import annotations

import itertools
import json
import os
import pathlib

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cpdsl import profile as profile_module
from cpdsl.cli import main
from cpdsl.model import Duration
from cpdsl.profile import ProfileError, load_profile, shipped_profiles
from cpdsl.selection import profile_extends, profile_severity

# CP105 (an unknown role) on line 2, CP103 (a chair nobody is) on line 3.
TWO_FINDINGS = """\
plan "Northtown review" {
  member sam { name "Sam Patel" role socal-worker }
  chair zed
}
"""

# Names the profile file b.toml (line 2, the path in quotes from column 11).
NAMES_B = """\
plan "Northtown review" {
  profile "b.toml"
  member sam { name "Sam Patel" role social-worker lead }
  chair sam
}
"""

GOOD_START = 'name = "b"\nextends = "england"\n'
MINUTES_TABLE = ('a table with `value` and `source` (where the value comes from), like '
                 '{ value = "10 working days", source = "Northtown procedure, section 2" }')
NATIONS = '"england", "wales", "scotland", "northern-ireland"'
DURATION = ('is not a duration: write a number, then working days, days, weeks or months, '
            'in quotes, like "10 working days" or "6 weeks"')
SETTINGS = ("first-core-group, core-group-interval, first-review, review-interval, minutes, "
            "review-report, cin-meeting, categories-required, vague-words, "
            "core-group-member-age, first-core-group-chaired-by-team-manager")

# (id, the file's content, what the message says after `FILE: `; {file} is the file as the
# message names it, for the messages that name it twice).
BAD = [
    ("settings-not-a-table", GOOD_START + "settings = 5\n",
     "`settings` must be a table (`[settings]`) of the settings the profile gives, each like "
     '`minutes = { value = "5 working days", source = "Northtown procedure, section 2" }`, '
     "not 5"),
    ("name-not-text", 'name = 5\nextends = "england"\n',
     '`name` must be the profile\'s name in quotes, on one line, like "northtown", not 5'),
    ("name-on-two-lines", 'name = "north\\ntown"\nextends = "england"\n',
     '`name` must be the profile\'s name in quotes, on one line, like "northtown", not '
     '"north\\ntown"'),
    ("nation-not-text", 'name = "b"\nnation = 3\nextends = "england"\n',
     f"`nation` must be one of {NATIONS}, not 3"),
    ("nation-unknown", 'name = "b"\nnation = "france"\n',
     f'`nation` must be one of {NATIONS}, not "france"'),
    ("nation-missing", 'name = "b"\n',
     f"`nation` must be one of {NATIONS} (a profile that extends none must give it)"),
    ("extends-not-text", 'name = "b"\nextends = 5\n',
     '`extends` must be a profile name, like "england", or the path of a profile file, '
     "relative to this file's folder, not 5"),
    ("extends-unknown", 'name = "b"\nextends = "englnd"\n',
     "`extends`: no profile named `englnd`; the profiles are: "
     f"{', '.join(shipped_profiles())} (or a path to a .toml file)"),
    ("extends-itself", 'name = "b"\nextends = "b.toml"\n',
     "`extends`: profiles extend each other in a circle ({file} -> {file})"),
    ("description-not-text", GOOD_START + "description = []\n",
     '`description` must be text in quotes, like "Northtown Safeguarding Partnership: core '
     'group procedure", not []'),
    ("not-utf-8", b'name = "b\xff"\nextends = "england"\n',
     "not UTF-8 text; save the file as UTF-8"),
    ("not-toml", 'name = "b\nextends = "england"\n',
     "not valid TOML: Illegal character '\\n' (at line 1, column 10)"),
    ("number-too-long", GOOD_START + "description = 1" + "0" * 5000 + "\n",
     "not valid TOML: a number of more than 4300 digits is too long to read"),
    ("nested-too-deeply", GOOD_START + "description = " + "[" * 3000 + "\n",
     "not valid TOML: lists or tables nested too deeply to read"),
    ("unknown-key", GOOD_START + '[setings]\nminutes = { value = "5 days", source = "x" }\n',
     "unknown key `setings`; did you mean `settings`? (the keys are: name, nation, extends, "
     "description, settings, severity)"),
    ("setting-outside-settings", GOOD_START + 'minutes = { value = "5 days", source = "x" }\n',
     "unknown key `minutes`: a setting goes in the `[settings]` table (`settings.minutes`)"),
    ("unknown-setting", GOOD_START + '[settings]\nminuts = { value = "5 days", source = "x" }\n',
     f"unknown setting `settings.minuts`; did you mean `minutes`? (the settings are: "
     f"{SETTINGS})"),
    ("unknown-setting-key", GOOD_START + '[settings]\n'
                                         'minutes = { value = "5 days", sorce = "x" }\n',
     "unknown key `settings.minutes.sorce`; did you mean `source`? (a setting's keys are: "
     "value, source, ref)"),
    ("setting-not-a-table", GOOD_START + '[settings]\nminutes = "5 working days"\n',
     f'`settings.minutes` must be {MINUTES_TABLE}, not "5 working days"'),
    ("setting-without-value", GOOD_START + '[settings]\nminutes = { source = "x" }\n',
     f"`settings.minutes` has no `value`: it must be {MINUTES_TABLE}"),
    ("setting-without-source", GOOD_START + '[settings]\nminutes = { value = "5 days" }\n',
     f"`settings.minutes` has no `source`: it must be {MINUTES_TABLE}"),
    ("source-not-text", GOOD_START + '[settings]\nminutes = { value = "5 days", source = 5 }\n',
     "`settings.minutes.source` must be text in quotes saying where the value comes from, "
     'like "Northtown procedure, section 2", not 5'),
    ("source-empty", GOOD_START + '[settings]\nminutes = { value = "5 days", source = "" }\n',
     "`settings.minutes.source` must be text in quotes saying where the value comes from, "
     'like "Northtown procedure, section 2", not ""'),
    ("ref-not-text", GOOD_START + '[settings]\n'
                                  'minutes = { value = "5 days", source = "x", ref = [] }\n',
     "`settings.minutes.ref` must be the source in a few words, in quotes, for messages, "
     'like "Northtown procedure, section 2", not []'),
    ("duration-not-text", GOOD_START + '[settings]\nminutes = { value = 5, source = "x" }\n',
     f"`settings.minutes.value`: 5 {DURATION}"),
    ("duration-not-a-duration", GOOD_START + '[settings]\n'
                                             'minutes = { value = "soon", source = "x" }\n',
     f'`settings.minutes.value`: "soon" {DURATION}'),
    ("boolean-as-text", GOOD_START + '[settings]\n'
                                     'categories-required = { value = "no", source = "x" }\n',
     '`settings.categories-required.value`: "no" is not a yes-or-no value: write true or '
     "false, without quotes"),
    ("words-not-a-list", GOOD_START + '[settings]\n'
                                      'vague-words = { value = "improve", source = "x" }\n',
     '`settings.vague-words.value`: "improve" is not a list of words: write words or '
     'phrases in quotes, like ["improve", "as required"]'),
    ("words-not-text", GOOD_START + '[settings]\n'
                                    'vague-words = { value = ["improve", 3], source = "x" }\n',
     '`settings.vague-words.value`: ["improve", 3] is not a list of words: write words or '
     'phrases in quotes, like ["improve", "as required"]'),
    ("severity-not-a-table", GOOD_START + 'severity = "info"\n',
     "`severity` must be a table of rule codes, prefixes or names to severities, like "
     '{ CP106 = "warning" }, each one of "error", "warning", "info"'),
    ("severity-unknown-level", GOOD_START + '[severity]\nCP105 = "loud"\n',
     '`severity.CP105` must be one of "error", "warning", "info", not "loud"'),
    ("severity-unknown-rule", GOOD_START + '[severity]\nCP999 = "info"\n',
     "`severity.CP999`: `CP999` is no rule code, prefix or name (`cplint rules` lists them)"),
]
IDS = [case[0] for case in BAD]


def message_for(message: str, file: str) -> str:
    return f"{file}: {message.replace('{file}', file)}"


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """Run in tmp_path, so that paths in the output are the short names given."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: pathlib.Path, content: str | bytes) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def assert_one_line_exit_2(result, expected: str) -> None:
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == expected + "\n"


# -- cplint profiles FILE, --profile FILE, profile = FILE in cplint.toml: exit 2 ----------


@pytest.mark.parametrize(("case", "content", "message"), BAD, ids=IDS)
def test_profiles_command(workdir, case, content, message):
    write(workdir / "b.toml", content)
    result = run("profiles", "b.toml")
    assert_one_line_exit_2(result, f"cplint: {message_for(message, 'b.toml')}")


@pytest.mark.parametrize(("case", "content", "message"), BAD, ids=IDS)
def test_profile_option(workdir, case, content, message):
    write(workdir / "b.toml", content)
    write(workdir / "a.cp", TWO_FINDINGS)
    result = run("a.cp", "--profile", "b.toml")
    assert_one_line_exit_2(result, f"cplint: --profile: {message_for(message, 'b.toml')}")


@pytest.mark.parametrize(("case", "content", "message"), BAD, ids=IDS)
def test_profile_in_the_configuration(workdir, case, content, message):
    write(workdir / "b.toml", content)
    write(workdir / "cplint.toml", 'select = ["CP1"]\nprofile = "b.toml"\n')
    write(workdir / "a.cp", TWO_FINDINGS)
    result = run("a.cp")
    assert_one_line_exit_2(result, "cplint: cplint.toml: `profile` cannot be used: "
                                   f"{message_for(message, 'b.toml')}")


# -- a plan's own `profile "FILE"`: its CP105 finding; the other plans are still checked ---


def plan_findings(result) -> dict[str, list[tuple[str, int, int, str]]]:
    """Each file's findings in `--format json` output: (code, line, column, message)."""
    found: dict[str, list[tuple[str, int, int, str]]] = {}
    for item in json.loads(result.stdout):
        found.setdefault(item["file"], []).append(
            (item["code"], item["line"], item["column"], item["message"]))
    return found


def cannot_be_used(message: str, file: str) -> tuple[str, int, int, str]:
    return ("CP105", 2, 11, "profile `b.toml` cannot be used, so england's is: "
                            f"{message_for(message, file)}")


@pytest.mark.parametrize(("case", "content", "message"), BAD, ids=IDS)
def test_a_plans_bad_profile_is_its_finding_and_the_other_plans_are_checked(
        workdir, case, content, message):
    write(workdir / "cplint.toml", 'select = ["CP1"]\n')
    write(workdir / "plans" / "b.toml", content)
    write(workdir / "plans" / "a.cp", NAMES_B)
    write(workdir / "plans" / "z.cp", TWO_FINDINGS)
    result = run("plans", "--format", "json")
    assert "Traceback" not in result.output and result.stderr == ""
    assert result.exit_code == 1
    a, z = os.path.join("plans", "a.cp"), os.path.join("plans", "z.cp")
    assert plan_findings(result) == {
        a: [cannot_be_used(message, os.path.join("plans", "b.toml"))],
        z: [("CP105", 2, 38, "`socal-worker` is not a role; did you mean `social-worker`?"),
            ("CP103", 3, 9, "`chair zed`: no member, child or excluded person has the id "
                            "`zed`")],
    }


@pytest.mark.parametrize(("case", "content", "message"),
                         [BAD[0], BAD[IDS.index("not-utf-8")],
                          BAD[IDS.index("boolean-as-text")],
                          BAD[IDS.index("severity-unknown-level")]],
                         ids=["settings", "not-utf-8", "boolean", "severity"])
def test_with_two_processes_every_plan_is_still_reported(workdir, case, content, message):
    write(workdir / "cplint.toml", 'select = ["CP1"]\n')
    write(workdir / "plans" / "b.toml", content)
    names = []
    for number in range(16):
        name = f"p{number:02d}.cp"
        write(workdir / "plans" / name, NAMES_B if number % 4 == 1 else TWO_FINDINGS)
        names.append(os.path.join("plans", name))
    one = run("plans", "--format", "json", "-j", "1")
    two = run("plans", "--format", "json", "-j", "2")
    assert two.exit_code == 1 and two.stderr == ""
    assert two.stdout == one.stdout
    found = plan_findings(two)
    assert set(found) == set(names)
    bad = cannot_be_used(message, os.path.join("plans", "b.toml"))
    for name in names:
        if name.endswith(("01.cp", "05.cp", "09.cp", "13.cp")):
            assert found[name] == [bad]
        else:
            assert [code for code, *_ in found[name]] == ["CP105", "CP103"]


def test_the_same_bad_file_is_reported_alike_from_every_plan(workdir):
    write(workdir / "cplint.toml", 'select = ["CP1"]\n')
    write(workdir / "plans" / "b.toml", GOOD_START + "settings = 5\n")
    write(workdir / "plans" / "a.cp", NAMES_B)
    write(workdir / "plans" / "c.cp", NAMES_B)
    write(workdir / "plans" / "sub" / "d.cp", NAMES_B.replace('"b.toml"', '"../b.toml"'))
    found = plan_findings(run("plans", "--format", "json"))
    messages = {message for items in found.values() for _, _, _, message in items}
    assert len(found) == 3
    assert messages == {
        "profile `b.toml` cannot be used, so england's is: "
        f"{os.path.join('plans', 'b.toml')}: `settings` must be a table (`[settings]`) of the "
        'settings the profile gives, each like `minutes = { value = "5 working days", source '
        '= "Northtown procedure, section 2" }`, not 5',
        "profile `../b.toml` cannot be used, so england's is: "
        f"{os.path.join('plans', 'b.toml')}: `settings` must be a table (`[settings]`) of the "
        'settings the profile gives, each like `minutes = { value = "5 working days", source '
        '= "Northtown procedure, section 2" }`, not 5',
    }


def test_a_bad_file_raises_every_time_it_is_loaded(tmp_path):
    write(tmp_path / "b.toml", GOOD_START + "settings = 5\n")
    messages = []
    for _ in range(3):
        with pytest.raises(ProfileError) as raised:
            load_profile("b.toml", str(tmp_path))
        messages.append(str(raised.value))
    assert len(set(messages)) == 1
    write(tmp_path / "b.toml", GOOD_START)  # mended: read again, as no failure was kept
    assert load_profile("b.toml", str(tmp_path)).name == "b"


# -- what a profile file may hold ------------------------------------------------------------


def test_a_bad_base_is_named_by_its_own_path(workdir):
    write(workdir / "base.toml", GOOD_START + "[settings]\nminutes = { value = 5, source = "
                                              '"x" }\n')
    write(workdir / "b.toml", 'name = "b"\nextends = "base.toml"\n')
    result = run("profiles", "b.toml")
    assert_one_line_exit_2(result, f"cplint: base.toml: `settings.minutes.value`: 5 {DURATION}")


def test_extends_naming_a_missing_file_names_the_file_that_extends_it(workdir):
    write(workdir / "b.toml", 'name = "b"\nextends = "nowhere/base.toml"\n')
    result = run("profiles", "b.toml")
    assert_one_line_exit_2(result, "cplint: b.toml: `extends`: "
                                   f"{os.path.join('nowhere', 'base.toml')}: no such profile file")


def test_profiles_extending_each_other_in_a_circle(workdir):
    write(workdir / "b.toml", 'name = "b"\nextends = "c.toml"\n')
    write(workdir / "c.toml", 'name = "c"\nextends = "b.toml"\n')
    result = run("profiles", "b.toml")
    assert_one_line_exit_2(result, "cplint: c.toml: `extends`: profiles extend each other in "
                                   "a circle (b.toml -> c.toml -> b.toml)")


def test_a_good_file_with_every_kind_of_setting_and_a_bom(workdir):
    write(workdir / "b.toml", "\ufeff" + GOOD_START + 'nation = "wales"\n'
          'description = "Northtown: an invented procedure"\n[settings]\n'
          'minutes = { value = "3 working days", source = "Northtown, section 2", '
          'ref = "Northtown 2" }\n'
          'categories-required = { value = false, source = "Northtown, section 3" }\n'
          'vague-words = { value = ["improve", "as required"], source = "Northtown, 4" }\n'
          '[severity]\nCP105 = "info"\n')
    profile = load_profile("b.toml", str(workdir))
    assert (profile.name, profile.nation, profile.description) == (
        "b", "wales", "Northtown: an invented procedure")
    assert profile.duration("minutes") == Duration(3, "working-days")
    assert not profile.flag("categories-required", True)
    assert profile.words("vague-words") == ("improve", "as required")
    assert profile.ref("minutes") == "Northtown 2"
    assert profile.ref("categories-required") == "b.toml"  # no ref: the file
    assert profile_extends(profile) == "england"
    assert {code: level.value for code, level in profile_severity(profile).items()} == {
        "CP105": "info"}
    assert run("profiles", "b.toml").exit_code == 0


def test_the_example_in_the_documentation_loads_and_lists_every_key_and_setting():
    path = pathlib.Path(__file__).parent.parent / "docs" / "profiles" / "northtown.toml"
    profile = load_profile(str(path))
    assert profile.name == "northtown" and profile_severity(profile) == {}
    text = path.read_text(encoding="utf-8")
    for key in (*profile_module.KEYS, *profile_module.SETTING_KEYS, *profile_module.SETTINGS):
        assert key in text, f"docs/profiles/northtown.toml does not describe `{key}`"


@pytest.mark.parametrize("name", shipped_profiles())
def test_every_shipped_profile_still_loads(name):
    profile = load_profile(name)
    assert profile_severity(profile) == {}
    assert profile_extends(profile) == (None if name == "england" else "england")


# -- a whole-number setting (issue 9 adds one): the kind is ready -------------------------


def test_a_whole_number_setting(tmp_path, monkeypatch):
    kind = profile_module.whole_number(10, 18)
    monkeypatch.setitem(profile_module.SETTINGS, "member-age",
                        profile_module.SettingSpec(kind, "an invented setting, for this test"))
    write(tmp_path / "good.toml", GOOD_START + "[settings]\n"
                                               'member-age = { value = 16, source = "x" }\n')
    assert load_profile("good.toml", str(tmp_path)).number("member-age") == 16
    for value in ('"16"', "9", "19", "true", "16.0"):
        write(tmp_path / "bad.toml",
              f'{GOOD_START}[settings]\nmember-age = {{ value = {value}, source = "x" }}\n')
        with pytest.raises(ProfileError) as raised:
            load_profile("bad.toml", str(tmp_path))
        assert str(raised.value) == (
            f"{tmp_path / 'bad.toml'}: `settings.member-age.value`: {value} is not a whole "
            "number from 10 to 18: write one without quotes, like 10")


# -- nothing but ProfileError, whatever the file holds ----------------------------------------


_FRAGMENTS = st.sampled_from([
    'name = ', 'nation = ', 'extends = ', 'description = ', '"england"', '"b"', '"bolton"',
    '"wales"', "5", "[]", "{}", "true", '"5 working days"', '"soon"', "\n", " ", "[settings]",
    "[severity]", "[settings.minutes]", "minutes = ", "vague-words = ", "value = ",
    "source = ", "ref = ", "categories-required = ", "{ value = ", ", source = \"x\" }",
    '"x.toml"', '"../b.toml"', 'CP105 = ', '"info"', '"loud"', "CP1 = ", '"', "'", "=",
    "\xff", "\ufeff", "[[settings]]", "settings.minutes = ", "1979-05-27", "inf", "[",
])
# Lines of keys and values, most of them well formed: to get past the TOML parser.
_KEYS = st.sampled_from([*profile_module.KEYS, *profile_module.SETTINGS, "value", "source",
                         "ref", "CP105", "CP1", "missing-field", "nmae", '"a\\nb"'])
_VALUES = st.sampled_from([
    '"england"', '"b"', '"wales"', '"p0.toml"', '"../b.toml"', '""', "5", "-1", "true", "[]",
    "{}", '["improve", ""]', '"5 working days"', '"soon"', '"info"', '"loud"', "1979-05-27",
    '{ value = "5 days", source = "x" }', '{ value = true, source = "x", ref = "y" }',
    '{ value = ["improve"], source = "x" }', '{ value = 5, source = "x" }', '{ source = "x" }',
    '{ value = "6 weeks", source = 5 }', '{ CP105 = "info" }', '"line\\nbreak"',
])
_LINES = st.lists(st.one_of(
    st.tuples(_KEYS, _VALUES).map(" = ".join),
    st.sampled_from(["[settings]", "[severity]", "[settings.minutes]"]),
), max_size=12).map("\n".join)
_CONTENT = st.one_of(
    st.binary(max_size=200),
    st.lists(_FRAGMENTS, max_size=30).map(lambda parts: "".join(parts).encode("utf-8")),
    st.lists(_FRAGMENTS, max_size=30).map(  # \xff and the like as bytes: not UTF-8
        lambda parts: "".join(parts).encode("latin-1", "replace")),
    st.tuples(st.sampled_from(["", 'extends = "england"\n']), _LINES).map(
        lambda parts: "".join(parts).encode("utf-8")),
)
_NUMBERS = itertools.count()


@settings(settings.get_profile("ci"))
@given(content=_CONTENT)
def test_any_file_content_gives_a_profile_or_a_profile_error(tmp_path_factory, content):
    folder = tmp_path_factory.getbasetemp() / "arbitrary-profiles"
    folder.mkdir(exist_ok=True)
    name = f"p{next(_NUMBERS)}.toml"  # a new name each time: load_profile caches by name
    (folder / name).write_bytes(content)
    try:
        profile = load_profile(name, str(folder))
        profile_severity(profile)
        profile_extends(profile)
    except ProfileError as error:
        assert "\n" not in str(error)


def test_a_retired_setting_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text(GOOD_START + '[settings]\nearly-end = { value = "3 months", '
                                 'source = "Northtown procedure" }\n', encoding="utf-8")
    with pytest.raises(ProfileError) as raised:
        load_profile(str(path))
    assert str(raised.value).endswith(
        "`settings.early-end` is no longer used: CP409 now judges the first review "
        "conference, whatever its date (000_5146a52aabc1ef30.txt, section 4); remove the "
        "setting")

"""Policy profiles: shipped files, extends, sources, and a user's own file."""

import pytest

from cpdsl.model import Duration
from cpdsl.profile import (
    DURATION_SETTINGS,
    OTHER_SETTINGS,
    ProfileError,
    load_profile,
    shipped_profiles,
)


def test_the_shipped_profiles():
    assert set(shipped_profiles()) >= {
        "england", "wales", "scotland", "northern-ireland", "bolton", "west-midlands"}


@pytest.mark.parametrize("name", shipped_profiles())
def test_every_shipped_profile_loads_with_a_nation_and_a_source_for_every_setting(name):
    profile = load_profile(name)
    assert profile.nation in ("england", "wales", "scotland", "northern-ireland")
    assert set(profile.settings) <= set(DURATION_SETTINGS) | set(OTHER_SETTINGS)
    for key, setting in profile.settings.items():
        assert len(setting.source) > 20, f"{name}: {key} has no real source"


def test_local_profiles_extend_their_nation_and_differ_where_the_sources_do():
    bolton, west_midlands = load_profile("bolton"), load_profile("west-midlands")
    assert bolton.nation == west_midlands.nation == "england"
    assert bolton.duration("core-group-interval") == Duration(6, "weeks")
    assert west_midlands.duration("core-group-interval") == Duration(4, "weeks")
    assert west_midlands.duration("minutes") == Duration(10, "working-days")
    assert load_profile("english-partnership").duration("minutes") == Duration(5, "working-days")
    assert bolton.duration("first-review") == Duration(3, "months")  # from england
    assert bolton.settings["first-review"].profile == "england"
    assert "000_5146a52aabc1ef30.txt" in bolton.cite("core-group-interval")


def test_scotland_needs_no_category():
    assert load_profile("england").flag("categories-required")
    assert not load_profile("scotland").flag("categories-required")


def test_a_users_profile_file_extends_a_shipped_one(tmp_path):
    (tmp_path / "mine.toml").write_text(
        'name = "northtown"\nextends = "bolton"\n[settings]\n'
        'minutes = { value = "3 working days", source = "Northtown procedure, section 2" }\n',
        encoding="utf-8")
    profile = load_profile("mine.toml", str(tmp_path))
    assert profile.name == "northtown" and profile.nation == "england"
    assert profile.duration("minutes") == Duration(3, "working-days")
    assert profile.duration("core-group-interval") == Duration(6, "weeks")


@pytest.mark.parametrize(("content", "message"), [
    ('name = "x"\nnation = "france"\n', "`nation` must be one of"),
    ('extends = "nowhere"\n', "no profile named `nowhere`"),
    ('extends = "bad.toml"\n', "extend each other in a circle"),
    ('extends = "england"\n[settings]\nminutes = "5 working days"\n', "`value` and `source`"),
    ('extends = "england"\n[settings]\nminutes = { value = "soon", source = "x" }\n',
     "not a duration"),
    ("this is = not toml [", "not valid TOML"),
])
def test_bad_profiles_say_what_is_wrong(tmp_path, content, message):
    (tmp_path / "bad.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError, match=message.replace("(", r"\(")):
        load_profile("bad.toml", str(tmp_path))


def test_an_unknown_name_lists_the_profiles():
    with pytest.raises(ProfileError, match="the profiles are: .*bolton"):
        load_profile("boltn")

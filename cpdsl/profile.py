"""Policy profiles: whose procedures' numbers a plan is judged by.

A profile is a TOML file (those shipped are in cpdsl/profiles/): its `name`, `nation` (for
bank holidays), optionally the profile it `extends`, and `[settings]`, each a `value` with
the `source` it comes from (and a `ref`, the source in a few words, for messages). A
user's own profile file, named by path, may extend any shipped profile. Settings a profile
does not give come from the one it extends.
"""

from __future__ import annotations

import functools
import os
import re
from typing import NamedTuple

from cpdsl.model import Duration

PROFILES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "profiles")
NATIONS = ("england", "wales", "scotland", "northern-ireland")
DEFAULT_PROFILE = "england"
_DURATION = re.compile(r"(\d+) (working days?|days?|weeks?|months?)")
_UNITS = {"working day": "working-days", "working days": "working-days", "day": "days",
          "days": "days", "week": "weeks", "weeks": "weeks", "month": "months",
          "months": "months"}


class ProfileError(Exception):
    """A profile that cannot be used; the message names the file and what is wrong."""


class Setting(NamedTuple):
    value: object
    source: str  # where the number comes from, with a short quote
    profile: str  # the profile that gives it (perhaps one this one extends)
    ref: str  # the source in a few words, for messages: `000_5146a52aabc1ef30.txt, section 3`


class Profile(NamedTuple):
    name: str
    nation: str
    description: str
    settings: dict[str, Setting]
    path: str

    def duration(self, key: str) -> Duration | None:
        setting = self.settings.get(key)
        return parse_duration(setting.value) if setting else None

    def words(self, key: str) -> tuple[str, ...]:
        setting = self.settings.get(key)
        return tuple(setting.value) if setting else ()

    def flag(self, key: str, default: bool = False) -> bool:
        setting = self.settings.get(key)
        return bool(setting.value) if setting else default

    def ref(self, key: str) -> str:
        """The short source of a setting, for messages: `000_5146a52aabc1ef30.txt, section 3`."""
        setting = self.settings.get(key)
        return setting.ref if setting else ""

    def cite(self, key: str) -> str:
        """The full source of a setting: `bolton profile: "must be held within ..." (...)`."""
        setting = self.settings.get(key)
        return f"{setting.profile} profile: {setting.source}" if setting else ""


def parse_duration(text: str) -> Duration:
    match = _DURATION.fullmatch(str(text).strip())
    if match is None:
        raise ValueError(f"{text!r} is not a duration like `10 working days` or `6 weeks`")
    return Duration(int(match.group(1)), _UNITS[match.group(2)])


def shipped_profiles() -> list[str]:
    return sorted(name[:-5] for name in os.listdir(PROFILES_DIR) if name.endswith(".toml"))


def is_path(name: str) -> bool:
    return "/" in name or os.sep in name or name.endswith(".toml")


@functools.cache
def load_profile(name: str, relative_to: str = ".") -> Profile:
    """A shipped profile by name, or a profile file by path (relative to `relative_to`)."""
    return _load(name, relative_to, ())


def _load(name: str, relative_to: str, seen: tuple[str, ...]) -> Profile:
    path = _locate(name, relative_to)
    if path in seen:
        chain = " -> ".join((*seen, path))
        raise ProfileError(f"{path}: profiles extend each other in a circle ({chain})")
    data = _read(path)
    own_name = data.get("name", os.path.splitext(os.path.basename(path))[0])
    settings: dict[str, Setting] = {}
    nation = data.get("nation")
    if "extends" in data:
        base = _load(str(data["extends"]), os.path.dirname(path), (*seen, path))
        settings.update(base.settings)
        nation = nation or base.nation
    if nation not in NATIONS:
        raise ProfileError(f"{path}: `nation` must be one of {', '.join(NATIONS)}, "
                           f"not {nation!r}")
    for key, entry in data.get("settings", {}).items():
        settings[key] = _setting(path, key, entry, own_name)
    return Profile(own_name, nation, str(data.get("description", "")), settings, path)


def _locate(name: str, relative_to: str) -> str:
    if is_path(name):
        path = os.path.normpath(os.path.join(relative_to, os.path.expanduser(name)))
        if not os.path.isfile(path):
            raise ProfileError(f"{path}: no such profile file")
        return path
    path = os.path.join(PROFILES_DIR, f"{name}.toml")
    if not os.path.isfile(path):
        raise ProfileError(f"no profile named `{name}`; the profiles are: "
                           f"{', '.join(shipped_profiles())} (or a path to a .toml file)")
    return path


def _read(path: str) -> dict:
    import tomllib

    try:
        with open(path, "rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise ProfileError(f"{path}: cannot be read ({error.strerror or error})") from None


def _setting(path: str, key: str, entry: object, profile: str) -> Setting:
    if not isinstance(entry, dict) or "value" not in entry or "source" not in entry:
        raise ProfileError(f"{path}: setting `{key}` must be a table with `value` and "
                           "`source` (where the number comes from)")
    value = entry["value"]
    if key in DURATION_SETTINGS:
        try:
            parse_duration(value)
        except ValueError as error:
            raise ProfileError(f"{path}: setting `{key}`: {error}") from None
    return Setting(value, str(entry["source"]), profile, str(entry.get("ref", path)))


# What each setting means, for `cplint profiles` and the documentation.
DURATION_SETTINGS = {
    "first-core-group": "the first core group within this of the initial conference (CP401)",
    "core-group-interval": "the longest gap between core groups without agreement (CP403)",
    "first-review": "the first review conference within this of the initial one (CP405)",
    "review-interval": "later review conferences within this of the one before (CP406)",
    "minutes": "minutes circulated within this of the meeting (CP407)",
    "review-report": "the joint report ready at least this before the review (CP408)",
    "early-end": "ending the plan sooner than this after the initial conference needs "
                 "exceptional circumstances (CP409)",
    "cin-meeting": "a child in need meeting within this of the plan ending (CP413)",
}
OTHER_SETTINGS = {
    "categories-required": "whether a plan must name a category of abuse or neglect (CP511)",
    "vague-words": "words that make an outcome or action vague unless it says more (CP204)",
}

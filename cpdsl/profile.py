"""Policy profiles: whose procedures' numbers a plan is judged by.

A profile is a TOML file (those shipped are in cpdsl/profiles/): its `name`, `nation` (for
bank holidays), optionally the profile it `extends`, a `description`, `[settings]`, each a
`value` with the `source` it comes from (and a `ref`, the source in a few words, for
messages), and a `[severity]` table (which cpdsl/selection.py resolves). A user's own
profile file, named by path, may extend any shipped profile. Settings a profile does not
give come from the one it extends.

A file is checked as strictly as `cplint.toml`: every key, type and value (SETTINGS says
what kind of value each setting takes). Anything wrong raises ProfileError, whose one-line
message names the file, the key and what is allowed; nothing else escapes, whatever the
file holds.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
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
    settings: dict[str, Setting]  # its own and those it inherits
    path: str
    extends: str | None = None  # as the file names it: `england`, `../base.toml`
    base: Profile | None = None  # the profile it extends, loaded
    severity: object = None  # its own `[severity]` table as written (selection.py reads it)

    def duration(self, key: str) -> Duration | None:
        setting = self.settings.get(key)
        return parse_duration(setting.value) if setting else None

    def words(self, key: str) -> tuple[str, ...]:
        setting = self.settings.get(key)
        return tuple(setting.value) if setting else ()

    def flag(self, key: str, default: bool = False) -> bool:
        setting = self.settings.get(key)
        return bool(setting.value) if setting else default

    def number(self, key: str, default: int | None = None) -> int | None:
        setting = self.settings.get(key)
        return setting.value if setting else default

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


def load_profile(name: str, relative_to: str = ".") -> Profile:
    """A shipped profile by name, or a profile file by path (relative to `relative_to`).
    Each is read once; a bad one raises ProfileError each time it is named."""
    if not is_path(name):
        return _cached_profile(name, "")  # wherever it is named from
    return _cached_profile(name, _absolute(relative_to))  # "." is not always one folder


def forget_profiles() -> None:
    """Read profile files again next time (the language server, when one changes)."""
    _cached_profile.cache_clear()


@functools.cache  # exceptions are not cached: a bad file is read again, and raises again
def _cached_profile(name: str, relative_to: str) -> Profile:
    return _load(_locate(name, relative_to), ())


# -- what a profile file may hold ------------------------------------------------------------


class Kind(NamedTuple):
    """What a setting's value must be; a wrong one is told `{value} is not {noun}: {how}`."""

    noun: str
    how: str
    check: Callable[[object], bool]
    example: str  # a good value as TOML writes it


class SettingSpec(NamedTuple):
    kind: Kind
    meaning: str  # for `cplint profiles` and the documentation


def _is_duration(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parse_duration(value)  # also refuses a number of more digits than int() reads
    except ValueError:
        return False
    return True


def _is_words(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)


DURATION = Kind("a duration", "write a number, then working days, days, weeks or months, in "
                'quotes, like "10 working days" or "6 weeks"', _is_duration, '"10 working days"')
BOOLEAN = Kind("a yes-or-no value", "write true or false, without quotes",
               lambda value: isinstance(value, bool), "true")
WORDS = Kind("a list of words", 'write words or phrases in quotes, like ["improve", '
             '"as required"]', _is_words, '["improve", "as required"]')


def whole_number(low: int, high: int) -> Kind:
    """A whole number from `low` to `high`, both included (a bool is not one)."""
    return Kind(f"a whole number from {low} to {high}", f"write one without quotes, like {low}",
                lambda value: type(value) is int and low <= value <= high, str(low))


# Each setting a profile may give: its kind, and what it means. A new setting goes here.
SETTINGS = {
    "first-core-group": SettingSpec(DURATION, "the first core group within this of the "
                                              "initial conference (CP401)"),
    "core-group-interval": SettingSpec(DURATION, "the longest gap between core groups "
                                                 "without agreement (CP403)"),
    "first-review": SettingSpec(DURATION, "the first review conference within this of the "
                                          "initial one (CP405)"),
    "review-interval": SettingSpec(DURATION, "later review conferences within this of the "
                                             "one before (CP406)"),
    "minutes": SettingSpec(DURATION, "minutes circulated within this of the meeting (CP407)"),
    "review-report": SettingSpec(DURATION, "the joint report ready at least this before the "
                                           "review (CP408)"),
    "cin-meeting": SettingSpec(DURATION, "a child in need meeting within this of the plan "
                                         "ending (CP413)"),
    "categories-required": SettingSpec(BOOLEAN, "whether a plan must name a category of abuse "
                                                "or neglect (CP511)"),
    "vague-words": SettingSpec(WORDS, "words that make an outcome or action vague unless it "
                                      "says more (CP204)"),
    "core-group-member-age": SettingSpec(whole_number(0, 18), "the age in years, on today's "
                                         "date, from which a child is asked for in the core "
                                         "group (CP307)"),
    "first-core-group-chaired-by-team-manager": SettingSpec(
        BOOLEAN, "whether the first core group is chaired by a team manager (CP312)"),
}
DURATION_SETTINGS = {key: spec.meaning for key, spec in SETTINGS.items()
                     if spec.kind is DURATION}
OTHER_SETTINGS = {key: spec.meaning for key, spec in SETTINGS.items()
                  if spec.kind is not DURATION}

KEYS = ("name", "nation", "extends", "description", "settings", "severity")
SETTING_KEYS = ("value", "source", "ref")
# The top-level keys that take text: what each must be, and whether on one line, not empty.
_TEXT_KEYS = {
    "name": ('the profile\'s name in quotes, on one line, like "northtown"', True),
    "extends": ('a profile name, like "england", or the path of a profile file, relative to '
                "this file's folder", True),
    "description": ('text in quotes, like "Northtown Safeguarding Partnership: core group '
                    'procedure"', False),
}
_SETTINGS_TABLE = ('a table (`[settings]`) of the settings the profile gives, each like '
                   '`minutes = { value = "5 working days", source = "Northtown procedure, '
                   'section 2" }`')
_SOURCE = ("text in quotes saying where the value comes from, like \"Northtown procedure, "
           "section 2\"")
_REF = ('the source in a few words, in quotes, for messages, like "Northtown procedure, '
        'section 2"')
_NATIONS = ", ".join(f'"{nation}"' for nation in NATIONS)


# -- reading and checking --------------------------------------------------------------------


def _load(path: str, seen: tuple[str, ...]) -> Profile:
    data = _read(path)
    where = shown(path)
    misplaced = next((key for key in data if key in SETTINGS), None)
    if misplaced is not None:  # a setting written above `[settings]`, or without it
        raise ProfileError(f"{where}: unknown key `{misplaced}`: a setting goes in the "
                           f"`[settings]` table (`settings.{misplaced}`)")
    _known_keys(data, KEYS, "key", "", f"the keys are: {', '.join(KEYS)}", where)
    own_name = _text(data, "name", where) or os.path.splitext(os.path.basename(path))[0]
    extends = _text(data, "extends", where)
    description = _text(data, "description", where) or ""
    nation = data.get("nation")
    if nation is not None and not (isinstance(nation, str) and nation in NATIONS):
        raise ProfileError(f"{where}: `nation` must be one of {_NATIONS}, not {_shown(nation)}")
    own = _settings(data.get("settings", {}), own_name, where)
    if extends is None:
        if nation is None:
            raise ProfileError(f"{where}: `nation` must be one of {_NATIONS} (a profile that "
                               "extends none must give it)")
        return Profile(own_name, nation, description, own, path, None, None,
                       data.get("severity"))
    base = _load(_base_path(extends, path, seen, where), (*seen, path))
    return Profile(own_name, nation or base.nation, description, {**base.settings, **own},
                   path, extends, base, data.get("severity"))


def _locate(name: str, relative_to: str) -> str:
    if is_path(name):
        path = os.path.normpath(os.path.join(relative_to, os.path.expanduser(name)))
        if not os.path.isfile(path):
            raise ProfileError(f"{shown(path)}: no such profile file")
        return path
    path = os.path.join(PROFILES_DIR, f"{name}.toml")
    if not os.path.isfile(path):
        raise ProfileError(f"no profile named `{name}`; the profiles are: "
                           f"{', '.join(shipped_profiles())} (or a path to a .toml file)")
    return path


def _base_path(extends: str, path: str, seen: tuple[str, ...], where: str) -> str:
    """The file `extends` names (relative to the folder of the file that names it)."""
    try:
        base = _locate(extends, os.path.dirname(path))
    except ProfileError as error:
        raise ProfileError(f"{where}: `extends`: {error}") from None
    if base in (*seen, path):
        chain = " -> ".join(map(shown, (*seen, path, base)))
        raise ProfileError(f"{where}: `extends`: profiles extend each other in a circle "
                           f"({chain})")
    return base


def _read(path: str) -> dict:
    from cpdsl.toml_text import NotToml, parse_toml

    where = shown(path)
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise ProfileError(f"{where}: cannot be read ({error.strerror or error})") from None
    try:
        return parse_toml(data)
    except NotToml as problem:
        raise ProfileError(f"{where}: {problem}") from None


def _known_keys(table: dict, keys, what: str, prefix: str, listing: str, where: str) -> None:
    for key in table:
        if key not in keys:
            from cpdsl.suggest import did_you_mean

            raise ProfileError(f"{where}: unknown {what} `{prefix}{toml_key(key)}`"
                               f"{did_you_mean(key, keys)} ({listing})")


def _text(data: dict, key: str, where: str) -> str | None:
    """A top-level key that takes text, or None where the file does not give it."""
    value = data.get(key)
    if value is None:
        return None
    what, one_line = _TEXT_KEYS[key]
    if isinstance(value, str) and (not one_line or _is_line(value)):
        return value
    raise ProfileError(f"{where}: `{key}` must be {what}, not {_shown(value)}")


def _is_line(text: str) -> bool:
    return bool(text.strip()) and "\n" not in text and "\r" not in text


# Settings cplint no longer reads, and why: a profile that gives one is told, not ignored.
RETIRED_SETTINGS = {
    "early-end": "CP409 now judges the first review conference, whatever its date "
                 "(000_5146a52aabc1ef30.txt, section 4); remove the setting",
}


def _settings(table: object, profile: str, where: str) -> dict[str, Setting]:
    if not isinstance(table, dict):
        raise ProfileError(f"{where}: `settings` must be {_SETTINGS_TABLE}, not {_shown(table)}")
    retired = next((key for key in table if key in RETIRED_SETTINGS), None)
    if retired is not None:
        raise ProfileError(f"{where}: `settings.{retired}` is no longer used: "
                           f"{RETIRED_SETTINGS[retired]}")
    _known_keys(table, SETTINGS, "setting", "settings.",
                f"the settings are: {', '.join(SETTINGS)}", where)
    return {key: _setting(key, entry, profile, where) for key, entry in table.items()}


def _setting(key: str, entry: object, profile: str, where: str) -> Setting:
    kind, name = SETTINGS[key].kind, f"settings.{key}"
    table = ("a table with `value` and `source` (where the value comes from), like "
             f'{{ value = {kind.example}, source = "Northtown procedure, section 2" }}')
    if not isinstance(entry, dict):
        raise ProfileError(f"{where}: `{name}` must be {table}, not {_shown(entry)}")
    _known_keys(entry, SETTING_KEYS, "key", f"{name}.",
                f"a setting's keys are: {', '.join(SETTING_KEYS)}", where)
    for needed in ("value", "source"):
        if needed not in entry:
            raise ProfileError(f"{where}: `{name}` has no `{needed}`: it must be {table}")
    value, source, ref = entry["value"], entry["source"], entry.get("ref", where)
    if not kind.check(value):
        raise ProfileError(f"{where}: `{name}.value`: {_shown(value)} is not {kind.noun}: "
                           f"{kind.how}")
    for part, text, what in (("source", source, _SOURCE), ("ref", ref, _REF)):
        if not isinstance(text, str) or not text.strip():
            raise ProfileError(f"{where}: `{name}.{part}` must be {what}, not {_shown(text)}")
    return Setting(value, source, profile, ref)


# -- messages --------------------------------------------------------------------------------


def shown(path: str) -> str:
    """A path as messages give it: relative to the current folder where it is under it."""
    try:
        relative = os.path.relpath(os.path.abspath(path))
    except OSError:  # the current folder was deleted: nothing to be relative to
        return path
    return path if relative.startswith("..") else relative


def _absolute(path: str) -> str:
    try:
        return os.path.abspath(path)
    except OSError:  # the current folder was deleted: the path as given
        return path


# Control characters as TOML escapes them, so that a message stays on one line.
_ESCAPES = {code: f"\\u{code:04x}" for code in (*range(32), 127)}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
                 ord("\t"): "\\t"})


def toml_value(value: object) -> str:
    """A value as it might be written in TOML, for messages."""
    if isinstance(value, str):
        return '"' + value.translate(_ESCAPES) + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(key)} = {toml_value(item)}"
                                for key, item in value.items()) + " }"
    return str(value)


def toml_key(key: str) -> str:
    """A key as TOML writes it: bare where it can be, else quoted."""
    bare = key.replace("-", "").replace("_", "")
    return key if bare.isascii() and bare.isalnum() else toml_value(key)


def _shown(value: object) -> str:
    """A value for a message, cut short where it is long."""
    text = toml_value(value)
    return text if len(text) <= 60 else f"{text[:57]}..."

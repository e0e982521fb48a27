"""Choosing rules and their severities: by code (`CP302`), prefix (`CP3`) or name
(`missing-second-chair`), as the configuration, suppression comments and profiles do.

Where several selectors name a rule, the most specific decides: a code or a name beats a
prefix, a longer prefix a shorter one. A profile file's `[severity]` table is read here
too (Profile itself carries only the settings), after those of the profile it extends.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable

from cpdsl.diagnostics import Severity
from cpdsl.profile import PROFILES_DIR, Profile, ProfileError, is_path, load_profile
from cpdsl.rules import RULES_BY_CODE, RULES_BY_NAME

SEVERITIES = {s.value: s for s in Severity}
RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}
_ALL = frozenset(RULES_BY_CODE)
_EXACT = 10  # the specificity of a code or a name: more than any prefix


def resolve(selector: str) -> tuple[frozenset[str], int] | None:
    """The codes a selector names, and how specific it is; None if it names none."""
    if selector == "ALL":
        return _ALL, 0
    if selector in RULES_BY_CODE:
        return frozenset((selector,)), _EXACT
    rule = RULES_BY_NAME.get(selector)
    if rule is not None:
        return frozenset((rule.code,)), _EXACT
    digits = selector[2:]
    if selector.startswith("CP") and len(digits) <= 2 and (not digits or digits.isdigit()):
        codes = frozenset(code for code in RULES_BY_CODE if code.startswith(selector))
        if codes:
            return codes, len(selector)
    return None


def unknown_selector(selector: str) -> str:
    """Why a selector is refused: `CP99` is no rule code, prefix or name; did you mean ...?"""
    from cpdsl.suggest import did_you_mean

    known = [*RULES_BY_CODE, *RULES_BY_NAME]
    return f"`{selector}` is no rule code, prefix or name{did_you_mean(selector, known)}"


def enabled_codes(select: Iterable[tuple[frozenset[str], int]],
                  ignore: Iterable[tuple[frozenset[str], int]]) -> frozenset[str]:
    """The codes on: for each rule, the most specific selector that names it decides."""
    on: dict[str, int] = {}
    off: dict[str, int] = {}
    for chosen, resolved in ((on, select), (off, ignore)):
        for codes, specificity in resolved:
            for code in codes:
                chosen[code] = max(chosen.get(code, -1), specificity)
    return frozenset(code for code, level in on.items() if level > off.get(code, -1))


_SELECTORS = ('a list of rule codes, prefixes or names, like ["CP1", "CP105", '
              '"missing-field"] (see `cplint rules`)')


def selector_list(value: object, key: str, fail) -> list[tuple[frozenset[str], int]]:
    """A TOML list of selectors, resolved; `fail(key, what)` makes the error to raise."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(key, f" must be {_SELECTORS}")
    resolved = []
    for selector in value:
        found = resolve(selector)
        if found is None:
            raise fail(key, f": {unknown_selector(selector)} (`cplint rules` lists them)")
        resolved.append(found)
    return resolved


def severity_table(value: object, key: str, fail) -> dict[str, Severity]:
    """`{ CP403 = "error", CP5 = "info" }` as code -> severity; an exact code beats a prefix."""
    allowed = ", ".join(f'"{s}"' for s in SEVERITIES)
    if not isinstance(value, dict):
        raise fail(key, " must be a table of rule codes, prefixes or names to severities, "
                        f"like {{ CP106 = \"warning\" }}, each one of {allowed}")
    entries = []
    for selector, level in value.items():
        found = resolve(selector)
        if found is None:
            raise fail(f"{key}.{selector}",
                       f": {unknown_selector(selector)} (`cplint rules` lists them)")
        if not isinstance(level, str) or level not in SEVERITIES:
            raise fail(f"{key}.{selector}", f" must be one of {allowed}, not {toml_value(level)}")
        entries.append((found[1], found[0], SEVERITIES[level]))
    table: dict[str, Severity] = {}
    for _, codes, level in sorted(entries, key=lambda entry: entry[0]):  # stable: file order
        table.update(dict.fromkeys(codes, level))
    return table


def toml_value(value: object) -> str:
    """A value as it might be written in TOML, for messages."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + " }"
    return str(value)


def profile_severity(profile: Profile) -> dict[str, Severity]:
    """The severities a profile file sets in `[severity]`, after those of what it extends."""
    return _severity_of(profile.path)


@functools.cache
def _severity_of(path: str) -> dict[str, Severity]:
    extends, own = _profile_keys(path)
    table: dict[str, Severity] = {}
    if extends is not None:
        base = os.path.join(PROFILES_DIR, f"{extends}.toml")  # a shipped one: no need to load
        if is_path(extends) or not os.path.isfile(base):
            base = load_profile(extends, os.path.dirname(path)).path
        table.update(_severity_of(base))

    def fail(key: str, what: str) -> ProfileError:
        return ProfileError(f"{path}: `{key}`{what}")

    table.update(severity_table(own, "severity", fail))
    return table


@functools.cache
def _profile_keys(path: str) -> tuple[str | None, object]:
    """A profile file's `extends` and `[severity]` table, which Profile does not carry.

    Read without parsing the whole file where it can be (parsing costs about a millisecond
    at every start-up): `extends` is a top-level key, on a line before the first table.
    """
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as problem:
        raise ProfileError(f"{path}: cannot be read ({problem.strerror or problem})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProfileError(f"{path}: not UTF-8 text ({error})") from None
    if "severity" in text:
        table = _parse_profile(text, path)
        extends = table.get("extends")
        return (None if extends is None else str(extends)), table.get("severity", {})
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            break
        if stripped.startswith("extends") and stripped[7:].lstrip().startswith("="):
            return str(_parse_profile(stripped, path)["extends"]), {}
    return None, {}


def _parse_profile(text: str, path: str) -> dict:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{path}: not valid TOML: {error}") from None


def profile_extends(profile: Profile) -> str | None:
    return _profile_keys(profile.path)[0]

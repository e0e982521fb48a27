"""Choosing rules and their severities: by code (`CP302`), prefix (`CP3`) or name
(`missing-second-chair`), as the configuration, suppression comments and profiles do.

Where several selectors name a rule, the most specific decides: a code or a name beats a
prefix, a longer prefix a shorter one. A profile file's `[severity]` table (Profile carries
it as written) is resolved here too, over those of the profile it extends.
"""

from __future__ import annotations

from collections.abc import Iterable

from cpdsl.diagnostics import Severity
from cpdsl.profile import Profile, ProfileError, shown, toml_key, toml_value
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
    return (f"`{toml_key(selector)}` is no rule code, prefix or name"
            f"{did_you_mean(selector, known)}")


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
            raise fail(f"{key}.{toml_key(selector)}",
                       f": {unknown_selector(selector)} (`cplint rules` lists them)")
        if not isinstance(level, str) or level not in SEVERITIES:
            raise fail(f"{key}.{selector}", f" must be one of {allowed}, not "
                                            f"{toml_value(level)}")
        entries.append((found[1], found[0], SEVERITIES[level]))
    table: dict[str, Severity] = {}
    for _, codes, level in sorted(entries, key=lambda entry: entry[0]):  # stable: file order
        table.update(dict.fromkeys(codes, level))
    return table


def profile_severity(profile: Profile) -> dict[str, Severity]:
    """The severities a profile file sets in `[severity]`, over those of the profile it
    extends (its table goes over its base's whole: a prefix covers the base's codes too).
    A bad table raises ProfileError naming the file and the key."""
    table = profile_severity(profile.base) if profile.base is not None else {}
    if profile.severity is None:
        return table

    def fail(key: str, what: str) -> ProfileError:
        return ProfileError(f"{shown(profile.path)}: `{key}`{what}")

    return {**table, **severity_table(profile.severity, "severity", fail)}


def profile_extends(profile: Profile) -> str | None:
    """What the profile file says it extends, as it says it: `england`, `../base.toml`."""
    return profile.extends

"""The text of `cplint rules`, `cplint explain` and `cplint profiles` (the CLI prints it)."""

from __future__ import annotations

import re

from cpdsl.profile import SETTINGS, Profile, load_profile, shipped_profiles, shown
from cpdsl.rules import ALL_RULES, RULES_BY_CODE, RULES_BY_NAME
from cpdsl.rules.base import Rule


def rules_table() -> str:
    """Every rule, one a line: code, name, default severity, what it checks."""
    rows = [("CODE", "NAME", "SEVERITY", "CHECKS")]
    rows += [(r.code, r.name, r.severity.value, r.summary) for r in ALL_RULES]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + f"  {row[3]}\n" for row in rows)


def rules_json() -> str:
    import json

    return json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.value,
                        "summary": r.summary} for r in ALL_RULES],
                      indent=2, ensure_ascii=False) + "\n"


def find_rule(word: str) -> Rule | str:
    """The rule with this code (any case) or name; else why not, with the likeliest meant."""
    rule = RULES_BY_CODE.get(word.upper()) or RULES_BY_NAME.get(word.lower())
    if rule is not None:
        return rule
    from cpdsl.suggest import did_you_mean

    hint = did_you_mean(word, [*RULES_BY_CODE, *RULES_BY_NAME])
    return f"no rule has the code or name `{word}`{hint} (`cplint rules` lists them)"


def word_explanation(word: str) -> str | None:
    """What a word of the language means, each sense with where it is written and its
    source (`cplint explain second-chair`); None for a word the language does not have."""
    from cpdsl.meanings import KEYWORD, meanings_of

    found = meanings_of(word) or meanings_of(word.lower())
    if not found:
        return None
    lines = []
    for meaning in found:
        places = ", ".join(f"`{w}`" for w in meaning.where)
        if meaning.kind == KEYWORD:
            what = f"keyword in {places}" if places else "keyword"
        else:  # a value is written after the statement's keyword
            what = meaning.kind.replace("-", " ") + (f", after {places}" if places else "")
        lines.append(f"`{meaning.word}` ({what}): {meaning.description}")
        if meaning.source:
            lines.append(f"  source: {meaning.source}")
    return "\n".join(lines) + "\n"


# -- profiles ------------------------------------------------------------------------------


def profiles_listing() -> str:
    """Each shipped profile: its nation, what it extends, its settings with values and refs."""
    return "\n".join(_profile_text(load_profile(name), full=False)
                     for name in shipped_profiles())


def profile_detail(name: str) -> str:
    """One profile (a shipped name, or a path from here) with every setting's full source,
    and whose figure it is (`figure:`, see `figure_of`)."""
    return _profile_text(load_profile(name, "."), full=True)


# A source that begins so says the figure is cplint's choice, where no procedure gives it
# for the place (the most lenient of several, a local figure standing for a nation, a list
# of words); the profile files write it so, and need no key of their own for it.
_READING = re.compile(r"cplint['’]s (?:own )?reading\b", re.IGNORECASE)


def is_reading(source: str) -> bool:
    """Whether a setting's source says it is cplint's reading: it begins `cplint's
    reading` (or `cplint's own reading`)."""
    return _READING.match(source.strip()) is not None


def figure_of(profile: Profile, key: str) -> str:
    """Whose figure a setting is, for `cplint profiles NAME`: this profile's own, cplint's
    reading, or inherited from the profile that gives it (through those between)."""
    setting = profile.settings[key]
    reading = is_reading(setting.source)
    if setting.profile == profile.name:
        return "cplint's reading" if reading else "this profile's own"
    through = _between(profile, setting.profile)
    via = f" through {', '.join(through)}" if through else ""
    where = ", where it is cplint's reading" if reading else ""
    return f"inherited from {setting.profile}{via}{where} (no {profile.name} figure given)"


def _between(profile: Profile, giver: str) -> list[str]:
    """The profiles between this one and the one it inherits a setting from."""
    names, base = [], profile.base
    while base is not None and base.name != giver:
        names.append(base.name)
        base = base.base
    return names


def _profile_text(profile: Profile, full: bool) -> str:
    from cpdsl.selection import profile_extends, profile_severity

    extends = profile_extends(profile)
    lines = [f"{profile.name}: {profile.description}" if profile.description else profile.name,
             f"  nation: {profile.nation}",
             f"  extends: {extends or '(nothing)'}"]
    if full:
        lines.append(f"  file: {shown(profile.path)}")
    lines.append("  settings:")
    order = list(SETTINGS)  # as the documentation lists them (a file gives no others)
    for key in sorted(profile.settings, key=order.index):
        setting = profile.settings[key]
        inherited = "" if setting.profile == profile.name else f"from {setting.profile}; "
        lines.append(f"    {key} = {_value(setting.value)}  ({inherited}{setting.ref})")
        if full:
            lines.append(f"      means: {SETTINGS[key].meaning}")
            lines.append(f"      figure: {figure_of(profile, key)}")
            lines.append(f"      source: {setting.source}")
    severity = profile_severity(profile)
    if severity:
        lines.append("  severity:")
        lines.extend(f"    {code} = {level.value}" for code, level in sorted(severity.items()))
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(f'"{item}"' for item in value)
    return str(value)

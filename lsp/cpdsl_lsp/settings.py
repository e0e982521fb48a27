"""The client's settings for cplint: the `cplint` object of `initializationOptions.settings`,
of `workspace/configuration` and of `didChangeConfiguration`, read leniently.

A setting that cannot be used is left at its default and named in `problems`, which the
server logs once: a typo in an editor's settings must never stop the server.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

PREFERENCES = ("filesystemFirst", "editorFirst", "editorOnly")
RUN_ON = ("onType", "onSave")


class Settings(NamedTuple):
    enable: bool = True
    configuration: str | None = None  # an explicit cplint.toml, else found upwards per plan
    configuration_preference: str = "filesystemFirst"
    profile: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    today: dt.date | None = None  # for trainers' demonstrations and tests: else the real date
    lint_run: str = "onType"
    lint_delay: float = 0.0  # seconds to wait after an edit before analysing
    fix_all: bool = True
    unsafe_fixes: bool = False
    help_uri: str | None = None
    log_level: str = "info"


KNOWN = {"enable", "path", "interpreter", "configuration", "configurationPreference",
         "profile", "select", "ignore", "today", "lint", "fixAll", "unsafeFixes", "helpUri",
         "logLevel", "trace"}  # path, interpreter and trace are the editor extension's


def read_settings(value: object) -> tuple[Settings, list[str]]:
    """Settings from the client's object (None or anything else: the defaults), and what
    could not be used in it, each in a sentence."""
    problems: list[str] = []
    if value is None:
        return Settings(), problems
    if not isinstance(value, dict):
        return Settings(), [f"the cplint settings must be an object, not {_kind(value)}"]
    if "settings" in value and isinstance(value["settings"], dict) and len(value) == 1:
        value = value["settings"]  # initializationOptions as some clients nest it
    found: dict[str, object] = {}
    for key in value:
        if key not in KNOWN:
            problems.append(f"unknown setting `cplint.{key}`")

    def take(key: str, field: str, check, what: str, table: dict = value,
             prefix: str = "cplint.") -> None:
        if key in table and table[key] is not None:
            read = check(table[key])
            if read is None:
                problems.append(f"`{prefix}{key}` must be {what}, not {table[key]!r}")
            else:
                found[field] = read

    take("enable", "enable", _boolean, "true or false")
    take("configuration", "configuration", _text, "the path of a cplint.toml")
    take("configurationPreference", "configuration_preference", _one_of(PREFERENCES),
         " or ".join(PREFERENCES))
    take("profile", "profile", _text, 'a profile name like "england", or a path')
    take("select", "select", _codes, "a list of rule codes, prefixes or names")
    take("ignore", "ignore", _codes, "a list of rule codes, prefixes or names")
    take("today", "today", _date, "a date like 2026-05-01")
    take("fixAll", "fix_all", _boolean, "true or false")
    take("unsafeFixes", "unsafe_fixes", _boolean, "true or false")
    take("helpUri", "help_uri", _text, "an address")
    take("logLevel", "log_level", _one_of(("error", "warning", "info", "debug")),
         "error, warning, info or debug")
    lint = value.get("lint")
    if isinstance(lint, dict):
        take("run", "lint_run", _one_of(RUN_ON), "onType or onSave", lint, "cplint.lint.")
        take("delay", "lint_delay", _milliseconds, "a number of milliseconds", lint,
             "cplint.lint.")
    elif lint is not None:
        problems.append("`cplint.lint` must be an object like {\"run\": \"onType\"}")
    return Settings(**found), problems


def _kind(value: object) -> str:
    return type(value).__name__


def _boolean(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _one_of(allowed: tuple[str, ...]):
    return lambda value: value if value in allowed else None


def _codes(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(code, str) for code in value):
        return tuple(value)
    return None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _milliseconds(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 10_000:
        return None
    return value / 1000

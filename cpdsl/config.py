"""A project's configuration: which rules, how severe, which profile, when to fail.

`cplint.toml` (keys at the top level) or the `[tool.cplint]` table of `pyproject.toml`,
found from a plan's folder upwards: the first folder holding either wins (a
`pyproject.toml` without `[tool.cplint]` does not count; `cplint.toml` first where a
folder has both). `ConfigFinder` reads each folder once, however many plans it holds.

A bad configuration raises `ConfigError`, whose one-line message names the file, the
key and what is allowed. Rules are chosen like ruff's (cpdsl/selection.py): by code,
prefix or name; where `select` and `ignore` both match a rule, the more specific selector
wins, and `ignore` wins a tie.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from cpdsl.diagnostics import Severity
from cpdsl.profile import Profile, ProfileError, load_profile
from cpdsl.rules import RULES_BY_CODE
from cpdsl.selection import (
    SEVERITIES,
    enabled_codes,
    profile_severity,
    selector_list,
    severity_table,
    toml_value,
)

CONFIG_FILE = "cplint.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("select", "ignore", "extend-select", "per-file-ignores", "severity", "profile",
        "fail-on", "help-uri", "line-length")
LINE_LENGTH_RANGE = (40, 400)  # `line-length`: what `cplint fmt` fits lines into
DEFAULT_LINE_LENGTH = 100
_ALL = frozenset(RULES_BY_CODE)


class ConfigError(Exception):
    """A configuration cplint cannot use; the message names the file, the key, what is allowed."""


class LintOptions:
    """What the configuration (and the command line) decide for one plan."""

    __slots__ = ("enabled", "severity", "profile", "default_profile", "fail_on")

    def __init__(self, enabled: frozenset[str] | None = None,
                 severity: Mapping[str, Severity] | None = None, profile: Profile | None = None,
                 default_profile: Profile | None = None,
                 fail_on: Severity = Severity.INFO) -> None:
        self.enabled = enabled  # the codes checked; None: every rule
        self.severity = severity  # the configuration's severity overrides, by code
        self.profile = profile  # used whatever the plan names (--profile)
        self.default_profile = default_profile  # used when the plan names none
        self.fail_on = fail_on  # findings below this do not make the exit code 1

    def __getstate__(self) -> tuple:  # for the worker processes of `-j`
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            setattr(self, name, value)


DEFAULT_OPTIONS = LintOptions()


class Config:
    """One configuration file's settings, resolved (plain class: cheap to define at start-up)."""

    def __init__(self, path: str | None, root: str, enabled: frozenset[str],
                 per_file_ignores: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (),
                 severity: dict[str, Severity] | None = None, profile: Profile | None = None,
                 fail_on: Severity = Severity.INFO, help_uri: str | None = None,
                 line_length: int = DEFAULT_LINE_LENGTH) -> None:
        self.path = path  # the file it was read from; None: no file, the defaults
        self.root = root  # the folder `per-file-ignores` patterns are relative to
        self.enabled = enabled
        self.per_file_ignores = per_file_ignores
        self.severity = severity or {}
        self.profile = profile
        self.fail_on = fail_on
        self.help_uri = help_uri
        self.line_length = line_length  # for `cplint fmt`

    def ignored_for(self, path: str) -> frozenset[str]:
        """The codes `per-file-ignores` turns off for the plan at `path`."""
        if not self.per_file_ignores:
            return frozenset()
        relative = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        ignored: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if pattern.fullmatch(relative) or pattern.fullmatch(relative.rpartition("/")[2]):
                ignored |= codes
        return frozenset(ignored)


def default_config(root: str = ".") -> Config:
    return Config(None, os.path.abspath(root), _ALL)


class ConfigFinder:
    """The configuration of each plan, each folder's looked up and read once."""

    def __init__(self) -> None:
        self._folders: dict[str, Config] = {}
        self._options: dict[tuple, LintOptions] = {}

    def config_for(self, path: str) -> Config:
        """The configuration that applies to the plan at `path` (which need not exist)."""
        return self.for_folder(os.path.dirname(os.path.abspath(path)))

    def for_folder(self, folder: str) -> Config:
        folder = os.path.abspath(folder)
        config = self._folders.get(folder)
        if config is None:
            config = read_config_in(folder)
            if config is None:
                parent = os.path.dirname(folder)
                config = default_config(folder) if parent == folder else self.for_folder(parent)
            self._folders[folder] = config
        return config

    def options_for(self, path: str, profile: Profile | None = None) -> LintOptions:
        config = self.config_for(path)
        ignored = config.ignored_for(path)
        key = (config.path, config.root, ignored, profile and profile.path)
        options = self._options.get(key)
        if options is None:
            options = _options(config, ignored, profile)
            self._options[key] = options
        return options


def _options(config: Config, ignored: frozenset[str], profile: Profile | None) -> LintOptions:
    if config.path is None:
        return LintOptions(profile=profile)
    enabled = config.enabled - ignored
    return LintOptions(None if enabled == _ALL else enabled, config.severity or None, profile,
                       config.profile, config.fail_on)


def read_config_in(folder: str) -> Config | None:
    """The configuration a folder holds itself, or None."""
    path = os.path.join(folder, CONFIG_FILE)
    if os.path.isfile(path):
        return parse_config(_readtoml_value(path), path, prefix="")
    path = os.path.join(folder, PYPROJECT)
    if os.path.isfile(path):
        data = _read_bytes(path)
        if not _may_have_tool_cplint(data):
            return None  # most pyproject.toml files: no need to parse them
        table = _parsetoml_value(data, path).get("tool", {})
        if isinstance(table, dict) and "cplint" in table:
            if not isinstance(table["cplint"], dict):
                raise ConfigError(f"{shown(path)}: `tool.cplint` must be a table")
            return parse_config(table["cplint"], path, prefix="tool.cplint.")
    return None


def read_config_file(path: str) -> Config:
    """The configuration in a file named explicitly (an editor's `cplint.configuration`):
    a cplint.toml, or a pyproject.toml's [tool.cplint] (the defaults when it has none)."""
    if os.path.basename(path) == PYPROJECT:
        table = _readtoml_value(path).get("tool", {})
        if isinstance(table, dict) and isinstance(table.get("cplint"), dict):
            return parse_config(table["cplint"], path, prefix="tool.cplint.")
        return default_config(os.path.dirname(os.path.abspath(path)))
    return parse_config(_readtoml_value(path), path, prefix="")


def options_of(config: Config, path: str, profile: Profile | None = None) -> LintOptions:
    """The options a configuration gives the plan at `path` (ConfigFinder.options_for
    without the finder)."""
    return _options(config, config.ignored_for(path), profile)


def _may_have_tool_cplint(data: bytes) -> bool:
    """Whether a pyproject.toml may hold [tool.cplint]: a line `[tool.cplint]`,
    `[tool.cplint.severity]`, `tool.cplint.select = ...`, or `[tool]` (whose `cplint` key
    the parser finds). Most have none, and need not be parsed (plain bytes: no regex to
    compile at start-up)."""
    if b"cplint" not in data:
        return False
    for line in data.splitlines():
        if b"tool" not in line:
            continue
        key = bytes(line.translate(None, b" \t\"'"))
        if key.startswith(b"[tool]") or key.startswith((b"[tool.cplint]", b"[tool.cplint.",
                                                        b"tool.cplint.", b"tool.cplint=")):
            return True
    return False


def parse_config(table: dict, path: str, prefix: str = "") -> Config:
    """A configuration from its TOML table; `prefix` is how its keys are named in messages."""
    where = shown(path)

    def fail(key: str, what: str) -> ConfigError:
        return ConfigError(f"{where}: `{prefix}{key}`{what}")

    for key in table:
        if key not in KEYS:
            from cpdsl.suggest import did_you_mean

            raise ConfigError(f"{where}: unknown key `{prefix}{key}`{did_you_mean(key, KEYS)} "
                              f"(the keys are: {', '.join(KEYS)})")
    select = selector_list(table.get("select", ["ALL"]), "select", fail)
    extend = selector_list(table.get("extend-select", []), "extend-select", fail)
    ignore = selector_list(table.get("ignore", []), "ignore", fail)
    root = os.path.dirname(os.path.abspath(path))
    return Config(
        path, root, enabled_codes(select + extend, ignore),
        _per_file_ignores(table.get("per-file-ignores", {}), fail),
        severity_table(table.get("severity", {}), "severity", fail),
        _profile(table.get("profile"), root, fail),
        _fail_on(table.get("fail-on", "info"), fail),
        _help_uri(table.get("help-uri"), fail),
        _line_length(table.get("line-length", DEFAULT_LINE_LENGTH), fail),
    )


def _per_file_ignores(value: object, fail) -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    if not isinstance(value, dict):
        raise fail("per-file-ignores", " must be a table of file patterns to lists of rules, "
                                       'like { "drafts/*.cp" = ["CP5"] }')
    entries = []
    for pattern, selectors in value.items():
        resolved = selector_list(selectors, f"per-file-ignores.{toml_value(pattern)}", fail)
        codes = frozenset().union(*(codes for codes, _ in resolved))
        try:
            entries.append((glob_pattern(pattern), codes))
        except re.error as error:
            raise fail(f"per-file-ignores.{toml_value(pattern)}",
                       f" is not a file pattern ({error}): use *, ?, ** and [...]") from None
    return tuple(entries)


def glob_pattern(pattern: str) -> re.Pattern[str]:
    """A file pattern as a regex over `/`-separated relative paths: `*` and `?` within one
    folder, `**` across folders, `[...]` a class; a pattern also matches what is under the
    folder it names."""
    out, i = [], 0
    pattern = pattern.replace(os.sep, "/").removeprefix("./").rstrip("/")
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end]
            body = body.replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out) + "(?:/.*)?")


def _profile(value: object, root: str, fail) -> Profile | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail("profile", ' must be a profile name, like "england", or the path of a '
                              "profile file, relative to the configuration's folder")
    try:
        profile = load_profile(value, root)
        profile_severity(profile)
    except ProfileError as error:
        raise fail("profile", f" cannot be used: {error}") from None
    return profile


def _fail_on(value: object, fail) -> Severity:
    if not isinstance(value, str) or value not in SEVERITIES:
        allowed = ", ".join(f'"{s}"' for s in SEVERITIES)
        raise fail("fail-on", f" must be one of {allowed}, not {toml_value(value)}")
    return SEVERITIES[value]


def _help_uri(value: object, fail) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^/\s#?]+(/[^\s#]*)?", value):
        raise fail("help-uri", " must be the absolute http(s) address of a copy of cplint's "
                               "docs/rules.md, without a #fragment, like \"https://git.example."
                               "org/team/cpdsl/blob/v0.1.0/docs/rules.md\"")
    return value


def _line_length(value: object, fail) -> int:
    low, high = LINE_LENGTH_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise fail("line-length", f" must be a whole number of characters from {low} to "
                                  f"{high}, like 100, not {toml_value(value)}")
    return value


# -- reading -------------------------------------------------------------------------------


def shown(path: str) -> str:
    """A path as messages give it: relative to the current folder where it is under it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative


def _read_bytes(path: str, error=ConfigError) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as problem:
        raise error(f"{shown(path)}: cannot be read ({problem.strerror or problem})") from None


def _parsetoml_value(data: bytes, path: str) -> dict:
    from cpdsl.toml_text import NotToml, parse_toml

    try:
        return parse_toml(data)
    except NotToml as problem:
        raise ConfigError(f"{shown(path)}: {problem}") from None


def _readtoml_value(path: str) -> dict:
    return _parsetoml_value(_read_bytes(path), path)

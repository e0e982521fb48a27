"""How one open plan is judged: its configuration (found upwards from the plan as the
command line finds it, so the editor and CI agree), the client's settings over it as
`configurationPreference` says (ruff's names), and the date.

- `filesystemFirst` (the default): a cplint.toml or [tool.cplint] that applies to the plan
  decides; the editor's `select`, `ignore` and `profile` only where no file does.
- `editorFirst`: the editor's settings where set, the file's for the rest.
- `editorOnly`: configuration files are not read.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import NamedTuple

from cpdsl.config import (
    Config,
    ConfigError,
    ConfigFinder,
    default_config,
    options_of,
    parse_config,
    read_config_file,
)
from cpdsl.config import DEFAULT_OPTIONS, LintOptions
from cpdsl.formatting import DEFAULT_LINE_LENGTH

from cpdsl_lsp.settings import Settings

EDITOR_SETTINGS = "cplint settings"  # how messages name the editor's settings


class Judging(NamedTuple):
    today: dt.date
    relative_to: str  # the plan's folder: a profile path in it is read from there
    options: LintOptions
    help_uri: str | None
    line_length: int
    config_path: str | None  # the file that applied (logged, so a user can tell why)
    problem: str | None  # a configuration that could not be used, in a sentence


def judging_for(path: str | None, settings: Settings, finder: ConfigFinder,
                today: dt.date) -> Judging:
    """How to analyse the plan at `path` (None: a document not saved anywhere)."""
    plan = os.path.abspath(path) if path else os.path.join(os.getcwd(), "untitled.cp")
    folder = os.path.dirname(plan)
    today = settings.today or today
    problem = None
    config = default_config(folder)
    if settings.configuration_preference != "editorOnly":
        try:
            config = (read_config_file(settings.configuration) if settings.configuration
                      else finder.config_for(plan))
        except ConfigError as error:
            problem = str(error)
    editor = _editor_table(settings)
    if editor and (settings.configuration_preference != "filesystemFirst" or config.path is None):
        try:
            config = _over(config, parse_config(editor, os.path.join(folder, EDITOR_SETTINGS)),
                           editor)
        except ConfigError as error:
            problem = problem or str(error)
    options = options_of(config, plan) if config.path else DEFAULT_OPTIONS
    return Judging(today, folder, options, settings.help_uri or config.help_uri,
                   config.line_length or DEFAULT_LINE_LENGTH, config.path, problem)


def _editor_table(settings: Settings) -> dict:
    """The editor's settings as a configuration file's keys."""
    table: dict = {}
    if settings.select is not None:
        table["select"] = list(settings.select)
    if settings.ignore:
        table["ignore"] = list(settings.ignore)
    if settings.profile:
        table["profile"] = settings.profile
    return table


def _over(file: Config, editor: Config, keys: dict) -> Config:
    """The editor's choices over the file's configuration (its severities, per-file
    ignores and the rest kept)."""
    chooses_rules = "select" in keys or "ignore" in keys
    return Config(file.path or editor.path, file.root,
                  editor.enabled if chooses_rules else file.enabled, file.per_file_ignores,
                  file.severity, editor.profile if "profile" in keys else file.profile,
                  file.fail_on, file.help_uri, file.line_length)

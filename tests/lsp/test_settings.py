"""The client's settings, read leniently, and how they meet the configuration files."""

from __future__ import annotations

import datetime as dt

import pytest
from cpdsl_lsp.judging import judging_for
from cpdsl_lsp.settings import Settings, read_settings

from cpdsl.config import ConfigFinder

TODAY = dt.date(2026, 3, 1)


def test_no_settings_are_the_defaults():
    assert read_settings(None) == (Settings(), [])
    assert read_settings({}) == (Settings(), [])


def test_every_setting_is_read():
    settings, problems = read_settings({
        "enable": False, "configuration": "team/cplint.toml",
        "configurationPreference": "editorFirst", "profile": "wales",
        "select": ["CP3", "CP401"], "ignore": ["CP508"], "today": "2026-05-01",
        "lint": {"run": "onSave", "delay": 250}, "fixAll": False, "unsafeFixes": True,
        "helpUri": "https://docs.example.org/rules.md", "logLevel": "debug",
        "path": ["cplint"], "interpreter": ["/usr/bin/python3"], "trace": {"server": "off"}})
    assert problems == []
    assert settings == Settings(
        enable=False, configuration="team/cplint.toml", configuration_preference="editorFirst",
        profile="wales", select=("CP3", "CP401"), ignore=("CP508",),
        today=dt.date(2026, 5, 1), lint_run="onSave", lint_delay=0.25, fix_all=False,
        unsafe_fixes=True, help_uri="https://docs.example.org/rules.md", log_level="debug")


def test_a_bad_setting_keeps_its_default_and_is_named():
    settings, problems = read_settings({
        "enable": "yes", "today": "1 May", "select": "CP3", "lint": {"delay": -5},
        "profil": "wales", "configurationPreference": "fileFirst"})
    assert settings == Settings()
    assert problems == [
        "unknown setting `cplint.profil`",
        "`cplint.enable` must be true or false, not 'yes'",
        "`cplint.configurationPreference` must be filesystemFirst or editorFirst or "
        "editorOnly, not 'fileFirst'",
        "`cplint.select` must be a list of rule codes, prefixes or names, not 'CP3'",
        "`cplint.today` must be a date like 2026-05-01, not '1 May'",
        "`cplint.lint.delay` must be a number of milliseconds, not -5",
    ]


def test_settings_that_are_not_an_object():
    assert read_settings(["profile"]) == (
        Settings(), ["the cplint settings must be an object, not list"])


@pytest.fixture
def project(tmp_path):
    (tmp_path / "cplint.toml").write_text('profile = "bolton"\nignore = ["CP5"]\n',
                                          encoding="utf-8")
    (tmp_path / "plans").mkdir()
    return tmp_path


def test_the_file_decides_by_default(project):
    settings = Settings(profile="wales", ignore=("CP3",))
    judging = judging_for(str(project / "plans" / "a.cp"), settings, ConfigFinder(), TODAY)
    assert judging.config_path == str(project / "cplint.toml")
    assert judging.options.default_profile.name == "bolton"
    assert "CP501" not in judging.options.enabled and "CP302" in judging.options.enabled


def test_the_editor_decides_where_no_file_does(tmp_path):
    settings = Settings(profile="wales", ignore=("CP3",), today=dt.date(2026, 5, 1))
    judging = judging_for(str(tmp_path / "a.cp"), settings, ConfigFinder(), TODAY)
    assert judging.today == dt.date(2026, 5, 1)
    assert judging.options.default_profile.name == "wales"
    assert "CP302" not in judging.options.enabled and "CP501" in judging.options.enabled


def test_editor_first_takes_the_editors_choices_over_the_file(project):
    settings = Settings(configuration_preference="editorFirst", profile="wales")
    judging = judging_for(str(project / "plans" / "a.cp"), settings, ConfigFinder(), TODAY)
    assert judging.options.default_profile.name == "wales"
    assert "CP501" not in judging.options.enabled  # the file's ignore stays


def test_editor_only_reads_no_file(project):
    settings = Settings(configuration_preference="editorOnly")
    judging = judging_for(str(project / "plans" / "a.cp"), settings, ConfigFinder(), TODAY)
    assert judging.config_path is None and judging.options.enabled is None


def test_a_bad_configuration_file_is_a_problem_not_a_failure(tmp_path):
    (tmp_path / "cplint.toml").write_text('selekt = ["CP3"]\n', encoding="utf-8")
    judging = judging_for(str(tmp_path / "a.cp"), Settings(), ConfigFinder(), TODAY)
    assert judging.problem.endswith("cplint.toml: unknown key `selekt`; did you mean "
                                    "`select`? (the keys are: select, ignore, extend-select, "
                                    "per-file-ignores, severity, profile, fail-on, help-uri, "
                                    "line-length)")
    assert judging.options.enabled is None


def test_a_bad_editor_selection_is_a_problem(tmp_path):
    judging = judging_for(str(tmp_path / "a.cp"), Settings(select=("CP999",)), ConfigFinder(),
                          TODAY)
    assert "`select`" in judging.problem and "CP999" in judging.problem

"""The VS Code extension (lsp/vscode/): it builds from its lock file, its tests and the
grammar's tests pass, every example plan is coloured throughout, and the .vsix holds what a
running extension needs and nothing of its sources; its settings are the ones the server
reads, with the server's defaults.

The build runs in a copy of lsp/vscode, so that no node_modules are left in the checkout
(about 40 s, most of it `npm ci`). Skipped when `npm` is missing, except in CI, where it
must be installed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cpdsl import __version__
from cpdsl_lsp.settings import KNOWN, Settings, read_settings

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "lsp" / "vscode"
EXAMPLES = sorted((ROOT / "examples").rglob("*.cp"))
GRAMMAR_TESTS = sorted((EXTENSION / "tests" / "grammar").glob("*.cp"))


def manifest() -> dict:
    return json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))


def contributed() -> dict[str, dict]:
    """The `cplint.*` settings package.json contributes, by name without `cplint.`."""
    properties = manifest()["contributes"]["configuration"]["properties"]
    return {name.removeprefix("cplint."): value for name, value in properties.items()}


def nested(values: dict[str, object]) -> dict:
    """Dotted settings as VS Code hands them to the server: `lint.run` inside `lint`."""
    tree: dict = {}
    for name, value in values.items():
        *outer, last = name.split(".")
        place = tree
        for part in outer:
            place = place.setdefault(part, {})
        place[last] = value
    return tree


# -- the settings (no npm needed) ----------------------------------------------------------


def test_the_extension_contributes_exactly_the_settings_the_server_knows():
    assert {name.split(".")[0] for name in contributed()} == KNOWN


def test_the_extensions_defaults_are_the_servers_defaults():
    defaults = nested({name: value["default"] for name, value in contributed().items()})
    assert read_settings(defaults) == (Settings(), [])


def test_every_choice_the_settings_editor_offers_is_one_the_server_takes():
    fields = {"configurationPreference": "configuration_preference", "lint.run": "lint_run",
              "logLevel": "log_level"}
    offered = {name: value["enum"] for name, value in contributed().items() if "enum" in value}
    assert set(offered) == {*fields, "trace.server"}  # trace.server is VS Code's own
    for name, field in fields.items():
        for choice in offered[name]:
            settings, problems = read_settings(nested({name: choice}))
            assert (getattr(settings, field), problems) == (choice, [])


def test_the_path_settings_are_machine_overridable_and_restricted_when_untrusted():
    settings = contributed()
    assert settings["path"]["scope"] == settings["interpreter"]["scope"] == "machine-overridable"
    assert manifest()["capabilities"]["untrustedWorkspaces"] == {
        "supported": "limited",
        "description": manifest()["capabilities"]["untrustedWorkspaces"]["description"],
        "restrictedConfigurations": ["cplint.path", "cplint.interpreter"],
    }


# -- the build, in a copy ------------------------------------------------------------------


def find_npm() -> str:
    npm = shutil.which("npm")
    if npm is None:
        if os.environ.get("CI"):
            pytest.fail("npm is missing: CI must build the VS Code extension (Node.js and npm)")
        pytest.skip("npm is not installed, so the VS Code extension is not built here")
    return npm


def run(command: list[str], folder: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run a build step; a failure shows everything the step printed."""
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True,
                            timeout=timeout, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, (
        f"`{' '.join(command)}` exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of lsp/vscode with its node_modules installed by `npm ci` and `out/` compiled."""
    npm = find_npm()
    copy = tmp_path_factory.mktemp("vscode") / "vscode"
    shutil.copytree(EXTENSION, copy,
                    ignore=shutil.ignore_patterns("node_modules", "out", "*.vsix"))
    run([npm, "ci", "--no-audit", "--no-fund"], copy)
    run([npm, "run", "compile"], copy)
    return copy


def test_the_extensions_unit_tests_pass(built: Path):
    result = run([find_npm(), "test"], built)
    assert "\n# fail 0\n" in result.stdout
    assert "\n# pass 0\n" not in result.stdout


def test_the_grammar_tests_pass(built: Path):
    assert len(GRAMMAR_TESTS) >= 4
    result = run([str(built / "node_modules" / ".bin" / "vscode-tmgrammar-test"),
                  "tests/grammar/*.cp"], built, timeout=120)
    assert result.stdout.splitlines() == [
        f"✓ tests/grammar/{test.name} run successfuly." for test in GRAMMAR_TESTS]


def test_every_example_plan_is_coloured_throughout(built: Path):
    result = run(["node", "tests/check-unscoped.js", *map(str, EXAMPLES)], built, timeout=120)
    assert result.stdout == f"{len(EXAMPLES)} plans tokenized, 0 unscoped pieces\n"


def test_misspelt_keywords_are_left_uncoloured(built: Path, tmp_path: Path):
    plan = tmp_path / "slips.cp"
    plan.write_text('plan "Slips" {\n  chair sam\n  membr kerry { nmae "Kerry Example" }\n}\n',
                    encoding="utf-8")
    result = subprocess.run(["node", "tests/check-unscoped.js", str(plan)], cwd=built,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (1, (
        f'{plan}:3:3: "membr kerry" has no scope\n'
        f'{plan}:3:17: "nmae" has no scope\n'
        "1 plans tokenized, 2 unscoped pieces\n"))


def smoke(built: Path, settings: dict[str, object]) -> dict:
    """What the real server says when started as the extension starts it, with these
    settings as VS Code would give them (tests/smoke-server.js)."""
    result = run(["node", "tests/smoke-server.js", sys.executable, json.dumps(settings)], built,
                 timeout=120)
    return json.loads(result.stdout)


def test_the_server_starts_as_the_extension_starts_it_and_takes_its_settings(built: Path):
    said = smoke(built, {"configuration": "cplint.toml", "configurationPreference": "editorFirst",
                         "profile": "wales", "ignore": ["CP201"], "today": "2026-03-01",
                         "lint.run": "onSave", "lint.delay": 300, "path": "", "interpreter": ""})
    expected = Settings(configuration=str(built / "cplint.toml"),
                        configuration_preference="editorFirst", profile="wales",
                        ignore=("CP201",), today=dt.date(2026, 3, 1), lint_run="onSave",
                        lint_delay=0.3)
    assert said["version"] == __version__
    assert f"; settings {expected._asdict()}" in said["debugInformation"]
    assert said["warnings"] == []


def test_a_setting_the_server_cannot_use_is_logged(built: Path):
    said = smoke(built, {"today": "1 March"})
    assert [line.split(" ", 2)[2] for line in said["warnings"]] == [
        "WARNING cplint.lsp: `cplint.today` must be a date like 2026-05-01, not '1 March'"]
    assert f"; settings {Settings()._asdict()}" in said["debugInformation"]


def test_the_vsix_holds_the_extension_and_none_of_its_sources(built: Path):
    run([str(built / "node_modules" / ".bin" / "vsce"), "package", "--skip-license",
         "--allow-missing-repository", "--out", "cpdsl.vsix"], built, timeout=180)
    with zipfile.ZipFile(built / "cpdsl.vsix") as vsix:
        names = set(vsix.namelist())
    own = {name for name in names
           if name.startswith("extension/") and not name.startswith("extension/node_modules/")}
    assert own == {
        "extension/package.json",
        "extension/readme.md",
        "extension/language-configuration.json",
        "extension/syntaxes/cpdsl.tmLanguage.json",
        "extension/out/extension.js",
        "extension/out/launch.js",
        "extension/out/probe.js",
        "extension/out/server.js",
        "extension/out/settings.js",
    }
    assert "extension/node_modules/vscode-languageclient/lib/node/main.js" in names
    assert not any(name.startswith("extension/node_modules/" + dev) for name in names
                   for dev in ("typescript/", "@vscode/vsce/", "vscode-tmgrammar-test/"))

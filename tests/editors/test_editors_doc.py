"""docs/editors.md's Neovim set-ups run as written: each Lua block made for a Neovim no
newer than the one installed is the whole init.lua of a headless Neovim, which finds
`cplint` on PATH as a user's would, once as it stands and once with the page's settings
table in place of `vim.empty_dict()`; the problems of examples/amy.cp must come back, with
the settings' effect."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from headless_nvim import find_nvim, nvim_version, probe, step

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "editors.md"
LUA_BLOCK = re.compile(r"^```lua\n(.*?)^```$", re.S | re.M)
SINCE = re.compile(r"^-- Neovim (\d+)\.(\d+) and later")
NO_SETTINGS = 'local cplint_settings = vim.empty_dict() -- or your settings: see "Settings"\n'
VERSIONS = [(0, 7), (0, 8), (0, 11)]


def set_ups() -> dict[tuple[int, int], str]:
    """The page's Neovim set-ups, by the first version each is for."""
    found = {}
    for block in LUA_BLOCK.findall(PAGE.read_text(encoding="utf-8")):
        since = SINCE.match(block)
        if since:
            found[int(since[1]), int(since[2])] = block
    return found


def settings_table() -> str:
    [block] = [block for block in LUA_BLOCK.findall(PAGE.read_text(encoding="utf-8"))
               if block.startswith("local cplint_settings = {")]
    return block


@pytest.fixture(scope="module")
def nvim() -> str:
    return find_nvim()


def test_the_page_has_a_set_up_for_each_of_neovims_ways():
    blocks = set_ups()
    assert list(blocks) == VERSIONS
    for block in blocks.values():
        assert block.count(NO_SETTINGS) == 1
        assert 'cmd = { "cplint", "lsp" }' in block
    assert 'ignore = { "CP508" }' in settings_table()


@pytest.mark.parametrize("with_settings", [False, True], ids=["no settings", "settings"])
@pytest.mark.parametrize("since", VERSIONS, ids=[f"{major}.{minor}" for major, minor in VERSIONS])
def test_a_set_up_runs_as_written(nvim, since, with_settings, tmp_path):
    installed = nvim_version(nvim)
    if installed[:2] < since:
        pytest.skip(f"the block for Neovim {since[0]}.{since[1]} and later; this is "
                    f"{'.'.join(map(str, installed))}")
    programs = Path(sys.executable).parent  # where the environment's `cplint` is
    assert (programs / "cplint").exists(), f"no cplint beside {sys.executable}"
    init = set_ups()[since]
    if with_settings:
        init = init.replace(NO_SETTINGS, settings_table())
    (tmp_path / "init.lua").write_text(init, encoding="utf-8")
    caseload = tmp_path / "caseload"
    caseload.mkdir()
    shutil.copy(ROOT / "examples" / "amy.cp", caseload / "amy.cp")

    found = probe(nvim, caseload / "amy.cp", [step("diagnostics")], caseload,
                  init=tmp_path / "init.lua", path_first=str(programs))

    codes = {diagnostic["code"] for diagnostic in found["steps"][0]}
    assert {diagnostic["source"] for diagnostic in found["steps"][0]} == {"cplint"}
    assert "CP512" in codes  # no assessment arranged: whatever the date
    assert ("CP508" in codes) is not with_settings  # unsigned: the settings ignore it

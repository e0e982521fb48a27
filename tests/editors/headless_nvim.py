"""Running a headless Neovim with cplint's language server attached, for the editor tests:
which `nvim` to use, its version, and one run of tests/editors/probe.lua over a plan.

Each run is a fresh Neovim in its own XDG folders (no user configuration, plugins, shada
or swap files from the machine), started in the plan's workspace with
`nvim --headless --noplugin -i NONE -u INIT PLAN`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
INIT = HERE / "init.lua"
PROBE = HERE / "probe.lua"
# The examples are written for this date: their findings are the same every day.
SETTINGS = {"today": "2026-03-01"}
SERVER = [sys.executable, "-m", "cpdsl", "lsp"]
# Only against a Neovim that hangs: a run takes one to three seconds.
RUN_LIMIT = 120  # seconds


def find_nvim() -> str:
    """The Neovim to test with: $CPLINT_TEST_NVIM, else `nvim` on PATH. Without one the
    tests are skipped, except in CI, which must install it (.ci/run)."""
    found = os.environ.get("CPLINT_TEST_NVIM") or shutil.which("nvim")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("nvim is not installed, and CI must run the Neovim tests: "
                    "install Debian's neovim package in .ci/run", pytrace=False)
    pytest.skip("nvim is not installed (apt-get install neovim): "
                "the headless Neovim tests run in CI")


def nvim_version(nvim: str) -> tuple[int, int, int]:
    first = subprocess.run([nvim, "--version"], capture_output=True, text=True,
                           check=True, timeout=RUN_LIMIT).stdout.splitlines()[0]
    found = re.search(r"v(\d+)\.(\d+)\.(\d+)", first)
    assert found, f"no version in {first!r}"
    return int(found[1]), int(found[2]), int(found[3])


def step(action: str, **where) -> dict:
    """One step of probe.lua: `diagnostics`, `hover`, `definition`, `code_action`,
    `completion`, `rename` (to `new_name`), `format`, `write_file` or `append_line`; `line`
    counts from 1 and `col` (bytes) from 0, as Neovim's cursor."""
    return {"do": action, **where}


def probe(nvim: str, plan: Path, steps: list[dict], workspace: Path, *,
          init: Path = INIT, path_first: str | None = None) -> dict:
    """Open `plan` in a headless Neovim started in `workspace` with `init` as its
    configuration, do the steps, and return what probe.lua wrote: the Neovim version, the
    position encoding agreed with the server and each step's result. `path_first` goes at
    the front of PATH (where a documented set-up finds `cplint`)."""
    scratch = workspace / ".nvim-run"
    scratch.mkdir(exist_ok=True)
    steps_file, out_file = scratch / "steps.json", scratch / "out.json"
    steps_file.write_text(json.dumps(steps), encoding="utf-8")
    out_file.unlink(missing_ok=True)
    env = {**os.environ,
           "CPLINT_LSP_CMD": json.dumps(SERVER),
           "CPLINT_LSP_SETTINGS": json.dumps(SETTINGS)}
    for kind in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{kind}_HOME"] = str(scratch / kind.lower())
    if path_first:
        env["PATH"] = os.pathsep.join([path_first, env.get("PATH", "")])
    command = [nvim, "--headless", "--noplugin", "-i", "NONE",
               "--cmd", f"lua cplint_probe = dofile({_lua(PROBE)})",
               "-u", str(init), str(plan),
               "-c", f"lua cplint_probe.run({_lua(steps_file)}, {_lua(out_file)})",
               "-c", "qa!"]
    done = subprocess.run(command, cwd=workspace, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=RUN_LIMIT)
    if done.returncode != 0 or not out_file.exists():
        pytest.fail(f"nvim exited with {done.returncode}\nstdout: {done.stdout}\n"
                    f"stderr: {done.stderr}", pytrace=False)
    return json.loads(out_file.read_text(encoding="utf-8"))


def _lua(path: Path) -> str:
    """A path as a Lua long string literal (no escapes inside)."""
    return f"[==[{path}]==]"

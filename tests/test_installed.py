"""cplint as users get it: the wheel, installed into a fresh venv, run as a process.

The wheel is built once and installed once (one test function); dependencies come from
the package index. A second test runs the editable install's own `cplint` process.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "amy.cp"
SUMMARY = re.compile(
    r"(All checks passed \(\d+ files?\)\.|Found \d+ problems? in \d+ files? \([^)]*\)\.)\n\Z")


def _env() -> dict[str, str]:
    """The environment without anything that would point Python at the source tree."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _run(args, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=_env(), capture_output=True,
                          text=True, timeout=timeout)


def _check_report(result: subprocess.CompletedProcess) -> None:
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), output
    assert "Traceback" not in output
    assert result.stderr == ""
    assert SUMMARY.search(result.stdout), result.stdout


def test_wheel_installs_into_a_fresh_venv_and_cplint_runs_outside_the_tree(tmp_path):
    dist = tmp_path / "dist"
    built = _run([sys.executable, "-m", "build", "--wheel", "--outdir", dist], cwd=ROOT)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("cpdsl-*.whl")

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "cpdsl/grammar/cpdsl.lark" in names
        assert "cpdsl/parsing/tables.pickle" in names
        assert "cpdsl_lsp/server.py" in names  # the language server, in the same wheel
        assert "cpdsl/docs/rules.md" in names  # which its diagnostics link to
        for template in ("pack.html.j2", "blocks.html.j2", "pack.css"):  # the pack's
            assert f"cpdsl/pack/shipped/{template}" in names
        grammar = archive.read("cpdsl/grammar/cpdsl.lark")
        tables = pickle.loads(archive.read("cpdsl/parsing/tables.pickle"))
    # The analysed tables shipped are those of the grammar shipped.
    assert grammar == (ROOT / "grammar" / "cpdsl.lark").read_bytes()
    assert tables["grammar_sha256"] == hashlib.sha256(grammar).hexdigest()

    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    installed = _run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                      wheel], cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(EXAMPLE, work / "amy.cp")

    # The package and its grammar come from the venv, not from the source tree.
    where = _run([python, "-c", "import cpdsl, cpdsl.parsing.grammar as g; "
                  "print(cpdsl.__file__); print(g.grammar_path())"], cwd=work)
    assert where.returncode == 0, where.stderr
    package_file, grammar_file = where.stdout.splitlines()
    assert Path(package_file).is_relative_to(venv)
    assert Path(grammar_file).is_relative_to(venv)
    assert not Path(package_file).is_relative_to(ROOT)

    result = _run([bin_dir / "cplint", "amy.cp", "--today", "2026-03-01"], cwd=work)
    _check_report(result)
    assert result.stdout.startswith("amy.cp:") or result.stdout == "All checks passed (1 file).\n"

    for fmt in ("concise", "json", "github"):
        other = _run([bin_dir / "cplint", "--format", fmt, "amy.cp"], cwd=work)
        assert other.returncode == result.returncode, other.stderr
        assert "Traceback" not in other.stdout + other.stderr

    # The papers, from the installed templates: HTML and Word packs, a calendar.
    for fmt in ("html", "docx"):
        made = _run([bin_dir / "cplint", "pack", "--today", "2026-03-01", "--format", fmt,
                     "-o", f"pack.{fmt}", "amy.cp"], cwd=work)
        assert made.returncode == 0, made.stderr
        assert (work / f"pack.{fmt}").stat().st_size > 1000
    ics = _run([bin_dir / "cplint", "schedule", "--today", "2026-03-01", "--ics", "amy.ics",
                "amy.cp"], cwd=work)
    assert ics.returncode == 0, ics.stderr
    assert (work / "amy.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")

    version = _run([python, "-m", "cpdsl", "--version"], cwd=work)
    assert version.returncode == 0, version.stderr
    assert re.fullmatch(r"cplint, version \d+\.\d+\.\d+\S*\n", version.stdout), version.stdout

    link = _first_diagnostic_link([bin_dir / "cplint", "lsp"], work / "amy.cp", work)
    assert link.startswith((venv / "lib").as_uri()) and "/cpdsl/docs/rules.md#cp" in link


def _first_diagnostic_link(server: list, plan: Path, cwd: Path) -> str:
    """Run the language server on one plan, as an editor would; the rules page its first
    diagnostic links to."""
    def message(body: dict) -> bytes:
        data = json.dumps(body).encode()
        return b"Content-Length: %d\r\n\r\n" % len(data) + data

    conversation = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": None, "capabilities": {},
            "initializationOptions": {"settings": {"today": "2026-03-01"}}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": plan.as_uri(), "languageId": "cpdsl", "version": 1,
            "text": plan.read_text(encoding="utf-8")}}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol",
         "params": {"textDocument": {"uri": plan.as_uri()}}},
        {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"}]
    done = subprocess.run(server, input=b"".join(map(message, conversation)), cwd=cwd,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    links = re.findall(rb'"href": "([^"]+)"', done.stdout)
    assert links, done.stdout[:2000]
    return links[0].decode()


def test_editable_install_cplint_process_on_the_example(tmp_path):
    cplint = Path(sys.executable).with_name("cplint")
    assert cplint.exists(), "the project is not installed in the interpreter running the tests"
    result = _run([cplint, EXAMPLE.relative_to(ROOT), "--today", "2026-03-01"], cwd=ROOT)
    _check_report(result)
    assert "examples/amy.cp" in result.stdout or result.stdout.startswith("All checks passed")
    # And from elsewhere, by its full path.
    again = _run([cplint, EXAMPLE, "--today", "2026-03-01"], cwd=tmp_path)
    _check_report(again)
    assert again.returncode == result.returncode
    # The language server from the checkout, linking to the checkout's rules page.
    shutil.copy(EXAMPLE, tmp_path / "amy.cp")
    link = _first_diagnostic_link([cplint, "lsp"], tmp_path / "amy.cp", tmp_path)
    assert link.startswith((ROOT / "docs" / "rules.md").as_uri() + "#cp")

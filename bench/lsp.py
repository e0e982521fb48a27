"""Time cplint's language server as an editor meets it: a real `cplint lsp` over stdio.

    .venv/bin/python bench/lsp.py                 # about 2 minutes
    .venv/bin/python bench/lsp.py --quick         # fewer iterations, rougher figures
    .venv/bin/python bench/lsp.py --edits 1000    # more keystrokes
    .venv/bin/python bench/lsp.py --profile /tmp/lsp.prof   # only (b), under cProfile
                                                            # (with its start and didOpen)

(a) start: from spawning `python -m cpdsl lsp` to the answer to `initialize` (a warm-up
    start, then the median of 10); target 1 s;
(b) a keystroke in the 3,000-line plan: from sending `didChange` (the whole text, as the
    server's Full sync asks) to receiving `publishDiagnostics` for that version; target p95
    50 ms. The keystrokes take turns: a letter typed inside a text string at a new place,
    then the older of the two typed letters removed; so every edit is one character at a
    place other than the edit before, the places are spread over the whole plan, the plan is
    never more than two letters from its original and its findings stay those of a real
    plan (the run stops if a syntax error appears);
(c) requests at places spread over the plan, on ids and statement keywords: hover,
    completion and definition (target p95 20 ms), documentSymbol, semanticTokens/full and
    codeAction (no target), each kind once before (not counted: it builds pygls'
    converters for its types); a method the server does not have yet is reported as such;
(d) memory: 20 different 3,000-line plans open, each opened after the last one's
    diagnostics arrived: the server's VmRSS once all are in (target under 150 MB) and its
    peak, VmHWM, from /proc/PID/status; then, as (b), a quarter as many keystrokes in one of
    them with all 20 open (reported under (b)).

The client is written here (asyncio, Content-Length framing, json), so that it costs the
timings little: a message is timed when its last byte has been read, before it is decoded,
and a request from when its bytes are written. Its capabilities have no
`textDocument.diagnostic`, so the server pushes diagnostics with the document's version,
and no workspace folder, so no workspace check runs beside the timings. Each server runs in
its own process as an installed tool does, with Python's bytecode cache. Run by hand; no
test runs it.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import itertools
import json
import math
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (bench/ is not a package)
from run import load, machine, show, verdict  # noqa: E402

PLAN = generate.DATA / "plan-3000.cp"
TODAY = "2026-03-01"  # fixed, so the findings do not change from day to day
START_S, KEYSTROKE_MS, REQUEST_MS, MEMORY_MB = 1.0, 50.0, 20.0, 150.0
OPEN_PLANS = 20
METHOD_NOT_FOUND = -32601
WHOLE_DOCUMENT = {"documentSymbol", "semanticTokens/full"}  # asked for with no place
SYNTAX_ERRORS = {"CP100", "CP101"}
WAIT_S = 60.0  # a reply slower than this means the server is stuck: stop with its log
# A text string, a block string or a comment: what an edit may type in, or a place skips.
LEXEMES = re.compile(r'"""[\s\S]*?"""|"([^"\n]*)"|#[^\n]*')
WORD = re.compile(r"[A-Za-z][\w-]*")
ID = re.compile(r"[a-z]+(?:-[a-z]+)*-?\d+")  # m3, child-1, o12: the plan's ids

# What a plain editor declares: pushed diagnostics with versions, markdown hovers,
# snippets, hierarchical symbols, full semantic tokens, code actions resolved lazily.
CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {
        "synchronization": {"didSave": True},
        "publishDiagnostics": {"relatedInformation": True, "versionSupport": True,
                               "tagSupport": {"valueSet": [1, 2]},
                               "codeDescriptionSupport": True},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "completion": {"completionItem": {"snippetSupport": True}},
        "definition": {"linkSupport": False},
        "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
        "semanticTokens": {"requests": {"full": True}, "tokenTypes": [], "tokenModifiers": [],
                           "formats": ["relative"]},
        "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": [
            "quickfix", "source", "source.fixAll"]}},
            "resolveSupport": {"properties": ["edit"]}},
    },
    "workspace": {"workspaceEdit": {"documentChanges": True}},
}


# -- the client ------------------------------------------------------------------------


class Reply(NamedTuple):
    """A request's answer: when it was sent and when its last byte arrived."""

    sent: float
    arrived: float
    result: Any
    error: dict | None

    @property
    def seconds(self) -> float:
        return self.arrived - self.sent


class Client:
    """A language client reduced to what the benchmark asks: requests, notifications, and
    the diagnostics pushed for one version of one document."""

    def __init__(self, process: asyncio.subprocess.Process, log: Path) -> None:
        self.process, self.log = process, log
        self._ids = itertools.count(1)
        self._answers: dict[int, asyncio.Future] = {}
        self._diagnostics: dict[tuple[str, int], asyncio.Future] = {}
        self.latest: dict[str, list[dict]] = {}  # uri -> the diagnostics pushed last
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, argv: list[str], log: Path) -> tuple[Client, Reply]:
        """Spawn the server and initialize it; the Reply's `sent` is the moment of spawning."""
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        spawned = time.perf_counter()
        with log.open("ab") as stderr:
            process = await asyncio.create_subprocess_exec(
                *argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                stderr=stderr, env=env, limit=1 << 20)
        client = cls(process, log)
        reply = await client.request("initialize", {
            "processId": os.getpid(), "rootUri": None, "capabilities": CAPABILITIES,
            "initializationOptions": {"settings": {"today": TODAY}},
            "clientInfo": {"name": "cplint-bench"}})
        if reply.error:
            raise SystemExit(f"initialize failed: {reply.error}")
        client.notify("initialized", {})
        return client, reply._replace(sent=spawned)

    @property
    def pid(self) -> int:
        return self.process.pid

    def _write(self, message: dict) -> float:
        body = json.dumps(message, ensure_ascii=False).encode()
        data = b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        sent = time.perf_counter()
        self.process.stdin.write(data)  # drained by the awaits that follow every write
        return sent

    def notify(self, method: str, params: dict) -> float:
        return self._write({"jsonrpc": "2.0", "method": method, "params": params})

    async def request(self, method: str, params: dict) -> Reply:
        number = next(self._ids)
        answer = self._answers[number] = asyncio.get_running_loop().create_future()
        sent = self._write({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        await self.process.stdin.drain()
        arrived, message = await self._wait(answer, method)
        return Reply(sent, arrived, message.get("result"), message.get("error"))

    def expect_diagnostics(self, uri: str, version: int) -> asyncio.Future:
        """Made before the edit is sent, so that a fast answer cannot be missed."""
        future = asyncio.get_running_loop().create_future()
        self._diagnostics[(uri, version)] = future
        return future

    async def diagnostics(self, future: asyncio.Future, what: str) -> tuple[float, dict]:
        await self.process.stdin.drain()
        return await self._wait(future, what)

    async def _wait(self, future: asyncio.Future, what: str):
        try:
            return await asyncio.wait_for(future, WAIT_S)
        except (asyncio.TimeoutError, ConnectionError) as error:
            raise SystemExit(f"no answer to {what} ({type(error).__name__}); the server's "
                             f"log ends:\n{self.log_tail()}") from None

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    async def _read(self) -> None:
        stdout = self.process.stdout
        try:
            while True:
                header = await stdout.readuntil(b"\r\n\r\n")
                length = int(re.search(rb"Content-Length: *(\d+)", header, re.I).group(1))
                body = await stdout.readexactly(length)
                self._dispatch(time.perf_counter(), json.loads(body))
        except (asyncio.IncompleteReadError, ConnectionError):
            gone = ConnectionError("the server closed its output")
            for future in [*self._answers.values(), *self._diagnostics.values()]:
                if not future.done():
                    future.set_exception(gone)

    def _dispatch(self, arrived: float, message: dict) -> None:
        method = message.get("method")
        if method is None:  # an answer to one of ours
            future = self._answers.pop(message.get("id"), None)
            if future is not None and not future.done():
                future.set_result((arrived, message))
        elif "id" in message:  # the server asks (a registration, say): agree, with nothing
            self._write({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif method == "textDocument/publishDiagnostics":
            params = message["params"]
            self.latest[params["uri"]] = params["diagnostics"]
            future = self._diagnostics.pop((params["uri"], params.get("version")), None)
            if future is not None and not future.done():
                future.set_result((arrived, params))

    async def stop(self) -> None:
        """Shut down as an editor does; a server that will not go is killed."""
        if self.process.returncode is None:
            try:
                await asyncio.wait_for(self.request("shutdown", {}), 10)
                self.notify("exit", {})
                await self.process.stdin.drain()
                await asyncio.wait_for(self.process.wait(), 30)
            except (asyncio.TimeoutError, ConnectionError, SystemExit):
                self.process.kill()
                await self.process.wait()
        self._reader.cancel()


def open_document(client: Client, uri: str, text: str) -> tuple[float, asyncio.Future]:
    """Send didOpen (version 1): when it was sent, and the diagnostics to wait for."""
    future = client.expect_diagnostics(uri, 1)
    sent = client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpdsl", "version": 1, "text": text}})
    return sent, future


# -- where to type and where to ask ------------------------------------------------------


def spread(items: list, count: int) -> list:
    """`count` items evenly over the list, in order (round again if it has too few)."""
    if len(items) >= count:
        return [items[i * len(items) // count] for i in range(count)]
    return [items[i % len(items)] for i in range(count)]


def typing_places(text: str) -> list[int]:
    """One offset inside each single-line text string of four or more characters, in the
    middle of it, in file order."""
    return [match.start(1) + len(match.group(1)) // 2 for match in LEXEMES.finditer(text)
            if match.group(1) is not None and len(match.group(1)) >= 4]


def keystrokes(text: str, count: int) -> Iterator[str]:
    """The plan after each keystroke: a letter typed at a new place while fewer than two
    are typed, else the older one removed (each edit one character, at a place other than
    the edit before)."""
    places = spread(typing_places(text), count // 2 + 1)
    typed: list[int] = []  # offsets in the original text that carry a typed letter
    upcoming = iter(places)
    for _ in range(count):
        if len(typed) < 2:
            typed.append(next(upcoming))
        else:
            typed.pop(0)
        pieces, last = [], 0
        for offset in sorted(typed):
            pieces += [text[last:offset], "q"]
            last = offset
        yield "".join(pieces) + text[last:]


class Place(NamedTuple):
    """Where a request asks, in LSP's 0-based lines and UTF-16 columns."""

    line: int
    middle: int  # inside the word: hover, definition
    end: int  # just after it, where a completion is asked for
    kind: str  # "a keyword" or "an id"


def request_places(text: str, count: int) -> list[Place]:
    """Statement keywords (the first word of a line) and ids, half each, spread over the
    plan, in file order; strings and comments are skipped."""
    code = LEXEMES.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    keywords, ids = [], []
    for number, (line, original) in enumerate(zip(code.split("\n"), text.split("\n"))):
        for position, word in enumerate(WORD.finditer(line)):
            if position and not ID.fullmatch(word.group(0)):
                continue
            units = [_utf16(original[:at]) for at in (word.start(), word.end())]
            middle = units[0] + (units[1] - units[0]) // 2
            place = Place(number, middle, units[1], "an id" if position else "a keyword")
            (keywords if position == 0 else ids).append(place)
    chosen = spread(keywords, count - count // 2) + spread(ids, count // 2)
    return sorted(chosen)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# -- the measurements ----------------------------------------------------------------------


class Row:
    """One line of the table: what was timed, its seconds, and its target if it has one."""

    def __init__(self, label: str, times: list[float], limit: float | None = None,
                 note: str = "") -> None:
        self.label, self.times, self.limit, self.note = label, times, limit, note

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        """Nearest rank: the smallest time that 95% of the runs are within."""
        ordered = sorted(self.times)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def server_argv(profile: Path | None) -> list[str]:
    """The server as an editor starts it, or under cProfile writing `profile` at exit."""
    if profile is None:
        return [sys.executable, "-m", "cpdsl", "lsp"]
    return [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "cpdsl", "lsp"]


async def starts(runs: int, log: Path) -> list[Row]:
    """(a): each server is started, initialized and shut down before the next."""
    times, cpu = [], []
    for turn in range(runs + 1):  # the first start writes the bytecode cache; dropped
        client, reply = await Client.start(server_argv(None), log)
        used = cpu_seconds(client.pid)
        await client.stop()
        if turn:
            times.append(reply.seconds)
            cpu.append(used)
    median = statistics.median(times)
    note = (f"median target <= {show(START_S)}: {verdict(median, START_S)}; "
            f"server cpu {show(statistics.median(cpu))} by then")
    return [Row(f"initialize answered, from spawning ({runs} starts)", times, note=note)]


class Editing(NamedTuple):
    """What (b) and (c) found on their server: the rows, and notes under (b)."""

    typed: list[Row]
    asked: list[Row]
    notes: list[str]


async def editing(edits: int, requests: int, folder: Path, log: Path,
                  profile: Path | None) -> Editing:
    """(b), then (c) on the same server with the 3,000-line plan open (under cProfile,
    only (b): the profile is of keystrokes)."""
    text = PLAN.read_text(encoding="utf-8")
    uri = (folder / PLAN.name).as_uri()
    client, _ = await Client.start(server_argv(profile), log)
    try:
        _, future = open_document(client, uri, text)
        _, opened = await client.diagnostics(future, "didOpen")
        check_syntax(opened, "the plan as generated")
        cpu_before = cpu_seconds(client.pid)
        keystroke, counts = await typing(client, uri, keystrokes(text, edits), 2)
        cpu = (cpu_seconds(client.pid) - cpu_before) / edits
        held = status(client.pid)
        await typing(client, uri, iter([text]), edits + 2)  # back as it was, for (c)
        notes = [f"findings: {len(opened['diagnostics'])} on opening, "
                 f"{min(counts)}-{max(counts)} after each keystroke",
                 f"server cpu {show(cpu)} a keystroke (user + system, /proc/PID/stat); "
                 f"after the keystrokes VmRSS {_mb(held['VmRSS'] * 1024)}"]
        typed = [Row(f"didChange to publishDiagnostics ({edits} keystrokes)", keystroke,
                     KEYSTROKE_MS / 1000)]
        asked = [] if profile else await ask(client, uri, request_places(text, requests))
    finally:
        await client.stop()
    return Editing(typed, asked, notes)


async def typing(client: Client, uri: str, texts: Iterator[str],
                 first_version: int) -> tuple[list[float], list[int]]:
    """Each text as the next version, from `first_version` on, once the last one's
    diagnostics are in: the seconds to each one's diagnostics, and how many findings they
    had."""
    seconds, counts = [], []
    for version, edited in enumerate(texts, start=first_version):
        future = client.expect_diagnostics(uri, version)
        sent = client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": edited}]})
        arrived, found = await client.diagnostics(future, f"didChange {version}")
        seconds.append(arrived - sent)
        counts.append(len(found["diagnostics"]))
        check_syntax(found, f"keystroke {version - 1}")
    return seconds, counts


def check_syntax(published: dict, what: str) -> None:
    wrong = [d for d in published["diagnostics"] if d.get("code") in SYNTAX_ERRORS]
    if wrong:
        line = wrong[0]["range"]["start"]["line"] + 1
        raise SystemExit(f"{what} has a syntax error on line {line}: {wrong[0]['message']}"
                         " (the benchmark's edits would not be a real plan's)")


async def ask(client: Client, uri: str, places: list[Place]) -> list[Row]:
    """Every kind of request at each place in turn, so that a busy moment of the machine
    falls on all of them alike."""
    document = {"uri": uri}
    diagnostics = client.latest.get(uri, [])

    def on_line(line: int) -> list[dict]:
        return [d for d in diagnostics
                if d["range"]["start"]["line"] <= line <= d["range"]["end"]["line"]]

    kinds = {
        "hover": lambda p: {"textDocument": document,
                            "position": {"line": p.line, "character": p.middle}},
        "completion": lambda p: {"textDocument": document,
                                 "position": {"line": p.line, "character": p.end},
                                 "context": {"triggerKind": 1}},
        "definition": lambda p: {"textDocument": document,
                                 "position": {"line": p.line, "character": p.middle}},
        "documentSymbol": lambda p: {"textDocument": document},
        "semanticTokens/full": lambda p: {"textDocument": document},
        "codeAction": lambda p: {"textDocument": document, "range": {
            "start": {"line": p.line, "character": 0}, "end": {"line": p.line + 1, "character": 0}},
            "context": {"diagnostics": on_line(p.line), "triggerKind": 1}},
    }
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    answered = dict.fromkeys(kinds, 0)
    slowest: dict[str, tuple[float, Place]] = {}
    missing: set[str] = set()
    first: dict[str, float] = {}  # the first ask of a kind also builds pygls' converters
    for kind, params in kinds.items():
        reply = await client.request(f"textDocument/{kind}", params(places[0]))
        if reply.error and reply.error.get("code") == METHOD_NOT_FOUND:
            missing.add(kind)
        first[kind] = reply.seconds
    for place in places:
        for kind, params in kinds.items():
            if kind in missing:
                continue
            reply = await client.request(f"textDocument/{kind}", params(place))
            if reply.error:
                raise SystemExit(f"{kind} at line {place.line + 1} failed: {reply.error}")
            times[kind].append(reply.seconds)
            answered[kind] += _not_empty(reply.result)
            if reply.seconds > slowest.get(kind, (0.0,))[0]:
                slowest[kind] = (reply.seconds, place)
    rows = []
    for kind in kinds:
        limit = REQUEST_MS / 1000 if kind in ("hover", "completion", "definition") else None
        label = f"{kind} ({len(places)} {'times' if kind in WHOLE_DOCUMENT else 'places'})"
        if kind in missing:
            rows.append(Row(label, [], limit, "not available yet (method not found)"))
            continue
        note = f"{answered[kind]} answers not empty; the first, not counted, {show(first[kind])}"
        if kind not in WHOLE_DOCUMENT:
            _, place = slowest[kind]
            note += f"; slowest at line {place.line + 1}, on {place.kind}"
        rows.append(Row(label, times[kind], limit, note))
    return rows


def _not_empty(result: Any) -> bool:
    if isinstance(result, dict) and "items" in result:  # a completion list
        return bool(result["items"])
    if isinstance(result, dict) and "data" in result:  # semantic tokens
        return bool(result["data"])
    return bool(result)


async def memory(count: int, edits: int, folder: Path, log: Path) -> tuple[list[Row], list[str]]:
    """(d): `count` plans, each a little different, opened one after the other; then
    `edits` keystrokes in the last, with all of them open."""
    text = PLAN.read_text(encoding="utf-8")
    client, _ = await Client.start(server_argv(None), log)
    try:
        await asyncio.sleep(0.5)  # whatever `initialized` starts has finished
        idle = status(client.pid)
        opening = []
        for number in range(1, count + 1):
            uri = (folder / f"copy-{number:02}" / PLAN.name).as_uri()
            copy = text.replace("generated by bench/generate.py",
                                f"generated by bench/generate.py, copy {number}", 1)
            sent, future = open_document(client, uri, copy)
            arrived, found = await client.diagnostics(future, f"didOpen of copy {number}")
            check_syntax(found, f"copy {number}")
            opening.append(arrived - sent)
        held = status(client.pid)
        # A full collection of Python's cyclic GC visits every open plan's objects.
        keystroke, _ = await typing(client, uri, keystrokes(copy, edits), 2)
    finally:
        await client.stop()
    rss, peak, before = (held["VmRSS"] * 1024, held["VmHWM"] * 1024, idle["VmRSS"] * 1024)
    lines = [f"  server, no plan open: VmRSS {_mb(before)}",
             f"  {count} plans of 3,000 lines open: VmRSS {_mb(rss)} "
             f"({(rss - before) / count / 2**20:.1f} MiB a plan); "
             f"target < {MEMORY_MB:.0f} MB: {verdict(rss / 1e6, MEMORY_MB)}",
             f"  peak of the process: VmHWM {_mb(peak)}"]
    rows = [Row(f"didOpen to publishDiagnostics ({count} new plans)", opening,
                note="no piece cached yet"),
            Row(f"didChange, {count} plans open ({edits} keystrokes)", keystroke,
                KEYSTROKE_MS / 1000)]
    return rows, lines


def _mb(size: float) -> str:
    return f"{size / 2**20:.0f} MiB ({size / 1e6:.0f} MB)"


def cpu_seconds(pid: int) -> float:
    """User + system seconds the process has used (/proc/PID/stat), whatever the wall
    clock did meanwhile: what the server itself costs on a busy machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status(pid: int) -> dict[str, int]:
    """The kB figures of /proc/PID/status (VmRSS, VmHWM ...)."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if value.strip().endswith(" kB"):
            found[name] = int(value.split()[0])
    return found


# -- the report --------------------------------------------------------------------------


Section = tuple[str, list[Row], list[str]]  # title, rows, notes under them


def table(sections: list[Section]) -> str:
    width = max(len(row.label) for _, rows, _ in sections for row in rows) + 2
    out = [f"  {'':<{width}}{'median':>9}{'p95':>9}{'max':>9}  target"]
    for title, rows, notes in sections:
        out.append(title)
        for row in rows:
            if not row.times:
                out.append(f"  {row.label:<{width}}{'':>27}  {row.note}")
                continue
            figures = "".join(f"{show(t):>9}" for t in (row.median, row.p95, max(row.times)))
            target = row.note
            if row.limit is not None:
                target = (f"p95 <= {show(row.limit)}: {verdict(row.p95, row.limit)}"
                          + (f"; {row.note}" if row.note else ""))
            out.append(f"  {row.label:<{width}}{figures}  {target}")
        out += [f"  {note}" for note in notes]
    return "\n".join(out)


def top_functions(profile: Path, count: int = 25) -> str:
    out = io.StringIO()
    stats = pstats.Stats(str(profile), stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(count)
    stats.sort_stats("tottime").print_stats(count)
    return out.getvalue()


async def run(args: argparse.Namespace) -> None:
    requests = 60 if args.quick else 200
    with tempfile.TemporaryDirectory(prefix="cplint-bench-lsp-") as scratch:
        folder, log = Path(scratch), Path(scratch) / "server.log"
        started = [] if args.profile else await starts(3 if args.quick else 10, log)
        edited = await editing(args.edits, requests, folder, log, args.profile)
        crowded, held = (([], []) if args.profile else
                         await memory(OPEN_PLANS, max(1, args.edits // 4), folder, log))
        problems = [line for line in log.read_text(errors="replace").splitlines()
                    if ("ERROR" in line or "Traceback" in line)
                    and "MethodNotFound" not in line]  # the answers to (c)'s first asks
    if args.profile:
        sections: list[Section] = [(f"(b) keystroke, {PLAN.name}, the server under cProfile",
                                    edited.typed, edited.notes)]
    else:
        sections = [("(a) start", started, []),
                    (f"(b) keystroke, {PLAN.name}", [*edited.typed, *crowded], edited.notes),
                    (f"(c) requests, {PLAN.name}", edited.asked, [])]
    print(table(sections))
    if held:
        print("(d) memory, /proc/PID/status of the server\n" + "\n".join(held))
    if problems:
        print("\nthe server logged errors:\n" + "\n".join(problems[:10]))
    if args.profile:
        print(f"\nprofile of the server while typing: {args.profile}\n")
        print(top_functions(args.profile))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer iterations: a rough look")
    parser.add_argument("--edits", type=int, help="keystrokes to time (default 400, quick 60)")
    parser.add_argument("--profile", type=Path, metavar="FILE",
                        help="only (b), with the server under cProfile: write FILE, print its top")
    args = parser.parse_args()
    if args.edits is None:
        args.edits = 60 if args.quick else 400
    if args.edits < 1:
        parser.error("--edits must be at least 1")
    if generate.write_all():
        print(f"generated the plans in {generate.DATA}")
    start_load = load()
    print(f"machine: {machine()}; a shared machine: other work shows in the spread")
    print(f"{start_load} at the start\n", flush=True)
    asyncio.run(run(args))
    print(f"\n{load()} at the end (at the start: {start_load.removeprefix('load average ')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

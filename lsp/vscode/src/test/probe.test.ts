/** Asking a program its version before starting it as the server (src/probe.ts). */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";

import { Launch } from "../launch";
import { probe } from "../probe";

/** This Node, run with a script in place of the version arguments. */
function node(script: string): Launch {
  return { command: process.execPath, args: [], versionArgs: ["-e", script], source: "a test" };
}

test("a program that answers gives the first line it printed", async () => {
  assert.deepEqual(await probe(node("console.log('\\ncplint, version 9.9.9\\nmore')"), undefined),
                   { ok: true, version: "cplint, version 9.9.9" });
});

test("a missing program is named as missing", async () => {
  const missing = path.join(os.tmpdir(), "no-such-cplint-here", "cplint");
  assert.deepEqual(await probe({ ...node(""), command: missing }, undefined),
                   { ok: false, reason: "no such program" });
});

test("a Python without cpdsl is reported by its traceback's last line", async () => {
  const script = "console.error('Traceback (most recent call last):\\n  File ...\\n"
    + "ModuleNotFoundError: No module named \\'cpdsl\\'\\n'); process.exit(1)";
  assert.deepEqual(await probe(node(script), undefined),
                   { ok: false, reason: "it failed: ModuleNotFoundError: No module named 'cpdsl'" });
});

test("a file that is not a program is reported as such", { skip: process.platform === "win32" },
     async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cplint-probe-"));
  const file = path.join(folder, "cplint");
  fs.writeFileSync(file, "not a program\n", { mode: 0o644 });
  assert.deepEqual(await probe({ ...node(""), command: file }, undefined),
                   { ok: false, reason: "it is not a program that can be run" });
});

test("the version is asked in the workspace folder", async () => {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "cplint-probe-")));
  assert.deepEqual(await probe(node("console.log(process.cwd())"), folder),
                   { ok: true, version: folder });
});

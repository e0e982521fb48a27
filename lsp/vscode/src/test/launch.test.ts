/** How the extension finds the program that runs the cplint server (src/launch.ts). */
import { strict as assert } from "assert";
import { test } from "node:test";

import { Launch, Place, launches } from "../launch";

function place(overrides: Partial<Place> = {}, files: string[] = []): Place {
  return {
    folder: "/home/sam/plans",
    home: "/home/sam",
    trusted: true,
    windows: false,
    isFile: (file) => files.includes(file),
    ...overrides,
  };
}

const ON_PATH: Launch = {
  command: "cplint", args: ["lsp"], versionArgs: ["--version"], source: "cplint on PATH",
};

test("with no settings and no virtual environment, cplint is looked for on PATH", () => {
  assert.deepEqual(launches("", "", place()), [ON_PATH]);
});

test("the folder's .venv, then its venv, come before PATH in a trusted workspace", () => {
  const files = ["/home/sam/plans/.venv/bin/cplint", "/home/sam/plans/venv/bin/cplint"];
  assert.deepEqual(launches("", "", place({}, files)), [
    { command: "/home/sam/plans/.venv/bin/cplint", args: ["lsp"], versionArgs: ["--version"],
      source: "the workspace's .venv" },
    { command: "/home/sam/plans/venv/bin/cplint", args: ["lsp"], versionArgs: ["--version"],
      source: "the workspace's venv" },
    ON_PATH,
  ]);
});

test("a workspace that is not trusted never runs a program from its own folder", () => {
  const files = ["/home/sam/plans/.venv/bin/cplint"];
  assert.deepEqual(launches("", "", place({ trusted: false }, files)), [ON_PATH]);
});

test("on Windows the virtual environment's program is Scripts\\cplint.exe", () => {
  const windows = place({ folder: "C:\\Users\\sam\\plans", home: "C:\\Users\\sam", windows: true },
                        ["C:\\Users\\sam\\plans\\.venv\\Scripts\\cplint.exe"]);
  assert.deepEqual(launches("", "", windows).map((each) => each.command),
                   ["C:\\Users\\sam\\plans\\.venv\\Scripts\\cplint.exe", "cplint"]);
});

test("cplint.path is the only program tried, with ~ and ${workspaceFolder} filled in", () => {
  const files = ["/home/sam/plans/.venv/bin/cplint"];
  assert.deepEqual(launches("~/.local/bin/cplint", "", place({}, files)), [{
    command: "/home/sam/.local/bin/cplint", args: ["lsp"], versionArgs: ["--version"],
    source: "the cplint.path setting (~/.local/bin/cplint)",
  }]);
  assert.equal(launches("${workspaceFolder}/tools/cplint", "", place())[0].command,
               "/home/sam/plans/tools/cplint");
  assert.equal(launches("${userHome}/bin/cplint", "", place())[0].command, "/home/sam/bin/cplint");
});

test("a relative cplint.path is taken from the workspace folder, a bare name from PATH", () => {
  assert.equal(launches("tools/../bin/cplint", "", place())[0].command, "/home/sam/plans/bin/cplint");
  assert.equal(launches("./cplint", "", place())[0].command, "/home/sam/plans/cplint");
  assert.equal(launches("cplint-dev", "", place())[0].command, "cplint-dev");
  assert.equal(launches("  /opt/cplint/bin/cplint  ", "", place())[0].command,
               "/opt/cplint/bin/cplint");
});

test("without a folder a relative path is left as written", () => {
  assert.equal(launches("tools/cplint", "", place({ folder: undefined }))[0].command, "tools/cplint");
  assert.equal(launches("${workspaceFolder}/cplint", "", place({ folder: undefined }))[0].command,
               "${workspaceFolder}/cplint");
});

test("on Windows both slashes separate folders and a drive makes a path absolute", () => {
  const windows = place({ folder: "C:\\plans", home: "C:\\Users\\sam", windows: true });
  assert.equal(launches(".venv\\Scripts\\cplint.exe", "", windows)[0].command,
               "C:\\plans\\.venv\\Scripts\\cplint.exe");
  assert.equal(launches("tools/cplint.exe", "", windows)[0].command, "C:\\plans\\tools\\cplint.exe");
  assert.equal(launches("D:\\cplint\\cplint.exe", "", windows)[0].command, "D:\\cplint\\cplint.exe");
  assert.equal(launches("~\\bin\\cplint.exe", "", windows)[0].command,
               "C:\\Users\\sam\\bin\\cplint.exe");
});

test("cplint.interpreter runs `python -m cpdsl lsp` and asks `-m cpdsl --version`", () => {
  assert.deepEqual(launches("", ".venv/bin/python", place()), [{
    command: "/home/sam/plans/.venv/bin/python",
    args: ["-m", "cpdsl", "lsp"],
    versionArgs: ["-m", "cpdsl", "--version"],
    source: "the cplint.interpreter setting (.venv/bin/python)",
  }]);
});

test("cplint.path wins over cplint.interpreter", () => {
  assert.deepEqual(launches("/opt/cplint", "/usr/bin/python3", place()).map((each) => each.command),
                   ["/opt/cplint"]);
});

test("a blank setting counts as not set", () => {
  assert.deepEqual(launches("   ", "\t", place()), [ON_PATH]);
});

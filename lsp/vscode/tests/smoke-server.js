#!/usr/bin/env node
// Starts the real cplint server the way the extension does (the launch of out/launch.js for
// `cplint.interpreter`, the settings of out/settings.js in initializationOptions), without
// VS Code, and asks it what it runs with: does the handshake work, and do the settings
// arrive as the server reads them?
//
//   node tests/smoke-server.js PYTHON '{"today": "2026-03-01", "lint.run": "onSave"}'
//
// Prints one JSON object: {"version", "debugInformation", "warnings"}, where `warnings` are
// the lines the server logged at warning level or above (a setting it could not use is one).
"use strict";

const childProcess = require("child_process");
const os = require("os");
const rpc = require("vscode-jsonrpc/node");
const { launches } = require("../out/launch");
const { serverSettings } = require("../out/settings");

async function main(python, given) {
  const place = {
    folder: process.cwd(), home: os.homedir(), trusted: false,
    windows: process.platform === "win32", isFile: () => false,
  };
  const [launch] = launches("", python, place);
  const values = JSON.parse(given);
  const settings = serverSettings({ get: (key) => values[key] }, place);

  const server = childProcess.spawn(launch.command, launch.args, { cwd: place.folder });
  let stderr = "";
  server.stderr.on("data", (chunk) => { stderr += chunk; });
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  connection.listen();

  const answer = await connection.sendRequest("initialize", {
    processId: process.pid, rootUri: null, capabilities: {},
    initializationOptions: { settings },
  });
  await connection.sendNotification("initialized", {});
  const debugInformation = await connection.sendRequest("workspace/executeCommand", {
    command: "cplint.printDebugInformation", arguments: [],
  });
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  await new Promise((resolve) => server.on("close", resolve));
  connection.dispose();

  const warnings = stderr.split(/\r?\n/).filter((line) => / (WARNING|ERROR|CRITICAL) /.test(line));
  console.log(JSON.stringify({ version: answer.serverInfo?.version ?? null, debugInformation,
                               warnings }));
}

const [python, given = "{}"] = process.argv.slice(2);
if (python === undefined) {
  console.error("usage: node tests/smoke-server.js PYTHON [SETTINGS_JSON]");
  process.exit(2);
}
main(python, given).catch((error) => {
  console.error(error);
  process.exit(1);
});

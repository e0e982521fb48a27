/** The settings object sent to the cplint server (src/settings.ts). */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { test } from "node:test";

import { Place } from "../launch";
import { SettingsSource, serverSettings } from "../settings";

const PLACE: Place = {
  folder: "/home/sam/plans", home: "/home/sam", trusted: true, windows: false, isFile: () => false,
};

/** Settings as VS Code gives them: the package.json defaults under what the user set. */
function source(set: Record<string, unknown> = {}): SettingsSource {
  const values: Record<string, unknown> = { ...defaults(), ...set };
  return { get: <T>(key: string) => values[key] as T | undefined };
}

function defaults(): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
  const properties: Record<string, { default: unknown }> = manifest.contributes.configuration.properties;
  return Object.fromEntries(Object.entries(properties).map(
    ([name, property]) => [name.replace(/^cplint\./, ""), property.default]));
}

test("the defaults are the server's defaults", () => {
  assert.deepEqual(serverSettings(source(), PLACE), {
    enable: true,
    configuration: null,
    configurationPreference: "filesystemFirst",
    profile: null,
    select: null,
    ignore: [],
    today: null,
    lint: { run: "onType", delay: 0 },
    fixAll: true,
    unsafeFixes: false,
    helpUri: null,
    logLevel: "info",
  });
});

test("every setting the user gives reaches the server", () => {
  assert.deepEqual(serverSettings(source({
    enable: false,
    configuration: "/home/sam/shared/cplint.toml",
    configurationPreference: "editorOnly",
    profile: "wales",
    select: ["CP3"],
    ignore: ["CP201", "vague-outcome"],
    today: "2026-03-01",
    "lint.run": "onSave",
    "lint.delay": 300,
    fixAll: false,
    unsafeFixes: true,
    helpUri: "https://guidance.example.org/cplint",
    logLevel: "debug",
  }), PLACE), {
    enable: false,
    configuration: "/home/sam/shared/cplint.toml",
    configurationPreference: "editorOnly",
    profile: "wales",
    select: ["CP3"],
    ignore: ["CP201", "vague-outcome"],
    today: "2026-03-01",
    lint: { run: "onSave", delay: 300 },
    fixAll: false,
    unsafeFixes: true,
    helpUri: "https://guidance.example.org/cplint",
    logLevel: "debug",
  });
});

test("the extension's own settings stay with the extension", () => {
  const sent = serverSettings(source({ path: "/opt/cplint", interpreter: "/usr/bin/python3" }), PLACE);
  assert.equal("path" in sent || "interpreter" in sent || "trace" in sent, false);
});

test("a configuration file is sent as a full path, a profile with its variables filled in", () => {
  const sent = serverSettings(source({
    configuration: "config/cplint.toml",
    profile: "${workspaceFolder}/profiles/northtown.toml",
  }), PLACE);
  assert.equal(sent.configuration, "/home/sam/plans/config/cplint.toml");
  assert.equal(sent.profile, "/home/sam/plans/profiles/northtown.toml");
  assert.equal(serverSettings(source({ configuration: "~/cplint.toml" }), PLACE).configuration,
               "/home/sam/cplint.toml");
});

test("blank text settings are not set", () => {
  const sent = serverSettings(source({ configuration: " ", profile: "", today: "", helpUri: "  " }),
                              PLACE);
  assert.deepEqual([sent.configuration, sent.profile, sent.today, sent.helpUri],
                   [null, null, null, null]);
});

test("every setting in package.json is sent to the server or is the extension's own", () => {
  const own = ["path", "interpreter", "trace.server"];
  const sent = serverSettings(source(), PLACE);
  const flat = Object.entries(sent).flatMap(([key, value]) =>
    key === "lint" ? Object.keys(value as object).map((inner) => `lint.${inner}`) : [key]);
  assert.deepEqual([...flat, ...own].sort(), Object.keys(defaults()).sort());
});

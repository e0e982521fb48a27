/**
 * The settings the cplint server reads (lsp/cpdsl_lsp/settings.py): one object, sent as
 * `initializationOptions.settings` at start and as the answer to the server's
 * `workspace/configuration` request for the `cplint` section afterwards, so that the
 * server always sees the same shape. `path` and `interpreter` stay with the extension.
 */
import type { Place } from "./launch";
import { expandVariables } from "./launch";
import * as nodePath from "path";

/** The part of `vscode.WorkspaceConfiguration` used here (a plain object in tests). */
export interface SettingsSource {
  get<T>(section: string): T | undefined;
}

export interface ServerSettings {
  enable: boolean;
  configuration: string | null;
  configurationPreference: string;
  profile: string | null;
  select: string[] | null;
  ignore: string[];
  today: string | null;
  lint: { run: string; delay: number };
  fixAll: boolean;
  unsafeFixes: boolean;
  helpUri: string | null;
  logLevel: string;
}

/** The server's settings from the `cplint` section, with unset values as the server's defaults. */
export function serverSettings(config: SettingsSource, place: Place): ServerSettings {
  const configuration = text(config.get<string | null>("configuration"));
  const profile = text(config.get<string | null>("profile"));
  return {
    enable: config.get<boolean>("enable") ?? true,
    configuration: configuration === null ? null : configurationPath(configuration, place),
    configurationPreference: config.get<string>("configurationPreference") ?? "filesystemFirst",
    // a profile is a name (`england`) or a path: only the variables are filled in
    profile: profile === null ? null : expandVariables(profile, place),
    select: config.get<string[] | null>("select") ?? null,
    ignore: config.get<string[]>("ignore") ?? [],
    today: text(config.get<string | null>("today")),
    lint: {
      run: config.get<string>("lint.run") ?? "onType",
      delay: config.get<number>("lint.delay") ?? 0,
    },
    fixAll: config.get<boolean>("fixAll") ?? true,
    unsafeFixes: config.get<boolean>("unsafeFixes") ?? false,
    helpUri: text(config.get<string | null>("helpUri")),
    logLevel: config.get<string>("logLevel") ?? "info",
  };
}

/** An empty or blank string means "not set", as the server's `_text` reads it. */
function text(value: string | null | undefined): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** The server opens this file itself, from its own working folder: hand it a full path. */
function configurationPath(value: string, place: Place): string {
  const paths = place.windows ? nodePath.win32 : nodePath.posix;
  const expanded = expandVariables(value, place);
  return paths.isAbsolute(expanded) || place.folder === undefined
    ? expanded
    : paths.resolve(place.folder, expanded);
}

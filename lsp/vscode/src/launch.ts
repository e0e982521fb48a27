/**
 * Which program runs the cplint language server, worked out from the settings and the
 * workspace alone (no VS Code API here, so it is tested with plain Node).
 *
 * The order (lsp/vscode/README.md, "How the extension finds cplint"):
 * 1. `cplint.path`, a cplint program;
 * 2. `cplint.interpreter`, a Python that has cpdsl installed (`python -m cpdsl lsp`);
 * 3. in a trusted workspace only, the folder's `.venv` or `venv`;
 * 4. `cplint` on PATH.
 * A setting the user wrote is the only one tried: falling back past it would quietly run
 * another cplint than the one asked for.
 */
import * as nodePath from "path";

/** One way to run the server, and how to ask it its version first. */
export interface Launch {
  command: string;
  args: string[];
  versionArgs: string[];
  /** Where it came from, for the log and the one error message. */
  source: string;
}

/** What the search depends on besides the two settings. */
export interface Place {
  /** The first workspace folder's path, if a folder is open. */
  folder: string | undefined;
  home: string;
  trusted: boolean;
  windows: boolean;
  isFile: (file: string) => boolean;
}

const SERVER_ARGS = ["lsp"];
const MODULE_ARGS = ["-m", "cpdsl"];
const VENVS = [".venv", "venv"];

/** The ways to try, in order; the first whose `--version` answers is used. */
export function launches(path: string, interpreter: string, place: Place): Launch[] {
  if (path.trim() !== "") {
    return [{
      command: resolveCommand(path, place),
      args: SERVER_ARGS,
      versionArgs: ["--version"],
      source: `the cplint.path setting (${path.trim()})`,
    }];
  }
  if (interpreter.trim() !== "") {
    return [{
      command: resolveCommand(interpreter, place),
      args: [...MODULE_ARGS, ...SERVER_ARGS],
      versionArgs: [...MODULE_ARGS, "--version"],
      source: `the cplint.interpreter setting (${interpreter.trim()})`,
    }];
  }
  const found: Launch[] = [];
  if (place.trusted && place.folder !== undefined) {
    for (const venv of VENVS) {
      const file = venvProgram(place.folder, venv, place.windows);
      if (place.isFile(file)) {
        found.push({ command: file, args: SERVER_ARGS, versionArgs: ["--version"],
                     source: `the workspace's ${venv}` });
      }
    }
  }
  found.push({ command: "cplint", args: SERVER_ARGS, versionArgs: ["--version"],
               source: "cplint on PATH" });
  return found;
}

/**
 * A path setting as a command: `~`, `${userHome}` and `${workspaceFolder}` filled in, a
 * relative path taken from the workspace folder, a bare name left for PATH to find.
 */
export function resolveCommand(value: string, place: Place): string {
  const paths = place.windows ? nodePath.win32 : nodePath.posix;
  const expanded = expandVariables(value.trim(), place);
  const separators = place.windows ? /[\\/]/ : /\//;
  if (!separators.test(expanded)) {
    return expanded;
  }
  if (paths.isAbsolute(expanded) || place.folder === undefined) {
    return paths.normalize(expanded);
  }
  return paths.resolve(place.folder, expanded);
}

/** `~` at the start, `${userHome}` and `${workspaceFolder}` (left as written without a folder). */
export function expandVariables(value: string, place: Place): string {
  let expanded = value.replace(/^~(?=$|[\\/])/, place.home);
  expanded = expanded.split("${userHome}").join(place.home);
  if (place.folder !== undefined) {
    expanded = expanded.split("${workspaceFolder}").join(place.folder);
  }
  return expanded;
}

function venvProgram(folder: string, venv: string, windows: boolean): string {
  return windows
    ? nodePath.win32.join(folder, venv, "Scripts", "cplint.exe")
    : nodePath.posix.join(folder, venv, "bin", "cplint");
}

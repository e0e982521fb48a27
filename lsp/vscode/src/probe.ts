/**
 * Asks a candidate program its version before it is started as the server: a missing or
 * broken cplint then gives one clear message instead of a server that crashes five times.
 */
import { ExecFileException, execFile } from "child_process";
import type { Launch } from "./launch";

/** What `--version` answered: the first line it printed, or why it could not run. */
export type Probe = { ok: true; version: string } | { ok: false; reason: string };

const TIMEOUT_MS = 20_000; // a first run may compile Python's caches, slowly on Windows

export function probe(launch: Launch, cwd: string | undefined): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(launch.command, launch.versionArgs, { cwd, timeout: TIMEOUT_MS, windowsHide: true },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ ok: true, version: firstLine(stdout) || firstLine(stderr) || "(no version)" });
          return;
        }
        resolve({ ok: false, reason: reasonOf(error, lastLine(stderr)) });
      });
  });
}

function reasonOf(error: ExecFileException, stderr: string): string {
  if (error.code === "ENOENT") {
    return "no such program";
  }
  if (error.code === "EACCES") {
    return "it is not a program that can be run";
  }
  if (error.killed) {
    return `it did not answer within ${TIMEOUT_MS / 1000} seconds`;
  }
  return stderr !== "" ? `it failed: ${stderr}` : `it failed (${error.message.trim()})`;
}

function firstLine(text: string): string {
  return lines(text)[0] ?? "";
}

/** A Python traceback's last line says what went wrong (`No module named 'cpdsl'`). */
function lastLine(text: string): string {
  return lines(text).pop() ?? "";
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
}

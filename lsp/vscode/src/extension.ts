/**
 * The cpdsl extension: the language (colours, comments, brackets) comes from package.json;
 * this starts the cplint language server for the checks, quick fixes and formatting, and
 * restarts it when the program to run may have changed.
 */
import * as vscode from "vscode";

import { SECTION, ServerControl } from "./server";

let control: ServerControl | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel("cplint", { log: true });
  const server = new ServerControl(log);
  control = server;
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand("cplint.restart", () => server.restart(true)),
    vscode.commands.registerCommand("cplint.showLogs", () => log.show()),
    vscode.workspace.onDidChangeConfiguration((change) => {
      if (change.affectsConfiguration(`${SECTION}.path`)
          || change.affectsConfiguration(`${SECTION}.interpreter`)) {
        server.restartSoon();
      }
    }),
    // trust lets the folder's .venv be used; a new first folder moves relative paths
    vscode.workspace.onDidGrantWorkspaceTrust(() => server.restartSoon()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => server.restartSoon()),
  );
  await server.restart(false);
}

export async function deactivate(): Promise<void> {
  await control?.dispose();
  control = undefined;
}

/**
 * Starts, restarts and stops the cplint language server (`cplint lsp` over stdio): finds
 * the program, asks its version, and only then hands it to a LanguageClient.
 */
import * as fs from "fs";
import * as os from "os";
import * as vscode from "vscode";
import {
  Executable,
  LanguageClient,
  LanguageClientOptions,
  Middleware,
  RevealOutputChannelOn,
  State,
} from "vscode-languageclient/node";

import { Launch, Place, launches } from "./launch";
import { probe } from "./probe";
import { serverSettings } from "./settings";

export const SECTION = "cplint";
const RESTART_DELAY_MS = 500; // typing a path in the settings editor changes it per key
const RUNNING = "cplint.running"; // a `when` context: the server's commands exist
const PLAN_COMMANDS = new Set(["cplint.applyFixAll", "cplint.applyFormat"]);
const DEBUG_INFORMATION = "cplint.printDebugInformation";

export class ServerControl implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private shownFailure: string | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Stop the server if it runs and start it again; calls run one after another. */
  restart(byUser: boolean): Promise<void> {
    this.queue = this.queue.then(() => this.restartNow(byUser)).catch((error: unknown) => {
      this.log.error(`cplint could not be restarted: ${String(error)}`);
    });
    return this.queue;
  }

  /** Restart once the settings have stopped changing. */
  restartSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.restart(false), RESTART_DELAY_MS);
  }

  async dispose(): Promise<void> {
    clearTimeout(this.timer);
    await this.queue;
    await this.stopNow();
  }

  private async restartNow(byUser: boolean): Promise<void> {
    await this.stopNow();
    if (byUser) {
      this.shownFailure = undefined; // asked again: say again why it cannot start
    }
    const place = currentPlace();
    const config = vscode.workspace.getConfiguration(SECTION);
    const tries = launches(config.get<string>("path") ?? "", config.get<string>("interpreter") ?? "",
                           place);
    const launch = await this.firstThatAnswers(tries, place);
    if (launch === undefined) {
      return;
    }
    this.shownFailure = undefined;
    const client = new LanguageClient(SECTION, "cplint", serverOptions(launch, place),
                                      this.clientOptions(place));
    client.onDidChangeState((change) => {
      void vscode.commands.executeCommand("setContext", RUNNING, change.newState === State.Running);
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.log.error(`the cplint server did not start: ${String(error)}`);
    }
  }

  private async firstThatAnswers(tries: Launch[], place: Place): Promise<Launch | undefined> {
    const failures: string[] = [];
    for (const launch of tries) {
      const answer = await probe(launch, place.folder);
      const asked = [launch.command, ...launch.versionArgs].join(" ");
      if (answer.ok) {
        this.log.info(`using ${launch.command} (${launch.source}): ${answer.version}`);
        return launch;
      }
      this.log.warn(`not ${launch.source}: \`${asked}\`: ${answer.reason}`);
      failures.push(`${launch.source}: ${answer.reason}`);
    }
    this.couldNotStart(failures);
    return undefined;
  }

  /** One message per cause (not one per restart), with the two ways out. */
  private couldNotStart(failures: string[]): void {
    const why = failures[failures.length - 1];
    const message = `cplint could not be started, so plans are coloured but not checked (${why}). `
      + "Install cpdsl, which provides the cplint command, or set cplint.path.";
    if (message === this.shownFailure) {
      return;
    }
    this.shownFailure = message;
    void vscode.window.showErrorMessage(message, "Show logs", "Set cplint.path").then((choice) => {
      if (choice === "Show logs") {
        this.log.show();
      } else if (choice === "Set cplint.path") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "cplint.path");
      }
    });
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) {
      return;
    }
    try {
      await client.dispose(); // stops the server and drops its commands, so a new one can add them
    } catch (error) {
      this.log.warn(`the cplint server did not stop cleanly: ${String(error)}`);
    }
    void vscode.commands.executeCommand("setContext", RUNNING, false);
  }

  private clientOptions(place: Place): LanguageClientOptions {
    return {
      documentSelector: [{ language: "cpdsl" }],
      initializationOptions: { settings: serverSettings(vscode.workspace.getConfiguration(SECTION),
                                                        place) },
      outputChannel: this.log,
      traceOutputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // tells the server that settings changed; it then asks for them (the middleware below)
      synchronize: { configurationSection: SECTION },
      middleware: this.middleware(),
    };
  }

  private middleware(): Middleware {
    return {
      workspace: {
        // the server's `cplint` section is the same object it had at start
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (!Array.isArray(answer)) {
            return answer;
          }
          return params.items.map((item, index) => item.section === SECTION
            ? serverSettings(vscode.workspace.getConfiguration(SECTION), currentPlace())
            : answer[index]);
        },
      },
      executeCommand: async (command, args, next) => {
        if (PLAN_COMMANDS.has(command)) {
          const uri = this.planUri(args);
          if (uri === undefined) {
            void vscode.window.showInformationMessage("Open a plan (a .cp file) first.");
            return undefined;
          }
          return next(command, [uri]);
        }
        const result: unknown = await next(command, args);
        if (command === DEBUG_INFORMATION && typeof result === "string") {
          this.log.info(result);
          this.log.show(true);
        }
        return result;
      },
    };
  }

  /** The plan a command is for: the one it was given (a menu passes its Uri), else the active one. */
  private planUri(args: unknown[]): string | undefined {
    const given = args[0];
    if (typeof given === "string") {
      return given;
    }
    const editor = vscode.window.activeTextEditor;
    const uri = given instanceof vscode.Uri
      ? given
      : editor?.document.languageId === "cpdsl" ? editor.document.uri : undefined;
    return uri === undefined || this.client === undefined
      ? undefined
      : this.client.code2ProtocolConverter.asUri(uri);
  }
}

function serverOptions(launch: Launch, place: Place): Executable {
  // no `transport`: the client would add `--stdio`; `cplint lsp` serves stdio by default
  return { command: launch.command, args: launch.args, options: { cwd: place.folder } };
}

/** The workspace as the program search and the settings see it. */
export function currentPlace(): Place {
  const folder = vscode.workspace.workspaceFolders?.find((each) => each.uri.scheme === "file");
  return {
    folder: folder?.uri.fsPath,
    home: os.homedir(),
    trusted: vscode.workspace.isTrusted,
    windows: process.platform === "win32",
    isFile: (file) => {
      try {
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    },
  };
}

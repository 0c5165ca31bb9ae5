/**
 * The VS Code client: starts dist/server.js over Node IPC and shows its state. Everything
 * about Kafka lives in the server; this file only wires VS Code to it.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
// the names the server uses too (constants only: the bundle takes nothing else of the server)
import {
  CLIENT_ID,
  CLIENT_NAME,
  DOCUMENT_SELECTOR,
  OPEN_DOCS_COMMAND,
  REFRESH_PRODUCERS_COMMAND,
  RESTART_SERVER_COMMAND,
  SERVER_FLAGS,
  SHOW_EFFECTIVE_COMMAND,
  SHOW_OUTPUT_COMMAND,
  SHOW_PRODUCER_CONFIGURATION_COMMAND,
  STATUS_ITEM_ID,
  STATUS_NOTIFICATION,
  WATCHED_FILE_GLOBS,
} from '../../server/src/lsp/protocol';
import { EffectiveDocuments } from './effective';
import { ProducersView } from './producers';

let client: LanguageClient | undefined;

/** What activate() returns: the views, for the integration tests. */
export interface KafkaIdempotenceApi {
  producers: ProducersView;
  effective: EffectiveDocuments;
}

export async function activate(context: vscode.ExtensionContext): Promise<KafkaIdempotenceApi> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  const selector = DOCUMENT_SELECTOR.map((s) => ({ ...s }));
  const status = statusItem(context, selector);

  const watchers = WATCHED_FILE_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    synchronize: {
      configurationSection: CLIENT_ID,
      // the project's configuration file, shared with the CLI, and the build files the
      // kafka-clients version is read from
      fileEvents: watchers,
    },
    outputChannel: output,
    // where the server keeps its code cache of the TypeScript compiler (server/src/pool/codeCache.ts)
    initializationOptions: { storagePath: context.globalStorageUri.fsPath },
    middleware: {
      // the code lens's command: the server can answer the text itself (other editors), here it opens a document
      executeCommand: async (command, args, next) => {
        if (command !== SHOW_EFFECTIVE_COMMAND) return next(command, args) as unknown;
        const [uri, block] = args as [unknown, unknown];
        if (typeof uri !== 'string' || typeof block !== 'number') return undefined;
        await effective.show(uri, block);
        return undefined;
      },
    },
  };
  const lc = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(context), clientOptions);
  client = lc;
  const effective = new EffectiveDocuments(lc);
  const producers = new ProducersView(lc, output);
  context.subscriptions.push(effective, producers);

  context.subscriptions.push(
    lc.onDidChangeState((e) => status.serverState(e.newState)),
    lc.onNotification(STATUS_NOTIFICATION, (p: { uri?: unknown; message?: unknown }) => status.notice(p)),
    ...commands(lc, output, producers, effective),
  );

  await lc.start();
  producers.start();
  return { producers, effective };
}

/**
 * The language status item: the server's state, or why the active document was not linted (the
 * server's last notice for it: file too large, binary...).
 */
function statusItem(context: vscode.ExtensionContext, selector: vscode.DocumentSelector) {
  const status = vscode.languages.createLanguageStatusItem(STATUS_ITEM_ID, selector);
  status.name = CLIENT_NAME;
  status.command = { title: 'Show Output', command: SHOW_OUTPUT_COMMAND };
  context.subscriptions.push(status);

  /** The server's last notice per document URI (file too large, binary...). */
  const notices = new Map<string, string>();
  let serverState = 'starting';
  const render = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const notice = uri ? notices.get(uri) : undefined;
    status.text = notice ? `Kafka idempotence: not linted` : `Kafka idempotence: ${serverState}`;
    status.detail = notice;
    status.severity =
      notice || serverState === 'stopped' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    status.busy = serverState === 'starting';
  };
  render();
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(render));
  return {
    serverState(state: State) {
      serverState = state === State.Running ? 'running' : state === State.Starting ? 'starting' : 'stopped';
      if (state !== State.Running) notices.clear();
      render();
    },
    notice(p: { uri?: unknown; message?: unknown }) {
      if (typeof p?.uri !== 'string') return;
      if (typeof p.message === 'string' && p.message !== '') notices.set(p.uri, p.message);
      else notices.delete(p.uri);
      render();
    },
  };
}

/** dist/server.js over Node IPC, with the server's Node flags. */
function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath('dist/server.js');
  return {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
}

/** The extension's commands (the code lens's command is the client middleware's). */
function commands(
  lc: LanguageClient,
  output: vscode.LogOutputChannel,
  producers: ProducersView,
  effective: EffectiveDocuments,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, async () => {
      output.appendLine('Restarting the server.');
      await lc.restart();
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.commands.registerCommand(REFRESH_PRODUCERS_COMMAND, () => producers.refresh()),
    // from the view's context menu: the same document as the code lens opens
    vscode.commands.registerCommand(SHOW_PRODUCER_CONFIGURATION_COMMAND, async (item?: { uri?: string; block?: number }) => {
      if (typeof item?.uri === 'string' && typeof item.block === 'number') await effective.show(item.uri, item.block);
    }),
    vscode.commands.registerCommand(OPEN_DOCS_COMMAND, async (url: unknown) => {
      if (typeof url !== 'string') return;
      const uri = vscode.Uri.parse(url, true);
      if (uri.scheme === 'https' || uri.scheme === 'http') await vscode.env.openExternal(uri);
    }),
  ];
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}

/**
 * The VS Code client: starts dist/server.js over Node IPC and shows its state. Everything
 * about Kafka lives in the server; this file only wires VS Code to it.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const ID = 'kafkaIdempotence';
const NAME = 'Kafka Idempotence Lint';
/**
 * Node flags of the language server process. Its main thread only speaks LSP and holds the open
 * documents; linting runs in worker threads (server/src/lsp/lintPool.ts), which get V8's young
 * generation of 8 MB semi-spaces through their own resource limits (what this process had before
 * linting moved there: 8 MB semi-spaces took about 15 MB off the default 16 MB, bench figure 5).
 * The main thread allocates little, so 2 MB semi-spaces suffice there. bench/run.mjs and the
 * protocol tests start the server with the same flags (a unit test keeps them equal).
 */
export const SERVER_FLAGS = ['--max-semi-space-size=2'];

const LANGUAGES = ['properties', 'yaml', 'dockercompose', 'typescript', 'javascript', 'typescriptreact', 'javascriptreact'];
const STATUS_NOTIFICATION = 'kafkaIdempotence/status';
const OPEN_DOCS_COMMAND = 'kafkaIdempotence.openDocs';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(NAME, { log: true });
  context.subscriptions.push(output);

  const selector: Array<{ scheme: string; language: string }> = [];
  for (const scheme of ['file', 'untitled']) for (const language of LANGUAGES) selector.push({ scheme, language });

  const status = vscode.languages.createLanguageStatusItem(`${ID}.status`, selector);
  status.name = NAME;
  status.command = { title: 'Show Output', command: `${ID}.showOutput` };
  context.subscriptions.push(status);

  /** The server's last notice per document URI (file too large, binary...). */
  const notices = new Map<string, string>();
  let serverState = 'starting';
  const render = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const notice = uri ? notices.get(uri) : undefined;
    status.text = notice ? `Kafka idempotence: not linted` : `Kafka idempotence: ${serverState}`;
    status.detail = notice;
    status.severity = notice || serverState === 'stopped'
      ? vscode.LanguageStatusSeverity.Warning
      : vscode.LanguageStatusSeverity.Information;
    status.busy = serverState === 'starting';
  };
  render();
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(render));

  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/.kafka-idempotence.{json,yaml,yml}'),
    vscode.workspace.createFileSystemWatcher('**/{pom.xml,build.gradle,build.gradle.kts,gradle.properties,settings.gradle,settings.gradle.kts,libs.versions.toml}'),
  ];
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    synchronize: {
      configurationSection: ID,
      // the project's configuration file, shared with the CLI, and the build files the
      // kafka-clients version is read from
      fileEvents: watchers,
    },
    outputChannel: output,
    // where the server keeps its code cache of the TypeScript compiler (server/src/pool/codeCache.ts)
    initializationOptions: { storagePath: context.globalStorageUri.fsPath },
  };
  const lc = new LanguageClient(ID, NAME, serverOptions, clientOptions);
  client = lc;

  context.subscriptions.push(
    lc.onDidChangeState((e) => {
      serverState = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
      if (e.newState !== State.Running) notices.clear();
      render();
    }),
    lc.onNotification(STATUS_NOTIFICATION, (p: { uri?: unknown; message?: unknown }) => {
      if (typeof p?.uri !== 'string') return;
      if (typeof p.message === 'string' && p.message !== '') notices.set(p.uri, p.message);
      else notices.delete(p.uri);
      render();
    }),
    vscode.commands.registerCommand(`${ID}.restartServer`, async () => {
      output.appendLine('Restarting the server.');
      await lc.restart();
    }),
    vscode.commands.registerCommand(`${ID}.showOutput`, () => output.show(true)),
    vscode.commands.registerCommand(OPEN_DOCS_COMMAND, async (url: unknown) => {
      if (typeof url !== 'string') return;
      const uri = vscode.Uri.parse(url, true);
      if (uri.scheme === 'https' || uri.scheme === 'http') await vscode.env.openExternal(uri);
    }),
  );

  await lc.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}

/**
 * A minimal LSP client for the protocol tests: spawns `node dist/server.js --stdio` and
 * speaks JSON-RPC to it. Waits are for messages, with timeouts, never fixed sleeps.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import {
  CodeActionRequest,
  CodeLensRequest,
  CodeLensResolveRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DiagnosticRefreshRequest,
  DocumentDiagnosticRequest,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageRequest,
  ExecuteCommandRequest,
  WorkDoneProgressCreateRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type ClientCapabilities,
  type CodeAction,
  type CodeLens,
  type ConfigurationParams,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
  type MessageConnection,
  type Position,
  type PublishDiagnosticsParams,
  type ShowDocumentParams,
  type ShowMessageRequestParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { load, SERVER_JS } from '../support';

/** The Node flags the VS Code client starts the server with. */
const { SERVER_FLAGS } = load('lsp/protocol');

export interface ClientOptions {
  /** Declare `textDocument.diagnostic` (pull diagnostics); otherwise the server pushes. */
  pull?: boolean;
  /** Declare `workspace.configuration` (default true). */
  configuration?: boolean;
  /** The `kafkaIdempotence` section answered to `workspace/configuration`. */
  settings?: Record<string, unknown>;
  /** How to talk to the server: `--stdio` (default) or `--node-ipc` (what the VS Code client uses). */
  transport?: 'stdio' | 'ipc';
  /** Declare `window.showDocument` support. */
  showDocument?: boolean;
  /** Extra Node options for the server process (e.g. --expose-gc). */
  execArgv?: string[];
  /** Extra environment variables of the server process (e.g. a small lint time budget). */
  env?: Record<string, string>;
  /** Declare `window.workDoneProgress` (server-created progress). */
  workDoneProgress?: boolean;
  /** Sections other than `kafkaIdempotence` answered to `workspace/configuration` (e.g. `files.exclude`). */
  otherSections?: Record<string, unknown>;
  /** The workspace folders declared in initialize (URIs). */
  workspaceFolders?: string[];
  /** `initializationOptions` of the initialize request (what the VS Code client sends). */
  initializationOptions?: unknown;
}

export interface Waiter<T> {
  test: (v: T) => boolean;
  resolve: (v: T) => void;
}

export const DEFAULT_TIMEOUT = 10_000;

function withTimeout<T>(what: string, p: Promise<T>, ms: number, onTimeout: () => string = () => ''): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${onTimeout()}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export class TestClient {
  readonly conn: MessageConnection;
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: Array<{ uri: string; message: string | null }> = [];
  readonly logs: string[] = [];
  /** window/logMessage of type Error: a handler that threw, a rule that failed. */
  readonly errors: string[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  refreshRequests = 0;
  readonly showDocumentRequests: ShowDocumentParams[] = [];
  /** `$/progress` values by token, in arrival order. */
  readonly progress = new Map<
    string | number,
    Array<{ kind: string; message?: string; percentage?: number; title?: string; cancellable?: boolean }>
  >();
  /** Tokens the server asked to create (window/workDoneProgress/create). */
  readonly createdProgress: Array<string | number> = [];
  /** window/showMessageRequest (what showWarningMessage sends), in arrival order. */
  readonly shownMessages: ShowMessageRequestParams[] = [];
  /** Everything the server sent, in arrival order, by kind (`diagnostics <uri>`, `status <uri>`, `showMessage`): to assert orderings. */
  readonly arrivals: string[] = [];
  settings: Record<string, unknown>;
  initializeResult: InitializeResult | undefined;
  stderr = '';
  private readonly diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly refreshWaiters: Array<() => void> = [];
  private readonly exited: Promise<number | null>;
  private readonly texts = new Map<string, TextDocument>();

  private constructor(
    readonly proc: ChildProcess,
    readonly options: ClientOptions,
  ) {
    this.settings = { ...(options.settings ?? {}) };
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString('utf8');
    });
    this.conn =
      options.transport === 'ipc'
        ? createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc))
        : createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.arrivals.push(`diagnostics ${p.uri}`);
      for (const w of [...this.diagnosticWaiters]) {
        if (w.test(p)) {
          this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.conn.onNotification('kafkaIdempotence/status', (p: { uri: string; message: string | null }) => {
      this.statuses.push(p);
      this.arrivals.push(`status ${p.uri}`);
    });
    this.conn.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
      if (p.type === MessageType.Error) this.errors.push(p.message);
    });
    this.conn.onRequest(ConfigurationRequest.type, (p) => {
      this.configurationRequests.push(p);
      return p.items.map((item) =>
        item.section === 'kafkaIdempotence' ? this.settings : ((item.section && options.otherSections?.[item.section]) ?? null),
      );
    });
    this.conn.onRequest(DiagnosticRefreshRequest.method, () => {
      this.refreshRequests++;
      for (const r of this.refreshWaiters.splice(0)) r();
      return null;
    });
    this.conn.onRequest(RegistrationRequest.method, () => null);
    this.conn.onRequest(ShowMessageRequest.method, (p: ShowMessageRequestParams) => {
      this.shownMessages.push(p);
      this.arrivals.push('showMessage');
      return null;
    });
    this.conn.onRequest(WorkDoneProgressCreateRequest.method, (p: { token: string | number }) => {
      this.createdProgress.push(p.token);
      return null;
    });
    this.conn.onNotification('$/progress', (p: { token: string | number; value: { kind: string } }) => {
      const list = this.progress.get(p.token) ?? [];
      list.push(p.value);
      this.progress.set(p.token, list);
    });
    this.conn.onRequest(ShowDocumentRequest.method, (p: ShowDocumentParams) => {
      this.showDocumentRequests.push(p);
      return { success: true };
    });
    this.conn.listen();
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const proc =
      options.transport === 'ipc'
        ? fork(SERVER_JS, ['--node-ipc'], {
            stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
            execArgv: [...SERVER_FLAGS, ...(options.execArgv ?? [])],
            env: { ...process.env, ...options.env },
          })
        : spawn(process.execPath, [...SERVER_FLAGS, ...(options.execArgv ?? []), SERVER_JS, '--stdio'], {
            stdio: 'pipe',
            env: { ...process.env, ...options.env },
          });
    const client = new TestClient(proc, options);
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration !== false,
        workspaceEdit: { documentChanges: true },
        didChangeConfiguration: { dynamicRegistration: false },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
        },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      window: {
        ...(options.showDocument ? { showDocument: { support: true } } : {}),
        ...(options.workDoneProgress ? { workDoneProgress: true } : {}),
      },
    };
    const workspaceFolders = options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null;
    client.initializeResult = await withTimeout(
      'initialize',
      client.conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities,
        workspaceFolders,
        initializationOptions: options.initializationOptions,
      }),
      DEFAULT_TIMEOUT,
      () => `; stderr: ${client.stderr}`,
    );
    await client.conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Number of diagnostics notifications so far: pass to waitForDiagnostics to wait for a newer one. */
  mark(): number {
    return this.published.length;
  }

  /**
   * The first publishDiagnostics for `uri` (received at or after index `after`, with `version` when given)
   * that satisfies `accept`.
   */
  waitForDiagnostics(
    uri: string,
    opts: { after?: number; version?: number; accept?: (d: Diagnostic[]) => boolean; timeout?: number } = {},
  ): Promise<PublishDiagnosticsParams> {
    const test = (p: PublishDiagnosticsParams) =>
      p.uri === uri && (opts.version === undefined || p.version === opts.version) && (!opts.accept || opts.accept(p.diagnostics));
    const earlier = this.published.slice(opts.after ?? 0).find(test);
    if (earlier) return Promise.resolve(earlier);
    const p = new Promise<PublishDiagnosticsParams>((resolve) => this.diagnosticWaiters.push({ test, resolve }));
    return withTimeout(
      `diagnostics for ${uri} ${JSON.stringify({ after: opts.after, version: opts.version })}`,
      p,
      opts.timeout ?? DEFAULT_TIMEOUT,
      () =>
        `; received: ${JSON.stringify(this.published.filter((x) => x.uri === uri).map((x) => ({ v: x.version, codes: x.diagnostics.map((d) => d.code) })))}`,
    );
  }

  /** Resolves at the next `workspace/diagnostic/refresh` request from the server. */
  nextRefresh(timeout = DEFAULT_TIMEOUT): Promise<void> {
    return withTimeout('workspace/diagnostic/refresh', new Promise<void>((r) => this.refreshWaiters.push(r)), timeout);
  }

  text(uri: string): string {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc.getText();
  }

  version(uri: string): number {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc.version;
  }

  async open(uri: string, text: string, languageId = 'properties', version = 1): Promise<void> {
    this.texts.set(uri, TextDocument.create(uri, languageId, version, text));
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Sends incremental changes (applied in order, as LSP specifies) and returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const version = doc.version + 1;
    TextDocument.update(doc, changes, version);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Applies text edits of one document (as from a code action) locally and sends them as a didChange. */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<number> {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const after = TextDocument.applyEdits(doc, edits);
    return this.change(uri, [{ text: after }]);
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeConfiguration(settings: Record<string, unknown>): Promise<void> {
    this.settings = { ...settings };
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { kafkaIdempotence: this.settings } });
  }

  async pull(uri: string, previousResultId?: string, timeout = DEFAULT_TIMEOUT): Promise<DocumentDiagnosticReport> {
    return withTimeout(
      'textDocument/diagnostic',
      this.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }),
      timeout,
    );
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await withTimeout(
      'textDocument/codeAction',
      this.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } }),
      DEFAULT_TIMEOUT,
    );
    return (result ?? []).filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
  }

  async hover(uri: string, position: Position): Promise<Hover | null> {
    return withTimeout(
      'textDocument/hover',
      this.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
      DEFAULT_TIMEOUT,
    );
  }

  async codeLenses(uri: string): Promise<CodeLens[]> {
    return (
      (await withTimeout(
        'textDocument/codeLens',
        this.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
        DEFAULT_TIMEOUT,
      )) ?? []
    );
  }

  resolveCodeLens(lens: CodeLens): Promise<CodeLens> {
    return withTimeout('codeLens/resolve', this.conn.sendRequest(CodeLensResolveRequest.type, lens), DEFAULT_TIMEOUT);
  }

  /** A request of this server's own protocol (`kafkaIdempotence/...`). */
  request<R>(method: string, params: unknown, timeout = DEFAULT_TIMEOUT): Promise<R> {
    return withTimeout(method, this.conn.sendRequest<R>(method, params), timeout);
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return withTimeout(
      'workspace/executeCommand',
      this.conn.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }),
      DEFAULT_TIMEOUT,
    );
  }

  /** Writes raw bytes to the server's stdin (for malformed transport input). */
  writeRaw(bytes: Buffer): Promise<void> {
    const stdin = this.proc.stdin;
    if (!stdin) return Promise.reject(new Error('raw writes need the stdio transport'));
    return new Promise((resolve, reject) => stdin.write(bytes, (e) => (e ? reject(e) : resolve())));
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** shutdown + exit; kills the process if it does not exit in time. Returns the exit code. */
  async stop(): Promise<number | null> {
    try {
      if (this.alive) {
        await withTimeout('shutdown', this.conn.sendRequest(ShutdownRequest.type), DEFAULT_TIMEOUT);
        await this.conn.sendNotification(ExitNotification.type);
      }
      return await withTimeout('server exit', this.exited, DEFAULT_TIMEOUT);
    } finally {
      if (this.alive) this.proc.kill();
      this.conn.dispose();
    }
  }
}

/** The text edits for `uri` in a WorkspaceEdit (documentChanges or changes). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const out: TextEdit[] = [];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...(dc.edits as TextEdit[]));
  }
  out.push(...(edit.changes?.[uri] ?? []));
  return out;
}

/** Applies LSP text edits to a text (the independent way: through vscode-languageserver-textdocument). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('mem:/x', 'plaintext', 0, text), edits);
}

/** The range of the `n`-th (0-based) occurrence of `needle` in `text`, as LSP positions. */
export function rangeOf(text: string, needle: string, n = 0): Range {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' #${n} not found in ${JSON.stringify(text)}`);
  }
  const doc = TextDocument.create('mem:/x', 'plaintext', 0, text);
  return { start: doc.positionAt(at), end: doc.positionAt(at + needle.length) };
}

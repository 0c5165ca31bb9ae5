/**
 * The Kafka Idempotence language server: a thin adapter from LSP to the pure service
 * (server/src/service). Transport comes from the command line (`--stdio`, `--node-ipc`,
 * `--socket=<port>`), as vscode-languageserver reads it.
 *
 * Diagnostics are pulled (`textDocument/diagnostic`) when the client can, otherwise pushed
 * (debounced per document, immediately on open). Code actions come from `diagnostic.data`;
 * nothing from the workspace is ever executed. Every handler is guarded: an exception is
 * logged and answered with an empty result, so one document cannot kill the server.
 *
 * Linting runs in worker threads (lsp/lintPool.ts, lsp/worker.ts), each lint under a time budget
 * (10 s, or KAFKA_IDEMPOTENCE_LINT_TIME_BUDGET_MS): this thread keeps answering hovers, code actions
 * and other documents while a hostile one is linted, and a lint that takes too long is cut off with
 * the file-not-linted notice. The project's configuration file and the build files are read in the
 * workers too, under the same budget.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CodeLens,
  type DocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
// the service's light modules only: this thread speaks LSP and keeps the documents; the linter runs in the workers
import { DEFAULT_SETTINGS, type LintSettings } from './service/types';
import { DOCS_BASE_URL } from './service/rules/rule';
import {
  EFFECTIVE_CONFIGURATION_REQUEST,
  FIX_ALL_KIND,
  MEMORY_REQUEST,
  OPEN_DOCS_COMMAND,
  SCAN_REQUEST,
  SETTINGS_SECTION,
  SHOW_EFFECTIVE_COMMAND,
  STATUS_NOTIFICATION,
  type CodeLensData,
  type EffectiveConfiguration,
  type EffectiveConfigurationParams,
  type ScanParams,
  type ScanResult,
  type StatusParams,
} from './lsp/protocol';
import { WorkspaceScanner, excludeGlobs, pathOfUri, type ScanFolder } from './lsp/scan';
import { readLintSettings } from './lsp/settings';
import { LintPool, type DocRequest } from './lsp/lintPool';
import { budgetFromEnv, DEFAULT_BUDGET_MS } from './pool/workerPool';
import { cacheDirFor } from './pool/codeCache';

const PUSH_DEBOUNCE_MS = 200;

const connection = createConnection();
const documents = new TextDocuments(TextDocument);

let caps: ClientCapabilities = {};
let pullMode = false;
let configurationSupport = false;
let refreshSupport = false;
let documentChangesSupport = false;
let showDocumentSupport = false;

/** The editor's settings per document URI (cleared on didChangeConfiguration). */
const settingsCache = new Map<string, Promise<LintSettings>>();
/** The last valid editor settings per document URI: an invalid value keeps its value there. */
const lastSettings = new Map<string, LintSettings>();
/** Settings pushed with didChangeConfiguration, for clients without `workspace/configuration`. */
let pushedSettings: LintSettings = DEFAULT_SETTINGS;
/** `kafkaIdempotence.codeLens.enable` per document URI (read with its settings), and as pushed. */
const codeLensEnabled = new Map<string, boolean>();
let pushedCodeLens = true;
/** The workspace folders (URIs), for the workspace scan. */
let workspaceFolders: string[] = [];
/** Problems with the editor settings already shown (each once per configuration change). */
const reportedSettingProblems = new Set<string>();
/** Bumped on every configuration change, document open and cut-off, so pull result ids never repeat. */
let generation = 0;
const openGeneration = new Map<string, number>();
/** Documents that currently have a status notice, so it is cleared when it goes away. */
const noticed = new Map<string, string>();
const pushTimers = new Map<string, NodeJS.Timeout>();
/** The document version a push validation was last scheduled for (didOpen also fires a content change). */
const scheduledVersion = new Map<string, number>();

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** Runs a handler; on an exception logs it and answers `fallback`. */
function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      connection.console.error(`${name} failed: ${errorText(e)}`);
      return fallback;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// settings

/** Problems with project configuration files already reported (each once). */
const reportedConfigErrors = new Set<string>();

function reportSettingProblems(problems: readonly string[]): void {
  for (const p of problems) {
    if (reportedSettingProblems.has(p)) continue;
    reportedSettingProblems.add(p);
    connection.console.warn(`Kafka Idempotence Lint: invalid setting: ${p}`);
    void connection.window.showWarningMessage(`Kafka Idempotence Lint: invalid setting: ${p}`);
  }
}

/**
 * The editor settings of a document. A malformed value keeps the previous valid one (the default when
 * there was none) and is shown once as a warning. The project's configuration file and the build
 * files are layered over these in the lint workers (lsp/worker.ts).
 */
function getSettings(uri: string): Promise<LintSettings> {
  if (!configurationSupport) return Promise.resolve(pushedSettings);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
      (raw) => {
        codeLensEnabled.set(uri, codeLensSetting(raw));
        const read = readLintSettings(raw, lastSettings.get(uri));
        reportSettingProblems(read.problems);
        if (documents.get(uri)) lastSettings.set(uri, read.settings);
        return read.settings;
      },
      (e) => {
        connection.console.error(`workspace/configuration failed for ${uri}: ${errorText(e)}; using the defaults`);
        return lastSettings.get(uri) ?? DEFAULT_SETTINGS;
      },
    );
    settingsCache.set(uri, s);
  }
  return s;
}

/** `kafkaIdempotence.codeLens.enable` in a raw settings section: on unless it is `false`. */
function codeLensSetting(raw: unknown): boolean {
  const section = raw as { codeLens?: { enable?: unknown } } | null | undefined;
  return section?.codeLens?.enable !== false;
}

function codeLensOn(uri: string): boolean {
  return configurationSupport ? codeLensEnabled.get(uri) !== false : pushedCodeLens;
}

// ---------------------------------------------------------------------------------------------
// linting

function sendStatus(uri: string, message: string | undefined | null): void {
  if ((noticed.get(uri) ?? null) === (message ?? null)) return;
  if (message) noticed.set(uri, message);
  else noticed.delete(uri);
  const params: StatusParams = { uri, message: message ?? null };
  void connection.sendNotification(STATUS_NOTIFICATION, params);
}

/** The lint worker next to this bundle: dist/serverWorker.js, or out/lsp/worker.js when compiled by tsc. */
function workerScript(): string {
  const candidates = [path.join(__dirname, 'serverWorker.js'), path.join(__dirname, 'lsp', 'worker.js')];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

const linter = new LintPool(
  workerScript(),
  {
    log: (level, text) =>
      level === 'error'
        ? connection.console.error(text)
        : level === 'warning'
          ? connection.console.warn(text)
          : connection.console.info(text),
    status: (uri, message) => {
      if (documents.get(uri)) sendStatus(uri, message);
    },
    settingsProblems: (problems) => reportSettingProblems(problems),
    configError: (error) => {
      if (reportedConfigErrors.has(error)) return;
      reportedConfigErrors.add(error);
      connection.console.error(`Kafka Idempotence Lint: ${error}`);
      void connection.window.showWarningMessage(`Kafka Idempotence Lint: ${error}`);
    },
    cutOff: (uri) => {
      // a hover or code action found the document too slow: its diagnostics say so now
      generation++;
      if (!documents.get(uri)) return;
      if (pullMode) {
        if (refreshSupport) void connection.languages.diagnostics.refresh();
      } else schedulePush(uri, 0);
    },
  },
  budgetFromEnv(process.env, DEFAULT_BUDGET_MS),
);

// the first worker loads while the client and this thread go through initialize
linter.warm();

function requestFor(doc: TextDocument, settings: LintSettings): DocRequest {
  return { doc, editor: settings, key: `${openGeneration.get(doc.uri) ?? 0}.${generation}` };
}

// push mode

const publish = guard('publishing diagnostics', undefined, async (uri: string) => {
  const before = documents.get(uri);
  if (!before) return;
  const settings = await getSettings(uri);
  const doc = documents.get(uri);
  // a newer version has its own validation queued; a closed document was cleared
  if (!doc || doc.version !== before.version) return;
  const diagnostics = await linter.diagnostics(requestFor(doc, settings), true);
  const now = documents.get(uri);
  if (diagnostics === undefined || !now || now.version !== doc.version) return;
  await connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
});

function schedulePush(uri: string, delay: number): void {
  const doc = documents.get(uri);
  if (doc) scheduledVersion.set(uri, doc.version);
  clearTimeout(pushTimers.get(uri));
  if (delay <= 0) {
    pushTimers.delete(uri);
    void publish(uri);
    return;
  }
  pushTimers.set(
    uri,
    setTimeout(() => {
      pushTimers.delete(uri);
      void publish(uri);
    }, delay),
  );
}

// ---------------------------------------------------------------------------------------------
// lifecycle

connection.onInitialize((params): InitializeResult => {
  caps = params.capabilities;
  // the TypeScript compiler's code cache: in the folder the client names (VS Code: the extension's global storage)
  const storage = (params.initializationOptions as { storagePath?: unknown } | null | undefined)?.storagePath;
  linter.codeCacheDir = cacheDirFor(typeof storage === 'string' && path.isAbsolute(storage) ? path.join(storage, 'v8-cache') : undefined);
  pullMode = !!caps.textDocument?.diagnostic;
  configurationSupport = !!caps.workspace?.configuration;
  refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
  documentChangesSupport = !!caps.workspace?.workspaceEdit?.documentChanges;
  showDocumentSupport = !!caps.window?.showDocument?.support;
  workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      codeLensProvider: { resolveProvider: true },
      // the code lens's command: the server answers the block's effective configuration (VS Code's client opens a document instead)
      executeCommandProvider: { commands: [SHOW_EFFECTIVE_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'kafka-idempotence-lint' },
  };
  if (pullMode) {
    result.capabilities.diagnosticProvider = { identifier: 'kafka-idempotence', interFileDependencies: false, workspaceDiagnostics: false };
  }
  return result;
});

connection.onInitialized(
  guard('initialized', undefined, async () => {
    connection.console.info(
      `Kafka Idempotence Lint server started (${pullMode ? 'pull' : 'push'} diagnostics, node ${process.version}, lint time budget ${linter.budgetMs / 1000} s).`,
    );
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
      });
    }
  }),
);

/** Settings changed (editor settings or a project configuration file): re-lint every open document. */
async function settingsChanged(): Promise<void> {
  settingsCache.clear();
  linter.settingsChanged();
  scanner.clear();
  generation++;
  if (caps.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  if (pullMode) {
    if (refreshSupport) await connection.languages.diagnostics.refresh();
  } else {
    for (const doc of documents.all()) schedulePush(doc.uri, 0);
  }
}

connection.onDidChangeConfiguration(
  guard('didChangeConfiguration', undefined, async (change) => {
    // each problem is shown once per change of the settings
    reportedSettingProblems.clear();
    if (!configurationSupport) {
      const raw = (change.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
      const read = readLintSettings(raw, pushedSettings);
      reportSettingProblems(read.problems);
      pushedSettings = read.settings;
      pushedCodeLens = codeLensSetting(raw);
    }
    await settingsChanged();
  }),
);

// the client watches the project's configuration files and the build files (WATCHED_FILE_GLOBS in lsp/protocol.ts)
connection.onDidChangeWatchedFiles(
  guard('didChangeWatchedFiles', undefined, async () => {
    linter.filesChanged();
    reportedConfigErrors.clear();
    await settingsChanged();
  }),
);

documents.onDidOpen(
  guard('didOpen', undefined, (e) => {
    openGeneration.set(e.document.uri, ++generation);
    if (!pullMode) schedulePush(e.document.uri, 0);
  }),
);

documents.onDidChangeContent(
  guard('didChange', undefined, (e) => {
    // didOpen also fires onDidChangeContent; the open handler already scheduled that version
    if (!pullMode && scheduledVersion.get(e.document.uri) !== e.document.version) schedulePush(e.document.uri, PUSH_DEBOUNCE_MS);
  }),
);

documents.onDidClose(
  guard('didClose', undefined, async (e) => {
    const uri = e.document.uri;
    clearTimeout(pushTimers.get(uri));
    pushTimers.delete(uri);
    scheduledVersion.delete(uri);
    linter.forget(uri);
    settingsCache.delete(uri);
    lastSettings.delete(uri);
    codeLensEnabled.delete(uri);
    openGeneration.delete(uri);
    if (noticed.has(uri)) sendStatus(uri, undefined);
    if (!pullMode) await connection.sendDiagnostics({ uri, diagnostics: [] });
  }),
);

connection.onShutdown(async () => {
  for (const t of pushTimers.values()) clearTimeout(t);
  pushTimers.clear();
  await linter.close();
});

// ---------------------------------------------------------------------------------------------
// features

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

connection.languages.diagnostics.on(
  guard('textDocument/diagnostic', EMPTY_REPORT, async (params): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    if (!documents.get(uri)) return EMPTY_REPORT;
    const settings = await getSettings(uri);
    const doc = documents.get(uri);
    if (!doc) return EMPTY_REPORT;
    const resultId = `${openGeneration.get(uri) ?? 0}.${generation}.${doc.version}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const items = (await linter.diagnostics(requestFor(doc, settings))) ?? [];
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }),
);

connection.onHover(
  guard('textDocument/hover', null, async (params): Promise<Hover | null> => {
    const uri = params.textDocument.uri;
    if (!documents.get(uri)) return null;
    const settings = await getSettings(uri);
    const doc = documents.get(uri);
    if (!doc) return null;
    // the worker that linted this version keeps the result: a hover does not lint the document again
    return linter.hover(requestFor(doc, settings), params.position);
  }),
);

connection.onCodeAction(
  guard('textDocument/codeAction', [] as CodeAction[], async (params) => {
    const uri = params.textDocument.uri;
    if (!documents.get(uri)) return [];
    const settings = await getSettings(uri);
    const doc = documents.get(uri);
    if (!doc) return [];
    return linter.codeActions(requestFor(doc, settings), params, documentChangesSupport);
  }),
);

// VS Code's client runs kafkaIdempotence.openDocs itself; other clients may send it here.
// It is deliberately not advertised in executeCommandProvider (that would make VS Code's
// client register the same command a second time).
/**
 * Memory of the server process, for the soak test and for diagnosing a report. Collects garbage
 * first when the process was started with --expose-gc and `gc` is not false, so `heapUsed` is
 * then the live heap. Also says how much V8 keeps per heap space and how many entries the
 * per-document maps hold (they must not outgrow the open documents).
 */
connection.onRequest(
  MEMORY_REQUEST,
  guard('memory', null, async (params?: { gc?: boolean } | null) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const collect = gc !== undefined && params?.gc !== false;
    if (collect) gc();
    const workers = await linter.memory(collect);
    const m = process.memoryUsage();
    const spaces: Record<string, { size: number; used: number; physical: number }> = {};
    for (const s of getHeapSpaceStatistics())
      spaces[s.space_name] = { size: s.space_size, used: s.space_used_size, physical: s.physical_space_size };
    const sum = (f: (w: (typeof workers)[number]) => number) => workers.reduce((n, w) => n + f(w), 0);
    return {
      // the process: RSS covers the workers too; the heaps are this thread's plus every worker's
      rss: m.rss,
      heapTotal: m.heapTotal + sum((w) => w.heapTotal),
      heapUsed: m.heapUsed + sum((w) => w.heapUsed),
      mainHeapUsed: m.heapUsed,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      collected: collect,
      spaces,
      workers: { ...linter.stats, heapUsed: workers.map((w) => w.heapUsed) },
      maps: {
        documents: documents.keys().length,
        codeLensEnabled: codeLensEnabled.size,
        scanResults: scanner.size,
        lintResults: sum((w) => w.results),
        cutOffs: linter.stats.cutOffDocuments,
        settingsCache: settingsCache.size,
        lastSettings: lastSettings.size,
        openGeneration: openGeneration.size,
        noticed: noticed.size,
        pushTimers: pushTimers.size,
        scheduledVersion: scheduledVersion.size,
      },
    };
  }),
);

connection.onExecuteCommand(
  guard('workspace/executeCommand', null, async (params) => {
    if (params.command === SHOW_EFFECTIVE_COMMAND) {
      const args: unknown[] = params.arguments ?? [];
      const [uri, block] = args;
      return typeof uri === 'string' && typeof block === 'number' ? effectiveConfiguration({ uri, block }) : null;
    }
    if (params.command !== OPEN_DOCS_COMMAND) return null;
    const url: unknown = params.arguments?.[0];
    if (typeof url !== 'string' || !url.startsWith(DOCS_BASE_URL)) return null;
    if (showDocumentSupport) await connection.window.showDocument({ uri: url, external: true });
    else connection.console.info(`Documentation: ${url}`);
    return null;
  }),
);

// ---------------------------------------------------------------------------------------------
// the effective producer: code lenses, the effective-configuration document, the workspace scan

/** A document the editor has open, or the file on disk (a view's item for a file not open). */
async function docForUri(uri: string): Promise<TextDocument | undefined> {
  const open = documents.get(uri);
  if (open) return open;
  const file = pathOfUri(uri);
  if (!file) return undefined;
  try {
    const st = await fs.stat(file);
    const settings = await getSettings(uri);
    if (!st.isFile() || st.size > 3 * settings.maxFileSize + 3) return undefined;
    return TextDocument.create(uri, '', 0, await fs.readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

connection.onCodeLens(
  guard('textDocument/codeLens', [] as CodeLens[], async (params): Promise<CodeLens[]> => {
    const uri = params.textDocument.uri;
    if (!documents.get(uri)) return [];
    const settings = await getSettings(uri);
    const doc = documents.get(uri);
    if (!doc || !codeLensOn(uri)) return [];
    const lenses = await linter.codeLenses(requestFor(doc, settings));
    // resolved one by one (codeLens/resolve): the editor asks only for the lenses it shows
    return lenses.map((l) => ({ range: l.range, data: { uri, version: doc.version, block: l.block } satisfies CodeLensData }));
  }),
);

connection.onCodeLensResolve(async (lens): Promise<CodeLens> => {
  try {
    const data = lens.data as Partial<CodeLensData> | undefined;
    if (typeof data?.uri !== 'string' || typeof data.block !== 'number')
      return { ...lens, command: { title: 'Kafka producer', command: '' } };
    const doc = documents.get(data.uri);
    const settings = doc ? await getSettings(data.uri) : undefined;
    const e = doc && settings ? await linter.effective(requestFor(doc, settings), data.block, false) : null;
    // a document that changed since the lens was made: the editor asks for new lenses
    if (!e) return { ...lens, command: { title: 'Kafka producer (changed)', command: '' } };
    return {
      ...lens,
      command: {
        title: e.label,
        command: SHOW_EFFECTIVE_COMMAND,
        arguments: [data.uri, data.block],
        tooltip: `${e.name}: show the effective producer configuration`,
      },
    };
  } catch (e) {
    connection.console.error(`codeLens/resolve failed: ${errorText(e)}`);
    return { ...lens, command: { title: 'Kafka producer', command: '' } };
  }
});

async function effectiveConfiguration(params: EffectiveConfigurationParams): Promise<EffectiveConfiguration | null> {
  const doc = await docForUri(params.uri);
  if (!doc) return null;
  const settings = await getSettings(params.uri);
  const e = await linter.effective(requestFor(doc, settings), params.block, true);
  if (!e || e.text === undefined) return null;
  return { uri: params.uri, block: params.block, name: e.name, state: e.state, label: e.label, text: e.text };
}

connection.onRequest(
  EFFECTIVE_CONFIGURATION_REQUEST,
  guard('effectiveConfiguration', null, async (params: EffectiveConfigurationParams) => {
    if (typeof params?.uri !== 'string' || typeof params.block !== 'number') return null;
    return effectiveConfiguration(params);
  }),
);

const scanner = new WorkspaceScanner(linter);
/** A server-created progress appears only for a scan that takes longer than this (KAFKA_IDEMPOTENCE_SCAN_PROGRESS_AFTER_MS). */
const SCAN_PROGRESS_AFTER_MS = (() => {
  const raw = process.env.KAFKA_IDEMPOTENCE_SCAN_PROGRESS_AFTER_MS?.trim();
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 500;
})();

connection.onRequest(
  SCAN_REQUEST,
  guard(
    'scanProducers',
    null as ScanResult | null,
    async (params: ScanParams | undefined, token: CancellationToken): Promise<ScanResult> => {
      const folderUris = Array.isArray(params?.folders)
        ? params.folders.filter((f): f is string => typeof f === 'string')
        : workspaceFolders;
      const extra = Array.isArray(params?.exclude)
        ? params.exclude.filter((g): g is string => typeof g === 'string').map((glob) => ({ glob }))
        : [];
      const folders: ScanFolder[] = [];
      for (const uri of folderUris) {
        const folderPath = pathOfUri(uri);
        if (!folderPath) continue;
        const filesExclude = configurationSupport
          ? await connection.workspace.getConfiguration({ scopeUri: uri, section: 'files.exclude' }).then(excludeGlobs, () => [])
          : [];
        folders.push({ path: folderPath, exclude: [...filesExclude, ...extra], settings: await getSettings(uri) });
      }
      // progress: on the client's token, else on one the server creates when the scan takes a while
      let reporter = params?.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
      let userCancel: { isCancellationRequested: boolean } | undefined;
      let began = false;
      let finished = false;
      const begin = () => {
        if (began || !reporter) return;
        began = true;
        reporter.begin('Kafka producers', 0, 'looking for files…', true);
      };
      begin();
      const timer =
        !reporter && caps.window?.workDoneProgress
          ? setTimeout(() => {
              void connection.window.createWorkDoneProgress().then(
                (r) => {
                  if (finished) return r.done();
                  reporter = r;
                  userCancel = r.token;
                  begin();
                },
                () => undefined,
              );
            }, SCAN_PROGRESS_AFTER_MS)
          : undefined;
      let lastReport = 0;
      const byPath = new Map<string, TextDocument>();
      for (const d of documents.all()) {
        const p = pathOfUri(d.uri);
        if (p) byPath.set(p, d);
      }
      try {
        return await scanner.scan(
          folders,
          (file) => {
            const d = byPath.get(file);
            return d ? { uri: d.uri, text: d.getText(), languageId: d.languageId, version: d.version } : undefined;
          },
          {
            cancelled: () => token.isCancellationRequested || userCancel?.isCancellationRequested === true,
            progress: (done, total) => {
              const now = Date.now();
              if (!began || (now - lastReport < 100 && done !== total)) return;
              lastReport = now;
              if (total === 0) reporter!.report('looking for files…');
              else reporter!.report(Math.floor((done / total) * 100), `${done}/${total} files`);
            },
          },
        );
      } finally {
        finished = true;
        clearTimeout(timer);
        if (began) reporter!.done();
      }
    },
  ),
);

process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${errorText(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${errorText(e)}`));

documents.listen(connection);
connection.listen();

/**
 * The Kafka Idempotence language server: a thin adapter from LSP to the pure service
 * (server/src/service). Transport comes from the command line (`--stdio`, `--node-ipc`,
 * `--socket=<port>`), as vscode-languageserver reads it.
 *
 * Diagnostics are pulled (`textDocument/diagnostic`) when the client can, otherwise pushed
 * (debounced per document, immediately on open). Code actions come from `diagnostic.data`;
 * nothing from the workspace is ever executed. Every handler is guarded: an exception is
 * logged and answered with an empty result, so one document cannot kill the server.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { getHeapSpaceStatistics } from 'node:v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, DOCS_BASE_URL, hover, lint, mergeSettings, type LintInput, type LintResult, type LintSettings } from './service';
import { codeActions, type ActionContext } from './lsp/codeActions';
import { toDiagnostic, toRange } from './lsp/convert';
import { FIX_ALL_KIND, OPEN_DOCS_COMMAND, SETTINGS_SECTION, STATUS_NOTIFICATION, type StatusParams } from './lsp/protocol';
import { toLintSettings } from './lsp/settings';
import { clearProjectConfigCache, loadProjectConfig } from './config/projectConfig';
import { applyBuildVersion, clearBuildVersionCache } from './config/buildVersion';
import { loadJavaParser } from './javaParser';

const PUSH_DEBOUNCE_MS = 200;

const connection = createConnection();
const documents = new TextDocuments(TextDocument);

let caps: ClientCapabilities = {};
let pullMode = false;
let configurationSupport = false;
let refreshSupport = false;
let documentChangesSupport = false;
let showDocumentSupport = false;

/** Settings per document URI (cleared on didChangeConfiguration). */
const settingsCache = new Map<string, Promise<LintSettings>>();
/** Settings pushed with didChangeConfiguration, for clients without `workspace/configuration`. */
let pushedSettings: LintSettings = DEFAULT_SETTINGS;
/** Bumped on every configuration change and document open, so pull result ids never repeat. */
let generation = 0;
const openGeneration = new Map<string, number>();
/** The last lint per document (same version and settings object → same result); a parse cache, not fix state. */
const lintCache = new Map<string, { version: number; settings: LintSettings; result?: LintResult }>();
/** The documents whose lint result is kept, least recently used first (see LINT_CACHE_SIZE). */
const keptResults = new Set<string>();
/** Documents that currently have a status notice, so it is cleared when it goes away. */
const noticed = new Map<string, string>();
const pushTimers = new Map<string, NodeJS.Timeout>();
/** The document version a push validation was last scheduled for (didOpen also fires a content change). */
const scheduledVersion = new Map<string, number>();

function errorText(e: unknown): string {
  return e instanceof Error ? e.stack ?? e.message : String(e);
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

/**
 * Layers the project's `.kafka-idempotence.{json,yaml,yml}` (nearest one upward from the file)
 * over the editor settings, so the editor says what CI says. A file matched by its `ignore`
 * globs is not linted; a broken file is reported once and the editor settings apply.
 * The client version: an editor setting other than `auto` (set on purpose) wins, then the file's
 * `kafkaClientsVersion`, then the nearest build file declaring kafka-clients, then the newest 4.x.
 */
function withProjectConfig(uri: string, settings: LintSettings): LintSettings {
  if (!uri.startsWith('file:')) return settings;
  const fileName = fileNameOf(uri);
  const cfg = loadProjectConfig(fileName);
  if (cfg.error) {
    if (!reportedConfigErrors.has(cfg.error)) {
      reportedConfigErrors.add(cfg.error);
      connection.console.error(`Kafka Idempotence Lint: ${cfg.error}`);
      void connection.window.showWarningMessage(`Kafka Idempotence Lint: ${cfg.error}`);
    }
    return applyBuildVersion(settings, fileName);
  }
  if (cfg.ignored) return { ...settings, enable: false };
  const merged = mergeSettings(settings, cfg.overrides);
  if (cfg.overrides.kafkaClientsVersion !== undefined && cfg.source) merged.kafkaClientsVersionSource = cfg.source;
  if (settings.kafkaClientsVersion.trim() !== 'auto') {
    merged.kafkaClientsVersion = settings.kafkaClientsVersion;
    merged.kafkaClientsVersionSource = settings.kafkaClientsVersionSource;
  }
  return applyBuildVersion(merged, fileName);
}

/**
 * The Java parser (WebAssembly) loads once at start-up; every lint waits for it through getSettings, so a
 * `.java` document is never linted without it. A failure is logged, and `.java` files are then skipped with a notice.
 */
const javaParserReady: Promise<unknown> = loadJavaParser().catch((e) => {
  connection.console.error(`The Java parser could not be loaded (${errorText(e)}); .java files are not linted.`);
});

function getSettings(uri: string): Promise<LintSettings> {
  return javaParserReady.then(() => settingsOf(uri));
}

function settingsOf(uri: string): Promise<LintSettings> {
  if (!configurationSupport) return Promise.resolve(withProjectConfig(uri, pushedSettings));
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
      (raw) => withProjectConfig(uri, toLintSettings(raw)),
      (e) => {
        connection.console.error(`workspace/configuration failed for ${uri}: ${errorText(e)}; using the defaults`);
        return withProjectConfig(uri, toLintSettings(undefined));
      },
    );
    settingsCache.set(uri, s);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// linting

function fileNameOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return decodeURIComponent(uri.replace(/^file:\/\/[^/]*/, ''));
  } catch {
    return uri;
  }
}

function inputOf(doc: TextDocument): LintInput {
  return { fileName: fileNameOf(doc.uri), text: doc.getText(), languageId: doc.languageId };
}

function sendStatus(uri: string, message: string | undefined): void {
  if ((noticed.get(uri) ?? null) === (message ?? null)) return;
  if (message) noticed.set(uri, message);
  else noticed.delete(uri);
  const params: StatusParams = { uri, message: message ?? null };
  void connection.sendNotification(STATUS_NOTIFICATION, params);
}

/**
 * How many lint results stay cached: the documents being worked on (hovers and code actions follow an
 * edit), not every open one. A result holds the parsed document (its YAML maps or syntax tree), so
 * with a thousand open files an unbounded cache is most of the server's memory; an evicted one is
 * linted again when it is asked for.
 */
const LINT_CACHE_SIZE = 32;

function lintDocument(doc: TextDocument, settings: LintSettings): LintResult {
  const cached = lintCache.get(doc.uri);
  if (cached?.result && cached.version === doc.version && cached.settings === settings) {
    keep(doc.uri);
    return cached.result;
  }
  const result = lint(inputOf(doc), settings);
  for (const f of result.failures) connection.console.error(f);
  if (result.notice) connection.console.info(result.notice);
  sendStatus(doc.uri, result.notice);
  lintCache.set(doc.uri, { version: doc.version, settings, result });
  keep(doc.uri);
  return result;
}

/** Marks a document's result as most recently used; the least recently used results beyond the bound are dropped (their version and settings stay). */
function keep(uri: string): void {
  keptResults.delete(uri);
  keptResults.add(uri);
  while (keptResults.size > LINT_CACHE_SIZE) {
    const oldest = keptResults.values().next().value as string;
    keptResults.delete(oldest);
    const e = lintCache.get(oldest);
    if (e) e.result = undefined;
  }
}

function diagnosticsOf(doc: TextDocument, settings: LintSettings): Diagnostic[] {
  return lintDocument(doc, settings).findings.map((f) => toDiagnostic(doc, f));
}

// push mode

const publish = guard('publishing diagnostics', undefined, async (uri: string) => {
  const before = documents.get(uri);
  if (!before) return;
  const settings = await getSettings(uri);
  const doc = documents.get(uri);
  // a newer version has its own validation queued; a closed document was cleared
  if (!doc || doc.version !== before.version) return;
  await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnosticsOf(doc, settings) });
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
  pushTimers.set(uri, setTimeout(() => {
    pushTimers.delete(uri);
    void publish(uri);
  }, delay));
}

// ---------------------------------------------------------------------------------------------
// lifecycle

connection.onInitialize((params): InitializeResult => {
  caps = params.capabilities;
  pullMode = !!caps.textDocument?.diagnostic;
  configurationSupport = !!caps.workspace?.configuration;
  refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
  documentChangesSupport = !!caps.workspace?.workspaceEdit?.documentChanges;
  showDocumentSupport = !!caps.window?.showDocument?.support;
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
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
    connection.console.info(`Kafka Idempotence Lint server started (${pullMode ? 'pull' : 'push'} diagnostics, node ${process.version}).`);
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
  }),
);

/** Settings changed (editor settings or a project configuration file): re-lint every open document. */
async function settingsChanged(): Promise<void> {
  settingsCache.clear();
  lintCache.clear();
  keptResults.clear();
  generation++;
  if (pullMode) {
    if (refreshSupport) await connection.languages.diagnostics.refresh();
  } else {
    for (const doc of documents.all()) schedulePush(doc.uri, 0);
  }
}

connection.onDidChangeConfiguration(
  guard('didChangeConfiguration', undefined, async (change) => {
    if (!configurationSupport) {
      const raw = (change.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
      pushedSettings = toLintSettings(raw);
    }
    await settingsChanged();
  }),
);

// the client watches **/.kafka-idempotence.{json,yaml,yml} and the build files (pom.xml, build.gradle(.kts),
// gradle.properties, libs.versions.toml)
connection.onDidChangeWatchedFiles(
  guard('didChangeWatchedFiles', undefined, async () => {
    clearProjectConfigCache();
    clearBuildVersionCache();
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
    lintCache.delete(uri);
    keptResults.delete(uri);
    settingsCache.delete(uri);
    openGeneration.delete(uri);
    if (noticed.has(uri)) sendStatus(uri, undefined);
    if (!pullMode) await connection.sendDiagnostics({ uri, diagnostics: [] });
  }),
);

connection.onShutdown(() => {
  for (const t of pushTimers.values()) clearTimeout(t);
  pushTimers.clear();
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
    if (params.previousResultId === resultId && lintCache.get(uri)?.settings === settings) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    }
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(doc, settings) };
  }),
);

connection.onHover(
  guard('textDocument/hover', null, async (params): Promise<Hover | null> => {
    const uri = params.textDocument.uri;
    if (!documents.get(uri)) return null;
    const settings = await getSettings(uri);
    const doc = documents.get(uri);
    if (!doc) return null;
    // the lint of this version and settings, cached: a hover does not lint the document again
    const h = hover(inputOf(doc), settings, doc.offsetAt(params.position), lintDocument(doc, settings));
    if (!h) return null;
    return { contents: { kind: 'markdown', value: h.markdown }, range: toRange(doc, h.span) };
  }),
);

function workspaceEditFor(doc: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  if (documentChangesSupport) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  return { changes: { [doc.uri]: edits } };
}

connection.onCodeAction(
  guard('textDocument/codeAction', [] as CodeAction[], async (params) => {
    const uri = params.textDocument.uri;
    if (!documents.get(uri)) return [];
    const settings = await getSettings(uri);
    const doc = documents.get(uri);
    if (!doc) return [];
    const ctx: ActionContext = {
      doc,
      settings,
      input: inputOf(doc),
      lint: () => lintDocument(doc, settings),
      workspaceEdit: (edits) => workspaceEditFor(doc, edits),
    };
    return codeActions(ctx, params);
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
  'kafkaIdempotence/memory',
  guard('memory', null, (params?: { gc?: boolean } | null) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const collect = gc !== undefined && params?.gc !== false;
    if (collect) gc();
    const m = process.memoryUsage();
    const spaces: Record<string, { size: number; used: number; physical: number }> = {};
    for (const s of getHeapSpaceStatistics()) spaces[s.space_name] = { size: s.space_size, used: s.space_used_size, physical: s.physical_space_size };
    return {
      rss: m.rss,
      heapTotal: m.heapTotal,
      heapUsed: m.heapUsed,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      collected: collect,
      spaces,
      maps: {
        documents: documents.keys().length,
        lintCache: lintCache.size,
        keptResults: keptResults.size,
        settingsCache: settingsCache.size,
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
    if (params.command !== OPEN_DOCS_COMMAND) return null;
    const url = params.arguments?.[0];
    if (typeof url !== 'string' || !url.startsWith(DOCS_BASE_URL)) return null;
    if (showDocumentSupport) await connection.window.showDocument({ uri: url, external: true });
    else connection.console.info(`Documentation: ${url}`);
    return null;
  }),
);

process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${errorText(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${errorText(e)}`));

documents.listen(connection);
connection.listen();

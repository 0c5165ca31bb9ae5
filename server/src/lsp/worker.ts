/**
 * A lint worker of the language server (bundled as dist/serverWorker.js): lints documents for the
 * main thread, off its event loop and under its time budget (lsp/lintPool.ts), and answers
 * diagnostics, hovers and code actions from the lint result it keeps per document.
 *
 * It layers the project's `.kafka-idempotence.*` file and the build files' kafka-clients version over
 * the editor's settings (that reading is part of the job, under the same budget), keeps the last
 * LINT_CACHE_SIZE results (a result holds the parsed document: YAML maps or a syntax tree), and
 * reports the build file it is about to read, so that a cut-off there names it.
 */
import { getHeapStatistics } from 'node:v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hover, lint, loadParser, parserToLoad, mergeSettings, RULES_BY_ID, type LintInput, type LintResult, type LintSettings } from '../service';
import { applyBuildVersion, BuildVersionFinder } from '../config/buildVersion';
import { clearProjectConfigCache, loadProjectConfig } from '../config/projectConfig';
import { PARSER_LOAD_GRACE_MS, serve, type Progress } from '../pool/serve';
import { afterTypeScriptUse, useTypeScriptCodeCache } from '../pool/typescriptCache';
import { codeActions, type ActionContext } from './codeActions';
import { toDiagnostic, toRange } from './convert';
import type { DocPayload, LogLine, WorkerRequest, WorkerResponse } from './workerProtocol';

/** How many lint results a worker keeps: the documents being worked on, not every open one. */
const LINT_CACHE_SIZE = 32;

interface Kept {
  key: string;
  version: number;
  doc: TextDocument;
  input: LintInput;
  settings: LintSettings;
  result: LintResult;
  configError?: string;
}

/** Problems with the code cache: a log line in the answer that comes next (they never stop a lint). */
const pendingLogs: LogLine[] = [];
const codeCacheLog = (text: string) => {
  if (pendingLogs.length < 10) pendingLogs.push({ level: 'info', text: `Kafka Idempotence Lint: ${text}` });
};

/** Least recently used first. */
const kept = new Map<string, Kept>();
const finder = new BuildVersionFinder(false);

function fileNameOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return decodeURIComponent(uri.replace(/^file:\/\/[^/]*/, ''));
  } catch {
    return uri;
  }
}

/**
 * The project's configuration file over the editor settings, so the editor says what CI says: a file
 * matched by its `ignore` globs is not linted; a broken file is reported (once, by the main thread)
 * and the editor settings apply. The version: an editor setting other than `auto` (set on purpose)
 * wins, then the file's `kafkaClientsVersion`, then the nearest build file declaring kafka-clients.
 */
function effectiveSettings(uri: string, editor: LintSettings): { settings: LintSettings; configError?: string } {
  if (!uri.startsWith('file:')) return { settings: editor };
  const fileName = fileNameOf(uri);
  const cfg = loadProjectConfig(fileName);
  if (cfg.error) return { settings: applyBuildVersion(editor, fileName, finder), configError: cfg.error };
  if (cfg.ignored) return { settings: { ...editor, enable: false } };
  const merged = mergeSettings(editor, cfg.overrides);
  if (cfg.overrides.kafkaClientsVersion !== undefined && cfg.source) merged.kafkaClientsVersionSource = cfg.source;
  if (editor.kafkaClientsVersion.trim() !== 'auto') {
    merged.kafkaClientsVersion = editor.kafkaClientsVersion;
    merged.kafkaClientsVersionSource = editor.kafkaClientsVersionSource;
  }
  return { settings: applyBuildVersion(merged, fileName, finder) };
}

function linted(p: DocPayload, progress: Progress): { entry: Kept; fresh: boolean; logs: LogLine[] } {
  const hit = kept.get(p.uri);
  if (hit && hit.key === p.key && hit.version === p.version && hit.input.text.length === p.text.length) {
    kept.delete(p.uri);
    kept.set(p.uri, hit);
    return { entry: hit, fresh: false, logs: [] };
  }
  finder.unreadable.clear();
  for (const f of p.slowBuildFiles) finder.unreadable.set(f, 'reading it was stopped: it took longer than the time budget or ran out of memory');
  // progress is a message to the main thread: only when there is something to tell (most files read no build file)
  let told = false;
  finder.onRead = (file) => {
    told = true;
    progress({ phase: 'build-file', file });
  };
  let eff: { settings: LintSettings; configError?: string };
  try {
    eff = effectiveSettings(p.uri, p.editor);
  } finally {
    finder.onRead = undefined;
  }
  const input: LintInput = { fileName: fileNameOf(p.uri), text: p.text, languageId: p.languageId };
  // loading the TypeScript compiler (once per worker) is not time spent on this document: a fresh budget
  const loading = parserToLoad(input);
  if (loading) {
    progress({ phase: 'loading-parser' }, true, PARSER_LOAD_GRACE_MS);
    useTypeScriptCodeCache(p.codeCacheDir, codeCacheLog);
    loadParser();
    told = true;
  }
  if (told) progress({ phase: 'lint' }, true);
  const result = lint(input, eff.settings);
  // the compiler's code cache, once it parsed a file (so its parser is in the cache), after the answer went out
  if (loading) setImmediate(afterTypeScriptUse);
  const entry: Kept = { key: p.key, version: p.version, doc: TextDocument.create(p.uri, p.languageId, p.version, p.text), input, settings: eff.settings, result, configError: eff.configError };
  kept.delete(p.uri);
  kept.set(p.uri, entry);
  while (kept.size > LINT_CACHE_SIZE) kept.delete(kept.keys().next().value as string);
  const logs: LogLine[] = [...pendingLogs.splice(0), ...result.failures.map((text): LogLine => ({ level: 'error', text }))];
  if (result.notice) logs.push({ level: 'info', text: result.notice });
  return { entry, fresh: true, logs };
}

function answer(req: WorkerRequest, progress: Progress): WorkerResponse {
  switch (req.kind) {
    case 'forget':
      kept.delete(req.uri);
      return { kind: 'done' };
    case 'clear':
      kept.clear();
      finder.clear();
      clearProjectConfigCache();
      return { kind: 'done' };
    case 'memory': {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (req.gc && gc) gc();
      const h = getHeapStatistics();
      return { kind: 'memory', heapUsed: h.used_heap_size, heapTotal: h.total_heap_size, results: kept.size };
    }
  }
  const { entry, fresh, logs } = linted(req.doc, progress);
  const unknown = Object.keys(req.doc.editor.rules).filter((id) => !RULES_BY_ID.has(id));
  const base = {
    fresh,
    logs,
    notice: entry.result.notice ?? null,
    ...(entry.configError ? { configError: entry.configError } : {}),
    ...(unknown.length ? { settingsProblems: unknown.map((id) => `kafkaIdempotence.rules: unknown rule '${id}'`) } : {}),
  };
  switch (req.kind) {
    case 'diagnostics':
      return { ...base, kind: 'diagnostics', diagnostics: entry.result.findings.map((f) => toDiagnostic(entry.doc, f)) };
    case 'hover': {
      const h = hover(entry.input, entry.settings, entry.doc.offsetAt(req.position), entry.result);
      return { ...base, kind: 'hover', hover: h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(entry.doc, h.span) } : null };
    }
    case 'codeActions': {
      const doc = entry.doc;
      const ctx: ActionContext = {
        doc,
        settings: entry.settings,
        input: entry.input,
        lint: () => entry.result,
        workspaceEdit: (edits) =>
          req.documentChanges ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] } : { changes: { [doc.uri]: edits } },
      };
      return { ...base, kind: 'codeActions', actions: codeActions(ctx, req.params) };
    }
  }
}

serve<WorkerRequest, WorkerResponse>((req, progress) => answer(req, progress));

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
import * as fs from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  editorSources,
  effectiveDocument,
  effectiveProducer,
  effectiveProducers,
  formatOf,
  hover,
  LineIndex,
  mayHoldProducer,
  resolveSettings,
  RULES_BY_ID,
  type LintInput,
  type LintResult,
  type LintSettings,
} from '../service';
import { decode } from '../cli/encoding';
import { clearScanCaches, compileExcludes, walkSlice } from './scanWalk';
import type { ScannedProducer } from './protocol';
import { BuildVersionFinder, readBuildFacts } from '../config/buildVersion';
import { clearProjectConfigCache, loadProjectConfig } from '../config/projectConfig';
import { runLintJob } from '../pool/lintJob';
import { serve, type Progress } from '../pool/serve';
import { codeActions, type ActionContext } from './codeActions';
import { toDiagnostic, toRange } from './convert';
import type { DocPayload, Linted, LogLine, WorkerRequest, WorkerResponse } from './workerProtocol';

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
 * The settings precedence (service/settingsPrecedence.ts) for one document, so the editor says what CI
 * says: the project's configuration file over the editor's settings (a file matched by its `ignore`
 * globs is not linted; a broken file is reported, once, by the main thread, and the editor's settings
 * apply), an editor version other than `auto` over the file, the build files for `auto`. A document
 * that is no file has the editor's settings only.
 */
function effectiveSettings(uri: string, editor: LintSettings): { settings: LintSettings; configError?: string } {
  if (!uri.startsWith('file:')) return { settings: editor };
  const fileName = fileNameOf(uri);
  const r = resolveSettings({
    ...editorSources(editor),
    project: loadProjectConfig(fileName),
    readBuild: (needs) => readBuildFacts(fileName, needs, finder),
  });
  return r.configError ? { settings: r.settings, configError: r.configError } : { settings: r.settings };
}

async function linted(p: DocPayload, progress: Progress): Promise<{ entry: Kept; fresh: boolean; logs: LogLine[] }> {
  const hit = kept.get(p.uri);
  if (hit && hit.key === p.key && hit.version === p.version && hit.input.text.length === p.text.length) {
    kept.delete(p.uri);
    kept.set(p.uri, hit);
    return { entry: hit, fresh: false, logs: [] };
  }
  const input: LintInput = { fileName: fileNameOf(p.uri), text: p.text, languageId: p.languageId };
  // the compiler's code cache, once it parsed a file (so its parser is in the cache), after the answer went out
  const eff = await runLintJob(
    { finder, slowBuildFiles: p.slowBuildFiles, input, progress, codeCache: { dir: p.codeCacheDir, log: codeCacheLog, afterAnswer: true } },
    () => effectiveSettings(p.uri, p.editor),
  );
  const { result } = eff;
  const entry: Kept = {
    key: p.key,
    version: p.version,
    doc: TextDocument.create(p.uri, p.languageId, p.version, p.text),
    input,
    settings: eff.settings,
    result,
    configError: eff.configError,
  };
  kept.delete(p.uri);
  kept.set(p.uri, entry);
  while (kept.size > LINT_CACHE_SIZE) kept.delete(kept.keys().next().value as string);
  const logs: LogLine[] = [...pendingLogs.splice(0), ...result.failures.map((text): LogLine => ({ level: 'error', text }))];
  if (result.notice) logs.push({ level: 'info', text: result.notice });
  return { entry, fresh: true, logs };
}

async function answer(req: WorkerRequest, progress: Progress): Promise<WorkerResponse> {
  switch (req.kind) {
    case 'forget':
      kept.delete(req.uri);
      return { kind: 'done' };
    case 'clear':
      kept.clear();
      finder.clear();
      clearProjectConfigCache();
      clearScanCaches();
      return { kind: 'done' };
    case 'scanWalk': {
      const slice = walkSlice(req.root, req.dirs, compileExcludes(req.exclude), req.maxMs);
      return { kind: 'scanWalk', ...slice };
    }
    case 'scanFile':
      return scanFile(req, progress);
    case 'memory': {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (req.gc && gc) gc();
      const h = getHeapStatistics();
      return { kind: 'memory', heapUsed: h.used_heap_size, heapTotal: h.total_heap_size, results: kept.size };
    }
  }
  return documentAnswer(req, progress);
}

/** A request about an open document: answered from its lint result (kept, or linted now). */
type DocRequest = Extract<WorkerRequest, { doc: DocPayload }>;

async function documentAnswer(req: DocRequest, progress: Progress): Promise<WorkerResponse> {
  const { entry, fresh, logs } = await linted(req.doc, progress);
  const unknown = Object.keys(req.doc.editor.rules).filter((id) => !RULES_BY_ID.has(id));
  const base: Linted = {
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
      return {
        ...base,
        kind: 'hover',
        hover: h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(entry.doc, h.span) } : null,
      };
    }
    case 'codeActions':
      return { ...base, kind: 'codeActions', actions: actionsOf(entry, req) };
    case 'codeLens': {
      const lines = new LineIndex(entry.input.text);
      const lenses = entry.result.blocks.map((b, block) => {
        // one line: where the block starts
        const start = entry.doc.positionAt(b.anchor.start);
        const end = lines.lineOf(b.anchor.end) === start.line ? entry.doc.positionAt(b.anchor.end) : start;
        return { range: { start, end }, block };
      });
      return { ...base, kind: 'codeLens', lenses };
    }
    case 'effective':
      return { ...base, kind: 'effective', effective: effectiveOf(entry, req) };
  }
}

function actionsOf(entry: Kept, req: Extract<WorkerRequest, { kind: 'codeActions' }>) {
  const doc = entry.doc;
  const ctx: ActionContext = {
    doc,
    settings: entry.settings,
    input: entry.input,
    lint: () => entry.result,
    workspaceEdit: (edits) =>
      req.documentChanges
        ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
        : { changes: { [doc.uri]: edits } },
  };
  return codeActions(ctx, req.params);
}

/** One block's effective state, and with `req.document` its effective-configuration text; null: no such block. */
function effectiveOf(entry: Kept, req: Extract<WorkerRequest, { kind: 'effective' }>) {
  const b = entry.result.blocks[req.block];
  if (!b) return null;
  const p = effectiveProducer(b, req.block, entry.settings, new LineIndex(entry.input.text));
  let text: string | undefined;
  if (req.document) {
    const lines = new LineIndex(entry.input.text);
    const findings = entry.result.findings
      .filter((f) => f.block === b.name)
      .map((f) => ({ line: lines.lineOf(f.span.start) + 1, severity: f.severity, ruleId: f.ruleId, message: f.message }));
    text = effectiveDocument(p, entry.input.fileName, findings);
  }
  return { name: p.name, state: p.state, label: p.label, ...(text !== undefined ? { text } : {}) };
}

/**
 * One file of the workspace scan: read (or the editor's text), a look at the text before anything else
 * (most files of most workspaces hold no Kafka producer), then the settings as for an open document
 * (the project's configuration file, the build files' version) and a lint. Nothing is kept.
 */
async function scanFile(req: Extract<WorkerRequest, { kind: 'scanFile' }>, progress: Progress): Promise<WorkerResponse> {
  let text = req.text;
  if (text === undefined) {
    let bytes: Buffer;
    try {
      const st = fs.statSync(req.path);
      // more bytes than 3 × the limit cannot decode to fewer characters than the limit
      if (st.size > 3 * req.editor.maxFileSize + 3) return { kind: 'scanFile', producers: [], skipped: 'too large' };
      bytes = fs.readFileSync(req.path);
    } catch (e) {
      return { kind: 'scanFile', producers: [], skipped: (e as NodeJS.ErrnoException).code ?? 'unreadable' };
    }
    const decoded = decode(bytes, formatOf({ fileName: req.path }));
    if ('unsupported' in decoded) return { kind: 'scanFile', producers: [], skipped: decoded.unsupported };
    text = decoded.text;
  }
  const input: LintInput = { fileName: req.path, text, ...(req.languageId ? { languageId: req.languageId } : {}) };
  if (text.length > req.editor.maxFileSize) return { kind: 'scanFile', producers: [], skipped: 'too large' };
  if (!mayHoldProducer(input))
    return { kind: 'scanFile', producers: [], ...(formatOf(input) === undefined ? { skipped: 'no format' } : {}) };
  // as for an open document: the settings (build files told as they are read), then the parser
  const eff = await runLintJob(
    { finder, slowBuildFiles: [], input, progress, codeCache: { dir: req.codeCacheDir, log: codeCacheLog, afterAnswer: true } },
    () => effectiveSettings(req.uri, req.editor),
  );
  const { result } = eff;
  if (result.notice) return { kind: 'scanFile', producers: [], skipped: result.notice };
  const doc = TextDocument.create(req.uri, req.languageId ?? '', 0, text);
  const producers: ScannedProducer[] = effectiveProducers(result, text, eff.settings).map((p) => ({
    block: p.index,
    name: p.name,
    state: p.state,
    label: p.label,
    range: { start: doc.positionAt(p.anchor.start), end: doc.positionAt(p.anchor.start) },
    dialect: p.dialect,
  }));
  return { kind: 'scanFile', producers };
}

serve<WorkerRequest, WorkerResponse>((req, progress) => answer(req, progress));

/**
 * The language server's side of its lint workers (lsp/worker.ts): every lint — and the hovers and
 * code actions that need a lint result — runs in a worker thread, so the main thread keeps answering
 * while a hostile document is linted, and that document is cut off after the time budget.
 *
 * - One worker is kept; when it has been on one lint for SPARE_AFTER_MS and requests wait, a spare
 *   starts (up to MAX_WORKERS), so a stuck document does not delay the others. Spares stop after IDLE_MS.
 * - A document's requests prefer the worker that linted it last (it keeps the result).
 * - A lint cut off by the budget, or out of memory, makes that version of the document (under those
 *   settings) a cut-off: it gets the file-not-linted notice (a diagnostic and the status item) and is
 *   not linted again until it changes or the settings change; its hovers and code actions are empty.
 * - A cut-off while a build file was being read names that build file: it is not read again (until
 *   build files change) and the document is linted again without it (build-file-unreadable).
 */
import { type CodeAction, type CodeActionParams, type Diagnostic, type Hover, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
// the service's light modules only: the main thread never loads the linter itself (it runs in the workers)
import { NOT_LINTED, noticeFinding } from '../service/notices';
import type { LintSettings } from '../service/types';
import { WorkerPool, type JobResult } from '../pool/workerPool';
import { docsActions } from './docsActions';
import { toDiagnostic } from './convert';
import type { DocPayload, Linted, WorkerProgress, WorkerRequest, WorkerResponse } from './workerProtocol';
import type { ExcludeGlob } from './scanWalk';
import type { ProducerStateName, ScannedProducer } from './protocol';

const MIN_WORKERS = 1;
const MAX_WORKERS = 3;
/**
 * A spare is started when every worker has been on its current lint this long and requests wait:
 * longer than ordinary lints take (a large file, or loading the TypeScript compiler on a worker's
 * first TS/JS file), so that a burst of documents at start-up does not start spares that each hold
 * their own caches; short against the time budget, so a stuck lint delays the others by this much.
 */
const SPARE_AFTER_MS = 500;
/** Spare workers stop after this long without work. */
const IDLE_MS = 15_000;
/**
 * The workers' young generation: 8 MB semi-spaces (V8's young generation is 3 semi-spaces), what the
 * server process had before linting moved to workers (SERVER_FLAGS in lsp/protocol.ts sets a
 * smaller one for the main thread, which only holds the documents and speaks LSP).
 */
const WORKER_YOUNG_GENERATION_MB = 24;
/** Times a document is linted again after a build file stopped its lint (each time without that file). */
const MAX_BUILD_FILE_RETRIES = 4;

export interface LintPoolHost {
  log(level: 'error' | 'warning' | 'info', text: string): void;
  /** The status item's notice for a document (null clears it). */
  status(uri: string, message: string | null): void;
  /** A broken project configuration file, to show once. */
  configError(error: string): void;
  /** Problems with the editor settings that only a worker can see (unknown rule ids), to show once. */
  settingsProblems(problems: string[]): void;
  /** A document was cut off by a hover or code action: its diagnostics should be refreshed. */
  cutOff(uri: string): void;
}

export interface DocRequest {
  doc: TextDocument;
  editor: LintSettings;
  /** Changes with the editor settings and with each open of the document. */
  key: string;
}

export class LintPool {
  private readonly pool: WorkerPool<WorkerRequest, WorkerResponse>;
  /** uri → `key@version` of the document version that was cut off, and the notice it got. */
  private readonly cutOffs = new Map<string, { at: string; message: string }>();
  /** Build files whose reading was cut off: not read again until build files change. */
  private readonly slowBuildFiles = new Set<string>();
  /** The folder of the workers' code cache of the TypeScript compiler (set once the client said where). */
  codeCacheDir: string | undefined;

  constructor(
    script: string,
    private readonly host: LintPoolHost,
    budgetMs: number,
  ) {
    this.pool = new WorkerPool<WorkerRequest, WorkerResponse>({
      script,
      min: MIN_WORKERS,
      max: MAX_WORKERS,
      spareAfterMs: SPARE_AFTER_MS,
      idleMs: IDLE_MS,
      budgetMs,
      maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
      log: (m) => host.log('info', `Kafka Idempotence Lint: ${m}`),
    });
  }

  get budgetMs(): number {
    return this.pool.budgetMs;
  }

  /** Starts the first worker now, so the first document does not wait for it to load. */
  warm(): void {
    this.pool.warm();
  }

  get stats(): { workers: number; started: number; cutOff: number; crashed: number; cutOffDocuments: number } {
    return { workers: this.pool.size, ...this.pool.stats, cutOffDocuments: this.cutOffs.size };
  }

  /**
   * The document's diagnostics; undefined when `replace` is set and a newer request for the same
   * document replaced this one before it ran (push mode: only the last version matters).
   */
  async diagnostics(r: DocRequest, replace = false): Promise<Diagnostic[] | undefined> {
    const cut = this.cutOffOf(r);
    if (cut !== undefined) return this.noticeDiagnostics(r, cut);
    const res = await this.ask(r, (doc) => ({ kind: 'diagnostics', doc }), replace ? 'diagnostics' : undefined);
    if (res === 'superseded') return undefined;
    if (res === 'cut-off') return this.noticeDiagnostics(r, this.cutOffOf(r) ?? '');
    if (res.kind === 'crashed') {
      const f = noticeFinding(
        'internal-error',
        `Internal error: linting this file failed (${res.error}), so nothing in it was judged. Please report it.`,
        r.editor,
      );
      return f ? [toDiagnostic(r.doc, f)] : [];
    }
    return res.kind === 'diagnostics' ? res.diagnostics : [];
  }

  async hover(r: DocRequest, position: Position): Promise<Hover | null> {
    if (this.cutOffOf(r) !== undefined) return null;
    const res = await this.ask(r, (doc) => ({ kind: 'hover', doc, position }));
    if (typeof res === 'string') {
      if (res === 'cut-off') this.host.cutOff(r.doc.uri);
      return null;
    }
    return res.kind === 'hover' ? res.hover : null;
  }

  async codeActions(r: DocRequest, params: CodeActionParams, documentChanges: boolean): Promise<CodeAction[]> {
    if (this.cutOffOf(r) !== undefined) return docsActions(params);
    const res = await this.ask(r, (doc) => ({ kind: 'codeActions', doc, params, documentChanges }));
    if (typeof res === 'string') {
      if (res === 'cut-off') this.host.cutOff(r.doc.uri);
      return docsActions(params);
    }
    return res.kind === 'codeActions' ? res.actions : [];
  }

  /** Where each producer block of the document starts (empty for a cut-off document). */
  async codeLenses(r: DocRequest): Promise<Array<{ range: Range; block: number }>> {
    if (this.cutOffOf(r) !== undefined) return [];
    const res = await this.ask(r, (doc) => ({ kind: 'codeLens', doc }));
    if (typeof res === 'string') {
      if (res === 'cut-off') this.host.cutOff(r.doc.uri);
      return [];
    }
    return res.kind === 'codeLens' ? res.lenses : [];
  }

  /** One block's effective state (and with `document` its effective-configuration text); null when there is no such block. */
  async effective(
    r: DocRequest,
    block: number,
    document: boolean,
  ): Promise<{ name: string; state: ProducerStateName; label: string; text?: string } | null> {
    if (this.cutOffOf(r) !== undefined) return null;
    const res = await this.ask(r, (doc) => ({ kind: 'effective', doc, block, document }));
    if (typeof res === 'string') {
      if (res === 'cut-off') this.host.cutOff(r.doc.uri);
      return null;
    }
    return res.kind === 'effective' ? res.effective : null;
  }

  /** The workspace scan's walk: the next slice of `dirs`. */
  async scanWalk(
    root: string,
    dirs: string[],
    exclude: ExcludeGlob[],
    maxMs: number,
  ): Promise<{ files: string[]; pending: string[]; errors: string[] }> {
    const res = await this.pool.run({ kind: 'scanWalk', root, dirs, exclude, maxMs });
    if (res.ok && res.value.kind === 'scanWalk') return res.value;
    // a folder that stopped the walk (a hung network drive) is left out, the others are walked
    const error = res.ok ? 'unexpected answer' : res.reason;
    this.host.log(
      'warning',
      `Kafka Idempotence Lint: the workspace scan could not walk ${dirs[0]}${dirs.length > 1 ? ` and ${dirs.length - 1} more folders` : ''} (${error})`,
    );
    return { files: [], pending: dirs.slice(1), errors: [`${dirs[0]}: ${error}`] };
  }

  /** The workspace scan: one file's producers; `skipped` says why a file was not judged. */
  async scanFile(
    path: string,
    uri: string,
    editor: LintSettings,
    open?: { text: string; languageId: string },
  ): Promise<{ producers: ScannedProducer[]; skipped?: string }> {
    const res = await this.pool.run(
      {
        kind: 'scanFile',
        path,
        uri,
        editor,
        codeCacheDir: this.codeCacheDir,
        ...(open ? { text: open.text, languageId: open.languageId } : {}),
      },
      { affinity: uri },
    );
    if (res.ok && res.value.kind === 'scanFile')
      return { producers: res.value.producers, ...(res.value.skipped ? { skipped: res.value.skipped } : {}) };
    return { producers: [], skipped: res.ok ? 'unexpected answer' : res.reason };
  }

  /** A document was closed. */
  forget(uri: string): void {
    this.cutOffs.delete(uri);
    this.pool.broadcast({ kind: 'forget', uri });
  }

  /** Settings changed: cut-offs are judged again, kept results dropped. */
  settingsChanged(): void {
    this.cutOffs.clear();
  }

  /** Configuration or build files changed: the workers drop their caches, slow build files are tried again. */
  filesChanged(): void {
    this.cutOffs.clear();
    this.slowBuildFiles.clear();
    this.pool.broadcast({ kind: 'clear' });
  }

  /** Each worker's live heap and kept results. */
  async memory(gc: boolean): Promise<Array<{ heapUsed: number; heapTotal: number; results: number }>> {
    const answers = await this.pool.each({ kind: 'memory', gc });
    return answers.flatMap((a) => (a.kind === 'memory' ? [{ heapUsed: a.heapUsed, heapTotal: a.heapTotal, results: a.results }] : []));
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  // -------------------------------------------------------------------------------------------

  private cutOffOf(r: DocRequest): string | undefined {
    const c = this.cutOffs.get(r.doc.uri);
    return c && c.at === `${r.key}@${r.doc.version}` ? c.message : undefined;
  }

  private noticeDiagnostics(r: DocRequest, message: string): Diagnostic[] {
    const f = noticeFinding('file-not-linted', message, r.editor);
    return f ? [toDiagnostic(r.doc, f)] : [];
  }

  private payload(r: DocRequest): DocPayload {
    return {
      uri: r.doc.uri,
      languageId: r.doc.languageId,
      version: r.doc.version,
      text: r.doc.getText(),
      editor: r.editor,
      key: r.key,
      slowBuildFiles: [...this.slowBuildFiles],
      codeCacheDir: this.codeCacheDir,
    };
  }

  /** Runs a request for a document; 'cut-off' when it was stopped (the document is then a cut-off), 'superseded' when a newer one replaced it. */
  private async ask(
    r: DocRequest,
    make: (doc: DocPayload) => WorkerRequest,
    replaceKind?: string,
  ): Promise<WorkerResponse | { kind: 'crashed'; error: string } | 'cut-off' | 'superseded'> {
    const uri = r.doc.uri;
    let result: JobResult<WorkerResponse>;
    for (let attempt = 0; ; attempt++) {
      result = await this.pool.run(make(this.payload(r)), {
        affinity: uri,
        replaces: replaceKind ? `${replaceKind}\u0000${uri}` : undefined,
      });
      const at = !result.ok ? (result.progress as WorkerProgress | undefined) : undefined;
      if (
        !result.ok &&
        (result.reason === 'time-budget' || result.reason === 'out-of-memory') &&
        at?.phase === 'build-file' &&
        attempt < MAX_BUILD_FILE_RETRIES
      ) {
        const why = result.reason === 'time-budget' ? `took longer than the time budget (${this.budgetMs / 1000} s)` : 'ran out of memory';
        this.host.log(
          'warning',
          `Kafka Idempotence Lint: reading the build file ${at.file} ${why}; it is not read again until build files change.`,
        );
        this.slowBuildFiles.add(at.file);
        continue;
      }
      break;
    }
    if (result.ok) {
      this.report(uri, result.value);
      return result.value;
    }
    if (result.reason === 'superseded') return 'superseded';
    if (result.reason === 'crashed') {
      // a handler that threw in the worker, or a worker that died: logged, and never silent
      this.host.log('error', `Kafka Idempotence Lint: linting ${uri} failed in a worker: ${result.error ?? 'unknown error'}`);
      return { kind: 'crashed', error: (result.error ?? 'unknown error').split('\n')[0].slice(0, 300) };
    }
    const message = result.reason === 'time-budget' ? NOT_LINTED.timeBudget(this.budgetMs / 1000) : NOT_LINTED.outOfMemory;
    this.cutOffs.set(uri, { at: `${r.key}@${r.doc.version}`, message });
    this.host.log('warning', `Kafka Idempotence Lint: ${uri} (version ${r.doc.version}) was cut off: ${message}`);
    this.host.status(uri, `Kafka Idempotence Lint skipped ${uri}: ${message.replace(/^Not linted: /, '')}`);
    return 'cut-off';
  }

  private report(uri: string, res: WorkerResponse): void {
    if (!('fresh' in res)) return;
    const l: Linted = res;
    if (l.configError) this.host.configError(l.configError);
    if (l.settingsProblems?.length) this.host.settingsProblems(l.settingsProblems);
    if (!l.fresh) return;
    for (const line of l.logs) this.host.log(line.level, line.text);
    this.host.status(uri, l.notice);
  }
}

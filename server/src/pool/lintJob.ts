/**
 * A lint job in a worker, the same for the language server's (lsp/worker.ts: an open document, a file of
 * the workspace scan) and the CLI's (cli/lintFile.ts): settle the settings, reading build files on the
 * way, load the parser the file needs, lint, and write the TypeScript compiler's code cache after its
 * first parse. Each step that can take time is told to the main thread before it starts,
 * so that a cut-off names where it happened: a build file (the main thread then lints again without
 * it), or a parser (the TypeScript compiler or the Java parser, loaded once per worker: a fresh budget and no spare worker for it).
 */
import { lint, parserToLoad, type LintInput, type LintOptions, type LintResult, type LintSettings } from '../service';
import { loadLazyParser } from '../parsers';
import { afterTypeScriptUse, useTypeScriptCodeCache } from './typescriptCache';
import type { BuildVersionFinder } from '../config/buildVersion';
import { PARSER_LOAD_GRACE_MS } from './serve';

/** What a lint worker reports before each step (the CLI adds a `linted` phase of its own). */
export type LintJobProgress = { phase: 'build-file'; file: string } | { phase: 'loading-parser' } | { phase: 'lint' };

/** Why a build file is treated as unreadable after its reading was cut off in an earlier job. */
export const SLOW_BUILD_FILE = 'reading it was stopped: it took longer than the time budget or ran out of memory';

export interface LintJobStart {
  /** The worker's build-file reader (its cache lasts as long as the worker). */
  finder: BuildVersionFinder;
  /** Build files whose reading was cut off before: not read again. */
  slowBuildFiles: readonly string[];
  input: LintInput;
  /** The job's progress (pool/serve.ts): `restartBudget` gives what follows a budget of its own. */
  progress: (p: LintJobProgress, restartBudget?: boolean, spareGraceMs?: number) => void;
  /**
   * Where the TypeScript compiler's V8 code cache lives (pool/codeCache.ts; undefined: none), and where its
   * problems go. `afterAnswer`: the cache is written once the job's answer went out, not right after the lint.
   */
  codeCache?: { dir: string | undefined; log?: (message: string) => void; afterAnswer?: boolean };
  /** Options of the lint itself. */
  lintOptions?: LintOptions;
}

/**
 * Runs `settingsOf` (which may read build files through `job.finder`), loads the parser, and lints
 * `job.input` with the settings it gave; returns them with the result. After the first lint that
 * parsed a TS/JS file, the compiler's code cache is written (its parser is in it by then).
 */
export async function runLintJob<S extends { settings: LintSettings }>(
  job: LintJobStart,
  settingsOf: () => S,
): Promise<S & { result: LintResult }> {
  const loadsTypeScript = parserToLoad(job.input) === 'typescript';
  const settled = await startLintJob(job, settingsOf);
  const result = lint(job.input, settled.settings, job.lintOptions);
  if (loadsTypeScript) {
    if (job.codeCache?.afterAnswer) setImmediate(afterTypeScriptUse);
    else afterTypeScriptUse();
  }
  return { ...settled, result };
}

/** Runs `settingsOf`, then loads the parser; returns the settings. */
async function startLintJob<S>(job: LintJobStart, settingsOf: () => S): Promise<S> {
  const { finder, progress: tell } = job;
  finder.unreadable.clear();
  for (const f of job.slowBuildFiles) finder.unreadable.set(f, SLOW_BUILD_FILE);
  // progress is a message to the main thread: only when there is something to tell (most files read no build file)
  let told = false;
  finder.onRead = (file) => {
    told = true;
    tell({ phase: 'build-file', file });
  };
  let settings: S;
  try {
    settings = settingsOf();
  } finally {
    finder.onRead = undefined;
  }
  // loading the TypeScript compiler or the Java parser (once per worker) is not time spent on this file: a fresh budget
  const parser = parserToLoad(job.input);
  if (parser) {
    tell({ phase: 'loading-parser' }, true, PARSER_LOAD_GRACE_MS);
    if (parser === 'typescript' && job.codeCache) useTypeScriptCodeCache(job.codeCache.dir, job.codeCache.log);
    await loadLazyParser(parser);
    told = true;
  }
  if (told) tell({ phase: 'lint' }, true);
  return settings;
}

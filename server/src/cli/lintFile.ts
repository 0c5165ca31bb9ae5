/**
 * One file of a CLI run, as a lint worker does it (cli/worker.ts; run.ts calls it in-process when no
 * worker is available): read and decode the file, find the kafka-clients version in the build files,
 * lint, and compute the fixes. Everything that can take long on hostile input happens here, under
 * the worker pool's time budget; the result is plain data (findings carry no closures). Writing the
 * fixed file is left to the main thread (run.ts), so a worker that is cut off never leaves half a write.
 *
 * Progress, so that the main thread knows where a cut-off happened:
 * `{ phase: 'build-file', file }` before each build file is read; `{ phase: 'lint' }` when the
 * settings are settled; `{ phase: 'linted', ... }` with the findings before fixing starts (which gets
 * a budget of its own).
 */
import * as fs from 'node:fs';
import {
  effectiveProducers,
  lint,
  notLinted,
  NOT_LINTED,
  safeFixAll,
  formatOf,
  type Finding,
  type LintOptions,
  type LintSettings,
} from '../service';
import type { ReportProducer } from './markdown';
import { applyBuildVersion, BuildVersionFinder } from '../config/buildVersion';
import { decode, type Encoding } from './encoding';
import { runLintJob, type LintJobProgress } from '../pool/lintJob';
import { defaultCacheDir } from '../pool/codeCache';

export interface FileJob {
  abs: string;
  display: string;
  /** The defaults, the configuration file and the flags; a version of `auto` is read from the build files here. */
  settings: LintSettings;
  fix: 'none' | 'fix' | 'dry-run';
  /** Build files whose reading was cut off by the time budget before (treated as unreadable). */
  slowBuildFiles?: string[];
  /** Also describe the file's producer blocks (`--format markdown`). */
  producers?: boolean;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
}

export type FileOutcome =
  | { kind: 'error'; error: string }
  | {
      kind: 'done';
      /** The text the findings point into ('' when the file was not read, or has no findings). */
      text: string;
      findings: Finding[];
      /** Internal failures (stacks), for stderr. */
      failures: string[];
      /** The settings the file was judged with (the version from its build files). */
      settings: LintSettings;
      encoding?: Encoding;
      stat?: FileStat;
      /** The text after the fixes that re-lint clean, and what is left (only when it differs). */
      fixed?: { text: string; applied: number; findings: Finding[]; producers?: ReportProducer[] };
      /** The producer blocks and their effective state, when the job asked for them. */
      producers?: ReportProducer[];
    };

export type FileProgress =
  | LintJobProgress
  | { phase: 'linted'; text: string; findings: Finding[]; failures: string[]; settings: LintSettings; encoding: Encoding; stat: FileStat };

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
  }
}

/** Build files are read through one finder per worker (its cache lasts as long as the worker). */
const finder = new BuildVersionFinder(true);

export async function lintFile(
  job: FileJob,
  progress: (p: FileProgress, restartBudget?: boolean, spareGraceMs?: number) => void = () => undefined,
  options?: LintOptions,
): Promise<FileOutcome> {
  const format = formatOf({ fileName: job.display });
  let bytes: Buffer;
  let st: fs.Stats;
  try {
    st = fs.statSync(job.abs);
    if (!st.isFile()) return { kind: 'error', error: `cannot read ${job.display}: not a regular file` };
    // a character takes at least one byte (and UTF-8 at most 3 per UTF-16 code unit): more bytes than
    // 3 × the limit (+ a BOM) cannot fit, so such a file is not even read
    if (st.size > 3 * job.settings.maxFileSize + 3) {
      const r = notLinted(job.display, NOT_LINTED.tooLarge(`${st.size} bytes`, `${job.settings.maxFileSize} characters`), job.settings);
      return { kind: 'done', text: '', findings: r.findings, failures: [], settings: job.settings };
    }
    bytes = fs.readFileSync(job.abs);
  } catch (e) {
    return { kind: 'error', error: `cannot read ${job.display}: ${reason(e)}` };
  }
  const stat: FileStat = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, mode: st.mode, nlink: st.nlink, uid: st.uid, gid: st.gid };
  const decoded = decode(bytes, format);
  if ('unsupported' in decoded) {
    const r = notLinted(job.display, NOT_LINTED.encoding(decoded.unsupported), job.settings);
    return { kind: 'done', text: '', findings: r.findings, failures: [], settings: job.settings };
  }
  const { text, encoding } = decoded;

  const input = { fileName: job.display, text };
  // the TypeScript compiler loads with a V8 code cache in the user's cache folder (KAFKA_IDEMPOTENCE_LINT_CACHE_DIR=off: none)
  const { settings, result } = await runLintJob(
    { finder, slowBuildFiles: job.slowBuildFiles ?? [], input, progress, codeCache: { dir: defaultCacheDir() }, lintOptions: options },
    () => ({ settings: applyBuildVersion(job.settings, job.abs, finder) }),
  );
  // the text goes back only when findings point into it (copying every clean file's text costs time and memory)
  const outcome: FileOutcome = {
    kind: 'done',
    text: result.findings.length > 0 ? text : '',
    findings: result.findings,
    failures: result.failures,
    settings,
    encoding,
    stat,
  };
  if (job.producers) outcome.producers = reportProducers(result, text, settings);
  if (job.fix === 'none' || result.notice || !result.findings.some((f) => f.fixes.some((x) => x.isPreferred))) return outcome;
  // fixing lints the file again for every fix: it gets a budget of its own, and a cut-off keeps these findings
  progress({ phase: 'linted', text, findings: result.findings, failures: result.failures, settings, encoding, stat }, true);
  const fixed = safeFixAll(input, settings, options ? { lint: options } : {});
  if (fixed.text !== text) {
    outcome.fixed = { text: fixed.text, applied: fixed.applied, findings: fixed.remaining };
    // the report describes the producers as the fixes leave them
    if (job.producers) outcome.fixed.producers = reportProducers(lint({ ...input, text: fixed.text }, settings), fixed.text, settings);
  }
  return outcome;
}

function reportProducers(result: ReturnType<typeof lint>, text: string, settings: LintSettings): ReportProducer[] {
  return effectiveProducers(result, text, settings).map((p) => ({
    name: p.name,
    line: p.line + 1,
    library: p.library,
    ...(p.versionFrom ? { versionFrom: p.versionFrom } : {}),
    dialectLabel: p.dialectLabel,
    state: p.state,
    headline: p.headline,
  }));
}

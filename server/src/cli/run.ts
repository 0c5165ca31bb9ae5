/**
 * `kafka-idempotence-lint` as a function: arguments and I/O callbacks in, exit code out.
 * main.ts wires it to the process.
 *
 * Exit codes: 0 no error-severity finding (and no more warnings than --max-warnings);
 * 1 at least one error-severity finding, or more warnings than --max-warnings;
 * 2 bad usage, an unreadable or nonexistent path, a glob that matches nothing, an invalid
 * configuration file, fixes that could not be written, or an internal error (a rule or parser
 * that failed, a lint worker that died).
 *
 * Files are linted in worker threads (cli/worker.ts → cli/lintFile.ts), a few at a time, each under
 * a time budget (10 s, or KAFKA_IDEMPOTENCE_LINT_TIME_BUDGET_MS): a file that takes longer is cut
 * off with the file-not-linted notice and the others go on. A build file whose reading was cut off
 * is not read again in the run (build-file-unreadable). Output keeps the order of the files.
 *
 * Settings for each file: the defaults, then the nearest configuration file
 * (.kafka-idempotence.json/.yaml/.yml, server/src/config/projectConfig.ts), then the flags; a
 * version left at `auto` comes from the nearest build file declaring kafka-clients
 * (server/src/config/buildVersion.ts), else the newest 4.x.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DEFAULT_SETTINGS, LineIndex, mergeSettings, NOT_LINTED, noticeFinding, errorSummary, parseVersion, RULES_BY_ID, versionLabel,
  type Finding, type LintSettings, type SettingsOverrides,
} from '../service';
import { ProjectConfigLoader } from '../config/projectConfig';
import { budgetFromEnv, DEFAULT_BUDGET_MS, WorkerPool, type JobResult } from '../pool/workerPool';
import { parseArgs, USAGE } from './args';
import { collectFiles, type Target } from './files';
import { unifiedDiff, writeFixed } from './fix';
import { colorsFor, formatJson, formatText, terminalWidth, toJsonFindings, type FileReport } from './format';
import { formatSarif, type SarifFile } from './sarif';
import { describeEncoding, encode } from './encoding';
import { lintFile, type FileJob, type FileOutcome, type FileProgress } from './lintFile';

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  /** The terminal's width when stdout is one (COLUMNS, when set, wins). */
  columns?: number;
  /** The progress indicator is drawn only on a terminal. */
  stderrIsTTY?: boolean;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const PREFIX = 'kafka-idempotence-lint';
/** The progress indicator appears from this many files on (and only when stderr is a terminal). */
export const PROGRESS_MIN_FILES = 50;
const INFORMATION_URI = 'https://github.com/kafka-idempotence-lint/kafka-idempotence-lint';

function packageInfo(): { version: string; informationUri: string } {
  // dist/cli.js → ../package.json; search upwards so an unbundled build works too
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
        repository?: { url?: string };
      };
      if (pkg.name === 'kafka-idempotence-lint' && pkg.version) {
        const repo = pkg.repository?.url?.replace(/^git\+/, '').replace(/\.git$/, '');
        return { version: pkg.version, informationUri: repo && /^https:\/\//.test(repo) ? repo : INFORMATION_URI };
      }
    } catch {
      // keep looking
    }
    dir = path.dirname(dir);
  }
  return { version: 'unknown', informationUri: INFORMATION_URI };
}

/** No flag, configuration file or build file gave the kafka-clients version: the service judged the newest 4.x. */
const versionAssumed = (s: LintSettings) => s.kafkaClientsVersion.trim() === 'auto';
/** A finding whose verdict depends on the kafka-clients version (a rule for the Java client), or says it was assumed. */
const judgedForVersion = (f: Finding) => f.ruleId === 'build-file-unreadable' || (RULES_BY_ID.get(f.ruleId)?.meta.clients.includes('java') ?? false);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface RunOptions {
  /** Lint workers: `0` lints in this thread (no time budget); default: one per core, at most 4, not more than files. */
  workers?: number;
}

/** The lint worker next to this module: dist/cliWorker.js in the bundle, out/cli/worker.js when compiled by tsc. */
function workerScript(): string | undefined {
  for (const name of ['cliWorker.js', 'worker.js']) {
    const p = path.join(__dirname, name);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

/** Runs one file job, in a worker or (no worker) here; a build file whose reading is cut off is skipped on a retry. */
type JobRunner = (job: FileJob) => Promise<JobResult<FileOutcome>>;

/** How many times a file is tried again when a build file's reading was cut off (each retry skips that file). */
const MAX_BUILD_FILE_RETRIES = 4;

export async function run(argv: readonly string[], io: CliIO, runOptions: RunOptions = {}): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`${PREFIX}: ${parsed.error}\nRun '${PREFIX} --help' for usage.\n`);
    return 2;
  }
  const opts = parsed.options;
  if (opts.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (opts.version) {
    io.stdout(`${packageInfo().version}\n`);
    return 0;
  }

  // what the command line says; it overrides the configuration file
  const flags: SettingsOverrides = { rules: opts.rules };
  if (opts.kafkaClientsVersion !== undefined) {
    flags.kafkaClientsVersion = opts.kafkaClientsVersion;
    flags.kafkaClientsVersionSource = '--kafka-clients-version';
  }
  if (opts.client) flags.client = opts.client;
  if (opts.maxFileSize !== undefined) flags.maxFileSize = opts.maxFileSize;
  const configs = opts.config ? new ProjectConfigLoader(true) : undefined;

  const notifications: Array<{ level: 'error' | 'warning'; text: string }> = [];
  const error = (text: string) => {
    io.stderr(`${PREFIX}: error: ${text}\n`);
    notifications.push({ level: 'error', text });
  };
  const warning = (text: string, prefixed = true) => {
    io.stderr(prefixed ? `${PREFIX}: warning: ${text}\n` : `${text}\n`);
    notifications.push({ level: 'warning', text });
  };

  const collected = collectFiles(opts.paths.length ? opts.paths : ['.'], io.cwd, { gitignore: opts.gitignore });
  let usageError = collected.errors.length > 0;
  let internalFailure = false;
  for (const e of collected.errors) error(e);
  for (const w of collected.warnings) warning(w);

  const total = collected.files.length;
  const progress = io.stderrIsTTY === true && total >= PROGRESS_MIN_FILES;
  let lastDrawn = 0;
  const draw = (i: number) => {
    const now = Date.now();
    if (i !== total && now - lastDrawn < 100) return;
    lastDrawn = now;
    io.stderr(`\r\u001b[2K${PREFIX}: ${i}/${total} files`);
  };
  const clearProgress = () => {
    if (progress) io.stderr('\r\u001b[2K');
  };

  // the lint workers: a few at a time, each file under the time budget
  const budgetMs = budgetFromEnv(io.env, DEFAULT_BUDGET_MS);
  const script = runOptions.workers === 0 ? undefined : workerScript();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const workers = Math.max(1, Math.min(runOptions.workers ?? Math.min(cores, 4), total || 1));
  // 8 MB semi-spaces (V8's young generation is 3 of them), as in the language server's workers
  const pool = script
    ? new WorkerPool<FileJob, FileOutcome>({ script, min: workers, max: workers + 2, spareAfterMs: 1000, budgetMs, maxYoungGenerationSizeMb: 24 })
    : undefined;
  const runJob: JobRunner = pool
    ? (job) => pool.run(job)
    : async (job) => {
        try {
          return { ok: true, value: lintFile(job) };
        } catch (e) {
          return { ok: false, reason: 'crashed', error: (e as Error).stack ?? String(e) };
        }
      };
  /** Build files whose reading was cut off: not read again in this run. */
  const slowBuildFiles = new Set<string>();

  /** What one file contributes, kept in file order. */
  interface Done {
    messages: Array<() => void>;
    report?: { display: string; abs: string; text: string; findings: Finding[]; versionAssumed: boolean };
    diff?: string;
    fixed?: number;
  }
  const results: Array<Done | undefined> = new Array(total);
  let flushed = 0;
  let completed = 0;
  const brokenConfigs = new Set<string>();

  /** Messages go out in the order of the files, whatever order the workers finish in. */
  const flush = () => {
    while (flushed < total && results[flushed]) {
      const d = results[flushed]!;
      if (d.messages.length > 0) {
        clearProgress();
        for (const m of d.messages) m();
      }
      flushed++;
    }
  };

  const lintOne = async (target: Target): Promise<Done> => {
    const done: Done = { messages: [] };
    const say = (m: () => void) => done.messages.push(m);
    const cfg = configs?.load(target.abs);
    if (cfg?.error) {
      if (!brokenConfigs.has(cfg.error)) {
        brokenConfigs.add(cfg.error);
        say(() => error(`invalid configuration file ${cfg.error}`));
      }
      usageError = true;
      return done;
    }
    if (cfg?.ignored) {
      if (target.explicit) say(() => warning(`skipped ${target.display}: ignored by ${path.relative(io.cwd, cfg.source!) || cfg.source} ("ignore")`));
      return done;
    }
    const settings = mergeSettings(DEFAULT_SETTINGS, cfg?.overrides, flags);
    const fix = opts.fix ? 'fix' : opts.fixDryRun ? 'dry-run' : 'none';
    let result: JobResult<FileOutcome>;
    for (let attempt = 0; ; attempt++) {
      result = await runJob({ abs: target.abs, display: target.display, settings, fix, slowBuildFiles: [...slowBuildFiles] });
      const at = !result.ok ? (result.progress as FileProgress | undefined) : undefined;
      if (!result.ok && result.reason !== 'crashed' && at?.phase === 'build-file' && attempt < MAX_BUILD_FILE_RETRIES) {
        // the build file stopped it, not the linted file: lint again without reading that build file
        const why = result.reason === 'time-budget' ? `took longer than the time budget (${budgetMs / 1000} s)` : 'ran out of memory';
        if (!slowBuildFiles.has(at.file)) say(() => warning(`reading the build file ${at.file} ${why}: it is not read in this run`));
        slowBuildFiles.add(at.file);
        continue;
      }
      break;
    }
    const notice = (id: 'file-not-linted' | 'internal-error', message: string): Finding[] => {
      const f = noticeFinding(id, message, settings);
      return f ? [f] : [];
    };
    let outcome: FileOutcome;
    if (result.ok) outcome = result.value;
    else {
      const at = result.progress as FileProgress | undefined;
      if (result.reason === 'time-budget' && at?.phase === 'linted') {
        // cut off while fixing: the findings of the lint stand, nothing is written
        outcome = { kind: 'done', text: at.text, findings: at.findings, failures: at.failures, settings: at.settings, encoding: at.encoding, stat: at.stat };
        say(() => warning(`not fixing ${target.display}: fixing it took longer than the time budget (${budgetMs / 1000} s)`));
      } else if (result.reason === 'time-budget') {
        outcome = { kind: 'done', text: '', findings: notice('file-not-linted', NOT_LINTED.timeBudget(budgetMs / 1000)), failures: [], settings };
        say(() => warning(`${target.display}: linting took longer than the time budget (${budgetMs / 1000} s) and was stopped`));
      } else if (result.reason === 'out-of-memory') {
        outcome = { kind: 'done', text: '', findings: notice('file-not-linted', NOT_LINTED.outOfMemory), failures: [], settings };
        say(() => warning(`${target.display}: linting ran out of memory and was stopped`));
      } else {
        internalFailure = true;
        const why = errorSummary({ name: 'Error', message: (result.error ?? 'the lint worker failed').split('\n')[0] });
        outcome = { kind: 'done', text: '', findings: notice('internal-error', `Internal error: linting this file failed (${why}), so nothing in it was judged. Please report it.`), failures: [], settings };
        say(() => io.stderr(`${PREFIX}: internal error while linting ${target.display}: ${result.ok ? '' : result.error}\n`));
      }
    }
    if (outcome.kind === 'error') {
      usageError = true;
      say(() => error(outcome.kind === 'error' ? outcome.error : ''));
      return done;
    }
    if (outcome.failures.length > 0) {
      internalFailure = true;
      for (const f of outcome.failures) {
        say(() => io.stderr(`${PREFIX}: internal error: ${f}\n`));
        notifications.push({ level: 'error', text: `internal error: ${f.split('\n')[0]}` });
      }
    }
    let text = outcome.text;
    let findings = outcome.findings;
    const fixed = outcome.fixed;
    if (fixed && outcome.encoding && outcome.stat) {
      const encoded = encode(fixed.text, outcome.encoding);
      if ('unrepresentable' in encoded) {
        const { line, character } = new LineIndex(fixed.text).position(encoded.unrepresentable.offset);
        const msg = `not fixing ${target.display}: a fix would write ${JSON.stringify(encoded.unrepresentable.char)} (line ${line + 1}, column ${character + 1}), which ${describeEncoding(outcome.encoding)} cannot hold`;
        say(() => warning(msg));
      } else if (opts.fixDryRun) {
        done.diff = unifiedDiff(target.display, text, fixed.text);
        done.fixed = fixed.applied;
        text = fixed.text;
        findings = fixed.findings;
      } else {
        const w = writeFixed(target.abs, target.display, encoded.bytes, outcome.stat);
        if (w.written) {
          done.fixed = fixed.applied;
          text = fixed.text;
          findings = fixed.findings;
        } else if ('warning' in w) {
          say(() => warning(w.warning));
        } else {
          usageError = true; // the file on disk is the original: report its findings
          say(() => error(w.error));
        }
      }
    }
    done.report = { display: target.display, abs: target.abs, text, findings, versionAssumed: versionAssumed(outcome.settings) };
    return done;
  };

  if (progress && total > 0) draw(0);
  await Promise.all(
    collected.files.map(async (target, i) => {
      let d: Done;
      try {
        d = await lintOne(target);
      } catch (e) {
        // the last line of defence: lintOne catches what a file can throw
        internalFailure = true;
        d = { messages: [() => io.stderr(`${PREFIX}: internal error while linting ${target.display}: ${(e as Error).stack ?? e}\n`)] };
      }
      results[i] = d;
      completed++;
      flush();
      if (progress) draw(completed);
    }),
  );
  await pool?.close();
  flush();
  if (progress) clearProgress();

  const reported: SarifFile[] = [];
  const reports: FileReport[] = [];
  const diffs: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixedProblems = 0;
  let fixedFiles = 0;
  /** Files with a kafka-clients finding judged for an assumed version. */
  let assumedFiles = 0;
  for (const d of results) {
    if (!d) continue;
    if (d.diff) diffs.push(d.diff);
    if (d.fixed !== undefined) {
      fixedProblems += d.fixed;
      fixedFiles++;
    }
    if (!d.report) continue;
    const { findings, text } = d.report;
    errors += findings.filter((f) => f.severity === 'error').length;
    warnings += findings.filter((f) => f.severity === 'warning').length;
    const shown = opts.quiet ? findings.filter((f) => f.severity === 'error') : findings;
    reports.push({ file: d.report.display, findings: toJsonFindings(text, shown) });
    reported.push({ abs: d.report.abs, text, findings: shown });
    if (d.report.versionAssumed && shown.some(judgedForVersion)) assumedFiles++;
  }

  if (opts.fix && fixedProblems > 0) {
    io.stderr(`${PREFIX}: fixed ${plural(fixedProblems, 'problem')} in ${plural(fixedFiles, 'file')}\n`);
  }
  const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
  if (tooManyWarnings) {
    const text = `too many warnings: ${warnings}, more than the ${opts.maxWarnings} that --max-warnings allows`;
    io.stderr(`${PREFIX}: ${text}\n`);
    notifications.push({ level: 'error', text });
  }

  if (opts.format === 'json') io.stdout(formatJson(reports));
  else if (opts.format === 'sarif') {
    const info = packageInfo();
    io.stdout(
      formatSarif(reported, {
        cwd: io.cwd,
        toolVersion: info.version,
        informationUri: info.informationUri,
        executionSuccessful: !usageError && !internalFailure,
        notifications,
      }),
    );
  } else {
    io.stdout(diffs.join(''));
    io.stdout(
      formatText(reports, {
        colors: colorsFor(io.stdoutIsTTY, io.env),
        headline: (id) => RULES_BY_ID.get(id)?.meta.headline,
        verbose: opts.verbose,
        width: terminalWidth(io.env, io.stdoutIsTTY ? io.columns : undefined),
        assumedVersion: { files: assumedFiles, version: versionLabel(parseVersion('auto')!) },
      }),
    );
  }

  if (usageError || internalFailure) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}


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
 * Settings for each file follow the precedence the language server follows too
 * (service/settingsPrecedence.ts): the flags, then the nearest configuration file
 * (.kafka-idempotence.json/.yaml/.yml, server/src/config/projectConfig.ts), then the defaults; a
 * version left at `auto` comes from the nearest build file declaring kafka-clients
 * (server/src/config/buildVersion.ts, read in the lint worker), else the newest 4.x.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DEFAULT_SETTINGS,
  LineIndex,
  layerSettings,
  NOT_LINTED,
  noticeFinding,
  errorSummary,
  parseVersion,
  RULES_BY_ID,
  versionLabel,
  type Finding,
  type LintOptions,
  type LintSettings,
  type SettingsOverrides,
} from '../service';
import { ProjectConfigLoader } from '../config/projectConfig';
import { budgetFromEnv, DEFAULT_BUDGET_MS, WorkerPool, type JobResult } from '../pool/workerPool';
import { parseArgs, USAGE, type CliOptions } from './args';
import { collectFiles, type Target } from './files';
import { unifiedDiff, writeFixed } from './fix';
import { colorsFor, formatJson, formatText, terminalWidth, toJsonFindings, type FileReport } from './format';
import { formatSarif, type SarifFile } from './sarif';
import { formatMarkdown, type MarkdownFile } from './markdown';
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
const judgedForVersion = (f: Finding) =>
  f.ruleId === 'build-file-unreadable' || (RULES_BY_ID.get(f.ruleId)?.meta.clients.includes('java') ?? false);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface RunOptions {
  /** Lint workers: `0` lints in this thread (no time budget); default: one per core, at most 4, not more than files. */
  workers?: number;
  /** With `workers: 0`: the rules to run instead of ALL_RULES (tests: a rule that fails, as ESLint's Linter takes custom rules). */
  rules?: LintOptions['rules'];
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
  const log = new RunLog(io);
  const collected = collectFiles(opts.paths.length ? opts.paths : ['.'], io.cwd, { gitignore: opts.gitignore });
  if (collected.errors.length > 0) log.usageError = true;
  for (const e of collected.errors) log.error(e);
  for (const w of collected.warnings) log.warning(w);

  const results = await lintAll(collected.files, opts, io, runOptions, log);
  const totals = summarise(results, opts.quiet, opts.format === 'markdown');
  if (opts.fix && totals.fixedProblems > 0) {
    io.stderr(`${PREFIX}: fixed ${plural(totals.fixedProblems, 'problem')} in ${plural(totals.fixedFiles, 'file')}\n`);
  }
  const tooManyWarnings = opts.maxWarnings !== undefined && totals.warnings > opts.maxWarnings;
  if (tooManyWarnings) {
    const text = `too many warnings: ${totals.warnings}, more than the ${opts.maxWarnings} that --max-warnings allows`;
    io.stderr(`${PREFIX}: ${text}\n`);
    log.notifications.push({ level: 'error', text });
  }
  writeOutput(totals, opts, io, log);
  if (log.usageError || log.internalFailure) return 2;
  return totals.errors > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * What a run tells on stderr (and, for SARIF, as notifications), and whether it failed: a usage
 * error (exit 2: a bad path, a broken configuration file, a fix that could not be written) or an
 * internal one (exit 2: a rule, a parser or a lint worker failed).
 */
class RunLog {
  readonly notifications: Array<{ level: 'error' | 'warning'; text: string }> = [];
  usageError = false;
  internalFailure = false;

  constructor(private readonly io: CliIO) {}

  error(text: string): void {
    this.io.stderr(`${PREFIX}: error: ${text}\n`);
    this.notifications.push({ level: 'error', text });
  }

  warning(text: string): void {
    this.io.stderr(`${PREFIX}: warning: ${text}\n`);
    this.notifications.push({ level: 'warning', text });
  }
}

/** What one file contributes, kept in file order. */
interface Done {
  messages: Array<() => void>;
  report?: {
    display: string;
    abs: string;
    text: string;
    findings: Finding[];
    versionAssumed: boolean;
    producers?: MarkdownFile['producers'];
  };
  diff?: string;
  fixed?: number;
}

/** Lints every file in the lint workers, a few at a time; messages go out in file order as files finish. */
async function lintAll(
  files: readonly Target[],
  opts: CliOptions,
  io: CliIO,
  runOptions: RunOptions,
  log: RunLog,
): Promise<Array<Done | undefined>> {
  const total = files.length;
  const progress = new ProgressLine(io, total);
  const budgetMs = budgetFromEnv(io.env, DEFAULT_BUDGET_MS);
  const pool = startPool(runOptions, total, budgetMs);
  const linter = new FileLinter(opts, io, log, budgetMs, runnerFor(pool, runOptions.rules));
  const results = new Array<Done | undefined>(total);
  let flushed = 0;
  let completed = 0;
  /** Messages go out in the order of the files, whatever order the workers finish in. */
  const flush = () => {
    while (flushed < total && results[flushed]) {
      const d = results[flushed]!;
      if (d.messages.length > 0) {
        progress.clear();
        for (const m of d.messages) m();
      }
      flushed++;
    }
  };
  if (total > 0) progress.draw(0);
  await Promise.all(
    files.map(async (target, i) => {
      let d: Done;
      try {
        d = await linter.lint(target);
      } catch (e) {
        // the last line of defence: FileLinter.lint catches what a file can throw
        log.internalFailure = true;
        d = { messages: [() => io.stderr(`${PREFIX}: internal error while linting ${target.display}: ${(e as Error).stack ?? e}\n`)] };
      }
      results[i] = d;
      completed++;
      flush();
      progress.draw(completed);
    }),
  );
  await pool?.close();
  flush();
  progress.clear();
  return results;
}

/** `<n>/<total> files` on stderr, from PROGRESS_MIN_FILES files on and only on a terminal. */
class ProgressLine {
  private readonly shown: boolean;
  private lastDrawn = 0;

  constructor(
    private readonly io: CliIO,
    private readonly total: number,
  ) {
    this.shown = io.stderrIsTTY === true && total >= PROGRESS_MIN_FILES;
  }

  draw(i: number): void {
    if (!this.shown) return;
    const now = Date.now();
    if (i !== this.total && now - this.lastDrawn < 100) return;
    this.lastDrawn = now;
    this.io.stderr(`\r\u001b[2K${PREFIX}: ${i}/${this.total} files`);
  }

  clear(): void {
    if (this.shown) this.io.stderr('\r\u001b[2K');
  }
}

/** The lint workers: one per core (at most 4, not more than files), each file under the time budget; none with `workers: 0`. */
function startPool(runOptions: RunOptions, total: number, budgetMs: number): WorkerPool<FileJob, FileOutcome> | undefined {
  const script = runOptions.workers === 0 ? undefined : workerScript();
  if (!script) return undefined;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const workers = Math.max(1, Math.min(runOptions.workers ?? Math.min(cores, 4), total || 1));
  // 8 MB semi-spaces (V8's young generation is 3 of them), as in the language server's workers
  return new WorkerPool<FileJob, FileOutcome>({
    script,
    min: workers,
    max: workers + 2,
    spareAfterMs: 1000,
    budgetMs,
    maxYoungGenerationSizeMb: 24,
  });
}

function runnerFor(pool: WorkerPool<FileJob, FileOutcome> | undefined, rules?: LintOptions['rules']): JobRunner {
  if (pool) return (job) => pool.run(job);
  return async (job) => {
    try {
      return { ok: true, value: await lintFile(job, undefined, rules ? { rules } : undefined) };
    } catch (e) {
      return { ok: false, reason: 'crashed', error: (e as Error).stack ?? String(e) };
    }
  };
}

/** One file of the run, from its settings to its report: each step says what it has to say through `say`, in file order. */
class FileLinter {
  /** What the command line says; it overrides the configuration file. */
  private readonly flags: SettingsOverrides;
  private readonly configs: ProjectConfigLoader | undefined;
  private readonly brokenConfigs = new Set<string>();
  /** Build files whose reading was cut off: not read again in this run. */
  private readonly slowBuildFiles = new Set<string>();

  constructor(
    private readonly opts: CliOptions,
    private readonly io: CliIO,
    private readonly log: RunLog,
    private readonly budgetMs: number,
    private readonly runJob: JobRunner,
  ) {
    this.flags = { rules: opts.rules };
    if (opts.kafkaClientsVersion !== undefined) {
      this.flags.kafkaClientsVersion = opts.kafkaClientsVersion;
      this.flags.kafkaClientsVersionSource = '--kafka-clients-version';
    }
    if (opts.client) this.flags.client = opts.client;
    if (opts.maxFileSize !== undefined) this.flags.maxFileSize = opts.maxFileSize;
    this.configs = opts.config ? new ProjectConfigLoader(true) : undefined;
  }

  async lint(target: Target): Promise<Done> {
    const done: Done = { messages: [] };
    const say = (m: () => void) => done.messages.push(m);
    const settings = this.settingsFor(target, say);
    if (!settings) return done;
    const result = await this.runWithRetries(target, settings, say);
    const outcome = result.ok ? result.value : this.cutOff(result, target, settings, say);
    if (outcome.kind === 'error') {
      this.log.usageError = true;
      say(() => this.log.error(outcome.error));
      return done;
    }
    if (outcome.failures.length > 0) {
      this.log.internalFailure = true;
      for (const f of outcome.failures) {
        say(() => this.io.stderr(`${PREFIX}: internal error: ${f}\n`));
        this.log.notifications.push({ level: 'error', text: `internal error: ${f.split('\n')[0]}` });
      }
    }
    const { text, findings, producers } = this.fixed(target, outcome, done, say);
    done.report = {
      display: target.display,
      abs: target.abs,
      text,
      findings,
      versionAssumed: versionAssumed(outcome.settings),
      ...(producers ? { producers } : {}),
    };
    return done;
  }

  /** The flags over the configuration file over the defaults; undefined when the file is not linted (a broken or ignoring configuration). */
  private settingsFor(target: Target, say: (m: () => void) => void): LintSettings | undefined {
    const cfg = this.configs?.load(target.abs);
    const r = layerSettings({ base: DEFAULT_SETTINGS, explicit: this.flags, project: cfg });
    if (r.configError) {
      const error = r.configError;
      if (!this.brokenConfigs.has(error)) {
        this.brokenConfigs.add(error);
        say(() => this.log.error(`invalid configuration file ${error}`));
      }
      this.log.usageError = true;
      return undefined;
    }
    if (r.ignored) {
      const source = cfg?.source ?? '';
      if (target.explicit)
        say(() => this.log.warning(`skipped ${target.display}: ignored by ${path.relative(this.io.cwd, source) || source} ("ignore")`));
      return undefined;
    }
    return r.settings;
  }

  /** Runs the file's job; when a build file's reading was cut off (not the file itself), again without that build file. */
  private async runWithRetries(target: Target, settings: LintSettings, say: (m: () => void) => void): Promise<JobResult<FileOutcome>> {
    const fix = this.opts.fix ? 'fix' : this.opts.fixDryRun ? 'dry-run' : 'none';
    for (let attempt = 0; ; attempt++) {
      const result = await this.runJob({
        abs: target.abs,
        display: target.display,
        settings,
        fix,
        slowBuildFiles: [...this.slowBuildFiles],
        ...(this.opts.format === 'markdown' ? { producers: true } : {}),
      });
      const at = !result.ok ? (result.progress as FileProgress | undefined) : undefined;
      if (result.ok || result.reason === 'crashed' || at?.phase !== 'build-file' || attempt >= MAX_BUILD_FILE_RETRIES) return result;
      // the build file stopped it, not the linted file: lint again without reading that build file
      const why = result.reason === 'time-budget' ? `took longer than the time budget (${this.budgetMs / 1000} s)` : 'ran out of memory';
      if (!this.slowBuildFiles.has(at.file))
        say(() => this.log.warning(`reading the build file ${at.file} ${why}: it is not read in this run`));
      this.slowBuildFiles.add(at.file);
    }
  }

  /** What a job that did not finish leaves: the findings of a lint cut off while fixing, or a notice in place of findings. */
  private cutOff(
    result: JobResult<FileOutcome> & { ok: false },
    target: Target,
    settings: LintSettings,
    say: (m: () => void) => void,
  ): FileOutcome {
    const notice = (id: 'file-not-linted' | 'internal-error', message: string): Finding[] => {
      const f = noticeFinding(id, message, settings);
      return f ? [f] : [];
    };
    const seconds = this.budgetMs / 1000;
    const at = result.progress as FileProgress | undefined;
    if (result.reason === 'time-budget' && at?.phase === 'linted') {
      // cut off while fixing: the findings of the lint stand, nothing is written
      say(() => this.log.warning(`not fixing ${target.display}: fixing it took longer than the time budget (${seconds} s)`));
      return {
        kind: 'done',
        text: at.text,
        findings: at.findings,
        failures: at.failures,
        settings: at.settings,
        encoding: at.encoding,
        stat: at.stat,
      };
    }
    if (result.reason === 'time-budget') {
      say(() => this.log.warning(`${target.display}: linting took longer than the time budget (${seconds} s) and was stopped`));
      return { kind: 'done', text: '', findings: notice('file-not-linted', NOT_LINTED.timeBudget(seconds)), failures: [], settings };
    }
    if (result.reason === 'out-of-memory') {
      say(() => this.log.warning(`${target.display}: linting ran out of memory and was stopped`));
      return { kind: 'done', text: '', findings: notice('file-not-linted', NOT_LINTED.outOfMemory), failures: [], settings };
    }
    this.log.internalFailure = true;
    const why = errorSummary({ name: 'Error', message: (result.error ?? 'the lint worker failed').split('\n')[0] });
    say(() => this.io.stderr(`${PREFIX}: internal error while linting ${target.display}: ${result.error}\n`));
    return {
      kind: 'done',
      text: '',
      findings: notice(
        'internal-error',
        `Internal error: linting this file failed (${why}), so nothing in it was judged. Please report it.`,
      ),
      failures: [],
      settings,
    };
  }

  /**
   * `--fix` writes the fixed text (in the file's own encoding) and `--fix-dry-run` shows it as a diff;
   * the report is then of the fixed text. A fix that cannot be written leaves the file's own findings.
   */
  private fixed(target: Target, outcome: FileOutcome & { kind: 'done' }, done: Done, say: (m: () => void) => void): Reported {
    const { fixed, encoding, stat } = outcome;
    const original: Reported = { text: outcome.text, findings: outcome.findings, producers: outcome.producers };
    const after: Reported | undefined = fixed && {
      text: fixed.text,
      findings: fixed.findings,
      producers: fixed.producers ?? outcome.producers,
    };
    if (!fixed || !encoding || !stat) return original;
    const encoded = encode(fixed.text, encoding);
    if ('unrepresentable' in encoded) {
      const { line, character } = new LineIndex(fixed.text).position(encoded.unrepresentable.offset);
      const msg = `not fixing ${target.display}: a fix would write ${JSON.stringify(encoded.unrepresentable.char)} (line ${line + 1}, column ${character + 1}), which ${describeEncoding(encoding)} cannot hold`;
      say(() => this.log.warning(msg));
      return original;
    }
    if (this.opts.fixDryRun) {
      done.diff = unifiedDiff(target.display, outcome.text, fixed.text);
      done.fixed = fixed.applied;
      return after!;
    }
    const w = writeFixed(target.abs, target.display, encoded.bytes, stat);
    if (w.written) {
      done.fixed = fixed.applied;
      return after!;
    }
    if ('warning' in w) say(() => this.log.warning(w.warning));
    else {
      this.log.usageError = true; // the file on disk is the original: report its findings
      say(() => this.log.error(w.error));
    }
    return original;
  }
}

/** What a file's report shows: its text (fixed or not), its findings and, for the markdown report, its producers. */
interface Reported {
  text: string;
  findings: Finding[];
  producers?: MarkdownFile['producers'];
}

/** The run's counts and what each output format shows. */
interface Totals {
  reports: FileReport[];
  markdown: MarkdownFile[];
  reported: SarifFile[];
  diffs: string[];
  errors: number;
  warnings: number;
  fixedProblems: number;
  fixedFiles: number;
  /** Files with a kafka-clients finding judged for an assumed version. */
  assumedFiles: number;
}

function summarise(results: ReadonlyArray<Done | undefined>, quiet: boolean, markdown = false): Totals {
  const t: Totals = {
    reports: [],
    markdown: [],
    reported: [],
    diffs: [],
    errors: 0,
    warnings: 0,
    fixedProblems: 0,
    fixedFiles: 0,
    assumedFiles: 0,
  };
  for (const d of results) {
    if (!d) continue;
    if (d.diff) t.diffs.push(d.diff);
    if (d.fixed !== undefined) {
      t.fixedProblems += d.fixed;
      t.fixedFiles++;
    }
    if (!d.report) continue;
    const { findings, text } = d.report;
    t.errors += findings.filter((f) => f.severity === 'error').length;
    t.warnings += findings.filter((f) => f.severity === 'warning').length;
    const shown = quiet ? findings.filter((f) => f.severity === 'error') : findings;
    t.reports.push({ file: d.report.display, findings: toJsonFindings(text, shown) });
    if (markdown) {
      const json = toJsonFindings(text, shown);
      t.markdown.push({
        file: d.report.display,
        producers: d.report.producers ?? [],
        findings: json.map((j, i) => ({ ...j, ...(shown[i].block !== undefined ? { block: shown[i].block } : {}) })),
      });
    }
    t.reported.push({ abs: d.report.abs, text, findings: shown });
    if (d.report.versionAssumed && shown.some(judgedForVersion)) t.assumedFiles++;
  }
  return t;
}

function writeOutput(totals: Totals, opts: CliOptions, io: CliIO, log: RunLog): void {
  if (opts.format === 'json') io.stdout(formatJson(totals.reports));
  else if (opts.format === 'markdown') io.stdout(formatMarkdown(totals.markdown));
  else if (opts.format === 'sarif') {
    const info = packageInfo();
    io.stdout(
      formatSarif(totals.reported, {
        cwd: io.cwd,
        toolVersion: info.version,
        informationUri: info.informationUri,
        executionSuccessful: !log.usageError && !log.internalFailure,
        notifications: log.notifications,
      }),
    );
  } else {
    io.stdout(totals.diffs.join(''));
    io.stdout(
      formatText(totals.reports, {
        colors: colorsFor(io.stdoutIsTTY, io.env),
        headline: (id) => RULES_BY_ID.get(id)?.meta.headline,
        verbose: opts.verbose,
        width: terminalWidth(io.env, io.stdoutIsTTY ? io.columns : undefined),
        assumedVersion: { files: totals.assumedFiles, version: versionLabel(parseVersion('auto')!) },
      }),
    );
  }
}

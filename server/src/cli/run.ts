/**
 * `kafka-idempotence-lint` as a function: arguments and I/O callbacks in, exit code out.
 * main.ts wires it to the process.
 *
 * Exit codes: 0 no error-severity finding (and no more warnings than --max-warnings);
 * 1 at least one error-severity finding, or more warnings than --max-warnings;
 * 2 bad usage, an unreadable or nonexistent path, a glob that matches nothing, an invalid
 * configuration file, or fixes that could not be written.
 *
 * Settings for each file: the defaults, then the nearest configuration file
 * (.kafka-idempotence.json/.yaml/.yml, server/src/config/projectConfig.ts), then the flags; a
 * version left at `auto` comes from the nearest build file declaring kafka-clients
 * (server/src/config/buildVersion.ts), else the newest 4.x.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, lint, mergeSettings, safeFixAll, type Finding, type SettingsOverrides } from '../service';
import { ProjectConfigLoader } from '../config/projectConfig';
import { applyBuildVersion, BuildVersionFinder } from '../config/buildVersion';
import { parseArgs, USAGE } from './args';
import { collectFiles, readTarget } from './files';
import { unifiedDiff, writeFixed } from './fix';
import { colorsFor, formatJson, formatText, toJsonFindings, type FileReport } from './format';
import { formatSarif, type SarifFile } from './sarif';

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function run(argv: readonly string[], io: CliIO): number {
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
  const builds = new BuildVersionFinder(true);

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

  const reported: SarifFile[] = [];
  const reports: FileReport[] = [];
  const diffs: string[] = [];
  const brokenConfigs = new Set<string>();
  let errors = 0;
  let warnings = 0;
  let fixedProblems = 0;
  let fixedFiles = 0;

  for (let i = 0; i < total; i++) {
    const target = collected.files[i];
    if (progress) draw(i);
    const cfg = configs?.load(target.abs);
    if (cfg?.error) {
      if (!brokenConfigs.has(cfg.error)) {
        brokenConfigs.add(cfg.error);
        clearProgress();
        error(`invalid configuration file ${cfg.error}`);
      }
      usageError = true;
      continue;
    }
    if (cfg?.ignored) {
      if (target.explicit) warning(`skipped ${target.display}: ignored by ${path.relative(io.cwd, cfg.source!) || cfg.source} ("ignore")`);
      continue;
    }
    const settings = applyBuildVersion(mergeSettings(DEFAULT_SETTINGS, cfg?.overrides, flags), target.abs, builds);
    const read = readTarget(target, settings.maxFileSize);
    if ('error' in read) {
      clearProgress();
      error(read.error);
      usageError = true;
      continue;
    }
    if ('skipped' in read) {
      clearProgress();
      warning(read.skipped, false);
      continue;
    }
    let text = read.text;
    let findings: Finding[];
    try {
      const result = lint({ fileName: target.display, text }, settings);
      for (const f of result.failures) io.stderr(`${PREFIX}: internal error: ${f}\n`);
      if (result.notice) {
        clearProgress();
        warning(result.notice, false);
        continue;
      }
      findings = result.findings;
      if ((opts.fix || opts.fixDryRun) && findings.some((f) => f.fixes.some((x) => x.isPreferred))) {
        if (read.lossy) {
          warning(`not fixing ${target.display}: it has bytes that are not UTF-8, which writing it back would lose`);
        } else {
          const fixed = safeFixAll({ fileName: target.display, text }, settings);
          if (fixed.text !== text) {
            let wrote = true;
            if (opts.fixDryRun) {
              diffs.push(unifiedDiff(target.display, text, fixed.text));
            } else {
              const failed = writeFixed(target.abs, target.display, fixed.text, read.bom, read.stat);
              if (failed) {
                clearProgress();
                error(failed);
                usageError = true;
                wrote = false; // the file on disk is the original: report its findings
              }
            }
            if (wrote) {
              fixedProblems += fixed.applied;
              fixedFiles++;
              text = fixed.text;
              findings = fixed.remaining;
            }
          }
        }
      }
    } catch (e) {
      // the service catches its own failures; this is the last line of defence
      clearProgress();
      io.stderr(`${PREFIX}: internal error while linting ${target.display}: ${(e as Error).stack ?? e}\n`);
      continue;
    }
    errors += findings.filter((f) => f.severity === 'error').length;
    warnings += findings.filter((f) => f.severity === 'warning').length;
    const shown = opts.quiet ? findings.filter((f) => f.severity === 'error') : findings;
    reports.push({ file: target.display, findings: toJsonFindings(text, shown) });
    reported.push({ abs: target.abs, text, findings: shown });
  }
  if (progress) {
    draw(total);
    clearProgress();
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
        executionSuccessful: !usageError,
        notifications,
      }),
    );
  } else {
    io.stdout(diffs.join(''));
    io.stdout(formatText(reports, colorsFor(io.stdoutIsTTY, io.env)));
  }

  if (usageError) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

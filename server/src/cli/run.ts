/**
 * `kafka-idempotence-lint` as a function: arguments and I/O callbacks in, exit code out.
 * main.ts wires it to the process.
 *
 * Exit codes: 0 no error-severity finding; 1 at least one; 2 bad usage, an unreadable
 * or nonexistent path, or a glob that matches nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, lint, type LintSettings } from '../service';
import { parseArgs, USAGE } from './args';
import { collectFiles, readTarget } from './files';
import { colorsFor, formatJson, formatText, toJsonFindings, type FileReport } from './format';

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const PREFIX = 'kafka-idempotence-lint';

function packageVersion(): string {
  // dist/cli.js → ../package.json; search upwards so an unbundled build works too
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kafka-idempotence-lint' && pkg.version) return pkg.version;
    } catch {
      // keep looking
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

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
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }

  const settings: LintSettings = {
    ...DEFAULT_SETTINGS,
    kafkaClientsVersion: opts.kafkaClientsVersion,
    kafkaClientsVersionSource: '--kafka-clients-version',
    rules: opts.rules,
    maxFileSize: opts.maxFileSize,
    ...(opts.client ? { client: opts.client } : {}),
  };

  const collected = collectFiles(opts.paths.length ? opts.paths : ['.'], io.cwd);
  let usageError = collected.errors.length > 0;
  for (const e of collected.errors) io.stderr(`${PREFIX}: error: ${e}\n`);
  for (const w of collected.warnings) io.stderr(`${PREFIX}: warning: ${w}\n`);

  const reports: FileReport[] = [];
  let errors = 0;
  for (const target of collected.files) {
    const read = readTarget(target, settings.maxFileSize);
    if ('error' in read) {
      io.stderr(`${PREFIX}: error: ${read.error}\n`);
      usageError = true;
      continue;
    }
    if ('skipped' in read) {
      io.stderr(`${read.skipped}\n`);
      continue;
    }
    let result;
    try {
      result = lint({ fileName: target.display, text: read.text }, settings);
    } catch (e) {
      // the service catches its own failures; this is the last line of defence
      io.stderr(`${PREFIX}: internal error while linting ${target.display}: ${(e as Error).stack ?? e}\n`);
      continue;
    }
    for (const f of result.failures) io.stderr(`${PREFIX}: internal error: ${f}\n`);
    if (result.notice) {
      io.stderr(`${result.notice}\n`);
      continue;
    }
    const findings = toJsonFindings(read.text, result.findings);
    errors += findings.filter((f) => f.severity === 'error').length;
    reports.push({ file: target.display, findings });
  }

  if (opts.format === 'json') io.stdout(formatJson(reports));
  else io.stdout(formatText(reports, colorsFor(io.stdoutIsTTY, io.env)));

  if (usageError) return 2;
  return errors > 0 ? 1 : 0;
}

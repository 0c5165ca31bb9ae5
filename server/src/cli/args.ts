/**
 * Command-line arguments of `kafka-idempotence-lint`. Parsing only: no I/O, so a
 * usage error is a value (exit code 2), never a thrown exception.
 */
import { ALL_RULES, parseVersion, type SeveritySetting } from '../service';

export const USAGE = `Usage: kafka-idempotence-lint [paths or globs...] [options]

Lints Kafka producer configurations for settings that break idempotence
(acks, retries, max.in.flight.requests.per.connection, transactional.id).
Folders are walked recursively for .properties, .yml/.yaml, TS/JS and .java files
(node_modules, .git and what .gitignore files exclude are skipped); quoted
globs (*, **, ?) are expanded. No path means the current directory.
Settings come from the nearest .kafka-idempotence.json/.yaml/.yml above each
file; the options below override it.

Options:
  --format text|json|sarif|markdown
                                 Output format (default: text); sarif is SARIF 2.1.0;
                                 markdown is a table of every producer for a PR comment
  --kafka-clients-version X      Java client version: auto (default: from the build
                                 file, else the newest 4.x), latest, 4.1, 3.9, 3.0.0...
  --rule id=severity             Override a rule: default|error|warning|info|hint|off
                                 (repeatable)
  --client java|librdkafka       Force the client family of every file
  --max-file-size N              Skip files longer than N characters (default 5242880)
  --fix                          Apply the preferred fixes that re-lint clean, in place
  --fix-dry-run                  Print those fixes as a unified diff; write nothing
  --max-warnings N               Exit 1 when there are more than N warnings
  --quiet                        Report errors only
  --verbose                      Text output: the full explanation under each problem
  --no-gitignore                 Do not skip what .gitignore files exclude
  --no-config                    Do not read .kafka-idempotence.* files
  --help                         Show this help
  --version                      Show the version

Exit codes: 0 no error-severity finding (and no more warnings than --max-warnings),
1 at least one error-severity finding or too many warnings, 2 bad usage, an
unreadable path or an invalid configuration file.`;

export type OutputFormat = 'text' | 'json' | 'sarif' | 'markdown';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  /** Only when given: the configuration file applies otherwise. */
  kafkaClientsVersion?: string;
  rules: Record<string, SeveritySetting>;
  client?: 'java' | 'librdkafka';
  /** Only when given. */
  maxFileSize?: number;
  fix: boolean;
  fixDryRun: boolean;
  maxWarnings?: number;
  quiet: boolean;
  verbose: boolean;
  gitignore: boolean;
  config: boolean;
  help: boolean;
  version: boolean;
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; error: string };

const SEVERITIES: readonly SeveritySetting[] = ['default', 'error', 'warning', 'info', 'hint', 'off'];
const VALUE_FLAGS = new Set(['--format', '--kafka-clients-version', '--rule', '--client', '--max-file-size', '--max-warnings']);
const BOOLEAN_FLAGS = new Set(['--help', '--version', '--fix', '--fix-dry-run', '--quiet', '--verbose', '--no-gitignore', '--no-config']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = {
    paths: [],
    format: 'text',
    rules: {},
    fix: false,
    fixDryRun: false,
    quiet: false,
    verbose: false,
    gitignore: true,
    config: true,
    help: false,
    version: false,
  };
  const fail = (error: string): ParsedArgs => ({ ok: false, error });
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '-h') {
      options.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOLEAN_FLAGS.has(flag)) {
      if (eq > 0) return fail(`${flag} takes no value`);
      setBoolean(options, flag);
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) return fail(`unknown option ${flag}`);
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    else return fail(`${flag} needs a value`);
    const error = setValue(options, flag, value);
    if (error) return fail(error);
  }
  if (options.fix && options.fixDryRun) return fail('--fix and --fix-dry-run exclude each other');
  if (options.fixDryRun && options.format !== 'text') {
    return fail(`--fix-dry-run prints a diff, which does not mix with --format ${options.format}`);
  }
  return { ok: true, options };
}

function setBoolean(options: CliOptions, flag: string): void {
  if (flag === '--help') options.help = true;
  else if (flag === '--version') options.version = true;
  else if (flag === '--fix') options.fix = true;
  else if (flag === '--fix-dry-run') options.fixDryRun = true;
  else if (flag === '--quiet') options.quiet = true;
  else if (flag === '--verbose') options.verbose = true;
  else if (flag === '--no-gitignore') options.gitignore = false;
  else options.config = false;
}

/** Reads the value of one of VALUE_FLAGS into `options`; the usage error when it is not valid. */
function setValue(options: CliOptions, flag: string, value: string): string | undefined {
  switch (flag) {
    case '--format':
      if (value !== 'text' && value !== 'json' && value !== 'sarif' && value !== 'markdown')
        return `--format must be text, json, sarif or markdown, not '${value}'`;
      options.format = value;
      return undefined;
    case '--kafka-clients-version':
      if (parseVersion(value) === undefined)
        return `--kafka-clients-version: '${value}' is not a version (examples: auto, latest, 4.1, 3.9, 3.0.0, 2.8.2)`;
      options.kafkaClientsVersion = value.trim() === '' ? 'latest' : value.trim();
      return undefined;
    case '--rule':
      return setRule(options, value);
    case '--client':
      if (value !== 'java' && value !== 'librdkafka') return `--client must be java or librdkafka, not '${value}'`;
      options.client = value;
      return undefined;
    case '--max-file-size':
      if (!isWholeNumber(value)) return `--max-file-size expects a number of characters, not '${value}'`;
      options.maxFileSize = Number(value);
      return undefined;
    default: // --max-warnings
      if (!isWholeNumber(value)) return `--max-warnings expects a whole number, not '${value}'`;
      options.maxWarnings = Number(value);
      return undefined;
  }
}

const isWholeNumber = (value: string) => /^\d+$/.test(value) && Number.isSafeInteger(Number(value));

/** `--rule id=severity`. */
function setRule(options: CliOptions, value: string): string | undefined {
  const at = value.lastIndexOf('=');
  if (at <= 0) return `--rule expects id=severity, not '${value}'`;
  const id = value.slice(0, at).trim();
  const severity = value.slice(at + 1).trim() as SeveritySetting;
  if (!ALL_RULES.some((r) => r.meta.id === id)) {
    return `--rule: unknown rule '${id}'. Known rules:\n${ALL_RULES.map((r) => `  ${r.meta.id}`).join('\n')}`;
  }
  if (!SEVERITIES.includes(severity)) return `--rule ${id}: severity must be one of ${SEVERITIES.join('|')}, not '${value.slice(at + 1)}'`;
  options.rules[id] = severity;
  return undefined;
}

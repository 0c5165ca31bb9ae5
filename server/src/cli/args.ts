/**
 * Command-line arguments of `kafka-idempotence-lint`. Parsing only: no I/O, so a
 * usage error is a value (exit code 2), never a thrown exception.
 */
import { ALL_RULES, parseVersion, type SeveritySetting } from '../service';

export const USAGE = `Usage: kafka-idempotence-lint [paths or globs...] [options]

Lints Kafka producer configurations for settings that break idempotence
(acks, retries, max.in.flight.requests.per.connection, transactional.id).
Folders are walked recursively for .properties, .yml/.yaml and TS/JS files
(node_modules and .git are skipped); quoted globs (*, **, ?) are expanded.
No path means the current directory.

Options:
  --format text|json             Output format (default: text)
  --kafka-clients-version X      Java client version: latest (default), 4.1, 3.9, 3.0.0...
  --rule id=severity             Override a rule: default|error|warning|info|hint|off
                                 (repeatable)
  --client java|librdkafka       Force the client family of every file
  --max-file-size N              Skip files longer than N characters (default 5242880)
  --help                         Show this help
  --version                      Show the version

Exit codes: 0 no error-severity finding, 1 at least one error-severity finding,
2 bad usage or an unreadable path.`;

export type OutputFormat = 'text' | 'json';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  kafkaClientsVersion: string;
  rules: Record<string, SeveritySetting>;
  client?: 'java' | 'librdkafka';
  maxFileSize: number;
  help: boolean;
  version: boolean;
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; error: string };

const SEVERITIES: readonly SeveritySetting[] = ['default', 'error', 'warning', 'info', 'hint', 'off'];
const VALUE_FLAGS = new Set(['--format', '--kafka-clients-version', '--rule', '--client', '--max-file-size']);
const BOOLEAN_FLAGS = new Set(['--help', '--version']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = {
    paths: [],
    format: 'text',
    kafkaClientsVersion: 'latest',
    rules: {},
    maxFileSize: 5 * 1024 * 1024,
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
      if (flag === '--help') options.help = true;
      else options.version = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) return fail(`unknown option ${flag}`);
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    else return fail(`${flag} needs a value`);

    switch (flag) {
      case '--format':
        if (value !== 'text' && value !== 'json') return fail(`--format must be text or json, not '${value}'`);
        options.format = value;
        break;
      case '--kafka-clients-version':
        if (parseVersion(value) === undefined) {
          return fail(`--kafka-clients-version: '${value}' is not a version (examples: latest, 4.1, 3.9, 3.0.0, 2.8.2)`);
        }
        options.kafkaClientsVersion = value.trim() === '' ? 'latest' : value.trim();
        break;
      case '--rule': {
        const at = value.lastIndexOf('=');
        if (at <= 0) return fail(`--rule expects id=severity, not '${value}'`);
        const id = value.slice(0, at).trim();
        const severity = value.slice(at + 1).trim() as SeveritySetting;
        if (!ALL_RULES.some((r) => r.meta.id === id)) {
          return fail(`--rule: unknown rule '${id}'. Known rules:\n${ALL_RULES.map((r) => `  ${r.meta.id}`).join('\n')}`);
        }
        if (!SEVERITIES.includes(severity)) {
          return fail(`--rule ${id}: severity must be one of ${SEVERITIES.join('|')}, not '${value.slice(at + 1)}'`);
        }
        options.rules[id] = severity;
        break;
      }
      case '--client':
        if (value !== 'java' && value !== 'librdkafka') return fail(`--client must be java or librdkafka, not '${value}'`);
        options.client = value;
        break;
      case '--max-file-size':
        if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
          return fail(`--max-file-size expects a number of characters, not '${value}'`);
        }
        options.maxFileSize = Number(value);
        break;
    }
  }
  return { ok: true, options };
}

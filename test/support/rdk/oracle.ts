/**
 * The librdkafka oracle: asks the real librdkafka (Debian's librdkafka-dev) whether it
 * accepts producer configurations, through the tiny C program rdkcheck.c, compiled once
 * per process into a temporary directory. One process answers every configuration.
 *
 * What it runs per configuration: rd_kafka_conf_set() for each global entry (and
 * rd_kafka_topic_conf_set() for each entry of a separate topic configuration), then
 * rd_kafka_new(RD_KAFKA_PRODUCER) with bootstrap.servers=127.0.0.1:1 (nothing is contacted
 * before the checks; the handle is destroyed at once), then rd_kafka_topic_new().
 *
 * Normalisation of librdkafka's messages (the only two):
 * - the range error of rd_kafka_conf_set() ends with "\n" (`…outside allowed range 1..1000000\n`):
 *   trailing newlines are removed;
 * - rd_kafka_topic_new() does not return its reason, it logs
 *   `Incompatible configuration settings for topic "t": <reason>` (facility TOPICCONF):
 *   the reason is cut out of that line.
 *
 * Leave `bootstrap.servers` out of the configurations: it would replace 127.0.0.1:1, and a host
 * name that does not resolve makes rd_kafka_destroy() wait for the resolver.
 *
 * Provisioning: test/setup/provision.mjs installs gcc, pkgconf and librdkafka-dev
 * (scripts/test.mjs does it for the unit suite). Without them this throws, it never skips.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../index';

export interface RdkConfig {
  /** Entries for rd_kafka_conf_set(), in order. */
  global: Array<[string, string]>;
  /** Entries of a separate topic configuration (node-rdkafka's second constructor argument). */
  topic?: Array<[string, string]>;
  /**
   * true: install the topic configuration with rd_kafka_conf_set_default_topic_conf() before
   * rd_kafka_new(), as node-rdkafka and confluent-kafka-javascript do;
   * false (default): pass it to rd_kafka_topic_new().
   */
  topicAsDefault?: boolean;
}

export interface RdkOutcome {
  accepted: boolean;
  /** rd_kafka_conf_set() failures; `index` counts global entries first, then topic entries. */
  setErrors: Array<{ index: number; key: string; message: string }>;
  /** rd_kafka_new() failure. */
  newError?: string;
  /** rd_kafka_topic_new() failure (cut out of librdkafka's TOPICCONF log line). */
  topicError?: string;
  /** Every message, in the order librdkafka produced them. */
  messages: string[];
}

export interface RdkOracleResult {
  /** rd_kafka_version_str() */
  version: string;
  outcomes: RdkOutcome[];
}

const SOURCE = join(ROOT, 'test', 'support', 'rdk', 'rdkcheck.c');

let binary: string | undefined;

function sourcePath(): string {
  // compiled to test/out/support/rdk/oracle.js; the C source stays in test/support/rdk
  if (existsSync(SOURCE)) return SOURCE;
  throw new Error(`rdkcheck.c not found (looked at ${SOURCE})`);
}

/** Compiles rdkcheck.c against the system librdkafka (once per process) and returns the binary's path. */
export function rdkcheckBinary(): string {
  if (binary) return binary;
  let flags: string[];
  try {
    flags = execFileSync('pkg-config', ['--cflags', '--libs', 'rdkafka'], { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean);
  } catch (e) {
    throw new Error(
      `pkg-config cannot find librdkafka (${(e as Error).message.split('\n')[0]}).\n` +
        '  The librdkafka oracle needs: apt-get install gcc pkgconf librdkafka-dev (scripts/test.mjs provisions them as root).',
      { cause: e },
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'rdkcheck-'));
  const out = join(dir, 'rdkcheck');
  execFileSync('gcc', ['-O1', '-Wall', '-o', out, sourcePath(), ...flags], { stdio: ['ignore', 'inherit', 'inherit'] });
  binary = out;
  return out;
}

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const unesc = (s: string) => s.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c));
const normalise = (s: string) => s.replace(/\n+$/, '');
const TOPIC_LOG = /^.*?Incompatible configuration settings for topic "t": /s;

/** Runs every configuration through the real librdkafka, in one process. */
export function runRdkOracle(configs: RdkConfig[]): RdkOracleResult {
  const bin = rdkcheckBinary();
  const lines: string[] = [];
  for (const c of configs) {
    for (const [k, v] of c.global) lines.push(`G\t${esc(k)}\t${esc(v)}`);
    for (const [k, v] of c.topic ?? []) lines.push(`T\t${esc(k)}\t${esc(v)}`);
    if (c.topicAsDefault) lines.push('D');
    lines.push('E');
  }
  const r = spawnSync(bin, [], { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 10 * 60 * 1000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`rdkcheck exited with ${r.status}: ${r.stderr}`);
  const out = r.stdout.split('\n');
  let version = '';
  const outcomes: RdkOutcome[] = [];
  let cur: RdkOutcome = { accepted: true, setErrors: [], messages: [] };
  for (const line of out) {
    if (line === '') continue;
    const [tag, ...rest] = line.split('\t');
    switch (tag) {
      case 'V':
        version = rest[0];
        break;
      case 'S': {
        const index = Number(rest[0]);
        const c = configs[outcomes.length];
        const all = [...c.global, ...(c.topic ?? [])];
        const message = normalise(unesc(rest.slice(1).join('\t')));
        cur.setErrors.push({ index, key: all[index][0], message });
        cur.messages.push(message);
        break;
      }
      case 'N':
        cur.newError = normalise(unesc(rest.join('\t')));
        cur.messages.push(cur.newError);
        break;
      case 'P':
        cur.topicError = normalise(unesc(rest.join('\t'))).replace(TOPIC_LOG, '');
        cur.messages.push(cur.topicError);
        break;
      case 'R':
        cur.accepted = rest[0] === 'ok';
        break;
      case '.':
        outcomes.push(cur);
        cur = { accepted: true, setErrors: [], messages: [] };
        break;
      default:
        throw new Error(`rdkcheck: unexpected output line ${JSON.stringify(line)}`);
    }
  }
  if (outcomes.length !== configs.length) throw new Error(`rdkcheck answered ${outcomes.length} of ${configs.length} configurations`);
  return { version, outcomes };
}

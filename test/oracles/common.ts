/**
 * What every oracle shares: the observation compared per case (the Contract in docs/verification.md), how
 * the real code's result and the linter's verdict become observations, the comparison, minimal
 * reproductions, and the runner. An oracle (one module per implementation, listed in registry.ts) supplies
 * a generator, the Java handler and the linter's side; see test/oracles/README.md.
 */
import { prng } from '../support/prng';
import type { JavaEffectiveConfig } from '../../server/src/service';
import { compile, compileAll, JavaProcess, checkTools, type JsonObject } from './java';
import { load, service, settingsWith, type LintResult, type LintSettings, type ProducerBlock } from '../support';
import { loadJavaParser } from '../support/java';

const javaConfig = load('service/clients/java/config');

export { prng };

export type Outcome = 'idempotent' | 'silently-disabled' | 'non-idempotent' | 'refuses-to-start' | 'unknown' | 'no-block';

/** The effective producer values compared when the producer starts. */
export interface EffectiveValues {
  'enable.idempotence': boolean | undefined;
  acks: string | undefined;
  'transactional.id': string | null | undefined;
  retries: number | undefined;
  'max.in.flight.requests.per.connection': number | undefined;
}

/** One side's answer for one case. */
export interface Observation {
  outcome: Outcome;
  /** non-idempotent: by `choice` (enable.idempotence=false given) or by `default`. */
  nonIdempotentBy?: 'choice' | 'default';
  /** refuses-to-start: the key the exception names, and its message. */
  refusal?: { key: string; message: string };
  /** The relevant INFO/WARN lines logged while the producer starts, as `LEVEL message`. */
  logged: string[];
  /** When the producer starts. */
  config?: EffectiveValues;
  /** Linter side only: its findings do not say what its verdict says (a rule out of step with the verdict). */
  findingsProblem?: string;
  /** Anything the oracle wants printed with a reproduction (not compared). */
  note?: string;
  /** Real side: framework log lines the linter's findings must quote (e.g. Streams' "Unexpected user-specified …" WARN). */
  quoted?: string[];
  /** Real side: every message logged (what `claimed` is checked against). */
  allLogs?: string[];
  /** Linter side: every finding's message. */
  findings?: string[];
  /** Linter side: log lines its findings say the framework logs (each must be logged). */
  claimed?: string[];
  /** Real side, a program run several times (each branch, each base map): every run's observation. */
  runs?: Observation[];
  /** Linter side: the findings' severities and consequences, with their messages (claims checked against every run). */
  claims?: Array<{ severity: string; consequence?: string; message: string }>;
}

/** A generated configuration: the text both sides read, and what the Java handler needs besides. */
export interface OracleCase {
  /** The file the linter lints, and the Java side loads (the same text). */
  text: string;
  fileName: string;
  /** Extra request fields for the Java handler. */
  request?: JsonObject;
}

/** Mutation check: a deliberately wrong verdict, applied to the linter's effective config before it is compared. */
export type Mutation = (e: JavaEffectiveConfig) => JavaEffectiveConfig;

export interface Oracle {
  /** `kafka-clients 4.0.2` */
  name: string;
  /** `org.apache.kafka:kafka-clients:4.0.2` (checked against what the harness reports, when it can) */
  implementation: string;
  /** The Maven profile of test/oracles/java/pom.xml that holds its classpath. */
  profile: string;
  /** Source sets under test/oracles/java/src compiled for it. */
  sourceSets: string[];
  /** The kil.oracle.Handler class. */
  handler: string;
  /** More JVM options for its harness process (optional). */
  jvmArgs?: string[];
  /** Cases in `npm run oracles` and in the `oracles` test suite. */
  fullCount: number;
  testCount: number;
  seed: number;
  /** The version the harness must report for {describe:true} (undefined: not checked). */
  expectVersion?: string;
  generate(rand: () => number): OracleCase;
  /** The real code's result as an observation. */
  real(result: JsonObject, c: OracleCase): Observation;
  /** The linter's verdict for the same text. */
  linter(c: OracleCase, mutation?: Mutation): Observation;
  /** Smaller cases to try when minimising a disagreement (default: the text without one of its lines). */
  shrink?(c: OracleCase): OracleCase[];
  /** A request sent before each batch of cases (the Java source oracle compiles the batch's programs with it). */
  prepare?(cases: OracleCase[]): JsonObject;
  /** The differences between the two sides (default: compareObservations). */
  compare?(real: Observation, lint: Observation, c: OracleCase): string[];
}

// ---------------------------------------------------------------------------------------------
// Observations

/**
 * JVM options of the harnesses that build producers case after case (kafka-clients, Streams, Connect): the C1 compiler
 * only. A run is thousands of short constructions; on two shared cores C2's compilations cost more than they save
 * (a 1,000-case run takes about half the time). Nothing observed changes.
 */
export const PRODUCER_JVM_ARGS = ['-XX:TieredStopAtLevel=1'];

/** The log lines the Contract compares. */
export const RELEVANT_LOG = [/^Idempotence will be disabled because /, /^delivery\.timeout\.ms should be equal to or larger than /];

const KNOWN_KEYS = [...javaConfig.PRODUCER_KEYS].sort((a, b) => b.length - a.length);

/**
 * The configuration key a ConfigException's message names: `… for configuration KEY: …`, else the first producer key it
 * mentions. Before 3.3 an unknown compression.type is refused by CompressionType.forName, whose message names no key.
 */
export function keyNamed(message: string, extraKeys: readonly string[] = []): string {
  if (/^Unknown compression name: /.test(message)) return 'compression.type';
  const m =
    /for configuration (\S+?):? /.exec(message) ??
    /^Missing required configuration "(.+?)"/.exec(message) ??
    /^The '[^']*' policy does not allow '(.+?)' to be overridden/.exec(message);
  if (m) return m[1];
  let best: { at: number; key: string } | undefined;
  for (const k of [...extraKeys, ...KNOWN_KEYS]) {
    const re = new RegExp(`(^|[^a-z.])${k.replace(/\./g, '\\.')}($|[^a-z.])`);
    const r = re.exec(message);
    if (!r) continue;
    const at = r.index + r[1].length;
    if (!best || at < best.at) best = { at, key: k };
  }
  return best?.key ?? '?';
}

interface ProbeResult {
  explicitIdempotence?: boolean;
  config?: Record<string, unknown>;
  error?: { class: string; message: string };
  logs?: Array<{ level: string; logger: string; message: string }>;
  harnessError?: string;
}

/** kil.oracle.ProducerProbe's result as an observation. */
export function probeObservation(result: JsonObject, extraKeys: readonly string[] = []): Observation {
  const r = result as ProbeResult;
  if (r.harnessError) throw new Error(`harness error: ${r.harnessError}`);
  const logged = (r.logs ?? []).filter((l) => RELEVANT_LOG.some((re) => re.test(l.message))).map((l) => `${l.level} ${l.message}`);
  if (r.error) {
    return {
      outcome: 'refuses-to-start',
      refusal: { key: keyNamed(r.error.message, extraKeys), message: r.error.message },
      logged,
      note: r.error.class,
    };
  }
  const c = r.config!;
  const config: EffectiveValues = {
    'enable.idempotence': c['enable.idempotence'] as boolean,
    acks: c.acks as string,
    'transactional.id': (c['transactional.id'] as string | null) ?? null,
    retries: c.retries as number,
    'max.in.flight.requests.per.connection': c['max.in.flight.requests.per.connection'] as number,
  };
  if (config['enable.idempotence']) return { outcome: 'idempotent', logged, config };
  if (logged.some((l) => l.includes('Idempotence will be disabled'))) return { outcome: 'silently-disabled', logged, config };
  return { outcome: 'non-idempotent', nonIdempotentBy: r.explicitIdempotence ? 'choice' : 'default', logged, config };
}

/** The linter's effective config (service: effectiveJavaConfig) as an observation. */
export function effectiveObservation(e: JavaEffectiveConfig): Observation {
  const logged = e.logged
    .map((l) => `${l.level} ${l.message}`)
    .filter((l) => RELEVANT_LOG.some((re) => re.test(l.slice(l.indexOf(' ') + 1))));
  if (e.outcome === 'refuses-to-start') {
    return { outcome: e.outcome, refusal: e.refusal && { key: e.refusal.key, message: e.refusal.message }, logged };
  }
  return {
    outcome: e.outcome,
    ...(e.outcome === 'non-idempotent' ? { nonIdempotentBy: e.nonIdempotentBy } : {}),
    logged,
    config: {
      'enable.idempotence': e.enableIdempotence,
      acks: e.acks,
      'transactional.id': e.transactionalId,
      retries: e.retries,
      'max.in.flight.requests.per.connection': e.maxInFlight,
    },
  };
}

/**
 * The linter's findings must say what its verdict says: a refusal appears verbatim in an error finding,
 * every logged line in some finding (rules are the product; the verdict alone is not what users see).
 */
export function findingsProblem(result: LintResult, o: Observation): string | undefined {
  const all = result.findings;
  if (o.outcome === 'refuses-to-start' && o.refusal) {
    if (!all.some((f) => f.severity === 'error' && f.message.includes(o.refusal!.message))) {
      return `no error finding quotes "${o.refusal.message}"`;
    }
  }
  if (o.outcome !== 'refuses-to-start') {
    for (const l of o.logged) {
      const msg = l.slice(l.indexOf(' ') + 1);
      if (!all.some((f) => f.message.includes(msg))) return `no finding quotes the logged line "${l}"`;
    }
  }
  return undefined;
}

/** `extra`: more settings (e.g. a framework's version) besides the kafka-clients version. */
export function lintText(c: OracleCase, version: string, extra: Partial<LintSettings> = {}): LintResult {
  const result = service.lint({ fileName: c.fileName, text: c.text }, settingsWith({ ...extra, kafkaClientsVersion: version }));
  if (result.failures.length) throw new Error(`the linter failed: ${result.failures.join('\n')}`);
  return result;
}

/** The linter's side for a file holding one producer block judged with the Java verdict. */
export function linterObservation(
  c: OracleCase,
  version: string,
  pick: (blocks: ProducerBlock[]) => ProducerBlock | undefined,
  mutation?: Mutation,
  claims?: RegExp,
): Observation {
  const result = lintText(c, version);
  const block = pick(result.blocks);
  // the findings about this block (a file may hold others: a Strimzi KafkaConnect next to its KafkaConnector)
  const findings = result.findings.filter((f) => !block || f.block === undefined || f.block === block.name).map((f) => f.message);
  const claimed = claims ? findings.flatMap((f) => [...f.matchAll(new RegExp(claims.source, 'g'))].map((m) => m[1])) : undefined;
  const o = linterObservationOf(
    { ...result, findings: result.findings.filter((f) => !block || f.block === undefined || f.block === block.name) },
    version,
    pick,
    mutation,
  );
  return { ...o, findings, ...(claimed ? { claimed } : {}) };
}

function linterObservationOf(
  result: LintResult,
  version: string,
  pick: (blocks: ProducerBlock[]) => ProducerBlock | undefined,
  mutation?: Mutation,
): Observation {
  const block = pick(result.blocks);
  if (!block) return { outcome: 'no-block', logged: [], note: `blocks: ${result.blocks.map((b) => b.name).join(', ') || 'none'}` };
  const v = service.parseVersion(block.clientVersion?.version ?? version)!;
  let e = service.effectiveJavaConfig(block, v);
  if (mutation) e = mutation(e);
  const o = effectiveObservation(e);
  const problem = findingsProblem(result, o);
  return problem ? { ...o, findingsProblem: problem } : o;
}

/** The differences between the real code's observation and the linter's (empty: they agree). */
export function compareObservations(real: Observation, lint: Observation): string[] {
  const diffs: string[] = [];
  const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (real.outcome !== lint.outcome) diffs.push(`outcome: ${real.outcome} ≠ ${lint.outcome}`);
  if (real.outcome === lint.outcome && real.outcome === 'non-idempotent' && real.nonIdempotentBy !== lint.nonIdempotentBy) {
    diffs.push(`non-idempotent by: ${real.nonIdempotentBy} ≠ ${lint.nonIdempotentBy}`);
  }
  if (real.outcome === 'refuses-to-start' && lint.outcome === 'refuses-to-start') {
    if (real.refusal?.key !== lint.refusal?.key) diffs.push(`refusal key: ${real.refusal?.key} ≠ ${lint.refusal?.key}`);
    if (real.refusal?.message !== lint.refusal?.message)
      diffs.push(`refusal message: ${JSON.stringify(real.refusal?.message)} ≠ ${JSON.stringify(lint.refusal?.message)}`);
  }
  if (real.outcome !== 'refuses-to-start' && !eq(real.logged, lint.logged))
    diffs.push(`logged: ${JSON.stringify(real.logged)} ≠ ${JSON.stringify(lint.logged)}`);
  if (real.config && lint.config) {
    for (const k of Object.keys(real.config) as Array<keyof EffectiveValues>) {
      if (!eq(real.config[k], lint.config[k])) diffs.push(`${k}: ${JSON.stringify(real.config[k])} ≠ ${JSON.stringify(lint.config[k])}`);
    }
  }
  if (lint.findingsProblem) diffs.push(`findings: ${lint.findingsProblem}`);
  for (const q of real.quoted ?? []) {
    if (!(lint.findings ?? []).some((f) => f.includes(q))) diffs.push(`quoted: no finding quotes the logged line "${q}"`);
  }
  for (const c of real.allLogs ? (lint.claimed ?? []) : []) {
    if (!real.allLogs!.includes(c)) diffs.push(`claimed: a finding quotes a line that is not logged: "${c}"`);
  }
  return diffs;
}

function describe(o: Observation): string {
  const parts: string[] = [o.outcome + (o.nonIdempotentBy ? ` (by ${o.nonIdempotentBy})` : '')];
  if (o.refusal) parts.push(`${o.refusal.key}: "${o.refusal.message}"`);
  if (o.config) parts.push(JSON.stringify(o.config));
  if (o.logged.length) parts.push(`logged ${JSON.stringify(o.logged)}`);
  if (o.note) parts.push(`(${o.note})`);
  return parts.join('; ');
}

/** A minimal reproduction: the config text, what the real code did, what the linter said. */
export function reproduction(oracle: Oracle, c: OracleCase, real: Observation, lint: Observation, diffs: string[]): string {
  // the lines as an editor shows them (a tab as \t, a line's terminator as \r\n / \r / \n), then the exact text as JSON
  const shown = c.text.split(/(?<=\r\n|\r(?!\n)|\n)/).map((l) => {
    const body = l.replace(/\r\n$|\r$|\n$/, '');
    const end = l.slice(body.length);
    return `  | ${body.replace(/\t/g, '\\t')}${end === '\n' || end === '' ? '' : ` ⟨${JSON.stringify(end).slice(1, -1)}⟩`}`;
  });
  return [
    `--- ${oracle.name}: ${c.fileName}${c.request ? ` ${JSON.stringify(c.request)}` : ''}`,
    ...shown,
    `  text: ${JSON.stringify(c.text)}`,
    `  real (${oracle.implementation}): ${describe(real)}`,
    `  linter: ${describe(lint)}`,
    `  differences: ${diffs.join('; ')}`,
  ].join('\n');
}

/** Default shrinking: the text without one of its lines (a .properties or YAML file whose lines are independent). */
export function withoutOneLine(c: OracleCase): OracleCase[] {
  const lines = c.text.split('\n');
  const out: OracleCase[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') continue;
    out.push({ ...c, text: [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n') });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running

export interface Disagreement {
  case: OracleCase;
  real: Observation;
  linter: Observation;
  diffs: string[];
  /** The minimised reproduction (the first few disagreements only). */
  minimal?: string;
}

export interface OracleRun {
  name: string;
  implementation: string;
  cases: number;
  agree: number;
  seconds: number;
  seed: number;
  /** How often the real code gave each outcome (shows what the generator reached). */
  outcomes: Record<string, number>;
  disagreements: Disagreement[];
}

export interface RunOptions {
  seed?: number;
  count?: number;
  mutation?: Mutation;
  /** How many disagreements get a minimised reproduction (default 3). */
  minimise?: number;
  /** Requests per round trip to the JVM. */
  batch?: number;
}

function request(c: OracleCase): JsonObject {
  return { text: c.text, fileName: c.fileName, ...(c.request ?? {}) };
}

/** Asks the harness about some cases (after the oracle's prepare request, when it has one). */
async function askCases(oracle: Oracle, jvm: JavaProcess, cases: OracleCase[]): Promise<JsonObject[]> {
  if (!oracle.prepare) return jvm.ask(cases.map(request));
  const [prepared, ...results] = await jvm.ask([oracle.prepare(cases), ...cases.map(request)]);
  if (prepared.harnessError) throw new Error(`harness error: ${prepared.harnessError}`);
  return results;
}

const compareWith = (oracle: Oracle, real: Observation, lint: Observation, c: OracleCase) =>
  oracle.compare ? oracle.compare(real, lint, c) : compareObservations(real, lint);

/** Generates the cases (seeded), asks the real code and the linter, compares. */
export async function runOracle(oracle: Oracle, opts: RunOptions = {}): Promise<OracleRun> {
  checkTools();
  // the linter's side may read Java source: its parser is loaded as the server and the CLI load it
  await loadJavaParser();
  const t0 = Date.now();
  const seed = (opts.seed ?? oracle.seed) >>> 0;
  const count = opts.count ?? oracle.fullCount;
  const rand = prng(seed);
  const cases = Array.from({ length: count }, () => oracle.generate(rand));
  const cp = compile(oracle.profile, oracle.sourceSets);
  const jvm = new JavaProcess(cp, oracle.handler, oracle.jvmArgs);
  const disagreements: Disagreement[] = [];
  let agree = 0;
  const outcomes: Record<string, number> = {};
  try {
    if (oracle.expectVersion) {
      const [d] = await jvm.ask([{ describe: true }]);
      if (d.harnessError) throw new Error(`harness error: ${d.harnessError}`);
      if (d.version !== oracle.expectVersion)
        throw new Error(`${oracle.name}: the harness runs ${d.version}, expected ${oracle.expectVersion}`);
    }
    const batch = opts.batch ?? 250;
    let pending = askCases(oracle, jvm, cases.slice(0, batch));
    for (let start = 0; start < cases.length; start += batch) {
      const results = await pending;
      // the JVM works on the next batch while Node lints this one
      if (start + batch < cases.length) pending = askCases(oracle, jvm, cases.slice(start + batch, start + 2 * batch));
      results.forEach((res, i) => {
        const c = cases[start + i];
        const real = oracle.real(res, c);
        outcomes[real.outcome] = (outcomes[real.outcome] ?? 0) + 1;
        const lint = oracle.linter(c, opts.mutation);
        const diffs = compareWith(oracle, real, lint, c);
        if (diffs.length === 0) agree++;
        else disagreements.push({ case: c, real, linter: lint, diffs });
      });
    }
    const n = Math.min(opts.minimise ?? 3, disagreements.length);
    for (let i = 0; i < n; i++) disagreements[i].minimal = await minimise(oracle, jvm, disagreements[i], opts.mutation);
  } finally {
    await jvm.close();
  }
  return {
    name: oracle.name,
    implementation: oracle.implementation,
    cases: count,
    agree,
    seconds: (Date.now() - t0) / 1000,
    seed,
    outcomes,
    disagreements,
  };
}

/** Shrinks a disagreeing case while it still disagrees (the same differences), then prints it. */
async function minimise(oracle: Oracle, jvm: JavaProcess, d: Disagreement, mutation?: Mutation): Promise<string> {
  // the same kinds of difference, between the same outcomes (and the same refused key): the same disagreement
  const kinds = (diffs: string[], real: Observation, lint: Observation) =>
    [...diffs.map((x) => x.slice(0, x.indexOf(':'))), real.outcome, lint.outcome, real.refusal?.key ?? ''].join(',');
  const want = kinds(d.diffs, d.real, d.linter);
  let cur = { case: d.case, real: d.real, linter: d.linter, diffs: d.diffs };
  for (let round = 0; round < 200; round++) {
    const candidates = (oracle.shrink ?? withoutOneLine)(cur.case);
    if (candidates.length === 0) break;
    const results = await askCases(oracle, jvm, candidates);
    let next: typeof cur | undefined;
    for (let i = 0; i < candidates.length && !next; i++) {
      const real = oracle.real(results[i], candidates[i]);
      const lint = oracle.linter(candidates[i], mutation);
      const diffs = compareWith(oracle, real, lint, candidates[i]);
      if (diffs.length && kinds(diffs, real, lint) === want) next = { case: candidates[i], real, linter: lint, diffs };
    }
    if (!next) break;
    cur = next;
  }
  return reproduction(oracle, cur.case, cur.real, cur.linter, cur.diffs);
}

/** Runs several oracles, at most `parallel` JVMs at a time. */
export async function runAll(
  oracles: Oracle[],
  opts: (o: Oracle) => RunOptions,
  parallel = 2,
  onDone?: (r: OracleRun) => void,
): Promise<OracleRun[]> {
  // what is not cached yet: every classpath in one Maven run, every harness in one javac JVM
  checkTools();
  compileAll(oracles);
  const out: OracleRun[] = new Array(oracles.length);
  let next = 0;
  const worker = async () => {
    while (next < oracles.length) {
      const i = next++;
      out[i] = await runOracle(oracles[i], opts(oracles[i]));
      onDone?.(out[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, oracles.length) }, worker));
  return out;
}

export function summaryLine(r: OracleRun): string {
  const pct = r.cases ? ((100 * r.agree) / r.cases).toFixed(r.agree === r.cases ? 0 : 2) : '0';
  const seen = Object.entries(r.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `${r.name.padEnd(24)} ${r.implementation.padEnd(42)} ${String(r.agree).padStart(5)}/${String(r.cases).padEnd(5)} agree (${pct}%) ${r.seconds.toFixed(1).padStart(6)} s  seed ${r.seed}  [${seen}]`;
}

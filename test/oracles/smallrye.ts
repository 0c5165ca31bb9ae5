/**
 * Quarkus / SmallRye Reactive Messaging Kafka connector: a generated application.properties / application.yaml
 * (or application-<profile>.properties) with `kafka.*`, `mp.messaging.connector.smallrye-kafka.*` and
 * `mp.messaging.outgoing.<channel>.*` producer keys under `%profile.` prefixes, and an active profile → SmallRye
 * Config as Quarkus loads the file, Quarkus' default Kafka map, the connector's channel configuration and
 * ReactiveKafkaProducer.getKafkaProducerConfiguration (kil.oracle.SmallRyeHandler) → the map the connector creates
 * its producer with → ProducerProbe; against the linter's block for that channel and profile.
 */
import type { Mutation, Observation, Oracle, OracleCase } from './common';
import { compareObservations, linterObservation, lintText, probeObservation, PRODUCER_JVM_ARGS } from './common';
import type { JsonObject } from './java';
import { shrinkSpringCase } from './springBoot';
import type { ProducerBlock } from '../support/service';
import {
  acksValue,
  booleanValue,
  chance,
  inFlightValue,
  pick,
  propertiesLine,
  retriesValue,
  timeoutValue,
  transactionalIdValue,
  type Rand,
} from './properties';

const CHANNELS = ['orders', 'audit'];
const PROFILES = ['dev', 'test', 'prod'];

/**
 * One key of the file: its profile prefix (`dev`, `dev,test`), its elements before the key, the key and its value.
 * `dots` (YAML): the key written as one YAML key holding dots (`enable.idempotence: true` under the channel), or the
 * whole name as one top-level key; SmallRye Config reads either as one quoted element, which nothing reads.
 */
interface Entry {
  profile?: string;
  path: string[];
  key: string;
  value: string;
  dots?: 'key' | 'all';
}

export interface SmallRyeCase extends OracleCase {
  channel: string;
  /** The active profile (undefined: Quarkus' `prod`, a packaged application's). */
  profile?: string;
}

const KEYS: Array<[string, (r: Rand) => string, number]> = [
  ['enable.idempotence', booleanValue, 0.45],
  ['acks', acksValue, 0.55],
  ['retries', retriesValue, 0.3],
  ['max.in.flight.requests.per.connection', inFlightValue, 0.3],
  ['transactional.id', transactionalIdValue, 0.12],
  ['delivery.timeout.ms', (r) => timeoutValue(r, 'delivery'), 0.12],
  ['request.timeout.ms', (r) => timeoutValue(r, 'request'), 0.1],
  ['linger.ms', (r) => timeoutValue(r, 'linger'), 0.1],
  ['enable.idempotency', booleanValue, 0.04],
];

/**
 * Per key, the variable a `${…}` value reads, and what an environment gives it: values the key takes without a
 * conflict, as the linter's verdict takes a value it cannot see (an unknown acks, retries or in-flight is not judged
 * a conflict; an unknown enable.idempotence makes the verdict unknown). No name starts with `KAFKA_`: Quarkus reads
 * such a variable as a `kafka.*` key (`KAFKA_ACKS` is `kafka.acks`).
 */
const VARIABLES: Record<string, [string, string[]]> = {
  'enable.idempotence': ['IDEMPOTENCE', ['true', 'false']],
  acks: ['ACKS', ['all', '-1']],
  retries: ['RETRIES', ['3', '2147483647']],
  'max.in.flight.requests.per.connection': ['IN_FLIGHT', ['1', '5']],
  'transactional.id': ['TX', ['tx-env']],
  'delivery.timeout.ms': ['DELIVERY_TIMEOUT', ['120000']],
  'request.timeout.ms': ['REQUEST_TIMEOUT', ['30000']],
  'linger.ms': ['LINGER', ['0', '5']],
};

/** A key's value: the family's, now and then a `${X}` expression (`${X}`, `${X:}` or `${X_OR:default}`). */
function valueOf(r: Rand, key: string, gen: (r: Rand) => string): string {
  const v = VARIABLES[key];
  if (!v || !chance(r, 0.08)) return gen(r);
  return pick(r, [`\${${v[0]}}`, `\${${v[0]}:}`, `\${${v[0]}_OR:${gen(r)}}`]);
}

/**
 * The environments the case runs in: none when its file has no `${X}` without a default; else one without the
 * variables and two giving them values (a `${X_OR:default}` is judged by its default: its variable stays unset).
 */
function environments(r: Rand, es: Entry[]): Array<Record<string, string>> | undefined {
  // (the values as written, before a line continuation splits one)
  const names = [...new Set(es.flatMap((e) => [...e.value.matchAll(/\$\{([A-Z_]+):?\}/g)].map((m) => m[1])))];
  if (names.length === 0) return undefined;
  const values = (name: string) => Object.values(VARIABLES).find(([n]) => n === name.replace(/_OR$/, ''))?.[1] ?? ['x'];
  const env = () => Object.fromEntries(names.map((n) => [n, pick(r, values(n))]));
  return [{}, env(), env()];
}

function profilePrefix(r: Rand): string | undefined {
  const x = r();
  if (x < 0.6) return undefined;
  if (x < 0.95) return pick(r, PROFILES);
  return pick(r, ['dev,test', 'test,prod']);
}

/** Where a producer key goes: the default Kafka config, the connector's, or a channel's. */
function place(r: Rand, channel: string): string[] {
  const x = r();
  if (x < 0.25) return ['kafka'];
  if (x < 0.37) return ['mp', 'messaging', 'connector', 'smallrye-kafka'];
  return ['mp', 'messaging', 'outgoing', chance(r, 0.85) ? channel : pick(r, CHANNELS)];
}

function entries(r: Rand, channel: string): Entry[] {
  const out: Entry[] = [];
  const ch = (c: string) => ['mp', 'messaging', 'outgoing', c];
  out.push({ path: ch(channel), key: 'topic', value: channel });
  // the file shows the Kafka connector: the channel's connector, or Kafka's own config (Quarkus then attaches the only
  // connector on the classpath)
  if (chance(r, 0.5)) out.push({ path: ch(channel), key: 'connector', value: 'smallrye-kafka' });
  if (chance(r, 0.7) || !out.some((e) => e.key === 'connector'))
    out.push({ profile: chance(r, 0.2) ? 'prod' : undefined, path: ['kafka'], key: 'bootstrap.servers', value: 'localhost:9092' });
  if (chance(r, 0.1)) out.push({ profile: 'test', path: ch(channel), key: 'connector', value: 'smallrye-in-memory' });
  if (chance(r, 0.4))
    out.push({ path: ch(channel), key: 'value.serializer', value: 'org.apache.kafka.common.serialization.StringSerializer' });
  if (chance(r, 0.3)) out.push({ path: ch('audit' === channel ? 'orders' : 'audit'), key: 'topic', value: 'other' });
  for (const [key, value, p] of KEYS) {
    const n = chance(r, p) ? (chance(r, 0.3) ? 2 : 1) : 0;
    // another spelling of the key (`ACKS`, `enable_idempotence`), at most one per key; under `kafka.` (where Quarkus
    // lower-cases every name) either spelling throughout: two spellings there are read in a hash set's order
    const other = chance(r, 0.25) ? spelling(r, key) : undefined;
    const kafkaOther = other !== undefined && chance(r, 0.5);
    for (let i = 0; i < n; i++) {
      const path = place(r, channel);
      const written = other === undefined ? key : path[0] === 'kafka' ? (kafkaOther ? other : key) : chance(r, 0.5) ? other : key;
      const dots = chance(r, 0.12) ? (chance(r, 0.25) ? ('all' as const) : ('key' as const)) : undefined;
      out.push({ profile: profilePrefix(r), path, key: written, value: valueOf(r, key, value), ...(dots ? { dots } : {}) });
    }
  }
  if (chance(r, 0.2)) out.push({ path: ['quarkus', 'kafka', 'devservices'], key: 'enabled', value: 'false' });
  if (chance(r, 0.2)) out.push({ path: ['mp', 'messaging', 'incoming', 'in'], key: 'topic', value: 'in' });
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * A spelling of a producer key other than its own: the environment-variable forms (`MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION`,
 * `enable_idempotence`, `ENABLE.IDEMPOTENCE`), which the connector reads as the key only when the key itself is set
 * nowhere (and never for acks), and a mixed-case one (`Enable.Idempotence`), which only `kafka.` reads as the key.
 */
function spelling(r: Rand, key: string): string {
  return pick(r, [
    key.toUpperCase().replace(/\./g, '_'),
    key.replace(/\./g, '_'),
    key.toUpperCase(),
    key.replace(/(^|\.)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase()),
  ]);
}

const fullName = (e: Entry) => `${e.profile !== undefined ? `%${e.profile}.` : ''}${[...e.path, e.key].join('.')}`;

function propertiesFile(r: Rand, es: Entry[]): string {
  return es.map((e) => propertiesLine(r, fullName(e), e.value)).join(chance(r, 0.1) ? '\r\n' : '\n') + '\n';
}

/** A YAML scalar SmallRye's YAML source reads as the text: plain when YAML keeps it, else double-quoted. */
function yamlScalar(v: string): string {
  return /^(?:[a-z][a-z0-9.-]*|[1-9][0-9]{0,8}|0)$/.test(v) && !/^(?:true|false|yes|no|on|off|null|y|n)$/i.test(v) ? v : JSON.stringify(v);
}

/**
 * YAML: nested maps, one level per element of the name, except an entry's `dots` (SmallRye Config's YAML source reads a
 * key holding dots as one quoted element: `enable.idempotence: true` under a channel reaches the producer as
 * `"enable.idempotence"`, which it ignores).
 */
function yamlFile(es: Entry[]): string {
  type Tree = Map<string, Tree | string>;
  const root: Tree = new Map();
  for (const e of es) {
    let t = root;
    const name = [...(e.profile !== undefined ? [`%${e.profile}`] : []), ...e.path];
    const els = e.dots === 'all' ? [[...name, e.key].join('.')] : e.dots === 'key' ? [...name, e.key] : [...name, ...e.key.split('.')];
    const leaf = els.pop()!;
    for (const el of els) {
      let next = t.get(el);
      if (typeof next === 'string') return yamlFile(es.filter((x) => x !== e));
      if (!next) t.set(el, (next = new Map()));
      t = next;
    }
    if (t.get(leaf) instanceof Map) return yamlFile(es.filter((x) => x !== e));
    t.set(leaf, e.value); // (a repeated key: YAML holds the last)
  }
  const lines: string[] = [];
  const walk = (t: Tree, indent: string) => {
    for (const [k, v] of t) {
      const key = /^[a-z][\w.-]*$/i.test(k) ? k : JSON.stringify(k);
      if (typeof v === 'string') lines.push(`${indent}${key}: ${yamlScalar(v)}`);
      else {
        lines.push(`${indent}${key}:`);
        walk(v, `${indent}  `);
      }
    }
  };
  walk(root, '');
  return lines.join('\n') + '\n';
}

export function generateSmallRyeCase(r: Rand): SmallRyeCase {
  const channel = chance(r, 0.85) ? 'orders' : 'audit';
  const x = r();
  // a profile's own file, read with that profile active: its keys are unprefixed
  if (x < 0.08) {
    const es = entries(r, channel).filter((e) => e.profile === undefined);
    // (the file shows the Kafka connector, as the linter requires of a file without a connector attribute)
    if (!es.some((e) => e.key === 'connector')) es.push({ path: ['kafka'], key: 'bootstrap.servers', value: 'localhost:9092' });
    const text = propertiesFile(r, es);
    const envs = environments(r, es);
    return {
      fileName: 'application-dev.properties',
      text,
      channel,
      profile: 'dev',
      request: { channel, profile: 'dev', ...(envs ? { environments: envs } : {}) },
    };
  }
  const profile = pick(r, [undefined, undefined, 'prod', 'dev', 'test', 'staging']);
  const es = entries(r, channel);
  const yaml = x < 0.3;
  const fileName = yaml ? 'application.yaml' : 'application.properties';
  const text = yaml ? yamlFile(es) : propertiesFile(r, es);
  const envs = environments(r, es);
  return {
    fileName,
    text,
    channel,
    profile,
    request: { channel, ...(profile ? { profile } : {}), ...(envs ? { environments: envs } : {}) },
  };
}

/**
 * The linter's block for the channel under the active profile: the profile's own block, else the unprefixed keys'
 * block unless its name says the profile is not among those it describes (`profiles other than 'test'`: the profile
 * makes the channel something else, or has a block of its own).
 */
export function channelBlock(blocks: ProducerBlock[], channel: string, profile: string | undefined): ProducerBlock | undefined {
  const mine = blocks.filter((b) => b.dialect === 'smallrye-kafka' && b.extra?.kind === 'smallrye' && b.extra.channel === channel);
  const active = profile ?? 'prod';
  const own = mine.find((b) => b.extra?.kind === 'smallrye' && b.extra.profile === active);
  if (own) return own;
  const base = mine.find((b) => b.extra?.kind === 'smallrye' && b.extra.profile === undefined);
  if (base && new RegExp(`profiles other than (?:'[^']*', )*'${active}'`).test(base.name)) return undefined;
  return base;
}

/** The linter's side, with the keys whose values it does not judge. */
interface SmallRyeObservation extends Observation {
  unjudged?: string[];
}

function runObservation(result: JsonObject): Observation {
  if (result.harnessError) throw new Error(`harness error: ${String(result.harnessError)}`);
  if (result.noProducer) return { outcome: 'no-block', logged: [], note: String(result.noProducer) };
  const o = probeObservation(result);
  if (result.producerMap) o.note = `producer map ${JSON.stringify(result.producerMap)}`;
  return o;
}

/** One run, or a run per environment: their outcome when they agree, else unknown. */
function realObservation(result: JsonObject): Observation {
  if (!Array.isArray(result.results)) return runObservation(result);
  const runs = (result.results as JsonObject[]).map(runObservation);
  const same = runs.every((o) => compareObservations(runs[0], o).length === 0);
  return same
    ? { ...runs[0], runs }
    : { outcome: 'unknown', logged: [], runs, note: `the runs differ: ${runs.map((o) => o.outcome).join(' / ')}` };
}

/**
 * A stated outcome must be every run's (a refusal's reason may differ by run). An unknown one only where the
 * environment decides a value (a `${X}` without a default), and none of the block's findings may be contradicted by a run.
 */
function compare(realObs: Observation, lint: Observation): string[] {
  const runs = realObs.runs ?? [realObs];
  const unjudged = (lint as SmallRyeObservation).unjudged ?? [];
  if (lint.outcome !== 'unknown') {
    if (runs.length === 1) return compareObservations(realObs, lint);
    // (a refusal is certain, but which failure the client meets first may depend on the environment's value; a run
    // refused by a value the linter does not judge, `""` for a `kafka.*` key without its variable, is held to the claims)
    const diffs = runs.map((run, i) =>
      refusedByUnjudged(run, unjudged)
        ? claimDiffs(lint, [run]).map((d) => `run ${i + 1}: ${d}`)
        : compareObservations(run, lint)
            .filter((d) => !(run.outcome === 'refuses-to-start' && /^refusal (key|message)/.test(d)))
            // (the value of a key the linter does not judge is not known to it)
            .filter((d) => !unjudged.some((k) => d.startsWith(`${k}: `)))
            .map((d) => `run ${i + 1}: ${d}`),
    );
    return diffs.flat();
  }
  if (runs.length === 1) return [`outcome: ${realObs.outcome} ≠ unknown (no value of the file depends on the environment)`];
  return claimDiffs(lint, runs);
}

/** The keys a refusal rests on: its own, and for the delivery timeout check the two it adds up. */
function refusedByUnjudged(run: Observation, unjudged: string[]): boolean {
  if (run.outcome !== 'refuses-to-start' || !run.refusal) return false;
  const keys = run.refusal.key === 'delivery.timeout.ms' ? ['delivery.timeout.ms', 'linger.ms', 'request.timeout.ms'] : [run.refusal.key];
  return keys.some((k) => unjudged.includes(k));
}

/** The linter's findings that a run contradicts (a silent downgrade is not contradicted by a refusal for another reason). */
function claimDiffs(lint: Observation, runs: Observation[]): string[] {
  const diffs: string[] = [];
  for (const f of lint.claims ?? []) {
    runs.forEach((run, i) => {
      if (f.consequence === 'throws' && f.severity === 'error' && run.outcome !== 'refuses-to-start')
        diffs.push(`run ${i + 1}: a finding says the producer refuses to start, it ${run.outcome}: ${f.message}`);
      if (f.consequence === 'silent-disable' && run.outcome !== 'silently-disabled' && run.outcome !== 'refuses-to-start')
        diffs.push(`run ${i + 1}: a finding says idempotence is silently disabled, the run is ${run.outcome}: ${f.message}`);
    });
  }
  if (lint.findingsProblem) diffs.push(`findings: ${lint.findingsProblem}`);
  return diffs;
}

function smallryeOracle(connector: string, quarkus: string, kafkaClients: string, seed: number): Oracle {
  const line = connector.split('.').slice(0, 2).join('.');
  return {
    name: `smallrye-kafka ${connector}`,
    implementation: `io.smallrye.reactive:smallrye-reactive-messaging-kafka:${connector}`,
    profile: `smallrye-reactive-messaging-kafka-${line}`,
    sourceSets: ['common', 'producer', 'smallrye'],
    handler: 'kil.oracle.SmallRyeHandler',
    jvmArgs: PRODUCER_JVM_ARGS,
    fullCount: 2000,
    testCount: 200,
    seed,
    expectVersion: connector,
    generate: generateSmallRyeCase,
    // (a smaller YAML file stays valid YAML)
    shrink: shrinkSpringCase,
    real: realObservation,
    linter: (c: OracleCase, mutation?: Mutation) => {
      const sc = c as SmallRyeCase;
      void quarkus;
      const pickBlock = (blocks: ProducerBlock[]) => channelBlock(blocks, sc.channel, sc.profile);
      const o = linterObservation(sc, kafkaClients, pickBlock, mutation);
      const result = lintText(sc, kafkaClients);
      const block = pickBlock(result.blocks);
      const mine = result.findings.filter((f) => !block || f.block === undefined || f.block === block.name);
      // the keys whose value the linter does not judge: a value it cannot see, or a key the environment may set
      const unjudged = block
        ? [
            ...[...block.values.values()].filter((v) => v.kind === 'unknown').map((v) => v.key),
            ...Object.keys(block.unknownKeys?.keys ?? {}),
          ]
        : [];
      const claims = mine.map((f) => ({ severity: f.severity, consequence: f.consequence, message: f.message }));
      return { ...o, claims, unjudged } satisfies SmallRyeObservation;
    },
    compare,
  };
}

/** The connector Quarkus 3.33.2's BOM manages (with smallrye-config 3.16.0 and kafka-clients 4.1.2). */
export const SMALLRYE_ORACLES: Oracle[] = [smallryeOracle('4.33.0', '3.33.2', '4.1.2', 0x5a110433)];

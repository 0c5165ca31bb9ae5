/**
 * kafka-clients 0.11 – 4.x: a generated producer `.properties` file → `new KafkaProducer(props, serializers)`
 * (kil.oracle.ClientsHandler → ProducerProbe) against the linter's verdict for the same text
 * (lint() → the file's producer block → effectiveJavaConfig).
 */
import type { Oracle, OracleCase, Mutation, Observation } from './common';
import type { JsonObject } from './java';
import { linterObservation, probeObservation, PRODUCER_JVM_ARGS } from './common';
import {
  acksValue,
  booleanValue,
  chance,
  filler,
  inFlightValue,
  int,
  OTHER_KEYS,
  pick,
  propertiesLine,
  retriesValue,
  timeoutValue,
  transactionalIdValue,
  TYPO_KEYS,
  type Rand,
} from './properties';

/** The newest patch of every 4.x line Maven Central serves (pom.xml profiles kafka-clients-4.N). */
export const KAFKA_CLIENTS_VERSIONS = ['4.0.2', '4.1.2', '4.2.2', '4.3.2', '4.4.0'];

/**
 * Before 4.0: the newest patch of every line from 0.11 (the first with an idempotent producer) to 3.9 (pom.xml profiles
 * kafka-clients-<major>.<minor>), and 3.0.0 / 3.1.0, whose enable.idempotence default is never applied (KAFKA-13598),
 * with the release after each (profiles kafka-clients-<version>).
 */
export const KAFKA_CLIENTS_3_VERSIONS = [
  '3.0.0',
  '3.0.1',
  '3.0.2',
  '3.1.0',
  '3.1.1',
  '3.1.2',
  '3.2.3',
  '3.3.2',
  '3.4.1',
  '3.5.2',
  '3.6.2',
  '3.7.2',
  '3.8.1',
  '3.9.2',
];
export const KAFKA_CLIENTS_2_VERSIONS = [
  '0.11.0.3',
  '1.0.2',
  '1.1.1',
  '2.0.1',
  '2.1.1',
  '2.2.2',
  '2.3.1',
  '2.4.1',
  '2.5.1',
  '2.6.3',
  '2.7.2',
  '2.8.2',
];
/** Pinned patch releases that are not the newest of their line (their profile is named by the version). */
const NOT_NEWEST = new Set(['3.0.0', '3.0.1', '3.1.0', '3.1.1']);

/** The producer entries of one generated configuration, in order (duplicates allowed: the last one wins on both sides). */
export function producerEntries(r: Rand): Array<[string, string]> {
  const e: Array<[string, string]> = [];
  if (chance(r, 0.55)) e.push(['enable.idempotence', booleanValue(r)]);
  if (chance(r, 0.6)) e.push(['acks', acksValue(r)]);
  if (chance(r, 0.4)) e.push(['retries', retriesValue(r)]);
  if (chance(r, 0.45)) e.push(['max.in.flight.requests.per.connection', inFlightValue(r)]);
  if (chance(r, 0.3)) e.push(['transactional.id', transactionalIdValue(r)]);
  if (chance(r, 0.25)) e.push(['delivery.timeout.ms', timeoutValue(r, 'delivery')]);
  if (chance(r, 0.25)) e.push(['linger.ms', timeoutValue(r, 'linger')]);
  if (chance(r, 0.25)) e.push(['request.timeout.ms', timeoutValue(r, 'request')]);
  if (chance(r, 0.05)) e.push(['transaction.timeout.ms', pick(r, chance(r, 0.2) ? ['soon', '6e4'] : ['60000', '900000'])]);
  if (chance(r, 0.2)) {
    const k = pick(r, TYPO_KEYS);
    const v = /idempot/i.test(k)
      ? booleanValue(r)
      : /ack/i.test(k)
        ? acksValue(r)
        : /retr/i.test(k)
          ? retriesValue(r)
          : /flight/.test(k)
            ? inFlightValue(r)
            : /trans/.test(k)
              ? 'tx-typo'
              : '1000';
    e.push([k, v]);
  }
  for (let i = int(r, 0, 2); i > 0; i--) {
    const [k, vs] = pick(r, OTHER_KEYS);
    e.push([k, pick(r, vs)]);
  }
  // shuffle, then sometimes repeat a key with another value (the last one wins)
  for (let i = e.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [e[i], e[j]] = [e[j], e[i]];
  }
  if (e.length > 0 && chance(r, 0.12)) {
    const [k] = pick(r, e);
    e.push([k, valueFor(r, k)]);
  }
  return e;
}

/** Another value for a key of the generated set, from the same family (a repeated key, a prefixed override). */
export function valueFor(r: Rand, key: string): string {
  if (key === 'enable.idempotence') return booleanValue(r);
  if (key === 'acks') return acksValue(r);
  if (key === 'retries') return retriesValue(r);
  if (key === 'max.in.flight.requests.per.connection') return inFlightValue(r);
  if (key === 'transactional.id') return transactionalIdValue(r);
  if (key === 'delivery.timeout.ms') return timeoutValue(r, 'delivery');
  if (key === 'linger.ms') return timeoutValue(r, 'linger');
  if (key === 'request.timeout.ms') return timeoutValue(r, 'request');
  const other = OTHER_KEYS.find(([k]) => k === key);
  if (other) return pick(r, other[1]);
  return pick(r, ['true', '1', '0', 'all', '5', '60000']);
}

export function propertiesText(r: Rand, entries: Array<[string, string]>): string {
  const lines: string[] = [];
  for (const [k, v] of entries) {
    const f = filler(r);
    if (f !== undefined) lines.push(f);
    lines.push(propertiesLine(r, k, v));
  }
  return lines.join(pick(r, ['\n', '\n', '\n', '\r\n'])) + (chance(r, 0.9) ? '\n' : '');
}

export function generateClientsCase(r: Rand): OracleCase {
  return { fileName: 'producer.properties', text: propertiesText(r, producerEntries(r)) };
}

/**
 * The unknown-key line the linter quotes for a misspelt key (unknown-idempotence-key): WARN `The configuration 'K' was
 * supplied but isn't a known config.` before 3.3, INFO `These configurations '[K]' were supplied but are not used yet.`
 * from 3.3. The producer logs it at the end of its constructor (AbstractConfig.logUnused): checked when it starts.
 */
const UNUSED_CLAIM =
  /logs (?:WARN|INFO) "(The configuration '.*?' was supplied but isn't a known config\.|These configurations '\[.*?\]' were supplied but are not used yet\.)"/;

function clientsReal(result: JsonObject): Observation {
  const o = probeObservation(result);
  const logs = (result.logs ?? []) as Array<{ level: string; message: string }>;
  return o.config ? { ...o, allLogs: logs.map((l) => l.message) } : o;
}

/**
 * The seed: "kc" + the major version's digit + the minor version (4.x: 0x6b633400 + minor); a release that is not the
 * newest of its line adds 0x10 × (patch + 1).
 */
function clientsSeed(version: string): number {
  const [major, minor, patch] = version.split('.').map(Number);
  return 0x6b630000 + ((0x30 + major) << 8) + minor + (NOT_NEWEST.has(version) ? 0x10 * (patch + 1) : 0);
}

function clientsOracle(version: string, fullCount: number, testCount: number): Oracle {
  const line = version.split('.').slice(0, 2).join('.');
  return {
    name: `kafka-clients ${version}`,
    implementation: `org.apache.kafka:kafka-clients:${version}`,
    profile: `kafka-clients-${NOT_NEWEST.has(version) ? version : line}`,
    sourceSets: ['common', 'producer', 'clients'],
    handler: 'kil.oracle.ClientsHandler',
    jvmArgs: PRODUCER_JVM_ARGS,
    fullCount,
    testCount,
    seed: clientsSeed(version),
    expectVersion: version,
    generate: generateClientsCase,
    real: clientsReal,
    linter: (c: OracleCase, mutation?: Mutation) =>
      linterObservation(c, version, (blocks) => blocks.find((b) => b.client === 'java'), mutation, UNUSED_CLAIM),
  };
}

export const KAFKA_CLIENTS_ORACLES: Oracle[] = [
  ...KAFKA_CLIENTS_VERSIONS.map((v) => clientsOracle(v, 5000, 400)),
  ...KAFKA_CLIENTS_3_VERSIONS.map((v) => clientsOracle(v, 5000, 100)),
  ...KAFKA_CLIENTS_2_VERSIONS.map((v) => clientsOracle(v, 2000, 100)),
];

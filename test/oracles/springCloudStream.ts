/**
 * Spring Cloud Stream Kafka binder: a generated application.yml / .properties with the binder's producer settings
 * (required-acks, producer-properties, configuration, transaction.transaction-id-prefix, transaction.producer.
 * configuration, bindings.<name>.producer.configuration) and Spring Boot's → the binder's own configuration and
 * KafkaMessageChannelBinder (kil.oracle.SpringCloudStreamHandler) → the producer factory of one binding → its
 * producer map → ProducerProbe; against the linter's block for that binding.
 */
import type { Mutation, Oracle, OracleCase } from './common';
import { lintText } from './common';
import type { ProducerBlock } from '../support/service';
import { acksValue, booleanValue, chance, inFlightValue, int, pick, retriesValue, timeoutValue, type Rand } from './properties';
import { propertiesText, springNoise, yamlText, type SpringDocument, type SpringEntry } from './springConfig';
import { SPRING_JVM_ARGS, shrinkSpringCase, springLinterObservation, springRealObservation, withTransactionSuffix } from './springBoot';

const BINDER = ['spring', 'cloud', 'stream', 'kafka', 'binder'];
const BINDINGS = ['orders-out-0', 'audit-out-0'];

/** A producer key's value, of the families the client judges. */
function valueFor(r: Rand, key: string): string {
  switch (key) {
    case 'enable.idempotence':
      return booleanValue(r);
    case 'acks':
      return acksValue(r);
    case 'retries':
      return retriesValue(r);
    case 'max.in.flight.requests.per.connection':
      return inFlightValue(r);
    case 'delivery.timeout.ms':
      return timeoutValue(r, 'delivery');
    case 'request.timeout.ms':
      return timeoutValue(r, 'request');
    default:
      return pick(r, ['true', 'false', '0', '10']);
  }
}

const KEYS = [
  'enable.idempotence',
  'acks',
  'retries',
  'max.in.flight.requests.per.connection',
  'delivery.timeout.ms',
  'request.timeout.ms',
  'enable.idempotency',
];

/**
 * A spelling of a map key that Boot's ConfigurationPropertyName deems equal to it (case, and `-` / `_` inside an
 * element, ignored): `Acks`, `ACKS`, `Enable.Idempotence`, `re_tries`. Such a key is a map entry of its own, whose
 * value Boot takes from the highest-precedence document holding any equal name.
 */
export function relaxedEqualKey(r: Rand, key: string): string {
  const els = key.split('.');
  const x = r();
  if (x < 0.35) return key[0].toUpperCase() + key.slice(1);
  if (x < 0.55) return key.toUpperCase();
  if (x < 0.8) return els.map((e) => e[0].toUpperCase() + e.slice(1)).join('.');
  const i = Math.floor(r() * els.length);
  const e = els[i];
  const at = 1 + Math.floor(r() * Math.max(1, e.length - 1));
  els[i] = e.length > 1 ? `${e.slice(0, at)}${pick(r, ['-', '_'])}${e.slice(at)}` : e;
  return els.join('.');
}

/**
 * Some producer keys into a map at `path` (its map keys start at `path.length`); a share of them (`relaxedShare`)
 * spelt as a relaxed-equal variant, or written twice in the same map (the key and a variant).
 */
function mapEntries(r: Rand, path: string[], p: number, relaxedShare = 0.1): SpringEntry[] {
  const out: SpringEntry[] = [];
  const entry = (k: string): SpringEntry => ({ path: [...path, k], mapFrom: path.length, value: valueFor(r, k) });
  for (const k of KEYS) {
    if (!chance(r, p * (k === 'enable.idempotency' ? 0.3 : 1))) continue;
    const x = r();
    if (k === 'enable.idempotency' || x >= relaxedShare) out.push(entry(k));
    else if (x < relaxedShare / 2) out.push({ ...entry(k), path: [...path, relaxedEqualKey(r, k)] });
    else out.push(entry(k), { ...entry(k), path: [...path, relaxedEqualKey(r, k)] });
  }
  return out;
}

const BINDER_MAPS = [
  [...BINDER, 'producer-properties'],
  [...BINDER, 'configuration'],
  ...BINDINGS.map((b) => ['spring', 'cloud', 'stream', 'kafka', 'bindings', b, 'producer', 'configuration']),
];

/**
 * A later document (a default one, always active, or a profile's): the binder's maps again, their keys often in
 * relaxed-equal spellings of the earlier documents' keys (Boot binds a map across documents by name equality).
 */
function laterDocument(r: Rand, profile: string | undefined): SpringDocument {
  const e: SpringEntry[] = [];
  for (const path of BINDER_MAPS) e.push(...mapEntries(r, path, 0.12, 0.5));
  if (chance(r, 0.15)) e.push(...mapEntries(r, [...BINDER, 'transaction', 'producer', 'configuration'], 0.2, 0.5));
  if (chance(r, 0.15)) e.push({ path: [...BINDER, 'required-acks'], mapFrom: -1, value: acksValue(r) });
  return { profile, entries: e };
}

export interface ScsCase extends OracleCase {
  binding: string;
  /** The active profile (undefined: none). */
  profile?: string;
}

const PROFILES = ['prod', 'dev'];

export function generateScsCase(r: Rand): ScsCase {
  const e: SpringEntry[] = [];
  for (const b of BINDINGS)
    if (chance(r, 0.7))
      e.push({ path: ['spring', 'cloud', 'stream', 'bindings', b, 'destination'], mapFrom: -1, value: b.replace(/-out-0$/, '') });
  // the application has a producer, and the file shows one (the linter judges the producers a file shows: a binder
  // configuration alone may be a consumer's)
  if (e.length === 0) {
    const b = pick(r, BINDINGS);
    e.push({ path: ['spring', 'cloud', 'stream', 'bindings', b, 'destination'], mapFrom: -1, value: b.replace(/-out-0$/, '') });
  }
  if (chance(r, 0.4)) e.push({ path: [...BINDER, 'required-acks'], mapFrom: -1, value: acksValue(r) });
  e.push(...mapEntries(r, [...BINDER, 'producer-properties'], 0.15));
  e.push(...mapEntries(r, [...BINDER, 'configuration'], 0.15));
  if (chance(r, 0.3)) {
    e.push({
      path: [...BINDER, 'transaction', 'transaction-id-prefix'],
      mapFrom: -1,
      value: pick(r, ['tx-', 'orders-tx-', 'tx', ' ', '']),
    });
    e.push(...mapEntries(r, [...BINDER, 'transaction', 'producer', 'configuration'], 0.15));
  }
  for (const b of BINDINGS)
    e.push(...mapEntries(r, ['spring', 'cloud', 'stream', 'kafka', 'bindings', b, 'producer', 'configuration'], 0.12));
  // Spring Boot's producer properties, which the binder starts from
  if (chance(r, 0.2)) e.push({ path: ['spring', 'kafka', 'producer', 'acks'], mapFrom: -1, value: acksValue(r) });
  e.push(...mapEntries(r, ['spring', 'kafka', 'producer', 'properties'], 0.06));
  if (chance(r, 0.08)) e.push({ path: ['spring', 'kafka', 'producer', 'transaction-id-prefix'], mapFrom: -1, value: 'boot-tx-' });
  e.push(...springNoise(r).filter((x) => x.path[1] !== 'kafka' || x.path[2] === 'bootstrap-servers'));
  for (let i = e.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [e[i], e[j]] = [e[j], e[i]];
  }
  // the file shows the Kafka binder (real files often leave it to the classpath; the linter then makes no claim)
  e.push({ path: [...BINDER, 'brokers'], mapFrom: -1, value: 'localhost:9092' });
  const docs: SpringDocument[] = [{ entries: e }];
  // later documents: default ones (always active) and profile documents (active or not)
  // (each profile has one document: the linter judges a profile's documents one by one)
  const later = chance(r, 0.45) ? int(r, 1, 2) : 0;
  const unused = [...PROFILES];
  for (let i = 0; i < later; i++)
    docs.push(laterDocument(r, chance(r, 0.5) ? unused.splice(Math.floor(r() * unused.length), 1)[0] : undefined));
  const profiles = [...new Set(docs.flatMap((d) => (d.profile === undefined ? [] : [d.profile])))];
  const active = profiles.length > 0 && chance(r, 0.7) ? pick(r, profiles) : undefined;
  const yaml = chance(r, 0.6);
  const fileName = yaml ? 'application.yml' : 'application.properties';
  const text = yaml ? yamlText(r, docs) : propertiesText(r, docs);
  const binding = pick(r, BINDINGS);
  return { fileName, text, binding, profile: active, request: { binding, ...(active ? { profiles: [active] } : {}) } };
}

/**
 * The linter's block for a binding under the active profile: the profile's block for the binding (its own, else the
 * binder's) when the profile's document makes one, else the default documents' (the binding's own, else the
 * binder's). A binding's own block is named as a file spells it: the binder's bindings map has a key per spelling,
 * and the binding named `orders-out-0` reads the entry of that exact key (which Boot binds from every spelling with
 * the same uniform form), not an `ordersOut-0` one.
 */
export function bindingBlock(blocks: ProducerBlock[], binding: string, profile?: string): ProducerBlock | undefined {
  const scs = blocks.filter((b) => b.dialect === 'spring-cloud-stream');
  const named = (n: string) => scs.find((b) => b.name === n);
  if (profile !== undefined) {
    const own = named(`profile '${profile}', binding '${binding}'`) ?? named(`profile '${profile}'`);
    if (own) return own;
  }
  return named(`binding '${binding}'`) ?? scs.find((b) => !/^binding '|^profile '/.test(b.name));
}

const SCS_PREFIX_KEY = /transaction[-_]?id[-_]?prefix$/i;

function scsOracle(binder: string, kafkaClients: string, boot: string, requiredAcks: string, seed: number): Oracle {
  return {
    name: `scs-kafka-binder ${binder}`,
    implementation: `org.springframework.cloud:spring-cloud-stream-binder-kafka:${binder}`,
    profile: `spring-cloud-stream-binder-kafka-${binder}`,
    sourceSets: ['common', 'producer', 'spring', 'spring-cloud-stream'],
    handler: 'kil.oracle.SpringCloudStreamHandler',
    jvmArgs: SPRING_JVM_ARGS,
    fullCount: 1000,
    testCount: 100,
    seed,
    expectVersion: binder,
    generate: generateScsCase,
    // (a smaller case keeps the line that shows the Kafka binder, and one that shows a producer binding)
    shrink: (c) => shrinkSpringCase(c).filter((x) => x.text.includes('brokers') && /destination|producer/.test(x.text)),
    real: (result) => springRealObservation(result),
    linter: (c: OracleCase, mutation?: Mutation) => {
      const sc = c as ScsCase;
      const settings = {
        springCloudStreamBinderVersion: binder,
        springCloudStreamBinderVersionSource: `the oracle (Spring Boot ${boot}; required-acks default ${requiredAcks})`,
      };
      const pickBlock = (blocks: ProducerBlock[]) => bindingBlock(blocks, sc.binding, sc.profile);
      const o = springLinterObservation(sc, kafkaClients, pickBlock, mutation, settings);
      return withTransactionSuffix(o, pickBlock(lintText(sc, kafkaClients, settings).blocks), SCS_PREFIX_KEY);
    },
  };
}

/** One binder up to 5.0.1 (required-acks defaults to 1) and one from 5.0.2 (all), with the Boot / kafka-clients their poms bring. */
export const SCS_ORACLES: Oracle[] = [
  scsOracle('5.0.1', '4.1.1', '4.0.2', '1', 0x5c500001),
  scsOracle('5.0.4', '4.1.2', '4.0.9', 'all', 0x5c500004),
];

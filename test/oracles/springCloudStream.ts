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
import { acksValue, booleanValue, chance, inFlightValue, pick, retriesValue, timeoutValue, type Rand } from './properties';
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

/** Some producer keys into a map at `path` (its map keys start at `path.length`). */
function mapEntries(r: Rand, path: string[], p: number): SpringEntry[] {
  const out: SpringEntry[] = [];
  for (const k of KEYS)
    if (chance(r, p * (k === 'enable.idempotency' ? 0.3 : 1)))
      out.push({ path: [...path, k], mapFrom: path.length, value: valueFor(r, k) });
  return out;
}

export interface ScsCase extends OracleCase {
  binding: string;
}

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
  const yaml = chance(r, 0.6);
  const fileName = yaml ? 'application.yml' : 'application.properties';
  const text = yaml ? yamlText(r, docs) : propertiesText(r, docs);
  const binding = pick(r, BINDINGS);
  return { fileName, text, binding, request: { binding } };
}

/** The linter's block for a binding: the binding's own block when it has one, else the binder's. */
export function bindingBlock(blocks: ProducerBlock[], binding: string): ProducerBlock | undefined {
  const scs = blocks.filter((b) => b.dialect === 'spring-cloud-stream');
  return scs.find((b) => b.name === `binding '${binding}'`) ?? scs.find((b) => !b.name.startsWith('binding '));
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
      const pickBlock = (blocks: ProducerBlock[]) => bindingBlock(blocks, sc.binding);
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

/**
 * Kafka Streams 2.8 – 4.x: a generated Streams `.properties` file → new StreamsConfig(props), getProducerConfigs,
 * the exactly-once transactional.id (kil.oracle.StreamsHandler) → ProducerProbe, against the linter's
 * Kafka Streams block (detect/streams.ts: its facts for Streams' own refusals, effectiveJavaConfig for the
 * producer).
 */
import type { Oracle, OracleCase, Mutation, Observation } from './common';
import { linterObservation, probeObservation, PRODUCER_JVM_ARGS } from './common';
import type { JsonObject } from './java';
import { chance, filler, int, INVALID_SHARE, pick, propertiesLine, type Rand } from './properties';
import { producerEntries, valueFor } from './kafkaClients';

/** The newest patch of every 4.x line (pom.xml profiles kafka-streams-4.N). */
export const STREAMS_VERSIONS = ['4.0.2', '4.1.2', '4.2.2', '4.3.2', '4.4.0'];
/** Before 4.0: 2.8 (exactly_once, exactly_once_beta), the first 3.x line (exactly_once_v2 added), one between, the last. */
export const STREAMS_3_VERSIONS = ['2.8.2', '3.0.2', '3.5.2', '3.9.2'];

/**
 * StreamsHandler.PROCESS_ID and TASK_ID: the transactional.id Streams gives a thread's producer is
 * <application.id>-<processId>-<thread> (exactly_once_v2, exactly_once_beta), a task's <application.id>-<taskId> (exactly_once).
 */
const PROCESS_ID = '00000000-0000-0000-0000-00000000c0de';
const TASK_ID = '0_0';

/** Keys Streams defines for itself that the linter reads, and that its exceptions name. */
const STREAMS_KEYS = ['processing.guarantee', 'commit.interval.ms', 'producer.transaction.timeout.ms', 'application.id'];

/**
 * processing.guarantee: the values 4.x refuses (the deprecated 3.x ones, wrong case, wrong separator) as often as other
 * invalid values; before 4.0 the deprecated exactly_once and exactly_once_beta are values of their own (2.8 refuses
 * exactly_once_v2, which 3.0 added).
 */
function guaranteeValue(r: Rand, major: number): string | undefined {
  if (chance(r, INVALID_SHARE)) return pick(r, ['exactly_once', 'exactly_once_beta', 'EXACTLY_ONCE_V2', 'exactly-once-v2', 'none']);
  const valid = [undefined, 'at_least_once', 'exactly_once_v2', 'exactly_once_v2', 'exactly_once_v2', ' exactly_once_v2 ', 'at_least_once'];
  return pick(r, major >= 4 ? valid : [...valid, 'exactly_once', 'exactly_once_beta', 'exactly_once ', 'exactly_once_beta']);
}

export function generateStreamsCase(r: Rand, major = 4): OracleCase {
  const e: Array<[string, string]> = [];
  e.push(['application.id', pick(r, ['orders-app', 'billing', ' padded-app '])]);
  e.push(['bootstrap.servers', 'localhost:9092']);
  const g = guaranteeValue(r, major);
  if (g !== undefined) e.push(['processing.guarantee', g]);
  // a Streams-only key, so the file is a Streams config to the linter even without processing.guarantee
  if (g === undefined || chance(r, 0.3))
    e.push(
      pick(r, [
        ['num.stream.threads', '2'],
        ['state.dir', '/tmp/streams'],
      ] as Array<[string, string]>),
    );
  if (chance(r, 0.25)) e.push(['commit.interval.ms', pick(r, ['100', '1000', '5000', '10000', '10000', '30000'])]);
  if (chance(r, 0.2)) e.push(['producer.transaction.timeout.ms', pick(r, ['5000', '10000', '30000', '60000', '900000'])]);
  // producer keys: unprefixed (every client Streams builds), producer.-prefixed (wins), or both
  for (const [k, v] of producerEntries(r)) {
    const how = int(r, 0, 9);
    if (how < 4) e.push([k, v]);
    else if (how < 8) e.push([`producer.${k}`, v]);
    else {
      e.push([k, v]);
      e.push([`producer.${k}`, chance(r, 0.3) ? v : valueFor(r, k)]);
    }
  }
  for (let i = e.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [e[i], e[j]] = [e[j], e[i]];
  }
  const lines: string[] = [];
  for (const [k, v] of e) {
    const f = filler(r);
    if (f !== undefined) lines.push(f);
    lines.push(propertiesLine(r, k, v));
  }
  return { fileName: 'streams.properties', text: lines.join('\n') + '\n' };
}

/**
 * Streams' own WARN when it drops a user value under exactly-once: the linter must quote it, and only when it is logged
 * (4.x: `… producer config 'KEY' found. … will be used.`; before: `… producer config: KEY found. … will be used `).
 */
const UNEXPECTED = /^Unexpected user-specified producer config[ :]/;
/** 3.x: the WARN for a deprecated processing.guarantee (exactly_once, exactly_once_beta), quoted the same way. */
const DEPRECATED = /^Configuration parameter `exactly_once(?:_beta)?` is deprecated/;
const CLAIM =
  /Kafka Streams (?:3\.x )?logs (?:WARN )?"(Unexpected user-specified .*? will be used[. ]|Configuration parameter `.*?(?:instead|if necessary)\.)"/;

function streamsReal(result: JsonObject): Observation {
  const o = probeObservation(result, STREAMS_KEYS);
  const logs = (result.logs ?? []) as Array<{ level: string; message: string }>;
  // the thread's transactional.id, <application.id>-<processId>-1, and a task's, <application.id>-0_0, are what the linter
  // calls <application.id>-<generated>
  if (o.config && typeof o.config['transactional.id'] === 'string') {
    o.config['transactional.id'] = o.config['transactional.id']
      .replace(`-${PROCESS_ID}-1`, '-<generated>')
      .replace(new RegExp(`-${TASK_ID}$`), '-<generated>');
  }
  // a WARN the linter quotes is checked only when Streams got as far as building the producer config: when
  // new StreamsConfig() refuses, no later stage logs anything (the linter's quote describes the next run)
  const refusedEarly = result.stage === 'StreamsConfig';
  return {
    ...o,
    quoted: logs.filter((l) => l.level === 'WARN' && (UNEXPECTED.test(l.message) || DEPRECATED.test(l.message))).map((l) => l.message),
    ...(refusedEarly ? {} : { allLogs: logs.map((l) => l.message) }),
  };
}

function streamsOracle(version: string, testCount: number): Oracle {
  const line = version.split('.').slice(0, 2).join('.');
  const [major, minor] = version.split('.').map(Number);
  return {
    name: `kafka-streams ${version}`,
    implementation: `org.apache.kafka:kafka-streams:${version}`,
    profile: `kafka-streams-${line}`,
    sourceSets: ['common', 'producer', 'streams'],
    handler: 'kil.oracle.StreamsHandler',
    jvmArgs: PRODUCER_JVM_ARGS,
    fullCount: 1000,
    testCount,
    seed: 0x6b730000 + ((0x30 + major) << 8) + minor, // "ks" + the major version's digit + the minor version
    expectVersion: version,
    generate: (r) => generateStreamsCase(r, major),
    real: streamsReal,
    linter: (c: OracleCase, mutation?: Mutation) =>
      linterObservation(c, version, (blocks) => blocks.find((b) => b.dialect === 'kafka-streams'), mutation, CLAIM),
  };
}

export const STREAMS_ORACLES: Oracle[] = [
  ...STREAMS_VERSIONS.map((v) => streamsOracle(v, 150)),
  ...STREAMS_3_VERSIONS.map((v) => streamsOracle(v, 100)),
];

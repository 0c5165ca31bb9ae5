/**
 * Kafka Connect 2.8 – 4.x: a generated Strimzi KafkaConnect + KafkaConnector pair in one YAML file → the worker's
 * properties and the connector's configuration as Strimzi's operator hands them to Connect → worker and connector
 * configs, the override policy, Worker.baseProducerConfigs / exactlyOnceSourceTaskProducerConfigs
 * (kil.oracle.ConnectHandler through OracleWorkerShim) → ProducerProbe; against the linter's block for the
 * KafkaConnector, which merges its KafkaConnect's producer.*, policy and exactly-once support (detect/strimzi.ts,
 * detect/connect.ts).
 */
import type { Oracle, OracleCase, Mutation, Observation } from './common';
import { linterObservation, probeObservation, PRODUCER_JVM_ARGS } from './common';
import type { JsonObject } from './java';
import { chance, int, pick, type Rand } from './properties';
import { producerEntries, valueFor } from './kafkaClients';

/** The newest patch of every 4.x line (pom.xml profiles connect-runtime-4.N). */
export const CONNECT_VERSIONS = ['4.0.2', '4.1.2', '4.2.2', '4.3.2', '4.4.0'];
/**
 * Before 4.0: 2.8 (the override policy None by default; request.timeout.ms=Integer.MAX_VALUE), 3.0.1 (no
 * enable.idempotence=false yet: with kafka-clients 3.0.1 the producers are idempotent by default), 3.0.2 and 3.1.2
 * (enable.idempotence=false, KAFKA-13759, backported), 3.2, 3.3 (exactly-once source support), 3.9.
 */
export const CONNECT_3_VERSIONS = ['2.8.2', '3.0.1', '3.0.2', '3.1.2', '3.2.3', '3.3.2', '3.9.2'];
/** Pinned releases that are not the newest of their line (their profile is named by the version). */
const NOT_NEWEST = new Set(['3.0.1']);

const CONNECT_KEYS = ['connector.client.config.override.policy', 'exactly.once.source.support', 'group.id'];
const WORKER = 'my-connect';
const GROUP = 'connect-cluster';

/** A YAML scalar that Strimzi turns into exactly `v`: plain when YAML reads it as that text (or as a number spelled so), else double-quoted. */
export function yamlScalar(v: string): string {
  if (
    /^(0|-?[1-9][0-9]{0,8}|[a-z][a-z_.-]*[a-z0-9]|[a-z])$/.test(v) &&
    !['y', 'n', 'yes', 'no', 'on', 'off', 'null', 'true', 'false'].includes(v)
  )
    return v;
  return JSON.stringify(v);
}

interface ConnectPair {
  worker: Array<[string, string]>;
  connector: Array<[string, string]>;
  name: string;
  version: string;
}

function dedupe(e: Array<[string, string]>): Array<[string, string]> {
  const m = new Map<string, string>();
  for (const [k, v] of e) {
    m.delete(k);
    m.set(k, v);
  }
  return [...m];
}

function generatePair(r: Rand, version: string): ConnectPair {
  const worker: Array<[string, string]> = [
    ['group.id', GROUP],
    ['offset.storage.topic', 'connect-offsets'],
    ['config.storage.topic', 'connect-configs'],
    ['status.storage.topic', 'connect-status'],
    ['key.converter', 'org.apache.kafka.connect.json.JsonConverter'],
    ['value.converter', 'org.apache.kafka.connect.json.JsonConverter'],
  ];
  if (chance(r, 0.55)) worker.push(['connector.client.config.override.policy', pick(r, ['All', 'None', 'Principal', 'All'])]);
  if (chance(r, 0.4)) worker.push(['exactly.once.source.support', pick(r, ['enabled', 'enabled', 'Enabled', 'disabled', 'preparing'])]);
  // producer keys: the worker's producer.*, the connector's producer.override.*, some on both sides
  const connector: Array<[string, string]> = [];
  for (const [k, v] of producerEntries(r)) {
    const where = int(r, 0, 9);
    if (where < 4) worker.push([`producer.${k}`, v]);
    else if (where < 8) connector.push([`producer.override.${k}`, v]);
    else {
      worker.push([`producer.${k}`, v]);
      connector.push([`producer.override.${k}`, chance(r, 0.3) ? v : valueFor(r, k)]);
    }
  }
  return { worker: dedupe(worker), connector: dedupe(connector), name: pick(r, ['orders-source', 'files']), version };
}

function yaml(p: ConnectPair): string {
  const map = (e: Array<[string, string]>) => (e.length === 0 ? ' {}' : '\n' + e.map(([k, v]) => `    ${k}: ${yamlScalar(v)}`).join('\n'));
  return [
    'apiVersion: kafka.strimzi.io/v1beta2',
    'kind: KafkaConnect',
    'metadata:',
    `  name: ${WORKER}`,
    '  annotations:',
    '    strimzi.io/use-connector-resources: "true"',
    'spec:',
    `  version: ${p.version}`,
    '  replicas: 1',
    '  bootstrapServers: localhost:9092',
    `  config:${map(p.worker)}`,
    '---',
    'apiVersion: kafka.strimzi.io/v1beta2',
    'kind: KafkaConnector',
    'metadata:',
    `  name: ${p.name}`,
    '  labels:',
    `    strimzi.io/cluster: ${WORKER}`,
    'spec:',
    '  class: org.apache.kafka.connect.file.FileStreamSourceConnector',
    '  tasksMax: 1',
    `  config:${map(p.connector)}`,
    '',
  ].join('\n');
}

/**
 * What Strimzi's operator hands to Connect: spec.config as the worker's properties, with bootstrap.servers from
 * spec.bootstrapServers; the KafkaConnector's spec.config as the connector configuration, with name
 * (metadata.name), connector.class (spec.class) and tasks.max (spec.tasksMax).
 */
function request(p: ConnectPair): JsonObject {
  return {
    worker: { ...Object.fromEntries(p.worker), 'bootstrap.servers': 'localhost:9092' },
    connector: {
      ...Object.fromEntries(p.connector),
      name: p.name,
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      'tasks.max': '1',
    },
  };
}

function toCase(p: ConnectPair): OracleCase & { pair: ConnectPair } {
  return { fileName: 'connect.yaml', text: yaml(p), request: request(p), pair: p };
}

/** Shrinking: one producer entry fewer, on either side (the resources themselves stay). */
function shrink(c: OracleCase): OracleCase[] {
  const p = (c as OracleCase & { pair: ConnectPair }).pair;
  const out: OracleCase[] = [];
  p.worker.forEach(([k], i) => {
    if (k.startsWith('producer.') || (CONNECT_KEYS.includes(k) && k !== 'group.id'))
      out.push(toCase({ ...p, worker: p.worker.filter((_, j) => j !== i) }));
  });
  p.connector.forEach((_, i) => out.push(toCase({ ...p, connector: p.connector.filter((_, j) => j !== i) })));
  return out;
}

const IDEMPOTENCE_WARN = /^The value '.*' for the 'enable\.idempotence' property will be ignored as it cannot be overridden /s;
const CLAIM = /The worker logs WARN "(The value .*? will be used instead\.)"/;

function connectReal(result: JsonObject, c: OracleCase): Observation {
  const p = (c as OracleCase & { pair: ConnectPair }).pair;
  const o = probeObservation(result, CONNECT_KEYS);
  const logs = (result.logs ?? []) as Array<{ level: string; message: string }>;
  // task 0's transactional.id, <group.id>-<connector>-0, is what the linter calls <group.id>-${connector}-${task}
  if (o.config && o.config['transactional.id'] === `${GROUP}-${p.name}-0`) o.config['transactional.id'] = `${GROUP}-\${connector}-\${task}`;
  const early = result.stage !== undefined && result.stage !== 'worker-producer-config';
  return {
    ...o,
    quoted: logs.filter((l) => l.level === 'WARN' && IDEMPOTENCE_WARN.test(l.message)).map((l) => l.message),
    ...(early ? {} : { allLogs: logs.map((l) => l.message) }),
  };
}

function connectOracle(version: string, testCount: number): Oracle {
  const line = version.split('.').slice(0, 2).join('.');
  const [major, minor, patch] = version.split('.').map(Number);
  return {
    name: `connect-runtime ${version}`,
    implementation: `org.apache.kafka:connect-runtime:${version}`,
    profile: `connect-runtime-${NOT_NEWEST.has(version) ? version : line}`,
    // Worker's producer-config helpers: baseProducerConfigs / exactlyOnceSourceTaskProducerConfigs from 3.3, producerConfigs before
    sourceSets: ['common', 'producer', 'connect', major > 3 || (major === 3 && minor >= 3) ? 'connect-shim' : 'connect-shim-3.2'],
    handler: 'kil.oracle.ConnectHandler',
    jvmArgs: PRODUCER_JVM_ARGS,
    fullCount: 1000,
    testCount,
    // 4.x: "kc4" + 0x100 + the minor version; before: "cn" + the major version's digit + the minor (+ 0x10 × (patch + 1) when not the newest)
    seed:
      major >= 4
        ? 0x6b633400 + 0x100 + minor
        : 0x636e0000 + ((0x30 + major) << 8) + minor + (NOT_NEWEST.has(version) ? 0x10 * (patch + 1) : 0),
    expectVersion: version,
    generate: (r) => toCase(generatePair(r, version)),
    real: connectReal,
    linter: (c: OracleCase, mutation?: Mutation) =>
      linterObservation(
        c,
        version,
        (blocks) => blocks.find((b) => b.dialect === 'kafka-connect' && b.name.startsWith('KafkaConnector')),
        mutation,
        CLAIM,
      ),
    shrink,
  };
}

export const CONNECT_ORACLES: Oracle[] = [
  ...CONNECT_VERSIONS.map((v) => connectOracle(v, 150)),
  ...CONNECT_3_VERSIONS.map((v) => connectOracle(v, 100)),
];

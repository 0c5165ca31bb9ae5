// The framework part of the lint-output differential's corpus (scripts/lint-diff.mjs): seeded configurations
// that reach the framework rules, which the examples, the fixtures and the fuzz inputs seldom do. Kafka Streams
// (.properties, YAML, Quarkus' kafka-streams. prefix), Kafka Connect (worker, connector, both), Strimzi
// KafkaConnect + KafkaConnector, Confluent's CONNECT_* variables, Spring Boot (the three precedence levels,
// keys Boot does not bind, values it cannot convert, profiles) and the Spring Cloud Stream Kafka binder
// (binding-level transaction and delivery keys, Streams keys in the binder's configuration). The values mix
// what each framework accepts, refuses, deprecates and ignores, with placeholders and odd spacing; every other
// binder file is linted with an older binder release (an input's `settings`). After them, the clients whose rules
// the fixtures seldom reach: librdkafka `.properties` files, KafkaJS and @platformatic/kafka producers in TypeScript.

/** A deterministic generator (the same seed gives the same corpus on every machine). */
function random(seed) {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  return {
    pick: (a) => a[Math.floor(next() * a.length)],
    maybe: (p = 0.5) => next() < p,
  };
}

function flat(pairs, yaml) {
  if (!yaml) return pairs.map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
  return pairs.map(([k, v]) => `${k}: ${/^[\w.-]*$/.test(v) && v !== '' ? v : JSON.stringify(v)}`).join('\n') + '\n';
}

const GUARANTEES = ['exactly_once_v2', 'exactly_once', 'exactly_once_beta', 'at_least_once', 'EXACTLY_ONCE_V2', 'exactly-once-v2', 'foo'];
const POLICIES = ['None', 'Principal', 'All', ' None ', 'none'];

function streams(r, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const yaml = r.maybe(0.4);
    const base = yaml && r.maybe(0.3) ? 'kafka-streams.' : '';
    const pairs = [];
    const add = (k, vals, p) => r.maybe(p) && pairs.push([base + k, r.pick(vals)]);
    add('application.id', ['app', 'orders'], 0.8);
    add('processing.guarantee', [...GUARANTEES, ' exactly_once_v2 ', '${G:exactly_once_v2}', '${G}'], 0.85);
    add('retries', ['-1', 'abc', '3', ' 5 '], 0.25);
    add('request.timeout.ms', ['abc', '-5', '30000'], 0.25);
    add('enable.idempotence', ['false', 'true', '${X:false}'], 0.3);
    add('producer.enable.idempotence', ['false', 'true'], 0.25);
    add('transactional.id', ['tx', ''], 0.25);
    add('producer.transactional.id', ['ptx'], 0.2);
    add('max.in.flight.requests.per.connection', ['6', '5', 'abc', '99999999999', ' 7'], 0.3);
    add('producer.max.in.flight.requests.per.connection', ['10', '1'], 0.2);
    add('commit.interval.ms', ['30000', 'abc', '100', '20000', '${C:50000}'], 0.45);
    add('producer.transaction.timeout.ms', ['5000', 'abc', '60000', '1000', '${T}'], 0.4);
    add('transaction.timeout.ms', ['60000', '1000', 'x'], 0.3);
    add('acks', ['1', 'all'], 0.2);
    if (pairs.length && r.maybe(0.2)) pairs.push(r.pick(pairs));
    let text = flat(pairs, yaml);
    if (yaml && r.maybe(0.2)) text += '---\n' + flat([[base + 'commit.interval.ms', '40000']], true);
    out.push({ fileName: `frameworks/streams${i}.${yaml ? 'yaml' : 'properties'}`, text });
  }
  return out;
}

function connect(r, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const yaml = r.maybe(0.3);
    const worker = r.maybe(0.6);
    const pairs = [];
    if (worker) {
      pairs.push(
        ...(r.maybe()
          ? [['plugin.path', '/plugins']]
          : [
              ['group.id', r.pick(['connect', 'g1'])],
              ['config.storage.topic', 'cfg'],
            ]),
      );
      if (r.maybe(0.6)) pairs.push(['connector.client.config.override.policy', r.pick(POLICIES)]);
      if (r.maybe(0.6)) pairs.push(['exactly.once.source.support', r.pick(['enabled', 'disabled', 'ENABLED', ' enabled'])]);
      if (r.maybe(0.4)) pairs.push(['producer.enable.idempotence', r.pick(['false', 'true', 'FALSE'])]);
      if (r.maybe(0.3)) pairs.push(['producer.transactional.id', r.pick(['tx', '${file:/x:y}'])]);
      if (r.maybe(0.3)) pairs.push(['producer.acks', r.pick(['1', 'all'])]);
    }
    if (!worker || r.maybe(0.4)) {
      pairs.push(['connector.class', 'io.x.Source']);
      if (r.maybe()) pairs.push(['name', r.pick(['orders', ' src '])]);
      for (const k of ['acks', 'sasl.mechanism', 'enable.idempotence', 'transactional.id', 'linger.ms', 'foo.bar'])
        if (r.maybe(0.3)) pairs.push([`producer.override.${k}`, r.pick(['1', 'PLAIN', 'false', 'true', 'tx', '5'])]);
    }
    if (r.maybe(0.15)) pairs.push(r.pick(pairs));
    out.push({ fileName: `frameworks/connect${i}.${yaml ? 'yaml' : 'properties'}`, text: flat(pairs, yaml) });
  }
  return out;
}

function strimzi(r, n) {
  const resource = (kind, name, labels, body) =>
    `apiVersion: kafka.strimzi.io/v1beta2\nkind: ${kind}\nmetadata:\n  name: ${name}\n${labels}spec:\n${body}`;
  const out = [];
  for (let i = 0; i < n; i++) {
    const worker = [];
    if (r.maybe(0.6)) worker.push(`    connector.client.config.override.policy: ${r.pick(POLICIES)}`);
    if (r.maybe(0.6)) worker.push(`    exactly.once.source.support: ${r.pick(['enabled', 'disabled'])}`);
    if (r.maybe(0.4)) worker.push(`    producer.enable.idempotence: ${r.pick(['false', 'true'])}`);
    if (r.maybe(0.3)) worker.push(`    producer.transactional.id: "${r.pick(['${TX}', 'tx'])}"`);
    const connector = [];
    for (const k of ['acks', 'sasl.mechanism', 'enable.idempotence', 'transactional.id', 'linger.ms'])
      if (r.maybe(0.35)) connector.push(`    producer.override.${k}: ${r.pick(['1', 'PLAIN', 'false', 'tx', '5'])}`);
    const version = r.maybe(0.4) ? `  version: ${r.pick(['2.8.0', '3.1.0', '3.9.0', '4.0.0'])}\n` : '';
    const parts = [];
    if (r.maybe(0.8))
      parts.push(resource('KafkaConnect', 'my-connect', '', `${version}  config:\n    group.id: cluster\n${worker.join('\n')}\n`));
    const label = r.maybe(0.7) ? '  labels:\n    strimzi.io/cluster: my-connect\n' : '';
    const body = `  class: io.x.Source\n  config:\n${connector.join('\n') || '    producer.override.linger.ms: 5'}\n`;
    parts.push(resource('KafkaConnector', 'src', label, body));
    out.push({ fileName: `frameworks/strimzi${i}.yaml`, text: parts.join('---\n') });
  }
  for (let i = 0; i < n / 2; i++) {
    const env = ['CONNECT_BOOTSTRAP_SERVERS: kafka:9092', 'CONNECT_GROUP_ID: connect', 'CONNECT_CONFIG_STORAGE_TOPIC: cfg'];
    if (r.maybe(0.6)) env.push(`CONNECT_EXACTLY_ONCE_SOURCE_SUPPORT: ${r.pick(['enabled', 'disabled'])}`);
    if (r.maybe(0.5)) env.push(`CONNECT_CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY: ${r.pick(POLICIES)}`);
    if (r.maybe(0.5)) env.push(`CONNECT_PRODUCER_ENABLE_IDEMPOTENCE: "${r.pick(['false', 'true'])}"`);
    if (r.maybe(0.4)) env.push('CONNECT_PRODUCER_TRANSACTIONAL_ID: tx');
    const text = `services:\n  connect:\n    image: confluentinc/cp-kafka-connect:7.7.0\n    environment:\n${env.map((e) => '      ' + e).join('\n')}\n`;
    out.push({ fileName: `frameworks/compose${i}/docker-compose.yml`, text });
  }
  return out;
}

const SPRING_KEYS = [
  ['spring.kafka.producer.acks', ['all', '1', '0', '-1']],
  ['spring.kafka.producer.retries', ['0', '3', 'abc', '', ' 5']],
  ['spring.kafka.producer.transaction-id-prefix', ['tx-', '']],
  ['spring.kafka.producer.properties.enable.idempotence', ['true', 'false', 'yes', 'off', 'y']],
  ['spring.kafka.producer.properties.acks', ['all', '1', '0']],
  ['spring.kafka.producer.properties.Acks', ['0', 'all']],
  ['spring.kafka.producer.properties.max.in.flight.requests.per.connection', ['5', '6', '10']],
  ['spring.kafka.properties.enable.idempotence', ['false', 'true', 'on']],
  ['spring.kafka.properties.acks', ['1', 'all']],
  ['spring.kafka.producer.enable-idempotence', ['true', 'false']],
  ['spring.kafka.producer.max-in-flight-requests-per-connection', ['5', '7']],
  ['spring.kafka.producer.linger-ms', ['5']],
  ['spring.kafka.template.transaction-id-prefix', ['ttx-']],
];

const SCS_KEYS = [
  ['spring.cloud.stream.kafka.binder.required-acks', ['all', '1', '-1']],
  ['spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix', ['tx-', '']],
  ['spring.cloud.stream.kafka.binder.configuration.enable.idempotence', ['true', 'false']],
  ['spring.cloud.stream.kafka.binder.configuration.processing.guarantee', ['exactly_once_v2']],
  ['spring.cloud.stream.kafka.binder.producer-properties.acks', ['1', 'all']],
  ['spring.cloud.stream.kafka.bindings.ordersOut-0.producer.configuration.acks', ['1', 'all']],
  ['spring.cloud.stream.kafka.bindings.ordersOut-0.producer.enable-idempotence', ['true']],
  ['spring.cloud.stream.kafka.bindings.ordersOut-0.producer.transaction-id-prefix', ['btx-']],
  ['spring.cloud.stream.kafka.bindings.orders_out_0.producer.configuration.enable.idempotence', ['false', 'true']],
  ['spring.cloud.stream.bindings.ordersOut-0.destination', ['orders']],
];

/** Spring Boot's YAML nests at every dot; half of the files nest, the others keep dotted keys. */
function springYaml(pairs, nest) {
  if (!nest) return flat(pairs, true);
  const tree = {};
  for (const [k, v] of pairs) {
    const parts = k.split('.');
    let t = tree;
    for (const p of parts.slice(0, -1)) t = typeof t[p] === 'object' ? t[p] : (t[p] = {});
    t[parts.at(-1)] = v;
  }
  const lines = [];
  const write = (t, indent) => {
    for (const [k, v] of Object.entries(t)) {
      if (typeof v === 'object') (lines.push(`${indent}${k}:`), write(v, indent + '  '));
      else lines.push(`${indent}${k}: ${/^[\w.-]+$/.test(v) ? v : JSON.stringify(v)}`);
    }
  };
  write(tree, '');
  return lines.join('\n') + '\n';
}

function spring(r, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const yaml = r.maybe(0.6);
    const keys = r.maybe(0.6) ? SPRING_KEYS : [...SPRING_KEYS.slice(0, 4), ...SCS_KEYS];
    const pairs = [['spring.kafka.bootstrap-servers', 'localhost:9092']];
    for (const [k, vals] of keys) if (r.maybe(0.3)) pairs.push([k, r.pick(vals)]);
    if (r.maybe(0.1)) pairs.push(['spring.profiles', 'dev']);
    let text = yaml ? springYaml(pairs, r.maybe()) : flat(pairs, false);
    if (r.maybe(0.25)) {
      const profile = [['spring.config.activate.on-profile', 'prod']];
      for (const [k, vals] of keys) if (r.maybe(0.15)) profile.push([k, r.pick(vals)]);
      text += yaml ? '---\n' + springYaml(profile, false) : '#---\n' + flat(profile, false);
    }
    const name = r.pick(['application', 'application', 'application-dev', 'bootstrap']);
    // every other binder file is judged with a binder before 5.0.2, whose required-acks default is 1
    // (spring-cloud-stream-required-acks-default-1); the settings go with the input (lint-diff.mjs)
    const oldBinder = keys !== SPRING_KEYS && i % 2 === 0;
    out.push({
      fileName: `frameworks/spring${i}/${name}.${yaml ? 'yml' : 'properties'}`,
      text,
      ...(oldBinder ? { settings: { springCloudStreamBinderVersion: '4.1.3' } } : {}),
    });
  }
  return out;
}

/** librdkafka (kcat / Node bindings' `.properties`): idempotence with the settings rd_kafka_new checks. */
function librdkafka(r, n) {
  const KEYS = [
    ['enable.idempotence', ['true', 'false']],
    ['acks', ['all', '1', '0', '-1']],
    ['max.in.flight.requests.per.connection', ['5', '6', '1']],
    ['retries', ['0', '3', '2147483647']],
    ['transactional.id', ['tx', '']],
    ['message.timeout.ms', ['300000', '1000', '0']],
    ['transaction.timeout.ms', ['60000', '500']],
    ['socket.timeout.ms', ['60000', '90000']],
    ['linger.ms', ['5', '400000']],
    ['queuing.strategy', ['fifo', 'lifo']],
    ['enable.gapless.guarantee', ['true', 'false']],
    ['queue.buffering.backpressure.threshold', ['1', '10']],
  ];
  const out = [];
  for (let i = 0; i < n; i++) {
    const pairs = [['bootstrap.servers', 'broker:9092']];
    for (const [k, vals] of KEYS) if (r.maybe(0.35)) pairs.push([k, r.pick(vals)]);
    out.push({ fileName: `clients/rdkafka${i}.properties`, text: '# kafka-idempotence-client: librdkafka\n' + flat(pairs, false) });
  }
  return out;
}

/** KafkaJS and @platformatic/kafka producers in TypeScript, with the options their rules read. */
function nodeClients(r, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const opts = [];
    if (r.maybe(0.7)) opts.push(`idempotent: ${r.pick(['true', 'false'])}`);
    if (r.maybe(0.4)) opts.push(`maxInFlightRequests: ${r.pick(['1', '5', '6'])}`);
    if (r.maybe(0.4)) opts.push(`retry: { retries: ${r.pick(['0', '3', '10'])} }`);
    if (r.maybe(0.3)) opts.push(`transactionalId: '${r.pick(['tx', ''])}'`);
    const acks = r.maybe(0.5) ? `, acks: ${r.pick(['-1', '1', '0'])}` : '';
    const kafkajs = [
      "import { Kafka } from 'kafkajs';",
      `const kafka = new Kafka({ clientId: 'c', brokers: ['b:9092']${r.maybe(0.3) ? ', retry: { retries: 10 }' : ''} });`,
      `const producer = kafka.producer({ ${opts.join(', ')} });`,
      `export const go = () => producer.send({ topic: 't', messages: []${acks} });`,
    ];
    out.push({ fileName: `clients/kafkajs${i}.ts`, text: kafkajs.join('\n') + '\n' });
    const popts = [`clientId: 'c'`, `bootstrapBrokers: ['b:9092']`];
    if (r.maybe(0.7)) popts.push(`idempotent: ${r.pick(['true', 'false', '0'])}`);
    if (r.maybe(0.4)) popts.push(`acks: ${r.pick(['-1', '1'])}`);
    if (r.maybe(0.4)) popts.push(`retries: ${r.pick(['0', '1', '3', 'false'])}`);
    const platformatic = [
      "import { Producer } from '@platformatic/kafka';",
      `const producer = new Producer({ ${popts.join(', ')} });`,
      `export const go = () => producer.send({ messages: []${acks} });`,
      ...(r.maybe(0.3) ? ['export const tx = () => producer.beginTransaction();'] : []),
    ];
    out.push({ fileName: `clients/platformatic${i}.ts`, text: platformatic.join('\n') + '\n' });
  }
  return out;
}

/** The framework inputs: `n` per framework family (Strimzi and the Compose files share one share). */
export function frameworkInputs(n, seed) {
  const r = random(seed);
  return [
    ...streams(r, n),
    ...connect(r, n),
    ...strimzi(r, Math.ceil(n / 2)),
    ...spring(r, n),
    // (after the framework inputs, so that their seeded sequence stays as it was)
    ...librdkafka(r, Math.ceil(n / 2)),
    ...nodeClients(r, Math.ceil(n / 4)),
  ];
}

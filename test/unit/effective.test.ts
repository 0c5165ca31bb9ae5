/**
 * The effective producer (server/src/service/effective.ts): per block, the state for the client version in
 * force, its one-line label, and every idempotence-relevant setting with its final value and origin. One
 * test per client family and dialect; the state is the verdict's (effectiveJavaConfig, the librdkafka and
 * KafkaJS verdicts), so these tests pin the wording and the origins.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, service, settingsWith, type LintSettings } from '../support/service';
import type { EffectiveProducer, EffectiveSetting } from '../../server/src/service';

function producers(fileName: string, text: string, over: Partial<LintSettings> = {}): EffectiveProducer[] {
  const settings = settingsWith(over);
  const r = service.lint({ fileName, text }, settings);
  assert.deepEqual(r.failures, []);
  return service.effectiveProducers(r, text, settings);
}

function one(fileName: string, text: string, over: Partial<LintSettings> = {}): EffectiveProducer {
  const ps = producers(fileName, text, over);
  assert.equal(ps.length, 1, JSON.stringify(ps.map((p) => p.name)));
  return ps[0];
}

const setting = (p: EffectiveProducer, key: string): EffectiveSetting => {
  const s = p.settings.find((x) => x.key === key);
  assert.ok(s, `${key} in ${p.settings.map((x) => x.key).join(', ')}`);
  return s;
};
/** `key=value <- origin (from)` for compact assertions. */
const row = (p: EffectiveProducer, key: string) => {
  const s = setting(p, key);
  return `${s.key}=${s.value ?? '?'} <- ${s.origin}: ${s.from}`;
};

// ---------------------------------------------------------------------------------------------
// kafka-clients: plain producer files

test('Java, 3.9: silently disabled by acks=1, with the line; enable.idempotence turned off by the client', () => {
  const p = one('producer.properties', 'bootstrap.servers=x\nacks=1\n', { kafkaClientsVersion: '3.9' });
  assert.equal(p.state, 'silently-disabled');
  assert.equal(p.label, 'Idempotence OFF: silently disabled by acks=1 (line 2) · kafka-clients 3.9 (setting)');
  assert.equal(p.line, 0);
  assert.equal(row(p, 'acks'), 'acks=1 <- line: line 2');
  assert.equal(setting(p, 'acks').line, 2);
  const idem = setting(p, 'enable.idempotence');
  assert.deepEqual([idem.value, idem.origin], ['false', 'client']);
  assert.match(idem.from, /^turned off by the client at start-up \(acks=1 \(line 2\)\)$/);
  assert.match(
    idem.note!,
    /default of kafka-clients 3\.9 is true; the client only logs INFO "Idempotence will be disabled because acks is set to 1, not set to 'all'\."/,
  );
  assert.deepEqual(p.events, [`Logs INFO "Idempotence will be disabled because acks is set to 1, not set to 'all'."`]);
  assert.equal(row(p, 'retries'), 'retries=2147483647 <- default: default of kafka-clients 3.9');
  assert.equal(row(p, 'linger.ms'), 'linger.ms=0 <- default: default of kafka-clients 3.9');
  assert.ok(!p.notes.includes(service.MIN_ISR_NOTE), 'acks=1: no acks=all note');
});

test('Java, version from the build file: the label names the pom; acks=all carries the min.insync.replicas note', () => {
  const p = one('producer.properties', 'bootstrap.servers=x\nacks=all\n', {
    kafkaClientsVersion: '4.1.0',
    kafkaClientsVersionSource: '/repo/app/pom.xml:42 (org.apache.kafka:kafka-clients 4.1.0)',
  });
  assert.equal(p.state, 'idempotent');
  assert.equal(p.label, 'Idempotent producer · kafka-clients 4.1.0 (pom.xml)');
  assert.equal(p.versionSource, '/repo/app/pom.xml:42 (org.apache.kafka:kafka-clients 4.1.0)');
  assert.equal(row(p, 'enable.idempotence'), 'enable.idempotence=true <- default: default of kafka-clients 4.1.0');
  assert.equal(row(p, 'linger.ms'), 'linger.ms=5 <- default: default of kafka-clients 4.1.0');
  assert.ok(p.notes.includes(service.MIN_ISR_NOTE));
  assert.match(service.MIN_ISR_NOTE, /only as strong as the topic's `min\.insync\.replicas`/);
  // a framework platform gave the version: the label says which
  const via = one('producer.properties', 'bootstrap.servers=x\nacks=all\n', {
    kafkaClientsVersion: '3.1.2',
    kafkaClientsVersionSource: '/repo/pom.xml:7 (Spring Boot 2.7.18)',
    kafkaClientsVersionVia: 'Spring Boot 2.7.18 in pom.xml',
  });
  assert.equal(via.label, 'Idempotent producer · kafka-clients 3.1.2 (Spring Boot 2.7.18 in pom.xml)');
  // nothing detected: the newest 4.x, and the version caveat
  const latest = one('producer.properties', 'bootstrap.servers=x\nacks=all\n');
  assert.equal(latest.label, 'Idempotent producer · kafka-clients 4.x (latest)');
  assert.ok(latest.notes.some((n) => n.startsWith('No kafka-clients version was found')));
});

test('Java: an explicit conflict is a producer that will not start; the exception is an event', () => {
  const p = one('producer.properties', 'bootstrap.servers=x\nenable.idempotence=true\nacks=1\n');
  assert.equal(p.state, 'fails');
  assert.equal(p.label, 'Producer will not start: acks must be all · kafka-clients 4.x (latest)');
  assert.deepEqual(p.events, [
    'Refuses to start: "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."',
  ]);
  assert.equal(row(p, 'enable.idempotence'), 'enable.idempotence=true <- line: line 2');
  assert.equal(
    one('producer.properties', 'enable.idempotence=true\nretries=0\n').label,
    'Producer will not start: retries must be non-zero · kafka-clients 4.x (latest)',
  );
  assert.equal(
    one('producer.properties', 'acks=all\nmax.in.flight.requests.per.connection=6\n').label,
    'Producer will not start: max.in.flight.requests.per.connection must be at most 5 · kafka-clients 4.x (latest)',
  );
  assert.equal(
    one('producer.properties', 'acks=1\ntransactional.id=t\n', { kafkaClientsVersion: '3.9' }).label,
    'Producer will not start: transactional.id needs idempotence, which a conflict turns off · kafka-clients 3.9 (setting)',
  );
  assert.equal(
    one('producer.properties', 'acks=ALL\n').label,
    'Producer will not start: invalid acks value "ALL" · kafka-clients 4.x (latest)',
  );
  const dt = one('producer.properties', 'acks=all\ndelivery.timeout.ms=1000\n');
  assert.equal(
    dt.label,
    'Producer will not start: delivery.timeout.ms is below linger.ms + request.timeout.ms · kafka-clients 4.x (latest)',
  );
});

test("Java: off by choice, off by the version's default, on through transactional.id (2.8), the 3.0.0 default bug", () => {
  const choice = one('producer.properties', 'bootstrap.servers=x\nenable.idempotence=false\nacks=all\n');
  assert.equal(choice.state, 'not-idempotent');
  assert.equal(choice.label, 'Idempotence off: enable.idempotence=false (line 2) · kafka-clients 4.x (latest)');

  const old = one('producer.properties', 'bootstrap.servers=x\nacks=all\n', { kafkaClientsVersion: '2.8' });
  assert.equal(old.label, 'Idempotence off (not on by default in kafka-clients 2.8) · kafka-clients 2.8 (setting)');
  assert.equal(row(old, 'enable.idempotence'), 'enable.idempotence=false <- default: default of kafka-clients 2.8');

  const txn = one('producer.properties', 'bootstrap.servers=x\nacks=all\ntransactional.id=t\n', { kafkaClientsVersion: '2.8' });
  assert.equal(txn.state, 'idempotent');
  assert.equal(row(txn, 'enable.idempotence'), 'enable.idempotence=true <- client: turned on by transactional.id');
  assert.equal(row(txn, 'transactional.id'), 'transactional.id=t <- line: line 3');
  assert.equal(row(txn, 'transaction.timeout.ms'), 'transaction.timeout.ms=60000 <- default: default of kafka-clients 2.8');

  const bug = one('producer.properties', 'bootstrap.servers=x\nacks=1\n', { kafkaClientsVersion: '3.0.0' });
  assert.equal(bug.state, 'not-idempotent');
  assert.equal(row(bug, 'enable.idempotence'), 'enable.idempotence=false <- default: default of kafka-clients 3.0.0');
  assert.match(setting(bug, 'enable.idempotence').note!, /KAFKA-13598/);
});

test("Java: the raised delivery timeout is the client's", () => {
  const p = one('producer.properties', 'acks=all\nlinger.ms=100000\n');
  assert.equal(p.state, 'idempotent');
  assert.equal(row(p, 'delivery.timeout.ms'), 'delivery.timeout.ms=130000 <- client: raised by the client at start-up');
  assert.deepEqual(p.events, [
    'Logs WARN "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. Setting it to 130000."',
  ]);
});

// ---------------------------------------------------------------------------------------------
// frameworks

test('Spring Boot: the transaction prefix injects idempotence (a framework origin); transactional.id is the prefix', () => {
  const p = one('application.yml', 'spring:\n  kafka:\n    producer:\n      transaction-id-prefix: tx-\n      acks: 1\n');
  assert.equal(p.dialectLabel, 'Spring Boot');
  assert.equal(p.line, 3);
  assert.equal(p.state, 'fails');
  assert.equal(p.label, 'Producer will not start: acks must be all · kafka-clients 4.x (latest)');
  assert.equal(row(p, 'enable.idempotence'), 'enable.idempotence=true <- framework: set by Spring Kafka (transaction-id-prefix)');
  assert.equal(row(p, 'acks'), 'acks=1 <- line: line 5');
  assert.equal(row(p, 'transactional.id'), 'transactional.id=tx-… <- line: spring.kafka.producer.transaction-id-prefix, line 4');
  assert.match(setting(p, 'transactional.id').note!, /prefix followed by a number/);
});

test('Spring Boot: a placeholder without a default is not known statically', () => {
  const p = one(
    'application.yml',
    'spring:\n  kafka:\n    producer:\n      acks: all\n      properties:\n        enable.idempotence: ${IDEMPOTENCE}\n',
  );
  assert.equal(p.state, 'unknown');
  assert.equal(p.label, 'Idempotence unknown: enable.idempotence is not known statically · kafka-clients 4.x (latest)');
  const idem = setting(p, 'enable.idempotence');
  assert.deepEqual([idem.value, idem.origin], [undefined, 'unknown']);
});

test('a setting idempotence depends on, written with a value not known statically, leaves the outcome unknown', () => {
  // acks from the environment may be 0 or 1: on a producer that rests on the default, that silently disables idempotence
  const acks = one('application.yml', 'spring:\n  kafka:\n    producer:\n      acks: ${KAFKA_ACKS}\n');
  assert.equal(acks.state, 'unknown');
  assert.equal(acks.label, 'Idempotence unknown: acks (line 4) is not known statically · kafka-clients 4.x (latest)');
  assert.equal(one('application.yml', 'spring:\n  kafka:\n    producer:\n      retries: ${RETRIES}\n').state, 'unknown');
  // where a conflict refuses rather than disables, the producer is idempotent or does not start: no doubt is claimed
  const inFlight = 'spring:\n  kafka:\n    producer:\n      properties:\n        max.in.flight.requests.per.connection: ${N}\n';
  assert.equal(one('application.yml', inFlight, { kafkaClientsVersion: '3.9' }).state, 'unknown');
  assert.equal(one('application.yml', inFlight).state, 'idempotent'); // 4.x refuses in-flight above 5
  const explicit = 'spring:\n  kafka:\n    producer:\n      acks: ${KAFKA_ACKS}\n      properties:\n        enable.idempotence: true\n';
  assert.equal(one('application.yml', explicit).state, 'idempotent');
  // before 3.0.1 the idempotent producer's own defaults hold (acks=all), whatever retries is
  const old = one(
    'application.properties',
    'spring.kafka.producer.properties.enable.idempotence=true\nspring.kafka.producer.retries=${R}\n',
    { kafkaClientsVersion: '2.8.0' },
  );
  assert.equal(old.state, 'idempotent');
  assert.equal(setting(old, 'acks').value, 'all');
  // a known conflict decides whatever the unknown value is
  const known = one('application.yml', 'spring:\n  kafka:\n    producer:\n      acks: 1\n      retries: ${RETRIES}\n');
  assert.equal(known.state, 'silently-disabled');
  // a placeholder with a default is known
  const withDefault = one('application.yml', 'spring:\n  kafka:\n    producer:\n      acks: ${KAFKA_ACKS:all}\n');
  assert.equal(withDefault.state, 'idempotent');
});

test("Spring Cloud Stream binder 5.0.1: its required-acks default is the framework's acks=1, which silently disables idempotence", () => {
  const p = one(
    'application.yml',
    'spring:\n  cloud:\n    stream:\n      kafka:\n        binder:\n          brokers: x\n      bindings:\n        out-out-0:\n          destination: t\n',
    { springCloudStreamBinderVersion: '5.0.1' },
  );
  assert.equal(p.state, 'silently-disabled');
  assert.equal(
    p.label,
    'Idempotence OFF: silently disabled by acks=1 (set by the Spring Cloud Stream Kafka binder) · kafka-clients 4.x (latest)',
  );
  assert.equal(
    row(p, 'acks'),
    'acks=1 <- framework: set by the Spring Cloud Stream Kafka binder (its required-acks default, binder 5.0.1)',
  );
  assert.equal(row(p, 'linger.ms'), 'linger.ms=0 <- framework: set by the Spring Cloud Stream Kafka binder (its batch-timeout default)');
});

test("Spring profiles: a profile document's keys are the profile's origin; the default document's keys say so", () => {
  const text =
    'spring:\n  kafka:\n    producer:\n      acks: all\n      retries: 3\n---\nspring:\n  config:\n    activate:\n      on-profile: dev\n  kafka:\n    producer:\n      acks: 1\n';
  const [base, dev] = producers('application.yml', text);
  assert.equal(base.state, 'idempotent');
  assert.equal(row(base, 'acks'), 'acks=all <- line: line 4');
  assert.equal(dev.profile !== undefined, true);
  assert.equal(dev.label, 'Idempotence OFF: silently disabled by acks=1 (line 13) · kafka-clients 4.x (latest)');
  assert.equal(row(dev, 'acks'), "acks=1 <- profile: line 13, profile 'dev'");
  assert.equal(row(dev, 'retries'), "retries=3 <- line: line 5, default configuration (under profile 'dev')");
});

test("Quarkus: the connector's acks default is a framework origin; a %prod. key is the profile's", () => {
  const [others, prod] = producers(
    'application.properties',
    'mp.messaging.outgoing.orders.connector=smallrye-kafka\n%prod.mp.messaging.outgoing.orders.acks=all\n',
  );
  assert.equal(others.state, 'silently-disabled');
  assert.equal(
    others.label,
    'Idempotence OFF: silently disabled by acks=1 (set by the SmallRye Kafka connector) · kafka-clients 4.x (latest)',
  );
  assert.equal(setting(others, 'acks').origin, 'framework');
  assert.equal(prod.state, 'idempotent');
  assert.equal(row(prod, 'acks'), "acks=all <- profile: %prod.mp.messaging.outgoing.orders.acks, line 2, profile 'prod'");
});

test('Kafka Streams exactly_once_v2: Streams sets enable.idempotence and the transactional.id; its refusal is named', () => {
  const p = one('streams.properties', 'application.id=app\nbootstrap.servers=x\nprocessing.guarantee=exactly_once_v2\n');
  assert.equal(p.dialectLabel, 'Kafka Streams');
  assert.equal(p.state, 'idempotent');
  assert.equal(setting(p, 'enable.idempotence').origin, 'framework');
  assert.equal(setting(p, 'linger.ms').origin, 'framework');
  const bad = one(
    'streams.properties',
    'application.id=app\nbootstrap.servers=x\nprocessing.guarantee=exactly_once_v2\nmax.in.flight.requests.per.connection=10\n',
  );
  assert.equal(
    bad.label,
    'Producer will not start: Kafka Streams refuses max.in.flight.requests.per.connection · kafka-clients 4.x (latest)',
  );
});

test("Kafka Connect: the worker's enable.idempotence=false is Connect's; a connector override of acks=1 stays clean", () => {
  const p = one('connector.properties', 'name=c\nconnector.class=io.x.Source\nproducer.override.acks=1\n');
  assert.equal(p.dialectLabel, 'Kafka Connect');
  assert.equal(p.state, 'not-idempotent');
  assert.equal(setting(p, 'enable.idempotence').origin, 'framework');
  assert.match(p.label, /^Idempotence off: enable\.idempotence=false \(set by /);
  assert.equal(row(p, 'acks'), 'acks=1 <- line: producer.override.acks, line 3');
});

test("Strimzi: a resource's spec.version is the version of its blocks (a Connect worker: Connect turns idempotence off)", () => {
  const text =
    'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaConnect\nmetadata:\n  name: c\nspec:\n  version: 3.9.0\n  config:\n    producer.acks: all\n';
  const p = one('connect.yaml', text);
  assert.equal(p.label, 'Idempotence off: enable.idempotence=false (set by Kafka Connect) · kafka-clients 3.9.0 (spec.version)');
  assert.match(p.versionSource!, /^spec\.version of KafkaConnect 'c', line 6$/);
});

// ---------------------------------------------------------------------------------------------
// librdkafka

const KCAT = '# kafka-idempotence-client: librdkafka\n';

test("librdkafka (kcat): off by default; every setting is librdkafka's default", () => {
  const p = one('kcat.properties', `${KCAT}bootstrap.servers=x\n`);
  assert.equal(p.state, 'not-idempotent');
  assert.equal(p.label, 'librdkafka: idempotence off (default)');
  assert.equal(p.library, 'librdkafka');
  assert.equal(row(p, 'enable.idempotence'), 'enable.idempotence=false <- default: librdkafka default');
  assert.equal(row(p, 'acks'), 'acks=all <- default: librdkafka default');
  assert.equal(row(p, 'max.in.flight'), 'max.in.flight=1000000 <- default: librdkafka default');
});

test("librdkafka: idempotent with adjustments (the client's), a conflict refuses the producer, transactional.id implies idempotence", () => {
  const on = one('kcat.properties', `${KCAT}enable.idempotence=true\n`);
  assert.equal(on.label, 'librdkafka: idempotent producer (enable.idempotence=true, line 2)');
  assert.equal(row(on, 'max.in.flight'), 'max.in.flight=5 <- client: adjusted by librdkafka');
  assert.ok(on.notes.includes(service.MIN_ISR_NOTE));

  const bad = one('kcat.properties', `${KCAT}enable.idempotence=true\nrequest.required.acks=1\n`);
  assert.equal(bad.state, 'fails');
  assert.equal(bad.label, 'librdkafka: producer will not start: acks must be all');
  assert.equal(row(bad, 'acks'), 'acks=1 <- line: line 3');
  assert.equal(setting(bad, 'acks').note, 'written as request.required.acks');
  assert.deepEqual(bad.events, [
    'rd_kafka_new fails: "`acks` must be set to `all` when `enable.idempotence` is true" (request.required.acks=1)',
  ]);

  const txn = one('kcat.properties', `${KCAT}transactional.id=x\ntransaction.timeout.ms=30000\n`);
  assert.equal(txn.label, 'librdkafka: idempotent producer (transactional.id)');
  assert.equal(row(txn, 'enable.idempotence'), 'enable.idempotence=true <- client: turned on by transactional.id');
  assert.equal(row(txn, 'message.timeout.ms'), 'message.timeout.ms=30000 <- client: adjusted by librdkafka');
  assert.equal(row(txn, 'socket.timeout.ms'), 'socket.timeout.ms=29900 <- client: adjusted by librdkafka');
});

test('node-rdkafka: a topic key in the global config is replaced by the topic config, and the document says so', () => {
  const text =
    "const Kafka = require('node-rdkafka');\nconst producer = new Kafka.Producer({ 'metadata.broker.list': 'x', 'enable.idempotence': true, acks: 1 });\n";
  const p = one('p.js', text);
  assert.equal(p.library, 'node-rdkafka (librdkafka)');
  assert.equal(p.state, 'idempotent');
  assert.equal(p.label, 'node-rdkafka: idempotent producer (enable.idempotence=true, line 2)');
  const acks = setting(p, 'acks');
  assert.deepEqual([acks.value, acks.origin], ['all', 'client']);
  assert.match(acks.note!, /acks=1 \(line 2\) is replaced by the separate topic configuration/);
});

test("confluent-kafka-javascript (KafkaJS API): the library's KafkaJS-mode defaults are framework origins", () => {
  const text =
    "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['x'] } });\nconst producer = kafka.producer({ kafkaJS: { idempotent: true } });\n";
  const p = one('p.ts', text);
  assert.equal(p.dialectLabel, 'confluent-kafka-javascript (KafkaJS API)');
  assert.equal(p.label, 'confluent-kafka-javascript: idempotent producer (enable.idempotence=true, line 3)');
  assert.equal(row(p, 'retries'), 'retries=5 <- framework: set by confluent-kafka-javascript: retry.retries defaults to 5 in KafkaJS mode');
});

// ---------------------------------------------------------------------------------------------
// KafkaJS

const KJS = "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['x'], retry: { retries: 8 } });\n";

test('KafkaJS: idempotent; retries merged from new Kafka(); a send with acks 1 is rejected', () => {
  const ok = one('p.ts', `${KJS}const producer = kafka.producer({ idempotent: true });\n`);
  assert.equal(ok.state, 'idempotent');
  assert.equal(ok.label, 'KafkaJS: idempotent producer');
  assert.equal(row(ok, 'retry.retries'), 'retry.retries=8 <- line: line 2, new Kafka()');
  assert.equal(row(ok, 'idempotent'), 'idempotent=true <- line: line 3');

  const bad = one(
    'p.ts',
    `${KJS}const producer = kafka.producer({ idempotent: true });\nawait producer.send({ topic: 't', messages: [], acks: 1 });\n`,
  );
  assert.equal(bad.state, 'fails');
  assert.equal(bad.label, 'KafkaJS rejects send() on line 4: acks must be -1');
  assert.equal(row(bad, 'acks of send()'), 'acks of send()=1 <- line: line 4');
  assert.deepEqual(bad.events, [
    `Logs a warning: "Limiting retries for the idempotent producer may invalidate EoS guarantees"`,
    `send() on line 4 rejects: "Not requiring ack for all messages invalidates the idempotent producer's EoS guarantees"`,
  ]);
});

test("KafkaJS: off by default; the retrier's default of 5; producer() throws for retries 0", () => {
  const off = one(
    'p.ts',
    "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['x'] });\nconst producer = kafka.producer();\n",
  );
  assert.equal(off.state, 'not-idempotent');
  assert.equal(off.label, 'KafkaJS: idempotence off (default)');
  assert.equal(row(off, 'retry.retries'), 'retry.retries=5 <- default: KafkaJS default');
  const thr = one(
    'p.ts',
    "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['x'] });\nconst producer = kafka.producer({ idempotent: true, retry: { retries: 0 } });\n",
  );
  assert.equal(thr.state, 'fails');
  assert.equal(thr.label, 'KafkaJS: producer() throws: retries must be at least 1 with idempotent');
});

// ---------------------------------------------------------------------------------------------
// the document

test('the effective-configuration document: state, a table of every setting with its origin, events, the min.insync.replicas fact', () => {
  const p = one('application.yml', 'spring:\n  kafka:\n    producer:\n      transaction-id-prefix: tx-\n      acks: all\n', {
    kafkaClientsVersion: '3.9.0',
    kafkaClientsVersionSource: '/repo/pom.xml:20 (org.apache.kafka:kafka-clients 3.9.0)',
  });
  const doc = service.effectiveDocument(p, '/repo/src/main/resources/application.yml', [
    { line: 5, severity: 'info', ruleId: 'x-rule', message: 'a | b' },
  ]);
  const lines = doc.split('\n');
  assert.equal(lines[0], '# Effective producer configuration: Spring Boot producer');
  assert.equal(lines[2], 'application.yml, line 4 · Spring Boot · kafka-clients 3.9.0 (pom.xml)');
  assert.equal(lines[4], '**Idempotent producer · kafka-clients 3.9.0 (pom.xml)**');
  assert.ok(lines.includes('Client version from /repo/pom.xml:20 (org.apache.kafka:kafka-clients 3.9.0).'));
  assert.ok(lines.includes('| `enable.idempotence` | `true` | set by Spring Kafka (transaction-id-prefix) |'), doc);
  assert.ok(lines.includes('| `acks` | `all` | line 5 |'), doc);
  assert.ok(
    lines.includes(
      '| `transactional.id` | `tx-…` | spring.kafka.producer.transaction-id-prefix, line 4 — a transaction-id-prefix: each producer gets the prefix followed by a number |',
    ),
    doc,
  );
  assert.ok(lines.includes('- line 5, info `x-rule`: a | b'), 'findings are listed with their messages');
  assert.ok(lines.includes(`- ${service.MIN_ISR_NOTE}`));
  // every setting row has three cells: a pipe in a value is escaped
  const q = one('producer.properties', 'acks=all\ntransactional.id=a|b\n');
  assert.ok(service.effectiveDocument(q, 'producer.properties').includes('| `transactional.id` | `a\\|b` | line 2 |'));
});

test("every example file: each block has a state and a label, and the state agrees with the findings' consequences", () => {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]));
  let blocks = 0;
  for (const f of walk(path.join(ROOT, 'examples')).filter((x) => service.formatOf({ fileName: x }))) {
    const text = readFileSync(f, 'utf8');
    const settings = settingsWith();
    const r = service.lint({ fileName: f, text }, settings);
    for (const p of service.effectiveProducers(r, text, settings)) {
      blocks++;
      assert.ok(p.label.length > 0 && p.settings.length > 0, `${f} ${p.name}`);
      const mine = r.findings.filter((x) => x.block === p.name);
      if (p.state === 'silently-disabled')
        assert.ok(
          mine.some((x) => x.consequence === 'silent-disable'),
          `${f} ${p.name}: ${p.label}`,
        );
      if (p.state === 'fails')
        assert.ok(
          mine.some((x) => x.consequence === 'throws'),
          `${f} ${p.name}: ${p.label}`,
        );
      if (p.state === 'idempotent')
        assert.ok(!mine.some((x) => x.consequence === 'throws' || x.consequence === 'silent-disable'), `${f} ${p.name}: ${p.label}`);
    }
  }
  assert.ok(blocks >= 30, `${blocks} blocks`);
});

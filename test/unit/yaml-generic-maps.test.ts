/**
 * Generic producer maps: YAML mappings (and .properties prefixes) whose keys are raw
 * producer keys become Java-client blocks when the evidence is strong; look-alike keys
 * (a Docker health check's `retries`) stay clean. One verdict per map, named by its path.
 */
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, blockValues, lintText, only, where } from '../support/dialectCase';

describe('recognised', () => {
  const helm = [
    'kafka:',
    '  producers:',
    '    orders:',
    '      config:',
    '        acks: "1"',
    '        linger.ms: 5',
    '    audit:',
    '      config: {enable.idempotence: true, acks: 1}',
    '    payments:',
    '      config:',
    '        enable.idempotence: yes',
    '        transactional.id: payments-1',
    'healthcheck:',
    '  test: ["CMD", "true"]',
    '  retries: 3',
    '',
  ].join('\n');

  test('a Helm values file: one block per producer map, findings name their block', () => {
    const r = lintText('values.yaml', helm);
    assert.deepEqual(
      r.blocks.map((b) => `${b.name}/${b.dialect}/${b.client}`),
      ['kafka.producers.orders.config/java/java', 'kafka.producers.audit.config/java/java', 'kafka.producers.payments.config/java/java'],
    );
    assert.deepEqual(where(helm, r), [
      '5:15 warning idempotence-implicit-downgrade',
      '8:48 error idempotence-acks-conflict',
      '11:29 warning yaml-ambiguous-boolean',
    ]);
    assert.match(r.findings[0].message, /\[kafka\.producers\.orders\.config\]$/);
    // `yes` is unknown for a generic map (it depends on who parses the file): no verdict on it
    assert.deepEqual(blockValues(r, 2), ['enable.idempotence=?', 'transactional.id=payments-1']);
  });

  test("fixes keep each map's style: block map in place, flow map in place, YAML 1.1 boolean rewritten", () => {
    const r = lintText('values.yaml', helm);
    assert.equal(applyFix(helm, only(r, 'idempotence-implicit-downgrade')), helm.replace('acks: "1"', 'acks: "all"'));
    assert.equal(
      applyFix(helm, only(r, 'idempotence-implicit-downgrade'), 'Set enable.idempotence=false'),
      helm.replace('        linger.ms: 5\n', '        linger.ms: 5\n        enable.idempotence: false\n'),
    );
    assert.equal(
      applyFix(helm, only(r, 'idempotence-acks-conflict')),
      helm.replace('{enable.idempotence: true, acks: 1}', '{enable.idempotence: true, acks: all}'),
    );
    assert.equal(applyFix(helm, only(r, 'yaml-ambiguous-boolean')), helm.replace('idempotence: yes', 'idempotence: true'));
  });

  test("an app's own prefix in .properties, with a shell-style placeholder default", () => {
    const text = 'app.kafka.producer.acks=${ACKS:-1}\napp.kafka.producer.linger.ms=10\nserver.port=8080\n';
    const r = lintText('application.properties', text);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ['app.kafka.producer'],
    );
    // ${ACKS:-1} defaults to "1" in shell syntax
    assert.deepEqual(where(text, r), ['1:25 warning idempotence-implicit-downgrade']);
    assert.equal(
      applyFix(text, r.findings[0]),
      'app.kafka.producer.acks=${ACKS:-all}\napp.kafka.producer.linger.ms=10\nserver.port=8080\n',
    );
    assert.equal(
      applyFix(text, r.findings[0], 'Set enable.idempotence=false'),
      'app.kafka.producer.acks=${ACKS:-1}\napp.kafka.producer.linger.ms=10\napp.kafka.producer.enable.idempotence=false\nserver.port=8080\n',
    );
  });

  test('nested maps: each key belongs to the nearest producer map', () => {
    const text = 'outer:\n  acks: all\n  enable.idempotence: true\n  inner:\n    acks: 1\n    retries: 0\n    linger.ms: 1\n';
    const r = lintText('kafka.yml', text);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ['outer', 'outer.inner'],
    );
    assert.deepEqual(blockValues(r, 0), ['acks=all', 'enable.idempotence=true']);
    assert.deepEqual(where(text, r), ['5:11 warning idempotence-implicit-downgrade', '6:14 warning idempotence-implicit-downgrade']);
  });

  test('a YAML file of raw producer keys at the top level is named after the file', () => {
    const text = 'bootstrap.servers: b:9092\nacks: 1\nenable.idempotence: true\n';
    const r = lintText('conf/producer.yaml', text);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ['producer.yaml'],
    );
    assert.deepEqual(where(text, r), ['2:7 error idempotence-acks-conflict']);
  });

  test('nested `enable: {idempotence: ...}` counts as enable.idempotence', () => {
    const text = 'producer:\n  enable:\n    idempotence: true\n  acks: 0\n';
    assert.deepEqual(where(text, lintText('app.yml', text)), ['4:9 error idempotence-acks-conflict']);
  });
});

describe('not a producer', () => {
  const clean: Array<[string, string, string]> = [
    [
      'a Docker health check',
      'docker-compose.yml',
      'services:\n  app:\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost"]\n      interval: 10s\n      retries: 3\n',
    ],
    ['a lone acks', 'config.yml', 'notifications:\n  acks: 1\n  channel: email\n'],
    [
      'a consumer map',
      'values.yaml',
      'consumer:\n  group.id: g\n  auto.offset.reset: earliest\n  enable.auto.commit: false\n  max.poll.records: 10\n  acks: 1\n',
    ],
    [
      'a Kubernetes probe',
      'deploy.yaml',
      'spec:\n  containers:\n    - name: app\n      livenessProbe:\n        failureThreshold: 3\n        periodSeconds: 10\n',
    ],
    ['server SSL settings', 'application.properties', 'server.ssl.key-store=ks.p12\nserver.ssl.key-store-password=x\n'],
  ];
  for (const [name, file, text] of clean) {
    test(name, () => {
      const r = lintText(file, text);
      assert.deepEqual([r.blocks.map((b) => b.name), r.findings], [[], []]);
    });
  }

  // Kafka Connect turns idempotence off itself: its producer.* / producer.override.* keys are the Connect
  // dialect's (detect/connect.ts), never a generic map judged as a plain client
  for (const [name, file, text] of [
    [
      'a Connect connector override',
      'connector.properties',
      'connector.class=FileStreamSource\nproducer.override.acks=1\nproducer.override.linger.ms=5\n',
    ],
    ['a Connect worker', 'worker.properties', 'group.id=connect\nconfig.storage.topic=c\nproducer.acks=1\nproducer.linger.ms=5\n'],
  ]) {
    test(`${name} is Kafka Connect's, not a plain client's`, () => {
      const r = lintText(file, text);
      assert.deepEqual([r.blocks.map((b) => b.dialect), r.findings], [['kafka-connect'], []]);
    });
  }

  test("a Spring file's own keys are never a generic map, but an app map next to them is", () => {
    const text =
      'spring:\n  kafka:\n    producer:\n      properties:\n        linger.ms: 5\n        batch.size: 32768\napp:\n  kafka:\n    producer:\n      acks: 1\n      linger.ms: 5\n';
    const r = lintText('application.yml', text);
    assert.deepEqual(
      r.blocks.map((b) => `${b.name}/${b.dialect}`),
      ['Spring Boot producer/spring-boot', 'app.kafka.producer/java'],
    );
    assert.deepEqual(where(text, r), ['10:13 warning idempotence-implicit-downgrade']);
  });
});

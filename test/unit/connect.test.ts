/**
 * Kafka Connect dialect (catalogue §2.3, §3): worker producer.* and connector
 * producer.override.* keys over the values Connect sets itself (by version: acks=all, in-flight 1,
 * enable.idempotence=false from 3.0.2 / 3.1.1 / 3.2...); exactly-once source support forcing idempotence
 * (R-CN3, 3.3+); the override policy when the same file shows it, or its default when it shows the
 * worker (R-CN2). RuleTester cases with exact fix outputs.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { blockValues, lintText } from '../support/dialectCase';
import { service as svc } from '../support/service';

const props = (text: string, fileName = 'connector.properties') => ({ fileName, text });
const CONNECTOR = 'name=jdbc-source\nconnector.class=io.confluent.connect.jdbc.JdbcSourceConnector\n';
const WORKER =
  'bootstrap.servers=kafka:9092\ngroup.id=connect-cluster\nconfig.storage.topic=connect-configs\noffset.storage.topic=connect-offsets\n';

test('recognition: connector.class, or a worker (group.id + storage topics, plugin.path, standalone offsets file)', () => {
  assert.equal(lintText('c.properties', `${CONNECTOR}producer.override.linger.ms=5\n`).blocks[0].dialect, 'kafka-connect');
  assert.equal(lintText('w.properties', `${WORKER}producer.linger.ms=5\n`).blocks[0].dialect, 'kafka-connect');
  assert.equal(lintText('w.properties', 'plugin.path=/opt/connectors\n').blocks[0].dialect, 'kafka-connect');
  assert.equal(lintText('w.properties', 'offset.storage.file.filename=/tmp/o\n').blocks[0].dialect, 'kafka-connect');
});

test('Connect (3.2+) sets idempotence off, acks=all, in-flight 1; the user keys win; top-level keys of a worker are not producer keys', () => {
  const r = lintText('w.properties', `${WORKER}acks=0\nproducer.acks=1\n`);
  assert.deepEqual(blockValues(r), [
    'acks=1',
    'delivery.timeout.ms=2147483647 (injected)',
    'enable.idempotence=false (injected)',
    'max.in.flight.requests.per.connection=1 (injected)',
  ]);
  assert.deepEqual(r.findings, []);
  const c = lintText('c.properties', `${WORKER}producer.acks=1\n${CONNECTOR}producer.override.acks=all\n`);
  assert.equal(c.blocks[0].values.get('acks')?.value, 'all', 'producer.override.* beats the worker producer.*');
});

// found by the Connect oracles (connect-runtime 2.8.2 – 3.3.2)
test('what the worker sets before the user keys, by version', () => {
  const at = (v: string) =>
    blockValues(lintText('w.properties', `${WORKER}producer.linger.ms=5\n`, { kafkaClientsVersion: v })).filter((x) =>
      x.endsWith('(injected)'),
    );
  const base = ['acks=all (injected)', 'delivery.timeout.ms=2147483647 (injected)', 'max.in.flight.requests.per.connection=1 (injected)'];
  assert.deepEqual(at('2.8.2'), [...base.slice(0, 2), ...base.slice(2), 'request.timeout.ms=2147483647 (injected)']);
  assert.deepEqual(at('2.0.1'), [
    'acks=all (injected)',
    'max.in.flight.requests.per.connection=1 (injected)',
    'request.timeout.ms=2147483647 (injected)',
    'retries=2147483647 (injected)',
  ]);
  // KAFKA-13759: enable.idempotence=false from 3.0.2 and 3.1.1 (and 3.2)
  for (const v of ['3.0.0', '3.0.1', '3.1.0']) assert.deepEqual(at(v), base, v);
  for (const v of ['3.0.2', '3.1.1', '3.2.3', '3.9.2'])
    assert.deepEqual(at(v), [...base.slice(0, 2), 'enable.idempotence=false (injected)', base[2]], v);
});

test('3.0.1: Connect leaves idempotence to kafka-clients 3.0.1, which turns it on (acks=all, one request in flight)', () => {
  const r = lintText('w.properties', `${WORKER}producer.linger.ms=5\n`, { kafkaClientsVersion: '3.0.1' });
  const e = svc.effectiveJavaConfig(r.blocks[0], svc.parseVersion('3.0.1')!);
  assert.deepEqual([e.outcome, e.acks, e.maxInFlight], ['idempotent', '-1', 1]);
  // and producer.acks=1 silently disables it
  const d = lintText('w.properties', `${WORKER}producer.acks=1\n`, { kafkaClientsVersion: '3.0.1' });
  assert.deepEqual(
    d.findings.map((f) => f.ruleId),
    ['idempotence-implicit-downgrade'],
  );
});

test('exactly.once.source.support is a 3.3 setting: earlier workers do not know it', () => {
  const text = `${WORKER}exactly.once.source.support=enabled\nproducer.acks=1\n`;
  assert.deepEqual(lintText('w.properties', text, { kafkaClientsVersion: '3.2.3' }).findings, []);
  assert.ok(blockValues(lintText('w.properties', text, { kafkaClientsVersion: '3.3.2' })).includes('enable.idempotence=true (injected)'));
});

ruleTester('idempotence-acks-conflict', {
  valid: [
    props(`${CONNECTOR}producer.override.acks=1\n`),
    props(`${CONNECTOR}producer.override.enable.idempotence=true\n`),
    props(`${WORKER}producer.enable.idempotence=true\nproducer.acks=all\n`, 'connect-distributed.properties'),
  ],
  invalid: [
    {
      ...props(`${CONNECTOR}producer.override.enable.idempotence=true\nproducer.override.acks=1\n`),
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          line: 4,
          column: 24,
          message:
            'kafka-clients 3.9 refuses to start the producer: "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence." (enable.idempotence is set explicitly (producer.override.enable.idempotence, line 3), so the conflict is fatal instead of silently disabling idempotence).',
          fixes: [
            { title: 'Set acks=all', output: `${CONNECTOR}producer.override.enable.idempotence=true\nproducer.override.acks=all\n` },
            {
              title: /^Set enable.idempotence=false/,
              output: `${CONNECTOR}producer.override.enable.idempotence=false\nproducer.override.acks=1\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'exactly-once source support makes idempotence explicit',
      ...props(`${WORKER}exactly.once.source.support=enabled\nproducer.acks=1\n`, 'connect-distributed.properties'),
      findings: [
        {
          line: 6,
          column: 15,
          includes: 'Kafka Connect (exactly.once.source.support=enabled) sets enable.idempotence explicitly',
          output: `${WORKER}exactly.once.source.support=enabled\nproducer.acks=all\n`,
        },
      ],
    },
  ],
});

ruleTester('connect-eos-forced-producer-configs', {
  valid: [
    props(`${WORKER}exactly.once.source.support=enabled\nproducer.enable.idempotence=true\n`, 'w.properties'),
    props(`${WORKER}exactly.once.source.support=preparing\nproducer.enable.idempotence=false\n`, 'w.properties'),
  ],
  invalid: [
    {
      ...props(
        `${WORKER}exactly.once.source.support=enabled\nproducer.enable.idempotence=false\nproducer.transactional.id=mine\n`,
        'w.properties',
      ),
      findings: [
        {
          severity: 'warning',
          line: 6,
          column: 1,
          consequence: 'ignored',
          message:
            "producer.enable.idempotence is ignored for source tasks: with exactly.once.source.support=enabled Kafka Connect sets enable.idempotence=true for their producers. The worker logs WARN \"The value 'false' for the 'enable.idempotence' property will be ignored as it cannot be overridden for connectors when exactly-once source support is enabled. The value 'true' will be used instead.\"",
          output: `${WORKER}exactly.once.source.support=enabled\nproducer.transactional.id=mine\n`,
        },
        {
          line: 7,
          message:
            'producer.transactional.id is ignored for source tasks: with exactly.once.source.support=enabled Kafka Connect sets transactional.id=connect-cluster-${connector}-${task} for their producers. The worker logs a WARN that the value is ignored.',
          output: `${WORKER}exactly.once.source.support=enabled\nproducer.enable.idempotence=false\n`,
        },
      ],
    },
  ],
});

const POLICY = (p: string) => `plugin.path=/opt/connectors\nconnector.client.config.override.policy=${p}\n`;
ruleTester('connect-override-policy', {
  valid: [
    props(`${POLICY('All')}${CONNECTOR}producer.override.enable.idempotence=true\n`),
    props(`${POLICY('Principal')}${CONNECTOR}producer.override.sasl.mechanism=PLAIN\n`),
    props(`${CONNECTOR}producer.override.enable.idempotence=true\n`),
    {
      name: 'the default policy from 3.0 is All',
      ...props(`plugin.path=/opt/connectors\n${CONNECTOR}producer.override.acks=all\n`),
      settings: { kafkaClientsVersion: '3.0.2' },
    },
    {
      name: "a connector alone: its worker's policy is not known",
      ...props(`${CONNECTOR}producer.override.acks=all\n`),
      settings: { kafkaClientsVersion: '2.8.2' },
    },
  ],
  invalid: [
    {
      // the Connect 2.8.2 oracle: before 3.0 (KIP-722) a worker without a policy has None
      name: 'before 3.0 a worker shown without a policy rejects every override',
      ...props(`plugin.path=/opt/connectors\n${CONNECTOR}producer.override.acks=all\n`),
      settings: { kafkaClientsVersion: '2.8.2' },
      findings: [
        {
          severity: 'error',
          line: 4,
          consequence: 'throws',
          message:
            "Kafka Connect rejects this connector configuration: \"The 'None' policy does not allow 'acks' to be overridden in the connector configuration.\" (connector.client.config.override.policy is not set: its default before Kafka Connect 3.0 is None).",
          fixes: [{ title: 'Remove producer.override.acks', output: `plugin.path=/opt/connectors\n${CONNECTOR}` }],
        },
      ],
    },
    {
      ...props(`${POLICY('None')}${CONNECTOR}producer.override.enable.idempotence=true\n`),
      findings: [
        {
          severity: 'error',
          line: 5,
          column: 1,
          consequence: 'throws',
          message:
            "Kafka Connect rejects this connector configuration: \"The 'None' policy does not allow 'enable.idempotence' to be overridden in the connector configuration.\" (connector.client.config.override.policy=None).",
          fixes: [
            {
              title: 'Set connector.client.config.override.policy=All (the default since 3.0)',
              output: `${POLICY('All')}${CONNECTOR}producer.override.enable.idempotence=true\n`,
            },
            { title: 'Remove producer.override.enable.idempotence', output: `${POLICY('None')}${CONNECTOR}` },
          ],
        },
      ],
    },
  ],
});

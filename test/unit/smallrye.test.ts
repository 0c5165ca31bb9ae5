/**
 * Quarkus / SmallRye Kafka connector dialect (catalogue R-F3, §3): one block per outgoing channel
 * (and per profile touching it), kafka.* < mp.messaging.connector.smallrye-kafka.* < channel keys,
 * the connector's acks default "1" injected. RuleTester cases with exact fix outputs.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { blockValues, lintText } from '../support/dialectCase';

const props = (text: string, fileName = 'application.properties') => ({ fileName, text });
const CH = 'mp.messaging.outgoing.orders.connector=smallrye-kafka\n';

test('one block per Kafka channel and per profile that touches it; other connectors are not Kafka', () => {
  const r = lintText(
    'application.properties',
    `${CH}mp.messaging.outgoing.mail.connector=smtp\nmp.messaging.outgoing.mail.acks=1\nmp.messaging.outgoing.audit.connector=smallrye-kafka\n%prod.mp.messaging.outgoing.audit.acks=all\n`,
  );
  assert.deepEqual(
    r.blocks.map((b) => b.name),
    ["channel 'orders'", "channel 'audit' (profiles other than 'prod')", "channel 'audit' (profile 'prod')"],
  );
});

test('precedence: acks default 1 < kafka.* < connector-level < channel; profile keys beat default keys', () => {
  assert.deepEqual(blockValues(lintText('a.properties', CH)), ['acks=1 (injected)']);
  assert.deepEqual(blockValues(lintText('a.properties', `kafka.acks=0\n${CH}`)), ['acks=0']);
  assert.deepEqual(blockValues(lintText('a.properties', `kafka.acks=0\nmp.messaging.connector.smallrye-kafka.acks=-1\n${CH}`)), [
    'acks=-1',
  ]);
  assert.deepEqual(blockValues(lintText('a.properties', `mp.messaging.outgoing.orders.acks=all\nkafka.acks=0\n${CH}`)), ['acks=all']);
  const p = lintText('a.properties', `${CH}%prod.mp.messaging.outgoing.orders.acks=all\nmp.messaging.outgoing.orders.acks=0\n`);
  assert.deepEqual(blockValues(p, 1), ['acks=all']);
});

test('a channel without a connector is Kafka when the file configures Kafka', () => {
  assert.equal(
    lintText('a.properties', 'kafka.bootstrap.servers=k:9092\nmp.messaging.outgoing.orders.topic=o\n').blocks[0]?.dialect,
    'smallrye-kafka',
  );
  assert.notEqual(lintText('a.properties', 'mp.messaging.outgoing.orders.topic=o\n').blocks[0]?.dialect, 'smallrye-kafka');
});

ruleTester('smallrye-acks-default-1', {
  valid: [
    props(`${CH}mp.messaging.outgoing.orders.acks=all\n`),
    props(`kafka.acks=all\n${CH}`),
    props(`${CH}mp.messaging.outgoing.orders.enable.idempotence=false\n`),
    { ...props(CH), settings: { kafkaClientsVersion: '2.8' } },
  ],
  invalid: [
    {
      ...props(`${CH}mp.messaging.outgoing.orders.topic=orders\n`),
      findings: [
        {
          severity: 'warning',
          line: 1,
          column: 1,
          consequence: 'silent-disable',
          message:
            "Channel 'orders' sets no acks, so the SmallRye Kafka connector puts its default acks=1 into the producer config, and kafka-clients 4.x (latest) silently disables idempotence: it only logs INFO \"Idempotence will be disabled because acks is set to 1, not set to 'all'.\". Only the partition leader acknowledges, so a leader failover can lose acknowledged records, and a retried batch can be written twice.",
          fixes: [
            {
              title: 'Set mp.messaging.outgoing.orders.acks=all',
              output: `${CH}mp.messaging.outgoing.orders.topic=orders\nmp.messaging.outgoing.orders.acks=all\n`,
            },
            {
              title: /^Set enable.idempotence=false/,
              output: `${CH}mp.messaging.outgoing.orders.topic=orders\nmp.messaging.outgoing.orders.enable.idempotence=false\n`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('idempotence-acks-conflict', {
  valid: [props(`${CH}mp.messaging.outgoing.orders.enable.idempotence=true\nmp.messaging.outgoing.orders.acks=all\n`)],
  invalid: [
    {
      name: 'enable.idempotence=true on the channel and the injected acks=1: refuses to start',
      ...props(`${CH}mp.messaging.outgoing.orders.enable.idempotence=true\n`),
      findings: [
        {
          line: 2,
          column: 1,
          includes: 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
          fixes: [
            {
              title: 'Set acks=all',
              output: `${CH}mp.messaging.outgoing.orders.enable.idempotence=true\nmp.messaging.outgoing.orders.acks=all\n`,
            },
            { title: /^Set enable.idempotence=false/, output: `${CH}mp.messaging.outgoing.orders.enable.idempotence=false\n` },
          ],
        },
      ],
    },
  ],
});

ruleTester('transactional-id-requires-idempotence', {
  valid: [props(`${CH}mp.messaging.outgoing.orders.transactional.id=tx\nmp.messaging.outgoing.orders.acks=all\n`)],
  invalid: [
    {
      ...props(`${CH}mp.messaging.outgoing.orders.transactional.id=tx\n`),
      findings: [
        {
          line: 2,
          column: 1,
          message:
            'kafka-clients 4.x (latest) refuses to start the producer: "Cannot set a transactional.id without also enabling idempotence." Idempotence was first silently disabled by acks=1 (set by the SmallRye Kafka connector (its acks attribute defaults to 1)), because enable.idempotence is not set explicitly.',
          fixes: [
            {
              title: 'Set acks=all',
              output: `${CH}mp.messaging.outgoing.orders.transactional.id=tx\nmp.messaging.outgoing.orders.acks=all\n`,
            },
            { title: 'Remove transactional.id (no transactions)', output: CH },
          ],
        },
      ],
    },
  ],
});

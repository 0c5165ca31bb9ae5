/**
 * Micronaut Kafka dialect: kafka.producers.<id>.* (raw keys) over the global kafka.* keys, one
 * block per id; fixes write into the producer's own map. RuleTester cases with exact outputs.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { blockValues, lintText } from '../support/dialectCase';

const yml = (text: string, fileName = 'application.yml') => ({ fileName, text });
const BASE = 'kafka:\n  bootstrap.servers: k:9092\n  acks: 1\n  producers:\n';

test('a block per producer id, its own keys over the global kafka.* keys', () => {
  const r = lintText('application.yml', `${BASE}    orders:\n      acks: all\n    audit:\n      linger.ms: 5\n`);
  assert.deepEqual(
    r.blocks.map((b) => `${b.name}/${b.dialect}`),
    ["producer 'orders'/micronaut", "producer 'audit'/micronaut"],
  );
  assert.deepEqual(blockValues(r, 0), ['acks=all', 'bootstrap.servers=k:9092']);
  assert.deepEqual(blockValues(r, 1), ['acks=1', 'bootstrap.servers=k:9092', 'linger.ms=5']);
});

test('.properties form; only application[-env] files', () => {
  const r = lintText('application-prod.properties', 'kafka.producers.orders.acks=0\nkafka.producers.orders.linger.ms=5\n');
  assert.equal(r.blocks[0].dialect, 'micronaut');
  assert.notEqual(lintText('values.yaml', `${BASE}    orders:\n      acks: all\n      linger.ms: 5\n`).blocks[0]?.dialect, 'micronaut');
});

ruleTester('idempotence-acks-conflict', {
  valid: [yml(`${BASE}    orders:\n      enable.idempotence: true\n      acks: all\n`)],
  invalid: [
    {
      name: 'the global acks reaches the named producer; the fix sets acks in its own map',
      ...yml(`${BASE}    orders:\n      enable.idempotence: true\n`),
      findings: [
        {
          line: 3,
          column: 9,
          includes: '(enable.idempotence is set explicitly (kafka.producers.orders.enable.idempotence, line 6)',
          fixes: [
            { title: 'Set acks=all', output: `${BASE}    orders:\n      enable.idempotence: true\n      acks: all\n` },
            { title: /^Set enable.idempotence=false/, output: `${BASE}    orders:\n      enable.idempotence: false\n` },
          ],
        },
      ],
    },
  ],
});

ruleTester('idempotence-implicit-downgrade', {
  valid: [yml(`${BASE}    orders:\n      acks: all\n      linger.ms: 5\n`)],
  invalid: [
    {
      ...yml('kafka:\n  producers:\n    orders:\n      acks: 1\n      linger.ms: 5\n'),
      findings: [
        {
          line: 4,
          column: 13,
          fixes: [
            { title: 'Set acks=all', output: 'kafka:\n  producers:\n    orders:\n      acks: all\n      linger.ms: 5\n' },
            {
              title: /^Set enable.idempotence=false/,
              output: 'kafka:\n  producers:\n    orders:\n      acks: 1\n      linger.ms: 5\n      enable.idempotence: false\n',
            },
          ],
        },
      ],
    },
  ],
});

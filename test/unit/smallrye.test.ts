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

test('spellings as the connector reads them: kafka.* any case; a channel environment-variable spelling only where the key is set nowhere, never acks', () => {
  const v = (text: string, i = 0) => blockValues(lintText('application.properties', text), i);
  const O = 'mp.messaging.outgoing.orders.';
  // Quarkus' default Kafka map: every kafka.* name lower-cased, `_` turned into `.`
  assert.deepEqual(v(`kafka.ACKS=0\n${CH}`), ['acks=0']);
  assert.deepEqual(v(`kafka.Enable.Idempotence=false\n${CH}`), ['acks=1 (injected)', 'enable.idempotence=false']);
  // the connector's acks attribute reads only `acks`: ACKS in a channel is overwritten by the default 1
  assert.deepEqual(v(`${CH}${O}ACKS=0\n`), ['acks=1 (injected)']);
  assert.deepEqual(v(`kafka.acks=all\n${CH}${O}ACKS=0\n`), ['acks=all']);
  // another key's environment-variable spelling is read when the key is set nowhere
  assert.deepEqual(v(`${CH}${O}MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION=10\n`), [
    'acks=1 (injected)',
    'max.in.flight.requests.per.connection=10',
  ]);
  // ... and the key itself wins whatever the order, also from kafka.* or the connector
  for (const exact of [
    `${O}max.in.flight.requests.per.connection=3\n`,
    'kafka.max.in.flight.requests.per.connection=3\n',
    'kafka.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION=3\n',
    'mp.messaging.connector.smallrye-kafka.max.in.flight.requests.per.connection=3\n',
  ]) {
    assert.deepEqual(
      v(`${CH}${O}MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION=10\n${exact}`),
      ['acks=1 (injected)', 'max.in.flight.requests.per.connection=3'],
      exact,
    );
    assert.deepEqual(
      v(`${CH}${exact}${O}MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION=10\n`),
      ['acks=1 (injected)', 'max.in.flight.requests.per.connection=3'],
      exact,
    );
  }
  // a profile's ACKS changes nothing either
  assert.deepEqual(v(`${CH}${O}acks=all\n%prod.${O}ACKS=0\n`, 0), ['acks=all']);
  // two spellings read in a hash set's order: unknown unless they agree
  assert.deepEqual(v(`kafka.acks=all\nkafka.ACKS=0\n${CH}`), ['acks=?']);
  assert.deepEqual(v(`kafka.acks=all\nkafka.ACKS=all\n${CH}`), ['acks=all']);
  assert.deepEqual(v(`${CH}${O}MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION=10\n${O}max_in_flight_requests_per_connection=3\n`), [
    'acks=1 (injected)',
    'max.in.flight.requests.per.connection=?',
  ]);
});

test('YAML: a key holding dots is one element for SmallRye Config, so it sets nothing; the nested form does', () => {
  const y = (body: string) =>
    lintText('application.yaml', `mp:\n  messaging:\n    outgoing:\n      orders:\n        connector: smallrye-kafka\n${body}`);
  assert.deepEqual(blockValues(y('        enable.idempotence: false\n        acks: all\n')), ['acks=all']);
  assert.deepEqual(blockValues(y('        enable:\n          idempotence: false\n        acks: all\n')), [
    'acks=all',
    'enable.idempotence=false',
  ]);
  // under kafka: and as one top-level name too
  const k = lintText(
    'application.yaml',
    'kafka:\n  enable.idempotence: false\nmp.messaging.outgoing.orders.acks: 0\nmp:\n  messaging:\n    outgoing:\n      orders:\n        connector: smallrye-kafka\n',
  );
  assert.deepEqual(blockValues(k), ['acks=1 (injected)']);
  assert.deepEqual(
    k.findings.filter((f) => f.ruleId === 'smallrye-yaml-dotted-key').map((f) => f.severity),
    ['warning', 'warning'],
  );
});

const YCH = 'mp:\n  messaging:\n    outgoing:\n      orders:\n        connector: smallrye-kafka\n';

ruleTester('smallrye-yaml-dotted-key', {
  valid: [
    { fileName: 'application.yaml', text: `${YCH}        acks: all\n        enable:\n          idempotence: true\n` },
    // a .properties file has no such thing; a mixed-case or environment-variable spelling is not a dotted YAML key
    props(`${CH}mp.messaging.outgoing.orders.enable.idempotence=true\n`),
    { fileName: 'application.yaml', text: `${YCH}        ENABLE_IDEMPOTENCE: true\n` },
  ],
  invalid: [
    {
      name: 'under the channel: moved into the nested form, next to the channel keys',
      fileName: 'application.yaml',
      text: `${YCH}        enable.idempotence: false\n        acks: all\n`,
      findings: [
        {
          severity: 'warning',
          line: 6,
          column: 9,
          consequence: 'ignored',
          message:
            'SmallRye Config\'s YAML source reads a key holding dots as one element: this line is mp.messaging.outgoing.orders."enable.idempotence", not mp.messaging.outgoing.orders.enable.idempotence, so the producer gets the key \'"enable.idempotence"\' (quotes included), which is not a producer config, and ignores it. enable.idempotence is not set here; write the key one element per level (nested) for SmallRye to read it.',
          fixes: [
            {
              title: 'Write mp.messaging.outgoing.orders.enable.idempotence nested (one key per element)',
              output: `${YCH}        acks: all\n        enable:\n          idempotence: false\n`,
            },
          ],
        },
      ],
    },
    {
      name: "the channel's only key: rewritten in place (removing it would remove the channel's line)",
      fileName: 'application.yaml',
      text: 'kafka:\n  bootstrap:\n    servers: k:9092\nmp:\n  messaging:\n    outgoing:\n      orders:\n        max.in.flight.requests.per.connection: 10\n',
      findings: [
        {
          line: 8,
          column: 9,
          includes: 'max.in.flight.requests.per.connection is not set here',
          fixes: [
            {
              title: 'Write mp.messaging.outgoing.orders.max.in.flight.requests.per.connection nested (one key per element)',
              output:
                'kafka:\n  bootstrap:\n    servers: k:9092\nmp:\n  messaging:\n    outgoing:\n      orders:\n        max:\n          in:\n            flight:\n              requests:\n                per:\n                  connection: 10\n',
            },
          ],
        },
      ],
    },
    {
      name: 'under kafka:, into the existing `enable:` map',
      fileName: 'application.yaml',
      text: `kafka:\n  enable:\n    foo: x\n  enable.idempotence: false\n${YCH}        acks: all\n`,
      findings: [
        {
          line: 4,
          column: 3,
          includes: 'the producer gets the key \'"enable.idempotence"\'',
          fixes: [
            {
              title: 'Write kafka.enable.idempotence nested (one key per element)',
              output: `kafka:\n  enable:\n    foo: x\n    idempotence: false\n${YCH}        acks: all\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a whole name as one top-level key: read by nothing; written into the maps the file has',
      fileName: 'application.yaml',
      text: `mp.messaging.outgoing.orders.transactional.id: tx\n${YCH}        acks: all\n`,
      findings: [
        {
          line: 1,
          column: 1,
          includes:
            'this line is "mp.messaging.outgoing.orders.transactional.id", not mp.messaging.outgoing.orders.transactional.id, so no channel, connector or Kafka configuration reads that name',
          fixes: [
            {
              title: 'Write mp.messaging.outgoing.orders.transactional.id nested (one key per element)',
              output: `${YCH}        acks: all\n        transactional:\n          id: tx\n`,
            },
          ],
        },
      ],
    },
    {
      name: "a profile's dotted key: that profile's block reports it",
      fileName: 'application.yaml',
      text: `${YCH}        acks: all\n"%prod":\n  mp:\n    messaging:\n      outgoing:\n        orders:\n          enable.idempotence: false\n`,
      findings: [
        {
          line: 12,
          column: 11,
          message: /mp\.messaging\.outgoing\.orders\."enable\.idempotence".*\[channel 'orders' \(profile 'prod'\)\]$/,
          fixes: [
            {
              title: 'Write %prod.mp.messaging.outgoing.orders.enable.idempotence nested (one key per element)',
              output: `${YCH}        acks: all\n"%prod":\n  mp:\n    messaging:\n      outgoing:\n        orders:\n          enable:\n            idempotence: false\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a producer key outside the delivery settings: an info',
      fileName: 'application.yaml',
      text: `${YCH}        acks: all\n        batch.size: 65536\n`,
      findings: [
        {
          severity: 'info',
          line: 7,
          column: 9,
          includes: '"batch.size"',
          fixes: [{ title: /nested/, output: `${YCH}        acks: all\n        batch:\n          size: 65536\n` }],
        },
      ],
    },
  ],
});

ruleTester('smallrye-acks-default-1', {
  valid: [{ fileName: 'application.yaml', text: `${YCH}        acks: all\n` }],
  invalid: [
    {
      name: 'YAML: the fix writes acks into the channel map, nested',
      fileName: 'application.yaml',
      text: `${YCH}        topic: orders\n`,
      findings: [
        {
          line: 5,
          column: 9,
          includes: "Channel 'orders' sets no acks",
          fixes: [
            { title: 'Set mp.messaging.outgoing.orders.acks=all', output: `${YCH}        topic: orders\n        acks: all\n` },
            {
              title: /^Set enable.idempotence=false/,
              output: `${YCH}        topic: orders\n        enable:\n          idempotence: false\n`,
            },
          ],
        },
      ],
    },
  ],
});

test('two kafka.* spellings that disagree stay unknown when a blank channel key lets the kafka.* level show through', () => {
  const head = CH + 'mp.messaging.outgoing.orders.acks=all\nkafka.retries=5\nkafka.RETRIES=0\n';
  for (const extra of ['', 'mp.messaging.outgoing.orders.retries=\n']) {
    const r = lintText('application.properties', head + extra);
    assert.equal(r.blocks.length, 1);
    const retries = r.blocks[0].values.get('retries');
    assert.equal(retries?.kind, 'unknown', JSON.stringify(extra));
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      [],
      JSON.stringify(extra),
    );
  }
  // a channel value decides whatever the kafka.* spellings say
  const r = lintText('application.properties', head + 'mp.messaging.outgoing.orders.retries=3\n');
  assert.equal(r.blocks[0].values.get('retries')?.value, '3');
});

test('a dotted kafka.* YAML key is reported once, not once per channel', () => {
  const text = [
    'kafka:',
    '  bootstrap.servers: localhost:9092',
    'mp:',
    '  messaging:',
    '    outgoing:',
    '      a:',
    '        connector: smallrye-kafka',
    '      b:',
    '        connector: smallrye-kafka',
    '        enable.idempotence: true',
    '',
  ].join('\n');
  const r = lintText('application.yaml', text);
  const dotted = r.findings.filter((f) => f.ruleId === 'smallrye-yaml-dotted-key');
  assert.deepEqual(
    dotted.map((f) => [f.block, f.severity, text.slice(f.span.start, f.span.start + 17)]),
    [
      ["channel 'a'", 'info', 'bootstrap.servers'],
      ["channel 'b'", 'warning', 'enable.idempotenc'],
    ],
  );
});

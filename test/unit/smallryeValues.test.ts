/**
 * The values the SmallRye Kafka connector hands its producer (detect/smallryeValues.ts): empty values read as no value
 * at the channel and connector levels, `""` in kafka.*; a `${X}` without a default that the file does not decide; and
 * JsonHelper's Integer / Double / text conversion (`9223372036854775807` reaches the producer as `9.223372036854776E18`).
 * Verified against smallrye-reactive-messaging-kafka 4.33.0 by the SmallRye oracle.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { blockValues, lintText } from '../support/dialectCase';
import { load } from '../support';

const { connectorText, javaDoubleText } = load('service/detect/smallryeValues');
const props = (text: string) => ({ fileName: 'application.properties', text });
const CH = 'mp.messaging.outgoing.orders.connector=smallrye-kafka\n';
const OUT = 'mp.messaging.outgoing.orders.';

test("JsonHelper's conversion: an Integer's text, else a Double's (Java's Double.toString), else the trimmed text", () => {
  const cases: Array<[string, string]> = [
    ['5', '5'],
    ['+5', '5'],
    [' 6', '6'],
    ['007', '7'],
    ['-0', '0'],
    ['2147483647', '2147483647'],
    ['2147483648', '2.147483648E9'],
    ['9223372036854775807', '9.223372036854776E18'],
    ['-2147483649', '-2.147483649E9'],
    ['1.5', '1.5'],
    ['1e3', '1000.0'],
    ['1.5f', '1.5'],
    ['10000000', '10000000'],
    ['1e7', '1.0E7'],
    ['0.0001', '1.0E-4'],
    ['0x1p3', '8.0'],
    ['NaN', 'NaN'],
    ['TRUE', 'true'],
    [' False ', 'false'],
    ['all ', 'all'],
    ['   ', ''],
    ['five', 'five'],
  ];
  for (const [written, handed] of cases) assert.equal(connectorText(written), handed, written);
  assert.equal(javaDoubleText(-0), '-0.0');
  assert.equal(javaDoubleText(Infinity), 'Infinity');
});

test('an empty value is no value at the channel and connector levels: the level below shows through', () => {
  assert.deepEqual(blockValues(lintText('a.properties', `kafka.retries=3\n${OUT}retries=\n${CH}`)), ['acks=1 (injected)', 'retries=3']);
  assert.deepEqual(
    blockValues(lintText('a.properties', `kafka.retries=3\nmp.messaging.connector.smallrye-kafka.retries=\n${OUT}retries=\n${CH}`)),
    ['acks=1 (injected)', 'retries=3'],
  );
  // an empty acks leaves the connector's default
  assert.deepEqual(blockValues(lintText('a.properties', `${OUT}acks=\n${CH}`)), ['acks=1 (injected)']);
  // a profile's empty key still hides the unprefixed key of its name (SmallRye Config picks it before reading it)
  const p = lintText('a.properties', `${CH}kafka.retries=3\n%prod.${OUT}retries=\n${OUT}retries=0\n`);
  assert.deepEqual(blockValues(p, 0), ['acks=1 (injected)', 'retries=0']);
  assert.deepEqual(blockValues(p, 1), ['acks=1 (injected)', 'retries=3']);
});

test('an empty kafka.* value is Quarkus\' "": the producer gets it', () => {
  assert.deepEqual(blockValues(lintText('a.properties', `kafka.transactional.id=\n${CH}`)), ['acks=1 (injected)', 'transactional.id=']);
});

test('a ${X} without a default at the channel or connector: the key may be set (the environment decides); in kafka.* a value not known', () => {
  const ch = lintText('a.properties', `${CH}${OUT}transactional.id=\${TX}\nkafka.transactional.id=tx-1\n`).blocks[0];
  assert.deepEqual([...ch.values.keys()], ['acks']);
  assert.match(ch.unknownKeys?.keys?.['transactional.id'] ?? '', /^mp\.messaging\.outgoing\.orders\.transactional\.id=\$\{TX\} \(line 2\)/);
  // an acks the environment may set: no connector default is claimed
  const acks = lintText('a.properties', `${CH}${OUT}acks=\${ACKS:}\n`).blocks[0];
  assert.deepEqual([...acks.values.keys()], []);
  assert.ok(acks.unknownKeys?.keys?.acks);
  assert.deepEqual(blockValues(lintText('a.properties', `${CH}kafka.linger.ms=\${LINGER}\n`)), ['acks=1 (injected)', 'linger.ms=?']);
});

test('a value the connector converts says so where its origin is shown', () => {
  const b = lintText('a.properties', `${CH}${OUT}retries=1e3\n`).blocks[0];
  assert.equal(
    b.values.get('retries')?.origin,
    'mp.messaging.outgoing.orders.retries, line 2: 1e3, which the connector hands the producer as 1000.0',
  );
});

ruleTester('producer-config-invalid-value', {
  valid: [
    // empty: no value (the real producer gets none), not an invalid one
    props(`${CH}${OUT}acks=all\n${OUT}max.in.flight.requests.per.connection=\n`),
    props(`${CH}${OUT}acks=all\n${OUT}linger.ms=\${LINGER}\n`),
    props(`${CH}${OUT}acks=all\n${OUT}retries=+3\n`),
  ],
  invalid: [
    {
      name: 'a number that is no Integer reaches the producer as a Double',
      ...props(`${CH}${OUT}acks=all\n${OUT}linger.ms=9223372036854775807\n`),
      findings: [
        {
          line: 3,
          message:
            'kafka-clients 4.x (latest) refuses to start the producer: "Invalid value 9.223372036854776E18 for configuration linger.ms: Not a number of type LONG".',
          fixes: [{ title: 'Remove linger.ms (default 5)', output: `${CH}${OUT}acks=all\n` }],
        },
      ],
    },
    {
      ...props(`${CH}${OUT}acks=all\nkafka.retries=2147483648\n`),
      findings: [
        {
          line: 3,
          message:
            'kafka-clients 4.x (latest) refuses to start the producer: "Invalid value 2.147483648E9 for configuration retries: Not a number of type INT".',
          fixes: [{ title: 'Remove retries (default 2147483647)', output: `${CH}${OUT}acks=all\n` }],
        },
      ],
    },
  ],
});

ruleTester('transactional-id-requires-idempotence', {
  // (the environment decides whether a transactional.id is set: no refusal is claimed)
  valid: [props(`${CH}${OUT}transactional.id=\${TX}\n`), props(`${CH}${OUT}transactional.id=\n`)],
  invalid: [
    {
      name: 'an empty acks is the connector default 1',
      ...props(`${CH}${OUT}transactional.id=tx\n${OUT}acks=\n`),
      findings: [
        {
          line: 2,
          includes: 'refuses to start the producer: "Cannot set a transactional.id without also enabling idempotence."',
          fixes: [
            { title: 'Set acks=all', output: `${CH}${OUT}transactional.id=tx\n${OUT}acks=all\n` },
            { title: 'Remove transactional.id (no transactions)', output: `${CH}${OUT}acks=\n` },
          ],
        },
      ],
    },
  ],
});

ruleTester('smallrye-acks-default-1', {
  // an acks the environment may set is not the connector's default
  valid: [props(`${CH}${OUT}acks=\${ACKS}\n`)],
  invalid: [
    {
      name: 'an empty acks leaves the default',
      ...props(`${CH}${OUT}acks=\n`),
      findings: [
        {
          line: 2,
          includes: 'the SmallRye Kafka connector puts its default acks=1 into the producer config',
          fixes: [
            { title: 'Set mp.messaging.outgoing.orders.acks=all', output: `${CH}${OUT}acks=all\n` },
            { title: /^Set enable.idempotence=false/, output: `${CH}${OUT}acks=\n${OUT}enable.idempotence=false\n` },
          ],
        },
      ],
    },
  ],
});

/**
 * IBM Event Streams runs the Strimzi operator under its own API group (`eventstreams.ibm.com/v1beta2`):
 * KafkaConnect, KafkaConnector, KafkaMirrorMaker2 and KafkaBridge have Strimzi's kinds and fields, and a
 * KafkaConnector names its KafkaConnect with the label `eventstreams.ibm.com/cluster`. They are judged
 * exactly as the Strimzi resources are (detect/strimzi.ts).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { lintText } from '../support/dialectCase';

const cr = (kind: string, body: string, name: string, labels = '') =>
  `apiVersion: eventstreams.ibm.com/v1beta2\nkind: ${kind}\nmetadata:\n  name: ${name}\n${labels}spec:\n${body}`;
const CONNECT = (config: string, version = '') =>
  cr(
    'KafkaConnect',
    `${version}  config:\n    group.id: connect-cluster\n${config}`,
    'es-connect',
    '  annotations:\n    eventstreams.ibm.com/use-connector-resources: "true"\n',
  );
const CONNECTOR = (config: string, cluster = 'es-connect') =>
  cr(
    'KafkaConnector',
    `  class: com.ibm.eventstreams.connect.mqsource.MQSourceConnector\n  config:\n${config}`,
    'mq-source',
    `  labels:\n    eventstreams.ibm.com/cluster: ${cluster}\n`,
  );
const BRIDGE = (config: string) => cr('KafkaBridge', `  producer:\n    config:\n${config}`, 'bridge');
const MM2 = (config: string) =>
  cr(
    'KafkaMirrorMaker2',
    `  version: 3.9.0\n  mirrors:\n  - sourceCluster: a\n    targetCluster: b\n    sourceConnector:\n      config:\n${config}`,
    'georep',
  );

test('Event Streams resources: one block per resource, as for Strimzi, and the evidence names the vendor', () => {
  const text = [
    CONNECT('    producer.linger.ms: 5\n'),
    CONNECTOR('    producer.override.linger.ms: 5\n'),
    BRIDGE('      linger.ms: 5\n'),
    MM2('        producer.override.acks: all\n'),
  ].join('---\n');
  const r = lintText('event-streams.yaml', text);
  assert.deepEqual(
    r.blocks.map((b) => `${b.dialect}: ${b.name}`),
    [
      "kafka-connect: KafkaConnect 'es-connect' (spec.config, producer.*)",
      "kafka-connect: KafkaConnector 'mq-source' (spec.config, producer.override.*)",
      "strimzi-bridge: KafkaBridge 'bridge' (spec.producer.config)",
      "kafka-connect: KafkaMirrorMaker2 'georep' (mirrors[0].sourceConnector.config, producer.override.*)",
    ],
  );
  assert.match(r.blocks[0].evidence, /^an IBM Event Streams KafkaConnect resource \(Strimzi schema\)/);
  assert.match(r.blocks[2].evidence, /^an IBM Event Streams KafkaBridge resource \(Strimzi schema\)/);
  assert.deepEqual(r.findings, []);
});

test('Event Streams: a KafkaConnector takes the spec.version of the KafkaConnect its eventstreams.ibm.com/cluster label names', () => {
  const connect = CONNECT('    producer.linger.ms: 5\n', '  version: 3.1.0\n');
  const r = lintText('connect.yaml', `${connect}---\n${CONNECTOR('    producer.override.acks: all\n')}`);
  assert.deepEqual(r.blocks[1].clientVersion, { version: '3.1.0', source: "spec.version of KafkaConnect 'es-connect', line 8" });
  // another cluster's name, or Strimzi's label on an Event Streams connector: no link
  const other = lintText('connect.yaml', `${connect}---\n${CONNECTOR('    producer.override.acks: all\n', 'elsewhere')}`);
  assert.equal(other.blocks[1].clientVersion, undefined);
  const strimziLabel = `${connect}---\n${CONNECTOR('    producer.override.acks: all\n').replace('eventstreams.ibm.com/cluster', 'strimzi.io/cluster')}`;
  assert.equal(lintText('connect.yaml', strimziLabel).blocks[1].clientVersion, undefined);
});

test("Event Streams: another vendor's API group with the same kinds is not read", () => {
  const text = CONNECTOR('    producer.override.enable.idempotence: true\n    producer.override.acks: 1\n').replace(
    'eventstreams.ibm.com/v1beta2',
    'eventstreams.example.com/v1',
  );
  assert.deepEqual(
    lintText('c.yaml', text).blocks.map((b) => b.dialect),
    [],
  );
});

ruleTester('idempotence-acks-conflict', {
  valid: [
    { fileName: 'connector.yaml', text: CONNECTOR('    producer.override.acks: 1\n') },
    { fileName: 'connect.yaml', text: CONNECT('    producer.enable.idempotence: true\n    producer.acks: all\n') },
  ],
  invalid: [
    {
      name: 'Event Streams KafkaConnector: explicit idempotence with producer.override.acks: 1',
      fileName: 'connector.yaml',
      text: CONNECTOR('    producer.override.enable.idempotence: true\n    producer.override.acks: 1\n'),
      findings: [
        {
          line: 11,
          column: 29,
          includes: [
            'refuses to start the producer',
            'enable.idempotence is set explicitly (producer.override.enable.idempotence, line 10)',
          ],
          fixes: [
            {
              title: 'Set acks=all',
              output: CONNECTOR('    producer.override.enable.idempotence: true\n    producer.override.acks: all\n'),
            },
            {
              title: /^Set enable.idempotence=false/,
              output: CONNECTOR('    producer.override.enable.idempotence: false\n    producer.override.acks: 1\n'),
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('idempotence-implicit-downgrade', {
  valid: [{ fileName: 'bridge.yaml', text: BRIDGE('      acks: all\n') }],
  invalid: [
    {
      name: 'Event Streams KafkaBridge: acks: 1 without enable.idempotence',
      fileName: 'bridge.yaml',
      text: BRIDGE('      acks: 1\n      linger.ms: 5\n'),
      findings: [
        {
          line: 8,
          column: 13,
          fixes: [
            { title: 'Set acks=all', output: BRIDGE('      acks: all\n      linger.ms: 5\n') },
            {
              title: /^Set enable.idempotence=false/,
              output: BRIDGE('      acks: 1\n      linger.ms: 5\n      enable.idempotence: false\n'),
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('idempotence-max-in-flight-gt-5', {
  valid: [
    {
      fileName: 'mm2.yaml',
      text: MM2('        producer.override.enable.idempotence: true\n        producer.override.max.in.flight.requests.per.connection: 5\n'),
    },
  ],
  invalid: [
    {
      name: 'Event Streams KafkaMirrorMaker2 (geo-replication) source connector, judged with its spec.version',
      fileName: 'mm2.yaml',
      text: MM2(
        '        producer.override.enable.idempotence: true\n        producer.override.max.in.flight.requests.per.connection: 10\n',
      ),
      findings: [
        {
          line: 13,
          column: 66,
          message: /^kafka-clients 3\.9\.0 refuses to start the producer/,
          fixes: [
            {
              title: /^Set max.in.flight.requests.per.connection=5/,
              output: MM2(
                '        producer.override.enable.idempotence: true\n        producer.override.max.in.flight.requests.per.connection: 5\n',
              ),
            },
            {
              title: /^Set enable.idempotence=false/,
              output: MM2(
                '        producer.override.enable.idempotence: false\n        producer.override.max.in.flight.requests.per.connection: 10\n',
              ),
            },
          ],
        },
      ],
    },
  ],
});

/**
 * Misspelt idempotence keys where the map reaches the client as written (issue #13, class 4, recall side):
 * SmallRye channel keys (the connector copies the attributes it does not know into the producer config),
 * Micronaut producer maps (raw keys), Kafka Connect `producer.*` / `producer.override.*` (Strimzi's
 * `spec.config` and KafkaBridge `spec.producer.config` too). The framework's own attributes stay quiet.
 * RuleTester cases with exact fix outputs.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { blockValues, lintText } from '../support/dialectCase';

const RULE = 'unknown-idempotence-key';
const OUT = 'mp.messaging.outgoing.orders';
const CHANNEL = `${OUT}.connector=smallrye-kafka\n${OUT}.topic=orders\n${OUT}.acks=all\n`;
const WORKER =
  'bootstrap.servers=kafka:9092\ngroup.id=connect-cluster\nconfig.storage.topic=connect-configs\noffset.storage.topic=connect-offsets\n';
const CONNECTOR = 'name=jdbc-source\nconnector.class=io.confluent.connect.jdbc.JdbcSourceConnector\n';

ruleTester(RULE, {
  valid: [
    {
      name: "SmallRye: the connector's own attributes (taken from KafkaConnector's @ConnectorAttribute names and ConfigurationCleaner)",
      fileName: 'application.properties',
      text:
        CHANNEL +
        [
          'merge=true',
          'propagate-record-key=true',
          'max-inflight-messages=1024',
          'waitForWriteCompletion=false',
          'retry=true',
          'key=k',
          'partition=2',
          'close-timeout=1000',
          'health-enabled=false',
          'cloud-events-source=src',
          'dead-letter-queue.topic=dlq',
          'reply.timeout=5000',
          'pooled-producer.enabled=true',
          'interceptor-bean=x',
        ]
          .map((l) => `${OUT}.${l}\n`)
          .join(''),
    },
    {
      name: "SmallRye: the global kafka.* namespace is Quarkus' (Dev Services, health...): not judged",
      fileName: 'application.properties',
      text: `kafka.bootstrap.servers=b:9092\nkafka.delivery.time.out=60000\n${CHANNEL}`,
    },
    {
      name: 'SmallRye: a name the connector lower-cases into a producer key is that key (JsonHelper)',
      fileName: 'application.properties',
      text: `${CHANNEL}${OUT}.ENABLE_IDEMPOTENCE=true\n${OUT}.delivery_timeout_ms=120000\n`,
    },
    {
      name: 'SmallRye: a mixed-case name whose lower case is a producer key depends on the SmallRye release: left alone',
      fileName: 'application.properties',
      text: `${CHANNEL}${OUT}.Enable.Idempotence=true\n`,
    },
    {
      name: "Micronaut: the global kafka.* keys are Micronaut's too (health, embedded...): not judged",
      fileName: 'application.yml',
      text: 'kafka:\n  enable.idempotency: true\n  producers:\n    default:\n      acks: all\n',
    },
    {
      name: 'Micronaut: a misspelt key alone makes no producer',
      fileName: 'application.yml',
      text: 'kafka:\n  producers:\n    default:\n      enable.idempotency: true\n',
    },
    {
      name: "Connect: a connector's own producer.* keys reach no producer",
      fileName: 'connector.properties',
      text: `${CONNECTOR}producer.enable.idempotency=true\n`,
    },
    {
      name: 'near misses: other words are not misspellings',
      fileName: 'application.properties',
      text: `${CHANNEL}${OUT}.transactional.id.prefix=tx-\n${OUT}.delivery.timeout.minutes=2\n${OUT}.max.in.flight.messages=5\n`,
    },
  ],
  invalid: [
    {
      name: 'SmallRye: a misspelt key in a channel reaches the producer, which ignores it',
      fileName: 'application.properties',
      text: `${CHANNEL}${OUT}.enable.idempotency=true\n`,
      findings: [
        {
          line: 4,
          severity: 'warning',
          consequence: 'ignored',
          message:
            /^kafka-clients 4\.x \(latest\) ignores 'enable\.idempotency': it is not a producer config, the client only logs INFO .*Did you mean 'enable\.idempotence'\?/,
          fixes: [{ title: 'Rename to enable.idempotence', output: `${CHANNEL}${OUT}.enable.idempotence=true\n` }],
        },
      ],
    },
    {
      name: 'SmallRye: delivery.time.out under a profile, the profile named; the connector-wide map too',
      fileName: 'application.properties',
      text: `${CHANNEL}%prod.${OUT}.delivery.time.out=60000\nmp.messaging.connector.smallrye-kafka.enable-idempotence=true\n`,
      findings: [
        {
          line: 4,
          message: /ignores 'delivery\.time\.out'.*Did you mean 'delivery\.timeout\.ms'\? \[channel 'orders' \(profile 'prod'\)\]$/,
          fixes: [
            {
              title: 'Rename to delivery.timeout.ms',
              output: `${CHANNEL}%prod.${OUT}.delivery.timeout.ms=60000\nmp.messaging.connector.smallrye-kafka.enable-idempotence=true\n`,
            },
          ],
        },
        {
          line: 5,
          message:
            /ignores 'enable-idempotence'.*Did you mean 'enable\.idempotence'\? \[channel 'orders' \(profiles other than 'prod'\)\]$/,
          fixes: [
            {
              title: 'Rename to enable.idempotence',
              output: `${CHANNEL}%prod.${OUT}.delivery.time.out=60000\nmp.messaging.connector.smallrye-kafka.enable.idempotence=true\n`,
            },
          ],
        },
        {
          line: 5,
          message: /ignores 'enable-idempotence'.*\[channel 'orders' \(profile 'prod'\)\]$/,
          fixes: [
            {
              title: 'Rename to enable.idempotence',
              output: `${CHANNEL}%prod.${OUT}.delivery.time.out=60000\nmp.messaging.connector.smallrye-kafka.enable.idempotence=true\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'Micronaut: the producer map is handed to KafkaProducer as written',
      fileName: 'application.yml',
      text: 'kafka:\n  producers:\n    default:\n      acks: all\n      enable.idempotency: true\n',
      findings: [
        {
          line: 5,
          column: 7,
          fixes: [
            {
              title: 'Rename to enable.idempotence',
              output: 'kafka:\n  producers:\n    default:\n      acks: all\n      enable.idempotence: true\n',
            },
          ],
        },
      ],
    },
    {
      name: "Connect: a worker's producer.* and a connector's producer.override.*",
      fileName: 'connect-distributed.properties',
      text: `${WORKER}producer.delivery.timeout=300000\n`,
      findings: [
        {
          line: 5,
          includes: "ignores 'delivery.timeout'",
          fixes: [{ title: 'Rename to delivery.timeout.ms', output: `${WORKER}producer.delivery.timeout.ms=300000\n` }],
        },
      ],
    },
    {
      name: "Connect: a connector's producer.override.*",
      fileName: 'connector.properties',
      text: `${CONNECTOR}producer.override.enable.idempotency=true\n`,
      findings: [
        {
          line: 3,
          includes: "ignores 'enable.idempotency'",
          fixes: [{ title: 'Rename to enable.idempotence', output: `${CONNECTOR}producer.override.enable.idempotence=true\n` }],
        },
      ],
    },
    {
      name: "Strimzi: a KafkaConnect's spec.config producer.* keys",
      fileName: 'connect.yaml',
      text: 'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaConnect\nmetadata:\n  name: c\nspec:\n  config:\n    group.id: c\n    producer.enable.idempotency: true\n',
      findings: [
        {
          line: 8,
          column: 5,
          includes: "ignores 'enable.idempotency'",
          fixes: [
            {
              title: 'Rename to enable.idempotence',
              output:
                'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaConnect\nmetadata:\n  name: c\nspec:\n  config:\n    group.id: c\n    producer.enable.idempotence: true\n',
            },
          ],
        },
      ],
    },
    {
      name: "Strimzi: a KafkaBridge's producer config",
      fileName: 'bridge.yaml',
      text: 'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaBridge\nmetadata:\n  name: b\nspec:\n  producer:\n    config:\n      acks: all\n      enable.idempotency: true\n',
      findings: [
        {
          line: 9,
          column: 7,
          includes: "ignores 'enable.idempotency'",
          fixes: [
            {
              title: 'Rename to enable.idempotence',
              output:
                'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaBridge\nmetadata:\n  name: b\nspec:\n  producer:\n    config:\n      acks: all\n      enable.idempotence: true\n',
            },
          ],
        },
      ],
    },
  ],
});

test('SmallRye: a channel key the connector lower-cases is judged as the producer key it becomes', () => {
  const r = lintText('application.properties', `${CHANNEL}${OUT}.ENABLE_IDEMPOTENCE=false\n`);
  assert.ok(blockValues(r).includes('enable.idempotence=false'), blockValues(r).join(', '));
});

test('kafka-clients before 2.1 has no delivery.timeout.ms, before 0.11 no enable.idempotence: no suggestion of a key the client lacks', () => {
  const rules = (v: string, text = 'acks=all\ndelivery.time.out=1\n') =>
    lintText('producer.properties', text, { kafkaClientsVersion: v })
      .findings.map((f) => f.ruleId)
      .filter((r) => r === RULE);
  assert.deepEqual(rules('2.0'), []);
  assert.deepEqual(rules('2.1'), [RULE]);
  assert.deepEqual(rules('0.10.2', 'acks=all\nenable.idempotency=true\n'), []);
  assert.deepEqual(rules('0.11.0', 'acks=all\nenable.idempotency=true\n'), [RULE]);
});

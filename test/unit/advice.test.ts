/**
 * Advice that is noise (issue #13, class 7): the info "this producer is not idempotent" (librdkafka's
 * rdk-idempotence-default-off, kafka-clients' idempotence-not-on-by-default) is given only where the
 * configuration says something about delivery — acks, retries, in-flight requests, a delivery timeout — and
 * only where retries can duplicate. A producer that sets none of these gets no advice it never asked for.
 */
import { ruleTester } from '../support/ruleTester';

const MARK = '# kafka-idempotence-client: librdkafka\n';
const kcat = (text: string) => ({ fileName: 'kcat.properties', text: MARK + text });

ruleTester('rdk-idempotence-default-off', {
  valid: [
    { name: 'a bare kcat producer', ...kcat('bootstrap.servers=kafka:9092\ncompression.codec=lz4\nlinger.ms=10\n') },
    {
      name: 'a bare node-rdkafka producer',
      fileName: 'producer.js',
      text: "const Kafka = require('node-rdkafka');\nconst p = new Kafka.Producer({ 'metadata.broker.list': 'kafka:9092', dr_cb: true });\np.connect();\n",
    },
    {
      name: 'a bare confluent-kafka-javascript producer (KafkaJS API)',
      fileName: 'producer.ts',
      text: "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['kafka:9092'] } });\nexport const producer = kafka.producer();\n",
    },
  ],
  invalid: [
    {
      name: 'retries show the intent: the finding goes on that key',
      ...kcat('bootstrap.servers=kafka:9092\nmessage.send.max.retries=10\n'),
      findings: [
        {
          line: 3,
          column: 1,
          text: 'message.send.max.retries',
          severity: 'info',
          message:
            /^librdkafka does not make this producer idempotent: .* acks is all, but a retried batch can be written twice, and retries can reorder records within a partition/,
          fixes: [
            {
              title: 'Set enable.idempotence=true',
              output: `${MARK}bootstrap.servers=kafka:9092\nmessage.send.max.retries=10\nenable.idempotence=true\n`,
            },
            {
              title: /^Set enable.idempotence=false/,
              output: `${MARK}bootstrap.servers=kafka:9092\nmessage.send.max.retries=10\nenable.idempotence=false\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'node-rdkafka: a delivery timeout shows the intent',
      fileName: 'producer.js',
      text: "const Kafka = require('node-rdkafka');\nconst p = new Kafka.Producer({ 'metadata.broker.list': 'kafka:9092', 'message.timeout.ms': 30000 });\n",
      findings: [
        {
          line: 2,
          text: "'message.timeout.ms'",
          fixes: [
            {
              title: 'Set enable.idempotence=true',
              output:
                "const Kafka = require('node-rdkafka');\nconst p = new Kafka.Producer({ 'metadata.broker.list': 'kafka:9092', 'message.timeout.ms': 30000, 'enable.idempotence': true });\n",
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                "const Kafka = require('node-rdkafka');\nconst p = new Kafka.Producer({ 'metadata.broker.list': 'kafka:9092', 'message.timeout.ms': 30000, 'enable.idempotence': false });\n",
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('idempotence-not-on-by-default', {
  valid: [
    {
      name: 'nothing about delivery',
      text: 'bootstrap.servers=kafka:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nlinger.ms=5\n',
      settings: { kafkaClientsVersion: '2.8' },
    },
    {
      name: 'Spring Boot: only the connection and serializers',
      fileName: 'application.yml',
      text: 'spring:\n  kafka:\n    bootstrap-servers: kafka:9092\n    producer:\n      key-serializer: org.apache.kafka.common.serialization.StringSerializer\n',
      settings: { kafkaClientsVersion: '2.8' },
    },
  ],
  invalid: [
    {
      name: 'Spring Boot: the dedicated retries key shows the intent',
      fileName: 'application.yml',
      text: 'spring:\n  kafka:\n    producer:\n      retries: 5\n',
      settings: { kafkaClientsVersion: '3.0.0' },
      findings: [
        {
          line: 4,
          severity: 'info',
          message:
            /KAFKA-13598\)\. A retried batch can be written twice, and retries can reorder records within a partition \(a retried batch lands after a later one\)\.$/,
          fixes: [
            {
              title: 'Set enable.idempotence=true',
              output: 'spring:\n  kafka:\n    producer:\n      retries: 5\n      properties:\n        enable.idempotence: true\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output: 'spring:\n  kafka:\n    producer:\n      retries: 5\n      properties:\n        enable.idempotence: false\n',
            },
          ],
        },
      ],
    },
  ],
});

/**
 * transactions-read-uncommitted: a transactional producer and Java consumers that read uncommitted data in
 * the same configuration file. RuleTester cases with exact fix outputs; the defaults of other clients are
 * never flagged.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { lintText } from '../support/dialectCase';

const ID = 'transactions-read-uncommitted';
const yml = (text: string, fileName = 'application.yml') => ({ fileName, text });

const BOOT_TX = 'spring:\n  kafka:\n    producer:\n      transaction-id-prefix: tx-\n';
const WORDS =
  /Whether that matters depends on which topics are written transactionally, which the configuration cannot show; a consumer of such a topic should read with isolation\.level=read_committed\.$/;

const SCS = (bindings: string, binder = '') =>
  `spring:\n  cloud:\n    stream:\n      kafka:\n        binder:\n          transaction:\n            transaction-id-prefix: tx-\n${binder}      bindings:\n${bindings}`;
/** The binder with the binding's own `consumer.configuration.isolation.level`. */
const SCS_OWN = (level: string, binder = '') =>
  SCS('        orders-in-0:\n          group: g\n', binder).replace(
    '      bindings:\n',
    `        bindings:\n          orders-in-0:\n            consumer:\n              configuration:\n                isolation.level: ${level}\n      bindings:\n`,
  );

ruleTester('transactions-read-uncommitted', {
  valid: [
    // no transactional producer
    yml('spring:\n  kafka:\n    producer:\n      acks: all\n    consumer:\n      group-id: g\n'),
    // no consumer configured
    yml(BOOT_TX),
    // read_committed, in each spelling Spring binds, and through the consumer's own map
    yml(`${BOOT_TX}    consumer:\n      group-id: g\n      isolation-level: read_committed\n`),
    yml(`${BOOT_TX}    consumer:\n      group-id: g\n      isolation-level: READ_COMMITTED\n`),
    yml(`${BOOT_TX}    consumer:\n      group-id: g\n      isolationLevel: read-committed\n`),
    yml(`${BOOT_TX}    consumer:\n      group-id: g\n      properties:\n        isolation.level: read_committed\n`),
    // the consumer's map wins over the dedicated property
    yml(
      `${BOOT_TX}    consumer:\n      group-id: g\n      isolation-level: read_uncommitted\n      properties:\n        "[isolation.level]": read_committed\n`,
    ),
    {
      fileName: 'application.properties',
      text: 'spring.kafka.producer.transaction-id-prefix=tx-\nspring.kafka.consumer.group-id=g\nspring.kafka.consumer.isolation-level=read-committed\n',
    },
    // a value the configuration does not settle is not judged
    yml(`${BOOT_TX}    consumer:\n      group-id: g\n      isolation-level: \${ISOLATION}\n`),
    // Kafka Streams exactly-once sets read_committed itself: never flagged
    {
      fileName: 'streams.properties',
      text: 'application.id=app\nbootstrap.servers=x\nprocessing.guarantee=exactly_once_v2\nconsumer.group.id=x\n',
    },
    // librdkafka (kcat) and KafkaJS consumers read committed data by default: never flagged
    { fileName: 'kcat.properties', text: '# kafka-idempotence-client: librdkafka\ntransactional.id=t\nbootstrap.servers=x\n' },
    {
      fileName: 'app.ts',
      text: "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['x'] });\nconst producer = kafka.producer({ transactionalId: 't', idempotent: true });\nconst consumer = kafka.consumer({ groupId: 'g' });\n",
    },
    // the binder: read_committed at the binder, at a binding, in its defaults
    yml(SCS('        orders-in-0:\n          group: g\n', '          consumer-properties:\n            isolation.level: read_committed\n')),
    yml(SCS_OWN('read_committed')),
    // the binding's value wins over the binder's
    yml(SCS_OWN('read_committed', '          consumer-properties:\n            isolation.level: read_uncommitted\n')),
    // a binding of another binder is not Kafka's
    yml(SCS('        orders-in-0:\n          group: g\n          binder: rabbit\n')),
    // only output bindings
    yml(SCS('        orders-out-0:\n          destination: o\n')),
    // a plain consumer map that reads committed, or one in an application's own spelling (not handed to the client)
    yml(
      'app:\n  producer:\n    transactional.id: tx\n    enable.idempotence: true\n  consumer:\n    group.id: g\n    isolation.level: read_committed\n',
      'values.yaml',
    ),
    yml(
      'app:\n  producer:\n    transactional.id: tx\n    enable.idempotence: true\n  consumer:\n    group.id: g\n    auto-offset-reset: earliest\n',
      'values.yaml',
    ),
    // the transactional producer is in a profile the consumer's settings do not reach
    yml(
      'spring:\n  kafka:\n    producer:\n      acks: all\n---\nspring:\n  config:\n    activate:\n      on-profile: a\n  kafka:\n    producer:\n      transaction-id-prefix: tx-\n---\nspring:\n  config:\n    activate:\n      on-profile: b\n  kafka:\n    consumer:\n      group-id: g\n',
    ),
  ],
  invalid: [
    {
      name: "Spring Boot: the dedicated property's default read-uncommitted",
      ...yml(`${BOOT_TX}    consumer:\n      group-id: orders\n`),
      findings: [
        {
          severity: 'hint',
          line: 6,
          text: 'group-id',
          consequence: 'doc-only',
          message: new RegExp(
            "^This application's producer is transactional \\(spring\\.kafka\\.producer\\.transaction-id-prefix, line 4\\), and Spring Boot's consumers \\(spring\\.kafka\\.consumer\\.\\*\\) read with isolation\\.level=read_uncommitted \\(spring\\.kafka\\.consumer\\.isolation-level's default, read-uncommitted\\), so they also see the records of transactions that are aborted or still open\\. " +
              WORDS.source,
          ),
          output: `${BOOT_TX}    consumer:\n      group-id: orders\n      isolation-level: read_committed\n`,
        },
      ],
    },
    {
      name: 'Spring Boot: spring.kafka.properties.isolation.level never reaches the consumer',
      ...yml(
        `spring:\n  kafka:\n    properties:\n      isolation.level: read_committed\n    producer:\n      transaction-id-prefix: tx-\n    listener:\n      ack-mode: record\n`,
      ),
      findings: [
        {
          line: 8,
          includes:
            'spring.kafka.properties.isolation.level=read_committed, line 4 does not reach them: Boot always writes isolation.level from spring.kafka.consumer.isolation-level into the consumer properties',
          output: `spring:\n  kafka:\n    properties:\n      isolation.level: read_committed\n    producer:\n      transaction-id-prefix: tx-\n    listener:\n      ack-mode: record\n    consumer:\n      isolation-level: read_committed\n`,
        },
      ],
    },
    {
      name: "Spring Boot (.properties): read_uncommitted in the consumer's map is set to read_committed",
      fileName: 'application.properties',
      text: 'spring.kafka.producer.transaction-id-prefix=tx-\nspring.kafka.consumer.group-id=g\nspring.kafka.consumer.properties.isolation.level=read_uncommitted\n',
      findings: [
        {
          line: 3,
          text: 'read_uncommitted',
          includes: '(spring.kafka.consumer.properties.isolation.level=read_uncommitted, line 3)',
          output:
            'spring.kafka.producer.transaction-id-prefix=tx-\nspring.kafka.consumer.group-id=g\nspring.kafka.consumer.properties.isolation.level=read_committed\n',
        },
      ],
    },
    {
      name: "Spring profile: the profile's transactional producer with the default documents' consumers",
      ...yml(
        'spring:\n  kafka:\n    consumer:\n      group-id: g\n    producer:\n      acks: all\n---\nspring:\n  config:\n    activate:\n      on-profile: tx\n  kafka:\n    producer:\n      transaction-id-prefix: tx-\n',
      ),
      findings: [
        {
          line: 4,
          message: /\[profile 'tx'\]$/,
          output:
            'spring:\n  kafka:\n    consumer:\n      group-id: g\n      isolation-level: read_committed\n    producer:\n      acks: all\n---\nspring:\n  config:\n    activate:\n      on-profile: tx\n  kafka:\n    producer:\n      transaction-id-prefix: tx-\n',
        },
      ],
    },
    {
      name: "Spring Cloud Stream: input bindings read what Boot gives them; the fix goes into the binder's consumer properties",
      ...yml(
        SCS(
          '        orders-in-0:\n          group: g\n        audit-in-0:\n          destination: audit\n        orders-out-0:\n          destination: o\n',
        ),
      ),
      findings: [
        {
          line: 10,
          includes:
            "the Kafka binder's consumer bindings 'orders-in-0', 'audit-in-0' read with isolation.level=read_uncommitted (spring.kafka.consumer.isolation-level's default, read-uncommitted), so they also see",
          output: SCS(
            '        orders-in-0:\n          group: g\n        audit-in-0:\n          destination: audit\n        orders-out-0:\n          destination: o\n',
            '          consumer-properties:\n            isolation.level: read_committed\n',
          ),
        },
      ],
    },
    {
      name: "Spring Cloud Stream: a binding's own read_uncommitted is what decides, and what the fix sets",
      ...yml(SCS_OWN('read_uncommitted', '          consumer-properties:\n            isolation.level: read_committed\n')),
      findings: [
        {
          includes: '(spring.cloud.stream.kafka.bindings.orders-in-0.consumer.configuration.isolation.level=read_uncommitted, line 14)',
          fixes: [
            {
              title: 'Set spring.cloud.stream.kafka.bindings.orders-in-0.consumer.configuration.isolation.level=read_committed',
              output: SCS_OWN('read_committed', '          consumer-properties:\n            isolation.level: read_committed\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'a plain consumer map next to a transactional producer map (YAML)',
      ...yml('app:\n  producer:\n    transactional.id: tx\n    enable.idempotence: true\n  consumer:\n    group.id: g\n', 'values.yaml'),
      findings: [
        {
          line: 6,
          text: 'group.id',
          includes:
            "and the consumer configuration app.consumer.* (line 6) reads with isolation.level=read_uncommitted (the Java consumer's default, read_uncommitted), so it also sees",
          output:
            'app:\n  producer:\n    transactional.id: tx\n    enable.idempotence: true\n  consumer:\n    group.id: g\n    isolation.level: read_committed\n',
        },
      ],
    },
    {
      name: 'a plain consumer map (.properties) that says read_uncommitted',
      fileName: 'app.properties',
      text: 'app.kafka.producer.transactional.id=tx\napp.kafka.producer.enable.idempotence=true\napp.kafka.consumer.group.id=g\napp.kafka.consumer.isolation.level=read_uncommitted\n',
      findings: [
        {
          line: 4,
          text: 'read_uncommitted',
          includes: "This application's producer is transactional (transactional.id, line 1)",
          output:
            'app.kafka.producer.transactional.id=tx\napp.kafka.producer.enable.idempotence=true\napp.kafka.consumer.group.id=g\napp.kafka.consumer.isolation.level=read_committed\n',
        },
      ],
    },
  ],
});

test('the valid cases are not vacuous: each has the producer block it is about', () => {
  for (const text of [
    SCS_OWN('read_committed'),
    SCS('        orders-in-0:\n          group: g\n          binder: rabbit\n'),
    `${BOOT_TX}    consumer:\n      group-id: g\n      isolation-level: read_committed\n`,
  ]) {
    assert.ok(
      lintText('application.yml', text).blocks.some((b) => b.values.has('transactional.id')),
      text,
    );
  }
  for (const text of [
    'app:\n  producer:\n    transactional.id: tx\n    enable.idempotence: true\n  consumer:\n    group.id: g\n    isolation.level: read_committed\n',
    'app:\n  producer:\n    transactional.id: tx\n    enable.idempotence: true\n  consumer:\n    group.id: g\n    auto-offset-reset: earliest\n',
  ]) {
    assert.ok(
      lintText('values.yaml', text).blocks.some((b) => b.values.has('transactional.id')),
      text,
    );
  }
});

test('one finding per consumer, however many transactional blocks share it', () => {
  // the default block and a profile block are both transactional: the Boot consumers are reported once
  const text = `${BOOT_TX}    consumer:\n      group-id: g\n---\nspring:\n  config:\n    activate:\n      on-profile: p\n  kafka:\n    producer:\n      acks: all\n`;
  const r = lintText('application.yml', text);
  assert.equal(r.blocks.length, 2);
  assert.equal(r.findings.filter((f) => f.ruleId === ID).length, 1);
});

/**
 * Who reads a key before the client (issue #13, class 4): a misspelt client key is reported only where the
 * map reaches the client as written; the Spring Cloud Stream binder's `configuration` map is filtered by the
 * binder (only keys ProducerConfig knows are copied), and a generic map may be the application's own
 * namespace, read by its code under its own names. RuleTester cases with exact fix outputs.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { lintText } from '../support/dialectCase';
import { load } from '../support';

const { applicationSpelling } = load('service/detect/genericMap');

test('application spellings of client keys: other separators or case, never a client key or another name', () => {
  assert.equal(applicationSpelling('enable-idempotence'), 'enable.idempotence');
  assert.equal(applicationSpelling('enableIdempotence'), 'enable.idempotence');
  assert.equal(applicationSpelling('max_in_flight_requests_per_connection'), 'max.in.flight.requests.per.connection');
  assert.equal(applicationSpelling('bootstrap-servers'), 'bootstrap.servers');
  assert.equal(applicationSpelling('Acks'), 'acks');
  for (const k of ['enable.idempotence', 'acks', 'linger.ms', 'enable.idempotency', 'topic', 'ssl.keystore.location'])
    assert.equal(applicationSpelling(k), undefined, k);
});

const BINDER = 'spring.cloud.stream.kafka.binder';

ruleTester('unknown-idempotence-key', {
  valid: [
    {
      name: 'an application namespace in its own spelling',
      fileName: 'application.properties',
      text: 'app.kafka.producer.acks=all\napp.kafka.producer.linger.ms=5\napp.kafka.producer.enable-idempotence=true\n',
    },
    {
      name: 'a misspelt key in a generic map: the application may read that name itself',
      fileName: 'application.properties',
      text: 'app.kafka.producer.acks=all\napp.kafka.producer.linger.ms=5\napp.kafka.producer.enable.idempotency=true\n',
    },
    {
      name: 'a Helm map (YAML)',
      fileName: 'values.yaml',
      text: 'kafka:\n  producers:\n    orders:\n      config:\n        acks: all\n        linger.ms: 5\n        enable.idempotency: true\n',
    },
  ],
  invalid: [
    {
      name: 'the binder configuration map: the binder drops the key, the client never sees it',
      fileName: 'application.properties',
      text: `${BINDER}.configuration.enable.idempotency=true\n${BINDER}.configuration.acks=all\n`,
      findings: [
        {
          line: 1,
          column: 1,
          consequence: 'ignored',
          message:
            "The Spring Cloud Stream Kafka binder, reading spring.cloud.stream.kafka.binder.configuration.*, drops 'enable.idempotency' before the producer is created: it copies only the keys ProducerConfig knows, and 'enable.idempotency' is not a producer config, so neither the client nor its log ever sees it. Did you mean 'enable.idempotence'?",
          fixes: [
            {
              title: 'Rename to enable.idempotence',
              output: `${BINDER}.configuration.enable.idempotence=true\n${BINDER}.configuration.acks=all\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'the binder producer-properties map reaches the client as is: the client ignores the key',
      fileName: 'application.yml',
      text: 'spring:\n  cloud:\n    stream:\n      kafka:\n        binder:\n          required-acks: all\n          producer-properties:\n            enable.idempotency: true\n',
      findings: [
        {
          line: 8,
          column: 13,
          message: /^kafka-clients 4\.x \(latest\) ignores 'enable\.idempotency': it is not a producer config, the client only logs INFO/,
          fixes: [
            {
              title: 'Rename to enable.idempotence',
              output:
                'spring:\n  cloud:\n    stream:\n      kafka:\n        binder:\n          required-acks: all\n          producer-properties:\n            enable.idempotence: true\n',
            },
          ],
        },
      ],
    },
    {
      name: "Spring Boot's properties map reaches the client as is",
      fileName: 'application.properties',
      text: 'spring.kafka.producer.properties.enable-idempotence=true\n',
      findings: [
        {
          line: 1,
          includes: "ignores 'enable-idempotence'",
          fixes: [{ title: 'Rename to enable.idempotence', output: 'spring.kafka.producer.properties.enable.idempotence=true\n' }],
        },
      ],
    },
  ],
});

ruleTester('idempotence-implicit-downgrade', {
  valid: [
    {
      name: 'an application namespace with an application spelling is not judged: its code may set enable.idempotence itself',
      fileName: 'application.properties',
      text: 'app.kafka.producer.acks=1\napp.kafka.producer.linger.ms=5\napp.kafka.producer.enable-idempotence=true\n',
    },
    {
      name: 'the same in YAML',
      fileName: 'application.yml',
      text: 'app:\n  kafka:\n    producer:\n      acks: 1\n      linger.ms: 5\n      bootstrap-servers: kafka:9092\n',
    },
  ],
  invalid: [
    {
      name: 'a Helm map of raw client keys is judged',
      fileName: 'values.yaml',
      text: 'kafka:\n  producers:\n    audit:\n      config:\n        acks: 1\n        linger.ms: 5\n',
      findings: [
        {
          line: 5,
          column: 15,
          fixes: [
            { title: 'Set acks=all', output: 'kafka:\n  producers:\n    audit:\n      config:\n        acks: all\n        linger.ms: 5\n' },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'kafka:\n  producers:\n    audit:\n      config:\n        acks: 1\n        linger.ms: 5\n        enable.idempotence: false\n',
            },
          ],
        },
      ],
    },
  ],
});

test('a generic map with an application spelling gives no block, so no rule judges it', () => {
  const r = lintText(
    'application.properties',
    'app.kafka.producer.acks=1\napp.kafka.producer.retries=0\napp.kafka.producer.enableIdempotence=true\n',
  );
  assert.deepEqual([r.blocks.map((b) => b.name), r.findings.map((f) => f.ruleId)], [[], []]);
});

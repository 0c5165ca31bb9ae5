/**
 * Profiles (issue #13, class 3): a setting under a non-default profile never hides or changes the verdict of
 * the configuration without that profile; each profile is judged as the framework merges it, and its findings
 * name it. Quarkus (`%dev.`, `%dev,test.`, `application-<profile>`), and the application's own maps in Spring
 * profile documents. RuleTester cases with exact fix outputs.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { blockValues, lintText, where } from '../support/dialectCase';

const props = (text: string, fileName = 'application.properties') => ({ fileName, text });
const CH = 'kafka.bootstrap.servers=kafka:9092\nmp.messaging.outgoing.orders.connector=smallrye-kafka\n';

test('Quarkus: a test profile that swaps the connector keeps the channel a Kafka producer in the other profiles', () => {
  const text = `${CH}%test.mp.messaging.outgoing.orders.connector=smallrye-in-memory\n`;
  const r = lintText('application.properties', text);
  assert.deepEqual(
    r.blocks.map((b) => b.name),
    ["channel 'orders' (profiles other than 'test')"],
  );
  assert.deepEqual(where(text, r), ['2:1 warning smallrye-acks-default-1']);
  assert.match(r.findings[0].message, /\[channel 'orders' \(profiles other than 'test'\)\]$/);
});

test('Quarkus: a channel that only a profile defines is judged for that profile only', () => {
  const text = `${CH}mp.messaging.outgoing.orders.acks=all\n%dev.mp.messaging.outgoing.audit.topic=audit\n`;
  const r = lintText('application.properties', text);
  assert.deepEqual(
    r.blocks.map((b) => b.name),
    ["channel 'orders'", "channel 'audit' (profile 'dev')"],
  );
  assert.deepEqual(where(text, r), ['4:1 warning smallrye-acks-default-1']);
  assert.equal(r.findings[0].block, "channel 'audit' (profile 'dev')");
});

test('Quarkus: %dev,test. applies to both profiles; a single-profile key beats it, and a profile key beats the unprefixed one in any order', () => {
  const text = `${CH}%dev,test.mp.messaging.outgoing.orders.acks=0\n%test.mp.messaging.outgoing.orders.acks=all\nmp.messaging.outgoing.orders.acks=-1\n`;
  const r = lintText('application.properties', text);
  assert.deepEqual(
    r.blocks.map((b) => b.name),
    ["channel 'orders' (profiles other than 'dev', 'test')", "channel 'orders' (profile 'dev')", "channel 'orders' (profile 'test')"],
  );
  assert.deepEqual(blockValues(r, 0), ['acks=-1', 'bootstrap.servers=kafka:9092']);
  assert.deepEqual(blockValues(r, 1), ['acks=0', 'bootstrap.servers=kafka:9092']);
  assert.deepEqual(blockValues(r, 2), ['acks=all', 'bootstrap.servers=kafka:9092']);
});

test("Quarkus: a profile's keys never change the unprefixed block", () => {
  const text = `${CH}mp.messaging.outgoing.orders.acks=all\n%prod.kafka.acks=1\n%prod.mp.messaging.outgoing.orders.enable.idempotence=false\n`;
  const r = lintText('application.properties', text);
  assert.deepEqual(blockValues(r, 0), ['acks=all', 'bootstrap.servers=kafka:9092']);
  assert.deepEqual(blockValues(r, 1), ['acks=all', 'bootstrap.servers=kafka:9092', 'enable.idempotence=false']);
});

test("Quarkus: Kafka configured only for prod (dev services stand in elsewhere) still makes the channel Kafka's; a profile's own bootstrap.servers repeats nothing", () => {
  const text = '%prod.kafka.bootstrap.servers=kafka:9092\nmp.messaging.outgoing.orders.topic=orders\n';
  const r = lintText('application.properties', text);
  assert.deepEqual(
    r.blocks.map((b) => b.name),
    ["channel 'orders'"],
  );
  assert.deepEqual(where(text, r), ['2:1 warning smallrye-acks-default-1']);
});

test("Quarkus: application-<profile>.properties is the profile's file", () => {
  const text = `${CH}`;
  const r = lintText('src/main/resources/application-staging.properties', text);
  assert.deepEqual(
    r.blocks.map((b) => [b.name, b.profile]),
    [["channel 'orders' (profile 'staging')", 'staging']],
  );
  assert.match(r.findings[0].message, /\[channel 'orders' \(profile 'staging'\)\]$/);
});

ruleTester('smallrye-acks-default-1', {
  valid: [
    {
      name: 'the test profile is in-memory, the others set acks=all',
      ...props(`${CH}mp.messaging.outgoing.orders.acks=all\n%test.mp.messaging.outgoing.orders.connector=smallrye-in-memory\n`),
    },
    {
      name: 'a channel that is Kafka in no profile',
      ...props('mp.messaging.outgoing.orders.connector=smallrye-in-memory\n%dev.mp.messaging.outgoing.orders.topic=o\n'),
    },
  ],
  invalid: [
    {
      name: "the connector swap of the test profile does not hide the other profiles' verdict",
      ...props(`${CH}%test.mp.messaging.outgoing.orders.connector=smallrye-in-memory\n`),
      findings: [
        {
          line: 2,
          column: 1,
          message: /\[channel 'orders' \(profiles other than 'test'\)\]$/,
          fixes: [
            {
              title: 'Set mp.messaging.outgoing.orders.acks=all',
              output: `${CH}mp.messaging.outgoing.orders.acks=all\n%test.mp.messaging.outgoing.orders.connector=smallrye-in-memory\n`,
            },
            {
              title: /^Set enable.idempotence=false/,
              output: `${CH}mp.messaging.outgoing.orders.enable.idempotence=false\n%test.mp.messaging.outgoing.orders.connector=smallrye-in-memory\n`,
            },
          ],
        },
      ],
    },
    {
      name: "a channel only the dev profile defines: the fix writes the dev profile's key",
      ...props(`${CH}mp.messaging.outgoing.orders.acks=all\n%dev.mp.messaging.outgoing.audit.topic=audit\n`),
      findings: [
        {
          line: 4,
          column: 1,
          message: /\[channel 'audit' \(profile 'dev'\)\]$/,
          fixes: [
            {
              title: 'Set %dev.mp.messaging.outgoing.audit.acks=all',
              output: `${CH}mp.messaging.outgoing.orders.acks=all\n%dev.mp.messaging.outgoing.audit.topic=audit\n%dev.mp.messaging.outgoing.audit.acks=all\n`,
            },
            {
              title: /^Set enable.idempotence=false/,
              output: `${CH}mp.messaging.outgoing.orders.acks=all\n%dev.mp.messaging.outgoing.audit.topic=audit\n%dev.mp.messaging.outgoing.audit.enable.idempotence=false\n`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('idempotence-acks-conflict', {
  valid: [
    props(
      `${CH}mp.messaging.outgoing.orders.acks=all\nmp.messaging.outgoing.orders.enable.idempotence=true\n%dev.mp.messaging.outgoing.orders.enable.idempotence=false\n`,
    ),
  ],
  invalid: [
    {
      name: "a shared %dev,test. key: the dev block's fix writes a %dev. key, so the test profile keeps its own value",
      ...props(
        `${CH}mp.messaging.outgoing.orders.acks=all\nmp.messaging.outgoing.orders.enable.idempotence=true\n%dev,test.mp.messaging.outgoing.orders.acks=1\n%test.mp.messaging.outgoing.orders.acks=all\n`,
      ),
      findings: [
        {
          line: 5,
          column: 45,
          message: /\[channel 'orders' \(profile 'dev'\)\]$/,
          fixes: [
            {
              title: 'Set acks=all',
              output: `${CH}mp.messaging.outgoing.orders.acks=all\nmp.messaging.outgoing.orders.enable.idempotence=true\n%dev,test.mp.messaging.outgoing.orders.acks=1\n%test.mp.messaging.outgoing.orders.acks=all\n%dev.mp.messaging.outgoing.orders.acks=all\n`,
            },
            {
              title: /^Set enable.idempotence=false/,
              output: `${CH}mp.messaging.outgoing.orders.acks=all\nmp.messaging.outgoing.orders.enable.idempotence=true\n%dev,test.mp.messaging.outgoing.orders.acks=1\n%test.mp.messaging.outgoing.orders.acks=all\n%dev.mp.messaging.outgoing.orders.enable.idempotence=false\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'Spring: an application map in a profile document is merged over the default documents, and its fix stays in that document',
      fileName: 'application.properties',
      text: 'app.kafka.producer.acks=all\napp.kafka.producer.linger.ms=5\napp.kafka.producer.enable.idempotence=true\n#---\nspring.config.activate.on-profile=dev\napp.kafka.producer.acks=1\n',
      findings: [
        {
          line: 6,
          column: 25,
          message: /\[app\.kafka\.producer \(profile 'dev'\)\]$/,
          fixes: [
            {
              title: 'Set acks=all',
              output:
                'app.kafka.producer.acks=all\napp.kafka.producer.linger.ms=5\napp.kafka.producer.enable.idempotence=true\n#---\nspring.config.activate.on-profile=dev\napp.kafka.producer.acks=all\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'app.kafka.producer.acks=all\napp.kafka.producer.linger.ms=5\napp.kafka.producer.enable.idempotence=true\n#---\nspring.config.activate.on-profile=dev\napp.kafka.producer.acks=1\napp.kafka.producer.enable.idempotence=false\n',
            },
          ],
        },
      ],
    },
    {
      name: "Spring YAML: the profile document's map of the same path is merged over the default one",
      fileName: 'application.yml',
      text: 'app:\n  kafka:\n    producer:\n      acks: all\n      linger.ms: 5\n      enable.idempotence: true\n---\nspring.config.activate.on-profile: dev\napp:\n  kafka:\n    producer:\n      acks: 1\n',
      findings: [
        {
          line: 12,
          column: 13,
          message: /\[app\.kafka\.producer \(profile 'dev'\)\]$/,
          fixes: [
            {
              title: 'Set acks=all',
              output:
                'app:\n  kafka:\n    producer:\n      acks: all\n      linger.ms: 5\n      enable.idempotence: true\n---\nspring.config.activate.on-profile: dev\napp:\n  kafka:\n    producer:\n      acks: all\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'app:\n  kafka:\n    producer:\n      acks: all\n      linger.ms: 5\n      enable.idempotence: true\n---\nspring.config.activate.on-profile: dev\napp:\n  kafka:\n    producer:\n      acks: 1\n      enable.idempotence: false\n',
            },
          ],
        },
      ],
    },
  ],
});

test('Spring: a profile document that only changes what no rule reads (bootstrap.servers) gets no block of its own', () => {
  const text =
    'app.kafka.producer.acks=1\napp.kafka.producer.linger.ms=5\n#---\nspring.config.activate.on-profile=dev\napp.kafka.producer.bootstrap.servers=dev:9092\n';
  const r = lintText('application.properties', text);
  assert.deepEqual(
    r.blocks.map((b) => b.name),
    ['app.kafka.producer'],
  );
  assert.deepEqual(where(text, r), ['1:25 warning idempotence-implicit-downgrade']);
});

test("Spring: a profile document's application map leaves the default documents' block as they set it", () => {
  const text =
    'app.kafka.producer.acks=all\napp.kafka.producer.linger.ms=5\n#---\nspring.config.activate.on-profile=dev\napp.kafka.producer.acks=1\n';
  const r = lintText('application.properties', text);
  assert.deepEqual(
    r.blocks.map((b) => b.name),
    ['app.kafka.producer', "app.kafka.producer (profile 'dev')"],
  );
  assert.deepEqual(blockValues(r, 0), ['acks=all', 'linger.ms=5']);
  assert.deepEqual(where(text, r), ['5:25 warning idempotence-implicit-downgrade']);
  assert.equal(r.findings[0].block, "app.kafka.producer (profile 'dev')");
});

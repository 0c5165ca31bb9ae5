/**
 * Strimzi custom resources and environment-variable forms (issue #3, catalogue §5.1 "Strimzi CR"):
 * - KafkaConnect spec.config (worker producer.*), KafkaConnector spec.config (producer.override.*),
 *   KafkaMirrorMaker2 mirrors[].sourceConnector/checkpointConnector config (producer.override.*),
 *   KafkaBridge spec.producer.config (raw keys); spec.version is the block's client version;
 * - Compose `environment:` (map and `NAME=value` list) and Kubernetes `env:` (name/value items):
 *   Spring Boot's SPRING_KAFKA_* binding and Confluent's CONNECT_* worker variables.
 * RuleTester cases state exact fix outputs (each fix is applied and re-linted by the tester).
 */
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { blockValues, lintText, svc, where } from '../support/dialectCase';
import * as YAML from 'yaml';

const cr = (kind: string, body: string, name = 'x') =>
  `apiVersion: kafka.strimzi.io/v1beta2\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${body}`;
const CONNECT = (config: string, version = '') =>
  cr('KafkaConnect', `${version}  config:\n    group.id: connect-cluster\n${config}`, 'my-connect');
const CONNECTOR = (config: string) =>
  cr('KafkaConnector', `  class: io.debezium.connector.postgresql.PostgresConnector\n  config:\n${config}`, 'orders-source');
const BRIDGE = (config: string) => cr('KafkaBridge', `  producer:\n    config:\n${config}`, 'bridge');
const MM2 = (config: string, version = '  version: 3.9.0\n') =>
  cr(
    'KafkaMirrorMaker2',
    `${version}  mirrors:\n  - sourceCluster: a\n    targetCluster: b\n    sourceConnector:\n      config:\n${config}    checkpointConnector:\n      config:\n        producer.override.linger.ms: 5\n`,
    'mm2',
  );

test('Strimzi: one block per resource, named by kind and metadata.name, with the reader of its keys', () => {
  const text = [
    CONNECT('    producer.linger.ms: 5\n'),
    CONNECTOR('    producer.override.linger.ms: 5\n'),
    BRIDGE('      linger.ms: 5\n'),
    MM2('        producer.override.acks: all\n'),
  ].join('---\n');
  const r = lintText('strimzi.yaml', text);
  assert.deepEqual(
    r.blocks.map((b) => `${b.dialect}: ${b.name}`),
    [
      "kafka-connect: KafkaConnect 'my-connect' (spec.config, producer.*)",
      "kafka-connect: KafkaConnector 'orders-source' (spec.config, producer.override.*)",
      "strimzi-bridge: KafkaBridge 'bridge' (spec.producer.config)",
      "kafka-connect: KafkaMirrorMaker2 'mm2' (mirrors[0].sourceConnector.config, producer.override.*)",
      "kafka-connect: KafkaMirrorMaker2 'mm2' (mirrors[0].checkpointConnector.config, producer.override.*)",
    ],
  );
  assert.deepEqual(r.findings, []);
  // worker keys that are not producer.* never reach the producer
  assert.equal(r.blocks[0].values.get('group.id'), undefined);
  assert.equal(r.blocks[0].values.get('linger.ms')?.origin, 'producer.linger.ms, line 8');
});

test('Strimzi: a connector override acks=1 is clean (Connect turns idempotence off itself); a non-Strimzi apiVersion is not a resource', () => {
  assert.deepEqual(where('', lintText('c.yaml', CONNECTOR('    producer.override.acks: 1\n'))), []);
  const notStrimzi = CONNECTOR('    producer.override.acks: 1\n').replace('kafka.strimzi.io', 'example.com');
  assert.deepEqual(
    lintText('c.yaml', notStrimzi).blocks.map((b) => b.dialect),
    [],
  );
});

test('Strimzi: spec.version is the client version of KafkaConnect and KafkaMirrorMaker2 blocks, and the hover says so', () => {
  // 3.1.0 (the Connect oracles 3.0.1 – 3.1.2): Connect sets acks=all, one request in flight and delivery.timeout.ms, not
  // enable.idempotence=false (KAFKA-13759 is in 3.0.2 and 3.1.1), and kafka-clients 3.1.0 never enables idempotence by default
  const old = CONNECT('    producer.acks: 1\n', '  version: 3.1.0\n');
  const r = lintText('connect.yaml', old, { kafkaClientsVersion: '4.1' });
  assert.deepEqual(r.blocks[0].clientVersion, { version: '3.1.0', source: "spec.version of KafkaConnect 'my-connect', line 6" });
  assert.deepEqual(blockValues(r), [
    'acks=1',
    'delivery.timeout.ms=2147483647 (injected)',
    'max.in.flight.requests.per.connection=1 (injected)',
  ]);
  const fixed = lintText('connect.yaml', CONNECT('    producer.acks: 1\n', '  version: 3.1.1\n'));
  assert.deepEqual(blockValues(fixed), [
    'acks=1',
    'delivery.timeout.ms=2147483647 (injected)',
    'enable.idempotence=false (injected)',
    'max.in.flight.requests.per.connection=1 (injected)',
  ]);
  const text = CONNECT('    producer.enable.idempotence: true\n    producer.acks: 1\n', '  version: 3.1.0\n');
  const f = lintText('connect.yaml', text, { kafkaClientsVersion: '4.1' }).findings;
  assert.equal(f.length, 1);
  assert.match(f[0].message, /^kafka-clients 3\.1\.0 refuses to start the producer/);
  const h = svc.hover(
    { fileName: 'connect.yaml', text },
    { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '4.1' },
    text.indexOf('enable.idempotence'),
  );
  assert.ok(h, 'hover on the key');
  assert.match(h.markdown, /spec\.version of KafkaConnect 'my-connect', line 6/);
  // without spec.version the project's version applies
  assert.equal(lintText('connect.yaml', CONNECT('    producer.acks: 1\n')).blocks[0].clientVersion, undefined);
});

test('Strimzi: a KafkaConnector takes the spec.version of the KafkaConnect its strimzi.io/cluster label names, when that is in the file', () => {
  const connect = CONNECT('    producer.linger.ms: 5\n', '  version: 3.1.0\n');
  const connector = CONNECTOR('    producer.override.acks: all\n').replace(
    '  name: orders-source\n',
    '  name: orders-source\n  labels:\n    strimzi.io/cluster: my-connect\n',
  );
  const r = lintText('connect.yaml', `${connect}---\n${connector}`);
  assert.deepEqual(r.blocks[1].clientVersion, { version: '3.1.0', source: "spec.version of KafkaConnect 'my-connect', line 6" });
  const other = lintText(
    'connect.yaml',
    `${connect}---\n${connector.replace('strimzi.io/cluster: my-connect', 'strimzi.io/cluster: elsewhere')}`,
  );
  assert.equal(other.blocks[1].clientVersion, undefined);
});

ruleTester('idempotence-acks-conflict', {
  valid: [
    { fileName: 'connect.yaml', text: CONNECT('    producer.enable.idempotence: true\n    producer.acks: all\n') },
    { fileName: 'connector.yaml', text: CONNECTOR('    producer.override.acks: 1\n') },
    { fileName: 'mm2.yaml', text: MM2('        producer.override.acks: 1\n') },
  ],
  invalid: [
    {
      name: 'KafkaConnect worker: explicit idempotence with producer.acks: 1',
      fileName: 'connect.yaml',
      text: CONNECT('    producer.enable.idempotence: true\n    producer.acks: 1\n'),
      findings: [
        {
          line: 9,
          column: 20,
          includes: ['refuses to start the producer', 'enable.idempotence is set explicitly (producer.enable.idempotence, line 8)'],
          fixes: [
            { title: 'Set acks=all', output: CONNECT('    producer.enable.idempotence: true\n    producer.acks: all\n') },
            { title: /^Set enable.idempotence=false/, output: CONNECT('    producer.enable.idempotence: false\n    producer.acks: 1\n') },
          ],
        },
      ],
    },
    {
      name: 'KafkaMirrorMaker2 source connector, judged with its spec.version (3.1.0)',
      fileName: 'mm2.yaml',
      text: MM2('        producer.override.enable.idempotence: true\n        producer.override.acks: 1\n', '  version: 3.1.0\n'),
      findings: [
        {
          line: 13,
          column: 33,
          message: /^kafka-clients 3\.1\.0 refuses to start the producer/,
          fixes: [
            {
              title: 'Set acks=all',
              output: MM2(
                '        producer.override.enable.idempotence: true\n        producer.override.acks: all\n',
                '  version: 3.1.0\n',
              ),
            },
            {
              title: /^Set enable.idempotence=false/,
              output: MM2('        producer.override.enable.idempotence: false\n        producer.override.acks: 1\n', '  version: 3.1.0\n'),
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
      name: 'KafkaBridge: acks: 1 alone; the alternative adds the key inside spec.producer.config',
      fileName: 'bridge.yaml',
      text: BRIDGE('      acks: 1 # fast\n      linger.ms: 5\n'),
      findings: [
        {
          line: 8,
          column: 13,
          fixes: [
            { title: 'Set acks=all', output: BRIDGE('      acks: all # fast\n      linger.ms: 5\n') },
            {
              title: /^Set enable.idempotence=false/,
              output: BRIDGE('      acks: 1 # fast\n      linger.ms: 5\n      enable.idempotence: false\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'Compose environment map: SPRING_KAFKA_PRODUCER_ACKS; the alternative adds a variable, quoted as a string',
      fileName: 'docker-compose.yml',
      text: 'services:\n  app:\n    image: example/app\n    environment:\n      SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      SPRING_KAFKA_PRODUCER_ACKS: 1\n',
      findings: [
        {
          line: 6,
          column: 35,
          includes: 'acks=1 (SPRING_KAFKA_PRODUCER_ACKS, line 6)',
          fixes: [
            {
              title: 'Set acks=all',
              output:
                'services:\n  app:\n    image: example/app\n    environment:\n      SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      SPRING_KAFKA_PRODUCER_ACKS: all\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'services:\n  app:\n    image: example/app\n    environment:\n      SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      SPRING_KAFKA_PRODUCER_ACKS: 1\n      SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE: "false"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'Compose environment list (NAME=value), CRLF',
      fileName: 'compose.yaml',
      text: 'services:\r\n  app:\r\n    environment:\r\n      - SPRING_KAFKA_PRODUCER_ACKS=1\r\n',
      findings: [
        {
          line: 4,
          column: 36,
          fixes: [
            { title: 'Set acks=all', output: 'services:\r\n  app:\r\n    environment:\r\n      - SPRING_KAFKA_PRODUCER_ACKS=all\r\n' },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'services:\r\n  app:\r\n    environment:\r\n      - SPRING_KAFKA_PRODUCER_ACKS=1\r\n      - SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE=false\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'Kubernetes env: name/value items; the new item copies the dash and key columns',
      fileName: 'deployment.yaml',
      text: 'spec:\n  template:\n    spec:\n      containers:\n        - name: orders\n          env:\n            - name: SPRING_KAFKA_PRODUCER_ACKS\n              value: "1"\n',
      findings: [
        {
          line: 8,
          column: 22,
          includes: 'acks=1 (SPRING_KAFKA_PRODUCER_ACKS, line 7)',
          fixes: [
            {
              title: 'Set acks=all',
              output:
                'spec:\n  template:\n    spec:\n      containers:\n        - name: orders\n          env:\n            - name: SPRING_KAFKA_PRODUCER_ACKS\n              value: "all"\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'spec:\n  template:\n    spec:\n      containers:\n        - name: orders\n          env:\n            - name: SPRING_KAFKA_PRODUCER_ACKS\n              value: "1"\n            - name: SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE\n              value: "false"\n',
            },
          ],
        },
      ],
    },
  ],
});

test('Spring variables: uniform and legacy forms of a dashed property, map keys, the properties maps', () => {
  for (const name of ['SPRING_KAFKA_PRODUCER_TRANSACTIONIDPREFIX', 'SPRING_KAFKA_PRODUCER_TRANSACTION_ID_PREFIX']) {
    const text = `services:\n  app:\n    environment:\n      ${name}: tx-\n      SPRING_KAFKA_PRODUCER_ACKS: "1"\n`;
    const r = lintText('docker-compose.yml', text);
    assert.deepEqual(where(text, r), ['5:35 error idempotence-acks-conflict'], name);
    assert.equal(r.blocks[0].values.get('transactional.id')?.value, 'tx-');
  }
  const text =
    'services:\n  app:\n    environment:\n      SPRING_KAFKA_PROPERTIES_ENABLE_IDEMPOTENCE: "true"\n      SPRING_KAFKA_PRODUCER_PROPERTIES_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION: "6"\n';
  const r = lintText('docker-compose.yml', text);
  assert.deepEqual(blockValues(r), ['enable.idempotence=true', 'max.in.flight.requests.per.connection=6']);
  assert.deepEqual(where(text, r), ['5:79 error idempotence-max-in-flight-gt-5']);
});

test('Connect variables: CONNECT_PRODUCER_* are the worker producer.* keys, over what Connect sets', () => {
  const base =
    'services:\n  connect:\n    image: confluentinc/cp-kafka-connect:7.7.0\n    environment:\n      CONNECT_BOOTSTRAP_SERVERS: kafka:9092\n      CONNECT_GROUP_ID: connect\n      CONNECT_CONFIG_STORAGE_TOPIC: connect-configs\n';
  const clean = lintText('docker-compose.yml', `${base}      CONNECT_PRODUCER_ACKS: "1"\n`);
  assert.deepEqual(clean.findings, [], 'Connect disables idempotence itself: acks=1 alone is fine');
  assert.equal(clean.blocks[0].name, "service 'connect' (CONNECT_PRODUCER_*)");
  const text = `${base}      CONNECT_PRODUCER_ENABLE_IDEMPOTENCE: "true"\n      CONNECT_PRODUCER_ACKS: "1"\n`;
  const r = lintText('docker-compose.yml', text);
  assert.deepEqual(where(text, r), ['9:30 error idempotence-acks-conflict']);
  assert.match(r.findings[0].message, /enable\.idempotence is set explicitly \(CONNECT_PRODUCER_ENABLE_IDEMPOTENCE, line 8\)/);
  assert.deepEqual(
    r.findings[0].fixes.map((f) => f.edits.map((e) => `${text.slice(e.span.start, e.span.end)} → ${e.newText}`)),
    [['"1" → "all"'], ['"true" → "false"']],
  );
});

test('a block per service or container, named after it', () => {
  const text =
    'services:\n  orders:\n    environment:\n      SPRING_KAFKA_PRODUCER_ACKS: "1"\n  billing:\n    environment:\n      - SPRING_KAFKA_PRODUCER_ACKS=all\n---\n' +
    'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: shipping\n          env:\n            - name: SPRING_KAFKA_PRODUCER_ACKS\n              value: "0"\n';
  const r = lintText('stack.yaml', text);
  assert.deepEqual(
    r.blocks.map((b) => b.name),
    ["service 'orders' (SPRING_KAFKA_*)", "service 'billing' (SPRING_KAFKA_*)", "container 'shipping' (SPRING_KAFKA_*)"],
  );
  assert.deepEqual(
    r.findings.map((f) => f.message.slice(f.message.lastIndexOf('['))),
    ["[service 'orders' (SPRING_KAFKA_*)]", "[container 'shipping' (SPRING_KAFKA_*)]"],
  );
});

test('variables that no known image reads are not judged; a health check stays clean; a suppression comment works', () => {
  const app =
    'services:\n  app:\n    environment:\n      KAFKA_PRODUCER_ACKS: "1"\n      KAFKA_PRODUCER_RETRIES: "0"\n    healthcheck:\n      retries: 3\n';
  assert.deepEqual(lintText('docker-compose.yml', app).blocks, []);
  const suppressed =
    'services:\n  app:\n    environment:\n      # kafka-idempotence-disable-next-line idempotence-implicit-downgrade\n      SPRING_KAFKA_PRODUCER_ACKS: "1"\n';
  const r = lintText('docker-compose.yml', suppressed);
  assert.equal(r.blocks.length, 1);
  assert.deepEqual(r.findings, []);
});

test("the Docker extension's `dockercompose` language is read as YAML", () => {
  const text = 'services:\n  app:\n    environment:\n      SPRING_KAFKA_PRODUCER_ACKS: "1"\n';
  const r = svc.lint({ fileName: 'file:///w/docker-compose.override.yml', text, languageId: 'dockercompose' }, svc.DEFAULT_SETTINGS);
  assert.deepEqual(
    r.findings.map((f) => f.ruleId),
    ['idempotence-implicit-downgrade'],
  );
  assert.equal(svc.formatOf({ fileName: 'compose', languageId: 'dockercompose' }), 'yaml');
});

ruleTester('idempotence-implicit-downgrade', {
  valid: [
    { fileName: 'docker-compose.yml', text: 'services:\n  app:\n    environment:\n      SPRING_KAFKA_PRODUCER_ACKS: ${ACKS:-all}\n' },
  ],
  invalid: [
    {
      name: 'Compose interpolation: the default is judged, and the fix edits the default (map and list forms)',
      fileName: 'docker-compose.yml',
      text: 'services:\n  app:\n    environment:\n      SPRING_KAFKA_PRODUCER_ACKS: ${ACKS:-1}\n  b:\n    environment:\n      - SPRING_KAFKA_PRODUCER_ACKS=${ACKS:-0}\n',
      findings: [
        {
          line: 4,
          column: 35,
          includes: 'acks=1 (SPRING_KAFKA_PRODUCER_ACKS, line 4)',
          fixes: [
            {
              title: 'Set acks=all',
              output:
                'services:\n  app:\n    environment:\n      SPRING_KAFKA_PRODUCER_ACKS: ${ACKS:-all}\n  b:\n    environment:\n      - SPRING_KAFKA_PRODUCER_ACKS=${ACKS:-0}\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'services:\n  app:\n    environment:\n      SPRING_KAFKA_PRODUCER_ACKS: ${ACKS:-1}\n      SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE: "false"\n  b:\n    environment:\n      - SPRING_KAFKA_PRODUCER_ACKS=${ACKS:-0}\n',
            },
          ],
        },
        {
          line: 7,
          column: 36,
          fixes: [
            {
              title: 'Set acks=all',
              output:
                'services:\n  app:\n    environment:\n      SPRING_KAFKA_PRODUCER_ACKS: ${ACKS:-1}\n  b:\n    environment:\n      - SPRING_KAFKA_PRODUCER_ACKS=${ACKS:-all}\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'services:\n  app:\n    environment:\n      SPRING_KAFKA_PRODUCER_ACKS: ${ACKS:-1}\n  b:\n    environment:\n      - SPRING_KAFKA_PRODUCER_ACKS=${ACKS:-0}\n      - SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE=false\n',
            },
          ],
        },
      ],
    },
  ],
});

test('Helm values: extraEnv / extraEnvVars lists of name/value items are environment variables too', () => {
  for (const key of ['extraEnv', 'extraEnvVars', 'envVars']) {
    const text = `app:\n  ${key}:\n    - name: SPRING_KAFKA_PRODUCER_ACKS\n      value: "1"\n`;
    assert.deepEqual(where(text, lintText('values.yaml', text)), ['4:14 warning idempotence-implicit-downgrade'], key);
  }
  const notEnv = 'app:\n  settings:\n    - name: SPRING_KAFKA_PRODUCER_ACKS\n      value: "1"\n';
  assert.deepEqual(lintText('values.yaml', notEnv).blocks, []);
});

test("Strimzi: a KafkaConnector's producer.override.* against the override policy of its KafkaConnect in the same file (R-CN2)", () => {
  const connect = CONNECT('    connector.client.config.override.policy: None\n');
  const connector = CONNECTOR('    producer.override.linger.ms: 5\n').replace(
    '  name: orders-source\n',
    '  name: orders-source\n  labels:\n    strimzi.io/cluster: my-connect\n',
  );
  const text = `${connect}---\n${connector}`;
  const r = lintText('connect.yaml', text);
  assert.deepEqual(where(text, r), ['19:5 error connect-override-policy']);
  assert.match(r.findings[0].message, /"The 'None' policy does not allow 'linger\.ms' to be overridden in the connector configuration\."/);
  assert.deepEqual(
    r.findings[0].fixes.map((f) => f.title),
    ['Set connector.client.config.override.policy=All (the default since 3.0)', 'Remove producer.override.linger.ms'],
  );
  // another cluster's connector is not judged against this policy
  assert.deepEqual(where(text, lintText('connect.yaml', text.replace('strimzi.io/cluster: my-connect', 'strimzi.io/cluster: other'))), []);
});

describe('review cases', () => {
  test('Kubernetes passes ${...} through to Spring, which reads ${ACKS:-1} as the default "-1" (all): no finding, and no fix writes -all', () => {
    const text =
      'spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: SPRING_KAFKA_PRODUCER_ACKS\n              value: "${ACKS:-1}"\n';
    const r = lintText('deployment.yaml', text);
    assert.deepEqual(r.findings, []);
    assert.equal(r.blocks[0].values.get('acks')?.value, '-1');
  });

  test('Compose: ${VAR:?error} and ${VAR:+alt} are unknown, ${VAR:default} is not Compose syntax', () => {
    const text =
      'services:\n  app:\n    environment:\n      SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE: ${IDEMP:?set IDEMP}\n      SPRING_KAFKA_PRODUCER_ACKS: ${ACKS:+1}\n      SPRING_KAFKA_PRODUCER_RETRIES: ${RETRIES:0}\n';
    const r = lintText('docker-compose.yml', text);
    assert.deepEqual(r.findings, []);
    assert.equal(r.blocks.length, 1);
    for (const k of ['acks', 'enable.idempotence', 'retries']) assert.equal(r.blocks[0].values.get(k)?.value, undefined, k);
  });

  test('a YAML 1.1 boolean in an env value is the string it spells (Compose: YAML 1.2; Kubernetes refuses it anyway), fixed with a quoted string', () => {
    const text =
      'spec:\n  containers:\n    - name: app\n      env:\n        - name: SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE\n          value: yes\n';
    const r = lintText('pod.yaml', text);
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['enable-idempotence-invalid-boolean'],
    );
    const fixed = svc.applyEdits(text, r.findings[0].fixes[0].edits);
    assert.match(fixed, /value: "true"\n$/);
  });

  test('a Strimzi resource without producer config does not hide the environment variables next to it', () => {
    const text =
      'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaConnect\nmetadata:\n  name: c\nspec:\n  replicas: 1\n---\n' +
      'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE\n              value: "true"\n            - name: SPRING_KAFKA_PRODUCER_ACKS\n              value: "1"\n';
    assert.deepEqual(
      lintText('stack.yaml', text).findings.map((f) => f.ruleId),
      ['idempotence-acks-conflict'],
    );
    const withConfig = text.replace('  replicas: 1\n', '  config:\n    producer.acks: 1\n');
    assert.deepEqual(
      lintText('stack.yaml', withConfig).blocks.map((b) => b.dialect),
      ['kafka-connect', 'spring-boot'],
    );
  });

  test('Compose merge keys: variables merged from an anchor count, and are never edited in the anchor', () => {
    const text =
      'x-kafka: &kafka\n  SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE: "true"\nservices:\n  app:\n    environment:\n      <<: *kafka\n      SPRING_KAFKA_PRODUCER_ACKS: "1"\n';
    const r = lintText('docker-compose.yml', text);
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['idempotence-acks-conflict'],
    );
    for (const f of r.findings)
      for (const fix of f.fixes)
        for (const e of fix.edits) assert.ok(e.span.start > text.indexOf('services:'), `${fix.title} edits the anchor`);
  });

  test('Strimzi: yes/on in spec.config are booleans (kubectl and Helm read YAML 1.1), so no invalid-boolean error', () => {
    const text = CONNECT('    producer.enable.idempotence: yes\n    producer.acks: all\n');
    const r = lintText('connect.yaml', text);
    assert.deepEqual(r.findings, []);
    assert.equal(r.blocks[0].values.get('enable.idempotence')?.value, 'true');
  });
});

test('environment variables whose item or key carries an anchor: a new variable aligns with the item (fuzz counterexample class)', () => {
  const cases: Array<[string, string, string]> = [
    [
      'deployment.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: x\n          env:\n            - &a name: SPRING_KAFKA_PRODUCER_ACKS\n              value: "1"\n',
      '            - &a name: SPRING_KAFKA_PRODUCER_ACKS\n              value: "1"\n            - name: SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE\n              value: "false"\n',
    ],
    [
      'docker-compose.yml',
      'services:\n  app:\n    image: x\n    environment:\n      &e SPRING_KAFKA_PRODUCER_ACKS: "1"\n',
      '    environment:\n      &e SPRING_KAFKA_PRODUCER_ACKS: "1"\n      SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE: "false"\n',
    ],
  ];
  for (const [fileName, text, tail] of cases) {
    const r = svc.lint({ fileName, text }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '3.9' });
    const f = r.findings.find((x) => x.ruleId === 'idempotence-implicit-downgrade');
    assert.ok(f, fileName);
    const fix = f.fixes.find((x) => x.title.startsWith('Set enable.idempotence=false'));
    assert.ok(fix, fileName);
    const out = svc.applyEdits(text, fix.edits);
    assert.ok(out.endsWith(tail), JSON.stringify(out));
    assert.equal(
      YAML.parseAllDocuments(out).reduce((n, d) => n + d.errors.length, 0),
      0,
    );
  }
});

describe('Compose variables passed on from the host (`NAME:` or `- NAME` without a value)', () => {
  const lint = (text: string) =>
    svc.lint({ fileName: 'docker-compose.yml', text }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '3.9' });
  test('count as set, to a value not visible here: no verdict is built on their absence', () => {
    for (const text of [
      'services:\n  app:\n    image: x\n    environment:\n      SPRING_KAFKA_PRODUCER_ACKS:\n      SPRING_KAFKA_PRODUCER_BATCH_SIZE: "16384"\n',
      'services:\n  app:\n    image: x\n    environment:\n      - SPRING_KAFKA_PRODUCER_ACKS\n      - SPRING_KAFKA_PRODUCER_BATCH_SIZE=16384\n',
    ]) {
      const r = lint(text);
      assert.equal(r.blocks.length, 1, text);
      const acks = r.blocks[0].values.get('acks');
      assert.ok(acks?.entry, text);
      assert.equal(acks.kind, 'unknown');
      assert.equal(acks.value, undefined);
      assert.deepEqual(
        r.findings.map((f) => f.ruleId),
        [],
        text,
      );
    }
  });
  test('a fix for that key sets the pass-through variable instead of writing it a second time (fuzz counterexample: a duplicate key)', () => {
    const text =
      'services:\n  connect:\n    image: confluentinc/cp-kafka-connect:7.7.1\n    environment:\n      CONNECT_BOOTSTRAP_SERVERS: kafka:9092\n      CONNECT_GROUP_ID: g\n      CONNECT_PRODUCER_ACKS: "1"\n      CONNECT_PRODUCER_ENABLE_IDEMPOTENCE:';
    const r = svc.lint({ fileName: 'docker-compose.yml', text }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '2.8' });
    for (const f of r.findings) {
      for (const fix of f.fixes) {
        const out = svc.applyEdits(text, fix.edits);
        assert.equal(
          YAML.parseAllDocuments(out).reduce((n, d) => n + d.errors.length, 0),
          0,
          `${fix.title}: ${out}`,
        );
        assert.equal(out.split('CONNECT_PRODUCER_ENABLE_IDEMPOTENCE').length, 2, `${fix.title}: ${out}`);
      }
    }
    // the writer itself refuses a second variable of an existing name
    const setIdem = r.blocks[0].writer.edits({ op: 'set', key: 'enable.idempotence', value: 'true' });
    assert.ok(setIdem);
    assert.equal(
      svc.applyEdits(text, setIdem),
      text.replace('CONNECT_PRODUCER_ENABLE_IDEMPOTENCE:', 'CONNECT_PRODUCER_ENABLE_IDEMPOTENCE: "true"'),
    );
  });
});

test('found by review: a variable merged from an anchor is overridden in the own map, and outside Compose a name without a value is no variable but gets the value written into it', () => {
  const compose =
    'x-env: &env\n  SPRING_KAFKA_PRODUCER_ACKS: "1"\nservices:\n  app:\n    image: x\n    environment:\n      <<: *env\n      SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n';
  const r1 = svc.lint({ fileName: 'docker-compose.yml', text: compose }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '3.9' });
  const f1 = r1.findings.find((f) => f.ruleId === 'idempotence-implicit-downgrade');
  assert.ok(f1);
  assert.equal(f1.fixes[0].title, 'Set acks=all');
  assert.ok(
    svc
      .applyEdits(compose, f1.fixes[0].edits)
      .endsWith('      SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      SPRING_KAFKA_PRODUCER_ACKS: all\n'),
  );

  const helm =
    'app:\n  x:\n    environment:\n      SPRING_KAFKA_PRODUCER_ACKS: "1"\n      SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE:\n';
  const r2 = svc.lint({ fileName: 'values.yaml', text: helm }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '3.9' });
  const f2 = r2.findings.find((f) => f.ruleId === 'idempotence-implicit-downgrade');
  assert.ok(f2, 'a null outside Compose is no variable (Helm drops null keys when it merges values)');
  const off = f2.fixes.find((x) => x.title.startsWith('Set enable.idempotence=false'));
  assert.ok(off);
  const out = svc.applyEdits(helm, off.edits);
  assert.equal(out, helm.replace('ENABLE_IDEMPOTENCE:\n', 'ENABLE_IDEMPOTENCE: "false"\n'));
  assert.equal(
    YAML.parseAllDocuments(out).reduce((n, d) => n + d.errors.length, 0),
    0,
  );
});

// ---------------------------------------------------------------------------------------------
// A KafkaConnector with its KafkaConnect in the same file: the worker's producer.* merged with the connector's
// producer.override.* (Worker.baseProducerConfigs), under the worker's override policy and exactly-once support.
// Held to connect-runtime 4.x by the Connect oracle (test/oracles/connect.ts).

const LINKED = (config: string) =>
  CONNECTOR(config).replace('  name: orders-source\n', '  name: orders-source\n  labels:\n    strimzi.io/cluster: my-connect\n');
const PAIR = (worker: string, connector: string) => `${CONNECT(worker)}---\n${LINKED(connector)}`;

ruleTester('idempotence-acks-conflict', {
  valid: [
    {
      name: 'the worker leaves idempotence to Connect (off)',
      fileName: 'connect.yaml',
      text: PAIR('    producer.linger.ms: 5\n', '    producer.override.acks: 1\n'),
    },
    {
      name: 'the connector turns idempotence on and overrides the worker back to acks=all',
      fileName: 'connect.yaml',
      text: PAIR('    producer.acks: 1\n', '    producer.override.enable.idempotence: true\n    producer.override.acks: all\n'),
    },
    {
      name: "a connector's own producer.* keys reach no producer",
      fileName: 'connect.yaml',
      text: PAIR('    producer.enable.idempotence: true\n', '    producer.acks: 1\n'),
    },
  ],
  invalid: [
    {
      name: "the connector inherits the worker's explicit enable.idempotence",
      fileName: 'connect.yaml',
      text: PAIR('    producer.enable.idempotence: true\n', '    producer.override.acks: 1\n'),
      findings: [
        {
          line: 19,
          text: '1',
          includes: [
            '"Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."',
            '(producer.enable.idempotence, line 8)',
            "[KafkaConnector 'orders-source'",
          ],
          fixes: [
            { title: 'Set acks=all', output: PAIR('    producer.enable.idempotence: true\n', '    producer.override.acks: all\n') },
            {
              title: /^Set enable.idempotence=false/,
              output: PAIR(
                '    producer.enable.idempotence: true\n',
                '    producer.override.acks: 1\n    producer.override.enable.idempotence: false\n',
              ),
            },
          ],
        },
      ],
    },
  ],
});

test("Strimzi: the merged connector finding points at the worker's line too", () => {
  const text = PAIR('    producer.enable.idempotence: true\n', '    producer.override.acks: 1\n');
  const r = lintText('connect.yaml', text);
  const f = r.findings.find((x) => x.ruleId === 'idempotence-acks-conflict');
  assert.ok(f);
  assert.deepEqual(
    f.related.map((x) => [text.slice(x.span.start, x.span.end), x.message]),
    [['producer.enable.idempotence', 'enable.idempotence=true makes idempotence explicit']],
  );
});

test('Strimzi: worker policy None rejects every producer.override.* key of the connector, producer config or not', () => {
  const r = lintText(
    'connect.yaml',
    PAIR(
      '    connector.client.config.override.policy: None\n',
      '    producer.override.enable.idempotency: true\n    producer.override.acks: all\n',
    ),
  );
  const msgs = r.findings.filter((f) => f.ruleId === 'connect-override-policy').map((f) => f.message);
  assert.equal(msgs.length, 2);
  assert.ok(msgs.some((m) => m.includes(`"The 'None' policy does not allow 'acks' to be overridden in the connector configuration."`)));
  assert.ok(
    msgs.some((m) =>
      m.includes(`"The 'None' policy does not allow 'enable.idempotency' to be overridden in the connector configuration."`),
    ),
  );
  const e = svc.effectiveJavaConfig(r.blocks[1], svc.parseVersion('4.4.0')!);
  assert.deepEqual([e.outcome, e.refusal?.key], ['refuses-to-start', 'acks']);
});

test('Strimzi: exactly-once support of the worker applies to its connector; spec.config values are literal (${TX} is not a placeholder)', () => {
  const r = lintText(
    'connect.yaml',
    PAIR('    exactly.once.source.support: enabled\n    producer.transactional.id: "${TX}"\n', '    producer.override.linger.ms: 5\n'),
  );
  const c = r.blocks[1];
  assert.equal(c.values.get('enable.idempotence')?.value, 'true');
  assert.equal(c.values.get('transactional.id')?.value, 'connect-cluster-${connector}-${task}');
  const plain = lintText('connect.yaml', PAIR('    producer.transactional.id: "${TX}"\n', '    producer.override.linger.ms: 5\n'));
  assert.equal(plain.blocks[1].values.get('transactional.id')?.value, '${TX}');
  const provider = lintText(
    'connect.yaml',
    PAIR('    producer.transactional.id: "${file:/etc/tx.properties:id}"\n', '    producer.override.linger.ms: 5\n'),
  );
  assert.equal(provider.blocks[1].values.get('transactional.id')?.kind, 'unknown');
});

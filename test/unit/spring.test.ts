/**
 * Spring Boot dialect (.properties and YAML): one logical config in every form (plain properties,
 * Spring properties and YAML nested/flat, a generic map, Quarkus, a Strimzi KafkaBridge, Spring's
 * environment variables in Compose and Kubernetes) gives the same verdict; each trap (transaction prefix forcing idempotence, precedence between the
 * three levels, keys Boot does not bind, YAML 1.1 booleans, placeholders) has its case and
 * its clean counter-case; fixes state their exact output.
 */
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import type { LintResult } from '../../server/src/service';
import { applyFix, at, blockValues, lintText, only, svc, where } from '../support/dialectCase';
import { dedent } from '../support';

const latest = svc.parseVersion('latest')!;

/** The verdict without origins (line numbers differ between forms). */
function verdictOf(r: LintResult, i = 0) {
  const v = svc.evaluateJava(r.blocks[i], latest);
  return {
    explicit: v.explicit,
    requested: v.requested,
    effective: v.effective,
    refusesToStart: v.refusesToStart,
    conflicts: v.conflicts.map((c) => `${c.kind}:${c.consequence}`),
    transaction: v.transactionFailure !== undefined,
  };
}
const rules = (r: LintResult) => r.findings.map((f) => `${f.severity} ${f.ruleId}`).sort();

describe('one logical config, every form, one verdict', () => {
  const forms = (lines: Record<string, string>) => lines;
  const configs: Array<{ name: string; forms: Record<string, string>; rules: string[] }> = [
    {
      name: 'acks=1 without enable.idempotence (silently disabled)',
      forms: forms({
        'producer.properties': 'acks=1\nlinger.ms=5\n',
        'application.properties': 'spring.kafka.producer.acks=1\nspring.kafka.producer.properties.linger.ms=5\n',
        'application.yml': dedent`
          spring:
            kafka:
              producer:
                acks: 1
                properties:
                  linger.ms: 5
        `,
        'flat/application.yml': 'spring.kafka.producer.acks: 1\nspring.kafka.producer.properties[linger.ms]: 5\n',
        'brackets/application.yml': dedent`
          spring:
            kafka:
              producer:
                acks: "1"
                properties:
                  "[linger.ms]": 5
        `,
        'values.yaml': dedent`
          kafka:
            producer:
              config:
                acks: 1
                linger.ms: 5
        `,
        'quarkus/application.properties':
          'mp.messaging.outgoing.orders.connector=smallrye-kafka\nmp.messaging.outgoing.orders.acks=1\nmp.messaging.outgoing.orders.linger.ms=5\n',
        'strimzi/bridge.yaml': dedent`
          apiVersion: kafka.strimzi.io/v1beta2
          kind: KafkaBridge
          metadata:
            name: bridge
          spec:
            producer:
              config:
                acks: 1
                linger.ms: 5
        `,
        'compose/docker-compose.yml': dedent`
          services:
            app:
              environment:
                SPRING_KAFKA_PRODUCER_ACKS: "1"
                SPRING_KAFKA_PRODUCER_PROPERTIES_LINGER_MS: "5"
        `,
      }),
      rules: ['warning idempotence-implicit-downgrade'],
    },
    {
      name: 'explicit enable.idempotence with acks=1 and 10 requests in flight (refuses to start)',
      forms: forms({
        'producer.properties': 'enable.idempotence=true\nacks=1\nmax.in.flight.requests.per.connection=10\n',
        'application.properties':
          'spring.kafka.producer.properties.enable.idempotence=true\nspring.kafka.producer.acks=1\nspring.kafka.producer.properties.max.in.flight.requests.per.connection=10\n',
        'application.yml': dedent`
          spring:
            kafka:
              producer:
                acks: 1
                properties:
                  enable.idempotence: true
                  max.in.flight.requests.per.connection: 10
        `,
        'flat/application.yml':
          'spring.kafka.producer.properties.enable.idempotence: true\nspring.kafka.producer.acks: 1\nspring.kafka.producer.properties.max.in.flight.requests.per.connection: 10\n',
        'nested-keys/application.yml': dedent`
          spring:
            kafka:
              producer:
                properties:
                  enable:
                    idempotence: true
                  acks: 1
                  max.in.flight.requests.per.connection: 10
        `,
        'values.yaml': 'app:\n  kafka:\n    producer: {enable.idempotence: true, acks: 1, max.in.flight.requests.per.connection: 10}\n',
        'quarkus/application.properties':
          'mp.messaging.outgoing.orders.connector=smallrye-kafka\nmp.messaging.outgoing.orders.enable.idempotence=true\nmp.messaging.outgoing.orders.acks=1\nmp.messaging.outgoing.orders.max.in.flight.requests.per.connection=10\n',
        'strimzi/bridge.yaml': dedent`
          apiVersion: kafka.strimzi.io/v1beta2
          kind: KafkaBridge
          metadata:
            name: bridge
          spec:
            producer:
              config:
                enable.idempotence: true
                acks: 1
                max.in.flight.requests.per.connection: 10
        `,
        'k8s/deployment.yaml': dedent`
          spec:
            template:
              spec:
                containers:
                  - name: app
                    env:
                      - name: SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE
                        value: "true"
                      - name: SPRING_KAFKA_PRODUCER_ACKS
                        value: "1"
                      - name: SPRING_KAFKA_PRODUCER_PROPERTIES_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION
                        value: "10"
        `,
      }),
      rules: ['error idempotence-acks-conflict', 'error idempotence-max-in-flight-gt-5'],
    },
    {
      name: 'transactions with acks=1 (refuses to start: idempotence is explicit)',
      forms: forms({
        'producer.properties': 'transactional.id=tx-1\nenable.idempotence=true\nacks=1\n',
        'application.properties': 'spring.kafka.producer.transaction-id-prefix=tx-\nspring.kafka.producer.acks=1\n',
        'application.yml': dedent`
          spring:
            kafka:
              producer:
                transaction-id-prefix: tx-
                acks: 1
        `,
        'flat/application.yml': 'spring.kafka.producer.transactionIdPrefix: tx-\nspring.kafka.producer.acks: 1\n',
        'underscore/application.properties': 'spring.kafka.producer.transaction_id_prefix=tx-\nspring.kafka.producer.properties[acks]=1\n',
        'quarkus/application.properties':
          'mp.messaging.outgoing.orders.connector=smallrye-kafka\nmp.messaging.outgoing.orders.transactional.id=tx-1\nmp.messaging.outgoing.orders.enable.idempotence=true\nmp.messaging.outgoing.orders.acks=1\n',
        'strimzi/bridge.yaml': dedent`
          apiVersion: kafka.strimzi.io/v1beta2
          kind: KafkaBridge
          metadata:
            name: bridge
          spec:
            producer:
              config:
                transactional.id: tx-1
                enable.idempotence: true
                acks: 1
        `,
        'compose/docker-compose.yml': dedent`
          services:
            app:
              environment:
                - SPRING_KAFKA_PRODUCER_TRANSACTION_ID_PREFIX=tx-
                - SPRING_KAFKA_PRODUCER_ACKS=1
        `,
      }),
      rules: ['error idempotence-acks-conflict'],
    },
  ];
  for (const c of configs) {
    test(c.name, () => {
      const results = Object.entries(c.forms).map(([file, text]) => [file, lintText(file, text)] as const);
      const [firstFile, first] = results[0];
      for (const [file, r] of results) {
        assert.equal(r.blocks.length, 1, `${file}: one block`);
        assert.deepEqual(rules(r), c.rules, file);
        assert.deepEqual(verdictOf(r), verdictOf(first), `${file} vs ${firstFile}`);
      }
    });
  }
});

describe('Spring Boot: transaction-id-prefix makes idempotence explicit (R-F1)', () => {
  test('prefix + acks=1 → the producer refuses to start; fix sets acks: all in place', () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            acks: 1 # fast
            transaction-id-prefix: tx-
    `;
    const r = lintText('application.yml', text);
    assert.deepEqual(where(text, r), ['4:13 error idempotence-acks-conflict']);
    const f = r.findings[0];
    assert.match(f.message, /Spring Kafka \(transaction-id-prefix\) sets enable\.idempotence explicitly/);
    assert.match(f.message, /"Must set acks to all in order to use the idempotent producer\. Otherwise we cannot guarantee idempotence\."/);
    assert.equal(f.fixes.length, 1, 'no "enable.idempotence=false" alternative with transactions');
    assert.equal(
      applyFix(text, f),
      dedent`
      spring:
        kafka:
          producer:
            acks: all # fast
            transaction-id-prefix: tx-
    `,
    );
    assert.deepEqual(blockValues(r), ['acks=1', 'enable.idempotence=true (injected)', 'transactional.id=tx-']);
    assert.equal(r.blocks[0].values.get('transactional.id')!.origin, 'spring.kafka.producer.transaction-id-prefix, line 5');
  });

  test('the same acks=1 without a prefix only silently disables idempotence', () => {
    const text = 'spring.kafka.producer.acks=1\n';
    assert.deepEqual(where(text, lintText('application.properties', text)), ['1:28 warning idempotence-implicit-downgrade']);
  });

  test('prefix + acks=all is clean', () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            acks: all
            transaction-id-prefix: tx-
    `;
    assert.deepEqual(where(text, lintText('application.yml', text)), []);
  });

  test('prefix + retries: 0 → refuses to start; fix removes the line', () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            transaction-id-prefix: tx-
            retries: 0
    `;
    const r = lintText('application.yml', text);
    assert.deepEqual(where(text, r), ['5:16 error idempotence-retries-zero']);
    assert.equal(
      applyFix(text, r.findings[0]),
      dedent`
      spring:
        kafka:
          producer:
            transaction-id-prefix: tx-
    `,
    );
  });

  test('prefix + properties[enable.idempotence]=false → "Cannot set a transactional.id without also enabling idempotence."', () => {
    const text = 'spring.kafka.producer.transaction-id-prefix=tx-\nspring.kafka.producer.properties[enable.idempotence]=false\n';
    const r = lintText('application.properties', text);
    assert.deepEqual(where(text, r), ['1:1 error transactional-id-requires-idempotence']);
    const f = r.findings[0];
    assert.equal(
      applyFix(text, f),
      'spring.kafka.producer.transaction-id-prefix=tx-\nspring.kafka.producer.properties[enable.idempotence]=true\n',
    );
    assert.equal(applyFix(text, f, 'Remove transactional.id'), 'spring.kafka.producer.properties[enable.idempotence]=false\n');
  });

  test('prefix + in-flight 10 in the common spring.kafka.properties map → refuses to start', () => {
    const text = dedent`
      spring:
        kafka:
          properties:
            max.in.flight.requests.per.connection: 10
          producer:
            transaction-id-prefix: tx-
    `;
    const r = lintText('application.yml', text);
    assert.deepEqual(where(text, r), ['4:46 error idempotence-max-in-flight-gt-5']);
    // the fix edits the key where it is written
    assert.equal(applyFix(text, r.findings[0]), text.replace(': 10', ': 5'));
  });
});

describe('Spring Boot: precedence between the levels (R-F2)', () => {
  test('properties.acks beats the dedicated acks: duplicate reported on the shadowed key, verdict uses the winner', () => {
    const text = 'spring.kafka.producer.acks=all\nspring.kafka.producer.properties.acks=1\n';
    const r = lintText('application.properties', text);
    assert.deepEqual(where(text, r), ['1:1 warning spring-duplicate-producer-key', '2:39 warning idempotence-implicit-downgrade']);
    const dup = only(r, 'spring-duplicate-producer-key');
    assert.equal(at(text, dup.span), 'spring.kafka.producer.acks');
    assert.match(
      dup.message,
      /spring\.kafka\.producer\.acks=all has no effect: spring\.kafka\.producer\.properties\.acks=1 .*so the producer gets acks=1/,
    );
    assert.deepEqual(
      dup.related.map((x) => at(text, x.span)),
      ['spring.kafka.producer.properties.acks'],
    );
    assert.equal(applyFix(text, dup), 'spring.kafka.producer.properties.acks=1\n');
    assert.equal(applyFix(text, dup, 'Remove spring.kafka.producer.properties.acks'), 'spring.kafka.producer.acks=all\n');
    // the downgrade fix sets the winning key
    assert.equal(
      applyFix(text, only(r, 'idempotence-implicit-downgrade')),
      'spring.kafka.producer.acks=all\nspring.kafka.producer.properties.acks=all\n',
    );
  });

  test('the dedicated key beats the common map: no downgrade, the common key is reported as shadowed (YAML fix removes its lines)', () => {
    const text = dedent`
      spring:
        kafka:
          properties:
            acks: 1
          producer:
            acks: all
    `;
    const r = lintText('application.yml', text);
    assert.deepEqual(where(text, r), ['4:7 warning spring-duplicate-producer-key']);
    assert.equal(
      applyFix(text, r.findings[0]),
      dedent`
      spring:
        kafka:
          producer:
            acks: all
    `,
    );
    assert.deepEqual(blockValues(r), ['acks=all']);
  });

  test('removing the winner removes every entry above the shadowed one (fuzz regression)', () => {
    const text = 'spring.kafka.producer.acks=all\nspring.kafka.producer.properties.acks=1\nspring.kafka.producer.properties.acks=1\n';
    const dup = only(lintText('application.properties', text), 'spring-duplicate-producer-key');
    assert.equal(applyFix(text, dup, 'Remove spring.kafka.producer.properties.acks'), 'spring.kafka.producer.acks=all\n');
  });

  test('the same value at two levels (all = -1) is not a conflict', () => {
    const text = 'spring.kafka.producer.acks=all\nspring.kafka.producer.properties.acks=-1\nspring.kafka.properties.acks=all\n';
    assert.deepEqual(where(text, lintText('application.properties', text)), []);
  });
});

describe('Spring Boot: keys Boot does not bind', () => {
  test('enable-idempotence under producer (nested YAML) → a warning with a move into the properties map', () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            enable-idempotence: true
            acks: all
    `;
    const r = lintText('application.yml', text);
    assert.deepEqual(where(text, r), ['4:7 warning spring-unbound-producer-key']);
    const f = r.findings[0];
    assert.match(f.message, /Did you mean spring\.kafka\.producer\.properties\.enable\.idempotence\?/);
    assert.equal(f.consequence, 'ignored');
    assert.equal(
      applyFix(text, f),
      dedent`
      spring:
        kafka:
          producer:
            acks: all
            properties:
              enable.idempotence: true
    `,
    );
  });

  test('the only key of producer is renamed in place; .properties keys too', () => {
    const y = dedent`
      spring:
        kafka:
          producer:
            max-in-flight-requests-per-connection: 5
    `;
    const ry = lintText('application.yml', y);
    assert.deepEqual(where(y, ry), ['4:7 warning spring-unbound-producer-key']);
    assert.equal(
      applyFix(y, ry.findings[0]),
      dedent`
      spring:
        kafka:
          producer:
            properties.max.in.flight.requests.per.connection: 5
    `,
    );
    const p = 'spring.kafka.producer.transactional-id=tx-1\nspring.kafka.producer.enable.idempotence=true\n';
    const rp = lintText('application.properties', p);
    assert.deepEqual(where(p, rp), ['1:1 warning spring-unbound-producer-key', '2:1 warning spring-unbound-producer-key']);
    assert.equal(
      applyFix(p, rp.findings[0]),
      'spring.kafka.producer.properties.transactional.id=tx-1\nspring.kafka.producer.enable.idempotence=true\n',
    );
    assert.equal(
      applyFix(p, rp.findings[1]),
      'spring.kafka.producer.transactional-id=tx-1\nspring.kafka.producer.properties.enable.idempotence=true\n',
    );
    // unbound keys are not part of the producer config
    assert.deepEqual(blockValues(rp), []);
  });

  test('moving under an empty `properties:` right above gives one edit, not an insertion where a deletion starts (fuzz regression)', () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            batch-size: 64KB
            properties:
            linger.ms: 20
    `;
    const r = lintText('application.yml', text);
    // linger.ms is about throughput, not delivery: an info
    assert.deepEqual(where(text, r), ['6:7 info spring-unbound-producer-key']);
    const fix = r.findings[0].fixes[0];
    assert.equal(fix.edits.length, 1);
    assert.equal(
      applyFix(text, r.findings[0]),
      dedent`
      spring:
        kafka:
          producer:
            batch-size: 64KB
            properties:
              linger.ms: 20
    `,
    );
  });

  test('when the real key is already set, the fix removes the unbound one', () => {
    const text = 'spring.kafka.producer.enableIdempotence=false\nspring.kafka.producer.properties.enable.idempotence=true\n';
    const r = lintText('application.properties', text);
    assert.deepEqual(where(text, r), ['1:1 warning spring-unbound-producer-key']);
    assert.equal(applyFix(text, r.findings[0]), 'spring.kafka.producer.properties.enable.idempotence=true\n');
  });

  test('bound keys and keys with no producer meaning are not reported', () => {
    const text = [
      'spring.kafka.producer.batch-size=16KB',
      'spring.kafka.producer.buffer-memory=32MB',
      'spring.kafka.producer.compression-type=zstd',
      'spring.kafka.producer.client-id=app',
      'spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.StringSerializer',
      'spring.kafka.producer.ssl.key-store-location=file:ks.p12',
      'spring.kafka.producer.security.protocol=SSL',
      'spring.kafka.producer.some-future-thing=1',
      'spring.kafka.producer.properties.enable.idempotence=true',
      '',
    ].join('\n');
    const r = lintText('application.properties', text);
    assert.deepEqual(where(text, r), []);
    assert.deepEqual(blockValues(r), [
      'batch.size=16KB',
      'buffer.memory=32MB',
      'client.id=app',
      'compression.type=zstd',
      'enable.idempotence=true',
      'key.serializer=org.apache.kafka.common.serialization.StringSerializer',
    ]);
  });
});

describe('Spring Boot: values', () => {
  test('enable.idempotence: on binds as true in Spring (SnakeYAML) but is ambiguous: warning, and the verdict sees true', () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            acks: 1
            properties:
              enable.idempotence: on
    `;
    const r = lintText('application.yml', text);
    assert.deepEqual(where(text, r), ['4:13 error idempotence-acks-conflict', '6:29 warning yaml-ambiguous-boolean']);
    const f = only(r, 'yaml-ambiguous-boolean');
    assert.match(f.message, /Spring Boot \(SnakeYAML\) binds it as true, but a YAML 1\.2 parser reads the string "on"/);
    assert.equal(applyFix(text, f), text.replace(': on', ': true'));
  });

  test('y is a string for SnakeYAML too: the client rejects it (no ambiguity finding)', () => {
    const text = 'spring.kafka.producer.properties.enable.idempotence: y\n';
    assert.deepEqual(where(text, lintText('application.yml', text)), ['1:54 error enable-idempotence-invalid-boolean']);
  });

  test('enable.idempotence: true and "yes" (quoted, a string everywhere) are not ambiguous', () => {
    const ok = 'spring.kafka.producer.properties.enable.idempotence: true\n';
    assert.deepEqual(where(ok, lintText('application.yml', ok)), []);
    const quoted = 'spring.kafka.producer.properties.enable.idempotence: "yes"\n';
    assert.deepEqual(where(quoted, lintText('application.yml', quoted)), ['1:54 error enable-idempotence-invalid-boolean']);
  });

  test('placeholders: the default is judged (Spring syntax), no default means unknown', () => {
    const judged = 'spring.kafka.producer.acks=${KAFKA_ACKS:1}\n';
    const r = lintText('application.properties', judged);
    assert.deepEqual(where(judged, r), ['1:28 warning idempotence-implicit-downgrade']);
    assert.match(r.findings[0].message, /acks=1 \(line 1, the default of \$\{KAFKA_ACKS:1\}\)/);
    assert.equal(applyFix(judged, r.findings[0]), 'spring.kafka.producer.acks=${KAFKA_ACKS:all}\n');
    // Spring reads everything after the first ':' as the default: ${X:-1} defaults to "-1" (= all)
    const minus = 'spring:\n  kafka:\n    producer:\n      acks: ${KAFKA_ACKS:-1}\n      transaction-id-prefix: ${TX_PREFIX:tx-}\n';
    assert.deepEqual(where(minus, lintText('application.yml', minus)), []);
    const unknown = 'spring.kafka.producer.acks=${KAFKA_ACKS}\nspring.kafka.producer.transaction-id-prefix=tx-\n';
    assert.deepEqual(where(unknown, lintText('application.properties', unknown)), []);
  });
});

describe('Java rules inside Spring maps', () => {
  test('a misspelt key in the properties map is reported and renamed in place', () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            properties:
              enable.idempotency: true
    `;
    const r = lintText('application.yml', text);
    assert.deepEqual(where(text, r), ['5:9 warning unknown-idempotence-key']);
    assert.equal(applyFix(text, r.findings[0]), text.replace('idempotency', 'idempotence'));
  });

  test('an empty transaction-id-prefix still makes transactions (ids are prefix + counter): no empty-id finding', () => {
    const text = 'spring.kafka.producer.transaction-id-prefix=\nspring.kafka.producer.acks=1\n';
    assert.deepEqual(where(text, lintText('application.properties', text)), ['2:28 error idempotence-acks-conflict']);
  });

  test('an empty transactional.id in the properties map reaches the client, which refuses it', () => {
    const text = 'spring.kafka.producer.properties.transactional.id=\n';
    assert.deepEqual(where(text, lintText('application.properties', text)), ['1:1 error transactional-id-empty']);
  });
});

describe('what is not a Spring producer', () => {
  test('a consumer-only Spring file is clean and has no producer block', () => {
    for (const [file, text] of [
      [
        'application.yml',
        dedent`
        spring:
          kafka:
            bootstrap-servers: localhost:9092
            consumer:
              group-id: g
              auto-offset-reset: earliest
              enable-auto-commit: false
            listener:
              ack-mode: manual
      `,
      ],
      [
        'application.properties',
        'spring.kafka.bootstrap-servers=localhost:9092\nspring.kafka.consumer.group-id=g\nspring.kafka.properties.security.protocol=SASL_SSL\n',
      ],
    ]) {
      const r = lintText(file, text);
      assert.deepEqual(r.blocks, [], file);
      assert.deepEqual(r.findings, [], file);
    }
  });

  test('spring.kafka.properties.retries is a producer setting: Boot gives the common map to the producer (the Spring Boot oracle)', () => {
    const text = 'spring.kafka.bootstrap-servers=localhost:9092\nspring.kafka.consumer.group-id=g\nspring.kafka.properties.retries=0\n';
    const r = lintText('application.properties', text);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ['Spring Boot producer'],
    );
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['idempotence-implicit-downgrade'],
    );
  });

  test('a dedicated retries Boot cannot bind stops the application (spring-startup-failure)', () => {
    for (const [file, text, value] of [
      ['application.properties', 'spring.kafka.producer.acks=all\nspring.kafka.producer.retries=1.5\n', '1.5'],
      ['application.yml', 'spring.kafka.producer:\n  acks: all\n  retries: "2147483648"\n', '"2147483648"'],
    ]) {
      const r = lintText(file, text);
      const f = r.findings.find((x) => x.ruleId === 'spring-startup-failure');
      assert.ok(f, file);
      assert.equal(f.severity, 'error');
      assert.match(f.message, /"Failed to bind properties under 'spring\.kafka\.producer\.retries' to java\.lang\.Integer"/);
      assert.equal(text.slice(f.span.start, f.span.end), value);
      const e = svc.effectiveJavaConfig(r.blocks[0], svc.parseVersion('4.1.2')!);
      assert.deepEqual([e.outcome, e.refusal?.key, e.refusal?.stage], ['refuses-to-start', 'spring.kafka.producer.retries', 'framework']);
    }
    // white space removed, a sign: the producer gets the Integer
    const r = lintText('application.properties', 'spring.kafka.producer.retries= 1 0\n');
    assert.equal(r.blocks[0].values.get('retries')?.value, '10');
  });

  test('an empty dedicated retries binds nothing, and the value it shadows does not come back (the Spring Boot oracle)', () => {
    const text =
      'spring.kafka.producer.properties.enable.idempotence=true\nspring.kafka.producer.retries=-1\nspring.kafka.producer.retries=\nspring.kafka.properties.acks=1\n';
    const r = lintText('application.properties', text);
    assert.equal(r.blocks[0].values.get('retries'), undefined);
    const e = svc.effectiveJavaConfig(r.blocks[0], svc.parseVersion('4.1.2')!);
    assert.deepEqual([e.outcome, e.refusal?.key], ['refuses-to-start', 'acks']);
  });

  test('a Spring file without Kafka is left alone', () => {
    const text = dedent`
      spring:
        application:
          name: app
      server:
        port: 8080
      management:
        endpoint:
          health:
            probes:
              enabled: yes
    `;
    const r = lintText('application.yml', text);
    assert.deepEqual([r.blocks, r.findings], [[], []]);
  });
});

describe('suppression and blocks in YAML', () => {
  test('a # directive on the line above suppresses; an unused one is reported', () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            # kafka-idempotence-disable-next-line idempotence-implicit-downgrade -- latency first
            acks: 1
            # kafka-idempotence-disable-next-line idempotence-retries-zero
            retries: 3
    `;
    const r = lintText('application.yml', text);
    assert.deepEqual(where(text, r), ['6:45 warning unused-disable-directive']);
  });

  test('"disable for this line" inserts a directive at the key\'s indentation', () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            acks: 1
    `;
    const f = lintText('application.yml', text).findings[0];
    assert.ok(f.suppress);
    assert.equal(
      svc.applyEdits(text, f.suppress.line.edits),
      dedent`
        spring:
          kafka:
            producer:
              # kafka-idempotence-disable-next-line idempotence-implicit-downgrade
              acks: 1
      `,
    );
    assert.equal(lintText('application.yml', svc.applyEdits(text, f.suppress.line.edits)).findings.length, 0);
  });

  test("hover on a Spring key shows the block's effective state", () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            transaction-id-prefix: tx-
            properties:
              enable.idempotence: true
    `;
    const h = svc.hover({ fileName: 'application.yml', text }, svc.DEFAULT_SETTINGS, text.indexOf('enable.idempotence') + 2);
    assert.ok(h);
    assert.match(h.markdown, /Idempotence in Spring Boot producer: explicitly on/);
  });

  test('fix-all converges on a broken Spring YAML file', () => {
    const text = dedent`
      spring:
        kafka:
          producer:
            acks: 1
            retries: 0
            transaction-id-prefix: tx-
            properties:
              max.in.flight.requests.per.connection: 10
    `;
    const out = svc.fixAll({ fileName: 'application.yml', text }, svc.DEFAULT_SETTINGS);
    assert.equal(
      out.text,
      dedent`
      spring:
        kafka:
          producer:
            acks: all
            transaction-id-prefix: tx-
            properties:
              max.in.flight.requests.per.connection: 5
    `,
    );
    assert.deepEqual(out.remaining, []);
  });
});

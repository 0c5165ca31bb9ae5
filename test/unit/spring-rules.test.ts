/**
 * The dialect rules (spring-duplicate-producer-key, spring-unbound-producer-key,
 * yaml-ambiguous-boolean, spring-cloud-stream-required-acks-default-1) and the Java rules
 * on Spring / YAML files, through the RuleTester: exact spans and messages, the exact
 * output of every fix (each one applied and re-linted), and the suppression fixes.
 */
import { ruleTester } from '../support/ruleTester';
import { dedent } from '../support';

const yml = (text: string, fileName = 'application.yml') => ({ fileName, text });
const props = (text: string, fileName = 'application.properties') => ({ fileName, text });

ruleTester('spring-duplicate-producer-key', {
  valid: [
    props('spring.kafka.producer.acks=all\nspring.kafka.producer.properties.acks=-1\n'),
    props('spring.kafka.producer.acks=all\n#---\nspring.config.activate.on-profile=fast\nspring.kafka.producer.acks=1\n'),
    yml(dedent`
      spring:
        kafka:
          properties:
            linger.ms: 5
          producer:
            properties:
              linger.ms: 5
    `),
    {
      name: 'same level twice in .properties: the last line wins, not a level conflict',
      ...props('spring.kafka.producer.acks=1\nspring.kafka.producer.acks=all\n'),
    },
  ],
  invalid: [
    {
      ...props('spring.kafka.producer.acks=all\nspring.kafka.producer.properties.acks=1\n'),
      findings: [
        {
          severity: 'warning',
          line: 1,
          column: 1,
          text: 'spring.kafka.producer.acks',
          message:
            'spring.kafka.producer.acks=all has no effect: spring.kafka.producer.properties.acks=1 sets the same producer key acks, and Spring applies spring.kafka.producer.properties.* after spring.kafka.producer.*, so the producer gets acks=1.',
          fixes: [
            { title: 'Remove spring.kafka.producer.acks (it has no effect)', output: 'spring.kafka.producer.properties.acks=1\n' },
            {
              title: 'Remove spring.kafka.producer.properties.acks (so that acks=all applies)',
              output: 'spring.kafka.producer.acks=all\n',
            },
          ],
          suppress: {
            line: '# kafka-idempotence-disable-next-line spring-duplicate-producer-key\nspring.kafka.producer.acks=all\nspring.kafka.producer.properties.acks=1\n',
          },
        },
      ],
    },
    {
      name: 'YAML, common map shadowed by the dedicated key; removing it removes its empty parent',
      ...yml(
        'spring:\r\n  kafka:\r\n    properties:\r\n      retries: 0\r\n    producer:\r\n      retries: 5 # bounded\r\n      acks: all\r\n',
      ),
      findings: [
        {
          line: 4,
          column: 7,
          text: 'retries',
          fixes: [
            { output: 'spring:\r\n  kafka:\r\n    producer:\r\n      retries: 5 # bounded\r\n      acks: all\r\n' },
            { output: 'spring:\r\n  kafka:\r\n    properties:\r\n      retries: 0\r\n    producer:\r\n      acks: all\r\n' },
          ],
          suppress: {
            line: 'spring:\r\n  kafka:\r\n    properties:\r\n      # kafka-idempotence-disable-next-line spring-duplicate-producer-key\r\n      retries: 0\r\n    producer:\r\n      retries: 5 # bounded\r\n      acks: all\r\n',
            file: '# kafka-idempotence-disable spring-duplicate-producer-key\r\nspring:\r\n  kafka:\r\n    properties:\r\n      retries: 0\r\n    producer:\r\n      retries: 5 # bounded\r\n      acks: all\r\n',
          },
        },
        // "remove retries" removes every retries of the block, at every level (and the parent left empty)
        {
          ruleId: 'retries-finite-with-idempotence',
          line: 6,
          column: 16,
          output: 'spring:\r\n  kafka:\r\n    producer:\r\n      acks: all\r\n',
        },
      ],
    },
  ],
});

ruleTester('spring-unbound-producer-key', {
  valid: [
    yml('spring.kafka.producer.properties.enable.idempotence: true\n'),
    props(
      'spring.kafka.producer.transaction-id-prefix=tx-\nspring.kafka.producer.batch-size=32KB\nspring.kafka.producer.ssl.key-password=x\n',
    ),
    props('spring.kafka.producer.no-such-thing=1\nspring.kafka.producer.acks=all\n'),
    props('spring.kafka.consumer.enable-auto-commit=false\n'),
  ],
  invalid: [
    {
      ...yml(dedent`
        spring:
          kafka:
            producer:
              enable-idempotence: true
              acks: all
      `),
      findings: [
        {
          severity: 'warning',
          consequence: 'ignored',
          line: 4,
          column: 7,
          endColumn: 25,
          includes: 'Did you mean spring.kafka.producer.properties.enable.idempotence?',
          fixes: [
            {
              title: 'Move to spring.kafka.producer.properties.enable.idempotence',
              output: dedent`
                spring:
                  kafka:
                    producer:
                      acks: all
                      properties:
                        enable.idempotence: true
              `,
            },
          ],
        },
      ],
    },
    {
      ...props('spring.kafka.producer.max-in-flight-requests-per-connection=5\nspring.kafka.producer.acks=all\n'),
      findings: [
        {
          line: 1,
          column: 1,
          output: 'spring.kafka.producer.properties.max.in.flight.requests.per.connection=5\nspring.kafka.producer.acks=all\n',
        },
      ],
    },
    {
      name: 'the real key is already set: remove the unbound one',
      ...props('spring.kafka.producer.enableIdempotence=false\nspring.kafka.producer.properties.enable.idempotence=true\n'),
      findings: [{ line: 1, output: 'spring.kafka.producer.properties.enable.idempotence=true\n' }],
    },
    {
      name: 'idempotence and delivery settings are warnings; a throughput setting is an info',
      ...props('spring.kafka.producer.delivery-timeout-ms=300000\nspring.kafka.producer.linger-ms=20\nspring.kafka.producer.retries=3\n'),
      findings: [
        {
          line: 1,
          severity: 'warning',
          includes: '(its delivery.timeout.ms is whatever the rest of the configuration makes it)',
          output:
            'spring.kafka.producer.properties.delivery.timeout.ms=300000\nspring.kafka.producer.linger-ms=20\nspring.kafka.producer.retries=3\n',
        },
        {
          line: 2,
          severity: 'info',
          message: /so the producer never sees it\. Did you mean spring\.kafka\.producer\.properties\.linger\.ms\?$/,
          output:
            'spring.kafka.producer.delivery-timeout-ms=300000\nspring.kafka.producer.properties.linger.ms=20\nspring.kafka.producer.retries=3\n',
        },
      ],
    },
    {
      name: 'a severity the user sets applies to both',
      ...props('spring.kafka.producer.linger-ms=20\n'),
      settings: { rules: { 'spring-unbound-producer-key': 'warning' } },
      findings: [{ line: 1, severity: 'warning', output: 'spring.kafka.producer.properties.linger.ms=20\n' }],
    },
  ],
});

ruleTester('yaml-ambiguous-boolean', {
  valid: [
    yml('spring.kafka.producer.properties.enable.idempotence: true\n'),
    yml('spring.kafka.producer.properties.enable.idempotence: "true"\n'),
    yml(
      dedent`
      kafka:
        producer:
          enable.idempotence: false
          acks: all
    `,
      'values.yaml',
    ),
    {
      name: 'yes on another key is no concern of this rule',
      ...yml(
        dedent`
      app:
        feature: yes
        producer:
          acks: all
          linger.ms: 5
    `,
        'values.yaml',
      ),
    },
  ],
  invalid: [
    {
      ...yml(dedent`
        spring:
          kafka:
            producer:
              properties:
                enable.idempotence: Off
      `),
      findings: [
        // Spring binds `Off` as false: the verdict sees an explicit false
        {
          ruleId: 'ordering-risk-without-idempotence',
          line: 5,
          column: 29,
          fixes: [
            {
              output: dedent`
            spring:
              kafka:
                producer:
                  properties:
                    enable.idempotence: true
          `,
            },
            {
              output: dedent`
            spring:
              kafka:
                producer:
                  properties:
                    enable.idempotence: Off
                    max.in.flight.requests.per.connection: 1
          `,
            },
          ],
        },
        {
          severity: 'warning',
          line: 5,
          column: 29,
          text: 'Off',
          includes: [
            'Spring Boot (SnakeYAML) binds it as false',
            'Invalid value Off for configuration enable.idempotence: Expected value to be either true or false',
          ],
          fixes: [
            {
              title: 'Write enable.idempotence: false',
              output: dedent`
            spring:
              kafka:
                producer:
                  properties:
                    enable.idempotence: false
          `,
            },
          ],
        },
      ],
    },
    {
      ...yml('producers:\n  orders: {enable.idempotence: y, acks: all}\n', 'values.yaml'),
      findings: [
        {
          line: 2,
          column: 32,
          includes: 'YAML 1.1 parsers (SnakeYAML, PyYAML) read true, YAML 1.2 parsers read the string "y"',
          output: 'producers:\n  orders: {enable.idempotence: true, acks: all}\n',
        },
      ],
    },
  ],
});

ruleTester('spring-cloud-stream-required-acks-default-1', {
  valid: [
    yml('spring.cloud.stream.kafka.binder.required-acks: all\nspring.cloud.stream.bindings.out-0.destination: x\n'),
    yml('spring.cloud.stream.kafka.binder.brokers: b\nspring.cloud.stream.bindings.in-0.destination: x\n'),
    {
      name: 'kafka-clients 2.8: nothing to disable',
      ...yml('spring.cloud.stream.kafka.binder.brokers: b\nspring.cloud.stream.bindings.orders-out-0.destination: x\n'),
      settings: { kafkaClientsVersion: '2.8', springCloudStreamBinderVersion: '5.0.1' },
    },
    {
      name: 'binder 5.0.2 and later default required-acks to all',
      ...yml('spring.cloud.stream.kafka.binder.brokers: b\nspring.cloud.stream.bindings.orders-out-0.destination: x\n'),
      settings: { springCloudStreamBinderVersion: '5.0.2' },
    },
    {
      name: 'binder version unknown: judged as the newest',
      ...yml('spring.cloud.stream.kafka.binder.brokers: b\nspring.cloud.stream.bindings.orders-out-0.destination: x\n'),
    },
  ],
  invalid: [
    {
      ...props('spring.cloud.stream.kafka.binder.brokers=b:9092\nspring.cloud.stream.bindings.orders-out-0.destination=orders\n'),
      settings: { springCloudStreamBinderVersion: '5.0.1', springCloudStreamBinderVersionSource: 'pom.xml:12' },
      findings: [
        {
          severity: 'warning',
          consequence: 'silent-disable',
          line: 2,
          column: 1,
          includes: [
            '(binder 5.0.1, from pom.xml:12; binders up to 5.0.1 default to 1)',
            "Idempotence will be disabled because acks is set to 1, not set to 'all'.",
          ],
          fixes: [
            {
              output:
                'spring.cloud.stream.kafka.binder.brokers=b:9092\nspring.cloud.stream.kafka.binder.required-acks=all\nspring.cloud.stream.bindings.orders-out-0.destination=orders\n',
            },
            {
              output:
                'spring.cloud.stream.kafka.binder.brokers=b:9092\nspring.cloud.stream.kafka.binder.producer-properties.enable.idempotence=false\nspring.cloud.stream.bindings.orders-out-0.destination=orders\n',
            },
          ],
        },
      ],
    },
    {
      ...yml(dedent`
        spring:
          cloud:
            stream:
              kafka:
                binder:
                  transaction:
                    transaction-id-prefix: tx-
      `),
      settings: { springCloudStreamBinderVersion: '4.1.3' },
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          line: 7,
          column: 13,
          includes: 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
          output: dedent`
            spring:
              cloud:
                stream:
                  kafka:
                    binder:
                      transaction:
                        transaction-id-prefix: tx-
                      required-acks: all
          `,
        },
      ],
    },
  ],
});

// Java rules on Spring and YAML files: fixes in the dialect's spelling and the file's style
ruleTester('idempotence-acks-conflict', {
  valid: [
    yml(dedent`
    spring:
      kafka:
        producer:
          acks: all
          transaction-id-prefix: tx-
  `),
  ],
  invalid: [
    {
      ...yml('\uFEFFspring:\r\n  kafka:\r\n    producer:\r\n      acks: "1" # 🚀\r\n      transaction-id-prefix: tx-\r\n'),
      findings: [
        {
          line: 4,
          column: 13,
          text: '"1"',
          includes: 'Spring Kafka (transaction-id-prefix) sets enable.idempotence explicitly',
          output: '\uFEFFspring:\r\n  kafka:\r\n    producer:\r\n      acks: "all" # 🚀\r\n      transaction-id-prefix: tx-\r\n',
          suppress: {
            line: '\uFEFFspring:\r\n  kafka:\r\n    producer:\r\n      # kafka-idempotence-disable-next-line idempotence-acks-conflict\r\n      acks: "1" # 🚀\r\n      transaction-id-prefix: tx-\r\n',
            file: '\uFEFF# kafka-idempotence-disable idempotence-acks-conflict\r\nspring:\r\n  kafka:\r\n    producer:\r\n      acks: "1" # 🚀\r\n      transaction-id-prefix: tx-\r\n',
          },
        },
      ],
    },
  ],
});

ruleTester('idempotence-implicit-downgrade', {
  valid: [yml('spring.kafka.producer.acks: ${KAFKA_ACKS:-1}\n')],
  invalid: [
    {
      ...yml(dedent`
        spring:
          kafka:
            producer:
              acks: 1
            consumer:
              group-id: g
      `),
      findings: [
        {
          line: 4,
          column: 13,
          fixes: [
            {
              title: 'Set acks=all',
              output: dedent`
              spring:
                kafka:
                  producer:
                    acks: all
                  consumer:
                    group-id: g
            `,
            },
            {
              title: /^Set enable.idempotence=false/,
              output: dedent`
                spring:
                  kafka:
                    producer:
                      acks: 1
                      properties:
                        enable.idempotence: false
                    consumer:
                      group-id: g
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'flat keys stay flat; a placeholder keeps its variable',
      ...props('spring.kafka.producer.acks=${KAFKA_ACKS:1}\nspring.kafka.producer.key-serializer=x\n'),
      findings: [
        {
          fixes: [
            { output: 'spring.kafka.producer.acks=${KAFKA_ACKS:all}\nspring.kafka.producer.key-serializer=x\n' },
            {
              output:
                'spring.kafka.producer.acks=${KAFKA_ACKS:1}\nspring.kafka.producer.key-serializer=x\nspring.kafka.producer.properties.enable.idempotence=false\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a Helm flow map',
      ...yml(
        dedent`
        kafka:
          producers:
            audit:
              config: {acks: 1, linger.ms: 5}
      `,
        'values.yaml',
      ),
      findings: [
        {
          line: 4,
          column: 22,
          fixes: [
            {
              output: dedent`
              kafka:
                producers:
                  audit:
                    config: {acks: all, linger.ms: 5}
            `,
            },
            {
              output: dedent`
              kafka:
                producers:
                  audit:
                    config: {acks: 1, linger.ms: 5, enable.idempotence: false}
            `,
            },
          ],
        },
      ],
    },
  ],
});

// Boot binds a map entry from the highest-precedence document holding a name equal to it ignoring case (the Spring
// Boot oracle): `properties.Acks` in a later document sets the `acks` an earlier document spells; in one document the
// two stay separate keys, and a [bracket] key keeps its case.
ruleTester('idempotence-implicit-downgrade', {
  valid: [
    {
      name: 'one document: acks and Acks are two keys, acks=all applies',
      ...props('spring.kafka.producer.properties.acks=all\nspring.kafka.producer.properties.Acks=0\n'),
    },
    {
      name: 'a [bracket] key keeps its case',
      ...props('spring.kafka.producer.properties.acks=all\n#---\nspring.kafka.producer.properties[Acks]=0\n'),
    },
    {
      name: 'an inactive profile document',
      ...props(
        'spring.kafka.producer.properties.acks=all\n#---\nspring.config.activate.on-profile=fast\nspring.kafka.producer.properties.Acks=1\nspring.kafka.producer.properties.enable.idempotence=true\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Acks in a later document sets acks',
      ...props('spring.kafka.producer.properties.acks=all\n#---\nspring.kafka.producer.properties.Acks=0\n'),
      findings: [
        {
          line: 3,
          column: 39,
          text: '0',
          includes: 'because acks=0 (line 3)',
          fixes: [
            {
              title: 'Set acks=all',
              output: 'spring.kafka.producer.properties.acks=all\n#---\nspring.kafka.producer.properties.Acks=all\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'spring.kafka.producer.properties.acks=all\n#---\nspring.kafka.producer.properties.Acks=0\nspring.kafka.producer.properties.enable.idempotence=false\n',
            },
          ],
        },
      ],
    },
    {
      name: 'YAML, the common map: the later document wins, the earlier spelling gives the key',
      ...yml('spring:\n  kafka:\n    properties:\n      acks: all\n---\nspring:\n  kafka:\n    properties:\n      ACKS: 1\n'),
      findings: [
        {
          line: 9,
          column: 13,
          includes: 'because acks=1 (line 9)',
          fixes: [
            {
              title: 'Set acks=all',
              output: 'spring:\n  kafka:\n    properties:\n      acks: all\n---\nspring:\n  kafka:\n    properties:\n      ACKS: all\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'spring:\n  kafka:\n    properties:\n      acks: all\n---\nspring:\n  kafka:\n    properties:\n      ACKS: 1\n    producer:\n      properties:\n        enable.idempotence: false\n',
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('unknown-idempotence-key', {
  valid: [
    {
      name: "Acks gives an earlier document's acks its value: not an ignored key",
      ...props('spring.kafka.producer.properties.acks=all\n#---\nspring.kafka.producer.properties.Acks=all\n'),
    },
  ],
  invalid: [
    {
      name: 'no document spells acks in the map: Acks is a key of its own, which the client ignores',
      ...props('spring.kafka.producer.acks=all\n#---\nspring.kafka.producer.properties.Acks=0\n'),
      findings: [{ line: 3, column: 1, includes: "ignores 'Acks'", output: 'spring.kafka.producer.acks=all\n#---\n' }],
    },
  ],
});

ruleTester('spring-duplicate-producer-key', {
  valid: [
    {
      name: 'no document spells acks in the map: the dedicated acks applies',
      ...props('spring.kafka.producer.acks=all\n#---\nspring.kafka.producer.properties.Acks=0\n'),
    },
  ],
  invalid: [
    {
      name: 'the dedicated key is shadowed by the map entry a later Acks sets',
      ...props('spring.kafka.producer.acks=all\nspring.kafka.producer.properties.acks=1\n#---\nspring.kafka.producer.properties.Acks=0\n'),
      findings: [
        {
          line: 1,
          column: 1,
          message:
            'spring.kafka.producer.acks=all has no effect: spring.kafka.producer.properties.Acks=0 sets the same producer key acks, and Spring applies spring.kafka.producer.properties.* after spring.kafka.producer.*, so the producer gets acks=0.',
          fixes: [
            {
              title: 'Remove spring.kafka.producer.acks (it has no effect)',
              output: 'spring.kafka.producer.properties.acks=1\n#---\nspring.kafka.producer.properties.Acks=0\n',
            },
            {
              title: 'Remove spring.kafka.producer.properties.Acks (so that acks=all applies)',
              output: 'spring.kafka.producer.acks=all\n#---\n',
            },
          ],
        },
      ],
    },
  ],
});

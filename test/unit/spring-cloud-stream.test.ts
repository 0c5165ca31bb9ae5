/**
 * Spring Cloud Stream Kafka binder (catalogue R-F6, versions uncertain): the binder
 * writes acks from required-acks (default 1 in the versions the catalogue read) before
 * Boot's and the binder's producer properties. The trap is reported with that caveat;
 * any acks setting on the path clears it; consumer-only binder configs are not producers.
 */
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, blockValues, lintText, only, where } from '../support/dialectCase';
import { ruleTester } from '../support/ruleTester';

const RULE = 'spring-cloud-stream-required-acks-default-1';

describe('the required-acks default', () => {
  const producer = [
    'spring:',
    '  cloud:',
    '    stream:',
    '      bindings:',
    '        orders-out-0:',
    '          destination: orders',
    '      kafka:',
    '        binder:',
    '          brokers: localhost:9092',
    '',
  ].join('\n');

  test('a binder up to 5.0.1 without acks: its required-acks default 1 silently disables idempotence (the 5.0.1 oracle)', () => {
    const r = lintText('application.yml', producer, {
      springCloudStreamBinderVersion: '5.0.1',
      springCloudStreamBinderVersionSource: 'pom.xml',
    });
    assert.deepEqual(
      r.blocks.map((b) => `${b.name}/${b.dialect}`),
      ['Spring Cloud Stream Kafka binder/spring-cloud-stream'],
    );
    assert.deepEqual(where(producer, r), [`6:11 warning ${RULE}`]);
    const f = r.findings[0];
    assert.match(
      f.message,
      /required-acks default acks=1 into the producer config \(binder 5\.0\.1, from pom\.xml; binders up to 5\.0\.1 default to 1\)/,
    );
    assert.match(f.message, /silently disables idempotence/);
    assert.equal(f.consequence, 'silent-disable');
    assert.equal(
      applyFix(producer, f),
      producer.replace('brokers: localhost:9092\n', 'brokers: localhost:9092\n          required-acks: all\n'),
    );
    // 5.0.2 and later default to all; an unknown version is judged as the newest, and the block says so
    for (const over of [{ springCloudStreamBinderVersion: '5.0.4' }, {}]) {
      const r2 = lintText('application.yml', producer, over);
      assert.deepEqual(where(producer, r2), []);
      assert.equal(r2.blocks[0].values.get('acks')?.value, 'all');
    }
    assert.match(lintText('application.yml', producer).blocks[0].evidence, /binder version unknown, judged as the newest/);
    assert.equal(
      applyFix(producer, f, 'Set enable.idempotence=false'),
      producer.replace(
        'brokers: localhost:9092\n',
        'brokers: localhost:9092\n          producer-properties:\n            enable.idempotence: false\n',
      ),
    );
  });

  test('turning idempotence on where the binder map is missing creates `binder:` once (fuzz counterexample: a duplicate key)', () => {
    const text = [
      'spring:',
      '  kafka:',
      '    producer:',
      '      retries: 3',
      '  cloud:',
      '    stream:',
      '      bindings:',
      '        enrich-out-0:',
      '          destination: orders',
      '      kafka:',
      '        other: 1',
      '',
    ].join('\n');
    const f = lintText('application.yml', text, { kafkaClientsVersion: '2.8' }).findings.find(
      (x) => x.ruleId === 'idempotence-not-on-by-default',
    );
    assert.ok(f);
    assert.equal(
      applyFix(text, f, 'Set enable.idempotence=true'),
      text.replace(
        'other: 1\n',
        'other: 1\n        binder:\n          producer-properties:\n            enable.idempotence: true\n          required-acks: all\n',
      ),
    );
  });

  test('with binder transactions the default acks=1 of a binder up to 5.0.1 stops the producer (error)', () => {
    const text =
      'spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix=tx-\nspring.cloud.stream.kafka.binder.brokers=localhost:9092\n';
    const r = lintText('application.properties', text, { springCloudStreamBinderVersion: '5.0.1' });
    assert.deepEqual(where(text, r), [`1:1 error ${RULE}`]);
    assert.match(r.findings[0].message, /refuses to start the producer: "Must set acks to all/);
    assert.match(
      r.findings[0].message,
      /the Spring Cloud Stream Kafka binder \(transaction\.transaction-id-prefix\) sets enable\.idempotence explicitly/,
    );
    assert.equal(applyFix(text, r.findings[0]), text + 'spring.cloud.stream.kafka.binder.required-acks=all\n');
    assert.deepEqual(
      blockValues(r).filter((v) => !/^(acks|linger\.ms)=/.test(v)),
      ['enable.idempotence=true (injected)', 'transactional.id=tx-'],
    );
  });

  test("older kafka-clients (idempotence off by default) have nothing to disable: only the Java rule's hint remains, where delivery is configured", () => {
    assert.deepEqual(where(producer, lintText('application.yml', producer, { kafkaClientsVersion: '2.8' })), []);
    const retrying = producer.replace('spring:\n', 'spring:\n  kafka:\n    producer:\n      retries: 3\n');
    const r = lintText('application.yml', retrying, { kafkaClientsVersion: '2.8' });
    assert.deepEqual(where(retrying, r), ['9:11 info idempotence-not-on-by-default']);
    // turning idempotence on in a binder also needs acks=all, or the binder's acks=1 would stop the producer
    assert.equal(
      applyFix(retrying, r.findings[0]),
      retrying.replace(
        'brokers: localhost:9092\n',
        'brokers: localhost:9092\n          producer-properties:\n            enable.idempotence: true\n          required-acks: all\n',
      ),
    );
  });

  for (const [name, extra] of [
    ['required-acks', 'spring.cloud.stream.kafka.binder.required-acks=all'],
    ['requiredAcks (relaxed)', 'spring.cloud.stream.kafka.binder.requiredAcks=-1'],
    ['producer-properties.acks', 'spring.cloud.stream.kafka.binder.producer-properties.acks=all'],
    ['configuration.acks', 'spring.cloud.stream.kafka.binder.configuration.acks=all'],
    ['spring.kafka.producer.acks', 'spring.kafka.producer.acks=all'],
  ]) {
    test(`acks set through ${name} clears it`, () => {
      const text = `spring.cloud.stream.bindings.orders-out-0.destination=orders\nspring.cloud.stream.kafka.binder.brokers=b:9092\n${extra}\n`;
      assert.deepEqual(where(text, lintText('application.properties', text)), []);
    });
  }

  test('acks=1 set explicitly is judged by the Java rules, at the key', () => {
    const text = 'spring.cloud.stream.kafka.binder.required-acks: 1\n';
    assert.deepEqual(where(text, lintText('application.yml', text)), ['1:49 warning idempotence-implicit-downgrade']);
  });
});

describe('precedence inside the binder', () => {
  test('producer-properties beat configuration, which beats Boot, which beats required-acks', () => {
    const text = [
      'spring.cloud.stream.kafka.binder.required-acks=0',
      'spring.kafka.producer.acks=1',
      'spring.cloud.stream.kafka.binder.configuration.acks=-1',
      'spring.cloud.stream.kafka.binder.producer-properties.acks=all',
      '',
    ].join('\n');
    const r = lintText('application.properties', text);
    assert.deepEqual(blockValues(r), ['acks=all', 'linger.ms=0 (injected)']);
    // the three shadowed values that differ from the winner (all = -1) are reported
    assert.deepEqual(where(text, r), ['1:1 warning spring-duplicate-producer-key', '2:1 warning spring-duplicate-producer-key']);
  });

  test('binder producer-properties in YAML: in-flight > 5 is fatal on 4.x; the fix edits the key in place', () => {
    const text =
      'spring.cloud.stream.kafka.binder.required-acks: all\nspring.cloud.stream.kafka.binder.producer-properties:\n  max.in.flight.requests.per.connection: 10\n';
    const r = lintText('application.yml', text);
    assert.deepEqual(where(text, r), ['3:42 error idempotence-max-in-flight-gt-5']);
    assert.equal(applyFix(text, only(r, 'idempotence-max-in-flight-gt-5')), text.replace('10', '5'));
  });
});

describe('not a binder producer', () => {
  test('consumer-only bindings are not judged', () => {
    const text =
      'spring:\n  cloud:\n    stream:\n      bindings:\n        in-0:\n          destination: orders\n          group: g\n      kafka:\n        binder:\n          brokers: localhost:9092\n          configuration:\n            auto.offset.reset: earliest\n';
    const r = lintText('application.yml', text);
    assert.deepEqual([r.blocks, r.findings], [[], []]);
  });

  test('producer bindings without any Kafka binder hint are not judged (the binder could be Rabbit)', () => {
    const text = 'spring.cloud.stream.bindings.orders-out-0.destination=orders\n';
    const r = lintText('application.properties', text);
    assert.deepEqual([r.blocks, r.findings], [[], []]);
  });

  // (the binder oracle: Boot binds orders-out-0's map entry from every spelling with the same uniform form)
  for (const name of ['ordersOut-0', 'orders_out_0', 'ORDERS_OUT_0', 'ordersOut0']) {
    test(`an output binding spelt ${name} is a producer binding`, () => {
      const text = `spring.cloud.stream.kafka.binder.brokers=localhost:9092\nspring.cloud.stream.bindings.${name}.destination=orders\n`;
      assert.deepEqual(where(text, lintText('application.properties', text, { springCloudStreamBinderVersion: '5.0.1' })), [
        `2:1 warning ${RULE}`,
      ]);
    });
  }

  test('a binding whose name only ends in out and a number is not an output binding', () => {
    const text = 'spring.cloud.stream.kafka.binder.brokers=localhost:9092\nspring.cloud.stream.bindings.checkout0.destination=orders\n';
    assert.deepEqual(lintText('application.properties', text, { springCloudStreamBinderVersion: '5.0.1' }).blocks, []);
  });

  test('a binders entry of type kafka is a Kafka binder hint', () => {
    const text = 'spring.cloud.stream.binders.k1.type=kafka\nspring.cloud.stream.bindings.orders-out-0.destination=orders\n';
    assert.deepEqual(where(text, lintText('application.properties', text, { springCloudStreamBinderVersion: '5.0.0' })), [
      `2:1 warning ${RULE}`,
    ]);
  });
});

describe('every place the binder takes producer config from (the binder oracles)', () => {
  test("a binding's producer.configuration is that binding's producer, over the binder's maps", () => {
    const text = [
      'spring.cloud.stream.kafka.binder.brokers=localhost:9092',
      'spring.cloud.stream.kafka.binder.producer-properties.acks=all',
      'spring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.acks=1',
      '',
    ].join('\n');
    const r = lintText('application.properties', text);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ['Spring Cloud Stream Kafka binder', "binding 'orders-out-0'"],
    );
    assert.equal(r.blocks[1].values.get('acks')?.value, '1');
    assert.deepEqual(where(text, r), ['3:77 warning idempotence-implicit-downgrade']);
    assert.match(only(r, 'idempotence-implicit-downgrade').message, /\[binding 'orders-out-0'\]$/);
  });

  test('a transactional binder: every binding uses the transactional producer, with transaction.producer.configuration', () => {
    const text = [
      'spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix=tx-',
      'spring.cloud.stream.kafka.binder.transaction.producer.configuration.acks=1',
      'spring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.acks=all',
      '',
    ].join('\n');
    const r = lintText('application.properties', text);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ['Spring Cloud Stream Kafka binder'],
    );
    assert.equal(r.blocks[0].values.get('acks')?.value, '1');
    assert.deepEqual(
      where(text, r).map((w) => w.split(' ').slice(1).join(' ')),
      ['error idempotence-acks-conflict'],
    );
  });

  test('a blank binder prefix is no transaction (StringUtils.hasText); transaction.producer.configuration then does nothing', () => {
    const text =
      'spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix=\nspring.cloud.stream.kafka.binder.transaction.producer.configuration.acks=0\nspring.cloud.stream.kafka.binder.brokers=localhost:9092\n';
    const r = lintText('application.properties', text);
    assert.equal(r.blocks[0].values.get('transactional.id'), undefined);
    assert.equal(r.blocks[0].values.get('acks')?.value, 'all');
    assert.deepEqual(r.findings, []);
  });
});

// keys the binder never uses: binding-level transactions, delivery keys straight under a binding's producer, a
// Kafka Streams setting in the message-channel binder's configuration map (KafkaBindingProperties, KafkaProducerProperties,
// KafkaBinderConfigurationProperties.mergedProducerConfiguration; the Streams binder binds spring.cloud.stream.kafka.streams.binder)
const B = 'spring.cloud.stream.kafka.bindings.orders-out-0';
const DEST = 'spring.cloud.stream.bindings.orders-out-0.destination=orders\n';

ruleTester('spring-cloud-stream-ignored-key', {
  valid: [
    {
      name: 'a binder-level transaction prefix',
      fileName: 'application.properties',
      text: `${DEST}spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix=tx-\n`,
    },
    {
      name: "the binding producer's own properties (transaction-manager, sync, compression-type...)",
      fileName: 'application.properties',
      text: `${DEST}${B}.producer.transaction-manager=tm\n${B}.producer.sync=true\n${B}.producer.compression-type=gzip\n${B}.producer.allow-non-transactional=true\n`,
    },
    {
      name: "the binding's producer.configuration map",
      fileName: 'application.properties',
      text: `${DEST}${B}.producer.configuration.acks=all\n${B}.producer.configuration.enable.idempotence=true\n`,
    },
    {
      name: 'a Streams setting where the Streams binder reads it',
      fileName: 'application.properties',
      text: `spring.cloud.stream.bindings.process-out-0.destination=out\nspring.cloud.stream.kafka.streams.binder.configuration.processing.guarantee=exactly_once_v2\n`,
    },
    {
      name: 'producer keys in the binder configuration map are copied',
      fileName: 'application.properties',
      text: `${DEST}spring.cloud.stream.kafka.binder.configuration.acks=all\n`,
    },
  ],
  invalid: [
    {
      name: 'a binding-level transaction prefix: the binding is not transactional',
      fileName: 'application.yml',
      text: 'spring:\n  cloud:\n    stream:\n      bindings:\n        orders-out-0:\n          destination: orders\n      kafka:\n        bindings:\n          orders-out-0:\n            transaction:\n              transaction-id-prefix: order-\n',
      findings: [
        {
          line: 11,
          column: 15,
          severity: 'warning',
          consequence: 'ignored',
          message:
            "Spring Cloud Stream does not bind spring.cloud.stream.kafka.bindings.orders-out-0.transaction.transaction-id-prefix: KafkaBindingProperties has only consumer and producer, and KafkaProducerProperties no transaction settings; unknown keys there are ignored, so binding 'orders-out-0' is not transactional. Transactions are set for the whole binder: spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix makes every binding use the transactional producer.",
        },
      ],
    },
    {
      name: "under the binding's producer too; with a transactional binder it changes nothing (an info)",
      fileName: 'application.properties',
      text: `${DEST}spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix=tx-\n${B}.producer.transaction.transaction-id-prefix=order-\n`,
      findings: [
        {
          line: 3,
          severity: 'info',
          includes:
            "The binder is transactional here already (spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix, line 2), so binding 'orders-out-0' uses the transactional producer anyway",
        },
      ],
    },
    {
      name: "a delivery key straight under the binding's producer: renamed into producer.configuration",
      fileName: 'application.properties',
      text: `${DEST}${B}.producer.enable-idempotence=true\n${B}.producer.configuration.acks=all\n`,
      findings: [
        {
          line: 2,
          severity: 'warning',
          includes:
            "so the producer of binding 'orders-out-0' never sees it. Did you mean spring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.enable.idempotence?",
          output: `${DEST}${B}.producer.configuration.enable.idempotence=true\n${B}.producer.configuration.acks=all\n`,
        },
      ],
    },
    {
      name: "processing.guarantee in the message-channel binder's configuration: dropped; the Streams binder reads its own",
      fileName: 'application.properties',
      text: `spring.cloud.stream.bindings.process-out-0.destination=out\nspring.cloud.stream.kafka.binder.configuration.processing.guarantee=exactly_once_v2\n`,
      findings: [
        {
          line: 2,
          severity: 'warning',
          message:
            'The Spring Cloud Stream Kafka binder drops spring.cloud.stream.kafka.binder.configuration.processing.guarantee: it copies from spring.cloud.stream.kafka.binder.configuration only the keys ProducerConfig and ConsumerConfig know, and processing.guarantee is a Kafka Streams setting; the Kafka Streams binder reads spring.cloud.stream.kafka.streams.binder.configuration.processing.guarantee. No Kafka Streams application gets this value.',
          output:
            'spring.cloud.stream.bindings.process-out-0.destination=out\nspring.cloud.stream.kafka.streams.binder.configuration.processing.guarantee=exactly_once_v2\n',
        },
      ],
    },
  ],
});

// The binder's maps (binder.configuration, binder.producer-properties, transaction.producer.configuration,
// bindings.<name>.producer.configuration) are bound by Boot's Binder as Boot's own are (the binder oracles): a key
// takes its value from the highest-precedence document holding a name Boot deems equal to it, while in one document
// `acks` and `Acks` stay two keys.
const scsProps = (text: string) => ({ fileName: 'application.properties', text, settings: { springCloudStreamBinderVersion: '5.0.4' } });
const BINDING = 'spring.cloud.stream.bindings.orders-out-0.destination=orders\n';
const BCFG = 'spring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration';
ruleTester('idempotence-implicit-downgrade', {
  valid: [
    {
      name: 'one document: producer-properties acks and Acks are two keys, acks=all applies',
      ...scsProps(
        `${BINDING}spring.cloud.stream.kafka.binder.producer-properties.acks=all\nspring.cloud.stream.kafka.binder.producer-properties.Acks=0\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'binder.configuration: Acks in a later document sets acks',
      ...scsProps(
        `${BINDING}spring.cloud.stream.kafka.binder.configuration.acks=all\n#---\nspring.cloud.stream.kafka.binder.configuration.Acks=0\n`,
      ),
      findings: [
        {
          line: 4,
          includes: 'because acks=0 (line 4)',
          fixes: [
            {
              title: 'Set acks=all',
              output: `${BINDING}spring.cloud.stream.kafka.binder.configuration.acks=all\n#---\nspring.cloud.stream.kafka.binder.configuration.Acks=all\n`,
            },
            {
              title: /^Set enable.idempotence=false/,
              output: `${BINDING}spring.cloud.stream.kafka.binder.configuration.acks=all\n#---\nspring.cloud.stream.kafka.binder.configuration.Acks=0\nspring.cloud.stream.kafka.binder.producer-properties.enable.idempotence=false\n`,
            },
          ],
        },
      ],
    },
    {
      name: "a binding's configuration: ACKS in a later document sets acks",
      ...scsProps(
        'spring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.acks=all\n#---\nspring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.ACKS=0\n',
      ),
      findings: [
        {
          line: 3,
          includes: 'because acks=0 (line 3)',
          fixes: [
            { title: 'Set acks=all', output: `${BCFG}.acks=all\n#---\n${BCFG}.ACKS=all\n` },
            {
              title: /^Set enable.idempotence=false/,
              output: `${BCFG}.acks=all\n#---\n${BCFG}.ACKS=0\nspring.cloud.stream.kafka.binder.producer-properties.enable.idempotence=false\n`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('idempotence-retries-zero', {
  valid: [
    {
      name: 'one document: retries and re-tries are two keys, retries=3 applies',
      ...scsProps(`${BCFG}.enable.idempotence=true\n${BCFG}.retries=3\n${BCFG}.re-tries=0\n`),
    },
  ],
  invalid: [
    {
      name: "a binding's configuration: re-tries in a later document sets retries",
      ...scsProps(`${BCFG}.enable.idempotence=true\n${BCFG}.retries=3\n#---\n${BCFG}.re-tries=0\n`),
      findings: [
        {
          line: 4,
          includes: 'retries',
          fixes: [
            { title: /^Remove retries=0/, output: `${BCFG}.enable.idempotence=true\n#---\n` },
            {
              title: /^Set enable.idempotence=false/,
              output: `${BCFG}.enable.idempotence=false\n${BCFG}.retries=3\n#---\n${BCFG}.re-tries=0\n`,
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
      name: "Acks gives an earlier document's producer-properties acks its value: not an ignored key",
      ...scsProps(
        `${BINDING}spring.cloud.stream.kafka.binder.producer-properties.acks=all\n#---\nspring.cloud.stream.kafka.binder.producer-properties.Acks=all\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'in one document Acks is a key of its own, which the client ignores',
      ...scsProps(
        `${BINDING}spring.cloud.stream.kafka.binder.producer-properties.acks=all\nspring.cloud.stream.kafka.binder.producer-properties.Acks=all\n`,
      ),
      findings: [
        { line: 3, includes: "ignores 'Acks'", output: `${BINDING}spring.cloud.stream.kafka.binder.producer-properties.acks=all\n` },
      ],
    },
  ],
});

// A profile document over a non-transactional binder: each binding with its own configuration gets a block for the
// profile too (the profile's settings merged with the binding's), as the binder builds that binding's producer.
ruleTester('idempotence-acks-conflict', {
  valid: [
    {
      name: "the profile's acks=0 where the binding sets acks=all itself",
      ...scsProps(
        `${BCFG}.enable.idempotence=true\n${BCFG}.acks=all\n#---\nspring.config.activate.on-profile=fast\nspring.cloud.stream.kafka.binder.producer-properties.acks=0\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "the profile's acks=0 meets the binding's enable.idempotence=true",
      ...scsProps(
        'spring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.enable.idempotence=true\n#---\nspring.config.activate.on-profile=fast\nspring.cloud.stream.kafka.binder.producer-properties.acks=0\n',
      ),
      findings: [
        {
          line: 4,
          includes: "[profile 'fast', binding 'orders-out-0']",
          fixes: [
            {
              title: 'Set acks=all',
              output:
                'spring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.enable.idempotence=true\n#---\nspring.config.activate.on-profile=fast\nspring.cloud.stream.kafka.binder.producer-properties.acks=all\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'spring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.enable.idempotence=true\n#---\nspring.config.activate.on-profile=fast\nspring.cloud.stream.kafka.binder.producer-properties.acks=0\nspring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.enable.idempotence=false\n',
            },
          ],
        },
      ],
    },
  ],
});

test("a binding's block reports only what concerns its own configuration: a shared entry's finding appears once", () => {
  const text = [
    'spring:',
    '  kafka:',
    '    producer:',
    '      retries: abc',
    '  cloud:',
    '    stream:',
    '      kafka:',
    '        bindings:',
    '          a-out-0:',
    '            producer:',
    '              configuration:',
    '                acks: 1',
    '          b-out-0:',
    '            producer:',
    '              configuration:',
    '                enable.idempotence: yes',
    '',
  ].join('\n');
  const r = lintText('application.yml', text);
  assert.deepEqual(
    r.blocks.map((b) => b.name),
    ['Spring Cloud Stream Kafka binder', "binding 'a-out-0'", "binding 'b-out-0'"],
  );
  // Boot refuses to bind retries once, for the application: one finding, on the binder's block
  const startup = r.findings.filter((f) => f.ruleId === 'spring-startup-failure');
  assert.deepEqual(
    startup.map((f) => f.block),
    ['Spring Cloud Stream Kafka binder'],
  );
  // every block still refuses to start (the verdict keeps the framework's refusal)
  for (const b of r.blocks) assert.equal(b.frameworkRefusal?.key, 'spring.kafka.producer.retries', b.name);
  // a binding's own entry is still reported on the binding's block
  const yes = r.findings.filter((f) => f.ruleId === 'yaml-ambiguous-boolean');
  assert.deepEqual(
    yes.map((f) => f.block),
    ["binding 'b-out-0'"],
  );
});

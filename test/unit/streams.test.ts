/**
 * Kafka Streams dialect (catalogue §2.2, §3): exactly-once makes Streams inject an explicit
 * enable.idempotence=true and its own transactional.id; producer.-prefixed keys beat
 * unprefixed ones; R-S1, R-S2, R-S4 through the RuleTester (exact messages and fix outputs);
 * R-S3 through the Java rules.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { blockValues, lintText, where } from '../support/dialectCase';
import { service } from '../support/service';

const props = (text: string, fileName = 'streams.properties') => ({ fileName, text });
const yml = (text: string, fileName = 'streams.yml') => ({ fileName, text });
const EOS = 'application.id=orders\nprocessing.guarantee=exactly_once_v2\n';

test('recognition: processing.guarantee, or application.id with a Streams-only key; not a plain producer', () => {
  assert.equal(lintText('s.properties', EOS).blocks[0].dialect, 'kafka-streams');
  assert.equal(lintText('s.properties', 'application.id=a\nnum.stream.threads=2\nacks=1\n').blocks[0].dialect, 'kafka-streams');
  assert.equal(
    lintText('a.properties', 'quarkus.kafka-streams.application-id=a\nkafka-streams.producer.acks=1\n').blocks[0].dialect,
    'kafka-streams',
  );
  assert.equal(lintText('producer.properties', 'application.id=a\nacks=1\n').blocks[0].dialect, 'java');
});

test('exactly-once injects enable.idempotence=true and a transactional.id, whatever the user wrote', () => {
  const r = lintText('s.properties', `${EOS}enable.idempotence=false\ntransactional.id=mine\nlinger.ms=5\n`);
  assert.deepEqual(blockValues(r), [
    'delivery.timeout.ms=2147483647 (injected)',
    'enable.idempotence=true (injected)',
    'linger.ms=5',
    'transaction.timeout.ms=10000 (injected)',
    'transactional.id=orders-<generated> (injected)',
  ]);
});

test('at_least_once: only linger.ms=100 injected (PRODUCER_DEFAULT_OVERRIDES); producer. prefix beats the unprefixed key in either order', () => {
  for (const text of [
    'processing.guarantee=at_least_once\nacks=all\nproducer.acks=1\n',
    'processing.guarantee=at_least_once\nproducer.acks=1\nacks=all\n',
  ]) {
    const r = lintText('s.properties', text);
    assert.deepEqual(blockValues(r), ['acks=1', 'linger.ms=100 (injected)']);
    assert.deepEqual(
      where(text, r).map((w) => w.split(' ').slice(1).join(' ')),
      ['warning idempotence-implicit-downgrade'],
    );
  }
});

test('the deprecated exactly_once on 4.x is rejected, so no exactly-once setting is injected', () => {
  const r = lintText('s.properties', 'application.id=a\nprocessing.guarantee=exactly_once\n');
  assert.deepEqual(blockValues(r), ['linger.ms=100 (injected)']);
});

// found by the Kafka Streams oracle (test/oracles/streams.ts)
test('Streams gives its producers linger.ms=100: request.timeout.ms=119950 raises the delivery timeout', () => {
  const r = lintText('s.properties', 'application.id=a\nprocessing.guarantee=at_least_once\nrequest.timeout.ms=119950\n');
  assert.ok(
    r.findings.some((f) => f.ruleId === 'delivery-timeout-too-small' && f.message.includes('Setting it to 120050.')),
    JSON.stringify(r.findings.map((f) => f.message)),
  );
});

test('Streams refusals carry the key and message effectiveJavaConfig reports first', () => {
  const cases: Array<[string, string, string]> = [
    [
      'processing.guarantee=EXACTLY_ONCE_V2\n',
      'processing.guarantee',
      'Invalid value EXACTLY_ONCE_V2 for configuration processing.guarantee: String must be one of: at_least_once, exactly_once_v2',
    ],
    [
      'processing.guarantee=exactly_once\n',
      'processing.guarantee',
      'Invalid value exactly_once for configuration processing.guarantee: String must be one of: at_least_once, exactly_once_v2',
    ],
    [
      'processing.guarantee=exactly_once_v2\ncommit.interval.ms=30000\nmax.in.flight.requests.per.connection=6\n',
      'commit.interval.ms',
      'Transaction timeout 10000 was set lower than streams commit interval 30000.',
    ],
    [
      'processing.guarantee=exactly_once_v2\nmax.in.flight.requests.per.connection=6\nacks=1\n',
      'max.in.flight.requests.per.connection',
      "Invalid value 6 for configuration max.in.flight.requests.per.connection: Can't exceed 5 when exactly-once processing is enabled",
    ],
    [
      'processing.guarantee=at_least_once\nrequest.timeout.ms=-1\nproducer.request.timeout.ms=100\n',
      'request.timeout.ms',
      'Invalid value -1 for configuration request.timeout.ms: Value must be at least 0',
    ],
    [
      'processing.guarantee=exactly_once_v2\nproducer.transaction.timeout.ms=6e4\n',
      'producer.transaction.timeout.ms',
      'Invalid value 6e4 for configuration producer.transaction.timeout.ms: Not a number of type INT',
    ],
  ];
  for (const [body, key, message] of cases) {
    const r = lintText('s.properties', `application.id=a\n${body}`);
    const e = service.effectiveJavaConfig(r.blocks[0], service.parseVersion('4.4.0')!);
    assert.equal(e.outcome, 'refuses-to-start', body);
    assert.equal(e.refusal?.key, key, body);
    assert.ok(e.refusal?.message.startsWith(message), `${body}: ${e.refusal?.message}`);
    assert.ok(
      r.findings.some((f) => f.severity === 'error' && f.message.includes(e.refusal!.message)),
      `${body}: no error finding quotes it`,
    );
  }
});

// found by the Kafka Streams 2.8.2 – 3.9.2 oracles
test('before 4.0 StreamsConfig defines retries itself: an unprefixed retries it cannot parse stops Streams first', () => {
  const refusal = (text: string, v: string) => {
    const r = lintText('s.properties', `application.id=a\n${text}`, { kafkaClientsVersion: v });
    const e = service.effectiveJavaConfig(r.blocks[0], service.parseVersion(v)!);
    assert.ok(
      r.findings.some((f) => f.severity === 'error' && f.message.includes(e.refusal!.message)),
      `${text} @${v}: no error finding quotes it`,
    );
    return [e.refusal?.key, e.refusal?.message];
  };
  const body = 'processing.guarantee=at_least_once\nretries=abc\nproducer.retries=3\nmax.in.flight.requests.per.connection=0\n';
  assert.deepEqual(refusal(body, '3.9.2'), ['retries', 'Invalid value abc for configuration retries: Not a number of type INT']);
  assert.deepEqual(refusal(body, '2.8.2'), ['retries', 'Invalid value abc for configuration retries: Not a number of type INT']);
  // 4.x no longer defines it: the producer gets producer.retries=3 and refuses in-flight 0
  assert.deepEqual(refusal(body, '4.0.2'), [
    'max.in.flight.requests.per.connection',
    'Invalid value 0 for configuration max.in.flight.requests.per.connection: Value must be at least 1',
  ]);
  // retries before request.timeout.ms (StreamsConfig's definition order)
  assert.deepEqual(refusal('processing.guarantee=at_least_once\nrequest.timeout.ms=-1\nretries=-1\n', '3.5.2'), [
    'retries',
    'Invalid value -1 for configuration retries: Value must be at least 0',
  ]);
});

test('2.8: exactly_once and exactly_once_beta are the exactly-once values; exactly_once_v2 (3.0) is refused', () => {
  const beta = lintText('s.properties', 'application.id=a\nprocessing.guarantee=exactly_once_beta\n', { kafkaClientsVersion: '2.8.2' });
  assert.ok(blockValues(beta).includes('enable.idempotence=true (injected)'), JSON.stringify(blockValues(beta)));
  assert.deepEqual(
    beta.findings.map((f) => f.ruleId),
    [],
  );
  const v2 = lintText('s.properties', 'application.id=a\nprocessing.guarantee=exactly_once_v2\n', { kafkaClientsVersion: '2.8.2' });
  assert.deepEqual(blockValues(v2), ['linger.ms=100 (injected)']);
  const f = v2.findings.find((x) => x.ruleId === 'streams-processing-guarantee-invalid');
  assert.ok(
    f?.message.includes(
      '"Invalid value exactly_once_v2 for configuration processing.guarantee: String must be one of: at_least_once, exactly_once, exactly_once_beta"',
    ),
    f?.message,
  );
});

test('a plain Streams .properties file is read as written: ${TX} is a literal value, as java.util.Properties reads it', () => {
  const r = lintText('s.properties', 'application.id=a\nprocessing.guarantee=at_least_once\nproducer.transactional.id=${TX}\n');
  assert.deepEqual(blockValues(r), ['linger.ms=100 (injected)', 'transactional.id=${TX}']);
});

test('under exactly-once only the winning enable.idempotence is quoted as logged', () => {
  const r = lintText(
    's.properties',
    'application.id=a\nprocessing.guarantee=exactly_once_v2\nenable.idempotence=false\nproducer.enable.idempotence=true\n',
  );
  const msgs = r.findings.filter((f) => f.ruleId === 'streams-eos-overrides-ignored').map((f) => f.message);
  assert.equal(msgs.length, 2);
  assert.equal(msgs.filter((m) => m.includes('logs WARN')).length, 1);
  assert.ok(
    msgs.some((m) => m.includes('Hence, user setting (true) will be ignored and the Streams default setting (true) will be used.')),
  );
});

// R-S3: Streams sets enable.idempotence explicitly, so acks=1 / retries=0 throw, on 3.9 too (never a silent downgrade)
ruleTester('idempotence-acks-conflict', {
  valid: [props(`${EOS}producer.acks=all\n`), props(`${EOS}acks=1\nproducer.acks=all\n`)],
  invalid: [
    {
      ...props(`${EOS}acks=all\nproducer.acks=1\n`),
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          severity: 'error',
          line: 4,
          column: 15,
          message:
            'kafka-clients 3.9 refuses to start the producer: "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence." (Kafka Streams (processing.guarantee=exactly_once_v2) sets enable.idempotence explicitly, so the conflict is fatal instead of silently disabling idempotence).',
          fixes: [{ title: 'Set acks=all', output: `${EOS}acks=all\nproducer.acks=all\n` }],
        },
      ],
    },
    {
      name: 'YAML, nested producer map',
      ...yml('application.id: orders\nprocessing.guarantee: exactly_once_v2\nproducer:\n  acks: 1\n'),
      findings: [{ line: 4, column: 9, output: 'application.id: orders\nprocessing.guarantee: exactly_once_v2\nproducer:\n  acks: all\n' }],
    },
  ],
});

ruleTester('idempotence-retries-zero', {
  valid: [
    props(
      'quarkus.kafka-streams.application-id=orders\nkafka-streams.processing.guarantee=exactly_once_v2\nkafka-streams.producer.retries=3\n',
      'application.properties',
    ),
  ],
  invalid: [
    {
      name: 'Quarkus kafka-streams.* pass-through keys',
      ...props(
        'quarkus.kafka-streams.application-id=orders\nkafka-streams.processing.guarantee=exactly_once_v2\nkafka-streams.producer.retries=0\n',
        'application.properties',
      ),
      findings: [
        {
          line: 3,
          column: 32,
          includes: 'Must set retries to non-zero when using the idempotent producer.',
          output: 'quarkus.kafka-streams.application-id=orders\nkafka-streams.processing.guarantee=exactly_once_v2\n',
        },
      ],
    },
  ],
});

ruleTester('streams-eos-overrides-ignored', {
  valid: [props('processing.guarantee=at_least_once\nenable.idempotence=false\n'), props(`${EOS}acks=all\n`)],
  invalid: [
    {
      ...props(`${EOS}enable.idempotence=false\n`),
      findings: [
        {
          severity: 'warning',
          line: 3,
          column: 1,
          text: 'enable.idempotence',
          consequence: 'ignored',
          message:
            'enable.idempotence is ignored: with processing.guarantee=exactly_once_v2 Kafka Streams always sets enable.idempotence=true for its producers. Kafka Streams logs WARN "Unexpected user-specified producer config \'enable.idempotence\' found. \'processing.guarantee\' is set to "exactly_once_v2". Hence, user setting (false) will be ignored and the Streams default setting (true) will be used."',
          output: EOS,
        },
      ],
    },
    {
      name: '3.x message format; prefixed key; transactional.id too',
      ...props(`${EOS}producer.enable.idempotence=true\nproducer.transactional.id=tx-1\n`),
      settings: { kafkaClientsVersion: '3.8' },
      findings: [
        {
          line: 3,
          message:
            'producer.enable.idempotence is ignored: with processing.guarantee=exactly_once_v2 Kafka Streams always sets enable.idempotence=true for its producers. Kafka Streams logs WARN "Unexpected user-specified producer config: enable.idempotence found. processing.guarantee is set to exactly_once_v2. Hence, User setting (true) will be ignored and the Streams default setting (true) will be used ".',
          output: `${EOS}producer.transactional.id=tx-1\n`,
        },
        {
          line: 4,
          message:
            // the Kafka Streams 3.x oracles: the WARN's text for transactional.id
            'producer.transactional.id is ignored: with processing.guarantee=exactly_once_v2 Kafka Streams always sets transactional.id=orders-<generated> for its producers. Kafka Streams logs WARN "Unexpected user-specified producer config: transactional.id found. processing.guarantee is set to exactly_once_v2. Hence, User setting (tx-1) will be ignored and the Streams default setting (<appId>-<generatedSuffix>) will be used ".',
          output: `${EOS}producer.enable.idempotence=true\n`,
        },
      ],
    },
  ],
});

ruleTester('streams-eos-max-in-flight-gt-5', {
  valid: [
    props(`${EOS}producer.max.in.flight.requests.per.connection=5\n`),
    props('processing.guarantee=at_least_once\nmax.in.flight.requests.per.connection=10\nenable.idempotence=false\n'),
  ],
  invalid: [
    {
      name: 'replaces the Java in-flight finding (Streams throws first)',
      ...props(`${EOS}max.in.flight.requests.per.connection=4\nproducer.max.in.flight.requests.per.connection=10\n`),
      findings: [
        {
          severity: 'error',
          line: 4,
          column: 48,
          consequence: 'throws',
          message:
            'Kafka Streams refuses to start with processing.guarantee=exactly_once_v2: "Invalid value 10 for configuration max.in.flight.requests.per.connection: Can\'t exceed 5 when exactly-once processing is enabled".',
          fixes: [
            {
              title: 'Set producer.max.in.flight.requests.per.connection=5',
              output: `${EOS}max.in.flight.requests.per.connection=4\nproducer.max.in.flight.requests.per.connection=5\n`,
            },
            { title: 'Remove max.in.flight.requests.per.connection (default 5)', output: EOS },
          ],
        },
      ],
    },
    {
      ...props(`${EOS}max.in.flight.requests.per.connection=five\n`),
      findings: [
        {
          line: 3,
          message:
            'Kafka Streams refuses to start with processing.guarantee=exactly_once_v2: "Invalid value five for configuration max.in.flight.requests.per.connection: String value could not be parsed as 32-bit integer".',
          fixes: [{ output: `${EOS}max.in.flight.requests.per.connection=5\n` }, { output: EOS }],
        },
      ],
    },
  ],
});

ruleTester('streams-deprecated-eos-value', {
  valid: [props(EOS), { ...props('application.id=a\nprocessing.guarantee=exactly_once\n'), settings: { kafkaClientsVersion: '2.8' } }],
  invalid: [
    {
      ...props('application.id=a\nprocessing.guarantee=exactly_once\n'),
      findings: [
        {
          severity: 'error',
          line: 2,
          column: 22,
          consequence: 'throws',
          message:
            'Kafka Streams 4.x no longer accepts processing.guarantee=exactly_once and refuses to start: "Invalid value exactly_once for configuration processing.guarantee: String must be one of: at_least_once, exactly_once_v2".',
          output: 'application.id=a\nprocessing.guarantee=exactly_once_v2\n',
        },
      ],
    },
    {
      ...props('application.id=a\nprocessing.guarantee=exactly_once\n'),
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          severity: 'warning',
          consequence: 'warns',
          message:
            'processing.guarantee=exactly_once is deprecated; Kafka Streams 3.x logs "Configuration parameter `exactly_once` is deprecated and will be removed in the 4.0.0 release. Please use `exactly_once_v2` instead. Note that this requires broker version 2.5+ so you should prepare to upgrade your brokers if necessary." and Kafka Streams 4.0 rejects the value.',
          output: 'application.id=a\nprocessing.guarantee=exactly_once_v2\n',
        },
      ],
    },
    {
      ...yml('application.id: a\nprocessing.guarantee: exactly_once_beta\n'),
      settings: { kafkaClientsVersion: '3.6' },
      findings: [
        {
          line: 2,
          column: 23,
          message:
            'processing.guarantee=exactly_once_beta is deprecated; Kafka Streams 3.x logs "Configuration parameter `exactly_once_beta` is deprecated and will be removed in the 4.0.0 release. Please use `exactly_once_v2` instead." and Kafka Streams 4.0 rejects the value.',
          output: 'application.id: a\nprocessing.guarantee: exactly_once_v2\n',
        },
      ],
    },
  ],
});

const EOS_V2 = 'application.id=orders\nprocessing.guarantee=exactly_once_v2\n';
ruleTester('streams-eos-txn-timeout-lt-commit-interval', {
  valid: [
    { fileName: 'streams.properties', text: EOS },
    { fileName: 'streams.properties', text: `${EOS_V2}commit.interval.ms=10000\n` },
    { fileName: 'streams.properties', text: `${EOS_V2}commit.interval.ms=30000\nproducer.transaction.timeout.ms=30000\n` },
    {
      name: 'at-least-once: no transactions, no check',
      fileName: 'streams.properties',
      text: 'application.id=orders\nprocessing.guarantee=at_least_once\ncommit.interval.ms=30000\n',
    },
    {
      name: 'before 3.0 Streams did not check',
      fileName: 'streams.properties',
      text: 'application.id=orders\nprocessing.guarantee=exactly_once\ncommit.interval.ms=30000\n',
      settings: { kafkaClientsVersion: '2.8' },
    },
    {
      name: 'a placeholder without default is unknown',
      fileName: 'streams.properties',
      text: `${EOS_V2}commit.interval.ms=\${COMMIT_MS}\n`,
    },
  ],
  invalid: [
    {
      name: 'commit interval above the default timeout 10000',
      fileName: 'streams.properties',
      text: `${EOS_V2}commit.interval.ms=30000\n`,
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          line: 3,
          column: 20,
          message:
            'Kafka Streams refuses to start with processing.guarantee=exactly_once_v2: "Transaction timeout 10000 was set lower than streams commit interval 30000. This will cause ongoing transaction always timeout due to inactivity caused by long commit interval. Consider reconfiguring commit interval to match transaction timeout by tuning \'commit.interval.ms\' config, or increase the transaction timeout to match commit interval by tuning `producer.transaction.timeout.ms` config." (producer.transaction.timeout.ms is not set: Streams uses 10000).',
          fixes: [
            {
              title: 'Set producer.transaction.timeout.ms=30000 (the commit interval)',
              output: `${EOS_V2}commit.interval.ms=30000\nproducer.transaction.timeout.ms=30000\n`,
            },
            { title: 'Set commit.interval.ms=10000 (the transaction timeout)', output: `${EOS_V2}commit.interval.ms=10000\n` },
          ],
        },
      ],
    },
    {
      name: 'the unprefixed timeout reaches the producer but not the check: the fix gives its value to the prefixed key',
      fileName: 'streams.properties',
      text: `${EOS_V2}commit.interval.ms=30000\ntransaction.timeout.ms=60000\n`,
      findings: [
        {
          line: 3,
          includes:
            'Streams checks only producer.transaction.timeout.ms: transaction.timeout.ms=60000 reaches the producer but not this check.',
          fixes: [
            {
              title: "Set producer.transaction.timeout.ms=60000 (the producer's transaction.timeout.ms)",
              output: `${EOS_V2}commit.interval.ms=30000\ntransaction.timeout.ms=60000\nproducer.transaction.timeout.ms=60000\n`,
            },
            {
              title: 'Set commit.interval.ms=10000 (the transaction timeout)',
              output: `${EOS_V2}commit.interval.ms=10000\ntransaction.timeout.ms=60000\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a prefixed timeout below the default commit interval 100, in YAML',
      fileName: 'application.yml',
      text: 'application.id: orders\nprocessing.guarantee: exactly_once_v2\nproducer:\n  transaction.timeout.ms: 50\n',
      findings: [
        {
          line: 4,
          column: 27,
          includes: 'Transaction timeout 50 was set lower than streams commit interval 100.',
          fixes: [
            {
              title: 'Set producer.transaction.timeout.ms=100 (the commit interval)',
              output: 'application.id: orders\nprocessing.guarantee: exactly_once_v2\nproducer:\n  transaction.timeout.ms: 100\n',
            },
            {
              title: 'Set commit.interval.ms=50 (the transaction timeout)',
              output:
                'application.id: orders\nprocessing.guarantee: exactly_once_v2\nproducer:\n  transaction.timeout.ms: 50\ncommit.interval.ms: 50\n',
            },
          ],
        },
      ],
    },
  ],
});

// found by the Kafka Streams oracle: StreamsConfig refuses any other processing.guarantee (case-sensitive)
ruleTester('streams-processing-guarantee-invalid', {
  valid: [
    { fileName: 's.properties', text: 'application.id=a\nprocessing.guarantee= exactly_once_v2 \n' },
    { fileName: 's.properties', text: 'application.id=a\nprocessing.guarantee=at_least_once\n' },
    {
      name: 'the deprecated values have their own rule',
      fileName: 's.properties',
      text: 'application.id=a\nprocessing.guarantee=exactly_once\n',
    },
  ],
  invalid: [
    {
      fileName: 's.properties',
      text: 'application.id=a\nprocessing.guarantee=EXACTLY_ONCE_V2\n',
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          message:
            'Kafka Streams refuses to start: "Invalid value EXACTLY_ONCE_V2 for configuration processing.guarantee: String must be one of: at_least_once, exactly_once_v2".',
          line: 2,
          text: 'EXACTLY_ONCE_V2',
          fixes: [
            { title: 'Set processing.guarantee=exactly_once_v2', output: 'application.id=a\nprocessing.guarantee=exactly_once_v2\n' },
          ],
        },
      ],
    },
    {
      // the Kafka Streams 2.8.2 oracle: 2.8 has no exactly_once_v2; its exactly-once value for brokers 2.5+ is exactly_once_beta
      name: '2.8: exactly_once_v2 does not exist yet',
      fileName: 's.properties',
      text: 'application.id=a\nprocessing.guarantee=exactly_once_v2\n',
      settings: { kafkaClientsVersion: '2.8.2' },
      findings: [
        {
          message:
            'Kafka Streams refuses to start: "Invalid value exactly_once_v2 for configuration processing.guarantee: String must be one of: at_least_once, exactly_once, exactly_once_beta".',
          fixes: [
            { title: 'Set processing.guarantee=exactly_once_beta', output: 'application.id=a\nprocessing.guarantee=exactly_once_beta\n' },
            { title: 'Set processing.guarantee=at_least_once', output: 'application.id=a\nprocessing.guarantee=at_least_once\n' },
          ],
        },
      ],
    },
    {
      name: 'not a spelling of a valid value: both are offered',
      fileName: 's.properties',
      text: 'application.id=a\nprocessing.guarantee=none\n',
      findings: [
        {
          includes: 'Invalid value none for configuration processing.guarantee',
          fixes: [
            { title: 'Set processing.guarantee=exactly_once_v2', output: 'application.id=a\nprocessing.guarantee=exactly_once_v2\n' },
            { title: 'Set processing.guarantee=at_least_once', output: 'application.id=a\nprocessing.guarantee=at_least_once\n' },
          ],
        },
      ],
    },
  ],
});

/**
 * The same configurations judged under every kafka-clients line the catalogue distinguishes
 * (reference catalogue §1.1, §1.5, R-J1..R-J4, R-J7, R-J8): which rules fire, how severe, and
 * the client's own text. Then evaluateJava directly: explicit/requested/effective/summary.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JAVA } from '../support/clientMessages';
import { service, settingsWith, type ProducerBlock } from '../support/service';

const VERSIONS = ['0.11.0', '1.0', '2.8', '3.0.0', '3.1.0', '3.1.1', '3.2', '3.9', '4.0', 'latest'] as const;
type V = (typeof VERSIONS)[number];
const IFL = 'max.in.flight.requests.per.connection';

/** An expected finding: rule id, severity, and a text the message must contain. */
type Exp = [ruleId: string, severity: string, includes: string];

const NOT_ON_OLD: Exp = ['idempotence-not-on-by-default', 'info', 'defaults enable.idempotence to false'];
const NOT_ON_BUG: Exp = ['idempotence-not-on-by-default', 'info', 'never applies that default (KAFKA-13598)'];
const ACKS_THROW: Exp = ['idempotence-acks-conflict', 'error', `"${JAVA.acksThrow}"`];
const RETRIES_THROW: Exp = ['idempotence-retries-zero', 'error', `"${JAVA.retriesThrow}"`];
const TXN_THROW: Exp = ['transactional-id-requires-idempotence', 'error', `"${JAVA.transaction}"`];
const IFL_THROW_011: Exp = ['idempotence-max-in-flight-gt-5', 'error', `"${JAVA.inFlightThrow011}"`];
const IFL_THROW: Exp = ['idempotence-max-in-flight-gt-5', 'error', `"${JAVA.inFlightThrow}"`];
const IFL_THROW_4 = (n: number): Exp => ['idempotence-max-in-flight-gt-5', 'error', `"${JAVA.inFlightThrow4(n)}"`];
const DOWNGRADE_ACKS = (n: number): Exp => ['idempotence-implicit-downgrade', 'warning', `INFO "${JAVA.acksLog(n)}"`];
const DOWNGRADE_RETRIES: Exp = ['idempotence-implicit-downgrade', 'warning', `INFO "${JAVA.retriesLog}"`];
const DOWNGRADE_IFL = (n: number): Exp => ['idempotence-implicit-downgrade', 'warning', `WARN "${JAVA.inFlightLog(n)}"`];
const IN_FLIGHT_1: Exp = ['max-in-flight-1-with-idempotence', 'info', 'only costs throughput'];
const ORDERING: Exp = ['ordering-risk-without-idempotence', 'info', 'retries=2147483647 and max.in.flight.requests.per.connection=5'];
const DELIVERY: Exp = ['delivery-timeout-too-small', 'error', `"${JAVA.deliveryThrow}"`];
const TXN_EMPTY: Exp = ['transactional-id-empty', 'error', `"${JAVA.transactionalIdEmpty}"`];
const ZSTD_UNKNOWN: Exp = ['producer-config-invalid-value', 'error', `"${JAVA.unknownCompression('zstd')}"`];

/** Per version: the findings, in document order. */
function byLine(old: Exp[], bug: Exp[], fixed: Exp[], four: Exp[] = fixed, v011?: Exp[], v10?: Exp[]): Record<V, Exp[]> {
  return {
    '0.11.0': v011 ?? v10 ?? old,
    '1.0': v10 ?? old,
    '2.8': old,
    '3.0.0': bug,
    '3.1.0': bug,
    '3.1.1': fixed,
    '3.2': fixed,
    '3.9': fixed,
    '4.0': four,
    latest: four,
  };
}
const everywhere = (e: Exp[]) => byLine(e, e, e);

const MATRIX: Array<{ name: string; text: string; expect: Record<V, Exp[]> }> = [
  // before 2.1 retries default to 0: a producer that never retries has no duplicates to avoid (no idempotence-not-on-by-default)
  { name: 'acks=1 alone', text: 'acks=1\n', expect: byLine([NOT_ON_OLD], [NOT_ON_BUG], [DOWNGRADE_ACKS(1)], undefined, undefined, []) },
  // acks=0: the producer never learns of a failure, so it never retries either
  { name: 'acks=0 alone', text: 'acks=0\n', expect: byLine([], [], [DOWNGRADE_ACKS(0)]) },
  { name: 'enable.idempotence=true + acks=1', text: 'enable.idempotence=true\nacks=1\n', expect: everywhere([ACKS_THROW]) },
  {
    name: 'enable.idempotence=false + acks=1: only the ordering risk, from 2.1 (retries default to 0 before)',
    text: 'enable.idempotence=false\nacks=1\n',
    expect: byLine([ORDERING], [ORDERING], [ORDERING], [ORDERING], undefined, []),
  },
  {
    name: `${IFL}=6 alone`,
    text: `${IFL}=6\n`,
    expect: byLine([NOT_ON_OLD], [NOT_ON_BUG], [DOWNGRADE_IFL(6)], [IFL_THROW_4(6)], undefined, []),
  },
  {
    name: `enable.idempotence=true + ${IFL}=6`,
    text: `enable.idempotence=true\n${IFL}=6\n`,
    expect: byLine([IFL_THROW], [IFL_THROW], [IFL_THROW], [IFL_THROW_4(6)], [IFL_THROW_011]),
  },
  {
    name: `enable.idempotence=true + ${IFL}=2 (0.11 wants exactly 1)`,
    text: `enable.idempotence=true\n${IFL}=2\n`,
    expect: byLine([], [], [], [], [IFL_THROW_011]),
  },
  {
    name: `enable.idempotence=true + ${IFL}=1`,
    text: `enable.idempotence=true\n${IFL}=1\n`,
    expect: byLine([IN_FLIGHT_1], [IN_FLIGHT_1], [IN_FLIGHT_1], [IN_FLIGHT_1], []),
  },
  { name: 'transactional.id + acks=1', text: 'transactional.id=x\nacks=1\n', expect: byLine([ACKS_THROW], [ACKS_THROW], [TXN_THROW]) },
  {
    name: `transactional.id + ${IFL}=6`,
    text: `transactional.id=x\n${IFL}=6\n`,
    expect: byLine([IFL_THROW], [IFL_THROW], [TXN_THROW], [IFL_THROW_4(6)], [IFL_THROW_011]),
  },
  {
    name: 'transactional.id + enable.idempotence=false',
    text: 'transactional.id=x\nenable.idempotence=false\n',
    expect: everywhere([TXN_THROW]),
  },
  { name: 'transactional.id alone', text: 'transactional.id=x\n', expect: everywhere([]) },
  { name: 'retries=0 alone', text: 'retries=0\n', expect: byLine([], [], [DOWNGRADE_RETRIES]) },
  { name: 'enable.idempotence=true + retries=0', text: 'enable.idempotence=true\nretries=0\n', expect: everywhere([RETRIES_THROW]) },
  { name: 'acks=all alone', text: 'acks=all\n', expect: byLine([NOT_ON_OLD], [NOT_ON_BUG], [], undefined, undefined, []) },
  { name: 'enable.idempotence=true alone', text: 'enable.idempotence=true\n', expect: everywhere([]) },
  {
    name: 'acks=0 + in-flight 6: both downgrade on 3.x; 4.x throws on in-flight',
    text: `acks=0\n${IFL}=6\n`,
    expect: byLine([], [], [DOWNGRADE_ACKS(0), DOWNGRADE_IFL(6)], [DOWNGRADE_ACKS(0), IFL_THROW_4(6)]),
  },
  // the oracles from 0.11.0.3 on: ProducerConfig refuses an empty transactional.id in every version
  { name: 'transactional.id empty', text: 'transactional.id=\n', expect: everywhere([TXN_EMPTY]) },
  // the 0.11.0.3 – 2.0.1 oracles: zstd is a codec from 2.1 (CompressionType.forName refuses it before)
  { name: 'compression.type=zstd', text: 'compression.type=zstd\n', expect: byLine([], [], [], [], [ZSTD_UNKNOWN], [ZSTD_UNKNOWN]) },
  {
    name: 'delivery.timeout.ms = request.timeout.ms: too small once linger.ms defaults to 5 (4.0)',
    text: 'delivery.timeout.ms=30000\nrequest.timeout.ms=30000\n',
    expect: byLine([NOT_ON_OLD], [NOT_ON_BUG], [], [DELIVERY], undefined, []),
  },
];

const label = (v: V) => (v === 'latest' ? 'kafka-clients 4.x (latest)' : `kafka-clients ${v}`);

describe('version matrix', () => {
  for (const row of MATRIX) {
    test(row.name, () => {
      for (const v of VERSIONS) {
        const r = service.lint({ fileName: 'producer.properties', text: row.text }, settingsWith({ kafkaClientsVersion: v }));
        assert.deepEqual(r.failures, []);
        const got = r.findings.map((f) => [f.ruleId, f.severity]);
        const want = row.expect[v];
        assert.deepEqual(
          got,
          want.map(([id, sev]) => [id, sev]),
          `${row.name} @${v}:\n${r.findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n')}`,
        );
        r.findings.forEach((f, i) => {
          assert.ok(
            f.message.includes(want[i][2]),
            `${row.name} @${v}: ${f.ruleId} message lacks ${JSON.stringify(want[i][2])}:\n${f.message}`,
          );
          if (f.ruleId !== 'ordering-risk-without-idempotence' && f.ruleId !== 'max-in-flight-1-with-idempotence') {
            assert.ok(f.message.includes(label(v)), `${row.name} @${v}: message names the version: ${f.message}`);
          }
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------

function verdict(text: string, version: string) {
  const r = service.lint({ fileName: 'producer.properties', text }, settingsWith({ kafkaClientsVersion: version }));
  assert.equal(r.blocks.length, 1);
  return service.evaluateJava(r.blocks[0], service.parseVersion(version)!);
}

describe('evaluateJava', () => {
  test('nothing set: off before 3.0, off in 3.0.0/3.1.0 (KAFKA-13598), on by default from 3.0.1', () => {
    const expected: Record<string, { effective: boolean; summary: string }> = {
      '0.11.0': { effective: false, summary: 'off: kafka-clients 0.11.0 defaults enable.idempotence to false' },
      '2.8': { effective: false, summary: 'off: kafka-clients 2.8 defaults enable.idempotence to false' },
      '3.0.0': {
        effective: false,
        summary: 'off: kafka-clients 3.0.0 declares enable.idempotence=true but never applies that default (KAFKA-13598)',
      },
      '3.1.0': {
        effective: false,
        summary: 'off: kafka-clients 3.1.0 declares enable.idempotence=true but never applies that default (KAFKA-13598)',
      },
      '3.0.1': { effective: true, summary: 'on by default in kafka-clients 3.0.1' },
      '3.1.1': { effective: true, summary: 'on by default in kafka-clients 3.1.1' },
      '3.9': { effective: true, summary: 'on by default in kafka-clients 3.9' },
      latest: { effective: true, summary: 'on by default in kafka-clients 4.x (latest)' },
    };
    for (const [v, e] of Object.entries(expected)) {
      const r = verdict('acks=all\n', v);
      assert.equal(r.explicit, false, v);
      assert.equal(r.requested, e.effective, v);
      assert.equal(r.effective, e.effective, v);
      assert.equal(r.summary, e.summary, v);
      assert.equal(r.refusesToStart, false, v);
      assert.deepEqual(r.conflicts, [], v);
    }
  });

  test('acks=1: silently disabled from 3.0.1 (INFO log), not requested before', () => {
    const r = verdict('acks=1\n', '3.9');
    assert.equal(r.requested, true);
    assert.equal(r.effective, false);
    assert.equal(r.summary, 'silently disabled by acks=1 (line 1)');
    assert.equal(r.refusesToStart, false);
    assert.deepEqual(
      r.conflicts.map((c) => [c.kind, c.consequence, c.logLevel, c.clientMessage, c.setting.key]),
      [['acks', 'silent-disable', 'INFO', JAVA.acksLog(1), 'acks']],
    );
    const old = verdict('acks=1\n', '3.0.0');
    assert.equal(old.requested, false);
    assert.deepEqual(old.conflicts, []);
  });

  test('explicit enable.idempotence: key presence makes conflicts fatal', () => {
    const r = verdict('enable.idempotence=true\nacks=1\n', '3.9');
    assert.equal(r.explicit, true);
    assert.equal(r.explicitValue, true);
    assert.equal(r.refusesToStart, true);
    assert.equal(r.summary, 'the producer refuses to start; otherwise explicitly on (enable.idempotence=true is set explicitly)');
    assert.deepEqual(
      r.conflicts.map((c) => [c.kind, c.consequence, c.clientMessage]),
      [['acks', 'throws', JAVA.acksThrow]],
    );

    const on = verdict('enable.idempotence=TRUE\n', '2.8');
    assert.equal(on.effective, true);
    assert.equal(on.summary, 'explicitly on (enable.idempotence=true is set explicitly)');

    const off = verdict('enable.idempotence=false\nacks=1\n', 'latest');
    assert.equal(off.explicit, true);
    assert.equal(off.requested, false);
    assert.equal(off.effective, false);
    assert.equal(off.summary, 'off: enable.idempotence=false is set explicitly');
    assert.deepEqual(off.conflicts, []);
  });

  test("conflicts are listed in the client's order: retries, acks, in-flight", () => {
    const r = verdict(`${IFL}=6\nacks=0\nretries=0\n`, '3.9');
    assert.deepEqual(
      r.conflicts.map((c) => [c.kind, c.consequence, c.logLevel, c.clientMessage]),
      [
        ['retries', 'silent-disable', 'INFO', JAVA.retriesLog],
        ['acks', 'silent-disable', 'INFO', JAVA.acksLog(0)],
        ['in-flight', 'silent-disable', 'WARN', JAVA.inFlightLog(6)],
      ],
    );
    assert.equal(r.summary, `silently disabled by retries=0 (line 3), acks=0 (line 2), ${IFL}=6 (line 1)`);
    const four = verdict(`${IFL}=7\nacks=0\n`, '4.0');
    assert.deepEqual(
      four.conflicts.map((c) => [c.kind, c.consequence, c.clientMessage]),
      [
        ['acks', 'silent-disable', JAVA.acksLog(0)],
        ['in-flight', 'throws', JAVA.inFlightThrow4(7)],
      ],
    );
    assert.equal(four.refusesToStart, true);
  });

  test('transactional.id: turns idempotence on before 3.0.1; fails after a silent disable from 3.0.1', () => {
    const old = verdict('transactional.id=x\n', '2.8');
    assert.equal(old.requested, true);
    assert.equal(old.effective, true);
    assert.equal(old.summary, 'on, because transactional.id is set');
    assert.equal(old.requestedReason, 'transactional.id is set, which turns idempotence on');

    const old2 = verdict('transactional.id=x\nacks=1\n', '3.0.0');
    assert.equal(old2.transactionFailure, undefined);
    assert.deepEqual(
      old2.conflicts.map((c) => [c.kind, c.consequence]),
      [['acks', 'throws']],
    );

    const r = verdict('transactional.id=x\nacks=1\n', '3.9');
    assert.equal(r.refusesToStart, true);
    assert.equal(r.transactionFailure?.message, JAVA.transaction);
    assert.equal(r.transactionFailure?.becauseExplicitFalse, false);
    assert.deepEqual(
      r.transactionFailure?.because.map((c) => c.kind),
      ['acks'],
    );

    const off = verdict('transactional.id=x\nenable.idempotence=false\n', '0.11.0');
    assert.equal(off.transactionFailure?.becauseExplicitFalse, true);
    assert.equal(off.refusesToStart, true);
  });

  test('an enable.idempotence value the client rejects leaves the state unknown', () => {
    const r = verdict('enable.idempotence=yes\nacks=1\n', '3.9');
    assert.equal(r.explicit, true);
    assert.equal(r.explicitValue, undefined);
    assert.equal(r.requested, undefined);
    assert.equal(r.effective, undefined);
    assert.equal(r.refusesToStart, true);
    assert.equal(r.summary, 'the producer refuses to start; otherwise unknown: the client refuses enable.idempotence=yes');
    assert.deepEqual(r.conflicts, []);
  });

  test('a value injected by a framework counts as explicit', () => {
    const values: ProducerBlock['values'] = new Map([
      [
        'enable.idempotence',
        { key: 'enable.idempotence', value: 'true', kind: 'string', injectedBy: 'Spring Kafka (transaction-id-prefix)' },
      ],
      ['acks', { key: 'acks', value: '1', kind: 'string', origin: 'line 3' }],
    ]);
    const r = service.evaluateJava({ values }, service.parseVersion('3.9')!);
    assert.equal(r.explicit, true);
    assert.equal(r.requestedReason, 'enable.idempotence=true is set explicitly by Spring Kafka (transaction-id-prefix)');
    assert.deepEqual(
      r.conflicts.map((c) => [c.kind, c.consequence]),
      [['acks', 'throws']],
    );
  });

  test('values not known statically are not judged, and leave the outcome unknown', () => {
    const values: ProducerBlock['values'] = new Map([
      ['acks', { key: 'acks', value: undefined, kind: 'unknown' }],
      ['retries', { key: 'retries', value: '${RETRIES}', kind: 'unknown' }],
    ]);
    const r = service.evaluateJava({ values }, service.parseVersion('3.9')!);
    assert.deepEqual(r.conflicts, []);
    // acks=0 or 1, or retries=0, would silently disable the default idempotence of 3.9
    assert.equal(r.effective, undefined);
    assert.equal(r.summary, 'unknown: retries is not known statically');
  });
});

/** What the linter says the producer does (effectiveJavaConfig), held to each version by its kafka-clients oracle. */
function effective(text: string, version: string) {
  const r = service.lint({ fileName: 'producer.properties', text }, settingsWith({ kafkaClientsVersion: version }));
  assert.equal(r.blocks.length, 1);
  return service.effectiveJavaConfig(r.blocks[0], service.parseVersion(version)!);
}

describe('effectiveJavaConfig by version', () => {
  test('an idempotent producer before 3.0.1 uses acks=all and retries=MAX where they are not set; 0.11 one request in flight', () => {
    const at = (text: string, v: string) => {
      const e = effective(text, v);
      return [e.outcome, e.acks, e.retries, e.maxInFlight];
    };
    assert.deepEqual(at('enable.idempotence=true\n', '0.11.0'), ['idempotent', '-1', 2147483647, 1]);
    assert.deepEqual(at('enable.idempotence=true\n', '2.0'), ['idempotent', '-1', 2147483647, 5]);
    assert.deepEqual(at('transactional.id=x\n', '2.8'), ['idempotent', '-1', 2147483647, 5]);
    assert.deepEqual(at('transactional.id=x\nretries=3\n', '1.0'), ['idempotent', '-1', 3, 5]);
    // not idempotent: the defaults stay (acks=1 before 3.0; retries=0 before 2.1)
    assert.deepEqual(at('batch.size=1\nacks=1\n', '2.0'), ['non-idempotent', '1', 0, 5]);
    assert.deepEqual(at('batch.size=1\nlinger.ms=5\n', '2.8'), ['non-idempotent', '1', 2147483647, 5]);
    assert.deepEqual(at('batch.size=1\nlinger.ms=5\n', '3.0.0'), ['non-idempotent', '-1', 2147483647, 5]);
  });

  test('which failure a version meets first', () => {
    const first = (text: string, v: string) => effective(text, v).refusal?.key;
    // in-flight > 5 and a too small delivery.timeout.ms: ProducerConfig checks in-flight from 3.0.1; before, the
    // constructor checks the delivery timeout first (from 2.1, when it exists)
    const both = `enable.idempotence=true\n${IFL}=6\ndelivery.timeout.ms=1000\n`;
    assert.equal(first(both, '2.0'), IFL);
    assert.equal(first(both, '2.4'), 'delivery.timeout.ms');
    assert.equal(first(both, '2.8'), 'delivery.timeout.ms');
    assert.equal(first(both, '3.0.0'), 'delivery.timeout.ms');
    assert.equal(first(both, '3.1.0'), 'delivery.timeout.ms');
    assert.equal(first(both, '3.0.1'), IFL);
    assert.equal(first(both, '4.0'), IFL);
    // retries=0, acks=1 and in-flight 6: before 2.1 retries first, 2.1 – 2.4 in-flight first, from 2.5 retries first
    const three = `enable.idempotence=true\n${IFL}=6\nacks=1\nretries=0\n`;
    assert.equal(first(three, '1.1'), 'retries');
    assert.equal(first(three, '2.3'), IFL);
    assert.equal(first(three, '2.5'), 'retries');
    // an unknown codec: the constructor checks it first before 2.5, after ProducerConfig's checks from 2.5
    const codec = 'transactional.id=x\nenable.idempotence=false\ncompression.type=snappy2\n';
    assert.equal(first(codec, '2.4'), 'compression.type');
    assert.equal(first(codec, '2.5'), 'transactional.id');
    assert.equal(first(codec, '3.9'), 'compression.type'); // from 3.3 ConfigDef validates it
  });

  test('2.1 adds linger.ms and request.timeout.ms as ints: a sum beyond 2^31-1 overflows and nothing is checked', () => {
    assert.deepEqual(effective('linger.ms=2147483647\n', '2.1').logged, []);
    assert.deepEqual(effective('linger.ms=2147483647\n', '2.2').logged, [{ level: 'WARN', message: JAVA.deliveryWarn(2147483647) }]);
    assert.deepEqual(effective('linger.ms=90001\n', '2.1').logged, [{ level: 'WARN', message: JAVA.deliveryWarn(120001) }]);
  });
});

describe('versions as users write them', () => {
  test('3.0 and 3.1 are the buggy 3.0.0 and 3.1.0; latest is 4.x', () => {
    const p = (s: string) => {
      const v = service.parseVersion(s);
      assert.ok(v, s);
      return [v.major, v.minor, v.patch];
    };
    assert.deepEqual(p('3.0'), [3, 0, 0]);
    assert.deepEqual(p('3.1'), [3, 1, 0]);
    assert.deepEqual(p('3.1.1'), [3, 1, 1]);
    assert.deepEqual(p('v3.9.0-SNAPSHOT'), [3, 9, 0]);
    assert.equal(p('latest')[0], 4);
    assert.equal(p('')[0], 4);
    assert.equal(service.parseVersion('three'), undefined);
    const summary = (v: string) => verdict('acks=all\n', v).summary;
    assert.match(summary('3.0'), /^off: .*KAFKA-13598/);
    assert.match(summary('3.1'), /^off: .*KAFKA-13598/);
    assert.match(summary('3.x'), /^on by default/);
    assert.match(summary('4'), /^on by default/);
  });

  test('an unparsable version is judged as the latest', () => {
    const r = service.lint({ fileName: 'producer.properties', text: `${IFL}=6\n` }, settingsWith({ kafkaClientsVersion: 'not-a-version' }));
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['idempotence-max-in-flight-gt-5'],
    );
  });
});

/**
 * The RuleTester must fail on the mistakes it exists to catch. Each test feeds it a rule
 * that is deliberately wrong (injected through lint()'s `rules` option) and expects the
 * check to throw with the right complaint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInvalidCase, checkValidCase, type InvalidCase } from '../support/ruleTester';
import { service, type Rule } from '../support/service';

type Report = Parameters<Parameters<typeof service.defineRule>[1]>[0]['report'];
type ReportArg = Parameters<Report>[0];

/** A rule reporting on the value of `acks` with the given fixes (spans relative to that value). */
function acksRule(id: string, fixes: (value: { start: number; end: number }, text: string) => ReportArg['fixes']): Rule {
  return service.defineRule(
    { id, description: 'test rule', headline: 'test rule', defaultSeverity: 'warning', fixable: true, clients: ['java'] },
    (ctx) => {
      const acks = ctx.block.values.get('acks');
      if (!acks?.entry || acks.value?.trim() === 'all') return;
      ctx.report({ span: acks.entry.valueSpan, message: `acks is ${acks.value}`, fixes: fixes(acks.entry.valueSpan, ctx.doc.text) });
    },
  );
}

const good = acksRule('test-good', (v) => [{ title: 'Set acks=all', edits: [{ span: v, newText: 'all' }], keys: ['acks'] }]);
const noop = acksRule('test-noop', () => [{ title: 'Add a comment', edits: [{ span: { start: 0, end: 0 }, newText: '# hello\n' }] }]);
const breaks = acksRule('test-breaks', (v) => [
  { title: 'Set acks=all', edits: [{ span: v, newText: 'all' }], keys: ['acks'] },
  { title: 'Break the file', edits: [{ span: v, newText: 'all\\u12' }], keys: ['acks'] },
]);
const undeclared = acksRule('test-undeclared', (v) => [{ title: 'Set acks=all', edits: [{ span: v, newText: 'all' }] }]);
const glues = acksRule('test-glues', (v, text) => [
  {
    title: 'Set acks=all and linger.ms=5',
    edits: [
      { span: v, newText: 'all' },
      { span: { start: text.length, end: text.length }, newText: '\nlinger.ms=5\n' },
    ],
    keys: ['acks', 'linger.ms'],
  },
]);
const rulesWith = (...extra: Rule[]) => ({ rules: [...service.ALL_RULES, ...extra] });

const base: InvalidCase = {
  text: 'acks=1\n',
  settings: { kafkaClientsVersion: '2.8' },
  findings: [{ ruleId: 'test-good', text: '1', fixes: [{ title: 'Set acks=all', output: 'acks=all\n' }] }],
};

test('a correct case passes', () => {
  checkInvalidCase('test-good', base, rulesWith(good));
  checkValidCase('test-good', { text: 'acks=all\n' }, rulesWith(good));
});

test('a valid case with a finding fails', () => {
  assert.throws(() => checkValidCase('test-good', 'acks=1\n', rulesWith(good)), /valid case reported test-good/);
});

test('an undeclared fix fails', () => {
  const c = { ...base, findings: [{ text: '1' }] };
  assert.throws(() => checkInvalidCase('test-good', c, rulesWith(good)), /does not declare/);
  assert.throws(() => checkInvalidCase('test-good', { ...base, findings: [{ output: null }] }, rulesWith(good)), /does not declare/);
});

test('a declared fix that is not offered fails', () => {
  const c = { ...base, findings: [{ fixes: [{ output: 'acks=all\n' }, { output: 'acks=-1\n' }] }] };
  assert.throws(() => checkInvalidCase('test-good', c, rulesWith(good)), /number of fixes/);
});

test('a wrong output, title, span or message fails', () => {
  const f = base.findings[0];
  const wrong: InvalidCase['findings'] = [
    { ...f, fixes: [{ output: 'acks=-1\n' }] },
    { ...f, fixes: [{ title: /^Remove/, output: 'acks=all\n' }] },
    { ...f, column: 5 },
    { ...f, line: 2 },
    { ...f, text: 'acks' },
    { ...f, message: 'acks is 2' },
    { ...f, message: /is 2/ },
    { ...f, includes: 'acks is 0' },
    { ...f, severity: 'error' },
  ];
  for (const w of wrong) {
    assert.throws(
      () => checkInvalidCase('test-good', { ...base, findings: [w] }, rulesWith(good)),
      assert.AssertionError,
      JSON.stringify(w),
    );
  }
});

test('too many or too few findings fail', () => {
  assert.throws(
    () => checkInvalidCase('test-good', { ...base, findings: [...base.findings, ...base.findings] }, rulesWith(good)),
    /findings of test-good/,
  );
  assert.throws(() => checkInvalidCase('test-good', { ...base, text: 'acks=all\n' }, rulesWith(good)), /findings of test-good/);
});

test('a fix that leaves its finding in place fails', () => {
  const c: InvalidCase = { ...base, findings: [{ fixes: [{ output: '# hello\nacks=1\n' }] }] };
  assert.throws(() => checkInvalidCase('test-noop', c, rulesWith(noop)), /did not remove the finding it targets/);
});

test('a fix that makes the file unloadable by the JDK fails', () => {
  const c: InvalidCase = { ...base, findings: [{ fixes: [{ output: 'acks=all\n' }, { output: 'acks=all\\u12\n' }] }] };
  assert.throws(() => checkInvalidCase('test-breaks', c, rulesWith(breaks)), /no longer loads with java\.util\.Properties/);
});

test('a fix that changes a key it does not declare fails', () => {
  const c: InvalidCase = { ...base, findings: [{ fixes: [{ output: 'acks=all\n' }] }] };
  assert.throws(() => checkInvalidCase('test-undeclared', c, rulesWith(undeclared)), /changed the value of "acks"/);
  // a line appended after a trailing backslash is glued onto the value before it: client.id becomes "alinger.ms=5"
  const g: InvalidCase = {
    text: 'acks=1\nclient.id=a\\',
    settings: { kafkaClientsVersion: '2.8' },
    findings: [{ ruleId: 'test-glues', fixes: [{ output: 'acks=all\nclient.id=a\\\nlinger.ms=5\n' }] }],
  };
  assert.throws(() => checkInvalidCase('test-glues', g, rulesWith(glues)), /changed the value of "client\.id"/);
});

test('a rule that throws fails every case', () => {
  const boom = service.defineRule(
    { id: 'test-boom', description: 'throws', headline: 'throws', defaultSeverity: 'error', fixable: false, clients: ['java'] },
    () => {
      throw new Error('boom');
    },
  );
  assert.throws(() => checkValidCase('test-boom', 'acks=all\n', rulesWith(boom)), /rule failures/);
});

test('an unknown rule id fails', () => {
  assert.throws(() => checkValidCase('no-such-rule', 'acks=all\n'), /unknown rule/);
});

/** A rule that sets delivery.timeout.ms (librdkafka: an alias of message.timeout.ms) and declares message.timeout.ms. */
const timeoutRule = (id: string, client: 'java' | 'librdkafka'): Rule =>
  service.defineRule(
    { id, description: 'test rule', headline: 'test rule', defaultSeverity: 'warning', fixable: true, clients: [client] },
    (ctx) => {
      const t = ctx.block.values.get(client === 'java' ? 'delivery.timeout.ms' : 'message.timeout.ms');
      if (!t?.entry || t.value === '120000') return;
      ctx.report({
        span: t.entry.valueSpan,
        message: 'short',
        fixes: [{ title: 'Set 120000', edits: [{ span: t.entry.valueSpan, newText: '120000' }], keys: ['message.timeout.ms'] }],
      });
    },
  );

test('a declared key counts in its librdkafka alias spellings, for librdkafka rules only', () => {
  const rdk = timeoutRule('rdk-test-timeout', 'librdkafka');
  const MARK = '# kafka-idempotence-client: librdkafka\n';
  checkInvalidCase(
    'rdk-test-timeout',
    { text: `${MARK}delivery.timeout.ms=1000\n`, findings: [{ output: `${MARK}delivery.timeout.ms=120000\n` }] },
    rulesWith(rdk),
  );
  // for the Java client delivery.timeout.ms is a key of its own, which the fix does not declare
  const java = timeoutRule('test-java-timeout', 'java');
  assert.throws(
    () =>
      checkInvalidCase(
        'test-java-timeout',
        { text: 'delivery.timeout.ms=1000\n', findings: [{ output: 'delivery.timeout.ms=120000\n' }] },
        rulesWith(java),
      ),
    /changed the value of "delivery\.timeout\.ms"/,
  );
});

test('internal failures: none unless the case expects them, and then exactly those', () => {
  const throws = service.defineRule(
    { id: 'test-throws', description: 'test rule', headline: 'test rule', defaultSeverity: 'warning', fixable: false, clients: ['java'] },
    (ctx) => {
      if (ctx.block.values.get('acks')?.value === '1') throw new Error('kaboom');
    },
  );
  const c: InvalidCase = {
    text: 'enable.idempotence=true\nacks=1\n',
    findings: [{ ruleId: 'internal-error', output: null, suppress: null }],
  };
  assert.throws(() => checkInvalidCase('internal-error', c, rulesWith(throws)), /rule failures while linting/);
  checkInvalidCase('internal-error', { ...c, failures: [/kaboom/] }, rulesWith(throws));
  assert.throws(
    () => checkInvalidCase('internal-error', { ...c, failures: [/kaboom/, /kaboom/] }, rulesWith(throws)),
    /rule failures while linting/,
  );
  assert.throws(
    () => checkValidCase('internal-error', { text: 'acks=all\n', failures: [/kaboom/] }, rulesWith(throws)),
    /rule failures while linting/,
  );
});

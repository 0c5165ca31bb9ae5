/** Resilience (issue 7): a rule that throws does not take down the others; `failures` names it. */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mutatedInputArb, INLINE_SEEDS } from '../support/fuzz';
import { service, settingsWith } from '../support/service';

const throwing = service.defineRule(
  { id: 'test-throwing-rule', description: 'throws', defaultSeverity: 'error', fixable: false, clients: ['java'] },
  () => {
    throw new Error('boom');
  },
);

test('a throwing rule is reported in failures and the other rules still report', () => {
  const input = { fileName: 'producer.properties', text: 'key.serializer=x\nenable.idempotence=true\nacks=1\n' };
  const r = service.lint(input, settingsWith(), { rules: [throwing, ...service.ALL_RULES] });
  assert.ok(r.findings.some((f) => f.ruleId === 'idempotence-acks-conflict'));
  assert.equal(r.failures.length, 1);
  assert.match(r.failures[0], /test-throwing-rule/);
});

test('on fuzzed inputs, a throwing rule changes nothing but failures', () => {
  fc.assert(
    fc.property(mutatedInputArb(INLINE_SEEDS), (input) => {
      const plain = service.lint(input, settingsWith());
      const withBad = service.lint(input, settingsWith(), { rules: [...service.ALL_RULES, throwing] });
      assert.deepEqual(withBad.findings, plain.findings);
      // the rule runs (and throws) once per block of its client: the seeds hold librdkafka and KafkaJS blocks too
      assert.equal(withBad.failures.length, plain.blocks.filter((b) => throwing.meta.clients.includes(b.client)).length);
      for (const f of withBad.failures) assert.match(f, /^rule test-throwing-rule failed/);
    }),
    { numRuns: 500 },
  );
});

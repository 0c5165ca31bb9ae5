/** Resilience (issue 7): a rule that throws does not take down the others; `failures` names it. */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mutatedInputArb, INLINE_SEEDS } from '../support/fuzz';
import { service, settingsWith } from '../support/service';

const throwing = service.defineRule(
  { id: 'test-throwing-rule', description: 'throws', headline: 'throws', defaultSeverity: 'error', fixable: false, clients: ['java'] },
  () => {
    throw new Error('boom');
  },
);

test('a throwing rule is reported in failures and the other rules still report', () => {
  const input = { fileName: 'producer.properties', text: 'key.serializer=x\nenable.idempotence=true\nacks=1\n' };
  const r = service.lint(input, settingsWith(), { rules: [throwing, ...service.ALL_RULES] });
  assert.ok(r.findings.some((f) => f.ruleId === 'idempotence-acks-conflict'));
  assert.deepEqual(
    r.findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message),
    ['Internal error: rule test-throwing-rule (Error: boom) failed on this file, so findings may be missing. Please report it.'],
  );
  assert.equal(r.failures.length, 1);
  assert.match(r.failures[0], /test-throwing-rule/);
});

test('on fuzzed inputs, a throwing rule changes nothing but failures and the internal-error notice', () => {
  fc.assert(
    fc.property(mutatedInputArb(INLINE_SEEDS), (input) => {
      const plain = service.lint(input, settingsWith());
      const withBad = service.lint(input, settingsWith(), { rules: [...service.ALL_RULES, throwing] });
      const notices = withBad.findings.filter((f) => f.ruleId === 'internal-error');
      // a directive that suppresses the internal-error notice is used: it is no longer reported as unused
      const usedByNotice = (f: { ruleId: string }) => withBad.failures.length > 0 && f.ruleId === 'unused-disable-directive';
      assert.deepEqual(
        withBad.findings.filter((f) => f.ruleId !== 'internal-error' && !usedByNotice(f)),
        plain.findings.filter((f) => !usedByNotice(f)),
      );
      for (const f of withBad.findings.filter(usedByNotice))
        assert.ok(
          plain.findings.some((g) => g.ruleId === f.ruleId && g.span.start === f.span.start),
          'no new unused directive',
        );
      // one notice per file, unless a directive covers it (the seeds hold suppression directives)
      assert.ok(notices.length <= (withBad.failures.length > 0 ? 1 : 0));
      // the rule runs (and throws) once per block of its client: the seeds hold librdkafka and KafkaJS blocks too
      assert.equal(withBad.failures.length, plain.blocks.filter((b) => throwing.meta.clients.includes(b.client)).length);
      for (const f of withBad.failures) assert.match(f, /^rule test-throwing-rule failed/);
    }),
    { numRuns: 500 },
  );
});

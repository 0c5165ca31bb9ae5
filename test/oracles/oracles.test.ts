/**
 * The `oracles` suite of `npm test`: every oracle of registry.ts at its test size with its fixed seed
 * (`npm run oracles` runs them at full size), and the mutation check that proves the comparison can fail.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ORACLES } from './registry';
import { runAll, runOracle, summaryLine, type Mutation } from './common';
import { KAFKA_CLIENTS_ORACLES, KAFKA_CLIENTS_VERSIONS } from './kafkaClients';
import { BOM_SAMPLE, bomDisagreements, bomSummary, checkBoms } from './boms';

test('every oracle agrees with the linter on its fixed seed', { timeout: 10 * 60_000 }, async () => {
  const runs = await runAll(
    ORACLES,
    (o) => ({ count: o.testCount }),
    2,
    (r) => console.log(summaryLine(r)),
  );
  const failing = runs.filter((r) => r.agree !== r.cases);
  assert.equal(
    failing.length,
    0,
    failing
      .map(
        (r) =>
          `${summaryLine(r)}\n${r.disagreements
            .filter((d) => d.minimal)
            .map((d) => d.minimal)
            .join('\n')}`,
      )
      .join('\n'),
  );
  for (const r of runs) assert.ok(r.cases >= 100, `${r.name}: ${r.cases} cases`);
});

/** A deliberately wrong verdict: the silent downgrade judged as an idempotent producer. */
const silentIsIdempotent: Mutation = (e) =>
  e.outcome === 'silently-disabled' ? { ...e, outcome: 'idempotent', enableIdempotence: true, logged: [] } : e;

/** Another: the client's explicit-key rule forgotten (explicit conflicts judged as silent downgrades). */
const explicitForgotten: Mutation = (e) =>
  e.refusal?.stage === 'idempotence' && e.refusal.key === 'acks'
    ? { ...e, outcome: 'silently-disabled', refusal: undefined, refusals: [], enableIdempotence: false }
    : e;

test(
  'mutation check: a wrong verdict injected into the linter makes the kafka-clients oracle disagree',
  { timeout: 5 * 60_000 },
  async () => {
    const newest = KAFKA_CLIENTS_VERSIONS[KAFKA_CLIENTS_VERSIONS.length - 1];
    const oracle = KAFKA_CLIENTS_ORACLES.find((o) => o.expectVersion === newest)!;
    for (const [name, mutation] of [
      ['silent downgrade judged idempotent', silentIsIdempotent],
      ['explicit acks conflict judged silent', explicitForgotten],
    ] as const) {
      const run = await runOracle(oracle, { count: 150, mutation, minimise: 1 });
      assert.ok(run.agree < run.cases, `${name}: every case still agreed (${run.agree}/${run.cases})`);
      const d = run.disagreements[0];
      assert.match(d.diffs.join('; '), /outcome/, `${name}: ${d.diffs.join('; ')}`);
      // the minimal reproduction names the text, the real outcome and the linter's
      assert.match(
        d.minimal ?? '',
        /\n {2}\| .+\n(?: {2}\| .*\n)* {2}text: ".*"\n {2}real \(org\.apache\.kafka:kafka-clients:[\d.]+\): .+\n {2}linter: .+\n {2}differences: outcome/,
      );
      console.log(`mutation "${name}": ${run.cases - run.agree}/${run.cases} cases disagree; minimal reproduction:\n${d.minimal}`);
    }
  },
);

test(
  'mutation check on the Spring side: a wrong verdict in the Spring Boot and binder oracles makes them disagree',
  { timeout: 5 * 60_000 },
  async () => {
    // binder 5.0.1 (required-acks defaults to 1: many silent downgrades) and the newest Boot line
    for (const name of ['scs-kafka-binder 5.0.1', 'spring-boot 4.0.7']) {
      const oracle = ORACLES.find((o) => o.name === name)!;
      const run = await runOracle(oracle, { count: 80, mutation: silentIsIdempotent, minimise: 1 });
      assert.ok(run.agree < run.cases, `${name}: every case still agreed (${run.agree}/${run.cases})`);
      const d = run.disagreements[0];
      assert.match(d.diffs.join('; '), /outcome: silently-disabled ≠ idempotent/, `${name}: ${d.diffs.join('; ')}`);
      assert.match(
        d.minimal ?? '',
        /\n {2}real \(org\.springframework\.(?:boot|cloud):[\w-]+:[\d.]+\): silently-disabled.*\n {2}linter: idempotent/,
      );
      console.log(
        `mutation "silent downgrade judged idempotent" on ${name}: ${run.cases - run.agree}/${run.cases} cases disagree; minimal reproduction:\n${d.minimal}`,
      );
    }
  },
);

test('the platform tables agree with the BOMs Maven serves (a sample; npm run oracles checks every row)', { timeout: 5 * 60_000 }, () => {
  const checks = checkBoms(BOM_SAMPLE);
  console.log(bomSummary(checks));
  assert.deepEqual(
    checks.filter((c) => c.notServed).map((c) => c.bom),
    [],
  );
  assert.deepEqual(bomDisagreements(checks), []);
  assert.equal(checks.length, BOM_SAMPLE.length);
});

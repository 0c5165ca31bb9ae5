/**
 * Fix safety on every example and fixture (issue 7): every offered fix, one at a time, keeps the
 * invariants of test/support/fuzz.ts; fix-all converges in at most 3 passes.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { allSeeds, checkInvariants, VERSIONS } from '../support/fuzz';
import { service, settingsWith } from '../support/service';

const seeds = allSeeds();

for (const seed of seeds) {
  for (const v of VERSIONS) {
    test(`${seed.fileName.length > 60 ? seed.fileName.slice(0, 60) : seed.fileName} ${JSON.stringify(seed.text.slice(0, 30))} @ ${v}: every fix is safe, fix-all converges`, () => {
      const settings = settingsWith({ kafkaClientsVersion: v });
      checkInvariants(seed, settings, { fixes: true });
      const all = service.fixAll(seed, settings, { maxPasses: 3 });
      assert.ok(all.passes <= 3);
      // converged: nothing that fix-all would still apply
      assert.deepEqual(service.compatibleFixes(all.remaining), [], `fix-all left applicable fixes after ${all.passes} passes: ${JSON.stringify(all.text)}`);
      // and the result is itself a valid file for the invariants
      checkInvariants({ ...seed, text: all.text }, settings, { fixes: true });
      const fmt = service.formatOf(seed);
      if (fmt === 'properties' && !service.parseProperties(seed.text).jdkWouldThrow) {
        assert.equal(service.parseProperties(all.text).jdkWouldThrow, false);
      }
    });
  }
}

test('the corpus is not empty and exercises fixes', () => {
  const fixes = seeds.reduce((n, s) => n + service.lint(s, settingsWith()).findings.reduce((m, f) => m + f.fixes.length, 0), 0);
  assert.ok(fixes > 5, `only ${fixes} fixes in the corpus`);
});

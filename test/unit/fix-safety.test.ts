/**
 * Fix safety on every example and fixture (issue 7): every offered fix, one at a time, keeps the
 * invariants of test/support/fuzz.ts; fix-all converges in at most 3 passes.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { allSeeds, checkInvariants, VERSIONS } from '../support/fuzz';
import { ROOT, service, settingsWith } from '../support/service';

const seeds = allSeeds();

for (const seed of seeds) {
  for (const v of VERSIONS) {
    test(`${seed.fileName.length > 60 ? seed.fileName.slice(0, 60) : seed.fileName} ${JSON.stringify(seed.text.slice(0, 30))} @ ${v}: every fix is safe, fix-all converges`, () => {
      const settings = settingsWith({ kafkaClientsVersion: v });
      checkInvariants(seed, settings, { fixes: true });
      const all = service.fixAll(seed, settings, { maxPasses: 3 });
      assert.ok(all.passes <= 3);
      // converged: nothing that fix-all would still apply
      assert.deepEqual(
        service.compatibleFixes(all.remaining),
        [],
        `fix-all left applicable fixes after ${all.passes} passes: ${JSON.stringify(all.text)}`,
      );
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

/** Every file the tests lint: examples, test fixtures, the protocol and editor workspaces, and the inline seeds. */
function everyFixture(): Array<{ fileName: string; text: string }> {
  const { readdirSync, readFileSync, statSync } = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const out = [...seeds];
  const seen = new Set(out.map((s) => s.fileName));
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const p = path.join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const rel = path.relative(ROOT, p);
        if (service.formatOf({ fileName: p }) && !seen.has(rel)) {
          seen.add(rel);
          out.push({ fileName: rel, text: readFileSync(p, 'utf8') });
        }
      }
    }
  };
  for (const d of ['test/protocol/fixtures', 'test/vscode/workspace', 'test/vscode/workspace-ui']) walk(path.join(ROOT, d));
  return out;
}

test("a second safe fix-all (the CLI's --fix) changes nothing, on every example and fixture, at every version", () => {
  const all = everyFixture();
  assert.ok(all.length > 40, `${all.length} files`);
  let changed = 0;
  for (const file of all) {
    for (const v of VERSIONS) {
      const settings = settingsWith({ kafkaClientsVersion: v });
      const first = service.safeFixAll(file, settings);
      if (first.text !== file.text) changed++;
      const second = service.safeFixAll({ ...file, text: first.text }, settings);
      assert.equal(second.applied, 0, `${file.fileName} @ ${v}: the second --fix applied ${second.applied}`);
      assert.equal(second.text, first.text, `${file.fileName} @ ${v}`);
      // what is left is what the last sweep tried and rejected: the same on both runs
      assert.deepEqual(second.rejected, first.rejected, `${file.fileName} @ ${v}`);
    }
  }
  assert.ok(changed > 20, `only ${changed} files were changed by a first --fix`);
});

test('fixes are judged by rule, block and place, not by message: a fix that shifts the lines a message quotes is kept (examples/quarkus)', () => {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const text = readFileSync(require('node:path').join(ROOT, 'examples', 'quarkus', 'application.properties'), 'utf8');
  const r = service.safeFixAll({ fileName: 'application.properties', text }, settingsWith());
  assert.deepEqual(
    r.remaining.filter((f) => f.severity === 'error' || f.severity === 'warning'),
    [],
  );
  assert.equal(r.applied, 2);
  assert.deepEqual(r.rejected, []);
  assert.match(r.text, /^mp\.messaging\.outgoing\.orders\.acks=all$/m);
  assert.match(r.text, /^mp\.messaging\.outgoing\.payments\.acks=all$/m);
});

test('mapOffset: offsets before, inside and after edits', () => {
  const edits = [
    { span: { start: 5, end: 6 }, newText: 'all' },
    { span: { start: 10, end: 10 }, newText: 'x=1\n' },
  ];
  assert.equal(service.mapOffset(3, edits), 3);
  assert.equal(service.mapOffset(5, edits), 5);
  assert.equal(service.mapOffset(6, edits), 8);
  assert.equal(service.mapOffset(10, edits), 16);
  assert.equal(service.mapOffset(12, edits), 18);
});

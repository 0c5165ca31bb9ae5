/**
 * Property-based tests of the language service (issue 7): random and mutated inputs, every
 * invariant in test/support/fuzz.ts. The CI budget is each property's `ciRuns` (≥ 20,000 cases
 * in total); `npm run fuzz -- --runs N` runs more, with fresh random seeds. In `npm test` the seed is
 * fixed, so a CI run is reproducible (a failure found by `npm run fuzz` becomes a regression test);
 * FUZZ_SEED=<n> picks another seed, FUZZ_SEED=random a fresh one.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allSeeds, checkInvariants, fuzzProperties, mapOffset, mutate, unmapOffset, INLINE_SEEDS } from '../support/fuzz';
import { service, settingsWith } from '../support/service';

const seed = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261125);
const props = fuzzProperties();

test('the CI budget is at least 20,000 cases', () => {
  assert.ok(props.reduce((n, p) => n + p.ciRuns, 0) >= 20000);
});

test('every seed satisfies the invariants as written, with every version', () => {
  const seeds = allSeeds();
  assert.ok(seeds.length >= INLINE_SEEDS.length);
  let findings = 0;
  for (const s of seeds) {
    for (const v of ['2.8', '3.0.0', '3.9', 'latest']) {
      findings += checkInvariants(s, settingsWith({ kafkaClientsVersion: v }), { fixes: true }).findings.length;
    }
  }
  // the inline seeds are producer configs with conflicts: they must produce findings to exercise fixes
  assert.ok(findings > 20, `only ${findings} findings over the seeds`);
});

test('mutations do what they say', () => {
  assert.equal(mutate('abc', { kind: 'insert', at: 1, text: 'X' }), 'aXbc');
  assert.equal(mutate('abc', { kind: 'delete', at: 4, len: 1 }), 'ac');
  assert.equal(mutate('abc', { kind: 'duplicate', at: 0, len: 2 }), 'ababc');
  assert.equal(mutate('abc', { kind: 'truncate', at: 2 }), 'ab');
  assert.equal(mutate('a\r\nb\rc\n', { kind: 'eol', to: 'crlf', salt: 0 }), 'a\r\nb\r\nc\r\n');
  assert.equal(mutate('a\r\nb\rc\n', { kind: 'eol', to: 'cr', salt: 0 }), 'a\rb\rc\r');
  assert.match(mutate('a\nb\nc\nd\ne\n', { kind: 'eol', to: 'mixed', salt: 7 }), /^a(\r\n|\r|\n)b(\r\n|\r|\n)c/);
  assert.equal(mutate('x', { kind: 'bom' }), '\ufeffx');
});

test('mapOffset follows edits', () => {
  const edits = [
    { span: { start: 2, end: 2 }, newText: 'XX' },
    { span: { start: 5, end: 8 }, newText: 'Y' },
  ];
  assert.equal(mapOffset(1, edits), 1);
  assert.equal(mapOffset(2, edits), 4); // insertion at the offset pushes it
  assert.equal(mapOffset(4, edits), 6);
  assert.equal(mapOffset(6, edits), 7); // inside the replacement: its start
  assert.equal(mapOffset(8, edits), 8);
  assert.equal(mapOffset(10, edits), 10);
});

test('the harness catches a lint that breaks the invariants', () => {
  const input = { fileName: 'producer.properties', text: 'key.serializer=x\nenable.idempotence=true\nacks=1\n' };
  const settings = settingsWith();
  const bad = (i: typeof input, s: typeof settings) => {
    const r = service.lint(i, s);
    return { ...r, findings: r.findings.map((f) => ({ ...f, span: { start: f.span.start, end: i.text.length + 1 } })) };
  };
  assert.throws(() => checkInvariants(input, settings, { lintImpl: bad }), /outside the document/);
  const noop = (i: typeof input, s: typeof settings) => {
    const r = service.lint(i, s);
    return {
      ...r,
      findings: r.findings.map((f) => ({
        ...f,
        fixes: f.fixes.map((x) => ({ ...x, edits: [{ span: { start: 0, end: 0 }, newText: ' ' }] })),
      })),
    };
  };
  assert.throws(() => checkInvariants(input, settings, { lintImpl: noop, fixes: true }), /still reported after its fix/);
});

for (const p of props) {
  test(`property: ${p.name} (${p.ciRuns} cases)`, () => {
    fc.assert(p.property(), { numRuns: p.ciRuns, seed, endOnFailure: false });
  });
}

test('unmapOffset is the inverse of mapOffset on unchanged text', () => {
  const edits = [
    { span: { start: 2, end: 2 }, newText: 'XX' },
    { span: { start: 5, end: 8 }, newText: 'Y' },
  ];
  for (const o of [0, 1, 2, 3, 4, 8, 9, 10]) assert.equal(unmapOffset(mapOffset(o, edits), edits), o);
  assert.equal(unmapOffset(2, edits), 2); // inside inserted text: the edit's start
  assert.equal(unmapOffset(7, edits), 5);
  const del = [{ span: { start: 0, end: 24 }, newText: '' }];
  assert.equal(unmapOffset(0, del), 24); // the text after a deletion came from after it
});

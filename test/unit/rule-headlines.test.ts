/**
 * Every rule has a headline: the short form of its findings that the CLI's text output shows on the
 * finding's line (the full message only with --verbose) and SARIF gives as the rule's short
 * description. A finding's line is `  line:col  severity  headline  rule-id`: with headline + id at
 * most 96 characters it fits 120 columns for positions up to `12345:123` (the layout itself is
 * tested over the bundled examples in test/cli/cli.test.ts).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { service as S } from '../support/service';

test('every rule has a short one-line headline that fits next to its id in 120 columns', () => {
  assert.ok(S.ALL_RULES.length > 50);
  for (const { meta } of S.ALL_RULES) {
    const h = meta.headline;
    assert.equal(typeof h, 'string', meta.id);
    assert.ok(h.length >= 20, `${meta.id}: "${h}" says too little`);
    assert.ok(h.length <= 100, `${meta.id}: headline of ${h.length} characters`);
    assert.ok(h.length + meta.id.length <= 96, `${meta.id}: headline + id = ${h.length + meta.id.length} > 96`);
    assert.doesNotMatch(h, /[\r\n\t]|\s{2}|^\s|\s$/, `${meta.id}: one line, single spaces`);
    assert.doesNotMatch(h, /\.$/, `${meta.id}: a headline, not a sentence with a full stop`);
    assert.notEqual(h, meta.description, `${meta.id}: the headline is shorter than the description`);
    assert.ok(h.length < meta.description.length, `${meta.id}: the headline is shorter than the description`);
  }
});

test('headlines tell the rules apart', () => {
  const seen = new Map<string, string>();
  for (const { meta } of S.ALL_RULES) {
    assert.ok(!seen.has(meta.headline), `${meta.id} and ${seen.get(meta.headline)} share the headline "${meta.headline}"`);
    seen.set(meta.headline, meta.id);
  }
});

/**
 * Every rule has a RuleTester table (test/support/ruleTester.ts: valid cases, invalid cases and the
 * output after each fix): a rule added without one fails here, naming it. The tables are found in the
 * test sources (`ruleTester('<rule-id>', …)`), since each test file runs in a process of its own.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, service } from '../support';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'out' && name !== 'node_modules') sources(p, out);
    } else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Rule id → the test files with a table for it. */
function tables(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sources(path.join(ROOT, 'test'))) {
    if (file.endsWith(path.join('support', 'ruleTester.ts'))) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/^ruleTester\(\s*'([a-z0-9-]+)'/gm)) {
      found.set(m[1], [...(found.get(m[1]) ?? []), path.relative(ROOT, file)]);
    }
  }
  return found;
}

test('every rule has a RuleTester table', () => {
  const found = tables();
  const missing = service.ALL_RULES.map((r) => r.meta.id).filter((id) => !found.has(id));
  assert.deepEqual(
    missing,
    [],
    `rules without a RuleTester table (add ruleTester('<id>', { valid, invalid }) to a test file):\n${missing.join('\n')}`,
  );
});

test('every table is of a rule that exists', () => {
  const unknown = [...tables().keys()].filter((id) => !service.RULES_BY_ID.has(id));
  assert.deepEqual(unknown, []);
});

/**
 * The V8 code cache of lazily loaded modules (server/src/pool/codeCache.ts): a module loads the same
 * with and without its cache, the cache is written after first use and used next time, and a cache
 * that is corrupt, truncated, foreign or outdated, or a folder that cannot be written, never stops a
 * load. Also the TypeScript compiler itself through it, and the cache folder's choice.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as CodeCache from '../../server/src/pool/codeCache';
import { ROOT, service as svc } from '../support/service';

const { CodeCachedModule, cacheDirFor, defaultCacheDir, CACHE_DIR_ENV } = require(
  path.join(ROOT, 'server', 'out', 'pool', 'codeCache'),
) as typeof CodeCache;

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kil-code-cache-'));
}

/** A CommonJS module with enough functions for V8 to cache, using require, module, exports and __filename. */
function writeModule(dir: string, name = 'mod.js', tag = 'a'): string {
  const file = path.join(dir, name);
  const fns = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${JSON.stringify(tag)}.length; }`).join('\n');
  fs.writeFileSync(
    file,
    `'use strict';\nconst p = require('node:path');\n${fns}\nexports.sum = (n) => { let s = 0; for (let i = 0; i < 200; i++) s += eval('f' + i)(n); return s; };\n` +
      `module.exports.base = p.basename(__filename);\nmodule.exports.tag = ${JSON.stringify(tag)};\nexports.self = this === module.exports;\n`,
  );
  return file;
}

const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.v8cache')) : []);

test('a module loads through the cache as require loads it; the cache is written after first use and used next time', () => {
  const dir = tmp();
  const cache = path.join(dir, 'cache');
  const file = writeModule(dir);
  const plain = require(file) as { sum(n: number): number; base: string; tag: string; self: boolean };
  const first = new CodeCachedModule(file, cache);
  const a = first.load() as typeof plain;
  assert.equal(first.state, 'missing');
  assert.deepEqual([a.sum(3), a.base, a.tag, a.self], [plain.sum(3), 'mod.js', 'a', true]);
  first.saveIfNew();
  assert.ok(first.written && fs.existsSync(first.written), 'written after first use');
  assert.equal(cacheFiles(cache).length, 1);
  const second = new CodeCachedModule(file, cache);
  const b = second.load() as typeof plain;
  assert.equal(second.state, 'used');
  assert.deepEqual([b.sum(3), b.base, b.tag], [plain.sum(3), 'mod.js', 'a']);
  second.saveIfNew();
  assert.equal(second.written, undefined, 'a used cache is not written again');
});

test('corrupt, truncated and foreign cache files are not given to V8: the module loads without them and the cache is written anew', () => {
  const dir = tmp();
  const cache = path.join(dir, 'cache');
  const file = writeModule(dir);
  const m = new CodeCachedModule(file, cache);
  m.load();
  m.saveIfNew();
  const target = m.written!;
  const good = fs.readFileSync(target);
  const damaged: Array<[string, Buffer]> = [
    // payload bytes flipped (V8 would crash the process on this: its cached data has no checksum of its own)
    ['flipped', Buffer.from(good.map((b, i) => (i > 100 && i % 97 === 0 ? b ^ 0x5a : b)))],
    ['truncated', good.subarray(0, Math.floor(good.length / 2))],
    ['header only', good.subarray(0, 20)],
    ['empty', Buffer.alloc(0)],
    ['not ours', Buffer.concat([Buffer.from('something else\n'), good.subarray(40)])],
  ];
  for (const [what, bytes] of damaged) {
    fs.writeFileSync(target, bytes);
    const again = new CodeCachedModule(file, cache);
    const exp = again.load() as { sum(n: number): number };
    assert.equal(again.state, 'corrupt', what);
    assert.equal(exp.sum(2), (require(file) as { sum(n: number): number }).sum(2), what);
    again.saveIfNew();
    const next = new CodeCachedModule(file, cache);
    next.load();
    assert.equal(next.state, 'used', `${what}: rewritten`);
  }
});

test('a changed module gets a cache of its own (the key names its size and time), old caches beyond three are removed', () => {
  const dir = tmp();
  const cache = path.join(dir, 'cache');
  const names: string[] = [];
  for (let v = 0; v < 5; v++) {
    const file = writeModule(dir, 'mod.js', `v${v}`.repeat(v + 1));
    const t = new Date(Date.now() + v * 10_000);
    fs.utimesSync(file, t, t);
    const m = new CodeCachedModule(file, cache);
    const exp = m.load() as { tag: string };
    assert.equal(m.state, 'missing', `version ${v} does not use another version's cache`);
    assert.equal(exp.tag, `v${v}`.repeat(v + 1));
    m.saveIfNew();
    names.push(path.basename(m.written!));
  }
  assert.equal(new Set(names).size, 5);
  assert.deepEqual(cacheFiles(cache).sort(), names.slice(2).sort(), 'the three most recent stay');
});

test('a cache folder that cannot be created or written, or a cache that cannot be read, never stops the load', () => {
  const dir = tmp();
  const file = writeModule(dir);
  const blocker = path.join(dir, 'a-file');
  fs.writeFileSync(blocker, 'x');
  const logs: string[] = [];
  // a folder below a regular file can never be created (also for root, who ignores permissions)
  const m = new CodeCachedModule(file, path.join(blocker, 'cache'), (t) => logs.push(t));
  assert.equal((m.load() as { tag: string }).tag, 'a');
  assert.doesNotThrow(() => m.saveIfNew());
  assert.equal(m.written, undefined);
  assert.match(logs.join('\n'), /not written/);
  // the cache file is a folder: unreadable, loads without it
  const cache = path.join(dir, 'cache');
  const probe = new CodeCachedModule(file, cache);
  fs.mkdirSync(probe.cacheFile(), { recursive: true });
  const n = new CodeCachedModule(file, cache, (t) => logs.push(t));
  assert.equal((n.load() as { tag: string }).tag, 'a');
  assert.equal(n.state, 'unreadable');
  assert.doesNotThrow(() => n.saveIfNew());
  // no folder: a plain require
  const plain = new CodeCachedModule(file, undefined);
  assert.equal((plain.load() as { tag: string }).tag, 'a');
  assert.equal(plain.state, 'off');
});

test('the TypeScript compiler loads through the cache and parses as required; the service lints a Kafka TS file with it', () => {
  const cache = path.join(tmp(), 'cache');
  const tsFile = require.resolve('typescript');
  const ref = require('typescript') as typeof import('typescript');
  const text =
    "import { Kafka } from 'kafkajs';\nconst p = new Kafka({ clientId: 'x', brokers: ['b:9092'] }).producer({ idempotent: true, maxInFlightRequests: 10 });\n";
  const shape = (t: typeof import('typescript')) => {
    const sf = t.createSourceFile('a.ts', text, t.ScriptTarget.Latest, true, t.ScriptKind.TS);
    const kinds: string[] = [];
    const visit = (n: import('typescript').Node): void => {
      kinds.push(`${t.SyntaxKind[n.kind]}@${n.pos}-${n.end}`);
      t.forEachChild(n, visit);
    };
    visit(sf);
    return kinds;
  };
  for (const expected of ['missing', 'used']) {
    const m = new CodeCachedModule(tsFile, cache);
    const t = m.load() as typeof import('typescript');
    assert.equal(m.state, expected);
    assert.equal(t.version, ref.version);
    assert.deepEqual(shape(t), shape(ref));
    m.saveIfNew();
  }
  // the workers' hook: the service's TypeScript loader goes through the cache (a fresh process: the
  // service in this one may have loaded the compiler already)
  const script = `
    const tc = require(${JSON.stringify(path.join(ROOT, 'server', 'out', 'pool', 'typescriptCache'))});
    const svc = require(${JSON.stringify(path.join(ROOT, 'server', 'out', 'service'))});
    tc.useTypeScriptCodeCache(${JSON.stringify(cache)});
    const r = svc.lint({ fileName: 'p.ts', text: ${JSON.stringify(text)} }, svc.DEFAULT_SETTINGS);
    tc.afterTypeScriptUse();
    process.stdout.write(JSON.stringify({ state: tc.typeScriptCodeCache().state, findings: r.findings.map((f) => f.ruleId) }));`;
  const expected = svc.lint({ fileName: 'p.ts', text }, svc.DEFAULT_SETTINGS).findings.map((f) => f.ruleId);
  assert.ok(expected.length > 0, 'the sample has findings');
  // (the key holds the process's V8 flags: the child's first run writes its own cache, the second uses it)
  for (const state of ['missing', 'used']) {
    const out = JSON.parse(require('node:child_process').execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as {
      state: string;
      findings: string[];
    };
    assert.equal(out.state, state);
    assert.deepEqual(out.findings, expected);
  }
});

test("the cache folder: the environment variable first (off: none), then the editor's folder, then the user's cache folder", () => {
  assert.equal(cacheDirFor('/editor/storage', { [CACHE_DIR_ENV]: '/x/cache' }), '/x/cache');
  assert.equal(cacheDirFor('/editor/storage', { [CACHE_DIR_ENV]: 'off' }), undefined);
  assert.equal(cacheDirFor('/editor/storage', { [CACHE_DIR_ENV]: '' }), undefined);
  assert.equal(cacheDirFor('/editor/storage', {}), '/editor/storage');
  if (process.platform === 'linux') {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }), path.join('/xdg', 'kafka-idempotence-lint'));
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }), path.join(os.homedir(), '.cache', 'kafka-idempotence-lint'));
    assert.equal(defaultCacheDir({}), path.join(os.homedir(), '.cache', 'kafka-idempotence-lint'));
  }
});

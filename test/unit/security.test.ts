/**
 * Security (issue 7): nothing from the workspace is executed and nothing talks to the network.
 * Scans server/src and client/src (every .ts) for eval, new Function, non-literal require/import(),
 * child_process and network modules; the pure service (server/src/service) may not import fs
 * either. Hits outside ALLOW fail the test.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../support/service';

/**
 * `relative/path.ts: pattern-name` entries that are reviewed and allowed. The lint worker pool runs
 * this package's own bundled worker scripts (dist/cliWorker.js, dist/serverWorker.js: paths next to
 * the running bundle, never from the workspace) in worker threads, so that a stuck lint can be
 * stopped; no workspace content is ever executed there. The TypeScript compiler's code cache
 * (pool/codeCache.ts) compiles this package's own dist/typescript.js (resolved next to the running
 * bundle) with vm.Script and V8's cached data, or requires it by that path when there is no cache.
 */
const ALLOW = new Set<string>([
  'server/src/pool/workerPool.ts: child_process / worker / vm',
  'server/src/pool/serve.ts: child_process / worker / vm',
  'server/src/pool/codeCache.ts: child_process / worker / vm',
  'server/src/pool/codeCache.ts: dynamic require',
]);

interface Pattern {
  name: string;
  re: RegExp;
  /** Only under this directory (relative to ROOT). */
  under?: string;
}

const MODULE = (names: string) =>
  new RegExp(`(?:from\\s*|require\\s*\\(\\s*|import\\s*\\(\\s*|import\\s+)['"](?:node:)?(?:${names})(?:/[^'"]*)?['"]`);

const PATTERNS: Pattern[] = [
  { name: 'eval', re: /(?<![\w$.])eval\s*\(/ },
  { name: 'new Function', re: /\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(\s*['"`]/ },
  { name: 'dynamic require', re: /(?<![\w$.])require\s*\(\s*(?!['"][^'"]*['"]\s*\))/ },
  { name: 'dynamic import', re: /(?<![\w$.])import\s*\(\s*(?!['"][^'"]*['"]\s*\))/ },
  { name: 'child_process / worker / vm', re: MODULE('child_process|worker_threads|vm|cluster') },
  { name: 'network', re: MODULE('http|https|http2|net|tls|dgram|dns|undici') },
  { name: 'fetch / WebSocket', re: /(?<![\w$.])(?:fetch|WebSocket|XMLHttpRequest)\s*\(/ },
  { name: 'fs in the pure service', re: MODULE('fs|fs/promises'), under: path.join('server', 'src', 'service') },
];

function tsFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Removes comments and string contents (keeps the quotes) so prose cannot trigger a pattern. */
export function stripCommentsAndStrings(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
      out += ' ';
    } else if (c === '"' || c === "'" || c === '`') {
      // keep short string literals after require/import/from (module names), blank other contents
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      const lit = src.slice(i, j + 1);
      const moduleName = /(?:from|require\s*\(|import\s*\(|import)\s*$/.test(out);
      out += moduleName ? lit : c + ' '.repeat(Math.max(0, lit.length - 2)) + c;
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function scan(): string[] {
  const hits: string[] = [];
  for (const dir of ['server/src', 'client/src']) {
    for (const file of tsFiles(path.join(ROOT, dir))) {
      const rel = path.relative(ROOT, file);
      const code = stripCommentsAndStrings(readFileSync(file, 'utf8'));
      for (const p of PATTERNS) {
        if (p.under && !rel.startsWith(p.under + path.sep)) continue;
        if (p.re.test(code) && !ALLOW.has(`${rel}: ${p.name}`)) hits.push(`${rel}: ${p.name}`);
      }
    }
  }
  return hits;
}

test('the scanner finds what it must and ignores comments and strings', () => {
  const bad = [
    'eval(code)',
    "new Function('return 1')",
    'require(name)',
    'import(userPath)',
    "import { exec } from 'child_process'",
    "import * as https from 'node:https'",
    "const net = require('net')",
    'fetch(url)',
  ];
  for (const b of bad) {
    const code = stripCommentsAndStrings(b);
    assert.ok(
      PATTERNS.some((p) => !p.under && p.re.test(code)),
      b,
    );
  }
  const fine = [
    '// eval(x)',
    "const s = 'eval(x) require(y)';",
    "import { x } from './eval'",
    "require('./literal')",
    'const o = { evaluate(x) {} }; o.evaluate(1)',
  ];
  for (const f of fine) {
    const code = stripCommentsAndStrings(f);
    assert.ok(!PATTERNS.some((p) => !p.under && p.re.test(code)), f);
  }
  assert.ok(MODULE('fs|fs/promises').test(stripCommentsAndStrings("import { readFileSync } from 'node:fs'")));
});

test('no eval, dynamic code loading, subprocesses or network in server/src and client/src; no fs in the service', () => {
  const files = tsFiles(path.join(ROOT, 'server', 'src'));
  assert.ok(files.length > 5, 'scanned nothing');
  assert.deepEqual(scan(), []);
});

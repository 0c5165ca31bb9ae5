// `npm test`: builds (incrementally), then runs every suite. Suites that need
// system packages provision them first (see test/setup/provision.mjs).
//   node scripts/test.mjs            all suites
//   node scripts/test.mjs unit cli   only those suites
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { provision } from '../test/setup/provision.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

function testFiles(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const name of readdirSync(abs).sort()) {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(join(dir, name)));
    else if (name.endsWith('.test.js')) out.push(join(dir, name));
  }
  return out;
}

/** Each suite: what it needs from the system, and its test files (compiled by tsc into test/out). */
const SUITES = {
  unit: {
    dir: 'test/out/unit',
    needs: [
      { tools: ['java', 'javac'], why: 'the java.util.Properties differential test' },
      { tools: ['gcc', 'pkgconf'], debs: ['librdkafka-dev'], why: 'the librdkafka differential test' },
      { tools: ['g++'], debs: ['librdkafka-dev'], why: 'the node-rdkafka topic-config test (librdkafka C++ API)' },
    ],
  },
  cli: { dir: 'test/out/cli' },
  protocol: { dir: 'test/out/protocol', needs: { tools: ['nvim'], why: 'the Neovim LSP client test' } },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(SUITES);

if (run('npx', ['tsc', '-b']) !== 0 || run('node', ['scripts/build.mjs']) !== 0) {
  console.error('build failed');
  process.exit(1);
}

let failed = [];
for (const name of names) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`unknown suite ${name}; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  for (const need of [suite.needs ?? []].flat()) provision(need);
  const files = testFiles(suite.dir);
  if (files.length === 0) {
    console.error(`suite ${name}: no test files in ${suite.dir}`);
    failed.push(name);
    continue;
  }
  console.log(`\n=== suite ${name}: ${files.length} file(s) ===`);
  const status = run(process.execPath, ['--test', '--test-reporter=spec', ...files]);
  if (status !== 0) failed.push(name);
}
if (failed.length) {
  console.error(`\nfailed suites: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nall suites passed');

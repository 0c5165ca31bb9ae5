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

/** The real editor: code-server (npm, own lockfile, in .cache/) + Debian's Chromium, rg and gssapi headers for its build. */
const REAL_EDITOR = {
  debs: ['chromium', 'ripgrep', 'libkrb5-dev'],
  npmHost: { from: 'test/vscode/code-server', into: '.cache/code-server' },
  why: "the tests in code-server's VS Code",
};

/**
 * Each suite: what it needs from the system, and either its test files (compiled by tsc into
 * test/out, run with node --test) or a `command` of its own. `before` runs first (e.g. packaging).
 */
const SUITES = {
  // ESLint (zero warnings) and Prettier's check: `npm run lint`
  lint: { command: ['npm', 'run', 'lint'] },
  unit: {
    dir: 'test/out/unit',
    needs: [
      { tools: ['java', 'javac'], why: 'the java.util.Properties differential test' },
      { tools: ['gcc', 'pkgconf'], debs: ['librdkafka-dev'], why: 'the librdkafka differential test' },
      { tools: ['g++'], debs: ['librdkafka-dev'], why: 'the node-rdkafka topic-config test (librdkafka C++ API)' },
    ],
  },
  cli: { dir: 'test/out/cli' },
  // the real Java implementations (kafka-clients 4.x, Streams, Connect...) against the linter; Maven resolves
  // their jars into .cache/m2 on the first run (test/oracles/README.md)
  oracles: { dir: 'test/out/oracles', needs: { tools: ['java', 'javac', 'mvn'], why: 'the Java oracles (test/oracles)' } },
  bench: { dir: 'test/out/bench' },
  protocol: { dir: 'test/out/protocol', needs: { tools: ['nvim'], why: 'the Neovim LSP client test' } },
  package: { before: ['npm', 'run', 'package'], dir: 'test/out/package' },
  vscode: { command: ['node', 'test/vscode/runners/integration.mjs'], needs: REAL_EDITOR },
  ui: { command: ['node', 'test/vscode/runners/ui.mjs'], needs: REAL_EDITOR },
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
  const t0 = Date.now();
  const took = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  if (suite.before && run(suite.before[0], suite.before.slice(1)) !== 0) {
    console.error(`suite ${name}: ${suite.before.join(' ')} failed`);
    failed.push(name);
    continue;
  }
  if (suite.command) {
    console.log(`\n=== suite ${name}: ${suite.command.join(' ')} ===`);
    if (run(suite.command[0], suite.command.slice(1)) !== 0) failed.push(name);
    console.log(`=== suite ${name}: ${took()}`);
    continue;
  }
  const files = testFiles(suite.dir);
  if (files.length === 0) {
    console.error(`suite ${name}: no test files in ${suite.dir}`);
    failed.push(name);
    continue;
  }
  console.log(`\n=== suite ${name}: ${files.length} file(s) ===`);
  const status = run(process.execPath, ['--test', '--test-reporter=spec', ...files]);
  if (status !== 0) failed.push(name);
  console.log(`=== suite ${name}: ${took()}`);
}
if (failed.length) {
  console.error(`\nfailed suites: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nall suites passed');

// `npm run fuzz -- --runs N [--seed S]`: the properties of test/unit/fuzz.test.ts with N cases in
// total, shared out in proportion to their CI budgets. Builds first (server + test projects).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg('runs') ?? 100000);
const seed = arg('seed') !== undefined ? Number(arg('seed')) : undefined;
if (spawnSync('npx', ['tsc', '-b', 'server', 'test'], { stdio: 'inherit' }).status !== 0) process.exit(1);

const require = createRequire(import.meta.url);
const fc = require('fast-check');
const { fuzzProperties, allSeeds } = require('../test/out/support/fuzz.js');
const seeds = allSeeds();
const props = fuzzProperties(seeds);
const total = props.reduce((n, p) => n + p.ciRuns, 0);
console.log(`fuzz: ${runs} cases over ${props.length} properties, ${seeds.length} seeds`);
const t0 = Date.now();
let failed = 0;
for (const p of props) {
  const n = Math.max(1, Math.round((runs * p.ciRuns) / total));
  const t = Date.now();
  const details = fc.check(p.property(), { numRuns: n, seed });
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (details.failed) {
    failed++;
    console.log(`FAIL ${p.name}: ${n} cases, ${secs} s\n${fc.defaultReportMessage(details)}`);
  } else {
    console.log(`ok   ${p.name}: ${details.numRuns} cases, ${secs} s (seed ${details.seed})`);
  }
}
console.log(
  `fuzz: ${failed ? `${failed} propert${failed > 1 ? 'ies' : 'y'} failed` : 'all passed'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
process.exit(failed ? 1 : 0);

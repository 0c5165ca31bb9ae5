// `npm run oracles`: builds (incrementally), makes sure java, javac and mvn are there (as root: Debian's
// default-jdk-headless and maven), then runs every Java oracle at full size (test/oracles/run.ts) and writes
// .cache/oracles/summary.json. Flags go through:
//   npm run oracles -- --oracle 'kafka-clients 4.4.0' --seed 7 --count 200
//   npm run oracles -- --list
import { spawnSync } from 'node:child_process';
import { provision } from '../test/setup/provision.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
if (run('npx', ['tsc', '-b']) !== 0 || run('node', ['scripts/build.mjs']) !== 0) {
  console.error('build failed');
  process.exit(1);
}
provision({ tools: ['java', 'javac', 'mvn'], why: 'the Java oracles (test/oracles)' });
process.exit(run(process.execPath, ['test/out/oracles/run.js', ...process.argv.slice(2)]));

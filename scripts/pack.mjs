// `npm pack` / `npm publish` hooks (package.json: prepack, postpack).
//
//   prepack:  builds the production bundles (the package ships dist/cli.js, dist/cliWorker.js and
//             dist/typescript.js, see .npmignore), then takes the `prepare` script out of package.json
//             for the time of packing, so the packed manifest has no script that runs on install.
//             (`prepare` builds a clone on `npm install`; npm counts it as an install script of a
//             package installed from a tarball, and warns about it under allowScripts.)
//   postpack: puts package.json back, byte for byte.
//
// npm reads package.json again after prepack, so `prepare` does not run during the pack either.
// If a pack fails between the two, package.json stays without `prepare` and the original waits in
// package.json.prepack; the next prepack refuses to run until it is moved back.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const manifest = `${root}package.json`;
const saved = `${root}package.json.prepack`;

function run(cmd, args) {
  // npm puts node_modules/.bin on the PATH of lifecycle scripts
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`pack: ${cmd} ${args.join(' ')} failed${r.error ? `: ${r.error.message}` : ''}`);
    process.exit(1);
  }
}

const step = process.argv[2];
if (step === 'prepack') {
  if (existsSync(saved)) {
    console.error(`pack: ${saved} is left from a pack that failed: move it back to package.json first`);
    process.exit(1);
  }
  run('tsc', ['-b']);
  run('node', ['scripts/build.mjs', '--production']);
  const text = readFileSync(manifest, 'utf8');
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(saved, text);
  writeFileSync(manifest, JSON.stringify(pkg, null, 2) + '\n');
} else if (step === 'postpack') {
  if (existsSync(saved)) renameSync(saved, manifest);
} else {
  console.error('usage: node scripts/pack.mjs prepack|postpack');
  process.exit(2);
}

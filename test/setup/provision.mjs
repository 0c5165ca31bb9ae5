// Makes sure the system tools a suite needs are on the machine.
// As root it installs the missing Debian packages with apt-get; otherwise it
// names them and fails. A suite is never skipped silently.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** tool (command on PATH) → Debian package that provides it */
export const TOOLS = {
  java: 'default-jdk-headless',
  javac: 'default-jdk-headless',
  mvn: 'maven',
  nvim: 'neovim',
  gcc: 'gcc',
  pkgconf: 'pkgconf',
};

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const hasDeb = (pkg) => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');

let updated = false;
function aptInstall(pkgs) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    updated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
}

/**
 * @param {{ tools?: string[], debs?: string[], npmHost?: { from: string, into: string }, why: string }} need
 *   npmHost: a folder with its own package.json + package-lock.json (never the extension's), installed
 *   with `npm ci` into the cache folder `into` (gitignored) after the Debian packages.
 */
export function provision({ tools = [], debs = [], npmHost, why }) {
  provisionDebs({ tools, debs, why });
  if (npmHost) provisionNpmHost(npmHost, why);
}

function provisionDebs({ tools, debs, why }) {
  const missing = new Set();
  for (const t of tools) if (!has(t)) missing.add(TOOLS[t] ?? t);
  for (const d of debs) if (!hasDeb(d)) missing.add(d);
  if (missing.size === 0) return;
  const list = [...missing];
  if (process.getuid && process.getuid() === 0) {
    console.log(`[provision] ${why}: installing ${list.join(' ')} with apt-get`);
    aptInstall(list);
    return;
  }
  throw new Error(`${why} needs these Debian packages: ${list.join(' ')}\n  install them with: sudo apt-get install ${list.join(' ')}`);
}

/**
 * `npm ci` of a standalone package folder into a cache folder, once per lockfile: a marker holds
 * the hash of package.json + package-lock.json, so a changed lockfile reinstalls.
 */
function provisionNpmHost({ from, into: intoRel }, why) {
  const into = resolve(intoRel); // absolute: TMPDIR below must be absolute for the postinstall scripts
  const lock = readFileSync(join(from, 'package-lock.json'));
  const hash = createHash('sha256')
    .update(readFileSync(join(from, 'package.json')))
    .update(lock)
    .digest('hex');
  const marker = join(into, '.provisioned');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash) return;
  console.log(`[provision] ${why}: npm ci in ${into} (from ${from}; takes a minute or two, once)`);
  const t0 = Date.now();
  rmSync(into, { recursive: true, force: true });
  const tmp = join(into, 'tmp');
  mkdirSync(tmp, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(from, f), join(into, f));
  seedRipgrepCache(JSON.parse(lock.toString('utf8')), tmp);
  const env = {
    ...process.env,
    TMPDIR: tmp,
    // code-server's postinstall refuses to run as root under npm without it
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall runs `npx node-gyp`, which must not stop to ask
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  const r = spawnSync('npm', ['ci', '--foreground-scripts', '--no-fund', '--no-audit'], { cwd: into, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${why}: npm ci in ${into} failed (exit ${r.status})`);
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(marker, `${hash}\n`);
  console.log(`[provision] ${into} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/**
 * @vscode/ripgrep's postinstall downloads `rg` from GitHub unless its download cache
 * (os.tmpdir()/vscode-ripgrep-cache-<package version>) already holds the release tarball.
 * Seed it with Debian's rg (package ripgrep), so the install needs only the npm registry.
 * code-server's postinstall installs VS Code's own dependencies from its bundled lockfile, so the
 * @vscode/ripgrep version is not in ours: the known versions are seeded, plus any our lockfile names.
 */
const RIPGREP_TARBALL = {
  // @vscode/ripgrep version → the rg release its postinstall fetches (lib/postinstall.js: VERSION)
  '1.15.11': 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz', // code-server 4.100.x (VS Code 1.100)
};
function seedRipgrepCache(lockfile, tmp) {
  const versions = new Set(Object.keys(RIPGREP_TARBALL));
  for (const [path, pkg] of Object.entries(lockfile.packages ?? {})) {
    if (path.endsWith('node_modules/@vscode/ripgrep') && pkg.version) versions.add(pkg.version);
  }
  for (const v of versions) {
    const tarball = RIPGREP_TARBALL[v];
    if (!tarball)
      throw new Error(`@vscode/ripgrep ${v}: unknown release tarball name; add it to RIPGREP_TARBALL in test/setup/provision.mjs`);
    const dir = join(tmp, `vscode-ripgrep-cache-${v}`);
    mkdirSync(dir, { recursive: true });
    copyFileSync('/usr/bin/rg', join(dir, 'rg'));
    execFileSync('tar', ['czf', tarball, 'rg'], { cwd: dir });
    rmSync(join(dir, 'rg'));
  }
}

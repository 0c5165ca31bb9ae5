// Makes sure the system tools a suite needs are on the machine.
// As root it installs the missing Debian packages with apt-get; otherwise it
// names them and fails. A suite is never skipped silently.
import { execFileSync, spawnSync } from 'node:child_process';

/** tool (command on PATH) → Debian package that provides it */
export const TOOLS = {
  java: 'default-jdk-headless',
  javac: 'default-jdk-headless',
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
 * @param {{ tools?: string[], debs?: string[], why: string }} need
 */
export function provision({ tools = [], debs = [], why }) {
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

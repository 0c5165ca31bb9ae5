// Bench-only tools (yaml-language-server, eslint, @typescript-eslint/parser) live in
// bench/package.json with their own lockfile. They are installed on demand with `npm ci`
// into .cache/bench/ (gitignored), so the extension's own dependencies never grow.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export function benchDeps(root, log) {
  const cache = join(root, '.cache', 'bench');
  const lock = readFileSync(join(root, 'bench', 'package-lock.json'));
  const stamp = createHash('sha256')
    .update(lock)
    .update(readFileSync(join(root, 'bench', 'package.json')))
    .digest('hex');
  const stampFile = join(cache, '.installed');
  const dir = join(cache, 'node_modules');
  const ready = () => existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (!ready()) {
    mkdirSync(cache, { recursive: true });
    copyFileSync(join(root, 'bench', 'package.json'), join(cache, 'package.json'));
    copyFileSync(join(root, 'bench', 'package-lock.json'), join(cache, 'package-lock.json'));
    log(`installing bench-only tools into ${cache} (npm ci) ...`);
    const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: cache,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) {
      log('npm ci failed: the comparisons with yaml-language-server and eslint are reported as n/a');
      return {};
    }
    writeFileSync(stampFile, stamp);
  }
  const has = (p) => (existsSync(join(dir, p)) ? join(dir, p) : undefined);
  return {
    yamlLanguageServer: has('yaml-language-server/bin/yaml-language-server'),
    eslint: has('eslint/bin/eslint.js'),
    tsParser: has('@typescript-eslint/parser/dist/index.js'),
  };
}

// `npm run audit:prod`: `npm audit`, restricted to the code that ships. The .vsix and the npm package
// hold self-contained esbuild bundles, so every package is a devDependency and `npm audit --omit=dev`
// would check nothing; what ships is what server/src and client/src import (type-only imports
// aside), with everything those packages depend on, as package-lock.json resolves it. Fails (exit 1)
// on a high or critical advisory in one of them; needs the registry, so it is not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const LEVELS = ['info', 'low', 'moderate', 'high', 'critical'];
const minimum = 'high';

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Package names that the bundles import. */
const imported = new Set();
for (const file of [...sources(join(root, 'server/src')), ...sources(join(root, 'client/src'))]) {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...[...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+'([^']+)'/gm)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*import\s+'([^']+)'/gm)].map((m) => m[1]),
    ...[...text.matchAll(/\brequire\('([^']+)'\)/g)].map((m) => m[1]),
  ];
  for (const spec of specs) {
    if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec) || spec === 'vscode') continue;
    imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
}

/** Their install locations in package-lock.json, with everything they depend on. */
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages;
function locate(name, from) {
  for (let at = from; ; at = at.includes('/node_modules/') ? at.slice(0, at.lastIndexOf('/node_modules/')) : '') {
    const p = at ? `${at}/node_modules/${name}` : `node_modules/${name}`;
    if (lock[p]) return p;
    if (!at) return undefined;
  }
}
const shipped = new Set();
const queue = [...imported].map((name) => {
  const p = locate(name, '');
  if (!p) throw new Error(`${name} is imported but not in package-lock.json`);
  return p;
});
while (queue.length) {
  const p = queue.pop();
  if (shipped.has(p)) continue;
  shipped.add(p);
  const entry = lock[p];
  for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
    const q = locate(name, p);
    if (q) queue.push(q);
  }
}

const r = spawnSync('npm', ['audit', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  console.error(`npm audit gave no report (exit ${r.status}):\n${r.stderr}`);
  process.exit(2);
}
if (report.error) {
  console.error(`npm audit failed: ${report.error.summary || report.message || JSON.stringify(report.error)}`);
  process.exit(2);
}
const found = Object.values(report.vulnerabilities ?? {}).filter(
  (v) => v.nodes.some((n) => shipped.has(n)) && LEVELS.indexOf(v.severity) >= LEVELS.indexOf(minimum),
);
console.log(`audited ${shipped.size} shipped packages (imported: ${[...imported].sort().join(', ')})`);
for (const v of found) {
  const why = v.via.map((x) => (typeof x === 'string' ? x : `${x.title} ${x.url}`)).join('; ');
  console.log(`${v.severity}: ${v.name} ${v.range} (${v.nodes.join(', ')}): ${why}`);
}
if (found.length > 0) process.exit(1);
console.log(`no ${minimum} or critical advisory in them`);

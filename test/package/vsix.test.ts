/**
 * What the packaged extension contains (`npm run package` → kafka-idempotence-lint-<version>.vsix,
 * built by the `package` suite's `before` step): the bundles, the grammar, README, LICENSE,
 * CHANGELOG and the manifest — no sources, no source maps, no node_modules, no tests.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { listZip, readZipEntry } from '../support/zip';
import { ROOT } from '../support';

const root = ROOT;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsixPath = path.join(root, `${pkg.name}-${pkg.version}.vsix`);

function load() {
  assert.ok(existsSync(vsixPath), `${vsixPath} exists (npm run package)`);
  const buf = readFileSync(vsixPath);
  const entries = listZip(buf);
  const read = (name: string) => {
    const e = entries.find((x) => x.name === name);
    assert.ok(e, `${name} in the .vsix`);
    return readZipEntry(buf, e).toString('utf8');
  };
  return { names: entries.map((e) => e.name).sort(), read };
}

test('the .vsix holds exactly the bundles, the grammar, the icon, README, LICENSE, CHANGELOG and the manifests', () => {
  const { names } = load();
  assert.deepEqual(names, [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/LICENSE.txt',
    'extension/changelog.md',
    'extension/dist/client.js',
    'extension/dist/server.js',
    'extension/dist/serverWorker.js',
    'extension/dist/tree-sitter-java.wasm',
    'extension/dist/typescript.js',
    'extension/dist/web-tree-sitter.wasm',
    'extension/media/icon.png',
    'extension/package.json',
    'extension/readme.md',
    'extension/syntaxes/kafka-idempotence-directives.tmLanguage.json',
  ]);
  for (const n of names) {
    assert.doesNotMatch(n, /node_modules|\.ts$|\.map$|(^|\/)(src|test|out)\//, n);
  }
});

test('the packaged manifest points at files that are in the .vsix', () => {
  const { names, read } = load();
  const manifest = JSON.parse(read('extension/package.json'));
  assert.equal(manifest.name, pkg.name);
  assert.equal(manifest.version, pkg.version);
  assert.equal(manifest.license, 'MIT');
  assert.ok(manifest.repository?.url, 'repository');
  assert.ok(names.includes(`extension/${path.posix.normalize(manifest.main)}`), `main ${manifest.main}`);
  assert.ok(manifest.contributes.grammars.length > 0);
  for (const g of manifest.contributes.grammars) {
    assert.ok(names.includes(`extension/${path.posix.normalize(g.path)}`), `grammar ${g.path}`);
    const grammar = JSON.parse(read(`extension/${path.posix.normalize(g.path)}`));
    assert.equal(grammar.scopeName, g.scopeName);
  }
  assert.match(read('extension.vsixmanifest'), new RegExp(`Id="${pkg.name}"[^>]*Version="${pkg.version.replace(/\./g, '\\.')}"`));
});

test('Marketplace and Open VSX metadata: a 128 × 128 PNG icon, gallery banner, categories, keywords, links', () => {
  const { names, read } = load();
  const manifest = JSON.parse(read('extension/package.json'));
  assert.ok(names.includes(`extension/${path.posix.normalize(manifest.icon)}`), `icon ${manifest.icon}`);
  const entries = listZip(readFileSync(vsixPath));
  const png = readZipEntry(
    readFileSync(vsixPath),
    entries.find((e) => e.name === `extension/${path.posix.normalize(manifest.icon)}`)!,
  );
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], '128 × 128');
  assert.ok(existsSync(path.join(root, 'media', 'icon.svg')), 'the source the PNG is rendered from (scripts/render-icon.mjs)');
  assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme));
  assert.ok(manifest.categories.includes('Linters'));
  assert.ok(manifest.keywords.length >= 5 && manifest.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
  for (const k of ['kafka', 'idempotence']) assert.ok(manifest.keywords.includes(k), k);
  assert.match(manifest.homepage, /^https:\/\//);
  assert.match(manifest.bugs?.url, /^https:\/\/.*\/issues$/);
  const vsixManifest = read('extension.vsixmanifest');
  assert.match(vsixManifest, /<Icon>extension\/media\/icon\.png<\/Icon>/);
  assert.match(vsixManifest, /Microsoft\.VisualStudio\.Services\.Branding\.Color" Value="#[0-9a-fA-F]{6}"/);
  assert.match(vsixManifest, /<Categories>Linters<\/Categories>/);
});

test('the bundles are self-contained: only vscode, Node built-ins and the lazily loaded TypeScript compiler next to them', () => {
  const { read, names } = load();
  assert.ok(names.includes('extension/dist/typescript.js'), 'the server loads ./typescript.js on the first TS/JS file');
  // the server starts its lint workers from the file next to it
  assert.match(read('extension/dist/server.js'), /serverWorker\.js/);
  // the Java parser's WebAssembly, which the lint workers read from next to their bundle on their first .java
  // file (server/src/javaParser.ts); the main thread never loads it
  for (const wasm of ['web-tree-sitter.wasm', 'tree-sitter-java.wasm']) {
    assert.ok(names.includes(`extension/dist/${wasm}`), wasm);
    assert.match(read('extension/dist/serverWorker.js'), new RegExp(wasm.replace(/\./g, '\\.')), `serverWorker.js names ${wasm}`);
    assert.doesNotMatch(read('extension/dist/server.js'), new RegExp(wasm.replace(/\./g, '\\.')), `server.js does not name ${wasm}`);
  }
  // web-tree-sitter's CommonJS build is bundled (its ES module build needs import.meta.url, which the bundle lacks)
  assert.doesNotMatch(read('extension/dist/serverWorker.js'), /import_meta\.url/);
  const builtins = new Set(require('node:module').builtinModules as string[]);
  for (const [file, allowed] of [
    ['extension/dist/client.js', ['vscode']],
    ['extension/dist/server.js', ['./typescript.js']],
    ['extension/dist/serverWorker.js', ['./typescript.js']],
  ] as const) {
    const js = read(file);
    const required = new Set([...js.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
    const foreign = [...required].filter((m) => !builtins.has(m.replace(/^node:/, '')) && !(allowed as readonly string[]).includes(m));
    assert.deepEqual(foreign, [], `${file} requires only built-ins${allowed.length ? ` and ${allowed.join(', ')}` : ''}`);
    assert.doesNotMatch(js, /sourceMappingURL/, `${file}: production bundle without source map`);
  }
});

test('README in the .vsix tells how to install it', () => {
  const { read } = load();
  assert.match(read('extension/readme.md'), new RegExp(`code --install-extension ${pkg.name}-${pkg.version.replace(/\./g, '\\.')}\\.vsix`));
});

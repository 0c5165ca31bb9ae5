/**
 * The protocol module (server/src/lsp/protocol.ts) is the one source of the names the VS Code client
 * and the language server share. The client imports it, so its bundle must take that file and nothing
 * else of the server; package.json cannot import TypeScript, so its activation events, commands and
 * settings are held to the module here; and the files the client watches must cover every file the
 * server reads settings from.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { load, ROOT } from '../support';

const P = load('lsp/protocol');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { commands: Array<{ command: string }>; configuration: { properties: Record<string, unknown> } };
};

test('package.json activates on exactly the languages the client hands to the server, and on the Kafka Producers view', () => {
  assert.deepEqual(pkg.activationEvents, [...P.LANGUAGE_IDS.map((id) => `onLanguage:${id}`), `onView:${P.PRODUCERS_VIEW_ID}`]);
  assert.deepEqual(
    P.DOCUMENT_SELECTOR,
    P.DOCUMENT_SCHEMES.flatMap((scheme) => P.LANGUAGE_IDS.map((language) => ({ scheme, language }))),
  );
});

test("package.json contributes the client's commands; openDocs is run by the client, not contributed", () => {
  assert.deepEqual(
    pkg.contributes.commands.map((c) => c.command),
    [P.RESTART_SERVER_COMMAND, P.SHOW_OUTPUT_COMMAND, P.REFRESH_PRODUCERS_COMMAND, P.SHOW_PRODUCER_CONFIGURATION_COMMAND],
  );
  assert.ok(!pkg.contributes.commands.some((c) => c.command === P.OPEN_DOCS_COMMAND));
  assert.ok(
    (pkg as unknown as { contributes: { views: { explorer: Array<{ id: string }> } } }).contributes.views.explorer.some(
      (v) => v.id === P.PRODUCERS_VIEW_ID,
    ),
  );
  for (const name of [
    P.RESTART_SERVER_COMMAND,
    P.SHOW_OUTPUT_COMMAND,
    P.REFRESH_PRODUCERS_COMMAND,
    P.SHOW_PRODUCER_CONFIGURATION_COMMAND,
    P.SHOW_EFFECTIVE_COMMAND,
    P.OPEN_DOCS_COMMAND,
    P.STATUS_ITEM_ID,
    P.PRODUCERS_VIEW_ID,
  ]) {
    assert.ok(name.startsWith(`${P.CLIENT_ID}.`), name);
  }
});

test("package.json's settings are the section the server reads, with the client's trace setting", () => {
  const keys = Object.keys(pkg.contributes.configuration.properties);
  assert.equal(P.SETTINGS_SECTION, P.CLIENT_ID);
  for (const k of keys) assert.ok(k.startsWith(`${P.SETTINGS_SECTION}.`), k);
  // vscode-languageclient reads `<client id>.trace.server`
  assert.ok(keys.includes(`${P.CLIENT_ID}.trace.server`));
  // every setting the server reads (lsp/settings.ts) is contributed
  const read = load('lsp/settings').readLintSettings({ enable: true, kafkaClientsVersion: 'auto', rules: {}, maxFileSize: 1 });
  assert.deepEqual(read.problems, []);
  for (const k of ['enable', 'kafkaClientsVersion', 'rules', 'maxFileSize']) assert.ok(keys.includes(`${P.SETTINGS_SECTION}.${k}`), k);
});

/** The names a `**\/{a,b,c}` or `**\/.x.{json,yaml}` glob matches (its one brace group expanded). */
function namesOf(glob: string): string[] {
  const m = /^\*\*\/(.*)\{([^}]*)\}(.*)$/.exec(glob);
  assert.ok(m, glob);
  return m[2].split(',').map((alt) => `${m[1]}${alt}${m[3]}`);
}

test('the client watches every file the server reads settings or versions from', () => {
  const watched = new Set(P.WATCHED_FILE_GLOBS.flatMap(namesOf));
  const { BUILD_FILES, SETTINGS_FILES } = load('config/buildVersion');
  const read = [...load('service').CONFIG_FILE_NAMES, ...BUILD_FILES.map((f) => path.basename(f)), ...SETTINGS_FILES, 'gradle.properties'];
  for (const name of read) assert.ok(watched.has(name), `${name} is read but not watched`);
  for (const name of watched) assert.ok(read.includes(name), `${name} is watched but never read`);
});

test("the server's Node flags (the client, bench/run.mjs and the protocol tests start it with them): Node options", () => {
  assert.ok(P.SERVER_FLAGS.length > 0);
  for (const f of P.SERVER_FLAGS) assert.match(f, /^--[a-z-]+(=\S+)?$/);
});

test('the client bundle takes the protocol module and nothing else of the server', async () => {
  const r = await build({
    entryPoints: [path.join(ROOT, 'client', 'src', 'extension.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const ours = Object.keys(r.metafile.inputs)
    .map((p) => path.relative(ROOT, path.resolve(ROOT, p)))
    .filter((p) => !p.split(path.sep).includes('node_modules'))
    .sort();
  assert.ok(ours.includes(path.join('client', 'src', 'extension.ts')));
  assert.deepEqual(
    ours.filter((p) => !p.startsWith(path.join('client', 'src') + path.sep)),
    [path.join('server', 'src', 'lsp', 'protocol.ts')],
  );
});

test('the protocol module imports nothing at run time', () => {
  const text = readFileSync(path.join(ROOT, 'server', 'src', 'lsp', 'protocol.ts'), 'utf8');
  const imports = [...text.matchAll(/^import\s+(type\s+)?[^;]*from\s+'([^']+)'/gm)];
  assert.ok(imports.length > 0);
  for (const m of imports) assert.ok(m[1], `a run-time import of ${m[2]}: the client bundle would take it`);
  assert.doesNotMatch(text, /\brequire\(|\bimport\(/);
});

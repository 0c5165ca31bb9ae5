/**
 * The command-line linter as an npm package: `npm pack` (which runs `prepare`: the production
 * bundles) gives a tarball that holds the launcher and the self-contained bundles and nothing else,
 * declares no dependencies and no install scripts, and installs and runs with no repository around
 * it — installed globally into a temporary prefix and into a temporary project (`npx`), offline.
 */
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

let tmp = '';
let tarball = '';
let packed: Array<{ path: string; size: number }> = [];

/** npm's own variables from the `npm test` that started this are left out: the install must not see this repository. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'COLUMNS') env[k] = v;
  return { ...env, ...extra };
}

function run(cmd: string, args: string[], cwd: string, env = cleanEnv()): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60 * 1000 });
  if (r.error) throw r.error;
  return r;
}

let manifestBefore = '';
let manifestAfter = '';

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kil-tarball-'));
  manifestBefore = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const r = run('npm', ['pack', '--json', '--pack-destination', tmp], root, { ...process.env, npm_config_loglevel: 'warn' });
  manifestAfter = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  assert.equal(r.status, 0, r.stderr);
  // `prepare` prints the build's output before npm's JSON
  const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[\n'))) as Array<{
    filename: string;
    files: Array<{ path: string; size: number }>;
  }>;
  tarball = path.join(tmp, info[0].filename);
  packed = info[0].files;
  assert.ok(fs.existsSync(tarball), tarball);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds the launcher, the CLI bundles, the manifest, README, LICENSE and CHANGELOG', () => {
  assert.equal(path.basename(tarball), `${pkg.name}-${pkg.version}.tgz`);
  assert.deepEqual(packed.map((f) => f.path).sort(), [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'bin/kafka-idempotence-lint.js',
    'dist/cli.js',
    'dist/cliWorker.js',
    'dist/tree-sitter-java.wasm',
    'dist/typescript.js',
    'dist/web-tree-sitter.wasm',
    'package.json',
  ]);
  // the production bundles (prepare builds them for `npm pack`): minified, no source map comment
  const cli = fs.readFileSync(path.join(root, 'dist', 'cli.js'), 'utf8');
  assert.doesNotMatch(cli, /sourceMappingURL/);
  assert.equal(packed.find((f) => f.path === 'dist/cli.js')?.size, Buffer.byteLength(cli));
});

test('its manifest has no dependencies and no install scripts, and says where it comes from', () => {
  const r = run('tar', ['-xzOf', tarball, 'package/package.json'], tmp);
  assert.equal(r.status, 0, r.stderr);
  const manifest = JSON.parse(r.stdout) as Record<string, unknown> & { scripts: Record<string, string>; bin: Record<string, string> };
  assert.equal(manifest.dependencies, undefined, 'the bundles are self-contained: nothing to install with them');
  // prepare builds a clone; npm counts it as an install script of a package from a tarball (scripts/pack.mjs takes it out)
  for (const s of ['preinstall', 'install', 'postinstall', 'prepare'])
    assert.equal(manifest.scripts[s], undefined, `${s} would run in the user's install`);
  assert.ok((JSON.parse(manifestBefore) as { scripts: Record<string, string> }).scripts.prepare, 'the repository keeps it');
  assert.equal(manifestAfter, manifestBefore, 'package.json is put back byte for byte after packing');
  assert.ok(!fs.existsSync(path.join(root, 'package.json.prepack')));
  assert.deepEqual(manifest.bin, { 'kafka-idempotence-lint': './bin/kafka-idempotence-lint.js' });
  for (const field of ['license', 'repository', 'bugs', 'homepage', 'keywords', 'engines', 'description'])
    assert.ok(manifest[field], field);
});

function lintsHere(bin: string[], cwd: string): void {
  const help = run(bin[0], [...bin.slice(1), '--help'], cwd);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Usage: kafka-idempotence-lint /);
  const version = run(bin[0], [...bin.slice(1), '--version'], cwd);
  assert.equal(version.stdout, `${pkg.version}\n`);
  // a properties file, a TypeScript file and a Java file (the lazily loaded compiler and Java parser must be in the package)
  const project = cwd;
  fs.writeFileSync(path.join(project, 'producer.properties'), 'enable.idempotence=true\nacks=1\n');
  fs.writeFileSync(
    path.join(project, 'producer.ts'),
    "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\nexport const p = kafka.producer({ idempotent: true, retry: { retries: 0 } });\n",
  );
  fs.writeFileSync(
    path.join(project, 'Orders.java'),
    [
      'import java.util.Properties;',
      'import org.apache.kafka.clients.producer.KafkaProducer;',
      'class Orders {',
      '  KafkaProducer<String, String> make() {',
      '    Properties props = new Properties();',
      '    props.put("bootstrap.servers", "b:9092");',
      '    props.put("enable.idempotence", "true");',
      '    props.put("acks", "1");',
      '    return new KafkaProducer<>(props);',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const lint = run(bin[0], [...bin.slice(1), '--format', 'json', 'producer.properties', 'producer.ts', 'Orders.java'], project);
  assert.equal(lint.status, 1, lint.stderr);
  assert.equal(lint.stderr, '');
  const report = JSON.parse(lint.stdout) as Array<{ file: string; findings: Array<{ ruleId: string }> }>;
  assert.deepEqual(
    report.map((r) => [r.file, r.findings.map((f) => f.ruleId)]),
    [
      ['producer.properties', ['idempotence-acks-conflict']],
      ['producer.ts', ['kafkajs-idempotent-retries-zero']],
      ['Orders.java', ['idempotence-acks-conflict']],
    ],
  );
  const text = run(bin[0], [...bin.slice(1), 'producer.properties'], project);
  assert.equal(text.status, 1);
  assert.match(text.stdout, /^ {2}2:6 {2}error {2}.* {2}idempotence-acks-conflict$/m);
}

test('npm install -g --prefix <tmp> <tarball>, offline: kafka-idempotence-lint runs, with no repository around it', () => {
  const prefix = path.join(tmp, 'prefix');
  const r = run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], tmp);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, /install-scripts|allowScripts|npm warn/i);
  const bin = path.join(prefix, 'bin', 'kafka-idempotence-lint');
  assert.ok(fs.existsSync(bin), bin);
  lintsHere([bin], fs.mkdtempSync(path.join(tmp, 'project-')));
});

test('npm install -D <tarball> in a project, offline: npx kafka-idempotence-lint runs', () => {
  const project = fs.mkdtempSync(path.join(tmp, 'consumer-'));
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const r = run('npm', ['install', '-D', '--offline', '--no-audit', '--no-fund', tarball], project);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, /install-scripts|allowScripts|npm warn/i);
  lintsHere(['npx', '--no-install', 'kafka-idempotence-lint'], project);
});

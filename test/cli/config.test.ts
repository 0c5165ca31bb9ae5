/**
 * The project configuration file: found upward from each linted file (nearest wins), JSON and
 * YAML, overridden by flags, `ignore` and per-glob `client`, validation errors → exit 2 naming the
 * file and the problem; and the loader module the language server shares (mtime cache).
 */
import test, { after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACKS1, CONFLICT, cli, json, tempFolders, write } from './helpers';
import { load } from '../support';

const config = load('config/projectConfig');
const service = load('service');
const { dir, cleanup } = tempFolders('kafka-idempotence-config-');
after(cleanup);

const rulesOf = (report: ReturnType<typeof json>['report']) =>
  Object.fromEntries(report.map((r) => [r.file, r.findings.map((f) => `${f.ruleId}:${f.severity}`)]));

describe('configuration file', () => {
  test('found upward from each file; the nearest wins (no merging)', () => {
    const d = dir();
    write(d, '.kafka-idempotence.json', JSON.stringify({ rules: { 'idempotence-implicit-downgrade': 'error' } }));
    write(d, 'a/b/producer.properties', ACKS1);
    write(d, 'c/.kafka-idempotence.yaml', 'kafkaClientsVersion: "3.0.0"\n');
    write(d, 'c/d/producer.properties', ACKS1);
    write(d, 'producer.properties', ACKS1);
    const { run, report } = json(['.'], d);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(rulesOf(report), {
      'a/b/producer.properties': ['idempotence-implicit-downgrade:error'],
      // c/ has its own file: version 3.0.0, and the root file's rule severity does not apply
      'c/d/producer.properties': ['idempotence-not-on-by-default:info'],
      'producer.properties': ['idempotence-implicit-downgrade:error'],
    });
  });

  test('flags override the file: --rule, --kafka-clients-version, --client, --max-file-size', () => {
    const d = dir();
    write(
      d,
      '.kafka-idempotence.yml',
      'kafkaClientsVersion: "3.0.0"\nrules:\n  idempotence-not-on-by-default: warning\n  idempotence-implicit-downgrade: "off"\nmaxFileSize: 10\n',
    );
    write(d, 'producer.properties', ACKS1);
    // maxFileSize 10 skips the file
    const fileOnly = cli(['--verbose', 'producer.properties'], d, { COLUMNS: '300' });
    assert.equal(fileOnly.status, 0);
    assert.match(
      fileOnly.stdout,
      /1:1 {2}warning {2}File not linted: nothing in it was judged {2}file-not-linted\n {16}Not linted: \d+ (bytes|characters) is above the size limit of 10 characters /,
    );
    const bigger = json(['--max-file-size', '1000', 'producer.properties'], d);
    assert.deepEqual(rulesOf(bigger.report), { 'producer.properties': ['idempotence-not-on-by-default:warning'] });
    const rule = json(['--max-file-size', '1000', '--rule', 'idempotence-not-on-by-default=error', 'producer.properties'], d);
    assert.deepEqual(rulesOf(rule.report), { 'producer.properties': ['idempotence-not-on-by-default:error'] });
    assert.equal(rule.run.status, 1);
    // the version flag wins; the file's "off" for implicit-downgrade still applies (rules merge per rule)
    const version = json(['--max-file-size', '1000', '--kafka-clients-version', '3.9', 'producer.properties'], d);
    assert.deepEqual(rulesOf(version.report), { 'producer.properties': [] });
    const on = json(
      [
        '--max-file-size',
        '1000',
        '--kafka-clients-version',
        '3.9',
        '--rule',
        'idempotence-implicit-downgrade=default',
        'producer.properties',
      ],
      d,
    );
    assert.deepEqual(rulesOf(on.report), { 'producer.properties': ['idempotence-implicit-downgrade:warning'] });
    // --no-config ignores the file entirely
    const none = json(['--no-config', 'producer.properties'], d);
    assert.deepEqual(rulesOf(none.report), { 'producer.properties': ['idempotence-implicit-downgrade:warning'] });
  });

  test('client per glob (list and map forms; the last match wins) and --client over it', () => {
    const d = dir();
    write(
      d,
      '.kafka-idempotence.json',
      JSON.stringify({
        client: [
          { files: 'native/**', client: 'librdkafka' },
          { files: 'native/java-*.properties', client: 'java' },
        ],
      }),
    );
    write(d, 'native/producer.properties', CONFLICT);
    write(d, 'native/java-producer.properties', CONFLICT);
    write(d, 'producer.properties', CONFLICT);
    assert.deepEqual(rulesOf(json(['.'], d).report), {
      'native/java-producer.properties': ['idempotence-acks-conflict:error'],
      'native/producer.properties': ['rdk-acks-conflict:error'],
      'producer.properties': ['idempotence-acks-conflict:error'],
    });
    assert.deepEqual(rulesOf(json(['--client', 'librdkafka', '.'], d).report), {
      'native/java-producer.properties': ['rdk-acks-conflict:error'],
      'native/producer.properties': ['rdk-acks-conflict:error'],
      'producer.properties': ['rdk-acks-conflict:error'],
    });
    const m = dir();
    write(m, '.kafka-idempotence.yaml', 'client:\n  "*.properties": librdkafka\n');
    write(m, 'x/producer.properties', CONFLICT);
    assert.deepEqual(rulesOf(json(['.'], m).report), { 'x/producer.properties': ['rdk-acks-conflict:error'] });
  });

  test('ignore globs: relative to the file, gitignore syntax; an ignored file named explicitly is skipped with a warning', () => {
    const d = dir();
    write(
      d,
      'conf/.kafka-idempotence.json',
      JSON.stringify({ ignore: ['generated/', '*.test.properties', '/top.properties', '!generated/keep.properties'] }),
    );
    write(d, 'conf/generated/producer.properties', CONFLICT);
    write(d, 'conf/generated/keep.properties', CONFLICT); // a file below an ignored folder cannot be re-included (git's rule)
    write(d, 'conf/a/x.test.properties', CONFLICT);
    write(d, 'conf/top.properties', CONFLICT);
    write(d, 'conf/a/top.properties', CONFLICT);
    write(d, 'top.properties', CONFLICT); // outside conf/: the configuration does not apply
    const { run, report } = json(['.'], d);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(
      report.map((r) => r.file),
      ['conf/a/top.properties', 'top.properties'],
    );
    assert.equal(run.stderr, '');
    const explicit = json(['conf/top.properties'], d);
    assert.equal(explicit.run.status, 0);
    assert.deepEqual(explicit.report, []);
    assert.match(explicit.run.stderr, /warning: skipped conf\/top\.properties: ignored by conf\/\.kafka-idempotence\.json \("ignore"\)/);
  });

  const invalid: Array<[string, string, string, RegExp]> = [
    ['JSON syntax', '.kafka-idempotence.json', '{ "rules": ', /not valid JSON/],
    ['YAML syntax', '.kafka-idempotence.yaml', 'rules: [unclosed\n', /not valid YAML/],
    ['an unknown key', '.kafka-idempotence.json', '{ "rule": {} }', /unknown key 'rule'/],
    ['an unknown rule', '.kafka-idempotence.json', '{ "rules": { "no-such-rule": "off" } }', /'rules': unknown rule 'no-such-rule'/],
    [
      'a bad severity',
      '.kafka-idempotence.yml',
      'rules:\n  idempotence-acks-conflict: fatal\n',
      /'rules\.idempotence-acks-conflict': severity must be one of .*not string "fatal"/,
    ],
    ['a numeric version', '.kafka-idempotence.yaml', 'kafkaClientsVersion: 3.10\n', /must be quoted/],
    ['a garbage version', '.kafka-idempotence.json', '{ "kafkaClientsVersion": "banana" }', /'banana' is not a version/],
    [
      'a bad client',
      '.kafka-idempotence.json',
      '{ "client": { "**": "kafkajs" } }',
      /client\["\*\*"\]': client must be java or librdkafka/,
    ],
    ['a bad ignore', '.kafka-idempotence.json', '{ "ignore": "generated" }', /'ignore' must be a list of globs/],
    ['a bad maxFileSize', '.kafka-idempotence.json', '{ "maxFileSize": -1 }', /'maxFileSize' must be a whole number/],
    ['not an object', '.kafka-idempotence.json', '[1, 2]', /must hold an object/],
  ];
  for (const [what, name, content, message] of invalid) {
    test(`exit 2 for ${what}, naming the file and the problem; files under it are not linted`, () => {
      const d = dir();
      const p = write(d, `sub/${name}`, content);
      write(d, 'sub/producer.properties', CONFLICT);
      write(d, 'producer.properties', CONFLICT);
      const { run, report } = json(['.'], d);
      assert.equal(run.status, 2);
      assert.ok(run.stderr.includes(`error: invalid configuration file ${p}: `), run.stderr);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.split('\n').filter((l) => l.includes('invalid configuration file')).length, 1, 'reported once');
      assert.deepEqual(
        report.map((r) => r.file),
        ['producer.properties'],
      );
    });
  }

  test('two configuration files in one folder is an error', () => {
    const d = dir();
    write(d, '.kafka-idempotence.json', '{}');
    write(d, '.kafka-idempotence.yaml', '{}');
    write(d, 'producer.properties', CONFLICT);
    const r = cli(['producer.properties'], d);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.kafka-idempotence\.json and .*\.kafka-idempotence\.yaml: two configuration files in one folder; keep one/);
  });

  test('an empty file and a file with only $schema are valid and change nothing', () => {
    for (const [name, content] of [
      ['.kafka-idempotence.yaml', ''],
      ['.kafka-idempotence.json', '{ "$schema": "x" }'],
    ]) {
      const d = dir();
      write(d, name, content);
      write(d, 'producer.properties', ACKS1);
      const { run, report } = json(['producer.properties'], d);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(rulesOf(report), { 'producer.properties': ['idempotence-implicit-downgrade:warning'] });
    }
  });
});

describe('loadProjectConfig (shared with the language server)', () => {
  test('returns overrides, ignored and source; re-reads the file when it changes (mtime)', () => {
    const d = dir();
    const cfgPath = write(d, '.kafka-idempotence.json', JSON.stringify({ kafkaClientsVersion: '3.9', ignore: ['gen/'] }));
    const file = path.join(d, 'app', 'producer.properties');
    const first = config.loadProjectConfig(file);
    assert.deepEqual(first, {
      overrides: { kafkaClientsVersion: '3.9', kafkaClientsVersionSource: cfgPath },
      ignored: false,
      source: cfgPath,
    });
    assert.equal(config.loadProjectConfig(path.join(d, 'gen', 'producer.properties')).ignored, true);
    // edit: a different size and a later mtime → re-read
    fs.writeFileSync(cfgPath, JSON.stringify({ rules: { 'idempotence-implicit-downgrade': 'off' } }));
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(cfgPath, later, later);
    assert.deepEqual(config.loadProjectConfig(file).overrides, { rules: { 'idempotence-implicit-downgrade': 'off' } });
    // broken → an error naming the file, no overrides
    fs.writeFileSync(cfgPath, '{');
    fs.utimesSync(cfgPath, new Date(Date.now() + 10000), new Date(Date.now() + 10000));
    const broken = config.loadProjectConfig(file);
    assert.deepEqual(broken.overrides, {});
    assert.ok(broken.error?.startsWith(`${cfgPath}: not valid JSON`), broken.error);
    // a configuration file created later nearer to the file is found (no stale lookup cache)
    const nearer = write(d, 'app/.kafka-idempotence.yaml', 'kafkaClientsVersion: "4.1"\n');
    assert.equal(config.loadProjectConfig(file).source, nearer);
  });

  test('mergeSettings layers rules per rule and leaves the base alone', () => {
    const base = { ...service.DEFAULT_SETTINGS, rules: { a: 'error' as const, b: 'warning' as const } };
    const merged = service.mergeSettings(
      base,
      { rules: { b: 'off' }, kafkaClientsVersion: '3.9' },
      { rules: { c: 'info' }, maxFileSize: 7 },
    );
    assert.deepEqual(merged.rules, { a: 'error', b: 'off', c: 'info' });
    assert.equal(merged.kafkaClientsVersion, '3.9');
    assert.equal(merged.maxFileSize, 7);
    assert.deepEqual(base.rules, { a: 'error', b: 'warning' });
  });
});

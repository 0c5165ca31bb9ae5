/**
 * End-to-end tests of the command-line adapter: every test spawns
 * `node bin/kafka-idempotence-lint.js` (which loads the esbuild bundle dist/cli.js, so
 * `npm run build` / scripts/test.mjs must have run first) on files written to a fresh
 * temporary folder under os.tmpdir().
 *
 * Positions are checked exactly: 1-based lines and columns, columns counted in UTF-16
 * code units (an emoji counts 2, a tab counts 1, as in VS Code's Problems panel and LSP),
 * end exclusive (endColumn = end character + 1), a leading BOM never counted.
 *
 * Unreadable paths: the tests run as root, and root reads a `chmod 000` file anyway, so
 * a permission test would prove nothing here. Instead they use paths that fail for
 * everyone: a nonexistent file, a dangling symbolic link, a file used as a folder
 * (`producer.properties/x.properties`) and a named pipe (not a regular file).
 */
import test, { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ROOT, cli as runCli, json as runJson, type JsonFinding, type JsonReport, type Run } from './helpers';
import { load } from '../support';

const service = load('service');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

/** Runs the CLI (in this file's temporary folder unless `cwd` is given). */
function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  return runCli(args, opts.cwd ?? tmp, opts.env);
}

function json(args: string[], opts: { cwd?: string } = {}): { run: Run; report: JsonReport } {
  return runJson(args, opts.cwd ?? tmp);
}

/** The summary line of the text output (`✖ 3 problems (…)`). */
const summaryOf = (stdout: string) => stdout.split('\n').find((l) => l.startsWith('\u2716 '))!;

/** [line:col-endLine:endCol ruleId] of each finding, for compact exact comparisons. */
const where = (fs_: JsonFinding[]) => fs_.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`);

let tmp = '';
let n = 0;
/** A new empty folder for one test. */
function dir(): string {
  const d = path.join(tmp, `case-${++n}`);
  fs.mkdirSync(d);
  return d;
}
function write(d: string, rel: string, content: string | Buffer): string {
  const p = path.join(d, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

const ACKS1 = 'bootstrap.servers=localhost:9092\nacks=1\n';
const CONFLICT = 'enable.idempotence=true\nacks=0\n';
const CLEAN = 'enable.idempotence=true\nacks=all\n';

before(() => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` (scripts/test.mjs does)');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-idempotence-cli-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('exit codes', () => {
  test('0 for a clean producer config, and no text output', () => {
    const d = dir();
    write(d, 'producer.properties', CLEAN);
    const r = cli(['producer.properties'], { cwd: d });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
  });

  test('0 when only warnings remain', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    const r = cli(['producer.properties'], { cwd: d });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /idempotence-implicit-downgrade/);
  });

  test('1 when an error-severity finding remains', () => {
    const d = dir();
    write(d, 'producer.properties', CONFLICT);
    const r = cli(['producer.properties'], { cwd: d });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /idempotence-acks-conflict/);
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['an unknown flag', ['--frobnicate'], /unknown option --frobnicate/],
    ['a bad format', ['--format', 'xml'], /--format must be text, json, sarif or markdown, not 'xml'/],
    [
      'a bad severity',
      ['--rule', 'idempotence-acks-conflict=fatal'],
      /severity must be one of default\|error\|warning\|info\|hint\|off, not 'fatal'/,
    ],
    ['a rule without severity', ['--rule', 'idempotence-acks-conflict'], /--rule expects id=severity/],
    ['a garbage version', ['--kafka-clients-version', 'banana'], /'banana' is not a version/],
    ['a bad client', ['--client', 'kafkajs'], /--client must be java or librdkafka/],
    ['a bad max file size', ['--max-file-size', '5MB'], /--max-file-size expects a number/],
    ['a flag without its value', ['--format'], /--format needs a value/],
  ];
  for (const [what, args, message] of usage) {
    test(`2 for ${what}, with the reason on stderr and nothing on stdout`, () => {
      const d = dir();
      write(d, 'producer.properties', CONFLICT);
      const r = cli(['producer.properties', ...args], { cwd: d });
      assert.equal(r.status, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    });
  }

  test('2 for an unknown rule id, listing every known rule id', () => {
    const r = cli(['--rule', 'no-such-rule=off']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown rule 'no-such-rule'/);
    const listed = r.stderr
      .split('\n')
      .filter((l) => /^ {2}\S+$/.test(l))
      .map((l) => l.trim());
    assert.deepEqual(
      listed,
      service.ALL_RULES.map((rule) => rule.meta.id),
    );
  });

  test('--help and --version exit 0', () => {
    const help = cli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: kafka-idempotence-lint /);
    for (const flag of ['--format', '--kafka-clients-version', '--rule', '--client', '--max-file-size'])
      assert.ok(help.stdout.includes(flag), flag);
    const version = cli(['--version']);
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `${PKG.version}\n`);
  });
});

describe('JSON output', () => {
  test('has exactly the documented shape, one entry per linted file', () => {
    const d = dir();
    write(d, 'producer.properties', CONFLICT);
    write(d, 'clean-producer.properties', CLEAN);
    const { run, report } = json(['producer.properties', 'clean-producer.properties'], { cwd: d });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout.endsWith('\n'), true);
    assert.ok(Array.isArray(report));
    assert.deepEqual(
      report.map((r) => Object.keys(r)),
      [
        ['file', 'findings'],
        ['file', 'findings'],
      ],
    );
    assert.deepEqual(
      report.map((r) => r.file),
      ['producer.properties', 'clean-producer.properties'],
    );
    assert.deepEqual(report[1].findings, []);
    const [f] = report[0].findings;
    assert.equal(report[0].findings.length, 1);
    assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixable']);
    assert.equal(f.ruleId, 'idempotence-acks-conflict');
    assert.equal(f.severity, 'error');
    assert.equal(typeof f.message, 'string');
    assert.match(f.message, /refuses to start the producer/);
    // "acks=0" on line 2: the value "0" is character 5 → column 6, end exclusive 7
    assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [2, 6, 2, 7]);
    assert.equal(f.fixable, true);
  });

  test('fixable is false for a finding without a fix', () => {
    const d = dir();
    write(d, 'producer.properties', 'acks=all\nclient.id=a\\u12G4\n');
    const { report } = json(['producer.properties'], { cwd: d });
    const f = report[0].findings.find((x) => x.ruleId === 'properties-malformed-unicode-escape');
    assert.ok(f, JSON.stringify(report));
    assert.equal(f.fixable, false);
    assert.equal(f.severity, 'error');
  });

  test('columns are UTF-16 code units: an emoji counts 2, a tab counts 1', () => {
    const d = dir();
    // line 2: c l i e n t . i d = (10) 🚀 (2 code units) \t (1) then the malformed \u12G4 (6)
    // line 3: \t a c k s \t = \t then the value 1 at character 8
    write(d, 'producer.properties', 'acks=all\nclient.id=\u{1F680}\t\\u12G4\n\tacks\t=\t1\n');
    const { report } = json(['producer.properties'], { cwd: d });
    assert.deepEqual(where(report[0].findings), [
      '2:14-2:20 properties-malformed-unicode-escape',
      '3:9-3:10 idempotence-implicit-downgrade',
    ]);
  });

  test('CRLF line endings: lines split at \\r\\n and the \\r is not counted', () => {
    const d = dir();
    write(d, 'producer.properties', '# comment\r\nenable.idempotence=true\r\nretries=0\r\nacks=1\r\n');
    const { report } = json(['producer.properties'], { cwd: d });
    assert.deepEqual(where(report[0].findings), ['3:9-3:10 idempotence-retries-zero', '4:6-4:7 idempotence-acks-conflict']);
  });

  test('a leading BOM is not counted: positions match the same file without it', () => {
    const d = dir();
    const body = 'transactional.id=tx-1\nacks=1\n';
    write(d, 'bom-producer.properties', '\uFEFF' + body);
    write(d, 'plain-producer.properties', body);
    const { report } = json(['bom-producer.properties', 'plain-producer.properties'], { cwd: d });
    assert.deepEqual(where(report[0].findings), ['1:1-1:17 transactional-id-requires-idempotence']);
    assert.deepEqual(where(report[1].findings), where(report[0].findings));
    // and a finding on the BOM's own line
    write(d, 'bom2-producer.properties', '\uFEFFacks=1\r\n');
    const second = json(['bom2-producer.properties'], { cwd: d });
    assert.deepEqual(where(second.report[0].findings), ['1:6-1:7 idempotence-implicit-downgrade']);
  });

  test('invalid UTF-8 bytes become one U+FFFD each (as TextDecoder does) and positions follow', () => {
    const d = dir();
    const bytes = Buffer.concat([
      Buffer.from('acks=all\r\nclient.id='),
      Buffer.from([0xff, 0xc3]), // two invalid sequences → two U+FFFD
      Buffer.from('\\u12G4\r\nacks=1\r\n'),
    ]);
    write(d, 'producer.properties', bytes);
    const { run, report } = json(['producer.properties'], { cwd: d });
    assert.equal(run.stderr, '');
    assert.deepEqual(where(report[0].findings), [
      '2:13-2:19 properties-malformed-unicode-escape',
      '3:6-3:7 idempotence-implicit-downgrade',
    ]);
  });
});

describe('text output', () => {
  const headline = (id: string) => service.RULES_BY_ID.get(id)!.meta.headline;
  const NOTE = (files: string) => `  ${files} judged for kafka-clients 4.x (latest): no build file, flag or configuration file gives`;
  const VERBOSE_HINT = '  Run with --verbose for the full explanation of each problem.';

  test('stylish layout: path, one aligned row per finding (position, severity, headline, rule id), blank line, summary', () => {
    const d = dir();
    write(
      d,
      'producer.properties',
      'enable.idempotence=true\nretries=0\nacks=1\nlinger.ms=5\n' + '\n'.repeat(6) + 'max.in.flight.requests.per.connection=10\n',
    );
    write(d, 'other-producer.properties', ACKS1);
    const r = cli(['--kafka-clients-version', '4.1', 'producer.properties', 'other-producer.properties'], { cwd: d });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.split('\n');
    const { report } = json(['--kafka-clients-version', '4.1', 'producer.properties', 'other-producer.properties'], { cwd: d });
    const rowsOf = (i: number) => report[i].findings;
    // file 1: three errors
    assert.equal(lines[0], 'producer.properties');
    const rows1 = lines.slice(1, 4);
    const headW = Math.max(...rowsOf(0).map((f) => headline(f.ruleId).length));
    assert.deepEqual(
      rows1,
      rowsOf(0).map(
        (f) => `  ${String(f.line).padStart(2)}:${String(f.column).padEnd(2)}  error  ${headline(f.ruleId).padEnd(headW)}  ${f.ruleId}`,
      ),
    );
    assert.equal(rows1[0], `   2:9   error  ${headline('idempotence-retries-zero').padEnd(headW)}  idempotence-retries-zero`);
    assert.ok(rows1[2].startsWith('  11:39  error  '), rows1[2]);
    assert.ok(rows1[2].endsWith('  idempotence-max-in-flight-gt-5'));
    assert.equal(lines[4], '');
    // file 2: one warning
    assert.equal(lines[5], 'other-producer.properties');
    assert.equal(lines[6], `  2:6  warning  ${headline('idempotence-implicit-downgrade')}  idempotence-implicit-downgrade`);
    assert.equal(lines[7], '');
    assert.equal(lines[8], '\u2716 4 problems (3 errors, 1 warning, 0 infos)');
    // the version was given: no note about it
    assert.equal(lines[9], VERBOSE_HINT);
    assert.equal(lines[10], '');
    assert.equal(lines.length, 11);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is a pipe');
    // the full messages are in JSON, not in the text
    for (const f of [...rowsOf(0), ...rowsOf(1)]) assert.ok(!r.stdout.includes(f.message), f.message);
  });

  test('--verbose: the full message under each finding, wrapped to COLUMNS and indented under the headline', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    const { report } = json(['producer.properties'], { cwd: d });
    const message = report[0].findings[0].message;
    for (const columns of [60, 80, 120]) {
      const r = cli(['--verbose', 'producer.properties'], { cwd: d, env: { COLUMNS: String(columns) } });
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.split('\n');
      assert.equal(lines[1], `  2:6  warning  ${headline('idempotence-implicit-downgrade')}  idempotence-implicit-downgrade`);
      const indent = '  2:6  warning  '.length;
      const explanation = lines.slice(2, lines.indexOf(''));
      assert.ok(explanation.length >= 2, `${columns}: wrapped`);
      for (const l of explanation) {
        assert.ok(l.startsWith(' '.repeat(indent)) && l[indent] !== ' ', `${columns}: indented under the headline: ${l}`);
        assert.ok([...l].length <= columns, `${columns}: ${[...l].length} > ${columns}: ${l}`);
      }
      assert.equal(explanation.map((l) => l.trim()).join(' '), message, 'the whole message, words intact');
      assert.ok(!r.stdout.includes(VERBOSE_HINT));
    }
  });

  test('the assumed kafka-clients version is named once under the summary, with how to set it', () => {
    const d = dir();
    write(d, 'a/producer.properties', ACKS1);
    write(d, 'b/producer.properties', ACKS1);
    const r = cli(['a', 'b'], { cwd: d, env: { COLUMNS: '300' } });
    const lines = r.stdout.trimEnd().split('\n');
    const at = lines.indexOf('\u2716 2 problems (0 errors, 2 warnings, 0 infos)');
    assert.ok(at > 0, r.stdout);
    assert.equal(
      lines[at + 1],
      '  2 files were judged for kafka-clients 4.x (latest): no build file, flag or configuration file gives their version. ' +
        'Set it with --kafka-clients-version or "kafkaClientsVersion" in .kafka-idempotence.json.',
    );
    assert.equal(r.stdout.split('kafka-clients 4.x (latest)').length, 2, 'said once');
    // a version from the flag, a configuration file or a build file: nothing assumed, nothing said
    assert.ok(!cli(['--kafka-clients-version', '3.9', 'a', 'b'], { cwd: d }).stdout.includes('judged for'));
    write(d, 'b/.kafka-idempotence.json', '{ "kafkaClientsVersion": "3.9" }');
    assert.ok(cli(['b'], { cwd: d }).stdout.includes('problem'));
    assert.ok(!cli(['b'], { cwd: d }).stdout.includes('judged for'));
    assert.ok(
      cli(['a', 'b'], { cwd: d, env: { COLUMNS: '300' } }).stdout.includes(`${NOTE('1 file was')} its version.`),
      'a is still assumed',
    );
    write(
      d,
      'a/pom.xml',
      '<project><dependencies><dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-clients</artifactId><version>3.9.0</version></dependency></dependencies></project>',
    );
    const both = cli(['a', 'b'], { cwd: d });
    assert.match(both.stdout, /problems/);
    assert.ok(!both.stdout.includes('judged for'), both.stdout);
    // only findings whose verdict depends on the Java client version call for it
    const e = dir();
    write(e, 'kcat.properties', 'enable.idempotence=true\nacks=1\n');
    const rdk = cli(['--client', 'librdkafka', 'kcat.properties'], { cwd: e });
    assert.match(rdk.stdout, /rdk-acks-conflict/);
    assert.ok(!rdk.stdout.includes('judged for'), rdk.stdout);
  });

  test('the bundled examples: one line per finding, every line within 120 columns at COLUMNS=120', () => {
    const r = cli(['examples'], { cwd: ROOT, env: { COLUMNS: '120' } });
    assert.equal(r.status, 1, r.stderr);
    const { report } = json(['examples'], { cwd: ROOT });
    const findings = report.flatMap((x) => x.findings);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) assert.ok([...l].length <= 120, `${[...l].length}: ${l}`);
    const rows = lines.filter((l) => /^ {2,}\d+:\d+ +(error|warning|info|hint) /.test(l));
    assert.equal(rows.length, findings.length);
    for (const [i, f] of report.flatMap((x) => x.findings).entries()) {
      assert.match(
        rows[i],
        new RegExp(`^ +${f.line}:${f.column} +${f.severity} +${headline(f.ruleId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${f.ruleId}$`),
      );
    }
    // the verbose form keeps to the width too
    for (const l of cli(['--verbose', 'examples'], { cwd: ROOT, env: { COLUMNS: '120' } }).stdout.split('\n')) {
      assert.ok([...l].length <= 120, `${[...l].length}: ${l}`);
    }
  });

  test('a file whose aligned lines would not fit the width is not padded', () => {
    const d = dir();
    // two findings with headlines and rule ids of different lengths
    write(d, 'producer.properties', 'enable.idempotence=true\nacks=all\nmax.in.flight.requests.per.connection=1\nretries=3\n');
    const ids = ['max-in-flight-1-with-idempotence', 'retries-finite-with-idempotence'];
    const heads = ids.map(headline);
    assert.notEqual(heads[0].length, heads[1].length);
    const rows = (pad: number) => [`  3:39  info  ${heads[0].padEnd(pad)}  ${ids[0]}`, `  4:9   info  ${heads[1].padEnd(pad)}  ${ids[1]}`];
    const rowsOf = (out: string) => out.split('\n').filter((l) => /^ +\d+:\d+/.test(l));
    const headW = Math.max(...heads.map((h) => h.length));
    const alignedW = Math.max(...rows(headW).map((l) => l.length));
    assert.deepEqual(rowsOf(cli(['producer.properties'], { cwd: d, env: { COLUMNS: String(alignedW) } }).stdout), rows(headW));
    assert.deepEqual(rowsOf(cli(['producer.properties'], { cwd: d, env: { COLUMNS: String(alignedW - 1) } }).stdout), rows(0));
    // not a terminal and no COLUMNS: nothing wraps there, so the columns are aligned
    assert.deepEqual(rowsOf(cli(['producer.properties'], { cwd: d }).stdout), rows(headW));
  });

  test('singular words, infos and hints in the summary', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    assert.match(cli(['producer.properties'], { cwd: d }).stdout, /\n\u2716 1 problem \(0 errors, 1 warning, 0 infos\)\n/);
    assert.match(cli(['producer.properties'], { cwd: d }).stdout, /^ {2}1 file was judged for kafka-clients 4\.x \(latest\)/m);
    const asInfo = cli(['--rule', 'idempotence-implicit-downgrade=info', 'producer.properties'], { cwd: d });
    assert.match(asInfo.stdout, / {2}2:6 {2}info {2}/);
    assert.match(asInfo.stdout, /\n\u2716 1 problem \(0 errors, 0 warnings, 1 info\)\n/);
    const asHint = cli(['--rule', 'idempotence-implicit-downgrade=hint', 'producer.properties'], { cwd: d });
    assert.equal(asHint.status, 0);
    assert.match(asHint.stdout, / {2}2:6 {2}hint {2}/);
    assert.match(asHint.stdout, /\n\u2716 1 problem \(0 errors, 0 warnings, 0 infos, 1 hint\)\n/);
  });

  test('colour only when forced or on a TTY, never with NO_COLOR', () => {
    const d = dir();
    write(d, 'producer.properties', CONFLICT);
    const forced = cli(['producer.properties'], { cwd: d, env: { FORCE_COLOR: '1' } });
    assert.match(forced.stdout, /\u001b\[31merror\u001b\[39m/);
    assert.match(forced.stdout, /\u001b\[4mproducer\.properties\u001b\[24m/);
    const off = cli(['producer.properties'], { cwd: d, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.doesNotMatch(off.stdout, /\u001b/);
    assert.equal(off.status, 1);
  });
});

describe('settings', () => {
  test('--rule id=off silences a rule; --rule id=error makes it fail the run', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    const base = json(['producer.properties'], { cwd: d });
    assert.deepEqual(
      base.report[0].findings.map((f) => f.ruleId),
      ['idempotence-implicit-downgrade'],
    );
    const off = json(['--rule', 'idempotence-implicit-downgrade=off', 'producer.properties'], { cwd: d });
    assert.equal(off.run.status, 0);
    assert.deepEqual(off.report, [{ file: 'producer.properties', findings: [] }]);
    const err = json(['--rule=idempotence-implicit-downgrade=error', 'producer.properties'], { cwd: d });
    assert.equal(err.run.status, 1);
    assert.equal(err.report[0].findings[0].severity, 'error');
    const def = json(['--rule', 'idempotence-implicit-downgrade=default', 'producer.properties'], { cwd: d });
    assert.deepEqual(def.report, base.report);
  });

  test('--rule off on an error rule turns exit 1 into exit 0', () => {
    const d = dir();
    write(d, 'producer.properties', CONFLICT);
    assert.equal(cli(['producer.properties'], { cwd: d }).status, 1);
    assert.equal(cli(['--rule', 'idempotence-acks-conflict=off', 'producer.properties'], { cwd: d }).status, 0);
  });

  test('--kafka-clients-version 3.0.0 changes the verdict (KAFKA-13598: no idempotence by default)', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    const latest = json(['producer.properties'], { cwd: d });
    const v300 = json(['--kafka-clients-version', '3.0.0', 'producer.properties'], { cwd: d });
    assert.deepEqual(
      latest.report[0].findings.map((f) => [f.ruleId, f.severity]),
      [['idempotence-implicit-downgrade', 'warning']],
    );
    assert.deepEqual(
      v300.report[0].findings.map((f) => [f.ruleId, f.severity]),
      [['idempotence-not-on-by-default', 'info']],
    );
    assert.match(v300.report[0].findings[0].message, /^kafka-clients 3\.0\.0 /);
  });

  test('--client librdkafka keeps the Java rules away', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    const { run, report } = json(['--client', 'librdkafka', 'producer.properties'], { cwd: d });
    assert.equal(run.status, 0, run.stderr);
    const javaIds = new Set(
      service.ALL_RULES.filter((r) => r.meta.clients.length === 1 && r.meta.clients[0] === 'java').map((r) => r.meta.id),
    );
    assert.ok(javaIds.has('idempotence-implicit-downgrade'));
    assert.deepEqual(
      report[0].findings.filter((f) => javaIds.has(f.ruleId)),
      [],
    );
  });
});

describe('unreadable paths → exit 2 naming the path; the readable ones are still reported', () => {
  test('a nonexistent file', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    const r = json(['missing/producer.properties', 'producer.properties'], { cwd: d });
    assert.equal(r.run.status, 2);
    assert.match(r.run.stderr, /cannot read missing\/producer\.properties: no such file or directory/);
    assert.deepEqual(
      r.report.map((x) => x.file),
      ['producer.properties'],
    );
  });

  test('a dangling symbolic link, given or met while walking a folder', () => {
    const d = dir();
    fs.symlinkSync(path.join(d, 'gone.properties'), path.join(d, 'link-producer.properties'));
    const given = cli(['link-producer.properties'], { cwd: d });
    assert.equal(given.status, 2);
    assert.match(given.stderr, /cannot read link-producer\.properties: no such file or directory \(symbolic link to .*gone\.properties\)/);
    const walked = cli(['.'], { cwd: d });
    assert.equal(walked.status, 2);
    assert.match(walked.stderr, /cannot read link-producer\.properties: /);
  });

  test('a file used as a folder', () => {
    const d = dir();
    write(d, 'producer.properties', CLEAN);
    const r = cli(['producer.properties/x.properties'], { cwd: d });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read producer\.properties\/x\.properties: a part of the path is not a folder/);
  });

  test('a named pipe is not a regular file (and is never opened, so nothing blocks)', () => {
    const d = dir();
    const mk = spawnSync('mkfifo', [path.join(d, 'pipe-producer.properties')]);
    assert.equal(mk.status, 0, `mkfifo: ${mk.stderr}`);
    const r = cli(['pipe-producer.properties'], { cwd: d });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read pipe-producer\.properties: not a regular file/);
  });

  test('a file type without a linter is skipped with a warning, not an error', () => {
    const d = dir();
    write(d, 'notes.txt', 'acks=1\n');
    const r = cli(['notes.txt'], { cwd: d });
    assert.equal(r.status, 0);
    assert.match(r.stderr, /warning: skipped notes\.txt: no linter for this file type/);
  });
});

describe('folders and globs', () => {
  function tree(): string {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    write(d, 'config/prod/producer.properties', CONFLICT);
    write(d, 'config/app.yml', 'name: demo\n');
    write(d, 'config/app.ts', 'export const name = "demo";\n');
    write(d, 'config/readme.txt', 'acks=1\n');
    write(d, 'node_modules/dep/producer.properties', CONFLICT);
    write(d, '.git/producer.properties', CONFLICT);
    write(d, 'config/node_modules/producer.properties', CONFLICT);
    return d;
  }

  test('a folder is walked in name order, skipping node_modules and .git, linting only known file types', () => {
    const d = tree();
    const { run, report } = json(['.'], { cwd: d });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(
      report.map((r) => r.file),
      ['config/app.ts', 'config/app.yml', 'config/prod/producer.properties', 'producer.properties'],
    );
    assert.deepEqual(report[0].findings, []);
    assert.deepEqual(report[1].findings, []);
    assert.deepEqual(
      report[2].findings.map((f) => f.ruleId),
      ['idempotence-acks-conflict'],
    );
  });

  test('no path means the current folder; a named folder keeps its prefix', () => {
    const d = tree();
    assert.deepEqual(json([], { cwd: d }).report, json(['.'], { cwd: d }).report);
    assert.deepEqual(
      json(['config'], { cwd: d }).report.map((r) => r.file),
      ['config/app.ts', 'config/app.yml', 'config/prod/producer.properties'],
    );
    const abs = json([path.join(d, 'config', 'prod')], { cwd: tmp }).report.map((r) => r.file);
    assert.deepEqual(abs, [path.join(d, 'config', 'prod', 'producer.properties')]);
  });

  test('a file named inside node_modules is linted when given explicitly', () => {
    const d = tree();
    const { report } = json(['node_modules/dep/producer.properties'], { cwd: d });
    assert.deepEqual(
      report.map((r) => [r.file, r.findings.length]),
      [['node_modules/dep/producer.properties', 1]],
    );
  });

  test('globs: **, * and ? are expanded (still skipping node_modules and .git)', () => {
    const d = tree();
    assert.deepEqual(
      json(['**/*.properties'], { cwd: d }).report.map((r) => r.file),
      ['config/prod/producer.properties', 'producer.properties'],
    );
    assert.deepEqual(
      json(['config/*/producer.properties'], { cwd: d }).report.map((r) => r.file),
      ['config/prod/producer.properties'],
    );
    assert.deepEqual(
      json(['?roducer.propertie?'], { cwd: d }).report.map((r) => r.file),
      ['producer.properties'],
    );
    assert.deepEqual(
      json(['config/app.*'], { cwd: d }).report.map((r) => r.file),
      ['config/app.ts', 'config/app.yml'],
    );
    // a matching folder is walked whole, as if the shell had expanded the pattern
    assert.deepEqual(
      json(['conf*'], { cwd: d }).report.map((r) => r.file),
      ['config/app.ts', 'config/app.yml', 'config/prod/producer.properties'],
    );
    // duplicates (a file reached by two arguments) are linted once
    assert.deepEqual(
      json(['producer.properties', '*.properties'], { cwd: d }).report.map((r) => r.file),
      ['producer.properties'],
    );
  });

  test('a glob that matches no lintable file is an error', () => {
    const d = tree();
    const r = cli(['**/*.json'], { cwd: d });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no lintable files match \*\*\/\*\.json/);
  });
});

describe('bad input: no crash, bounded, a clear message', () => {
  const noticeOf = (report: JsonReport, file: string) =>
    report.find((r) => r.file === file)?.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);

  test('a 20 MB file is not read, and not lost: the file-not-linted notice in the output', () => {
    const d = dir();
    const line = 'some.key=some value that repeats\n';
    const big = Buffer.alloc(20 * 1024 * 1024, line);
    write(d, 'big-producer.properties', big);
    write(d, 'producer.properties', CONFLICT);
    const { run, report } = json(['.'], { cwd: d });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(
      report.map((r) => r.file),
      ['big-producer.properties', 'producer.properties'],
    );
    assert.deepEqual(noticeOf(report, 'big-producer.properties'), [
      '1:1 warning file-not-linted Not linted: 20971520 bytes is above the size limit of 5242880 characters (kafkaIdempotence.maxFileSize, --max-file-size), so nothing in it was judged.',
    ]);
    // a warning: --max-warnings 0 fails on it
    const gate = cli(['--max-warnings', '0', 'big-producer.properties'], { cwd: d });
    assert.equal(gate.status, 1);
    assert.match(gate.stdout, /file-not-linted/);
  });

  test('--max-file-size counts UTF-16 characters after decoding, not bytes', () => {
    const d = dir();
    const text = CONFLICT + '# \u00e9\u20ac\n'; // é and € take 2 and 3 bytes, 1 character each
    write(d, 'producer.properties', text);
    assert.ok(Buffer.byteLength(text) > text.length);
    const small = cli(['--verbose', '--max-file-size', String(text.length - 1), 'producer.properties'], {
      cwd: d,
      env: { COLUMNS: '300' },
    });
    assert.equal(small.status, 0);
    assert.match(small.stdout, /1:1 {2}warning {2}File not linted: nothing in it was judged {2}file-not-linted\n/);
    assert.match(
      small.stdout,
      new RegExp(`\n {16}Not linted: ${text.length} characters is above the size limit of ${text.length - 1} characters`),
    );
    assert.equal(small.stderr, '');
    const exact = cli(['--max-file-size', String(text.length), 'producer.properties'], { cwd: d });
    assert.equal(exact.status, 1);
    assert.equal(exact.stderr, '');
    assert.doesNotMatch(exact.stdout, /file-not-linted/);
  });

  test('binary content (NUL bytes) is not linted, with the notice', () => {
    const d = dir();
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) & 0xff;
    write(d, 'binary-producer.properties', bytes);
    const { run, report } = json(['binary-producer.properties'], { cwd: d });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
    assert.deepEqual(noticeOf(report, 'binary-producer.properties'), [
      '1:1 warning file-not-linted Not linted: the file looks binary (NUL bytes or control characters), so nothing in it was judged.',
    ]);
  });

  test('a .properties file of nothing but bytes that are not UTF-8 is text: read as ISO-8859-1, as Properties.load reads it', () => {
    const d = dir();
    write(d, 'latin1-producer.properties', Buffer.concat([Buffer.alloc(2000, 0xe9), Buffer.from('\nenable.idempotence=true\nacks=1\n')]));
    const { run, report } = json(['latin1-producer.properties'], { cwd: d });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(
      noticeOf(report, 'latin1-producer.properties')?.map((x) => x.split(' ').slice(0, 3).join(' ')),
      ['3:6 error idempotence-acks-conflict'],
    );
    assert.doesNotMatch(run.stderr, /internal error|at .*\.js:\d+/);
  });
});

describe('bundled examples', () => {
  const expected: Record<string, string[]> = {
    'examples/java/consumer.properties': [],
    'examples/java/producer-acks1.properties': ['11:6 warning idempotence-implicit-downgrade'],
    'examples/java/producer-explicit-conflict.properties': [
      '12:6 error idempotence-acks-conflict',
      '13:9 error idempotence-retries-zero',
      '14:39 error idempotence-max-in-flight-gt-5',
    ],
    'examples/java/producer-max-in-flight.properties': ['11:39 error idempotence-max-in-flight-gt-5'],
    'examples/java/producer.properties': [],
    'examples/java/transactional-producer.properties': ['10:1 error transactional-id-requires-idempotence'],
    'examples/librdkafka/kcat-producer-conflicts.properties': [
      '7:1 warning rdk-alias-conflict',
      '8:39 error rdk-max-in-flight',
      '10:6 error rdk-acks-conflict',
    ],
    'examples/librdkafka/kcat-producer.properties': [],
    'examples/confluent-kafka-javascript/payments.ts': [
      '11:5 warning ckjs-kafkajs-option-overridden',
      '17:3 error ckjs-kafkajs-key-outside-block',
      '21:25 error rdk-txn-needs-idempotence',
      '30:86 error ckjs-send-acks',
    ],
    'examples/kafkajs/order-publisher.ts': [
      '12:21 error kafkajs-idempotent-retries-zero',
      '19:3 warning kafkajs-misplaced-option',
      '36:13 error kafkajs-idempotent-acks',
      '43:22 error kafkajs-transaction-without-id',
    ],
    'examples/node-rdkafka/click-stream.js': [
      '12:3 warning node-rdkafka-topic-key-in-global-config',
      '15:44 error rdk-max-in-flight',
      '28:11 error rdk-acks-conflict',
    ],
    'examples/spring-boot/application.yml': ['14:13 error idempotence-acks-conflict'],
    'examples/spring-boot/application-prod.properties': [
      '9:1 warning spring-duplicate-producer-key',
      '10:1 warning spring-unbound-producer-key',
      '11:39 warning idempotence-implicit-downgrade',
    ],
    'examples/spring-boot/clean/application.yml': [],
    'examples/spring-cloud-stream/application.yml': [],
    'examples/helm/values.yaml': ['22:15 warning idempotence-implicit-downgrade', '27:29 warning yaml-ambiguous-boolean'],
    'examples/kafka-streams/streams.properties': [
      '13:1 warning streams-eos-overrides-ignored',
      '14:15 error idempotence-acks-conflict',
      '15:48 error streams-eos-max-in-flight-gt-5',
    ],
    'examples/kafka-streams/clean/application.yml': [],
    'examples/kafka-connect/jdbc-source.properties': ['13:24 error idempotence-acks-conflict'],
    'examples/kafka-connect/clean/connect-distributed.properties': [],
    'examples/quarkus/application.properties': ['10:1 warning smallrye-acks-default-1', '13:1 error idempotence-acks-conflict'],
    'examples/micronaut/application.yml': ['10:9 error idempotence-acks-conflict'],
    'examples/strimzi/kafka-connect.yaml': ['42:29 error idempotence-acks-conflict'],
    'examples/strimzi/bridge-and-mirror.yaml': ['42:68 error idempotence-max-in-flight-gt-5'],
    'examples/ibm-event-streams/kafka-connect.yaml': ['40:29 error idempotence-acks-conflict'],
    'examples/docker-compose/docker-compose.yml': ['20:30 error idempotence-acks-conflict', '26:36 warning idempotence-implicit-downgrade'],
    'examples/kubernetes/deployment.yaml': ['27:22 error idempotence-acks-conflict'],
  };

  test('`npm run lint:examples` is the CLI on examples/ and accepts exactly its exit code 1', () => {
    assert.equal(PKG.scripts['lint:examples'], 'node bin/kafka-idempotence-lint.js examples || [ $? -eq 1 ]');
    const r = spawnSync('npm', ['run', '-s', 'lint:examples'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /problems? \(\d+ errors?/);
  });

  test('each example gives the findings examples/README.md lists, and the run exits 1', () => {
    const { run, report } = json(['examples'], { cwd: ROOT });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, '');
    const got = Object.fromEntries(report.map((r) => [r.file, r.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`)]));
    assert.deepEqual(got, expected);
    const readme = fs.readFileSync(path.join(ROOT, 'examples', 'README.md'), 'utf8');
    for (const [file, findings] of Object.entries(expected)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${file.slice('examples/'.length)}\``));
      assert.ok(row, `README row for ${file}`);
      for (const f of findings) {
        const [pos, severity, rule] = f.split(' ');
        assert.ok(row.includes(`${pos} ${severity} \`${rule}\``), `README row for ${file} lists ${f}`);
      }
      if (findings.length === 0) assert.ok(row.endsWith('| none |'), `README row for ${file} says none`);
    }
    const text = cli(['examples'], { cwd: ROOT });
    const summary = summaryOf(text.stdout);
    assert.ok(readme.includes(`Summary line: \`${summary}\``), summary);
  });

  test('the README states the 3.9 and 3.0.0 summaries', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'examples', 'README.md'), 'utf8');
    for (const v of ['3.9', '3.0.0']) {
      const r = cli(['--kafka-clients-version', v, 'examples'], { cwd: ROOT });
      assert.equal(r.status, 1);
      const summary = summaryOf(r.stdout);
      assert.ok(readme.includes(`\`${summary}\``), `${v}: ${summary}`);
    }
    const v300 = json(['--kafka-clients-version', '3.0.0', 'examples/java/transactional-producer.properties'], { cwd: ROOT });
    assert.deepEqual(where(v300.report[0].findings), ['11:6-11:7 idempotence-acks-conflict']);
  });
});

/**
 * Hostile input on the command line: every file the linter cannot read or judge fully ends with a
 * notice in the text, JSON and SARIF output and the right exit code — never a silent clean file —,
 * and one stuck file does not stop the others (each file runs in a worker under a time budget).
 * No wall-clock assertion: the budget test uses a file far larger than what the budget can lint.
 */
import test, { after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, CONFLICT, json, tempFolders, write, type JsonReport } from './helpers';
import { load, service } from '../support';

const runModule = load('cli/run');

const { dir, cleanup } = tempFolders('kafka-idempotence-hostile-');
after(cleanup);

const KAFKAJS_HEAD =
  "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\nconst producer = kafka.producer({ idempotent: true });\nproducer.send({ topic: 't', acks: 1, messages: [] });\n";

interface SarifLog {
  runs: Array<{
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: Array<{ level: string; message: { text: string } }> }>;
    results: Array<{
      ruleId: string;
      ruleIndex?: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
    }>;
    tool: { driver: { rules: Array<{ id: string }> } };
  }>;
}

const rows = (report: JsonReport) =>
  report.flatMap((r) => r.findings.map((f) => `${r.file} ${f.line}:${f.column} ${f.severity} ${f.ruleId}`));

/** The same run in the three formats: the notice is in each, with the same exit code. */
function allFormats(args: string[], cwd: string, env: Record<string, string> = {}) {
  const text = cli(args, cwd, env);
  const j = cli(['--format', 'json', ...args], cwd, env);
  const s = cli(['--format', 'sarif', ...args], cwd, env);
  return { text, json: JSON.parse(j.stdout) as JsonReport, jsonRun: j, sarif: JSON.parse(s.stdout) as SarifLog, sarifRun: s };
}

describe('hostile files: a notice in every format, the right exit code', () => {
  const cases: Array<{ name: string; file: string; content: () => string | Buffer; ruleId: string; message: RegExp; exit: number }> = [
    {
      name: "YAML nested 5,000 deep in the producer's document",
      file: 'application.yml',
      content: () => `spring:\n  kafka:\n    producer:\n      acks: 1\ndata: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      ruleId: 'file-partly-linted',
      message: /^Partly linted: a YAML document nests too deeply \(or is too large\) for the parser at line 5/,
      exit: 0,
    },
    {
      name: 'TS arrays nested 20,000 deep',
      file: 'deep.ts',
      content: () => `${KAFKAJS_HEAD}const z = ${'['.repeat(20_000)}${']'.repeat(20_000)};\n`,
      ruleId: 'file-not-linted',
      message: /^Not linted: the TypeScript parser failed on this text \(Maximum call stack size exceeded\)/,
      exit: 0,
    },
    {
      name: 'binary content',
      file: 'producer.properties',
      content: () => Buffer.concat([Buffer.from('acks=1\n'), Buffer.alloc(64), Buffer.from([0x50, 0x4b, 3, 4])]),
      ruleId: 'file-not-linted',
      message: /looks binary/,
      exit: 0,
    },
    {
      name: 'UTF-16 without a byte-order mark',
      file: 'producer.properties',
      content: () => Buffer.from('enable.idempotence=true\nacks=0\n', 'utf16le'),
      ruleId: 'file-not-linted',
      message: /UTF-16 without a byte-order mark/,
      exit: 0,
    },
  ];
  for (const c of cases) {
    test(`${c.name}: ${c.ruleId}, exit ${c.exit}`, () => {
      const d = dir();
      write(d, c.file, c.content());
      const r = allFormats([c.file], d);
      assert.equal(r.text.status, c.exit, r.text.stderr);
      assert.equal(r.jsonRun.status, c.exit);
      assert.equal(r.sarifRun.status, c.exit);
      // text: a warning line at 1:1 with the rule id
      assert.match(r.text.stdout, new RegExp(`^  1:1  warning  .*  ${c.ruleId}$`, 'm'));
      assert.match(r.text.stdout, /1 warning/);
      // JSON
      assert.deepEqual(
        rows(r.json).filter((x) => x.endsWith(c.ruleId)),
        [`${c.file} 1:1 warning ${c.ruleId}`],
      );
      assert.match(r.json[0].findings.find((f) => f.ruleId === c.ruleId)!.message, c.message);
      // SARIF: a result of a known rule, and the run fails only on an internal error
      const run = r.sarif.runs[0];
      const result = run.results.find((x) => x.ruleId === c.ruleId);
      assert.ok(result, JSON.stringify(run.results.map((x) => x.ruleId)));
      assert.equal(result.level, 'warning');
      assert.equal(run.tool.driver.rules[result.ruleIndex!].id, c.ruleId);
      assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
      assert.equal(run.invocations[0].executionSuccessful, c.exit !== 2);
      if (c.exit === 2) {
        assert.match(r.text.stderr, /internal error: .*RangeError: Maximum call stack size exceeded/);
        assert.ok(run.invocations[0].toolExecutionNotifications?.some((n) => n.level === 'error' && /internal error/.test(n.message.text)));
      }
      // a CI gate catches it
      assert.equal(cli(['--max-warnings', '0', c.file], d).status, c.exit === 2 ? 2 : 1);
      // and the rules setting can turn it off (an internal error still exits 2)
      assert.equal(cli(['--rule', `${c.ruleId}=off`, '--max-warnings', '0', c.file], d).status, c.exit === 2 ? 2 : 0);
    });
  }

  test('a rule that fails: internal-error on the file, exit 2, SARIF executionSuccessful false, in every format', async () => {
    const d = dir();
    write(d, 'producer.properties', 'bootstrap.servers=b:9092\nenable.idempotence=true\nacks=1\n');
    const failing = service.defineRule(
      { id: 'test-fails', description: 'fails', headline: 'fails', defaultSeverity: 'error', fixable: false, clients: ['java'] },
      () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    );
    const runIn = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runModule.run(
        args,
        { cwd: d, env: {}, stdoutIsTTY: false, stdout: (x) => (stdout += x), stderr: (x) => (stderr += x) },
        {
          workers: 0,
          rules: [...service.ALL_RULES, failing],
        },
      );
      return { code, stdout, stderr };
    };
    const text = await runIn(['producer.properties']);
    assert.equal(text.code, 2, text.stderr);
    assert.match(text.stdout, /^ {2}1:1 {2}warning {2}.* {2}internal-error$/m);
    // the other rules still report
    assert.match(text.stdout, /idempotence-acks-conflict$/m);
    assert.match(text.stderr, /internal error: .*test-fails.*RangeError: Maximum call stack size exceeded/);
    const asJson = await runIn(['--format', 'json', 'producer.properties']);
    assert.equal(asJson.code, 2);
    const report = JSON.parse(asJson.stdout) as JsonReport;
    assert.deepEqual(rows(report), [
      'producer.properties 1:1 warning internal-error',
      'producer.properties 3:6 error idempotence-acks-conflict',
    ]);
    const asSarif = await runIn(['--format', 'sarif', 'producer.properties']);
    assert.equal(asSarif.code, 2);
    const run = (
      JSON.parse(asSarif.stdout) as {
        runs: Array<{
          invocations: Array<{
            executionSuccessful: boolean;
            toolExecutionNotifications?: Array<{ level: string; message: { text: string } }>;
          }>;
        }>;
      }
    ).runs[0];
    assert.equal(run.invocations[0].executionSuccessful, false);
    assert.ok(run.invocations[0].toolExecutionNotifications?.some((n) => n.level === 'error' && /internal error/.test(n.message.text)));
    // turning the notice off does not hide the failure: still exit 2
    assert.equal((await runIn(['--rule', 'internal-error=off', 'producer.properties'])).code, 2);
  });

  test('an unreadable build file: build-file-unreadable on the Java file it could have judged, the version assumed', () => {
    const d = dir();
    fs.mkdirSync(path.join(d, '.git'));
    // reading /proc/self/mem fails with EIO: a build file that exists but cannot be read, whoever runs the test
    fs.symlinkSync('/proc/self/mem', path.join(d, 'pom.xml'));
    write(d, 'src/producer.properties', 'bootstrap.servers=b:9092\nacks=1\n');
    write(d, 'src/publisher.ts', KAFKAJS_HEAD);
    const { run, report } = json(['src'], d);
    assert.equal(run.status, 1, run.stderr);
    const props = report.find((r) => r.file === path.join('src', 'producer.properties'))!;
    assert.deepEqual(
      props.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`),
      ['1:1 build-file-unreadable', '2:6 idempotence-implicit-downgrade'],
    );
    assert.match(
      props.findings[0].message,
      /^Could not read the build file .*pom\.xml \(EIO\): the kafka-clients version it may declare is unknown, so this file was judged for kafka-clients 4\.x \(latest\)\.$/,
    );
    // a KafkaJS file does not depend on the kafka-clients version: no notice there
    assert.ok(!report.find((r) => r.file === path.join('src', 'publisher.ts'))!.findings.some((f) => f.ruleId === 'build-file-unreadable'));
    // an explicit version reads no build file
    assert.ok(
      !json(['--kafka-clients-version', '3.9', 'src'], d).report.some((r) => r.findings.some((f) => f.ruleId === 'build-file-unreadable')),
    );
  });
});

describe('the time budget', () => {
  test('a file that takes longer than the budget is cut off with file-not-linted; the others are linted; the run goes on', () => {
    const d = dir();
    // about 16 MB of YAML (the size limit raised): far more than a 1 s budget can lint
    const item = 'k: {a: [1, 2, {b: c}], d: "e", f: [g, h]}\n';
    write(
      d,
      'a-big/application.yml',
      `spring:\n  kafka:\n    producer:\n      acks: 1\nitems:\n${`- ${item}`.repeat(Math.ceil((16 * 1024 * 1024) / (item.length + 2)))}`,
    );
    write(d, 'b-producer.properties', CONFLICT);
    write(d, 'c-application.yml', 'spring:\n  kafka:\n    producer:\n      acks: 1\n');
    const env = { KAFKA_IDEMPOTENCE_LINT_TIME_BUDGET_MS: '1000' };
    const r = allFormats(['--max-file-size', String(64 * 1024 * 1024), '.'], d, env);
    assert.equal(r.text.status, 1, r.text.stderr);
    assert.deepEqual(rows(r.json), [
      `${path.join('a-big', 'application.yml')} 1:1 warning file-not-linted`,
      'b-producer.properties 2:6 error idempotence-acks-conflict',
      'c-application.yml 4:13 warning idempotence-implicit-downgrade',
    ]);
    assert.equal(
      r.json[0].findings[0].message,
      'Not linted: linting this file took longer than the time budget of 1 s and was stopped, so nothing in it was judged. It is tried again when it changes.',
    );
    assert.match(r.text.stderr, /a-big\/application\.yml: linting took longer than the time budget \(1 s\) and was stopped/);
    assert.equal(r.sarif.runs[0].invocations[0].executionSuccessful, true);
    assert.deepEqual(
      r.sarif.runs[0].results.map((x) => x.ruleId),
      ['file-not-linted', 'idempotence-acks-conflict', 'idempotence-implicit-downgrade'],
    );
    assert.match(r.sarif.runs[0].invocations[0].toolExecutionNotifications!.map((n) => n.message.text).join('\n'), /time budget/);
  });

  test('--fix on a file cut off while linting writes nothing', () => {
    const d = dir();
    const item = '- k: {a: [1, 2, {b: c}], d: "e"}\n';
    const text = `spring:\n  kafka:\n    producer:\n      acks: 1\nitems:\n${item.repeat(Math.ceil((16 * 1024 * 1024) / item.length))}`;
    const p = write(d, 'application.yml', text);
    const r = cli(['--fix', '--max-file-size', String(64 * 1024 * 1024), 'application.yml'], d, {
      KAFKA_IDEMPOTENCE_LINT_TIME_BUDGET_MS: '1000',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /file-not-linted/);
    assert.doesNotMatch(r.stderr, /fixed/);
    assert.equal(fs.readFileSync(p, 'utf8'), text);
  });
});

/**
 * `--max-warnings`, `--quiet`, `.gitignore` while walking, the progress indicator (only on a
 * terminal, only for many files) and the help text listing every flag.
 */
import test, { after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACKS1, CLEAN, CONFLICT, cli, json, ROOT, tempFolders, write } from './helpers';
import { load } from '../support';

const runModule = load('cli/run');
const { dir, cleanup } = tempFolders('kafka-idempotence-flags-');
after(cleanup);

describe('--max-warnings', () => {
  test('exit 1 only when the warnings exceed N; errors still exit 1', () => {
    const d = dir();
    write(d, 'a-producer.properties', ACKS1);
    write(d, 'b-producer.properties', ACKS1);
    assert.equal(cli(['.'], d).status, 0);
    assert.equal(cli(['--max-warnings', '2', '.'], d).status, 0);
    const over = cli(['--max-warnings', '1', '.'], d);
    assert.equal(over.status, 1);
    assert.match(over.stderr, /too many warnings: 2, more than the 1 that --max-warnings allows/);
    assert.equal(cli(['--max-warnings=0', 'a-producer.properties'], d).status, 1);
    write(d, 'c-producer.properties', CONFLICT);
    const errs = cli(['--max-warnings', '10', '.'], d);
    assert.equal(errs.status, 1);
    assert.doesNotMatch(errs.stderr, /too many warnings/);
  });

  test('counts warnings only (not infos), and even with --quiet', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    assert.equal(cli(['--max-warnings', '0', '--rule', 'idempotence-implicit-downgrade=info', 'producer.properties'], d).status, 0);
    const quiet = cli(['--max-warnings', '0', '--quiet', 'producer.properties'], d);
    assert.equal(quiet.status, 1);
    assert.equal(quiet.stdout, '');
  });

  test('a bad value is a usage error', () => {
    const d = dir();
    const r = cli(['--max-warnings', 'many'], d);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--max-warnings expects a whole number, not 'many'/);
  });
});

describe('--quiet', () => {
  test('reports errors only, in text and JSON; exit code unchanged', () => {
    const d = dir();
    write(d, 'a-producer.properties', ACKS1);
    write(d, 'b-producer.properties', CONFLICT);
    const text = cli(['--quiet', '.'], d);
    assert.equal(text.status, 1);
    assert.doesNotMatch(text.stdout, / warning /);
    assert.match(text.stdout, /b-producer\.properties\n {2}2:6 {2}error /);
    assert.match(text.stdout, /\n\n\u2716 1 problem \(1 error, 0 warnings, 0 infos\)\n/);
    const { report } = json(['--quiet', '.'], d);
    assert.deepEqual(
      report.map((r) => [r.file, r.findings.map((f) => f.severity)]),
      [
        ['a-producer.properties', []],
        ['b-producer.properties', ['error']],
      ],
    );
    const onlyWarnings = cli(['--quiet', 'a-producer.properties'], d);
    assert.equal(onlyWarnings.status, 0);
    assert.equal(onlyWarnings.stdout, '');
  });
});

describe('.gitignore', () => {
  function tree(): string {
    const d = dir();
    write(d, '.gitignore', '# build output\nbuild/\n*.local.properties\n/root-only.properties\n!keep.local.properties\n');
    write(d, 'build/producer.properties', CONFLICT);
    write(d, 'src/build/producer.properties', CONFLICT); // dir-only pattern without a slash: any depth
    write(d, 'src/app.local.properties', CONFLICT);
    write(d, 'src/keep.local.properties', CONFLICT); // negation
    write(d, 'root-only.properties', CONFLICT); // anchored: only here
    write(d, 'src/root-only.properties', CONFLICT);
    write(d, 'src/gen/.gitignore', '*\n!.gitignore\n!wanted.properties\n'); // nested, deeper wins
    write(d, 'src/gen/producer.properties', CONFLICT);
    write(d, 'src/gen/wanted.properties', CONFLICT);
    write(d, 'producer.properties', CONFLICT);
    return d;
  }
  const EXPECTED = ['producer.properties', 'src/gen/wanted.properties', 'src/keep.local.properties', 'src/root-only.properties'];

  test('globs, negation, directory-only, anchored and nested patterns', () => {
    const d = tree();
    const { run, report } = json(['.'], d);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(
      report.map((r) => r.file),
      EXPECTED,
    );
  });

  test('also for quoted globs; --no-gitignore turns it off; a named file is linted anyway', () => {
    const d = tree();
    assert.deepEqual(
      json(['**/*.properties'], d).report.map((r) => r.file),
      EXPECTED,
    );
    assert.equal(json(['--no-gitignore', '.'], d).report.length, 9);
    assert.deepEqual(
      json(['build/producer.properties'], d).report.map((r) => r.file),
      ['build/producer.properties'],
    );
  });

  test('the .gitignore files above the walked folder count, up to the repository root', () => {
    const d = tree();
    fs.mkdirSync(path.join(d, '.git'));
    // walking src/ only: the root .gitignore (build/, *.local.properties, !keep...) still applies
    assert.deepEqual(
      json(['src'], d).report.map((r) => r.file),
      ['src/gen/wanted.properties', 'src/keep.local.properties', 'src/root-only.properties'],
    );
    // without a .git above, a walk starts from its own folder's .gitignore
    const e = dir();
    write(e, '.gitignore', 'sub/ignored.properties\n');
    write(e, 'sub/ignored.properties', CONFLICT);
    write(e, 'sub/other.properties', CONFLICT);
    assert.deepEqual(
      json(['.'], e).report.map((r) => r.file),
      ['sub/other.properties'],
    );
  });
});

describe('progress indicator and help', () => {
  async function runIn(d: string, stderrIsTTY: boolean): Promise<{ code: number; stderr: string; stdout: string }> {
    let stderr = '';
    let stdout = '';
    const code = await runModule.run(['--format', 'json', '.'], {
      cwd: d,
      env: {},
      stdoutIsTTY: false,
      stderrIsTTY,
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
    });
    return { code, stderr, stdout };
  }

  test('on a terminal with many files: drawn on stderr and cleared; stdout unaffected', async () => {
    const d = dir();
    const n = runModule.PROGRESS_MIN_FILES + 5;
    for (let i = 0; i < n; i++) write(d, `p${String(i).padStart(3, '0')}-producer.properties`, CLEAN);
    const tty = await runIn(d, true);
    assert.equal(tty.code, 0);
    assert.ok(tty.stderr.includes(`\r\u001b[2Kkafka-idempotence-lint: 0/${n} files`), JSON.stringify(tty.stderr.slice(0, 200)));
    assert.ok(tty.stderr.includes(`\r\u001b[2Kkafka-idempotence-lint: ${n}/${n} files`));
    assert.ok(tty.stderr.endsWith('\r\u001b[2K'), 'the line is cleared at the end');
    const pipe = await runIn(d, false);
    assert.equal(pipe.stderr, '');
    assert.equal(pipe.stdout, tty.stdout);
    assert.equal((JSON.parse(tty.stdout) as unknown[]).length, n);
  });

  test('not for a few files, even on a terminal', async () => {
    const d = dir();
    write(d, 'producer.properties', CLEAN);
    assert.equal((await runIn(d, true)).stderr, '');
  });

  test('--help lists every flag', () => {
    const help = cli(['--help'], ROOT);
    assert.equal(help.status, 0);
    for (const flag of [
      '--format text|json|sarif',
      '--fix ',
      '--fix-dry-run',
      '--max-warnings N',
      '--quiet',
      '--verbose',
      '--no-gitignore',
      '--no-config',
      '--rule',
      '--client',
      '--kafka-clients-version',
      '--max-file-size',
    ]) {
      assert.ok(help.stdout.includes(flag), flag);
    }
  });
});

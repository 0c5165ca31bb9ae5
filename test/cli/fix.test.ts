/**
 * `--fix` and `--fix-dry-run`: the expected content is written, other files are untouched
 * (content and mtime), BOM, CRLF and file mode survive, no temporary file is left, the result
 * re-lints clean; the dry run prints a unified diff and writes nothing; and the service's
 * safeFixAll keeps only fixes that re-lint clean.
 */
import test, { after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACKS1, CLEAN, cli, json, ROOT, tempFolders, write } from './helpers';
import { load } from '../support';

const service = load('service');
const { dir, cleanup } = tempFolders('kafka-idempotence-fix-');
after(cleanup);

const OLD = new Date('2020-01-02T03:04:05Z');
/** Sets an old mtime so that any rewrite shows. */
function age(p: string): void {
  fs.utimesSync(p, OLD, OLD);
}
function snapshot(d: string): Record<string, { content: string; mtimeMs: number }> {
  const out: Record<string, { content: string; mtimeMs: number }> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(d, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out[r] = { content: fs.readFileSync(path.join(d, r), 'latin1'), mtimeMs: fs.statSync(path.join(d, r)).mtimeMs };
    }
  };
  walk('');
  return out;
}

// three errors with preferred fixes (acks=all, remove retries=0, max.in.flight=5) and a warning without a fix
const BROKEN = 'enable.idempotence=true\nretries=0\nacks=1\nmax.in.flight.requests.per.connection=10\n';
const BROKEN_FIXED = 'enable.idempotence=true\nacks=all\nmax.in.flight.requests.per.connection=5\n';

describe('--fix', () => {
  test('writes the expected content, reports what is left, and the result re-lints clean', () => {
    const d = dir();
    const p = write(d, 'producer.properties', BROKEN);
    const r = cli(['--fix', 'producer.properties'], d);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.equal(fs.readFileSync(p, 'utf8'), BROKEN_FIXED);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /fixed 3 problems in 1 file/);
    const again = json(['producer.properties'], d);
    assert.equal(again.run.status, 0);
    assert.deepEqual(again.report, [{ file: 'producer.properties', findings: [] }]);
  });

  test('leaves untouched files untouched (content and mtime), and leaves no temporary file', () => {
    const d = dir();
    write(d, 'a/producer.properties', BROKEN);
    write(d, 'b/clean-producer.properties', CLEAN);
    write(d, 'b/escape-producer.properties', 'acks=all\nclient.id=a\\u12G4\n'); // an error without a fix
    write(d, 'notes.txt', 'acks=1\n');
    write(d, 'c/app.yml', 'name: demo\n');
    for (const f of Object.keys(snapshot(d))) age(path.join(d, f));
    const before = snapshot(d);
    const r = cli(['--fix', '.'], d);
    assert.equal(r.status, 1, r.stderr); // the unfixable malformed escape remains
    assert.match(r.stdout, /properties-malformed-unicode-escape/);
    const afterSnap = snapshot(d);
    assert.deepEqual(Object.keys(afterSnap).sort(), Object.keys(before).sort(), 'no file added or removed');
    for (const [f, s] of Object.entries(afterSnap)) {
      if (f === path.join('a', 'producer.properties')) {
        assert.equal(s.content, BROKEN_FIXED);
        assert.notEqual(s.mtimeMs, before[f].mtimeMs);
      } else {
        assert.deepEqual(s, before[f], f);
      }
    }
  });

  test('keeps the BOM, CRLF line endings and the file mode', () => {
    const d = dir();
    const crlf = BROKEN.replace(/\n/g, '\r\n');
    const p = write(d, 'producer.properties', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]));
    fs.chmodSync(p, 0o640);
    const r = cli(['--fix', 'producer.properties'], d);
    assert.equal(r.status, 0, r.stderr);
    const bytes = fs.readFileSync(p);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString('utf8'), BROKEN_FIXED.replace(/\n/g, '\r\n'));
    assert.equal(fs.statSync(p).mode & 0o777, 0o640);
    // a file without BOM does not get one
    const q = write(d, 'plain-producer.properties', ACKS1);
    cli(['--fix', 'plain-producer.properties'], d);
    assert.equal(fs.readFileSync(q, 'utf8'), 'bootstrap.servers=localhost:9092\nacks=all\n');
  });

  test('does not write through a symbolic link: a warning, the findings of the file it points to, no exit 2', () => {
    const d = dir();
    const target = write(d, 'real/producer.properties', ACKS1);
    fs.symlinkSync(target, path.join(d, 'link-producer.properties'));
    age(target);
    const r = cli(['--fix', 'link-producer.properties'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /warning: not fixing link-producer\.properties: it is a symbolic link \(to .*real\/producer\.properties\); fix the file it points to/,
    );
    assert.match(r.stdout, /idempotence-implicit-downgrade/);
    assert.equal(fs.readFileSync(target, 'utf8'), ACKS1);
    assert.ok(fs.lstatSync(path.join(d, 'link-producer.properties')).isSymbolicLink());
    assert.equal(fs.statSync(target).mtimeMs, OLD.getTime());
    const sarif = JSON.parse(cli(['--fix', '--format', 'sarif', 'link-producer.properties'], d).stdout);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
    assert.match(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /symbolic link/);
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications[0].level, 'warning');
  });

  test('a read-only file stays read-only and unchanged: a warning, its findings reported', () => {
    const d = dir();
    const p = write(d, 'producer.properties', ACKS1);
    fs.chmodSync(p, 0o444);
    age(p);
    const { run, report } = json(['--fix', 'producer.properties'], d);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /warning: not fixing producer\.properties: it is read-only/);
    assert.deepEqual(
      report[0].findings.map((f) => f.ruleId),
      ['idempotence-implicit-downgrade'],
    );
    assert.equal(fs.readFileSync(p, 'utf8'), ACKS1);
    assert.equal(fs.statSync(p).mode & 0o777, 0o444);
    assert.equal(fs.statSync(p).mtimeMs, OLD.getTime());
    assert.equal(fs.readdirSync(d).length, 1, 'no temporary file left');
  });

  test('a file with several hard links is fixed in place: every name sees the fix, the inode stays', () => {
    const d = dir();
    const p = write(d, 'producer.properties', ACKS1);
    const other = path.join(d, 'also-producer.properties');
    fs.linkSync(p, other);
    const ino = fs.statSync(p).ino;
    const r = cli(['--fix', 'producer.properties'], d);
    assert.equal(r.status, 0, r.stderr);
    const fixed = ACKS1.replace('acks=1', 'acks=all');
    assert.equal(fs.readFileSync(p, 'utf8'), fixed);
    assert.equal(fs.readFileSync(other, 'utf8'), fixed);
    assert.equal(fs.statSync(p).ino, ino);
    assert.equal(fs.statSync(p).nlink, 2);
    // a single link is replaced through a rename (a new inode), as before
    const q = write(d, 'single/producer.properties', ACKS1);
    const before = fs.statSync(q).ino;
    cli(['--fix', 'single/producer.properties'], d);
    assert.equal(fs.readFileSync(q, 'utf8'), fixed);
    assert.notEqual(fs.statSync(q).ino, before);
  });

  test('--fix with --format json reports the findings left after fixing', () => {
    const d = dir();
    write(d, 'producer.properties', 'transactional.id=tx\nacks=1\nclient.id=a\\u12G4\n');
    const { run, report } = json(['--fix', 'producer.properties'], d);
    assert.equal(run.status, 1);
    assert.deepEqual(
      report[0].findings.map((f) => f.ruleId),
      ['properties-malformed-unicode-escape'],
    );
    assert.equal(fs.readFileSync(path.join(d, 'producer.properties'), 'utf8'), 'transactional.id=tx\nacks=all\nclient.id=a\\u12G4\n');
  });
});

describe('--fix-dry-run', () => {
  test('prints a unified diff, reports what would be left, and writes nothing', () => {
    const d = dir();
    const p = write(d, 'conf/producer.properties', BROKEN);
    write(d, 'clean-producer.properties', CLEAN);
    for (const f of Object.keys(snapshot(d))) age(path.join(d, f));
    const before = snapshot(d);
    const r = cli(['--fix-dry-run', '.'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '--- a/conf/producer.properties',
        '+++ b/conf/producer.properties',
        '@@ -1,4 +1,3 @@',
        ' enable.idempotence=true',
        '-retries=0',
        '-acks=1',
        '-max.in.flight.requests.per.connection=10',
        '+acks=all',
        '+max.in.flight.requests.per.connection=5',
        '',
      ].join('\n'),
    );
    assert.deepEqual(snapshot(d), before);
    assert.equal(fs.readFileSync(p, 'utf8'), BROKEN);
  });

  test('only with text output; not together with --fix', () => {
    const d = dir();
    write(d, 'producer.properties', BROKEN);
    const j = cli(['--fix-dry-run', '--format', 'json', 'producer.properties'], d);
    assert.equal(j.status, 2);
    assert.match(j.stderr, /--fix-dry-run prints a diff, which does not mix with --format json/);
    const both = cli(['--fix', '--fix-dry-run', 'producer.properties'], d);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--fix and --fix-dry-run exclude each other/);
    assert.equal(fs.readFileSync(path.join(d, 'producer.properties'), 'utf8'), BROKEN);
  });
});

describe('safeFixAll (service)', () => {
  // Two test rules with bad preferred fixes: one leaves its finding in place, one creates an error.
  const keepsFinding = service.defineRule(
    { id: 'test-fix-keeps-finding', description: 'test', headline: 'test', defaultSeverity: 'warning', fixable: true, clients: ['java'] },
    (ctx) => {
      const v = ctx.block.values.get('linger.ms');
      if (v?.entry && v.value === '7') {
        ctx.report({
          span: v.entry.valueSpan,
          message: 'linger 7',
          fixes: [{ title: 'rewrite 7', edits: [{ span: v.entry.valueSpan, newText: '7' }] }],
        });
      }
    },
  );
  const makesError = service.defineRule(
    { id: 'test-fix-makes-error', description: 'test', headline: 'test', defaultSeverity: 'warning', fixable: true, clients: ['java'] },
    (ctx) => {
      const v = ctx.block.values.get('compression.type');
      if (v?.entry && v.value === 'lz4') {
        ctx.report({
          span: v.entry.valueSpan,
          message: 'lz4',
          fixes: [{ title: 'remove compression and set acks=0', edits: [{ span: v.entry.entrySpan, newText: 'acks=0\n' }] }],
        });
      }
    },
  );
  const rules = [...service.ALL_RULES, keepsFinding, makesError];
  const text = 'enable.idempotence=true\nlinger.ms=7\ncompression.type=lz4\nretries=0\n';

  test('keeps the fix that re-lints clean and rejects the two that do not', () => {
    const input = { fileName: 'producer.properties', text };
    const before = service.lint(input, service.DEFAULT_SETTINGS, { rules }).findings.map((f) => f.ruleId);
    assert.deepEqual(before, ['test-fix-keeps-finding', 'test-fix-makes-error', 'idempotence-retries-zero']);
    const r = service.safeFixAll(input, service.DEFAULT_SETTINGS, { lint: { rules } });
    assert.equal(r.text, 'enable.idempotence=true\nlinger.ms=7\ncompression.type=lz4\n');
    assert.equal(r.applied, 1);
    assert.deepEqual(r.rejected.map((x) => x.ruleId).sort(), ['test-fix-keeps-finding', 'test-fix-makes-error']);
    assert.deepEqual(
      r.remaining.map((f) => f.ruleId),
      ['test-fix-keeps-finding', 'test-fix-makes-error'],
    );
    // why it was rejected: applied on its own, that fix brings an error that was not there
    const lz4 = service.lint(input, service.DEFAULT_SETTINGS, { rules }).findings.find((f) => f.ruleId === 'test-fix-makes-error')!;
    const withIt = service.applyEdits(text, lz4.fixes[0].edits);
    const errorsAfter = service
      .lint({ ...input, text: withIt }, service.DEFAULT_SETTINGS, { rules })
      .findings.filter((f) => f.severity === 'error');
    assert.ok(
      errorsAfter.some((f) => f.ruleId === 'idempotence-acks-conflict'),
      JSON.stringify(errorsAfter.map((f) => f.ruleId)),
    );
  });

  test('stops after at most 3 passes and is idempotent on its own output', () => {
    const input = { fileName: 'producer.properties', text: BROKEN };
    const r = service.safeFixAll(input, service.DEFAULT_SETTINGS);
    assert.ok(r.passes >= 1 && r.passes <= 3, String(r.passes));
    assert.equal(r.text, BROKEN_FIXED);
    const again = service.safeFixAll({ ...input, text: r.text }, service.DEFAULT_SETTINGS);
    assert.equal(again.text, r.text);
    assert.equal(again.applied, 0);
    assert.equal(again.passes, 0);
  });
});

describe('a second --fix changes nothing', () => {
  test('over a copy of examples/ and of the protocol fixtures: the second run writes no byte and fixes nothing', () => {
    const d = dir();
    fs.cpSync(path.join(ROOT, 'examples'), path.join(d, 'examples'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'test', 'protocol', 'fixtures'), path.join(d, 'fixtures'), { recursive: true });
    const first = cli(['--fix', '.'], d);
    assert.ok(first.status === 0 || first.status === 1, first.stderr);
    assert.match(first.stderr, /fixed \d+ problems? in \d+ files?/);
    const after = snapshot(d);
    const second = cli(['--fix', '.'], d);
    assert.equal(second.status, first.status, second.stderr);
    assert.doesNotMatch(second.stderr, /fixed/);
    assert.deepEqual(snapshot(d), after, 'the second --fix rewrote files');
    // what is left is the same report
    assert.equal(second.stdout, first.stdout);
  });
});

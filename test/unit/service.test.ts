/**
 * The service as a library: bad input never throws, a failing rule does not take the
 * others down, hover explains the effective state, fix-all converges, settings change
 * severities, and the service stays pure (no vscode, LSP, fs, net or child_process).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, service, settingsWith, type LintSettings } from '../support/service';
import { JAVA } from '../support/clientMessages';

const IFL = 'max.in.flight.requests.per.connection';
const lint = (text: string, settings: Partial<LintSettings> = {}, fileName = 'producer.properties') =>
  service.lint({ fileName, text }, settingsWith(settings));
const ids = (r: { findings: Array<{ ruleId: string }> }) => r.findings.map((f) => f.ruleId);

describe('bad input: lint returns, never throws', () => {
  test('half-typed lines', () => {
    const inputs = [
      'acks',
      'acks=',
      'acks =',
      'enable.idempotence=tr',
      'enable.idempotence',
      'max.in.flight.requests.per.connection=',
      `${IFL}=99999999999999999999`,
      'retries=-',
      'transactional.id',
      '=',
      ':',
      '\\',
      'acks=\\',
      'acks=\\u00',
      'acks=1\\',
      '#',
      '!kafka-idempotence-disable',
      '# kafka-idempotence-disable-next-line ,,, -- ',
      'delivery.timeout.ms=1e9',
    ];
    for (const text of inputs) {
      for (const v of ['0.11.0', '2.8', '3.0.0', '3.9', 'latest']) {
        for (const t of [text, `${text}\n`, `enable.idempotence=true\n${text}`]) {
          const r = lint(t, { kafkaClientsVersion: v });
          assert.deepEqual(r.failures, [], `${JSON.stringify(t)} @${v}`);
          assert.ok(Array.isArray(r.findings));
          for (const f of r.findings) {
            assert.ok(
              f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= t.length,
              `${JSON.stringify(t)}: span ${JSON.stringify(f.span)}`,
            );
          }
        }
      }
    }
    // what the half-typed values mean to the client
    assert.ok(lint('acks=').findings.some((f) => f.ruleId === 'acks-invalid-value' && f.message.includes(JAVA.acksInvalid(''))));
    assert.ok(
      lint('acks').findings.some((f) => f.ruleId === 'acks-invalid-value'),
      'a key alone has the empty value',
    );
    assert.ok(
      lint('enable.idempotence=tr').findings.some(
        (f) => f.ruleId === 'enable-idempotence-invalid-boolean' && f.message.includes(JAVA.booleanInvalid('tr')),
      ),
    );
  });

  test('a 20 MB text: a notice, no findings', () => {
    const text = 'acks=1\n'.repeat(3_000_000);
    assert.ok(text.length > 20_000_000);
    const r = lint(text);
    assert.match(r.notice ?? '', /size limit/);
    assert.match(r.notice ?? '', /kafkaIdempotence\.maxFileSize/);
    // nothing lost without a word: the file-not-linted notice at the start of the file
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.severity, f.span, f.fixes.length, f.suppress]),
      [['file-not-linted', 'warning', { start: 0, end: 0 }, 0, undefined]],
    );
    assert.match(r.findings[0].message, /^Not linted: 20508 KB is above the size limit of 5120 KB/);
    assert.deepEqual(r.failures, []);
  });

  test('binary content (NUL bytes): a notice, nothing judged', () => {
    const r = lint('acks=1\n\u0000\u0000\u0001PK\u0003\u0004');
    assert.match(r.notice ?? '', /binary/);
    assert.deepEqual(ids(r), ['file-not-linted']);
    assert.match(r.findings[0].message, /looks binary/);
    // the notice follows the rules setting
    assert.deepEqual(lint('acks=1\n\u0000', { rules: { 'file-not-linted': 'off' } }).findings, []);
    assert.deepEqual(
      lint('acks=1\n\u0000', { rules: { 'file-not-linted': 'error' } }).findings.map((f) => f.severity),
      ['error'],
    );
  });

  test('invalid UTF-8, decoded to U+FFFD', () => {
    const bytes = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9, 0xff, 0xc3]),
      Buffer.from('\nbootstrap.servers=broker-1:9092\nacks=1\n'),
    ]);
    const text = bytes.toString('utf8');
    assert.ok(text.includes('\ufffd'));
    const r = lint(text, { kafkaClientsVersion: '3.9' });
    assert.equal(r.notice, undefined, 'a few bad bytes in a comment do not make a file binary');
    assert.deepEqual(ids(r), ['idempotence-implicit-downgrade']);
    // text an editor could not decode is still text, not binary: only NUL and control characters are
    const garbage = Buffer.from(Array.from({ length: 4000 }, (_, i) => 0x80 + (i % 64))).toString('utf8');
    assert.equal(lint(`${garbage}\nacks=1\n`, { kafkaClientsVersion: '3.9' }).notice, undefined);
    assert.deepEqual(ids(lint(`# ${garbage}\nacks=1\n`, { kafkaClientsVersion: '3.9' })), ['idempotence-implicit-downgrade']);
    const controls = lint('\u0001\u0002\u0003\u0004acks=1\n');
    assert.match(controls.notice ?? '', /binary/);
  });

  test('a very long single line', () => {
    const servers = `bootstrap.servers=${'broker.example.com:9092,'.repeat(100_000)}`;
    const r = lint(`${servers}\nacks=1\n`, { kafkaClientsVersion: '3.9' });
    assert.deepEqual(ids(r), ['idempotence-implicit-downgrade']);
    assert.equal(r.findings[0].span.start, servers.length + 1 + 'acks='.length);
    const longValue = lint(`acks=${'x'.repeat(1_000_000)}`);
    assert.deepEqual(ids(longValue), ['acks-invalid-value']);
    const longKey = lint(`${'k'.repeat(1_000_000)}=1\nacks=all`);
    assert.deepEqual(longKey.failures, []);
    const continued = lint(`acks=${'\\\n'.repeat(50_000)}1\n`, { kafkaClientsVersion: '3.9' });
    assert.deepEqual(ids(continued), ['idempotence-implicit-downgrade']);
  });

  test('many entries and many directives', () => {
    const text =
      Array.from({ length: 20_000 }, (_, i) => `# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nk${i}=v\n`).join('') +
      'acks=1\n';
    const r = lint(text, { kafkaClientsVersion: '3.9' });
    assert.deepEqual(r.failures, []);
    assert.equal(r.findings.filter((f) => f.ruleId === 'unused-disable-directive').length, 20_000);
    assert.equal(r.findings.filter((f) => f.ruleId === 'idempotence-implicit-downgrade').length, 1);
  });

  test('files that are not linted at all', () => {
    assert.deepEqual(lint('acks=1\n', {}, 'README.md').findings, []);
    assert.deepEqual(lint('acks=1\n', { enable: false }).findings, []);
    assert.deepEqual(ids(lint('acks=1\n', { maxFileSize: 3 })), ['file-not-linted']);
    assert.match(lint('acks=1\n', { maxFileSize: 3 }).notice ?? '', /size limit/);
    // a file of a type the linter does not read gets no notice, however large
    assert.deepEqual(lint('acks=1\n', { maxFileSize: 3 }, 'README.md').findings, []);
  });
});

describe('resilience', () => {
  test('a rule that throws: the other rules still report, failures name it', () => {
    const failing = service.defineRule(
      { id: 'test-always-throws', description: 'throws', headline: 'throws', defaultSeverity: 'error', fixable: false, clients: ['java'] },
      () => {
        throw new Error('kaboom');
      },
    );
    const text = 'enable.idempotence=true\nacks=1\n';
    const r = service.lint({ fileName: 'producer.properties', text }, settingsWith(), { rules: [failing, ...service.ALL_RULES] });
    // the failure is not silent: an internal-error notice names the rule and the error
    assert.deepEqual(ids(r), ['internal-error', 'idempotence-acks-conflict']);
    assert.match(r.findings[0].message, /^Internal error: rule test-always-throws \(Error: kaboom\) failed on this file/);
    assert.equal(r.findings[0].suppress, undefined);
    assert.equal(r.failures.length, 1);
    assert.match(r.failures[0], /test-always-throws/);
    assert.match(r.failures[0], /kaboom/);
    const again = service.lint({ fileName: 'producer.properties', text }, settingsWith(), { rules: [...service.ALL_RULES, failing] });
    assert.deepEqual(ids(again), ['internal-error', 'idempotence-acks-conflict']);
    // a directive covers it as any other finding of a file that was read
    const covered = service.lint(
      { fileName: 'producer.properties', text: `# kafka-idempotence-disable internal-error\n${text}` },
      settingsWith(),
      { rules: [failing, ...service.ALL_RULES] },
    );
    assert.deepEqual(ids(covered), ['idempotence-acks-conflict']);
  });

  test('a rule that reports nonsense fixes: the fix is dropped, the finding kept', () => {
    const overlapping = service.defineRule(
      {
        id: 'test-overlapping-fix',
        description: 'bad fix',
        headline: 'bad fix',
        defaultSeverity: 'warning',
        fixable: true,
        clients: ['java'],
      },
      (ctx) =>
        ctx.report({
          span: ctx.block.anchor,
          message: 'overlap',
          fixes: [
            {
              title: 'overlapping',
              edits: [
                { span: { start: 0, end: 4 }, newText: 'a' },
                { span: { start: 2, end: 6 }, newText: 'b' },
              ],
            },
          ],
        }),
    );
    const r = service.lint({ fileName: 'producer.properties', text: 'acks=all\n' }, settingsWith(), { rules: [overlapping] });
    assert.equal(r.findings.length, 1);
    assert.deepEqual(r.findings[0].fixes, []);
  });
});

describe('hover', () => {
  const hover = (text: string, version: string, at: string | number) => {
    const offset = typeof at === 'number' ? at : text.indexOf(at) + 1;
    return service.hover({ fileName: 'producer.properties', text }, settingsWith({ kafkaClientsVersion: version }), offset)?.markdown ?? '';
  };

  test('on enable.idempotence: the effective state for the version, and how idempotence works', () => {
    const on = hover('enable.idempotence=true\nacks=all\n', '3.9', 'enable');
    assert.match(on, /Idempotence in producer\.properties: explicitly on/);
    assert.match(on, /kafka-clients 3\.9/);
    for (const word of ['producer id', 'PID', 'epoch', 'sequence', 'last \\*\\*5\\*\\* batches', 'read_committed']) {
      assert.match(on, new RegExp(word), word);
    }
    assert.match(
      hover('enable.idempotence=false\n', 'latest', 'enable'),
      /Idempotence in producer\.properties: off: enable\.idempotence=false is set explicitly/,
    );
    const old = hover('enable.idempotence=true\n', '3.0.0', 'enable');
    assert.match(old, /explicitly on/);
    assert.match(old, /KAFKA-13598/);
    const refused = hover('enable.idempotence=true\nacks=1\n', '3.9', 'true');
    assert.match(refused, /the producer refuses to start/);
    assert.ok(refused.includes(`\`acks=1\` (line 2): the client refuses to start — "${JAVA.acksThrow}"`), refused);
  });

  test('on the other idempotence keys: on by default, silently disabled, off', () => {
    // With enable.idempotence present the state is always explicit; the implicit states show on the other keys.
    assert.match(hover('acks=all\n', '3.9', 'acks'), /\(kafka-clients 3\.9\): on by default in kafka-clients 3\.9\./);
    assert.match(hover('acks=all\n', 'latest', 'acks'), /on by default in kafka-clients 4\.x \(latest\)/);
    assert.match(hover('acks=1\n', '3.9', 'acks'), /silently disabled by acks=1/);
    assert.match(hover(`${IFL}=6\n`, '3.2', 'max'), /silently disabled by max\.in\.flight\.requests\.per\.connection=6/);
    assert.match(hover('acks=1\n', '2.8', 'acks'), /off: kafka-clients 2\.8 defaults enable\.idempotence to false/);
    assert.match(
      hover('acks=all\n', '3.0.0', 'acks'),
      /off: kafka-clients 3\.0\.0 declares enable\.idempotence=true but never applies that default/,
    );
    assert.match(hover('transactional.id=tx\n', '2.8', 'transactional'), /on, because transactional\.id is set/);
  });

  test('when the version is not configured, the hover says where older clients differ (catalogue §1.5)', () => {
    const at = (text: string, settings: Partial<LintSettings>) =>
      service.hover({ fileName: 'producer.properties', text }, settingsWith(settings), 1)?.markdown ?? '';
    const caveat = /not configured\. Before 3\.0, and in 3\.0\.0 and 3\.1\.0 \(KAFKA-13598\), idempotence is off/;
    assert.match(at('acks=all\n', {}), caveat);
    assert.match(at('acks=all\n', { kafkaClientsVersion: 'nonsense' }), caveat);
    assert.doesNotMatch(at('acks=all\n', { kafkaClientsVersion: '3.9' }), caveat);
    assert.doesNotMatch(at('acks=all\n', { kafkaClientsVersionSource: 'pom.xml' }), caveat, 'latest, read from the build');
    assert.doesNotMatch(at('enable.idempotence=true\n', {}), caveat, 'explicit: the default does not matter');
    assert.doesNotMatch(at('acks=all\ntransactional.id=t\n', {}), caveat, 'transactional.id turns it on in every version');
  });

  test('no hover away from a known key', () => {
    assert.equal(hover('# comment\nacks=all\n', 'latest', 2), '');
    assert.equal(hover('client.id=x\nacks=all\n', 'latest', 'client'), '');
    assert.equal(service.hover({ fileName: 'consumer.properties', text: 'group.id=g\n' }, settingsWith(), 1), undefined);
  });
});

describe('fixAll', () => {
  const cases: Array<[string, string]> = [
    ['latest', `# several conflicts\nenable.idempotence=true\nacks=1\nretries=0\n${IFL}=10\ntransactional.id=\nacks=ALL\n`],
    ['3.9', `transactional.id=tx\nacks=0\nretries=0\n${IFL}=7\ndelivery.timeout.ms=10\n`],
    ['3.9', `acks=1\nretries=0\n${IFL}=6\n`],
    ['3.0.0', `acks=0\nretries=0\n${IFL}=6\n`],
    ['2.8', `acks=1\nretries=3\n${IFL}=1\nenable.idempotency=false\n`],
    ['0.11.0', `enable.idempotence=true\nacks=1\nretries=0\n${IFL}=5\n`],
    ['latest', `enable.idempotence=yes\nacks=1\nenable.idempotency=true\n`],
  ];
  for (const [version, text] of cases) {
    test(`converges in at most 3 passes @${version}: ${JSON.stringify(text).slice(0, 60)}`, () => {
      const settings = settingsWith({ kafkaClientsVersion: version });
      const input = { fileName: 'producer.properties', text };
      const r = service.fixAll(input, settings);
      const auto = service
        .lint(input, settings)
        .findings.some((f) => (f.severity === 'error' || f.severity === 'warning') && f.fixes.length > 0);
      assert.ok(r.passes <= 3 && r.passes >= 1 === auto, `passes: ${r.passes}`);
      assert.equal(service.parseProperties(r.text).jdkWouldThrow, false);
      // nothing fixable is left
      const again = service.fixAll({ ...input, text: r.text }, settings);
      assert.equal(again.applied, 0, `still fixable after fix-all:\n${r.text}\n${again.remaining.map((f) => f.ruleId).join('\n')}`);
      assert.equal(again.text, r.text);
      // no errors or warnings remain, and the config does not hold a key twice
      const left = service
        .lint({ ...input, text: r.text }, settings)
        .findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(
        left.map((f) => `${f.ruleId}: ${f.message}`),
        [],
        r.text,
      );
      const count = (t: string, k: string) => service.parseProperties(t).entries.filter((e) => e.key === k).length;
      for (const k of ['enable.idempotence', 'acks', 'retries', IFL, 'transactional.id', 'delivery.timeout.ms']) {
        assert.ok(count(r.text, k) <= Math.max(1, count(text, k)), `fix-all wrote ${k} more than once:\n${r.text}`);
      }
    });
  }

  test('fix-all applies errors and warnings only; info advice is applied when its rule is asked for', () => {
    const settings = settingsWith({ kafkaClientsVersion: '3.0.0' });
    const input = { fileName: 'producer.properties', text: 'acks=all\n' };
    assert.deepEqual(
      service.lint(input, settings).findings.map((f) => `${f.ruleId}:${f.severity}`),
      ['idempotence-not-on-by-default:info'],
    );
    assert.equal(service.fixAll(input, settings).text, 'acks=all\n', 'an info finding is advice: not applied behind the user');
    assert.equal(service.fixAll(input, settings, { ruleId: 'idempotence-not-on-by-default' }).text, 'acks=all\nenable.idempotence=true\n');
    const explicitOff = { fileName: 'producer.properties', text: 'enable.idempotence=false\n' };
    assert.equal(
      service.fixAll(explicitOff, settingsWith({})).text,
      'enable.idempotence=false\n',
      'a deliberate false is never flipped by fix-all',
    );
  });

  test('fix-all for one rule only touches that rule', () => {
    const r = service.fixAll(
      { fileName: 'producer.properties', text: 'acks=1\nretries=0\n' },
      settingsWith({ kafkaClientsVersion: '3.9' }),
      { ruleId: 'idempotence-implicit-downgrade' },
    );
    assert.equal(r.text, 'acks=all\n');
    const only = service.fixAll({ fileName: 'producer.properties', text: 'acks=ALL\nretries=3\n' }, settingsWith(), {
      ruleId: 'acks-invalid-value',
    });
    assert.equal(only.text, 'acks=all\nretries=3\n');
  });
});

describe('settings', () => {
  test('rules.<id>=off silences a rule, hint/error change its severity, default restores it', () => {
    const text = 'acks=1\n';
    const base = { kafkaClientsVersion: '3.9' };
    assert.deepEqual(
      lint(text, base).findings.map((f) => [f.ruleId, f.severity]),
      [['idempotence-implicit-downgrade', 'warning']],
    );
    assert.deepEqual(ids(lint(text, { ...base, rules: { 'idempotence-implicit-downgrade': 'off' } })), []);
    assert.deepEqual(
      lint(text, { ...base, rules: { 'idempotence-implicit-downgrade': 'hint' } }).findings.map((f) => f.severity),
      ['hint'],
    );
    assert.deepEqual(
      lint(text, { ...base, rules: { 'idempotence-implicit-downgrade': 'error' } }).findings.map((f) => f.severity),
      ['error'],
    );
    assert.deepEqual(
      lint(text, { ...base, rules: { 'idempotence-implicit-downgrade': 'default' } }).findings.map((f) => f.severity),
      ['warning'],
    );
  });

  test('a per-finding severity (delivery timeout warning) yields to the setting', () => {
    const text = 'request.timeout.ms=130000\n';
    assert.deepEqual(
      lint(text).findings.map((f) => f.severity),
      ['info'],
    );
    assert.deepEqual(
      lint(text, { rules: { 'delivery-timeout-too-small': 'warning' } }).findings.map((f) => f.severity),
      ['warning'],
    );
  });

  test('turning a rule off makes its directives unused; unused-disable-directive can be off too', () => {
    const text = '# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=1\n';
    const off = { kafkaClientsVersion: '3.9', rules: { 'idempotence-implicit-downgrade': 'off' as const } };
    assert.deepEqual(ids(lint(text, off)), ['unused-disable-directive']);
    assert.deepEqual(ids(lint(text, { ...off, rules: { ...off.rules, 'unused-disable-directive': 'off' as const } })), []);
  });

  test('every rule has kebab-case id, docs URL from the id, and a description', () => {
    for (const r of service.ALL_RULES) {
      assert.match(r.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.equal(r.meta.docsUrl, service.docsUrl(r.meta.id));
      assert.ok(r.meta.docsUrl.endsWith(`/docs/rules/${r.meta.id}.md`));
      assert.ok(r.meta.description.length > 10);
    }
    assert.equal(new Set(service.ALL_RULES.map((r) => r.meta.id)).size, service.ALL_RULES.length);
  });
});

describe('the service is pure', () => {
  const FORBIDDEN =
    /^(node:)?(fs|fs\/promises|net|tls|http|https|http2|dgram|child_process|worker_threads|cluster)$|^vscode$|^vscode-languageserver(\/.*|-.*)?$|^vscode-languageclient/;

  function tsFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? tsFiles(p) : n.endsWith('.ts') ? [p] : [];
    });
  }

  test('server/src/service/** imports neither vscode, the LSP libraries, fs, net nor child_process', () => {
    const dir = path.join(ROOT, 'server', 'src', 'service');
    const files = tsFiles(dir);
    assert.ok(files.length >= 10, `found ${files.length} files under ${dir}`);
    const specifier =
      /\bfrom\s+['"]([^'"]+)['"]|\bimport\s+['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
    const bad: string[] = [];
    let seen = 0;
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(specifier)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
        seen++;
        if (FORBIDDEN.test(spec)) bad.push(`${path.relative(ROOT, f)}: ${spec}`);
        if (!spec.startsWith('.') && !['yaml', 'typescript', 'ignore', 'saxes'].includes(spec))
          bad.push(`${path.relative(ROOT, f)}: unexpected package ${spec}`);
      }
    }
    assert.ok(seen > 20, 'the scan saw the imports');
    assert.deepEqual(bad, []);
  });

  test('the scan would catch a forbidden import', () => {
    for (const spec of ['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'fs', 'node:fs', 'net', 'node:child_process']) {
      assert.ok(FORBIDDEN.test(spec), spec);
    }
    assert.ok(!FORBIDDEN.test('./lint'));
  });
});

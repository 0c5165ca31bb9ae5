/**
 * Hostile input (issue 7): binary, invalid UTF-8, a file above maxFileSize, a 10 MB line, mixed
 * line endings. Each returns a sane result; memory growth is bounded loosely (no timing asserts).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkInvariants } from '../support/fuzz';
import { service, settingsWith } from '../support/service';

const MB = 1024 * 1024;

function heapGrowth(run: () => void): number {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  run();
  global.gc?.();
  return process.memoryUsage().heapUsed - before;
}

test('binary content (NUL bytes) is skipped with a notice', () => {
  const text = 'acks=1\n\u0000\u0001\u0002PK\u0003\u0004' + '\u0000'.repeat(100);
  const r = service.lint({ fileName: 'producer.properties', text }, settingsWith());
  assert.deepEqual(
    r.findings.map((f) => f.ruleId),
    ['file-not-linted'],
  );
  assert.match(r.findings[0].message, /looks binary/);
  assert.match(r.notice ?? '', /binary/);
});

test('invalid UTF-8 decodes to U+FFFD and lints sanely', () => {
  const bytes = Buffer.concat([
    Buffer.from('key.serializer=x\nenable.idempotence=true\nacks=1\nclient.id='),
    Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
    Buffer.from('\n'),
  ]);
  const text = new TextDecoder('utf-8').decode(bytes);
  assert.ok(text.includes('\ufffd'));
  const r = checkInvariants({ fileName: 'producer.properties', text }, settingsWith(), { fixes: true });
  assert.ok(r.findings.some((f) => f.ruleId === 'idempotence-acks-conflict'));
  // mostly undecodable: still text (a file in another encoding), not binary
  const garbage = new TextDecoder('utf-8').decode(Buffer.alloc(4096, 0xff));
  const g = service.lint({ fileName: 'producer.properties', text: `#${garbage}\nenable.idempotence=true\nacks=1\n` }, settingsWith());
  assert.equal(g.notice, undefined);
  assert.deepEqual(
    g.findings.map((f) => f.ruleId),
    ['idempotence-acks-conflict'],
  );
});

test('a 50 MB file is skipped above maxFileSize with a notice naming the limit', () => {
  const text = 'acks=1\n'.repeat(Math.ceil((50 * MB) / 7));
  const settings = settingsWith();
  let r: ReturnType<typeof service.lint> | undefined;
  const grew = heapGrowth(() => {
    r = service.lint({ fileName: 'producer.properties', text }, settings);
  });
  assert.deepEqual(
    r!.findings.map((f) => f.ruleId),
    ['file-not-linted'],
  );
  assert.match(r!.findings[0].message, /size limit of 5120 KB/);
  assert.match(r!.notice ?? '', /size limit of 5120 KB/);
  assert.match(r!.notice ?? '', /kafkaIdempotence\.maxFileSize/);
  assert.ok(grew < 16 * MB, `heap grew by ${grew}`);
  // a configurable limit
  const small = service.lint({ fileName: 'producer.properties', text: 'acks=1\n'.repeat(100) }, settingsWith({ maxFileSize: 100 }));
  assert.match(small.notice ?? '', /size limit/);
});

test('a single 10 MB line is linted with bounded memory', () => {
  const text = 'key.serializer=x\nenable.idempotence=true\nacks=1\nclient.id=' + 'x'.repeat(10 * MB) + '\n';
  let r: ReturnType<typeof service.lint> | undefined;
  const grew = heapGrowth(() => {
    r = service.lint({ fileName: 'producer.properties', text }, settingsWith({ maxFileSize: 64 * MB }));
  });
  assert.equal(r!.failures.length, 0);
  assert.ok(r!.findings.some((f) => f.ruleId === 'idempotence-acks-conflict'));
  for (const f of r!.findings) assert.ok(f.span.end <= text.length);
  // linear, loosely: the properties parser keeps two number[] per code unit of a logical line
  // while it reads it (~16+ bytes per char); without --expose-gc garbage counts too
  assert.ok(grew < 64 * text.length, `heap grew by ${grew} for ${text.length} chars`);
});

test('mixed CRLF/LF/CR line endings', () => {
  const text = 'key.serializer=x\r\nenable.idempotence=true\racks=1\nretries=0\r\n# comment\rmax.in.flight.requests.per.connection=9';
  const r = checkInvariants({ fileName: 'producer.properties', text }, settingsWith(), { fixes: true });
  const ids = r.findings.map((f) => f.ruleId).sort();
  assert.ok(ids.includes('idempotence-acks-conflict'), ids.join());
  assert.ok(ids.includes('idempotence-retries-zero'), ids.join());
  assert.ok(ids.includes('idempotence-max-in-flight-gt-5'), ids.join());
});

test('TypeScript: code on which the TypeScript parser itself fails an assertion gives the file-not-linted notice and no failure', () => {
  // TypeScript 5.9: `await g();@.` inside an async function throws "Debug Failure. False expression."
  const text =
    "import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ brokers: ['b:9092'] }).producer({ idempotent: true });\nasync function f() {\n  const tx = await producer.transaction();@.\n  await tx.commit();\n}\n";
  const r = service.lint({ fileName: 'p.ts', text }, service.DEFAULT_SETTINGS);
  assert.deepEqual(r.failures, []);
  assert.deepEqual(
    r.findings.map((f) => [f.ruleId, f.span]),
    [['file-not-linted', { start: 0, end: 0 }]],
  );
  assert.match(r.findings[0].message, /^Not linted: the TypeScript parser failed on this text \(Debug Failure/);
});

// TS/JS (the YAML alias bomb and 10,000-deep YAML nesting are in yaml-parse.test.ts)

const KAFKAJS_HEAD = [
  "import { Kafka } from 'kafkajs';",
  "const kafka = new Kafka({ brokers: ['b:9092'] });",
  'const producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });',
  "producer.send({ topic: 't', acks: 1, messages: [] });",
  '',
].join('\n');

const ids = (r: ReturnType<typeof service.lint>) => r.findings.map((f) => f.ruleId);

test('TS: a 20,000-term string concatenation (a left-nested binary tree as deep as it is long) is walked without recursion', () => {
  const chain = Array.from({ length: 20000 }, () => "'a'").join(' + ');
  for (const text of [`${KAFKAJS_HEAD}const x = ${chain};\n`, `${KAFKAJS_HEAD}class Holder { constructor() { this.id = ${chain}; } }\n`]) {
    const r = service.lint({ fileName: 'chain.ts', text }, settingsWith());
    assert.deepEqual(r.failures, []);
    assert.deepEqual(ids(r), ['kafkajs-idempotent-acks']);
  }
});

for (const [name, body] of [
  ['object literals', `const y = ${'{ a: '.repeat(10000)}1${' }'.repeat(10000)};\n`],
  ['array literals', `const z = ${'['.repeat(10000)}${']'.repeat(10000)};\n`],
  ['unclosed object/array literals', `const w = ${'{ a: ['.repeat(10000)}\n`],
] as const) {
  test(`TS: 10,000-deep ${name} do not throw; the result is the producer's findings or the parser's failure, nothing else`, () => {
    const text = KAFKAJS_HEAD + body;
    let r: ReturnType<typeof service.lint> | undefined;
    assert.doesNotThrow(() => {
      r = service.lint({ fileName: 'deep.ts', text }, settingsWith());
    });
    for (const f of r!.findings) assert.ok(f.span.start >= 0 && f.span.end <= text.length);
    // TypeScript's own parser recurses per level; when it runs out of stack the service reads
    // nothing from the file (a parse problem and its notice, not a crash, not an internal failure, not a wrong finding)
    assert.deepEqual(r!.failures, []);
    if (!ids(r!).includes('kafkajs-idempotent-acks')) {
      const doc = service.parseDocument('typescript', text, { fileName: 'deep.ts' });
      assert.ok(
        doc?.problems.some((p) => p.code === 'typescript-parser-failure' && /RangeError|stack/i.test(p.message)),
        JSON.stringify(doc?.problems),
      );
      // not silent: the file says it was not linted
      assert.deepEqual(ids(r!), ['file-not-linted']);
      assert.match(r!.findings[0].message, /TypeScript parser failed on this text \(Maximum call stack size exceeded\)/);
    } else {
      assert.ok(ids(r!).includes('kafkajs-idempotent-acks'), ids(r!).join());
    }
    // and the same service still lints the next file
    assert.ok(ids(service.lint({ fileName: 'ok.ts', text: KAFKAJS_HEAD }, settingsWith())).includes('kafkajs-idempotent-acks'));
  });
}

test('TS/JS: unterminated strings and template literals after the producer leave its findings intact', () => {
  for (const [fileName, tail] of [
    ['a.ts', 'const s = "never closed\nconst t = \'also open\nconst u = `template ${ open\n'],
    ['a.js', 'const s = `never closed\n'],
  ]) {
    const text = KAFKAJS_HEAD + tail;
    const r = checkInvariants({ fileName, text }, settingsWith(), { fixes: true });
    assert.ok(ids(r).includes('kafkajs-idempotent-acks'), `${fileName}: ${ids(r).join()}`);
  }
});

test('TS: an unterminated string before the producer ends at the line break; the producer is still judged', () => {
  const text = KAFKAJS_HEAD.replace('producer.send', "const s = 'open\nproducer.send");
  const r = checkInvariants({ fileName: 'a.ts', text }, settingsWith(), { fixes: true });
  assert.ok(ids(r).includes('kafkajs-idempotent-acks'), ids(r).join());
});

test('TS: an unterminated block comment hides what follows it, and only that', () => {
  const after = checkInvariants(
    { fileName: 'a.ts', text: `${KAFKAJS_HEAD}/* never closed\nproducer.send({ topic: 't', acks: 0, messages: [] });\n` },
    settingsWith(),
    { fixes: true },
  );
  assert.deepEqual(
    after.findings.filter((f) => f.ruleId === 'kafkajs-idempotent-acks').map((f) => f.message.match(/not (\d)\./)?.[1]),
    ['1'],
  );
  const before = checkInvariants({ fileName: 'a.ts', text: KAFKAJS_HEAD.replace('const kafka', '/* open\nconst kafka') }, settingsWith(), {
    fixes: true,
  });
  assert.deepEqual(before.findings, []);
  assert.deepEqual(before.blocks, []);
});

test('a suppression directive never lands inside a value continued by a trailing backslash (fuzz counterexample)', () => {
  const text =
    "const Kafka = require('node-rdkafka');\nconst producer = new Kafka.Producer({ '\\\rmetadata.broker.list': 'b:9092', 'enable.idempotence': true, 'request.required.acks': 1 }, { acks: 1 });\nproducer.connect();\n";
  checkInvariants({ fileName: 'clicks.js', text }, settingsWith({ kafkaClientsVersion: '2.8' }), { fixes: true });
});

test('removing an unused directive in a block comment that a lone CR splits over two lines removes the whole comment (fuzz counterexample)', () => {
  const text =
    "const Kafka = require('node-rdkafka');\n/* kafka-idempotence-disable\r rdk-retries */\nconst p = new Kafka.Producer({ 'metadata.broker.list': 'b:9092' });\n";
  const r = service.lint({ fileName: 'clicks.js', text }, settingsWith({ kafkaClientsVersion: '2.8' }));
  const f = r.findings.find((x) => x.ruleId === 'unused-disable-directive');
  assert.ok(f, r.findings.map((x) => x.ruleId).join());
  assert.equal(
    service.applyEdits(text, f.fixes[0].edits),
    "const Kafka = require('node-rdkafka');\nconst p = new Kafka.Producer({ 'metadata.broker.list': 'b:9092' });\n",
  );
  checkInvariants({ fileName: 'clicks.js', text }, settingsWith({ kafkaClientsVersion: '2.8' }), { fixes: true });
});

test('TS/JS with syntax errors: findings, but no fix — the parser recovery decides what belongs to which property (fuzz counterexample: a removal spanning an unterminated key)', () => {
  const text =
    "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst producer = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } }).producer({\n  'enable.idempotence\n  'enable.idempotence': true,\n  'max.in.flight': 6,\n});\n";
  const r = checkInvariants({ fileName: 'payments.mjs', text }, settingsWith({ kafkaClientsVersion: '2.8' }), { fixes: true });
  assert.ok(r.findings.length > 0, 'still reported');
  assert.deepEqual(
    r.findings.flatMap((f) => f.fixes),
    [],
  );
});

// Nothing lost without a word: every way a file can be read only in part, or not at all, gives a notice
// (rule-like id, warning, at the start of the file, no fix).

const SPRING_ACKS1 = 'spring:\n  kafka:\n    producer:\n      acks: 1\n';
const notices = (r: ReturnType<typeof service.lint>) =>
  r.findings
    .filter((f) => service.isNotice(f.ruleId))
    .map((f) => ({ id: f.ruleId, severity: f.severity, span: f.span, fixes: f.fixes.length, suppress: f.suppress }));

// How deep the yaml package can recurse depends on the stack left (about 1,000 levels in a test
// runner's main thread, more in a worker): 5,000 levels are beyond it everywhere.
for (const [name, body] of [
  ['a flow sequence nested 5,000 deep', `data: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
  ['a flow map nested 5,000 deep', `data: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`],
  ['a block sequence nested 10,000 deep', `data:\n${'- '.repeat(10_000)}x\n`],
] as const) {
  test(`YAML: ${name} in the producer's document: file-partly-linted names the line, instead of a clean file`, () => {
    const text = SPRING_ACKS1 + body;
    const r = service.lint({ fileName: 'application.yml', text }, settingsWith());
    assert.deepEqual(r.failures, []);
    const n = notices(r);
    assert.deepEqual(n, [{ id: 'file-partly-linted', severity: 'warning', span: { start: 0, end: 0 }, fixes: 0, suppress: undefined }]);
    assert.match(r.findings[0].message, /^Partly linted: a YAML document nests too deeply \(or is too large\) for the parser at line \d+/);
    // in its own document, the producer's document is still judged
    const own = service.lint({ fileName: 'application.yml', text: `${SPRING_ACKS1}---\n${body}` }, settingsWith());
    assert.deepEqual(
      own.findings.map((f) => f.ruleId),
      ['file-partly-linted', 'idempotence-implicit-downgrade'],
    );
    // the severity follows the rules setting
    assert.deepEqual(
      notices(service.lint({ fileName: 'application.yml', text }, settingsWith({ rules: { 'file-partly-linted': 'off' } }))),
      [],
    );
    assert.deepEqual(
      service
        .lint({ fileName: 'application.yml', text }, settingsWith({ rules: { 'file-partly-linted': 'error' } }))
        .findings.map((f) => f.severity),
      ['error'],
    );
  });
}

test('TS: arrays nested deeper than the parser can recurse, anywhere in the file: file-not-linted, not a clean file', () => {
  for (const at of ['after', 'before'] as const) {
    const deep = `const z = ${'['.repeat(5000)}${']'.repeat(5000)};\n`;
    const text = at === 'after' ? KAFKAJS_HEAD + deep : deep + KAFKAJS_HEAD;
    const r = service.lint({ fileName: 'deep.ts', text }, settingsWith());
    assert.deepEqual(r.failures, []);
    assert.deepEqual(ids(r), ['file-not-linted'], at);
    assert.match(r.findings[0].message, /TypeScript parser failed on this text \(Maximum call stack size exceeded\)/);
  }
});

test('TS: a 100,000-term string concatenation is linted like any other file, directive comments included', () => {
  const text = `${KAFKAJS_HEAD}const s = ${Array(100_000).fill("'a'").join(' + ')};\n`;
  const r = service.lint({ fileName: 'concat.ts', text }, settingsWith());
  assert.deepEqual(r.failures, []);
  assert.deepEqual(ids(r), ['kafkajs-idempotent-acks']);
  // a comment naming the linter makes it collect the file's comments: that walk too has a stack of its own
  const withDirective = `// kafka-idempotence-disable-next-line kafkajs-idempotent-acks\n${text}`;
  const d = service.lint({ fileName: 'concat.ts', text: withDirective }, settingsWith());
  assert.deepEqual(d.failures, []);
  assert.deepEqual(ids(d), ['unused-disable-directive', 'kafkajs-idempotent-acks']);
});

test('YAML with lone CRs only (classic Mac line ends): judged on the lines an editor shows, with no edit offered', () => {
  const lf = 'spring:\n  kafka:\n    producer:\n      acks: 1\n      properties:\n        enable.idempotence: true\n';
  const cr = lf.replace(/\n/g, '\r');
  const a = service.lint({ fileName: 'application.yml', text: lf }, settingsWith());
  const b = service.lint({ fileName: 'application.yml', text: cr }, settingsWith());
  assert.deepEqual(ids(b), ['idempotence-acks-conflict']);
  assert.deepEqual(
    b.findings.map((f) => [f.span, f.message]),
    a.findings.map((f) => [f.span, f.message]),
  );
  assert.deepEqual(
    b.findings.flatMap((f) => [...f.fixes, ...(f.suppress ? [f.suppress] : [])]),
    [],
  );
  // mixed: CRLF lines with one lone CR
  const mixed = 'spring:\r\n  kafka:\r\n    producer:\r      acks: 1\r\n';
  assert.deepEqual(ids(service.lint({ fileName: 'application.yml', text: mixed }, settingsWith({ kafkaClientsVersion: '3.9' }))), [
    'idempotence-implicit-downgrade',
  ]);
});

test('every notice has a page and a row in the rules table (ALL_RULES), so SARIF and --rule know it', () => {
  for (const id of ['file-not-linted', 'file-partly-linted', 'internal-error', 'build-file-unreadable']) {
    const rule = service.RULES_BY_ID.get(id);
    assert.ok(rule, id);
    assert.equal(rule.meta.defaultSeverity, 'warning');
    assert.equal(rule.meta.fixable, false);
    assert.ok(service.isNotice(id));
  }
});

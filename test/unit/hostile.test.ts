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
  assert.deepEqual(r.findings, []);
  assert.match(r.notice ?? '', /binary/);
});

test('invalid UTF-8 decodes to U+FFFD and lints sanely', () => {
  const bytes = Buffer.concat([Buffer.from('key.serializer=x\nenable.idempotence=true\nacks=1\nclient.id='), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('\n')]);
  const text = new TextDecoder('utf-8').decode(bytes);
  assert.ok(text.includes('\ufffd'));
  const r = checkInvariants({ fileName: 'producer.properties', text }, settingsWith(), { fixes: true });
  assert.ok(r.findings.some((f) => f.ruleId === 'idempotence-acks-conflict'));
  // mostly garbage: treated as binary
  const garbage = new TextDecoder('utf-8').decode(Buffer.alloc(4096, 0xff));
  assert.match(service.lint({ fileName: 'producer.properties', text: garbage }, settingsWith()).notice ?? '', /binary/);
});

test('a 50 MB file is skipped above maxFileSize with a notice naming the limit', () => {
  const text = 'acks=1\n'.repeat(Math.ceil((50 * MB) / 7));
  const settings = settingsWith();
  let r: ReturnType<typeof service.lint> | undefined;
  const grew = heapGrowth(() => {
    r = service.lint({ fileName: 'producer.properties', text }, settings);
  });
  assert.deepEqual(r!.findings, []);
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

test('TypeScript: code on which the TypeScript parser itself fails an assertion gives no finding and no failure', () => {
  // TypeScript 5.9: `await g();@.` inside an async function throws "Debug Failure. False expression."
  const text = "import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ brokers: ['b:9092'] }).producer({ idempotent: true });\nasync function f() {\n  const tx = await producer.transaction();@.\n  await tx.commit();\n}\n";
  const r = service.lint({ fileName: 'p.ts', text }, service.DEFAULT_SETTINGS);
  assert.deepEqual(r.failures, []);
  assert.deepEqual(r.findings, []);
});

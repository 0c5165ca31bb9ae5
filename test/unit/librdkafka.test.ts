/**
 * librdkafka dialect, verdict and rules: detection, exact fix outputs, value parsing quirks,
 * unknown values, hovers. The agreement with the real library is in librdkafka-oracle.test.ts.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BlockItem, Finding, LintSettings, ProducerBlock } from '../../server/src/service';
import { load, ROOT } from '../support';

const svc = load('service');
const cfg = load('service/clients/librdkafka/config');
const S: LintSettings = svc.DEFAULT_SETTINGS;
const MARK = '# kafka-idempotence-client: librdkafka\n';

const lintText = (text: string, fileName = 'kcat-producer.properties', settings: LintSettings = S) =>
  svc.lint({ fileName, text }, settings);
const ids = (fs: Finding[]) => fs.map((f) => `${f.severity}:${f.ruleId}`);

/** RuleTester style: the finding of `ruleId`, its fix number `n` applied. */
function fixed(text: string, ruleId: string, n = 0): string {
  const f = lintText(text).findings.find((x) => x.ruleId === ruleId);
  assert.ok(f, `no ${ruleId} finding in:\n${text}`);
  const fix = f.fixes[n];
  assert.ok(fix, `${ruleId} has no fix #${n}`);
  return svc.applyEdits(text, fix.edits);
}

test('aliases resolve to the block keys used in librdkafka messages', () => {
  const c = cfg.canonicalRdkKey;
  assert.equal(c('request.required.acks'), 'acks');
  assert.equal(c('topic.acks'), 'acks');
  assert.equal(c('topic.request.required.acks'), 'acks');
  assert.equal(c('message.send.max.retries'), 'retries');
  assert.equal(c('max.in.flight.requests.per.connection'), 'max.in.flight');
  assert.equal(c('queue.buffering.max.ms'), 'linger.ms');
  assert.equal(c('delivery.timeout.ms'), 'message.timeout.ms');
  assert.equal(c('topic.metadata.refresh.interval.ms'), 'topic.metadata.refresh.interval.ms'); // a global property
  assert.equal(c('bootstrap.servers'), 'bootstrap.servers');
});

test('rd_kafka_conf_set value parsing: strtol base 0, strtod, %g, booleans, enums', () => {
  const p = cfg.parseRdkValue;
  assert.deepEqual(p('acks', 'all'), { ok: true, value: -1, text: '-1', note: undefined });
  assert.equal((p('acks', 'ALL') as { value: number }).value, -1);
  assert.deepEqual(p('acks', ' all'), { ok: false, error: 'Invalid value for configuration property "request.required.acks"' });
  assert.deepEqual(p('acks', '1001'), {
    ok: false,
    error: 'Configuration property "request.required.acks" value 1001 is outside allowed range -1..1000',
  });
  assert.equal((p('acks', '99999999999999999999') as { value: number }).value, -1); // LONG_MAX truncated to int
  assert.deepEqual(p('retries', ''), {
    ok: false,
    error: 'Integer configuration property "message.send.max.retries" cannot be set to empty value',
  });
  assert.equal((p('retries', '010') as { value: number }).value, 8);
  assert.equal((p('retries', '0x10') as { value: number }).value, 16);
  assert.match((p('retries', '5abc') as { note: string }).note, /reads "5abc" as 5/);
  assert.match((p('retries', '99999999999') as { note: string }).note, /as 1215752191: the number does not fit a 32-bit int/);
  assert.deepEqual(p('max.in.flight', '99999999999'), {
    ok: false,
    error: 'Configuration property "max.in.flight.requests.per.connection" value 1215752191 is outside allowed range 1..1000000',
  });
  assert.deepEqual(p('linger.ms', '1e6'), {
    ok: false,
    error: 'Configuration property "queue.buffering.max.ms" value 1e+06 is outside allowed range 0..900000',
  });
  assert.deepEqual(p('linger.ms', '-0.5'), {
    ok: false,
    error: 'Configuration property "queue.buffering.max.ms" value -0.5 is outside allowed range 0..900000',
  });
  assert.equal((p('linger.ms', '0x1p3') as { value: number }).value, 8);
  assert.deepEqual(p('enable.idempotence', 'yes'), { ok: false, error: 'Expected bool value for "enable.idempotence": true or false' });
  assert.deepEqual(p('enable.idempotence', 'true '), { ok: false, error: 'Expected bool value for "enable.idempotence": true or false' });
  for (const t of ['true', 'TRUE', 't', 'T', '1']) assert.equal((p('enable.idempotence', t) as { value: number }).value, 1, t);
  for (const f of ['false', 'False', 'f', '0']) assert.equal((p('enable.idempotence', f) as { value: number }).value, 0, f);
  assert.deepEqual(p('queuing.strategy', 'fifo '), {
    ok: false,
    error: 'Invalid value "fifo " for configuration property "queuing.strategy"',
  });
  assert.equal((p('queuing.strategy', ' LIFO') as { value: number }).value, 1);
  assert.deepEqual(p('transactional.id', ''), { ok: true, value: null, text: '' });
  assert.equal(cfg.formatG(123456), '123456');
  assert.equal(cfg.formatG(1234567), '1.23457e+06');
  assert.equal(cfg.formatG(0.0001), '0.0001');
  assert.equal(cfg.formatG(0.00001), '1e-05');
  assert.equal(cfg.formatG(-Infinity), '-inf');
});

test('detection: marker, settings, kcat keys, Java veto', () => {
  const marked = lintText(`${MARK}acks=all\n`, 'app.properties');
  assert.equal(marked.blocks[0]?.client, 'librdkafka');
  assert.match(marked.blocks[0].evidence, /marker/);
  const bySetting = lintText('acks=all\nbootstrap.servers=b:9092\n', 'producer.properties', { ...S, client: 'librdkafka' });
  assert.equal(bySetting.blocks[0]?.client, 'librdkafka');
  const kcat = lintText('bootstrap.servers=b:9092\nqueue.buffering.max.ms=50\nacks=1\n', 'anything.properties');
  assert.equal(kcat.blocks[0]?.client, 'librdkafka');
  assert.match(kcat.blocks[0].evidence, /queue\.buffering\.max\.ms/);
  const weakOnly = lintText('enable.idempotence=true\nmax.in.flight=10\n', 'x.properties');
  assert.equal(weakOnly.blocks[0]?.client, 'java', 'a single max.in.flight is a Java typo as much as a librdkafka alias');
  const twoWeak = lintText('max.in.flight=10\nrequest.required.acks=1\n', 'x.properties');
  assert.equal(twoWeak.blocks[0]?.client, 'librdkafka');
  const java = lintText(
    'key.serializer=org.apache.kafka.common.serialization.StringSerializer\nqueue.buffering.max.ms=5\nacks=1\n',
    'x.properties',
  );
  assert.equal(java.blocks[0]?.client, 'java');
  const javaMarker = lintText('# kafka-idempotence-client: java\nqueue.buffering.max.ms=5\nacks=all\n', 'x.properties');
  assert.equal(javaMarker.blocks[0]?.client, 'java');
  const byName = lintText('acks=all\n', 'kcat.properties');
  assert.equal(byName.blocks[0]?.client, 'librdkafka');
  const consumer = lintText('group.id=g\nauto.offset.reset=earliest\nsocket.timeout.ms=1000\n', 'kcat.properties');
  assert.deepEqual(consumer.blocks, [], 'a kcat consumer config is not a producer');
  const plain = lintText('enable.idempotence=true\nacks=1\n', 'producer.properties');
  assert.equal(plain.blocks[0]?.client, 'java');
  assert.ok(plain.findings.every((f) => !f.ruleId.startsWith('rdk-')));
});

test('an explicit conflict is an error; the same key left unset is adjusted silently', () => {
  const bad = lintText(`${MARK}enable.idempotence=true\nacks=1\n`);
  assert.deepEqual(ids(bad.findings), ['error:rdk-acks-conflict']);
  assert.match(
    bad.findings[0].message,
    /^librdkafka refuses to create the producer \(rd_kafka_new fails; node-rdkafka and confluent-kafka-javascript report it from connect\(\)\): "`acks` must be set to `all` when `enable\.idempotence` is true"\. acks=1 \(line 3\) is set explicitly/,
  );
  assert.equal(fixed(`${MARK}enable.idempotence=true\nacks=1\n`, 'rdk-acks-conflict'), `${MARK}enable.idempotence=true\nacks=all\n`);
  assert.equal(fixed(`${MARK}enable.idempotence=true\nacks=1\n`, 'rdk-acks-conflict', 1), `${MARK}enable.idempotence=false\nacks=1\n`);
  const ok = lintText(`${MARK}enable.idempotence=true\nbootstrap.servers=b:9092\n`);
  assert.deepEqual(ids(ok.findings), []);
  const v = svc.librdkafkaVerdict(ok.blocks[0]);
  assert.deepEqual(
    v.adjustments.map((a) => `${a.key}=${a.to}`),
    ['max.in.flight=5', 'retries=2147483647', 'acks=all', 'queue.buffering.backpressure.threshold=1', 'queuing.strategy=fifo'],
  );
  // the alias spelling is reported with the canonical name in librdkafka's message
  const alias = lintText(`${MARK}enable.idempotence=true\nrequest.required.acks=0\n`);
  assert.match(alias.findings[0].message, /"`acks` must be set to `all`.*request\.required\.acks=0 \(line 3\)/);
  assert.equal(
    fixed(`${MARK}enable.idempotence=true\nrequest.required.acks=0\n`, 'rdk-acks-conflict'),
    `${MARK}enable.idempotence=true\nrequest.required.acks=all\n`,
  );
});

test('transactional.id turns idempotence on unless enable.idempotence=false is set', () => {
  const implied = lintText(`${MARK}transactional.id=tx\nmax.in.flight.requests.per.connection=10\n`);
  assert.deepEqual(ids(implied.findings), ['error:rdk-max-in-flight']);
  assert.match(implied.findings[0].message, /idempotence is on because transactional\.id is set/);
  assert.equal(
    fixed(`${MARK}transactional.id=tx\nmax.in.flight.requests.per.connection=10\n`, 'rdk-max-in-flight'),
    `${MARK}transactional.id=tx\nmax.in.flight.requests.per.connection=5\n`,
  );
  const off = `${MARK}transactional.id=tx\nenable.idempotence=false\nacks=1\n`;
  assert.deepEqual(ids(lintText(off).findings), ['error:rdk-txn-needs-idempotence']);
  // removing enable.idempotence=false would make acks=1 fatal: the fix sets acks too
  assert.equal(fixed(off, 'rdk-txn-needs-idempotence'), `${MARK}transactional.id=tx\nacks=all\n`);
  assert.equal(fixed(off, 'rdk-txn-needs-idempotence', 1), `${MARK}enable.idempotence=false\nacks=1\n`);
  const empty = lintText(`${MARK}transactional.id=\nenable.idempotence=false\n`);
  assert.deepEqual(ids(empty.findings), [], 'an empty transactional.id is NULL for librdkafka: not transactional');
});

test('transaction timeouts: message.timeout.ms and socket.timeout.ms', () => {
  const t = `${MARK}transactional.id=tx\ntransaction.timeout.ms=30000\ndelivery.timeout.ms=45000\nsocket.timeout.ms=30101\n`;
  const r = lintText(t);
  assert.deepEqual(ids(r.findings), ['error:rdk-txn-message-timeout', 'error:rdk-txn-socket-timeout']);
  assert.match(
    r.findings[0].message,
    /"`message\.timeout\.ms` must be set <= `transaction\.timeout\.ms`"\. delivery\.timeout\.ms=45000 \(line 4\)/,
  );
  assert.equal(fixed(t, 'rdk-txn-message-timeout'), `${MARK}transactional.id=tx\ntransaction.timeout.ms=30000\nsocket.timeout.ms=30101\n`);
  assert.equal(
    fixed(t, 'rdk-txn-socket-timeout', 1),
    `${MARK}transactional.id=tx\ntransaction.timeout.ms=30000\ndelivery.timeout.ms=45000\nsocket.timeout.ms=30000\n`,
  );
  assert.deepEqual(ids(lintText(`${MARK}transactional.id=tx\ntransaction.timeout.ms=30000\nsocket.timeout.ms=30100\n`).findings), []);
});

test('linger.ms against message.timeout.ms, and the topic-only failure', () => {
  const r = lintText(`${MARK}message.timeout.ms=1000\nlinger.ms=1000\n`);
  assert.deepEqual(ids(r.findings), ['error:rdk-message-timeout-vs-linger']);
  assert.equal(
    fixed(`${MARK}message.timeout.ms=1000\nlinger.ms=1000\n`, 'rdk-message-timeout-vs-linger'),
    `${MARK}message.timeout.ms=1000\n`,
  );
  // no topic property set: rd_kafka_new succeeds, rd_kafka_topic_new fails (message.timeout.ms = transaction.timeout.ms)
  const topicOnly = lintText(`${MARK}transactional.id=tx\nqueue.buffering.max.ms=100000\n`);
  assert.deepEqual(ids(topicOnly.findings), ['error:rdk-message-timeout-vs-linger']);
  assert.match(topicOnly.findings[0].message, /^librdkafka refuses every topic handle of this producer \(rd_kafka_topic_new fails/);
  assert.match(topicOnly.findings[0].message, /transaction\.timeout\.ms \(60000\)/);
  // message.timeout.ms=0 is infinite: never refused
  assert.deepEqual(ids(lintText(`${MARK}message.timeout.ms=0\nlinger.ms=900000\n`).findings), ['info:rdk-idempotence-default-off']);
});

test('gapless guarantee, queuing strategy, backpressure', () => {
  const g = `${MARK}enable.gapless.guarantee=true\nmax.in.flight=100\n`;
  assert.deepEqual(ids(lintText(g).findings), ['error:rdk-gapless-needs-idempotence']);
  assert.equal(
    fixed(g, 'rdk-gapless-needs-idempotence'),
    `${MARK}enable.gapless.guarantee=true\nmax.in.flight=5\nenable.idempotence=true\n`,
  );
  assert.equal(fixed(g, 'rdk-gapless-needs-idempotence', 1), `${MARK}max.in.flight=100\n`);
  const q = `${MARK}enable.idempotence=true\nqueuing.strategy=lifo\nqueue.buffering.backpressure.threshold=10\n`;
  assert.deepEqual(ids(lintText(q).findings), ['error:rdk-queuing-strategy', 'error:rdk-backpressure']);
  assert.equal(fixed(q, 'rdk-queuing-strategy'), `${MARK}enable.idempotence=true\nqueue.buffering.backpressure.threshold=10\n`);
});

test('retries: 0 is fatal with idempotence; 5abc is read as 5 (warning, not an error)', () => {
  const r = `${MARK}enable.idempotence=true\nmessage.send.max.retries=0\n`;
  assert.deepEqual(ids(lintText(r).findings), ['error:rdk-retries']);
  assert.equal(fixed(r, 'rdk-retries'), `${MARK}enable.idempotence=true\n`);
  const odd = lintText(`${MARK}enable.idempotence=true\nretries=5abc\n`);
  assert.deepEqual(ids(odd.findings), ['warning:rdk-value-format']);
  assert.equal(fixed(`${MARK}enable.idempotence=true\nretries=5abc\n`, 'rdk-value-format'), `${MARK}enable.idempotence=true\nretries=5\n`);
});

test("value errors carry rd_kafka_conf_set's message; the failed value changes nothing", () => {
  const t = `${MARK}enable.idempotence=true\nacks=1\nrequest.required.acks=most\n`;
  const r = lintText(t);
  assert.deepEqual(ids(r.findings), ['error:rdk-acks-conflict', 'error:rdk-value-format']);
  assert.match(
    r.findings[1].message,
    /rd_kafka_conf_set fails .*: "Invalid value for configuration property "request\.required\.acks""\.$/,
  );
  // acks=1 stays in effect (a failed set changes nothing), and the conflict names it
  assert.match(r.findings[0].message, /acks=1 \(line 3\)/);
  const b = `${MARK}enable.idempotence=yes\n`;
  assert.equal(fixed(b, 'rdk-value-format'), `${MARK}enable.idempotence=true\n`);
  assert.equal(fixed(b, 'rdk-value-format', 1), MARK);
});

test('alias conflicts: the last spelling applied wins (warning)', () => {
  const t = `${MARK}acks=1\nbootstrap.servers=b:9092\nrequest.required.acks=all\n`;
  const r = lintText(t);
  assert.deepEqual(ids(r.findings), ['warning:rdk-alias-conflict', 'info:rdk-idempotence-default-off']);
  assert.match(
    r.findings[0].message,
    /^acks=1 \(line 2\) is overwritten by request\.required\.acks=all \(line 4\): both set librdkafka's request\.required\.acks/,
  );
  assert.equal(fixed(t, 'rdk-alias-conflict'), `${MARK}bootstrap.servers=b:9092\nrequest.required.acks=all\n`);
  assert.equal(fixed(t, 'rdk-alias-conflict', 1), `${MARK}acks=1\nbootstrap.servers=b:9092\n`);
  // same value in two spellings: nothing to say
  assert.deepEqual(ids(lintText(`${MARK}acks=all\nrequest.required.acks=-1\n`).findings), ['info:rdk-idempotence-default-off']);
});

test('idempotence off by default: info with a fix that also settles the conflicts it would cause', () => {
  const t = `${MARK}bootstrap.servers=b:9092\nacks=all\nmax.in.flight=20\n`;
  const r = lintText(t);
  assert.deepEqual(ids(r.findings), ['info:rdk-idempotence-default-off']);
  assert.equal(
    fixed(t, 'rdk-idempotence-default-off'),
    `${MARK}bootstrap.servers=b:9092\nacks=all\nmax.in.flight=5\nenable.idempotence=true\n`,
  );
  assert.deepEqual(ids(lintText(`${MARK}acks=1\n`).findings), [], 'acks=1: no durability intent to build on');
  assert.deepEqual(ids(lintText(`${MARK}enable.idempotence=false\n`).findings), [], 'an explicit choice');
});

test('severity settings and suppression comments work for rdk rules', () => {
  const t = `${MARK}enable.idempotence=true\n# kafka-idempotence-disable-next-line rdk-acks-conflict -- tested elsewhere\nacks=1\n`;
  assert.deepEqual(ids(lintText(t).findings), []);
  const off = lintText(`${MARK}enable.idempotence=true\nacks=1\n`, 'k.properties', { ...S, rules: { 'rdk-acks-conflict': 'warning' } });
  assert.deepEqual(ids(off.findings), ['warning:rdk-acks-conflict']);
});

test('unknown values (other formats) are never judged', () => {
  const entry = (key: string, value: string | undefined, at: number): BlockItem => ({
    key: cfg.canonicalRdkKey(key),
    entry: {
      key,
      value,
      kind: value === undefined ? 'unknown' : 'string',
      keySpan: { start: at, end: at + 1 },
      valueSpan: { start: at + 2, end: at + 3 },
      entrySpan: { start: at, end: at + 4 },
    },
  });
  const block: Pick<ProducerBlock, 'items' | 'values'> = {
    items: [
      entry('enable.idempotence', undefined, 0),
      entry('acks', '1', 10),
      entry('linger.ms', undefined, 20),
      entry('message.timeout.ms', '3', 30),
    ],
    values: new Map(),
  };
  const v = svc.evaluateLibrdkafka(block);
  assert.equal(v.idempotence, undefined);
  assert.deepEqual(v.conflicts, []);
  assert.deepEqual(v.setErrors, []);
  const txnUnknown = svc.evaluateLibrdkafka({
    items: [entry('transactional.id', undefined, 0), entry('enable.idempotence', 'false', 10)],
    values: new Map(),
  });
  assert.deepEqual(txnUnknown.conflicts, []);
});

test('a separate topic configuration replaces the topic keys of the global one', () => {
  const item = (key: string, value: string, topicConf: boolean, at: number): BlockItem => ({
    key: cfg.canonicalRdkKey(key),
    entry: {
      key,
      value,
      kind: 'string',
      keySpan: { start: at, end: at + 1 },
      valueSpan: { start: at + 2, end: at + 3 },
      entrySpan: { start: at, end: at + 4 },
      meta: topicConf ? { [svc.RDK_TOPIC_CONF_META]: true } : undefined,
    },
  });
  const v = svc.evaluateLibrdkafka({
    items: [item('enable.idempotence', 'true', false, 0), item('acks', '1', false, 10), item('message.timeout.ms', '1000', true, 20)],
    values: new Map(),
  });
  assert.deepEqual(v.conflicts, [], 'acks=1 of the global object is dropped (default_topic_conf)');
  assert.deepEqual(
    v.discarded.map((s) => s.key),
    ['acks'],
  );
  const misplaced = svc.evaluateLibrdkafka({ items: [item('enable.idempotence', 'true', true, 0)], values: new Map() });
  assert.deepEqual(
    misplaced.setErrors.map((e) => e.message),
    ['No such configuration property: "enable.idempotence"'],
  );
});

test('hover shows the effective state and what librdkafka adjusts silently', () => {
  const text = `${MARK}enable.idempotence=true\nrequest.required.acks=all\n`;
  const h = svc.hover({ fileName: 'kcat-producer.properties', text }, S, text.indexOf('enable.idem') + 3);
  assert.ok(h);
  assert.match(h.markdown, /idempotence is on \(enable\.idempotence=true is set\)/);
  assert.match(h.markdown, /`max\.in\.flight` → `5`/);
  assert.match(h.markdown, /`retries` → `2147483647`/);
  const a = svc.hover({ fileName: 'kcat-producer.properties', text }, S, text.indexOf('request.required') + 3);
  assert.ok(a);
  assert.match(a.markdown, /^`acks` \(written `request\.required\.acks`\)/);
});

test('the 13 rdk rules: librdkafka only, each with its catalogue id (pages: docs.test.ts)', () => {
  const rdk = svc.ALL_RULES.filter((r) => r.meta.id.startsWith('rdk-'));
  assert.deepEqual(rdk.map((r) => r.meta.catalogue).sort(), [
    'R-R1',
    'R-R10',
    'R-R11',
    'R-R12',
    'R-R13',
    'R-R2',
    'R-R3',
    'R-R4',
    'R-R5',
    'R-R6',
    'R-R7',
    'R-R8',
    'R-R9',
  ]);
  for (const r of rdk) {
    assert.deepEqual(r.meta.clients, ['librdkafka']);
    assert.equal(
      r.meta.defaultSeverity,
      r.meta.id === 'rdk-alias-conflict' ? 'warning' : r.meta.id === 'rdk-idempotence-default-off' ? 'info' : 'error',
    );
  }
  assert.ok(existsSync(join(ROOT, 'test', 'support', 'rdk', 'rdkcheck.c')));
});

test('each rdk rule page: its Problem example gives the finding, and the preferred fix turns it into its Fixed example', () => {
  const rdk = svc.ALL_RULES.filter((r) => r.meta.id.startsWith('rdk-'));
  for (const r of rdk) {
    const md = readFileSync(join(ROOT, 'docs', 'rules', `${r.meta.id}.md`), 'utf8');
    const blocks = [...md.matchAll(/```properties\n([\s\S]*?)```/g)].map((m) => m[1]);
    const [problem, fixedText] = blocks;
    assert.ok(problem && fixedText, `${r.meta.id}.md needs Problem and Fixed blocks`);
    const findings = lintText(problem).findings.filter((f) => f.ruleId === r.meta.id);
    assert.ok(findings.length > 0, `${r.meta.id}.md: the Problem example gives no ${r.meta.id} finding`);
    const preferred = findings.map((f) => f.fixes.find((x) => x.isPreferred)).filter((x) => x !== undefined);
    const out = svc.applyEdits(
      problem,
      preferred.flatMap((x) => x.edits),
    );
    assert.equal(out, fixedText, `${r.meta.id}.md: preferred fix of the Problem example`);
  }
});

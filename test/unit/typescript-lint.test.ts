/**
 * TS/JS producer configurations: static resolution, client detection, findings, exact
 * fix outputs, suppression, hover, robustness while typing.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ROOT, service as S, type Finding, type LintResult } from '../support/service';

const { parseTypeScript } = S;

const run = (text: string, fileName = 'producer.ts'): LintResult => {
  const r = S.lint({ fileName, text }, S.DEFAULT_SETTINGS);
  assert.deepEqual(r.failures, []);
  return r;
};
const ids = (r: LintResult, sev?: string) =>
  r.findings
    .filter((f) => !sev || f.severity === sev)
    .map((f) => f.ruleId)
    .sort();
const at = (text: string, f: Finding) => text.slice(f.span.start, f.span.end);
const one = (r: LintResult, id: string): Finding => {
  const fs = r.findings.filter((f) => f.ruleId === id);
  assert.equal(fs.length, 1, `expected one ${id}, got ${ids(r).join(', ')}`);
  return fs[0];
};
/** Applies a finding's fix by title (or the preferred one). */
const applyFix = (text: string, f: Finding, title?: string): string => {
  const fix = title ? f.fixes.find((x) => x.title === title) : f.fixes.find((x) => x.isPreferred);
  assert.ok(fix, `no fix ${title ?? '(preferred)'} among ${f.fixes.map((x) => x.title).join(' | ')}`);
  return S.applyEdits(text, fix.edits);
};

const KJS = `import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\n`;

// --- static resolution ------------------------------------------------------------------------

test('const bindings across hops, spreads (later wins), shorthand, computed keys, as const / satisfies / ! / parentheses', () => {
  const text = `${KJS}const ZERO = 0;
const base = { idempotent: true } as const;
const retries = ZERO;
const retry = { retries } satisfies Record<string, number>;
const opts = { ...base, retry };
const producer = kafka.producer({ ...(opts!) });
`;
  const r = run(text);
  const f = one(r, 'kafkajs-idempotent-retries-zero');
  assert.equal(at(text, f), 'retries', 'the shorthand property that carries the value');
  assert.match(f.message, /retry\.retries is 0/);

  const later = `${KJS}const producer = kafka.producer({ idempotent: true, retry: { retries: 0 }, ...{ retry: { retries: 3 } } });\n`;
  assert.deepEqual(ids(run(later)), ['kafkajs-idempotent-retries-limited'], 'the later spread replaces retry');

  const computed = `${KJS}const K = 'idempotent';\nconst producer = kafka.producer({ [K]: true, [\`retry\`]: { ['retries']: -1 } });\n`;
  assert.deepEqual(ids(run(computed)), ['kafkajs-idempotent-retries-zero']);

  const max = `${KJS}const producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });\n`;
  assert.deepEqual(ids(run(max)), []);
});

test('this.producer in a class, the client created in the constructor, sends and transactions', () => {
  const text = `import { Kafka, Producer } from 'kafkajs';
export class Publisher {
  private readonly kafka: Kafka;
  private producer: Producer;
  constructor() {
    this.kafka = new Kafka({ brokers: ['b:9092'], retry: { retries: 2 } });
  }
  async start() {
    this.producer = this.kafka.producer({ idempotent: true, transactionalId: 'orders-tx' });
    await this.producer.connect();
  }
  async publish() {
    await this.producer.send({ topic: 'orders', messages: [], acks: 1 });
    const tx = await this.producer.transaction();
    await tx.sendBatch({ topicMessages: [], acks: 0 });
  }
}
`;
  const r = run(text);
  assert.equal(r.blocks.length, 1);
  assert.equal(r.blocks[0].name, 'this.producer');
  const acks = r.findings.filter((f) => f.ruleId === 'kafkajs-idempotent-acks').map((f) => at(text, f));
  assert.deepEqual(acks, ['1', '0']);
  const limited = one(r, 'kafkajs-idempotent-retries-limited');
  assert.match(limited.message, /from new Kafka\(\{ retry \}\) on line 6/);
});

test('process.env fallbacks are judged on the fallback, and the message says "unless ACKS is set"', () => {
  const text = `${KJS}const producer = kafka.producer({ idempotent: true });
export const go = () => producer.send({ topic: 't', messages: [], acks: Number(process.env.ACKS ?? 1) });
`;
  const f = one(run(text), 'kafkajs-idempotent-acks');
  assert.match(f.message, /\(unless ACKS is set: without it, `Number\(process\.env\.ACKS \?\? 1\)` is 1\)/);
  const ok = text.replace('?? 1', "?? '-1'");
  assert.deepEqual(ids(run(ok), 'error'), []);
  const entries = parseTypeScript(text, 'p.ts').entries.filter((e) => e.kind === 'placeholder');
  assert.equal(entries.length, 1);
  assert.equal(entries[0].value, '1');
});

test('unknown values produce no finding', () => {
  const cases = [
    `export function make(flag: boolean) { return kafka.producer({ idempotent: flag, retry: { retries: 0 } }); }`,
    `declare const opts: object;\nconst p = kafka.producer({ idempotent: true, retry: { retries: 0 }, ...opts });`,
    `declare function retries(): number;\nconst p = kafka.producer({ idempotent: true, retry: { retries: retries() } });`,
    `let n = 0;\nconst p = kafka.producer({ idempotent: true, retry: { retries: n } });`,
    `const cfg = { idempotent: true, retry: { retries: 0 } };\ncfg.retry = { retries: 5 };\nconst p = kafka.producer(cfg);`,
    `const p = kafka.producer({ idempotent: true });\nexport const s = (acks: number) => p.send({ topic: 't', messages: [], acks });`,
    `const p = kafka.producer({ idempotent: true });\nexport const s = (x: boolean) => p.send({ topic: 't', messages: [], acks: x ? 1 : -1 });`,
    `const p = kafka.producer({ idempotent: true, retry: { retries: process.env.RETRIES } });`,
  ];
  for (const c of cases) {
    const r = run(`${KJS}${c}\n`);
    assert.deepEqual(
      ids(r).filter((i) => i !== 'kafkajs-idempotent-default-retries-5'),
      [],
      c,
    );
  }
});

test('non-Kafka code with idempotent/acks names is skipped before any AST is built', () => {
  const text = `import { Kafka } from 'kafka-node';
const kafka = new Kafka({ brokers: ['x'] });
const producer = kafka.producer({ idempotent: true, retry: { retries: 0 } });
producer.send({ topic: 't', messages: [], acks: 1 });
`;
  const doc = parseTypeScript(text, 'x.ts');
  assert.equal(doc.extra, undefined, 'no AST');
  assert.deepEqual(doc.entries, []);
  const r = run(text);
  assert.deepEqual(r.blocks, []);
  assert.deepEqual(r.findings, []);
  // a comment mentioning kafkajs alone does not make calls KafkaJS calls
  const mention = `// we moved away from 'kafkajs'\nconst p = client.producer({ idempotent: true, retry: { retries: 0 } });\n`;
  assert.deepEqual(
    run(mention).findings.filter((f) => f.severity === 'error'),
    [],
  );
});

test('file kinds: .js (require), .mjs, .cjs, .jsx, .tsx parse with the right script kind', () => {
  const body = `const producer = kafka.producer({ idempotent: true, retry: { retries: 0 } });\n`;
  const req = `const { Kafka } = require('kafkajs');\nconst kafka = new Kafka({ brokers: ['b'] });\n`;
  for (const name of ['a.js', 'a.cjs']) assert.deepEqual(ids(run(req + body, name)), ['kafkajs-idempotent-retries-zero'], name);
  assert.deepEqual(ids(run(`import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b'] });\n${body}`, 'a.mjs')), [
    'kafkajs-idempotent-retries-zero',
  ]);
  const jsx = `${req}${body}export const View = () => <div className="x">{String(1)}</div>;\n`;
  assert.deepEqual(ids(run(jsx, 'a.jsx')), ['kafkajs-idempotent-retries-zero']);
  const tsx = `${KJS}${body}export const id = <T,>(x: T) => x;\nexport const V = () => <span>{id(1)}</span>;\n`;
  assert.deepEqual(ids(run(tsx, 'a.tsx')), ['kafkajs-idempotent-retries-zero']);
  assert.equal(S.formatOf({ fileName: 'a.cjs' }), 'javascript');
});

test('NestJS Kafka transport options: client retry, producer, send', () => {
  const text = `import { ClientsModule, Transport } from '@nestjs/microservices';
export const Kafka = ClientsModule.register([
  {
    name: 'ORDERS',
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'orders', brokers: ['b:9092'], retry: { retries: 0 } },
      producer: { idempotent: true },
      send: { acks: 1 },
    },
  },
]);
export const other = ClientsModule.register([{ name: 'T', transport: Transport.TCP, options: { producer: { idempotent: true } } }]);
`;
  const r = run(text);
  assert.equal(r.blocks.length, 1);
  assert.equal(r.blocks[0].dialect, 'nestjs-kafka');
  assert.deepEqual(ids(r, 'error'), ['kafkajs-idempotent-acks', 'kafkajs-idempotent-retries-zero']);
  assert.match(one(r, 'kafkajs-idempotent-acks').message, /NestJS passes `options\.send` to every producer\.send\(\)/);
  const fixed = applyFix(text, one(r, 'kafkajs-idempotent-retries-zero'));
  assert.match(fixed, /producer: \{ idempotent: true, retry: \{ retries: Number\.MAX_SAFE_INTEGER \} \}/);
});

test('half-typed code: no crash, and the findings stay while typing', () => {
  const full = `${KJS}const producer = kafka.producer({ idempotent: true, retry: { retries: 0 }, maxInFlightRequests: 1 });
export async function go() {
  await producer.send({ topic: 't', messages: [], acks: 1 });
}
`;
  const cut = full.indexOf('retries: 0') + 'retries: 0'.length;
  let n = 0;
  for (let end = cut; end <= full.length; end++) {
    const r = run(full.slice(0, end));
    assert.ok(ids(r).includes('kafkajs-idempotent-retries-zero'), `R-K2 vanished at ${JSON.stringify(full.slice(cut, end))}`);
    n++;
  }
  assert.ok(n > 50);
  // an unclosed send object at the end of the file
  const open = `${KJS}const producer = kafka.producer({ idempotent: true });\nproducer.send({ topic: 't', acks: 1,`;
  assert.ok(ids(run(open)).includes('kafkajs-idempotent-acks'));
  // a half-typed key
  assert.doesNotThrow(() => run(`${KJS}const producer = kafka.producer({ idem`));
});

// --- fixes (exact outputs) --------------------------------------------------------------------

test('fixes keep quotes, indentation and trailing commas', () => {
  const multi = `${KJS}const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
});
`;
  const f = one(run(multi), 'kafkajs-idempotent-default-retries-5');
  assert.equal(
    applyFix(multi, f),
    `${KJS}const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  retry: { retries: Number.MAX_SAFE_INTEGER },
});
`,
  );
  const noTrailing = multi.replace('maxInFlightRequests: 1,', 'maxInFlightRequests: 1');
  assert.equal(
    applyFix(noTrailing, one(run(noTrailing), 'kafkajs-idempotent-default-retries-5')),
    `${KJS}const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  retry: { retries: Number.MAX_SAFE_INTEGER }
});
`,
  );
  const single = `${KJS}const producer = kafka.producer({ idempotent: true });\n`;
  assert.equal(
    applyFix(single, one(run(single), 'kafkajs-idempotent-default-retries-5')),
    `${KJS}const producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });\n`,
  );

  const send = `${KJS}const producer = kafka.producer({ idempotent: true, retry: { retries: 10 } });
producer.send({
  topic: 't',
  messages: [],
  acks: 'all',
});
`;
  const r = run(send);
  const acks = one(r, 'kafkajs-idempotent-acks');
  assert.equal(applyFix(send, acks), send.replace("acks: 'all'", 'acks: -1'));
  assert.equal(applyFix(send, acks, 'Remove acks (KafkaJS defaults to -1)'), send.replace("  acks: 'all',\n", ''));
  const lim = one(r, 'kafkajs-idempotent-retries-limited');
  assert.equal(applyFix(send, lim), send.replace('retries: 10', 'retries: Number.MAX_SAFE_INTEGER'));
  // the last property without a trailing comma: the previous comma goes too
  const last = send.replace("acks: 'all',", "acks: 'all'");
  assert.equal(
    applyFix(last, one(run(last), 'kafkajs-idempotent-acks'), 'Remove acks (KafkaJS defaults to -1)'),
    last.replace(",\n  acks: 'all'", ''),
  );
});

test('misplaced options are moved to the call that reads them', () => {
  const text = `${KJS}const producer = kafka.producer({ acks: -1 });
producer.send({ topic: 't', messages: [], idempotent: true });
`;
  const r = run(text);
  const fs = r.findings.filter((f) => f.ruleId === 'kafkajs-misplaced-option');
  assert.equal(fs.length, 2);
  const [acks, idem] = fs;
  assert.match(acks.message, /KafkaJS ignores acks in kafka\.producer\(\)/);
  assert.equal(
    applyFix(text, acks),
    `${KJS}const producer = kafka.producer({});
producer.send({ topic: 't', messages: [], idempotent: true, acks: -1 });
`,
  );
  assert.equal(
    applyFix(text, idem),
    `${KJS}const producer = kafka.producer({ acks: -1, idempotent: true });
producer.send({ topic: 't', messages: [] });
`,
  );
  // moving acks: 1 to an idempotent producer's sends would make them fail: the fix removes it
  const idemText = `${KJS}const producer = kafka.producer({ idempotent: true, acks: 1 });\nproducer.send({ topic: 't', messages: [] });\n`;
  const f = one(run(idemText), 'kafkajs-misplaced-option');
  assert.deepEqual(
    f.fixes.map((x) => x.title),
    ['Remove acks from kafka.producer() (sends keep -1, which an idempotent producer requires)'],
  );
  // idempotent in new Kafka() goes to the producers; kafka.producer() without arguments gets one
  const client = `import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b'], idempotent: true });\nconst producer = kafka.producer();\n`;
  assert.equal(
    applyFix(client, one(run(client), 'kafkajs-misplaced-option')),
    `import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b'] });\nconst producer = kafka.producer({ idempotent: true });\n`,
  );
});

test('transaction() without transactionalId', () => {
  const text = `${KJS}const producer = kafka.producer({ idempotent: true });\nexport const t = () => producer.transaction();\n`;
  const f = one(run(text), 'kafkajs-transaction-without-id');
  assert.equal(at(text, f), 'producer.transaction');
  assert.match(f.message, /"Must provide transactional id for transactional producer"/);
  assert.deepEqual(ids(run(text.replace('idempotent: true', "idempotent: true, transactionalId: 'tx'")), 'error'), []);
});

test('suppression comments in TS/JS', () => {
  const text = `${KJS}const producer = kafka.producer({ idempotent: true, retry: { retries: 3 } });
producer.send({
  topic: 't',
  messages: [],
  // kafka-idempotence-disable-next-line kafkajs-idempotent-acks -- legacy topic
  acks: 1,
});
/* kafka-idempotence-disable kafkajs-idempotent-retries-limited */
`;
  assert.deepEqual(ids(run(text)), []);
  const unused = text.replace('acks: 1,', 'acks: -1,');
  assert.deepEqual(ids(run(unused)), ['unused-disable-directive']);
  const f = one(run(text.replace(/\s*\/\/ kafka-idem.*\n/, '\n')), 'kafkajs-idempotent-acks');
  assert.ok(f.suppress);
  assert.match(f.suppress.line.edits[0].newText, /^ {2}\/\/ kafka-idempotence-disable-next-line kafkajs-idempotent-acks\n$/);
});

test('hover on the producer call: the effective config and where each value came from', () => {
  const text = `${KJS}const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
producer.send({ topic: 't', messages: [], acks: 'all' });
`;
  const h = S.hover({ fileName: 'p.ts', text }, S.DEFAULT_SETTINGS, text.indexOf('kafka.producer') + 3);
  assert.ok(h);
  assert.match(h.markdown, /\| `idempotent` \| true \| line 3 \|/);
  assert.match(h.markdown, /\| `retry\.retries` \| 5 \| not set: the retrier's default/);
  assert.match(h.markdown, /acks 'all' — rejected/);
  const m = S.hover({ fileName: 'p.ts', text }, S.DEFAULT_SETTINGS, text.indexOf('maxInFlightRequests') + 2);
  assert.ok(m);
  assert.match(m.markdown, /does not conflict with idempotence/);
});

// --- confluent-kafka-javascript -----------------------------------------------------------------

const CK = `import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\n`;

test('CKJS KafkaJS API: kafkaJS options mapped to librdkafka keys, defaults set, top-level keys win', () => {
  const text = `${CK}const producer = kafka.producer({
  kafkaJS: { idempotent: true, maxInFlightRequests: 5 },
  'request.required.acks': -1,
});
`;
  const r = run(text);
  const b = r.blocks[0];
  assert.equal(b.client, 'librdkafka');
  assert.equal(b.dialect, 'ckjs-kafkajs');
  const v = (k: string) => b.values.get(k);
  assert.equal(v('enable.idempotence')?.value, 'true');
  assert.equal(v('enable.idempotence')?.entry?.key, 'kafkaJS.idempotent');
  assert.equal(v('max.in.flight')?.value, '5');
  assert.equal(v('acks')?.value, '-1');
  assert.equal(v('acks')?.entry?.key, 'request.required.acks', 'raw key kept in the entry');
  assert.equal(v('retries')?.value, '5');
  assert.ok(v('retries')?.injectedBy);
  assert.equal(v('transaction.timeout.ms')?.value, '60000');
  assert.deepEqual(ids(r), ['ckjs-retries-default-5']);
  const f = one(r, 'ckjs-retries-default-5');
  assert.equal(applyFix(text, f), text.replace('maxInFlightRequests: 5 }', 'maxInFlightRequests: 5, retry: { retries: 2147483647 } }'));
  // a top-level key overriding the kafkaJS block
  const over = text.replace("'request.required.acks': -1,", "'enable.idempotence': false,");
  const ro = run(over);
  assert.equal(ro.blocks[0].values.get('enable.idempotence')?.value, 'false');
  const o = one(ro, 'ckjs-kafkajs-option-overridden');
  assert.match(o.message, /'enable\.idempotence': false \(line 5\) overrides kafkaJS\.idempotent: true/);
  // no kafkaJS block at all: no compatibility defaults
  const plain = `${CK}const producer = kafka.producer({ 'enable.idempotence': true });\n`.replace(
    "{ kafkaJS: { brokers: ['b:9092'] } }",
    "{ 'bootstrap.servers': 'b:9092' }",
  );
  assert.equal(run(plain).blocks[0].values.get('retries'), undefined);
});

test('CKJS: KafkaJS keys outside kafkaJS throw (fix wraps them), send({ acks }) throws (fix moves it)', () => {
  const text = `${CK}const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5, 'linger.ms': 5 });
producer.send({ topic: 't', messages: [], acks: -1 });
`;
  const r = run(text);
  assert.deepEqual(ids(r, 'error'), ['ckjs-kafkajs-key-outside-block', 'ckjs-kafkajs-key-outside-block', 'ckjs-send-acks']);
  const [wrap] = r.findings.filter((f) => f.ruleId === 'ckjs-kafkajs-key-outside-block');
  assert.match(
    wrap.message,
    /"The 'idempotent' property seems to be a KafkaJS property in the main config block\. It must be moved to the kafkaJS block\."/,
  );
  assert.equal(
    applyFix(text, wrap),
    text.replace(
      "{ idempotent: true, maxInFlightRequests: 5, 'linger.ms': 5 }",
      "{ kafkaJS: { idempotent: true, maxInFlightRequests: 5 }, 'linger.ms': 5 }",
    ),
  );
  assert.equal(
    applyFix(text, wrap, "Write it as the librdkafka key 'enable.idempotence'"),
    text.replace('{ idempotent: true', "{ 'enable.idempotence': true"),
  );
  const send = one(r, 'ckjs-send-acks');
  assert.match(send.message, /"'acks' is not supported as a property to 'send', but must be passed to the producer during creation\."/);
  assert.equal(
    applyFix(text, send),
    `${CK}const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5, 'linger.ms': 5, acks: -1 });
producer.send({ topic: 't', messages: [] });
`,
  );
  // into an existing kafkaJS block, 'all' written as the number -1
  const kjs = `${CK}const producer = kafka.producer({ kafkaJS: { idempotent: true } });\nproducer.send({ topic: 't', messages: [], acks: 'all' });\n`;
  assert.equal(
    applyFix(kjs, one(run(kjs), 'ckjs-send-acks')),
    `${CK}const producer = kafka.producer({ kafkaJS: { idempotent: true, acks: -1 } });\nproducer.send({ topic: 't', messages: [] });\n`,
  );
  // new Kafka({ retry }) outside kafkaJS
  const client = `import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b'] }, retry: { retries: 3 } });\nconst producer = kafka.producer();\n`;
  const c = one(run(client), 'ckjs-kafkajs-key-outside-block');
  assert.match(c.message, /throws at new Kafka\(\)/);
  assert.equal(
    applyFix(client, c),
    client.replace("{ kafkaJS: { brokers: ['b'] }, retry: { retries: 3 } }", "{ kafkaJS: { brokers: ['b'], retry: { retries: 3 } } }"),
  );
});

// --- node-rdkafka and the node-rdkafka-style API ---------------------------------------------------

test('node-rdkafka: global and topic objects, aliases canonical, topic keys of the global object discarded', () => {
  const text = `const Kafka = require("node-rdkafka");
const producer = new Kafka.Producer({
  "metadata.broker.list": "b:9092",
  "enable.idempotence": true,
  "request.required.acks": 1,
  "max.in.flight.requests.per.connection": 5,
  dr_cb: true
});
const stream = Kafka.Producer.createWriteStream({ "enable.idempotence": true }, { acks: 1 }, { topic: "t" });
`;
  const r = run(text, 'p.js');
  assert.equal(r.blocks.length, 2);
  const [p, s] = r.blocks;
  assert.equal(p.client, 'librdkafka');
  assert.equal(p.values.get('acks'), undefined, 'discarded by the default topic config');
  assert.equal(p.values.get('max.in.flight')?.value, '5');
  // the discarded key stays an item (librdkafka still checks its value), but has no value in the block
  assert.deepEqual(
    p.items.map((i) => [i.key, i.entry.key]),
    [
      ['metadata.broker.list', 'metadata.broker.list'],
      ['enable.idempotence', 'enable.idempotence'],
      ['acks', 'request.required.acks'],
      ['max.in.flight', 'max.in.flight.requests.per.connection'],
    ],
  );
  assert.equal(p.topicConfInstalled, true);
  assert.equal(s.values.get('acks')?.value, '1', 'the topic object');
  const f = one(r, 'node-rdkafka-topic-key-in-global-config');
  assert.equal(at(text, f), '"request.required.acks"');
  assert.equal(
    applyFix(text, f),
    text.replace('  "request.required.acks": 1,\n', '').replace('  dr_cb: true\n});', '  dr_cb: true\n}, { "request.required.acks": 1 });'),
  );
  // CKJS's node-rdkafka-style API without a topic object keeps global topic keys
  const ck = `const Kafka = require('@confluentinc/kafka-javascript');\nconst producer = new Kafka.Producer({ 'enable.idempotence': true, acks: 1 });\n`;
  const rc = run(ck, 'p.js');
  assert.equal(rc.blocks[0].dialect, 'ckjs-rdkafka');
  assert.equal(rc.blocks[0].values.get('acks')?.value, '1');
  // the librdkafka engine judges the block: acks=1 with idempotence fails in connect()
  assert.deepEqual(ids(rc), ['rdk-acks-conflict']);
  const ckTopic = ck.replace('acks: 1 })', 'acks: 1 }, {})');
  assert.equal(one(run(ckTopic, 'p.js'), 'node-rdkafka-topic-key-in-global-config').ruleId, 'node-rdkafka-topic-key-in-global-config');
});

test('librdkafka block writer: JS values (booleans, -1 for acks, quoted strings) in the right object', () => {
  const text = `import * as Kafka from 'node-rdkafka';\nconst producer = new Kafka.HighLevelProducer({ 'enable.idempotence': 'false' }, { 'request.required.acks': 'all' });\n`;
  const b = run(text).blocks[0];
  const edit = (op: Parameters<typeof b.writer.edits>[0]) => S.applyEdits(text, b.writer.edits(op)!);
  assert.equal(
    edit({ op: 'set', key: 'enable.idempotence', value: 'true' }),
    text.replace("'enable.idempotence': 'false'", "'enable.idempotence': true"),
  );
  assert.equal(
    edit({ op: 'set', key: 'acks', value: 'all' }),
    text.replace("'request.required.acks': 'all'", "'request.required.acks': -1"),
  );
  assert.equal(
    edit({ op: 'set', key: 'queuing.strategy', value: 'fifo' }),
    text.replace("'request.required.acks': 'all' }", "'request.required.acks': 'all', 'queuing.strategy': 'fifo' }"),
  );
  assert.equal(
    edit({ op: 'set', key: 'max.in.flight', value: '5' }),
    text.replace("'enable.idempotence': 'false' }", "'enable.idempotence': 'false', 'max.in.flight': 5 }"),
  );
  assert.equal(edit({ op: 'remove', key: 'acks' }), text.replace("{ 'request.required.acks': 'all' }", '{}'));
});

test('the rule pages: each Problem snippet raises the rule, each Fixed snippet does not', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const docs = path.join(ROOT, 'docs', 'rules');
  const prefix: Array<[RegExp, string, string]> = [
    [
      /^kafkajs-/,
      `import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\ndeclare const messages: never[];\n`,
      'p.ts',
    ],
    [
      /^ckjs-/,
      `import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\ndeclare const messages: never[];\n`,
      'p.ts',
    ],
    [/^node-rdkafka-/, `const Kafka = require('node-rdkafka');\n`, 'p.js'],
  ];
  const mine = S.ALL_RULES.filter((r) => prefix.some(([re]) => re.test(r.meta.id)));
  assert.equal(mine.length, 11);
  for (const rule of mine) {
    const id = rule.meta.id;
    assert.ok(readdirSync(docs).includes(`${id}.md`), `docs/rules/${id}.md`);
    const md = readFileSync(path.join(docs, `${id}.md`), 'utf8');
    assert.ok(md.startsWith(`# ${id}\n`));
    assert.match(
      md,
      new RegExp(
        `default severity: \\*\\*${rule.meta.defaultSeverity}\\*\\* · fixable: ${rule.meta.fixable ? 'yes' : 'no'} · .* · catalogue: ${rule.meta.catalogue}`,
      ),
    );
    const block = (title: string) => new RegExp(`### ${title}\\n\\n\`\`\`\\w+\\n([^]*?)\`\`\``).exec(md)?.[1];
    const [, pre, file] = prefix.find(([re]) => re.test(id))!;
    const problem = block('Problem');
    const fixed = block('Fixed');
    assert.ok(problem && fixed, id);
    assert.ok(ids(run(pre + problem, file)).includes(id), `${id}: Problem does not raise it`);
    assert.ok(!ids(run(pre + fixed, file)).includes(id), `${id}: Fixed still raises it`);
  }
});

test('every fix on the examples keeps the file syntactically valid, and the preferred one removes its finding', async () => {
  const { readFileSync } = await import('node:fs');
  const ts = require('typescript') as typeof import('typescript');
  const syntaxErrors = (text: string, fileName: string) =>
    ts.transpileModule(text, { fileName, reportDiagnostics: true, compilerOptions: { jsx: ts.JsxEmit.Preserve } }).diagnostics?.length ?? 0;
  const files = [
    'examples/kafkajs/order-publisher.ts',
    'examples/confluent-kafka-javascript/payments.ts',
    'examples/node-rdkafka/click-stream.js',
  ];
  let fixes = 0;
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const before = syntaxErrors(text, file);
    const r = run(text, file);
    assert.ok(r.findings.length > 0, file);
    for (const f of r.findings) {
      for (const fix of f.fixes) {
        const after = S.applyEdits(text, fix.edits);
        assert.equal(syntaxErrors(after, file), before, `${file}: "${fix.title}" breaks the syntax:\n${after}`);
        fixes++;
        if (!fix.isPreferred) continue;
        const count = (t: string) => run(t, file).findings.filter((x) => x.ruleId === f.ruleId).length;
        assert.ok(count(after) < count(text), `${file}: "${fix.title}" leaves ${f.ruleId}`);
      }
    }
  }
  assert.ok(fixes >= 10);
});

test('no suppression comment for a line that starts inside a block comment or a template literal (fuzz counterexample: the `//` line landed inside an open `/*`)', () => {
  const head = "const { Kafka } = require('kafkajs');\nconst kafka = new Kafka({ brokers: ['b:9092'] });\n";
  const producer = 'const producer = kafka.producer({ idempotent: true });\n';
  const lint = (text: string, fileName = 'p.js') => S.lint({ fileName, text }, S.DEFAULT_SETTINGS).findings;
  for (const lead of [
    '/* a comment\n   over lines */ ',
    'const t = `x\n${1}`; ',
    '/*t Kafka = 1;\n/* kafka-idempotence-disable rdk-retries */',
    '/** just text\n more */ ',
  ]) {
    const findings = lint(head + lead + producer);
    assert.ok(findings.length > 0, lead);
    for (const f of findings) assert.equal(f.suppress, undefined, `${lead}: ${f.ruleId}`);
  }
  // found by review: a block comment that starts after code on the line before (a trailing comment of that code), and JSX
  // outside a {…} expression (text, or between attributes), where `//` is no comment
  for (const [fileName, text] of [
    ['p.js', head.trimEnd() + ' /* a comment\n   over lines */ ' + producer],
    ['p.jsx', head + 'const el = (<div>\n  {kafka.producer({ idempotent: true })}\n</div>);\n'],
    ['p.jsx', head + 'const el = (<Comp\n  producer={kafka.producer({ idempotent: true })}\n/>);\n'],
  ]) {
    const findings = lint(text, fileName);
    assert.ok(findings.length > 0, text);
    for (const f of findings) assert.equal(f.suppress, undefined, `${text}: ${f.ruleId}`);
  }
  // inside a JSX expression or a template's `${…}`, a line is code
  for (const [fileName, text] of [
    ['p.jsx', head + 'const el = (<div>{\n  kafka.producer({ idempotent: true })\n}</div>);\n'],
    ['p.js', head + 'const t = `${\n  kafka.producer({ idempotent: true })\n}`;\n'],
  ]) {
    const findings = lint(text, fileName);
    assert.ok(findings.length > 0, text);
    for (const f of findings) {
      assert.ok(f.suppress, `${text}: ${f.ruleId}`);
      assert.ok(!lint(S.applyEdits(text, f.suppress.line.edits), fileName).some((x) => x.ruleId === f.ruleId), text);
    }
  }
  // where the line starts in code (after a one-line comment, a JSDoc block, a finished template), it is offered, and works
  for (const lead of ['/* one line */ ', '/** doc\n */\n', 'const t = `x`; ']) {
    const text = head + lead + producer;
    const findings = lint(text);
    assert.ok(findings.length > 0, lead);
    for (const f of findings) {
      assert.ok(f.suppress, `${lead}: ${f.ruleId}`);
      const after = lint(S.applyEdits(text, f.suppress.line.edits));
      assert.ok(!after.some((x) => x.ruleId === f.ruleId), `${lead}: ${f.ruleId} still reported`);
    }
  }
});

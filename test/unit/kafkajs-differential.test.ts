/**
 * Differential test: the linter against the real KafkaJS (devDependency `kafkajs`).
 *
 * For each generated case one TypeScript source is written; the linter lints it, and the
 * very same source (types stripped by esbuild) is run with the real KafkaJS:
 *   new Kafka({ brokers: ['127.0.0.1:1'], retry }) → kafka.producer({...}) → send/sendBatch/transaction
 * without connect(). KafkaJS validates before any network I/O (read in node_modules/kafkajs):
 * - `kafka.producer()` throws synchronously for an idempotent producer with retries < 1
 *   (src/producer/index.js), and logs the "Limiting retries" warning there;
 * - `sendBatch()` (which `send()` calls) checks `acks` right after the topic, before the
 *   connection status (src/producer/messageProducer.js), so an unconnected producer rejects
 *   with the acks error when idempotence forbids the acks, else with "The producer is disconnected";
 * - `producer.transaction()` checks `transactionalId` first.
 * Sockets are spied on: any connection attempt fails the test.
 *
 * When `kafka.producer()` throws, its sends are unobservable; the test then also runs the sends
 * on a shadow producer with the same options but retries made valid, and compares them too.
 * Sends inside `producer.transaction()` are never reached (transaction() rejects first without a
 * transactionalId, and with one it would need a broker): the linter's acks finding there is not compared.
 *
 * The retrier's own retry count is measured by running the producer's retry options through
 * KafkaJS's createRetry with the backoff shortened: this checks the hidden default of 5 (R-K4).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { transformSync } from 'esbuild';
import { service, type Finding } from '../support/service';
import { prng } from '../support/prng';

const { lint, DEFAULT_SETTINGS, kafkaJsVerdict, KJS_MSG } = service;

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
delete process.env.NODE_ENV; // KafkaJS picks test retry defaults under NODE_ENV=test

// --- the retrier probe: must be installed before KafkaJS is loaded --------------------------
type RetryOpts = Record<string, unknown>;
const retryPath = require.resolve('kafkajs/src/retry/index.js');
const realCreateRetry = require(retryPath) as (
  opts: RetryOpts,
) => (fn: (bail: (e?: Error) => void) => Promise<unknown>) => Promise<unknown>;
let producerRetryOpts: RetryOpts | undefined;
require.cache[retryPath]!.exports = (opts: RetryOpts) => {
  // only the producer's own retrier: its immediate caller is src/producer/index.js
  const caller = (new Error().stack ?? '').split('\n')[2] ?? '';
  if (/[\\/]producer[\\/]index\.js:/.test(caller)) producerRetryOpts = opts;
  return realCreateRetry(opts);
};
const kafkajs = require('kafkajs');

const CAP = 12;
/** How many times the producer's retrier retries (capped at CAP), with the backoff shortened to 1 ms. */
async function measureRetries(opts: RetryOpts): Promise<number> {
  const retrier = realCreateRetry({ ...opts, initialRetryTime: 1, maxRetryTime: 1, factor: 0, multiplier: 1 });
  let calls = 0;
  await retrier(async (bail) => {
    calls++;
    if (calls > CAP) return bail(new Error('cap'));
    throw new Error('transient');
  }).catch(() => undefined);
  return Math.min(calls - 1, CAP);
}

// --- network spy: every TCP and TLS connection goes through net.Socket#connect ---------------
let connections = 0;
const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  connections++;
  throw new Error('the differential test must not open sockets');
  return realConnect.apply(this, args as never);
};

// --- observation of one run -----------------------------------------------------------------
interface Observed {
  producerError?: string;
  warned: boolean;
  sendError?: string;
  /** Whether the send ran on the shadow producer (the real one threw). */
  shadow: boolean;
  /** The producer's retrier retries (capped), when the producer was created and idempotent. */
  retries?: number;
  /** The retry options KafkaJS handed the producer's retrier. */
  retriesOpts?: RetryOpts;
}

let obs: Observed;

class ObservedKafka extends kafkajs.Kafka {
  constructor(cfg: Record<string, unknown>) {
    super({
      ...cfg,
      logLevel: kafkajs.logLevel.WARN,
      logCreator: () => (entry: { log: { message: string } }) => {
        if (entry.log.message === KJS_MSG.retriesLimited) obs.warned = true;
      },
    });
  }
  producer(cfg?: Record<string, unknown>) {
    producerRetryOpts = undefined;
    try {
      const p = super.producer(cfg);
      obs.retriesOpts = producerRetryOpts;
      return p;
    } catch (e) {
      obs.producerError = (e as Error).message;
      obs.shadow = true;
      const c = cfg ?? {};
      const retry = c.retry && typeof c.retry === 'object' ? c.retry : {};
      // the same options with valid retries, only to observe what the sends would do
      return super.producer({ ...c, retry: { ...retry, retries: Number.MAX_SAFE_INTEGER } });
    }
  }
}

async function runWithKafkaJs(src: string): Promise<Observed> {
  obs = { warned: false, shadow: false };
  const js = transformSync(src, { loader: 'ts', format: 'cjs', target: 'node20' }).code;
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  const fakeRequire = (m: string) => (m === 'kafkajs' ? { ...kafkajs, Kafka: ObservedKafka } : require(m));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the example's transpiled module with a stubbed require
  new Function('require', 'exports', 'module', js)(fakeRequire, mod.exports, mod);
  const run = mod.exports.run as () => Promise<unknown>;
  await run().then(
    () => assert.fail('an unconnected producer never sends'),
    (e: Error) => {
      obs.sendError = e.message;
    },
  );
  return obs;
}

// --- case generation ------------------------------------------------------------------------
type Lit = string | number | boolean | null | undefined;
/**
 * How a value is written: `env` `process.env.X ?? v` / `|| v`; `envParse` `parseInt(process.env.X || 'v', 10)` (integers);
 * `envCmp` `process.env.X !== 'false'` / `=== 'true'` (booleans); `member` `const M = {}; M.key = v;` read as `M.key`;
 * `memberEnv` a member assigned from the environment. The variables are never set, as the linter assumes.
 */
type Form = 'literal' | 'const' | 'spread' | 'env' | 'asConst' | 'member' | 'envParse' | 'envCmp' | 'memberEnv';

interface Case {
  idemAt: 'producer' | 'send' | 'client' | 'none';
  idem: Lit;
  clientRetry: 'none' | 'empty' | 'set' | 'null';
  clientRetries: Lit;
  producerRetry: 'none' | 'empty' | 'set' | 'null';
  producerRetries: Lit;
  acksAt: 'send' | 'producer' | 'both' | 'none';
  acks: Lit;
  mif: number | undefined;
  via: 'send' | 'sendBatch' | 'transaction';
  forms: { idem: Form; clientRetries: Form; producerRetries: Form; acks: Form };
}

const IDEM: Lit[] = [true, false, 1, 0, 'true', '', null, undefined];
const RETRIES: Lit[] = [0, 1, 3, 5, -1, Number.MAX_SAFE_INTEGER, '0', '2', null, Infinity];
const ACKS: Lit[] = [-1, 1, 0, 'all', '-1', null, undefined];
const MIF: Array<number | undefined> = [undefined, 1, 5, 10];
const FORMS: Form[] = ['literal', 'literal', 'const', 'spread', 'env', 'asConst', 'member', 'envParse', 'envCmp', 'memberEnv'];

function generate(n: number, seed: number): Case[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      idemAt: pick(['producer', 'producer', 'producer', 'send', 'client', 'none'] as const),
      idem: pick(IDEM),
      clientRetry: pick(['none', 'none', 'empty', 'set', 'set', 'null'] as const),
      clientRetries: pick(RETRIES),
      producerRetry: pick(['none', 'empty', 'set', 'set', 'null'] as const),
      producerRetries: pick(RETRIES),
      acksAt: pick(['send', 'send', 'send', 'producer', 'both', 'none'] as const),
      acks: pick(ACKS),
      mif: pick(MIF),
      via: pick(['send', 'send', 'sendBatch', 'transaction'] as const),
      forms: { idem: pick(FORMS), clientRetries: pick(FORMS), producerRetries: pick(FORMS), acks: pick(FORMS) },
    });
  }
  return out;
}

function litSrc(v: Lit): string {
  if (v === Number.MAX_SAFE_INTEGER) return 'Number.MAX_SAFE_INTEGER';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}

/** Writes a case as a TypeScript module exporting `run()`. */
function source(c: Case): string {
  const decls: string[] = [];
  let n = 0;
  /** `key: value` (or a spread carrying it) in the requested form. */
  const prop = (key: string, v: Lit, form: Form): string => {
    const src = litSrc(v);
    n++;
    switch (form) {
      case 'const':
        decls.push(`const V${n} = ${src};`);
        return `${key}: V${n}`;
      case 'spread':
        decls.push(`const B${n} = { ${key}: ${src} };`);
        return `...B${n}`;
      case 'env':
        if (v === undefined) return `${key}: ${src}`;
        return `${key}: process.env.KIL_UNSET_${n} ${n % 2 ? '??' : '||'} ${src}`;
      case 'envParse':
        if (typeof v !== 'number' || !Number.isInteger(v)) return prop(key, v, 'env');
        return `${key}: parseInt(process.env.KIL_UNSET_${n} || '${v}', 10)`;
      case 'envCmp':
        if (typeof v !== 'boolean') return prop(key, v, 'env');
        return `${key}: process.env.KIL_UNSET_${n} ${v ? "!== 'false'" : "=== 'true'"}`;
      case 'member':
        decls.push(`const M${n}: Record<string, unknown> = {};`, `M${n}.${key} = ${src};`);
        return `${key}: M${n}.${key}`;
      case 'memberEnv':
        decls.push(
          `const E${n} = {} as Record<string, unknown>;`,
          `E${n}['${key}'] = ${typeof v === 'number' ? `Number(process.env.KIL_UNSET_${n} ?? ${src})` : `process.env.KIL_UNSET_${n} ?? ${src}`};`,
        );
        return `${key}: E${n}.${key}`;
      case 'asConst':
        // `as const` applies to literals only
        return v === null || v === undefined || v === Infinity || v === Number.MAX_SAFE_INTEGER
          ? `${key}: ${src}`
          : `${key}: ${src} as const`;
      default:
        return `${key}: ${src}`;
    }
  };
  const retryObj = (kind: Case['clientRetry'], v: Lit, form: Form) =>
    kind === 'none'
      ? []
      : kind === 'null'
        ? ['retry: null']
        : kind === 'empty'
          ? ['retry: {}']
          : [`retry: { ${prop('retries', v, form)} }`];
  const client = [`brokers: ['127.0.0.1:1']`, ...retryObj(c.clientRetry, c.clientRetries, c.forms.clientRetries)];
  if (c.idemAt === 'client') client.push(prop('idempotent', c.idem, c.forms.idem));
  const producer: string[] = [];
  if (c.idemAt === 'producer') producer.push(prop('idempotent', c.idem, c.forms.idem));
  producer.push(...retryObj(c.producerRetry, c.producerRetries, c.forms.producerRetries));
  if (c.mif !== undefined) producer.push(`maxInFlightRequests: ${c.mif}`);
  if (c.acksAt === 'producer' || c.acksAt === 'both') producer.push(prop('acks', c.acks, c.forms.acks));
  const send: string[] = [];
  if (c.acksAt === 'send' || c.acksAt === 'both') send.push(prop('acks', c.acks, c.forms.acks));
  if (c.idemAt === 'send') send.push(prop('idempotent', c.idem, c.forms.idem));
  const message = `topic: 't', messages: [{ value: 'v' }]`;
  const sendCall =
    c.via === 'sendBatch'
      ? `await producer.sendBatch({ topicMessages: [{ ${message} }]${send.map((s) => `, ${s}`).join('')} });`
      : c.via === 'transaction'
        ? `const tx = await producer.transaction();\n  await tx.send({ ${[message, ...send].join(', ')} });`
        : `await producer.send({ ${[message, ...send].join(', ')} });`;
  return [
    `import { Kafka } from 'kafkajs';`,
    ...decls,
    `const kafka = new Kafka({ ${client.join(', ')} });`,
    `const producer = kafka.producer(${producer.length ? `{ ${producer.join(', ')} }` : ''});`,
    `export async function run() {`,
    `  ${sendCall}`,
    `}`,
    '',
  ].join('\n');
}

// --- comparison -----------------------------------------------------------------------------
interface Outcome {
  agree: boolean;
  problems: string[];
  compared: { acks: boolean };
}

const has = (fs: Finding[], id: string, sev?: string) => fs.some((f) => f.ruleId === id && (!sev || f.severity === sev));

async function compare(c: Case): Promise<Outcome & { src: string; observed: Observed }> {
  const src = source(c);
  const result = lint({ fileName: 'case.ts', text: src }, DEFAULT_SETTINGS);
  const fs = result.findings;
  const observed = await runWithKafkaJs(src);
  const problems: string[] = [];
  if (result.failures.length) problems.push(`linter failures: ${result.failures.join('; ')}`);
  const expectErrors = new Set<string>();
  if (observed.producerError !== undefined) {
    if (observed.producerError !== KJS_MSG.retriesZero) problems.push(`unexpected producer() error: ${observed.producerError}`);
    expectErrors.add('kafkajs-idempotent-retries-zero');
  }
  const sendErr = observed.sendError ?? '';
  let comparedAcks = false;
  if (c.via === 'transaction') {
    if (sendErr !== KJS_MSG.transactionalId) problems.push(`unexpected transaction() outcome: ${sendErr}`);
    expectErrors.add('kafkajs-transaction-without-id');
  } else {
    comparedAcks = true;
    if (sendErr === KJS_MSG.acks) expectErrors.add('kafkajs-idempotent-acks');
    else if (sendErr !== 'The producer is disconnected') problems.push(`unexpected send() outcome: ${sendErr}`);
  }
  const errors = new Set(fs.filter((f) => f.severity === 'error').map((f) => f.ruleId));
  // sends inside a transaction are not reached: the linter's acks verdict there is not compared
  if (c.via === 'transaction') errors.delete('kafkajs-idempotent-acks');
  for (const id of expectErrors) if (!errors.has(id)) problems.push(`KafkaJS: ${id} behaviour, linter: no error`);
  for (const id of errors) if (!expectErrors.has(id)) problems.push(`linter error ${id}, KafkaJS: no such failure`);
  // the exact client message is quoted
  for (const f of fs.filter((x) => x.severity === 'error')) {
    const quoted =
      f.ruleId === 'kafkajs-idempotent-retries-zero'
        ? observed.producerError
        : f.ruleId === 'kafkajs-idempotent-acks' && c.via !== 'transaction'
          ? sendErr
          : f.ruleId === 'kafkajs-transaction-without-id'
            ? sendErr
            : undefined;
    if (quoted && !f.message.includes(`"${quoted}"`)) problems.push(`${f.ruleId} does not quote "${quoted}"`);
  }
  // the warning KafkaJS logs
  const realWarn = observed.producerError === undefined && observed.warned;
  if (realWarn !== has(fs, 'kafkajs-idempotent-retries-limited', 'warning'))
    problems.push(`R-K3: KafkaJS warned=${realWarn}, linter=${!realWarn}`);
  // the hidden retries default, measured on the real retrier
  const block = result.blocks.find((b) => b.client === 'kafkajs');
  const verdict = block && kafkaJsVerdict(block);
  if (!verdict) problems.push('no KafkaJS block');
  if (observed.producerError === undefined && verdict?.idempotentOn === true && observed.retriesOpts) {
    observed.retries = await measureRetries(observed.retriesOpts);
    const expected = verdict.effectiveRetries === 'unknown' ? undefined : Math.min(Math.max(Number(verdict.effectiveRetries), 0), CAP);
    if (expected !== observed.retries)
      problems.push(`retrier retries: KafkaJS ${observed.retries}, linter ${String(verdict.effectiveRetries)}`);
    const hidden = !observed.warned && observed.retries < CAP;
    if (hidden !== has(fs, 'kafkajs-idempotent-default-retries-5', 'info'))
      problems.push(`R-K4: hidden limit ${hidden} (retries ${observed.retries}), linter ${!hidden}`);
    if (hidden && observed.retries !== 5) problems.push(`R-K4: the hidden default is ${observed.retries}, not 5`);
  } else if (has(fs, 'kafkajs-idempotent-default-retries-5')) {
    problems.push('R-K4 reported for a producer that is not idempotent or was not created');
  }
  // options at the wrong call are reported (and KafkaJS ignored them: no error above)
  const misplaced = c.idemAt === 'send' || c.idemAt === 'client' || c.acksAt === 'producer' || c.acksAt === 'both';
  if (misplaced !== has(fs, 'kafkajs-misplaced-option', 'warning')) problems.push(`R-K5: misplaced=${misplaced}, linter=${!misplaced}`);
  return { agree: problems.length === 0, problems, compared: { acks: comparedAcks }, src, observed };
}

/** Greedily simplifies a disagreeing case while it still disagrees. */
async function minimize(c: Case): Promise<Case> {
  let cur = c;
  const simpler: Array<(x: Case) => Case> = [
    (x) => ({ ...x, mif: undefined }),
    (x) => ({ ...x, clientRetry: 'none' }),
    (x) => ({ ...x, producerRetry: 'none' }),
    (x) => ({ ...x, via: 'send' }),
    (x) => ({ ...x, acksAt: 'none' }),
    (x) => ({ ...x, idemAt: 'none' }),
    (x) => ({ ...x, forms: { idem: 'literal', clientRetries: 'literal', producerRetries: 'literal', acks: 'literal' } }),
  ];
  for (let round = 0; round < 3; round++) {
    for (const f of simpler) {
      const next = f(cur);
      if (JSON.stringify(next) === JSON.stringify(cur)) continue;
      if (!(await compare(next)).agree) cur = next;
    }
  }
  return cur;
}

test('the linter agrees with the real KafkaJS on ≥ 1,000 generated producer configurations', async () => {
  const cases = generate(1500, 20240611);
  let agree = 0;
  let acksCompared = 0;
  let shadows = 0;
  const counts = { producerThrows: 0, sendRejects: 0, txRejects: 0, warned: 0, hiddenDefault: 0 };
  let firstBad: { c: Case; problems: string[] } | undefined;
  for (const c of cases) {
    const o = await compare(c);
    if (o.agree) agree++;
    else firstBad ??= { c, problems: o.problems };
    if (o.compared.acks) acksCompared++;
    if (o.observed.shadow) shadows++;
    if (o.observed.producerError) counts.producerThrows++;
    if (o.observed.sendError === KJS_MSG.acks) counts.sendRejects++;
    if (o.observed.sendError === KJS_MSG.transactionalId) counts.txRejects++;
    if (o.observed.warned && !o.observed.producerError) counts.warned++;
    if (o.observed.retries === 5) counts.hiddenDefault++;
  }
  const pct = ((100 * agree) / cases.length).toFixed(2);
  console.log(
    `KafkaJS ${kafkajs.Kafka ? require('kafkajs/package.json').version : '?'} differential: ${agree}/${cases.length} cases agree (${pct}%). ` +
      `KafkaJS threw at producer() in ${counts.producerThrows} (sends then observed on a shadow producer: ${shadows}), rejected send() for acks in ${counts.sendRejects}, ` +
      `rejected transaction() in ${counts.txRejects}, logged the limited-retries warning in ${counts.warned}; the retrier fell back to 5 retries in ${counts.hiddenDefault}; ` +
      `acks compared in ${acksCompared} cases (not inside transactions). Sockets opened: ${connections}.`,
  );
  assert.equal(connections, 0, 'KafkaJS opened a socket');
  if (firstBad) {
    const min = await minimize(firstBad.c);
    const o = await compare(min);
    assert.fail(
      `${cases.length - agree} of ${cases.length} cases disagree (${pct}% agree). Minimal disagreeing case:\n${o.src}\n${o.problems.join('\n')}\nobserved: ${JSON.stringify(o.observed)}`,
    );
  }
  assert.ok(cases.length >= 1000);
  // every behaviour was exercised
  for (const [k, v] of Object.entries(counts)) assert.ok(v > 0, `no case exercised ${k}`);
});

/**
 * Agreement test: the linter against the real @platformatic/kafka (devDependency).
 *
 * For each generated case one TypeScript source is written; the linter lints it, and the very same
 * source (types stripped by esbuild) is run with the installed package:
 *   new Producer({ clientId, bootstrapBrokers: ['127.0.0.1:1'], ... }) → await producer.send({...}) or beginTransaction()
 * The client checks a send's acks synchronously, before any network I/O (dist/clients/producer/producer.js
 * `send()`): a refused send's promise (and that of a refused beginTransaction()) is already rejected when the call returns. A send that passes the
 * checks goes on to fetch metadata; the producer's connection and metadata methods are replaced on the
 * instance by ones that record the call and never answer, so nothing reaches the network (sockets are
 * spied on too). `send()` writes the acks it will use back into its options (`options.acks ??= …`), which
 * shows what acks a send without its own runs with. The options the constructor kept (`idempotent`, `acks`,
 * `retries` after its own rewriting and the base client's) are read off the instance and compared with the verdict.
 *
 * The package declares Node >= 22 and its promise API uses Promise.withResolvers (Node 22); on Node 20 the
 * test installs the standard polyfill of that one function before loading it.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, service, type Finding } from '../support/service';
import { prng } from '../support/prng';

const { lint, DEFAULT_SETTINGS, PLT_MSG, platformaticVerdict } = service;

const P = Promise as unknown as { withResolvers?: () => unknown };
P.withResolvers ??= () => {
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

let connections = 0;
net.Socket.prototype.connect = function () {
  connections++;
  throw new Error('the agreement test must not open sockets');
};

type PltModule = {
  Producer: new (o: Record<string, unknown>) => Record<symbol, unknown> & { send(o: Record<string, unknown>): Promise<unknown> };
};

const NETWORK = ['plt.kafka.base.getBootstrapConnection', 'plt.kafka.base.getConnection', 'plt.kafka.base.metadata'];

interface Observed {
  constructed: boolean;
  constructError?: string;
  /** The producer's options after construction (`idempotent`, `acks` as the client keeps them). */
  producerIdempotent?: unknown;
  producerAcks?: unknown;
  producerRetries?: unknown;
  sendError?: string;
  /** The send got past the checks and asked for a connection or metadata. */
  reachedNetwork: boolean;
  /** The acks the send runs with (written back by send()). */
  acksUsed?: unknown;
}

let obs: Observed;

async function load(): Promise<PltModule> {
  // a dynamic import: the package is ESM only
  return (await import('@platformatic/kafka')) as unknown as PltModule;
}

function observedClass(mod: PltModule) {
  return class extends mod.Producer {
    constructor(o: Record<string, unknown>) {
      try {
        super(o);
      } catch (e) {
        obs.constructError = (e as Error).message;
        throw e;
      }
      obs.constructed = true;
      const symbols: symbol[] = [];
      for (let p = Object.getPrototypeOf(this); p; p = Object.getPrototypeOf(p)) symbols.push(...Object.getOwnPropertySymbols(p));
      const opts = Object.getOwnPropertySymbols(this).find((s) => s.description === 'plt.kafka.base.options');
      const kept = opts ? (this[opts] as Record<string, unknown>) : {};
      obs.producerIdempotent = kept.idempotent;
      obs.producerAcks = kept.acks;
      obs.producerRetries = kept.retries;
      for (const s of symbols) {
        if (NETWORK.includes(s.description ?? '')) {
          this[s] = () => {
            obs.reachedNetwork = true;
          };
        }
      }
    }
    override send(o: Record<string, unknown>) {
      const r = super.send(o);
      obs.acksUsed = o.acks;
      return r;
    }
  };
}

async function run(mod: PltModule, src: string): Promise<Observed> {
  obs = { constructed: false, reachedNetwork: false };
  const js = transformSync(src, { loader: 'ts', format: 'cjs', target: 'node20' }).code;
  const m: { exports: Record<string, unknown> } = { exports: {} };
  const fakeRequire = (name: string) => (name === '@platformatic/kafka' ? { ...mod, Producer: observedClass(mod) } : require(name));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the generated program's transpiled module with a stubbed require
  new Function('require', 'exports', 'module', js)(fakeRequire, m.exports, m);
  const sent = (m.exports.run as () => Promise<unknown>)();
  // a refused send is rejected synchronously; one that passed the checks never settles (no network)
  const settled = await Promise.race([
    sent.then(
      () => 'resolved',
      (e: Error) => e.message,
    ),
    new Promise<undefined>((res) => setImmediate(() => res(undefined))),
  ]);
  if (settled !== undefined) obs.sendError = settled;
  return obs;
}

// --- case generation ------------------------------------------------------------------------
type Lit = string | number | boolean | null | undefined;
type Form = 'literal' | 'const' | 'spread' | 'env' | 'member';
const ABSENT = Symbol('absent');
type Opt = Lit | typeof ABSENT;

interface Case {
  idem: Opt;
  producerAcks: Opt;
  retries: Opt;
  sendIdem: Opt;
  acks: Opt;
  forms: Form[];
  via: 'send' | 'beginTransaction';
}

const IDEM: Opt[] = [ABSENT, true, true, false, 1, 0, 'true', '', null, undefined];
const PACKS: Opt[] = [ABSENT, ABSENT, -1, 0, 1, 'all', '-1', null];
const RETRIES: Opt[] = [ABSENT, ABSENT, ABSENT, 0, 1, 2, 5, false, true, null, '0', '3', Number.MAX_SAFE_INTEGER, Infinity];
const SEND_IDEM: Opt[] = [ABSENT, ABSENT, ABSENT, true, false, null, 1, 0];
const ACKS: Opt[] = [ABSENT, -1, -1, 0, 1, 'all', '-1', null, undefined];
const FORMS: Form[] = ['literal', 'literal', 'const', 'spread', 'env', 'member'];

function generate(n: number, seed: number): Case[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, () => ({
    idem: pick(IDEM),
    producerAcks: pick(PACKS),
    retries: pick(RETRIES),
    sendIdem: pick(SEND_IDEM),
    acks: pick(ACKS),
    forms: [pick(FORMS), pick(FORMS), pick(FORMS), pick(FORMS), pick(FORMS)],
    via: pick(['send', 'send', 'send', 'beginTransaction'] as const),
  }));
}

const litSrc = (v: Lit) => (v === undefined ? 'undefined' : typeof v === 'string' ? `'${v}'` : String(v));

function source(c: Case): string {
  const decls: string[] = [];
  let n = 0;
  const prop = (key: string, v: Opt, form: Form): string[] => {
    if (v === ABSENT) return [];
    const src = litSrc(v);
    n++;
    switch (form) {
      case 'const':
        decls.push(`const V${n} = ${src};`);
        return [`${key}: V${n}`];
      case 'spread':
        decls.push(`const B${n} = { ${key}: ${src} };`);
        return [`...B${n}`];
      case 'env':
        // `??` keeps null and undefined apart from the default: use `||` only for truthy values
        if (v === undefined || v === null) return [`${key}: ${src}`];
        return [`${key}: process.env.KIL_UNSET_${n} ?? ${src}`];
      case 'member':
        decls.push(`const M${n}: Record<string, unknown> = {};`, `M${n}.${key} = ${src};`);
        return [`${key}: M${n}.${key}`];
      default:
        return [`${key}: ${src}`];
    }
  };
  const producer = [
    `clientId: 'c'`,
    `bootstrapBrokers: ['127.0.0.1:1']`,
    ...prop('idempotent', c.idem, c.forms[0]),
    ...prop('acks', c.producerAcks, c.forms[1]),
    ...prop('retries', c.retries, c.forms[4]),
  ];
  const send = [
    `messages: [{ topic: 't', value: 'v' }]`,
    ...prop('idempotent', c.sendIdem, c.forms[2]),
    ...prop('acks', c.acks, c.forms[3]),
  ];
  return [
    `import { Producer } from '@platformatic/kafka';`,
    ...decls,
    `const producer = new Producer({ ${producer.join(', ')} });`,
    `export async function run() {`,
    c.via === 'send' ? `  await producer.send({ ${send.join(', ')} });` : '  await producer.beginTransaction();',
    `}`,
    '',
  ].join('\n');
}

// --- comparison -----------------------------------------------------------------------------
const has = (fs: Finding[], id: string, sev?: string) => fs.some((f) => f.ruleId === id && (!sev || f.severity === sev));

async function compare(mod: PltModule, c: Case) {
  const src = source(c);
  const result = lint({ fileName: 'case.ts', text: src }, DEFAULT_SETTINGS);
  const fs = result.findings;
  const o = await run(mod, src);
  const problems: string[] = [];
  if (result.failures.length) problems.push(`linter failures: ${result.failures.join('; ')}`);
  if (!o.constructed) problems.push(`new Producer() threw: ${o.constructError}`);
  const block = result.blocks.find((b) => b.client === 'platformatic');
  const verdict = block && platformaticVerdict(block);
  if (!verdict) problems.push('no @platformatic/kafka block');
  // the constructor: idempotence as the client keeps it
  if (verdict && verdict.idempotentOn !== Boolean(o.producerIdempotent))
    problems.push(`idempotent: client ${String(o.producerIdempotent)}, linter ${String(verdict.idempotentOn)}`);
  // the retries the client keeps, and the bounded-retries warning
  if (verdict && verdict.effectiveRetries !== 'unknown' && !Object.is(verdict.effectiveRetries, o.producerRetries))
    problems.push(`retries: client ${String(o.producerRetries)}, linter ${String(verdict.effectiveRetries)}`);
  if (verdict && verdict.effectiveRetries === 'unknown') problems.push('retries not settled');
  const limited = Boolean(o.producerIdempotent) && !((o.producerRetries as number) >= Number.MAX_SAFE_INTEGER);
  if (limited !== has(fs, 'platformatic-idempotent-retries-limited', 'warning'))
    problems.push(`bounded retries: client ${limited}, linter ${!limited}`);
  // the send's acks check, or beginTransaction()'s idempotence check
  const refused = o.sendError === (c.via === 'send' ? PLT_MSG.acks : PLT_MSG.transaction);
  if (o.sendError !== undefined && !refused) problems.push(`unexpected ${c.via}() outcome: ${o.sendError}`);
  if (!refused && !o.reachedNetwork) problems.push(`${c.via}() neither failed nor asked for the network`);
  const txRefused = c.via === 'beginTransaction' && refused;
  if (txRefused !== has(fs, 'platformatic-transaction-not-idempotent', 'error'))
    problems.push(`beginTransaction: client refused=${txRefused}, linter=${!txRefused}`);
  for (const f of fs.filter((x) => x.ruleId === 'platformatic-transaction-not-idempotent'))
    if (!f.message.includes(`"${PLT_MSG.transaction}"`)) problems.push('the transaction finding does not quote the client');
  // (the send of a beginTransaction() case is not written: the acks rule has nothing to say there)
  const acksRefused = c.via === 'send' && refused;
  if (acksRefused !== has(fs, 'platformatic-idempotent-acks', 'error'))
    problems.push(`acks: client refused=${acksRefused}, linter=${!acksRefused}`);
  for (const f of fs.filter((x) => x.ruleId === 'platformatic-idempotent-acks'))
    if (!f.message.includes(`"${PLT_MSG.acks}"`)) problems.push('the acks finding does not quote the client');
  // the producer's acks: the warning holds exactly when the client keeps a producer acks that a send without its own does not use
  const ignored = o.producerIdempotent === false && o.producerAcks !== undefined && o.producerAcks !== 1;
  if (ignored !== has(fs, 'platformatic-producer-acks-ignored', 'warning'))
    problems.push(`producer acks ignored: client ${ignored}, linter ${!ignored}`);
  // what a send without its own acks runs with: 1, or -1 for an idempotent send, never the producer's acks
  if (c.via === 'send' && !refused && (c.acks === ABSENT || c.acks === undefined)) {
    const idem = verdict?.sends[0]?.idempotentOn;
    const expected = idem ? -1 : 1;
    if (o.acksUsed !== expected) problems.push(`acks used: client ${String(o.acksUsed)}, linter's claim ${expected}`);
  }
  if (
    fs.some(
      (f) =>
        f.ruleId.startsWith('platformatic-') &&
        ![
          'platformatic-idempotent-acks',
          'platformatic-producer-acks-ignored',
          'platformatic-transaction-not-idempotent',
          'platformatic-idempotent-retries-limited',
        ].includes(f.ruleId),
    )
  )
    problems.push('an unexpected platformatic finding');
  return { agree: problems.length === 0, problems, src, o };
}

test('the linter agrees with the real @platformatic/kafka on ≥ 1,000 generated producer configurations', async () => {
  const mod = await load();
  const cases = generate(1500, 20261206);
  let agree = 0;
  const counts = { refused: 0, passed: 0, producerAcksIgnored: 0, sendIdemOverride: 0, txRefused: 0, txPassed: 0, retriesLimited: 0 };
  let firstBad: { src: string; problems: string[] } | undefined;
  for (const c of cases) {
    const r = await compare(mod, c);
    if (r.agree) agree++;
    else firstBad ??= { src: r.src, problems: r.problems };
    if (r.o.sendError === PLT_MSG.acks) counts.refused++;
    if (r.o.reachedNetwork && c.via === 'send') counts.passed++;
    if (r.o.sendError === PLT_MSG.transaction) counts.txRefused++;
    if (Boolean(r.o.producerIdempotent) && !((r.o.producerRetries as number) >= Number.MAX_SAFE_INTEGER)) counts.retriesLimited++;
    if (r.o.reachedNetwork && c.via === 'beginTransaction') counts.txPassed++;
    if (r.o.producerIdempotent === false && r.o.producerAcks !== undefined && r.o.producerAcks !== 1) counts.producerAcksIgnored++;
    if (c.via === 'send' && c.sendIdem !== ABSENT && c.sendIdem !== null && Boolean(c.sendIdem) !== Boolean(r.o.producerIdempotent))
      counts.sendIdemOverride++;
  }
  const version = (JSON.parse(readFileSync(join(ROOT, 'node_modules/@platformatic/kafka/package.json'), 'utf8')) as { version: string })
    .version;
  console.log(
    `@platformatic/kafka ${version} agreement: ${agree}/${cases.length} cases agree. The client refused the send for acks in ${counts.refused}, ` +
      `let it through to the (stubbed) network in ${counts.passed}; kept an ignored producer acks in ${counts.producerAcksIgnored}; ` +
      `a per-send idempotent overrode the producer's in ${counts.sendIdemOverride}; refused beginTransaction() in ${counts.txRefused}, let it through in ${counts.txPassed}; kept bounded retries on an idempotent producer in ${counts.retriesLimited}. Sockets opened: ${connections}.`,
  );
  assert.equal(connections, 0, 'the client opened a socket');
  if (firstBad)
    assert.fail(`${cases.length - agree} of ${cases.length} cases disagree. First:\n${firstBad.src}\n${firstBad.problems.join('\n')}`);
  for (const [k, v] of Object.entries(counts)) assert.ok(v > 0, `no case exercised ${k}`);
});

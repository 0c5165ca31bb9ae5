/**
 * LSP soak: the real server over stdio, driven for M minutes with random incremental
 * edits, hovers, code actions (some applied), configuration changes and close/reopen,
 * over many documents, in push and in pull mode at once.
 *
 * Reports crashes, unanswered requests, handler errors and RSS growth after warm-up.
 *   node test/out/protocol/soak.js --minutes 10        (npm run soak -- --minutes 10)
 * Exit 1 when a target is missed: 0 crashes, every request answered, RSS growth < 10 %.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { TestClient, editsFor, repoRoot } from './lspClient';
import { prng } from '../support/prng';

export interface SoakReport {
  seconds: number;
  operations: number;
  requests: number;
  unanswered: number;
  crashes: number;
  handlerErrors: number;
  rssWarmMb: number;
  rssEndMb: number;
  rssGrowth: number;
  /** The live heap (after a full GC in the server), warm vs end, summed over both servers. */
  heapWarmMb: number;
  heapEndMb: number;
  heapGrowth: number;
  documents: number;
  ok: boolean;
  problems: string[];
}


const LANGUAGE: Record<string, string> = {
  '.properties': 'properties',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.ts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
};

function seeds(): Array<{ name: string; text: string; languageId: string }> {
  const out: Array<{ name: string; text: string; languageId: string }> = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (LANGUAGE[path.extname(e.name)]) out.push({ name: e.name, text: fs.readFileSync(p, 'utf8'), languageId: LANGUAGE[path.extname(e.name)] });
    }
  };
  walk(path.join(repoRoot(), 'examples'));
  out.push(
    { name: 'producer.properties', text: 'bootstrap.servers=b:9092\nacks=1\nretries=0\nmax.in.flight.requests.per.connection=6\n', languageId: 'properties' },
    { name: 'producer.properties', text: 'enable.idempotence=true\r\nacks=1\r\ntransactional.id=tx\r\n', languageId: 'properties' },
  );
  return out;
}

/** The answer to `kafkaIdempotence/memory` (server/src/server.ts). */
export interface MemoryReport {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  collected: boolean;
  spaces: Record<string, { size: number; used: number; physical: number }>;
  maps: Record<string, number>;
}

const FRAGMENTS = ['a', '=', '1', '\n', '\r\n', ' ', '#', '\\', 'acks=all', 'enable.idempotence=', '😀', ':', '{', '}', '"', "'", 'retries: 0', '\t'];

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export async function soak(options: {
  seconds: number;
  seed?: number;
  documents?: number;
  /** Share of the run that counts as warm-up (default 0.3). */
  warmUp?: number;
  /** Seconds between live-heap samples (each forces a full GC in both servers; default 3). */
  heapEverySeconds?: number;
  /** Every heap sample's full answer to `kafkaIdempotence/memory` (for experiments). */
  onHeapSample?: (server: 'push' | 'pull', t: number, m: MemoryReport) => void;
  log?: (s: string) => void;
}): Promise<SoakReport> {
  const rnd = prng(options.seed ?? 20261125);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const log = options.log ?? (() => undefined);
  const pool = seeds();
  const push = await TestClient.start({ pull: false, execArgv: ['--expose-gc'] });
  const pull = await TestClient.start({ pull: true, execArgv: ['--expose-gc'] });
  const heap = async (c: TestClient): Promise<number> => {
    const m = (await c.conn.sendRequest('kafkaIdempotence/memory', { gc: true })) as MemoryReport | null;
    if (m) options.onHeapSample?.(c === push ? 'push' : 'pull', Date.now() - start, m);
    return m ? m.heapUsed / 1024 / 1024 : NaN;
  };
  const heapSamples: Array<{ t: number; mb: number }> = [];
  let nextHeap = 0;
  const clients = [push, pull];
  const docs: Array<{ client: TestClient; uri: string; languageId: string; open: boolean; seed: string }> = [];
  const count = options.documents ?? 60;
  for (let i = 0; i < count; i++) {
    const s = pool[i % pool.length];
    const client = clients[i % 2];
    const uri = `file:///soak/${i}/${s.name}`;
    await client.open(uri, s.text, s.languageId);
    docs.push({ client, uri, languageId: s.languageId, open: true, seed: s.text });
  }

  let requests = 0;
  let unanswered = 0;
  let operations = 0;
  const problems: string[] = [];
  const ask = async <T>(what: string, p: Promise<T>): Promise<T | undefined> => {
    requests++;
    try {
      return await p;
    } catch (e) {
      unanswered++;
      if (problems.length < 20) problems.push(`${what}: ${(e as Error).message}`);
      return undefined;
    }
  };
  const randomRange = (text: string): Range => {
    const lines = text.split(/\r\n|\r|\n/);
    const line = Math.floor(rnd() * lines.length);
    const character = Math.floor(rnd() * (lines[line].length + 1));
    return { start: { line, character }, end: { line, character } };
  };

  const start = Date.now();
  nextHeap = start;
  const deadline = start + options.seconds * 1000;
  const warmUpEnd = start + options.seconds * 1000 * (options.warmUp ?? 0.3);
  const samples: Array<{ t: number; push: number; pull: number }> = [];
  let nextSample = start;
  while (Date.now() < deadline && clients.every((c) => c.alive)) {
    operations++;
    const d = pick(docs);
    const op = rnd();
    if (!d.open) {
      await d.client.open(d.uri, d.seed, d.languageId);
      d.open = true;
    } else if (op < 0.45) {
      const text = d.client.text(d.uri);
      const r = randomRange(text);
      if (rnd() < 0.6 || text.length === 0) {
        await d.client.change(d.uri, [{ range: r, text: pick(FRAGMENTS) }]);
      } else {
        const endLine = r.start.line;
        const lineText = text.split(/\r\n|\r|\n/)[endLine] ?? '';
        const end = Math.min(lineText.length, r.start.character + 1 + Math.floor(rnd() * 5));
        await d.client.change(d.uri, [{ range: { start: r.start, end: { line: endLine, character: end } }, text: '' }]);
      }
      if (text.length > 20000) {
        await d.client.change(d.uri, [{ text: d.seed }]); // keep documents small
      }
    } else if (op < 0.65) {
      await ask('hover', d.client.hover(d.uri, randomRange(d.client.text(d.uri)).start));
    } else if (op < 0.85) {
      let diagnostics: Diagnostic[] = [];
      if (d.client === pull) {
        const report = await ask('pull', pull.pull(d.uri));
        diagnostics = report && 'items' in report ? report.items : [];
      } else {
        diagnostics = [...push.published].reverse().find((p) => p.uri === d.uri)?.diagnostics ?? [];
      }
      const range = diagnostics[0]?.range ?? randomRange(d.client.text(d.uri));
      const actions = await ask('codeAction', d.client.codeActions(d.uri, range, diagnostics.slice(0, 3), rnd() < 0.2 ? ['source.fixAll.kafkaIdempotence'] : undefined));
      if (actions && actions.length > 0 && rnd() < 0.5) {
        const edits = editsFor(pick(actions).edit, d.uri);
        if (edits.length > 0) await d.client.applyEdits(d.uri, edits);
      }
    } else if (op < 0.93) {
      const settings = {
        kafkaClientsVersion: pick(['latest', '3.9', '3.0.0', '2.8', '4.0']),
        rules: rnd() < 0.5 ? {} : { [pick(['idempotence-implicit-downgrade', 'idempotence-acks-conflict', 'unused-disable-directive'])]: pick(['off', 'hint', 'error']) },
      };
      await d.client.changeConfiguration(settings);
    } else {
      await d.client.close(d.uri);
      d.open = false;
    }
    if (Date.now() >= nextHeap) {
      const mb = (await heap(push)) + (await heap(pull));
      heapSamples.push({ t: Date.now(), mb });
      nextHeap = Date.now() + (options.heapEverySeconds ?? 3) * 1000;
    }
    if (Date.now() >= nextSample) {
      samples.push({ t: Date.now(), push: rssMb(push.proc.pid!), pull: rssMb(pull.proc.pid!) });
      nextSample = Date.now() + 1000;
      if (samples.length % 30 === 0) log(`soak: ${Math.round((Date.now() - start) / 1000)} s, ${operations} operations, rss push ${samples[samples.length - 1].push.toFixed(1)} MB pull ${samples[samples.length - 1].pull.toFixed(1)} MB`);
    }
    // let the servers breathe between bursts, as an editor would
    if (operations % 25 === 0) await new Promise((r) => setImmediate(r));
  }
  // every request in flight must still be answered: one last round trip per client
  for (const c of clients) if (c.alive) await ask('final hover', c.hover(docs[0].uri, { line: 0, character: 0 }));
  const crashes = clients.filter((c) => !c.alive).length;
  const handlerErrors = clients.reduce((n, c) => n + c.errors.length, 0);
  for (const c of clients) for (const e of c.errors.slice(0, 3)) problems.push(`handler error: ${e.slice(0, 300)}`);
  const warm = samples.filter((s) => s.t >= warmUpEnd);
  const third = Math.max(1, Math.floor(warm.length / 3));
  const total = (s: { push: number; pull: number }) => s.push + s.pull;
  // the floor of each window (RSS right after collections): a leak raises the floor, GC noise does not
  const rssWarmMb = Math.min(...warm.slice(0, third).map(total));
  const rssEndMb = Math.min(...warm.slice(-third).map(total));
  const rssGrowth = (rssEndMb - rssWarmMb) / rssWarmMb;
  const heapWarm = heapSamples.filter((s) => s.t >= warmUpEnd);
  const heapThird = Math.max(1, Math.floor(heapWarm.length / 3));
  const heapWarmMb = Math.min(...heapWarm.slice(0, heapThird).map((s) => s.mb));
  const heapEndMb = Math.min(...heapWarm.slice(-heapThird).map((s) => s.mb));
  const heapGrowth = (heapEndMb - heapWarmMb) / heapWarmMb;
  for (const c of clients) await c.stop().catch(() => undefined);
  const seconds = (Date.now() - start) / 1000;
  const ok = crashes === 0 && unanswered === 0 && handlerErrors === 0 && !(rssGrowth >= 0.1) && !(heapGrowth >= 0.1);
  if (crashes) problems.push(`${crashes} server(s) crashed`);
  if (rssGrowth >= 0.1) problems.push(`RSS grew ${(rssGrowth * 100).toFixed(1)} % after warm-up`);
  if (heapGrowth >= 0.1) problems.push(`the live heap grew ${(heapGrowth * 100).toFixed(1)} % after warm-up`);
  return {
    seconds, operations, requests, unanswered, crashes, handlerErrors, rssWarmMb, rssEndMb, rssGrowth,
    heapWarmMb, heapEndMb, heapGrowth, documents: docs.length, ok, problems,
  };
}

if (require.main === module) {
  const i = process.argv.indexOf('--minutes');
  const minutes = i >= 0 ? Number(process.argv[i + 1]) : 1;
  if (!(minutes > 0)) {
    console.error('usage: npm run soak -- --minutes M');
    process.exit(2);
  }
  soak({ seconds: minutes * 60, log: (s) => console.log(s) }).then((r) => {
    console.log(JSON.stringify(r, null, 2));
    process.exit(r.ok ? 0 : 1);
  });
}

/**
 * LSP soak: the real server over stdio, driven for M minutes with random incremental
 * edits, hovers, code actions (some applied), configuration changes and close/reopen,
 * over many documents, in push and in pull mode at once.
 *
 * Reports crashes, unanswered requests, handler errors, and the growth of RSS and of the live heap
 * after warm-up (the first 30 % of the run, and from the command line at least 25,000 operations).
 *   node test/out/protocol/soak.js --minutes 10        (npm run soak -- --minutes 10)
 * Exit 1 when a target is missed: 0 crashes, every request answered, no handler error, RSS and
 * live-heap growth < 10 %.
 *
 * Method. RSS is the servers' own VmRSS (/proc/<pid>/status), sampled every second without
 * touching the servers. The live heap is `heapUsed` right after a full GC in the server
 * (`kafkaIdempotence/memory`, servers started with --expose-gc), sampled every seconds/20 s
 * (3 s to 30 s): forced collections are rare, so RSS is that of a server left to its own GC.
 * Warm-up counts operations too, because V8 grows its heap with the work done, not with time.
 * Growth is that of the least-squares line through the samples after warm-up, from the end of
 * warm-up to the end of the run: V8 alone moves RSS by tens of MB (committed pages of the old
 * and the young generation come and go while the live heap stays put), so comparing two
 * samples, or the lowest of two windows, measures that noise; a leak shows as a slope.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { TestClient, editsFor } from './lspClient';
import { ROOT } from '../support';
import { prng } from '../support/prng';

export interface SoakReport {
  seconds: number;
  operations: number;
  requests: number;
  unanswered: number;
  crashes: number;
  handlerErrors: number;
  /**
   * RSS (VmRSS of both server processes, summed, sampled every second) after warm-up: the least-squares
   * line through the samples, at the end of warm-up and at the end of the run, and the growth between.
   */
  rssWarmMb: number;
  rssEndMb: number;
  rssGrowth: number;
  /** The same per server. */
  rssByServer: Record<'push' | 'pull', { warmMb: number; endMb: number; growth: number }>;
  /** The lowest RSS sample in the first and in the last third after warm-up (the earlier method, for comparison). */
  rssFloor: { warmMb: number; endMb: number; growth: number };
  /** The live heap (after a full GC in the servers), summed over both servers: the least-squares line, as for RSS. */
  heapWarmMb: number;
  heapEndMb: number;
  heapGrowth: number;
  /** Seconds and operations of warm-up (excluded from the growth figures). */
  warmUpSeconds: number;
  warmUpOperations: number;
  /** Seconds between live-heap samples (each forces a full GC in both servers). */
  heapEverySeconds: number;
  /** Where each server's memory is, at the first heap sample after warm-up and at the last (MB). */
  breakdown: Record<'push' | 'pull', { warm: MemoryMb; end: MemoryMb }>;
  documents: number;
  ok: boolean;
  problems: string[];
}

/** A memory sample in MB: RSS, V8's heap (committed, live), and V8's committed size per space. */
export interface MemoryMb {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  newSpace: number;
  oldSpace: number;
  oldSpaceUsed: number;
  codeSpace: number;
  largeObjects: number;
}

/** The least-squares line through (t, y): its values at `from` and `to`, and the relative growth between. */
export function trend(
  points: ReadonlyArray<{ t: number; y: number }>,
  from: number,
  to: number,
): { warmMb: number; endMb: number; growth: number } {
  const n = points.length;
  if (n === 0) return { warmMb: NaN, endMb: NaN, growth: NaN };
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.t - mt) ** 2, 0);
  const slope = sxx > 0 ? points.reduce((a, p) => a + (p.t - mt) * (p.y - my), 0) / sxx : 0;
  const warmMb = my + slope * (from - mt);
  const endMb = my + slope * (to - mt);
  return { warmMb, endMb, growth: (endMb - warmMb) / warmMb };
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
    // sorted: directory order depends on the file system, and the run must not
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (LANGUAGE[path.extname(e.name)])
        out.push({ name: e.name, text: fs.readFileSync(p, 'utf8'), languageId: LANGUAGE[path.extname(e.name)] });
    }
  };
  walk(path.join(ROOT, 'examples'));
  out.push(
    {
      name: 'producer.properties',
      text: 'bootstrap.servers=b:9092\nacks=1\nretries=0\nmax.in.flight.requests.per.connection=6\n',
      languageId: 'properties',
    },
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

const MB = 1024 * 1024;

const FRAGMENTS = [
  'a',
  '=',
  '1',
  '\n',
  '\r\n',
  ' ',
  '#',
  '\\',
  'acks=all',
  'enable.idempotence=',
  '😀',
  ':',
  '{',
  '}',
  '"',
  "'",
  'retries: 0',
  '\t',
];

/** The diagnostics last pushed for `uri` (searched from the end: the list only grows). */
function lastPublished(c: TestClient, uri: string): Diagnostic[] {
  for (let i = c.published.length - 1; i >= 0; i--) if (c.published[i].uri === uri) return c.published[i].diagnostics;
  return [];
}

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
  /**
   * Operations that count as warm-up too (default 0): V8 sizes its heap and compiles code with the
   * work done, not with the time passed, so on a slow machine 30 % of the run is not yet warm.
   * Warm-up ends at the later of the two, but no later than 60 % of the run.
   */
  warmUpOperations?: number;
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
  const heap = async (c: TestClient): Promise<MemoryReport | null> => {
    const m = await c.conn.sendRequest<MemoryReport | null>('kafkaIdempotence/memory', { gc: true });
    if (m) options.onHeapSample?.(c === push ? 'push' : 'pull', Date.now() - start, m);
    return m;
  };
  // forced full collections disturb what they measure (and cost time): at most every 30 s in long runs
  const heapEverySeconds = options.heapEverySeconds ?? Math.min(30, Math.max(3, options.seconds / 20));
  const heapSamples: Array<{ t: number; push: MemoryReport | null; pull: MemoryReport | null }> = [];
  let nextHeap: number;
  const clients = [push, pull];
  const docs: Array<{ client: TestClient; uri: string; languageId: string; open: boolean; seed: string }> = [];
  const count = options.documents ?? 60;
  for (let i = 0; i < count; i++) {
    const s = pool[i % pool.length];
    // alternate servers, swapping every round through the seeds, so that both get every seed
    // (with an even number of seeds, i % 2 alone gave each server half of the formats)
    const client = clients[(i + Math.floor(i / pool.length)) % 2];
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
  let warmUpEnd = start + options.seconds * 1000 * (options.warmUp ?? 0.3);
  const warmUpLatest = start + options.seconds * 1000 * Math.max(0.6, options.warmUp ?? 0.3);
  let warmByWork = (options.warmUpOperations ?? 0) <= 0;
  const samples: Array<{ t: number; push: number; pull: number; operations: number }> = [];
  let nextSample = start;
  while (Date.now() < deadline && clients.every((c) => c.alive)) {
    operations++;
    if (!warmByWork && operations >= options.warmUpOperations!) {
      warmByWork = true;
      warmUpEnd = Math.min(warmUpLatest, Math.max(warmUpEnd, Date.now()));
    }
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
      let diagnostics: Diagnostic[];
      if (d.client === pull) {
        const report = await ask('pull', pull.pull(d.uri));
        diagnostics = report && 'items' in report ? report.items : [];
      } else {
        diagnostics = lastPublished(push, d.uri);
      }
      const range = diagnostics[0]?.range ?? randomRange(d.client.text(d.uri));
      const actions = await ask(
        'codeAction',
        d.client.codeActions(d.uri, range, diagnostics.slice(0, 3), rnd() < 0.2 ? ['source.fixAll.kafkaIdempotence'] : undefined),
      );
      if (actions && actions.length > 0 && rnd() < 0.5) {
        const edits = editsFor(pick(actions).edit, d.uri);
        if (edits.length > 0) await d.client.applyEdits(d.uri, edits);
      }
    } else if (op < 0.93) {
      const settings = {
        kafkaClientsVersion: pick(['latest', '3.9', '3.0.0', '2.8', '4.0']),
        rules:
          rnd() < 0.5
            ? {}
            : {
                [pick(['idempotence-implicit-downgrade', 'idempotence-acks-conflict', 'unused-disable-directive'])]: pick([
                  'off',
                  'hint',
                  'error',
                ]),
              },
      };
      await d.client.changeConfiguration(settings);
    } else {
      await d.client.close(d.uri);
      d.open = false;
    }
    if (Date.now() >= nextHeap) {
      heapSamples.push({ t: Date.now(), push: await heap(push), pull: await heap(pull) });
      nextHeap = Date.now() + heapEverySeconds * 1000;
    }
    if (Date.now() >= nextSample) {
      samples.push({ t: Date.now(), push: rssMb(push.proc.pid!), pull: rssMb(pull.proc.pid!), operations });
      nextSample = Date.now() + 1000;
      if (samples.length % 30 === 0) {
        const h = heapSamples[heapSamples.length - 1];
        const heapText = h
          ? `, live heap push ${((h.push?.heapUsed ?? NaN) / MB).toFixed(1)} MB pull ${((h.pull?.heapUsed ?? NaN) / MB).toFixed(1)} MB`
          : '';
        log(
          `soak: ${Math.round((Date.now() - start) / 1000)} s, ${operations} operations, rss push ${samples[samples.length - 1].push.toFixed(1)} MB pull ${samples[samples.length - 1].pull.toFixed(1)} MB${heapText}`,
        );
      }
    }
    // let the servers breathe between bursts, as an editor would
    if (operations % 25 === 0) await new Promise((r) => setImmediate(r));
  }
  // every request in flight must still be answered: one last round trip per client
  for (const c of clients) if (c.alive) await ask('final hover', c.hover(docs[0].uri, { line: 0, character: 0 }));
  const crashes = clients.filter((c) => !c.alive).length;
  const handlerErrors = clients.reduce((n, c) => n + c.errors.length, 0);
  for (const c of clients) for (const e of c.errors.slice(0, 3)) problems.push(`handler error: ${e.slice(0, 300)}`);
  if (!warmByWork) warmUpEnd = Math.max(warmUpEnd, warmUpLatest);
  const end = samples.length > 0 ? samples[samples.length - 1].t : warmUpEnd;
  const warm = samples.filter((s) => s.t >= warmUpEnd);
  const opsAtWarmUpEnd = warm[0]?.operations ?? operations;
  const total = (s: { push: number; pull: number }) => s.push + s.pull;
  // RSS moves by tens of MB with V8's heap sizing alone (committed old-space and new-space pages
  // come and go with nothing retained), so one sample says little: the trend over all of them does
  const rss = trend(
    warm.map((s) => ({ t: s.t, y: total(s) })),
    warmUpEnd,
    end,
  );
  const rssByServer = {
    push: trend(
      warm.map((s) => ({ t: s.t, y: s.push })),
      warmUpEnd,
      end,
    ),
    pull: trend(
      warm.map((s) => ({ t: s.t, y: s.pull })),
      warmUpEnd,
      end,
    ),
  };
  const third = Math.max(1, Math.floor(warm.length / 3));
  const floorWarm = Math.min(...warm.slice(0, third).map(total));
  const floorEnd = Math.min(...warm.slice(-third).map(total));
  const rssFloor = { warmMb: floorWarm, endMb: floorEnd, growth: (floorEnd - floorWarm) / floorWarm };
  const heapWarm = heapSamples.filter((s) => s.t >= warmUpEnd);
  const live = (m: MemoryReport | null) => (m ? m.heapUsed / MB : NaN);
  const heapTrend = trend(
    heapWarm.map((s) => ({ t: s.t, y: live(s.push) + live(s.pull) })),
    warmUpEnd,
    end,
  );
  const inMb = (m: MemoryReport | null): MemoryMb => ({
    rss: (m?.rss ?? NaN) / MB,
    heapTotal: (m?.heapTotal ?? NaN) / MB,
    heapUsed: (m?.heapUsed ?? NaN) / MB,
    external: (m?.external ?? NaN) / MB,
    newSpace: (m?.spaces.new_space?.physical ?? NaN) / MB,
    oldSpace: (m?.spaces.old_space?.physical ?? NaN) / MB,
    oldSpaceUsed: (m?.spaces.old_space?.used ?? NaN) / MB,
    codeSpace: (m?.spaces.code_space?.physical ?? NaN) / MB,
    largeObjects: (m?.spaces.large_object_space?.physical ?? NaN) / MB,
  });
  const first = heapWarm[0];
  const last = heapWarm[heapWarm.length - 1];
  const breakdown = {
    push: { warm: inMb(first?.push ?? null), end: inMb(last?.push ?? null) },
    pull: { warm: inMb(first?.pull ?? null), end: inMb(last?.pull ?? null) },
  };
  const rssWarmMb = rss.warmMb;
  const rssEndMb = rss.endMb;
  const rssGrowth = rss.growth;
  const heapWarmMb = heapTrend.warmMb;
  const heapEndMb = heapTrend.endMb;
  const heapGrowth = heapTrend.growth;
  for (const c of clients) await c.stop().catch(() => undefined);
  const seconds = (Date.now() - start) / 1000;
  const ok = crashes === 0 && unanswered === 0 && handlerErrors === 0 && rssGrowth < 0.1 && heapGrowth < 0.1;
  if (crashes) problems.push(`${crashes} server(s) crashed`);
  if (!(rssGrowth < 0.1)) problems.push(`RSS grew ${(rssGrowth * 100).toFixed(1)} % after warm-up (${warm.length} samples)`);
  if (!(heapGrowth < 0.1))
    problems.push(`the live heap grew ${(heapGrowth * 100).toFixed(1)} % after warm-up (${heapWarm.length} samples)`);
  return {
    seconds,
    operations,
    requests,
    unanswered,
    crashes,
    handlerErrors,
    rssWarmMb,
    rssEndMb,
    rssGrowth,
    rssByServer,
    rssFloor,
    heapWarmMb,
    heapEndMb,
    heapGrowth,
    warmUpSeconds: (warmUpEnd - start) / 1000,
    warmUpOperations: opsAtWarmUpEnd,
    heapEverySeconds,
    breakdown,
    documents: docs.length,
    ok,
    problems,
  };
}

if (require.main === module) {
  const i = process.argv.indexOf('--minutes');
  const minutes = i >= 0 ? Number(process.argv[i + 1]) : 1;
  if (!(minutes > 0)) {
    console.error('usage: npm run soak -- --minutes M');
    process.exit(2);
  }
  void soak({ seconds: minutes * 60, warmUpOperations: 25_000, log: (s) => console.log(s) }).then((r) => {
    console.log(JSON.stringify(r, null, 2));
    process.exit(r.ok ? 0 : 1);
  });
}

// `npm run bench`: performance figures of the linter, each a ratio measured side by side in
// the same run, reported as the median and range (min–max) over several runs after warm-up.
// Inputs are generated here from a seed (bench/gen.mjs). Never a test: nothing here fails.
//
//   node --expose-gc bench/run.mjs [--quick] [--runs N] [--seed N] [--only 1,2,...] [--json FILE]
//                                  [--baseline <built checkout>]   (figure 7: that build side by side, as "before")
//
// Figures (see docs/performance.md for what each ratio means):
//   1 lint over parse-only        4 scaling (time per MB, 10 KB → 10 MB; quadratic-once shapes 100 KB → 10 MB)
//   2 editor latency over stdio   5 server memory with 1,000 open documents
//   3 files without Kafka         6 workspace: CLI over 10,000 files, next to eslint
//   7 the sizes people edit: lint ÷ parse at 5 KB / 20 KB, and over stdio start, open, edits and server CPU
//     next to yaml-language-server; the first Kafka TS file after start (cold and warm code cache)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as gen from './gen.mjs';
import { LspClient } from './lsp.mjs';
import { benchDeps } from './deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const startDir = process.cwd();
process.chdir(root);

// ---------------------------------------------------------------------------------------------
// options

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = flag('--quick');
const RUNS = Number(value('--runs') ?? (QUICK ? 3 : 7));
const WARMUP = QUICK ? 1 : 2;
const SEED = Number(value('--seed') ?? 20250601);
const ONLY = value('--only')?.split(',').map(Number);
const JSON_OUT = value('--json');
// figure 7 only: a built checkout of an earlier commit, measured side by side as "before"
const BASELINE = value('--baseline');
// In-process figures (1, 3, 4) time this process's CPU (user + system, all its threads, GC
// included) by default: on a shared machine wall time mostly measures the neighbours.
// `--clock wall` times them by the wall clock instead.
const CLOCK = value('--clock') ?? 'cpu';
const now =
  CLOCK === 'wall'
    ? () => performance.now()
    : () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
const want = (n) => !ONLY || ONLY.includes(n);

const MB = 1024 * 1024;
const log = (s) => process.stderr.write(`${s}\n`);
const pause = new Int32Array(new SharedArrayBuffer(4));
/**
 * A full collection, then a short pause for the collector's background threads: they count
 * in the process CPU time, and freeing a 10 MB lint's heap would land on the next (small) sample.
 */
const gc = (ms = 30) => {
  globalThis.gc?.();
  Atomics.wait(pause, 0, 0, ms);
};

// ---------------------------------------------------------------------------------------------
// statistics and timing

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });

/**
 * Milliseconds per call of `fn`, called back to back until at least `minMs` have passed and
 * `minCalls` calls were made, so that each call pays its share of garbage collection
 * (a forced GC before a single call would hide the collector's work from the figures).
 */
function msPerCall(fn, minMs, minCalls = QUICK ? 3 : 5) {
  let n = 0;
  const t0 = now();
  let t;
  do {
    fn();
    n++;
    t = now() - t0;
  } while (t < minMs || n < minCalls);
  return t / n;
}

/**
 * Times `a` and `b` side by side: each run measures both (alternating which goes first),
 * after a JIT warm-up of each and `WARMUP` discarded runs. Returns the per-run ratios a/b
 * and both timings.
 */
function sideBySide(a, b, { minMs = QUICK ? 100 : 200, runs = RUNS } = {}) {
  // warm-up: let the JIT settle on both before anything counts
  for (const f of [a, b]) {
    const t0 = now();
    for (let k = 0; k < (QUICK ? 3 : 5) || now() - t0 < (QUICK ? 300 : 600); k++) f();
  }
  const out = { ratio: [], a: [], b: [] };
  for (let i = -WARMUP; i < runs; i++) {
    gc();
    let ta;
    let tb;
    if (i % 2 === 0) {
      ta = msPerCall(a, minMs);
      gc();
      tb = msPerCall(b, minMs);
    } else {
      tb = msPerCall(b, minMs);
      gc();
      ta = msPerCall(a, minMs);
    }
    if (i < 0) continue;
    out.a.push(ta);
    out.b.push(tb);
    out.ratio.push(ta / tb);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// the table

const rows = [];
const notes = [];
const fmt = (x, d = 2) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 0.1 || x === 0 ? x.toFixed(d) : x.toPrecision(2));
const fmtRange = (s, d = 2, unit = '') => `${fmt(s.median, d)}${unit} (${fmt(s.min, d)}–${fmt(s.max, d)})`;

/**
 * One row: `ratio` is a summary (or undefined with `na`), `target` a number the median is
 * compared with (lower is better), `detail` the absolute figures behind the ratio.
 */
function row(figure, what, ratio, target, detail, na) {
  const verdict = na ? '' : target === undefined ? '' : ratio.median <= target ? 'met' : 'MISSED';
  rows.push({
    figure,
    what,
    ratio: na ? `n/a (${na})` : fmtRange(ratio),
    target: target === undefined ? '–' : `≤ ${target}`,
    verdict,
    detail: na ? '' : detail,
    raw: ratio,
  });
}

function printTable() {
  const head = ['#', 'measure', 'ratio: median (min–max)', 'target', '', 'absolute (median)'];
  const body = rows.map((r) => [String(r.figure), r.what, r.ratio, r.target, r.verdict, r.detail]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// the code under test

function build() {
  log('building dist/ (scripts/build.mjs) and the service bundle ...');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

/**
 * The service bundled the way the product bundles it (scripts/bundling.mjs: the same plugins), with
 * the `yaml` package inside: figure 1's parse baseline is the very `yaml` build the linter runs
 * (`Parser` and `Composer` are exported from the same bundle). `typescript` stays the project's own
 * copy (the one the TS baselines use). `dir` is this checkout, or a baseline checkout (`--baseline`).
 */
async function loadService(dir = root, label = 'service') {
  const esbuild = await import('esbuild');
  const outfile = join(root, '.cache', 'bench-build', `${label}.cjs`);
  let common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20' };
  let plugins = [];
  // a checkout from before scripts/bundling.mjs bundled the service without plugins
  if (existsSync(join(dir, 'scripts', 'bundling.mjs'))) {
    const b = await import(pathToFileURL(join(dir, 'scripts', 'bundling.mjs')).href);
    common = b.common;
    plugins = b.servicePlugins;
  }
  await esbuild.build({
    ...common,
    stdin: {
      contents: "export * from './server/src/service/index';\nexport { Parser, Composer } from 'yaml';\n",
      resolveDir: dir,
      loader: 'ts',
    },
    outfile,
    external: ['typescript'],
    plugins,
    logLevel: 'warning',
  });
  const req = createRequire(join(root, 'package.json'));
  const svc = req(outfile);
  const optional = (name) => {
    try {
      return req(name);
    } catch {
      return undefined;
    }
  };
  // the Java parser, loaded as the server and the CLI load it (server/src/javaParser.ts) and handed to this bundle's service
  let java;
  try {
    const { Parser, Language } = req('web-tree-sitter');
    await Parser.init({ wasmBinary: readFileSync(req.resolve('web-tree-sitter/web-tree-sitter.wasm')) });
    const language = await Language.load(readFileSync(req.resolve('tree-sitter-java/tree-sitter-java.wasm')));
    const parser = new Parser();
    parser.setLanguage(language);
    java = { parse: (text) => parser.parse(text) };
    svc.setJavaParser?.(java);
  } catch {
    java = undefined;
  }
  return { svc, YAML: { Parser: svc.Parser, Composer: svc.Composer }, ts: optional('typescript'), java };
}

const SETTINGS = (svc) => ({ ...svc.DEFAULT_SETTINGS, maxFileSize: 1e9 });

/** Whether the service parses `format` yet (parseDocument gives undefined for formats it does not know). */
function supports(svc, format, sample) {
  try {
    return svc.parseDocument(format, sample) !== undefined;
  } catch {
    return false;
  }
}
const NA_FORMAT = 'format not supported yet';

// ---------------------------------------------------------------------------------------------
// inputs

function inputs() {
  const r = (salt) => gen.rngFrom(SEED ^ salt);
  return {
    springYaml: (bytes) => gen.springYaml(r(0x11), bytes),
    genericYaml: (bytes) => gen.genericYaml(r(0x22), bytes),
    properties: (bytes) => gen.producerProperties(r(0x33), bytes),
    kafkaTs: (size) => gen.kafkaTs(r(0x44), size),
    genericTs: (size) => gen.genericTs(r(0x55), size),
    kafkaJava: (size) => gen.kafkaJava(r(0x77), size),
    genericJava: (size) => gen.genericJava(r(0x88), size),
    workspace: (n) => gen.workspace(r(0x66), n),
    oneLineYaml: (bytes) => gen.oneLineYaml(r(0x77), bytes),
    largeGradle: (bytes) => gen.largeGradle(r(0x88), bytes),
    directiveRun: (bytes) => gen.directiveRun(r(0x99), bytes),
  };
}

// ---------------------------------------------------------------------------------------------
// 1. lint over parse-only

function yamlParseOnly(YAML) {
  // what the service's YAML parser runs before its own walk: the CST parser and the composer
  return (text) => {
    const docs = [];
    const composer = new YAML.Composer({ prettyErrors: false });
    for (const token of new YAML.Parser().parse(text)) for (const d of composer.next(token)) docs.push(d);
    for (const d of composer.end()) docs.push(d);
    return docs;
  };
}

function figure1(ctx) {
  const { svc, YAML, ts, input } = ctx;
  const settings = SETTINGS(svc);
  const cases = [
    {
      what: 'YAML: lint ÷ yaml Parser+Composer (1 MB application.yml)',
      format: 'yaml',
      fileName: 'application.yml',
      text: input.springYaml(MB),
      parse: YAML && yamlParseOnly(YAML),
      missing: !YAML && "the 'yaml' package is not installed",
    },
    {
      what: '.properties: lint ÷ parseProperties (1 MB producer.properties)',
      format: 'properties',
      fileName: 'producer.properties',
      text: input.properties(MB),
      parse: (text) => svc.parseProperties(text, 0),
    },
    {
      what: 'Java: lint ÷ tree-sitter-java parse (5,000-line file with producers)',
      format: 'java',
      fileName: 'OrderService.java',
      text: input.kafkaJava({ lines: 5000 }),
      // the parse alone: what lint must do anyway (the tree is freed, as lint frees it)
      parse: ctx.java && ((text) => ctx.java.parse(text).delete()),
      missing: !ctx.java && 'the Java parser (web-tree-sitter, tree-sitter-java) could not be loaded',
    },
    {
      what: 'TS: lint ÷ ts.createSourceFile (5,000-line KafkaJS file)',
      format: 'typescript',
      fileName: 'producer.ts',
      text: input.kafkaTs({ lines: 5000 }),
      parse: ts && ((text) => ts.createSourceFile('producer.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)),
      missing: !ts && "the 'typescript' package is not installed",
    },
  ];
  for (const c of cases) {
    const na = !supports(svc, c.format, c.text.slice(0, 2000)) ? NA_FORMAT : c.missing;
    if (na) {
      row(1, c.what, undefined, 1.25, '', na);
      continue;
    }
    log(`  1: ${c.what}`);
    const input = { fileName: c.fileName, text: c.text };
    const res = svc.lint(input, settings);
    notes.push(
      `1 ${c.format}: ${(c.text.length / MB).toFixed(2)} M chars, ${c.text.split('\n').length - 1} lines, ${res.blocks.length} producer block(s), ${res.findings.length} finding(s)`,
    );
    const m = sideBySide(
      () => svc.lint(input, settings),
      () => c.parse(c.text),
    );
    row(1, c.what, summary(m.ratio), 1.25, `lint ${fmt(median(m.a))} ms; parse ${fmt(median(m.b))} ms`);
  }
}

// ---------------------------------------------------------------------------------------------
// 3. files with no Kafka content

function figure3(ctx) {
  const { svc, input, tmp } = ctx;
  const settings = SETTINGS(svc);
  const decoder = new TextDecoder();
  const cases = [
    { what: 'no Kafka, YAML: (read+lint) ÷ read (1 MB k8s manifests)', format: 'yaml', name: 'deploy.yml', text: input.genericYaml(MB) },
    {
      what: 'no Kafka, TS: (read+lint) ÷ read (1 MB TS, no Kafka import)',
      format: 'typescript',
      name: 'service.ts',
      text: input.genericTs({ bytes: MB }),
    },
    {
      what: 'no Kafka, Java: (read+lint) ÷ read (1 MB Java, no Kafka)',
      format: 'java',
      name: 'OrderService.java',
      text: input.genericJava({ bytes: MB }),
    },
  ];
  for (const c of cases) {
    if (!supports(svc, c.format, c.text.slice(0, 2000))) {
      row(3, c.what, undefined, 2, '', NA_FORMAT);
      continue;
    }
    log(`  3: ${c.what}`);
    const file = join(tmp, c.name);
    writeFileSync(file, c.text);
    const read = () => decoder.decode(readFileSync(file));
    const res = svc.lint({ fileName: file, text: read() }, settings);
    notes.push(`3 ${c.format}: ${res.blocks.length} producer block(s), ${res.findings.length} finding(s) (expected 0)`);
    const m = sideBySide(() => svc.lint({ fileName: file, text: read() }, settings), read, { minMs: 50 });
    row(3, c.what, summary(m.ratio), 2, `read+lint ${fmt(median(m.a))} ms; read ${fmt(median(m.b))} ms`);
  }
}

// ---------------------------------------------------------------------------------------------
// 4. scaling

function figure4(ctx) {
  const { svc, input } = ctx;
  const settings = SETTINGS(svc);
  const sizes = [10 * 1024, 100 * 1024, MB, 10 * MB];
  const formats = [
    { format: 'properties', name: 'producer.properties', make: (b) => input.properties(b) },
    { format: 'yaml', name: 'application.yml', make: (b) => input.springYaml(b) },
    { format: 'typescript', name: 'producer.ts', make: (b) => input.kafkaTs({ bytes: b }) },
  ];
  const runs = QUICK ? 3 : 5;
  for (const f of formats) {
    const what = `scaling ${f.format}: (ms/MB at 10 MB) ÷ (ms/MB at 10 KB)`;
    if (!supports(svc, f.format, f.make(2000))) {
      row(4, what, undefined, 1.5, '', NA_FORMAT);
      continue;
    }
    log(`  4: ${what}`);
    const texts = sizes.map((b) => f.make(b));
    const perMb = sizes.map(() => []);
    const ratios = [];
    for (let i = -1; i < runs; i++) {
      const run = texts.map((text, k) => {
        gc(150);
        const t = msPerCall(() => svc.lint({ fileName: f.name, text }, settings), k < 2 ? 200 : 1, [5, 5, 3, 1][k]);
        return t / (text.length / MB);
      });
      if (i < 0) continue;
      run.forEach((x, k) => perMb[k].push(x));
      ratios.push(run[run.length - 1] / run[0]);
    }
    row(
      4,
      what,
      summary(ratios),
      1.5,
      sizes.map((b, k) => `${b >= MB ? `${b / MB} MB` : `${b / 1024} KB`}: ${fmt(median(perMb[k]))}`).join(', ') + ' ms/MB',
    );
  }
  // shapes that used to be quadratic: 100 KB → 10 MB (the size limit is raised in SETTINGS)
  const big = [100 * 1024, MB, 10 * MB];
  const shapes = [
    {
      what: 'one-line YAML (JSON as .yaml)',
      make: (b) => input.oneLineYaml(b),
      run: (text) => svc.lint({ fileName: 'application.yaml', text }, settings),
    },
    {
      what: 'large build.gradle (build-file reader)',
      make: (b) => input.largeGradle(b),
      run: (text) => svc.kafkaClientsInGradle(text),
      needs: 'kafkaClientsInGradle',
    },
    {
      what: 'long directive comment (.properties)',
      make: (b) => input.directiveRun(b),
      run: (text) => svc.lint({ fileName: 'producer.properties', text }, settings),
    },
  ];
  for (const f of shapes) {
    const what = `scaling ${f.what}: (ms/MB at 10 MB) ÷ (ms/MB at 100 KB)`;
    if (f.needs && typeof svc[f.needs] !== 'function') {
      row(4, what, undefined, 1.5, '', `no ${f.needs} in this build`);
      continue;
    }
    log(`  4: ${what}`);
    const texts = big.map((b) => f.make(b));
    const perMb = big.map(() => []);
    const ratios = [];
    for (let i = -1; i < runs; i++) {
      const run = texts.map((text, k) => {
        gc(150);
        const t = msPerCall(() => f.run(text), k < 1 ? 200 : 1, [5, 3, 1][k]);
        return t / (text.length / MB);
      });
      if (i < 0) continue;
      run.forEach((x, k) => perMb[k].push(x));
      ratios.push(run[run.length - 1] / run[0]);
    }
    row(
      4,
      what,
      summary(ratios),
      1.5,
      big.map((b, k) => `${b >= MB ? `${b / MB} MB` : `${b / 1024} KB`}: ${fmt(median(perMb[k]))}`).join(', ') + ' ms/MB',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// 2. editor latency over stdio

// our server as the VS Code client starts it: the same Node flags (SERVER_FLAGS in server/src/lsp/protocol.ts)
const { SERVER_FLAGS } = createRequire(import.meta.url)(join(root, 'server', 'out', 'lsp', 'protocol.js'));
const OUR_SERVER = () => [...SERVER_FLAGS, join(root, 'dist', 'server.js'), '--stdio'];
const BASE_CAPS = {
  textDocument: { synchronization: { didSave: false }, publishDiagnostics: { versionSupport: true, relatedInformation: true } },
  workspace: {},
};
const PULL_CAPS = {
  ...BASE_CAPS,
  textDocument: { ...BASE_CAPS.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

/** A server under test: how to open a document and wait for its diagnostics, and how to edit it. */
async function startServer(kind, deps) {
  if (kind === 'theirs') {
    const c = new LspClient([deps.yamlLanguageServer, '--stdio']);
    await c.initialize(BASE_CAPS);
    // no schema store (it would go to the network), plain YAML validation
    c.notify('workspace/didChangeConfiguration', {
      settings: {
        yaml: { validate: true, hover: false, completion: false, format: { enable: false }, schemaStore: { enable: false }, schemas: {} },
      },
    });
    return { c, kind };
  }
  const c = new LspClient(OUR_SERVER());
  await c.initialize(kind === 'pull' ? PULL_CAPS : BASE_CAPS);
  return { c, kind };
}

/** didOpen → first diagnostics (push: publishDiagnostics; pull: the textDocument/diagnostic response). */
async function openAndWait(s, uri, languageId, text) {
  const { c, kind } = s;
  const t0 = performance.now();
  if (kind === 'pull') {
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const r = await c.request('textDocument/diagnostic', { textDocument: { uri } });
    return { ms: r.at - t0, at: r.at, count: r.result.items?.length ?? 0 };
  }
  const wait = c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const r = await wait;
  return { ms: r.at - t0, at: r.at, count: r.params.diagnostics.length };
}

async function changeAndWait(s, uri, version, range, newText) {
  const { c, kind } = s;
  const t0 = performance.now();
  const change = { textDocument: { uri, version }, contentChanges: [{ range, text: newText }] };
  if (kind === 'pull') {
    c.notify('textDocument/didChange', change);
    const r = await c.request('textDocument/diagnostic', { textDocument: { uri } });
    return r.at - t0;
  }
  const wait = c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && (p.version === undefined || p.version === version));
  c.notify('textDocument/didChange', change);
  return (await wait).at - t0;
}

async function closeDoc(s, uri) {
  const wait =
    s.kind === 'pull'
      ? Promise.resolve()
      : s.c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length === 0, 30000).catch(() => {});
  s.c.notify('textDocument/didClose', { textDocument: { uri } });
  await wait;
}

async function figure2(ctx) {
  const { svc, input, deps } = ctx;
  const text = input.springYaml(MB);
  const whatOpen = (k) => `didOpen→diagnostics, ${k} ÷ yaml-language-server (1 MB YAML)`;
  const whatEdit = (k) => `1-char edit→diagnostics p50, ${k} ÷ yaml-language-server`;
  if (!supports(svc, 'yaml', text.slice(0, 2000))) {
    for (const k of ['ours push', 'ours pull']) row(2, whatOpen(k), undefined, 0.5, '', NA_FORMAT);
    row(2, whatEdit('ours'), undefined, undefined, '', NA_FORMAT);
    return;
  }
  if (!deps.yamlLanguageServer) {
    for (const k of ['ours push', 'ours pull']) row(2, whatOpen(k), undefined, 0.5, '', 'yaml-language-server not installed');
    return;
  }
  log('  2: starting our server (push and pull) and yaml-language-server');
  const servers = {};
  for (const kind of ['push', 'pull', 'theirs']) servers[kind] = await startServer(kind, deps);
  try {
    const open = { push: [], pull: [], theirs: [] };
    const counts = {};
    for (let i = -WARMUP; i < RUNS; i++) {
      for (const kind of ['push', 'pull', 'theirs']) {
        const uri = `file:///bench/run-${i + WARMUP}/${kind}/application.yml`;
        const r = await openAndWait(servers[kind], uri, 'yaml', `# run ${i}\n${text}`);
        counts[kind] = r.count;
        await closeDoc(servers[kind], uri);
        if (i >= 0) open[kind].push(r.ms);
      }
    }
    notes.push(`2 diagnostics on the 1 MB YAML: ours ${counts.push} (push) / ${counts.pull} (pull), yaml-language-server ${counts.theirs}`);
    const ratio = (k) => open[k].map((x, i) => x / open.theirs[i]);
    const theirs = summary(open.theirs);
    row(2, whatOpen('ours push'), summary(ratio('push')), 0.5, `ours ${fmt(median(open.push))} ms; theirs ${fmt(theirs.median)} ms`);
    row(2, whatOpen('ours pull'), summary(ratio('pull')), 0.5, `ours ${fmt(median(open.pull))} ms; theirs ${fmt(theirs.median)} ms`);
    // yaml-language-server waits a fixed 200 ms (validationDelayMs) before validating; without it:
    const work = open.push.map((x, i) => x / Math.max(1, open.theirs[i] - 200));
    row(
      2,
      'didOpen→diagnostics, ours push ÷ (theirs − its fixed 200 ms delay)',
      summary(work),
      undefined,
      `theirs − 200 ms: ${fmt(theirs.median - 200)} ms`,
    );

    // incremental: one-character edits (a digit in a value becomes another digit)
    const doc = `# incremental\n${text}`;
    const lines = doc.split('\n');
    const spots = [];
    lines.forEach((l, n) => {
      const m = /^(\s+timeout: )\d/.exec(l);
      if (m && spots.length < 50) spots.push({ line: n, character: m[1].length });
    });
    const edits = QUICK ? 12 : 40;
    const lat = { push: [], pull: [], theirs: [] };
    for (const kind of ['push', 'pull', 'theirs'])
      await openAndWait(servers[kind], `file:///bench/edit/${kind}/application.yml`, 'yaml', doc);
    for (let e = 0; e < edits + 2; e++) {
      const spot = spots[e % spots.length];
      const range = { start: spot, end: { line: spot.line, character: spot.character + 1 } };
      const digit = String((e % 9) + 1);
      for (const kind of ['push', 'pull', 'theirs']) {
        const t = await changeAndWait(servers[kind], `file:///bench/edit/${kind}/application.yml`, e + 2, range, digit);
        if (e >= 2) lat[kind].push(t);
      }
    }
    const p = (k, q) => quantile(lat[k], q);
    const ratioEdits = (k) => lat[k].map((x, i) => x / lat.theirs[i]);
    const detail = (k) =>
      `ours p50 ${fmt(p(k, 0.5))} / p95 ${fmt(p(k, 0.95))} ms; theirs p50 ${fmt(p('theirs', 0.5))} / p95 ${fmt(p('theirs', 0.95))} ms`;
    row(2, whatEdit('ours push (both debounce 200 ms)'), summary(ratioEdits('push')), undefined, detail('push'));
    row(2, whatEdit('ours pull (no debounce)'), summary(ratioEdits('pull')), undefined, detail('pull'));
  } finally {
    for (const s of Object.values(servers)) await s.c.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 5. memory with 1,000 open documents

const LANGUAGE = { ts: 'typescript', yaml: 'yaml', properties: 'properties' };

async function figure5(ctx) {
  const { input } = ctx;
  const docs = input
    .workspace(1800)
    .filter((f) => f.kind !== 'other')
    .slice(0, 1000);
  const chars = docs.reduce((a, d) => a + d.text.length, 0);
  const runs = QUICK ? 1 : 3;
  const rss = [];
  const idle = [];
  let diagnostics = 0;
  log(`  5: 1,000 documents (${(chars / MB).toFixed(1)} M chars) in our server, ${runs} run(s)`);
  for (let i = 0; i < runs; i++) {
    const s = await startServer('push');
    try {
      await new Promise((r) => setTimeout(r, 300));
      idle.push(s.c.rss());
      const seen = new Set();
      diagnostics = 0;
      const all = new Promise((resolve) => {
        s.c.listeners.add((msg) => {
          if (msg.method !== 'textDocument/publishDiagnostics') return;
          seen.add(msg.params.uri);
          diagnostics += msg.params.diagnostics.length;
          if (seen.size === docs.length) resolve();
        });
      });
      docs.forEach((d) =>
        s.c.notify('textDocument/didOpen', {
          textDocument: { uri: `file:///ws/${d.path}`, languageId: LANGUAGE[d.kind], version: 1, text: d.text },
        }),
      );
      await all;
      await new Promise((r) => setTimeout(r, 500));
      rss.push(s.c.rss());
    } finally {
      await s.c.close();
    }
  }
  const toMb = (xs) => xs.map((x) => x / MB);
  row(
    5,
    'server RSS with 1,000 open docs ÷ 150 MB',
    summary(toMb(rss).map((x) => x / 150)),
    1,
    `${fmt(median(toMb(rss)))} MB (idle after start ${fmt(median(toMb(idle)))} MB); ${diagnostics} diagnostics`,
  );
  notes.push(
    `5 documents: ${docs.filter((d) => d.kind === 'ts').length} TS, ${docs.filter((d) => d.kind === 'yaml').length} YAML, ${docs.filter((d) => d.kind === 'properties').length} .properties; ${docs.filter((d) => d.kafka).length} with Kafka content; ${(chars / MB).toFixed(1)} M chars`,
  );
}

// ---------------------------------------------------------------------------------------------
// 6. workspace: the CLI over 10,000 files, next to eslint

/** Runs a command; wall time and peak RSS (GNU time -v when present, else VmHWM polled from /proc). */
function measureProcess(cmd, args, cwd) {
  const gnuTime = existsSync('/usr/bin/time');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = gnuTime
      ? spawn('/usr/bin/time', ['-v', cmd, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let hwm = 0;
    child.stderr.on('data', (d) => {
      if (err.length < 200000) err += d;
    });
    const poll = gnuTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]) * 1024);
          } catch {
            // exited
          }
        }, 5);
    child.on('error', reject);
    child.on('exit', (code) => {
      const wall = performance.now() - t0;
      if (poll) clearInterval(poll);
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      if (m) hwm = Number(m[1]) * 1024;
      const user = /User time \(seconds\): ([\d.]+)/.exec(err);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(err);
      const cpu = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : NaN;
      resolve({ ms: wall, cpu, rss: hwm, code, stderr: err });
    });
  });
}

async function figure6(ctx) {
  const { input, deps } = ctx;
  const n = 10000;
  const ws = join(tmpdir(), `kafka-idempotence-bench-${SEED}-${n}`);
  const files = input.workspace(n);
  const stamp = join(ws, '.complete');
  if (!existsSync(stamp)) {
    log(`  6: writing ${n} files into ${ws}`);
    rmSync(ws, { recursive: true, force: true });
    for (const f of files) {
      const p = join(ws, 'files', f.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.text);
    }
    writeFileSync(stamp, '');
  }
  const tsFiles = files.filter((f) => f.kind === 'ts').length;
  const lintable = files.filter((f) => f.kind !== 'other').length;
  const bytes = files.reduce((a, f) => a + Buffer.byteLength(f.text), 0);
  notes.push(
    `6 workspace: ${n} files (${(bytes / MB).toFixed(1)} MB): ${tsFiles} TS, ${files.filter((f) => f.kind === 'yaml').length} YAML, ${files.filter((f) => f.kind === 'properties').length} .properties, ${n - lintable} others; ${files.filter((f) => f.kafka).length} with Kafka content`,
  );
  const cli = join(root, 'dist', 'cli.js');
  // eslint parses a few dozen TS files per second here: it gets the TS files of the first
  // 10 folders (1,000 files), and so does the CLI for the side-by-side ratio
  const subset = 'files/pkg-00*/**/*.ts';
  const subsetTs = files.filter((f) => f.kind === 'ts' && /^pkg-00\d\//.test(f.path)).length;
  const tools = [
    { key: 'all', args: [cli, 'files'] },
    { key: 'ts', args: [cli, subset] },
  ];
  if (deps.eslint && deps.tsParser) {
    writeFileSync(
      join(ws, 'eslint.config.mjs'),
      `import parser from ${JSON.stringify(deps.tsParser)};\n// parsing only: no rules\nexport default [{ files: ['**/*.ts'], languageOptions: { parser } }];\n`,
    );
    tools.push({ key: 'eslint', args: [deps.eslint, '--no-cache', '-c', 'eslint.config.mjs', subset] });
  }
  const runs = QUICK ? 1 : 3;
  const res = Object.fromEntries(tools.map((t) => [t.key, { ms: [], cpu: [], rss: [] }]));
  log(`  6: the CLI over ${n} files${deps.eslint ? ` and, side by side with eslint, over ${subsetTs} TS files` : ''}, ${runs} run(s)`);
  for (let i = 0; i < runs; i++) {
    for (const t of tools) {
      const r = await measureProcess(process.execPath, t.args, ws);
      if (r.code !== 0 && r.code !== 1) throw new Error(`${t.args.join(' ')} exited ${r.code}: ${r.stderr.slice(-2000)}`);
      res[t.key].ms.push(r.ms);
      res[t.key].cpu.push(r.cpu);
      res[t.key].rss.push(r.rss);
    }
  }
  const fps = (k, count) => res[k].ms.map((x) => count / (x / 1000));
  const mbOf = (k) => fmt(median(res[k].rss) / MB);
  row(
    6,
    `CLI over ${n} mixed files: files/s (wall clock)`,
    summary(fps('all', n)),
    undefined,
    `${fmt(median(res.all.ms) / 1000)} s (CPU ${fmt(median(res.all.cpu) / 1000)} s); peak RSS ${mbOf('all')} MB`,
  );
  if (res.eslint) {
    const ratio = res.ts.ms.map((x, i) => x / res.eslint.ms[i]);
    row(
      6,
      `wall time, CLI ÷ eslint+@typescript-eslint/parser (${subsetTs} TS files)`,
      summary(ratio),
      undefined,
      `CLI ${fmt(median(fps('ts', subsetTs)), 0)} files/s; eslint ${fmt(median(fps('eslint', subsetTs)), 0)} files/s`,
    );
    const cpuRatio = res.ts.cpu.map((x, i) => x / res.eslint.cpu[i]);
    if (!cpuRatio.some(Number.isNaN))
      row(
        6,
        'CPU time, CLI ÷ eslint (same TS files)',
        summary(cpuRatio),
        undefined,
        `CLI ${fmt(median(res.ts.cpu) / 1000)} s; eslint ${fmt(median(res.eslint.cpu) / 1000)} s`,
      );
    const rssRatio = res.ts.rss.map((x, i) => x / res.eslint.rss[i]);
    row(6, 'peak RSS, CLI ÷ eslint (same TS files)', summary(rssRatio), undefined, `CLI ${mbOf('ts')} MB; eslint ${mbOf('eslint')} MB`);
  } else {
    row(6, 'CLI ÷ eslint+@typescript-eslint/parser (TS files)', undefined, undefined, '', 'eslint not installed');
  }
}

// ---------------------------------------------------------------------------------------------
// 7. the sizes people edit: 5 KB and 20 KB application.yml, a 2 KB producer.properties, a 300-line
// KafkaJS file; in process (lint ÷ parse) and as an editor sees it (over stdio, pull diagnostics)

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
/** One-character edits per document in the editor part (the issue's "open + 50 edits"). */
const EDITS = 50;
/** Where the server and the CLI keep the V8 code cache of the TypeScript compiler (figure 7 points it at a temporary folder). */
const CACHE_ENV = 'KAFKA_IDEMPOTENCE_LINT_CACHE_DIR';

function realisticInputs(input) {
  return [
    {
      key: 'yaml5',
      what: '5 KB application.yml',
      format: 'yaml',
      languageId: 'yaml',
      file: 'application.yml',
      text: input.springYaml(5 * 1024),
      spot: /^(\s+timeout: )\d/,
      theirs: true,
    },
    {
      key: 'yaml20',
      what: '20 KB application.yml',
      format: 'yaml',
      languageId: 'yaml',
      file: 'application.yml',
      text: input.springYaml(20 * 1024),
      spot: /^(\s+timeout: )\d/,
      theirs: true,
    },
    {
      key: 'props2',
      what: '2 KB producer.properties',
      format: 'properties',
      languageId: 'properties',
      file: 'producer.properties',
      text: input.properties(2 * 1024),
      spot: /^(\S+\.timeout\.ms = )\d/,
    },
    {
      key: 'ts300',
      what: '300-line KafkaJS file',
      format: 'typescript',
      languageId: 'typescript',
      file: 'producer.ts',
      text: input.kafkaTs({ lines: 300 }),
      spot: /^(\s+if \(hit && Date\.now\(\) - hit\.createdAt\.getTime\(\) < )\d/,
    },
  ];
}

/** Places for one-character edits: the first digit after `spot`'s group, on up to 50 lines. */
function editSpots(text, spot) {
  const spots = [];
  text.split('\n').forEach((l, line) => {
    const m = spot.exec(l);
    if (m && spots.length < 50) spots.push({ line, character: m[1].length });
  });
  if (spots.length === 0) throw new Error(`no edit spot ${spot} in the input`);
  return spots;
}

/** Times each function of `fns` per round (CPU by default), alternating the order; medians per function and per-round values. */
function rounds(fns, { minMs = QUICK ? 100 : 200, runs = RUNS } = {}) {
  for (const [, f] of fns) {
    const t0 = now();
    for (let k = 0; k < (QUICK ? 3 : 5) || now() - t0 < (QUICK ? 300 : 600); k++) f();
  }
  const out = fns.map(() => []);
  for (let i = -WARMUP; i < runs; i++) {
    const order = i % 2 === 0 ? [...fns.keys()] : [...fns.keys()].reverse();
    for (const k of order) {
      gc();
      const t = msPerCall(fns[k][1], minMs);
      if (i >= 0) out[k].push(t);
    }
  }
  return out;
}

/** A row whose figure is an absolute value (ms) rather than a ratio. */
function rowAbs(figure, what, s, target, detail) {
  const verdict = target === undefined ? '' : s.median <= target ? 'met' : 'MISSED';
  rows.push({
    figure,
    what,
    ratio: `${fmtRange(s, 2)} ms`,
    target: target === undefined ? '–' : `≤ ${target} ms`,
    verdict,
    detail,
    raw: s,
  });
}

function figure7InProcess(ctx) {
  const { svc, YAML, ts, base } = ctx;
  const settings = SETTINGS(svc);
  const parsers = {
    yaml: (Y) => yamlParseOnly(Y),
    properties: (s) => (text) => s.parseProperties(text, 0),
    typescript: () => (text) => ts.createSourceFile('producer.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS),
  };
  for (const c of ctx.realistic) {
    const target = c.format === 'yaml' ? 1.25 : undefined;
    const parseWhat =
      c.format === 'yaml'
        ? 'yaml Parser+Composer (the bundled build)'
        : c.format === 'properties'
          ? 'parseProperties'
          : 'ts.createSourceFile';
    const what = `${c.what}: lint ÷ ${parseWhat}`;
    if (c.format === 'typescript' && !ts) {
      row(7, what, undefined, target, '', "the 'typescript' package is not installed");
      continue;
    }
    log(`  7: ${what}`);
    if (c.format === 'typescript') svc.loadParser?.();
    const input = { fileName: c.file, text: c.text };
    const res = svc.lint(input, settings);
    notes.push(
      `7 ${c.what}: ${c.text.length} chars, ${c.text.split('\n').length - 1} lines, ${res.blocks.length} producer block(s), ${res.findings.length} finding(s)`,
    );
    const fns = [
      ['lint', () => svc.lint(input, settings)],
      ['parse', () => parsers[c.format](c.format === 'yaml' ? YAML : svc)(c.text)],
    ];
    if (base) {
      const bs = SETTINGS(base.svc);
      fns.push(
        ['lint before', () => base.svc.lint(input, bs)],
        ['parse before', () => parsers[c.format](c.format === 'yaml' ? base.YAML : base.svc)(c.text)],
      );
    }
    const m = rounds(fns, { minMs: QUICK ? 100 : 300 });
    const ratio = m[0].map((x, i) => x / m[1][i]);
    let detail = `lint ${fmt(median(m[0]))} ms; parse ${fmt(median(m[1]))} ms`;
    if (base) {
      const before = m[2].map((x, i) => x / m[3][i]);
      detail += `; before: ${fmtRange(summary(before))}, lint ${fmt(median(m[2]))} ms, parse ${fmt(median(m[3]))} ms; lint after ÷ before ${fmt(median(m[0].map((x, i) => x / m[2][i])))}`;
    }
    row(7, what, summary(ratio), target, detail);
  }
}

/** Starts a server for figure 7: ours (pull diagnostics, the client's node flags) from `dist` of a checkout, or yaml-language-server. */
async function startFor(party, deps, env) {
  const t0 = performance.now();
  if (party.theirs) {
    const c = new LspClient([deps.yamlLanguageServer, '--stdio']);
    await c.initialize(BASE_CAPS);
    c.notify('workspace/didChangeConfiguration', {
      settings: {
        yaml: { validate: true, hover: false, completion: false, format: { enable: false }, schemaStore: { enable: false }, schemas: {} },
      },
    });
    return { c, kind: 'push', t0 };
  }
  const c = new LspClient([...SERVER_FLAGS, join(party.dir, 'dist', 'server.js'), '--stdio'], { env });
  await c.initialize(PULL_CAPS);
  return { c, kind: 'pull', t0 };
}

async function figure7Editor(ctx) {
  const { deps, base } = ctx;
  const parties = [{ key: 'ours', dir: root }];
  if (base) parties.push({ key: 'before', dir: base.dir });
  const cache = join(ctx.tmp, 'code-cache');
  for (const c of ctx.realistic) {
    const theirs = c.theirs && deps.yamlLanguageServer;
    const all = theirs ? [...parties, { key: 'theirs', theirs: true }] : parties;
    log(`  7: ${c.what} over stdio: ${all.map((p) => p.key).join(', ')}, ${RUNS} run(s) of start, open and ${EDITS} edits`);
    const spots = editSpots(c.text, c.spot);
    const r = Object.fromEntries(all.map((p) => [p.key, { cold: [], open: [], edits: [], cpu: [], count: 0 }]));
    for (let i = -WARMUP; i < RUNS; i++) {
      const order = i % 2 === 0 ? all : [...all].reverse();
      for (const p of order) {
        // the TypeScript compiler's code cache is warm here (figure 7's own TS row measures it cold)
        const s = await startFor(p, deps, { [CACHE_ENV]: cache });
        try {
          const first = await openAndWait(s, `file:///bench7/${i + WARMUP}/${p.key}/first/${c.file}`, c.languageId, c.text);
          const coldMs = first.at - s.t0;
          const cpu0 = s.c.cpuMs(CLK_TCK);
          const uri = `file:///bench7/${i + WARMUP}/${p.key}/${c.file}`;
          const open = await openAndWait(s, uri, c.languageId, c.text);
          const lat = [];
          for (let e = 0; e < EDITS; e++) {
            const spot = spots[e % spots.length];
            const range = { start: spot, end: { line: spot.line, character: spot.character + 1 } };
            lat.push(await changeAndWait(s, uri, e + 2, range, String((e % 9) + 1)));
          }
          const cpu = s.c.cpuMs(CLK_TCK) - cpu0;
          if (i < 0) continue;
          const x = r[p.key];
          x.cold.push(coldMs);
          x.open.push(open.ms);
          x.edits.push(...lat);
          x.cpu.push(cpu);
          x.count = open.count;
        } finally {
          await s.c.close();
        }
      }
    }
    notes.push(
      `7 ${c.what} over stdio: ${r.ours.count} diagnostic(s) from ours${theirs ? `, ${r.theirs.count} from yaml-language-server` : ''}; edits: ${spots.length} places, one digit each`,
    );
    const p50 = (k) => quantile(r[k].edits, 0.5);
    const p95 = (k) => quantile(r[k].edits, 0.95);
    const beforeOf = (k, f) => (base ? `; before ${f('before')}` : '');
    const ms1 = (xs) => `${fmt(median(xs))} ms`;
    if (theirs) {
      const ratio = (k, f) => summary(r[k][f].map((x, i) => x / r.theirs[f][i]));
      row(
        7,
        `${c.what}: start → first diagnostics, ours ÷ yaml-language-server`,
        ratio('ours', 'cold'),
        undefined,
        `ours ${ms1(r.ours.cold)}; theirs ${ms1(r.theirs.cold)} (its 200 ms validation delay included)${beforeOf('cold', (k) => ms1(r[k].cold))}`,
      );
      row(
        7,
        `${c.what}: didOpen → diagnostics, ours ÷ yaml-language-server`,
        ratio('ours', 'open'),
        undefined,
        `ours ${ms1(r.ours.open)}; theirs ${ms1(r.theirs.open)} (200 ms delay included)${beforeOf('open', (k) => ms1(r[k].open))}`,
      );
      const editRatio = summary(r.ours.edits.map((x, i) => x / r.theirs.edits[i]));
      row(
        7,
        `${c.what}: 1-char edit → diagnostics, ours (pull) ÷ yaml-language-server (push)`,
        editRatio,
        undefined,
        `ours p50 ${fmt(p50('ours'))} / p95 ${fmt(p95('ours'))} ms; theirs p50 ${fmt(p50('theirs'))} / p95 ${fmt(p95('theirs'))} ms${beforeOf('edits', (k) => `p50 ${fmt(p50(k))} / p95 ${fmt(p95(k))} ms`)}`,
      );
      const per = (k) => fmt(median(r[k].cpu) / (EDITS + 1));
      row(
        7,
        `${c.what}: server CPU per open + ${EDITS} edits, ours ÷ yaml-language-server`,
        ratio('ours', 'cpu'),
        0.6,
        `ours ${ms1(r.ours.cpu)} (${per('ours')} ms per validation); theirs ${ms1(r.theirs.cpu)} (${per('theirs')} ms)${beforeOf('cpu', (k) => `${ms1(r[k].cpu)} (${per(k)} ms)`)}`,
      );
    } else {
      rowAbs(7, `${c.what}: start → first diagnostics (ours)`, summary(r.ours.cold), undefined, base ? `before ${ms1(r.before.cold)}` : '');
      rowAbs(7, `${c.what}: didOpen → diagnostics (ours)`, summary(r.ours.open), undefined, base ? `before ${ms1(r.before.open)}` : '');
      rowAbs(
        7,
        `${c.what}: 1-char edit → diagnostics p50 (ours, pull)`,
        { ...summary(r.ours.edits), median: p50('ours') },
        undefined,
        `p95 ${fmt(p95('ours'))} ms${beforeOf('edits', (k) => `p50 ${fmt(p50(k))} / p95 ${fmt(p95(k))} ms`)}`,
      );
      rowAbs(
        7,
        `${c.what}: server CPU per open + ${EDITS} edits (ours)`,
        summary(r.ours.cpu),
        undefined,
        `${fmt(median(r.ours.cpu) / (EDITS + 1))} ms per validation${beforeOf('cpu', (k) => ms1(r[k].cpu))}`,
      );
    }
  }
}

/**
 * The first TS/JS file with Kafka on a started server: didOpen → diagnostics, which waits for the
 * TypeScript compiler to load. `settled`: the file is opened 1 s after `initialized` (the server is up,
 * its lint worker idle, as when a TS file is opened in a session that so far had YAML or .properties
 * files); `at start`: opened as soon as `initialized` is sent (as when the TS file activates the
 * extension), so the lint worker's own start counts too. Cold: an empty code-cache folder; warm: the
 * folder a previous start filled.
 */
async function figure7FirstTs(ctx) {
  const { base } = ctx;
  const c = ctx.realistic.find((x) => x.format === 'typescript');
  const parties = [{ key: 'ours', dir: root }];
  if (base) parties.push({ key: 'before', dir: base.dir });
  log(`  7: first Kafka TS file after start, cold and warm code cache, ${RUNS} run(s)`);
  const cases = [
    { key: 'cold', settle: 1000 },
    { key: 'warm', settle: 1000 },
    { key: 'warmAtStart', settle: 0 },
  ];
  const r = Object.fromEntries(
    parties.map((p) => [
      p.key,
      Object.fromEntries(
        cases.flatMap((k) => [
          [k.key, []],
          [`${k.key}Cpu`, []],
        ]),
      ),
    ]),
  );
  for (let i = -WARMUP; i < RUNS; i++) {
    const order = i % 2 === 0 ? parties : [...parties].reverse();
    for (const p of order) {
      const dir = join(ctx.tmp, `ts-cache-${p.key}-${i + WARMUP}`);
      mkdirSync(dir, { recursive: true });
      for (const k of cases) {
        const s = await startFor(p, ctx.deps, { [CACHE_ENV]: dir });
        try {
          await new Promise((res) => setTimeout(res, k.settle));
          const cpu0 = s.c.cpuMs(CLK_TCK);
          const open = await openAndWait(s, `file:///bench7/first-ts/${k.key}/${c.file}`, c.languageId, c.text);
          const cpu = s.c.cpuMs(CLK_TCK) - cpu0;
          if (i >= 0) {
            r[p.key][k.key].push(open.ms);
            r[p.key][`${k.key}Cpu`].push(cpu);
          }
          // the worker writes the code cache after the first parse: let it finish before the server stops
          for (let w = 0; k.key === 'cold' && w < 50 && !readdirSync(dir).some((n) => n.endsWith('.v8cache')); w++)
            await new Promise((res) => setTimeout(res, 100));
        } finally {
          await s.c.close();
        }
      }
    }
  }
  const cpuOf = (k, key) => `server CPU ${fmt(median(r[k][`${key}Cpu`]))} ms`;
  const before = (key) => (base ? `; before ${fmt(median(r.before[key]))} ms, ${cpuOf('before', key)}` : '');
  rowAbs(
    7,
    `first Kafka TS file (${c.what}), server started 1 s before: didOpen → diagnostics, cold code cache`,
    summary(r.ours.cold),
    150,
    `${cpuOf('ours', 'cold')}${before('cold')}`,
  );
  rowAbs(
    7,
    'first Kafka TS file, server started 1 s before: the same, warm code cache',
    summary(r.ours.warm),
    150,
    `${cpuOf('ours', 'warm')}${before('warm')}`,
  );
  rowAbs(
    7,
    'first Kafka TS file opened as soon as the server is initialized, warm code cache',
    summary(r.ours.warmAtStart),
    undefined,
    `${cpuOf('ours', 'warmAtStart')} (the lint worker's start included)${before('warmAtStart')}`,
  );
}

async function figure7(ctx) {
  ctx.realistic = realisticInputs(ctx.input);
  figure7InProcess(ctx);
  if (!ctx.deps.yamlLanguageServer) notes.push('7: yaml-language-server not installed: no side-by-side rows');
  await figure7Editor(ctx);
  await figure7FirstTs(ctx);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  build();
  const { svc, YAML, ts, java } = await loadService();
  const deps = want(2) || want(6) || want(7) ? benchDeps(root, log) : {};
  const tmp = join(tmpdir(), `kafka-idempotence-bench-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const ctx = { svc, YAML, ts, java, deps, input: inputs(), tmp };
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() || String(cpus().length);
  const machine = `${nproc} cores (nproc), ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, ${process.platform}`;
  log(
    `bench: ${machine}; ${RUNS} runs after ${WARMUP} warm-up; ${CLOCK} clock; seed ${SEED}${QUICK ? '; --quick' : ''}${globalThis.gc ? '' : '; (no --expose-gc)'}`,
  );
  try {
    if (want(1)) figure1(ctx);
    if (want(3)) figure3(ctx);
    if (want(4)) figure4(ctx);
    if (want(2)) await figure2(ctx);
    if (want(5)) await figure5(ctx);
    if (want(6)) await figure6(ctx);
    if (want(7)) {
      if (BASELINE) {
        const dir = resolve(startDir, BASELINE);
        if (!existsSync(join(dir, 'dist', 'server.js')))
          throw new Error(`--baseline ${BASELINE}: no dist/server.js there (build that checkout first)`);
        ctx.base = { dir, ...(await loadService(dir, 'baseline')) };
      }
      await figure7(ctx);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  rows.sort((a, b) => a.figure - b.figure);
  const minutes = (performance.now() - started) / 60000;
  const text = [
    `Machine: ${machine}`,
    `Load average (1 min) at start / end: ${loadBefore.toFixed(1)} / ${loadavg()[0].toFixed(1)} on ${nproc} cores${loadBefore > Number(nproc) * 0.5 ? ' — a busy machine: absolute times are inflated, ratios less so' : ''}`,
    `Clock: figures 1, 3, 4 ${CLOCK === 'cpu' ? 'CPU time of the process (user + system)' : 'wall clock'}; 2 wall clock; 6 wall clock and CPU time`,
    `Runs: ${RUNS} measured after ${WARMUP} warm-up (figure 4: ${QUICK ? 3 : 5} after 1; 5: ${QUICK ? 1 : 3}; 6: ${QUICK ? 1 : 3}); seed ${SEED}; ${minutes.toFixed(1)} min`,
    '',
    printTable(),
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
  process.stdout.write(`${text}\n`);
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ machine, runs: RUNS, seed: SEED, quick: QUICK, rows, notes }, null, 2));
}

await main();

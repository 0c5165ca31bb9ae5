// The lint-output differential: holds a change that must not change behaviour (a refactor, an optimisation)
// to the code before it. It lints one fixed corpus with two builds of the service and compares everything
// a user can see: findings (rule, severity, message, span, related information, every fix's edits, the
// suppression edits), the producer blocks (name, dialect, client, values with their origins), the hover at every
// entry's key and value and at each block's anchor, and each block's effective state and effective-configuration
// document.
//
//   node scripts/lint-diff.mjs corpus [--out .cache/lint-diff/corpus.json] [--generated 1500] [--frameworks 400] [--seed 20261206]
//   node scripts/lint-diff.mjs dump --service <dir>/server/out/service [--corpus …] --out a.json
//   node scripts/lint-diff.mjs compare a.json b.json
//   node scripts/lint-diff.mjs check <baseline checkout>   # corpus + both dumps + compare, in one go
//
// The corpus: every example, every fixture file the test suites open, the fuzz seeds of test/support/fuzz.ts
// and `--generated` inputs mutated from them or made of config-shaped tokens (fast-check, fixed seed), and
// `--frameworks` inputs per framework family that reach the framework rules (scripts/lint-diff-frameworks.mjs),
// each linted at four kafka-clients versions. `check` builds nothing: the baseline checkout must be built
// (`git worktree add /tmp/base <commit> && (cd /tmp/base && npm install)`).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { frameworkInputs } from './lint-diff-frameworks.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const require = createRequire(import.meta.url);
const VERSIONS = ['2.8', '3.0.0', '3.9', 'latest'];
const EXTENSIONS = new Set(['.properties', '.yaml', '.yml', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.java', '.kt']);
const FIXTURE_DIRS = ['examples', 'test/protocol/fixtures', 'test/vscode/workspace', 'test/vscode/workspace-ui'];

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (EXTENSIONS.has(extname(name).toLowerCase())) out.push(p);
  }
  return out;
}

function makeCorpus() {
  const inputs = [];
  for (const d of FIXTURE_DIRS) {
    for (const p of walk(join(root, d))) inputs.push({ fileName: relative(root, p), text: readFileSync(p, 'utf8') });
  }
  const fuzzPath = join(root, 'test/out/support/fuzz.js');
  if (!existsSync(fuzzPath)) throw new Error('build the tests first (npx tsc -b): test/out/support/fuzz.js is missing');
  const fuzz = require(fuzzPath);
  const fc = require('fast-check');
  const seeds = fuzz.allSeeds();
  for (const s of seeds) inputs.push({ fileName: s.fileName, text: s.text });
  const n = Number(arg('--generated', '1500'));
  const seed = Number(arg('--seed', '20261206'));
  const names = [...new Set(seeds.map((s) => s.fileName))];
  inputs.push(...fc.sample(fuzz.mutatedInputArb(seeds), { numRuns: Math.ceil((n * 2) / 3), seed }));
  inputs.push(...fc.sample(fuzz.randomInputArb(names), { numRuns: Math.floor(n / 3), seed: seed + 1 }));
  inputs.push(...frameworkInputs(Number(arg('--frameworks', '400')), seed));
  return inputs;
}

const clean = (v) => JSON.parse(JSON.stringify(v ?? null));

/**
 * The service of a build, with its Java parser loaded when the build has one (server/out/javaParser.js next
 * to server/out/service: the lint workers load it on their first Java file with Kafka, the dump before it starts).
 */
async function loadService(service) {
  const svc = require(join(service, 'index.js'));
  const javaParser = join(service, '..', 'javaParser.js');
  if (existsSync(javaParser)) await require(javaParser).loadJavaParser();
  return svc;
}

function dumpOne(svc, input, version) {
  // an input may bring settings of its own (lint-diff-frameworks.mjs: an older binder release)
  const settings = { ...svc.DEFAULT_SETTINGS, ...input.settings, kafkaClientsVersion: version };
  // the TypeScript compiler (older builds answer true, newer ones name the parser; the Java parser is loaded up front)
  const parser = svc.parserToLoad?.(input);
  if (parser === true || parser === 'typescript') svc.loadParser();
  let result;
  try {
    result = svc.lint(input, settings);
  } catch (e) {
    return { threw: String(e && e.message) };
  }
  const findings = result.findings.map((f) =>
    clean({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      span: f.span,
      related: f.related,
      block: f.block,
      consequence: f.consequence,
      fixes: f.fixes,
      suppress: f.suppress,
    }),
  );
  const blocks = result.blocks.map((b) => ({
    name: b.name,
    dialect: b.dialect,
    client: b.client,
    anchor: b.anchor,
    evidence: b.evidence,
    values: [...b.values].map(([k, v]) => [k, v.value ?? null, v.kind, v.injectedBy ?? null, v.origin ?? null]),
  }));
  const offsets = new Set();
  for (const b of result.blocks) {
    // the block's anchor: a TS/JS call site, a Java `new KafkaProducer` (the hovers that are not an entry's)
    offsets.add(b.anchor.start);
    for (const i of b.items) (offsets.add(i.entry.keySpan.start), offsets.add(i.entry.valueSpan.start));
  }
  const hovers = [];
  for (const at of [...offsets].sort((a, b) => a - b)) {
    let h;
    try {
      h = svc.hover(input, settings, at, result);
    } catch (e) {
      h = { threw: String(e && e.message) };
    }
    if (h) hovers.push([at, clean(h)]);
  }
  return {
    findings,
    blocks,
    notice: result.notice ?? null,
    failures: result.failures.length,
    hovers,
    effective: effectiveOf(svc, input, settings, result),
  };
}

/** Each block's effective state and its effective-configuration document (code lens, Producers view, `--format markdown`). */
function effectiveOf(svc, input, settings, result) {
  try {
    const lines = new svc.LineIndex(input.text);
    return svc.effectiveProducers(result, input.text, settings).map((p, i) => {
      const findings = result.findings
        .filter((f) => f.block === result.blocks[i].name)
        .map((f) => ({ line: lines.lineOf(f.span.start) + 1, severity: f.severity, ruleId: f.ruleId, message: f.message }));
      return [clean(p), svc.effectiveDocument(p, input.fileName, findings)];
    });
  } catch (e) {
    return { threw: String(e && e.message) };
  }
}

async function dump() {
  const service = resolve(arg('--service', join(root, 'server/out/service')));
  const corpusFile = resolve(arg('--corpus', join(root, '.cache/lint-diff/corpus.json')));
  const out = resolve(arg('--out', join(root, '.cache/lint-diff/dump.json')));
  const svc = await loadService(service);
  const corpus = JSON.parse(readFileSync(corpusFile, 'utf8'));
  const rows = [];
  const t0 = Date.now();
  for (const input of corpus) for (const v of VERSIONS) rows.push(dumpOne(svc, input, v));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ service, inputs: corpus.length, versions: VERSIONS, rows }));
  console.log(
    `dumped ${rows.length} lints (${corpus.length} inputs × ${VERSIONS.length} versions) from ${service} in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${out}`,
  );
  return out;
}

function compare(aFile, bFile, corpusFile) {
  const a = JSON.parse(readFileSync(aFile, 'utf8'));
  const b = JSON.parse(readFileSync(bFile, 'utf8'));
  const corpus = corpusFile && existsSync(corpusFile) ? JSON.parse(readFileSync(corpusFile, 'utf8')) : undefined;
  if (a.rows.length !== b.rows.length) {
    console.error(`different corpora: ${a.rows.length} vs ${b.rows.length} lints`);
    return 1;
  }
  let diffs = 0;
  let findings = 0;
  let hovers = 0;
  let effective = 0;
  for (let i = 0; i < a.rows.length; i++) {
    findings += a.rows[i].findings?.length ?? 0;
    hovers += a.rows[i].hovers?.length ?? 0;
    effective += Array.isArray(a.rows[i].effective) ? a.rows[i].effective.length : 0;
    const x = JSON.stringify(a.rows[i]);
    const y = JSON.stringify(b.rows[i]);
    if (x === y) continue;
    diffs++;
    if (diffs <= 5) {
      const input = corpus?.[Math.floor(i / a.versions.length)];
      console.error(`--- lint ${i} (${input ? `${input.fileName} at ${a.versions[i % a.versions.length]}` : 'input unknown'})`);
      if (input) console.error(`  text: ${JSON.stringify(input.text.slice(0, 400))}`);
      for (const part of ['findings', 'blocks', 'notice', 'failures', 'hovers', 'effective', 'threw']) {
        const p = JSON.stringify(a.rows[i][part]);
        const q = JSON.stringify(b.rows[i][part]);
        if (p !== q) console.error(`  ${part}:\n    before ${p?.slice(0, 600)}\n    after  ${q?.slice(0, 600)}`);
      }
    }
  }
  const what = `${a.rows.length} lints, ${findings} findings, ${hovers} hovers, ${effective} effective configurations`;
  if (diffs) {
    console.error(`${diffs} of ${what} differ`);
    return 1;
  }
  console.log(`identical: ${what}`);
  return 0;
}

const cmd = process.argv[2];
const corpusDefault = join(root, '.cache/lint-diff/corpus.json');
if (cmd === 'corpus') {
  const out = resolve(arg('--out', corpusDefault));
  const corpus = makeCorpus();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(corpus));
  console.log(`corpus: ${corpus.length} inputs → ${out}`);
} else if (cmd === 'dump') {
  await dump();
} else if (cmd === 'compare') {
  process.exit(compare(process.argv[3], process.argv[4], arg('--corpus', corpusDefault)));
} else if (cmd === 'check') {
  const base = resolve(process.argv[3] ?? '');
  if (!existsSync(join(base, 'server/out/service/index.js'))) {
    console.error(`usage: lint-diff.mjs check <baseline checkout, built>`);
    process.exit(2);
  }
  const corpus = makeCorpus();
  mkdirSync(dirname(corpusDefault), { recursive: true });
  writeFileSync(corpusDefault, JSON.stringify(corpus));
  const dir = dirname(corpusDefault);
  process.argv.push('--corpus', corpusDefault);
  const run = async (service, out) => {
    const svc = await loadService(service);
    const rows = [];
    for (const input of corpus) for (const v of VERSIONS) rows.push(dumpOne(svc, input, v));
    writeFileSync(out, JSON.stringify({ service, inputs: corpus.length, versions: VERSIONS, rows }));
  };
  await run(join(base, 'server/out/service'), join(dir, 'before.json'));
  await run(join(root, 'server/out/service'), join(dir, 'after.json'));
  process.exit(compare(join(dir, 'before.json'), join(dir, 'after.json'), corpusDefault));
} else {
  console.error('usage: lint-diff.mjs corpus | dump --service <dir> --out <file> | compare <a> <b> | check <baseline checkout>');
  process.exit(2);
}

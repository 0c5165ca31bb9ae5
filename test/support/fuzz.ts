/**
 * Property-based testing harness for the language service (issue 7).
 *
 * Generic over formats: a format contributes
 *   - seeds: (fileName, text) pairs — every file under examples/ and test/fixtures/ whose
 *     format the service recognises is picked up automatically, plus INLINE_SEEDS below;
 *   - a parse check in PARSES (does the text still load in the real client?), used to
 *     require that a fix never breaks a file that loaded before.
 * Every format the service lints (properties, YAML, TS/JS) has both.
 *
 * Used by test/unit/fuzz.test.ts (CI budget) and scripts/fuzz.mjs (`npm run fuzz -- --runs N`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type * as TS from 'typescript';
import { parseAllDocuments } from 'yaml';
import { ROOT, service } from './service';
import type { Fix, LintInput, LintResult, LintSettings, Span, TextEdit } from './service';

export interface Seed {
  fileName: string;
  text: string;
}

/**
 * Per format, a parse check used to require that a fix never breaks a file: `errors` counts what
 * the format's reference parser rejects in the text, `keeps(before, after)` says whether a fix kept
 * the file loading. (No entry: no checker for this format.)
 *   properties  1 if java.util.Properties.load would throw (the service's JDK-exact parser), else 0;
 *               a file that loaded must still load.
 *   yaml        the `yaml` package's parseAllDocuments errors (default options: duplicate keys are
 *               errors, as in Spring Boot's loader; a leading BOM dropped, as SnakeYAML drops it);
 *               a file without errors must stay without.
 *   TS / JS     the TypeScript parser's syntax diagnostics (ts.createSourceFile, the script kind
 *               the service uses for the file name); their number must not grow.
 */
export interface ParseCheck {
  errors: (text: string, fileName: string) => number;
  keeps: (before: number, after: number) => boolean;
}

const stillClean = (before: number, after: number) => before > 0 || after === 0;
const noMoreErrors = (before: number, after: number) => after <= before;

/** TypeScript, loaded on first use as the service loads it (formats/tsLazy.ts): only TS/JS inputs need it. */
let tsModule: typeof TS | undefined;
function tsSyntaxErrors(text: string, fileName: string): number {
  const ts = (tsModule ??= require('typescript') as typeof TS);
  const name = fileName.toLowerCase();
  const kind = name.endsWith('.tsx')
    ? ts.ScriptKind.TSX
    : name.endsWith('.jsx')
      ? ts.ScriptKind.JSX
      : /\.(js|mjs|cjs)$/.test(name)
        ? ts.ScriptKind.JS
        : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName.replace(/^.*[\\/]/, '') || 'file.ts', text, ts.ScriptTarget.Latest, false, kind);
  // parseDiagnostics: the syntax errors, not part of the public typing
  return (sf as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length;
}

export const PARSES: Record<string, ParseCheck> = {
  properties: { errors: (text) => (service.parseProperties(text).jdkWouldThrow ? 1 : 0), keeps: stillClean },
  // without a leading BOM: Spring reads YAML through SnakeYAML's UnicodeReader, which drops it, while the
  // `yaml` package counts it as a column (it accepts `\ufeff key: 1\nkey2: 2` but not ` key: 1\nkey2: 2`)
  yaml: { errors: (text) => parseAllDocuments(text.replace(/^\ufeff/, '')).reduce((n, d) => n + d.errors.length, 0), keeps: stillClean },
  typescript: { errors: tsSyntaxErrors, keeps: noMoreErrors },
  javascript: { errors: tsSyntaxErrors, keeps: noMoreErrors },
};

export const INLINE_SEEDS: Seed[] = [
  {
    fileName: 'producer.properties',
    text: 'bootstrap.servers=b:9092\nenable.idempotence=true\nacks=1\nretries=0\nmax.in.flight.requests.per.connection=10\n',
  },
  { fileName: 'producer.properties', text: 'key.serializer=x\ntransactional.id=tx-1\nacks=0\n' },
  { fileName: 'producer.properties', text: 'key.serializer=x\nacks=1\nacks=all\nacks = 1\nenable.idempotence=TRUE\n' },
  { fileName: 'producer.properties', text: 'value.serializer x\r\nmax.in.flight.requests.per.connection : 6\r\nretries=3\r\n' },
  {
    fileName: 'app.properties',
    text: '# kafka-idempotence-disable-next-line idempotence-acks-conflict\nacks=1\nenable.idempotence=true\n# kafka-idempotence-disable unknown-rule, idempotence-retries-zero -- why\n',
  },
  {
    fileName: 'producer.properties',
    text: 'key.serializer=x\\\n    y\nac\\\n  ks=\\u0031\ndelivery.timeout.ms=1000\nlinger.ms=5000\nrequest.timeout.ms=30000\n',
  },
  { fileName: 'producer.properties', text: '\ufeffenable.idempotence=yes\ntransactional.id=\nacks=2\nenable.idempotance=true\n' },
  {
    fileName: 'producer.properties',
    text: 'key.serializer=x\nenable.idempotence=true\nmax.in.flight.requests.per.connection=1\nretries=10\n',
  },
  {
    fileName: 'producer.properties',
    text: 'key.serializer=x\nenable.idempotence=false\nmax.in.flight.requests.per.connection=2\nretries=5\nacks=all',
  },
  { fileName: 'producer.properties', text: 'key.serializer=x\r\racks=\\u00\rretries=0\r' },
  // YAML: Spring Boot (nested, flat, bracket keys, profiles), Spring Cloud Stream, a generic map
  {
    fileName: 'application.yml',
    text: 'spring:\n  kafka:\n    producer:\n      acks: 1 # fast\n      retries: 0\n      transaction-id-prefix: tx-\n      properties:\n        "[max.in.flight.requests.per.connection]": 6\n        enable.idempotence: yes\n',
  },
  {
    fileName: 'application.yaml',
    text: 'spring.kafka.producer.acks: ${ACKS:1}\r\nspring.kafka.properties.enable.idempotence: true\r\n---\r\nspring:\r\n  config:\r\n    activate:\r\n      on-profile: prod\r\n  kafka:\r\n    producer: {acks: 0, retries: 0}\r\n',
  },
  {
    fileName: 'application.yml',
    text: '# kafka-idempotence-disable-next-line idempotence-acks-conflict\nbase: &base\n  acks: 1\nspring:\n  cloud:\n    stream:\n      bindings:\n        out-0:\n          destination: orders\n      kafka:\n        binder:\n          transaction:\n            transaction-id-prefix: tx-\n          producer-properties:\n            <<: *base\n            max.in.flight.requests.per.connection: 9\n',
  },
  {
    fileName: 'values.yaml',
    text: 'kafka:\n  producer:\n    bootstrap.servers: b:9092\n    enable.idempotence: "true"\n    acks: "1"\n    retries: 0\n',
  },
  // TS/JS: KafkaJS, confluent-kafka-javascript, node-rdkafka
  {
    fileName: 'publisher.ts',
    text: "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'a', brokers: ['b:9092'], retry: { retries: 0 } });\nconst producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, acks: 1 });\nexport async function send(v: string) {\n  await producer.send({ topic: 't', acks: 1, messages: [{ value: v }] }); // kafka-idempotence-disable-line kafkajs-idempotent-acks\n  const tx = await producer.transaction();\n  await tx.sendBatch({ acks: 0, topicMessages: [] });\n}\n",
  },
  {
    fileName: 'payments.mjs',
    text: "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst ACKS = 1;\nconst producer = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } }).producer({\n  'enable.idempotence': true,\n  acks: ACKS,\n  kafkaJS: { idempotent: true, retry: { retries: 0 } },\n  'max.in.flight': 6,\n});\n",
  },
  {
    fileName: 'clicks.js',
    text: "const Kafka = require('node-rdkafka');\n/* kafka-idempotence-disable rdk-retries */\nconst producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true, 'request.required.acks': 1, retries: 0 }, { acks: 1 });\nproducer.connect();\n",
  },
];

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** Every file under examples/ and test/fixtures/ that the service would lint. */
export function fileSeeds(): Seed[] {
  const files: string[] = [];
  walk(path.join(ROOT, 'examples'), files);
  walk(path.join(ROOT, 'test', 'fixtures'), files);
  const seeds: Seed[] = [];
  for (const f of files) {
    if (!service.formatOf({ fileName: f })) continue;
    const st = statSync(f);
    if (st.size > 64 * 1024) continue;
    seeds.push({ fileName: path.relative(ROOT, f), text: readFileSync(f, 'utf8') });
  }
  return seeds;
}

export function allSeeds(): Seed[] {
  return [...fileSeeds(), ...INLINE_SEEDS];
}

// ---------------------------------------------------------------------------------------------
// Settings

export const VERSIONS = ['2.8', '3.0.0', '3.9', 'latest'];

export function settingsArb(): fc.Arbitrary<LintSettings> {
  const ids = service.ALL_RULES.map((r) => r.meta.id);
  return fc
    .record({
      version: fc.constantFrom(...VERSIONS),
      off: fc.option(fc.constantFrom(...ids), { freq: 2 }),
      bump: fc.option(fc.record({ id: fc.constantFrom(...ids), sev: fc.constantFrom('error', 'warning', 'info', 'hint', 'default') }), {
        freq: 3,
      }),
    })
    .map(({ version, off, bump }) => {
      const rules: LintSettings['rules'] = {};
      if (bump) rules[bump.id] = bump.sev;
      if (off) rules[off] = 'off';
      return { ...service.DEFAULT_SETTINGS, kafkaClientsVersion: version, rules };
    });
}

// ---------------------------------------------------------------------------------------------
// Mutations (plain data, so fast-check can shrink them)

export type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'duplicate'; at: number; len: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'eol'; to: 'lf' | 'crlf' | 'cr' | 'mixed'; salt: number }
  | { kind: 'bom' };

/** Fragments that matter to the parsers: escapes, continuations, separators, comments, surrogates. */
const FRAGMENTS = [
  '\\',
  '\\\n',
  '\\\r\n',
  '\\\r',
  '\\u',
  '\\u00',
  '\\u0031',
  '\\ud83d',
  '\\ude00',
  '\\\\',
  '=',
  ':',
  ' ',
  '\t',
  '\f',
  '#',
  '!',
  '\n',
  '\r',
  '\r\n',
  '😀',
  '\ud83d',
  '\ude00',
  '𝄞',
  '中',
  'é',
  '\ufeff',
  '\u2028',
  '${ACKS:all}',
  'acks=1',
  'acks=all',
  'retries=0',
  'enable.idempotence=true',
  'enable.idempotence=false',
  'max.in.flight.requests.per.connection=6',
  'transactional.id=t',
  'key.serializer=x',
  '# kafka-idempotence-disable-next-line ',
  '# kafka-idempotence-disable ',
  '! kafka-idempotence-disable-line ',
  'idempotence-acks-conflict',
  ', ',
  ' -- reason',
];

const fragmentArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fragmentArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('eol' as const),
      to: fc.constantFrom('lf' as const, 'crlf' as const, 'cr' as const, 'mixed' as const),
      salt: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
);

export function mutate(text: string, m: Mutation): string {
  const n = text.length;
  switch (m.kind) {
    case 'insert': {
      const at = n === 0 ? 0 : m.at % (n + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      if (n === 0) return text;
      const at = m.at % n;
      return text.slice(0, at) + text.slice(at + m.len);
    }
    case 'duplicate': {
      if (n === 0) return text;
      const at = m.at % n;
      const piece = text.slice(at, at + m.len);
      return text.slice(0, at) + piece + piece + text.slice(at + m.len);
    }
    case 'truncate':
      return text.slice(0, n === 0 ? 0 : m.at % (n + 1));
    case 'eol': {
      const all = ['\n', '\r\n', '\r'];
      let i = m.salt;
      return text.replace(/\r\n|\r|\n/g, () => {
        if (m.to === 'lf') return '\n';
        if (m.to === 'crlf') return '\r\n';
        if (m.to === 'cr') return '\r';
        i = (i * 1103515245 + 12345) >>> 0;
        return all[(i >>> 16) % 3];
      });
    }
    case 'bom':
      return text.charCodeAt(0) === 0xfeff ? text : '\ufeff' + text;
  }
}

export const MAX_INPUT = 4096;

/** A seed, mutated 0..8 times, capped at MAX_INPUT code units. */
export function mutatedInputArb(seeds: Seed[]): fc.Arbitrary<LintInput> {
  if (seeds.length === 0) throw new Error('no seeds');
  return fc
    .record({ seed: fc.constantFrom(...seeds), muts: fc.array(mutationArb, { maxLength: 8 }) })
    .map(({ seed, muts }) => ({ fileName: seed.fileName, text: muts.reduce(mutate, seed.text).slice(0, MAX_INPUT) }));
}

/** Random text from config-shaped tokens and raw characters, for each file name of the seeds' formats. */
export function randomInputArb(fileNames: string[]): fc.Arbitrary<LintInput> {
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 4, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: 'grapheme' }) },
  );
  return fc
    .record({ fileName: fc.constantFrom(...fileNames), parts: fc.array(token, { maxLength: 80 }) })
    .map(({ fileName, parts }) => ({ fileName, text: parts.join('').slice(0, MAX_INPUT) }));
}

// ---------------------------------------------------------------------------------------------
// Invariants

function fail(msg: string): never {
  throw new Error(msg);
}

function checkSpan(span: Span, len: number, what: string): void {
  if (!(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= len)) {
    fail(`${what}: span ${JSON.stringify(span)} outside the document (length ${len})`);
  }
}

function overlaps(edits: readonly TextEdit[]): boolean {
  const s = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < s.length; i++) {
    if (s[i].span.start < s[i - 1].span.end) return true;
    if (s[i].span.start === s[i - 1].span.start && s[i].span.start === s[i].span.end && s[i - 1].span.start === s[i - 1].span.end)
      return true;
  }
  return false;
}

/** Applies edits back to front with an independent implementation; checks the text outside the edits is kept. */
export function applyChecked(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  const viaService = service.applyEdits(text, edits);
  if (viaService !== out) fail('service.applyEdits disagrees with an independent application of the same edits');
  // nothing outside the edits changed: walk the kept segments in order
  const asc = [...edits].sort((a, b) => a.span.start - b.span.start);
  let src = 0;
  let dst = 0;
  for (const e of asc) {
    const keep = text.slice(src, e.span.start);
    if (out.slice(dst, dst + keep.length) !== keep) fail('a fix changed text outside its edit spans');
    dst += keep.length + e.newText.length;
    src = e.span.end;
  }
  if (out.slice(dst) !== text.slice(src)) fail('a fix changed text after its last edit');
  return out;
}

/**
 * Maps an offset of the old text into the new text: past edits shift it, an insertion at the
 * offset pushes it after the inserted text, an offset inside a replaced span goes to its start.
 */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  const asc = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let delta = 0;
  for (const e of asc) {
    const isInsert = e.span.start === e.span.end;
    if (e.span.end < offset || (isInsert && e.span.start === offset) || (!isInsert && e.span.end === offset)) {
      delta += e.newText.length - (e.span.end - e.span.start);
    } else if (e.span.start <= offset && offset < e.span.end) {
      return e.span.start + delta;
    } else break;
  }
  return offset + delta;
}

/**
 * Maps an offset of the new text back into the old text: unchanged text maps to where it came
 * from; an offset inside an edit's new text maps to the edit's start. Text that an edit deleted
 * is never the origin of anything.
 */
export function unmapOffset(offset: number, edits: readonly TextEdit[]): number {
  const asc = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let delta = 0; // new - old, for text after the edits seen so far
  for (const e of asc) {
    const newStart = e.span.start + delta;
    if (offset < newStart) break;
    if (offset < newStart + e.newText.length) return e.span.start;
    delta += e.newText.length - (e.span.end - e.span.start);
  }
  return offset - delta;
}

const intersects = (a: Span, b: Span) =>
  (a.start < b.end && b.start < a.end) ||
  (a.start === a.end && b.start <= a.start && a.start <= b.end) ||
  (b.start === b.end && a.start <= b.start && b.start <= a.end);

function hull(spans: Span[]): Span {
  return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
}

export interface CheckOptions {
  /** Apply and re-lint every fix (expensive); otherwise only structural checks. */
  fixes?: boolean;
  lintImpl?: (input: LintInput, settings: LintSettings) => LintResult;
}

export function describeCase(input: LintInput, settings: LintSettings): string {
  return `fileName=${JSON.stringify(input.fileName)} settings=${JSON.stringify({ v: settings.kafkaClientsVersion, rules: settings.rules })} text=${JSON.stringify(input.text)}`;
}

/** Lints `input` and checks every invariant; throws an Error describing the first violation. */
export function checkInvariants(input: LintInput, settings: LintSettings, opts: CheckOptions = {}): LintResult {
  const lintImpl = opts.lintImpl ?? service.lint;
  const { text } = input;
  const len = text.length;
  let res: LintResult;
  try {
    res = lintImpl(input, settings);
  } catch (e) {
    fail(`lint threw: ${(e as Error).stack ?? e}`);
  }
  if (res.failures.length) fail(`lint reported internal failures: ${res.failures.join('\n')}`);
  const format = service.formatOf(input);
  const parse = format ? PARSES[format] : undefined;
  let errorsBefore: number | undefined; // counted when a fix is checked
  /** The fixed text still loads as well as before (see PARSES). */
  const parses = (out: string) =>
    !parse || parse.keeps((errorsBefore ??= parse.errors(text, input.fileName)), parse.errors(out, input.fileName));

  for (const f of res.findings) {
    const what = `${f.ruleId} "${f.message}"`;
    checkSpan(f.span, len, what);
    for (const r of f.related) checkSpan(r.span, len, `${what} related`);
    const fixes: Fix[] = [...f.fixes];
    if (f.suppress) fixes.push(f.suppress.line, f.suppress.file);
    for (const fix of fixes) {
      for (const e of fix.edits) checkSpan(e.span, len, `${what} fix "${fix.title}" edit`);
      if (overlaps(fix.edits)) fail(`${what}: fix "${fix.title}" has overlapping edits ${JSON.stringify(fix.edits)}`);
    }
    if (f.fixes.length > 0 && f.fixes.filter((x) => x.isPreferred).length !== 1) fail(`${what}: expected exactly one preferred fix`);
  }
  if (!opts.fixes) return res;

  for (const f of res.findings) {
    const what = `${f.ruleId} "${f.message}"`;
    const sameRule = (r: LintResult) => r.findings.filter((x) => x.ruleId === f.ruleId);
    for (const fix of f.fixes) {
      if (fix.edits.length === 0) continue;
      const out = applyChecked(text, fix.edits);
      if (out === text) fail(`${what}: fix "${fix.title}" changes nothing`);
      const after = relint(lintImpl, { ...input, text: out }, settings, `${what} after fix "${fix.title}"`);
      // gone: the exact finding (rule, message, mapped start) disappeared, or fewer findings of the
      // rule touch the edited region than before
      const exactStill = sameRule(after).some((x) => x.message === f.message && unmapOffset(x.span.start, fix.edits) === f.span.start);
      const oldRegion = hull([f.span, ...fix.edits.map((e) => e.span)]);
      const newRegion = hull([
        { start: mapOffset(oldRegion.start, fix.edits), end: mapOffset(oldRegion.end, fix.edits) },
        ...fix.edits.map((e) => {
          const s = mapOffset(e.span.start, fix.edits);
          return { start: s, end: s + e.newText.length };
        }),
      ]);
      const before = sameRule(res).filter((x) => intersects(x.span, oldRegion)).length;
      const nowThere = sameRule(after).filter((x) => intersects(x.span, newRegion)).length;
      if (exactStill && nowThere >= before) {
        fail(`${what}: still reported after its fix "${fix.title}"; text after: ${JSON.stringify(out)}`);
      }
      if (!parses(out))
        fail(
          `${what}: fix "${fix.title}" leaves a file that no longer parses as well as before (${errorsBefore} parse errors before): ${JSON.stringify(out)}`,
        );
    }
    if (f.suppress) {
      for (const [kind, fix] of [
        ['line', f.suppress.line],
        ['file', f.suppress.file],
      ] as const) {
        if (fix.edits.length === 0) fail(`${what}: suppress.${kind} has no edits although the finding is reported`);
        const out = applyChecked(text, fix.edits);
        const after = relint(lintImpl, { ...input, text: out }, settings, `${what} after suppress.${kind}`);
        const still =
          kind === 'file'
            ? sameRule(after)
            : sameRule(after).filter((x) => x.message === f.message && unmapOffset(x.span.start, fix.edits) === f.span.start);
        if (still.length > 0) fail(`${what}: still reported after suppress.${kind} "${fix.title}"; text after: ${JSON.stringify(out)}`);
        if (!parses(out)) fail(`${what}: suppress.${kind} breaks the file (${errorsBefore} parse errors before): ${JSON.stringify(out)}`);
      }
    }
  }
  return res;
}

function relint(lintImpl: NonNullable<CheckOptions['lintImpl']>, input: LintInput, settings: LintSettings, what: string): LintResult {
  let r: LintResult;
  try {
    r = lintImpl(input, settings);
  } catch (e) {
    fail(`${what}: lint threw: ${(e as Error).stack ?? e}`);
  }
  if (r.failures.length) fail(`${what}: internal failures ${r.failures.join('\n')}`);
  for (const f of r.findings) checkSpan(f.span, input.text.length, `${what}: ${f.ruleId}`);
  return r;
}

// ---------------------------------------------------------------------------------------------
// The properties, with their share of the CI budget

export interface FuzzProperty {
  name: string;
  /** Cases in CI (the unit suite). */
  ciRuns: number;
  property: () => fc.IPropertyWithHooks<[LintInput, LintSettings]> | fc.IProperty<[LintInput, LintSettings]>;
}

export function fuzzProperties(seeds: Seed[] = allSeeds()): FuzzProperty[] {
  const names = [...new Set(seeds.map((s) => s.fileName.replace(/^.*[\\/]/, '')))];
  const check = (fixes: boolean) => (input: LintInput, settings: LintSettings) => {
    checkInvariants(input, settings, { fixes });
  };
  return [
    {
      name: 'random text: structural invariants',
      ciRuns: 8000,
      property: () => fc.property(randomInputArb(names), settingsArb(), check(false)),
    },
    {
      name: 'mutated seeds: structural invariants',
      ciRuns: 8000,
      property: () => fc.property(mutatedInputArb(seeds), settingsArb(), check(false)),
    },
    {
      name: 'mutated seeds: every fix is safe',
      ciRuns: 3000,
      property: () => fc.property(mutatedInputArb(seeds), settingsArb(), check(true)),
    },
    {
      name: 'random text: every fix is safe',
      ciRuns: 1500,
      property: () => fc.property(randomInputArb(names), settingsArb(), check(true)),
    },
  ];
}

/**
 * Shortcuts taken for speed (bench figure 1) held to the definitions they replace, on seeded
 * random inputs: each must give exactly what the slow path gives.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { prng } from '../support/prng';
import { load, ROOT } from '../support';

// compiled to test/out/unit: load the compiled service from the repository root (as typo-distance.test.ts does)
const { splitElements } = load('service/formats/editor');

/** The character-by-character definition `splitElements` had before its native split and slicing scan. */
function referenceSplit(key: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === '[') {
      const close = key.indexOf(']', i);
      if (close < 0) {
        cur += key.slice(i);
        break;
      }
      if (cur) out.push(cur);
      out.push(key.slice(i, close + 1));
      cur = '';
      i = close;
      if (key[i + 1] === '.') i++;
    } else if (c === '.') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  if (cur || key.endsWith('.')) out.push(cur);
  return out;
}

test('splitElements: the native split and the slicing scan equal the character-by-character definition', () => {
  const rnd = prng(0x5eed);
  const alphabet = ['a', 'b', '.', '.', '-', '_', 'é', ' ', ']', '['];
  for (let n = 0; n < 20000; n++) {
    const len = Math.floor(rnd() * 12);
    let key = '';
    for (let i = 0; i < len; i++) key += alphabet[Math.floor(rnd() * (n % 2 ? alphabet.length - 1 : alphabet.length))];
    assert.deepEqual(splitElements(key), referenceSplit(key), JSON.stringify(key));
  }
  for (const key of ['', '.', '..', 'a.', '.a', 'a..b', 'spring.kafka.producer.acks', 'a]b'])
    assert.deepEqual(splitElements(key), referenceSplit(key), key);
});

// The TS detectors visit only the subtrees whose text holds the words they look for (or a
// backslash): a name spelt with a unicode escape must still be seen, and the same code without
// the escape must give the same result.
import { lintText, svc, where } from '../support/dialectCase';

const KAFKAJS = `import { Kafka } from 'kafkajs';
const kafka = new Kafka({ clientId: 'a', brokers: ['b:9092'] });
`;

test('TS: a producer() call and a config mutation spelt with unicode escapes are found as without them', () => {
  const cases: Array<[string, string]> = [
    [
      `export const p = kafka.producer({ idempotent: true, maxInFlightRequests: 10 });\n`,
      `export const p = kafka.\\u0070roducer({ idempotent: true, maxInFlightRequests: 10 });\n`,
    ],
    [
      `const cfg = { idempotent: true, maxInFlightRequests: 10 };\ncfg.maxInFlightRequests = 1;\nexport const p = kafka.producer(cfg);\n`,
      `const cfg = { idempotent: true, maxInFlightRequests: 10 };\n\\u0063fg.maxInFlightRequests = 1;\nexport const p = kafka.producer(cfg);\n`,
    ],
    [
      `const cfg = { idempotent: true, maxInFlightRequests: 10 };\nObject.assign(cfg, { maxInFlightRequests: 1 });\nexport const p = kafka.producer(cfg);\n`,
      `const cfg = { idempotent: true, maxInFlightRequests: 10 };\nObject.assign(\\u{63}fg, { maxInFlightRequests: 1 });\nexport const p = kafka.producer(cfg);\n`,
    ],
  ];
  for (const [plain, escaped] of cases) {
    const a = lintText('p.ts', KAFKAJS + plain);
    const b = lintText('p.ts', KAFKAJS + escaped);
    assert.equal(b.blocks.length, a.blocks.length, escaped);
    assert.ok(a.blocks.length > 0, plain);
    assert.deepEqual(
      where(KAFKAJS + escaped, b).map((w) => w.replace(/^\d+:\d+ /, '')),
      where(KAFKAJS + plain, a).map((w) => w.replace(/^\d+:\d+ /, '')),
      escaped,
    );
  }
  // the mutation makes the object unknown: no max-in-flight finding from the literal 10
  const mutated = lintText('p.ts', KAFKAJS + cases[1][0]);
  const constant = lintText(
    'p.ts',
    KAFKAJS + `const cfg = { idempotent: true, maxInFlightRequests: 10 };\nexport const p = kafka.producer(cfg);\n`,
  );
  assert.notDeepEqual(where(KAFKAJS, mutated), where(KAFKAJS, constant));
});

const { bagDistance } = load('service/clients/java/config');

/** The bag distance as first written: all 128 buckets counted and summed. */
function referenceBag(a: string, b: string): number {
  const counts = new Int32Array(128);
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i) & 127]++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i) & 127]--;
  let more = 0;
  let less = 0;
  for (let c = 0; c < 128; c++) {
    if (counts[c] > 0) more += counts[c];
    else less -= counts[c];
  }
  return Math.max(more, less);
}

test("bagDistance: visiting only the strings' buckets equals summing all 128", () => {
  const rnd = prng(0xba9);
  const alphabet = 'aaabcde.-_ \u00e9\u0101\u4e00'; // é, ā and 一 share buckets with ASCII letters (low 7 bits)
  const word = () => Array.from({ length: Math.floor(rnd() * 14) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  for (let n = 0; n < 20000; n++) {
    const a = word();
    const b = word();
    assert.equal(bagDistance(a, b), referenceBag(a, b), `${JSON.stringify(a)} / ${JSON.stringify(b)}`);
  }
});

// The server hands hover the lint it cached for the document's version instead of linting again.
import { readdirSync, readFileSync, statSync } from 'node:fs';

test('hover with the cached lint result equals hover that lints, on every example, at every key and value', () => {
  const root = path.join(ROOT, 'examples');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|properties|[cm]?[jt]s)$/.test(f)) files.push(p);
    }
  };
  walk(root);
  assert.ok(files.length > 10);
  let hovers = 0;
  for (const fileName of files) {
    const input = { fileName, text: readFileSync(fileName, 'utf8') };
    const settings = svc.DEFAULT_SETTINGS;
    const linted = svc.lint(input, settings);
    const offsets = new Set<number>();
    for (const b of linted.blocks)
      for (const i of b.items)
        for (const sp of [i.entry.keySpan, i.entry.valueSpan]) offsets.add(sp.start).add(Math.max(sp.start, sp.end - 1));
    for (const f of linted.findings) offsets.add(f.span.start);
    for (const offset of offsets) {
      const a = svc.hover(input, settings, offset);
      assert.deepEqual(svc.hover(input, settings, offset, linted), a, `${fileName} @ ${offset}`);
      if (a) hovers++;
    }
  }
  assert.ok(hovers > 20, `${hovers} hovers`);
});

// Source view entries answer `head` and `lastWord` without splitting their names; the generic
// .properties detector cuts bracket-free names by slicing them; Spring looks at a name only when
// its first element can relax to `spring`. Each against the definition it replaces.

const { SourceEntry } = load('service/detect/source');
const { producerKeyPrefix, longestPrefix } = load('service/detect/genericMap');
const { SPRING_HEAD } = load('service/detect/spring');
const { isKnownProducerKey } = load('service/clients/java/config');
const { relaxed } = load('service/formats/editor');

function randomNames(seed: number, n: number): string[] {
  const rnd = prng(seed);
  const words = [
    'a',
    'b',
    '.',
    '.',
    '.',
    '[',
    ']',
    '-',
    '_',
    'S',
    'spring',
    'Spr',
    'ing',
    'acks',
    'linger.ms',
    'ssl',
    'app',
    'producer',
    'enable',
    'idempotence',
    'ſ',
    'İ',
  ];
  const out: string[] = [
    '',
    '.',
    '..',
    '[',
    ']',
    '[a]',
    '[a.b].c',
    'a[b',
    'a.[b]',
    'spring',
    '-Spring_.kafka',
    'spring[x]',
    '[spring]',
    'app.kafka.acks',
    'a..linger.ms',
    'ssl.x[y.z]',
  ];
  for (let i = 0; i < n; i++) {
    const len = Math.floor(rnd() * 9);
    let name = '';
    for (let j = 0; j < len; j++) name += words[Math.floor(rnd() * words.length)];
    out.push(name);
  }
  return out;
}

test('SourceEntry: head and lastWord equal the split name, before and after it is split', () => {
  const entry = {
    key: 'k',
    value: 'v',
    kind: 'string',
    keySpan: { start: 0, end: 1 },
    valueSpan: { start: 2, end: 3 },
    entrySpan: { start: 0, end: 3 },
  } as never;
  for (const name of randomNames(0xa11ce, 20000)) {
    const els = splitElements(name);
    const last = els[els.length - 1] ?? '';
    for (const split of [false, true]) {
      const s = new SourceEntry(entry, name, 0, 0);
      if (split) assert.deepEqual(s.elements, els);
      assert.equal(s.head, els[0], `head of ${JSON.stringify(name)}`);
      assert.equal(s.lastWord, last.slice(last.lastIndexOf('.') + 1), `lastWord of ${JSON.stringify(name)}`);
      assert.deepEqual(s.elements, els);
    }
  }
});

test('generic .properties prefixes: slicing a bracket-free name equals joining its elements', () => {
  const entry = {
    key: 'k',
    value: 'v',
    kind: 'string',
    keySpan: { start: 0, end: 1 },
    valueSpan: { start: 2, end: 3 },
    entrySpan: { start: 0, end: 3 },
  } as never;
  const names = randomNames(0xb0b, 20000);
  const prefixes = new Set(['app', 'a.b', '', 'spring', 'producer', 'a..', 'Spr.ing', '[a]', 'app.kafka']);
  for (const name of names) {
    const els = splitElements(name);
    let wantPrefix: string | undefined;
    for (let j = 1; j < els.length && wantPrefix === undefined; j++)
      if (isKnownProducerKey(els.slice(j).join('.'))) wantPrefix = els.slice(0, j).join('.');
    let wantLongest: string | undefined;
    for (let j = els.length - 1; j >= 1 && wantLongest === undefined; j--)
      if (prefixes.has(els.slice(0, j).join('.'))) wantLongest = els.slice(0, j).join('.');
    const s = new SourceEntry(entry, name, 0, 0);
    assert.equal(producerKeyPrefix(s), wantPrefix, JSON.stringify(name));
    assert.equal(longestPrefix(s, prefixes), wantLongest, JSON.stringify(name));
  }
});

test("Spring's pre-filter lets through every first element that relaxes to 'spring'", () => {
  for (const name of randomNames(0x5999, 50000)) {
    const head = splitElements(name)[0];
    if (head !== undefined && relaxed(head) === 'spring') assert.ok(SPRING_HEAD.test(head), JSON.stringify(name));
  }
  for (const head of ['spring', 'Spring', 'SPRING', '-s-p-r-i-n-g_', 'spr_ing']) assert.ok(SPRING_HEAD.test(head));
  for (const head of ['springs', 'sprin', '[spring]', 'ſpring']) assert.ok(!SPRING_HEAD.test(head) || relaxed(head) === 'spring');
});

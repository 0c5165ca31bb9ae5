/**
 * Differential test: server/src/service/formats/properties.ts against the JDK's own
 * `new Properties().load(new StringReader(input))`.
 *
 * test/support/java/PropsDump.java is compiled with `javac` into test/.tmp/ and run as ONE
 * JVM that answers one request per line (see its header for the framing). Every input
 * (hand-written edge cases + thousands of seeded random ones) must satisfy:
 *   - the JDK threw  <=>  parse.jdkWouldThrow (and what it threw is the documented
 *     IllegalArgumentException "Malformed \uxxxx encoding.");
 *   - when it did not throw, parse.map has exactly the JDK's keys and values;
 *   - parse.map is the last-wins fold of parse.entries;
 *   - spans: for each entry, the raw text at keySpan / valueSpan, joined and unescaped by an
 *     independent JDK-compatible decoder (below), gives the key / value, and entrySpan covers
 *     the entry's physical line(s) including the line terminator.
 * A failing input is shrunk (delta debugging by deleting characters while the same kind of
 * failure persists) and reported with JSON.stringify.
 *
 * Seed: PROPS_SEED=<integer> overrides the default; it is printed either way.
 */
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type * as PropertiesModule from '../../server/src/service/formats/properties';
import { prng } from '../support/prng';
import { load, ROOT } from '../support';

const props = load('service/formats/properties');
const { parseProperties, MALFORMED_UNICODE } = props;
type Parse = PropertiesModule.PropertiesParse;

const DEFAULT_SEED = 0x6b61666b; // "kafk"
const SEED = (() => {
  const env = process.env.PROPS_SEED;
  if (env === undefined || env.trim() === '') return DEFAULT_SEED;
  const n = Number(env);
  if (!Number.isSafeInteger(n)) throw new Error(`PROPS_SEED must be an integer, got ${JSON.stringify(env)}`);
  return n >>> 0;
})();
const GENERATED = { soup: 2500, structured: 2500, mutated: 1500 };

// ---------------------------------------------------------------------------------------------
// The JDK oracle: one JVM, one request line per input, answers in order.

type JdkResult = { map: [string, string][] } | { threw: string; message: string | null };

class JdkOracle {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buf = '';
  private stderr = '';
  private readonly pending: { resolve: (r: JdkResult) => void; reject: (e: Error) => void }[] = [];
  private dead: Error | undefined;
  private readonly exited: Promise<void>;
  calls = 0;

  constructor(classDir: string) {
    this.proc = spawn('java', ['-Xss16m', '-cp', classDir, 'PropsDump'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.setEncoding('latin1');
    this.proc.stderr.setEncoding('latin1');
    this.proc.stdout.on('data', (d: string) => this.onData(d));
    this.proc.stderr.on('data', (d: string) => (this.stderr += d));
    this.proc.stdin.on('error', () => undefined); // reported through 'exit'
    this.exited = new Promise((resolve) => {
      this.proc.on('error', (e) => {
        this.fail(new Error(`cannot run java: ${e.message}`));
        resolve();
      });
      this.proc.on('exit', (code, signal) => {
        this.fail(new Error(`PropsDump exited (code ${code}, signal ${signal}); stderr:\n${this.stderr}`));
        resolve();
      });
    });
  }

  private fail(e: Error): void {
    this.dead ??= e;
    for (const p of this.pending.splice(0)) p.reject(e);
  }

  private onData(d: string): void {
    this.buf += d;
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      const p = this.pending.shift();
      if (!p) continue;
      const r = JSON.parse(line) as JdkResult | { protocolError: string };
      if ('protocolError' in r) p.reject(new Error(`PropsDump protocol error: ${r.protocolError}`));
      else p.resolve(r);
    }
  }

  load(input: string): Promise<JdkResult> {
    if (this.dead) return Promise.reject(this.dead);
    this.calls++;
    let hex = '';
    for (let i = 0; i < input.length; i++) hex += input.charCodeAt(i).toString(16).padStart(4, '0');
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.proc.stdin.write(hex + '\n');
    });
  }

  async close(): Promise<void> {
    if (!this.dead) this.proc.stdin.end();
    await this.exited;
  }
}

// ---------------------------------------------------------------------------------------------
// An independent decoder for spans: joins continuation lines like LineReader does inside a
// logical line and unescapes like loadConvert. Returns undefined for text no key or value
// span may hold (a bare line terminator, a dangling backslash, a malformed \uxxxx).

const WS = ' \t\f';
function decodeRaw(raw: string): string | undefined {
  const joined: string[] = [];
  let odd = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\r' || c === '\n') {
      if (!odd) return undefined;
      joined.pop();
      odd = false;
      if (c === '\r' && raw[i + 1] === '\n') i++;
      while (i + 1 < raw.length && WS.includes(raw[i + 1])) i++;
      continue;
    }
    joined.push(c);
    odd = c === '\\' ? !odd : false;
  }
  let out = '';
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    if (i + 1 >= joined.length) return undefined;
    const e = joined[++i];
    if (e === 'u') {
      const hex = joined.slice(i + 1, i + 5).join('');
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else out += e === 't' ? '\t' : e === 'r' ? '\r' : e === 'n' ? '\n' : e === 'f' ? '\f' : e;
  }
  return out;
}

const EOL_RE = '(?:\\r\\n|\\r|\\n)';
/** What may stand between the start of an entry's first line and its key: indentation, and lines holding only "\". */
const PREFIX_RE = new RegExp(`^(?:[ \\t\\f]*\\\\${EOL_RE})*[ \\t\\f]*$`);
/** What may follow the value up to the end of the entry: dropped continuation backslashes, the whitespace they skip, the terminator. */
const SUFFIX_RE = new RegExp(`^(?:\\\\${EOL_RE}[ \\t\\f]*)*\\\\?${EOL_RE}?$`);

// ---------------------------------------------------------------------------------------------
// The comparison. Returns undefined when everything agrees, else "<category>: <details>".

function show(s: string | undefined): string {
  return JSON.stringify(s);
}

function spanProblems(text: string, parse: Parse, decodeValues: boolean): string | undefined {
  const n = text.length;
  let prevEnd = 0;
  for (const [i, e] of parse.entries.entries()) {
    const { keySpan: k, valueSpan: v, entrySpan: s } = e;
    const where = `entry ${i} (key ${show(e.key)})`;
    const nums = [s.start, k.start, k.end, v.start, v.end, s.end];
    if (!nums.every((x) => Number.isInteger(x)))
      return `spans: ${where} has a non-integer offset: ${JSON.stringify({ keySpan: k, valueSpan: v, entrySpan: s })}`;
    for (let j = 1; j < nums.length; j++) {
      if (nums[j - 1] > nums[j])
        return `spans: ${where}: offsets out of order: ${JSON.stringify({ keySpan: k, valueSpan: v, entrySpan: s })}`;
    }
    if (s.start < prevEnd || s.end > n)
      return `spans: ${where}: entrySpan ${JSON.stringify(s)} overlaps the previous entry (ends ${prevEnd}) or the end of text (${n})`;
    prevEnd = s.end;
    if (s.start > 0 && !'\r\n'.includes(text[s.start - 1]))
      return `spans: ${where}: entrySpan does not start at a line start: ${JSON.stringify(s)}`;
    if (s.end < n && !(text[s.end - 1] === '\n' || (text[s.end - 1] === '\r' && text[s.end] !== '\n'))) {
      return `spans: ${where}: entrySpan does not end after a line terminator (or at EOF): ${JSON.stringify(s)}`;
    }
    if (!PREFIX_RE.test(text.slice(s.start, k.start)))
      return `spans: ${where}: unexpected text before the key: ${show(text.slice(s.start, k.start))}`;
    if (!SUFFIX_RE.test(text.slice(v.end, s.end)))
      return `spans: ${where}: unexpected text after the value: ${show(text.slice(v.end, s.end))}`;
    const meta = e.meta as unknown as PropertiesModule.PropertiesEntryMeta;
    const keyLineStart = Math.max(s.start, text.lastIndexOf('\n', k.start - 1) + 1, text.lastIndexOf('\r', k.start - 1) + 1);
    if (meta.indent !== text.slice(keyLineStart, k.start))
      return `spans: ${where}: meta.indent ${show(meta.indent)} is not the text before the key on its line`;
    if (meta.separator !== text.slice(k.end, v.start))
      return `spans: ${where}: meta.separator ${show(meta.separator)} is not the text between key and value`;
    if (decodeValues) {
      const rawKey = text.slice(k.start, k.end);
      const rawValue = text.slice(v.start, v.end);
      if (decodeRaw(rawKey) !== e.key)
        return `spans: ${where}: keySpan text ${show(rawKey)} decodes to ${show(decodeRaw(rawKey))}, key is ${show(e.key)}`;
      if (decodeRaw(rawValue) !== e.value)
        return `spans: ${where}: valueSpan text ${show(rawValue)} decodes to ${show(decodeRaw(rawValue))}, value is ${show(e.value)}`;
      // between key and value: only the separator (whitespace, at most one '=' or ':', continuations)
      const sep = text.slice(k.end, v.start);
      const sepJoined = sep.replace(new RegExp(`\\\\${EOL_RE}[ \\t\\f]*`, 'g'), '');
      if (!/^[ \t\f]*(?:[=:][ \t\f]*)?$/.test(sepJoined)) return `spans: ${where}: unexpected separator text ${show(sep)}`;
    }
  }
  return undefined;
}

function compare(text: string, jdk: JdkResult, parse: Parse): string | undefined {
  if ('threw' in jdk) {
    if (!parse.jdkWouldThrow) return `throw-mismatch: the JDK threw ${jdk.threw}: ${jdk.message}; the parser says it would not`;
    if (jdk.threw !== 'java.lang.IllegalArgumentException' || jdk.message !== MALFORMED_UNICODE) {
      return `unexpected-exception: the JDK threw ${jdk.threw}: ${show(jdk.message ?? undefined)}`;
    }
    if (parse.problems.length === 0) return 'problems: jdkWouldThrow without a reported problem';
  } else {
    if (parse.jdkWouldThrow) return `throw-mismatch: the JDK loaded ${JSON.stringify(jdk.map)}; the parser says it would throw`;
    const want = new Map(jdk.map);
    const got = parse.map;
    const missing = [...want.keys()].filter((key) => !got.has(key));
    const extra = [...got.keys()].filter((key) => !want.has(key));
    const differ = [...want.keys()].filter((key) => got.has(key) && got.get(key) !== want.get(key));
    if (missing.length || extra.length || differ.length) {
      return `map-mismatch: JDK ${JSON.stringify(jdk.map)} vs parser ${JSON.stringify([...got])} (missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}, different ${JSON.stringify(differ)})`;
    }
  }
  const folded = new Map<string, string | undefined>();
  for (const e of parse.entries) folded.set(e.key, e.value);
  if (folded.size !== parse.map.size || [...folded].some(([key, value]) => parse.map.get(key) !== value)) {
    return `entries-map: parse.map ${JSON.stringify([...parse.map])} is not the last-wins fold of the entries ${JSON.stringify([...folded])}`;
  }
  return spanProblems(text, parse, !('threw' in jdk));
}

const category = (failure: string) => failure.slice(0, failure.indexOf(':'));
/** The shape of a failure (its wording without the quoted text, JSON and numbers), to report one example of each. */
const shape = (failure: string) =>
  failure
    .split('\n')[0]
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/[[{].*$/, '')
    .replace(/\d+/g, 'N');

async function check(oracle: JdkOracle, text: string): Promise<string | undefined> {
  let parse: Parse;
  try {
    parse = parseProperties(text);
  } catch (e) {
    return `parser-threw: ${(e as Error).stack}`;
  }
  return compare(text, await oracle.load(text), parse);
}

/** Delta debugging: delete chunks (halving down to single characters) while the same kind of failure persists. */
async function shrink(oracle: JdkOracle, input: string, kind: string, budget = 4000): Promise<string> {
  let cur = input;
  let chunk = Math.max(1, cur.length >> 1);
  while (chunk >= 1 && budget > 0) {
    let progressed = false;
    for (let i = 0; i < cur.length && budget > 0;) {
      const cand = cur.slice(0, i) + cur.slice(i + chunk);
      budget--;
      const f = await check(oracle, cand);
      if (f !== undefined && category(f) === kind) {
        cur = cand;
        progressed = true;
      } else i += chunk;
    }
    if (!progressed) chunk >>= 1;
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// Inputs.

class Gen {
  constructor(readonly rnd: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }
  /** xs: [weight, value] */
  weighted<T>(xs: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of xs) total += w;
    let r = this.rnd() * total;
    for (const [w, v] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1][1];
  }
}

const HEX: readonly string[] = [...'0123456789abcdefABCDEF'];
const SOUP: readonly (readonly [number, string | ((g: Gen) => string)])[] = [
  [6, '='],
  [5, ':'],
  [7, ' '],
  [3, '\t'],
  [2, '\f'],
  [14, '\\'],
  [6, '\n'],
  [4, '\r'],
  [4, '\r\n'],
  [4, '#'],
  [3, '!'],
  [6, 'u'],
  [8, (g) => g.pick(HEX)],
  [5, (g) => g.pick([...'kKvxyzntrfA.'])],
  [2, (g) => g.pick(['é', 'ü', '中', '\u00a0', '\u2028', '\u0085'])],
  [2, '😀'],
  [1, '\ufeff'],
  [1, (g) => g.pick(['\u0000', '\u0001', '\u000b', '\u001f', '\u007f'])],
  [1, (g) => g.pick(['\ud800', '\udfff'])],
];

function soup(g: Gen, max = 40): string {
  let s = g.chance(0.1) ? '\ufeff' : '';
  const len = g.int(0, max);
  for (let i = 0; i < len; i++) {
    const t = g.weighted(SOUP);
    s += typeof t === 'string' ? t : t(g);
  }
  return s;
}

const EOLS = ['\n', '\n', '\r\n', '\r'] as const;

function ws(g: Gen, max = 3): string {
  let s = '';
  const n = g.int(0, max);
  for (let i = 0; i < n; i++)
    s += g.weighted([
      [6, ' '],
      [2, '\t'],
      [1, '\f'],
    ] as const);
  return s;
}

function hex(g: Gen, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += g.pick(HEX);
  return s;
}

/** One token of a key or value: plain text or an escape, valid (and, when `malformed`, not). */
function piece(g: Gen, inValue: boolean, malformed = true): string {
  return g.weighted<() => string>([
    [10, () => g.pick(['acks', 'retries', 'k', 'x', 'bootstrap.servers', 'all', '1', 'true', 'é', '😀', '中'])],
    [4, () => '\\u' + hex(g, 4)],
    [
      1,
      () => g.pick(['\\u00e9', '\\u0041', '\\u003d', '\\u003a', '\\u0020', '\\u005c', '\\u000a', '\\ud83d\\ude00', '\\ufeff', '\\u0023']),
    ],
    [malformed ? 3 : 0, () => '\\u' + hex(g, g.int(0, 3)) + g.pick(['', 'g', 'G', ' ', '=', 'x', '\\', 'z'])], // malformed or cut short
    [4, () => '\\' + g.pick(['=', ':', ' ', '\\', 't', 'n', 'r', 'f', '#', '!', 'x', 'U', '\t', 'é'])],
    [2, () => g.pick(['#', '!', '#not-a-comment'])],
    [inValue ? 4 : 1, () => g.pick(['=', ':', ' ', '\t', '  ', '=='])],
    [1, () => '\\'.repeat(g.int(2, 5))],
    [1, () => g.pick(['\u0000', '\u000b', '\u2028', '\u0085', '\ufeff', '\ud800'])],
  ])();
}

/** A run of pieces, sometimes broken by backslash-newline continuations. */
function pieces(g: Gen, inValue: boolean, maxPieces: number, malformed: boolean): string {
  let s = '';
  const n = g.int(0, maxPieces);
  for (let i = 0; i < n; i++) {
    s += piece(g, inValue, malformed);
    if (g.chance(0.12)) s += '\\' + g.pick(EOLS) + ws(g, 3);
  }
  return s;
}

function structuredLine(g: Gen, malformed: boolean): string {
  return g.weighted<() => string>([
    [
      12,
      () =>
        ws(g, 2) +
        pieces(g, false, 3, malformed) +
        g.pick(['=', ':', ' ', ' = ', ' : ', '\t=\t', '  ', '==', '::', ' =:', '= =', ':=', '', '\\\n=', '=\\\n']) +
        pieces(g, true, 4, malformed) +
        (g.chance(0.15) ? ws(g, 2) : '') +
        (g.chance(0.1) ? '\\' : ''),
    ],
    [3, () => ws(g, 2) + g.pick(['#', '!']) + soup(g, 8).replace(/[\r\n]/g, '') + (g.chance(0.3) ? '\\' : '')],
    [2, () => ws(g, 3)],
    [1, () => ws(g, 2) + '\\' + ws(g, 1)],
    [1, () => soup(g, 12)],
  ])();
}

function structured(g: Gen): string {
  let s = g.chance(0.05) ? '\ufeff' : '';
  // most inputs carry no malformed \uxxxx, so that the JDK loads them and the maps get compared
  const malformed = g.chance(0.3);
  const lines = g.int(1, 6);
  for (let i = 0; i < lines; i++) {
    s += structuredLine(g, malformed);
    if (i < lines - 1 || g.chance(0.6)) s += g.pick(EOLS);
  }
  if (g.chance(0.05)) s += '\\';
  return s;
}

function mutate(g: Gen, base: string): string {
  let s = base;
  const edits = g.int(1, 3);
  for (let e = 0; e < edits; e++) {
    const at = g.int(0, s.length);
    switch (g.int(0, 2)) {
      case 0: {
        const t = g.weighted(SOUP);
        s = s.slice(0, at) + (typeof t === 'string' ? t : t(g)) + s.slice(at);
        break;
      }
      case 1:
        s = s.slice(0, at) + s.slice(at + g.int(1, 2));
        break;
      default:
        s = s.slice(0, at) + piece(g, g.chance(0.5)) + s.slice(at);
    }
  }
  return s;
}

/** The JDK reads a Reader through an 8192-char buffer; put `tail` right at that boundary. */
function atBufferEdge(tail: string, before: number): string {
  const lead = 'pad=';
  return lead + 'x'.repeat(8192 - lead.length - before) + tail;
}

const HAND_WRITTEN: readonly string[] = [
  '',
  '\n',
  '\r',
  '\r\n',
  ' ',
  '   \t\f ',
  // a line that is only a backslash: the next physical line starts the logical line over
  '\\\n#comment\nkey=value',
  '\\\n!comment\nkey=value\n',
  '  \\\n  # comment after an indented lone backslash\nk=v',
  '\\\n\\\n#x\ny=z',
  '\\\n\nkey=value',
  '\\\nkey=value',
  '\\\r\nkey=value\r\n',
  '\\',
  '\\\n',
  '\\\\',
  '\\\n\\',
  '\\\n\\\n',
  '\\\\\\',
  // continuation at EOF
  'key=value\\',
  'key=value\\\n',
  'key=value\\\r\n',
  'key=value\\\r',
  'k=v\\\n   ',
  'k=\\\n',
  'key\\',
  // key\ + CRLF
  'key\\\r\n=value',
  'key\\\r\nmore=value',
  'key\\\r\n',
  'key\\\r\n\r\nnext=1',
  'k=\\\r\n\r\nnext=1',
  // \u at the end of a key, malformed and valid escapes
  'k\\u=1',
  'k\\u1=1',
  'k\\u12=1',
  'k\\u123=1',
  'k\\u1234=1',
  'k=\\u',
  'k=\\u00',
  'k=\\u00e9',
  'k=\\u00E9\\u00e9',
  'k=\\uD83D\\uDE00',
  'k=\\u00G0',
  'k=\\u 123',
  'k\\\\u0041=1',
  'k\\\\\\u0041=1',
  'x\\\n\\u0041=1',
  'k=\\u00\\\n  41',
  '\\u0023comment=1',
  '\\u003d=\\u003a',
  'ok=1\nbad=\\uZZZZ\n',
  '# \\uZZZZ in a comment is fine\nk=v',
  // blank and whitespace-only continuation lines
  'key=a\\\n\n  b',
  'key=a\\\n   \n  b',
  'key=a\\\n   \\\n   b',
  'key=a\\\n\\\n\\\nb',
  'key = a \\\n    b \\\n    c',
  // CR-only files
  'a=1\rb=2\rc=3',
  'a=1\\\rb=2',
  'a\r\r\rb',
  'a=1\\\r\r\rb=2',
  '#c\rk=v\r',
  // separators
  'key',
  'key ',
  'key=',
  '=',
  ':',
  '=value',
  ' = value',
  'key = = value',
  'key : : v',
  'key  =:v',
  'key\t\f=\t\fv',
  'key==v',
  'key:=v',
  'key\\ with\\ spaces = v',
  'k\\=x=y',
  'k\\:x:y',
  'k\\\\=x',
  'k\\\\\\=x=y',
  // comments
  '#comment\\\nkey=v',
  '!comment\\\r\nkey=v',
  'key=v # not a comment',
  'a\\\n#b=c',
  'a\\\n  !b=c',
  '  #indented comment\n\t!tab\n\fk=v',
  // BOM (a Reader does not strip it: it is part of the first key)
  '\ufeffkey=value',
  '\ufeff#comment',
  '\ufeff',
  'k=\ufeff',
  // escapes in values
  'k=\\t\\n\\r\\f\\x\\\\',
  'k=\\',
  'k=v\\\\',
  'key=val\\\\\n',
  'key=val\\\\\\\n next',
  'k=\\ leading',
  'k= \\ trailing\\ ',
  // control, non-BMP, lone surrogates, non-Properties whitespace
  'k\u0000=v\u0000',
  'k\u000b=v',
  'k\u2028v',
  'k\u0085=v',
  'k\u00a0v',
  'k=😀',
  '😀=v',
  '😀 😀',
  '\ud800=x',
  'x=\udfff',
  // duplicates: last one wins
  'a=1\na=2',
  'a=1\na\\\n=2\na',
  // the JDK's 8192-char read buffer
  atBufferEdge('\\\r\nnext=1', 1),
  atBufferEdge('\\\r\nnext=1', 2),
  atBufferEdge('\r\nnext=1', 1),
  atBufferEdge('\\\n', 1),
  atBufferEdge('\\', 0),
  atBufferEdge('\n#comment\\\nk=v', 1),
  '#' + 'c'.repeat(9000) + '\nk=v',
  'k=' + 'ab\\\n  '.repeat(3000),
];

function generate(seed: number): string[] {
  const g = new Gen(prng(seed));
  const out: string[] = [];
  for (let i = 0; i < GENERATED.soup; i++) out.push(soup(g));
  for (let i = 0; i < GENERATED.structured; i++) out.push(structured(g));
  for (let i = 0; i < GENERATED.mutated; i++)
    out.push(mutate(g, g.chance(0.5) ? g.pick(HAND_WRITTEN.filter((h) => h.length < 200)) : structured(g)));
  return out;
}

// ---------------------------------------------------------------------------------------------

let classDir: string | undefined;
let oracle: JdkOracle | undefined;

before(() => {
  const tmp = path.join(ROOT, 'test', '.tmp');
  mkdirSync(tmp, { recursive: true });
  classDir = mkdtempSync(path.join(tmp, 'propsdump-'));
  const javac = spawnSync('javac', ['-d', classDir, path.join(ROOT, 'test', 'support', 'java', 'PropsDump.java')], { encoding: 'utf8' });
  if (javac.error) throw new Error(`cannot run javac: ${javac.error.message}`);
  if (javac.status !== 0) throw new Error(`javac failed:\n${javac.stdout}${javac.stderr}`);
  oracle = new JdkOracle(classDir);
});

after(async () => {
  await oracle?.close();
  if (classDir) rmSync(classDir, { recursive: true, force: true });
});

test(
  'parseProperties agrees with java.util.Properties.load(Reader) on hand-written and generated inputs',
  { timeout: 55_000 },
  async (t) => {
    assert.ok(oracle);
    const o = oracle;
    t.diagnostic(`seed ${SEED} (0x${SEED.toString(16)}); set PROPS_SEED to override`);
    console.log(`properties-jdk: seed ${SEED} (0x${SEED.toString(16)}); set PROPS_SEED to override`);
    const inputs = [...HAND_WRITTEN, ...generate(SEED)];
    const results = await Promise.all(inputs.map((s) => o.load(s)));
    let threw = 0;
    const failures: { input: string; failure: string }[] = [];
    for (const [i, input] of inputs.entries()) {
      const jdk = results[i];
      if ('threw' in jdk) threw++;
      let failure: string | undefined;
      try {
        failure = compare(input, jdk, parseProperties(input));
      } catch (e) {
        failure = `parser-threw: ${(e as Error).stack}`;
      }
      if (failure !== undefined) failures.push({ input, failure });
    }
    const summary = `compared ${inputs.length} inputs with the JDK (${HAND_WRITTEN.length} hand-written, ${inputs.length - HAND_WRITTEN.length} generated; the JDK threw on ${threw})`;
    t.diagnostic(summary);
    console.log(`properties-jdk: ${summary}`);
    assert.ok(inputs.length >= 5000, 'at least 5,000 inputs');
    assert.ok(threw > 100 && threw < inputs.length - 1000, `a useful mix of throwing (${threw}) and loading inputs`);

    if (failures.length > 0) {
      // shrink one representative per kind of failure
      const reports: string[] = [];
      const seen = new Set<string>();
      for (const f of failures) {
        if (seen.has(shape(f.failure)) || seen.size >= 8) continue;
        seen.add(shape(f.failure));
        const kind = category(f.failure);
        const min = await shrink(o, f.input, kind);
        const minFailure = (await check(o, min)) ?? f.failure;
        reports.push(`[${kind}] minimal input ${JSON.stringify(min)}\n    ${minFailure}\n    (original input ${JSON.stringify(f.input)})`);
      }
      assert.fail(`${failures.length} of ${inputs.length} inputs disagree with the JDK (seed ${SEED}):\n  ${reports.join('\n  ')}`);
    }
  },
);

test('hand-written cases: spans decode to the entry, entrySpan covers its lines with the terminator', () => {
  let entries = 0;
  for (const text of HAND_WRITTEN) {
    const parse = parseProperties(text);
    if (parse.jdkWouldThrow) {
      // the parser still reports entries; their spans are whole lines, and the problem points at the escape
      assert.equal(spanProblems(text, parse, false), undefined, `input ${JSON.stringify(text)}`);
      for (const p of parse.problems)
        assert.ok(
          text.startsWith('\\u', p.span.start),
          `problem span ${JSON.stringify(p.span)} of ${JSON.stringify(text)} is not at a \\u`,
        );
      continue;
    }
    assert.equal(spanProblems(text, parse, true), undefined, `input ${JSON.stringify(text)}`);
    for (const e of parse.entries) {
      entries++;
      const { keySpan, valueSpan, entrySpan } = e;
      const lines = text.slice(entrySpan.start, entrySpan.end);
      const single = !/[\r\n]/.test(lines.replace(/(\r\n|\r|\n)$/, ''));
      if (single) {
        // single physical line: the plain JDK unescape of the slices gives key and value
        assert.equal(decodeRaw(text.slice(keySpan.start, keySpan.end)), e.key, `key of ${JSON.stringify(text)}`);
        assert.equal(decodeRaw(text.slice(valueSpan.start, valueSpan.end)), e.value, `value of ${JSON.stringify(text)}`);
      }
      // the entry's text ends with its terminator unless the file ends first
      if (entrySpan.end < text.length) assert.match(lines, /(\r\n|\r|\n)$/, `entrySpan of ${JSON.stringify(text)}`);
      else assert.equal(entrySpan.end, text.length);
    }
  }
  assert.ok(entries > 100, `checked ${entries} entries`);
});

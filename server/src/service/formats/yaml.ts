/**
 * YAML → entries, with exact UTF-16 offsets (the `yaml` package's `Parser` + `Composer`,
 * as yaml-language-server does). Every scalar leaf becomes an `Entry` whose key is the
 * path a framework flattens it to (nested maps joined with '.', dotted keys kept,
 * quoted bracket keys `"[enable.idempotence]"` unwrapped, sequence items as `key[0]`).
 *
 * - Multi-document streams: each document keeps its index (`meta.doc`), so profile
 *   documents can be told apart.
 * - Anchors and aliases are followed, with a budget: at most `maxAliasExpansions`
 *   alias dereferences per file and `maxNodes` visited nodes, so an alias bomb costs
 *   a bounded amount of work. `<<` merge keys (YAML 1.1, honoured by SnakeYAML and so
 *   by Spring Boot) are followed too; explicit keys win over merged ones.
 * - Deep nesting: the `yaml` package turns its own stack overflow into a document error
 *   (RESOURCE_EXHAUSTION); our walk is iterative. A document with any error yields no
 *   entries (the framework would refuse to load it anyway); others still do.
 * - Values are what the framework binds, per the YAML 1.2 core schema the `yaml`
 *   package implements: `acks: all` → "all", `acks: -1` → "-1", `acks: "1"` → "1",
 *   `true` → "true". `null`/`~`/empty → kind 'null' with an unknown value. A plain
 *   scalar that only YAML 1.1 reads as a boolean (`yes`, `on`, `n`...) keeps its string
 *   value and records the 1.1 reading in `meta.yaml11Boolean` for the dialects to judge.
 *
 * Never throws on any input: unexpected failures become a problem on the document.
 */
import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Alias, Document, Node as YNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Comment, Entry, EntryFlags, ParsedDocument, ParseProblem, Span, ValueKind } from '../types';
import { detectEol, lineEndAfterAt, lineStartAt } from '../text';

export const YAML_LIMITS = {
  /** Alias dereferences per file (a `*ref` counts each time it is followed). */
  maxAliasExpansions: 200,
  /** Nodes visited inside alias expansions per file. */
  maxAliasNodes: 5000,
  /** Nodes visited per file, aliases included. */
  maxNodes: 200_000,
};

/** Scalar styles as the writer needs them; 'ALIAS' is a `*ref` standing for a scalar, 'NULL' an absent value. */
export type YamlValueStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED' | 'ALIAS' | 'NULL';

export interface YamlEntryMeta extends EntryFlags {
  format: 'yaml';
  /** Index of the document in the stream. */
  doc: number;
  /** The map (or sequence) holding the leaf, and the index of the pair in it. */
  map: number;
  pair: number;
  /** Raw keys from the document root, one per nesting level (`[0]` for sequence items). */
  path: string[];
  style: YamlValueStyle;
  keyStyle: YamlValueStyle;
  /** True when the leaf lives in a flow collection (`{acks: 1}`). */
  flow: boolean;
  /** Column of the key. */
  indent: number;
  /** True when the leaf was reached through an alias or a merge key (its text is shared). */
  viaAlias: boolean;
  /** For a plain scalar that YAML 1.1 reads as a boolean but YAML 1.2 does not (`yes`, `off`, `y`). */
  yaml11Boolean?: boolean;
  /** Set by the environment detector (detect/environment.ts) on the entry it derives from a variable: the entry written. */
  envSource?: Entry;
  /** The same, for a `- name: X` / `value: Y` pair: the name's entry. */
  envName?: Entry;
}

export interface YamlPairInfo {
  /** Decoded key text (raw for plain keys, unescaped for quoted ones). */
  key: string;
  keySpan: Span;
  keyStyle: YamlValueStyle;
  /** Offset just after the `:` indicator (the key's end when there is none). */
  colonEnd: number;
  valueType: 'scalar' | 'map' | 'seq' | 'null' | 'alias' | 'other';
  /** The value node's span (the `*ref` for aliases); empty at `colonEnd` when absent. */
  valueSpan: Span;
  /** The child collection's id for map/seq values (and aliases followed to one). */
  child?: number;
  /** True when the pair comes from a `<<` merge key. */
  merged: boolean;
  /** Index of the entry this pair produced, for scalar values. */
  entry?: number;
}

export interface YamlMapInfo {
  id: number;
  doc: number;
  flow: boolean;
  seq: boolean;
  viaAlias: boolean;
  /** The node's range: start, and end of its value (flow: just after the closing bracket). */
  start: number;
  end: number;
  /** Raw keys from the document root. */
  path: string[];
  pairs: YamlPairInfo[];
  parent?: { map: number; pair: number };
}

export interface YamlDocInfo {
  index: number;
  /** Start and end of the document in the text (directives and markers included). */
  start: number;
  end: number;
  /** True when the document composed without errors (only then does it yield entries). */
  ok: boolean;
  /** Id of the root collection, when the document holds one and is ok. */
  root?: number;
  /** Whether the root is a block map. */
  rootIsMap: boolean;
  /** The raw document-start marker position (`---`), if any. */
  markerEnd?: number;
}

export interface YamlExtra {
  kind: 'yaml';
  docs: YamlDocInfo[];
  maps: YamlMapInfo[];
  /** The indentation step the file uses (2 when it cannot be told). */
  indentUnit: number;
}

export interface YamlParse extends ParsedDocument {
  format: 'yaml';
  extra: YamlExtra;
}

export const isYamlExtra = (x: unknown): x is YamlExtra => typeof x === 'object' && x !== null && (x as YamlExtra).kind === 'yaml';

/** The words YAML 1.1 reads as booleans (yaml.org/type/bool.html). */
const YAML11_TRUE = /^(?:y|Y|yes|Yes|YES|on|On|ON)$/;
const YAML11_FALSE = /^(?:n|N|no|No|NO|off|Off|OFF)$/;

function styleOf(s: Scalar): YamlValueStyle {
  switch (s.type) {
    case Scalar.QUOTE_SINGLE:
      return 'QUOTE_SINGLE';
    case Scalar.QUOTE_DOUBLE:
      return 'QUOTE_DOUBLE';
    case Scalar.BLOCK_LITERAL:
      return 'BLOCK_LITERAL';
    case Scalar.BLOCK_FOLDED:
      return 'BLOCK_FOLDED';
    default:
      return 'PLAIN';
  }
}

/** The string a framework binds for a scalar, and its kind. */
export function scalarValue(s: Scalar, raw: string): { value: string | undefined; kind: ValueKind } {
  const v = s.value;
  if (v === null || v === undefined) return { value: undefined, kind: 'null' };
  if (typeof v === 'boolean') return { value: v ? 'true' : 'false', kind: 'boolean' };
  if (typeof v === 'number' || typeof v === 'bigint') {
    // A decimal integer binds as its value (`+5` → "5", `007` → "7"); other number forms keep their text.
    const t = raw.trim();
    if (/^[-+]?[0-9]+$/.test(t)) return { value: BigInt(t).toString(), kind: 'number' };
    return { value: t, kind: 'number' };
  }
  if (typeof v === 'string') return { value: v, kind: 'string' };
  return { value: undefined, kind: 'unknown' };
}

/**
 * Where a block mapping item whose key starts at `keyStart` begins on its line: before the key's
 * anchor and tag (`&a !t key: v`), which the key node's range leaves out. Its siblings are indented
 * to this column, not to the key's.
 */
export function itemStartOf(text: string, keyStart: number): number {
  const lineStart = lineStartOf(text, keyStart);
  let start = keyStart;
  for (;;) {
    let i = start;
    while (i > lineStart && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
    if (i === start) return start; // a property is always separated from what follows
    let j = i;
    while (j > lineStart && text[j - 1] !== ' ' && text[j - 1] !== '\t') j--;
    if (j === i || (text[j] !== '&' && text[j] !== '!')) return start;
    start = j;
  }
}

/**
 * The indentation column of `offset` on its line. A byte-order mark at the line start is no
 * indentation (the yaml lexer reads one before a document's first line, also after empty lines).
 */
export function columnOf(text: string, offset: number): number {
  let i = lineStartOf(text, offset);
  if (text.charCodeAt(i) === 0xfeff && offset > i) i++;
  return offset - i;
}

export function lineStartOf(text: string, offset: number): number {
  return lineStartAt(text, offset);
}

/** Offset after the line terminator of the line holding `offset`. */
export function lineEndAfter(text: string, offset: number): number {
  return lineEndAfterAt(text, offset);
}

/** The last non-blank offset (exclusive) of a node's range, so trailing line breaks of block scalars don't count. */
export function contentEnd(text: string, start: number, end: number): number {
  // YAML white space only: U+2028, NBSP or a byte-order mark at the end are content (JavaScript's \s would take them)
  let e = end;
  while (e > start && (text[e - 1] === ' ' || text[e - 1] === '\t' || text[e - 1] === '\r' || text[e - 1] === '\n')) e--;
  return e;
}

/** Finds the `:` after a key (skipping spaces and a closing quote already inside the key span). */
function colonAfter(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === ':') return i + 1;
  return from;
}

interface Frame {
  info: YamlMapInfo;
  /** Pairs (maps) or nodes (sequences) still to visit. */
  items: Array<{ pair?: Pair; node?: unknown; merged: boolean; viaAlias: boolean }>;
  i: number;
}

/** Collects the comment tokens of the CST, iteratively (the CST can be as deep as the document). */
function collectComments(tokens: unknown[], comments: Comment[]): void {
  // the CST is a tree; comments sit in these fields of its tokens and collection items
  const FIELDS = ['start', 'key', 'sep', 'value', 'items', 'end', 'props'];
  const stack: unknown[] = [...tokens];
  while (stack.length > 0) {
    const t = stack.pop();
    if (t === null || typeof t !== 'object') continue;
    if (Array.isArray(t)) {
      for (const x of t) stack.push(x);
      continue;
    }
    const tok = t as { type?: string; offset?: number; source?: string } & Record<string, unknown>;
    if (tok.type === 'comment' && typeof tok.offset === 'number' && typeof tok.source === 'string' && tok.source.startsWith('#')) {
      const start = tok.offset;
      const end = start + tok.source.length;
      comments.push({ span: { start, end }, textSpan: { start: start + 1, end }, text: tok.source.slice(1), marker: '#' });
      continue;
    }
    for (const f of FIELDS) {
      const v = tok[f];
      if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
}

/** Deeper collections than this are not composed (real configuration files nest a few dozen levels at most). */
export const MAX_YAML_DEPTH = 500;

/**
 * An upper bound of how deep any collection of `text` nests. A block collection inside another starts at a greater
 * column (or further along a compact `- - x` line), except a sequence under a map key, which may start at the key's
 * column: so block levels are at most twice the longest line's length. Each flow level opens with a `[` or `{`.
 */
function depthBound(text: string): number {
  let longest = 0;
  let lineStart = 0;
  let brackets = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (i - lineStart > longest) longest = i - lineStart;
      lineStart = i + 1;
    } else if (c === 91 || c === 123) brackets++;
  }
  return 2 * Math.max(longest, text.length - lineStart) + brackets + 1;
}

/**
 * How many collections deep a CST document nests, and the offset of the first token past MAX_YAML_DEPTH
 * (walked with a stack of its own: the tree may be deeper than the call stack).
 */
function nestingOf(doc: unknown): { levels: number; at: number } {
  const FIELDS = ['key', 'value', 'items'];
  const stack: Array<{ t: unknown; d: number }> = [{ t: doc, d: 0 }];
  let levels = 0;
  let at = 0;
  while (stack.length > 0) {
    const { t, d } = stack.pop()!;
    if (t === null || typeof t !== 'object') continue;
    if (Array.isArray(t)) {
      for (const x of t) stack.push({ t: x, d });
      continue;
    }
    const tok = t as { type?: string; offset?: number } & Record<string, unknown>;
    const depth = tok.type === 'block-map' || tok.type === 'block-seq' || tok.type === 'flow-collection' ? d + 1 : d;
    if (depth > levels) {
      levels = depth;
      if (depth === MAX_YAML_DEPTH + 1) at = tok.offset ?? 0;
      if (depth > MAX_YAML_DEPTH) return { levels, at };
    }
    for (const f of FIELDS) {
      const v = tok[f];
      if (v !== null && typeof v === 'object') stack.push({ t: v, d: depth });
    }
  }
  return { levels, at };
}

/** Guesses the indentation step from the block maps' key columns. */
function indentUnitOf(maps: YamlMapInfo[], text: string): number {
  const counts = new Map<number, number>();
  for (const m of maps) {
    if (m.flow || m.seq || !m.parent || m.pairs.length === 0) continue;
    const parent = maps[m.parent.map];
    if (parent.flow || parent.seq) continue;
    const pk = parent.pairs[m.parent.pair];
    const ck = m.pairs[0];
    if (!pk || !ck || ck.merged || pk.merged) continue;
    // columns where the items start (a key's anchor and tag are part of its item)
    const c = itemStartOf(text, ck.keySpan.start);
    const p = itemStartOf(text, pk.keySpan.start);
    const d = c - lineStartOf(text, c) - (p - lineStartOf(text, p));
    if (d > 0 && d <= 8) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 2;
  let bestN = 0;
  for (const [d, n] of counts) if (n > bestN || (n === bestN && d < best)) [best, bestN] = [d, n];
  return best;
}

export interface YamlParseOptions {
  /** Collect the comments (default true). The linter reads comments only for its own directives. */
  comments?: boolean;
}

export function parseYaml(text: string, options: YamlParseOptions = {}): YamlParse {
  const entries: Entry[] = [];
  const comments: Comment[] = [];
  const problems: ParseProblem[] = [];
  const extra: YamlExtra = { kind: 'yaml', docs: [], maps: [], indentUnit: 2 };
  const result: YamlParse = { format: 'yaml', text, entries, comments, problems, commentMarker: '#', eol: detectEol(text), extra };
  // a byte-order mark needs no handling: the yaml lexer reads the mark as a token
  // Tokens are composed as the parser yields them (and their comments read), so that each document's
  // concrete syntax tree is garbage as soon as it is composed instead of living until the end.
  const docs: Document.Parsed[] = [];
  // uniqueKeys: the package checks each key against all earlier ones (quadratic in a map's size);
  // walkDocument checks duplicates with a set instead
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false });
  const composeProblems: ParseProblem[] = [];
  // most texts cannot nest that deep at all (nestingOf walks every token: ~3 % of a lint)
  const mayBeDeep = depthBound(text) > MAX_YAML_DEPTH;
  /** The offsets of the documents not composed (too deep): not ok, though their (emptied) token composes cleanly. */
  const unread = new Set<number>();
  let commentProblem: ParseProblem | undefined;
  let readComments = options.comments !== false;
  try {
    for (const token of new Parser().parse(text)) {
      if (readComments) {
        try {
          collectComments([token], comments);
        } catch (e) {
          commentProblem = {
            code: 'yaml-internal',
            message: `YAML comments unreadable: ${(e as Error).message}`,
            span: { start: 0, end: 0 },
            severity: 'warning',
          };
          readComments = false;
        }
      }
      const depth = mayBeDeep && token.type === 'document' ? nestingOf(token) : undefined;
      if (depth !== undefined && depth.levels > MAX_YAML_DEPTH) {
        // composed, this document would recurse as deep as it nests: near the end of the stack, V8 can fail
        // fatally (a regular expression compiled there aborts the process) instead of throwing, so it is not composed
        composeProblems.push({
          code: 'yaml-resource-exhaustion',
          message: `YAML document not read: it nests more than ${MAX_YAML_DEPTH} levels deep`,
          span: { start: depth.at, end: depth.at },
          severity: 'error',
        });
        delete (token as { value?: unknown }).value;
        unread.add(token.offset);
      }
      try {
        for (const d of composer.next(token)) docs.push(d);
      } catch (e) {
        // the yaml package guards its own recursion; this is a last line of defence
        const at = (token as { offset?: number }).offset ?? 0;
        composeProblems.push({
          code: 'yaml-resource-exhaustion',
          message: `YAML document not read: ${(e as Error).message}`,
          span: { start: at, end: at },
          severity: 'error',
        });
      }
    }
  } catch (e) {
    comments.length = 0;
    problems.push({
      code: 'yaml-internal',
      message: `YAML parser failed: ${(e as Error).message}`,
      span: { start: 0, end: 0 },
      severity: 'error',
    });
    return result;
  }
  comments.sort((a, b) => a.span.start - b.span.start);
  if (commentProblem) problems.push(commentProblem);
  problems.push(...composeProblems);
  try {
    for (const d of composer.end()) docs.push(d);
  } catch (e) {
    problems.push({
      code: 'yaml-internal',
      message: `YAML document not read: ${(e as Error).message}`,
      span: { start: text.length, end: text.length },
      severity: 'error',
    });
  }

  readDocuments(docs, unread, text, entries, extra, problems);
  extra.indentUnit = indentUnitOf(extra.maps, text);
  return result;
}

/** Reads the composed documents into entries and collection infos (a document with errors yields none), within the file's budget. */
function readDocuments(
  docs: Document.Parsed[],
  unread: Set<number>,
  text: string,
  entries: Entry[],
  extra: YamlExtra,
  problems: ParseProblem[],
): void {
  const budget: Budget = { aliases: 0, aliasNodes: 0, nodes: 0, aliasLimitHit: false, nodeLimitHit: false };
  for (const d of docs) {
    const index = extra.docs.length;
    const range = d.range ?? [0, text.length, text.length];
    const info: YamlDocInfo = {
      index,
      start: range[0],
      end: range[2] ?? range[1],
      ok: d.errors.length === 0 && !unread.has(range[0]),
      rootIsMap: false,
    };
    extra.docs.push(info);
    for (const err of d.errors) {
      const [s, e] = err.pos ?? [range[0], range[0]];
      problems.push({
        code: `yaml-${err.code.toLowerCase().replace(/_/g, '-')}`,
        message: err.message,
        span: { start: s, end: Math.max(s, e) },
        severity: 'error',
      });
    }
    if (!info.ok) continue;
    const before = entries.length;
    try {
      walkDocument(d, info, text, entries, extra, budget);
    } catch (e) {
      if (e instanceof DuplicateKey) {
        // as the yaml package would report it with uniqueKeys on: the document is not loadable
        entries.length = before;
        info.ok = false;
        info.root = undefined;
        problems.push({ code: 'yaml-duplicate-key', message: 'Map keys must be unique', span: e.span, severity: 'error' });
        continue;
      }
      // never throw: keep what was read before the failure
      problems.push({
        code: 'yaml-internal',
        message: `YAML document only partly read: ${(e as Error).message}`,
        span: { start: info.start, end: info.start },
        severity: 'warning',
      });
    }
  }
  if (budget.aliasLimitHit) {
    problems.push({
      code: 'yaml-alias-limit',
      message: `Alias expansion stopped after ${YAML_LIMITS.maxAliasExpansions} aliases or ${YAML_LIMITS.maxAliasNodes} aliased nodes: the rest were not followed.`,
      span: { start: 0, end: 0 },
      severity: 'warning',
    });
  }
  if (budget.nodeLimitHit) {
    problems.push({
      code: 'yaml-node-limit',
      message: `More than ${YAML_LIMITS.maxNodes} YAML nodes: the rest of the file was not read.`,
      span: { start: 0, end: 0 },
      severity: 'warning',
    });
  }
}

class DuplicateKey extends Error {
  constructor(readonly span: Span) {
    super('Map keys must be unique');
  }
}

type Budget = { aliases: number; aliasNodes: number; nodes: number; aliasLimitHit: boolean; nodeLimitHit: boolean };

function walkDocument(d: Document.Parsed, info: YamlDocInfo, text: string, entries: Entry[], extra: YamlExtra, budget: Budget): void {
  const anchors = new Map<string, unknown>();
  const register = (n: unknown, viaAlias: boolean) => {
    const a = (n as { anchor?: string } | null)?.anchor;
    if (a && !viaAlias) anchors.set(a, n);
  };
  const follow = (a: Alias): unknown => {
    if (budget.aliases >= YAML_LIMITS.maxAliasExpansions) {
      budget.aliasLimitHit = true;
      return undefined;
    }
    budget.aliases++;
    return anchors.get(a.source);
  };
  const root = d.contents as unknown;
  register(root, false);
  if (!isMap(root) && !isSeq(root)) return;
  const newInfo = (node: YAMLMap | YAMLSeq, path: string[], viaAlias: boolean, parent?: { map: number; pair: number }): YamlMapInfo =>
    newMapInfo(extra, info.index, node, path, viaAlias, parent);
  const itemsOf = (node: YAMLMap | YAMLSeq, viaAlias: boolean): Frame['items'] => collectionItems(node, viaAlias, text, follow);

  const rootInfo = newInfo(root, [], false);
  info.root = rootInfo.id;
  info.rootIsMap = isMap(root) && !root.flow;
  const stack: Frame[] = [{ info: rootInfo, items: itemsOf(root, false), i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.i >= top.items.length) {
      stack.pop();
      continue;
    }
    if (++budget.nodes > YAML_LIMITS.maxNodes) {
      budget.nodeLimitHit = true;
      return;
    }
    const item = top.items[top.i++];
    const m = top.info;
    if (item.viaAlias && ++budget.aliasNodes > YAML_LIMITS.maxAliasNodes) {
      budget.aliasLimitHit = true;
      top.i = top.items.length; // skip the rest of this aliased collection
      continue;
    }
    const parts = itemParts(item, m, top.i - 1, text);
    if (!parts) continue;
    const { key, keyNode, valueNode } = parts;
    const viaAlias = item.viaAlias;
    register(keyNode, viaAlias);
    register(valueNode, viaAlias);
    let target: unknown = valueNode;
    let aliasSpan: Span | undefined;
    if (isAlias(valueNode)) {
      const r = valueNode.range ?? [0, 0, 0];
      aliasSpan = { start: r[0], end: r[1] };
      target = follow(valueNode);
    }
    const pairInfo = newPairInfo(m, key, keyNode, valueNode, item.merged, text);
    const { keySpan, keyStyle, colonEnd } = pairInfo;
    const path = [...m.path, key];
    const pairIndex = m.pairs.length - 1;
    if (isMap(target) || isSeq(target)) {
      const valueType = isMap(target) ? 'map' : 'seq';
      const child = newInfo(target, path, viaAlias || aliasSpan !== undefined, { map: m.id, pair: pairIndex });
      pairInfo.child = child.id;
      pairInfo.valueType = aliasSpan ? 'alias' : valueType;
      stack.push({ info: child, items: itemsOf(target, child.viaAlias), i: 0 });
      continue;
    }
    if (aliasSpan && target === undefined) {
      pairInfo.valueType = 'alias';
      continue; // an alias we could not (or may no longer) follow
    }
    const leaf = leafValue(target, aliasSpan, colonEnd, text, pairInfo);
    if (!leaf) continue;
    pairInfo.entry = entries.length;
    entries.push(leafEntry(text, { doc: info.index, m, pairIndex, path, keySpan, keyStyle, viaAlias }, leaf));
  }
}

/** Registers a collection of the document (its id is its index in `extra.maps`). */
function newMapInfo(
  extra: YamlExtra,
  doc: number,
  node: YAMLMap | YAMLSeq,
  path: string[],
  viaAlias: boolean,
  parent?: { map: number; pair: number },
): YamlMapInfo {
  const r = node.range ?? [0, 0, 0];
  const m: YamlMapInfo = {
    id: extra.maps.length,
    doc,
    flow: !!node.flow,
    seq: isSeq(node),
    viaAlias,
    start: r[0],
    end: r[1],
    path,
    pairs: [],
    parent,
  };
  extra.maps.push(m);
  return m;
}

/**
 * The items of a collection in the order a framework binds them: a sequence's nodes, a map's pairs, with the pairs
 * that `<<` merge keys bring in after the explicit ones. Throws DuplicateKey on a key written twice.
 */
function collectionItems(node: YAMLMap | YAMLSeq, viaAlias: boolean, text: string, follow: (a: Alias) => unknown): Frame['items'] {
  if (isSeq(node)) return node.items.map((n) => ({ node: n, merged: false, viaAlias }));
  const items: Frame['items'] = [];
  const explicit = new Set<string>();
  // YAML compares keys by value: `a` and "a" are the same key, 1 and "1" are not (string keys,
  // the usual ones, by their text; the others by type and text)
  const stringKeys = new Set<string>();
  const otherKeys = new Set<string>();
  let merges = false;
  for (const p of node.items) {
    if (!isScalar(p.key)) continue;
    const k = keyText(p.key, text);
    if (k === '<<' && p.key.type === Scalar.PLAIN) {
      merges = true;
      continue;
    }
    explicit.add(k);
    const v = p.key.value;
    const seen = typeof v === 'string' ? stringKeys : otherKeys;
    const t = typeof v === 'string' ? k : `${typeof v}:${v === null ? '' : k}`;
    if (seen.has(t) && !viaAlias) {
      const r = p.key.range ?? [0, 0, 0];
      throw new DuplicateKey({ start: r[0], end: r[1] });
    }
    seen.add(t);
  }
  // without a `<<` merge key, the items are the pairs in order
  if (!merges) return node.items.map((p) => ({ pair: p, merged: false, viaAlias }));
  const mergedSeen = new Set<string>();
  for (const p of node.items) {
    if (isScalar(p.key) && keyText(p.key, text) === '<<' && p.key.type === Scalar.PLAIN) {
      // `<<: *base` or `<<: [*a, *b]`: earlier sources win, explicit keys win over all
      const sources: unknown[] = isSeq(p.value) ? [...p.value.items] : [p.value];
      for (let src of sources) {
        if (isAlias(src)) src = follow(src);
        if (!isMap(src)) continue;
        for (const mp of src.items) {
          if (!isScalar(mp.key)) continue;
          const k = keyText(mp.key, text);
          if (explicit.has(k) || mergedSeen.has(k)) continue;
          mergedSeen.add(k);
          items.push({ pair: mp, merged: true, viaAlias: true });
        }
      }
      continue;
    }
    items.push({ pair: p, merged: false, viaAlias });
  }
  return items;
}

/** Registers a pair of collection `m` (a sequence item's key span is its value's), its value type still 'other'. */
function newPairInfo(m: YamlMapInfo, key: string, keyNode: unknown, valueNode: unknown, merged: boolean, text: string): YamlPairInfo {
  const kr = (keyNode as YNode | undefined)?.range;
  const vr = (valueNode as YNode | null | undefined)?.range;
  const keySpan: Span = kr ? { start: kr[0], end: kr[1] } : vr ? { start: vr[0], end: vr[1] } : { start: m.start, end: m.start };
  const colonEnd = m.seq ? keySpan.start : colonAfter(text, keySpan.end, text.length);
  const keyStyle: YamlValueStyle = isScalar(keyNode) ? styleOf(keyNode) : 'PLAIN';
  const pairInfo: YamlPairInfo = {
    key,
    keySpan,
    keyStyle,
    colonEnd,
    valueType: 'other',
    valueSpan: vr ? { start: vr[0], end: vr[1] } : { start: colonEnd, end: colonEnd },
    merged,
  };
  m.pairs.push(pairInfo);
  return pairInfo;
}

/** The key, key node and value node of a collection item; undefined for an item that names no property. */
function itemParts(
  item: Frame['items'][number],
  m: YamlMapInfo,
  index: number,
  text: string,
): { key: string; keyNode: unknown; valueNode: unknown } | undefined {
  if (m.seq) return { key: `[${index}]`, keyNode: undefined, valueNode: item.node };
  const p = item.pair!;
  if (!isPair(p) || !isScalar(p.key)) return undefined; // complex keys (`? [a, b]`) are no config keys
  const key = keyText(p.key, text);
  // an empty key (` : x`, half-typed) names no property: nothing below it binds, and a writer
  // could not address it
  if (key === '') return undefined;
  return { key, keyNode: p.key, valueNode: p.value };
}

interface LeafValue {
  style: YamlValueStyle;
  value: string | undefined;
  kind: ValueKind;
  valueSpan: Span;
  yaml11Boolean: boolean | undefined;
}

/** The value of a scalar or absent leaf, with its pair's value type and span noted; undefined for any other node. */
function leafValue(
  target: unknown,
  aliasSpan: Span | undefined,
  colonEnd: number,
  text: string,
  pairInfo: YamlPairInfo,
): LeafValue | undefined {
  let style: YamlValueStyle;
  let value: string | undefined;
  let kind: ValueKind;
  let valueSpan: Span;
  let yaml11Boolean: boolean | undefined;
  if (isScalar(target)) {
    const tr = target.range ?? [colonEnd, colonEnd, colonEnd];
    const raw = text.slice(tr[0], tr[1]);
    ({ value, kind } = scalarValue(target, raw));
    style = aliasSpan ? 'ALIAS' : styleOf(target);
    const empty = target.type === Scalar.PLAIN && raw.trim() === '' && !aliasSpan;
    if (empty) style = 'NULL';
    // a plain scalar's range can take in trailing white space (a lone `\r` at the end of the text): not part of the value
    // (YAML white space only: a U+FEFF or NBSP at the end is part of the value, and of what a fix replaces)
    const end = target.type === Scalar.PLAIN ? contentEnd(text, tr[0], tr[1]) : tr[1];
    valueSpan = aliasSpan ?? (empty ? { start: colonEnd, end: colonEnd } : { start: tr[0], end });
    if (target.type === Scalar.PLAIN && typeof target.source === 'string') {
      if (YAML11_TRUE.test(target.source)) yaml11Boolean = true;
      else if (YAML11_FALSE.test(target.source)) yaml11Boolean = false;
    }
    pairInfo.valueType = aliasSpan ? 'alias' : empty ? 'null' : 'scalar';
    if (!aliasSpan) pairInfo.valueSpan = valueSpan;
  } else if (target === null || target === undefined) {
    style = 'NULL';
    value = undefined;
    kind = 'null';
    valueSpan = { start: colonEnd, end: colonEnd };
    pairInfo.valueType = 'null';
  } else {
    return undefined;
  }
  return { style, value, kind, valueSpan, yaml11Boolean };
}

/** Where a leaf sits: its document, collection and pair, its path and key. */
interface LeafPlace {
  doc: number;
  m: YamlMapInfo;
  pairIndex: number;
  path: string[];
  keySpan: Span;
  keyStyle: YamlValueStyle;
  viaAlias: boolean;
}

/** The entry of a scalar (or absent) leaf. */
function leafEntry(text: string, at: LeafPlace, leaf: LeafValue): Entry {
  const { m, pairIndex, path, keySpan, keyStyle, viaAlias } = at;
  const { style, value, kind, valueSpan, yaml11Boolean } = leaf;
  const lineStart = lineStartOf(text, keySpan.start);
  const last = Math.max(keySpan.end, contentEnd(text, valueSpan.start, valueSpan.end));
  const entrySpan: Span =
    m.flow || viaAlias
      ? { start: keySpan.start, end: Math.max(keySpan.end, valueSpan.end) }
      : { start: lineStart, end: lineEndAfter(text, Math.max(last - 1, keySpan.start)) };
  const meta: YamlEntryMeta = {
    format: 'yaml',
    doc: at.doc,
    map: m.id,
    pair: pairIndex,
    path,
    style,
    keyStyle,
    flow: m.flow,
    indent: keySpan.start - lineStart,
    viaAlias,
  };
  if (yaml11Boolean !== undefined) meta.yaml11Boolean = yaml11Boolean;
  return {
    key: flattenPath(path),
    value,
    kind,
    keySpan,
    valueSpan,
    entrySpan,
    meta,
  };
}

function keyText(k: Scalar, text: string): string {
  if (k.type === Scalar.PLAIN || k.type === undefined) {
    const r = k.range;
    return r ? text.slice(r[0], r[1]).trim() : String(k.value);
  }
  return String(k.value ?? '');
}

/** `[a.b]` → `a.b` (Spring's bracket notation for map keys). */
export function unwrapBracket(key: string): string {
  return key.length >= 2 && key.startsWith('[') && key.endsWith(']') ? key.slice(1, -1) : key;
}

/**
 * The flat key of a path, as Spring Boot flattens YAML: levels joined with '.',
 * sequence indexes appended as `[i]`, bracket keys unwrapped.
 */
export function flattenPath(path: readonly string[]): string {
  let out = '';
  for (const seg of path) {
    if (/^\[\d+\]$/.test(seg)) out += seg;
    else out += (out ? '.' : '') + unwrapBracket(seg);
  }
  return out;
}

/** The Spring-style name of a path: like `flattenPath` but bracket keys stay bracketed (`properties[enable.idempotence]`). */
export function springNameOfPath(path: readonly string[]): string {
  let out = '';
  for (const seg of path) {
    if (seg.startsWith('[') && seg.endsWith(']')) out += seg;
    else out += (out ? '.' : '') + seg;
  }
  return out;
}

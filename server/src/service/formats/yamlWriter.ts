/**
 * Text edits in a YAML file that keep its formatting: a value keeps its quoting style,
 * a new key goes after the last sibling at the map's indentation (creating the missing
 * parent maps, or as one flat dotted key when the map uses flat keys — not for a path that asks for one
 * key per element, `KeyPath.nested`), deleting a key
 * deletes its line(s) and a parent map it leaves empty when that parent is a plain
 * `key:` line. Flow maps (`{acks: 1}`) are edited in place. Comments and line endings
 * are kept: only whole lines are inserted or deleted, with the file's own line ending.
 * Text reached through an alias or a merge key is shared, so it is never edited.
 */
import { type Entry, type TextEdit, yamlMeta, yamlMetaOf } from '../types';
import type { KeyPath, SourceEditor } from './editor';
import { elementKey, splitElements } from './editor';
import { columnOf, contentEnd, itemStartOf, lineEndAfter, type YamlMapInfo, type YamlPairInfo, type YamlParse } from './yaml';

const PLAIN_SAFE = /^(?:[A-Za-z0-9_][A-Za-z0-9_./-]*|-[0-9]+)$/;
const PLAIN_KEY_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;

/** A value as a plain scalar when that reads back as the same string, else double-quoted. */
export function yamlScalar(value: string): string {
  return PLAIN_SAFE.test(value) ? value : JSON.stringify(value);
}

function yamlKey(key: string, bracket: boolean): string {
  if (bracket) return JSON.stringify(`[${key}]`);
  return PLAIN_KEY_SAFE.test(key) ? key : JSON.stringify(key);
}

function inStyle(style: string, value: string): string | undefined {
  switch (style) {
    case 'PLAIN':
    case 'ALIAS':
    case 'NULL':
      return yamlScalar(value);
    case 'QUOTE_SINGLE':
      return `'${value.replace(/'/g, "''")}'`;
    case 'QUOTE_DOUBLE':
      return JSON.stringify(value);
    default:
      return undefined; // block scalars: not rewritten
  }
}

/**
 * A map's own (not merged) pairs, indexed once for all insertions into it: the key elements of
 * each pair as a trie (pairs listed where their key ends, in order), and what the writer asks of
 * all pairs at once. Without it each insertion compared every pair of the map again.
 */
interface MapIndex {
  own: YamlPairInfo[];
  root: PairTrie;
  /** elementKey of every one-element key. */
  single: Set<string>;
  /** Some key has several elements (`a.b: …`): the map uses flat dotted keys. */
  multi: boolean;
  /** Some key is bracketed (`"[a.b]": …`). */
  bracket: boolean;
}

interface PairTrie {
  /** Pairs whose key ends here, in document order, with their element count. */
  pairs: Array<{ pair: YamlPairInfo; len: number }>;
  next: Map<string, PairTrie>;
}

export class YamlEditor implements SourceEditor {
  private readonly indexes = new Map<YamlMapInfo, MapIndex>();

  constructor(private readonly doc: YamlParse) {}

  private indexOf(map: YamlMapInfo): MapIndex {
    let index = this.indexes.get(map);
    if (index) return index;
    index = { own: [], root: { pairs: [], next: new Map() }, single: new Set(), multi: false, bracket: false };
    for (const p of map.pairs) {
      if (p.merged) continue;
      index.own.push(p);
      const ks = splitElements(p.key);
      if (ks.length === 1) index.single.add(elementKey(p.key));
      if (ks.length > 1) index.multi = true;
      if (p.key.startsWith('[') && p.key.endsWith(']')) index.bracket = true;
      let node = index.root;
      for (const k of ks) {
        const key = elementKey(k);
        let child = node.next.get(key);
        if (!child) node.next.set(key, (child = { pairs: [], next: new Map() }));
        node = child;
      }
      node.pairs.push({ pair: p, len: ks.length });
    }
    this.indexes.set(map, index);
    return index;
  }

  private get maps() {
    return this.doc.extra.maps;
  }

  private column(offset: number): number {
    return columnOf(this.doc.text, offset);
  }

  private lineStart(offset: number): number {
    return offset - this.column(offset);
  }

  setEntry(entry: Entry, value: string): TextEdit[] | undefined {
    const meta = yamlMeta(entry);
    if (!meta || meta.viaAlias) return undefined;
    if (meta.placeholderDefault) {
      // inside a placeholder: write the default as the surrounding scalar needs it
      const text =
        meta.style === 'QUOTE_DOUBLE'
          ? JSON.stringify(value).slice(1, -1)
          : meta.style === 'QUOTE_SINGLE'
            ? value.replace(/'/g, "''")
            : value;
      if (meta.style === 'PLAIN' && !/^[A-Za-z0-9_./-]*$/.test(value)) return undefined;
      return [{ span: meta.placeholderDefault, newText: text }];
    }
    const written = inStyle(meta.style, value);
    if (written === undefined) return undefined;
    if (meta.style === 'NULL') return [{ span: entry.valueSpan, newText: ` ${written}` }];
    return [{ span: entry.valueSpan, newText: written }];
  }

  /** The offset just after the last character a pair's value occupies (iterative: values can nest deeply). */
  private pairContentEnd(pair: YamlPairInfo): number {
    const t = this.doc.text;
    let p = pair;
    // a block map's merge keys (`<<: *base`, even an empty `<<:`) are no pairs of it, but their lines are
    // its text, also after its last pair: its range runs to their end
    let floor = 0;
    for (;;) {
      if (p.child !== undefined && p.valueType !== 'alias') {
        const c = this.maps[p.child];
        if (c.flow) return Math.max(floor, c.end);
        const own = c.pairs.filter((x) => !x.merged);
        if (c.end > c.start) floor = Math.max(floor, contentEnd(t, c.start, c.end));
        if (own.length === 0) return Math.max(floor, p.colonEnd, p.keySpan.end);
        p = own[own.length - 1];
        continue;
      }
      if (p.valueType === 'null') return Math.max(floor, p.colonEnd, p.keySpan.end);
      return Math.max(floor, p.keySpan.end, contentEnd(t, p.valueSpan.start, p.valueSpan.end));
    }
  }

  /** The span of a block pair's lines, from the key's line start to after its last line. */
  private pairLines(pair: YamlPairInfo): { start: number; end: number } | undefined {
    const t = this.doc.text;
    const start = this.lineStart(pair.keySpan.start);
    if (t.slice(start, pair.keySpan.start).trim() !== '') return undefined; // e.g. `- key: v`: the line holds more
    const end = lineEndAfter(t, Math.max(this.pairContentEnd(pair) - 1, pair.keySpan.start));
    return { start, end };
  }

  /** A `key:` line holding nothing else (no anchor, tag or comment). */
  private bareKeyLine(pair: YamlPairInfo): boolean {
    const t = this.doc.text;
    if (t.slice(this.lineStart(pair.keySpan.start), pair.keySpan.start).trim() !== '') return false;
    const eol = lineEndAfter(t, pair.colonEnd);
    return pair.colonEnd > pair.keySpan.end && t.slice(pair.colonEnd, eol).trim() === '';
  }

  removeEntry(entry: Entry): TextEdit[] | undefined {
    const meta = yamlMetaOf(entry);
    if (!meta || meta.viaAlias) return undefined;
    const map = this.maps[meta.map];
    if (!map || map.seq) return undefined;
    return this.removePair(map, map.pairs[meta.pair]);
  }

  private removePair(map: YamlMapInfo, pair: YamlPairInfo | undefined): TextEdit[] | undefined {
    if (!pair || pair.merged || map.viaAlias) return undefined;
    const t = this.doc.text;
    if (map.flow) {
      const start = pair.keySpan.start;
      const end = this.pairContentEnd(pair);
      let e = end;
      while (e < t.length && /[ \t\r\n]/.test(t[e])) e++;
      if (t[e] === ',') {
        e++;
        while (e < t.length && (t[e] === ' ' || t[e] === '\t')) e++;
        return [{ span: { start, end: e }, newText: '' }];
      }
      let s = start;
      while (s > 0 && /[ \t\r\n]/.test(t[s - 1])) s--;
      if (t[s - 1] === ',') return [{ span: { start: s - 1, end }, newText: '' }];
      return [{ span: { start, end }, newText: '' }];
    }
    const own = map.pairs.filter((p) => !p.merged);
    if (own.length === 1 && map.parent) {
      // the map would be left empty: remove its `key:` line too when that line is plain
      const parentMap = this.maps[map.parent.map];
      const parentPair = parentMap?.pairs[map.parent.pair];
      if (
        parentMap &&
        parentPair &&
        !parentMap.flow &&
        !parentMap.seq &&
        !map.flow &&
        parentPair.valueType === 'map' &&
        this.bareKeyLine(parentPair)
      ) {
        return this.removePair(parentMap, parentPair);
      }
    }
    const lines = this.pairLines(pair);
    return lines ? [{ span: lines, newText: '' }] : undefined;
  }

  /** Down through the maps that already exist along the path (dotted keys cover several elements). */
  private descend(start: YamlMapInfo, path: KeyPath): { map: YamlMapInfo; i: number; nullParent?: YamlPairInfo } {
    let map = start;
    let i = 0;
    for (;;) {
      // the longest key (a first one of that length) that is a usable prefix of the rest of the path
      let best: { pair: YamlPairInfo; len: number } | undefined;
      let node = this.indexOf(map).root;
      // an empty key (no elements) is a prefix of any path
      for (let j = i; ; j++) {
        const hit = node.pairs.find((x) => this.usable(x.pair));
        if (hit) best = hit;
        if (j >= path.leafFrom) break;
        const next = node.next.get(elementKey(path.elements[j]));
        if (!next) break;
        node = next;
      }
      if (!best) return { map, i };
      i += best.len;
      if (best.pair.valueType === 'null') return { map, i, nullParent: best.pair };
      map = this.maps[best.pair.child!];
    }
  }

  /** Down through the maps whose keys are exactly the path's next elements, one key per element. */
  private descendNested(start: YamlMapInfo, path: KeyPath): { map: YamlMapInfo; i: number; nullParent?: YamlPairInfo } {
    let map = start;
    let i = 0;
    while (i < path.leafFrom) {
      const pair = this.indexOf(map).own.find((p) => p.key === path.elements[i] && this.usable(p));
      if (!pair) break;
      i++;
      if (pair.valueType === 'null') return { map, i, nullParent: pair };
      map = this.maps[pair.child!];
    }
    return { map, i };
  }

  private usable(p: YamlPairInfo): boolean {
    const child = p.child !== undefined ? this.maps[p.child] : undefined;
    return (p.valueType === 'map' && child !== undefined && !child.viaAlias && !child.seq) || p.valueType === 'null';
  }

  insert(path: KeyPath, value: string): TextEdit[] | undefined {
    const { extra } = this.doc;
    const info = extra.docs[path.doc];
    if (!info || !info.ok || info.root === undefined) return undefined;
    const start: YamlMapInfo = this.maps[path.map ?? info.root];
    if (!start || start.seq || start.viaAlias) return undefined;
    // (nested: every element its own key, the last one the leaf)
    if (path.nested) path = { ...path, leafFrom: path.elements.length - 1 };
    const { map, i, nullParent } = path.nested
      ? this.descendNested(start, path)
      : path.map !== undefined
        ? { map: start, i: path.leafFrom, nullParent: undefined }
        : this.descend(start, path);
    const groups = path.elements.slice(i, path.leafFrom);
    const leaf = path.elements.slice(path.leafFrom).join('.');
    const index = this.indexOf(map);
    const own = index.own;
    // the first missing map's key is there already, holding something else (`properties: x`):
    // writing it again would be a duplicate key
    if (groups.length > 0 && !nullParent && index.single.has(elementKey(groups[0]))) return undefined;
    // (nested: the leaf's key there already, as something this path could not descend into)
    if (path.nested && groups.length === 0 && !nullParent && own.some((p) => p.key === leaf)) return undefined;
    const bracket = groups.length === 0 && path.map === undefined && !path.nested && index.bracket;
    const leafText = `${yamlKey(leaf, bracket)}: ${yamlScalar(value)}`;
    const { text } = this.doc;
    const unit = ' '.repeat(extra.indentUnit);

    if (nullParent) {
      if (map.flow) return undefined;
      const indent = ' '.repeat(this.column(itemStartOf(text, nullParent.keySpan.start))) + unit;
      const at = lineEndAfter(text, nullParent.colonEnd);
      return [this.lines(at, indent, groups, leafText, unit)];
    }
    if (map.flow) {
      if (text[map.end - 1] !== '}') return undefined;
      let inner = leafText;
      const flat = groups.length > 0 && index.multi && !path.nested;
      if (flat) inner = `${groups.map((g) => yamlKey(g, false)).join('.')}.${leafText}`;
      else for (let g = groups.length - 1; g >= 0; g--) inner = `${yamlKey(groups[g], false)}: {${inner}}`;
      if (own.length === 0) return [{ span: { start: map.end - 1, end: map.end - 1 }, newText: inner }];
      let at = this.pairContentEnd(own[own.length - 1]);
      // what is left before the `}`: white space, a trailing comma, or the tag or anchor of an empty last value (`a: !t`)
      const rest = text.slice(at, map.end - 1);
      if (rest.includes('#')) return undefined; // a comment in a multi-line flow map
      at += contentEnd(rest, 0, rest.length);
      return [{ span: { start: at, end: at }, newText: text[at - 1] === ',' ? ` ${inner}` : `, ${inner}` }];
    }
    if (own.length === 0) return undefined;
    const indent = ' '.repeat(this.column(itemStartOf(text, own[0].keySpan.start)));
    const lastEnd = this.pairContentEnd(own[own.length - 1]);
    const at = lineEndAfter(text, Math.max(lastEnd - 1, own[own.length - 1].keySpan.start));
    const flat = groups.length > 0 && index.multi && !path.nested;
    if (flat) {
      return [this.lines(at, indent, [], `${groups.map((g) => yamlKey(g, false)).join('.')}.${leafText}`, unit)];
    }
    return [this.lines(at, indent, groups, leafText, unit)];
  }

  /** Nested lines `g1:` / `  g2:` / `    leaf: value` inserted at `at` (a line start, or the end of a last line without terminator). */
  private lines(at: number, indent: string, groups: string[], leafText: string, unit: string): TextEdit {
    const { eol, text } = this.doc;
    const out: string[] = [];
    let ind = indent;
    for (const g of groups) {
      out.push(`${ind}${yamlKey(g, false)}:`);
      ind += unit;
    }
    out.push(`${ind}${leafText}`);
    return insertLines(text, at, out.join(eol), eol);
  }
}

/**
 * Whole lines `body` inserted at `at`: a line start, or the end of a last line without terminator.
 * The `yaml` package does not read a lone `\r` as a line break (`acks: 1 # x\r  retries: 0` is one
 * line whose comment hides `retries: 0`), so after a lone CR the lines go after the next LF — where
 * that package's line ends — and at the end of the text they start with `\n`, making the CR a CRLF.
 */
export function insertLines(text: string, at: number, body: string, eol: string): TextEdit {
  let pos = at;
  if (pos > 0 && text[pos - 1] === '\r' && text[pos] !== '\n') {
    const lf = text.indexOf('\n', pos);
    pos = lf >= 0 ? lf + 1 : text.length;
  }
  const prev = text[pos - 1];
  const span = { start: pos, end: pos };
  if (pos === 0 || prev === '\n') return { span, newText: `${body}${eol}` };
  if (prev === '\r') return { span, newText: `\n${body}${eol}` };
  return { span, newText: `${eol}${body}` };
}

/**
 * Two inserts of one fix at the same place, each creating the same missing parent maps
 * (`binder:` / `  producer-properties:` / `    enable.idempotence: true` and `binder:` /
 * `  required-acks: all`), would write the parent keys twice: a duplicate key, which YAML
 * loaders (Spring Boot's among them) reject. This is their text as one insert, sharing the
 * leading `key:` lines they have in common; undefined when they share none.
 */
export function mergeInsertedLines(a: string, b: string): string | undefined {
  const eol = /\r\n|\n|\r/.exec(a)?.[0];
  if (!eol || eol !== /\r\n|\n|\r/.exec(b)?.[0]) return undefined;
  // both whole lines ending with the line break, or both starting with it (at the end of a last line)
  const lead = a.startsWith(eol);
  if (lead !== b.startsWith(eol) || (!lead && (!a.endsWith(eol) || !b.endsWith(eol)))) return undefined;
  const body = (t: string) => (lead ? t.slice(eol.length) : t.slice(0, -eol.length)).split(eol);
  const la = body(a);
  const lb = body(b);
  const indent = (l: string) => l.length - l.trimStart().length;
  let shared = 0;
  while (
    shared < la.length - 1 &&
    shared < lb.length - 1 &&
    la[shared] === lb[shared] &&
    /^[^#]*:$/.test(la[shared].trimEnd()) &&
    (shared === 0 || indent(la[shared]) > indent(la[shared - 1]))
  )
    shared++;
  if (shared === 0) return undefined;
  const lines = [...la, ...lb.slice(shared)].join(eol);
  return lead ? `${eol}${lines}` : `${lines}${eol}`;
}

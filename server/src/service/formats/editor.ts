/**
 * Format-level editing primitives shared by the dialect writers (Spring, generic maps):
 * change an entry's value, delete an entry, add a key at a key path. Each format
 * implements them keeping its own style (separators and escapes in .properties;
 * indentation, quoting, flow/block style and comments in YAML).
 */
import { type Entry, type ParsedDocument, propertiesMeta, type TextEdit } from '../types';
import { escapePropertiesKey, escapePropertiesValue, insertedPropertiesLine } from './properties';

/**
 * Where a new key goes. `elements` are the key's path elements (Spring style: `spring`,
 * `kafka`, `producer`, `properties`, `enable`, `idempotence`); the elements from
 * `leafFrom` on form one leaf key (a raw Kafka key such as `enable.idempotence`,
 * which stays a single dotted key in YAML).
 */
export interface KeyPath {
  /** Document (profile section) to write into. */
  doc: number;
  elements: string[];
  leafFrom: number;
  /** YAML: add the leaf directly to this map (its id), ignoring `elements` before `leafFrom`. */
  map?: number;
  /**
   * YAML: one key per element, nested (`leafFrom` is ignored), through existing maps whose keys are exactly the
   * elements, and never as a flat dotted key: SmallRye Config's YAML source reads a key holding dots as one
   * element (`enable.idempotence: true` under a channel is `<channel>."enable.idempotence"`). With `map`: from that map.
   */
  nested?: boolean;
}

export interface SourceEditor {
  /** Replace the entry's value (keeping its quoting style); undefined when not expressible. */
  setEntry(entry: Entry, value: string): TextEdit[] | undefined;
  /** Delete the entry (its whole line(s) when it has its own). */
  removeEntry(entry: Entry): TextEdit[] | undefined;
  /** Add `path = value`. */
  insert(path: KeyPath, value: string): TextEdit[] | undefined;
}

/** Spring relaxed binding: `transaction-id-prefix` = `transactionIdPrefix` = `transaction_id_prefix`. */
export const relaxed = (s: string) => s.toLowerCase().replace(/[-_]/g, '');

/** Removes every entry (a key written several times); undefined when one of them cannot be removed. */
export function removeEntries(editor: SourceEditor, entries: readonly Entry[]): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  for (const entry of entries) {
    const e = editor.removeEntry(entry);
    if (!e) return undefined;
    out.push(...e);
  }
  return out;
}

/** Splits a key into its elements at dots, keeping `[...]` elements whole. */
export function splitElements(key: string): string[] {
  // without brackets, the elements are the dot-separated words (an empty key has none)
  if (!key.includes('[')) return key === '' ? [] : key.split('.');
  const out: string[] = [];
  let start = 0; // the current element runs from `start` to the cursor
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 91 /* [ */) {
      const close = key.indexOf(']', i);
      if (close < 0) break; // an unclosed bracket: the rest belongs to the current element
      if (i > start) out.push(key.slice(start, i));
      out.push(key.slice(i, close + 1));
      i = close;
      if (key.charCodeAt(i + 1) === 46 /* . */) i++;
      start = i + 1;
    } else if (c === 46 /* . */) {
      out.push(key.slice(start, i));
      start = i + 1;
    }
  }
  const cur = key.slice(start);
  if (cur || key.endsWith('.')) out.push(cur);
  return out;
}

export const sameElement = (a: string, b: string) => {
  const ua = a.startsWith('[') && a.endsWith(']') ? a.slice(1, -1) : relaxed(a);
  const ub = b.startsWith('[') && b.endsWith(']') ? b.slice(1, -1) : relaxed(b);
  return ua === ub;
};

/**
 * Folds an insertion that sits where a deletion starts or ends into that deletion, so a fix never
 * holds an insertion and a replacement at one offset (whose order would be ambiguous).
 */
export function foldInsertions(edits: TextEdit[]): TextEdit[] {
  const out = edits.filter((e) => e.span.start !== e.span.end).map((e) => ({ span: { ...e.span }, newText: e.newText }));
  for (const ins of edits.filter((e) => e.span.start === e.span.end)) {
    const atStart = out.find((d) => d.span.start === ins.span.start);
    const atEnd = out.find((d) => d.span.end === ins.span.start);
    if (atStart) atStart.newText = ins.newText + atStart.newText;
    else if (atEnd) atEnd.newText += ins.newText;
    else out.push({ span: { ...ins.span }, newText: ins.newText });
  }
  return out;
}

export const pathKey = (p: KeyPath) =>
  [...p.elements.slice(0, p.leafFrom), p.elements.slice(p.leafFrom).join('.')].filter((x) => x !== '').join('.');

/** What `sameElement` compares: a bracketed element's inside, else the relaxed name. */
export const elementKey = (e: string) => (e.startsWith('[') && e.endsWith(']') ? e.slice(1, -1) : relaxed(e));

/** Key elements of a section's entries as a trie; each node knows the last entry (in order) that passes through it. */
interface TrieNode {
  last: number;
  next: Map<string, TrieNode>;
}

export class PropertiesEditor implements SourceEditor {
  /** Per section: its entries in order and the trie of their key elements (built on the first insertion). */
  private sections: Map<number, { entries: Entry[]; root: TrieNode }> | undefined;

  /**
   * @param docOf the document (`#---` section) of an entry
   * @param docStarts where each section's text starts (after its separator line)
   */
  constructor(
    private readonly doc: ParsedDocument,
    private readonly docOf: (e: Entry) => number = () => 0,
    private readonly docStarts: number[] = [0],
  ) {}

  private section(doc: number): { entries: Entry[]; root: TrieNode } | undefined {
    if (!this.sections) {
      this.sections = new Map();
      for (const e of this.doc.entries) {
        const d = this.docOf(e);
        let sec = this.sections.get(d);
        if (!sec) this.sections.set(d, (sec = { entries: [], root: { last: -1, next: new Map() } }));
        const index = sec.entries.length;
        sec.entries.push(e);
        let node = sec.root;
        for (const el of splitElements(e.key)) {
          const k = elementKey(el);
          let child = node.next.get(k);
          if (!child) node.next.set(k, (child = { last: index, next: new Map() }));
          child.last = index;
          node = child;
        }
      }
    }
    return this.sections.get(doc);
  }

  setEntry(entry: Entry, value: string): TextEdit[] | undefined {
    const d = entry.meta?.placeholderDefault;
    if (d) return [{ span: d, newText: escapePropertiesValue(value).replace(/^\\ /, ' ') }];
    return [{ span: entry.valueSpan, newText: escapePropertiesValue(value) }];
  }

  removeEntry(entry: Entry): TextEdit[] | undefined {
    return [{ span: entry.entrySpan, newText: '' }];
  }

  insert(path: KeyPath, value: string): TextEdit[] | undefined {
    const { text, eol } = this.doc;
    const sec = this.section(path.doc);
    // after the last entry sharing the longest key prefix (the siblings), else after the section's last entry:
    // the deepest trie node along the path (at most leafFrom elements deep) holds that entry
    let best: Entry | undefined;
    if (sec) {
      let node = sec.root;
      for (let n = 0; n < path.leafFrom && n < path.elements.length; n++) {
        const child = node.next.get(elementKey(path.elements[n]));
        if (!child) break;
        node = child;
        best = sec.entries[child.last];
      }
    }
    const after = best ?? sec?.entries[sec.entries.length - 1];
    const meta = propertiesMeta(after);
    const sep = meta?.separator && /^[ \t]*[=:][ \t]*$/.test(meta.separator) ? meta.separator : '=';
    const indent = (meta?.indent ?? '').replace(/[^ \t]/g, '');
    const line = `${indent}${escapePropertiesKey(pathKey(path))}${sep}${escapePropertiesValue(value)}`;
    let at = after ? after.entrySpan.end : (this.docStarts[path.doc] ?? text.length);
    if (at > text.length) at = text.length;
    return [{ span: { start: at, end: at }, newText: insertedPropertiesLine(text, eol, at, line) }];
  }
}

/**
 * A format-neutral view of a `.properties` or YAML file for the dialect detectors:
 * entries with their Spring-style property name (`spring.kafka.producer.properties[enable.idempotence]`),
 * its elements, and the document they belong to, plus an editor for the format.
 *
 * Documents: YAML streams split at `---`; `.properties` files split at lines holding
 * exactly `#---` or `!---` (Spring Boot 2.4+ multi-document properties files).
 */
import { type Entry, type ParsedDocument, type ProducerBlock, yamlMeta, yamlMetaOf } from '../types';
import type { LineIndex } from '../text';
import { PropertiesEditor, splitElements, type SourceEditor } from '../formats/editor';
import { YamlEditor } from '../formats/yamlWriter';
import { isYamlExtra, lineEndAfter, springNameOfPath, type YamlParse } from '../formats/yaml';

/**
 * An entry under its Spring-style name. `elements` (the name split at dots, brackets kept whole) is
 * computed on first use: most entries of a large file are only ever looked at by their first or
 * last word, which `head` and `lastWord` give without splitting the name.
 */
export class SourceEntry {
  private els: string[] | undefined;
  constructor(
    readonly entry: Entry,
    /** Spring-style name: levels joined with '.', bracket keys kept as `[...]`. */
    readonly name: string,
    readonly doc: number,
    /** Position in the file's entry list (source order). */
    readonly order: number,
    /** The name's elements when they are not `splitElements(name)` (environment variables). */
    elements?: string[],
  ) {
    this.els = elements;
  }

  get elements(): string[] {
    return (this.els ??= splitElements(this.name));
  }

  /** `elements[0]`. */
  get head(): string | undefined {
    if (this.els !== undefined || this.name.charCodeAt(0) === 91 /* [ */) return this.elements[0];
    const name = this.name;
    const dot = name.indexOf('.');
    const bracket = name.indexOf('[');
    if (bracket < 0 || (dot >= 0 && dot < bracket)) return dot < 0 ? (name === '' ? undefined : name) : name.slice(0, dot);
    // a closed bracket ends the first element; an unclosed one belongs to it, and so does the rest
    return name.indexOf(']', bracket) < 0 ? name : name.slice(0, bracket);
  }

  /** The last dot-separated word of the last element (`ms` for `linger.ms`, `b]` for `x[a.b]`). */
  get lastWord(): string {
    if (this.els === undefined && !this.name.includes('[')) return this.name.slice(this.name.lastIndexOf('.') + 1);
    const last = this.elements[this.elements.length - 1] ?? '';
    return last.slice(last.lastIndexOf('.') + 1);
  }

  /** The same name and place for another entry (a value read differently). */
  withEntry(entry: Entry): SourceEntry {
    return new SourceEntry(entry, this.name, this.doc, this.order, this.els);
  }
}

export interface SourceView {
  format: 'properties' | 'yaml';
  docCount: number;
  entries: SourceEntry[];
  editor: SourceEditor;
  docOf(e: Entry): number;
}

const viewCache = new WeakMap<ParsedDocument, SourceView | null>();

export function sourceView(doc: ParsedDocument): SourceView | undefined {
  const cached = viewCache.get(doc);
  if (cached !== undefined) return cached ?? undefined;
  const view = build(doc);
  viewCache.set(doc, view ?? null);
  return view;
}

function build(doc: ParsedDocument): SourceView | undefined {
  if (doc.format === 'yaml' && isYamlExtra(doc.extra)) {
    const entries = doc.entries.map((entry, order) => {
      const meta = yamlMetaOf(entry);
      return new SourceEntry(entry, springNameOfPath(meta.path), meta.doc, order);
    });
    return {
      format: 'yaml',
      docCount: doc.extra.docs.length,
      entries,
      editor: new YamlEditor(doc as YamlParse),
      // an entry's document is in its meta (also for the copies dialects make of an entry)
      docOf: (e) => yamlMeta(e)?.doc ?? 0,
    };
  }
  if (doc.format === 'properties') {
    const text = doc.text;
    const separators = doc.comments
      .filter(
        (c) =>
          c.text === '---' && (c.marker === '#' || c.marker === '!') && (c.span.start === 0 || /[\r\n\uFEFF]/.test(text[c.span.start - 1])),
      )
      .map((c) => c.span.start)
      .sort((a, b) => a - b);
    const docStarts = [0, ...separators.map((s) => lineEndAfter(text, s))];
    const docAt = (offset: number) => {
      let d = 0;
      while (d < separators.length && separators[d] < offset) d++;
      return d;
    };
    const entries = doc.entries.map((entry, order) => new SourceEntry(entry, entry.key, docAt(entry.keySpan.start), order));
    // an entry's document is where its key is (also for the copies dialects make of an entry)
    const docOf = (e: Entry) => docAt(e.keySpan.start);
    return {
      format: 'properties',
      docCount: separators.length + 1,
      entries,
      editor: new PropertiesEditor(doc, docOf, docStarts),
      docOf,
    };
  }
  return undefined;
}

/**
 * A value the user wrote names the key as the file spells it (the framework's prefix included) and
 * its line, e.g. `producer.override.acks, line 7`.
 */
export function labelOrigins(
  block: ProducerBlock,
  items: Iterable<{ key: string; entry: Entry; src: SourceEntry }>,
  lines: LineIndex,
): void {
  for (const i of items) {
    const v = block.values.get(i.key);
    if (v?.entry === i.entry) v.origin = `${i.src.name}, line ${lines.lineOf(i.entry.keySpan.start) + 1}`;
  }
}

/**
 * A view of part of a file: `entries` renamed relative to where a framework reads them (a Strimzi
 * resource's `spec.config`, a container's environment variables), edited through `editor`.
 * The entries keep their own spans; `docOf` is the file's.
 */
export function partView(parent: SourceView, entries: SourceEntry[], editor: SourceEditor): SourceView {
  return { format: parent.format, docCount: parent.docCount, entries, editor, docOf: parent.docOf };
}

/**
 * The entries of a YAML map (by id), named relative to it: `spec.config.producer.acks` becomes
 * `producer.acks`. New keys are written into that map as one flat key (`producer.override.acks: all`),
 * the way Strimzi resources spell them.
 */
export function yamlMapView(parent: SourceView, mapPath: readonly string[], doc: number, mapId: number): SourceView {
  const entries: SourceEntry[] = [];
  for (const s of parent.entries) {
    if (s.doc !== doc) continue;
    const path = yamlMetaOf(s.entry).path;
    if (path.length <= mapPath.length || !mapPath.every((seg, i) => path[i] === seg)) continue;
    entries.push(new SourceEntry(s.entry, springNameOfPath(path.slice(mapPath.length)), s.doc, s.order));
  }
  const editor: SourceEditor = {
    setEntry: (e, v) => parent.editor.setEntry(e, v),
    removeEntry: (e) => parent.editor.removeEntry(e),
    insert: (path, value) => parent.editor.insert({ doc, elements: path.elements, leafFrom: 0, map: mapId }, value),
  };
  return partView(parent, entries, editor);
}

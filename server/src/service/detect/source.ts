/**
 * A format-neutral view of a `.properties` or YAML file for the dialect detectors:
 * entries with their Spring-style property name (`spring.kafka.producer.properties[enable.idempotence]`),
 * its elements, and the document they belong to, plus an editor for the format.
 *
 * Documents: YAML streams split at `---`; `.properties` files split at lines holding
 * exactly `#---` or `!---` (Spring Boot 2.4+ multi-document properties files).
 */
import type { Entry, ParsedDocument, ProducerBlock } from '../types';
import type { LineIndex } from '../text';
import { PropertiesEditor, splitElements, type SourceEditor } from '../formats/editor';
import { YamlEditor } from '../formats/yamlWriter';
import { isYamlExtra, lineEndAfter, springNameOfPath, type YamlEntryMeta, type YamlParse } from '../formats/yaml';

export interface SourceEntry {
  entry: Entry;
  /** Spring-style name: levels joined with '.', bracket keys kept as `[...]`. */
  name: string;
  elements: string[];
  doc: number;
  /** Position in the file's entry list (source order). */
  order: number;
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
      const meta = entry.meta as unknown as YamlEntryMeta;
      const name = springNameOfPath(meta.path);
      return { entry, name, elements: splitElements(name), doc: meta.doc, order };
    });
    const docIndex = new Map(entries.map((s) => [s.entry, s.doc]));
    return {
      format: 'yaml',
      docCount: doc.extra.docs.length,
      entries,
      editor: new YamlEditor(doc as YamlParse),
      docOf: (e) => docIndex.get(e) ?? (e.meta as unknown as YamlEntryMeta | undefined)?.doc ?? 0,
    };
  }
  if (doc.format === 'properties') {
    const text = doc.text;
    const separators = doc.comments
      .filter((c) => c.text === '---' && (c.marker === '#' || c.marker === '!') && (c.span.start === 0 || /[\r\n\uFEFF]/.test(text[c.span.start - 1])))
      .map((c) => c.span.start)
      .sort((a, b) => a - b);
    const docStarts = [0, ...separators.map((s) => lineEndAfter(text, s))];
    const docAt = (offset: number) => {
      let d = 0;
      while (d < separators.length && separators[d] < offset) d++;
      return d;
    };
    const entries = doc.entries.map((entry, order) => ({
      entry,
      name: entry.key,
      elements: splitElements(entry.key),
      doc: docAt(entry.keySpan.start),
      order,
    }));
    const docIndex = new Map(entries.map((s) => [s.entry, s.doc]));
    const docOf = (e: Entry) => docIndex.get(e) ?? docAt(e.keySpan.start);
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
export function labelOrigins(block: ProducerBlock, items: Iterable<{ key: string; entry: Entry; src: SourceEntry }>, lines: LineIndex): void {
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
    const path = (s.entry.meta as unknown as YamlEntryMeta).path;
    if (path.length <= mapPath.length || !mapPath.every((seg, i) => path[i] === seg)) continue;
    const name = springNameOfPath(path.slice(mapPath.length));
    entries.push({ entry: s.entry, name, elements: splitElements(name), doc: s.doc, order: s.order });
  }
  const editor: SourceEditor = {
    setEntry: (e, v) => parent.editor.setEntry(e, v),
    removeEntry: (e) => parent.editor.removeEntry(e),
    insert: (path, value) => parent.editor.insert({ doc, elements: path.elements, leafFrom: 0, map: mapId }, value),
  };
  return partView(parent, entries, editor);
}

/**
 * Generic producer maps: a YAML mapping, or a `.properties` key prefix, whose keys are
 * raw Java-client producer keys — a Helm chart's `kafka.producers.<name>.config`, an
 * app's own `app.kafka.producer.*`, a YAML file of raw keys.
 *
 * The heuristic (deliberately strict, because nothing names the client):
 * - candidates: every YAML map (its leaves flattened relative to it, nested maps up to
 *   six levels deep joined with '.'), and every `.properties` prefix in front of a known
 *   producer key (`app.kafka.producer` in `app.kafka.producer.acks`); the top-level
 *   prefix of a `.properties` file is the plain Java dialect's, `spring.*` is the
 *   Spring dialects', and a top-level `producer.` / `producer.override.` prefix belongs to
 *   Kafka Streams / Kafka Connect (which inject their own values), so none of these is
 *   judged as a generic map;
 * - a candidate is a producer block when `producerEvidence` says producer (no more
 *   consumer-only than producer-only keys) and the evidence is strong: it sets
 *   `enable.idempotence` or `transactional.id`, or at least two distinct known producer
 *   keys of which one is producer-only or decides idempotence (`acks`, `linger.ms`,
 *   `max.in.flight.requests.per.connection`...). A lone `retries: 3` (a Docker health
 *   check) or a lone `acks` is not enough;
 * - when maps nest, each leaf belongs to the nearest producer map above it.
 * Values: `${NAME:-default}` / `${NAME:default}` placeholders are judged by their
 * default; `enable.idempotence: yes` is unknown (it depends on the YAML parser) and
 * reported as ambiguous.
 *
 * Who reads the map: nothing in the file says whether the map reaches the client as is (a
 * `Map<String, Object>` handed to `KafkaProducer`) or whether the application reads it with its
 * own code and its own names. So:
 * - a map holding a key spelled the way an application names its settings rather than the way the
 *   client does (`enable-idempotence`, `enableIdempotence`, `bootstrap-servers`, `Acks`: the same words
 *   as a client key, other separators or case) is the application's: it is not judged at all, since
 *   its code may turn that key into any client setting (an `enable-idempotence: true` read by the
 *   application makes a conflicting `acks` fatal, where the map alone says idempotence is silently off);
 * - in the maps that are judged, every item is marked as read by the application
 *   (`BlockItem.reader`): a misspelt client key there is not reported (`unknown-idempotence-key`),
 *   since the application may read that name itself.
 */
import { type BlockOp, type BlockWriter, type Entry, type ProducerBlock, type TextEdit, yamlMeta, yamlMetaOf } from '../types';
import type { DetectContext } from './index';
import type { BlockFact } from '../facts';
import { makeBlock } from './block';
import { partView, sourceView, type SourceEntry, type SourceView } from './source';
import { springDocuments, type SpringDocuments } from './profiles';
import { withPlaceholder } from './placeholder';
import { producerEvidence } from './evidence';
import { relaxed, splitElements, type SourceEditor, removeEntries } from '../formats/editor';
import { flattenPath, isYamlExtra, unwrapBracket, type YamlEntryMeta, type YamlMapInfo } from '../formats/yaml';
import { CONSUMER_ONLY_KEYS, IDEMPOTENCE_KEYS, K, PRODUCER_KEYS, PRODUCER_ONLY_KEYS, isKnownProducerKey } from '../clients/java/config';
import { keyTriggers, type Trigger } from './trigger';

const MAX_DEPTH = 6;

/** Why these relative keys are a producer config, or undefined when the evidence is weak. */
export function strongProducerEvidence(keys: string[]): string | undefined {
  const ev = producerEvidence(keys);
  if (!ev.isProducer) return undefined;
  const set = new Set(keys);
  if (set.has(K.idempotence) || set.has(K.transactionalId)) return ev.reason;
  const known = [...set].filter(isKnownProducerKey);
  if (known.length >= 2 && known.some((k) => IDEMPOTENCE_KEYS.has(k) || PRODUCER_ONLY_KEYS.has(k))) {
    return `it sets the producer keys ${known
      .slice(0, 3)
      .map((k) => `\`${k}\``)
      .join(', ')}`;
  }
  return undefined;
}

interface GenericItem {
  key: string;
  entry: Entry;
  src: SourceEntry;
}

export class GenericBlockWriter implements BlockWriter {
  constructor(
    private readonly editor: SourceEditor,
    private readonly items: GenericItem[],
    private readonly doc: number,
    private readonly prefix: string[],
    private readonly map?: number,
    /**
     * The entries this block may edit (a profile's block: those of the profile's document). Others belong
     * to the configuration it is merged over: a key set there is overridden here, never edited or removed.
     */
    private readonly own?: (e: Entry) => boolean,
  ) {}

  edits(op: BlockOp): TextEdit[] | undefined {
    const mine = this.items.filter((i) => i.key === op.key);
    const own = this.own;
    if (op.op === 'remove')
      return own && mine.some((i) => !own(i.entry))
        ? undefined
        : removeEntries(
            this.editor,
            mine.map((i) => i.entry),
          );
    const last = mine[mine.length - 1];
    if (last && !yamlMeta(last.entry)?.viaAlias && (!own || own(last.entry))) return this.editor.setEntry(last.entry, op.value);
    return this.editor.insert(
      { doc: this.doc, elements: [...this.prefix, ...op.key.split('.')], leafFrom: this.prefix.length, map: this.map },
      op.value,
    );
  }

  describe(op: BlockOp): string {
    const k = [...this.prefix, op.key].join('.');
    return op.op === 'set' ? `${k}=${op.value}` : `remove ${k}`;
  }
}

/** A YAML 1.1 boolean word for enable.idempotence: a YAML 1.1 parser reads a boolean, a YAML 1.2 parser a string; the block holds no value. */
function yamlBoolean(entry: Entry, text: string, facts: BlockFact[]): Entry {
  const meta = yamlMeta(entry);
  if (meta?.yaml11Boolean === undefined || entry.kind !== 'string') return entry;
  const word = text.slice(entry.valueSpan.start, entry.valueSpan.end);
  facts.push({ kind: 'yaml-11-boolean', entry, word, value: meta.yaml11Boolean, reader: 'unknown' });
  return { ...entry, value: undefined, kind: 'unknown' };
}

/** An entry of a raw producer map as the block reads it (a placeholder's default; no value for a YAML 1.1 boolean, with its fact). */
export function prepare(entry: Entry, key: string, text: string, facts: BlockFact[]): Entry {
  const e = withPlaceholder(entry, text, 'generic');
  return key === K.idempotence ? yamlBoolean(e, text, facts) : e;
}

/** The facts about the block's own entries (a merged profile block reports only on its own documents). */
const ownFacts = (facts: BlockFact[], own: Array<{ entry: Entry }>) =>
  facts.filter((f) => f.kind !== 'yaml-11-boolean' || own.some((i) => i.entry.valueSpan.start === f.entry.valueSpan.start));

/** The client keys without separators: `enableidempotence` → `enable.idempotence`. */
const FLAT_PRODUCER_KEYS = new Map([...PRODUCER_KEYS].map((k) => [k.replace(/\./g, ''), k]));

/**
 * The client key that `key` spells the way an application names its own settings (`enable-idempotence`,
 * `enableIdempotence`, `linger_ms`, `Acks`), or undefined for a client key or any other name.
 */
export function applicationSpelling(key: string): string | undefined {
  if (isKnownProducerKey(key)) return undefined;
  return FLAT_PRODUCER_KEYS.get(key.toLowerCase().replace(/[-_.]/g, ''));
}

/** The items of a judged generic map: the application reads them (no misspelt-key finding). */
const applicationItems = (items: GenericItem[]) =>
  items.map(({ key, entry }) => ({ key, entry, reader: { kind: 'application' as const } }));

const isSpringRoot = (first: string | undefined) => first !== undefined && relaxed(splitElements(first)[0] ?? '') === 'spring';

/**
 * How a framework merges the documents of a file (Spring profiles): `view` holds the entries of the documents
 * that apply together; maps of the same path in different documents are one map (YAML), the later key wins;
 * only blocks holding an entry of an `own` document are made, named with `label`, and edit only those entries.
 */
export interface GenericMerge {
  own: ReadonlySet<number>;
  label?: string;
  profile?: string;
  /** Keep a block only when an own document sets a key the verdict reads (a profile over the default documents). */
  overrides?: boolean;
}

/** The keys the rules read: a profile document that sets none of them has the default documents' verdict. */
const VERDICT_KEYS: ReadonlySet<string> = new Set(Object.values(K));

/** The generic producer blocks of a file (Spring's own subtrees excluded). */
export function genericBlocks(ctx: DetectContext, view: SourceView, merge?: GenericMerge): ProducerBlock[] {
  return view.format === 'yaml' ? yamlBlocks(ctx, view, merge) : propertiesBlocks(ctx, view, merge);
}

function fileBase(fileName: string): string {
  return fileName.replace(/\\/g, '/').split('/').pop() || 'producer';
}

/** The last dot-separated word of every key that `strongProducerEvidence` counts (except `ssl.*`/`sasl.*`). */
const EVIDENCE_LAST_WORDS = new Set(
  [...PRODUCER_KEYS, ...PRODUCER_ONLY_KEYS, ...IDEMPOTENCE_KEYS, ...CONSUMER_ONLY_KEYS].map((k) => k.slice(k.lastIndexOf('.') + 1)),
);

/**
 * False when no flattening of a suffix of this path can be a key the evidence counts: the
 * flat key ends with the last segment (unwrapped), and `ssl.*`/`sasl.*` need one of those words.
 * The evidence of a map depends only on such keys, in their order, so leaving the others out changes nothing.
 */
function mayBeEvidenceKey(path: readonly string[]): boolean {
  const last = path[path.length - 1];
  if (last === undefined) return false;
  const flat = unwrapBracket(last);
  return EVIDENCE_LAST_WORDS.has(flat.slice(flat.lastIndexOf('.') + 1)) || path.some((seg) => seg.includes('ssl') || seg.includes('sasl'));
}

/** The last word of every known producer key (`isKnownProducerKey` is true for PRODUCER_KEYS and ssl.* / sasl.*). */
const PRODUCER_LAST_WORDS = new Set([...PRODUCER_KEYS].map((k) => k.slice(k.lastIndexOf('.') + 1)));

/**
 * False when no dot-joined suffix of this key's elements can be a known producer key: such a
 * suffix ends with the key's last word, or starts with `ssl.` / `sasl.`.
 */
function mayBeProducerKeySuffix(s: SourceEntry): boolean {
  return PRODUCER_LAST_WORDS.has(s.lastWord) || s.name.includes('ssl') || s.name.includes('sasl');
}

const firstWord = (s: string) => {
  const dot = s.indexOf('.');
  return dot < 0 ? s : s.slice(0, dot);
};

/**
 * The producer maps of a YAML file: the maps whose leaves give strong evidence of a producer
 * configuration, with that evidence, and the leaves each owns (a leaf belongs to its nearest producer map).
 */
function producerMaps(
  view: SourceView,
  maps: YamlMapInfo[],
  merge: GenericMerge | undefined,
): { strong: Map<number, string>; owned: Map<number, SourceEntry[]> } | undefined {
  const leaves = new Map<number, Array<{ s: SourceEntry; rel: string[] }>>();
  const eligible = new Map<number, boolean>();
  const isEligible = (m: (typeof maps)[number]) => {
    let e = eligible.get(m.id);
    if (e === undefined) eligible.set(m.id, (e = !m.seq && !isSpringRoot(m.path[0])));
    return e;
  };
  // merged documents: the maps of one path are one candidate, named by the first of them
  const groupOf = new Map<number, number>();
  const byPath = new Map<string, number>();
  const group = (id: number) => {
    if (!merge) return id;
    let g = groupOf.get(id);
    if (g === undefined) {
      const key = maps[id].path.join('\u0000');
      g = byPath.get(key);
      if (g === undefined) byPath.set(key, (g = id));
      groupOf.set(id, g);
    }
    return g;
  };
  /** Calls `visit` with each eligible map (candidate) above the leaf, nearest first, up to MAX_DEPTH levels; stops when it returns true. */
  const eachCandidate = (meta: YamlEntryMeta, visit: (id: number) => boolean | void) => {
    let m = maps[meta.map];
    for (let depth = 0; m && depth < MAX_DEPTH; depth++) {
      if (isEligible(m) && visit(group(m.id))) return;
      if (!m.parent) break;
      m = maps[m.parent.map];
    }
  };
  // only leaves that can be a known producer or consumer-only key weigh in the evidence: the
  // others are left out of the candidates' lists (the evidence of a map with none of them is weak)
  for (const s of view.entries) {
    const meta = yamlMetaOf(s.entry);
    if (!mayBeEvidenceKey(meta.path)) continue;
    eachCandidate(meta, (id) => {
      const leaf = { s, rel: meta.path.slice(maps[id].path.length) };
      const list = leaves.get(id);
      if (list) list.push(leaf);
      else leaves.set(id, [leaf]);
    });
  }
  const strong = new Map<number, string>();
  const aliasGroups = merge ? new Set(maps.filter((m) => m.viaAlias).map((m) => group(m.id))) : undefined;
  for (const [id, list] of leaves) {
    if (maps[id].viaAlias || aliasGroups?.has(id)) continue;
    const reason = strongProducerEvidence(list.map((l) => flattenPath(l.rel)));
    if (reason) strong.set(id, reason);
  }
  if (strong.size === 0) return undefined;
  // each leaf belongs to its nearest producer map
  const owned = new Map<number, SourceEntry[]>();
  // the owner depends only on the leaf's own map: found once per map
  const ownerOf = new Map<number, number | undefined>();
  for (const s of view.entries) {
    const meta = yamlMetaOf(s.entry);
    let owner: number | undefined;
    if (ownerOf.has(meta.map)) owner = ownerOf.get(meta.map);
    else {
      eachCandidate(meta, (id) => strong.has(id) && ((owner = id), true));
      ownerOf.set(meta.map, owner);
    }
    if (owner === undefined) continue;
    const list = owned.get(owner);
    if (list) list.push(s);
    else owned.set(owner, [s]);
  }
  return { strong, owned };
}

function yamlBlocks(ctx: DetectContext, view: SourceView, merge?: GenericMerge): ProducerBlock[] {
  const { doc } = ctx;
  if (!isYamlExtra(doc.extra)) return [];
  const maps = doc.extra.maps;
  const found = producerMaps(view, maps, merge);
  if (!found) return [];
  const { strong, owned } = found;
  const blocks: ProducerBlock[] = [];
  const ownEntry = merge ? (e: Entry) => merge.own.has(yamlMetaOf(e).doc) : undefined;
  for (const [id, reason] of [...strong].sort((a, b) => maps[a[0]].start - maps[b[0]].start)) {
    const m = maps[id];
    const facts: BlockFact[] = [];
    const items: GenericItem[] = (owned.get(id) ?? []).map((s) => {
      const key = flattenPath(yamlMetaOf(s.entry).path.slice(m.path.length));
      return { key, entry: prepare(s.entry, key, doc.text, facts), src: s };
    });
    if (items.length === 0 || items.some((i) => applicationSpelling(i.key) !== undefined)) continue;
    // merged documents: the block is an own document's, and new keys go into its map of this path
    let target = m;
    if (merge) {
      const own = items.filter((i) => ownEntry!(i.entry));
      if (own.length === 0 || (merge.overrides && !own.some((i) => VERDICT_KEYS.has(i.key)))) continue;
      target = maps[yamlMetaOf(own[own.length - 1].entry).map];
      while (target.path.length > m.path.length && target.parent) target = maps[target.parent.map];
    }
    const path = m.path.length > 0 ? flattenPath(m.path) : fileBase(ctx.input.fileName);
    const name = merge?.label ? `${path} (${merge.label})` : path;
    const block = makeBlock(
      {
        name,
        dialect: 'java',
        client: 'java',
        items: applicationItems(items),
        writer: new GenericBlockWriter(view.editor, items, target.doc, splitElements(path), target.id, ownEntry),
        evidence: `a raw Java-client (kafka-clients) producer map at \`${path}\`${merge?.label ? ` (${merge.label}, merged over the file's default documents)` : ''}: ${reason}`,
        anchor: (ownEntry ? (items.find((i) => ownEntry(i.entry)) ?? items[0]) : items[0]).entry.keySpan,
      },
      ctx.lines,
    );
    if (merge?.profile !== undefined) block.profile = merge.profile;
    block.facts = ownEntry
      ? ownFacts(
          facts,
          items.filter((i) => ownEntry(i.entry)),
        )
      : facts;
    blocks.push(block);
  }
  return blocks;
}

/**
 * The entry's elements cut in two, both halves non-empty and dot-joined: the first cut (after
 * element 1, 2...) whose second half is a known producer key, as its first half.
 * A bracket-free name's elements are its dot-separated words: the halves are slices of it.
 */
export function producerKeyPrefix(s: SourceEntry): string | undefined {
  const name = s.name;
  if (!name.includes('[')) {
    for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1))
      if (isKnownProducerKey(name.slice(dot + 1))) return name.slice(0, dot);
    return undefined;
  }
  const els = s.elements;
  for (let j = 1; j < els.length; j++) if (isKnownProducerKey(els.slice(j).join('.'))) return els.slice(0, j).join('.');
  return undefined;
}

/** The longest of `prefixes` that is the first part of a cut of the entry's elements (as above). */
export function longestPrefix(s: SourceEntry, prefixes: Set<string>): string | undefined {
  const name = s.name;
  if (!name.includes('[')) {
    for (let dot = name.lastIndexOf('.'); dot >= 0; dot = dot === 0 ? -1 : name.lastIndexOf('.', dot - 1)) {
      const p = name.slice(0, dot);
      if (prefixes.has(p)) return p;
    }
    return undefined;
  }
  const els = s.elements;
  for (let j = els.length - 1; j >= 1; j--) {
    const p = els.slice(0, j).join('.');
    if (prefixes.has(p)) return p;
  }
  return undefined;
}

function propertiesBlocks(ctx: DetectContext, view: SourceView, merge?: GenericMerge): ProducerBlock[] {
  const text = ctx.doc.text;
  const prefixes = new Set<string>();
  for (const s of view.entries) {
    // a suffix is a known producer key only if it ends with a producer key's last word or names ssl/sasl
    if (!mayBeProducerKeySuffix(s)) continue;
    if (isSpringRoot(s.head)) continue;
    const prefix = producerKeyPrefix(s);
    if (prefix !== undefined) prefixes.add(prefix);
  }
  // `producer.` and `producer.override.` at the top are Kafka Streams / Connect prefixes: those dialects
  // inject their own values (Connect turns idempotence off), so they are not judged as a plain client here
  for (const p of [...prefixes]) if (/^(producer|producer\.override|main\.producer)$/i.test(p)) prefixes.delete(p);
  if (prefixes.size === 0) return [];
  // each entry belongs to the longest prefix above it
  const owned = new Map<string, SourceEntry[]>();
  // every candidate prefix starts with the entry's first element: skip entries no prefix can start
  const firstWords = new Set([...prefixes].map(firstWord));
  for (const s of view.entries) {
    const head = s.head;
    if (head === undefined || !firstWords.has(firstWord(head))) continue;
    const best = longestPrefix(s, prefixes);
    if (best === undefined) continue;
    const list = owned.get(best);
    if (list) list.push(s);
    else owned.set(best, [s]);
  }
  const blocks: ProducerBlock[] = [];
  for (const [prefix, list] of [...owned].sort((a, b) => a[1][0].order - b[1][0].order)) {
    const rel = list.map((s) => s.name.slice(prefix.length + 1));
    const reason = strongProducerEvidence(rel);
    if (!reason || rel.some((k) => applicationSpelling(k) !== undefined)) continue;
    const facts: BlockFact[] = [];
    const items: GenericItem[] = list.map((s, i) => ({ key: rel[i], entry: prepare(s.entry, rel[i], text, facts), src: s }));
    const ownEntry = merge ? (e: Entry) => merge.own.has(view.docOf(e)) : undefined;
    const own = ownEntry ? items.filter((i) => ownEntry(i.entry)) : items;
    if (own.length === 0 || (merge?.overrides && !own.some((i) => VERDICT_KEYS.has(i.key)))) continue;
    const doc = view.docOf(own[own.length - 1].entry);
    const block = makeBlock(
      {
        name: merge?.label ? `${prefix} (${merge.label})` : prefix,
        dialect: 'java',
        client: 'java',
        items: applicationItems(items),
        writer: new GenericBlockWriter(view.editor, items, doc, splitElements(prefix), undefined, ownEntry),
        evidence: `a raw Java-client (kafka-clients) producer config under the prefix \`${prefix}.\`${merge?.label ? ` (${merge.label}, merged over the file's default documents)` : ''}: ${reason}`,
        anchor: own[0].entry.keySpan,
      },
      ctx.lines,
    );
    if (merge?.profile !== undefined) block.profile = merge.profile;
    block.facts = ownEntry ? ownFacts(facts, own) : facts;
    blocks.push(block);
  }
  return blocks;
}

/**
 * The generic blocks of a file whose documents apply by profile (a Spring configuration file: `profiles.ts`):
 * the documents without activation merged, then each activated document merged over them; each block
 * named after its profile. A file without profile documents is read as one configuration (`genericBlocks`).
 */
export function profiledGenericBlocks(ctx: DetectContext, view: SourceView, docs: SpringDocuments): ProducerBlock[] {
  const { activation, baseDocs, fileProfile } = docs;
  if (activation.size === 0 && !fileProfile) return genericBlocks(ctx, view);
  const blocks: ProducerBlock[] = [];
  const base = view.entries.filter((s) => baseDocs.has(s.doc));
  const fileLabel = fileProfile ? `profile '${fileProfile}'` : undefined;
  blocks.push(...genericBlocks(ctx, partView(view, base, view.editor), { own: baseDocs, label: fileLabel, profile: fileLabel }));
  for (const [d, label] of [...activation].sort((a, b) => a[0] - b[0])) {
    const name = fileLabel ? `${fileLabel}, ${label}` : label;
    const merged = view.entries.filter((s) => baseDocs.has(s.doc) || s.doc === d);
    blocks.push(
      ...genericBlocks(ctx, partView(view, merged, view.editor), { own: new Set([d]), label: name, profile: name, overrides: true }),
    );
  }
  return blocks;
}

/** Detector for files without a more specific dialect: generic producer maps, if any. */
/**
 * A generic map needs one raw key that is producer-only or decides idempotence
 * (`strongProducerEvidence` via `producerEvidence`): the segments of one of them.
 */
export const GENERIC_MAP_TRIGGERS: readonly Trigger[] = keyTriggers([...IDEMPOTENCE_KEYS, ...PRODUCER_ONLY_KEYS]);

export function detectGenericMaps(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc } = ctx;
  if (doc.format !== 'properties' && doc.format !== 'yaml') return undefined;
  if (ctx.forcedClient === 'librdkafka') return undefined;
  const view = sourceView(doc);
  if (!view) return undefined;
  const blocks = profiledGenericBlocks(ctx, view, springDocuments(view, ctx.input.fileName));
  return blocks.length > 0 ? blocks : undefined;
}

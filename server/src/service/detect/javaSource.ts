/**
 * Producer blocks from Java source (formats/java): one per `new KafkaProducer<>(config)` or Spring Kafka
 * `new DefaultKafkaProducerFactory<>(config)`, with the values the config map holds there, judged by the
 * Java verdict and rules like any other Java-client block. A block carries the class of each value
 * (`javaClass`: `put(ACKS_CONFIG, 1)` is an Integer the client refuses) and the keys the map may hold
 * beyond what the file shows (`unknownKeys`: a base the linter cannot follow).
 *
 * Spring Kafka's factory (DefaultKafkaProducerFactory, read at spring-kafka 3.x/4.x): a `transactional.id`
 * with text in the map becomes the transaction-id prefix and leaves the map; the prefix (that one, or
 * `setTransactionIdPrefix(…)`) makes the factory `putIfAbsent(enable.idempotence, true)`, so an explicit
 * `false` stays and the transactional producer refuses to start; the producer's `transactional.id` is the
 * prefix plus a suffix (`0` for the first).
 */
import type { BlockItem, BlockValue, ProducerBlock } from '../types';
import type { DetectContext } from './index';
import type { JavaDocument } from '../formats/java/document';
import { viewOf, type JavaModel, type JavaProducerSite, type MapView } from '../formats/java/reader';
import { BOXED } from '../formats/java/values';
import { JavaBlockWriter } from '../formats/java/writer';
import { K } from '../clients/java/config';

export const JAVA_SOURCE_DIALECT = 'java-source';

export function detectJavaSource(ctx: DetectContext): ProducerBlock[] | undefined {
  const doc = ctx.doc as JavaDocument;
  if (doc.format !== 'java') return undefined;
  const model = doc.extra;
  if (!model) return [];
  const blocks: ProducerBlock[] = [];
  const seen = new Map<string, ProducerBlock>();
  for (const site of model.sites) {
    const block = blockOf(site, model, doc, ctx);
    if (!block) continue;
    // two producers made from the same map in the same state: one block (its findings once)
    const sig = signature(block);
    const same = seen.get(sig);
    if (same) {
      same.name = `${same.name}, ${block.name}`;
      continue;
    }
    seen.set(sig, block);
    blocks.push(block);
  }
  return blocks;
}

function signature(b: ProducerBlock): string {
  const vals = [...b.values.values()].map((v) => `${v.key}=${v.value}@${v.entry?.keySpan.start ?? v.injectedBy}`).sort();
  return JSON.stringify([vals, b.items.map((i) => i.entry.keySpan.start), b.unknownKeys ?? null]);
}

function blockOf(site: JavaProducerSite, model: JavaModel, doc: JavaDocument, ctx: DetectContext): ProducerBlock | undefined {
  // the map throws before any producer sees it (Map.of with a repeated key...): nothing to judge
  if (site.map.throws || site.throws) return undefined;
  const view = viewOf(site.map);
  const items: BlockItem[] = view.writes.map((w) => ({ key: w.key, entry: model.entryOf(w) }));
  const values = mapValues(view, model, (o) => ctx.lines.lineOf(o) + 1);
  const unknownKeys = mapUnknownKeys(view);

  let evidence =
    site.kind === 'kafka-producer'
      ? `a KafkaProducer created on line ${site.line}`
      : `a Spring Kafka DefaultKafkaProducerFactory created on line ${site.line}`;
  if (site.kind === 'spring-factory') {
    if (site.factoryOpen) {
      unknownKeys.any ??= site.factoryOpen;
    } else if (site.txPrefix) {
      evidence += factoryTxPrefix({ site, prefix: site.txPrefix, view, model, values, items, unknownKeys });
    }
  }
  const hasUnknown = unknownKeys.any !== undefined || unknownKeys.keys !== undefined;
  if (items.length === 0 && values.size === 0) return undefined;
  if (hasUnknown) evidence += `; part of its configuration is not known here: ${unknownKeys.any ?? Object.values(unknownKeys.keys!)[0]}`;
  const idemItems = items.filter((i) => !(site.txPrefix?.from === 'map' && !site.txPrefix.conditional && i.key === K.transactionalId));
  return {
    name: site.name,
    dialect: JAVA_SOURCE_DIALECT,
    client: 'java',
    values,
    items: idemItems,
    anchor: site.anchor,
    writer: new JavaBlockWriter(doc.text, doc.eol, site.map, view, model.keyForms),
    evidence,
    ...(hasUnknown ? { unknownKeys } : {}),
  };
}

/** The values the map holds at the producer, each with its class, or unknown with the reason. */
function mapValues(view: MapView, model: JavaModel, lineOf: (offset: number) => number): Map<string, BlockValue> {
  const values = new Map<string, BlockValue>();
  for (const [key, slot] of view.present) {
    const w = slot.write;
    const entry = w ? model.entryOf(w) : undefined;
    const origin = w ? `line ${lineOf(w.keySpan.start)}` : (slot.unknown ?? 'not known');
    if (slot.unknown || !w?.value) {
      values.set(key, { key, value: undefined, kind: 'unknown', entry, origin: w ? `${origin}, ${slot.unknown ?? w.why}` : origin });
      continue;
    }
    values.set(key, { key, value: w.value.text, kind: entry!.kind, entry, origin, javaClass: BOXED[w.value.type] });
  }
  return values;
}

type UnknownKeys = NonNullable<ProducerBlock['unknownKeys']>;

/** What the map may hold beyond what the file shows: any key (an open base), keys it may lack, keys it may hold. */
function mapUnknownKeys(view: MapView): UnknownKeys {
  const unknownKeys: UnknownKeys = {};
  if (view.open) unknownKeys.any = view.open;
  if (view.removed.length) unknownKeys.absent = view.removed;
  for (const [k, why] of view.maybe) (unknownKeys.keys ??= {})[k] = why;
  return unknownKeys;
}

interface FactoryBlock {
  site: JavaProducerSite;
  prefix: NonNullable<JavaProducerSite['txPrefix']>;
  view: MapView;
  model: JavaModel;
  values: Map<string, BlockValue>;
  items: BlockItem[];
  unknownKeys: UnknownKeys;
}

/**
 * Spring Kafka's factory with a transaction-id prefix: `putIfAbsent(enable.idempotence, true)` and the
 * producer's `transactional.id` (the prefix and a suffix), put into the block's values; a prefix set in a
 * branch makes both unknown. Returns what the block's evidence adds.
 */
function factoryTxPrefix(f: FactoryBlock): string {
  const { site, prefix: p, view, model, values, items, unknownKeys } = f;
  const by =
    p.from === 'setter'
      ? `Spring Kafka's DefaultKafkaProducerFactory (setTransactionIdPrefix, line ${p.line})`
      : `Spring Kafka's DefaultKafkaProducerFactory (transactional.id as the prefix, line ${p.line})`;
  if (p.conditional) {
    (unknownKeys.keys ??= {})[K.transactionalId] = `setTransactionIdPrefix in a branch (line ${p.line})`;
    if (!values.has(K.idempotence)) unknownKeys.keys[K.idempotence] = `setTransactionIdPrefix in a branch (line ${p.line})`;
    return '';
  }
  // putIfAbsent(enable.idempotence, true): a value the map has stays
  const idem = values.get(K.idempotence);
  const idemMaybe = view.maybe.get(K.idempotence) ?? (view.open && !view.removed.includes(K.idempotence) ? view.open : undefined);
  if (!idem && idemMaybe) {
    values.set(K.idempotence, {
      key: K.idempotence,
      value: undefined,
      kind: 'unknown',
      injectedBy: by,
      origin: `set by ${by} unless ${idemMaybe} sets it`,
    });
    if (unknownKeys.keys) delete unknownKeys.keys[K.idempotence];
  } else if (!idem) {
    values.set(K.idempotence, {
      key: K.idempotence,
      value: 'true',
      kind: 'boolean',
      injectedBy: by,
      origin: `set by ${by}`,
      javaClass: 'java.lang.Boolean',
    });
  }
  // the producer's transactional.id: the prefix and a suffix (the map's own one left the map)
  const prefix = p.value;
  const fromMap = p.from === 'map' ? view.present.get(K.transactionalId)?.write : undefined;
  const entry = fromMap ? model.entryOf(fromMap) : model.setterEntry(site);
  if (entry && !fromMap) items.push({ key: K.transactionalId, entry });
  values.set(K.transactionalId, {
    key: K.transactionalId,
    ...(entry ? { entry } : {}),
    value: prefix && prefix.type === 'String' ? `${prefix.text}0` : undefined,
    kind: prefix && prefix.type === 'String' ? 'string' : 'unknown',
    injectedBy: by,
    origin: `set by ${by}: the prefix and a suffix`,
  });
  if (unknownKeys.keys) delete unknownKeys.keys[K.transactionalId];
  if (unknownKeys.any) (unknownKeys.absent ??= []).push(K.transactionalId);
  return `; ${p.from === 'setter' ? `setTransactionIdPrefix on line ${p.line}` : `its transactional.id (line ${p.line}), which the factory takes as the transaction-id prefix,`} makes Spring Kafka put enable.idempotence=true unless the map sets it`;
}

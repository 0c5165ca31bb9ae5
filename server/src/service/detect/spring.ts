/**
 * Spring dialects, in `.properties` and YAML alike (both arrive as entries with
 * Spring-style names, see source.ts):
 *
 * Spring Boot (`KafkaProperties`, reference catalogue R-F1, R-F2, §5):
 * - dedicated keys `spring.kafka.producer.{acks,retries,batch-size,...}` with relaxed
 *   binding (kebab-case, camelCase, underscores), mapped to the Kafka keys;
 * - `spring.kafka.producer.properties.*` and the common `spring.kafka.properties.*`
 *   maps, bracket forms (`properties[enable.idempotence]`) included;
 * - precedence, lowest to highest: common dedicated keys → `spring.kafka.properties.*`
 *   → dedicated `spring.kafka.producer.*` → `spring.kafka.producer.properties.*`
 *   (`KafkaProperties.buildProducerProperties`); a key set at two levels with different
 *   values is reported (`spring-duplicate-producer-key`);
 * - `transaction-id-prefix` (or a `transactional.id` in the maps) makes Spring Kafka's
 *   `DefaultKafkaProducerFactory` put `enable.idempotence=true` if absent: idempotence
 *   becomes explicit, so the Java rules see conflicts as startup failures;
 * - keys under `spring.kafka.producer` that Boot does not bind (`enable-idempotence`,
 *   `max-in-flight-requests-per-connection`...) are reported with the key that works
 *   (`spring-unbound-producer-key`).
 *
 * Profiles: `application-<profile>.{properties,yml}` name the file's profile; in a
 * multi-document file a document with `spring.config.activate.on-profile` (or the
 * legacy `spring.profiles`) is a profile block judged as the profile merged over the
 * file's default documents. A profile block is made only when the profile document
 * itself touches the producer; otherwise it would repeat the default's verdict.
 *
 * Spring Cloud Stream Kafka binder (R-F6): when `spring.cloud.stream.kafka.*` keys are
 * present and a producer is evident, the binder's producer config is one block:
 * `required-acks` → acks (lowest), then Boot's producer properties, then
 * `binder.configuration.*`, then `binder.producer-properties.*`;
 * `binder.transaction.transaction-id-prefix` turns transactions on. The binder's
 * default `required-acks` of 1 (in the versions the catalogue read) is judged by the
 * rule `spring-cloud-stream-required-acks-default-1`, not injected into the block,
 * because the affected versions are not pinned down.
 *
 * Values: `${NAME:default}` placeholders are judged by their default (Spring syntax:
 * everything after the first ':'). In YAML, `yes`/`no`/`on`/`off` for
 * `enable.idempotence` bind as booleans (Spring Boot loads YAML with SnakeYAML, a
 * YAML 1.1 parser) and are reported as ambiguous (`yaml-ambiguous-boolean`).
 */
import {
  type BlockItem,
  type BlockOp,
  type BlockWriter,
  type Entry,
  type ProducerBlock,
  type TextEdit,
  type Version,
  yamlMeta,
} from '../types';
import type { DetectContext } from './index';
import type { BlockFact, SpringLegacyProfilesFact } from '../facts';
import { makeBlock } from './block';
import { sourceView, type SourceEntry, type SourceView } from './source';
import { withPlaceholder } from './placeholder';
import { profiledGenericBlocks } from './genericMap';
import { springDocuments } from './profiles';
import { relaxed, type KeyPath, type SourceEditor, pathKey, removeEntries } from '../formats/editor';
import { unwrapBracket } from '../formats/yaml';
import { mergeInsertedLines } from '../formats/yamlWriter';
import { compareVersion, parseVersion } from '../version';
import {
  IDEMPOTENCE_KEYS,
  K,
  PRODUCER_KEYS,
  PRODUCER_ONLY_KEYS,
  isKnownProducerKey,
  parseJavaAcks,
  suggestIdempotenceKey,
} from '../clients/java/config';
import type { Trigger } from './trigger';

/** Precedence levels, lowest first (the binder's levels only exist in a Spring Cloud Stream block). */
export const LEVEL = {
  scsRequiredAcks: 0,
  commonDedicated: 1,
  commonMap: 2,
  producerDedicated: 3,
  producerMap: 4,
  scsConfiguration: 5,
  scsProducerProperties: 6,
  /** binder.transaction.producer.configuration.*: the transactional producer's (a transactional binder only). */
  scsTxProducer: 7,
  /** bindings.<name>.producer.configuration.*: that binding's producer (a non-transactional binder only). */
  scsBinding: 8,
  /** The transactional.id a transaction prefix produces: the factory always sets it. */
  transaction: 9,
} as const;

const LEVEL_LABEL: Record<number, string> = {
  0: 'spring.cloud.stream.kafka.binder.required-acks',
  1: 'spring.kafka.*',
  2: 'spring.kafka.properties.*',
  3: 'spring.kafka.producer.*',
  4: 'spring.kafka.producer.properties.*',
  5: 'spring.cloud.stream.kafka.binder.configuration.*',
  6: 'spring.cloud.stream.kafka.binder.producer-properties.*',
  7: 'spring.cloud.stream.kafka.binder.transaction.producer.configuration.*',
  8: 'spring.cloud.stream.kafka.bindings.<binding>.producer.configuration.*',
};

/** KafkaProperties.Producer's dedicated properties (relaxed form) → Kafka key. */
export const PRODUCER_DEDICATED: Record<string, string> = {
  acks: 'acks',
  batchsize: 'batch.size',
  bootstrapservers: 'bootstrap.servers',
  buffermemory: 'buffer.memory',
  clientid: 'client.id',
  compressiontype: 'compression.type',
  keyserializer: 'key.serializer',
  valueserializer: 'value.serializer',
  retries: 'retries',
};

export const COMMON_DEDICATED: Record<string, string> = {
  bootstrapservers: 'bootstrap.servers',
  clientid: 'client.id',
};

type Scope = 'boot' | 'scs';

type Role =
  | { type: 'kafka'; scope: Scope; level: number; key: string; binding?: string }
  | { type: 'txn'; scope: Scope }
  | { type: 'unbound'; tail: string; suggestion?: string }
  | { type: 'bound' }
  | { type: 'scs' }
  | { type: 'kafka-binder' }
  | { type: 'producer-binding'; kafkaSpecific: boolean }
  | { type: 'activation'; kind: 'profile' | 'cloud' }
  /** spring.config.use-legacy-processing=true (Boot 2.4 – 2.7: the pre-2.4 config processing). */
  | { type: 'legacy-processing' }
  /**
   * A key under spring.cloud.stream.kafka.bindings.<binding> that the binder does not bind: a transaction setting
   * (transactions are binder-wide), or a producer setting written straight under `producer.` (its map is
   * `producer.configuration`).
   */
  | { type: 'scs-ignored'; binding: string; kind: 'transaction' }
  | { type: 'scs-ignored'; binding: string; kind: 'producer-key'; tail: string; meant: string };

interface Classified {
  s: SourceEntry;
  role: Role | undefined;
}

const mapKey = (els: string[]) => els.map(unwrapBracket).join('.');

/** The Kafka key a mistyped `spring.kafka.producer.<tail>` most likely meant. */
export function kafkaKeyFor(tail: string): string | undefined {
  if (isKnownProducerKey(tail)) return tail;
  const flat = relaxed(tail).replace(/\./g, '');
  for (const k of PRODUCER_KEYS) if (k.replace(/\./g, '') === flat) return k;
  return suggestIdempotenceKey(tail.replace(/[-_]/g, '.').toLowerCase());
}

/** What a Spring property name means for the producer. */
/** A superset of the first elements that `relaxed` turns into `spring` (tested before `classify`, without allocating). */
export const SPRING_HEAD = /^[-_]*[sS][-_]*[pP][-_]*[rR][-_]*[iI][-_]*[nN][-_]*[gG][-_]*$/;

export function classify(el: string[], value: string | undefined): Role | undefined {
  // most keys of a file are not Spring's: look at the first element before relaxing them all
  if (el.length === 0 || relaxed(el[0]) !== 'spring') return undefined;
  const r = el.map((e) => (e.startsWith('[') ? e : relaxed(e)));
  if (r[1] === 'kafka') {
    if (r[2] === 'properties')
      return el.length > 3 ? { type: 'kafka', scope: 'boot', level: LEVEL.commonMap, key: mapKey(el.slice(3)) } : undefined;
    if (r[2] === 'producer') {
      if (el.length === 3) return undefined;
      if (r[3] === 'properties')
        return el.length > 4 ? { type: 'kafka', scope: 'boot', level: LEVEL.producerMap, key: mapKey(el.slice(4)) } : { type: 'bound' };
      if (el.length === 4 && PRODUCER_DEDICATED[r[3]])
        return { type: 'kafka', scope: 'boot', level: LEVEL.producerDedicated, key: PRODUCER_DEDICATED[r[3]] };
      if (el.length === 4 && r[3] === 'transactionidprefix') return { type: 'txn', scope: 'boot' };
      if (r[3] === 'ssl' || r[3] === 'security') return { type: 'bound' };
      const tail = mapKey(el.slice(3));
      return { type: 'unbound', tail, suggestion: kafkaKeyFor(tail) };
    }
    if (el.length === 3 && COMMON_DEDICATED[r[2]])
      return { type: 'kafka', scope: 'boot', level: LEVEL.commonDedicated, key: COMMON_DEDICATED[r[2]] };
    if (el.length === 4 && r[2] === 'security' && r[3] === 'protocol')
      return { type: 'kafka', scope: 'boot', level: LEVEL.commonDedicated, key: 'security.protocol' };
    return undefined;
  }
  if (r[1] === 'config' && r[2] === 'uselegacyprocessing' && el.length === 3)
    return value?.trim().toLowerCase() === 'true' ? { type: 'legacy-processing' } : undefined;
  if (r[1] === 'config' && r[2] === 'activate' && el.length >= 4) {
    if (r[3] === 'onprofile') return { type: 'activation', kind: 'profile' };
    if (r[3] === 'oncloudplatform') return { type: 'activation', kind: 'cloud' };
    return undefined;
  }
  if (r[1] === 'profiles' && (el.length === 2 || (el.length === 3 && /^\[\d+\]$/.test(el[2]))))
    return { type: 'activation', kind: 'profile' };
  if (r[1] === 'cloud' && r[2] === 'stream') {
    if (r[3] === 'kafka') {
      if (r[4] === 'binder') {
        if (el.length === 6 && r[5] === 'requiredacks') return { type: 'kafka', scope: 'scs', level: LEVEL.scsRequiredAcks, key: K.acks };
        if (r[5] === 'producerproperties' && el.length > 6)
          return { type: 'kafka', scope: 'scs', level: LEVEL.scsProducerProperties, key: mapKey(el.slice(6)) };
        if (r[5] === 'configuration' && el.length > 6)
          return { type: 'kafka', scope: 'scs', level: LEVEL.scsConfiguration, key: mapKey(el.slice(6)) };
        if (el.length === 7 && r[5] === 'transaction' && r[6] === 'transactionidprefix') return { type: 'txn', scope: 'scs' };
        if (el.length > 8 && r[5] === 'transaction' && r[6] === 'producer' && r[7] === 'configuration') {
          return { type: 'kafka', scope: 'scs', level: LEVEL.scsTxProducer, key: mapKey(el.slice(8)) };
        }
        return { type: 'scs' };
      }
      if (r[4] === 'bindings' && r[6] === 'producer' && r[7] === 'configuration' && el.length > 8) {
        return { type: 'kafka', scope: 'scs', level: LEVEL.scsBinding, key: mapKey(el.slice(8)), binding: unwrapBracket(el[5]) };
      }
      // KafkaBindingProperties has only consumer and producer; KafkaProducerProperties has no transaction settings
      if (
        r[4] === 'bindings' &&
        el.length > 7 &&
        (r[6] === 'transaction' || (r[6] === 'producer' && (r[7] === 'transaction' || r[7] === 'transactionidprefix')))
      ) {
        return { type: 'scs-ignored', binding: unwrapBracket(el[5]), kind: 'transaction' };
      }
      if (r[4] === 'bindings' && r[6] === 'producer' && el.length === 8) {
        const meant = kafkaKeyFor(unwrapBracket(el[7]));
        if (meant !== undefined && DELIVERY_KEYS.has(meant))
          return { type: 'scs-ignored', binding: unwrapBracket(el[5]), kind: 'producer-key', tail: el[7], meant };
      }
      if (r[4] === 'bindings' && r[6] === 'producer') return { type: 'producer-binding', kafkaSpecific: true };
      return { type: 'scs' };
    }
    // (an output binding `<function>-out-<n>`, in any spelling Boot binds to that map entry: ordersOut-0, orders_out_0)
    if (r[3] === 'bindings' && el.length >= 6 && (r[5] === 'producer' || OUTPUT_BINDING.test(unwrapBracket(el[4]))))
      return { type: 'producer-binding', kafkaSpecific: false };
    if (r[3] === 'binders' && el.length === 6 && r[5] === 'type' && value?.trim() === 'kafka') return { type: 'kafka-binder' };
    if (r[3] === 'defaultbinder' && el.length === 4 && value?.trim() === 'kafka') return { type: 'kafka-binder' };
  }
  return undefined;
}

/**
 * The idempotence and delivery settings: a dropped one leaves the producer with other delivery semantics than the
 * file says. Also those a user may write straight under spring.cloud.stream.kafka.bindings.<binding>.producer, where
 * KafkaProducerProperties has no property of that name (its own: buffer-size, compression-type, sync, batch-timeout,
 * configuration, topic, transaction-manager, close-timeout...): dropped.
 */
export const DELIVERY_KEYS: ReadonlySet<string> = new Set([
  K.acks,
  K.retries,
  K.idempotence,
  K.inFlight,
  K.transactionalId,
  K.deliveryTimeout,
]);

/** The producer keys the Java verdict reads, in a spelling Boot may bind to them (`REQUEST.TIMEOUT.MS`): case, `-`, `_` ignored. */
const flatKey = (k: string) => relaxed(k).replace(/[[\]]/g, '');
const VERDICT_KEYS: ReadonlySet<string> = new Set(Object.values(K).map(flatKey));

/** Kafka Streams settings that the message-channel binder's configuration map drops (it copies only ProducerConfig / ConsumerConfig keys). */
const STREAMS_ONLY_KEYS: ReadonlySet<string> = new Set(['processing.guarantee']);

/** Where the Kafka Streams binder reads its configuration map. */
export const SCS_STREAMS_CONFIGURATION = 'spring.cloud.stream.kafka.streams.binder.configuration';

const producerish = (key: string) => PRODUCER_ONLY_KEYS.has(key) || IDEMPOTENCE_KEYS.has(key);

function bootEvidence(cs: Classified[]): boolean {
  return cs.some(
    ({ role }) =>
      role !== undefined &&
      // (retries in the common map too: only producers and the admin client read it, and Boot gives it to both)
      ((role.type === 'kafka' &&
        role.scope === 'boot' &&
        (role.level >= LEVEL.producerDedicated || producerish(role.key) || role.key === K.retries)) ||
        (role.type === 'txn' && role.scope === 'boot') ||
        role.type === 'unbound'),
  );
}

function scsEvidence(cs: Classified[]): boolean {
  return (
    bootEvidence(cs) ||
    cs.some(
      ({ role }) =>
        role !== undefined &&
        ((role.type === 'kafka' && role.scope === 'scs' && (role.level !== LEVEL.scsConfiguration || producerish(role.key))) ||
          (role.type === 'txn' && role.scope === 'scs') ||
          role.type === 'producer-binding' ||
          role.type === 'scs-ignored'),
    )
  );
}

const inScope = (role: Role | undefined, scope: Scope): role is Extract<Role, { type: 'kafka' | 'txn' }> =>
  role !== undefined &&
  (role.type === 'kafka' || role.type === 'txn') &&
  (role.scope === scope || (scope === 'scs' && role.type === 'kafka'));

interface LevelItem extends BlockItem {
  level: number;
  src: SourceEntry;
  txn: boolean;
}

/** Values compared the way the client reads them (trimmed; acks `all` = `-1`). */
function sameValue(key: string, a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  if (key === K.acks) {
    const pa = parseJavaAcks(x);
    const pb = parseJavaAcks(y);
    if (pa !== undefined && pb !== undefined) return pa === pb;
  }
  if (key === K.idempotence) return x.toLowerCase() === y.toLowerCase();
  return x === y;
}

const SNAKEYAML_BOOL = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

export class SpringBlockWriter implements BlockWriter {
  constructor(
    private readonly editor: SourceEditor,
    private readonly items: LevelItem[],
    private readonly scope: Scope,
    private readonly targetDoc: number,
    private readonly ownDocs: ReadonlySet<number>,
    private readonly docOf: (e: Entry) => number,
  ) {}

  /** Where a key is written when it is added (at `level` when given: an override must sit at the winner's level). */
  pathFor(key: string, level?: number): KeyPath {
    const parts = key.split('.');
    const doc = this.targetDoc;
    const dedicated = Object.entries(PRODUCER_DEDICATED).find(([, k]) => k === key && (k === K.acks || k === K.retries));
    if (level === LEVEL.scsRequiredAcks || (level === undefined && this.scope === 'scs' && key === K.acks)) {
      return { doc, elements: ['spring', 'cloud', 'stream', 'kafka', 'binder', 'required-acks'], leafFrom: 5 };
    }
    if (level === LEVEL.scsProducerProperties || (level === undefined && this.scope === 'scs')) {
      return { doc, elements: ['spring', 'cloud', 'stream', 'kafka', 'binder', 'producer-properties', ...parts], leafFrom: 6 };
    }
    if (level === LEVEL.scsConfiguration)
      return { doc, elements: ['spring', 'cloud', 'stream', 'kafka', 'binder', 'configuration', ...parts], leafFrom: 6 };
    if (level === LEVEL.commonMap) return { doc, elements: ['spring', 'kafka', 'properties', ...parts], leafFrom: 3 };
    if ((level === LEVEL.producerDedicated || level === undefined) && dedicated)
      return { doc, elements: ['spring', 'kafka', 'producer', key], leafFrom: 3 };
    return { doc, elements: ['spring', 'kafka', 'producer', 'properties', ...parts], leafFrom: 4 };
  }

  private user(key: string): LevelItem[] {
    return this.items.filter((i) => i.key === key);
  }

  edits(op: BlockOp): TextEdit[] | undefined {
    const edits = this.plainEdits(op);
    // the binder writes acks=1 itself (required-acks default): turning idempotence on needs acks=all too
    if (
      edits &&
      this.scope === 'scs' &&
      op.op === 'set' &&
      op.key === K.idempotence &&
      op.value.trim().toLowerCase() === 'true' &&
      this.user(K.acks).length === 0
    ) {
      const acks = this.editor.insert(this.pathFor(K.acks), 'all');
      if (!acks) return undefined;
      return mergeInsertions([...edits, ...acks]);
    }
    return edits;
  }

  private plainEdits(op: BlockOp): TextEdit[] | undefined {
    const mine = this.user(op.key);
    if (op.op === 'remove')
      return removeEntries(
        this.editor,
        mine.map((i) => i.entry),
      );
    const winner = mine[mine.length - 1];
    if (winner && !winner.txn) {
      const shared = yamlMeta(winner.entry)?.viaAlias === true;
      if (this.ownDocs.has(this.docOf(winner.entry)) && !shared) return this.editor.setEntry(winner.entry, op.value);
      // (a binding's configuration, set in another document: the override goes into the same binding's map here)
      if (winner.level === LEVEL.scsBinding) {
        const from = MAP_KEY_FROM[LEVEL.scsBinding];
        const elements = [...winner.src.elements.slice(0, from), ...op.key.split('.')];
        return this.editor.insert({ doc: this.targetDoc, elements, leafFrom: from }, op.value);
      }
      return this.editor.insert(this.pathFor(op.key, winner.level), op.value);
    }
    return this.editor.insert(this.pathFor(op.key), op.value);
  }

  describe(op: BlockOp): string {
    const winner = this.user(op.key)
      .filter((i) => !i.txn)
      .pop();
    const name = winner ? winner.src.name : pathKey(this.pathFor(op.key));
    return op.op === 'set' ? `${name}=${op.value}` : `remove ${name}`;
  }
}

/**
 * Insertions at the same offset become one edit (in order), so the fix stays unambiguous; in YAML
 * the parent maps both create are written once (no duplicate `binder:` key).
 */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.span.start === o.span.end && e.span.start === e.span.end && o.span.start === e.span.start);
    if (same) same.newText = mergeInsertedLines(same.newText, e.newText) ?? same.newText + e.newText;
    else out.push({ ...e });
  }
  return out;
}

/**
 * Every role but activation and producer bindings (one of which `detectSpring` needs) lives
 * under a relaxed `spring.kafka` or `spring.cloud.stream.kafka`, or is a binder whose type is `kafka`.
 */
export const SPRING_TRIGGERS: readonly Trigger[] = [{ words: ['kafka'], relaxed: true }];

export function detectSpring(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc } = ctx;
  if (doc.format !== 'properties' && doc.format !== 'yaml') return undefined;
  if (ctx.forcedClient === 'librdkafka') return undefined;
  const view = sourceView(doc);
  if (!view) return undefined;
  return springBlocks(ctx, view);
}

/**
 * The Spring blocks of a view whose entry elements are Spring property names. `placement` names the
 * block when the properties come from elsewhere than a Spring config file (environment variables):
 * then profiles and the generic maps of the file are not looked at.
 */
export function springBlocks(
  ctx: DetectContext,
  view: SourceView,
  placement?: { name: string; evidence: string },
): ProducerBlock[] | undefined {
  const { input } = ctx;
  // only entries with a role: `classify` turns away every name whose first element is not a relaxed `spring`
  const classified: Classified[] = [];
  for (const s of view.entries) {
    const head = s.head;
    if (head === undefined || !SPRING_HEAD.test(head)) continue;
    const role = classify(s.elements, s.entry.value);
    if (role) classified.push({ s, role });
  }
  if (
    !classified.some(
      (c) => c.role && c.role.type !== 'activation' && c.role.type !== 'producer-binding' && c.role.type !== 'legacy-processing',
    )
  )
    return undefined;
  const scope: Scope = classified.some(
    (c) =>
      c.role &&
      (c.role.type === 'scs' ||
        c.role.type === 'scs-ignored' ||
        c.role.type === 'kafka-binder' ||
        ((c.role.type === 'kafka' || c.role.type === 'txn') && c.role.scope === 'scs')),
  )
    ? 'scs'
    : 'boot';
  const evidence = scope === 'scs' ? scsEvidence : bootEvidence;

  // documents and their activation
  const { activation, baseDocs, fileProfile } = springDocuments(view, placement ? undefined : input.fileName);
  const base = classified.filter((c) => !activation.has(c.s.doc));
  const blocks: ProducerBlock[] = [];
  const scopeName = placement?.name ?? (scope === 'scs' ? 'Spring Cloud Stream Kafka binder' : 'Spring Boot producer');
  if (evidence(base)) {
    const scoped = base.filter((c) => inScope(c.role, scope));
    const target = scoped.length > 0 ? scoped[scoped.length - 1].s.doc : ([...baseDocs][0] ?? 0);
    const block = buildBlock(ctx, view, base, baseDocs, fileProfile ? `profile '${fileProfile}'` : scopeName, scope, target);
    if (fileProfile) block.profile = fileProfile;
    blocks.push(block);
    if (scope === 'scs')
      blocks.push(...scsBindingBlocks(ctx, view, base, baseDocs, fileProfile ? `profile '${fileProfile}'` : undefined, fileProfile));
  }
  const activated = [...activation].sort((a, b) => a[0] - b[0]);
  for (const [d, label] of activated) {
    const own = classified.filter((c) => c.s.doc === d);
    // (a profile document that only changes a key the verdict reads, e.g. request.timeout.ms in a map consumers read
    // too, still changes the producer the default documents make)
    const judged = (c: Classified) => c.role?.type === 'kafka' && inScope(c.role, scope) && VERDICT_KEYS.has(flatKey(c.role.key));
    if (!evidence(own) && !(evidence(base) && own.some(judged))) continue;
    const name = fileProfile ? `profile '${fileProfile}', ${label}` : label;
    const block = buildBlock(ctx, view, [...base, ...own], new Set([d]), name, scope, d);
    block.profile = name;
    blocks.push(block);
    if (scope === 'scs') blocks.push(...scsBindingBlocks(ctx, view, [...base, ...own], new Set([d]), name, name, d));
  }
  if (placement) {
    for (const b of blocks) b.evidence = `${placement.evidence}; ${b.evidence}`;
    return blocks;
  }
  legacyProfiles(ctx, classified, blocks);
  // raw producer maps elsewhere in the file (e.g. `app.kafka.producer.*`), merged per profile as Spring merges them
  blocks.push(...profiledGenericBlocks(ctx, view, { activation, baseDocs, fileProfile }));
  return blocks;
}

/**
 * A non-transactional binder gives a binding with its own producer.configuration a producer of its own: a block per
 * binding the entries configure (in a profile, the profile's document merged over the default ones, its fixes
 * written there: `target`), named after the profile when there is one.
 */
function scsBindingBlocks(
  ctx: DetectContext,
  view: SourceView,
  ents: Classified[],
  ownDocs: Set<number>,
  prefix: string | undefined,
  profile: string | undefined,
  target?: number,
): ProducerBlock[] {
  if (scsTransactional(ents)) return [];
  const names = [...new Set(ents.flatMap((c) => (c.role?.type === 'kafka' && c.role.binding !== undefined ? [c.role.binding] : [])))];
  return names.map((b) => {
    const own = ents.filter((c) => c.role?.type === 'kafka' && c.role.binding === b);
    const name = prefix ? `${prefix}, binding '${b}'` : `binding '${b}'`;
    const block = buildBlock(ctx, view, ents, ownDocs, name, 'scs', target ?? own[own.length - 1].s.doc, b);
    if (profile) block.profile = profile;
    return block;
  });
}

/** The Spring Boot release the settings name (detected from the build files), or the newest when unknown, with a label for messages. */
export function springBootRelease(settings: DetectContext['settings']): { version: Version | undefined; label: string } {
  const v = settings.springBootVersion === undefined ? undefined : parseVersion(settings.springBootVersion);
  if (!v || v.label === 'latest') return { version: undefined, label: 'Spring Boot version unknown, judged as the newest' };
  return {
    version: v,
    label: `Spring Boot ${v.label}${settings.springBootVersionSource ? `, from ${settings.springBootVersionSource}` : ''}`,
  };
}

const LEGACY_PROFILES_MESSAGE = "Property 'spring.profiles' is invalid and should be replaced with 'spring.config.activate.on-profile'";

/**
 * The legacy `spring.profiles` in a config file, by Spring Boot release:
 * - before 2.4 it is the profile syntax (the legacy ConfigFileApplicationListener): nothing to say, the document
 *   is a profile document;
 * - 2.4 – 2.7 still activate the document by it (ConfigDataProperties.withLegacyProfiles) and log a WARN, but
 *   refuse a document that also sets `spring.config.activate.on-profile` (InvalidConfigDataPropertyException);
 *   `spring.config.use-legacy-processing=true` turns the old processing back on;
 * - 3.0 and later stop the application with InvalidConfigDataPropertyException (throwIfPropertyFound checks every
 *   imported document, active or not), so no profile's producer is ever created. An unknown Boot release is judged
 *   as the newest.
 */
function legacyProfiles(ctx: DetectContext, classified: Classified[], blocks: ProducerBlock[]): void {
  const legacy = classified.filter((c) => c.role?.type === 'activation' && relaxed(c.s.elements[1]) === 'profiles');
  if (legacy.length === 0 || blocks.length === 0) return;
  const boot = springBootRelease(ctx.settings);
  const v = boot.version;
  let culprit: Classified | undefined;
  let refused: SpringLegacyProfilesFact['refused'];
  if (v && compareVersion(v, { major: 2, minor: 4, patch: 0 }) < 0) return;
  if (v && compareVersion(v, { major: 3, minor: 0, patch: 0 }) < 0) {
    // 2.4 – 2.7: refused only next to spring.config.activate.on-profile in the same document (not under legacy processing)
    const legacyProcessing = classified.some((c) => c.role?.type === 'legacy-processing');
    if (legacyProcessing) return;
    culprit = legacy.find((l) =>
      classified.some(
        (c) =>
          c.s.doc === l.s.doc &&
          c.role?.type === 'activation' &&
          relaxed(c.s.elements[1]) === 'config' &&
          relaxed(c.s.elements[3] ?? '') === 'onprofile',
      ),
    );
    if (!culprit) return;
    refused = 'next-to-on-profile';
  } else {
    culprit = legacy[0];
    refused = 'anywhere';
  }
  for (const b of blocks) b.frameworkRefusal = { key: 'spring.profiles', message: LEGACY_PROFILES_MESSAGE };
  (blocks[0].facts ??= []).push({
    kind: 'spring-legacy-profiles',
    source: culprit.s,
    boot: boot.label,
    refused,
    exception: LEGACY_PROFILES_MESSAGE,
  });
}

const uniformName = (n: string) => n.toLowerCase().replace(/[-_]/g, '');

/** A function's output binding name (`orders-out-0`), in the spellings with the same uniform form (`ordersOut-0`, `orders_out_0`, `ORDERS_OUT_0`). */
const OUTPUT_BINDING = /(?:[-_](?:out|OUT)|Out)[-_]?\d+$/;

/** The binder's transaction prefix has text (KafkaMessageChannelBinder.onInit: StringUtils.hasText): every binding uses the transactional producer. */
function scsTransactional(ents: Classified[]): boolean {
  const prefixes = ents.filter((c) => c.role?.type === 'txn' && c.role.scope === 'scs');
  const last = prefixes[prefixes.length - 1];
  return last !== undefined && (last.s.entry.value === undefined || last.s.entry.value.trim() !== '');
}

/** The binder's required-acks default: `1` through binder 5.0.1, `all` from 5.0.2 (the newest when the version is unknown). */
export function binderRequiredAcksDefault(settings: DetectContext['settings']): { value: string; label: string } {
  const v = settings.springCloudStreamBinderVersion === undefined ? undefined : parseVersion(settings.springCloudStreamBinderVersion);
  const src = settings.springCloudStreamBinderVersionSource ? `, from ${settings.springCloudStreamBinderVersionSource}` : '';
  if (!v || v.label === 'latest')
    return { value: 'all', label: 'binder version unknown, judged as the newest (5.0.2 and later default required-acks to all)' };
  const old = compareVersion(v, { major: 5, minor: 0, patch: 2 }) < 0;
  return { value: old ? '1' : 'all', label: `binder ${v.label}${src}` };
}

function buildBlock(
  ctx: DetectContext,
  view: SourceView,
  all: Classified[],
  ownDocs: Set<number>,
  name: string,
  scope: Scope,
  targetDoc: number,
  binding?: string,
): ProducerBlock {
  const facts: BlockFact[] = [];
  const transactional = scope === 'scs' && scsTransactional(all);
  const ents = producerEntries(all, scope, transactional, binding);
  const items = levelItems(ctx, view, ents, scope, ownDocs, facts);
  const refusal = bindDedicatedRetries(items, ownDocs, facts);
  const { injected, binderAcks } = injectedValues(ctx, items, scope);

  duplicateFacts(items, ownDocs, view, facts);
  unboundFacts(ents, items, ownDocs, view, facts);
  if (scope === 'scs' && binding === undefined) scsIgnoredFacts(all, ents, items, ownDocs, transactional, facts);

  const writer = new SpringBlockWriter(view.editor, items, scope, targetDoc, ownDocs, view.docOf);
  const block = makeBlock(
    {
      name,
      dialect: scope === 'scs' ? 'spring-cloud-stream' : 'spring-boot',
      client: 'java',
      items: items.map(({ key, entry, reader }) => (reader ? { key, entry, reader } : { key, entry })),
      writer,
      evidence:
        scope === 'scs'
          ? "a Spring Cloud Stream Kafka binder producer (spring.cloud.stream.kafka.*), built from Spring Boot's producer properties and the binder's own" +
            (items.some((i) => i.key === K.acks)
              ? ''
              : `. No acks is configured: the binder puts its required-acks default acks=${binderAcks!.value} into the producer config (${binderAcks!.label}; 1 through binder 5.0.1, all from 5.0.2)`)
          : 'a Spring Boot producer (spring.kafka.producer.* / spring.kafka.properties.*), as KafkaProperties.buildProducerProperties builds it',
      injected,
      anchor: anchorEntry(all, ents, ownDocs, scope, binding).keySpan,
    },
    ctx.lines,
  );
  // the transactional.id of a prefix is the prefix plus a counter: say where it comes from
  const t = block.values.get(K.transactionalId);
  const tItem = items.filter((i) => i.key === K.transactionalId).pop();
  if (t && tItem?.txn) t.origin = `${tItem.src.name}, line ${ctx.lines.lineOf(tItem.entry.keySpan.start) + 1}`;
  // a binding's block reports what concerns its own configuration; the shared entries are the binder block's
  block.facts = binding === undefined ? facts : facts.filter((f) => factEntries(f).some((e) => ownBindingEntry(ents, binding, e)));
  if (refusal) block.frameworkRefusal = refusal;
  return block;
}

/** The entries a Spring fact is about. */
function factEntries(f: BlockFact): Entry[] {
  switch (f.kind) {
    case 'spring-duplicate-key':
      return [f.shadowed.entry, f.winner.entry];
    case 'spring-unbound-key':
      return [f.source.entry];
    case 'spring-unconvertible-retries':
    case 'yaml-11-boolean':
      return [f.entry];
    default:
      return [];
  }
}

/** Whether the entry (as written, or a copy read differently) is in the binding's own producer configuration. */
function ownBindingEntry(ents: Classified[], binding: string, e: Entry): boolean {
  return ents.some((c) => c.role?.type === 'kafka' && c.role.binding === binding && c.s.entry.keySpan.start === e.keySpan.start);
}

/**
 * The entries the block's producer reads: a transactional binder's producer uses transaction.producer.configuration
 * and no binding's configuration; a binding's uses its own configuration; a blank binder prefix is no transaction.
 */
function producerEntries(all: Classified[], scope: Scope, transactional: boolean, binding: string | undefined): Classified[] {
  if (scope !== 'scs') return all;
  return all.filter((c) => {
    const role = c.role;
    if (role?.type === 'txn' && role.scope === 'scs') return transactional;
    if (role?.type !== 'kafka') return true;
    if (role.level === LEVEL.scsTxProducer) return transactional;
    // (a binding's map entry is bound from every spelling of its name with the same uniform form: orders-out-0,
    // ordersOut-0; a spelling alone makes a map entry of its own, which the binding named orders-out-0 does not read)
    if (role.level === LEVEL.scsBinding)
      return !transactional && binding !== undefined && uniformName(role.binding!) === uniformName(binding);
    return true;
  });
}

/** The producer keys of the entries in scope, each at its level, lowest first, read as Spring binds them. */
function levelItems(
  ctx: DetectContext,
  view: SourceView,
  ents: Classified[],
  scope: Scope,
  ownDocs: Set<number>,
  facts: BlockFact[],
): LevelItem[] {
  const text = ctx.doc.text;
  const items: LevelItem[] = [];
  for (const c of ents) {
    const role = c.role;
    if (!inScope(role, scope)) continue;
    let entry = withPlaceholder(c.s.entry, text, 'spring');
    if (role.type === 'txn') {
      // the producer's transactional.id is the prefix plus a counter: never empty, even for an empty prefix
      // (the text stays for readers that need the prefix itself; the id is not known statically)
      if (entry.value !== undefined && entry.value.trim() === '') entry = { ...entry, kind: 'unknown' };
      items.push({ key: K.transactionalId, entry, level: LEVEL.transaction, src: c.s, txn: true });
      continue;
    }
    if (role.key === K.idempotence && view.format === 'yaml') entry = snakeYamlBoolean(entry, text, ownDocs.has(c.s.doc), facts);
    items.push({ key: role.key, entry, level: role.level, src: c.s, txn: false });
  }
  items.sort((a, b) => a.level - b.level || a.src.order - b.src.order);
  for (const level of MAP_LEVELS) relaxedMapEntries(items, level);
  // the binder copies from binder.configuration only the keys ProducerConfig knows (mergedProducerConfiguration)
  for (const i of items)
    if (i.level === LEVEL.scsConfiguration)
      i.reader = {
        kind: 'known-keys-only',
        by: 'the Spring Cloud Stream Kafka binder, reading spring.cloud.stream.kafka.binder.configuration.*,',
      };
  return items;
}

/**
 * What Spring puts into the producer config itself: enable.idempotence=true with a transaction prefix (Spring
 * Kafka's DefaultKafkaProducerFactory); the binder's producer config starts with acks from required-acks (its
 * default by binder version) and, when the binding sets no linger.ms, its batch-timeout (default 0):
 * BindingUtils.createProducerConfigs.
 */
function injectedValues(
  ctx: DetectContext,
  items: LevelItem[],
  scope: Scope,
): { injected: Array<{ key: string; value: string; by: string }>; binderAcks: { value: string; label: string } | undefined } {
  const txn = items.filter((i) => i.key === K.transactionalId);
  const by =
    scope === 'scs' && txn.some((i) => i.txn && i.src.elements.length === 7)
      ? 'the Spring Cloud Stream Kafka binder (transaction.transaction-id-prefix)'
      : txn.some((i) => i.txn)
        ? 'Spring Kafka (transaction-id-prefix)'
        : 'Spring Kafka (a transactional.id becomes its transaction-id-prefix)';
  const injected: Array<{ key: string; value: string; by: string }> = txn.length > 0 ? [{ key: K.idempotence, value: 'true', by }] : [];
  const binderAcks = scope === 'scs' ? binderRequiredAcksDefault(ctx.settings) : undefined;
  if (binderAcks) {
    injected.push({
      key: K.acks,
      value: binderAcks.value,
      by: `the Spring Cloud Stream Kafka binder (its required-acks default, ${binderAcks.label})`,
    });
    injected.push({ key: 'linger.ms', value: '0', by: 'the Spring Cloud Stream Kafka binder (its batch-timeout default)' });
  }
  return { injected, binderAcks };
}

/** Where block-level findings go: the binding's own key, the binder's transaction prefix or producer binding, else the first producer key. */
function anchorEntry(all: Classified[], ents: Classified[], ownDocs: Set<number>, scope: Scope, binding: string | undefined): Entry {
  const own = ents.filter((c) => ownDocs.has(c.s.doc) && c.role && c.role.type !== 'activation');
  const anchorOrder: Array<(c: Classified) => boolean> =
    scope === 'scs'
      ? [(c) => c.role?.type === 'txn' && c.role.scope === 'scs', (c) => c.role?.type === 'producer-binding', (c) => inScope(c.role, scope)]
      : [(c) => inScope(c.role, scope)];
  if (binding !== undefined) anchorOrder.unshift((c) => c.role?.type === 'kafka' && c.role.binding === binding);
  let anchorOf: Classified | undefined;
  for (const pick of anchorOrder) if ((anchorOf = own.find(pick))) break;
  return (anchorOf ?? own[0] ?? ents[0] ?? all[0]).s.entry;
}

/**
 * The Map<String, String> properties Boot's Binder binds, by level, with the number of name elements before their
 * keys: Boot's own (KafkaProperties) and the binder's (KafkaBinderConfigurationProperties, and the
 * KafkaProducerProperties of its transaction producer and of each binding: @ConfigurationProperties beans too).
 */
const MAP_LEVELS: readonly number[] = [
  LEVEL.commonMap,
  LEVEL.producerMap,
  LEVEL.scsConfiguration,
  LEVEL.scsProducerProperties,
  LEVEL.scsTxProducer,
  LEVEL.scsBinding,
];
const MAP_KEY_FROM: Record<number, number> = {
  [LEVEL.commonMap]: 3, // spring.kafka.properties
  [LEVEL.producerMap]: 4, // spring.kafka.producer.properties
  [LEVEL.scsConfiguration]: 6, // spring.cloud.stream.kafka.binder.configuration
  [LEVEL.scsProducerProperties]: 6, // spring.cloud.stream.kafka.binder.producer-properties
  [LEVEL.scsTxProducer]: 8, // spring.cloud.stream.kafka.binder.transaction.producer.configuration
  [LEVEL.scsBinding]: 8, // spring.cloud.stream.kafka.bindings.<binding>.producer.configuration
};

/**
 * Boot's map binding across property sources (MapBinder, then Binder.findProperty): the map gets a key for each
 * spelling (its original form: `acks`, `Acks`), taken from the highest-precedence document that spells it (its
 * first such name); the value of that key is the property of the highest-precedence document holding any name
 * Boot deems equal (ConfigurationPropertyName.equals: non-indexed elements compared lower-cased with their
 * non-alphanumeric characters skipped, `[bracket]` ones as written). Within that document the name spelt as the
 * lookup name's `toString()` (lower-case, dashes kept) wins, else the first of the equal names in the order of the
 * HashSet that holds them (SpringIterableConfigurationPropertySource's mappings). So `properties.Acks=0` in a
 * later document gives the `acks` of an earlier one the value 0, while in one document `acks` and `Acks` stay two
 * keys. Where the value comes from another entry than the key's last spelling, an item with that entry is added
 * after the key's items of the level, so it wins. Config-file entries only (a variable's name is no Spring name).
 */
function relaxedMapEntries(items: LevelItem[], level: number): void {
  const own = items.filter(
    (i) => i.level === level && !i.txn && i.src.name.length > 0 && i.src.elements.join('.').replace(/\.\[/g, '[') === i.src.name,
  );
  if (own.length < 2) return;
  // (the elements of the map key)
  const tail = (i: LevelItem) => i.src.elements.slice(MAP_KEY_FROM[level]);
  const moves: Array<{ key: string; winner: LevelItem; value: LevelItem }> = [];
  for (const key of [...new Set(own.map((i) => i.key))]) {
    // (a key the client does not know changes nothing whatever its value)
    if (!isKnownProducerKey(key)) continue;
    const spelt = own.filter((i) => i.key === key);
    const last = spelt[spelt.length - 1];
    const name = spelt.find((i) => i.src.doc === last.src.doc)!;
    const equal = own.filter((i) => bootNamesEqual(tail(i), tail(name)));
    const doc = equal[equal.length - 1].src.doc;
    // (a name written twice in one .properties document: the last value is the property's)
    const candidates = [...new Map(equal.filter((i) => i.src.doc === doc).map((i) => [i.src.name, i])).values()];
    const wanted = dashedName(name.src.elements);
    const value = candidates.find((i) => i.src.name === wanted) ?? javaHashSetOrder(candidates, (i) => i.src.name)[0];
    const winner = items.filter((i) => i.level === level && i.key === key).pop()!;
    if (value.entry !== winner.entry) moves.push({ key, winner, value });
  }
  for (const { key, winner, value } of moves) {
    // the entry that gives the key its value moves there (`Acks` then sets acks: it is not an ignored key)
    const at = items.indexOf(value);
    if (at >= 0) items.splice(at, 1);
    items.splice(items.indexOf(winner) + 1, 0, { key, entry: value.entry, level, src: value.src, txn: false });
  }
}

/** ConfigurationPropertyName's element equality (defaultElementEquals). */
function bootNamesEqual(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let e = 0; e < a.length; e++) {
    const ia = a[e].startsWith('[') && a[e].endsWith(']');
    const ib = b[e].startsWith('[') && b[e].endsWith(']');
    const x = ia ? a[e].slice(1, -1) : a[e];
    const y = ib ? b[e].slice(1, -1) : b[e];
    const alnum = (c: string) => /^[a-z0-9]$/.test(c);
    let i = 0;
    let j = 0;
    const rest = (s: string, k: number, indexed: boolean) => !indexed && [...s.slice(k)].every((c) => !alnum(c.toLowerCase()));
    let same = true;
    while (i < x.length) {
      if (j >= y.length) {
        same = rest(x, i, ia);
        break;
      }
      const cx = ia ? x[i] : x[i].toLowerCase();
      const cy = ib ? y[j] : y[j].toLowerCase();
      if (!ia && !alnum(cx)) i++;
      else if (!ib && !alnum(cy)) j++;
      else if (cx !== cy) {
        same = false;
        break;
      } else {
        i++;
        j++;
      }
    }
    if (same && i >= x.length && j < y.length) same = rest(y, j, ib);
    if (!same) return false;
  }
  return true;
}

/** ConfigurationPropertyName.toString(): non-indexed elements lower-cased with only letters, digits and inner dashes. */
function dashedName(elements: string[]): string {
  let out = '';
  for (const el of elements) {
    if (el.startsWith('[') && el.endsWith(']')) out += el;
    else out += (out ? '.' : '') + [...el.toLowerCase()].filter((c, k) => /^[a-z0-9]$/.test(c) || (k > 0 && c === '-')).join('');
  }
  return out;
}

/** The iteration order of a java.util.HashSet<String> holding these (insertion order within a bucket). */
function javaHashSetOrder<T>(xs: T[], str: (x: T) => string): T[] {
  let capacity = 16;
  while (xs.length > capacity * 0.75) capacity *= 2;
  const bucket = (s: string) => {
    let h = 0;
    for (let k = 0; k < s.length; k++) h = (Math.imul(31, h) + s.charCodeAt(k)) | 0;
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return xs
    .map((x, k) => ({ x, k, b: bucket(str(x)) }))
    .sort((p, q) => p.b - q.b || p.k - q.k)
    .map((p) => p.x);
}

/**
 * `spring.kafka.producer.retries` is an Integer property: Boot converts the text (Spring's NumberUtils:
 * every white space removed, `0x`/`#` hexadecimal, else Integer.valueOf; an empty text binds null) and the
 * producer gets the Integer. A text that does not convert stops the application before any producer exists.
 * The winning item's value becomes the bound number (or the item goes, for an empty text).
 */
function bindDedicatedRetries(items: LevelItem[], ownDocs: Set<number>, facts: BlockFact[]): { key: string; message: string } | undefined {
  const dedicated = items.filter((i) => i.level === LEVEL.producerDedicated && i.key === K.retries);
  const winner = dedicated[dedicated.length - 1];
  if (!winner || winner.entry.value === undefined || winner.entry.kind === 'unknown' || winner.entry.kind === 'placeholder')
    return undefined;
  const n = springInteger(winner.entry.value);
  if (n === null) {
    // the winner binds nothing, and the property stays unset: the values it shadows do not come back
    for (const d of dedicated) items.splice(items.indexOf(d), 1);
    return undefined;
  }
  if (n !== undefined) {
    winner.entry = { ...winner.entry, value: String(n), kind: 'number' };
    return undefined;
  }
  const message = "Failed to bind properties under 'spring.kafka.producer.retries' to java.lang.Integer";
  if (ownDocs.has(winner.src.doc))
    facts.push({ kind: 'spring-unconvertible-retries', entry: winner.entry, value: winner.entry.value, exception: message });
  return { key: 'spring.kafka.producer.retries', message };
}

/** Spring's String → Integer conversion (StringToNumberConverterFactory → NumberUtils.parseNumber); null for an empty text, undefined when it fails. */
export function springInteger(text: string): number | null | undefined {
  if (text === '') return null;
  const t = text.replace(/\s/g, '');
  const m = /^([-+]?)(?:0[xX]|#)([0-9a-fA-F]+)$/.exec(t);
  const n = m ? Number.parseInt(m[1] + m[2], 16) : /^[-+]?\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isInteger(n) || n > 2147483647 || n < -2147483648) return undefined;
  return n === 0 ? 0 : n;
}

/** `enable.idempotence: yes` binds as true in Spring Boot (SnakeYAML reads YAML 1.1), but not everywhere. */
function snakeYamlBoolean(entry: Entry, text: string, own: boolean, facts: BlockFact[]): Entry {
  const meta = yamlMeta(entry);
  if (meta?.yaml11Boolean === undefined || entry.kind !== 'string') return entry;
  const word = text.slice(entry.valueSpan.start, entry.valueSpan.end);
  if (!SNAKEYAML_BOOL.test(word)) return entry; // `y`/`n`: strings for SnakeYAML too; enable-idempotence-invalid-boolean reports them
  const b = meta.yaml11Boolean;
  if (own) facts.push({ kind: 'yaml-11-boolean', entry, word, value: b, reader: 'spring-boot' });
  return { ...entry, value: String(b), kind: 'boolean' };
}

/** Every producer key set at two levels with different values, where the lower one or the winner is in an own document. */
function duplicateFacts(items: LevelItem[], ownDocs: Set<number>, view: SourceView, facts: BlockFact[]): void {
  const byKey = new Map<string, LevelItem[]>();
  for (const i of items) if (!i.txn) byKey.set(i.key, [...(byKey.get(i.key) ?? []), i]);
  for (const [key, list] of byKey) {
    const winner = list[list.length - 1];
    // a binding's own configuration overrides the binder's for that binding only: the binder's value still applies to the others
    if (winner.entry.value === undefined || winner.level === LEVEL.scsBinding) continue;
    for (const lower of list) {
      if (lower.level >= winner.level || lower.entry.value === undefined) continue;
      if (sameValue(key, lower.entry.value, winner.entry.value)) continue;
      if (!ownDocs.has(lower.src.doc) && !ownDocs.has(winner.src.doc)) continue;
      facts.push({
        kind: 'spring-duplicate-key',
        key,
        shadowed: { name: lower.src.name, entry: lower.entry, level: LEVEL_LABEL[lower.level], value: lower.entry.value.trim() },
        winner: { name: winner.src.name, entry: winner.entry, level: LEVEL_LABEL[winner.level], value: winner.entry.value.trim() },
        above: list.filter((i) => i.level > lower.level).map((i) => i.entry),
        view,
      });
    }
  }
}

/** Keys under spring.kafka.producer that Boot does not bind, in an own document, when the Kafka key they mean is known. */
function unboundFacts(ents: Classified[], items: LevelItem[], ownDocs: Set<number>, view: SourceView, facts: BlockFact[]): void {
  for (const c of ents) {
    const role = c.role;
    if (role?.type !== 'unbound' || !role.suggestion || !ownDocs.has(c.s.doc)) continue;
    const meant = role.suggestion;
    facts.push({ kind: 'spring-unbound-key', source: c.s, meant, alreadySet: items.some((i) => i.key === meant && !i.txn), view });
  }
}

/**
 * Keys the Spring Cloud Stream Kafka binder never uses although they look like producer settings
 * (`spring-cloud-stream-ignored-key`):
 * - `bindings.<binding>.transaction.*` / `bindings.<binding>.producer.transaction…`: KafkaBindingProperties has only
 *   `consumer` and `producer`, and KafkaProducerProperties no transaction settings; Boot ignores unknown keys there,
 *   so the binding is not transactional (transactions are binder-wide: `binder.transaction.transaction-id-prefix`);
 * - a delivery setting straight under `bindings.<binding>.producer.` (`acks`, `enable-idempotence`...): not a
 *   KafkaProducerProperties property; the binding's producer map is `producer.configuration`;
 * - a Kafka Streams setting (`processing.guarantee`) in `binder.configuration`: the message-channel binder copies only
 *   the keys ProducerConfig and ConsumerConfig know, and the Kafka Streams binder reads
 *   `spring.cloud.stream.kafka.streams.binder.configuration`.
 */
function scsIgnoredFacts(
  all: Classified[],
  ents: Classified[],
  items: LevelItem[],
  ownDocs: Set<number>,
  transactional: boolean,
  facts: BlockFact[],
): void {
  const prefix = all.filter((c) => c.role?.type === 'txn' && c.role.scope === 'scs').pop();
  for (const c of ents) {
    const role = c.role;
    if (role?.type !== 'scs-ignored' || !ownDocs.has(c.s.doc)) continue;
    if (role.kind === 'transaction') {
      facts.push({
        kind: 'scs-binding-transaction-key',
        source: c.s,
        binding: role.binding,
        transactional,
        ...(prefix ? { prefix: prefix.s } : {}),
      });
      continue;
    }
    const bindingSetsIt = items.some(
      (i) => i.level === LEVEL.scsBinding && i.key === role.meant && uniformName(i.src.elements[5] ?? '') === uniformName(role.binding),
    );
    const { binding, tail, meant } = role;
    facts.push({ kind: 'scs-binding-producer-key', source: c.s, binding, tail, meant, transactional, bindingSetsIt });
  }
  // a Kafka Streams setting in the message-channel binder's configuration map
  for (const i of items) {
    if (i.level !== LEVEL.scsConfiguration || !STREAMS_ONLY_KEYS.has(i.key) || !ownDocs.has(i.src.doc)) continue;
    const streamsKey = `${SCS_STREAMS_CONFIGURATION}.${i.key}`;
    const streamsKeyWritten = all.some((c) => c.s.name.toLowerCase() === streamsKey);
    facts.push({ kind: 'scs-streams-key-in-binder-configuration', source: i.src, entry: i.entry, key: i.key, streamsKeyWritten });
  }
}

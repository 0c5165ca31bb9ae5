/**
 * Kafka Streams (`StreamsConfig`), in `.properties` and YAML (reference catalogue §2.2, §3):
 *
 * - recognised by `processing.guarantee`, or by `application.id` together with a key only
 *   Streams has (`num.stream.threads`, `default.key.serde`, `state.dir`...); Quarkus'
 *   `kafka-streams.*` pass-through keys are the same config under that prefix;
 * - producer keys come unprefixed (`acks`, shared by every client Streams builds) or with
 *   the `producer.` prefix; the prefixed one wins (`StreamsConfig.getClientPropsWithPrefix`);
 * - `processing.guarantee=exactly_once_v2` (and, up to 3.9, the deprecated `exactly_once`
 *   / `exactly_once_beta`) makes Streams put `enable.idempotence=true` and its own
 *   `transactional.id` into the producer config, whatever the user wrote
 *   (`PRODUCER_EOS_OVERRIDES`, `NON_CONFIGURABLE_PRODUCER_EOS_CONFIGS`): idempotence is explicit,
 *   so a conflicting acks or retries makes the producer refuse to start (R-S3 through the
 *   Java rules); user values for these two keys are ignored with a WARN (R-S1);
 *   `delivery.timeout.ms` defaults to Integer.MAX_VALUE and `transaction.timeout.ms` to 10000;
 * - under EOS `max.in.flight.requests.per.connection` above 5 is refused by Streams itself
 *   before the producer is built (R-S2); the deprecated EOS values warn on 3.x and are
 *   rejected by 4.x (R-S4).
 */
import type { BlockExtra, BlockOp, BlockWriter, Entry, ProducerBlock, TextEdit, Version } from '../types';
import type { StreamsFact, StreamsGuarantee } from '../facts';
import type { DetectContext } from './index';
import { makeBlock } from './block';
import { sourceView, type SourceEntry, labelOrigins } from './source';
import { withPlaceholder } from './placeholder';
import { type SourceEditor, removeEntries } from '../formats/editor';
import { INT_MAX, K, isKnownProducerKey, javaTrim } from '../clients/java/config';
import { parseVersion, LATEST_KAFKA_CLIENTS } from '../version';

/** Keys only `StreamsConfig` defines (no client has them). */
export const STREAMS_ONLY_KEYS = new Set<string>([
  'processing.guarantee',
  'num.stream.threads',
  'default.key.serde',
  'default.value.serde',
  'state.dir',
  'commit.interval.ms',
  'topology.optimization',
  'num.standby.replicas',
  'cache.max.bytes.buffering',
  'statestore.cache.max.bytes',
  'default.deserialization.exception.handler',
  'deserialization.exception.handler',
  'default.production.exception.handler',
  'production.exception.handler',
  'default.timestamp.extractor',
  'application.server',
  'replication.factor',
  'max.task.idle.ms',
  'upgrade.from',
  'rocksdb.config.setter',
  'default.dsl.store',
  'dsl.store.suppliers.class',
  'task.timeout.ms',
  'acceptable.recovery.lag',
  'max.warmup.replicas',
  'probing.rebalance.interval.ms',
  'buffered.records.per.partition',
  'windowstore.changelog.additional.retention.ms',
]);

export const EOS_VALUES = ['exactly_once_v2', 'exactly_once', 'exactly_once_beta'];

export interface StreamsExtra {
  kind: 'streams';
  /** processing.guarantee as Streams reads it (trimmed), when known. */
  guarantee?: string;
  /** Whether Streams runs with exactly-once (and so injects idempotence) for this version. */
  eos: boolean;
}

interface StreamsItem {
  key: string;
  entry: Entry;
  src: SourceEntry;
  /** 1 unprefixed, 2 `producer.`-prefixed. */
  level: number;
}

/** Writes producer keys that sit under a prefix (`producer.`, `producer.override.`...); the last item of a key wins. */
export class PrefixedBlockWriter implements BlockWriter {
  /** @param insertPrefix where a key that is not written yet goes (e.g. `['producer']`) */
  constructor(
    private readonly editor: SourceEditor,
    private readonly items: Array<{ key: string; entry: Entry; src: SourceEntry }>,
    private readonly insertPrefix: string[],
    private readonly doc: number,
  ) {}

  edits(op: BlockOp): TextEdit[] | undefined {
    const mine = this.items.filter((i) => i.key === op.key);
    if (op.op === 'remove')
      return removeEntries(
        this.editor,
        mine.map((i) => i.entry),
      );
    const winner = mine[mine.length - 1];
    if (winner) return this.editor.setEntry(winner.entry, op.value);
    return this.editor.insert(
      { doc: this.doc, elements: [...this.insertPrefix, ...op.key.split('.')], leafFrom: this.insertPrefix.length },
      op.value,
    );
  }

  describe(op: BlockOp): string {
    const winner = this.items.filter((i) => i.key === op.key).pop();
    const name = winner ? winner.src.name : [...this.insertPrefix, op.key].join('.');
    return op.op === 'set' ? `${name}=${op.value}` : `remove ${name}`;
  }
}

/** The prefix (`''` or `kafka-streams`) under which a Streams config sits, if any. */
function streamsBase(entries: SourceEntry[]): { base: string[]; rel: Array<{ s: SourceEntry; key: string }> } | undefined {
  for (const base of [['kafka-streams'], []]) {
    // the keys relative to the base: decide first, build the list only for the base that is taken
    const keyOf = (s: SourceEntry) =>
      // without brackets the elements are the name's dot-separated words: joined again they are the name
      base.length === 0 && !s.name.includes('[') ? s.name : s.elements.slice(base.length).join('.');
    let any = false;
    let guarantee = false;
    let appId = false;
    let streamsOnly = false;
    for (const s of entries) {
      if (base.length > 0 && s.head !== base[0]) continue;
      any = true;
      const key = keyOf(s);
      if (key === 'processing.guarantee') guarantee = true;
      else if (key === 'application.id') appId = true;
      if (STREAMS_ONLY_KEYS.has(key)) streamsOnly = true;
    }
    if (!any) continue;
    const quarkus = base.length > 0 && entries.some((s) => s.name.startsWith('quarkus.kafka-streams.'));
    if (guarantee || (appId && streamsOnly) || quarkus) {
      const rel: Array<{ s: SourceEntry; key: string }> = [];
      for (const s of entries) if (base.length === 0 || s.head === base[0]) rel.push({ s, key: keyOf(s) });
      return { base, rel };
    }
  }
  return undefined;
}

const versionOf = (ctx: DetectContext): Version => parseVersion(ctx.settings.kafkaClientsVersion) ?? LATEST_KAFKA_CLIENTS;

export function detectStreams(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc } = ctx;
  if (doc.format !== 'properties' && doc.format !== 'yaml') return undefined;
  if (ctx.forcedClient === 'librdkafka') return undefined;
  const view = sourceView(doc);
  if (!view) return undefined;
  const found = streamsBase(view.entries);
  if (!found) return undefined;
  const { base, rel } = found;
  const text = doc.text;
  const version = versionOf(ctx);
  const facts: StreamsFact[] = [];

  // java.util.Properties and StreamsConfig read `${...}` literally: a plain Streams .properties file is judged as written,
  // as plain producer files are; YAML and Quarkus' kafka-streams.* keys go through a framework that resolves placeholders
  const literal = doc.format === 'properties' && base.length === 0;
  const resolve = (e: Entry): Entry => (literal ? e : withPlaceholder(e, text, 'generic'));
  const { items, guaranteeEntry, appId: ownAppId } = streamsItems(rel, resolve);
  // Quarkus names the application id `quarkus.kafka-streams.application-id`
  const qid = view.entries.find((s) => s.name === 'quarkus.kafka-streams.application-id');
  const appId = ownAppId === undefined && qid?.entry.value !== undefined ? javaTrim(qid.entry.value) : ownAppId;

  const g = guaranteeEntry ? resolve(guaranteeEntry.entry) : undefined;
  const guarantee = g?.value !== undefined ? javaTrim(g.value) : undefined;
  const is4 = version.major >= 4;
  const eos = guarantee !== undefined && guarantee !== 'at_least_once' && validGuarantees(version).includes(guarantee);
  const gName = guaranteeEntry?.name ?? 'processing.guarantee';
  const exactlyOnce: StreamsGuarantee | undefined =
    eos && guarantee !== undefined ? { entry: guaranteeEntry, name: gName, value: guarantee } : undefined;

  // StreamsConfig's constructor: processing.guarantee first (ConfigDef), then the exactly-once transaction timeout
  guaranteeFacts(version, g, guarantee, facts);
  ownKeyFacts(items, is4, facts);
  if (exactlyOnce && version.major >= 3) transactionTimeoutFacts(rel, base, exactlyOnce, resolve, facts);
  if (exactlyOnce) {
    eosIgnoredFacts(items, exactlyOnce, appId, version, facts);
    eosInFlightFacts(items, exactlyOnce, facts);
  }

  const by = `Kafka Streams (${gName}=${guarantee})`;
  // StreamsConfig.PRODUCER_DEFAULT_OVERRIDES: linger.ms=100 for every producer Streams builds (user values win)
  const injected = [
    { key: K.linger, value: '100', by: 'Kafka Streams' },
    ...(eos
      ? [
          { key: K.idempotence, value: 'true', by, force: true },
          { key: K.transactionalId, value: `${appId ?? '<application.id>'}-<generated>`, by, force: true },
          { key: K.deliveryTimeout, value: String(INT_MAX), by },
          { key: K.transactionTimeout, value: '10000', by },
        ]
      : []),
  ];
  const docIdx = items.length > 0 ? view.docOf(items[items.length - 1].src.entry) : guaranteeEntry ? view.docOf(guaranteeEntry.entry) : 0;
  const name = base.length > 0 ? 'Kafka Streams (kafka-streams.*)' : 'Kafka Streams';
  const block = makeBlock(
    {
      name,
      dialect: 'kafka-streams',
      client: 'java',
      items: items.map(({ key, entry }) => ({ key, entry })),
      writer: new PrefixedBlockWriter(view.editor, items, [...base, 'producer'], docIdx),
      evidence:
        `a Kafka Streams config (${guaranteeEntry ? gName : 'application.id with Streams-only keys'}); producer keys unprefixed or with the producer. prefix (the prefixed one wins)` +
        (eos ? `; exactly-once: Streams sets enable.idempotence=true and its own transactional.id` : ''),
      injected,
      anchor: (guaranteeEntry ?? items[0]?.src ?? rel[0].s).entry.keySpan,
      extra: { kind: 'streams', guarantee, eos } satisfies StreamsExtra,
    },
    ctx.lines,
  );
  labelOrigins(block, items, ctx.lines);
  block.facts = facts;
  return [block];
}

/** The producer keys of a Streams config (unprefixed and `producer.`-prefixed, in the order the producer reads them), processing.guarantee and application.id. */
function streamsItems(
  rel: Array<{ s: SourceEntry; key: string }>,
  resolve: (e: Entry) => Entry,
): { items: StreamsItem[]; guaranteeEntry?: SourceEntry; appId?: string } {
  const items: StreamsItem[] = [];
  let guaranteeEntry: SourceEntry | undefined;
  let appId: string | undefined;
  for (const { s, key } of rel) {
    if (key === 'processing.guarantee') guaranteeEntry = s;
    if (key === 'application.id' && s.entry.value !== undefined) appId = javaTrim(s.entry.value);
    const entry = resolve(s.entry);
    if (key.startsWith('producer.') && isKnownProducerKey(key.slice('producer.'.length))) {
      items.push({ key: key.slice('producer.'.length), entry, src: s, level: 2 });
    } else if (isKnownProducerKey(key)) {
      items.push({ key, entry, src: s, level: 1 });
    }
  }
  items.sort((a, b) => a.level - b.level || a.src.order - b.src.order);
  return { items, guaranteeEntry, appId };
}

/** processing.guarantee: a value this version deprecates or refuses. */
function guaranteeFacts(version: Version, g: Entry | undefined, guarantee: string | undefined, facts: StreamsFact[]): void {
  if (!g || guarantee === undefined) return;
  const deprecated = guarantee === 'exactly_once' || guarantee === 'exactly_once_beta';
  if (deprecated && version.major >= 3) {
    // 3.x logs a WARN; 4.x's ConfigDef no longer lists the value
    const refusal = version.major >= 4 ? { key: 'processing.guarantee', message: guaranteeInvalid(guarantee, version) } : undefined;
    facts.push({ kind: 'streams-deprecated-guarantee', entry: g, guarantee, version, ...(refusal ? { refusal } : {}) });
  } else if (g.kind !== 'unknown' && !validGuarantees(version).includes(guarantee)) {
    // StreamsConfig's ConfigDef: processing.guarantee is case-sensitive, one of the version's values
    facts.push({
      kind: 'streams-invalid-guarantee',
      entry: g,
      guarantee,
      accepted: validGuarantees(version),
      version,
      refusal: { key: 'processing.guarantee', message: guaranteeInvalid(guarantee, version) },
    });
  }
}

/** retries and request.timeout.ms, which StreamsConfig parses itself. */
function ownKeyFacts(items: StreamsItem[], is4: boolean, facts: StreamsFact[]): void {
  // StreamsConfig defines retries (before 4.0) and request.timeout.ms itself: it parses the unprefixed key (INT, at least
  // 0, in that order) even when a producer.-prefixed one is what the producer gets
  const own = is4 ? [K.requestTimeout] : [K.retries, K.requestTimeout];
  for (const key of own) {
    const it = items.filter((i) => i.level === 1 && i.key === key).pop();
    if (!it || it.entry.value === undefined || it.entry.kind === 'unknown') continue;
    const raw = it.entry.value;
    const n = parseInteger(raw, INT_MAX);
    const message =
      n === undefined
        ? `Invalid value ${raw} for configuration ${key}: Not a number of type INT`
        : n < 0
          ? `Invalid value ${n} for configuration ${key}: Value must be at least 0`
          : undefined;
    if (!message) continue;
    facts.push({ kind: 'streams-own-key-invalid', key, entry: it.entry, source: it.src, refusal: { key, message } });
    // ConfigDef stops at the first value it refuses
    return;
  }
}

/** Exactly-once: the enable.idempotence and transactional.id the user wrote, which Streams ignores. */
function eosIgnoredFacts(
  items: StreamsItem[],
  guarantee: StreamsGuarantee,
  applicationId: string | undefined,
  version: Version,
  facts: StreamsFact[],
): void {
  // the producer. key wins over the unprefixed one, the last of each: only the winner is logged
  const winner = new Map<string, StreamsItem>();
  for (const i of items) winner.set(i.key, i);
  for (const i of items) {
    if (i.key !== K.idempotence && i.key !== K.transactionalId) continue;
    const w = winner.get(i.key);
    facts.push({
      kind: 'streams-eos-ignored',
      key: i.key,
      source: i.src,
      value: i.entry.value,
      ...(w && w !== i ? { winner: w.src } : {}),
      guarantee,
      applicationId,
      version,
    });
  }
}

/** Exactly-once: max.in.flight.requests.per.connection above 5, which Streams refuses. */
function eosInFlightFacts(items: StreamsItem[], guarantee: StreamsGuarantee, facts: StreamsFact[]): void {
  const inFlight = items.filter((i) => i.key === K.inFlight).pop();
  if (!inFlight || inFlight.entry.value === undefined || inFlight.entry.kind === 'unknown') return;
  const raw = inFlight.entry.value;
  const t = javaTrim(raw);
  const n = /^[+-]?\d+$/.test(t) ? Number(t) : undefined;
  const bad = n === undefined || n > INT_MAX || n < -INT_MAX - 1;
  if (!bad && n <= 5) return;
  const message = bad
    ? `Invalid value ${raw} for configuration max.in.flight.requests.per.connection: String value could not be parsed as 32-bit integer`
    : `Invalid value ${n} for configuration max.in.flight.requests.per.connection: Can't exceed 5 when exactly-once processing is enabled`;
  facts.push({
    kind: 'streams-eos-in-flight',
    entry: inFlight.entry,
    source: inFlight.src,
    guarantee,
    refusal: { key: K.inFlight, message },
  });
}

/** The values StreamsConfig accepts for processing.guarantee (3.0 added exactly_once_v2, 4.0 removed the deprecated two). */
function validGuarantees(version: Version): string[] {
  if (version.major >= 4) return ['at_least_once', 'exactly_once_v2'];
  if (version.major === 3) return ['at_least_once', 'exactly_once', 'exactly_once_beta', 'exactly_once_v2'];
  return ['at_least_once', 'exactly_once', 'exactly_once_beta'];
}

function guaranteeInvalid(value: string, version: Version): string {
  return `Invalid value ${value} for configuration processing.guarantee: String must be one of: ${validGuarantees(version).join(', ')}`;
}

export const isStreamsEos = (extra: BlockExtra | undefined): boolean => extra?.kind === 'streams' && extra.eos;

/** A Java `long`/`int` config value as Streams parses it, or undefined when it would not parse. */
function parseInteger(raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const t = javaTrim(raw);
  if (!/^[+-]?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Math.abs(n) > max ? undefined : n;
}

/**
 * R-S5: with exactly-once, Kafka Streams (3.0+, KAFKA-12499) refuses to start when the producer's
 * transaction timeout is below the commit interval. It reads only `producer.transaction.timeout.ms`
 * (else its default 10000), never the unprefixed key, and `commit.interval.ms` (default 100 under EOS).
 */
function transactionTimeoutFacts(
  rel: Array<{ s: SourceEntry; key: string }>,
  base: string[],
  guarantee: StreamsGuarantee,
  resolve: (e: Entry) => Entry,
  facts: StreamsFact[],
): void {
  const last = (k: string) => rel.filter((r) => r.key === k).pop();
  const ci = last('commit.interval.ms');
  const tt = last('producer.transaction.timeout.ms');
  const plain = last('transaction.timeout.ms');
  const ciEntry = ci ? resolve(ci.s.entry) : undefined;
  const ttEntry = tt ? resolve(tt.s.entry) : undefined;
  if ((ciEntry && ciEntry.kind === 'unknown') || (ttEntry && ttEntry.kind === 'unknown')) return;
  const commitInterval = ciEntry ? parseInteger(ciEntry.value, Number.MAX_SAFE_INTEGER) : 100;
  const timeout = ttEntry ? parseInteger(ttEntry.value, INT_MAX) : 10000;
  if (ttEntry && ttEntry.value !== undefined && timeout === undefined) {
    // StreamsConfig parses the prefixed key itself for this check (ConfigDef.parseType INT), before any producer
    const message = `Invalid value ${ttEntry.value} for configuration producer.transaction.timeout.ms: Not a number of type INT`;
    facts.push({
      kind: 'streams-txn-timeout-invalid',
      entry: ttEntry,
      base,
      commitInterval,
      guarantee,
      refusal: { key: 'producer.transaction.timeout.ms', message },
    });
    return;
  }
  if (commitInterval === undefined || timeout === undefined || !(timeout < commitInterval)) return;
  const message =
    `Transaction timeout ${timeout} was set lower than streams commit interval ${commitInterval}. ` +
    'This will cause ongoing transaction always timeout due to inactivity caused by long commit interval. Consider reconfiguring commit interval to match ' +
    "transaction timeout by tuning 'commit.interval.ms' config, or increase the transaction timeout to match commit interval by tuning " +
    '`producer.transaction.timeout.ms` config.';
  facts.push({
    kind: 'streams-txn-timeout-below-commit-interval',
    base,
    commitInterval: { value: commitInterval, entry: ciEntry, source: ci?.s },
    transactionTimeout: { value: timeout, entry: ttEntry, source: tt?.s },
    // the producer's own (unprefixed) timeout reaches the producer, not this check
    ...(plain && !tt ? { producerTimeout: { source: plain.s, value: parseInteger(plain.s.entry.value, INT_MAX) } } : {}),
    guarantee,
    refusal: { key: 'commit.interval.ms', message },
  });
}

/**
 * Quarkus / SmallRye Reactive Messaging Kafka connector (`smallrye-kafka`), in `.properties`
 * and YAML (reference catalogue R-F3, §3, §5):
 *
 * - an outgoing channel `mp.messaging.outgoing.<channel>.*` is a Kafka producer when its
 *   `connector` is `smallrye-kafka`, or when it names no connector and the file configures
 *   Kafka (`kafka.*` or `mp.messaging.connector.smallrye-kafka.*`; Quarkus attaches the only
 *   connector on the classpath). One block per channel;
 * - precedence, lowest first: the connector's `acks` default "1" (always written into the
 *   producer config: `ReactiveKafkaProducer`), global `kafka.*` (Quarkus' default Kafka
 *   config), `mp.messaging.connector.smallrye-kafka.*`, the channel's own keys;
 * - Quarkus profiles (SmallRye Config's `ProfileConfigSourceInterceptor`): `%<profile>.` in front of
 *   any of these keys, `%a,b.` for several profiles. With a profile active, its key replaces the
 *   unprefixed one whatever their order in the file, and a single-profile key beats a multi-profile
 *   one. Quarkus activates `prod` when a packaged application runs, `dev` in dev mode and `test` in
 *   tests; other profiles by `quarkus.profile`. Each profile's effective configuration is judged
 *   separately, and one profile never changes another's verdict:
 *   - the unprefixed keys are one block, the configuration of every profile that does not override
 *     the channel (`prod` too, when the file has no `%prod.` key for it); when some profiles do, the
 *     block's name says which ones it is not (`channel 'orders' (profiles other than 'prod')`);
 *   - a profile gets a block for a channel when its own keys set something the verdict reads for the
 *     channel's producer (`acks`, `enable.idempotence`, `retries`, in-flight, `transactional.id`,
 *     timeouts), or make it a Kafka channel that the unprefixed keys do not; judged as the profile
 *     merged over the unprefixed keys and named after it (a profile's own `bootstrap.servers` alone
 *     would repeat the unprefixed block's findings);
 *   - whether a channel exists and which connector it has is decided per profile: `%test.…connector=
 *     smallrye-in-memory` (a common test setup) takes the channel away from Kafka in `test` only; a
 *     channel without a connector is Kafka's when the file configures Kafka in any profile;
 *   - `application-<profile>.properties|yaml` is the profile's file: its blocks are named after it;
 * - values as the connector hands them to the producer (detect/smallryeValues.ts): an empty channel or connector
 *   key is no value (the level below shows through), an empty `kafka.*` key is `""`, a `${X}` without a default
 *   leaves the key to the environment, and a number that is no Integer becomes a Double's text;
 * - the injected acks=1 silently disables idempotence on kafka-clients 3.0.1+
 *   (`smallrye-acks-default-1`); with `enable.idempotence=true` the producer refuses to start
 *   (R-J1), with a `transactional.id` too (R-J4), through the Java rules.
 */
import { removeEntries } from '../formats/editor';
import { yamlMetaOf } from '../types';
import type { BlockOp, BlockWriter, Entry, ProducerBlock, TextEdit } from '../types';
import type { SmallRyeDottedKeyFact } from '../facts';
import type { DetectContext } from './index';
import { makeBlock } from './block';
import { sourceView, type SourceEntry, type SourceView, labelOrigins } from './source';
import { withPlaceholder } from './placeholder';
import type { SourceEditor } from '../formats/editor';
import { K, isKnownProducerKey, isMisspeltCandidate, javaTrim } from '../clients/java/config';
import { fileProfileOf } from './profiles';
import { resolveSmallRyeValues } from './smallryeValues';

export const SMALLRYE_ACKS_BY = 'the SmallRye Kafka connector (its acks attribute defaults to 1)';

export interface Item {
  key: string;
  entry: Entry;
  src: SourceEntry;
  level: number;
  /** The profile prefix as written (`dev`, `dev,test`); absent for an unprefixed key. */
  profile?: string;
  /** The profiles of the prefix (`['dev', 'test']`). */
  profiles?: string[];
  channel?: string;
  /** Not a producer config, but close to an idempotence key: only for the unknown-key rule. */
  misspelt?: boolean;
  /**
   * The key as written when SmallRye reads it under another name than `key` (`ACKS`, `max_in_flight_requests_per_connection`
   * in a channel; any spelling under `kafka.`): see `readValues`.
   */
  spelling?: string;
  /** A channel's or the connector's environment-variable spelling (`ACKS`, `enable_idempotence`): only a fallback. */
  envStyle?: boolean;
  /** A YAML key holding dots (`enable.idempotence: true` under a channel): SmallRye reads it as one quoted element, no value. */
  dotted?: { read: string; received?: string };
  /** Stands for several spellings of the key whose order SmallRye does not fix: the value is unknown. */
  ambiguous?: boolean;
}

/**
 * The connector's own attributes (`@ConnectorAttribute` names of KafkaConnector, every direction, from 2.0 to 4.x,
 * and the names ConfigurationCleaner removes), and the prefixes of its attribute families: SmallRye reads these
 * itself, so they are never reported as misspelt client keys, even where one reaches the producer unused.
 */
const SMALLRYE_ATTRIBUTES = new Set([
  'connector',
  'channel-name',
  'enabled',
  'merge',
  'broadcast',
  'topic',
  'topics',
  'pattern',
  'key',
  'partition',
  'partitions',
  'acks',
  'bootstrap.servers',
  'buffer.memory',
  'retries',
  'retry',
  'retry-attempts',
  'retry-max-wait',
  'waitforwritecompletion',
  'max-inflight-messages',
  'propagate-record-key',
  'propagate-headers',
  'close-timeout',
  'lazy-client',
  'client-id-prefix',
  'kafka-configuration',
  'tracing-enabled',
  'interceptor-bean',
  'key-serialization-failure-handler',
  'value-serialization-failure-handler',
  'key-deserialization-failure-handler',
  'value-deserialization-failure-handler',
  'fail-on-deserialization-failure',
  'failure-strategy',
  'commit-strategy',
  'graceful-shutdown',
  'poll-timeout',
  'pause-if-no-requests',
  'batch',
  'max-queue-size-factor',
  'requests',
  'assign-seek',
  'consumer-rebalance-listener.name',
  'throttled.unprocessed-record-max-age.ms',
  'health-enabled',
  'health-readiness-enabled',
  'health-readiness-timeout',
  'health-readiness-topic-verification',
  'health-topic-verification-enabled',
  'health-topic-verification-timeout',
  'health-topic-verification-startup-disabled',
  'health-topic-verification-readiness-disabled',
]);
const SMALLRYE_ATTRIBUTE_PREFIXES = [
  'cloud-events',
  'dead-letter-queue.',
  'delayed-retry-topic.',
  'checkpoint',
  'share-group',
  'ordered',
  'throttled.',
  'pooled-producer',
  'reply',
];

const isSmallRyeAttribute = (key: string) => {
  const k = key.toLowerCase();
  return SMALLRYE_ATTRIBUTES.has(k) || SMALLRYE_ATTRIBUTE_PREFIXES.some((p) => k.startsWith(p));
};

/**
 * The name a channel key reaches the producer config under (JsonHelper.extractConfigKey, SmallRye 3.x/4.x: a name
 * with `_`, or all in capitals, is lower-cased with `_` turned into `.`; 2.x lower-cased every name), and whether it
 * is a producer key there or a misspelt one. A mixed-case name whose lower case is a producer key depends on the
 * SmallRye release: left alone.
 */
function channelKey(key: string): { key: string; misspelt?: boolean; spelling?: string; envStyle?: boolean } | undefined {
  const k = key.includes('_') || key.toUpperCase() === key ? key.toLowerCase().replace(/_/g, '.') : key;
  if (isKnownProducerKey(k)) return k === key ? { key: k } : { key: k, spelling: key, envStyle: true };
  if (k !== k.toLowerCase() && isKnownProducerKey(k.toLowerCase())) return undefined;
  return !isSmallRyeAttribute(key) && isMisspeltCandidate(k) ? { key: k, misspelt: true } : undefined;
}

export interface SmallRyeExtra {
  kind: 'smallrye';
  channel: string;
  profile?: string;
}

/** Writes a channel's (or a named client's) keys: its own key (level 3, same profile) in place, else a new key under `path`. */
export class ChannelWriter implements BlockWriter {
  constructor(
    private readonly editor: SourceEditor,
    private readonly items: Item[],
    private readonly path: string[],
    private readonly profile: string | undefined,
    private readonly doc: number,
    /**
     * `nested`: a new key is written one YAML key per element (SmallRye Config reads a YAML key holding dots as one
     * element); `removable`: every item a removal takes (also spellings the value does not come from), else `items`.
     */
    private readonly opts: { nested?: boolean; removable?: Item[] } = {},
  ) {}

  edits(op: BlockOp): TextEdit[] | undefined {
    const mine = this.items.filter((i) => i.key === op.key);
    if (op.op === 'remove')
      return removeEntries(
        this.editor,
        (this.opts.removable ?? this.items).filter((i) => i.key === op.key).map((i) => i.entry),
      );
    const winner = mine[mine.length - 1];
    // the channel's own key (of this profile) is changed in place; anything else gets a channel key
    if (winner && winner.level === 3 && winner.profile === this.profile && !winner.ambiguous)
      return this.editor.setEntry(winner.entry, op.value);
    const elements = [...this.path, ...op.key.split('.')];
    return this.editor.insert({ doc: this.doc, elements, leafFrom: this.path.length, nested: this.opts.nested }, op.value);
  }

  describe(op: BlockOp): string {
    const name = [...this.path, op.key].join('.');
    return op.op === 'set' ? `${name}=${op.value}` : `remove ${name}`;
  }
}

/** The keys the rules read: a profile that sets none of them has the verdict of the unprefixed keys. */
const VERDICT_KEYS: ReadonlySet<string> = new Set(Object.values(K));

/** `%dev.` / `%dev,test.` in front of a name: the prefix and its profiles. */
function profilePrefix(first: string | undefined): { prefix: string; profiles: string[] } | undefined {
  if (!first?.startsWith('%')) return undefined;
  const prefix = first.slice(1);
  return {
    prefix,
    profiles: prefix
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
  };
}

/** How specific a key is for a profile: 2 its own (`%dev.`), 1 shared (`%dev,test.`), 0 unprefixed; -1: not for it. */
function rank(profiles: string[] | undefined, profile: string | undefined): number {
  if (profiles === undefined) return 0;
  if (profile === undefined || !profiles.includes(profile)) return -1;
  return profiles.length === 1 ? 2 : 1;
}

interface Keyed {
  profiles?: string[];
  order: number;
}

/** The entry a profile reads among those of one name (the most specific, the last of equals). */
function winner<T extends Keyed>(list: T[], profile: string | undefined): T | undefined {
  let best: T | undefined;
  let bestRank = -1;
  for (const x of list) {
    const r = rank(x.profiles, profile);
    if (r >= 0 && (r > bestRank || (r === bestRank && best !== undefined && x.order > best.order))) {
      best = x;
      bestRank = r;
    }
  }
  return best;
}

export function detectSmallRye(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc } = ctx;
  if (doc.format !== 'properties' && doc.format !== 'yaml') return undefined;
  if (ctx.forcedClient === 'librdkafka') return undefined;
  const view = sourceView(doc);
  if (!view) return undefined;
  if (!view.entries.some((s) => s.name.includes('mp.messaging.outgoing.'))) return undefined;
  const idx = indexEntries(view, doc.text);
  // a file that configures Kafka in any profile uses the Kafka connector (Quarkus' dev services often stand in
  // for `kafka.bootstrap.servers` in dev and test, so `%prod.kafka.*` alone is common)
  const kafkaConfigured = idx.kafkaKeys.length > 0;
  /** Whether the channel exists and is a Kafka channel when `profile` is active (undefined: no profile's keys). */
  const isKafka = (channel: string, profile: string | undefined) => {
    if (!(idx.channelKeys.get(channel) ?? []).some((k) => applies(k, profile))) return false;
    const c = winner(idx.connectors.get(channel) ?? [], profile)?.value;
    return c === 'smallrye-kafka' || (c === undefined && kafkaConfigured);
  };
  const profiles = [...idx.allProfiles];
  const fileProfile = fileProfileOf(ctx.input.fileName);
  // the items of all channels, and each channel's own: a channel's blocks read these two lists only
  const shared = idx.items.filter((i) => i.channel === undefined);
  const byChannel = new Map<string, Item[]>();
  for (const i of idx.items) {
    if (i.channel === undefined) continue;
    const list = byChannel.get(i.channel);
    if (list) list.push(i);
    else byChannel.set(i.channel, [i]);
  }
  const blocks: ProducerBlock[] = [];
  const reportedShared = new Set<Item>();
  for (const channel of idx.channels) {
    const channelItems = [...shared, ...(byChannel.get(channel) ?? [])];
    const kafkaByDefault = isKafka(channel, undefined);
    // the profiles with a configuration of their own for this channel's producer: one that makes it a Kafka
    // producer, or sets a key the verdict reads (a profile's own bootstrap.servers would only repeat the findings)
    const own = profiles.filter((p) => {
      if (!isKafka(channel, p)) return false;
      if (!kafkaByDefault) return (idx.channelKeys.get(channel) ?? []).some((k) => rank(k.profiles, p) > 0);
      // (a misspelt or dotted key there was meant for the verdict: the profile's block reports it)
      return channelItems.some(
        (i) => rank(i.profiles, p) > 0 && (VERDICT_KEYS.has(i.key) || i.misspelt === true || i.dotted !== undefined),
      );
    });
    // the profiles the unprefixed block does not describe: their own block, or no Kafka producer at all
    const other = profiles.filter((p) => own.includes(p) || !isKafka(channel, p));
    for (const profile of [undefined, ...own]) {
      if (profile === undefined && !kafkaByDefault) continue;
      blocks.push(channelBlock({ ctx, view, idx, channel, channelItems, other, fileProfile, reportedShared }, profile));
    }
  }
  return blocks.length > 0 ? blocks : undefined;
}

/** Whether a key is read when `profile` is active (undefined: no profile). */
function applies(x: { profiles?: string[] }, profile: string | undefined): boolean {
  return rank(x.profiles, profile) >= 0;
}

/** What a file's entries say about its channels, read in one pass. */
interface ChannelIndex {
  /** The producer keys of kafka.*, of the connector and of each channel, in file order. */
  items: Item[];
  /** Per channel, its connector keys. */
  connectors: Map<string, Array<Keyed & { value: string }>>;
  /** Per channel, the keys that name it. */
  channelKeys: Map<string, Keyed[]>;
  /** The keys that configure Kafka (any profile). */
  kafkaKeys: Keyed[];
  /** The outgoing channels, in the order they are first written. */
  channels: string[];
  /** Where each channel is first written: per profile prefix as written ('' = none), and under any prefix. */
  firstEntry: Map<string, SourceEntry>;
  firstAnyProfile: Map<string, SourceEntry>;
  allProfiles: Set<string>;
}

function indexEntries(view: SourceView, text: string): ChannelIndex {
  const idx: ChannelIndex = {
    items: [],
    connectors: new Map(),
    channelKeys: new Map(),
    kafkaKeys: [],
    channels: [],
    firstEntry: new Map(),
    firstAnyProfile: new Map(),
    allProfiles: new Set(),
  };
  const { items, connectors, channelKeys, kafkaKeys, channels, firstEntry, firstAnyProfile, allProfiles } = idx;
  const channelSet = new Set<string>();
  for (const s of view.entries) {
    let els = s.elements;
    const pp = profilePrefix(els[0]);
    if (pp) {
      if (pp.profiles.length === 0) continue;
      els = els.slice(1);
      for (const p of pp.profiles) allProfiles.add(p);
    }
    const keyed: Keyed = { profiles: pp?.profiles, order: s.order };
    const base = { entry: withPlaceholder(s.entry, text, 'spring'), src: s, ...(pp ? { profile: pp.prefix, profiles: pp.profiles } : {}) };
    // a YAML key holding dots: SmallRye Config reads it as one quoted element, so the key it means is read nowhere
    const dotted = view.format === 'yaml' ? yamlReadName(s) : undefined;
    const add = (level: number, k: ReturnType<typeof channelKey>, channel?: string) => {
      if (!k) return;
      const ch = channel !== undefined ? { channel } : {};
      if (!dotted) items.push({ ...k, ...base, level, ...ch });
      else if (!k.misspelt)
        items.push({ key: k.key, ...base, level, ...ch, dotted: { read: dotted.name, received: received(dotted.els, level, channel) } });
    };
    if (els[0] === 'kafka' && els.length > 1) {
      kafkaKeys.push(keyed);
      add(1, kafkaKey(els.slice(1).join('.')));
    } else if (els[0] === 'mp' && els[1] === 'messaging') {
      if (els[2] === 'connector' && els[3] === 'smallrye-kafka' && els.length > 4) {
        kafkaKeys.push(keyed);
        add(2, channelKey(els.slice(4).join('.')));
      } else if (els[2] === 'outgoing' && els.length > 4 && els[3] !== '') {
        const channel = els[3];
        if (!channelSet.has(channel)) {
          channelSet.add(channel);
          channels.push(channel);
        }
        channelKeys.set(channel, [...(channelKeys.get(channel) ?? []), keyed]);
        const at = `${pp ? s.elements[0] : ''}\u0000${channel}`;
        if (!firstEntry.has(at)) firstEntry.set(at, s);
        if (!firstAnyProfile.has(channel)) firstAnyProfile.set(channel, s);
        const key = els.slice(4).join('.');
        if (key === 'connector' && s.entry.value !== undefined)
          connectors.set(channel, [...(connectors.get(channel) ?? []), { ...keyed, value: javaTrim(s.entry.value) }]);
        add(3, channelKey(key), channel);
      }
    }
  }
  return idx;
}

/**
 * A `kafka.*` key as Quarkus' default Kafka map holds it (KafkaRuntimeConfigProducer: the name lower-cased, `_` turned
 * into `.`): `kafka.ACKS`, `kafka.enable_idempotence` and `kafka.Enable.Idempotence` are producer keys there.
 */
function kafkaKey(written: string): { key: string; spelling?: string } | undefined {
  const key = written.toLowerCase().replace(/_/g, '.');
  if (!isKnownProducerKey(key)) return undefined;
  return key === written ? { key } : { key, spelling: written };
}

/**
 * The name SmallRye Config's YAML source gives an entry whose path holds a key with dots (YamlConfigSource.flattenYaml
 * quotes such a key: `enable.idempotence: true` under a channel is `mp.messaging.outgoing.orders."enable.idempotence"`);
 * undefined when no key of the path holds a dot (the name is the entry's own).
 */
function yamlReadName(s: SourceEntry): { name: string; els: string[] } | undefined {
  const path = yamlMetaOf(s.entry).path;
  if (!path.some((seg) => seg.includes('.'))) return undefined;
  const els = path.map((seg) => (seg.includes('.') ? `"${seg}"` : seg));
  return { name: els.join('.'), els };
}

/** What the producer receives for a dotted YAML name at `level` (the quoted key), or undefined: no level reads it. */
function received(read: string[], level: number, channel: string | undefined): string | undefined {
  const els = read[0]?.startsWith('%') ? read.slice(1) : read;
  const under = (prefix: string[]) => els.length > prefix.length && prefix.every((p, i) => els[i] === p);
  if (level === 1) return under(['kafka']) ? els.slice(1).join('.').toLowerCase().replace(/_/g, '.') : undefined;
  const prefix = level === 2 ? ['mp', 'messaging', 'connector', 'smallrye-kafka'] : ['mp', 'messaging', 'outgoing', channel ?? ''];
  if (!under(prefix)) return undefined;
  const k = els.slice(prefix.length).join('.');
  return k.includes('_') || k.toUpperCase() === k ? k.toLowerCase().replace(/_/g, '.') : k;
}

/**
 * The items whose values SmallRye reads for one profile (`mine`: in precedence order, lowest first):
 * - a dotted YAML key gives no value;
 * - a channel's or the connector's environment-variable spelling (`ACKS`, `max_in_flight_requests_per_connection`) is
 *   read under the key's own name first (JsonHelper.extractConfigKey), so a `kafka.*` key or an exact channel or
 *   connector key wins over it whatever the order; and it never sets acks (the connector's acks attribute reads only
 *   `acks`, and ReactiveKafkaProducer writes that over the map's);
 * - spellings of a key that SmallRye reads as separate names, in the order of a hash set (several `kafka.*` spellings
 *   in Quarkus' default Kafka map; several environment-variable spellings), make the value unknown unless they agree.
 */
function readValues(mine: Item[]): Item[] {
  const exact = new Set(mine.filter((i) => !i.dotted && !i.misspelt && !i.envStyle).map((i) => i.key));
  const read = mine.filter((i) => !i.dotted && !(i.envStyle && (i.key === K.acks || exact.has(i.key))));
  const byKey = new Map<string, Item[]>();
  for (const i of read) if (!i.misspelt) byKey.set(i.key, [...(byKey.get(i.key) ?? []), i]);
  const out = [...read];
  for (const list of byKey.values()) {
    // Quarkus' default Kafka map: its spellings race at the kafka.* level, whichever level the producer ends up reading
    // (a blank channel value lets it show through); the unknown value goes last at that level
    const kafka = list.filter((i) => i.level === 1);
    const atKafka = ambiguousValue(kafka);
    if (atKafka) out.splice(out.indexOf(kafka[kafka.length - 1]) + 1, 0, atKafka);
    const w = list[list.length - 1];
    const atTop = w.level !== 1 && w.envStyle === true ? ambiguousValue(list.filter((i) => i.envStyle === true)) : undefined;
    if (atTop) out.push(atTop);
  }
  return out;
}

/** An unknown value in place of the last of `rivals` when they spell one key differently and disagree (or one is not known). */
function ambiguousValue(rivals: Item[]): Item | undefined {
  // the last item of each spelling is that name's value
  const bySpelling = new Map<string, Item>();
  for (const i of rivals) bySpelling.set(i.spelling ?? i.key, i);
  if (bySpelling.size < 2) return undefined;
  const values = new Set([...bySpelling.values()].map((i) => (i.entry.value === undefined ? undefined : javaTrim(i.entry.value))));
  if (values.size < 2 && !values.has(undefined)) return undefined;
  const w = rivals[rivals.length - 1];
  return { ...w, entry: { ...w.entry, value: undefined, kind: 'unknown' }, ambiguous: true };
}

/** A dotted YAML key the block's own keys hold: the producer never gets the key it means (rules/smallrye.ts reports it). */
function dottedFact(i: Item, block: ProducerBlock, view: SourceView): SmallRyeDottedKeyFact {
  return {
    kind: 'smallrye-yaml-dotted-key',
    source: i.src,
    read: i.dotted!.read,
    ...(i.dotted!.received !== undefined ? { received: i.dotted!.received } : {}),
    meant: i.key,
    alreadySet: block.values.get(i.key)?.entry !== undefined,
    view,
  };
}

interface ChannelContext {
  ctx: DetectContext;
  view: SourceView;
  idx: ChannelIndex;
  channel: string;
  /** The items shared by all channels and the channel's own. */
  channelItems: Item[];
  /** The profiles the unprefixed block does not describe. */
  other: string[];
  /** The profile the file's name gives (`application-dev.properties`). */
  fileProfile: string | undefined;
  /** The dotted kafka.* and connector keys a block reports already: each is reported once, not once per channel. */
  reportedShared: Set<Item>;
}

/** The block of one channel's producer, as `profile` (undefined: the unprefixed keys) configures it. */
function channelBlock(c: ChannelContext, profile: string | undefined): ProducerBlock {
  const { ctx, view, idx, channel, other, fileProfile } = c;
  const mine = c.channelItems.filter((i) => applies(i, profile));
  // a profile's keys beat unprefixed ones at the same level, a single-profile key a shared one
  mine.sort((a, b) => a.level - b.level || rank(a.profiles, profile) - rank(b.profiles, profile) || a.src.order - b.src.order);
  // the names SmallRye reads, then what the producer gets: empty values and undecided `${X}` let a lower level show
  // through, numbers as the connector writes them
  const read = readValues(mine);
  const resolved = resolveSmallRyeValues(read, (i) => i.src.entry);
  const maybe =
    resolved.maybe.size > 0
      ? Object.fromEntries(
          [...resolved.maybe].map(([k, i]) => [
            k,
            `${i.src.name}=${i.src.entry.value} (line ${ctx.lines.lineOf(i.entry.keySpan.start) + 1}), when the environment or another configuration source has its variable`,
          ]),
        )
      : undefined;
  const path = [...(profile !== undefined ? [`%${profile}`] : []), 'mp', 'messaging', 'outgoing', channel];
  const channelEntry =
    idx.firstEntry.get(`${profile !== undefined ? `%${profile}` : ''}\u0000${channel}`) ?? idx.firstAnyProfile.get(channel);
  const ownItems = mine.filter((i) => (profile === undefined ? i.profiles === undefined : rank(i.profiles, profile) > 0));
  const docIdx = channelEntry ? view.docOf(channelEntry.entry) : 0;
  const label =
    profile !== undefined
      ? `profile '${profile}'`
      : fileProfile !== undefined
        ? `profile '${fileProfile}'`
        : other.length > 0
          ? `profiles other than ${other.map((p) => `'${p}'`).join(', ')}`
          : undefined;
  const block = makeBlock(
    {
      name: `channel '${channel}'${label ? ` (${label})` : ''}`,
      dialect: 'smallrye-kafka',
      client: 'java',
      items: resolved.items.map(({ key, entry }) => ({ key, entry })),
      writer: new ChannelWriter(view.editor, read, path, profile, docIdx, {
        nested: view.format === 'yaml',
        removable: mine.filter((i) => !i.dotted),
      }),
      evidence:
        `a SmallRye Reactive Messaging Kafka outgoing channel (mp.messaging.outgoing.${channel}.*), over kafka.* and mp.messaging.connector.smallrye-kafka.*` +
        (profile !== undefined
          ? `, profile '${profile}' merged over the unprefixed keys`
          : other.length > 0
            ? `; the unprefixed keys, as every profile but ${other.map((p) => `'${p}'`).join(', ')} reads them`
            : '') +
        '; the connector writes acks (default 1) into the producer config',
      // (an acks the environment may set: its variable's value, else the connector's 1; the verdict is unknown)
      injected: maybe?.[K.acks] ? [] : [{ key: K.acks, value: '1', by: SMALLRYE_ACKS_BY }],
      anchor: (ownItems.find((i) => i.channel === channel)?.src ?? channelEntry ?? ownItems[0]?.src)?.entry.keySpan,
      extra: { kind: 'smallrye', channel, profile } satisfies SmallRyeExtra,
    },
    ctx.lines,
  );
  // the file distinguishes profiles here: findings say which this block is
  if (profile !== undefined || fileProfile !== undefined) block.profile = profile ?? fileProfile;
  else if (other.length > 0) block.profile = label;
  labelOrigins(block, resolved.items, ctx.lines);
  for (const [key, written] of resolved.converted) {
    const v = block.values.get(key);
    if (v?.value !== undefined && javaTrim(written).toLowerCase() !== v.value.toLowerCase())
      v.origin = `${v.origin}: ${javaTrim(written)}, which the connector hands the producer as ${v.value}`;
  }
  if (maybe) block.unknownKeys = { keys: maybe };
  const facts = ownItems.flatMap((i) => {
    if (!i.dotted) return [];
    // a kafka.* or connector key is every channel's: the first block that reads it reports it
    if (i.channel === undefined) {
      if (c.reportedShared.has(i)) return [];
      c.reportedShared.add(i);
    }
    return [dottedFact(i, block, view)];
  });
  if (facts.length > 0) block.facts = facts;
  return block;
}

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
 * - Quarkus profiles: `%<profile>.` in front of any of these keys; a channel gets a block per
 *   profile whose keys touch it, judged as the profile merged over the default;
 * - the injected acks=1 silently disables idempotence on kafka-clients 3.0.1+
 *   (`smallrye-acks-default-1`); with `enable.idempotence=true` the producer refuses to start
 *   (R-J1), with a `transactional.id` too (R-J4), through the Java rules.
 */
import { removeEntries } from '../formats/editor';
import type { BlockOp, BlockWriter, Entry, ProducerBlock, TextEdit } from '../types';
import type { DetectContext } from './index';
import { makeBlock } from './block';
import { sourceView, type SourceEntry, labelOrigins } from './source';
import { withPlaceholder } from './placeholder';
import type { SourceEditor } from '../formats/editor';
import { K, isKnownProducerKey, javaTrim } from '../javaConfig';

export const SMALLRYE_ACKS_BY = "the SmallRye Kafka connector (its acks attribute defaults to 1)";

export interface Item {
  key: string;
  entry: Entry;
  src: SourceEntry;
  level: number;
  profile?: string;
  channel?: string;
}

export interface SmallRyeExtra {
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
  ) {}

  edits(op: BlockOp): TextEdit[] | undefined {
    const mine = this.items.filter((i) => i.key === op.key);
    if (op.op === 'remove') return removeEntries(this.editor, mine.map((i) => i.entry));
    const winner = mine[mine.length - 1];
    // the channel's own key (of this profile) is changed in place; anything else gets a channel key
    if (winner && winner.level === 3 && winner.profile === this.profile) return this.editor.setEntry(winner.entry, op.value);
    return this.editor.insert({ doc: this.doc, elements: [...this.path, ...op.key.split('.')], leafFrom: this.path.length }, op.value);
  }

  describe(op: BlockOp): string {
    const name = [...this.path, op.key].join('.');
    return op.op === 'set' ? `${name}=${op.value}` : `remove ${name}`;
  }
}

export function detectSmallRye(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc } = ctx;
  if (doc.format !== 'properties' && doc.format !== 'yaml') return undefined;
  if (ctx.forcedClient === 'librdkafka') return undefined;
  const view = sourceView(doc);
  if (!view) return undefined;
  if (!view.entries.some((s) => s.name.includes('mp.messaging.outgoing.'))) return undefined;
  const text = doc.text;

  const items: Item[] = [];
  const connectorOf = new Map<string, string>(); // channel -> connector (default profile or any)
  const channels: string[] = [];
  const channelSet = new Set<string>();
  // where each channel is first written: per profile ('' = default), and under any profile
  const firstEntry = new Map<string, SourceEntry>();
  const firstAnyProfile = new Map<string, SourceEntry>();
  let kafkaConfigured = false;
  for (const s of view.entries) {
    let els = s.elements;
    let profile: string | undefined;
    if (els[0]?.startsWith('%')) {
      profile = els[0].slice(1);
      els = els.slice(1);
    }
    const entry = withPlaceholder(s.entry, text, 'spring');
    if (els[0] === 'kafka' && els.length > 1) {
      kafkaConfigured = true;
      const key = els.slice(1).join('.');
      if (isKnownProducerKey(key)) items.push({ key, entry, src: s, level: 1, profile });
    } else if (els[0] === 'mp' && els[1] === 'messaging') {
      if (els[2] === 'connector' && els[3] === 'smallrye-kafka' && els.length > 4) {
        kafkaConfigured = true;
        const key = els.slice(4).join('.');
        if (isKnownProducerKey(key)) items.push({ key, entry, src: s, level: 2, profile });
      } else if (els[2] === 'outgoing' && els.length > 4 && els[3] !== '') {
        const channel = els[3];
        if (!channelSet.has(channel)) {
          channelSet.add(channel);
          channels.push(channel);
        }
        const at = `${profile ?? ''}\u0000${channel}`;
        if (!firstEntry.has(at)) firstEntry.set(at, s);
        if (!firstAnyProfile.has(channel)) firstAnyProfile.set(channel, s);
        const key = els.slice(4).join('.');
        if (key === 'connector' && s.entry.value !== undefined) connectorOf.set(channel, javaTrim(s.entry.value));
        if (isKnownProducerKey(key)) items.push({ key, entry, src: s, level: 3, profile, channel });
      }
    }
  }
  const kafkaChannels = channels.filter((ch) => {
    const c = connectorOf.get(ch);
    return c === 'smallrye-kafka' || (c === undefined && kafkaConfigured);
  });
  if (kafkaChannels.length === 0) return undefined;

  const profiles = [...new Set(items.map((i) => i.profile).filter((p): p is string => p !== undefined))];
  // the items of all channels, and each channel's own: a channel's block reads these two lists only
  const shared = items.filter((i) => i.channel === undefined);
  const byChannel = new Map<string, Item[]>();
  for (const i of items) {
    if (i.channel === undefined) continue;
    const list = byChannel.get(i.channel);
    if (list) list.push(i);
    else byChannel.set(i.channel, [i]);
  }
  const sharedProfiles = new Set(shared.map((i) => i.profile));
  const blocks: ProducerBlock[] = [];
  for (const channel of kafkaChannels) {
    const own = byChannel.get(channel) ?? [];
    const touched = new Set([...sharedProfiles, ...own.map((i) => i.profile)]);
    for (const profile of [undefined, ...profiles]) {
      // a profile block only when the profile itself touches this channel's producer
      if (profile !== undefined && !touched.has(profile)) continue;
      const applies = (i: Item) => i.profile === undefined || i.profile === profile;
      const mine = [...shared.filter(applies), ...own.filter(applies)];
      // profile keys beat default keys at the same level
      mine.sort((a, b) => a.level - b.level || Number(a.profile !== undefined) - Number(b.profile !== undefined) || a.src.order - b.src.order);
      const path = [...(profile !== undefined ? [`%${profile}`] : []), 'mp', 'messaging', 'outgoing', channel];
      const channelEntry = firstEntry.get(`${profile ?? ''}\u0000${channel}`) ?? firstAnyProfile.get(channel);
      const ownItems = mine.filter((i) => i.profile === profile);
      const docIdx = channelEntry ? view.docOf(channelEntry.entry) : 0;
      const block = makeBlock(
        {
          name: `channel '${channel}'${profile !== undefined ? ` (profile '${profile}')` : ''}`,
          dialect: 'smallrye-kafka',
          client: 'java',
          items: mine.map(({ key, entry }) => ({ key, entry })),
          writer: new ChannelWriter(view.editor, mine, path, profile, docIdx),
          evidence:
            `a SmallRye Reactive Messaging Kafka outgoing channel (mp.messaging.outgoing.${channel}.*), over kafka.* and mp.messaging.connector.smallrye-kafka.*` +
            (profile !== undefined ? `, profile '${profile}' merged over the default` : '') +
            '; the connector writes acks (default 1) into the producer config',
          injected: [{ key: K.acks, value: '1', by: SMALLRYE_ACKS_BY }],
          anchor: (ownItems.find((i) => i.channel === channel)?.src ?? channelEntry ?? ownItems[0]?.src)?.entry.keySpan,
          extra: { channel, profile } satisfies SmallRyeExtra,
        },
        ctx.lines,
      );
      labelOrigins(block, mine, ctx.lines);
      blocks.push(block);
    }
  }
  return blocks;
}

/**
 * Kafka Connect worker and connector configs, in `.properties` and YAML (reference catalogue
 * §2.3, §3):
 *
 * - a worker config is recognised by `plugin.path`, `offset.storage.file.filename`
 *   (standalone), or `group.id` with `config.storage.topic` / `offset.storage.topic` /
 *   `status.storage.topic` (distributed); its producer keys are `producer.*` (top-level keys
 *   are worker settings and never reach the producer);
 * - a connector config is recognised by `connector.class`; its producer keys are
 *   `producer.override.*`, applied after the worker's `producer.*`;
 * - since 3.2 (KAFKA-13759) `Worker.baseProducerConfigs` sets `enable.idempotence=false`,
 *   `acks=all`, `max.in.flight.requests.per.connection=1` and `delivery.timeout.ms=Integer.MAX_VALUE`
 *   before the user's keys: idempotence is off unless turned on, and then explicit, so a
 *   conflicting `acks`/`retries` makes the producer refuse to start (R-CN1 through the Java
 *   rules); `producer.override.acks=1` alone is fine. Before 3.2 Connect's settings are not
 *   modelled (the catalogue records a changing history in 3.0/3.1), so nothing is injected;
 *   4.x is assumed to keep the 3.2 behaviour (not verified);
 * - `exactly.once.source.support=enabled` in the same file: source-task producers get
 *   `enable.idempotence=true` and `transactional.id=${groupId}-${connector}-${task}`, whatever
 *   the user wrote (R-CN3);
 * - `connector.client.config.override.policy=None|Principal` in the same file as
 *   `producer.override.*` keys: the connector is rejected (R-CN2). A policy set elsewhere (the
 *   usual case) is not visible and not guessed.
 */
import type { BlockNote, Entry, ProducerBlock, Span } from '../types';
import type { DetectContext } from './index';
import { makeBlock } from './block';
import { sourceView, type SourceEntry, type SourceView, labelOrigins } from './source';
import { withPlaceholder } from './placeholder';
import { PrefixedBlockWriter } from './streams';
import { INT_MAX, K, isKnownProducerKey, javaTrim } from '../javaConfig';
import { atLeast, parseVersion, LATEST_KAFKA_CLIENTS } from '../version';

const DISTRIBUTED_KEYS = ['config.storage.topic', 'offset.storage.topic', 'status.storage.topic'];
/** The keys the Principal override policy lets a connector override. */
const PRINCIPAL_ALLOWED = new Set(['sasl.jaas.config', 'sasl.mechanism', 'security.protocol']);

interface ConnectItem {
  key: string;
  entry: Entry;
  src: SourceEntry;
  level: number;
}

export function connectRole(keys: Set<string>): { worker: boolean; connector: boolean } {
  const worker =
    keys.has('plugin.path') || keys.has('offset.storage.file.filename') || (keys.has('group.id') && DISTRIBUTED_KEYS.some((k) => keys.has(k)));
  return { worker, connector: keys.has('connector.class') };
}

export function detectConnect(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc } = ctx;
  if (doc.format !== 'properties' && doc.format !== 'yaml') return undefined;
  if (ctx.forcedClient === 'librdkafka') return undefined;
  const view = sourceView(doc);
  if (!view) return undefined;
  const keys = new Set(view.entries.map((s) => s.name));
  const role = connectRole(keys);
  if (!role.worker && !role.connector) return undefined;
  return [connectBlock(ctx, view, role.connector ? 'connector' : 'worker')];
}

/** How another dialect (a Strimzi resource, a container's environment) names and explains a Connect block. */
export interface ConnectPlacement {
  name: string;
  /** Replaces the opening of the evidence (`a Kafka Connect worker config`). */
  evidence: string;
  clientVersion?: { version: string; source: string };
  /** Where block-level findings go when no producer key is written (e.g. the resource's `config:` key). */
  anchor?: Span;
}

/**
 * The producer block of a Connect worker (`producer.*`) or connector (`producer.override.*`) config
 * whose keys are the view's entry names.
 */
export function connectBlock(ctx: DetectContext, view: SourceView, kind: 'worker' | 'connector', placement?: ConnectPlacement): ProducerBlock {
  const text = ctx.doc.text;
  const version = parseVersion(placement?.clientVersion?.version ?? ctx.settings.kafkaClientsVersion) ?? LATEST_KAFKA_CLIENTS;

  const items: ConnectItem[] = [];
  const find = (k: string) => view.entries.filter((s) => s.name === k).pop();
  for (const s of view.entries) {
    if (s.head !== 'producer') continue;
    const els = s.elements;
    if (els[1] === 'override') {
      const key = els.slice(2).join('.');
      if (isKnownProducerKey(key)) items.push({ key, entry: withPlaceholder(s.entry, text, 'generic'), src: s, level: 2 });
    } else {
      const key = els.slice(1).join('.');
      if (isKnownProducerKey(key)) items.push({ key, entry: withPlaceholder(s.entry, text, 'generic'), src: s, level: 1 });
    }
  }
  items.sort((a, b) => a.level - b.level || a.src.order - b.src.order);
  const notes: BlockNote[] = [];

  // R-CN2: the worker's override policy, when this file shows it
  const policyEntry = find('connector.client.config.override.policy');
  const policy = policyEntry?.entry.value !== undefined ? javaTrim(policyEntry.entry.value) : undefined;
  if (policyEntry && (policy === 'None' || policy === 'Principal')) {
    for (const i of items) {
      if (i.level !== 2 || (policy === 'Principal' && PRINCIPAL_ALLOWED.has(i.key))) continue;
      const rm = view.editor.removeEntry(i.src.entry);
      notes.push({
        ruleId: 'connect-override-policy',
        message:
          `Kafka Connect rejects this connector configuration: "The '${policy}' policy does not allow '${i.key}' to be overridden in the connector configuration." ` +
          `(connector.client.config.override.policy=${policy}).`,
        span: i.src.entry.keySpan,
        related: [{ span: policyEntry.entry.keySpan, message: `connector.client.config.override.policy=${policy}` }],
        fixes: [
          ...(() => {
            const e = view.editor.setEntry(policyEntry.entry, 'All');
            return e ? [{ title: 'Set connector.client.config.override.policy=All (the default since 3.0)', edits: e, keys: ['connector.client.config.override.policy'] }] : [];
          })(),
          ...(rm ? [{ title: `Remove ${i.src.name}`, edits: rm, keys: [i.key] }] : []),
        ],
        consequence: 'throws',
      });
    }
  }

  // R-CN3: exactly-once source support forces idempotence and the transactional.id of source tasks
  const eosEntry = find('exactly.once.source.support');
  const eos = eosEntry?.entry.value !== undefined && javaTrim(eosEntry.entry.value).toLowerCase() === 'enabled';
  const groupId = find('group.id')?.entry.value;
  const txnValue = `${groupId !== undefined ? javaTrim(groupId) : '${groupId}'}-\${connector}-\${task}`;
  if (eos && eosEntry) {
    for (const i of items) {
      if (i.key !== K.idempotence && i.key !== K.transactionalId) continue;
      const v = i.entry.value === undefined ? undefined : javaTrim(i.entry.value);
      if (i.key === K.idempotence && v !== undefined && v.toLowerCase() === 'true') continue;
      const rm = view.editor.removeEntry(i.src.entry);
      const quoted =
        i.key === K.idempotence && v !== undefined
          ? ` The worker logs WARN "The value '${v}' for the 'enable.idempotence' property will be ignored as it cannot be overridden for connectors when exactly-once source support is enabled. The value 'true' will be used instead."`
          : ' The worker logs a WARN that the value is ignored.';
      notes.push({
        ruleId: 'connect-eos-forced-producer-configs',
        message:
          `${i.src.name} is ignored for source tasks: with exactly.once.source.support=enabled Kafka Connect sets ` +
          `${i.key === K.idempotence ? 'enable.idempotence=true' : `transactional.id=${txnValue}`} for their producers.${quoted}`,
        span: i.src.entry.keySpan,
        related: [{ span: eosEntry.entry.keySpan, message: 'exactly.once.source.support=enabled' }],
        fixes: rm ? [{ title: `Remove ${i.src.name} (Connect ignores it)`, edits: rm, keys: [i.key] }] : [],
        consequence: 'ignored',
      });
    }
  }

  const by = 'Kafka Connect (Worker.baseProducerConfigs)';
  const injected: Array<{ key: string; value: string; by: string; force?: boolean }> = [];
  if (atLeast(version, 3, 2)) {
    injected.push(
      { key: K.idempotence, value: 'false', by },
      { key: K.acks, value: 'all', by },
      { key: K.inFlight, value: '1', by },
      { key: K.deliveryTimeout, value: String(INT_MAX), by },
    );
  }
  if (eos) {
    const eby = 'Kafka Connect (exactly.once.source.support=enabled)';
    const at = injected.findIndex((i) => i.key === K.idempotence);
    if (at >= 0) injected.splice(at, 1);
    injected.push({ key: K.idempotence, value: 'true', by: eby, force: true }, { key: K.transactionalId, value: txnValue, by: eby, force: true });
  }

  const connector = kind === 'connector';
  const nameEntry = find('name');
  const name =
    placement?.name ??
    (connector ? `connector${nameEntry?.entry.value ? ` '${javaTrim(nameEntry.entry.value)}'` : ''} (producer.override.*)` : 'Kafka Connect worker (producer.*)');
  const docIdx = items.length > 0 ? view.docOf(items[items.length - 1].src.entry) : 0;
  const anchorSrc = (connector ? find('connector.class') : undefined) ?? items[0]?.src;
  const block = makeBlock(
    {
      name,
      dialect: 'kafka-connect',
      client: 'java',
      items: items.map(({ key, entry }) => ({ key, entry })),
      writer: new PrefixedBlockWriter(view.editor, items, connector ? ['producer', 'override'] : ['producer'], docIdx),
      evidence:
        (placement?.evidence ??
          (connector
            ? 'a Kafka Connect connector config (connector.class); its producer.override.* keys apply after the worker\'s producer.*'
            : 'a Kafka Connect worker config; only its producer.* keys reach the producers')) +
        (atLeast(version, 3, 2)
          ? '. Connect sets enable.idempotence=false, acks=all, max.in.flight.requests.per.connection=1 first (since 3.2)'
          : '. Connect\'s own producer settings before 3.2 are not modelled') +
        (eos ? '; exactly.once.source.support=enabled: source-task producers get enable.idempotence=true and a transactional.id' : ''),
      injected,
      anchor: anchorSrc?.entry.keySpan ?? placement?.anchor ?? view.entries[0]?.entry.keySpan,
    },
    ctx.lines,
  );
  labelOrigins(block, items, ctx.lines);
  block.notes = notes;
  if (placement?.clientVersion) block.clientVersion = placement.clientVersion;
  return block;
}

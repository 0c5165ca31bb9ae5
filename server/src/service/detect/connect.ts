/**
 * Kafka Connect worker and connector configs, in `.properties` and YAML (reference catalogue
 * §2.3, §3):
 *
 * - a worker config is recognised by `plugin.path`, `offset.storage.file.filename`
 *   (standalone), or `group.id` with `config.storage.topic` / `offset.storage.topic` /
 *   `status.storage.topic` (distributed); its producer keys are `producer.*` (top-level keys
 *   are worker settings and never reach the producer);
 * - a connector config is recognised by `connector.class`; its producer keys are
 *   `producer.override.*`, applied after the worker's `producer.*` (its own `producer.*` keys reach no
 *   producer, nor do a worker's `producer.override.*`); when the file also shows the connector's worker (a
 *   Strimzi KafkaConnector next to its KafkaConnect: ConnectPlacement.worker), the block is the merged config;
 * - the worker puts its own producer settings before the user's keys (`connectInjected`, Worker.producerConfigs /
 *   baseProducerConfigs): `acks=all` and `max.in.flight.requests.per.connection=1` always; `retries=Integer.MAX_VALUE`
 *   before 2.1; `delivery.timeout.ms=Integer.MAX_VALUE` from 2.1; `request.timeout.ms=Integer.MAX_VALUE` before 3.0;
 *   and `enable.idempotence=false` from 3.0.2 / 3.1.1 / 3.2 (KAFKA-13759): idempotence is then off unless turned on,
 *   and then explicit, so a conflicting `acks`/`retries` makes the producer refuse to start (R-CN1 through the Java
 *   rules); `producer.override.acks=1` alone is fine. (Connect 3.0.0, 3.0.1 and 3.1.0 leave idempotence to the client:
 *   on by default with 3.0.1's, off with 3.0.0's and 3.1.0's, KAFKA-13598.) The Connect oracles run 2.8.2 – 4.4.0
 *   (test/oracles/connect.ts);
 * - `exactly.once.source.support=enabled` (3.3+, KIP-618) in the same file: source-task producers get
 *   `enable.idempotence=true` and `transactional.id=${groupId}-${connector}-${task}`, whatever
 *   the user wrote (R-CN3); earlier workers do not know the key;
 * - `connector.client.config.override.policy=None|Principal` in the same file as (or the worker of)
 *   `producer.override.*` keys: the connector is rejected, for any overridden key (R-CN2). When the file shows the
 *   connector's worker without a policy, the worker's default applies: `None` before 3.0 (KIP-722), `All` from 3.0.
 *   A policy set elsewhere (the usual case) is not visible and not guessed. Before 2.3 (KIP-458) a connector's
 *   `producer.override.*` keys reach no producer.
 */
import type { BlockWriter, Entry, ProducerBlock, Span, Version } from '../types';
import type { ConnectFact } from '../facts';
import type { DetectContext } from './index';
import { makeBlock } from './block';
import { sourceView, type SourceEntry, type SourceView, labelOrigins } from './source';
import { withPlaceholder } from './placeholder';
import { PrefixedBlockWriter } from './streams';
import { INT_MAX, K, isKnownProducerKey, isMisspeltCandidate, javaTrim } from '../clients/java/config';
import { atLeast, parseVersion, LATEST_KAFKA_CLIENTS } from '../version';

const DISTRIBUTED_KEYS = ['config.storage.topic', 'offset.storage.topic', 'status.storage.topic'];

/**
 * The producer settings the worker puts before the user's (Worker.producerConfigs, from 3.3 baseProducerConfigs), by
 * connect-runtime version (verified by the Connect oracles from 2.8.2; earlier versions read from the release tags).
 */
export function connectInjected(version: Version): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  // KAFKA-13759: 3.2.0, backported to 3.0.2 and 3.1.1
  const idempotenceOff =
    atLeast(version, 3, 2) ||
    (version.major === 3 && version.minor <= 1 && (version.minor === 0 ? version.patch >= 2 : version.patch >= 1));
  if (idempotenceOff) out.push({ key: K.idempotence, value: 'false' });
  out.push({ key: K.acks, value: 'all' }, { key: K.inFlight, value: '1' });
  if (!atLeast(version, 2, 1)) out.push({ key: K.retries, value: String(INT_MAX) });
  if (atLeast(version, 2, 1)) out.push({ key: K.deliveryTimeout, value: String(INT_MAX) });
  if (!atLeast(version, 3, 0)) out.push({ key: K.requestTimeout, value: String(INT_MAX) });
  return out;
}
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
    keys.has('plugin.path') ||
    keys.has('offset.storage.file.filename') ||
    (keys.has('group.id') && DISTRIBUTED_KEYS.some((k) => keys.has(k)));
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
  /**
   * A connector's worker, when the same file shows it (a Strimzi KafkaConnector's KafkaConnect): its entries, named
   * as in the worker's properties. The connector's producer config is then the worker's `producer.*` merged with the
   * connector's `producer.override.*` (Worker.baseProducerConfigs), under the worker's override policy and
   * exactly-once support.
   */
  worker?: SourceEntry[];
  /**
   * Values reach Connect as written (a Strimzi resource's spec.config): `${...}` is literal, except a config-provider
   * reference (`${provider:[path:]key}`), which Connect resolves at run time and is not known here. Without it, a
   * .properties file is read so too, and other formats judge `${NAME:-default}` placeholders by their default.
   */
  literal?: boolean;
}

/**
 * The producer block of a Connect worker (`producer.*`) or connector (`producer.override.*`) config
 * whose keys are the view's entry names.
 */
export function connectBlock(
  ctx: DetectContext,
  view: SourceView,
  kind: 'worker' | 'connector',
  placement?: ConnectPlacement,
): ProducerBlock {
  const text = ctx.doc.text;
  const version = parseVersion(placement?.clientVersion?.version ?? ctx.settings.kafkaClientsVersion) ?? LATEST_KAFKA_CLIENTS;

  const workerEntries = placement?.worker ?? [];
  const literal = placement?.literal ?? ctx.doc.format === 'properties';
  const resolve = (e: Entry): Entry =>
    !literal
      ? withPlaceholder(e, text, 'generic')
      : e.value !== undefined && hasProviderReference(e.value)
        ? { ...e, value: undefined, kind: 'unknown' }
        : e;
  // worker settings (policy, exactly-once, group.id) come from the worker: its own file, or the one the placement names
  const find = (k: string) => view.entries.filter((s) => s.name === k).pop() ?? workerEntries.filter((s) => s.name === k).pop();
  // Worker.baseProducerConfigs: the worker's producer.* keys (originalsWithPrefix("producer.")), then a connector's
  // producer.override.* keys (connConfig.originalsWithPrefix("producer.override.")). A connector's own producer.* keys
  // reach no producer; a file that is worker and connector at once (standalone) holds the worker's.
  const ownWorker = kind === 'worker' || connectRole(new Set(view.entries.map((s) => s.name))).worker;
  // producer.override.* (KIP-458) from 2.3
  const overridesRead = atLeast(version, 2, 3);
  const items = connectItems(view, workerEntries, ownWorker, kind === 'connector', overridesRead, resolve);
  const facts: ConnectFact[] = [];

  // R-CN2: the worker's override policy, when this file shows it; a worker shown without one has its default
  const policyEntry = find('connector.client.config.override.policy');
  const workerShown = workerEntries.length > 0 || ownWorker;
  const defaultPolicy = atLeast(version, 3, 0) ? 'All' : 'None';
  const policy =
    policyEntry?.entry.value !== undefined ? javaTrim(policyEntry.entry.value) : !policyEntry && workerShown ? defaultPolicy : undefined;
  if (overridesRead && (policy === 'None' || policy === 'Principal')) overridePolicyFacts(view, kind, policy, policyEntry, facts);

  // R-CN3: exactly-once source support forces idempotence and the transactional.id of source tasks
  const eosEntry = find('exactly.once.source.support');
  const eos = atLeast(version, 3, 3) && eosEntry?.entry.value !== undefined && javaTrim(eosEntry.entry.value).toLowerCase() === 'enabled';
  const groupId = find('group.id')?.entry.value;
  const txnValue = `${groupId !== undefined ? javaTrim(groupId) : '${groupId}'}-\${connector}-\${task}`;
  if (eos && eosEntry) eosForcedFacts(view, items, eosEntry, txnValue, facts);

  const injected = injectedValues(version, eos ? txnValue : undefined);

  const connector = kind === 'connector';
  const nameEntry = find('name');
  const name =
    placement?.name ??
    (connector
      ? `connector${nameEntry?.entry.value ? ` '${javaTrim(nameEntry.entry.value)}'` : ''} (producer.override.*)`
      : 'Kafka Connect worker (producer.*)');
  // fixes edit this config only: a connector's block writes producer.override.* keys, never the worker's lines
  const own = items.filter((i) => !workerEntries.includes(i.src));
  const docIdx = own.length > 0 ? view.docOf(own[own.length - 1].src.entry) : 0;
  const writer = connectWriter(view, items, own, connector, docIdx);
  const anchorSrc = (connector ? find('connector.class') : undefined) ?? items[0]?.src;
  const block = makeBlock(
    {
      name,
      dialect: 'kafka-connect',
      client: 'java',
      items: items.map(({ key, entry }) => ({ key, entry })),
      writer,
      evidence:
        (placement?.evidence ??
          (connector
            ? "a Kafka Connect connector config (connector.class); its producer.override.* keys apply after the worker's producer.*"
            : 'a Kafka Connect worker config; only its producer.* keys reach the producers')) +
        `. Connect sets ${connectInjected(version)
          .filter((i) => i.key !== K.deliveryTimeout && i.key !== K.requestTimeout)
          .map((i) => `${i.key}=${i.key === K.retries ? 'Integer.MAX_VALUE' : i.value}`)
          .join(', ')} first` +
        (eos ? '; exactly.once.source.support=enabled: source-task producers get enable.idempotence=true and a transactional.id' : ''),
      injected,
      anchor: anchorSrc?.entry.keySpan ?? placement?.anchor ?? view.entries[0]?.entry.keySpan,
    },
    ctx.lines,
  );
  labelOrigins(block, items, ctx.lines);
  block.facts = facts;
  if (placement?.clientVersion) block.clientVersion = placement.clientVersion;
  return block;
}

/**
 * What Connect puts into the producer config before the user's keys: the worker's settings and, with exactly-once
 * source support (`transactionalId`), the idempotence and transactional.id it forces on source tasks.
 */
function injectedValues(
  version: Version,
  transactionalId: string | undefined,
): Array<{ key: string; value: string; by: string; force?: boolean }> {
  const by = 'Kafka Connect (Worker.baseProducerConfigs)';
  const injected: Array<{ key: string; value: string; by: string; force?: boolean }> = connectInjected(version).map((i) => ({ ...i, by }));
  if (transactionalId !== undefined) {
    const eby = 'Kafka Connect (exactly.once.source.support=enabled)';
    const at = injected.findIndex((i) => i.key === K.idempotence);
    if (at >= 0) injected.splice(at, 1);
    injected.push(
      { key: K.idempotence, value: 'true', by: eby, force: true },
      { key: K.transactionalId, value: transactionalId, by: eby, force: true },
    );
  }
  return injected;
}

/**
 * The producer items of a Connect config, in the order Worker.baseProducerConfigs merges them: the worker's producer.*
 * keys, then a connector's producer.override.* keys.
 */
function connectItems(
  view: SourceView,
  workerEntries: SourceEntry[],
  ownWorker: boolean,
  isConnector: boolean,
  overridesRead: boolean,
  resolve: (e: Entry) => Entry,
): ConnectItem[] {
  const items: ConnectItem[] = [];
  const collect = (entries: SourceEntry[], worker: boolean, connector: boolean) => {
    for (const s of entries) {
      if (s.head !== 'producer') continue;
      const els = s.elements;
      // (a misspelt idempotence key is taken too: originalsWithPrefix hands it to the producer, which ignores it)
      if (els[1] === 'override') {
        const key = els.slice(2).join('.');
        if (connector && overridesRead && (isKnownProducerKey(key) || isMisspeltCandidate(key)))
          items.push({ key, entry: resolve(s.entry), src: s, level: 2 });
      } else {
        const key = els.slice(1).join('.');
        if (worker && (isKnownProducerKey(key) || isMisspeltCandidate(key))) items.push({ key, entry: resolve(s.entry), src: s, level: 1 });
      }
    }
  };
  collect(workerEntries, true, false);
  collect(view.entries, ownWorker, isConnector);
  items.sort((a, b) => a.level - b.level || a.src.order - b.src.order);
  return items;
}

/** R-CN2: the producer.override.* keys of a connector that the worker's 'None' or 'Principal' override policy refuses. */
function overridePolicyFacts(
  view: SourceView,
  kind: 'worker' | 'connector',
  policy: 'None' | 'Principal',
  policyEntry: SourceEntry | undefined,
  facts: ConnectFact[],
): void {
  if (kind !== 'connector') return;
  // the policy validates every producer.override.* key of the connector, producer config or not; the herder reports
  // each one (here in key order, as effectiveJavaConfig takes the first)
  const overrides = view.entries
    .filter((e) => e.head === 'producer' && e.elements[1] === 'override' && e.elements.length > 2)
    .map((e) => ({ key: e.elements.slice(2).join('.'), src: e }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.src.order - b.src.order));
  for (const i of overrides) {
    if (policy === 'Principal' && PRINCIPAL_ALLOWED.has(i.key)) continue;
    const message = `The '${policy}' policy does not allow '${i.key}' to be overridden in the connector configuration.`;
    facts.push({
      kind: 'connect-override-refused',
      key: i.key,
      source: i.src,
      policy,
      ...(policyEntry ? { policyEntry } : {}),
      editor: view.editor,
      refusal: { key: i.key, message },
    });
  }
}

/** R-CN3: the enable.idempotence and transactional.id that exactly-once source support overrides for source tasks. */
function eosForcedFacts(
  view: SourceView,
  items: ConnectItem[],
  eosEntry: SourceEntry,
  transactionalId: string,
  facts: ConnectFact[],
): void {
  // ConnectUtils.ensureProperty checks the merged value (the last item: the connector's override, else the worker's),
  // untrimmed, enable.idempotence case-insensitively
  const winner = new Map<string, ConnectItem>();
  for (const i of items) winner.set(i.key, i);
  for (const i of items) {
    if (i.key !== K.idempotence && i.key !== K.transactionalId) continue;
    const v = i.entry.value;
    if (i.key === K.idempotence && v !== undefined && v.toLowerCase() === 'true') continue;
    const w = winner.get(i.key);
    facts.push({
      kind: 'connect-eos-forced',
      key: i.key,
      source: i.src,
      value: v,
      ...(w && w !== i ? { winner: w.src } : {}),
      eosEntry,
      transactionalId,
      editor: view.editor,
    });
  }
}

/** The block's writer: it edits this config only (a connector's producer.override.* keys, never the worker's lines). */
function connectWriter(view: SourceView, items: ConnectItem[], own: ConnectItem[], connector: boolean, docIdx: number): BlockWriter {
  const prefixed = new PrefixedBlockWriter(view.editor, own, connector ? ['producer', 'override'] : ['producer'], docIdx);
  if (own.length === items.length) return prefixed;
  return {
    // a key the worker sets cannot be removed from the connector: an override would have to say what it is instead
    edits: (op) => (op.op === 'remove' && items.some((i) => i.key === op.key && !own.includes(i)) ? undefined : prefixed.edits(op)),
    describe: (op) => prefixed.describe(op),
  };
}

/**
 * Whether a value holds a config-provider reference `${provider:…}` (ConfigTransformer's `${…:…}`): a `:` after a
 * `${` with no `}` between them. One pass (the pattern /\$\{[^}]*:/ is polynomial on a run of `${`).
 */
export function hasProviderReference(value: string): boolean {
  let open = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x24 /* $ */ && value.charCodeAt(i + 1) === 0x7b /* { */) {
      open = true;
      i++;
    } else if (c === 0x7d /* } */) open = false;
    else if (c === 0x3a /* : */ && open) return true;
  }
  return false;
}

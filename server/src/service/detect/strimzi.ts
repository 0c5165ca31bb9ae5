/**
 * Strimzi custom resources (`apiVersion: kafka.strimzi.io/*`), one producer block per resource
 * that configures a producer (reference catalogue §5.1, "Strimzi CR" column). IBM Event Streams
 * runs the Strimzi operator under its own API group (`apiVersion: eventstreams.ibm.com/*`, e.g.
 * `v1beta2`) with the same kinds and fields, and links a KafkaConnector to its KafkaConnect with the
 * label `eventstreams.ibm.com/cluster`: such resources are read the same way.
 *
 * - `KafkaConnect`: `spec.config` is the Connect worker's configuration, so its `producer.*` keys
 *   configure the producers of source connectors, over Connect's own settings (connect.ts);
 * - `KafkaConnector`: `spec.config` is a connector configuration: `producer.override.*`;
 * - `KafkaMirrorMaker2`: `spec.mirrors[].sourceConnector.config` and `checkpointConnector.config`
 *   are connector configurations: `producer.override.*` configures the producer that writes to
 *   the target cluster (Strimzi's "Configuring MirrorMaker 2 connector producers and consumers").
 *   The `producer.*` keys there configure MirrorMaker's own offset-syncs producer, which is not
 *   a Connect producer; they are not judged;
 * - `KafkaBridge`: `spec.producer.config` holds raw Java-client producer keys.
 *
 * Strimzi writes `spec.config` values into the worker's properties file as strings, so YAML
 * numbers and booleans mean what they spell. `spec.version` (KafkaConnect, KafkaMirrorMaker2) is
 * the Kafka version of the image, hence of the producer: it is used for these blocks instead of the
 * project's version; a KafkaConnector takes the version of the KafkaConnect its `strimzi.io/cluster` (`eventstreams.ibm.com/cluster`)
 * label names when that resource is in the same file, and that resource's
 * `connector.client.config.override.policy` (R-CN2). Options Strimzi forbids (`ssl.`, `sasl.`, `bootstrap.servers`...) are never
 * producer idempotence keys, so they change nothing here.
 */
import { type ProducerBlock, type Span, yamlMetaOf } from '../types';
import type { BlockFact } from '../facts';
import type { DetectContext } from './index';
import { makeBlock } from './block';
import { sourceView, yamlMapView, partView, labelOrigins, SourceEntry, type SourceView } from './source';
import { environmentBlocks } from './environment';
import { connectBlock } from './connect';
import { GenericBlockWriter, prepare } from './genericMap';
import { isYamlExtra, springNameOfPath, type YamlMapInfo } from '../formats/yaml';
import { isKnownProducerKey, isMisspeltCandidate } from '../clients/java/config';
import { parseVersion } from '../version';
import type { Trigger } from './trigger';
import type { LineIndex } from '../text';

export const STRIMZI_TRIGGERS: readonly Trigger[] = [{ words: ['strimzi'] }, { words: ['eventstreams'] }];

/** The API groups of Strimzi-schema resources: who serves them, and the label that names a KafkaConnector's KafkaConnect. */
const API_GROUPS: ReadonlyArray<{ apiVersion: RegExp; vendor: string; clusterLabel: string }> = [
  { apiVersion: /^kafka\.strimzi\.io\//, vendor: 'Strimzi', clusterLabel: 'metadata.labels.strimzi.io/cluster' },
  { apiVersion: /^eventstreams\.ibm\.com\//, vendor: 'IBM Event Streams', clusterLabel: 'metadata.labels.eventstreams.ibm.com/cluster' },
];

interface Resource {
  doc: number;
  /** `Strimzi`, `IBM Event Streams`: whose API group the resource is in. */
  vendor: string;
  kind: string;
  name: string;
  /** `spec.version` and where it is. */
  version?: { value: string; line: number; of?: string };
  kindSpan: Span;
  /** KafkaConnector: the KafkaConnect it runs on (label `strimzi.io/cluster`, `eventstreams.ibm.com/cluster`). */
  cluster?: string;
}

/** The wanted scalar leaves of every document by their path (`spec.version`, `metadata.name`), in one pass. */
function rootScalars(view: SourceView, wanted: ReadonlySet<string>): Map<number, Map<string, { value: string; span: Span }>> {
  const out = new Map<number, Map<string, { value: string; span: Span }>>();
  for (const s of view.entries) {
    if (!wanted.has(s.name) || s.entry.value === undefined) continue;
    let m = out.get(s.doc);
    if (!m) out.set(s.doc, (m = new Map<string, { value: string; span: Span }>()));
    m.set(s.name, { value: s.entry.value.trim(), span: s.entry.keySpan });
  }
  return out;
}

/**
 * A resource's config as the operator gets it: `kubectl` and Helm read manifests as YAML 1.1
 * (sigs.k8s.io/yaml), so `yes`/`on`/`off` are booleans there, which Strimzi writes as `true`/`false`.
 */
function asYaml11(view: SourceView): SourceView {
  const entries = view.entries.map((s) => {
    const b = yamlMetaOf(s.entry).yaml11Boolean;
    return b === undefined ? s : s.withEntry({ ...s.entry, value: String(b), kind: 'boolean' as const });
  });
  return partView(view, entries, view.editor);
}

const KINDS = new Set(['KafkaConnect', 'KafkaConnector', 'KafkaMirrorMaker2', 'KafkaBridge']);

export function detectStrimzi(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc } = ctx;
  if (doc.format !== 'yaml' || !isYamlExtra(doc.extra)) return undefined;
  if (ctx.forcedClient === 'librdkafka') return undefined;
  const view = sourceView(doc);
  if (!view) return undefined;
  const resources = resourcesOf(view, ctx.lines);
  if (resources.length === 0) return undefined;
  const configs = configMaps(doc.extra.maps, view, resources);
  const blocks: ProducerBlock[] = [];
  for (const r of resources) {
    for (const t of targetsOf(r, configs)) {
      const block = targetBlock(ctx, view, configs, resources, r, t);
      if (block) blocks.push(block);
    }
  }
  // a Deployment next to the resources (a Kafka client's env) is judged too
  blocks.push(...environmentBlocks(ctx, view));
  return blocks.length > 0 ? blocks : undefined;
}

/** The Strimzi-schema resources of the file whose kind configures a producer, each with the version it runs. */
function resourcesOf(view: SourceView, lines: LineIndex): Resource[] {
  const resources: Resource[] = [];
  const docsWithApi = new Map<number, (typeof API_GROUPS)[number]>();
  for (const s of view.entries) {
    if (s.name !== 'apiVersion' || s.entry.value === undefined) continue;
    const api = s.entry.value.trim();
    const group = API_GROUPS.find((g) => g.apiVersion.test(api));
    if (group) docsWithApi.set(s.doc, group);
  }
  const scalars = rootScalars(view, new Set(['kind', 'metadata.name', 'spec.version', ...API_GROUPS.map((g) => g.clusterLabel)]));
  for (const [d, group] of docsWithApi) {
    const f = scalars.get(d) ?? new Map<string, { value: string; span: Span }>();
    const kind = f.get('kind');
    if (!kind || !KINDS.has(kind.value)) continue;
    const version = f.get('spec.version');
    resources.push({
      doc: d,
      vendor: group.vendor,
      kind: kind.value,
      name: f.get('metadata.name')?.value ?? '',
      version: version && parseVersion(version.value) ? { value: version.value, line: lines.lineOf(version.span.start) + 1 } : undefined,
      kindSpan: kind.span,
      cluster: f.get(group.clusterLabel)?.value,
    });
  }
  // a KafkaConnector runs on the KafkaConnect its label names: that resource's spec.version, when it is in this file
  for (const r of resources) {
    if (r.kind !== 'KafkaConnector' || r.version || !r.cluster) continue;
    const host = resources.find((o) => o.kind === 'KafkaConnect' && o.vendor === r.vendor && o.name === r.cluster && o.version);
    if (host?.version) r.version = { ...host.version, of: `KafkaConnect '${host.name}'` };
  }
  return resources;
}

/** A map's key: its document and path. */
const mapKey = (d: number, path: readonly string[]) => `${d}\u0000${path.join('\u0000')}`;

/** The maps the resources read producer keys from, by document and path, and the entries under each. */
interface ConfigMaps {
  maps: YamlMapInfo[];
  /** The map's id, by mapKey. */
  mapAt: Map<string, number>;
  /** Per document, its MirrorMaker 2 connector configurations. */
  mirrorConfigs: Map<number, YamlMapInfo[]>;
  /** The entries under each map, by mapKey. */
  under: Map<string, SourceEntry[]>;
}

/** The maps under `spec` of the resources' documents, and the entries under each (one pass). */
function configMaps(maps: YamlMapInfo[], view: SourceView, resources: Resource[]): ConfigMaps {
  const resourceDocs = new Set(resources.map((r) => r.doc));
  const mapAt = new Map<string, number>();
  const mirrorConfigs = new Map<number, YamlMapInfo[]>();
  for (const m of maps) {
    if (!resourceDocs.has(m.doc) || m.seq || m.viaAlias || m.path[0] !== 'spec' || m.path.length > 5) continue;
    mapAt.set(mapKey(m.doc, m.path), m.id);
    if (
      m.path.length === 5 &&
      m.path[1] === 'mirrors' &&
      m.path[4] === 'config' &&
      (m.path[3] === 'sourceConnector' || m.path[3] === 'checkpointConnector')
    ) {
      const list = mirrorConfigs.get(m.doc);
      if (list) list.push(m);
      else mirrorConfigs.set(m.doc, [m]);
    }
  }
  const under = new Map<string, SourceEntry[]>();
  for (const s of view.entries) {
    if (!resourceDocs.has(s.doc)) continue;
    const path = yamlMetaOf(s.entry).path;
    for (const len of [2, 3, 5]) {
      if (path.length <= len) break;
      const list = under.get(mapKey(s.doc, path.slice(0, len)));
      if (list) list.push(s);
      else if (mapAt.has(mapKey(s.doc, path.slice(0, len)))) under.set(mapKey(s.doc, path.slice(0, len)), [s]);
    }
  }
  return { maps, mapAt, mirrorConfigs, under };
}

interface Target {
  path: string[];
  label: string;
  kind: 'worker' | 'connector' | 'raw';
}

/** Where a resource holds producer keys, and what kind of configuration each place is. */
function targetsOf(r: Resource, configs: ConfigMaps): Target[] {
  const targets: Target[] = [];
  if (r.kind === 'KafkaConnect') targets.push({ path: ['spec', 'config'], label: 'spec.config', kind: 'worker' });
  if (r.kind === 'KafkaConnector') targets.push({ path: ['spec', 'config'], label: 'spec.config', kind: 'connector' });
  if (r.kind === 'KafkaBridge') targets.push({ path: ['spec', 'producer', 'config'], label: 'spec.producer.config', kind: 'raw' });
  if (r.kind === 'KafkaMirrorMaker2') {
    for (const m of configs.mirrorConfigs.get(r.doc) ?? [])
      targets.push({ path: m.path, label: springNameOfPath(m.path.slice(1)), kind: 'connector' });
  }
  return targets;
}

/** The block of one configuration of a resource; undefined when the resource does not write that map. */
function targetBlock(
  ctx: DetectContext,
  view: SourceView,
  configs: ConfigMaps,
  resources: Resource[],
  r: Resource,
  t: Target,
): ProducerBlock | undefined {
  const { maps, mapAt, under } = configs;
  const id = mapAt.get(mapKey(r.doc, t.path));
  if (id === undefined) return undefined;
  const map = maps[id];
  const title = `${r.kind}${r.name ? ` '${r.name}'` : ''}`;
  const sub = asYaml11(yamlMapView(partView(view, under.get(mapKey(r.doc, t.path)) ?? [], view.editor), t.path, r.doc, map.id));
  const parentPair = map.parent ? maps[map.parent.map]?.pairs[map.parent.pair] : undefined;
  const anchor = parentPair?.keySpan ?? r.kindSpan;
  if (t.kind === 'raw') return bridgeBlock(ctx, sub, `${title} (${t.label})`, map.id, r.doc, anchor, resourceOf(r));
  // a KafkaConnector runs on the KafkaConnect its label names: when that resource is in this file, the connector's
  // producer config is the worker's producer.* merged with its producer.override.*, under the worker's override
  // policy and exactly-once support (Worker.baseProducerConfigs)
  const host =
    r.kind === 'KafkaConnector' && r.cluster
      ? resources.find((o) => o.kind === 'KafkaConnect' && o.vendor === r.vendor && o.name === r.cluster)
      : undefined;
  let worker: SourceEntry[] | undefined;
  if (host) {
    const hostConfig = under.get(mapKey(host.doc, ['spec', 'config'])) ?? [];
    worker = asYaml11(partView(view, hostConfig, view.editor)).entries.map(
      (s) => new SourceEntry(s.entry, s.name.slice('spec.config.'.length), s.doc, s.order),
    );
  }
  const prefix = t.kind === 'worker' ? 'producer.*' : 'producer.override.*';
  return connectBlock(ctx, sub, t.kind, {
    name: `${title} (${t.label}, ${prefix})`,
    evidence:
      t.kind === 'worker'
        ? `${resourceOf(r)}: ${t.label} is the Connect worker's configuration, and only its producer.* keys reach the producers`
        : r.kind === 'KafkaMirrorMaker2'
          ? `${resourceOf(r)}: ${t.label} is a MirrorMaker 2 connector's configuration; its producer.override.* keys configure the producer that writes to the target cluster`
          : `${resourceOf(r)}: ${t.label} is the connector's configuration; its producer.override.* keys apply after the worker's producer.*` +
            (worker
              ? ` (KafkaConnect '${r.cluster}' in this file: its producer.*, override policy and exactly-once support are merged in)`
              : ''),
    clientVersion: r.version
      ? { version: r.version.value, source: `spec.version of ${r.version.of ?? title}, line ${r.version.line}` }
      : undefined,
    anchor,
    worker,
    literal: true,
  });
}

/** `a Strimzi KafkaConnect resource`, `an IBM Event Streams KafkaConnector resource (Strimzi schema)`. */
function resourceOf(r: Resource): string {
  return r.vendor === 'Strimzi' ? `a Strimzi ${r.kind} resource` : `an ${r.vendor} ${r.kind} resource (Strimzi schema)`;
}

function bridgeBlock(
  ctx: DetectContext,
  view: SourceView,
  name: string,
  mapId: number,
  doc: number,
  anchor: Span,
  resource: string,
): ProducerBlock {
  const facts: BlockFact[] = [];
  const items = view.entries
    .filter((s) => !yamlMetaOf(s.entry).path.some((seg) => seg.startsWith('[')))
    .map((s) => ({ key: s.name, entry: prepare(s.entry, s.name, ctx.doc.text, facts), src: s }))
    .filter((i) => isKnownProducerKey(i.key) || isMisspeltCandidate(i.key));
  const block = makeBlock(
    {
      name,
      dialect: 'strimzi-bridge',
      client: 'java',
      items: items.map(({ key, entry }) => ({ key, entry })),
      writer: new GenericBlockWriter(view.editor, items, doc, [], mapId),
      evidence: `${resource}: spec.producer.config holds the Java-client producer configuration of the bridge`,
      anchor: items[0]?.entry.keySpan ?? anchor,
    },
    ctx.lines,
  );
  labelOrigins(block, items, ctx.lines);
  block.facts = facts;
  return block;
}

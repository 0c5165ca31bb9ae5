/**
 * Producer blocks from TS/JS call sites (formats/typescript.ts):
 * - @platformatic/kafka → client `platformatic`, keys are the `new Producer({...})` options as
 *   written; the verdict (clients/platformatic/verdict.ts) reads the call site and its sends.
 * - KafkaJS and NestJS's Kafka transport → client `kafkajs`, keys are KafkaJS option paths
 *   (`idempotent`, `retry.retries`; client-level options other than `retry` as `client.<key>`).
 *   The KafkaJS verdict reads the call site itself (sends carry `acks`).
 * - confluent-kafka-javascript and node-rdkafka → client `librdkafka`, keys canonical
 *   librdkafka names (aliases resolved; `items[].entry.key` keeps the key as written):
 *   - node-rdkafka-style API (`new Producer(global, topic)`, `HighLevelProducer`,
 *     `createWriteStream`): the global then the topic object. node-rdkafka always installs
 *     its second argument as the default topic config, which discards topic-level keys
 *     (`acks`...) written in the first one; confluent-kafka-javascript does so only when a
 *     second argument is given. Discarded keys are not in `values` (rule
 *     `node-rdkafka-topic-key-in-global-config`).
 *   - KafkaJS-compatible API: `new Kafka({ kafkaJS, ... })` merged with
 *     `producer({ kafkaJS, ... })`; the `kafkaJS` block is mapped to librdkafka keys
 *     (idempotent → enable.idempotence, maxInFlightRequests → max.in.flight,
 *     transactionalId → transactional.id, retry.retries → retries...), its defaults are set
 *     (retries 5, transaction.timeout.ms 60000) and top-level librdkafka keys win.
 */
import type { BlockItem, BlockValue, ProducerBlock } from '../types';
import type { DetectContext } from './index';
import type { TsDocument, JsProducerSite, JsModel } from '../formats/typescript';
import { leafProps } from '../formats/typescript';
import { envNoteOf, lookup, startOf, type JsProp, type JsValue } from '../formats/jsStatic';
import { KafkaJsBlockWriter, RdkBlockWriter, type TsEditor } from '../formats/typescriptWriter';
import { canonicalRdkKey, isTopicProperty } from '../clients/librdkafka/config';
import { KJS_COMMON_KEYS, KJS_PRODUCER_KEYS, KJS_TO_RDK, NODE_BINDING_KEYS } from '../clients/ckjs/config';
import { RDK_TOPIC_CONF_META } from '../clients/librdkafka/verdict';
import type { LineIndex } from '../text';

export const JS_DIALECTS = new Set(['kafkajs', 'nestjs-kafka', 'ckjs-kafkajs', 'ckjs-rdkafka', 'node-rdkafka', 'platformatic-kafka']);

/** What a JS block carries for its rules and hover. */
export interface JsBlockExtra {
  kind: 'js';
  site: JsProducerSite;
  model: JsModel;
  editor: TsEditor;
  /** node-rdkafka-style: topic-level keys of the global config that the topic config discards. */
  discarded: BlockItem[];
  /** CKJS KafkaJS API: per item, the KafkaJS option it was mapped from (`kafkaJS.idempotent`). */
  mappedFrom: Map<BlockItem, string>;
  /** CKJS KafkaJS API: whether compatibility mode is on (a non-empty merged `kafkaJS` block); undefined when unknown. */
  compat?: boolean;
  /** CKJS KafkaJS API: the merged `kafkaJS` blocks (client first) and top-level objects. */
  kafkaJS?: JsValue;
}

export function jsExtra(block: ProducerBlock): JsBlockExtra | undefined {
  const x = block.extra;
  return JS_DIALECTS.has(block.dialect) && x?.kind === 'js' ? x : undefined;
}

export function detectJavaScript(ctx: DetectContext): ProducerBlock[] | undefined {
  const doc = ctx.doc as TsDocument;
  if (doc.format !== 'typescript' && doc.format !== 'javascript') return undefined;
  const model = doc.extra;
  if (!model) return [];
  const editor = model.editor;
  const blocks: ProducerBlock[] = [];
  for (const site of model.producers) {
    if (site.api === 'kafkajs' || site.api === 'nestjs') blocks.push(kafkaJsBlock(site, model, editor, ctx.lines));
    else if (site.api === 'ckjs-kafkajs') blocks.push(ckjsKafkaJsBlock(site, model, editor, ctx.lines));
    else if (site.api === 'platformatic') blocks.push(platformaticBlock(site, model, editor, ctx.lines));
    else blocks.push(rdkafkaStyleBlock(site, model, editor, ctx.lines));
  }
  return blocks;
}

const lineOf = (lines: LineIndex, offset: number) => lines.lineOf(offset) + 1;

function anchorOf(site: JsProducerSite) {
  const sf = site.callee.getSourceFile();
  return { start: startOf(site.callee, sf), end: site.callee.end };
}

function itemsOf(model: JsModel, v: JsValue | undefined, key: (path: string) => string | undefined): BlockItem[] {
  const out: BlockItem[] = [];
  for (const { path, prop } of leafProps(v)) {
    const entry = model.entryOf(prop);
    const k = key(path);
    if (entry && k !== undefined) out.push({ key: k, entry });
  }
  return out;
}

function valueOf(item: BlockItem, origin: string): BlockValue {
  const unless = envNoteOf(item.entry);
  return {
    key: item.key,
    value: item.entry.value,
    kind: item.entry.kind,
    entry: item.entry,
    origin: unless ? `${origin}, ${unless}` : origin,
  };
}

function platformaticBlock(site: JsProducerSite, model: JsModel, editor: TsEditor, lines: LineIndex): ProducerBlock {
  const items = itemsOf(model, site.config, (p) => p);
  const values = new Map<string, BlockValue>();
  for (const i of items) values.set(i.key, valueOf(i, `line ${lineOf(lines, i.entry.keySpan.start)}`));
  return {
    name: site.name,
    dialect: 'platformatic-kafka',
    client: 'platformatic',
    values,
    items,
    anchor: anchorOf(site),
    writer: new KafkaJsBlockWriter(editor, site),
    evidence: `a @platformatic/kafka producer (\`new Producer\`) created on line ${lineOf(lines, anchorOf(site).start)}`,
    extra: { kind: 'js', site, model, editor, discarded: [], mappedFrom: new Map() } satisfies JsBlockExtra,
  };
}

function kafkaJsBlock(site: JsProducerSite, model: JsModel, editor: TsEditor, lines: LineIndex): ProducerBlock {
  const clientItems = site.client ? itemsOf(model, site.client.config, (p) => (p.startsWith('retry.') ? p : `client.${p}`)) : [];
  const producerItems = itemsOf(model, site.config, (p) => p);
  const items = [...clientItems, ...producerItems];
  const values = new Map<string, BlockValue>();
  for (const i of clientItems)
    values.set(
      i.key,
      valueOf(i, `line ${lineOf(lines, i.entry.keySpan.start)}, ${site.api === 'nestjs' ? 'options.client' : 'new Kafka()'}`),
    );
  for (const i of producerItems) values.set(i.key, valueOf(i, `line ${lineOf(lines, i.entry.keySpan.start)}`));
  const nest = site.api === 'nestjs';
  const startLine = lineOf(lines, anchorOf(site).start);
  return {
    name: site.name,
    dialect: nest ? 'nestjs-kafka' : 'kafkajs',
    client: 'kafkajs',
    values,
    items,
    anchor: anchorOf(site),
    writer: new KafkaJsBlockWriter(editor, site),
    evidence: nest
      ? `a NestJS Kafka transport (\`Transport.KAFKA\`, line ${startLine}); NestJS creates a KafkaJS producer from \`options.client\` and \`options.producer\`, and sends with \`options.send\``
      : `a KafkaJS producer created on line ${startLine}${site.clientUnknown ? ' from a client this file does not create' : ''}`,
    extra: { kind: 'js', site, model, editor, discarded: [], mappedFrom: new Map() } satisfies JsBlockExtra,
  };
}

function rdkafkaStyleBlock(site: JsProducerSite, model: JsModel, editor: TsEditor, lines: LineIndex): ProducerBlock {
  const node = site.api === 'node-rdkafka';
  const topicGiven =
    site.topicConfig !== undefined && !(site.topicConfig.t === 'lit' && (site.topicConfig.v === undefined || site.topicConfig.v === null));
  // node-rdkafka always passes a topic config ({} by default); confluent-kafka-javascript only when given
  const discards = node || topicGiven;
  const canon = (p: string) => (NODE_BINDING_KEYS.has(p) ? undefined : canonicalRdkKey(p));
  const globalItems = itemsOf(model, site.config, canon);
  const topicItems = itemsOf(model, site.topicConfig, canon);
  const discarded = discards ? globalItems.filter((i) => isTopicProperty(i.entry.key)) : [];
  // the librdkafka engine's contract: entries of a separate topic configuration carry this flag
  for (const i of topicItems) i.entry.meta = { ...i.entry.meta, [RDK_TOPIC_CONF_META]: true };
  // discarded keys stay items: rd_kafka_conf_set() still checks their values before the topic
  // configuration replaces them (the engine does the replacing, see topicConfInstalled)
  const items = [...globalItems, ...topicItems];
  const values = new Map<string, BlockValue>();
  const origin = (i: BlockItem, where: string) =>
    `line ${lineOf(lines, i.entry.keySpan.start)}${where}${i.entry.key !== i.key ? `, as ${i.entry.key}` : ''}`;
  for (const i of items)
    if (!discarded.includes(i)) values.set(i.key, valueOf(i, origin(i, topicItems.includes(i) ? ', topic config' : '')));
  const lib = node ? 'node-rdkafka' : 'confluent-kafka-javascript';
  return {
    name: site.name,
    dialect: node ? 'node-rdkafka' : 'ckjs-rdkafka',
    client: 'librdkafka',
    values,
    items,
    anchor: anchorOf(site),
    writer: new RdkBlockWriter(editor, { mode: node ? 'node-rdkafka' : 'ckjs-rdkafka', site, items, injected: new Set() }),
    evidence: `a ${lib} producer (${site.how}, line ${lineOf(lines, anchorOf(site).start)}); librdkafka checks the configuration when \`connect()\` creates the client, and reports a conflict only as the error of \`connect()\``,
    extra: { kind: 'js', site, model, editor, discarded, mappedFrom: new Map() } satisfies JsBlockExtra,
    topicConfInstalled: discards,
  };
}

/** Shallow `Object.assign({}, a, b)` of two object values, as JsProps (b's keys win). */
function assignProps(a: JsValue | undefined, b: JsValue | undefined): { props: JsProp[]; open: boolean; known: boolean } {
  const props: JsProp[] = [];
  let open = false;
  let known = true;
  for (const v of [a, b]) {
    if (!v || (v.t === 'lit' && (v.v === undefined || v.v === null))) continue;
    if (v.t !== 'obj') {
      known = false;
      continue;
    }
    for (const p of v.props) {
      const i = props.findIndex((x) => x.key === p.key);
      if (i >= 0) props.splice(i, 1);
      props.push(p);
    }
    open ||= v.open;
  }
  return { props, open, known };
}

function ckjsKafkaJsBlock(site: JsProducerSite, model: JsModel, editor: TsEditor, lines: LineIndex): ProducerBlock {
  const commonCfg = site.clientUnknown ? ({ t: 'unknown', node: undefined } as JsValue) : site.client?.config;
  const kjs = assignProps(kafkaJsPart(commonCfg), kafkaJsPart(site.config));
  const top = assignProps(commonCfg, site.config);
  const { kjsItems, mappedFrom } = kafkaJsItems(kjs.props, model);
  const topItems = topLevelItems(top.props, model);
  const compat = !kjs.known || kjs.open ? undefined : kjs.props.length > 0;
  const values = new Map<string, BlockValue>();
  const injected = new Set<string>();
  if (compat) {
    for (const v of compatDefaults(kjs.props)) {
      injected.add(v.key);
      values.set(v.key, v);
    }
  }
  const clientNode = site.client?.node;
  const where = (i: BlockItem) => {
    const fromClient =
      clientNode !== undefined && i.entry.entrySpan.start >= startOf(clientNode) && i.entry.entrySpan.end <= clientNode.end;
    return `line ${lineOf(lines, i.entry.keySpan.start)}${fromClient ? ', new Kafka()' : ''}`;
  };
  for (const i of kjsItems) values.set(i.key, valueOf(i, `${where(i)}, as ${mappedFrom.get(i)}`));
  if (compat) capSocketTimeout(values, kjsItems, mappedFrom);
  for (const i of topItems) values.set(i.key, valueOf(i, `${where(i)}${i.entry.key !== i.key ? `, as ${i.entry.key}` : ''}`));
  const items = [...kjsItems, ...topItems];
  const producerKafkaJS = kafkaJsPart(site.config);
  return {
    name: site.name,
    dialect: 'ckjs-kafkajs',
    client: 'librdkafka',
    values,
    items,
    anchor: anchorOf(site),
    writer: new RdkBlockWriter(editor, { mode: 'ckjs-kafkajs', site, items, kafkaJS: producerKafkaJS, injected }),
    evidence: `a confluent-kafka-javascript producer (KafkaJS-compatible API, line ${lineOf(lines, anchorOf(site).start)}); its \`kafkaJS\` options are mapped to librdkafka keys, top-level librdkafka keys win, and librdkafka checks the result in \`connect()\``,
    extra: {
      kind: 'js',
      site,
      model,
      editor,
      discarded: [],
      mappedFrom,
      compat,
      kafkaJS: { t: 'obj', props: kjs.props, open: kjs.open || !kjs.known, node: site.node },
    } satisfies JsBlockExtra,
  };
}

/** The `kafkaJS` property of a configuration object: its value, unknown, or undefined when absent. */
function kafkaJsPart(v: JsValue | undefined): JsValue | undefined {
  const r = lookup(v, 'kafkaJS');
  return r.state === 'present' ? r.prop.value : r.state === 'unknown' ? { t: 'unknown', node: undefined } : undefined;
}

/** The `kafkaJS` options that map to librdkafka keys, as items, with the KafkaJS path each came from. */
function kafkaJsItems(props: JsProp[], model: JsModel): { kjsItems: BlockItem[]; mappedFrom: Map<BlockItem, string> } {
  const mappedFrom = new Map<BlockItem, string>();
  const kjsItems: BlockItem[] = [];
  for (const p of props) {
    for (const { path, prop } of leafProps({ t: 'obj', props: [p], open: false, node: p.node })) {
      const key = KJS_TO_RDK[path];
      const entry = model.entryOf(prop);
      if (!key || !entry) continue;
      const item = { key, entry };
      mappedFrom.set(item, `kafkaJS.${path}`);
      kjsItems.push(item);
    }
  }
  return { kjsItems, mappedFrom };
}

/** The top-level librdkafka keys (not `kafkaJS`, the binding's own keys, or KafkaJS options in the wrong place). */
function topLevelItems(props: JsProp[], model: JsModel): BlockItem[] {
  const topItems: BlockItem[] = [];
  for (const p of props) {
    // KafkaJS options outside kafkaJS make the library throw (ckjs-kafkajs-key-outside-block): not librdkafka keys
    if (p.key === 'kafkaJS' || NODE_BINDING_KEYS.has(p.key) || KJS_PRODUCER_KEYS.includes(p.key) || KJS_COMMON_KEYS.includes(p.key))
      continue;
    const entry = model.entryOf(p);
    if (entry) topItems.push({ key: canonicalRdkKey(p.key), entry });
  }
  return topItems;
}

/** What KafkaJS compatibility mode sets when the `kafkaJS` options leave it out. */
function compatDefaults(kjsProps: JsProp[]): BlockValue[] {
  const out: BlockValue[] = [];
  const inject = (key: string, value: number, why: string) =>
    out.push({
      key,
      value: String(value),
      kind: 'number',
      injectedBy: 'confluent-kafka-javascript (KafkaJS compatibility mode)',
      origin: why,
    });
  const kjsValue = (path: string) => (kjsProps.length ? lookupPath(kjsProps, path.split('.')) : { state: 'absent' as const });
  const retries = kjsValue('retry.retries');
  const nullish =
    retries.state === 'present' && retries.prop.value.t === 'lit' && (retries.prop.value.v === undefined || retries.prop.value.v === null);
  if (retries.state === 'absent' || nullish)
    inject('retries', 5, 'set by confluent-kafka-javascript: retry.retries defaults to 5 in KafkaJS mode');
  const txn = kjsValue('transactionTimeout');
  if (txn.state === 'absent')
    inject('transaction.timeout.ms', 60000, 'set by confluent-kafka-javascript: transactionTimeout defaults to 60000 in KafkaJS mode');
  const req = kjsValue('requestTimeout');
  if (req.state === 'absent')
    inject('socket.timeout.ms', 30000, 'set by confluent-kafka-javascript: requestTimeout defaults to 30000 in KafkaJS mode');
  return out;
}

/** confluent-kafka-javascript caps socket.timeout.ms at transaction.timeout.ms + 100 (KafkaJS compatibility mode). */
function capSocketTimeout(values: Map<string, BlockValue>, kjsItems: BlockItem[], mappedFrom: Map<BlockItem, string>): void {
  const s = Number(values.get('socket.timeout.ms')?.value);
  const t = Number(values.get('transaction.timeout.ms')?.value);
  if (!(Number.isFinite(s) && Number.isFinite(t) && s > t + 100)) return;
  values.set('socket.timeout.ms', {
    key: 'socket.timeout.ms',
    value: String(t + 100),
    kind: 'number',
    injectedBy: 'confluent-kafka-javascript (KafkaJS compatibility mode)',
    origin: 'capped by confluent-kafka-javascript at transaction.timeout.ms + 100',
  });
  // the requestTimeout never reaches librdkafka: the cap replaces it
  const capped = kjsItems.findIndex((i) => i.key === 'socket.timeout.ms');
  if (capped >= 0) mappedFrom.delete(kjsItems.splice(capped, 1)[0]);
}

function lookupPath(props: JsProp[], path: string[]): { state: 'present'; prop: JsProp } | { state: 'absent' } | { state: 'unknown' } {
  let cur: JsValue = { t: 'obj', props, open: false, node: props[0].node };
  let r: ReturnType<typeof lookup> = { state: 'absent' };
  for (const k of path) {
    r = lookup(cur, k);
    if (r.state !== 'present') return r;
    cur = r.prop.value;
  }
  return r;
}

/**
 * confluent-kafka-javascript rules (catalogue §2.6, R-CK1, R-CK2, R-CK4, R-CK5) and the
 * node-rdkafka topic-config rule (§2.7, R-N2). Their blocks are librdkafka blocks: the
 * librdkafka engine judges the mapped configuration; these rules judge what only the
 * JavaScript layer does (where options must be written, what it sets by itself).
 */
import { ts } from '../formats/tsLazy';
import { type BlockItem, type FixSpec, jsPropOf, type TextEdit } from '../types';
import { defineRule, type Rule } from './rule';
import { jsExtra, type JsBlockExtra } from '../detect/javascript';
import { KJS_COMMON_KEYS, KJS_PRODUCER_KEYS } from '../clients/ckjs/config';
import { lookup, primitive, startOf, type JsProp, type JsValue } from '../formats/jsStatic';
import type { JsProducerSite } from '../formats/typescript';
import { keySpanOf, lineAt, valueText } from './kafkajs';

const LIBRDKAFKA = ['librdkafka'] as const;

/** The librdkafka key a misplaced KafkaJS option can be written as instead. */
const KJS_AS_RDK: Record<string, string> = {
  idempotent: 'enable.idempotence',
  maxInFlightRequests: 'max.in.flight',
  transactionalId: 'transactional.id',
  transactionTimeout: 'transaction.timeout.ms',
  timeout: 'request.timeout.ms',
};

export const CKJS_MSG = {
  producerKey: (k: string) =>
    `The '${k}' property seems to be a KafkaJS property in the main config block. It must be moved to the kafkaJS block.`,
  // sic: no space after the first sentence in the library's message for new Kafka()
  commonKey: (k: string) =>
    `The '${k}' property seems to be a KafkaJS property in the main config block.It must be moved to the kafkaJS block.`,
  sendAcks: (fn: string) => `'acks' is not supported as a property to '${fn}', but must be passed to the producer during creation.`,
};

function ckjs(block: Parameters<typeof jsExtra>[0]): JsBlockExtra | undefined {
  const x = jsExtra(block);
  return x && block.dialect === 'ckjs-kafkajs' ? x : undefined;
}

/** Moves `props` of an object into its `kafkaJS` block (creating it in place of the first one). */
function wrapIntoKafkaJS(x: JsBlockExtra, obj: JsValue, props: JsProp[]): TextEdit[] | undefined {
  const ed = x.editor;
  if (ed.broken) return undefined;
  const kjs = lookup(obj, 'kafkaJS');
  const pairs: Array<[string, string]> = props.map((p) => [p.key, valueText(x, p)]);
  if (kjs.state === 'present') {
    const lit = kjs.prop.value.t === 'obj' ? kjs.prop.value.literal : undefined;
    if (!lit) return undefined;
    return [...props.flatMap((p) => ed.remove(p)), ...ed.insertMany(lit, pairs)];
  }
  if (kjs.state === 'unknown') return undefined;
  const [first, ...rest] = props;
  const block = `kafkaJS: { ${pairs.map(([k, v]) => `${ed.key(k)}: ${v}`).join(', ')} }`;
  return [{ span: { start: startOf(first.node, x.model.sf), end: first.node.end }, newText: block }, ...rest.flatMap((p) => ed.remove(p))];
}

function renameKey(x: JsBlockExtra, p: JsProp, to: string): TextEdit[] {
  if (x.editor.broken) return [];
  const el = p.node;
  if (ts.isPropertyAssignment(el)) return [{ span: { start: startOf(el.name, x.model.sf), end: el.name.end }, newText: x.editor.key(to) }];
  return [{ span: { start: startOf(el, x.model.sf), end: el.end }, newText: `${x.editor.key(to)}: ${valueText(x, p)}` }];
}

export const ckjsKafkaJsKeyOutsideBlock = defineRule(
  {
    id: 'ckjs-kafkajs-key-outside-block',
    description:
      "A KafkaJS option at the top level of confluent-kafka-javascript's kafka.producer() or new Kafka() config: the library throws; it belongs in kafkaJS: {}.",
    headline: 'confluent-kafka-javascript throws: move this into kafkaJS: {}',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...LIBRDKAFKA],
    catalogue: 'R-CK1',
  },
  (ctx) => {
    const x = ckjs(ctx.block);
    if (!x) return;
    const site = x.site;
    const check = (obj: JsValue, keys: string[], where: 'producer' | 'client') => {
      if (obj.t !== 'obj') return;
      const found = keys
        .map((k) => lookup(obj, k))
        .filter((r): r is { state: 'present'; prop: JsProp } => r.state === 'present')
        .map((r) => r.prop);
      if (found.length === 0) return;
      const wrap = wrapIntoKafkaJS(x, obj, found);
      for (const p of found) {
        const fixes: FixSpec[] = [];
        if (wrap)
          fixes.push({
            title: found.length > 1 ? `Move ${found.map((f) => f.key).join(', ')} into kafkaJS: {}` : `Move ${p.key} into kafkaJS: {}`,
            edits: wrap,
          });
        const rdk = KJS_AS_RDK[p.key];
        if (rdk && where === 'producer' && lookup(obj, rdk).state === 'absent')
          fixes.push({ title: `Write it as the librdkafka key '${rdk}'`, edits: renameKey(x, p, rdk) });
        ctx.report({
          span: keySpanOf(x, p),
          message:
            where === 'producer'
              ? `confluent-kafka-javascript throws at kafka.producer(): "${CKJS_MSG.producerKey(p.key)}" — in its KafkaJS-compatible API, KafkaJS options go inside kafkaJS: {} and only librdkafka keys stay outside.`
              : `confluent-kafka-javascript throws at new Kafka(): "${CKJS_MSG.commonKey(p.key)}" — in its KafkaJS-compatible API, KafkaJS options go inside kafkaJS: {} and only librdkafka keys stay outside.`,
          fixes,
          consequence: 'throws',
        });
      }
    };
    check(site.config, KJS_PRODUCER_KEYS, 'producer');
    // a client option concerns every producer of that client: report it once
    const first = x.model.producers.find((p) => p.client === site.client);
    if (site.client && first === site) check(site.client.config, KJS_COMMON_KEYS, 'client');
  },
);

function acksText(v: JsValue): string | undefined {
  const p = primitive(v);
  if (!p) return undefined;
  if (p.v === 'all' || p.v === '-1' || p.v === -1) return '-1';
  if (typeof p.v === 'number' || (typeof p.v === 'string' && /^-?\d+$/.test(p.v))) return String(p.v);
  return undefined;
}

export const ckjsSendAcks = defineRule(
  {
    id: 'ckjs-send-acks',
    description:
      'acks passed to send()/sendBatch() of a confluent-kafka-javascript producer: the library rejects the send; acks belongs in the producer config.',
    headline: 'confluent-kafka-javascript rejects acks in send(): set it on the producer',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...LIBRDKAFKA],
    catalogue: 'R-CK2',
  },
  (ctx) => {
    const x = ckjs(ctx.block);
    if (!x) return;
    const hasAcks = [...ctx.block.values.values()].some((v) => v.key === 'acks' && v.entry);
    for (const send of x.site.sends) {
      const r = lookup(send.arg, 'acks');
      if (r.state !== 'present') continue;
      const remove = x.editor.remove(r.prop);
      const fixes: FixSpec[] = [];
      const text = acksText(r.prop.value);
      if (!hasAcks && text !== undefined) {
        const set = ctx.block.writer.edits({ op: 'set', key: 'acks', value: text });
        if (set) fixes.push({ title: `Move acks: ${text} to kafka.producer()`, edits: [...remove, ...set] });
      }
      fixes.push({ title: `Remove acks from ${send.method}()${hasAcks ? ' (the producer config sets acks)' : ''}`, edits: remove });
      ctx.report({
        span: keySpanOf(x, r.prop),
        message: `confluent-kafka-javascript rejects this ${send.method}(): "${CKJS_MSG.sendAcks(send.method)}" — set acks in kafka.producer({ kafkaJS: { acks: -1 } }) (typed as a number) or as the top-level librdkafka key.`,
        fixes,
        consequence: 'throws',
      });
    }
  },
);

export const ckjsKafkaJsOptionOverridden = defineRule(
  {
    id: 'ckjs-kafkajs-option-overridden',
    description:
      'A kafkaJS option and a top-level librdkafka key set the same property to different values: confluent-kafka-javascript applies the top-level key.',
    headline: 'A top-level librdkafka key overrides a kafkaJS option',
    defaultSeverity: 'warning',
    fixable: true,
    clients: [...LIBRDKAFKA],
    catalogue: 'R-CK5',
  },
  (ctx) => {
    const x = ckjs(ctx.block);
    if (!x) return;
    const items = ctx.block.items;
    for (const [item, from] of x.mappedFrom) {
      const tops = items.filter((i) => !x.mappedFrom.has(i) && i.key === item.key);
      const winner = tops[tops.length - 1];
      if (!winner || winner.entry.value === undefined || item.entry.value === undefined || winner.entry.value === item.entry.value)
        continue;
      const prop = (i: BlockItem) => jsPropOf(i.entry);
      ctx.report({
        span: item.entry.keySpan,
        message: `confluent-kafka-javascript applies top-level librdkafka keys after the kafkaJS block: '${winner.entry.key}': ${winner.entry.value} (line ${lineAt(x, prop(winner).node)}) overrides ${from}: ${item.entry.value}, so ${item.key}=${winner.entry.value}.`,
        related: [{ span: winner.entry.keySpan, message: `'${winner.entry.key}' wins` }],
        fixes: [
          { title: `Remove ${from} (no change in behaviour)`, edits: x.editor.remove(prop(item)) },
          { title: `Remove '${winner.entry.key}' (${from}: ${item.entry.value} applies)`, edits: x.editor.remove(prop(winner)) },
        ],
        consequence: 'ignored',
      });
    }
  },
);

export const ckjsRetriesDefault5 = defineRule(
  {
    id: 'ckjs-retries-default-5',
    description:
      "An idempotent confluent-kafka-javascript producer in KafkaJS mode without retry.retries: the library sets retries=5 instead of librdkafka's 2147483647.",
    headline: 'Idempotent producer in KafkaJS mode silently gets only 5 retries',
    defaultSeverity: 'info',
    fixable: true,
    clients: [...LIBRDKAFKA],
    catalogue: 'R-CK4',
  },
  (ctx) => {
    const x = ckjs(ctx.block);
    if (!x || x.compat !== true) return;
    const values = ctx.block.values;
    const retries = values.get('retries');
    if (!retries?.injectedBy) return;
    const idem = values.get('enable.idempotence');
    const txn = values.get('transactional.id');
    const on = idem ? /^(true|t|1)$/i.test(idem.value ?? '') : txn !== undefined;
    if (!on) return;
    const edits = ctx.block.writer.edits({ op: 'set', key: 'retries', value: '2147483647' });
    ctx.report({
      span: idem?.entry?.valueSpan ?? txn?.entry?.keySpan ?? ctx.block.anchor,
      message:
        "confluent-kafka-javascript sets retries=5 for this idempotent producer (retry.retries defaults to 5 in its KafkaJS mode; librdkafka's own default is 2147483647): a send fails after 5 retries even while message.timeout.ms has not run out.",
      fixes: edits ? [{ title: 'Set retry: { retries: 2147483647 } in kafkaJS', edits }] : [],
      consequence: 'doc-only',
    });
  },
);

function topicTarget(x: JsBlockExtra, site: JsProducerSite, item: BlockItem): TextEdit[] | undefined {
  const prop = jsPropOf(item.entry);
  const text = valueText(x, prop);
  if (site.topicConfig?.t === 'obj') {
    if (lookup(site.topicConfig, item.entry.key).state !== 'absent') return [];
    return x.editor.setPath(site.topicConfig, [item.entry.key], text);
  }
  if (site.topicArg === undefined && !ts.isObjectLiteralExpression(site.node)) {
    return x.editor.addArgument(site.node, 1, `{ ${x.editor.key(item.entry.key)}: ${text} }`);
  }
  return undefined;
}

export const nodeRdkafkaTopicKeyInGlobalConfig = defineRule(
  {
    id: 'node-rdkafka-topic-key-in-global-config',
    description:
      'A topic-level librdkafka property (acks, message.timeout.ms...) in the global config of a node-rdkafka producer: the topic config replaces it, so it has no effect.',
    headline: 'Topic property in global config has no effect',
    defaultSeverity: 'warning',
    fixable: true,
    clients: [...LIBRDKAFKA],
    catalogue: 'R-N2',
  },
  (ctx) => {
    const x = jsExtra(ctx.block);
    if (!x || x.discarded.length === 0) return;
    const node = ctx.block.dialect === 'node-rdkafka';
    const topicItems = new Set(ctx.block.items.map((i) => i.key));
    for (const item of x.discarded) {
      const prop = jsPropOf(item.entry);
      const move = topicTarget(x, x.site, item);
      const remove = x.editor.remove(prop);
      const fixes: FixSpec[] = [];
      if (move && move.length > 0)
        fixes.push({ title: `Move '${item.entry.key}' to the topic config (2nd argument)`, edits: [...remove, ...move] });
      fixes.push({ title: `Remove '${item.entry.key}'`, edits: remove });
      const why = node
        ? 'node-rdkafka always installs its second constructor argument (the topic config, {} when omitted) as the default topic config'
        : 'confluent-kafka-javascript installs the topic config given as the second argument as the default topic config';
      const effect = topicItems.has(item.key)
        ? `the topic config's ${item.key} applies`
        : `librdkafka's default applies${item.key === 'acks' ? ' (acks=all)' : ''}`;
      ctx.report({
        span: item.entry.keySpan,
        message: `'${item.entry.key}': ${item.entry.value ?? valueText(x, prop)} has no effect: it is a topic-level property, and ${why}, which replaces topic-level properties set in the global config (verified with librdkafka 2.0.2) — ${effect}. In TypeScript, ${item.key} is declared in the topic config type.`,
        fixes,
        consequence: 'ignored',
      });
    }
  },
);

export const CKJS_RULES: Rule[] = [
  ckjsKafkaJsKeyOutsideBlock,
  ckjsSendAcks,
  ckjsKafkaJsOptionOverridden,
  ckjsRetriesDefault5,
  nodeRdkafkaTopicKeyInGlobalConfig,
];

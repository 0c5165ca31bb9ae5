/**
 * KafkaJS rules (catalogue §2.5, R-K1…R-K5, R-K7). They read the KafkaJS verdict
 * (clients/kafkajs/verdict.ts); fixes are text edits made with the block's TS editor, so they
 * keep the file's quotes, indentation and trailing commas.
 */
import type * as T from 'typescript';
import { ts } from '../formats/tsLazy';
import type { FixSpec, RelatedInfo, Span, TextEdit } from '../types';
import { defineRule, type BlockContext, type Rule } from './rule';
import { jsExtra, type JsBlockExtra } from '../detect/javascript';
import { KJS_MSG, kafkaJsVerdict, type KafkaJsVerdict, type KjsSetting } from '../clients/kafkajs/verdict';
import { envNames, lookup, showLit, startOf, type JsProp } from '../formats/jsStatic';
import type { JsProducerSite, JsSendSite } from '../formats/typescript';

const KAFKAJS = ['kafkajs'] as const;

/** Where a property's value is (its entry), or the property itself. */
export function valueSpanOf(x: JsBlockExtra, prop: JsProp): Span {
  const e = x.model.entryOf(prop);
  if (e) return e.valueSpan;
  return { start: startOf(prop.node, x.model.sf), end: prop.node.end };
}

export function keySpanOf(x: JsBlockExtra, prop: JsProp): Span {
  const e = x.model.entryOf(prop);
  if (e) return e.keySpan;
  return { start: startOf(prop.keyNode, x.model.sf), end: prop.keyNode.end };
}

export function nodeSpan(x: JsBlockExtra, n: T.Node): Span {
  return { start: startOf(n, x.model.sf), end: n.end };
}

export const lineAt = (x: JsBlockExtra, n: T.Node) => x.model.sf.getLineAndCharacterOfPosition(startOf(n, x.model.sf)).line + 1;

/** The source text of a property's value (`-1`, `Number(process.env.ACKS ?? 1)`). */
export function valueText(x: JsBlockExtra, prop: JsProp): string {
  const el = prop.node;
  if (ts.isPropertyAssignment(el)) return el.initializer.getText(x.model.sf);
  if (ts.isShorthandPropertyAssignment(el)) return el.name.text;
  return el.getText(x.model.sf);
}

/** ` (unless ACKS is set: without it, `Number(process.env.ACKS ?? 1)` is 1)` for values read from the environment. */
export function judged(s: KjsSetting): string {
  return s.state === 'present' && s.env ? ` (unless ${envNames(s.vars ?? [])} is set: without it, \`${s.env}\` is ${showLit(s.v)})` : '';
}

function shown(s: KjsSetting): string {
  return s.state === 'present' ? showLit(s.v) : '…';
}

function callName(site: JsProducerSite): string {
  return site.api === 'nestjs' ? 'the NestJS Kafka transport' : 'kafka.producer()';
}

function setup(ctx: BlockContext): { x: JsBlockExtra; v: KafkaJsVerdict } | undefined {
  const x = jsExtra(ctx.block);
  const v = kafkaJsVerdict(ctx.block);
  return x && v ? { x, v } : undefined;
}

function idempotentRelated(x: JsBlockExtra, v: KafkaJsVerdict): RelatedInfo[] {
  return v.idempotent.state === 'present'
    ? [{ span: keySpanOf(x, v.idempotent.prop), message: `idempotent: ${shown(v.idempotent)} makes KafkaJS enforce idempotence` }]
    : [];
}

/** `Set idempotent: false` as an honest alternative, when the option is written in this producer. */
function idempotentOff(x: JsBlockExtra, v: KafkaJsVerdict, keep: string): FixSpec | undefined {
  if (v.idempotent.state !== 'present') return undefined;
  return {
    title: `Set idempotent: false (keep ${keep}; this producer is then not idempotent)`,
    edits: x.editor.replaceValue(v.idempotent.prop, 'false'),
  };
}

const MAX = 'Number.MAX_SAFE_INTEGER';

/** Edits that set the producer's own retry.retries to Number.MAX_SAFE_INTEGER (it wins over the client's). */
const maxRetriesEdits = (ctx: BlockContext) => ctx.block.writer.edits({ op: 'set', key: 'retry.retries', value: MAX });

export const kafkajsIdempotentAcks = defineRule(
  {
    id: 'kafkajs-idempotent-acks',
    description:
      'A send of an idempotent (or transactional) KafkaJS producer with acks other than the number -1: KafkaJS rejects the send.',
    headline: 'KafkaJS rejects the send: acks must be -1 for an idempotent producer',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...KAFKAJS],
    catalogue: 'R-K1',
  },
  (ctx) => {
    const s = setup(ctx);
    if (!s) return;
    const { x, v } = s;
    for (const sv of v.sends) {
      if (sv.rejects !== true || sv.acks.state !== 'present') continue;
      const acks = sv.acks;
      const why = sv.send.inTransaction
        ? 'every send inside producer.transaction() is idempotent'
        : `the producer is idempotent (idempotent: ${shown(v.idempotent)}${v.idempotent.state === 'present' ? `, line ${lineAt(x, v.idempotent.prop.node)}` : ''})`;
      const str = typeof acks.v === 'string' ? '; KafkaJS compares with `acks !== -1`, so a string is refused' : '';
      const where =
        sv.send.method === 'options.send'
          ? 'NestJS passes `options.send` to every producer.send(), and KafkaJS rejects those sends'
          : `KafkaJS rejects this ${sv.send.method}()`;
      const fixes: FixSpec[] = [
        { title: 'Set acks: -1', edits: x.editor.replaceValue(acks.prop, '-1') },
        { title: 'Remove acks (KafkaJS defaults to -1)', edits: x.editor.remove(acks.prop) },
      ];
      if (!sv.send.inTransaction) {
        const off = idempotentOff(x, v, `acks: ${showLit(acks.v)}`);
        if (off) fixes.push(off);
      }
      ctx.report({
        span: valueSpanOf(x, acks.prop),
        message: `${where}: "${KJS_MSG.acks}" — ${why}, and acks must be exactly the number -1, not ${showLit(acks.v)}${str}${judged(acks)}.`,
        related: sv.send.inTransaction
          ? v.transactions.map((t) => ({ span: nodeSpan(x, t.node), message: 'producer.transaction() makes its sends idempotent' }))
          : idempotentRelated(x, v),
        fixes,
        consequence: 'throws',
      });
    }
  },
);

function retriesRelated(x: JsBlockExtra, v: KafkaJsVerdict): RelatedInfo[] {
  const out = idempotentRelated(x, v);
  if (v.retries.state === 'present' && v.retries.from === 'client') {
    out.push({ span: keySpanOf(x, v.retries.prop), message: "new Kafka({ retry }) is merged under the producer's retry options" });
  }
  return out;
}

function retriesOrigin(x: JsBlockExtra, v: KafkaJsVerdict): string {
  if (v.retries.state !== 'present') return '';
  return v.retries.from === 'client'
    ? ` (from new Kafka({ retry }) on line ${lineAt(x, v.retries.prop.node)}, which ${callName(v.site)} merges under its own retry options)`
    : '';
}

export const kafkajsIdempotentRetriesZero = defineRule(
  {
    id: 'kafkajs-idempotent-retries-zero',
    description: 'An idempotent KafkaJS producer whose retry.retries (producer or client) is below 1: kafka.producer() throws.',
    headline: 'kafka.producer() throws: idempotent producer with retries below 1',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...KAFKAJS],
    catalogue: 'R-K2',
  },
  (ctx) => {
    const s = setup(ctx);
    if (!s || s.v.throwsAtProducer !== true || s.v.retries.state !== 'present') return;
    const { x, v } = s;
    const r = v.retries as Extract<KjsSetting, { state: 'present' }>;
    const fixes: FixSpec[] = [];
    const max = maxRetriesEdits(ctx);
    if (max) fixes.push({ title: `Set retry.retries: ${MAX} in ${callName(v.site)}`, edits: max });
    const off = idempotentOff(x, v, `retries: ${showLit(r.v)}`);
    if (off) fixes.push(off);
    ctx.report({
      span: valueSpanOf(x, r.prop),
      message: `KafkaJS throws at ${callName(v.site)}: "${KJS_MSG.retriesZero}" — the producer is idempotent and retry.retries is ${showLit(r.v)}${retriesOrigin(x, v)}${judged(r)}.`,
      related: retriesRelated(x, v),
      fixes,
      consequence: 'throws',
    });
  },
);

export const kafkajsIdempotentRetriesLimited = defineRule(
  {
    id: 'kafkajs-idempotent-retries-limited',
    description:
      'An idempotent KafkaJS producer with a finite retry.retries: KafkaJS logs that limiting retries may invalidate EoS guarantees.',
    headline: 'KafkaJS warns: finite retries may invalidate EoS guarantees',
    defaultSeverity: 'warning',
    fixable: true,
    clients: [...KAFKAJS],
    catalogue: 'R-K3',
  },
  (ctx) => {
    const s = setup(ctx);
    if (!s || s.v.warnsLimitedRetries !== true || s.v.retries.state !== 'present') return;
    const { x, v } = s;
    const r = v.retries as Extract<KjsSetting, { state: 'present' }>;
    const max = maxRetriesEdits(ctx);
    ctx.report({
      span: valueSpanOf(x, r.prop),
      message: `KafkaJS logs WARN "${KJS_MSG.retriesLimited}" when it creates this idempotent producer: with retry.retries ${showLit(r.v)}${retriesOrigin(x, v)} a send fails once the retries run out, and the application's own re-send is a new write that the broker does not de-duplicate${judged(r)}.`,
      related: retriesRelated(x, v),
      fixes: max ? [{ title: `Set retry.retries: ${MAX}`, edits: max }] : [],
      consequence: 'warns',
    });
  },
);

export const kafkajsDefaultRetries = defineRule(
  {
    id: 'kafkajs-idempotent-default-retries-5',
    description:
      'An idempotent KafkaJS producer without retry.retries gets 5 retries, silently (not the documented Number.MAX_SAFE_INTEGER).',
    headline: 'Idempotent KafkaJS producer silently gets only 5 retries',
    defaultSeverity: 'info',
    fixable: true,
    clients: [...KAFKAJS],
    catalogue: 'R-K4',
  },
  (ctx) => {
    const s = setup(ctx);
    if (!s || s.v.idempotentOn !== true || s.v.retries.state !== 'absent') return;
    const { x, v } = s;
    const edits = ctx.block.writer.edits({ op: 'set', key: 'retry.retries', value: MAX });
    ctx.report({
      span: v.idempotent.state === 'present' ? valueSpanOf(x, v.idempotent.prop) : ctx.block.anchor,
      message: `KafkaJS retries a failed send of this idempotent producer only 5 times, without a warning: its docs say retries default to Number.MAX_SAFE_INTEGER for idempotent producers, but ${callName(v.site)} always hands the producer a retry object, so the retrier's own default of 5 applies.`,
      fixes: edits ? [{ title: `Add retry: { retries: ${MAX} }`, edits }] : [],
      consequence: 'doc-only',
    });
  },
);

/** Adds `key: text` to a send's argument object, or undefined when the argument is not an editable object. */
function addToSend(x: JsBlockExtra, send: JsSendSite, key: string, text: string): TextEdit[] | undefined {
  if (send.arg.t !== 'obj') return undefined;
  return x.editor.setPath(send.arg, [key], text);
}

/** Adds `key: text` to a producer's config (creating the argument when there is none). */
function addToProducer(x: JsBlockExtra, site: JsProducerSite, key: string, text: string): TextEdit[] | undefined {
  if (site.api === 'nestjs') return site.nestOptions ? x.editor.setPath(site.nestOptions, ['producer', key], text) : undefined;
  if (site.config.t === 'lit' && site.config.v === undefined && !ts.isObjectLiteralExpression(site.node))
    return x.editor.addArgument(site.node, 0, `{ ${x.editor.key(key)}: ${text} }`);
  return x.editor.setPath(site.config, [key], text);
}

export const kafkajsMisplacedOption = defineRule(
  {
    id: 'kafkajs-misplaced-option',
    description: 'A KafkaJS option passed to a call that ignores it (acks in producer(), idempotent in send() or new Kafka()).',
    headline: 'KafkaJS ignores this option in this call',
    defaultSeverity: 'warning',
    fixable: true,
    clients: [...KAFKAJS],
    catalogue: 'R-K5',
  },
  (ctx) => {
    const s = setup(ctx);
    if (!s) return;
    const { x, v } = s;
    const site = v.site;
    const producers = x.model.producers.filter((p) => p.client && p.client === site.client);
    for (const m of v.misplaced) {
      // a client option concerns every producer of that client: report it once
      if (m.where === 'client' && producers[0] !== site) continue;
      const text = valueText(x, m.prop);
      const remove = x.editor.remove(m.prop);
      const key = m.prop.key;
      const call = m.where === 'producer' ? callName(site) : m.where === 'client' ? 'new Kafka()' : `${m.send?.method ?? 'send'}()`;
      let fixes: FixSpec[] = [];
      let effect: string;
      if (m.belongs === 'send') {
        // acks: KafkaJS reads it per send
        const targets = (m.where === 'client' ? producers : [site]).flatMap((p) =>
          p.sends.filter((sd) => sd.method !== 'options.send' && lookup(sd.arg, 'acks').state === 'absent'),
        );
        const val = m.prop.value.t === 'lit' || m.prop.value.t === 'env' ? m.prop.value.v : undefined;
        const wouldReject = v.idempotentOn !== false && val !== -1;
        effect = `the sends use acks -1 (all replicas), whatever this says`;
        if (targets.length > 0 && !wouldReject) {
          const adds = targets.map((t) => addToSend(x, t, 'acks', text));
          if (adds.every((a) => a !== undefined))
            fixes.push({
              title: `Move acks to ${targets.length > 1 ? `the ${targets.length} send() calls` : 'send()'}`,
              edits: [...remove, ...adds.flat()],
            });
        }
        fixes.push({
          title: `Remove acks from ${call}${wouldReject ? ' (sends keep -1, which an idempotent producer requires)' : ''}`,
          edits: remove,
        });
      } else {
        const targets = m.where === 'client' ? producers : [site];
        const missing = targets.filter((p) => lookup(p.config, key).state === 'absent');
        effect =
          missing.length < targets.length
            ? `${callName(site)} sets its own ${key}, which applies`
            : key === 'idempotent'
              ? `${m.where === 'client' ? 'the producers of this client are' : 'this producer is'} not idempotent`
              : `${callName(site)} does not get ${key}`;
        const adds = missing.map((p) => addToProducer(x, p, key, text));
        if (missing.length > 0 && adds.every((a) => a !== undefined)) {
          fixes.push({ title: `Move ${key} to ${callName(site)}`, edits: [...remove, ...adds.flat()] });
        }
        fixes.push({ title: `Remove ${key} from ${call}`, edits: remove });
        if (missing.length === 0) fixes = fixes.slice(-1);
      }
      ctx.report({
        span: keySpanOf(x, m.prop),
        message: `KafkaJS ignores ${key} in ${call}: it is an option of ${m.belongs === 'send' ? 'send()/sendBatch()' : 'kafka.producer()'}, so ${effect}.`,
        related: m.belongs === 'producer' ? [{ span: ctx.block.anchor, message: `${key} belongs in ${callName(site)}` }] : [],
        fixes,
        consequence: 'ignored',
      });
    }
  },
);

export const kafkajsTransactionWithoutId = defineRule(
  {
    id: 'kafkajs-transaction-without-id',
    description: 'producer.transaction() on a KafkaJS producer without transactionalId: KafkaJS rejects it.',
    headline: 'KafkaJS rejects transaction(): producer has no transactionalId',
    defaultSeverity: 'error',
    fixable: false,
    clients: [...KAFKAJS],
    catalogue: 'R-K7',
  },
  (ctx) => {
    const s = setup(ctx);
    if (!s) return;
    const { x, v } = s;
    for (const t of v.transactions) {
      if (t.rejects !== true) continue;
      const id = v.transactionalId;
      const why =
        id.state === 'present'
          ? `its transactionalId is ${showLit(id.v)}`
          : `${callName(v.site)} on line ${lineAt(x, v.site.node)} has no transactionalId`;
      ctx.report({
        span: nodeSpan(x, t.node.expression),
        message: `KafkaJS rejects producer.transaction(): "${KJS_MSG.transactionalId}" — ${why}. Give the producer a stable, unique transactionalId (and idempotent: true).`,
        related: [{ span: ctx.block.anchor, message: 'the producer' }],
        consequence: 'throws',
      });
    }
  },
);

export const KAFKAJS_RULES: Rule[] = [
  kafkajsIdempotentAcks,
  kafkajsIdempotentRetriesZero,
  kafkajsIdempotentRetriesLimited,
  kafkajsDefaultRetries,
  kafkajsMisplacedOption,
  kafkajsTransactionWithoutId,
];

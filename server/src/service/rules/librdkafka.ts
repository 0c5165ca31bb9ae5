/**
 * Rules for librdkafka-based producers (kcat `-F` files, node-rdkafka,
 * confluent-kafka-javascript), catalogue §2.4 (R-R1 … R-R13). They read the verdict
 * (clients/librdkafka/verdict.ts), whatever the block's format, and express fixes as block
 * operations on block keys; the block's writer decides the spelling.
 */
import type { BlockOp, FixSpec, RelatedInfo, Span } from '../types';
import { decideIdempotenceFixes, defineRule, turnOnFix, type BlockContext, type Rule } from './rule';
import {
  describeRdkSetting,
  librdkafkaVerdict,
  type LibrdkafkaVerdict,
  type RdkCheck,
  type RdkConflict,
  type RdkSetting,
} from '../clients/librdkafka/verdict';
import { IDEMP_MAX_INFLIGHT, RDK, RDK_PROPERTIES, parseRdkValue, type RdkKey } from '../clients/librdkafka/config';
import { RDK_DELIVERY_KEYS, consequence, deliveryIntent, rdkFacts } from './claims';

const RDK_CLIENTS = ['librdkafka'] as const;

/** How librdkafka reports each kind of failure (said in every message). */
export const RDK_REFUSES_NEW =
  'librdkafka refuses to create the producer (rd_kafka_new fails; node-rdkafka and confluent-kafka-javascript report it from connect())';
export const RDK_REFUSES_TOPIC =
  'librdkafka refuses every topic handle of this producer (rd_kafka_topic_new fails and only logs TOPICCONF "Incompatible configuration settings for topic …"; the producer starts, but nothing can be produced)';
export const RDK_REFUSES_SET =
  'librdkafka rejects the value (rd_kafka_conf_set fails before the producer exists; node-rdkafka and confluent-kafka-javascript throw it from the Producer constructor)';

const verdictOf = (ctx: BlockContext): LibrdkafkaVerdict => librdkafkaVerdict(ctx.block);

function spanOf(ctx: BlockContext, s: RdkSetting | undefined, part: 'value' | 'key' = 'value'): Span {
  const e = s?.item?.entry;
  if (!e) return ctx.block.anchor;
  return part === 'key' || e.valueSpan.start === e.valueSpan.end ? e.keySpan : e.valueSpan;
}

function relatedOf(c: RdkConflict): RelatedInfo[] {
  return c.related.filter((r) => r.setting.item).map((r) => ({ span: r.setting.item!.entry.keySpan, message: r.why }));
}

/** Is `s` the setting a `set` op on its key would edit (the last entry of that key)? */
function isLastOfKey(ctx: BlockContext, s: RdkSetting): boolean {
  if (!s.item) return false;
  const mine = ctx.block.items.filter((i) => i.key === s.key);
  return mine[mine.length - 1] === s.item;
}

/** Ops that make an explicit `enable.idempotence=true` start: fix every explicitly set conflicting key too. */
function idempotenceCompanions(v: LibrdkafkaVerdict): BlockOp[] {
  const ops: BlockOp[] = [];
  const val = (k: RdkKey) => {
    const s = v.effective.get(k);
    return s?.parsed?.ok ? s.parsed.value : undefined;
  };
  const acks = val(RDK.acks);
  if (typeof acks === 'number' && acks !== -1) ops.push({ op: 'set', key: RDK.acks, value: 'all' });
  const inflight = val(RDK.inFlight);
  if (typeof inflight === 'number' && inflight > IDEMP_MAX_INFLIGHT)
    ops.push({ op: 'set', key: RDK.inFlight, value: String(IDEMP_MAX_INFLIGHT) });
  const retries = val(RDK.retries);
  if (typeof retries === 'number' && retries < 1) ops.push({ op: 'remove', key: RDK.retries });
  const q = val(RDK.queuingStrategy);
  if (typeof q === 'number' && q !== 0) ops.push({ op: 'remove', key: RDK.queuingStrategy });
  const bp = val(RDK.backpressure);
  if (typeof bp === 'number' && bp > 1) ops.push({ op: 'remove', key: RDK.backpressure });
  return ops;
}

/** The honest alternative: say that this producer is not idempotent (not when transactional). */
function explicitOff(v: LibrdkafkaVerdict, keep: string): FixSpec[] {
  if (v.transactional !== false) return [];
  const ops: BlockOp[] = [{ op: 'set', key: RDK.idempotence, value: 'false' }];
  const gapless = v.effective.get(RDK.gapless)?.parsed;
  if (gapless?.ok && gapless.value === 1) ops.push({ op: 'remove', key: RDK.gapless });
  return [{ title: `Set enable.idempotence=false (keep ${keep}; this producer is then not idempotent)`, ops }];
}

function refusal(c: RdkConflict): string {
  return `${c.stage === 'new' ? RDK_REFUSES_NEW : RDK_REFUSES_TOPIC}: "${c.message}"`;
}

function whyOn(v: LibrdkafkaVerdict): string {
  return `idempotence is on because ${v.idempotenceReason}`;
}

interface ConflictSpec {
  id: string;
  catalogue: string;
  check: RdkCheck;
  description: string;
  headline: string;
  explain: (c: RdkConflict, v: LibrdkafkaVerdict, ctx: BlockContext) => string;
  fixes: (c: RdkConflict, v: LibrdkafkaVerdict, ctx: BlockContext) => FixSpec[];
}

function conflictRule(spec: ConflictSpec): Rule {
  return defineRule(
    {
      id: spec.id,
      description: spec.description,
      headline: spec.headline,
      defaultSeverity: 'error',
      fixable: true,
      clients: [...RDK_CLIENTS],
      catalogue: spec.catalogue,
    },
    (ctx) => {
      const v = verdictOf(ctx);
      for (const c of v.conflicts) {
        if (c.check !== spec.check) continue;
        ctx.report({
          span: spanOf(ctx, c.setting),
          message: `${refusal(c)}. ${spec.explain(c, v, ctx)}`,
          related: relatedOf(c),
          fixes: spec.fixes(c, v, ctx),
          consequence: 'throws',
        });
      }
    },
  );
}

const shown = (ctx: BlockContext, s: RdkSetting) =>
  s.item ? describeRdkSetting({ ...s, origin: `line ${ctx.lines.lineOf(s.item.entry.keySpan.start) + 1}` }) : describeRdkSetting(s);
const bare = (s: RdkSetting) => describeRdkSetting({ ...s, origin: undefined, unless: undefined });

export const rdkAcksConflict = conflictRule({
  id: 'rdk-acks-conflict',
  catalogue: 'R-R1',
  check: 'acks',
  description: 'acks (request.required.acks) set to anything but all while idempotence is on: librdkafka refuses the producer.',
  headline: 'librdkafka refuses the producer: acks not all with idempotence',
  explain: (c, v, ctx) => `${shown(ctx, c.setting)} is set explicitly and ${whyOn(v)}; left unset, librdkafka would use acks=all.`,
  fixes: (c, v) => [{ title: 'Set acks=all', ops: [{ op: 'set', key: RDK.acks, value: 'all' }] }, ...explicitOff(v, bare(c.setting))],
});

export const rdkMaxInFlight = conflictRule({
  id: 'rdk-max-in-flight',
  catalogue: 'R-R2',
  check: 'max-in-flight',
  description: 'max.in.flight (max.in.flight.requests.per.connection) above 5 while idempotence is on: librdkafka refuses the producer.',
  headline: 'librdkafka refuses the producer: max.in.flight above 5 with idempotence',
  explain: (c, v, ctx) =>
    `${shown(ctx, c.setting)} is set explicitly and ${whyOn(v)}; left unset, librdkafka would cap it to 5 (the broker keeps only the last 5 batches per producer and partition).`,
  fixes: (c, v) => [
    { title: 'Set max.in.flight=5', ops: [{ op: 'set', key: RDK.inFlight, value: String(IDEMP_MAX_INFLIGHT) }] },
    { title: 'Remove max.in.flight (librdkafka caps it to 5 for idempotence)', ops: [{ op: 'remove', key: RDK.inFlight }] },
    ...explicitOff(v, bare(c.setting)),
  ],
});

export const rdkRetries = conflictRule({
  id: 'rdk-retries',
  catalogue: 'R-R3',
  check: 'retries',
  description: 'retries (message.send.max.retries) below 1 while idempotence is on: librdkafka refuses the producer.',
  headline: 'librdkafka refuses the producer: retries below 1 with idempotence',
  explain: (c, v, ctx) =>
    `${shown(ctx, c.setting)} is set explicitly and ${whyOn(v)}; left unset, librdkafka would retry up to 2147483647 times, bounded by message.timeout.ms.`,
  fixes: (c, v) => [
    { title: 'Remove retries (librdkafka then retries until message.timeout.ms)', ops: [{ op: 'remove', key: RDK.retries }] },
    ...explicitOff(v, bare(c.setting)),
  ],
});

export const rdkQueuingStrategy = conflictRule({
  id: 'rdk-queuing-strategy',
  catalogue: 'R-R4',
  check: 'queuing-strategy',
  description: 'queuing.strategy other than fifo while idempotence is on: librdkafka refuses the producer.',
  headline: 'librdkafka refuses the producer: queuing.strategy not fifo with idempotence',
  explain: (c, v, ctx) =>
    `${shown(ctx, c.setting)} is set explicitly and ${whyOn(v)}; left unset, librdkafka would use fifo (queuing.strategy is deprecated and experimental).`,
  fixes: (c, v) => [
    { title: 'Remove queuing.strategy (fifo)', ops: [{ op: 'remove', key: RDK.queuingStrategy }] },
    ...explicitOff(v, bare(c.setting)),
  ],
});

export const rdkBackpressure = conflictRule({
  id: 'rdk-backpressure',
  catalogue: 'R-R5',
  check: 'backpressure',
  description: 'queue.buffering.backpressure.threshold above 1 while idempotence is on: librdkafka refuses the producer.',
  headline: 'librdkafka refuses the producer: backpressure threshold above 1 with idempotence',
  explain: (c, v, ctx) => `${shown(ctx, c.setting)} is set explicitly and ${whyOn(v)}; left unset, librdkafka would use 1.`,
  fixes: (c, v) => [
    { title: 'Remove queue.buffering.backpressure.threshold (1)', ops: [{ op: 'remove', key: RDK.backpressure }] },
    ...explicitOff(v, bare(c.setting)),
  ],
});

export const rdkGaplessNeedsIdempotence = conflictRule({
  id: 'rdk-gapless-needs-idempotence',
  catalogue: 'R-R6',
  check: 'gapless-needs-idempotence',
  description: 'enable.gapless.guarantee=true without idempotence: librdkafka refuses the producer.',
  headline: 'librdkafka refuses the producer: gapless without idempotence',
  explain: (c, v, ctx) => `${shown(ctx, c.setting)} needs the idempotent producer, and idempotence is off because ${v.idempotenceReason}.`,
  fixes: (_c, v) => {
    const ops: BlockOp[] = [{ op: 'set', key: RDK.idempotence, value: 'true' }, ...idempotenceCompanions(v)];
    return [turnOnFix(ops), { title: 'Remove enable.gapless.guarantee', ops: [{ op: 'remove', key: RDK.gapless }] }];
  },
});

export const rdkTxnNeedsIdempotence = conflictRule({
  id: 'rdk-txn-needs-idempotence',
  catalogue: 'R-R7',
  check: 'txn-needs-idempotence',
  description: 'transactional.id with enable.idempotence=false set explicitly: librdkafka refuses the producer.',
  headline: 'librdkafka refuses the producer: transactions need idempotence',
  explain: (c, _v, ctx) => `transactional.id turns idempotence on by itself, but ${shown(ctx, c.setting)} turns it off explicitly.`,
  fixes: (_c, v) => {
    const ops: BlockOp[] = [{ op: 'remove', key: RDK.idempotence }, ...idempotenceCompanions(v)];
    return [
      {
        title:
          ops.length > 1
            ? 'Remove enable.idempotence=false (and fix the settings that conflict with idempotence)'
            : 'Remove enable.idempotence=false (transactional.id turns idempotence on)',
        ops,
      },
      { title: 'Remove transactional.id (no transactions)', ops: [{ op: 'remove', key: RDK.transactionalId }] },
    ];
  },
});

export const rdkTxnMessageTimeout = conflictRule({
  id: 'rdk-txn-message-timeout',
  catalogue: 'R-R8',
  check: 'txn-message-timeout',
  description:
    'message.timeout.ms (delivery.timeout.ms) above transaction.timeout.ms with transactional.id: librdkafka refuses the producer.',
  headline: 'librdkafka refuses the producer: message timeout > transaction timeout',
  explain: (c, _v, ctx) =>
    `${shown(ctx, c.setting)} is set explicitly and exceeds transaction.timeout.ms (${c.detail}); left unset, librdkafka would use transaction.timeout.ms.`,
  fixes: (c) => {
    const t = /> (\d+)$/.exec(c.detail ?? '')?.[1];
    return [
      { title: 'Remove message.timeout.ms (librdkafka uses transaction.timeout.ms)', ops: [{ op: 'remove', key: RDK.messageTimeout }] },
      ...(t ? [{ title: `Set message.timeout.ms=${t}`, ops: [{ op: 'set', key: RDK.messageTimeout, value: t } as BlockOp] }] : []),
    ];
  },
});

export const rdkTxnSocketTimeout = conflictRule({
  id: 'rdk-txn-socket-timeout',
  catalogue: 'R-R9',
  check: 'txn-socket-timeout',
  description: 'socket.timeout.ms above transaction.timeout.ms + 100 with transactional.id: librdkafka refuses the producer.',
  headline: 'librdkafka refuses the producer: socket timeout over transaction timeout',
  explain: (c, _v, ctx) =>
    `${shown(ctx, c.setting)} is set explicitly and exceeds transaction.timeout.ms + 100 (${c.detail}); left unset, librdkafka would use transaction.timeout.ms - 100.`,
  fixes: (c) => {
    const t = /> (\d+) \+ 100$/.exec(c.detail ?? '')?.[1];
    return [
      { title: 'Remove socket.timeout.ms (librdkafka uses transaction.timeout.ms - 100)', ops: [{ op: 'remove', key: RDK.socketTimeout }] },
      ...(t ? [{ title: `Set socket.timeout.ms=${t}`, ops: [{ op: 'set', key: RDK.socketTimeout, value: t } as BlockOp] }] : []),
    ];
  },
});

export const rdkMessageTimeoutVsLinger = conflictRule({
  id: 'rdk-message-timeout-vs-linger',
  catalogue: 'R-R11',
  check: 'message-timeout-vs-linger',
  description: 'linger.ms (queue.buffering.max.ms) set to message.timeout.ms or more: librdkafka refuses the producer (or its topics).',
  headline: 'librdkafka refuses: linger.ms at or above message.timeout.ms',
  explain: (c, v, ctx) => {
    const mtSet = v.effective.get(RDK.messageTimeout);
    const mtText = /^(\S+) <=/.exec(c.detail ?? '')?.[1];
    const source = c.related.some((r) => r.setting.key === RDK.transactionalId)
      ? `with transactional.id, message.timeout.ms defaults to transaction.timeout.ms (${mtText})`
      : mtSet
        ? `message.timeout.ms is ${mtText}`
        : `message.timeout.ms is ${mtText} (the default)`;
    return `${shown(ctx, c.setting)} is set explicitly and ${source}: a message would time out before its batch is sent. Left unset (5 ms), linger.ms is never refused: librdkafka lowers it below message.timeout.ms itself.`;
  },
  fixes: (c, v) => {
    const fixes: FixSpec[] = [{ title: 'Remove linger.ms (default 5 ms)', ops: [{ op: 'remove', key: RDK.linger }] }];
    const mtSet = v.effective.get(RDK.messageTimeout);
    const lingerVal = c.setting.parsed?.ok ? Number(c.setting.parsed.value) : NaN;
    if (mtSet && !v.transactional && lingerVal < 300000) {
      fixes.push({ title: 'Remove message.timeout.ms (default 300000)', ops: [{ op: 'remove', key: RDK.messageTimeout }] });
    }
    return fixes;
  },
});

/** A value the user would not expect librdkafka to read that way; the error when it refuses it. */
function valueFix(ctx: BlockContext, s: RdkSetting, value: string, title: string): FixSpec | undefined {
  if (!isLastOfKey(ctx, s)) return undefined;
  return { title, ops: [{ op: 'set', key: s.key, value }] };
}

function guessValue(key: RdkKey, raw: string): string | undefined {
  const p = RDK_PROPERTIES[key];
  const t = raw.trim().toLowerCase();
  switch (p.type) {
    case 'bool':
      if (['yes', 'y', 'on', 'enabled', 'enable'].includes(t)) return 'true';
      if (['no', 'n', 'off', 'disabled', 'disable'].includes(t)) return 'false';
      return undefined;
    case 'enum':
      return Object.keys(p.names ?? {}).find((n) => n === t) ?? undefined;
    case 'int':
    case 'float': {
      if (key === RDK.acks) return 'all';
      const n = Number(t);
      if (!Number.isFinite(n)) return undefined;
      const clamped = Math.min(Math.max(Math.trunc(n), p.min ?? -Infinity), p.max ?? Infinity);
      const r = parseRdkValue(key, String(clamped));
      return r.ok ? String(clamped) : undefined;
    }
    default:
      return undefined;
  }
}

export const rdkValueFormat = defineRule(
  {
    id: 'rdk-value-format',
    description: 'A value librdkafka rejects (rd_kafka_conf_set fails), or reads differently from how it looks (5abc → 5, 010 → 8).',
    headline: 'librdkafka rejects this value, or reads it differently than it looks',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...RDK_CLIENTS],
    catalogue: 'R-R10',
  },
  (ctx) => {
    const v = verdictOf(ctx);
    for (const e of v.setErrors) {
      const s = e.setting;
      const fixes: FixSpec[] = [];
      const prop = (RDK_PROPERTIES as Record<string, (typeof RDK_PROPERTIES)[RdkKey]>)[s.key];
      const guess = prop && s.raw !== undefined && !s.topicConf ? guessValue(prop.key, s.raw) : undefined;
      if (guess !== undefined) {
        const f = valueFix(ctx, s, guess, `Set ${s.spelling ?? s.key}=${guess}`);
        if (f) fixes.push(f);
      }
      if (s.item) fixes.push({ title: `Remove ${s.spelling ?? s.key}`, edits: [{ span: s.item.entry.entrySpan, newText: '' }] });
      ctx.report({
        span: spanOf(ctx, s),
        message: `${RDK_REFUSES_SET}: "${e.message}".`,
        fixes,
        consequence: 'throws',
      });
    }
    for (const r of v.readings) {
      const s = r.setting;
      const parsed = s.parsed?.ok ? s.parsed : undefined;
      const fixes: FixSpec[] = [];
      if (
        parsed &&
        parsed.value !== undefined &&
        parsed.value !== null &&
        typeof parsed.value === 'number' &&
        Number.isFinite(parsed.value)
      ) {
        const f = valueFix(ctx, s, parsed.text, `Write ${s.spelling ?? s.key}=${parsed.text} (what librdkafka reads)`);
        if (f) fixes.push(f);
      }
      ctx.report({
        span: spanOf(ctx, s),
        message: `${r.note}. librdkafka accepts it without a warning (rd_kafka_conf_set parses numbers with strtol/strtod).`,
        fixes,
        severity: 'warning',
        consequence: 'doc-only',
      });
    }
  },
);

export const rdkIdempotenceDefaultOff = defineRule(
  {
    id: 'rdk-idempotence-default-off',
    description: 'librdkafka does not make a producer idempotent unless enable.idempotence=true (or transactional.id) is set.',
    headline: 'Not idempotent: librdkafka needs enable.idempotence=true',
    defaultSeverity: 'info',
    fixable: true,
    clients: [...RDK_CLIENTS],
    catalogue: 'R-R12',
  },
  (ctx) => {
    const v = verdictOf(ctx);
    if (v.idempotence !== false || v.transactional !== false || v.refusesToStart) return;
    if (v.effective.has(RDK.idempotence) || v.setErrors.some((e) => e.setting.key === RDK.idempotence)) return;
    const acks = v.effective.get(RDK.acks);
    if (acks && !(acks.parsed?.ok && acks.parsed.value === -1)) return; // acks=0/1 (or unknown): no durability intent
    // advice only where the configuration says something about delivery (acks, retries, in-flight, timeouts)
    const intent = deliveryIntent(ctx.block, RDK_DELIVERY_KEYS);
    if (!intent) return;
    // only when retries can duplicate: a producer that never retries (retries=0) has nothing to gain here
    const then = consequence(rdkFacts(v), ['retry-duplicates', 'retry-reorders']);
    if (!then) return;
    const ops: BlockOp[] = [{ op: 'set', key: RDK.idempotence, value: 'true' }, ...idempotenceCompanions(v)];
    ctx.report({
      span: acks?.item ? spanOf(ctx, acks, 'key') : intent.entry.keySpan,
      message:
        'librdkafka does not make this producer idempotent: enable.idempotence defaults to false (unlike the Java client since 3.0). ' +
        `acks is all, but ${then}; enable.idempotence=true keeps order with up to 5 requests in flight.`,
      fixes: decideIdempotenceFixes(ops, RDK.idempotence),
      consequence: 'doc-only',
    });
  },
);

export const rdkAliasConflict = defineRule(
  {
    id: 'rdk-alias-conflict',
    description:
      'Two spellings of one librdkafka property (acks / request.required.acks, retries / message.send.max.retries...) with different values: the last one applied wins.',
    headline: 'Two spellings of one librdkafka property disagree: the last one wins',
    defaultSeverity: 'warning',
    fixable: true,
    clients: [...RDK_CLIENTS],
    catalogue: 'R-R13',
  },
  (ctx) => {
    const v = verdictOf(ctx);
    for (const a of v.aliasConflicts) {
      const prop = (RDK_PROPERTIES as Record<string, (typeof RDK_PROPERTIES)[RdkKey]>)[a.key];
      const fixes: FixSpec[] = [];
      if (a.shadowed.item)
        fixes.push({
          title: `Remove ${bare(a.shadowed)} (overwritten anyway)`,
          edits: [{ span: a.shadowed.item.entry.entrySpan, newText: '' }],
        });
      if (a.winner.item)
        fixes.push({
          title: `Remove ${bare(a.winner)} (keep ${bare(a.shadowed)})`,
          edits: [{ span: a.winner.item.entry.entrySpan, newText: '' }],
        });
      ctx.report({
        span: spanOf(ctx, a.shadowed, 'key'),
        message:
          `${shown(ctx, a.shadowed)} is overwritten by ${shown(ctx, a.winner)}: both set librdkafka's ${prop?.property ?? a.key}, and the one applied last wins` +
          ' (file order in a kcat file, key order in a JavaScript object).',
        related: a.winner.item ? [{ span: a.winner.item.entry.keySpan, message: `${bare(a.winner)} wins` }] : [],
        fixes,
        consequence: 'ignored',
      });
    }
  },
);

export const LIBRDKAFKA_RULES: Rule[] = [
  rdkAcksConflict,
  rdkMaxInFlight,
  rdkRetries,
  rdkQueuingStrategy,
  rdkBackpressure,
  rdkGaplessNeedsIdempotence,
  rdkTxnNeedsIdempotence,
  rdkTxnMessageTimeout,
  rdkTxnSocketTimeout,
  rdkMessageTimeoutVsLinger,
  rdkValueFormat,
  rdkIdempotenceDefaultOff,
  rdkAliasConflict,
];

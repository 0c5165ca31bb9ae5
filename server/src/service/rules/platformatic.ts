/**
 * @platformatic/kafka rules. They read the verdict of clients/platformatic/verdict.ts (the client's own
 * source, held to the installed package by test/unit/platformatic-agreement.test.ts); fixes are
 * text edits made with the block's TS editor.
 */
import type { FixSpec } from '../types';
import { defineRule, type BlockContext, type Rule } from './rule';
import { jsExtra, type JsBlockExtra } from '../detect/javascript';
import { PLT_MSG, platformaticVerdict, type PlatformaticVerdict, type PltSetting } from '../clients/platformatic/verdict';
import { envNames, showLit, type Lit } from '../formats/jsStatic';
import { keySpanOf, lineAt, valueSpanOf } from './kafkajs';

const PLATFORMATIC = ['platformatic'] as const;

function setup(ctx: BlockContext): { x: JsBlockExtra; v: PlatformaticVerdict } | undefined {
  const x = jsExtra(ctx.block);
  const v = platformaticVerdict(ctx.block);
  return x && v ? { x, v } : undefined;
}

/** ` (unless ACKS is set: without it, `…` is 1)` for values read from the environment. */
function judged(s: PltSetting): string {
  return s.state === 'present' && s.env ? ` (unless ${envNames(s.vars ?? [])} is set: without it, \`${s.env}\` is ${showLit(s.v)})` : '';
}

const shown = (s: PltSetting) => (s.state === 'present' ? showLit(s.v) : '…');

export const platformaticIdempotentAcks = defineRule(
  {
    id: 'platformatic-idempotent-acks',
    description:
      'A send of an idempotent @platformatic/kafka producer with acks other than the number -1: send() fails before anything is sent.',
    headline: '@platformatic/kafka refuses the idempotent send: acks must be -1',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...PLATFORMATIC],
  },
  (ctx) => {
    const s = setup(ctx);
    if (!s) return;
    const { x, v } = s;
    for (const sv of v.sends) {
      if (sv.rejects !== true || sv.acks.state !== 'present') continue;
      const acks = sv.acks;
      const ownIdem = sv.idempotent.state === 'present' && sv.idempotent.v !== undefined && sv.idempotent.v !== null;
      const src = ownIdem ? sv.idempotent : v.idempotent;
      const why = ownIdem
        ? `this send sets idempotent: ${shown(sv.idempotent)}`
        : `the producer is idempotent (idempotent: ${shown(v.idempotent)}${v.idempotent.state === 'present' ? `, line ${lineAt(x, v.idempotent.prop.node)}` : ''})`;
      const str = typeof acks.v !== 'number' ? '; the client compares with `acks !== -1`, so only the number -1 passes' : '';
      const fixes: FixSpec[] = [
        { title: 'Set acks: -1', edits: x.editor.replaceValue(acks.prop, '-1') },
        { title: 'Remove acks (an idempotent producer sends with -1)', edits: x.editor.remove(acks.prop) },
      ];
      ctx.report({
        span: valueSpanOf(x, acks.prop),
        message: `@platformatic/kafka fails this send(): "${PLT_MSG.acks}" — ${why}, and acks must be exactly the number -1, not ${showLit(acks.v)}${str}${judged(acks)}.`,
        related:
          src.state === 'present'
            ? [{ span: keySpanOf(x, src.prop), message: `idempotent: ${shown(src)} makes the client check acks` }]
            : [],
        fixes,
        consequence: 'throws',
      });
    }
  },
);

export const platformaticProducerAcksIgnored = defineRule(
  {
    id: 'platformatic-producer-acks-ignored',
    description:
      'acks in new Producer({...}) of a non-idempotent @platformatic/kafka producer is never read: sends without their own acks use 1 (leader only).',
    headline: 'new Producer({ acks }) is ignored: sends use acks 1 (leader)',
    defaultSeverity: 'warning',
    fixable: true,
    clients: [...PLATFORMATIC],
  },
  (ctx) => {
    const s = setup(ctx);
    if (!s || s.v.idempotentOn !== false || s.v.producerAcks.state !== 'present') return;
    const { x, v } = s;
    const a = v.producerAcks as Extract<PltSetting, { state: 'present' }>;
    // acks: 1 (or undefined) is what the sends get anyway
    if (a.v === undefined || a.v === 1) return;
    const defaulted = v.sends.filter((sv) => sv.acks.state === 'absent');
    const sends =
      v.sends.length === 0
        ? 'every send() without its own acks'
        : defaulted.length > 0
          ? `the send() on line ${defaulted.map((sv) => lineAt(x, sv.send.node)).join(', ')}, which sets no acks,`
          : 'a send() without its own acks';
    ctx.report({
      span: keySpanOf(x, a.prop),
      message: `@platformatic/kafka never reads acks from new Producer({...}): send() defaults it with \`acks ??= idempotent ? -1 : 1\`, so ${sends} waits for the leader only (acks 1), not ${showLit(a.v)}${judged(a)}${v.idempotent.state === 'present' && v.idempotent.env ? ` — the producer is not idempotent unless ${envNames(v.idempotent.vars ?? [])} is set` : ''}. Set acks in each send() (or make the producer idempotent, which sends with -1).`,
      fixes: [{ title: 'Remove acks (never read here; set it in each send())', edits: x.editor.remove(a.prop) }],
      consequence: 'ignored',
    });
  },
);

export const platformaticTransactionNotIdempotent = defineRule(
  {
    id: 'platformatic-transaction-not-idempotent',
    description: 'producer.beginTransaction() on a @platformatic/kafka producer created without idempotent: true: the call fails at once.',
    headline: 'beginTransaction() fails: the producer is not idempotent',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...PLATFORMATIC],
  },
  (ctx) => {
    const s = setup(ctx);
    if (!s) return;
    const { x, v } = s;
    const why =
      v.idempotent.state === 'present'
        ? `new Producer({...}) has idempotent: ${shown(v.idempotent)} (line ${lineAt(x, v.idempotent.prop.node)})${judged(v.idempotent)}`
        : 'new Producer({...}) does not set idempotent';
    const edits = ctx.block.writer.edits({ op: 'set', key: 'idempotent', value: 'true' });
    for (const t of v.transactions) {
      if (t.rejects !== true) continue;
      ctx.report({
        span: { start: t.node.expression.getStart(x.model.sf), end: t.node.end },
        message: `@platformatic/kafka fails beginTransaction(): "${PLT_MSG.transaction}" — ${why}; only the constructor's idempotent counts here.`,
        related:
          v.idempotent.state === 'present'
            ? [{ span: keySpanOf(x, v.idempotent.prop), message: "the producer's idempotence is decided here" }]
            : [],
        fixes: edits ? [{ title: 'Set idempotent: true in new Producer({...})', edits }] : [],
        consequence: 'throws',
      });
    }
  },
);

function retriesMeaning(v: Lit): string {
  if (v === false) return 'no retries (the client turns false into 0)';
  if (v === null) return 'no retries (`attempt < null` is false)';
  if (typeof v === 'string') return `retries compared as JavaScript compares \`attempt < ${showLit(v)}\``;
  return `at most ${showLit(v)} retries`;
}

export const platformaticIdempotentRetriesLimited = defineRule(
  {
    id: 'platformatic-idempotent-retries-limited',
    description:
      'An idempotent @platformatic/kafka producer whose retries the client keeps finite (a number above 1, false, null...): a send fails once they run out.',
    headline: 'Idempotent producer with bounded retries: sends can fail',
    defaultSeverity: 'warning',
    fixable: true,
    clients: [...PLATFORMATIC],
  },
  (ctx) => {
    const s = setup(ctx);
    if (!s || s.v.retriesLimited !== true || s.v.retries.state !== 'present') return;
    const { x, v } = s;
    const r = v.retries as Extract<PltSetting, { state: 'present' }>;
    ctx.report({
      span: valueSpanOf(x, r.prop),
      message: `@platformatic/kafka keeps retries ${showLit(r.v)} for this idempotent producer — it raises only undefined, 0 and 1 to Number.MAX_SAFE_INTEGER — so each produce request gets ${retriesMeaning(r.v)}; then send() fails, and the application's own re-send is a new write that the broker does not de-duplicate${judged(r)}.`,
      related:
        v.idempotent.state === 'present' ? [{ span: keySpanOf(x, v.idempotent.prop), message: `idempotent: ${shown(v.idempotent)}` }] : [],
      fixes: [
        { title: 'Remove retries (an idempotent producer then retries Number.MAX_SAFE_INTEGER times)', edits: x.editor.remove(r.prop) },
      ],
      consequence: 'doc-only',
    });
  },
);

export const PLATFORMATIC_RULES: Rule[] = [
  platformaticIdempotentAcks,
  platformaticProducerAcksIgnored,
  platformaticTransactionNotIdempotent,
  platformaticIdempotentRetriesLimited,
];

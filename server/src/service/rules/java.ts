/**
 * Rules for the Apache Kafka Java client (`kafka-clients`), catalogue §2.1.
 * They read the verdict (clients/java/verdict.ts) and turn its parts into findings.
 */
import type { BlockValue, FixSpec, RelatedInfo, Span } from '../types';
import { decideIdempotenceFixes, defineRule, type BlockContext, type Rule } from './rule';
import {
  compressionNames,
  describeSetting,
  hasIdempotentProducer,
  javaClassFits,
  maybeSet,
  type JavaConflict,
  type JavaConflictKind,
} from '../clients/java/verdict';
import { INT_MAX, javaDefaults, javaTrim, K, parseJavaAcks, parseJavaInt, suggestIdempotenceKey } from '../clients/java/config';
import { atLeast, versionLabel } from '../version';
import { isStreamsEos } from '../detect/streams';
import { reportStreamsOwnKeys } from './streams';
import { CLAIMS, JAVA_DELIVERY_KEYS, consequence, deliveryIntent, javaFacts, sentence, type ClaimId } from './claims';

const JAVA = ['java'] as const;

const known = (v: BlockValue | undefined): v is BlockValue & { value: string } =>
  v !== undefined && v.value !== undefined && v.kind !== 'unknown' && javaClassFits(v);

/** Where a finding about a value goes: the value the user wrote, else the block's anchor. */
export function valueSpan(ctx: BlockContext, v: BlockValue | undefined): Span {
  return v?.entry ? v.entry.valueSpan : ctx.block.anchor;
}
export function keySpan(ctx: BlockContext, v: BlockValue | undefined): Span {
  return v?.entry ? v.entry.keySpan : ctx.block.anchor;
}

function related(ctx: BlockContext, v: BlockValue | undefined, message: string): RelatedInfo[] {
  return v?.entry ? [{ span: v.entry.keySpan, message }] : [];
}

const shown = (v: BlockValue) => javaTrim(v.value ?? '');

/** The op that removes a conflict of this kind (the preferred fix). */
function conflictFix(kind: JavaConflictKind, ctx: BlockContext): FixSpec['ops'] {
  switch (kind) {
    case 'acks':
      return [{ op: 'set', key: K.acks, value: 'all' }];
    case 'retries':
      return [{ op: 'remove', key: K.retries }];
    case 'in-flight':
      return [{ op: 'set', key: K.inFlight, value: ctx.version.major === 0 ? '1' : '5' }];
  }
}

function conflictFixTitle(kind: JavaConflictKind, ctx: BlockContext): string {
  switch (kind) {
    case 'acks':
      return 'Set acks=all';
    case 'retries':
      return 'Remove retries=0 (the default retries until delivery.timeout.ms)';
    case 'in-flight':
      return `Set max.in.flight.requests.per.connection=${ctx.version.major === 0 ? 1 : 5}`;
  }
}

/** The honest alternative: say out loud that this producer is not idempotent. */
function explicitOffFix(ctx: BlockContext, what: string): FixSpec | undefined {
  // would trade one startup failure for another
  if (ctx.block.values.has(K.transactionalId) || maybeSet(ctx.block, K.transactionalId)) return undefined;
  return {
    title: `Set enable.idempotence=false (keep ${what}; this producer is then not idempotent)`,
    ops: [{ op: 'set', key: K.idempotence, value: 'false' }],
  };
}

function whyExplicit(ctx: BlockContext): string {
  const v = ctx.java();
  if (v.explicit && v.idempotence) {
    return v.idempotence.injectedBy
      ? `${v.idempotence.injectedBy} sets enable.idempotence explicitly, so the conflict is fatal instead of silently disabling idempotence`
      : `enable.idempotence is set explicitly (${v.idempotence.origin ?? 'in this block'}), so the conflict is fatal instead of silently disabling idempotence`;
  }
  return v.requestedReason;
}

function conflictRule(
  id: string,
  catalogue: string,
  kind: JavaConflictKind,
  description: string,
  headline: string,
  what: (c: JavaConflict) => string,
): Rule {
  return defineRule({ id, description, headline, defaultSeverity: 'error', fixable: true, clients: [...JAVA], catalogue }, (ctx) => {
    const v = ctx.java();
    for (const c of v.conflicts) {
      if (c.kind !== kind || c.consequence !== 'throws') continue;
      // Kafka Streams with exactly-once refuses in-flight > 5 itself, before the producer (streams-eos-max-in-flight-gt-5)
      if (kind === 'in-flight' && isStreamsEos(ctx.block.extra)) continue;
      // the Spring Cloud Stream binder's required-acks default is reported by spring-cloud-stream-required-acks-default-1
      if (c.setting.injectedBy && !c.setting.entry && ctx.block.dialect === 'spring-cloud-stream') continue;
      const alt = explicitOffFix(ctx, what(c));
      ctx.report({
        span: valueSpan(ctx, c.setting),
        message: `${versionLabel(ctx.version)} refuses to start the producer: "${c.clientMessage}" (${whyExplicit(ctx)}).`,
        related: [
          ...related(ctx, v.idempotence, `enable.idempotence=${v.idempotence ? shown(v.idempotence) : ''} makes idempotence explicit`),
          ...related(ctx, v.transactionalId, 'transactional.id requires idempotence'),
        ],
        fixes: [{ title: conflictFixTitle(kind, ctx), ops: conflictFix(kind, ctx) }, ...(alt ? [alt] : [])],
        consequence: 'throws',
      });
    }
  });
}

export const acksConflict = conflictRule(
  'idempotence-acks-conflict',
  'R-J1',
  'acks',
  'acks=0 or acks=1 while idempotence is explicitly requested: the Java producer refuses to start.',
  'Producer refuses to start: acks 0 or 1 with idempotence requested',
  (c) => describeSetting({ ...c.setting, origin: undefined }),
);

export const retriesZero = conflictRule(
  'idempotence-retries-zero',
  'R-J2',
  'retries',
  'retries=0 while idempotence is explicitly requested: the Java producer refuses to start.',
  'Producer refuses to start: retries=0 with idempotence requested',
  () => 'retries=0',
);

export const maxInFlightGt5 = conflictRule(
  'idempotence-max-in-flight-gt-5',
  'R-J3',
  'in-flight',
  'max.in.flight.requests.per.connection above 5 with idempotence (always fatal in 4.x): the Java producer refuses to start.',
  'Producer refuses to start: max in-flight requests above 5',
  (c) => describeSetting({ ...c.setting, origin: undefined }),
);

export const transactionalIdRequiresIdempotence = defineRule(
  {
    id: 'transactional-id-requires-idempotence',
    description:
      'transactional.id with idempotence off (explicitly, or silently disabled by a conflict): the Java producer refuses to start.',
    headline: 'Producer refuses to start: transactions need idempotence',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J4',
  },
  (ctx) => {
    const v = ctx.java();
    const f = v.transactionFailure;
    if (!f || !v.transactionalId) return;
    const label = versionLabel(ctx.version);
    const removeTxn: FixSpec = { title: 'Remove transactional.id (no transactions)', ops: [{ op: 'remove', key: K.transactionalId }] };
    if (f.becauseExplicitFalse) {
      ctx.report({
        span: keySpan(ctx, v.transactionalId),
        message: `${label} refuses to start the producer: "${f.message}" (enable.idempotence=false contradicts transactional.id; transactions need idempotence).`,
        related: related(ctx, v.idempotence, 'enable.idempotence=false turns idempotence off'),
        fixes: [{ title: 'Set enable.idempotence=true', ops: [{ op: 'set', key: K.idempotence, value: 'true' }] }, removeTxn],
        consequence: 'throws',
      });
      return;
    }
    const causes = f.because.map((c) => describeSetting(c.setting)).join(', ');
    ctx.report({
      span: keySpan(ctx, v.transactionalId),
      message: `${label} refuses to start the producer: "${f.message}" Idempotence was first silently disabled by ${causes}, because enable.idempotence is not set explicitly.`,
      related: f.because.flatMap((c) => related(ctx, c.setting, `${describeSetting(c.setting)} silently disables idempotence`)),
      fixes: [
        {
          title: f.because.map((c) => conflictFixTitle(c.kind, ctx)).join(' and '),
          ops: f.because.flatMap((c) => conflictFix(c.kind, ctx) ?? []),
        },
        removeTxn,
      ],
      consequence: 'throws',
    });
  },
);

export const transactionalIdEmpty = defineRule(
  {
    id: 'transactional-id-empty',
    description: 'An empty transactional.id: the Java producer refuses to start.',
    headline: 'Producer refuses to start: transactional.id is empty',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J5',
  },
  (ctx) => {
    // ProducerConfig's NonEmptyString validator, in every version from 0.11 (the oracle suite runs them all)
    const bad = ctx.java().invalid.find((i) => i.key === K.transactionalId);
    const t = bad?.setting;
    // (a transactional.id that is no String at all is producer-config-invalid-value's)
    if (!bad || !t || !javaClassFits(t)) return;
    ctx.report({
      span: t.entry ? { start: t.entry.keySpan.start, end: Math.max(t.entry.valueSpan.end, t.entry.keySpan.end) } : ctx.block.anchor,
      message: `${versionLabel(ctx.version)} refuses to start the producer: "${bad.message}".`,
      fixes: [{ title: 'Remove the empty transactional.id', ops: [{ op: 'remove', key: K.transactionalId }] }],
      consequence: 'throws',
    });
  },
);

/** What the producer without idempotence may then do, per kind of conflict (the claims that hold are said). */
const CONSEQUENCE_OF: Record<JavaConflictKind, ClaimId[]> = {
  acks: ['retry-duplicates', 'leader-only-ack', 'no-ack'],
  retries: ['no-retry'],
  'in-flight': ['retry-duplicates', 'retry-reorders'],
};

export const implicitDowngrade = defineRule(
  {
    id: 'idempotence-implicit-downgrade',
    description:
      'kafka-clients 3.0.1+ silently disables idempotence when enable.idempotence is not set and acks, retries or max.in.flight conflict with it.',
    headline: 'Idempotence silently disabled by a conflicting setting',
    defaultSeverity: 'warning',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J6',
  },
  (ctx) => {
    const v = ctx.java();
    if (v.transactionFailure) return; // the producer does not start at all: transactional-id-requires-idempotence
    for (const c of v.conflicts) {
      if (c.consequence !== 'silent-disable') continue;
      // a framework's default (SmallRye's acks=1) is reported by that dialect's rule (smallrye-acks-default-1)
      if (c.setting.injectedBy && !c.setting.entry) continue;
      const extra = c.kind === 'in-flight' ? ' kafka-clients 4.0 and later refuse this configuration outright.' : '';
      const then = consequence(javaFacts(ctx.block, ctx.version, v), CONSEQUENCE_OF[c.kind]);
      ctx.report({
        span: valueSpan(ctx, c.setting),
        message:
          `${versionLabel(ctx.version)} silently disables idempotence because ${describeSetting(c.setting)} and enable.idempotence is not set: ` +
          `the producer starts non-idempotent and only logs ${c.logLevel} "${c.clientMessage}"${then ? ` — ${then}` : ''}.${extra}`,
        fixes: [
          { title: conflictFixTitle(c.kind, ctx), ops: conflictFix(c.kind, ctx) },
          {
            title: `Set enable.idempotence=false (keep ${describeSetting({ ...c.setting, origin: undefined })}; make the downgrade explicit)`,
            ops: [{ op: 'set', key: K.idempotence, value: 'false' }],
          },
        ],
        consequence: 'silent-disable',
      });
    }
  },
);

export const notOnByDefault = defineRule(
  {
    id: 'idempotence-not-on-by-default',
    description:
      'kafka-clients before 3.0, and 3.0.0/3.1.0 (KAFKA-13598), do not enable idempotence unless enable.idempotence=true or transactional.id is set.',
    headline: 'Not idempotent by default in this kafka-clients version',
    defaultSeverity: 'info',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J7',
  },
  (ctx) => {
    const v = ctx.java();
    // before 0.11 there is no idempotent producer to turn on: nothing to advise
    if (!hasIdempotentProducer(ctx.version)) return;
    if (v.explicit || v.transactionalId || v.requested !== false) return;
    // advice only where the configuration says something about delivery (acks, retries, in-flight, timeouts)
    if (!deliveryIntent(ctx.block, JAVA_DELIVERY_KEYS)) return;
    // only when retries can duplicate: a producer that never retries (retries=0, acks=0) has nothing to gain here
    const then = consequence(javaFacts(ctx.block, ctx.version, v), ['retry-duplicates', 'retry-reorders']);
    if (!then) return;
    const ops: NonNullable<FixSpec['ops']> = [{ op: 'set', key: K.idempotence, value: 'true' }];
    // turning it on explicitly makes every conflict fatal: fix them in the same edit
    // (acks=0 and retries=0 never get here: such a producer does not retry)
    const acks = ctx.block.values.get(K.acks);
    if (known(acks) && parseJavaAcks(acks.value) === 1) ops.push({ op: 'set', key: K.acks, value: 'all' });
    const inflight = ctx.block.values.get(K.inFlight);
    const n = known(inflight) ? parseJavaInt(inflight.value) : undefined;
    if (n !== undefined && (ctx.version.major === 0 ? n !== 1 : n > 5))
      ops.push({ op: 'set', key: K.inFlight, value: ctx.version.major === 0 ? '1' : '5' });
    ctx.report({
      span: ctx.block.anchor,
      message: `${versionLabel(ctx.version)} does not make this producer idempotent: ${v.requestedReason}. ${sentence(then)}.`,
      fixes: decideIdempotenceFixes(ops, K.idempotence),
      consequence: 'doc-only',
    });
  },
);

export const deliveryTimeoutTooSmall = defineRule(
  {
    id: 'delivery-timeout-too-small',
    description: 'delivery.timeout.ms below linger.ms + request.timeout.ms: fatal when set, otherwise raised with a warning.',
    headline: 'delivery.timeout.ms below linger.ms + request.timeout.ms',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J8',
  },
  (ctx) => {
    const dt = ctx.java().deliveryTimeout;
    if (!dt) return;
    const { sum, deliveryTimeoutMs: delivery, lingerMs: linger, requestTimeoutMs: request } = dt;
    const d = javaDefaults(ctx.version);
    const get = (key: string) => ctx.block.values.get(key);
    const label = versionLabel(ctx.version);
    const rel = [
      ...related(ctx, get(K.linger), `linger.ms=${linger}`),
      ...related(ctx, get(K.requestTimeout), `request.timeout.ms=${request}`),
    ];
    const dv = dt.setting;
    if (dt.consequence === 'throws' && dv) {
      const fixes: FixSpec[] = [
        {
          title: `Set delivery.timeout.ms=${sum} (linger.ms + request.timeout.ms)`,
          ops: [{ op: 'set', key: K.deliveryTimeout, value: String(sum) }],
        },
      ];
      if (d.deliveryTimeout >= sum)
        fixes.push({ title: 'Remove delivery.timeout.ms (default 120000)', ops: [{ op: 'remove', key: K.deliveryTimeout }] });
      ctx.report({
        span: valueSpan(ctx, dv),
        message: `${label} refuses to start the producer: "${dt.clientMessage}" (${delivery} < ${linger} + ${request}).`,
        related: rel,
        fixes,
        consequence: 'throws',
      });
    } else {
      const culprit = get(K.requestTimeout) ?? get(K.linger);
      ctx.report({
        span: valueSpan(ctx, culprit),
        message: `${label} logs WARN "${dt.clientMessage}" and raises the delivery timeout (default ${delivery} < ${linger} + ${request}).`,
        related: rel,
        fixes: [{ title: `Set delivery.timeout.ms=${sum}`, ops: [{ op: 'set', key: K.deliveryTimeout, value: String(sum) }] }],
        severity: 'info',
        consequence: 'warns',
      });
    }
  },
);

export const orderingRisk = defineRule(
  {
    id: 'ordering-risk-without-idempotence',
    description: 'enable.idempotence=false with retries and more than one request in flight: retries can reorder and duplicate records.',
    headline: 'Retries can reorder and duplicate records without idempotence',
    defaultSeverity: 'info',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J9',
  },
  (ctx) => {
    const v = ctx.java();
    if (!v.explicit || v.explicitValue !== false || v.transactionalId || maybeSet(ctx.block, K.transactionalId)) return;
    const d = javaDefaults(ctx.version);
    // (a key the linter cannot see has no default here)
    const r = ctx.block.values.get(K.retries);
    const retries = r ? (known(r) ? parseJavaInt(r.value) : undefined) : maybeSet(ctx.block, K.retries) ? undefined : d.retries;
    const f = ctx.block.values.get(K.inFlight);
    const inflight = f ? (known(f) ? parseJavaInt(f.value) : undefined) : maybeSet(ctx.block, K.inFlight) ? undefined : d.inFlight;
    if (retries === undefined || inflight === undefined || retries <= 0 || inflight <= 1) return;
    // acks=0: the producer never learns of a failure, so retries do not take effect
    const facts = javaFacts(ctx.block, ctx.version, v);
    if (!CLAIMS['retry-reorders'].holds(facts)) return;
    const ops: NonNullable<FixSpec['ops']> = [{ op: 'set', key: K.idempotence, value: 'true' }];
    const acks = ctx.block.values.get(K.acks);
    const a = known(acks) ? parseJavaAcks(acks.value) : undefined;
    if (a === 0 || a === 1) ops.push({ op: 'set', key: K.acks, value: 'all' });
    if (inflight > 5) ops.push({ op: 'set', key: K.inFlight, value: '5' });
    ctx.report({
      span: valueSpan(ctx, v.idempotence),
      message: `Idempotence is off with retries=${retries} and max.in.flight.requests.per.connection=${inflight}: ${consequence(facts, ['retry-reorders', 'retry-duplicates'])}.`,
      fixes: [
        { title: ops.length > 1 ? 'Set enable.idempotence=true (and acks=all / in-flight ≤ 5)' : 'Set enable.idempotence=true', ops },
        { title: 'Set max.in.flight.requests.per.connection=1 (ordered, slower)', ops: [{ op: 'set', key: K.inFlight, value: '1' }] },
      ],
      consequence: 'doc-only',
    });
  },
);

export const acksInvalid = defineRule(
  {
    id: 'acks-invalid-value',
    description: 'acks must be exactly all, -1, 0 or 1 (case-sensitive): anything else stops the Java producer.',
    headline: 'Producer refuses to start: acks must be all, -1, 0 or 1',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J10',
  },
  (ctx) => {
    const bad = ctx.java().invalid.find((i) => i.key === K.acks);
    if (!bad) return;
    ctx.report({
      span: valueSpan(ctx, bad.setting),
      message: `${versionLabel(ctx.version)} refuses to start the producer: "${bad.message}".`,
      fixes: [{ title: 'Set acks=all', ops: [{ op: 'set', key: K.acks, value: 'all' }] }],
      consequence: 'throws',
    });
  },
);

export const enableIdempotenceInvalidBoolean = defineRule(
  {
    id: 'enable-idempotence-invalid-boolean',
    description: 'enable.idempotence must be true or false: yes, on, 1... stop the Java producer.',
    headline: 'Producer refuses to start: enable.idempotence not true/false',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J11',
  },
  (ctx) => {
    const bad = ctx.java().invalid.find((i) => i.key === K.idempotence);
    const v = bad?.setting;
    if (!bad || v?.value === undefined) return;
    const t = javaTrim(v.value);
    const setTrue: FixSpec = { title: 'Set enable.idempotence=true', ops: [{ op: 'set', key: K.idempotence, value: 'true' }] };
    const setFalse: FixSpec = { title: 'Set enable.idempotence=false', ops: [{ op: 'set', key: K.idempotence, value: 'false' }] };
    const meansFalse = ['no', 'n', 'off', '0', 'disabled', 'disable'].includes(t.toLowerCase());
    ctx.report({
      span: valueSpan(ctx, v),
      message: `${versionLabel(ctx.version)} refuses to start the producer: "${bad.message}".`,
      fixes: meansFalse ? [setFalse, setTrue] : [setTrue, setFalse],
      consequence: 'throws',
    });
  },
);

/** Defaults of the keys producer-config-invalid-value judges, for its fix titles. */
const NUMBER_DEFAULTS: Record<string, (d: ReturnType<typeof javaDefaults>) => string> = {
  [K.retries]: (d) => String(d.retries),
  [K.linger]: (d) => String(d.linger),
  [K.deliveryTimeout]: (d) => String(d.deliveryTimeout),
  [K.requestTimeout]: (d) => String(d.requestTimeout),
  [K.inFlight]: (d) => String(d.inFlight),
  [K.transactionTimeout]: () => '60000',
};

/**
 * Spring Boot binds its dedicated keys (spring.kafka.producer.retries...) to typed properties itself: its
 * binder, not the client, refuses a bad number there (the Spring detector reports that, spring-startup-failure),
 * and the client gets the bound Integer. Values of Spring's maps reach the client as written.
 */
const springBound = (block: { dialect: string }, setting: { entry?: { key: string } }) =>
  (block.dialect === 'spring-boot' || block.dialect === 'spring-cloud-stream') &&
  setting.entry !== undefined &&
  /(?:^|[._])producer[._]retries$/i.test(setting.entry.key);

export const invalidNumber = defineRule(
  {
    id: 'producer-config-invalid-value',
    description:
      'retries, max.in.flight.requests.per.connection, linger.ms, delivery.timeout.ms, request.timeout.ms or transaction.timeout.ms is not a number the Java client accepts, or below its minimum, or compression.type names a codec the client does not know, or (Java source) a value is of a class the client does not take: the producer refuses to start.',
    headline: 'Producer refuses to start: a value the client does not accept',
    defaultSeverity: 'error',
    fixable: true,
    clients: [...JAVA],
  },
  (ctx) => {
    // a framework that validates a value itself (Kafka Streams' request.timeout.ms) refuses it first
    const noted = reportStreamsOwnKeys(ctx);
    const d = javaDefaults(ctx.version);
    const v = ctx.java();
    for (const bad of v.invalid) {
      if (bad.key === K.compression) continue;
      const def = NUMBER_DEFAULTS[bad.key];
      // a value of a class the parser does not take (Java source: `put(RETRIES_CONFIG, 3L)`, `put(TRANSACTIONAL_ID_CONFIG, 7)`)
      const wrongClass = !javaClassFits(bad.setting);
      if (
        (!def && !(wrongClass && bad.key === K.transactionalId)) ||
        bad.setting.injectedBy ||
        noted.has(bad.message) ||
        (springBound(ctx.block, bad.setting) && ctx.block.frameworkRefusal)
      )
        continue;
      const fixes: FixSpec[] = [];
      if (bad.setting.entry && wrongClass && bad.setting.value !== undefined) {
        const text = javaTrim(bad.setting.value);
        const asInt = parseJavaInt(text);
        const fits =
          bad.key === K.transactionalId
            ? text !== ''
            : asInt !== undefined && (bad.key === K.transactionTimeout || asInt >= (bad.key === K.inFlight ? 1 : 0));
        if (fits)
          fixes.push({ title: `Set ${bad.key}=${text} (a value the client takes)`, ops: [{ op: 'set', key: bad.key, value: text }] });
      }
      if (bad.setting.entry && def) fixes.push({ title: `Remove ${bad.key} (default ${def(d)})`, ops: [{ op: 'remove', key: bad.key }] });
      ctx.report({
        span: valueSpan(ctx, bad.setting),
        message: `${versionLabel(ctx.version)} refuses to start the producer: "${bad.message}".`,
        fixes,
        consequence: 'throws',
      });
    }
    // compression.type: ConfigDef refuses an unknown codec from 3.3, the KafkaProducer constructor before
    const compression = v.invalid.find((i) => i.key === K.compression) ?? v.unknownCompression;
    if (compression && !compression.setting.injectedBy) {
      const name = javaTrim(compression.setting.value ?? '');
      const names = compressionNames(ctx.version);
      const lower = name.toLowerCase();
      const fixes: FixSpec[] = [];
      if (compression.setting.entry) {
        if (names.includes(lower))
          fixes.push({ title: `Set compression.type=${lower}`, ops: [{ op: 'set', key: K.compression, value: lower }] });
        else if (lower === 'zstd')
          fixes.push({ title: 'Set compression.type=lz4', ops: [{ op: 'set', key: K.compression, value: 'lz4' }] });
        fixes.push({ title: 'Remove compression.type (default none)', ops: [{ op: 'remove', key: K.compression }] });
      }
      ctx.report({
        span: valueSpan(ctx, compression.setting),
        message:
          `${versionLabel(ctx.version)} refuses to start the producer: "${compression.message}".` +
          (lower === 'zstd' && !names.includes('zstd') ? ' zstd compression needs kafka-clients 2.1 or later.' : ''),
        fixes,
        consequence: 'throws',
      });
    }
  },
);

/** Whether the client of this version has the key a misspelling points to (idempotence and transactions since 0.11, delivery.timeout.ms since 2.1). */
function keyExists(key: string, version: BlockContext['version']): boolean {
  if (key === K.idempotence || key === K.transactionalId) return hasIdempotentProducer(version);
  if (key === K.deliveryTimeout) return atLeast(version, 2, 1, 0);
  return true;
}

export const unknownIdempotenceKey = defineRule(
  {
    id: 'unknown-idempotence-key',
    description: 'A misspelt idempotence key (enable.idempotency, max.inflight.requests.per.connection...): the Java client ignores it.',
    headline: 'Misspelt idempotence key: the client ignores it',
    defaultSeverity: 'warning',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J12',
  },
  (ctx) => {
    for (const item of ctx.block.items) {
      // a key of an application's own namespace is read by the application, under names it chooses
      if (item.reader?.kind === 'application') continue;
      const meant = suggestIdempotenceKey(item.key);
      if (!meant || !keyExists(meant, ctx.version)) continue;
      const log = atLeast(ctx.version, 3, 3, 0)
        ? `INFO "These configurations '[${item.key}]' were supplied but are not used yet."`
        : `WARN "The configuration '${item.key}' was supplied but isn't a known config."`;
      const raw = ctx.doc.text.slice(item.entry.keySpan.start, item.entry.keySpan.end);
      const fixes: FixSpec[] = [];
      if (ctx.block.values.get(meant)?.entry) {
        fixes.push({
          title: `Remove ${item.key} (${meant} is already set)`,
          edits: [{ span: item.entry.entrySpan, newText: '' }],
          keys: [item.key],
        });
      } else if (raw.endsWith(item.key) && !raw.slice(0, raw.length - item.key.length).includes('\\')) {
        // (no escape before the key's tail: in `\u0031max...` the raw tail `1max...` is half an escape)
        const start = item.entry.keySpan.end - item.key.length;
        fixes.push({
          title: `Rename to ${meant}`,
          edits: [{ span: { start, end: item.entry.keySpan.end }, newText: meant }],
          keys: [meant, item.key],
        });
      }
      const reader = item.reader;
      ctx.report({
        span: item.entry.keySpan,
        message:
          reader?.kind === 'known-keys-only'
            ? `${reader.by[0].toUpperCase()}${reader.by.slice(1)} drops '${item.key}' before the producer is created: it copies only the keys ProducerConfig knows, and '${item.key}' is not a producer config, so neither the client nor its log ever sees it. Did you mean '${meant}'?`
            : `${versionLabel(ctx.version)} ignores '${item.key}': it is not a producer config, the client only logs ${log} Did you mean '${meant}'?`,
        fixes,
        consequence: 'ignored',
      });
    }
  },
);

export const retriesFinite = defineRule(
  {
    id: 'retries-finite-with-idempotence',
    description:
      'A small retries value with idempotence on: records fail early; leave retries unset and bound delivery with delivery.timeout.ms.',
    headline: 'Finite retries with idempotence: records can fail early',
    defaultSeverity: 'info',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J15',
  },
  (ctx) => {
    const v = ctx.java();
    if (v.effective !== true || v.refusesToStart) return;
    const r = ctx.block.values.get(K.retries);
    const n = known(r) && r.entry ? parseJavaInt(r.value) : undefined;
    if (n === undefined || n <= 0 || n >= INT_MAX) return;
    ctx.report({
      span: valueSpan(ctx, r),
      message: `retries=${n} with idempotence on: the producer gives up after ${n} retries although delivery.timeout.ms is meant to bound retrying; the client documents that idempotent producers should leave retries unset (2147483647).`,
      fixes: [{ title: 'Remove retries (bound delivery with delivery.timeout.ms)', ops: [{ op: 'remove', key: K.retries }] }],
      consequence: 'doc-only',
    });
  },
);

export const maxInFlightOne = defineRule(
  {
    id: 'max-in-flight-1-with-idempotence',
    description:
      'max.in.flight.requests.per.connection=1 with idempotence on: ordering is already kept for up to 5; 1 only costs throughput.',
    headline: 'max in-flight 1 with idempotence only costs throughput',
    defaultSeverity: 'info',
    fixable: true,
    clients: [...JAVA],
    catalogue: 'R-J16',
  },
  (ctx) => {
    if (ctx.version.major === 0) return; // 0.11 requires exactly 1
    const v = ctx.java();
    if (v.effective !== true || v.refusesToStart) return;
    const f = ctx.block.values.get(K.inFlight);
    if (!known(f) || !f.entry || parseJavaInt(f.value) !== 1) return;
    ctx.report({
      span: valueSpan(ctx, f),
      message:
        'max.in.flight.requests.per.connection=1 with idempotence on: the idempotent producer keeps per-partition order for any value up to 5, so 1 only costs throughput.',
      fixes: [{ title: 'Remove max.in.flight.requests.per.connection (default 5)', ops: [{ op: 'remove', key: K.inFlight }] }],
      consequence: 'doc-only',
    });
  },
);

export const JAVA_RULES: Rule[] = [
  acksConflict,
  retriesZero,
  maxInFlightGt5,
  transactionalIdRequiresIdempotence,
  transactionalIdEmpty,
  implicitDowngrade,
  notOnByDefault,
  deliveryTimeoutTooSmall,
  orderingRisk,
  acksInvalid,
  enableIdempotenceInvalidBoolean,
  invalidNumber,
  unknownIdempotenceKey,
  retriesFinite,
  maxInFlightOne,
];

/**
 * What librdkafka does with a producer configuration: the verdict for every block of
 * client `librdkafka`, whatever its format (a kcat `.properties` file, a node-rdkafka or
 * confluent-kafka-javascript object literal).
 *
 * The model follows `rd_kafka_conf_set()` for each entry, then `rd_kafka_conf_finalize()`
 * and `rd_kafka_topic_conf_finalize()` as `rd_kafka_new()` and `rd_kafka_topic_new()` run
 * them (reference catalogue §1.2, §2.4; src/rdkafka_conf.c). The differential test
 * (test/unit/librdkafka-oracle.test.ts) holds it to the real library.
 *
 * - Idempotence is off by default. It is on with `enable.idempotence=true`, or with a
 *   `transactional.id` when `enable.idempotence` was not set at all.
 * - "Set" means `rd_kafka_conf_set()` succeeded for the property or one of its aliases,
 *   whatever the value. A conflicting property that was set makes `rd_kafka_new()` fail;
 *   one that was not set is adjusted silently.
 * - Entries apply in order: a failed set changes nothing; of two spellings of one property
 *   the last one applied wins.
 * - Topic properties (`acks`, `message.timeout.ms`, `queuing.strategy`) given in the global
 *   configuration fall through to a default topic configuration, which `rd_kafka_new()`
 *   checks. When no topic property was given, the topic checks run only in
 *   `rd_kafka_topic_new()` (the producer starts, but no topic handle can be created).
 *
 * Contract for other formats: block items carry canonical keys (`canonicalRdkKey`) and the
 * value as the string the binding passes to `rd_kafka_conf_set()`; `value === undefined` or
 * kind `unknown` means "set, value not known statically", which never produces an error.
 * Block values with `injectedBy` and no entry are applied before the items (e.g. a default
 * that a binding sets itself). Items whose `entry.meta[RDK_TOPIC_CONF_META]` is true belong to
 * a separate topic configuration (node-rdkafka's second constructor argument), which the
 * bindings install with `default_topic_conf`: it replaces the topic properties of the global
 * object.
 */
import type { BlockItem, BlockValue, ProducerBlock } from '../../types';
import {
  IDEMP_MAX_INFLIGHT,
  INT32_MAX,
  RDK,
  RDK_PROPERTIES,
  RDK_TOPIC_PROPERTIES,
  canonicalRdkKey,
  fallsToTopicConf,
  parseRdkValue,
  rdkProperty,
  type RdkKey,
  type RdkParsed,
} from './config';
import { envNoteOf } from '../../formats/jsStatic';

/** `entry.meta` flag of entries that belong to a separate topic configuration. */
export const RDK_TOPIC_CONF_META = 'rdkTopicConf';

/** librdkafka's error strings (src/rdkafka_conf.c, identical in 2.0.2 and the v2.x snapshot). */
export const RDK_MSG = {
  txnNeedsIdempotence: '`transactional.id` requires `enable.idempotence=true`',
  socketTimeout: '`socket.timeout.ms` must be set <= `transaction.timeout.ms` + 100',
  inFlight: `\`max.in.flight\` must be set <= ${IDEMP_MAX_INFLIGHT} when \`enable.idempotence\` is true`,
  retries: '`retries` must be set >= 1 when `enable.idempotence` is true',
  backpressure: '`queue.buffering.backpressure.threshold` must be set to 1 when `enable.idempotence` is true',
  gapless: '`enable.gapless.guarantee` requires `enable.idempotence` to be enabled',
  linger: '`message.timeout.ms` must be greater than `linger.ms`',
  acks: '`acks` must be set to `all` when `enable.idempotence` is true',
  queuing: '`queuing.strategy` must be set to `fifo` when `enable.idempotence` is true',
  messageTimeout: '`message.timeout.ms` must be set <= `transaction.timeout.ms`',
} as const;

export type RdkCheck =
  | 'txn-needs-idempotence'
  | 'txn-socket-timeout'
  | 'max-in-flight'
  | 'retries'
  | 'backpressure'
  | 'gapless-needs-idempotence'
  | 'message-timeout-vs-linger'
  | 'acks'
  | 'queuing-strategy'
  | 'txn-message-timeout';

/** One value applied with `rd_kafka_conf_set()` (or injected by a binding). */
export interface RdkSetting {
  /** Block key. */
  key: string;
  /** The name the user wrote, when it is a librdkafka name (`request.required.acks`, `topic.acks`). */
  spelling?: string;
  raw: string | undefined;
  item?: BlockItem;
  value?: BlockValue;
  /** undefined: value not known statically. */
  parsed?: RdkParsed;
  /** In a separate topic configuration (node-rdkafka's second argument). */
  topicConf: boolean;
  /** Human readable origin: `line 4`, `set by confluent-kafka-javascript`. */
  origin?: string;
  /** `unless KAFKA_ACKS is set`: the value is the code's own when those environment variables are not set. */
  unless?: string;
}

export interface RdkSetError {
  setting: RdkSetting;
  /** librdkafka's errstr (trailing newline removed). */
  message: string;
}

export interface RdkConflict {
  check: RdkCheck;
  message: string;
  /** `new`: rd_kafka_new() fails; `topic`: only rd_kafka_topic_new() fails. */
  stage: 'new' | 'topic';
  /** The explicitly set property that librdkafka refuses. */
  setting: RdkSetting;
  related: Array<{ setting: RdkSetting; why: string }>;
  /** The numbers behind it, e.g. `30000 > 20000`. */
  detail?: string;
}

export interface RdkAdjustment {
  key: string;
  to: string;
  why: string;
}

export interface RdkAliasConflict {
  key: string;
  /** The earlier spelling, whose value is overwritten. */
  shadowed: RdkSetting;
  /** The spelling applied last, whose value wins. */
  winner: RdkSetting;
}

export interface LibrdkafkaVerdict {
  /** The setting in effect per block key (the last successful set). */
  effective: Map<string, RdkSetting>;
  /** Every applied setting in order. */
  applied: RdkSetting[];
  setErrors: RdkSetError[];
  /** Values librdkafka accepts but reads differently from how they look. */
  readings: Array<{ setting: RdkSetting; note: string }>;
  /** Topic properties of the global object dropped because a separate topic configuration replaces them. */
  discarded: RdkSetting[];
  idempotence: boolean | undefined;
  idempotenceReason: string;
  transactional: boolean | undefined;
  /** Cross-property failures, in the order librdkafka checks them (it reports the first). */
  conflicts: RdkConflict[];
  adjustments: RdkAdjustment[];
  aliasConflicts: RdkAliasConflict[];
  refusesToStart: boolean;
  summary: string;
}

interface State {
  modified: boolean;
  /** undefined: unknown. */
  value: number | string | null | undefined;
  setting?: RdkSetting;
}

const DEFAULTS: Record<RdkKey, number | string | null> = {
  [RDK.idempotence]: 0,
  [RDK.gapless]: 0,
  [RDK.transactionalId]: null,
  [RDK.transactionTimeout]: 60000,
  [RDK.socketTimeout]: 60000,
  [RDK.inFlight]: 1000000,
  [RDK.retries]: INT32_MAX,
  [RDK.backpressure]: 1,
  [RDK.linger]: 5,
  [RDK.acks]: -1,
  [RDK.messageTimeout]: 300000,
  [RDK.queuingStrategy]: 0,
};

function spellingOf(item: BlockItem): string | undefined {
  const k = item.entry.key;
  if (canonicalRdkKey(k) === item.key) return k;
  // a nested path such as `producerConfig.request.required.acks`: the longest librdkafka name it ends with
  const parts = k.split('.');
  for (let i = 1; i < parts.length; i++) {
    const tail = parts.slice(i).join('.');
    if (canonicalRdkKey(tail) === item.key) return tail;
  }
  return undefined;
}

const isTopicConfItem = (item: BlockItem) => item.entry.meta?.[RDK_TOPIC_CONF_META] === true;

export function describeRdkSetting(s: RdkSetting): string {
  const shown = s.raw === undefined ? '…' : s.raw;
  const where = [s.origin, s.unless].filter((x) => x !== undefined).join(', ');
  return `${s.spelling ?? s.key}=${shown}${where ? ` (${where})` : ''}`;
}

const cache = new WeakMap<object, LibrdkafkaVerdict>();

/** The verdict of a block, computed once per block object. */
export function librdkafkaVerdict(block: Pick<ProducerBlock, 'items' | 'values' | 'topicConfInstalled'>): LibrdkafkaVerdict {
  let v = cache.get(block);
  if (!v) {
    v = evaluateLibrdkafka(block);
    cache.set(block, v);
  }
  return v;
}

export function evaluateLibrdkafka(block: Pick<ProducerBlock, 'items' | 'values' | 'topicConfInstalled'>): LibrdkafkaVerdict {
  const a = applySettings(block);
  const c = new Checks(a.state);
  // --- rd_kafka_conf_finalize(), producer part
  const p = producerFacts(c);
  transactionChecks(c, p);
  idempotenceChecks(c, p);
  // --- the default topic conf (rd_kafka_new) or a fresh one (rd_kafka_topic_new)
  topicConfChecks(c, p, a.topicConfExists);
  // --- two spellings of one property with different values
  const aliasConflicts = aliasConflictsOf(a.applied);

  const { conflicts, adjustments } = c;
  const { setErrors } = a;
  const { idempotence, idempotenceReason, transactional } = p;
  const refusesToStart = setErrors.length > 0 || conflicts.length > 0;
  let summary: string;
  if (idempotence === undefined) summary = 'unknown: it depends on values that are not known statically';
  else if (idempotence) summary = `on (${idempotenceReason})`;
  else summary = `off (${idempotenceReason})`;
  if (conflicts.some((x) => x.stage === 'new') || setErrors.length > 0)
    summary = `librdkafka refuses this configuration; otherwise idempotence is ${summary}`;
  else if (conflicts.length > 0) summary = `librdkafka refuses every topic handle of this producer; idempotence is ${summary}`;
  else summary = `idempotence is ${summary}`;

  const effective = new Map<string, RdkSetting>();
  for (const [k, st] of a.state) if (st.setting) effective.set(k, st.setting);
  return {
    effective,
    applied: a.applied,
    setErrors,
    readings: a.readings,
    discarded: a.discarded,
    idempotence,
    idempotenceReason,
    transactional,
    conflicts,
    adjustments,
    aliasConflicts,
    refusesToStart,
    summary,
  };
}

/** librdkafka's configuration after every rd_kafka_conf_set() of the block, and what those calls said. */
interface Applied {
  state: Map<string, State>;
  applied: RdkSetting[];
  setErrors: RdkSetError[];
  readings: LibrdkafkaVerdict['readings'];
  discarded: RdkSetting[];
  topicConfExists: boolean;
}

/** The block's settings applied in the order librdkafka receives them: the binding's own, the global ones, the topic ones. */
function applySettings(block: Pick<ProducerBlock, 'items' | 'values' | 'topicConfInstalled'>): Applied {
  const state = new Map<string, State>();
  for (const [k, d] of Object.entries(DEFAULTS)) state.set(k, { modified: false, value: d });
  const a: Applied = { state, applied: [], setErrors: [], readings: [], discarded: [], topicConfExists: false };

  // values a binding sets itself come first
  for (const bv of block.values.values()) {
    if (bv.injectedBy && !bv.entry) {
      applySetting(a, {
        key: bv.key,
        spelling: bv.key,
        raw: bv.value,
        value: bv,
        topicConf: false,
        origin: bv.origin ?? `set by ${bv.injectedBy}`,
      });
    }
  }
  const globalItems = block.items.filter((i) => !isTopicConfItem(i));
  const topicItems = block.items.filter(isTopicConfItem);
  const valueOf = (item: BlockItem): BlockValue => ({ key: item.key, value: item.entry.value, kind: item.entry.kind, entry: item.entry });
  for (const item of globalItems) {
    applySetting(a, {
      key: item.key,
      spelling: spellingOf(item),
      raw: item.entry.value,
      item,
      value: valueOf(item),
      topicConf: false,
      unless: envNoteOf(item.entry),
    });
  }
  if (topicItems.length > 0 || block.topicConfInstalled) {
    // rd_kafka_conf_set_default_topic_conf(): the separate topic conf replaces the implicit one
    for (const key of [RDK.acks, RDK.messageTimeout, RDK.queuingStrategy]) {
      const st = state.get(key)!;
      if (st.modified && st.setting) a.discarded.push(st.setting);
      state.set(key, { modified: false, value: DEFAULTS[key] });
    }
    a.topicConfExists = true;
    for (const item of topicItems) {
      applySetting(a, {
        key: item.key,
        spelling: spellingOf(item),
        raw: item.entry.value,
        item,
        value: valueOf(item),
        topicConf: true,
        unless: envNoteOf(item.entry),
      });
    }
  }
  return a;
}

/** One rd_kafka_conf_set() (or rd_kafka_topic_conf_set()). */
function applySetting(a: Applied, s: RdkSetting): void {
  a.applied.push(s);
  const prop = rdkProperty(s.key);
  if (s.topicConf) {
    const name = (s.spelling ?? s.key).replace(/^topic\./, '');
    if (!RDK_TOPIC_PROPERTIES.has(name) && !(prop && prop.scope === 'topic')) {
      // only modelled keys: unmodelled names may be topic properties of later versions
      if (prop) a.setErrors.push({ setting: s, message: `No such configuration property: "${name}"` });
      return;
    }
  } else if (fallsToTopicConf(s.spelling ?? s.key)) {
    a.topicConfExists = true; // rd_kafka_conf_set() creates the default topic conf before trying the name
  }
  if (!prop) return;
  if (s.raw === undefined || s.value?.kind === 'unknown') {
    s.parsed = undefined;
    a.state.set(prop.key, { modified: true, value: undefined, setting: s });
    return;
  }
  const r = parseRdkValue(prop.key, s.raw);
  s.parsed = r;
  if (!r.ok) {
    a.setErrors.push({ setting: s, message: r.error });
    return;
  }
  if (r.note) a.readings.push({ setting: s, note: r.note });
  if ('noop' in r) return;
  a.state.set(prop.key, { modified: true, value: r.value, setting: s });
}

/** The checks' working set: the configuration they read and what they find, in the order librdkafka finds it. */
class Checks {
  readonly conflicts: RdkConflict[] = [];
  readonly adjustments: RdkAdjustment[] = [];
  constructor(private readonly state: Map<string, State>) {}

  get(k: RdkKey): State {
    return this.state.get(k)!;
  }

  num(k: RdkKey): number | undefined {
    const v = this.get(k).value;
    return typeof v === 'number' ? v : undefined;
  }

  related(k: RdkKey, why: string): Array<{ setting: RdkSetting; why: string }> {
    const s = this.get(k).setting;
    return s ? [{ setting: s, why }] : [];
  }
}

/** Whether the producer is transactional and idempotent, and why (the checks below refine it). */
interface ProducerFacts {
  transactional: boolean | undefined;
  idempotence: boolean | undefined;
  idempotenceReason: string;
  txnTimeout: number | undefined;
}

function producerFacts(c: Checks): ProducerFacts {
  const idem = c.get(RDK.idempotence);
  const txnState = c.get(RDK.transactionalId);
  const transactional: boolean | undefined = txnState.value === undefined && txnState.modified ? undefined : txnState.value !== null;
  const idempotence: boolean | undefined = idem.value === undefined ? undefined : idem.value === 1;
  let idempotenceReason: string;
  if (idem.modified && idem.value !== undefined) {
    const where = [idem.setting?.origin, idem.setting?.unless].filter((x) => x !== undefined).join(', ');
    idempotenceReason = `enable.idempotence=${idem.value === 1 ? 'true' : 'false'} is set${where ? ` (${where})` : ''}`;
  } else if (idem.modified) {
    idempotenceReason = 'enable.idempotence is set to a value that is not known statically';
  } else {
    idempotenceReason = 'librdkafka defaults enable.idempotence to false';
  }
  return { transactional, idempotence, idempotenceReason, txnTimeout: c.num(RDK.transactionTimeout) };
}

/** rd_kafka_conf_finalize(): a transactional producer needs idempotence (and turns it on) and a socket timeout that fits. */
function transactionChecks(c: Checks, p: ProducerFacts): void {
  const { txnTimeout } = p;
  if (p.transactional === true) {
    const idem = c.get(RDK.idempotence);
    if (p.idempotence === false) {
      if (idem.modified) {
        c.conflicts.push({
          check: 'txn-needs-idempotence',
          message: RDK_MSG.txnNeedsIdempotence,
          stage: 'new',
          setting: idem.setting!,
          related: c.related(RDK.transactionalId, 'transactional.id makes the producer transactional'),
        });
      } else {
        p.idempotence = true;
        p.idempotenceReason = 'transactional.id is set, which turns idempotence on (enable.idempotence is not set)';
      }
    }
    const sock = c.get(RDK.socketTimeout);
    if (!sock.modified) {
      if (txnTimeout !== undefined) {
        c.adjustments.push({
          key: RDK.socketTimeout,
          to: String(Math.max(txnTimeout - 100, 900)),
          why: 'transactional.id is set and socket.timeout.ms is not: librdkafka uses transaction.timeout.ms - 100 (at least 900)',
        });
      }
    } else if (txnTimeout !== undefined && typeof sock.value === 'number' && txnTimeout + 100 < sock.value) {
      c.conflicts.push({
        check: 'txn-socket-timeout',
        message: RDK_MSG.socketTimeout,
        stage: 'new',
        setting: sock.setting!,
        related: [
          ...c.related(RDK.transactionTimeout, `transaction.timeout.ms=${txnTimeout}`),
          ...c.related(RDK.transactionalId, 'transactional.id makes the producer transactional'),
        ],
        detail: `${sock.value} > ${txnTimeout} + 100`,
      });
    }
  } else if (p.transactional === undefined && p.idempotence !== true) {
    p.idempotence = undefined;
  }
}

/** rd_kafka_conf_finalize(): what idempotence requires of in-flight, retries and backpressure, and gapless of idempotence. */
function idempotenceChecks(c: Checks, p: ProducerFacts): void {
  if (p.idempotence === true) {
    const inflight = c.get(RDK.inFlight);
    if (inflight.modified) {
      if (typeof inflight.value === 'number' && inflight.value > IDEMP_MAX_INFLIGHT) {
        c.conflicts.push({
          check: 'max-in-flight',
          message: RDK_MSG.inFlight,
          stage: 'new',
          setting: inflight.setting!,
          related: c.related(RDK.idempotence, 'enable.idempotence=true'),
          detail: `${inflight.value} > ${IDEMP_MAX_INFLIGHT}`,
        });
      }
    } else {
      c.adjustments.push({
        key: RDK.inFlight,
        to: String(IDEMP_MAX_INFLIGHT),
        why: 'not set, so librdkafka caps it for idempotence (default 1000000)',
      });
    }
    const retries = c.get(RDK.retries);
    if (retries.modified) {
      if (typeof retries.value === 'number' && retries.value < 1) {
        c.conflicts.push({
          check: 'retries',
          message: RDK_MSG.retries,
          stage: 'new',
          setting: retries.setting!,
          related: c.related(RDK.idempotence, 'enable.idempotence=true'),
          detail: `${retries.value} < 1`,
        });
      }
    } else {
      c.adjustments.push({
        key: RDK.retries,
        to: String(INT32_MAX),
        why: 'not set, so librdkafka retries without a count limit (bounded by message.timeout.ms)',
      });
    }
    const bp = c.get(RDK.backpressure);
    if (bp.modified && typeof bp.value === 'number' && bp.value > 1) {
      c.conflicts.push({
        check: 'backpressure',
        message: RDK_MSG.backpressure,
        stage: 'new',
        setting: bp.setting!,
        related: c.related(RDK.idempotence, 'enable.idempotence=true'),
        detail: `${bp.value} > 1`,
      });
    }
  } else if (p.idempotence === false) {
    const gap = c.get(RDK.gapless);
    if (gap.modified && gap.value === 1) {
      c.conflicts.push({
        check: 'gapless-needs-idempotence',
        message: RDK_MSG.gapless,
        stage: 'new',
        setting: gap.setting!,
        related: c.related(RDK.idempotence, 'enable.idempotence=false'),
      });
    }
  }
}

/**
 * The default topic conf (rd_kafka_new, when one exists) or a fresh one (rd_kafka_topic_new): linger.ms against
 * message.timeout.ms, acks and the queuing strategy under idempotence, a transactional producer's message timeout.
 */
function topicConfChecks(c: Checks, p: ProducerFacts, topicConfExists: boolean): void {
  const { transactional, idempotence, txnTimeout } = p;
  const linger = c.get(RDK.linger);
  const lingerValue = c.num(RDK.linger) ?? (linger.value === undefined ? undefined : NaN);
  const mt = c.get(RDK.messageTimeout);
  const lingerConflict = (mtValue: number, stage: 'new' | 'topic', adjusted: boolean) => {
    if (c.conflicts.some((x) => x.check === 'message-timeout-vs-linger')) return;
    c.conflicts.push({
      check: 'message-timeout-vs-linger',
      message: RDK_MSG.linger,
      stage,
      setting: linger.setting!,
      related: adjusted
        ? [
            ...c.related(RDK.transactionalId, `transactional.id sets message.timeout.ms to transaction.timeout.ms=${mtValue}`),
            ...c.related(RDK.transactionTimeout, `transaction.timeout.ms=${mtValue}`),
          ]
        : c.related(RDK.messageTimeout, `message.timeout.ms=${mtValue}`),
      detail: `${mtValue} <= ${lingerValue}`,
    });
  };
  const stage: 'new' | 'topic' = topicConfExists ? 'new' : 'topic';
  if (topicConfExists) {
    const mtRaw = typeof mt.value === 'number' ? mt.value : undefined;
    if (mtRaw !== undefined && lingerValue !== undefined && mtRaw !== 0 && mtRaw <= lingerValue) {
      if (linger.modified) lingerConflict(mtRaw, 'new', false);
      else
        c.adjustments.push({ key: RDK.linger, to: String(mtRaw - 0.1), why: `not set, and message.timeout.ms=${mtRaw} is not above it` });
    }
  }
  if (idempotence === true) idempotentTopicChecks(c);
  let mtEffective: number | undefined = typeof mt.value === 'number' ? mt.value : undefined;
  let mtAdjusted = false;
  if (transactional === true && idempotence === true) {
    if (!mt.modified) {
      mtEffective = txnTimeout;
      mtAdjusted = true;
      if (txnTimeout !== undefined) {
        c.adjustments.push({
          key: RDK.messageTimeout,
          to: String(txnTimeout),
          why: 'transactional.id is set and message.timeout.ms is not: librdkafka uses transaction.timeout.ms',
        });
      }
    } else if (mtEffective !== undefined && txnTimeout !== undefined && mtEffective > txnTimeout) {
      c.conflicts.push({
        check: 'txn-message-timeout',
        message: RDK_MSG.messageTimeout,
        stage: 'new',
        setting: mt.setting!,
        related: [
          ...c.related(RDK.transactionTimeout, `transaction.timeout.ms=${txnTimeout}`),
          ...c.related(RDK.transactionalId, 'transactional.id makes the producer transactional'),
        ],
        detail: `${mtEffective} > ${txnTimeout}`,
      });
    }
  } else if (!mt.modified && (transactional === undefined || (transactional === true && idempotence === undefined))) {
    mtEffective = undefined; // depends on values that are not known
  }
  if (linger.modified && mtEffective !== undefined && lingerValue !== undefined && mtEffective !== 0 && mtEffective <= lingerValue) {
    lingerConflict(mtEffective, stage, mtAdjusted);
  }
  if (idempotence === true) {
    const bp = c.get(RDK.backpressure);
    if (!bp.modified) c.adjustments.push({ key: RDK.backpressure, to: '1', why: 'idempotence needs it (the default is already 1)' });
    const q = c.get(RDK.queuingStrategy);
    if (!q.modified)
      c.adjustments.push({ key: RDK.queuingStrategy, to: 'fifo', why: 'idempotence needs it (the default is already fifo)' });
  }
}

/** The topic conf of an idempotent producer: acks must be all, the queuing strategy fifo. */
function idempotentTopicChecks(c: Checks): void {
  const acks = c.get(RDK.acks);
  if (acks.modified) {
    if (typeof acks.value === 'number' && acks.value !== -1) {
      c.conflicts.push({
        check: 'acks',
        message: RDK_MSG.acks,
        stage: 'new',
        setting: acks.setting!,
        related: c.related(RDK.idempotence, 'enable.idempotence=true'),
      });
    }
  } else {
    c.adjustments.push({ key: RDK.acks, to: 'all', why: 'not set (the default is already all)' });
  }
  const q = c.get(RDK.queuingStrategy);
  if (q.modified && typeof q.value === 'number' && q.value !== 0) {
    c.conflicts.push({
      check: 'queuing-strategy',
      message: RDK_MSG.queuing,
      stage: 'new',
      setting: q.setting!,
      related: c.related(RDK.idempotence, 'enable.idempotence=true'),
    });
  }
}

/** Two spellings of one property with different values, the earlier one shadowed. */
function aliasConflictsOf(applied: RdkSetting[]): RdkAliasConflict[] {
  const aliasConflicts: RdkAliasConflict[] = [];
  const bySpelling = new Map<string, RdkSetting[]>();
  for (const s of applied) {
    if (!s.spelling || !s.item || !rdkProperty(s.key)) continue;
    const list = bySpelling.get(s.key) ?? [];
    list.push(s);
    bySpelling.set(s.key, list);
  }
  for (const [key, list] of bySpelling) {
    const winner = [...list].reverse().find((s) => s.parsed === undefined || s.parsed.ok);
    if (!winner) continue;
    const text = (s: RdkSetting) => (s.parsed === undefined ? undefined : s.parsed.ok ? s.parsed.text : s.raw);
    for (const s of list) {
      if (s === winner || s.spelling === winner.spelling || s.topicConf !== winner.topicConf || !s.parsed?.ok) continue;
      if (list.indexOf(s) > list.indexOf(winner)) continue;
      const a = text(s);
      const b = text(winner);
      if (a === undefined || b === undefined || a === b) continue;
      aliasConflicts.push({ key, shadowed: s, winner });
    }
  }
  return aliasConflicts;
}

/** Where the value librdkafka runs with comes from. */
export type RdkEffectiveSource =
  /** rd_kafka_conf_set() succeeded for it (the user, or a binding's own value). */
  | 'set'
  /** librdkafka adjusted it while finalizing the configuration, because it was not set. */
  | 'adjusted'
  /** Not set and not adjusted: librdkafka's default. */
  | 'default'
  /** Not set: implied by another property (a transactional.id turns idempotence on). */
  | 'implied';

export interface RdkEffectiveSetting {
  key: RdkKey;
  /** As librdkafka shows it (`true`, `all`, `5`, `fifo`); undefined when not known statically; '' for an unset string. */
  value: string | undefined;
  source: RdkEffectiveSource;
  /** The setting applied (source `set`). */
  setting?: RdkSetting;
  /** Why librdkafka adjusted or implied it. */
  why?: string;
  /** A value written in the global configuration that a separate topic configuration replaced. */
  discarded?: RdkSetting;
}

/** The keys the effective configuration lists, in the order they matter for idempotence. */
const EFFECTIVE_KEYS: RdkKey[] = [
  RDK.idempotence,
  RDK.acks,
  RDK.retries,
  RDK.inFlight,
  RDK.transactionalId,
  RDK.transactionTimeout,
  RDK.messageTimeout,
  RDK.linger,
  RDK.socketTimeout,
  RDK.queuingStrategy,
  RDK.backpressure,
  RDK.gapless,
];

/** How librdkafka shows a stored value of `key` (its enum and alias names where it has them). */
function shownRdkValue(key: RdkKey, text: string): string {
  if (key === RDK.acks && text === '-1') return 'all';
  return text;
}

/**
 * The configuration librdkafka runs this block with, read off the verdict: for each modelled property the
 * value in effect once rd_kafka_new() has finalized it, and whether the user set it, librdkafka adjusted it,
 * or it is the default. Nothing here is judged again.
 */
export function librdkafkaEffectiveConfig(v: LibrdkafkaVerdict): RdkEffectiveSetting[] {
  const out: RdkEffectiveSetting[] = [];
  for (const key of EFFECTIVE_KEYS) {
    const adjusted = v.adjustments.find((a) => a.key === key);
    const discarded = v.discarded.find((s) => s.key === key);
    const setting = v.effective.get(key);
    if (key === RDK.idempotence) {
      if (setting) out.push({ key, value: setting.parsed?.ok ? setting.parsed.text : undefined, source: 'set', setting });
      else if (v.idempotence === true) out.push({ key, value: 'true', source: 'implied', why: v.idempotenceReason });
      else
        out.push({
          key,
          value: v.idempotence === undefined ? undefined : 'false',
          source: 'default',
          why: v.idempotence === undefined ? 'it depends on a transactional.id that is not known statically' : undefined,
        });
      continue;
    }
    if (setting) {
      const parsed = setting.parsed;
      out.push({ key, value: parsed?.ok ? shownRdkValue(key, parsed.text) : undefined, source: 'set', setting });
    } else if (adjusted) {
      out.push({ key, value: adjusted.to, source: 'adjusted', why: adjusted.why, ...(discarded ? { discarded } : {}) });
    } else if ((key === RDK.messageTimeout || key === RDK.socketTimeout) && v.transactional !== false && v.idempotence !== false) {
      // a transactional producer takes both from transaction.timeout.ms, which is not known here (or whether it is transactional)
      out.push({
        key,
        value: undefined,
        source: 'adjusted',
        why: 'a transactional producer derives it from transaction.timeout.ms, which is not known statically',
        ...(discarded ? { discarded } : {}),
      });
    } else {
      const def = RDK_PROPERTIES[key].default;
      out.push({ key, value: shownRdkValue(key, def), source: 'default', ...(discarded ? { discarded } : {}) });
    }
  }
  return out;
}

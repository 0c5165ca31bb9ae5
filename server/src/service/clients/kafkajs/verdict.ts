/**
 * What KafkaJS (2.x) does with a producer, read from its source (catalogue §1.3, §2.5)
 * and held to the real client by test/unit/kafkajs-differential.test.ts:
 * - `kafka.producer({ idempotent, retry, transactionalId, maxInFlightRequests, ... })`:
 *   the retry options are `{ ...new Kafka({ retry }), ...producer retry }`; an idempotent
 *   producer with `retries < 1` throws synchronously, one with `retries <
 *   Number.MAX_SAFE_INTEGER` logs a warning. Without `retries` anywhere the retrier
 *   falls back to its own default of 5 (the documented MAX_SAFE_INTEGER default only
 *   applies when no retry object reaches the producer, which `kafka.producer()` never does).
 * - `send/sendBatch({ acks })` on an idempotent producer (and every send inside
 *   `producer.transaction()`) rejects unless `acks` is exactly the number -1 (or omitted).
 * - Options given to the wrong call are ignored: `acks` in `producer()`, `idempotent`,
 *   `transactionalId`, `maxInFlightRequests` in `send()`, `idempotent` in `new Kafka()`.
 * - `producer.transaction()` without `transactionalId` rejects.
 * Comparisons use JavaScript's own semantics on the resolved values (`'0' < 1`, truthiness).
 */
import type { ProducerBlock } from '../../types';
import { lookup, primitive, showLit, startOf, type JsProp, type JsValue, type Lit } from '../../formats/jsStatic';
import type { JsProducerSite, JsSendSite } from '../../formats/typescript';

export const KJS_MSG = {
  acks: "Not requiring ack for all messages invalidates the idempotent producer's EoS guarantees",
  retriesZero: 'Idempotent producer must allow retries to protect against transient errors',
  retriesLimited: 'Limiting retries for the idempotent producer may invalidate EoS guarantees',
  transactionalId: 'Must provide transactional id for transactional producer',
};

/** The retrier's default when no `retries` reaches it (kafkajs src/retry/defaults.js). */
export const KJS_DEFAULT_RETRIES = 5;

/** A setting as KafkaJS reads it: absent, unknown (an unknown spread or expression), or a value. */
export type KjsSetting =
  | { state: 'absent' }
  | { state: 'unknown'; prop?: JsProp }
  /** `env`: the expression, `vars` the environment variables it reads, when `v` is its value with them unset. */
  | { state: 'present'; prop: JsProp; v: Lit; env?: string; vars?: string[]; from: 'producer' | 'client' | 'send' };

export interface KjsSendVerdict {
  send: JsSendSite;
  acks: KjsSetting;
  /** Whether KafkaJS checks acks for this send (idempotent producer, or inside a transaction). */
  idempotent: boolean | undefined;
  rejects: boolean | undefined;
}

export interface KjsMisplaced {
  prop: JsProp;
  /** Where it was written and where KafkaJS reads it. */
  where: 'producer' | 'send' | 'client';
  belongs: 'send' | 'producer';
  send?: JsSendSite;
}

export interface KafkaJsVerdict {
  site: JsProducerSite;
  idempotent: KjsSetting;
  /** `!!idempotent`, or undefined when not known. */
  idempotentOn: boolean | undefined;
  retries: KjsSetting;
  /** `idempotent && retries < 1`: `kafka.producer()` throws. */
  throwsAtProducer: boolean | undefined;
  /** `idempotent && retries < Number.MAX_SAFE_INTEGER`: KafkaJS logs a warning. */
  warnsLimitedRetries: boolean | undefined;
  /** The retries the producer's retrier will make (raw value KafkaJS compares against). */
  effectiveRetries: Lit | 'unknown';
  maxInFlight: KjsSetting;
  transactionalId: KjsSetting;
  sends: KjsSendVerdict[];
  transactions: Array<{ node: JsProducerSite['transactions'][number]; rejects: boolean | undefined }>;
  misplaced: KjsMisplaced[];
}

function setting(v: JsValue | undefined, key: string, from: 'producer' | 'client' | 'send'): KjsSetting {
  const r = lookup(v, key);
  if (r.state !== 'present') return r;
  const p = primitive(r.prop.value);
  if (!p) return { state: 'unknown', prop: r.prop };
  return { state: 'present', prop: r.prop, v: p.v, env: p.env, vars: p.vars, from };
}

/** `retry.retries` in one retry object: a primitive `retry` spreads no `retries` key. */
function retriesIn(config: JsValue | undefined, from: 'producer' | 'client'): KjsSetting | 'fallthrough' {
  const r = lookup(config, 'retry');
  if (r.state === 'absent') return 'fallthrough';
  if (r.state === 'unknown') return { state: 'unknown' };
  const rv = r.prop.value;
  if (rv.t === 'lit' || rv.t === 'env') return 'fallthrough';
  if (rv.t !== 'obj') return { state: 'unknown', prop: r.prop };
  const s = setting(rv, 'retries', from);
  return s.state === 'absent' ? 'fallthrough' : s;
}

/** The merged `retry.retries`: `{ ...new Kafka({ retry }), ...producer({ retry }) }`. */
export function mergedRetries(site: JsProducerSite): KjsSetting {
  const p = retriesIn(site.config, 'producer');
  if (p !== 'fallthrough') return p;
  if (site.clientUnknown) return { state: 'unknown' };
  if (!site.client) return { state: 'absent' };
  const c = retriesIn(site.client.config, 'client');
  return c === 'fallthrough' ? { state: 'absent' } : c;
}

const PRODUCER_OPTIONS_IN_SEND = ['idempotent', 'transactionalId', 'maxInFlightRequests'];
const PRODUCER_OPTIONS_IN_CLIENT = ['idempotent', 'transactionalId', 'acks'];

export function evaluateKafkaJs(site: JsProducerSite): KafkaJsVerdict {
  const idempotent = setting(site.config, 'idempotent', 'producer');
  const idempotentOn = idempotent.state === 'absent' ? false : idempotent.state === 'present' ? Boolean(idempotent.v) : undefined;
  const retries = mergedRetries(site);
  const n = retries.state === 'present' ? retries.v : undefined;
  let throwsAtProducer: boolean | undefined;
  let warnsLimitedRetries: boolean | undefined;
  if (idempotentOn === false) {
    throwsAtProducer = false;
    warnsLimitedRetries = false;
  } else if (retries.state !== 'unknown' && idempotentOn === true) {
    // JavaScript's own comparisons, as KafkaJS writes them
    throwsAtProducer = (n as number) < 1;
    warnsLimitedRetries = !throwsAtProducer && (n as number) < Number.MAX_SAFE_INTEGER;
  }
  const effectiveRetries: Lit | 'unknown' =
    retries.state === 'present' ? retries.v : retries.state === 'absent' ? KJS_DEFAULT_RETRIES : 'unknown';

  const sends: KjsSendVerdict[] = site.sends.map((send) => {
    const acks = setting(send.arg, 'acks', 'send');
    const idem = send.inTransaction ? true : idempotentOn;
    let rejects: boolean | undefined;
    if (idem === false || acks.state === 'absent') rejects = false;
    else if (acks.state === 'present') rejects = acks.v === undefined || acks.v === -1 ? false : idem === true ? true : undefined;
    return { send, acks, idempotent: idem, rejects };
  });

  const transactionalId = setting(site.config, 'transactionalId', 'producer');
  const transactions = site.transactions.map((node) => ({
    node,
    rejects: transactionalId.state === 'absent' ? true : transactionalId.state === 'present' ? !transactionalId.v : undefined,
  }));

  const misplaced: KjsMisplaced[] = [];
  const acksInProducer = lookup(site.config, 'acks');
  if (acksInProducer.state === 'present') misplaced.push({ prop: acksInProducer.prop, where: 'producer', belongs: 'send' });
  for (const send of site.sends) {
    for (const key of PRODUCER_OPTIONS_IN_SEND) {
      const r = lookup(send.arg, key);
      if (r.state === 'present') misplaced.push({ prop: r.prop, where: 'send', belongs: 'producer', send });
    }
  }
  if (site.client) {
    for (const key of PRODUCER_OPTIONS_IN_CLIENT) {
      const r = lookup(site.client.config, key);
      if (r.state === 'present') misplaced.push({ prop: r.prop, where: 'client', belongs: key === 'acks' ? 'send' : 'producer' });
    }
  }

  return {
    site,
    idempotent,
    idempotentOn,
    retries,
    throwsAtProducer,
    warnsLimitedRetries,
    effectiveRetries,
    maxInFlight: setting(site.config, 'maxInFlightRequests', 'producer'),
    transactionalId,
    sends,
    transactions,
    misplaced,
  };
}

const cache = new WeakMap<ProducerBlock, KafkaJsVerdict>();

/** The verdict of a KafkaJS block (computed once per block). */
export function kafkaJsVerdict(block: ProducerBlock): KafkaJsVerdict | undefined {
  const site = jsSiteOf(block);
  if (!site || (site.api !== 'kafkajs' && site.api !== 'nestjs')) return undefined;
  let v = cache.get(block);
  if (!v) {
    v = evaluateKafkaJs(site);
    cache.set(block, v);
  }
  return v;
}

/** The JS call site a block was built from (detect/javascript.ts puts it in `extra`). */
export function jsSiteOf(block: ProducerBlock): JsProducerSite | undefined {
  const x = block.extra;
  return x?.kind === 'js' ? x.site : undefined;
}

/** One KafkaJS option as the producer runs with it. */
export interface KjsEffectiveSetting {
  /** The option (`idempotent`, `retry.retries`...), or `acks` of a send. */
  option: string;
  /** As JavaScript shows it (`true`, `5`, `'all'`); undefined when not known statically. */
  value: string | undefined;
  /** `producer`/`client`/`send`: written in that call's options; `default`: KafkaJS's own value. */
  source: 'producer' | 'client' | 'send' | 'default' | 'unknown';
  /** Offset of the option in the file, when it is written there. */
  offset?: number;
  /** The environment variables the value depends on (`unless X is set`), when it is the code's own default. */
  unlessSet?: string[];
  /** What KafkaJS does with the value, when that is not plain. */
  note?: string;
}

function effectiveOf(option: string, s: KjsSetting, site: JsProducerSite, def: { value: string; note?: string }): KjsEffectiveSetting {
  const sf = site.callee.getSourceFile();
  if (s.state === 'absent') return { option, value: def.value, source: 'default', ...(def.note ? { note: def.note } : {}) };
  if (s.state === 'unknown')
    return { option, value: undefined, source: 'unknown', ...(s.prop ? { offset: startOf(s.prop.node, sf) } : {}) };
  return {
    option,
    value: showLit(s.v),
    source: s.from,
    offset: startOf(s.prop.node, sf),
    ...(s.vars?.length ? { unlessSet: s.vars } : {}),
  };
}

/**
 * The options a KafkaJS producer runs with, read off the verdict: the producer's own options (with the client's
 * `retry` merged in, as `kafka.producer()` does) and each send's `acks`. Nothing is judged again.
 */
export function kafkaJsEffectiveConfig(v: KafkaJsVerdict): KjsEffectiveSetting[] {
  const out: KjsEffectiveSetting[] = [
    effectiveOf('idempotent', v.idempotent, v.site, { value: 'false' }),
    effectiveOf('retry.retries', v.retries, v.site, {
      value: String(KJS_DEFAULT_RETRIES),
      note: "the retrier's default (not the documented Number.MAX_SAFE_INTEGER)",
    }),
    effectiveOf('maxInFlightRequests', v.maxInFlight, v.site, {
      value: 'unlimited',
      note: v.idempotentOn === true ? 'an idempotent KafkaJS producer sends one request per broker at a time' : undefined,
    }),
    effectiveOf('transactionalId', v.transactionalId, v.site, { value: 'not set' }),
  ];
  for (const s of v.sends) {
    const e = effectiveOf('acks', s.acks, v.site, { value: '-1' });
    const sf = v.site.callee.getSourceFile();
    out.push({
      ...e,
      option: `acks of ${s.send.method}()`,
      offset: e.offset ?? startOf(s.send.node, sf),
      ...(s.send.inTransaction ? { note: 'in a transaction' } : {}),
    });
  }
  return out;
}

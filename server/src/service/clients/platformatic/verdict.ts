/**
 * What @platformatic/kafka (2.12.1) does with a producer, read from its published source
 * (dist/clients/producer/producer.js, dist/clients/base/base.js, dist/clients/base/options.js,
 * dist/apis/enumerations.js) and held to the installed package by
 * test/unit/platformatic-agreement.test.ts:
 * - `new Producer(options)` (producer.js:35-45), before any validation: when `options.idempotent` is
 *   truthy it sets `maxInflights = 1` and `acks = ProduceAcks.ALL` (-1), overwriting what was written,
 *   and raises `retries` to Number.MAX_SAFE_INTEGER when it is undefined or a number <= 1; otherwise it
 *   sets `idempotent = false`. Nothing is thrown for any of these combinations.
 * - The producer-level `acks` is never read again: `send()` (producer.js:191-202) defaults a send's
 *   acks with `options.acks ??= idempotent ? ProduceAcks.ALL : ProduceAcks.LEADER`, i.e. -1 for an
 *   idempotent producer and 1 (leader only) otherwise, whatever `new Producer({ acks })` said.
 * - The constructor's `retries` bounds the retries of every produce request (`kPerformWithRetry('produce', …)`,
 *   producer.js:754; base.js:271-278 retries while `attempt < retries`). Base (base.js:69-71) turns a boolean
 *   into Infinity (true) or 0 (false) after the producer's own check, so an idempotent producer keeps
 *   `retries: false` (0 retries), null (0), strings as compared by JS, and any number above 1.
 * - `send(options)`: `idempotent = options.idempotent ?? <the producer's idempotent>` (a per-send
 *   `idempotent` wins unless it is null/undefined); when it is truthy and
 *   `typeof options.acks !== 'undefined' && options.acks !== -1`, the send fails with
 *   UserError "Idempotent producer requires acks to be ALL (-1)." before any network I/O
 *   (the callback is called synchronously; the returned promise rejects). Strict equality: '-1',
 *   'all' and null are refused too.
 * - Schema validation (`kValidateOptions`, base.js:386-398) runs only with `strict: true`; the
 *   default (options.js `defaultBaseOptions.strict: false`) validates nothing. With strict, a
 *   non-number acks fails validation first, with another message (the send is still refused).
 * - `beginTransaction()` (producer.js:221-245) fails at once, before any network I/O, on a producer whose
 *   constructor `idempotent` was falsy: "Cannot begin a transaction on a non-idempotent producer."
 *   (`transactionalId` defaults to a random UUID, producer.js:72, so a missing one is no error.)
 *   The sends of the transaction object are not read.
 * Comparisons use JavaScript's own semantics on the resolved values (truthiness, `??`, `!==`).
 */
import type { ProducerBlock } from '../../types';
import { lookup, primitive, type JsProp, type JsValue, type Lit } from '../../formats/jsStatic';
import type { JsProducerSite, JsSendSite } from '../../formats/typescript';
import { jsSiteOf } from '../kafkajs/verdict';

export const PLT_MSG = {
  acks: 'Idempotent producer requires acks to be ALL (-1).',
  transaction: 'Cannot begin a transaction on a non-idempotent producer.',
};

/** `defaultBaseOptions.retries` (dist/clients/base/options.js). */
export const PLT_DEFAULT_RETRIES = 3;

/** ProduceAcks (dist/apis/enumerations.js). */
export const PLT_ACKS = { ALL: -1, NO_RESPONSE: 0, LEADER: 1 } as const;

export type PltSetting =
  { state: 'absent' } | { state: 'unknown'; prop?: JsProp } | { state: 'present'; prop: JsProp; v: Lit; env?: string; vars?: string[] };

export interface PltSendVerdict {
  send: JsSendSite;
  acks: PltSetting;
  /** The send's own `idempotent` option. */
  idempotent: PltSetting;
  /** `send.idempotent ?? producer idempotent`, as a boolean; undefined when not known. */
  idempotentOn: boolean | undefined;
  /** The send fails with PLT_MSG.acks. */
  rejects: boolean | undefined;
}

export interface PlatformaticVerdict {
  site: JsProducerSite;
  idempotent: PltSetting;
  /** Truthiness of the constructor's `idempotent`; undefined when not known. */
  idempotentOn: boolean | undefined;
  retries: PltSetting;
  /** The retries value the client runs with ('unknown' when not known statically). */
  effectiveRetries: Lit | 'unknown';
  /** Idempotent, and the produce retries are bounded (`!(retries >= Number.MAX_SAFE_INTEGER)`). */
  retriesLimited: boolean | undefined;
  /** `new Producer({ acks })`: never read by send(). */
  producerAcks: PltSetting;
  sends: PltSendVerdict[];
  /** `producer.beginTransaction()` calls; `rejects`: the producer is not idempotent. */
  transactions: Array<{ node: JsProducerSite['transactions'][number]; rejects: boolean | undefined }>;
}

function setting(v: JsValue | undefined, key: string): PltSetting {
  const r = lookup(v, key);
  if (r.state !== 'present') return r;
  const p = primitive(r.prop.value);
  if (!p) return { state: 'unknown', prop: r.prop };
  return { state: 'present', prop: r.prop, v: p.v, env: p.env, vars: p.vars };
}

export function evaluatePlatformatic(site: JsProducerSite): PlatformaticVerdict {
  const idempotent = setting(site.config, 'idempotent');
  // an unknown first argument (not an object we can read): nothing is known
  const configKnown = site.config.t === 'obj' || (site.config.t === 'lit' && site.config.v === undefined);
  const idempotentOn = !configKnown
    ? undefined
    : idempotent.state === 'absent'
      ? false
      : idempotent.state === 'present'
        ? Boolean(idempotent.v)
        : undefined;
  const sends = site.sends.map((send): PltSendVerdict => {
    const acks = setting(send.arg, 'acks');
    const own = setting(send.arg, 'idempotent');
    let idem: boolean | undefined;
    if (own.state === 'present' && own.v !== undefined && own.v !== null) idem = Boolean(own.v);
    else if (own.state === 'unknown') idem = undefined;
    else idem = idempotentOn;
    let rejects: boolean | undefined;
    if (idem === false || acks.state === 'absent') rejects = false;
    else if (acks.state === 'present') rejects = acks.v === undefined || acks.v === PLT_ACKS.ALL ? false : idem === true ? true : undefined;
    return { send, acks, idempotent: own, idempotentOn: idem, rejects };
  });
  const retries = setting(site.config, 'retries');
  let effectiveRetries: Lit | 'unknown' = 'unknown';
  if (idempotentOn !== undefined && retries.state !== 'unknown') {
    let r: Lit = retries.state === 'present' ? retries.v : undefined;
    if (idempotentOn && (r === undefined || (typeof r === 'number' && r <= 1))) r = Number.MAX_SAFE_INTEGER;
    else if (r === undefined) r = PLT_DEFAULT_RETRIES;
    if (typeof r === 'boolean') r = r ? Number.POSITIVE_INFINITY : 0;
    effectiveRetries = r;
  }
  // JavaScript's comparison, as the retry loop makes it (`attempt < retries`)
  const retriesLimited =
    idempotentOn === false
      ? false
      : idempotentOn === true && effectiveRetries !== 'unknown'
        ? !((effectiveRetries as number) >= Number.MAX_SAFE_INTEGER)
        : undefined;
  const transactions = site.transactions.map((node) => ({ node, rejects: idempotentOn === undefined ? undefined : !idempotentOn }));
  return {
    site,
    idempotent,
    idempotentOn,
    producerAcks: setting(site.config, 'acks'),
    sends,
    transactions,
    retries,
    effectiveRetries,
    retriesLimited,
  };
}

const cache = new WeakMap<ProducerBlock, PlatformaticVerdict>();

/** The verdict of a @platformatic/kafka block (computed once per block). */
export function platformaticVerdict(block: ProducerBlock): PlatformaticVerdict | undefined {
  const site = jsSiteOf(block);
  if (!site || site.api !== 'platformatic') return undefined;
  let v = cache.get(block);
  if (!v) {
    v = evaluatePlatformatic(site);
    cache.set(block, v);
  }
  return v;
}

/**
 * What a finding says will happen to records, as typed claims. Each claim has a predicate over the
 * block's effective delivery settings (the values the producer runs with, defaults included), and a
 * text; a rule lists the claims its consequence may make, and only those that hold for the block are
 * said. So a message never contradicts the block's own values: no "a retried batch can be written
 * twice" for a producer with `retries=0` (it never retries) or `acks=0` (it never learns of a failure,
 * so retries do not take effect).
 *
 * test/unit/claims.test.ts finds each claim in the messages by its `pattern` and checks its predicate
 * against the generated configuration.
 */
import type { BlockItem, ProducerBlock, Version } from '../types';
import { INT_MAX, javaDefaults, K, parseJavaAcks, parseJavaInt } from '../clients/java/config';
import { javaClassFits, maybeSet, type JavaVerdict } from '../clients/java/verdict';
import type { LibrdkafkaVerdict } from '../clients/librdkafka/verdict';
import { INT32_MAX, RDK } from '../clients/librdkafka/config';

/** A producer's delivery settings as it runs with them; undefined: not known statically. */
export interface DeliveryFacts {
  /** -1 (all), 0 or 1. */
  acks: number | undefined;
  /** The retries the producer may make. */
  retries: number | undefined;
  /** Requests in flight per connection. */
  inFlight: number | undefined;
  /** Whether idempotence is effectively on once the producer runs. */
  idempotent: boolean | undefined;
}

export type ClaimId = 'retries-happen' | 'retry-duplicates' | 'retry-reorders' | 'leader-only-ack' | 'no-ack' | 'no-retry';

export interface Claim {
  /** Whether the claim is true for a producer with these settings (false when a needed value is not known). */
  holds(f: DeliveryFacts): boolean;
  /** The clause, starting in lower case. */
  text: string;
  /** Finds the claim in a message. */
  pattern: RegExp;
}

/** The producer learns of a failed batch and resends it: retries above 0, and an acknowledgement to wait for. */
const retriesHappen = (f: DeliveryFacts) => f.acks !== undefined && f.acks !== 0 && f.retries !== undefined && f.retries > 0;

export const CLAIMS: Record<ClaimId, Claim> = {
  'retries-happen': {
    holds: retriesHappen,
    text: 'a failed batch is resent',
    pattern: /failed batch is resent/,
  },
  'retry-duplicates': {
    holds: (f) => retriesHappen(f) && f.idempotent === false,
    text: 'a retried batch can be written twice',
    pattern: /retried batch(?:es)? can (?:\w+ )?be (?:written twice|duplicated)/,
  },
  'retry-reorders': {
    holds: (f) => retriesHappen(f) && f.idempotent === false && f.inFlight !== undefined && f.inFlight > 1,
    text: 'retries can reorder records within a partition (a retried batch lands after a later one)',
    pattern: /reorder/,
  },
  'leader-only-ack': {
    holds: (f) => f.acks === 1,
    text: 'only the partition leader acknowledges, so a leader failover can lose acknowledged records',
    pattern: /only the partition leader acknowledges|failover can lose acknowledged records/i,
  },
  'no-ack': {
    holds: (f) => f.acks === 0,
    text: 'the producer waits for no acknowledgement, so a record the broker loses is never reported',
    pattern: /waits for no acknowledgement/,
  },
  'no-retry': {
    holds: (f) => f.retries === 0,
    text: 'a failed batch is never retried and the record fails',
    pattern: /never retried/,
  },
};

/** The claims of `ids` that hold, in order. */
export function holding(f: DeliveryFacts, ids: readonly ClaimId[]): ClaimId[] {
  return ids.filter((id) => CLAIMS[id].holds(f));
}

/** The holding claims of `ids` as one clause (`a, and b`), or undefined when none holds. */
export function consequence(f: DeliveryFacts, ids: readonly ClaimId[]): string | undefined {
  const texts = holding(f, ids).map((id) => CLAIMS[id].text);
  if (texts.length === 0) return undefined;
  return texts.length === 1 ? texts[0] : `${texts.slice(0, -1).join(', ')}, and ${texts[texts.length - 1]}`;
}

/** `text` with its first letter in upper case (a claim clause that starts a sentence). */
export const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The keys that show a producer's owner cares about delivery: how records are acknowledged, retried, kept in
 * order and timed out. A rule that only advises (info) on a producer that sets none of them would be the only
 * output on an otherwise clean file, about a choice nobody made.
 */
export const JAVA_DELIVERY_KEYS: ReadonlySet<string> = new Set([
  K.acks,
  K.retries,
  K.inFlight,
  K.deliveryTimeout,
  'retry.backoff.ms',
  'retry.backoff.max.ms',
]);
export const RDK_DELIVERY_KEYS: ReadonlySet<string> = new Set([
  RDK.acks,
  RDK.retries,
  RDK.inFlight,
  RDK.messageTimeout,
  'retry.backoff.ms',
  'retry.backoff.max.ms',
]);

/** The first delivery setting the user wrote in the block (not a value a framework or binding injects), if any. */
export function deliveryIntent(block: Pick<ProducerBlock, 'items'>, keys: ReadonlySet<string>): BlockItem | undefined {
  return block.items.find((i) => keys.has(i.key));
}

/**
 * The Java producer's effective delivery settings: the block's values, else the version's defaults. Not
 * known: a key that code the linter cannot follow may set (Java source: ProducerBlock.unknownKeys), and a
 * value of a class the client's parser refuses (the producer then does not start).
 */
export function javaFacts(
  block: Pick<ProducerBlock, 'values'> & Partial<Pick<ProducerBlock, 'unknownKeys'>>,
  version: Version,
  verdict: Pick<JavaVerdict, 'effective'>,
): DeliveryFacts {
  const d = javaDefaults(version);
  const read = <T>(key: string, parse: (v: string | undefined) => T | undefined, def: T): T | undefined => {
    const v = block.values.get(key);
    if (!v) return maybeSet(block, key) ? undefined : def;
    return v.value === undefined || v.kind === 'unknown' || !javaClassFits(v) ? undefined : parse(v.value);
  };
  const idempotent = verdict.effective;
  // an idempotent producer without acks runs with acks=all (before 3.0 the client raises the default 1 itself), without
  // retries with Integer.MAX_VALUE (before 2.1 the default is 0), and in 0.11 with one request in flight (effectiveJavaConfig)
  const acksDefault = idempotent === true ? -1 : (parseJavaAcks(d.acks) as number);
  return {
    acks: read(K.acks, parseJavaAcks, acksDefault),
    retries: read(K.retries, parseJavaInt, idempotent === true ? INT_MAX : d.retries),
    inFlight: read(K.inFlight, parseJavaInt, idempotent === true && version.major === 0 ? 1 : d.inFlight),
    idempotent,
  };
}

/** librdkafka's effective delivery settings, from its verdict (librdkafka's defaults: acks all, retries 2147483647, in-flight 1000000). */
export function rdkFacts(v: Pick<LibrdkafkaVerdict, 'effective' | 'idempotence'>): DeliveryFacts {
  const num = (key: string, def: number): number | undefined => {
    const s = v.effective.get(key);
    if (!s) return def;
    return s.parsed?.ok && typeof s.parsed.value === 'number' ? s.parsed.value : undefined;
  };
  return {
    acks: num(RDK.acks, -1),
    retries: num(RDK.retries, INT32_MAX),
    inFlight: num(RDK.inFlight, 1000000),
    idempotent: v.idempotence,
  };
}

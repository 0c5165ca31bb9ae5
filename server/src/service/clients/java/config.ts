/**
 * Facts about the Apache Kafka Java producer (`kafka-clients`) configuration.
 * Source: ProducerConfig / CommonClientConfigs (see docs and the reference catalogue §1.1, §2.1).
 */
import type { Version } from '../../types';
import { atLeast } from '../../version';

export const K = {
  idempotence: 'enable.idempotence',
  acks: 'acks',
  retries: 'retries',
  inFlight: 'max.in.flight.requests.per.connection',
  transactionalId: 'transactional.id',
  deliveryTimeout: 'delivery.timeout.ms',
  linger: 'linger.ms',
  requestTimeout: 'request.timeout.ms',
  transactionTimeout: 'transaction.timeout.ms',
  compression: 'compression.type',
} as const;

export const INT_MAX = 2147483647;

/** Every ProducerConfig key of the 3.x/4.x lines (plus the ssl./sasl. families, matched by prefix). */
export const PRODUCER_KEYS = new Set<string>([
  'bootstrap.servers',
  'client.dns.lookup',
  'buffer.memory',
  'retries',
  'acks',
  'compression.type',
  'compression.gzip.level',
  'compression.lz4.level',
  'compression.zstd.level',
  'batch.size',
  'partitioner.adaptive.partitioning.enable',
  'partitioner.availability.timeout.ms',
  'partitioner.ignore.keys',
  'linger.ms',
  'delivery.timeout.ms',
  'client.id',
  'send.buffer.bytes',
  'receive.buffer.bytes',
  'max.request.size',
  'reconnect.backoff.ms',
  'reconnect.backoff.max.ms',
  'retry.backoff.ms',
  'retry.backoff.max.ms',
  'max.block.ms',
  'request.timeout.ms',
  'metadata.max.age.ms',
  'metadata.max.idle.ms',
  'metrics.sample.window.ms',
  'metrics.num.samples',
  'metrics.recording.level',
  'metric.reporters',
  'auto.include.jmx.reporter',
  'max.in.flight.requests.per.connection',
  'key.serializer',
  'value.serializer',
  'socket.connection.setup.timeout.ms',
  'socket.connection.setup.timeout.max.ms',
  'connections.max.idle.ms',
  'partitioner.class',
  'interceptor.classes',
  'security.protocol',
  'security.providers',
  'enable.idempotence',
  'transaction.timeout.ms',
  'transactional.id',
  'transaction.two.phase.commit.enable',
  'enable.metrics.push',
  'metadata.recovery.strategy',
  'metadata.recovery.rebootstrap.trigger.ms',
  'config.providers',
]);

/** Keys only a producer has: one of them is evidence of a producer config. */
export const PRODUCER_ONLY_KEYS = new Set<string>([
  'acks',
  'enable.idempotence',
  'transactional.id',
  'max.in.flight.requests.per.connection',
  'key.serializer',
  'value.serializer',
  'linger.ms',
  'batch.size',
  'buffer.memory',
  'delivery.timeout.ms',
  'max.block.ms',
  'compression.type',
  'partitioner.class',
  'transaction.timeout.ms',
  'max.request.size',
  'partitioner.ignore.keys',
  'partitioner.adaptive.partitioning.enable',
]);

/** Keys that decide idempotence: the strongest evidence of a producer config. */
export const IDEMPOTENCE_KEYS = new Set<string>([K.idempotence, K.acks, K.transactionalId, K.inFlight]);

/** Keys only a consumer has. */
export const CONSUMER_ONLY_KEYS = new Set<string>([
  'group.id',
  'group.instance.id',
  'key.deserializer',
  'value.deserializer',
  'auto.offset.reset',
  'enable.auto.commit',
  'auto.commit.interval.ms',
  'isolation.level',
  'max.poll.records',
  'max.poll.interval.ms',
  'fetch.min.bytes',
  'fetch.max.bytes',
  'fetch.max.wait.ms',
  'max.partition.fetch.bytes',
  'session.timeout.ms',
  'heartbeat.interval.ms',
  'partition.assignment.strategy',
  'group.protocol',
  'check.crcs',
]);

export const isKnownProducerKey = (key: string) => PRODUCER_KEYS.has(key) || key.startsWith('ssl.') || key.startsWith('sasl.');

/** Defaults the client applies when a key is absent. */
export function javaDefaults(v: Version) {
  return {
    idempotence: atLeast(v, 3, 0, 0),
    acks: atLeast(v, 3, 0, 0) ? 'all' : '1',
    retries: atLeast(v, 2, 1, 0) ? INT_MAX : 0,
    inFlight: 5,
    deliveryTimeout: 120000,
    linger: atLeast(v, 4, 0, 0) ? 5 : 0,
    requestTimeout: 30000,
  };
}

/**
 * `String.trim()` as Java does it: strips every char <= U+0020 (controls included) from both
 * ends, and nothing else. JavaScript's trim() differs both ways (it strips U+00A0, U+FEFF,
 * U+2028... and keeps U+0001...), so a value the client accepts would look invalid, and back.
 */
export function javaTrim(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 32) start++;
  while (end > start && value.charCodeAt(end - 1) <= 32) end--;
  return value.slice(start, end);
}

/** Java trims every value; an INT parses with Integer.parseInt. */
export function parseJavaInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = javaTrim(value);
  if (!/^[+-]?\d+$/.test(t)) return undefined;
  const n = Number(t);
  if (n > INT_MAX || n < -INT_MAX - 1) return undefined;
  return n;
}

const LONG_MAX = 9223372036854775807n;

/** A LONG as Long.parseLong reads it after trim (a JavaScript number: exact up to 2^53, enough for comparisons). */
export function parseJavaLong(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = javaTrim(value);
  if (!/^[+-]?\d+$/.test(t)) return undefined;
  const n = BigInt(t);
  if (n > LONG_MAX || n < -LONG_MAX - 1n) return undefined;
  return Number(n);
}

/** ConfigDef.parseType BOOLEAN: `true`/`false`, any case, after trim. */
export function parseJavaBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const t = javaTrim(value).toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return undefined;
}

/** acks: one of `all`, `-1`, `0`, `1` (case-sensitive, after trim); returns -1, 0, 1 or undefined. */
export function parseJavaAcks(value: string | undefined): -1 | 0 | 1 | undefined {
  if (value === undefined) return undefined;
  switch (javaTrim(value)) {
    case 'all':
    case '-1':
      return -1;
    case '0':
      return 0;
    case '1':
      return 1;
    default:
      return undefined;
  }
}

const TYPO_TARGETS = [K.idempotence, K.acks, K.retries, K.inFlight, K.transactionalId, K.deliveryTimeout];

/** Misspellings seen in the wild, mapped to the key that was meant. */
const KNOWN_TYPOS: Record<string, string> = {
  'enable.idempotency': K.idempotence,
  'enable.idempotent': K.idempotence,
  'idempotence.enable': K.idempotence,
  'idempotence.enabled': K.idempotence,
  'enable.idempotence.config': K.idempotence,
  idempotence: K.idempotence,
  'enable.idempotency.config': K.idempotence,
  'max.inflight.requests.per.connection': K.inFlight,
  'max.in.flight.request.per.connection': K.inFlight,
  'max.in.flight.requests': K.inFlight,
  'max.in.flight': K.inFlight,
  'transaction.id': K.transactionalId,
  'transactional.ids': K.transactionalId,
  ack: K.acks,
  'request.required.acks': K.acks,
  retry: K.retries,
  'delivery.timeout': K.deliveryTimeout,
};

/** As a Map: looking arbitrary keys up in an object literal would intern every key string. */
const KNOWN_TYPO_MAP = new Map(Object.entries(KNOWN_TYPOS));

/**
 * Every key length that can yield a suggestion (exact typo-list and normalized matches, and
 * the edit-distance window around each long target). normalize() keeps the length, so most
 * keys of a large file are turned away by this lookup alone.
 */
const SUGGESTIBLE_LENGTHS = (() => {
  const lengths = new Set<number>();
  for (const t of [...TYPO_TARGETS, ...Object.keys(KNOWN_TYPOS)]) lengths.add(t.length);
  for (const t of TYPO_TARGETS) {
    if (t.length < 10) continue;
    const max = t.length >= 20 ? 3 : 2;
    for (let d = -max; d <= max; d++) lengths.add(t.length + d);
  }
  return lengths;
})();

const normalize = (k: string) => k.toLowerCase().replace(/[-_\s]/g, '.');

const bagCounts = new Int32Array(128);

/**
 * A lower bound of the edit distance, in linear time: how many characters one string has
 * that the other lacks (as multisets; a transposition changes nothing). Characters are
 * bucketed by their low 7 bits, which can only lower the bound.
 */
export function bagDistance(a: string, b: string): number {
  // bagCounts is all zeros between calls: only the buckets of the two strings are read and reset
  for (let i = 0; i < a.length; i++) bagCounts[a.charCodeAt(i) & 127]++;
  for (let i = 0; i < b.length; i++) bagCounts[b.charCodeAt(i) & 127]--;
  let more = 0;
  let less = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i) & 127;
    const d = bagCounts[c];
    if (d > 0) more += d;
    else less -= d;
    bagCounts[c] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i) & 127;
    less -= bagCounts[c]; // a bucket only b has is negative; the others were reset above
    bagCounts[c] = 0;
  }
  return more > less ? more : less;
}

/** Three reusable rows for damerauLevenshtein (keys are short; grown on demand). */
let dlRows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal-string-alignment distance between `a` and `b`, or `max + 1` as soon as it must
 * exceed `max`. Runs once per key of every producer block, so it allocates nothing: three
 * rolling rows instead of the full matrix.
 */
export function damerauLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = b.length;
  if (dlRows[0].length <= m) dlRows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let prev2 = dlRows[0];
  let prev = dlRows[1];
  let cur = dlRows[2];
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/**
 * A key of a map handed to the client as is that the unknown-key rule should look at: not a producer config,
 * but close to an idempotence key (`delivery.time.out`, `enable.idempotency`). Detectors that take only known
 * keys into their blocks add these too, so that the rule sees them.
 */
export const isMisspeltCandidate = (key: string) => !isKnownProducerKey(key) && suggestIdempotenceKey(key) !== undefined;

/** The words of a key: split at `.`, `-`, `_`, white space and camelCase humps, lower-cased (`deliveryTimeoutMs` → delivery, timeout, ms). */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[.\-_\s]+/)
    .filter((w) => w !== '');
}

/** The targets made of several words, with their words and the words without a trailing unit (`delivery.timeout.ms` → delivery, timeout). */
const WORD_TARGETS = TYPO_TARGETS.filter((t) => t.includes('.')).map((t) => {
  const words = t.split('.');
  return { key: t, words, first: t.charCodeAt(0), variants: words[words.length - 1] === 'ms' ? [words, words.slice(0, -1)] : [words] };
});

/**
 * A key made of the target's words, written with other separators or joined differently (`delivery.time.out`,
 * `deliveryTimeout`, `enable_idempotence`: the same letters once the separators go), or with a word cut short
 * (`enable.idem`, `max.in.flight.req.per.conn`: each word the start of the target's word at that place, at least
 * three letters of a word of six or more, the same number of words). A unit word `ms` at the end of the target may be
 * left out. The first word is never cut (`trans.id` matches nothing), and no word is left out but the unit.
 */
function wordMatch(key: string): string | undefined {
  const first = key.charCodeAt(0) | 0x20; // lower-case ASCII
  let words: string[] | undefined;
  for (const t of WORD_TARGETS) {
    if (t.first !== first) continue;
    words ??= keyWords(key);
    const flat = words.join('');
    for (const variant of t.variants) {
      if (flat === variant.join('')) return t.key;
      if (words.length !== variant.length || words[0] !== variant[0]) continue;
      if (words.every((w, i) => w === variant[i] || (w.length >= 3 && variant[i].length >= 6 && variant[i].startsWith(w)))) return t.key;
    }
  }
  return undefined;
}

/**
 * If `key` is not a producer config but looks like a misspelt idempotence key,
 * the key that was probably meant.
 */
export function suggestIdempotenceKey(key: string): string | undefined {
  if (isKnownProducerKey(key)) return undefined;
  if (!SUGGESTIBLE_LENGTHS.has(key.length)) return wordMatch(key);
  const typo = KNOWN_TYPO_MAP.get(key);
  if (typo) return typo;
  const n = /[^a-z0-9.]/.test(key) ? normalize(key) : key; // (normalize changes no other character)
  for (const t of TYPO_TARGETS) if (n === t) return t; // Acks, ENABLE_IDEMPOTENCE, enable-idempotence
  const typoN = KNOWN_TYPO_MAP.get(n);
  if (typoN) return typoN;
  let best: string | undefined;
  let bestD = Infinity;
  for (const t of TYPO_TARGETS) {
    if (t.length < 10) continue; // short keys: only exact typo-list matches, too many false friends
    const max = t.length >= 20 ? 3 : 2;
    if (Math.abs(n.length - t.length) > max || bagDistance(n, t) > max) continue; // (the distance is at least the length difference)
    const dist = damerauLevenshtein(n, t, max);
    if (dist <= max && dist < bestD) {
      best = t;
      bestD = dist;
    }
  }
  return best ?? wordMatch(key);
}

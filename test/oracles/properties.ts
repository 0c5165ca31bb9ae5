/**
 * Generators of Java `.properties` producer configurations: the values that decide idempotence, written
 * with a little of java.util.Properties' syntax (separators `=`, `:` and blanks, padding, comments, blank
 * lines, continuation lines, escapes), so that both sides read the same bytes in every form the JDK accepts.
 */
export type Rand = () => number;

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const chance = (r: Rand, p: number) => r() < p;
export const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Share of values the client refuses, per key: enough to cover them, few enough that most cases reach the idempotence checks. */
export const INVALID_SHARE = 0.12;

/** A valid value most of the time, else one the client's parser refuses. */
const either = (r: Rand, valid: readonly string[], invalid: readonly string[]) => pick(r, chance(r, INVALID_SHARE) ? invalid : valid);

/** enable.idempotence: valid in any case, padded, and values the client refuses. */
export function booleanValue(r: Rand): string {
  return either(
    r,
    ['true', 'false', 'true', 'false', 'TRUE', 'False', 'tRuE', ' true', 'false  ', '\ttrue', 'true\t'],
    ['yes', 'no', 'on', '1', '0', '', 'truee', 'enabled'],
  );
}

export function acksValue(r: Rand): string {
  return either(r, ['0', '1', '-1', 'all', 'all', '1', '0', ' 1', 'all ', '-1\t'], ['ALL', 'All', '2', 'one', '', '+1', '01', 'leader']);
}

export function retriesValue(r: Rand): string {
  return either(r, ['0', '1', '3', '10', '2147483647', '+0', '00', ' 0 ', '5', '-0', '0'], ['-1', 'abc', '2147483648', '', 'MAX', '1.5']);
}

export function inFlightValue(r: Rand): string {
  return either(r, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '5', '1', ' 6', '+5'], ['0', '-1', 'five', '']);
}

export function transactionalIdValue(r: Rand): string {
  return pick(r, ['tx-1', 'orders-tx', 'my.app-7', '', '   ', ' padded ', 't x', 'tx:1', '${TX}']);
}

/** delivery.timeout.ms / linger.ms / request.timeout.ms around the check delivery ≥ linger + request. */
export function timeoutValue(r: Rand, key: 'delivery' | 'linger' | 'request'): string {
  switch (key) {
    case 'delivery':
      return either(r, ['120000', '30000', '30005', '30004', '60000', '1000', '0', '2147483647', '150000'], ['-1', 'abc', '']);
    case 'linger':
      return either(r, ['0', '5', '10', '100', '1000', '90000', '2147483647', '9223372036854775807', '20 '], ['-5', 'x', '1e3']);
    case 'request':
      return either(r, ['30000', '1000', '29995', '60000', '119996', '120000', '2147483647', '0'], ['-1', 'ten']);
  }
}

/** Keys the linter knows as typos or aliases of idempotence keys (clients/java/config.ts KNOWN_TYPOS and normalised forms): the client ignores them. */
export const TYPO_KEYS = [
  'enable.idempotency',
  'enable.idempotent',
  'idempotence.enabled',
  'idempotence',
  'enable.idempotence.config',
  'max.inflight.requests.per.connection',
  'max.in.flight.request.per.connection',
  'max.in.flight.requests',
  'transaction.id',
  'transactional.ids',
  'ack',
  'request.required.acks',
  'retry',
  'delivery.timeout',
  'ENABLE_IDEMPOTENCE',
  'enable-idempotence',
  'Acks',
  'ACKS',
  'Retries',
  'enable.idempotance',
  'max.in.flight.request.per.conection',
];

/** Other producer keys, unrelated to idempotence. */
export const OTHER_KEYS: Array<[string, string[]]> = [
  // zstd since 2.1; LZ4 is refused by every version (the names are case-sensitive)
  ['compression.type', ['lz4', 'zstd', 'none', 'gzip', 'snappy', 'zstd ', 'lz4', 'zstd', 'LZ4']],
  ['batch.size', ['16384', '65536']],
  ['client.id', ['orders', 'billing-producer']],
  ['buffer.memory', ['33554432']],
  ['max.block.ms', ['60000']],
];

/** How a key/value line is written: separators, padding, the odd escape and continuation. */
export function propertiesLine(r: Rand, key: string, value: string): string {
  const sep = pick(r, ['=', '=', '=', '=', ':', ' = ', ' ', ': ', '\t=\t', '  ']);
  const indent = chance(r, 0.1) ? pick(r, [' ', '  ', '\t']) : '';
  // (the value's own leading blanks would be eaten by the separator; escape the first one so it stays)
  let v = value.replace(/^[ \t\f]/, (c) => (c === '\t' ? '\\t' : c === ' ' ? '\\ ' : '\\f'));
  let k = key.replace(/([=: \t\f#!])/g, '\\$1');
  if (chance(r, 0.05) && k.length > 3) k = k.slice(0, 2) + `\\u${k.charCodeAt(2).toString(16).padStart(4, '0')}` + k.slice(3);
  if (chance(r, 0.04) && v.length > 2 && !v.endsWith('\\')) {
    const at = 1 + Math.floor(r() * (v.length - 1));
    if (v[at - 1] !== '\\') v = `${v.slice(0, at)}\\\n${pick(r, ['', '  ', '\t'])}${v.slice(at)}`;
  }
  return `${indent}${k}${sep}${v}`;
}

/** Comments and blank lines between entries. */
export function filler(r: Rand): string | undefined {
  if (!chance(r, 0.15)) return undefined;
  return pick(r, ['', '# producer settings', '! legacy comment', '   ', '#acks=0', '# enable.idempotence=false']);
}

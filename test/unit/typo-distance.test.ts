/**
 * The bounded Damerau–Levenshtein (optimal string alignment) behind "Did you mean …?",
 * rewritten without allocations for speed (bench figure 1), held to the textbook
 * full-matrix definition on seeded random strings.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../support/prng';
import { load } from '../support';

// compiled to test/out/unit: load the compiled service from the repository root (as properties-jdk.test.ts does)
const { bagDistance, damerauLevenshtein, suggestIdempotenceKey } = load('service/clients/java/config');

function reference(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

test('bounded distance agrees with the full-matrix definition (exact up to max, above max otherwise)', () => {
  const r = prng(7);
  const alphabet = 'abcde.';
  const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
  let exact = 0;
  for (let k = 0; k < 3000; k++) {
    const a = word(Math.floor(r() * 12));
    // b: a few random edits of a (swaps included), or an unrelated word
    const b = a.split('');
    for (let e = Math.floor(r() * 4); e > 0; e--) {
      const p = Math.floor(r() * (b.length + 1));
      const op = Math.floor(r() * 4);
      if (op === 0) b.splice(p, 0, alphabet[Math.floor(r() * alphabet.length)]);
      else if (op === 1 && b.length) b.splice(Math.min(p, b.length - 1), 1);
      else if (op === 2 && b.length) b[Math.min(p, b.length - 1)] = alphabet[Math.floor(r() * alphabet.length)];
      else if (p + 1 < b.length) [b[p], b[p + 1]] = [b[p + 1], b[p]];
    }
    const bs = r() < 0.2 ? word(Math.floor(r() * 40)) : b.join('');
    const max = 1 + Math.floor(r() * 3);
    const want = reference(a, bs);
    assert.ok(bagDistance(a, bs) <= want, `bag distance of ${a} / ${bs} is a lower bound`);
    const got = damerauLevenshtein(a, bs, max);
    if (want <= max) {
      assert.equal(got, want, `${a} / ${bs} / max ${max}`);
      exact++;
    } else assert.ok(got > max, `${a} / ${bs}: ${got} should exceed ${max} (true distance ${want})`);
  }
  assert.ok(exact > 1000, 'most cases are within the bound');
});

test('bag distance: characters one side lacks, transpositions free, non-ASCII bucketed', () => {
  assert.equal(bagDistance('acks', 'kcas'), 0);
  assert.equal(bagDistance('enable.idempotence', 'enable.idempotency'), 1);
  assert.equal(bagDistance('abc', 'abcdef'), 3);
  assert.ok(bagDistance('é', 'i') <= 1);
});

test('a long second word grows the reused rows', () => {
  const long = 'x'.repeat(200);
  assert.equal(damerauLevenshtein(long, `${long}yz`, 3), 2);
  assert.equal(damerauLevenshtein('enable.idempotnece', 'enable.idempotence', 2), 1);
});

test('suggestions still come through the distance', () => {
  assert.equal(suggestIdempotenceKey('enable.idempotnece'), 'enable.idempotence');
  assert.equal(suggestIdempotenceKey('max.in.flight.requests.per.conection'), 'max.in.flight.requests.per.connection');
  assert.equal(suggestIdempotenceKey('app.orders.timeout.ms'), undefined);
});

test('word-based: the same words with other separators, joined, camelCase, or cut short; a unit ms may be left out', () => {
  const meant: Array<[string, string]> = [
    ['delivery.time.out', 'delivery.timeout.ms'],
    ['delivery.timeout', 'delivery.timeout.ms'],
    ['deliveryTimeoutMs', 'delivery.timeout.ms'],
    ['deliveryTimeout', 'delivery.timeout.ms'],
    ['Delivery.Time.Out', 'delivery.timeout.ms'],
    ['delivery.time.out.ms', 'delivery.timeout.ms'],
    ['enable_idempotence', 'enable.idempotence'],
    ['enableIdempotence', 'enable.idempotence'],
    ['enable.idem', 'enable.idempotence'],
    ['max.in.flight.req.per.conn', 'max.in.flight.requests.per.connection'],
    ['maxInFlightRequestsPerConnection', 'max.in.flight.requests.per.connection'],
    ['transactional_id', 'transactional.id'],
  ];
  for (const [key, want] of meant) assert.equal(suggestIdempotenceKey(key), want, key);
});

test('word-based near misses stay quiet: other words, other units, extra words, a cut first word', () => {
  for (const key of [
    'max.in.flight.messages', // SmallRye's own attribute is max-inflight-messages
    'max-inflight-messages',
    'max.in.flight.requests.per.partition',
    'delivery.timeout.minutes',
    'delivery.timeout.millis',
    'delivery.timeout.sec',
    'deliver.time', // the first word is never cut
    'transactional.id.prefix', // Spring's transaction-id-prefix is another setting
    'transaction.id.prefix',
    'transaction.timeout', // transaction.timeout.ms is not an idempotence key
    'trans.id',
    'trans.timeout',
    'enable.idempotence.producer',
    'enable.metrics',
    'enable.auto.commit',
    'request.timeout',
    'client.id',
    'id',
    'in.flight',
    'transactional',
    'max.in.flights',
    'acks.all',
    'retries.max',
  ]) {
    assert.equal(suggestIdempotenceKey(key), undefined, key);
  }
  // keys of the producer are never misspellings, whatever they resemble
  for (const key of ['delivery.timeout.ms', 'transaction.timeout.ms', 'request.timeout.ms', 'max.request.size', 'enable.idempotence'])
    assert.equal(suggestIdempotenceKey(key), undefined, key);
});

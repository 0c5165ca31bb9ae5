/**
 * Seeded generator of librdkafka producer configurations for the differential tests
 * (test/unit/librdkafka-oracle.test.ts; reusable for other formats of the same configs).
 *
 * Each dimension is a property (with its alias spellings), the chance that it is written, and
 * the values to draw from. Values are mostly the meaningful ones, with a share of
 * malformed or edge values (`5abc`, `010`, `ALL`, `fifo `, `1e6`, empty...). Sometimes two
 * spellings of one property are both written, and the entry order is shuffled.
 */
import type { RdkConfig } from './oracle';
export { prng } from '../prng';
import { prng } from '../prng';

/** A property (with its spellings), the values to draw from, and a few malformed or edge values. */
type Dim = { names: string[]; p: number; values: string[]; bad: string[]; alias?: number };

/** The dimensions: `p` is the chance that the property is written at all. */
export const RDK_DIMENSIONS: Dim[] = [
  { names: ['enable.idempotence'], p: 0.7, values: ['true', 'true', 'true', 'false', 'TRUE', 't', '1', '0', 'F'], bad: ['yes', ''] },
  {
    names: ['acks', 'request.required.acks'],
    p: 0.55,
    values: ['all', 'all', '-1', '-1', '0', '1', '2', 'ALL'],
    bad: ['foo', '1001', '', '-2'],
    alias: 0.15,
  },
  {
    names: ['retries', 'message.send.max.retries'],
    p: 0.45,
    values: ['0', '1', '5', '5', '10', '5abc', '010', '0x10'],
    bad: ['-1', 'many'],
    alias: 0.15,
  },
  {
    names: ['max.in.flight', 'max.in.flight.requests.per.connection'],
    p: 0.5,
    values: ['1', '5', '5', '6', '100', '99999999999'],
    bad: ['0', '1000001'],
    alias: 0.15,
  },
  { names: ['transactional.id'], p: 0.35, values: ['t', 't', 't', ''], bad: [] },
  { names: ['queuing.strategy'], p: 0.2, values: ['fifo', 'fifo', 'lifo', 'LIFO'], bad: ['fifo ', 'random'] },
  { names: ['enable.gapless.guarantee'], p: 0.2, values: ['true', 'false', 'false'], bad: ['maybe'] },
  { names: ['queue.buffering.backpressure.threshold'], p: 0.2, values: ['1', '1', '2', '100'], bad: ['0'] },
  {
    names: ['message.timeout.ms', 'delivery.timeout.ms'],
    p: 0.4,
    values: ['0', '3', '1000', '30000', '60000', '90000', '300000', '500000'],
    bad: ['-1'],
    alias: 0.1,
  },
  { names: ['transaction.timeout.ms'], p: 0.35, values: ['1000', '30000', '60000', '100000', '1000000'], bad: ['999'] },
  { names: ['socket.timeout.ms'], p: 0.35, values: ['10', '1000', '30000', '60000', '60100', '60101', '300000'], bad: ['5'] },
  {
    names: ['linger.ms', 'queue.buffering.max.ms'],
    p: 0.45,
    values: ['0', '4', '5', '10', '1000', '100000', '400000', '0.5', 'nan', '2.5x'],
    bad: ['1e6', '-1'],
    alias: 0.1,
  },
  { names: ['compression.codec', 'batch.num.messages', 'client.id'], p: 0.3, values: ['none', '1000', 'app'], bad: [] },
];

/** Chance that a written property gets one of its malformed values. */
const P_BAD = 0.04;

function valid(name: string, value: string): boolean {
  // keep the unrelated keys' values valid for their property
  if (name === 'compression.codec') return value === 'none';
  if (name === 'batch.num.messages') return value === '1000';
  if (name === 'client.id') return value === 'app';
  return true;
}

export function generateRdkConfigs(n: number, seed: number): RdkConfig[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: RdkConfig[] = [];
  while (out.length < n) {
    const entries: Array<[string, string]> = [];
    const value = (d: Dim) => (d.bad.length > 0 && rnd() < P_BAD ? pick(d.bad) : pick(d.values));
    for (const d of RDK_DIMENSIONS) {
      if (rnd() >= d.p) continue;
      const name = pick(d.names);
      const v = value(d);
      if (!valid(name, v)) continue;
      entries.push([name, v]);
      if (d.alias && rnd() < d.alias) {
        const other = d.names.find((x) => x !== name)!;
        entries.push([other, value(d)]);
      }
    }
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [entries[i], entries[j]] = [entries[j], entries[i]];
    }
    out.push({ global: entries });
  }
  return out;
}

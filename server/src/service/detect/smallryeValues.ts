/**
 * The values the SmallRye Kafka connector hands its producer (smallrye-reactive-messaging-kafka 4.x on SmallRye
 * Config 3.x, as Quarkus runs them):
 *
 * - a key is looked up level by level (the channel's keys, then `mp.messaging.connector.smallrye-kafka.*`: the
 *   connector's `ConnectorConfig`), and SmallRye Config reads an empty value as no value: an empty channel key lets
 *   the connector's key, or Quarkus' `kafka.*` map, show through. A `%profile.` key still hides the unprefixed one of
 *   its name (the profile interceptor picks it before the value is read);
 * - Quarkus copies every `kafka.*` key into its default Kafka map as text, an empty one as `""`: the producer gets
 *   `""` for it;
 * - a `${X}` expression with no default expands to nothing when no configuration source (the file, the environment,
 *   system properties) has `X`: at the channel or connector level that is no value (what is below shows through, or
 *   the key is not set at all); in `kafka.*` it is `""`;
 * - every key but `acks` reaches the producer through `JsonHelper.extractConfigKey`, which asks SmallRye Config for an
 *   Integer, then a Double, then the text: `linger.ms=9223372036854775807` (no Integer) becomes the Double's text
 *   `9.223372036854776E18`, `retries=1e3` becomes `1000.0`, `+5` becomes `5`; text is trimmed, and `TRUE` becomes
 *   `true`. `acks` is the connector's own attribute, written over that as the text it reads.
 */
import type { Entry } from '../types';
import { K, javaTrim } from '../clients/java/config';
import type { SourceEntry } from './source';

/** What the resolution needs of an item: its key, level (1 `kafka.*`, 2 the connector's, 3 the channel's) and entry. */
export interface LevelItem {
  key: string;
  level: number;
  entry: Entry;
  src: SourceEntry;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Java's Double.toString for a finite or infinite double (shortest digits; `1.0E7`, `1000.0`, `NaN`). */
export function javaDoubleText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const a = Math.abs(n);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Double.valueOf's syntax (after Java's trim): decimal, hexadecimal with a binary exponent, NaN, Infinity. */
function parseJavaDouble(t: string): number | undefined {
  const dec = /^([+-]?)(NaN|Infinity|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/.exec(t);
  if (dec) return Number(`${dec[1]}${dec[2]}`);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/.exec(t);
  const fraction = hex?.[3] ?? '';
  if (!hex || hex[2] + fraction === '') return undefined;
  const m = (hex[2] + fraction).split('').reduce((acc, d) => acc * 16 + parseInt(d, 16), 0);
  const v = m * 2 ** (Number(hex[4]) - 4 * fraction.length);
  return hex[1] === '-' ? -v : v;
}

/** The text JsonHelper puts in the producer config for a value SmallRye Config holds (not empty). */
export function connectorText(value: string): string {
  const t = javaTrim(value);
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    if (n >= INT_MIN && n <= INT_MAX) return String(n);
  }
  const d = parseJavaDouble(t);
  if (d !== undefined) return javaDoubleText(d);
  const lower = t.toLowerCase();
  return lower === 'true' || lower === 'false' ? lower : t;
}

/** Whether a value is only `${…}` expressions whose expansion may be nothing: `${X}`, `${X:}`. */
function mayExpandToNothing(original: Entry, resolved: Entry): boolean {
  if (resolved.placeholder === undefined || original.value === undefined) return false;
  if (!/^\$\{[\s\S]*\}$/.test(original.value)) return false;
  return resolved.kind === 'unknown' || resolved.value === '';
}

/** The entry with the value the producer gets. */
function withConnectorValue(key: string, e: Entry): Entry {
  if (e.value === undefined || e.kind === 'unknown' || key === K.acks) return e;
  const value = e.value === '' ? '' : connectorText(e.value);
  return value === e.value ? e : { ...e, value };
}

export interface ResolvedValues<T> {
  /** The items a block is made of (the last of a key wins), the winner's value as the producer gets it. */
  items: T[];
  /** Keys the configuration may or may not set: the `${X}` item the file does not decide. */
  maybe: Map<string, T>;
  /** Keys whose value the connector hands over in another form: the value as written. */
  converted: Map<string, string>;
}

/**
 * The items a channel's producer reads, from `sorted` (lowest level first, the winner of a level last); `original`
 * gives an item's entry before its `${…}` was resolved.
 */
export function resolveSmallRyeValues<T extends LevelItem>(sorted: T[], original: (item: T) => Entry): ResolvedValues<T> {
  const byKey = new Map<string, T[]>();
  for (const i of sorted) byKey.set(i.key, [...(byKey.get(i.key) ?? []), i]);
  const chosen = new Map<T, Entry>();
  const maybe = new Map<string, T>();
  /** Per key, the level whose value the producer gets (the levels above it read as no value). */
  const levelOf = new Map<string, number>();
  for (const [key, list] of byKey) {
    // the levels from the channel's down: each level's winner is its last item
    const winners = [...new Set(list.map((i) => i.level))].sort((a, b) => b - a).map((l) => list.filter((i) => i.level === l).pop()!);
    for (const w of winners) {
      if (w.level > 1 && w.entry.value === '' && w.entry.kind !== 'placeholder') continue;
      // an expression the file does not decide, at the channel or the connector: its variable's value, else what is
      // below it; in kafka.*: its variable's value, else `""`
      const undecided = mayExpandToNothing(original(w), w.entry);
      if (undecided && w.level > 1) {
        maybe.set(key, w);
        break;
      }
      chosen.set(w, undecided ? { ...w.entry, value: undefined, kind: 'unknown' } : withConnectorValue(key, w.entry));
      levelOf.set(key, w.level);
      break;
    }
  }
  const converted = new Map<string, string>();
  const items = sorted
    .filter((i) => !maybe.has(i.key) && i.level <= (levelOf.get(i.key) ?? 0))
    .map((i) => {
      const e = chosen.get(i);
      if (e === undefined || e === i.entry) return i;
      if (e.value !== undefined && i.entry.value !== undefined) converted.set(i.key, i.entry.value);
      return { ...i, entry: e };
    });
  return { items, maybe, converted };
}

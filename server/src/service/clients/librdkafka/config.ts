/**
 * Facts about librdkafka's configuration (the C client under node-rdkafka,
 * confluent-kafka-javascript, confluent-kafka-python/go, kcat...), and an exact
 * model of how `rd_kafka_conf_set()` reads a value.
 *
 * Sources: CONFIGURATION.md of librdkafka 2.0.2 (Debian bookworm's librdkafka-dev,
 * the version the differential test runs) and `src/rdkafka_conf.c` of the
 * catalogue's snapshot (v2.x, 2023+): the property table, `rd_kafka_anyconf_set()`
 * (empty value → NULL, alias resolution), `rd_kafka_anyconf_set_prop()` (value
 * parsing per type) and `rd_kafka_conf_set()` (unknown global names fall through
 * to the default topic configuration). Reference catalogue §1.2, §2.4, §5.2.
 *
 * Block keys. A producer block of client `librdkafka` uses one key per librdkafka
 * setting; these are the names librdkafka's own cross-property error strings use
 * (`acks`, `retries`, `max.in.flight`, `linger.ms`, `message.timeout.ms`), so a
 * message and a key always agree. librdkafka stores five of them under another
 * name (the "property" below: `request.required.acks`, `message.send.max.retries`,
 * `max.in.flight.requests.per.connection`, `queue.buffering.max.ms`; for the
 * delivery timeout the stored name `message.timeout.ms` is also the block key) —
 * value errors (`Invalid value for configuration property "request.required.acks"`)
 * use the stored name. Both spellings write the same storage: the last one applied wins.
 */

/** Block keys (see above). */
export const RDK = {
  idempotence: 'enable.idempotence',
  acks: 'acks',
  retries: 'retries',
  inFlight: 'max.in.flight',
  transactionalId: 'transactional.id',
  transactionTimeout: 'transaction.timeout.ms',
  socketTimeout: 'socket.timeout.ms',
  messageTimeout: 'message.timeout.ms',
  linger: 'linger.ms',
  queuingStrategy: 'queuing.strategy',
  gapless: 'enable.gapless.guarantee',
  backpressure: 'queue.buffering.backpressure.threshold',
} as const;

export type RdkKey = (typeof RDK)[keyof typeof RDK];

export const INT32_MAX = 2147483647;
/** `RD_KAFKA_IDEMP_MAX_INFLIGHT` (src/rdkafka_idempotence.h). */
export const IDEMP_MAX_INFLIGHT = 5;

type PropType = 'bool' | 'int' | 'float' | 'enum' | 'string';

export interface RdkProperty {
  /** Block key. */
  key: RdkKey;
  /** librdkafka's stored property name (used in value error strings). */
  property: string;
  /** Every spelling that writes this property, the stored name first. */
  spellings: string[];
  scope: 'global' | 'topic';
  type: PropType;
  min?: number;
  max?: number;
  /** Default as librdkafka shows it. */
  default: string;
  /** `_RK_C_S2I` names of an enum, or the string aliases of an int (`all` → -1). */
  names?: Record<string, number>;
}

/** The properties this linter models, with 2.0.2's ranges and defaults (identical in the v2.x snapshot). */
export const RDK_PROPERTIES: Record<RdkKey, RdkProperty> = {
  [RDK.idempotence]: {
    key: RDK.idempotence,
    property: 'enable.idempotence',
    spellings: ['enable.idempotence'],
    scope: 'global',
    type: 'bool',
    default: 'false',
  },
  [RDK.gapless]: {
    key: RDK.gapless,
    property: 'enable.gapless.guarantee',
    spellings: ['enable.gapless.guarantee'],
    scope: 'global',
    type: 'bool',
    default: 'false',
  },
  [RDK.transactionalId]: {
    key: RDK.transactionalId,
    property: 'transactional.id',
    spellings: ['transactional.id'],
    scope: 'global',
    type: 'string',
    default: '',
  },
  [RDK.transactionTimeout]: {
    key: RDK.transactionTimeout,
    property: 'transaction.timeout.ms',
    spellings: ['transaction.timeout.ms'],
    scope: 'global',
    type: 'int',
    min: 1000,
    max: INT32_MAX,
    default: '60000',
  },
  [RDK.socketTimeout]: {
    key: RDK.socketTimeout,
    property: 'socket.timeout.ms',
    spellings: ['socket.timeout.ms'],
    scope: 'global',
    type: 'int',
    min: 10,
    max: 300000,
    default: '60000',
  },
  [RDK.inFlight]: {
    key: RDK.inFlight,
    property: 'max.in.flight.requests.per.connection',
    spellings: ['max.in.flight.requests.per.connection', 'max.in.flight'],
    scope: 'global',
    type: 'int',
    min: 1,
    max: 1000000,
    default: '1000000',
  },
  [RDK.retries]: {
    key: RDK.retries,
    property: 'message.send.max.retries',
    spellings: ['message.send.max.retries', 'retries'],
    scope: 'global',
    type: 'int',
    min: 0,
    max: INT32_MAX,
    default: String(INT32_MAX),
  },
  [RDK.backpressure]: {
    key: RDK.backpressure,
    property: 'queue.buffering.backpressure.threshold',
    spellings: ['queue.buffering.backpressure.threshold'],
    scope: 'global',
    type: 'int',
    min: 1,
    max: 1000000,
    default: '1',
  },
  [RDK.linger]: {
    key: RDK.linger,
    property: 'queue.buffering.max.ms',
    spellings: ['queue.buffering.max.ms', 'linger.ms'],
    scope: 'global',
    type: 'float',
    min: 0,
    max: 900000,
    default: '5',
  },
  [RDK.acks]: {
    key: RDK.acks,
    property: 'request.required.acks',
    spellings: ['request.required.acks', 'acks'],
    scope: 'topic',
    type: 'int',
    min: -1,
    max: 1000,
    default: '-1',
    names: { all: -1 },
  },
  [RDK.messageTimeout]: {
    key: RDK.messageTimeout,
    property: 'message.timeout.ms',
    spellings: ['message.timeout.ms', 'delivery.timeout.ms'],
    scope: 'topic',
    type: 'int',
    min: 0,
    max: INT32_MAX,
    default: '300000',
  },
  [RDK.queuingStrategy]: {
    key: RDK.queuingStrategy,
    property: 'queuing.strategy',
    spellings: ['queuing.strategy'],
    scope: 'topic',
    type: 'enum',
    default: 'fifo',
    names: { fifo: 0, lifo: 1 },
  },
};

/** Global property names of librdkafka 2.0.2 (CONFIGURATION.md), plus a few later ones seen in the v2.x snapshot. */
export const RDK_GLOBAL_PROPERTIES = new Set<string>(
  (
    'builtin.features client.id metadata.broker.list bootstrap.servers message.max.bytes message.copy.max.bytes ' +
    'receive.message.max.bytes max.in.flight.requests.per.connection max.in.flight topic.metadata.refresh.interval.ms ' +
    'metadata.max.age.ms topic.metadata.refresh.fast.interval.ms topic.metadata.refresh.fast.cnt topic.metadata.refresh.sparse ' +
    'topic.metadata.propagation.max.ms topic.blacklist debug socket.timeout.ms socket.blocking.max.ms socket.send.buffer.bytes ' +
    'socket.receive.buffer.bytes socket.keepalive.enable socket.nagle.disable socket.max.fails broker.address.ttl ' +
    'broker.address.family socket.connection.setup.timeout.ms connections.max.idle.ms reconnect.backoff.jitter.ms ' +
    'reconnect.backoff.ms reconnect.backoff.max.ms statistics.interval.ms enabled_events error_cb throttle_cb stats_cb log_cb ' +
    'log_level log.queue log.thread.name enable.random.seed log.connection.close background_event_cb socket_cb connect_cb ' +
    'closesocket_cb open_cb resolve_cb opaque default_topic_conf internal.termination.signal api.version.request ' +
    'api.version.request.timeout.ms api.version.fallback.ms broker.version.fallback allow.auto.create.topics security.protocol ' +
    'ssl.cipher.suites ssl.curves.list ssl.sigalgs.list ssl.key.location ssl.key.password ssl.key.pem ssl_key ' +
    'ssl.certificate.location ssl.certificate.pem ssl_certificate ssl.ca.location ssl.ca.pem ssl_ca ssl.ca.certificate.stores ' +
    'ssl.crl.location ssl.keystore.location ssl.keystore.password ssl.providers ssl.engine.location ssl.engine.id ' +
    'ssl_engine_callback_data enable.ssl.certificate.verification ssl.endpoint.identification.algorithm ssl.certificate.verify_cb ' +
    'sasl.mechanisms sasl.mechanism sasl.kerberos.service.name sasl.kerberos.principal sasl.kerberos.kinit.cmd sasl.kerberos.keytab ' +
    'sasl.kerberos.min.time.before.relogin sasl.username sasl.password sasl.oauthbearer.config enable.sasl.oauthbearer.unsecure.jwt ' +
    'oauthbearer_token_refresh_cb sasl.oauthbearer.method sasl.oauthbearer.client.id sasl.oauthbearer.client.secret ' +
    'sasl.oauthbearer.scope sasl.oauthbearer.extensions sasl.oauthbearer.token.endpoint.url plugin.library.paths interceptors ' +
    'group.id group.instance.id partition.assignment.strategy session.timeout.ms heartbeat.interval.ms group.protocol.type ' +
    'coordinator.query.interval.ms max.poll.interval.ms enable.auto.commit auto.commit.interval.ms enable.auto.offset.store ' +
    'queued.min.messages queued.max.messages.kbytes fetch.wait.max.ms fetch.message.max.bytes max.partition.fetch.bytes ' +
    'fetch.max.bytes fetch.min.bytes fetch.error.backoff.ms offset.store.method isolation.level consume_cb rebalance_cb ' +
    'offset_commit_cb enable.partition.eof check.crcs client.rack transactional.id transaction.timeout.ms enable.idempotence ' +
    'enable.gapless.guarantee queue.buffering.max.messages queue.buffering.max.kbytes queue.buffering.max.ms linger.ms ' +
    'message.send.max.retries retries retry.backoff.ms queue.buffering.backpressure.threshold compression.codec compression.type ' +
    'batch.num.messages batch.size delivery.report.only.error dr_cb dr_msg_cb sticky.partitioning.linger.ms ' +
    // later than 2.0.2 (read in the v2.x snapshot of src/rdkafka_conf.c)
    'retry.backoff.max.ms client.dns.lookup enable.metrics.push client.software.name client.software.version'
  ).split(' '),
);

/** Topic property names of librdkafka 2.0.2 (CONFIGURATION.md). */
export const RDK_TOPIC_PROPERTIES = new Set<string>(
  (
    'request.required.acks acks request.timeout.ms message.timeout.ms delivery.timeout.ms queuing.strategy produce.offset.report ' +
    'partitioner partitioner_cb msg_order_cmp opaque compression.codec compression.type compression.level auto.commit.enable ' +
    'enable.auto.commit auto.commit.interval.ms auto.offset.reset offset.store.path offset.store.sync.interval.ms ' +
    'offset.store.method consume.callback.max.messages'
  ).split(' '),
);

/** Consumer-only names (scope `C` in CONFIGURATION.md). */
export const RDK_CONSUMER_ONLY = new Set<string>(
  (
    'group.id group.instance.id partition.assignment.strategy session.timeout.ms heartbeat.interval.ms group.protocol.type ' +
    'coordinator.query.interval.ms max.poll.interval.ms enable.auto.commit auto.commit.interval.ms enable.auto.offset.store ' +
    'queued.min.messages queued.max.messages.kbytes fetch.wait.max.ms fetch.message.max.bytes max.partition.fetch.bytes ' +
    'fetch.max.bytes fetch.min.bytes fetch.error.backoff.ms offset.store.method isolation.level enable.partition.eof check.crcs ' +
    'auto.commit.enable auto.offset.reset offset.store.path offset.store.sync.interval.ms consume.callback.max.messages'
  ).split(' '),
);

/** Producer-only names (scope `P` in CONFIGURATION.md). */
export const RDK_PRODUCER_ONLY = new Set<string>(
  (
    'transactional.id transaction.timeout.ms enable.idempotence enable.gapless.guarantee queue.buffering.max.messages ' +
    'queue.buffering.max.kbytes queue.buffering.max.ms linger.ms message.send.max.retries retries retry.backoff.ms ' +
    'queue.buffering.backpressure.threshold compression.codec compression.type batch.num.messages batch.size ' +
    'delivery.report.only.error sticky.partitioning.linger.ms request.required.acks acks request.timeout.ms message.timeout.ms ' +
    'delivery.timeout.ms queuing.strategy produce.offset.report partitioner compression.level'
  ).split(' '),
);

/**
 * Names that only librdkafka knows (the Java client has none of them): evidence that a
 * `.properties` file is a librdkafka (kcat `-F`) file. `max.in.flight` and
 * `request.required.acks` are weaker (a typo, or the Scala producer of Kafka 0.8), so
 * they count only together with another librdkafka-only key.
 */
export const RDK_STRONG_EVIDENCE = new Set<string>([
  'queue.buffering.max.ms',
  'queue.buffering.max.messages',
  'queue.buffering.max.kbytes',
  'queue.buffering.backpressure.threshold',
  'message.send.max.retries',
  'enable.gapless.guarantee',
  'queuing.strategy',
  'socket.timeout.ms',
  'message.timeout.ms',
  'batch.num.messages',
  'metadata.broker.list',
  'compression.codec',
  'statistics.interval.ms',
  'topic.metadata.refresh.interval.ms',
  'sticky.partitioning.linger.ms',
  'socket.keepalive.enable',
  'socket.nagle.disable',
  'produce.offset.report',
  'delivery.report.only.error',
  'api.version.request',
  'broker.version.fallback',
  'sasl.mechanisms',
  'enable.ssl.certificate.verification',
  'log.connection.close',
]);
export const RDK_WEAK_EVIDENCE = new Set<string>(['max.in.flight', 'request.required.acks']);

const SPELLING_TO_KEY = new Map<string, RdkKey>();
for (const p of Object.values(RDK_PROPERTIES)) for (const s of p.spellings) SPELLING_TO_KEY.set(s, p.key);

/**
 * The block key of a librdkafka property name as written by the user: aliases resolve
 * (`request.required.acks` → `acks`, `linger.ms` stays), and a `topic.` prefix on a topic
 * property is dropped, as `rd_kafka_topic_conf_set()` does after the global lookup fails.
 * Unknown and unmodelled names are returned unchanged.
 */
export function canonicalRdkKey(name: string): string {
  const direct = SPELLING_TO_KEY.get(name);
  if (direct) return direct;
  if (name.startsWith('topic.') && !RDK_GLOBAL_PROPERTIES.has(name)) {
    const rest = name.slice('topic.'.length);
    const k = SPELLING_TO_KEY.get(rest);
    if (k && RDK_PROPERTIES[k].scope === 'topic') return k;
    if (RDK_TOPIC_PROPERTIES.has(rest)) return rest;
  }
  return name;
}

export function rdkProperty(key: string): RdkProperty | undefined {
  return (RDK_PROPERTIES as Record<string, RdkProperty>)[key];
}

/** Whether `rd_kafka_conf_set(name)` on the global conf falls through to the default topic conf. */
export function fallsToTopicConf(name: string): boolean {
  return !RDK_GLOBAL_PROPERTIES.has(name);
}

/** A name that `rd_kafka_conf_set()` on a global configuration passes to the default topic configuration. */
export function isTopicProperty(name: string): boolean {
  const n = name.replace(/^topic\./, '');
  return !RDK_GLOBAL_PROPERTIES.has(name) && RDK_TOPIC_PROPERTIES.has(n);
}

// ---------------------------------------------------------------------------
// Value parsing, as rd_kafka_anyconf_set_prop() does it
// ---------------------------------------------------------------------------

/** C `isspace` in the "C" locale. */
const isCSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

export interface StrtolResult {
  /** The value as a C `long` (saturated on overflow, as glibc does). */
  value: bigint;
  /** Number of characters consumed; 0 when no conversion was performed. */
  end: number;
}

/** glibc `strtol(s, &end, 0)` on an LP64 machine. */
export function strtol0(s: string): StrtolResult {
  let i = 0;
  while (i < s.length && isCSpace(s[i])) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  let base = 10n;
  const isHex = (c: string | undefined) => c !== undefined && /[0-9a-fA-F]/.test(c);
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && isHex(s[i + 2])) {
    base = 16n;
    i += 2;
  } else if (s[i] === '0') {
    base = 8n;
  }
  const digit = (c: string): number => {
    const d = parseInt(c, 16);
    return Number.isNaN(d) || BigInt(d) >= base ? -1 : d;
  };
  const start = i;
  let v = 0n;
  let overflow = false;
  while (i < s.length && digit(s[i]) >= 0) {
    v = v * base + BigInt(digit(s[i]));
    if (v > LONG_MAX + 1n) overflow = true;
    i++;
  }
  if (i === start) return { value: 0n, end: 0 };
  let value = neg ? -v : v;
  if (overflow || value > LONG_MAX) value = neg ? LONG_MIN : LONG_MAX;
  if (value < LONG_MIN) value = LONG_MIN;
  return { value, end: i };
}

export interface StrtodResult {
  value: number;
  end: number;
}

/** glibc `strtod` in the "C" locale (decimal, hexadecimal, inf/infinity, nan[(…)]). */
export function strtod(s: string): StrtodResult {
  let i = 0;
  while (i < s.length && isCSpace(s[i])) i++;
  let sign = 1;
  if (s[i] === '+' || s[i] === '-') {
    sign = s[i] === '-' ? -1 : 1;
    i++;
  }
  const rest = s.slice(i);
  const lower = rest.toLowerCase();
  if (lower.startsWith('infinity')) return { value: sign * Infinity, end: i + 8 };
  if (lower.startsWith('inf')) return { value: sign * Infinity, end: i + 3 };
  if (lower.startsWith('nan')) {
    let end = i + 3;
    const m = /^\(([0-9A-Za-z_]*)\)/.exec(s.slice(end));
    if (m) end += m[0].length;
    return { value: sign < 0 ? -NaN : NaN, end };
  }
  const hex = /^0[xX](?=[0-9a-fA-F]|\.[0-9a-fA-F])([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?/.exec(rest);
  if (hex) {
    const int = hex[1] || '0';
    const frac = hex[2] ?? '';
    let mant = 0;
    for (const c of int + frac) mant = mant * 16 + parseInt(c, 16);
    const exp = (hex[3] ? parseInt(hex[3], 10) : 0) - 4 * frac.length;
    return { value: sign * mant * Math.pow(2, exp), end: i + hex[0].length };
  }
  const dec = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
  if (!dec) return { value: 0, end: 0 };
  return { value: sign * Number(dec[0]), end: i + dec[0].length };
}

/** C `printf("%g", x)`. */
export function formatG(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const e = x.toExponential(5); // 6 significant digits, rounded
  const [mant, expStr] = e.split('e');
  const exp = parseInt(expStr, 10);
  const strip = (t: string) => {
    if (!t.includes('.')) return t;
    let end = t.length;
    while (end > 0 && t[end - 1] === '0') end--;
    if (t[end - 1] === '.') end--;
    return t.slice(0, end);
  };
  if (exp < -4 || exp >= 6) {
    const ee = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${strip(mant)}e${exp < 0 ? '-' : '+'}${ee}`;
  }
  return strip(x.toFixed(5 - exp));
}

export type RdkParsed =
  /** The value librdkafka stores: a number (bool as 0/1, enum as its index) or a string (transactional.id). */
  | { ok: true; value: number | string | null; text: string; note?: string }
  /** `rd_kafka_conf_set()` succeeds but changes nothing (an all-blank enum value). */
  | { ok: true; value: undefined; text: string; note?: string; noop: true }
  /** `rd_kafka_conf_set()` fails with this errstr (trailing newline removed). */
  | { ok: false; error: string };

/**
 * What `rd_kafka_conf_set(name, raw)` does with a value of a modelled property.
 * Error strings are librdkafka's, byte for byte, except that the range error's
 * trailing "\n" is dropped.
 * `note` says when librdkafka reads the value differently from how it looks
 * (`5abc` → 5, `010` → 8, `99999999999` → 1215752191).
 */
export function parseRdkValue(key: RdkKey, raw: string): RdkParsed {
  const p = RDK_PROPERTIES[key];
  const name = p.property;
  // rd_kafka_anyconf_set(): an empty string means NULL
  const empty = raw === '';
  switch (p.type) {
    case 'bool': {
      if (empty) return { ok: false, error: `Bool configuration property "${name}" cannot be set to empty value` };
      const l = raw.toLowerCase();
      if (l === 'true' || l === 't' || raw === '1') return { ok: true, value: 1, text: 'true' };
      if (l === 'false' || l === 'f' || raw === '0') return { ok: true, value: 0, text: 'false' };
      return { ok: false, error: `Expected bool value for "${name}": true or false` };
    }
    case 'string': {
      if (empty) return { ok: true, value: null, text: '' };
      let s = raw;
      while (s.length > 0 && isCSpace(s[0])) s = s.slice(1);
      return { ok: true, value: s, text: s };
    }
    case 'int': {
      if (empty) return { ok: false, error: `Integer configuration property "${name}" cannot be set to empty value` };
      const r = strtol0(raw);
      let ival: number;
      let note: string | undefined;
      if (r.end === 0) {
        const named = Object.entries(p.names ?? {}).find(([n]) => n.toLowerCase() === raw.toLowerCase());
        if (!named) return { ok: false, error: `Invalid value for configuration property "${name}"` };
        ival = named[1];
      } else {
        ival = Number(BigInt.asIntN(32, r.value)); // (int)strtol(...)
        const written = raw.slice(0, r.end).trim();
        const plainDecimal = /^[+-]?(0|[1-9]\d*)$/.test(written);
        if (r.end < raw.length) note = `librdkafka reads "${raw}" as ${ival}: it stops at "${raw.slice(r.end)}"`;
        else if (!plainDecimal && /^[+-]?0[xX]/.test(written)) note = `librdkafka reads "${raw}" as hexadecimal, ${ival}`;
        else if (!plainDecimal && /^[+-]?0\d/.test(written)) note = `librdkafka reads "${raw}" as octal, ${ival}`;
        else if (plainDecimal && BigInt(ival) !== BigInt(written.replace(/^\+/, '')))
          note = `librdkafka reads "${raw}" as ${ival}: the number does not fit a 32-bit int`;
      }
      if (ival < (p.min ?? -Infinity) || ival > (p.max ?? Infinity)) {
        return { ok: false, error: `Configuration property "${name}" value ${ival} is outside allowed range ${p.min}..${p.max}` };
      }
      return { ok: true, value: ival, text: String(ival), note };
    }
    case 'float': {
      if (empty) return { ok: false, error: `Float configuration property "${name}" cannot be set to empty value` };
      const r = strtod(raw);
      if (r.end === 0) return { ok: false, error: `Invalid value for configuration property "${name}"` };
      const d = r.value;
      if (d < (p.min ?? -Infinity) || d > (p.max ?? Infinity)) {
        return {
          ok: false,
          error: `Configuration property "${name}" value ${formatG(d)} is outside allowed range ${formatG(p.min!)}..${formatG(p.max!)}`,
        };
      }
      let note: string | undefined;
      if (Number.isNaN(d)) note = `librdkafka reads "${raw}" as NaN, which passes its range check and disables the comparisons that use it`;
      else if (r.end < raw.length) note = `librdkafka reads "${raw}" as ${formatG(d)}: it stops at "${raw.slice(r.end)}"`;
      return { ok: true, value: d, text: formatG(d), note };
    }
    case 'enum': {
      if (empty) return { ok: false, error: `Configuration property "${name}" cannot be set to empty value` };
      // left-trimmed; the right trim in librdkafka starts at the terminating NUL and never trims
      let s = raw;
      while (s.length > 0 && isCSpace(s[0])) s = s.slice(1);
      if (s === '') return { ok: true, value: undefined, text: '', noop: true, note: 'librdkafka ignores a blank value' };
      const named = Object.entries(p.names ?? {}).find(([n]) => n.toLowerCase() === s.toLowerCase());
      if (!named) return { ok: false, error: `Invalid value "${s}" for configuration property "${name}"` };
      return { ok: true, value: named[1], text: named[0] };
    }
  }
}

/** Canonical form of a parsed value for comparisons (alias conflicts): undefined when it fails. */
export function rdkValueText(key: RdkKey, raw: string): string | undefined {
  const r = parseRdkValue(key, raw);
  return r.ok ? r.text : undefined;
}

/** What each modelled key means, for hovers. */
export const RDK_KEY_DOCS: Record<RdkKey, string> = {
  [RDK.idempotence]:
    'Turns on the idempotent producer (default **false** in every librdkafka version). librdkafka then adjusts the settings you did not set yourself: `max.in.flight` capped to 5, `retries` to 2147483647, `acks=all`, `queuing.strategy=fifo`; settings you did set must agree, or `rd_kafka_new()` fails.',
  [RDK.acks]:
    "How many in-sync replicas must have a message before the leader answers (`-1`/`all` … 1000). A topic property, alias `request.required.acks`. Idempotence needs `all`, which is only as strong as the topic's `min.insync.replicas` (broker default 1: the leader alone can be enough).",
  [RDK.retries]:
    'How often a failed message is retried (alias of `message.send.max.retries`, default 2147483647). Idempotence needs at least 1.',
  [RDK.inFlight]:
    'In-flight requests per broker connection (alias of `max.in.flight.requests.per.connection`, default 1000000). Idempotence needs at most 5: the broker remembers only the last 5 batches per producer and partition.',
  [RDK.transactionalId]:
    'Makes the producer transactional and turns idempotence on unless `enable.idempotence` is set to false. Also adjusts `message.timeout.ms` and `socket.timeout.ms` to `transaction.timeout.ms` unless you set them.',
  [RDK.transactionTimeout]:
    'How long the transaction coordinator waits before aborting an open transaction (default 60000). `message.timeout.ms` must not exceed it, `socket.timeout.ms` at most by 100.',
  [RDK.socketTimeout]:
    'Default timeout for network requests (default 60000). With `transactional.id` it must be ≤ `transaction.timeout.ms` + 100.',
  [RDK.messageTimeout]:
    'Local delivery timeout, retries included (default 300000, 0 = infinite; alias `delivery.timeout.ms`). A topic property. Must be greater than `linger.ms`; with `transactional.id` at most `transaction.timeout.ms`.',
  [RDK.linger]:
    'How long messages wait to form a batch (alias of `queue.buffering.max.ms`, default 5). Must be lower than `message.timeout.ms`.',
  [RDK.queuingStrategy]: 'Deprecated, experimental queuing order (`fifo` default, `lifo`). Idempotence needs `fifo`.',
  [RDK.gapless]:
    'Experimental: raise a fatal error instead of allowing a gap in the produced sequence. Requires `enable.idempotence=true`; does not cover messages that fail on `message.timeout.ms`.',
  [RDK.backpressure]: 'Outstanding not-yet-sent requests before batching is held back (default 1). Idempotence needs 1.',
};

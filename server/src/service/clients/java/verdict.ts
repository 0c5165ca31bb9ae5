/**
 * What the Apache Kafka Java producer (`kafka-clients`) does with a configuration,
 * version by version. This is the heart of the product: every Java-based dialect
 * (plain properties, Spring, Streams, Connect, Quarkus, Micronaut, Strimzi) ends up here.
 *
 * Model (reference catalogue §1.1 and §1.5; held to every line from 0.11 to 4.4 by the oracle suite,
 * test/oracles/kafkaClients.ts and docs/verification.md):
 * - before 0.11 (0.10.x and older): there is no idempotent producer and no transactions; `enable.idempotence`
 *   and `transactional.id` are not producer configs (ignored, logged as unused). Nothing is requested, nothing
 *   conflicts.
 * - 0.11 – 2.8: `enable.idempotence` defaults to false; it is on when set to true or
 *   when `transactional.id` is set. Then a user-set conflicting acks/retries/in-flight throws,
 *   and the producer uses acks=all and retries=Integer.MAX_VALUE where they are not set (0.11 also
 *   max.in.flight.requests.per.connection=1, the only value it allows).
 * - 3.0.0 and 3.1.0: the default is declared true but never applied (KAFKA-13598),
 *   so the 2.8 behaviour stays.
 * - 3.0.1, 3.1.1, 3.2 – 3.9: on by default. A conflict throws when the key
 *   `enable.idempotence` is present (any value); when it is absent idempotence is
 *   silently disabled (KAFKA-13673), and then a `transactional.id` throws.
 * - 4.x: as 3.9, but `max.in.flight.requests.per.connection` > 5 always throws while
 *   idempotence is on (KAFKA-17927).
 * Where the checks run moved between versions, and with it which failure a configuration with several
 * meets first (`refusalOrder`): ProducerConfig's parser first, always; then before 2.5 the KafkaProducer
 * constructor does every idempotence check, from 2.5 ProducerConfig does those on retries, acks and
 * transactional.id, and from 3.0.1 all of them.
 */
import type { BlockValue, Consequence, ProducerBlock, Version } from '../../types';
import { atLeast, hasIdempotenceDefaultBug, LATEST_KAFKA_CLIENTS, versionLabel } from '../../version';
import { K, javaDefaults, javaTrim, parseJavaAcks, parseJavaBoolean, parseJavaInt, parseJavaLong, INT_MAX } from './config';

export type JavaConflictKind = 'retries' | 'acks' | 'in-flight';

export interface JavaConflict {
  kind: JavaConflictKind;
  setting: BlockValue;
  consequence: Extract<Consequence, 'throws' | 'silent-disable'>;
  /** The exception text when it throws, the log line when it silently disables. */
  clientMessage: string;
  logLevel?: 'INFO' | 'WARN';
}

/**
 * A value the client's ConfigDef refuses while it parses the configuration (before any idempotence
 * check): not a number, out of range, not a boolean, not one of the allowed strings, empty.
 */
export interface JavaInvalidValue {
  key: string;
  setting: BlockValue;
  /** The ConfigException's message, exactly. */
  message: string;
}

/** KafkaProducer's check of `delivery.timeout.ms` against `linger.ms + request.timeout.ms` (2.1+). */
export interface JavaDeliveryTimeout {
  /** `throws` when delivery.timeout.ms is set; `warns` (and raised to the sum) when it is the default. */
  consequence: 'throws' | 'warns';
  /** The exception text, or the WARN line. */
  clientMessage: string;
  deliveryTimeoutMs: number;
  lingerMs: number;
  requestTimeoutMs: number;
  /** linger.ms + request.timeout.ms as the client computes it (capped at Integer.MAX_VALUE). */
  sum: number;
  setting?: BlockValue;
}

export interface JavaVerdict {
  version: Version;
  /** `enable.idempotence` as given (explicit means present, whatever its value). */
  idempotence?: BlockValue;
  explicit: boolean;
  explicitValue?: boolean;
  transactionalId?: BlockValue;
  /** Whether the client tries to turn idempotence on; undefined when the value is not known. */
  requested: boolean | undefined;
  requestedReason: string;
  conflicts: JavaConflict[];
  /** `Cannot set a transactional.id without also enabling idempotence.` and why. */
  transactionFailure?: { message: string; becauseExplicitFalse: boolean; because: JavaConflict[] };
  /** Values the configuration parser refuses, in the order it meets them (ProducerConfig's definition order). */
  invalid: JavaInvalidValue[];
  /** The delivery-timeout check of the KafkaProducer constructor, when it fires. */
  deliveryTimeout?: JavaDeliveryTimeout;
  /** Before 3.3: a compression.type the KafkaProducer constructor does not know (CompressionType.forName). */
  unknownCompression?: JavaInvalidValue;
  /** True when the client refuses to start. */
  refusesToStart: boolean;
  /** Whether idempotence is effectively on once the producer runs. */
  effective: boolean | undefined;
  /** One sentence: explicitly on / on by default / silently disabled by ... / off. */
  summary: string;
}

export const MSG = {
  acksThrow: 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
  retriesThrow: 'Must set retries to non-zero when using the idempotent producer.',
  inFlightThrow: 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
  inFlightThrow011:
    'Must set max.in.flight.requests.per.connection to 1 in orderto use the idempotent producer. Otherwise we cannot guarantee idempotence.',
  inFlightThrow4: (n: number) =>
    `To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is ${n}.`,
  acksLog: (n: number) => `Idempotence will be disabled because acks is set to ${n}, not set to 'all'.`,
  retriesLog: 'Idempotence will be disabled because retries is set to 0.',
  inFlightLog: (n: number) =>
    `Idempotence will be disabled because max.in.flight.requests.per.connection is set to ${n}, which is greater than 5. Please note that in v4.0.0 and onward, this will become an error.`,
  transaction: 'Cannot set a transactional.id without also enabling idempotence.',
  deliveryTimeoutThrow: 'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
  deliveryTimeoutWarn: (sum: number) =>
    `delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. Setting it to ${sum}.`,
  /** ConfigException(name, value, message): `Invalid value <value> for configuration <name>: <message>`. */
  invalidValue: (key: string, value: string | number, message: string) => `Invalid value ${value} for configuration ${key}: ${message}`,
  /** CompressionType.forName, in the KafkaProducer constructor (before 3.3, when ConfigDef did not validate the name). */
  unknownCompression: (name: string) => `Unknown compression name: ${name}`,
};

/** The compression.type names a version knows (zstd since 2.1). */
export function compressionNames(v: Version): string[] {
  return atLeast(v, 2, 1) ? ['none', 'gzip', 'snappy', 'lz4', 'zstd'] : ['none', 'gzip', 'snappy', 'lz4'];
}

type ParseType = 'INT' | 'LONG' | 'BOOLEAN' | 'ACKS' | 'NON_EMPTY_STRING' | 'COMPRESSION';

/**
 * The keys of ProducerConfig whose values decide idempotence or the delivery timeout, in its definition
 * order (ConfigDef.parse reports the first bad value in that order), with their type and minimum.
 * ConfigDef trims a value before parsing it; a value that does not parse is quoted untrimmed, one out of
 * range as the parsed number, a STRING as the trimmed text. linger.ms was an INT in 2.1 only;
 * compression.type is validated by ConfigDef from 3.3 (before, the constructor refuses an unknown name).
 */
const PARSED_KEYS: Array<{ key: string; type: (v: Version) => ParseType; min?: number; since?: [number, number] }> = [
  { key: K.retries, type: () => 'INT', min: 0 },
  { key: K.acks, type: () => 'ACKS' },
  { key: K.compression, type: () => 'COMPRESSION', since: [3, 3] },
  { key: K.linger, type: (v) => (v.major === 2 && v.minor === 1 ? 'INT' : 'LONG'), min: 0 },
  { key: K.deliveryTimeout, type: () => 'INT', min: 0, since: [2, 1] },
  { key: K.requestTimeout, type: () => 'INT', min: 0 },
  { key: K.inFlight, type: () => 'INT', min: 1 },
  { key: K.idempotence, type: () => 'BOOLEAN', since: [0, 11] },
  { key: K.transactionTimeout, type: () => 'INT', since: [0, 11] },
  { key: K.transactionalId, type: () => 'NON_EMPTY_STRING', since: [0, 11] },
];

const STRING_CLASS = 'java.lang.String';

/**
 * ConfigDef.parseType for a value that is not a String (Java source: `props.put(ACKS_CONFIG, 1)`): INT takes
 * an Integer, LONG an Integer or a Long, BOOLEAN a Boolean, STRING only a String; anything else is refused
 * with the class's name (verified against kafka-clients 4.0–4.4).
 */
function typeMismatch(type: ParseType, cls: string): string | undefined {
  switch (type) {
    case 'INT':
      return cls === 'java.lang.Integer' ? undefined : `Expected value to be a 32-bit integer, but it was a ${cls}`;
    case 'LONG':
      return cls === 'java.lang.Integer' || cls === 'java.lang.Long'
        ? undefined
        : `Expected value to be a 64-bit integer (long), but it was a ${cls}`;
    case 'BOOLEAN':
      return cls === 'java.lang.Boolean' ? undefined : 'Expected value to be either true or false';
    case 'ACKS':
    case 'NON_EMPTY_STRING':
    case 'COMPRESSION':
      return `Expected value to be a string, but it was a ${cls}`;
  }
}

/** The keys' types in the newest client (only linger.ms's differs, in 2.1: an INT, and a Java source value of it is an Integer anyway). */
const PARSE_TYPES = new Map<string, ParseType>(PARSED_KEYS.map((p) => [p.key, p.type(LATEST_KAFKA_CLIENTS)]));

/** Whether the client's parser takes the value's class for its key (always, for a String or a key it does not parse). */
export function javaClassFits(v: Pick<BlockValue, 'key' | 'javaClass'>): boolean {
  if (!v.javaClass || v.javaClass === STRING_CLASS) return true;
  const type = PARSE_TYPES.get(v.key);
  return type === undefined || typeMismatch(type, v.javaClass) === undefined;
}

/**
 * Why `key` may be set although the block does not list it (ProducerBlock.unknownKeys: the configuration
 * comes partly from code the linter cannot follow), else undefined.
 */
export function maybeSet(block: Partial<Pick<ProducerBlock, 'unknownKeys' | 'values'>>, key: string): string | undefined {
  const u = block.unknownKeys;
  if (!u || block.values?.has(key)) return undefined;
  return u.keys?.[key] ?? (u.any !== undefined && !u.absent?.includes(key) ? u.any : undefined);
}

function invalidValue(
  key: string,
  type: ParseType,
  min: number | undefined,
  setting: BlockValue,
  version: Version,
): JavaInvalidValue | undefined {
  const raw = setting.value!;
  const t = javaTrim(raw);
  const bad = (value: string | number, message: string) => ({ key, setting, message: MSG.invalidValue(key, value, message) });
  if (setting.javaClass && setting.javaClass !== STRING_CLASS) {
    const mismatch = typeMismatch(type, setting.javaClass);
    if (mismatch) return bad(raw, mismatch);
  }
  switch (type) {
    case 'INT':
    case 'LONG': {
      const n = type === 'INT' ? parseJavaInt(raw) : parseJavaLong(raw);
      if (n === undefined) return bad(raw, `Not a number of type ${type}`);
      if (min !== undefined && n < min) return bad(String(n), `Value must be at least ${min}`);
      return undefined;
    }
    case 'BOOLEAN':
      return parseJavaBoolean(raw) === undefined ? bad(raw, 'Expected value to be either true or false') : undefined;
    case 'ACKS':
      return parseJavaAcks(raw) === undefined ? bad(t, 'String must be one of: all, -1, 0, 1') : undefined;
    case 'NON_EMPTY_STRING':
      return t === '' ? bad(t, 'String must be non-empty') : undefined;
    case 'COMPRESSION': {
      const names = compressionNames(version);
      return names.includes(t) ? undefined : bad(t, `String must be one of: ${names.join(', ')}`);
    }
  }
}

/** `acks=1 (line 3)` or `acks=1 (set by Spring Cloud Stream)`. */
export function describeSetting(v: BlockValue): string {
  const shown = v.value === undefined ? '…' : javaTrim(v.value);
  return `${v.key}=${shown}${v.origin ? ` (${v.origin})` : ''}`;
}

/** A value the client reads as written: known statically, and of a class its parser takes. */
const known = (v: BlockValue | undefined) => v !== undefined && v.value !== undefined && v.kind !== 'unknown' && javaClassFits(v);
/** Known, whatever its class (the parser's checks see it). */
const written = (v: BlockValue | undefined) => v !== undefined && v.value !== undefined && v.kind !== 'unknown';

/** The idempotent producer (and transactions) came with kafka-clients 0.11 (KIP-98). */
export const hasIdempotentProducer = (v: Version) => atLeast(v, 0, 11, 0);

/** What `evaluateJava` reads first: the version's facts and the idempotence keys as written. */
interface JavaReading {
  values: Map<string, BlockValue>;
  version: Version;
  label: string;
  /** The version has the idempotent producer (0.11+). */
  supported: boolean;
  /** 3.0+ without KAFKA-13598: idempotence is on by default, and conflicts with the default only disable it. */
  fixed: boolean;
  idem: BlockValue | undefined;
  txn: BlockValue | undefined;
  /** enable.idempotence is written (and is a producer config in this version). */
  explicit: boolean;
  explicitValue: boolean | undefined;
  /** Why a key may be set although the block does not list it. */
  maybe: (key: string) => string | undefined;
  idemMaybe: string | undefined;
  txnMaybe: string | undefined;
}

function readJava(block: Pick<ProducerBlock, 'values'> & Partial<Pick<ProducerBlock, 'unknownKeys'>>, version: Version): JavaReading {
  const values = block.values;
  const supported = hasIdempotentProducer(version);
  const idem = values.get(K.idempotence);
  // (before 0.11 enable.idempotence is not a producer config: written or not, nothing is requested)
  const explicit = supported && idem !== undefined;
  const maybe = (key: string) => maybeSet(block, key);
  return {
    values,
    version,
    label: versionLabel(version),
    supported,
    fixed: atLeast(version, 3, 0, 0) && !hasIdempotenceDefaultBug(version),
    idem,
    txn: values.get(K.transactionalId),
    explicit,
    explicitValue: explicit && known(idem) ? parseJavaBoolean(idem.value) : undefined,
    maybe,
    idemMaybe: maybe(K.idempotence),
    txnMaybe: maybe(K.transactionalId),
  };
}

/** Whether the configuration asks for idempotence (undefined: not known statically), and why. */
function idempotenceRequest(r: JavaReading): { requested: boolean | undefined; requestedReason: string } {
  const { explicit, explicitValue, label } = r;
  if (!r.supported) return { requested: false, requestedReason: `${label} has no idempotent producer (it came with 0.11)` };
  if (!explicit && r.idemMaybe) return { requested: undefined, requestedReason: `enable.idempotence may be set by ${r.idemMaybe}` };
  if (!explicit && !r.fixed && r.txnMaybe)
    return { requested: undefined, requestedReason: `transactional.id, which turns idempotence on, may be set by ${r.txnMaybe}` };
  if (explicit)
    return {
      requested: explicitValue,
      requestedReason:
        explicitValue === undefined
          ? `enable.idempotence is not a boolean the client accepts`
          : `enable.idempotence=${explicitValue} is set explicitly${r.idem!.injectedBy ? ` by ${r.idem!.injectedBy}` : ''}`,
    };
  if (!r.fixed)
    return {
      requested: r.txn !== undefined,
      requestedReason: r.txn
        ? 'transactional.id is set, which turns idempotence on'
        : hasIdempotenceDefaultBug(r.version)
          ? `${label} declares enable.idempotence=true but never applies that default (KAFKA-13598)`
          : `${label} defaults enable.idempotence to false`,
    };
  return { requested: true, requestedReason: `${label} turns idempotence on by default` };
}

/** The retries, acks and max.in.flight values that conflict with idempotence, once it is requested. */
function idempotenceConflicts(r: JavaReading): JavaConflict[] {
  const { values, version } = r;
  // In the versions that only enable idempotence on request, every conflict throws.
  const throwsOnConflict = r.explicit || !r.fixed;
  const conflicts: JavaConflict[] = [];
  const retries = values.get(K.retries);
  if (known(retries) && parseJavaInt(retries!.value) === 0) {
    conflicts.push(
      throwsOnConflict
        ? { kind: 'retries', setting: retries!, consequence: 'throws', clientMessage: MSG.retriesThrow }
        : { kind: 'retries', setting: retries!, consequence: 'silent-disable', clientMessage: MSG.retriesLog, logLevel: 'INFO' },
    );
  }
  const acks = values.get(K.acks);
  const acksValue = known(acks) ? parseJavaAcks(acks!.value) : undefined;
  if (acksValue === 0 || acksValue === 1) {
    conflicts.push(
      throwsOnConflict
        ? { kind: 'acks', setting: acks!, consequence: 'throws', clientMessage: MSG.acksThrow }
        : { kind: 'acks', setting: acks!, consequence: 'silent-disable', clientMessage: MSG.acksLog(acksValue), logLevel: 'INFO' },
    );
  }
  const inFlight = values.get(K.inFlight);
  const n = known(inFlight) ? parseJavaInt(inFlight!.value) : undefined;
  if (n === undefined) return conflicts;
  if (version.major === 0) {
    if (n !== 1) conflicts.push({ kind: 'in-flight', setting: inFlight!, consequence: 'throws', clientMessage: MSG.inFlightThrow011 });
  } else if (n > 5) {
    if (version.major >= 4) {
      conflicts.push({ kind: 'in-flight', setting: inFlight!, consequence: 'throws', clientMessage: MSG.inFlightThrow4(n) });
    } else if (throwsOnConflict) {
      conflicts.push({ kind: 'in-flight', setting: inFlight!, consequence: 'throws', clientMessage: MSG.inFlightThrow });
    } else {
      conflicts.push({
        kind: 'in-flight',
        setting: inFlight!,
        consequence: 'silent-disable',
        clientMessage: MSG.inFlightLog(n),
        logLevel: 'WARN',
      });
    }
  }
  return conflicts;
}

/**
 * Why the outcome cannot be known although nothing certain refuses it. Drops the silent downgrades from
 * `conflicts` when a transactional.id the linter cannot see would turn them into a refusal.
 */
function uncertainties(r: JavaReading, requested: boolean | undefined, conflicts: JavaConflict[]): string[] {
  const uncertain: string[] = [];
  if (requested === true) {
    for (const k of [K.retries, K.acks, K.inFlight]) {
      const why = r.maybe(k);
      if (why) uncertain.push(`${k} may be set by ${why}`);
    }
  }
  // a silent downgrade with a transactional.id the linter cannot see would be a refusal instead: neither is claimed
  if (r.txnMaybe && conflicts.some((c) => c.consequence === 'silent-disable')) {
    uncertain.push(`transactional.id may be set by ${r.txnMaybe}, and the producer would then refuse to start instead`);
    for (let i = conflicts.length - 1; i >= 0; i--) if (conflicts[i].consequence === 'silent-disable') conflicts.splice(i, 1);
  }
  if (r.txnMaybe && r.explicit && r.explicitValue === false)
    uncertain.push(`transactional.id may be set by ${r.txnMaybe}, and the producer would then refuse to start`);
  // a setting written with a value the linter cannot know (a placeholder without a default, a value from code) may
  // silently disable the default idempotence, where a conflict disables rather than refuses (3.0.1+, idempotence not
  // written, no transactional.id; in-flight above 5 refuses from 4.0); unless a known conflict disables it anyway, the
  // outcome is then not claimed (where a conflict refuses, the producer is idempotent or does not start)
  const silentOnly = r.fixed && !r.explicit && r.txn === undefined;
  if (requested === true && silentOnly && !conflicts.some((c) => c.consequence === 'silent-disable')) {
    for (const k of [K.retries, K.acks, K.inFlight]) {
      const v = r.values.get(k);
      if (k === K.inFlight && r.version.major >= 4) continue;
      if (v !== undefined && !written(v)) uncertain.push(`${k}${v.origin ? ` (${v.origin})` : ''} is not known statically`);
    }
  }
  return uncertain;
}

/** transactional.id without idempotence: set to false, or turned off by a conflict. */
function transactionFailureOf(r: JavaReading, silent: JavaConflict[]): JavaVerdict['transactionFailure'] {
  if (r.txn === undefined || !r.supported) return undefined;
  if (r.explicit && r.explicitValue === false) return { message: MSG.transaction, becauseExplicitFalse: true, because: [] };
  if (silent.length > 0) return { message: MSG.transaction, becauseExplicitFalse: false, because: silent };
  return undefined;
}

/** The values ProducerConfig's parser refuses, and (before 3.3) a compression.type the constructor does not know. */
function parseFailures(values: Map<string, BlockValue>, version: Version): Pick<JavaVerdict, 'invalid' | 'unknownCompression'> {
  const invalid: JavaInvalidValue[] = [];
  for (const p of PARSED_KEYS) {
    const setting = values.get(p.key);
    if (!written(setting) || (p.since && !atLeast(version, p.since[0], p.since[1]))) continue;
    const bad = invalidValue(p.key, p.type(version), p.min, setting!, version);
    if (bad) invalid.push(bad);
  }
  const compression = values.get(K.compression);
  let unknownCompression: JavaInvalidValue | undefined;
  if (!atLeast(version, 3, 3) && known(compression) && !compressionNames(version).includes(javaTrim(compression!.value!))) {
    unknownCompression = { key: K.compression, setting: compression!, message: MSG.unknownCompression(javaTrim(compression!.value!)) };
  }
  return { invalid, unknownCompression };
}

/** Whether the producer ends up idempotent (undefined: not known statically), and the verdict in one sentence. */
function idempotenceOutcome(
  r: JavaReading,
  { requested, requestedReason }: ReturnType<typeof idempotenceRequest>,
  uncertain: string[],
  silent: JavaConflict[],
): { effective: boolean | undefined; summary: string } {
  const { idem, explicit } = r;
  if (!r.supported) return { effective: false, summary: `off: ${requestedReason}` };
  if (requested !== undefined && uncertain.length > 0)
    return {
      effective: requested === false && !(r.txnMaybe && r.explicitValue === false) ? false : undefined,
      summary: `unknown: ${uncertain[0]}`,
    };
  if (requested === undefined)
    return {
      effective: undefined,
      summary:
        r.idemMaybe || (r.txnMaybe && !explicit)
          ? `unknown: ${requestedReason}`
          : known(idem)
            ? `unknown: the client refuses enable.idempotence=${javaTrim(idem!.value!)}`
            : 'unknown: enable.idempotence is not known statically',
    };
  if (!requested) return { effective: false, summary: `off: ${requestedReason}` };
  if (silent.length > 0)
    return { effective: false, summary: `silently disabled by ${silent.map((c) => describeSetting(c.setting)).join(', ')}` };
  if (explicit) return { effective: true, summary: `explicitly on (${requestedReason})` };
  if (r.txn !== undefined && !r.fixed) return { effective: true, summary: 'on, because transactional.id is set' };
  return { effective: true, summary: `on by default in ${r.label}` };
}

export function evaluateJava(
  block: Pick<ProducerBlock, 'values'> & Partial<Pick<ProducerBlock, 'unknownKeys'>>,
  version: Version,
): JavaVerdict {
  const r = readJava(block, version);
  const { values, idem, explicit, explicitValue } = r;
  const request = idempotenceRequest(r);
  const conflicts = request.requested === true ? idempotenceConflicts(r) : [];
  const uncertain = uncertainties(r, request.requested, conflicts);
  const silent = conflicts.filter((c) => c.consequence === 'silent-disable');
  const transactionFailure = transactionFailureOf(r, silent);
  const { invalid, unknownCompression } = parseFailures(values, version);
  const deliveryTimeout = [K.deliveryTimeout, K.linger, K.requestTimeout].some(r.maybe) ? undefined : deliveryTimeoutCheck(values, version);
  const refusesToStart =
    invalid.length > 0 ||
    unknownCompression !== undefined ||
    conflicts.some((c) => c.consequence === 'throws') ||
    transactionFailure !== undefined ||
    (explicit && known(idem) && explicitValue === undefined) ||
    deliveryTimeout?.consequence === 'throws';
  const { effective, summary } = idempotenceOutcome(r, request, uncertain, silent);

  return {
    version,
    idempotence: idem,
    explicit,
    explicitValue,
    transactionalId: r.txn,
    requested: request.requested,
    requestedReason: request.requestedReason,
    conflicts,
    transactionFailure,
    invalid,
    deliveryTimeout,
    unknownCompression,
    refusesToStart,
    effective,
    summary: refusesToStart ? `the producer refuses to start; otherwise ${summary}` : summary,
  };
}

/**
 * KafkaProducer.configureDeliveryTimeout (2.1+): delivery.timeout.ms below linger.ms + request.timeout.ms
 * throws when delivery.timeout.ms is set, else the client raises it to the sum with a WARN. Not judged
 * when one of the three values is not known or does not parse (the parser refuses those first). In 2.1
 * linger.ms is an INT and the sum is not capped (it overflows).
 */
function deliveryTimeoutCheck(values: Map<string, BlockValue>, version: Version): JavaDeliveryTimeout | undefined {
  if (!atLeast(version, 2, 1, 0)) return undefined;
  const d = javaDefaults(version);
  const num = (key: string, def: number, long = false) => {
    const bv = values.get(key);
    if (!bv) return def;
    return known(bv) ? (long ? parseJavaLong(bv.value) : parseJavaInt(bv.value)) : undefined;
  };
  const delivery = num(K.deliveryTimeout, d.deliveryTimeout);
  const v21 = version.major === 2 && version.minor === 1;
  const linger = num(K.linger, d.linger, !v21);
  const request = num(K.requestTimeout, d.requestTimeout);
  if (delivery === undefined || linger === undefined || request === undefined) return undefined;
  // 2.2+: (int) Math.min(linger, Integer.MAX_VALUE), then (int) Math.min((long) linger + request, Integer.MAX_VALUE);
  // 2.1 adds two ints: a sum above Integer.MAX_VALUE wraps to a negative number, which no delivery.timeout.ms is below
  if (v21 && linger + request > INT_MAX) return undefined;
  const sum = Math.min(Math.min(linger, INT_MAX) + request, INT_MAX);
  if (delivery >= sum) return undefined;
  const setting = values.get(K.deliveryTimeout);
  return setting
    ? {
        consequence: 'throws',
        clientMessage: MSG.deliveryTimeoutThrow,
        deliveryTimeoutMs: delivery,
        lingerMs: linger,
        requestTimeoutMs: request,
        sum,
        setting,
      }
    : {
        consequence: 'warns',
        clientMessage: MSG.deliveryTimeoutWarn(sum),
        deliveryTimeoutMs: delivery,
        lingerMs: linger,
        requestTimeoutMs: request,
        sum,
      };
}

/** How the producer starts, in the oracle suite's vocabulary (docs/verification.md). */
export type JavaOutcome = 'idempotent' | 'silently-disabled' | 'non-idempotent' | 'refuses-to-start' | 'unknown';

/** Why the producer refuses to start: the key the client's ConfigException is about, and its message. */
export interface JavaRefusal {
  key: string;
  message: string;
  /**
   * framework: the framework refuses before it builds a producer (ProducerBlock.frameworkRefusal, or a fact's
   * `refusal`: Kafka Streams' StreamsConfig, Kafka Connect's override policy...); parse: ConfigDef
   * refuses a value; idempotence: ProducerConfig's idempotence checks; constructor: KafkaProducer.
   */
  stage: 'framework' | 'parse' | 'idempotence' | 'constructor';
  setting?: BlockValue;
}

/**
 * A producer block's effective Java producer configuration and how the producer starts, derived from
 * the verdict (evaluateJava): what ProducerConfig holds once it has post-processed the configuration, and
 * what the KafkaProducer constructor does with it. `undefined` means not known statically (a placeholder),
 * `null` means not set.
 */
export interface JavaEffectiveConfig {
  outcome: JavaOutcome;
  /** non-idempotent: `choice` when enable.idempotence=false is set (by the user or a framework), `default` when the version's default is off. */
  nonIdempotentBy?: 'choice' | 'default';
  /** refuses-to-start: the first failure the client meets (parse, then idempotence checks, then the constructor). */
  refusal?: JavaRefusal;
  /** Every failure the linter knows of, in the client's order; `refusal` is the first. */
  refusals: JavaRefusal[];
  /** The INFO/WARN lines the client logs while it starts (idempotence disabled, delivery timeout raised), in order. */
  logged: Array<{ level: 'INFO' | 'WARN'; message: string }>;
  /** The effective values (ProducerConfig stores acks as `-1`, `0` or `1`). */
  enableIdempotence: boolean | undefined;
  acks: '-1' | '0' | '1' | undefined;
  retries: number | undefined;
  maxInFlight: number | undefined;
  transactionalId: string | null | undefined;
  /** The delivery timeout the producer uses (raised to linger.ms + request.timeout.ms when only the default was too small). */
  deliveryTimeoutMs: number | undefined;
  /** The verdict's one-sentence summary. */
  summary: string;
}

type RefusalCheck = JavaConflictKind | 'transaction' | 'compression' | 'delivery';

/**
 * After ProducerConfig's parser, the order in which a version meets its other failures:
 * - 0.11 – 2.0: the KafkaProducer constructor: compression.type, the transactional.id check, then retries,
 *   max.in.flight, acks (configureRetries / configureInflightRequests / configureAcks);
 * - 2.1 – 2.4: the constructor: compression.type, transactional.id, the delivery timeout, then in-flight, retries, acks;
 * - 2.5 – 2.8, 3.0.0, 3.1.0: ProducerConfig checks transactional.id, retries and acks; then the constructor:
 *   compression.type, the delivery timeout, in-flight;
 * - 3.0.1 and later: ProducerConfig checks everything idempotence needs (retries, acks, in-flight, then
 *   transactional.id); then the constructor: compression.type (before 3.3), the delivery timeout.
 */
function refusalOrder(v: Version): RefusalCheck[] {
  if (atLeast(v, 3, 0, 1) && !hasIdempotenceDefaultBug(v))
    return ['retries', 'acks', 'in-flight', 'transaction', 'compression', 'delivery'];
  if (atLeast(v, 2, 5)) return ['transaction', 'retries', 'acks', 'compression', 'delivery', 'in-flight'];
  if (atLeast(v, 2, 1)) return ['compression', 'transaction', 'delivery', 'in-flight', 'retries', 'acks'];
  return ['compression', 'transaction', 'retries', 'in-flight', 'acks'];
}

/** The refusals of the idempotence checks and of the KafkaProducer constructor, in the order the version meets them. */
function clientRefusals(verdict: JavaVerdict, version: Version): JavaRefusal[] {
  const checks = new Map<RefusalCheck, JavaRefusal>();
  for (const c of verdict.conflicts) {
    if (c.consequence === 'throws')
      checks.set(c.kind, { key: c.setting.key, message: c.clientMessage, stage: 'idempotence', setting: c.setting });
  }
  if (verdict.transactionFailure) {
    checks.set('transaction', {
      key: K.transactionalId,
      message: verdict.transactionFailure.message,
      stage: 'idempotence',
      setting: verdict.transactionalId,
    });
  }
  if (verdict.unknownCompression) {
    const u = verdict.unknownCompression;
    checks.set('compression', { key: u.key, message: u.message, stage: 'constructor', setting: u.setting });
  }
  if (verdict.deliveryTimeout?.consequence === 'throws') {
    checks.set('delivery', {
      key: K.deliveryTimeout,
      message: verdict.deliveryTimeout.clientMessage,
      stage: 'constructor',
      setting: verdict.deliveryTimeout.setting,
    });
  }
  const refusals: JavaRefusal[] = [];
  for (const check of refusalOrder(version)) {
    const r = checks.get(check);
    if (r) refusals.push(r);
  }
  return refusals;
}

export function effectiveJavaConfig(
  block: Pick<ProducerBlock, 'values'> & Partial<Pick<ProducerBlock, 'facts' | 'unknownKeys' | 'frameworkRefusal'>>,
  version: Version,
  verdict = evaluateJava(block, version),
): JavaEffectiveConfig {
  const values = block.values;
  const d = javaDefaults(version);
  const refusals: JavaRefusal[] = [];
  // the framework's own refusals come first: it never builds the producer
  if (block.frameworkRefusal)
    refusals.push({ key: block.frameworkRefusal.key, message: block.frameworkRefusal.message, stage: 'framework' });
  for (const f of block.facts ?? []) if (f.refusal) refusals.push({ key: f.refusal.key, message: f.refusal.message, stage: 'framework' });
  for (const i of verdict.invalid) refusals.push({ key: i.key, message: i.message, stage: 'parse', setting: i.setting });
  refusals.push(...clientRefusals(verdict, version));
  const logged: JavaEffectiveConfig['logged'] = verdict.conflicts
    .filter((c) => c.consequence === 'silent-disable')
    .map((c) => ({ level: c.logLevel ?? 'INFO', message: c.clientMessage }));
  if (verdict.deliveryTimeout?.consequence === 'warns') logged.push({ level: 'WARN', message: verdict.deliveryTimeout.clientMessage });

  const value = <T>(key: string, def: T, parse: (v: string) => T | undefined): T | undefined => {
    const bv = values.get(key);
    if (!bv) return maybeSet(block, key) ? undefined : def;
    return known(bv) ? parse(bv.value!) : undefined;
  };
  // an idempotent producer before 3.0.1 uses acks=all and retries=Integer.MAX_VALUE where they are not set (0.11 also
  // one request in flight); from 3.0.1 (and in 3.0.0 / 3.1.0, whose defaults are these) ProducerConfig's defaults are them
  const overrides = verdict.effective === true && !atLeast(version, 3, 0, 1);
  const acksParsed = value(K.acks, overrides || d.acks === 'all' ? -1 : 1, (v) => parseJavaAcks(v));
  // a key the linter cannot see may hold a value the parser refuses: then only a certain refusal is an outcome
  const hidden = PARSED_KEYS.some((p) => maybeSet(block, p.key) !== undefined);
  const txn = values.get(K.transactionalId);
  const refused = verdict.refusesToStart || refusals.length > 0;
  const outcome: JavaOutcome = refused
    ? 'refuses-to-start'
    : verdict.effective === undefined || hidden
      ? 'unknown'
      : verdict.effective
        ? 'idempotent'
        : verdict.conflicts.some((c) => c.consequence === 'silent-disable')
          ? 'silently-disabled'
          : 'non-idempotent';
  return {
    outcome,
    nonIdempotentBy: outcome === 'non-idempotent' ? (verdict.explicit ? 'choice' : 'default') : undefined,
    refusal: refusals[0],
    refusals,
    logged,
    enableIdempotence: verdict.effective,
    acks: acksParsed === undefined ? undefined : (String(acksParsed) as '-1' | '0' | '1'),
    retries: value(K.retries, overrides ? INT_MAX : d.retries, parseJavaInt),
    maxInFlight: value(K.inFlight, overrides && version.major === 0 ? 1 : d.inFlight, parseJavaInt),
    transactionalId:
      txn === undefined ? (maybeSet(block, K.transactionalId) ? undefined : null) : known(txn) ? javaTrim(txn.value!) : undefined,
    deliveryTimeoutMs:
      verdict.deliveryTimeout?.consequence === 'warns'
        ? verdict.deliveryTimeout.sum
        : value(K.deliveryTimeout, d.deliveryTimeout, parseJavaInt),
    summary: verdict.summary,
  };
}

/**
 * What the Apache Kafka Java producer (`kafka-clients`) does with a configuration,
 * version by version. This is the heart of the product: every Java-based dialect
 * (plain properties, Spring, Streams, Connect, Quarkus, Micronaut, Strimzi) ends up here.
 *
 * Model (reference catalogue §1.1 and §1.5; code read from ProducerConfig /
 * KafkaProducer at the release tags):
 * - 0.11 – 2.8: `enable.idempotence` defaults to false; it is on when set to true or
 *   when `transactional.id` is set. Then a user-set conflicting acks/retries/in-flight throws.
 * - 3.0.0 and 3.1.0: the default is declared true but never applied (KAFKA-13598),
 *   so the 2.8 behaviour stays.
 * - 3.0.1, 3.1.1, 3.2 – 3.9: on by default. A conflict throws when the key
 *   `enable.idempotence` is present (any value); when it is absent idempotence is
 *   silently disabled (KAFKA-13673), and then a `transactional.id` throws.
 * - 4.x: as 3.9, but `max.in.flight.requests.per.connection` > 5 always throws while
 *   idempotence is on (KAFKA-17927).
 */
import type { BlockValue, Consequence, ProducerBlock, Version } from '../types';
import { atLeast, hasIdempotenceDefaultBug, versionLabel } from '../version';
import { K, javaTrim, parseJavaAcks, parseJavaBoolean, parseJavaInt } from '../javaConfig';

export type JavaConflictKind = 'retries' | 'acks' | 'in-flight';

export interface JavaConflict {
  kind: JavaConflictKind;
  setting: BlockValue;
  consequence: Extract<Consequence, 'throws' | 'silent-disable'>;
  /** The exception text when it throws, the log line when it silently disables. */
  clientMessage: string;
  logLevel?: 'INFO' | 'WARN';
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
};

/** `acks=1 (line 3)` or `acks=1 (set by Spring Cloud Stream)`. */
export function describeSetting(v: BlockValue): string {
  const shown = v.value === undefined ? '…' : javaTrim(v.value);
  return `${v.key}=${shown}${v.origin ? ` (${v.origin})` : ''}`;
}

const known = (v: BlockValue | undefined) => v !== undefined && v.value !== undefined && v.kind !== 'unknown';

export function evaluateJava(block: Pick<ProducerBlock, 'values'>, version: Version): JavaVerdict {
  const values = block.values;
  const idem = values.get(K.idempotence);
  const txn = values.get(K.transactionalId);
  const explicit = idem !== undefined;
  const explicitValue = explicit && known(idem) ? parseJavaBoolean(idem!.value) : undefined;
  const fixed = atLeast(version, 3, 0, 0) && !hasIdempotenceDefaultBug(version);
  const label = versionLabel(version);

  let requested: boolean | undefined;
  let requestedReason: string;
  if (explicit) {
    requested = explicitValue;
    requestedReason =
      explicitValue === undefined
        ? `enable.idempotence is not a boolean the client accepts`
        : `enable.idempotence=${explicitValue} is set explicitly${idem!.injectedBy ? ` by ${idem!.injectedBy}` : ''}`;
  } else if (!fixed) {
    requested = txn !== undefined;
    requestedReason = txn
      ? 'transactional.id is set, which turns idempotence on'
      : hasIdempotenceDefaultBug(version)
        ? `${label} declares enable.idempotence=true but never applies that default (KAFKA-13598)`
        : `${label} defaults enable.idempotence to false`;
  } else {
    requested = true;
    requestedReason = `${label} turns idempotence on by default`;
  }

  // In the versions that only enable idempotence on request, every conflict throws.
  const throwsOnConflict = explicit || !fixed;
  const conflicts: JavaConflict[] = [];
  if (requested === true) {
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
    if (n !== undefined) {
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
    }
  }

  const silent = conflicts.filter((c) => c.consequence === 'silent-disable');
  let transactionFailure: JavaVerdict['transactionFailure'];
  if (txn !== undefined) {
    if (explicit && explicitValue === false) {
      transactionFailure = { message: MSG.transaction, becauseExplicitFalse: true, because: [] };
    } else if (silent.length > 0) {
      transactionFailure = { message: MSG.transaction, becauseExplicitFalse: false, because: silent };
    }
  }
  const refusesToStart =
    conflicts.some((c) => c.consequence === 'throws') || transactionFailure !== undefined || (explicit && known(idem) && explicitValue === undefined);

  let effective: boolean | undefined;
  let summary: string;
  if (requested === undefined) {
    effective = undefined;
    summary = known(idem)
      ? `unknown: the client refuses enable.idempotence=${javaTrim(idem!.value!)}`
      : 'unknown: enable.idempotence is not known statically';
  } else if (!requested) {
    effective = false;
    summary = explicit ? `off: ${requestedReason}` : `off: ${requestedReason}`;
  } else if (silent.length > 0) {
    effective = false;
    summary = `silently disabled by ${silent.map((c) => describeSetting(c.setting)).join(', ')}`;
  } else if (explicit) {
    effective = true;
    summary = `explicitly on (${requestedReason})`;
  } else if (txn !== undefined && !fixed) {
    effective = true;
    summary = 'on, because transactional.id is set';
  } else {
    effective = true;
    summary = `on by default in ${label}`;
  }
  if (refusesToStart) summary = `the producer refuses to start; otherwise ${summary}`;

  return {
    version,
    idempotence: idem,
    explicit,
    explicitValue,
    transactionalId: txn,
    requested,
    requestedReason,
    conflicts,
    transactionFailure,
    refusesToStart,
    effective,
    summary,
  };
}

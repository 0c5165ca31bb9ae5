/**
 * The Java client's own exception and log texts, quoted verbatim from the reference
 * catalogue (/work/shared/reference/kafka-idempotence-rules.md §2.1). Tests compare the
 * service's messages against these, never against the service's own constants.
 */
export const JAVA = {
  /** R-J1, every version that throws. */
  acksThrow: 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
  /** R-J1, 3.0.1+ without enable.idempotence (INFO). */
  acksLog: (n: number) => `Idempotence will be disabled because acks is set to ${n}, not set to 'all'.`,
  /** R-J2. */
  retriesThrow: 'Must set retries to non-zero when using the idempotent producer.',
  retriesLog: 'Idempotence will be disabled because retries is set to 0.',
  /** R-J3: 0.11.0.x (sic, "orderto"). */
  inFlightThrow011:
    'Must set max.in.flight.requests.per.connection to 1 in orderto use the idempotent producer. Otherwise we cannot guarantee idempotence.',
  /** R-J3: 1.0 – 3.9 with explicit idempotence (or transactional.id before 3.0.1). */
  inFlightThrow: 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
  /** R-J3: 3.0.1 – 3.9 without enable.idempotence (WARN). */
  inFlightLog: (n: number) =>
    `Idempotence will be disabled because max.in.flight.requests.per.connection is set to ${n}, which is greater than 5. Please note that in v4.0.0 and onward, this will become an error.`,
  /** R-J3: 4.0+. */
  inFlightThrow4: (n: number) =>
    `To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is ${n}.`,
  /** R-J4. */
  transaction: 'Cannot set a transactional.id without also enabling idempotence.',
  /** R-J5 (two spaces: the value is empty). */
  transactionalIdEmpty: 'Invalid value  for configuration transactional.id: String must be non-empty',
  /** R-J8. */
  deliveryThrow: 'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
  deliveryWarn: (n: number) => `delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. Setting it to ${n}.`,
  /** R-J10. */
  acksInvalid: (v: string) => `Invalid value ${v} for configuration acks: String must be one of: all, -1, 0, 1`,
  /** R-J11. */
  booleanInvalid: (v: string) => `Invalid value ${v} for configuration enable.idempotence: Expected value to be either true or false`,
  /** ConfigDef.parseType: a value that does not parse (quoted as written, untrimmed). */
  notANumber: (key: string, v: string, type: 'INT' | 'LONG') => `Invalid value ${v} for configuration ${key}: Not a number of type ${type}`,
  /** ConfigDef.Range: below the minimum (the parsed number is quoted). */
  atLeast: (key: string, n: number, min: number) => `Invalid value ${n} for configuration ${key}: Value must be at least ${min}`,
  /** CompressionType.forName in the KafkaProducer constructor, before 3.3 (the trimmed value). */
  unknownCompression: (v: string) => `Unknown compression name: ${v}`,
  /** ConfigDef.ValidString for compression.type, from 3.3 (zstd since 2.1). */
  compressionInvalid: (v: string) =>
    `Invalid value ${v} for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd`,
  /** R-J12: up to 3.2 (WARN) and from 3.3 (INFO, KAFKA-13689). */
  unknownKeyUpTo32: (k: string) => `The configuration '${k}' was supplied but isn't a known config.`,
  unknownKeyFrom33: (k: string) => `These configurations '[${k}]' were supplied but are not used yet.`,
};

/**
 * Facts: what a dialect detector learns about a producer block that only its framework's rules judge, left on
 * the block (`ProducerBlock.facts`). A fact is typed data: the entries involved (as read, with placeholders
 * resolved, and as written, with their names), the values as the framework reads them and, where the framework
 * itself refuses the configuration, its exact exception text (`refusal`). It holds no message, no span choice and
 * no edit: the rule that reports it builds those (rules/streams.ts, rules/connect.ts).
 *
 * `refusal` is read before any rule runs: the Java verdict's effective configuration lists the framework's
 * refusals first, since the framework never builds the producer (verdict/java.ts, effectiveJavaConfig).
 */
import type { Entry, Version } from './types';
import type { SourceEntry } from './detect/source';
import type { SourceEditor } from './formats/editor';

/** A framework's refusal of the configuration: the key its exception names and the exception's exact message. */
export interface Refusal {
  key: string;
  message: string;
}

/** What every fact may carry: where the framework refuses the configuration, its refusal. */
export interface FactBase {
  refusal?: Refusal;
}

// ---------------------------------------------------------------------------------------------------------------
// Kafka Streams (detect/streams.ts; reported by rules/streams.ts)

/** How a Streams config turns exactly-once on: its processing.guarantee. */
export interface StreamsGuarantee {
  /** The processing.guarantee entry as written. */
  entry?: SourceEntry;
  /** Its name as written (`processing.guarantee`, `kafka-streams.processing.guarantee`). */
  name: string;
  /** The value as Streams reads it (trimmed). */
  value: string;
}

/** processing.guarantee=exactly_once or exactly_once_beta: deprecated by Streams 3.x, refused by 4.x (`refusal`). */
export interface StreamsDeprecatedGuaranteeFact extends FactBase {
  kind: 'streams-deprecated-guarantee';
  /** The processing.guarantee entry as read. */
  entry: Entry;
  guarantee: string;
  /** The Streams version judged. */
  version: Version;
}

/** processing.guarantee is none of the values this Streams version accepts (case-sensitive): StreamsConfig refuses it. */
export interface StreamsInvalidGuaranteeFact extends FactBase {
  kind: 'streams-invalid-guarantee';
  /** The processing.guarantee entry as read. */
  entry: Entry;
  guarantee: string;
  /** The values StreamsConfig accepts at this version, in its order. */
  accepted: string[];
  version: Version;
  refusal: Refusal;
}

/**
 * retries (before 4.0) or request.timeout.ms, unprefixed: StreamsConfig parses it itself (INT, at least 0) and
 * refuses the value, even when a `producer.`-prefixed key is what the producer gets.
 */
export interface StreamsOwnKeyFact extends FactBase {
  kind: 'streams-own-key-invalid';
  /** The canonical key (`retries`, `request.timeout.ms`). */
  key: string;
  /** The entry as read. */
  entry: Entry;
  /** The entry as written. */
  source: SourceEntry;
  refusal: Refusal;
}

/** Exactly-once: an enable.idempotence or transactional.id the user wrote, which Streams ignores (with a WARN). */
export interface StreamsEosIgnoredFact extends FactBase {
  kind: 'streams-eos-ignored';
  /** `enable.idempotence` or `transactional.id`. */
  key: string;
  /** The entry as written. */
  source: SourceEntry;
  /** The value as read (placeholders resolved), untrimmed, as Streams logs it. */
  value?: string;
  /** The entry Streams reads for the key when it is another one (a `producer.` key wins; the last of each). */
  winner?: SourceEntry;
  guarantee: StreamsGuarantee;
  /** application.id as read, for the transactional.id Streams builds. */
  applicationId?: string;
  version: Version;
}

/** Exactly-once: max.in.flight.requests.per.connection above 5 or not an integer, which Streams refuses. */
export interface StreamsEosInFlightFact extends FactBase {
  kind: 'streams-eos-in-flight';
  /** The entry the producer reads, as read. */
  entry: Entry;
  /** The same entry as written. */
  source: SourceEntry;
  guarantee: StreamsGuarantee;
  refusal: Refusal;
}

/** Exactly-once (3.0+): producer.transaction.timeout.ms is not an INT; StreamsConfig parses it for its timeout check. */
export interface StreamsTxnTimeoutInvalidFact extends FactBase {
  kind: 'streams-txn-timeout-invalid';
  /** The producer.transaction.timeout.ms entry as read. */
  entry: Entry;
  /** The prefix the Streams config sits under (`[]`, `['kafka-streams']`). */
  base: string[];
  /** commit.interval.ms as Streams reads it (100 when unset); undefined when it is not a number. */
  commitInterval?: number;
  guarantee: StreamsGuarantee;
  refusal: Refusal;
}

/** A value Streams reads for its exactly-once timeout check, with its entry when the file writes it. */
export interface StreamsCheckedValue {
  value: number;
  /** The entry as read. */
  entry?: Entry;
  /** The entry as written. */
  source?: SourceEntry;
}

/** Exactly-once (3.0+): the transaction timeout Streams reads is below its commit interval; Streams refuses to start. */
export interface StreamsTxnTimeoutFact extends FactBase {
  kind: 'streams-txn-timeout-below-commit-interval';
  /** The prefix the Streams config sits under (`[]`, `['kafka-streams']`). */
  base: string[];
  /** commit.interval.ms (100 under exactly-once when unset). */
  commitInterval: StreamsCheckedValue;
  /** producer.transaction.timeout.ms (10000 when unset). */
  transactionTimeout: StreamsCheckedValue;
  /**
   * The unprefixed transaction.timeout.ms, when producer.transaction.timeout.ms is not written: it reaches the
   * producer but not this check. `value` as the producer parses it, when it does.
   */
  producerTimeout?: { source: SourceEntry; value?: number };
  guarantee: StreamsGuarantee;
  refusal: Refusal;
}

export type StreamsFact =
  | StreamsDeprecatedGuaranteeFact
  | StreamsInvalidGuaranteeFact
  | StreamsOwnKeyFact
  | StreamsEosIgnoredFact
  | StreamsEosInFlightFact
  | StreamsTxnTimeoutInvalidFact
  | StreamsTxnTimeoutFact;

// ---------------------------------------------------------------------------------------------------------------
// Kafka Connect (detect/connect.ts; reported by rules/connect.ts)

/** A connector's producer.override.* key that the worker's `None` or `Principal` override policy refuses. */
export interface ConnectOverrideRefusedFact extends FactBase {
  kind: 'connect-override-refused';
  /** The key after `producer.override.`. */
  key: string;
  /** The producer.override.* entry as written. */
  source: SourceEntry;
  policy: 'None' | 'Principal';
  /** The worker's connector.client.config.override.policy entry; absent: the worker's default (None before 3.0). */
  policyEntry?: SourceEntry;
  /** The editor of the configuration the block reads (a file, a Strimzi resource's config, environment variables). */
  editor: SourceEditor;
  refusal: Refusal;
}

/** exactly.once.source.support=enabled: an enable.idempotence (not true) or transactional.id Connect ignores for source tasks. */
export interface ConnectEosForcedFact extends FactBase {
  kind: 'connect-eos-forced';
  /** `enable.idempotence` or `transactional.id`. */
  key: string;
  /** The entry as written. */
  source: SourceEntry;
  /** The value as read, untrimmed, as the worker logs it. */
  value?: string;
  /** The entry the worker reads for the key when it is another one (the connector's override, else the worker's last). */
  winner?: SourceEntry;
  /** The exactly.once.source.support entry. */
  eosEntry: SourceEntry;
  /** The transactional.id Connect gives source tasks (`<group.id>-${connector}-${task}`). */
  transactionalId: string;
  /** The editor of the configuration the block reads (a file, a Strimzi resource's config, environment variables). */
  editor: SourceEditor;
}

export type ConnectFact = ConnectOverrideRefusedFact | ConnectEosForcedFact;

/** Every fact a detector leaves on a block, discriminated by `kind`. */
export type BlockFact = StreamsFact | ConnectFact;

/** The block's facts of one kind, in the order the detector found them. */
export function factsOf<K extends BlockFact['kind']>(block: { facts?: BlockFact[] }, kind: K): Array<Extract<BlockFact, { kind: K }>> {
  return (block.facts ?? []).filter((f): f is Extract<BlockFact, { kind: K }> => f.kind === kind);
}

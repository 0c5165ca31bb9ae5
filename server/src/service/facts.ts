/**
 * Facts: what a dialect detector learns about a producer block that only its framework's rules judge, left on
 * the block (`ProducerBlock.facts`). A fact is typed data: the entries involved (as read, with placeholders
 * resolved, and as written, with their names), the values as the framework reads them and, where the framework
 * itself refuses the configuration, its exact exception text (`refusal`). It holds no message, no span choice and
 * no edit: the rule that reports it builds those (rules/<family>.ts).
 *
 * `refusal` is read before any rule runs: the Java verdict's effective configuration lists the framework's
 * refusals first, since the framework never builds the producer (clients/java/verdict.ts, effectiveJavaConfig).
 */
import type { Entry, Version } from './types';
import type { SourceEntry, SourceView } from './detect/source';
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

// ---------------------------------------------------------------------------------------------------------------
// Spring Boot and the Spring Cloud Stream Kafka binder (detect/spring.ts → rules/spring.ts)

/** One Spring property that gives a producer key its value, at its precedence level. */
export interface SpringSetting {
  /** The property name as written (`spring.kafka.producer.acks`). */
  name: string;
  /** The entry as the block reads it (placeholder default, SnakeYAML boolean, bound number). */
  entry: Entry;
  /** The precedence level's pattern (`spring.kafka.producer.properties.*`). */
  level: string;
}

/**
 * A producer key set at two Spring levels with different values: the lower one has no effect.
 * `above` holds every entry of the key above the shadowed one (removing them all makes it apply).
 */
export interface SpringDuplicateKeyFact extends FactBase {
  kind: 'spring-duplicate-key';
  key: string;
  /** The value as written at each level, trimmed. */
  shadowed: SpringSetting & { value: string };
  winner: SpringSetting & { value: string };
  above: Entry[];
  view: SourceView;
}

/** A key under `spring.kafka.producer` that Spring Boot does not bind, and the Kafka key it most likely means. */
export interface SpringUnboundKeyFact extends FactBase {
  kind: 'spring-unbound-key';
  source: SourceEntry;
  meant: string;
  /** The block sets `meant` elsewhere already. */
  alreadySet: boolean;
  view: SourceView;
}

/** `spring.kafka.producer.retries` holds a text Spring cannot convert to an Integer: Boot refuses to start. */
export interface SpringUnconvertibleRetriesFact extends FactBase {
  kind: 'spring-unconvertible-retries';
  /** The winning `spring.kafka.producer.retries` entry. */
  entry: Entry;
  /** Its value as read. */
  value: string;
  /** Spring Boot's exception text, exactly. */
  exception: string;
}

/**
 * The legacy `spring.profiles` in a config document where the Spring Boot release in force refuses it
 * (InvalidConfigDataPropertyException): `next-to-on-profile` for Boot 2.4 – 2.7 (refused only next to
 * `spring.config.activate.on-profile` in the same document), `anywhere` for Boot 3.0 and later.
 */
export interface SpringLegacyProfilesFact extends FactBase {
  kind: 'spring-legacy-profiles';
  source: SourceEntry;
  /** The Spring Boot release the verdict rests on, as a label (`Spring Boot 3.2.0, from pom.xml`). */
  boot: string;
  refused: 'next-to-on-profile' | 'anywhere';
  /** Spring Boot's exception text, exactly. */
  exception: string;
}

/** `spring.cloud.stream.kafka.bindings.<binding>.(producer.)transaction…`: the binder has no binding-level transaction setting. */
export interface ScsBindingTransactionKeyFact extends FactBase {
  kind: 'scs-binding-transaction-key';
  source: SourceEntry;
  binding: string;
  /** The binder is transactional (a binder-wide transaction prefix with text). */
  transactional: boolean;
  /** The binder's transaction prefix entry (the last one), when the file has one. */
  prefix?: SourceEntry;
}

/** A delivery setting written straight under `spring.cloud.stream.kafka.bindings.<binding>.producer.`: no such property. */
export interface ScsBindingProducerKeyFact extends FactBase {
  kind: 'scs-binding-producer-key';
  source: SourceEntry;
  binding: string;
  /** The unbound last element as written (`enable-idempotence`). */
  tail: string;
  /** The Kafka key it means. */
  meant: string;
  transactional: boolean;
  /** The binding's `producer.configuration` sets `meant` already. */
  bindingSetsIt: boolean;
}

/** A Kafka Streams setting in the message-channel binder's `binder.configuration` map, which drops it. */
export interface ScsStreamsKeyFact extends FactBase {
  kind: 'scs-streams-key-in-binder-configuration';
  source: SourceEntry;
  /** The entry as the block reads it. */
  entry: Entry;
  key: string;
  /** The file has the Kafka Streams binder's configuration key for it already. */
  streamsKeyWritten: boolean;
}

export type SpringFact =
  | SpringDuplicateKeyFact
  | SpringUnboundKeyFact
  | SpringUnconvertibleRetriesFact
  | SpringLegacyProfilesFact
  | ScsBindingTransactionKeyFact
  | ScsBindingProducerKeyFact
  | ScsStreamsKeyFact;

// ---------------------------------------------------------------------------------------------------------------
// SmallRye Reactive Messaging Kafka (detect/smallrye.ts; reported by rules/smallrye.ts)

/**
 * A YAML key holding dots (`enable.idempotence: true` under a channel, under `kafka:` or the connector's map, or a
 * whole name written flat): SmallRye Config's YAML source reads it as one quoted element, so the key it means is read
 * nowhere, and the producer gets the quoted key (`"enable.idempotence"`), or nothing.
 */
export interface SmallRyeDottedKeyFact extends FactBase {
  kind: 'smallrye-yaml-dotted-key';
  source: SourceEntry;
  /** The name SmallRye Config reads (`mp.messaging.outgoing.orders."enable.idempotence"`). */
  read: string;
  /** The key the producer gets, quotes included (`"enable.idempotence"`); absent when no level reads the name. */
  received?: string;
  /** The producer key the entry means. */
  meant: string;
  /** The block has `meant` from another entry. */
  alreadySet: boolean;
  view: SourceView;
}

// ---------------------------------------------------------------------------------------------------------------
// YAML values (detect/spring.ts, detect/genericMap.ts, detect/strimzi.ts → rules/yaml.ts)

/**
 * `enable.idempotence` written as a YAML 1.1 boolean word (`yes`, `off`...). `reader`: who reads the file —
 * `spring-boot` (SnakeYAML, YAML 1.1: the block holds the boolean) or `unknown` (a YAML 1.1 or a 1.2 parser:
 * the block holds no value).
 */
export interface Yaml11BooleanFact extends FactBase {
  kind: 'yaml-11-boolean';
  entry: Entry;
  /** The word as written. */
  word: string;
  /** What a YAML 1.1 parser reads. */
  value: boolean;
  reader: 'spring-boot' | 'unknown';
}

export type YamlFact = Yaml11BooleanFact;

/** Every fact a detector leaves on a block, discriminated by `kind`. */
export type BlockFact = StreamsFact | ConnectFact | SpringFact | SmallRyeDottedKeyFact | YamlFact;

/** The facts of the given kinds on a block, in the order the detector found them. */
export function factsOf<K extends BlockFact['kind']>(
  block: { facts?: BlockFact[] },
  ...kinds: K[]
): Array<Extract<BlockFact, { kind: K }>> {
  return (block.facts ?? []).filter((f): f is Extract<BlockFact, { kind: K }> => (kinds as string[]).includes(f.kind));
}

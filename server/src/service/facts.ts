/**
 * What a detector found out about a producer block, as typed data for the rules of its family
 * (`ProducerBlock.facts`): the entries involved, the values as read, the names as written, the framework's
 * exact exception text where the framework refuses. No user-facing message, no edits, no fix titles: each
 * rule builds those from the facts (rules/<family>.ts).
 */
import type { Entry } from './types';
import type { SourceEntry, SourceView } from './detect/source';

// ---------------------------------------------------------------------------------------------
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
export interface SpringDuplicateKeyFact {
  kind: 'spring-duplicate-key';
  key: string;
  /** The value as written at each level, trimmed. */
  shadowed: SpringSetting & { value: string };
  winner: SpringSetting & { value: string };
  above: Entry[];
  view: SourceView;
}

/** A key under `spring.kafka.producer` that Spring Boot does not bind, and the Kafka key it most likely means. */
export interface SpringUnboundKeyFact {
  kind: 'spring-unbound-key';
  source: SourceEntry;
  meant: string;
  /** The block sets `meant` elsewhere already. */
  alreadySet: boolean;
  view: SourceView;
}

/** `spring.kafka.producer.retries` holds a text Spring cannot convert to an Integer: Boot refuses to start. */
export interface SpringUnconvertibleRetriesFact {
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
export interface SpringLegacyProfilesFact {
  kind: 'spring-legacy-profiles';
  source: SourceEntry;
  /** The Spring Boot release the verdict rests on, as a label (`Spring Boot 3.2.0, from pom.xml`). */
  boot: string;
  refused: 'next-to-on-profile' | 'anywhere';
  /** Spring Boot's exception text, exactly. */
  exception: string;
}

/** `spring.cloud.stream.kafka.bindings.<binding>.(producer.)transaction…`: the binder has no binding-level transaction setting. */
export interface ScsBindingTransactionKeyFact {
  kind: 'scs-binding-transaction-key';
  source: SourceEntry;
  binding: string;
  /** The binder is transactional (a binder-wide transaction prefix with text). */
  transactional: boolean;
  /** The binder's transaction prefix entry (the last one), when the file has one. */
  prefix?: SourceEntry;
}

/** A delivery setting written straight under `spring.cloud.stream.kafka.bindings.<binding>.producer.`: no such property. */
export interface ScsBindingProducerKeyFact {
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
export interface ScsStreamsKeyFact {
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

// ---------------------------------------------------------------------------------------------
// YAML values (detect/spring.ts, detect/genericMap.ts, detect/strimzi.ts → rules/yaml.ts)

/**
 * `enable.idempotence` written as a YAML 1.1 boolean word (`yes`, `off`...). `reader`: who reads the file —
 * `spring-boot` (SnakeYAML, YAML 1.1: the block holds the boolean) or `unknown` (a YAML 1.1 or a 1.2 parser:
 * the block holds no value).
 */
export interface Yaml11BooleanFact {
  kind: 'yaml-11-boolean';
  entry: Entry;
  /** The word as written. */
  word: string;
  /** What a YAML 1.1 parser reads. */
  value: boolean;
  reader: 'spring-boot' | 'unknown';
}

export type YamlFact = Yaml11BooleanFact;

export type BlockFact = SpringFact | YamlFact;

/** The facts of the given kinds on a block, in the order the detector found them. */
export function factsOf<K extends BlockFact['kind']>(
  block: { facts?: BlockFact[] },
  ...kinds: K[]
): Array<Extract<BlockFact, { kind: K }>> {
  return (block.facts ?? []).filter((f): f is Extract<BlockFact, { kind: K }> => (kinds as string[]).includes(f.kind));
}

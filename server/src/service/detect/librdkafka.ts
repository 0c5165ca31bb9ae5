/**
 * A librdkafka configuration in a `.properties` file: a kcat (`kafkacat`) `-F` file, or any
 * `key=value` file that a librdkafka application feeds to `rd_kafka_conf_set()`.
 *
 * Recognised when
 * - a comment says `kafka-idempotence-client: librdkafka`, or the settings (CLI
 *   `--client librdkafka`) say so; or
 * - without a `java` marker, the file name says kcat/kafkacat/rdkafka, or the keys are
 *   evidently librdkafka's: one librdkafka-only key (`queue.buffering.max.ms`,
 *   `message.send.max.retries`, `enable.gapless.guarantee`, `queuing.strategy`,
 *   `socket.timeout.ms`...), or two of the weaker `max.in.flight` / `request.required.acks`
 *   (they are also a Java typo and the old Scala producer's name), and no key that only the
 *   Java client knows (`key.serializer`, `buffer.memory`...).
 *
 * Keys are librdkafka names; aliases resolve to the block key (`canonicalRdkKey`), while each
 * item keeps its entry so that two spellings of one property can be reported.
 * The file is read as java.util.Properties reads it (the project's parser). kcat's own reader
 * is simpler: it trims each line, skips lines that start with `#`, unescapes only `\:` and
 * `\=`, and splits at the first `=` without trimming the key — so `key = value` or `key: value`
 * lines, continuation lines and `!` comments mean something else to kcat.
 */
import type { ProducerBlock } from '../types';
import type { DetectContext } from './index';
import { makeBlock } from './block';
import { PropertiesBlockWriter } from '../formats/propertiesWriter';
import {
  RDK_CONSUMER_ONLY,
  RDK_GLOBAL_PROPERTIES,
  RDK_PRODUCER_ONLY,
  RDK_STRONG_EVIDENCE,
  RDK_TOPIC_PROPERTIES,
  RDK_WEAK_EVIDENCE,
  canonicalRdkKey,
} from '../clients/librdkafka/config';
import { PRODUCER_KEYS } from '../clients/java/config';

const isRdkName = (k: string) =>
  RDK_GLOBAL_PROPERTIES.has(k) || RDK_TOPIC_PROPERTIES.has(k) || RDK_TOPIC_PROPERTIES.has(k.replace(/^topic\./, ''));

/** Keys the Java producer knows and librdkafka does not. */
export function javaOnlyKeys(keys: Iterable<string>): string[] {
  const out: string[] = [];
  for (const k of keys) {
    // the cheap test first: most keys are neither Java producer keys nor class names
    if (!(PRODUCER_KEYS.has(k) || k.endsWith('.class') || k.endsWith('.classes'))) continue;
    if (!isRdkName(k)) out.push(k);
  }
  return [...new Set(out)];
}

export interface RdkEvidence {
  isLibrdkafka: boolean;
  reason: string;
}

export function librdkafkaEvidence(keys: string[], fileName: string): RdkEvidence {
  const base = fileName.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  const javaOnly = javaOnlyKeys(keys);
  if (javaOnly.length > 0) return { isLibrdkafka: false, reason: `it sets Java-only keys such as \`${javaOnly[0]}\`` };
  if (/kcat|kafkacat|rdkafka/.test(base)) return { isLibrdkafka: true, reason: `the file name \`${base}\` says kcat/librdkafka` };
  const strong = [...new Set(keys.filter((k) => RDK_STRONG_EVIDENCE.has(k)))];
  const weak = [...new Set(keys.filter((k) => RDK_WEAK_EVIDENCE.has(k)))];
  if (strong.length > 0 || weak.length >= 2) {
    const shown = [...strong, ...weak]
      .slice(0, 3)
      .map((k) => `\`${k}\``)
      .join(', ');
    return { isLibrdkafka: true, reason: `it sets librdkafka-only keys (${shown})` };
  }
  return { isLibrdkafka: false, reason: 'no librdkafka-only keys' };
}

export function detectLibrdkafkaProperties(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc, input, lines, forcedClient } = ctx;
  if (doc.format !== 'properties') return undefined;
  if (forcedClient === 'java') return undefined;
  const keys = doc.entries.map((e) => e.key);
  let reason: string;
  if (forcedClient === 'librdkafka') {
    reason = 'a `kafka-idempotence-client: librdkafka` marker or setting says so';
  } else {
    const ev = librdkafkaEvidence(keys, input.fileName);
    if (!ev.isLibrdkafka) return undefined;
    // a kcat file may configure a consumer: only a producer is judged
    const producer = keys.some((k) => RDK_PRODUCER_ONLY.has(k.replace(/^topic\./, '')));
    const consumer = keys.some((k) => RDK_CONSUMER_ONLY.has(k.replace(/^topic\./, '')));
    if (consumer && !producer) return [];
    reason = ev.reason;
  }
  const items = doc.entries.map((entry) => ({ key: canonicalRdkKey(entry.key), entry }));
  const base = input.fileName.replace(/\\/g, '/').split('/').pop() || 'producer';
  return [
    makeBlock(
      {
        name: base,
        dialect: 'librdkafka-properties',
        client: 'librdkafka',
        items,
        writer: new PropertiesBlockWriter(doc, items),
        evidence: `librdkafka producer config (kcat -F style): ${reason}`,
      },
      lines,
    ),
  ];
}

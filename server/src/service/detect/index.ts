/**
 * Detection: which producer configurations do the entries of a file form, in which
 * dialect, with canonical keys? Each dialect is a detector; the first that claims
 * the file wins, and plain Java-client keys are the fallback.
 */
import type { LintInput, LintSettings, ParsedDocument, ProducerBlock } from '../types';
import type { LineIndex } from '../text';
import { detectPlainProperties } from './plainJava';
import { detectLibrdkafkaProperties } from './librdkafka';
import { detectSpring, SPRING_TRIGGERS } from './spring';
import { detectGenericMaps, GENERIC_MAP_TRIGGERS } from './genericMap';
import { detectJavaScript } from './javascript';
import { detectJavaSource } from './javaSource';
import { detectStreams } from './streams';
import { detectConnect } from './connect';
import { detectSmallRye } from './smallrye';
import { detectMicronaut } from './micronaut';
import { detectStrimzi, STRIMZI_TRIGGERS } from './strimzi';
import { detectEnvironment, ENVIRONMENT_TRIGGERS } from './environment';
import { TriggerMatcher, type Trigger } from './trigger';

export interface DetectContext {
  doc: ParsedDocument;
  input: LintInput;
  settings: LintSettings;
  lines: LineIndex;
  /** Client named by a `kafka-idempotence-client: <name>` comment or the settings. */
  forcedClient?: 'java' | 'librdkafka';
}

export type Detector = (ctx: DetectContext) => ProducerBlock[] | undefined;

/**
 * Dialect detectors, most specific first: Strimzi resources and environment variables name
 * their framework outright.
 * Generic producer maps come after the named dialects (they only look at raw producer
 * keys), and the plain properties fallback after them (it claims every .properties file).
 */
export const DETECTORS: Detector[] = [
  detectStrimzi,
  detectEnvironment,
  detectSpring,
  detectStreams,
  detectConnect,
  detectSmallRye,
  detectMicronaut,
  detectLibrdkafkaProperties,
  detectGenericMaps,
  detectPlainProperties,
  detectJavaScript,
  detectJavaSource,
];

/**
 * What each detector needs to see in a YAML text before it can find anything (trigger.ts):
 * its triggers, or 'no-yaml' for a detector that never reads YAML. A detector missing here
 * turns the pre-check off (a test requires every detector to be listed).
 */
export const YAML_TRIGGERS = new Map<Detector, readonly Trigger[] | 'no-yaml'>([
  // Strimzi-schema custom resources: apiVersion kafka.strimzi.io/... or eventstreams.ibm.com/...
  [detectStrimzi, STRIMZI_TRIGGERS],
  // environment variables: SPRING_KAFKA_*, CONNECT_PRODUCER_*
  [detectEnvironment, ENVIRONMENT_TRIGGERS],
  [detectSpring, SPRING_TRIGGERS],
  // Kafka Streams: processing.guarantee, or application.id with Streams keys (Quarkus kafka-streams.* says kafka)
  [detectStreams, [{ words: ['processing', 'guarantee'] }, { words: ['application', 'id'] }, { words: ['kafka'], relaxed: true }]],
  // Kafka Connect: only producer.* / producer.override.* keys can give a finding
  [detectConnect, [{ words: ['producer'] }]],
  // Quarkus / SmallRye: mp.messaging.outgoing.<channel>.*, global kafka.*
  [detectSmallRye, [{ words: ['messaging', 'outgoing'] }, { words: ['kafka'], relaxed: true }]],
  // Micronaut: kafka.producers.<id>.*, kafka.*
  [detectMicronaut, [{ words: ['kafka'], relaxed: true }]],
  [detectLibrdkafkaProperties, 'no-yaml'],
  [detectGenericMaps, GENERIC_MAP_TRIGGERS],
  [detectPlainProperties, 'no-yaml'],
  [detectJavaScript, 'no-yaml'],
  [detectJavaSource, 'no-yaml'],
]);

/** Suppression directives and the client marker are comments naming `kafka-idempotence`. */
const DIRECTIVE_TRIGGER: Trigger = { words: ['kafka'], relaxed: true };

/**
 * False when no detector can find a producer config in this YAML text and it holds no
 * directive: linting it without parsing gives the same (empty) result.
 */
let yamlMatcher: TriggerMatcher | null | undefined;

export function yamlMayHoldProducer(text: string): boolean {
  if (yamlMatcher === undefined) {
    const all: Trigger[] = [DIRECTIVE_TRIGGER];
    for (const d of DETECTORS) {
      const t = YAML_TRIGGERS.get(d);
      if (t === undefined) {
        all.length = 0;
        break;
      }
      if (t !== 'no-yaml') all.push(...t);
    }
    yamlMatcher = all.length > 0 ? new TriggerMatcher(all) : null;
  }
  return yamlMatcher === null || yamlMatcher.test(text);
}

const CLIENT_MARKER = /kafka-idempotence-client:\s*([A-Za-z-]+)/;

export function markerClient(doc: ParsedDocument): 'java' | 'librdkafka' | undefined {
  // comments are text of the document: without the marker's words there is nothing to look for
  if (!doc.text.includes('kafka-idempotence-client:')) return undefined;
  for (const c of doc.comments) {
    const m = CLIENT_MARKER.exec(c.text);
    if (m) {
      const v = m[1].toLowerCase();
      if (v === 'java' || v === 'librdkafka') return v;
    }
  }
  return undefined;
}

export function detectBlocks(ctx: Omit<DetectContext, 'forcedClient'>): ProducerBlock[] {
  const full: DetectContext = { ...ctx, forcedClient: markerClient(ctx.doc) ?? ctx.settings.client };
  for (const d of DETECTORS) {
    const blocks = d(full);
    if (blocks) return blocks;
  }
  return [];
}

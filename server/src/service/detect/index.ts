/**
 * Detection: which producer configurations do the entries of a file form, in which
 * dialect, with canonical keys? Each dialect is a detector; the first that claims
 * the file wins, and plain Java-client keys are the fallback.
 */
import type { LintInput, LintSettings, ParsedDocument, ProducerBlock } from '../types';
import type { LineIndex } from '../text';
import { detectPlainProperties } from './plainJava';
import { detectLibrdkafkaProperties } from './librdkafka';
import { detectSpring } from './spring';
import { detectGenericMaps } from './genericMap';
import { detectJavaScript } from './javascript';
import { detectStreams } from './streams';
import { detectConnect } from './connect';
import { detectSmallRye } from './smallrye';
import { detectMicronaut } from './micronaut';

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
 * Dialect detectors, most specific first. Later issues add Streams, Connect... here.
 * Generic producer maps come after the named dialects (they only look at raw producer
 * keys), and the plain properties fallback after them (it claims every .properties file).
 */
export const DETECTORS: Detector[] = [detectSpring, detectStreams, detectConnect, detectSmallRye, detectMicronaut, detectLibrdkafkaProperties, detectGenericMaps, detectPlainProperties, detectJavaScript];

const CLIENT_MARKER = /kafka-idempotence-client:\s*([A-Za-z-]+)/;

export function markerClient(doc: ParsedDocument): 'java' | 'librdkafka' | undefined {
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

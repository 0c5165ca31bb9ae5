/** A plain Java-client producer config in a `.properties` file (`producer.properties`, `-F` files, app configs). */
import type { ProducerBlock } from '../types';
import type { DetectContext } from './index';
import { producerEvidence } from './evidence';
import { makeBlock } from './block';
import { PropertiesBlockWriter } from '../formats/propertiesWriter';

export function detectPlainProperties(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc, input, lines, forcedClient } = ctx;
  if (doc.format !== 'properties') return undefined;
  if (forcedClient === 'librdkafka') return undefined; // the librdkafka dialect handles it
  const items = doc.entries.map((entry) => ({ key: entry.key, entry }));
  const ev =
    forcedClient === 'java'
      ? { isProducer: true, reason: 'a `kafka-idempotence-client: java` marker or setting says so' }
      : producerEvidence(
          items.map((i) => i.key),
          input.fileName,
          { sharedFile: true },
        );
  if (!ev.isProducer) return [];
  const base = input.fileName.replace(/\\/g, '/').split('/').pop() || 'producer';
  return [
    makeBlock(
      {
        name: base,
        dialect: 'java',
        client: 'java',
        items,
        writer: new PropertiesBlockWriter(doc, items),
        evidence: `plain Java client (kafka-clients) producer config: ${ev.reason}`,
      },
      lines,
    ),
  ];
}

/**
 * Micronaut Kafka (`micronaut-kafka`), in `application.yml` / `application.properties`
 * (reference catalogue §5.1, "Micronaut nuance"):
 *
 * - a named producer is `kafka.producers.<id>.*` with raw Kafka keys
 *   (`@EachProperty("kafka.producers", primary = "default")`, `StringConvention.RAW`); its config is
 *   the global `kafka.*` keys merged with its own (its own win), values `toString()`-ed;
 * - one block per id. `kafka.producers.default.*` is used for clients without a named config;
 *   whether named clients inherit it is not certain (the catalogue read `KafkaProducerFactory`
 *   with medium confidence), so it is judged as its own block and not merged into the others;
 * - recognised only in `application[-<env>].{yml,yaml,properties}` with at least one known
 *   producer key directly under `kafka.producers.<id>.`;
 * - the producer's own keys reach `KafkaProducer` as written, so a misspelt idempotence key there
 *   (`kafka.producers.<id>.enable.idempotency`) is taken into the block for `unknown-idempotence-key`.
 */
import type { ProducerBlock } from '../types';
import type { DetectContext } from './index';
import { makeBlock } from './block';
import { sourceView, labelOrigins } from './source';
import { withPlaceholder } from './placeholder';
import { ChannelWriter, type Item } from './smallrye';
import { isKnownProducerKey, isMisspeltCandidate } from '../clients/java/config';

const NOT_GLOBAL = new Set(['producers', 'consumers', 'streams', 'health', 'embedded']);

export function detectMicronaut(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc, input } = ctx;
  if (doc.format !== 'properties' && doc.format !== 'yaml') return undefined;
  if (ctx.forcedClient === 'librdkafka') return undefined;
  const base = input.fileName.replace(/\\/g, '/').split('/').pop() ?? '';
  if (!/^application(-[\w.-]+)?\.(ya?ml|properties)$/i.test(base)) return undefined;
  const view = sourceView(doc);
  if (!view) return undefined;
  const text = doc.text;
  const global: Item[] = [];
  const byId = new Map<string, Item[]>();
  for (const s of view.entries) {
    if (s.head !== 'kafka') continue;
    const els = s.elements;
    if (els.length < 2) continue;
    const entry = withPlaceholder(s.entry, text, 'spring');
    if (els[1] === 'producers' && els.length > 3 && els[2] !== '') {
      const key = els.slice(3).join('.');
      // the producer's keys are handed to KafkaProducer as written (StringConvention.RAW): a misspelt one is the client's to ignore
      const known = isKnownProducerKey(key);
      if (!known && !isMisspeltCandidate(key)) continue;
      const list = byId.get(els[2]) ?? [];
      list.push({ key, entry, src: s, level: 3, ...(known ? {} : { misspelt: true }) });
      byId.set(els[2], list);
    } else if (!NOT_GLOBAL.has(els[1])) {
      const key = els.slice(1).join('.');
      if (isKnownProducerKey(key)) global.push({ key, entry, src: s, level: 1 });
    }
  }
  // a producer is recognised by a key it knows; a misspelt key alone is not evidence
  for (const [id, list] of byId) if (!list.some((i) => !i.misspelt)) byId.delete(id);
  if (byId.size === 0) return undefined;
  const blocks: ProducerBlock[] = [];
  for (const [id, own] of byId) {
    const items = [...global, ...own].sort((a, b) => a.level - b.level || a.src.order - b.src.order);
    const path = ['kafka', 'producers', id];
    const block = makeBlock(
      {
        name: `producer '${id}'`,
        dialect: 'micronaut',
        client: 'java',
        items: items.map(({ key, entry }) => ({ key, entry })),
        writer: new ChannelWriter(view.editor, items, path, undefined, view.docOf(own[own.length - 1].src.entry)),
        evidence:
          `a Micronaut Kafka producer (kafka.producers.${id}.*, raw Kafka keys) merged over the global kafka.* keys` +
          (id === 'default' ? '; kafka.producers.default is used by clients without a named config' : ''),
        anchor: own[0].src.entry.keySpan,
      },
      ctx.lines,
    );
    labelOrigins(block, items, ctx.lines);
    blocks.push(block);
  }
  return blocks;
}

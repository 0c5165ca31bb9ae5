/**
 * Hovers on librdkafka blocks: what a key means, and on the idempotence keys the effective
 * state — including what librdkafka adjusts silently because the user did not set it.
 */
import type { BlockItem, ProducerBlock, Span } from '../../types';
import type { LineIndex } from '../../text';
import { RDK, RDK_KEY_DOCS, RDK_PROPERTIES, type RdkKey } from './config';
import { describeRdkSetting, librdkafkaEffectiveConfig, librdkafkaVerdict } from './verdict';
import { MIN_ISR_NOTE, type ClientHover, type HoverResult } from '../client';

const STATE_KEYS = new Set<string>([RDK.idempotence, RDK.transactionalId, RDK.acks, RDK.retries, RDK.inFlight]);

function librdkafkaStateMarkdown(block: ProducerBlock, lines: LineIndex): string {
  const v = librdkafkaVerdict(block);
  const where = (s: { item?: BlockItem }) => (s.item ? ` (line ${lines.lineOf(s.item.entry.keySpan.start) + 1})` : '');
  const out = [
    `**${block.name}: ${v.summary}.**`,
    '',
    'librdkafka turns idempotence on only with `enable.idempotence=true`, or with `transactional.id` when `enable.idempotence` is not set.',
  ];
  for (const e of v.setErrors)
    out.push(
      '',
      `- \`${describeRdkSetting({ ...e.setting, origin: undefined })}\`${where(e.setting)}: rd_kafka_conf_set fails — "${e.message}"`,
    );
  for (const c of v.conflicts) {
    out.push(
      '',
      `- \`${describeRdkSetting({ ...c.setting, origin: undefined })}\`${where(c.setting)}: ${c.stage === 'new' ? 'rd_kafka_new' : 'rd_kafka_topic_new'} fails — "${c.message}"`,
    );
  }
  if (v.adjustments.length > 0) {
    out.push('', 'Adjusted silently because you did not set them:');
    for (const a of v.adjustments) out.push(`- \`${a.key}\` → \`${a.to}\`: ${a.why}`);
  }
  if (v.discarded.length > 0) {
    out.push(
      '',
      `Ignored: ${v.discarded.map((s) => `\`${describeRdkSetting({ ...s, origin: undefined })}\``).join(', ')} — the separate topic configuration replaces the topic properties of the global one.`,
    );
  }
  if (librdkafkaEffectiveConfig(v).find((e) => e.key === RDK.acks)?.value === 'all') out.push('', MIN_ISR_NOTE);
  out.push('', `Recognised as ${block.evidence}.`);
  return out.join('\n');
}

function librdkafkaEntryHover(block: ProducerBlock, item: BlockItem, span: Span, lines: LineIndex): HoverResult | undefined {
  const doc = (RDK_KEY_DOCS as Record<string, string>)[item.key];
  if (!doc) return undefined;
  const prop = RDK_PROPERTIES[item.key as RdkKey];
  const spelled = item.entry.key !== item.key ? ` (written \`${item.entry.key}\`)` : '';
  const head = `\`${item.key}\`${spelled} — ${doc} librdkafka default: \`${prop.default}\`${prop.property !== item.key ? `; stored as \`${prop.property}\`` : ''}.`;
  if (STATE_KEYS.has(item.key)) return { span, markdown: [head, '', librdkafkaStateMarkdown(block, lines)].join('\n') };
  return { span, markdown: [head, '', `${block.name}: ${librdkafkaVerdict(block).summary}.`].join('\n') };
}

/** On an entry of a librdkafka block, whatever wrote it (a `.properties` file, a Node binding's object). */
export const librdkafkaHover: ClientHover = {
  owns: (block) => block.client === 'librdkafka',
  atEntry: (block, item, span, ctx) => librdkafkaEntryHover(block, item, span, ctx.lines),
};

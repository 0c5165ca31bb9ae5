/**
 * Hovers on the producers of librdkafka's Node bindings (confluent-kafka-javascript, both APIs, and
 * node-rdkafka): on the call that creates one (`new Kafka.Producer`, `kafka.producer` of the KafkaJS API),
 * the librdkafka configuration after static resolution and where each value came from. Their entries get
 * librdkafka's own hovers (`clients/librdkafka/hover.ts`).
 */
import type { BlockValue, ProducerBlock } from '../../types';
import { spanContains } from '../../text';
import { jsExtra, type JsBlockExtra } from '../../detect/javascript';
import type { ClientHover, HoverResult } from '../client';

const line = (x: JsBlockExtra, offset: number) => x.model.sf.getLineAndCharacterOfPosition(offset).line + 1;

function origin(v: BlockValue): string {
  return v.injectedBy ? `${v.origin ?? `set by ${v.injectedBy}`}` : (v.origin ?? '');
}

function librdkafkaMarkdown(block: ProducerBlock, x: JsBlockExtra): string {
  const lib = block.dialect === 'node-rdkafka' ? 'node-rdkafka' : 'confluent-kafka-javascript';
  const out = [
    `**${lib} producer \`${block.name}\`: librdkafka configuration after resolution.**`,
    '',
    '| key | value | from |',
    '|---|---|---|',
  ];
  for (const v of block.values.values()) out.push(`| \`${v.key}\` | ${v.value ?? 'unknown'} | ${origin(v)} |`);
  for (const d of x.discarded)
    out.push(
      `| ~~\`${d.entry.key}\`~~ | ${d.entry.value ?? '…'} | line ${line(x, d.entry.keySpan.start)}: discarded, the topic config replaces it |`,
    );
  if (block.dialect === 'ckjs-kafkajs') {
    out.push(
      '',
      x.compat === true
        ? 'KafkaJS compatibility mode (a non-empty `kafkaJS` block): the library sets `retries` (5), `transaction.timeout.ms` (60000) and `socket.timeout.ms` (30000) unless given, and top-level librdkafka keys override the `kafkaJS` options.'
        : x.compat === false
          ? 'No `kafkaJS` block: the configuration goes to librdkafka as written.'
          : 'Whether the `kafkaJS` block is empty is not statically known.',
    );
    if (block.values.has('transactional.id'))
      out.push(
        '',
        'With `transactional.id` the producer calls `initTransactions` in `connect()` and can only send inside `producer.transaction()`.',
      );
  }
  out.push(
    '',
    "librdkafka checks the idempotence settings when `connect()` creates the client: a conflict is the error of `connect()` (the callback's error, or the rejected promise), not of the constructor.",
  );
  out.push('', `Recognised as ${block.evidence}.`);
  return out.join('\n');
}

function bindingCallSiteHover(block: ProducerBlock, offset: number): HoverResult | undefined {
  const x = jsExtra(block);
  if (!x || !spanContains(block.anchor, offset)) return undefined;
  return { span: block.anchor, markdown: librdkafkaMarkdown(block, x) };
}

/** The blocks of a Node binding: librdkafka blocks written in TS/JS. */
export const ckjsHover: ClientHover = {
  owns: (block) => block.client === 'librdkafka' && jsExtra(block) !== undefined,
  atCallSite: bindingCallSiteHover,
};

/**
 * Hovers, in one place: the entry point asks each registered client's hover module (`clients/<client>/hover.ts`,
 * the `ClientHover` interface of `clients/client.ts`) for the block under the cursor. Adding a client's
 * hovers is adding its module to `CLIENT_HOVERS`.
 */
import type { BlockItem, LintInput, LintResult, LintSettings, ProducerBlock } from './types';
import { lint } from './lint';
import { LineIndex, spanContains } from './text';
import type { ClientHover, HoverContext, HoverResult } from './clients/client';
import { javaHover } from './clients/java/hover';
import { librdkafkaHover } from './clients/librdkafka/hover';
import { ckjsHover } from './clients/ckjs/hover';
import { kafkaJsHover } from './clients/kafkajs/hover';

/** The clients with hovers of their own (@platformatic/kafka has none yet: its findings carry the client's behaviour). */
const CLIENT_HOVERS: readonly ClientHover[] = [javaHover, librdkafkaHover, ckjsHover, kafkaJsHover];

const hoversOf = (block: ProducerBlock) => CLIENT_HOVERS.filter((h) => h.owns(block));

function findItem(blocks: ProducerBlock[], offset: number): { block: ProducerBlock; item: BlockItem } | undefined {
  for (const block of blocks) {
    for (const item of block.items) {
      if (spanContains(item.entry.keySpan, offset) || spanContains(item.entry.valueSpan, offset)) return { block, item };
    }
  }
  return undefined;
}

/** The first answer of `ask` over the blocks' hover modules, in block order. */
function firstOf(blocks: ProducerBlock[], ask: (h: ClientHover, block: ProducerBlock) => HoverResult | undefined) {
  for (const block of blocks) {
    for (const h of hoversOf(block)) {
      const found = ask(h, block);
      if (found) return found;
    }
  }
  return undefined;
}

/** `linted`: the result of `lint(input, settings)` when the caller has it already (the server caches it per version). */
export function hover(input: LintInput, settings: LintSettings, offset: number, linted?: LintResult): HoverResult | undefined {
  const { blocks } = linted ?? lint(input, settings);
  const atCall = firstOf(blocks, (h, block) => h.atCallSite?.(block, offset));
  if (atCall) return atCall;
  const ctx: HoverContext = { settings, lines: new LineIndex(input.text) };
  const hit = findItem(blocks, offset);
  if (hit) {
    const { block, item } = hit;
    const span = spanContains(item.entry.keySpan, offset) ? item.entry.keySpan : item.entry.valueSpan;
    return firstOf([block], (h) => h.atEntry?.(block, item, span, ctx));
  }
  return firstOf(blocks, (h, block) => h.atProducer?.(block, offset, ctx));
}

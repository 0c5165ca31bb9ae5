import type { BlockItem, BlockValue, BlockWriter, ClientFamily, ProducerBlock, Span } from '../types';
import type { LineIndex } from '../text';

export interface BlockSpec {
  name: string;
  dialect: string;
  client: ClientFamily;
  items: BlockItem[];
  writer: BlockWriter;
  evidence: string;
  /** Values a framework sets behind the user's back; user values win unless `force`. */
  injected?: Array<{ key: string; value: string; by: string; force?: boolean }>;
  anchor?: Span;
  extra?: unknown;
}

/** Builds a block: the last item of a key wins, as in every Java config map. */
export function makeBlock(spec: BlockSpec, lines: LineIndex): ProducerBlock {
  const values = new Map<string, BlockValue>();
  for (const inj of spec.injected ?? []) {
    values.set(inj.key, { key: inj.key, value: inj.value, kind: 'string', injectedBy: inj.by, origin: `set by ${inj.by}` });
  }
  for (const item of spec.items) {
    const forced = spec.injected?.find((i) => i.key === item.key && i.force);
    if (forced) continue;
    values.set(item.key, {
      key: item.key,
      value: item.entry.value,
      kind: item.entry.kind,
      entry: item.entry,
      origin:
        item.entry.kind === 'placeholder' && item.entry.placeholder
          ? `line ${lines.lineOf(item.entry.keySpan.start) + 1}, the default of ${item.entry.placeholder}`
          : `line ${lines.lineOf(item.entry.keySpan.start) + 1}`,
    });
  }
  // With no entries (a new or comment-only file) block findings go to the end of the text,
  // where a fix adds the missing line and after which a disable-next-line directive can go.
  const end = lines.text.length;
  const anchor = spec.anchor ?? spec.items[0]?.entry.keySpan ?? { start: end, end };
  return {
    name: spec.name,
    dialect: spec.dialect,
    client: spec.client,
    values,
    items: spec.items,
    anchor,
    writer: spec.writer,
    evidence: spec.evidence,
    extra: spec.extra,
  };
}

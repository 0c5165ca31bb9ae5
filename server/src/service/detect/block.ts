import type { BlockExtra, BlockItem, BlockValue, BlockWriter, ClientFamily, Entry, ProducerBlock, Span } from '../types';
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
  extra?: BlockExtra;
}

/**
 * A value the user wrote. Its origin (`line 7`, `line 7, the default of ${ACKS:1}`) is written on
 * first read: a block holds every key of its config, and only the few a finding or hover names are read.
 * `origin` is an accessor of the class: a copy made with `{ ...value }` would lose it (no code copies
 * block values; `toJSON` keeps it in serialised results).
 */
class EntryValue implements BlockValue {
  readonly value: string | undefined;
  readonly kind: BlockValue['kind'];
  private text: string | undefined;
  constructor(
    readonly key: string,
    readonly entry: Entry,
    private readonly lines: LineIndex,
  ) {
    this.value = entry.value;
    this.kind = entry.kind;
  }

  get origin(): string {
    if (this.text === undefined) {
      const line = `line ${this.lines.lineOf(this.entry.keySpan.start) + 1}`;
      this.text = this.entry.kind === 'placeholder' && this.entry.placeholder ? `${line}, the default of ${this.entry.placeholder}` : line;
    }
    return this.text;
  }

  set origin(text: string) {
    this.text = text;
  }

  toJSON(): BlockValue {
    return { key: this.key, value: this.value, kind: this.kind, entry: this.entry, origin: this.origin };
  }
}

/** Builds a block: the last item of a key wins, as in every Java config map. */
export function makeBlock(spec: BlockSpec, lines: LineIndex): ProducerBlock {
  const values = new Map<string, BlockValue>();
  for (const inj of spec.injected ?? []) {
    values.set(inj.key, { key: inj.key, value: inj.value, kind: 'string', injectedBy: inj.by, origin: `set by ${inj.by}` });
  }
  const forced = spec.injected?.some((i) => i.force) ? new Set(spec.injected.filter((i) => i.force).map((i) => i.key)) : undefined;
  for (const item of spec.items) {
    if (forced?.has(item.key)) continue;
    values.set(item.key, new EntryValue(item.key, item.entry, lines));
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

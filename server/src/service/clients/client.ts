/**
 * What a client folder (`clients/<client>/`) gives the rest of the service besides its key table and its
 * verdict: its hovers, asked by `hover.ts`, and the effective state of its blocks, asked by `effective.ts`.
 * Each of the two keeps the list of the clients it asks; adding a client is adding its folder and
 * registering it there. The text every client's hover and effective state share lives here too.
 */
import type { BlockItem, LintSettings, ProducerBlock, Span } from '../types';
import type { LineIndex } from '../text';
import type { EffectiveProducer } from '../effective';

/** A hover: Markdown, and the span it is for. */
export interface HoverResult {
  markdown: string;
  span: Span;
}

/** What a client's hover may need besides its block. */
export interface HoverContext {
  /** The file's settings (a block of its own version: `blockSettings(block, settings)`). */
  settings: LintSettings;
  lines: LineIndex;
}

/**
 * A client's hovers. `hover.ts` asks, in this order, and the first answer wins: `atCallSite` of every
 * block; then, when an entry is under the cursor, `atEntry` of that entry's block; otherwise
 * `atProducer` of every block. Each is asked only for blocks the client `owns`.
 */
export interface ClientHover {
  /** Whether a block's hovers are this client's to give. */
  owns(block: ProducerBlock): boolean;
  /** On producer code (a TS/JS call site and the options it explains); comes before the entries. */
  atCallSite?(block: ProducerBlock, offset: number): HoverResult | undefined;
  /** On one entry of the block: its key or its value (`span`, the one under the cursor). */
  atEntry?(block: ProducerBlock, item: BlockItem, span: Span, ctx: HoverContext): HoverResult | undefined;
  /** On the producer itself when no entry is under the cursor (a `new KafkaProducer` in Java source). */
  atProducer?(block: ProducerBlock, offset: number, ctx: HoverContext): HoverResult | undefined;
}

/** A client's part of a block's effective state; `effective.ts` adds what every block has (name, dialect, anchor, evidence). */
export type EffectivePart = Omit<
  EffectiveProducer,
  'anchor' | 'line' | 'name' | 'dialect' | 'dialectLabel' | 'client' | 'profile' | 'evidence' | 'index'
>;

/** A client's effective state of its blocks. `effective.ts` asks the first registered client that `owns` the block. */
export interface ClientEffective {
  /** Whether a block's effective state is this client's to give. */
  owns(block: ProducerBlock): boolean;
  /** The block's state and effective configuration, or undefined when the client cannot tell (no call site). */
  effective(block: ProducerBlock, settings: LintSettings, lines: LineIndex): EffectivePart | undefined;
}

/**
 * What users miss about `acks=all`: it waits for the partition's in-sync replicas, and how many those must
 * be is the topic's (or the broker's) `min.insync.replicas`, whose broker default is 1.
 */
export const MIN_ISR_NOTE =
  "`acks=all` is only as strong as the topic's `min.insync.replicas`: the leader acknowledges once every replica *currently in sync* has the batch, and with `min.insync.replicas=1` (the broker default) that can be the leader alone — a leader failover can then still lose acknowledged records. Set `min.insync.replicas=2` (with replication factor 3) on the topic or the broker; the producer configuration cannot show it.";

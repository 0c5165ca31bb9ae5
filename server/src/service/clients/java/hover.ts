/**
 * Hovers on Java client blocks: what a producer key means for idempotence, and on `enable.idempotence`
 * (and on a `new KafkaProducer` in Java source) the effective state of the block for the configured
 * client version.
 */
import type { BlockItem, LintSettings, ProducerBlock, Span } from '../../types';
import { blockSettings } from '../../types';
import { effectiveJavaConfig, evaluateJava } from './verdict';
import { K, javaTrim } from './config';
import { LATEST_KAFKA_CLIENTS, parseVersion, versionLabel } from '../../version';
import { spanContains, type LineIndex } from '../../text';
import { MIN_ISR_NOTE, type ClientHover, type HoverContext, type HoverResult } from '../client';

export const KEY_DOCS: Record<string, string> = {
  [K.idempotence]:
    "Turns on the idempotent producer: the broker de-duplicates the client's own retries per partition and keeps their order.",
  [K.acks]:
    "How many replicas must have a batch before the leader answers. Idempotence needs `all` (`-1`): with `0` or `1` a retry after a lost acknowledgement can write the batch twice, and a leader failover can lose acknowledged records. `all` means every replica currently in sync, so it is only as strong as the topic's `min.insync.replicas` (broker default 1: the leader alone can be enough).",
  [K.retries]:
    'How often a failed batch is resent. Idempotence needs retries above 0 — the de-duplication exists to make retries safe. The client recommends leaving it unset (2147483647) and bounding delivery with `delivery.timeout.ms`.',
  [K.inFlight]:
    'Unacknowledged requests per broker connection. With idempotence it must be at most 5, because the broker remembers only the last 5 batches of each producer per partition; within that window order is kept for any value 1–5.',
  [K.transactionalId]:
    'Makes the producer transactional. A stable id lets the broker fence zombie instances (the epoch is bumped at `initTransactions()`), and it requires idempotence.',
  [K.deliveryTimeout]:
    'Upper bound on the time to report a send as successful or failed, retries included. Must be at least `linger.ms + request.timeout.ms`; the broker should keep producer state (`producer.id.expiration.ms`) at least this long.',
  [K.linger]: 'How long a batch waits for more records. Counts towards `delivery.timeout.ms` (default 0 before 4.0, 5 ms since).',
  [K.requestTimeout]: 'How long the client waits for one request. Counts towards `delivery.timeout.ms`.',
  [K.transactionTimeout]:
    "How long the coordinator waits before aborting an open transaction. Must not exceed the broker's `transaction.max.timeout.ms`.",
};

export const IDEMPOTENCE_EXPLAINED = [
  '**How idempotence works.** At start-up the producer asks the broker for a *producer id* (PID) and an *epoch* (`InitProducerId`). Every batch carries (PID, epoch, base sequence); sequence numbers count per partition from 0. The partition leader accepts a batch only when its first sequence follows the last one it stored.',
  '**Why in-flight ≤ 5.** For each producer and partition the leader keeps the metadata of its last **5** batches. A retried batch that matches one of them is acknowledged again without being written twice. With more than 5 requests outstanding, a retry could refer to a batch that is no longer remembered.',
  '**Ordering.** With idempotence, order within a partition holds for any in-flight value up to 5 (the client re-sequences after a failure). Without it, retries with more than one request in flight can reorder records.',
  "**What it does not cover.** Only the client's own retries within one producer session are de-duplicated. Calling `send()` again, a framework re-send, or a restarted producer gets new sequence numbers and is *not* de-duplicated. Atomic writes across partitions and sessions need `transactional.id` and transactions, read with `isolation.level=read_committed`.",
].join('\n\n');

/**
 * Catalogue §1.5: when the client version is not configured the block is judged as the latest
 * line; where idempotence rests on the default, say that older lines differ.
 */
function versionCaveat(v: ReturnType<typeof evaluateJava>, settings: LintSettings): string | undefined {
  const t = settings.kafkaClientsVersion.trim();
  const unset = !settings.kafkaClientsVersionSource && (t === 'latest' || t === 'auto' || !parseVersion(settings.kafkaClientsVersion));
  if (!unset || v.explicit || v.transactionalId) return undefined;
  const note = settings.kafkaClientsVersionNote ? ` No version was detected: ${settings.kafkaClientsVersionNote}.` : '';
  return `The client version is not configured.${note} Before 3.0, and in 3.0.0 and 3.1.0 (KAFKA-13598), idempotence is off unless \`enable.idempotence=true\` or \`transactional.id\` is set; set \`kafkaIdempotence.kafkaClientsVersion\` to judge for your version.`;
}

function effectiveStateMarkdown(block: ProducerBlock, settings: LintSettings, lines: LineIndex): string {
  const version = parseVersion(settings.kafkaClientsVersion) ?? { ...LATEST_KAFKA_CLIENTS };
  const v = evaluateJava(block, version);
  const state = v.summary.replace(/\(line (\d+)\)/g, 'on line $1');
  const source = settings.kafkaClientsVersionSource
    ? ` (from ${settings.kafkaClientsVersionSource})`
    : ' (setting `kafkaIdempotence.kafkaClientsVersion`)';
  const out = [`**Idempotence in ${block.name}: ${state}.**`, '', `Judged for ${versionLabel(version)}${source}. ${v.requestedReason}.`];
  if (version.major === 3 && (version.minor === 0 || version.minor === 1) && version.patch === 0) {
    out.push(
      '',
      'kafka-clients 3.0.0 and 3.1.0 declare `enable.idempotence=true` but never apply that default (KAFKA-13598): idempotence is on only when set explicitly or with `transactional.id`.',
    );
  } else {
    const caveat = versionCaveat(v, settings);
    if (caveat) out.push('', caveat);
  }
  for (const c of v.conflicts) {
    const where = c.setting.entry ? ` (line ${lines.lineOf(c.setting.entry.keySpan.start) + 1})` : '';
    out.push(
      '',
      c.consequence === 'throws'
        ? `- \`${c.setting.key}=${javaTrim(c.setting.value ?? '')}\`${where}: the client refuses to start — "${c.clientMessage}"`
        : `- \`${c.setting.key}=${javaTrim(c.setting.value ?? '')}\`${where}: silently disables idempotence — ${c.logLevel} "${c.clientMessage}"`,
    );
  }
  if (v.transactionFailure) out.push('', `- transactional.id: the client refuses to start — "${v.transactionFailure.message}"`);
  if (effectiveJavaConfig(block, version, v).acks === '-1') out.push('', MIN_ISR_NOTE);
  out.push('', `Recognised as ${block.evidence}.`);
  return out.join('\n');
}

/** On an entry: the key's meaning; on `enable.idempotence` the effective state and how idempotence works. */
function javaEntryHover(block: ProducerBlock, item: BlockItem, span: Span, ctx: HoverContext): HoverResult | undefined {
  const settings = blockSettings(block, ctx.settings);
  const doc = KEY_DOCS[item.key];
  if (item.key === K.idempotence) {
    return {
      span,
      markdown: [
        `\`${item.key}\` — ${doc}`,
        '',
        effectiveStateMarkdown(block, settings, ctx.lines),
        '',
        '---',
        '',
        IDEMPOTENCE_EXPLAINED,
      ].join('\n'),
    };
  }
  if (!doc) return undefined;
  const version = parseVersion(settings.kafkaClientsVersion) ?? { ...LATEST_KAFKA_CLIENTS };
  const v = evaluateJava(block, version);
  const caveat = versionCaveat(v, settings);
  return {
    span,
    markdown: [
      `\`${item.key}\` — ${doc}`,
      '',
      `Idempotence in ${block.name} (${versionLabel(version)}${settings.kafkaClientsVersionSource ? `, from ${settings.kafkaClientsVersionSource}` : ''}): ${v.summary}.`,
      ...(caveat ? ['', caveat] : []),
    ].join('\n'),
  };
}

/** Java source: the producer itself (`new KafkaProducer`, `new DefaultKafkaProducerFactory`) shows the effective state. */
function javaProducerHover(block: ProducerBlock, offset: number, ctx: HoverContext): HoverResult | undefined {
  if (block.dialect !== 'java-source' || !spanContains(block.anchor, offset)) return undefined;
  const s = blockSettings(block, ctx.settings);
  return {
    span: block.anchor,
    markdown: [effectiveStateMarkdown(block, s, ctx.lines), '', '---', '', IDEMPOTENCE_EXPLAINED].join('\n'),
  };
}

export const javaHover: ClientHover = {
  owns: (block) => block.client === 'java',
  atEntry: javaEntryHover,
  atProducer: javaProducerHover,
};

/**
 * The effective state of a KafkaJS producer (plain or under NestJS): the state the producer starts in, what
 * its sends and transactions do, and every idempotence-relevant option with its final value and origin, read
 * from `kafkaJsEffectiveConfig`.
 */
import type { LintSettings, ProducerBlock } from '../../types';
import type { LineIndex } from '../../text';
import type { EffectiveSetting, ProducerState } from '../../effective';
import { kafkaJsEffectiveConfig, kafkaJsVerdict, KJS_MSG, type KafkaJsVerdict } from './verdict';
import { envNames } from '../../formats/jsStatic';
import { MIN_ISR_NOTE, type ClientEffective, type EffectivePart } from '../client';

function kafkaJsProducer(block: ProducerBlock, lines: LineIndex): EffectivePart | undefined {
  const v: KafkaJsVerdict | undefined = kafkaJsVerdict(block);
  if (!v) return undefined;
  const library = block.dialect === 'nestjs-kafka' ? 'KafkaJS (NestJS)' : 'KafkaJS';
  const rejected = v.sends.find((s) => s.rejects === true);
  const noTxnId = v.transactions.find((t) => t.rejects === true);
  let state: ProducerState;
  let label: string;
  const lineAt = (offset: number) => lines.lineOf(offset) + 1;
  if (v.throwsAtProducer) {
    state = 'fails';
    label = `KafkaJS: producer() throws: retries must be at least 1 with idempotent`;
  } else if (rejected) {
    state = 'fails';
    label = `KafkaJS rejects ${rejected.send.method}() on line ${lineAt(rejected.send.node.getStart(v.site.callee.getSourceFile()))}: acks must be -1`;
  } else if (noTxnId) {
    state = 'fails';
    label = `KafkaJS rejects transaction(): no transactionalId`;
  } else if (v.idempotentOn === true) {
    state = 'idempotent';
    label = 'KafkaJS: idempotent producer';
  } else if (v.idempotentOn === false) {
    state = 'not-idempotent';
    label =
      v.idempotent.state === 'present'
        ? `KafkaJS: idempotence off (idempotent: ${String(v.idempotent.v)})`
        : 'KafkaJS: idempotence off (default)';
  } else {
    state = 'unknown';
    label = 'KafkaJS: idempotence unknown (not known statically)';
  }
  const settings: EffectiveSetting[] = kafkaJsEffectiveConfig(v).map((e) => {
    const line = e.offset !== undefined ? lineAt(e.offset) : undefined;
    if (e.source === 'default')
      return { key: e.option, value: e.value, origin: 'default', from: 'KafkaJS default', ...(e.note ? { note: e.note } : {}) };
    if (e.source === 'unknown')
      return {
        key: e.option,
        value: undefined,
        origin: 'unknown',
        from: line ? `line ${line}, not known statically` : 'an expression this file does not settle',
        ...(line ? { line } : {}),
      };
    const where = `line ${line}${e.source === 'client' ? (block.dialect === 'nestjs-kafka' ? ', options.client' : ', new Kafka()') : ''}${e.unlessSet ? `, unless ${envNames(e.unlessSet)} is set` : ''}`;
    return { key: e.option, value: e.value, origin: 'line', from: where, ...(line ? { line } : {}), ...(e.note ? { note: e.note } : {}) };
  });
  const events: string[] = [];
  if (v.throwsAtProducer) events.push(`kafka.producer() throws: "${KJS_MSG.retriesZero}"`);
  else if (v.warnsLimitedRetries) events.push(`Logs a warning: "${KJS_MSG.retriesLimited}"`);
  for (const s of v.sends)
    if (s.rejects === true)
      events.push(`${s.send.method}() on line ${lineAt(s.send.node.getStart(v.site.callee.getSourceFile()))} rejects: "${KJS_MSG.acks}"`);
  for (const t of v.transactions)
    if (t.rejects === true)
      events.push(`transaction() on line ${lineAt(t.node.getStart(v.site.callee.getSourceFile()))} rejects: "${KJS_MSG.transactionalId}"`);
  const notes: string[] = [];
  if (v.idempotentOn === true || v.sends.some((s) => s.acks.state === 'absent' || (s.acks.state === 'present' && s.acks.v === -1)))
    notes.push(MIN_ISR_NOTE);
  const summary =
    v.idempotentOn === true
      ? 'Idempotent: `idempotent: true` is set.'
      : v.idempotentOn === false
        ? 'Not idempotent: KafkaJS producers are idempotent only with `idempotent: true`.'
        : 'Whether the producer is idempotent is not known statically.';
  return { library, state, headline: label, label, summary, settings, events, notes };
}

export const kafkaJsEffective: ClientEffective = {
  owns: (block) => block.client === 'kafkajs',
  effective: (block: ProducerBlock, _settings: LintSettings, lines: LineIndex) => kafkaJsProducer(block, lines),
};

/**
 * The effective state of a librdkafka block (a `.properties` file for kcat, a Node binding's configuration):
 * the state the producer starts in and every idempotence-relevant property with its final value and origin,
 * read from `librdkafkaEffectiveConfig` (librdkafka's defaults and the adjustments `rd_kafka_new` makes).
 */
import type { LintSettings, ProducerBlock } from '../../types';
import type { LineIndex } from '../../text';
import type { EffectiveSetting, ProducerState } from '../../effective';
import { describeRdkSetting, librdkafkaEffectiveConfig, librdkafkaVerdict, type LibrdkafkaVerdict, type RdkSetting } from './verdict';
import { RDK } from './config';
import { MIN_ISR_NOTE, type ClientEffective, type EffectivePart } from '../client';

function rdkLibrary(block: ProducerBlock): string {
  switch (block.dialect) {
    case 'node-rdkafka':
      return 'node-rdkafka (librdkafka)';
    case 'ckjs-rdkafka':
    case 'ckjs-kafkajs':
      return 'confluent-kafka-javascript (librdkafka)';
    default:
      return 'librdkafka';
  }
}

function rdkFrom(s: RdkSetting | undefined, lines: LineIndex): { from: string; line?: number } {
  if (!s) return { from: 'librdkafka' };
  const line = s.item ? lines.lineOf(s.item.entry.keySpan.start) + 1 : undefined;
  const where = [s.origin ?? (line ? `line ${line}` : undefined), s.unless].filter((x) => x !== undefined).join(', ');
  return { from: where || 'this file', ...(line ? { line } : {}) };
}

/** `enable.idempotence=true, line 3` for labels. */
function rdkShort(s: RdkSetting, lines: LineIndex): string {
  const line = rdkFrom(s, lines).line;
  return `${s.spelling ?? s.key}=${s.raw ?? '…'}${line ? `, line ${line}` : ''}`;
}

/** `acks must be all` from librdkafka's error string (`` `acks` must be set to `all` when … ``). */
function rdkReason(message: string): string {
  return message
    .replace(/`/g, '')
    .replace(/ when enable\.idempotence is true$/, '')
    .replace(/must be set (to )?/, 'must be ');
}

function librdkafkaProducer(block: ProducerBlock, lines: LineIndex): EffectivePart {
  const v: LibrdkafkaVerdict = librdkafkaVerdict(block);
  const library = rdkLibrary(block);
  const lib = library.replace(/ \(librdkafka\)$/, '');
  let state: ProducerState;
  let label: string;
  const fatal = v.setErrors[0]?.message ?? v.conflicts.find((c) => c.stage === 'new')?.message;
  const topic = v.conflicts.find((c) => c.stage === 'topic');
  const idem = librdkafkaEffectiveConfig(v).find((e) => e.key === RDK.idempotence)!;
  if (fatal !== undefined) {
    state = 'fails';
    label = `${lib}: producer will not start: ${rdkReason(fatal)}`;
  } else if (topic) {
    state = 'fails';
    label = `${lib}: every topic of this producer is refused: ${rdkReason(topic.message)}`;
  } else if (v.idempotence === undefined) {
    state = 'unknown';
    label = `${lib}: idempotence unknown (depends on values not known statically)`;
  } else if (v.idempotence) {
    state = 'idempotent';
    label = `${lib}: idempotent producer (${idem.source === 'implied' ? 'transactional.id' : idem.setting ? rdkShort(idem.setting, lines) : 'enable.idempotence=true'})`;
  } else {
    state = 'not-idempotent';
    label = `${lib}: idempotence off (${idem.setting ? rdkShort(idem.setting, lines) : 'default'})`;
  }
  const settings: EffectiveSetting[] = librdkafkaEffectiveConfig(v).map((e) => {
    const base = { key: e.key, value: e.key === RDK.transactionalId && e.value === '' ? 'not set' : e.value };
    const discarded = e.discarded
      ? `${rdkShort(e.discarded, lines).replace(/, (line \d+)$/, ' ($1)')} is replaced by the separate topic configuration`
      : undefined;
    switch (e.source) {
      case 'set': {
        const f = rdkFrom(e.setting, lines);
        const framework = e.setting?.value?.injectedBy && !e.setting.item;
        return {
          ...base,
          origin: framework ? 'framework' : e.value === undefined ? 'unknown' : 'line',
          ...f,
          ...(e.setting?.spelling && e.setting.spelling !== e.key ? { note: `written as ${e.setting.spelling}` } : {}),
        } satisfies EffectiveSetting;
      }
      case 'adjusted':
        return {
          ...base,
          origin: e.value === undefined ? 'unknown' : 'client',
          from: 'adjusted by librdkafka',
          note: [e.why, discarded].filter(Boolean).join('; '),
        } satisfies EffectiveSetting;
      case 'implied':
        return {
          ...base,
          origin: 'client',
          from: 'turned on by transactional.id',
          ...(e.why ? { note: e.why } : {}),
        } satisfies EffectiveSetting;
      default:
        return {
          ...base,
          origin: e.value === undefined ? 'unknown' : 'default',
          from: 'librdkafka default',
          ...(e.why || discarded ? { note: [e.why, discarded].filter(Boolean).join('; ') } : {}),
        } satisfies EffectiveSetting;
    }
  });
  const events: string[] = [];
  for (const e of v.setErrors) events.push(`rd_kafka_conf_set fails: "${e.message}" (${describeRdkSetting(e.setting)})`);
  for (const c of v.conflicts)
    events.push(`${c.stage === 'new' ? 'rd_kafka_new' : 'rd_kafka_topic_new'} fails: "${c.message}" (${describeRdkSetting(c.setting)})`);
  const notes: string[] = [];
  const acks = settings.find((s) => s.key === RDK.acks);
  if (acks?.value === 'all') notes.push(MIN_ISR_NOTE);
  if (block.dialect === 'ckjs-rdkafka' || block.dialect === 'ckjs-kafkajs' || block.dialect === 'node-rdkafka') {
    notes.push(
      'librdkafka checks the configuration when `connect()` creates the client: a conflict is the error of `connect()`, not of the constructor.',
    );
  }
  return {
    library,
    state,
    headline: label,
    label,
    summary: `${v.summary.replace(/^idempotence/, 'Idempotence')}.`,
    settings,
    events,
    notes,
  };
}

export const librdkafkaEffective: ClientEffective = {
  owns: (block) => block.client === 'librdkafka',
  effective: (block: ProducerBlock, _settings: LintSettings, lines: LineIndex) => librdkafkaProducer(block, lines),
};

/**
 * The effective state of a librdkafka block (a `.properties` file for kcat, a Node binding's configuration):
 * the state the producer starts in and every idempotence-relevant property with its final value and origin,
 * read from `librdkafkaEffectiveConfig` (librdkafka's defaults and the adjustments `rd_kafka_new` makes).
 */
import type { LintSettings, ProducerBlock } from '../../types';
import type { LineIndex } from '../../text';
import type { EffectiveSetting, ProducerState } from '../../effective';
import {
  describeRdkSetting,
  librdkafkaEffectiveConfig,
  librdkafkaVerdict,
  type LibrdkafkaVerdict,
  type RdkEffectiveSetting,
  type RdkSetting,
} from './verdict';
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

/** The state and its one-line label: refused (by rd_kafka_conf_set, rd_kafka_new or for every topic), unknown, on or off. */
function rdkState(v: LibrdkafkaVerdict, lib: string, lines: LineIndex): { state: ProducerState; label: string } {
  const fatal = v.setErrors[0]?.message ?? v.conflicts.find((c) => c.stage === 'new')?.message;
  if (fatal !== undefined) return { state: 'fails', label: `${lib}: producer will not start: ${rdkReason(fatal)}` };
  const topic = v.conflicts.find((c) => c.stage === 'topic');
  if (topic) return { state: 'fails', label: `${lib}: every topic of this producer is refused: ${rdkReason(topic.message)}` };
  if (v.idempotence === undefined)
    return { state: 'unknown', label: `${lib}: idempotence unknown (depends on values not known statically)` };
  const idem = librdkafkaEffectiveConfig(v).find((e) => e.key === RDK.idempotence)!;
  if (v.idempotence)
    return {
      state: 'idempotent',
      label: `${lib}: idempotent producer (${idem.source === 'implied' ? 'transactional.id' : idem.setting ? rdkShort(idem.setting, lines) : 'enable.idempotence=true'})`,
    };
  return { state: 'not-idempotent', label: `${lib}: idempotence off (${idem.setting ? rdkShort(idem.setting, lines) : 'default'})` };
}

/** One row of the effective configuration: set, adjusted by librdkafka, implied by transactional.id, or the default. */
function rdkSetting(e: RdkEffectiveSetting, lines: LineIndex): EffectiveSetting {
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
      };
    }
    case 'adjusted':
      return {
        ...base,
        origin: e.value === undefined ? 'unknown' : 'client',
        from: 'adjusted by librdkafka',
        note: [e.why, discarded].filter(Boolean).join('; '),
      };
    case 'implied':
      return {
        ...base,
        origin: 'client',
        from: 'turned on by transactional.id',
        ...(e.why ? { note: e.why } : {}),
      };
    default:
      return {
        ...base,
        origin: e.value === undefined ? 'unknown' : 'default',
        from: 'librdkafka default',
        ...(e.why || discarded ? { note: [e.why, discarded].filter(Boolean).join('; ') } : {}),
      };
  }
}

function librdkafkaProducer(block: ProducerBlock, lines: LineIndex): EffectivePart {
  const v: LibrdkafkaVerdict = librdkafkaVerdict(block);
  const library = rdkLibrary(block);
  const lib = library.replace(/ \(librdkafka\)$/, '');
  const { state, label } = rdkState(v, lib, lines);
  const settings = librdkafkaEffectiveConfig(v).map((e) => rdkSetting(e, lines));
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

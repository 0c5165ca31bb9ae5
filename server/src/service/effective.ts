/**
 * The effective producer at a glance: per producer block, the state it runs in for the client version in
 * force (one line, for a code lens, a tree item or a report row) and its effective configuration — every
 * idempotence-relevant setting with its final value and where that value came from (a line of this file, a
 * profile, a framework injection, the client's default for this version, an adjustment the client makes).
 *
 * Nothing here judges a configuration again: the Java client's state comes from `effectiveJavaConfig`
 * (held to the real kafka-clients by the oracle suite), librdkafka's from `librdkafkaEffectiveConfig`,
 * KafkaJS's from `kafkaJsEffectiveConfig`, each derived from its verdict. Pure: blocks and settings in.
 */
import {
  type BlockValue,
  type ClientFamily,
  type Entry,
  type LintResult,
  type LintSettings,
  type ProducerBlock,
  type Span,
  type Version,
  yamlMeta,
} from './types';
import { blockSettings } from './types';
import { LineIndex } from './text';
import { K, javaDefaults, javaTrim } from './clients/java/config';
import { LATEST_KAFKA_CLIENTS, hasIdempotenceDefaultBug as hasBug, parseVersion, versionLabel } from './version';
import {
  describeSetting,
  effectiveJavaConfig,
  evaluateJava,
  type JavaEffectiveConfig,
  type JavaRefusal,
  type JavaVerdict,
} from './clients/java/verdict';
import {
  describeRdkSetting,
  librdkafkaEffectiveConfig,
  librdkafkaVerdict,
  type LibrdkafkaVerdict,
  type RdkSetting,
} from './clients/librdkafka/verdict';
import { kafkaJsEffectiveConfig, kafkaJsVerdict, KJS_MSG, type KafkaJsVerdict } from './clients/kafkajs/verdict';
import { envNames } from './formats/jsStatic';
import { RDK } from './clients/librdkafka/config';
import { MIN_ISR_NOTE } from './clients/client';

/**
 * - idempotent: the producer starts idempotent;
 * - silently-disabled: the client asked for idempotence by default and turned it off (kafka-clients 3.0.1+);
 * - not-idempotent: off by choice or by the client's default;
 * - fails: the client refuses the configuration (the producer, its topics, or its sends);
 * - unknown: a value that decides it is not known statically.
 */
export type ProducerState = 'idempotent' | 'silently-disabled' | 'not-idempotent' | 'fails' | 'unknown';

/** Where an effective value comes from. */
export type OriginKind =
  /** a line of this file */
  | 'line'
  /** a line of this file that only a profile applies */
  | 'profile'
  /** a framework or binding put it there (Spring's transaction prefix, the binder's required-acks...) */
  | 'framework'
  /** the client's default for this version */
  | 'default'
  /** the client changed it while starting (a silent downgrade, librdkafka's adjustments) */
  | 'client'
  /** not known statically */
  | 'unknown';

export interface EffectiveSetting {
  key: string;
  /** The final value, as the client holds it; undefined when it is not known statically. */
  value: string | undefined;
  origin: OriginKind;
  /** Where it came from, in words: `line 5`, `set by Spring Kafka (transaction-id-prefix)`, `default of kafka-clients 4.1`. */
  from: string;
  /** 1-based line of this file, when a line of it gave the value. */
  line?: number;
  /** What else to know about it (a written value the client replaced, a profile). */
  note?: string;
}

export interface EffectiveProducer {
  /** The block's index in the lint result. */
  index: number;
  name: string;
  dialect: string;
  /** The dialect in words: `Spring Boot`, `plain Java client config`, `KafkaJS`. */
  dialectLabel: string;
  client: ClientFamily;
  /** The client library and its version: `kafka-clients 4.1.0`, `kafka-clients 4.x (latest)`, `librdkafka`, `KafkaJS`. */
  library: string;
  /** Where the client version came from, in a few words (`pom.xml`, `Spring Boot 3.5.7 in pom.xml`), when it was not simply assumed. */
  versionFrom?: string;
  /** Where the client version came from, in full (`/repo/pom.xml:42 (org.apache.kafka:kafka-clients 4.1.0)`). */
  versionSource?: string;
  state: ProducerState;
  /** One line: `Idempotent producer · kafka-clients 4.1 (pom.xml)`, `Idempotence OFF: silently disabled by acks=1 (line 5) · kafka-clients 3.9 (pom.xml)`. */
  label: string;
  /** The label without the client version (`Idempotent producer`), for a report that shows the version apart. */
  headline: string;
  /** One sentence: why the producer is in that state. */
  summary: string;
  /** Where the block starts (its first line: the block's anchor). */
  anchor: Span;
  /** 0-based line of the anchor. */
  line: number;
  settings: EffectiveSetting[];
  /** What the client does when it starts: the exceptions it throws, the lines it logs, in its order. */
  events: string[];
  /** Facts worth knowing about this producer (durability, the version caveat). */
  notes: string[];
  profile?: string;
  /** Why the block was recognised. */
  evidence: string;
}

const DIALECT_LABELS: Record<string, string> = {
  java: 'plain Java client config',
  'spring-boot': 'Spring Boot',
  'spring-cloud-stream': 'Spring Cloud Stream Kafka binder',
  'kafka-streams': 'Kafka Streams',
  'kafka-connect': 'Kafka Connect',
  'smallrye-kafka': 'Quarkus / SmallRye Kafka connector',
  micronaut: 'Micronaut',
  'strimzi-bridge': 'Strimzi Kafka Bridge',
  'librdkafka-properties': 'librdkafka config (kcat -F)',
  kafkajs: 'KafkaJS',
  'nestjs-kafka': 'NestJS Kafka transport (KafkaJS)',
  'ckjs-kafkajs': 'confluent-kafka-javascript (KafkaJS API)',
  'ckjs-rdkafka': 'confluent-kafka-javascript',
  'node-rdkafka': 'node-rdkafka',
  'platformatic-kafka': '@platformatic/kafka',
};

export const dialectLabel = (dialect: string) => DIALECT_LABELS[dialect] ?? dialect;

/** The version a block is judged with, as lint() settles it. */
export function blockVersion(block: ProducerBlock, settings: LintSettings): { version: Version; settings: LintSettings } {
  const s = blockSettings(block, settings);
  const version = parseVersion(s.kafkaClientsVersion) ?? { ...LATEST_KAFKA_CLIENTS };
  if (!block.clientVersion && s.kafkaClientsVersionVia && version.label !== 'latest') version.from = s.kafkaClientsVersionVia;
  return { version, settings: s };
}

/** `pom.xml` from `/repo/app/pom.xml:42 (org.apache.kafka:kafka-clients 3.9.0)`, or the source as it is. */
function shortSource(source: string): string {
  const head = beforeParen(source);
  const slash = Math.max(head.lastIndexOf('/'), head.lastIndexOf('\\'));
  return slash < 0 ? source : head.slice(slash + 1).replace(/:\d+$/, '');
}

/** The text before its first ` (`. */
function beforeParen(text: string): string {
  const i = text.indexOf(' (');
  return i < 0 ? text : text.slice(0, i);
}

function javaLibrary(version: Version, s: LintSettings, own: boolean): { library: string; from?: string } {
  if (version.label === 'latest') return { library: versionLabel(version) };
  const library = `kafka-clients ${version.label}`;
  // the block's own version (a Strimzi resource's spec.version)
  if (own && s.kafkaClientsVersionSource) {
    const of = s.kafkaClientsVersionSource.indexOf(' of ');
    return { library, from: of < 0 ? s.kafkaClientsVersionSource : s.kafkaClientsVersionSource.slice(0, of) };
  }
  if (version.from) return { library, from: version.from };
  if (s.kafkaClientsVersionSource) return { library, from: shortSource(s.kafkaClientsVersionSource) };
  return { library, from: 'setting' };
}

/** The document part an entry is in: a YAML document, or a `.properties` section between `#---` lines. */
function partOf(entry: Entry, text: string): number {
  const doc = yamlMeta(entry)?.doc;
  if (typeof doc === 'number') return doc;
  let n = 0;
  const re = /^[#!]---[ \t]*$/gm;
  for (let m = re.exec(text); m && m.index < entry.keySpan.start; m = re.exec(text)) n++;
  return n;
}

const profileName = (p: string) => (/^(profile|cloud platform) /.test(p) || p.includes("'") ? p : `profile '${p}'`);

/** Where a written or injected value came from. */
function originOf(
  v: BlockValue,
  block: ProducerBlock,
  lines: LineIndex,
  anchorPart: number | undefined,
): Pick<EffectiveSetting, 'origin' | 'from' | 'line'> {
  if (v.injectedBy && !v.entry) return { origin: 'framework', from: v.origin ?? `set by ${v.injectedBy}` };
  if (!v.entry) return { origin: 'line', from: v.origin ?? 'this file' };
  const line = lines.lineOf(v.entry.keySpan.start) + 1;
  const from = v.origin ?? `line ${line}`;
  if (block.profile === undefined) return { origin: 'line', from, line };
  // a profile block: its own keys, or the default configuration it is merged over (Quarkus: `%profile.` keys)
  const own =
    block.dialect === 'smallrye-kafka'
      ? v.entry.key.startsWith('%')
      : anchorPart !== undefined && partOf(v.entry, lines.text) === anchorPart;
  return own
    ? { origin: 'profile', from: `${from}, ${profileName(block.profile)}`, line }
    : { origin: 'line', from: `${from}, default configuration (under ${profileName(block.profile)})`, line };
}

const javaValue = (v: BlockValue | undefined) =>
  v === undefined ? undefined : v.value === undefined || v.kind === 'unknown' ? undefined : javaTrim(v.value);
const lineOfValue = (v: { entry?: Entry }, lines: LineIndex) => (v.entry ? lines.lineOf(v.entry.keySpan.start) + 1 : undefined);

/** `acks=1 (line 5)` for labels: the line only, not the key as the framework spells it. */
function shortSetting(v: BlockValue, lines: LineIndex): string {
  const line = lineOfValue(v, lines);
  const shown = javaValue(v) ?? '…';
  return `${v.key}=${shown}${line ? ` (line ${line})` : v.injectedBy ? ` (set by ${beforeParen(v.injectedBy)})` : ''}`;
}

/** The words after "Producer will not start: " for a refusal. */
function refusalReason(r: JavaRefusal, v: JavaVerdict, dialect: string): string {
  if (r.stage === 'framework') return `${r.key.startsWith('spring.') ? 'Spring Boot' : dialectLabel(dialect)} refuses ${r.key}`;
  if (r.stage === 'parse')
    return `invalid ${r.key}${r.setting?.value !== undefined ? ` value ${JSON.stringify(javaTrim(r.setting.value))}` : ''}`;
  if (r.stage === 'constructor') return 'delivery.timeout.ms is below linger.ms + request.timeout.ms';
  if (r.key === K.transactionalId)
    return v.transactionFailure?.becauseExplicitFalse
      ? 'transactional.id needs idempotence, which is set to false'
      : 'transactional.id needs idempotence, which a conflict turns off';
  const c = v.conflicts.find((x) => x.setting.key === r.key && x.consequence === 'throws');
  switch (c?.kind) {
    case 'acks':
      return 'acks must be all';
    case 'retries':
      return 'retries must be non-zero';
    case 'in-flight':
      return `${K.inFlight} must be at most ${v.version.major === 0 ? 1 : 5}`;
    default:
      return `${r.key} is refused`;
  }
}

function javaProducer(
  block: ProducerBlock,
  index: number,
  settings: LintSettings,
  lines: LineIndex,
): Omit<EffectiveProducer, 'anchor' | 'line' | 'name' | 'dialect' | 'dialectLabel' | 'client' | 'profile' | 'evidence' | 'index'> {
  const { version, settings: s } = blockVersion(block, settings);
  const verdict = evaluateJava(block, version);
  const cfg: JavaEffectiveConfig = effectiveJavaConfig(block, version, verdict);
  const { library, from: versionFrom } = javaLibrary(version, s, block.clientVersion !== undefined);
  const d = javaDefaults(version);
  const versionText = `${library}${versionFrom ? ` (${versionFrom})` : ''}`;
  const defaultOf = `default of ${version.label === 'latest' ? versionLabel(version) : library}`;
  const anchorPart =
    block.profile !== undefined
      ? partOf(
          {
            key: '',
            value: undefined,
            kind: 'string',
            keySpan: block.anchor,
            valueSpan: block.anchor,
            entrySpan: block.anchor,
            meta: block.items.find((i) => i.entry.keySpan.start === block.anchor.start)?.entry.meta,
          },
          lines.text,
        )
      : undefined;

  let state: ProducerState;
  let label: string;
  switch (cfg.outcome) {
    case 'idempotent':
      state = 'idempotent';
      label = 'Idempotent producer';
      break;
    case 'silently-disabled': {
      state = 'silently-disabled';
      const by = verdict.conflicts.filter((c) => c.consequence === 'silent-disable').map((c) => shortSetting(c.setting, lines));
      label = `Idempotence OFF: silently disabled by ${by.join(', ')}`;
      break;
    }
    case 'non-idempotent':
      state = 'not-idempotent';
      label =
        cfg.nonIdempotentBy === 'choice'
          ? `Idempotence off: ${shortSetting(verdict.idempotence!, lines)}`
          : `Idempotence off (not on by default in ${library})`;
      break;
    case 'refuses-to-start':
      state = 'fails';
      label = `Producer will not start: ${refusalReason(cfg.refusal!, verdict, block.dialect)}`;
      break;
    default:
      state = 'unknown';
      label = `Idempotence unknown: ${verdict.summary.replace(/^unknown: /, '')}`;
  }

  const settingsOut: EffectiveSetting[] = [];
  const written = (key: string, value: string | undefined, note?: string) => {
    const v = block.values.get(key);
    if (!v) {
      settingsOut.push({ key, value, origin: 'default', from: defaultOf, ...(note ? { note } : {}) });
      return;
    }
    const o = originOf(v, block, lines, anchorPart);
    settingsOut.push({
      key,
      value,
      ...o,
      origin: value === undefined && o.origin !== 'framework' ? 'unknown' : o.origin,
      ...(note ? { note } : {}),
    });
  };
  // enable.idempotence: what the producer ends up with, and why
  const silent = verdict.conflicts.filter((c) => c.consequence === 'silent-disable');
  const idem = block.values.get(K.idempotence);
  if (silent.length > 0) {
    settingsOut.push({
      key: K.idempotence,
      value: 'false',
      origin: 'client',
      from: `turned off by the client at start-up (${silent.map((c) => describeSetting(c.setting)).join(', ')})`,
      note: `${defaultOf} is true; the client only logs ${silent.map((c) => `${c.logLevel ?? 'INFO'} "${c.clientMessage}"`).join(' and ')}`,
    });
  } else if (idem) {
    written(K.idempotence, verdict.explicitValue !== undefined ? String(verdict.explicitValue) : javaValue(idem));
  } else if ((verdict.requested && !d.idempotence) || (verdict.requested && hasBug(version))) {
    settingsOut.push({
      key: K.idempotence,
      value: 'true',
      origin: 'client',
      from: 'turned on by transactional.id',
      note: `${defaultOf} is false`,
    });
  } else {
    const bug = hasBug(version);
    settingsOut.push({
      key: K.idempotence,
      value: String(cfg.enableIdempotence ?? (!bug && d.idempotence)),
      origin: 'default',
      from: defaultOf,
      ...(bug ? { note: verdict.requestedReason } : {}),
    });
  }
  written(K.acks, cfg.acks === undefined ? undefined : cfg.acks === '-1' ? 'all' : cfg.acks);
  written(K.retries, cfg.retries === undefined ? undefined : String(cfg.retries));
  written(K.inFlight, cfg.maxInFlight === undefined ? undefined : String(cfg.maxInFlight));
  if (cfg.transactionalId === null) settingsOut.push({ key: K.transactionalId, value: 'not set', origin: 'default', from: defaultOf });
  else {
    const prefix = /transaction-?id-?prefix/i.test(block.values.get(K.transactionalId)?.entry?.key.replace(/_/g, '-') ?? '');
    written(
      K.transactionalId,
      prefix && cfg.transactionalId !== undefined ? `${cfg.transactionalId}…` : cfg.transactionalId,
      prefix ? 'a transaction-id-prefix: each producer gets the prefix followed by a number' : undefined,
    );
  }
  {
    const raised = verdict.deliveryTimeout?.consequence === 'warns';
    written(
      K.deliveryTimeout,
      cfg.deliveryTimeoutMs === undefined ? undefined : String(cfg.deliveryTimeoutMs),
      raised ? `raised by the client from ${d.deliveryTimeout} to linger.ms + request.timeout.ms` : undefined,
    );
    if (raised)
      settingsOut[settingsOut.length - 1] = {
        ...settingsOut[settingsOut.length - 1],
        origin: 'client',
        from: 'raised by the client at start-up',
      };
  }
  const plain = (key: string, def: string) => (block.values.has(key) ? javaValue(block.values.get(key)) : def);
  written(K.linger, plain(K.linger, String(d.linger)));
  written(K.requestTimeout, plain(K.requestTimeout, String(d.requestTimeout)));
  // ProducerConfig's default transaction.timeout.ms: 60000 in every version the linter models
  if (block.values.has(K.transactionTimeout) || cfg.transactionalId !== null)
    written(K.transactionTimeout, plain(K.transactionTimeout, '60000'));

  const events: string[] = [];
  for (const r of cfg.refusals)
    events.push(`${r.stage === 'framework' ? 'The framework refuses to start' : 'Refuses to start'}: "${r.message}"`);
  for (const l of cfg.logged) events.push(`Logs ${l.level} "${l.message}"`);
  const notes: string[] = [];
  if (cfg.acks === '-1') notes.push(MIN_ISR_NOTE);
  const t = s.kafkaClientsVersion.trim();
  if (
    !s.kafkaClientsVersionSource &&
    !block.clientVersion &&
    (t === 'latest' || t === 'auto') &&
    !verdict.explicit &&
    !verdict.transactionalId
  ) {
    notes.push(
      `No kafka-clients version was found${s.kafkaClientsVersionNote ? ` (${s.kafkaClientsVersionNote})` : ''}, so this is judged for the newest 4.x. Before 3.0, and in 3.0.0 and 3.1.0 (KAFKA-13598), idempotence is off unless enable.idempotence=true or transactional.id is set.`,
    );
  }
  return {
    library,
    versionFrom,
    versionSource: s.kafkaClientsVersionSource ?? block.clientVersion?.source,
    state,
    headline: label,
    label: `${label} · ${versionText}`,
    // (only "silently disabled" leaves out why idempotence was asked for)
    summary: `Idempotence: ${verdict.summary}${silent.length > 0 ? ` — ${verdict.requestedReason}` : ''}.`,
    settings: settingsOut,
    events,
    notes,
  };
}

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

function librdkafkaProducer(
  block: ProducerBlock,
  lines: LineIndex,
): Omit<EffectiveProducer, 'anchor' | 'line' | 'name' | 'dialect' | 'dialectLabel' | 'client' | 'profile' | 'evidence' | 'index'> {
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

function kafkaJsProducer(
  block: ProducerBlock,
  lines: LineIndex,
):
  | Omit<EffectiveProducer, 'anchor' | 'line' | 'name' | 'dialect' | 'dialectLabel' | 'client' | 'profile' | 'evidence' | 'index'>
  | undefined {
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

/** The effective state of one block of a lint result. */
export function effectiveProducer(block: ProducerBlock, index: number, settings: LintSettings, lines: LineIndex): EffectiveProducer {
  const base = {
    index,
    name: block.name,
    dialect: block.dialect,
    dialectLabel: dialectLabel(block.dialect),
    client: block.client,
    anchor: block.anchor,
    line: lines.lineOf(block.anchor.start),
    evidence: block.evidence,
    ...(block.profile !== undefined ? { profile: block.profile } : {}),
  };
  const part =
    block.client === 'java'
      ? javaProducer(block, index, settings, lines)
      : block.client === 'librdkafka'
        ? librdkafkaProducer(block, lines)
        : block.client === 'kafkajs'
          ? kafkaJsProducer(block, lines)
          : undefined;
  if (part) return { ...base, ...part };
  return {
    ...base,
    library: block.client,
    state: 'unknown',
    headline: `${dialectLabel(block.dialect)}: effective state not modelled`,
    label: `${dialectLabel(block.dialect)}: effective state not modelled`,
    summary: 'The linter has no verdict engine for this client.',
    settings: [],
    events: [],
    notes: [],
  };
}

/** Every producer block of a lint result, with its effective state. */
export function effectiveProducers(result: Pick<LintResult, 'blocks'>, text: string, settings: LintSettings): EffectiveProducer[] {
  const lines = new LineIndex(text);
  return result.blocks.map((b, i) => effectiveProducer(b, i, settings, lines));
}

/** A Markdown table cell: one line, pipes escaped. */
const cell = (s: string) => s.replace(/\r\n|\r|\n/g, ' ').replace(/\|/g, '\\|');

/**
 * The read-only "effective configuration" document of a producer (Markdown): its state, every
 * idempotence-relevant setting with its final value and where it came from, what the client does when
 * it starts, and the facts worth knowing (acks=all and min.insync.replicas).
 */
export function effectiveDocument(
  p: EffectiveProducer,
  fileName: string,
  findings: Array<{ line: number; severity: string; ruleId: string; message: string }> = [],
): string {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? fileName;
  const out: string[] = [
    `# Effective producer configuration: ${p.name}`,
    '',
    `${base}, line ${p.line + 1} · ${p.dialectLabel} · ${p.library}${p.versionFrom ? ` (${p.versionFrom})` : ''}`,
    '',
    `**${p.label}**`,
    '',
    p.summary,
  ];
  if (p.versionSource) out.push('', `Client version from ${p.versionSource}.`);
  out.push('', '| Setting | Effective value | From |', '|---|---|---|');
  for (const s of p.settings) {
    const value = s.value === undefined ? '*not known statically*' : `\`${cell(s.value)}\``;
    const from = `${cell(s.from)}${s.note ? ` — ${cell(s.note)}` : ''}`;
    out.push(`| \`${cell(s.key)}\` | ${value} | ${from} |`);
  }
  if (p.events.length > 0) {
    out.push('', '## When the producer starts', '');
    for (const e of p.events) out.push(`- ${e}`);
  }
  if (findings.length > 0) {
    out.push('', '## Findings', '');
    for (const f of findings) out.push(`- line ${f.line}, ${f.severity} \`${f.ruleId}\`: ${f.message}`);
  }
  if (p.notes.length > 0) {
    out.push('', '## Worth knowing', '');
    for (const n of p.notes) out.push(`- ${n}`);
  }
  out.push('', `Recognised as ${p.evidence}.`, '');
  return out.join('\n');
}

/**
 * The effective state of a Java client block (kafka-clients, directly or under a framework): the state the
 * producer starts in for the version in force and every idempotence-relevant setting with its final value and
 * origin, read from `effectiveJavaConfig` (held to the real kafka-clients by the oracle suite), never judged
 * again here.
 */
import { type BlockValue, type Entry, type LintSettings, type ProducerBlock, type Version, blockSettings, yamlMeta } from '../../types';
import type { LineIndex } from '../../text';
import type { EffectiveSetting, ProducerState } from '../../effective';
import { K, javaDefaults, javaTrim } from './config';
import { LATEST_KAFKA_CLIENTS, hasIdempotenceDefaultBug as hasBug, parseVersion, versionLabel } from '../../version';
import {
  describeSetting,
  effectiveJavaConfig,
  evaluateJava,
  type JavaEffectiveConfig,
  type JavaRefusal,
  type JavaVerdict,
} from './verdict';
import { dialectLabel } from '../../dialects';
import { MIN_ISR_NOTE, type ClientEffective, type EffectivePart } from '../client';

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

/** What the steps of a Java block's effective state share. */
interface JavaEffectiveInput {
  block: ProducerBlock;
  lines: LineIndex;
  version: Version;
  /** The block's settings (its own client version, if it has one). */
  s: LintSettings;
  verdict: JavaVerdict;
  cfg: JavaEffectiveConfig;
  library: string;
  d: ReturnType<typeof javaDefaults>;
  /** `default of kafka-clients 3.9.0`. */
  defaultOf: string;
  /** The document part of a profile block's anchor (its own keys are in it). */
  anchorPart: number | undefined;
}

/** The document part of a profile block's anchor. */
function anchorPartOf(block: ProducerBlock, lines: LineIndex): number | undefined {
  if (block.profile === undefined) return undefined;
  return partOf(
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
  );
}

/** The state and its one-line label (without the client version). */
function javaState({ block, lines, verdict, cfg, library }: JavaEffectiveInput): { state: ProducerState; label: string } {
  switch (cfg.outcome) {
    case 'idempotent':
      return { state: 'idempotent', label: 'Idempotent producer' };
    case 'silently-disabled': {
      const by = verdict.conflicts.filter((c) => c.consequence === 'silent-disable').map((c) => shortSetting(c.setting, lines));
      return { state: 'silently-disabled', label: `Idempotence OFF: silently disabled by ${by.join(', ')}` };
    }
    case 'non-idempotent':
      return {
        state: 'not-idempotent',
        label:
          cfg.nonIdempotentBy === 'choice'
            ? `Idempotence off: ${shortSetting(verdict.idempotence!, lines)}`
            : `Idempotence off (not on by default in ${library})`,
      };
    case 'refuses-to-start':
      return { state: 'fails', label: `Producer will not start: ${refusalReason(cfg.refusal!, verdict, block.dialect)}` };
    default:
      return { state: 'unknown', label: `Idempotence unknown: ${verdict.summary.replace(/^unknown: /, '')}` };
  }
}

/** A setting with the effective `value`: where the block wrote it, else the version's default. */
function writtenSetting(x: JavaEffectiveInput, key: string, value: string | undefined, note?: string): EffectiveSetting {
  const v = x.block.values.get(key);
  if (!v) return { key, value, origin: 'default', from: x.defaultOf, ...(note ? { note } : {}) };
  const o = originOf(v, x.block, x.lines, x.anchorPart);
  return {
    key,
    value,
    ...o,
    origin: value === undefined && o.origin !== 'framework' ? 'unknown' : o.origin,
    ...(note ? { note } : {}),
  };
}

/** enable.idempotence: what the producer ends up with, and why. */
function idempotenceSetting(x: JavaEffectiveInput): EffectiveSetting {
  const { verdict, cfg, d, version, defaultOf } = x;
  const silent = verdict.conflicts.filter((c) => c.consequence === 'silent-disable');
  const idem = x.block.values.get(K.idempotence);
  if (silent.length > 0) {
    return {
      key: K.idempotence,
      value: 'false',
      origin: 'client',
      from: `turned off by the client at start-up (${silent.map((c) => describeSetting(c.setting)).join(', ')})`,
      note: `${defaultOf} is true; the client only logs ${silent.map((c) => `${c.logLevel ?? 'INFO'} "${c.clientMessage}"`).join(' and ')}`,
    };
  }
  if (idem) return writtenSetting(x, K.idempotence, verdict.explicitValue !== undefined ? String(verdict.explicitValue) : javaValue(idem));
  if ((verdict.requested && !d.idempotence) || (verdict.requested && hasBug(version))) {
    return { key: K.idempotence, value: 'true', origin: 'client', from: 'turned on by transactional.id', note: `${defaultOf} is false` };
  }
  const bug = hasBug(version);
  return {
    key: K.idempotence,
    value: String(cfg.enableIdempotence ?? (!bug && d.idempotence)),
    origin: 'default',
    from: defaultOf,
    ...(bug ? { note: verdict.requestedReason } : {}),
  };
}

/** transactional.id: not set, or the id (a Spring prefix shown as such). */
function transactionalIdSetting(x: JavaEffectiveInput): EffectiveSetting {
  const { block, cfg } = x;
  if (cfg.transactionalId === null) return { key: K.transactionalId, value: 'not set', origin: 'default', from: x.defaultOf };
  const prefix = /transaction-?id-?prefix/i.test(block.values.get(K.transactionalId)?.entry?.key.replace(/_/g, '-') ?? '');
  return writtenSetting(
    x,
    K.transactionalId,
    prefix && cfg.transactionalId !== undefined ? `${cfg.transactionalId}…` : cfg.transactionalId,
    prefix ? 'a transaction-id-prefix: each producer gets the prefix followed by a number' : undefined,
  );
}

/** delivery.timeout.ms, raised by the client when only the default was below linger.ms + request.timeout.ms. */
function deliveryTimeoutSetting(x: JavaEffectiveInput): EffectiveSetting {
  const { verdict, cfg, d } = x;
  const raised = verdict.deliveryTimeout?.consequence === 'warns';
  const setting = writtenSetting(
    x,
    K.deliveryTimeout,
    cfg.deliveryTimeoutMs === undefined ? undefined : String(cfg.deliveryTimeoutMs),
    raised ? `raised by the client from ${d.deliveryTimeout} to linger.ms + request.timeout.ms` : undefined,
  );
  return raised ? { ...setting, origin: 'client', from: 'raised by the client at start-up' } : setting;
}

/** Every idempotence-relevant setting, in a fixed order. */
function javaSettings(x: JavaEffectiveInput): EffectiveSetting[] {
  const { block, cfg, d } = x;
  const out: EffectiveSetting[] = [idempotenceSetting(x)];
  out.push(writtenSetting(x, K.acks, cfg.acks === undefined ? undefined : cfg.acks === '-1' ? 'all' : cfg.acks));
  out.push(writtenSetting(x, K.retries, cfg.retries === undefined ? undefined : String(cfg.retries)));
  out.push(writtenSetting(x, K.inFlight, cfg.maxInFlight === undefined ? undefined : String(cfg.maxInFlight)));
  out.push(transactionalIdSetting(x), deliveryTimeoutSetting(x));
  const plain = (key: string, def: string) => (block.values.has(key) ? javaValue(block.values.get(key)) : def);
  out.push(writtenSetting(x, K.linger, plain(K.linger, String(d.linger))));
  out.push(writtenSetting(x, K.requestTimeout, plain(K.requestTimeout, String(d.requestTimeout))));
  // ProducerConfig's default transaction.timeout.ms: 60000 in every version the linter models
  if (block.values.has(K.transactionTimeout) || cfg.transactionalId !== null)
    out.push(writtenSetting(x, K.transactionTimeout, plain(K.transactionTimeout, '60000')));
  return out;
}

/** acks=all and min.insync.replicas; the version caveat when no version was found. */
function javaNotes({ block, s, verdict, cfg }: JavaEffectiveInput): string[] {
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
  return notes;
}

function javaProducer(block: ProducerBlock, settings: LintSettings, lines: LineIndex): EffectivePart {
  const { version, settings: s } = blockVersion(block, settings);
  const verdict = evaluateJava(block, version);
  const cfg: JavaEffectiveConfig = effectiveJavaConfig(block, version, verdict);
  const { library, from: versionFrom } = javaLibrary(version, s, block.clientVersion !== undefined);
  const x: JavaEffectiveInput = {
    block,
    lines,
    version,
    s,
    verdict,
    cfg,
    library,
    d: javaDefaults(version),
    defaultOf: `default of ${version.label === 'latest' ? versionLabel(version) : library}`,
    anchorPart: anchorPartOf(block, lines),
  };
  const { state, label } = javaState(x);
  const events = [
    ...cfg.refusals.map((r) => `${r.stage === 'framework' ? 'The framework refuses to start' : 'Refuses to start'}: "${r.message}"`),
    ...cfg.logged.map((l) => `Logs ${l.level} "${l.message}"`),
  ];
  const silent = verdict.conflicts.some((c) => c.consequence === 'silent-disable');
  return {
    library,
    versionFrom,
    versionSource: s.kafkaClientsVersionSource ?? block.clientVersion?.source,
    state,
    headline: label,
    label: `${label} · ${library}${versionFrom ? ` (${versionFrom})` : ''}`,
    // (only "silently disabled" leaves out why idempotence was asked for)
    summary: `Idempotence: ${verdict.summary}${silent ? ` — ${verdict.requestedReason}` : ''}.`,
    settings: javaSettings(x),
    events,
    notes: javaNotes(x),
  };
}

export const javaEffective: ClientEffective = { owns: (block) => block.client === 'java', effective: javaProducer };

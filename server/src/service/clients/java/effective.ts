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

function javaProducer(block: ProducerBlock, settings: LintSettings, lines: LineIndex): EffectivePart {
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

export const javaEffective: ClientEffective = { owns: (block) => block.client === 'java', effective: javaProducer };

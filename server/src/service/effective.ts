/**
 * The effective producer at a glance: per producer block, the state it runs in for the client version in
 * force (one line, for a code lens, a tree item or a report row) and its effective configuration — every
 * idempotence-relevant setting with its final value and where that value came from (a line of this file, a
 * profile, a framework injection, the client's default for this version, an adjustment the client makes).
 *
 * Each client's part comes from its folder (`clients/<client>/effective.ts`, the `ClientEffective` interface of
 * `clients/client.ts`), derived from its verdict: nothing judges a configuration again. This module adds what
 * every block has and writes the effective-configuration document. Pure: blocks and settings in.
 */
import type { ClientFamily, LintResult, LintSettings, ProducerBlock, Span } from './types';
import { LineIndex } from './text';
import { dialectLabel } from './dialects';
import type { ClientEffective } from './clients/client';
import { javaEffective } from './clients/java/effective';
import { librdkafkaEffective } from './clients/librdkafka/effective';
import { kafkaJsEffective } from './clients/kafkajs/effective';

/** The clients whose effective state is modelled; a block of another client is "not modelled". */
const CLIENT_EFFECTIVE: readonly ClientEffective[] = [javaEffective, librdkafkaEffective, kafkaJsEffective];

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
  const part = CLIENT_EFFECTIVE.find((c) => c.owns(block))?.effective(block, settings, lines);
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

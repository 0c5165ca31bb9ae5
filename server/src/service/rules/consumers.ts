/**
 * Exactly-once beyond the producer: idempotence covers one producer session and one partition; across
 * partitions it takes transactions, and only consumers that read with `isolation.level=read_committed`
 * see committed data alone. Where one application's configuration has a transactional producer and
 * Java-client consumers that read uncommitted data, say so — as a hint, since whether it matters depends
 * on which topics are written transactionally, which the configuration cannot show.
 *
 * Consumers and their isolation level, as each reads it (docs/rules/transactions-read-uncommitted.md):
 * - the Java consumer: `isolation.level` defaults to `read_uncommitted`; it accepts exactly `read_committed`
 *   or `read_uncommitted` after trimming (verified against kafka-clients 3.9.1 and 4.4.0);
 * - Spring Boot (KafkaProperties.Consumer): `spring.kafka.consumer.isolation-level` defaults to
 *   READ_UNCOMMITTED and is always written into the consumer properties, so `spring.kafka.properties.
 *   isolation.level` never reaches the consumer; `spring.kafka.consumer.properties.isolation.level` does;
 * - the Spring Cloud Stream Kafka binder (mergedConsumerConfiguration, BindingUtils.createConsumerConfigs):
 *   Boot's consumer properties < `binder.configuration.*` < `binder.consumer-properties.*` < the binding's
 *   `consumer.configuration.*` (over `kafka.default.consumer.configuration.*`); its transactions do not
 *   change the consumers' isolation level;
 * - plain consumer maps next to a plain producer map: their own `isolation.level`.
 * Not flagged, ever: librdkafka (default `read_committed`), KafkaJS (reads committed unless
 * `readUncommitted: true`), Kafka Streams (exactly-once sets `read_committed` itself) — none of them is
 * looked at here.
 */
import type { Entry, ParsedDocument, ProducerBlock, RelatedInfo, Span, TextEdit } from '../types';
import { K, javaTrim } from '../clients/java/config';
import { relaxed, type KeyPath } from '../formats/editor';
import { unwrapBracket } from '../formats/yaml';
import { sourceView, type SourceEntry, type SourceView } from '../detect/source';
import { springDocuments } from '../detect/profiles';
import { withPlaceholder } from '../detect/placeholder';
import { defineRule, type BlockContext } from './rule';

const RULE_ID = 'transactions-read-uncommitted';
const COMMITTED = 'read_committed';

type Level = 'committed' | 'uncommitted' | 'unknown';

/** A consumer's isolation level and where it comes from. */
interface Isolation {
  level: Level;
  /** The entry that decides it; undefined: the default. */
  entry?: SourceEntry;
  /** In words: `spring.kafka.consumer.isolation-level=read-uncommitted (line 9)`, `the Java consumer's default`. */
  source: string;
}

interface UncommittedConsumer {
  /** What reads: `Spring Boot's consumers`, `the consumer binding 'orders-in-0'`. */
  who: string;
  /** `who` is several consumers. */
  plural: boolean;
  isolation: Isolation;
  span: Span;
  /** The edit that makes it read committed (and what it writes, for the fix title). */
  fix?: { title: string; edits: TextEdit[] };
  note?: string;
}

/** The Java consumer's reading of an `isolation.level` value (a raw Kafka map value). */
function kafkaLevel(entry: Entry): Level {
  if (entry.value === undefined || entry.kind === 'unknown') return 'unknown';
  const v = javaTrim(entry.value);
  return v === COMMITTED ? 'committed' : v === 'read_uncommitted' ? 'uncommitted' : 'unknown';
}

/** Spring's lenient enum binding of `spring.kafka.consumer.isolation-level` (READ_COMMITTED, read-committed, readCommitted...). */
function springEnumLevel(entry: Entry): Level {
  if (entry.value === undefined || entry.kind === 'unknown') return 'unknown';
  const c = entry.value.toLowerCase().replace(/[^a-z0-9]/g, '');
  return c === 'readcommitted' ? 'committed' : c === 'readuncommitted' ? 'uncommitted' : 'unknown';
}

const lineOf = (ctx: BlockContext, e: Entry) => ctx.lines.lineOf(e.keySpan.start) + 1;
const shown = (s: SourceEntry, ctx: BlockContext) => `${s.name}=${s.entry.value ?? '…'}, line ${lineOf(ctx, s.entry)}`;

/** The documents whose keys apply to this block: those without a profile, and the block's own profile's. */
function applicableDocs(view: SourceView, block: ProducerBlock): Set<number> {
  const d = springDocuments(view, undefined);
  const docs = new Set(d.baseDocs);
  for (const [doc, label] of d.activation) if (block.profile !== undefined && block.name.includes(label)) docs.add(doc);
  return docs;
}

/** The entries of applicable documents in the order they apply (a profile's after the others, file order within). */
function applicable(view: SourceView, docs: Set<number>, activated: Map<number, string>): SourceEntry[] {
  return view.entries
    .filter((s) => docs.has(s.doc))
    .sort((a, b) => Number(activated.has(a.doc)) - Number(activated.has(b.doc)) || a.order - b.order);
}

const relaxedEls = (s: SourceEntry) => s.elements.map((e) => (e.startsWith('[') ? e : relaxed(e)));
const mapKey = (els: readonly string[]) => els.map(unwrapBracket).join('.');

/** The last entry that `match` accepts. */
function last(entries: readonly SourceEntry[], match: (s: SourceEntry, r: string[]) => boolean): SourceEntry | undefined {
  let found: SourceEntry | undefined;
  for (const s of entries) if (match(s, relaxedEls(s))) found = s;
  return found;
}

/** A key path in the document of `near` (or the first applicable document). */
function pathIn(docs: Set<number>, near: SourceEntry | undefined, elements: string[], leafFrom: number): KeyPath {
  return { doc: near?.doc ?? Math.min(...docs), elements, leafFrom };
}

/** Sets the deciding entry to `value`, or (none) inserts `path`. */
function setOrInsert(
  view: SourceView,
  winner: SourceEntry | undefined,
  path: () => KeyPath,
  value: string,
  shownKey: string,
): { title: string; edits: TextEdit[] } | undefined {
  const edits = winner ? view.editor.setEntry(winner.entry, value) : view.editor.insert(path(), value);
  return edits ? { title: `Set ${winner ? winner.name : shownKey}=${value}`, edits } : undefined;
}

/** Spring Boot's consumer properties: the isolation level Boot's consumer factory gets. */
function bootIsolation(
  entries: readonly SourceEntry[],
  text: string,
  ctx: BlockContext,
): Isolation & { ignoredCommon?: SourceEntry; dedicated?: SourceEntry; map?: SourceEntry } {
  const isSpring = (r: string[]) => r[0] === 'spring' && r[1] === 'kafka';
  const map = last(
    entries,
    (s, r) => isSpring(r) && r[2] === 'consumer' && r[3] === 'properties' && mapKey(s.elements.slice(4)) === 'isolation.level',
  );
  const dedicated = last(entries, (s, r) => isSpring(r) && r[2] === 'consumer' && r.length === 4 && r[3] === 'isolationlevel');
  const common = last(entries, (s, r) => isSpring(r) && r[2] === 'properties' && mapKey(s.elements.slice(3)) === 'isolation.level');
  const withDefault = (s: SourceEntry) => s.withEntry(withPlaceholder(s.entry, text, 'spring'));
  const ignoredCommon = common && (!map || map.order < common.order) ? common : undefined;
  if (map) {
    const m = withDefault(map);
    return {
      level: kafkaLevel(m.entry),
      entry: m,
      source: shown(m, ctx),
      map: m,
      ...(dedicated ? { dedicated: withDefault(dedicated) } : {}),
    };
  }
  if (dedicated) {
    const d = withDefault(dedicated);
    return { level: springEnumLevel(d.entry), entry: d, source: shown(d, ctx), dedicated: d, ...(ignoredCommon ? { ignoredCommon } : {}) };
  }
  return {
    level: 'uncommitted',
    source: "spring.kafka.consumer.isolation-level's default, read-uncommitted",
    ...(ignoredCommon ? { ignoredCommon } : {}),
  };
}

function bootConsumers(view: SourceView, entries: readonly SourceEntry[], docs: Set<number>, ctx: BlockContext): UncommittedConsumer[] {
  // Boot's consumer factory serves @KafkaListener and KafkaTemplate.receive: a consumer is there when the file configures one
  const evidence = entries.find((s) => {
    const r = relaxedEls(s);
    return r[0] === 'spring' && r[1] === 'kafka' && (r[2] === 'consumer' || r[2] === 'listener') && r.length > 3;
  });
  if (!evidence) return [];
  const iso = bootIsolation(entries, ctx.doc.text, ctx);
  if (iso.level !== 'uncommitted') return [];
  const winner = iso.map ?? iso.dedicated;
  // the map's value wins over the dedicated property: set whichever decides, else add the dedicated one
  const fix = setOrInsert(
    view,
    winner,
    () => pathIn(docs, evidence, ['spring', 'kafka', 'consumer', 'isolation-level'], 3),
    COMMITTED,
    'spring.kafka.consumer.isolation-level',
  );
  return [
    {
      who: "Spring Boot's consumers (spring.kafka.consumer.*)",
      plural: true,
      isolation: iso,
      span: winner ? winner.entry.valueSpan : evidence.entry.keySpan,
      ...(fix ? { fix } : {}),
      ...(iso.ignoredCommon
        ? {
            note: `${shown(iso.ignoredCommon, ctx)} does not reach them: Boot always writes isolation.level from spring.kafka.consumer.isolation-level into the consumer properties, over spring.kafka.properties.*`,
          }
        : {}),
    },
  ];
}

/**
 * The Spring Cloud Stream binder's input bindings that a Kafka binder serves: the functional `-in-<n>` names, and
 * bindings with a consumer group or consumer settings; each with the first entry that shows it.
 */
function inputBindings(entries: readonly SourceEntry[]): Map<string, SourceEntry> {
  const binders = new Map<string, string>();
  for (const s of entries) {
    const r = relaxedEls(s);
    if (
      r[0] === 'spring' &&
      r[1] === 'cloud' &&
      r[2] === 'stream' &&
      r[3] === 'binders' &&
      r.length === 6 &&
      r[5] === 'type' &&
      s.entry.value
    )
      binders.set(unwrapBracket(s.elements[4]), s.entry.value.trim());
  }
  const inputs = new Map<string, SourceEntry>();
  const notKafka = new Set<string>();
  for (const s of entries) {
    const r = relaxedEls(s);
    if (r[0] !== 'spring' || r[1] !== 'cloud' || r[2] !== 'stream') continue;
    if (r[3] === 'bindings' && s.elements.length >= 6) {
      const name = unwrapBracket(s.elements[4]);
      if (r[5] === 'binder' && s.entry.value !== undefined) {
        const b = s.entry.value.trim();
        if (b !== 'kafka' && binders.get(b) !== 'kafka') notKafka.add(name);
      }
      if (/-in-\d+$/.test(name) || r[5] === 'group' || r[5] === 'consumer') if (!inputs.has(name)) inputs.set(name, s);
    } else if (r[3] === 'kafka' && r[4] === 'bindings' && r[6] === 'consumer' && s.elements.length > 7) {
      const name = unwrapBracket(s.elements[5]);
      if (!inputs.has(name)) inputs.set(name, s);
    }
  }
  for (const n of notKafka) inputs.delete(n);
  return inputs;
}

/** The Spring Cloud Stream Kafka binder's consumer bindings and the isolation level each gets. */
function bindingConsumers(view: SourceView, entries: readonly SourceEntry[], docs: Set<number>, ctx: BlockContext): UncommittedConsumer[] {
  const text = ctx.doc.text;
  const inputs = inputBindings(entries);
  if (inputs.size === 0) return [];
  const boot = bootIsolation(entries, text, ctx);
  const kafkaMap = (s: SourceEntry, r: string[], at: number) => r.length > at && mapKey(s.elements.slice(at)) === 'isolation.level';
  const isScs = (r: string[]) => r[0] === 'spring' && r[1] === 'cloud' && r[2] === 'stream' && r[3] === 'kafka';
  const configuration = last(entries, (s, r) => isScs(r) && r[4] === 'binder' && r[5] === 'configuration' && kafkaMap(s, r, 6));
  const consumerProps = last(entries, (s, r) => isScs(r) && r[4] === 'binder' && r[5] === 'consumerproperties' && kafkaMap(s, r, 6));
  const defaults = last(
    entries,
    (s, r) => isScs(r) && r[4] === 'default' && r[5] === 'consumer' && r[6] === 'configuration' && kafkaMap(s, r, 7),
  );
  const binderLevel = consumerProps ?? configuration;
  const uncommitted: Array<{ name: string; evidence: SourceEntry; iso: Isolation; bindingLevel?: SourceEntry }> = [];
  for (const [name, evidence] of inputs) {
    const own = last(
      entries,
      (s, r) =>
        isScs(r) &&
        r[4] === 'bindings' &&
        unwrapBracket(s.elements[5] ?? '') === name &&
        r[6] === 'consumer' &&
        r[7] === 'configuration' &&
        kafkaMap(s, r, 8),
    );
    const bindingLevel = own ?? defaults;
    const decide = bindingLevel ?? binderLevel;
    const iso: Isolation = decide
      ? { level: kafkaLevel(withPlaceholder(decide.entry, text, 'spring')), entry: decide, source: shown(decide, ctx) }
      : boot;
    if (iso.level === 'uncommitted') uncommitted.push({ name, evidence, iso, ...(bindingLevel ? { bindingLevel } : {}) });
  }
  if (uncommitted.length === 0) return [];
  // one finding for the bindings: at the first; one fix (a binding's own value, else the binder's consumer properties)
  const first = uncommitted[0];
  const winners = [...new Set(uncommitted.map((u) => u.bindingLevel).filter((x): x is SourceEntry => x !== undefined))];
  let fix: { title: string; edits: TextEdit[] } | undefined;
  if (winners.length === 1 && uncommitted.every((u) => u.bindingLevel === winners[0]))
    fix = setOrInsert(view, winners[0], () => pathIn(docs, winners[0], [], 0), COMMITTED, winners[0].name);
  else if (winners.length === 0) {
    fix = setOrInsert(
      view,
      consumerProps,
      () => pathIn(docs, first.evidence, ['spring', 'cloud', 'stream', 'kafka', 'binder', 'consumer-properties', 'isolation.level'], 6),
      COMMITTED,
      'spring.cloud.stream.kafka.binder.consumer-properties.isolation.level',
    );
  }
  const names = uncommitted.map((u) => `'${u.name}'`);
  const sources = [...new Set(uncommitted.map((u) => u.iso.source))];
  return [
    {
      who: `the Kafka binder's consumer binding${names.length > 1 ? 's' : ''} ${names.join(', ')}`,
      plural: names.length > 1,
      isolation: { level: 'uncommitted', source: sources.join('; ') },
      span: first.evidence.entry.keySpan,
      ...(fix ? { fix } : {}),
    },
  ];
}

/** Consumer keys that make a map a consumer configuration (any one of them). */
const CONSUMER_MARKS = ['group.id', 'key.deserializer', 'value.deserializer'];

/** Plain consumer maps of the file (`app.kafka.consumer.group.id`...), next to a plain producer map. */
function mapConsumers(view: SourceView, entries: readonly SourceEntry[], docs: Set<number>, ctx: BlockContext): UncommittedConsumer[] {
  const prefixes = new Map<string, SourceEntry>();
  for (const s of entries) {
    const name = s.elements.map(unwrapBracket).join('.');
    for (const mark of CONSUMER_MARKS) {
      if (name === mark || !name.endsWith(`.${mark}`)) continue;
      const prefix = name.slice(0, -mark.length - 1);
      if (relaxed(prefix.split('.')[0]) === 'spring') continue; // Spring's own maps are read above
      if (!prefixes.has(prefix)) prefixes.set(prefix, s);
    }
  }
  const out: UncommittedConsumer[] = [];
  for (const [prefix, evidence] of prefixes) {
    const own = entries.filter((s) => s.elements.map(unwrapBracket).join('.').startsWith(`${prefix}.`));
    // a map in an application's own spelling (group-id, groupId) is read by the application, not handed to the client
    if (
      own.some((s) =>
        /[A-Z_-]/.test(
          s.elements
            .map(unwrapBracket)
            .join('.')
            .slice(prefix.length + 1),
        ),
      )
    )
      continue;
    const iso = own.filter((s) => s.elements.map(unwrapBracket).join('.') === `${prefix}.isolation.level`).pop();
    const entry = iso?.withEntry(withPlaceholder(iso.entry, ctx.doc.text, 'generic'));
    const level: Level = entry ? kafkaLevel(entry.entry) : 'uncommitted';
    if (level !== 'uncommitted') continue;
    const parts = prefix.split('.');
    const fix = setOrInsert(
      view,
      iso,
      () => pathIn(docs, evidence, [...parts, 'isolation.level'], parts.length),
      COMMITTED,
      `${prefix}.isolation.level`,
    );
    out.push({
      who: `the consumer configuration ${prefix}.* (line ${lineOf(ctx, evidence.entry)})`,
      plural: false,
      isolation: entry ? { level, entry, source: shown(entry, ctx) } : { level, source: "the Java consumer's default, read_uncommitted" },
      span: entry ? entry.entry.valueSpan : evidence.entry.keySpan,
      ...(fix ? { fix } : {}),
    });
  }
  return out;
}

/** Findings already made for a document (one per consumer, however many transactional blocks the file has). */
const reported = new WeakMap<ParsedDocument, Set<string>>();

export const transactionsReadUncommitted = defineRule(
  {
    id: RULE_ID,
    description:
      "A transactional producer and Java consumers in the same application config that read uncommitted data (isolation.level=read_uncommitted, the Java consumer's default): they also see records of aborted and open transactions.",
    headline: 'Consumers read uncommitted data beside a transactional producer',
    defaultSeverity: 'hint',
    fixable: true,
    clients: ['java'],
  },
  (ctx) => {
    const block = ctx.block;
    if (block.dialect !== 'spring-boot' && block.dialect !== 'spring-cloud-stream' && block.dialect !== 'java') return;
    const txn = block.values.get(K.transactionalId);
    if (!txn) return;
    const view = sourceView(ctx.doc);
    if (!view) return;
    let docs: Set<number>;
    let activated = new Map<number, string>();
    if (block.dialect === 'java') {
      // a plain map: the documents its own keys are in
      docs = new Set(block.items.map((i) => view.docOf(i.entry)));
    } else {
      docs = applicableDocs(view, block);
      activated = springDocuments(view, undefined).activation;
    }
    const entries = applicable(view, docs, activated);
    const consumers =
      block.dialect === 'spring-boot'
        ? bootConsumers(view, entries, docs, ctx)
        : block.dialect === 'spring-cloud-stream'
          ? [
              ...bindingConsumers(view, entries, docs, ctx),
              ...bootConsumers(view, entries, docs, ctx).filter(() => entries.some((s) => relaxedEls(s)[2] === 'listener')),
            ]
          : mapConsumers(view, entries, docs, ctx);
    const done = reported.get(ctx.doc) ?? new Set<string>();
    reported.set(ctx.doc, done);
    const where = txn.origin ?? (txn.entry ? `line ${lineOf(ctx, txn.entry)}` : 'this file');
    const producer = where.startsWith('line ') ? `transactional.id, ${where}` : where;
    for (const c of consumers) {
      const key = `${c.span.start}:${c.span.end}`;
      if (done.has(key)) continue;
      done.add(key);
      const related: RelatedInfo[] = txn.entry ? [{ span: txn.entry.keySpan, message: 'the transactional producer' }] : [];
      ctx.report({
        span: c.span,
        message:
          `This application's producer is transactional (${producer}), and ${c.who} ${c.plural ? 'read' : 'reads'} with isolation.level=read_uncommitted (${c.isolation.source})` +
          `${c.note ? `; ${c.note}` : ''}, so ${c.plural ? 'they' : 'it'} also ${c.plural ? 'see' : 'sees'} the records of transactions that are aborted or still open. ` +
          'Whether that matters depends on which topics are written transactionally, which the configuration cannot show; a consumer of such a topic should read with isolation.level=read_committed.',
        related,
        fixes: c.fix ? [{ title: c.fix.title, edits: c.fix.edits, keys: ['isolation.level'] }] : [],
        consequence: 'doc-only',
      });
    }
  },
);

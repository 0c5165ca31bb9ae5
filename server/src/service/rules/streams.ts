/**
 * Rules about Kafka Streams (catalogue §2.2): the values StreamsConfig refuses, and the producer settings it ignores
 * under exactly-once. The detector (detect/streams.ts) leaves what it read on the block as facts (`StreamsFact`,
 * facts.ts); each rule here builds its findings from them: message, span, related locations and fixes. Fixes edit
 * the file through its source view (`sourceView`, the view the detector read, cached per document) or through the
 * block's writer.
 */
import type { Entry, FixSpec, RelatedInfo } from '../types';
import { defineRule, type BlockContext, type Rule } from './rule';
import { factsOf, type StreamsGuarantee, type StreamsTxnTimeoutFact, type StreamsTxnTimeoutInvalidFact } from '../facts';
import { sourceView, type SourceView } from '../detect/source';
import { K, javaTrim } from '../clients/java/config';

/** The file's source view, which the Streams detector reads (a Streams block comes from a .properties or YAML file). */
function fileView(ctx: BlockContext): SourceView {
  const view = sourceView(ctx.doc);
  if (!view) throw new Error(`no source view for the ${ctx.doc.format} file of block '${ctx.block.name}'`);
  return view;
}

/** Where exactly-once is turned on, for the related information of an exactly-once finding. */
const turnedOnAt = (g: StreamsGuarantee): RelatedInfo[] =>
  g.entry ? [{ span: g.entry.entry.keySpan, message: `${g.name}=${g.value} turns exactly-once on` }] : [];

export const streamsEosOverridesIgnored = defineRule(
  {
    id: 'streams-eos-overrides-ignored',
    description:
      'enable.idempotence or transactional.id in a Kafka Streams config with exactly-once: Streams ignores the value (with a WARN) and uses its own.',
    headline: 'Kafka Streams exactly-once ignores this producer setting',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-S1',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'streams-eos-ignored')) {
      const { key, source, guarantee: g } = f;
      const raw = f.value === undefined ? '…' : f.value;
      const streamsDefault = key === K.idempotence ? 'true' : `${f.applicationId ?? '<application.id>'}-<generated>`;
      // what StreamsConfig prints as the Streams default: PRODUCER_EOS_OVERRIDES' true, or a placeholder for the id
      const logged = key === K.idempotence ? 'true' : '<appId>-<generatedSuffix>';
      const quoted = f.winner
        ? ` (${f.winner.name} is the value Streams reads, and ignores too.)`
        : f.version.major >= 4
          ? ` Kafka Streams logs WARN "Unexpected user-specified producer config '${key}' found. 'processing.guarantee' is set to "${g.value}". Hence, user setting (${raw}) will be ignored and the Streams default setting (${logged}) will be used."`
          : ` Kafka Streams logs WARN "Unexpected user-specified producer config: ${key} found. processing.guarantee is set to ${g.value}. Hence, User setting (${raw}) will be ignored and the Streams default setting (${logged}) will be used ".`;
      const rm = fileView(ctx).editor.removeEntry(source.entry);
      ctx.report({
        message: `${source.name} is ignored: with ${g.name}=${g.value} Kafka Streams always sets ${key}=${streamsDefault} for its producers.${quoted}`,
        span: source.entry.keySpan,
        related: turnedOnAt(g),
        fixes: rm ? [{ title: `Remove ${source.name} (Streams ignores it)`, edits: rm, keys: [key] }] : [],
        consequence: 'ignored',
      });
    }
  },
);

export const streamsEosMaxInFlight = defineRule(
  {
    id: 'streams-eos-max-in-flight-gt-5',
    description:
      'max.in.flight.requests.per.connection above 5 (or not an integer) with Kafka Streams exactly-once: Streams refuses to start.',
    headline: 'Kafka Streams refuses to start: exactly-once needs in-flight <= 5',
    defaultSeverity: 'error',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-S2',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'streams-eos-in-flight')) {
      ctx.report({
        message: `Kafka Streams refuses to start with ${f.guarantee.name}=${f.guarantee.value}: "${f.refusal.message}".`,
        span: f.entry.valueSpan,
        related: turnedOnAt(f.guarantee),
        // the block's writer sets the key Streams' producer reads and removes every entry of it
        fixes: [
          { title: `Set ${f.source.name}=5`, ops: [{ op: 'set', key: K.inFlight, value: '5' }] },
          { title: `Remove ${K.inFlight} (default 5)`, ops: [{ op: 'remove', key: K.inFlight }] },
        ],
        consequence: 'throws',
      });
    }
  },
);

export const streamsEosTxnTimeout = defineRule(
  {
    id: 'streams-eos-txn-timeout-lt-commit-interval',
    description:
      'Kafka Streams exactly-once with producer.transaction.timeout.ms (default 10000) below commit.interval.ms (default 100 under exactly-once): Streams 3.0+ refuses to start.',
    headline: 'Streams refuses to start: transaction timeout too low',
    defaultSeverity: 'error',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-S5',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'streams-txn-timeout-invalid')) reportUnparsableTimeout(ctx, f);
    for (const f of factsOf(ctx.block, 'streams-txn-timeout-below-commit-interval')) reportTimeoutBelowInterval(ctx, f);
  },
);

/** producer.transaction.timeout.ms that StreamsConfig cannot parse for its exactly-once timeout check. */
function reportUnparsableTimeout(ctx: BlockContext, f: StreamsTxnTimeoutInvalidFact): void {
  const ttName = [...f.base, 'producer.transaction.timeout.ms'].join('.');
  const target = Math.max(10000, f.commitInterval ?? 0);
  const e = fileView(ctx).editor.setEntry(f.entry, String(target));
  ctx.report({
    message: `Kafka Streams refuses to start with ${f.guarantee.name}=${f.guarantee.value}: "${f.refusal.message}" (it reads ${ttName} for its exactly-once timeout check).`,
    span: f.entry.valueSpan,
    related: turnedOnAt(f.guarantee),
    fixes: e ? [{ title: `Set ${ttName}=${target}`, edits: e, keys: [K.transactionTimeout] }] : [],
    consequence: 'throws',
  });
}

/**
 * The entry a too-low transaction timeout is reported on: commit.interval.ms when the file writes it, else
 * producer.transaction.timeout.ms (one of them is written: the defaults, 10000 and 100, pass the check).
 */
const timeoutFindingEntry = (f: StreamsTxnTimeoutFact): Entry => (f.commitInterval.entry ?? f.transactionTimeout.entry)!;

/** The transaction timeout Streams reads is below its commit interval. */
function reportTimeoutBelowInterval(ctx: BlockContext, f: StreamsTxnTimeoutFact): void {
  const { base, commitInterval: ci, transactionTimeout: tt, producerTimeout: plain, guarantee: g } = f;
  const ttName = [...base, 'producer.transaction.timeout.ms'].join('.');
  const at = timeoutFindingEntry(f);
  const unread = plain
    ? ` Streams checks only ${ttName}: ${plain.source.name}=${plain.source.entry.value === undefined ? '…' : javaTrim(plain.source.entry.value)} reaches the producer but not this check.`
    : '';
  ctx.report({
    message:
      `Kafka Streams refuses to start with ${g.name}=${g.value}: "${f.refusal.message}"` +
      (tt.entry ? '' : ` (${ttName} is not set: Streams uses 10000).`) +
      unread,
    span: at.valueSpan,
    related: [
      ...turnedOnAt(g),
      ...(ci.entry && tt.entry && tt.source ? [{ span: tt.entry.keySpan, message: `${tt.source.name}=${tt.value}` }] : []),
    ],
    fixes: timeoutFixes(fileView(ctx), f),
    consequence: 'throws',
  });
}

/** Raise producer.transaction.timeout.ms to the commit interval (or to the producer's own timeout), or lower the commit interval. */
function timeoutFixes(view: SourceView, f: StreamsTxnTimeoutFact): FixSpec[] {
  const { base, commitInterval: ci, transactionTimeout: tt, producerTimeout: plain } = f;
  // the producer's own (unprefixed) timeout, when it already satisfies the check, is the value to give the prefixed key
  const target = plain?.value !== undefined && plain.value >= ci.value ? plain.value : ci.value;
  const ttName = [...base, 'producer.transaction.timeout.ms'].join('.');
  const doc = view.docOf(timeoutFindingEntry(f));
  const fixes: FixSpec[] = [];
  const setTimeout = tt.entry
    ? view.editor.setEntry(tt.entry, String(target))
    : view.editor.insert(
        { doc, elements: [...base, 'producer', 'transaction', 'timeout', 'ms'], leafFrom: base.length + 1 },
        String(target),
      );
  const why = target === ci.value ? 'the commit interval' : `the producer's ${plain!.source.name}`;
  if (setTimeout) fixes.push({ title: `Set ${ttName}=${target} (${why})`, edits: setTimeout, keys: [K.transactionTimeout] });
  const setInterval = ci.entry
    ? view.editor.setEntry(ci.entry, String(tt.value))
    : view.editor.insert({ doc, elements: [...base, 'commit', 'interval', 'ms'], leafFrom: base.length }, String(tt.value));
  if (setInterval)
    fixes.push({
      title: `Set ${ci.source?.name ?? 'commit.interval.ms'}=${tt.value} (the transaction timeout)`,
      edits: setInterval,
      keys: ['commit.interval.ms'],
    });
  return fixes;
}

export const streamsDeprecatedEos = defineRule(
  {
    id: 'streams-deprecated-eos-value',
    description:
      'processing.guarantee=exactly_once or exactly_once_beta: deprecated (WARN) in Kafka Streams 3.x, rejected by 4.x; use exactly_once_v2.',
    headline: 'Old exactly-once value: deprecated in Streams 3.x, rejected by 4.x',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-S4',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'streams-deprecated-guarantee')) {
      const { guarantee, refusal } = f;
      const e = fileView(ctx).editor.setEntry(f.entry, 'exactly_once_v2');
      ctx.report({
        // 4.x refuses the value; 3.x logs a WARN
        message: refusal
          ? `Kafka Streams ${f.version.major}.x no longer accepts processing.guarantee=${guarantee} and refuses to start: "${refusal.message}".`
          : `processing.guarantee=${guarantee} is deprecated; Kafka Streams 3.x logs ` +
            (guarantee === 'exactly_once'
              ? '"Configuration parameter `exactly_once` is deprecated and will be removed in the 4.0.0 release. Please use `exactly_once_v2` instead. Note that this requires broker version 2.5+ so you should prepare to upgrade your brokers if necessary."'
              : '"Configuration parameter `exactly_once_beta` is deprecated and will be removed in the 4.0.0 release. Please use `exactly_once_v2` instead."') +
            ' and Kafka Streams 4.0 rejects the value.',
        span: f.entry.valueSpan,
        fixes: e
          ? [{ title: 'Set processing.guarantee=exactly_once_v2 (brokers 2.5 or newer)', edits: e, keys: ['processing.guarantee'] }]
          : [],
        consequence: refusal ? 'throws' : 'warns',
        severity: refusal ? 'error' : 'warning',
      });
    }
  },
);

export const streamsInvalidGuarantee = defineRule(
  {
    id: 'streams-processing-guarantee-invalid',
    description:
      'processing.guarantee is not a value Kafka Streams accepts (case-sensitive: at_least_once or exactly_once_v2 in 4.x): Streams refuses to start.',
    headline: 'Kafka Streams refuses to start: invalid processing.guarantee',
    defaultSeverity: 'error',
    fixable: true,
    clients: ['java'],
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'streams-invalid-guarantee')) {
      // the accepted value the user meant (EXACTLY_ONCE_V2, exactly-once-v2), else exactly-once and at-least-once
      const near = f.accepted.find((v) => v === f.guarantee.toLowerCase().replace(/-/g, '_'));
      const targets = near ? [near] : [f.version.major >= 3 ? 'exactly_once_v2' : 'exactly_once_beta', 'at_least_once'];
      const editor = fileView(ctx).editor;
      const fixes: FixSpec[] = [];
      for (const t of targets) {
        const e = editor.setEntry(f.entry, t);
        if (e) fixes.push({ title: `Set processing.guarantee=${t}`, edits: e, keys: ['processing.guarantee'] });
      }
      ctx.report({
        message: `Kafka Streams refuses to start: "${f.refusal.message}".`,
        span: f.entry.valueSpan,
        fixes,
        consequence: 'throws',
        severity: 'error',
      });
    }
  },
);

/** Fix titles of producer-config-invalid-value for the keys StreamsConfig parses itself: what removing the key leaves. */
const OWN_KEY_FALLBACK: Record<string, string> = {
  [K.retries]: 'default 2147483647 for its producers',
  [K.requestTimeout]: 'default 40000 for Streams, 30000 for its producers',
};

/**
 * producer-config-invalid-value (rules/java.ts) for a Kafka Streams block: StreamsConfig parses the unprefixed
 * retries and request.timeout.ms itself and refuses them before any producer exists. Reports them and returns their
 * messages, which the client's own finding for the same value then leaves out.
 */
export function reportStreamsOwnKeys(ctx: BlockContext): Set<string> {
  const reported = new Set<string>();
  for (const f of factsOf(ctx.block, 'streams-own-key-invalid')) {
    reported.add(f.refusal.message);
    const rm = fileView(ctx).editor.removeEntry(f.source.entry);
    ctx.report({
      message: `Kafka Streams refuses to start: "${f.refusal.message}" (StreamsConfig reads the unprefixed ${f.key} itself).`,
      span: f.entry.valueSpan,
      fixes: rm ? [{ title: `Remove ${f.source.name} (${OWN_KEY_FALLBACK[f.key]})`, edits: rm, keys: [f.key] }] : [],
      consequence: 'throws',
    });
  }
  return reported;
}

export const STREAMS_RULES: Rule[] = [
  streamsEosOverridesIgnored,
  streamsEosMaxInFlight,
  streamsEosTxnTimeout,
  streamsDeprecatedEos,
  streamsInvalidGuarantee,
];

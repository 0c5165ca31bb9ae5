/**
 * Rules about Spring Boot and the Spring Cloud Stream Kafka binder, which wrap the Java producer: keys set twice,
 * keys the framework never binds, the framework refusing to start, the binder's required-acks default. The Spring
 * detector (detect/spring.ts) leaves what it found on the block as facts (facts.ts); these rules build their
 * messages, spans and fixes from them.
 */
import type { FixSpec, TextEdit } from '../types';
import { yamlMeta } from '../types';
import type {
  ScsBindingProducerKeyFact,
  ScsBindingTransactionKeyFact,
  ScsStreamsKeyFact,
  SpringDuplicateKeyFact,
  SpringLegacyProfilesFact,
  SpringUnboundKeyFact,
  SpringUnconvertibleRetriesFact,
} from '../facts';
import { factsOf } from '../facts';
import { defineRule, type BlockContext, type Report } from './rule';
import { MSG } from '../clients/java/verdict';
import { K } from '../clients/java/config';
import { versionLabel } from '../version';
import { editsOverlap } from '../text';
import { foldInsertions } from '../formats/editor';
import { binderRequiredAcksDefault, DELIVERY_KEYS, SCS_STREAMS_CONFIGURATION } from '../detect/spring';

// ---------------------------------------------------------------------------------------------
// spring-duplicate-producer-key

export const springDuplicateProducerKey = defineRule(
  {
    id: 'spring-duplicate-producer-key',
    description:
      'The same producer key set at two Spring Boot levels with different values: spring.kafka.producer.properties.* beats spring.kafka.producer.*, which beats spring.kafka.properties.*.',
    headline: 'Producer key set twice in Spring Boot with different values',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-F2',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'spring-duplicate-key')) {
      const { key, shadowed, winner } = f;
      ctx.report({
        span: shadowed.entry.keySpan,
        message:
          `${shadowed.name}=${shadowed.value} has no effect: ${winner.name}=${winner.value} sets the same producer key ${key}, and Spring ` +
          `applies ${winner.level} after ${shadowed.level}, so the producer gets ${key}=${winner.value}.`,
        related: [{ span: winner.entry.keySpan, message: `${winner.name}=${winner.value} wins` }],
        fixes: duplicateFixes(f),
      });
    }
  },
);

/** Remove the shadowed entry; or remove every entry above it, so that it applies. */
function duplicateFixes({ key, shadowed, winner, above, view }: SpringDuplicateKeyFact): FixSpec[] {
  const fixes: FixSpec[] = [];
  const rmShadowed = view.editor.removeEntry(shadowed.entry);
  if (rmShadowed) fixes.push({ title: `Remove ${shadowed.name} (it has no effect)`, edits: rmShadowed, keys: [key] });
  // every entry above the shadowed one goes, or the next one up would win instead
  const removals = above.map((e) => view.editor.removeEntry(e));
  if (removals.every((e) => e !== undefined)) {
    const edits = removals.flat();
    if (!editsOverlap(edits)) fixes.push({ title: `Remove ${winner.name} (so that ${key}=${shadowed.value} applies)`, edits, keys: [key] });
  }
  return fixes;
}

// ---------------------------------------------------------------------------------------------
// spring-unbound-producer-key

export const springUnboundProducerKey = defineRule(
  {
    id: 'spring-unbound-producer-key',
    description:
      'A key under spring.kafka.producer that Spring Boot does not bind (enable-idempotence, max-in-flight-requests-per-connection...): it never reaches the producer. A warning for idempotence and delivery settings, an info for the others.',
    headline: 'Spring Boot does not bind this key: it never reaches the producer',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: '§5.1',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'spring-unbound-key')) {
      const { source, meant } = f;
      const target = `spring.kafka.producer.properties.${meant}`;
      // idempotence and delivery settings: the producer then runs with other delivery semantics than the file says — a
      // warning; a dropped throughput or timing setting (linger-ms, max-request-size...) is an info
      const delivery = DELIVERY_KEYS.has(meant);
      ctx.report({
        span: source.entry.keySpan,
        message:
          `Spring Boot does not bind ${source.name}: KafkaProperties.Producer has no such property, and Boot ignores unknown keys under ` +
          `spring.kafka.producer, so the producer never sees it${delivery ? ` (its ${meant} is whatever the rest of the configuration makes it)` : ''}. Did you mean ${target}?`,
        fixes: unboundFixes(f, target, ctx.doc.text),
        consequence: 'ignored',
        ...(delivery ? {} : { severity: 'info' as const }),
      });
    }
  },
);

/** Remove the key when the meant key is set already; else move its value into the `properties` map, or rename it there. */
function unboundFixes(f: SpringUnboundKeyFact, target: string, text: string): FixSpec[] {
  const { source, meant, alreadySet, view } = f;
  const entry = source.entry;
  if (alreadySet) {
    const rm = view.editor.removeEntry(entry);
    return rm ? [{ title: `Remove ${source.name} (${meant} is already set)`, edits: rm, keys: [meant] }] : [];
  }
  const raw = text.slice(entry.keySpan.start, entry.keySpan.end);
  const tailRaw = source.elements.slice(3).join('.');
  // nested YAML (`producer:` / `  enable-idempotence: true`): move the value into the `properties` map
  const moved = raw === tailRaw ? movedToPropertiesMap(f) : undefined;
  if (moved) return [{ title: `Move to ${target}`, edits: moved, keys: [meant] }];
  if (!/^["']/.test(raw) && raw.endsWith(tailRaw) && (raw.length === tailRaw.length || raw[raw.length - tailRaw.length - 1] === '.')) {
    // rename in place: the unbound tail of the key becomes `properties.<kafka key>`
    return [
      {
        title: `Rename to ${target}`,
        edits: [{ span: { start: entry.keySpan.end - tailRaw.length, end: entry.keySpan.end }, newText: `properties.${meant}` }],
        keys: [meant],
      },
    ];
  }
  return [];
}

/** The edits that move a nested YAML key's value into `spring.kafka.producer.properties`, when its own line goes. */
function movedToPropertiesMap({ source, meant, view }: SpringUnboundKeyFact): TextEdit[] | undefined {
  const entry = source.entry;
  const meta = yamlMeta(entry);
  if (view.format !== 'yaml' || entry.value === undefined || !meta || meta.flow || meta.viaAlias) return undefined;
  const rm = view.editor.removeEntry(entry);
  const add = view.editor.insert(
    { doc: source.doc, elements: ['spring', 'kafka', 'producer', 'properties', ...meant.split('.')], leafFrom: 4 },
    entry.value.trim(),
  );
  // only when the key's own line goes (removing the last key of `producer:` would remove that line too)
  if (rm && add && rm.length === 1 && rm[0].span.start === entry.entrySpan.start && !editsOverlap([...rm, ...add])) {
    return foldInsertions([...rm, ...add]);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// spring-cloud-stream-required-acks-default-1

export const scsRequiredAcksDefault = defineRule(
  {
    id: 'spring-cloud-stream-required-acks-default-1',
    description:
      'The Spring Cloud Stream Kafka binder writes acks from required-acks, which defaults to 1 through binder 5.0.1 (all from 5.0.2): idempotence is silently off, or with binder transactions the producer refuses to start.',
    headline: 'Kafka binder writes acks=1 (required-acks default)',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-F6',
  },
  (ctx) => {
    const block = ctx.block;
    if (block.dialect !== 'spring-cloud-stream') return;
    // the detector puts the binder's required-acks default into the block (by binder version); a user acks anywhere wins
    const acks = block.values.get(K.acks);
    if (!acks?.injectedBy || acks.entry || acks.value !== '1') return;
    const v = ctx.java();
    const c = v.conflicts.find((x) => x.kind === 'acks');
    if (!c) return;
    const label = versionLabel(ctx.version);
    const binder = binderRequiredAcksDefault(ctx.settings).label;
    const fixes: FixSpec[] = [
      { title: 'Set spring.cloud.stream.kafka.binder.required-acks=all', ops: [{ op: 'set', key: K.acks, value: 'all' }] },
    ];
    if (c.consequence === 'throws') {
      const why = v.idempotence?.injectedBy
        ? `${v.idempotence.injectedBy} sets enable.idempotence explicitly`
        : 'enable.idempotence is set explicitly';
      ctx.report({
        span: block.anchor,
        message:
          `No acks is configured, so the Spring Cloud Stream Kafka binder puts its required-acks default acks=1 into the producer config (${binder}; binders up to 5.0.1 default to 1), ` +
          `and ${label} refuses to start the producer: "${MSG.acksThrow}" (${why}, so the conflict is fatal).`,
        fixes,
        severity: 'error',
        consequence: 'throws',
      });
      return;
    }
    ctx.report({
      span: block.anchor,
      message:
        `No acks is configured, so the Spring Cloud Stream Kafka binder puts its required-acks default acks=1 into the producer config (${binder}; binders up to 5.0.1 default to 1), ` +
        `and ${label} silently disables idempotence for the binder's producers: it only logs INFO "${c.clientMessage}".`,
      fixes: [
        ...fixes,
        {
          title: 'Set enable.idempotence=false (accept acks=1; make the downgrade explicit)',
          ops: [{ op: 'set', key: K.idempotence, value: 'false' }],
        },
      ],
      consequence: 'silent-disable',
    });
  },
);

// ---------------------------------------------------------------------------------------------
// spring-startup-failure

export const springStartupFailure = defineRule(
  {
    id: 'spring-startup-failure',
    description:
      'Spring Boot refuses to start the application before any producer exists: a property it cannot bind (spring.kafka.producer.retries: abc), or the legacy spring.profiles in a config file.',
    headline: 'Spring Boot refuses to start the application',
    defaultSeverity: 'error',
    fixable: false,
    clients: ['java'],
    catalogue: '§5',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'spring-unconvertible-retries', 'spring-legacy-profiles')) {
      const { span, why } = f.kind === 'spring-unconvertible-retries' ? unconvertibleRetries(f) : legacyProfiles(f);
      ctx.report({
        span,
        message: `Spring Boot refuses to start the application: "${f.exception}" (${why}), before any producer is created.`,
        consequence: 'throws',
      });
    }
  },
);

function unconvertibleRetries({ entry, value }: SpringUnconvertibleRetriesFact): { span: Report['span']; why: string } {
  return { span: entry.valueSpan, why: `${JSON.stringify(value.trim())} is not an Integer` };
}

function legacyProfiles({ source, boot, refused }: SpringLegacyProfilesFact): { span: Report['span']; why: string } {
  const release =
    refused === 'next-to-on-profile'
      ? `${boot}: Boot 2.4 – 2.7 still read spring.profiles (with a WARN), but not next to spring.config.activate.on-profile in the same document`
      : `${boot}: Boot 3.0 and later refuse spring.profiles in any config document, active or not; before 2.4 it was the profile syntax, and 2.4 – 2.7 only warn`;
  return { span: source.entry.keySpan, why: `InvalidConfigDataPropertyException; ${release}` };
}

// ---------------------------------------------------------------------------------------------
// spring-cloud-stream-ignored-key

export const scsIgnoredKey = defineRule(
  {
    id: 'spring-cloud-stream-ignored-key',
    description:
      "A Spring Cloud Stream Kafka key the binder never uses: a binding-level transaction setting (transactions are binder-wide), a delivery setting written straight under a binding's producer, or a Kafka Streams setting in the message-channel binder's configuration map.",
    headline: 'The Spring Cloud Stream Kafka binder never uses this key',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-F6',
  },
  (ctx) => {
    const kinds = ['scs-binding-transaction-key', 'scs-binding-producer-key', 'scs-streams-key-in-binder-configuration'] as const;
    for (const f of factsOf(ctx.block, ...kinds)) {
      if (f.kind === 'scs-binding-transaction-key') ctx.report(bindingTransactionKey(f, ctx));
      else if (f.kind === 'scs-binding-producer-key') ctx.report(bindingProducerKey(f, ctx.doc.text));
      else ctx.report(streamsKeyInBinderConfiguration(f, ctx.doc.text));
    }
  },
);

/** A binding-level transaction key: transactions are binder-wide. An info when the binder is transactional anyway. */
function bindingTransactionKey({ source, binding, transactional, prefix }: ScsBindingTransactionKeyFact, ctx: BlockContext): Report {
  const already =
    transactional && prefix
      ? ` The binder is transactional here already (${prefix.name}, line ${ctx.lines.lineOf(prefix.entry.keySpan.start) + 1}), so binding '${binding}' uses the transactional producer anyway and this line changes nothing.`
      : ` Transactions are set for the whole binder: spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix makes every binding use the transactional producer.`;
  return {
    span: source.entry.keySpan,
    message:
      `Spring Cloud Stream does not bind ${source.name}: KafkaBindingProperties has only consumer and producer, and KafkaProducerProperties no transaction settings; ` +
      `unknown keys there are ignored, so binding '${binding}' is ${transactional ? 'not made transactional by it' : 'not transactional'}.${already}`,
    consequence: 'ignored',
    ...(transactional ? { severity: 'info' as const } : {}),
  };
}

/** A delivery setting straight under a binding's `producer.`: its map is `producer.configuration` (a transactional binder's, `binder.transaction.producer.configuration`). */
function bindingProducerKey(f: ScsBindingProducerKeyFact, text: string): Report {
  const { source, binding, tail, meant, transactional } = f;
  const entry = source.entry;
  const where = transactional
    ? `spring.cloud.stream.kafka.binder.transaction.producer.configuration.${meant} (the binder is transactional: every binding uses the transactional producer, built from binder.transaction.producer.*)`
    : `spring.cloud.stream.kafka.bindings.${binding}.producer.configuration.${meant}`;
  const fixes: FixSpec[] = [];
  const raw = text.slice(entry.keySpan.start, entry.keySpan.end);
  if (!transactional && !/^["']/.test(raw) && raw.endsWith(tail) && raw[raw.length - tail.length - 1] === '.' && !f.bindingSetsIt) {
    fixes.push({
      title: `Rename to ${where}`,
      edits: [{ span: { start: entry.keySpan.end - tail.length, end: entry.keySpan.end }, newText: `configuration.${meant}` }],
      keys: [meant],
    });
  }
  return {
    span: entry.keySpan,
    message:
      `Spring Cloud Stream does not bind ${source.name}: KafkaProducerProperties has no such property, and unknown keys there are ignored, ` +
      `so the producer of binding '${binding}' never sees it. Did you mean ${where}?`,
    fixes,
    consequence: 'ignored',
  };
}

/** A Kafka Streams setting in the message-channel binder's configuration map: the Kafka Streams binder reads its own. */
function streamsKeyInBinderConfiguration({ source, entry, key, streamsKeyWritten }: ScsStreamsKeyFact, text: string): Report {
  const target = `${SCS_STREAMS_CONFIGURATION}.${key}`;
  const fixes: FixSpec[] = [];
  const raw = text.slice(entry.keySpan.start, entry.keySpan.end);
  const from = 'spring.cloud.stream.kafka.binder.configuration.';
  if (!streamsKeyWritten && raw.startsWith(from) && raw === `${from}${key}`) {
    fixes.push({ title: `Rename to ${target}`, edits: [{ span: entry.keySpan, newText: target }], keys: [key] });
  }
  return {
    span: entry.keySpan,
    message:
      `The Spring Cloud Stream Kafka binder drops ${source.name}: it copies from spring.cloud.stream.kafka.binder.configuration only the keys ProducerConfig and ConsumerConfig know, ` +
      `and ${key} is a Kafka Streams setting; the Kafka Streams binder reads ${target}. No Kafka Streams application gets this value.`,
    fixes,
    consequence: 'ignored',
  };
}

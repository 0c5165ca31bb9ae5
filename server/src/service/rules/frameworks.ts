/**
 * Rules about the Java-client frameworks that inject producer settings: Kafka Streams
 * (catalogue §2.2) and, later, Kafka Connect, Quarkus/SmallRye. The detectors know the
 * dialect and hand their findings over as block notes; these rules report them.
 */
import { noteRule } from './dialect';
import { defineRule, type Rule } from './rule';
import { K } from '../clients/java/config';
import { versionLabel } from '../version';
import { consequence, javaFacts, sentence } from './claims';

export const streamsEosOverridesIgnored = noteRule({
  id: 'streams-eos-overrides-ignored',
  description:
    'enable.idempotence or transactional.id in a Kafka Streams config with exactly-once: Streams ignores the value (with a WARN) and uses its own.',
  headline: 'Kafka Streams exactly-once ignores this producer setting',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-S1',
});

export const streamsEosMaxInFlight = noteRule({
  id: 'streams-eos-max-in-flight-gt-5',
  description:
    'max.in.flight.requests.per.connection above 5 (or not an integer) with Kafka Streams exactly-once: Streams refuses to start.',
  headline: 'Kafka Streams refuses to start: exactly-once needs in-flight <= 5',
  defaultSeverity: 'error',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-S2',
});

export const streamsEosTxnTimeout = noteRule({
  id: 'streams-eos-txn-timeout-lt-commit-interval',
  description:
    'Kafka Streams exactly-once with producer.transaction.timeout.ms (default 10000) below commit.interval.ms (default 100 under exactly-once): Streams 3.0+ refuses to start.',
  headline: 'Streams refuses to start: transaction timeout too low',
  defaultSeverity: 'error',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-S5',
});

export const streamsDeprecatedEos = noteRule({
  id: 'streams-deprecated-eos-value',
  description:
    'processing.guarantee=exactly_once or exactly_once_beta: deprecated (WARN) in Kafka Streams 3.x, rejected by 4.x; use exactly_once_v2.',
  headline: 'Old exactly-once value: deprecated in Streams 3.x, rejected by 4.x',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-S4',
});

export const streamsInvalidGuarantee = noteRule({
  id: 'streams-processing-guarantee-invalid',
  description:
    'processing.guarantee is not a value Kafka Streams accepts (case-sensitive: at_least_once or exactly_once_v2 in 4.x): Streams refuses to start.',
  headline: 'Kafka Streams refuses to start: invalid processing.guarantee',
  defaultSeverity: 'error',
  fixable: true,
  clients: ['java'],
});

export const connectOverridePolicy = noteRule({
  id: 'connect-override-policy',
  description:
    'producer.override.* in a connector config while the worker in the same file sets connector.client.config.override.policy=None or Principal: Connect rejects the connector.',
  headline: 'Kafka Connect rejects the connector: overrides not allowed by policy',
  defaultSeverity: 'error',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-CN2',
});

export const connectEosForced = noteRule({
  id: 'connect-eos-forced-producer-configs',
  description:
    'enable.idempotence=false or a transactional.id for producers while exactly.once.source.support=enabled: Kafka Connect ignores them for source tasks (with a WARN).',
  headline: 'Kafka Connect exactly-once ignores this producer setting',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-CN3',
});

export const smallryeAcksDefault = defineRule(
  {
    id: 'smallrye-acks-default-1',
    description:
      'A SmallRye / Quarkus Kafka outgoing channel without acks: the connector writes acks=1 into the producer config, so idempotence is silently off.',
    headline: 'SmallRye writes acks=1 when unset: idempotence silently off',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-F3',
  },
  (ctx) => {
    const block = ctx.block;
    if (block.dialect !== 'smallrye-kafka') return;
    const acks = block.values.get(K.acks);
    if (!acks?.injectedBy || acks.entry) return;
    const v = ctx.java();
    if (v.transactionFailure) return; // transactional-id-requires-idempotence says it
    const c = v.conflicts.find((x) => x.kind === 'acks' && x.consequence === 'silent-disable');
    if (!c) return;
    const x = block.extra;
    if (x?.kind !== 'smallrye') return; // every smallrye-kafka block carries its channel (detect/smallrye.ts)
    const ch = x.channel;
    const then = consequence(javaFacts(block, ctx.version, v), ['leader-only-ack', 'retry-duplicates']);
    ctx.report({
      span: block.anchor,
      message:
        `Channel '${ch}' sets no acks, so the SmallRye Kafka connector puts its default acks=1 into the producer config, and ${versionLabel(ctx.version)} ` +
        `silently disables idempotence: it only logs INFO "${c.clientMessage}".${then ? ` ${sentence(then)}.` : ''}`,
      fixes: [
        {
          title: `Set ${block.writer.describe({ op: 'set', key: K.acks, value: 'all' })}`,
          ops: [{ op: 'set', key: K.acks, value: 'all' }],
        },
        {
          title: 'Set enable.idempotence=false (accept acks=1; make the downgrade explicit)',
          ops: [{ op: 'set', key: K.idempotence, value: 'false' }],
        },
      ],
      consequence: 'silent-disable',
    });
  },
);

export const FRAMEWORK_RULES: Rule[] = [
  streamsEosOverridesIgnored,
  streamsEosMaxInFlight,
  streamsEosTxnTimeout,
  streamsDeprecatedEos,
  streamsInvalidGuarantee,
  connectOverridePolicy,
  connectEosForced,
  smallryeAcksDefault,
];

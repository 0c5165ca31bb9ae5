/**
 * Rules about Kafka Connect (catalogue §2.3): the producer.override.* keys a worker's override policy refuses, and
 * the producer settings exactly-once source support overrides. The detector (detect/connect.ts, also for Strimzi
 * resources and container environments) leaves what it read on the block as facts (`ConnectFact`, facts.ts); each
 * rule here builds its findings from them. Fixes edit through the editor of the configuration the block reads,
 * which the fact carries (a file, a resource's config map, environment variables).
 */
import type { FixSpec } from '../types';
import { defineRule, type Rule } from './rule';
import { factsOf } from '../facts';
import { K } from '../clients/java/config';

const POLICY_KEY = 'connector.client.config.override.policy';

export const connectOverridePolicy = defineRule(
  {
    id: 'connect-override-policy',
    description:
      'producer.override.* in a connector config while the worker in the same file sets connector.client.config.override.policy=None or Principal: Connect rejects the connector.',
    headline: 'Kafka Connect rejects the connector: overrides not allowed by policy',
    defaultSeverity: 'error',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-CN2',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'connect-override-refused')) {
      const { source, policy, policyEntry, editor } = f;
      const fixes: FixSpec[] = [];
      const allowAll = policyEntry && editor.setEntry(policyEntry.entry, 'All');
      if (allowAll) fixes.push({ title: `Set ${POLICY_KEY}=All (the default since 3.0)`, edits: allowAll, keys: [POLICY_KEY] });
      const rm = editor.removeEntry(source.entry);
      if (rm) fixes.push({ title: `Remove ${source.name}`, edits: rm, keys: [f.key] });
      ctx.report({
        message:
          `Kafka Connect rejects this connector configuration: "${f.refusal.message}" ` +
          (policyEntry ? `(${POLICY_KEY}=${policy}).` : `(${POLICY_KEY} is not set: its default before Kafka Connect 3.0 is None).`),
        span: source.entry.keySpan,
        related: policyEntry ? [{ span: policyEntry.entry.keySpan, message: `${POLICY_KEY}=${policy}` }] : [],
        fixes,
        consequence: 'throws',
      });
    }
  },
);

export const connectEosForced = defineRule(
  {
    id: 'connect-eos-forced-producer-configs',
    description:
      'enable.idempotence=false or a transactional.id for producers while exactly.once.source.support=enabled: Kafka Connect ignores them for source tasks (with a WARN).',
    headline: 'Kafka Connect exactly-once ignores this producer setting',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-CN3',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'connect-eos-forced')) {
      const { key, source, value } = f;
      const quoted = f.winner
        ? ` (${f.winner.name} is the value the worker reads, and ignores too.)`
        : key === K.idempotence && value !== undefined
          ? ` The worker logs WARN "The value '${value}' for the 'enable.idempotence' property will be ignored as it cannot be overridden for connectors when exactly-once source support is enabled. The value 'true' will be used instead."`
          : ' The worker logs a WARN that the value is ignored.';
      const rm = f.editor.removeEntry(source.entry);
      ctx.report({
        message:
          `${source.name} is ignored for source tasks: with exactly.once.source.support=enabled Kafka Connect sets ` +
          `${key === K.idempotence ? 'enable.idempotence=true' : `transactional.id=${f.transactionalId}`} for their producers.${quoted}`,
        span: source.entry.keySpan,
        related: [{ span: f.eosEntry.entry.keySpan, message: 'exactly.once.source.support=enabled' }],
        fixes: rm ? [{ title: `Remove ${source.name} (Connect ignores it)`, edits: rm, keys: [key] }] : [],
        consequence: 'ignored',
      });
    }
  },
);

export const CONNECT_RULES: Rule[] = [connectOverridePolicy, connectEosForced];

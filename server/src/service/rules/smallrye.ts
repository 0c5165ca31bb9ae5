/**
 * Rules about SmallRye Reactive Messaging Kafka (Quarkus): the producer settings its connector writes for an outgoing
 * channel (detect/smallrye.ts puts them into the block as injected values).
 */
import { defineRule, type Rule } from './rule';
import { K } from '../clients/java/config';
import { versionLabel } from '../version';
import { consequence, javaFacts, sentence } from './claims';

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

export const SMALLRYE_RULES: Rule[] = [smallryeAcksDefault];

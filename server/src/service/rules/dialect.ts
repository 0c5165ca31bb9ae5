/**
 * Rules about the dialects that wrap the Java producer (Spring Boot, Spring Cloud
 * Stream) and about YAML values. Most findings are computed by the detectors, which
 * know the dialect, and handed over as block notes; these rules report them.
 */
import type { BlockValue, FixSpec } from '../types';
import { defineRule, type Rule, type RuleMeta } from './rule';
import { evaluateJava, MSG } from '../verdict/java';
import { K } from '../javaConfig';
import { versionLabel } from '../version';

export function noteRule(meta: RuleMeta): Rule {
  return defineRule(meta, (ctx) => {
    for (const n of ctx.block.notes ?? []) {
      if (n.ruleId !== meta.id) continue;
      ctx.report({ span: n.span, message: n.message, related: n.related, fixes: n.fixes, consequence: n.consequence, severity: n.severity });
    }
  });
}

export const springDuplicateProducerKey = noteRule({
  id: 'spring-duplicate-producer-key',
  description:
    'The same producer key set at two Spring Boot levels with different values: spring.kafka.producer.properties.* beats spring.kafka.producer.*, which beats spring.kafka.properties.*.',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-F2',
});

export const springUnboundProducerKey = noteRule({
  id: 'spring-unbound-producer-key',
  description:
    'A key under spring.kafka.producer that Spring Boot does not bind (enable-idempotence, max-in-flight-requests-per-connection...): it never reaches the producer.',
  defaultSeverity: 'info',
  fixable: true,
  clients: ['java'],
  catalogue: '§5.1',
});

export const yamlAmbiguousBoolean = noteRule({
  id: 'yaml-ambiguous-boolean',
  description:
    'enable.idempotence written as a YAML 1.1 boolean (yes, on, no, off, y, n): YAML 1.1 parsers such as SnakeYAML read a boolean, YAML 1.2 parsers a string the Java client rejects.',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: '§5.2, R-J11',
});

const BINDER_CAVEAT =
  'in the Spring Cloud Stream Kafka binder versions whose required-acks defaults to 1 (the default was read at one binder commit; check the version you use)';

export const scsRequiredAcksDefault = defineRule(
  {
    id: 'spring-cloud-stream-required-acks-default-1',
    description:
      'The Spring Cloud Stream Kafka binder writes acks from required-acks, which defaults to 1 in the binder versions the catalogue read: idempotence is silently off, or with binder transactions the producer refuses to start.',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-F6',
  },
  (ctx) => {
    const block = ctx.block;
    if (block.dialect !== 'spring-cloud-stream' || block.values.has(K.acks)) return;
    const acks: BlockValue = {
      key: K.acks,
      value: '1',
      kind: 'string',
      injectedBy: 'the Spring Cloud Stream Kafka binder',
      origin: "the binder's required-acks default",
    };
    const values = new Map(block.values);
    values.set(K.acks, acks);
    const v = evaluateJava({ values }, ctx.version);
    const c = v.conflicts.find((x) => x.kind === 'acks');
    if (!c) return;
    const label = versionLabel(ctx.version);
    const fixes: FixSpec[] = [{ title: 'Set spring.cloud.stream.kafka.binder.required-acks=all', ops: [{ op: 'set', key: K.acks, value: 'all' }] }];
    if (c.consequence === 'throws') {
      const why = v.idempotence?.injectedBy ? `${v.idempotence.injectedBy} sets enable.idempotence explicitly` : 'enable.idempotence is set explicitly';
      ctx.report({
        span: block.anchor,
        message:
          `No acks is configured, so ${BINDER_CAVEAT} the binder puts acks=1 into its producer config, and ${label} refuses to start the producer: ` +
          `"${MSG.acksThrow}" (${why}, so the conflict is fatal).`,
        fixes,
        consequence: 'throws',
      });
      return;
    }
    ctx.report({
      span: block.anchor,
      message:
        `No acks is configured, so ${BINDER_CAVEAT} the binder puts acks=1 into its producer config, and ${label} silently disables idempotence ` +
        `for the binder's producers: it only logs INFO "${c.clientMessage}".`,
      fixes: [...fixes, { title: 'Set enable.idempotence=false (accept acks=1; make the downgrade explicit)', ops: [{ op: 'set', key: K.idempotence, value: 'false' }] }],
      severity: 'info',
      consequence: 'silent-disable',
    });
  },
);

export const DIALECT_RULES: Rule[] = [springDuplicateProducerKey, springUnboundProducerKey, yamlAmbiguousBoolean, scsRequiredAcksDefault];

/**
 * Rules about the dialects that wrap the Java producer (Spring Boot, Spring Cloud
 * Stream) and about YAML values. Most findings are computed by the detectors, which
 * know the dialect, and handed over as block notes; these rules report them.
 */
import type { FixSpec } from '../types';
import { defineRule, type Rule, type RuleMeta } from './rule';
import { MSG } from '../clients/java/verdict';
import { K } from '../clients/java/config';
import { versionLabel } from '../version';

export function noteRule(meta: RuleMeta): Rule {
  return defineRule(meta, (ctx) => {
    for (const n of ctx.block.notes ?? []) {
      if (n.ruleId !== meta.id) continue;
      ctx.report({
        span: n.span,
        message: n.message,
        related: n.related,
        fixes: n.fixes,
        consequence: n.consequence,
        severity: n.severity,
      });
    }
  });
}

export const springDuplicateProducerKey = noteRule({
  id: 'spring-duplicate-producer-key',
  description:
    'The same producer key set at two Spring Boot levels with different values: spring.kafka.producer.properties.* beats spring.kafka.producer.*, which beats spring.kafka.properties.*.',
  headline: 'Producer key set twice in Spring Boot with different values',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-F2',
});

export const springUnboundProducerKey = noteRule({
  id: 'spring-unbound-producer-key',
  description:
    'A key under spring.kafka.producer that Spring Boot does not bind (enable-idempotence, max-in-flight-requests-per-connection...): it never reaches the producer. A warning for idempotence and delivery settings, an info for the others.',
  headline: 'Spring Boot does not bind this key: it never reaches the producer',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: '§5.1',
});

export const scsIgnoredKey = noteRule({
  id: 'spring-cloud-stream-ignored-key',
  description:
    "A Spring Cloud Stream Kafka key the binder never uses: a binding-level transaction setting (transactions are binder-wide), a delivery setting written straight under a binding's producer, or a Kafka Streams setting in the message-channel binder's configuration map.",
  headline: 'The Spring Cloud Stream Kafka binder never uses this key',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-F6',
});

export const yamlAmbiguousBoolean = noteRule({
  id: 'yaml-ambiguous-boolean',
  description:
    'enable.idempotence written as a YAML 1.1 boolean (yes, on, no, off, y, n): YAML 1.1 parsers such as SnakeYAML read a boolean, YAML 1.2 parsers a string the Java client rejects.',
  headline: 'YAML 1.1 boolean: SnakeYAML reads a boolean, YAML 1.2 a rejected string',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: '§5.2, R-J11',
});

export const springStartupFailure = noteRule({
  id: 'spring-startup-failure',
  description:
    'Spring Boot refuses to start the application before any producer exists: a property it cannot bind (spring.kafka.producer.retries: abc), or the legacy spring.profiles in a config file.',
  headline: 'Spring Boot refuses to start the application',
  defaultSeverity: 'error',
  fixable: false,
  clients: ['java'],
  catalogue: '§5',
});

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
    const binder = acks.injectedBy.replace(/^the Spring Cloud Stream Kafka binder \(its required-acks default, (.*)\)$/, '$1');
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

export const DIALECT_RULES: Rule[] = [
  springDuplicateProducerKey,
  springUnboundProducerKey,
  yamlAmbiguousBoolean,
  scsRequiredAcksDefault,
  springStartupFailure,
  scsIgnoredKey,
];

/**
 * Rules about the Java-client frameworks that inject producer settings: Kafka Streams
 * (catalogue §2.2) and, later, Kafka Connect, Quarkus/SmallRye. The detectors know the
 * dialect and hand their findings over as block notes; these rules report them.
 */
import { noteRule } from './dialect';
import type { Rule } from './rule';

export const streamsEosOverridesIgnored = noteRule({
  id: 'streams-eos-overrides-ignored',
  description:
    'enable.idempotence or transactional.id in a Kafka Streams config with exactly-once: Streams ignores the value (with a WARN) and uses its own.',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-S1',
});

export const streamsEosMaxInFlight = noteRule({
  id: 'streams-eos-max-in-flight-gt-5',
  description: 'max.in.flight.requests.per.connection above 5 (or not an integer) with Kafka Streams exactly-once: Streams refuses to start.',
  defaultSeverity: 'error',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-S2',
});

export const streamsDeprecatedEos = noteRule({
  id: 'streams-deprecated-eos-value',
  description:
    'processing.guarantee=exactly_once or exactly_once_beta: deprecated (WARN) in Kafka Streams 3.x, rejected by 4.x; use exactly_once_v2.',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-S4',
});

export const connectOverridePolicy = noteRule({
  id: 'connect-override-policy',
  description:
    'producer.override.* in a connector config while the worker in the same file sets connector.client.config.override.policy=None or Principal: Connect rejects the connector.',
  defaultSeverity: 'error',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-CN2',
});

export const connectEosForced = noteRule({
  id: 'connect-eos-forced-producer-configs',
  description:
    'enable.idempotence=false or a transactional.id for producers while exactly.once.source.support=enabled: Kafka Connect ignores them for source tasks (with a WARN).',
  defaultSeverity: 'warning',
  fixable: true,
  clients: ['java'],
  catalogue: 'R-CN3',
});

export const FRAMEWORK_RULES: Rule[] = [
  streamsEosOverridesIgnored,
  streamsEosMaxInFlight,
  streamsDeprecatedEos,
  connectOverridePolicy,
  connectEosForced,
];

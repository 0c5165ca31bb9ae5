import { defineEngineRule, type Rule } from './rule';
import { JAVA_RULES } from './java';
import { LIBRDKAFKA_RULES } from './librdkafka';
import { KAFKAJS_RULES } from './kafkajs';
import { CKJS_RULES } from './ckjs';
import { PLATFORMATIC_RULES } from './platformatic';
import {
  scsIgnoredKey,
  scsRequiredAcksDefault,
  springDuplicateProducerKey,
  springStartupFailure,
  springUnboundProducerKey,
} from './spring';
import { yamlAmbiguousBoolean } from './yaml';
import { STREAMS_RULES } from './streams';
import { CONNECT_RULES } from './connect';
import { SMALLRYE_RULES } from './smallrye';
import { transactionsReadUncommitted } from './consumers';
import { NOTICE_RULES } from '../notices';

/** Findings about suppression directives themselves (cannot be suppressed). */
export const unusedDisableDirective = defineEngineRule({
  id: 'unused-disable-directive',
  description: 'A kafka-idempotence-disable directive that suppresses nothing, or names an unknown rule.',
  headline: 'Disable directive suppresses nothing, or names an unknown rule',
  defaultSeverity: 'warning',
  fixable: true,
});

/** The file cannot be loaded by the client at all. */
export const propertiesSyntax = defineEngineRule({
  id: 'properties-malformed-unicode-escape',
  description: 'A malformed \\uXXXX escape: java.util.Properties.load throws and no producer config is read.',
  headline: 'Malformed \\uXXXX escape: Properties.load throws',
  defaultSeverity: 'error',
  fixable: false,
});

/** Every rule, in a stable order (documentation, SARIF, settings). */
export const ALL_RULES: Rule[] = [
  ...JAVA_RULES,
  ...LIBRDKAFKA_RULES,
  ...KAFKAJS_RULES,
  ...CKJS_RULES,
  ...PLATFORMATIC_RULES,
  springDuplicateProducerKey,
  springUnboundProducerKey,
  yamlAmbiguousBoolean,
  scsRequiredAcksDefault,
  springStartupFailure,
  scsIgnoredKey,
  ...STREAMS_RULES,
  ...CONNECT_RULES,
  ...SMALLRYE_RULES,
  transactionsReadUncommitted,
  unusedDisableDirective,
  propertiesSyntax,
  ...NOTICE_RULES,
];

export const RULES_BY_ID = new Map(ALL_RULES.map((r) => [r.meta.id, r]));

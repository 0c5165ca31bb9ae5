/**
 * Rules about how YAML itself reads a producer value, whatever the dialect. The detectors that read YAML producer
 * maps (detect/spring.ts, detect/genericMap.ts, detect/strimzi.ts) leave a fact on the block (facts.ts) for each
 * value YAML 1.1 and YAML 1.2 parsers read differently; these rules build their messages and fixes from it.
 */
import { factsOf, type Yaml11BooleanFact } from '../facts';
import { defineRule } from './rule';
import { K } from '../clients/java/config';

export const yamlAmbiguousBoolean = defineRule(
  {
    id: 'yaml-ambiguous-boolean',
    description:
      'enable.idempotence written as a YAML 1.1 boolean (yes, on, no, off, y, n): YAML 1.1 parsers such as SnakeYAML read a boolean, YAML 1.2 parsers a string the Java client rejects.',
    headline: 'YAML 1.1 boolean: SnakeYAML reads a boolean, YAML 1.2 a rejected string',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: '§5.2, R-J11',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'yaml-11-boolean')) {
      const { entry, word, value } = f;
      ctx.report({
        span: entry.valueSpan,
        message:
          `enable.idempotence: ${word} is a YAML 1.1 boolean: ${readers(f)} "${word}", ` +
          `which kafka-clients rejects ("Invalid value ${word} for configuration enable.idempotence: Expected value to be either true or false"). Write ${value}.`,
        fixes: [
          {
            title: `Write enable.idempotence: ${value}`,
            edits: [{ span: entry.valueSpan, newText: String(value) }],
            keys: [K.idempotence],
          },
        ],
      });
    }
  },
);

/** What each kind of parser reads, up to the string a YAML 1.2 parser reads. */
function readers({ value, reader }: Yaml11BooleanFact): string {
  return reader === 'spring-boot'
    ? `Spring Boot (SnakeYAML) binds it as ${value}, but a YAML 1.2 parser reads the string`
    : `YAML 1.1 parsers (SnakeYAML, PyYAML) read ${value}, YAML 1.2 parsers read the string`;
}

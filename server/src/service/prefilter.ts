/**
 * A cheap look at a file's text before anything else is done for it (reading its project configuration
 * and build files, parsing it): false only when linting it certainly finds no producer block. The
 * workspace scan skips such files; lint() makes the same checks itself, so this changes no result.
 */
import type { LintInput } from './types';
import { formatOf } from './lint';
import { yamlMayHoldProducer } from './detect';
import { mentionedKafkaModules } from './formats/typescript';

export function mayHoldProducer(input: Pick<LintInput, 'fileName' | 'languageId' | 'text'>): boolean {
  const format = formatOf(input);
  if (format === undefined) return false;
  // YAML: the same trigger words lint() checks before it parses
  if (format === 'yaml') return yamlMayHoldProducer(input.text);
  // TS/JS: a file that names no Kafka client module has no producer (the parser skips it too)
  if (format === 'typescript' || format === 'javascript') return mentionedKafkaModules(input.text).size > 0;
  // every other format (.properties...): the lint itself is the check
  return true;
}

import type {
  BlockOp,
  ClientFamily,
  Consequence,
  FixSpec,
  LintSettings,
  ParsedDocument,
  ProducerBlock,
  RelatedInfo,
  Severity,
  Span,
  Version,
} from '../types';
import type { LineIndex } from '../text';
import type { JavaVerdict } from '../clients/java/verdict';

/** Where each rule's page lives; `codeDescription.href` and SARIF `helpUri` derive from the id. */
export const DOCS_BASE_URL = 'https://github.com/kafka-idempotence-lint/kafka-idempotence-lint/blob/main/docs/rules/';
export const docsUrl = (id: string) => `${DOCS_BASE_URL}${id}.md`;

export interface RuleMeta {
  /** kebab-case; also the diagnostic code, the doc page name and the settings key. */
  id: string;
  /** One line: what the rule finds. */
  description: string;
  /**
   * What a finding of this rule means, in a few words: the CLI's text output shows it next to the
   * location and the rule id (the full message only with --verbose), SARIF as the short description.
   * True for every finding of the rule; short enough that headline + id fit 96 characters, so a
   * finding's line fits 120 columns (test/unit/rule-headlines.test.ts).
   */
  headline: string;
  defaultSeverity: Severity;
  fixable: boolean;
  /** Client families whose blocks the rule looks at; empty for document-level rules. */
  clients: ClientFamily[];
  /** Catalogue id(s), e.g. `R-J1`. */
  catalogue?: string;
}

export interface Report {
  span: Span;
  message: string;
  related?: RelatedInfo[];
  /** First is the preferred fix. */
  fixes?: FixSpec[];
  /** Overrides the rule's default severity for this finding (when the user has no setting for the rule). */
  severity?: Severity;
  consequence?: Consequence;
}

export interface BlockContext {
  doc: ParsedDocument;
  block: ProducerBlock;
  lines: LineIndex;
  settings: LintSettings;
  version: Version;
  /** The Java client's verdict for this block (computed once). */
  java(): JavaVerdict;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta & { docsUrl: string };
  check(ctx: BlockContext): void;
}

export function defineRule(meta: RuleMeta, check: (ctx: BlockContext) => void): Rule {
  return { meta: { ...meta, docsUrl: docsUrl(meta.id) }, check };
}

/** A rule that has no check of its own: findings come from the engine (directives, parse problems). */
export function defineEngineRule(meta: Omit<RuleMeta, 'clients'>): Rule {
  return defineRule({ ...meta, clients: [] }, () => undefined);
}

/**
 * The fix that turns idempotence on with `ops` (the first op sets the idempotence key; the others
 * mend the settings that would conflict with it), titled by what it does.
 */
export function turnOnFix(ops: BlockOp[]): FixSpec {
  return {
    title: ops.length > 1 ? 'Set enable.idempotence=true (and fix the settings that conflict with it)' : 'Set enable.idempotence=true',
    ops,
  };
}

/** A producer whose idempotence rests on a default: turn it on, or make the choice explicit. */
export function decideIdempotenceFixes(ops: BlockOp[], idempotenceKey: string): FixSpec[] {
  return [
    turnOnFix(ops),
    { title: 'Set enable.idempotence=false (make the choice explicit)', ops: [{ op: 'set', key: idempotenceKey, value: 'false' }] },
  ];
}

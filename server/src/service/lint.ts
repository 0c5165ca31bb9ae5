/**
 * The service's entry point: text and settings in, findings (with fixes) out.
 * parse → detect → evaluate → rules → suppression. Pure: no I/O, no vscode, no LSP.
 */
import type {
  Finding, Fix, FixSpec, LintInput, LintResult, LintSettings, ParsedDocument, ProducerBlock, Severity, TextEdit,
} from './types';
import { blockSettings } from './types';
import { LineIndex, editsOverlap } from './text';
import { bomSafeRemoval, parseProperties } from './formats/properties';
import { parseYaml } from './formats/yaml';
import { parseTypeScript } from './formats/typescript';
import { javaMayHoldProducer, parseJava } from './formats/java/document';
import { javaParser } from './formats/java/parser';
import { detectBlocks, yamlMayHoldProducer } from './detect';
import { ALL_RULES, RULES_BY_ID, propertiesSyntax, unusedDisableDirective } from './rules';
import type { Rule, Report } from './rules/rule';
import { evaluateJava, type JavaVerdict } from './verdict/java';
import { parseVersion, LATEST_KAFKA_CLIENTS } from './version';
import { applyDirectives, makeEntryLine, parseDirectives, removeDirectiveFix, suppressionFixes } from './suppression';

export type FormatGuess = ParsedDocument['format'] | undefined;

const LANGUAGE_FORMATS: Record<string, ParsedDocument['format']> = {
  properties: 'properties',
  'java-properties': 'properties',
  yaml: 'yaml',
  // the Docker extension's language for compose files
  dockercompose: 'yaml',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  java: 'java',
};

export function formatOf(input: Pick<LintInput, 'fileName' | 'languageId'>): FormatGuess {
  if (input.languageId && LANGUAGE_FORMATS[input.languageId]) return LANGUAGE_FORMATS[input.languageId];
  const name = input.fileName.toLowerCase().replace(/[?#].*$/, '');
  if (name.endsWith('.properties')) return 'properties';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  if (/\.(ts|tsx|mts|cts)$/.test(name)) return 'typescript';
  if (/\.(js|jsx|mjs|cjs)$/.test(name)) return 'javascript';
  if (name.endsWith('.java')) return 'java';
  return undefined;
}

/** Looks binary: NUL bytes, or mostly replacement/control characters, in the first 8 KB. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) odd++;
  }
  return head.length > 0 && odd / head.length > 0.1;
}

export function parseDocument(format: FormatGuess, text: string, input?: Pick<LintInput, 'fileName' | 'languageId'>): ParsedDocument | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  switch (format) {
    case 'properties':
      return parseProperties(text, bom);
    case 'yaml':
      // comments matter only for suppression directives and the client marker, both `kafka-idempotence-…`
      return parseYaml(text, bom, { comments: text.includes('kafka-idempotence') });
    case 'typescript':
    case 'javascript':
      return parseTypeScript(text, input?.fileName, input?.languageId);
    case 'java': {
      const parser = javaParser();
      return parser ? parseJava(text, parser) : undefined;
    }
    default:
      return undefined;
  }
}

export interface LintOptions {
  /** Replace the rule set (tests inject a failing rule this way). */
  rules?: Rule[];
}

export function resolveSeverity(rule: Rule, settings: LintSettings, suggested?: Severity): Severity | 'off' {
  const s = settings.rules[rule.meta.id];
  if (s === 'off') return 'off';
  if (s && s !== 'default') return s;
  return suggested ?? rule.meta.defaultSeverity;
}

function materialize(block: ProducerBlock | undefined, spec: FixSpec, preferred: boolean, doc?: ParsedDocument): Fix | undefined {
  if (doc?.recovered) return undefined;
  const edits: TextEdit[] = [...(spec.edits ?? [])];
  for (const op of spec.ops ?? []) {
    const e = block?.writer.edits(op);
    if (!e) return undefined;
    edits.push(...e);
  }
  if (edits.length === 0 || editsOverlap(edits)) return undefined;
  // (.properties: a removal of the first lines keeps the line a byte-order mark is on)
  if (doc?.format === 'properties') {
    for (let i = 0; i < edits.length; i++) {
      const span = edits[i].newText === '' ? bomSafeRemoval(doc.text, edits[i].span) : edits[i].span;
      if (span !== edits[i].span) edits[i] = { ...edits[i], span };
    }
  }
  const keys = [...new Set([...(spec.keys ?? []), ...(spec.ops ?? []).map((o) => o.key)])];
  return { title: spec.title, edits, isPreferred: preferred, ...(keys.length ? { keys } : {}) };
}

export function lint(input: LintInput, settings: LintSettings, options: LintOptions = {}): LintResult {
  const result: LintResult = { findings: [], blocks: [], failures: [] };
  if (!settings.enable) return result;
  const { text } = input;
  if (text.length > settings.maxFileSize) {
    result.notice = `Kafka Idempotence Lint skipped ${input.fileName}: ${Math.round(text.length / 1024)} KB is above the size limit of ${Math.round(settings.maxFileSize / 1024)} KB (setting kafkaIdempotence.maxFileSize).`;
    return result;
  }
  const format = formatOf(input);
  if (!format) return result;
  if (looksBinary(text)) {
    result.notice = `Kafka Idempotence Lint skipped ${input.fileName}: it looks like a binary file.`;
    return result;
  }
  // most YAML files have nothing to do with Kafka: when no detector could find anything, skip the parse
  if (format === 'yaml' && !yamlMayHoldProducer(text)) return result;
  // Java: a file that does not name Kafka is not parsed; the parser is the adapters' to load (setJavaParser)
  if (format === 'java') {
    if (!javaMayHoldProducer(text)) return result;
    if (!javaParser()) {
      result.notice = `Kafka Idempotence Lint skipped ${input.fileName}: the Java parser is not loaded.`;
      return result;
    }
  }
  let doc: ParsedDocument | undefined;
  try {
    doc = parseDocument(format, text, input);
  } catch (e) {
    result.failures.push(`parser (${format}) failed on ${input.fileName}: ${(e as Error).stack ?? e}`);
    return result;
  }
  if (!doc) return result;
  // a lone CR: editors break the line there, the yaml package does not, so no edit can be placed safely
  if (doc.format === 'yaml' && /\r(?!\n)/.test(text)) doc.lineBreaksDiffer = true;
  const lines = new LineIndex(text);
  const blocks = detectBlocks({ doc, input, settings, lines });
  result.blocks = blocks;
  const fileSettings = settings;
  const fileVersion = parseVersion(settings.kafkaClientsVersion) ?? { ...LATEST_KAFKA_CLIENTS };
  const rules = options.rules ?? ALL_RULES;
  const knownRule = (id: string) => RULES_BY_ID.has(id) || rules.some((r) => r.meta.id === id);
  const raw: Finding[] = [];
  const many = blocks.length > 1;

  for (const block of blocks) {
    const settings = blockSettings(block, fileSettings);
    const version = block.clientVersion ? parseVersion(settings.kafkaClientsVersion) ?? fileVersion : fileVersion;
    let verdict: JavaVerdict | undefined;
    for (const rule of rules) {
      if (!rule.meta.clients.includes(block.client)) continue;
      if (resolveSeverity(rule, settings) === 'off') continue;
      try {
        rule.check({
          doc,
          block,
          lines,
          settings,
          version,
          java: () => (verdict ??= evaluateJava(block, version)),
          report: (r: Report) => {
            const severity = resolveSeverity(rule, settings, r.severity);
            if (severity === 'off') return;
            const fixes = (r.fixes ?? [])
              .map((spec, i) => materialize(block, spec, i === 0, doc))
              .filter((f): f is Fix => f !== undefined);
            if (fixes.length > 0 && !fixes.some((f) => f.isPreferred)) fixes[0].isPreferred = true;
            raw.push({
              ruleId: rule.meta.id,
              severity,
              message: many ? `${r.message} [${block.name}]` : r.message,
              span: r.span,
              related: r.related ?? [],
              fixes,
              block: block.name,
              consequence: r.consequence,
            });
          },
        });
      } catch (e) {
        result.failures.push(`rule ${rule.meta.id} failed on ${input.fileName}: ${(e as Error).stack ?? e}`);
      }
    }
  }

  // problems in the text itself matter only where a producer config was found
  if (blocks.length > 0) {
    for (const p of doc.problems) {
      const rule = p.code === 'malformed-unicode-escape' ? propertiesSyntax : undefined;
      if (!rule) continue;
      const severity = resolveSeverity(rule, settings);
      if (severity === 'off') continue;
      raw.push({ ruleId: rule.meta.id, severity, message: p.message, span: p.span, related: [], fixes: [] });
    }
  }

  const entryLine = makeEntryLine(doc.entries, lines);
  const directives = parseDirectives(doc, lines, entryLine);
  const outcome = applyDirectives(raw, directives, (f) => entryLine(f.span.start), knownRule);
  const findings = outcome.kept;
  for (const f of findings) f.suppress = suppressionFixes(doc, lines, directives, f, entryLine(f.span.start));
  const unusedSeverity = resolveSeverity(unusedDisableDirective, settings);
  if (unusedSeverity !== 'off') {
    for (const u of outcome.unused) {
      findings.push({
        ruleId: unusedDisableDirective.meta.id,
        severity: unusedSeverity,
        message: u.ruleId
          ? `Unused kafka-idempotence-${u.directive.kind} directive: no '${u.ruleId}' problem was reported ${u.directive.kind === 'disable' ? 'in this file' : 'on that line'}.`
          : `Unused kafka-idempotence-${u.directive.kind} directive: no problem was reported ${u.directive.kind === 'disable' ? 'in this file' : 'on that line'}.`,
        span: u.span,
        related: [],
        fixes: [removeDirectiveFix(doc, lines, u.directive, u.ruleId)],
      });
    }
    for (const u of outcome.unknown) {
      findings.push({
        ruleId: unusedDisableDirective.meta.id,
        severity: unusedSeverity,
        message: `Unknown rule '${u.ruleId}' in a kafka-idempotence-${u.directive.kind} directive.`,
        span: u.span,
        related: [],
        fixes: [removeDirectiveFix(doc, lines, u.directive, u.ruleId)],
      });
    }
  }
  // editors and the parser see different lines: no edit of any kind can be placed safely
  if (doc.lineBreaksDiffer) {
    for (const f of findings) {
      f.fixes = [];
      delete f.suppress;
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  result.findings = findings;
  return result;
}

/**
 * The service's entry point: text and settings in, findings (with fixes) out.
 * parse → detect → evaluate → rules → suppression. Pure: no I/O, no vscode, no LSP.
 */
import type {
  Finding,
  Fix,
  FixSpec,
  LintInput,
  LintResult,
  LintSettings,
  ParsedDocument,
  ProducerBlock,
  Severity,
  TextEdit,
  Version,
} from './types';
import { blockSettings } from './types';
import { LineIndex, editsOverlap, withoutQuery } from './text';
import { bomSafeRemoval, parseProperties } from './formats/properties';
import { parseYaml } from './formats/yaml';
import { mentionedKafkaModules, parseTypeScript } from './formats/typescript';
import { loadTypeScript, ts } from './formats/tsLazy';
import { javaMayHoldProducer, parseJava } from './formats/java/document';
import { javaParser, javaParserFailure } from './formats/java/parser';
import { detectBlocks, yamlMayHoldProducer } from './detect';
import { ALL_RULES, RULES_BY_ID, propertiesSyntax, unusedDisableDirective } from './rules';
import type { Rule, Report } from './rules/rule';
import { evaluateJava, type JavaVerdict } from './clients/java/verdict';
import { parseVersion, versionLabel, LATEST_KAFKA_CLIENTS } from './version';
import { applyDirectives, indexDirectives, makeEntryLine, parseDirectives, removeDirectiveFix, suppressionFixes } from './suppression';
import { NOT_LINTED, errorSummary, internalErrorMessage, isNotice, noticeFinding, parseNotices } from './notices';

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
  const name = withoutQuery(input.fileName.toLowerCase());
  if (name.endsWith('.properties')) return 'properties';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  if (/\.(ts|tsx|mts|cts)$/.test(name)) return 'typescript';
  if (/\.(js|jsx|mjs|cjs)$/.test(name)) return 'javascript';
  if (name.endsWith('.java')) return 'java';
  return undefined;
}

/**
 * Truly binary: a NUL character, or more than 10 % control characters (C0, other than tab, line
 * breaks, form feed and escape), in the first 8 KB. Characters an editor could not decode (U+FFFD)
 * are no sign of binary content: a file in another encoding is still text, and still linted.
 */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27) odd++;
  }
  return head.length > 0 && odd / head.length > 0.1;
}

/** A lone CR (not followed by LF): YAML and editors break the line there; the `yaml` package does not. */
const LONE_CR = /\r(?!\n)/;

export function parseDocument(
  format: FormatGuess,
  text: string,
  input?: Pick<LintInput, 'fileName' | 'languageId'>,
): ParsedDocument | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  switch (format) {
    case 'properties':
      return parseProperties(text, bom);
    case 'yaml': {
      // YAML (1.1 and 1.2) and editors break lines at a lone CR, the `yaml` package does not: it reads
      // the text with each lone CR as LF (same length, so every offset holds for the text as it is).
      // No edit is offered for such a text (lineBreaksDiffer): the file keeps its CRs, which the
      // package would read differently after an edit.
      const loneCr = text.includes('\r') && LONE_CR.test(text);
      const read = loneCr ? text.replace(/\r(?!\n)/g, '\n') : text;
      // comments matter only for suppression directives and the client marker, both `kafka-idempotence-…`
      const doc = parseYaml(read, { comments: text.includes('kafka-idempotence') });
      if (loneCr) doc.lineBreaksDiffer = true;
      return doc;
    }
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

/** A parser that each thread loads on first use. */
export type LazyParser = 'typescript' | 'java';

/**
 * The parser that linting `input` needs and this thread has not loaded yet, if any: the TypeScript
 * compiler (a one-time cost of most of a second) for a TS/JS file that imports a Kafka client, the Java
 * parser (WebAssembly, about 0.1 s) for a `.java` file that names Kafka. The lint workers load it before
 * the lint, so that the load is not counted as time spent on the document: the TypeScript compiler with
 * `loadParser()`, the Java parser through the adapters (its files are I/O and its loading asynchronous:
 * server/src/parsers.ts, `setJavaParser`). A Java parser that failed to load is not tried again (the
 * lint then gives the file-not-linted notice with the reason).
 */
export function parserToLoad(input: Pick<LintInput, 'fileName' | 'languageId' | 'text'>): LazyParser | undefined {
  const format = formatOf(input);
  if (format === 'typescript' || format === 'javascript')
    return !ts && mentionedKafkaModules(input.text).size > 0 ? 'typescript' : undefined;
  if (format === 'java') return !javaParser() && javaParserFailure() === undefined && javaMayHoldProducer(input.text) ? 'java' : undefined;
  return undefined;
}

/** Loads the TypeScript compiler (synchronous; the Java parser is the adapters' to load). */
export function loadParser(): void {
  loadTypeScript();
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

/**
 * The result for a file that is not linted at all: a `file-not-linted` notice (unless turned off) and
 * the same words for the editor's status item (`notice`).
 */
export function notLinted(fileName: string, message: string, settings: Pick<LintSettings, 'rules'>): LintResult {
  const f = noticeFinding('file-not-linted', message, settings);
  return {
    findings: f ? [f] : [],
    blocks: [],
    failures: [],
    notice: `Kafka Idempotence Lint skipped ${fileName}: ${message.replace(/^Not linted: /, '')}`,
  };
}

/** A size for a message: characters when small, else KB. */
const size = (n: number) => (n < 10 * 1024 ? `${n} characters` : `${Math.round(n / 1024)} KB`);

export function lint(input: LintInput, settings: LintSettings, options: LintOptions = {}): LintResult {
  const result: LintResult = { findings: [], blocks: [], failures: [] };
  if (!settings.enable) return result;
  const format = formatOf(input);
  if (!format) return result;
  const skipped = notToParse(input, format, settings);
  if (skipped) return skipped;
  let doc: ParsedDocument | undefined;
  try {
    doc = parseDocument(format, input.text, input);
  } catch (e) {
    result.failures.push(`parser (${format}) failed on ${input.fileName}: ${(e as Error).stack ?? e}`);
    const f = noticeFinding(
      'internal-error',
      `Internal error: the ${format} parser failed on this file (${errorSummary(e)}), so nothing in it was judged. Please report it.`,
      settings,
    );
    if (f) result.findings.push(f);
    return result;
  }
  if (!doc) return result;
  const lines = new LineIndex(input.text);
  const blocks = detectBlocks({ doc, input, settings, lines });
  result.blocks = blocks;
  const fileVersion = parseVersion(settings.kafkaClientsVersion) ?? { ...LATEST_KAFKA_CLIENTS };
  if (settings.kafkaClientsVersionVia && fileVersion.label !== 'latest') fileVersion.from = settings.kafkaClientsVersionVia;
  const rules = options.rules ?? ALL_RULES;
  const file: FileContext = { input, settings, doc, lines, blocks, fileVersion };
  const { raw, crashed } = runRules(file, rules, result.failures);
  raw.push(...noticeFindings(file, crashed), ...textProblems(file));
  const knownRule = (id: string) => RULES_BY_ID.has(id) || rules.some((r) => r.meta.id === id);
  const findings = suppressed(file, raw, knownRule);
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

/** What one lint of a parsed file works on. */
interface FileContext {
  input: LintInput;
  settings: LintSettings;
  doc: ParsedDocument;
  lines: LineIndex;
  blocks: ProducerBlock[];
  /** The kafka-clients version the file is judged at (a block may name its own). */
  fileVersion: Version;
}

/**
 * The result for a file that is not parsed: too large or binary (a notice), or a YAML or Java text that
 * the cheap checks rule out; undefined when the file is to be parsed.
 */
function notToParse(input: LintInput, format: NonNullable<FormatGuess>, settings: LintSettings): LintResult | undefined {
  const { text } = input;
  if (text.length > settings.maxFileSize)
    return notLinted(input.fileName, NOT_LINTED.tooLarge(size(text.length), size(settings.maxFileSize)), settings);
  if (looksBinary(text)) return notLinted(input.fileName, NOT_LINTED.binary, settings);
  // most YAML files have nothing to do with Kafka: when no detector could find anything, skip the parse
  if (format === 'yaml' && !yamlMayHoldProducer(text)) return { findings: [], blocks: [], failures: [] };
  // Java: a file that does not name Kafka is not parsed; the parser is the adapters' to load (setJavaParser)
  if (format === 'java') {
    if (!javaMayHoldProducer(text)) return { findings: [], blocks: [], failures: [] };
    if (!javaParser()) return notLinted(input.fileName, NOT_LINTED.noJavaParser(javaParserFailure()), settings);
  }
  return undefined;
}

/**
 * Every rule of each block's client family, at the block's settings and version: the findings, and the
 * rules that threw (their stacks go to `failures`).
 */
function runRules(file: FileContext, rules: Rule[], failures: string[]): { raw: Finding[]; crashed: string[] } {
  const { doc, lines, blocks, fileVersion } = file;
  const raw: Finding[] = [];
  const crashed: string[] = [];
  const many = blocks.length > 1;
  for (const block of blocks) {
    const settings = blockSettings(block, file.settings);
    const version = block.clientVersion ? (parseVersion(settings.kafkaClientsVersion) ?? fileVersion) : fileVersion;
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
            const fixes = (r.fixes ?? []).map((spec, i) => materialize(block, spec, i === 0, doc)).filter((f): f is Fix => f !== undefined);
            if (fixes.length > 0 && !fixes.some((f) => f.isPreferred)) fixes[0].isPreferred = true;
            raw.push({
              ruleId: rule.meta.id,
              severity,
              message: many || block.profile !== undefined ? `${r.message} [${block.name}]` : r.message,
              span: r.span,
              related: r.related ?? [],
              fixes,
              block: block.name,
              consequence: r.consequence,
            });
          },
        });
      } catch (e) {
        failures.push(`rule ${rule.meta.id} failed on ${file.input.fileName}: ${(e as Error).stack ?? e}`);
        crashed.push(`rule ${rule.meta.id}${many ? ` [${block.name}]` : ''} (${errorSummary(e)})`);
      }
    }
  }
  return { raw, crashed };
}

/** Nothing lost without a word: what the parsers could not read, the rules that failed, unreadable build files. */
function noticeFindings(file: FileContext, crashed: string[]): Finding[] {
  const { doc, lines, blocks, settings, fileVersion } = file;
  const notices = parseNotices(doc.problems, (offset) => lines.lineOf(offset) + 1);
  if (crashed.length > 0) {
    // one internal-error notice per file: the rules that failed, and a parser that did
    const parser = notices.findIndex((n) => n.id === 'internal-error');
    if (parser >= 0) notices.splice(parser, 1);
    notices.push({ id: 'internal-error', message: internalErrorMessage(crashed) + (parser >= 0 ? ' The parser failed too.' : '') });
  }
  // a build file that could name the version was unreadable: the Java verdicts rest on an assumed version
  const unread = settings.buildFilesUnread ?? [];
  if (unread.length > 0 && blocks.some((b) => b.client === 'java' && !b.clientVersion)) {
    const files =
      unread.length === 1
        ? `the build file ${unread[0]}`
        : `the build files ${unread.slice(0, 3).join(', ')}${unread.length > 3 ? ', …' : ''}`;
    notices.push({
      id: 'build-file-unreadable',
      message: `Could not read ${files}: the kafka-clients version ${unread.length === 1 ? 'it' : 'they'} may declare is unknown, so this file was judged for ${versionLabel(fileVersion)}${settings.kafkaClientsVersionSource ? ` (from ${settings.kafkaClientsVersionSource})` : ''}.`,
    });
  }
  const out: Finding[] = [];
  for (const n of notices) {
    const f = noticeFinding(n.id, n.message, settings);
    if (f) out.push(f);
  }
  return out;
}

/** Problems in the text itself, which matter only where a producer config was found. */
function textProblems(file: FileContext): Finding[] {
  const out: Finding[] = [];
  if (file.blocks.length === 0) return out;
  for (const p of file.doc.problems) {
    const rule = p.code === 'malformed-unicode-escape' ? propertiesSyntax : undefined;
    if (!rule) continue;
    const severity = resolveSeverity(rule, file.settings);
    if (severity === 'off') continue;
    out.push({ ruleId: rule.meta.id, severity, message: p.message, span: p.span, related: [], fixes: [] });
  }
  return out;
}

/**
 * The findings the file's suppression directives keep, each with its "disable for this line / file" fixes,
 * and the directives that suppressed nothing or name unknown rules.
 */
function suppressed(file: FileContext, raw: Finding[], knownRule: (id: string) => boolean): Finding[] {
  const { doc, lines, settings } = file;
  const entryLine = makeEntryLine(doc.entries, lines);
  const directives = parseDirectives(doc, lines, entryLine);
  const directiveIndex = indexDirectives(directives);
  const outcome = applyDirectives(raw, directives, (f) => entryLine(f.span.start), knownRule, directiveIndex);
  const findings = outcome.kept;
  // a notice has no quick fix, not even a suppression comment (a directive by hand, or the `rules` setting, turns it off)
  for (const f of findings) if (!isNotice(f.ruleId)) f.suppress = suppressionFixes(doc, lines, directiveIndex, f, entryLine(f.span.start));
  const unusedSeverity = resolveSeverity(unusedDisableDirective, settings);
  if (unusedSeverity === 'off') return findings;
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
      message: u.others
        ? `${u.others.length} unknown rules in a kafka-idempotence-${u.directive.kind} directive: ${u.others
            .slice(0, 3)
            .map((id) => `'${id}'`)
            .join(', ')}${u.others.length > 3 ? ', …' : ''}.`
        : `Unknown rule '${u.ruleId}' in a kafka-idempotence-${u.directive.kind} directive${u.count > 1 ? ` (listed ${u.count} times)` : ''}.`,
      span: u.span,
      related: [],
      fixes: [removeDirectiveFix(doc, lines, u.directive, u.others ?? u.ruleId)],
    });
  }
  return findings;
}

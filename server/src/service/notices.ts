/**
 * Notices: findings about the linter itself, for files it could not read or judge fully. They are
 * rule-like (an id, a default severity, a docs page, the `rules` setting and `--rule` apply), sit at
 * the start of the file, and have no fix, so that nothing is lost without a word: the editor shows
 * them as diagnostics and the CLI counts them in every output format (`--max-warnings 0` fails on them).
 *
 * - `file-not-linted`: nothing in the file was judged (binary, too large, an encoding that is not
 *   read, a parser that gave up, cut off by the time budget, out of memory).
 * - `file-partly-linted`: the file was read, but part of it was not (a parser's depth or size limit).
 * - `internal-error`: a rule or a parser failed on the file (a bug): its findings are missing.
 * - `build-file-unreadable`: a build file that could name the kafka-clients version could not be read.
 */
import { defineEngineRule, type Rule } from './rules/rule';
import type { Finding, LintSettings, ParseProblem, Severity } from './types';

export const fileNotLinted = defineEngineRule({
  id: 'file-not-linted',
  description:
    'The file was not linted: binary, above the size limit, in an encoding that is not read, unreadable to the parser, or cut off by the time budget. Nothing in it was judged.',
  headline: 'File not linted: nothing in it was judged',
  defaultSeverity: 'warning',
  fixable: false,
});

export const filePartlyLinted = defineEngineRule({
  id: 'file-partly-linted',
  description: 'Part of the file was not read (nesting or size beyond a parser limit): findings there may be missing.',
  headline: 'Part of the file was not read: findings there may be missing',
  defaultSeverity: 'warning',
  fixable: false,
});

export const internalError = defineEngineRule({
  id: 'internal-error',
  description: 'A rule or a parser of the linter failed on this file: the findings it would have made are missing.',
  headline: 'Internal error: a rule or parser failed, findings may be missing',
  defaultSeverity: 'warning',
  fixable: false,
});

export const buildFileUnreadable = defineEngineRule({
  id: 'build-file-unreadable',
  description:
    'A build file that could declare the kafka-clients version could not be read: the file was judged with the version assumed without it.',
  headline: 'Build file unreadable: kafka-clients version assumed',
  defaultSeverity: 'warning',
  fixable: false,
});

export const NOTICE_RULES: Rule[] = [fileNotLinted, filePartlyLinted, internalError, buildFileUnreadable];
export type NoticeId = 'file-not-linted' | 'file-partly-linted' | 'internal-error' | 'build-file-unreadable';
const NOTICE_IDS: ReadonlySet<string> = new Set(NOTICE_RULES.map((r) => r.meta.id));

export function isNotice(ruleId: string): boolean {
  return NOTICE_IDS.has(ruleId);
}

/** The severity of a notice under `settings` (`rules` overrides apply), or 'off'. */
export function noticeSeverity(id: NoticeId, settings: Pick<LintSettings, 'rules'>): Severity | 'off' {
  const s = settings.rules[id];
  if (s === 'off') return 'off';
  if (s && s !== 'default') return s;
  return 'warning';
}

/** A notice finding at the start of the file, or undefined when the user turned it off. */
export function noticeFinding(id: NoticeId, message: string, settings: Pick<LintSettings, 'rules'>): Finding | undefined {
  const severity = noticeSeverity(id, settings);
  if (severity === 'off') return undefined;
  return { ruleId: id, severity, message, span: { start: 0, end: 0 }, related: [], fixes: [] };
}

const stripDot = (m: string) => m.replace(/\.\s*$/, '');

/**
 * The notices that parse problems call for: a limit of a parser (nesting, node and alias budgets)
 * means part of the file was not read; a TypeScript parser failure means none of it was; a parser
 * that threw is an internal error. Syntax errors are not notices (the framework would not load
 * such a document either). `lineOf` gives the 1-based line of an offset.
 */
export function parseNotices(
  problems: readonly ParseProblem[],
  lineOf: (offset: number) => number,
): Array<{ id: NoticeId; message: string }> {
  const partly: string[] = [];
  const internal: string[] = [];
  const out: Array<{ id: NoticeId; message: string }> = [];
  for (const p of problems) {
    switch (p.code) {
      case 'yaml-resource-exhaustion':
        partly.push(
          `a YAML document nests too deeply (or is too large) for the parser at line ${lineOf(p.span.start)} (${stripDot(p.message.replace(/^YAML document not read: /, ''))}), so that document was not read`,
        );
        break;
      case 'yaml-alias-limit':
      case 'yaml-node-limit':
        partly.push(stripDot(p.message));
        break;
      case 'typescript-parser-failure': {
        const why = parenthesised(p.message) ?? p.message;
        out.push({
          id: 'file-not-linted',
          message: `Not linted: the TypeScript parser failed on this text (${why}), so nothing in it was judged.`,
        });
        break;
      }
      case 'yaml-internal':
        internal.push(`the YAML parser (${stripDot(p.message)})`);
        break;
    }
  }
  const unique = (xs: string[]) => [...new Set(xs)].slice(0, 3);
  if (partly.length > 0)
    out.push({
      id: 'file-partly-linted',
      message: `Partly linted: ${unique(partly).join('; ')}. Findings in what was not read may be missing.`,
    });
  if (internal.length > 0) out.push({ id: 'internal-error', message: internalErrorMessage(unique(internal)) });
  return out;
}

export function internalErrorMessage(what: readonly string[]): string {
  return `Internal error: ${what.slice(0, 3).join('; ')} failed on this file, so findings may be missing. Please report it.`;
}

/** `RangeError: Maximum call stack size exceeded` → a sentence for a notice (no stack, one line). */
export function errorSummary(e: unknown): string {
  const err = e as Error | undefined;
  const text = err && typeof err === 'object' && 'message' in err ? `${err.name ?? 'Error'}: ${err.message}` : String(e);
  return text.split('\n')[0].slice(0, 300);
}

/** Messages of the file-not-linted notice, shared by the service and the adapters. */
export const NOT_LINTED = {
  binary: 'Not linted: the file looks binary (NUL bytes or control characters), so nothing in it was judged.',
  tooLarge: (size: string, limit: string) =>
    `Not linted: ${size} is above the size limit of ${limit} (kafkaIdempotence.maxFileSize, --max-file-size), so nothing in it was judged.`,
  encoding: (what: string) => `Not linted: ${what}, so nothing in it was judged.`,
  timeBudget: (seconds: number) =>
    `Not linted: linting this file took longer than the time budget of ${seconds} s and was stopped, so nothing in it was judged. It is tried again when it changes.`,
  outOfMemory:
    'Not linted: linting this file ran out of memory and was stopped, so nothing in it was judged. It is tried again when it changes.',
  /** A `.java` file that names Kafka, and no Java parser: it failed to load (`why`), or the adapter loaded none. */
  noJavaParser: (why: string | undefined) =>
    `Not linted: the Java parser ${why ? `could not be loaded (${why})` : 'is not loaded'}, so nothing in it was judged.`,
} as const;

/**
 * The text between the first `(` of a line and the last `)` after it on that line (what /\((.*)\)/ captures), in
 * one pass per line: that pattern is polynomial on a run of `(`.
 */
function parenthesised(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const open = line.indexOf('(');
    const close = line.lastIndexOf(')');
    if (open >= 0 && close > open) return line.slice(open + 1, close);
  }
  return undefined;
}

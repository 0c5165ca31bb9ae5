/**
 * Output of the CLI. Offsets become positions here (and only here): 1-based lines
 * and columns, columns in UTF-16 code units (what VS Code shows), end exclusive as
 * in LSP, i.e. `endColumn` is the end character + 1.
 */
import { LineIndex, type Finding, type Severity } from '../service';

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

export interface FileReport {
  file: string;
  findings: JsonFinding[];
}

export function toJsonFindings(text: string, findings: readonly Finding[]): JsonFinding[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const start = lines.position(f.span.start);
    const end = lines.position(Math.max(f.span.start, f.span.end));
    // key order is part of the contract
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      fixable: f.fixes.length > 0,
    };
  });
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports) + '\n';
}

// ---------------------------------------------------------------------------------------------
// text (ESLint "stylish"-like)

export interface Colors {
  enabled: boolean;
}

const SGR = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const;

function paint(c: Colors, style: keyof typeof SGR, s: string): string {
  if (!c.enabled || s === '') return s;
  const [on, off] = SGR[style];
  return `\u001b[${on}m${s}\u001b[${off}m`;
}

const SEVERITY_STYLE: Record<Severity, keyof typeof SGR> = { error: 'red', warning: 'yellow', info: 'cyan', hint: 'gray' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Display width of a string in a terminal, close enough for padding (no ANSI codes inside). */
function width(s: string): number {
  return [...s].length;
}
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - width(s))) + s;

/** A message on one line: line breaks inside a message would break the table. */
// each run of white space that holds a line break becomes one space (one linear pass: a run is matched whole)
const oneLine = (s: string) => s.replace(/\s+/g, (run) => (run.includes('\n') || run.includes('\r') ? ' ' : run));

/**
 * `text` split into lines of at most `max` display characters, at spaces; a word longer than
 * `max` (a URL, a long key) stays whole on a line of its own.
 */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of oneLine(text).split(' ')) {
    if (word === '') continue;
    if (line === '') line = word;
    else if (width(line) + 1 + width(word) <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Where the terminal width comes from: `COLUMNS` when set, else the terminal's own width, else none (a pipe). */
export function terminalWidth(env: NodeJS.ProcessEnv, columns: number | undefined): number | undefined {
  const fromEnv = Number(env.COLUMNS);
  if (env.COLUMNS !== undefined && Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return columns !== undefined && columns > 0 ? columns : undefined;
}

/** The width --verbose wraps to when the output is not a terminal and COLUMNS is not set. */
export const DEFAULT_WRAP_WIDTH = 80;

export interface TextOptions {
  colors: Colors;
  /** The short form of a rule's findings (its `headline`); the message itself for an unknown id. */
  headline: (ruleId: string) => string | undefined;
  /** The full message under each finding, wrapped to `width`. */
  verbose?: boolean;
  /** Terminal width (undefined: not a terminal, nothing is wrapped there). */
  width?: number;
  /** Said once under the summary: how many files were judged for an assumed kafka-clients version. */
  assumedVersion?: { files: number; version: string };
}

/**
 * ```
 * path/to/file.properties
 *   3:6  warning  Idempotence silently disabled by a conflicting setting  idempotence-implicit-downgrade
 *
 * ✖ 1 problem (0 errors, 1 warning, 0 infos)
 * ```
 * One line per finding: position, severity, the rule's headline and the rule id, the columns
 * aligned within a file unless that would push a line of it past the terminal width. With `verbose`
 * the full message follows each finding, wrapped to the width and indented under the headline.
 * Files without findings print nothing; no findings at all prints nothing.
 */
export function formatText(reports: readonly FileReport[], o: TextOptions): string {
  const colors = o.colors;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const limit = o.width ?? Infinity;
  let out = '';
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    const rows = r.findings.map((f) => ({ f, headline: oneLine(o.headline(f.ruleId) ?? f.message) }));
    const lineW = Math.max(...r.findings.map((f) => String(f.line).length));
    const colW = Math.max(...r.findings.map((f) => String(f.column).length));
    const sevW = Math.max(...r.findings.map((f) => f.severity.length));
    const headW = Math.max(...rows.map((x) => width(x.headline)));
    // the headline starts after "  line:col  severity  "
    const indent = 2 + lineW + 1 + colW + 2 + sevW + 2;
    // the rule ids line up when every line of the file still fits
    const aligned = rows.every((x) => indent + headW + 2 + width(x.f.ruleId) <= limit);
    out += `${paint(colors, 'underline', r.file)}\n`;
    for (const { f, headline } of rows) {
      counts[f.severity]++;
      const pos = `${padStart(String(f.line), lineW)}:${padEnd(String(f.column), colW)}`;
      const sev = paint(colors, SEVERITY_STYLE[f.severity], padEnd(f.severity, sevW));
      out += `  ${paint(colors, 'dim', pos)}  ${sev}  ${aligned ? padEnd(headline, headW) : headline}  ${paint(colors, 'dim', f.ruleId)}\n`;
      if (o.verbose) {
        const wrapWidth = Math.max(40, (o.width ?? DEFAULT_WRAP_WIDTH) - indent);
        for (const l of wrap(f.message, wrapWidth)) out += `${' '.repeat(indent)}${l}\n`;
      }
    }
    out += '\n';
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return '';
  let summary =
    `\u2716 ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ` +
    `${plural(counts.info, 'info')}`;
  if (counts.hint > 0) summary += `, ${plural(counts.hint, 'hint')}`;
  summary += ')';
  const style = counts.error > 0 ? 'red' : counts.warning > 0 ? 'yellow' : 'cyan';
  out += `${paint(colors, 'bold', paint(colors, style, summary))}\n`;
  if (o.assumedVersion && o.assumedVersion.files > 0) {
    const { files, version } = o.assumedVersion;
    const note =
      `${plural(files, 'file')} ${files === 1 ? 'was' : 'were'} judged for ${version}: no build file, flag or configuration file gives ` +
      `${files === 1 ? 'its' : 'their'} version. Set it with --kafka-clients-version or "kafkaClientsVersion" in .kafka-idempotence.json.`;
    for (const l of wrap(note, Math.max(40, (o.width ?? DEFAULT_WRAP_WIDTH) - 2))) out += `  ${l}\n`;
  }
  if (!o.verbose) out += `  ${paint(colors, 'dim', 'Run with --verbose for the full explanation of each problem.')}\n`;
  return out;
}

/** Colour when stdout is a terminal and NO_COLOR is not set; FORCE_COLOR forces it (tests, CI logs). */
export function colorsFor(isTTY: boolean, env: NodeJS.ProcessEnv): Colors {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { enabled: false };
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return { enabled: true };
  return { enabled: isTTY };
}

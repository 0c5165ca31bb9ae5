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
 * ```
 * path/to/file.properties
 *   3:6  warning  kafka-clients 4.x (latest) silently disables ...  idempotence-implicit-downgrade
 *
 * ✖ 1 problem (0 errors, 1 warning, 0 infos)
 * ```
 * Files without findings print nothing; no findings at all prints nothing.
 */
export function formatText(reports: readonly FileReport[], colors: Colors): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let out = '';
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    const lineW = Math.max(...r.findings.map((f) => String(f.line).length));
    const colW = Math.max(...r.findings.map((f) => String(f.column).length));
    const sevW = Math.max(...r.findings.map((f) => f.severity.length));
    const msgW = Math.max(...r.findings.map((f) => width(oneLine(f.message))));
    out += `${paint(colors, 'underline', r.file)}\n`;
    for (const f of r.findings) {
      counts[f.severity]++;
      const pos = `${padStart(String(f.line), lineW)}:${padEnd(String(f.column), colW)}`;
      const sev = paint(colors, SEVERITY_STYLE[f.severity], padEnd(f.severity, sevW));
      out += `  ${paint(colors, 'dim', pos)}  ${sev}  ${padEnd(oneLine(f.message), msgW)}  ${paint(colors, 'dim', f.ruleId)}\n`;
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
  return out;
}

/** Colour when stdout is a terminal and NO_COLOR is not set; FORCE_COLOR forces it (tests, CI logs). */
export function colorsFor(isTTY: boolean, env: NodeJS.ProcessEnv): Colors {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { enabled: false };
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return { enabled: true };
  return { enabled: isTTY };
}

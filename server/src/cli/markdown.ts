/**
 * `--format markdown`: a report for a pull request comment or a GitHub job summary ($GITHUB_STEP_SUMMARY).
 * One table row per producer block — where it is, the client and its version, its effective state, its
 * findings — then the findings that belong to no block, and a one-line summary.
 *
 * Everything that comes from the linted files (paths, block names, labels, messages) is escaped: as
 * Markdown it could otherwise open a link, an image, HTML, or break the table. Inside a table cell
 * every character Markdown or HTML could read is escaped, `|` included, and line breaks become spaces.
 */
import type { ProducerStateName } from '../lsp/protocol';
import type { JsonFinding } from './format';

/** A producer block as the report shows it (plain data from the lint workers). */
export interface ReportProducer {
  name: string;
  /** 1-based line where the block starts. */
  line: number;
  library: string;
  versionFrom?: string;
  dialectLabel: string;
  state: ProducerStateName;
  /** The state in words, without the version (the Client column has it). */
  headline: string;
}

export interface MarkdownFile {
  file: string;
  producers: ReportProducer[];
  /** The file's findings, each with the name of its block when it has one. */
  findings: Array<JsonFinding & { block?: string }>;
}

const STATE_MARK: Record<ProducerStateName, string> = {
  idempotent: '✅',
  'silently-disabled': '⚠️',
  'not-idempotent': '➖',
  fails: '❌',
  unknown: '❔',
};

const STATE_WORDS: Record<ProducerStateName, string> = {
  idempotent: 'idempotent',
  'silently-disabled': 'silently disabled',
  'not-idempotent': 'not idempotent',
  fails: 'will not start',
  unknown: 'unknown',
};

const SEVERITY_MARK: Record<string, string> = { error: '❌', warning: '⚠️', info: 'ℹ️', hint: '💡' };

/**
 * Text as inert Markdown, in a table cell or after a list marker: a backslash before the ASCII punctuation
 * Markdown reads inline (emphasis, code, links, images, strikethrough, the table's `|`) and before `:` and
 * `@` (GFM's autolinks: `https://…`, `a@b.example`) and the `.` of `www.`; at the start, before what would
 * open a block (`-`, `+`, `1.`); HTML's `<`, `>` and `&` as entities (a backslash does not stop an entity);
 * line breaks as one space. (CommonMark lets any ASCII punctuation character be escaped.)
 */
export function escapeMarkdown(text: string): string {
  let out = '';
  for (const ch of text.replace(/[\r\n]+/g, ' ')) {
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if ('\\`*_{}[]()#!|~:@'.includes(ch)) out += `\\${ch}`;
    else out += ch;
  }
  out = out.replace(/(www)\./gi, '$1\\.');
  // a block marker at the start (a list item, an ordered list's `1.`)
  const lead = /^(\d{1,9})([.)])/.exec(out);
  if (lead) return `${lead[1]}\\${out.slice(lead[1].length)}`;
  return out.startsWith('-') || out.startsWith('+') ? `\\${out}` : out;
}

/** An identifier of ours (a rule id: kebab-case) as code. */
const code = (id: string) => (/^[a-z0-9-]+$/.test(id) ? `\`${id}\`` : escapeMarkdown(id));

function findingsCell(findings: MarkdownFile['findings']): string {
  if (findings.length === 0) return '—';
  const shown = findings.slice(0, 6).map((f) => `${SEVERITY_MARK[f.severity] ?? ''} ${code(f.ruleId)} (line ${f.line})`);
  if (findings.length > shown.length) shown.push(`and ${findings.length - shown.length} more`);
  return shown.join('<br>');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatMarkdown(files: readonly MarkdownFile[], options: { title?: string } = {}): string {
  const out: string[] = [`## ${options.title ?? 'Kafka producers'}`, ''];
  const rows: string[] = [];
  const counts: Record<ProducerStateName, number> = { idempotent: 0, 'silently-disabled': 0, 'not-idempotent': 0, fails: 0, unknown: 0 };
  const severities: Record<string, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const loose: string[] = [];
  let blocks = 0;
  for (const f of files) {
    for (const x of f.findings) severities[x.severity] = (severities[x.severity] ?? 0) + 1;
    const names = new Set(f.producers.map((p) => p.name));
    for (const p of f.producers) {
      blocks++;
      counts[p.state]++;
      const where = `${escapeMarkdown(f.file)}:${p.line}${f.producers.length > 1 || p.name !== basename(f.file) ? `<br>${escapeMarkdown(p.name)}` : ''}`;
      const client = `${escapeMarkdown(`${p.library}${p.versionFrom ? ` (${p.versionFrom})` : ''}`)}<br>${escapeMarkdown(p.dialectLabel)}`;
      const state = `${STATE_MARK[p.state]} ${escapeMarkdown(p.headline)}`;
      rows.push(`| ${where} | ${client} | ${state} | ${findingsCell(f.findings.filter((x) => x.block === p.name))} |`);
    }
    // findings of no block (notices, unused directives) or of a block the report has not (none expected)
    for (const x of f.findings.filter((y) => y.block === undefined || !names.has(y.block))) {
      loose.push(
        `- ${escapeMarkdown(f.file)}:${x.line} ${SEVERITY_MARK[x.severity] ?? ''} ${code(x.ruleId)}: ${escapeMarkdown(x.message)}`,
      );
    }
  }
  if (blocks === 0) out.push('No Kafka producer configuration found.');
  else {
    out.push('| Producer | Client | Effective state | Findings |', '|---|---|---|---|', ...rows);
  }
  if (loose.length > 0) out.push('', '**Other findings**', '', ...loose);
  // the full messages, folded away (a PR comment stays short)
  const detailed = files.flatMap((f) =>
    f.findings.filter((x) => x.block !== undefined && f.producers.some((p) => p.name === x.block)).map((x) => ({ f, x })),
  );
  if (detailed.length > 0) {
    out.push('', '<details><summary>Findings in full</summary>', '');
    for (const { f, x } of detailed)
      out.push(`- ${escapeMarkdown(f.file)}:${x.line} ${SEVERITY_MARK[x.severity] ?? ''} ${code(x.ruleId)}: ${escapeMarkdown(x.message)}`);
    out.push('', '</details>');
  }
  const states = (Object.keys(counts) as ProducerStateName[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${STATE_WORDS[s]}`);
  const problems = severities.error + severities.warning + severities.info + severities.hint;
  out.push(
    '',
    `${plural(blocks, 'producer block')} in ${plural(files.filter((f) => f.producers.length > 0).length, 'file')}${states.length ? `: ${states.join(', ')}` : ''}. ` +
      `${plural(problems, 'problem')} (${plural(severities.error, 'error')}, ${plural(severities.warning, 'warning')}, ${plural(severities.info, 'info')}${severities.hint ? `, ${plural(severities.hint, 'hint')}` : ''}).`,
    '',
  );
  return out.join('\n');
}

function basename(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? file : file.slice(i + 1);
}

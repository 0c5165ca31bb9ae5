/**
 * Suppression directives, in the comments of any format:
 *   # kafka-idempotence-disable-next-line <rule-id>[, <rule-id>] -- reason
 *   # kafka-idempotence-disable-line <rule-id>          (trailing comment on the same line)
 *   # kafka-idempotence-disable <rule-id>               (the whole file)
 * `!` works in .properties, `//` and block comments in TS/JS. Without rule ids a
 * directive covers every rule. Matching is by rule id, never by message text.
 */
import type { Comment, Entry, Finding, Fix, ParsedDocument, Span } from './types';
import type { LineIndex } from './text';
import { bomSafeRemoval } from './formats/properties';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable';

export interface Directive {
  kind: DirectiveKind;
  comment: Comment;
  /** Rule ids with their spans, as written (an id can repeat); empty = all rules. */
  rules: Array<{ id: string; span: Span }>;
  /** The distinct ids, each with the index of its first occurrence in `rules` and how often it is listed. */
  ids: Map<string, { first: number; count: number }>;
  /** The line the directive covers (for next-line/line), -1 for the file. */
  line: number;
  /** Where the rule-id list ends (new ids are inserted here). */
  listEnd: number;
}

const DIRECTIVE = /^(\s*)kafka-idempotence-(disable-next-line|disable-line|disable)(?=\s|$)/;

export function parseDirectives(doc: ParsedDocument, lines: LineIndex, entryLine: (offset: number) => number): Directive[] {
  const out: Directive[] = [];
  for (const c of doc.comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const kind = m[2] as DirectiveKind;
    const restStart = m[0].length;
    let rest = c.text.slice(restStart);
    const reason = /(^|\s)--(\s|$)/.exec(rest);
    if (reason) rest = rest.slice(0, reason.index);
    const rules: Directive['rules'] = [];
    const re = /[^\s,]+/g;
    let r: RegExpExecArray | null;
    let listEnd = c.textSpan.start + restStart;
    while ((r = re.exec(rest))) {
      const start = c.textSpan.start + restStart + r.index;
      rules.push({ id: r[0], span: { start, end: start + r[0].length } });
      listEnd = start + r[0].length;
    }
    const own = lines.lineOf(c.span.start);
    const line = kind === 'disable' ? -1 : kind === 'disable-line' ? entryLine(c.span.start) : own + 1;
    const ids = new Map<string, { first: number; count: number }>();
    rules.forEach((r, k) => {
      const seen = ids.get(r.id);
      if (seen) seen.count++;
      else ids.set(r.id, { first: k, count: 1 });
    });
    out.push({ kind, comment: c, rules, ids, line, listEnd });
  }
  return out;
}

export interface SuppressionOutcome {
  kept: Finding[];
  /** Directive rule ids (or whole directives) that suppressed nothing: one per distinct id. */
  unused: Array<{ directive: Directive; ruleId?: string; span: Span }>;
  /**
   * Unknown rule ids: one per distinct id (`count`: how often the directive lists it); a directive
   * with more than MAX_UNKNOWN_REPORTED distinct unknown ids gets one entry for them all (`others`).
   */
  unknown: Array<{ directive: Directive; ruleId: string; span: Span; count: number; others?: string[] }>;
}

/** Up to this many distinct unknown ids of one directive get a finding each; more share one finding. */
export const MAX_UNKNOWN_REPORTED = 10;

/** The directives by the line they cover, and the file-wide ones, for lookups in constant time. */
export interface DirectiveIndex {
  byLine: Map<number, Directive[]>;
  file: Directive[];
  /** The first disable-next-line directive with a rule list, per covered line. */
  nextLineWithRules: Map<number, Directive>;
  /** The first file-wide directive with a rule list. */
  fileWithRules?: Directive;
}

export function indexDirectives(directives: Directive[]): DirectiveIndex {
  const index: DirectiveIndex = { byLine: new Map(), file: [], nextLineWithRules: new Map() };
  for (const d of directives) {
    if (d.kind === 'disable') {
      index.file.push(d);
      if (!index.fileWithRules && d.rules.length > 0) index.fileWithRules = d;
      continue;
    }
    const at = index.byLine.get(d.line);
    if (at) at.push(d);
    else index.byLine.set(d.line, [d]);
    if (d.kind === 'disable-next-line' && d.rules.length > 0 && !index.nextLineWithRules.has(d.line))
      index.nextLineWithRules.set(d.line, d);
  }
  return index;
}

/**
 * Which findings the directives suppress, and which directives (or ids in them) suppressed nothing.
 * A directive counts as used when it covers a finding, even one that another directive covers too.
 * Linear in the findings plus the directives' ids: no finding is compared with every directive.
 */
export function applyDirectives(
  findings: Finding[],
  directives: Directive[],
  findingLine: (f: Finding) => number,
  knownRule: (id: string) => boolean,
  index: DirectiveIndex = indexDirectives(directives),
): SuppressionOutcome {
  const kept: Finding[] = [];
  // what was reported: per line the rule ids, and the rule ids of the file
  const onLine = new Map<number, Set<string>>();
  const inFile = new Set<string>();
  const fileAll = index.file.some((d) => d.rules.length === 0);
  const fileIds = new Set<string>();
  for (const d of index.file) for (const id of d.ids.keys()) fileIds.add(id);
  for (const f of findings) {
    const line = findingLine(f);
    inFile.add(f.ruleId);
    let ids = onLine.get(line);
    if (!ids) onLine.set(line, (ids = new Set()));
    ids.add(f.ruleId);
    let suppressed = fileAll || fileIds.has(f.ruleId);
    for (const d of index.byLine.get(line) ?? []) if (d.rules.length === 0 || d.ids.has(f.ruleId)) suppressed = true;
    if (!suppressed) kept.push(f);
  }
  const unused: SuppressionOutcome['unused'] = [];
  const unknown: SuppressionOutcome['unknown'] = [];
  for (const d of directives) {
    const reported = d.kind === 'disable' ? inFile : onLine.get(d.line);
    if (d.rules.length === 0) {
      if (!reported || reported.size === 0) unused.push({ directive: d, span: d.comment.span });
      continue;
    }
    const unknownIds: Array<{ id: string; span: Span; count: number }> = [];
    for (const [id, { first, count }] of d.ids) {
      const span = d.rules[first].span;
      if (knownRule(id)) {
        if (!reported?.has(id)) unused.push({ directive: d, ruleId: id, span });
      } else unknownIds.push({ id, span, count });
    }
    if (unknownIds.length > MAX_UNKNOWN_REPORTED) {
      // one finding for them all, whose fix removes them all
      unknown.push({
        directive: d,
        ruleId: unknownIds[0].id,
        span: unknownIds[0].span,
        count: unknownIds.length,
        others: unknownIds.map((u) => u.id),
      });
    } else for (const u of unknownIds) unknown.push({ directive: d, ruleId: u.id, span: u.span, count: u.count });
  }
  return { kept, unused, unknown };
}

const bomLength = (text: string) => (text.charCodeAt(0) === 0xfeff ? 1 : 0);

/**
 * Edits that remove a directive (its whole line when the comment stands alone) or one id from its
 * list — every occurrence of it, so that a repeated id does not survive its own fix. When nothing
 * would be left of the list the whole directive goes: an empty list would disable every rule.
 */
export function removeDirectiveFix(doc: ParsedDocument, lines: LineIndex, d: Directive, ruleId?: string | readonly string[]): Fix {
  const text = doc.text;
  const dropIds = ruleId === undefined ? undefined : new Set(typeof ruleId === 'string' ? [ruleId] : ruleId);
  const drop = dropIds === undefined ? [] : d.rules.map((r) => dropIds.has(r.id));
  if (ruleId !== undefined && drop.some((x) => !x)) {
    // each run of removed ids goes with the separator before it (after it for a run at the start)
    const edits: Fix['edits'] = [];
    for (let a = 0; a < d.rules.length; a++) {
      if (!drop[a]) continue;
      let b = a;
      while (b + 1 < d.rules.length && drop[b + 1]) b++;
      const span =
        a > 0
          ? { start: d.rules[a - 1].span.end, end: d.rules[b].span.end }
          : { start: d.rules[0].span.start, end: d.rules[b + 1].span.start };
      edits.push({ span, newText: '' });
      a = b;
    }
    const title =
      typeof ruleId === 'string' ? `Remove '${ruleId}' from the directive` : `Remove the ${ruleId.length} unknown rules from the directive`;
    return { title, edits, isPreferred: true };
  }
  const line = lines.lineOf(d.comment.span.start);
  const lineStart = Math.max(lines.starts[line], bomLength(text)); // a byte-order mark stays
  const before = text.slice(lineStart, d.comment.span.start);
  // a block comment can run over several lines (a CR counts as a line break): its whole lines go when nothing else is on them
  const lastLine = lines.lineOf(Math.max(d.comment.span.end - 1, d.comment.span.start));
  const after = text.slice(d.comment.span.end, lines.lineEnd(lastLine));
  const whole = /^\s*$/.test(before) && /^\s*$/.test(after);
  let span = whole
    ? { start: lineStart, end: lines.lineEnd(lastLine, true) }
    : { start: lineStart + before.trimEnd().length, end: d.comment.span.end };
  if (whole && doc.format === 'properties') span = bomSafeRemoval(text, span);
  return { title: 'Remove the unused directive', edits: [{ span, newText: '' }], isPreferred: true };
}

/** "Disable <rule> for this line" and "for the file", merged into an existing directive when there is one. */
export function suppressionFixes(
  doc: ParsedDocument,
  lines: LineIndex,
  directives: Directive[] | DirectiveIndex,
  finding: Finding,
  targetLine: number,
): { line: Fix; file: Fix } | undefined {
  const index = Array.isArray(directives) ? indexDirectives(directives) : directives;
  const text = doc.text;
  const id = finding.ruleId;
  const marker = doc.commentMarker;
  let line: Fix;
  const prev = index.nextLineWithRules.get(targetLine);
  if (prev && !prev.ids.has(id)) {
    line = {
      title: `Disable ${id} for this line`,
      edits: [{ span: { start: prev.listEnd, end: prev.listEnd }, newText: `, ${id}` }],
      isPreferred: false,
    };
  } else {
    // never in front of a byte-order mark: the BOM would end up inside the next key
    const start = Math.max(lines.starts[targetLine] ?? text.length, bomLength(text));
    // a line starting inside a block comment or a template literal: the new line would not be a comment
    // (and no suppression is offered; a file directive alone would be a different choice than the user's)
    if (doc.insideToken?.(start)) return undefined;
    const indent = /^[ \t]*/.exec(text.slice(start, lines.lineEnd(targetLine)))![0];
    line = {
      title: `Disable ${id} for this line`,
      edits: [{ span: { start, end: start }, newText: `${indent}${marker} kafka-idempotence-disable-next-line ${id}${doc.eol}` }],
      isPreferred: false,
    };
  }
  let file: Fix;
  const fileDirective = index.fileWithRules;
  if (fileDirective) {
    file = {
      title: `Disable ${id} for the entire file`,
      edits: fileDirective.ids.has(id) ? [] : [{ span: { start: fileDirective.listEnd, end: fileDirective.listEnd }, newText: `, ${id}` }],
      isPreferred: false,
    };
  } else {
    let at = bomLength(text);
    if (text.startsWith('#!', at)) at = lines.lineEnd(0, true); // keep a shebang first
    // after a first line without a terminator (the whole file), start a new line
    const lead = at > 0 && at === text.length && !/[\r\n]$/.test(text) ? doc.eol : '';
    file = {
      title: `Disable ${id} for the entire file`,
      edits: [{ span: { start: at, end: at }, newText: `${lead}${marker} kafka-idempotence-disable ${id}${doc.eol}` }],
      isPreferred: false,
    };
  }
  return { line, file };
}

/**
 * The line a finding belongs to for directives: the first line of the entry that
 * contains it, so a directive never has to go inside a multi-line entry.
 */
export function makeEntryLine(entries: Entry[], lines: LineIndex): (offset: number) => number {
  const sorted = [...entries].sort((a, b) => a.entrySpan.start - b.entrySpan.start);
  /**
   * A line continued by a trailing backslash (a .properties continuation, a JS string or a YAML
   * double-quoted scalar running over a line break) belongs to the line it continues: a directive
   * line inserted in between would land inside that value. Memoised: a run of continued lines is
   * walked once, however many findings it holds.
   */
  const firstOfRun = new Map<number, number>();
  const continuedFrom = (line: number): number => {
    const path: number[] = [];
    let l = line;
    while (l > 0 && !firstOfRun.has(l) && endsWithOddBackslashes(lines.text, lines.starts[l - 1], lines.lineEnd(l - 1))) {
      path.push(l);
      l--;
    }
    const first = firstOfRun.get(l) ?? l;
    for (const p of path) firstOfRun.set(p, first);
    firstOfRun.set(line, first);
    return first;
  };
  return (offset: number) => {
    // the last entry that starts at or before the offset
    let lo = 0;
    let hi = sorted.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].entrySpan.start <= offset) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const hit = idx >= 0 && offset < sorted[idx].entrySpan.end ? sorted[idx] : undefined;
    const line = lines.lineOf(hit ? Math.min(hit.keySpan.start, offset) : offset);
    return continuedFrom(line);
  };
}

/** Does text[start, end) end with an odd number of backslashes (a line continuation)? Reads only that run. */
function endsWithOddBackslashes(text: string, start: number, end: number): boolean {
  let k = end;
  while (k > start && text.charCodeAt(k - 1) === 92 /* \\ */) k--;
  return (end - k) % 2 === 1;
}

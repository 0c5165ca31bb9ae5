/** Applying fixes: one at a time (quick fix), or all preferred fixes until nothing is left to fix. */
import type { Finding, Fix, LintInput, LintSettings, TextEdit } from './types';
import { applyEdits } from './text';
import { lint, type LintOptions } from './lint';

export interface FixAllResult {
  text: string;
  /** Number of lint passes that applied something. */
  passes: number;
  applied: number;
  /** Findings left after the last pass. */
  remaining: Finding[];
}

/**
 * Whether fix-all (fix on save, `source.fixAll`, CLI `--fix`) applies a finding's preferred fix:
 * errors and warnings only. Info and hint findings are advice (for example turning an explicit
 * `enable.idempotence=false` into `true`): their fixes are offered one by one as quick fixes,
 * never applied behind the user's back.
 */
export function autoFixable(f: Finding): boolean {
  return f.severity === 'error' || f.severity === 'warning';
}

/**
 * Picks preferred fixes whose edits do not overlap each other, in document order, and at most
 * one per key of a block (the others wait for the next pass, judged on the new text).
 * Without `ruleId` only auto-fixable findings count; "Fix all problems of rule X" asks for X explicitly.
 */
export function compatibleFixes(findings: Finding[], ruleId?: string): Fix[] {
  const chosen: Fix[] = [];
  const taken: Array<[number, number]> = [];
  const takenKeys = new Set<string>();
  const candidates = findings
    .filter((f) => (ruleId ? f.ruleId === ruleId : autoFixable(f)))
    .map((f) => ({ fix: f.fixes.find((x) => x.isPreferred), block: f.block ?? '' }))
    .filter((c): c is { fix: Fix; block: string } => c.fix !== undefined);
  for (const { fix, block } of candidates) {
    const clash = fix.edits.some((e) =>
      taken.some(([s, t]) => (e.span.start < t && s < e.span.end) || (e.span.start === s && (e.span.end === e.span.start || s === t))),
    );
    if (clash) continue;
    const keys = (fix.keys ?? []).map((k) => `${block}\u0000${k}`);
    if (keys.some((k) => takenKeys.has(k))) continue;
    chosen.push(fix);
    for (const e of fix.edits) taken.push([e.span.start, e.span.end]);
    for (const k of keys) takenKeys.add(k);
  }
  return chosen;
}

export function fixAll(input: LintInput, settings: LintSettings, options: { ruleId?: string; maxPasses?: number } = {}): FixAllResult {
  const maxPasses = options.maxPasses ?? 3;
  let text = input.text;
  let passes = 0;
  let applied = 0;
  let findings = lint({ ...input, text }, settings).findings;
  while (passes < maxPasses) {
    const fixes = compatibleFixes(findings, options.ruleId);
    if (fixes.length === 0) break;
    text = applyEdits(
      text,
      fixes.flatMap((f) => f.edits),
    );
    applied += fixes.length;
    passes++;
    findings = lint({ ...input, text }, settings).findings;
  }
  return { text, passes, applied, remaining: findings };
}

/** One edit that turns `before` into `after` (common prefix and suffix kept). */
export function diffEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { span: { start, end: endB }, newText: after.slice(start, endA) };
}

export interface SafeFixResult extends FixAllResult {
  /** Preferred fixes that were tried and left out: the finding stayed, or a new error came. */
  rejected: Array<{ ruleId: string; message: string; title: string }>;
}

/** Where a finding is: rule, producer block and start offset (never the message, which may quote line numbers). */
interface Place {
  ruleId: string;
  block: string;
  start: number;
}

const placeOf = (f: Finding): Place => ({ ruleId: f.ruleId, block: f.block ?? '', start: f.span.start });
const placeKey = (p: Place) => `${p.ruleId}\u0000${p.block}\u0000${p.start}`;

/**
 * Where `offset` of the text before `edits` is in the text after them: shifted by the edits before
 * it; an offset inside a replaced span goes to the start of its replacement; an insertion at the
 * offset pushes it right.
 */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    if (offset < e.span.start) break;
    if (offset < e.span.end) return e.span.start + delta;
    delta += e.newText.length - (e.span.end - e.span.start);
  }
  return offset + delta;
}

/** How many findings stand at each place (`edits` maps findings of the text before them to the text after). */
function tally(findings: readonly Finding[], edits: readonly TextEdit[] = [], onlyErrors = false): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) {
    if (onlyErrors && f.severity !== 'error') continue;
    const p = placeOf(f);
    const k = placeKey({ ...p, start: edits.length ? mapOffset(p.start, edits) : p.start });
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Sweeps after which safeFixAll stops even if the last one kept a fix (it normally stops much earlier). */
const MAX_SWEEPS = 10;

/**
 * Applies preferred fixes one at a time, keeping a fix only when the text re-lints clean for it:
 * its finding is gone and no error-severity finding appeared that was not there before. Findings are
 * compared by rule, producer block and place — a finding of the text before the fix is mapped through
 * the fix's edits —, never by message, since messages quote line numbers that a fix shifts.
 *
 * Sweeps over the findings that have a preferred fix until a sweep keeps nothing (at most `maxPasses`,
 * default 10): the last sweep tried every remaining fix on the final text, so running it again on its
 * own output changes nothing (a second `--fix` is a no-op). `rejected` lists the fixes of that last sweep.
 */
export function safeFixAll(
  input: LintInput,
  settings: LintSettings,
  options: { maxPasses?: number; lint?: LintOptions } = {},
): SafeFixResult {
  const maxPasses = options.maxPasses ?? MAX_SWEEPS;
  let text = input.text;
  let findings = lint({ ...input, text }, settings, options.lint).findings;
  let passes = 0;
  let applied = 0;
  let rejected: SafeFixResult['rejected'] = [];
  while (passes < maxPasses) {
    let keptThisPass = 0;
    rejected = [];
    /** Places (in the current text) of the findings whose fix was tried in this sweep. */
    let tried: Place[] = [];
    const triedKeys = () => new Set(tried.map(placeKey));
    // a hard bound, whatever fixes do to each other
    for (let attempts = 0; attempts < 500; attempts++) {
      // the first finding with a preferred fix not tried in this sweep (recomputed on the current text)
      const done = triedKeys();
      let target: { finding: Finding; fix: Fix } | undefined;
      for (const f of findings) {
        const fix = autoFixable(f) ? f.fixes.find((x) => x.isPreferred) : undefined;
        if (!fix || done.has(placeKey(placeOf(f)))) continue;
        target = { finding: f, fix };
        break;
      }
      if (!target) break;
      tried.push(placeOf(target.finding));
      const edits = target.fix.edits;
      let next: string;
      try {
        next = applyEdits(text, edits);
      } catch {
        rejected.push({ ruleId: target.finding.ruleId, message: target.finding.message, title: target.fix.title });
        continue;
      }
      const after = lint({ ...input, text: next }, settings, options.lint).findings;
      const here = placeKey({ ...placeOf(target.finding), start: mapOffset(target.finding.span.start, edits) });
      const gone = (tally(after).get(here) ?? 0) < (tally(findings, edits).get(here) ?? 0);
      const errorsBefore = tally(findings, edits, true);
      const newError = [...tally(after, [], true)].some(([k, n]) => n > (errorsBefore.get(k) ?? 0));
      if (gone && !newError) {
        text = next;
        findings = after;
        tried = tried.map((p) => ({ ...p, start: mapOffset(p.start, edits) }));
        applied++;
        keptThisPass++;
      } else {
        rejected.push({ ruleId: target.finding.ruleId, message: target.finding.message, title: target.fix.title });
      }
    }
    if (keptThisPass === 0) break;
    passes++;
  }
  return { text, passes, applied, remaining: findings, rejected };
}

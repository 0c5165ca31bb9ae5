/** Applying fixes: one at a time (quick fix), or all preferred fixes until nothing is left to fix. */
import type { Finding, Fix, LintInput, LintSettings, TextEdit } from './types';
import { applyEdits } from './text';
import { lint } from './lint';

export interface FixAllResult {
  text: string;
  /** Number of lint passes that applied something. */
  passes: number;
  applied: number;
  /** Findings left after the last pass. */
  remaining: Finding[];
}

/**
 * Picks preferred fixes whose edits do not overlap each other, in document order, and at most
 * one per key of a block (the others wait for the next pass, judged on the new text).
 */
export function compatibleFixes(findings: Finding[], ruleId?: string): Fix[] {
  const chosen: Fix[] = [];
  const taken: Array<[number, number]> = [];
  const takenKeys = new Set<string>();
  const candidates = findings
    .filter((f) => !ruleId || f.ruleId === ruleId)
    .map((f) => ({ fix: f.fixes.find((x) => x.isPreferred), block: f.block ?? '' }))
    .filter((c): c is { fix: Fix; block: string } => c.fix !== undefined);
  for (const { fix, block } of candidates) {
    const clash = fix.edits.some((e) =>
      taken.some(([s, t]) => e.span.start < t && s < e.span.end || (e.span.start === s && (e.span.end === e.span.start || s === t))),
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
    text = applyEdits(text, fixes.flatMap((f) => f.edits));
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

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

export interface SafeFixResult extends FixAllResult {
  /** Preferred fixes that were tried and left out: the finding stayed, or a new error came. */
  rejected: Array<{ ruleId: string; message: string; title: string }>;
}

/** How often each (ruleId, message) occurs; messages name keys and values, not positions. */
function tally(findings: readonly Finding[], onlyErrors = false): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) {
    if (onlyErrors && f.severity !== 'error') continue;
    const k = `${f.ruleId}\u0000${f.message}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/**
 * Applies preferred fixes one at a time, keeping a fix only when the text re-lints clean for it:
 * its finding is gone (one fewer finding with that rule and message) and no error-severity finding
 * appeared that was not there before. Up to `maxPasses` sweeps (default 3) over the findings that
 * have a preferred fix; a sweep that keeps nothing ends it. Findings are matched by rule and
 * message, since a fix moves every position after it.
 */
export function safeFixAll(
  input: LintInput,
  settings: LintSettings,
  options: { maxPasses?: number; lint?: LintOptions } = {},
): SafeFixResult {
  const maxPasses = options.maxPasses ?? 3;
  let text = input.text;
  let findings = lint({ ...input, text }, settings, options.lint).findings;
  let passes = 0;
  let applied = 0;
  const rejectedKeys = new Set<string>();
  const rejected: SafeFixResult['rejected'] = [];
  while (passes < maxPasses) {
    let keptThisPass = 0;
    const tried = new Set<string>();
    // a hard bound, whatever fixes do to each other
    for (let attempts = 0; attempts < 500; attempts++) {
      // the first finding with a preferred fix not tried in this pass (recomputed on the current text)
      const seen = new Map<string, number>();
      let target: { finding: Finding; fix: Fix; key: string } | undefined;
      for (const f of findings) {
        const base = `${f.ruleId}\u0000${f.message}`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        const key = `${base}\u0000${n}`;
        const fix = autoFixable(f) ? f.fixes.find((x) => x.isPreferred) : undefined;
        if (!fix || tried.has(key) || rejectedKeys.has(key)) continue;
        target = { finding: f, fix, key };
        break;
      }
      if (!target) break;
      tried.add(target.key);
      let next: string;
      try {
        next = applyEdits(text, target.fix.edits);
      } catch {
        rejectedKeys.add(target.key);
        rejected.push({ ruleId: target.finding.ruleId, message: target.finding.message, title: target.fix.title });
        continue;
      }
      const after = lint({ ...input, text: next }, settings, options.lint).findings;
      const base = `${target.finding.ruleId}\u0000${target.finding.message}`;
      const gone = (tally(after).get(base) ?? 0) < (tally(findings).get(base) ?? 0);
      const errorsBefore = tally(findings, true);
      const newError = [...tally(after, true)].some(([k, n]) => n > (errorsBefore.get(k) ?? 0));
      if (gone && !newError) {
        text = next;
        findings = after;
        applied++;
        keptThisPass++;
      } else {
        rejectedKeys.add(target.key);
        rejected.push({ ruleId: target.finding.ruleId, message: target.finding.message, title: target.fix.title });
      }
    }
    if (keptThisPass === 0) break;
    passes++;
  }
  return { text, passes, applied, remaining: findings, rejected };
}

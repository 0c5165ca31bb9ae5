/**
 * Helpers for the YAML and Spring tests: lint a text, list findings as
 * `line:col severity rule-id` (1-based, UTF-16 columns), and apply a named fix.
 *
 * The service comes from test/support/index.ts.
 */
import assert from 'node:assert/strict';
import type { Finding, LintResult, LintSettings } from '../../server/src/service';
import { ROOT, service as svc } from '.';

export { ROOT, svc };

export function settings(over: Partial<LintSettings> = {}): LintSettings {
  return { ...svc.DEFAULT_SETTINGS, ...over };
}

export function lintText(fileName: string, text: string, over: Partial<LintSettings> = {}): LintResult {
  const r = svc.lint({ fileName, text }, settings(over));
  assert.deepEqual(r.failures, [], `internal failures on ${fileName}`);
  return r;
}

/** `line:col severity rule-id` for each finding, in order. */
export function where(text: string, r: LintResult): string[] {
  const lines = new svc.LineIndex(text);
  return r.findings.map((f) => {
    const p = lines.position(f.span.start);
    return `${p.line + 1}:${p.character + 1} ${f.severity} ${f.ruleId}`;
  });
}

/** The finding of `ruleId` (exactly one expected). */
export function only(r: LintResult, ruleId: string): Finding {
  const fs = r.findings.filter((f) => f.ruleId === ruleId);
  assert.equal(fs.length, 1, `expected one ${ruleId}, got ${fs.length}: ${r.findings.map((f) => f.ruleId).join(', ')}`);
  return fs[0];
}

/** The text after applying the fix whose title starts with `title` (or the preferred fix). */
export function applyFix(text: string, f: Finding, title?: string): string {
  const fix = title === undefined ? f.fixes.find((x) => x.isPreferred) : f.fixes.find((x) => x.title.startsWith(title));
  assert.ok(fix, `no fix ${title ?? '(preferred)'} on ${f.ruleId}; have: ${f.fixes.map((x) => x.title).join(' | ')}`);
  return svc.applyEdits(text, fix.edits);
}

/** The text under a span. */
export const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

/** Block values as `key=value` (sorted), for comparing one config across formats. */
export function blockValues(r: LintResult, i = 0): string[] {
  const b = r.blocks[i];
  assert.ok(b, `block ${i} missing`);
  return [...b.values.values()].map((v) => `${v.key}=${v.value ?? '?'}${v.injectedBy ? ' (injected)' : ''}`).sort();
}

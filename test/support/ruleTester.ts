/**
 * A RuleTester in the manner of ESLint's, for this project's rules.
 *
 *   ruleTester('idempotence-acks-conflict', {
 *     valid: [{ text: 'acks=all\n' }],
 *     invalid: [{
 *       text: 'enable.idempotence=true\nacks=1\n',
 *       findings: [{ message: /Must set acks to all/, line: 2, column: 6, text: '1',
 *                    fixes: [{ title: 'Set acks=all', output: 'enable.idempotence=true\nacks=all\n' }] }],
 *     }],
 *   });
 *
 * Everything goes through the public service API (`lint()` of server/src/service/index.ts).
 *
 * Valid case: no finding of the rule, and no rule failure (or exactly the `failures` the case expects).
 *
 * Invalid case: the findings of the rule (plus the rules named by `ruleId` in the expected
 * findings) are, in document order, exactly the expected ones. For each finding:
 *  - every stated property matches (message: exact string or RegExp; line/column 1-based,
 *    endColumn exclusive, in UTF-16 code units as LSP counts them; `text` is the source under the span);
 *  - its fixes are exactly the declared ones, in the order offered (`fixes`, or `output: string` for a
 *    single fix, or `output: null` / nothing for none — an undeclared fix fails the test);
 *  - every offered fix, and the finding's `suppress.line` / `suppress.file` fixes, is applied on its
 *    own and must: have edits, in range, none overlapping another; leave the text outside its edits
 *    unchanged (prefix, gaps between edits, suffix); keep a .properties file loadable by the JDK if it
 *    was, and change no key or value but the ones the fix declares (in any of their spellings: a
 *    dialect's prefix, a librdkafka alias; none for a suppression); make the targeted finding (same rule, corresponding location) disappear on re-lint, with one
 *    finding of that rule fewer; and, for suppression fixes, add no `unused-disable-directive`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  service,
  settingsWith,
  type Finding,
  type Fix,
  type LintInput,
  type LintSettings,
  type Rule,
  type Severity,
  type Span,
} from './service';

export interface Case {
  /** Test title; defaults to the text. */
  name?: string;
  /** Defaults to `producer.properties`. */
  fileName?: string;
  text: string;
  /** On top of DEFAULT_SETTINGS (`rules` is merged). */
  settings?: Partial<LintSettings>;
  /** The internal failures the lint must report, in order (a rule set with a failing rule); none by default. */
  failures?: RegExp[];
}

export interface ExpectedFix {
  title?: string | RegExp;
  output: string;
}

export interface ExpectedFinding {
  /** Defaults to the tester's rule id. */
  ruleId?: string;
  severity?: Severity;
  /** Exact text, or a pattern. */
  message?: string | RegExp;
  /** Substrings the message must contain verbatim (e.g. the client's exception text). */
  includes?: string | string[];
  consequence?: Finding['consequence'];
  /** 1-based. */
  line?: number;
  /** 1-based, UTF-16 code units. */
  column?: number;
  endLine?: number;
  /** 1-based, exclusive (the column just after the span). */
  endColumn?: number;
  /** The exact source text under the span. */
  text?: string;
  /** The fixes in the order offered. */
  fixes?: ExpectedFix[];
  /** Shorthand: one fix with this output, or `null` for no fix. */
  output?: string | null;
  /** Expected outputs of the suppression fixes, or `null` when the finding cannot be suppressed. */
  suppress?: { line?: string; file?: string } | null;
}

export interface InvalidCase extends Case {
  findings: ExpectedFinding[];
}

export interface RuleTests {
  valid: Array<Case | string>;
  invalid: InvalidCase[];
}

const UNUSED = 'unused-disable-directive';

const asCase = (c: Case | string): Case => (typeof c === 'string' ? { text: c } : c);

function title(c: Case): string {
  if (c.name) return c.name;
  const t = JSON.stringify(c.text);
  const v = c.settings?.kafkaClientsVersion ? ` @${c.settings.kafkaClientsVersion}` : '';
  return (t.length > 90 ? `${t.slice(0, 87)}…"` : t) + v;
}

function inputOf(c: Case): LintInput {
  return { fileName: c.fileName ?? 'producer.properties', text: c.text };
}

function describeFinding(text: string, f: Finding): string {
  const lines = new service.LineIndex(text);
  const p = lines.position(f.span.start);
  return (
    `${f.ruleId} ${f.severity} at ${p.line + 1}:${p.character + 1} ${JSON.stringify(text.slice(f.span.start, f.span.end))}: ${f.message}` +
    f.fixes.map((x) => `\n    fix: ${x.title}`).join('')
  );
}

/**
 * Lints and checks the internal failures: exactly `expected`, in order; after a fix (`afterFix`) only
 * failures among the expected ones (a fix may remove the input a failing rule trips on).
 */
function lintOrFail(input: LintInput, settings: LintSettings, options: TesterOptions, expected: readonly RegExp[] = [], afterFix = false) {
  const result = service.lint(input, settings, options);
  const what = `rule failures while linting ${JSON.stringify(input.text)}`;
  if (afterFix) {
    const unexpected = result.failures.filter((failure) => !expected.some((e) => e.test(failure)));
    assert.deepEqual(unexpected, [], what);
  } else if (expected.length === 0) assert.deepEqual(result.failures, [], what);
  else {
    assert.equal(result.failures.length, expected.length, `${what}:\n${result.failures.join('\n')}`);
    result.failures.forEach((failure, i) => assert.match(failure, expected[i], what));
  }
  return result;
}

/** Where an offset of the old text ends up after `edits` (sorted, non-overlapping). */
function mapOffset(edits: Fix['edits'], offset: number): number {
  let delta = 0;
  for (const e of edits) {
    if (e.span.end <= offset) {
      delta += e.newText.length - (e.span.end - e.span.start);
    } else if (e.span.start < offset) {
      return e.span.start + delta; // inside a replaced range
    }
  }
  return offset + delta;
}

/**
 * The span where the targeted finding would be after the fix: the replacement text when the
 * finding's span was rewritten by one edit, otherwise its span shifted by the edits before it.
 */
function mappedSpan(edits: Fix['edits'], span: Span): Span {
  let delta = 0;
  for (const e of edits) {
    const replaces = e.span.end > e.span.start;
    if (replaces && e.span.start <= span.start && span.end <= e.span.end) {
      const start = e.span.start + delta;
      return { start, end: start + e.newText.length };
    }
    if (e.span.end <= span.start) delta += e.newText.length - (e.span.end - e.span.start);
  }
  return { start: mapOffset(edits, span.start), end: mapOffset(edits, span.end) };
}

function corresponds(a: Span, b: Span): boolean {
  if (a.start === b.start && a.end === b.end) return true;
  return a.start < b.end && b.start < a.end;
}

/** Edits sorted by position; fails on overlap, bad ranges, or two insertions at one point. */
function checkedEdits(text: string, fix: Fix, what: string): Fix['edits'] {
  assert.ok(fix.edits.length > 0, `${what}: "${fix.title}" has no edits`);
  const sorted = [...fix.edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (const e of sorted) {
    assert.ok(
      Number.isInteger(e.span.start) &&
        Number.isInteger(e.span.end) &&
        e.span.start >= 0 &&
        e.span.start <= e.span.end &&
        e.span.end <= text.length,
      `${what}: "${fix.title}" has an edit out of range: ${JSON.stringify(e.span)} (text length ${text.length})`,
    );
  }
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1].span;
    const b = sorted[i].span;
    assert.ok(b.start >= a.end, `${what}: "${fix.title}" has overlapping edits ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
    assert.ok(
      !(a.start === a.end && b.start === b.end && a.start === b.start),
      `${what}: "${fix.title}" has two insertions at offset ${a.start} (their order is ambiguous)`,
    );
  }
  return sorted;
}

/** Only the edited ranges changed: the prefix, the gaps between edits and the suffix are intact. */
function checkUntouched(text: string, out: string, edits: Fix['edits'], what: string) {
  let pos = 0;
  let outPos = 0;
  for (const e of edits) {
    const kept = text.slice(pos, e.span.start);
    assert.equal(out.slice(outPos, outPos + kept.length), kept, `${what}: text before offset ${e.span.start} changed`);
    outPos += kept.length;
    assert.equal(out.slice(outPos, outPos + e.newText.length), e.newText, `${what}: edit at ${e.span.start} not applied as given`);
    outPos += e.newText.length;
    pos = e.span.end;
  }
  assert.equal(out.slice(outPos), text.slice(pos), `${what}: text after offset ${pos} changed`);
  assert.equal(out.length, outPos + text.length - pos, `${what}: output length`);
}

const bom = (t: string) => (t.charCodeAt(0) === 0xfeff ? 1 : 0);

/**
 * What java.util.Properties reads must stay loadable and change only where the fix says:
 * a suppression fix changes no key or value at all; another fix may remove entries, but
 * sets or adds only the keys it declares (`Fix.keys`). This catches a fix that, say, appends
 * a line after a trailing backslash and so glues itself onto the previous value.
 */
function checkPropertiesMeaning(text: string, out: string, fix: Fix, kind: 'fix' | 'suppress', ruleId: string, what: string) {
  const before = service.parseProperties(text, bom(text));
  const after = service.parseProperties(out, bom(out));
  if (!before.jdkWouldThrow)
    assert.equal(after.jdkWouldThrow, false, `${what}: the output no longer loads with java.util.Properties:\n${out}`);
  if (kind === 'suppress') {
    assert.deepEqual([...after.map], [...before.map], `${what}: a suppression fix changed the configuration:\n${out}`);
    return;
  }
  const declared = new Set(fix.keys ?? []);
  // `Fix.keys` are canonical client keys; a dialect spells them with its prefix and its own
  // binding rules (`spring.kafka.producer.properties.acks`, `…binder.required-acks` for acks), and
  // librdkafka with its aliases (`delivery.timeout.ms` for message.timeout.ms)
  const flat = (k: string) => k.toLowerCase().replace(/[-_.[\]]/g, '');
  const alias = (k: string) => (ruleId.startsWith('rdk-') ? service.canonicalRdkKey(k) : k);
  const isDeclared = (k: string) => declared.has(k) || declared.has(alias(k)) || [...declared].some((d) => flat(k).endsWith(flat(d)));
  for (const [k, v] of after.map) {
    if (isDeclared(k)) continue;
    assert.ok(before.map.has(k), `${what}: "${fix.title}" added ${JSON.stringify(k)}, which it does not declare; output:\n${out}`);
    assert.equal(v, before.map.get(k), `${what}: "${fix.title}" changed the value of ${JSON.stringify(k)}; output:\n${out}`);
  }
}

function applyAndCheck(
  c: Case,
  settings: LintSettings,
  options: TesterOptions,
  before: Finding[],
  target: Finding,
  fix: Fix,
  kind: 'fix' | 'suppress',
  what: string,
): string {
  const text = c.text;
  const edits = checkedEdits(text, fix, what);
  const out = service.applyEdits(text, fix.edits);
  checkUntouched(text, out, edits, what);

  const input = inputOf(c);
  if (service.formatOf(input) === 'properties') checkPropertiesMeaning(text, out, fix, kind, target.ruleId, what);

  const after = lintOrFail({ ...input, text: out }, settings, options, c.failures, true).findings;
  const where = mappedSpan(edits, target.span);
  const still = after.filter((g) => g.ruleId === target.ruleId && corresponds(g.span, where));
  assert.deepEqual(
    still.map((g) => describeFinding(out, g)),
    [],
    `${what}: "${fix.title}" did not remove the finding it targets; output:\n${out}`,
  );
  const count = (fs: Finding[], id: string) => fs.filter((g) => g.ruleId === id).length;
  assert.ok(
    count(after, target.ruleId) < count(before, target.ruleId),
    `${what}: "${fix.title}" left as many ${target.ruleId} findings as before; output:\n${out}\nfindings:\n${after.map((g) => describeFinding(out, g)).join('\n')}`,
  );
  if (kind === 'suppress') {
    assert.ok(
      count(after, UNUSED) <= count(before, UNUSED),
      `${what}: "${fix.title}" produced an unused-disable-directive; output:\n${out}\nfindings:\n${after.map((g) => describeFinding(out, g)).join('\n')}`,
    );
  }
  return out;
}

function matches(actual: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual === expected : expected.test(actual);
}

function checkFinding(
  c: Case,
  settings: LintSettings,
  options: TesterOptions,
  all: Finding[],
  f: Finding,
  exp: ExpectedFinding,
  label: string,
) {
  const text = c.text;
  const lines = new service.LineIndex(text);
  const start = lines.position(f.span.start);
  const end = lines.position(f.span.end);
  const shown = describeFinding(text, f);
  if (exp.severity !== undefined) assert.equal(f.severity, exp.severity, `${label} severity: ${shown}`);
  if (exp.message !== undefined) {
    if (typeof exp.message === 'string') assert.equal(f.message, exp.message, `${label} message`);
    else assert.match(f.message, exp.message, `${label} message`);
  }
  for (const s of exp.includes === undefined ? [] : Array.isArray(exp.includes) ? exp.includes : [exp.includes]) {
    assert.ok(f.message.includes(s), `${label}: message does not contain ${JSON.stringify(s)}:\n${f.message}`);
  }
  if (exp.consequence !== undefined) assert.equal(f.consequence, exp.consequence, `${label} consequence`);
  if (exp.line !== undefined) assert.equal(start.line + 1, exp.line, `${label} line: ${shown}`);
  if (exp.column !== undefined) assert.equal(start.character + 1, exp.column, `${label} column: ${shown}`);
  if (exp.endLine !== undefined) assert.equal(end.line + 1, exp.endLine, `${label} endLine: ${shown}`);
  if (exp.endColumn !== undefined) assert.equal(end.character + 1, exp.endColumn, `${label} endColumn: ${shown}`);
  if (exp.text !== undefined) assert.equal(text.slice(f.span.start, f.span.end), exp.text, `${label} text under the span`);

  // fixes: exactly the declared ones, in order
  const declared: ExpectedFix[] = exp.fixes ?? (typeof exp.output === 'string' ? [{ output: exp.output }] : []);
  assert.ok(!(exp.fixes && exp.output !== undefined), `${label}: declare either fixes or output, not both`);
  const undeclared = f.fixes.slice(declared.length).map((x) => x.title);
  assert.deepEqual(
    undeclared,
    [],
    `${label}: fixes offered that the case does not declare (a finding without declared fixes must offer none)`,
  );
  assert.equal(f.fixes.length, declared.length, `${label}: number of fixes; offered: ${JSON.stringify(f.fixes.map((x) => x.title))}`);
  if (f.fixes.length > 0) {
    assert.ok(f.fixes[0].isPreferred, `${label}: the first fix must be the preferred one`);
    assert.equal(f.fixes.filter((x) => x.isPreferred).length, 1, `${label}: exactly one preferred fix`);
  }
  f.fixes.forEach((fix, i) => {
    const d = declared[i];
    if (d.title !== undefined)
      assert.ok(matches(fix.title, d.title), `${label} fix ${i + 1} title: ${JSON.stringify(fix.title)} vs ${d.title}`);
    const out = applyAndCheck(c, settings, options, all, f, fix, 'fix', `${label} fix ${i + 1}`);
    assert.equal(out, d.output, `${label} fix ${i + 1} ("${fix.title}") output`);
  });

  // suppression fixes
  if (exp.suppress === null || f.ruleId === UNUSED) {
    assert.equal(f.suppress, undefined, `${label}: ${f.ruleId} findings cannot be suppressed`);
    return;
  }
  assert.ok(f.suppress, `${label}: no suppression fixes offered`);
  for (const k of ['line', 'file'] as const) {
    const fix = f.suppress[k];
    const out = applyAndCheck(c, settings, options, all, f, fix, 'suppress', `${label} suppress.${k}`);
    const want: string | undefined = exp.suppress ? exp.suppress[k] : undefined;
    if (want !== undefined) assert.equal(out, want, `${label} suppress.${k} output`);
  }
}

export interface TesterOptions {
  /** Replaces the rule set (as `lint()`'s option does), e.g. to test the tester with a broken rule. */
  rules?: Rule[];
}

function isKnown(ruleId: string, options: TesterOptions): boolean {
  return options.rules
    ? options.rules.some((r) => r.meta.id === ruleId) || service.RULES_BY_ID.has(ruleId)
    : service.RULES_BY_ID.has(ruleId);
}

/** Runs one valid case; throws an AssertionError when it fails. */
export function checkValidCase(ruleId: string, raw: Case | string, options: TesterOptions = {}): void {
  const c = asCase(raw);
  assert.ok(isKnown(ruleId, options), `unknown rule ${ruleId}`);
  const settings = settingsWith(c.settings);
  const { findings } = lintOrFail(inputOf(c), settings, options, c.failures);
  const mine = findings.filter((f) => f.ruleId === ruleId);
  assert.deepEqual(
    mine.map((f) => describeFinding(c.text, f)),
    [],
    `valid case reported ${ruleId}`,
  );
}

/** Runs one invalid case; throws an AssertionError when it fails. */
export function checkInvalidCase(ruleId: string, c: InvalidCase, options: TesterOptions = {}): void {
  assert.ok(isKnown(ruleId, options), `unknown rule ${ruleId}`);
  assert.ok(c.findings.length > 0, 'an invalid case must expect at least one finding');
  const settings = settingsWith(c.settings);
  const { findings } = lintOrFail(inputOf(c), settings, options, c.failures);
  const ids = new Set([ruleId, ...c.findings.map((e) => e.ruleId ?? ruleId)]);
  const mine = findings.filter((f) => ids.has(f.ruleId));
  assert.deepEqual(
    mine.map((f) => f.ruleId),
    c.findings.map((e) => e.ruleId ?? ruleId),
    `findings of ${[...ids].join(', ')}:\n${mine.map((f) => describeFinding(c.text, f)).join('\n') || '(none)'}`,
  );
  mine.forEach((f, j) => checkFinding(c, settings, options, findings, f, c.findings[j], `finding ${j + 1} (${f.ruleId})`));
}

/**
 * Applies every fix and suppression fix of every finding of a case, with the checks of an
 * invalid case but without declared outputs (for generated inputs). Returns how many fixes ran.
 */
export function checkAllFixes(raw: Case | string, options: TesterOptions = {}): number {
  const c = asCase(raw);
  const settings = settingsWith(c.settings);
  const { findings } = lintOrFail(inputOf(c), settings, options, c.failures);
  let n = 0;
  findings.forEach((f, i) => {
    const label = `finding ${i + 1} (${f.ruleId}) in ${JSON.stringify(c.text)} @${settings.kafkaClientsVersion}`;
    if (f.fixes.length > 0) assert.equal(f.fixes.filter((x) => x.isPreferred).length, 1, `${label}: exactly one preferred fix`);
    f.fixes.forEach((fix, j) => {
      applyAndCheck(c, settings, options, findings, f, fix, 'fix', `${label} fix ${j + 1}`);
      n++;
    });
    if (f.ruleId === UNUSED) {
      assert.equal(f.suppress, undefined, `${label}: ${UNUSED} cannot be suppressed`);
      return;
    }
    assert.ok(f.suppress, `${label}: no suppression fixes`);
    for (const k of ['line', 'file'] as const) {
      applyAndCheck(c, settings, options, findings, f, f.suppress[k], 'suppress', `${label} suppress.${k}`);
      n++;
    }
  });
  return n;
}

/** Registers node:test tests for one rule. */
export function ruleTester(ruleId: string, tests: RuleTests, options: TesterOptions = {}): void {
  describe(ruleId, () => {
    test('is a known rule with valid and invalid cases', () => {
      assert.ok(isKnown(ruleId, options), `unknown rule ${ruleId}`);
      assert.ok(tests.valid.length > 0 && tests.invalid.length > 0, `${ruleId}: give valid and invalid cases`);
    });
    tests.valid.map(asCase).forEach((c, i) => {
      test(`valid ${i + 1}: ${title(c)}`, () => checkValidCase(ruleId, c, options));
    });
    tests.invalid.forEach((c, i) => {
      test(`invalid ${i + 1}: ${title(c)}`, () => checkInvalidCase(ruleId, c, options));
    });
  });
}

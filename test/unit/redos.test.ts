/**
 * Every regular expression in server/src is checked by a ReDoS detector (recheck: an automaton
 * analysis, with a fuzzer where the automaton does not apply). The expressions are collected with
 * the TypeScript compiler API: regular expression literals, and `new RegExp(...)` / `RegExp(...)`.
 * A constructed expression whose pattern is not a literal is checked in the instances listed in
 * DYNAMIC (each names its file and a representative pattern); an unlisted one fails the test, so a
 * new dynamic expression is reviewed before it ships.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT } from '../support/service';

const { checkSync } = require('recheck') as {
  checkSync(
    source: string,
    flags: string,
    params?: Record<string, unknown>,
  ): {
    status: 'safe' | 'vulnerable' | 'unknown';
    complexity?: { type: string; summary?: string };
    attack?: { pattern: string };
    error?: { kind: string };
  };
};

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** `/a+b/gi` → source and flags, as the engine reads them. */
function splitLiteral(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}

/** The string value of a literal expression, or undefined when it is computed. */
function literalString(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

function collect(): { literal: Found[]; dynamic: Found[] } {
  const literal: Found[] = [];
  const dynamic: Found[] = [];
  for (const file of sourceFiles(path.join(ROOT, 'server', 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        literal.push({ file: rel, line: lineOf(node), ...splitLiteral(node.getText(sf)) });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [pattern, flags] = node.arguments ?? [];
        const source = literalString(pattern);
        const f = flags === undefined ? '' : literalString(flags);
        const found = { file: rel, line: lineOf(node), source: source ?? pattern?.getText(sf) ?? '', flags: f ?? '?' };
        (source !== undefined && f !== undefined ? literal : dynamic).push(found);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literal, dynamic };
}

/**
 * The constructed expressions, each with representative instances: what the code builds at run
 * time, written out. `code` is the pattern argument as written (whitespace-insensitive).
 */
const DYNAMIC: Array<{ file: string; code: string; instances: Array<[string, string]>; why: string }> = [
  {
    file: 'server/src/service/detect/trigger.ts',
    code: "`\\\\b(?:${[...chosen].sort((a,b)=>b.length-a.length).map(escapeRe).join('|')})\\\\b`",
    instances: [['\\b(?:producer|acks|retries|idempotence)\\b', 'g']],
    why: 'an alternation of escaped fixed words',
  },
  {
    file: 'server/src/service/detect/trigger.ts',
    code: "[...word].map(escapeRe).join('[-_]*')",
    instances: [
      ['p[-_]*r[-_]*o[-_]*d[-_]*u[-_]*c[-_]*e[-_]*r', 'iu'],
      ['a[-_]*c[-_]*k[-_]*s', 'iu'],
    ],
    why: 'the letters of a fixed word with optional - or _ between them',
  },
  {
    file: 'server/src/service/formats/typescriptWriter.ts',
    code: 'q',
    instances: [
      ["'", 'g'],
      ['"', 'g'],
      ['`', 'g'],
    ],
    why: 'a quote character',
  },
];

const squash = (s: string) => s.replace(/\s+/g, '');

/** A safe verdict, or the detector's report. */
function check(source: string, flags: string): string | undefined {
  const r = checkSync(source, flags, { timeout: 20_000 });
  if (r.status === 'safe') return undefined;
  if (r.status === 'unknown') return `unknown (${r.error?.kind ?? 'no verdict'})`;
  return `${r.complexity?.type ?? 'vulnerable'}${r.attack ? `, attack ${r.attack.pattern.slice(0, 120)}` : ''}`;
}

describe('ReDoS: every regular expression in server/src', () => {
  const { literal, dynamic } = collect();

  test('the collector finds the expressions (literals and constructed ones)', () => {
    assert.ok(literal.length > 100, `only ${literal.length} literal expressions found`);
    assert.ok(literal.some((f) => f.file.endsWith('service/suppression.ts')));
  });

  test('each literal expression is safe', () => {
    const bad: string[] = [];
    const seen = new Map<string, string | undefined>();
    for (const f of literal) {
      const key = `/${f.source}/${f.flags}`;
      if (!seen.has(key)) seen.set(key, check(f.source, f.flags));
      const verdict = seen.get(key);
      if (verdict) bad.push(`${f.file}:${f.line} ${key}: ${verdict}`);
    }
    assert.deepEqual(bad, []);
  });

  test('each constructed expression is reviewed, and its instances are safe', () => {
    const unreviewed = dynamic.filter((d) => !DYNAMIC.some((r) => r.file === d.file && squash(r.code) === squash(d.source)));
    assert.deepEqual(
      unreviewed.map((d) => `${d.file}:${d.line} RegExp(${d.source})`),
      [],
      'add a reviewed entry to DYNAMIC',
    );
    const stale = DYNAMIC.filter((r) => !dynamic.some((d) => r.file === d.file && squash(r.code) === squash(d.source)));
    assert.deepEqual(
      stale.map((r) => `${r.file}: ${r.code}`),
      [],
      'a reviewed entry no longer in the code',
    );
    const bad: string[] = [];
    for (const r of DYNAMIC) {
      for (const [source, flags] of r.instances) {
        const verdict = check(source, flags);
        if (verdict) bad.push(`${r.file} /${source}/${flags}: ${verdict}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test('the detector flags the kind of pattern it is here for', () => {
    // the pom property reader's pattern before it was replaced: exponential on unclosed CDATA runs
    assert.ok(check('<([A-Za-z_][\\w.-]*)(?:\\s[^>]*)?>([^<]*(?:<!\\[CDATA\\[[^]*?\\]\\]>[^<]*)*)<\\/\\1\\s*>', 'g'));
    assert.ok(check('^(a|a)*$', ''));
    assert.equal(check('^[a-z]+$', ''), undefined);
  });
});

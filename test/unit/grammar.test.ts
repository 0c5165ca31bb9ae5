/**
 * syntaxes/kafka-idempotence-directives.tmLanguage.json, tokenized by VS Code's TextMate engine
 * (vscode-textmate + vscode-oniguruma), injected as package.json says into small host grammars
 * that give comments and strings the scopes VS Code's built-in grammars give them
 * (source.ini for properties, source.yaml, source.ts/tsx/js/js.jsx, source.java). The integration suite
 * (test/vscode/suite/grammar.test.ts) repeats this with VS Code 1.100's real grammars.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IRawGrammar } from 'vscode-textmate';
import { createRegistry, readGrammar, tokenize, type Injection, type Token } from '../support/textmate';
import { ROOT } from '../support';

const root = ROOT;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const injections: Injection[] = pkg.contributes.grammars.map((g: { scopeName: string; path: string; injectTo: string[] }) => ({
  scopeName: g.scopeName,
  injectTo: g.injectTo,
  grammar: readGrammar(path.join(root, g.path)),
}));

const KEYWORD = 'keyword.other.directive.kafka-idempotence';
const RULE = 'entity.name.rule-id.kafka-idempotence';
const COMMA = 'punctuation.separator.comma.kafka-idempotence';
const REASON = 'punctuation.separator.reason.kafka-idempotence';
const CLIENT = 'entity.name.client.kafka-idempotence';

/** Host grammars reduced to what matters here: comments and strings, named as VS Code's grammars name them. */
function hashComments(lang: string, extra: object[] = []): IRawGrammar {
  return {
    scopeName: `source.${lang}`,
    patterns: [
      ...extra,
      {
        begin: '(^[ \\t]+)?(#)',
        beginCaptures: { 2: { name: `punctuation.definition.comment.${lang}` } },
        end: '$',
        name: `comment.line.number-sign.${lang}`,
      },
    ],
  } as unknown as IRawGrammar;
}
function cStyle(scopeName: string): IRawGrammar {
  const s = scopeName.replace(/^source\./, '');
  return {
    scopeName,
    patterns: [
      { begin: '"', end: '"', name: `string.quoted.double.${s}` },
      { begin: '`', end: '`', name: `string.template.${s}` },
      { begin: '/\\*', end: '\\*/', name: `comment.block.${s}` },
      { begin: '//', end: '$', name: `comment.line.double-slash.${s}` },
    ],
  } as unknown as IRawGrammar;
}
const HOSTS: Record<string, IRawGrammar> = {
  'source.ini': hashComments('ini'),
  'source.yaml': hashComments('yaml', [{ begin: '"', end: '"', name: 'string.quoted.double.yaml' }]),
  'source.ts': cStyle('source.ts'),
  'source.tsx': cStyle('source.tsx'),
  'source.js': cStyle('source.js'),
  'source.js.jsx': cStyle('source.js.jsx'),
  'source.java': cStyle('source.java'),
};

async function tokens(scopeName: string, line: string): Promise<Token[]> {
  const registry = await createRegistry(HOSTS, injections);
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, scopeName);
  return tokenize(grammar, line)[0];
}

/** The text of every token carrying `scope`, in order. */
const withScope = (ts: Token[], scope: string) => ts.filter((t) => t.scopes.includes(scope)).map((t) => t.text);

test('package.json injects the directive grammar into the properties, YAML, TS/JS and Java grammars, inside comments only', () => {
  assert.deepEqual(
    pkg.contributes.grammars.map((g: { injectTo: string[] }) => g.injectTo),
    [['source.ini', 'source.yaml', 'source.ts', 'source.tsx', 'source.js', 'source.js.jsx', 'source.java']],
  );
  const g = JSON.parse(readFileSync(path.join(root, pkg.contributes.grammars[0].path), 'utf8'));
  assert.equal(g.scopeName, pkg.contributes.grammars[0].scopeName);
  assert.equal(g.injectionSelector, 'L:comment -string');
});

for (const [scope, lead] of [
  ['source.ini', '#'],
  ['source.yaml', '#'],
  ['source.ts', '//'],
  ['source.tsx', '//'],
  ['source.js', '//'],
  ['source.js.jsx', '//'],
  ['source.java', '//'],
]) {
  test(`${scope}: directive, rule ids, separators and the reason marker in a ${lead} comment`, async () => {
    const ts = await tokens(
      scope,
      `${lead} kafka-idempotence-disable-next-line idempotence-implicit-downgrade, acks-invalid-value -- metrics only`,
    );
    assert.deepEqual(withScope(ts, KEYWORD), ['kafka-idempotence-disable-next-line']);
    assert.deepEqual(withScope(ts, RULE), ['idempotence-implicit-downgrade', 'acks-invalid-value']);
    assert.deepEqual(withScope(ts, COMMA), [',']);
    assert.deepEqual(withScope(ts, REASON), ['--']);
    // everything stays inside the host's comment scope, the reason text is plain comment
    assert.ok(
      ts.every((t) => t.scopes.some((s) => s.startsWith('comment.'))),
      JSON.stringify(ts),
    );
    const reason = ts.find((t) => t.text.includes('metrics only'))!;
    assert.deepEqual(
      reason.scopes.filter((s) => s.endsWith('.kafka-idempotence')),
      [],
    );
  });
}

test('all three directive forms; without ids; space-separated ids', async () => {
  for (const form of ['kafka-idempotence-disable', 'kafka-idempotence-disable-line', 'kafka-idempotence-disable-next-line']) {
    const ts = await tokens('source.ini', `# ${form}`);
    assert.deepEqual(withScope(ts, KEYWORD), [form]);
    assert.deepEqual(withScope(ts, RULE), []);
  }
  const spaced = await tokens('source.yaml', '#kafka-idempotence-disable retries-finite-with-idempotence max-in-flight-1-with-idempotence');
  assert.deepEqual(withScope(spaced, RULE), ['retries-finite-with-idempotence', 'max-in-flight-1-with-idempotence']);
});

test('block comments: ids stop before */, code after the comment is not touched', async () => {
  const ts = await tokens('source.ts', 'const p = { /* kafka-idempotence-disable-line acks-invalid-value */ acks: 2 };');
  assert.deepEqual(withScope(ts, KEYWORD), ['kafka-idempotence-disable-line']);
  assert.deepEqual(withScope(ts, RULE), ['acks-invalid-value']);
  const after = ts.find((t) => t.text.includes('acks: 2'))!;
  assert.ok(!after.scopes.some((s) => s.startsWith('comment.')), JSON.stringify(after));
  const bare = await tokens('source.js', '/* kafka-idempotence-disable */');
  assert.deepEqual(withScope(bare, KEYWORD), ['kafka-idempotence-disable']);
  assert.deepEqual(withScope(bare, RULE), []);
});

test('the client marker: kafka-idempotence-client: java', async () => {
  const ts = await tokens('source.ini', '# kafka-idempotence-client: java');
  assert.deepEqual(withScope(ts, KEYWORD), ['kafka-idempotence-client']);
  assert.deepEqual(withScope(ts, CLIENT), ['java']);
});

test('not highlighted: outside comments, in strings, in mid-comment prose, near-miss words', async () => {
  const cases: Array<[string, string]> = [
    ['source.ts', 'const s = "// kafka-idempotence-disable acks-invalid-value";'],
    ['source.ts', 'const t = `/* kafka-idempotence-disable */`;'],
    ['source.yaml', 'note: "# kafka-idempotence-disable"'],
    ['source.ini', 'key=kafka-idempotence-disable'],
    ['source.ini', '# see kafka-idempotence-disable in the README'],
    ['source.ini', '# kafka-idempotence-disabled acks-invalid-value'],
    ['source.ts', '// kafka-idempotence-disable-next-lines'],
  ];
  for (const [scope, line] of cases) {
    const ts = await tokens(scope, line);
    assert.deepEqual(
      ts.filter((t) => t.scopes.some((s) => s.endsWith('.kafka-idempotence'))).map((t) => t.text),
      [],
      `${scope}: ${line}`,
    );
  }
});

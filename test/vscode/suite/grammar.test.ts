/**
 * The directive grammar against the grammars of the VS Code it runs in: the scope names it is
 * injected into must be the ones VS Code's built-in grammars use for properties, YAML and TS/JS,
 * and tokenizing with those real grammars (and VS Code's TextMate engine, vscode-textmate +
 * vscode-oniguruma) must give the directive scopes inside comments.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as onig from 'vscode-oniguruma';
import * as tm from 'vscode-textmate';
import { EXTENSION_ID } from './helpers';

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
  file: string;
}

function contributions(): GrammarContribution[] {
  const out: GrammarContribution[] = [];
  for (const ext of vscode.extensions.all) {
    for (const g of (ext.packageJSON?.contributes?.grammars ?? []) as GrammarContribution[]) {
      out.push({ ...g, file: path.join(ext.extensionPath, g.path) });
    }
  }
  return out;
}

let wasmLoaded: Promise<void> | undefined;
async function registry(all: GrammarContribution[]): Promise<tm.Registry> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await (wasmLoaded ??= onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)));
  return new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => onig.createOnigScanner(p),
      createOnigString: (s: string) => onig.createOnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const g = all.find((c) => c.scopeName === scopeName);
      return g ? tm.parseRawGrammar(fs.readFileSync(g.file, 'utf8'), g.file) : null;
    },
    getInjections: (scopeName) => all.filter((c) => c.injectTo?.includes(scopeName)).map((c) => c.scopeName),
  });
}

const LANGUAGES = ['properties', 'yaml', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'java'];
const KEYWORD = 'keyword.other.directive.kafka-idempotence';
const RULE = 'entity.name.rule-id.kafka-idempotence';

suite("directive grammar in VS Code's own grammars", () => {
  test('injected into the scope of every language the extension lints', () => {
    const ours = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.grammars as GrammarContribution[];
    const injectTo = ours.flatMap((g) => g.injectTo ?? []);
    const all = contributions();
    for (const language of LANGUAGES) {
      const host = all.find((c) => c.language === language);
      assert.ok(host, `VS Code has a grammar for ${language}`);
      assert.ok(
        injectTo.includes(host.scopeName),
        `${language}: its grammar's scope ${host.scopeName} is in injectTo ${JSON.stringify(injectTo)}`,
      );
    }
  });

  const samples: Array<[string, string, string[]]> = [
    [
      'properties',
      '# kafka-idempotence-disable-next-line idempotence-implicit-downgrade -- metrics only',
      ['idempotence-implicit-downgrade'],
    ],
    [
      'yaml',
      '  # kafka-idempotence-disable acks-invalid-value, idempotence-acks-conflict',
      ['acks-invalid-value', 'idempotence-acks-conflict'],
    ],
    ['typescript', '  acks: 1, // kafka-idempotence-disable-line idempotence-implicit-downgrade', ['idempotence-implicit-downgrade']],
    ['typescriptreact', '/* kafka-idempotence-disable acks-invalid-value */', ['acks-invalid-value']],
    ['javascript', '// kafka-idempotence-disable-next-line idempotence-retries-zero', ['idempotence-retries-zero']],
    ['javascriptreact', '// kafka-idempotence-disable', []],
    [
      'java',
      '        // kafka-idempotence-disable-next-line idempotence-implicit-downgrade -- metrics only',
      ['idempotence-implicit-downgrade'],
    ],
  ];
  for (const [language, line, ids] of samples) {
    test(`${language}: the real grammar + the injection highlight "${line.trim()}"`, async () => {
      const all = contributions();
      const host = all.find((c) => c.language === language)!;
      const grammar = await (await registry(all)).loadGrammar(host.scopeName);
      assert.ok(grammar, host.scopeName);
      const tokens = grammar
        .tokenizeLine(line, tm.INITIAL)
        .tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
      const keyword = tokens.filter((t) => t.scopes.includes(KEYWORD));
      assert.equal(keyword.length, 1, JSON.stringify(tokens));
      assert.match(keyword[0].text, /^kafka-idempotence-disable/);
      assert.ok(
        keyword[0].scopes.some((s) => s.startsWith('comment.')),
        `inside a comment: ${JSON.stringify(keyword[0].scopes)}`,
      );
      assert.deepEqual(
        tokens.filter((t) => t.scopes.includes(RULE)).map((t) => t.text),
        ids,
      );
    });
  }
});

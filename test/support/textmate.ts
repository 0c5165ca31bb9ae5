/**
 * Tokenizes text with vscode-textmate + vscode-oniguruma (the engine VS Code uses), with the
 * injection grammars wired the way package.json's `contributes.grammars[].injectTo` says.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as onig from 'vscode-oniguruma';
import * as tm from 'vscode-textmate';

let onigLib: Promise<tm.IOnigLib> | undefined;
function loadOnig(): Promise<tm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return { createOnigScanner: (p: string[]) => onig.createOnigScanner(p), createOnigString: (s: string) => onig.createOnigString(s) };
  })();
  return onigLib;
}

export interface Injection {
  scopeName: string;
  injectTo: string[];
  grammar: tm.IRawGrammar;
}

export interface Token {
  text: string;
  scopes: string[];
}

export async function createRegistry(hosts: Record<string, tm.IRawGrammar>, injections: Injection[]): Promise<tm.Registry> {
  const all: Record<string, tm.IRawGrammar> = { ...hosts };
  for (const i of injections) all[i.scopeName] = i.grammar;
  return new tm.Registry({
    onigLib: loadOnig(),
    loadGrammar: async (scopeName) => all[scopeName] ?? null,
    getInjections: (scopeName) => injections.filter((i) => i.injectTo.includes(scopeName)).map((i) => i.scopeName),
  });
}

/** Tokens of each line (state carried across lines). */
export function tokenize(grammar: tm.IGrammar, text: string): Token[][] {
  let state = tm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

export function readGrammar(file: string): tm.IRawGrammar {
  return tm.parseRawGrammar(readFileSync(file, 'utf8'), path.basename(file));
}

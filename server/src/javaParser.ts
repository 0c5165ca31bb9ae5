/**
 * Loads the Java parser (tree-sitter-java's grammar on web-tree-sitter, both WebAssembly) and hands it to
 * the language service (`setJavaParser`). This is adapter code: it reads files and is asynchronous, which
 * the pure, synchronous service must not be. The server and the CLI call it once at start-up, tests before
 * they lint Java.
 *
 * Where the two `.wasm` files are: next to the running bundle (scripts/build.mjs copies them to dist/,
 * and the .vsix ships them), else in node_modules (the tsc output that tests run).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { setJavaParser, type JavaParser } from './service/formats/java/parser';

export const JAVA_GRAMMAR_WASM = 'tree-sitter-java.wasm';
export const TREE_SITTER_WASM = 'web-tree-sitter.wasm';

function locate(name: string, pkg: string): string {
  const bundled = path.join(__dirname, name);
  if (existsSync(bundled)) return bundled;
  return require.resolve(`${pkg}/${name}`);
}

let loading: Promise<JavaParser> | undefined;

/** The Java parser, loaded once (later calls share the first load) and set in the service. */
export function loadJavaParser(): Promise<JavaParser> {
  loading ??= (async () => {
    const wasmBinary = readFileSync(locate(TREE_SITTER_WASM, 'web-tree-sitter'));
    await Parser.init({ wasmBinary });
    const language = await Language.load(readFileSync(locate(JAVA_GRAMMAR_WASM, 'tree-sitter-java')));
    const parser = new Parser();
    parser.setLanguage(language);
    const java: JavaParser = { parse: (text) => parser.parse(text) };
    setJavaParser(java);
    return java;
  })();
  return loading;
}

/**
 * Loads the Java parser (tree-sitter-java's grammar on web-tree-sitter, both WebAssembly) and hands it to
 * the language service (`setJavaParser`). This is adapter code: it reads files and is asynchronous, which
 * the pure, synchronous service must not be. The parser is per thread: the lint workers of the server and
 * the CLI load it on their first `.java` file that names Kafka (parsers.ts, `parserToLoad`), tests and the
 * oracle runner before they lint Java. A load that fails is recorded in the service (`setJavaParser(undefined,
 * why)`): `.java` files then get the file-not-linted notice with the reason.
 *
 * Where the two `.wasm` files are: next to the running bundle (scripts/build.mjs copies them to dist/,
 * and the .vsix ships them), else in node_modules (the tsc output that tests run).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as WebTreeSitter from 'web-tree-sitter';
import { setJavaParser, type JavaParser } from './service/formats/java/parser';

export const JAVA_GRAMMAR_WASM = 'tree-sitter-java.wasm';
export const TREE_SITTER_WASM = 'web-tree-sitter.wasm';

function locate(name: string, pkg: string): string {
  const bundled = path.join(__dirname, name);
  if (existsSync(bundled)) return bundled;
  return require.resolve(`${pkg}/${name}`);
}

let loading: Promise<JavaParser> | undefined;

/**
 * The Java parser, loaded once per thread (later calls share the first load) and set in the service. A
 * failure rejects, and is recorded in the service.
 */
export function loadJavaParser(): Promise<JavaParser> {
  loading ??= (async () => {
    try {
      // required here, not imported: a thread that lints no Java never evaluates web-tree-sitter
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
      const { Language, Parser } = require('web-tree-sitter') as typeof WebTreeSitter;
      const wasmBinary = readFileSync(locate(TREE_SITTER_WASM, 'web-tree-sitter'));
      await Parser.init({ wasmBinary });
      const language = await Language.load(readFileSync(locate(JAVA_GRAMMAR_WASM, 'tree-sitter-java')));
      const parser = new Parser();
      parser.setLanguage(language);
      const java: JavaParser = { parse: (text) => parser.parse(text) };
      setJavaParser(java);
      return java;
    } catch (e) {
      const err = e as Error;
      setJavaParser(
        undefined,
        `${err?.name ?? 'Error'}: ${String(err?.message ?? e)
          .split('\n')[0]
          .slice(0, 300)}`,
      );
      throw e;
    }
  })();
  return loading;
}

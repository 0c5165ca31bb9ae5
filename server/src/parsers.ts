/**
 * The parsers a thread loads on first use, for the lint workers of the server (lsp/worker.ts) and the
 * CLI (cli/lintFile.ts): the service names the one a document needs (`parserToLoad`), this loads it.
 */
import { loadParser, type LazyParser } from './service';
import { loadJavaParser } from './javaParser';

/**
 * Loads `name` into this thread's service: the TypeScript compiler synchronously, the Java parser
 * asynchronously (WebAssembly). Never throws for the Java parser: a failed load is recorded in the
 * service, whose lint then gives the file-not-linted notice with the reason.
 */
export async function loadLazyParser(name: LazyParser): Promise<void> {
  if (name === 'typescript') {
    loadParser();
    return;
  }
  await loadJavaParser().catch(() => undefined);
}

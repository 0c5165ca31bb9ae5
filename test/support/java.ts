/**
 * The Java parser for tests: tree-sitter-java on web-tree-sitter, loaded asynchronously by the adapter
 * module (server/src/javaParser.ts) and handed to the service, as the server and the CLI do at start-up.
 * A test file that lints Java calls `useJavaParser()` once at its top.
 */
import { before } from 'node:test';
import * as path from 'node:path';
import type * as JavaParserModule from '../../server/src/javaParser';
import { ROOT } from './service';

export const javaParserModule = require(path.join(ROOT, 'server', 'out', 'javaParser')) as typeof JavaParserModule;

export function loadJavaParser(): ReturnType<typeof JavaParserModule.loadJavaParser> {
  return javaParserModule.loadJavaParser();
}

/** Loads the parser before the file's tests run. */
export function useJavaParser(): void {
  before(() => loadJavaParser());
}

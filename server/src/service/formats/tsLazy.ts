/**
 * The TypeScript compiler, loaded on first use: it is large (loading it takes most of a
 * second), and only TS/JS files that import a Kafka client need it. `parseTypeScript`
 * calls `loadTypeScript()`; everything else works on the nodes it produced, so `ts` is set.
 *
 * How it is loaded is the host's choice (`setTypeScriptLoader`): the lint workers of the server and
 * the CLI load it with a V8 code cache (pool/codeCache.ts); by default it is `require`d. The service
 * itself does no I/O.
 */
import type * as T from 'typescript';

// undefined until loadTypeScript() runs, which happens before any node exists to use it on
export let ts: typeof T = undefined as unknown as typeof T;

let loader: (() => typeof T) | undefined;

/** Sets how the compiler is loaded (before its first use; later calls change nothing once it is loaded). */
export function setTypeScriptLoader(load: (() => typeof T) | undefined): void {
  loader = load;
}

/** True when the parser recovered from syntax errors in `sf`. */
export function hasParseErrors(sf: T.SourceFile): boolean {
  // `parseDiagnostics` is internal to the compiler: its public typings do not declare it
  return ((sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0) > 0;
}

export function loadTypeScript(): typeof T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start-up
  if (!ts) ts = loader ? loader() : (require('typescript') as typeof T);
  return ts;
}

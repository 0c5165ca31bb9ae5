/**
 * The TypeScript compiler, loaded on first use: it is large (loading it takes most of a
 * second), and only TS/JS files that import a Kafka client need it. `parseTypeScript`
 * calls `loadTypeScript()`; everything else works on the nodes it produced, so `ts` is set.
 */
import type * as T from 'typescript';

// eslint-disable-next-line import/no-mutable-exports
export let ts: typeof T = undefined as unknown as typeof T;

export function loadTypeScript(): typeof T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!ts) ts = require('typescript') as typeof T;
  return ts;
}

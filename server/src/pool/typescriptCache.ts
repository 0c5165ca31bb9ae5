/**
 * The lint workers' way to load the TypeScript compiler: with a V8 code cache in `dir` (codeCache.ts),
 * written after the first parse. The server's workers get the folder from the editor (the extension's
 * global storage) or, like the CLI, use the user's cache folder (`defaultCacheDir`).
 */
import type * as T from 'typescript';
import { setTypeScriptLoader } from '../service/formats/tsLazy';
import { CodeCachedModule } from './codeCache';

let cached: CodeCachedModule | undefined;

/** Loads the compiler through a code cache in `dir` from now on (the first folder given is kept; undefined: no cache). */
export function useTypeScriptCodeCache(dir: string | undefined, log?: (message: string) => void): void {
  if (cached !== undefined || dir === undefined) return;
  const module = new CodeCachedModule(require.resolve('typescript'), dir, log);
  cached = module;
  setTypeScriptLoader(() => module.load() as typeof T);
}

/** After a lint: writes the cache if the compiler was loaded without one (once). */
export function afterTypeScriptUse(): void {
  cached?.saveIfNew();
}

/** For tests: how the cache was used. */
export function typeScriptCodeCache(): CodeCachedModule | undefined {
  return cached;
}

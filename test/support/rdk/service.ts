/**
 * Loads the compiled language service from the repository root. The compiled tests live in
 * test/out/<suite> and the sources in test/<suite>, so a relative import cannot be right for
 * both; the types come from the sources, the code from server/out at run time.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type * as Service from '../../../server/src/service';

export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'server', 'src', 'service')) && existsSync(path.join(dir, 'test'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the repository root above ${__dirname}`);
    dir = up;
  }
}

export function loadService(): typeof Service {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(repoRoot(), 'server', 'out', 'service')) as typeof Service;
}

/** Loads a compiled module of the service by its path under server/src/service (e.g. `verdict/librdkafka`). */
export function loadServiceModule<T>(rel: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(repoRoot(), 'server', 'out', 'service', rel)) as T;
}

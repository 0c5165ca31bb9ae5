/**
 * A cache of what was made of files, re-made when a file's mtime or size changes: the project
 * configuration file (projectConfig.ts) and the build files (buildVersion.ts) share it.
 */
import * as fs from 'node:fs';

export class StatCache<T> {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; value: T }>();

  /** @param make what to keep for a file (it may read the file; it is called again after a change). */
  constructor(private readonly make: (path: string) => T) {}

  /** The cached value for `path`, made again when the file changed; throws when `path` cannot be stat'ed. */
  get(path: string, st: fs.Stats = fs.statSync(path)): T {
    const hit = this.entries.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.value;
    const value = this.make(path);
    this.entries.set(path, { mtimeMs: st.mtimeMs, size: st.size, value });
    return value;
  }

  /** Like get, but undefined when `path` is not a regular file. */
  getIfFile(path: string): T | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(path);
    } catch {
      return undefined;
    }
    return st.isFile() ? this.get(path, st) : undefined;
  }

  clear(): void {
    this.entries.clear();
  }
}

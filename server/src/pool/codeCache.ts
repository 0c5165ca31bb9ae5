/**
 * A V8 code cache for a large CommonJS file that is loaded on first use: the TypeScript compiler
 * (dist/typescript.js, ~9 MB), which the lint workers of the server and the CLI load for their first
 * TS/JS file with Kafka. With the cache, V8 deserializes the compiled code instead of parsing and
 * compiling the source again: the first such file is linted sooner.
 *
 * The file is loaded the way `require` loads it (the same wrapper, `require`, `module`, `exports`),
 * through `vm.Script` with `cachedData`. After the first use (`saveIfNew`, called after the first
 * parse, so the parser's functions are in the cache too) the code is written to
 * `<dir>/<name>-<key>.v8cache`.
 *
 * Never a reason to fail: a folder that cannot be created or written, a missing, truncated, corrupt
 * or outdated cache all load the file without a cache (and a write is tried again next time).
 * - The key names the file and its build (path, size, modification time), Node and V8, the platform and
 *   the process's V8 flags: V8 itself checks only the source's length, its own version and flags.
 * - The cache file carries a SHA-256 of its payload, checked before V8 sees it: V8 does not verify its
 *   cached data and crashes the process on a corrupt one.
 * - Written to a temporary file and renamed, so a reader never sees half a file; other workers and
 *   processes may write the same cache at the same time (the last rename wins, all are valid).
 * - At most KEEP caches of the same name stay in the folder (older builds' caches are removed).
 */
import * as buffer from 'node:buffer';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module = require('node:module');
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

const MAGIC = Buffer.from('KILV8C1\n', 'latin1');
const HASH_BYTES = 32;
/** Caches of one module (other builds, other flags) kept in a folder. */
const KEEP = 3;

/** The environment variable that names the cache folder; `off` (or empty) turns the cache off. */
export const CACHE_DIR_ENV = 'KAFKA_IDEMPOTENCE_LINT_CACHE_DIR';

/**
 * The cache folder when the editor names none (the CLI): KAFKA_IDEMPOTENCE_LINT_CACHE_DIR, else the user's
 * cache folder (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on
 * Windows) / kafka-idempotence-lint; undefined when turned off or there is no home folder.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return cacheDirFor(undefined, env);
}

/**
 * The cache folder: KAFKA_IDEMPOTENCE_LINT_CACHE_DIR when set (`off` or empty: none), else the folder the
 * editor gave (the extension's global storage), else the user's cache folder.
 */
export function cacheDirFor(editorDir: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env[CACHE_DIR_ENV];
  if (set !== undefined) return set.trim() === '' || set.trim().toLowerCase() === 'off' ? undefined : set;
  if (editorDir) return editorDir;
  let home: string;
  try {
    home = os.homedir();
  } catch {
    return undefined;
  }
  if (process.platform === 'win32') {
    const base = env.LOCALAPPDATA || (home ? path.join(home, 'AppData', 'Local') : '');
    return base ? path.join(base, 'kafka-idempotence-lint', 'Cache') : undefined;
  }
  if (process.platform === 'darwin') return home ? path.join(home, 'Library', 'Caches', 'kafka-idempotence-lint') : undefined;
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home ? path.join(home, '.cache') : '';
  return xdg ? path.join(xdg, 'kafka-idempotence-lint') : undefined;
}

export type CodeCacheState = 'off' | 'used' | 'missing' | 'corrupt' | 'rejected' | 'unreadable';

export class CodeCachedModule {
  private script: vm.Script | undefined;
  private saved = false;
  /** What happened to the cache on load (for logs and tests). */
  state: CodeCacheState = 'off';
  /** The cache file written, if any. */
  written: string | undefined;

  /**
   * @param file the CommonJS file (an absolute path)
   * @param dir the cache folder (created when missing); undefined: no cache, a plain `require`
   */
  constructor(
    readonly file: string,
    private readonly dir: string | undefined,
    private readonly log?: (message: string) => void,
  ) {}

  /** Loads the module (once per call: the caller keeps the result). */
  load(): unknown {
    if (this.dir === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the file named at run time
      return require(this.file);
    }
    const source = readSource(this.file);
    let cachedData: Buffer | undefined;
    let cacheFile: string | undefined;
    try {
      cacheFile = this.cacheFile();
      cachedData = readCache(cacheFile);
      this.state = cachedData ? 'used' : 'corrupt';
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') this.state = 'missing';
      else {
        this.state = 'unreadable';
        this.log?.(`code cache ${cacheFile ?? this.dir}: ${(e as Error).message}; loading without it`);
      }
    }
    const script = new vm.Script(Module.wrap(source), { filename: this.file, cachedData });
    if (cachedData && script.cachedDataRejected) this.state = 'rejected';
    this.script = script;
    const module = { exports: {} as unknown, id: this.file, filename: this.file, loaded: false };
    const fn = script.runInThisContext() as (
      exports: unknown,
      require: NodeRequire,
      module: unknown,
      filename: string,
      dirname: string,
    ) => void;
    fn.call(module.exports, module.exports, Module.createRequire(this.file), module, this.file, path.dirname(this.file));
    module.loaded = true;
    return module.exports;
  }

  /**
   * Writes the cache when the module was loaded without a usable one; call it after the module's first
   * use, so the functions that use compiled are in it. Never throws; at most once per load.
   */
  saveIfNew(): void {
    const script = this.script;
    if (!script || this.saved || this.dir === undefined || this.state === 'used') return;
    this.saved = true;
    let target: string | undefined;
    try {
      target = this.cacheFile();
      const data = script.createCachedData();
      fs.mkdirSync(this.dir, { recursive: true });
      const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const hash = createHash('sha256').update(data).digest();
      try {
        fs.writeFileSync(tmp, Buffer.concat([MAGIC, hash, data]));
        fs.renameSync(tmp, target);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
      }
      this.written = target;
      this.prune(target);
    } catch (e) {
      this.log?.(`code cache ${target ?? this.dir} not written: ${(e as Error).message}`);
    }
  }

  /** `<dir>/<module name>-<key>.v8cache`. */
  cacheFile(): string {
    const st = fs.statSync(this.file);
    const key = createHash('sha256')
      .update(
        [
          this.file,
          st.size,
          st.mtimeMs,
          process.version,
          process.versions.v8,
          process.platform,
          process.arch,
          process.execArgv.join(' '),
        ].join('\u0000'),
      )
      .digest('hex')
      .slice(0, 16);
    return path.join(this.dir ?? '', `${path.basename(this.file, '.js')}-${key}.v8cache`);
  }

  /** Removes this module's caches beyond the KEEP most recently written (older builds, other flags). */
  private prune(current: string): void {
    const dir = path.dirname(current);
    const prefix = `${path.basename(this.file, '.js')}-`;
    const mine = fs
      .readdirSync(dir)
      .filter((n) => n.startsWith(prefix) && n.endsWith('.v8cache'))
      .map((n) => {
        const p = path.join(dir, n);
        try {
          return { p, t: p === current ? Infinity : fs.statSync(p).mtimeMs };
        } catch {
          return { p, t: -1 };
        }
      })
      .sort((a, b) => b.t - a.t);
    for (const old of mine.slice(KEEP)) fs.rmSync(old.p, { force: true });
  }
}

/**
 * The file's text, as `require` reads it (UTF-8, without a byte-order mark). A file that is all ASCII (the
 * TypeScript compiler is) is the same text read as Latin-1, which Node decodes several times faster.
 */
function readSource(file: string): string {
  const buf = fs.readFileSync(file);
  const isAscii = (buffer as { isAscii?: (b: Uint8Array) => boolean }).isAscii;
  if (isAscii?.(buf)) return buf.toString('latin1');
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The payload of a cache file when its header and checksum hold, else undefined (corrupt); a missing file throws ENOENT. */
function readCache(file: string): Buffer | undefined {
  const buf = fs.readFileSync(file);
  if (buf.length <= MAGIC.length + HASH_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = buf.subarray(MAGIC.length + HASH_BYTES);
  const hash = createHash('sha256').update(data).digest();
  return hash.equals(buf.subarray(MAGIC.length, MAGIC.length + HASH_BYTES)) ? data : undefined;
}

/**
 * The file walk of the workspace scan ("Kafka Producers" view), run in a lint worker a slice at a time:
 * the main thread asks for the next folders and gets back the lintable files found and the folders left,
 * so no single job walks a large workspace and the scan can stop between two slices.
 *
 * What is skipped: `node_modules` and `.git`; what `.gitignore` files exclude (from the repository root,
 * the nearest folder above with a `.git`, down to the folder; a deeper file's patterns win — git's rules,
 * through the `ignore` package, as the CLI does); the editor's `files.exclude` globs (relative to the
 * workspace folder; a `{ "when": "$(basename).ts" }` condition is honoured); symbolic links to folders;
 * the linter's own configuration files; names the linter has no format for (`formatOf`); declaration files
 * (`.d.ts`: no producer is ever created in one).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CONFIG_FILE_NAMES, formatOf } from '../service';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const CONFIG_NAMES = new Set<string>(CONFIG_FILE_NAMES);

/** A `files.exclude` entry: a glob and, optionally, the sibling that must exist (`$(basename).ts`). */
export interface ExcludeGlob {
  glob: string;
  when?: string;
}

interface IgnoreLayer {
  dir: string;
  ig: Ignore;
}

/** .gitignore layers per folder, kept for the worker's life (cleared with the other caches). */
const layerCache = new Map<string, IgnoreLayer[]>();

export function clearScanCaches(): void {
  layerCache.clear();
  repoRoots.clear();
}

function readGitignore(dir: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { dir, ig: ignore().add(text) };
}

/**
 * The .gitignore layers that apply inside `dir`: in a repository, every .gitignore from its root (the
 * nearest folder above with a `.git`) down to `dir`; outside one, those from the workspace folder `root` down.
 */
function layersFor(dir: string, root: string): IgnoreLayer[] {
  const key = `${root}\u0000${dir}`;
  const hit = layerCache.get(key);
  if (hit) return hit;
  const own = readGitignore(dir);
  const parent = path.dirname(dir);
  let layers: IgnoreLayer[];
  if (fs.existsSync(path.join(dir, '.git')) || parent === dir) layers = own ? [own] : [];
  else if (repoRootAbove(parent) !== undefined || (dir !== root && dir.startsWith(root + path.sep)))
    layers = own ? [...layersFor(parent, root), own] : layersFor(parent, root);
  else layers = own ? [own] : [];
  layerCache.set(key, layers);
  return layers;
}

/** The nearest folder at or above `dir` that holds a `.git`. */
const repoRoots = new Map<string, string | null>();
function repoRootAbove(dir: string): string | undefined {
  const hit = repoRoots.get(dir);
  if (hit !== undefined) return hit ?? undefined;
  let root: string | undefined;
  if (fs.existsSync(path.join(dir, '.git'))) root = dir;
  else {
    const up = path.dirname(dir);
    root = up === dir ? undefined : repoRootAbove(up);
  }
  repoRoots.set(dir, root ?? null);
  return root;
}

function gitIgnored(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const rel = path.relative(layers[i].dir, abs).split(path.sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    const r = layers[i].ig.test(isDir ? `${rel}/` : rel);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// files.exclude globs (VS Code's glob syntax: `**`, `*`, `?`, `{a,b}`, `[...]`; matched against the
// path relative to the workspace folder; a pattern that matches a folder excludes everything in it)

/** `{a,b}` expanded (nested groups too), at most 64 alternatives. */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return [glob];
  const parts: string[] = [];
  let from = open + 1;
  for (const c of [...commas, close]) {
    parts.push(glob.slice(from, c));
    from = c + 1;
  }
  const out: string[] = [];
  for (const p of parts) {
    for (const rest of expandBraces(glob.slice(0, open) + p + glob.slice(close + 1))) {
      out.push(rest);
      if (out.length >= 64) return out;
    }
  }
  return out;
}

/** One path segment against one glob segment (`*`, `?`, `[...]`): a greedy match with one backtrack point. */
function segmentMatches(glob: string, name: string): boolean {
  let gi = 0;
  let ni = 0;
  let star = -1;
  let mark = 0;
  while (ni < name.length) {
    const g = glob[gi];
    if (g === '*') {
      star = gi++;
      mark = ni;
      continue;
    }
    if (g === '[') {
      const end = glob.indexOf(']', gi + 1);
      if (end > gi) {
        if (classMatches(glob.slice(gi + 1, end), name[ni])) {
          gi = end + 1;
          ni++;
          continue;
        }
      } else if (name[ni] === '[') {
        gi++;
        ni++;
        continue;
      }
    } else if (gi < glob.length && (g === '?' || g === name[ni])) {
      gi++;
      ni++;
      continue;
    }
    if (star < 0) return false;
    gi = star + 1;
    ni = ++mark;
  }
  while (glob[gi] === '*') gi++;
  return gi === glob.length;
}

function classMatches(cls: string, c: string): boolean {
  const negate = cls.startsWith('!') || cls.startsWith('^');
  const body = negate ? cls.slice(1) : cls;
  let hit = false;
  for (let i = 0; i < body.length; i++) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      if (c >= body[i] && c <= body[i + 2]) hit = true;
      i += 2;
    } else if (body[i] === c) hit = true;
  }
  return hit !== negate;
}

/** Does the relative path (segments) match the glob segments, or lie below a match (`**` any number of segments)? */
function pathMatches(glob: readonly string[], segs: readonly string[], gi = 0, si = 0): boolean {
  while (gi < glob.length) {
    const g = glob[gi];
    if (g === '**') {
      if (gi === glob.length - 1) return true;
      for (let k = si; k <= segs.length; k++) if (pathMatches(glob, segs, gi + 1, k)) return true;
      return false;
    }
    if (si >= segs.length) return false;
    if (!segmentMatches(g, segs[si])) return false;
    gi++;
    si++;
  }
  return si === segs.length;
}

export interface CompiledExclude {
  segments: string[];
  when?: string;
}

export function compileExcludes(globs: readonly ExcludeGlob[]): CompiledExclude[] {
  const out: CompiledExclude[] = [];
  for (const { glob, when } of globs) {
    for (const g of expandBraces(glob.replace(/\\/g, '/').replace(/^\.\//, ''))) {
      const segments = g.split('/').filter((s) => s !== '');
      if (segments.length > 0) out.push({ segments, ...(when ? { when } : {}) });
    }
  }
  return out;
}

/** Is the entry `name` (whose relative path is `rel`) excluded? `siblings` are the names in its folder (for `when`). */
export function excluded(excludes: readonly CompiledExclude[], rel: readonly string[], siblings: ReadonlySet<string>): boolean {
  for (const e of excludes) {
    if (!pathMatches(e.segments, rel)) continue;
    if (e.when) {
      const name = rel[rel.length - 1];
      const dot = name.lastIndexOf('.');
      const basename = dot > 0 ? name.slice(0, dot) : name;
      if (!siblings.has(e.when.split('$(basename)').join(basename))) continue;
    }
    return true;
  }
  return false;
}

/** Can the scan find producers in a file of this name? */
export function scannable(name: string): boolean {
  if (CONFIG_NAMES.has(name) || /\.d\.[cm]?ts$/.test(name)) return false;
  return formatOf({ fileName: name }) !== undefined;
}

export interface WalkSlice {
  /** Lintable files found, absolute paths, in name order within each folder. */
  files: string[];
  /** Folders still to walk. */
  pending: string[];
  /** Folders that could not be read. */
  errors: string[];
}

/**
 * Walks `dirs` (absolute paths below `root`, the workspace folder) for `maxMs`, depth first in name
 * order, and returns what it found and what is left.
 */
export function walkSlice(root: string, dirs: readonly string[], excludes: readonly CompiledExclude[], maxMs: number): WalkSlice {
  const started = Date.now();
  const stack = [...dirs].reverse();
  const out: WalkSlice = { files: [], pending: [], errors: [] };
  while (stack.length > 0) {
    if (Date.now() - started > maxMs) break;
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      out.errors.push(`${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const layers = layersFor(dir, root);
    const relDir = path
      .relative(root, dir)
      .split(path.sep)
      .filter((s) => s !== '');
    const names = new Set(entries.map((e) => e.name));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const rel = [...relDir, entry.name];
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        if (layers.length > 0 && gitIgnored(layers, abs, true)) continue;
        if (excluded(excludes, rel, names)) continue;
        subdirs.push(abs);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (!scannable(entry.name)) continue;
        if (layers.length > 0 && gitIgnored(layers, abs, false)) continue;
        if (excluded(excludes, rel, names)) continue;
        if (entry.isSymbolicLink()) {
          try {
            if (!fs.statSync(abs).isFile()) continue;
          } catch {
            continue;
          }
        }
        out.files.push(abs);
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
  out.pending = stack.reverse();
  return out;
}

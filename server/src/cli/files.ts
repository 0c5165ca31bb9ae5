/**
 * Which files the CLI lints, and how it reads them.
 *
 * - A file argument is linted as given (when the service has a format for it).
 * - A folder is walked recursively, in name order, skipping `node_modules` and `.git`
 *   and not following symbolic links to folders (no cycles); only files whose name
 *   the service knows (`formatOf`) are linted, except `.kafka-idempotence.yaml`/`.yml` (the
 *   linter's own configuration).
 * - While walking (a folder or a glob), what `.gitignore` files exclude is skipped: the
 *   `.gitignore` of every folder from the repository root (the nearest folder above with a
 *   `.git`) down to the walked folder, and those met below it; a deeper file's patterns win.
 *   Matching is the `ignore` package's (git's rules: globs, `!` negation, `dir/` for folders
 *   only, a leading `/` anchors to the `.gitignore`'s folder). A file named on the command
 *   line is linted even when ignored, as git lets you add it with -f.
 * - An argument that does not exist but contains `*` or `?` is a glob (glob.ts).
 * - How a file is read (its encoding, the byte-order mark) is cli/encoding.ts's, called by
 *   cli/lintFile.ts in a lint worker.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CONFIG_FILE_NAMES, formatOf } from '../service';
import { couldMatchBelow, isGlob, matchSegments, splitGlob } from './glob';

export interface Target {
  /** The path as given, or as walked from what was given. */
  display: string;
  /** Absolute path. */
  abs: string;
  /** Named on the command line (not found by walking a folder or a glob). */
  explicit?: boolean;
}

export interface Collected {
  files: Target[];
  /** Unreadable or nonexistent paths, globs without a match: exit code 2. */
  errors: string[];
  /** Given files with no linter for their type. */
  warnings: string[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface CollectOptions {
  /** Skip what .gitignore files exclude while walking (default true). */
  gitignore?: boolean;
}

/** The patterns of one .gitignore, relative to its folder. */
interface IgnoreLayer {
  dir: string;
  ig: Ignore;
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

/** .gitignore layers from the repository root (or `start` when not in a repository) down to `start`. */
function gitignoreLayersAbove(start: string): IgnoreLayer[] {
  const chain: string[] = [];
  let dir = start;
  let root: string | undefined;
  for (;;) {
    chain.push(dir);
    if (fs.existsSync(path.join(dir, '.git'))) {
      root = dir;
      break;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const dirs = root ? chain.reverse() : [start];
  return dirs.map(readGitignore).filter((l): l is IgnoreLayer => l !== undefined);
}

/** Is `abs` excluded? The deepest .gitignore with a matching pattern decides. */
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

const CONFIG_NAMES = new Set<string>(CONFIG_FILE_NAMES);
/** Files the walk lints: a known format, and not this linter's own configuration file. */
const lintable = (name: string) => formatOf({ fileName: name }) !== undefined && !CONFIG_NAMES.has(name);

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
  }
}

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function collectFiles(inputs: readonly string[], cwd: string, options: CollectOptions = {}): Collected {
  const collector = new FileCollector(cwd, options.gitignore !== false);
  for (const input of inputs) collector.collect(input);
  return collector.out;
}

/** Receives every lintable file a walk finds, with its path relative to the walked folder. */
type FileVisitor = (display: string, abs: string, rel: string[]) => void;
/** Decides whether a walk descends into a folder (or has taken the folder over itself). */
type DirVisitor = (display: string, abs: string, rel: string[], layers: IgnoreLayer[]) => 'descend' | 'done';

class FileCollector {
  readonly out: Collected = { files: [], errors: [], warnings: [] };
  private readonly seen = new Set<string>();

  constructor(
    private readonly cwd: string,
    private readonly useGitignore: boolean,
  ) {}

  /** One command-line argument: a file, a folder, a glob, or an error. */
  collect(input: string): void {
    const abs = path.resolve(this.cwd, input);
    let st: fs.Stats | undefined;
    let statError: unknown;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      statError = e;
    }
    if (st) this.collectExisting(input, abs, st);
    else if (isGlob(input) && (statError as NodeJS.ErrnoException)?.code === 'ENOENT') this.collectGlob(input);
    else this.out.errors.push(`cannot read ${input}: ${reason(statError)}${linkTarget(abs)}`);
  }

  private add(display: string, abs: string, explicit = false): void {
    if (this.seen.has(abs)) return;
    this.seen.add(abs);
    this.out.files.push(explicit ? { display, abs, explicit } : { display, abs });
  }

  private collectExisting(input: string, abs: string, st: fs.Stats): void {
    if (st.isDirectory()) this.walkAll(abs, input);
    else if (!st.isFile()) this.out.errors.push(`cannot read ${input}: not a regular file`);
    else if (lintable(input)) this.add(input, abs, true);
    else
      this.out.warnings.push(
        `skipped ${input}: no linter for this file type (.properties, .yml/.yaml, .ts/.tsx/.js/.jsx/.mjs/.cjs, .java)`,
      );
  }

  /** An argument that does not exist but holds `*` or `?`: walk its base folder for what matches. */
  private collectGlob(input: string): void {
    const before = this.out.files.length;
    const { base, segments } = splitGlob(input);
    const baseAbs = path.resolve(this.cwd, base);
    if (isDirectory(baseAbs)) {
      this.walk(
        baseAbs,
        base,
        [],
        (d, a, rel) => {
          if (matchSegments(segments, rel)) this.add(d, a);
        },
        (d, a, rel, layers) => {
          if (matchSegments(segments, rel)) {
            this.walkAll(a, d, layers); // a matched folder is linted whole, as if the shell had expanded it
            return 'done';
          }
          return couldMatchBelow(segments, rel) ? 'descend' : 'done';
        },
      );
    }
    if (this.out.files.length === before) this.out.errors.push(`no lintable files match ${input}`);
  }

  private walkAll(abs: string, display: string, layers?: IgnoreLayer[]): void {
    this.walk(
      abs,
      display,
      [],
      (d, a) => this.add(d, a),
      () => 'descend',
      layers,
    );
  }

  /** The .gitignore layers that apply in a folder: those above it on the first call, then its parent's and its own. */
  private layersFor(dirAbs: string, parentLayers: IgnoreLayer[] | undefined): IgnoreLayer[] {
    if (!this.useGitignore) return [];
    if (parentLayers === undefined) return gitignoreLayersAbove(dirAbs);
    const own = readGitignore(dirAbs);
    return own ? [...parentLayers, own] : parentLayers;
  }

  /** Visits the entries of a folder in name order: `visitDir` decides whether to descend, `visitFile` receives every lintable file. */
  private walk(
    dirAbs: string,
    dirDisplay: string,
    rel: string[],
    visitFile: FileVisitor,
    visitDir: DirVisitor,
    parentLayers?: IgnoreLayer[],
  ): void {
    const layers = this.layersFor(dirAbs, parentLayers);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dirAbs, { withFileTypes: true });
    } catch (e) {
      this.out.errors.push(`cannot read folder ${dirDisplay}: ${reason(e)}`);
      return;
    }
    entries.sort(byName);
    const ignored = (abs: string, isDir: boolean) => layers.length > 0 && gitIgnored(layers, abs, isDir);
    for (const entry of entries) {
      const abs = path.join(dirAbs, entry.name);
      const display = path.join(dirDisplay, entry.name);
      const childRel = [...rel, entry.name];
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || ignored(abs, true)) continue;
        if (visitDir(display, abs, childRel, layers) === 'descend') this.walk(abs, display, childRel, visitFile, visitDir, layers);
      } else if (entry.isFile()) {
        if (lintable(entry.name) && !ignored(abs, false)) visitFile(display, abs, childRel);
      } else if (entry.isSymbolicLink()) {
        // links to folders are not followed
        if (lintable(entry.name) && !ignored(abs, false) && this.linksToFile(abs, display)) visitFile(display, abs, childRel);
      }
    }
  }

  /** A symbolic link met by a walk: does it lead to a file? A broken link is an error. */
  private linksToFile(abs: string, display: string): boolean {
    try {
      return fs.statSync(abs).isFile();
    } catch (e) {
      this.out.errors.push(`cannot read ${display}: ${reason(e)} (symbolic link to ${safeReadlink(abs)})`);
      return false;
    }
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** ` (symbolic link to <target>)` when `abs` is a link, for the message about a path that cannot be read. */
function linkTarget(abs: string): string {
  try {
    if (fs.lstatSync(abs).isSymbolicLink()) return ` (symbolic link to ${safeReadlink(abs)})`;
  } catch {
    // not a link
  }
  return '';
}

function safeReadlink(p: string): string {
  try {
    return fs.readlinkSync(p);
  } catch {
    return '?';
  }
}

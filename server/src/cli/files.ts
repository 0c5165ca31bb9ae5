/**
 * Which files the CLI lints, and how it reads them.
 *
 * - A file argument is linted as given (when the service has a format for it).
 * - A folder is walked recursively, in name order, skipping `node_modules` and `.git`
 *   and not following symbolic links to folders (no cycles); only files whose name
 *   the service knows (`formatOf`) are linted.
 * - An argument that does not exist but contains `*` or `?` is a glob (glob.ts).
 * - Text is read as UTF-8, invalid bytes become U+FFFD (TextDecoder), and a leading
 *   byte order mark is dropped before linting, as an editor does: VS Code hands the
 *   language server the text without the BOM and never counts it in a column, so
 *   positions printed here are the ones the editor shows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatOf } from '../service';
import { couldMatchBelow, isGlob, matchSegments, splitGlob } from './glob';

export interface Target {
  /** The path as given, or as walked from what was given. */
  display: string;
  /** Absolute path. */
  abs: string;
}

export interface Collected {
  files: Target[];
  /** Unreadable or nonexistent paths, globs without a match: exit code 2. */
  errors: string[];
  /** Given files with no linter for their type. */
  warnings: string[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

const lintable = (name: string) => formatOf({ fileName: name }) !== undefined;

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

export function collectFiles(inputs: readonly string[], cwd: string): Collected {
  const out: Collected = { files: [], errors: [], warnings: [] };
  const seen = new Set<string>();
  const add = (display: string, abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.files.push({ display, abs });
  };

  /**
   * Visits the entries of a folder. `visitDir` decides whether to descend (and may take the
   * folder over), `visitFile` receives every lintable file.
   */
  const walk = (
    dirAbs: string,
    dirDisplay: string,
    rel: string[],
    visitFile: (display: string, abs: string, rel: string[]) => void,
    visitDir: (display: string, abs: string, rel: string[]) => 'descend' | 'done',
  ) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dirAbs, { withFileTypes: true });
    } catch (e) {
      out.errors.push(`cannot read folder ${dirDisplay}: ${reason(e)}`);
      return;
    }
    entries.sort(byName);
    for (const entry of entries) {
      const abs = path.join(dirAbs, entry.name);
      const display = path.join(dirDisplay, entry.name);
      const childRel = [...rel, entry.name];
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        if (visitDir(display, abs, childRel) === 'descend') walk(abs, display, childRel, visitFile, visitDir);
      } else if (entry.isFile()) {
        if (lintable(entry.name)) visitFile(display, abs, childRel);
      } else if (entry.isSymbolicLink()) {
        if (!lintable(entry.name)) continue; // links to folders are not followed
        let st: fs.Stats;
        try {
          st = fs.statSync(abs);
        } catch (e) {
          out.errors.push(`cannot read ${display}: ${reason(e)} (symbolic link to ${safeReadlink(abs)})`);
          continue;
        }
        if (st.isFile()) visitFile(display, abs, childRel);
      }
    }
  };

  const walkAll = (abs: string, display: string) =>
    walk(abs, display, [], (d, a) => add(d, a), () => 'descend');

  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st: fs.Stats | undefined;
    let statError: unknown;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      statError = e;
    }
    if (st) {
      if (st.isDirectory()) walkAll(abs, input);
      else if (st.isFile()) {
        if (lintable(input)) add(input, abs);
        else out.warnings.push(`skipped ${input}: no linter for this file type (.properties, .yml/.yaml, .ts/.tsx/.js/.jsx/.mjs/.cjs)`);
      } else out.errors.push(`cannot read ${input}: not a regular file`);
      continue;
    }
    if (isGlob(input) && (statError as NodeJS.ErrnoException)?.code === 'ENOENT') {
      const before = out.files.length;
      const { base, segments } = splitGlob(input);
      const baseAbs = path.resolve(cwd, base);
      let baseOk = false;
      try {
        baseOk = fs.statSync(baseAbs).isDirectory();
      } catch {
        baseOk = false;
      }
      if (baseOk) {
        walk(
          baseAbs,
          base,
          [],
          (d, a, rel) => {
            if (matchSegments(segments, rel)) add(d, a);
          },
          (d, a, rel) => {
            if (matchSegments(segments, rel)) {
              walkAll(a, d); // a matched folder is linted whole, as if the shell had expanded it
              return 'done';
            }
            return couldMatchBelow(segments, rel) ? 'descend' : 'done';
          },
        );
      }
      if (out.files.length === before) out.errors.push(`no lintable files match ${input}`);
      continue;
    }
    let detail = reason(statError);
    try {
      if (fs.lstatSync(abs).isSymbolicLink()) detail += ` (symbolic link to ${safeReadlink(abs)})`;
    } catch {
      // not a link
    }
    out.errors.push(`cannot read ${input}: ${detail}`);
  }
  return out;
}

function safeReadlink(p: string): string {
  try {
    return fs.readlinkSync(p);
  } catch {
    return '?';
  }
}

export type ReadResult = { text: string } | { skipped: string } | { error: string };

/**
 * Reads a file as an editor would (UTF-8, invalid bytes → U+FFFD, no BOM). Files that cannot
 * fit under `maxFileSize` characters are skipped without being read: a UTF-8 character of one
 * UTF-16 code unit takes at most 3 bytes, so more than 3 × max + 3 bytes (BOM) is too long.
 */
export function readTarget(t: Target, maxFileSize: number): ReadResult {
  const tooLarge = (what: string) => ({
    skipped: `Kafka Idempotence Lint skipped ${t.display}: ${what} is above the size limit of ${maxFileSize} characters (--max-file-size).`,
  });
  let bytes: Buffer;
  try {
    const st = fs.statSync(t.abs);
    if (!st.isFile()) return { error: `cannot read ${t.display}: not a regular file` };
    if (st.size > 3 * maxFileSize + 3) return tooLarge(`${st.size} bytes`);
    bytes = fs.readFileSync(t.abs);
  } catch (e) {
    return { error: `cannot read ${t.display}: ${reason(e)}` };
  }
  let text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length > maxFileSize) return tooLarge(`${text.length} characters`);
  return { text };
}

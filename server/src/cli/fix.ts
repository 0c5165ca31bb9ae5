/**
 * `--fix` and `--fix-dry-run`: writing fixed text back, and showing it as a diff.
 *
 * Writing goes through a temporary file in the same folder, then rename(2) over the original, so
 * a crash leaves either the old file or the new one, never half of one. The temporary file is
 * created exclusively (`wx`) with the original's permission bits; the bytes are the fixed text in
 * the file's own encoding, byte-order mark included (cli/encoding.ts). A file with several hard
 * links is rewritten in place instead, so the links stay one file. Only the linted file itself is
 * ever replaced: a symbolic link is not fixed (renaming over it would replace the link by a file,
 * and following it could write outside the linted tree), nor a read-only file, nor a file that
 * changed on disk since it was read — each with a warning.
 *
 * The diff is the `diff` package's unified diff (`createTwoFilesPatch`, file headers only, three
 * lines of context), with git's `a/` and `b/` prefixes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

export function unifiedDiff(display: string, before: string, after: string): string {
  const name = display.split(path.sep).join('/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

export interface ReadStat {
  size: number;
  mtimeMs: number;
  ino: number;
}

export type WriteResult = { written: true } | { written: false; warning: string } | { written: false; error: string };

/** No write permission for the user running the linter, or no write bit at all (root may write anything: it is read-only all the same). */
function readOnly(abs: string, st: fs.Stats): boolean {
  if ((st.mode & 0o222) === 0) return true;
  try {
    fs.accessSync(abs, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * Writes `bytes` (the fixed text, encoded as the file was, byte-order mark included) over `abs`.
 * Left alone, with a warning: a symbolic link, a read-only file, a file that changed on disk since it
 * was read. A file with several hard links is written in place (same inode), so every name sees the
 * fix; otherwise through a temporary file and a rename. An error: the write itself failed.
 */
export function writeFixed(abs: string, display: string, bytes: Buffer, readStat: ReadStat): WriteResult {
  let st: fs.Stats;
  try {
    const lst = fs.lstatSync(abs);
    if (lst.isSymbolicLink()) {
      let target = '?';
      try {
        target = fs.readlinkSync(abs);
      } catch {
        // keep '?'
      }
      return { written: false, warning: `not fixing ${display}: it is a symbolic link (to ${target}); fix the file it points to` };
    }
    st = lst;
  } catch (e) {
    return { written: false, error: `could not write the fixes to ${display}: ${(e as Error).message}` };
  }
  if (!st.isFile()) return { written: false, warning: `not fixing ${display}: not a regular file` };
  if (st.size !== readStat.size || st.mtimeMs !== readStat.mtimeMs || st.ino !== readStat.ino) {
    return { written: false, warning: `not fixing ${display}: it changed on disk while it was being linted` };
  }
  if (readOnly(abs, st)) return { written: false, warning: `not fixing ${display}: it is read-only` };
  if (st.nlink > 1) return writeInPlace(abs, display, bytes);
  const dir = path.dirname(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.kafka-idempotence-fix`);
  const mode = st.mode & 0o7777;
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    fs.writeFileSync(fd, bytes);
    fs.fchmodSync(fd, mode); // the umask may have narrowed it
    try {
      fs.fchownSync(fd, st.uid, st.gid); // keeps the owner when root fixes someone else's file
    } catch {
      // not permitted for ordinary users: the file then belongs to whoever ran --fix, as with any editor
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, abs);
    return { written: true };
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created
    }
    return { written: false, error: `could not write the fixes to ${display}: ${(e as Error).message}` };
  }
}

/** Several names share the inode: rewrite it where it is (not atomic, as an editor's save of such a file is not). */
function writeInPlace(abs: string, display: string, bytes: Buffer): WriteResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r+');
    fs.writeSync(fd, bytes, 0, bytes.length, 0);
    fs.ftruncateSync(fd, bytes.length);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    return { written: true };
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing
      }
    }
    return { written: false, error: `could not write the fixes to ${display}: ${(e as Error).message}` };
  }
}

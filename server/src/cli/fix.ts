/**
 * `--fix` and `--fix-dry-run`: writing fixed text back, and showing it as a diff.
 *
 * Writing goes through a temporary file in the same folder, then rename(2) over the original, so
 * a crash leaves either the old file or the new one, never half of one. The temporary file is
 * created exclusively (`wx`) with the original's permission bits; the original's BOM is put back.
 * Only the linted file itself is ever replaced: a symbolic link is not fixed (renaming over it
 * would replace the link by a file, and following it could write outside the linted tree), and a
 * file that changed on disk since it was read is left alone.
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

/** Writes `text` (plus the BOM when the original had one) over `abs`; an error message, or undefined when written. */
export function writeFixed(abs: string, display: string, text: string, bom: boolean, readStat: fs.Stats): string | undefined {
  let st: fs.Stats;
  try {
    const lst = fs.lstatSync(abs);
    if (lst.isSymbolicLink()) return `not fixing ${display}: it is a symbolic link`;
    st = lst;
  } catch (e) {
    return `not fixing ${display}: ${(e as Error).message}`;
  }
  if (!st.isFile()) return `not fixing ${display}: not a regular file`;
  if (st.size !== readStat.size || st.mtimeMs !== readStat.mtimeMs || st.ino !== readStat.ino) {
    return `not fixing ${display}: it changed on disk while it was being linted`;
  }
  const dir = path.dirname(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.kafka-idempotence-fix`);
  const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
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
    return undefined;
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
    return `could not write the fixes to ${display}: ${(e as Error).message}`;
  }
}

/**
 * The workspace scan behind the "Kafka Producers" view (`kafkaIdempotence/scanProducers`): every producer
 * block in the workspace folders, found in the background by the lint workers.
 *
 * - The walk runs in a worker a slice at a time (scanWalk.ts): `node_modules`, `.git`, what `.gitignore`
 *   files exclude and the editor's `files.exclude` are left out, and only names the linter reads are kept.
 * - Each file is then one worker job (under the time budget, like a lint): a look at its text first, so a
 *   file without Kafka costs a read and a substring search; the rest is linted as an open document would
 *   be (project configuration, build files). One job at a time: the editor's own requests go in between.
 * - Results are kept per file (modification time and size, or the editor's version of an open document),
 *   so a rescan after a change lints only what changed; settings and build-file changes clear them.
 * - The scan stops between two jobs when it is cancelled, and says so (`cancelled`).
 *
 * This thread only walks the answers: it never reads or lints a file itself.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LintSettings } from '../service/types';
import type { LintPool } from './lintPool';
import type { ScanResult, ScannedFile, ScannedProducer } from './protocol';
import type { ExcludeGlob } from './scanWalk';

/** How long one walk job may run before it hands back the folders left. */
const WALK_SLICE_MS = 100;

export interface ScanFolder {
  /** The folder's absolute path. */
  path: string;
  /** Globs to leave out, relative to the folder (files.exclude and the request's own). */
  exclude: ExcludeGlob[];
  /** The editor's settings for the folder. */
  settings: LintSettings;
}

export interface OpenDocument {
  uri: string;
  text: string;
  languageId: string;
  version: number;
}

export interface ScanControl {
  /** True once the scan should stop. */
  cancelled(): boolean;
  /** Progress: `done` of `total` files (total 0 while walking). */
  progress(done: number, total: number): void;
}

interface Kept {
  key: string;
  producers: ScannedProducer[];
  skipped?: string;
}

/** A file path of a `file:` URI, or undefined. */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * `files.exclude` as the editor returns it (`{ "**\/.git": true, "**\/*.js": { "when": "$(basename).ts" } }`):
 * the globs that are on.
 */
export function excludeGlobs(raw: unknown): ExcludeGlob[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const out: ExcludeGlob[] = [];
  for (const [glob, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === true) out.push({ glob });
    else if (v && typeof v === 'object' && typeof (v as { when?: unknown }).when === 'string')
      out.push({ glob, when: (v as { when: string }).when });
  }
  return out;
}

export class WorkspaceScanner {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly pool: LintPool) {}

  /** Settings, the project configuration or build files changed: every file is judged again. */
  clear(): void {
    this.kept.clear();
  }

  get size(): number {
    return this.kept.size;
  }

  async scan(
    folders: readonly ScanFolder[],
    open: (filePath: string) => OpenDocument | undefined,
    control: ScanControl,
  ): Promise<ScanResult> {
    const result: ScanResult = { files: [], scanned: 0, linted: 0, skipped: 0, cancelled: false };
    // 1. the walk
    const found: Array<{ file: string; folder: ScanFolder }> = [];
    const seen = new Set<string>();
    for (const folder of folders) {
      let pending = [folder.path];
      while (pending.length > 0) {
        if (control.cancelled()) return { ...result, cancelled: true };
        const slice = await this.pool.scanWalk(folder.path, pending, folder.exclude, WALK_SLICE_MS);
        for (const f of slice.files) {
          if (seen.has(f)) continue; // nested workspace folders
          seen.add(f);
          found.push({ file: f, folder });
        }
        pending = slice.pending;
        control.progress(0, 0);
      }
    }
    // 2. each file
    const live = new Set<string>();
    for (let i = 0; i < found.length; i++) {
      if (control.cancelled()) return { ...result, cancelled: true };
      const { file, folder } = found[i];
      live.add(file);
      control.progress(i, found.length);
      const doc = open(file);
      let key: string;
      if (doc) key = `open ${doc.version} ${doc.text.length}`;
      else {
        try {
          const st = await fs.stat(file);
          key = `disk ${st.mtimeMs} ${st.size}`;
        } catch {
          continue; // gone since the walk
        }
      }
      key += ` ${folder.settings.maxFileSize} ${folder.settings.enable}`;
      let kept = this.kept.get(file);
      if (!kept || kept.key !== key) {
        const uri = doc?.uri ?? pathToFileURL(file).toString();
        const r = await this.pool.scanFile(file, uri, folder.settings, doc ? { text: doc.text, languageId: doc.languageId } : undefined);
        kept = { key, producers: r.producers, ...(r.skipped ? { skipped: r.skipped } : {}) };
        this.kept.set(file, kept);
        result.linted++;
      }
      result.scanned++;
      if (kept.skipped && kept.skipped !== 'no format') result.skipped++;
      if (kept.producers.length > 0) {
        const uri = doc?.uri ?? pathToFileURL(file).toString();
        const f: ScannedFile = { uri, producers: kept.producers };
        result.files.push(f);
      }
    }
    control.progress(found.length, found.length);
    // files gone from the workspace (or now excluded) are forgotten
    for (const file of [...this.kept.keys()]) {
      if (!live.has(file) && folders.some((f) => file.startsWith(f.path + path.sep))) this.kept.delete(file);
    }
    return result;
  }
}

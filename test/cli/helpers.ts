/**
 * Shared by the CLI test files: the repository root (test/support), running the bundled CLI
 * (`node bin/kafka-idempotence-lint.js`, so `npm run build` must have run), and fresh
 * temporary folders.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileReport } from '../../server/src/cli/format';

import { CLI_BIN as BIN, ROOT } from '../support';

export { BIN, ROOT };

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `cwd`. Colour variables and COLUMNS are removed unless the test sets them. */
export function cli(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const e: NodeJS.ProcessEnv = { ...process.env };
  delete e.NO_COLOR;
  delete e.FORCE_COLOR;
  delete e.COLUMNS; // the text layout depends on it
  Object.assign(e, env);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: e, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI's JSON shape, as the CLI itself declares it. */
export type { JsonFinding, FileReport } from '../../server/src/cli/format';
export type JsonReport = FileReport[];

export function json(args: string[], cwd: string): { run: Run; report: JsonReport } {
  const run = cli(['--format', 'json', ...args], cwd);
  try {
    return { run, report: JSON.parse(run.stdout) as JsonReport };
  } catch (e) {
    throw new Error(`stdout is not JSON (exit ${run.status}): ${run.stdout}\nstderr: ${run.stderr}\n${e}`, { cause: e });
  }
}

/** A temporary folder per test file; `dir()` makes a new empty case folder in it. */
export function tempFolders(prefix: string): { dir: () => string; cleanup: () => void } {
  let tmp = '';
  let n = 0;
  return {
    dir() {
      if (!tmp) {
        assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` (scripts/test.mjs does)');
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      }
      const d = path.join(tmp, `case-${++n}`);
      fs.mkdirSync(d);
      return d;
    },
    cleanup() {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export function write(d: string, rel: string, content: string | Buffer): string {
  const p = path.join(d, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

export const ACKS1 = 'bootstrap.servers=localhost:9092\nacks=1\n';
export const CONFLICT = 'enable.idempotence=true\nacks=0\n';
export const CLEAN = 'enable.idempotence=true\nacks=all\n';

/**
 * The language service for tests, loaded from its compiled output.
 *
 * A test compiles to test/out/<suite>/x.js while its source is test/<suite>/x.ts, so no
 * single relative path to server/ is right for both tsc and node. Types come from the
 * server's sources (tsc maps them to the referenced project's declarations); the module
 * is loaded from the repository root at run time.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type * as ServiceModule from '../../server/src/service';

function findRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'server', 'src', 'service', 'index.ts')) && existsSync(path.join(dir, 'test'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the repository root above ${__dirname}`);
    dir = up;
  }
}

/** The repository root (the directory holding server/ and test/). */
export const ROOT = findRoot();

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const service = require(path.join(ROOT, 'server', 'out', 'service')) as typeof ServiceModule;

export type {
  Rule,
  Finding, Fix, LintInput, LintResult, LintSettings, ProducerBlock, Severity, SeveritySetting, Span, TextEdit, Version,
} from '../../server/src/service';

/** DEFAULT_SETTINGS with `partial` on top (rules merged). */
export function settingsWith(partial: Partial<ServiceModule.LintSettings> = {}): ServiceModule.LintSettings {
  const d = service.DEFAULT_SETTINGS;
  return { ...d, ...partial, rules: { ...d.rules, ...(partial.rules ?? {}) } };
}

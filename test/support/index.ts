/**
 * What the tests need from the repository, in one place: its root, the compiled code (the service,
 * the CLI, the language server's modules), the built artefacts, and `dedent` for multi-line fixtures.
 *
 * A test compiles to test/out/<suite>/x.js while its source is test/<suite>/x.ts, so no single
 * relative path to server/ is right for both tsc and node. The code is therefore loaded here, from
 * server/out at run time, and typed from the server's sources (tsc maps `typeof import()` of a
 * referenced project to its declarations): a test writes `load('cli/encoding')` and gets the module
 * with its types. A module a test needs is added to `ServerModules` once.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

function findRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      existsSync(path.join(dir, 'server', 'src')) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kafka-idempotence-lint'
    ) {
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the repository root above ${__dirname}`);
    dir = up;
  }
}

/** The repository root (the folder that holds package.json, server/ and test/). */
export const ROOT = findRoot();
/** The bundles `node scripts/build.mjs` writes. */
export const DIST = path.join(ROOT, 'dist');
/** The bundled language server (`node dist/server.js --stdio`). */
export const SERVER_JS = path.join(DIST, 'server.js');
/** The command-line linter as users run it. */
export const CLI_BIN = path.join(ROOT, 'bin', 'kafka-idempotence-lint.js');

/** The compiled modules of server/src a test may load, by their path under server/src. */
export interface ServerModules {
  service: typeof import('../../server/src/service');
  'service/build/catalog': typeof import('../../server/src/service/build/catalog');
  'service/build/gradle': typeof import('../../server/src/service/build/gradle');
  'service/build/platforms': typeof import('../../server/src/service/build/platforms');
  'service/build/pom': typeof import('../../server/src/service/build/pom');
  'service/clients/java/config': typeof import('../../server/src/service/clients/java/config');
  'service/clients/librdkafka/config': typeof import('../../server/src/service/clients/librdkafka/config');
  'service/detect': typeof import('../../server/src/service/detect');
  'service/detect/genericMap': typeof import('../../server/src/service/detect/genericMap');
  'service/detect/placeholder': typeof import('../../server/src/service/detect/placeholder');
  'service/detect/smallryeValues': typeof import('../../server/src/service/detect/smallryeValues');
  'service/detect/source': typeof import('../../server/src/service/detect/source');
  'service/detect/spring': typeof import('../../server/src/service/detect/spring');
  'service/detect/trigger': typeof import('../../server/src/service/detect/trigger');
  'service/formats/editor': typeof import('../../server/src/service/formats/editor');
  'service/formats/properties': typeof import('../../server/src/service/formats/properties');
  'service/formats/yaml': typeof import('../../server/src/service/formats/yaml');
  'service/formats/yamlWriter': typeof import('../../server/src/service/formats/yamlWriter');
  'service/rules/claims': typeof import('../../server/src/service/rules/claims');
  'service/settingsPrecedence': typeof import('../../server/src/service/settingsPrecedence');
  'service/text': typeof import('../../server/src/service/text');
  'cli/encoding': typeof import('../../server/src/cli/encoding');
  'cli/run': typeof import('../../server/src/cli/run');
  'config/buildVersion': typeof import('../../server/src/config/buildVersion');
  'config/projectConfig': typeof import('../../server/src/config/projectConfig');
  'lsp/protocol': typeof import('../../server/src/lsp/protocol');
  'lsp/settings': typeof import('../../server/src/lsp/settings');
  'pool/serve': typeof import('../../server/src/pool/serve');
  'pool/workerPool': typeof import('../../server/src/pool/workerPool');
}

/** A compiled module of server/src (from server/out; `npx tsc -b` builds it). */
export function load<K extends keyof ServerModules>(rel: K): ServerModules[K] {
  return require(path.join(ROOT, 'server', 'out', rel)) as ServerModules[K];
}

/** The language service (server/src/service/index.ts). */
export const service = load('service');

export type {
  Rule,
  Finding,
  Fix,
  LintInput,
  LintResult,
  LintSettings,
  ProducerBlock,
  Severity,
  SeveritySetting,
  Span,
  TextEdit,
  Version,
} from '../../server/src/service';

/** DEFAULT_SETTINGS with `partial` on top (rules merged). */
export function settingsWith(
  partial: Partial<import('../../server/src/service').LintSettings> = {},
): import('../../server/src/service').LintSettings {
  const d = service.DEFAULT_SETTINGS;
  return { ...d, ...partial, rules: { ...d.rules, ...(partial.rules ?? {}) } };
}

/**
 * A multi-line fixture written as it reads:
 *
 *   const yml = dedent`
 *     spring:
 *       kafka:
 *         producer:
 *           acks: ${acks}
 *   `;
 *
 * gives `'spring:\n  kafka:\n    producer:\n      acks: 1\n'`. The first line (empty, right after the
 * backtick) and the last (the closing backtick's indentation) are dropped and the text ends with one
 * newline; the indentation common to the other non-blank lines is removed from each line (a blank
 * line keeps only the spaces beyond it, none usually). Only the template's own text is dedented: an interpolated value is inserted as is.
 * Escapes are read as in any template literal (`\t`, `\r`, `\\`). Tabs are not indentation here (a
 * line indented with a tab keeps it).
 */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const parts = [...strings];
  if (!/^[ \t]*\n/.test(parts[0])) throw new Error('dedent: start the text on the line after the opening backtick');
  parts[0] = parts[0].replace(/^[ \t]*\n/, '');
  const last = parts.length - 1;
  if (!/\n[ ]*$/.test(parts[last])) throw new Error('dedent: put the closing backtick on a line of its own');
  parts[last] = parts[last].replace(/\n[ ]*$/, '\n');
  // a line starts at the start of the text or after a newline, always inside the template's own text
  const lines = parts.map((part) => part.split('\n'));
  const isLineStart = (i: number, j: number) => i === 0 || j > 0;
  let indent = Infinity;
  lines.forEach((segments, i) =>
    segments.forEach((s, j) => {
      if (!isLineStart(i, j)) return;
      const spaces = /^ */.exec(s)![0].length;
      // a line of spaces only is blank when it ends here (a value follows it otherwise)
      const blank = /^ *\r?$/.test(s) && (j < segments.length - 1 || i === last);
      if (!blank) indent = Math.min(indent, spaces);
    }),
  );
  if (indent === Infinity) indent = 0;
  const strip = (segments: string[], i: number) =>
    segments.map((s, j) => (isLineStart(i, j) ? s.slice(Math.min(indent, /^ */.exec(s)![0].length)) : s)).join('\n');
  return lines.map(strip).reduce((out, part, i) => out + (i > 0 ? String(values[i - 1]) : '') + part, '');
}

/**
 * Entry point of the extension integration tests, in @vscode/test-electron's contract: VS Code
 * loads this module in the extension host (extensionTestsPath) and awaits `run()`; a rejection
 * means failure. The same module runs under test-electron (runners/electron.mjs) and inside
 * code-server's VS Code 1.100 (runners/code-server.mjs).
 *
 * Besides mocha's console output, the report is written to $KIL_VSCODE_TEST_REPORT when set,
 * so a runner that cannot see the extension host's console can still print it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.KIL_VSCODE_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs
    .readdirSync(__dirname)
    .filter((n) => n.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(__dirname, f));

  const lines: string[] = [];
  const reportFile = process.env.KIL_VSCODE_TEST_REPORT;
  const flush = () => {
    if (reportFile) fs.writeFileSync(reportFile, `${lines.join('\n')}\n`);
  };
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        lines.push(`${runner.stats?.passes ?? 0} passing, ${failures} failing`);
        flush();
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t) => lines.push(`ok   ${t.fullTitle()} (${t.duration ?? 0} ms)`));
      runner.on('fail', (t, err: Error) =>
        lines.push(`FAIL ${t.fullTitle()}\n     ${String(err?.stack ?? err).replace(/\n/g, '\n     ')}`),
      );
    } catch (e) {
      lines.push(`FAIL loading the suites: ${String((e as Error)?.stack ?? e)}`);
      flush();
      reject(e);
    }
  });
}

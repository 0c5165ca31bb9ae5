// `npm run test:electron`: the same integration suites (test/vscode/suite) in desktop VS Code,
// downloaded by @vscode/test-electron. Needs internet (update.code.visualstudio.com); for
// developers' desktops and public CI. On a machine without it, `npm run test:vscode` runs the
// suites in code-server's VS Code instead.
//
//   VSCODE_VERSION=1.100.3 npm run test:electron    (default: stable; 1.100.3 = engines.vscode's floor)
//   Under Linux CI without a display, run it with xvfb-run -a.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = new URL('../../../', import.meta.url).pathname.replace(/\/$/, '');
const dir = mkdtempSync(join(tmpdir(), 'kil-electron-'));
const ws = join(dir, 'ws');
cpSync(join(ROOT, 'test', 'vscode', 'workspace'), ws, { recursive: true });

let code;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'test', 'out', 'vscode', 'suite', 'index.js'),
    launchArgs: [
      ws,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      join(dir, 'user-data'),
      '--extensions-dir',
      join(dir, 'extensions'),
    ],
  });
} catch (e) {
  console.error(`integration tests failed: ${e?.message ?? e}`);
  code = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);

// `npm run test:vscode`: the extension integration suites (test/vscode/suite, compiled to
// test/out/vscode/suite) inside code-server's VS Code 1.100 with headless Debian Chromium as the
// workbench. The extension is loaded in development mode from the repository (dist/ bundles);
// VS Code runs the suites in its extension host and reports the exit code through
// window.codeAutomationExit. Exit code of this script = the suites' result.
//
//   node test/vscode/runners/integration.mjs          (after `npx tsc -b && node scripts/build.mjs`)
//   KIL_VSCODE_TEST_GREP=<regex>   only matching tests      KIL_KEEP_RUN=1   keep the run folder
//   KIL_VSCODE_TEST_TIMEOUT_MS     overall timeout (default 300000)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cleanup, launchBrowser, loadInDevelopmentMode, log, makeRun, startCodeServer, tail, workspaceUrl } from './code-server.mjs';

const TESTS = join(ROOT, 'test', 'out', 'vscode', 'suite', 'index.js');
const TIMEOUT_MS = Number(process.env.KIL_VSCODE_TEST_TIMEOUT_MS || 300_000);

async function main() {
  for (const f of [TESTS, join(ROOT, 'dist', 'client.js'), join(ROOT, 'dist', 'server.js')]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: build first (npx tsc -b && node scripts/build.mjs)`);
  }
  const t0 = Date.now();
  const run = makeRun('vscode', join(ROOT, 'test', 'vscode', 'workspace'));
  const report = run.p('report.txt');
  run.env.KIL_VSCODE_TEST_REPORT = report; // inherited by the extension host: the suites write their report there
  let cs;
  let browser;
  try {
    cs = await startCodeServer(run);
    log(`code-server ${cs.url} (pgid ${cs.pid}) ready after ${Date.now() - t0} ms`);
    browser = await launchBrowser(run);
    const { page } = browser;
    let resolveExit;
    const exited = new Promise((r) => {
      resolveExit = r;
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (process.env.KIL_DEBUG) console.log(`[vscode ${type}]`, ...(args ?? []));
    });
    page.on('console', (m) => {
      if (process.env.KIL_DEBUG) console.log('[page]', m.text());
    });
    await loadInDevelopmentMode(page, { extensionPath: ROOT, testsPath: TESTS });
    await page.goto(workspaceUrl(cs, run.ws));
    let timer;
    const code = await Promise.race([
      exited,
      new Promise((r) => {
        timer = setTimeout(() => r('timeout'), TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    log(`extension tests finished: exit code ${code} after ${Date.now() - t0} ms`);
    console.log(
      existsSync(report) ? readFileSync(report, 'utf8') : `(the suites wrote no report)\n--- code-server log:\n${tail(cs.logFile)}`,
    );
    if (code !== 0 && process.env.KIL_DEBUG) await page.screenshot({ path: join(run.dir, 'failure.png') });
    return code === 0 ? 0 : 1;
  } finally {
    await browser?.context.close().catch(() => {});
    await cs?.stop();
    cleanup(run);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e?.stack ?? e);
    process.exit(2);
  },
);

// Shared by the code-server runners (integration.mjs, ui.mjs): an isolated run folder, code-server
// started in its own session / process group on 127.0.0.1, Debian's Chromium through playwright-core.
//
// code-server and playwright-core live in .cache/code-server/ (installed from
// test/vscode/code-server/package.json + package-lock.json by test/setup/provision.mjs), never in the
// extension's dependencies.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../../../', import.meta.url).pathname.replace(/\/$/, '');
export const CACHE = join(ROOT, '.cache', 'code-server');
export const CHROMIUM = process.env.KIL_CHROMIUM || '/usr/bin/chromium';

const HINT = 'run `npm test` (or `node scripts/test.mjs vscode`), which provisions .cache/code-server/ and the Debian packages';

export function codeServerBin() {
  const bin = join(CACHE, 'node_modules', '.bin', 'code-server');
  if (!existsSync(bin)) throw new Error(`code-server is not installed at ${bin}: ${HINT}`);
  return bin;
}

export function playwright() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (Debian package chromium): ${HINT}`);
  return createRequire(join(CACHE, 'package.json'))('playwright-core');
}

export const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 23)}]`, ...a);

const runDirs = new Set();

/** A fresh folder per run: its own HOME, XDG dirs, TMPDIR, VS Code user data, extensions and a workspace copy. */
export function makeRun(label, workspaceFrom) {
  const dir = mkdtempSync(join(tmpdir(), `kil-${label}-`));
  runDirs.add(dir);
  const p = (...s) => join(dir, ...s);
  for (const d of [
    'home/.config',
    'home/.local/share',
    'home/.local/state',
    'home/.cache',
    'tmp',
    'user-data/User',
    'extensions',
    'chromium',
  ])
    mkdirSync(p(d), { recursive: true });
  const ws = p('ws');
  cpSync(workspaceFrom, ws, { recursive: true });
  writeFileSync(
    p('user-data/User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'workbench.enableExperiments': false,
        'workbench.tips.enabled': false,
        'chat.disableAIFeatures': true,
        'window.restoreWindows': 'none',
        'files.hotExit': 'off',
        'editor.hover.delay': 100,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
      null,
      2,
    ),
  );
  const env = {
    ...process.env,
    HOME: p('home'),
    XDG_CONFIG_HOME: p('home/.config'),
    XDG_DATA_HOME: p('home/.local/share'),
    XDG_STATE_HOME: p('home/.local/state'),
    XDG_CACHE_HOME: p('home/.cache'),
    TMPDIR: p('tmp'), // VS Code leaves vscode-*.sock files there
  };
  delete env.XDG_RUNTIME_DIR;
  delete env.VSCODE_IPC_HOOK_CLI; // when started from a VS Code terminal
  return { dir, ws, env, userData: p('user-data'), extensions: p('extensions'), chromiumData: p('chromium'), p };
}

export function cleanup(run) {
  runDirs.delete(run.dir);
  if (!process.env.KIL_KEEP_RUN) rmSync(run.dir, { recursive: true, force: true });
  else log(`kept ${run.dir}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** code-server --install-extension into the run's extensions folder. */
export function installExtension(run, vsix) {
  const r = spawnSync(codeServerBin(), ['--user-data-dir', run.userData, '--extensions-dir', run.extensions, '--install-extension', vsix], {
    env: run.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`--install-extension ${vsix} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

const started = new Set();
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}
// last resort if the runner is interrupted: never leave an extension host or a run folder behind
process.on('exit', () => {
  for (const pid of started) killGroup(pid, 'SIGKILL');
  for (const dir of runDirs) rmSync(dir, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

/**
 * Starts code-server with setsid (detached: its own session and process group, PGID = pid),
 * bound to 127.0.0.1 on a free port, and waits for /healthz.
 */
export async function startCodeServer(run, { timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const logFile = run.p('code-server.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(
    codeServerBin(),
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      run.userData,
      '--extensions-dir',
      run.extensions,
    ],
    { env: run.env, detached: true, stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  const pid = child.pid;
  started.add(pid);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = code ?? signal;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!started.has(pid)) return;
    killGroup(pid, 'SIGTERM');
    const end = Date.now() + 5000;
    while (Date.now() < end && killGroup(pid, 0)) await new Promise((r) => setTimeout(r, 100));
    killGroup(pid, 'SIGKILL');
    started.delete(pid);
  };
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it was ready:\n${tail(logFile)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > end) {
      await stop();
      throw new Error(`code-server not ready after ${timeoutMs} ms:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, pid, logFile, stop };
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function launchBrowser(run, { viewport = { width: 1280, height: 800 } } = {}) {
  const { chromium } = playwright();
  const context = await chromium.launchPersistentContext(run.chromiumData, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    env: run.env,
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/**
 * Makes the workbench load an extension in development mode (and optionally run its tests):
 * the page reads its configuration from <meta id="vscode-workbench-web-configuration" data-settings>;
 * this init script adds developmentOptions.extensions / extensionTestsPath while it is read.
 */
export async function loadInDevelopmentMode(page, { extensionPath, testsPath }) {
  await page.addInitScript(
    ({ extensionPath, testsPath }) => {
      const getAttribute = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (name) {
        const value = getAttribute.call(this, name);
        if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
        const cfg = JSON.parse(value);
        const remote = (path) => ({ scheme: 'vscode-remote', authority: location.host, path });
        cfg.developmentOptions = { ...(cfg.developmentOptions ?? {}), extensions: [remote(extensionPath)] };
        if (testsPath) cfg.developmentOptions.extensionTestsPath = remote(testsPath);
        return JSON.stringify(cfg);
      };
    },
    { extensionPath, testsPath },
  );
}

export const workspaceUrl = (cs, ws) => `${cs.url}/?folder=${encodeURIComponent(ws)}`;

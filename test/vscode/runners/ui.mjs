// UI smoke tests, as a person would use the extension: the PACKAGED .vsix installed with
// code-server's --install-extension, the real workbench in headless Debian Chromium.
// Per case: open the file with Quick Open, wait for the squiggle, read the Problems panel, hover and
// read the effective-state text, Ctrl+. and pick the preferred fix with the keyboard, read the text
// back, see the squiggle and the Problems panel empty. Few and robust: keyboard menu selection, wait for
// editor focus, retried gestures, a timeout on every wait.
//
//   node test/vscode/runners/ui.mjs [--vsix path]
//   Screenshots always go to test/.tmp/screenshots/; KIL_SCREENSHOTS_TO=<folder> also copies them there
//   (`npm run screenshots` refreshes the README's images in docs/images/).
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, cleanup, installExtension, launchBrowser, log, makeRun, startCodeServer, tail, workspaceUrl } from './code-server.mjs';

/**
 * The cases: the .properties file of the README's screenshots, and a broken Spring Boot
 * application.yml (issue 5). The steps are format-independent; a KafkaJS file is covered by the
 * integration suites (fixtures.ts) rather than here, to keep the UI time small.
 */
const CASES = [
  {
    file: 'java/producer.properties',
    severity: 'warning',
    problem: /silently disables idempotence because acks=1/,
    rule: 'idempotence-implicit-downgrade',
    hover: [/\backs — How many replicas/, /Idempotence in producer\.properties \(kafka-clients 4\.x \(latest\)\): silently disabled by acks=1 \(line 5\)/],
    fix: 'Set acks=all',
    after: /^acks=all$/m,
    shots: { hover: 'hover.png', quickFix: 'quick-fix.png' },
  },
  {
    // transaction-id-prefix makes Spring Kafka set enable.idempotence=true: acks: 1 is fatal
    file: 'spring/application.yml',
    severity: 'error',
    problem: /refuses to start the producer: "Must set acks to all in order to use the idempotent producer/,
    rule: 'idempotence-acks-conflict',
    hover: [/\backs — How many replicas/, /Idempotence in Spring Boot producer \(kafka-clients 4\.x \(latest\)\): the producer refuses to start; otherwise explicitly on \(enable\.idempotence=true is set explicitly by Spring Kafka \(transaction-id-prefix\)\)/],
    fix: 'Set acks=all',
    after: /^ {6}acks: all$/m,
    shots: { hover: 'hover-yaml.png', quickFix: 'quick-fix-yaml.png' },
  },
];

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const VSIX = resolve(opt('--vsix') ?? join(ROOT, `${pkg.name}-${pkg.version}.vsix`));
const SHOTS = join(ROOT, 'test', '.tmp', 'screenshots');
const COPY_SHOTS = process.env.KIL_SCREENSHOTS_TO && resolve(ROOT, process.env.KIL_SCREENSHOTS_TO);
const T = { short: 10_000, medium: 30_000, long: 90_000 };

const text = (s) => s.replace(/\u00a0/g, ' ');

/** Retries a gesture (not an assertion): right after start-up another part can still take the focus. */
async function retry(what, attempts, fn, onRetry) {
  for (let i = 1; ; i++) {
    try {
      return await fn(i);
    } catch (e) {
      if (i >= attempts) throw new Error(`${what}: failed ${attempts} times: ${e?.message ?? e}`);
      log(`${what}: attempt ${i} failed (${String(e?.message ?? e).split('\n')[0]}), retrying`);
      await onRetry?.();
    }
  }
}

async function editorText(page) {
  return text(await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText({ timeout: T.short }));
}

/** Clicks the middle of `target` with the mouse (decorations such as squiggles lie under the text layer), then waits for editor focus. */
async function focusEditor(page, target) {
  const box = await target.boundingBox({ timeout: T.short });
  if (!box) throw new Error('no box to click');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 - 4);
  await page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: T.short });
}

async function runCase(page, c, result) {
  const name = c.file.split('/').pop();
  const step = (s) => { result.steps.push(s); log(`${c.file}: ${s}`); };

  // open with Quick Open (Ctrl+P), as a person would
  await retry('quick open', 3, async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: T.short });
    await input.fill(c.file);
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().waitFor({ timeout: T.short });
    await page.keyboard.press('Enter');
    await page.locator(`.tab[data-resource-name="${name}"]`).first().waitFor({ timeout: T.short });
  }, () => page.keyboard.press('Escape'));
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: T.short });
  step('opened');

  // the language server's diagnostic, rendered as a squiggle
  const squiggle = page.locator(`.editor-instance .squiggly-${c.severity}`);
  await squiggle.first().waitFor({ timeout: T.long });
  step(`squiggle (${await squiggle.count()})`);

  // the Problems panel (Ctrl+Shift+M) lists it with the rule id
  const rows = page.locator('.markers-panel .monaco-list-row');
  await retry('problems panel', 3, async () => {
    await page.keyboard.press('Control+Shift+M');
    await rows.filter({ hasText: c.rule }).first().waitFor({ timeout: T.short });
  });
  result.problems = (await rows.allInnerTexts()).map((s) => text(s).replace(/\s+/g, ' '));
  if (!result.problems.some((p) => c.problem.test(p))) throw new Error(`Problems panel: no row matching ${c.problem}: ${JSON.stringify(result.problems)}`);
  step('problems panel read');

  // hover over the squiggle: the diagnostic and the effective-state text
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Idempotence in' });
  await retry('hover', 3, async () => {
    const box = await squiggle.first().boundingBox({ timeout: T.short });
    if (!box) throw new Error('squiggle has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4);
    await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2 - 3);
    await hover.first().waitFor({ timeout: T.short });
  }, () => page.mouse.move(5, 5));
  result.hover = text(await hover.first().innerText()).replace(/\s+/g, ' ');
  for (const re of c.hover) if (!re.test(result.hover)) throw new Error(`hover does not match ${re}: ${result.hover}`);
  if (!c.problem.test(result.hover)) throw new Error(`hover does not show the diagnostic: ${result.hover}`);
  await shot(page, c.shots.hover);
  step('hover read');
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);

  // Ctrl+. on the squiggle, the preferred fix chosen with the keyboard (an overlay blocks the pointer)
  const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: c.fix });
  await retry('quick fix menu', 3, async () => {
    await focusEditor(page, squiggle.first());
    await page.keyboard.press('Control+.');
    await item.first().waitFor({ timeout: T.short });
  }, () => page.keyboard.press('Escape'));
  result.quickFixMenu = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((s) => text(s).replace(/\s+/g, ' '));
  for (let i = 0; i < 10 && !/\bfocused\b/.test((await item.first().getAttribute('class')) ?? ''); i++) await page.keyboard.press('ArrowDown');
  if (!/\bfocused\b/.test((await item.first().getAttribute('class')) ?? '')) throw new Error(`could not move the focus to "${c.fix}" in ${JSON.stringify(result.quickFixMenu)}`);
  await shot(page, c.shots.quickFix);
  await page.keyboard.press('Enter');
  step(`quick fix "${c.fix}" chosen`);

  // the text changed; the squiggle and the problem are gone
  await page.waitForFunction((src) => {
    const el = document.querySelector('.editor-instance .monaco-editor .view-lines');
    return !!el && new RegExp(src, 'm').test(el.innerText.replace(/\u00a0/g, ' '));
  }, c.after.source, { timeout: T.medium });
  result.text = await editorText(page);
  await page.waitForFunction((sev) => document.querySelectorAll(`.editor-instance .squiggly-${sev}`).length === 0, c.severity, { timeout: T.medium });
  await page.waitForFunction(() => document.querySelectorAll('.markers-panel .monaco-list-row').length === 0, null, { timeout: T.medium });
  result.problemsAfter = text(await page.locator('.markers-panel').first().innerText({ timeout: T.short })).replace(/\s+/g, ' ').trim();
  if (!/No problems have been detected/.test(result.problemsAfter)) throw new Error(`Problems panel after the fix: ${result.problemsAfter}`);
  step('fixed: text read back, no squiggle, Problems panel empty');
}

async function shot(page, file) {
  mkdirSync(SHOTS, { recursive: true });
  const editor = await page.locator('.part.editor').first().boundingBox();
  const panel = await page.locator('.part.panel').first().boundingBox().catch(() => null);
  const bottom = panel ? Math.max(editor.y + editor.height, panel.y + panel.height) : editor.y + editor.height;
  // the editor (and the Problems panel under it), without the activity bar and side bar
  const clip = { x: editor.x, y: editor.y, width: editor.width, height: bottom - editor.y };
  await page.screenshot({ path: join(SHOTS, file), clip });
  if (COPY_SHOTS) {
    mkdirSync(COPY_SHOTS, { recursive: true });
    copyFileSync(join(SHOTS, file), join(COPY_SHOTS, file));
  }
}

async function main() {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: npm run package`);
  const t0 = Date.now();
  const run = makeRun('ui', join(ROOT, 'test', 'vscode', 'workspace-ui'));
  let cs;
  let browser;
  const results = [];
  let failed = 0;
  try {
    log(`installed: ${installExtension(run, VSIX).split('\n').pop()} (${Date.now() - t0} ms)`);
    cs = await startCodeServer(run);
    log(`code-server ${cs.url} (pgid ${cs.pid}) ready after ${Date.now() - t0} ms`);
    browser = await launchBrowser(run, { viewport: { width: 1280, height: 720 } });
    const { page } = browser;
    await page.goto(workspaceUrl(cs, run.ws));
    await page.locator('.monaco-workbench').waitFor({ timeout: T.long });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: T.long });
    log(`workbench ready after ${Date.now() - t0} ms`);
    for (const c of CASES) {
      const result = { file: c.file, steps: [] };
      const s = Date.now();
      try {
        await runCase(page, c, result);
        result.ok = true;
      } catch (e) {
        failed++;
        result.ok = false;
        result.error = String(e?.stack ?? e);
        await page.screenshot({ path: join(run.dir, 'failure.png') }).catch(() => {});
      }
      result.ms = Date.now() - s;
      results.push(result);
      await page.keyboard.press('Escape').catch(() => {});
      await page.keyboard.press('Control+K').catch(() => {}); // close the editors between cases: Ctrl+K W
      await page.keyboard.press('W').catch(() => {});
    }
  } finally {
    await browser?.context.close().catch(() => {});
    await cs?.stop();
    for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.file} (${r.ms} ms)\n${JSON.stringify(r, null, 2)}`);
    if (failed && cs) console.log(`--- code-server log:\n${tail(cs.logFile)}`);
    if (failed) process.env.KIL_KEEP_RUN = '1';
    cleanup(run);
  }
  log(`ui: ${results.length - failed} passed, ${failed} failed in ${Date.now() - t0} ms`);
  return failed === 0 && results.length === CASES.length ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => { console.error(e?.stack ?? e); process.exit(2); });

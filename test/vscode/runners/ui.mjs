// UI smoke tests, as a person would use the extension: the PACKAGED .vsix installed with
// code-server's --install-extension, the real workbench in headless Debian Chromium.
// Per case: open the file with Quick Open, wait for the squiggle, read the Problems panel, hover and
// read the effective-state text, Ctrl+. and pick the preferred fix with the keyboard, read the text
// back, see the squiggle and the Problems panel empty. First, the effective state at a glance: the code
// lens above a producer and the Kafka Producers view in the Explorer (pictures for the README too). Few and robust: keyboard menu selection, wait for
// editor focus, retried gestures, a timeout on every wait.
//
//   node test/vscode/runners/ui.mjs [--vsix path]
//   Screenshots always go to test/.tmp/screenshots/; KIL_SCREENSHOTS_TO=<folder> also copies them there
//   (`npm run screenshots` refreshes the README's images in docs/images/, and fails unless README.md
//   shows exactly those). Each picture is taken once the hover or menu has finished rendering:
//   opaque, not scrolled, its box steady over several frames, in a window sized so it is whole.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
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
    hover: [
      /\backs — How many replicas/,
      /Idempotence in producer\.properties \(kafka-clients 4\.x \(latest\)\): silently disabled by acks=1 \(line 5\)/,
    ],
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
    hover: [
      /\backs — How many replicas/,
      /Idempotence in Spring Boot producer \(kafka-clients 4\.x \(latest\)\): the producer refuses to start; otherwise explicitly on \(enable\.idempotence=true is set explicitly by Spring Kafka \(transaction-id-prefix\)\)/,
    ],
    fix: 'Set acks=all',
    after: /^ {6}acks: all$/m,
    shots: { hover: 'hover-yaml.png', quickFix: 'quick-fix-yaml.png' },
  },
];

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const VSIX = resolve(opt('--vsix') ?? join(ROOT, `${pkg.name}-${pkg.version}.vsix`));
const SHOTS = join(ROOT, 'test', '.tmp', 'screenshots');
const COPY_SHOTS = process.env.KIL_SCREENSHOTS_TO && resolve(ROOT, process.env.KIL_SCREENSHOTS_TO);
const T = { short: 10_000, medium: 30_000, long: 90_000 };
/**
 * The browser window. VS Code caps a hover's height at max(editor height / 4, 250 px) and scrolls
 * the rest (contentHoverWidget.ts, _updateMaxDimensions): for the hover pictures the window is made
 * as tall as the hover needs (hoverWindow), then set back to this for the rest.
 */
const VIEWPORT = { width: 1280, height: 800 };
/**
 * Editor settings of the UI run on top of the shared ones (code-server.mjs): what appears after a
 * delay of its own, or blinks, would make a picture depend on the moment it is taken — the gutter
 * light bulb (the menu is open anyway), the highlight of other occurrences of the word under the
 * cursor, and the blinking cursor.
 */
const STILL = {
  'editor.lightbulb.enabled': 'off',
  'editor.occurrencesHighlight': 'off',
  'editor.selectionHighlight': false,
  'editor.cursorBlinking': 'solid',
};
/** A widget counts as rendered when its box stays the same over this many animation frames. */
const STABLE_FRAMES = 10;
/** A picture is taken when two screenshots this far apart are the same. */
const PICTURE_REST_MS = 400;

const text = (s) => s.replace(/\u00a0/g, ' ');

/** Retries a gesture (not an assertion): right after start-up another part can still take the focus. */
async function retry(what, attempts, fn, onRetry) {
  for (let i = 1; ; i++) {
    try {
      return await fn(i);
    } catch (e) {
      if (i >= attempts) throw new Error(`${what}: failed ${attempts} times: ${e?.message ?? e}`, { cause: e });
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

/** Opens `file` with Quick Open (Ctrl+P), as a person would, and waits for its tab. */
async function quickOpen(page, file) {
  const name = file.split('/').pop();
  await retry(
    'quick open',
    3,
    async () => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: T.short });
      await input.fill(file);
      await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().waitFor({ timeout: T.short });
      await page.keyboard.press('Enter');
      await page.locator(`.tab[data-resource-name="${name}"]`).first().waitFor({ timeout: T.short });
    },
    () => page.keyboard.press('Escape'),
  );
}

async function runCase(page, c, result) {
  const step = (s) => {
    result.steps.push(s);
    log(`${c.file}: ${s}`);
  };

  // open with Quick Open (Ctrl+P), as a person would
  await quickOpen(page, c.file);
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
  if (!result.problems.some((p) => c.problem.test(p)))
    throw new Error(`Problems panel: no row matching ${c.problem}: ${JSON.stringify(result.problems)}`);
  step('problems panel read');

  // hover over the squiggle: the diagnostic and the effective-state text
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Idempotence in' });
  const showHover = () =>
    retry(
      'hover',
      3,
      async () => {
        const box = await squiggle.first().boundingBox({ timeout: T.short });
        if (!box) throw new Error('squiggle has no box');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4);
        await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2 - 3);
        await hover.first().waitFor({ timeout: T.short });
      },
      () => page.mouse.move(5, 5),
    );
  await showHover();
  // a window tall enough that the whole hover is shown, then the hover again
  const tall = await hoverWindow(page, hover.first());
  if (tall) {
    result.hoverWindow = tall;
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
    await page.setViewportSize(tall);
    await showHover();
  }
  result.hoverState = await rendered(page, hover.first(), 'hover');
  result.hover = text(await hover.first().innerText()).replace(/\s+/g, ' ');
  for (const re of c.hover) if (!re.test(result.hover)) throw new Error(`hover does not match ${re}: ${result.hover}`);
  if (!c.problem.test(result.hover)) throw new Error(`hover does not show the diagnostic: ${result.hover}`);
  // the editor down to just below the hover: the tall window is mostly empty under it
  await shot(page, c.shots.hover, hover.first(), { below: 24 });
  step('hover read');
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  await page.setViewportSize(VIEWPORT);

  // Ctrl+. on the squiggle, the preferred fix chosen with the keyboard (an overlay blocks the pointer)
  const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: c.fix });
  await retry(
    'quick fix menu',
    3,
    async () => {
      await focusEditor(page, squiggle.first());
      await page.keyboard.press('Control+.');
      await item.first().waitFor({ timeout: T.short });
    },
    () => page.keyboard.press('Escape'),
  );
  result.quickFixMenu = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((s) => text(s).replace(/\s+/g, ' '));
  for (let i = 0; i < 10 && !/\bfocused\b/.test((await item.first().getAttribute('class')) ?? ''); i++)
    await page.keyboard.press('ArrowDown');
  if (!/\bfocused\b/.test((await item.first().getAttribute('class')) ?? ''))
    throw new Error(`could not move the focus to "${c.fix}" in ${JSON.stringify(result.quickFixMenu)}`);
  const menu = page.locator('.action-widget').filter({ hasText: c.fix });
  result.menuState = await rendered(page, menu.first(), 'quick fix menu');
  await shot(page, c.shots.quickFix, menu.first());
  await page.keyboard.press('Enter');
  step(`quick fix "${c.fix}" chosen`);

  // the text changed; the squiggle and the problem are gone
  await page.waitForFunction(
    (src) => {
      const el = document.querySelector('.editor-instance .monaco-editor .view-lines');
      return !!el && new RegExp(src, 'm').test(el.innerText.replace(/\u00a0/g, ' '));
    },
    c.after.source,
    { timeout: T.medium },
  );
  result.text = await editorText(page);
  await page.waitForFunction((sev) => document.querySelectorAll(`.editor-instance .squiggly-${sev}`).length === 0, c.severity, {
    timeout: T.medium,
  });
  await page.waitForFunction(() => document.querySelectorAll('.markers-panel .monaco-list-row').length === 0, null, { timeout: T.medium });
  result.problemsAfter = text(await page.locator('.markers-panel').first().innerText({ timeout: T.short }))
    .replace(/\s+/g, ' ')
    .trim();
  if (!/No problems have been detected/.test(result.problemsAfter))
    throw new Error(`Problems panel after the fix: ${result.problemsAfter}`);
  step('fixed: text read back, no squiggle, Problems panel empty');
}

/**
 * The effective state at a glance, on the untouched workspace: the code lens above the producer of
 * java/producer.properties, and the Kafka Producers view in the Explorer listing both files' producers.
 */
const GLANCE = {
  file: 'java/producer.properties',
  lens: 'Idempotence OFF: silently disabled by acks=1 (line 5) · kafka-clients 4.x (latest)',
  view: [
    'Idempotence OFF: silently disabled by acks=1 (line 5) · kafka-clients 4.x (latest)',
    'Producer will not start: acks must be all · kafka-clients 4.x (latest)',
  ],
  shots: { lens: 'code-lens.png', view: 'producers-view.png' },
};

async function runGlance(page, result) {
  const step = (s) => {
    result.steps.push(s);
    log(`glance: ${s}`);
  };
  await quickOpen(page, GLANCE.file);
  step('opened');

  // the code lens, resolved: its title above the producer's first line
  const lens = page.locator('.editor-instance .codelens-decoration').filter({ hasText: GLANCE.lens });
  await lens.first().waitFor({ timeout: T.long });
  result.lens = text(await lens.first().innerText()).trim();
  if (result.lens !== GLANCE.lens) throw new Error(`code lens: ${JSON.stringify(result.lens)}, expected ${JSON.stringify(GLANCE.lens)}`);
  await page.mouse.move(5, 5);
  await rendered(page, lens.first(), 'code lens');
  await shot(page, GLANCE.shots.lens, lens.first(), { below: 110 });
  step('code lens read');

  // the Kafka Producers view in the Explorer (Ctrl+Shift+E), expanded
  await page.keyboard.press('Control+Shift+E');
  const header = page.locator('.part.sidebar .pane-header').filter({ hasText: 'Kafka Producers' });
  await header.first().waitFor({ timeout: T.medium });
  if ((await header.first().getAttribute('aria-expanded')) !== 'true') await header.first().click();
  const pane = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header').filter({ hasText: 'Kafka Producers' }) });
  const rows = pane.locator('.monaco-list-row');
  // the side bar opens 300 px wide, which cuts the state labels: drag its sash so they are whole in the picture
  const bar = await page.locator('.part.sidebar').first().boundingBox();
  if (bar && bar.width < 760) {
    const wide = await dragSideBar(page, Math.round(bar.x + bar.width) + 460);
    if (!wide || wide.width < 700) throw new Error(`the side bar is still ${wide?.width} px wide after dragging its sash`);
    step(`side bar ${Math.round(wide.width)} px`);
  }
  await page.waitForFunction(
    ({ labels }) => {
      const panes = [...document.querySelectorAll('.part.sidebar .pane')].filter((p) =>
        p.querySelector('.pane-header')?.textContent?.includes('Kafka Producers'),
      );
      const t = panes.map((p) => p.innerText.replace(/\u00a0/g, ' ')).join('\n');
      return labels.every((l) => t.includes(l)) && !panes.some((p) => p.querySelector('.monaco-progress-container.active'));
    },
    { labels: GLANCE.view },
    { timeout: T.long },
  );
  result.view = (await rows.allInnerTexts()).map((s) => text(s).replace(/\s+/g, ' ').trim());
  for (const f of ['producer.properties', 'application.yml']) {
    if (!result.view.some((r) => r.startsWith(f))) throw new Error(`Kafka Producers view: no ${f} in ${JSON.stringify(result.view)}`);
  }
  await page.mouse.move(5, 5);
  await rendered(page, pane.first(), 'Kafka Producers view', { rowsClip: true });
  await shot(page, GLANCE.shots.view, pane.first(), { area: pane.first() });
  step('Kafka Producers view read');
  // the side bar back to its width, so that the editor of the cases after this one is as wide as before
  if (bar && bar.width < 760) {
    const back = await dragSideBar(page, Math.round(bar.x + bar.width));
    step(`side bar back to ${Math.round(back.width)} px`);
  }
}

/** Drags the side bar's sash (its right edge, at mid-height) to `toX`; returns the side bar's box after the drag. */
async function dragSideBar(page, toX) {
  const sidebar = page.locator('.part.sidebar').first();
  const box = await sidebar.boundingBox();
  const x = Math.round(box.x + box.width);
  const y = Math.round(box.y + box.height / 2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(toX, y, { steps: 12 });
  await page.mouse.up();
  return sidebar.boundingBox();
}

/**
 * What a widget (the hover, the quick fix menu) looks like once rendered, measured in the page over
 * `frames` animation frames: its box in each frame, the elements from it up to the document whose
 * computed opacity is not 1 (a fade-in still running), the animations still running in or above it
 * (and finite ones anywhere), and the elements in it that clip their content (scrollHeight >
 * clientHeight: a scrollbar).
 */
function measure(el, frames) {
  return new Promise((resolve) => {
    const boxes = [];
    const frame = () => {
      const b = el.getBoundingClientRect();
      boxes.push([b.x, b.y, b.width, b.height].map((v) => Math.round(v * 10) / 10).join(' '));
      if (boxes.length < frames) return requestAnimationFrame(frame);
      const name = (e) =>
        `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`;
      const translucent = [];
      for (let e = el; e; e = e.parentElement) {
        const o = getComputedStyle(e).opacity;
        if (o !== '1') translucent.push(`${name(e)} opacity ${o}`);
      }
      // in or above the widget, and any finite one elsewhere in the window (a panel or badge still moving)
      const related = (t) => t instanceof Element && (el.contains(t) || t.contains(el));
      const running = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && (related(a.effect?.target) || a.effect?.getComputedTiming().iterations !== Infinity))
        .map(
          (a) =>
            `${a.effect?.target instanceof Element ? name(a.effect.target) : '?'} ${a.animationName ?? a.transitionProperty ?? a.constructor.name}`,
        );
      const clipped = [];
      for (const e of [el, ...el.querySelectorAll('*')]) {
        if (e.clientHeight === 0 || getComputedStyle(e).overflowY === 'visible') continue;
        if (e.scrollHeight > e.clientHeight + 1) clipped.push(`${name(e)} scrollHeight ${e.scrollHeight} > clientHeight ${e.clientHeight}`);
      }
      const last = el.getBoundingClientRect();
      resolve({
        stable: new Set(boxes).size === 1,
        boxes: [...new Set(boxes)],
        translucent,
        running,
        clipped,
        box: { x: last.x, y: last.y, width: last.width, height: last.height },
      });
    };
    requestAnimationFrame(frame);
  });
}

/**
 * The window size at which `hover` is shown whole, or undefined when it already is: VS Code lets a
 * hover be at most a quarter of the editor's height tall (or 250 px), so the editor must be at least
 * 4 × the height of the hover's content.
 */
async function hoverWindow(page, hover) {
  const content = await hover
    .locator('.monaco-hover-content')
    .first()
    .evaluate((e) => e.scrollHeight);
  const editor = await page
    .locator('.editor-instance .monaco-editor')
    .first()
    .evaluate((e) => e.getBoundingClientRect().height);
  const need = Math.ceil(4 * content) + 8;
  if (content <= 250 || need <= editor) return undefined;
  const now = page.viewportSize();
  return { width: now.width, height: now.height + Math.ceil(need - editor) };
}

/**
 * Waits until the widget has finished rendering — fully opaque (computed opacity 1 for it and every
 * ancestor), no animation running, nothing clipped (no scrollbar), its size and place the same over
 * STABLE_FRAMES frames, inside the window — and fails with what is still wrong after T.medium.
 * The screenshot is taken right after, so it shows that state.
 */
async function rendered(page, widget, what, { rowsClip = false } = {}) {
  const end = Date.now() + T.medium;
  for (;;) {
    const handle = await widget.elementHandle({ timeout: T.short });
    const m = await handle.evaluate(measure, STABLE_FRAMES);
    const size = page.viewportSize();
    const inside = m.box.x >= 0 && m.box.y >= 0 && m.box.x + m.box.width <= size.width && m.box.y + m.box.height <= size.height;
    // a tree's rows clip their content by design (rowsClip): only other clipping means a scrollbar
    const clipped = rowsClip ? m.clipped.filter((c) => !c.startsWith('div.monaco-list-row ')) : m.clipped;
    if (m.stable && m.translucent.length === 0 && m.running.length === 0 && clipped.length === 0 && inside && m.box.height > 0)
      return m.box;
    if (Date.now() > end) throw new Error(`${what} did not settle: ${JSON.stringify({ ...m, inside })}`);
    await page.waitForTimeout(100);
  }
}

/**
 * A picture of the editor and the Problems panel under it (without the activity bar and the side
 * bar), or with `below` of the editor down to that many pixels under the widget, or of `area` (a
 * locator: a view in the side bar). The widget must be whole in it.
 */
async function shot(page, file, widget, { below, area } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const editor = await (area ?? page.locator('.part.editor').first()).boundingBox();
  const panel = area
    ? null
    : await page
        .locator('.part.panel')
        .first()
        .boundingBox()
        .catch(() => null);
  const w = await widget.boundingBox();
  let bottom = panel ? Math.max(editor.y + editor.height, panel.y + panel.height) : editor.y + editor.height;
  if (below !== undefined && w) bottom = Math.min(editor.y + editor.height, w.y + w.height + below);
  const clip = { x: editor.x, y: editor.y, width: editor.width, height: Math.round(bottom - editor.y) };
  if (!w || w.x < clip.x || w.y < clip.y || w.x + w.width > clip.x + clip.width || w.y + w.height > clip.y + clip.height) {
    throw new Error(`${file}: the widget ${JSON.stringify(w)} is not inside the picture ${JSON.stringify(clip)}`);
  }
  // and the whole picture has come to rest: the same pixels twice, PICTURE_REST_MS apart (after the
  // quick fix menu opens, for instance, the gutter light bulb of the invocation shows for a moment)
  const end = Date.now() + T.medium;
  let previous = await page.screenshot({ clip, animations: 'disabled' });
  for (;;) {
    await page.waitForTimeout(PICTURE_REST_MS);
    const picture = await page.screenshot({ clip, animations: 'disabled' });
    if (picture.equals(previous)) break;
    if (Date.now() > end) throw new Error(`${file}: the picture keeps changing`);
    previous = picture;
  }
  writeFileSync(join(SHOTS, file), previous);
  if (COPY_SHOTS) {
    mkdirSync(COPY_SHOTS, { recursive: true });
    copyFileSync(join(SHOTS, file), join(COPY_SHOTS, file));
  }
}

/** `npm run screenshots`: the pictures written are exactly the ones README.md shows from that folder. */
function readmeShowsTheShots() {
  const folder = relative(ROOT, COPY_SHOTS).split(sep).join('/');
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const shown = new Set(
    [...readme.matchAll(/\]\(([^)\s]+\.png)\)/g)]
      .map((m) => m[1])
      .filter((p) => p.startsWith(`${folder}/`))
      .map((p) => p.slice(folder.length + 1)),
  );
  const written = new Set([...CASES.flatMap((c) => Object.values(c.shots)), ...Object.values(GLANCE.shots)]);
  const missing = [...written].filter((f) => !shown.has(f));
  const stale = [...shown].filter((f) => !written.has(f));
  if (missing.length || stale.length) {
    console.error(
      `README.md and the screenshots differ: written but not shown: ${missing.join(', ') || 'none'}; shown but not written: ${stale.join(', ') || 'none'}`,
    );
    return false;
  }
  log(`README.md shows the ${written.size} pictures written to ${folder}/`);
  return true;
}

async function main() {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: npm run package`);
  const t0 = Date.now();
  const run = makeRun('ui', join(ROOT, 'test', 'vscode', 'workspace-ui'));
  const settings = run.p('user-data/User/settings.json');
  writeFileSync(settings, JSON.stringify({ ...JSON.parse(readFileSync(settings, 'utf8')), ...STILL }, null, 2));
  let cs;
  let browser;
  const results = [];
  let failed = 0;
  try {
    log(`installed: ${installExtension(run, VSIX).split('\n').pop()} (${Date.now() - t0} ms)`);
    cs = await startCodeServer(run);
    log(`code-server ${cs.url} (pgid ${cs.pid}) ready after ${Date.now() - t0} ms`);
    browser = await launchBrowser(run, { viewport: VIEWPORT });
    const { page } = browser;
    await page.goto(workspaceUrl(cs, run.ws));
    await page.locator('.monaco-workbench').waitFor({ timeout: T.long });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: T.long });
    log(`workbench ready after ${Date.now() - t0} ms`);
    {
      const result = { file: 'the effective state at a glance', steps: [] };
      const s = Date.now();
      try {
        await runGlance(page, result);
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
      await page.keyboard.press('Control+K').catch(() => {});
      await page.keyboard.press('W').catch(() => {});
    }
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
  if (COPY_SHOTS && failed === 0 && !readmeShowsTheShots()) return 1;
  return failed === 0 && results.length === CASES.length + 1 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e?.stack ?? e);
    process.exit(2);
  },
);

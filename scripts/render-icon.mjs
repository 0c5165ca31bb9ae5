// Renders media/icon.svg (the extension's icon, drawn for this project) to media/icon.png, the
// 128 × 128 PNG the Marketplace and Open VSX show, with headless Chromium (Debian's `chromium`, which
// the ui test suite installs; CHROMIUM=/path/to/chrome to use another).
//   node scripts/render-icon.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const SIZE = 128;
const svg = readFileSync(join(root, 'media/icon.svg'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'kil-icon-'));
try {
  const page = join(dir, 'icon.html');
  writeFileSync(
    page,
    `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block}</style></head><body>${svg}</body></html>`,
  );
  const out = join(root, 'media/icon.png');
  const r = spawnSync(
    process.env.CHROMIUM ?? 'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      '--default-background-color=00000000',
      `--window-size=${SIZE},${SIZE}`,
      `--screenshot=${out}`,
      `file://${page}`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const png = r.status === 0 ? readFileSync(out) : undefined;
  // PNG signature, then IHDR: width and height (big-endian) at bytes 16 and 20
  if (!png || png.readUInt32BE(16) !== SIZE || png.readUInt32BE(20) !== SIZE) {
    console.error(`render-icon: chromium failed (exit ${r.status}): ${r.error?.message ?? r.stderr}`);
    process.exit(1);
  }
  console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

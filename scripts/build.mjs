// Bundles the extension client, the language server, the CLI and their lint workers with esbuild.
// Type checking is `tsc -b` (run before this by `npm run build`).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { common as shared, lazyTypeScript, servicePlugins } from './bundling.mjs';

const production = process.argv.includes('--production');
const common = { ...shared, sourcemap: !production, minify: production };
const service = [lazyTypeScript, ...servicePlugins];

mkdirSync('dist', { recursive: true });
copyFileSync(createRequire(import.meta.url).resolve('typescript'), 'dist/typescript.js');

const bundles = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: service },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: service },
  // the lint workers (node:worker_threads) that the server and the CLI start next to their bundles
  { ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cliWorker.js', plugins: service },
  { ...common, entryPoints: ['server/src/lsp/worker.ts'], outfile: 'dist/serverWorker.js', plugins: service },
];
// an entry point not written yet is skipped loudly, so the others can still be built and tested
const present = bundles.filter((b) => existsSync(b.entryPoints[0]) || console.warn(`build: skipping ${b.entryPoints[0]} (missing)`));
await Promise.all(present.map((b) => esbuild.build(b)));

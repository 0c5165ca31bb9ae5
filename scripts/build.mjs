// Bundles the extension client, the language server and the CLI with esbuild.
// Type checking is `tsc -b` (run before this by `npm run build`).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const bundles = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];
// an entry point not written yet is skipped loudly, so the others can still be built and tested
const present = bundles.filter((b) => existsSync(b.entryPoints[0]) || console.warn(`build: skipping ${b.entryPoints[0]} (missing)`));
await Promise.all(present.map((b) => esbuild.build(b)));

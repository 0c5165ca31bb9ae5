// Bundles the extension client, the language server, the CLI and their lint workers with esbuild.
// Type checking is `tsc -b` (run before this by `npm run build`).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { common as shared, lazyTypeScript, servicePlugins } from './bundling.mjs';

const production = process.argv.includes('--production');
const common = { ...shared, sourcemap: !production, minify: production };
const service = [lazyTypeScript, ...servicePlugins];

// web-tree-sitter's CommonJS build: its ES module build finds its files through import.meta.url, which a
// CommonJS bundle does not have (it then fails to load)
const webTreeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: createRequire(import.meta.url).resolve('web-tree-sitter') }));
  },
};
mkdirSync('dist', { recursive: true });
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('typescript'), 'dist/typescript.js');
// The Java parser: web-tree-sitter's runtime and tree-sitter-java's grammar, both WebAssembly, loaded by
// server/src/javaParser.ts from next to the bundle (the .vsix ships them; .vscodeignore names them).
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'dist/web-tree-sitter.wasm');
copyFileSync(require.resolve('tree-sitter-java/tree-sitter-java.wasm'), 'dist/tree-sitter-java.wasm');

const bundles = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [...service, webTreeSitterCjs] },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [...service, webTreeSitterCjs] },
  // the lint workers (node:worker_threads) that the server and the CLI start next to their bundles; they
  // load the Java parser (server/src/javaParser.ts) on their first .java file, from the .wasm files in dist/
  { ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cliWorker.js', plugins: [...service, webTreeSitterCjs] },
  { ...common, entryPoints: ['server/src/lsp/worker.ts'], outfile: 'dist/serverWorker.js', plugins: [...service, webTreeSitterCjs] },
];
// an entry point not written yet is skipped loudly, so the others can still be built and tested
const present = bundles.filter((b) => existsSync(b.entryPoints[0]) || console.warn(`build: skipping ${b.entryPoints[0]} (missing)`));
await Promise.all(present.map((b) => esbuild.build(b)));

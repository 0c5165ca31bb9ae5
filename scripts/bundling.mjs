// esbuild settings shared by the product's bundles (scripts/build.mjs) and the benchmark's bundle of the
// service (bench/run.mjs), so that the bench measures the code the extension and the CLI ship.

/** Options of every bundle (build.mjs adds source maps and minification per build mode). */
export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * The TypeScript compiler (the TS/JS parser, ~9 MB) ships as dist/typescript.js and is required on
 * first use (server/src/service/formats/tsLazy.ts): the server and the CLI start without parsing it.
 */
export const lazyTypeScript = {
  name: 'lazy-typescript',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.js', external: true }));
  },
};

/** Plugins of every bundle that holds the service (the server, its workers, the CLI and its workers). */
export const servicePlugins = [];

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

/**
 * The `yaml` package's Node build reads `process.env.LOG_TOKENS` for every token its Parser reads and
 * `process.env.LOG_STREAM` for every token its Composer gets (debug output when set). Each read of
 * `process.env` asks the C library for the variable: together about a quarter of the parse. In the
 * bundles both are `false` (unset) instead; the package's behaviour is otherwise unchanged.
 * A `yaml` update that reads another variable is named in a build warning.
 */
export const yamlWithoutEnvReads = {
  name: 'yaml-without-env-reads',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/\bnode_process\.env\.LOG_(?:TOKENS|STREAM)\b/g, 'false');
      const left = /\b(?:node_)?process\.env\b/.exec(contents);
      const warnings = left
        ? [{ text: `yaml-without-env-reads: ${args.path} still reads process.env (${contents.slice(left.index, left.index + 40)})` }]
        : [];
      return { contents, loader: 'js', warnings };
    });
  },
};

/** Plugins of every bundle that holds the service (the server, its workers, the CLI and its workers). */
export const servicePlugins = [yamlWithoutEnvReads];

// ESLint (flat config): typescript-eslint's type-checked recommended rules on the TypeScript sources
// (server/src, client/src, test), ESLint's recommended rules on the Node scripts (scripts/, bench/,
// bin/, test runners). Formatting is Prettier's job (.prettierrc.json); `npm run lint` runs both.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/out/**',
      'dist/**',
      '.cache/**',
      'test/.tmp/**',
      // inputs of the linter, not its code: the examples and the VS Code test workspaces
      'examples/**',
      'test/vscode/workspace/**',
      'test/vscode/workspace-ui/**',
      'test/vscode/code-server/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test()/describe() return promises that the runner itself awaits
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      // `import x = require('…')` is TypeScript's typed import of a CommonJS module, not a bare require()
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // `_`-prefixed names mark parameters and destructured parts kept for their position
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // async functions that implement a Promise-returning interface without awaiting anything are intended
      '@typescript-eslint/require-await': 'off',
      // messages interpolate caught errors and values of wide types (`${(e as Error).stack ?? e}`) on purpose
      '@typescript-eslint/restrict-template-expressions': 'off',
      // String() of values typed wider than what they hold (the yaml package's scalars, harness JSON) is deliberate
      '@typescript-eslint/no-base-to-string': 'off',
      // interfaces declare function members in method syntax (`docOf(e): number`); passed as values, none uses `this`
      '@typescript-eslint/unbound-method': 'off',
      // unions name their sentinels for the reader (`Lit | 'unknown'`) even where a wider member covers them
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // a promise may pass on a caught error as it is (typed `unknown`)
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // a function longer than this is split along its natural steps (blank lines and comments do not count)
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // tests read JSON (package.json, SARIF, LSP messages) and modules loaded at run time as `any` and assert on them
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // tests load the built server (server/out) and optional packages by path at run time
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // functions these runners hand to page.evaluate() run in the browser, not in Node
    files: ['test/vscode/runners/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      eqeqeq: 'error',
      // the code matches ANSI escapes and NUL characters on purpose
      'no-control-regex': 'off',
    },
  },
);

// @ts-check
// ESLint for the whole tree: typescript-eslint's recommended type-checked rules over src, test,
// bench, migrations and scripts (`npm run lint`, part of `npm test`). Formatting is Prettier's job
// (`npm run format`), so no stylistic rules here.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'data/', 'test-output/', 'docs/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // One program from tsconfig.json (it covers src, test, bench and migrations): cheaper than
      // the project service, which would look up a tsconfig per file.
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error: await it, `.catch` it, or `void` it where
      // fire-and-forget is meant and its errors are handled inside.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Off: an `async` function without `await` is how this code meets a Promise-returning
      // contract (Bolt's ack and error handler, a loader, a drop) while a throw inside still
      // becomes a rejection, as callers expect; dropping `async` would turn it into a sync throw.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The environment is read once, in src/config, and validated there; everything else is handed
    // the parsed values (the sandbox and tests pass what they need explicitly).
    files: ['src/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment only in src/config (parseEnv), and pass the values in.' }],
    },
  },
  {
    // Every listener gets its request's logger (its lines carry requestId, listener, user and
    // channel): a registration whose handler is not wrapped in withRequestLogger logs without them.
    files: ['src/slack/listeners/*/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='app'][callee.property.name=/^(action|view|command|event|shortcut|message|options)$/]:not([arguments.1.callee.name='withRequestLogger'])",
          message: 'Register listeners as app.<kind>(id, withRequestLogger(handler)), so their log lines carry the request scope.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Jest's asymmetric matchers (`expect.any(Date)`, `expect.stringContaining(…)`) are typed
      // `any` by @types/jest, so every partial-match assertion would trip this rule; the other
      // no-unsafe-* rules still guard tests against untyped values.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Plain JavaScript: the CommonJS scripts and the sandbox page's browser script. No type
    // information (they are outside tsconfig.json), so the type-aware rules are off for them.
    files: ['**/*.js'],
    extends: [tseslint.configs.recommended, tseslint.configs.disableTypeChecked],
  },
  {
    // The sandbox page's scripts are classic browser scripts sharing one global scope
    // (sandbox-forms.js, sandbox.js, sandbox-input.js, loaded in that order by index.html): a
    // top-level name one declares is used by another.
    files: ['src/sandbox/web/public/**/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { vars: 'local' }] },
  },
  {
    files: ['scripts/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    // The package is CommonJS ("type" is not "module"), so scripts load modules with require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

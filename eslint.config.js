// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Globals that only exist in a browser or an extension: src/core must not touch them. */
const browserOnlyGlobals = [
  'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage',
  'chrome', 'browser', 'fetch', 'XMLHttpRequest', 'process', 'require',
].map((name) => ({ name, message: 'src/core is pure TypeScript: pass data in from the shell instead.' }));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/', 'test/fixtures/**/*.har'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Render captured data as text, never innerHTML.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render captured data as text, never innerHTML.' },
      ],
    },
  },
  {
    // The core is shared by the panel, the CLI and the tests: it must not depend on any of them.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...browserOnlyGlobals],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['preact', 'preact/*', 'webextension-polyfill', 'node:*', 'fs', 'path'], message: 'src/core imports no browser, UI or Node API.' },
          { group: ['**/panel/**', '**/devtools/**', '**/cli/**'], message: 'src/core must not depend on its shells.' },
        ],
      }],
    },
  },
);

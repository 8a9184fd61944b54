// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Globals that only exist in a browser or an extension: src/core must not touch them. */
const browserOnlyGlobals = [
  'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage',
  'chrome', 'browser', 'fetch', 'XMLHttpRequest', 'process', 'require',
].map((name) => ({ name, message: 'src/core is pure TypeScript: pass data in from the shell instead.' }));

/** Captured data is rendered as text. */
const noInnerHtml = [
  { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Render captured data as text, never innerHTML.' },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render captured data as text, never innerHTML.' },
];

/**
 * A spread argument puts each item on the stack: some 120,000 throw RangeError in V8, and a capture
 * can hold that many calls outside any flow, diagnostics, steps of one flow or lines of a report.
 */
const spreadMessage = 'Spreading a list into call arguments throws RangeError past some 120,000 items: use appendAll (src/core/long-lists.ts) or a loop.';
const noArgumentSpreads = [
  { selector: "CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement", message: spreadMessage },
  { selector: "CallExpression[callee.object.name='Math'] > SpreadElement", message: spreadMessage },
  { selector: "CallExpression[callee.property.name='fromCharCode'] > SpreadElement", message: spreadMessage },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/', 'test/fixtures/**/*.har'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', ...noInnerHtml],
    },
  },
  {
    // What runs over captured data: the core, the CLI, the panel and the extension's pages.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', ...noInnerHtml, ...noArgumentSpreads],
    },
  },
  {
    // Only src/devtools talks to the browser's extension APIs; the panel UI must also run in a plain page.
    files: ['src/panel/**/*.{ts,tsx}', 'src/demo/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['webextension-polyfill', '**/devtools/**'], message: 'Browser extension APIs live in src/devtools only; reach them through PanelHost.' }],
      }],
    },
  },
  {
    // Captured data leaves the panel only as a replay the user clicked (src/panel/replay-fetch.ts).
    // The HAR viewer's entry may fetch the HAR file it was asked to open.
    files: ['src/panel/**/*.{ts,tsx}', 'src/devtools/**/*.{ts,tsx}'],
    ignores: ['src/panel/replay-fetch.ts', 'src/panel/viewer-main.tsx'],
    rules: {
      'no-restricted-globals': ['error', ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
        name, message: 'Nothing captured leaves the panel: network calls go through PanelHost.replay (src/panel/replay-fetch.ts).',
      }))],
      'no-restricted-properties': ['error', { object: 'navigator', property: 'sendBeacon', message: 'Nothing captured leaves the panel.' }],
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

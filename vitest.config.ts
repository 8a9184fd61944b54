import { defineConfig } from 'vitest/config';

/** Tests that start a real browser (Chromium, Firefox) or read the build: heavy, so one file at a time. */
const BROWSER_TESTS = ['test/e2e/**/*.test.ts', 'test/e2e-firefox/**/*.test.ts', 'test/panel/**/*.test.ts', 'test/build/**/*.test.ts'];

export default defineConfig({
  test: {
    // The JSON file feeds the one-line summary that .ci/run prints.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...BROWSER_TESTS, '**/node_modules/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: BROWSER_TESTS,
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    // The JSON file feeds the one-line summary that .ci/run prints.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});

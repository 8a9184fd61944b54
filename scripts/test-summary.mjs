// Prints vitest's JSON results as one plain closing line: "tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-results.json';
try {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  console.log(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`);
} catch {
  console.log('tests: 0 passed, 1 failed (no test results were written)');
  process.exitCode = 1;
}

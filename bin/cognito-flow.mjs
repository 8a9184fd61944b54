#!/usr/bin/env node
// Runs the CLI as built by `npm run build` (dist/cli/main.js: plain JavaScript, its dependencies
// bundled in), so start-up costs no TypeScript transpiler and an installed package needs nothing else.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
  process.stderr.write('cognito-flow: dist/cli/main.js is missing: run `npm run build` in this checkout first\n');
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });

#!/usr/bin/env node
// Runs the CLI as built by `npm run build` (dist/cli/main.js: plain JavaScript, its dependencies
// bundled in), so start-up costs no TypeScript transpiler and an installed package needs nothing else.

// A reader that stops early (`cognito-flow redact x.har | head`) closes the pipe: that is not a
// failure of ours, and must not end in an unhandled 'error' event with a stack trace. Any other
// write error is an internal failure (exit status 3, see src/cli/main.ts).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error?.code !== 'EPIPE') process.exitCode = 3;
  });
}

let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    process.stderr.write('cognito-flow: dist/cli/main.js is missing: run `npm run build` in this checkout first\n');
    process.exit(2);
  }
  // main() never throws; this is the CLI failing to load at all.
  process.stderr.write(`cognito-flow: internal error (exit status 3): ${error instanceof Error ? error.message.split('\n')[0] : 'could not start'}\n`);
  process.exit(3);
}
const status = await cli.main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
if (process.exitCode === undefined) process.exitCode = status;

#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the CLI works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

// A reader that stops early (`cognito-flow redact x.har | head`) closes the pipe: that is not a
// failure of ours, and must not end in an unhandled 'error' event with a stack trace. Any other
// write error is an internal failure (exit status 3, see src/cli/main.ts).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error?.code !== 'EPIPE') process.exitCode = 3;
  });
}

try {
  register();
  const { main } = await import('../src/cli/main.ts');
  const status = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
  if (process.exitCode === undefined) process.exitCode = status;
} catch (error) {
  // main() never throws; this is the CLI failing to load at all.
  process.stderr.write(`cognito-flow: internal error (exit status 3): ${error instanceof Error ? error.message.split('\n')[0] : 'could not start'}\n`);
  process.exitCode = 3;
}

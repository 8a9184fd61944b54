/**
 * `npm start`: the demo. Builds the extension and the demo app, starts a freshly seeded
 * cognito-local and the demo server, and opens Chromium with the extension and DevTools on the
 * demo app. Without a display (or with --headless) it signs in, screenshots the panel and exits.
 *
 *   npm start                       window until Ctrl+C (needs a display)
 *   npm start -- --headless         screenshot to cognito-flow-demo.png
 *   npm start -- --theme=dark       dark DevTools (screenshot cognito-flow-demo-dark.png)
 *   npm start -- --no-build         reuse dist/chrome as it is
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromiumPath, hasDisplay, launchWithExtension, type DevToolsTheme } from '../lib/chromium';
import { buildDemo } from './build-demo';
import { startDemoEnvironment, type DemoEnvironment } from './environment';
import { openDemo } from './page-actions';
import { headlessTour } from './tour';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXTENSION_DIR = fileURLToPath(new URL('../../dist/chrome', import.meta.url));

interface Options {
  headless: boolean;
  theme: DevToolsTheme;
  build: boolean;
  screenshot: string;
}

function parseOptions(argv: readonly string[]): Options {
  const theme = argv.find((arg) => arg.startsWith('--theme='))?.slice('--theme='.length) ?? 'light';
  if (theme !== 'light' && theme !== 'dark') throw new Error(`--theme must be light or dark, not ${theme}`);
  const out = argv.find((arg) => arg.startsWith('--screenshot='))?.slice('--screenshot='.length);
  return {
    headless: argv.includes('--headless') || !hasDisplay(),
    theme,
    build: !argv.includes('--no-build'),
    screenshot: out ?? (theme === 'dark' ? 'cognito-flow-demo-dark.png' : 'cognito-flow-demo.png'),
  };
}

/** `npm run build`, quiet unless it fails (its size table is not news for a demo). */
function buildExtension(): void {
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
  }
}

function printEnvironment(env: DemoEnvironment): void {
  const { config, seed } = env;
  const { plain, newPassword, totp, broken } = config.users;
  const rows: [string, string, string][] = [
    [plain.username, plain.password, 'no challenge'],
    [newPassword.username, newPassword.password, `NEW_PASSWORD_REQUIRED; the demo sets ${newPassword.newPassword}`],
    [totp.username, totp.password, `SOFTWARE_TOKEN_MFA; TOTP secret ${totp.totpSecret}`],
    [broken.username, broken.password, 'NEW_PASSWORD_REQUIRED; the "Broken call" answers it without NEW_PASSWORD'],
  ];
  const width = Math.max(...rows.map(([user, password]) => user.length + password.length + 3));
  console.log(`cognito-local  ${seed.endpoint}  pool ${seed.userPoolId}  client ${seed.clientId}`);
  console.log(`demo app       ${env.server.url}`);
  console.log('users (fresh each run: a completed NEW_PASSWORD_REQUIRED stays completed)');
  for (const [user, password, what] of rows) console.log(`  ${`${user} / ${password}`.padEnd(width)}  ${what}`);
}

/** With a display: the browser stays open until Ctrl+C (`stop`) or until it is closed. */
async function interactive(env: DemoEnvironment, options: Options, stop: Promise<void>): Promise<void> {
  // Docked at the bottom: the panel's flow list and details want the window's full width.
  const chromium = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: false, theme: options.theme, dock: 'bottom' });
  try {
    await openDemo(chromium.page, env.server.url);
    await chromium.openPanel().catch((error: unknown) => console.log(`(select DevTools → Cognito yourself: ${String(error).split('\n')[0]})`));
    console.log('Chromium is open on the demo app with DevTools → Cognito. Ctrl+C (or closing the browser) stops everything.');
    await Promise.race([stop, new Promise<void>((done) => chromium.browser.once('disconnected', () => done()))]);
  } finally {
    await chromium.close();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseOptions(process.argv.slice(2));
  chromiumPath(); // fails now, with the apt-get hint, rather than after the builds
  // Caught from the start so that Ctrl+C while things start still stops cognito-local and the server.
  const stop = options.headless
    ? new Promise<void>(() => undefined)
    : new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
  if (options.build) {
    console.log('building the extension and the demo app…');
    buildExtension();
  }
  await buildDemo();
  const env = await startDemoEnvironment();
  try {
    printEnvironment(env);
    if (!options.headless) {
      await interactive(env, options, stop);
      console.log('stopped: browser, demo server and cognito-local are closed');
      return;
    }
    console.log(`${hasDisplay() ? '--headless' : 'no display (DISPLAY is not set)'}: running Chromium headless, signing in and taking a screenshot`);
    const path = await headlessTour(env, { extensionDir: EXTENSION_DIR, theme: options.theme, screenshot: options.screenshot }, console.log);
    console.log(`screenshot of DevTools → Cognito (${options.theme}): ${path}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await env.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

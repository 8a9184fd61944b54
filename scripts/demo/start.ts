/**
 * `npm start`: the demo. Builds the extension and the demo app, starts a freshly seeded
 * cognito-local and the demo server, and opens Chromium (or Firefox) with the extension and
 * DevTools on the demo app. Without a display (or with --headless) it signs in, screenshots the
 * panel and exits.
 *
 *   npm start                       window until Ctrl+C (needs a display)
 *   npm start -- --headless         screenshot to cognito-flow-demo.png
 *   npm start -- --theme=dark       dark DevTools (screenshot cognito-flow-demo-dark.png)
 *   npm start -- --firefox          the same in firefox-esr with dist/firefox (cognito-flow-demo-firefox.png)
 *   npm start -- --screenshot=f.png where the headless run saves its screenshot
 *   npm start -- --no-build         reuse dist/chrome (dist/firefox) as it is
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromiumPath, hasDisplay, launchWithExtension } from '../lib/chromium';
import { firefoxPath } from '../lib/firefox/firefox';
import { buildDemo } from './build-demo';
import { startDemoEnvironment, type DemoEnvironment } from './environment';
import { firefoxWindow } from './firefox-window';
import { headlessFirefoxTour } from './firefox-tour';
import { parseOptions, type DemoOptions } from './options';
import { openDemo } from './page-actions';
import { headlessTour } from './tour';
import { acceptSelfSignedCertificates } from './self-signed';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXTENSION_DIRS = {
  chromium: fileURLToPath(new URL('../../dist/chrome', import.meta.url)),
  firefox: fileURLToPath(new URL('../../dist/firefox', import.meta.url)),
} as const;
const BROWSER_NAMES = { chromium: 'Chromium', firefox: 'Firefox' } as const;

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
  const { plain, newPassword, totp, broken, srp } = config.users;
  const rows: [string, string, string][] = [
    [plain.username, plain.password, 'no challenge'],
    [srp.username, srp.password, "USER_SRP_AUTH (Amplify's default), answered by the SRP stand-in"],
    [newPassword.username, newPassword.password, `NEW_PASSWORD_REQUIRED; the demo sets ${newPassword.newPassword}`],
    [totp.username, totp.password, `SOFTWARE_TOKEN_MFA; TOTP secret ${totp.totpSecret}`],
    [broken.username, broken.password, 'NEW_PASSWORD_REQUIRED; the "Broken call" answers it without NEW_PASSWORD'],
  ];
  const width = Math.max(...rows.map(([user, password]) => user.length + password.length + 3));
  console.log(`strict double ${seed.endpoint} in front of cognito-local ${env.cognito.endpoint}  pool ${seed.userPoolId}  client ${seed.clientId}`);
  console.log(`secret client  ${seed.secretClient.clientId}  secret ${seed.secretClient.clientSecret} (SECRET_HASH checked)`);
  console.log(`identity pool  ${env.identityPool.endpoint}  ${env.identityPool.identityPoolId} ("Get AWS credentials" after a sign-in)`);
  const managed = config.managedLogin;
  if (managed) console.log(`managed login  https://${managed.domain} (oidc-provider as the user-pool domain, self-signed certificate)  sign in as ${managed.user.username} / ${managed.user.password}`);
  console.log(`demo app       ${env.server.url}`);
  console.log('users (fresh each run: a completed NEW_PASSWORD_REQUIRED stays completed)');
  for (const [user, password, what] of rows) console.log(`  ${`${user} / ${password}`.padEnd(width)}  ${what}`);
}

/** With a display: the browser stays open until Ctrl+C (`stop`) or until it is closed. */
async function chromiumWindow(env: DemoEnvironment, options: DemoOptions, stop: Promise<void>): Promise<void> {
  // Docked at the bottom: the panel's flow list and details want the window's full width.
  const chromium = await launchWithExtension({ extensionDir: EXTENSION_DIRS.chromium, headless: false, theme: options.theme, dock: 'bottom' });
  try {
    // The managed-login double's certificate is self-signed; this throwaway profile accepts it.
    await acceptSelfSignedCertificates(chromium.browser);
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
  const options = parseOptions(process.argv.slice(2), hasDisplay());
  const { browser, theme } = options;
  // Fails now, with the apt-get hint, rather than after the builds.
  if (browser === 'firefox') firefoxPath();
  else chromiumPath();
  // Caught from the start so that Ctrl+C while things start still stops cognito-local and the server.
  // Kept listening (not once): Ctrl+C reaches this process twice, from the terminal and relayed by
  // tsx, and a second signal with no listener would kill it before the browser's profile is removed.
  const stop = new Promise<void>((done) => {
    process.on('SIGINT', () => done());
    process.on('SIGTERM', () => done());
  });
  // Headless there is nothing to wait for: an interrupt exits at once, and the 'exit' handlers
  // kill the browser and cognito-local (a signal's default action would skip them).
  if (options.headless) void stop.then(() => process.exit(130));
  if (options.build) {
    console.log('building the extension and the demo app…');
    buildExtension();
  }
  await buildDemo();
  const env = await startDemoEnvironment();
  try {
    printEnvironment(env);
    if (!options.headless) {
      if (browser === 'firefox') await firefoxWindow(env, { extensionDir: EXTENSION_DIRS.firefox, theme }, stop);
      else await chromiumWindow(env, options, stop);
      console.log('stopped: browser, demo server and cognito-local are closed');
      return;
    }
    console.log(`${hasDisplay() ? '--headless' : 'no display (DISPLAY is not set)'}: running ${BROWSER_NAMES[browser]} headless, signing in and taking a screenshot`);
    const tour = { extensionDir: EXTENSION_DIRS[browser], theme, screenshot: options.screenshot };
    const path = browser === 'firefox' ? await headlessFirefoxTour(env, tour, console.log) : await headlessTour(env, tour, console.log);
    const where = browser === 'firefox' ? 'Toolbox' : 'DevTools';
    console.log(`screenshot of ${BROWSER_NAMES[browser]} ${where} → Cognito (${theme}): ${path}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await env.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

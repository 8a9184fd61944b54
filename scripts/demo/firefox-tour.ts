/**
 * The headless part of `npm start -- --firefox`: sign in the way a person would with the toolbox
 * open, select the Cognito panel after the first sign-in (so it also shows what the toolbox
 * recorded before the panel loaded), sign in twice through managed login (good, then broken) and
 * print what the panel says about the broken one, as the Chromium tour does; then the broken API
 * flow's failing step with its Request tab, and a screenshot of the whole Firefox window.
 */
import type { DemoEnvironment } from './environment';
import { startFirefoxSession } from './firefox-session';
import type { DemoAction } from './page-actions';
import { openDemo, runDemoAction } from '../lib/firefox/demo-page';
import { runManagedLogin } from '../lib/firefox/managed-login';
import type { Marionette } from '../lib/firefox/marionette';
import { inPanel } from '../lib/firefox/panel-page';
import { selectFlow, showRequest } from '../lib/firefox/panel-view';
import type { FirefoxTheme } from '../lib/firefox/prefs';
import { selectCognitoPanel } from '../lib/firefox/toolbox';
import { saveWindowScreenshot } from '../lib/firefox/window';

export interface FirefoxTourOptions {
  extensionDir: string;
  theme: FirefoxTheme;
  screenshot: string;
}

/** 1280×800 with the toolbox taking all but the top of the page. */
export const FIREFOX_WINDOW = { width: 1280, height: 800, toolboxHeight: 620 } as const;

/** Width of the summary's first column (as in tour.ts). */
const LABEL = 14;

/**
 * The two managed-login buttons, each followed until the panel has its flow; then the broken one's
 * reason. On the sign-in page the form is posted once the panel lists the flow's authorize request
 * and the sign-in page, as a person would look before typing: Firefox's DevTools lose a request
 * whose end they report after the next navigation began (test/e2e-firefox/oauth-firefox.test.ts).
 */
async function managedLogins(env: DemoEnvironment, marionette: Marionette, log: (line: string) => void): Promise<void> {
  const managed = env.config.managedLogin;
  if (!managed) return;
  for (const [button, flow, outcome] of [['good', 'oauth-1', 'authenticated'], ['broken', 'oauth-2', 'failed']] as const) {
    const beforeSubmit = () => inPanel<null>(marionette, `async (document, wait, flow) => {
      await wait(() => parseInt(document.querySelector('[data-flow="' + flow + '"] .flow-steps')?.textContent || '0', 10) >= 2, 'the authorize request and the sign-in page in ' + flow);
      return null;
    }`, [flow], 15_000).then(() => undefined);
    log(`  ${`managed ${button}`.padEnd(LABEL)} ${await runManagedLogin(marionette, button, managed.user, managed.callbackPath, { beforeSubmit })}`);
    // Read before the next sign-in leaves the page.
    await inPanel<null>(marionette, `async (document, wait, flow, outcome) => {
      await wait(() => document.querySelector('[data-flow="' + flow + '"][data-outcome="' + outcome + '"]'), flow + ' ' + outcome);
      return null;
    }`, [flow, outcome], 15_000);
  }
  const cause = await inPanel<string>(marionette, `async (document, wait) => {
    document.querySelector('[data-flow="oauth-2"]').click();
    const reason = await wait(() => document.querySelector('[data-chain="oauth-2"] [data-diagnostic="redirect-uri-mismatch"]'), 'redirect-uri-mismatch on oauth-2');
    return reason.textContent || '';
  }`, [], 10_000);
  // The diagnostic's cause, without its advice; the character diff's marks ([/]) stay as the panel shows them.
  log(`  ${''.padEnd(LABEL)} the panel on it: ${cause.replace(/\s+/g, ' ').replace(/^✖/, '').split('What to do:')[0]?.trim() ?? ''}`);
}

export async function headlessFirefoxTour(env: DemoEnvironment, options: FirefoxTourOptions, log: (line: string) => void): Promise<string> {
  const firefox = await startFirefoxSession({ extensionDir: options.extensionDir, demoUrl: env.server.url, headless: true, theme: options.theme, ...FIREFOX_WINDOW });
  try {
    const { marionette } = firefox;
    const { users } = env.config;
    // In order; the last is the flow shown selected.
    const signIns: [DemoAction, string][] = [['srp', users.srp.username], ['new-password', users.newPassword.username], ['totp', users.totp.username], ['broken', users.broken.username]];
    for (const [index, [action, user]] of signIns.entries()) {
      log(`  ${action.padEnd(LABEL)} ${await runDemoAction(marionette, action)}`);
      // Selected after the first sign-in: the panel loads that one from what the toolbox recorded.
      if (index === 0) await selectCognitoPanel(marionette);
      // Each flow is waited for in the panel (all its steps) before the next sign-in, as a person
      // would look. Without the wait, calls made while the panel was still starting were lost by
      // Firefox's own network monitor (missing from getHAR() and onRequestFinished alike) in about
      // half the runs; see src/devtools/network-source.ts.
      await selectFlow(marionette, user, 2);
    }
    // Managed login leaves the page, so it comes once the panel is open (the panel's Preserve log
    // keeps the flows above across the navigations).
    await managedLogins(env, marionette, log);
    // Back on the app's own page: the address bar no longer shows the last callback's ?code=&state=.
    await openDemo(marionette, env.server.url);
    await selectFlow(marionette, users.broken.username, 2);
    const missing = await showRequest(marionette, 'RespondToAuthChallenge');
    if (!missing.includes('NEW_PASSWORD')) throw new Error(`the broken call's Request tab shows no missing NEW_PASSWORD (missing: ${missing.join(', ') || 'none'})`);
    // Let the panel's layout settle after the last render before capturing.
    await new Promise((done) => setTimeout(done, 300));
    return await saveWindowScreenshot(marionette, options.screenshot);
  } finally {
    await firefox.stop();
  }
}

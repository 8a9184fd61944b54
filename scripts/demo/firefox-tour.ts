/**
 * The headless part of `npm start -- --firefox`: sign in the way a person would with the toolbox
 * open, select the Cognito panel after the first sign-in (so it also shows what the toolbox
 * recorded before the panel loaded), then the broken flow's failing step with its Request tab, and
 * save a screenshot of the whole Firefox window.
 */
import type { DemoEnvironment } from './environment';
import { startFirefoxSession } from './firefox-session';
import type { DemoAction } from './page-actions';
import { runDemoAction } from '../lib/firefox/demo-page';
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

export async function headlessFirefoxTour(env: DemoEnvironment, options: FirefoxTourOptions, log: (line: string) => void): Promise<string> {
  const firefox = await startFirefoxSession({ extensionDir: options.extensionDir, demoUrl: env.server.url, headless: true, theme: options.theme, ...FIREFOX_WINDOW });
  try {
    const { marionette } = firefox;
    const { users } = env.config;
    // In order; the last is the flow shown selected.
    const signIns: [DemoAction, string][] = [['srp', users.srp.username], ['new-password', users.newPassword.username], ['totp', users.totp.username], ['broken', users.broken.username]];
    for (const [index, [action, user]] of signIns.entries()) {
      log(`  ${action.padEnd(12)} ${await runDemoAction(marionette, action)}`);
      // Selected after the first sign-in: the panel loads that one from what the toolbox recorded.
      if (index === 0) await selectCognitoPanel(marionette);
      // Each flow is waited for in the panel (all its steps) before the next sign-in, as a person
      // would look. Without the wait, calls made while the panel was still starting were lost by
      // Firefox's own network monitor (missing from getHAR() and onRequestFinished alike) in about
      // half the runs; see src/devtools/network-source.ts.
      await selectFlow(marionette, user, 2);
    }
    const missing = await showRequest(marionette, 'RespondToAuthChallenge');
    if (!missing.includes('NEW_PASSWORD')) throw new Error(`the broken call's Request tab shows no missing NEW_PASSWORD (missing: ${missing.join(', ') || 'none'})`);
    // Let the panel's layout settle after the last render before capturing.
    await new Promise((done) => setTimeout(done, 300));
    return await saveWindowScreenshot(marionette, options.screenshot);
  } finally {
    await firefox.stop();
  }
}

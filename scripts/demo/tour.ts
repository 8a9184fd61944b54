/**
 * The headless part of `npm start`: with no display to show a browser on, sign in the way a
 * person would, open the Cognito panel, sign in twice through managed login (good, then broken),
 * print what the panel says about the broken one, select the broken API flow and save a screenshot
 * of DevTools.
 */
import { resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { launchWithExtension, type DevToolsTheme } from '../lib/chromium';
import type { DemoEnvironment } from './environment';
import { openDemo, runDemoAction, type DemoAction } from './page-actions';
import { selectFlow, waitForFlow } from './panel-view';
import { runManagedLogin } from './managed-login-action';
import { acceptSelfSignedCertificates } from './self-signed';

export interface TourOptions {
  extensionDir: string;
  theme: DevToolsTheme;
  screenshot: string;
}

/** What the tour does in the demo page, in order; the last one is the flow shown selected. */
const ACTIONS: readonly DemoAction[] = ['srp', 'new-password', 'totp', 'broken'];
/** Width of the summary's first column. */
const LABEL = 14;

/** The two managed-login buttons, each followed until the panel has its flow; then the broken one's reason. */
async function managedLogins(env: DemoEnvironment, page: Page, panel: Frame, log: (line: string) => void): Promise<void> {
  const managed = env.config.managedLogin;
  if (!managed) return;
  for (const [button, flow, outcome] of [['good', 'oauth-1', 'authenticated'], ['broken', 'oauth-2', 'failed']] as const) {
    log(`  ${`managed ${button}`.padEnd(LABEL)} ${await runManagedLogin(page, button, managed.user, managed.callbackPath)}`);
    // Read before the next sign-in leaves the page (Chrome forgets a page's request ids as it navigates).
    await panel.waitForSelector(`[data-flow="${flow}"][data-outcome="${outcome}"]`, { timeout: 15_000 });
  }
  await panel.click('[data-flow="oauth-2"]');
  const reason = await panel.waitForSelector('[data-chain="oauth-2"] [data-diagnostic="redirect-uri-mismatch"]', { timeout: 10_000 });
  // The diagnostic's cause, without its advice; the character diff's marks ([/]) stay as the panel shows them.
  const text = (await reason?.evaluate((element) => element.textContent ?? '')) ?? '';
  const cause = text.replace(/\s+/g, ' ').replace(/^✖/, '').split('What to do:')[0]?.trim() ?? '';
  log(`  ${''.padEnd(LABEL)} the panel on it: ${cause}`);
}

export async function headlessTour(env: DemoEnvironment, options: TourOptions, log: (line: string) => void): Promise<string> {
  const chromium = await launchWithExtension({ extensionDir: options.extensionDir, headless: true, theme: options.theme, dock: 'undocked' });
  try {
    // The managed-login double's certificate is self-signed (Amplify speaks only https to it).
    await acceptSelfSignedCertificates(chromium.browser);
    await openDemo(chromium.page, env.server.url);
    for (const action of ACTIONS) log(`  ${action.padEnd(LABEL)} ${await runDemoAction(chromium.page, action)}`);
    // Selected after the sign-ins: the panel reads what DevTools captured before it opened.
    const panel = await chromium.openPanel();
    const { users } = env.config;
    for (const user of [users.srp.username, users.newPassword.username, users.totp.username]) await waitForFlow(panel, user);
    // Managed login leaves the page, so it comes once the panel is open (with Preserve log on, it keeps
    // the flows above across the navigations).
    await managedLogins(env, chromium.page, panel, log);
    await selectFlow(panel, users.broken.username);
    await panel.waitForSelector('[data-diagnostic]');
    await chromium.devtools.setViewport({ width: 1280, height: 760 });
    // Let layout settle after the resize before capturing.
    await new Promise((done) => setTimeout(done, 300));
    const path = resolve(options.screenshot);
    await chromium.devtools.screenshot({ path: path as `${string}.png` });
    return path;
  } finally {
    await chromium.close();
  }
}

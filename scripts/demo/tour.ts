/**
 * The headless part of `npm start`: with no display to show a browser on, sign in the way a
 * person would, open the Cognito panel, select the broken flow and save a screenshot of DevTools.
 */
import { resolve } from 'node:path';
import { launchWithExtension, type DevToolsTheme } from '../lib/chromium';
import type { DemoEnvironment } from './environment';
import { openDemo, runDemoAction, type DemoAction } from './page-actions';
import { selectFlow, waitForFlow } from './panel-view';

export interface TourOptions {
  extensionDir: string;
  theme: DevToolsTheme;
  screenshot: string;
}

/** What the tour does in the demo page, in order; the last one is the flow shown selected. */
const ACTIONS: readonly DemoAction[] = ['srp', 'new-password', 'totp', 'broken'];

export async function headlessTour(env: DemoEnvironment, options: TourOptions, log: (line: string) => void): Promise<string> {
  const chromium = await launchWithExtension({ extensionDir: options.extensionDir, headless: true, theme: options.theme, dock: 'undocked' });
  try {
    await openDemo(chromium.page, env.server.url);
    for (const action of ACTIONS) log(`  ${action.padEnd(12)} ${await runDemoAction(chromium.page, action)}`);
    // Selected after the sign-ins: the panel reads what DevTools captured before it opened.
    const panel = await chromium.openPanel();
    const { users } = env.config;
    for (const user of [users.srp.username, users.newPassword.username, users.totp.username]) await waitForFlow(panel, user);
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

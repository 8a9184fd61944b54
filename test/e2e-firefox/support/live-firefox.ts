/**
 * One live Firefox setup per e2e file (the driving code is scripts/lib/firefox, shared with
 * `npm start -- --firefox`): a freshly seeded cognito-local and the demo app, headless
 * firefox-esr with dist/firefox installed as a temporary add-on and the demo app open in its tab.
 * The toolbox is opened (on the Console) before `beforePanel` actions run, because Firefox records
 * only while the toolbox is open; the Cognito panel is selected after them, so a file can check
 * that the panel loads what the toolbox recorded before it opened.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_FIREFOX } from '../../../scripts/build/paths';
import { ensureDemoBuilt, startDemoEnvironment, type DemoEnvironment } from '../../../scripts/demo/environment';
import type { DemoAction } from '../../../scripts/demo/page-actions';
import { installTemporaryAddon } from '../../../scripts/lib/firefox/addon';
import { openDemo, runDemoAction } from '../../../scripts/lib/firefox/demo-page';
import { launchFirefox, type FirefoxLaunchOptions } from '../../../scripts/lib/firefox/firefox';
import type { Marionette } from '../../../scripts/lib/firefox/marionette';
import { openToolbox, selectCognitoPanel } from '../../../scripts/lib/firefox/toolbox';

export interface LiveFirefox {
  env: DemoEnvironment;
  marionette: Marionette;
  /** Runs a demo-page action to its end (throws with the page's status text if it fails). */
  act(action: DemoAction): Promise<string>;
  stop(): Promise<void>;
}

export interface LiveFirefoxOptions {
  beforePanel?: readonly DemoAction[];
  /** How Firefox starts (e.g. DevTools' theme); default: headless, light, docked at the bottom. */
  firefox?: FirefoxLaunchOptions;
}

export async function startLiveFirefox(options: LiveFirefoxOptions = {}): Promise<LiveFirefox> {
  if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) throw new Error(`${DIST_FIREFOX} has no build: run npm run build first`);
  // The demo app is not part of `npm run build`; building it here keeps the tests on current sources.
  await ensureDemoBuilt({ rebuild: true });
  // Firefox starts while cognito-local is seeded: both take a couple of seconds on 2 cores.
  const [env, firefox] = await Promise.allSettled([startDemoEnvironment(), launchFirefox(options.firefox)]);
  if (env.status === 'rejected' || firefox.status === 'rejected') {
    if (env.status === 'fulfilled') await env.value.stop();
    if (firefox.status === 'fulfilled') await firefox.value.stop();
    throw env.status === 'rejected' ? env.reason : (firefox as PromiseRejectedResult).reason;
  }
  const live = { env: env.value, firefox: firefox.value };
  const stop = async () => {
    await Promise.allSettled([live.firefox.stop(), live.env.stop()]);
  };
  try {
    const marionette = live.firefox.marionette;
    await installTemporaryAddon(marionette, DIST_FIREFOX);
    await openDemo(marionette, live.env.server.url);
    await openToolbox(marionette);
    for (const action of options.beforePanel ?? []) await runDemoAction(marionette, action);
    await selectCognitoPanel(marionette);
    return {
      env: live.env,
      marionette,
      act: (action) => runDemoAction(marionette, action),
      stop,
    };
  } catch (error) {
    const output = live.firefox.output().trim().split('\n').slice(-30).join('\n');
    await stop();
    if (error instanceof Error) error.message += `\n--- firefox-esr output (last lines) ---\n${output}`;
    throw error;
  }
}

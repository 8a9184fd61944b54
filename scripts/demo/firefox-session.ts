/**
 * What both Firefox demos start from: firefox-esr with dist/firefox installed as a temporary
 * add-on, the demo app open in its tab and the toolbox open on the Console at the bottom of the
 * window. Firefox records a tab's network only while its toolbox is open, so it is opened before
 * any sign-in; the Cognito panel is left for the caller to select. The throwaway profile accepts
 * the managed-login double's self-signed certificate (Marionette's `acceptInsecureCerts`, for as
 * long as Firefox runs) and has Persist Logs on, as the panel advises for managed login.
 */
import { installTemporaryAddon } from '../lib/firefox/addon';
import { openDemo } from '../lib/firefox/demo-page';
import { launchFirefox, type Firefox } from '../lib/firefox/firefox';
import type { FirefoxTheme } from '../lib/firefox/prefs';
import { openToolbox } from '../lib/firefox/toolbox';
import { setWindowSize } from '../lib/firefox/window';

export interface FirefoxSessionOptions {
  extensionDir: string;
  demoUrl: string;
  headless: boolean;
  theme: FirefoxTheme;
  width: number;
  height: number;
  /** The toolbox's height: most of the window, so the panel's chain and step details both show. */
  toolboxHeight: number;
}

export async function startFirefoxSession(options: FirefoxSessionOptions): Promise<Firefox> {
  const firefox = await launchFirefox({
    headless: options.headless, theme: options.theme, toolboxHeight: options.toolboxHeight, acceptInsecureCerts: true, persistLogs: true,
  });
  try {
    const { marionette } = firefox;
    // Sized before the toolbox opens: Firefox caps the toolbox to the window it opens in.
    await setWindowSize(marionette, options.width, options.height);
    await installTemporaryAddon(marionette, options.extensionDir);
    await openDemo(marionette, options.demoUrl);
    await openToolbox(marionette);
    return firefox;
  } catch (error) {
    const output = firefox.output().trim().split('\n').slice(-20).join('\n');
    await firefox.stop();
    if (error instanceof Error && output) error.message += `\n--- firefox-esr output (last lines) ---\n${output}`;
    throw error;
  }
}

/**
 * `npm start -- --firefox` with a display: a Firefox window with the add-on installed, the demo
 * app open and the toolbox on the Cognito panel, docked at the bottom. It stays open until `stop`
 * (Ctrl+C) or until the window is closed; either way Firefox and its profile are gone on return.
 */
import type { DemoEnvironment } from './environment';
import { startFirefoxSession } from './firefox-session';
import type { FirefoxTheme } from '../lib/firefox/prefs';
import { selectCognitoPanel } from '../lib/firefox/toolbox';

/** A window most screens hold, the toolbox a little over half of it: the page stays usable. */
const WINDOW = { width: 1280, height: 900, toolboxHeight: 480 } as const;

export async function firefoxWindow(env: DemoEnvironment, options: { extensionDir: string; theme: FirefoxTheme }, stop: Promise<void>): Promise<void> {
  const firefox = await startFirefoxSession({ extensionDir: options.extensionDir, demoUrl: env.server.url, headless: false, theme: options.theme, ...WINDOW });
  try {
    await selectCognitoPanel(firefox.marionette).catch((error: unknown) => console.log(`(select Toolbox → Cognito yourself: ${String(error).split('\n')[0]})`));
    console.log('Firefox is open on the demo app with the Toolbox → Cognito. Ctrl+C (or closing the window) stops everything.');
    await Promise.race([stop, firefox.exited]);
  } finally {
    await firefox.stop();
  }
}

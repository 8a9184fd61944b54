/**
 * One live setup per e2e file (a browser costs ~4 s and ~230 MB on 2 cores): a freshly seeded
 * cognito-local and the demo app, Chromium with dist/chrome and DevTools open on the demo app.
 * `beforePanel` actions run in the page before the Cognito panel is selected, so a file can
 * check that the panel picks up what DevTools captured before it opened.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Frame } from 'puppeteer-core';
import { launchWithExtension, type DevToolsDock, type DevToolsTheme, type ExtensionBrowser } from '../../../scripts/lib/chromium';
import { ensureDemoBuilt, startDemoEnvironment, type DemoEnvironment } from '../../../scripts/demo/environment';
import { openDemo, runDemoAction, type DemoAction } from '../../../scripts/demo/page-actions';
import { acceptSelfSignedCertificates } from '../../../scripts/demo/self-signed';
import { downloadOf } from '../../support/chromium-download';

export const EXTENSION_DIR = fileURLToPath(new URL('../../../dist/chrome', import.meta.url));

export interface LivePanel {
  env: DemoEnvironment;
  chromium: ExtensionBrowser;
  panel: Frame;
  /** Runs a demo-page action to its end (throws with the page's status text if it fails). */
  act(action: DemoAction): Promise<string>;
  /** Navigates the inspected tab to the demo app again (a fresh page load). */
  reloadDemo(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLivePanel(options: { beforePanel?: readonly DemoAction[]; dock?: DevToolsDock; theme?: DevToolsTheme } = {}): Promise<LivePanel> {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) throw new Error(`${EXTENSION_DIR} has no build: run npm run build first`);
  // The demo app is not part of `npm run build`; building it here keeps the tests on current sources.
  await ensureDemoBuilt({ rebuild: true });
  const env = await startDemoEnvironment();
  let chromium: ExtensionBrowser | null = null;
  try {
    chromium = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true, dock: options.dock, theme: options.theme });
    // The managed-login double's certificate is self-signed (Amplify speaks only https to it).
    await acceptSelfSignedCertificates(chromium.browser);
    const page = chromium.page;
    await openDemo(page, env.server.url);
    for (const action of options.beforePanel ?? []) await runDemoAction(page, action);
    const panel = await chromium.openPanel();
    const opened = chromium;
    return {
      env,
      chromium: opened,
      panel,
      act: (action) => runDemoAction(page, action),
      reloadDemo: () => openDemo(page, env.server.url),
      stop: async () => {
        await opened.close();
        await env.stop();
      },
    };
  } catch (error) {
    await chromium?.close();
    await env.stop();
    throw error;
  }
}

/**
 * Presses the panel's Export HAR (in its current mode) and returns the file Chromium saved: a
 * download from a DevTools panel, let through to a temporary folder.
 */
export async function exportFromPanel(live: LivePanel): Promise<string> {
  const cdp = await live.chromium.browser.target().createCDPSession();
  try {
    return (await downloadOf(cdp, () => live.panel.click('[data-action="export"]'))).text;
  } finally {
    await cdp.detach();
  }
}

/**
 * Firefox's DevTools toolbox, driven from Marionette's chrome context through `gDevTools` (the
 * toolbox is browser chrome, so it opens in headless Firefox too). Firefox records a tab's network
 * only while its toolbox is open, so the demo and the tests open it before the sign-ins the panel
 * is to show.
 */
import type { Marionette } from './marionette';

/** The title devtools.panels.create gives the panel (src/devtools/devtools-page.ts). */
export const PANEL_TITLE = 'Cognito';

/**
 * Chrome-context prelude shared by the scripts below: `gDevTools`, the browser window `win` and
 * its selected tab `tab` (the one navigated to the demo app).
 */
export const CHROME_PRELUDE = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const win = Services.wm.getMostRecentWindow('navigator:browser');
  const tab = win.gBrowser.selectedTab;
  const done = arguments[arguments.length - 1];
  const sleep = (ms) => new Promise((resolve) => win.setTimeout(resolve, ms));
  const cognitoTool = (toolbox) => toolbox.getAdditionalTools().find((tool) => tool.label === ${JSON.stringify(PANEL_TITLE)});
`;

/**
 * Opens the toolbox on the Console (the Cognito panel stays unloaded) and waits until the
 * extension's devtools page has added the Cognito tab, so the toolbox is recording and the
 * extension is listening. Resolves with the panel's tool id.
 */
export async function openToolbox(marionette: Marionette, timeoutMs = 15_000): Promise<string> {
  await marionette.setContext('chrome');
  const result = await marionette.executeAsync<{ id?: string; error?: string }>(`${CHROME_PRELUDE}
    const deadline = Date.now() + arguments[0];
    gDevTools.showToolboxForTab(tab, { toolId: 'webconsole' }).then(async (toolbox) => {
      while (Date.now() < deadline) {
        const tool = cognitoTool(toolbox);
        if (tool) return done({ id: tool.id });
        await sleep(50);
      }
      done({ error: 'the toolbox opened but has no ' + ${JSON.stringify(PANEL_TITLE)} + ' tab (tools: ' + toolbox.getAdditionalTools().map((t) => t.label).join(', ') + ')' });
    }, (error) => done({ error: 'the toolbox did not open: ' + error }));`, [timeoutMs], timeoutMs + 5_000);
  if (!result.id) throw new Error(result.error ?? 'openToolbox: no answer');
  return result.id;
}

/** Selects the Cognito panel: the first selection loads the panel page. */
export async function selectCognitoPanel(marionette: Marionette, timeoutMs = 15_000): Promise<void> {
  await marionette.setContext('chrome');
  const result = await marionette.executeAsync<{ ok?: true; error?: string }>(`${CHROME_PRELUDE}
    const toolbox = gDevTools.getToolboxForTab(tab);
    const tool = toolbox && cognitoTool(toolbox);
    if (!tool) return done({ error: 'no toolbox with a ' + ${JSON.stringify(PANEL_TITLE)} + ' tab to select' });
    toolbox.selectTool(tool.id).then(
      () => done(toolbox.currentToolId === tool.id ? { ok: true } : { error: 'selected ' + toolbox.currentToolId + ' instead' }),
      (error) => done({ error: 'selectTool failed: ' + error }));`, [], timeoutMs);
  if (!result.ok) throw new Error(result.error ?? 'selectCognitoPanel: no answer');
}

/**
 * The real extension panel at issue 8's docked-right size: DevTools in a window of its own sized
 * 500×810 (what docked right gives the panel), real sign-ins against cognito-local, one broken.
 * The flows list is a narrow column, the broken step is selected, in view and named at the top of
 * its details, every tab is reachable, no value wraps past two lines, nothing is wider than the
 * panel, and axe-core finds no critical or serious violation, in DevTools' light and dark themes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { selectFlow, waitForFlow } from '../../scripts/demo/panel-view';
import { startLivePanel, type LivePanel } from './support/live-panel';
import { wrappedValues } from '../panel/support/layout-checks';
import { seriousViolations } from '../panel/support/axe';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
describe.each(['light', 'dark'] as const)('the extension panel docked right (500×810), %s theme', (theme) => {
  let live: LivePanel;

  beforeAll(async () => {
    live = await startLivePanel({ beforePanel: ['plain', 'broken'], dock: 'undocked', theme });
    const session = await live.chromium.devtools.createCDPSession();
    const { windowId } = await session.send('Browser.getWindowForTarget');
    await session.send('Browser.setWindowBounds', { windowId, bounds: { width: 500, height: 810 } });
    await session.detach();
  });

  afterAll(async () => {
    await live?.stop();
  });

  it('shows the broken sign-in readable: list as a column, step named and in view, tabs reachable, no serious axe violation', async () => {
    const { panel } = live;
    const { plain, broken } = live.env.config.users;
    await waitForFlow(panel, plain.username);
    await selectFlow(panel, broken.username);
    const width = await panel.evaluate(() => window.innerWidth);
    expect(width).toBeGreaterThan(380);
    expect(width).toBeLessThan(520);
    const layout = await panel.evaluate(() => ({
      list: document.querySelector('.flows')!.getBoundingClientRect().width,
      main: document.querySelector('.main')!.getBoundingClientRect().width,
      title: document.querySelector('[data-details-title]')?.textContent ?? '',
      selectedOp: document.querySelector('.step-card.selected')?.getAttribute('data-operation') ?? '',
    }));
    expect(layout.list).toBeLessThanOrEqual(width * 0.3 + 1);
    expect(layout.main).toBeGreaterThanOrEqual(width * 0.65);
    expect(layout.title).toBe(`Step 2 · ${layout.selectedOp}`);
    expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    await panel.waitForFunction(() => {
      const pane = document.querySelector('.chain-pane')!.getBoundingClientRect();
      const head = document.querySelector('.step-card.selected .step-head')!.getBoundingClientRect();
      return head.top >= pane.top - 1 && head.bottom <= pane.bottom + 1;
    });
    if (process.env.SCREENSHOTS === '1') await live.chromium.devtools.screenshot({ path: `${SHOTS}panel-extension-docked-right-${theme}.png` });
    for (const tab of ['request', 'response', 'tokens', 'raw']) {
      const inRow = await panel.$eval(`[role="tab"][data-tab="${tab}"]`, (el) => getComputedStyle(el).visibility === 'visible');
      if (inRow) await panel.click(`[role="tab"][data-tab="${tab}"]`);
      else await panel.select('[data-tab-more]', tab);
      await panel.waitForSelector(`[data-tab-body="${tab}"]`);
      expect(await wrappedValues(panel), `${tab} tab`).toEqual([]);
      expect(await panel.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${tab} tab wider than the panel`).toBe(true);
      expect(await seriousViolations(panel), `${tab} tab`).toEqual([]);
    }
  });
});

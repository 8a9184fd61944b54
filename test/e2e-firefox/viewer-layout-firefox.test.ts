/**
 * Issue 8's layout checks in Gecko: the panel's UI (as the HAR viewer: the same components and
 * CSS as the extension's panel) in headless firefox-esr at the three DevTools sizes, both themes.
 * The failing step is selected, named and in view; every tab is reachable; no value wraps past two
 * lines; nothing is wider than the panel; the list stays a narrow column docked right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/analyze';
import { startViewer, type ViewerHarness } from '../panel/support/viewer-harness';
import { SIZES, THEMES, demoHar } from '../panel/support/layout-fixtures';
import { wrappedValues } from '../panel/support/layout-checks';

let viewer: ViewerHarness;

beforeAll(async () => {
  viewer = await startViewer({ browser: 'firefox' });
  await viewer.addHar('demo.har', await demoHar());
});

afterAll(async () => {
  await viewer?.close();
});

describe.each(SIZES)('firefox-esr at $name ($width×$height)', (size) => {
  it.each(THEMES)('%s theme: failing step in view and named, every tab reachable, values on one line', async (theme) => {
    const flow = analyzeHar(await demoHar()).flows.at(-1)!;
    const failing = flow.steps.find((s) => s.call.error)!;
    const page = await viewer.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewport({ width: size.width, height: size.height });
    await page.goto(`${viewer.origin}/viewer.html?har=/har/demo.har&theme=${theme}`);
    await page.waitForSelector('[data-flow]');
    await page.click(`[data-flow="${flow.id}"]`);
    const card = `[data-chain="${flow.id}"] .chain-item:nth-child(${flow.steps.indexOf(failing) + 1}) .step-card`;
    await page.waitForSelector(`${card}.selected`);
    expect(await page.$eval('[data-details-title]', (el) => el.textContent)).toBe(`Step ${flow.steps.indexOf(failing) + 1} · ${failing.call.operation}`);
    await page.waitForFunction((selector: string) => {
      const pane = document.querySelector('.chain-pane')!.getBoundingClientRect();
      const head = document.querySelector(`${selector} .step-head`)!.getBoundingClientRect();
      return head.top >= pane.top - 1 && head.bottom <= pane.bottom + 1;
    }, {}, card);
    const list = await page.$eval('.flows', (el) => el.getBoundingClientRect().width);
    expect(list).toBeLessThanOrEqual(Math.min(320, size.width * 0.3) + 1);
    for (const tab of ['request', 'response', 'tokens', 'raw']) {
      const inRow = await page.$eval(`[role="tab"][data-tab="${tab}"]`, (el) => getComputedStyle(el).visibility === 'visible');
      if (inRow) await page.click(`[role="tab"][data-tab="${tab}"]`);
      else await page.select('[data-tab-more]', tab);
      await page.waitForSelector(`[data-tab-body="${tab}"]`);
      expect(await wrappedValues(page), `${tab} tab`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${tab} tab wider than the panel`).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

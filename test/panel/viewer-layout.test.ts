/**
 * Issue 8's layout at the sizes DevTools really gets, in both themes: docked right (500×810: the
 * list is a narrow column, the chain and details keep the rest), docked at the bottom (1366×330: the failing
 * step scrolled into view) and undocked. At each: the details name the step, the selected step is
 * inside the visible chain, every details tab can be reached, no value wraps past two lines, and
 * nothing is wider than the panel. With SCREENSHOTS=1 it also writes docs/screenshots/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { analyzeHar } from '../../src/core/analyze';
import { viewerSuite } from './support/viewer-harness';
import { SIZES, THEMES, demoHar } from './support/layout-fixtures';
import { wrappedValues } from './support/layout-checks';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const suite = viewerSuite();

beforeAll(async () => {
  await suite.viewer.addHar('demo.har', await demoHar());
});

describe.each(SIZES)('at $name ($width×$height)', (size) => {
  it.each(THEMES)('%s theme: the failing step is in view, named, every tab reachable, values on one line', async (theme) => {
    const har = await demoHar();
    const flow = analyzeHar(har).flows.at(-1)!;
    const failing = flow.steps.find((s) => s.call.error)!;
    const page = await suite.viewer.browser.newPage();
    suite.pages.push(page);
    await page.setViewport({ width: size.width, height: size.height });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${suite.viewer.origin}/viewer.html?har=/har/demo.har&theme=${theme}`);
    await page.waitForSelector('[data-flow]');

    await page.click(`[data-flow="${flow.id}"]`);
    // (The viewer numbers entries among the Cognito calls it keeps: find the card by place, not by HAR index.)
    const card = `[data-chain="${flow.id}"] .chain-item:nth-child(${flow.steps.indexOf(failing) + 1}) .step-card`;
    await page.waitForSelector(`${card}.selected[data-operation="${failing.call.operation}"]`);
    // The list takes at most 30% (320 px): docked right the chain and the details keep ~350 px.
    const widths = await page.evaluate(() => ({ list: document.querySelector('.flows')!.getBoundingClientRect().width, main: document.querySelector('.main')!.getBoundingClientRect().width }));
    expect(widths.list).toBeLessThanOrEqual(Math.min(320, size.width * 0.3) + 1);
    expect(widths.main).toBeGreaterThanOrEqual(size.width * 0.65);
    // The details name the step; the step shown is the selected card.
    const index = flow.steps.indexOf(failing);
    await page.waitForFunction((want) => document.querySelector('[data-details-title]')?.textContent === want, {}, `Step ${index + 1} · ${failing.call.operation}`);
    // The selected card is scrolled into the visible part of the chain.
    await page.waitForFunction((selector) => {
      const pane = document.querySelector('.chain-pane')!.getBoundingClientRect();
      const head = document.querySelector(`${selector} .step-head`)!.getBoundingClientRect();
      return head.top >= pane.top - 1 && head.bottom <= pane.bottom + 1;
    }, {}, card);

    if (process.env.SCREENSHOTS === '1') await page.screenshot({ path: `${SHOTS}panel-${size.name}-${theme}.png` });

    // Every tab: in the row, or behind the "»" menu when the row is too narrow.
    for (const tab of ['request', 'response', 'tokens', 'raw']) {
      const inRow = await page.$eval(`[role="tab"][data-tab="${tab}"]`, (el) => getComputedStyle(el).visibility === 'visible');
      if (inRow) {
        await page.click(`[role="tab"][data-tab="${tab}"]`);
      } else {
        await page.click('[data-tab-more]');
        await page.click(`[data-tab-item="${tab}"]`);
      }
      await page.waitForSelector(`[data-tab-body="${tab}"]`);
      expect(await wrappedValues(page), `${tab} tab`).toEqual([]);
      const overflow = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, width: window.innerWidth }));
      expect(overflow.doc, `${tab} tab is wider than the panel`).toBeLessThanOrEqual(overflow.width);
    }
    expect(await wrappedValues(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

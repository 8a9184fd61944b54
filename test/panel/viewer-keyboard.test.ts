/**
 * Issue 8's keyboard paths, like DevTools: "/" and Ctrl+F focus the filter; ↑/↓ and Enter in the
 * flows list (with a visible focus ring, never `outline: none`); one Tab stop for the chain with
 * ↑/↓ between step cards; ←/→ between details tabs (roving tabindex); "e" opens Edit & replay
 * from the selected step and Esc closes it; docked right, Back returns to the list.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { viewerSuite } from './support/viewer-harness';
import { demoFlows, demoHar } from './support/layout-fixtures';
import { scenarios } from '../fixtures/scenarios';

const suite = viewerSuite();

beforeAll(async () => {
  await suite.viewer.addHar('demo.har', await demoHar());
});

async function openDemo(width = 1400, height = 900): Promise<Page> {
  const page = await suite.open('har=/har/demo.har');
  await page.setViewport({ width, height });
  await page.waitForSelector('[data-flow]');
  return page;
}

/** What has the focus: its data-* identity and whether it draws a visible outline. */
const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  const style = el ? getComputedStyle(el) : null;
  return {
    id: el?.id ?? '',
    tab: el?.getAttribute('data-tab') ?? null,
    stepHead: el?.getAttribute('data-step-head') ?? null,
    className: el?.className ?? '',
    outlined: style !== null && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
  };
});

const selectedStep = (page: Page) => page.$eval('.step-card.selected', (el) => el.getAttribute('data-step'));
const waitFocus = (page: Page, selector: string) => page.waitForFunction((s) => document.activeElement?.matches(s) === true, {}, selector);

describe('keyboard', () => {
  it('"/" focuses the filter; ↑/↓ and Enter open a flow; the list shows where the focus is', async () => {
    const page = await openDemo();
    await page.keyboard.press('/');
    await waitFocus(page, '#flow-filter');
    await page.keyboard.type('carol');
    await page.waitForFunction(() => document.querySelector('[data-flow-count]')?.textContent?.includes(' of '));
    await page.keyboard.press('ArrowDown');
    await waitFocus(page, '.flow-rows');
    expect((await focused(page)).outlined).toBe(true);
    expect(await page.$eval('.flow-row.cursor', (el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-chain] .step-card.selected');
    expect(await page.$eval('[data-flow].selected .flow-user', (el) => el.textContent)).toBe('carol-broken');

    // Ctrl+F goes back to the filter, with its text selected to type over.
    await page.keyboard.down('Control');
    await page.keyboard.press('f');
    await page.keyboard.up('Control');
    await waitFocus(page, '#flow-filter');
    expect(await page.$eval('#flow-filter', (el) => [(el as HTMLInputElement).selectionStart, (el as HTMLInputElement).selectionEnd])).toEqual([0, 5]);
  });

  it('the chain is one Tab stop, ↑/↓ move between cards; ←/→ move between tabs; e opens Edit & replay, Esc closes it', async () => {
    const page = await openDemo();
    await page.click(`[data-flow="${(await demoFlows()).long}"]`);
    await page.waitForSelector('.step-card.selected');
    const firstSelected = await selectedStep(page);
    expect(await page.$$eval('.step-head[tabindex="0"]', (els) => els.length)).toBe(1);
    // Reached with Tab (so the browser shows focus as for a keyboard user): list, its splitter, then the chain.
    await page.focus('.flow-rows');
    for (let i = 0; i < 4 && (await focused(page)).stepHead === null; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ stepHead: firstSelected, outlined: true });
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction((was) => document.querySelector('.step-card.selected')?.getAttribute('data-step') !== was, {}, firstSelected);
    const moved = await selectedStep(page);
    await page.waitForFunction((s) => document.activeElement?.getAttribute('data-step-head') === s, {}, moved);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((s) => document.querySelector('.step-card.selected')?.getAttribute('data-step') === s, {}, firstSelected);
    expect(await page.$eval('[data-details-title]', (el) => el.textContent)).toMatch(/^Step \d+ · /);

    // Tab from the chain reaches the active tab (one stop); →/← select the next and previous tabs.
    await page.focus('[role="tab"][aria-selected="true"]');
    expect(await page.$$eval('[role="tab"][tabindex="0"]', (els) => els.map((el) => el.getAttribute('data-tab')))).toEqual(['request']);
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-tab-body="response"]');
    await waitFocus(page, '[role="tab"][data-tab="response"]');
    expect(await page.$eval('[role="tab"][data-tab="response"]', (el) => el.getAttribute('aria-controls'))).toBe('details-tabpanel');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('[data-tab-body="raw"]');

    // "e" from the selected step: the Request tab, the editor open, its text focused. Esc closes it.
    await page.focus('.step-head[tabindex="0"]');
    await page.keyboard.press('e');
    await waitFocus(page, '[data-replay-editor] textarea');
    expect(await page.$('[data-tab-body="request"]')).not.toBeNull();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('[data-replay-editor]') === null);
    await waitFocus(page, '.step-head[tabindex="0"]');
  });

  it('step links in a diagnostic select the step they name', async () => {
    await suite.viewer.addHar('reused.har', scenarios.find((s) => s.name === 'session-reused-double-submit-challenge')!.har);
    const page = await suite.open('har=/har/reused.har');
    await page.waitForSelector('[data-flow]');
    await page.click('[data-flow]');
    await page.waitForSelector('[data-step-link]');
    const link = await page.$eval('[data-step-link]', (el) => ({ entry: el.getAttribute('data-step-link'), text: el.textContent }));
    expect(link.text).toMatch(/^step \d+, [A-Za-z]+$/);
    await page.click('[data-step-link]');
    await page.waitForFunction((e) => document.querySelector('.step-card.selected')?.getAttribute('data-step') === e, {}, link.entry);
  });

  it('docked right: the list stays a narrow column; "/" reaches the filter from the details', async () => {
    const page = await openDemo(500, 810);
    await page.focus('.flow-rows');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.step-card.selected');
    expect(await page.$eval('.flows', (el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(151);
    await page.click('[role="tab"][data-tab="raw"]');
    await page.keyboard.press('/');
    await waitFocus(page, '#flow-filter');
  });
});

describe('Clear and the filter', () => {
  it('Clear resets the filter and the errors-only toggle; the list says how many flows it shows', async () => {
    const page = await openDemo();
    const total = await page.$$eval('[data-flow]', (els) => els.length);
    expect(await page.$eval('[data-flow-count]', (el) => el.textContent)).toBe(`${total} flows`);
    await page.click('[data-action="errors-only"]');
    await page.waitForFunction(() => document.querySelector('[data-flow-count]')?.textContent?.includes(' of '));
    const failing = await page.$$eval('[data-flow]', (els) => els.map((el) => el.getAttribute('data-outcome')));
    expect(failing.length).toBeLessThan(total);
    expect(await page.$eval('[data-flow-count]', (el) => el.textContent)).toBe(`${failing.length} of ${total} flows`);
    await page.type('#flow-filter', 'nobody-has-this-name');
    await page.waitForSelector('[data-no-match]');
    await page.click('[data-action="clear"]');
    await page.waitForSelector('[data-empty]');
    // A file loaded after Clear shows all its flows: nothing hidden by a filter left behind.
    const path = await suite.viewer.addHar('again.har', await demoHar());
    const picker = (await page.$('#har-file'))!;
    await (picker as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
    await page.waitForFunction((n) => document.querySelectorAll('[data-flow]').length === n, {}, total);
    expect(await page.$eval('#flow-filter', (el) => (el as HTMLInputElement).value)).toBe('');
    expect(await page.$eval('[data-action="errors-only"]', (el) => (el as HTMLInputElement).checked)).toBe(false);
  });
});

describe('tabs that do not fit', () => {
  it('go into a » menu; picking one shows it; arrow keys reach them too', async () => {
    const page = await openDemo(230, 700);
    await page.focus('.flow-rows');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-tab-more]');
    const hidden = await page.$$eval('[role="tab"].clipped', (els) => els.map((el) => el.getAttribute('data-tab')));
    expect(hidden.length).toBeGreaterThan(0);
    // The menu lists exactly the hidden tabs; picking one shows it (a native select: keys and Esc as everywhere).
    expect(await page.$$eval('[data-tab-item]', (els) => els.map((el) => el.getAttribute('data-tab-item')))).toEqual(hidden);
    await page.select('[data-tab-more]', hidden.at(-1)!);
    await page.waitForSelector(`[data-tab-body="${hidden.at(-1)!}"]`);
    expect(await page.$eval('[data-tab-more]', (el) => el.classList.contains('active'))).toBe(true);
    // ←/→ from the visible tabs walk into the hidden ones too, the focus going to the menu.
    await page.click('[role="tab"][data-tab="request"]');
    await page.waitForSelector('[data-tab-body="request"]');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('[data-tab-body="raw"]');
  });
});

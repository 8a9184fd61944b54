/**
 * A capture with hundreds of flows: the list puts only the rows in view in the DOM, yet every row
 * is reachable with the keys, by scrolling and by the filter, and opens like any other.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { analyzeHar } from '../../src/core/analyze';
import { generateSyntheticHar } from '../../scripts/lib/synthetic-har';
import { viewerSuite } from './support/viewer-harness';

const FLOWS = 240;
const har = generateSyntheticHar({ seed: 7, flows: FLOWS, ordinary: 300, bodies: 'small' }).har;
const flows = analyzeHar(har).flows;
// The background traffic's identity-pool calls form identity-pool flows of their own, listed after the sign-ins.
const signIns = flows.filter((flow) => flow.kind !== 'identity');
const suite = viewerSuite();
let page: Page;

beforeAll(async () => {
  page = await suite.openHar('long.har', har);
});

const rowIds = () => page.$$eval('[data-flow]', (els) => els.map((el) => el.getAttribute('data-flow')));
const cursorId = () => page.$eval('.flow-row.cursor', (el) => el.getAttribute('data-row-id'));

it('renders only the rows in view, each telling its place in the whole list', async () => {
  const ids = await rowIds();
  expect(signIns).toHaveLength(FLOWS);
  expect(ids.length).toBeGreaterThan(5);
  expect(ids.length).toBeLessThan(flows.length / 2);
  expect(ids).toEqual(flows.slice(0, ids.length).map((f) => f.id));
  expect(await page.$eval('[data-flow]', (el) => [el.getAttribute('aria-posinset'), el.getAttribute('aria-setsize')])).toEqual(['1', String(flows.length)]);
});

it('moves the cursor with ↓ past the rendered rows, keeps it in view, and opens it with Enter', async () => {
  const steps = 80;
  await page.focus('.flow-rows');
  // No cursor yet: the first ↓ puts it on the first row.
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
  const at = await cursorId();
  expect(at).toBe(flows[steps - 1]!.id);
  // Scrolling follows the render (the row is scrolled to once it exists): wait for it, briefly.
  const inView = await page.waitForFunction(() => {
    const row = document.querySelector('.flow-row.cursor');
    const list = row?.closest('.flow-rows')?.getBoundingClientRect();
    const box = row?.getBoundingClientRect();
    return Boolean(list && box && box.top >= list.top - 1 && box.bottom <= list.bottom + 1);
  }, { timeout: 2_000 }).then(() => true, () => false);
  expect(inView).toBe(true);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`[data-chain="${at}"]`);
});

it('shows the last rows when scrolled to the end, and finds any flow with the filter', async () => {
  await page.$eval('.flow-rows', (list) => { list.scrollTop = list.scrollHeight; });
  await page.waitForSelector(`[data-flow="${flows.at(-1)!.id}"]`);
  const last = signIns.at(-1)!;
  await page.type('input.filter', last.user!);
  await page.waitForFunction((id) => document.querySelector(`[data-flow="${id}"]`) !== null, {}, last.id);
  expect((await rowIds()).length).toBeLessThan(FLOWS);
  await page.click(`[data-flow="${last.id}"]`);
  await page.waitForSelector(`[data-chain="${last.id}"]`);
});

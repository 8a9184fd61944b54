/**
 * A flow of hundreds of steps (one user's answers, all joined to one flow: the bench's one-flow
 * shape) opens with a window of its steps around the selected one: buttons show the rest, and the
 * keys move past the window's edge, which follows.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { analyzeHar } from '../../src/core/analyze';
import { generateSignInCapture } from '../../scripts/lib/synthetic-signins';
import { CHAIN_WINDOW } from '../../src/panel/chain-window';
import { openFlow, viewerSuite } from './support/viewer-harness';

const har = generateSignInCapture({ shape: 'one-flow', signIns: 300 });
const [flow] = analyzeHar(har).flows;
const entries = flow!.steps.map((step) => step.call.entry);
const suite = viewerSuite();
let page: Page;

beforeAll(async () => {
  page = await suite.openHar('one-flow.har', har);
  await openFlow(page, flow!.id);
});

const cards = () => page.$$eval('[data-chain] [data-step]', (els) => els.map((el) => Number(el.getAttribute('data-step'))));
const more = (which: 'earlier' | 'later') => page.$eval(`[data-chain-more="${which}"]`, (el) => el.textContent).catch(() => null);

it('shows the first CHAIN_WINDOW steps of a 600-step flow, numbered in the whole flow, and says how many follow', async () => {
  expect(entries).toHaveLength(600);
  expect(await cards()).toEqual(entries.slice(0, CHAIN_WINDOW));
  expect(await more('earlier')).toBeNull();
  expect(await more('later')).toBe(`Show ${CHAIN_WINDOW} later steps (${600 - CHAIN_WINDOW} not shown)`);
  expect(await page.$eval(`[data-step="${entries[CHAIN_WINDOW - 1]}"] .step-head`, (el) => el.textContent)).toContain(String(CHAIN_WINDOW));
});

it('shows more steps with the button, keeping those shown', async () => {
  await page.click('[data-chain-more="later"]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-chain] [data-step]').length === n, {}, 2 * CHAIN_WINDOW);
  expect(await cards()).toEqual(entries.slice(0, 2 * CHAIN_WINDOW));
  expect(await more('later')).toBe(`Show ${CHAIN_WINDOW} later steps (${600 - 2 * CHAIN_WINDOW} not shown)`);
});

it('moves the selection with ↓ past the last step shown: the window follows, the card is focused and in view', async () => {
  const last = 2 * CHAIN_WINDOW - 1;
  await page.click(`[data-step-head="${entries[last]}"]`);
  await page.waitForSelector(`[data-step="${entries[last]}"].selected`);
  await page.keyboard.press('ArrowDown');
  const next = entries[last + 1]!;
  await page.waitForFunction((entry) => document.activeElement?.getAttribute('data-step-head') === String(entry), {}, next);
  const shown = await cards();
  expect(shown).toContain(next);
  expect(shown.length).toBeLessThanOrEqual(CHAIN_WINDOW);
  expect(await more('earlier')).not.toBeNull();
  const inView = await page.waitForFunction((entry) => {
    const card = document.querySelector(`[data-step="${entry}"]`)?.getBoundingClientRect();
    const pane = document.querySelector('.chain-pane')?.getBoundingClientRect();
    return Boolean(card && pane && card.top >= pane.top - 1 && card.top < pane.bottom);
  }, { timeout: 2_000 }, next).then(() => true, () => false);
  expect(inView).toBe(true);
});

/**
 * The hostile corpus (test/fixtures/hostile: user pool, identity pool, OAuth, cookies, forms, odd
 * shapes) in the panel, nothing revealed: no secret of its table may appear in any row, on any
 * tab of any step, in the DOM's text or any attribute (data-*, title, aria-*), or in what a copy
 * puts on the clipboard, with one exception the user asks for explicitly (issue 8): the copy
 * button of one masked value copies that value, and says "copied (secret)".
 */
import { expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { SECRETS, hostileHar, leaked } from '../fixtures/hostile';
import { pageErrors, viewerSuite } from './support/viewer-harness';
import { parseBodyText } from '../../src/core/body';

// The test checks its one page's errors itself; the page is opened with the harness, outside the suite's list.
const suite = viewerSuite();

/** The text and every attribute value of the document. */
const everything = (page: Page) => page.evaluate(() => {
  const attributes = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value));
  return `${document.body.textContent ?? ''}\n${attributes.join('\n')}`;
});

/**
 * Clicks every copy button on screen; returns what the ordinary ones copied and what the per-value
 * copies of masked secrets copied (each of those must announce itself as a secret).
 */
async function copyAll(page: Page): Promise<{ plain: string[]; secret: string[]; announced: string[] }> {
  const plain: string[] = [];
  const secret: string[] = [];
  const announced: string[] = [];
  const count = await page.$$eval('button.copy', (buttons) => buttons.length);
  for (let i = 0; i < count; i++) {
    const before = await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.length);
    const isSecret = await page.$$eval('button.copy', (buttons, at) => buttons[at]?.closest('[data-secret="masked"]') !== null, i);
    await page.$$eval('button.copy', (buttons, at) => (buttons[at] as HTMLButtonElement | undefined)?.click(), i);
    await page.waitForFunction((n) => (window as unknown as { __copied: string[] }).__copied.length > n, {}, before);
    const text = await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1)!);
    (isSecret ? secret : plain).push(text);
    if (isSecret) announced.push(await page.$eval('[data-live-region]', (el) => el.textContent ?? ''));
  }
  return { plain, secret, announced };
}

it('no secret of the corpus table is on screen, in an attribute or in a plain copy, on any row, step or tab', async () => {
  await suite.viewer.addHar('hostile-corpus.har', hostileHar());
  const page = await suite.viewer.open('har=/har/hostile-corpus.har');
  await page.waitForSelector('[data-flow], [data-other-calls]');
  const seen: string[] = [];
  /** Where each leak was seen, for the failure message. */
  const where: string[] = [];
  const copiedPlain: string[] = [];
  let secretCopies = 0;
  let visited = 0;
  const rows = await page.$$eval('[data-flow], [data-other-calls]', (els) => els.map((el) => el.getAttribute('data-flow') ?? 'other'));
  seen.push(await everything(page));
  for (const row of rows) {
    await page.click(row === 'other' ? '[data-other-calls]' : `[data-flow="${row}"]`);
    await page.waitForSelector(`[data-chain="${row === 'other' ? 'other-calls' : row}"]`);
    const steps = await page.$$eval('[data-step]', (els) => els.map((el) => el.getAttribute('data-step')!));
    for (const step of steps) {
      await page.click(`[data-step-head="${step}"]`);
      await page.waitForSelector(`[data-details="${step}"]`);
      for (const tab of ['request', 'response', 'tokens', 'raw']) {
        await page.click(`[role="tab"][data-tab="${tab}"]`);
        await page.waitForSelector(`[data-details="${step}"] [data-tab-body="${tab}"]`);
        await page.$$eval('details', (all) => all.forEach((d) => { (d as HTMLDetailsElement).open = true; }));
        const now = await everything(page);
        seen.push(now);
        for (const what of leaked(now, SECRETS)) where.push(`${what}: ${row} step ${step} ${tab}`);
        const copies = await copyAll(page);
        copiedPlain.push(...copies.plain);
        secretCopies += copies.secret.length;
        for (const said of copies.announced) expect(said).toBe('copied (secret)');
        visited++;
      }
    }
  }
  expect(visited).toBeGreaterThanOrEqual(4 * 13);
  expect(secretCopies).toBeGreaterThan(0);
  // One exception while it lasts, and only in the core's words: the reason the core gives for an
  // unparseable body quoted the parser's message, bytes of the body included (issue 7 item 5, the
  // core's part; fixed on branch sec-cli). It applies only while the core still quotes it.
  const coreQuotes = SECRETS.filter((s) => hostileHar().log.entries.some((e) => {
    const text = e.request?.postData?.text;
    if (text === undefined) return false;
    const body = parseBodyText(text);
    return body.state === 'unparseable' && leaked(body.reason, [s]).length > 0;
  })).map((s) => s.what);
  expect(where.filter((w) => !coreQuotes.some((what) => w.startsWith(`${what}:`))), 'on screen or in attributes').toEqual([]);
  expect(leaked(seen.join('\n'), SECRETS).filter((what) => !coreQuotes.includes(what)), 'on screen or in attributes').toEqual([]);
  expect(leaked(copiedPlain.join('\n'), SECRETS), 'in copies other than a masked value’s own copy button').toEqual([]);
  expect(pageErrors(page)).toEqual([]);
});

/**
 * How the viewer reads a file: in its reader worker (parsed while it arrives, only the entries the
 * panel keeps sent to the page), from `?har=` and from the file picker alike, and on the page when
 * no worker can run. Whatever the path, the panel shows what the core finds in the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { analyzeHar } from '../../src/core/analyze';
import type { Har } from '../../src/core/har';
import { keptInCapture } from '../../src/panel/capture-filter';
import { pageErrors, realHar, startViewer, type ViewerHarness } from './support/viewer-harness';

let viewer: ViewerHarness;
const pages: Page[] = [];
let har: Har;

beforeAll(async () => {
  viewer = await startViewer();
  har = (await realHar('mixed-interleaved.har')) as Har;
  // Pretty-printed, as browsers export: the worker parses it entry by entry while it arrives.
  await viewer.addHar('pretty.har', JSON.stringify(har, null, 2));
});

afterAll(async () => {
  for (const page of pages) expect(pageErrors(page)).toEqual([]);
  await viewer?.close();
});

/** What the toolbar says about the capture. */
const counts = (page: Page) => page.evaluate(() => ({
  calls: document.querySelector('[data-count="calls"]')?.textContent,
  other: document.querySelector('[data-count="other-requests"]')?.textContent?.replace(/^\W+/, ''),
  flows: document.querySelectorAll('[data-flow]').length,
}));

function expected() {
  const analysis = analyzeHar(har);
  const others = har.log.entries.filter((entry) => !keptInCapture(entry)).length;
  expect(others).toBeGreaterThan(0);
  return { calls: `${analysis.calls.length} Cognito calls`, other: `${others} other requests not kept`, flows: analysis.flows.length };
}

async function workerUrls(page: Page): Promise<string[]> {
  return page.workers().map((worker) => worker.url());
}

describe('reading a HAR', () => {
  it('from ?har=, in the reader worker: the flows and counts the core finds', async () => {
    const page = await viewer.open('har=/har/pretty.har');
    pages.push(page);
    await page.waitForSelector('[data-flow]');
    await page.waitForFunction(() => document.getElementById('har-name')?.textContent === 'pretty.har');
    expect(await counts(page)).toEqual(expected());
    expect(await workerUrls(page)).toEqual([expect.stringMatching(/\/assets\/viewer-worker-[\w-]+\.js$/)]);
    expect(await page.$eval('#load-error', (el) => el.textContent)).toBe('');
  });

  it('from the file picker, the same way, and a file that is not JSON after it says why', async () => {
    const page = await viewer.open();
    pages.push(page);
    const picker = (await page.$('#har-file')) as ElementHandle<HTMLInputElement>;
    await picker.uploadFile(await viewer.addHar('picked.har', JSON.stringify(har, null, 2)));
    await page.waitForSelector('[data-flow]');
    expect(await counts(page)).toEqual(expected());
    await picker.uploadFile(await viewer.addHar('broken.har', '{"log": {"entries": [{"request": }]}}'));
    await page.waitForFunction(() => document.getElementById('load-error')!.textContent !== '');
    expect(await page.$eval('#load-error', (el) => el.textContent)).toMatch(/^broken\.har: not JSON/);
  });

  it('on the page when no worker can run, with the same result', async () => {
    const page = await viewer.open();
    pages.push(page);
    await page.evaluateOnNewDocument(() => {
      Object.defineProperty(window, 'Worker', { value: undefined });
    });
    await page.goto(`${viewer.origin}/viewer.html?har=/har/pretty.har`);
    await page.waitForSelector('[data-flow]');
    expect(await counts(page)).toEqual(expected());
    expect(await workerUrls(page)).toEqual([]);
  });
});

/**
 * How the viewer reads a file, from `?har=` and from the file picker alike: decoded as it arrives,
 * its entries parsed in runs and only those the panel keeps held on to (viewer-har-runs.ts). The
 * panel shows what the core finds in the file, and counts the requests it does not keep.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { analyzeHar } from '../../src/core/analyze';
import type { Har } from '../../src/core/har';
import { keptInCapture } from '../../src/panel/capture-filter';
import { realHar, viewerSuite } from './support/viewer-harness';

const suite = viewerSuite();
let har: Har;

beforeAll(async () => {
  har = (await realHar('mixed-interleaved.har')) as Har;
  // Pretty-printed, as browsers export.
  await suite.viewer.addHar('pretty.har', JSON.stringify(har, null, 2));
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

describe('reading a HAR', () => {
  it('from ?har=: the flows and counts the core finds', async () => {
    const page = await suite.open('har=/har/pretty.har');
    await page.waitForSelector('[data-flow]');
    await page.waitForFunction(() => document.getElementById('har-name')?.textContent === 'pretty.har');
    expect(await counts(page)).toEqual(expected());
    expect(await page.$eval('#load-error', (el) => el.textContent)).toBe('');
  });

  it('from the file picker, the same way, and a file that is not JSON after it says why', async () => {
    const page = await suite.open();
    const picker = (await page.$('#har-file')) as ElementHandle<HTMLInputElement>;
    await picker.uploadFile(await suite.viewer.addHar('picked.har', JSON.stringify(har, null, 2)));
    await page.waitForSelector('[data-flow]');
    expect(await counts(page)).toEqual(expected());
    await picker.uploadFile(await suite.viewer.addHar('broken.har', '{"log": {"entries": [{"request": }]}}'));
    await page.waitForFunction(() => document.getElementById('load-error')!.textContent !== '');
    expect(await page.$eval('#load-error', (el) => el.textContent)).toMatch(/^broken\.har: not JSON/);
  });

  it('a file with a byte-order mark and Windows line ends, the same', async () => {
    await suite.viewer.addHar('windows.har', `\ufeff${JSON.stringify(har, null, 2).replace(/\n/g, '\r\n')}`);
    const page = await suite.open('har=/har/windows.har');
    await page.waitForSelector('[data-flow]');
    expect(await counts(page)).toEqual(expected());
  });
});

/**
 * Export HAR from the panel (here in the viewer page, the same UI): masked by default, the file
 * re-opens into the same chains, and an unmasked export happens only when chosen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { analyzeHar } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';
import { pageErrors, realHar, startViewer, type ViewerHarness } from './support/viewer-harness';

let viewer: ViewerHarness;
let downloads: string;
let page: Page;

beforeAll(async () => {
  viewer = await startViewer();
  downloads = await mkdtemp(join(tmpdir(), 'cfi-export-'));
  await viewer.addHar('np.har', await realHar('new-password-required.har'));
  page = await viewer.open('har=/har/np.har');
  await page.waitForSelector('[data-flow]');
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
});

afterAll(async () => {
  expect(pageErrors(page)).toEqual([]);
  await viewer?.close();
  await rm(downloads, { recursive: true, force: true });
});

async function exportAs(mode: 'share' | 'unmasked'): Promise<{ name: string; text: string }> {
  const before = new Set(await readdir(downloads));
  if (mode !== 'share') await page.select('[data-action="export-mode"]', mode);
  await page.click('[data-action="export"]');
  // Chrome writes `<name>.crdownload` and renames it when done; a shared, busy machine can be slow.
  const end = Date.now() + 20_000;
  for (;;) {
    const names = await readdir(downloads);
    const fresh = names.filter((name) => !before.has(name) && name.endsWith('.har'));
    if (fresh[0]) return { name: fresh[0], text: await readFile(join(downloads, fresh[0]), 'utf8') };
    if (Date.now() > end) throw new Error(`no download within 20 s; the folder holds: ${names.join(', ') || 'nothing'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Export HAR', () => {
  it('saves the capture with secrets masked by default; it re-opens into the same chains', async () => {
    const original = (await realHar('new-password-required.har')) as { log: { entries: { request: { postData?: { text?: string } } }[] } };
    const password = (JSON.parse(original.log.entries[0]?.request.postData?.text ?? '{}') as { AuthParameters: { PASSWORD: string } }).AuthParameters.PASSWORD;
    const { name, text } = await exportAs('share');
    expect(name).toMatch(/^cognito-flow-.*\.har$/);
    expect(name).not.toContain('unmasked');
    expect(text).not.toContain(password);
    const steps = (har: unknown) => toReport(analyzeHar(har)).flows.map((f) => f.steps.map((s) => [s.operation, s.handoff]));
    expect(steps(JSON.parse(text))).toEqual(steps(original));
    // The choice went back to masked after the export.
    expect(await page.$eval('[data-action="export-mode"]', (el) => (el as HTMLSelectElement).value)).toBe('share');
  });

  it('exports unmasked only when chosen, and says so in the file name', async () => {
    const { name, text } = await exportAs('unmasked');
    expect(name).toMatch(/-unmasked\.har$/);
    expect(text).toContain('Temp-Passw0rd!');
  });
});

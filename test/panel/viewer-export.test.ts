/**
 * Export HAR from the panel (here in the viewer page, the same UI): masked by default, the file
 * re-opens into the same chains, and an unmasked export happens only when chosen.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'puppeteer-core';
import { analyzeHar } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';
import { downloadOf, type Download } from '../support/chromium-download';
import { realHar, viewerSuite } from './support/viewer-harness';

const suite = viewerSuite();
let cdp: CDPSession;
let page: Page;

beforeAll(async () => {
  page = await suite.openHar('np.har', await realHar('new-password-required.har'));
  cdp = await page.createCDPSession();
});

async function exportAs(mode: 'share' | 'unmasked'): Promise<Download> {
  if (mode !== 'share') await page.select('[data-action="export-mode"]', mode);
  return downloadOf(cdp, () => page.click('[data-action="export"]'));
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

/**
 * The replay editor's answer rows and the diff after a replay, in the viewer (Chromium): the
 * ChallengeResponses as rows with a row to fill for each key the step needs (the Request tab's
 * `expected` list), the check following the typing, secrets masked in both views, and after Send a
 * diff of the keys sent (masked) and the answer's outcome against the original.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { analyzeHar } from '../../src/core/analyze';
import type { Har } from '../../src/core/har';
import { scenarioHar as scenarioHarAt } from './support/scenario-har';
import { openFlow, openStep, viewerSuite } from './support/viewer-harness';

const suite = viewerSuite();

/** A scenario whose calls replay to the viewer's stand-in for Cognito. */
const scenarioHar = (name: string): Har => scenarioHarAt(name, suite.viewer.origin);

async function openEditor(file: string, name: string, stepIndex: number): Promise<Page> {
  const har = scenarioHar(name);
  const flow = analyzeHar(har).flows[0]!;
  const page = await suite.openHar(file, har);
  await openFlow(page, flow.id);
  await openStep(page, flow.steps[stepIndex]!.call.entry, 'request');
  await page.click('[data-action="edit-replay"]');
  await page.waitForSelector('[data-answer-row]');
  return page;
}

const draftText = (page: Page) => page.$eval('textarea.replay-text', (el) => (el as HTMLTextAreaElement).value);
const rowState = (page: Page, key: string) => page.$eval(`[data-answer-row="${key}"]`, (el) => [el.getAttribute('data-state'), el.getAttribute('data-missing')]);

describe('replay editor answer rows', () => {
  it('shows the missing SECRET_HASH as a row to fill; typing it clears the check; it stays masked until revealed', async () => {
    const page = await openEditor('rows-hash.har', 'missing-secret-hash', 1);
    expect(await page.$$eval('[data-answer-row]', (els) => els.map((el) => el.getAttribute('data-answer-row')))).toEqual(['USERNAME', 'SMS_MFA_CODE', 'SECRET_HASH']);
    expect(await rowState(page, 'SECRET_HASH')).toEqual(['missing', 'true']);
    expect(await page.$eval('[data-answer-row="SECRET_HASH"]', (el) => el.textContent)).toMatch(/secret/);
    expect(await page.$eval('[data-answer-check]', (el) => [el.getAttribute('data-answer-check'), el.textContent])).toEqual(['missing', 'Still needed: SECRET_HASH.']);
    // The captured code is masked: its row's input holds nothing of it.
    expect(await page.$eval('[data-answer-row="SMS_MFA_CODE"] input', (el) => [(el as HTMLInputElement).type, (el as HTMLInputElement).value])).toEqual(['password', '']);

    await page.type('[data-answer-row="SECRET_HASH"] input', 'c2VjcmV0LWhhc2g=');
    expect(await rowState(page, 'SECRET_HASH')).toEqual(['present', null]);
    expect(await page.$eval('[data-answer-check]', (el) => el.getAttribute('data-answer-check'))).toBe('ok');
    // Both views edit the same draft: the JSON view has the key, masked.
    const masked = await draftText(page);
    expect(masked).toMatch(/"SECRET_HASH": "‹secret \d+: SECRET_HASH›"/);
    expect(masked).not.toContain('c2VjcmV0LWhhc2g=');
    await page.click('[data-action="reveal-draft"]');
    expect(await draftText(page)).toContain('"SECRET_HASH": "c2VjcmV0LWhhc2g="');
    expect(await page.$eval('[data-answer-row="SECRET_HASH"] input', (el) => (el as HTMLInputElement).value)).toBe('c2VjcmV0LWhhc2g=');
    await page.click('[data-action="reveal-draft"]');
    expect(await draftText(page)).not.toContain('c2VjcmV0LWhhc2g=');
  });

  it('follows edits of the JSON view: a key removed there comes back as a missing row', async () => {
    const page = await openEditor('rows-json.har', 'missing-secret-hash', 1);
    await page.$eval('textarea.replay-text', (el) => {
      const area = el as HTMLTextAreaElement;
      area.value = area.value.replace(/\s*"USERNAME": "[^"]*",?/, '');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(await rowState(page, 'USERNAME')).toEqual(['missing', 'true']);
    expect(await page.$eval('[data-answer-check]', (el) => el.textContent)).toBe('Still needed: USERNAME, SECRET_HASH.');
    // Not JSON: the rows say why they are gone, the JSON view still edits.
    await page.$eval('textarea.replay-text', (el) => {
      const area = el as HTMLTextAreaElement;
      area.value = '{ oops';
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(await page.$('[data-answer-row]')).toBeNull();
    expect(await page.$eval('[data-answer-rows-off]', (el) => el.textContent)).toMatch(/not JSON/);
  });

  it('after Send, shows on the replay what changed against the original: keys sent (masked) and the outcome', async () => {
    const page = await openEditor('rows-diff.har', 'missing-secret-hash', 1);
    await page.type('[data-answer-row="SECRET_HASH"] input', 'c2VjcmV0LWhhc2g=');
    // A non-secret edit shows its values; USERNAME is not a secret.
    await page.$eval('[data-answer-row="USERNAME"] input', (el) => {
      const input = el as HTMLInputElement;
      input.value = 'someone-else';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const before = suite.viewer.replays.length;
    await page.click('[data-action="send-replay"]');
    await page.waitForSelector('[data-step][data-replay="true"]');
    expect(suite.viewer.replays).toHaveLength(before + 1);
    expect(JSON.parse(suite.viewer.replays.at(-1)!.body)).toMatchObject({ ChallengeResponses: { SECRET_HASH: 'c2VjcmV0LWhhc2g=', USERNAME: 'someone-else' } });
    // The replay is selected; its details carry the diff.
    const replayEntry = await page.$eval('[data-step][data-replay="true"]', (el) => el.getAttribute('data-step'));
    await page.waitForSelector(`[data-details="${replayEntry}"] [data-replay-diff]`);
    const keys = await page.$$eval(`[data-details="${replayEntry}"] [data-diff-key]`, (els) => els.map((el) => [el.getAttribute('data-diff-key'), el.getAttribute('data-change'), el.textContent]));
    expect(keys).toEqual([
      ['ChallengeResponses.USERNAME', 'changed', expect.stringMatching(/→ someone-else/)],
      ['ChallengeResponses.SECRET_HASH', 'added', expect.stringMatching(/added: •+ \(16 chars\)/)],
    ]);
    const outcome = await page.$eval(`[data-details="${replayEntry}"] [data-diff-outcome]`, (el) => [el.getAttribute('data-diff-outcome'), el.textContent]);
    expect(outcome).toEqual(['changed', expect.stringMatching(/→ HTTP 400, CodeMismatchException/)]);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('c2VjcmV0LWhhc2g=');
  });
});

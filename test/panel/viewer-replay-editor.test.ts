/**
 * The replay editor in the viewer (Chromium): secrets masked until revealed, what the call does
 * to the account, the Session's state and the re-run's inputs, keyboard (Ctrl+Enter, Esc), JSON
 * errors with line and column, copy as command (masked by default), and the draft kept across steps.
 */
import { describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { analyzeHar } from '../../src/core/analyze';
import type { Har } from '../../src/core/har';
import { scenarioHar as scenarioHarAt } from './support/scenario-har';
import { totpFromSecret } from '../../src/core/srp/totp';
import { openFlow, openStep, viewerSuite } from './support/viewer-harness';

const suite = viewerSuite();

/** A scenario whose calls replay to the viewer's stand-in for Cognito. */
const scenarioHar = (name: string): Har => scenarioHarAt(name, suite.viewer.origin);

async function openEditor(file: string, har: Har, stepIndex: number): Promise<{ page: Page; entries: number[]; session: string; flowId: string }> {
  const flow = analyzeHar(har).flows[0]!;
  const step = flow.steps[stepIndex]!;
  const page = await suite.openHar(file, har);
  await openFlow(page, flow.id);
  await openStep(page, step.call.entry, 'request');
  await page.click('[data-action="edit-replay"]');
  await page.waitForSelector('textarea.replay-text');
  const session = (JSON.parse(step.call.har.request.postData!.text!) as { Session?: string }).Session ?? '';
  return { page, entries: flow.steps.map((s) => s.call.entry), session, flowId: flow.id };
}

const draftText = (page: Page) => page.$eval('textarea.replay-text', (el) => (el as HTMLTextAreaElement).value);

async function typeDraft(page: Page, text: string): Promise<void> {
  await page.$eval('textarea.replay-text', (el, value) => {
    const area = el as HTMLTextAreaElement;
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

describe('replay editor', () => {
  it('masks the Session and code until revealed, and sends the real values', async () => {
    const { page, session } = await openEditor('mask.har', scenarioHar('session-reused-retry-after-wrong-code'), 2);
    expect(session.length).toBeGreaterThan(10);
    const masked = await draftText(page);
    expect(masked).not.toContain(session);
    expect(masked).toMatch(/"Session": "‹secret \d+: Session›"/);
    expect(await page.$eval('[data-replay-editor]', (el, value) => el.outerHTML.includes(value), session)).toBe(false);
    await page.click('[data-action="reveal-draft"]');
    expect(await draftText(page)).toContain(session);
    await page.click('[data-action="reveal-draft"]');
    expect(await draftText(page)).not.toContain(session);
    const before = suite.viewer.replays.length;
    await page.click('[data-action="send-replay"]');
    await page.waitForSelector('[data-step][data-replay="true"]');
    expect(suite.viewer.replays).toHaveLength(before + 1);
    expect(JSON.parse(suite.viewer.replays.at(-1)!.body)).toMatchObject({ Session: session });
  });

  it("says the step's Session is spent, offers the re-run with a fresh code to type, and what success does", async () => {
    const { page } = await openEditor('rerun.har', scenarioHar('session-reused-retry-after-wrong-code'), 2);
    expect(await page.$eval('[data-session-state]', (el) => el.getAttribute('data-session-state'))).toBe('spent');
    expect(await page.$('[data-action="rerun"]')).not.toBeNull();
    expect(await page.$$eval('[data-input]', (els) => els.map((el) => el.getAttribute('data-input')))).toEqual(['code', 'totp-secret']);
    expect(await page.$eval('[data-replay-effect]', (el) => el.textContent)).toMatch(/signs the user in/);
    // Re-running without the code sends nothing and says what is missing.
    const before = suite.viewer.replays.length;
    await page.click('[data-action="rerun"]');
    await page.waitForSelector('[data-replay-status="error"]');
    expect(await page.$eval('[data-replay-status]', (el) => el.textContent)).toBe('Type a fresh code first.');
    expect(suite.viewer.replays).toHaveLength(before);
    // The code can come from the authenticator's secret, pasted (RFC 6238 test secret here).
    await page.type('[data-input="totp-secret"]', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const around = Date.now();
    await page.click('[data-action="compute-totp"]');
    await page.waitForFunction(() => (document.querySelector('[data-input="code"]') as HTMLInputElement).value !== '');
    const code = await page.$eval('[data-input="code"]', (el) => (el as HTMLInputElement).value);
    const windows = await Promise.all([-30_000, 0, 30_000].map((shift) => totpFromSecret('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', around + shift)));
    expect(windows).toContain(code);
  });

  it('warns that answering NEW_PASSWORD_REQUIRED changes the password', async () => {
    const { page } = await openEditor('new-password.har', scenarioHar('new-password-required'), 1);
    expect(await page.$eval('[data-replay-effect]', (el) => [el.getAttribute('data-replay-effect'), el.textContent])).toEqual(['changes-account', expect.stringMatching(/Changes the user's password/)]);
  });

  it('marks JSON errors with line and column while typing; Ctrl+Enter sends; Esc closes', async () => {
    const { page, entries, flowId } = await openEditor('keys.har', scenarioHar('sms-otp-wrong-code-key'), 1);
    await typeDraft(page, '{\n  "ChallengeName": "SMS_OTP",\n  oops\n}');
    expect(await page.$eval('[data-json-error]', (el) => el.textContent)).toMatch(/line 3, column 3/);
    await typeDraft(page, '{"ChallengeName":"SMS_OTP","ChallengeResponses":{"USERNAME":"u","SMS_OTP_CODE":"123456"}}');
    expect(await page.$('[data-json-error]')).toBeNull();
    const before = suite.viewer.replays.length;
    await page.focus('textarea.replay-text');
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    await page.waitForSelector('[data-step][data-replay="true"]');
    expect(suite.viewer.replays).toHaveLength(before + 1);
    // The result is selected: the details now show the replay.
    const replayEntry = await page.$eval('[data-step][data-replay="true"]', (el) => el.getAttribute('data-step'));
    await page.waitForSelector(`[data-details="${replayEntry}"]`);
    // …and says how it went, there, where the user now is.
    expect(await page.$eval('[data-replay-status]', (el) => [el.getAttribute('data-replay-status'), el.textContent])).toEqual(['done', expect.stringMatching(/this is the answer/)]);
    // Back on the edited step its draft is still open; Esc closes it.
    await openFlow(page, flowId);
    await openStep(page, entries[1]!, 'request');
    await page.waitForSelector('textarea.replay-text');
    await page.focus('textarea.replay-text');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('textarea.replay-text'));
  });

  it('copies cURL / fetch / AWS CLI masked by default, with secrets on request, never putting them in the DOM', async () => {
    const { page, session } = await openEditor('copy.har', scenarioHar('session-reused-retry-after-wrong-code'), 2);
    for (const kind of ['curl', 'fetch', 'aws-cli']) await page.click(`[data-action="copy-${kind}"]`);
    await page.waitForFunction(() => (window as unknown as { __copied: string[] }).__copied.length === 3);
    const masked = await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.slice());
    expect(masked[0]).toMatch(/^curl -sS -X POST /);
    expect(masked[1]).toMatch(/^await fetch\(/);
    expect(masked[2]).toMatch(/^aws cognito-idp respond-to-auth-challenge --region us-east-1 --endpoint-url /);
    for (const text of masked) expect(text).not.toContain(session);
    await page.click('[data-option="with-secrets"]');
    await page.click('[data-action="copy-aws-cli"]');
    await page.waitForFunction(() => (window as unknown as { __copied: string[] }).__copied.length === 4);
    expect((await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied[3]))).toContain(`--session ${session}`);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(session);
  });

  it('keeps the draft when the user looks at another step and comes back', async () => {
    const { page, entries } = await openEditor('draft.har', scenarioHar('session-reused-retry-after-wrong-code'), 2);
    await typeDraft(page, '{"edited": true}');
    await openStep(page, entries[0]!, 'request');
    await openStep(page, entries[2]!, 'request');
    await page.waitForSelector('textarea.replay-text');
    expect(await draftText(page)).toBe('{"edited": true}');
  });

  it('does not give a draft to another call that takes the same place after Clear', async () => {
    const har = scenarioHar('session-reused-retry-after-wrong-code');
    const { page, entries, flowId } = await openEditor('clear.har', har, 2);
    await typeDraft(page, '{"stale": true}');
    await page.click('[data-action="clear"]');
    await page.waitForSelector('[data-empty]');
    const path = await suite.viewer.addHar('again.har', har);
    await ((await page.$('#har-file')) as ElementHandle<HTMLInputElement>).uploadFile(path);
    await page.waitForSelector(`[data-flow="${flowId}"]`);
    await openFlow(page, flowId);
    await openStep(page, entries[2]!, 'request');
    await page.waitForSelector('[data-action="edit-replay"]');
    expect(await page.$('textarea.replay-text')).toBeNull();
  });
});

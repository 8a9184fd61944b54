/**
 * Re-run the sign-in up to a step, from the extension's panel in Chromium, against the strict
 * double (single-use Sessions, SECRET_HASH checked, SRP verified for real) in front of
 * cognito-local. The sign-ins are made by the inspected page itself (its fetch), as an app would:
 * (1) TOTP whose first code was wrong: the direct replay is refused ("Invalid session"), the
 *     re-run with a fresh code reaches tokens;
 * (2) SRP refused for a wrong password: the re-run with the typed password reaches tokens;
 * (3) a sign-in lacking SECRET_HASH: the re-run computes it from the typed client secret.
 * Then nothing the user typed is in the panel's DOM, storage or export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'puppeteer-core';
import { selectFlow, showTokens } from '../../scripts/demo/panel-view';
import { totpFromSecret } from '../../src/core/srp/totp';
import { srpWithWrongPassword, totpWithWrongCode } from '../support/rerun-attempts';
import { exportFromPanel, startLivePanel, type LivePanel } from './support/live-panel';

let live: LivePanel;
let panel: Frame;
/** Everything typed into the panel in this file: none of it may be left anywhere. */
const typed: string[] = [];

beforeAll(async () => {
  live = await startLivePanel();
  panel = live.panel;
});

afterAll(async () => {
  await live?.stop();
});

/** A Cognito call made by the inspected page (so DevTools captures it), answered by the strict double. */
async function pageCall(operation: string, body: unknown): Promise<Record<string, unknown>> {
  const text = await live.chromium.page.evaluate(async (endpoint: string, op: string, json: string) => {
    const response = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${op}` },
      body: json,
    });
    return response.text();
  }, live.env.seed.endpoint, operation, JSON.stringify(body));
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Selects `user`'s flow once it lists `steps` captured steps (the panel updates a growing capture at
 * most every 100 ms: the flow can show before its last call), then opens the editor on its last
 * captured (not replayed) step (a step with a kept draft opens it by itself).
 */
async function editLastCapturedStep(user: string, steps: number): Promise<void> {
  await selectFlow(panel, user);
  await panel.waitForFunction((n: number) => document.querySelectorAll('[data-step]:not([data-replay="true"])').length >= n, { timeout: 10_000 }, steps);
  const cards = await panel.$$('[data-step]:not([data-replay="true"])');
  // The card's head: elsewhere on the card a click may land on a diagnostic's link to another step.
  await (await cards.at(-1)!.$('.step-head'))!.click();
  await (await panel.waitForSelector('[data-tab="request"]'))!.click();
  const shown = await panel.waitForSelector('[data-action="edit-replay"], textarea.replay-text');
  if (await shown!.evaluate((el) => el.tagName !== 'TEXTAREA')) await shown!.click();
  await panel.waitForSelector('textarea.replay-text');
}

async function typeInto(selector: string, value: string): Promise<void> {
  typed.push(value);
  // The re-run inputs render once the editor has read the chain (a CI run typed before they existed).
  await panel.waitForSelector(selector, { timeout: 10_000 });
  await panel.type(selector, value);
}

/** Clicks Re-run and waits for its outcome; returns the status text. */
async function rerun(): Promise<string> {
  await panel.click('[data-action="rerun"]');
  const status = await panel.waitForSelector('[data-replay-status="done"], [data-replay-status="error"]', { timeout: 20_000 });
  return (await status!.evaluate((el) => `${el.getAttribute('data-replay-status')}: ${el.textContent}`));
}

/**
 * After a re-run the panel shows its last answer, in the same chain as the captured sign-in (a
 * branch that starts again from InitiateAuth), the flow now signed in, and the replay's tokens.
 */
async function expectRerunSignedIn(user: string): Promise<void> {
  await panel.waitForFunction((name: string) => {
    const cards = [...document.querySelectorAll('[data-step]')];
    const row = [...document.querySelectorAll('[data-flow]')].find((r) => r.getAttribute('aria-selected') === 'true');
    return cards.at(-1)?.getAttribute('data-replay') === 'true' && cards.some((card) => card.getAttribute('data-replay') !== 'true')
      && (row?.textContent ?? '').includes(name) && row?.getAttribute('data-outcome') === 'authenticated';
  }, { timeout: 10_000 }, user);
  expect(await showTokens(panel, 'id')).toContain('token_use');
  expect(await panel.$('[data-token="access"]')).not.toBeNull();
}

describe('re-run the sign-in up to a step, against the strict double', () => {
  it('(1) TOTP with a wrong first code: direct replay refused, re-run with a fresh code reaches tokens', async () => {
    const user = live.env.seed.users['totp-mfa'];
    const { failed, code } = await totpWithWrongCode(pageCall, live.env.seed, user);
    expect(failed.__type).toBe('CodeMismatchException');

    await editLastCapturedStep(user.username, 2);
    // Direct replay with the right code: the Session is spent, the double refuses it as Cognito does.
    const draft = JSON.parse(await panel.$eval('textarea.replay-text', (el) => (el as HTMLTextAreaElement).value)) as { ChallengeResponses: Record<string, string> };
    draft.ChallengeResponses.SOFTWARE_TOKEN_MFA_CODE = code;
    await panel.$eval('textarea.replay-text', (el, text) => {
      (el as HTMLTextAreaElement).value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, JSON.stringify(draft));
    await panel.click('[data-action="send-replay"]');
    // The panel selects the replay's answer once the analysis has it: wait for that before clicking on.
    await panel.waitForSelector('[data-step][data-replay="true"].selected', { timeout: 10_000 });
    expect(await panel.$eval('[data-step][data-replay="true"]', (el) => el.textContent)).toContain('NotAuthorizedException');

    // Back to the failed step: its editor (draft kept) says the Session is spent and offers the re-run.
    await editLastCapturedStep(user.username, 2);
    expect(await panel.$eval('[data-session-state]', (el) => el.getAttribute('data-session-state'))).toMatch(/spent/);
    const fresh = (await totpFromSecret(user.totpSecret!, Date.now()))!;
    await typeInto('[data-input="code"]', fresh);
    expect(await rerun()).toMatch(/^done: Re-ran 2 calls/);
    await expectRerunSignedIn(user.username);
  });

  it('(2) SRP refused for a wrong password: the re-run with the typed password reaches tokens', async () => {
    const alice = live.env.seed.users.confirmed;
    expect(await srpWithWrongPassword(pageCall, live.env.seed, alice.username)).toBe('Incorrect username or password.');

    await editLastCapturedStep(alice.username, 2);
    expect(await panel.$eval('[data-session-state]', (el) => el.textContent)).toMatch(/bound to its TIMESTAMP and SECRET_BLOCK/);
    await typeInto('[data-input="password"]', alice.password);
    // The pool id is not in an SRP exchange; it is asked for (prefilled when a token in the capture names it).
    await panel.$eval('[data-input="user-pool-id"]', (el) => { (el as HTMLInputElement).value = ''; });
    await panel.type('[data-input="user-pool-id"]', live.env.seed.userPoolId);
    expect(await rerun()).toMatch(/^done: Re-ran 2 calls/);
    await expectRerunSignedIn(alice.username);
  });

  it('(3) a sign-in lacking SECRET_HASH: the re-run computes it from the typed client secret', async () => {
    const erin = live.env.seed.users.totp;
    const { clientId, clientSecret } = live.env.seed.secretClient;
    const failed = await pageCall('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: erin.username, PASSWORD: erin.password } });
    expect(failed.message).toBe(`Client ${clientId} is configured for secret but secret was not received`);

    await editLastCapturedStep(erin.username, 1);
    await typeInto('[data-input="client-secret"]', clientSecret);
    expect(await rerun()).toMatch(/^done: Re-ran 1 call/);
    await expectRerunSignedIn(erin.username);
  });

  it('leaves nothing typed (password, code, client secret) in the DOM, storage or an export once the editor is closed', async () => {
    expect(typed.length).toBe(3);
    // Close every open editor (Esc), as closing the panel would drop them.
    await selectFlow(panel, live.env.seed.users.totp.username);
    const html = await panel.evaluate(() => document.documentElement.outerHTML);
    const stored = await panel.evaluate(() => new Promise<string>((resolve) => {
      (globalThis as unknown as { chrome: { storage: { local: { get(keys: null, cb: (items: unknown) => void): void } } } })
        .chrome.storage.local.get(null, (items) => resolve(JSON.stringify(items)));
    }));
    const exported = await exportFromPanel(live);
    expect(exported).toContain('_replayOf');
    for (const value of typed) {
      expect(html).not.toContain(value);
      expect(stored).not.toContain(value);
      expect(exported).not.toContain(value);
    }
  });
});

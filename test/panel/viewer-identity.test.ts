/**
 * Identity-pool exchanges and calls made with a sign-in's tokens in the viewer (issue 11): they are
 * cards of the sign-in's chain, after its tokens, with the exchange's facts (provider, identity,
 * credentials' expiry) as text and no key on the card.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { openFlow, openStep, realHar, texts, viewerSuite } from './support/viewer-harness';
import type { Har } from '../../src/core/har';

const suite = viewerSuite();

async function openReal(file: string): Promise<{ page: Page; har: Har }> {
  const har = await realHar(file) as Har;
  return { page: await suite.openHar(file, har), har };
}

/** The signature part of the ID token a capture's GetCredentialsForIdentity sent in Logins. */
function loginSignature(har: Har): string {
  const request = JSON.parse(har.log.entries[2]!.request.postData!.text!) as { Logins: Record<string, string> };
  return Object.values(request.Logins)[0]!.split('.')[2]!;
}

describe('identity pools in the chain', () => {
  it('shows GetId and GetCredentialsForIdentity as steps of the sign-in, with their facts and no secret', async () => {
    const { page, har } = await openReal('identity-credentials.har');
    expect(await page.$$eval('[data-flow]', (els) => els.length)).toBe(1);
    await openFlow(page, 'flow-1');
    const cards = await page.$$eval('[data-chain="flow-1"] [data-step]', (els) => els.map((el) => [el.getAttribute('data-operation'), el.getAttribute('data-service')]));
    expect(cards).toEqual([['InitiateAuth', 'user-pool'], ['GetId', 'identity'], ['GetCredentialsForIdentity', 'identity']]);
    const links = await texts(page, '[data-chain="flow-1"] .handoff-label');
    expect(links).toEqual(['ok identity pool: ID token (in Logins)', 'ok identity pool: ID token (in Logins)']);
    const facts = await page.$$eval('[data-step="2"] [data-fact]', (els) => els.map((el) => [el.getAttribute('data-fact'), el.textContent]));
    expect(facts.map(([name]) => name)).toEqual(['provider', 'identity', 'credentials']);
    expect(facts[0]![1]).toMatch(/^Provider127\.0\.0\.1:\d+\/local_\w+ \(id token\), from #0$/);
    expect(facts[2]![1]).toMatch(/^CredentialsASIA…\w{4} · expire in 60 min$/);
    const response = JSON.parse(har.log.entries[2]!.response.content.text!) as { Credentials: { SecretKey: string; SessionToken: string; AccessKeyId: string } };
    const chainText = await page.$eval('[data-chain="flow-1"]', (el) => el.textContent ?? '');
    for (const secret of [response.Credentials.SecretKey, response.Credentials.SessionToken.slice(0, 40), response.Credentials.AccessKeyId]) expect(chainText).not.toContain(secret);
    // The Raw tab masks them too (the panel's masking walk, issue 7), and the ID token's signature in Logins.
    const signature = loginSignature(har);
    for (const tab of ['raw'] as const) {
      await openStep(page, 2, tab);
      const body = await page.$eval(`[data-tab-body="${tab}"]`, (el) => el.textContent ?? '');
      for (const secret of [response.Credentials.SecretKey, response.Credentials.SessionToken.slice(0, 40), signature]) expect(body, tab).not.toContain(secret);
    }
  });

  // The Request and Response tabs' "Other fields" tables mask with the export's walk (issue 7, item 3):
  // the Logins object and the Credentials object show without their secrets.
  it('masks the Logins token in the Request tab', async () => {
    const { page, har } = await openReal('identity-credentials.har');
    await openFlow(page, 'flow-1');
    await openStep(page, 2, 'request');
    const body = await page.$eval('[data-tab-body="request"]', (el) => el.textContent ?? '');
    expect(body).not.toContain(loginSignature(har));
  });

  it('masks SecretKey in the Response tab', async () => {
    const { page, har } = await openReal('identity-credentials.har');
    await openFlow(page, 'flow-1');
    await openStep(page, 2, 'response');
    const body = await page.$eval('[data-tab-body="response"]', (el) => el.textContent ?? '');
    const response = JSON.parse(har.log.entries[2]!.response.content.text!) as { Credentials: { SecretKey: string } };
    expect(body).not.toContain(response.Credentials.SecretKey);
  });

  it('puts the access-token diagnostic on the refused GetId card', async () => {
    const { page } = await openReal('identity-access-token.har');
    await openFlow(page, 'flow-1');
    const codes = await page.$$eval('[data-step="1"] [data-diagnostic]', (els) => els.map((el) => [el.getAttribute('data-diagnostic'), el.getAttribute('data-severity')]));
    expect(codes).toEqual(expect.arrayContaining([['logins-not-id-token', 'error']]));
    // The server's words are stated once on the card, beside the cause (issue 8).
    expect(await page.$eval('[data-step="1"] .step-error', (el) => el.textContent ?? '')).toMatch(/Cognito said: .*Missing a required claim: aud/);
  });

  it('shows GetUser made with the sign-in\'s access token in its chain, not under other calls', async () => {
    const { page } = await openReal('user-password-auth.har');
    await openFlow(page, 'flow-1');
    const card = await page.$eval('[data-chain="flow-1"] [data-operation="GetUser"]', (el) => el.getAttribute('data-with-tokens'));
    expect(card).toBe('true');
    expect(await texts(page, '[data-chain="flow-1"] .handoff-label')).toEqual(['ok with this sign-in\'s tokens (access token)']);
  });
});

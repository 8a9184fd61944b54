/**
 * Refresh lineage and the client credentials grant in the real panel UI (the HAR viewer in Chromium):
 * the refresh whose refresh token is not in the capture sits in its sign-in's chain with the reason
 * between the cards; a client_credentials request is a "client credentials" row with its error, and
 * its client secret is on no tab.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { openFlow, openStep, texts, viewerSuite } from './support/viewer-harness';
import { oauthGrantScenarios } from '../fixtures/scenarios/oauth-grants';

const suite = viewerSuite();

async function openScenario(name: string): Promise<Page> {
  const scenario = oauthGrantScenarios.find((s) => s.name === name)!;
  return suite.openHar(`${name}.har`, scenario.har);
}

describe('managed-login grants in the panel', () => {
  it('a refresh linked by origin_jti: in the sign-in\'s chain, the reason between the cards', async () => {
    const page = await openScenario('managed-login-refresh-lineage');
    await openFlow(page, 'oauth-1');
    const steps = await page.$$eval('[data-chain="oauth-1"] [data-step]', (els) => els.map((el) => el.getAttribute('data-operation')));
    expect(steps).toEqual(['authorize', 'login', 'login', 'callback', 'token', 'token']);
    const links = (await texts(page, '[data-chain="oauth-1"] .handoff-label')).map((t) => t.trim());
    expect(links.at(-1)).toBe('ok refresh: same origin_jti as step 5\'s tokens (its refresh token is not in this capture)');
  });

  it('client credentials: its own row with the error, and no client secret on any tab', async () => {
    const page = await openScenario('managed-login-client-credentials-in-browser');
    const rows = await page.$$eval('[data-flow]', (els) => els.map((el) => [el.getAttribute('data-flow'), el.textContent ?? '']));
    expect(rows.map(([id]) => id)).toEqual(['oauth-1', 'oauth-2']);
    for (const [, text] of rows) expect(text).toContain('client credentials');
    for (const [flow, entry] of [['oauth-1', 0], ['oauth-2', 1]] as const) {
      await openFlow(page, flow);
      const onStep = await page.$$eval(`[data-step="${entry}"] [data-diagnostic]`, (els) => els.map((el) => el.getAttribute('data-diagnostic')));
      expect(onStep).toEqual(['client-credentials-in-browser']);
      for (const tab of ['request', 'raw'] as const) {
        await openStep(page, entry, tab);
        const shown = await page.$eval('.panel', (el) => el.textContent ?? '');
        for (const secret of ['cc-basic-secret-0123456789abcdefghij', 'cc-post-secret-0123456789abcdefghijk', Buffer.from(`4vbkq3ut1ggmdt1v8lbm1v8f6h:cc-basic-secret-0123456789abcdefghij`).toString('base64')]) {
          expect(shown, `${flow} ${tab} tab`).not.toContain(secret);
        }
      }
    }
  });
});

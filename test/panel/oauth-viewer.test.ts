/**
 * Managed-login captures from the oidc-provider double (test/fixtures/oauth) in the real panel UI (the
 * HAR viewer in Chromium): a "managed login" row, the chain of step kinds, the reason on the step it
 * concerns, the tokens, and no code, verifier, password or token signature anywhere on screen.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { openFlow, openStep, texts, viewerSuite } from './support/viewer-harness';
import { USER } from '../support/oauth-provider';

const suite = viewerSuite();

interface Capture { log: { entries: { request: { url: string; postData?: { text: string } }; response: { content: { text: string } } }[] } }

async function load(name: string): Promise<Capture> {
  return JSON.parse(await readFile(new URL(`../fixtures/oauth/${name}.har`, import.meta.url), 'utf8')) as Capture;
}

async function openHar(name: string): Promise<{ page: Page; har: Capture }> {
  const har = await load(name);
  return { page: await suite.openHar(`${name}.har`, har), har };
}

/** Every secret of a capture: the code, the verifier, the password, token signatures and the refresh token. */
function secrets(har: Capture): string[] {
  const out = [USER.password];
  for (const entry of har.log.entries) {
    const form = new URLSearchParams(entry.request.postData?.text ?? '');
    for (const key of ['code', 'code_verifier']) if (form.get(key)) out.push(form.get(key)!);
    if (entry.request.url.endsWith('/oauth2/token') && entry.response.content.text.includes('access_token')) {
      const body = JSON.parse(entry.response.content.text) as Record<string, string>;
      out.push(body.access_token!.split('.')[2]!, body.id_token!.split('.')[2]!, body.refresh_token!);
    }
  }
  return out;
}

describe('managed login in the panel', () => {
  it('a broken sign-in (trailing slash): the row, the chain, and the reason on the token step', async () => {
    const { page, har } = await openHar('trailing-slash');
    const rows = await page.$$eval('[data-flow]', (els) => els.map((el) => ({ id: el.getAttribute('data-flow'), outcome: el.getAttribute('data-outcome'), text: el.textContent ?? '' })));
    expect(rows.map((r) => [r.id, r.outcome])).toEqual([['oauth-1', 'failed']]);
    expect(rows[0]!.text).toContain('managed login');
    await openFlow(page, 'oauth-1');
    const steps = await page.$$eval('[data-chain="oauth-1"] [data-step]', (els) => els.map((el) => el.getAttribute('data-operation')));
    expect(steps).toEqual(['authorize', 'login', 'login', 'redirect', 'callback', 'token']);
    // What linked each step, in words, between the cards.
    const links = await texts(page, '[data-chain="oauth-1"] .handoff-label');
    expect(links.map((t) => t.trim())).toEqual([...Array(4).fill('ok redirect (Location) handed over'), 'ok authorization code handed over']);
    const onToken = await page.$$eval('[data-step="5"] [data-diagnostic]', (els) => els.map((el) => el.getAttribute('data-diagnostic')));
    expect(onToken).toEqual(['redirect-uri-mismatch', 'oauth-error']);
    const [message] = await texts(page, '[data-step="5"] [data-diagnostic="redirect-uri-mismatch"] .diagnostic-message');
    expect(message).toMatch(/trailing slash.*\/callback\[\/\]/);
    for (const tab of ['request', 'response', 'raw'] as const) {
      await openStep(page, 5, tab);
      const shown = await page.$eval('.panel', (el) => el.textContent ?? '');
      for (const secret of secrets(har)) expect(shown, `${tab} tab`).not.toContain(secret);
    }
  });

  it('a good sign-in: authenticated, the tokens decoded, nothing secret on any tab of any step', async () => {
    const { page, har } = await openHar('good');
    await openFlow(page, 'oauth-1');
    expect(await page.$eval('[data-flow="oauth-1"]', (el) => el.getAttribute('data-outcome'))).toBe('authenticated');
    await openStep(page, 5, 'tokens');
    expect(await page.$eval('[data-tab-body="tokens"]', (el) => el.textContent ?? '')).toContain('alice@example.com');
    for (const entry of [0, 1, 2, 3, 4, 5]) {
      for (const tab of ['request', 'response', 'raw'] as const) {
        await openStep(page, entry, tab);
        const shown = await page.$eval('.panel', (el) => el.textContent ?? '');
        for (const secret of secrets(har)) expect(shown, `entry ${entry} ${tab}`).not.toContain(secret);
      }
    }
    // No replay for managed-login steps (they are navigations and form posts, not JSON API calls).
    await openStep(page, 5, 'request');
    expect(await page.$('[data-action="edit-replay"], [data-replay-refused]')).toBeNull();
  });
});

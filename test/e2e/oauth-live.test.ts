/**
 * Managed login in the live extension (Chromium, dist/chrome): a page signs in through the
 * oidc-provider double with PKCE (authorize → /login form → callback → fetch /oauth2/token), once
 * correctly and once with a trailing slash on the token request's redirect_uri. The Cognito panel,
 * open before the sign-ins, lists both as "managed login" flows with the reason on the token step:
 * the live capture path (which entries are read whole, token bodies from getContent, Location
 * headers linking the hops across navigations with Preserve log on).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { EXTENSION_DIR } from './support/live-panel';
import { CLIENT_ID, startOAuthDouble, USER, type OAuthDouble } from '../support/oauth-provider';
import { startOAuthApp, type OAuthApp } from '../support/oauth-app';

let app: OAuthApp;
let double: OAuthDouble;
let chromium: ExtensionBrowser;
let panel: Frame;

beforeAll(async () => {
  app = await startOAuthApp();
  double = await startOAuthDouble({ redirectUris: [`${app.url}/callback`] });
  app.setDomain(double.url, CLIENT_ID);
  chromium = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });
  await chromium.page.goto(`${app.url}/app`);
  panel = await chromium.openPanel();
});

afterAll(async () => {
  await chromium?.close();
  await double?.close();
  await app?.close();
});

async function until(condition: () => boolean, what: () => string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting; ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The sign-in a user does: start on the app, sign in on the /login page, land on the callback. */
async function signIn(page: Page, broken: boolean): Promise<string> {
  await page.goto(`${app.url}/app?start=1${broken ? '&broken=slash' : ''}`);
  // The app's script navigates on to the authorize URL (cross-origin): wait for the sign-in page's URL
  // first, then for its form (a selector wait started before that navigation can miss the new document).
  await until(() => /\/(login|callback)\?/.test(page.url()), () => `page at ${page.url()}`);
  // A second sign-in finds the session cookie and goes straight to the callback (silent SSO, §2.1 step 1).
  if (page.url().includes('/login?')) {
    await page.waitForSelector('form[name="cognitoSignInForm"]');
    await page.type('input[name="username"]', USER.username);
    await page.type('input[name="password"]', USER.password);
    await page.click('input[type="submit"]');
  }
  await until(() => page.url().includes('/callback?'), () => `page at ${page.url()}`);
  await page.waitForFunction(() => document.title.startsWith('token'));
  return page.title();
}

async function rows(): Promise<{ id: string; outcome: string | null; text: string }[]> {
  return panel.$$eval('[data-flow]', (els) => els.map((el) => ({ id: el.getAttribute('data-flow') ?? '', outcome: el.getAttribute('data-outcome'), text: el.textContent ?? '' })));
}

describe('managed login in the live panel (Chromium)', () => {
  it('a good and a broken sign-in appear as managed-login flows, the broken one with its reason', async () => {
    expect(await signIn(chromium.page, false)).toBe('token 200');
    // Chrome drops a page's request ids when the tab navigates, so a body not yet read by then is lost
    // (managed-login-oauth2.md §6, "Extension API"): let the panel read the first token answer before
    // the second sign-in navigates away, as a person watching the panel would.
    await panel.waitForFunction(() => document.querySelector('[data-flow="oauth-1"]')?.getAttribute('data-outcome') === 'authenticated', { timeout: 15_000 })
      .catch(async (error: unknown) => { throw new Error(`${String(error)}; rows: ${JSON.stringify(await rows())}`); });
    expect(await signIn(chromium.page, true)).toBe('token 400');
    await panel.waitForFunction(() => document.querySelectorAll('[data-flow^="oauth-"]').length === 2 && document.querySelector('[data-flow="oauth-2"]')?.getAttribute('data-outcome') === 'failed', { timeout: 15_000 })
      .catch(async (error: unknown) => { throw new Error(`${String(error)}; rows: ${JSON.stringify(await rows())}; count: ${await panel.$eval('[data-count="calls"]', (el) => el.textContent)}`); });
    const listed = await rows();
    expect(listed.map((r) => [r.id, r.outcome])).toEqual([['oauth-1', 'authenticated'], ['oauth-2', 'failed']]);
    expect(listed.every((r) => r.text.includes('managed login'))).toBe(true);
    await panel.click('[data-flow="oauth-2"]');
    await panel.waitForSelector('[data-chain="oauth-2"]');
    // The second sign-in reuses the session: authorize redirects straight to the callback.
    const operations = await panel.$$eval('[data-chain="oauth-2"] [data-step]', (els) => els.map((el) => el.getAttribute('data-operation')));
    expect(operations).toEqual(['authorize', 'callback', 'token']);
    const onToken = await panel.$$eval('[data-chain="oauth-2"] [data-operation="token"] [data-diagnostic]', (els) => els.map((el) => el.getAttribute('data-diagnostic')));
    expect(onToken).toEqual(['redirect-uri-mismatch', 'oauth-error']);
    await panel.click('[data-flow="oauth-1"]');
    await panel.waitForSelector('[data-chain="oauth-1"]');
    const first = await panel.$$eval('[data-chain="oauth-1"] [data-step]', (els) => els.map((el) => el.getAttribute('data-operation')));
    expect(first).toEqual(['authorize', 'login', 'login', 'redirect', 'callback', 'token']);
    const good = await panel.$$eval('[data-flow="oauth-1"]', (els) => els.map((el) => el.textContent ?? ''));
    expect(good[0]).toContain(USER.username);
  });
});

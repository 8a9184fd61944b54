/**
 * Managed login from the demo app (issue 12, "Real parts"): the page's "Managed login (good)" and
 * "Managed login (broken)" buttons sign in with Amplify v6's own signInWithRedirect against the
 * oidc-provider double (HTTPS, self-signed), the person's part — the sign-in page — typed in. The
 * broken button's callback page is configured with the redirect URL plus a trailing slash, so
 * Amplify's token request differs from its authorize request. The live panel lists both as
 * "managed login" flows, the broken one with redirect-uri-mismatch on its token step and the good
 * one with no diagnostic at all, and its Export HAR holds none of the secrets that went over the wire.
 */
import type { HTTPResponse } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runManagedLogin } from '../../scripts/demo/managed-login-action';
import { exportFromPanel, startLivePanel, type LivePanel } from './support/live-panel';

let live: LivePanel;
/** What went over the wire, read from the inspected page's own network events. */
const seen = { codes: [] as string[], verifiers: [] as string[], signatures: [] as string[], tokenRedirects: [] as string[] };

async function recordSecrets(response: HTTPResponse): Promise<void> {
  const request = response.request();
  const url = new URL(request.url());
  const code = url.searchParams.get('code');
  if (code && url.pathname === '/callback') seen.codes.push(code);
  if (url.pathname !== '/oauth2/token' || request.method() !== 'POST') return;
  const form = new URLSearchParams(request.postData() ?? '');
  seen.verifiers.push(form.get('code_verifier') ?? '');
  seen.tokenRedirects.push(form.get('redirect_uri') ?? '');
  if (!response.ok()) return;
  const body = await response.json() as Record<string, unknown>;
  for (const name of ['access_token', 'id_token', 'refresh_token']) {
    const token = body[name];
    // A JWT's signature; the refresh token (opaque here) whole.
    if (typeof token === 'string') seen.signatures.push(token.includes('.') ? token.split('.')[2] ?? '' : token);
  }
}

interface StepView {
  operation: string | null;
  diagnostics: string[];
}

async function chain(flow: string): Promise<StepView[]> {
  await live.panel.click(`[data-flow="${flow}"]`);
  await live.panel.waitForSelector(`[data-chain="${flow}"]`);
  return live.panel.$$eval(`[data-chain="${flow}"] [data-step]`, (nodes) => nodes.map((node) => ({
    operation: node.getAttribute('data-operation'),
    diagnostics: [...node.querySelectorAll('[data-diagnostic]')].map((d) => d.getAttribute('data-diagnostic') ?? ''),
  })));
}

async function rows(): Promise<{ id: string; outcome: string | null; text: string }[]> {
  return live.panel.$$eval('[data-flow^="oauth-"]', (els) => els.map((el) => ({ id: el.getAttribute('data-flow') ?? '', outcome: el.getAttribute('data-outcome'), text: el.textContent ?? '' })));
}

async function waitForRows(what: string, test: string): Promise<void> {
  await live.panel.waitForFunction(test, { timeout: 15_000 })
    .catch(async (error: unknown) => { throw new Error(`${what}: ${String(error)}; rows: ${JSON.stringify(await rows())}`); });
}

beforeAll(async () => {
  live = await startLivePanel();
  live.chromium.page.on('response', (response) => void recordSecrets(response).catch(() => undefined));
});

afterAll(async () => {
  await live?.stop();
});

describe('managed login from the demo app, in the live panel (Chromium)', () => {
  it('shows the good and the broken sign-in as managed-login flows, the reason on the broken one only', async () => {
    const managed = live.env.config.managedLogin;
    if (!managed) throw new Error('the demo environment has no managed-login double');
    expect(await runManagedLogin(live.chromium.page, 'good', managed.user, managed.callbackPath)).toBe(`Signed in as ${managed.user.username} (managed login)`);
    // Chrome forgets a page's request ids when the tab navigates (managed-login-oauth2.md §6): the panel
    // reads the token answer before the next sign-in leaves the page, as a person watching it would.
    await waitForRows('the good sign-in', `document.querySelector('[data-flow="oauth-1"]')?.getAttribute('data-outcome') === 'authenticated'`);
    expect(await runManagedLogin(live.chromium.page, 'broken', managed.user, managed.callbackPath)).toBe('Token request refused: unauthorized_client (its redirect_uri has a trailing slash)');
    await waitForRows('the broken sign-in', `document.querySelector('[data-flow="oauth-2"]')?.getAttribute('data-outcome') === 'failed'`);

    // What Amplify sent: the token requests' redirect_uri, the second with the slash.
    const callback = new URL(managed.callbackPath, live.env.server.url).toString();
    expect(seen.tokenRedirects).toEqual([callback, `${callback}/`]);

    const listed = await rows();
    expect(listed.map((r) => [r.id, r.outcome])).toEqual([['oauth-1', 'authenticated'], ['oauth-2', 'failed']]);
    expect(listed.every((r) => r.text.includes('managed login'))).toBe(true);
    expect(listed[0]?.text).toContain(managed.user.username);

    const good = await chain('oauth-1');
    expect(good.map((s) => s.operation)).toEqual(['authorize', 'login', 'login', 'redirect', 'callback', 'token']);
    expect(good.flatMap((s) => s.diagnostics)).toEqual([]);

    // The second sign-in finds the domain's session: authorize redirects straight to the callback.
    const broken = await chain('oauth-2');
    expect(broken.map((s) => s.operation)).toEqual(['authorize', 'callback', 'token']);
    expect(broken.at(-1)?.diagnostics).toEqual(['redirect-uri-mismatch', 'oauth-error']);
    expect(broken.slice(0, -1).flatMap((s) => s.diagnostics)).toEqual([]);
  });

  it('exports the capture without a code, verifier, token signature or the password', async () => {
    const { user } = live.env.config.managedLogin ?? { user: { password: '' } };
    // Both sign-ins went over the wire and were seen: the assertions below are not vacuous.
    expect(seen.codes.filter((c) => c.length >= 20)).toHaveLength(2);
    expect(seen.verifiers.filter((v) => v.length === 128)).toHaveLength(2);
    expect(seen.signatures.filter((s) => s.length >= 20)).toHaveLength(3);
    const text = await exportFromPanel(live);
    expect(text).toContain('/oauth2/token');
    expect(text).toContain('/oauth2/authorize');
    for (const secret of [...seen.codes, ...seen.verifiers, ...seen.signatures, user.password]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
    }
  });
});

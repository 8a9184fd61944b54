/**
 * Managed-login sign-ins against the oidc-provider double (oauth-provider.ts), driven the way
 * Amplify v6's signInWithRedirect does it (managed-login-oauth2.md §2.1): authorize with PKCE and
 * state → /login → POST /login → callback → POST /oauth2/token from the app's origin.
 * Each scenario returns the HAR the browser would have saved.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuthBrowser, pkcePair, randomState, type BrowserEntry } from './oauth-browser';
import { CLIENT_ID, startOAuthDouble, USER } from './oauth-provider';

export const OAUTH_SCENARIOS = ['good', 'trailing-slash', 'pkce-other-attempt', 'code-reused'] as const;
export type OAuthScenarioName = (typeof OAUTH_SCENARIOS)[number];

export interface OAuthCapture {
  log: { version: string; creator: { name: string; version: string }; pages: never[]; entries: BrowserEntry[] };
}

/** The app: a page at /callback that the browser lands on (its script makes the token request). */
async function startApp(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>App</title><p>Signing in…</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function authorizeUrl(domain: string, redirectUri: string, state: string, challenge: string): string {
  // Amplify's parameter order (§2.1).
  const query = new URLSearchParams({ redirect_uri: redirectUri, response_type: 'code', client_id: CLIENT_ID, scope: 'openid email profile', state, code_challenge: challenge, code_challenge_method: 'S256' });
  return `${domain}/oauth2/authorize?${query.toString()}`;
}

export async function recordOAuthScenario(name: OAuthScenarioName): Promise<OAuthCapture> {
  const app = await startApp();
  const redirectUri = `${app.url}/callback`;
  const double = await startOAuthDouble({ redirectUris: [redirectUri] });
  const browser = new OAuthBrowser();
  try {
    const attempt = pkcePair();
    if (name === 'pkce-other-attempt') {
      // A first attempt that is abandoned on the sign-in page: its verifier stays in storage.
      const first = pkcePair();
      await browser.navigate(authorizeUrl(double.url, redirectUri, randomState(), first.challenge));
      attempt.verifier = first.verifier;
    }
    const state = randomState();
    const login = await browser.navigate(authorizeUrl(double.url, redirectUri, state, name === 'pkce-other-attempt' ? pkcePair().challenge : attempt.challenge));
    if (!login.url.includes('/login?')) throw new Error(`expected the sign-in page, got ${login.url} (${login.status})`);
    const landed = await browser.navigate(login.url, { method: 'POST', origin: double.url, form: { _csrf: 'csrf', username: USER.username, password: USER.password, cognitoAsfData: '', signInSubmitButton: 'Sign in' } });
    const code = new URL(landed.url).searchParams.get('code');
    if (!code || new URL(landed.url).searchParams.get('state') !== state) throw new Error(`expected the callback with code and state, got ${landed.url}`);
    const tokenRedirect = name === 'trailing-slash' ? `${redirectUri}/` : redirectUri;
    const exchange = { grant_type: 'authorization_code', code, client_id: CLIENT_ID, redirect_uri: tokenRedirect, code_verifier: attempt.verifier };
    await browser.fetchForm(`${double.url}/oauth2/token`, exchange, app.url);
    // React StrictMode running the exchange effect twice (§3 rule 8).
    if (name === 'code-reused') await browser.fetchForm(`${double.url}/oauth2/token`, exchange, app.url);
    return { log: { version: '1.2', creator: { name: 'cognito-flow-inspector oauth-browser', version: '1' }, pages: [], entries: browser.entries } };
  } finally {
    await double.close();
    await app.close();
  }
}

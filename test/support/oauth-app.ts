/**
 * A single-page app on loopback that signs in through the managed-login double the way a browser
 * client does (Amplify v6's signInWithRedirect, managed-login-oauth2.md §2.1): `/app?start=1`
 * makes a PKCE pair with Web Crypto and a state, keeps them in sessionStorage and sends the window
 * to /oauth2/authorize; `/callback` checks the state and POSTs the code with the verifier to
 * /oauth2/token with fetch(), then puts the outcome in document.title. `&broken=slash` sends the
 * token request's redirect_uri with a trailing slash. The page script is static: it never writes
 * captured text into the DOM.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

function page(domain: string, clientId: string): string {
  const script = `
const DOMAIN = ${JSON.stringify(domain)};
const CLIENT = ${JSON.stringify(clientId)};
const CALLBACK = location.origin + '/callback';
const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const random = (n) => { const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'; return Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => a[b % a.length]).join(''); };
async function start(broken) {
  const verifier = random(128);
  const state = random(32);
  const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem('oauth', JSON.stringify({ verifier, state, broken }));
  const query = new URLSearchParams({ redirect_uri: CALLBACK, response_type: 'code', client_id: CLIENT, scope: 'openid email profile', state, code_challenge: challenge, code_challenge_method: 'S256' });
  location.href = DOMAIN + '/oauth2/authorize?' + query.toString();
}
async function finish() {
  const params = new URLSearchParams(location.search);
  const saved = JSON.parse(sessionStorage.getItem('oauth') || '{}');
  if (params.get('state') !== saved.state) { document.title = 'state mismatch'; return; }
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code') || '', client_id: CLIENT, redirect_uri: saved.broken === 'slash' ? CALLBACK + '/' : CALLBACK, code_verifier: saved.verifier });
  const response = await fetch(DOMAIN + '/oauth2/token', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  // Read the body as a real client does: DevTools reports the request finished only once it is read.
  await response.text();
  document.title = 'token ' + response.status;
}
if (location.pathname === '/callback') finish(); else if (new URLSearchParams(location.search).get('start')) start(new URLSearchParams(location.search).get('broken')); else document.title = 'ready';
`;
  return `<!doctype html><meta charset="utf-8"><title>…</title><p>Managed-login test app</p><script type="module">${script}</script>`;
}

export interface OAuthApp {
  url: string;
  /** Points the page at the double (known only once both listen). */
  setDomain(domain: string, clientId: string): void;
  close(): Promise<void>;
}

export async function startOAuthApp(): Promise<OAuthApp> {
  let html = '';
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/favicon')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setDomain: (domain, clientId) => { html = page(domain, clientId); },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

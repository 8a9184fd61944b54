import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyzeOAuth, oauthIdTokenFingerprints } from '../../src/core/oauth/analyze';
import { s256Challenge, sha256Hex } from '../../src/core/oauth/sha256';
import { diffUris } from '../../src/core/oauth/uri-diff';
import { explainOAuthError } from '../../src/core/oauth/errors';
import { fingerprint } from '../../src/core/fingerprint';
import { APP, CLIENT, DOMAIN, entry, ISSUER, managedLoginSignIn, T0, tokensFor } from '../support/oauth-har';
import { ALL_CODES } from '../fixtures/scenarios/types';

const codes = (entries: unknown[]) => analyzeOAuth(entries).diagnostics.map((d) => d.code);
const find = (entries: unknown[], code: string) => analyzeOAuth(entries).diagnostics.filter((d) => d.code === code);

describe('sha256 (pure, for PKCE)', () => {
  it('gives the RFC 7636 Appendix B challenge', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
  it('matches node:crypto on empty, multi-block and non-ASCII input', () => {
    const samples = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), 'é€😀 mixed', randomBytes(300).toString('base64')];
    for (const text of samples) expect(sha256Hex(text), JSON.stringify(text.slice(0, 20))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('redirect_uri character diff', () => {
  it('names a trailing slash and marks it', () => {
    const diff = diffUris('http://localhost:3000/callback', 'http://localhost:3000/callback/');
    expect(diff.kinds).toEqual(['trailing slash']);
    expect(diff.marked.second).toBe('http://localhost:3000/callback[/]');
  });
  it('names scheme, port and case', () => {
    expect(diffUris('https://app.example.com/cb', 'http://app.example.com/cb').kinds).toEqual(['scheme']);
    expect(diffUris('http://localhost:3000/cb', 'http://localhost:3001/cb').kinds).toEqual(['port']);
    expect(diffUris('https://app.example.com/Callback', 'https://app.example.com/callback').kinds).toEqual(['path case']);
    expect(diffUris('https://App.example.com/cb', 'https://app.example.com/cb').kinds).toEqual(['host case']);
    expect(diffUris('https://app.example.com:443/cb', 'https://app.example.com/cb').kinds).toEqual(['encoding']);
  });
});

describe('recognising managed-login traffic', () => {
  it('links a good sign-in: authorize → login pages → callback → token, tokens decoded, no errors', () => {
    const analysis = analyzeOAuth(managedLoginSignIn());
    expect(analysis.flows).toHaveLength(1);
    const flow = analysis.flows[0]!;
    expect(flow.steps.map((s) => s.entry.kind)).toEqual(['authorize', 'login', 'login', 'callback', 'token']);
    expect(flow.steps.map((s) => s.link)).toEqual(['start', 'location', 'location', 'location', 'code']);
    expect(flow).toMatchObject({ grant: 'code', clientId: CLIENT, redirectUri: `${APP}/callback`, outcome: 'authenticated', user: 'alice' });
    expect(flow.tokens.id?.kind).toBe('jwt');
    expect(flow.tokens.refresh?.kind).toBe('encrypted');
    expect(analysis.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(analysis.domains.map((d) => d.origin)).toEqual([DOMAIN]);
  });

  it('exports the ID token fingerprints for identity-pool joins', () => {
    const entries = managedLoginSignIn();
    const analysis = analyzeOAuth(entries);
    const tokenBody = JSON.parse((entries[4]!.response.content.text ?? '{}') as string) as { id_token: string };
    expect(oauthIdTokenFingerprints(analysis).get(fingerprint(tokenBody.id_token))).toBe(analysis.flows[0]!.id);
  });

  it('does not take OAuth-looking paths on a host with no Cognito evidence', () => {
    // Another OAuth server (Medplum serves /oauth2/authorize too): no Cognito header, cookie, form or issuer.
    const other = 'https://auth.other.example';
    const query = new URLSearchParams({ redirect_uri: `${APP}/cb`, response_type: 'code', client_id: 'c', state: 'S' }).toString();
    const entries = [
      entry(`${other}/oauth2/authorize?${query}`, { at: T0, location: `${APP}/cb?code=1&state=S` }),
      entry(`${APP}/cb?code=1&state=S`, { at: T0 + 10 }),
      entry(`${other}/oauth2/token`, { at: T0 + 20, form: { grant_type: 'authorization_code', code: '1' }, json: { access_token: tokensFor({ at: T0, seed: 'x', issuer: 'https://idp.example.org' }).access } }),
    ];
    const analysis = analyzeOAuth(entries);
    expect(analysis.entries).toEqual([]);
    expect(analysis.flows).toEqual([]);
  });

  it('takes a custom domain on the tokens\' cognito-idp issuer alone', () => {
    const bare = managedLoginSignIn().map((e) => ({ ...e, response: { ...e.response, headers: e.response.headers.filter((h) => !/cognito|cookie/i.test(h.name + h.value)) } }));
    const analysis = analyzeOAuth(bare);
    expect(analysis.flows[0]?.steps.map((s) => s.entry.kind)).toEqual(['authorize', 'login', 'login', 'callback', 'token']);
    expect(analysis.domains[0]?.signals.join()).toContain('cognito-idp');
  });

  it('never throws on junk entries and keeps going', () => {
    const junk: unknown[] = [null, 7, 'x', {}, { request: {} }, { request: { url: 5 } }, { request: { url: `${DOMAIN}/oauth2/token`, method: 'POST', headers: 'no' }, response: null }];
    expect(() => analyzeOAuth([...junk, ...managedLoginSignIn()])).not.toThrow();
    const flows = analyzeOAuth([...junk, ...managedLoginSignIn()]).flows;
    // The bodiless token request on the Cognito host is kept as a flow of its own, not dropped.
    expect(flows.map((f) => f.steps.map((s) => s.entry.kind).join(' '))).toEqual(['token', 'authorize login login callback token']);
  });
});

describe('the reference checks (§3)', () => {
  it('redirect-uri-mismatch: trailing slash on the token request', () => {
    const [d] = find(managedLoginSignIn({ tokenRedirectUri: `${APP}/callback/`, tokenError: 'unauthorized_client' }), 'redirect-uri-mismatch');
    expect(d).toMatchObject({ severity: 'error', keys: ['trailing slash'], entry: 4 });
    expect(d!.message).toContain('/callback[/]');
  });
  it('redirect-uri-scheme: http on a non-localhost host is a warning', () => {
    expect(find(managedLoginSignIn({ redirectUri: 'http://app.example.com/cb' }), 'redirect-uri-scheme')[0]?.severity).toBe('warning');
    expect(find(managedLoginSignIn(), 'redirect-uri-scheme')).toEqual([]);
  });
  it('pkce-mismatch: a verifier from another attempt', () => {
    const [d] = find(managedLoginSignIn({ tokenVerifier: 'verifierOTHER'.padEnd(64, 'x'), tokenError: 'invalid_grant' }), 'pkce-mismatch');
    expect(d?.severity).toBe('error');
    expect(d?.message).not.toContain('verifierOTHER');
  });
  it('pkce-method and pkce-verifier-missing', () => {
    expect(find(managedLoginSignIn({ method: 'plain' }), 'pkce-method')[0]?.keys).toEqual(['plain']);
    expect(find(managedLoginSignIn({ tokenVerifier: null }), 'pkce-verifier-missing')).toHaveLength(1);
    expect(find(managedLoginSignIn({ tokenVerifier: 'short' }), 'pkce-verifier-format')[0]?.severity).toBe('warning');
  });
  it('state-mismatch: different state is an error, missing too, encoding-only is info', () => {
    expect(find(managedLoginSignIn({ callbackState: 'SomethingElse' }), 'state-mismatch')[0]?.severity).toBe('error');
    expect(find(managedLoginSignIn({ callbackState: null }), 'state-mismatch')[0]?.severity).toBe('error');
    const encoded = managedLoginSignIn({ state: 'abc-x y' });
    // Cognito re-encodes: the callback gets %2520 style double encoding of the space.
    encoded[3] = { ...encoded[3]!, request: { ...encoded[3]!.request, url: encoded[3]!.request.url.replace(/state=[^&]*/, 'state=abc-x%2520y') } };
    expect(find(encoded, 'state-mismatch')[0]?.severity).toBe('info');
  });
  it('code-reused on the second exchange, and its invalid_grant explained', () => {
    const entries = managedLoginSignIn({ exchangeTwice: true });
    const reused = find(entries, 'code-reused');
    expect(reused).toHaveLength(1);
    expect(reused[0]!.entry).toBe(5);
    expect(find(entries, 'oauth-error')[0]).toMatchObject({ entry: 5, keys: ['invalid_grant'] });
  });
  it('code-expired: exchanged after 5 minutes is a warning', () => {
    expect(find(managedLoginSignIn({ exchangeDelayMin: 6, tokenError: 'invalid_grant' }), 'code-expired')[0]?.severity).toBe('warning');
    expect(find(managedLoginSignIn({ exchangeDelayMin: 4 }), 'code-expired')).toEqual([]);
  });
  it('client-auth-missing and client-mismatch', () => {
    expect(find(managedLoginSignIn({ tokenError: 'invalid_client' }), 'client-auth-missing')).toHaveLength(1);
    expect(find(managedLoginSignIn({ basic: `${CLIENT}:secret`, tokenError: 'invalid_client' }), 'client-auth-missing')).toEqual([]);
    expect(find(managedLoginSignIn({ basic: 'otherclient:secret' }), 'client-mismatch')[0]?.keys).toEqual(['Authorization', 'client_id']);
    expect(find(managedLoginSignIn({ tokenClient: 'otherclient', tokenError: 'invalid_grant' }), 'client-mismatch')[0]?.message).toContain('otherclient');
  });
  it('scope-not-granted: requested scopes missing from the access token; no openid', () => {
    expect(find(managedLoginSignIn({ scope: 'openid email profile', grantedScope: 'openid email' }), 'scope-not-granted')[0]?.keys).toEqual(['profile']);
    expect(find(managedLoginSignIn({ scope: 'email', withIdToken: false }), 'scope-not-granted')[0]?.message).toMatch(/no openid/);
  });
  it('nonce-mismatch', () => {
    expect(find(managedLoginSignIn({ nonce: 'n-1', tokenNonce: 'n-2' }), 'nonce-mismatch')[0]?.severity).toBe('error');
    expect(find(managedLoginSignIn({ nonce: 'n-1' }), 'nonce-mismatch')).toEqual([]);
  });
  it('implicit grant then a refresh: implicit-no-refresh', () => {
    const tokens = tokensFor({ at: T0, seed: 'imp' });
    const query = new URLSearchParams({ redirect_uri: `${APP}/cb`, response_type: 'token', client_id: CLIENT, scope: 'openid', state: 'S1' }).toString();
    const entries = [
      entry(`${DOMAIN}/oauth2/authorize?${query}`, { at: T0, location: `${APP}/cb#id_token=${tokens.id}&access_token=${tokens.access}&token_type=bearer&expires_in=3600&state=S1`, responseHeaders: [{ name: 'x-amz-cognito-request-id', value: 'r' }] }),
      entry(`${APP}/cb`, { at: T0 + 100 }),
      entry(`${DOMAIN}/oauth2/token`, { at: T0 + 60_000, form: { grant_type: 'refresh_token', client_id: CLIENT, refresh_token: 'undefined' }, status: 400, json: { error: 'invalid_request' } }),
    ];
    const analysis = analyzeOAuth(entries);
    expect(analysis.flows).toHaveLength(1);
    expect(analysis.flows[0]!.tokens.access?.kind).toBe('jwt');
    expect(analysis.flows[0]!.steps.map((s) => s.entry.kind)).toEqual(['authorize', 'callback', 'token']);
    expect(analysis.diagnostics.map((d) => d.code)).toContain('implicit-no-refresh');
  });
  it('a refresh_token grant joins the flow whose refresh token it sends', () => {
    const entries = managedLoginSignIn();
    const body = JSON.parse(entries[4]!.response.content.text!) as { refresh_token: string };
    const later = tokensFor({ at: T0 + 3_600_000, seed: 'r2' });
    entries.push(entry(`${DOMAIN}/oauth2/token`, { at: T0 + 3_600_000, form: { grant_type: 'refresh_token', client_id: CLIENT, refresh_token: body.refresh_token }, json: { access_token: later.access, id_token: later.id, token_type: 'Bearer', expires_in: 3600 } }));
    const analysis = analyzeOAuth(entries);
    expect(analysis.flows).toHaveLength(1);
    expect(analysis.flows[0]!.steps.at(-1)?.link).toBe('refresh-token');
    expect(analysis.flows[0]!.idTokenFingerprints).toHaveLength(2);
  });
  it('authorize-not-captured when the capture starts at the callback', () => {
    const entries = managedLoginSignIn().slice(3);
    expect(codes(entries)).toContain('authorize-not-captured');
    expect(analyzeOAuth(entries).flows[0]?.steps.map((s) => s.entry.kind)).toEqual(['callback', 'token']);
  });
});

describe('errors a browser sees (§4)', () => {
  it('explains /error?error=redirect_mismatch on the Cognito domain', () => {
    const query = new URLSearchParams({ redirect_uri: `${APP}/callback/`, response_type: 'code', client_id: CLIENT, state: 'S' }).toString();
    const errorUrl = `${DOMAIN}/error?error=redirect_mismatch&client_id=${CLIENT}`;
    const entries = [
      entry(`${DOMAIN}/oauth2/authorize?${query}`, { at: T0, location: errorUrl, responseHeaders: [{ name: 'set-cookie', value: 'XSRF-TOKEN=1; Path=/' }] }),
      entry(errorUrl, { at: T0 + 50, status: 400 }),
    ];
    const analysis = analyzeOAuth(entries);
    expect(analysis.flows[0]?.steps.map((s) => s.entry.kind)).toEqual(['authorize', 'error-page']);
    expect(analysis.flows[0]?.outcome).toBe('failed');
    const [d] = analysis.diagnostics.filter((x) => x.code === 'oauth-error');
    expect(d).toMatchObject({ entry: 1, keys: ['redirect_mismatch'], severity: 'error' });
    expect(d!.message).toMatch(/callback URLs/);
  });
  it('explains a callback error with its description', () => {
    const entries = managedLoginSignIn();
    entries[2] = { ...entries[2]!, response: { ...entries[2]!.response, headers: [...entries[2]!.response.headers.filter((h) => h.name !== 'location'), { name: 'location', value: `${APP}/callback?error_description=PreSignUp+failed+with+error+nope.&state=x&error=invalid_request` }] } };
    entries[3] = entry(`${APP}/callback?error_description=PreSignUp+failed+with+error+nope.&state=x&error=invalid_request`, { at: T0 + 5_200 });
    const [d] = find(entries.slice(0, 4), 'oauth-error');
    expect(d).toMatchObject({ entry: 3, keys: ['invalid_request'] });
    expect(d!.message).toMatch(/Lambda trigger/);
  });
  it('every error code in the reference tables has an explanation', () => {
    const rows: [Parameters<typeof explainOAuthError>[0], string][] = [
      ...['invalid_request', 'unauthorized_client', 'invalid_scope', 'server_error', 'login_required', 'access_denied'].map((c) => ['callback', c] as [ 'callback', string]),
      ...['redirect_mismatch', 'invalid_request', 'error-page'].map((c) => ['error-page', c] as ['error-page', string]),
      ...['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'HTTP 405'].map((c) => ['token', c] as ['token', string]),
      ['userInfo', 'invalid_request'], ['userInfo', 'invalid_token'], ['revoke', 'invalid_request'], ['revoke', 'unsupported_token_type'], ['revoke', 'invalid_client'],
      ['logout', 'HTTP 400'],
    ];
    for (const [kind, code] of rows) expect(explainOAuthError(kind, { code, description: null, source: 'callback' }), `${kind} ${code}`).toBeDefined();
  });
  it('reads userInfo errors from WWW-Authenticate', () => {
    const entries = [...managedLoginSignIn()];
    const body = JSON.parse(entries[4]!.response.content.text!) as { access_token: string };
    entries.push(entry(`${DOMAIN}/oauth2/userInfo`, { at: T0 + 9_000, status: 401, requestHeaders: [{ name: 'Authorization', value: `Bearer ${body.access_token}` }], responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token", error_description="Access token is expired"' }] }));
    const analysis = analyzeOAuth(entries);
    expect(analysis.flows[0]!.steps.at(-1)?.entry.kind).toBe('userInfo');
    expect(analysis.diagnostics.find((d) => d.code === 'oauth-error')?.keys).toEqual(['invalid_token']);
  });
  it('keeps the issuer of the tokens as decisive evidence text', () => {
    expect(analyzeOAuth(managedLoginSignIn()).domains[0]?.score).toBeGreaterThanOrEqual(3);
    expect(ISSUER).toMatch(/cognito-idp/);
  });
});

describe('every managed-login code', () => {
  it('fires on some synthetic capture of this file', async () => {
    const { OAUTH_RULES } = await import('../../src/core/oauth/rules');
    const captures = [
      managedLoginSignIn({ tokenRedirectUri: `${APP}/callback/` }), managedLoginSignIn({ redirectUri: 'http://app.example.com/cb' }),
      managedLoginSignIn({ tokenVerifier: 'v'.repeat(50) }), managedLoginSignIn({ method: 'plain' }), managedLoginSignIn({ tokenVerifier: null }),
      managedLoginSignIn({ tokenVerifier: 'short' }), managedLoginSignIn({ callbackState: 'x' }), managedLoginSignIn({ exchangeTwice: true }),
      managedLoginSignIn({ exchangeDelayMin: 6 }), managedLoginSignIn({ tokenError: 'invalid_client' }), managedLoginSignIn({ basic: 'other:s' }),
      managedLoginSignIn({ scope: 'email' }), managedLoginSignIn({ nonce: 'a', tokenNonce: 'b' }), managedLoginSignIn().slice(3),
    ];
    const seen = new Set(captures.flatMap((c) => codes(c)));
    // implicit-no-refresh has its own capture above; the codes of the scenario catalogue (ALL_CODES) fire there
    // and in test/core/oauth-checks.test.ts.
    const elsewhere: readonly string[] = ['implicit-no-refresh', ...ALL_CODES];
    for (const code of Object.keys(OAUTH_RULES).filter((c) => !elsewhere.includes(c))) expect(seen, code).toContain(code);
  });
});

describe('tokens for joins from identity-pool calls', () => {
  it('lists every issued token with its flow and entry', async () => {
    const { oauthIssuedTokens } = await import('../../src/core/oauth/issued');
    const entries = managedLoginSignIn();
    const body = JSON.parse(entries[4]!.response.content.text!) as Record<string, string>;
    expect(oauthIssuedTokens(analyzeOAuth(entries))).toEqual([
      { flow: 'oauth-1', entry: 4, as: 'id', value: body.id_token },
      { flow: 'oauth-1', entry: 4, as: 'access', value: body.access_token },
      { flow: 'oauth-1', entry: 4, as: 'refresh', value: body.refresh_token },
    ]);
  });
});

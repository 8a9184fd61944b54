/**
 * The managed-login checks of managed-login-oauth2.md §3 rules 15, 17, 19 and 21, case by case
 * (the scenario catalogue, test/fixtures/scenarios/managed-login.ts, has each one's fire / quiet /
 * near-miss captures): the shapes a capture can take around each rule.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyzeOAuth } from '../../src/core/oauth/analyze';
import { atHash, issuerRegions, prefixDomainRegion } from '../../src/core/oauth/token-binding';
import { PROFILES, redactHar } from '../../src/core/redact';
import type { HarEntry } from '../../src/core/har';
import { APP, CLIENT, DOMAIN, entry, har, ISSUER, managedLoginSignIn, T0 } from '../support/oauth-har';
import { jwt } from '../fixtures/builders/tokens';

const find = (entries: unknown[], code: string) => analyzeOAuth(entries).diagnostics.filter((d) => d.code === code);
const nodeAtHash = (access: string) => createHash('sha256').update(access).digest().subarray(0, 16).toString('base64url');

function token(claims: Record<string, unknown>, seed: string, alg = 'RS256'): string {
  return jwt({ kid: 'k1', alg }, { iss: ISSUER, iat: T0 / 1000, exp: T0 / 1000 + 3600, ...claims }, seed);
}
const access = (seed: string, claims: Record<string, unknown> = {}) => token({ token_use: 'access', client_id: CLIENT, scope: 'openid email', ...claims }, `ac:${seed}`);
const idFor = (accessToken: string | null, claims: Record<string, unknown> = {}, alg = 'RS256') =>
  token({ token_use: 'id', aud: CLIENT, 'cognito:username': 'alice', ...(accessToken ? { at_hash: nodeAtHash(accessToken) } : {}), ...claims }, `id:${accessToken ?? 'none'}`, alg);

/** A good sign-in whose token endpoint returned these tokens. */
function signInReturning(body: Record<string, unknown>, domain = DOMAIN): HarEntry[] {
  const entries = managedLoginSignIn();
  const text = JSON.stringify({ token_type: 'Bearer', expires_in: 3600, ...body });
  entries[4] = { ...entries[4]!, response: { ...entries[4]!.response, content: { ...entries[4]!.response.content, size: text.length, text } } };
  return JSON.parse(JSON.stringify(entries).split(DOMAIN).join(domain)) as HarEntry[];
}

const userInfo = (bearer: string, status = 401) => entry(`${DOMAIN}/oauth2/userInfo`, {
  at: T0 + 9_000, status, resourceType: 'fetch',
  requestHeaders: [{ name: 'Authorization', value: `Bearer ${bearer}` }],
  responseHeaders: [{ name: 'x-amz-cognito-request-id', value: 'r' }],
  ...(status === 200 ? { json: { sub: 's' } } : {}),
});

describe('at_hash (§3 rule 17)', () => {
  it('is the OIDC Core Appendix A.4 value for its access token', () => {
    expect(atHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y')).toBe('77QmUPtjPfzWtF2AnpK9RQ');
    const a = access('x');
    expect(atHash(a)).toBe(nodeAtHash(a));
  });

  it('fires (warning) when the ID token binds another access token; quiet when it binds its own or has no at_hash', () => {
    const a = access('a');
    expect(find(signInReturning({ access_token: a, id_token: idFor(access('other')) }), 'at-hash-mismatch')).toMatchObject([{ entry: 4, severity: 'warning', keys: ['at_hash'] }]);
    expect(find(signInReturning({ access_token: a, id_token: idFor(a) }), 'at-hash-mismatch')).toEqual([]);
    expect(find(signInReturning({ access_token: a, id_token: idFor(null) }), 'at-hash-mismatch')).toEqual([]);
  });

  it('is not judged for an ID token signed with another hash size (OIDC hashes with the alg\'s own SHA-2)', () => {
    expect(find(signInReturning({ access_token: access('a'), id_token: idFor(access('other'), {}, 'RS384') }), 'at-hash-mismatch')).toEqual([]);
  });

  it('checks tokens an implicit grant returned in the redirect fragment', () => {
    const a = access('imp');
    const query = new URLSearchParams({ redirect_uri: `${APP}/cb`, response_type: 'token', client_id: CLIENT, scope: 'openid', state: 'S1' }).toString();
    const implicit = (id: string) => [
      entry(`${DOMAIN}/oauth2/authorize?${query}`, { at: T0, location: `${APP}/cb#id_token=${id}&access_token=${a}&token_type=bearer&expires_in=3600&state=S1`, responseHeaders: [{ name: 'x-amz-cognito-request-id', value: 'r' }] }),
      entry(`${APP}/cb`, { at: T0 + 100 }),
    ];
    expect(find(implicit(idFor(access('other'))), 'at-hash-mismatch').map((d) => d.entry)).toEqual([0]);
    expect(find(implicit(idFor(a)), 'at-hash-mismatch')).toEqual([]);
  });

  it('says nothing on an export that masked the access token\'s signature, or a HAR whose signatures were cut by hand (the hash covers the whole token)', () => {
    const entries = signInReturning({ access_token: access('a'), id_token: idFor(access('other')) });
    expect(find(redactHar(har(entries), PROFILES.share).log.entries, 'at-hash-mismatch')).toEqual([]);
    const a = access('cut');
    const cut = `${a.split('.').slice(0, 2).join('.')}.REDACTED`;
    expect(find(signInReturning({ access_token: cut, id_token: idFor(a) }), 'at-hash-mismatch')).toEqual([]);
  });
});

describe('issuer and region (§3 rule 19)', () => {
  it('reads the regions of an issuer and of prefix domains (FIPS too), none from a custom domain', () => {
    expect(issuerRegions('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC')).toEqual({ host: 'eu-west-1', poolId: 'eu-west-1_AbC', pool: 'eu-west-1' });
    expect(issuerRegions('https://accounts.google.com')).toBeUndefined();
    expect(prefixDomainRegion('myapp.auth.us-east-1.amazoncognito.com')).toBe('us-east-1');
    expect(prefixDomainRegion('myapp.auth-fips.us-gov-west-1.amazoncognito.com')).toBe('us-gov-west-1');
    expect(prefixDomainRegion('auth.example.com')).toBeUndefined();
  });

  it('fires when the issuer host and the pool id name different regions', () => {
    const odd = 'https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbCdEf123';
    const a = access('r', { iss: odd });
    const [d] = find(signInReturning({ access_token: a, id_token: idFor(a, { iss: odd }) }), 'issuer-region-mismatch');
    expect(d).toMatchObject({ entry: 4, severity: 'error', keys: ['iss'] });
    expect(d!.message).toMatch(/region eu-west-1, but its pool id us-east-1_AbCdEf123 is in us-east-1/);
  });

  it('fires once per entry when a prefix domain\'s region is not the issuer\'s; quiet in the same region', () => {
    const a = access('d');
    const tokens = { access_token: a, id_token: idFor(a) };
    expect(find(signInReturning(tokens, 'https://shop.auth.us-west-2.amazoncognito.com'), 'issuer-region-mismatch')).toMatchObject([{ entry: 4, keys: ['iss', 'host'] }]);
    expect(find(signInReturning(tokens, 'https://shop.auth.eu-west-1.amazoncognito.com'), 'issuer-region-mismatch')).toEqual([]);
  });
});

describe('userInfo needs an access token with openid (§3 rule 15)', () => {
  it('fires for an ID token sent as Bearer', () => {
    expect(find([...managedLoginSignIn(), userInfo(idFor(null))], 'userinfo-no-openid')).toMatchObject([{ entry: 5, severity: 'error', keys: ['token_use'] }]);
  });

  it('fires for an access token without a scope claim, quiet for one with openid or a Bearer that is not a JWT', () => {
    expect(find([...managedLoginSignIn(), userInfo(access('n', { scope: undefined }))], 'userinfo-no-openid')[0]?.message).toMatch(/no scope claim/);
    expect(find([...managedLoginSignIn(), userInfo(access('o', { scope: 'phone openid' }))], 'userinfo-no-openid')).toEqual([]);
    expect(find([...managedLoginSignIn(), userInfo('opaque-value')], 'userinfo-no-openid')).toEqual([]);
  });

  it('is a warning, saying so, when the endpoint answered 200 all the same', () => {
    const [d] = find([...managedLoginSignIn(), userInfo(access('api', { scope: 'aws.cognito.signin.user.admin' }), 200)], 'userinfo-no-openid');
    expect(d).toMatchObject({ severity: 'warning' });
    expect(d!.message).toMatch(/InitiateAuth.*answered it all the same/);
  });

  it('still runs on a strict export: the Bearer keeps its claims', () => {
    const entries = [...managedLoginSignIn(), userInfo(access('api', { scope: 'aws.cognito.signin.user.admin' }))];
    expect(find(redactHar(har(entries), PROFILES.strict).log.entries, 'userinfo-no-openid')).toHaveLength(1);
  });
});

describe('the sign-out target (§3 rule 21)', () => {
  const logout = (query: string, o: Partial<Parameters<typeof entry>[1]> = {}) => entry(`${DOMAIN}/logout?${query}`, { at: T0 + 60_000, ...o });
  const signedOut = `${APP}/signed-out`;
  const withLogout = (e: HarEntry) => [...managedLoginSignIn(), e];

  it('fires when /logout redirects to Cognito\'s error page instead of logout_uri, naming where it went', () => {
    const [d] = find(withLogout(logout(`client_id=${CLIENT}&logout_uri=${encodeURIComponent(signedOut)}`, { location: `${DOMAIN}/error?error=invalid_request` })), 'logout-uri-not-allowed');
    expect(d).toMatchObject({ entry: 5, severity: 'error', keys: ['logout_uri'] });
    expect(d!.message).toContain(`redirected to ${DOMAIN}/error, not to logout_uri`);
  });

  it('reads Cognito\'s refusal in a page Firefox handed over base64-encoded', () => {
    const e = logout(`client_id=${CLIENT}&logout_uri=x`, { status: 200 });
    const page = Buffer.from('<p>Required String parameter \'redirect_uri\' is not present</p>').toString('base64');
    e.response.content = { size: 60, mimeType: 'text/html', text: page, encoding: 'base64' } as HarEntry['response']['content'];
    expect(find(withLogout(e), 'logout-uri-not-allowed')[0]?.message).toMatch(/Required String parameter/);
  });

  it('fires for a /logout without logout_uri (nor redirect_uri) that Cognito refused', () => {
    expect(find(withLogout(logout(`client_id=${CLIENT}`, { status: 400 })), 'logout-uri-not-allowed')[0]?.message).toMatch(/no logout_uri/);
  });

  it('stays quiet when Cognito returned to logout_uri (encoded either way), for the redirect_uri form, SAML logout and an answer not captured', () => {
    const quiet = [
      // SAML single logout: /logout sends the browser to the IdP first, logout_uri comes at the end (§2.7).
      logout(`client_id=${CLIENT}&logout_uri=${encodeURIComponent(signedOut)}`, { location: 'https://idp.example.org/slo?SAMLRequest=fZJd&RelayState=r' }),
      logout(`client_id=${CLIENT}&logout_uri=${encodeURIComponent(signedOut)}`, { location: signedOut }),
      logout(`client_id=${CLIENT}&logout_uri=${signedOut}`, { location: encodeURI(signedOut) }),
      logout(`client_id=${CLIENT}&redirect_uri=${encodeURIComponent(`${APP}/callback`)}&response_type=code`, { location: `${DOMAIN}/login?client_id=${CLIENT}` }),
      entry(`${DOMAIN}/saml2/logout`, { at: T0 + 60_000, method: 'POST', form: { SAMLResponse: 'x' }, status: 400 }),
      logout(`client_id=${CLIENT}&logout_uri=${encodeURIComponent(signedOut)}`, { status: 0 }),
    ];
    for (const e of quiet) expect(find(withLogout(e), 'logout-uri-not-allowed'), e.request.url).toEqual([]);
  });

  it('checks a sign-out that joined no sign-in (a capture that starts after it)', () => {
    const alone = logout(`client_id=${CLIENT}&logout_uri=${encodeURIComponent(signedOut)}`, { status: 400, responseHeaders: [{ name: 'x-amz-cognito-request-id', value: 'r' }] });
    const analysis = analyzeOAuth([alone]);
    expect(analysis.standalone.map((e) => e.entry)).toEqual([0]);
    expect(analysis.diagnostics.filter((d) => d.code === 'logout-uri-not-allowed')).toMatchObject([{ entry: 0, flow: null }]);
  });
});

describe('a token or userInfo answer without its body (§6 "Extension API")', () => {
  /** The sign-in with the token response's content replaced (entry 4). */
  function tokenAnswer(content: Record<string, unknown>, status = 200): HarEntry[] {
    const entries = managedLoginSignIn();
    entries[4] = { ...entries[4]!, response: { ...entries[4]!.response, status, content } as HarEntry['response'] };
    return entries;
  }
  const lost = { size: 1727, mimeType: 'application/json' };

  it('fires (info, on the token step) when a 2xx token answer has no body text, or a blank one', () => {
    for (const content of [lost, { ...lost, text: '' }, { ...lost, text: ' \n' }, {}]) {
      const [d, ...more] = find(tokenAnswer(content), 'token-body-not-captured');
      expect(more).toEqual([]);
      expect(d).toMatchObject({ entry: 4, severity: 'info', keys: ['token'], flow: 'oauth-1' });
      expect(d?.message).toMatch(/token response \(200\) has no body in this capture, so the tokens it returned cannot be shown or checked/);
      // The likely cause and what to do, phrased as likely: the URL change after the answer, capturing again, Amplify's storage.
      expect(d?.hint).toMatch(/likely cause.*history\.replaceState.*capturing the sign-in again.*CognitoIdentityServiceProvider\.<client id>/);
    }
  });

  it('quotes the note the extension left on a body DevTools did not hand over, instead of the saved-without-bodies hint', () => {
    const [d] = find(tokenAnswer({ ...lost, comment: 'DevTools returned no body for this request' }), 'token-body-not-captured');
    expect(d?.message).toContain('(DevTools returned no body for this request)');
    expect(d?.hint).not.toMatch(/saved without response bodies/);
    expect(find(tokenAnswer(lost), 'token-body-not-captured')[0]?.hint).toMatch(/^A HAR saved without response bodies looks the same\./);
  });

  it('stays quiet when the body is there, when the answer is not 2xx, and when nothing answered', () => {
    expect(find(managedLoginSignIn(), 'token-body-not-captured')).toEqual([]);
    expect(find(tokenAnswer(lost, 400), 'token-body-not-captured')).toEqual([]);
    expect(find(tokenAnswer(lost, 0), 'token-body-not-captured')).toEqual([]);
  });

  it('does not blame the browser for a body a strict export dropped on purpose, but still fires on a strict export of a capture that lacked it', () => {
    const strict = (entries: HarEntry[]) => redactHar(har(entries), PROFILES.strict).log.entries;
    const dropped = strict(managedLoginSignIn());
    expect(dropped[4]?.response.content.text).toMatch(/^‹redacted body/);
    expect(find(dropped, 'token-body-not-captured')).toEqual([]);
    expect(find(strict(tokenAnswer(lost)), 'token-body-not-captured')).toMatchObject([{ entry: 4, severity: 'info' }]);
  });

  it('fires for a userInfo answer without body, in a flow or standalone, saying what is lost there', () => {
    const call = userInfo(access('u'), 200);
    call.response.content = { size: 40, mimeType: 'application/json' } as HarEntry['response']['content'];
    const inFlow = find([...signInReturning({ access_token: access('u'), id_token: idFor(access('u')) }), call], 'token-body-not-captured');
    expect(inFlow).toMatchObject([{ entry: 5, severity: 'info', keys: ['userInfo'] }]);
    expect(inFlow[0]?.message).toMatch(/userInfo response \(200\) has no body.*user attributes/);
    expect(find([call], 'token-body-not-captured')).toMatchObject([{ entry: 0, flow: null, keys: ['userInfo'] }]);
  });
});

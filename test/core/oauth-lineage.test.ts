/**
 * Refresh lineage (managed-login-oauth2.md §3 rule 20, §2.3): a refresh_token grant whose refresh
 * token is not in the capture joins the flow whose tokens carry the same origin_jti as the tokens
 * it got back, for the same client; "link only", so it never raises a diagnostic of its own.
 */
import { describe, expect, it } from 'vitest';
import { analyzeOAuth } from '../../src/core/oauth/analyze';
import { analyzeHar } from '../../src/core/analyze';
import { oauthChainFlow } from '../../src/core/view/oauth-chain';
import { handoffView } from '../../src/core/view/handoff-view';
import { toReport } from '../../src/core/report';
import { formatText, PLAIN } from '../../src/cli/format-text';
import { PROFILES, redactHar } from '../../src/core/redact';
import type { HarEntry } from '../../src/core/har';
import { jwt } from '../fixtures/builders/tokens';
import { APP, CLIENT, DOMAIN, entry, har, ISSUER, managedLoginSignIn, T0, tokensFor } from '../support/oauth-har';

const OTHER_CLIENT = '7otherclient0000000000abcd';
const UNKNOWN_REFRESH = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.notkey.notiv.notcipher.nottag';

/** Tokens a refresh returns: a new jti, the origin_jti given (none when null), issued to `client`. */
function refreshed(seed: string, originJti: string | null, client = CLIENT, at = T0 + 3_600_000) {
  const iat = Math.floor(at / 1000);
  const common = { sub: 'a1b2c3d4-0000-4000-8000-000000000001', iss: ISSUER, iat, exp: iat + 3600, auth_time: Math.floor(T0 / 1000), ...(originJti === null ? {} : { origin_jti: originJti }) };
  return {
    access: jwt({ kid: 'k1', alg: 'RS256' }, { ...common, client_id: client, token_use: 'access', scope: 'openid email', username: 'alice', jti: `ac-${seed}` }, `ac:${seed}`),
    id: jwt({ kid: 'k1', alg: 'RS256' }, { ...common, aud: client, token_use: 'id', 'cognito:username': 'alice', jti: `id-${seed}` }, `id:${seed}`),
  };
}

/** A refresh_token grant sending `refreshToken`, answered with `tokens`. */
function refresh(at: number, tokens: { access: string; id: string }, o: { client?: string; refreshToken?: string } = {}): HarEntry {
  return entry(`${DOMAIN}/oauth2/token`, {
    at, resourceType: 'fetch',
    form: { grant_type: 'refresh_token', client_id: o.client ?? CLIENT, refresh_token: o.refreshToken ?? UNKNOWN_REFRESH },
    json: { access_token: tokens.access, id_token: tokens.id, token_type: 'Bearer', expires_in: 3600 },
  });
}

/** The sign-in of managedLoginSignIn (entries 0-4): its tokens carry origin_jti `oj-s1`. */
const signIn = () => managedLoginSignIn();

describe('refresh lineage by origin_jti (§3 rule 20)', () => {
  it('links a refresh whose refresh token is not in the capture to the flow whose tokens share its origin_jti', () => {
    const entries = [...signIn(), refresh(T0 + 3_600_000, refreshed('r1', 'oj-s1'))];
    const analysis = analyzeOAuth(entries);
    expect(analysis.flows).toHaveLength(1);
    const last = analysis.flows[0]!.steps.at(-1)!;
    expect(last.entry.entry).toBe(5);
    expect(last.link).toBe('origin-jti');
    expect(last.linkedTo).toBe(4);
    // The flow now holds the refreshed tokens (its latest), as a refresh linked by refresh token does.
    expect(analysis.flows[0]!.tokens.issuedBy).toBe(5);
    expect(analysis.flows[0]!.idTokenFingerprints).toHaveLength(2);
    // Link only: no diagnostic comes from it.
    expect(analysis.diagnostics).toEqual([]);
  });

  it('prefers the refresh token it sends over origin_jti', () => {
    const entries = signIn();
    const sent = (JSON.parse(entries[4]!.response.content.text!) as { refresh_token: string }).refresh_token;
    entries.push(refresh(T0 + 3_600_000, refreshed('r1', 'oj-s1'), { refreshToken: sent }));
    const last = analyzeOAuth(entries).flows[0]!.steps.at(-1)!;
    expect(last.link).toBe('refresh-token');
    expect(last.linkedTo).toBeUndefined();
  });

  it('near miss: the same origin_jti for a different client stands alone', () => {
    const entries = [...signIn(), refresh(T0 + 3_600_000, refreshed('r1', 'oj-s1', OTHER_CLIENT), { client: OTHER_CLIENT })];
    const analysis = analyzeOAuth(entries);
    expect(analysis.flows.map((f) => f.steps.map((s) => `${s.entry.entry}:${s.link}`))).toEqual([
      ['0:start', '1:location', '2:location', '3:location', '4:code'],
      ['5:unlinked'],
    ]);
    expect(analysis.flows[1]!.grant).toBe('refresh_token');
  });

  it('near miss: the request names the flow\'s client, but the returned tokens are another client\'s', () => {
    const entries = [...signIn(), refresh(T0 + 3_600_000, refreshed('r1', 'oj-s1', OTHER_CLIENT))];
    expect(analyzeOAuth(entries).flows).toHaveLength(2);
  });

  it('near miss: a different origin_jti stands alone', () => {
    const entries = [...signIn(), refresh(T0 + 3_600_000, refreshed('r1', 'oj-another-sign-in'))];
    const analysis = analyzeOAuth(entries);
    expect(analysis.flows).toHaveLength(2);
    expect(analysis.flows[1]!.steps.map((s) => s.link)).toEqual(['unlinked']);
  });

  it('near miss: tokens without origin_jti stand alone', () => {
    const entries = [...signIn(), refresh(T0 + 3_600_000, refreshed('r1', null))];
    const analysis = analyzeOAuth(entries);
    expect(analysis.flows).toHaveLength(2);
    expect(analysis.flows[1]!.steps.map((s) => s.link)).toEqual(['unlinked']);
  });

  it('a refused refresh (no tokens back) links nothing by lineage', () => {
    const refused = entry(`${DOMAIN}/oauth2/token`, { at: T0 + 3_600_000, status: 400, form: { grant_type: 'refresh_token', client_id: CLIENT, refresh_token: UNKNOWN_REFRESH }, json: { error: 'invalid_grant' } });
    expect(analyzeOAuth([...signIn(), refused]).flows).toHaveLength(2);
  });

  it('chains refreshes whose sign-in the capture missed: the second joins the first', () => {
    const entries = [refresh(T0, refreshed('r1', 'oj-before-capture')), refresh(T0 + 3_600_000, refreshed('r2', 'oj-before-capture'))];
    const analysis = analyzeOAuth(entries);
    expect(analysis.flows).toHaveLength(1);
    expect(analysis.flows[0]!.steps.map((s) => [s.link, s.linkedTo])).toEqual([['unlinked', undefined], ['origin-jti', 0]]);
  });

  it('links the refresh of a shared export, whose refresh tokens are masked', () => {
    const exported = redactHar(har([...signIn(), refresh(T0 + 3_600_000, refreshed('r1', 'oj-s1'), { refreshToken: UNKNOWN_REFRESH })]), PROFILES.share).log.entries;
    const analysis = analyzeOAuth(exported);
    expect(analysis.flows).toHaveLength(1);
    expect(analysis.flows[0]!.steps.at(-1)!.link).toBe('origin-jti');
  });

  it('says what linked it: the panel names the step, the CLI the entry, --json the link', () => {
    const capture = har([...signIn(), refresh(T0 + 3_600_000, refreshed('r1', 'oj-s1'))]);
    const analysis = analyzeHar(capture);
    const chain = oauthChainFlow(analysis.oauth.flows[0]!);
    const step = chain.steps[5]!;
    expect(step.handoffVia).toBe('origin-jti');
    expect(handoffView(step, chain).label).toBe('refresh: same origin_jti as step 5\'s tokens (its refresh token is not in this capture)');
    expect(formatText(analysis, PLAIN)).toContain('│ by origin-jti: refresh: same origin_jti as #4\'s tokens');
    expect(toReport(analysis).flows.find((f) => f.kind === 'oauth')!.steps.at(-1)!.handoffVia).toBe('origin-jti');
  });
});

describe('implicit grant, then any use of a refresh token (§3 rule 18)', () => {
  const implicitSignIn = () => {
    const tokens = tokensFor({ at: T0, seed: 'imp' });
    const query = new URLSearchParams({ redirect_uri: `${APP}/cb`, response_type: 'token', client_id: CLIENT, scope: 'openid', state: 'S1' }).toString();
    return [
      entry(`${DOMAIN}/oauth2/authorize?${query}`, { at: T0, location: `${APP}/cb#id_token=${tokens.id}&access_token=${tokens.access}&token_type=bearer&expires_in=3600&state=S1`, responseHeaders: [{ name: 'x-amz-cognito-request-id', value: 'r' }] }),
      entry(`${APP}/cb`, { at: T0 + 100 }),
    ];
  };
  const revoke = (at: number, token: string) => entry(`${DOMAIN}/oauth2/revoke`, { at, resourceType: 'fetch', form: { token, client_id: CLIENT } });

  it('flags a revoke for the client of an implicit sign-in: no refresh token came from it', () => {
    const analysis = analyzeOAuth([...implicitSignIn(), revoke(T0 + 60_000, UNKNOWN_REFRESH)]);
    expect(analysis.flows[0]!.steps.map((s) => s.entry.kind)).toEqual(['authorize', 'callback', 'revoke']);
    expect(analysis.diagnostics.filter((d) => d.code === 'implicit-no-refresh').map((d) => [d.entry, d.severity])).toEqual([[2, 'error']]);
  });

  it('near miss: revoking the refresh token of a code-grant sign-in is quiet', () => {
    const entries = managedLoginSignIn();
    const sent = (JSON.parse(entries[4]!.response.content.text!) as { refresh_token: string }).refresh_token;
    const analysis = analyzeOAuth([...entries, revoke(T0 + 60_000, sent)]);
    expect(analysis.flows[0]!.steps.at(-1)!.link).toBe('refresh-token');
    expect(analysis.diagnostics.map((d) => d.code)).not.toContain('implicit-no-refresh');
  });
});

describe('nonce after a refresh (§3 rule 16 judges the ID token of the sign-in)', () => {
  const NONCE = 'n0nce-of-this-sign-in';
  const refreshToken = (entries: HarEntry[]) => (JSON.parse(entries[4]!.response.content.text!) as { refresh_token: string }).refresh_token;

  it('a refreshed ID token without the nonce is no mismatch (it answers no authorize request)', () => {
    const entries = managedLoginSignIn({ nonce: NONCE });
    const analysis = analyzeOAuth([...entries, refresh(T0 + 3_600_000, refreshed('r1', 'oj-s1'), { refreshToken: refreshToken(entries) })]);
    expect(analysis.flows[0]!.steps.at(-1)!.link).toBe('refresh-token');
    expect(analysis.diagnostics.filter((d) => d.code === 'nonce-mismatch')).toEqual([]);
  });

  it('near miss: the sign-in\'s own ID token with another nonce is still flagged, on the code exchange, after a refresh', () => {
    const entries = managedLoginSignIn({ nonce: NONCE, tokenNonce: 'n0nce-of-another-attempt' });
    const analysis = analyzeOAuth([...entries, refresh(T0 + 3_600_000, refreshed('r1', 'oj-s1'), { refreshToken: refreshToken(entries) })]);
    expect(analysis.diagnostics.filter((d) => d.code === 'nonce-mismatch').map((d) => [d.entry, d.severity])).toEqual([[4, 'error']]);
  });
});

/**
 * API refreshes of managed-login tokens (managed-login-oauth2.md §2.3, §3 rule 20): amplify-js v6
 * refreshes a signInWithRedirect sign-in with GetTokensFromRefreshToken (before: InitiateAuth
 * REFRESH_TOKEN_AUTH) on cognito-idp. Such a refresh names the managed-login flow it refreshes, by
 * the refresh token it sends, else by the origin_jti of the tokens it got back for the same client.
 */
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/analyze';
import { liveEntryByEntry } from '../support/live-stream';
import { toReport } from '../../src/core/report';
import { flowRows } from '../../src/core/view/flow-row';
import { formatText, PLAIN } from '../../src/cli/format-text';
import type { HarEntry } from '../../src/core/har';
import { jwt } from '../fixtures/builders/tokens';
import { CLIENT, har, idpCall, ISSUER, managedLoginSignIn, T0 } from '../support/oauth-har';

const OTHER_CLIENT = '7otherclient0000000000abcd';
const UNSEEN = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.k.iv.c.t';

/** What Cognito returns to a refresh: new tokens with the origin_jti given (none when null), for `client`. */
function result(seed: string, originJti: string | null, client = CLIENT) {
  const iat = Math.floor((T0 + 3_600_000) / 1000);
  const common = { sub: 'a1b2c3d4-0000-4000-8000-000000000001', iss: ISSUER, iat, exp: iat + 3600, ...(originJti === null ? {} : { origin_jti: originJti }) };
  return {
    AuthenticationResult: {
      AccessToken: jwt({ kid: 'k1', alg: 'RS256' }, { ...common, client_id: client, token_use: 'access', username: 'alice', jti: `a-${seed}` }, `a:${seed}`),
      IdToken: jwt({ kid: 'k1', alg: 'RS256' }, { ...common, aud: client, token_use: 'id', 'cognito:username': 'alice', jti: `i-${seed}` }, `i:${seed}`),
      ExpiresIn: 3600, TokenType: 'Bearer',
    },
  };
}

/** The managed-login sign-in (entries 0-4, origin_jti oj-s1) and its refresh token. */
function signIn() {
  const entries: HarEntry[] = managedLoginSignIn();
  const refresh = (JSON.parse(entries[4]!.response.content.text!) as { refresh_token: string }).refresh_token;
  return { entries, refresh };
}

const refreshOf = (entries: HarEntry[]) => {
  const report = toReport(analyzeHar(har(entries)));
  return report.flows.filter((f) => f.kind === 'api').map((f) => [f.steps[0]!.entry, f.refreshOf]);
};

describe('API refreshes of managed-login tokens', () => {
  it('GetTokensFromRefreshToken sending the refresh token /oauth2/token issued refreshes that flow', () => {
    const { entries, refresh } = signIn();
    entries.push(idpCall('GetTokensFromRefreshToken', T0 + 3_600_000, { ClientId: CLIENT, RefreshToken: refresh }, result('r1', 'oj-s1')));
    const analysis = analyzeHar(har(entries));
    expect(toReport(analysis).flows.filter((f) => f.kind === 'api').map((f) => [f.steps[0]!.entry, f.refreshOf])).toEqual([[5, 'oauth-1']]);
    expect(formatText(analysis, PLAIN)).toMatch(/flow-1 .*refresh of oauth-1/);
    expect(flowRows(analysis).find((row) => row.id === 'flow-1')?.authFlow).toBe('GetTokensFromRefreshToken (refresh of oauth-1)');
    // Derived for display: the analysis' own flow is left as the API linking made it.
    expect(analysis.flows[0]!.refreshOf).toBeNull();
  });

  it('REFRESH_TOKEN_AUTH with a refresh token not in the capture links by origin_jti, same client', () => {
    const { entries } = signIn();
    entries.push(idpCall('InitiateAuth', T0 + 3_600_000, { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT, AuthParameters: { REFRESH_TOKEN: UNSEEN } }, result('r1', 'oj-s1')));
    expect(refreshOf(entries)).toEqual([[5, 'oauth-1']]);
  });

  it('a second API refresh of the same lineage still refreshes the first (API linking), which refreshes the managed-login flow', () => {
    const { entries, refresh } = signIn();
    entries.push(
      idpCall('GetTokensFromRefreshToken', T0 + 3_600_000, { ClientId: CLIENT, RefreshToken: refresh }, result('r1', 'oj-s1')),
      idpCall('GetTokensFromRefreshToken', T0 + 7_200_000, { ClientId: CLIENT, RefreshToken: UNSEEN }, result('r2', 'oj-s1')),
    );
    expect(refreshOf(entries)).toEqual([[5, 'oauth-1'], [6, 'flow-1']]);
  });

  it('near misses: another client, another origin_jti, no origin_jti, or not a refresh: nothing', () => {
    const { entries } = signIn();
    entries.push(
      idpCall('GetTokensFromRefreshToken', T0 + 3_600_000, { ClientId: OTHER_CLIENT, RefreshToken: UNSEEN }, result('r1', 'oj-s1', OTHER_CLIENT)),
      idpCall('GetTokensFromRefreshToken', T0 + 3_700_000, { ClientId: CLIENT, RefreshToken: `${UNSEEN}2` }, result('r2', 'oj-other')),
      idpCall('GetTokensFromRefreshToken', T0 + 3_800_000, { ClientId: CLIENT, RefreshToken: `${UNSEEN}3` }, result('r3', null)),
      idpCall('InitiateAuth', T0 + 3_900_000, { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: 'alice', PASSWORD: 'x' } }, result('r4', 'oj-s1')),
    );
    expect(refreshOf(entries)).toEqual([[5, null], [6, null], [7, null], [8, null]]);
  });

  it('the live analysis tells the same, whatever order the sign-in and the refresh arrive in', () => {
    const { entries, refresh } = signIn();
    const refreshCall = idpCall('GetTokensFromRefreshToken', T0 + 3_600_000, { ClientId: CLIENT, RefreshToken: refresh }, result('r1', 'oj-s1'));
    const expected = JSON.stringify(toReport(analyzeHar(har([refreshCall, ...entries]))));
    const analysis = liveEntryByEntry([refreshCall, ...entries]);
    expect(JSON.stringify(toReport(analysis))).toBe(expected);
    expect(toReport(analysis).flows.find((f) => f.kind === 'api')?.refreshOf).toBe('oauth-1');
  });
});

/**
 * Issue 12, "linked into the same story": user-pool calls made with the tokens a managed-login
 * sign-in was issued (GetUser, GlobalSignOut with its access token, RevokeToken with its refresh
 * token: Amplify v6 fetchUserAttributes / signOut after signInWithRedirect) join that flow — in the
 * panel's chain, rows and "Other Cognito calls", in the CLI's text and in `--json` — with their
 * diagnostics (access-token-scope, managed-login-oauth2.md §3 rule 14) on them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { analyzeHar } from '../../src/core/analyze';
import { LiveAnalysis } from '../../src/core/live-analysis';
import { liveEntryByEntry } from '../support/live-stream';
import { exportHar } from '../../src/core/export';
import { managedLoginCalls } from '../../src/core/oauth/api-join';
import { toReport } from '../../src/core/report';
import { flowRows } from '../../src/core/view/flow-row';
import { diagnosticsByShownFlow, otherCognitoCalls, panelFlows } from '../../src/core/view/oauth-chain';
import { diagnosticsByFlow } from '../../src/core/view/flow-row';
import { handoffView } from '../../src/core/view/handoff-view';
import { formatText, PLAIN } from '../../src/cli/format-text';
import type { HarEntry } from '../../src/core/har';
import { jwt } from '../fixtures/builders/tokens';
import { APP, CLIENT, DOMAIN, entry, har, idpCall, ISSUER, managedLoginSignIn, T0, tokensFor } from '../support/oauth-har';

/** The managed-login sign-in (entries 0-4) and the tokens /oauth2/token issued it. */
function signIn(scope = 'openid email') {
  const entries = managedLoginSignIn({ scope });
  const issued = JSON.parse(entries[4]!.response.content.text!) as { access_token: string; id_token: string; refresh_token: string };
  return { entries, issued };
}

const AFTER = T0 + 60_000;
const USER_ATTRIBUTES = { Username: 'alice', UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }] };

describe('calls made with a managed-login sign-in\'s tokens', () => {
  it('GetUser and GlobalSignOut (access token), RevokeToken (refresh token) join the flow: chain, rows, other calls, CLI, JSON', () => {
    const { entries, issued } = signIn();
    entries.push(
      idpCall('GetUser', AFTER, { AccessToken: issued.access_token }, { __type: 'NotAuthorizedException', message: 'Access Token does not have required scopes' }, 400),
      idpCall('GlobalSignOut', AFTER + 1000, { AccessToken: issued.access_token }, { __type: 'NotAuthorizedException', message: 'Access Token does not have required scopes' }, 400),
      idpCall('RevokeToken', AFTER + 2000, { ClientId: CLIENT, Token: issued.refresh_token }),
    );
    const analysis = analyzeHar(har(entries));
    // The analysis itself is left as the API linking made it: the join is derived.
    expect(analysis.standalone.map((c) => c.entry)).toEqual([5, 6, 7]);
    expect(otherCognitoCalls(analysis)).toEqual([]);

    const chain = panelFlows(analysis).find((flow) => flow.id === 'oauth-1')!;
    expect(chain.steps.map((s) => [s.call.entry, s.call.operation])).toEqual([
      [0, 'authorize'], [1, 'login'], [2, 'login'], [3, 'callback'], [4, 'token'], [5, 'GetUser'], [6, 'GlobalSignOut'], [7, 'RevokeToken'],
    ]);
    expect(chain.steps.slice(5).map((s) => [s.withTokens, s.handoff, s.handoffVia])).toEqual([[true, 'ok', 'access-token'], [true, 'ok', 'access-token'], [true, 'ok', 'refresh-token']]);
    expect(chain.steps.slice(5).map((s) => handoffView(s, chain).label)).toEqual([
      'with this sign-in\'s tokens (access token)', 'with this sign-in\'s tokens (access token)', 'with this sign-in\'s tokens (refresh token)',
    ]);
    expect(chain.endedAt).toBe(AFTER + 2050);

    // The scope finding stays on the call and counts for the managed-login row.
    const scope = analysis.diagnostics.filter((d) => d.code === 'access-token-scope');
    expect(scope.map((d) => [d.entry, d.flow])).toEqual([[5, null], [6, null]]);
    expect(diagnosticsByShownFlow(analysis, diagnosticsByFlow(analysis.diagnostics)).get('oauth-1')?.filter((d) => d.code === 'access-token-scope')).toEqual(scope);
    const row = flowRows(analysis).find((r) => r.id === 'oauth-1')!;
    expect(row.steps).toBe(8);
    expect(row.errors).toBeGreaterThanOrEqual(2);

    const text = formatText(analysis, PLAIN);
    expect(text).not.toContain('Other Cognito calls');
    const oauthPart = text.slice(text.indexOf('oauth-1'));
    expect(oauthPart).toMatch(/with this sign-in's tokens \(access token\)\n {2}#5 {2}GetUser → NotAuthorizedException[^\n]*\n(.*\n){2} {6}✖ access-token-scope: GetUser sent an access token whose scope \(openid email\) lacks aws\.cognito\.signin\.user\.admin/);
    expect(oauthPart).toMatch(/with this sign-in's tokens \(refresh token\)\n {2}#7 {2}RevokeToken → ok/);

    const report = toReport(analysis);
    expect(report.flows.map((f) => [f.kind, f.id, f.apiCalls])).toEqual([['oauth', 'oauth-1', [5, 6, 7]]]);
    expect(report.otherCalls).toEqual([
      { entry: 5, operation: 'GetUser', status: 400, managedLogin: 'oauth-1' },
      { entry: 6, operation: 'GlobalSignOut', status: 400, managedLogin: 'oauth-1' },
      { entry: 7, operation: 'RevokeToken', status: 200, managedLogin: 'oauth-1' },
    ]);
    expect(report.diagnostics.filter((d) => d.code === 'access-token-scope').map((d) => [d.entry, d.flow])).toEqual([[5, null], [6, null]]);
  });

  it('TOTP setup with its access token (AssociateSoftwareToken, VerifySoftwareToken: API flows of their own) joins the flow too', () => {
    const { entries, issued } = signIn('openid aws.cognito.signin.user.admin');
    entries.push(
      idpCall('AssociateSoftwareToken', AFTER, { AccessToken: issued.access_token }, { SecretCode: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567' }),
      idpCall('VerifySoftwareToken', AFTER + 20_000, { AccessToken: issued.access_token, UserCode: '123456' }, { Status: 'SUCCESS' }),
      idpCall('SetUserMFAPreference', AFTER + 21_000, { AccessToken: issued.access_token, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    const analysis = analyzeHar(har(entries));
    // The API linking makes each TOTP call a flow of its own (no API sign-in issued the token): left as it is.
    expect(analysis.flows.map((f) => [f.id, f.steps.map((s) => s.call.operation)])).toEqual([['flow-1', ['AssociateSoftwareToken']], ['flow-2', ['VerifySoftwareToken']]]);
    const shown = panelFlows(analysis);
    expect(shown.map((f) => f.id)).toEqual(['oauth-1']);
    expect(shown[0]!.steps.slice(5).map((s) => [s.call.operation, s.handoff, s.handoffVia, s.withTokens])).toEqual([
      ['AssociateSoftwareToken', 'ok', 'access-token', true], ['VerifySoftwareToken', 'ok', 'access-token', true], ['SetUserMFAPreference', 'ok', 'access-token', true],
    ]);
    expect(analysis.flows[0]!.steps[0]!.handoff).toBe('start');
    const report = toReport(analysis);
    expect(report.flows.map((f) => [f.id, f.managedLogin, f.apiCalls])).toEqual([['flow-1', 'oauth-1', undefined], ['flow-2', 'oauth-1', undefined], ['oauth-1', undefined, [5, 6, 7]]]);
    const text = formatText(analysis, PLAIN);
    expect(text).not.toMatch(/^flow-1/m);
    expect(text.slice(text.indexOf('oauth-1'))).toMatch(/#5 {2}AssociateSoftwareToken → SecretCode[^]*#6 {2}VerifySoftwareToken → Status SUCCESS[^]*#7 {2}SetUserMFAPreference → ok/);
  });

  it('with identity-pool exchanges of the same sign-in: one time order, in the panel\'s chain and in the CLI', () => {
    const { entries, issued } = signIn('openid aws.cognito.signin.user.admin');
    const getId: HarEntry = idpCall('GetId', AFTER + 500, { IdentityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555', Logins: { [ISSUER.replace('https://', '')]: issued.id_token } }, { IdentityId: 'eu-west-1:aaaaaaaa-0000-0000-0000-000000000001' });
    getId.request.headers[0]!.value = 'AWSCognitoIdentityService.GetId';
    entries.push(
      idpCall('GetUser', AFTER, { AccessToken: issued.access_token }, USER_ATTRIBUTES),
      idpCall('RevokeToken', AFTER + 1000, { ClientId: CLIENT, Token: issued.refresh_token }),
      getId,
    );
    const analysis = analyzeHar(har(entries));
    const chain = panelFlows(analysis).find((f) => f.id === 'oauth-1')!;
    expect(chain.steps.slice(5).map((s) => s.call.operation)).toEqual(['GetUser', 'GetId', 'RevokeToken']);
    const text = formatText(analysis, PLAIN);
    expect(text).toMatch(/#5 {2}GetUser[^]*identity pool: ID token from this sign-in\n {2}#7 {2}GetId[^]*#6 {2}RevokeToken/);
    const report = toReport(analysis).flows.find((f) => f.id === 'oauth-1')!;
    expect([report.apiCalls, report.identityFlows]).toEqual([[5, 6], ['identity-1']]);
  });

  it('near misses stay "Other Cognito calls": a token of no flow, the ID token as AccessToken, the access token revoked, the identity pool', () => {
    const { entries, issued } = signIn('openid email aws.cognito.signin.user.admin');
    const stranger = tokensFor({ at: T0, seed: 'zz' });
    entries.push(
      idpCall('GetUser', AFTER, { AccessToken: stranger.access }, USER_ATTRIBUTES),
      idpCall('GetUser', AFTER + 1, { AccessToken: issued.id_token }),
      idpCall('RevokeToken', AFTER + 2, { ClientId: CLIENT, Token: issued.access_token }),
      idpCall('ListUsers', AFTER + 3, { UserPoolId: 'eu-west-1_AbCdEf123' }),
      idpCall('GetUser', AFTER + 4, { AccessToken: '' }),
      idpCall('GetUser', AFTER + 5, { AccessToken: 42 }),
    );
    const analysis = analyzeHar(har(entries));
    expect(otherCognitoCalls(analysis).map((c) => c.entry)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(panelFlows(analysis).find((f) => f.id === 'oauth-1')!.steps).toHaveLength(5);
    expect(toReport(analysis).otherCalls.every((c) => c.managedLogin === undefined)).toBe(true);
    expect(toReport(analysis).flows[0]!.apiCalls).toBeUndefined();
    expect(formatText(analysis, PLAIN)).toContain('Other Cognito calls');
  });

  it('a call with an API sign-in\'s token stays with that API flow, beside a managed-login flow', () => {
    const { entries, issued } = signIn();
    const api = tokensFor({ at: AFTER, seed: 'api' });
    entries.push(
      idpCall('InitiateAuth', AFTER, { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: 'alice', PASSWORD: 'pw' } }, { AuthenticationResult: { AccessToken: api.access, IdToken: api.id, RefreshToken: api.refresh } }),
      idpCall('GetUser', AFTER + 1000, { AccessToken: api.access }, USER_ATTRIBUTES),
      idpCall('GetUser', AFTER + 2000, { AccessToken: issued.access_token }, USER_ATTRIBUTES),
    );
    const analysis = analyzeHar(har(entries));
    const shown = panelFlows(analysis);
    expect(shown.find((f) => f.id === 'flow-1')!.steps.map((s) => s.call.entry)).toEqual([5, 6]);
    expect(shown.find((f) => f.id === 'oauth-1')!.steps.map((s) => s.call.entry)).toEqual([0, 1, 2, 3, 4, 7]);
    expect(toReport(analysis).otherCalls).toEqual([{ entry: 7, operation: 'GetUser', status: 200, managedLogin: 'oauth-1' }]);
  });

  it('the refreshed tokens count: an /oauth2/token refresh by refresh token, and one linked by origin_jti lineage (its refresh token too)', () => {
    const { entries, issued } = signIn();
    const refreshed = tokensFor({ at: AFTER, seed: 'r1' });
    entries.push(entry(`${DOMAIN}/oauth2/token`, { at: AFTER, form: { grant_type: 'refresh_token', client_id: CLIENT, refresh_token: issued.refresh_token }, json: { access_token: refreshed.access, id_token: refreshed.id, token_type: 'Bearer', expires_in: 3600 } }));
    // A later refresh whose refresh token the capture never saw: its tokens keep the sign-in's origin_jti (§3 rule 20).
    const unseen = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.unseen.iv.cipher.tag';
    const iat = Math.floor((AFTER + 10_000) / 1000);
    const lineageAccess = jwt({ kid: 'k1', alg: 'RS256' }, { sub: 'a1b2c3d4-0000-4000-8000-000000000001', iss: ISSUER, iat, exp: iat + 3600, origin_jti: 'oj-s1', client_id: CLIENT, token_use: 'access', scope: 'openid email aws.cognito.signin.user.admin', username: 'alice', jti: 'a-l' }, 'a:l');
    entries.push(
      entry(`${DOMAIN}/oauth2/token`, { at: AFTER + 10_000, form: { grant_type: 'refresh_token', client_id: CLIENT, refresh_token: unseen }, json: { access_token: lineageAccess, token_type: 'Bearer', expires_in: 3600 } }),
      idpCall('GetUser', AFTER + 20_000, { AccessToken: refreshed.access }, USER_ATTRIBUTES),
      idpCall('UpdateUserAttributes', AFTER + 21_000, { AccessToken: lineageAccess, UserAttributes: [] }),
      idpCall('RevokeToken', AFTER + 22_000, { ClientId: CLIENT, Token: unseen }),
    );
    const analysis = analyzeHar(har(entries));
    expect(analysis.oauth.flows.map((f) => f.steps.map((s) => s.link))).toEqual([['start', 'location', 'location', 'location', 'code', 'refresh-token', 'origin-jti']]);
    expect(toReport(analysis).flows[0]!.apiCalls).toEqual([7, 8, 9]);
    expect(otherCognitoCalls(analysis)).toEqual([]);
  });

  it('implicit grant: the access token of the redirect fragment counts; a refresh linked by its client id alone does not lend its refresh token', () => {
    const tokens = tokensFor({ at: T0, seed: 'imp', scope: 'openid aws.cognito.signin.user.admin' });
    const query = new URLSearchParams({ redirect_uri: `${APP}/cb`, response_type: 'token', client_id: CLIENT, scope: 'openid aws.cognito.signin.user.admin', state: 'S1' }).toString();
    const someones = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.someone.iv.cipher.tag';
    const entries = [
      entry(`${DOMAIN}/oauth2/authorize?${query}`, { at: T0, location: `${APP}/cb#id_token=${tokens.id}&access_token=${tokens.access}&token_type=bearer&expires_in=3600&state=S1`, responseHeaders: [{ name: 'x-amz-cognito-request-id', value: 'r' }] }),
      entry(`${APP}/cb`, { at: T0 + 100 }),
      entry(`${DOMAIN}/oauth2/token`, { at: T0 + 200, form: { grant_type: 'refresh_token', client_id: CLIENT, refresh_token: someones }, status: 400, json: { error: 'invalid_grant' } }),
      idpCall('GetUser', AFTER, { AccessToken: tokens.access }, USER_ATTRIBUTES),
      idpCall('RevokeToken', AFTER + 1000, { ClientId: CLIENT, Token: someones }),
    ];
    const analysis = analyzeHar(har(entries));
    expect(analysis.oauth.flows.map((f) => f.steps.map((s) => s.link))).toEqual([['start', 'location', 'client']]);
    expect([...managedLoginCalls(analysis).oauthOf]).toEqual([[3, 'oauth-1']]);
    expect(otherCognitoCalls(analysis).map((c) => c.entry)).toEqual([4]);
  });

  it('the first flow a token was issued to wins', () => {
    const first = managedLoginSignIn({ seed: 's1' });
    const second = managedLoginSignIn({ seed: 's2', at: T0 + 30_000 });
    // The second token endpoint answers with the first sign-in's tokens (a made-up capture): oauth-1 keeps them.
    second[4]!.response.content.text = first[4]!.response.content.text;
    const access = (JSON.parse(first[4]!.response.content.text!) as { access_token: string }).access_token;
    const analysis = analyzeHar(har([...first, ...second, idpCall('GetUser', AFTER, { AccessToken: access }, USER_ATTRIBUTES)]));
    expect(analysis.oauth.flows).toHaveLength(2);
    expect([...managedLoginCalls(analysis).oauthOf]).toEqual([[10, 'oauth-1']]);
  });

  it('masked exports: share masks the token alike in the call and in /oauth2/token, so the join holds; strict drops the token answer, so the calls stay apart', () => {
    const { entries, issued } = signIn();
    entries.push(
      idpCall('GetUser', AFTER, { AccessToken: issued.access_token }, USER_ATTRIBUTES),
      idpCall('RevokeToken', AFTER + 1000, { ClientId: CLIENT, Token: issued.refresh_token }),
    );
    const share = exportHar(entries, 'share', 'test');
    const text = JSON.stringify(share);
    expect(text).not.toContain(issued.access_token.split('.')[2]);
    expect(text).not.toContain(issued.refresh_token);
    expect(toReport(analyzeHar(share)).flows.find((f) => f.id === 'oauth-1')?.apiCalls).toEqual([5, 6]);
    // strict removes the bodies of entries that are not X-Amz-Target calls: /oauth2/token's tokens are
    // gone, nothing says which flow the calls' tokens came from, and they stay "Other Cognito calls".
    const strict = analyzeHar(exportHar(entries, 'strict', 'test'));
    expect(strict.oauth.flows.map((f) => f.tokens.access)).toEqual([null]);
    expect(otherCognitoCalls(strict).map((c) => c.entry)).toEqual([5, 6]);
    // Only the calls masked (pasted from an export into an unmasked capture): the values differ, the calls stay apart.
    const mixed = share.log.entries.slice(5);
    expect(otherCognitoCalls(analyzeHar(har([...entries.slice(0, 5), ...mixed]))).map((c) => c.entry)).toEqual([5, 6]);
  });

  it('the live analysis tells the same as the one-shot analysis, whatever order the calls and the sign-in arrive in', () => {
    const { entries, issued } = signIn();
    const calls = [
      idpCall('GetUser', AFTER, { AccessToken: issued.access_token }, USER_ATTRIBUTES),
      idpCall('RevokeToken', AFTER + 1000, { ClientId: CLIENT, Token: issued.refresh_token }),
    ];
    for (const order of [[...calls, ...entries], [...entries, ...calls], [calls[0]!, ...entries, calls[1]!]]) {
      const expected = JSON.stringify(toReport(analyzeHar(har(order))));
      const analysis = liveEntryByEntry(order);
      expect(JSON.stringify(toReport(analysis))).toBe(expected);
      expect(toReport(analysis).flows.find((f) => f.kind === 'oauth')?.apiCalls).toHaveLength(2);
      expect(otherCognitoCalls(analysis)).toEqual([]);
    }
  });
});

describe('calls made with managed-login tokens, live', () => {
  it('an unrelated call arriving keeps the managed-login chain and its row (same objects: the list skips re-rendering it)', () => {
    const { entries, issued } = signIn();
    entries.push(idpCall('GetUser', AFTER, { AccessToken: issued.access_token }, USER_ATTRIBUTES));
    const live = new LiveAnalysis();
    const growing: HarEntry[] = [];
    for (const e of entries) {
      growing.push(e);
      live.update(growing);
    }
    const before = live.update(growing);
    const chain = panelFlows(before).find((f) => f.id === 'oauth-1')!;
    const row = flowRows(before).find((r) => r.id === 'oauth-1')!;
    expect(chain.steps.map((s) => s.call.operation).at(-1)).toBe('GetUser');
    growing.push(idpCall('ListUsers', AFTER + 1000, { UserPoolId: 'eu-west-1_AbCdEf123' }, { Users: [] }));
    const after = live.update(growing);
    expect(panelFlows(after).find((f) => f.id === 'oauth-1')).toBe(chain);
    expect(flowRows(after).find((r) => r.id === 'oauth-1')).toBe(row);
    expect(otherCognitoCalls(after).map((c) => c.operation)).toEqual(['ListUsers']);
  });
});

describe('cognito-flow analyze (the CLI\'s own entry point)', () => {
  it('text and --json: GetUser with the managed-login access token inside oauth-1, its scope error there, no other calls', async () => {
    const { entries, issued } = signIn();
    entries.push(idpCall('GetUser', AFTER, { AccessToken: issued.access_token }, { __type: 'NotAuthorizedException', message: 'Access Token does not have required scopes' }, 400));
    const dir = await mkdtemp(join(tmpdir(), 'cognito-flow-apijoin-'));
    try {
      const path = join(dir, 'managed-login-getuser.har');
      await writeFile(path, JSON.stringify(har(entries)));
      const run = async (...args: string[]) => {
        let out = '';
        const sink = { write: (chunk: string) => { out += chunk; return true; } };
        const code = await main(args, { stdout: sink, stderr: { write: () => true } });
        return { code, out };
      };
      const text = await run('analyze', '--no-color', path);
      expect(text.code).toBe(1);
      expect(text.out).not.toContain('Other Cognito calls');
      expect(text.out.slice(text.out.indexOf('oauth-1'))).toMatch(/with this sign-in's tokens \(access token\)\n {2}#5 {2}GetUser → NotAuthorizedException[^]*access-token-scope/);
      const json = await run('analyze', '--json', path);
      const report = JSON.parse(json.out) as ReturnType<typeof toReport>;
      expect(report.flows.map((f) => [f.id, f.apiCalls])).toEqual([['oauth-1', [5]]]);
      expect(report.otherCalls).toEqual([{ entry: 5, operation: 'GetUser', status: 400, managedLogin: 'oauth-1' }]);
      expect(report.diagnostics.filter((d) => d.entry === 5).map((d) => d.code)).toEqual(['cognito-error', 'access-token-scope']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Identity pools in the core (issue 11): every row of identity-pools.md "Errors a browser sees"
 * has its own explanation, scoped to the identity service; exchanges are read without keeping a
 * secret; refreshes link by origin_jti when the refresh token itself is not in the capture.
 */
import { describe, expect, it } from 'vitest';
import { explainIdentityError } from '../../src/core/identity/errors';
import { analyzeEntries } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';
import { cognitoEntry, jwt } from './entries';

const REFERENCE_ROWS: [type: string, message: string, cause: RegExp][] = [
  ['NotAuthorizedException', 'Invalid login token. Token expired: 1772619202 >= 1772619002', /past its exp/],
  ['NotAuthorizedException', 'Token is not from a supported provider of this identity pool.', /aud is not an app client/],
  ['NotAuthorizedException', "Invalid login token. Issuer doesn't match providerName", /not the token's iss/],
  ['NotAuthorizedException', 'Invalid login token. Missing a required claim: aud', /access token in Logins/],
  ['NotAuthorizedException', 'Invalid login token. Not a valid OpenId Connect identity token.', /no known provider/],
  ['NotAuthorizedException', "Invalid login token. Couldn't verify signed token.", /signature check failed/],
  ['NotAuthorizedException', 'Invalid login token. Not a Cognito token.', /UNVERIFIED/],
  ['NotAuthorizedException', 'Unauthenticated access is not supported for this identity pool.', /guest/],
  ['NotAuthorizedException', "Logins don't match. Please include at least one valid login for this identity or identity pool.", /Another user's/],
  ['NotAuthorizedException', 'Identity pool - eu-west-1:1234 does not have identity providers configured.', /pool without providers/],
  ['NotAuthorizedException', "Access to Identity 'eu-west-1:1234' is forbidden.", /disabled by a merge/],
  ['NotAuthorizedException', 'The ambiguous role mapping rules for: cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A denied this request.', /Deny/],
  ['InvalidIdentityPoolConfigurationException', 'Invalid identity pool configuration. Check assigned IAM roles for this pool.', /trust policy/],
  ['ResourceNotFoundException', "IdentityPool 'eu-west-1:1234' not found.", /another region/],
  ['ResourceNotFoundException', "Identity 'eu-west-1:1234' not found.", /cached identity was deleted/],
  ['InvalidParameterException', 'Basic (classic) flow is not enabled, please use enhanced flow.', /AllowClassicFlow/],
  ['InvalidParameterException', 'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.', /role mappings/],
  ['ValidationException', "1 validation error detected: Value 'eu-west-1_Abc' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+", /a user pool id\? an ARN\?/],
  ['ValidationException', "1 validation error detected: Value at 'logins' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length greater than or equal to 1]", /empty/],
  ['ResourceConflictException', '', /linked elsewhere/],
  ['TooManyRequestsException', 'Rate exceeded', /quota/],
  ['LimitExceededException', '', /UNVERIFIED/],
  ['ExternalServiceException', '', /did not respond/],
  ['AccessDeniedException', 'User: anonymous is not authorized to perform: cognito-identity:GetId on resource: * with an explicit deny in a resource control policy', /resource control policy/],
];

describe('identity-pool error explanations', () => {
  it.each(REFERENCE_ROWS)('%s: %s', (type, message, cause) => {
    expect(explainIdentityError({ type, message, source: 'body' })?.cause).toMatch(cause);
  });

  it('explain an identity call with the identity table and a user-pool call with the user-pool table', () => {
    const error = { __type: 'NotAuthorizedException', message: 'Invalid login token. Missing a required claim: aud' };
    const analysis = analyzeEntries([
      cognitoEntry('GetId', { IdentityPoolId: 'eu-west-1:0f0e' }, error, { status: 400, target: 'AWSCognitoIdentityService.GetId' }),
      cognitoEntry('GetUser', { AccessToken: 'x' }, { __type: 'NotAuthorizedException', message: 'Invalid Access Token' }, { status: 400 }),
    ]);
    const hints = analysis.diagnostics.filter((d) => d.code === 'cognito-error').map((d) => [d.entry, d.hint]);
    expect(hints[0]?.[1]).toMatch(/access token in Logins/);
    expect(hints[1]?.[1]).toMatch(/sent as AccessToken/);
  });
});

const AT = '2026-03-04T09:15:00.000Z';
const IAT = Date.parse(AT) / 1000;

describe('identity exchanges in the report', () => {
  it('show identity id, provider, role and the credentials\' expiry, and never a key, a secret or a token', () => {
    const idToken = jwt({ token_use: 'id', iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A', aud: 'client', exp: IAT + 3600, 'cognito:username': 'alice' });
    const logins = { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A': idToken };
    const entries = [
      cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client', AuthParameters: { USERNAME: 'alice', PASSWORD: 'pw' } },
        { AuthenticationResult: { IdToken: idToken, AccessToken: jwt({ token_use: 'access', exp: IAT + 3600 }) } }, { at: AT }),
      cognitoEntry('GetCredentialsForIdentity', { IdentityId: 'eu-west-1:1', Logins: logins, CustomRoleArn: 'arn:aws:iam::1:role/r' }, {
        IdentityId: 'eu-west-1:1',
        Credentials: { AccessKeyId: 'ASIAEXAMPLE0000WXYZ', SecretKey: 'secret-key-value', SessionToken: 'session-token-value', Expiration: IAT + 3600 },
      }, { at: '2026-03-04T09:15:01.000Z', target: 'AWSCognitoIdentityService.GetCredentialsForIdentity' }),
    ];
    const report = toReport(analyzeEntries(entries));
    expect(report.flows).toHaveLength(1);
    const step = report.flows[0]!.steps[1]!;
    expect(step).toMatchObject({ operation: 'GetCredentialsForIdentity', service: 'identity', handoff: 'ok', handoffVia: 'id-token' });
    expect(step.identity).toMatchObject({
      identityIdSent: 'eu-west-1:1', customRoleArn: 'arn:aws:iam::1:role/r',
      logins: [{ provider: 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A', tokenUse: 'id', issuedBy: { flow: 'flow-1', entry: 0, as: 'id' } }],
      credentials: { accessKeyId: 'ASIA…WXYZ', expiresAt: '2026-03-04T10:15:00.000Z', problem: null },
    });
    expect(report.flows[0]!.steps[0]!.service).toBe('user-pool');
    const text = JSON.stringify(step);
    for (const secret of ['secret-key-value', 'session-token-value', 'ASIAEXAMPLE0000WXYZ', idToken]) expect(text).not.toContain(secret);
  });

  it('keep a Logins value that is not a string, and an Expiration that is not a number, with the reason', () => {
    const entries = [cognitoEntry('GetCredentialsForIdentity', { IdentityId: 'eu-west-1:1', Logins: { 'accounts.google.com': { toString: 1 } } }, {
      Credentials: { AccessKeyId: 'ASIAEXAMPLE0000WXYZ', Expiration: '2026-03-04T10:15:00Z' },
    }, { target: 'AWSCognitoIdentityService.GetCredentialsForIdentity' })];
    const analysis = analyzeEntries(entries);
    const messages = analysis.diagnostics.filter((d) => d.code === 'identity-format').map((d) => d.message);
    expect(messages.some((m) => /not a string/.test(m))).toBe(true);
    expect(messages.some((m) => /Expiration is the string "2026-03-04T10:15:00Z", not epoch seconds/.test(m))).toBe(true);
    expect(analysis.flows[0]?.kind).toBe('identity');
  });
});

describe('refresh lineage', () => {
  it('links a refresh by origin_jti when the refresh token it sent is not in the capture (e.g. masked)', () => {
    const tokens = (jti: string) => ({ IdToken: jwt({ token_use: 'id', origin_jti: 'origin-1', jti, exp: IAT + 3600 }), AccessToken: jwt({ token_use: 'access', origin_jti: 'origin-1', jti: `${jti}-a`, exp: IAT + 3600, username: 'alice' }) });
    const entries = [
      cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client', AuthParameters: { USERNAME: 'alice', PASSWORD: 'pw' } },
        { AuthenticationResult: { ...tokens('first'), RefreshToken: 'refresh-as-issued' } }, { at: AT }),
      cognitoEntry('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'client', AuthParameters: { REFRESH_TOKEN: '‹redacted refresh token›' } },
        { AuthenticationResult: tokens('second') }, { at: '2026-03-04T09:45:00.000Z' }),
    ];
    const report = toReport(analyzeEntries(entries));
    expect(report.flows.map((f) => f.refreshOf)).toEqual([null, 'flow-1']);
  });
});

describe('identity captures after export', () => {
  it('hold no SecretKey, SessionToken or token signature, and keep their chain and a clean verdict (share and strict)', async () => {
    const { readFileSync } = await import('node:fs');
    const { redactHar, PROFILES } = await import('../../src/core/redact');
    const har = JSON.parse(readFileSync('test/fixtures/real/identity-credentials.har', 'utf8')) as Parameters<typeof redactHar>[0];
    const credentials = (JSON.parse(har.log.entries[2]!.response.content.text!) as { Credentials: Record<string, string> }).Credentials;
    const idToken = Object.values((JSON.parse(har.log.entries[1]!.request.postData!.text!) as { Logins: Record<string, string> }).Logins)[0]!;
    const chain = (report: ReturnType<typeof toReport>) => report.flows.map((f) => f.steps.map((s) => [s.operation, s.handoffVia]));
    const plain = toReport(analyzeEntries(har.log.entries));
    for (const profile of [PROFILES.share, PROFILES.strict]) {
      const exported = redactHar(har, profile);
      const text = JSON.stringify(exported);
      for (const secret of [credentials.SecretKey!, credentials.SessionToken!, idToken.split('.')[2]!]) expect(text, profile.name).not.toContain(secret);
      const report = toReport(analyzeEntries(exported.log.entries));
      expect(chain(report), profile.name).toEqual(chain(plain));
      expect(report.diagnostics, profile.name).toEqual([]);
      expect(report.flows[0]!.steps[2]!.identity?.credentials?.accessKeyId, profile.name).toMatch(/ASIA…\w{4}/);
    }
  });
});

/**
 * The identity-pool service double (test/support/identity-pool-server.ts) against a real user pool
 * (cognito-local) and a real client (the AWS SDK's client-cognito-identity): it accepts the ID
 * token, and refuses what the reference says Cognito refuses, with the reference's exact strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCredentialsForIdentityCommand, GetIdCommand, type CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { InitiateAuthCommand, type AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startSeededCognitoLocal, type CognitoLocalServer, type CognitoSeed } from './support/cognito-local';
import { startIdentityPoolServer, type IdentityPoolServer } from './support/identity-pool-server';
import { IDENTITY_POOL_ID, identityAccessToken, identityClient, identityCredentials, providerName, recordIdentityScenario, startIdentityPool } from './support/identity-scenarios';
import { analyzeHar } from '../src/core/analyze';
import { toReport } from '../src/core/report';
import { readFileSync } from 'node:fs';
import type { Har } from '../src/core/har';

let server: CognitoLocalServer;
let seed: CognitoSeed;
let pool: IdentityPoolServer;
let client: CognitoIdentityClient;
let tokens: AuthenticationResultType;
let key = '';

beforeAll(async () => {
  ({ server, seed } = await startSeededCognitoLocal());
  pool = await startIdentityPool(server, seed);
  client = identityClient(pool.endpoint);
  key = providerName(server, seed.userPoolId);
  const users = sdkClient(server.endpoint, seed.region);
  const alice = seed.users.confirmed;
  const result = await users.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.clientId, AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password },
  }));
  users.destroy();
  tokens = result.AuthenticationResult ?? {};
}, 30_000);

afterAll(async () => {
  client?.destroy();
  await pool?.close();
  await server?.stop();
});

/** The SDK's error for a call that must fail: its name and message. */
async function refusal(action: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await action;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

describe('identity-pool double with cognito-local tokens and the AWS SDK', () => {
  it('gives an identity and an hour of credentials for the ID token', async () => {
    const logins = { [key]: tokens.IdToken! };
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID, Logins: logins }));
    expect(IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const again = await client.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID, Logins: logins }));
    expect(again.IdentityId).toBe(IdentityId);
    const { Credentials, IdentityId: returned } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    expect(returned).toBe(IdentityId);
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    // The SDK parsed Expiration (epoch seconds on the wire) into a Date an hour ahead.
    const lifetime = (Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(3500_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
  });

  it('refuses the access token: "Missing a required claim: aud"', async () => {
    const error = await refusal(client.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID, Logins: { [key]: tokens.AccessToken! } })));
    expect(error).toEqual({ name: 'NotAuthorizedException', message: 'Invalid login token. Missing a required claim: aud' });
  });

  it('refuses a token whose signature does not verify against the JWKS', async () => {
    const [header, payload, signature] = tokens.IdToken!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${signature}`;
    const error = await refusal(client.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID, Logins: { [key]: forged } })));
    expect(error.message).toBe("Invalid login token. Couldn't verify signed token.");
  });

  it('refuses a Logins key that is not the token\'s issuer, and an unknown provider', async () => {
    const wrongKey = `${key.split('/')[0]}/${IDENTITY_POOL_ID}`;
    const doubleTwo = await startIdentityPoolServer({ identityPoolId: IDENTITY_POOL_ID, providers: [{ providerName: wrongKey, clientIds: [seed.clientId] }] });
    const other = identityClient(doubleTwo.endpoint);
    try {
      const issuer = await refusal(other.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID, Logins: { [wrongKey]: tokens.IdToken! } })));
      expect(issuer.message).toBe("Invalid login token. Issuer doesn't match providerName");
      const unknown = await refusal(other.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID, Logins: { [key]: tokens.IdToken! } })));
      expect(unknown.message).toBe('Token is not from a supported provider of this identity pool.');
    } finally {
      other.destroy();
      await doubleTwo.close();
    }
  });

  it('refuses an app client it is not configured for, guests, another region\'s pool id and a user pool id', async () => {
    const strict = await startIdentityPoolServer({ identityPoolId: IDENTITY_POOL_ID, providers: [{ providerName: key, clientIds: ['someotherclient'] }] });
    const other = identityClient(strict.endpoint);
    try {
      expect((await refusal(other.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID, Logins: { [key]: tokens.IdToken! } })))).message)
        .toBe('Token is not from a supported provider of this identity pool.');
      expect(await refusal(other.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID, Logins: {} }))))
        .toEqual({ name: 'NotAuthorizedException', message: 'Unauthenticated access is not supported for this identity pool.' });
      const elsewhere = 'eu-west-1:7d3c2b1a-0f9e-4d8c-b7a6-5e4f3d2c1b0a';
      expect(await refusal(other.send(new GetIdCommand({ IdentityPoolId: elsewhere }))))
        .toEqual({ name: 'ResourceNotFoundException', message: `IdentityPool '${elsewhere}' not found.` });
      expect((await refusal(other.send(new GetIdCommand({ IdentityPoolId: seed.userPoolId })))).name).toBe('ValidationException');
    } finally {
      other.destroy();
      await strict.close();
    }
  });

  it('answers errors in Cognito\'s shape and CORS like cognito-local', async () => {
    const preflight = await fetch(pool.endpoint, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-target,x-amz-user-agent,amz-sdk-request' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-amz-target,x-amz-user-agent,amz-sdk-request');
    const response = await fetch(pool.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityService.GetId' },
      body: JSON.stringify({ IdentityPoolId: IDENTITY_POOL_ID, Logins: { [key]: tokens.AccessToken } }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException:');
    expect(response.headers.get('x-amzn-errormessage')).toBe('Invalid login token. Missing a required claim: aud');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date');
    expect(await response.json()).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid login token. Missing a required claim: aud' });
  });
});

describe('identity-pool captures recorded afresh', () => {
  const chain = (har: Har) => toReport(analyzeHar(har)).flows.map((flow) => ({
    user: flow.user, outcome: flow.outcome,
    steps: flow.steps.map((step) => [step.operation, step.service, step.handoff, step.handoffVia, step.error?.type ?? null]),
  }));

  it('identity-credentials: the exchange joins the sign-in, as in the committed capture', async () => {
    const har = await recordIdentityScenario(server, seed, identityCredentials);
    const committed = JSON.parse(readFileSync('test/fixtures/real/identity-credentials.har', 'utf8')) as Har;
    expect(chain(har)).toEqual(chain(committed));
    expect(chain(har)).toEqual([{ user: 'alice', outcome: 'authenticated', steps: [
      ['InitiateAuth', 'user-pool', 'start', 'none', null],
      ['GetId', 'identity', 'ok', 'id-token', null],
      ['GetCredentialsForIdentity', 'identity', 'ok', 'id-token', null],
    ] }]);
    const report = toReport(analyzeHar(har));
    expect(report.diagnostics).toEqual([]);
    expect(report.flows[0]?.steps[2]?.identity?.credentials?.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  }, 30_000);

  it('identity-access-token: refused by the service, diagnosed by the analyzer', async () => {
    const har = await recordIdentityScenario(server, seed, identityAccessToken);
    const committed = JSON.parse(readFileSync('test/fixtures/real/identity-access-token.har', 'utf8')) as Har;
    expect(chain(har)).toEqual(chain(committed));
    const codes = toReport(analyzeHar(har)).diagnostics.map((d) => [d.entry, d.code, d.severity]);
    expect(codes).toEqual(expect.arrayContaining([[1, 'logins-not-id-token', 'error'], [1, 'cognito-error', 'error']]));
  }, 30_000);
});

/**
 * Identity-pool captures with real clients: a user-pool sign-in with the AWS SDK against
 * cognito-local, then the enhanced flow (GetId → GetCredentialsForIdentity) with the AWS SDK's
 * `@aws-sdk/client-cognito-identity` against our identity-pool service (identity-pool-server.ts),
 * which verifies the Logins token against cognito-local's JWKS. Each server has its recording
 * proxy; the two recordings merge by start time into one HAR, as a browser records one page.
 */
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, type CognitoLocalServer, type CognitoSeed } from './cognito-local';
import { startHarRecorder, type RecordedHar } from './har-recorder';
import { startIdentityPoolServer, type IdentityPoolServer } from './identity-pool-server';

/** A fixed id keeps recordings comparable between runs (region prefix `us-east-1`, as the SDK client is configured). */
export const IDENTITY_POOL_ID = 'us-east-1:7d3c2b1a-0f9e-4d8c-b7a6-5e4f3d2c1b0a';

export interface IdentityScenario {
  /** File name stem: test/fixtures/real/<name>.har. */
  name: string;
  summary: string;
  /** Which user-pool token the app puts in Logins. */
  token: 'IdToken' | 'AccessToken';
}

export const identityCredentials: IdentityScenario = {
  name: 'identity-credentials',
  summary: 'SDK sign-in (alice), then the enhanced flow with the ID token in Logins: GetId → GetCredentialsForIdentity (AWS SDK client-cognito-identity against the identity-pool service, which verifies the token against cognito-local\'s JWKS).',
  token: 'IdToken',
};

export const identityAccessToken: IdentityScenario = {
  name: 'identity-access-token',
  summary: 'SDK sign-in (alice), then GetId with the ACCESS token in Logins: refused, "Invalid login token. Missing a required claim: aud".',
  token: 'AccessToken',
};

export const IDENTITY_SCENARIOS = [identityCredentials, identityAccessToken];

/** The Logins key of cognito-local's pool: the tokens' iss without the scheme. */
export function providerName(server: Pick<CognitoLocalServer, 'endpoint'>, userPoolId: string): string {
  return `${server.endpoint.replace(/^https?:\/\//, '')}/${userPoolId}`;
}

export async function startIdentityPool(server: Pick<CognitoLocalServer, 'endpoint'>, seed: CognitoSeed): Promise<IdentityPoolServer> {
  return startIdentityPoolServer({
    identityPoolId: IDENTITY_POOL_ID,
    providers: [{ providerName: providerName(server, seed.userPoolId), clientIds: [seed.clientId] }],
  });
}

/** An identity-pool client as an app configures one: no credentials (GetId and GetCredentialsForIdentity are unsigned). */
export function identityClient(endpoint: string): CognitoIdentityClient {
  return new CognitoIdentityClient({ endpoint, region: 'us-east-1', maxAttempts: 1 });
}

function mergeByStart(a: RecordedHar, b: RecordedHar): RecordedHar {
  const entries = [...a.log.entries, ...b.log.entries].sort((x, y) => Date.parse(x.startedDateTime) - Date.parse(y.startedDateTime));
  return { log: { ...a.log, entries } };
}

/** Records one identity scenario: sign-in, then the exchange; a refused exchange is part of the story. */
export async function recordIdentityScenario(server: CognitoLocalServer, seed: CognitoSeed, scenario: IdentityScenario): Promise<RecordedHar> {
  const identityPool = await startIdentityPool(server, seed);
  const userPoolRecorder = await startHarRecorder(server.endpoint);
  const identityRecorder = await startHarRecorder(identityPool.endpoint);
  const users = sdkClient(userPoolRecorder.url, seed.region);
  const identity = identityClient(identityRecorder.url);
  try {
    const alice = seed.users.confirmed;
    const signedIn = await users.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.clientId, AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password },
    }));
    const token = signedIn.AuthenticationResult?.[scenario.token];
    if (!token) throw new Error(`no ${scenario.token} from the sign-in`);
    const logins = { [providerName(server, seed.userPoolId)]: token };
    try {
      const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID, Logins: logins }));
      await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
      if (scenario.token !== 'IdToken') throw new Error('the identity pool accepted an access token');
    } catch (error) {
      if (scenario.token === 'IdToken') throw error;
    }
    return mergeByStart(userPoolRecorder.har(), identityRecorder.har());
  } finally {
    users.destroy();
    identity.destroy();
    await userPoolRecorder.close();
    await identityRecorder.close();
    await identityPool.close();
  }
}

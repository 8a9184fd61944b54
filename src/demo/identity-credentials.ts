/**
 * AWS credentials after a sign-in, the way real apps get them, against the identity-pool service on
 * loopback (test/support/identity-pool-server.ts, started by scripts/demo/environment.ts):
 * - `getAwsCredentials`: Amplify v6's `fetchAuthSession()` with `identityPoolId` and
 *   `identityPoolEndpoint` configured. Amplify puts the ID token in Logins under its issuer
 *   (iss without the scheme) and runs the enhanced flow: GetId, then GetCredentialsForIdentity.
 * - `brokenAccessTokenGetId`: the most reported mistake (identity-pools.md, "access token instead
 *   of ID token"): the ACCESS token in Logins, sent with the AWS SDK's GetId as an app would. The
 *   service refuses it ("Missing a required claim: aud"); the panel should say why.
 * The keys themselves are never shown on the page: only the identity and the expiry.
 */
import { CognitoIdentityClient, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { fetchAuthSession } from 'aws-amplify/auth';
import type { DemoConfig } from './config';

function identityPoolOf(config: DemoConfig): NonNullable<DemoConfig['identityPool']> {
  if (!config.identityPool) throw new Error('no identity pool in /config.json');
  return config.identityPool;
}

/** Resolves with a line naming the identity and when its credentials expire. */
export async function getAwsCredentials(config: DemoConfig): Promise<string> {
  identityPoolOf(config);
  const session = await fetchAuthSession();
  if (!session.tokens) throw new Error('not signed in (sign in first)');
  if (!session.credentials) throw new Error('no AWS credentials in the session (is the identity pool configured?)');
  const expires = session.credentials.expiration?.toISOString() ?? 'no expiry';
  return `Credentials for ${session.identityId ?? 'an unnamed identity'}, expire ${expires}`;
}

/** The issuer of a JWT without its scheme: the Logins key an identity pool expects. */
function loginsKey(token: string): string {
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { iss?: unknown };
  if (typeof claims.iss !== 'string') throw new Error('the token has no iss');
  return claims.iss.replace(/^https?:\/\//, '');
}

/** Resolves with what the identity pool answered to GetId with the access token in Logins. */
export async function brokenAccessTokenGetId(config: DemoConfig): Promise<string> {
  const pool = identityPoolOf(config);
  const session = await fetchAuthSession();
  const accessToken = session.tokens?.accessToken.toString();
  if (!accessToken) throw new Error('not signed in (sign in first)');
  const region = pool.id.split(':')[0] ?? 'us-east-1';
  // GetId is unsigned (noAuth in the SDK's model): the client needs no credentials of its own.
  const client = new CognitoIdentityClient({ endpoint: pool.endpoint, region, maxAttempts: 1 });
  try {
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: pool.id, Logins: { [loginsKey(accessToken)]: accessToken } }));
    return `Accepted (unexpected): ${IdentityId ?? ''}`;
  } catch (error) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return `Sent; the identity pool answered ${String(name)}: ${String(message)}`;
  } finally {
    client.destroy();
  }
}

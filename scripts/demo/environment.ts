/**
 * Everything the demo page needs, started together: a freshly seeded cognito-local (fresh on
 * every run, because a completed NEW_PASSWORD_REQUIRED stays completed) behind the strict double
 * (test/support/strict-cognito.ts: single-use, expiring Sessions, SECRET_HASH checked, real error
 * shapes, SRP for alice and for the SRP button's user), the identity-pool service (GetId /
 * GetCredentialsForIdentity, Logins tokens checked against cognito-local's JWKS), the managed-login
 * double (test/support/oauth-provider.ts: a certified OpenID provider dressed as a user-pool domain,
 * over HTTPS with a throwaway certificate, for Amplify's signInWithRedirect), and the demo server
 * with its `/config.json` and the managed-login callback page. Shared by `npm start` and
 * the e2e tests; `seed.endpoint` is the double's, `cognito.endpoint` cognito-local's own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoConfig } from '../../src/demo/config';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startSeededCognitoLocal, type CognitoLocalServer, type CognitoSeed } from '../lib/cognito-local';
import { buildDemo, DEMO_OUT } from './build-demo';
import { JSON_TYPE, startStaticServer, type StaticServer } from '../lib/static-server';
import { startStrictCognito, type StrictCognito, type StrictCognitoOptions } from '../../test/support/strict-cognito';
import { startIdentityPool } from '../../test/support/identity-scenarios';
import type { IdentityPoolServer } from '../../test/support/identity-pool-server';
import { CLIENT_ID as MANAGED_LOGIN_CLIENT_ID, POOL_ID as MANAGED_LOGIN_POOL_ID, USER as MANAGED_LOGIN_USER, startOAuthDouble, type OAuthDouble } from '../../test/support/oauth-provider';
import { selfSignedCertificate } from './self-signed';

/** The demo app's managed-login callback page (the app's index.html, served under this path too). */
export const MANAGED_LOGIN_CALLBACK = '/callback';

export interface DemoEnvironment {
  cognito: CognitoLocalServer;
  /** The strict double in front of cognito-local: the endpoint the demo app and replays talk to. */
  strict: StrictCognito;
  /** The identity-pool service (test/support/identity-pool-server.ts): verifies Logins tokens against cognito-local's JWKS. */
  identityPool: IdentityPoolServer;
  /** The managed-login double (HTTPS, self-signed: the browser must be told to accept it). */
  managedLogin: OAuthDouble;
  seed: CognitoSeed;
  config: DemoConfig;
  server: StaticServer;
  /** Stops the demo server and cognito-local. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The user of the SRP button (Amplify's default USER_SRP_AUTH). The SRP stand-in holds its verifier
 * and answers its sign-in; it is also created in cognito-local, so the pool has the user whose
 * tokens the stand-in mints (calls after the sign-in go to cognito-local).
 */
export const SRP_USER = { username: 'ivy-srp', password: 'Ivy-Passw0rd!', email: 'ivy@example.test' } as const;

/** Creates SRP_USER in cognito-local with a permanent password, as the seed does for its users. */
export async function seedSrpUser(seed: CognitoSeed): Promise<void> {
  const sdk = sdkClient(seed.endpoint);
  try {
    await sdk.send(new AdminCreateUserCommand({
      UserPoolId: seed.userPoolId,
      Username: SRP_USER.username,
      TemporaryPassword: SRP_USER.password,
      UserAttributes: [{ Name: 'email', Value: SRP_USER.email }, { Name: 'email_verified', Value: 'true' }],
      MessageAction: 'SUPPRESS',
    }));
    await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: seed.userPoolId, Username: SRP_USER.username, Password: SRP_USER.password, Permanent: true }));
  } finally {
    sdk.destroy();
  }
}

export function demoConfig(seed: CognitoSeed, identityPool?: Pick<IdentityPoolServer, 'identityPoolId' | 'endpoint'>): DemoConfig {
  const { confirmed, 'new-password': newPassword, 'totp-mfa': totp, 'new-password-broken': broken } = seed.users;
  return {
    endpoint: seed.endpoint,
    userPoolId: seed.userPoolId,
    clientId: seed.clientId,
    ...(identityPool ? { identityPool: { id: identityPool.identityPoolId, endpoint: identityPool.endpoint } } : {}),
    users: {
      plain: { username: confirmed.username, password: confirmed.password },
      newPassword: { username: newPassword.username, password: newPassword.password, newPassword: newPassword.newPassword ?? 'Chosen-Passw0rd!' },
      totp: { username: totp.username, password: totp.password, totpSecret: totp.totpSecret ?? '' },
      broken: { username: broken.username, password: broken.password },
      srp: { username: SRP_USER.username, password: SRP_USER.password },
    },
  };
}

/** Builds the demo app unless asked to reuse a build that is there. */
export async function ensureDemoBuilt(options: { rebuild?: boolean } = {}): Promise<string> {
  if (!options.rebuild && existsSync(join(DEMO_OUT, 'index.html'))) return DEMO_OUT;
  return buildDemo();
}

export interface DemoEnvironmentOptions {
  rebuild?: boolean;
  /** Settings of the strict double (Session validity, what a rejected answer does to its Session). */
  strict?: Pick<StrictCognitoOptions, 'sessionValidityMs' | 'rejectedAnswer'>;
}

export async function startDemoEnvironment(options: DemoEnvironmentOptions = {}): Promise<DemoEnvironment> {
  const root = await ensureDemoBuilt(options);
  const { server: cognito, seed: localSeed } = await startSeededCognitoLocal();
  let strict: StrictCognito | null = null;
  let identityPool: IdentityPoolServer | null = null;
  let managedLogin: OAuthDouble | null = null;
  let server: StaticServer | null = null;
  try {
    const alice = localSeed.users.confirmed;
    await seedSrpUser(localSeed);
    strict = await startStrictCognito({
      ...options.strict,
      upstream: localSeed.endpoint,
      clientSecrets: { [localSeed.secretClient.clientId]: localSeed.secretClient.clientSecret },
      srp: { userPoolId: localSeed.userPoolId, clientIds: [localSeed.clientId, localSeed.secretClient.clientId], users: [{ username: alice.username, password: alice.password, email: alice.email }, { ...SRP_USER }] },
    });
    // The tokens' issuer is cognito-local's own address (not the strict double's): the pool trusts that provider.
    identityPool = await startIdentityPool(cognito, localSeed);
    const seed = { ...localSeed, endpoint: strict.endpoint };
    // The demo server and the managed-login double each need the other's address: the server starts
    // first, with its /config.json filled in once the double (which registers the callback) listens.
    const configDocument = { type: JSON_TYPE, body: '' };
    const callbackPage = { type: 'text/html; charset=utf-8', body: readFileSync(join(root, 'index.html')) };
    server = await startStaticServer(root, { index: 'index.html', documents: { '/config.json': configDocument, [MANAGED_LOGIN_CALLBACK]: callbackPage } });
    // The app is opened as http://localhost:<port>: Cognito takes an http callback URL only on
    // localhost (managed-login-oauth2.md §2.1), so a 127.0.0.1 callback would be a mistake of the demo's own.
    server = { ...server, url: server.url.replace('://127.0.0.1:', '://localhost:') };
    managedLogin = await startOAuthDouble({ redirectUris: [new URL(MANAGED_LOGIN_CALLBACK, server.url).toString()], tls: selfSignedCertificate() });
    const config: DemoConfig = {
      ...demoConfig(seed, identityPool),
      managedLogin: {
        domain: managedLogin.host,
        userPoolId: MANAGED_LOGIN_POOL_ID,
        clientId: MANAGED_LOGIN_CLIENT_ID,
        callbackPath: MANAGED_LOGIN_CALLBACK,
        user: { username: MANAGED_LOGIN_USER.username, password: MANAGED_LOGIN_USER.password },
      },
    };
    configDocument.body = JSON.stringify(config);
    const double = strict;
    const pool = identityPool;
    const oauth = managedLogin;
    const site = server;
    let stopped: Promise<void> | null = null;
    return {
      cognito,
      strict: double,
      identityPool: pool,
      managedLogin: oauth,
      seed,
      config,
      server: site,
      stop: () => (stopped ??= Promise.all([site.close(), double.close(), pool.close(), oauth.close(), cognito.stop()]).then(() => undefined)),
    };
  } catch (error) {
    await server?.close();
    await managedLogin?.close();
    await strict?.close();
    await identityPool?.close();
    await cognito.stop();
    throw error;
  }
}

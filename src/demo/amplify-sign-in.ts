/**
 * Sign-ins the way most browser apps do them today: Amplify v6 (`aws-amplify`) pointed at
 * the strict double in front of cognito-local with `userPoolEndpoint`. The password buttons ask for
 * USER_PASSWORD_AUTH, which cognito-local answers; `amplifySrpSignIn` uses Amplify's default,
 * USER_SRP_AUTH, which only the SRP stand-in behind the double answers (cognito-local has no SRP;
 * e2e-notes.md "Amplify v6"). Each step resolves to what the app must do next, in the same shape
 * as sign-in.ts, so the page drives both clients alike.
 */
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut, type SignInOutput } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import type { KeyValueStorageInterface } from 'aws-amplify/utils';
import type { DemoConfig, DemoUser } from './config';
import type { SignInStep } from './sign-in';

/** Tokens stay in memory: a demo run must not sign in from what an earlier run left behind. */
export function memoryStorage(): KeyValueStorageInterface {
  const items = new Map<string, string>();
  return {
    setItem: async (key, value) => void items.set(key, value),
    getItem: async (key) => items.get(key) ?? null,
    removeItem: async (key) => void items.delete(key),
    clear: async () => items.clear(),
  };
}

let configuredFor: string | null = null;

/** Another part of the page configured Amplify differently (managed-login.ts): configure again next time. */
export function amplifyReconfigured(): void {
  configuredFor = null;
}

export function configureAmplify(config: DemoConfig): void {
  if (configuredFor === config.endpoint) return;
  // With an identity pool, fetchAuthSession() also gets AWS credentials (GetId, GetCredentialsForIdentity).
  const userPool = { userPoolId: config.userPoolId, userPoolClientId: config.clientId, userPoolEndpoint: config.endpoint };
  const pool = config.identityPool;
  if (pool) Amplify.configure({ Auth: { Cognito: { ...userPool, identityPoolId: pool.id, identityPoolEndpoint: pool.endpoint } } });
  else Amplify.configure({ Auth: { Cognito: userPool } });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(memoryStorage());
  configuredFor = config.endpoint;
}

/** Turns Amplify's next step into the page's: answer it with confirmSignIn, or done. */
async function nextStep(output: SignInOutput): Promise<SignInStep> {
  const step = output.nextStep.signInStep;
  if (output.isSignedIn || step === 'DONE') return { kind: 'signed-in', username: (await getCurrentUser()).username };
  if (step === 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') {
    return { kind: 'new-password', complete: async (newPassword) => nextStep(await confirmSignIn({ challengeResponse: newPassword })) };
  }
  if (step === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE') {
    return { kind: 'totp', answer: async (code) => nextStep(await confirmSignIn({ challengeResponse: code })) };
  }
  throw new Error(`${step} is not part of this demo`);
}

/** Amplify keeps one signed-in user: sign the last one out (locally) before the next sign-in. */
export async function amplifySignIn(config: DemoConfig, credentials: DemoUser): Promise<SignInStep> {
  configureAmplify(config);
  await signOut();
  return nextStep(await signIn({ username: credentials.username, password: credentials.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } }));
}

/**
 * Amplify's default sign-in: `signIn` without an `authFlowType` is USER_SRP_AUTH, i.e.
 * InitiateAuth (SRP_A) → PASSWORD_VERIFIER → RespondToAuthChallenge (PASSWORD_CLAIM_SIGNATURE).
 */
export async function amplifySrpSignIn(config: DemoConfig, credentials: DemoUser): Promise<SignInStep> {
  configureAmplify(config);
  await signOut();
  return nextStep(await signIn({ username: credentials.username, password: credentials.password }));
}

/** Signs the current user out; resolves with who was signed in, or null. */
export async function amplifySignOut(config: DemoConfig): Promise<string | null> {
  configureAmplify(config);
  const current = await getCurrentUser().then((user) => user.username, () => null);
  await signOut();
  return current;
}

/**
 * Amplify's token refresh (`fetchAuthSession({ forceRefresh: true })`): GetTokensFromRefreshToken,
 * which cognito-local 5.3 does not implement (500 `CognitoLocal#Unsupported`; Amplify retries it).
 * Resolves with the access token's user, or throws what Amplify threw.
 */
export async function amplifyRefresh(config: DemoConfig): Promise<string> {
  configureAmplify(config);
  const session = await fetchAuthSession({ forceRefresh: true });
  const user = session.tokens?.accessToken.payload.username;
  if (typeof user !== 'string') throw new Error('no tokens after the refresh (sign in first)');
  return user;
}

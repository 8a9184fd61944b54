/**
 * Sign-ins with amazon-cognito-identity-js (the older client, kept for one demo button) pointed at cognito-local.
 * USER_PASSWORD_AUTH because cognito-local has no SRP. Each step resolves to what the app must do
 * next, so the page can show the challenge and let the user (or a test) answer it.
 */
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type IAuthenticationCallback,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import type { DemoConfig, DemoUser } from './config';

/** What the app must do next; the same shape for Amplify (amplify-sign-in.ts) and this library. */
export type SignInStep =
  | { kind: 'signed-in'; username: string }
  | { kind: 'new-password'; complete(newPassword: string): Promise<SignInStep> }
  | { kind: 'totp'; answer(code: string): Promise<SignInStep> };

/** Tokens stay in memory: a demo run must not sign in from what an earlier run left behind. */
function memoryStorage(): ICognitoStorage {
  const items = new Map<string, string>();
  return {
    setItem: (key, value) => void items.set(key, value),
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

function pool(config: DemoConfig): CognitoUserPool {
  return new CognitoUserPool({
    UserPoolId: config.userPoolId,
    ClientId: config.clientId,
    endpoint: config.endpoint,
    Storage: memoryStorage(),
  });
}

/** One callbacks object per round trip: the library calls exactly one of them. */
function nextStep(user: CognitoUser, send: (callbacks: IAuthenticationCallback) => void): Promise<SignInStep> {
  return new Promise((resolve, reject) => {
    send({
      onSuccess: () => resolve({ kind: 'signed-in', username: user.getUsername() }),
      onFailure: (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      newPasswordRequired: () =>
        resolve({
          kind: 'new-password',
          // No attributes: the ones Cognito lists back (email, email_verified) may not be written here.
          complete: (newPassword) => nextStep(user, (callbacks) => user.completeNewPasswordChallenge(newPassword, {}, callbacks)),
        }),
      totpRequired: () =>
        resolve({
          kind: 'totp',
          answer: (code) => nextStep(user, (callbacks) => user.sendMFACode(code, callbacks, 'SOFTWARE_TOKEN_MFA')),
        }),
      mfaRequired: () => reject(new Error('SMS_MFA is not part of this demo')),
    });
  });
}

export function signIn(config: DemoConfig, credentials: DemoUser): Promise<SignInStep> {
  const user = new CognitoUser({ Username: credentials.username, Pool: pool(config) });
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  const details = new AuthenticationDetails({ Username: credentials.username, Password: credentials.password });
  return nextStep(user, (callbacks) => user.authenticateUser(details, callbacks));
}

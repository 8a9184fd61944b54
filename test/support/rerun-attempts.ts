/**
 * The failed sign-ins the re-run e2e tests start from, in Chromium and in Firefox, sent from the
 * page as an app would send them: (1) a TOTP answer with a wrong code, (2) an SRP proof made with a
 * wrong password. The tests then re-run each from the panel up to the failing step.
 */
import { passwordVerifier, srpStart } from '../../src/core/srp/srp';
import { totpFromSecret } from '../../src/core/srp/totp';

/** A call the page under test makes to the user pool (each browser driver has its own). */
export type PageCall = (operation: string, body: unknown) => Promise<Record<string, unknown>>;

/** Sends InitiateAuth (USER_SRP_AUTH) and a PASSWORD_VERIFIER answer made with a wrong password; returns Cognito's message. */
export async function srpWithWrongPassword(pageCall: PageCall, pool: { clientId: string; userPoolId: string }, username: string): Promise<unknown> {
  const start = srpStart();
  const challenge = await pageCall('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: username, SRP_A: start.srpA } });
  const params = challenge.ChallengeParameters as Record<string, string>;
  const proof = await passwordVerifier({
    userPoolId: pool.userPoolId, userIdForSrp: params.USER_ID_FOR_SRP!, srpB: params.SRP_B!, salt: params.SALT!, secretBlock: params.SECRET_BLOCK!,
    password: 'not-her-password', start, now: new Date(),
  });
  if (!proof.ok) throw new Error(proof.reason);
  const failed = await pageCall('RespondToAuthChallenge', { ClientId: pool.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { USERNAME: username, ...proof.responses } });
  return failed.message;
}

/** Signs in with the password, then answers SOFTWARE_TOKEN_MFA with a code one off the current one: Cognito's answer, and the right code. */
export async function totpWithWrongCode(pageCall: PageCall, pool: { clientId: string }, user: { username: string; password: string; totpSecret?: string }): Promise<{ failed: Record<string, unknown>; code: string }> {
  const started = await pageCall('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } });
  const code = (await totpFromSecret(user.totpSecret!, Date.now()))!;
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const failed = await pageCall('RespondToAuthChallenge', {
    ClientId: pool.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: started.Session, ChallengeResponses: { USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: wrong },
  });
  return { failed, code };
}

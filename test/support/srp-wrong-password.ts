/**
 * Re-run scenario (2) of the edit-and-replay e2e tests, in Chromium and in Firefox: an SRP sign-in
 * proved with a wrong password, sent from the page as an app would send it. Cognito refuses the
 * PASSWORD_VERIFIER answer; the tests then re-run it from the panel with the right password.
 */
import { passwordVerifier, srpStart } from '../../src/core/srp/srp';

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

/**
 * What a replayed call does to the account when it succeeds, said before the first Send: some
 * answers change the account (NEW_PASSWORD_REQUIRED sets the password, VerifySoftwareToken
 * registers an authenticator), others only sign in. First matching row wins.
 */
export interface ReplayEffect {
  /** Changes the account (password, MFA, attributes, sessions), not only signs in. */
  changesAccount: boolean;
  text: string;
}

const EFFECTS: readonly { operation: string; challenge?: string; effect: ReplayEffect }[] = [
  { operation: 'RespondToAuthChallenge', challenge: 'NEW_PASSWORD_REQUIRED', effect: { changesAccount: true, text: "Changes the user's password to NEW_PASSWORD (and sets the userAttributes.* sent), then signs the user in." } },
  { operation: 'RespondToAuthChallenge', challenge: 'MFA_SETUP', effect: { changesAccount: true, text: 'Finishes MFA setup: the factor just verified becomes active on the account, then signs the user in.' } },
  { operation: 'RespondToAuthChallenge', effect: { changesAccount: false, text: 'Answers the challenge; when it is the last one, Cognito signs the user in and issues new tokens (a sign-in in their history).' } },
  { operation: 'InitiateAuth', effect: { changesAccount: false, text: 'Starts a new sign-in: Cognito may send an SMS or email code, and failed attempts count toward the account\'s lockout.' } },
  { operation: 'VerifySoftwareToken', effect: { changesAccount: true, text: 'Registers the authenticator app (a TOTP device) on the account.' } },
  { operation: 'AssociateSoftwareToken', effect: { changesAccount: true, text: 'Issues a new TOTP secret for the account, replacing one not yet verified.' } },
  { operation: 'SignUp', effect: { changesAccount: true, text: 'Creates a user (and sends a confirmation code).' } },
  { operation: 'ConfirmSignUp', effect: { changesAccount: true, text: 'Confirms the user\'s sign-up.' } },
  { operation: 'ForgotPassword', effect: { changesAccount: false, text: 'Sends the user a password-reset code.' } },
  { operation: 'ConfirmForgotPassword', effect: { changesAccount: true, text: "Changes the user's password." } },
  { operation: 'ChangePassword', effect: { changesAccount: true, text: "Changes the user's password." } },
  { operation: 'GlobalSignOut', effect: { changesAccount: true, text: 'Signs the user out everywhere: revokes their refresh tokens.' } },
  { operation: 'RevokeToken', effect: { changesAccount: true, text: 'Revokes the refresh token and the tokens issued from it.' } },
  { operation: 'SetUserMFAPreference', effect: { changesAccount: true, text: "Changes the user's MFA settings." } },
  { operation: 'UpdateUserAttributes', effect: { changesAccount: true, text: "Changes the user's attributes (and may send a verification code)." } },
  { operation: 'DeleteUser', effect: { changesAccount: true, text: 'Deletes the user.' } },
];

const UNKNOWN: ReplayEffect = { changesAccount: false, text: 'Sends the call to Cognito again: what it changes depends on the operation.' };

export function replayEffect(operation: string, challenge: string | null): ReplayEffect {
  const row = EFFECTS.find((r) => r.operation === operation && (r.challenge === undefined || r.challenge === challenge));
  if (row) return row.effect;
  return operation.startsWith('Get') || operation.startsWith('List') || operation.startsWith('Describe')
    ? { changesAccount: false, text: 'Reads data; changes nothing.' }
    : UNKNOWN;
}
